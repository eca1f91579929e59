"""`dateline extract`: JSONL articles in, one event record per line out (no store)."""
from __future__ import annotations

import json

from click.testing import CliRunner

from dateline.cli import cli

ARTICLES = [
    {"id": "a1.txt", "published": "2023-05-10",
     "text": "On Tuesday, China condemned the United States over the arms sale.\n\n"
             "Officials in Beijing gave no further details."},
    {"id": "a2.txt", "title": "Russia and Turkey agree grain deal",
     "text": "Russia will meet Turkey in Istanbul on Friday, officials said."},
]


def _run(args, stdin):
    return CliRunner().invoke(cli, args, input=stdin)


def test_extract_jsonl_records(nlp, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    res = _run(["extract", str(src), "--format", "jsonl"], None)
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in res.output.splitlines() if line.startswith("{")]
    by_source = {r["article"]["source"]: r for r in recs}
    a1 = by_source["a1.txt"]
    assert a1["event"] == "ACCUSE" and a1["date"] == "2023-05-09"
    assert [a["code"] for a in a1["actor"]] == ["CHN"] and [r["code"] for r in a1["recipient"]] == ["USA"]
    body = ARTICLES[0]["text"]
    assert body[a1["text_info"]["start"]:a1["text_info"]["end"]] == a1["event_text"]
    a2 = by_source["a2.txt"]
    assert a2["event"] == "CONSULT" and a2["status"] == "planned" and a2["article"]["title"]


def test_extract_reads_stdin_and_explains(nlp):
    res = _run(["extract", "-", "--format", "explain"], json.dumps(ARTICLES[0]) + "\n")
    assert res.exit_code == 0, res.output
    rec = json.loads([line for line in res.output.splitlines() if line.startswith("{")][0])
    assert rec["explain"]["pattern"] == rec["rule"] and rec["explain"]["sentence"] == rec["event_text"]


def test_extract_bad_input_is_one_clear_line(nlp):
    res = _run(["extract", "-"], "{not json\n")
    assert res.exit_code != 0
    assert "line 1 is not valid JSON" in res.output and "Traceback" not in res.output


def test_explain_reads_extract_output(nlp, tmp_path):
    res = _run(["extract", "-", "--format", "explain"], json.dumps(ARTICLES[0]) + "\n")
    out = tmp_path / "ev.jsonl"
    out.write_text(res.output, encoding="utf-8")
    rec = json.loads([line for line in res.output.splitlines() if line.startswith("{")][0])
    res = _run(["explain", rec["id"][:8], "--from-file", str(out)], None)
    assert res.exit_code == 0, res.output
    for words in ("trigger:", "pattern:", "parse:", "actors:", "status:", "date:", "condemned"):
        assert words in res.output
    res = _run(["explain", "nosuchid", "--from-file", str(out)], None)
    assert res.exit_code != 0 and "no event" in res.output and "Traceback" not in res.output


def test_events_and_explain_from_the_store(nlp, tmp_path):
    src = tmp_path / "a1.txt"
    src.write_text("China condemns US arms sale\n\n" + ARTICLES[0]["text"] + "\n", encoding="utf-8")
    store = tmp_path / "store"
    res = _run(["ingest", str(src), "--published", "2023-05-10", "--store", str(store)], None)
    assert res.exit_code == 0, res.output
    res = _run(["events", "--store", str(store), "--actor", "chn", "--format", "jsonl"], None)
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in res.output.splitlines() if line.startswith("{")]
    assert recs and recs[0]["event"] == "ACCUSE" and recs[0]["article"]["source"].endswith("a1.txt")
    res = _run(["events", "--store", str(store)], None)
    assert "ACCUSE" in res.output
    res = _run(["explain", recs[0]["id"], "--store", str(store)], None)
    assert res.exit_code == 0 and "pattern:" in res.output and "condemned" in res.output
    res = _run(["events", "--store", str(tmp_path / "none")], None)
    assert res.exit_code != 0 and "no store" in res.output
