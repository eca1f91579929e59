"""The event record: one JSON object per event, the format of `dateline extract` and of the
store's event export (the lead's exporter calls :func:`event_record`)."""
from __future__ import annotations

from typing import Any

from dateline.model import ActorRef, Article, Event


def _entity(ref: ActorRef) -> dict[str, Any]:
    return {"code": ref.code, "sector": ref.sector, "name": ref.name, "entity_text": ref.entity_text}


def event_record(event: Event, article: Article) -> dict[str, Any]:
    """Event + its article -> the flat record (keys in the documented order)."""
    return {
        "id": event.id,
        "event": event.event,
        "mode": event.mode,
        "quad_code": event.quad_code,
        "intensity": event.intensity,
        "actor": [_entity(a) for a in event.actor],
        "recipient": [_entity(r) for r in event.recipient],
        "date": event.date,
        "date_precision": event.date_precision,
        "date_text": event.date_text,
        "status": event.status,
        "event_loc": event.event_loc,
        "event_text": event.event_text,
        "text_info": {"start": event.start, "end": event.end},
        "rule": event.rule,
        "confidence": event.confidence,
        "mentions": event.mentions,
        "article": {"id": article.id, "source": article.source, "url": article.url,
                    "title": article.title, "published": article.published},
    }
