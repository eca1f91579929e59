"""The events stage: PLOVER events from the parse, with actors, status, date, place, evidence.

``events_stage(document)`` reads the spaCy Doc, the actors stage's mentions
(``dateline.actors.resolve``) and the temporal stage's anchoring
(``dateline.time.anchor.anchor_event``), and fills ``document.events`` with one Event per
trigger whose actor and recipient are both named (one of them, for the lead's main event:
``lead_sentences``; ``events.parties.worth_keeping`` decides). Restatements are merged afterwards by
``events.merge.merge_stage``.
"""
from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
from typing import Any

from dateline import settings
from dateline.events import code, patterns
from dateline.events.parties import (
    _GROUP_PRONOUNS, _PERSON_PRONOUNS, _RELATIVE, _REPORTING, _THING_PRONOUNS, NON_STATE,
    UNRESOLVED_PENALTY, _codes, all_unresolved, by_receiving, domestic_role_country, issuer, own_people,
    party_in_object,
    placed_by, subject_of_predicate, unresolved_party, worth_keeping,
)
from dateline.model import UNRESOLVED, ActorRef, Event

#: Event.date holds calendar values only: YYYY, YYYY-MM or YYYY-MM-DD (a week is coarsened).
_CALENDAR = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")

BASE_CONFIDENCE = {"verb": 0.85, "light": 0.8, "noun": 0.65}
#: how far back "both sides" / "each side" looks for the pair it names
GROUP_SENTENCES = 6
_RECIPROCAL = re.compile(r"(?i)^(each other|one another|the other)$")
#: types whose unnamed object is something said or done before ("denied the accusation",
#: "condemned the sanctions", "refused to comply"): the other party of the previous event
ANAPHORIC_RECIPIENT_TYPES = {"REJECT", "ACCUSE", "SUPPORT"}
#: verbs that name or describe their object ("called the meeting a first step"): their
#: object is never resolved through an earlier event
NAMING_LEMMAS = {"call", "describe", "label", "term", "brand", "dub"}
#: how many sentences back the previous event may be for that
ANAPHORA_SENTENCES = 3
#: business actors: an event between these only is commerce, not politics
_BUSINESS_CODES = {"MNC"}
_BUSINESS_SECTORS = {"BUS"}
_NAME_ENTS = {"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"}
#: a meeting in a country or its capital is hosted by that country ("talks in Beijing");
#: a meeting in another city may be on neutral ground ("talks in Geneva")
HOST_PLACES = {"capital", "country-name", "country"}
#: plural anaphora that name a pair: "both sides", "the two countries", "each other"
_GROUP_NOUN = re.compile(r"^(?:(?:both|the two|the 2|two|each)\b.*\b(?:sides?|countr(?:y|ies)|governments?|"
                         r"nations?|leaders?|ministers?|delegations?|parties|capitals|neighbou?rs|allies)"
                         r"|each other|one another)$", re.I)


# --------------------------------------------------------------------------------------
# Collaborators (actors and time stages)
# --------------------------------------------------------------------------------------
def _actor_api():
    """(actors_in_span, resolve_phrase) from the actors stage."""
    from dateline.actors.resolve import actors_in_span, resolve_phrase
    return actors_in_span, resolve_phrase


def _anchor_api():
    """anchor_event from the time stage (which expression dates a trigger)."""
    from dateline.time.anchor import anchor_event
    return anchor_event


