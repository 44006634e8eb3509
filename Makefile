# Two commands for a newcomer: `make demo` and `make test`. Both install what is missing
# first (Debian packages, then a .venv with optally built from this checkout).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APT_PACKAGES := libeigen3-dev nlohmann-json3-dev catch2 cmake g++ make chromium
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CPP_BUILD := build/cpp
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SOURCES := $(shell find cpp bindings python data -type f -not -name '*.pyc' 2>/dev/null) CMakeLists.txt pyproject.toml
CMAKE_FLAGS ?=

.PHONY: demo test setup system-deps test-cpp test-python test-notebooks bench fuzz test-sanitize test-tsan ci clean help

help:
	@echo "make demo   install what is missing, then run optally on its embedded sample"
	@echo "make test   install what is missing, then run every test (ctest, pytest, notebooks)"
	@echo "make bench  run the benchmarks and write benchmarks/RESULTS.md"
	@echo "make test-sanitize  the C++ tests under AddressSanitizer + UndefinedBehaviorSanitizer"
	@echo "make test-tsan      the C++ tests under ThreadSanitizer"
	@echo "make fuzz           each libFuzzer harness for FUZZ_SECONDS (default 60); fails on any crash"
	@echo "make ci             what CI runs: test, test-sanitize, test-tsan, fuzz"

demo: setup
	$(BIN)/optally report

test: setup test-cpp test-python

# Everything CI runs (.ci/run): about 20 minutes on 2 cores from a clean clone.
ci: test test-sanitize test-tsan fuzz

setup: system-deps $(VENV)/.installed

# Installs the Debian packages only when one is missing, so a set-up machine needs no root.
system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The build requirements live in the venv and the build is not isolated, so that
# scikit-build-core's build folder (build/<wheel tag>) is reused and rebuilds are incremental.
$(VENV)/.installed: $(BIN)/python $(SOURCES)
	$(BIN)/pip install -q --disable-pip-version-check "scikit-build-core>=0.10" "pybind11>=2.12" ninja
	$(BIN)/pip install -q --disable-pip-version-check --no-build-isolation ".[test]"
	@touch $@

test-cpp: system-deps
	cmake -S . -B $(CPP_BUILD) -DOPTALLY_BUILD_TESTS=ON -DOPTALLY_WERROR=ON -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) >/dev/null
	cmake --build $(CPP_BUILD) -j $(JOBS)
	cd $(CPP_BUILD) && ctest --output-on-failure -j $(JOBS)

test-python: $(VENV)/.installed
	$(BIN)/python -m pytest

clean:
	rm -rf build $(VENV)

# Speed and memory against pandas, polars and DuckDB; writes benchmarks/RESULTS.md.
bench: setup
	$(BIN)/pip install -q --disable-pip-version-check --no-build-isolation ".[test,bench]"
	$(BIN)/python benchmarks/run_all.py

# The C++ tests under AddressSanitizer + UndefinedBehaviorSanitizer.
test-sanitize: system-deps
	cmake -S . -B build/asan -DOPTALLY_BUILD_TESTS=ON -DOPTALLY_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
	cmake --build build/asan -j $(JOBS)
	cd build/asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

# Each libFuzzer harness for FUZZ_SECONDS (JOBS at a time), from the seed inputs in
# tests/fuzz/seeds and the harness's dictionary; any crash, sanitizer report, leak, timeout
# or out-of-memory fails the target (tests/fuzz/run.sh says where the input and log are).
# A crash found becomes a regression test in tests/cpp/test_regressions_*.cpp.
FUZZ_SECONDS ?= 60
fuzz:
	@command -v clang++ >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq clang libclang-rt-14-dev; }
	CC=clang CXX=clang++ cmake -S . -B build/fuzz -DOPTALLY_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build build/fuzz -j $(JOBS)
	FUZZ_SECONDS=$(FUZZ_SECONDS) JOBS=$(JOBS) tests/fuzz/run.sh

# The C++ tests under ThreadSanitizer: extract_files(threads=N) and the other threaded
# paths must give no reports (halt_on_error turns a report into a failing test).
test-tsan: system-deps
	cmake -S . -B build/tsan -DOPTALLY_BUILD_TESTS=ON -DOPTALLY_TSAN=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build build/tsan -j $(JOBS)
	cd build/tsan && TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" ctest --output-on-failure -j $(JOBS)
