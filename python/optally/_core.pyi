"""optally's C++ core (pybind11). Import :mod:`optally`, not this module: the public API lives
there. These stubs are hand-written; tests/python/test_reprs.py checks that every public
name of the compiled module appears here."""

from __future__ import annotations

import os
import pathlib
from typing import Any, Callable, Iterator, Optional, Sequence, Union

import numpy as np
import numpy.typing as npt

_Path = Union[str, bytes, os.PathLike[str], os.PathLike[bytes]]
_Floats = npt.ArrayLike


#: The qualifier vocabulary, in code order: exact, more_than, at_least, about, up_to, fewer_than.
QUALIFIERS: tuple[str, ...]
#: The units of durations and sentences, in code order; code 0 (None) is "no unit".
UNITS: tuple[Optional[str], ...]

class InputError(ValueError):
    """Bad input: a file, line or field that cannot be read. A ValueError with the attributes
    file, line (0: the whole file), field ('' if none) and reason."""

    file: str
    line: int
    field: str
    reason: str

# ---- facts --------------------------------------------------------------------------------
class FactTable:
    """A columnar table of facts. Numeric columns are read-only numpy views (no copy)."""

    def __init__(self) -> None: ...
    @staticmethod
    def read_jsonl(path: _Path) -> FactTable:
        """Read a JSON Lines fact file; raises InputError naming the file, line and field."""
    @staticmethod
    def read_csv(path: _Path) -> FactTable:
        """Read a CSV fact file with a header row; raises InputError naming the file, line and field."""
    @staticmethod
    def parse_jsonl(text: str, name: str = "<string>") -> FactTable:
        """Parse JSON Lines text; ``name`` stands for the file in error messages."""
    @staticmethod
    def parse_csv(text: str, name: str = "<string>") -> FactTable:
        """Parse CSV text; ``name`` stands for the file in error messages."""
    def to_jsonl(self) -> str:
        """The facts as JSON Lines, one object per fact."""
    def to_csv_text(self) -> str:
        """The facts as CSV with a header row."""
    def append(self, doc: str, metric: str, value: float, qualifier: str = "exact", scope: str = "total",
               operation: Optional[str] = None, unit: Optional[str] = None, start: int = 0, end: int = 0,
               evidence: str = "", agency: Optional[str] = None, date: Optional[str] = None) -> None:
        """Add one fact; raises InputError for an unknown metric, qualifier or unit."""
    def extend(self, other: FactTable) -> None:
        """Append every fact of another table."""
    def row(self, index: int) -> dict[str, Any]:
        """One fact as a dict with the contract's keys."""
    def __len__(self) -> int: ...
    def _swap(self, other: FactTable) -> None: ...
    def _strings(self, column: str) -> list[Optional[str]]: ...
    @property
    def values(self) -> npt.NDArray[np.float64]:
        """The figures as a read-only float64 numpy view (no copy)."""
    @property
    def starts(self) -> npt.NDArray[np.uint32]:
        """Byte offsets where each fact's evidence starts (read-only view)."""
    @property
    def ends(self) -> npt.NDArray[np.uint32]:
        """Byte offsets where each fact's evidence ends (read-only view)."""
    @property
    def metric_codes(self) -> npt.NDArray[np.uint8]:
        """Index of each fact's metric in optally.metrics() (uint8 view)."""
    @property
    def qualifier_codes(self) -> npt.NDArray[np.uint8]:
        """Qualifier of each fact as a code into QUALIFIERS (uint8 view)."""
    @property
    def unit_codes(self) -> npt.NDArray[np.uint8]:
        """Unit of each fact as a code into UNITS (uint8 view)."""
    @property
    def memory_bytes(self) -> int:
        """Bytes the table holds, columns and string pool together."""

def set_data_dir(directory: _Path) -> None:
    """Read the data tables (vocabulary, lexicon, gazetteer) from this folder. Call before first use."""

def data_dir() -> pathlib.Path:
    """The folder the data tables are read from."""

def metrics() -> list[dict[str, Any]]:
    """The metric vocabulary as a list of dicts (name, description, units, nests_in)."""

def standard_pairs() -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """The standard (ratios, proportions) of the report as (numerator, denominator, name) tuples."""

