"""What an analyst sees: rich HTML reprs in notebooks, short text reprs, docstrings on the
public API, and type stubs for the compiled core that name everything it has."""

import ast
import inspect
import pydoc
from html.parser import HTMLParser
from pathlib import Path

import pytest

import optally
from optally import _core, plots

STUB = Path(optally.__file__).with_name("_core.pyi")

TEXT_WITH_A_NAME = ("Published 2 March 2024\n\nOperation Sandpiper, an invented operation, led to 12 arrests. "
                    "Jonathan Invented, 40, was jailed for 3 years.")


@pytest.fixture(scope="module")
def corpus():
    return optally.Corpus.from_facts(optally.sample())


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def tags(markup: str) -> list:
    parser = _Tags()
    parser.feed(markup)
    return parser.tags


# ---- rich reprs ---------------------------------------------------------------------------
def test_fact_table_shows_a_table(corpus):
    markup = corpus.facts._repr_html_()
    assert "table" in tags(markup)
    assert "search_warrants" in markup and "more_than" in markup


def test_corpus_shows_its_operations_side_by_side(corpus):
    markup = corpus._repr_html_()
    assert "table" in tags(markup)
    for name in ("Tharsley", "Notarise", "Lexus"):
        assert name in markup
    assert "more than 141" in markup  # figures appear as stated, with their qualifier


def test_an_operation_shows_its_figures_with_evidence(corpus):
    operation = corpus.operation("Operation Tharsley")
    assert isinstance(operation, dict)  # still a dict for code that indexes it
    assert operation["name"] == "Tharsley"
    markup = operation._repr_html_()
    assert "table" in tags(markup)
    assert "more than 141" in markup and "evidence" in markup and "000_e6cb0e20496b3dfc" in markup
    assert repr(operation).startswith("<Operation Tharsley")


def test_results_show_as_tables(corpus):
    results = [optally.ratio(corpus, "search_warrants", "arrests", operation="Tharsley"),
               optally.proportion(corpus, "registered_offenders", "arrests", operation="Notarise")]
    for result in results:
        assert "table" in tags(result._repr_html_())
    assert "lower" in results[0]._repr_html_()
    assert "0.0435" in results[1]._repr_html_()


def test_report_shows_tables_without_plots(corpus):
    markup = corpus.report()._repr_html_()
    assert tags(markup).count("table") >= 4
    assert "<svg" not in markup  # plots belong in the page, not in every notebook repr


@pytest.mark.parametrize("make", [
    lambda c: c.facts, lambda c: c, lambda c: c.operation("Notarise"), lambda c: c.report(),
    lambda c: optally.ratio(c, "children_safeguarded", "arrests", operation="Notarise"),
    lambda c: optally.proportion(c, "children_at_risk", "children_safeguarded", operation="Notarise"),
], ids=["FactTable", "Corpus", "Operation", "Report", "RatioResult", "ProportionResult"])
def test_text_repr_is_one_short_line(corpus, make):
    text = repr(make(corpus))
    assert "\n" not in text and len(text) < 300, text


def test_reprs_escape_html():
    table = optally.FactTable.from_records([{"doc": "<script>alert(1)</script>", "metric": "arrests", "value": 3,
                                             "operation": "<b>Bold</b>", "evidence": "3 <i>arrested</i>"}])
    corpus = optally.Corpus.from_facts(table)
    for markup in (table._repr_html_(), corpus._repr_html_(), corpus._operations[0]._repr_html_(),
                   corpus.report().to_html()):
        assert "<script>" not in markup and "<b>Bold" not in markup and "<i>arrested" not in markup


def test_reprs_show_no_personal_names():
    table = optally.extract(TEXT_WITH_A_NAME, doc="sandpiper")
    corpus = optally.Corpus.from_facts(table)
    shown = [table._repr_html_(), corpus._repr_html_(), corpus.operation("Sandpiper")._repr_html_(),
             corpus.report()._repr_html_(), corpus.report().to_html()]
    assert any("[name]" in markup for markup in shown)
    for markup in shown:
        assert "Jonathan" not in markup and "Invented," not in markup


# ---- stubs ------------------------------------------------------------------------------------
def _stub_tree():
    return ast.parse(STUB.read_text(encoding="utf-8"))


def _stub_names() -> set:
    names = set()
    for node in _stub_tree().body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def _runtime_names() -> set:
    return {n for n in dir(_core) if not n.startswith("__")}


def test_stub_is_shipped_with_py_typed():
    assert STUB.is_file(), f"{STUB} is not installed with the package"
    assert STUB.with_name("py.typed").is_file()


def test_every_public_name_of_the_core_is_in_the_stub():
    missing = {n for n in _runtime_names() if not n.startswith("_")} - _stub_names()
    assert not missing, f"add to python/optally/_core.pyi: {', '.join(sorted(missing))}"


def test_the_stub_names_nothing_the_core_lacks():
    type_aliases = {"_Path", "_Floats"}
    stale = _stub_names() - _runtime_names() - type_aliases
    assert not stale, f"python/optally/_core.pyi names what optally._core does not have: {', '.join(sorted(stale))}"


def test_every_public_member_of_each_core_class_is_in_the_stub():
    classes = {node.name: node for node in _stub_tree().body if isinstance(node, ast.ClassDef)}
    for name, node in classes.items():
        runtime = getattr(_core, name)
        if not inspect.isclass(runtime) or issubclass(runtime, Exception):
            continue
        members = {n for n in vars(runtime) if not n.startswith("_")}
        stubbed = {item.name for item in node.body if isinstance(item, ast.FunctionDef)}
        stubbed |= {item.target.id for item in node.body if isinstance(item, ast.AnnAssign)}
        missing = members - stubbed
        assert not missing, f"_core.pyi: class {name} lacks {', '.join(sorted(missing))}"


# ---- docstrings and help() --------------------------------------------------------------
def _public_callables():
    for name in optally.__all__:
        obj = getattr(optally, name)
        if isinstance(obj, tuple):
            continue  # QUALIFIERS: data, documented in the stub
        yield name, obj
        if inspect.isclass(obj) and obj.__module__.startswith("optally") and not issubclass(obj, Exception):
            for member, value in vars(obj).items():
                if member.startswith("_"):
                    continue
                function = value.__func__ if isinstance(value, (classmethod, staticmethod)) else value
                function = function.fget if isinstance(function, property) else function
                if callable(function):
                    yield f"{name}.{member}", function
    for name in plots.__all__:
        yield f"plots.{name}", getattr(plots, name)


def test_every_public_function_has_a_docstring():
    undocumented = [name for name, obj in _public_callables() if not (inspect.getdoc(obj) or "").strip()]
    assert not undocumented, f"write docstrings for: {', '.join(undocumented)}"


def test_help_is_useful():
    text = pydoc.render_doc(optally, renderer=pydoc.plaintext)
    for word in ("Corpus", "FactTable", "extract", "proportion", "ratio", "sample"):
        assert word in text
    assert "figures from reports" in text.lower()
