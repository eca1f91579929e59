"""The store's tables as Arrow schemas, and conversions between records and rows.

The store is a directory of Parquet parts, one folder per table (docs/store.md):

    articles/part-<batch>.parquet   the commit record of a batch (written last)
    events/part-<batch>.parquet     events of that batch's articles
    timexes/part-<batch>.parquet    time expressions found in them
    failures/part-<batch>.parquet   inputs that could not be read, with the reason

The local writer and the Ray Data runner write exactly these schemas.
"""
from __future__ import annotations

import json
from typing import Any

import pyarrow as pa

from dateline.model import ARTICLE_SCHEMA, ActorRef, Event, Timex

ACTOR_TYPE = pa.struct([
    ("code", pa.string()), ("sector", pa.string()), ("name", pa.string()),
    ("entity_text", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("how", pa.string()),
])

EVENT_SCHEMA = pa.schema([
    ("id", pa.string()),
    ("article_id", pa.string()),
    ("event", pa.string()),
    ("mode", pa.string()),
    ("quad_code", pa.int32()),
    ("intensity", pa.float64()),
    ("actor", pa.list_(ACTOR_TYPE)),
    ("recipient", pa.list_(ACTOR_TYPE)),
    ("actor_codes", pa.list_(pa.string())),
    ("recipient_codes", pa.list_(pa.string())),
    ("date", pa.string()),
    ("date_precision", pa.string()),
    ("date_text", pa.string()),
    ("status", pa.string()),
    ("event_loc", pa.string()),        # JSON object or null
    ("event_text", pa.string()),
    ("start", pa.int64()),
    ("end", pa.int64()),
    ("trigger", pa.string()),
    ("rule", pa.string()),
    ("confidence", pa.float64()),
    ("mentions", pa.string()),         # JSON list
    ("explain", pa.string()),          # JSON object
    # the event's place on the map (dateline.places; null when unresolved, geo_why says why).
    # Stores written before these columns read them as null (read.py unions by name).
    ("geo_geonameid", pa.int64()),
    ("geo_name", pa.string()),
    ("geo_lat", pa.float64()),
    ("geo_lon", pa.float64()),
    ("geo_admin1", pa.string()),       # GeoNames admin-1 code with its country: "US.TX"
    ("geo_country", pa.string()),      # ISO alpha-3
    ("geo_feature_class", pa.string()),  # P populated place | A country or admin-1 region
    ("geo_resolution", pa.string()),   # city | admin1 | country
    ("geo_why", pa.string()),
    ("batch", pa.string()),
])

#: Event.geo key -> events table column
GEO_COLUMNS = {"geonameid": "geo_geonameid", "name": "geo_name", "lat": "geo_lat",
               "lon": "geo_lon", "admin1": "geo_admin1", "country_code": "geo_country",
               "feature_class": "geo_feature_class", "resolution": "geo_resolution",
               "why": "geo_why"}

TIMEX_SCHEMA = pa.schema([
    ("article_id", pa.string()),
    ("start", pa.int64()),
    ("end", pa.int64()),
    ("text", pa.string()),
    ("type", pa.string()),
    ("value", pa.string()),
    ("precision", pa.string()),
    ("rule", pa.string()),
    ("batch", pa.string()),
])

FAILURE_SCHEMA = pa.schema([
    ("source", pa.string()),
    ("reason", pa.string()),
    ("at", pa.string()),
    ("batch", pa.string()),
])

# --- cross-article event clusters (dateline.stories.incremental; docs/architecture.md) ---
#: blocking index: one row per (blocking key, event); rewritten when the event's cluster
#: changes (the latest row per event wins). The canonical index; the writer looks keys up
#: in a derived SQLite copy of the committed parts (STORE/.event_keys.sqlite)
EVENT_KEY_SCHEMA = pa.schema([
    ("key", pa.string()),              # CLASS|code|code|YYYY-MM (stories.dedup.blocking_keys)
    ("event_id", pa.string()),
    ("cluster_id", pa.string()),       # the event's cluster as of this row's batch
    ("article_id", pa.string()),
    ("event", pa.string()),
    ("status", pa.string()),
    ("actor_codes", pa.list_(pa.string())),
    ("recipient_codes", pa.list_(pa.string())),
    ("date", pa.string()),
    ("date_precision", pa.string()),
    ("place_country", pa.string()),
    ("place_name", pa.string()),
    ("published", pa.string()),        # publication day of the article
    ("outlet", pa.string()),
    ("batch", pa.string()),
    ("words", pa.string()),            # content-word stems of its sentences (space-separated)
])

#: cluster assignments; the latest row per event (by batch) is the current one
EVENT_CLUSTER_SCHEMA = pa.schema([
    ("event_id", pa.string()),
    ("cluster_id", pa.string()),       # smallest event id of the cluster
    ("outlet", pa.string()),           # URL host, else site, else input file stem
    ("how", pa.string()),              # new cluster | joined cluster | re-clustered (was X)
    ("batch", pa.string()),
])
# --- end cross-article event clusters ---

TABLES: dict[str, pa.Schema] = {
    "articles": ARTICLE_SCHEMA,
    "events": EVENT_SCHEMA,
    "timexes": TIMEX_SCHEMA,
    "failures": FAILURE_SCHEMA,
    "event_keys": EVENT_KEY_SCHEMA,
    "event_clusters": EVENT_CLUSTER_SCHEMA,
}

#: Written first to last; `articles` is the batch's commit record and is always last.
WRITE_ORDER = ["failures", "timexes", "events", "event_keys", "event_clusters", "articles"]


def _actor_row(a: ActorRef) -> dict[str, Any]:
    return {"code": a.code, "sector": a.sector, "name": a.name, "entity_text": a.entity_text,
            "start": a.start, "end": a.end, "how": a.how}


def event_row(e: Event, batch: str) -> dict[str, Any]:
    return {
        "id": e.id, "article_id": e.article_id, "event": e.event, "mode": e.mode,
        "quad_code": e.quad_code, "intensity": e.intensity,
        "actor": [_actor_row(a) for a in e.actor], "recipient": [_actor_row(a) for a in e.recipient],
        "actor_codes": sorted({a.code for a in e.actor if a.code}),
        "recipient_codes": sorted({a.code for a in e.recipient if a.code}),
        "date": e.date, "date_precision": e.date_precision, "date_text": e.date_text,
        "status": e.status,
        "event_loc": json.dumps(e.event_loc, ensure_ascii=False) if e.event_loc else None,
        "event_text": e.event_text, "start": e.start, "end": e.end, "trigger": e.trigger,
        "rule": e.rule, "confidence": e.confidence,
        "mentions": json.dumps(e.mentions, ensure_ascii=False),
        "explain": json.dumps(e.explain, ensure_ascii=False, default=str),
        **geo_row(e),
        "batch": batch,
    }


def geo_row(e: Event) -> dict[str, Any]:
    """The geo_* columns of an event; only geo_why when it has no place."""
    geo = e.geo or {}
    row = {col: geo.get(key) for key, col in GEO_COLUMNS.items()}
    if not geo:
        why = e.explain.get("geo") if isinstance(e.explain, dict) else None
        row["geo_why"] = why if isinstance(why, str) else None
    return row


def geo_from_row(row: dict[str, Any]) -> dict[str, Any] | None:
    """Event.geo from a store row (None when the place was not resolved, or the row is
    from a store written before the geo stage)."""
    if row.get("geo_geonameid") is None:
        return None
    return {key: row.get(col) for key, col in GEO_COLUMNS.items()}


def event_from_row(row: dict[str, Any]) -> Event:
    def actors(items):
        return [ActorRef(**{k: v for k, v in (a or {}).items()}) for a in (items or [])]

    return Event(
        id=row["id"], article_id=row["article_id"], event=row["event"], mode=row.get("mode"),
        quad_code=row.get("quad_code"), intensity=row.get("intensity"),
        actor=actors(row.get("actor")), recipient=actors(row.get("recipient")),
        date=row.get("date"), date_precision=row.get("date_precision"), date_text=row.get("date_text"),
        status=row.get("status"),
        event_loc=json.loads(row["event_loc"]) if row.get("event_loc") else None,
        event_text=row.get("event_text") or "", start=row.get("start"), end=row.get("end"),
        trigger=row.get("trigger") or "", rule=row.get("rule") or "",
        confidence=row.get("confidence") or 0.0,
        mentions=json.loads(row["mentions"]) if row.get("mentions") else [],
        explain=json.loads(row["explain"]) if row.get("explain") else {},
        geo=geo_from_row(row),
    )


def timex_row(article_id: str, t: Timex, batch: str) -> dict[str, Any]:
    return {"article_id": article_id, "start": t.start, "end": t.end, "text": t.text,
            "type": t.type, "value": t.value, "precision": t.precision, "rule": t.rule,
            "batch": batch}
