"""Event queries through the HTTP API on 100,000 events, against a plain DuckDB query.

The store is generated (dateline.server.synthetic: rows written with the real store writer,
no spaCy). Each query is timed side by side, median of several runs, as:

* ``http``   GET /api/events over a real `dateline serve` on 127.0.0.1 (JSON page of 50 + the
  total count for paging: what the web page asks for); ``first`` is the first request for a
  filter set (the total is counted), ``next`` the median of the following pages (the server
  remembers the total until a new batch is committed);
* ``store``  Store.events(...) with the same filters (what the API calls);
* ``duckdb`` a plain DuckDB query over the events Parquet files for the same rows (no
  current-version views, no JSON), the floor.

Ratios are first/duckdb, next/duckdb and store/duckdb. The rows are checked to be the same.
Run: python -m bench api   (or python bench/bench_api.py [N_EVENTS]).
"""
from __future__ import annotations

import json
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

QUERIES = [
    ("actor+quad+dates", {"actor": "USA", "quad": 4, "from": "2024-01", "to": "2024-06"},
     "list_contains(actor_codes, 'USA') AND quad_code = 4 AND date >= '2024-01' AND substr(date, 1, 7) <= '2024-06'"),
    ("dyad+status", {"actor": "RUS", "recipient": "UKR", "status": "occurred"},
     "list_contains(actor_codes, 'RUS') AND list_contains(recipient_codes, 'UKR') AND status = 'occurred'"),
    ("type+text", {"type": "SANCTION", "q": "sanctions on Iran"},
     "event = 'SANCTION' AND event_text ILIKE '%sanctions on Iran%'"),
    ("deep page", {"offset": 90000},
     "true"),
]
RUNS = 7


def _median(fn, runs: int = RUNS) -> float:
    fn()  # warm
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _serve(store: Path):
    proc = subprocess.Popen([sys.executable, "-m", "dateline.cli", "serve", "--store", str(store),
                             "--port", "0", "--read-only"], stderr=subprocess.PIPE, text=True)
    found: dict[str, str] = {}
    ready = threading.Event()

    def read():
        for line in proc.stderr:
            m = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
            if m and not ready.is_set():
                found["url"] = m.group(1)
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    if not ready.wait(60):
        proc.kill()
        raise RuntimeError("dateline serve did not start")
    return proc, found["url"]


def main(n_events: int | None = None) -> None:
    import duckdb

    from dateline.server.synthetic import write_synthetic_store
    from dateline.store.read import Store

    n_events = n_events or 100_000
    with tempfile.TemporaryDirectory() as tmp:
        store_path = Path(tmp) / "store"
        t = time.perf_counter()
        counts = write_synthetic_store(store_path, n_events)
        print(f"store: {counts['events']:,} events in {counts['articles']:,} articles "
              f"(written in {time.perf_counter() - t:.1f} s)")
        store = Store.open(store_path)
        con = duckdb.connect()
        parts = str(store_path / "events" / "part-*.parquet")
        proc, url = _serve(store_path)
        try:
            print(f"{'query':18} {'total':>6} {'first ms':>9} {'next ms':>8} {'store ms':>9} "
                  f"{'duckdb ms':>10} {'first/duckdb':>13} {'next/duckdb':>12} {'store/duckdb':>13}")
            for name, params, where in QUERIES:
                offset = int(params.get("offset", 0))
                store_kw = {"date_from" if k == "from" else "date_to" if k == "to" else k: v
                            for k, v in params.items() if k != "offset"}
                plain_sql = (f"SELECT * FROM read_parquet('{parts}') WHERE {where} "
                             f"ORDER BY date DESC NULLS LAST, id LIMIT 50 OFFSET {offset}")
                count_sql = f"SELECT count(*) FROM read_parquet('{parts}') WHERE {where}"
                qs = urllib.parse.urlencode({**params, "limit": 50})
                qs_next = urllib.parse.urlencode({**params, "limit": 50, "offset": offset + 50})

                def http(query=qs):
                    with urllib.request.urlopen(f"{url}api/events?{query}", timeout=60) as r:
                        return json.loads(r.read())

                def via_store():
                    rows = store.events(**store_kw, limit=50, offset=offset)
                    return rows

                def plain():
                    rows = con.sql(plain_sql).to_arrow_table()
                    total = con.sql(count_sql).fetchall()[0][0]
                    return rows, total

                t = time.perf_counter()
                body = http()
                t_first = time.perf_counter() - t
                rows, total = plain()
                assert [e["id"] for e in body["events"]] == rows.column("id").to_pylist(), name
                assert body["total"] == total, (name, body["total"], total)
                assert via_store().column("id").to_pylist() == rows.column("id").to_pylist()
                t_next = _median(lambda: http(qs_next))
                t_store, t_plain = _median(via_store), _median(plain)
                print(f"{name:18} {total:>6} {t_first * 1000:>9.1f} {t_next * 1000:>8.1f} "
                      f"{t_store * 1000:>9.1f} {t_plain * 1000:>10.1f} {t_first / t_plain:>13.1f} "
                      f"{t_next / t_plain:>12.1f} {t_store / t_plain:>13.1f}")
        finally:
            proc.terminate()
            proc.wait(10)
    print("(first/next = JSON page of 50 + total over HTTP on 127.0.0.1, total counted / "
          "remembered; duckdb = the same page and count straight from the Parquet parts)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else None)