def bounds(value: float, qualifier: str) -> tuple[float, float, bool, bool, bool]:
    """(lower, upper, lower_inclusive, upper_inclusive, approximate) for a figure stated with a qualifier."""

# ---- statistics ---------------------------------------------------------------------------
class Interval:
    """A confidence interval [lower, upper] at a level."""

    @property
    def lower(self) -> float: ...
    @property
    def upper(self) -> float: ...
    @property
    def level(self) -> float: ...
    def to_dict(self) -> dict[str, float]: ...
    def __iter__(self) -> Iterator[float]: ...

class ProportionEstimate:
    """successes / trials with a confidence interval."""

    @property
    def successes(self) -> int: ...
    @property
    def trials(self) -> int: ...
    @property
    def value(self) -> float: ...
    @property
    def interval(self) -> Interval: ...
    @property
    def method(self) -> str:
        """wilson, clopper-pearson or jeffreys."""
    def to_dict(self) -> dict[str, Any]: ...

class RateRatioEstimate:
    """A ratio of two counts with an exact conditional interval."""

    @property
    def count1(self) -> int: ...
    @property
    def exposure1(self) -> float: ...
    @property
    def count2(self) -> int: ...
    @property
    def exposure2(self) -> float: ...
    @property
    def value(self) -> float: ...
    @property
    def interval(self) -> Interval: ...
    def to_dict(self) -> dict[str, Any]: ...

class RatioEstimate:
    """A ratio of two stated figures and the kind of bound it is."""

    @property
    def value(self) -> float: ...
    @property
    def defined(self) -> bool:
        """False when the denominator is zero; ``reason`` then says why."""
    @property
    def reason(self) -> str: ...
    @property
    def bound(self) -> str:
        """exact, lower, upper, approximate or unknown."""
    @property
    def lower(self) -> float: ...
    @property
    def upper(self) -> float: ...
    @property
    def numerator(self) -> tuple[float, str]:
        """(value, qualifier)."""
    @property
    def denominator(self) -> tuple[float, str]:
        """(value, qualifier)."""
    def to_dict(self) -> dict[str, Any]: ...

def proportion(successes: int, trials: int, level: float = 0.95, method: str = "wilson") -> ProportionEstimate:
    """successes / trials with a Wilson, Clopper-Pearson or Jeffreys interval; raises ValueError
    when successes exceed trials, trials is 0 or the level is outside (0, 1)."""

def rate_ratio(count1: int, exposure1: float, count2: int, exposure2: float, level: float = 0.95) -> RateRatioEstimate:
    """(count1/exposure1) / (count2/exposure2) with the exact conditional (binomial) interval."""

def ratio(numerator: float, numerator_qualifier: str, denominator: float, denominator_qualifier: str) -> RatioEstimate:
    """numerator / denominator and the bound the ratio is, given each figure's qualifier."""

def describe(values: _Floats) -> dict[str, float]:
    """count, sum, mean, median, std, min, max of the values."""

def quantile(values: _Floats, q: float) -> float:
    """numpy's default (linear) quantile."""

class Summary:
    """A mergeable summary of figures: exact count, sum, mean, std, min, max and quantiles,
    identical whether built in one pass or merged from parts."""

    __hash__: None  # type: ignore[assignment]
    def __init__(self, unit: Optional[str] = None) -> None: ...
    def add(self, values: _Floats) -> None: ...
    def merge(self, other: Summary) -> None:
        """Add another summary's figures; raises ValueError when the units differ."""
    @property
    def count(self) -> int: ...
    @property
    def unit(self) -> Optional[str]: ...
    def quantile(self, q: float) -> float: ...
    def describe(self) -> dict[str, float]: ...
    def serialize(self) -> bytes:
        """The state as versioned bytes."""
    @staticmethod
    def deserialize(data: bytes) -> Summary:
        """Rebuild from serialize()'s bytes; raises ValueError on corrupt or truncated input."""
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> Summary: ...
    def __eq__(self, other: object) -> bool: ...
    def __len__(self) -> int: ...
    def __getstate__(self) -> bytes: ...
    def __setstate__(self, state: bytes) -> None: ...

