"""Sides that the event's place gives: the host of a meeting ("talks in Beijing"), the country
aid goes to, the country of a place threatened ("threatened an offensive in Rafah"), the
civilians of a protest's place. Rules of :data:`dateline.events.sides.SIDE_RULES`, kept
apart because each reads the place (``Sides.loc``) rather than the sentence's arguments.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.events.actor_resolution import ActorResolver, codes, location
from dateline.events.syntax import phrase_span, places_of
from dateline.model import UNRESOLVED, ActorRef

if TYPE_CHECKING:
    from dateline.events.sides import Sides

#: a meeting in a country or its capital is hosted by that country ("talks in Beijing");
#: a meeting in another city may be on neutral ground ("talks in Geneva")
HOST_PLACES = {"capital", "country-name", "country"}


def _host_country(s: Sides) -> bool:
    loc = s.loc
    return bool(loc and loc.get("country") and loc["country"] not in codes(s.actors) and s.loc_how in HOST_PLACES)


def _place_as_recipient(s: Sides, how: str, loc=None) -> None:
    loc = loc or s.loc
    s.recipients = [ActorRef(code=loc["country"], name=loc["name"], entity_text=loc["name"],
                             start=loc["start"], end=loc["end"], how=how)]


def meeting_host(resolver: ActorResolver, s: Sides) -> None:
    """"talks in Beijing": the host country of the meeting's place."""
    if s.recipients or s.cand.event != "CONSULT" or s.cand.kind == "noun" or not _host_country(s):
        return
    _place_as_recipient(s, "host: place of the meeting")
    s.notes.append(f"recipient is the host country of {s.loc['name']}")


def aid_country(resolver: ActorResolver, s: Sides) -> None:
    """"the largest donor of humanitarian assistance in Iraq": aid goes to the country."""
    if s.recipients or s.cand.event != "AID" or not _host_country(s):
        return
    _place_as_recipient(s, "implicit: the country the aid goes to")
    s.recip_how.append(f"the place of the aid: {s.loc['name']} -> {s.loc['country']}")


def threatened_place(resolver: ActorResolver, s: Sides) -> None:
    """"Israel threatened an offensive in Rafah": a threat of force against a named place abroad
    is aimed at that place's country."""
    if s.recipients or s.cand.event != "THREATEN" or not s.actors or all(r.code == UNRESOLVED for r in s.actors):
        return
    loc = s.loc
    if not (loc and loc.get("country")):
        # "threatened to strike targets in Kyiv": the place of the act threatened
        content = [c for c in s.cand.trigger.children if c.dep_ == "xcomp"]
        places = [p for c in content for p in places_of(c)] + [
            g for c in content for o in c.children if o.dep_ in ("dobj", "obj") for p in o.children
            if p.dep_ == "prep" and p.lower_ in ("in", "on") for g in p.children if g.dep_ == "pobj"]
        loc = location(resolver, places)[0] if places else None
    if not (loc and loc.get("country")) or loc["country"] in codes(s.actors):
        return
    _place_as_recipient(s, "implicit: the country of the place threatened", loc)
    s.recip_how.append(f"the place threatened: {loc['name']} -> {loc['country']}")


def protesters_of_place(resolver: ActorResolver, s: Sides) -> None:
    """"thousands of protesters marched through Belgrade": civilians of the place."""
    cand, loc = s.cand, s.loc
    if s.actors or not cand.actors or cand.event != "PROTEST" or not (loc and loc.get("country")):
        return
    start_, end_ = phrase_span(cand.actors[0].token)
    words = s.text[start_:end_]
    s.actors = [ActorRef(code=loc["country"], sector="CVL", entity_text=words,
                         start=start_, end=end_, how=f"implicit: protesters in {loc['name']}")]
    s.actor_how.append(f"{cand.actors[0].path}: '{words}' -> {loc['country']} "
                       f"(civilians of the protest's place {loc['name']})")
