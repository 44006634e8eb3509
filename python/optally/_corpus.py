"""A corpus: facts from many reports resolved into operations, with every figure's sources
and every conflict between reports kept."""

from __future__ import annotations

import json
import os
from typing import Iterable, Optional

from . import _core
from ._table import FactTable

POLICIES = ("latest", "max", "min", "most_reported")


class Operation(dict):
    """One resolved operation, as a dict: name, aliases, lead_agency, mentions, figures,
    breakdown, sentences_years, conflicts, flags, links. A notebook shows it as a table of
    its figures with their evidence."""

    def __repr__(self) -> str:
        return (f"<Operation {self.get('name') or '(unnamed)'}: {len(self.get('figures', []))} figures, "
                f"{len(self.get('breakdown', []))} by place, from {len(self.get('mentions', []))} reports>")

    def _repr_html_(self) -> str:
        from ._html import operation_html

        return operation_html(self)


class Corpus:
    """Operations resolved from facts. Build with :meth:`from_facts` or :meth:`from_paths`.

    Attributes: ``facts`` (the FactTable), ``policy``; ``operations``, ``conflicts`` as
    DataFrames; ``figures(op)``, ``breakdown(op, metric)``, ``sources(op, metric)``.
    """

    def __init__(self, facts: FactTable, resolved: dict, names=()):
        self.facts = facts
        self.policy: str = resolved["policy"]
        self._operations: list[dict] = [Operation(op) for op in resolved["operations"]]
        self._json: str = resolved["json"]
        self._names = list(names)

    @classmethod
    def from_facts(cls, table: _core.FactTable, *, policy: str = "latest", options: Optional[dict] = None,
                   names: Iterable[tuple[str, str, int]] = ()) -> "Corpus":
        """Resolve a FactTable into operations.

        ``policy`` chooses among conflicting figures: ``latest`` (by document date where
        known), ``max``, ``min`` or ``most_reported``; the others are kept as conflicts.
        ``options`` overrides resolution settings (similarity weights and threshold, see
        ``data/resolve.json``). ``names`` are (doc, spelling, count) operation-name mentions
        counted by the extractor, which let a spelling used only in text become an alias.
        """
        if policy not in POLICIES:
            raise ValueError(f"unknown policy {policy!r}; expected one of {', '.join(POLICIES)}")
        table = FactTable._adopt(table) if not isinstance(table, FactTable) else table
        names = list(names) or list(getattr(table, "name_mentions", []))
        resolved = _core.resolve(table, policy, json.dumps(options) if options else "", names)
        return cls(table, resolved, names)

    @classmethod
    def from_paths(cls, paths: Iterable[str | os.PathLike], *, policy: str = "latest", threads: Optional[int] = None,
                   keep_names: bool = False) -> "Corpus":
        """Extract facts from articles (files or folders) and fact files, then resolve them."""
        from ._extract import extract_files
        from ._inputs import collect

        inputs = collect(paths)
        tables = [FactTable.read(p) for p in inputs.fact_files]
        names = []
        if inputs.articles:
            extracted = extract_files(inputs.articles, threads=threads, keep_names=keep_names)
            names = list(extracted.name_mentions)
            tables.append(extracted)
        return cls.from_facts(FactTable.concat(tables), policy=policy, names=names)

    def with_policy(self, policy: str) -> "Corpus":
        """The same facts resolved under another policy."""
        return Corpus.from_facts(self.facts, policy=policy, names=self._names)

    # ---- lookups ----------------------------------------------------------------------
    @property
    def names(self) -> list[str]:
        """The operations' names, in order ('' for an operation no report names)."""
        return [op["name"] for op in self._operations]

    def operation(self, name: str) -> dict:
        """The resolved operation (a dict) with this name or alias, compared as normalised
        names ("Operation Tharsley", "tharsley", "Tharlsey" all find Tharsley)."""
        wanted = _core.normalise_name(name)
        for op in self._operations:
            if wanted in [_core.normalise_name(n) for n in [op["name"], *op["aliases"]]]:
                return op
        if name.startswith("unnamed") or name == "":
            for op in self._operations:
                if not op["name"]:
                    return op
        raise KeyError(f"no operation {name!r}; the corpus has: {', '.join(n or '(unnamed)' for n in self.names)}")

    def canonical_name(self, name: str) -> str:
        """The name an operation is shown under, given any of its names or aliases; KeyError if none."""
        return self.operation(name)["name"]

    def _figure(self, operation: str, metric: str, scope: str = "total") -> dict:
        op = self.operation(operation)
        wanted_scope = _core.normalise_name(scope) if scope != "total" else "total"
        for f in op["figures"] + op["breakdown"]:
            f_scope = "total" if f["scope"] == "total" else _core.normalise_name(f["scope"])
            if f["metric"] == metric and f_scope == wanted_scope:
                return f
        raise KeyError(f"Operation {op['name']} has no figure for {metric}" + (f" in {scope}" if scope != "total" else ""))

    # ---- tables -----------------------------------------------------------------------
    @property
    def operations(self):
        """One row per operation: name, lead agency, reports, and per metric its value with
        `<metric>_lower`/`<metric>_upper` bound columns (upper is inf when unbounded)."""
        import pandas as pd

        rows = []
        metric_names = [m["name"] for m in _core.metrics()]
        for op in self._operations:
            row = {"operation": op["name"] or "(unnamed)", "lead_agency": op["lead_agency"],
                   "reports": len(op["mentions"]), "conflicts": len(op["conflicts"])}
            for f in op["figures"]:
                row[f["metric"]] = f["value"]
                row[f"{f['metric']}_lower"] = f["lower"]
                row[f"{f['metric']}_upper"] = f["upper"]
                if f["unit"]:
                    row[f"{f['metric']}_unit"] = f["unit"]
            rows.append(row)
        frame = pd.DataFrame(rows)
        ordered = ["operation", "lead_agency", "reports", "conflicts"]
        for metric in metric_names:
            for column in (metric, f"{metric}_unit", f"{metric}_lower", f"{metric}_upper"):
                if column in frame.columns:
                    ordered.append(column)
        return frame[ordered].set_index("operation") if rows else frame

    def figures(self, operation: str):
        """Every reconciled figure of one operation (totals and places) as a DataFrame."""
        import pandas as pd

        op = self.operation(operation)
        rows = [{k: f[k] for k in ("metric", "scope", "value", "qualifier", "unit", "lower", "upper", "conflicted")}
                | {"sources": len(f["sources"])} for f in op["figures"] + op["breakdown"]]
        return pd.DataFrame(rows)

    def breakdown(self, operation: str, metric: str):
        """The places an operation's figure is broken down into, with each place's share of the total."""
        import pandas as pd

        op = self.operation(operation)
        total = next((f["value"] for f in op["figures"] if f["metric"] == metric), None)
        rows = [{"scope": f["scope"], "value": f["value"], "qualifier": f["qualifier"],
                 "share_of_total": (f["value"] / total) if total else None}
                for f in op["breakdown"] if f["metric"] == metric]
        return pd.DataFrame(rows, columns=["scope", "value", "qualifier", "share_of_total"])

    def sources(self, operation: str, metric: str, scope: str = "total"):
        """The documents and evidence sentences a figure was read from."""
        import pandas as pd

        figure = self._figure(operation, metric, scope)
        return pd.DataFrame(figure["sources"],
                            columns=["doc", "value", "qualifier", "unit", "date", "evidence", "start", "end", "agency"])

    @property
    def conflicts(self):
        """One row per conflicting (operation, metric, scope): every value with its documents,
        and the value chosen under the policy."""
        import pandas as pd

        rows = []
        for op in self._operations:
            for c in op["conflicts"]:
                rows.append({"operation": op["name"], "metric": c["metric"], "scope": c["scope"],
                             "values": [v["value"] for v in c["values"]], "documents": [v["doc"] for v in c["values"]],
                             "chosen": c["chosen"], "policy": c["policy"]})
        return pd.DataFrame(rows, columns=["operation", "metric", "scope", "values", "documents", "chosen", "policy"])

    def to_json(self) -> dict:
        """The operations in the shape of the shared expected/operations.json, plus conflicts."""
        return json.loads(self._json)

    def report(self, *, level: float = 0.95, method: str = "wilson"):
        """The standard report: figures, ratios with bounds, proportions with intervals."""
        from ._report import Report

        return Report.build(self, level=level, method=method)

    def __repr__(self) -> str:
        return (f"<Corpus: {len(self._operations)} operations ({', '.join(n or '(unnamed)' for n in self.names)}) "
                f"from {len(self.facts)} facts, policy {self.policy}>")

    def _repr_html_(self) -> str:
        from ._html import corpus_html

        return corpus_html(self)
