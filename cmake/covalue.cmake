# Helpers shared by every module: warning flags, sanitizers, module and test targets.

set(COVALUE_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wconversion)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # g++ 12 false positives on std::string in C++20 (GCC PR105651).
  list(APPEND COVALUE_WARNINGS
       -Wno-error=restrict -Wno-error=stringop-overflow -Wno-error=maybe-uninitialized)
endif()
if(COVALUE_WERROR AND NOT COVALUE_SANITIZE)
  list(APPEND COVALUE_WARNINGS -Werror)
endif()
if(COVALUE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
if(COVALUE_FUZZ)
  # Coverage for libFuzzer in every library; the fuzz targets link libFuzzer itself (fuzz/).
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

# covalue_module(NAME n SOURCES … [DEPENDS covalue::x …] [PRIVATE_DEPS …])
# A static library covalue_<n> (alias covalue::<n>) whose includes start at src/.
function(covalue_module)
  cmake_parse_arguments(M "" "NAME" "SOURCES;DEPENDS;PRIVATE_DEPS" ${ARGN})
  add_library(covalue_${M_NAME} STATIC ${M_SOURCES})
  add_library(covalue::${M_NAME} ALIAS covalue_${M_NAME})
  target_include_directories(covalue_${M_NAME} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(covalue_${M_NAME} PRIVATE ${COVALUE_WARNINGS})
  target_link_libraries(covalue_${M_NAME} PUBLIC ${M_DEPENDS} PRIVATE ${M_PRIVATE_DEPS})
  if(COVALUE_HEADER_CHECK)
    covalue_check_headers(${M_NAME} "${M_PRIVATE_DEPS}")
  endif()
endfunction()

# Every header compiles alone: one generated translation unit per header that includes only it
# (as Beast's *_fwd checks do), built with the module's own dependencies.
function(covalue_check_headers NAME PRIVATE_DEPS)
  file(GLOB_RECURSE headers CONFIGURE_DEPENDS RELATIVE ${PROJECT_SOURCE_DIR}/src
       ${CMAKE_CURRENT_SOURCE_DIR}/*.h)
  set(sources)
  foreach(header IN LISTS headers)
    string(MAKE_C_IDENTIFIER ${header} id)
    set(check ${CMAKE_CURRENT_BINARY_DIR}/header_check/${id}.cc)
    file(CONFIGURE OUTPUT ${check} CONTENT "#include \"${header}\"\n")
    list(APPEND sources ${check})
  endforeach()
  if(sources)
    add_library(covalue_${NAME}_header_check OBJECT ${sources})
    target_compile_options(covalue_${NAME}_header_check PRIVATE ${COVALUE_WARNINGS})
    target_link_libraries(covalue_${NAME}_header_check PRIVATE covalue::${NAME} ${PRIVATE_DEPS}
                          GTest::gtest)
    # Test headers kept beside their module (store/conformance/) use the shared test support.
    target_include_directories(covalue_${NAME}_header_check PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  endif()
endfunction()

# covalue_unit_tests(NAME n SOURCES … DEPENDS …): one GoogleTest binary per module, label unit.
# POSTGRES: the tests use the private PostgreSQL cluster of the ctest fixture "postgres"
# (tests/CMakeLists.txt, scripts/test-postgres), found through COVALUE_TEST_POSTGRES_DIR.
function(covalue_unit_tests)
  cmake_parse_arguments(T "POSTGRES" "NAME" "SOURCES;DEPENDS" ${ARGN})
  add_executable(covalue_${T_NAME}_tests ${T_SOURCES})
  if(COVALUE_SANITIZE)
    target_sources(covalue_${T_NAME}_tests PRIVATE ${PROJECT_SOURCE_DIR}/tests/support/lsan_suppressions.cc)
  endif()
  target_compile_options(covalue_${T_NAME}_tests PRIVATE ${COVALUE_WARNINGS})
  target_include_directories(covalue_${T_NAME}_tests PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  target_link_libraries(covalue_${T_NAME}_tests PRIVATE ${T_DEPENDS} GTest::gtest GTest::gtest_main)
  if(T_POSTGRES)
    gtest_discover_tests(covalue_${T_NAME}_tests DISCOVERY_TIMEOUT 60 PROPERTIES LABELS unit
      FIXTURES_REQUIRED postgres
      ENVIRONMENT "COVALUE_TEST_POSTGRES_DIR=${COVALUE_TEST_POSTGRES_DIR}")
  else()
    gtest_discover_tests(covalue_${T_NAME}_tests PROPERTIES LABELS unit DISCOVERY_TIMEOUT 60)
  endif()
endfunction()

# covalue_embed(TARGET_VAR out.cc SYMBOL name FILE path): compiles a text file into the binary
# as `std::string_view name()` in namespace covalue::embedded.
function(covalue_embed OUT SYMBOL FILE)
  add_custom_command(
    OUTPUT ${OUT}
    COMMAND ${CMAKE_COMMAND} -DIN=${FILE} -DOUT=${OUT} -DSYMBOL=${SYMBOL}
            -P ${PROJECT_SOURCE_DIR}/cmake/embed.cmake
    DEPENDS ${FILE} ${PROJECT_SOURCE_DIR}/cmake/embed.cmake
    VERBATIM)
endfunction()

include(GoogleTest)
