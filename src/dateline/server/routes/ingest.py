"""POST /api/articles: analyse and store one article through the ingest job (the same path
as `dateline ingest`, never a copy of its stages)."""
from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from dateline import settings
from dateline.errors import DatelineError
from dateline.server.context import AppContext, Ctx
from dateline.server.params import ErrorBody, error

router = APIRouter(tags=["ingest"])


class IngestRequest(BaseModel):
    """One article to analyse and store: its text (plain) or its HTML, and what is known."""

    text: str | None = Field(None, description="plain text: title line, then paragraphs")
    html: str | None = Field(None, description="a web page; the article is extracted from it")
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=4000)
    published: str | None = Field(None, max_length=40, description="publication date, ISO (YYYY-MM-DD)")


@router.post("/api/articles", status_code=201, summary="Analyse and store one article",
             responses={401: {"model": ErrorBody}, 403: {"model": ErrorBody}, 409: {"model": ErrorBody},
                        413: {"model": ErrorBody}, 422: {"model": ErrorBody}})
def ingest_article(ctx: Ctx, payload: IngestRequest):
    if ctx.read_only:
        return error(403, "this server is read-only (started with --read-only)")
    return run_ingest(ctx, payload)


def run_ingest(ctx: AppContext, payload: IngestRequest):
    """Validate, build the Article (as the JSONL reader would), run the ingest job on it."""
    from dateline.errors import InputError
    from dateline.ingest.article import build_article
    from dateline.ingest.readers import RawInput, normalise_record
    from dateline.job import add_articles

    text = payload.text if payload.text and payload.text.strip() else None
    html = payload.html if payload.html and payload.html.strip() else None
    if not (text or html):
        return error(422, "the article text is empty: paste the article's text (or send \"html\")")
    if text and html:
        return error(422, "give either \"text\" or \"html\", not both")
    content = text or html
    if len(content.encode("utf-8", "ignore")) > settings.MAX_INPUT_BYTES:
        return error(413, f"article is over the {settings.MAX_INPUT_BYTES:,}-byte limit")
    fields = {k: getattr(payload, k) for k in ("title", "url", "published") if getattr(payload, k)}
    content, fields, fixed = normalise_record(content, fields)
    try:
        article = build_article(RawInput(source="-#1", kind="text" if text else "html",
                                         content=content, fields=fields, warnings=fixed))
    except InputError as e:
        return error(422, e.reason)
    except DatelineError as e:
        return error(422, e.message)
    except Exception as e:  # noqa: BLE001 - one bad article is a 422, not a 500
        return error(422, f"cannot clean: {type(e).__name__}")
    with ctx.ingest_lock:
        try:
            summary = add_articles(ctx.store_path, [article])
        except DatelineError as e:
            status = 409 if "another dateline process" in e.message else 400
            return error(status, e.message)
        except ImportError as e:   # a stage named in DATELINE_STAGES is not installed
            return error(503, f"cannot analyse articles: stage module {e.name or e} is missing "
                              "(check DATELINE_STAGES)")
    if summary.failed:
        return error(422, summary.failed[0][1])
    duplicate = bool(summary.duplicates)
    article_id = summary.duplicate_sources[0][1] if duplicate else article.id
    events = ctx.store.events(article_id=article_id, limit=None, columns="e.id").to_pylist()
    body = {"article_id": article_id, "duplicate": duplicate, "events": len(events),
            "event_ids": [e["id"] for e in events],
            "warnings": [w for _, w in summary.warnings]}
    from fastapi.responses import JSONResponse

    return JSONResponse(body, status_code=200 if duplicate else 201)