# --------------------------------------------------------------------------------------
# Actors
# --------------------------------------------------------------------------------------
class ActorResolver:
    """Turns argument tokens into ActorRefs and says how (for explain)."""

    def __init__(self, document):
        self.document = document
        self.doc = document.doc
        # Doc.text is rebuilt from the tokens on every read: read it once.
        self.text = document.text or document.doc.text
        self.actors_in_span, self.resolve_phrase = _actor_api()
        self.date = (document.article.published or "")[:10] or None
        self.recent: list[tuple[int, Event]] = []   # (sentence number, event) coded so far
        self.sentence_no = 0
        self._context = False
        self._sents: list | None = None             # the Doc's sentences, listed once
        self._sent_starts: list[int] = []
        self._lookups: dict[int, tuple] = {}         # token index -> phrase_lookup()

    def sentences(self) -> list:
        if self._sents is None:
            self._sents = list(self.doc.sents)
            self._sent_starts = [s.start for s in self._sents]
        return self._sents

    def sentence_index(self, token) -> int:
        """Index in :meth:`sentences` of the sentence holding ``token``."""
        self.sentences()
        return max(0, bisect.bisect_right(self._sent_starts, token.i) - 1)

    def context_code(self) -> str | None:
        """The article's own country, as the actors stage found it for context role nouns
        ("police" in a Nairobi story -> KEN), or None."""
        if self._context is False:
            self._context = next((a.code for a in getattr(self.document, "actors", None) or []
                                  if getattr(a, "how", "") == "context" and a.code), None)
        return self._context

    def people(self, token, place_country: str | None) -> tuple[list[ActorRef], str]:
        """Unnamed people of the story ("five people", "officers", "detainees"): the country
        of the event's place, else the article's own country; only for the nouns listed in
        data/people_nouns.tsv."""
        if token.lemma_.lower() not in patterns.people_nouns():
            of = code._of_object(token)        # "four of the detainees", "dozens of workers"
            if of is None or of.lemma_.lower() not in patterns.people_nouns():
                return [], ""
            token = of
        where, why = (place_country, "place of the event") if place_country else (
            self.context_code(), "the article's country")
        if not where:
            return [], ""
        start, end = code.phrase_span(token)
        sector = patterns.people_nouns()[token.lemma_.lower()] or None
        ref = ActorRef(code=where, sector=sector, entity_text=self.text[start:end], start=start, end=end,
                       how="implicit: " + why)
        return [ref], f"'{self.text[start:end]}' -> {where} (unnamed people: {why})"

    def phrase_lookup(self, token) -> tuple[int, int, list[ActorRef], str | None]:
        """(start, end, the actors stage's mentions inside the phrase headed by ``token``,
        the phrase text to resolve on its own when there are none, else None); computed once
        per token (the mention list is a fresh copy each time: callers sort it)."""
        known = self._lookups.get(token.i)
        if known is None:
            known = self._lookups[token.i] = self._phrase_lookup(token)
        start, end, found, query = known
        return start, end, list(found), query

    def _phrase_lookup(self, token) -> tuple[int, int, list[ActorRef], str | None]:
        start, end = code.phrase_span(token)
        found = [a for a in self.actors_in_span(self.document, start, end) or []]
        if found:
            return start, end, found, None
        text = self.text[start:end]
        span = self.doc.char_span(start, end, alignment_mode="expand")
        # only a phrase with a name in it can resolve on its own ("the proposal" cannot);
        # this skips a parse per unresolved common-noun phrase
        named = span is not None and any(t.pos_ == "PROPN" or t.ent_type_ in _NAME_ENTS for t in span)
        return start, end, found, (text if named and text.strip() else None)

    def phrase(self, token) -> tuple[list[ActorRef], str]:
        start, end, found, query = self.phrase_lookup(token)
        if found:
            # the mention nearest the head word names the phrase ("China's top diplomat")
            found.sort(key=lambda a: abs((a.start or 0) - token.idx))
            best = found[0]
            both = [best] + self._coordinated_with(best, found[1:])
            if len(both) > 1:
                # "Russia and Turkey's foreign ministers": each coordinated owner acts
                return both, f"'{self.text[start:end]}' -> {'+'.join(r.code for r in both)} (coordinated)"
            return [best], f"'{self.text[start:end]}' -> {best.code} ({best.how or 'actors stage'})"
        text = self.text[start:end]
        ref = self.resolve_phrase(query, self.date) if query is not None else None
        if ref is not None:
            # resolve_phrase offsets are inside ``text``: move them into the body
            if ref.start is not None and ref.end is not None:
                ref.start, ref.end = start + ref.start, start + ref.end
            else:
                ref.start, ref.end = start, end
            if not ref.entity_text:
                ref.entity_text = text
            return [ref], f"'{text}' -> {ref.code} (resolve_phrase: {ref.how or 'phrase'})"
        return [], f"'{text}' unresolved"

    def _coordinated_with(self, best: ActorRef, others: list[ActorRef]) -> list[ActorRef]:
        """The mentions among ``others`` whose words are coordinated with ``best``'s inside
        one phrase ("Russia and Turkey's ministers"), of other codes."""
        def root(ref):
            if ref.start is None or ref.end is None:
                return None
            span = self.doc.char_span(ref.start, ref.end, alignment_mode="expand")
            return span.root if span is not None and len(span) else None

        head = root(best)
        if head is None:
            return []
        mates = {t.i for t in code.conjuncts(head)} - {head.i}
        out = []
        for ref in others:
            tok = root(ref)
            if tok is not None and tok.i in mates and ref.code != best.code and ref.code not in {r.code for r in out}:
                out.append(ref)
        return out

    def pronoun(self, token) -> tuple[list[ActorRef], str]:
        """Antecedent of a pronoun: the nearest earlier subject (or person, for he/she)."""
        word = token.lower_
        if word in _RELATIVE and token.head.dep_ in ("relcl", "acl"):
            refs, how = self.phrase(token.head.head)
            return refs, f"relative '{token.text}' = '{token.head.head.text}': {how}"
        for pick, back, heads in self.antecedents(token):
            refs = []
            hows = []
            for t in heads:
                r, h = self.phrase(t)
                refs.extend(r)
                hows.append(h)
            if refs:
                return refs, f"pronoun '{token.text}' -> '{pick.text}' ({back} sentence(s) back): " + "; ".join(hows)
        return [], f"pronoun '{token.text}' unresolved"

    def antecedents(self, token):
        """The pronoun's candidate antecedents, nearest sentence first: (the picked token,
        sentences back, the heads to resolve: the pick, or its conjuncts for they/we)."""
        word = token.lower_
        sents = self.sentences()
        idx = self.sentence_index(token)
        for back in range(0, 4):
            if idx - back < 0:
                break
            sent = sents[idx - back]
            cands = []
            for t in sent:
                if back == 0 and t.i >= token.i:
                    break
                if t.lower_ in code.PRONOUNS:
                    continue
                if word in _PERSON_PRONOUNS:
                    if t.ent_type_ == "PERSON" and t.ent_iob_ in ("B", "I"):
                        if t.dep_ not in ("compound", "flat") or t.head.ent_type_ != "PERSON":
                            cands.append(t)
                elif t.dep_ in ("nsubj", "nsubjpass"):
                    if word in _THING_PRONOUNS and t.ent_type_ == "PERSON":
                        continue
                    cands.append(t)
            if word in _PERSON_PRONOUNS:
                # prefer a subject; else the first person named in the sentence
                subj = [t for t in cands if t.dep_ in ("nsubj", "nsubjpass")]
                pick = (subj[-1] if back == 0 and subj else subj[0] if subj else
                        (cands[-1] if back == 0 and cands else cands[0] if cands else None))
            else:
                pick = cands[-1] if cands else None
            if pick is None:
                continue
            yield pick, back, (code.conjuncts(pick) if word in _GROUP_PRONOUNS else [pick])

    def group(self, token) -> tuple[list[ActorRef], str]:
        """Antecedent of "both sides", "the two countries", "each other": the nearest
        earlier coordinated subject naming two or more actors."""
        sents = self.sentences()
        idx = self.sentence_index(token)
        for back in range(0, GROUP_SENTENCES):
            if idx - back < 0:
                break
            for t in reversed(list(sents[idx - back])):
                if back == 0 and t.i >= token.i:
                    continue
                if t.head.lemma_.lower() in _REPORTING:
                    continue   # "..., the United States and Saudi Arabia said": the source
                if back == 0 and t.head is _clause_verb(token):
                    continue   # "X and Y hosted talks between the two sides": not X and Y
                if t.dep_ in ("nsubj", "nsubjpass") and len(code.conjuncts(t)) >= 2:
                    refs = []
                    for c in code.conjuncts(t):
                        refs.extend(self.phrase(c)[0])
                    # two parties, possibly of one country ("the army and the RSF")
                    if len({(r.code, r.start) for r in refs}) >= 2:
                        return refs, (f"group '{token.text}' -> '{self.doc[t.left_edge.i:t.right_edge.i + 1].text}' "
                                      f"({back} sentence(s) back)")
        return self.last_two_countries(token)

    def last_two_countries(self, token) -> tuple[list[ActorRef], str]:
        """"Moscow urged both sides to show restraint": with no pair named together, the two
        countries named last before this sentence (the article's two sides), other than the
        ones this sentence names."""
        sent = self.sentences()[self.sentence_index(token)]
        named = [a for a in self.document.actors if a.how != "context"]   # not a guess from the dateline
        here = {a.code for a in named if sent.start_char <= (a.start or 0) < sent.end_char}
        picked: list[ActorRef] = []
        for a in sorted((a for a in named if (a.start or 0) < sent.start_char),
                        key=lambda a: a.start or 0, reverse=True):
            if not a.code or len(a.code) != 3 or a.code in NON_STATE or a.code in {p.code for p in picked}:
                continue
            if a.code in here:
                continue       # "Moscow urged both sides": Moscow is not one of them
            picked.append(ActorRef(code=a.code, name=a.name, entity_text=token.text, start=token.idx,
                                   end=token.idx + len(token.text), how="group: the last two countries named"))
            if len(picked) == 2:
                return picked, f"group '{token.text}' -> {picked[1].code} and {picked[0].code} (the last two countries named)"
        return [], f"group '{token.text}' unresolved"

    def arg(self, arg: code.Arg) -> tuple[list[ActorRef], str]:
        tok = arg.token
        refs = []
        if _GROUP_NOUN.match(self.text[slice(*code.phrase_span(tok))]):
            refs, how = self.group(tok)
            if not refs:
                # "the two sides" with no pair named before: unresolved, not a role noun
                return [], f"{arg.path}: {how}"
        elif tok.pos_ == "NOUN":
            # "foreign ministers of the two countries": the pair is named by the "of" phrase
            of = code._of_object(tok)
            if of is not None and _GROUP_NOUN.match(self.text[slice(*code.phrase_span(of))]):
                refs, how = self.group(of)
        if not refs:
            refs, how = self.phrase(tok)          # the actors stage resolves he/she itself
        if not refs and (tok.lower_ in code.PRONOUNS or tok.pos_ == "PRON"):
            refs, how = self.pronoun(tok)
        if not refs and tok.text[:1].isupper():
            span = _prepositional_name(tok)
            if span is not None:
                start, end = span
                ref = self.resolve_phrase(self.text[start:end], self.date)
                if ref is not None:
                    ref.start, ref.end = start, end
                    ref.entity_text = self.text[start:end]
                    refs, how = [ref], f"name '{self.text[start:end]}' -> {ref.code} ({ref.how})"
        if not refs:
            # "the army's leader, General al-Burhan": the apposition names him
            for c in tok.children:
                if c.dep_ == "appos":
                    refs, ahow = self.phrase(c)
                    if refs:
                        how = f"apposition: {ahow}"
                        break
        return refs, f"{arg.path}: {how}"


