"""The HTTP API over a store: filters, paging, formats, evidence, errors, limits, read-only."""
from __future__ import annotations

import csv
import io
import json
import re
import warnings

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from dateline.model import ActorRef, Article, Event
from dateline.server.api import MAX_BODY_BYTES, create_app
from dateline.server.synthetic import write_synthetic_store
from dateline.store.read import Store
from dateline.store.schema import event_row
from dateline.store.write import commit_batch, new_batch_id


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("api") / "store"
    write_synthetic_store(path, 1500)
    return path


@pytest.fixture(scope="module")
def client(store_path):
    return TestClient(create_app(store_path))


def test_events_filters_match_the_store(client, store_path):
    store = Store.open(store_path)
    r = client.get("/api/events", params={"actor": "usa", "quad": 4, "status": "occurred,ongoing",
                                          "from": "2023-06", "to": "2024-03", "limit": 1000})
    assert r.status_code == 200
    body = r.json()
    expected = store.events(actor="USA", quad=4, status="occurred,ongoing", date_from="2023-06",
                            date_to="2024-03", limit=None)
    assert body["total"] == expected.num_rows == len(body["events"]) > 0
    assert [e["id"] for e in body["events"]] == expected.column("id").to_pylist()
    for e in body["events"]:
        assert "USA" in e["actor_codes"] and e["quad_code"] == 4
        assert "2023-06" <= e["date"][:7] <= "2024-03"
        assert isinstance(e["explain"], dict) and isinstance(e["mentions"], list)


def test_paging_is_stable_and_complete(client):
    total = client.get("/api/events", params={"type": "ASSAULT,PROTEST", "limit": 1}).json()["total"]
    seen = []
    for offset in range(0, total, 40):
        page = client.get("/api/events", params={"type": "assault,protest", "limit": 40, "offset": offset}).json()
        seen += [e["id"] for e in page["events"]]
    assert len(seen) == len(set(seen)) == total


def test_text_search_and_article_filter(client):
    body = client.get("/api/events", params={"q": "SANCTIONS ON", "limit": 5}).json()
    assert body["total"] > 0 and all("sanctions on" in e["event_text"].lower() for e in body["events"])
    art = body["events"][0]["article_id"]
    same = client.get("/api/events", params={"article": art[:8], "limit": 100}).json()
    assert same["total"] >= 1 and {e["article_id"] for e in same["events"]} == {art}


