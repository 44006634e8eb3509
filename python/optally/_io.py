"""Writing output files so that an interrupted run never leaves a half-written file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _ordinary_mode(descriptor: int) -> None:
    """mkstemp makes files only the owner can read; an output file should get the usual mode."""
    os.fchmod(descriptor, 0o666 & ~_umask())


def atomic_write_text(path, text: str) -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename over ``path``."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    _ordinary_mode(descriptor)
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
        directory = self.path.parent if str(self.path.parent) else Path(".")
        descriptor, self._temporary = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=directory)
        _ordinary_mode(descriptor)
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
