"""Synthetic facts for the benchmarks, and what every engine must compute on them.

The data are generated from a seed, so each benchmark process can rebuild the very same
columns instead of passing gigabytes between processes. Figures look like press releases':
whole counts (large ones rounded to two significant figures, as "2.5 million images" is),
sentences in months or half years, durations in every unit.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent
OUT = ROOT / "out"  # ignored by git

UNITS = (None, "hours", "days", "weeks", "months", "years")
DAYS_PER = {"hours": 1.0 / 24.0, "days": 1.0, "weeks": 7.0, "months": 365.25 / 12.0, "years": 365.25}
QUALIFIERS = ("exact", "more_than", "at_least", "about", "up_to", "fewer_than")
RATIO = ("registered_offenders", "arrests")  # the per-operation proportion every engine computes
RATIO_SCOPE = "total"
LEVEL = 0.95
WILSON_CRIT = statistics.NormalDist().inv_cdf(1 - (1 - LEVEL) / 2)
STAT_COLUMNS = ("count", "sum", "mean", "std", "min", "max", "median")
RATIO_COLUMNS = ("numerator", "denominator", "numerator_facts", "denominator_facts", "ratio", "lower", "upper")

# (log-mean, log-sd) of each count's figures
COUNT_SHAPES = {
    "arrests": (3.2, 1.0), "search_warrants": (3.0, 1.1), "children_safeguarded": (3.0, 1.2),
    "children_at_risk": (2.0, 1.0), "police_forces": (2.5, 0.8), "registered_offenders": (1.0, 0.8),
    "charged": (2.0, 1.0), "convicted": (1.5, 1.0), "images": (9.0, 2.0), "devices_seized": (4.0, 1.3),
    "officers": (4.0, 1.0), "investigations": (3.0, 1.2), "referrals": (5.0, 1.5),
}


def metric_names() -> list[str]:
    """The vocabulary in optally's order (metric codes index it)."""
    vocabulary = json.loads((ROOT.parent / "data" / "metrics.json").read_text())
    return [m["name"] for m in vocabulary["metrics"]]


def two_significant(x: np.ndarray) -> np.ndarray:
    magnitude = np.power(10.0, np.floor(np.log10(np.maximum(x, 1.0))) - 1)
    return np.where(x >= 100, np.round(x / magnitude) * magnitude, x)


def generate(n: int, seed: int = 2024, operations: int = 1000, scopes: int = 50) -> dict:
    """Columns of n facts: codes for metric, unit, qualifier, scope and operation, the values,
    document numbers, offsets and evidence numbers (four facts share a sentence)."""
    rng = np.random.default_rng(seed)
    names = metric_names()
    metric = rng.integers(0, len(names), n, dtype=np.uint8)
    value = np.zeros(n)
    unit = np.zeros(n, dtype=np.uint8)
    for code, name in enumerate(names):
        rows = np.flatnonzero(metric == code)
        if name == "sentence":
            in_months = rng.random(rows.size) < 0.4
            unit[rows] = np.where(in_months, UNITS.index("months"), UNITS.index("years"))
            value[rows] = np.where(in_months, rng.integers(1, 37, rows.size), rng.integers(1, 31, rows.size) / 2)
        elif name == "duration":
            codes = rng.integers(1, len(UNITS), rows.size)
            unit[rows] = codes
            value[rows] = rng.integers(1, np.array([0, 73, 31, 13, 25, 6])[codes])
        else:
            mu, sigma = COUNT_SHAPES[name]
            value[rows] = two_significant(np.round(rng.lognormal(mu, sigma, rows.size)))
    scope = np.where(rng.random(n) < 0.5, 0, rng.integers(1, scopes, n)).astype(np.uint16)
    qualifier = np.where(rng.random(n) < 0.8, 0, rng.integers(1, len(QUALIFIERS), n)).astype(np.uint8)
    doc = np.arange(n, dtype=np.int64) // 20
    start = rng.integers(0, 5000, n).astype(np.int64)
    return {
        "metric": metric, "value": value, "unit": unit, "qualifier": qualifier, "scope": scope,
        "operation": rng.integers(0, operations, n).astype(np.uint16), "doc": doc, "start": start,
        "end": start + rng.integers(20, 200, n), "evidence": np.arange(n, dtype=np.int64) // 4,
        "year": 2010 + doc % 15, "names": names, "scopes": scope_names(scopes),
        "operations": [f"Op{i:04d}" for i in range(operations)],
    }


def scope_names(scopes: int) -> list[str]:
    return ["total"] + [f"Force area {i:02d}" for i in range(1, scopes)]


def scale_tables(names: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """mul and div by (metric code * 6 + unit code): a figure on the common scale is
    value * mul / div, the operations optally's common_scale performs, in that order."""
    mul = np.ones(len(names) * len(UNITS))
    div = np.ones(len(names) * len(UNITS))
    for code, name in enumerate(names):
        for u, unit in enumerate(UNITS[1:], 1):
            mul[code * len(UNITS) + u] = DAYS_PER[unit]
            div[code * len(UNITS) + u] = DAYS_PER["years"] if name == "sentence" else 1.0
    return mul, div


def polars_frame(data: dict, full: bool = False):
    """The facts as a polars DataFrame: categorical text columns (the engines' interning),
    or every contract column as text when full (for writing JSON Lines)."""
    import polars as pl

    def text(codes, names):
        return pl.Series(np.array(names, dtype=str)[codes])

    units = text(data["unit"], [u or "" for u in UNITS])
    columns = {
        "metric": text(data["metric"], data["names"]),
        "value": pl.Series(data["value"]),
        "unit": pl.select(pl.when(units != "").then(units)).to_series(),
        "scope": text(data["scope"], data["scopes"]),
        "operation": text(data["operation"], data["operations"]),
    }
    if not full:
        frame = pl.DataFrame(columns)
        return frame.with_columns(pl.col("metric", "unit", "scope", "operation").cast(pl.Categorical))
    frame = pl.DataFrame({
        "doc": "d" + pl.Series(data["doc"]).cast(pl.String).str.zfill(8),
        **{k: columns[k] for k in ("metric", "value", "unit")},
        "qualifier": text(data["qualifier"], QUALIFIERS),
        **{k: columns[k] for k in ("scope", "operation")},
        "start": data["start"], "end": data["end"],
        "evidence": "In a coordinated operation across the region, officers reported figure number "
                    + pl.Series(data["evidence"]).cast(pl.String) + ".",
        "agency": pl.Series([None] * len(data["value"]), dtype=pl.String),
        "date": pl.Series(data["year"]).cast(pl.String) + "-06-01",
    })
    return frame


def write_jsonl(n: int, path: Path, seed: int = 2024) -> Path:
    """JSON Lines of n generated facts (written once, then reused)."""
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    polars_frame(generate(n, seed), full=True).write_ndjson(tmp)
    os.replace(tmp, path)
    return path


def best_of(fn, repeat: int = 3):
    """(best wall time in seconds, the last result)."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - started)
    return best, result


def run_json(script: str, *args: str, env: dict | None = None) -> dict:
    """Run a benchmark script in a fresh interpreter and return the JSON it prints last."""
    full_env = dict(os.environ, **(env or {}))
    proc = subprocess.run([sys.executable, str(ROOT / script), *args], capture_output=True, text=True, env=full_env)
    if proc.returncode != 0:
        raise RuntimeError(f"{script} failed:\n{proc.stdout}\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])
