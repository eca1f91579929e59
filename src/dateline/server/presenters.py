"""How events look to a reader of the API: JSON of a store row, the PLOVER record and the
highlights on the article body.

The explanation of an event (the page's "why" list, the API's ``explanation``) comes from
dateline.explanation, the same function `dateline explain` prints from.
"""
from __future__ import annotations

import json
import re
from typing import Any

from dateline.model import UNRESOLVED
from dateline.server.params import clean as _clean


def json_field(value: Any, empty: Any) -> Any:
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
    out["event_loc"] = json_field(row.get("event_loc"), None)
    out["mentions"] = json_field(row.get("mentions"), [])
    out["explain"] = json_field(row.get("explain"), {})
    return _clean(out)


def plover_record(row: dict[str, Any], art: dict[str, Any]) -> dict[str, Any] | None:
    """The PLOVER record of `dateline export events`."""
    from dateline.export.plover import record_from_row

    try:
        return _clean(record_from_row(row, art))
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
