"""Matplotlib plots of optally results, each titled and labelled with its units.

Every function returns the matplotlib Axes it drew on (``figures`` returns an array of
them); pass ``ax=`` to draw into your own. Sources may be a :class:`optally.Corpus`, a
:class:`optally.Report` or, where noted, the lists they hold.

A figure stated as a bound ("more than 141 warrants") is drawn with a marker saying which
way the truth lies: ▲ the true value may be higher (a lower bound), ▼ it may be lower (an
upper bound), ◆ approximate, ✕ unknown direction.
"""

from __future__ import annotations

import math
from typing import Iterable, Optional, Sequence

__all__ = ["forest", "ratio_bars", "figures", "breakdown_bars", "sentences", "conflicts", "unit_of"]

#: What one unit of each count is, for axis labels.
COUNT_UNITS = {
    "arrests": "people arrested", "search_warrants": "search warrants", "children_safeguarded": "children safeguarded",
    "children_at_risk": "children at serious risk", "police_forces": "forces or agencies",
    "registered_offenders": "registered offenders", "charged": "people charged", "convicted": "people convicted",
    "images": "images or files", "devices_seized": "devices", "officers": "officers",
    "investigations": "investigations", "referrals": "referrals",
}
#: The singular a ratio's denominator is read with: "warrants per arrest".
PER_UNIT = {"arrests": "arrest", "police_forces": "force", "charged": "person charged",
            "convicted": "person convicted", "officers": "officer", "investigations": "investigation"}

# Bound kinds (ratios) and qualifiers (figures) -> (marker, legend text).
BOUND_MARKERS = {
    "lower": ("^", "lower bound: the true value may be higher"),
    "upper": ("v", "upper bound: the true value may be lower"),
    "approximate": ("D", "approximate"),
    "unknown": ("X", "bound of unknown direction"),
}
QUALIFIER_BOUNDS = {"more_than": "lower", "at_least": "lower", "up_to": "upper", "fewer_than": "upper",
                    "about": "approximate"}
QUALIFIER_WORDS = {"exact": "", "more_than": "more than ", "at_least": "at least ", "about": "about ",
                   "up_to": "up to ", "fewer_than": "fewer than "}
POLICY_MARKERS = {"latest": ("s", "C0"), "max": ("^", "C3"), "min": ("v", "C2"), "most_reported": ("o", "C4")}


def unit_of(metric: str) -> str:
    """The unit a count of ``metric`` is read in ("people arrested"), for labels."""
    return COUNT_UNITS.get(metric, metric.replace("_", " "))


def _axes(ax, size=(7, 3.5)):
    import matplotlib.pyplot as plt

    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def _operations_of(source) -> list[dict]:
    """Operation dicts from a Corpus, a Report or a list of them."""
    if hasattr(source, "_operations"):
        return list(source._operations)
    if hasattr(source, "operations") and isinstance(source.operations, list):
        return list(source.operations)
    return list(source)


def _bound_legend(ax, kinds: Iterable[str], *, loc="best", bbox_to_anchor=None) -> None:
    from matplotlib.lines import Line2D

    kinds = [k for k in dict.fromkeys(kinds) if k in BOUND_MARKERS]
    if not kinds:
        return
    handles = [Line2D([], [], linestyle="none", marker=BOUND_MARKERS[k][0], color="C3", label=BOUND_MARKERS[k][1])
               for k in kinds]
    existing, labels = ax.get_legend_handles_labels()
    ax.legend(existing + handles, labels + [h.get_label() for h in handles], fontsize=8, loc=loc,
              bbox_to_anchor=bbox_to_anchor)


