"""Event coding on real news pages that no one here wrote (``../shared/acceptance/real-news-dev.json``).

The 30 pages are real HTML from many outlets; analysts wrote the gold blind, following
``../shared/acceptance/GUIDE.md``. The path is the one users run: every page goes through
the ingest job (``dateline ingest PAGE.html.gz``, no metadata given) into one store, events
and articles are exported as ``dateline export`` writes them, and ``score.py`` and
``crossdoc.py`` (the shared scorers, run as subprocesses) give the figures.

Printed:

- strict / no-date / type-only P, R, F1 and the article checks, on all pages and on two
  fixed halves: **study** (file names starting 0-7, the half whose errors may be looked at
  while developing) and **check** (8-f, scored but not studied), so a fix that lifts only
  the studied half shows as fitted to pages;
- where the required gold events are lost (the loss classes of the issue): found; right
  type and parties but wrong date; right type but wrong parties; wrong type from its
  sentence; no event from its sentence;
- cross-outlet merging: ``crossdoc.py`` on the store holding all pages, and on the gold
  events clustered by dateline as if the coder had found them all (merging measured
  alone: :mod:`dateline.evaluation.crossdoc_gold`).

    python -m dateline.evaluation.real_news --shared ../shared [--details]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from dateline.evaluation import crossdoc_gold

GOLD_NAME = "real-news-dev.json"
LINKS_NAME = "real-news-dev-crossdoc.json"
PAGES = Path("data") / "article-extraction-benchmark" / "html"
LOSS_CLASSES = ("found", "wrong date", "wrong parties", "wrong type", "no event from its sentence")


def study_half(file_name: str) -> bool:
    """The fixed split: pages whose (hash) file name starts with 0-7 are the study half."""
    return file_name[:1].lower() in "01234567"


def _scorer(score_py: Path):
    spec = importlib.util.spec_from_file_location("acceptance_score", score_py)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _norm(text: str) -> str:
    text = (text or "").replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def _texts(pred: dict) -> list[str]:
    """Every sentence a prediction was coded from (its own and its merged mentions)."""
    out = [pred.get("event_text") or ""]
    out += [m.get("text") or "" for m in pred.get("mentions") or []]
    return [_norm(t) for t in out if t]


def _from_sentence(pred: dict, evidence: str) -> bool:
    ev = _norm(evidence)
    if not ev:
        return False
    head = ev[:60]
    return any(head in t or t in ev for t in _texts(pred))


def loss_class(sc, gold_event: dict, preds: list[dict]) -> str:
    """Where one required gold event is lost, judged against its page's predictions."""
    if any(sc.match(p, gold_event) for p in preds):
        return "found"
    if any(sc.match(p, gold_event, use_date=False) for p in preds):
        return "wrong date"
    typed = [p for p in preds if sc.type_ok(p.get("event"), gold_event["event"])]
    if any(_from_sentence(p, gold_event.get("evidence", "")) for p in typed):
        return "wrong parties"
    if any(_from_sentence(p, gold_event.get("evidence", "")) for p in preds):
        return "wrong type"
    return "no event from its sentence"


def _ingest_all(shared: Path, gold: dict, tmp: Path) -> tuple[Path, Path]:
    """All pages in one store through the ingest job (the settings users get); exported
    events and articles."""
    from dateline.export.articles import article_records
    from dateline.export.plover import event_records
    from dateline.job import ingest
    from dateline.store.read import Store
    from dateline.terminal import write_jsonl

    store = tmp / "store"
    pages = shared / PAGES
    ingest([str(pages / d["file"]) for d in gold["documents"]], store)
    s = Store.open(store)
    events_path, articles_path = tmp / "events.jsonl", tmp / "articles.jsonl"
    with open(articles_path, "w", encoding="utf-8") as f:
        write_jsonl(article_records(s), f)
    with open(events_path, "w", encoding="utf-8") as f:
        write_jsonl(event_records(s), f)
    return events_path, articles_path


