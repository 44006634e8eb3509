"""Writing output files so that an interrupted run never leaves a half-written file.

Output goes to a hidden temporary file beside the target (``.NAME.HOST.PID.RANDOM.tmp``),
which is renamed over the target only once it is complete. An error or Ctrl-C removes the
temporary file; a run killed outright (SIGKILL, power loss) cannot, so the next write to the
same target removes temporary files of that target left by processes of this host that no
longer run. The previous output stays intact in every case.
"""

from __future__ import annotations

import os
import re
import socket
import stat
import tempfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _ordinary_mode(descriptor: int, target: Path) -> None:
    """mkstemp makes files only the owner can read; an output file should get the usual mode,
    or keep the one its previous version had (an analyst who made it private meant it)."""
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mode = 0o666 & ~_umask()
    os.fchmod(descriptor, mode)


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9-]", "-", socket.gethostname()) or "host"


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _remove_abandoned(target: Path, directory: Path) -> None:
    """Remove temporary files of ``target`` whose writer, on this host, has died."""
    prefix, host = f".{target.name}.", _host()
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return
    for entry in entries:
        if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
            continue
        parts = entry.name[len(prefix):-len(".tmp")].split(".")
        if len(parts) == 3 and parts[0] == host and parts[1].isdigit() and not _running(int(parts[1])):
            try:
                os.unlink(entry.path)
            except OSError:
                pass


def _temporary_beside(target: Path):
    """A new hidden temporary file in the target's folder: (descriptor, path)."""
    directory = target.parent if str(target.parent) else Path(".")
    _remove_abandoned(target, directory)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.{_host()}.{os.getpid()}.", suffix=".tmp",
                                             dir=directory)
    _ordinary_mode(descriptor, target)
    return descriptor, temporary


def atomic_write_text(path, text: str) -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename over ``path``."""
    target = Path(path)
    descriptor, temporary = _temporary_beside(target)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class AtomicOutput:
    """A text output written piece by piece: standard output when ``path`` is None, else a
    hidden temporary file beside ``path`` that replaces it only when the block ends without
    an error. An interrupted run leaves any previous file untouched."""

    def __init__(self, path):
        self.path = Path(path) if path else None
        self._temporary = None
        self._stream = None

    def __enter__(self):
        import sys

        if self.path is None:
            self._stream = sys.stdout
            return self
        descriptor, self._temporary = _temporary_beside(self.path)
        self._stream = os.fdopen(descriptor, "w", encoding="utf-8", newline="\n")
        return self

    def write(self, text: str) -> None:
        self._stream.write(text)
        if self.path is None:
            self._stream.flush()

    def __exit__(self, kind, error, trace):
        if self.path is None:
            return False
        try:
            if kind is None:
                self._stream.flush()
                os.fsync(self._stream.fileno())
            self._stream.close()
            if kind is None:
                os.replace(self._temporary, self.path)
        finally:
            if kind is not None or Path(self._temporary).exists():
                Path(self._temporary).unlink(missing_ok=True)
        return False
