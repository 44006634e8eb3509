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

.PHONY: demo test setup system-deps test-cpp test-python test-notebooks bench fuzz test-sanitize clean help

help:
	@echo "make demo   install what is missing, then run optally on its embedded sample"
	@echo "make test   install what is missing, then run every test (ctest, pytest, notebooks)"
	@echo "make bench  run the benchmarks and write benchmarks/RESULTS.md"

demo: setup
	$(BIN)/optally report

test: setup test-cpp test-python

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

# Each libFuzzer harness for FUZZ_SECONDS, starting from the seed inputs in tests/fuzz/seeds.
FUZZ_SECONDS ?= 60
fuzz:
	@command -v clang++ >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq clang libclang-rt-14-dev; }
	CC=clang CXX=clang++ cmake -S . -B build/fuzz -DOPTALLY_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build build/fuzz -j $(JOBS)
	@set -e; for harness in build/fuzz/fuzz_*; do \
	  name=$$(basename $$harness); corpus=build/fuzz/corpus/$$name; mkdir -p $$corpus; \
	  echo "fuzzing $$name for $(FUZZ_SECONDS) s"; \
	  $$harness -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -artifact_prefix=build/fuzz/ $$corpus tests/fuzz/seeds/$$name 2>&1 | tail -n 1; \
	done
