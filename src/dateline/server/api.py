"""The HTTP API and the web page, served by one FastAPI app over a store directory.

Every query goes through :class:`~dateline.store.read.Store` (and :mod:`dateline.pyapi` for
timelines and dyads), so a filter means the same here as on the command line. The store is
re-read before each query, so articles that a separate `dateline ingest` commits show up
without a restart. POST /api/articles runs the ingest job itself
(:func:`dateline.job.add_articles`), never a copy of its stages.

Safety: article text is untrusted. The API returns it as JSON data only; the page renders
it with textContent, and every response carries a Content-Security-Policy that forbids
inline scripts. Request bodies are size-limited, bad parameters get a 4xx with a one-line
reason (``{"error": ...}``), and read-only mode refuses ingest. The write token, the
Host check, the body limit and the headers on every response are server/security.py's.
"""
from __future__ import annotations

import csv
import io
import json
import math
import re
import threading
from pathlib import Path
from typing import Any, Iterator, Literal

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from dateline import __version__, settings
from dateline.errors import DatelineError
from dateline.model import UNRESOLVED
from dateline.store.read import QUADS, STATUSES, Store

WEB = Path(__file__).with_name("web")

#: Largest request body accepted (an article of MAX_INPUT_BYTES, JSON-escaped, plus fields).
MAX_BODY_BYTES = settings.MAX_INPUT_BYTES * 2 + 64 * 1024
#: Rows per JSON page at most; CSV/JSONL downloads may ask for more.
MAX_PAGE = 1000
MAX_DOWNLOAD = 1_000_000

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")

EVENT_CSV_COLUMNS = ["id", "event", "mode", "quad_code", "intensity", "actor_codes",
                     "recipient_codes", "actor", "recipient", "date", "date_precision",
                     "date_text", "status", "event_loc", "event_text", "start", "end", "trigger",
                     "rule", "confidence", "cluster_id", "article_id", "article_title",
                     "article_url", "article_published"]
ARTICLE_CSV_COLUMNS = ["id", "source", "url", "title", "published", "published_source",
                       "language", "chars", "ingested_at"]

CODE_PATTERN = r"^[A-Za-z0-9]{2,8}$"
QUAD_HELP = "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict"
DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"


#: One-line reasons for parameters whose shape is checked by a pattern.
PATTERN_MESSAGES = {
    **{k: "must be a date: YYYY, YYYY-MM or YYYY-MM-DD" for k in ("from", "to", "since", "until")},
    **{k: "must be an actor code such as USA, CHN or IGO (2-8 letters/digits)"
       for k in ("actor", "recipient", "a", "b")},
    "article": "must be an article id or its first hex digits",
    "story": "must be a story id as /api/stories lists them",
    "article_id": "must be an article id (letters, digits, - and _)",
    "event_id": "must be an event id (letters, digits, - and _)",
    "language": "must be a language code such as en",
}


def DateParam(alias: str | None = None):  # noqa: N802 - reads like the Query it returns
    """A date filter; each parameter needs its own Query object (FastAPI keeps per-field state)."""
    return Query(None, alias=alias, pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD")


def CodeParam():  # noqa: N802
    return Query(None, pattern=CODE_PATTERN, description="actor code: ISO alpha-3 (USA) or IGO/NGO/...")


def TextParam():  # noqa: N802
    return Query(None, max_length=200, description="words the text contains (case-insensitive)")


def plover_types() -> list[dict[str, Any]]:
    """PLOVER types with quad and intensity, from the events stage's data file when present."""
    path = Path(__file__).resolve().parents[1] / "events" / "data" / "plover_types.tsv"
    out = []
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#") or line.startswith("event\t"):
                continue
            cols = line.split("\t")
            out.append({"event": cols[0], "quad_code": int(cols[1]), "intensity": float(cols[3]),
                        "definition": cols[5] if len(cols) > 5 else ""})
    return out


class IngestRequest(BaseModel):
    """One article to analyse and store: its text (plain) or its HTML, and what is known."""

    text: str | None = Field(None, description="plain text: title line, then paragraphs")
    html: str | None = Field(None, description="a web page; the article is extracted from it")
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=4000)
    published: str | None = Field(None, max_length=40, description="publication date, ISO (YYYY-MM-DD)")


class ErrorBody(BaseModel):
    error: str


