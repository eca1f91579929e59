"""PLOVER-style event records from the store (the `dateline export events` JSONL)."""
from __future__ import annotations

from typing import Any, Iterator

from dateline.model import Article
from dateline.store.read import Store
from dateline.store.schema import event_from_row


def record_from_row(row: dict[str, Any], article: dict[str, Any] | None = None) -> dict[str, Any]:
    """One store event row -> its PLOVER record. The article comes from ``article`` (a store
    article row) or else from the row's joined ``article_*`` columns (``Store.events``)."""
    from dateline.events.record import event_record

    if article is None:
        article = {"source": row.get("article_source"), "url": row.get("article_url"),
                   "title": row.get("article_title"), "published": row.get("article_published")}
    return event_record(event_from_row(row), Article(
        id=article.get("id") or row["article_id"], source=article.get("source") or "", body="",
        url=article.get("url"), title=article.get("title"), published=article.get("published")))


def event_records(store: Store, batch: int = 1000, **filters) -> Iterator[dict[str, Any]]:
    """One PLOVER record per current event, with its article, streamed in pages."""
    from dateline.events.record import event_record

    offset = 0
    articles: dict[str, Article] = {}
    while True:
        rows = store.events(limit=batch, offset=offset, columns="e.*", **filters).to_pylist()
        if not rows:
            return
        need = {r["article_id"] for r in rows} - set(articles)
        if need:
            ids = list(need)
            q = ", ".join("?" * len(ids))
            for a in store.sql(f"SELECT id, source, url, title, published FROM articles WHERE id IN ({q})",
                               ids).to_pylist():
                articles[a["id"]] = Article(id=a["id"], source=a["source"], body="", url=a["url"],
                                            title=a["title"], published=a["published"])
        for r in rows:
            rec = event_record(event_from_row(r), articles[r["article_id"]])
            rec["cluster_id"] = r.get("cluster_id") or r["id"]  # the happening it belongs to
            yield rec
        offset += batch
        if len(articles) > 20000:
            articles.clear()
