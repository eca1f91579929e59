"""The ``geo`` pipeline stage: each event's place, and the article's dateline, on the map.

Runs after ``events`` (requires events, assigns ``Event.geo``). It reads what the earlier
stages left: the event's ``event_loc`` (the place the sentence names and the country the
events stage gave it), the actors' countries (the article's countries, most named first),
the US states the article names, and the dateline (``article.metadata["dateline"]``). An
event whose sentence names no place takes the dateline's place when the dateline's country
is one of the event's parties; without a dateline, the place the article names most often,
on the same condition (measured in EVALUATION.md: a party's country keeps most of these
right; without that condition, or with sub-national places only, the figures were no
better). ``explain["geo"]`` says why, resolved or not; the dateline's own place is kept in
``article.metadata["dateline_geo"]``.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Any

from dateline.places.gazetteer import fold, gazetteer
from dateline.places.resolve import resolve_place

#: "Paris, Texas": the capitalised words after a place name and a comma qualify it
_QUALIFIER = re.compile(r"^,\s*((?:[A-Z][\w.'-]*)(?:\s+(?:of\s+)?[A-Z][\w.'-]*){0,3})")


def article_countries(document) -> list[str]:
    """The ISO3 countries of the article's actors, most named first."""
    countries = gazetteer().countries        # IGO, NGO, MNC... are not countries
    counts = Counter(a.code for a in document.actors if a.code in countries)
    return [c for c, _ in counts.most_common()]


def article_regions(document) -> set[str]:
    """Admin-1 codes of the US states the article names (as actors or as places)."""
    states = gazetteer().admin1
    out = set()
    places = document.places or ()
    for ref in list(document.actors) + list(places):
        state = states.get(fold(ref.entity_text or ""))
        if state is not None:
            out.add(state.admin1)
    return out


def qualifier_after(text: str, end: int | None) -> str | None:
    """The region or country written right after a place ("Paris, Texas" -> "Texas")."""
    if not isinstance(end, int) or end < 0:
        return None
    m = _QUALIFIER.match(text[end:end + 60])
    return m.group(1).rstrip(".") if m else None


def dateline_geo(article, context: list[str], regions: set[str]) -> tuple[dict[str, Any] | None, str]:
    """The dateline's place ("NAIROBI, Kenya" -> Nairobi) or (None, why)."""
    dateline = (article.metadata or {}).get("dateline") if isinstance(article.metadata, dict) else None
    if not isinstance(dateline, str) or not dateline.strip():
        return None, "no dateline"
    name, _, rest = dateline.partition(",")
    qualifier = rest.strip() or None
    return resolve_place(name.strip(), None, context, qualifier=qualifier, regions=regions)


def article_place(document, context: list[str], regions: set[str]) -> dict[str, Any] | None:
    """The place the article names most often (first named on a tie), resolved; None when
    it names none the gazetteer places."""
    places = document.places or ()
    counts: Counter = Counter()
    first: dict[str, Any] = {}
    for ref in places:
        name = " ".join((ref.entity_text or "").split())
        if name:
            counts[name] += 1
            first.setdefault(name, ref)
    for name, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        code = first[name].code if first[name].code in gazetteer().countries else None
        geo, _ = resolve_place(name, code, context, regions=regions)
        if geo is not None:
            return dict(geo, why=f"'{name}' named {n} time{'s' if n > 1 else ''}: {geo['why']}")
    return None


def geo_stage(document) -> None:
    """Set ``event.geo`` (or None) and ``event.explain["geo"]`` (why) on every event."""
    if not document.events and not (document.article.metadata or {}).get("dateline"):
        return
    context = article_countries(document)
    regions = article_regions(document)
    text = document.article.body or ""
    line_geo, line_why = dateline_geo(document.article, context, regions)
    if isinstance(document.article.metadata, dict) and line_geo is not None:
        document.article.metadata["dateline_geo"] = line_geo
    main_place = None if line_geo is not None else article_place(document, context, regions)
    for ev in document.events:
        loc = ev.event_loc or {}
        parties = {r.code for r in ev.actor + ev.recipient}
        if loc.get("name"):
            geo, why = resolve_place(loc["name"], loc.get("country"), context,
                                     qualifier=qualifier_after(text, loc.get("end")), regions=regions)
        elif line_geo is not None and line_geo["country_code"] in parties:
            geo = dict(line_geo, why=f"no place in the sentence; the dateline: {line_geo['why']}")
            why = geo["why"]
        elif main_place is not None and main_place["country_code"] in parties:
            geo = dict(main_place, why=f"no place in the sentence; the article's place: {main_place['why']}")
            why = geo["why"]
        else:
            geo, why = None, "no place in the sentence" + (
                "" if line_geo is None and main_place is None else "; the article's place is not in a party's country")
        ev.geo = geo
        if isinstance(ev.explain, dict):
            ev.explain["geo"] = why
