"""The events stage: PLOVER events from the parse, with actors, status, date, place, evidence.

``events_stage(document)`` reads the spaCy Doc, the actors stage's mentions
(``dateline.actors.resolve``) and the temporal stage's anchoring
(``dateline.time.anchor.anchor_event``), and fills ``document.events`` with one Event per
trigger whose actor and recipient are both named (one of them, for the lead's main event:
``lead_sentences``; ``events.parties.worth_keeping`` decides). Restatements are merged afterwards by
``events.merge.merge_stage``.

Per sentence (:func:`code_sentence`) each candidate goes through one job after another:
trigger and arguments (``events.code.sentence_candidates``), actors and recipient
(``events.sides.choose_sides``, which resolves arguments through
``events.actor_resolution.ActorResolver``), date (``events.dating.date_event``) and the
record (:func:`build_event`). The headline is coded the same way (:func:`headline_plan`,
:func:`code_headline`) for ``events.merge``.
"""
from __future__ import annotations

import hashlib
from typing import Any

from dateline import settings
from dateline.actors.stage import actors_stage
from dateline.events import code, domain, patterns, scene
from dateline.events.actor_resolution import (
    PLACE_OF_OBJECT_ENTS, PLACE_OF_OBJECT_PREPS, RELATIVE, ActorResolver, place_span, prepositional_name,
)
from dateline.events.candidate import Candidate
from dateline.events.dating import Dating, calendar_date, date_event  # noqa: F401 - calendar_date is public here
from dateline.events.parties import ONE_PARTY_ANYWHERE, UNRESOLVED_PENALTY, all_unresolved
from dateline.events.sides import Sides, choose_sides, not_an_event
from dateline.events.speech import CONDITION_PATTERN
from dateline.events.words import PRONOUNS
from dateline.model import UNRESOLVED, Event
from dateline.pipeline import Document
from dateline.time.anchor import anchor_event

#: confidence of an event by the kind of its trigger, before deductions (see _confidence)
BASE_CONFIDENCE = {"verb": 0.85, "light": 0.8, "noun": 0.65}


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


def _in_paragraph(text: str, cand: Candidate) -> tuple[int, int]:
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
                  candidates: list[Candidate] | None = None, one_party: bool = False) -> list[Event]:
    """Events of one sentence: candidates whose actor and recipient resolve (``candidates``:
    the sentence's ``code.sentence_candidates`` when already computed; ``anchor_event``: the
    time stage's function, None for undated text; ``dated``: see ``dating.date_event``)."""
    types = patterns.plover_types()
    events = []
    for cand in code.sentence_candidates(sent) if candidates is None else candidates:
        ptype = types.get(cand.event)
        if ptype is None:
            continue
        event = code_candidate(document, sent, resolver, anchor_event, dated, cand, ptype, one_party)
        if event is not None:
            events.append(event)
    # earlier events name the parties of later anaphora ("denied the accusation"): only
    # events whose both sides are placed can do that
    resolver.recent.extend((resolver.sentence_no, ev) for ev in events
                           if not any(r.code == UNRESOLVED for r in ev.actor + ev.recipient))
    return events


def _answers_earlier(ev: Event) -> bool:
    """A denial or refusal whose other party an event earlier in its own sentence names
    ("accused Beijing of theft, a charge China denied"): found only once that event is coded."""
    return any(str(how).startswith("anaphoric:") for how in ev.explain.get("recipients") or ())


def code_candidate(document, sent, resolver: ActorResolver, anchor_event, dated: dict[int, Any],
                   cand: Candidate, ptype: patterns.PloverType, one_party: bool = False) -> Event | None:
    """One candidate as an Event: its sides (``sides.choose_sides``), its date
    (``dating.date_event``) and the record with its explain trail; None when it is no event."""
    paragraph = _in_paragraph(document.text, cand)
    sides = choose_sides(resolver, cand, ptype, document.text, one_party)
    if sides is None or not_an_event(sides):
        return None
    dating = date_event(document, cand, anchor_event, dated)
    return build_event(document, sent, paragraph, sides, dating)


def _confidence(sides: Sides) -> float:
    """The pattern kind's base confidence, lowered for unresolved sides, inferred arguments
    and pronouns."""
    cand, recipients = sides.cand, sides.recipients
    confidence = BASE_CONFIDENCE.get(cand.kind, 0.6)
    inferred = sum(1 for a in cand.actors if a.inferred) + sum(
        1 for r in recipients if r.how.startswith("host"))
    pronouns = sum(1 for a in cand.actors + cand.recipients if a.token.lower_ in PRONOUNS)
    confidence -= UNRESOLVED_PENALTY * sum(1 for side in (sides.actors, recipients) if all_unresolved(side))
    return max(0.2, round(confidence - 0.1 * min(inferred, 2) - 0.05 * min(pronouns, 2), 2))