def _clean(value: Any) -> Any:
    """JSON-safe values: NaN/inf to null (JSON has no NaN)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value


def _json_field(value: Any, empty: Any) -> Any:
    if value in (None, ""):
        return empty
    if isinstance(value, str):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    return value


def _party_json(ref: Any) -> Any:
    """An actor struct of the store as API JSON: the stored fields plus ``resolved`` and, for
    an unresolved one (code ``---``: named in the text, not placed), ``entity_type`` and
    ``why`` (as in the PLOVER record, dateline.events.record)."""
    if not isinstance(ref, dict):
        return ref
    out = dict(ref)
    out["resolved"] = ref.get("code") != UNRESOLVED
    if not out["resolved"]:
        from dateline.events.record import unresolved_reason

        out["entity_type"], out["why"] = unresolved_reason(ref.get("how"))
    return out


def event_json(row: dict[str, Any]) -> dict[str, Any]:
    """A store event row as API JSON: JSON columns decoded, internal columns dropped."""
    out = {k: v for k, v in row.items() if k != "batch"}
    for side in ("actor", "recipient"):
        if isinstance(row.get(side), list):
            out[side] = [_party_json(r) for r in row[side]]
    out["event_loc"] = _json_field(row.get("event_loc"), None)
    out["mentions"] = _json_field(row.get("mentions"), [])
    out["explain"] = _json_field(row.get("explain"), {})
    return _clean(out)


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _rows_csv(rows: Iterator[dict[str, Any]], columns: list[str]) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: (json.dumps(v, ensure_ascii=False, default=str)
                             if isinstance(v, (list, dict)) else v) for k, v in r.items()})
        if buf.tell() > 65536:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def _rows_jsonl(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    for r in rows:
        yield json.dumps(r, ensure_ascii=False, default=str) + "\n"


def create_app(store_path: str | Path, read_only: bool = False, *, token: str | None = None,
               allowed_hosts: list[str] | None = None) -> FastAPI:
    """The app over ``store_path``. With ``read_only`` nothing can be ingested; with
    ``token`` writes need it; with ``allowed_hosts`` other Host headers get 400
    (server/security.py)."""
    from dateline.server import security

    store_path = Path(store_path)
    if not store_path.exists() and not read_only:
        store_path.mkdir(parents=True, exist_ok=True)
    store = Store.open(store_path, read_only=True)
    ingest_lock = threading.Lock()
    counts = CountCache(store_path)
    known_types = {t["event"] for t in plover_types()}

    app = FastAPI(
        title="dateline", version=__version__,
        description="Who did what to whom, when and where: PLOVER-coded events from news, "
                    "with the evidence for each. All data comes from one store directory.",
        docs_url=None, redoc_url=None,   # the bundled Swagger/ReDoc pages load from a CDN
        openapi_url="/openapi.json",
        responses={400: {"model": ErrorBody, "description": "bad parameter (one-line reason)"}},
    )
    app.state.store = store
    app.state.read_only = read_only
    security.install(app, csp=CSP, body_limit=MAX_BODY_BYTES, token=token, hosts=allowed_hosts)

    @app.exception_handler(DatelineError)
    async def dateline_error(request: Request, exc: DatelineError):
        return _error(400, exc.message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        parts = []
        for err in exc.errors()[:3]:
            where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "body", "path"))
            msg = err.get("msg", "invalid")
            if err.get("type") == "string_pattern_mismatch":
                msg = PATTERN_MESSAGES.get(where.rsplit(".", 1)[-1],
                                           "has characters or a shape not allowed here")
            parts.append(f"{where or 'request'}: {msg}")
        return JSONResponse({"error": "; ".join(parts) or "invalid request"}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        import logging

        logging.getLogger("dateline.server").exception("unexpected error on %s", request.url.path)
        return _error(500, f"internal error ({type(exc).__name__}); see the server log")

    def check_types(type_: str | None) -> str | None:
        if not type_:
            return None
        wanted = [t.strip().upper() for t in type_.split(",") if t.strip()]
        bad = [t for t in wanted if known_types and t not in known_types]
        if bad:
            raise DatelineError(f"unknown event type {bad[0]!r}; one of {', '.join(sorted(known_types))}")
        return ",".join(wanted) or None

    def page_limit(limit: int, fmt: str) -> int:
        if fmt == "json" and limit > MAX_PAGE:
            raise DatelineError(f"limit is at most {MAX_PAGE} for JSON pages (use format=csv or jsonl)")
        return limit

    # ------------------------------------------------------------------ page
    @app.get("/", include_in_schema=False)
    def index():
        return FileResponse(WEB / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")

    # ------------------------------------------------------------------ overview
    @app.get("/api/stats", summary="What is in the store")
    def stats() -> dict[str, Any]:
        out = store.stats()
        out["read_only"] = read_only
        return _clean(out)

    @app.get("/api/meta", summary="Codes the filters accept: PLOVER types, quad classes, statuses")
    def meta() -> dict[str, Any]:
        return {"types": plover_types(), "quads": {str(k): v for k, v in QUADS.items()},
                "statuses": list(STATUSES), "read_only": read_only, "version": __version__,
                "actors": counts.get(("actor codes",), lambda: [r["code"] for r in store.sql(
                    "SELECT code, count(*) AS n FROM (SELECT unnest(actor_codes || recipient_codes) AS code "
                    "FROM events) WHERE code <> ? GROUP BY code ORDER BY n DESC LIMIT 300",
                    [UNRESOLVED]).to_pylist()])}

    # ------------------------------------------------------------------ articles
    @app.get("/api/articles", summary="Current articles, newest first")
    def articles(q: str | None = TextParam(), language: str | None = Query(None, pattern=r"^[a-z]{2,3}$"),
                 since: str | None = DateParam(), until: str | None = DateParam(),
                 source: str | None = Query(None, max_length=500),
                 limit: int = Query(50, ge=1, le=MAX_DOWNLOAD), offset: int = Query(0, ge=0, le=10**9),
                 format: Literal["json", "csv", "jsonl"] = "json"):
        page_limit(limit, format)
        filters = dict(q=q, language=language, since=since, until=until, source=source)
        if format != "json":
            pages = _paged(lambda lim, off: store.articles(**filters, limit=lim, offset=off).to_pylist(),
                           limit, offset)
            return _download((_clean(r) for r in pages), format, ARTICLE_CSV_COLUMNS, "articles")
        rows = store.articles(**filters, limit=limit, offset=offset).to_pylist()
        total = counts.get(("articles", tuple(sorted(filters.items()))),
                           lambda: store.articles(**filters, limit=None, columns="id").num_rows)
        return {"total": total, "offset": offset, "limit": limit, "articles": _clean(rows)}

    @app.get("/api/articles/{article_id}", summary="One article: text, metadata and its events")
    def article(article_id: str = _id_path()):
        row = store.article(article_id)
        if row is None:
            return _error(404, f"no article {article_id!r}")
        row.pop("raw", None)
        row.pop("batch", None)
        row["metadata"] = _json_field(row.get("metadata"), {})
        row["provenance"] = _json_field(row.get("provenance"), {})
        evs = store.events(article_id=row["id"], limit=None, columns="e.*").to_pylist()
        evs.sort(key=lambda e: (e.get("start") or 0, e["id"]))
        return {"article": _clean(row), "events": [event_json(e) for e in evs]}

    @app.post("/api/articles", status_code=201, summary="Analyse and store one article",
              responses={403: {"model": ErrorBody}, 409: {"model": ErrorBody},
                         413: {"model": ErrorBody}, 422: {"model": ErrorBody}})
    def ingest_article(payload: IngestRequest):
        if read_only:
            return _error(403, "this server is read-only (started with --read-only)")
        return _ingest(store_path, store, payload, ingest_lock)

    # ------------------------------------------------------------------ events
    @app.get("/api/events", summary="Events of current articles, newest event date first")
    def events(actor: str | None = CodeParam(), recipient: str | None = CodeParam(),
               type: str | None = Query(None, max_length=200, description="PLOVER type(s), comma-separated"),
               quad: int | None = Query(None, ge=1, le=4, description=QUAD_HELP),
               status: str | None = Query(None, max_length=100,
                                          description=f"comma-separated: {', '.join(STATUSES)}"),
               date_from: str | None = DateParam("from"),
               date_to: str | None = DateParam("to"),
               q: str | None = TextParam(),
               article: str | None = Query(None, pattern=r"^[0-9a-fA-F]{1,64}$",
                                           description="article id or prefix"),
               resolved_only: bool = Query(
                   False, description="only events whose actors and recipients are all placed: "
                                      "leave out those with an actor or recipient coded '---' "
                                      "(named in the text but not in the actor data)"),
               limit: int = Query(50, ge=1, le=MAX_DOWNLOAD), offset: int = Query(0, ge=0, le=10**9),
               format: Literal["json", "csv", "jsonl"] = "json"):
        page_limit(limit, format)
        filters = dict(actor=actor, recipient=recipient, type=check_types(type), quad=quad,
                       status=status, date_from=date_from, date_to=date_to, q=q,
                       article_id=article.lower() if article else None, resolved_only=resolved_only)
        if format != "json":
            pages = _paged(lambda lim, off: store.events(**filters, limit=lim, offset=off).to_pylist(),
                           limit, offset)
            return _download((event_json(r) for r in pages), format, EVENT_CSV_COLUMNS, "events")
        rows = store.events(**filters, limit=limit, offset=offset)
        total = counts.get(("events", tuple(sorted(filters.items()))), lambda: count_events(store, filters))
        return {"total": total, "offset": offset, "limit": limit,
                "events": [event_json(r) for r in rows.to_pylist()]}

    @app.get("/api/events/{event_id}", summary="One event with its evidence and article context")
    def event(event_id: str = _id_path()):
        row = store.event(event_id)
        if row is None:
            return _error(404, f"no event {event_id!r}")
        art = store.article(row["article_id"]) or {}
        ev = event_json(row)
        siblings = store.sql("SELECT id, event, quad_code, start, \"end\" FROM events WHERE article_id = ? "
                             "ORDER BY start, id", [row["article_id"]]).to_pylist()
        return {
            "event": ev,
            "article": _clean({k: art.get(k) for k in ("id", "title", "url", "published", "published_source",
                                                       "source", "language", "body")}),
            "highlights": highlights(ev, art.get("body") or ""),
            "why": why(ev),
            "record": _record(row, art),
            "article_events": siblings,
        }

    # ------------------------------------------------------------------ timelines, dyads, stories
    stories_cache = StoriesCache(store)

    def story_listing() -> list[dict] | JSONResponse:
        """The cached story listing, or a 202 asking to retry while it is being computed."""
        ready, listing = stories_cache.get(wait=5.0)
        if not ready:
            return JSONResponse({"error": "stories are being computed for this store; retry in a "
                                          "few seconds"}, status_code=202, headers={"Retry-After": "5"})
        if isinstance(listing, Exception):
            raise listing
        return listing

    @app.get("/api/timeline", summary="A timeline: happenings (event clusters) or event mentions, "
                                      "oldest first, with counts per period",
             responses={501: {"model": ErrorBody}})
    def timeline(unit: Literal["cluster", "event"] = Query(
                     "cluster", description="cluster: one row per happening, however many articles "
                                            "told it (needs actor, recipient, story or type); "
                                            "event: every event mention"),
                 story: str | None = Query(None, pattern=r"^[0-9A-Za-z_.:-]{1,64}$"),
                 actor: str | None = CodeParam(), recipient: str | None = CodeParam(),
                 type: str | None = Query(None, max_length=200), quad: int | None = Query(None, ge=1, le=4),
                 status: str | None = Query(None, max_length=100),
                 date_from: str | None = DateParam("from"),
                 date_to: str | None = DateParam("to"),
                 q: str | None = TextParam(),
                 interval: Literal["day", "week", "month", "year"] = "month",
                 limit: int = Query(200, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=10**9)):
        from dateline import pyapi

        type_ = check_types(type)
        if unit == "event":
            if interval == "week":
                raise DatelineError("interval=week needs unit=cluster (event mentions: day, month or year)")
            if story:
                raise DatelineError("story needs unit=cluster")
            return event_timeline_json(store, pyapi, dict(actor=actor, recipient=recipient, type=type_,
                                                          quad=quad, status=status, date_from=date_from,
                                                          date_to=date_to, q=q), interval, limit, offset)
        if quad or status or q:
            raise DatelineError("quad, status and q filter event mentions: use unit=event")
        if not (actor or recipient or story or type_):
            raise DatelineError("a timeline of happenings needs actor, recipient, story or type "
                                "(or unit=event for every event mention)")
        try:
            from dateline.stories.timeline import timeline as build
        except ImportError:
            return _error(501, "timelines of happenings need the stories module (not installed)")
        if not story:
            entries = build(store, actor=actor, recipient=recipient, date_from=date_from,
                            date_to=date_to, event_type=type_)
            return cluster_timeline_json(entries, interval, limit, offset)
        # A story's articles come from the cached story listing: stories.timeline would
        # re-cluster every article of the store for each request.
        listing = story_listing()
        if isinstance(listing, JSONResponse):
            return listing
        ids = next((s.get("article_ids") for s in listing if s.get("story") == story), None)
        if ids is None:
            return _error(404, f"no story {story!r} (GET /api/stories lists them)")
        entries = story_timeline(store, ids, actor=actor, recipient=recipient, event_type=type_,
                                 date_from=date_from, date_to=date_to)
        return cluster_timeline_json(entries, interval, limit, offset)

    @app.get("/api/dyad", summary="What A did to B and B to A per period, by quad class",
             responses={501: {"model": ErrorBody}})
    def dyad(a: str = Query(..., pattern=CODE_PATTERN), b: str = Query(..., pattern=CODE_PATTERN),
             unit: Literal["cluster", "event"] = Query(
                 "cluster", description="cluster: count happenings (event clusters); event: count mentions"),
             interval: Literal["day", "week", "month", "year"] = "month",
             type: str | None = Query(None, max_length=200, description="unit=event only"),
             status: str | None = Query(None, max_length=100,
                                        description="unit=event only; default occurred,ongoing,planned"),
             date_from: str | None = DateParam("from"),
             date_to: str | None = DateParam("to")):
        from dateline import pyapi

        a, b = a.upper(), b.upper()
        if a == b:
            raise DatelineError(f"a dyad needs two different actors, not {a} and {b}")
        if unit == "event":
            if interval == "week":
                raise DatelineError("interval=week needs unit=cluster (event mentions: day, month or year)")
            kw = dict(interval=interval, both=True, type=check_types(type),
                      status=status or pyapi.DEFAULT_DYAD_STATUS, date_from=date_from, date_to=date_to)
            rows = pyapi.event_dyad(store, a, b, **kw).to_pylist()
            periods = continuous_periods(sorted({r["period"] for r in rows}), interval)
            series = _empty_series(periods)
            index = {p: i for i, p in enumerate(periods)}
            for r in rows:
                series[r["direction"]][str(r["quad_code"])][index[r["period"]]] += r["events"]
            imprecise = pyapi.event_dyad_imprecise(store, a, b, **kw)
            notes = ([f"{imprecise} event mentions dated more coarsely than a {interval} left out"]
                     if imprecise else [])
            return {"a": a, "b": b, "unit": unit, "interval": interval, "periods": periods,
                    "series": series, "rows": _clean(rows), "notes": notes,
                    "quads": {str(k): v for k, v in QUADS.items()}}
        if type or status:
            raise DatelineError("type and status filter event mentions: use unit=event")
        if interval == "day":
            raise DatelineError("interval=day needs unit=event (happenings: week, month or year)")
        try:
            from dateline.stories.dyad import QUAD_COLUMNS, all_periods
            from dateline.stories.dyad import dyad as build
        except ImportError:
            return _error(501, "dyads of happenings need the stories module (not installed)")
        result = build(store, a, b, by=interval, date_from=date_from, date_to=date_to)
        rows = result["rows"]
        periods = all_periods(rows[0]["period"], rows[-1]["period"], interval) if rows else []
        if len(periods) > 5000:
            periods = sorted({r["period"] for r in rows})
        series = _empty_series(periods)
        index = {p: i for i, p in enumerate(periods)}
        for r in rows:
            direction = "a->b" if r["direction"] == f"{a}->{b}" else "b->a"
            for quad, column in QUAD_COLUMNS.items():
                series[direction][str(quad)][index[r["period"]]] += r[column]
        return {"a": a, "b": b, "unit": unit, "interval": interval, "periods": periods,
                "series": series, "rows": _clean(rows), "notes": result.get("notes") or [],
                "quads": {str(k): v for k, v in QUADS.items()}}

    @app.get("/api/stories", summary="Stories: articles about one real-world event, grouped",
             responses={202: {"model": ErrorBody, "description": "still computing; retry shortly"},
                        501: {"model": ErrorBody}})
    def stories(limit: int = Query(50, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=10**9)):
        try:
            import dateline.stories.timeline  # noqa: F401
        except ImportError:
            return _error(501, "stories need the story clustering module (dateline.stories), "
                               "which is not installed")
        result = story_listing()
        if isinstance(result, JSONResponse):
            return result
        page = result[offset:offset + limit]
        return {"total": len(result), "offset": offset, "limit": limit,
                "stories": _clean([{k: v for k, v in s.items() if k != "article_ids"}
                                   | {"article_ids": s.get("article_ids", [])[:50]} for s in page])}

    return app


def continuous_periods(periods: list[str], interval: str, most: int = 5000) -> list[str]:
    """Every period from the first to the last (so a chart's x axis is time, gaps included)."""
    import datetime as dt

    if len(periods) < 2:
        return periods
    first, last = periods[0], periods[-1]
    out: list[str] = []
    try:
        if interval == "year":
            out = [str(y) for y in range(int(first), int(last) + 1)]
        elif interval == "month":
            y, m = int(first[:4]), int(first[5:7])
            while f"{y:04d}-{m:02d}" <= last and len(out) <= most:
                out.append(f"{y:04d}-{m:02d}")
                y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        else:
            day, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
            while day <= end and len(out) <= most:
                out.append(day.isoformat())
                day += dt.timedelta(days=1)
    except ValueError:
        return periods
    if len(out) > most or not set(periods) <= set(out):
        return periods
    return out


def _empty_series(periods: list[str]) -> dict[str, dict[str, list[int]]]:
    return {d: {str(q): [0] * len(periods) for q in QUADS} for d in ("a->b", "b->a")}


def event_timeline_json(store: Store, pyapi, filters: dict[str, Any], interval: str,
                        limit: int, offset: int) -> dict[str, Any]:
    """The unit=event timeline: event mentions from the events view (any store size)."""
    from dateline.store.read import event_filters

    rows = pyapi.event_timeline(store, **filters, interval=interval, limit=limit, offset=offset).to_pylist()
    width = pyapi.INTERVALS[interval][0]
    where, params = event_filters(**filters)
    counts = store.sql(
        f"SELECT substr(e.date, 1, {width}) AS period, e.quad_code, count(*) AS n FROM events e "
        f"WHERE {' AND '.join(where)} AND e.date IS NOT NULL GROUP BY ALL ORDER BY period, e.quad_code",
        params).to_pylist()
    periods = continuous_periods(sorted({c["period"] for c in counts}), interval)
    return {"unit": "event", "interval": interval, "total": sum(c["n"] for c in counts),
            "offset": offset, "limit": limit, "periods": periods, "counts": counts,
            "events": _clean(rows), "notes": []}


def story_timeline(store: Store, article_ids: list[str], *, actor=None, recipient=None,
                   event_type=None, date_from=None, date_to=None) -> list[dict[str, Any]]:
    """stories.timeline.timeline(story=...) for a story whose article ids are known already
    (the same selection, summaries, date filter and order, from its public helpers)."""
    import datetime as dt

    from dateline.stories.dedup import date_interval
    from dateline.stories.timeline import clusters_of, dyad_condition, member_rows, sort_key

    where, params = dyad_condition(actor, recipient)
    if event_type:
        types = [t.strip().upper() for t in str(event_type).split(",") if t.strip()]
        where += f" AND e.event IN ({', '.join('?' * len(types))})"
        params += types
    where += f" AND e.article_id IN ({', '.join('?' * len(article_ids))})"
    params += list(article_ids)
    entries = clusters_of(member_rows(store, where, params))
    lo = date_interval(date_from)[0] if date_from else None
    hi = date_interval(date_to)[1] if date_to else None
    if lo or hi:
        entries = [e for e in entries if e["date_start"]
                   and not (lo and dt.date.fromisoformat(e["date_end"]) < lo)
                   and not (hi and dt.date.fromisoformat(e["date_start"]) > hi)]
    entries.sort(key=sort_key)
    return entries


def cluster_timeline_json(entries: list[dict[str, Any]], interval: str, limit: int,
                          offset: int) -> dict[str, Any]:
    """The unit=cluster timeline: happenings from dateline.stories, in the event JSON shape."""
    from dateline.stories.dyad import all_periods, period_of

    counts: dict[tuple[str, int], int] = {}
    rows = []
    undated = 0
    for e in entries:
        date = e.get("date")
        period = (date[:10] if date and len(date) >= 10 and date[4] == "-" and date[7:8] == "-" else None) \
            if interval == "day" else period_of(date, interval)
        if date is None:
            undated += 1
        if period:
            key = (period, e.get("quad_code"))
            counts[key] = counts.get(key, 0) + 1
        rows.append({
            "period": period, "date": date, "date_precision": e.get("date_precision"),
            "date_text": e.get("date_text"), "event": e.get("event"), "quad_code": e.get("quad_code"),
            "status": e.get("status"), "actor_codes": e.get("actor"), "recipient_codes": e.get("recipient"),
            "event_text": e.get("evidence"), "id": e.get("evidence_event_id"),
            "article_id": (e.get("evidence_article") or {}).get("id"),
            "article_title": (e.get("evidence_article") or {}).get("title"),
            "article_url": (e.get("evidence_article") or {}).get("url"),
            "cluster_id": e.get("cluster_id"), "outlets": e.get("outlets"),
            "outlet_names": e.get("outlet_names"), "mentions": e.get("mentions"),
            "articles": e.get("articles"), "place": e.get("place"),
            "first_published": e.get("first_published")})
    labels = sorted({p for p, _ in counts})
    periods = labels
    if labels and interval != "day":
        periods = all_periods(labels[0], labels[-1], interval)
    elif labels:
        periods = continuous_periods(labels, "day")
    if len(periods) > 5000:
        periods = labels
    notes = [f"{undated} undated happenings listed last (not counted in the chart)"] if undated else []
    return {"unit": "cluster", "interval": interval, "total": len(rows), "offset": offset,
            "limit": limit, "periods": periods,
            "counts": [{"period": p, "quad_code": q, "n": n}
                       for (p, q), n in sorted(counts.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0))],
            "events": _clean(rows[offset:offset + limit]), "notes": notes}


