"""The runners: local process pool and Ray Data write the same store, resumably.

Ray tests are marked ``ray`` (run them alone with ``-m ray``); each starts Ray on this
machine with 2 CPUs, no dashboard, and shuts it down; the slowest takes well under a minute.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.ingest.warc import Page, write_warc
from dateline.runners.local import run_local
from dateline.runners.work import DONE_DIR, is_done, list_units
from helpers import mixed_pages, news_article, news_html, news_pages

ROOT = Path(__file__).resolve().parents[1]


def store_rows(store: Path) -> dict[str, list]:
    """Every table's rows without the columns that name a batch or a time of writing."""
    import pyarrow.parquet as pq

    from dateline.store.schema import TABLES

    volatile = {"batch", "ingested_at", "at"}
    out = {}
    for table in TABLES:
        rows = []
        for part in sorted((store / table).glob("part-*.parquet")):
            for row in pq.read_table(part).to_pylist():
                rows.append(json.dumps({k: v for k, v in row.items() if k not in volatile},
                                       sort_keys=True, default=str))
        out[table] = sorted(rows)
    return out


def current_clusters(store: Path) -> dict[str, str]:
    """event id -> its current cluster (the latest assignment row), {} without clusters."""
    import duckdb

    if not list((store / "event_clusters").glob("part-*.parquet")):
        return {}
    return dict(duckdb.sql(f"select event_id, arg_max(cluster_id, batch) from "
                           f"'{store}/event_clusters/part-*.parquet' group by event_id").fetchall())


def assert_same_content(a: Path, b: Path) -> None:
    """Same articles, events, timexes, failures, and every event in the same cluster.

    The cluster tables keep a history per batch, so stores written with different batch
    boundaries (another --batch-size, a resumed run) differ there; what must agree is the
    current cluster of every event.
    """
    rows_a, rows_b = store_rows(a), store_rows(b)
    for table in ("articles", "events", "timexes", "failures"):
        assert rows_a[table] == rows_b[table], table
    assert current_clusters(a) == current_clusters(b)


@pytest.fixture(scope="module")
def stages():
    """Every default stage (a stage that does not load is a failure, not fewer stages)."""
    from dateline import pipeline

    return list(pipeline.DEFAULT_STAGES)


@pytest.fixture()
def inputs(tmp_path):
    """A crawl with non-articles, a second WARC, a JSONL file and a plain-text file."""
    folder = tmp_path / "in"
    folder.mkdir()
    write_warc(folder / "crawl-1.warc.gz", mixed_pages())
    write_warc(folder / "crawl-2.warc", news_pages(6, start=200))
    with open(folder / "feed.jsonl", "w") as f:
        for n in (300, 301):
            title, paragraphs = news_article(n)
            f.write(json.dumps({"title": title, "published": "2024-03-01",
                                "text": "\n\n".join(paragraphs)}) + "\n")
    (folder / "note.txt").write_text("\n\n".join(news_article_text(400)), "utf-8")
    return folder


def news_article_text(n):
    title, paragraphs = news_article(n)
    return [title, "March 4, 2024", *paragraphs]


def test_local_engine_stores_every_unit_and_marks_it_done(inputs, store_dir, stages):
    units = list_units([str(inputs)])
    assert [Path(u).name for u in units] == ["crawl-1.warc.gz", "crawl-2.warc", "feed.jsonl", "note.txt"]
    finished = []
    summary = run_local(units, store_dir, workers=1, stages=stages, batch_size=4, chunk_size=3,
                        on_unit_done=lambda u, c: finished.append((Path(u).name, c)))
    # 5 distinct articles + 1 copy in crawl-1, 6 in crawl-2, 2 JSONL records, 1 text file
    assert summary.ingested == 14 and summary.duplicates == 1
    assert len(summary.skipped) == 4 and not summary.failed
    assert [name for name, _ in finished] == ["crawl-1.warc.gz", "crawl-2.warc", "feed.jsonl", "note.txt"]
    assert finished[0][1].records == 10 and finished[0][1].skipped == 4
    assert all(is_done(store_dir, u) for u in units)
    rows = store_rows(store_dir)
    assert len(rows["articles"]) == 14 and len(rows["failures"]) == 4
    ids = [json.loads(r)["id"] for r in rows["articles"]]
    assert len(set(ids)) == len(ids)
    if "timex" in stages:
        assert rows["timexes"]

    again = run_local(units, store_dir, workers=1, stages=stages)
    assert again.units_done_before == 4 and again.ingested == 0 and store_rows(store_dir) == rows


def test_two_processes_and_in_process_give_the_same_store(inputs, tmp_path, stages):
    units = list_units([str(inputs)])
    run_local(units, tmp_path / "a", workers=2, stages=stages, batch_size=5, chunk_size=2)
    run_local(units, tmp_path / "b", workers=0, stages=stages, batch_size=64, chunk_size=16)
    assert_same_content(tmp_path / "a", tmp_path / "b")


