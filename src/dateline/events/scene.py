"""The scene of an article: what a careful analyst fills in when the sentence does not say it.

Two conventions of event coding (``../shared/acceptance/GUIDE.md``, ICEWS and ACLED
practice), applied to an article's events after they are coded and before they merge:

- **People in the scene are placed by it.** An unnamed or unplaced person or group ("a man",
  "he", "protesters", "Patrick Smith") on one side of an event whose other side is placed in
  a country is coded with that country: unnamed actors belong to the country where it
  happened, and an act with no one it is aimed at is aimed at the actor's own country. An
  unplaced *organisation* or a thing stays ``---``: it may be foreign, and a wrong country is
  worse than none.
- **The day's news takes the day.** An event that no time expression dates is reported as
  what just happened: it takes the date of the lead's own day when the lead names one
  ("surrounded the Statehouse on Tuesday"), else the publication day. Both are marked in
  ``explain.date`` (``how``, ``weak``) and the publication fallback keeps the precision
  ``publication``, so a date read from the text always wins when mentions merge.
"""
from __future__ import annotations

import datetime as dt
import functools

from dateline.events import patterns
from dateline.events.words import IMPOSED_MEASURE_NOUNS
from dateline.events.parties import UNRESOLVED_PENALTY
from dateline.events.speech import CONDITION_PATTERN
from dateline.model import NON_STATE_CODES, UNRESOLVED, ActorRef, Event

#: unresolved kinds (``how = "unresolved:KIND: ..."``) that are people, not organisations
PEOPLE_KINDS = ("NONE", "PRONOUN", "NOUN", "PERSON", "IMPLICIT")
#: codes that are not a country a scene can be in
NON_STATE = NON_STATE_CODES | {"---"}
#: how many sentences from the start of the body the lead's day is looked for in (a wire
#: story often names the day in its third paragraph: "... concluded its hearings on Tuesday";
#: 4 -> 6 took real-news dev strict F1 from 0.485 to 0.500, 8 changed nothing more)
LEAD_SCAN = 6
#: how many days before publication the lead's date may lie to be "the day's news"
LEAD_DAYS = 6
#: an event whose side was placed by the scene is less certain than one the text places
SCENE_PENALTY = 0.1
#: the confidence of an event after the lead with a side still unplaced: on the real-news dev
#: pages none of them was right (EVALUATION.md, reliability table), so they fall below the
#: default threshold (settings.MIN_CONFIDENCE) and are kept only when asked for. In the lead
#: such an event is the article's news and keeps its confidence (with its ``---`` side).
UNRESOLVED_CAP = 0.35


def _kind(ref: ActorRef) -> str | None:
    """The unresolved kind of a side a scene may place: a pronoun, a person, nothing named, or
    a noun of people (one with a sector from the people-noun data: "protesters", "a man");
    never an armed force ("unidentified soldiers", "a peacekeeping force"), which acts abroad."""
    if ref.code != UNRESOLVED or not ref.how.startswith("unresolved:"):
        return None
    kind = ref.how.split(":", 2)[1]
    if kind == "NOUN" and (ref.sector in ABROAD_SECTORS or _abroad(ref.entity_text)):
        return None
    return kind


@functools.lru_cache(maxsize=1)
def abroad_nouns() -> frozenset[str]:
    """data/abroad_nouns.tsv: people who act abroad, not placed by a scene."""
    return frozenset(cols[0].lower() for _, cols in patterns._rows("abroad_nouns.tsv"))


def _abroad(words: str) -> bool:
    lemmas = {w.lower().rstrip("s") for w in words.split()} | {w.lower() for w in words.split()}
    return bool(lemmas & abroad_nouns()) or "international" in words.lower()


#: sectors that act abroad: an unnamed group facing them is not placed by their country
#: ("unidentified soldiers attacked Russian troops")
ABROAD_SECTORS = {"MIL", "REB", "SPY", "IGO"}


def _scene_country(refs: list[ActorRef], any_sector: bool = False) -> str | None:
    """The country of the placed other side, when it is a domestic actor (``any_sector``:
    whatever it is)."""
    codes = [r.code for r in refs if r.code and r.code not in NON_STATE and len(r.code) == 3
             and (any_sector or (r.sector or "") not in ABROAD_SECTORS)]
    return codes[0] if codes else None


