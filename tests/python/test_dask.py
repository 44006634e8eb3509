"""optally.dask on a LocalCluster of two worker processes: statistics computed per partition
and merged equal the statistics of the whole corpus computed in one process."""

import math

import pytest

pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")

import dask.bag as db  # noqa: E402

import optally  # noqa: E402
from optally import _core  # noqa: E402
from optally import dask as odask  # noqa: E402
from optally._aggregate import aggregate  # noqa: E402
from test_aggregate import generated_records  # noqa: E402

SETTINGS = dict(by="operation", ratios="standard")


@pytest.fixture(scope="module")
def client():
    # Two processes, so states really are pickled between workers and the client.
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster) as client:
        yield client


@pytest.fixture(scope="module")
def records():
    return generated_records(3000, seed=7)


@pytest.fixture(scope="module")
def fact_files(tmp_path_factory, records):
    folder = tmp_path_factory.mktemp("facts")
    size = 430  # uneven files, so partitions differ in size
    for number, start in enumerate(range(0, len(records), size)):
        optally.FactTable.from_records(records[start:start + size]).write_jsonl(folder / f"part-{number:02d}.jsonl")
    return folder


@pytest.fixture(scope="module")
def whole(records):
    return optally.FactTable.from_records(records)


def check_equals_single_process(result, records, whole):
    # Independently of optally.aggregate: the core's plain group-by over the whole table ...
    assert result.summaries == dict(_core.summarise_by(whole, "operation", ""))
    # ... and the ratio totals summed the obvious way.
    totals = {}
    for r in records:
        if r["scope"] == "total" and r["metric"] in ("registered_offenders", "arrests"):
            side = totals.setdefault(r["operation"] or "", [[], []])
            side[r["metric"] == "arrests"].append(r["value"])
    frame = result.ratio("registered_offenders", "arrests")
    assert list(frame.index) == sorted(totals)
    for op, (num, den) in totals.items():
        assert (frame.loc[op, "numerator"], frame.loc[op, "denominator"]) == (math.fsum(num), math.fsum(den))
    # and the single-process aggregate, exactly
    assert result == aggregate(whole, **SETTINGS)


def test_summarise_fact_files_on_the_cluster(client, fact_files, records, whole):
    result = odask.summarise(fact_files, files_per_partition=2, split_every=2, **SETTINGS)
    check_equals_single_process(result, records, whole)


def test_summarise_a_bag_of_fact_dicts(client, records, whole):
    bag = db.from_sequence(records, npartitions=9)
    check_equals_single_process(odask.summarise(bag, **SETTINGS), records, whole)


def test_extract_bag_yields_the_facts(client, fact_files, records):
    bag = odask.extract_bag(fact_files, files_per_partition=3)
    assert bag.npartitions == 3
    got = bag.compute()
    assert got == optally.FactTable.from_records(records).to_records()
    check_equals_single_process(odask.summarise(bag, **SETTINGS), records, optally.FactTable.from_records(records))


def test_summarise_a_dask_dataframe(client, fact_files, records, whole):
    pytest.importorskip("dask.dataframe")
    frame = odask.extract_dataframe(fact_files, files_per_partition=2)
    assert list(frame.columns) == list(odask.FRAME_DTYPES)
    assert len(frame) == len(records)
    check_equals_single_process(odask.summarise(frame, **SETTINGS), records, whole)


def test_summarise_is_lazy_on_request_and_handles_nothing(client, tmp_path):
    delayed = odask.summarise(db.from_sequence([], npartitions=1), compute=False, ratios="standard")
    result = delayed.compute()
    assert result.summaries == {} and all(state == [] for state in result.ratio_states.values())


@pytest.mark.skipif(not hasattr(optally, "extract_files"), reason="extraction is not in this build yet")
def test_extract_bag_from_articles_equals_extract_files(client, tmp_path):
    texts = {
        "a.txt": "Operation Kestrel: police arrested 76 people and executed more than 141 search warrants.",
        "b.txt": "Officers safeguarded 80 children during Operation Tharsley, in which 42 police forces took part.",
        "c.txt": "Operation Notarise led to 660 arrests; 39 were registered sex offenders.",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    paths = sorted(str(tmp_path / name) for name in texts)
    expected = optally.extract_files(paths, threads=1)
    bag = odask.extract_bag(paths, files_per_partition=1)
    assert bag.compute() == optally.FactTable._adopt(expected).to_records()
    assert odask.summarise(paths, files_per_partition=1) == aggregate(expected)
