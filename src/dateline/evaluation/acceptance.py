"""The seed acceptance check, run exactly as ../shared/acceptance/README.md describes.

Ingests the seed articles into a fresh store through the CLI's own job, exports articles and
events, and runs the shared scorer (score.py) on them.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path


def score_documents(score_py: Path, gold_path: Path, articles_dir: Path) -> tuple[dict, list[dict]]:
    """Ingest the gold's documents from ``articles_dir`` into a fresh store (each with the
    publication date its gold gives as input), export articles and PLOVER events, and run
    the shared scorer on them: (its figures plus its text report, the exported events).
    The seed check and the dev-article check both score this way."""
    from dateline.export.articles import article_records
    from dateline.export.plover import event_records
    from dateline.job import ingest
    from dateline.store.read import Store
    from dateline.terminal import write_jsonl

    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        for doc in gold["documents"]:
            ingest([str(Path(articles_dir) / doc["file"])], store,
                   published=doc.get("input_metadata", {}).get("published"))
        s = Store.open(store)
        events_path, articles_path = Path(tmp) / "events.jsonl", Path(tmp) / "articles.jsonl"
        with open(articles_path, "w", encoding="utf-8") as f:
            write_jsonl(article_records(s), f)
        with open(events_path, "w", encoding="utf-8") as f:
            write_jsonl(event_records(s), f)
        args = [sys.executable, str(score_py), str(gold_path), "--events", str(events_path),
                "--articles", str(articles_path)]
        figures = json.loads(subprocess.run(args + ["--json"], capture_output=True, text=True,
                                            check=True).stdout)
        figures["text"] = subprocess.run(args, capture_output=True, text=True, check=True).stdout
        events = [json.loads(line) for line in events_path.read_text(encoding="utf-8").splitlines()
                  if line.strip()]
    return figures, events


def evaluate(shared: Path) -> dict:
    acc = Path(shared) / "acceptance"
    figures, _ = score_documents(acc / "score.py", acc / "seeds" / "gold.json", acc / "seeds")
    return figures


def report(figures: dict) -> str:
    return figures["text"].rstrip()
