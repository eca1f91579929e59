"""/api/stories: articles about one real-world event, grouped (computed in the background)."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from dateline import validate
from dateline.server.context import Ctx
from dateline.server.params import ErrorBody, clean, page_limit
from dateline.server.routes.series import story_listing
from dateline.server.streaming import download

STORY_CSV_COLUMNS = ["story", "label", "articles", "events", "first_published", "last_published",
                     "first_event", "last_event", "topic", "entities", "article_ids"]

router = APIRouter(tags=["stories"])


@router.get("/api/stories", summary="Stories: articles about one real-world event, grouped",
            responses={202: {"model": ErrorBody, "description": "still computing; retry shortly"}})
def stories(ctx: Ctx, limit: str = Query("50", max_length=10), offset: str = Query("0", max_length=12),
            format: Literal["json", "csv", "jsonl"] = "json"):
    n = validate.limit(limit, allow_all=format != "json")
    start = validate.offset(offset)
    if format == "json":
        page_limit(n, format)
    result = story_listing(ctx)
    if isinstance(result, JSONResponse):
        return result
    if format != "json":
        rows = result[start:] if n is None else result[start:start + n]
        return download((clean(s) for s in rows), format, STORY_CSV_COLUMNS, "stories")
    limit = n
    offset = start
    page = result[offset:offset + limit]
    return {"total": len(result), "offset": offset, "limit": limit,
            "stories": clean([{k: v for k, v in s.items() if k != "article_ids"}
                              | {"article_ids": s.get("article_ids", [])[:50]} for s in page])}
