"""/api/events (list, downloads), /api/events/{id} (one event with its evidence),
/api/facets (counts beside the list) and /api/map (counts per country and place)."""
from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Query

from dateline import validate
from dateline.explanation import explanation, why_items
from dateline.present import parties_label, party_names
from dateline.server.context import AppContext, Ctx
from dateline.server.params import (QUAD_HELP, CodeParam, DateParam, TextParam, clean, error,
                                    id_path, page_limit)
from dateline.server.presenters import event_json, highlights, plover_record
from dateline.server.streaming import EVENT_CSV_COLUMNS, download, paged
from dateline.validate import STATUSES

router = APIRouter(tags=["events"])


def store_codes(ctx: AppContext) -> frozenset[str]:
    """Actor codes found in the store (accepted as filters beside the actor data's)."""
    return ctx.counts.get(("store codes",), lambda: frozenset(r["code"] for r in ctx.store.sql(
        "SELECT DISTINCT unnest(actor_codes || recipient_codes) AS code FROM events").to_pylist()))


def event_filters(ctx: Ctx,
                  actor: str | None = CodeParam(), recipient: str | None = CodeParam(),
                  type: str | None = Query(None, max_length=400, description="PLOVER type(s), comma-separated"),
                  quad: str | None = Query(None, max_length=3, description=QUAD_HELP),
                  status: str | None = Query(None, max_length=100,
                                             description=f"comma-separated: {', '.join(STATUSES)}"),
                  date_from: str | None = DateParam("from"), date_to: str | None = DateParam("to"),
                  q: str | None = TextParam(),
                  article: str | None = Query(None, pattern=r"^[0-9a-fA-F]{1,64}$",
                                              description="article id or prefix"),
                  resolved_only: bool = Query(
                      False, description="only events whose actors and recipients are all placed: "
                                         "leave out those with an actor or recipient coded '---' "
                                         "(named in the text but not in the actor data)"),
                  sector: str | None = Query(None, pattern=r"^[A-Za-z]{2,4}$",
                                             description="a party of this sector (GOV, MIL, COP, CVL...)"),
                  outlet: str | None = Query(None, max_length=200, description="article URL host"),
                  language: str | None = Query(None, pattern=r"^[a-z]{2,3}$"),
                  country: str | None = Query(None, pattern=r"^[A-Za-z]{3}$",
                                              description="where the event happened (ISO alpha-3)"),
                  place: str | None = Query(None, max_length=40, description="LAT,LON of a map point"),
                  ) -> dict[str, Any]:
    """The event filters every event view takes, checked by dateline.validate."""
    extra = store_codes(ctx)
    return dict(actor=validate.actor_code(actor, "actor", extra),
                recipient=validate.actor_code(recipient, "recipient", extra),
                type=validate.event_types(type), quad=validate.quad(quad),
                status=validate.statuses(status), date_from=validate.date(date_from, "from"),
                date_to=validate.date(date_to, "to"), q=q,
                article_id=article.lower() if article else None, resolved_only=resolved_only,
                sector=sector.upper() if sector else None, outlet=outlet, language=language,
                country=country.upper() if country else None, place=place)


Filters = Depends(event_filters)


def event_row_json(row: dict[str, Any]) -> dict[str, Any]:
    """A list row: the event JSON plus ``parties`` (``KEN/COP -> KEN/CVL``) and the names
    behind the codes for a tooltip."""
    out = event_json(row)
    out["parties"] = parties_label(out.get("actor"), out.get("recipient"))
    out["party_names"] = {"actor": party_names(out.get("actor")),
                          "recipient": party_names(out.get("recipient"))}
    return out


def csv_row(ev: dict[str, Any]) -> dict[str, Any]:
    """Flat cells: parties as ``KEN/COP`` labels, codes joined with ';', the place's name."""
    out = dict(ev)
    for side in ("actor", "recipient"):
        out[side] = parties_label(ev.get(side), []).split(" -> ")[0]
    loc = ev.get("event_loc")
    out["event_loc"] = loc.get("name") if isinstance(loc, dict) else loc
    return out


@router.get("/api/events", summary="Events of current articles, newest event date first")
def events(ctx: Ctx, filters: dict = Filters,
           sort: str | None = Query(None, max_length=20,
                                    description="date, type, quad, status, actor, recipient, confidence, "
                                                "outlet; - in front for descending (default -date)"),
           limit: str = Query("50", max_length=10, description="rows (JSON: at most 1000; downloads: a number or all)"),
           offset: str = Query("0", max_length=12),
           format: Literal["json", "csv", "jsonl"] = "json"):
    n = validate.limit(limit, allow_all=format != "json")
    start = validate.offset(offset)
    store = ctx.store
    if format != "json":
        rows = paged(lambda lim, off: store.events(**filters, sort=sort, limit=lim, offset=off).to_pylist(),
                     n if n is not None else 10**12, start)
        shaped = (event_row_json(r) for r in rows)
        if format == "csv":
            shaped = (csv_row(r) for r in shaped)
        return download(shaped, format, EVENT_CSV_COLUMNS + ["parties", "outlet"], "events")
    page_limit(n, format)
    rows = store.events(**filters, sort=sort, limit=n, offset=start)
    total = ctx.counts.get(("events", _key(filters)), lambda: store.count_events(**filters))
    return {"total": total, "offset": start, "limit": n, "sort": sort or "-date",
            "events": [event_row_json(r) for r in rows.to_pylist()]}


@router.get("/api/facets", summary="Counts of the matching events by type, quad, actor and "
                                   "recipient country, sector, status, outlet and language")
def facets(ctx: Ctx, filters: dict = Filters, top: int = Query(12, ge=1, le=200)):
    result = ctx.counts.get(("facets", top, _key(filters)), lambda: ctx.store.facets(top=top, **filters))
    return {"facets": clean(result)}


@router.get("/api/map", summary="The matching events on a map: counts per country and per "
                                "geocoded place (by quad class)")
def event_map(ctx: Ctx, filters: dict = Filters):
    return clean(ctx.counts.get(("map", _key(filters)), lambda: ctx.store.map_counts(**filters)))


@router.get("/api/events/{event_id}", summary="One event with its evidence and article context")
def event(ctx: Ctx, event_id: str = id_path()):
    store = ctx.store
    row = store.event(event_id)
    if row is None:
        return error(404, f"no event {event_id!r}")
    art = store.article(row["article_id"]) or {}
    ev = event_row_json(row)
    explained = clean(explanation(ev, article=art))
    siblings = store.sql("SELECT id, event, quad_code, start, \"end\" FROM events WHERE article_id = ? "
                         "ORDER BY start, id", [row["article_id"]]).to_pylist()
    return {
        "event": ev,
        "article": clean({k: art.get(k) for k in ("id", "title", "url", "published", "published_source",
                                                  "source", "language", "body")}),
        "highlights": highlights(ev, art.get("body") or ""),
        "why": why_items(explained),
        "explanation": explained,
        "record": plover_record(row, art),
        "article_events": siblings,
    }


def _key(filters: dict[str, Any]) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in filters.items()))
