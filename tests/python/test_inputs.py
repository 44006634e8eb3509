"""collect() handles paths as strings: it must still write them as pathlib does, take the
same suffixes and skip the same files, since skipped paths are shown to users."""

import os
from pathlib import Path

import pytest

from optally._inputs import _suffix, collect


@pytest.mark.parametrize("name", ["a.txt", "a.TXT", "a.tar.html", ".txt", "a.", "a", "dir.d/a", "x.htm", "a..txt"])
def test_suffix_is_pathlibs(name):
    assert _suffix(name) == Path(name).suffix.lower()


def test_paths_are_written_as_pathlib_writes_them(tmp_path, monkeypatch):
    (tmp_path / "d" / "e").mkdir(parents=True)
    for rel in ["d/a.txt", "d/e/b.html", "c.txt"]:
        (tmp_path / rel).write_text("Police arrested 12 men.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    named = ["./c.txt", "d//a.txt", "./d/", "d/./e/b.html", "c.txt"]
    found = collect(named, facts_allowed=False, sniff=False)
    expected = [str(Path("c.txt")), str(Path("d/a.txt")), str(Path("d/a.txt")), str(Path("d/e/b.html")),
                str(Path("d/e/b.html")), "c.txt"]
    assert found.articles == expected
    assert all(isinstance(p, str) for p in found.articles)


def test_named_and_walked_files_are_skipped_for_the_same_reasons(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    walked = collect([tmp_path], facts_allowed=False)
    assert [(Path(p).name, why) for p, why in walked.skipped] == [
        ("dangling.txt", "broken symbolic link"), ("empty.txt", "empty file"), ("notes.md", "not an article (.txt, .html, .htm)")]
    named = collect([tmp_path / "empty.txt"], facts_allowed=False)
    assert named.skipped == [(str(tmp_path / "empty.txt"), "empty file")]
    with pytest.raises(Exception, match="no such file or directory"):
        collect([tmp_path / "dangling.txt"], facts_allowed=False)


# extract_files() does not look at named articles before the C++ reader does: these are the
# behaviours collect() gave when it did.

def test_a_named_file_that_does_not_exist_is_an_error(tmp_path):
    import optally

    good = tmp_path / "a.txt"
    good.write_text("Police arrested 12 men.\n", encoding="utf-8")
    with pytest.raises(optally.InputError, match="no such file or directory"):
        optally.extract_files([good, tmp_path / "missing.txt"], threads=1)
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    with pytest.raises(optally.InputError, match="no such file or directory"):
        optally.extract_files([tmp_path / "dangling.txt"], threads=1)


def test_named_empty_and_binary_files_are_skipped_with_the_reasons_collect_gives(tmp_path):
    import optally

    (tmp_path / "a.txt").write_text("Police arrested 12 men.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02 arrested 12")
    names = [tmp_path / n for n in ("empty.txt", "a.txt", "binary.txt")]
    table = optally.extract_files(names, threads=1)
    assert len(table) == 1
    assert [(Path(p).name, why) for p, why in table.skipped] == [
        ("empty.txt", "empty file"), ("binary.txt", "binary file, not text")]
    assert [(Path(p).name, why) for p, why in table.skipped] == [
        (Path(p).name, why) for p, why in collect(names, facts_allowed=False).skipped]


def test_a_named_folder_that_looks_like_an_article_is_walked(tmp_path):
    import optally

    folder = tmp_path / "reports.txt"
    folder.mkdir()
    (folder / "one.txt").write_text("Police arrested 12 men.\n", encoding="utf-8")
    (folder / "two.txt").write_text("Officers charged 5 women.\n", encoding="utf-8")
    table = optally.extract_files([folder], threads=1)
    assert sorted(table.to_pandas()["doc"]) == ["one", "two"]
    assert table.skipped == []


# Lists the one-pass test sorts out, lists it must leave to the loop (a rewrite, a hidden
# folder, a suffix in capitals, standard input), and a mixture; the answer is what pathlib
# says of each name.
FAST_PATH_LISTS = [
    ["a.txt", "b/c.html", "d/e/f.htm"],
    ["a.txt", "./b.txt"],
    ["a.txt", "b//c.txt"],
    ["a.txt", "b/./c.txt"],
    ["a.TXT", "b.txt"],
    [".hidden/a.txt"],
    ["-", "a.txt"],
]


@pytest.mark.parametrize("names", FAST_PATH_LISTS)
def test_unlooked_names_sort_out_as_pathlib_reads_them(names):
    """collect(stat_named=False, sniff=False) answers from the names alone, by a one-pass test
    for plain lists or name by name: either way as pathlib writes and reads each name."""
    found = collect(names, facts_allowed=False, sniff=False, stat_named=False)
    assert found.articles == [str(Path(n)) for n in names if n != "-"]
    assert found.stdin == ("-" in names)
