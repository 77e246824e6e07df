# Writes OUT, a C++ file defining covalue::embedded::SYMBOL() returning the text of IN.
file(READ ${IN} content)
string(FIND "${content}" ")covalue_embed\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${IN} contains the raw-string delimiter")
endif()
file(WRITE ${OUT}.tmp "#include <string_view>\nnamespace covalue::embedded {\nstd::string_view ${SYMBOL}() {\n  static constexpr char kText[] = R\"covalue_embed(${content})covalue_embed\";\n  // Sized by the array, not by a constexpr strlen (which has a step limit).\n  return std::string_view(kText, sizeof(kText) - 1);\n}\n}  // namespace covalue::embedded\n")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