def reliability(sc, gold: dict, preds: list[dict], bins=(0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)) -> list[dict]:
    """Predicted confidence against observed precision (type and parties right, dates not
    checked; a match of an optional gold event counts as right): the table the default
    threshold (``settings.MIN_CONFIDENCE``) is chosen from."""
    rows = []
    for lo, hi in zip(bins, bins[1:] + (1.01,)):
        right = wrong = 0
        for p in preds:
            if not lo <= float(p.get("confidence") or 0) < hi:
                continue
            doc = next((d for d in gold["documents"] if d["file"] == sc.doc_key(p)), None)
            if doc is None:
                continue
            if any(sc.match(p, g, use_date=False) for g in doc["events"]):
                right += 1
            else:
                wrong += 1
        rows.append({"from": lo, "to": min(hi, 1.0), "events": right + wrong, "right": right,
                     "precision": round(right / (right + wrong), 3) if right + wrong else None})
    return rows


def _all_candidates(shared: Path, gold: dict, tmp: Path) -> list[dict]:
    """The same ingest with no confidence threshold (DATELINE_MIN_CONFIDENCE=0)."""
    from dateline import settings

    with settings.using(settings.current().replace(min_confidence=0.0)):   # a variant, no global set
        (tmp / "all").mkdir()
        events_path, _ = _ingest_all(shared, gold, tmp / "all")
    return [json.loads(line) for line in events_path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _score(score_py: Path, gold_path: Path, events: Path, articles: Path) -> dict:
    out = subprocess.run([sys.executable, str(score_py), str(gold_path), "--events", str(events),
                          "--articles", str(articles), "--json"], capture_output=True, text=True, check=True)
    figures = json.loads(out.stdout)
    for name in ("strict", "no_date", "type_only"):
        figures[name].pop("per_doc", None)
    return figures


def _crossdoc(crossdoc_py: Path, links: Path, events: Path, gold_path: Path) -> dict:
    out = subprocess.run([sys.executable, str(crossdoc_py), str(links), str(events), str(gold_path)],
                         capture_output=True, text=True, check=True).stdout
    return _crossdoc_figures(out)


def _crossdoc_figures(out: str) -> dict:
    figures = {"text": out.rstrip()}
    m = re.search(r"kept in one cluster: (\d+)/(\d+)", out)
    if m:
        figures["kept_whole"], figures["linked"] = int(m.group(1)), int(m.group(2))
    m = re.search(r"merge recall = ([0-9.]+)", out)
    if m:
        figures["merge_recall"] = float(m.group(1))
    m = re.search(r"clusters spanning >= 2 pages: (\d+), explained by a linked happening: (\d+), false merges: (\d+)", out)
    if m:
        figures["spanning"], figures["false_merges"] = int(m.group(1)), int(m.group(3))
    return figures


def details(sc, gold: dict, preds: list[dict], half: str | None = "study") -> list[str]:
    """Misses (with their loss class) and false positives per page, for the study half."""
    lines = []
    for doc in gold["documents"]:
        if half == "study" and not study_half(doc["file"]):
            continue
        mine = [p for p in preds if sc.doc_key(p) == doc["file"]]
        lines.append(f"-- {doc['file'][:16]} ({doc.get('note', '')[:80]})")
        for g in doc["events"]:
            if not g["required"]:
                continue
            cls = loss_class(sc, g, mine)
            if cls != "found":
                lines.append(f"   MISS {g['id']:4} [{cls}] {g['event'][0]} {'+'.join(g['actor'])}->"
                             f"{'+'.join(g['recipient'])} {g.get('date')} :: {g.get('evidence', '')[:100]}")
        for p in mine:
            if not any(sc.match(p, g) for g in doc["events"]):
                a = "+".join(sorted(sc.codes(p.get("actor"))))
                r = "+".join(sorted(sc.codes(p.get("recipient"))))
                lines.append(f"   FP   {p.get('event')} {a}->{r} {p.get('date')} ({p.get('rule')}) :: "
                             f"{(p.get('event_text') or '')[:110]}")
    return lines


def evaluate(shared: Path, want_details: bool = False) -> dict:
    shared = Path(shared)
    acc = shared / "acceptance"
    gold_path = acc / GOLD_NAME
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    sc = _scorer(acc / "score.py")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        events_path, articles_path = _ingest_all(shared, gold, tmp)
        figures = {"all": _score(acc / "score.py", gold_path, events_path, articles_path)}
        for half, keep in (("study", True), ("check", False)):
            part = dict(gold, documents=[d for d in gold["documents"] if study_half(d["file"]) == keep])
            part_path = tmp / f"gold-{half}.json"
            part_path.write_text(json.dumps(part), encoding="utf-8")
            figures[half] = _score(acc / "score.py", part_path, events_path, articles_path)
        figures["crossdoc"] = _crossdoc(acc / "crossdoc.py", acc / LINKS_NAME, events_path, gold_path)
        figures["crossdoc_gold"] = _crossdoc_figures(crossdoc_gold.evaluate(
            acc / "crossdoc.py", acc / LINKS_NAME, gold_path, articles_path, tmp))
        preds = [json.loads(line) for line in events_path.read_text(encoding="utf-8").splitlines() if line.strip()]
        figures["reliability"] = reliability(sc, gold, _all_candidates(shared, gold, tmp))
    losses = {c: 0 for c in LOSS_CLASSES}
    for doc in gold["documents"]:
        mine = [p for p in preds if sc.doc_key(p) == doc["file"]]
        for g in doc["events"]:
            if g["required"]:
                losses[loss_class(sc, g, mine)] += 1
    figures["losses"] = losses
    figures["predicted"] = len(preds)
    figures["dated_by_publication"] = sum(1 for p in preds if not p.get("date_text"))
    if want_details:
        figures["details"] = details(sc, gold, preds)
    return figures


def _line(name: str, s: dict) -> str:
    return (f"{name:9} P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f} "
            f"(tp={s['tp']} fp={s['fp']} fn={s['fn']} dup={s['duplicates']})")


def report(figures: dict) -> str:
    out = []
    for part in ("all", "study", "check"):
        f = figures[part]
        label = {"all": "all 30 pages", "study": "study half (0-7)", "check": "check half (8-f)"}[part]
        out.append(f"{label}: article checks {f['article_checks_passed']}/{f['article_checks']}")
        out += ["  " + _line(n, f[n]) for n in ("strict", "no_date", "type_only")]
    total = sum(figures["losses"].values())
    out.append(f"required gold events ({total}), where they are lost:")
    out += [f"  {c:28} {n}" for c, n in figures["losses"].items()]
    out.append(f"predicted events {figures['predicted']}, of which with no time expression "
               f"(publication-date fallback) {figures['dated_by_publication']}")
    from dateline import settings

    out.append(f"reliability of all candidates (threshold now {settings.MIN_CONFIDENCE}; "
               "precision = type and parties right):")
    out += [f"  confidence {r['from']:.1f}-{r['to']:.1f}: {r['events']:4} events, precision "
            + ("  -  " if r["precision"] is None else f"{r['precision']:.3f}") for r in figures["reliability"]]
    out.append("cross-outlet (all pages in one store):")
    out += ["  " + line for line in figures["crossdoc"]["text"].splitlines()]
    out.append("cross-outlet merging alone (the gold events clustered as if all were found; "
               "evaluation/crossdoc_gold.py):")
    out += ["  " + line for line in figures["crossdoc_gold"]["text"].splitlines()]
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dateline.evaluation.real_news", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--details", action="store_true", help="list misses and false positives of the study half")
    args = ap.parse_args(argv)
    figures = evaluate(Path(args.shared), want_details=args.details)
    print(report(figures))
    if args.details:
        print("\n".join(figures["details"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
