"""Extraction: articles and press releases in, facts with evidence out (the C++ extractor)."""

from __future__ import annotations

import os
import re
from typing import Callable, Iterable, Optional, Union

from . import _core
from ._core import InputError
from ._table import FactTable

PathLike = Union[str, "os.PathLike[str]"]

# A str may hold code points that no UTF-8 can: lone surrogates, from bytes decoded with
# errors="surrogateescape" or a broken pair in scraped JSON.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def load_lexicon(*extra_files: PathLike, directory: Optional[PathLike] = None) -> _core.Lexicon:
    """The standard lexicon (cue words, qualifiers, gazetteer, name lists) extended with your
    own data files of the same format, e.g. a gazetteer of your country's police regions."""
    from . import data_dir

    return _core.Lexicon.load(str(directory or data_dir()), [str(f) for f in extra_files])


def extract(text: str, doc: str = "text", *, keep_names: bool = False,
            lexicon: Optional[_core.Lexicon] = None) -> FactTable:
    """The facts one text states (plain text or HTML), as a FactTable.

    Every fact carries the byte offsets of its evidence sentence in ``text`` (UTF-8) and the
    sentence itself, with personal names masked as ``[name]`` unless ``keep_names``.

    A lone surrogate in ``text`` or ``doc`` (which UTF-8 cannot encode) is read as U+FFFD, as
    bytes that are not UTF-8 are in files: the offsets then count it as the three bytes of
    ``text.encode("utf-8", "surrogatepass")``, and the evidence shows U+FFFD in its place.
    """
    try:
        core_table = _core.extract_text(text, doc, keep_names, lexicon)
    except TypeError:
        # pybind11 refuses a str it cannot encode as UTF-8 with a TypeError; this is the one
        # refusal to answer with a reading rather than an error.
        if not (isinstance(text, str) and isinstance(doc, str)):
            raise
        readable_text, readable_doc = _LONE_SURROGATE.sub("\ufffd", text), _LONE_SURROGATE.sub("\ufffd", doc)
        if readable_text == text and readable_doc == doc:
            raise
        core_table = _core.extract_text(readable_text, readable_doc, keep_names, lexicon)
    table = FactTable._adopt(core_table)
    table.skipped = []
    table.name_mentions = []
    return table


def extract_files(paths: Iterable[PathLike], *, threads: Optional[int] = None, keep_names: bool = False,
                  progress: Optional[Callable[[int], None]] = None,
                  lexicon: Optional[_core.Lexicon] = None) -> FactTable:
    """The facts of many files (.txt, .html, .htm; folders are searched recursively).

    Runs ``threads`` workers (default: one per core) with the GIL released; the result is
    identical to a serial run, in the order of the files. Files that cannot be read are
    listed in the returned table's ``skipped`` attribute as (path, reason) pairs.
    """
    from ._inputs import collect

    paths = list(paths)
    # The C++ reader tells binary, UTF-16, empty and missing files apart as it reads each file:
    # looking at every named file here first would cost a tenth of the extraction of a news corpus.
    found = collect(paths, facts_allowed=False, sniff=False, stat_named=False)
    names = found.articles
    table, skipped = _core.extract_files(names, threads or 0, keep_names, progress, lexicon)
    named = None  # the paths as named, built only when a file could not be read
    for path, why in skipped:
        if why == "not a regular file" and os.path.isdir(path):
            # A folder named like an article: list everything the slow way, as collect() does.
            found = collect(paths, facts_allowed=False, sniff=False)
            names = found.articles
            table, skipped = _core.extract_files(names, threads or 0, keep_names, progress, lexicon)
            break
        if why.startswith("cannot read: ") and not os.path.exists(path):
            if named is None:
                named = {os.fspath(p) if not isinstance(p, str) else p for p in paths}
            if path in named or _named_as(path, named):
                raise InputError(f"{path}: no such file or directory")
    table = FactTable._adopt(table)
    table.skipped = _in_order_of_finding(found, names, skipped)
    # Operation spellings counted in the text (not only on facts) would let resolution see a
    # slip used only in sentences without figures; the extractor does not count them yet.
    table.name_mentions = []
    return table


def _named_as(path: str, named: set) -> bool:
    """Whether `path` is one of the paths named, written another way ("./a.txt")."""
    from pathlib import Path

    return any(str(Path(p)) == path for p in named if isinstance(p, str))


def _in_order_of_finding(found, names: list[str], skipped) -> list[tuple[str, str]]:
    """The skipped files as collect() would list them had it sniffed each article itself: a
    file unreadable to the C++ reader takes its place among the files skipped while listing,
    before the files whose extraction failed."""
    from ._inputs import is_unreadable_reason

    unreadable: list[tuple[int, tuple[str, str]]] = []
    failed: list[tuple[str, str]] = []
    article = 0
    for path, why in skipped:
        while article < len(names) and names[article] != path:  # skipped come in article order
            article += 1
        if is_unreadable_reason(why) and article < len(names):
            unreadable.append((article, (path, why)))
        else:
            failed.append((path, why))
        article += 1
    ordered: list[tuple[str, str]] = []
    listed = 0
    for article, entry in unreadable:
        while listed < len(found.skipped) and found.skipped_at[listed] <= article:
            ordered.append(found.skipped[listed])
            listed += 1
        ordered.append(entry)
    return ordered + found.skipped[listed:] + failed
