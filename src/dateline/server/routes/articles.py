"""/api/articles (list, downloads) and /api/articles/{id} (text, metadata, events)."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query

from dateline import validate
from dateline.server.context import Ctx
from dateline.server.params import DateParam, TextParam, clean, error, id_path, page_limit
from dateline.server.presenters import json_field
from dateline.server.routes.events import event_row_json
from dateline.server.streaming import ARTICLE_CSV_COLUMNS, download, paged

router = APIRouter(tags=["articles"])


@router.get("/api/articles", summary="Current articles, newest first")
def articles(ctx: Ctx, q: str | None = TextParam(),
             language: str | None = Query(None, pattern=r"^[a-z]{2,3}$"),
             since: str | None = DateParam(), until: str | None = DateParam(),
             source: str | None = Query(None, max_length=500),
             limit: str = Query("50", max_length=10), offset: str = Query("0", max_length=12),
             format: Literal["json", "csv", "jsonl"] = "json"):
    n = validate.limit(limit, allow_all=format != "json")
    start = validate.offset(offset)
    filters = dict(q=q, language=language, since=validate.date(since, "since"),
                   until=validate.date(until, "until"), source=source)
    store = ctx.store
    if format != "json":
        rows = paged(lambda lim, off: store.articles(**filters, limit=lim, offset=off).to_pylist(),
                     n if n is not None else 10**12, start)
        return download((clean(r) for r in rows), format, ARTICLE_CSV_COLUMNS, "articles")
    page_limit(n, format)
    rows = store.articles(**filters, limit=n, offset=start).to_pylist()
    total = ctx.counts.get(("articles", tuple(sorted(filters.items()))),
                           lambda: store.articles(**filters, limit=None, columns="id").num_rows)
    return {"total": total, "offset": start, "limit": n, "articles": clean(rows)}


@router.get("/api/articles/{article_id}", summary="One article: text, metadata and its events")
def article(ctx: Ctx, article_id: str = id_path()):
    store = ctx.store
    row = store.article(article_id)
    if row is None:
        return error(404, f"no article {article_id!r}")
    row.pop("raw", None)
    row.pop("batch", None)
    row["metadata"] = json_field(row.get("metadata"), {})
    row["provenance"] = json_field(row.get("provenance"), {})
    evs = store.events(article_id=row["id"], limit=None, columns="e.*").to_pylist()
    evs.sort(key=lambda e: (e.get("start") or 0, e["id"]))
    notes = []
    if row.get("language") and row["language"] != "en" and not evs:
        notes.append(f"not analysed: language {row['language']} (events are coded in English text only)")
    return {"article": clean(row), "events": [event_row_json(e) for e in evs], "notes": notes}
