# Two commands for a newcomer: `make demo` and `make test`. Both install what is missing
# first (Debian packages, then a .venv with optally built from this checkout).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APT_PACKAGES := libeigen3-dev nlohmann-json3-dev catch2 cmake g++ make
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
