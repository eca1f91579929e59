"""/api/timeline and /api/dyad: events over time, as chart-ready series."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from dateline import validate
from dateline.errors import DatelineError
from dateline.server.context import AppContext, Ctx
from dateline.server.params import (CODE_PATTERN, MAX_PAGE, CodeParam, DateParam, ErrorBody,
                                    TextParam, error)
from dateline.server.routes.events import store_codes
from dateline.server.series import (cluster_timeline_json, continuous_periods, empty_series,
                                    event_timeline_json, story_timeline)
from dateline.validate import QUADS

router = APIRouter(tags=["timelines"])


def story_listing(ctx: AppContext) -> list[dict] | JSONResponse:
    """The cached story listing, or a 202 asking to retry while it is being computed."""
    ready, listing = ctx.stories.get(wait=5.0)
    if not ready:
        return JSONResponse({"error": "stories are being computed for this store; retry in a "
                                      "few seconds"}, status_code=202, headers={"Retry-After": "5"})
    if isinstance(listing, Exception):
        raise listing
    return listing


@router.get("/api/timeline", summary="A timeline: happenings (event clusters) or event mentions, "
                                     "oldest first, with counts per period",
            responses={501: {"model": ErrorBody}})
def timeline(ctx: Ctx,
             unit: Literal["cluster", "event"] | None = Query(
                 None, description="cluster: one row per happening, however many articles told it "
                                   "(needs actor, recipient, story or type); event: every event "
                                   "mention (the default when nothing narrows the timeline)"),
             story: str | None = Query(None, pattern=r"^[0-9A-Za-z_.:-]{1,64}$"),
             actor: str | None = CodeParam(), recipient: str | None = CodeParam(),
             type: str | None = Query(None, max_length=400), quad: str | None = Query(None, max_length=3),
             status: str | None = Query(None, max_length=100),
             date_from: str | None = DateParam("from"),
             date_to: str | None = DateParam("to"),
             q: str | None = TextParam(),
             interval: Literal["day", "week", "month", "year"] = "month",
             limit: int = Query(200, ge=0, le=MAX_PAGE), offset: int = Query(0, ge=0, le=10**9)):
    from dateline import pyapi

    store = ctx.store
    extra = store_codes(ctx)
    actor, recipient = validate.actor_code(actor, "actor", extra), validate.actor_code(recipient, "recipient", extra)
    types = validate.event_types(type)
    type_ = ",".join(types) if types else None
    quad_ = validate.quad(quad)
    date_from, date_to = validate.date(date_from, "from"), validate.date(date_to, "to")
    notes = []
    if unit is None:
        narrowed = actor or recipient or story or type_
        unit = "cluster" if narrowed and not (quad_ or status or q) else "event"
    if unit == "event":
        if interval == "week":
            raise DatelineError("interval=week needs unit=cluster (event mentions: day, month or year)")
        if story:
            raise DatelineError("story needs unit=cluster")
        out = event_timeline_json(store, pyapi, dict(actor=actor, recipient=recipient, type=type_,
                                                     quad=quad_, status=status, date_from=date_from,
                                                     date_to=date_to, q=q), interval, limit, offset)
        out["notes"] = notes + out["notes"]
        return out
    if quad_ or status or q:
        raise DatelineError("quad, status and q filter event mentions: use unit=event")
    if not (actor or recipient or story or type_):
        raise DatelineError("a timeline of happenings needs actor, recipient, story or type "
                            "(or unit=event for every event mention)")
    from dateline.stories.timeline import timeline as build

    if not story:
        entries = build(store, actor=actor, recipient=recipient, date_from=date_from,
                        date_to=date_to, event_type=type_)
        return cluster_timeline_json(entries, interval, limit, offset)
    # A story's articles come from the cached story listing: stories.timeline would
    # re-cluster every article of the store for each request.
    listing = story_listing(ctx)
    if isinstance(listing, JSONResponse):
        return listing
    found = next((s for s in listing if s.get("story") == story), None)
    if found is None:
        return error(404, f"no story {story!r} (GET /api/stories lists them)")
    entries = story_timeline(store, found.get("article_ids") or [], actor=actor, recipient=recipient,
                             event_type=type_, date_from=date_from, date_to=date_to)
    out = cluster_timeline_json(entries, interval, limit, offset)
    out["story"] = {k: v for k, v in found.items() if k != "article_ids"}
    return out


def web_note(note: str) -> str:
    """A note of dateline.stories worded for any client, not for the CLI's flags."""
    return note.replace("; try --by year", "; count per year to see them").replace("--by", "interval")


