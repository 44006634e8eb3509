"""Output files are replaced whole or not at all.

Every output (``-o``, ``--html``) is written to a hidden temporary file beside it,
``.NAME.HOST.PID.RANDOM.tmp``, and renamed over the target when complete. Ctrl-C, SIGTERM and
errors remove the temporary file. SIGKILL cannot be caught, so it may leave one behind: it is
hidden, and the next write to the same target removes it (its writer's PID no longer runs).
In every case the previous output is untouched.
"""

import os
import signal
import socket
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from optally import cli
from optally._io import atomic_write_text

ARTICLE = (
    "Published {day} June 2022\n"
    "Operation Brackenfold: {arrests} arrested\n"
    "Officers from Wessex Constabulary executed {warrants} search warrants during a week of action. "
    "A total of {arrests} people were arrested and {children} children were safeguarded.\n"
)
# Text without figures, so that each file costs the extractor some time.
FILLER = "Residents were told that the enquiries continue and that more information will follow. " * 120

PREVIOUS = "the previous output\n"


def command(*args):
    return [sys.executable, "-m", "optally.cli", *map(str, args)]


def leftovers(folder: Path):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory):
    """Three batches of articles: the output has been written to part way long before the end."""
    folder = tmp_path_factory.mktemp("articles")
    for i in range(3 * cli.EXTRACT_BATCH_FILES):
        text = ARTICLE.format(day=1 + i % 28, arrests=10 + i % 70, warrants=20 + i % 50, children=1 + i % 9)
        (folder / f"report_{i:04}.txt").write_text(text + FILLER, encoding="utf-8")
    return folder


def start_and_wait_for_partial_output(args, out: Path, *, timeout=60.0):
    """Start the CLI and return once its temporary output holds the first batch."""
    process = subprocess.Popen(command(*args), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        partial = [p for p in out.parent.glob(f".{out.name}.*.tmp") if p.stat().st_size > 0]
        if partial:
            return process, partial[0]
        if process.poll() is not None:
            pytest.fail(f"the run ended before it was interrupted: {process.communicate()[1].decode()}")
        time.sleep(0.005)
    process.kill()
    process.communicate()
    pytest.fail("no partial output appeared")


def test_sigkill_mid_run_keeps_the_previous_output_and_the_next_run_cleans_up(big_folder, tmp_path):
    out = tmp_path / "facts.jsonl"
    out.write_text(PREVIOUS)
    process, partial = start_and_wait_for_partial_output(["extract", big_folder, "-o", out, "--threads", "1"], out)
    process.kill()
    process.communicate()
    assert process.returncode == -signal.SIGKILL
    assert out.read_text() == PREVIOUS
    # What SIGKILL may leave: a hidden file naming its (now dead) writer.
    assert leftovers(tmp_path) == [partial.name]
    assert partial.name.startswith(".facts.jsonl.") and f".{process.pid}." in partial.name

    finished = subprocess.run(command("extract", big_folder, "-o", out), capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert leftovers(tmp_path) == []
    lines = out.read_text().splitlines()
    assert len(lines) >= 3 * cli.EXTRACT_BATCH_FILES and lines[-1].endswith("}")


@pytest.mark.parametrize("sig,code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupt_or_terminate_mid_run_leaves_nothing_behind(big_folder, tmp_path, sig, code):
    out = tmp_path / "facts.jsonl"
    out.write_text(PREVIOUS)
    process, _ = start_and_wait_for_partial_output(["extract", big_folder, "-o", out, "--threads", "1"], out)
    process.send_signal(sig)
    _, err = process.communicate(timeout=120)
    assert process.returncode == code, err
    assert b"no output file was changed" in err and b"Traceback" not in err
    assert out.read_text() == PREVIOUS
    assert leftovers(tmp_path) == []


def test_sigkill_while_the_file_is_being_written(tmp_path):
    """Killed between writing the temporary file and renaming it: the moment that matters."""
    out = tmp_path / "ops.json"
    out.write_text(PREVIOUS)
    ready = tmp_path / "ready"
    script = textwrap.dedent(f"""
        import os, time
        from optally import _io
        def stall(descriptor):
            open({str(ready)!r}, "w").close()
            time.sleep(60)
        _io.os.fsync = stall
        _io.atomic_write_text({str(out)!r}, "x" * 5_000_000)
    """)
    process = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 60
    while not ready.exists() and time.monotonic() < deadline:
        time.sleep(0.005)
    assert ready.exists()
    process.kill()
    process.wait()
    assert out.read_text() == PREVIOUS
    assert len(leftovers(tmp_path)) == 1
    atomic_write_text(out, "new\n")
    assert out.read_text() == "new\n"
    assert leftovers(tmp_path) == []


def test_only_abandoned_temporary_files_are_removed(tmp_path):
    out = tmp_path / "report.csv"
    host = "".join(c if c.isalnum() or c == "-" else "-" for c in socket.gethostname())
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    names = {
        "abandoned": f".report.csv.{host}.{dead.pid}.abc123.tmp",
        "running": f".report.csv.{host}.{os.getpid()}.def456.tmp",  # a live writer: this test
        "other host": f".report.csv.elsewhere.{dead.pid}.ghi789.tmp",  # cannot tell: keep
        "other target": f".report.csv.bak.{host}.{dead.pid}.jkl012.tmp",
        "not ours": ".report.csv.tmp",
    }
    for name in names.values():
        (tmp_path / name).write_text("partial")
    atomic_write_text(out, "new\n")
    remaining = set(leftovers(tmp_path))
    assert names["abandoned"] not in remaining
    assert remaining == {names[k] for k in ("running", "other host", "other target", "not ours")}


def test_an_error_during_the_run_changes_no_output(tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text('{"doc":"d","metric":"arrests","value":3}\n')
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc":"d","metric":"arrests","value":3}\n{"doc":"d","metric":"arrests","value":-3}\n')
    out, html = tmp_path / "out" / "report.txt", tmp_path / "out" / "report.html"
    out.parent.mkdir()
    out.write_text(PREVIOUS)
    html.write_text(PREVIOUS)
    result = subprocess.run(command("report", good, bad, "-o", out, "--html", html), capture_output=True, text=True)
    assert result.returncode == 2 and "bad.jsonl:2" in result.stderr
    assert out.read_text() == PREVIOUS and html.read_text() == PREVIOUS
    assert leftovers(out.parent) == []


def test_an_output_folder_that_does_not_exist_is_a_clear_error(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE.format(day=1, arrests=12, warrants=3, children=2))
    result = subprocess.run(command("extract", tmp_path / "a.txt", "-o", tmp_path / "no" / "such" / "out.jsonl"),
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "No such file" in result.stderr


def test_the_output_keeps_a_private_mode_and_new_files_follow_the_umask(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE.format(day=1, arrests=12, warrants=3, children=2))
    private = tmp_path / "private.jsonl"
    private.write_text(PREVIOUS)
    private.chmod(0o600)
    fresh = tmp_path / "fresh.jsonl"
    for out in (private, fresh):
        result = subprocess.run(command("extract", tmp_path / "a.txt", "-o", out), capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask
