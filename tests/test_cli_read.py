"""The read commands (articles, events, show, export) on bad input and cut output (issue 17):
one line naming the value and what is wrong, exit 2, no traceback; the same reason as the
HTTP API gives for the same mistake; a note on stderr whenever a listing is cut."""
from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.model import ActorRef, Article, Event
from dateline.server.synthetic import write_synthetic_store
from dateline.store.schema import event_row
from dateline.store.write import commit_batch, new_batch_id


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "store"
    write_synthetic_store(path, 120)
    return path


def run(*args):
    return CliRunner().invoke(cli, [*map(str, args)])


@pytest.mark.parametrize("args, words", [
    (["articles", "--since", "2020-13-01"], "--since: '2020-13-01' is not a date: there is no month 13"),
    (["articles", "--until", "2020-02-30"], "--until: '2020-02-30' is not a date: February 2020 has 29 days"),
    (["events", "--from", "2020-02-30"], "--from: '2020-02-30' is not a date: February 2020 has 29 days"),
    (["events", "--to", "2020-02-30"], "--to: '2020-02-30' is not a date"),
    (["events", "--limit", "-1"], "--limit: '-1' must be a whole number >= 0"),
    (["events", "--offset", "-1"], "--offset: '-1' must be a whole number >= 0"),
    (["articles", "--limit", "-5"], "--limit: '-5' must be a whole number >= 0"),
    (["events", "--actor", "XYZ"], "--actor: unknown actor code 'XYZ'"),
    (["events", "--recipient", "QQQ"], "--recipient: unknown actor code 'QQQ'"),
    (["events", "--type", "FOO"], "--type: unknown event type 'FOO'"),
    (["events", "--sort", "colour"], "--sort: 'colour' is not a column to sort by"),
    (["export", "events", "-o", "/nonexistent/x.jsonl"], "folder /nonexistent does not exist"),
])
def test_bad_values_are_one_line_errors(store, args, words):
    r = run(*args, "--store", store)
    assert r.exit_code == 2, r.output
    assert words in r.output and "Traceback" not in r.output
    assert len(r.output.strip().splitlines()) == 1


def test_same_reason_as_the_api(store):
    from fastapi.testclient import TestClient

    from dateline.server.api import create_app

    client = TestClient(create_app(store, read_only=True))
    for option, value in (("from", "2020-02-30"), ("actor", "XYZ"), ("type", "FOO"), ("offset", "-1")):
        cli_line = run("events", f"--{option}", value, "--store", store).output.strip()
        api_line = client.get("/api/events", params={option: value}).json()["error"]
        assert cli_line.split(f"--{option}: ", 1)[1] == api_line.split(f"{option}: ", 1)[1]


def test_csv_is_never_silently_cut(store):
    r = CliRunner().invoke(cli, ["events", "--format", "csv", "--store", str(store)])
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert len(rows) == 50
    assert "50 of " in r.stderr and "--limit all" in r.stderr
    everything = CliRunner().invoke(cli, ["events", "--format", "csv", "--limit", "all", "--store", str(store)])
    total = len(list(csv.DictReader(io.StringIO(everything.stdout))))
    assert total > 50 and f"50 of {total}" in r.stderr and everything.stderr == ""


def test_tables_read_code_slash_sector_and_joint_once(tmp_path):
    art = Article(id="feedbeef00000000", source="/home/me/news/x.html", body="Police fired tear gas at "
                  "protesters. Japan and Australia agreed a pact.", url="https://www.example.com/a",
                  published="2020-01-02", language="en", ingested_at="2020-01-02T00:00:00+00:00",
                  metadata={"url": "https://www.example.com/a", "sitename": "Example"})
    batch = new_batch_id()
    evs = [Event(id="ev-cop", article_id=art.id, event="ASSAULT", mode=None, quad_code=4, intensity=-9,
                 actor=[ActorRef(code="KEN", sector="COP", name="Kenya")],
                 recipient=[ActorRef(code="KEN", sector="CVL", name="Kenya")], date="2020-01-02",
                 date_precision="day", date_text=None, status="occurred", event_loc=None,
                 event_text="Police fired tear gas at protesters.", start=0, end=36, confidence=0.9),
           Event(id="ev-joint", article_id=art.id, event="AGREE", mode=None, quad_code=1, intensity=5.9,
                 actor=[ActorRef(code="JPN"), ActorRef(code="AUS")],
                 recipient=[ActorRef(code="AUS"), ActorRef(code="JPN")], date="2020-01-02",
                 date_precision="day", date_text=None, status="occurred", event_loc=None,
                 event_text="Japan and Australia agreed a pact.", start=37, end=71, confidence=0.9)]
    commit_batch(tmp_path / "s", batch, {"articles": [art.to_row()], "events": [event_row(e, batch) for e in evs]})
    out = run("events", "--store", tmp_path / "s").output
    assert "KEN/COP -> KEN/CVL" in out and "JPN & AUS" in out and "AUS -> " not in out
    shown = run("show", art.id, "--store", tmp_path / "s").output
    assert shown.count("https://www.example.com/a") == 1          # url once, not again from metadata
    assert "ev-cop" in shown and "KEN/COP -> KEN/CVL" in shown     # the article's events
    listed = run("articles", "--store", tmp_path / "s").output
    assert "example.com" in listed and "/home/me" not in listed    # outlet, not a local path