def committed_state(store_path: Path) -> tuple[str, ...]:
    """The store's committed batches (articles parts): what any query result depends on."""
    return tuple(sorted(p.name for p in (Path(store_path) / "articles").glob("part-*.parquet")))


class CountCache:
    """Totals for paging (and other whole-store answers), remembered per key until a batch
    is committed.

    Paging through results asks for the same total on every page; counting is a scan of
    every matching event, the page itself only a top-N.
    """

    def __init__(self, store_path: Path, size: int = 256):
        self.store_path, self.size = store_path, size
        self.state: tuple[str, ...] | None = None
        self.values: dict[Any, int] = {}
        self.lock = threading.Lock()

    def get(self, key: Any, compute) -> Any:
        state = committed_state(self.store_path)
        with self.lock:
            if state != self.state:
                self.state, self.values = state, {}
            if key in self.values:
                return self.values[key]
        value = compute()
        with self.lock:
            if self.state == state:
                if len(self.values) >= self.size:
                    self.values.pop(next(iter(self.values)))
                self.values[key] = value
        return value


class StoriesCache:
    """Story listings computed in the background, once per store state.

    Clustering every article is slow on a large store (minutes for 20,000 articles); the
    page asks again while it runs (202). A new committed batch changes the state, and the
    next request recomputes.
    """

    def __init__(self, store: Store):
        self.store = store
        self.lock = threading.Lock()
        self.key: tuple | None = None
        self.result: Any = None
        self.thread: threading.Thread | None = None
        self.done = threading.Event()

    def _state(self) -> tuple:
        return committed_state(self.store.path)

    def get(self, wait: float) -> tuple[bool, Any]:
        from dateline.stories.timeline import stories

        key = self._state()
        with self.lock:
            if self.key == key and self.done.is_set():
                return True, self.result
            if self.key != key:
                self.key, self.result, self.done = key, None, threading.Event()
                done, store = self.done, self.store

                def work():
                    try:
                        result = stories(store)
                    except Exception as e:  # noqa: BLE001 - reported to the caller
                        result = e
                    with self.lock:
                        if self.done is done:
                            self.result = result
                    done.set()

                self.thread = threading.Thread(target=work, name="dateline-stories", daemon=True)
                self.thread.start()
            done = self.done
        if done.wait(wait):
            with self.lock:
                return True, self.result
        return False, None


