"""Unresolved actors (code ``---``): named in the text, not placed by the actor data.

The events stage keeps such events with the words; these tests follow them through every
interface: `dateline extract`, the store (`dateline ingest`, `dateline events`), exports
(PLOVER JSONL, POLECAT, GDELT), the HTTP API, cross-article deduplication and dyads, and
the web page. Real spaCy model, real store, real FastAPI app. The sentences are made up
for these tests; the organisation names are invented so that no actor data can hold them.
"""
from __future__ import annotations

import csv
import io
import json
import warnings

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.model import UNRESOLVED
from helpers import every_candidate

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PUBLISHED = "2024-03-06"

#: Kenya (placed) accuses an invented rebel group (not placed)
KENYA = {"id": "kenya", "url": "https://one.example.org/kenya", "published": PUBLISHED,
         "text": "Army statement\n\nThe Kenyan army accused the Zorbani Liberation Front of "
                 "killing civilians on Tuesday."}
#: two unrelated criticisms by France of two invented companies, on the same day, by two
#: outlets: FRA -> --- both times, and still not the same happening
FRANCE_1 = {"id": "france-1", "url": "https://two.example.org/quorvex", "published": PUBLISHED,
            "text": "Paris and the miner\n\nFrance criticised the Quorvex Group over its mining "
                    "contracts on Monday."}
FRANCE_2 = {"id": "france-2", "url": "https://three.example.org/dellmark", "published": PUBLISHED,
            "text": "Paris and the union\n\nFrance criticised the Dellmark Union over its strike "
                    "on Monday."}
#: control: one happening told by two outlets, both sides placed (these must link)
CHINA_1 = {"id": "china-1", "url": "https://four.example.org/arms", "published": PUBLISHED,
           "text": "Beijing protests\n\nOn Tuesday, China condemned the United States over the "
                   "arms sale."}
CHINA_2 = {"id": "china-2", "url": "https://five.example.org/arms", "published": PUBLISHED,
           "text": "Arms row\n\nChina condemned the United States on Tuesday over the planned "
                   "arms sale."}

@pytest.fixture(autouse=True, scope="module")
def all_candidates():
    """Unplaced sides fall below the default threshold: these tests keep every candidate."""
    with every_candidate():
        yield


def _run(args, stdin=None):
    return CliRunner().invoke(cli, args, input=stdin)


