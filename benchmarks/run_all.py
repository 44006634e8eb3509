"""Run every benchmark and write benchmarks/RESULTS.md.

    python benchmarks/run_all.py [--facts 10000000] [--load-facts 1000000]

Data are generated once into benchmarks/out/ (ignored by git) and reused. Each benchmark runs
in a fresh interpreter, so that timings and peak memory do not carry over. These are
benchmarks, not tests: `make test` never runs them.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import time

import common

GOALS = {
    "aggregate_vs_fastest": 1.2,  # optally time <= 1.2 x the fastest of polars and DuckDB
    "aggregate_vs_pandas": 5.0,   # optally >= 5 x faster than pandas
    "column_bytes_per_fact": 40.0,
    "peak_over_table": 2.0,
    "extract_mb_per_s_per_core": 100.0,
    "extract_peak_rss_mb": 300.0,
}


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--facts", type=int, default=10_000_000, help="facts for aggregation and memory")
    parser.add_argument("--load-facts", type=int, default=1_000_000,
                        help="facts in the file the three readers load (pandas needs ~15x the file in memory)")
    parser.add_argument("--extract-mb", type=float, default=200, help="synthetic articles for extraction speed (MB)")
    parser.add_argument("--extract-memory-mb", type=float, default=1000,
                        help="synthetic articles for the streaming-memory check (MB)")
    parser.add_argument("--quantulum-mb", type=float, default=5, help="slice of the articles given to quantulum3 (MB)")
    args = parser.parse_args()

    started = time.perf_counter()
    print(f"generating data in {common.OUT} (once) ...", flush=True)
    # In a child process, so that this one stays small while the benchmarks run.
    big = common.OUT / f"facts_{args.facts}.jsonl"
    small = common.OUT / f"facts_{args.load_facts}.jsonl"
    common.run_json("generate.py", str(args.facts), str(big))
    common.run_json("generate.py", str(args.load_facts), str(small))

    print("memory ...", flush=True)
    memory = common.run_json("bench_memory.py", str(big))
    print("loading ...", flush=True)
    loads = [common.run_json("bench_load.py", str(small), "optally"),
             common.run_json("bench_load.py", str(small), "polars", env={"POLARS_MAX_THREADS": "1"}),
             common.run_json("bench_load.py", str(small), "polars", env={"POLARS_MAX_THREADS": str(os.cpu_count())}),
             common.run_json("bench_load.py", str(small), "pandas")]
    print("aggregation ...", flush=True)
    aggregation = common.run_json("bench_aggregate.py", str(args.facts), env={"POLARS_MAX_THREADS": "1"})

    # memory_bytes counts 4 pointers per dated document (the document -> date map); every
    # generated document (20 facts each) has a date. What is left is the columns.
    documents = -(-memory["facts"] // 20)
    date_map_per_fact = documents * 32 / memory["facts"]
    columns_per_fact = memory["column_bytes_per_fact"] - date_map_per_fact
    times = aggregation["seconds"]
    fastest = min(times["polars"], times["duckdb"])
    lines = [
        "# optally benchmarks",
        "",
        f"Written by `make bench` (`benchmarks/run_all.py`) on {datetime.date.today().isoformat()}: "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}. "
        f"Total run {time.perf_counter() - started:.0f} s. Synthetic facts from `benchmarks/common.py` "
        "(1,000 operations, all 15 metrics, 50 scopes, 20 facts per document, 4 facts per evidence sentence).",
        "",
        f"## Aggregation: {aggregation['facts']:,} facts, one thread each",
        "",
        "Per-metric count, sum, mean, std, min, max and median on the common scale, plus per-operation "
        "registered_offenders / arrests at scope total with a 95% Wilson interval "
        "(definitions in `benchmarks/bench_aggregate.py`). All four results were checked to agree "
        "(counts and medians equal, the rest within 1e-9 relative) before timing was reported. Best of 3.",
        "",
        "| engine | seconds | time / optally's |",
        "| --- | ---: | ---: |",
    ]
    for engine in ("optally", "polars", "duckdb", "pandas"):
        lines.append(f"| {engine} | {times[engine]:.3f} | {times[engine] / times['optally']:.2f}x |")
    lines += [
        "",
        f"- optally / fastest of polars and DuckDB: {times['optally'] / fastest:.2f} "
        f"(goal <= {GOALS['aggregate_vs_fastest']}): {verdict(times['optally'] <= GOALS['aggregate_vs_fastest'] * fastest)}",
        f"- pandas / optally: {times['pandas'] / times['optally']:.1f}x "
        f"(goal >= {GOALS['aggregate_vs_pandas']}x): {verdict(times['pandas'] >= GOALS['aggregate_vs_pandas'] * times['optally'])}",
        "",
        f"## Memory: {memory['facts']:,} facts loaded from JSON Lines ({memory['file_bytes'] / 1e9:.2f} GB)",
        "",
        "| measure | value |",
        "| --- | ---: |",
        f"| column bytes per fact | {columns_per_fact:.1f} |",
        f"| document-date map, per fact ({documents:,} documents) | {date_map_per_fact:.1f} |",
        f"| string pool per fact | {memory['string_bytes'] / memory['facts']:.1f} |",
        f"| string pool ({memory['distinct_strings']:,} distinct strings) | {memory['string_bytes'] / 1e6:.0f} MB |",
        f"| table size (memory_bytes) | {memory['table_bytes'] / 1e6:.0f} MB |",
        f"| peak resident memory of the load, above the interpreter's | {memory['peak_load_bytes'] / 1e6:.0f} MB |",
        f"| peak / table size | {memory['peak_over_table']:.2f} |",
        f"| load time | {memory['seconds']:.1f} s ({memory['file_bytes'] / memory['seconds'] / 1e6:.0f} MB/s) |",
        "",
        f"- bytes per fact <= {GOALS['column_bytes_per_fact']:.0f} plus interned strings: "
        f"{verdict(columns_per_fact <= GOALS['column_bytes_per_fact'])} "
        "(memory_bytes less the string pool and the per-document date map, over the facts)",
        f"- streaming load peak < {GOALS['peak_over_table']:.0f}x the table: "
        f"{verdict(memory['peak_over_table'] < GOALS['peak_over_table'])}",
        "",
        f"## Loading: JSON Lines, {loads[0]['rows']:,} facts ({loads[0]['bytes'] / 1e6:.0f} MB)",
        "",
        "| reader | threads | seconds | MB/s | optally's speed / this |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    names = {"optally": "optally FactTable.read_jsonl", "polars": "polars.read_ndjson",
             "pandas": "pandas.read_json(lines=True)"}
    for load in loads:
        lines.append(f"| {names[load['engine']]} | {load['threads']} | {load['seconds']:.2f} | {load['mb_per_s']:.0f} | "
                     f"{loads[0]['mb_per_s'] / load['mb_per_s']:.2f}x |")
    lines.append("")
    lines += extraction_section(args)
    # The measures written by hand (instructions per MB, timings from C++ and Python across
    # sessions) live in HISTORY.md, so that a run of this script does not erase them.
    history = common.ROOT / "HISTORY.md"
    if history.exists():
        lines += ["", history.read_text(encoding="utf-8").rstrip("\n"), ""]
    (common.ROOT / "RESULTS.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


def extraction_section(args) -> list[str]:
    print("extraction ...", flush=True)
    corpus = common.OUT / f"articles_{args.extract_mb:g}MB"
    big = common.OUT / f"articles_{args.extract_memory_mb:g}MB"
    if not corpus.exists():
        common.run_json("bench_extract.py", "generate", str(corpus), str(args.extract_mb))
    if not big.exists():
        common.run_json("bench_extract.py", "generate", str(big), str(args.extract_memory_mb))
    news = common.OUT / f"news_{args.extract_mb:g}MB"
    if not news.exists():
        common.run_json("bench_extract.py", "generate-news", str(news), str(args.extract_mb))
    cores = os.cpu_count() or 1
    one = common.run_json("bench_extract.py", "throughput", str(corpus), "1")
    every = common.run_json("bench_extract.py", "throughput", str(corpus), str(cores))
    news_one = common.run_json("bench_extract.py", "throughput", str(news), "1")
    news_every = common.run_json("bench_extract.py", "throughput", str(news), str(cores))
    small_memory = common.run_json("bench_extract.py", "memory", str(corpus))
    big_memory = common.run_json("bench_extract.py", "memory", str(big))
    quantulum = common.run_json("bench_extract.py", "quantulum", str(corpus), str(args.quantulum_mb))
    # The goal is judged on news prose: its density of figures (about 1,900 facts per MB) is
    # that of the seed articles (about 2,000). The dense corpus, every paragraph a figure
    # (about 15,500 facts per MB), is the stress case and is reported beside it.
    per_core = news_every["mb_per_s"] / cores
    dense_per_core = every["mb_per_s"] / cores
    peak_mb = big_memory["peak_rss"] / 1e6
    return [
        "",
        f"## Extraction: {one['bytes'] / 1e6:.0f} MB of synthetic articles ({one['facts']:,} facts)",
        "",
        "| run | seconds | MB/s |",
        "| --- | ---: | ---: |",
        f"| optally, 1 thread | {one['seconds']:.2f} | {one['mb_per_s']:.1f} |",
        f"| optally, {cores} threads | {every['seconds']:.2f} | {every['mb_per_s']:.1f} |",
        f"| optally, 1 thread, news prose ({news_one['bytes'] / 1e6:.0f} MB, {news_one['facts']:,} facts) | "
        f"{news_one['seconds']:.2f} | {news_one['mb_per_s']:.1f} |",
        f"| optally, {cores} threads, news prose | {news_every['seconds']:.2f} | {news_every['mb_per_s']:.1f} |",
        f"| quantulum3 on {quantulum['bytes'] / 1e6:.1f} MB of the same texts | {quantulum['seconds']:.1f} | "
        f"{quantulum['mb_per_s']:.3f} |",
        "",
        f"- optally (1 thread) is {one['mb_per_s'] / quantulum['mb_per_s']:.0f}x faster than quantulum3",
        f"- per core on news prose (the seed articles' density of figures): {news_one['mb_per_s']:.1f} MB/s on one "
        f"thread, {per_core:.1f} MB/s per core on {cores} (goal >= {GOALS['extract_mb_per_s_per_core']:.0f}): "
        f"{verdict(min(news_one['mb_per_s'], per_core) >= GOALS['extract_mb_per_s_per_core'])}",
        f"- per core on the dense corpus (eight times the figures per MB): {one['mb_per_s']:.1f} MB/s on one thread, "
        f"{dense_per_core:.1f} MB/s per core on {cores}: "
        f"{verdict(min(one['mb_per_s'], dense_per_core) >= GOALS['extract_mb_per_s_per_core'])}",
        f"- peak RSS of `optally extract` (streaming, output to /dev/null): {small_memory['peak_rss'] / 1e6:.0f} MB "
        f"on {small_memory['bytes'] / 1e6:.0f} MB, {peak_mb:.0f} MB on {big_memory['bytes'] / 1e6:.0f} MB "
        f"(goal < {GOALS['extract_peak_rss_mb']:.0f} MB on 1 GB): {verdict(peak_mb < GOALS['extract_peak_rss_mb'])}",
        "",
    ]


if __name__ == "__main__":
    main()