def test_csv_and_jsonl_downloads(client):
    params = {"recipient": "CHN", "limit": 100000}
    total = client.get("/api/events", params={**params, "limit": 1}).json()["total"]
    r = client.get("/api/events", params={**params, "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == total and all("CHN" in row["recipient_codes"].split(";") for row in rows)
    # flat cells a spreadsheet can filter on: codes joined with ';', parties as CODE/SECTOR
    assert not any(row["recipient_codes"].startswith("[") for row in rows)
    assert all(re.fullmatch(r"[A-Z-]{3}(/[A-Z]{3})?( \+ .*)?", row["actor"]) for row in rows), rows[0]["actor"]
    r = client.get("/api/events", params={**params, "format": "jsonl"})
    lines = [json.loads(x) for x in r.text.splitlines()]
    assert len(lines) == total and lines[0]["recipient"][0]["code"] == "CHN"
    r = client.get("/api/articles", params={"format": "csv", "limit": 5})
    assert len(list(csv.DictReader(io.StringIO(r.text)))) == 5


def test_one_event_has_evidence_why_and_article(client):
    e = client.get("/api/events", params={"limit": 1, "actor": "RUS"}).json()["events"][0]
    r = client.get(f"/api/events/{e['id']}")
    assert r.status_code == 200
    data = r.json()
    body = data["article"]["body"]
    kinds = {h["kind"]: h for h in data["highlights"]}
    assert body[kinds["evidence"]["start"]:kinds["evidence"]["end"]] == e["event_text"]
    assert body[kinds["actor"]["start"]:kinds["actor"]["end"]] == e["actor"][0]["entity_text"]
    assert body[kinds["trigger"]["start"]:kinds["trigger"]["end"]] == e["trigger"]
    assert body[kinds["date"]["start"]:kinds["date"]["end"]] == e["date_text"]
    why = {w["label"]: w["value"] for w in data["why"]}
    assert why["pattern"] == e["rule"] and "weekday before publication" in why["date"]
    assert why["status"].startswith(e["status"]) and "nsubj" in why["parse path"]
    assert any(s["id"] == e["id"] for s in data["article_events"])
    # prefix lookup, 404, and the article endpoint
    assert client.get(f"/api/events/{e['id'][:10]}").json()["event"]["id"] == e["id"]
    assert client.get("/api/events/0000000000000000ff").status_code == 404
    art = client.get(f"/api/articles/{e['article_id']}").json()
    assert art["article"]["id"] == e["article_id"] and "raw" not in art["article"]
    assert any(x["id"] == e["id"] for x in art["events"])


@pytest.mark.parametrize("query, status, words", [
    ({"quad": "5"}, 400, "quad"),
    ({"quad": "x"}, 400, "quad"),
    ({"from": "2024-13-01"}, 400, "no month 13"),
    ({"from": "2020-02-30"}, 400, "February 2020 has 29 days"),
    ({"to": "2021-02-29"}, 400, "February 2021 has 28 days"),
    ({"actor": "XYZ"}, 400, "unknown actor code 'XYZ'"),
    ({"to": "yesterday"}, 422, "YYYY"),
    ({"actor": "U S A"}, 422, "actor code"),
    ({"type": "BOMB"}, 400, "unknown event type"),
    ({"status": "maybe"}, 400, "must be one of"),
    ({"status": "maybe", "format": "csv"}, 400, "must be one of"),     # before streaming
    ({"status": "maybe", "format": "jsonl"}, 400, "must be one of"),
    ({"limit": "-1"}, 400, "limit: '-1' must be a whole number >= 0"),
    ({"limit": "all"}, 400, "limit: 'all' is not allowed here"),
    ({"limit": "5000"}, 400, "at most"),
    ({"offset": "-1"}, 400, "offset: '-1' must be a whole number >= 0"),
    ({"sort": "colour"}, 400, "not a column to sort by"),
    ({"format": "xml"}, 422, "format"),
    ({"q": "x" * 500}, 422, "q"),
])
def test_bad_parameters_get_4xx_with_reason(client, query, status, words):
    r = client.get("/api/events", params=query)
    assert r.status_code == status, r.text
    assert words in r.json()["error"]


USA_CHN = ("((list_contains(actor_codes,'USA') AND list_contains(recipient_codes,'CHN')) OR "
           " (list_contains(actor_codes,'CHN') AND list_contains(recipient_codes,'USA')))")


def test_dyad_of_mentions_matches_a_plain_query(client, store_path):
    d = client.get("/api/dyad", params={"a": "usa", "b": "chn", "unit": "event"}).json()
    assert d["a"] == "USA" and set(d["series"]) == {"a->b", "b->a"}
    counted = sum(sum(v) for s in d["series"].values() for v in s.values())
    direct = Store.open(store_path).sql(
        f"SELECT count(*) AS n FROM events WHERE status IN ('occurred','ongoing','planned') AND {USA_CHN}"
    ).to_pylist()[0]["n"]
    assert counted == direct > 0
    assert d["periods"] == sorted(d["periods"]) and len(set(d["periods"])) == len(d["periods"])


def test_dyad_of_happenings(client, store_path):
    d = client.get("/api/dyad", params={"a": "USA", "b": "CHN", "interval": "year"}).json()
    assert d["unit"] == "cluster" and d["periods"] == sorted(d["periods"])
    counted = sum(sum(v) for s in d["series"].values() for v in s.values())
    # synthetic events are each their own cluster: happenings = mentions of every status
    everything = Store.open(store_path).sql(f"SELECT count(*) AS n FROM events WHERE {USA_CHN}").to_pylist()[0]["n"]
    assert 0 < counted <= everything
    assert client.get("/api/dyad", params={"a": "USA"}).status_code == 422
    assert client.get("/api/dyad", params={"a": "USA", "b": "USA"}).status_code == 400
    assert client.get("/api/dyad", params={"a": "USA", "b": "CHN", "interval": "fortnight"}).status_code == 422
    assert client.get("/api/dyad", params={"a": "USA", "b": "CHN", "interval": "day"}).status_code == 400
    assert client.get("/api/dyad", params={"a": "USA", "b": "CHN", "unit": "event", "interval": "week"}).status_code == 400


def test_timelines(client):
    t = client.get("/api/timeline", params={"unit": "event", "actor": "CHN", "interval": "year", "limit": 1000}).json()
    dates = [e["date"] for e in t["events"]]
    assert dates == sorted(dates) and t["total"] == len(dates)
    assert {e["period"] for e in t["events"]} <= set(t["periods"])
    c = client.get("/api/timeline", params={"actor": "CHN", "interval": "week", "limit": 1000}).json()
    assert c["unit"] == "cluster" and c["total"] >= 1
    assert all(e["outlets"] >= 1 and e["mentions"] >= 1 for e in c["events"])
    starts = [e["date"] for e in c["events"] if e["date"]]
    assert starts == sorted(starts)
    # issue 17: no parameters is every event mention, not a 400
    r = client.get("/api/timeline")
    assert r.status_code == 200 and r.json()["unit"] == "event"
    assert client.get("/api/timeline", params={"actor": "CHN", "q": "x"}).json()["unit"] == "event"
    assert client.get("/api/timeline", params={"unit": "cluster", "actor": "CHN", "q": "x"}).status_code == 400
    assert "February 2020 has 29 days" in client.get("/api/timeline", params={"from": "2020-02-30"}).json()["error"]


def test_unfiltered_timeline_axis_is_one_unit(client, store_path):
    """issue 17: a year-only date must not become a period "2020" among months."""
    for interval, shape in (("month", r"\d{4}-\d{2}"), ("year", r"\d{4}"), ("day", r"\d{4}-\d{2}-\d{2}")):
        t = client.get("/api/timeline", params={"interval": interval, "limit": 5}).json()
        assert t["periods"] and all(re.fullmatch(shape, p) for p in t["periods"]), (interval, t["periods"][:5])
        assert {c["period"] for c in t["counts"]} <= set(t["periods"])


def _mixed_precision_store(path):
    """Events dated to a day, a month and only a year (as real stores have)."""
    art = Article(id="abcdef0123456789", source="t", body="Oslo met Rome.", published="2020-06-02",
                  language="en", ingested_at="2020-06-02T00:00:00+00:00")
    batch = new_batch_id()
    events = [event_row(Event(id=f"ev-{i}", article_id=art.id, event="CONSULT", mode=None, quad_code=1,
                              intensity=2.8, actor=[ActorRef(code="NOR")], recipient=[ActorRef(code="ITA")],
                              date=d, date_precision=p, date_text=None, status="occurred", event_loc=None,
                              event_text="Oslo met Rome.", start=0, end=14, confidence=0.9), batch)
              for i, (d, p) in enumerate([("2020-03-05", "day"), ("2020-05", "month"), ("2020", "year")])]
    commit_batch(path, batch, {"articles": [art.to_row()], "events": events})


def test_timeline_of_mixed_precisions_has_an_even_axis(tmp_path):
    _mixed_precision_store(tmp_path / "store")
    c = TestClient(create_app(tmp_path / "store", read_only=True))
    t = c.get("/api/timeline", params={"interval": "month"}).json()
    assert t["periods"] == ["2020-03", "2020-04", "2020-05"], t["periods"]
    assert any("1 event mentions dated more coarsely than a month" in n for n in t["notes"])
    assert t["total"] == 3    # the year-only one is still listed


def test_stories_list(client, store_path):
    r = client.get("/api/stories", params={"limit": 5})
    for _ in range(30):
        if r.status_code != 202:
            break
        import time

        time.sleep(1)
        r = client.get("/api/stories", params={"limit": 5})
    assert r.status_code == 200, r.text     # stories are part of dateline: never "not installed"
    body = r.json()
    assert body["total"] >= 1 and body["stories"][0]["articles"] >= 1
    from dateline.stories.timeline import timeline

    story = max(body["stories"], key=lambda x: x["articles"])["story"]
    for extra in ({}, {"actor": "USA", "from": "2023-06"}):
        t = client.get("/api/timeline", params={"story": story, "limit": 1000, **extra}).json()
        direct = timeline(Store.open(store_path), story=story, actor=extra.get("actor"),
                          date_from=extra.get("from"))
        assert t["total"] == len(direct)
        assert [e["cluster_id"] for e in t["events"]] == [e["cluster_id"] for e in direct][:1000]
    assert t["total"] >= 1
    assert client.get("/api/timeline", params={"story": "s-nothing"}).status_code == 404


def test_new_batches_show_without_restart(client, store_path):
    before = client.get("/api/stats").json()["events"]
    write_more = store_path.parent / "more"
    write_synthetic_store(write_more, 10, seed=99)      # other ids: a separate store, then copy parts
    for table in ("events", "articles"):
        for part in sorted((write_more / table).glob("part-*.parquet")):
            (store_path / table).joinpath(part.name).write_bytes(part.read_bytes())
    assert client.get("/api/stats").json()["events"] == before + 10


def test_security_headers_and_page(client):
    r = client.get("/")
    assert r.status_code == 200 and "<script src=\"/static/app.js\">" in r.text
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert client.get("/static/app.js").status_code == 200
    assert "innerHTML" not in client.get("/static/app.js").text.replace("no innerHTML", "")
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/dyad", "/api/timeline",
            "/api/stories", "/api/articles"} <= set(spec["paths"])


def test_body_size_limit_and_validation(client):
    r = client.post("/api/articles", content=b"{" + b" " * (MAX_BODY_BYTES + 10) + b"}",
                    headers={"Content-Type": "application/json"})
    assert r.status_code == 413 and "over" in r.json()["error"]
    assert client.post("/api/articles", json={"title": "only a title"}).status_code == 422
    assert client.post("/api/articles", json={"text": "a", "html": "<p>b</p>"}).status_code == 422
    r = client.post("/api/articles", content=b"not json", headers={"Content-Type": "application/json"})
    assert r.status_code == 422
    r = client.post("/api/articles", json={"text": "Some words here.", "published": "last week"})
    assert r.status_code == 422 and r.json()["error"]


def test_read_only_refuses_ingest(store_path):
    ro = TestClient(create_app(store_path, read_only=True))
    r = ro.post("/api/articles", json={"text": "Ministers met in Oslo on Monday."})
    assert r.status_code == 403 and "read-only" in r.json()["error"]
    assert ro.get("/api/meta").json()["read_only"] is True


def test_read_only_needs_an_existing_store(tmp_path):
    from dateline.errors import DatelineError

    with pytest.raises(DatelineError):
        create_app(tmp_path / "nothing-here", read_only=True)


def test_nan_values_do_not_break_json(tmp_path):
    path = tmp_path / "store"
    art = Article(id="abcdef0123456789", source="t", body="Oslo met Rome.", published="2024-01-02",
                  language="en", ingested_at="2024-01-02T00:00:00+00:00")
    ev = Event(id="nan-event", article_id=art.id, event="CONSULT", mode=None, quad_code=1,
               intensity=float("nan"), actor=[ActorRef(code="NOR")], recipient=[ActorRef(code="ITA")],
               date=None, date_precision=None, date_text=None, status="occurred", event_loc=None,
               event_text="Oslo met Rome.", start=0, end=14, confidence=float("inf"))
    batch = new_batch_id()
    commit_batch(path, batch, {"articles": [art.to_row()], "events": [event_row(ev, batch)]})
    c = TestClient(create_app(path, read_only=True))
    e = c.get("/api/events").json()["events"][0]
    assert e["intensity"] is None and e["confidence"] is None
    assert c.get("/api/events/nan-event").status_code == 200


def test_ingest_through_the_real_pipeline(tmp_path):
    """POST runs the ingest job: the article and its events land in the store."""
    c = TestClient(create_app(tmp_path / "store"))
    text = ("Japan and India sign defence pact\n\n"
            "Japanese Prime Minister met Indian officials in Tokyo on Tuesday and the two "
            "governments signed a defence cooperation agreement.\n\n"
            "China criticised the agreement on Wednesday.")
    r = c.post("/api/articles", json={"text": text, "published": "2024-03-07", "url": "https://example.org/a"})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["events"] >= 1 and not body["duplicate"]
    again = c.post("/api/articles", json={"text": text, "published": "2024-03-07", "url": "https://example.org/a"})
    assert again.status_code == 200 and again.json()["duplicate"] is True
    ev = c.get(f"/api/events/{body['event_ids'][0]}").json()
    assert ev["article"]["id"] == body["article_id"] and ev["highlights"]


# ---------------------------------------------------------------------- issue 17
def test_facets_count_what_the_list_holds(client):
    f = client.get("/api/facets", params={"actor": "USA"}).json()["facets"]
    assert set(f) == {"type", "quad", "actor", "recipient", "sector", "status", "outlet", "language"}
    for name in ("type", "quad", "recipient", "status", "outlet"):
        top = f[name][0]
        n = client.get("/api/events", params={"actor": "USA", name: top["value"], "limit": 0}).json()["total"]
        assert n == top["n"], (name, top)
    assert f["actor"][0] == {"value": "USA", "n": client.get("/api/events", params={"actor": "USA", "limit": 0}).json()["total"]}
    # type and status are counted without their own filter: other values stay listed to add
    one = client.get("/api/facets", params={"type": f["type"][0]["value"]}).json()["facets"]["type"]
    assert len(one) > 1


def test_map_counts_and_its_filters(client):
    m = client.get("/api/map").json()
    total = client.get("/api/events", params={"limit": 0}).json()["total"]
    assert sum(c["n"] for c in m["countries"]) + m["unplaced"] == total
    assert m["points"] and all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in m["points"])
    top = m["countries"][0]
    assert client.get("/api/events", params={"country": top["country"], "limit": 0}).json()["total"] == top["n"]
    p = m["points"][0]
    assert client.get("/api/events", params={"place": f"{p['lat']},{p['lon']}", "limit": 0}).json()["total"] == p["n"]
    assert "LAT,LON" in client.get("/api/events", params={"place": "here"}).json()["error"]