def article_country(document) -> str | None:
    """The country the article is about: the state most often named by the actor data in it
    (names and titles, not guesses from context)."""
    ranked = article_countries(document)
    return ranked[0] if ranked else None


def place_people(event: Event, home: str | None = None) -> bool:
    """Give an unplaced person or group side a country from the scene; True when it did.

    - a recipient not named at all: the actor's own country (an act aimed at no one);
    - a group or an unnamed person in a material act ("protesters", "a man", an unnamed
      perpetrator of violence): the event's place, else the placed other side's country;
    - a named person or a pronoun the data cannot place, the unnamed participants of a mass
      action ("protests erupted"), or any side of a verbal act: the event's place, else the
      article's own country ``home`` (never the other side's: "Volker accused Russia", "the
      minister said Iran must ...").
    The recipient of a mass action's unnamed participants is looked at again after them:
    aimed at no one, it is their own country once they are placed.
    """
    changed = 0
    implicit = any(_kind(r) == "IMPLICIT" for r in event.actor)
    for side, other in ((event.recipient, event.actor), (event.actor, event.recipient)) + (
            ((event.recipient, event.actor),) if implicit else ()):
        # an actor not named at all is unknown ("Moldova received a loan": from whom?), except
        # the unnamed perpetrator of violence, who is of the place ("died after torture");
        # a recipient not named is the actor's own country (a rally with no named target)
        # (a sanction's unnamed imposer is no local: "tariffs imposed on Chinese goods")
        kinds = PEOPLE_KINDS if side is event.recipient or (event.quad_code == 4 and event.event != "SANCTION") \
            else PEOPLE_KINDS[1:]
        if not side or not all(_kind(r) in kinds for r in side):
            continue
        place = (event.event_loc or {}).get("country") if isinstance(event.event_loc, dict) else None
        place = place if place and place not in NON_STATE else None
        aimed_at_no_one = side is event.recipient and all(_kind(r) == "NONE" for r in side)
        if aimed_at_no_one:
            country = _scene_country(other, any_sector=True)   # aimed at no one: the actor's own country
        elif all(_kind(r) in ("PERSON", "PRONOUN", "IMPLICIT") for r in side) or event.quad_code in (1, 3):
            # a named person, or anyone who speaks: "the minister said Iran must ..." is not Iranian
            country = place or home
        else:
            country = place or _scene_country(other)
        if country is None:
            continue
        words = " ".join(r.entity_text for r in side if r.entity_text) or "not named"
        side[:] = [ActorRef(code=country, sector=None, name=None, entity_text=" ".join(
            r.entity_text for r in side if r.entity_text), start=side[0].start, end=side[0].end,
            how=(f"{AIMED_AT_NO_ONE} the actor's own country ({country})" if aimed_at_no_one else
                 f"scene: '{words}' is placed where the event happened ({country})"))]
        event.explain.setdefault("notes", []).append(
            f"'{words}' is not placed by the actor data: coded {country}, the country of the scene")
        changed += 1
    if changed:
        event.confidence = round(min(0.95, event.confidence + changed * (UNRESOLVED_PENALTY - SCENE_PENALTY)), 2)
    return bool(changed)


#: how a recipient the sentence does not name is placed (the actor's own country)
AIMED_AT_NO_ONE = "scene: aimed at no one named:"
#: acts that answer someone even when the sentence names no one: a refusal, a concession
#: (a request or a threat with no one named may be aimed at anyone: "warned that any attack ...")
ANSWERING_TYPES = {"REJECT", "CONCEDE"}
#: how often the article must set the actor against one other country to call it the counterpart
COUNTERPART_EVENTS = 2


def _named_states(side: list[ActorRef]) -> set[str]:
    return {r.code for r in side if r.code not in NON_STATE and len(r.code) == 3 and not r.how.startswith("scene:")}


