"""One explanation of an event for every reader: `dateline explain` prints the explanation
the HTTP API returns as JSON, and the web page's "why" list is the same explanation."""
from __future__ import annotations

import json
import warnings

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.explanation import explain_text, explanation, why_items
from dateline.server.api import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TEXTS = {"a1.txt": "China condemns arms sale\n\nOn Tuesday, China condemned the United States "
                   "over the arms sale.\n",
         "a2.txt": "Germany accused the Velmora Trading Group of smuggling weapons on Monday.\n"}


@pytest.fixture(scope="module")
def store(tmp_path_factory, nlp):
    folder = tmp_path_factory.mktemp("explain")
    (folder / "in").mkdir()
    for name, text in TEXTS.items():
        (folder / "in" / name).write_text(text, encoding="utf-8")
    res = CliRunner().invoke(cli, ["ingest", str(folder / "in"), "--published", "2023-05-10",
                                   "--store", str(folder / "store"), "-q"])
    assert res.exit_code == 0, res.output
    return folder / "store"


def _records(store) -> list[dict]:
    res = CliRunner().invoke(cli, ["events", "--store", str(store), "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    return [json.loads(line) for line in res.output.splitlines()]


def test_cli_text_and_api_json_are_one_explanation(store):
    recs = _records(store)
    assert len(recs) >= 2
    api = TestClient(create_app(store, read_only=True), base_url="http://127.0.0.1")
    for rec in recs:
        text = CliRunner().invoke(cli, ["explain", rec["id"], "--store", str(store)])
        assert text.exit_code == 0, text.output
        data = api.get(f"/api/events/{rec['id']}").json()
        x = data["explanation"]
        # the CLI prints exactly the explanation the API returns, and the page lists it
        assert explain_text(x) == text.output.rstrip("\n")
        assert why_items(x) == data["why"]
        # the same facts in all three: trigger, rule, score, sentence offsets, parties, date
        why = {w["label"]: w["value"] for w in data["why"]}
        trig = x["trigger"]["text"]
        assert f"trigger:   '{trig}'" in text.output and f"\u201c{trig}\u201d" in why["trigger"]
        assert x["pattern"] == rec["rule"] == why["pattern"] and f"pattern:   {rec['rule']}" in text.output
        assert f"confidence {rec['confidence']}" in text.output and why["confidence"] == str(rec["confidence"])
        start, end = rec["text_info"]["start"], rec["text_info"]["end"]
        assert (x["sentence"]["start"], x["sentence"]["end"]) == (start, end)
        assert f"sentence:  [{start}-{end}]" in text.output
        assert data["article"]["body"][start:end] == x["sentence"]["text"] == rec["event_text"]
        for side in ("actor", "recipient"):
            assert [p["code"] for p in x["parties"][side]] == [e["code"] for e in rec[side]]
            for step in x["resolution"][side] or []:
                assert f"  - {step}" in text.output and step in why[f"how {side}s were found"]
        assert x["date"]["value"] == rec["date"] and f"date:      {rec['date']}" in text.output
        assert why["date"].startswith(rec["date"])
        assert f"status:    {rec['status']} ({x['status']['why']})" in text.output
        assert why["status"] == f"{rec['status']} \u2014 {x['status']['why']}"


def test_an_unplaced_party_reads_the_same_everywhere(store):
    (rec,) = [r for r in _records(store) if r["recipient"] and r["recipient"][0]["code"] == "---"]
    x = explanation(rec)
    (party,) = x["parties"]["recipient"]
    assert not party["resolved"] and "Velmora Trading Group" in party["words"]
    assert party["entity_type"] and "not in the actor data" in party["why"]
    text = explain_text(x)
    assert f"unresolved recipient: {party['words']} [{party['entity_type']}] - {party['why']}" in text
    why = {w["label"]: w["value"] for w in why_items(x)}
    assert why["recipient"].startswith("unresolved (---) \u2190 \u201c") and party["why"] in why["recipient"]
    assert f"-> ---({party['words']})" in text.splitlines()[0]