def _prepositional_name(tok) -> tuple[int, int] | None:
    """A name with a preposition inside ("Reporters Without Borders", "Doctors Without
    Borders"): the character span of the head with its capitalised prepositional phrase."""
    start, _ = code.phrase_span(tok)
    for c in tok.children:
        objs = [g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" else []
        if objs and c.i > tok.i and c.lower_ != "of" and objs[0].text[:1].isupper() \
                and objs[0].ent_type_ not in ("GPE", "DATE", "TIME"):
            return start, objs[0].idx + len(objs[0].text)
    return None


#: prepositions of "targets in Syria": an unnamed object located in a named place
_PLACE_OF_OBJECT_PREPS = ("in", "of", "from", "inside", "across", "with", "near", "along")
_PLACE_OF_OBJECT_ENTS = ("GPE", "NORP", "ORG", "LOC")


def _dedupe(refs: list[ActorRef]) -> list[ActorRef]:
    out, seen = [], set()
    for r in refs:
        key = (r.code, r.name or r.entity_text)
        if key in seen:
            continue
        seen.add(key)
        out.append(r)
    return out


# --------------------------------------------------------------------------------------
# Dates and places
# --------------------------------------------------------------------------------------
def calendar_date(value: str | None, precision: str | None) -> tuple[str | None, str | None, str]:
    """A timex value as an event date (YYYY[-MM[-DD]]), with its precision and a note.

    A week (2021-W43) becomes its month when the whole week lies in one month, so the
    event still sorts and filters by calendar; the week stays in explain."""
    if not value:
        return None, None, "no value"
    value = str(value)
    if "T" in value and _CALENDAR.match(value.split("T")[0]):
        return value.split("T")[0], "day", "time of day dropped"
    if _CALENDAR.match(value):
        prec = precision or {4: "year", 7: "month", 10: "day"}[len(value)]
        if prec in ("time",):
            prec = "day"
        return value, prec, ""
    m = _WEEK.match(value)
    if m:
        year, week = int(m.group(1)), int(m.group(2))
        try:
            first = dt.date.fromisocalendar(year, week, 1)
            last = dt.date.fromisocalendar(year, week, 7)
        except ValueError:
            return None, None, f"bad week {value}"
        if (first.year, first.month) == (last.year, last.month):
            return f"{first:%Y-%m}", "month", f"week {value} lies in {first:%Y-%m}"
        return None, None, f"week {value} spans two months"
    m = re.match(r"^(\d{4})-(Q\d|SP|SU|FA|AU|WI|H\d)$", value)
    if m:
        return m.group(1), "year", f"{value} coarsened to its year"
    return None, None, f"value {value} is not a calendar date"


def _place_span(tok) -> tuple[int, int]:
    """Character span of the place a token names: its entity, else the token."""
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    return (ent.start_char, ent.end_char) if ent is not None else (tok.idx, tok.idx + len(tok))


def _location(resolver: ActorResolver, places) -> dict[str, Any] | None:
    for tok in places:
        start, end = _place_span(tok)
        name = resolver.text[start:end]
        country = None
        ref = None
        try:
            found = resolver.actors_in_span(resolver.document, start, end) or []
            ref = found[0] if found else resolver.resolve_phrase(name, resolver.date)
        except Exception:  # a resolver failure must not lose the event
            ref = None
        if ref is not None and ref.code and len(ref.code) == 3 and ref.code not in ("IGO", "NGO", "MNC", "UNO"):
            country = ref.code
        loc = {"name": name, "country": country, "start": start, "end": end}
        return loc, (ref.how if ref is not None else "")
    return None, ""


# --------------------------------------------------------------------------------------
# The stage
# --------------------------------------------------------------------------------------
def _paragraph(text: str, pos: int) -> tuple[int, int]:
    """[start, end) of the blank-line separated paragraph holding ``pos``."""
    start = text.rfind("\n\n", 0, pos)
    start = 0 if start < 0 else start + 2
    end = text.find("\n\n", pos)
    return start, (len(text) if end < 0 else end)


def event_id(article_id: str, start: int, event: str) -> str:
    return hashlib.sha1(f"{article_id}:{start}:{event}".encode()).hexdigest()[:16]


def _in_paragraph(text: str, cand: code.Candidate) -> tuple[int, int]:
    """Drop the candidate's arguments and places that lie outside its trigger's paragraph;
    returns the paragraph's [start, end)."""
    # nlp.parse never lets a sentence cross a blank line, but a title or a text parsed
    # elsewhere may: arguments from another paragraph are dropped
    para_start, para_end = _paragraph(text, cand.trigger.idx)
    cand.actors = [a for a in cand.actors if para_start <= a.token.idx < para_end]
    cand.recipients = [a for a in cand.recipients if para_start <= a.token.idx < para_end]
    cand.places = [t for t in cand.places if para_start <= t.idx < para_end]
    return para_start, para_end


def code_sentence(document, sent, resolver: ActorResolver, anchor_event, dated: dict[int, Any],
                  candidates: list[code.Candidate] | None = None, one_party: bool = False) -> list[Event]:
    """Events of one sentence: candidates whose actor and recipient resolve (``candidates``:
    the sentence's ``code.sentence_candidates`` when already computed)."""
    article = document.article
    types = patterns.plover_types()
    events = []
    text = document.text
    for cand in code.sentence_candidates(sent) if candidates is None else candidates:
        ptype = types.get(cand.event)
        if ptype is None:
            continue
        para_start, para_end = _in_paragraph(text, cand)
        if not cand.actors:
            cand.actors = subject_of_predicate(cand)
        cand.actors = [x for a in cand.actors for x in issuer(a)]
        actors, actor_how = [], []
        for a in cand.actors:
            refs, how = resolver.arg(a)
            actors.extend(refs)
            actor_how.append(how)
        actors = _dedupe(actors)
        # recipients: the first role (path) that resolves, skipping the actor's own words
        recipients, recip_how = [], []
        actor_tokens = {a.token.i for a in cand.actors}
        groups: dict[str, list[code.Arg]] = {}
        for a in cand.recipients:
            if a.token.i in actor_tokens:
                continue
            groups.setdefault(a.path, []).append(a)
        reciprocal = [a for a in cand.recipients if _RECIPROCAL.match(text[slice(*code.phrase_span(a.token))])]
        if reciprocal and len({(r.code, r.start) for r in actors}) >= 2:
            recipients = actors[1:] + actors[:1]
            recip_how.append(f"{reciprocal[0].path}: reciprocal '{reciprocal[0].token.text}' = the actors")
            groups = {}
        for path, args in groups.items():
            if any(path.endswith(f"prep:{p}>pobj") for p in code.PLACE_PREPS) and (
                    ptype.quad_code != 4 or cand.kind == "noun"):
                # a place is a recipient only of a material conflict someone carried out there
                # ("launched drills around Taiwan"), not of a bare noun ("Russia's war in Ukraine")
                continue    # "met in Geneva": a place, not a party (it is the event location)
            refs = []
            for a in args:
                r, how = resolver.arg(a)
                refs.extend(r)
                recip_how.append(how)
            refs = [r for r in refs if not any(r.start is not None and r.start == x.start for x in actors)]
            if refs and own_people(refs, actors):
                # "France is ready to contribute troops to a force": the context gives the
                # troops France's code, but they are what France gives, not to whom
                recip_how.append(f"{path}: the actor's own people (context country): what is given, not to whom")
                continue
            if refs:
                recipients = _dedupe(refs)
                break
        via_place = False
        if not recipients:
            # "bombed targets in Syria": an unnamed object located in a named place
            for a in cand.recipients:
                if a.token.i in actor_tokens or a.token.lower_ in code.PRONOUNS:
                    continue
                for prep in a.token.children:
                    if prep.dep_ == "prep" and prep.lower_ in _PLACE_OF_OBJECT_PREPS:
                        for obj in prep.children:
                            if obj.dep_ == "pobj" and obj.ent_type_ in _PLACE_OF_OBJECT_ENTS:
                                refs, how = resolver.phrase(obj)
                                if refs:
                                    recipients, via_place = refs, True
                                    recip_how.append(f"{a.path}>prep:{prep.lower_}>pobj: {how}")
                                    break
                    if recipients:
                        break
                if recipients:
                    break
        loc, loc_how = _location(resolver, cand.places)
        notes = list(cand.notes)
        place_country = (loc or {}).get("country")
        if place_country:
            # "junta supporters rallied in Niamey" in a story mostly about France: the place
            # of the event says more about an unqualified role noun than the article does
            actors, recipients = (placed_by(side, place_country, notes) for side in (actors, recipients))
        if not actors and not cand.actors and cand.event == "COERCE" and cand.mode == "arrest" \
                and cand.kind == "verb" and any(c.dep_ in ("nsubjpass", "auxpass") for c in cand.trigger.children):
            # "Khan was arrested in May": no agent named; arrests are made by the authorities
            # of the place (or of the story)
            where = place_country or resolver.context_code()
            if where:
                actors = [ActorRef(code=where, sector="COP", entity_text="", how="implicit: authorities")]
                actor_how.append(f"passive '{cand.trigger.text}' without agent: the authorities ({where})")
        if not actors:
            for a in cand.actors:
                refs, how = resolver.people(a.token, place_country)
                if refs:
                    actors, actor_how = refs, actor_how + [f"{a.path}: {how}"]
                    break
        if not recipients:
            for a in cand.recipients:
                if a.token.i in actor_tokens:
                    continue
                refs, how = resolver.people(a.token, place_country)
                if refs:
                    recipients = refs
                    recip_how.append(f"{a.path}: {how}")
                    break
        if actors and not recipients and cand.kind in ("verb", "light"):
            # "condemned Egypt's arrest of the journalists", "would respond to any attack by
            # China": whoever did the act that is condemned or answered
            for a in cand.recipients:
                if (a.path in ("dobj", "obj") or a.path.startswith("prep:")) and a.token.pos_ == "NOUN" \
                        and code.match_noun(a.token) is not None:
                    for n in code._noun_args(a.token)[0]:
                        refs, how = resolver.arg(n)
                        refs = [r for r in refs if r.code not in _codes(actors)]
                        if refs:
                            recipients = refs
                            recip_how.append(f"{a.path}>{n.path} (the doer of '{a.token.text}'): {how}")
                            break
                if recipients:
                    break
        # "called the meeting a first step" is not an accusation of anyone: "call X Y" only
        # accuses someone it names
        names_only = cand.trigger.lemma_.lower() in NAMING_LEMMAS
        if actors and not recipients and not names_only:
            # "vowed to retaliate for the attack", "condemned the strikes": the one who made
            # the most recent such act earlier in the article (against this actor, preferably)
            for a in cand.recipients:
                npat = code.match_noun(a.token) if a.token.pos_ == "NOUN" else None
                if npat is None or npat.event in ("IGNORE", "LIGHT") or not _refers_back(a.token):
                    continue
                recipients, how = _doer_of_earlier(resolver, npat.event, actors)
                if recipients:
                    recip_how.append(f"{a.path}: '{a.token.text}' = {how}")
                    notes.append(f"'{a.token.text}' names an earlier event: its actor is the recipient")
                break
        if actors and not recipients and cand.event in ANAPHORIC_RECIPIENT_TYPES and cand.kind == "verb" \
                and cand.pattern.event in ANAPHORIC_RECIPIENT_TYPES and not names_only \
                and all(_refers_back(a.token) for a in cand.recipients) \
                and not any(a.token.pos_ == "PROPN" or a.token.ent_type_ in _NAME_ENTS or a.path.startswith("xcomp:")
                            for a in cand.recipients):
            recipients, how = _previous_party(resolver, actors)
            if recipients:
                recip_how.append(how)
                notes.append("the object refers back to an earlier event: its other party is the recipient")
        joint = False
        if not recipients and ptype.symmetric and len({(r.code, r.start) for r in actors}) >= 2:
            # "Armenia and Azerbaijan fought", "the army and the RSF signed a ceasefire"
            recipients, joint = actors[1:] + actors[:1], True
            notes.append("joint action: each actor is the other's recipient")
        if not recipients and cand.event == "CONSULT" and cand.kind != "noun" and loc \
                and loc.get("country") and loc["country"] not in _codes(actors) \
                and loc_how in HOST_PLACES:
            recipients = [ActorRef(code=loc["country"], name=loc["name"], entity_text=loc["name"],
                                   start=loc["start"], end=loc["end"], how="host: place of the meeting")]
            notes.append(f"recipient is the host country of {loc['name']}")
        if not recipients and cand.event == "AID" and loc and loc.get("country") \
                and loc["country"] not in _codes(actors) and loc_how in HOST_PLACES:
            # "the largest donor of humanitarian assistance in Iraq": aid goes to the country
            recipients = [ActorRef(code=loc["country"], name=loc["name"], entity_text=loc["name"],
                                   start=loc["start"], end=loc["end"], how="implicit: the country the aid goes to")]
            recip_how.append(f"the place of the aid: {loc['name']} -> {loc['country']}")
        if not actors and cand.actors and cand.event == "PROTEST" and loc and loc.get("country"):
            # "thousands of protesters marched through Belgrade": civilians of the place
            head = cand.actors[0].token
            start_, end_ = code.phrase_span(head)
            actors = [ActorRef(code=loc["country"], sector="CVL", entity_text=text[start_:end_],
                               start=start_, end=end_, how=f"implicit: protesters in {loc['name']}")]
            actor_how.append(f"{cand.actors[0].path}: '{text[start_:end_]}' -> {loc['country']} "
                             f"(civilians of the protest's place {loc['name']})")
        if actors and not recipients and cand.event == "PROTEST" and cand.status in ("occurred", "ongoing") \
                and actors[0].sector not in ("GOV", "MIL", "COP", "JUD", "LEG"):
            # a protest addresses the authorities of the place (or of the protesters' country)
            where = (loc or {}).get("country") or actors[0].code
            if where and len(where) == 3 and where not in ("IGO", "NGO", "MNC", "UNO"):
                recipients = [ActorRef(code=where, sector="GOV", name=None, entity_text="",
                                       how="implicit: the government of the place of the protest")]
                notes.append(f"no target named: the protest is coded against the government ({where})")
        if not recipients:
            # "spurned offers of talks by the Kabul government", "pledged support for Seoul's
            # efforts": the party inside the object phrase
            recipients = party_in_object(resolver, cand, actor_tokens, actors, recip_how)
        unresolved_sides = []
        if not actors:
            actors = unresolved_party(resolver, cand.actors, actor_how, every=True)
            unresolved_sides.append("actor")
        base = types.get(cand.pattern.event)
        if not recipients and (ptype.symmetric or (base is not None and base.symmetric)) \
                and len({r.start for r in actors}) >= 2:
            # "the Tokyo and New York stock exchanges agreed": a reciprocal act of named bodies
            recipients, joint = actors[1:] + actors[:1], True
            notes.append("joint action: each actor is the other's recipient")
        if not recipients:
            recipients = unresolved_party(resolver, by_receiving(
                [a for a in cand.recipients if a.token.i not in actor_tokens
                 and not any(a.path.endswith(f"prep:{p}>pobj") for p in code.PLACE_PREPS)]), recip_how)
            unresolved_sides.append("recipient")
        actors = domestic_role_country(actors, recipients, resolver, actor_how)
        recipients = domestic_role_country(recipients, actors, resolver, recip_how)
        if not worth_keeping(actors, recipients, cand, one_party):
            continue
        for side, how in ((actors, actor_how), (recipients, recip_how)):
            if not side:      # "X was attacked": no attacker named
                side.append(ActorRef(code=UNRESOLVED, entity_text="", how="unresolved:NONE: not named in the sentence"))
                how.append("unresolved:NONE: not named in the sentence")
        if unresolved_sides:
            notes.append(f"{' and '.join(unresolved_sides)} named but not placed: coded '{UNRESOLVED}' "
                         "(use --resolved-only for complete dyads)")
        if cand.status == "hypothetical" and cand.status_why.startswith(("conditional", "inside a conditional")):
            continue   # "if the army stopped its air strikes": a condition, not an event
        if cand.status == "negated":
            continue   # "did not attack", "has not withdrawn": nothing happened (refusals are REJECT)
        if all(_business(r) for r in actors) and (via_place or all(_business(r) for r in recipients)):
            continue   # "software contracts provide $300 million to Indian companies": commerce
        # a reflexive reading ("X and X") is not a dyad (but "each side accused the other" is)
        if _codes(actors) == _codes(recipients) and len(_codes(actors)) == 1 and not (reciprocal or joint) and \
                {r.start for r in actors} == {r.start for r in recipients}:
            continue

        status, status_why = cand.status, cand.status_why
        # date: the temporal stage anchors the trigger (or the clause verb carrying it)
        anchor_tok = cand.clause if cand.kind == "light" else cand.trigger
        anchor = anchor_event(document, anchor_tok) if anchor_event else None
        if anchor is None and cand.kind == "light":
            anchor = anchor_event(document, cand.trigger) if anchor_event else None
        date = date_prec = date_text = None
        date_how = "no time expression dates this event"
        if anchor is not None:
            date, date_prec, note = calendar_date(anchor.value, anchor.precision)
            date_text = anchor.text
            date_how = f"{anchor.how}: '{anchor.text}' = {anchor.value}" + (f" ({note})" if note else "")
        else:
            # a clause on a dated trigger noun shares its time ("a session in March during
            # which X berated Y")
            # or a clause hanging from a dated event ("called Putin a killer in March,
            # prompting Moscow to recall its ambassador")
            cur = cand.clause or cand.trigger
            for _ in range(4):
                if cur.head is cur or cur.dep_ not in ("relcl", "advcl", "xcomp", "conj", "acl", "pcomp", "prep", "pobj"):
                    break
                if cur.head.i in dated:
                    date, date_prec, date_text = dated[cur.head.i]
                    date_how = (f"inherited from the event '{cur.head.text}' "
                                + ("this clause describes" if cur.dep_ == "relcl" else "that governs this clause"))
                    break
                cur = cur.head
        if date is None and status in ("planned", "ongoing") and article.published:
            # deliberate, labelled fallback: what is under way or announced, with no time
            # expression, is placed in the month of publication (never read as a date)
            date, date_prec = article.published[:7], "publication"
            date_how = (f"no time expression; a {status} event is placed in the publication month "
                        f"({article.published[:10]})")
        elif date is not None:
            dated[cand.trigger.i] = (date, date_prec, date_text)
        elif status in ("occurred", "negated") and article.published and not _past_perfect(cand):
            # news reports what just happened: an undated report is placed in the month of
            # publication (weak: it yields to any dated mention when merging)
            date, date_prec = article.published[:7], "publication"
            date_how = (f"no time expression; a reported {status} event is placed in the publication "
                        f"month ({article.published[:10]})")

        confidence = BASE_CONFIDENCE.get(cand.kind, 0.6)
        inferred = sum(1 for a in cand.actors if a.inferred) + sum(
            1 for r in recipients if r.how.startswith("host"))
        pronouns = sum(1 for a in cand.actors + cand.recipients if a.token.lower_ in code.PRONOUNS)
        confidence -= UNRESOLVED_PENALTY * sum(1 for side in (actors, recipients) if all_unresolved(side))
        confidence = max(0.2, round(confidence - 0.1 * min(inferred, 2) - 0.05 * min(pronouns, 2), 2))

        trig = cand.trigger
        s_start, s_end = max(sent.start_char, para_start), min(sent.end_char, para_end)
        while s_start < s_end and text[s_start].isspace():
            s_start += 1
        while s_end > s_start and text[s_end - 1].isspace():
            s_end -= 1
        start, end = s_start + document.body_offset, s_end + document.body_offset
        event_text = text[s_start:s_end]
        explain = {
            "sentence": event_text,
            "trigger": {"text": trig.text, "lemma": trig.lemma_, "pos": trig.pos_, "dep": trig.dep_,
                        "start": trig.idx, "end": trig.idx + len(trig), "kind": cand.kind,
                        **({"light_verb": cand.light.text} if cand.light is not None else {})},
            "pattern": cand.rule,
            "parse_path": {"actor": [a.path for a in cand.actors],
                           "recipient": [a.path for a in cand.recipients]},
            "actors": actor_how,
            "recipients": recip_how,
            "status": {"value": status, "why": status_why},
            "date": {"value": date, "precision": date_prec, "text": date_text, "how": date_how,
                     # carried over from another sentence or clause: weaker evidence
                     "weak": bool(date) and (date_how.startswith(("previous-sentence", "inherited", "no time"))),
                     **({"anchor_value": anchor.value} if anchor is not None else {})},
            "location": loc,
            "notes": notes,
        }
        events.append(Event(
            id=event_id(article.id, trig.idx + document.body_offset, cand.event),
            article_id=article.id, event=cand.event, mode=cand.mode,
            quad_code=ptype.quad_code, intensity=ptype.intensity,
            actor=actors, recipient=recipients,
            date=date, date_precision=date_prec, date_text=date_text,
            status=status, event_loc=loc, event_text=event_text, start=start, end=end,
            trigger=trig.text, rule=cand.rule, confidence=confidence, explain=explain,
        ))
    # earlier events name the parties of later anaphora ("denied the accusation"): only
    # events whose both sides are placed can do that
    resolver.recent.extend((resolver.sentence_no, ev) for ev in events
                           if not any(r.code == UNRESOLVED for r in ev.actor + ev.recipient))
    return events


def _clause_verb(token):
    """The nearest verb above a token (the clause it is an argument in)."""
    cur = token
    for _ in range(8):
        if cur.head is cur:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None


def _business(ref: ActorRef) -> bool:
    return ref.code in _BUSINESS_CODES or (ref.sector or "") in _BUSINESS_SECTORS


#: determiners of an object that points back at something already told ("denied the
#: accusation", "denies any involvement"); "would not call early elections" does not
_BACK_DETERMINERS = {"the", "this", "that", "these", "those", "such", "any"}


def _refers_back(token) -> bool:
    return token.pos_ == "NOUN" and any(c.dep_ in ("det", "poss") and c.lower_ in _BACK_DETERMINERS
                                        for c in token.children)


def _past_perfect(cand: code.Candidate) -> bool:
    """"had deployed", "had been blocked": earlier than the time of the report."""
    head = cand.clause if cand.clause is not None else cand.trigger
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ == "had" for c in head.children)


