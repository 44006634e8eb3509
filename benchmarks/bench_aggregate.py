"""Aggregation: optally against pandas, polars and DuckDB on the same facts, one thread each.

What every engine computes, exactly:
  1. Per metric, over all facts: count, sum, mean, std (ddof 1), min, max and median of the
     figures on the common scale (sentence: value * days_per(unit) / 365.25, in years;
     duration: value * days_per(unit), in days; counts as stated).
  2. Per operation, over the facts whose scope is "total": n = sum of registered_offenders,
     d = sum of arrests, how many facts of each, n / d (NaN unless both are stated and d > 0)
     and its 95% Wilson interval (NaN unless n and d are whole and n <= d).
Each engine starts from its own in-memory table (optally's FactTable; pandas and polars
frames with categorical text; a DuckDB table) and the time is the best of three runs from
query to result. The results are checked to agree before any time is reported.

Usage: python bench_aggregate.py N_FACTS  (prints one JSON line)
"""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("POLARS_MAX_THREADS", "1")  # before polars is imported

import numpy as np

import common

MUL_DIV = None


def run_optally(table):
    from optally import _core

    def query():
        stats = {name: s.describe() for name, s in _core.aggregate_summaries(table, "metric")}
        return stats, _core.ratio_table(table, *common.RATIO, "operation", common.RATIO_SCOPE, common.LEVEL, "wilson")

    seconds, (stats, ratios) = common.best_of(query)
    describe = {m: [d[c] for c in common.STAT_COLUMNS] for m, d in stats.items()}
    keys = ratios.pop("key")
    return seconds, describe, {k: [ratios[c][i] for c in common.RATIO_COLUMNS] for i, k in enumerate(keys)}


def wilson_numpy(n, d, nf, df):
    """Ratio and Wilson bounds as statsmodels writes them, NaN where undefined."""
    crit = common.WILSON_CRIT
    with np.errstate(divide="ignore", invalid="ignore"):
        defined = (nf > 0) & (df > 0) & (d > 0)
        ratio = np.where(defined, n / d, np.nan)
        proportion = defined & (n <= d) & (n == np.floor(n)) & (d == np.floor(d))
        q = n / d
        denom = 1 + crit**2 / d
        center = (q + crit**2 / (2 * d)) / denom
        dist = crit * np.sqrt(q * (1 - q) / d + crit**2 / (4 * d**2)) / denom
        lower = np.where(proportion, np.clip(center - dist, 0, 1), np.nan)
        upper = np.where(proportion, np.clip(center + dist, 0, 1), np.nan)
    return ratio, lower, upper


def run_pandas(data):
    import pandas as pd

    names = data["names"]
    frame = pd.DataFrame({
        "metric": pd.Categorical.from_codes(data["metric"].astype(np.int16), names),
        "value": data["value"],
        "unit": pd.Categorical.from_codes(data["unit"].astype(np.int16) - 1, [u for u in common.UNITS[1:]]),
        "scope": pd.Categorical.from_codes(data["scope"].astype(np.int16), data["scopes"]),
        "operation": pd.Categorical.from_codes(data["operation"].astype(np.int16), data["operations"]),
    })
    mul, div = common.scale_tables(names)

    def query():
        k = frame["metric"].cat.codes.to_numpy().astype(np.int64) * 6 + frame["unit"].cat.codes.to_numpy() + 1
        x = pd.Series(frame["value"].to_numpy() * mul[k] / div[k])
        stats = x.groupby(frame["metric"], observed=True).agg(list(common.STAT_COLUMNS))
        picked = frame[(frame["scope"] == common.RATIO_SCOPE) & frame["metric"].isin(common.RATIO)]
        sums = picked.groupby(["operation", "metric"], observed=True)["value"].agg(["sum", "count"]).unstack("metric")
        sums = sums.reindex(columns=pd.MultiIndex.from_product([["sum", "count"], list(common.RATIO)])).fillna(0)
        n, d = sums[("sum", common.RATIO[0])].to_numpy(), sums[("sum", common.RATIO[1])].to_numpy()
        nf, df = sums[("count", common.RATIO[0])].to_numpy(), sums[("count", common.RATIO[1])].to_numpy()
        ratio, lower, upper = wilson_numpy(n, d, nf, df)
        ratios = pd.DataFrame({"numerator": n, "denominator": d, "numerator_facts": nf, "denominator_facts": df,
                               "ratio": ratio, "lower": lower, "upper": upper}, index=sums.index.astype(str))
        return stats, ratios

    seconds, (stats, ratios) = common.best_of(query)
    return seconds, {str(m): list(row) for m, row in stats.iterrows()}, {k: list(r) for k, r in ratios.iterrows()}


def polars_scaled(pl, names):
    unit_days = {u: common.DAYS_PER[u] for u in common.UNITS[1:]}
    days = pl.col("unit").cast(pl.String).replace_strict(unit_days, default=1.0, return_dtype=pl.Float64)
    return (pl.when(pl.col("unit").is_null()).then(pl.col("value"))
            .when(pl.col("metric") == "sentence").then(pl.col("value") * days / common.DAYS_PER["years"])
            .otherwise(pl.col("value") * days))


