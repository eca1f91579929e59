"""Throughput and memory of the whole pipeline, side by side (issues 7 and 19).

One run measures, on the same articles:

1. bare spaCy: ``nlp.pipe`` over the article bodies (default batch size, one process, the
   model already loaded);
2. the in-process analysis (``pipeline.analyse``: parse + every stage) on those articles;
3. the CLI path as users run it: ``dateline extract FILE.jsonl --format jsonl`` in a fresh
   process (start-up, reading, analysis, record serialisation, writing) -- target >= 0.90
   of (1). (1), (2) and (3) run whole, once per round, in an order rotated from round to
   round (``--rounds``), and each side's best round is reported, so a busy neighbour on a
   shared machine hits every side alike; a profile splits (3) into start-up, reading,
   parse, each stage and serialisation. ``--baseline-src DIR`` times a second CLI path
   (another checkout's ``src/``) in the same rounds;
4. end to end (WARC -> clean -> analyse -> store) with the local engine, 1 vs 2 worker
   processes -- target speed-up >= 1.8;
5. the same with the Ray engine, 1 vs 2 actors (Ray started once, num_cpus=2);
6. peak memory (driver and largest worker, exact ``ru_maxrss``) of the local engine for
   1,000 vs 10,000 articles, each size in its own process -- target: flat;
7. the one-time loads of a fresh process: the spaCy model, then the gazetteer of the
   ``geo`` stage (seconds, and the peak memory the gazetteer adds).

Articles for (1)-(3): the 181 gold bodies of ../shared/data/article-extraction-benchmark
(read at run time, never copied), cycled to ``--bodies`` (default 362: each twice); for
(4)-(5) its HTML pages; the memory runs use generated pages (``python -m bench memory``
measures the CLI path's own memory).

    python -m bench pipeline --no-engines      # (1)-(3) only
    python bench/bench_pipeline.py [--bodies 362] [--rounds 3] [--baseline-src DIR]
                                   [--articles 181] [--memory 1000,10000] [--no-ray] [--no-engines]
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
    parser.add_argument("--articles", type=int, default=181, help="HTML pages for the engine runs")
    parser.add_argument("--bodies", type=int, default=362,
                        help="articles for bare spaCy vs in-process vs CLI (the 181 gold bodies, cycled)")
    parser.add_argument("--baseline-src", type=Path, default=None,
                        help="also time the CLI path of another checkout's src/ (before/after in one run)")
    parser.add_argument("--selective", action="store_true",
                        help="also time the CLI path with DATELINE_SELECTIVE_PARSE=on in the same rounds")
    parser.add_argument("--memory", default="1000,10000", help="sizes for the memory runs ('' to skip)")
    parser.add_argument("--memory-workers", type=int, default=2)
    parser.add_argument("--no-ray", action="store_true")
    parser.add_argument("--no-engines", action="store_true",
                        help="only the bare spaCy vs full analysis comparison (no local/Ray/memory runs)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds of bare spaCy vs analysis")
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

    results: dict = {"cpus": os.cpu_count(), "stages": list(pipeline.DEFAULT_STAGES),
                     "load_before": os.getloadavg()}
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

        jsonl, source = gold_jsonl(tmp / "bodies.jsonl", args.bodies, args.shared)
        results["input"] = source
        model = nlp.load()
        for name in pipeline.DEFAULT_STAGES:
            pipeline.get_stage(name)
        results.update(cli_vs_bare(model, jsonl, tmp, args.rounds, args.baseline_src, args.selective))
        results["load_after"] = os.getloadavg()
        if args.no_engines:
            print(report(results))
            _write(results)
            return
        page_list, source = pages(args.articles, args.shared)
        warc = write_warc(tmp / "input.warc.gz", page_list)
        results["engine_input"] = f"{len(page_list)} {source}"
        t0 = time.perf_counter()
        arts = articles_of(warc)
        results["clean_per_s"] = len(arts) / (time.perf_counter() - t0)
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


def gold_jsonl(path: Path, n: int, shared: Path) -> tuple[Path, str]:
    """The extraction benchmark's gold article bodies as `dateline extract` input: n JSONL
    records cycling over the 181 bodies (copies get their own id), each with the same
    publication date so relative dates resolve. Read at run time, never copied into the repo."""
    truth_file = shared / "data" / "article-extraction-benchmark" / "ground-truth.json"
    if truth_file.is_file():
        truth = json.loads(truth_file.read_text("utf-8"))
        bodies = [(k, v["articleBody"], v.get("url")) for k, v in sorted(truth.items())]
        what = f"{len(bodies)} gold bodies of the article-extraction-benchmark (../shared)"
    else:
        from bench.generate import article_text

        rng = random.Random(7)
        bodies = [(f"gen{i}", article_text(i, rng), None) for i in range(181)]
        what = "181 generated articles (bench/generate.py)"
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            key, body, url = bodies[i % len(bodies)]
            f.write(json.dumps({"id": f"{key}#{i // len(bodies)}", "text": body, "url": url,
                                "published": "2024-03-05"}, ensure_ascii=False) + "\n")
    return path, f"{n} articles: {what}, cycled"


def cli_vs_bare(model, jsonl: Path, tmp: Path, rounds: int, baseline_src: Path | None = None,
                selective: bool = False) -> dict:
    """Bare spaCy vs the in-process analysis vs the CLI path as users run it, side by side.

    Three sides over the same articles, each run whole once per round, the order rotated
    from round to round so that a busy neighbour hits every side alike; each side's figure is
    its best round (a neighbour only ever adds time):

    - ``spacy``: bare ``nlp.pipe(bodies)`` (the pipeline package loaded on its own), in this
      process, the model already loaded: parse time only; at batch 256 (the default) and
      16, and the one that used fewer CPU seconds counts (:func:`pick_bare`);
    - ``inproc``: ``pipeline.analyse`` over the same Articles (parse + every stage, each
      stage timed), in this process, model loaded, no reading or serialisation;
    - ``cli``: ``dateline extract FILE.jsonl --format jsonl > OUT`` in a fresh process: process
      start, imports, model load, reading, analysis, record serialisation, writing; with
      its own user cache folder, filled by one untimed start before the rounds.

    With ``baseline_src`` a fourth side, ``cli_baseline``, runs the same command with that
    ``src/`` first on the path (the code before a change), timed in the same rounds; with
    ``selective``, ``cli_selective`` runs it with ``DATELINE_SELECTIVE_PARSE=on``.

    The profile splits the CLI path: start-up (``dateline extract`` of one short article:
    process start, imports and every one-time load — model, actor data, gazetteer, language
    model — with one sentence analysed; an empty file loads nothing, timed
    each round), reading the JSONL, parse, each stage, serialisation of the records (timed
    in process over the in-process run's events).
    """
    import spacy

    from dateline import pipeline

    bare_model = spacy.load(model.path)
    with jsonl.open(encoding="utf-8") as f:
        articles = list(read_jsonl_articles(f, str(jsonl)))
    texts = [pipeline.text_for(a)[0] for a in articles]
    list(bare_model.pipe(texts[:8]))                           # warm up both sides
    list(pipeline.analyse(articles[:8]))
    one = tmp / "one.jsonl"      # the bench's own sentence: loads everything a real run loads
    one.write_text(json.dumps({"id": "startup", "published": "2024-03-05", "text":
                               "Officials in Paris said on Monday that France and Germany signed "
                               "a trade agreement in Berlin."}) + "\n")
    exe = Path(sys.executable).with_name("dateline")
    cmd = [str(exe) if exe.exists() else sys.executable, *([] if exe.exists() else ["-m", "dateline.cli"]),
           "extract", str(jsonl), "--format", "jsonl"]
    # Each CLI side keeps its own user cache folder (dateline.usercache), filled by one
    # untimed start before the rounds: a user's second run finds it filled, and two versions
    # of the code never rewrite each other's files (a cache file is named by the code that
    # built it, and writing one removes the other versions').
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
           "XDG_CACHE_HOME": str(tmp / "cache")}
    baseline_env = None if baseline_src is None else \
        {**env, "PYTHONPATH": str(baseline_src.resolve()), "XDG_CACHE_HOME": str(tmp / "cache-baseline")}
    out_file = tmp / "cli.jsonl"

    def bare():
        list(bare_model.pipe(texts))

    def bare16():
        list(bare_model.pipe(texts, batch_size=16))

    def inproc(stages):
        def run():
            _forget_phrases()      # a cold phrase cache, as in a fresh process
            docs.clear()
            docs.extend(_analyse_with_stage_times(articles, stages))
        return run

    def cli():
        with out_file.open("w") as out:
            subprocess.run(cmd, stdout=out, check=True, env=env)

    def cli_baseline():
        with (tmp / "cli-baseline.jsonl").open("w") as out:
            subprocess.run(cmd, stdout=out, check=True, env=baseline_env)

    def cli_selective():
        with (tmp / "cli-selective.jsonl").open("w") as out:
            subprocess.run(cmd, stdout=out, check=True, env={**env, "DATELINE_SELECTIVE_PARSE": "on"})

    def startup(side_env=env):
        subprocess.run(cmd[:-3] + [str(one)], stdout=subprocess.DEVNULL, check=True, env=side_env)

    for side_env in (env, baseline_env):       # fill each side's cache folder, untimed
        if side_env is not None:
            startup(side_env)

    docs: list = []
    walls: dict[str, list[float]] = {"spacy": [], "spacy_b16": [], "inproc": [], "cli": [], "startup": []}
    cpus: dict[str, list[float]] = {"spacy": [], "spacy_b16": [], "inproc": [], "cli": []}
    for extra, wanted in (("cli_baseline", baseline_src is not None), ("cli_selective", selective)):
        if wanted:
            walls[extra], cpus[extra] = [], []
    stage_rounds = []
    for r in range(rounds):
        stages: dict[str, float] = {}
        sides = [("spacy", bare), ("spacy_b16", bare16), ("inproc", inproc(stages)), ("cli", cli)]
        if baseline_src is not None:
            sides.append(("cli_baseline", cli_baseline))
        if selective:
            sides.append(("cli_selective", cli_selective))
        k = r % len(sides)
        for side, fn in sides[k:] + sides[:k] + [("startup", startup)]:
            c0, w0 = _cpu_seconds(), time.perf_counter()
            fn()
            walls[side].append(time.perf_counter() - w0)
            if side in cpus:
                cpus[side].append(_cpu_seconds() - c0)
        stage_rounds.append(stages)
    events_cli = sum(1 for _ in out_file.open(encoding="utf-8"))
    # reading and serialisation, in process (the CLI's own code for each)
    t0 = time.perf_counter()
    with jsonl.open(encoding="utf-8") as f:
        n_read = sum(1 for _ in read_jsonl_articles(f, str(jsonl)))
    read_s = time.perf_counter() - t0
    serialise_s, events_in = _serialise_seconds(docs, tmp / "serialised.jsonl")
    n = len(articles)
    bare_batch = pick_bare(walls, cpus)
    best = {k: min(v) for k, v in walls.items()}
    best_stages = min(stage_rounds, key=lambda st: st.get("parse", 0.0) + sum(st.values()))
    return {"articles": n, "read_articles": n_read, "rounds": rounds, "bare_batch": bare_batch,
            "words": sum(len(t.split()) for t in texts),
            "rounds_s": walls, "rounds_cpu_s": cpus, "best_s": best,
            "per_s": {k: n / best[k] for k in best if k != "startup"},
            "bare_other_s": best.get("spacy_b256", best.get("spacy_b16")),
            "bare_other_cpu_s": min(cpus.get("spacy_b256", cpus.get("spacy_b16"))),
            "ratio_inproc": best["spacy"] / best["inproc"], "ratio_cli": best["spacy"] / best["cli"],
            "ratio_cli_rounds": [s / c for s, c in zip(walls["spacy"], walls["cli"])],
            "ratio_inproc_rounds": [s / c for s, c in zip(walls["spacy"], walls["inproc"])],
            "events_cli": events_cli, "events_inproc": events_in,
            "profile_s": {"start-up: process, imports, loads (one short article)": best["startup"],
                          "reading JSONL -> Articles": read_s,
                          **{(f"stage {k}" if k != "parse" else "parse (nlp.parse, per paragraph)"): v
                             for k, v in best_stages.items()},
                          "serialisation (event_record + json.dumps + write)": serialise_s}}


def pick_bare(walls: dict[str, list[float]], cpus: dict[str, list[float]]) -> int:
    """Make ``spacy`` the bare side of the batch size that used fewer CPU seconds in its best
    round (default 256, or 16; the other is kept as ``spacy_b256`` or ``spacy_b16``) and
    return that batch size.

    Why CPU seconds: on a shared machine a neighbour adds wall time to whichever side it
    happens to overlap, and the choice by wall flipped between runs; a side's own CPU time
    is what it costs. Either way the bare side gets its better setting: the stricter
    baseline."""
    if min(cpus["spacy_b16"]) < min(cpus["spacy"]):
        walls["spacy_b256"], cpus["spacy_b256"] = walls["spacy"], cpus["spacy"]
        walls["spacy"], cpus["spacy"] = walls.pop("spacy_b16"), cpus.pop("spacy_b16")
        return 16
    return 256


def _serialise_seconds(documents, path: Path) -> tuple[float, int]:
    """Time of the extract command's record serialisation over ``documents``' events."""
    from dateline.events.record import event_record

    t0 = time.perf_counter()
    n = 0
    with path.open("w", encoding="utf-8") as out:
        for d in documents:
            for ev in d.events:
                out.write(json.dumps(event_record(ev, d.article), ensure_ascii=False) + "\n")
                n += 1
    return time.perf_counter() - t0, n


def read_jsonl_articles(stream, name: str):
    """The Articles `dateline extract` builds from a JSONL file (its reading and cleaning,
    no analysis): each line through the reader's record parser and ``job.build``."""
    from dateline.errors import InputError
    from dateline.ingest.readers import jsonl_record
    from dateline.job import build

    for n, line in enumerate(stream, 1):
        if not line.strip():
            continue
        raw = jsonl_record(f"{name}#{n}", n, line, "utf-8", [], body_keys=("text", "body", "html"))
        if isinstance(raw, InputError):
            continue
        raw.source = raw.fields.get("id") or raw.source
        raw.fields["origin"] = "jsonl"
        article, _ = build(raw, not_articles=False)
        if article is not None:
            yield article


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


def _analyse_with_stage_times(articles, seconds: dict) -> list:
    """pipeline.analyse with the parse and each stage (and its batch hook) wrapped in a
    timer (same calls, same order); returns the Documents."""
    from dateline import nlp, pipeline

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

    parse = nlp.parse

    def timed_parse(*args, **kwargs):
        t0 = time.perf_counter()
        docs = list(parse(*args, **kwargs))
        seconds["parse"] = seconds.get("parse", 0.0) + time.perf_counter() - t0
        return iter(docs)

    for n in names:
        pipeline.register(n, timer(n, originals[n]))
    nlp.parse = timed_parse
    try:
        return list(pipeline.analyse(articles))
    finally:
        nlp.parse = parse
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
        return f"| {name:<60} | {value:>14} | {note:<30} |"

    n = r["articles"]
    best = r["best_s"]
    lines = [f"Input: {r['input']}; {r['words']:,} words; {r['cpus']} CPUs; stages: "
             f"{', '.join(r['stages'])}; load average before/after: "
             f"{r['load_before'][0]:.1f} / {r['load_after'][0]:.1f}", "",
             row("measure", "value", "note"), row("-" * 60, "-" * 14, "-" * 30)]
    rounds = lambda k: " ".join(f"{x:.1f}" for x in r["rounds_s"][k])  # noqa: E731
    lines += [row(f"bare spaCy nlp.pipe over the bodies (articles/s, best of {r['rounds']})",
                  f"{r['per_s']['spacy']:.2f}", f"batch {r.get('bare_batch', 256)} (fewer CPU s); rounds s: {rounds('spacy')}"),
              *([row("  bare spaCy with the other batch size (best round: wall / CPU s)",
                     f"{r['bare_other_s']:.1f} / {r['bare_other_cpu_s']:.1f}" if "bare_other_cpu_s" in r
                     else f"{r['bare_other_s']:.1f}")]
                if r.get("bare_other_s") else []),
              row("  CPU seconds, best round: bare / in-process / CLI path",
                  " / ".join(f"{min(r['rounds_cpu_s'][k]):.1f}" for k in ("spacy", "inproc", "cli"))),
              row("in-process analysis, pipeline.analyse (articles/s)", f"{r['per_s']['inproc']:.2f}",
                  f"rounds s: {rounds('inproc')}"),
              row("CLI path, dateline extract --format jsonl (articles/s)", f"{r['per_s']['cli']:.2f}",
                  f"rounds s: {rounds('cli')}"),
              row("  in-process ratio to bare spaCy (best rounds)", f"{r['ratio_inproc']:.2f}",
                  "rounds: " + " ".join(f"{x:.2f}" for x in r["ratio_inproc_rounds"])),
              row("  CLI path ratio to bare spaCy (best rounds)", f"{r['ratio_cli']:.2f}",
                  ">= 0.90 " + ("met" if r["ratio_cli"] >= 0.9 else "NOT met") + "; rounds: "
                  + " ".join(f"{x:.2f}" for x in r["ratio_cli_rounds"])),
              *([row("CLI path of the baseline src (articles/s)", f"{r['per_s']['cli_baseline']:.2f}",
                     f"rounds s: {rounds('cli_baseline')}"),
                 row("  baseline CLI path ratio to bare spaCy (best rounds)",
                     f"{r['best_s']['spacy'] / r['best_s']['cli_baseline']:.2f}",
                     "rounds: " + " ".join(f"{s / c:.2f}" for s, c in
                                          zip(r["rounds_s"]["spacy"], r["rounds_s"]["cli_baseline"])))]
                if "cli_baseline" in r["best_s"] else []),
              *([row("CLI path, DATELINE_SELECTIVE_PARSE=on (articles/s)", f"{r['per_s']['cli_selective']:.2f}",
                     f"rounds s: {rounds('cli_selective')}"),
                 row("  selective CLI path ratio to bare spaCy: wall / CPU (best rounds)",
                     f"{r['best_s']['spacy'] / r['best_s']['cli_selective']:.2f} / "
                     f"{min(r['rounds_cpu_s']['spacy']) / min(r['rounds_cpu_s']['cli_selective']):.2f}")]
                if "cli_selective" in r["best_s"] else []),
              row("  CPU-seconds ratios to bare spaCy: in-process / CLI path (best rounds)",
                  f"{min(r['rounds_cpu_s']['spacy']) / min(r['rounds_cpu_s']['inproc']):.2f} / "
                  f"{min(r['rounds_cpu_s']['spacy']) / min(r['rounds_cpu_s']['cli']):.2f}",
                  "less sensitive to other load"),
              row("  events written by the CLI / by the in-process run", f"{r['events_cli']} / {r['events_inproc']}"),
              "", row("profile of the CLI path", "seconds", "per 100 articles"),
              row("-" * 60, "-" * 14, "-" * 30)]
    total = 0.0
    for name, s in r["profile_s"].items():
        total += s
        lines.append(row(name, f"{s:.2f}", f"{100 * s / n:.2f}"))
    lines += [row("sum of the parts", f"{total:.2f}", f"CLI wall (best round): {best['cli']:.2f}"),
              row("bare spaCy, same bodies (best round)", f"{best['spacy']:.2f}", f"{100 * best['spacy'] / n:.2f}")]
    if "loads" in r:
        ld = r["loads"]
        lines.append(row("one-time loads per process: gazetteer / spaCy model (s)",
                         f"{ld['gazetteer_load_s']:.2f} / {ld['spacy_load_s']:.2f}",
                         f"gazetteer +{ld['gazetteer_peak_mb']:.0f} MB peak RSS"))
    if "local_1_per_s" not in r:
        return "\n".join(lines)
    lines += ["", f"Engines: {r['engine_input']}", "",
              row("cleaning (WARC record -> Article), one process (articles/s)", f"{r['clean_per_s']:.2f}")]
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
