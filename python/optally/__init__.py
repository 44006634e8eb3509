"""optally: figures from reports of operations against online child sexual abuse.

Extract facts from articles and press releases (with the evidence for every number),
reconcile them into operations, and compute the ratios and proportions analysts ask for,
with bounds and confidence intervals.
"""

from __future__ import annotations

from importlib import resources as _resources

from . import _core

_core.set_data_dir(str(_resources.files(__name__) / "data"))

from ._core import InputError, QUALIFIERS, metrics  # noqa: E402
from ._table import FactTable  # noqa: E402

__version__ = "0.1.0"

__all__ = ["FactTable", "InputError", "QUALIFIERS", "metrics", "sample", "data_dir"]


def data_dir():
    """The folder holding the vocabulary, lexicon, gazetteer and the embedded sample."""
    return _resources.files(__name__) / "data"


def sample() -> FactTable:
    """The embedded sample: curated figures of operations Tharsley, Notarise and Lexus."""
    return FactTable.read_jsonl(str(data_dir() / "sample" / "facts.jsonl"))
