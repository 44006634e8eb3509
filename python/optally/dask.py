"""optally on Dask: extraction and statistics for corpora beyond one machine.

The same code runs on a laptop's threads, a ``dask.distributed.LocalCluster`` or a real
cluster: whichever ``dask.distributed.Client`` is current computes it.

- :func:`extract_bag` turns articles (and fact files) into a ``dask.bag`` of facts, one dict
  per fact with the contract's keys; :func:`extract_dataframe` gives the same facts as a
  ``dask.dataframe``.
- :func:`summarise` computes an :class:`optally._aggregate.Aggregate` partition by
  partition with the C++ kernels and merges the partial Summaries in a tree. Facts never
  travel: only the small mergeable states do, and the merged result equals
  ``optally.aggregate`` of the whole corpus in one process, exactly.

Requires ``dask`` (``pip install "dask[distributed]"``; ``dask[dataframe]`` for the frames).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable, Optional, Union

from . import _core
from ._aggregate import Aggregate, AggregateSpec, Pairs, aggregate_table, make_spec
from ._table import COLUMNS, FactTable

try:
    import dask
    import dask.bag as db
except ImportError as error:  # pragma: no cover - depends on the environment
    raise ImportError('optally.dask needs Dask: pip install "dask[distributed]"') from error

__all__ = ["extract_bag", "extract_dataframe", "summarise", "table_of_partition"]

PathLike = Union[str, "os.PathLike[str]"]

#: The dtypes of extract_dataframe's columns; text columns use pandas' nullable string.
FRAME_DTYPES = {"doc": "string", "metric": "string", "value": "float64", "unit": "string", "qualifier": "string",
                "scope": "string", "operation": "string", "start": "int64", "end": "int64", "evidence": "string",
                "agency": "string", "date": "string"}


def _is_bag(obj) -> bool:
    return isinstance(obj, db.Bag)


def _is_dask_frame(obj) -> bool:
    try:
        import dask.dataframe as dd
    except ImportError:  # pragma: no cover - dask without its dataframe extra
        return False
    return isinstance(obj, dd.DataFrame)


def _input_files(paths: Union[PathLike, Iterable[PathLike]]) -> list[str]:
    """Articles and fact files under the named paths, in a deterministic order."""
    from ._inputs import collect

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    found = collect(paths)
    return [str(p) for p in found.articles + found.fact_files]


def _extract_paths(paths: list[str], threads: int) -> FactTable:
    import optally

    fact_files = [p for p in paths if Path(p).suffix.lower() in (".jsonl", ".json", ".csv")]
    articles = [p for p in paths if p not in set(fact_files)]
    tables = [FactTable.read(p) for p in fact_files]
    if articles:
        extract_files = getattr(optally, "extract_files", None)
        if extract_files is None:  # pragma: no cover - until extraction lands
            raise RuntimeError("this build of optally has no extract_files; pass fact files instead")
        tables.append(extract_files(articles, threads=threads))
    return FactTable.concat(tables) if len(tables) != 1 else FactTable._adopt(tables[0])


def table_of_partition(items: Iterable[Any], threads: int = 1) -> FactTable:
    """One FactTable from a partition's items, whatever they are.

    Items may be fact dicts (as :func:`extract_bag` yields them), FactTables, paths of
    articles or fact files, or ``(doc, text)`` pairs to extract from; a pandas DataFrame of
    facts (a dask.dataframe partition) is read row by row.
    """
    import optally

    if hasattr(items, "to_dict") and hasattr(items, "columns"):
        frame = items.astype(object).where(items.notna(), None)
        return FactTable.from_records(frame.to_dict("records"))
    tables: list[FactTable] = []
    records: list[dict] = []
    paths: list[str] = []
    for item in items:
        if isinstance(item, dict):
            records.append(item)
        elif isinstance(item, _core.FactTable):
            tables.append(item)
        elif isinstance(item, (str, os.PathLike)):
            paths.append(str(item))
        elif isinstance(item, tuple) and len(item) == 2:
            doc, text = item
            tables.append(optally.extract(text, doc=str(doc)))
        else:
            raise TypeError(f"cannot make facts of a {type(item).__name__}; expected a fact dict, FactTable, path "
                            "or (doc, text) pair")
    if records:
        tables.append(FactTable.from_records(records))
    if paths:
        tables.append(_extract_paths(paths, threads))
    return FactTable.concat(tables) if len(tables) != 1 else FactTable._adopt(tables[0])


def _records(items, threads: int) -> list[dict]:
    return table_of_partition(items, threads).to_records()


def _source_bag(paths_or_bag, files_per_partition: int):
    if _is_bag(paths_or_bag):
        return paths_or_bag
    files = _input_files(paths_or_bag)
    return db.from_sequence(files, partition_size=max(1, files_per_partition)) if files else db.from_sequence([])


def extract_bag(paths_or_bag, *, files_per_partition: int = 64, threads: int = 1):
    """A ``dask.bag.Bag`` of facts: one dict per fact with the contract's keys.

    ``paths_or_bag`` is a path or a list of paths (folders are walked; articles are
    extracted, ``.jsonl``/``.csv`` fact files read), or a Bag whose items are paths,
    ``(doc, text)`` pairs or fact dicts. Each partition of ``files_per_partition`` files is
    extracted by one task with ``threads`` threads. Nothing runs until the bag is computed.
    """
    return _source_bag(paths_or_bag, files_per_partition).map_partitions(_records, threads)


def _frame_of(items, threads: int):
    import pandas as pd

    records = _records(items, threads)
    frame = pd.DataFrame.from_records(records, columns=list(COLUMNS)) if records else pd.DataFrame(columns=list(COLUMNS))
    return frame.astype(FRAME_DTYPES)


def extract_dataframe(paths_or_bag, *, files_per_partition: int = 64, threads: int = 1):
    """The facts of :func:`extract_bag` as a ``dask.dataframe.DataFrame`` (columns and dtypes
    in ``FRAME_DTYPES``), one partition per group of files."""
    import dask.dataframe as dd

    bag = _source_bag(paths_or_bag, files_per_partition)
    parts = [dask.delayed(_frame_of)(part, threads) for part in bag.to_delayed()]
    meta = _frame_of([], threads)
    return dd.from_delayed(parts, meta=meta, verify_meta=False) if parts else dd.from_pandas(meta, npartitions=1)


def _partial(items, spec: AggregateSpec, threads: int) -> Aggregate:
    return aggregate_table(table_of_partition(items, threads), spec)


def _merge_parts(spec: AggregateSpec, *parts: Aggregate) -> Aggregate:
    return Aggregate.merge_all(parts, spec)


def summarise(source, *, by: str = "metric", metric: Optional[str] = None, scope: Optional[str] = None,
              ratios: Pairs = (), ratio_by: str = "operation", ratio_scope: Optional[str] = "total",
              files_per_partition: int = 64, threads: int = 1, split_every: int = 8, compute: bool = True):
    """Statistics of a distributed corpus, computed per partition and merged.

    ``source`` is anything :func:`extract_bag` accepts (paths, or a Bag of paths, texts or
    fact dicts), a Bag from it, or a dask DataFrame of facts. The keyword arguments are those
    of ``optally.aggregate``. Each partition becomes a FactTable inside its own task and only
    its :class:`Aggregate` - the core's mergeable Summaries - leaves the worker; the partial
    aggregates are merged ``split_every`` at a time.

    Returns the merged :class:`Aggregate` (or a ``dask.delayed`` object for it when
    ``compute=False``). The result equals ``optally.aggregate(whole_table, ...)`` exactly.
    """
    spec = make_spec(by=by, metric=metric, scope=scope, ratios=ratios, ratio_by=ratio_by, ratio_scope=ratio_scope)
    if split_every < 2:
        raise ValueError(f"split_every must be at least 2, got {split_every}")
    if isinstance(source, _core.FactTable):
        raise TypeError("summarise() is for dask collections and paths; use optally.aggregate() for a FactTable")
    if _is_dask_frame(source):
        partitions = source.to_delayed()
    else:
        partitions = _source_bag(source, files_per_partition).to_delayed()
    level = [dask.delayed(_partial)(part, spec, threads) for part in partitions]
    if not level:
        level = [dask.delayed(_merge_parts)(spec)]
    while len(level) > 1:
        level = [dask.delayed(_merge_parts)(spec, *level[i:i + split_every]) for i in range(0, len(level), split_every)]
    return level[0].compute() if compute else level[0]