def _evidence_span(text: str, sent, paragraph: tuple[int, int]) -> tuple[int, int]:
    """The sentence inside its paragraph, without surrounding white space."""
    s_start, s_end = max(sent.start_char, paragraph[0]), min(sent.end_char, paragraph[1])
    while s_start < s_end and text[s_start].isspace():
        s_start += 1
    while s_end > s_start and text[s_end - 1].isspace():
        s_end -= 1
    return s_start, s_end


def _explain(event_text: str, sides: Sides, dating: Dating) -> dict[str, Any]:
    """The explain trail: how the trigger, each side, the status and the date were found."""
    cand, trig = sides.cand, sides.cand.trigger
    date_how, anchor = dating.how, dating.anchor
    return {
        "sentence": event_text,
        "trigger": {"text": trig.text, "lemma": trig.lemma_, "pos": trig.pos_, "dep": trig.dep_,
                    "start": trig.idx, "end": trig.idx + len(trig), "kind": cand.kind,
                    **({"light_verb": cand.light.text} if cand.light is not None else {})},
        "pattern": cand.rule,
        # the codebook rules (events.rules) that changed the pattern's reading, by name
        **({"codebook_rules": list(cand.rules_fired)} if cand.rules_fired else {}),
        "parse_path": {"actor": [a.path for a in cand.actors],
                       "recipient": [a.path for a in cand.recipients]},
        "actors": sides.actor_how,
        "recipients": sides.recip_how,
        "status": {"value": cand.status, "why": cand.status_why},
        "date": {"value": dating.date, "precision": dating.precision, "text": dating.text, "how": date_how,
                 # carried over from another sentence or clause: weaker evidence
                 "weak": bool(dating.date) and (date_how.startswith(("previous-sentence", "inherited", "no time"))),
                 **({"anchor_value": anchor.value} if anchor is not None else {})},
        "location": sides.loc,
        "notes": sides.notes,
        **({"kept_with_one_party": sides.kept_with_one_party} if sides.kept_with_one_party else {}),
    }


def build_event(document, sent, paragraph: tuple[int, int], sides: Sides, dating: Dating) -> Event:
    """The Event record: type, sides, date, status, place, evidence span (body offsets) and
    explain."""
    article, text, cand, ptype = document.article, document.text, sides.cand, sides.ptype
    trig = cand.trigger
    s_start, s_end = _evidence_span(text, sent, paragraph)
    event_text = text[s_start:s_end]
    return Event(
        id=event_id(article.id, trig.idx + document.body_offset, cand.event),
        article_id=article.id, event=cand.event, mode=cand.mode,
        quad_code=ptype.quad_code, intensity=ptype.intensity,
        actor=sides.actors, recipient=sides.recipients,
        date=dating.date, date_precision=dating.precision, date_text=dating.text,
        status=cand.status, event_loc=sides.loc, event_text=event_text,
        start=s_start + document.body_offset, end=s_end + document.body_offset,
        trigger=trig.text, rule=cand.rule, confidence=_confidence(sides), explain=_explain(event_text, sides, dating),
    )


#: a paragraph shorter than this is debris or a byline, not the lead
_LEAD_MIN_WORDS = 5


def _headline_like(paragraph: str) -> bool:
    """A short line with no closing punctuation: a headline or a kicker that the page repeats
    above its first paragraph ("Thousands of teachers pack Statehouse for protest")."""
    paragraph = paragraph.strip()
    return len(paragraph.split()) < 20 and not paragraph.endswith((".", "!", "?", '"', "\u201d", "'", "\u2019", ")"))