def counterparts(events: list[Event]) -> dict[str, str]:
    """Each country's counterpart in the article: the one other country its events (with both
    sides named) set it against most often, at least ``COUNTERPART_EVENTS`` times and more often
    than the country acts on itself (a domestic story has none)."""
    pairs: dict[str, dict[str, int]] = {}
    for ev in events:
        actors, recipients = _named_states(ev.actor), _named_states(ev.recipient)
        joint = len(actors) > 1 or len(recipients) > 1      # "the US and China met": no one acts on itself
        for a in actors:
            for b in recipients:
                if a == b and joint:
                    continue
                pairs.setdefault(a, {}).setdefault(b, 0)
                pairs[a][b] += 1
                if a != b:
                    pairs.setdefault(b, {}).setdefault(a, 0)
                    pairs[b][a] += 1
    out = {}
    for a, faced in pairs.items():
        others = sorted(((n, b) for b, n in faced.items() if b != a), reverse=True)
        if others and others[0][0] >= COUNTERPART_EVENTS and others[0][0] > faced.get(a, 0) \
                and (len(others) == 1 or others[1][0] < others[0][0]):
            out[a] = others[0][1]
    return out


def imposed_measure(pattern: str | None) -> bool:
    """Is an event of this pattern (``Event.explain["pattern"]``) about a measure one state
    imposes on another ("tariffs", "sanctions")?"""
    return any(part.split()[-1] in IMPOSED_MEASURE_NOUNS
               for part in (pattern or "").split(" + ") if part.startswith("nouns.tsv:"))


def aim_at_counterparts(events: list[Event], one_party: list[Event] = ()) -> list[Event]:
    """A refusal or a concession whose sentence names no one it is aimed at
    ("Beijing is balking at committing to purchases"), a measure imposed, threatened or
    lifted with no target named ("canceled an increase in tariffs"), or a condition set for
    an agreement with no partner named ("... was a condition for any deal"), answers the actor's
    counterpart in the article (:func:`counterparts`), not the actor's own country. ``one_party``: such acts after
    the lead, dropped for naming one party, are kept when the article gives the counterpart;
    they are returned."""
    found = None
    kept = []
    for ev in list(events) + list(one_party):
        if not (ev.event in ANSWERING_TYPES or ev.event in MEASURE_TYPES and imposed_measure(ev.explain.get("pattern"))
                or ev.explain.get("pattern") == CONDITION_PATTERN.id) \
                or len(ev.recipient) != 1 or not ev.recipient[0].how.startswith(AIMED_AT_NO_ONE):
            continue
        found = counterparts(events) if found is None else found
        actors = {r.code for r in ev.actor}
        faced = {found[c] for c in actors if c in found} - actors
        if len(faced) != 1:
            continue
        code = faced.pop()
        ev.recipient[0] = ActorRef(code=code, entity_text="", start=ev.recipient[0].start, end=ev.recipient[0].end,
                                   how=f"scene: aimed at no one named: the actor's counterpart in the article ({code})")
        ev.explain.setdefault("notes", []).append(
            f"no one named that the {ev.event.lower()} is aimed at: coded {code}, whom the article sets the actor against")
        if any(ev is o for o in one_party):
            kept.append(ev)
    return kept


def lead_day(document, lead_starts: set[int] | None = None) -> tuple[str, str] | None:
    """(day, words) of the first calendar day named in the lead that lies within
    ``LEAD_DAYS`` before publication: the day of the news the article reports."""
    published = (getattr(document.article, "published", None) or "")[:10]
    try:
        pub = dt.date.fromisoformat(published)
    except ValueError:
        return None
    doc = document.doc
    if doc is None:
        return None
    sents = list(doc.sents)
    # the lead, and the sentences right after it: a page often repeats its headline, or a
    # standfirst, as the first paragraph
    lead = [s for s in sents if lead_starts is None or s.start in lead_starts]
    first = min((s.start for s in lead), default=0)
    lead = sorted({s.start: s for s in lead + [s for s in sents[:LEAD_SCAN] if s.start >= first]}.values(),
                  key=lambda s: s.start)
    for sent in lead[:LEAD_SCAN]:
        for t in document.timexes or []:
            if not (sent.start_char <= t.start < sent.end_char) or "dateline" in t.rule:
                continue
            if t.type not in ("DATE", "TIME") or len(t.value) < 10:
                continue
            try:
                day = dt.date.fromisoformat(t.value[:10])
            except ValueError:
                continue
            if 0 <= (pub - day).days <= LEAD_DAYS:
                return day.isoformat(), t.text
    return None


