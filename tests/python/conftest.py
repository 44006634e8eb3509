import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


@pytest.fixture
def shared_dir():
    assert SHARED.is_dir(), f"the shared corpus is expected beside the repository at {SHARED}"
    return SHARED


@pytest.fixture
def root_dir():
    return ROOT
