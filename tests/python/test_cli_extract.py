"""The `optally extract` command, run as a user runs it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import optally

PRESS_RELEASE = (
    "Published 3 March 2021\n"
    "Operation Harrowgate: 27 people arrested\n"
    "Detectives from Kent Police executed 31 search warrants during a week of action. "
    "A total of 27 people were arrested and 12 children were safeguarded.\n"
)

HTML_ARTICLE = """<!doctype html><html><head><title>Raids</title>
<script>var figures = "99 arrested";</script><style>p { color: red }</style></head>
<body><h1>Police make 14 arrests in online abuse crackdown</h1>
<p>Officers from Essex Police arrested 14 men &amp; seized more than 200 devices.</p>
</body></html>"""


def run(*args, stdin=None, cwd=None):
    return subprocess.run([sys.executable, "-m", "optally.cli", *map(str, args)], input=stdin, capture_output=True,
                          text=True, cwd=cwd, timeout=120)


@pytest.fixture
def articles(tmp_path):
    folder = tmp_path / "articles"
    (folder / "nested").mkdir(parents=True)
    (folder / "kent.txt").write_text(PRESS_RELEASE, encoding="utf-8")
    (folder / "nested" / "essex.html").write_text(HTML_ARTICLE, encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")
    return folder


def facts_of(stdout):
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_extract_a_folder_writes_contract_fields_and_a_summary(articles):
    result = run("extract", articles)
    assert result.returncode == 0, result.stderr
    facts = facts_of(result.stdout)
    docs = {f["doc"] for f in facts}
    assert docs == {"kent", "essex"}
    for fact in facts:
        for field in ("doc", "metric", "value", "unit", "qualifier", "scope", "operation", "start", "end", "evidence"):
            assert field in fact
    arrests = {(f["doc"], f["value"]) for f in facts if f["metric"] == "arrests"}
    assert ("kent", 27) in arrests and ("essex", 14) in arrests
    # the script's "99 arrested" is code, not text
    assert all(f["value"] != 99 for f in facts)
    assert "2 documents" in result.stderr and "1 skipped" in result.stderr


def test_offsets_point_into_the_original_bytes(articles):
    facts = facts_of(run("extract", articles).stdout)
    for fact in facts:
        name = "kent.txt" if fact["doc"] == "kent" else "nested/essex.html"
        raw = (articles / name).read_bytes()
        assert 0 <= fact["start"] < fact["end"] <= len(raw)
        span = raw[fact["start"]:fact["end"]].decode("utf-8")
        # the evidence of an HTML document is its cleaned text, so compare the figures only
        digits = "".join(ch for ch in str(int(fact["value"])) if ch.isdigit())
        assert digits in span.replace(",", "") or fact["metric"] == "duration"


def test_output_file_and_stdin(articles, tmp_path):
    out = tmp_path / "facts.jsonl"
    assert run("extract", articles, "-o", out).returncode == 0
    from_file = facts_of(out.read_text())
    assert from_file == facts_of(run("extract", articles).stdout)
    piped = run("extract", "-", stdin=PRESS_RELEASE)
    assert piped.returncode == 0
    assert {f["doc"] for f in facts_of(piped.stdout)} == {"stdin"}


def test_strict_refuses_skipped_files_and_writes_nothing(articles, tmp_path):
    out = tmp_path / "facts.jsonl"
    out.write_text("previous\n")
    result = run("extract", articles, "--strict", "-o", out)
    assert result.returncode != 0
    assert "notes.pdf" in result.stderr
    assert out.read_text() == "previous\n"


def test_missing_path_is_a_clear_error_not_a_traceback(tmp_path):
    result = run("extract", tmp_path / "nowhere")
    assert result.returncode == 2
    assert "no such file" in result.stderr
    assert "Traceback" not in result.stderr


def test_threads_give_the_same_bytes_as_one_thread(tmp_path):
    for i in range(30):
        (tmp_path / f"r{i:02}.txt").write_text(PRESS_RELEASE.replace("27", str(20 + i)), encoding="utf-8")
    serial = run("extract", tmp_path, "--threads", "1")
    parallel = run("extract", tmp_path, "--threads", "4")
    assert serial.returncode == 0 and parallel.returncode == 0
    assert serial.stdout == parallel.stdout
    assert len(facts_of(serial.stdout)) >= 30


def test_help_explains_every_option():
    text = run("extract", "--help").stdout
    for option in ("--output", "--threads", "--keep-names", "--strict"):
        assert option in text


def test_lexicon_files_extend_the_gazetteer_and_cues(tmp_path):
    article = tmp_path / "isle.txt"
    article.write_text("Published 2 May 2023\nOfficers in Avalonia arrested 12 men and confiscated 40 handsets.\n",
                       encoding="utf-8")
    extra = tmp_path / "islands.json"
    extra.write_text(json.dumps({"countries": [{"name": "Avalonia"}],
                                 "metrics": {"devices_seized": {"nouns": ["handsets"]}},
                                 "scope": {"international": ["avalonia"]}}), encoding="utf-8")
    plain = {(f["metric"], f["value"], f["scope"]) for f in facts_of(run("extract", article).stdout)}
    extended = run("extract", article, "--lexicon", extra)
    assert extended.returncode == 0, extended.stderr
    said = {(f["metric"], f["value"], f["scope"]) for f in facts_of(extended.stdout)}
    # Avalonia is a country of an international operation (the cue), and handsets are devices.
    assert said == {("arrests", 12, "Avalonia"), ("devices_seized", 40, "Avalonia")}
    assert plain == {("arrests", 12, "total")}
    assert "--lexicon" in run("extract", "--help").stdout


def test_a_bad_lexicon_file_is_a_clear_error_and_writes_nothing(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Police arrested 12 men.\n", encoding="utf-8")
    out = tmp_path / "facts.jsonl"
    for content, expected in (('{"metrics": {"arrests": {"nouns": 5}}}', "metrics"), ("{not json", "islands.json")):
        extra = tmp_path / "islands.json"
        extra.write_text(content, encoding="utf-8")
        result = run("extract", article, "--lexicon", extra, "-o", out)
        assert result.returncode != 0
        assert expected in result.stderr and "Traceback" not in result.stderr
        assert not out.exists()
    missing = run("extract", article, "--lexicon", tmp_path / "nowhere.json")
    assert missing.returncode != 0 and "nowhere.json" in missing.stderr and "Traceback" not in missing.stderr
