"""The event record: one JSON object per event, the format of `dateline extract` and of the
store's event export (the lead's exporter calls :func:`event_record`)."""
from __future__ import annotations

from typing import Any

from dateline.model import UNRESOLVED, ActorRef, Article, Event


def unresolved_reason(how: str | None) -> tuple[str, str]:
    """``how`` of an unresolved actor (``"unresolved:ORG: 'X' is not in the actor data"``)
    -> (entity type, reason): ``("ORG", "'X' is not in the actor data")``. The type is the
    spaCy entity type or part of speech the events stage saw (ORG, PERSON, NOUN, PRONOUN,
    NONE when nothing was named); ``("", how)`` when ``how`` does not have that shape."""
    how = (how or "").strip()
    if how.startswith("unresolved:"):
        kind, sep, why = how[len("unresolved:"):].partition(":")
        if sep:
            return kind.strip(), why.strip()
        return kind.strip(), ""
    return "", how


def entity(ref: ActorRef | dict[str, Any]) -> dict[str, Any]:
    """One actor or recipient of an event record: code, sector, name, entity_text, then
    ``resolved`` and, for an unresolved one (code ``---``), ``entity_type`` and ``why``.
    Takes an :class:`ActorRef` or a store row's actor struct."""
    get = ref.get if isinstance(ref, dict) else (lambda k, d=None: getattr(ref, k, d))
    out = {"code": get("code"), "sector": get("sector"), "name": get("name"),
           "entity_text": get("entity_text") or ""}
    out["resolved"] = out["code"] != UNRESOLVED
    if not out["resolved"]:
        out["entity_type"], out["why"] = unresolved_reason(get("how"))
    return out


def entity_label(ent: dict[str, Any] | ActorRef) -> str:
    """How tables show an actor: its code, or ``---(the words)`` when it is unresolved (so
    a reader sees who the text names); ``---`` alone when nothing was named."""
    get = ent.get if isinstance(ent, dict) else (lambda k, d=None: getattr(ent, k, d))
    code = get("code") or ""
    if code == UNRESOLVED:
        words = " ".join(str(get("entity_text") or "").split())
        return f"{UNRESOLVED}({words})" if words else UNRESOLVED
    return code


def is_resolved(record: dict[str, Any]) -> bool:
    """Whether every actor and recipient of an event record is placed (``--resolved-only``)."""
    return not any(e.get("code") == UNRESOLVED for e in (record.get("actor") or []) + (record.get("recipient") or []))



def event_record(event: Event, article: Article) -> dict[str, Any]:
    """Event + its article -> the flat record (keys in the documented order)."""
    return {
        "id": event.id,
        "event": event.event,
        "mode": event.mode,
        "quad_code": event.quad_code,
        "intensity": event.intensity,
        "actor": [entity(a) for a in event.actor],
        "recipient": [entity(r) for r in event.recipient],
        "date": event.date,
        "date_precision": event.date_precision,
        "date_text": event.date_text,
        "status": event.status,
        "event_loc": event.event_loc,
        # the place on the map (dateline.places): null or {geonameid, name, lat, lon,
        # admin1, country_code, feature_class, resolution, why}
        "geo": dict(event.geo) if event.geo else None,
        "event_text": event.event_text,
        "text_info": {"start": event.start, "end": event.end},
        "rule": event.rule,
        "confidence": event.confidence,
        "mentions": event.mentions,
        "article": {"id": article.id, "source": article.source, "url": article.url,
                    "title": article.title, "published": article.published},
    }
