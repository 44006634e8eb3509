"""Finding the inputs a user names: articles to extract from, and fact files to load."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ._core import InputError

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
FACT_SUFFIXES = (".jsonl", ".json", ".csv")


@dataclass
class Inputs:
    articles: list[str] = field(default_factory=list)  # paths as str: a Path each costs as much as its stat
    fact_files: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why)
    stdin: bool = False
    # For each skipped file, how many articles came before it: where a file that only the
    # C++ reader finds unreadable (collect(sniff=False)) belongs among the skipped.
    skipped_at: list[int] = field(default_factory=list)


def collect(paths: Iterable[str | os.PathLike], *, facts_allowed: bool = True, sniff: bool = True,
            stat_named: bool = True) -> Inputs:
    """Sort what the user named into articles and fact files.

    Directories are walked recursively in sorted order (so results are deterministic);
    inside them, files of other kinds are skipped and reported. Files that cannot be inputs
    (empty, binary, UTF-16, not a regular file such as a FIFO, a broken symbolic link,
    unreadable) are skipped with the reason, whether named or found in a folder. A named path
    that does not exist raises InputError; so does a named file of an unknown kind.

    With ``sniff=False`` articles are not opened here: the C++ reader (``_core.extract_files``)
    gives the same reasons for binary, UTF-16 and unreadable files while it reads them anyway.
    Paths are handled as strings, written as pathlib would write them ("./a//b.txt" is
    "a/b.txt"): a list of many thousand files is sorted out in one stat each. With
    ``stat_named=False`` (and ``sniff=False``) a named path with an article's suffix is not
    even looked at: the C++ reader says why it cannot be read, and the caller must raise for
    one that does not exist and walk one that is a folder (see _extract.extract_files).
    """
    found = Inputs()
    if not stat_named and not sniff:
        paths = paths if isinstance(paths, list) else list(paths)
        # The common call: a program names thousands of articles, written as pathlib writes
        # them. One test of each in C string methods sorts them out in a third of the time the
        # loop below takes (no "//", no "/." and no leading "." leave nothing to rewrite, and
        # the name before the suffix is not empty); any other list takes the loop.
        if all(type(p) is str and p.endswith(ARTICLE_SUFFIXES) and "//" not in p and "/." not in p
               and not p.startswith(".") for p in paths):
            found.articles = list(paths)
            return found
    for raw in paths:
        text = os.fspath(raw)
        if text == "-":
            found.stdin = True
            continue
        if not isinstance(text, str):
            text = os.fsdecode(text)
        if _not_as_pathlib_writes(text):
            text = str(Path(text))
        if not stat_named and not sniff and _suffix(text) in ARTICLE_SUFFIXES:
            found.articles.append(text)
            continue
        # One stat answers is_dir(), exists() and _unreadable() for a path that has one; a
        # path without one (missing, a looping link) is asked as before, with its own errors.
        try:
            info: os.stat_result | None = os.stat(text)
        except (OSError, ValueError):
            info = None
        if stat.S_ISDIR(info.st_mode) if info else os.path.isdir(text):
            for root, dirs, files in os.walk(text):
                dirs.sort()
                for name in sorted(files):
                    _add(found, os.path.join(root, name), named=False, facts_allowed=facts_allowed, sniff=sniff)
        elif info or os.path.exists(text):
            _add(found, text, named=True, facts_allowed=facts_allowed, sniff=sniff, info=info)
        else:
            raise InputError(f"{text}: no such file or directory")
    return found


def _not_as_pathlib_writes(text: str) -> bool:
    """Whether str(Path(text)) differs: repeated or trailing slashes and "." components.
    (String tests: a regular expression cost more than the stat of each file.)"""
    return ("//" in text or "/./" in text or text.startswith("./") or text.endswith(("/", "/."))
            or text == ".")


def _suffix(path: str) -> str:
    """Path(path).suffix, lowercased, without building a Path."""
    name = path.rpartition("/")[2]
    dot = name.rfind(".")
    return name[dot:].lower() if 0 < dot < len(name) - 1 else ""


def _add(found: Inputs, path: str, *, named: bool, facts_allowed: bool, sniff: bool = True,
         info: os.stat_result | None = None) -> None:
    suffix = _suffix(path)
    if suffix in ARTICLE_SUFFIXES or (suffix in FACT_SUFFIXES and facts_allowed):
        why = _unreadable(path, article=suffix in ARTICLE_SUFFIXES and sniff, info=info)
        if why:
            found.skipped.append((path, why))
            found.skipped_at.append(len(found.articles))
        elif suffix in ARTICLE_SUFFIXES:
            found.articles.append(path)
        else:
            found.fact_files.append(Path(path))
    elif named:
        kinds = ", ".join(ARTICLE_SUFFIXES + (FACT_SUFFIXES if facts_allowed else ()))
        raise InputError(f"{path}: unknown kind of file (expected one of {kinds})")
    elif not os.path.basename(path).startswith("."):
        found.skipped.append((path, f"not an article ({', '.join(ARTICLE_SUFFIXES)})"))
        found.skipped_at.append(len(found.articles))


# Enough of a file to tell text from a binary file that only carries a text ending.
_SNIFF_BYTES = 8192


def _unreadable(path: str, *, article: bool, info: os.stat_result | None = None) -> str:
    """Why a file cannot be an input ("" when it can), decided without blocking: a FIFO or
    device is never opened, since reading one could wait forever. `info` is path.stat() when
    the caller has it."""
    try:
        info = info or os.stat(path)
    except FileNotFoundError:
        return "broken symbolic link" if os.path.islink(path) else "no such file"
    except OSError as error:
        return f"cannot read: {error.strerror or error}"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    if info.st_size == 0:
        return "empty file"
    if not article:
        return ""  # a fact file that is not text fails to parse, with its file and line; an
        # article not sniffed here is sniffed by the C++ reader
    try:
        with open(path, "rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError as error:
        return f"cannot read: {error.strerror or error}"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 text (save it as UTF-8)"
    if b"\0" in head:
        return "binary file, not text"
    return ""


def is_unreadable_reason(why: str) -> bool:
    """Whether the C++ reader's reason for skipping a file is one that collect() gives when it
    sniffs: such a file keeps its place among the skipped, as if collect() had found it."""
    return why in _SNIFFED or why.startswith("cannot read: ")


_SNIFFED = ("UTF-16 text (save it as UTF-8)", "binary file, not text", "not a regular file", "empty file")
