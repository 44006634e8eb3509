"""Mergeable statistics of a fact table, computed in one pass by the C++ core.

An :class:`Aggregate` holds the core's mergeable Summaries: one per group (by metric,
operation, scope, year or document) and, for each pair of metrics asked for, a numerator and
a denominator Summary per group. Aggregates of the parts of a corpus merge into exactly the
aggregate of the whole, in any order and grouping, which is what lets ``optally.dask`` compute
statistics shard by shard and never gather the facts in one process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence, Union

from . import _core

GROUP_KEYS = ("operation", "metric", "scope", "year", "doc")

RatioState = list  # [(key, numerator Summary, denominator Summary)], sorted by key
Pairs = Union[str, Sequence[tuple[str, str]]]


@dataclass(frozen=True)
class AggregateSpec:
    """What an aggregate computes; only aggregates of the same spec merge."""

    by: str = "metric"
    metric: Optional[str] = None
    scope: Optional[str] = None
    ratios: tuple[tuple[str, str], ...] = ()
    ratio_by: str = "operation"
    ratio_scope: Optional[str] = "total"

    def __post_init__(self):
        for key in (self.by, self.ratio_by):
            if key not in GROUP_KEYS:
                raise ValueError(f"unknown group key {key!r}; expected one of {', '.join(GROUP_KEYS)}")
        names = {m["name"] for m in _core.metrics()}
        for metric in ([self.metric] if self.metric else []) + [m for pair in self.ratios for m in pair]:
            if metric not in names:
                raise _core.InputError(f"unknown metric '{metric}'; the vocabulary is: {', '.join(sorted(names))}")
        for numerator, denominator in self.ratios:
            if numerator == denominator:
                raise ValueError(f"a ratio needs two different metrics, got {numerator!r} twice")


def _pairs(ratios: Pairs) -> tuple[tuple[str, str], ...]:
    if ratios == "standard":
        standard_ratios, standard_proportions = _core.standard_pairs()
        return tuple((num, den) for num, den, _ in standard_ratios + standard_proportions)
    if isinstance(ratios, str):
        raise ValueError(f"ratios must be 'standard' or a list of (numerator, denominator) pairs, got {ratios!r}")
    out = []
    for pair in ratios:
        numerator, denominator = pair
        out.append((str(numerator), str(denominator)))
    return tuple(dict.fromkeys(out))  # each pair once, in the order given


def make_spec(*, by: str = "metric", metric: Optional[str] = None, scope: Optional[str] = None, ratios: Pairs = (),
              ratio_by: str = "operation", ratio_scope: Optional[str] = "total") -> AggregateSpec:
    return AggregateSpec(by, metric or None, scope or None, _pairs(ratios), ratio_by, ratio_scope or None)


@dataclass(eq=False)
class Aggregate:
    """Per-group Summaries and per-group ratio states of a fact table; see :func:`aggregate`.

    ``summaries`` maps each group key to its :class:`optally._core.Summary` (figures on the
    common scale: sentences in years, durations in days); ``ratio_states`` maps each
    ``(numerator, denominator)`` pair to ``[(key, numerator Summary, denominator Summary)]``.
    Aggregates pickle (the Summaries pickle as their versioned bytes).
    """

    spec: AggregateSpec = field(default_factory=AggregateSpec)
    summaries: dict = field(default_factory=dict)
    ratio_states: dict = field(default_factory=dict)

    def merge(self, other: "Aggregate") -> "Aggregate":
        """A new aggregate of both parts; neither input changes.

        Raises ValueError when the two were computed with different settings.
        """
        if other.spec != self.spec:
            raise ValueError(f"cannot merge aggregates of different settings: {self.spec} and {other.spec}")
        summaries = {}
        for key in sorted(set(self.summaries) | set(other.summaries)):
            parts = [p[key] for p in (self, other) if key in p.summaries]
            units = {part.unit for part in parts}
            # A group whose parts measure different things is unitless as a whole, exactly
            # as a single pass over all its facts would have labelled it.
            merged = _core.Summary(units.pop() if len(units) == 1 else None)
            for part in parts:
                merged.merge(part if part.unit == merged.unit else _without_unit(part))
            summaries[key] = merged
        ratio_states = {pair: _core.merge_ratio_states(self.ratio_states.get(pair, []), other.ratio_states.get(pair, []))
                        for pair in self.spec.ratios}
        return Aggregate(self.spec, summaries, ratio_states)

    @classmethod
    def merge_all(cls, parts: Iterable["Aggregate"], spec: Optional[AggregateSpec] = None) -> "Aggregate":
        """The merge of any number of aggregates (an empty aggregate of ``spec`` when there are none)."""
        out = None
        for part in parts:
            out = part if out is None else out.merge(part)
        if out is None:
            spec = spec or AggregateSpec()
            out = cls(spec, {}, {pair: [] for pair in spec.ratios})
        return out

    def __getitem__(self, key: str):
        return self.summaries[key]

    def describe(self):
        """A pandas DataFrame, one row per group: count, sum, mean, median, std, min, max, unit."""
        import pandas as pd

        columns = ["count", "sum", "mean", "median", "std", "min", "max"]
        frame = pd.DataFrame([s.describe() for s in self.summaries.values()], columns=columns,
                             index=pd.Index(list(self.summaries), name=self.spec.by, dtype=object))
        frame["unit"] = [s.unit for s in self.summaries.values()]
        return frame

    def ratio(self, numerator: str, denominator: str, *, level: float = 0.95, method: str = "wilson"):
        """A pandas DataFrame, one row per group of ``spec.ratio_by``.

        Columns: numerator and denominator (the sums of each metric's figures in the group),
        numerator_facts and denominator_facts (how many facts went into each), ratio (NaN
        unless the group states both figures and a positive denominator), and lower/upper, the confidence interval at
        ``level`` by ``method`` ("wilson", "clopper-pearson" or "jeffreys") - NaN unless the
        ratio is a proportion of whole counts (numerator <= denominator).
        Raises KeyError for a pair the aggregate was not asked to compute.
        """
        import pandas as pd

        if (numerator, denominator) not in self.ratio_states:
            raise KeyError(f"this aggregate has no ratio {numerator}/{denominator}; it has {list(self.ratio_states)}")
        columns = _core.ratio_columns(self.ratio_states[(numerator, denominator)], level, method)
        keys = columns.pop("key")
        return pd.DataFrame(columns, index=pd.Index(keys, name=self.spec.ratio_by, dtype=object))

    def __eq__(self, other) -> bool:
        if not isinstance(other, Aggregate):
            return NotImplemented
        return (self.spec == other.spec and self.summaries == other.summaries
                and self.ratio_states == other.ratio_states)

    def __repr__(self) -> str:
        facts = sum(s.count for s in self.summaries.values())
        ratios = ", ".join(f"{n}/{d}" for n, d in self.spec.ratios) or "none"
        return (f"<Aggregate by {self.spec.by}: {len(self.summaries)} groups, {facts} figures; "
                f"ratios by {self.spec.ratio_by}: {ratios}>")


def _without_unit(summary):
    """The same figures labelled unitless (through the JSON form, which names the unit)."""
    import json

    state = json.loads(summary.to_json())
    state["unit"] = ""
    return _core.Summary.from_json(json.dumps(state))


def aggregate_table(table: _core.FactTable, spec: AggregateSpec) -> Aggregate:
    summaries = dict(_core.aggregate_summaries(table, spec.by, spec.metric or "", spec.scope or ""))
    ratio_states = {(num, den): _core.aggregate_ratios(table, num, den, spec.ratio_by, spec.ratio_scope or "")
                    for num, den in spec.ratios}
    return Aggregate(spec, summaries, ratio_states)


def aggregate(table: _core.FactTable, *, by: str = "metric", metric: Optional[str] = None,
              scope: Optional[str] = None, ratios: Pairs = (), ratio_by: str = "operation",
              ratio_scope: Optional[str] = "total") -> Aggregate:
    """Statistics of a FactTable in one pass over its columns, as a mergeable :class:`Aggregate`.

    ``by`` groups the figures (``"metric"``, ``"operation"``, ``"scope"``, ``"year"`` or
    ``"doc"``); ``metric`` and ``scope`` keep only the facts of one metric or place.
    ``ratios`` lists ``(numerator, denominator)`` metric pairs (or ``"standard"`` for the
    report's standard ratios and proportions) whose figures are totalled per ``ratio_by``
    group, by default over the facts whose scope is ``ratio_scope`` ("total": the operation
    as a whole; None for every scope).

    The per-group Summaries are exactly those of ``optally.describe(table, by=...)``.
    Raises InputError for an unknown metric and ValueError for an unknown group key.
    """
    return aggregate_table(table, make_spec(by=by, metric=metric, scope=scope, ratios=ratios, ratio_by=ratio_by,
                                            ratio_scope=ratio_scope))


def ratio_table(table: _core.FactTable, numerator: str, denominator: str, *, by: str = "operation",
                scope: Optional[str] = "total", level: float = 0.95, method: str = "wilson"):
    """Per-group totals of two metrics, their ratio and its interval, in one pass.

    The same DataFrame as ``aggregate(table, ratios=[(numerator, denominator)], ratio_by=by,
    ratio_scope=scope).ratio(numerator, denominator)``, without keeping the mergeable state:
    the single-process fast path. Raises InputError for an unknown metric and ValueError for
    an unknown group key, interval method or a level outside (0, 1).
    """
    import pandas as pd

    if by not in GROUP_KEYS:
        raise ValueError(f"unknown group key {by!r}; expected one of {', '.join(GROUP_KEYS)}")
    make_spec(ratios=[(numerator, denominator)])  # the same argument checks as aggregate()
    columns = _core.ratio_table(table, numerator, denominator, by, scope or "", level, method)
    keys = columns.pop("key")
    return pd.DataFrame(columns, index=pd.Index(keys, name=by, dtype=object))
