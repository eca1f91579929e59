"""A real `dateline serve` answers while a separate `dateline ingest` writes to its store,
and shows the new articles without a restart."""
from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from dateline.server.api import _paged
from dateline.server.synthetic import write_synthetic_store

ROOT = Path(__file__).resolve().parents[1]
from helpers import Server  # noqa: E402  (the serve subprocess helper)


def _get(url: str):
    with urllib.request.urlopen(url, timeout=30) as r:
        return r.status, json.loads(r.read())


@pytest.mark.slow
def test_serves_during_a_separate_ingest(tmp_path):
    store = tmp_path / "store"
    write_synthetic_store(store, 200)
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i, city in enumerate(["Lisbon", "Warsaw", "Manila"]):
        (inputs / f"a{i}.txt").write_text(
            f"Ministers meet in {city}\n\nPublished 2024-05-0{i + 1}\n\n"
            f"Foreign ministers of Portugal and Poland met in {city} on Monday to discuss trade, "
            f"officials said in statement {i}.\n", encoding="utf-8")
    server = Server(store, "--read-only")
    try:
        before = server.get_json("/api/stats")["articles"]
        ingest = subprocess.Popen([sys.executable, "-m", "dateline.cli", "ingest", str(inputs),
                                   "--store", str(store)], cwd=ROOT,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        answered = 0
        while ingest.poll() is None:
            status, body = _get(server.url + "api/events?limit=5")
            assert status == 200 and body["total"] >= 200
            answered += 1
            time.sleep(0.2)
        out, err = ingest.communicate()
        assert ingest.returncode == 0, err
        assert answered >= 1
        stats = server.get_json("/api/stats")
        assert stats["articles"] == before + 3
        found = server.get_json("/api/articles?q=Warsaw")
        assert found["total"] == 1 and found["articles"][0]["published"] == "2024-05-02"
    finally:
        server.stop()


def test_downloads_are_fetched_in_pages():
    data = list(range(23))
    calls = []

    def fetch(limit, offset):
        calls.append((limit, offset))
        return data[offset:offset + limit]

    assert list(_paged(fetch, limit=12, offset=3, page=5)) == data[3:15]
    assert calls == [(5, 3), (5, 8), (2, 13)]
    calls.clear()
    assert list(_paged(fetch, limit=100, offset=20, page=5)) == data[20:]
    assert calls == [(5, 20)]