def count_events(store: Store, filters: dict[str, Any]) -> int:
    """How many events match (for paging): the filters of Store.events, counted."""
    from dateline.store.read import event_filters

    where, params = event_filters(**filters)
    return store.sql(f"SELECT count(*) AS n FROM events e JOIN articles a ON a.id = e.article_id "
                     f"WHERE {' AND '.join(where)}", params).to_pylist()[0]["n"]


def _id_path():
    from fastapi import Path as PathParam

    return PathParam(..., pattern=r"^[0-9A-Za-z_-]{1,64}$", description="id or unambiguous prefix")


def _paged(fetch, limit: int, offset: int, page: int = 5000) -> Iterator[dict[str, Any]]:
    """Rows ``offset`` .. ``offset + limit`` fetched a page at a time (downloads stream).

    The first page is fetched now, not when the response streams: a bad filter must become
    a 400, which it can no longer be once the response has started."""
    first = fetch(min(page, limit), offset)
    return _pages_from(fetch, limit, offset, page, first)


def _pages_from(fetch, limit: int, offset: int, page: int, rows: list) -> Iterator[dict[str, Any]]:
    done, asked = 0, min(page, limit)
    while True:
        yield from rows
        done += len(rows)
        if len(rows) < asked or done >= limit:
            return
        asked = min(page, limit - done)
        rows = fetch(asked, offset + done)


