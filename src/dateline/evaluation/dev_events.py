"""Event coding on the project's own development articles (held out from the seed gold).

``data/dev_articles/`` holds 15 articles written for the project in the style of scraped
agency and local news (protests, elections, clashes, sanctions, diplomacy, court rulings,
aid, arrests, ceasefires, threats, refusals, background events with their own dates);
``data/dev_gold.json`` annotates them in the acceptance gold format. The gold was written
before the coder was run on the articles, so the figures measure generalisation beyond the
two seed articles rather than fit to them.

Run exactly like the acceptance check: each article goes through the real ingest job
(with the gold's ``input_metadata.published``) into a temporary store, events are exported
with ``dateline.export.plover.event_records`` and scored by ``../shared/acceptance/score.py``
(as a subprocess, so the rules are the scorer's own). ``--details`` lists every false
positive and every missed required gold event.

    python -m dateline.evaluation.dev_events --shared ../shared [--details]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

DATA = Path(__file__).parent / "data"
GOLD = DATA / "dev_gold.json"
ARTICLES = DATA / "dev_articles"


def _scorer_module(score_py: Path):
    """score.py loaded as a module, only to list which records matched what (--details)."""
    spec = importlib.util.spec_from_file_location("acceptance_score", score_py)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _details(score_py: Path, gold: dict, events: list[dict]) -> list[str]:
    """Readable false positives and misses (strict rules) per document."""
    sc = _scorer_module(score_py)
    lines = []
    for doc in gold["documents"]:
        key = doc["file"]
        mine = [e for e in events if sc.doc_key(e) == key]
        hit = set()
        lines.append(f"-- {key}")
        for p in mine:
            matched = [g for g in doc["events"] if sc.match(p, g)]
            loose = [g for g in doc["events"] if sc.match(p, g, use_date=False)]
            actor = "+".join(sorted(sc.codes(p.get("actor"))))
            recip = "+".join(sorted(sc.codes(p.get("recipient"))))
            what = (f"{p.get('event')} {actor}->{recip} {p.get('date')} [{p.get('status')}] "
                    f"'{(p.get('trigger') or '')}' :: {(p.get('evidence') or p.get('event_text') or '')[:110]}")
            if matched:
                req = [g for g in matched if g["required"] and g["id"] not in hit]
                if req:
                    hit.add(req[0]["id"])
                    lines.append(f"   ok  {req[0]['id']:4} {what}")
                else:
                    lines.append(f"   opt/dup {matched[0]['id']:4} {what}")
            elif loose:
                lines.append(f"   FP(date; gold {loose[0]['id']} {loose[0].get('date')}) {what}")
            else:
                lines.append(f"   FP  {what}")
        for g in doc["events"]:
            if g["required"] and g["id"] not in hit:
                lines.append(f"   MISS {g['id']:4} {'/'.join(g['event'])} {'+'.join(g['actor'])}->"
                             f"{'+'.join(g['recipient'])} {g.get('date')} :: {g['evidence'][:90]}")
    return lines


def evaluate(shared: Path, details: bool = False) -> dict:
    from dateline.evaluation.acceptance import score_documents

    score_py = Path(shared) / "acceptance" / "score.py"
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    figures, events = score_documents(score_py, GOLD, ARTICLES)
    if details:
        figures["details"] = _details(score_py, gold, events)
    figures["documents"] = len(gold["documents"])
    figures["gold_required"] = sum(e["required"] for d in gold["documents"] for e in d["events"])
    return figures


def report(figures: dict) -> str:
    rows = [f"dev articles: {figures.get('documents')} ({figures.get('gold_required')} required gold events)",
            f"{'score':10} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn dup"]
    for name in ("strict", "no_date", "type_only"):
        s = figures[name]
        rows.append(f"{name:10} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}  "
                    f"{s['tp']:3d} {s['fp']:3d} {s['fn']:3d} {s['duplicates']:3d}")
    rows.append(f"article checks: {figures.get('article_checks_passed')}/{figures.get('article_checks')}")
    if figures.get("details"):
        rows.extend(figures["details"])
    return "\n".join(rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dateline.evaluation.dev_events", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default="../shared", help="the shared data folder")
    ap.add_argument("--details", action="store_true", help="list false positives and misses")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not (shared / "acceptance" / "score.py").is_file():
        print(f"dev_events: {shared}/acceptance/score.py not found (use --shared)", file=sys.stderr)
        return 2
    print(report(evaluate(shared, details=args.details)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
