"""/api/stats (what is in the store) and /api/meta (the codes the filters accept)."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from dateline import __version__
from dateline.model import UNRESOLVED
from dateline.server.context import Ctx
from dateline.server.params import clean
from dateline.validate import QUADS, STATUSES

router = APIRouter(tags=["overview"])


def plover_types() -> list[dict[str, Any]]:
    """PLOVER types with quad, intensity and whether they are symmetric, from the events
    stage's data file (dateline.events.patterns reads it)."""
    from dateline.events.patterns import plover_types as read

    return [{"event": t.event, "quad_code": t.quad_code, "intensity": t.intensity,
             "symmetric": t.symmetric, "definition": t.definition} for t in read().values()]


@router.get("/api/stats", summary="What is in the store")
def stats(ctx: Ctx) -> dict[str, Any]:
    out = ctx.store.stats()
    out["read_only"] = ctx.read_only
    return clean(out)


@router.get("/api/meta", summary="Codes the filters accept: PLOVER types, quad classes, statuses")
def meta(ctx: Ctx) -> dict[str, Any]:
    store = ctx.store
    return {"types": plover_types(), "quads": {str(k): v for k, v in QUADS.items()},
            "statuses": list(STATUSES), "read_only": ctx.read_only, "version": __version__,
            "actors": ctx.counts.get(("actor codes",), lambda: [r["code"] for r in store.sql(
                "SELECT code, count(*) AS n FROM (SELECT unnest(actor_codes || recipient_codes) AS code "
                "FROM events) WHERE code <> ? GROUP BY code ORDER BY n DESC LIMIT 300",
                [UNRESOLVED]).to_pylist()])}