def date_the_undated(document, events: list[Event], lead: tuple[str, str] | None) -> None:
    """Undated reported events (dated on the publication day by ``events.dating``) take the
    lead's day when the lead names one (weak), never over a time expression the text gives."""
    if lead is None:
        return
    day, words = lead
    for ev in events:
        date_info = ev.explain.get("date") or {}
        if date_info.get("precision") != "publication" or ev.status not in ("occurred", "ongoing", "negated"):
            continue
        ev.date, ev.date_precision, ev.date_text = day, "day", None
        ev.explain["date"] = {**date_info, "value": day, "precision": "day", "weak": True, "scene": True,
                              "how": f"no time expression; the lead's day '{words}' = {day} (the day's news)"}


#: event types whose actor imposes a measure on the recipient: who "imposed the tariffs on
#: Chinese goods" in one sentence is who the article says imposes, threatens or lifts them
MEASURE_TYPES = {"SANCTION", "THREATEN", "COERCE", "RETREAT"}


def imposer_unnamed(event: Event) -> bool:
    """Is the event's actor the measure's imposer that its sentence leaves out?"""
    return bool(event.actor) and all(_kind(r) == "IMPOSER" for r in event.actor)


def target_unnamed(event: Event) -> bool:
    """Is the event's recipient the measure's target that its sentence leaves out?"""
    return bool(event.recipient) and all(_kind(r) == "TARGET" for r in event.recipient)


def article_countries(document) -> list[str]:
    """The states the actor data names in the article, most often named first (see
    :func:`article_country`)."""
    counts: dict[str, int] = {}
    for ref in getattr(document, "actors", None) or []:
        if ref.code and ref.code not in NON_STATE and len(ref.code) == 3 and ref.how != "context":
            counts[ref.code] = counts.get(ref.code, 0) + 1
    return sorted(counts, key=lambda c: -counts[c])


#: a hold on aid is withheld from whom the article says the giver's aid goes, too
AID_HOLD_RULE, AID_TYPES = "giver_withholds", {"AID"}


def _measure_dyads(events: list[Event], ev: Event) -> dict[tuple[str, str], int]:
    """{(imposer, target): how many of the article's other measure events} with both placed
    (for aid held back, its aid events count too)."""
    types = MEASURE_TYPES | (AID_TYPES if AID_HOLD_RULE in ev.explain.get("codebook_rules", ()) else set())
    counts: dict[tuple[str, str], int] = {}
    for other in events:
        if other is ev or other.event not in types:
            continue
        for a in {r.code for r in other.actor} - NON_STATE:
            for t in {r.code for r in other.recipient} - NON_STATE - {a}:
                counts[(a, t)] = counts.get((a, t), 0) + 1
    return counts


def sentence_countries(document, ev: Event) -> list[str]:
    """The states the actor data names in the event's own sentence, as actors or as places
    ("the China trade talks"), in text order."""
    out: list[str] = []
    refs = list(getattr(document, "actors", None) or []) + list(getattr(document, "places", None) or [])
    for ref in sorted(refs, key=lambda r: r.start if r.start is not None else -1):
        if ref.start is not None and ev.start <= ref.start < ev.end and ref.code and ref.code not in NON_STATE \
                and len(ref.code) == 3 and ref.how != "context" and ref.code not in out:
            out.append(ref.code)
    return out


