"""optally: figures from reports of operations against online child sexual abuse.

Extract facts from articles and press releases (with the evidence for every number),
reconcile them into operations, and compute the ratios and proportions analysts ask for,
with bounds and confidence intervals.

    >>> import optally
    >>> corpus = optally.Corpus.from_facts(optally.sample())
    >>> optally.proportion(corpus, "registered_offenders", "arrests", operation="Notarise")
"""

from __future__ import annotations

from importlib import resources as _resources

from . import _core

_core.set_data_dir(str(_resources.files(__name__) / "data"))

from ._core import InputError, Interval, Lexicon, ProportionEstimate, QUALIFIERS, RateRatioEstimate  # noqa: E402
from ._core import RatioEstimate, RatioSummary, Summary, metrics, rate_ratio  # noqa: E402
from ._aggregate import Aggregate, aggregate, ratio_table  # noqa: E402
from ._corpus import Corpus  # noqa: E402
from ._extract import extract, extract_files, load_lexicon  # noqa: E402
from ._report import Report  # noqa: E402
from ._stats import NotNestedError, ProportionResult, RatioResult, describe, proportion, quantile, ratio  # noqa: E402
from ._table import FactTable  # noqa: E402

__version__ = "0.1.0"

InputError.__module__ = __name__

__all__ = [
    "Aggregate", "aggregate", "ratio_table", "Corpus", "FactTable", "InputError", "Interval", "Lexicon", "NotNestedError", "ProportionEstimate",
    "ProportionResult", "QUALIFIERS", "RateRatioEstimate", "RatioEstimate", "RatioResult", "RatioSummary", "Report",
    "Summary", "data_dir", "describe", "extract", "extract_files", "load_lexicon", "metrics", "proportion", "quantile",
    "rate_ratio", "ratio", "sample",
]


def data_dir():
    """The folder holding the vocabulary, lexicon, gazetteer and the embedded sample."""
    return _resources.files(__name__) / "data"


def sample() -> FactTable:
    """The embedded sample: curated figures of operations Tharsley, Notarise and Lexus, each
    fact naming the seed report it comes from."""
    return FactTable.read_jsonl(str(data_dir() / "sample" / "facts.jsonl"))
