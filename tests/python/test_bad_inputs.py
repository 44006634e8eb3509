"""Whatever an analyst feeds optally, it answers with a clear message or a result, never a
traceback, a signal or a hang.

The contract these tests hold the CLI to:

* an article that cannot be read (empty, binary, UTF-16, a FIFO, a broken or looping symbolic
  link) is skipped and counted in the summary; the other articles are all processed, or with
  ``--strict`` the run fails (exit 2) naming each skipped file and writes nothing;
* an article that is not valid UTF-8 is read, and every output format holds valid UTF-8;
* a bad line in a fact file (.jsonl, .csv) given to ``resolve``/``report`` is an error naming
  ``file:line`` (and the field), exit 2, and nothing is written.

Unreadable files are made in ways that also stop root (the tests run as root, where
``chmod 000`` does not): a FIFO named ``*.txt`` (opening it would block forever), a dangling
symbolic link, and a symbolic link that points at itself.
"""

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

import optally

GOOD_ARTICLE = (
    "Published 2 February 2023\n"
    "Operation Fernhollow: 19 arrested\n"
    "Officers from Wessex Constabulary executed 24 search warrants during a week of action. "
    "A total of 19 people were arrested and 7 children were safeguarded.\n"
)

GOOD_FACT = {"doc": "wessex", "metric": "arrests", "value": 19, "qualifier": "exact", "scope": "total",
             "operation": "Fernhollow", "start": 0, "end": 10, "evidence": "19 people were arrested"}


def run(*args, stdin=None, timeout=60):
    result = subprocess.run([sys.executable, "-m", "optally.cli", *map(str, args)], input=stdin,
                            capture_output=True, timeout=timeout)
    result.out = result.stdout.decode("utf-8")  # every output must be UTF-8: this raises if not
    result.err = result.stderr.decode("utf-8")
    return result


def assert_clean_failure(result, *needles):
    assert result.returncode == 2, result.err
    assert "Traceback" not in result.err
    for needle in needles:
        assert needle in result.err, f"{needle!r} not in: {result.err}"


def assert_success(result):
    assert result.returncode == 0, result.err
    assert "Traceback" not in result.err


def facts_of(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def line(**changes):
    record = dict(GOOD_FACT)
    record.update(changes)
    return json.dumps(record)


def line_with_value(text):
    """A fact line whose value is written as given, even where JSON has no such number."""
    return line(value="@").replace('"@"', text)


# ---- articles that cannot be read ------------------------------------------------------------


def make_unreadable(folder: Path, kind: str) -> Path:
    path = folder / f"bad_{kind}.txt"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "binary":
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + random.Random(7).randbytes(4000))
    elif kind == "utf16":
        path.write_bytes(GOOD_ARTICLE.encode("utf-16"))
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "dangling":
        path.symlink_to(folder / "nowhere" / "gone.txt")
    elif kind == "loop":
        path.symlink_to(path.name)
    return path


UNREADABLE = {"empty": "empty file", "binary": "binary file", "utf16": "UTF-16", "fifo": "not a regular file",
              "dangling": "broken symbolic link", "loop": "cannot read"}


