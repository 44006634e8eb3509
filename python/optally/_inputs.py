"""Finding the inputs a user names: articles to extract from, and fact files to load."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ._core import InputError

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
FACT_SUFFIXES = (".jsonl", ".json", ".csv")


@dataclass
class Inputs:
    articles: list[Path] = field(default_factory=list)
    fact_files: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why)
    stdin: bool = False


def collect(paths: Iterable[str | os.PathLike], *, facts_allowed: bool = True) -> Inputs:
    """Sort what the user named into articles and fact files.

    Directories are walked recursively in sorted order (so results are deterministic);
    inside them, files of other kinds are skipped and reported. A named path that does not
    exist raises InputError; so does a named file of an unknown kind.
    """
    found = Inputs()
    for raw in paths:
        if str(raw) == "-":
            found.stdin = True
            continue
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    _add(found, Path(root) / name, named=False, facts_allowed=facts_allowed)
        elif path.exists():
            _add(found, path, named=True, facts_allowed=facts_allowed)
        else:
            raise InputError(f"{path}: no such file or directory")
    return found


def _add(found: Inputs, path: Path, *, named: bool, facts_allowed: bool) -> None:
    suffix = path.suffix.lower()
    if suffix in ARTICLE_SUFFIXES:
        found.articles.append(path)
    elif suffix in FACT_SUFFIXES and facts_allowed:
        found.fact_files.append(path)
    elif named:
        kinds = ", ".join(ARTICLE_SUFFIXES + (FACT_SUFFIXES if facts_allowed else ()))
        raise InputError(f"{path}: unknown kind of file (expected one of {kinds})")
    elif not path.name.startswith("."):
        found.skipped.append((str(path), f"not an article ({', '.join(ARTICLE_SUFFIXES)})"))
