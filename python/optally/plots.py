"""Matplotlib plots of optally results, each titled and labelled with its units.

Every function returns the matplotlib Axes it drew on; pass ``ax=`` to draw into your own.
"""

from __future__ import annotations

import math

__all__ = ["forest", "ratio_bars", "breakdown_bars", "sentences"]


def _axes(ax, size=(7, 3.5)):
    import matplotlib.pyplot as plt

    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=size)
    return ax


def forest(proportions, ax=None):
    """Proportions as points with their interval as horizontal bars (a forest plot)."""
    ax = _axes(ax, (7, 0.6 + 0.5 * len(proportions)))
    labels = [f"{p.operation}: {p.name or p.numerator}" for p in proportions]
    for row, p in enumerate(proportions):
        lo, hi = p.interval.lower, p.interval.upper
        ax.errorbar(p.value, row, xerr=[[p.value - lo], [hi - p.value]], fmt="o", color="C0", capsize=4)
    ax.set_yticks(range(len(proportions)), labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    level = proportions[0].interval.level if proportions else 0.95
    method = proportions[0].estimate.method if proportions else "wilson"
    ax.set_xlabel(f"share (0–1), {level:.0%} {method} interval")
    ax.set_title("Proportions with confidence intervals")
    ax.grid(axis="x", alpha=0.3)
    return ax


def ratio_bars(ratios, ax=None):
    """Ratios as bars; a lower bound carries an upward arrow, an upper bound a downward one,
    and a rate-ratio interval is drawn as an error bar."""
    defined = [r for r in ratios if r.value is not None]
    ax = _axes(ax, (7, 3.5))
    labels = [f"{r.operation}\n{r.name or r.numerator + ' per ' + r.denominator}" for r in defined]
    values = [r.value for r in defined]
    bars = ax.bar(range(len(defined)), values, color="C1")
    for i, r in enumerate(defined):
        if r.rate is not None and math.isfinite(r.rate.interval.upper):
            ax.errorbar(i, r.value, yerr=[[r.value - r.rate.interval.lower], [r.rate.interval.upper - r.value]],
                        color="black", capsize=4)
        if r.bound in ("lower", "upper"):
            ax.annotate("", xy=(i, r.value * (1.25 if r.bound == "lower" else 0.75)), xytext=(i, r.value),
                        arrowprops={"arrowstyle": "->", "color": "C3"})
            ax.text(i + 0.08, r.value, f"{r.bound} bound", color="C3", fontsize=8)
    ax.set_xticks(range(len(defined)), labels, fontsize=8)
    ax.set_ylabel("ratio (per arrest or as named)")
    ax.set_title("Ratios per operation (error bars: exact conditional rate-ratio interval)")
    ax.bar_label(bars, fmt="%.2f", fontsize=8)
    return ax


def breakdown_bars(operation: dict, metric: str | None = None, ax=None):
    """A regional breakdown of one operation as horizontal bars, with the total for scale."""
    parts = [f for f in operation["breakdown"] if metric is None or f["metric"] == metric]
    metric = metric or (parts[0]["metric"] if parts else "arrests")
    parts = [f for f in parts if f["metric"] == metric]
    ax = _axes(ax, (7, 0.8 + 0.45 * len(parts)))
    parts = sorted(parts, key=lambda f: f["value"])
    ax.barh([f["scope"] for f in parts], [f["value"] for f in parts], color="C2")
    total = next((f for f in operation["figures"] if f["metric"] == metric), None)
    if total is not None:
        ax.set_title(f"Operation {operation['name']}: {metric} by place (total {total['value']:g})")
    else:
        ax.set_title(f"Operation {operation['name']}: {metric} by place")
    ax.set_xlabel(f"{metric.replace('_', ' ')} (count)")
    return ax


def sentences(operations, ax=None):
    """Custodial sentences in years, one strip of points per operation, with the median marked."""
    with_sentences = [op for op in operations if op.get("sentences_years")]
    ax = _axes(ax, (7, 0.8 + 0.6 * max(len(with_sentences), 1)))
    for row, op in enumerate(with_sentences):
        years = sorted(op["sentences_years"])
        ax.scatter(years, [row] * len(years), color="C4", alpha=0.7, label="sentence" if row == 0 else None)
        middle = years[len(years) // 2] if len(years) % 2 else (years[len(years) // 2 - 1] + years[len(years) // 2]) / 2
        ax.scatter([middle], [row], marker="|", s=400, color="black", label="median" if row == 0 else None)
    ax.set_yticks(range(len(with_sentences)), [op["name"] for op in with_sentences])
    ax.set_xlabel("custodial sentence (years)")
    ax.set_title("Sentence distribution per operation")
    ax.set_xlim(left=0)
    if with_sentences:
        ax.legend(loc="lower right", fontsize=8)
    return ax
