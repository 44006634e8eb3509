"""HTML renderings: the self-contained report page (tables, inline SVG plots, every figure
linked to the sentences and documents it was read from) and the rich reprs notebooks show.

Nothing on the page is fetched when it opens: no scripts, fonts, images or style sheets
from anywhere; plots are inline SVG with their text drawn as paths.
"""

from __future__ import annotations

import datetime as _dt
import html
import io
import math
import os
import re
import sys

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 64em;
       padding: 0 1em; color: #222; line-height: 1.4; }
h1 { margin-bottom: 0.2em; } h2 { border-bottom: 2px solid #ddd; padding-bottom: 0.2em; margin-top: 2em; }
nav ol { columns: 2; font-size: 0.95em; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25em 0.75em; text-align: left; vertical-align: top; }
th { background: #f5f5f5; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.evidence { font-size: 0.9em; color: #444; }
.conflict, .conflict a { color: #a40000; }
.flag { color: #a40000; font-size: 0.9em; }
.note { color: #555; font-size: 0.9em; }
figure { margin: 1em 0 2em; } figcaption { font-size: 0.9em; color: #555; }
figure svg { max-width: 100%; height: auto; }
.wide { overflow-x: auto; }
table.overview { font-size: 0.88em; } table.overview th, table.overview td { padding: 0.25em 0.45em; }
:target { background: #fff3c4; }
"""

QUALIFIER_WORDS = {"exact": "", "more_than": "more than ", "at_least": "at least ", "about": "about ",
                   "up_to": "up to ", "fewer_than": "fewer than "}

OVERVIEW_METRICS = ("arrests", "search_warrants", "children_safeguarded", "children_at_risk", "police_forces",
                    "registered_offenders", "charged", "convicted", "duration")


def _e(text) -> str:
    return html.escape("" if text is None else str(text))


def _num(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if math.isinf(value):
            return "∞"
        if value.is_integer() and abs(value) < 1e15:
            return f"{int(value):,}"
        return f"{value:.4g}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _slug(*parts) -> str:
    raw = "-".join(str(p) for p in parts)
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in raw)


def _anchor(operation: str, metric: str, scope: str) -> str:
    return _slug("src", operation or "unnamed", metric, scope)


def _doc_anchor(doc: str) -> str:
    return _slug("doc", doc)


def _op_anchor(operation: str) -> str:
    return _slug("op", operation or "unnamed")


def _op_title(op: dict) -> str:
    return f"Operation {op['name']}" if op.get("name") else "Unnamed operation"


def _unit_text(value, unit) -> str:
    if not unit:
        return ""
    return f" {unit[:-1]}" if value == 1 and unit.endswith("s") else f" {unit}"


def _figure_text(f: dict) -> str:
    unit = _unit_text(f["value"], f.get("unit"))
    return f"{QUALIFIER_WORDS.get(f['qualifier'], '')}{_num(f['value'])}{unit}"


def _figure_link(op: dict, f: dict) -> str:
    anchor = _anchor(op["name"], f["metric"], f["scope"])
    return f"<a href='#{anchor}' title='evidence for this figure'>{_e(_figure_text(f))}</a>"


def _table(head: list[str], rows: list[str], css: str = "") -> str:
    cells = "".join(f"<th>{h}</th>" for h in head)
    attributes = f" class={css}" if css else ""
    return (f"<div class=wide><table{attributes}><thead><tr>{cells}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>")


# ---- pieces shared by the page and the notebook reprs -----------------------------------
def figures_table(op: dict, *, links: bool = True, evidence: bool = False) -> str:
    """One operation's reconciled figures: metric, scope, figure (linked to its evidence),
    number of sources, and (with ``evidence``) the first evidence sentence."""
    rows = []
    for f in op["figures"] + op["breakdown"]:
        css = " class=conflict" if f.get("conflicted") else ""
        shown = _figure_link(op, f) if links else _e(_figure_text(f))
        if f.get("conflicted"):
            shown += " (conflict)"
        quote = ""
        if evidence:
            first = next((s for s in f.get("sources", []) if s.get("evidence")), None)
            quote = (f"<td class=evidence>“{_e(first['evidence'])}” ({_e(first['doc'])})</td>" if first
                     else "<td></td>")
        rows.append(f"<tr{css}><td>{_e(f['metric'])}</td><td>{_e(f['scope'])}</td><td class=num>{shown}</td>"
                    f"<td class=num>{len(f.get('sources', []))}</td>{quote}</tr>")
    head = ["metric", "scope", "figure", "sources"] + (["evidence (first source)"] if evidence else [])
    return _table(head, rows)


def overview_table(operations: list[dict], *, links: bool = True) -> str:
    """Operations side by side: one row per operation, one column per common metric."""
    present = [m for m in OVERVIEW_METRICS if any(f["metric"] == m for op in operations for f in op["figures"])]
    rows = []
    for op in operations:
        cells = []
        by_metric = {f["metric"]: f for f in op["figures"]}
        for metric in present:
            f = by_metric.get(metric)
            if f is None:
                cells.append("<td class=num>–</td>")
            else:
                css = " conflict" if f.get("conflicted") else ""
                cells.append(f"<td class='num{css}'>{_figure_link(op, f) if links else _e(_figure_text(f))}</td>")
        name = _e(op["name"] or "(unnamed)")
        if links:
            name = f"<a href='#{_op_anchor(op['name'])}'>{name}</a>"
        rows.append(f"<tr><td>{name}</td><td>{_e(op.get('lead_agency') or '')}</td>"
                    f"<td class=num>{len(op.get('mentions', []))}</td>{''.join(cells)}</tr>")
    head = ["operation", "lead agency", "reports"] + [_e(m.replace("_", " ")) for m in present]
    return _table(head, rows, "overview")


def _ratio_rows(report) -> str:
    pct = f"{report.level:.0%}"
    rows = "".join(
        f"<tr><td>{_e(r.operation)}</td><td>{_e(r.name)}</td><td class=num>{_e(_num(r.value)) or 'undefined'}</td>"
        f"<td>{_e(r.bound)}</td><td class=num>"
        + (f"[{r.rate.interval.lower:.3f}, {r.rate.interval.upper:.3f}]" if r.rate is not None else "")
        + "</td></tr>" for r in report.ratios)
    return (f"<table><thead><tr><th>operation</th><th>ratio</th><th>value</th><th>bound</th>"
            f"<th>{pct} rate-ratio interval</th></tr></thead><tbody>{rows}</tbody></table>")


def _proportion_rows(report) -> str:
    pct = f"{report.level:.0%}"
    rows = "".join(
        f"<tr><td>{_e(p.operation)}</td><td>{_e(p.name)}</td><td class=num>{p.value:.4f}</td>"
        f"<td class=num>{p.estimate.successes}/{p.estimate.trials}</td>"
        f"<td class=num>[{p.interval.lower:.4f}, {p.interval.upper:.4f}]</td><td>{_e(p.bound)}</td></tr>"
        for p in report.proportions)
    return (f"<table><thead><tr><th>operation</th><th>share</th><th>value</th><th>k/n</th>"
            f"<th>{pct} {_e(report.method)} interval</th><th>bound</th></tr></thead><tbody>{rows}</tbody></table>")


def _sentence_rows(report, *, links: bool = True) -> str:
    def name(s):
        op = _e(s["operation"])
        return f"<a href='#{_slug('sentences', s['operation'] or 'unnamed')}'>{op}</a>" if links else op

    rows = "".join(
        f"<tr><td>{name(s)}</td><td class=num>{s['count']}</td><td class=num>{s['mean_years']:.3f}</td>"
        f"<td class=num>{s['median_years']:.3f}</td><td class=num>{s['min_years']:g}–{s['max_years']:g}</td></tr>"
        for s in report.sentences)
    return ("<table><thead><tr><th>operation</th><th>n</th><th>mean (years)</th><th>median (years)</th>"
            f"<th>range (years)</th></tr></thead><tbody>{rows}</tbody></table>")


def _conflict_rows(report, *, links: bool = True) -> str:
    rows = []
    for c in report.conflicts:
        stated = "; ".join(
            f"{_e(_num(v['value']))} ("
            + ", ".join((f"<a href='#{_doc_anchor(d)}'>{_e(d)}</a>" if links else _e(d)) for d in _docs_of(v))
            + ")" for v in c["values"])
        rows.append(f"<tr class=conflict><td>{_e(c['operation'])}</td><td>{_e(c['metric'])}</td><td>{_e(c['scope'])}"
                    f"</td><td>{stated}</td><td class=num>{_e(_num(_chosen_value(c['chosen'])))}</td></tr>")
    return _table(["operation", "metric", "scope", "values stated (documents)", "chosen"], rows)


def _docs_of(value: dict) -> list[str]:
    if value.get("documents"):
        return list(value["documents"])
    return [value["doc"]] if value.get("doc") else []


def _chosen_value(chosen):
    return chosen.get("value") if isinstance(chosen, dict) else chosen


# ---- plots ----------------------------------------------------------------------------
def _svg(figure, salt: str) -> str:
    """A figure as inline SVG: text as paths (no fonts to fetch), no metadata, no namespace
    URLs, ids made unique on the page by ``salt``."""
    import matplotlib
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": salt, "svg.fonttype": "path"}):
        figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    text = buffer.getvalue()
    text = text[text.find("<svg"):]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
    text = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", text)
    return text


def _plots(report) -> dict:
    """Inline SVG plots by section; empty when matplotlib is not installed."""
    try:
        import matplotlib

        if "matplotlib.pyplot" not in sys.modules and not os.environ.get("MPLBACKEND"):
            matplotlib.use("Agg")  # a command line needs no display; a notebook keeps its backend
        from . import plots
    except ImportError:
        return {}
    out: dict[str, list[tuple[str, str]]] = {}

    def add(section: str, caption: str, axes):
        figure = axes.figure if hasattr(axes, "figure") else axes[0].figure
        salt = f"optally-{section}-{len(out.get(section, []))}"
        out.setdefault(section, []).append((caption, _svg(figure, salt)))

    if report.operations:
        add("overview", "Figures per operation, as reported; a marker shows a figure stated as a bound",
            plots.figures(report))
    names = list(dict.fromkeys(r.name for r in report.ratios if r.value is not None))
    for name in names:
        add("ratios", f"{name.replace('_', ' ')}: bars are the stated ratio, error bars the exact conditional "
                      f"rate-ratio interval, a marker a ratio that is a bound", plots.ratio_bars(report, name))
    if report.proportions:
        add("proportions", "Proportions with their confidence intervals", plots.forest(report))
    for op in report.operations:
        for metric in dict.fromkeys(f["metric"] for f in op["breakdown"]):
            add("breakdown", f"Regional breakdown of {_op_title(op)}: {metric.replace('_', ' ')} by place",
                plots.breakdown_bars(op, metric))
    if report.sentences:
        add("sentences", "Custodial sentences per operation, in years", plots.sentences(report))
    if report.conflicts and report.corpus is not None:
        add("conflicts", "Values stated by each report and the value each policy chooses",
            plots.conflicts(report.corpus))
    return out


def _figures_html(items) -> str:
    return "".join(f"<figure role=img aria-label='{_e(caption)}'>{svg}<figcaption>{_e(caption)}</figcaption></figure>"
                   for caption, svg in items)


# ---- the report -------------------------------------------------------------------------
def report_fragment(report, *, with_plots: bool = False, links: bool = True) -> str:
    """The report's body: for notebooks (without plots by default) and for the full page."""
    plots = _plots(report) if with_plots else {}
    parts = []
    if report.operations:
        parts.append("<h2 id=overview>Operations side by side</h2>" + overview_table(report.operations, links=links))
        parts.append(_figures_html(plots.get("overview", [])))
    for op in report.operations:
        agency = f" — led by {_e(op['lead_agency'])}" if op.get("lead_agency") else ""
        parts.append(f"<h2 id='{_op_anchor(op['name'])}'>{_e(_op_title(op))}{agency}</h2>")
        docs = ", ".join((f"<a href='#{_doc_anchor(_doc_id(m))}'>{_e(_doc_id(m))}</a>" if links else _e(_doc_id(m)))
                         for m in op.get("mentions", []))
        parts.append(f"<p>Reports: {docs}"
                     + (f"; also written {_e(', '.join(op['aliases']))}" if op.get("aliases") else "") + "</p>")
        parts.append(figures_table(op, links=links))
        for flag in op.get("flags", []):
            parts.append(f"<p class=flag>{_e(flag)}</p>")
    if report.ratios:
        parts.append("<h2 id=ratios>Ratios</h2><p class=note>A ratio of figures stated as bounds is itself a bound: "
                     "“lower” means the true ratio may be higher.</p>" + _ratio_rows(report))
        parts.append(_figures_html(plots.get("ratios", [])))
    if report.proportions:
        parts.append("<h2 id=proportions>Proportions</h2>" + _proportion_rows(report))
        parts.append(_figures_html(plots.get("proportions", [])))
    if plots.get("breakdown"):
        parts.append("<h2 id=breakdown>Regional breakdowns</h2>" + _figures_html(plots["breakdown"]))
    if report.sentences:
        parts.append("<h2 id=sentences>Custodial sentences</h2>" + _sentence_rows(report, links=links))
        parts.append(_figures_html(plots.get("sentences", [])))
    if report.conflicts:
        parts.append(f"<h2 id=conflicts>Conflicts between reports</h2><p>Policy: <b>{_e(report.policy)}</b> "
                     "(the others are <i>latest</i>, <i>max</i>, <i>min</i>, <i>most_reported</i>).</p>"
                     + _conflict_rows(report, links=links))
        parts.append(_figures_html(plots.get("conflicts", [])))
    return "\n".join(p for p in parts if p)


def _doc_id(mention: str) -> str:
    """'001_2e60#Lexus' (a document's mention of an operation) -> '001_2e60'."""
    return mention.split("#", 1)[0]


def _evidence_section(op: dict) -> str:
    parts = []
    for f in op["figures"] + op["breakdown"]:
        anchor = _anchor(op["name"], f["metric"], f["scope"])
        items = []
        for s in f.get("sources", []):
            where = f"bytes {s.get('start', 0)}–{s.get('end', 0)}" if s.get("end", 0) > s.get("start", 0) else ""
            details = ", ".join(x for x in (where, _e(s.get("date") or ""), _e(s.get("agency") or "")) if x)
            unit = _unit_text(s["value"], s.get("unit"))
            items.append(f"<li><a href='#{_doc_anchor(s['doc'])}'><b>{_e(s['doc'])}</b></a>"
                         + (f" ({details})" if details else "")
                         + f": {_e(QUALIFIER_WORDS.get(s['qualifier'], ''))}{_e(_num(s['value']))}{_e(unit)} — "
                         f"<span class=evidence>“{_e(s.get('evidence', ''))}”</span></li>")
        parts.append(f"<div id='{anchor}'><b>{_e(f['metric'])} @ {_e(f['scope'])}: {_e(_figure_text(f))}</b>"
                     f"<ul>{''.join(items)}</ul></div>")
    return "".join(parts)


def _sentence_sources(report, op: dict) -> list[dict]:
    """The facts an operation's custodial sentences were read from: sentence facts of its
    reports that name the operation (or, for an unnamed one, name none)."""
    facts = getattr(report.corpus, "facts", None)
    if facts is None or not op.get("sentences_years"):
        return []
    from . import _core

    names = {_core.normalise_name(n) for n in [op["name"], *op.get("aliases", [])] if n}
    docs = {_doc_id(m) for m in op.get("mentions", [])}
    out = []
    for fact in facts:
        if fact["metric"] != "sentence" or fact["doc"] not in docs:
            continue
        named = _core.normalise_name(fact["operation"]) if fact.get("operation") else ""
        if (named in names) if names else not named:
            out.append(fact)
    return out


def _figure_anchor(op: dict, f: dict) -> str:
    if f["metric"] == "sentence":
        return _slug("sentences", op["name"] or "unnamed")
    return _anchor(op["name"], f["metric"], f["scope"])


def _sentence_evidence(report, op: dict) -> str:
    sources = _sentence_sources(report, op)
    if not sources:
        return ""
    items = "".join(
        f"<li><a href='#{_doc_anchor(s['doc'])}'><b>{_e(s['doc'])}</b></a> "
        f"(bytes {s.get('start', 0)}–{s.get('end', 0)}{', ' + _e(s['date']) if s.get('date') else ''}): "
        f"{_e(_num(s['value']))}{_e(_unit_text(s['value'], s.get('unit')))}"
        f" — <span class=evidence>“{_e(s.get('evidence', ''))}”</span></li>" for s in sources)
    return (f"<div id='{_slug('sentences', op['name'] or 'unnamed')}'><b>custodial sentences</b>"
            f"<ul>{items}</ul></div>")


def _documents_section(report) -> str:
    """Every document: its date and agency, and the figures read from it (linked back)."""
    docs: dict[str, dict] = {}
    for op in report.operations:
        for f in op["figures"] + op["breakdown"]:
            for s in f.get("sources", []):
                entry = docs.setdefault(s["doc"], {"date": None, "agency": None, "figures": []})
                entry["date"] = entry["date"] or s.get("date")
                entry["agency"] = entry["agency"] or s.get("agency")
                entry["figures"].append((op, f, s))
        for s in _sentence_sources(report, op):
            entry = docs.setdefault(s["doc"], {"date": None, "agency": None, "figures": []})
            entry["date"] = entry["date"] or s.get("date")
            entry["figures"].append((op, {"metric": "sentence", "scope": "total"}, s))
    rows = []
    for doc in sorted(docs):
        entry = docs[doc]
        read = "; ".join(
            f"<a href='#{_figure_anchor(op, f)}'>{_e(op['name'] or '(unnamed)')} "
            f"{_e(f['metric'])}{'' if f['scope'] == 'total' else ' @ ' + _e(f['scope'])}: "
            f"{_e(QUALIFIER_WORDS.get(s['qualifier'], ''))}{_e(_num(s['value']))}</a>"
            for op, f, s in entry["figures"])
        rows.append(f"<tr id='{_doc_anchor(doc)}'><td>{_e(doc)}</td><td>{_e(entry['date'] or '')}</td>"
                    f"<td>{_e(entry['agency'] or '')}</td><td>{read}</td></tr>")
    return _table(["document", "date", "agency", "figures read from it"], rows)


def render_report(report) -> str:
    """The full, self-contained HTML page of a Report."""
    stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    body = report_fragment(report, with_plots=True)
    evidence = "".join(f"<h3>{_e(_op_title(op))}</h3>{_evidence_section(op)}{_sentence_evidence(report, op)}"
                       for op in report.operations)
    sections = [("overview", "Operations side by side", bool(report.operations))]
    sections += [(_op_anchor(op["name"]), _op_title(op), True) for op in report.operations]
    sections += [("ratios", "Ratios", bool(report.ratios)), ("proportions", "Proportions", bool(report.proportions)),
                 ("breakdown", "Regional breakdowns", any(op["breakdown"] for op in report.operations)),
                 ("sentences", "Custodial sentences", bool(report.sentences)),
                 ("conflicts", "Conflicts between reports", bool(report.conflicts)),
                 ("evidence", "Evidence for every figure", True), ("documents", "Documents", True)]
    nav = "".join(f"<li><a href='#{anchor}'>{_e(title)}</a></li>" for anchor, title, shown in sections if shown)
    documents = len({_doc_id(m) for op in report.operations for m in op.get("mentions", [])})
    return ("<!doctype html>\n<html lang=en><head><meta charset=utf-8>"
            "<meta name=viewport content='width=device-width, initial-scale=1'><title>optally report</title>"
            f"<style>{STYLE}</style></head><body><h1>optally report</h1>"
            f"<p>{len(report.operations)} operations from {documents} documents; intervals at {report.level:.0%} "
            f"({_e(report.method)} for proportions, exact conditional for rate ratios); conflicts between reports "
            f"resolved by policy <b>{_e(report.policy)}</b>. Every figure links to the sentences it was read from. "
            f"Generated {stamp}.</p><nav><ol>{nav}</ol></nav>{body}"
            f"<h2 id=evidence>Evidence for every figure</h2>{evidence}"
            f"<h2 id=documents>Documents</h2>{_documents_section(report)}</body></html>\n")


# ---- notebook reprs -------------------------------------------------------------------------
def corpus_html(corpus) -> str:
    """A Corpus in a notebook: a caption and its operations side by side."""
    caption = _e(repr(corpus))
    conflicts = sum(len(op.get("conflicts", [])) for op in corpus._operations)
    note = (f"<p class=note>{conflicts} conflicting figure(s): see <code>corpus.conflicts</code>.</p>"
            if conflicts else "")
    return f"<div><p>{caption}</p>{overview_table(corpus._operations, links=False)}{note}</div>"


def operation_html(op: dict) -> str:
    """One resolved operation in a notebook: its figures with their first evidence sentence."""
    agency = f" — led by {_e(op['lead_agency'])}" if op.get("lead_agency") else ""
    reports = ", ".join(_e(_doc_id(m)) for m in op.get("mentions", []))
    aliases = f"; also written {_e(', '.join(op['aliases']))}" if op.get("aliases") else ""
    flags = "".join(f"<p class=flag>{_e(flag)}</p>" for flag in op.get("flags", []))
    sentences = ""
    if op.get("sentences_years"):
        sentences = ("<p>Custodial sentences (years): "
                     + ", ".join(_num(float(y)) for y in sorted(op["sentences_years"])) + "</p>")
    return (f"<div><p><b>{_e(_op_title(op))}</b>{agency} ({len(op.get('mentions', []))} reports: {reports}{aliases})"
            f"</p>{figures_table(op, links=False, evidence=True)}{sentences}{flags}</div>")
