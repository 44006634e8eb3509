"""A progress bar on standard error, shown only on a terminal."""

from __future__ import annotations

import sys
import time


class Progress:
    """Redraws at most ten times a second; silent when stderr is not a terminal or total is small."""

    def __init__(self, total: int, label: str, *, minimum: int = 20, stream=None):
        self.stream = stream or sys.stderr
        self.total = total
        self.label = label
        self.enabled = total >= minimum and hasattr(self.stream, "isatty") and self.stream.isatty()
        self._last = 0.0

    def __call__(self, done: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if done < self.total and now - self._last < 0.1:
            return
        self._last = now
        width = 30
        filled = int(width * done / max(self.total, 1))
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {done}/{self.total}")
        if done >= self.total:
            self.stream.write("\n")
        self.stream.flush()
