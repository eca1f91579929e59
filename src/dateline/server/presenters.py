"""How events look to a reader: API JSON of a store row, the highlights on the article
body, the "why" list of the event page, and the party labels (``KEN/COP``, ``JPN & AUS``).

The web page and the API share these; the CLI's ``explain`` prints from the same explain
block (dateline.events.commands.format_explain).
"""
from __future__ import annotations

import json
import re
from typing import Any

from dateline.model import UNRESOLVED
from dateline.server.params import clean as _clean
from dateline.validate import QUADS


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