def lead_sentences(resolver: ActorResolver) -> set[int]:
    """Token starts of the lead: the first settings.LEAD_SENTENCES sentences of the first
    paragraph of at least _LEAD_MIN_WORDS words that is not a repeated headline."""
    sents = resolver.sentences()
    text = resolver.text
    for i, sent in enumerate(sents):
        para = _paragraph(text, sent.start_char)
        words = text[para[0]:para[1]].split()
        if len(words) < _LEAD_MIN_WORDS or _headline_like(text[para[0]:para[1]]):
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
    dated: dict[int, Any] = {}
    out: list[Event] = []
    addressed: list[Event] = []     # refusals and concessions after the lead that name one party
    policy = document.config.one_sided
    news = lead_sentences(resolver)     # the lead: the article's own news
    home = scene.article_country(document)
    lead = news if policy == "lead" else ({s.start for s, _ in sentences} if policy == "all" else set())
    for sent, candidates in sentences:
        found = code_sentence(document, sent, resolver, anchor_event, dated, candidates)
        if not found and sent.start in lead:
            # the lead states the news: its main clause is an event even with one party named
            found = code_sentence(document, sent, resolver, anchor_event, dated, candidates, one_party=True)
            for ev in found:
                ev.explain["notes"].append("one party named: kept as the main event of the lead "
                                           "(DATELINE_ONE_SIDED=off drops it)")
        elif policy == "lead":
            # after the lead, an accusation, a protest or a denial is news with one party named
            # too (beside the sentence's other events: "denied having sex with girls supplied by X")
            have = {ev.explain["trigger"]["start"] for ev in found}
            rest = [c for c in candidates or () if c.trigger.idx not in have and (
                c.event in ONE_PARTY_ANYWHERE | {"REJECT"} and not _states_a_view(c)
                or c.pattern is CONDITION_PATTERN)]
            extra = []
            for ev in (code_sentence(document, sent, resolver, anchor_event, dated, rest, one_party=True)
                       if rest else []):
                if ev.event in ONE_PARTY_ANYWHERE or ev.explain.get("kept_with_one_party") or _answers_earlier(ev):
                    extra.append(ev)
                elif ev.event in scene.ANSWERING_TYPES or ev.explain.get("pattern") == CONDITION_PATTERN.id:
                    scene.place_people(ev, home)
                    addressed.append(ev)    # kept when the article names whom it answers
            for ev in extra:
                ev.explain["notes"].append(f"one party named: a {ev.event.lower()} is kept anywhere "
                                           "(DATELINE_ONE_SIDED=off drops it)")
            found = found + extra
        for ev in found:
            scene.place_people(ev, home)
            if sent.start not in news and not (scene.imposer_unnamed(ev) or scene.target_unnamed(ev)):
                scene.cap_unplaced(ev)     # in the lead an unplaced party is still the news
        out.extend(found)
        resolver.sentence_no += 1
    scene.place_imposers(out, home, document)
    for ev in scene.aim_at_counterparts(out, addressed):    # kept: the article names whom they answer
        at = ev.explain["trigger"]["start"]
        out.insert(next((i for i, e in enumerate(out) if e.explain["trigger"]["start"] > at), len(out)), ev)
    domain.cap_sports(document.doc, out)
    scene.date_the_undated(document, out, scene.lead_day(document, news))
    document.events.extend(out)


def _states_a_view(candidate) -> bool:
    """A refusal verb with a clause of its own states a view ("insists his tactics will work"),
    it does not turn anyone down."""
    return candidate.event == "REJECT" and any(t.dep_ == "ccomp" for t in candidate.trigger.children)


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


def phrase_queries(resolver: ActorResolver, candidates: list[Candidate]) -> list[tuple[str, str | None]]:
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
            if tok.lower_ in PRONOUNS or tok.pos_ == "PRON":
                if tok.lower_ in RELATIVE and tok.head.dep_ in ("relcl", "acl"):
                    ask(tok.head.head)
                    continue
                for _, _, heads in resolver.antecedents(tok):
                    for head in heads:
                        ask(head)
            span = prepositional_name(tok) if tok.text[:1].isupper() else None
            if span is not None:
                out.append(resolver.text[span[0]:span[1]])
            for c in tok.children:
                if c.dep_ == "appos":
                    ask(c)
        for a in cand.recipients:     # "bombed targets in Syria"
            for prep in a.token.children:
                if prep.dep_ == "prep" and prep.lower_ in PLACE_OF_OBJECT_PREPS:
                    for obj in prep.children:
                        if obj.dep_ == "pobj" and obj.ent_type_ in PLACE_OF_OBJECT_ENTS:
                            ask(obj)
        if cand.places:
            start, end = place_span(cand.places[0])
            if not resolver.actors_in_span(resolver.document, start, end):
                out.append(resolver.text[start:end])
    return [(text, resolver.date) for text in out]


events_stage.prepare = prepare_events


# --------------------------------------------------------------------------------------
# The headline (events.merge adds its events as mentions of the body's)
# --------------------------------------------------------------------------------------
def headline_plan(document, title: str, tdoc, with_candidates: bool = True):
    """(ActorResolver over the parsed headline ``tdoc``, [(sentence, candidates or None)]).

    The headline is a Document of its own (same article, offsets inside the title); the
    actors stage is run on it here, as the pipeline ran it on the body."""
    shadow = Document(article=document.article, doc=tdoc, text=title, body_offset=0)
    actors_stage(shadow)
    resolver = ActorResolver(shadow)
    sentences = [(sent, code.sentence_candidates(sent) if with_candidates else None)
                 for sent in resolver.sentences()]
    return resolver, sentences


def headline_queries(plan) -> list[tuple[str, str | None]]:
    """The phrases coding a :func:`headline_plan` will resolve (for one batched parse)."""
    resolver, sentences = plan
    return phrase_queries(resolver, [c for _, cands in sentences for c in cands or []])


def code_headline(plan) -> list[Event]:
    """Events of a :func:`headline_plan` (undated: a headline has no time of its own)."""
    resolver, sentences = plan
    out = []
    for sent, candidates in sentences:
        out.extend(code_sentence(resolver.document, sent, resolver, None, {}, candidates))
    return out