def run_polars(data):
    import polars as pl

    frame = common.polars_frame(data)
    num, den = common.RATIO
    crit = common.WILSON_CRIT

    def query():
        x = polars_scaled(pl, data["names"]).alias("x")
        stats = (frame.lazy().select(pl.col("metric"), x).group_by("metric")
                 .agg(count=pl.len(), sum=pl.col("x").sum(), mean=pl.col("x").mean(), std=pl.col("x").std(ddof=1),
                      min=pl.col("x").min(), max=pl.col("x").max(), median=pl.col("x").median()).collect())
        n, d = pl.col("numerator"), pl.col("denominator")
        defined = (pl.col("numerator_facts") > 0) & (pl.col("denominator_facts") > 0) & (d > 0)
        proportion = defined & (n <= d) & (n == n.floor()) & (d == d.floor())
        q = n / d
        denom = 1 + crit**2 / d
        center = (q + crit**2 / (2 * d)) / denom
        dist = crit * (q * (1 - q) / d + crit**2 / (4 * d**2)).sqrt() / denom
        ratios = (frame.lazy().filter((pl.col("scope") == common.RATIO_SCOPE) & pl.col("metric").is_in(common.RATIO))
                  .group_by("operation")
                  .agg(numerator=pl.col("value").filter(pl.col("metric") == num).sum(),
                       denominator=pl.col("value").filter(pl.col("metric") == den).sum(),
                       numerator_facts=(pl.col("metric") == num).sum(),
                       denominator_facts=(pl.col("metric") == den).sum())
                  .with_columns(ratio=pl.when(defined).then(n / d),
                                lower=pl.when(proportion).then((center - dist).clip(0, 1)),
                                upper=pl.when(proportion).then((center + dist).clip(0, 1)))
                  .collect())
        return stats, ratios

    seconds, (stats, ratios) = common.best_of(query)
    describe = {row["metric"]: [row[c] for c in common.STAT_COLUMNS] for row in stats.iter_rows(named=True)}
    return seconds, describe, {row["operation"]: [row[c] for c in common.RATIO_COLUMNS]
                               for row in ratios.iter_rows(named=True)}


def run_duckdb(data):
    import duckdb

    con = duckdb.connect()
    con.execute("SET threads = 1")
    arrow = common.polars_frame(data).to_arrow()  # noqa: F841 - read by the SQL below
    con.execute("CREATE TABLE facts AS SELECT * FROM arrow")
    days = " ".join(f"WHEN '{u}' THEN CAST({common.DAYS_PER[u]!r} AS DOUBLE)" for u in common.UNITS[1:])
    crit = f"CAST({common.WILSON_CRIT!r} AS DOUBLE)"
    num, den = common.RATIO
    stats_sql = f"""
        WITH scaled AS (
          SELECT metric, CASE WHEN unit IS NULL THEN value
                              WHEN metric = 'sentence' THEN value * (CASE unit {days} END) / CAST(365.25 AS DOUBLE)
                              ELSE value * (CASE unit {days} END) END AS x
          FROM facts)
        SELECT CAST(metric AS VARCHAR), count(*), sum(x), avg(x), stddev_samp(x), min(x), max(x), median(x)
        FROM scaled GROUP BY metric"""
    ratio_sql = f"""
        WITH sums AS (
          SELECT CAST(operation AS VARCHAR) AS operation,
                 coalesce(sum(value) FILTER (WHERE metric = '{num}'), 0) AS n,
                 coalesce(sum(value) FILTER (WHERE metric = '{den}'), 0) AS d,
                 count(*) FILTER (WHERE metric = '{num}') AS nf,
                 count(*) FILTER (WHERE metric = '{den}') AS df
          FROM facts WHERE scope = '{common.RATIO_SCOPE}' AND metric IN ('{num}', '{den}')
          GROUP BY operation),
        parts AS (
          SELECT *, nf > 0 AND df > 0 AND d > 0 AS defined,
                 (n / d + {crit} * {crit} / (2 * d)) / (1 + {crit} * {crit} / d) AS center,
                 {crit} * sqrt(greatest(n / d * (1 - n / d) / d + {crit} * {crit} / (4 * d * d), 0))
                   / (1 + {crit} * {crit} / d) AS dist
          FROM sums)
        SELECT operation, n, d, nf, df,
               CASE WHEN defined THEN n / d END,
               CASE WHEN defined AND n <= d AND n = floor(n) AND d = floor(d) THEN least(greatest(center - dist, 0), 1) END,
               CASE WHEN defined AND n <= d AND n = floor(n) AND d = floor(d) THEN least(greatest(center + dist, 0), 1) END
        FROM parts"""

    def query():
        return con.execute(stats_sql).fetchall(), con.execute(ratio_sql).fetchall()

    seconds, (stats, ratios) = common.best_of(query)
    return seconds, {row[0]: list(row[1:]) for row in stats}, {row[0]: list(row[1:]) for row in ratios}


def agree(name, reference, other, what) -> None:
    """Counts and medians equal, everything else within 1e-9 relative (engines sum in
    different orders; optally's sums are exactly rounded)."""
    if sorted(reference) != sorted(other):
        raise AssertionError(f"{name}: {what} groups differ")
    for key, row in reference.items():
        a = np.array(row, dtype=float)
        b = np.array(other[key], dtype=float)
        if not np.allclose(a, b, rtol=1e-9, atol=1e-12, equal_nan=True):
            raise AssertionError(f"{name}: {what} of {key} differ:\n optally {a}\n {name} {b}")


def main() -> None:
    n = int(sys.argv[1])
    import optally

    data = common.generate(n)
    path = common.write_jsonl(n, common.OUT / f"facts_{n}.jsonl")
    table = optally.FactTable.read_jsonl(path)
    assert len(table) == n
    results = {}
    seconds, describe, ratios = run_optally(table)
    results["optally"] = seconds
    del table
    for name, runner in (("polars", run_polars), ("duckdb", run_duckdb), ("pandas", run_pandas)):
        seconds, other_describe, other_ratios = runner(data)
        agree(name, describe, other_describe, "per-metric statistics")
        agree(name, ratios, other_ratios, "per-operation ratios")
        results[name] = seconds
    print(json.dumps({"facts": n, "seconds": results, "operations": len(ratios), "metrics": len(describe)}))


if __name__ == "__main__":
    main()