def _download(rows, fmt: str, columns: list[str], name: str) -> StreamingResponse:
    rows = iter(rows)
    if fmt == "csv":
        return StreamingResponse(_rows_csv(rows, columns), media_type="text/csv; charset=utf-8",
                                 headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    return StreamingResponse(_rows_jsonl(rows), media_type="application/x-ndjson",
                             headers={"Content-Disposition": f'attachment; filename="{name}.jsonl"'})


def _record(row: dict[str, Any], art: dict[str, Any]) -> dict[str, Any] | None:
    """The PLOVER record of `dateline export events`, when the events stage provides it."""
    try:
        from dateline.events.record import event_record
    except ImportError:
        return None
    from dateline.model import Article
    from dateline.store.schema import event_from_row

    article = Article(id=art.get("id") or row["article_id"], source=art.get("source") or "",
                      body="", url=art.get("url"), title=art.get("title"), published=art.get("published"))
    try:
        return _clean(event_record(event_from_row(row), article))
    except Exception:  # noqa: BLE001 - the record is an extra; the event page works without it
        return None


def _span(value: Any) -> tuple[int, int] | None:
    if isinstance(value, dict):
        s, e = value.get("start"), value.get("end")
        if isinstance(s, int) and isinstance(e, int) and 0 <= s < e:
            return s, e
    return None


def _find_in(body: str, needle: str | None, lo: int, hi: int) -> tuple[int, int] | None:
    if not needle:
        return None
    m = re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", body[lo:hi])
    if m is None:
        return None
    return lo + m.start(), lo + m.end()


def highlights(ev: dict[str, Any], body: str) -> list[dict[str, Any]]:
    """Character spans (code points, into the article body) to mark on the event page.

    The evidence sentence, the trigger, the actors' and recipients' words and the date
    words; spans come from the stored offsets, else from finding the stored words inside
    the evidence sentence. Spans that do not fit the body are dropped.
    """
    out: list[dict[str, Any]] = []
    n = len(body)
    start, end = ev.get("start"), ev.get("end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= n:
        out.append({"kind": "evidence", "start": start, "end": end, "label": "evidence"})
    else:
        start, end = 0, n
    explain = ev.get("explain") if isinstance(ev.get("explain"), dict) else {}
    trig = _span(explain.get("trigger")) or _find_in(body, ev.get("trigger"), start, end)
    if trig:
        out.append({"kind": "trigger", "start": trig[0], "end": trig[1],
                    "label": f"trigger: {ev.get('event')}"})
    for role in ("actor", "recipient"):
        for a in ev.get(role) or []:
            span = _span(a) or _find_in(body, a.get("entity_text"), start, end)
            if span:
                code = a.get("code") or "?"
                out.append({"kind": role, "start": span[0], "end": span[1],
                            "label": f"{role}: " + ("unresolved (not in the actor data)"
                                                    if code == UNRESOLVED else code)
                                     + (f"/{a['sector']}" if a.get("sector") else "")})
    anchor = explain.get("date_anchor") or explain.get("date") or explain.get("anchor")
    date_span = _span(anchor) or _find_in(body, ev.get("date_text"), start, end)
    if date_span:
        out.append({"kind": "date", "start": date_span[0], "end": date_span[1],
                    "label": f"date: {ev.get('date') or 'unresolved'}"})
    for m in ev.get("mentions") or []:
        span = _span(m)
        if span:
            out.append({"kind": "mention", "start": span[0], "end": span[1], "label": "also says it"})
    return [h for h in out if 0 <= h["start"] < h["end"] <= n]


def _plain(value: Any) -> str:
    """A value of the explain field as one readable line (offsets left out: they are the
    highlights)."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items()
                         if k not in ("start", "end") and v not in (None, "", [], {}))
    if isinstance(value, (list, tuple)):
        return "; ".join(_plain(v) for v in value) if value else "\u2014"
    return json.dumps(value, ensure_ascii=False, default=str)


#: explain keys shown in their own rows (the rest are listed after them as explain.<key>)
_EXPLAIN_SHOWN = {"sentence", "pattern", "trigger", "parse_path", "actors", "recipients",
                  "status", "date", "date_anchor", "location", "notes"}


def why(ev: dict[str, Any]) -> list[dict[str, str]]:
    """The reasons for an event, as label/value pairs the page lists (all plain text):
    the pattern that fired, the trigger, the parse path to the participants and how each
    was resolved to a code, the date and what anchored it, the status and why."""
    explain = ev.get("explain") if isinstance(ev.get("explain"), dict) else {}
    items: list[dict[str, str]] = []

    def add(label: str, value: Any) -> None:
        if value in (None, "", [], {}):
            return
        items.append({"label": label, "value": _plain(value)})

    add("event", f"{ev.get('event')}" + (f" ({ev.get('mode')})" if ev.get("mode") else "")
        + f", quad {ev.get('quad_code')} {QUADS.get(ev.get('quad_code'), '')}"
        + (f", intensity {ev['intensity']}" if ev.get("intensity") is not None else ""))
    add("pattern", explain.get("pattern") or ev.get("rule"))
    if explain.get("pattern") and ev.get("rule") and ev["rule"] != explain["pattern"]:
        add("rule", ev["rule"])
    trig = explain.get("trigger")
    if isinstance(trig, dict):
        details = ", ".join(str(trig[k]) for k in ("lemma", "pos", "dep", "kind") if trig.get(k))
        add("trigger", f"\u201c{trig.get('text') or ev.get('trigger')}\u201d"
            + (f" ({details})" if details else ""))
    else:
        add("trigger", ev.get("trigger"))
    add("parse path", explain.get("parse_path"))
    for role in ("actor", "recipient"):
        for a in ev.get(role) or []:
            if a.get("code") == UNRESOLVED:
                from dateline.events.record import unresolved_reason

                kind, reason = unresolved_reason(a.get("how"))
                words = a.get("entity_text")
                add(role, f"unresolved ({UNRESOLVED})" + (f"/{a['sector']}" if a.get("sector") else "")
                    + (f" \u2190 \u201c{words}\u201d" if words else " \u2190 nobody named")
                    + (f" [{kind}]" if kind else "") + (f": {reason}" if reason else ""))
                continue
            add(role, f"{a.get('code') or '?'}{('/' + a['sector']) if a.get('sector') else ''}"
                f" {a.get('name') or ''} \u2190 \u201c{a.get('entity_text') or ''}\u201d"
                + (f" ({a['how']})" if a.get("how") else ""))
    add("how actors were found", explain.get("actors"))
    add("how recipients were found", explain.get("recipients"))
    date = f"{ev.get('date') or 'unresolved'} (precision: {ev.get('date_precision') or 'none'})" \
        + (f" from \u201c{ev['date_text']}\u201d" if ev.get("date_text") else "")
    anchor = explain.get("date") if isinstance(explain.get("date"), dict) else explain.get("date_anchor")
    if isinstance(anchor, dict):
        extra = [str(anchor[k]) for k in ("how", "anchor", "rule") if anchor.get(k)]
        if anchor.get("anchor_value") and anchor.get("anchor_value") != ev.get("date"):
            extra.append(f"anchor {anchor['anchor_value']}")
        date += (" \u2014 " + "; ".join(extra)) if extra else ""
    add("date", date)
    status = explain.get("status")
    if isinstance(status, dict):
        add("status", f"{ev.get('status')}" + (f" \u2014 {status['why']}" if status.get("why") else ""))
    else:
        add("status", ev.get("status"))
    add("location", explain.get("location") or ev.get("event_loc"))
    add("confidence", ev.get("confidence"))
    add("notes", explain.get("notes"))
    for key, value in explain.items():
        if key not in _EXPLAIN_SHOWN:
            add(f"explain.{key}", value)
    return items


def _ingest(store_path: Path, store: Store, payload: IngestRequest, lock: threading.Lock):
    """Validate, build the Article (as the JSONL reader would), run the ingest job on it."""
    from dateline.errors import InputError
    from dateline.ingest.article import build_article
    from dateline.ingest.readers import RawInput, normalise_record
    from dateline.job import add_articles

    text = payload.text if payload.text and payload.text.strip() else None
    html = payload.html if payload.html and payload.html.strip() else None
    if not (text or html):
        return _error(422, "give the article as \"text\" or \"html\" (non-empty)")
    if text and html:
        return _error(422, "give either \"text\" or \"html\", not both")
    content = text or html
    if len(content.encode("utf-8", "ignore")) > settings.MAX_INPUT_BYTES:
        return _error(413, f"article is over the {settings.MAX_INPUT_BYTES:,}-byte limit")
    record = {"text": text} if text else {"html": html}
    for key in ("title", "url", "published"):
        value = getattr(payload, key)
        if value:
            record[key] = value
    fields = {k: record[k] for k in ("title", "url", "published") if k in record}
    content, fields, fixed = normalise_record(content, fields)
    try:
        article = build_article(RawInput(source="-#1", kind="text" if text else "html",
                                         content=content, fields=fields, warnings=fixed))
    except InputError as e:
        return _error(422, e.reason)
    except DatelineError as e:
        return _error(422, e.message)
    except Exception as e:  # noqa: BLE001 - one bad article is a 422, not a 500
        return _error(422, f"cannot clean: {type(e).__name__}")
    with lock:
        try:
            summary = add_articles(store_path, [article])
        except DatelineError as e:
            status = 409 if "another dateline process" in e.message else 400
            return _error(status, e.message)
        except ImportError as e:   # a stage named in DATELINE_STAGES is not installed
            return _error(503, f"cannot analyse articles: stage module {e.name or e} is missing "
                               "(check DATELINE_STAGES)")
    if summary.failed:
        return _error(422, summary.failed[0][1])
    duplicate = bool(summary.duplicates)
    article_id = summary.duplicate_sources[0][1] if duplicate else article.id
    events = store.events(article_id=article_id, limit=None, columns="e.id").to_pylist()
    body = {"article_id": article_id, "duplicate": duplicate, "events": len(events),
            "event_ids": [e["id"] for e in events],
            "warnings": [w for _, w in summary.warnings]}
    return JSONResponse(body, status_code=200 if duplicate else 201)


def _stories_provider():
    """The stories module's listing function, once it provides one (else None -> 501)."""
    try:
        from dateline.stories import api as stories_api  # type: ignore[attr-defined]
    except ImportError:
        return None
    return getattr(stories_api, "stories_page", None)
