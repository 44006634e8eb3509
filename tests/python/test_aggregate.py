"""optally's one-pass aggregates against slow, obvious computations on generated facts."""

import math
import pickle
import random

import numpy as np
import pytest
from scipy.stats import norm

import optally
from optally import _core
from optally._aggregate import Aggregate, aggregate, ratio_table

METRICS = [m["name"] for m in _core.metrics()]
UNITS = {m["name"]: m["units"] for m in _core.metrics()}
DAYS_PER = {"hours": 1.0 / 24.0, "days": 1.0, "weeks": 7.0, "months": 365.25 / 12.0, "years": 365.25}
SCOPES = ["total", "Jersey", "Lincolnshire", "West Midlands"]


def generated_records(n, seed=0):
    """Facts of every metric: repeated, fractional and zero figures, sentences and durations in
    several units, four scopes, dated and undated documents, facts with no operation."""
    rng = random.Random(seed)
    records = []
    for i in range(n):
        metric = rng.choice(METRICS)
        value = float(rng.randint(0, 60))
        if rng.random() < 0.1:
            value += 0.5
        if rng.random() < 0.03:
            value = rng.randint(0, 30) * 0.1  # sums of these round
        doc = rng.randint(0, 40)
        op = rng.randint(0, 15)
        records.append({
            "doc": f"doc-{doc}", "metric": metric, "value": value,
            "unit": rng.choice(UNITS[metric]) if UNITS[metric] else None,
            "scope": rng.choice(SCOPES), "operation": f"Op{op}" if op else None,
            "evidence": f"sentence {i % 70}", "date": f"{2012 + doc % 6}-03-01" if doc % 4 else None,
        })
    return records


def common_scale(record):
    """Figures on one scale, written out as the core's grouping.hpp defines it."""
    unit = record.get("unit")
    if not unit:
        return record["value"]
    if record["metric"] == "sentence":
        return record["value"] * DAYS_PER[unit] / DAYS_PER["years"]
    return record["value"] * DAYS_PER[unit]


def wilson(k, n, level=0.95):
    """statsmodels' proportion_confint(method="wilson"), in numpy."""
    crit = norm.isf((1 - level) / 2)
    q = k / n
    denom = 1 + crit**2 / n
    center = (q + crit**2 / (2 * n)) / denom
    dist = crit * np.sqrt(q * (1 - q) / n + crit**2 / (4 * n**2)) / denom
    return max(center - dist, 0.0), min(center + dist, 1.0)


@pytest.fixture(scope="module")
def records():
    return generated_records(4000, seed=42)


@pytest.fixture(scope="module")
def table(records):
    return optally.FactTable.from_records(records)


def test_per_metric_statistics_match_a_slow_computation(records, table):
    result = aggregate(table).describe()
    by_metric = {}
    for r in records:
        by_metric.setdefault(r["metric"], []).append(common_scale(r))
    assert sorted(result.index) == sorted(by_metric)
    for metric, values in by_metric.items():
        row = result.loc[metric]
        values = np.array(values)
        assert row["count"] == len(values)
        assert row["sum"] == math.fsum(values)  # exact summation: correctly rounded
        assert row["min"] == values.min() and row["max"] == values.max()
        assert row["median"] == np.median(values)
        assert row["mean"] == pytest.approx(values.mean(), rel=1e-14)
        assert row["std"] == pytest.approx(values.std(ddof=1), rel=1e-12)
    assert result.loc["sentence", "unit"] == "years" and result.loc["duration", "unit"] == "days"


@pytest.mark.parametrize("by", ["operation", "metric", "scope", "year", "doc"])
@pytest.mark.parametrize("metric", [None, "arrests", "sentence"])
def test_summaries_equal_summarise_by_exactly(table, by, metric):
    assert aggregate(table, by=by, metric=metric).summaries == dict(_core.summarise_by(table, by, metric or ""))


def test_scope_restriction(records, table):
    place = optally.FactTable.from_records([r for r in records if r["scope"] == "Jersey"])
    assert aggregate(table, by="operation", scope="Jersey").summaries == dict(_core.summarise_by(place, "operation", ""))


