"""Ingest throughput and peak memory: 1,000 vs 5,000 generated articles, side by side.

Each size runs `dateline ingest DIR` in its own process (so peak RSS is that run's own), on
articles written by bench/generate.py. Memory must not grow with the number of articles:
the job streams and holds one batch at a time.

    python -m bench ingest            # or: make bench
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.generate import write_articles

SIZES = [int(s) for s in os.environ.get("BENCH_INGEST_SIZES", "1000,5000").split(",")]


def run_one(n: int, tmp: Path) -> dict:
    src = tmp / f"in{n}"
    write_articles(src, n)
    store = tmp / f"store{n}"
    script = (
        "import resource, sys, time, json\n"
        "from dateline.job import ingest\n"
        "t = time.perf_counter()\n"
        f"s = ingest([{str(src)!r}], __import__('pathlib').Path({str(store)!r}))\n"
        "dt = time.perf_counter() - t\n"
        "print(json.dumps({'seconds': dt, 'ingested': s.ingested, 'events': s.events,"
        " 'peak_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    r = json.loads(out.stdout.strip().splitlines()[-1])
    r["n"] = n
    r["articles_per_s"] = r["ingested"] / r["seconds"]
    return r


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        rows = [run_one(n, Path(tmp)) for n in SIZES]
    print(f"{'articles':>9} {'seconds':>8} {'art/s':>7} {'events':>7} {'peak MB':>8}")
    for r in rows:
        print(f"{r['n']:>9} {r['seconds']:>8.1f} {r['articles_per_s']:>7.1f} {r['events']:>7} {r['peak_mb']:>8.0f}")
    if len(rows) >= 2:
        print(f"peak memory ratio {rows[-1]['n']} vs {rows[0]['n']} articles: "
              f"{rows[-1]['peak_mb'] / rows[0]['peak_mb']:.2f} (flat = 1.0)")
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / "ingest.json").write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
