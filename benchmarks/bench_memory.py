"""Memory: bytes per fact in a FactTable, and the peak memory of loading a JSON Lines file.

Run in a fresh interpreter so that the peak resident set (VmHWM) belongs to this load
alone; the baseline is the resident set after importing optally, before reading.

Usage: python bench_memory.py FILE   (prints one JSON line)
"""

from __future__ import annotations

import json
import os
import sys
import time


def status_bytes(field: str) -> int:
    """VmRSS (resident now) or VmHWM (peak resident) of this process. Not ru_maxrss: that one
    keeps the high-water mark of the process that forked this interpreter."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def main() -> None:
    path = sys.argv[1]
    import optally
    from optally import _core

    baseline = status_bytes("VmRSS")
    started = time.perf_counter()
    table = optally.FactTable.read_jsonl(path)
    seconds = time.perf_counter() - started
    peak = status_bytes("VmHWM")
    memory = _core._table_memory(table)
    after = status_bytes("VmRSS")
    facts = memory["facts"]
    print(json.dumps({
        "facts": facts, "file_bytes": os.path.getsize(path), "seconds": seconds,
        "table_bytes": memory["total"], "string_bytes": memory["strings"],
        "distinct_strings": memory["distinct_strings"],
        "column_bytes_per_fact": (memory["total"] - memory["strings"]) / facts,
        "bytes_per_fact_with_strings": memory["total"] / facts,
        "baseline_rss": baseline, "peak_rss": peak, "rss_after": after,
        "peak_load_bytes": peak - baseline, "resident_table_bytes": after - baseline,
        "peak_over_table": (peak - baseline) / memory["total"],
    }))


if __name__ == "__main__":
    main()