@router.get("/api/dyad", summary="What A did to B and B to A per period, by quad class",
            responses={501: {"model": ErrorBody}})
def dyad(ctx: Ctx, a: str = Query(..., pattern=CODE_PATTERN), b: str = Query(..., pattern=CODE_PATTERN),
         unit: Literal["cluster", "event"] = Query(
             "cluster", description="cluster: count happenings (event clusters); event: count mentions"),
         interval: Literal["day", "week", "month", "year"] = "month",
         type: str | None = Query(None, max_length=400, description="unit=event only"),
         status: str | None = Query(None, max_length=100,
                                    description="unit=event only; default occurred,ongoing,planned"),
         date_from: str | None = DateParam("from"),
         date_to: str | None = DateParam("to")):
    from dateline import pyapi

    store = ctx.store
    extra = store_codes(ctx)
    a, b = validate.actor_code(a, "a", extra), validate.actor_code(b, "b", extra)
    date_from, date_to = validate.date(date_from, "from"), validate.date(date_to, "to")
    if a == b:
        raise DatelineError(f"a dyad needs two different actors, not {a} and {b}")
    if unit == "event":
        if interval == "week":
            raise DatelineError("interval=week needs unit=cluster (event mentions: day, month or year)")
        types = validate.event_types(type)
        kw = dict(interval=interval, both=True, type=",".join(types) if types else None,
                  status=status or pyapi.DEFAULT_DYAD_STATUS, date_from=date_from, date_to=date_to)
        rows = pyapi.event_dyad(store, a, b, **kw).to_pylist()
        periods = continuous_periods(sorted({r["period"] for r in rows}), interval)
        series = empty_series(periods)
        index = {p: i for i, p in enumerate(periods)}
        for r in rows:
            series[r["direction"]][str(r["quad_code"])][index[r["period"]]] += r["events"]
        imprecise = pyapi.event_dyad_imprecise(store, a, b, **kw)
        notes = ([f"{imprecise} event mentions dated more coarsely than a {interval} left out"]
                 if imprecise else [])
        return {"a": a, "b": b, "unit": unit, "interval": interval, "periods": periods,
                "series": series, "rows": rows, "notes": notes,
                "quads": {str(k): v for k, v in QUADS.items()}}
    if type or status:
        raise DatelineError("type and status filter event mentions: use unit=event")
    if interval == "day":
        raise DatelineError("interval=day needs unit=event (happenings: week, month or year)")
    from dateline.stories.dyad import QUAD_COLUMNS, all_periods
    from dateline.stories.dyad import dyad as build

    result = build(store, a, b, by=interval, date_from=date_from, date_to=date_to)
    rows = result["rows"]
    periods = all_periods(rows[0]["period"], rows[-1]["period"], interval) if rows else []
    if len(periods) > 5000:
        periods = sorted({r["period"] for r in rows})
    series = empty_series(periods)
    index = {p: i for i, p in enumerate(periods)}
    for r in rows:
        direction = "a->b" if r["direction"] == f"{a}->{b}" else "b->a"
        for quad, column in QUAD_COLUMNS.items():
            series[direction][str(quad)][index[r["period"]]] += r[column]
    from dateline.server.params import clean

    return {"a": a, "b": b, "unit": unit, "interval": interval, "periods": periods,
            "series": series, "rows": clean(rows),
            "notes": [web_note(n) for n in result.get("notes") or []],
            "quads": {str(k): v for k, v in QUADS.items()}}