class RatioSummary:
    """A mergeable pooled ratio across operations: sum of numerators over sum of
    denominators, beside the mean of the per-operation ratios."""

    __hash__: None  # type: ignore[assignment]
    def __init__(self) -> None: ...
    def add(self, numerator: float, denominator: float) -> None: ...
    def merge(self, other: RatioSummary) -> None: ...
    @property
    def count(self) -> int: ...
    @property
    def pooled_ratio(self) -> float: ...
    @property
    def mean_ratio(self) -> float: ...
    @property
    def numerator_sum(self) -> float: ...
    @property
    def denominator_sum(self) -> float: ...
    def serialize(self) -> bytes: ...
    @staticmethod
    def deserialize(data: bytes) -> RatioSummary: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> RatioSummary: ...
    def __eq__(self, other: object) -> bool: ...
    def __len__(self) -> int: ...
    def __getstate__(self) -> bytes: ...
    def __setstate__(self, state: bytes) -> None: ...

def summarise_by(table: FactTable, by: str, metric: str = "") -> list[tuple[str, Summary]]:
    """[(key, Summary)] sorted by key; ``by`` is operation, metric, scope, year or doc."""

def aggregate_summaries(table: FactTable, by: str, metric: str = "", scope: str = "") -> list[tuple[str, Summary]]:
    """One pass over the table: [(key, Summary)] sorted by key, with an optional scope restriction."""

def aggregate_ratios(table: FactTable, numerator: str, denominator: str, by: str = "operation",
                     scope: str = "") -> list[tuple[str, Summary, Summary]]:
    """One pass over the facts of two metrics: [(key, numerator Summary, denominator Summary)] sorted by key."""

def merge_ratio_states(a: Sequence[tuple[str, Summary, Summary]],
                       b: Sequence[tuple[str, Summary, Summary]]) -> list[tuple[str, Summary, Summary]]:
    """Merge two sorted ratio states group by group; the result is sorted."""

def ratio_columns(groups: Sequence[tuple[str, Summary, Summary]], level: float = 0.95,
                  method: str = "wilson") -> dict[str, Any]:
    """Columns (key, numerator, denominator, numerator_facts, denominator_facts, ratio, lower, upper)
    of a ratio state; lower and upper are NaN where the ratio is not a proportion of whole counts."""

def ratio_table(table: FactTable, numerator: str, denominator: str, by: str = "operation", scope: str = "",
                level: float = 0.95, method: str = "wilson") -> dict[str, Any]:
    """ratio_columns(aggregate_ratios(...)) in one pass without building the Summaries."""

def _table_memory(table: FactTable) -> dict[str, int]:
    """Bytes a FactTable holds: in all, and in its string pool (for the benchmarks)."""

# ---- extraction ---------------------------------------------------------------------------
class Lexicon:
    """The cue words, qualifier phrases, gazetteer and name lists the extractor reads, all
    from data files. Extend it with your own file of the same format; no recompiling."""

    @staticmethod
    def load(directory: _Path, extra_files: Sequence[_Path] = ...) -> Lexicon:
        """Load lexicon.json, gazetteer.json and names.json from a folder, then each extra file on
        top; raises InputError naming a file that cannot be read or an unknown metric."""
    @staticmethod
    def standard() -> Lexicon:
        """The lexicon of optally's own data folder."""
    def merge(self, other: Lexicon) -> None:
        """Add another lexicon's entries to this one."""

def extract_text(text: str, doc: str = "text", keep_names: bool = False,
                 lexicon: Optional[Lexicon] = None) -> FactTable:
    """The facts one text (plain or HTML) states, with the byte offsets of their evidence."""

def extract_files(files: Sequence[_Path], threads: int = 0, keep_names: bool = False,
                  progress: Optional[Callable[[int], None]] = None,
                  lexicon: Optional[Lexicon] = None) -> tuple[FactTable, list[tuple[str, str]]]:
    """The facts of many files on ``threads`` workers (0: one per core), and the (path, reason)
    of each file skipped."""

# ---- resolution ---------------------------------------------------------------------------
def resolve(table: FactTable, policy: str = "latest", options_json: str = "",
            names: Sequence[tuple[str, str, int]] = ...) -> dict[str, Any]:
    """Resolve facts into operations. Returns {'policy', 'operations': [dict...], 'json': str}."""

def normalise_name(name: str) -> str:
    """An operation name folded for comparison: no "Operation", case, accents or punctuation."""

def name_similarity(a: str, b: str) -> float:
    """Similarity of two operation names in [0, 1], tolerant of misspellings."""
