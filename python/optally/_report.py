"""The standard report: per operation, its figures, the standard ratios and proportions
(declared in the metric vocabulary's data file), shares of regional breakdowns, and the
sentence distribution."""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass, field

from . import _core
from ._stats import ProportionResult, RatioResult, proportion, ratio


@dataclass
class Report:
    level: float
    method: str
    policy: str
    operations: list[dict] = field(default_factory=list)  # name, lead_agency, mentions, figures, breakdown
    ratios: list[RatioResult] = field(default_factory=list)
    proportions: list[ProportionResult] = field(default_factory=list)
    sentences: list[dict] = field(default_factory=list)
    conflicts: list[dict] = field(default_factory=list)
    corpus: object = None

    @classmethod
    def build(cls, corpus, *, level: float = 0.95, method: str = "wilson") -> "Report":
        """The standard report of a Corpus (see :meth:`optally.Corpus.report`)."""
        report = cls(level=level, method=method, policy=corpus.policy, corpus=corpus)
        ratio_pairs, proportion_pairs = _core.standard_pairs()
        for op in corpus._operations:
            name = op["name"]
            report.operations.append(op)
            have = {f["metric"] for f in op["figures"]}
            for numerator, denominator, label in ratio_pairs:
                if numerator in have and denominator in have:
                    result = ratio(corpus, numerator, denominator, operation=name, level=level)
                    report.ratios.append(_named(result, label))
            for numerator, denominator, label in proportion_pairs:
                if numerator in have and denominator in have:
                    report.proportions.append(_named(proportion(corpus, numerator, denominator, operation=name,
                                                                level=level, method=method), label))
            for part in op["breakdown"]:
                metric, scope = part["metric"], part["scope"]
                if metric in have and _is_count(part["value"]):
                    try:
                        result = proportion(corpus, f"{metric}@{scope}", metric, operation=name, level=level,
                                            method=method)
                    except ValueError:
                        continue  # a breakdown larger than its total is flagged by resolution
                    report.proportions.append(_named(result, f"share of {metric} in {scope}"))
            if op["sentences_years"]:
                stats = _core.describe(op["sentences_years"])
                report.sentences.append({"operation": name, "count": stats["count"], "mean_years": stats["mean"],
                                         "median_years": stats["median"], "min_years": stats["min"],
                                         "max_years": stats["max"]})
            for conflict in op.get("conflicts", []):
                report.conflicts.append({"operation": name, **conflict})
        return report

    # ---- renderings -------------------------------------------------------------------
    def to_dict(self) -> dict:
        """Everything in the report as plain dicts and lists (unbounded ends as infinity)."""
        return {
            "level": self.level, "method": self.method, "policy": self.policy,
            "operations": [_operation_summary(op) for op in self.operations],
            "ratios": [r.to_dict() for r in self.ratios],
            "proportions": [p.to_dict() for p in self.proportions],
            "sentences": self.sentences,
            "conflicts": self.conflicts,
        }

    def to_json_text(self) -> str:
        """The report as JSON text; unbounded ends are written as null."""
        return json.dumps(_finite(self.to_dict()), indent=1, ensure_ascii=False) + "\n"

    def to_csv(self) -> str:
        """One row per number: operation, section, name, value, qualifier or bound, interval."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["operation", "section", "name", "scope", "value", "qualifier_or_bound", "lower", "upper",
                         "level", "method"])
        for op in self.operations:
            for f in op["figures"] + op["breakdown"]:
                writer.writerow([op["name"], "figure", f["metric"], f["scope"], _num(f["value"]), f["qualifier"],
                                 "", "", "", ""])
        for r in self.ratios:
            d = r.to_dict()
            lo, hi = d.get("rate_ratio_interval", ["", ""])
            writer.writerow([r.operation, "ratio", d["name"], "total", _num(d["value"]), d["bound"], _num(lo), _num(hi),
                             d.get("level", ""), "exact conditional" if r.rate is not None else ""])
        for p in self.proportions:
            d = p.to_dict()
            writer.writerow([p.operation, "proportion", d["name"], "total", _num(d["value"]), d["bound"],
                             _num(d["lower"]), _num(d["upper"]), d["level"], d["method"]])
        for s in self.sentences:
            for key in ("count", "mean_years", "median_years", "min_years", "max_years"):
                writer.writerow([s["operation"], "sentences", key, "total", _num(s[key]), "", "", "", "", ""])
        return out.getvalue()

    def to_text(self) -> str:
        """The report as aligned plain text, as `optally report` prints it."""
        lines: list[str] = []
        pct = f"{self.level:.0%}"
        for op in self.operations:
            mentions = len(op["mentions"])
            agency = f", led by {op['lead_agency']}" if op.get("lead_agency") else ""
            lines.append(f"Operation {op['name']}{agency} ({mentions} report{'s' if mentions != 1 else ''})")
            if op.get("aliases"):
                lines.append(f"  also written: {', '.join(op['aliases'])}")
            for f in op["figures"]:
                lines.append(f"  {f['metric']:<22} {_figure_text(f)}")
            for f in op["breakdown"]:
                lines.append(f"  {f['metric'] + ' @ ' + f['scope']:<40} {_figure_text(f)}")
            for flag in op.get("flags", []):
                lines.append(f"  ! {flag}")
            lines.append("")
        if self.ratios:
            lines.append(f"Ratios ({pct} interval: exact conditional rate ratio)")
            for r in self.ratios:
                d = r.to_dict()
                value = "undefined" if d["value"] is None else f"{d['value']:.4f}"
                interval = ""
                if "rate_ratio_interval" in d:
                    lo, hi = d["rate_ratio_interval"]
                    interval = f"[{lo:.4f}, {hi:.4f}]"
                lines.append(f"  {r.operation:<12} {d['name']:<36} {value:>10}  {d['bound']:<11} {interval}")
            lines.append("")
        if self.proportions:
            lines.append(f"Proportions ({pct} {self.method} interval)")
            for p in self.proportions:
                d = p.to_dict()
                lines.append(f"  {p.operation:<12} {d['name']:<46} {d['value']:.4f}  "
                             f"{d['successes']:>5}/{d['trials']:<6} [{d['lower']:.4f}, {d['upper']:.4f}]"
                             + ("" if d["bound"] == "exact" else f"  ({d['bound']})"))
            lines.append("")
        if self.sentences:
            lines.append("Custodial sentences (years)")
            for s in self.sentences:
                lines.append(f"  {s['operation']:<12} n={s['count']}  mean {s['mean_years']:.3f}  median "
                             f"{s['median_years']:.3f}  range {s['min_years']:g}-{s['max_years']:g}")
            lines.append("")
        if self.conflicts:
            lines.append(f"Conflicts between reports (policy: {self.policy})")
            for c in self.conflicts:
                values = ", ".join(f"{_num(v['value'])} ({v['doc']})" for v in c["values"])
                lines.append(f"  {c['operation']:<12} {c['metric']}@{c['scope']}: {values} -> chose {_num(c['chosen'])}")
            lines.append("")
        return "\n".join(lines)

    def to_html(self) -> str:
        """One self-contained HTML page: tables, inline SVG plots, every figure linked to its
        evidence sentences and documents; it fetches nothing when opened."""
        from ._html import render_report

        return render_report(self)

    def __repr__(self) -> str:
        return (f"<Report: {len(self.operations)} operations, {len(self.ratios)} ratios, "
                f"{len(self.proportions)} proportions, {len(self.conflicts)} conflicts>")

    def _repr_html_(self) -> str:
        from ._html import report_fragment

        return report_fragment(self)


def _named(result, label):
    return type(result)(**{**result.__dict__, "name": label})


def _is_count(value) -> bool:
    return float(value).is_integer()


def _num(value):
    if value is None or value == "":
        return ""
    if isinstance(value, float) and math.isinf(value):
        return "inf"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.6g}" if isinstance(value, float) else str(value)


QUALIFIER_WORDS = {"exact": "", "more_than": "more than ", "at_least": "at least ", "about": "about ",
                   "up_to": "up to ", "fewer_than": "fewer than "}


def _figure_text(f: dict) -> str:
    unit = f" {f['unit']}" if f.get("unit") else ""
    sources = f.get("sources", [])
    conflict = "  (conflict)" if f.get("conflicted") else ""
    return (f"{QUALIFIER_WORDS.get(f['qualifier'], '')}{_num(f['value'])}{unit}"
            f"   [{len(sources)} source{'s' if len(sources) != 1 else ''}]{conflict}")


def _operation_summary(op: dict) -> dict:
    return {k: op[k] for k in ("name", "aliases", "lead_agency", "mentions", "figures", "breakdown",
                               "sentences_years", "flags") if k in op}


def _finite(value):
    """JSON has no infinity: write unbounded ends as null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value