def test_per_operation_ratios_and_wilson_intervals_match_a_slow_computation(records, table):
    result = aggregate(table, ratios=[("registered_offenders", "arrests")]).ratio("registered_offenders", "arrests")
    groups = {}
    for r in records:
        if r["scope"] != "total" or r["metric"] not in ("registered_offenders", "arrests"):
            continue
        side = 0 if r["metric"] == "registered_offenders" else 1
        groups.setdefault(r["operation"] or "", ([], []))[side].append(r["value"])
    assert list(result.index) == sorted(groups)
    checked_intervals = 0
    for op, (num, den) in groups.items():
        row = result.loc[op]
        n, d = math.fsum(num), math.fsum(den)
        assert (row["numerator"], row["denominator"]) == (n, d)
        assert (row["numerator_facts"], row["denominator_facts"]) == (len(num), len(den))
        if num and den and d > 0:
            assert row["ratio"] == n / d
        else:
            assert math.isnan(row["ratio"])
        if num and den and d > 0 and n <= d and n.is_integer() and d.is_integer():
            lower, upper = wilson(n, d)
            assert row["lower"] == pytest.approx(lower, rel=1e-12, abs=1e-15)
            assert row["upper"] == pytest.approx(upper, rel=1e-12)
            checked_intervals += 1
        else:
            assert math.isnan(row["lower"]) and math.isnan(row["upper"])
    assert checked_intervals >= 3  # the generated data exercises the interval


def test_parts_merge_into_the_whole_in_any_order(records, table):
    spec = dict(by="operation", ratios="standard", ratio_scope=None)
    whole = aggregate(table, **spec)
    cuts = [0, 700, 705, 2500, 4000]
    parts = [aggregate(optally.FactTable.from_records(records[a:b]), **spec) for a, b in zip(cuts, cuts[1:])]
    assert Aggregate.merge_all(parts) == whole
    assert Aggregate.merge_all(reversed(parts)) == whole
    assert parts[0].merge(parts[1].merge(parts[2])).merge(parts[3]) == whole
    # merging leaves its inputs alone
    assert parts[0] == aggregate(optally.FactTable.from_records(records[:700]), **spec)


def test_merging_parts_that_measure_different_things_makes_the_group_unitless():
    a = aggregate(optally.FactTable.from_records([{"doc": "a", "metric": "sentence", "value": 2, "unit": "years",
                                                   "operation": "X"}]), by="operation")
    b = aggregate(optally.FactTable.from_records([{"doc": "b", "metric": "arrests", "value": 7, "operation": "X"}]),
                  by="operation")
    assert a["X"].unit == "years" and b["X"].unit is None
    merged = a.merge(b)
    assert merged["X"].unit is None and merged["X"].describe()["sum"] == 9.0


def test_aggregates_pickle(table):
    result = aggregate(table, by="scope", ratios="standard")
    assert pickle.loads(pickle.dumps(result)) == result


def test_bad_arguments():
    table = optally.sample()
    with pytest.raises(optally.InputError):
        aggregate(table, metric="victims")
    with pytest.raises(ValueError, match="group key"):
        aggregate(table, by="country")
    with pytest.raises(ValueError, match="two different"):
        aggregate(table, ratios=[("arrests", "arrests")])
    result = aggregate(table, ratios=[("charged", "arrests")])
    with pytest.raises(KeyError):
        result.ratio("arrests", "charged")
    with pytest.raises(ValueError):
        result.ratio("charged", "arrests", level=1.5)
    with pytest.raises(ValueError, match="different settings"):
        result.merge(aggregate(table))


def test_empty_table():
    result = aggregate(optally.FactTable(), ratios="standard")
    assert result.summaries == {} and len(result.describe()) == 0
    assert len(result.ratio("registered_offenders", "arrests")) == 0


@pytest.mark.parametrize("scope", ["total", None])
def test_ratio_table_is_the_aggregate_ratio_in_one_pass(table, scope):
    pair = ("children_at_risk", "children_safeguarded")
    direct = ratio_table(table, *pair, scope=scope, level=0.9, method="jeffreys")
    via_state = aggregate(table, ratios=[pair], ratio_scope=scope).ratio(*pair, level=0.9, method="jeffreys")
    assert direct.equals(via_state)
    with pytest.raises(optally.InputError):
        ratio_table(table, "arrests", "victims")
