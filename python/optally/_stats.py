"""Statistics over figures: ratios with bounds, proportions and rate ratios with intervals,
descriptive and grouped statistics. The arithmetic is in the C++ core; this layer picks the
figures out of a table or corpus and shapes the results for analysts."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from numbers import Integral
from typing import Any, Optional, Union

import numpy as np

from . import _core
from ._table import FactTable


class NotNestedError(ValueError):
    """A proportion was asked of two metrics where the numerator does not count a subset of
    the denominator (e.g. children safeguarded per arrest): use a ratio or rate ratio."""


@dataclass(frozen=True)
class RatioResult:
    """numerator / denominator for one operation, with the kind of bound the stated ratio is
    and, for two counts, the exact conditional rate-ratio interval."""

    operation: str
    numerator: str
    denominator: str
    estimate: Any  # _core.RatioEstimate
    rate: Optional[Any] = None  # _core.RateRatioEstimate, when both figures are counts
    name: str = ""

    @property
    def value(self) -> Optional[float]:
        """The stated ratio, or None when it is undefined (a zero denominator)."""
        return self.estimate.value if self.estimate.defined else None

    @property
    def bound(self) -> str:
        """What the stated ratio is, given the qualifiers: exact, lower, upper, approximate or unknown."""
        return self.estimate.bound

    def to_dict(self) -> dict:
        """The result as a flat dict, with the rate-ratio interval and its level when there is one."""
        out = {"operation": self.operation, "name": self.name or _per(self.numerator, self.denominator),
               "numerator": self.numerator, "denominator": self.denominator}
        out.update(self.estimate.to_dict())
        if self.rate is not None:
            out["rate_ratio_interval"] = [self.rate.interval.lower, self.rate.interval.upper]
            out["level"] = self.rate.interval.level
        return out

    def __repr__(self) -> str:
        if not self.estimate.defined:
            return f"<{self.operation}: {_per(self.numerator, self.denominator)} undefined ({self.estimate.reason})>"
        text = f"<{self.operation}: {_per(self.numerator, self.denominator)} = {self.estimate.value:.4g} ({self.bound})"
        if self.rate is not None:
            lo, hi = self.rate.interval.lower, self.rate.interval.upper
            text += f", {self.rate.interval.level:.0%} rate-ratio interval [{lo:.4g}, {hi:.4g}]"
        return text + ">"

    def _repr_html_(self) -> str:
        return _html_table([self.to_dict()])


@dataclass(frozen=True)
class ProportionResult:
    """A share with its interval: numerator counts a subset of denominator."""

    operation: str
    numerator: str
    denominator: str
    estimate: Any  # _core.ProportionEstimate
    bound: str = "exact"  # from the qualifiers of the two figures, as for ratios
    name: str = ""

    @property
    def value(self) -> float:
        """The share: successes / trials."""
        return self.estimate.value

    @property
    def interval(self):
        """The confidence interval: lower, upper and level."""
        return self.estimate.interval

    def to_dict(self) -> dict:
        """The result as a flat dict: operation, name, bound, successes, trials, value, lower, upper, level, method."""
        out = {"operation": self.operation, "name": self.name or f"{self.numerator} of {self.denominator}",
               "numerator": self.numerator, "denominator": self.denominator, "bound": self.bound}
        out.update(self.estimate.to_dict())
        return out

    def __repr__(self) -> str:
        e = self.estimate
        return (f"<{self.operation}: {self.numerator} of {self.denominator} = {e.value:.4f} "
                f"({e.successes}/{e.trials}), {e.interval.level:.0%} {e.method} "
                f"[{e.interval.lower:.4f}, {e.interval.upper:.4f}]>")

    def _repr_html_(self) -> str:
        return _html_table([self.to_dict()])


def _per(numerator: str, denominator: str) -> str:
    """'search_warrants per arrest': the denominator read as one unit of it."""
    singular = {"arrests": "arrest", "search_warrants": "search warrant", "police_forces": "force",
                "officers": "officer", "investigations": "investigation", "referrals": "referral"}
    return f"{numerator} per {singular.get(denominator, denominator)}"


def _html_table(rows: list[dict]) -> str:
    if not rows:
        return "<p>(nothing)</p>"
    head = "".join(f"<th>{html.escape(str(k))}</th>" for k in rows[0])
    body = "".join("<tr>" + "".join(f"<td>{html.escape(_fmt(v))}</td>" for v in row.values()) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    return "" if value is None else str(value)


def _corpus_of(source):
    from ._corpus import Corpus

    if isinstance(source, Corpus):
        return source
    if isinstance(source, _core.FactTable):
        return Corpus.from_facts(source)
    raise TypeError(f"expected a FactTable or Corpus, got {type(source).__name__}")


def _split_metric(spec: str) -> tuple[str, str]:
    """'arrests@West Midlands' -> ('arrests', 'West Midlands'); 'arrests' -> ('arrests', 'total')."""
    metric, _, scope = spec.partition("@")
    return metric.strip(), scope.strip() or "total"


def ratio(source, numerator: str, denominator: str, *, operation: str, level: float = 0.95) -> RatioResult:
    """numerator / denominator for one operation of a FactTable or Corpus.

    Metrics may name a place as ``"arrests@West Midlands"``. Returns a :class:`RatioResult`
    whose ``bound`` says whether the stated ratio is exact, a lower or an upper bound, given
    the qualifiers ("more than 141 warrants" makes warrants per arrest a lower bound), and
    whose ``rate`` is the exact conditional rate-ratio interval when both figures are counts.
    An operation without one of the figures raises KeyError; a zero denominator gives an
    undefined ratio (``value`` None), never infinity.
    """
    corpus = _corpus_of(source)
    num = corpus._figure(operation, *_split_metric(numerator))
    den = corpus._figure(operation, *_split_metric(denominator))
    estimate = _core.ratio(num["value"], num["qualifier"], den["value"], den["qualifier"])
    rate = None
    if _is_whole(num["value"]) and _is_whole(den["value"]) and den["value"] + num["value"] > 0 and not _has_unit(num, den):
        rate = _core.rate_ratio(int(num["value"]), 1.0, int(den["value"]), 1.0, level)
    return RatioResult(corpus.canonical_name(operation), numerator, denominator, estimate, rate)


def proportion(source, numerator, denominator=None, *, operation: Optional[str] = None, level: float = 0.95,
               method: str = "wilson") -> Union[ProportionResult, Any]:
    """A share with a confidence interval (Wilson, Clopper-Pearson or Jeffreys).

    Either ``proportion(39, 660)`` for two counts, or
    ``proportion(table, "registered_offenders", "arrests", operation="Notarise")``. The
    numerator must count a subset of the denominator, as declared in the metric vocabulary
    (``registered_offenders`` of ``arrests``) or as a place's share of the total
    (``"arrests@West Midlands"`` of ``"arrests"``); otherwise :class:`NotNestedError`.
    """
    if isinstance(source, Integral) and isinstance(numerator, Integral) and denominator is None:
        return _core.proportion(int(source), int(numerator), level, method)
    if denominator is None or operation is None:
        raise TypeError("use proportion(successes, trials) or proportion(table, numerator, denominator, operation=...)")
    num_metric, num_scope = _split_metric(numerator)
    den_metric, den_scope = _split_metric(denominator)
    check_nested(num_metric, num_scope, den_metric, den_scope)
    corpus = _corpus_of(source)
    num = corpus._figure(operation, num_metric, num_scope)
    den = corpus._figure(operation, den_metric, den_scope)
    for figure, spec in ((num, numerator), (den, denominator)):
        if not _is_whole(figure["value"]):
            raise ValueError(f"{spec} of {operation} is {figure['value']}, not a count")
    if num["value"] > den["value"]:
        raise ValueError(f"{operation}: {numerator} ({num['value']:g}) exceeds {denominator} ({den['value']:g})")
    estimate = _core.proportion(int(num["value"]), int(den["value"]), level, method)
    bound = _core.ratio(num["value"], num["qualifier"], den["value"], den["qualifier"]).bound
    return ProportionResult(corpus.canonical_name(operation), numerator, denominator, estimate, bound)


def check_nested(num_metric: str, num_scope: str, den_metric: str, den_scope: str) -> None:
    """Raise NotNestedError unless the numerator counts a subset of the denominator."""
    nests = {m["name"]: m["nests_in"] for m in _core.metrics()}
    for metric in (num_metric, den_metric):
        if metric not in nests:
            raise _core.InputError(f"unknown metric '{metric}'; the vocabulary is: {', '.join(nests)}")
    same_metric_place_of_total = num_metric == den_metric and den_scope == "total" and num_scope != "total"
    declared = den_metric in nests[num_metric] and num_scope == den_scope
    if not (same_metric_place_of_total or declared):
        raise NotNestedError(
            f"{num_metric}@{num_scope} is not a subset of {den_metric}@{den_scope}: a proportion needs a numerator "
            f"that counts some of the denominator's units; use optally.ratio for a rate such as "
            f"{num_metric} per {den_metric}")


def describe(source, metric: Optional[str] = None, *, by: Optional[str] = None):
    """Descriptive statistics: count, sum, mean, median, std, min, max.

    ``describe(values)`` for numbers gives a pandas Series. ``describe(table, "sentence")``
    describes one metric of a FactTable (sentences in years, durations in days);
    ``by="operation"`` (or ``"metric"``, ``"scope"``, ``"year"``, ``"doc"``) gives one row
    per group as a DataFrame.
    """
    import pandas as pd

    if isinstance(source, _core.FactTable):
        if by is None:
            by = "metric" if metric is None else None
        if by is None:
            groups = _core.summarise_by(source, "metric", metric)
            rows = {metric: groups[0][1].describe() if groups else _core.describe(np.array([], dtype=float))}
            frame = pd.DataFrame.from_dict(rows, orient="index")
            return frame.iloc[0]
        groups = _core.summarise_by(source, by, metric or "")
        frame = pd.DataFrame.from_dict({key: s.describe() for key, s in groups}, orient="index")
        frame["unit"] = [s.unit for _, s in groups]
        frame.index.name = by
        return frame
    values = np.asarray(source, dtype=float).ravel()
    return pd.Series(_core.describe(values))


def quantile(values, q: float) -> float:
    """numpy's default (linear) quantile of the values."""
    return _core.quantile(np.asarray(values, dtype=float).ravel(), q)


def _is_whole(x: float) -> bool:
    return float(x).is_integer()


def _has_unit(*figures) -> bool:
    return any(f.get("unit") for f in figures)