@pytest.fixture
def folder(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a_good.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    (articles / "z_good.txt").write_text(GOOD_ARTICLE.replace("19", "21"), encoding="utf-8")
    return articles


@pytest.mark.parametrize("kind", sorted(UNREADABLE))
def test_an_unreadable_article_is_skipped_and_the_others_are_all_processed(folder, kind):
    make_unreadable(folder, kind)
    result = run("extract", folder, timeout=30)  # a FIFO that were opened would hang here
    assert_success(result)
    assert {f["doc"] for f in facts_of(result.out)} == {"a_good", "z_good"}
    assert "2 documents" in result.err and "1 skipped" in result.err
    assert UNREADABLE[kind] in result.err


@pytest.mark.parametrize("command", ["extract", "resolve", "report"])
def test_strict_fails_on_an_unreadable_article_and_writes_nothing(folder, tmp_path, command):
    bad = make_unreadable(folder, "fifo")
    out = tmp_path / "out.txt"
    out.write_text("previous\n")
    result = run(command, folder, "--strict", "-o", out, timeout=30)
    assert_clean_failure(result, str(bad), "not a regular file", "--strict")
    assert out.read_text() == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles", "out.txt"]


def test_the_python_api_skips_unreadable_articles_with_reasons(folder):
    for kind in UNREADABLE:
        make_unreadable(folder, kind)
    table = optally.extract_files([folder])
    assert set(table.column("doc")) == {"a_good", "z_good"}
    reasons = {Path(path).name: why for path, why in table.skipped}
    for kind, why in UNREADABLE.items():
        assert why in reasons[f"bad_{kind}.txt"]


def test_a_path_that_does_not_exist_is_an_error(tmp_path):
    for command in ("extract", "resolve", "report"):
        assert_clean_failure(run(command, tmp_path / "nowhere.txt"), "nowhere.txt", "no such file")
    with pytest.raises(optally.InputError, match="no such file"):
        optally.extract_files([tmp_path / "nowhere"])


def test_a_named_dangling_link_is_an_error_not_a_crash(tmp_path):
    link = make_unreadable(tmp_path, "dangling")
    assert_clean_failure(run("extract", link), "bad_dangling.txt")


def test_a_directory_named_like_a_fact_file_is_searched_not_opened(tmp_path):
    odd = tmp_path / "facts.jsonl"
    odd.mkdir()
    (odd / "inner.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    result = run("resolve", odd)
    assert_success(result)
    with pytest.raises(optally.InputError, match="directory"):
        optally.FactTable.read_jsonl(odd)


# ---- articles with awkward bytes ---------------------------------------------------------------


def test_invalid_utf8_is_read_and_every_output_is_valid_utf8(tmp_path):
    article = tmp_path / "latin1.txt"
    article.write_bytes("Police in M\u00e1laga arrested 14 people \u00ab and 3 were charged.\n".encode("latin-1")
                        + b"Officers seized 40 devices \xff\xfe\x80.\n")
    html = tmp_path / "out.html"
    for args in (["extract"], ["resolve"], ["report"], ["report", "--format", "json"],
                 ["report", "--format", "csv", "--html", html]):
        result = run(*args, article)  # run() decodes stdout and stderr as UTF-8
        assert_success(result)
        assert "14" in result.out
    html.read_bytes().decode("utf-8")
    facts = facts_of(run("extract", article).out)
    assert {f["metric"] for f in facts} >= {"arrests", "charged", "devices_seized"}
    assert any("\ufffd" in f["evidence"] for f in facts)


def test_a_bom_is_not_part_of_the_first_sentence_and_offsets_still_count_it(tmp_path):
    article = tmp_path / "bom.txt"
    raw = b"\xef\xbb\xbf" + GOOD_ARTICLE.encode("utf-8")
    article.write_bytes(raw)
    facts = facts_of(run("extract", article).out)
    assert {(f["metric"], f["value"]) for f in facts} >= {("arrests", 19), ("search_warrants", 24)}
    for fact in facts:
        assert "\ufeff" not in fact["evidence"]
        if fact["metric"] != "duration":  # "a week of action" is 1 week
            assert str(int(fact["value"])) in raw[fact["start"]:fact["end"]].decode("utf-8")


def test_crlf_line_ends_give_the_same_facts_without_carriage_returns(tmp_path):
    (tmp_path / "lf.txt").write_bytes(GOOD_ARTICLE.encode())
    (tmp_path / "crlf.txt").write_bytes(GOOD_ARTICLE.replace("\n", "\r\n").encode())
    lf = facts_of(run("extract", tmp_path / "lf.txt").out)
    crlf = facts_of(run("extract", tmp_path / "crlf.txt").out)

    def key(f):
        return f["metric"], f["value"], f["qualifier"], f["scope"], f["operation"], f["evidence"]

    assert [key(f) for f in crlf] == [key(f) for f in lf]
    assert all("\r" not in f["evidence"] for f in crlf)


def test_a_50_megabyte_single_line_article(tmp_path):
    filler = "nothing in this clause states a figure about the operation at all and so on "
    text = "Police arrested 12 men. " + filler * (50_000_000 // len(filler)) + ". Officers executed 31 search warrants."
    article = tmp_path / "huge.txt"
    article.write_text(text, encoding="utf-8")
    assert "\n" not in text and article.stat().st_size > 50_000_000
    result = run("extract", article, timeout=120)
    assert_success(result)
    found = {(f["metric"], f["value"]) for f in facts_of(result.out)}
    assert found >= {("arrests", 12), ("search_warrants", 31)}


def test_odd_figures_in_an_article_give_sane_values(tmp_path):
    article = tmp_path / "odd.txt"
    article.write_text("Police arrested 1e400 people. Officers safeguarded -5 children. NaN search warrants were "
                       "executed. Detectives seized 99999999999999999999999999999999999999 devices.\n", encoding="utf-8")
    result = run("extract", article)
    assert_success(result)
    for fact in facts_of(result.out):
        assert 0 <= fact["value"] < float("inf")


def test_an_absurd_figure_in_one_article_does_not_end_the_run(folder):
    (folder / "m_absurd.txt").write_text("Police arrested one" + " hundred" * 200 + " men.\n", encoding="utf-8")
    result = run("extract", folder)
    assert_success(result)
    assert {f["doc"] for f in facts_of(result.out)} >= {"a_good", "z_good"}


def test_binary_on_standard_input_is_read_without_a_crash():
    result = run("extract", "-", stdin=b"\x00\xff\xfeOfficers arrested 9 people.\x00\x80")
    assert_success(result)


def test_the_python_api_takes_awkward_text():
    assert len(optally.extract("")) == 0
    assert len(optally.extract("\x00" * 1000)) == 0
    table = optally.extract("\ufeffOfficers arrested 9 people.\r\n\u2028" + "\U0001f600" * 100)
    assert list(table.values) == [9]



def test_a_file_name_that_is_not_utf8_gives_a_valid_document_id(tmp_path):
    folder = tmp_path / "latin1_names"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9.txt")  # a name saved by a Latin-1 system
    (folder / name).write_text(GOOD_ARTICLE, encoding="utf-8")
    result = run("extract", folder)
    assert_success(result)
    assert {f["doc"] for f in facts_of(result.out)} == {"caf\ufffd"}
    table = optally.extract_files([folder])
    assert set(table.column("doc")) == {"caf\ufffd"}


def test_a_lone_surrogate_is_read_as_a_replacement_character():
    text = "Police in Caf\udce9 arrested 14 people. Officers seized \ud83d 40 devices."
    table = optally.extract(text, doc="caf\udce9")
    assert sorted(table.values) == [14, 40]
    assert set(table.column("doc")) == {"caf\ufffd"}
    raw = text.encode("utf-8", "surrogatepass")
    for i in range(len(table)):
        fact = table.row(i)
        evidence = raw[fact["start"]:fact["end"]].decode("utf-8", "surrogatepass")
        assert fact["evidence"] == evidence.replace("\udce9", "\ufffd").replace("\ud83d", "\ufffd")
    with pytest.raises(TypeError):
        optally.extract(None)


def test_a_file_whose_facts_the_table_refuses_is_skipped_by_name(tmp_path):
    # A data folder whose lexicon reads a metric that the vocabulary of fact tables lacks.
    data = tmp_path / "data"
    data.mkdir()
    for name in ("lexicon.json", "gazetteer.json", "names.json", "metrics.json"):
        (data / name).write_bytes((Path(optally.data_dir()) / name).read_bytes())
    metrics = json.loads((data / "metrics.json").read_text(encoding="utf-8"))
    metrics["metrics"].append({"name": "kittens_rescued", "description": "kittens rescued"})
    (data / "metrics.json").write_text(json.dumps(metrics), encoding="utf-8")
    extra = tmp_path / "kittens.json"
    extra.write_text(json.dumps({"metrics": {"kittens_rescued": {"nouns": ["kittens"], "verbs": ["rescued"]}}}),
                     encoding="utf-8")
    lexicon = optally.load_lexicon(extra, directory=data)
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a_good.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    (articles / "b_kittens.txt").write_text("Officers rescued 4 kittens and arrested 3 people.\n", encoding="utf-8")
    (articles / "c_good.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    for threads in (1, 3):
        table = optally.extract_files([articles], threads=threads, lexicon=lexicon)
        assert [Path(path).name for path, _ in table.skipped] == ["b_kittens.txt"]
        assert "kittens_rescued" in table.skipped[0][1]
        assert set(table.column("doc")) == {"a_good", "c_good"}


# ---- fact files ------------------------------------------------------------------------------

BAD_FACT_FILES = {
    # name: (file content, what the message must name besides file:line)
    "binary.jsonl": (b"\x89PNG\r\n\x1a\n\xff\xfe\x00\x01\xb2" + random.Random(3).randbytes(500), ":1:", "not valid JSON"),
    "latin1.jsonl": ((line() + "\n").encode() + b'{"doc":"caf\xe9","metric":"arrests","value":1}\n', ":2:", "UTF-8"),
    "huge_number.jsonl": (f"{line()}\n{line_with_value('1e400')}\n".encode(), ":2:", "1e400"),
    "negative.jsonl": (f"{line()}\n{line(value=-5)}\n".encode(), ":2:", "negative"),
    "nan.jsonl": (f"{line()}\n{line_with_value('NaN')}\n".encode(), ":2:", "not valid JSON"),
    "string_value.jsonl": (f"{line()}\n{line(value='12')}\n".encode(), ":2:", "field 'value'"),
    "number_doc.jsonl": (f"{line()}\n{line(doc=5)}\n".encode(), ":2:", "field 'doc'"),
    "object_scope.jsonl": (f"{line()}\n{line(scope={'a': 1})}\n".encode(), ":2:", "field 'scope'"),
    "unknown_metric.jsonl": (f"{line()}\n{line(metric='kittens')}\n".encode(), ":2:", "unknown metric 'kittens'"),
    "unit_on_count.jsonl": (f"{line()}\n{line(unit='years')}\n".encode(), ":2:", "field 'unit'"),
    "truncated.jsonl": (f"{line()}\n{line()}\n{line()}"[:-25].encode(), ":3:", "truncated"),
    "deep.jsonl": ((line() + "\n" + "[" * 100_000 + "]" * 100_000 + "\n").encode(), ":2:", "expected a JSON object"),
    "not_object.jsonl": (f"{line()}\n42\n".encode(), ":2:", "expected a JSON object"),
    "huge_number.csv": (b"doc,metric,value\nd,arrests,3\nd,arrests,1e400\n", ":3:", "out of range"),
    "negative.csv": (b"doc,metric,value\nd,arrests,-5\n", ":2:", "negative"),
    "nan.csv": (b"doc,metric,value\nd,arrests,NaN\n", ":2:", "field 'value'"),
    "hex.csv": (b"doc,metric,value\nd,arrests,0x1A\n", ":2:", "field 'value'"),
    "latin1.csv": (b"doc,metric,value\ncaf\xe9,arrests,3\n", ":2:", "UTF-8"),
    "short_row.csv": (b"doc,metric,value\nd,arrests\n", ":2:", "expected 3 fields"),
    "unknown_metric.csv": (b"doc,metric,value\nd,kittens,3\n", ":2:", "unknown metric"),
    "no_value_column.csv": (b"doc,metric\nd,arrests\n", ":1:", "value"),
    "truncated.csv": (b'doc,metric,value,evidence\nd,arrests,3,"an unterminated\n', ":2:", "truncated"),
}


@pytest.mark.parametrize("name", sorted(BAD_FACT_FILES))
def test_a_bad_fact_file_line_is_an_error_naming_file_and_line(tmp_path, name):
    content, where, what = BAD_FACT_FILES[name]
    path = tmp_path / name
    path.write_bytes(content)
    for command in ("resolve", "report"):
        assert_clean_failure(run(command, path), f"{path}{where}", what)
    with pytest.raises(optally.InputError) as caught:
        optally.FactTable.read(path)
    assert caught.value.file == str(path)
    assert caught.value.line == int(where.strip(":"))


def test_one_bad_fact_file_among_good_ones_writes_nothing(tmp_path):
    (tmp_path / "a.jsonl").write_text(line() + "\n")
    (tmp_path / "b.jsonl").write_text(line() + "\n" + line(value=-1) + "\n")
    (tmp_path / "c.txt").write_text(GOOD_ARTICLE)
    out = tmp_path / "ops.json"
    out.write_text("previous\n")
    assert_clean_failure(run("resolve", tmp_path, "-o", out), "b.jsonl:2:")
    assert out.read_text() == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl", "b.jsonl", "c.txt", "ops.json"]


@pytest.mark.parametrize("name,content", [
    ("bom.jsonl", b"\xef\xbb\xbf" + (line() + "\n").encode()),
    ("crlf.jsonl", (line() + "\r\n" + line(value=4) + "\r\n").encode()),
    ("bom_crlf.csv", b"\xef\xbb\xbfdoc,metric,value,evidence\r\nd,arrests,19,\"two\r\nlines\"\r\n"),
    ("header_only.csv", b"doc,metric,value\n"),
    ("blank_lines.jsonl", ("\n\n" + line() + "\n   \n").encode()),
])
def test_awkward_but_valid_fact_files_load(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    result = run("resolve", path)
    assert_success(result)
    table = optally.FactTable.read(path)
    if name != "header_only.csv":
        assert 19 in list(table.values)
        assert all("\r" not in e and "\ufeff" not in e for e in table.column("doc"))


def test_an_empty_fact_file_is_skipped_not_an_error(tmp_path):
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "facts.jsonl").write_text(line() + "\n")
    result = run("resolve", tmp_path)
    assert_success(result)
    assert "empty file" in result.err
    assert_clean_failure(run("resolve", tmp_path, "--strict"), "empty.jsonl", "empty file")


def test_a_50_megabyte_fact_line_loads(tmp_path):
    path = tmp_path / "long.jsonl"
    path.write_text(line(evidence="x" * 50_000_000) + "\n")
    assert_success(run("resolve", path, timeout=120))
    broken = tmp_path / "broken.jsonl"
    broken.write_text(line(evidence="x" * 50_000_000)[:-3] + "\n")
    result = run("resolve", broken, timeout=120)
    assert_clean_failure(result, "broken.jsonl:1:", "not valid JSON")
    assert len(result.err) < 1000  # the bad line is quoted, not echoed whole
