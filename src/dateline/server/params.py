"""Query parameters shared by the routes, and the one-line error bodies.

Shapes (a date, an actor code) are checked by patterns here so OpenAPI documents them;
meaning (2020-02-30 is no date, XYZ is no actor code in the store) is checked by
:mod:`dateline.validate`, the same functions the CLI calls, so a mistake gets the same
message on both.
"""
from __future__ import annotations

import math
from typing import Any

from fastapi import Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from dateline import validate

#: Rows per JSON page at most; CSV/JSONL downloads may ask for more.
MAX_PAGE = 1000
MAX_DOWNLOAD = 1_000_000

CODE_PATTERN = r"^[A-Za-z0-9]{2,8}$"
QUAD_HELP = "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict"
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"

#: One-line reasons for parameters whose shape is checked by a pattern.
PATTERN_MESSAGES = {
    **{k: validate.DATE_SHAPE for k in ("from", "to", "since", "until")},
    **{k: "must be an actor code such as USA, CHN or IGO (2-8 letters/digits)"
       for k in ("actor", "recipient", "a", "b")},
    "article": "must be an article id or its first hex digits",
    "story": "must be a story id as /api/stories lists them",
    "article_id": "must be an article id (letters, digits, - and _)",
    "event_id": "must be an event id (letters, digits, - and _)",
    "language": "must be a language code such as en",
}


class ErrorBody(BaseModel):
    error: str


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def clean(value: Any) -> Any:
    """JSON-safe values: NaN/inf to null (JSON has no NaN)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, list):
        return [clean(v) for v in value]
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    return value


def DateParam(alias: str | None = None):  # noqa: N802 - reads like the Query it returns
    """A date filter; each parameter needs its own Query object (FastAPI keeps per-field state)."""
    return Query(None, alias=alias, pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD")


def CodeParam():  # noqa: N802
    return Query(None, pattern=CODE_PATTERN, description="actor code: ISO alpha-3 (USA) or IGO/NGO/...")


def TextParam():  # noqa: N802
    return Query(None, max_length=200, description="words the text contains (case-insensitive)")


def LimitParam(default: int = 50):  # noqa: N802
    return Query(default, ge=0, le=MAX_DOWNLOAD, description="rows per page (JSON: at most 1000)")


def OffsetParam():  # noqa: N802
    return Query(0, ge=0, le=10**9, description="rows to skip")


def page_limit(limit: int, fmt: str) -> int:
    """The JSON page size cap (downloads may ask for more)."""
    validate.limit(limit)
    if fmt == "json" and limit > MAX_PAGE:
        raise validate.ValidationError(f"limit is at most {MAX_PAGE} for JSON pages (use format=csv or jsonl)")
    return limit


def id_path():
    from fastapi import Path as PathParam

    return PathParam(..., pattern=r"^[0-9A-Za-z_-]{1,64}$", description="id or unambiguous prefix")
