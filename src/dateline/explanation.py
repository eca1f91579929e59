"""How one event was coded, for every reader: one structured explanation, two renderings.

:func:`explanation` gathers the facts (trigger and rule, score, the sentence with its
offsets, how each actor and recipient was resolved, the date and what anchored it, the
status and the place) from an event and its ``explain`` block. `dateline explain` prints
it with :func:`explain_text`; the HTTP API returns it as JSON (``explanation`` of
``/api/events/{id}``) and the web page lists it as label/value rows (:func:`why_items`,
the API's ``why``). A fact added here reaches the CLI, the API and the page together.
"""
from __future__ import annotations

import json
from typing import Any

from dateline.model import UNRESOLVED
from dateline.validate import QUADS

#: explain keys the explanation names; the others go to ``more`` (shown as explain.<key>)
_NAMED = {"sentence", "pattern", "trigger", "parse_path", "actors", "recipients", "status",
          "date", "date_anchor", "location", "notes"}


def explanation(event: dict[str, Any], explain: dict[str, Any] | None = None,
                article: dict[str, Any] | None = None) -> dict[str, Any]:
    """The explanation of ``event``: a PLOVER record (`dateline extract`,
    ``export.plover.record_from_row``) or the API's event JSON (a store row). ``explain``
    defaults to the event's own block, ``article`` to the record's ``article``."""
    if explain is None:
        explain = event.get("explain") if isinstance(event.get("explain"), dict) else {}
    art = article if article is not None else (event.get("article") or {})
    span = event.get("text_info") or {"start": event.get("start"), "end": event.get("end")}
    trigger = explain.get("trigger")
    status = explain.get("status")
    return {
        "event": {"id": event.get("id"), "type": event.get("event"), "mode": event.get("mode"),
                  "quad_code": event.get("quad_code"), "quad": QUADS.get(event.get("quad_code"), ""),
                  "intensity": event.get("intensity"), "confidence": event.get("confidence")},
        "article": {"id": art.get("id") or event.get("article_id"), "source": art.get("source"),
                    "published": art.get("published")},
        "sentence": {"text": explain.get("sentence", event.get("event_text", "")),
                     "start": span.get("start"), "end": span.get("end")},
        "trigger": trigger if isinstance(trigger, dict) else None,
        "trigger_word": event.get("trigger"),
        "pattern": explain.get("pattern"),
        "rule": event.get("rule"),
        "parse_path": explain.get("parse_path"),
        "parties": {side: [_party(e) for e in event.get(side) or []] for side in ("actor", "recipient")},
        "resolution": {"actor": explain.get("actors"), "recipient": explain.get("recipients")},
        "status": {"value": event.get("status"),
                   "why": status.get("why", "") if isinstance(status, dict) else ""},
        "date": _date(event, explain),
        "place": event.get("event_loc"),
        "location": explain.get("location"),
        "notes": explain.get("notes") or [],
        "mentions": event.get("mentions") or [],
        "more": {k: v for k, v in explain.items() if k not in _NAMED},
    }


def _party(ent: dict[str, Any]) -> dict[str, Any]:
    """One actor or recipient: its code and words, and how it was placed (or why not)."""
    from dateline.events.record import entity_label, unresolved_reason

    code = ent.get("code")
    out = {"label": entity_label(ent), "code": code, "sector": ent.get("sector"),
           "name": ent.get("name"), "words": ent.get("entity_text"), "how": ent.get("how"),
           "resolved": code != UNRESOLVED}
    if not out["resolved"]:
        kind, why = unresolved_reason(ent.get("how"))
        out["entity_type"] = ent.get("entity_type", kind)
        out["why"] = ent.get("why", why)
    return out


def _date(event: dict[str, Any], explain: dict[str, Any]) -> dict[str, Any]:
    """The date, its precision and words, and how the time stage anchored it."""
    how = explain.get("date") if isinstance(explain.get("date"), dict) else explain.get("date_anchor")
    return {"value": event.get("date"), "precision": event.get("date_precision"),
            "text": event.get("date_text"), "how": how if isinstance(how, dict) else None}


# --------------------------------------------------------------------------------------
# as text: `dateline explain`
# --------------------------------------------------------------------------------------
def explain_text(x: dict[str, Any]) -> str:
    """What `dateline explain` prints: how one event was coded, step by step."""
    ev, art, sent = x["event"], x["article"], x["sentence"]
    sides = {s: "+".join(p["label"] for p in x["parties"][s]) for s in ("actor", "recipient")}
    lines = [f"event {ev['id']}: {ev['type']}" + (f" ({ev['mode']})" if ev["mode"] else "")
             + f"  {sides['actor']} -> {sides['recipient']}  quad {ev['quad_code']}, intensity {ev['intensity']}",
             f"article:   {art['source'] or ''} (id {art['id']})"
             + (f", published {art['published']}" if art["published"] else ""),
             f"sentence:  [{sent['start']}-{sent['end']}] {sent['text']!r}"]
    trig = x["trigger"]
    if trig:
        light = f", light verb '{trig['light_verb']}'" if trig.get("light_verb") else ""
        lines.append(f"trigger:   '{trig.get('text')}' (lemma {trig.get('lemma')}, {trig.get('pos')}, "
                     f"dep {trig.get('dep')}, {trig.get('kind')}{light}) at {trig.get('start')}-{trig.get('end')}")
    lines.append(f"pattern:   {x['pattern'] or x['rule']}   confidence {ev['confidence']}")
    path = x["parse_path"]
    if path:
        lines.append(f"parse:     actor via {', '.join(path.get('actor') or ['-'])}; "
                     f"recipient via {', '.join(path.get('recipient') or ['-'])}")
    for title, side in (("actors", "actor"), ("recipients", "recipient")):
        steps = x["resolution"][side] or []
        lines.append(f"{title}:" if steps else f"{title}: (none resolved from the parse)")
        lines.extend(f"  - {s}" for s in steps)
    lines.extend(_unresolved_lines(x["parties"]))
    lines.append(f"status:    {x['status']['value']} ({x['status']['why']})")
    date = x["date"]
    lines.append(f"date:      {date['value'] or 'none'}"
                 + (f" [{date['precision']}]" if date["precision"] else "")
                 + f" - {(date['how'] or {}).get('how', '')}")
    loc = x["place"]
    if loc:
        lines.append(f"location:  {loc.get('name')} ({loc.get('country') or 'country unknown'}) "
                     f"at {loc.get('start')}-{loc.get('end')}")
    lines.extend(f"note:      {n}" for n in x["notes"])
    lines.extend(f"mention:   {m.get('where')} [{m.get('start')}-{m.get('end')}] {m.get('text', '')[:100]!r}"
                 for m in x["mentions"])
    return "\n".join(lines)


