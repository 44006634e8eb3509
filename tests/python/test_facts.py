import json
import math

import numpy as np
import pandas as pd
import pytest

import optally


def write(path, lines):
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def fact_line(**fields):
    base = {"doc": "d1", "metric": "arrests", "value": 12}
    base.update(fields)
    return json.dumps(base)


def test_round_trip_through_jsonl_and_csv(tmp_path):
    table = optally.FactTable.from_records([
        {"doc": "a", "metric": "arrests", "value": 76, "operation": "Kestrel", "evidence": "76 were held, \"so far\""},
        {"doc": "a", "metric": "search_warrants", "value": 141, "qualifier": "more_than", "scope": "Kent"},
        {"doc": "b", "metric": "sentence", "value": 2.5, "unit": "years"},
    ])
    table.write_jsonl(tmp_path / "f.jsonl")
    table.write_csv(tmp_path / "f.csv")
    for back in (optally.FactTable.read(tmp_path / "f.jsonl"), optally.FactTable.read(tmp_path / "f.csv")):
        assert back.to_records() == table.to_records()


def test_values_are_a_zero_copy_view_that_keeps_the_table_alive():
    table = optally.FactTable.from_records([{"doc": "a", "metric": "arrests", "value": v} for v in (3, 5, 8)])
    values = table.values
    assert values.dtype == np.float64
    assert not values.flags.writeable
    assert values.base is not None  # a view, not an owned copy
    del table
    assert values.tolist() == [3.0, 5.0, 8.0]


def test_to_pandas_has_the_contract_columns():
    frame = optally.sample().to_pandas()
    for column in ("doc", "metric", "value", "unit", "qualifier", "scope", "operation", "start", "end", "evidence"):
        assert column in frame.columns
    assert isinstance(frame, pd.DataFrame)
    # 141 warrants appear in two reports of Tharsley, each stated as "more than"
    warrants = frame[(frame.metric == "search_warrants") & (frame.scope == "total")]
    assert sorted(warrants.value) == [141.0, 141.0]
    assert set(warrants.qualifier) == {"more_than"}


@pytest.mark.parametrize("line, field", [
    (fact_line(metric="victims"), "metric"),
    (fact_line(value="twelve"), "value"),
    (fact_line(value=-5), "value"),
    (json.dumps({"doc": "d", "value": 3}), "metric"),
    (fact_line(qualifier="roughly"), "qualifier"),
    (fact_line(metric="sentence"), "unit"),
])
def test_bad_records_name_file_line_and_field(tmp_path, line, field):
    path = write(tmp_path / "facts.jsonl", [fact_line(), line, fact_line()])
    with pytest.raises(optally.InputError) as raised:
        optally.FactTable.read_jsonl(path)
    error = raised.value
    assert isinstance(error, ValueError)
    assert error.line == 2
    assert error.field == field
    assert str(path) in str(error)


def test_non_finite_values_are_refused(tmp_path):
    path = tmp_path / "f.jsonl"
    path.write_text('{"doc":"d","metric":"arrests","value":NaN}\n')
    with pytest.raises(optally.InputError):
        optally.FactTable.read_jsonl(path)
    with pytest.raises(optally.InputError, match="value"):
        optally.FactTable.from_records([{"doc": "d", "metric": "arrests", "value": math.inf}])


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(optally.InputError, match="no such file"):
        optally.FactTable.read_jsonl(tmp_path / "absent.jsonl")
    with pytest.raises(optally.InputError, match="directory"):
        optally.FactTable.read_jsonl(tmp_path)


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path, monkeypatch):
    path = tmp_path / "out.jsonl"
    path.write_text("previous\n")
    table = optally.sample()

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("os.fsync", fail)
    with pytest.raises(OSError):
        table.write_jsonl(path)
    assert path.read_text() == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_bounds_follow_the_contract():
    assert optally._core.bounds(141, "more_than") == (141, math.inf, False, False, False)
    assert optally._core.bounds(12, "up_to") == (0, 12, True, True, False)
    assert optally._core.bounds(80, "about")[4] is True
