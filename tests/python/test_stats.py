"""Statistics through the Python API, against scipy (an independent implementation)."""

import math
import pickle

import numpy as np
import pytest
from scipy import stats as sps

import optally


@pytest.mark.parametrize("k, n", [(0, 10), (1, 1), (39, 660), (127, 431), (10, 10), (3, 7), (500, 100000)])
@pytest.mark.parametrize("level", [0.9, 0.95, 0.99])
def test_proportion_intervals_agree_with_scipy(k, n, level):
    alpha = 1 - level
    z = sps.norm.ppf(1 - alpha / 2)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    wilson = optally.proportion(k, n, level=level, method="wilson").interval
    assert [wilson.lower, wilson.upper] == pytest.approx([max(0, centre - half), min(1, centre + half)], abs=1e-12)

    cp = optally.proportion(k, n, level=level, method="clopper-pearson").interval
    lower = 0.0 if k == 0 else sps.beta.ppf(alpha / 2, k, n - k + 1)
    upper = 1.0 if k == n else sps.beta.ppf(1 - alpha / 2, k + 1, n - k)
    assert [cp.lower, cp.upper] == pytest.approx([lower, upper], rel=1e-9, abs=1e-14)

    jeffreys = optally.proportion(k, n, level=level, method="jeffreys").interval
    lower = sps.beta.ppf(alpha / 2, k + 0.5, n - k + 0.5)
    upper = sps.beta.ppf(1 - alpha / 2, k + 0.5, n - k + 0.5)
    assert [jeffreys.lower, jeffreys.upper] == pytest.approx([lower, upper], rel=1e-9, abs=1e-14)


def test_rate_ratio_is_the_conditional_binomial_interval():
    result = optally.rate_ratio(80, 1.0, 76, 1.0)
    lo_p = sps.beta.ppf(0.025, 80, 77)
    hi_p = sps.beta.ppf(0.975, 81, 76)
    assert result.value == pytest.approx(80 / 76)
    assert [result.interval.lower, result.interval.upper] == pytest.approx([lo_p / (1 - lo_p), hi_p / (1 - hi_p)], rel=1e-9)


def test_a_proportion_of_metrics_that_do_not_nest_is_refused():
    corpus = optally.Corpus.from_facts(optally.sample())
    with pytest.raises(optally.NotNestedError, match="ratio"):
        optally.proportion(corpus, "children_safeguarded", "arrests", operation="Tharsley")


def test_zero_denominator_gives_an_undefined_ratio_not_infinity():
    table = optally.FactTable.from_records([
        {"doc": "a", "metric": "arrests", "value": 0, "operation": "Quiet"},
        {"doc": "a", "metric": "search_warrants", "value": 12, "operation": "Quiet"},
    ])
    result = optally.ratio(table, "search_warrants", "arrests", operation="Quiet")
    assert result.value is None
    assert "0" in result.estimate.reason


def test_missing_figure_is_a_key_error_naming_it():
    with pytest.raises(KeyError, match="images"):
        optally.ratio(optally.sample(), "images", "arrests", operation="Notarise")


def test_describe_matches_numpy():
    rng = np.random.default_rng(7)
    values = rng.gamma(2.0, 3.0, size=1001)
    got = optally.describe(values)
    assert got["mean"] == pytest.approx(values.mean(), rel=1e-13)
    assert got["std"] == pytest.approx(values.std(ddof=1), rel=1e-12)
    assert got["median"] == np.median(values)
    assert optally.quantile(values, 0.9) == np.quantile(values, 0.9)


def test_describe_a_table_by_operation_puts_sentences_in_years():
    table = optally.FactTable.from_records([
        {"doc": "a", "metric": "sentence", "value": 30, "unit": "months", "operation": "Alpha"},
        {"doc": "a", "metric": "sentence", "value": 2, "unit": "years", "operation": "Alpha"},
        {"doc": "b", "metric": "sentence", "value": 6, "unit": "years", "operation": "Beta"},
    ])
    frame = optally.describe(table, "sentence", by="operation")
    assert frame.loc["Alpha", "mean"] == pytest.approx((2.5 + 2) / 2)
    assert frame.loc["Beta", "count"] == 1
    assert set(frame["unit"]) == {"years"}


def test_summaries_merge_and_pickle_exactly():
    rng = np.random.default_rng(3)
    values = rng.integers(0, 500, size=5000).astype(float)
    whole = optally.Summary()
    whole.add(values)
    left, right = optally.Summary(), optally.Summary()
    left.add(values[:1234])
    right.add(values[1234:])
    right.merge(left)
    assert right == whole
    assert right.describe() == whole.describe()
    again = pickle.loads(pickle.dumps(right))
    assert again == whole
    with pytest.raises(ValueError):
        optally.Summary.deserialize(whole.serialize()[:-3])
    with pytest.raises(ValueError):
        optally.Summary("years").merge(optally.Summary())
