"""The Python API: dateline.open, store.events/timeline/dyad as Arrow tables, dateline.extract."""
from __future__ import annotations

import pyarrow as pa
import pytest

import dateline
from dateline import pyapi
from dateline.errors import DatelineError
from dateline.server.synthetic import write_synthetic_store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("pyapi") / "store"
    write_synthetic_store(path, 1000)
    return dateline.open(path)


def test_events_are_arrow_and_pandas(store):
    table = store.events(actor="USA", limit=None)
    assert isinstance(table, pa.Table) and table.num_rows > 0
    df = table.to_pandas()
    assert df["actor_codes"].map(lambda codes: "USA" in list(codes)).all()


def test_event_timeline_is_oldest_first_and_bucketed(store):
    t = pyapi.event_timeline(store, actor="CHN", interval="month", limit=None)
    assert isinstance(t, pa.Table)
    df = t.to_pandas()
    assert list(df["date"]) == sorted(df["date"])
    assert (df["period"] == df["date"].str[:7]).all()
    assert t.num_rows == store.events(actor="CHN", limit=None).num_rows
    small = pyapi.event_timeline(store, actor="CHN", quad=4, date_from="2024-01", date_to="2024-06",
                                 limit=None).to_pandas()
    assert (small["quad_code"] == 4).all() and small["date"].between("2024-01", "2024-06-31").all()


PAIR = ("((list_contains(actor_codes,'USA') AND list_contains(recipient_codes,'CHN')) OR "
        " (list_contains(actor_codes,'CHN') AND list_contains(recipient_codes,'USA')))")


def test_event_dyad_counts_match_a_plain_query(store):
    df = pyapi.event_dyad(store, "USA", "CHN", interval="year").to_pandas()
    assert set(df.columns) == {"period", "direction", "quad_code", "events", "intensity"}
    assert set(df["direction"]) <= {"a->b", "b->a"}
    plain = store.sql(f"SELECT count(*) AS n FROM events WHERE status IN "
                      f"('occurred','ongoing','planned') AND {PAIR}").to_pylist()[0]["n"]
    assert df["events"].sum() == plain
    one_way = pyapi.event_dyad(store, "USA", "CHN", interval="year", both=False).to_pandas()
    assert set(one_way["direction"]) <= {"a->b"} and one_way["events"].sum() <= plain
    everything = pyapi.event_dyad(store, "usa", "chn", interval="year", status=None).to_pandas()
    assert everything["events"].sum() >= plain


def test_timeline_and_dyad_of_happenings_are_arrow(store):
    t = pyapi.timeline(store, actor="USA", recipient="CHN")
    assert isinstance(t, pa.Table) and t.num_rows >= 1
    df = t.to_pandas()
    assert {"cluster_id", "date", "event", "evidence", "outlets", "mentions"} <= set(df.columns)
    d = pyapi.dyad(store, "USA", "CHN", by="year")
    assert isinstance(d, pa.Table)
    ddf = d.to_pandas()
    assert set(ddf["direction"]) <= {"USA->CHN", "CHN->USA"}
    assert (ddf[["verbal_coop", "material_coop", "verbal_conflict", "material_conflict"]].sum(axis=1)
            == ddf["events"]).all()


def test_store_methods_return_arrow(store):
    """Issue 6: store.timeline(...) / store.dyad(...) return Arrow tables (via dateline.pyapi)."""
    assert isinstance(store.timeline(actor="USA", limit=5), pa.Table)
    assert isinstance(store.dyad("USA", "CHN"), pa.Table)


def test_bad_arguments_are_one_line_errors(store):
    with pytest.raises(DatelineError, match="interval"):
        pyapi.event_dyad(store, "USA", "CHN", interval="fortnight")
    with pytest.raises(DatelineError, match="actor code"):
        pyapi.event_dyad(store, "USA; DROP TABLE", "CHN")
    with pytest.raises(DatelineError, match="quad"):
        pyapi.event_timeline(store, quad=9)
    with pytest.raises(DatelineError):
        pyapi.dyad(store, "USA", "CHN", by="fortnight")


def test_extract_one_text(nlp):
    extract = getattr(dateline, "extract", pyapi.extract)
    records = extract(
        "Germany and France signed a trade agreement in Berlin on Monday, officials said.",
        published="2024-04-10")
    assert isinstance(records, list) and records
    r = records[0]
    assert {"event", "actor", "recipient", "date", "event_text", "article"} <= set(r)
    assert r["article"]["published"] == "2024-04-10"
    with pytest.raises(DatelineError):
        extract("   ")
