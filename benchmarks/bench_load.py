"""Loading: JSON Lines read speed of optally against pandas.read_json(lines=True) and
polars.read_ndjson on the same file, in MB/s (best of a few reads; the file is in the page
cache after the first). optally reads on one thread; polars is timed on one thread and on
all cores.

Usage: python bench_load.py FILE ENGINE   (ENGINE: optally, pandas, polars; prints one JSON line)
"""

from __future__ import annotations

import json
import os
import sys

import common


def main() -> None:
    path, engine = sys.argv[1], sys.argv[2]
    size = os.path.getsize(path)
    if engine == "optally":
        import optally

        reader = lambda: len(optally.FactTable.read_jsonl(path))  # noqa: E731
    elif engine == "pandas":
        import pandas as pd

        reader = lambda: len(pd.read_json(path, lines=True))  # noqa: E731
    elif engine == "polars":
        import polars as pl

        reader = lambda: len(pl.read_ndjson(path))  # noqa: E731
    else:
        raise SystemExit(f"unknown engine {engine}")
    repeat = 1 if engine == "pandas" else 3  # pandas takes long enough that one read is a fair measure
    seconds, rows = common.best_of(reader, repeat)
    print(json.dumps({"engine": engine, "bytes": size, "rows": rows, "seconds": seconds,
                      "mb_per_s": size / seconds / 1e6,
                      "threads": os.environ.get("POLARS_MAX_THREADS", str(os.cpu_count())) if engine == "polars" else "1"}))


if __name__ == "__main__":
    main()