def _doer_of_earlier(resolver: ActorResolver, event_type: str, actors: list[ActorRef]):
    """Actor of the latest earlier event of ``event_type`` done by someone else, preferring
    one done to these actors ("retaliate for the attack" -> who attacked them)."""
    mine = _codes(actors)
    earlier = [ev for _, ev in resolver.recent if ev.event == event_type and not (_codes(ev.actor) & mine)]
    against = [ev for ev in earlier if _codes(ev.recipient) & mine]
    pick = (against or earlier or [None])[-1]
    if pick is None:
        return [], ""
    return list(pick.actor), f"the earlier '{pick.trigger}' ({pick.event}) by {'+'.join(sorted(_codes(pick.actor)))}"


def _previous_party(resolver: ActorResolver, actors: list[ActorRef]) -> tuple[list[ActorRef], str]:
    """The other party of the nearest earlier event (a few sentences back): whoever made the
    accusation that is denied, the order that is refused, the sanctions that are condemned."""
    mine = _codes(actors)
    starts = {a.start for a in actors}
    for sent_no, ev in reversed(resolver.recent):
        if resolver.sentence_no - sent_no > ANAPHORA_SENTENCES:
            break
        if _codes(ev.actor) - mine:
            return list(ev.actor), f"anaphoric: actor of the earlier '{ev.trigger}' ({ev.event})"
        if _codes(ev.recipient) - mine:
            return list(ev.recipient), f"anaphoric: recipient of the earlier '{ev.trigger}' ({ev.event})"
        if not {a.start for a in ev.actor} & starts:
            return list(ev.actor), f"anaphoric: actor of the earlier '{ev.trigger}' ({ev.event})"
        return [], ""
    return [], ""


