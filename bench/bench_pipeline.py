"""Scale-out benchmark (issue 7): throughput and memory of the whole pipeline, side by side.

One run measures, on the same articles:

1. bare spaCy: ``nlp.pipe`` over the article bodies (batch 16, one process);
2. the full dateline analysis (``pipeline.analyse``: parse + every stage) on those articles,
   as a ratio of (1) -- target >= 0.80. (1) and (2) are interleaved chunk by chunk over
   several rounds (``--rounds``, ``--chunk``) and each side's best round is reported, so a
   busy neighbour on a shared machine hits both sides alike;
3. end to end (WARC -> clean -> analyse -> store) with the local engine, 1 vs 2 worker
   processes -- target speed-up >= 1.8;
4. the same with the Ray engine, 1 vs 2 actors (Ray started once, num_cpus=2);
5. peak memory (driver and largest worker, exact ``ru_maxrss``) of the local engine for
   1,000 vs 10,000 articles, each size in its own process -- target: flat;
6. the one-time loads of a fresh process: the spaCy model, then the gazetteer of the
   ``geo`` stage (seconds, and the peak memory the gazetteer adds).

Articles: the 181 news pages of ../shared/data/article-extraction-benchmark (read at run
time, never copied) when present, else generated pages (bench/generate.py); the memory runs
use generated pages. Wall-clock times include worker start-up (model loading), as a user
sees them.

    python -m bench pipeline
    python bench/bench_pipeline.py [--articles 181] [--memory 1000,10000] [--no-ray]
                                   [--rounds 3] [--chunk 32] [--no-engines]

(``python -m bench pipeline`` runs it with the defaults; pass options to the script itself.)
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def generated_page(i: int, rng: random.Random) -> bytes:
    from html import escape

    from bench.generate import article_text

    title, _, rest = article_text(i, rng).partition("\n\n")
    dateline, _, body = rest.partition("\n\n")
    paras = "".join(f"<p>{escape(p)}</p>" for p in body.split("\n\n") if p.strip())
    published = dateline.replace("Published ", "").strip()
    return (f"<!doctype html><html><head><title>{escape(title)}</title>"
            f'<meta property="article:published_time" content="{published}"></head><body>'
            f"<nav>Home | World | Business</nav><article><h1>{escape(title)}</h1>{paras}</article>"
            f"<footer>About | Contact</footer></body></html>").encode("utf-8")


def pages(n: int, shared: Path, generated: bool = False) -> tuple[list, str]:
    """n WARC pages: the extraction-benchmark news pages (repeated with a marker paragraph
    past 181, so every copy is a distinct article), else generated ones."""
    from dateline.ingest.warc import Page

    folder = shared / "data" / "article-extraction-benchmark" / "html"
    files = sorted(folder.glob("*.html.gz")) if folder.is_dir() and not generated else []
    if files:
        truth = json.loads((folder.parent / "ground-truth.json").read_text("utf-8"))
        out = []
        for i in range(n):
            f = files[i % len(files)]
            html = gzip.decompress(f.read_bytes())
            if i >= len(files):
                html = html.replace(b"</body>", f"<p>Copy {i // len(files)}.</p></body>".encode(), 1)
            url = truth.get(f.name.split(".")[0], {}).get("url") or f"https://example.org/{i}"
            out.append(Page(url=f"{url}#copy{i}" if i >= len(files) else url, body=html,
                            date="2024-03-05T12:00:00Z"))
        return out, f"{len(files)} pages of the article-extraction-benchmark (../shared)"
    rng = random.Random(7)
    return ([Page(url=f"https://news.example.org/{i}", body=generated_page(i, rng))
             for i in range(n)], "generated pages (bench/generate.py)")


def articles_of(warc: Path) -> list:
    from dateline.ingest.readers import RawInput
    from dateline.ingest.warc import iter_warc
    from dateline.runners.work import build

    out = []
    for raw in iter_warc(warc):
        if isinstance(raw, RawInput):
            article, error = build(raw)
            if article is not None:
                out.append(article)
    return out


def load_child() -> None:
    """Print the seconds of loading the spaCy model and then the gazetteer, and the peak RSS
    the gazetteer adds (a fresh process, as a worker starts)."""
    from dateline import nlp
    from dateline.places.gazetteer import gazetteer

    t0 = time.perf_counter()
    nlp.load()
    t1 = time.perf_counter()
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    gazetteer()
    t2 = time.perf_counter()
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"spacy_load_s": t1 - t0, "gazetteer_load_s": t2 - t1,
                      "gazetteer_peak_mb": (rss1 - rss0) / 1024}))


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def memory_child(n: int, tmp: Path, workers: int) -> None:
    """Runs in its own process: ingest n generated articles, print peak RSS as JSON."""
    from dateline.ingest.warc import write_warc
    from dateline.runners.local import run_local

    from dateline.ingest.warc import Page

    rng = random.Random(7)
    lazy = (Page(url=f"https://news.example.org/{i}", body=generated_page(i, rng)) for i in range(n))
    warc = write_warc(tmp / f"mem{n}.warc.gz", lazy)   # streamed: the fixture holds no list
    base_driver = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    summary = run_local([str(warc)], tmp / f"store{n}", workers=workers)
    seconds = time.perf_counter() - t0
    print(json.dumps({
        "articles": summary.ingested, "seconds": seconds,
        "driver_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "driver_before_mb": base_driver / 1024,
        "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "warc_mb": warc.stat().st_size / 1e6,
    }))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=181, help="pages for the throughput runs")
    parser.add_argument("--memory", default="1000,10000", help="sizes for the memory runs ('' to skip)")
    parser.add_argument("--memory-workers", type=int, default=2)
    parser.add_argument("--no-ray", action="store_true")
    parser.add_argument("--no-engines", action="store_true",
                        help="only the bare spaCy vs full analysis comparison (no local/Ray/memory runs)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds of bare spaCy vs analysis")
    parser.add_argument("--chunk", type=int, default=32, help="articles per interleaved chunk")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--load-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--tmp", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv if argv is not None else [])
    if args.memory_child:
        memory_child(args.memory_child, args.tmp, args.memory_workers)
        return
    if args.load_child:
        load_child()
        return

    from dateline import nlp, pipeline
    from dateline.ingest.warc import write_warc
    from dateline.runners.local import run_local

    results: dict = {"cpus": os.cpu_count(), "stages": list(pipeline.DEFAULT_STAGES)}
    with tempfile.TemporaryDirectory(prefix="bench-pipeline-") as tmpdir:
        tmp = Path(tmpdir)
        # Memory runs first, each in a fresh process: Linux keeps a process's peak RSS across
        # exec, so a child started after this process loaded spaCy would report its peak.
        sizes = [] if args.no_engines else [int(s) for s in args.memory.split(",") if s.strip()]
        for n in sizes:
            out = subprocess.run([sys.executable, __file__, "--memory-child", str(n), "--tmp", str(tmp),
                                  "--memory-workers", str(args.memory_workers)],
                                 capture_output=True, text=True, check=True, cwd=ROOT)
            results[f"memory_{n}"] = json.loads(out.stdout.strip().splitlines()[-1])

        # one-time loads of a worker process, side by side: the spaCy model, then the
        # gazetteer of the geo stage (dateline.places), with the memory the latter adds
        out = subprocess.run([sys.executable, __file__, "--load-child"], capture_output=True,
                             text=True, check=True, cwd=ROOT)
        results["loads"] = json.loads(out.stdout.strip().splitlines()[-1])

        page_list, source = pages(args.articles, args.shared)
        warc = write_warc(tmp / "input.warc.gz", page_list)
        results["input"] = f"{len(page_list)} {source}"

        t0 = time.perf_counter()
        arts = articles_of(warc)
        results["clean_per_s"] = len(arts) / (time.perf_counter() - t0)
        english = [a for a in arts if a.language in (None, "en")]
        texts = [pipeline.text_for(a)[0] for a in english]
        results["english_articles"] = len(english)
        results["words"] = sum(len(t.split()) for t in texts)
        model = nlp.load()
        for name in pipeline.DEFAULT_STAGES:
            pipeline.get_stage(name)
        list(pipeline.analyse(english[:8]))                   # warm up both sides
        results.update(_throughput(model, english, texts, args.rounds, args.chunk))

        if args.no_engines:
            print(report(results))
            _write(results)
            return
        stored = {}
        for workers in (1, 2):
            store = tmp / f"local{workers}"
            cpu0 = _cpu_seconds()
            seconds = timed(lambda: stored.__setitem__(workers, run_local([str(warc)], store, workers=workers)))
            results[f"local_{workers}_per_s"] = stored[workers].ingested / seconds
            # CPU time of driver + workers (the pool is joined, so its usage is counted):
            # the basis of the worker-hour estimates, less sensitive to a busy machine than wall time
            results[f"local_{workers}_cpu_s_per_article"] = (_cpu_seconds() - cpu0) / max(1, stored[workers].ingested)
        results["stored"] = stored[1].ingested

        if not args.no_ray:
            try:
                results.update(_ray_runs(warc, tmp))
            except ImportError:
                results["ray"] = "not installed"


    print(report(results))
    _write(results)


def _write(results: dict) -> None:
    out_dir = ROOT / "bench" / "results"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "pipeline.json").write_text(json.dumps(results, indent=1, sort_keys=True), "utf-8")


def _throughput(model, english: list, texts: list[str], rounds: int, chunk: int) -> dict:
    """Bare spaCy vs the full analysis, interleaved so that both sides share the machine's noise.

    Each round walks the articles in chunks and times, per chunk, bare ``nlp.pipe`` (the
    pipeline package loaded without our paragraph-start component, batch 16) and ``pipeline.analyse``
    (parse + every stage, stage by stage) on the same chunk, swapping which side goes first
    from chunk to chunk. A busy neighbour only ever adds time, so the figures are each side's
    best round (the fastest sum over all articles) and the per-round ratios' median; the
    process's CPU seconds are kept beside the wall-clock ones (less sensitive to neighbours).
    """
    import spacy

    # bare spaCy: the same pipeline package loaded on its own, without our component (toggling
    # the component on the shared pipeline between chunks would be timed as well)
    bare_model = spacy.load(model.path)
    list(bare_model.pipe(texts[:8], batch_size=16))          # warm up
    spacy_rounds, full_rounds, stage_rounds, spacy_cpu, full_cpu = [], [], [], [], []
    for r in range(rounds):
        _forget_phrases()       # every round starts with a cold phrase cache, as a fresh worker
        wall = {"spacy": 0.0, "full": 0.0}
        cpu = {"spacy": 0.0, "full": 0.0}
        stages: dict[str, float] = {}
        for k, lo in enumerate(range(0, len(english), chunk)):
            def bare():
                list(bare_model.pipe(texts[lo:lo + chunk], batch_size=16))

            def full():
                _analyse_with_stage_times(english[lo:lo + chunk], stages)

            for side, fn in ([("full", full), ("spacy", bare)] if (r + k) % 2 else
                             [("spacy", bare), ("full", full)]):
                c0, w0 = time.process_time(), time.perf_counter()
                fn()
                wall[side] += time.perf_counter() - w0
                cpu[side] += time.process_time() - c0
        spacy_rounds.append(wall["spacy"])
        full_rounds.append(wall["full"])
        spacy_cpu.append(cpu["spacy"])
        full_cpu.append(cpu["full"])
        stage_rounds.append(stages)
    best = min(range(rounds), key=lambda i: full_rounds[i])
    ratios = sorted(s / f for s, f in zip(spacy_rounds, full_rounds))
    n = len(english)
    return {"rounds": rounds, "chunk": chunk,
            "spacy_rounds_s": spacy_rounds, "full_rounds_s": full_rounds,
            "spacy_rounds_cpu_s": spacy_cpu, "full_rounds_cpu_s": full_cpu,
            "spacy_seconds": min(spacy_rounds), "full_seconds": min(full_rounds),
            "spacy_per_s": n / min(spacy_rounds), "full_per_s": n / min(full_rounds),
            "ratio_median": ratios[len(ratios) // 2],
            "ratio_cpu": min(spacy_cpu) / min(full_cpu),
            # the best full round against the bare spaCy of the same round
            "beyond_spacy_best_round_s": full_rounds[best] - spacy_rounds[best],
            # per-stage seconds: each stage's fastest round (stages are timed inside full runs)
            "stage_seconds": {name: min(st.get(name, 0.0) for st in stage_rounds)
                              for name in stage_rounds[best]},
            "stage_seconds_best_round": stage_rounds[best]}


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _forget_phrases() -> None:
    from dateline.actors import resolve

    forget = getattr(resolve, "forget_phrases", None)
    if forget is not None:
        forget()
    elif hasattr(resolve, "_resolve_phrase_cached"):    # before the phrase cache had a name
        resolve._resolve_phrase_cached.cache_clear()


def _analyse_with_stage_times(articles, seconds: dict) -> None:
    """pipeline.analyse with each stage (and its batch hook) wrapped in a timer (same calls,
    same order)."""
    from dateline import pipeline

    names = list(pipeline.DEFAULT_STAGES)
    originals = {n: pipeline.get_stage(n) for n in names}

    def timer(name, fn):
        def wrapped(document):
            t0 = time.perf_counter()
            fn(document)
            seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - t0
        if getattr(fn, "prepare", None) is not None:   # the stage's batch hook counts as the stage
            wrapped.prepare = timer(name, fn.prepare)
        return wrapped

    for n in names:
        pipeline.register(n, timer(n, originals[n]))
    try:
        list(pipeline.analyse(articles))
    finally:
        for n in names:
            pipeline.register(n, originals[n])


def _ray_runs(warc: Path, tmp: Path) -> dict:
    import ray

    from dateline.runners.ray import run_ray

    out = {}
    os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "fatal")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    try:
        for workers in (1, 2):
            t0 = time.perf_counter()
            summary = run_ray([str(warc)], tmp / f"ray{workers}", workers=workers)
            out[f"ray_{workers}_per_s"] = summary.ingested / (time.perf_counter() - t0)
    finally:
        ray.shutdown()
    return out


def report(r: dict) -> str:
    def row(name, value, note=""):
        return f"| {name:<58} | {value:>14} | {note:<26} |"

    lines = [f"Input: {r['input']}; {r['english_articles']} English articles, {r['words']:,} words "
             f"in bodies; {r['cpus']} CPUs; stages: {', '.join(r['stages'])}", "",
             row("measure", "value", "target"), row("-" * 58, "-" * 14, "-" * 26)]
    ratio = r["full_per_s"] / r["spacy_per_s"]
    per100 = 100 / max(1, r["english_articles"])
    lines += [row(f"bare spaCy nlp.pipe over the bodies (articles/s, best of {r['rounds']})", f"{r['spacy_per_s']:.2f}"),
              row(f"full dateline analysis, same articles (articles/s, best of {r['rounds']})", f"{r['full_per_s']:.2f}"),
              row("  ratio to bare spaCy (best rounds)", f"{ratio:.2f}", ">= 0.80 " + ("met" if ratio >= 0.8 else "NOT met")),
              row("  ratio to bare spaCy (median of per-round ratios)", f"{r['ratio_median']:.2f}",
                  "rounds: " + " ".join(f"{s / f:.2f}" for s, f in zip(r["spacy_rounds_s"], r["full_rounds_s"]))),
              row("  ratio to bare spaCy in CPU seconds (best rounds)", f"{r['ratio_cpu']:.2f}")]
    spent = r["stage_seconds"]
    spacy100 = f"spaCy: {per100 * r['spacy_seconds']:.2f}"
    lines += [row(f"  stage {name}: seconds per 100 articles", f"{per100 * s:.2f}", spacy100)
              for name, s in spent.items()]
    if "loads" in r:
        ld = r["loads"]
        lines.append(row("one-time loads per process: gazetteer / spaCy model (s)",
                         f"{ld['gazetteer_load_s']:.2f} / {ld['spacy_load_s']:.2f}",
                         f"gazetteer +{ld['gazetteer_peak_mb']:.0f} MB peak RSS"))
    beyond = r["full_seconds"] - r["spacy_seconds"]
    parse_extra = r["beyond_spacy_best_round_s"] - sum(r["stage_seconds_best_round"].values())
    lines += [row("  everything beyond bare spaCy: s per 100 articles", f"{per100 * beyond:.2f}",
                  f"<= {0.25 * per100 * r['spacy_seconds']:.2f} (25% of spaCy)"),
              row("  of which parse + overhead (best round): s per 100 articles", f"{per100 * parse_extra:.2f}",
                  "noise, cache effects")]
    if "local_1_per_s" not in r:
        return "\n".join(lines)
    lines += [row("cleaning (WARC record -> Article), one process (articles/s)", f"{r['clean_per_s']:.2f}")]
    speed = r["local_2_per_s"] / r["local_1_per_s"]
    lines += [row("local engine, end to end, 1 process (articles/s)", f"{r['local_1_per_s']:.2f}"),
              row("local engine, end to end, 2 processes (articles/s)", f"{r['local_2_per_s']:.2f}"),
              row("  speed-up 2 vs 1", f"{speed:.2f}", ">= 1.8 " + ("met" if speed >= 1.8 else "NOT met")),
              row("  CPU-seconds per article, end to end (1 process)", f"{r['local_1_cpu_s_per_article']:.3f}",
                  "basis of worker-hours")]
    if "ray_1_per_s" in r:
        lines += [row("Ray engine, 1 actor (articles/s)", f"{r['ray_1_per_s']:.2f}"),
                  row("Ray engine, 2 actors (articles/s)", f"{r['ray_2_per_s']:.2f}"),
                  row("  speed-up 2 vs 1", f"{r['ray_2_per_s'] / r['ray_1_per_s']:.2f}")]
    mems = sorted((int(k.split("_")[1]), v) for k, v in r.items() if k.startswith("memory_"))
    for n, m in mems:
        lines.append(row(f"peak RSS, {n:,} generated articles: driver / worker (MB)",
                         f"{m['driver_peak_mb']:.0f} / {m['worker_peak_mb']:.0f}",
                         f"{m['articles']:,} stored, {m['articles'] / m['seconds']:.1f}/s"))
    if len(mems) >= 2:
        (n0, a), (n1, b) = mems[0], mems[-1]
        growth = (b["driver_peak_mb"] + b["worker_peak_mb"]) / (a["driver_peak_mb"] + a["worker_peak_mb"])
        lines.append(row(f"  peak growth {n1:,} vs {n0:,}", f"{growth:.2f}x",
                         "flat (<= 1.10x) " + ("met" if growth <= 1.10 else "NOT met")))
    return "\n".join(lines)


if __name__ == "__main__":
    main(sys.argv[1:])