def _unresolved_lines(parties: dict[str, list]) -> list[str]:
    out = []
    for side in ("actor", "recipient"):
        for p in parties[side]:
            if not p["resolved"]:
                kind = f" [{p['entity_type']}]" if p.get("entity_type") else ""
                out.append(f"unresolved {side}: {p['words'] or '(not named)'}{kind}"
                           + (f" - {p['why']}" if p.get("why") else ""))
    return out


# --------------------------------------------------------------------------------------
# as label/value rows: the web page's "Why this event"
# --------------------------------------------------------------------------------------
def plain(value: Any) -> str:
    """A value of the explanation as one readable line (offsets left out: the page marks
    them on the article body)."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return "; ".join(f"{k}: {plain(v)}" for k, v in value.items()
                         if k not in ("start", "end") and v not in (None, "", [], {}))
    if isinstance(value, (list, tuple)):
        return "; ".join(plain(v) for v in value) if value else "\u2014"
    return json.dumps(value, ensure_ascii=False, default=str)


def why_items(x: dict[str, Any]) -> list[dict[str, str]]:
    """The explanation as label/value pairs the page lists (all plain text): the pattern
    that fired, the trigger, the parse path to the participants and how each was resolved
    to a code, the date and what anchored it, the status and why."""
    items: list[dict[str, str]] = []

    def add(label: str, value: Any) -> None:
        if value not in (None, "", [], {}):
            items.append({"label": label, "value": plain(value)})

    ev = x["event"]
    add("event", f"{ev['type']}" + (f" ({ev['mode']})" if ev["mode"] else "")
        + f", quad {ev['quad_code']} {ev['quad']}"
        + (f", intensity {ev['intensity']}" if ev["intensity"] is not None else ""))
    add("pattern", x["pattern"] or x["rule"])
    if x["pattern"] and x["rule"] and x["rule"] != x["pattern"]:
        add("rule", x["rule"])
    trig = x["trigger"]
    if trig is not None:
        details = ", ".join(str(trig[k]) for k in ("lemma", "pos", "dep", "kind") if trig.get(k))
        add("trigger", f"\u201c{trig.get('text') or x['trigger_word']}\u201d" + (f" ({details})" if details else ""))
    else:
        add("trigger", x["trigger_word"])
    add("parse path", x["parse_path"])
    for side in ("actor", "recipient"):
        for p in x["parties"][side]:
            add(side, _party_line(p))
    add("how actors were found", x["resolution"]["actor"])
    add("how recipients were found", x["resolution"]["recipient"])
    add("date", _date_line(x["date"]))
    add("status", f"{x['status']['value']}" + (f" \u2014 {x['status']['why']}" if x["status"]["why"] else ""))
    add("location", x["location"] or x["place"])
    add("confidence", ev["confidence"])
    add("notes", x["notes"])
    for key, value in x["more"].items():
        add(f"explain.{key}", value)
    return items


def _party_line(p: dict[str, Any]) -> str:
    sector = f"/{p['sector']}" if p.get("sector") else ""
    if not p["resolved"]:
        return (f"unresolved ({UNRESOLVED}){sector}"
                + (f" \u2190 \u201c{p['words']}\u201d" if p["words"] else " \u2190 nobody named")
                + (f" [{p['entity_type']}]" if p.get("entity_type") else "")
                + (f": {p['why']}" if p.get("why") else ""))
    return (f"{p['code'] or '?'}{sector} {p['name'] or ''} \u2190 \u201c{p['words'] or ''}\u201d"
            + (f" ({p['how']})" if p["how"] else ""))


def _date_line(date: dict[str, Any]) -> str:
    out = f"{date['value'] or 'unresolved'} (precision: {date['precision'] or 'none'})" \
        + (f" from \u201c{date['text']}\u201d" if date["text"] else "")
    how = date["how"]
    if how:
        extra = [str(how[k]) for k in ("how", "anchor", "rule") if how.get(k)]
        if how.get("anchor_value") and how.get("anchor_value") != date["value"]:
            extra.append(f"anchor {how['anchor_value']}")
        out += (" \u2014 " + "; ".join(extra)) if extra else ""
    return out
