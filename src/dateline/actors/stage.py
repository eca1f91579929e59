"""The `actors` pipeline stage: every actor mention in the article body, resolved.

Reads the spaCy parse already on the Document (no further spaCy calls) and the article's
publication date (officeholders are looked up for that date). See resolve.py for how.
Place names that only say where something happened are not actors; they are kept in
``document.places`` (ActorRef, how="location") for event locations.
"""
from __future__ import annotations

from dateline.actors.resolve import find_actors_and_places


def actors_stage(document) -> None:
    """Set ``document.actors`` (ActorRef list, text order; offsets are body offsets)."""
    if document.doc is None:
        document.actors = []
        document.places = []
        return
    # document.text is what was parsed (== Doc.text), so the resolver need not rebuild it
    actors, places = find_actors_and_places(document.doc, document.article, document.text or None)
    offset = document.body_offset
    if offset:
        for ref in actors + places:
            ref.start -= offset
            ref.end -= offset
    document.actors = actors
    document.places = places