def test_sort_and_limit_all(client):
    rows = client.get("/api/events", params={"sort": "type", "limit": 200}).json()["events"]
    assert [r["event"] for r in rows] == sorted(r["event"] for r in rows)
    rows = client.get("/api/events", params={"sort": "-confidence", "limit": 50}).json()["events"]
    assert [r["confidence"] for r in rows] == sorted((r["confidence"] for r in rows), reverse=True)
    total = client.get("/api/events", params={"limit": 0}).json()["total"]
    r = client.get("/api/events", params={"format": "jsonl", "limit": "all"})
    assert len(r.text.splitlines()) == total


def test_parties_read_code_slash_sector(client):
    e = client.get("/api/events", params={"limit": 1, "actor": "MEX"}).json()["events"][0]
    assert e["parties"].startswith("MEX/COP -> ") and "Mexico" in e["party_names"]["actor"]


def test_docs_page_and_malformed_json(client):
    r = client.get("/docs")
    assert r.status_code == 200 and "GET /api/events" in r.text and "<script" not in r.text
    r = client.post("/api/articles", content=b'{"text": "x",', headers={"Content-Type": "application/json"})
    assert r.status_code == 422
    assert r.json()["error"].startswith("the request body is not valid JSON") and "0:" not in r.json()["error"]
    r = client.post("/api/articles", json={})
    assert r.status_code in (403, 422)


def test_dyad_notes_name_no_cli_flag(tmp_path):
    _mixed_precision_store(tmp_path / "store")
    c = TestClient(create_app(tmp_path / "store", read_only=True))
    d = c.get("/api/dyad", params={"a": "NOR", "b": "ITA", "interval": "month"}).json()
    assert d["notes"] and not any("--by" in n for n in d["notes"]), d["notes"]


def test_stories_download(client):
    import time

    for _ in range(60):
        r = client.get("/api/stories", params={"format": "csv", "limit": "all"})
        if r.status_code != 202:
            break
        time.sleep(2)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    total = client.get("/api/stories", params={"limit": 1}).json()["total"]
    assert len(rows) == total and rows[0]["label"] and not rows[0]["article_ids"].startswith("[")
