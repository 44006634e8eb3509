"""A self-contained HTML report: tables, inline SVG plots, and every figure linked to the
sentences and documents it was read from. Nothing is fetched when the page opens."""

from __future__ import annotations

import datetime as _dt
import html
import io
import math

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 60em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25em 0.75em; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.evidence { font-size: 0.9em; color: #444; }
.conflict { color: #a40000; }
figure { margin: 1em 0; } figcaption { font-size: 0.9em; color: #555; }
"""


def _e(text) -> str:
    return html.escape("" if text is None else str(text))


def _num(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isinf(value):
            return "∞"
        if value.is_integer() and abs(value) < 1e15:
            return f"{int(value):,}"
        return f"{value:.4g}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _anchor(operation: str, metric: str, scope: str) -> str:
    raw = f"src-{operation}-{metric}-{scope}"
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in raw)


QUALIFIER_WORDS = {"exact": "", "more_than": "more than ", "at_least": "at least ", "about": "about ",
                   "up_to": "up to ", "fewer_than": "fewer than "}


def _figure_rows(op: dict) -> str:
    rows = []
    for f in op["figures"] + op["breakdown"]:
        anchor = _anchor(op["name"], f["metric"], f["scope"])
        unit = f" {f['unit']}" if f.get("unit") else ""
        css = ' class="conflict"' if f.get("conflicted") else ""
        rows.append(f"<tr{css}><td>{_e(f['metric'])}</td><td>{_e(f['scope'])}</td>"
                    f"<td class=num><a href='#{anchor}'>{_e(QUALIFIER_WORDS.get(f['qualifier'], ''))}"
                    f"{_e(_num(f['value']))}{_e(unit)}</a></td><td class=num>{len(f.get('sources', []))}</td></tr>")
    return ("<table><thead><tr><th>metric</th><th>scope</th><th>figure</th><th>sources</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table>")


def _evidence_section(op: dict) -> str:
    parts = []
    for f in op["figures"] + op["breakdown"]:
        anchor = _anchor(op["name"], f["metric"], f["scope"])
        items = "".join(
            f"<li><b>{_e(s['doc'])}</b> (bytes {s.get('start', 0)}–{s.get('end', 0)}"
            f"{', ' + _e(s['date']) if s.get('date') else ''}): {_e(QUALIFIER_WORDS.get(s['qualifier'], ''))}"
            f"{_e(_num(s['value']))} — <span class=evidence>“{_e(s.get('evidence', ''))}”</span></li>"
            for s in f.get("sources", []))
        parts.append(f"<div id='{anchor}'><b>{_e(f['metric'])} @ {_e(f['scope'])}</b><ul>{items}</ul></div>")
    return "".join(parts)


def _svg(figure) -> str:
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(figure)
    text = buffer.getvalue()
    return text[text.find("<svg"):]


def _plots(report) -> list[tuple[str, str]]:
    """(caption, svg) pairs; empty when matplotlib is not installed."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        from . import plots
    except ImportError:
        return []
    out = []
    if report.proportions:
        out.append(("Proportions with their confidence intervals", _svg(plots.forest(report.proportions).figure)))
    if report.ratios:
        out.append(("Ratios per operation; an arrow marks a lower bound", _svg(plots.ratio_bars(report.ratios).figure)))
    for op in report.operations:
        if op["breakdown"]:
            out.append((f"Regional breakdown of Operation {op['name']}",
                        _svg(plots.breakdown_bars(op).figure)))
    if report.sentences:
        out.append(("Custodial sentences per operation", _svg(plots.sentences(report.operations).figure)))
    return out


def report_fragment(report, *, with_plots: bool = False) -> str:
    """The report's body: for notebooks (without plots by default) and the full page."""
    pct = f"{report.level:.0%}"
    parts = []
    for op in report.operations:
        agency = f" — led by {_e(op['lead_agency'])}" if op.get("lead_agency") else ""
        parts.append(f"<h2>Operation {_e(op['name'])}{agency}</h2>")
        parts.append(f"<p>Reports: {_e(', '.join(op['mentions']))}"
                     + (f"; also written {_e(', '.join(op['aliases']))}" if op.get("aliases") else "") + "</p>")
        parts.append(_figure_rows(op))
        for flag in op.get("flags", []):
            parts.append(f"<p class=conflict>{_e(flag)}</p>")
    if report.ratios:
        rows = "".join(
            f"<tr><td>{_e(r.operation)}</td><td>{_e(r.name)}</td><td class=num>{_e(_num(r.value))}</td>"
            f"<td>{_e(r.bound)}</td><td class=num>"
            + (f"[{r.rate.interval.lower:.3f}, {r.rate.interval.upper:.3f}]" if r.rate is not None else "")
            + "</td></tr>" for r in report.ratios)
        parts.append(f"<h2>Ratios</h2><table><thead><tr><th>operation</th><th>ratio</th><th>value</th><th>bound</th>"
                     f"<th>{pct} rate-ratio interval</th></tr></thead><tbody>{rows}</tbody></table>")
    if report.proportions:
        rows = "".join(
            f"<tr><td>{_e(p.operation)}</td><td>{_e(p.name)}</td><td class=num>{p.value:.4f}</td>"
            f"<td class=num>{p.estimate.successes}/{p.estimate.trials}</td>"
            f"<td class=num>[{p.interval.lower:.4f}, {p.interval.upper:.4f}]</td></tr>" for p in report.proportions)
        parts.append(f"<h2>Proportions</h2><table><thead><tr><th>operation</th><th>share</th><th>value</th>"
                     f"<th>k/n</th><th>{pct} {_e(report.method)}</th></tr></thead><tbody>{rows}</tbody></table>")
    if report.sentences:
        rows = "".join(
            f"<tr><td>{_e(s['operation'])}</td><td class=num>{s['count']}</td><td class=num>{s['mean_years']:.3f}</td>"
            f"<td class=num>{s['median_years']:.3f}</td><td class=num>{s['min_years']:g}–{s['max_years']:g}</td></tr>"
            for s in report.sentences)
        parts.append("<h2>Custodial sentences (years)</h2><table><thead><tr><th>operation</th><th>n</th><th>mean</th>"
                     f"<th>median</th><th>range</th></tr></thead><tbody>{rows}</tbody></table>")
    if report.conflicts:
        rows = "".join(
            f"<tr class=conflict><td>{_e(c['operation'])}</td><td>{_e(c['metric'])}@{_e(c['scope'])}</td><td>"
            + "; ".join(f"{_e(_num(v['value']))} ({_e(v['doc'])})" for v in c["values"])
            + f"</td><td class=num>{_e(_num(c['chosen']))}</td></tr>" for c in report.conflicts)
        parts.append(f"<h2>Conflicts between reports</h2><p>Policy: {_e(report.policy)}</p><table><thead><tr>"
                     f"<th>operation</th><th>figure</th><th>values stated</th><th>chosen</th></tr></thead>"
                     f"<tbody>{rows}</tbody></table>")
    if with_plots:
        for caption, svg in _plots(report):
            parts.append(f"<figure>{svg}<figcaption>{_e(caption)}</figcaption></figure>")
    return "\n".join(parts)


def render_report(report) -> str:
    stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    body = report_fragment(report, with_plots=True)
    evidence = "".join(f"<h3>Operation {_e(op['name'])}</h3>{_evidence_section(op)}" for op in report.operations)
    return ("<!doctype html><html lang=en><head><meta charset=utf-8><title>optally report</title>"
            f"<style>{STYLE}</style></head><body><h1>optally report</h1>"
            f"<p>{len(report.operations)} operations; intervals at {report.level:.0%} ({_e(report.method)} for "
            f"proportions, exact conditional for rate ratios); conflicts resolved by policy "
            f"<b>{_e(report.policy)}</b>. Generated {stamp}.</p>{body}"
            f"<h2>Evidence</h2>{evidence}</body></html>\n")
