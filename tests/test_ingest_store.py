"""The ingest job and the store: idempotency, versions, concurrent reading, crash safety."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dateline.job import ingest
from dateline.store.read import Store

ROOT = Path(__file__).resolve().parents[1]
DATELINE = [sys.executable, "-m", "dateline.cli"]

PLACES = ["Geneva", "Nairobi", "Hanoi", "Lima", "Oslo", "Accra", "Quito", "Riga", "Dakar", "Baku"]


def make_articles(folder: Path, n: int, start: int = 0) -> list[Path]:
    """n distinct small articles written by the test (no external text)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        place = PLACES[i % len(PLACES)]
        p = folder / f"art{i:05d}.txt"
        p.write_text(
            f"Officials meet in {place} for round {i}\n\n"
            f"Published 2024-03-{(i % 27) + 1:02d}\n\n"
            f"Delegations from two countries met in {place} on Monday for the {i}th round of talks "
            f"on trade and border security, officials said.\n\n"
            f"The ministers agreed to meet again next month, according to a joint statement number {i}.\n",
            encoding="utf-8")
        paths.append(p)
    return paths


def run_cli(*args, **kw):
    return subprocess.run([*DATELINE, *args], capture_output=True, text=True, cwd=ROOT, **kw)


def test_ingest_twice_adds_nothing_and_reports_duplicates(tmp_path, store_dir):
    make_articles(tmp_path / "in", 3)
    first = ingest([str(tmp_path / "in")], store_dir)
    assert (first.ingested, first.duplicates, first.failed) == (3, 0, [])
    again = ingest([str(tmp_path / "in")], store_dir)
    assert (again.ingested, again.duplicates) == (0, 3)
    s = Store.open(store_dir)
    assert s.stats()["articles"] == 3
    assert {r["published"] for r in s.articles().to_pylist()} == {"2024-03-01", "2024-03-02", "2024-03-03"}


def test_same_url_changed_body_is_a_new_version(tmp_path, store_dir):
    rec = {"url": "http://example.org/story", "title": "Talks", "published": "2024-05-01",
           "text": "The two governments held talks in Oslo on Monday about fishing rights."}
    p1 = tmp_path / "v1.jsonl"
    p1.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    ingest([str(p1)], store_dir)
    rec["text"] += " Updated: the talks will continue on Tuesday."
    p2 = tmp_path / "v2.jsonl"
    p2.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    summary = ingest([str(p2)], store_dir)
    assert summary.new_versions == 1 and summary.ingested == 1
    s = Store.open(store_dir)
    st = s.stats()
    assert (st["articles"], st["article_versions"]) == (1, 2)
    (current,) = s.articles(columns="body, source").to_pylist()
    assert "Updated" in current["body"] and current["source"].endswith("v2.jsonl#1")


def test_one_bad_file_is_reported_and_the_rest_land(tmp_path, store_dir):
    make_articles(tmp_path / "in", 2)
    (tmp_path / "in" / "zz_empty.txt").write_bytes(b"")
    (tmp_path / "in" / "zz_binary.txt").write_bytes(bytes(range(200)))
    r = run_cli("ingest", str(tmp_path / "in"), "--store", str(store_dir))
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert "zz_empty.txt: empty input" in r.stderr and "zz_binary.txt: binary data" in r.stderr
    assert Store.open(store_dir).stats()["articles"] == 2
    assert Store.open(store_dir).stats()["failures"] == 2


def test_cli_user_errors_are_one_line(tmp_path, store_dir):
    r = run_cli("ingest", str(tmp_path / "nope.txt"), "--store", str(store_dir))
    assert r.returncode == 1 and "nope.txt: no such file or directory" in r.stderr
    r = run_cli("ingest", str(tmp_path), "--published", "yesterday-ish", "--store", str(store_dir))
    assert r.returncode == 2 and "is not a date" in r.stderr and "Traceback" not in r.stderr
    r = run_cli("stats", "--store", str(tmp_path / "no-store"))
    assert r.returncode == 2 and "no store at" in r.stderr and "Traceback" not in r.stderr


def test_export_articles_contract(tmp_path, store_dir):
    make_articles(tmp_path / "in", 1)
    rec = {"id": "r1", "title": "A record", "published": "2024-02-02",
           "text": "Police arrested protesters in Lima on Friday, a spokesman said."}
    (tmp_path / "in" / "recs.jsonl").write_text(json.dumps(rec) + "\n", encoding="utf-8")
    ingest([str(tmp_path / "in")], store_dir)
    r = run_cli("export", "articles", "--format", "jsonl", "--store", str(store_dir))
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(rows) == 2
    for row in rows:
        assert {"id", "source", "url", "title", "published", "published_source", "body", "language"} <= set(row)
    by_title = {row["title"]: row for row in rows}
    assert by_title["A record"]["source"].endswith("recs.jsonl#1")
    assert by_title["A record"]["published_source"] == "jsonl"
    out = tmp_path / "a.parquet"
    r = run_cli("export", "articles", "--format", "parquet", "-o", str(out), "--store", str(store_dir))
    assert r.returncode == 0
    import pyarrow.parquet as pq
    assert pq.read_table(out).num_rows == 2


def _wait_for(predicate, timeout=120.0, every=0.05):
    end = time.time() + timeout
    while time.time() < end:
        if predicate():
            return True
        time.sleep(every)
    return False


@pytest.mark.slow
def test_reader_sees_whole_batches_while_another_process_ingests(tmp_path, store_dir):
    make_articles(tmp_path / "in", 120)
    proc = subprocess.Popen([*DATELINE, "ingest", str(tmp_path / "in"), "--store", str(store_dir),
                             "--batch-size", "10", "-q"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert _wait_for(lambda: (store_dir / "articles").is_dir())
        reader = Store.open(store_dir)
        seen = []
        while proc.poll() is None:
            n = reader.stats()["articles"]
            assert n % 10 == 0, "a reader must never see half a batch"
            seen.append(n)
            time.sleep(0.02)
        assert proc.returncode == 0
        assert seen == sorted(seen)
        assert reader.stats()["articles"] == 120  # the same reader sees the end without reopening
    finally:
        proc.kill()


@pytest.mark.slow
def test_killed_ingest_then_resumed_loses_and_doubles_nothing(tmp_path, store_dir):
    make_articles(tmp_path / "in", 150)
    cmd = [*DATELINE, "ingest", str(tmp_path / "in"), "--store", str(store_dir), "--batch-size", "10", "-q"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parts = lambda: list((store_dir / "articles").glob("part-*.parquet")) if (store_dir / "articles").is_dir() else []  # noqa: E731
    assert _wait_for(lambda: len(parts()) >= 3)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    s = Store.open(store_dir)
    stored_before = s.stats()["articles"]
    assert 30 <= stored_before < 150
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"duplicates {stored_before}" in done.stderr
    st = s.stats()
    assert st["articles"] == 150 == st["article_versions"]
    ids = s.sql("SELECT count(DISTINCT id) AS n FROM article_versions").to_pylist()[0]["n"]
    assert ids == 150
    # events of a killed batch never show twice
    dup = s.sql("SELECT count(*) AS n FROM (SELECT id FROM events GROUP BY id HAVING count(*) > 1)").to_pylist()
    assert dup[0]["n"] == 0
    assert not list(store_dir.rglob(".tmp-*"))
