"""The notebooks are documentation that runs: each is executed from a clean kernel of this
interpreter and must finish without an error or a warning; in git they carry no outputs."""

import json
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))
KERNEL = "optally-test"


def test_the_notebooks_are_there():
    names = [p.name for p in PATHS]
    for expected in ("01-quickstart.ipynb", "02-comparing-operations.ipynb", "03-your-own-corpus.ipynb"):
        assert expected in names, f"notebooks/{expected} is missing"


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_notebook_is_stored_without_outputs(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for number, cell in enumerate(notebook["cells"], 1):
        if cell["cell_type"] != "code":
            continue
        assert cell.get("outputs") == [], f"{path.name}: cell {number} has outputs; strip them before committing"
        assert cell.get("execution_count") is None, f"{path.name}: cell {number} has an execution count"
    assert "widgets" not in notebook.get("metadata", {}), f"{path.name}: widget state is stored"


@pytest.fixture(scope="module")
def kernel(tmp_path_factory):
    """A kernel spec for this very interpreter, in a private folder, so the notebooks run
    against the optally installed here whatever kernels the machine has."""
    prefix = tmp_path_factory.mktemp("jupyter")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_PLATFORM_DIRS", "1")  # jupyter_core warns about its path migration otherwise
        patch.setenv("JUPYTER_PATH", str(prefix / "share" / "jupyter"))
        patch.setenv("MPLBACKEND", "Agg")  # no display is needed
        patch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # the debugger's frozen-modules notice
        from ipykernel.kernelspec import install

        install(kernel_name=KERNEL, prefix=str(prefix), display_name="optally tests")
        yield KERNEL


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_notebook_runs_from_a_clean_kernel(path, kernel):
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = nbformat.read(str(path), as_version=4)
    nbformat.validate(notebook)
    client = NotebookClient(notebook, kernel_name=kernel, timeout=120,
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    started = time.perf_counter()
    try:
        client.execute()
    except CellExecutionError as error:
        pytest.fail(f"{path.name} failed:\n{error}")
    elapsed = time.perf_counter() - started
    print(f"{path.name}: {elapsed:.1f} s", file=sys.stderr)
    for number, cell in enumerate(notebook.cells, 1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                pytest.fail(f"{path.name}: cell {number} wrote to stderr (a warning?):\n{output['text']}")
    assert elapsed < 45, f"{path.name} took {elapsed:.0f} s; the notebooks together should stay under a minute"
