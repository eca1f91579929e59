"""Timelines: event clusters in event-date order, with status, outlets and evidence."""
from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from dateline.cli import cli
from dateline.store.read import Store
from dateline.stories.timeline import timeline as build_timeline
from helpers import article, commit, event  # the hand-built records of the dedup tests


def us_china_store(store):
    """Three outlets; published 2023, telling events of 2021-2023 (out of order)."""
    a = article("r1", "https://www.reuters.com/world/blinken-beijing", "2023-06-19")
    b = article("p2", "https://apnews.com/article/blinken", "2023-06-20")
    c = article("s3", None, "2021-10-30", source="feeds/scmp.jsonl#7")
    commit(store, a, [
        event(a, 1, "CONSULT", ["USA"], ["CHN"], "2023-06-18", "day", place=("Beijing", "CHN"),
              text="Blinken met Wang Yi in Beijing on Sunday."),
        event(a, 2, "ACCUSE", ["USA"], ["CHN"], "2023-02", "month",
              text="In February the US accused China of flying a spy balloon over its territory."),
        event(a, 3, "CONSULT", ["USA"], ["CHN"], "2021-03", "month", place=("Alaska", "USA"),
              text="Their first meeting in Alaska in March 2021 was stormy."),
    ])
    commit(store, b, [
        event(b, 1, "CONSULT", ["CHN"], ["USA"], "2023-06-18", "day",
              text="Wang and Blinken held talks on Sunday."),
        event(b, 2, "CONSULT", ["USA"], ["CHN"], "2023-06-19", "day", status="planned",
              text="Blinken is expected to meet Xi Jinping on Monday."),
        event(b, 3, "CONSULT", ["USA"], ["CHN"], "2022-11-14", "day", place=("Bali", "IDN"),
              text="Biden and Xi met in Bali last November."),
    ])
    commit(store, c, [
        event(c, 1, "CONSULT", ["USA"], ["CHN"], "2021-03", "month",
              text="Back in March the two sides traded barbs in Anchorage."),
        event(c, 2, "THREATEN", ["CHN"], ["USA"], None, None, status="hypothetical",
              text="China could retaliate, officials warned."),
    ])
    return Store.open(store)


def test_entries_follow_event_dates_not_publication(tmp_path):
    s = us_china_store(tmp_path / "store")
    entries = build_timeline(s)
    dated = [(e["date"], e["event"], e["status"], e["outlets"]) for e in entries if e["date"]]
    assert dated == [("2021-03", "CONSULT", "occurred", 2),
                     ("2022-11-14", "CONSULT", "occurred", 1),
                     ("2023-02", "ACCUSE", "occurred", 1),
                     ("2023-06-18", "CONSULT", "occurred", 2),
                     ("2023-06-19", "CONSULT", "planned", 1)]
    assert entries[-1]["date"] is None and entries[-1]["status"] == "hypothetical"
    beijing = entries[3]
    # the finest, located mention speaks for the cluster; every mention is kept
    assert beijing["evidence"] == "Blinken met Wang Yi in Beijing on Sunday."
    assert beijing["mentions"] == 2 and len(beijing["members"]) == 2
    assert beijing["evidence_article"]["outlet"] == "reuters.com"


def test_filters_actor_recipient_either_way_for_meetings_and_dates(tmp_path):
    s = us_china_store(tmp_path / "store")
    china_to_us = [(e["date"], e["event"]) for e in build_timeline(s, actor="CHN", recipient="USA")]
    # the meetings (symmetric) match either way round; the US accusation does not
    assert ("2023-02", "ACCUSE") not in china_to_us
    assert ("2022-11-14", "CONSULT") in china_to_us
    window = build_timeline(s, date_from="2022", date_to="2023-02")
    assert [e["date"] for e in window] == ["2022-11-14", "2023-02"]


def test_cli_formats(tmp_path):
    store = tmp_path / "store"
    us_china_store(store)
    runner = CliRunner()
    table = runner.invoke(cli, ["timeline", "--store", str(store)])
    assert table.exit_code == 0, table.output
    lines = table.output.splitlines()
    assert lines[0].split()[:4] == ["date", "precision", "status", "event"]
    assert lines[2].startswith("2021-03")
    md = runner.invoke(cli, ["timeline", "--store", str(store), "--format", "md", "--actor", "USA"])
    assert "**2023-06-19** (day) CONSULT USA → CHN — *planned*" in md.output
    rows = list(csv.DictReader(io.StringIO(
        runner.invoke(cli, ["timeline", "--store", str(store), "--format", "csv"]).output)))
    assert rows[0]["date"] == "2021-03" and rows[0]["outlets"] == "2"
    jsonl = runner.invoke(cli, ["timeline", "--store", str(store), "--format", "jsonl"]).output
    first = json.loads(jsonl.splitlines()[0])
    assert {m["outlet"] for m in first["members"]} == {"reuters.com", "scmp"}


