"""The Python face of the C++ fact table: pandas and numpy interop, readable reprs."""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any, Iterable, Union

from . import _core

PathLike = Union[str, "os.PathLike[str]"]

#: The contract's columns (../shared/spec/facts.md), then optally's extras.
COLUMNS = ("doc", "metric", "value", "unit", "qualifier", "scope", "operation", "start", "end", "evidence",
           "agency", "date")


class FactTable(_core.FactTable):
    """A columnar table of facts: one row per figure a report states.

    Numeric columns (``values``, ``starts``, ``ends``) are read-only numpy views of the C++
    columns, so no copy is made; strings are interned once in C++.
    """

    @classmethod
    def _adopt(cls, table: _core.FactTable) -> "FactTable":
        if isinstance(table, cls):
            return table
        out = cls()
        out._swap(table)
        return out

    @classmethod
    def read_jsonl(cls, path: PathLike) -> "FactTable":
        """Read facts from a JSON Lines file.

        Raises :class:`optally.InputError` (a ``ValueError``) naming the file, line and field
        of the first bad record; nothing is loaded from a file with a bad record.
        """
        return cls._adopt(_core.FactTable.read_jsonl(Path(path)))

    @classmethod
    def read_csv(cls, path: PathLike) -> "FactTable":
        """Read hand-curated facts from a CSV file with a header row (doc, metric, value, ...)."""
        return cls._adopt(_core.FactTable.read_csv(Path(path)))

    @classmethod
    def read(cls, path: PathLike) -> "FactTable":
        """Read a ``.jsonl``/``.json`` or ``.csv`` fact file, chosen by its ending."""
        suffix = Path(path).suffix.lower()
        return cls.read_csv(path) if suffix == ".csv" else cls.read_jsonl(path)

    @classmethod
    def from_records(cls, records: Iterable[dict[str, Any]]) -> "FactTable":
        """Build a table from dicts with the contract's keys (doc, metric, value required)."""
        table = cls()
        for number, record in enumerate(records, 1):
            try:
                table.append(**{k: v for k, v in record.items() if k in COLUMNS})
            except TypeError as error:
                raise _core.InputError(f"<records>:{number}: {error}") from None
        return table

    @classmethod
    def concat(cls, tables: Iterable[_core.FactTable]) -> "FactTable":
        """One table with the facts of several, in order."""
        out = cls()
        for table in tables:
            out.extend(table)
        return out

    def column(self, name: str) -> list:
        """One column as a Python list (strings) or numpy view (numbers)."""
        if name == "value":
            return self.values
        if name in ("start", "end"):
            return self.starts if name == "start" else self.ends
        if name == "metric":
            names = [m["name"] for m in _core.metrics()]
            return [names[code] for code in self.metric_codes]
        if name == "qualifier":
            return [_core.QUALIFIERS[code] for code in self.qualifier_codes]
        if name == "unit":
            return [_core.UNITS[code] for code in self.unit_codes]
        return self._strings(name)

    def to_pandas(self):
        """A DataFrame with the contract's columns (plus agency and date), one row per fact."""
        import pandas as pd

        data = {name: self.column(name) for name in COLUMNS}
        data["value"] = self.values.copy()  # a DataFrame may outlive the table
        data["start"] = self.starts.astype("int64")
        data["end"] = self.ends.astype("int64")
        frame = pd.DataFrame(data, columns=list(COLUMNS))
        for name in ("metric", "qualifier", "unit", "scope", "doc"):
            frame[name] = frame[name].astype("category")
        return frame

    def to_records(self) -> list[dict[str, Any]]:
        """The facts as a list of dicts with the contract's keys, one per fact."""
        return [self.row(i) for i in range(len(self))]

    def write_jsonl(self, path: PathLike) -> None:
        """Write JSON Lines atomically: a crash leaves any previous file intact."""
        from ._io import atomic_write_text

        atomic_write_text(path, self.to_jsonl())

    def write_csv(self, path: PathLike) -> None:
        """Write CSV with a header row atomically: a crash leaves any previous file intact."""
        from ._io import atomic_write_text

        atomic_write_text(path, self.to_csv_text())

    def __iter__(self):
        return (self.row(i) for i in range(len(self)))

    def __getitem__(self, index: int) -> dict[str, Any]:
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self.row(index)

    def __repr__(self) -> str:
        docs = len(set(self._strings("doc")))
        ops = sorted({o for o in self._strings("operation") if o})
        shown = ", ".join(ops[:4]) + (", ..." if len(ops) > 4 else "")
        return f"<FactTable: {len(self)} facts from {docs} documents; operations: {shown or 'none named'}>"

    def _repr_html_(self) -> str:
        head = self.to_pandas().head(20)
        caption = html.escape(repr(self))
        return f"<div><p>{caption}</p>{head.to_html(index=False)}</div>"
