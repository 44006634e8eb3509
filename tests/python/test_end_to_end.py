"""From the five seed texts alone: extraction is scored by the shared evaluation, and
extract -> resolve -> statistics reproduces the shared expected operations and ratios."""

import json
import subprocess
import sys

import pytest

import optally


@pytest.fixture(scope="module")
def seeds():
    from conftest import SHARED

    return SHARED / "corpus"


@pytest.fixture(scope="module")
def corpus(seeds):
    return optally.Corpus.from_paths([seeds / "seeds"])


def test_extractor_scores_at_least_0_95_on_the_seeds(seeds, tmp_path):
    facts = tmp_path / "facts.jsonl"
    extract = subprocess.run([sys.executable, "-m", "optally.cli", "extract", str(seeds / "seeds"), "-o", str(facts)],
                             capture_output=True, text=True, timeout=120)
    assert extract.returncode == 0, extract.stderr
    scorer = seeds.parent / "eval" / "score_facts.py"
    score = subprocess.run([sys.executable, str(scorer), str(facts), "--min-f1", "0.95"], capture_output=True,
                           text=True, timeout=120)
    assert score.returncode == 0, score.stdout + score.stderr
    overall = score.stdout.strip().splitlines()[-1]
    f1 = float(overall.rsplit("f1", 1)[1])
    assert f1 >= 0.95, score.stdout
    ok, total = score.stdout.split("qualifier accuracy on found facts: ")[1].split()[0].split("/")
    assert int(ok) >= 0.95 * int(total)


def test_operations_match_the_expected_file(seeds, corpus):
    expected = json.loads((seeds / "expected" / "operations.json").read_text())["operations"]
    got = {op["name"]: op for op in corpus.to_json()["operations"]}
    assert sorted(got) == sorted(op["name"] for op in expected)
    for want in expected:
        op = got[want["name"]]
        assert op["aliases"] == want["aliases"], want["name"]
        assert op["lead_agency"] == want["lead_agency"], want["name"]
        assert sorted(op["mentions"]) == sorted(want["mentions"]), want["name"]
        assert set(op["figures"]) == set(want["figures"]), want["name"]
        for metric, figure in want["figures"].items():
            assert op["figures"][metric]["value"] == figure["value"], (want["name"], metric)
            assert op["figures"][metric]["qualifier"] == figure["qualifier"], (want["name"], metric)
            assert op["figures"][metric].get("unit") == figure.get("unit"), (want["name"], metric)
        assert op.get("breakdown", {}) == want.get("breakdown", {}), want["name"]
        assert sorted(op.get("sentences_years", [])) == sorted(want.get("sentences_years", [])), want["name"]


def test_statistics_match_the_expected_file(seeds, corpus):
    expected = json.loads((seeds / "expected" / "statistics.json").read_text())
    for want in expected["ratios"]:
        got = optally.ratio(corpus, want["numerator"], want["denominator"], operation=want["operation"])
        assert got.value == pytest.approx(want["value"], abs=1e-6), want
        assert got.bound == want["bound"], want
    for want in expected["proportions"]:
        got = optally.proportion(corpus, want["numerator"], want["denominator"], operation=want["operation"])
        assert got.value == pytest.approx(want["value"], abs=1e-6), want
        if "wilson95" in want:
            assert list(got.interval) == pytest.approx(want["wilson95"], abs=1e-6), want
    for want in expected["sentences"]:
        stats = optally.describe(corpus.operation(want["operation"])["sentences_years"])
        assert (stats["count"], stats["mean"], stats["median"], stats["min"], stats["max"]) == pytest.approx(
            (want["count"], want["mean_years"], want["median_years"], want["min_years"], want["max_years"]), abs=1e-6)


def test_report_accepts_raw_articles(seeds):
    result = subprocess.run([sys.executable, "-m", "optally.cli", "report", str(seeds / "seeds"), "--format", "json"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    names = {op["name"] for op in report["operations"]}
    assert {"Tharsley", "Notarise", "Lexus"} <= names
