"""Corpus: resolution through the Python API, with fact sets written for these tests."""

import json

import pytest

import optally


def facts(*rows):
    records = []
    for doc, metric, value, extra in rows:
        records.append({"doc": doc, "metric": metric, "value": value, **extra})
    return optally.FactTable.from_records(records)


@pytest.fixture
def conflicting():
    # Two reports of one operation: the later one raises the arrests and restates the forces loosely.
    return facts(
        ("early", "arrests", 76, {"operation": "Kestrel", "agency": "NCA", "date": "2019-03-01", "evidence": "76 held"}),
        ("early", "police_forces", 42, {"operation": "Kestrel", "agency": "NCA", "date": "2019-03-01"}),
        ("late", "arrests", 99, {"operation": "Kestrel", "agency": "NCA", "date": "2019-04-20", "evidence": "99 held"}),
        ("late", "police_forces", 40, {"operation": "Kestrel", "agency": "NCA", "date": "2019-04-20",
                                       "qualifier": "more_than"}),
        ("other", "arrests", 76, {"operation": "Kestrel", "agency": "NCA", "date": "2019-03-02"}),
    )


def test_bounds_intersect_and_conflicts_keep_every_value(conflicting):
    corpus = optally.Corpus.from_facts(conflicting, policy="latest")
    assert corpus.names == ["Kestrel"]
    forces = corpus._figure("Kestrel", "police_forces")
    assert forces["value"] == 42 and forces["qualifier"] == "exact"
    conflicts = corpus.conflicts
    assert len(conflicts) == 1
    row = conflicts.iloc[0]
    assert row["metric"] == "arrests"
    assert sorted(row["values"]) == [76, 76, 99]
    assert row["chosen"] == 99  # the latest report


@pytest.mark.parametrize("policy, chosen", [("latest", 99), ("max", 99), ("min", 76), ("most_reported", 76)])
def test_each_policy_chooses_as_documented(conflicting, policy, chosen):
    corpus = optally.Corpus.from_facts(conflicting, policy=policy)
    assert corpus._figure("Kestrel", "arrests")["value"] == chosen
    assert corpus.conflicts.iloc[0]["policy"] == policy


def test_unknown_policy_is_refused(conflicting):
    with pytest.raises(ValueError, match="most_reported"):
        optally.Corpus.from_facts(conflicting, policy="newest")


def test_misspelt_names_are_one_operation_and_lookup_accepts_either():
    table = facts(
        ("a", "arrests", 120, {"operation": "Blackwater", "agency": "NCA"}),
        ("b", "arrests", 120, {"operation": "Blackwatter", "agency": "NCA"}),
        ("c", "arrests", 120, {"operation": "Blackwater", "agency": "NCA"}),
    )
    corpus = optally.Corpus.from_facts(table)
    assert corpus.names == ["Blackwater"]
    assert corpus.operation("Operation Blackwatter")["aliases"] == ["Blackwatter"]
    assert corpus.canonical_name("blackwater") == "Blackwater"


def test_sources_and_breakdown_tables():
    table = facts(
        ("a", "arrests", 50, {"operation": "Larch", "evidence": "Fifty were arrested."}),
        ("a", "arrests", 20, {"operation": "Larch", "scope": "Kent"}),
        ("a", "arrests", 10, {"operation": "Larch", "scope": "Essex"}),
        ("b", "arrests", 50, {"operation": "Larch", "evidence": "50 arrests were made."}),
    )
    corpus = optally.Corpus.from_facts(table)
    sources = corpus.sources("Larch", "arrests")
    assert sorted(sources["doc"]) == ["a", "b"]
    assert "Fifty were arrested." in list(sources["evidence"])
    breakdown = corpus.breakdown("Larch", "arrests").set_index("scope")
    assert breakdown.loc["Kent", "share_of_total"] == pytest.approx(0.4)
    assert breakdown.loc["Essex", "value"] == 10


def test_a_breakdown_larger_than_the_total_is_flagged():
    table = facts(
        ("a", "arrests", 30, {"operation": "Rowan"}),
        ("a", "arrests", 25, {"operation": "Rowan", "scope": "Kent"}),
        ("a", "arrests", 15, {"operation": "Rowan", "scope": "Essex"}),
    )
    op = optally.Corpus.from_facts(table).operation("Rowan")
    assert op["flags"], "a breakdown summing to 40 over a total of 30 must be flagged"


def test_operations_frame_has_bound_columns():
    frame = optally.Corpus.from_facts(optally.sample()).operations
    assert frame.loc["Tharsley", "search_warrants"] == 141
    assert frame.loc["Tharsley", "search_warrants_upper"] == float("inf")
    assert frame.loc["Notarise", "arrests_lower"] == frame.loc["Notarise", "arrests_upper"] == 660


def test_json_has_the_shape_of_the_expected_operations(shared_dir):
    expected = json.loads((shared_dir / "corpus" / "expected" / "operations.json").read_text())
    got = optally.Corpus.from_facts(optally.sample()).to_json()
    by_name = {op["name"]: op for op in got["operations"]}
    for want in expected["operations"]:
        op = by_name[want["name"]]
        assert op["aliases"] == want["aliases"]
        assert op["lead_agency"] == want["lead_agency"]
        assert sorted(op["mentions"]) == sorted(want["mentions"])
        for metric, figure in want["figures"].items():
            assert op["figures"][metric]["value"] == figure["value"], (want["name"], metric)
            assert op["figures"][metric]["qualifier"] == figure["qualifier"], (want["name"], metric)
            assert op["figures"][metric].get("unit") == figure.get("unit")
        assert op.get("breakdown", {}) == want.get("breakdown", {})
        assert sorted(op.get("sentences_years", [])) == sorted(want.get("sentences_years", []))
