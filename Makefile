# The front door: `make run` and `make test` set up, build and go (README: Quick start).
BUILD ?= build
SANITIZE_BUILD ?= build-sanitize
JOBS ?= 2
WEB_SOURCES := $(shell find web/src -type f 2>/dev/null) web/index.html web/vite.config.ts \
               web/tsconfig.json web/package-lock.json

.PHONY: setup build run test test-sanitize fuzz format tidy bench clean

setup:
	@scripts/setup

# -O2 with line tables (-g1): backtraces, perf and sanitizer reports name files and lines, and
# the build takes about a third less time than with full debug information. A developer who
# needs variables in a debugger configures a folder of their own with -DCMAKE_BUILD_TYPE=Debug.
$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG"

web/dist/index.html: $(WEB_SOURCES)
	cd web && ../scripts/npm run --silent build

build: setup $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)
	@$(MAKE) --no-print-directory web/dist/index.html

run: build
	scripts/run

test: build
	cd $(BUILD) && ctest -j $(JOBS) --output-on-failure

# ASan + UBSan in its own folder: every unit test and the integration tests of bad input.
# -O1 -g1 as AddressSanitizer advises: line tables are all a report needs, and the build takes
# less than half the time of -O2 -g on two cores.
# The sanitizer build is clang's, so that it also builds the libFuzzer targets (fuzz/): each
# fuzzes for 20 s here; `make fuzz` fuzzes each for FUZZ_SECONDS (default 600).
$(SANITIZE_BUILD)/build.ninja:
	CXX=clang++ cmake -S . -B $(SANITIZE_BUILD) -G Ninja \
	  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
	  -DCOVALUE_SANITIZE=ON -DCOVALUE_HEADER_CHECK=OFF -DCOVALUE_FUZZ=ON

test-sanitize: setup $(SANITIZE_BUILD)/build.ninja
	cmake --build $(SANITIZE_BUILD) -j $(JOBS)
	cd $(SANITIZE_BUILD) && ctest -j $(JOBS) -L 'unit|bad_input|fuzz' --output-on-failure

FUZZ_SECONDS ?= 600
fuzz: setup $(SANITIZE_BUILD)/build.ninja
	cmake --build $(SANITIZE_BUILD) -j $(JOBS)
	cd $(SANITIZE_BUILD) && COVALUE_FUZZ_SECONDS=$(FUZZ_SECONDS) ctest -j $(JOBS) -L fuzz \
	  --timeout $$(( $(FUZZ_SECONDS) + 120 )) --output-on-failure

format: setup
	git ls-files 'src/*.h' 'src/*.cc' 'tests/*.h' 'tests/*.cc' 'bench/*.cc' | xargs clang-format -i

tidy: setup $(BUILD)/build.ninja
	git ls-files 'src/*.cc' | xargs -P $(JOBS) -n 4 clang-tidy -p $(BUILD) --quiet --extra-arg=-Wno-unknown-warning-option

# Google Benchmark of the SPC library and the measure store (bench/README.md for the peer
# comparison, bench/compare.sh).
bench: build
	$(BUILD)/bench/covalue_spc_bench

clean:
	rm -rf $(BUILD) $(SANITIZE_BUILD) web/dist