#: a paragraph shorter than this is debris or a byline, not the lead
_LEAD_MIN_WORDS = 5


def lead_sentences(resolver: ActorResolver) -> set[int]:
    """Token starts of the lead: the first settings.LEAD_SENTENCES sentences of the first
    paragraph of at least _LEAD_MIN_WORDS words."""
    sents = resolver.sentences()
    text = resolver.text
    for i, sent in enumerate(sents):
        para = _paragraph(text, sent.start_char)
        if len(text[para[0]:para[1]].split()) < _LEAD_MIN_WORDS:
            continue
        return {s.start for s in sents[i:i + settings.LEAD_SENTENCES] if s.start_char < para[1]}
    return set()


def events_stage(document) -> None:
    """Fill ``document.events`` from ``document.doc`` (one event per coded trigger)."""
    if document.doc is None:
        return
    prepared = document.prepared.pop(_PREPARED, None)
    if prepared is None or prepared[0].doc is not document.doc:
        resolver = ActorResolver(document)
        prepared = (resolver, [(sent, None) for sent in resolver.sentences()])
    resolver, sentences = prepared
    anchor_event = _anchor_api()
    dated: dict[int, Any] = {}
    out: list[Event] = []
    policy = document.config.one_sided
    lead = lead_sentences(resolver) if policy == "lead" else (
        {s.start for s, _ in sentences} if policy == "all" else set())
    for sent, candidates in sentences:
        found = code_sentence(document, sent, resolver, anchor_event, dated, candidates)
        if not found and sent.start in lead:
            # the lead states the news: its main clause is an event even with one party named
            found = code_sentence(document, sent, resolver, anchor_event, dated, candidates, one_party=True)
            for ev in found:
                ev.explain["notes"].append("one party named: kept as the main event of the lead "
                                           "(DATELINE_ONE_SIDED=off drops it)")
        out.extend(found)
        resolver.sentence_no += 1
    document.events.extend(out)