def forest(proportions, ax=None, *, title: Optional[str] = None):
    """Proportions as points with their confidence intervals as horizontal bars.

    ``proportions``: a Report, or a list of :class:`optally.ProportionResult`. A proportion
    whose figures are bounds ("more than 141 warrants") carries a bound marker.
    """
    from matplotlib.ticker import PercentFormatter

    if hasattr(proportions, "proportions"):
        proportions = proportions.proportions
    proportions = list(proportions)
    ax = _axes(ax, (8, 1.0 + 0.42 * max(len(proportions), 1)))
    labels = []
    bounds = []
    for row, p in enumerate(proportions):
        lo, hi = p.interval.lower, p.interval.upper
        ax.errorbar(p.value, row, xerr=[[p.value - lo], [hi - p.value]], fmt="o", color="C0", ecolor="C0",
                    capsize=4, label="estimate and interval" if row == 0 else None)
        if p.bound in BOUND_MARKERS:
            ax.plot(hi, row, linestyle="none", marker=BOUND_MARKERS[p.bound][0], color="C3", markersize=7)
            bounds.append(p.bound)
        e = p.estimate
        labels.append(f"{p.operation}: {p.name or p.numerator + ' of ' + p.denominator} ({e.successes}/{e.trials})")
    ax.set_yticks(range(len(proportions)), labels, fontsize=8)
    ax.set_ylim(len(proportions) - 0.5, -0.5)
    highest = max((p.interval.upper for p in proportions), default=1.0)
    right = 1.0 if highest > 0.6 else min(1.0, math.ceil(highest * 1.15 * 20) / 20)
    ax.set_xlim(0, right)
    ax.xaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=0 if right >= 0.1 else 1))
    levels = {p.interval.level for p in proportions} or {0.95}
    methods = {p.estimate.method for p in proportions} or {"wilson"}
    level = levels.pop() if len(levels) == 1 else None
    method = methods.pop() if len(methods) == 1 else "confidence"
    ax.set_xlabel(f"share of the denominator (%), with {f'{level:.0%} ' if level else ''}{method} interval")
    ax.set_title(title or f"Proportions with {f'{level:.0%} ' if level else ''}confidence intervals")
    ax.grid(axis="x", alpha=0.3)
    if proportions:
        _bound_legend(ax, bounds, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return ax


def ratio_bars(ratios, name: Optional[str] = None, ax=None, *, title: Optional[str] = None):
    """Ratios (e.g. search warrants per arrest) as one bar per operation.

    ``ratios``: a Report or a list of :class:`optally.RatioResult`; ``name`` keeps only one
    ratio (``"search_warrants per arrest"``, or the numerator metric ``"search_warrants"``).
    Several ratios are drawn as grouped bars. Error bars are the exact conditional
    rate-ratio intervals; a ratio that is a bound carries a bound marker above its bar.
    """
    if hasattr(ratios, "ratios"):
        ratios = ratios.ratios
    defined = [r for r in ratios if r.value is not None]
    if name is not None:
        defined = [r for r in defined if name in (r.name, r.numerator, f"{r.numerator} per {r.denominator}")]
    names = list(dict.fromkeys(r.name or f"{r.numerator} per {r.denominator}" for r in defined))
    operations = list(dict.fromkeys(r.operation for r in defined))
    ax = _axes(ax, (max(5.0, 1.2 + 1.3 * len(operations) * max(len(names), 1)), 3.8))
    width = 0.8 / max(len(names), 1)
    bounds = []
    for k, label in enumerate(names):
        group = [r for r in defined if (r.name or f"{r.numerator} per {r.denominator}") == label]
        xs = [operations.index(r.operation) + (k - (len(names) - 1) / 2) * width for r in group]
        values = [r.value for r in group]
        bars = ax.bar(xs, values, width=width * 0.9, color=f"C{k + 1}",
                      label=label.replace("_", " ") if len(names) > 1 else None)
        ax.bar_label(bars, labels=[f"{v:.2f}" for v in values], fontsize=8, padding=2)
        for x, r in zip(xs, group):
            if r.rate is not None and math.isfinite(r.rate.interval.upper):
                ax.errorbar(x, r.value, yerr=[[r.value - r.rate.interval.lower], [r.rate.interval.upper - r.value]],
                            color="black", capsize=4, linewidth=1)
            if r.bound in BOUND_MARKERS:
                top = r.rate.interval.upper if r.rate is not None and math.isfinite(r.rate.interval.upper) else r.value
                ax.plot(x + width * 0.25, top * 1.05, linestyle="none", marker=BOUND_MARKERS[r.bound][0], color="C3",
                        markersize=8)
                bounds.append(r.bound)
    ax.set_xticks(range(len(operations)), operations)
    ax.set_xlim(-0.5 - 0.4 * (len(operations) < 3), len(operations) - 0.5 + 0.4 * (len(operations) < 3))
    ax.set_xlabel("operation")
    denominators = list(dict.fromkeys(r.denominator for r in defined))
    numerators = list(dict.fromkeys(r.numerator for r in defined))
    if len(numerators) == 1 and len(denominators) == 1:
        ylabel = f"{unit_of(numerators[0])} per {PER_UNIT.get(denominators[0], unit_of(denominators[0]))}"
    elif len(denominators) == 1:
        ylabel = f"count per {PER_UNIT.get(denominators[0], unit_of(denominators[0]))}"
    else:
        ylabel = "ratio (see legend)"
    ax.set_ylabel(ylabel)
    level = next((r.rate.interval.level for r in defined if r.rate is not None), 0.95)
    ax.set_title(title or (names[0].replace("_", " ") if len(names) == 1 else "Ratios per operation")
                 + f"\n(error bars: {level:.0%} exact conditional rate-ratio interval)", fontsize=10)
    ax.set_ylim(bottom=0, top=ax.get_ylim()[1] * 1.12)
    ax.grid(axis="y", alpha=0.3)
    if defined:
        if len(names) > 1:
            ax.legend(fontsize=8)
        _bound_legend(ax, bounds, loc="upper right")
    return ax


def figures(source, metrics: Sequence[str] = ("arrests", "search_warrants", "children_safeguarded", "police_forces"),
            axes=None, *, title: Optional[str] = None):
    """Operations side by side: one panel per metric, one bar per operation, each bar
    labelled with the figure as stated ("more than 141") and a bound marker when it is one.

    ``source``: a Corpus, a Report or a list of operation dicts. Returns the array of Axes.
    """
    import matplotlib.pyplot as plt
    import numpy as np

    operations = _operations_of(source)
    names = [op["name"] or "(unnamed)" for op in operations]
    if axes is None:
        fig, axes = plt.subplots(1, len(metrics), figsize=(max(6.0, 2.6 * len(metrics)), 3.6), layout="constrained",
                                 squeeze=False)
        axes = axes[0]
        fig.suptitle(title or "Operations side by side: figures as reported")
    axes = np.atleast_1d(axes)
    bounds = []
    for ax, metric in zip(axes, metrics):
        for row, op in enumerate(operations):
            figure = next((f for f in op["figures"] if f["metric"] == metric), None)
            if figure is None:
                ax.text(row, 0, "not\nreported", ha="center", va="bottom", fontsize=7, color="grey")
                continue
            bar = ax.bar(row, figure["value"], color=f"C{row}", width=0.7)
            words = QUALIFIER_WORDS.get(figure["qualifier"], "")
            kind = QUALIFIER_BOUNDS.get(figure["qualifier"])
            ax.bar_label(bar, labels=[f"{words}{figure['value']:,.0f}"], fontsize=7, padding=9 if kind else 2)
            if kind:
                ax.plot(row, figure["value"], linestyle="none", marker=BOUND_MARKERS[kind][0], color="C3",
                        markersize=6, clip_on=False)
                bounds.append(kind)
        ax.set_xticks(range(len(operations)), names, rotation=30, ha="right", fontsize=8)
        ax.set_title(metric.replace("_", " "), fontsize=10)
        ax.set_ylabel(f"count ({unit_of(metric)})", fontsize=8)
        ax.set_ylim(0, ax.get_ylim()[1] * 1.25)
        ax.grid(axis="y", alpha=0.3)
    if bounds:
        from matplotlib.lines import Line2D

        kinds = list(dict.fromkeys(bounds))
        handles = [Line2D([], [], linestyle="none", marker=BOUND_MARKERS[k][0], color="C3", label=BOUND_MARKERS[k][1])
                   for k in kinds]
        axes[0].figure.legend(handles=handles, loc="lower center", fontsize=8, frameon=False, ncol=len(handles),
                              bbox_to_anchor=(0.5, -0.08))
    return axes


def breakdown_bars(operation, metric: Optional[str] = None, ax=None, *, title: Optional[str] = None):
    """A regional breakdown of one operation: one horizontal bar per place, labelled with
    its share of the operation's total, and a grey bar for the part of the total that no
    report places. ``operation`` is a Corpus operation (``corpus.operation("Notarise")``)."""
    parts = [f for f in operation["breakdown"] if metric is None or f["metric"] == metric]
    metric = metric or (parts[0]["metric"] if parts else "arrests")
    parts = sorted((f for f in parts if f["metric"] == metric), key=lambda f: f["value"])
    total = next((f for f in operation["figures"] if f["metric"] == metric), None)
    ax = _axes(ax, (7, 1.2 + 0.45 * (len(parts) + 1)))
    labels = [f["scope"] for f in parts]
    values = [f["value"] for f in parts]
    colors = ["C2"] * len(parts)
    if total is not None and total["value"] > sum(values):
        labels.insert(0, "elsewhere or not stated")
        values.insert(0, total["value"] - sum(values))
        colors.insert(0, "lightgrey")
    bars = ax.barh(labels, values, color=colors)
    if total is not None and total["value"]:
        ax.bar_label(bars, labels=[f"{v:,.0f} ({v / total['value']:.0%})" for v in values], fontsize=8, padding=2)
    else:
        ax.bar_label(bars, labels=[f"{v:,.0f}" for v in values], fontsize=8, padding=2)
    name = operation["name"] or "(unnamed)"
    stated = f"; total {QUALIFIER_WORDS.get(total['qualifier'], '')}{total['value']:,.0f}" if total else ""
    ax.set_title(title or f"Operation {name}: {metric.replace('_', ' ')} by place{stated}", fontsize=10)
    ax.set_xlabel(f"{unit_of(metric)} (count; share of the operation's total in brackets)")
    ax.set_xlim(0, max(values, default=1) * 1.3)
    ax.grid(axis="x", alpha=0.3)
    return ax


def sentences(source, ax=None, *, title: Optional[str] = None):
    """Custodial sentences in years: one row of points per operation, with a box showing the
    quartiles and a line at the median. ``source``: a Corpus, a Report or operation dicts."""
    with_sentences = [op for op in _operations_of(source) if op.get("sentences_years")]
    ax = _axes(ax, (7, 1.4 + 0.7 * max(len(with_sentences), 1)))
    if with_sentences:
        data = [sorted(op["sentences_years"]) for op in with_sentences]
        ax.boxplot(data, positions=range(len(data)), widths=0.5, showfliers=False, **_horizontal(),
                   medianprops={"color": "black", "linewidth": 2}, boxprops={"color": "grey"},
                   whiskerprops={"color": "grey"}, capprops={"color": "grey"})
        for row, years in enumerate(data):
            offsets = [((i % 5) - 2) * 0.05 for i in range(len(years))]
            ax.scatter(years, [row + o for o in offsets], color="C4", alpha=0.8, zorder=3,
                       label="one sentence" if row == 0 else None)
        ax.set_yticks(range(len(data)), [f"{op['name'] or '(unnamed)'}\n(n={len(d)})"
                                         for op, d in zip(with_sentences, data)])
        ax.legend(fontsize=8, loc="upper right")
    else:
        ax.text(0.5, 0.5, "no custodial sentences reported", transform=ax.transAxes, ha="center", color="grey")
        ax.set_yticks([])
    ax.set_xlabel("custodial sentence (years)")
    ax.set_ylabel("operation")
    ax.set_title(title or "Custodial sentences per operation (box: quartiles; line: median)", fontsize=10)
    ax.set_xlim(left=0, right=max([max(op["sentences_years"]) for op in with_sentences], default=1) * 1.15)
    ax.grid(axis="x", alpha=0.3)
    return ax


def _horizontal() -> dict:
    """boxplot's keyword for horizontal boxes: ``orientation`` from matplotlib 3.10, ``vert`` before."""
    import matplotlib

    major, minor = (int(x) for x in matplotlib.__version__.split(".")[:2])
    return {"orientation": "horizontal"} if (major, minor) >= (3, 10) else {"vert": False}


def conflicts(corpus, ax=None, *, policies: Sequence[str] = ("latest", "max", "min", "most_reported"),
              title: Optional[str] = None):
    """Every figure on which reports disagree: the values stated (grey dots, one per report)
    and the value each resolution policy chooses (coloured markers)."""
    rows = corpus.conflicts
    ax = _axes(ax, (8, 1.4 + 0.6 * max(len(rows), 1)))
    if rows.empty:
        ax.text(0.5, 0.5, "the reports agree: no conflicts", transform=ax.transAxes, ha="center", color="grey")
        ax.set_yticks([])
    else:
        keys = list(zip(rows["operation"], rows["metric"], rows["scope"]))
        for row, values in enumerate(rows["values"]):
            ax.scatter(values, [row] * len(values), s=90, color="lightgrey", edgecolor="grey", zorder=2,
                       label="stated by a report" if row == 0 else None)
        for k, policy in enumerate(policies):
            chosen = corpus.with_policy(policy).conflicts
            lookup = {(o, m, s): c for o, m, s, c in zip(chosen["operation"], chosen["metric"], chosen["scope"],
                                                         chosen["chosen"])}
            marker, color = POLICY_MARKERS.get(policy, ("o", f"C{k}"))
            xs, ys = [], []
            for row, key in enumerate(keys):
                if key in lookup:
                    xs.append(lookup[key])
                    ys.append(row + (k - (len(policies) - 1) / 2) * 0.12)
            ax.scatter(xs, ys, marker=marker, color=color, zorder=3, label=f"chosen by policy {policy}")
        ax.set_yticks(range(len(keys)), [f"{o}: {m.replace('_', ' ')}" + ("" if s == "total" else f" in {s}")
                                          for o, m, s in keys], fontsize=8)
        ax.set_ylim(len(keys) - 0.5, -0.5)
        ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.set_xlabel("figure as stated (count, or the metric's unit)")
    ax.set_title(title or "Conflicting reports and the figure each policy chooses", fontsize=10)
    ax.grid(axis="x", alpha=0.3)
    return ax
