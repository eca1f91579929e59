"""/api/stories: articles about one real-world event, grouped (computed in the background)."""
from __future__ import annotations

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from dateline.server.context import Ctx
from dateline.server.params import MAX_PAGE, ErrorBody, clean
from dateline.server.routes.series import story_listing

router = APIRouter(tags=["stories"])


@router.get("/api/stories", summary="Stories: articles about one real-world event, grouped",
            responses={202: {"model": ErrorBody, "description": "still computing; retry shortly"}})
def stories(ctx: Ctx, limit: int = Query(50, ge=0, le=MAX_PAGE), offset: int = Query(0, ge=0, le=10**9)):
    result = story_listing(ctx)
    if isinstance(result, JSONResponse):
        return result
    page = result[offset:offset + limit]
    return {"total": len(result), "offset": offset, "limit": limit,
            "stories": clean([{k: v for k, v in s.items() if k != "article_ids"}
                              | {"article_ids": s.get("article_ids", [])[:50]} for s in page])}