def test_cli_errors_are_one_line(tmp_path):
    store = tmp_path / "store"
    us_china_store(store)
    runner = CliRunner()
    bad = runner.invoke(cli, ["timeline", "--store", str(store), "--from", "March 2021"])
    assert bad.exit_code != 0 and "YYYY" in bad.output
    missing = runner.invoke(cli, ["timeline", "--store", str(tmp_path / "nowhere")])
    assert missing.exit_code != 0 and "no store" in missing.output


def test_stories_list_and_filter(tmp_path):
    s = us_china_store(tmp_path / "store")
    stories = s.stories()
    assert sum(st["articles"] for st in stories) == 3
    for st in stories:
        assert st["label"] and st["first_published"]
    story = stories[0]
    entries = build_timeline(s, story=story["story"])
    assert entries and all(any(m["article_id"] in story["article_ids"] for m in e["members"])
                           for e in entries)


def test_stories_are_cached_per_committed_state(tmp_path):
    """The story placement is cached in the store and reused until a batch commits."""
    from dateline.stories.timeline import STORY_CACHE

    path = tmp_path / "store"
    s = us_china_store(path)
    first = s.stories()
    cache = path / STORY_CACHE
    assert cache.exists()
    # a reused cache gives the same stories; a corrupt one is recomputed, not an error
    assert s.stories() == first
    cache.write_bytes(b"not gzip")
    assert s.stories() == first
    stamp = cache.stat().st_mtime_ns
    assert s.stories() == first and cache.stat().st_mtime_ns == stamp   # reused, not rewritten
    # a new committed batch makes the next call place the new article too
    d = article("n4", "https://example.org/blinken-returns", "2023-06-21")
    commit(path, d, [event(d, 1, "CONSULT", ["USA"], ["CHN"], "2023-06-20", "day",
                           text="Blinken met Xi Jinping in Beijing on Monday.")])
    after = s.stories()
    assert sum(st["articles"] for st in after) == 4
    assert any("n4" in st["article_ids"] for st in after)


def test_semeval_timeline_scoring_helpers(tmp_path):
    """The SemEval-2015 Task 4 reader and the anchor/order verdicts (evaluation.timeline)."""
    from dateline.evaluation.timeline import (anchor_verdict, gold_date, order_verdict,
                                              read_document)

    assert gold_date("2005-01-18") == "2005-01-18"
    assert gold_date("2005-01-XX") == "2005-01" and gold_date("2007-XX-XX") == "2007"
    assert gold_date("XXXX-XX-XX") is None
    assert anchor_verdict("2005-01-18", "2005-01") == "correct"
    assert anchor_verdict("2005-01", "2005-01-18") == "compatible"
    assert anchor_verdict("2005-02", "2005-01-18") == "wrong"
    assert anchor_verdict(None, "2005") == "undated"
    assert order_verdict("2005-01-18", "2005-03") == "concordant"
    assert order_verdict("2006", "2005-03") == "discordant"
    assert order_verdict("2005", "2005-03") == "tied" and order_verdict(None, "2005") == "tied"
    tml = tmp_path / "1_x.tml"
    tml.write_text('<?xml version="1.0"?><TimeML><DOCID>1</DOCID><DCT><TIMEX3 tid="t0" type="DATE" '
                   'value="2005-02-17">2005-02-17</TIMEX3></DCT><EXTRAINFO>Acme opens plant</EXTRAINFO>'
                   '<TEXT><s id="0">Acme opens plant</s><s id="1">Acme has opened a plant in Ohio .</s>'
                   '</TEXT></TimeML>', encoding="utf-8")
    doc = read_document(tml)
    assert doc.docid == "1" and doc.dct == "2005-02-17" and doc.title == "Acme opens plant"
    text, start, end = doc.tokens[1][2]
    assert text == "opened" and doc.body[start:end] == "opened"
    assert doc.body[slice(*doc.sentences[1])] == "Acme has opened a plant in Ohio ."
