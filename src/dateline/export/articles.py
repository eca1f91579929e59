"""Article export records: the fields of the `dateline export articles` contract."""
from __future__ import annotations

import json
from typing import Any, Iterator

from dateline.store.read import Store

ARTICLE_FIELDS = ["id", "source", "url", "title", "published", "published_source", "body",
                  "language"]


def article_records(store: Store, batch: int = 500) -> Iterator[dict[str, Any]]:
    """Current articles in a stable order, streamed in pages."""
    offset = 0
    while True:
        rows = store.sql(
            "SELECT id, source, url, title, published, published_source, published_ambiguous, "
            "body, language, metadata, provenance, ingested_at FROM articles "
            f"ORDER BY ingested_at, id LIMIT {batch} OFFSET {offset}").to_pylist()
        if not rows:
            return
        for r in rows:
            r["metadata"] = json.loads(r["metadata"] or "{}")
            r["provenance"] = json.loads(r["provenance"] or "{}")
            yield r
        offset += batch
