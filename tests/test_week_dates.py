"""Events dated by an ISO week ("last week") keep the week, and every reader of event dates
handles it: filters, sorting, per-period counts, exports, cross-article merging, stats.

Real spaCy, real DuckDB: the articles go through the ingest job into a store on disk.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pandas as pd
import pytest
from helpers import events_of

from dateline import pyapi
from dateline.export.gdelt import GDELT_COLUMNS, GDELT_DTYPES, write_gdelt
from dateline.export.plover import event_records
from dateline.export.polecat import POLECAT_DTYPES, write_polecat
from dateline.job import add_articles
from dateline.model import Article
from dateline.store.read import Store
from dateline.stories.dedup import date_interval

#: a Wednesday; "last week" is 2019-W43, Monday 21 to Sunday 27 October
WEDNESDAY = "2019-10-30"
LAST_WEEK = "2019-W43"

ARTICLES = [
    # the resignation, dated only by the week
    Article(id="week0resign00001", source="peru.txt", url="https://lima.example/resign",
            body="Last week, the Peruvian interior minister resigned.", published=WEDNESDAY,
            language="en"),
    # one happening told by two outlets: by the week, and by its day (Tuesday 22 October)
    Article(id="week0expel000002", source="a.txt", url="https://outlet-a.example/expel",
            body="Last week, Russia expelled two Estonian diplomats, the foreign ministry in "
                 "Tallinn said on Wednesday.", published=WEDNESDAY, language="en"),
    Article(id="week0expel000003", source="b.txt", url="https://outlet-b.example/expel",
            body="Russia expelled two Estonian diplomats on Tuesday, the foreign ministry in "
                 "Tallinn said.", published="2019-10-23", language="en"),
]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("weeks") / "store"
    summary = add_articles(path, ARTICLES)
    assert not summary.failed and summary.ingested == len(ARTICLES)
    return path


@pytest.fixture(scope="module")
def store(store_path):
    return Store.open(store_path)


def _by_type(store, event_type):
    return store.events(type=event_type, limit=None).to_pylist()


def test_last_week_in_a_wednesday_article_is_the_previous_iso_week(store):
    assert dt.date.fromisoformat(WEDNESDAY).isocalendar()[:2] == (2019, 44)
    resigned = _by_type(store, "RETREAT")
    assert [(e["date"], e["date_precision"], e["date_text"]) for e in resigned] == \
        [(LAST_WEEK, "week", "Last week")]
    assert json.loads(resigned[0]["explain"])["date"]["value"] == LAST_WEEK


def test_a_date_range_holding_the_week_finds_it_one_apart_does_not(store):
    def found(**dates):
        return [e["date"] for e in store.events(type="RETREAT", limit=None, **dates).to_pylist()]

    assert found(date_from="2019-10-21", date_to="2019-10-27") == [LAST_WEEK]
    assert found(date_from="2019-10", date_to="2019-10") == [LAST_WEEK]
    assert found(date_from="2019-10-15", date_to="2019") == [LAST_WEEK]
    assert found(date_from="2019-10-28") == []            # the week after
    assert found(date_to="2019-10-20") == []              # the week before
    assert found(date_from="2019-11", date_to="2019-12") == []
    assert store.count_events(type="RETREAT", date_from="2019-10-21", date_to="2019-10-21") == 1


def test_the_http_api_and_the_python_api_filter_weeks_alike(store_path, store):
    from fastapi.testclient import TestClient

    from dateline.server.api import create_app

    client = TestClient(create_app(store_path))
    inside = client.get("/api/events", params={"type": "RETREAT", "from": "2019-10-21", "to": "2019-10-27"})
    outside = client.get("/api/events", params={"type": "RETREAT", "from": "2019-10-28", "to": "2019-11-03"})
    assert inside.status_code == outside.status_code == 200
    assert [e["date"] for e in inside.json()["events"]] == [LAST_WEEK]
    assert outside.json()["total"] == 0
    # any year the filters accept has first and last days, year 0 too
    assert client.get("/api/map", params={"to": "0000"}).status_code == 200
    assert client.get("/api/events", params={"from": "0000-02", "to": "0000"}).json()["total"] == 0
    timeline = pyapi.event_timeline(store, type="RETREAT", date_from="2019-10", date_to="2019-10",
                                    interval="month", limit=None).to_pylist()
    assert [(r["period"], r["date"]) for r in timeline] == [("2019-10", LAST_WEEK)]


def test_weeks_sort_by_their_monday(store):
    dated = [e["date"] for e in store.events(type="SANCTION,RETREAT", sort="date", limit=None).to_pylist()]
    assert dated == [LAST_WEEK, LAST_WEEK, "2019-10-22"]
    newest = [e["date"] for e in store.events(type="SANCTION,RETREAT", limit=None).to_pylist()]
    assert newest == ["2019-10-22", LAST_WEEK, LAST_WEEK]


def test_a_week_counts_in_its_month_and_year_not_as_a_day(store):
    by_month = pyapi.event_dyad(store, "RUS", "EST", interval="month").to_pylist()
    assert [(r["period"], r["events"]) for r in by_month] == [("2019-10", 2)]
    assert pyapi.event_dyad_imprecise(store, "RUS", "EST", interval="month") == 0
    by_day = pyapi.event_dyad(store, "RUS", "EST", interval="day").to_pylist()
    assert [(r["period"], r["events"]) for r in by_day] == [("2019-10-22", 1)]
    assert pyapi.event_dyad_imprecise(store, "RUS", "EST", interval="day") == 1


def test_sql_days_of_a_date_agree_with_date_interval(store):
    values = ["2019-W43", "2019-W44", "2020-W01", "2019-W01", "2015-W53", "2020-02", "2019-02",
              "2019", "2019-10-22"]
    rows = store.sql("SELECT v, date_first_day(v) AS first, date_last_day(v) AS last, "
                     "date_period(v, 7) AS month FROM (SELECT unnest(?) AS v)", [values]).to_pylist()
    for r in rows:
        first, last = date_interval(r["v"])
        assert (r["first"], r["last"]) == (first.isoformat(), last.isoformat()), r
        assert r["month"] == (r["first"][:7] if r["first"][:7] == r["last"][:7] else None), r
    assert {r["v"]: r["month"] for r in rows}["2019-W44"] is None      # 28 Oct to 3 Nov


def test_exports_write_the_week_in_each_format(store):
    week_ids = {e["id"] for e in store.events(limit=None).to_pylist() if e["date"] == LAST_WEEK}
    assert len(week_ids) == 2
    records = [r for r in event_records(store) if r["id"] in week_ids]
    assert {(r["date"], r["date_precision"]) for r in records} == {(LAST_WEEK, "week")}
    buf = io.StringIO()
    write_gdelt(store, buf)
    gdelt = pd.read_csv(io.StringIO(buf.getvalue()), sep="\t", header=None, names=GDELT_COLUMNS,
                        dtype=GDELT_DTYPES, quoting=csv.QUOTE_NONE)
    monday = gdelt[gdelt["SOURCEURL"].isin(["https://lima.example/resign", "https://outlet-a.example/expel"])]
    assert len(monday) == 2
    assert set(monday["SQLDATE"]) == {20191021} and set(monday["MonthYear"]) == {201910}
    assert set(monday["Year"]) == {2019}
    assert pd.to_datetime(monday["SQLDATE"].astype(str), format="%Y%m%d").dt.day_of_week.eq(0).all()
    buf = io.StringIO()
    write_polecat(store, buf)
    polecat = pd.read_csv(io.StringIO(buf.getvalue()), sep="\t", dtype=POLECAT_DTYPES)
    assert set(polecat[polecat["Event ID"].isin(week_ids)]["Event Date"]) == {LAST_WEEK}


def test_a_week_and_a_day_report_of_one_happening_are_one_cluster(store):
    expelled = _by_type(store, "SANCTION")
    assert sorted(e["date"] for e in expelled) == ["2019-10-22", LAST_WEEK]
    assert len({e["cluster_id"] for e in expelled}) == 1
    entries = store.timeline(actor="RUS", recipient="EST").to_pylist()
    assert [(e["date"], e["outlets"], e["mentions"]) for e in entries] == [("2019-10-22", 2, 2)]


def test_stats_count_week_dated_events(store):
    st = store.stats()
    assert st["event_date_precision"]["week"] == 2 and st["event_date_precision"]["day"] >= 1
    assert st["event_date_span"] == ["2019-10-21", "2019-10-27"]


# --------------------------------------------------------------------------------------
# dating on single texts (the full default pipeline, no store)
# --------------------------------------------------------------------------------------
def _dated(text, published):
    return [(e.event, e.status, e.date, e.date_precision) for e in events_of(text, published=published)]


def test_a_weekend_dates_an_event_by_its_week():
    # published Monday 18 November 2019: the weekend before is Saturday 16 and Sunday 17, week 46
    assert _dated("Over the weekend, Russia expelled two Estonian diplomats.", "2019-11-18") == \
        [("SANCTION", "occurred", "2019-W46", "week")]


def test_a_planned_act_takes_next_week_a_reported_one_does_not():
    assert _dated("Japan's foreign minister will travel to Vietnam next week.", "2024-07-09") == \
        [("CONSULT", "planned", "2024-W29", "week")]
    # "next week" is when the dialogue would be, not when the call was rejected (Friday 23 Feb)
    assert _dated("Senegal's opposition rejected President Macky Sall's call for a national "
                  "dialogue next week.", "2024-02-23") == [("REJECT", "occurred", "2024-02-23", "publication")]


def test_the_week_of_publication_is_its_month_for_now():
    """INTERIM (events.dating._publication_week_as_month): the seed gold dates "earlier this
    week" by its month and score.py takes no week for a month; a week of publication that
    spans two months, and every other week, stay weeks."""
    # Saturday 30 October 2021: week 43 (25-31 October) lies in October
    assert _dated("Earlier this week Russia expelled two Estonian diplomats.", "2021-10-30") == \
        [("SANCTION", "occurred", "2021-10", "month")]
    # Wednesday 30 October 2019: week 44 runs from 28 October to 3 November
    assert _dated("Earlier this week Russia expelled two Estonian diplomats.", "2019-10-30") == \
        [("SANCTION", "occurred", "2019-W44", "week")]