def _records(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def _unresolved(rec: dict) -> list[dict]:
    return [e for e in rec["actor"] + rec["recipient"] if e["code"] == UNRESOLVED]


def _jsonl(*articles) -> str:
    return "".join(json.dumps(a) + "\n" for a in articles)


# --------------------------------------------------------------------------------------
# extract (no store)
# --------------------------------------------------------------------------------------
def test_extract_keeps_unresolved_actor_with_its_words_and_type(nlp):
    res = _run(["extract", "-", "--format", "jsonl"], _jsonl(KENYA, CHINA_1))
    assert res.exit_code == 0, res.output
    recs = _records(res.output)
    kenya = [r for r in recs if r["article"]["source"] == "kenya" and r["event"] == "ACCUSE"
             and _unresolved(r)]
    assert kenya, recs
    rec = kenya[0]
    assert [a["code"] for a in rec["actor"]] == ["KEN"] and rec["actor"][0]["resolved"] is True
    (who,) = rec["recipient"]
    assert who["code"] == UNRESOLVED and who["resolved"] is False
    assert who["entity_text"] and who["entity_text"] in rec["event_text"] and "Zorbani" in who["entity_text"]
    assert who["entity_type"] in ("ORG", "PERSON", "NOUN", "PROPN", "NORP", "GPE")
    assert who["why"] and "actor data" in who["why"]
    # the documented key order: the existing keys first
    assert list(who)[:4] == ["code", "sector", "name", "entity_text"]
    assert "entity_type" not in rec["actor"][0] and "why" not in rec["actor"][0]

    table = _run(["extract", "-", "--format", "table"], _jsonl(KENYA))
    assert table.exit_code == 0 and f"{UNRESOLVED}({who['entity_text']})" in table.output


def test_extract_resolved_only_drops_it(nlp):
    res = _run(["extract", "-", "--format", "jsonl", "--resolved-only"], _jsonl(KENYA, CHINA_1))
    assert res.exit_code == 0, res.output
    recs = _records(res.output)
    assert recs and not any(_unresolved(r) for r in recs)
    assert any(r["event"] == "ACCUSE" and r["actor"][0]["code"] == "CHN" for r in recs)


# --------------------------------------------------------------------------------------
# a real store: two ingest batches (the second goes through the incremental dedup hook)
# --------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    from dateline import nlp as nlp_module

    nlp_module.load()
    root = tmp_path_factory.mktemp("unresolved")
    store = root / "store"
    first, second = root / "first.jsonl", root / "second.jsonl"
    first.write_text(_jsonl(KENYA, FRANCE_1, CHINA_1), encoding="utf-8")
    second.write_text(_jsonl(FRANCE_2, CHINA_2), encoding="utf-8")
    for path in (first, second):
        res = _run(["ingest", str(path), "--store", str(store)])
        assert res.exit_code == 0, res.output
    return store


@pytest.fixture(scope="module")
def all_events(store_path) -> list[dict]:
    res = _run(["events", "--store", str(store_path), "--format", "jsonl", "--limit", "1000"])
    assert res.exit_code == 0, res.output
    return _records(res.output)


def _france(events: list[dict]) -> list[dict]:
    """The FRA -> --- criticisms, one per article."""
    return [e for e in events if e["event"] == "ACCUSE" and [a["code"] for a in e["actor"]] == ["FRA"]
            and [r["code"] for r in e["recipient"]] == [UNRESOLVED]]


def test_events_cli_shows_words_and_resolved_only_drops(store_path, all_events):
    unresolved = [e for e in all_events if _unresolved(e)]
    assert unresolved and any(e["recipient"][0].get("why") for e in unresolved)
    res = _run(["events", "--store", str(store_path)])
    assert res.exit_code == 0
    words = unresolved[0]["recipient"][0]["entity_text"] or unresolved[0]["actor"][0]["entity_text"]
    assert f"{UNRESOLVED}({words}" in res.output
    res = _run(["events", "--store", str(store_path), "--format", "jsonl", "--limit", "1000",
                "--resolved-only"])
    kept = _records(res.output)
    assert kept and not any(_unresolved(e) for e in kept)
    assert len(kept) == len(all_events) - len(unresolved)
    # the Python API filter says the same
    from dateline.store.read import Store

    store = Store.open(store_path)
    assert store.events(resolved_only=True, limit=None).num_rows == len(kept)
    assert store.events(limit=None).num_rows == len(all_events)


def test_explain_names_the_unresolved_side(store_path, all_events):
    ev = _france(all_events)[0]
    res = _run(["explain", ev["id"], "--store", str(store_path)])
    assert res.exit_code == 0, res.output
    assert f"FRA -> {UNRESOLVED}(" in res.output and "unresolved recipient:" in res.output


def test_plover_export_keeps_code_and_words(store_path, all_events):
    res = _run(["export", "events", "--format", "jsonl", "--store", str(store_path)])
    assert res.exit_code == 0, res.output
    recs = _records(res.output)
    assert len(recs) == len(all_events)
    fra = [r for r in recs if r["id"] in {e["id"] for e in _france(all_events)}]
    assert len(fra) == 2
    for r in fra:
        (who,) = r["recipient"]
        assert who["code"] == UNRESOLVED and who["entity_text"] and who["resolved"] is False
    res = _run(["export", "events", "--format", "jsonl", "--resolved-only", "--store", str(store_path)])
    kept = _records(res.output)
    assert kept and not any(_unresolved(r) for r in kept)
    assert len(kept) == len([e for e in all_events if not _unresolved(e)])


def test_polecat_and_gdelt_rows(store_path, all_events, tmp_path):
    import pandas as pd

    from dateline.export.gdelt import GDELT_COLUMNS, GDELT_DTYPES
    from dateline.export.polecat import POLECAT_DTYPES

    fra = {e["id"]: e["recipient"][0]["entity_text"] for e in _france(all_events)}
    assert len(fra) == 2
    out = tmp_path / "p.tsv"
    assert _run(["export", "events", "--format", "polecat", "-o", str(out), "--store", str(store_path)]).exit_code == 0
    df = pd.read_csv(out, sep="\t", dtype=POLECAT_DTYPES)
    assert len(df) == len(all_events)
    for event_id, words in fra.items():
        row = df[df["Event ID"] == event_id].iloc[0]
        assert row["Actor Country"] == "FRA"
        assert pd.isna(row["Recipient Country"]) and pd.isna(row["Recipient COW"])
        assert row["Recipient Name"] == words and row["Recipient Name Raw"] == words
    assert not (df.astype(str) == UNRESOLVED).any().any()       # no "---" cell anywhere

    out = tmp_path / "g.tsv"
    assert _run(["export", "events", "--format", "gdelt", "-o", str(out), "--store", str(store_path)]).exit_code == 0
    df = pd.read_csv(out, sep="\t", header=None, names=GDELT_COLUMNS, dtype=GDELT_DTYPES,
                     quoting=csv.QUOTE_NONE)
    from dateline.export.gdelt import global_event_id

    by_gid = {global_event_id(e["id"]): e["id"] for e in all_events}
    df["event_id"] = [by_gid[g] for g in df["GLOBALEVENTID"]]
    for event_id, words in fra.items():
        row = df[df["event_id"] == event_id].iloc[0]
        assert row["Actor1Code"].startswith("FRA") and row["Actor1CountryCode"] == "FRA"
        for col in ("Actor2Code", "Actor2CountryCode", "Actor2KnownGroupCode"):
            assert pd.isna(row[col]), (col, row[col])
        assert row["Actor2Name"] == words.upper()
    assert not df[[c for c in GDELT_COLUMNS if "Code" in c]].astype(str).apply(
        lambda col: col.str.contains(UNRESOLVED, regex=False)).any().any()

    out = tmp_path / "resolved.tsv"
    res = _run(["export", "events", "--format", "polecat", "--resolved-only", "-o", str(out),
                "--store", str(store_path)])
    assert res.exit_code == 0, res.output
    df = pd.read_csv(out, sep="\t", dtype=POLECAT_DTYPES)
    assert set(df["Event ID"]) == {e["id"] for e in all_events if not _unresolved(e)}


# --------------------------------------------------------------------------------------
# HTTP API
# --------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def client(store_path):
    from dateline.server.api import create_app

    return TestClient(create_app(store_path, read_only=True))


def test_api_resolved_only(client, all_events):
    body = client.get("/api/events", params={"limit": 1000}).json()
    assert body["total"] == len(all_events)
    unresolved = [e for e in body["events"] if UNRESOLVED in e["actor_codes"] + e["recipient_codes"]]
    assert unresolved
    who = next(r for r in unresolved[0]["actor"] + unresolved[0]["recipient"] if r["code"] == UNRESOLVED)
    assert who["resolved"] is False and who["entity_text"] and who["entity_type"] and who["why"]
    kept = client.get("/api/events", params={"limit": 1000, "resolved_only": "true"}).json()
    assert kept["total"] == len(kept["events"]) == len(all_events) - len(unresolved) > 0
    assert not any(UNRESOLVED in e["actor_codes"] + e["recipient_codes"] for e in kept["events"])
    r = client.get("/api/events", params={"resolved_only": "true", "format": "csv", "limit": 1000})
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == kept["total"] and not any(UNRESOLVED in row["recipient_codes"] for row in rows)
    assert client.get("/api/events", params={"resolved_only": "maybe"}).status_code == 422
    # documented in OpenAPI, and "---" is not offered as an actor code to filter by
    params = client.get("/openapi.json").json()["paths"]["/api/events"]["get"]["parameters"]
    doc = next(p for p in params if p["name"] == "resolved_only")
    assert doc["schema"]["type"] == "boolean" and UNRESOLVED in doc["description"]
    assert UNRESOLVED not in client.get("/api/meta").json()["actors"]


def test_api_event_why_gives_the_reason(client, all_events):
    ev = _france(all_events)[0]
    body = client.get(f"/api/events/{ev['id']}").json()
    why = " ".join(item["value"] for item in body["why"] if item["label"] == "recipient")
    words = ev["recipient"][0]["entity_text"]
    assert "unresolved" in why and words in why and ev["recipient"][0]["why"] in why
    assert body["record"]["recipient"][0]["resolved"] is False


# --------------------------------------------------------------------------------------
# cross-article dedup, dyads
# --------------------------------------------------------------------------------------
def test_dedup_never_links_two_unrelated_unresolved_events(store_path, all_events):
    from dateline.store.read import Store

    store = Store.open(store_path)
    clusters = {r["id"]: r["cluster_id"] for r in store.sql("SELECT id, cluster_id FROM events").to_pylist()}
    fra = _france(all_events)
    assert len(fra) == 2 and fra[0]["article"]["id"] != fra[1]["article"]["id"]
    assert fra[0]["date"] == fra[1]["date"]          # same type, actor, day: only "---" in common
    assert clusters[fra[0]["id"]] != clusters[fra[1]["id"]]
    # control: the same placed happening from two outlets is one cluster
    china = [e for e in all_events if e["event"] == "ACCUSE" and e["actor"][0]["code"] == "CHN"
             and e["recipient"][0]["code"] == "USA" and e["date"] == "2024-03-05"]
    assert len({e["article"]["id"] for e in china}) == 2
    assert len({clusters[e["id"]] for e in china}) == 1
    # "---" is never a blocking key
    keys = store.sql("SELECT key FROM _all_event_keys").column("key").to_pylist()
    assert keys and not any(UNRESOLVED in k for k in keys)


def test_dedup_rules_for_unresolved_codes():
    from dateline.stories.dedup import Mention, blocking_keys, cluster_all, link, same_happening

    def m(eid, art, actors, recipients, date="2024-03-04"):
        return Mention(event_id=eid, article_id=art, event="ACCUSE", status="occurred",
                       actor_codes=actors, recipient_codes=recipients, date=date,
                       published="2024-03-06", outlet=art)

    a, b = m("a", "x", ("FRA",), (UNRESOLVED,)), m("b", "y", ("FRA",), (UNRESOLVED,))
    assert blocking_keys(a) == [] and link(a, b) is None and not same_happening(a, b)[0]
    assert cluster_all([a, b]) == {"a": "a", "b": "b"}
    # both sides unresolved; and an unresolved side never matches an empty one
    c, d = m("c", "x", (UNRESOLVED,), (UNRESOLVED,)), m("d", "y", (UNRESOLVED,), (UNRESOLVED,))
    assert blocking_keys(c) == [] and not same_happening(c, d)[0]
    assert not same_happening(m("e", "x", ("FRA",), ()), a)[0]
    # placed codes beside a "---" still count
    e, f = m("e", "x", ("FRA", UNRESOLVED), ("DEU",)), m("f", "y", ("FRA",), ("DEU",))
    assert blocking_keys(e) == blocking_keys(f) == ["Q3|DEU|FRA|2024-03"]
    assert link(e, f) and cluster_all([e, f]) == {"e": "e", "f": "e"}


def test_dyads_and_timelines_do_not_count_unresolved(store_path):
    from dateline import pyapi
    from dateline.errors import DatelineError
    from dateline.store.read import Store

    store = Store.open(store_path)
    for call in (lambda: pyapi.dyad(store, "FRA", UNRESOLVED), lambda: pyapi.event_dyad(store, "FRA", UNRESOLVED),
                 lambda: pyapi.timeline(store, actor=UNRESOLVED)):
        with pytest.raises(DatelineError):
            call()
    # FRA's happenings: the two criticisms stay two (not one "FRA -> ---" happening)
    tl = pyapi.timeline(store, actor="FRA").to_pylist()
    accusations = [t for t in tl if t["event"] == "ACCUSE" and t["recipient"] == [UNRESOLVED]]
    assert len(accusations) == 2 and all(t["mentions"] == 1 for t in accusations)
    rows = pyapi.event_timeline(store, actor="FRA", resolved_only=True, limit=None).to_pylist()
    assert not any(UNRESOLVED in r["recipient_codes"] for r in rows)


# --------------------------------------------------------------------------------------
# the web page (Debian chromium through Playwright; skipped when absent, as test_browser)
# --------------------------------------------------------------------------------------
def test_web_page_marks_unresolved(store_path, all_events):
    pytest.importorskip("playwright.sync_api")
    from helpers import CHROMIUM, CHROMIUM_ARGS, Server, need_browser

    need_browser()
    from playwright.sync_api import sync_playwright

    ev = _france(all_events)[0]
    who = ev["recipient"][0]
    server = Server(store_path, "--read-only")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
            try:
                page = browser.new_page()
                errors: list[str] = []
                page.on("pageerror", lambda e: errors.append(str(e)))
                page.goto(server.url + "#/events")
                page.wait_for_selector("#events-table tbody tr")
                row = page.locator(f'#events-table tr[data-id="{ev["id"]}"]')
                marker = row.locator("td.parties-cell .recipient .party.unresolved")
                assert marker.count() == 1
                assert marker.locator(".party-words").text_content() == who["entity_text"]
                assert marker.locator(".unresolved-badge").text_content() == "unresolved"
                assert marker.locator(".unresolved-badge").is_visible()
                assert who["why"] in marker.get_attribute("title")
                assert row.locator("td.parties-cell .actor").text_content().split("/")[0] == "FRA"
                # the event page: the words with the marker, and the reason in "why"
                page.goto(server.url + f"#/event/{ev['id']}")
                page.wait_for_selector("#why dd")
                assert page.locator("#event-parties .recipient .unresolved-badge").is_visible()
                assert who["entity_text"] in page.text_content("#event-parties .recipient")
                assert who["why"] in page.text_content("#why")
                # the filter: placed actors only
                page.goto(server.url + "#/events?resolved_only=true")
                page.wait_for_selector("#events-table tbody tr")
                page.wait_for_function("location.hash.includes('resolved_only')")
                assert page.is_checked("#f-resolved_only")
                assert page.locator("#events-table .party.unresolved").count() == 0
                assert not errors, errors
            finally:
                browser.close()
    finally:
        server.stop()