#: document.prepared key: (ActorResolver, [(sentence, its candidates)]) left by prepare_events
_PREPARED = "events_prepared"


def prepare_events(documents) -> None:
    """Batch hook (pipeline.analyse): find every sentence's candidates once, and parse in one
    ``nlp.pipe`` call the free phrases this batch will resolve on their own (names the actors
    stage left unresolved, antecedents of pronouns, event places): one spaCy call per phrase
    costs ~5x more. The stage itself then finds them cached."""
    from dateline.actors.resolve import prefetch_phrases

    wanted: list[tuple[str, str | None]] = []
    for document in documents:
        if document.doc is None:
            continue
        try:
            resolver = ActorResolver(document)
            sentences = [(sent, code.sentence_candidates(sent)) for sent in resolver.sentences()]
            wanted += phrase_queries(resolver, [c for _, cands in sentences for c in cands])
        except Exception:  # noqa: BLE001 - the stage redoes this document and reports its error
            continue
        document.prepared[_PREPARED] = (resolver, sentences)
    try:
        prefetch_phrases(wanted)
    except Exception:  # noqa: BLE001 - only a speed-up: the phrases are then parsed one by one
        pass


def phrase_queries(resolver: ActorResolver, candidates: list[code.Candidate]) -> list[tuple[str, str | None]]:
    """The (text, date) phrases that coding ``candidates`` will likely send to resolve_phrase:
    unresolved named arguments, the antecedents of pronoun arguments, appositions, names with
    a preposition inside, places of unnamed objects, the first place. A phrase asked for but
    never resolved costs little in a batch; one missed is parsed on its own later."""
    types = patterns.plover_types()
    out: list[str] = []

    def ask(token) -> bool:
        _, _, found, query = resolver.phrase_lookup(token)
        if query is not None:
            out.append(query)
        return bool(found)

    for cand in candidates:
        if cand.event not in types:
            continue
        _in_paragraph(resolver.text, cand)
        for a in cand.actors + cand.recipients:
            tok = a.token
            if ask(tok):
                continue
            if tok.lower_ in code.PRONOUNS or tok.pos_ == "PRON":
                if tok.lower_ in _RELATIVE and tok.head.dep_ in ("relcl", "acl"):
                    ask(tok.head.head)
                    continue
                for _, _, heads in resolver.antecedents(tok):
                    for head in heads:
                        ask(head)
            span = _prepositional_name(tok) if tok.text[:1].isupper() else None
            if span is not None:
                out.append(resolver.text[span[0]:span[1]])
            for c in tok.children:
                if c.dep_ == "appos":
                    ask(c)
        for a in cand.recipients:     # "bombed targets in Syria"
            for prep in a.token.children:
                if prep.dep_ == "prep" and prep.lower_ in _PLACE_OF_OBJECT_PREPS:
                    for obj in prep.children:
                        if obj.dep_ == "pobj" and obj.ent_type_ in _PLACE_OF_OBJECT_ENTS:
                            ask(obj)
        if cand.places:
            start, end = _place_span(cand.places[0])
            if not resolver.actors_in_span(resolver.document, start, end):
                out.append(resolver.text[start:end])
    return [(text, resolver.date) for text in out]


events_stage.prepare = prepare_events