def _article_sides(ev: Event, events: list[Event], home: str | None, ranked: list[str],
                   in_sentence: list[str]) -> tuple[str, str, str] | None:
    """(imposer, target, why) of a measure whose sentence leaves one or both out, from the
    article: an unnamed target is the one other state its sentence names ("the China trade
    talks have left firms uncertain whether a tariff imposed on consumer goods ..."); else
    the article's other measure events; else (imposer only) the article's most named country
    that is not the target; None when the article does not say."""
    imposers = {r.code for r in ev.actor} - NON_STATE
    targets = {r.code for r in ev.recipient} - NON_STATE
    named = [c for c in in_sentence if c not in imposers]
    if not targets and len(named) == 1:
        return _article_sides_of_target(ev, events, home, ranked, named[0])
    if not targets and not imposers and len(named) == 2 and home in named:
        # the sentence names two states, one the article's own: it imposes on the other
        target = next(c for c in named if c != home)
        return home, target, f"the states the sentence names: the article's own {home} on {target}"
    dyads = _measure_dyads(events, ev)
    fits = {d: n for d, n in dyads.items()
            if (not imposers or d[0] in imposers) and (not targets or d[1] in targets)}
    if fits:
        # the target the story is most about first ("a tariff imposed on consumer goods" in a
        # story on China), then the most frequent dyad
        rank = {c: i for i, c in enumerate(ranked)}
        (a, t) = min(fits, key=lambda d: (rank.get(d[1], len(rank)) if not targets else 0, -fits[d]))
        return a, t, f"the article's other measures: {a} on {t}"
    if targets and not imposers:
        others = [c for c in ([home] if home else []) + ranked if c not in targets and c not in NON_STATE]
        if others:
            return others[0], "", f"the article's own country ({others[0]})"
    return None


def _article_sides_of_target(ev: Event, events: list[Event], home: str | None, ranked: list[str],
                             target: str) -> tuple[str, str, str]:
    """(imposer, target, why) when the sentence names the target's country but not as a party."""
    why = f"the state the sentence names ({target})"
    imposers = {r.code for r in ev.actor} - NON_STATE
    if imposers:
        return sorted(imposers)[0], target, why
    dyads = {d: n for d, n in _measure_dyads(events, ev).items() if d[1] == target}
    if dyads:
        a = max(dyads, key=dyads.get)
        return a, target, f"{why}; the article's other measures on it are imposed by {a}"
    others = [c for c in ([home] if home else []) + ranked if c != target and c not in NON_STATE]
    if others:
        return others[0], target, f"{why}; the article's own country ({others[0]})"
    return "", target, why


def place_imposers(events: list[Event], home: str | None, document=None) -> None:
    """A measure whose sentence leaves out who imposed it ("the tariffs on Chinese goods
    imposed on Sept. 1") or on whom ("a tariff imposed on consumer goods in September") takes
    the sides the article names for its other measures (the most frequent placed dyad that
    fits what the sentence names); an unnamed imposer of a named target is else the article's
    own country (``home``, then the next most named) when that is not the target; else the
    event stays unplaced and capped. ``document`` gives the article's states."""
    ranked = article_countries(document)
    for ev in events:
        imposer, target = imposer_unnamed(ev), target_unnamed(ev)
        if not imposer and not target:
            continue
        found = _article_sides(ev, events, home, ranked, sentence_countries(document, ev))
        if found is None or (imposer and not found[0]):
            cap_unplaced(ev)
            continue
        code, target_code, why = found
        if imposer:
            ev.actor[:] = [ActorRef(code=code, entity_text="", how=f"scene: the imposer is not named; {why}")]
            ev.explain.setdefault("notes", []).append(f"imposer not named in the sentence: coded {code} ({why})")
        if target and target_code:
            ev.recipient[:] = [ActorRef(code=target_code, entity_text="", how=f"scene: the target is not named; {why}")]
            ev.explain.setdefault("notes", []).append(
                f"target not named in the sentence: coded {target_code} ({why})")
        elif target:
            cap_unplaced(ev)
            continue
        ev.confidence = round(min(0.95, ev.confidence + UNRESOLVED_PENALTY - SCENE_PENALTY), 2)


def cap_unplaced(event: Event) -> None:
    """An event with a side that neither the data nor the scene places is rarely right:
    its confidence is capped (``UNRESOLVED_CAP``), and it says so."""
    for side in (event.actor, event.recipient):
        if side and all(r.code == UNRESOLVED for r in side) and event.confidence > UNRESOLVED_CAP:
            event.confidence = UNRESOLVED_CAP
            event.explain.setdefault("notes", []).append(
                f"a side is not placed: confidence capped at {UNRESOLVED_CAP}")
            return
