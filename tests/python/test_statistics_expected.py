"""The embedded sample reproduces every figure of the shared expected/statistics.json."""

import json

import pytest

import optally


@pytest.fixture(scope="module")
def expected():
    from conftest import SHARED

    return json.loads((SHARED / "corpus" / "expected" / "statistics.json").read_text())


@pytest.fixture(scope="module")
def corpus():
    return optally.Corpus.from_facts(optally.sample())


def test_ratios(expected, corpus):
    assert expected["ratios"]
    for want in expected["ratios"]:
        got = optally.ratio(corpus, want["numerator"], want["denominator"], operation=want["operation"])
        assert got.value == pytest.approx(want["value"], abs=1e-6), want
        assert got.bound == want["bound"], want


def test_proportions(expected, corpus):
    assert expected["proportions"]
    for want in expected["proportions"]:
        got = optally.proportion(corpus, want["numerator"], want["denominator"], operation=want["operation"])
        assert got.value == pytest.approx(want["value"], abs=1e-6), want
        if "wilson95" in want:
            assert got.estimate.method == "wilson"
            assert got.interval.level == 0.95
            assert list(got.interval) == pytest.approx(want["wilson95"], abs=1e-6), want


def test_sentences(expected, corpus):
    for want in expected["sentences"]:
        years = corpus.operation(want["operation"])["sentences_years"]
        stats = optally.describe(years)
        assert stats["count"] == want["count"]
        assert stats["mean"] == pytest.approx(want["mean_years"], abs=1e-6)
        assert stats["median"] == pytest.approx(want["median_years"], abs=1e-6)
        assert stats["min"] == pytest.approx(want["min_years"], abs=1e-6)
        assert stats["max"] == pytest.approx(want["max_years"], abs=1e-6)


def test_the_report_carries_the_same_numbers(expected, corpus):
    report = corpus.report().to_dict()
    ratios = {(r["operation"], r["numerator"], r["denominator"]): r for r in report["ratios"]}
    for want in expected["ratios"]:
        got = ratios[(want["operation"], want["numerator"], want["denominator"])]
        assert got["value"] == pytest.approx(want["value"], abs=1e-6)
        assert got["bound"] == want["bound"]
    proportions = {(p["operation"], p["numerator"], p["denominator"]): p for p in report["proportions"]}
    for want in expected["proportions"]:
        got = proportions[(want["operation"], want["numerator"], want["denominator"])]
        assert got["value"] == pytest.approx(want["value"], abs=1e-6)
        if "wilson95" in want:
            assert [got["lower"], got["upper"]] == pytest.approx(want["wilson95"], abs=1e-6)
