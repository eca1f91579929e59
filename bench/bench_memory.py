"""Peak memory of the CLI path, 1,000 vs 10,000 articles: it must stay flat.

Each size runs ``dateline extract FILE.jsonl --format jsonl`` in a fresh process on
generated articles (bench/generate.py: varied actors, verbs and dates; no real text), and
the peak RSS is that process's own (``os.wait4``). ``extract`` streams: it reads, analyses
and writes one batch of articles at a time, so nothing it holds may grow with the input.

Articles are short by default (``--paragraphs 1``: two or three sentences) so that 10,000
of them run in minutes on a busy 2-core machine; what could grow with the number of
articles (documents, caches keyed by article or phrase) grows with their count, not their
length.

    python -m bench memory [--sizes 1000,10000] [--paragraphs 1]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def write_jsonl(path: Path, n: int, paragraphs: int) -> None:
    """n generated articles as extract input, each keeping ``paragraphs`` paragraphs."""
    from bench.generate import article_text

    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            title, _, rest = article_text(i, rng).partition("\n\n")
            published, _, body = rest.partition("\n\n")
            body = "\n\n".join(body.strip().split("\n\n")[:paragraphs])
            f.write(json.dumps({"id": f"gen{i}", "title": title, "text": body,
                                "published": published.replace("Published ", "").strip()}) + "\n")


def run_one(jsonl: Path, out: Path) -> dict:
    """``dateline extract`` over ``jsonl`` in its own process: seconds, events, peak RSS."""
    exe = Path(sys.executable).with_name("dateline")
    cmd = ([str(exe)] if exe.exists() else [sys.executable, "-m", "dateline.cli"]) + \
        ["extract", str(jsonl), "--format", "jsonl"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    t0 = time.perf_counter()
    with out.open("w") as f:
        proc = subprocess.Popen(cmd, stdout=f, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    if status != 0:
        raise SystemExit(f"bench memory: {' '.join(cmd)} failed (status {status})")
    return {"seconds": seconds, "peak_mb": usage.ru_maxrss / 1024, "cpu_s": usage.ru_utime + usage.ru_stime,
            "events": sum(1 for _ in out.open(encoding="utf-8"))}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--paragraphs", type=int, default=1, help="paragraphs kept per generated article")
    args = parser.parse_args(argv if argv is not None else [])
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        for n in sizes:
            jsonl = Path(tmp) / f"in{n}.jsonl"
            write_jsonl(jsonl, n, args.paragraphs)
            r = run_one(jsonl, Path(tmp) / f"out{n}.jsonl")
            r.update(articles=n, input_mb=jsonl.stat().st_size / 1e6)
            rows.append(r)
            jsonl.unlink()
    print(f"dateline extract on generated articles ({args.paragraphs} paragraph(s) each); "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"{'articles':>9} {'input MB':>9} {'events':>7} {'seconds':>8} {'CPU s':>7} {'peak RSS MB':>12}")
    for r in rows:
        print(f"{r['articles']:>9,} {r['input_mb']:>9.1f} {r['events']:>7,} {r['seconds']:>8.1f} "
              f"{r['cpu_s']:>7.1f} {r['peak_mb']:>12.0f}")
    if len(rows) >= 2:
        print(f"peak RSS {rows[-1]['articles']:,} vs {rows[0]['articles']:,} articles: "
              f"{rows[-1]['peak_mb'] / rows[0]['peak_mb']:.2f}x (flat: <= 1.10x)")
    out_dir = ROOT / "bench" / "results"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "memory.json").write_text(json.dumps(rows, indent=1), "utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