def test_interrupted_unit_resumes_without_losing_or_doubling(inputs, tmp_path, stages):
    """A batch lost in a crash, no done marker: the re-run redoes exactly what is missing."""
    units = list_units([str(inputs)])
    full = tmp_path / "full"
    run_local(units, full, workers=0, stages=stages, batch_size=3)
    expected = store_rows(full)

    crashed = tmp_path / "crashed"
    run_local(units, crashed, workers=0, stages=stages, batch_size=3)
    parts = sorted((crashed / "articles").glob("part-*.parquet"))
    parts[len(parts) // 2].unlink()                  # that batch never committed
    for marker in (crashed / DONE_DIR).iterdir():     # and no unit was reported done
        marker.unlink()
    (crashed / "events").mkdir(exist_ok=True)
    (crashed / "events" / ".tmp-20240101T000000000000-deadbeef.parquet").write_bytes(b"half")

    resumed = run_local(units, crashed, workers=1, stages=stages, batch_size=3)
    assert resumed.ingested == 3                      # the lost batch, nothing else
    assert store_rows(crashed) == expected


def test_pathological_inputs_are_capped(tmp_path, store_dir, configure):
    configure(max_input_bytes=30_000)
    huge = news_html(9).replace("</article>", "<p>" + "The talks went on. " * 3000 + "</p></article>")
    warc = write_warc(tmp_path / "huge.warc.gz", [Page("https://x.example/huge", huge.encode()),
                                                   *news_pages(2, start=500)])
    summary = run_local([str(warc)], store_dir, workers=0, stages=[])
    assert summary.ingested == 2 and summary.skipped_kinds["over the size limit"] == 1


def test_run_command_reports_and_exit_codes(inputs, store_dir, stages, monkeypatch):
    from dateline.cli import cli

    monkeypatch.setenv("DATELINE_STAGES", ",".join(stages))
    runner = CliRunner()
    result = runner.invoke(cli, ["run", str(inputs), "--store", str(store_dir), "--workers", "0"])
    assert result.exit_code == 0, result.output
    assert "done: " in result.output and "ingested 14" in result.output
    assert "skipped 1: HTTP status 301" in result.output

    result = runner.invoke(cli, ["run", str(inputs / "missing.warc"), "--store", str(store_dir)])
    assert result.exit_code == 2 and "no such file" in result.output and "Traceback" not in result.output
    result = runner.invoke(cli, ["run", str(inputs), "--address", "auto", "--store", str(store_dir)])
    assert result.exit_code == 2 and "--engine ray" in result.output


def test_unknown_stage_is_one_clear_error(inputs, store_dir):
    from dateline.errors import DatelineError

    with pytest.raises(DatelineError, match="unknown stage 'nope'"):
        run_local(list_units([str(inputs)]), store_dir, workers=0, stages=["nope"])


# --------------------------------------------------------------------------------------
# Ray
# --------------------------------------------------------------------------------------


def _need_ray():
    pytest.importorskip("ray")


def run_cli(args: list[str], env: dict[str, str], timeout: float) -> subprocess.CompletedProcess:
    """`dateline ARGS` in its own process group, killed whole (Ray included) on timeout."""
    proc = subprocess.Popen([sys.executable, "-m", "dateline.cli", *args], env=env, text=True,
                            start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(f"`dateline {' '.join(args[:3])}...` ran past {timeout} s")
    return subprocess.CompletedProcess(args, proc.returncode, out, err)


def ray_env(stages: list[str], block_bytes: int) -> dict[str, str]:
    return {**os.environ, "DATELINE_STAGES": ",".join(stages),
            "DATELINE_RAY_BLOCK_BYTES": str(block_bytes),   # several blocks: both actors work
            "DATELINE_RAY_NUM_CPUS": "2"}


@pytest.mark.ray
def test_ray_engine_writes_the_same_store_as_the_local_engine(inputs, tmp_path, stages):
    _need_ray()
    units = list_units([str(inputs)])
    run_local(units, tmp_path / "local", workers=2, stages=stages, batch_size=4)
    result = run_cli(["run", "--engine", "ray", "--workers", "2", "--batch-size", "4", "--chunk-size", "4",
                      str(inputs), "--store", str(tmp_path / "ray")], ray_env(stages, 20_000), timeout=240)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "ingested 14" in result.stderr and "duplicates 1" in result.stderr
    assert store_rows(tmp_path / "ray") == store_rows(tmp_path / "local")
    assert all(is_done(tmp_path / "ray", u) for u in units)


@pytest.mark.ray
@pytest.mark.slow
def test_killed_ray_run_finishes_on_rerun_with_nothing_lost_or_doubled(tmp_path, stages):
    _need_ray()
    warcs = tmp_path / "in"
    warcs.mkdir()
    write_warc(warcs / "a.warc.gz", news_pages(40, start=1000))
    write_warc(warcs / "b.warc.gz", [*news_pages(20, start=2000), *mixed_pages()])
    units = list_units([str(warcs)])
    run_local(units, tmp_path / "expected", workers=0, stages=stages)
    expected = store_rows(tmp_path / "expected")

    store = tmp_path / "store"
    env = ray_env(stages, 8000)
    args = ["run", "--engine", "ray", "--workers", "1", "--batch-size", "3", "--chunk-size", "3",
            str(warcs), "--store", str(store)]
    proc = subprocess.Popen([sys.executable, "-m", "dateline.cli", *args], env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 180
        while time.time() < deadline and len(list((store / "articles").glob("part-*"))) < 3:
            assert proc.poll() is None, "the run ended before it could be killed"
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)      # the driver and the Ray it started
        proc.wait()
    partial = store_rows(store)
    assert 0 < len(partial["articles"]) < len(expected["articles"])

    rerun = run_cli(args, env, timeout=240)
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert "stored by an earlier run" in rerun.stderr
    assert_same_content(store, tmp_path / "expected")
    final = store_rows(store)
    ids = [json.loads(r)["id"] for r in final["articles"]]
    assert len(ids) == len(set(ids))
    sources = [json.loads(r)["source"] for r in final["failures"]]
    assert len(sources) == len(set(sources))
