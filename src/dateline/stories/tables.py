"""Timelines and dyads of happenings (event clusters) as Arrow tables.

The one place ``Store.timeline``/``Store.dyad`` and the Python API (:mod:`dateline.pyapi`,
which re-exports both) get them from; the rows come from :mod:`dateline.stories.timeline`
and :mod:`dateline.stories.dyad`. Here rather than in pyapi so the store never imports the
Python API above it (no import cycle).
"""
from __future__ import annotations

from typing import Any

import pyarrow as pa


def _table(rows: list[dict[str, Any]], notes: list[str] | None = None) -> pa.Table:
    table = pa.Table.from_pylist(rows) if rows else pa.table({})
    if notes:
        import json

        table = table.replace_schema_metadata({"notes": json.dumps(notes)})
    return table


def timeline(store, *, story: str | None = None, actor: str | None = None,
             recipient: str | None = None, date_from: str | None = None,
             date_to: str | None = None, event_type: str | None = None,
             limit: int | None = None) -> pa.Table:
    """The timeline of happenings: one row per event cluster (the same happening told by
    several articles counts once), in event-date order; undated clusters last.

    Columns (dateline.stories.timeline.summarise): cluster_id, date, date_precision,
    date_text, date_start, date_end, status, event, quad_code, intensity, actor, recipient,
    actor_names, recipient_names, place, evidence, evidence_event_id, evidence_article,
    outlets, outlet_names, mentions, articles, first_published, members.
    """
    from dateline.stories.timeline import timeline as build

    return _table(build(store, story=story, actor=actor, recipient=recipient, date_from=date_from,
                        date_to=date_to, event_type=event_type, limit=limit))


def dyad(store, a: str, b: str, by: str = "month", date_from: str | None = None,
         date_to: str | None = None) -> pa.Table:
    """What ``a`` did to ``b`` and ``b`` to ``a`` per period (week, month or year), counted
    in happenings (event clusters). Columns: period, direction ("USA->CHN"), events,
    verbal_coop, material_coop, verbal_conflict, material_conflict, intensity_sum,
    intensity_mean, sources, mentions, undated. Why some clusters were left out is in
    ``table.schema.metadata[b"notes"]`` (JSON list).
    """
    from dateline.stories.dyad import dyad as build

    result = build(store, a, b, by=by, date_from=date_from, date_to=date_to)
    return _table(result["rows"], result.get("notes"))
