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


def evaluate(shared: Path) -> dict:
    from dateline.export.articles import article_records
    from dateline.ingest.run import ingest
    from dateline.store.read import Store
    from dateline.terminal import write_jsonl

    acc = Path(shared) / "acceptance"
    gold = json.loads((acc / "seeds" / "gold.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        for doc in gold["documents"]:
            ingest([str(acc / "seeds" / doc["file"])], store,
                   published=doc.get("input_metadata", {}).get("published"))
        s = Store.open(store)
        events_path, articles_path = Path(tmp) / "events.jsonl", Path(tmp) / "articles.jsonl"
        with open(articles_path, "w", encoding="utf-8") as f:
            write_jsonl(article_records(s), f)
        with open(events_path, "w", encoding="utf-8") as f:
            try:
                from dateline.export.plover import event_records

                write_jsonl(event_records(s), f)
            except ImportError:
                pass
        out = subprocess.run([sys.executable, str(acc / "score.py"), str(acc / "seeds" / "gold.json"),
                              "--events", str(events_path), "--articles", str(articles_path), "--json"],
                             capture_output=True, text=True, check=True)
        figures = json.loads(out.stdout)
        text = subprocess.run([sys.executable, str(acc / "score.py"), str(acc / "seeds" / "gold.json"),
                               "--events", str(events_path), "--articles", str(articles_path)],
                              capture_output=True, text=True, check=True).stdout
    figures["text"] = text
    return figures


def report(figures: dict) -> str:
    return figures["text"].rstrip()
