"""The event coder: every candidate event of a sentence, read off the dependency parse.

:func:`sentence_candidates` yields :class:`Candidate` objects: a trigger token (a verb such
as "berated", or a trigger noun such as "talks" or "session"), the PLOVER type its pattern
gives, and the tokens heading its actor and recipient phrases, each with the dependency path
that found it. The jobs are in their own modules: trigger matching (:mod:`events.triggers`,
patterns in ``events/data``), argument finding (:mod:`events.arguments`), the codebook rules
that status and context apply (:mod:`events.rules`). Turning argument tokens into actor
codes, dating and the record are done by the caller (``events.stage``); the evaluation on
marked sentences (``evaluation.plover``) uses the same candidates.
"""
from __future__ import annotations

from dateline.events import nominal, patterns
from dateline.events.arguments import (
    PURPOSE_TYPES, noun_args, objects_of, owned_by_trigger, prep_objects, relcl_participants, subject_of,
)
from dateline.events.candidate import IMPOSER_PATH, Arg, Candidate
from dateline.events.implicit import implicit_parties, investigated_act, reacted_measure, scheduled_measure_noun
from dateline.events.rules import apply_verb_rules, finalise
from dateline.events.speech import (conditional_offers, described_as, reported_conditions, reported_judgements,
                                    reported_obligations, reported_refusals, reported_wrongdoing)
from dateline.events.syntax import (conjuncts, governing_verb, has_for_mark, is_purpose_clause, object_predicates,
                                    phrase_span, places_of, reversal_object)
from dateline.events.triggers import light_noun, match_noun, verb_pattern
from dateline.events.words import BARGAINING_NOUNS, CONDITION_NOUNS, REFUSAL_ENDS, ARMED_FORCE_LEMMAS, ARMED_ONLY_LEMMAS, DISMISSAL_LEMMAS, WRONGDOING_LEMMAS, ABILITY_NOUNS, BLAME_WORDS, CONDEMNING_WORDS, DEATH_LEMMAS, PRAISING_WORDS, NO_COMMENT_LEMMAS, PARTICIPANT_NOUNS, OBLIGATION_AUX, OCCURRENCE_LEMMAS, PLACE_PREPS, PURPOSE_LEMMAS, RECEIVE_LEMMAS, SHOWING_LEMMAS, WITNESS_NOUNS

__all__ = ["Arg", "Candidate", "phrase_span", "sentence_candidates"]

#: trigger nouns whose clause ("the demand that X leave", "a threat to strike") is theirs
CLAUSE_NOUN_TYPES = {"REQUEST", "THREATEN", "ACCUSE", "AGREE", "REJECT", "PROTEST"}


def sentence_candidates(sent) -> list[Candidate]:
    """All events the patterns find in one sentence (spaCy Span), in text order, with the
    codebook rules applied."""
    tokens = list(sent)                 # one pass over the Span; the steps below reuse it
    lemmas = [t.lemma_.lower() for t in tokens]
    verb_pats, consumed = _verb_patterns(tokens, lemmas)
    triggers = _verb_triggers(sent, verb_pats)
    owners = _clause_owners(tokens, lemmas, triggers)
    used_nouns: set[int] = set(consumed)   # object nouns taken by a reverser, carrier or light verb
    out = _verb_candidates(sent, verb_pats, consumed, triggers, owners, used_nouns)
    out = [c for c in out if not _needs_armed_force(c) and not _dismissal(c) and not _to_blame(c)]
    for c in out:
        _praised_by_name(c)
    out += _noun_candidates(tokens, lemmas, triggers, used_nouns)
    out = [c for c in out if c.trigger.i not in used_nouns or c.kind != "noun"]
    # "cancelling a scheduled Dec. 15 imposition of tariffs": the scheduled measure is an
    # event too (planned), beside its cancelling
    out += [_noun_candidate(tokens[i - sent.start], match_noun(tokens[i - sent.start])) for i in sorted(used_nouns)
            if sent.start <= i < sent.end and i not in triggers and scheduled_measure_noun(tokens[i - sent.start])]
    if OBLIGATION_AUX & set(lemmas):
        out += reported_obligations(tokens, triggers)
    if (CONDEMNING_WORDS | PRAISING_WORDS | BLAME_WORDS | {"behind"}) & set(lemmas):
        out += reported_judgements(tokens, triggers) + described_as(tokens, triggers)
    if WRONGDOING_LEMMAS & set(lemmas):
        out += reported_wrongdoing(tokens, triggers)
    if CONDITION_NOUNS & set(lemmas):
        out += reported_conditions(tokens, triggers)
    if REFUSAL_ENDS & set(lemmas):
        out += reported_refusals(tokens, triggers)
    if BARGAINING_NOUNS & set(lemmas):
        out += conditional_offers(tokens, triggers)
    out.sort(key=lambda c: c.trigger.i)
    return implicit_parties([finalise(c) for c in out])


# --------------------------------------------------------------------------------------
# Verb triggers
# --------------------------------------------------------------------------------------
def _verb_patterns(tokens, lemmas) -> tuple[dict[int, patterns.Pattern], set[int]]:
    """{token index: its verb pattern} and the object nouns a reverser or carrier consumes."""
    verb_pats: dict[int, patterns.Pattern] = {}
    consumed: set[int] = set()
    verb_words = patterns.trigger_words()[0]
    for tok, lemma in zip(tokens, lemmas):
        if lemma not in verb_words:
            continue                    # no verb or reverser pattern has this lemma
        p, obj = verb_pattern(tok)
        if p is not None:
            verb_pats[tok.i] = p
            if obj is not None:
                consumed.add(obj.i)
    return verb_pats, consumed


def _carried(p: patterns.Pattern) -> bool:
    """A light verb ("held talks") or a carrier: its event is the noun it takes."""
    return p.event == "LIGHT" or p.event.startswith("CARRY:")


def _verb_triggers(sent, verb_pats: dict[int, patterns.Pattern]) -> dict[int, str]:
    """{token index: event type} of the verbs that are events."""
    embedding = patterns.embedding_verbs()
    triggers: dict[int, str] = {}
    for i, p in verb_pats.items():
        tok = sent.doc[i]
        if p.event == "IGNORE":
            continue
        noun = light_noun(tok) if _carried(p) else None
        if p.event == "LIGHT" and noun is None:
            continue
        if p.event.startswith("CARRY:") and noun is None and p.event == "CARRY:-":
            continue
        if tok.lemma_.lower() in SHOWING_LEMMAS and any(
                c.dep_ in ("dobj", "obj", "ccomp", "agent", "auxpass") for c in tok.children):
            continue    # "the refusal demonstrates that...", "as demonstrated by his departure": shows
        if p.event == "REJECT" and any(c.dep_ == "xcomp" and c.lemma_.lower() in NO_COMMENT_LEMMAS for c in tok.children):
            continue    # "declined to comment", "refused to elaborate": silence, not a refusal of anyone
        if tok.dep_ == "acl" and tok.head.lemma_.lower() in ABILITY_NOUNS:
            continue    # "the right to protest", "the power to arrest": a possibility, not an act
        # an embedding verb with an infinitive is transparent ("began to attack")
        if tok.lemma_.lower() in embedding and any(c.dep_ == "xcomp" and c.i in verb_pats
                                                  for c in tok.children):
            continue
        triggers[i] = match_noun(noun).event if noun is not None else p.event.replace("CARRY:", "")
    return triggers


def _clause_owners(tokens, lemmas, triggers: dict[int, str]) -> dict[int, str]:
    """The verb triggers and the trigger nouns that own a clause ("the demand that X leave")."""
    owners = dict(triggers)
    noun_lemmas, noun_forms = patterns.trigger_words()[1:]
    for tok, lemma in zip(tokens, lemmas):
        if lemma not in noun_lemmas and tok.lower_ not in noun_forms:
            continue                    # match_noun() cannot match it
        if tok.pos_ == "NOUN" and any(c.dep_ in ("acl", "ccomp") for c in tok.children):
            npat = match_noun(tok)
            if npat is not None and npat.event in CLAUSE_NOUN_TYPES:
                owners[tok.i] = npat.event
    return owners


def _needs_armed_force(cand: Candidate) -> bool:
    """"The minister left Paris" is no withdrawal: a verb of ``armed_only_verbs`` is an event
    only when an armed force does it ("US troops left Syria")."""
    return cand.kind == "verb" and cand.trigger.lemma_.lower() in ARMED_ONLY_LEMMAS \
        and cand.pattern.specificity == 0 and not (
        cand.actors and all(a.token.lemma_.lower() in ARMED_FORCE_LEMMAS for a in cand.actors))


def _praised_by_name(cand: Candidate) -> None:
    """"Called the protests treasonous" (ACCUSE), "called the deal a great success"
    (SUPPORT: ``praising_words``): calling something by a name is an accusation unless the
    name praises (a list of condemning words would miss too many insults: "treasonous")."""
    if cand.kind != "verb" or "oprd" not in cand.pattern.particles:
        return
    words = {w for p in object_predicates(cand.trigger) for t in p.subtree for w in (t.lemma_.lower(), t.lower_)}
    if words & PRAISING_WORDS and not words & CONDEMNING_WORDS:
        cand.event, cand.mode = "SUPPORT", None


def _to_blame(cand: Candidate) -> bool:
    """"Iran was to blame for the attack": Iran is blamed, it blames no one (the speaker's
    judgement of it is ``speech.reported_judgements``)."""
    verb = cand.trigger
    return cand.kind == "verb" and verb.lemma_.lower() == "blame" and verb.dep_ == "xcomp" \
        and verb.head.lemma_ == "be"


def _dismissal(cand: Candidate) -> bool:
    """"The team fired its coach", "was sacked as minister": a person fired is dismissed, not
    shot at (shooting has a weapon for object, or "fired on/at" someone)."""
    verb = cand.trigger
    if cand.kind != "verb" or verb.lemma_.lower() not in DISMISSAL_LEMMAS:
        return False
    if any(c.dep_ == "prep" and c.lower_ in ("on", "at", "upon", "into")
           and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children) for c in verb.children):
        return False        # "fired on protesters" (not "fired him on Saturday")
    if any(c.dep_ == "prep" and c.lower_ in ("from", "as") for c in verb.children):
        return True         # "fired from his job", "sacked as minister"
    people = patterns.people_nouns()
    return any(c.dep_ in ("dobj", "obj", "nsubjpass") and (
        c.ent_type_ == "PERSON" or c.lower_ in ("him", "her", "he", "she") or c.lemma_.lower() in people
        or any(g.ent_type_ == "PERSON" for g in c.subtree)) for c in verb.children)


def _verb_candidates(sent, verb_pats, consumed: set[int], triggers: dict[int, str], owners: dict[int, str],
                     used_nouns: set[int]) -> list[Candidate]:
    """A candidate per verb trigger that no other trigger owns; a meeting or mission made for
    a purpose gives way to the purpose ("summoned the ambassador to complain")."""
    out: list[Candidate] = []
    dropped_consult: dict[int, Candidate] = {}
    for i in sorted(triggers):
        tok = sent.doc[i]
        p = verb_pats[i]
        if owned_by_trigger(tok, owners) and not investigated_act(tok, triggers[i]):
            continue
        if tok.dep_ == "advcl" and tok.tag_ == "VBG" and owners.get(tok.head.i) in ("AGREE", "SUPPORT") \
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            continue   # "signed a pact ..., allowing their troops to train together": its content
        noun = light_noun(tok) if _carried(p) else None
        if noun is not None:
            cand = _light_candidate(tok, p, noun, used_nouns)
        else:
            cand = _verb_candidate(sent, tok, p, verb_pats, consumed)
            purpose = _purpose_clause(tok, p, cand, triggers)
            if purpose is not None:
                dropped_consult[purpose.i] = cand
                continue
        out.append(cand)
    for cand in out:
        via = dropped_consult.get(cand.trigger.i)
        if via is not None:
            # "summoned the ambassador to complain about the move": the one summoned is who
            # the complaint is made to; the clause's own objects come first
            own = {a.token.i for a in cand.recipients}
            cand.recipients = cand.recipients + [Arg(a.token, f"purpose-of:{via.trigger.text}>" + a.path, True)
                                                 for a in via.recipients if a.token.i not in own]
    return out


def _light_candidate(tok, p: patterns.Pattern, noun, used_nouns: set[int]) -> Candidate:
    """"held talks", "imposed sanctions": the noun's event, the verb's subject as actor."""
    npat = match_noun(noun)
    used_nouns.add(noun.i)
    inner = reversal_object(noun)
    if inner is not None and npat.id.startswith("reversers"):
        used_nouns.add(inner.i)
    n_actors, n_recips = noun_args(noun)
    cand = Candidate(noun, npat, npat.event, npat.mode, clause=tok, kind="light", light=tok)
    cand.actors = [Arg(a.token, f"light:{tok.lower_}>" + a.path, a.inferred) for a in subject_of(tok)]
    if not cand.actors:
        cand.actors = n_actors
    cand.recipients = n_recips + [a for a in objects_of(tok, p) if a.token.i != noun.i
                                  and a.token.i not in {x.i for x in noun.subtree}]
    if noun.lemma_.lower() in WITNESS_NOUNS:
        cand.recipients = nominal.audience_of(tok) + cand.recipients   # "gave testimony before the committee"
    cand.places = places_of(noun) + places_of(tok)
    if tok.lemma_.lower() in RECEIVE_LEMMAS:
        # "GM received loans from Canada": the giver acts, the receiver is the recipient;
        # with no giver named, the receiver is still not the actor ("Ukraine got a loan")
        givers = prep_objects(noun, ("from",)) + prep_objects(tok, ("from",)) + [
            # "faced Palestinian criticism": the giver named as a modifier of the noun
            Arg(m, "amod", True) for c in noun.children if c.dep_ in ("amod", "compound", "poss")
            for m in conjuncts(c) if m.ent_type_ in ("NORP", "GPE", "ORG") or (m.text[:1].isupper() and m.i != noun.sent.start)]
        for c in tok.children:
            if c.dep_ in ("dobj", "obj") and c.i != noun.i:
                givers += prep_objects(c, ("from",))
        cand.recipients = [Arg(a.token, "receiver>" + a.path, a.inferred) for a in cand.actors]
        cand.actors = [Arg(a.token, "receive>" + a.path) for a in givers]
        cand.notes.append(f"'{tok.text}' inverts the roles: the giver is the actor")
    return cand


def _verb_candidate(sent, tok, p: patterns.Pattern, verb_pats, consumed: set[int]) -> Candidate:
    """A verb trigger with its subject, objects and places, and the verb rules applied."""
    i = tok.i
    cand = Candidate(tok, p, p.event.replace("CARRY:", ""), p.mode, clause=tok, kind="verb")
    cand.actors = subject_of(tok)
    objs = objects_of(tok, p)
    rev_obj = next((sent.doc[j] for j in consumed if sent.doc[j].head.i == i
                    or sent.doc[j].head.head.i == i), None)
    if rev_obj is not None:
        _, n_recips = noun_args(rev_obj)
        objs = n_recips + objs
    cand.recipients = objs
    cand.places = places_of(tok)
    if not cand.places and tok.dep_ in ("advcl", "conj") and tok.head.pos_ in ("VERB", "AUX"):
        # "rallied in Niamey, demanding the departure of French forces": one scene
        cand.places = places_of(tok.head)
    apply_verb_rules(cand, tok, p, verb_pats)
    # "refused to meet Dagalo", "agreed to release the sailors": the owned clause's
    # object is the recipient when the verb has none of its own
    for c in tok.children:
        if c.dep_ == "xcomp" and c.i in verb_pats:
            inner = [a for a in objects_of(c, verb_pats[c.i])
                     if a.path in ("dobj", "dative", "obj", "iobj", "ccomp>nsubj", "xcomp>nsubj")
                     or a.path.startswith("prep:")]
            cand.recipients = cand.recipients + [Arg(a.token, f"xcomp:{c.text}>" + a.path, True)
                                                 for a in inner]
    return cand


def _purpose_clause(tok, p: patterns.Pattern, cand: Candidate, triggers: dict[int, str]):
    """The clause a meeting, call or mission is made for, when it is an event of another type
    (the candidate is then coded as that purpose), else None."""
    if cand.event == "CONSULT" or (p.lemma in PURPOSE_LEMMAS and cand.event in PURPOSE_TYPES):
        purpose = [c for c in tok.children if is_purpose_clause(c) and not has_for_mark(c)
                   and c.i in triggers and triggers[c.i] != "CONSULT"]
        if purpose:
            return purpose[0]
    return None


# --------------------------------------------------------------------------------------
# Noun triggers
# --------------------------------------------------------------------------------------
def _noun_is_content(tok, triggers: dict[int, str]) -> bool:
    """A trigger noun that is the content of a trigger verb or of another trigger noun, not an
    event of its own."""
    # a noun that is the object of a trigger verb is that verb's content ("agreed to
    # Blinken's trip", "called for sanctions")
    if tok.dep_ in ("dobj", "obj", "nsubjpass") and tok.head.i in triggers:
        return True
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.i in triggers \
            and tok.head.lower_ in ("for", "to", "on", "against", "of", "into"):
        return True
    # "the release of $1.2 billion in assistance": the inner noun is the outer's content
    return tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN" \
        and match_noun(tok.head.head) is not None


def _noun_candidates(tokens, lemmas, triggers: dict[int, str], used_nouns: set[int]) -> list[Candidate]:
    """A candidate per trigger noun not taken by a verb ("talks in Geneva", "sanctions on X")."""
    noun_lemmas, noun_forms = patterns.trigger_words()[1:]
    out = []
    for tok, lemma in zip(tokens, lemmas):
        if lemma not in noun_lemmas and tok.lower_ not in noun_forms:
            continue                    # match_noun() cannot match it
        if tok.i in used_nouns or tok.i in triggers:
            continue
        if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN"):
            continue   # "war games", "protest leaders": a modifier, not an event
        if lemma in PARTICIPANT_NOUNS and not any(c.dep_ == "prep" and c.lower_ in ("between", "with")
                                                  for c in tok.children):
            continue   # "said at a news conference": no meeting unless its participants are named
        if tok.dep_ == "appos" and tok.head.pos_ == "PROPN":
            continue   # "Inherent Resolve, the U.S. operation against Islamic State": a description
        p = match_noun(tok)
        if p is None or p.event in ("IGNORE", "LIGHT"):
            continue
        if p.id.startswith("reversers"):
            inner = reversal_object(tok)
            if inner is not None:
                used_nouns.add(inner.i)   # "opposed the hold on aid": the aid is no event either
        if _noun_is_content(tok, triggers) and not reacted_measure(tok, p, triggers):
            continue
        out.append(_noun_candidate(tok, p))
    return out


def _noun_candidate(tok, p: patterns.Pattern) -> Candidate:
    """A trigger noun with its actor (its own, a relative clause's, or the subject of the verb
    it is the setting of) and recipient."""
    actors, recips = noun_args(tok)
    cand = Candidate(tok, p, p.event, p.mode, clause=None, kind="noun")
    if not actors:
        actors = relcl_participants(tok)
    if p.event == "CONSULT" and tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ == "NOUN" \
            and tok.head.lower_ in ("from", "after", "before", "during", "at", "in"):
        # "his departure from a meeting in Hanoi with Kim": the one who left took part, and the
        # parser may hang the meeting's "with" on the noun above it
        host = tok.head.head
        if not any(a.path.startswith("prep:with") for a in recips):
            recips = recips + [Arg(a.token, "host>" + a.path, True) for a in prep_objects(host, ("with",))]
        if not actors and any(a.path.endswith("prep:with>pobj") for a in recips):
            actors = [Arg(c, "host>poss", True) for c in host.children if c.dep_ == "poss"]
    if not actors and tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        gov = tok.head.head
        if gov.pos_ in ("ADV", "ADP") and gov.head is not gov:
            gov = gov.head                     # "are out on strike"
        # "agreed at/after talks in Geneva": the subject took part in the talks; but
        # "imposed sanctions after an attack on Israel" did not make the attack
        preps = ("at", "during", "in", "on") + (("after", "before") if p.event == "CONSULT" else ())
        if gov.pos_ in ("VERB", "AUX") and tok.head.lower_ in preps:
            actors = [Arg(a.token, "pobj<prep<" + a.path, True) for a in subject_of(gov)]
            cand.clause = gov
    if p.event == "ASSAULT" and not [r for r in recips if not any(
            r.path.endswith(f"prep:{x}>pobj") for x in PLACE_PREPS)]:
        # "the prisoner died after torture", "died as a result of the beating": the one who
        # died suffered it
        gov = governing_verb(tok)
        if gov is not None and gov.lemma_.lower() in DEATH_LEMMAS:
            recips = [Arg(a.token, "victim:" + a.path, True) for a in subject_of(gov)]
    occurrence = not actors and p.event == "PROTEST" and tok.dep_ == "nsubj" \
        and tok.head.lemma_.lower() in OCCURRENCE_LEMMAS
    if occurrence:
        # "protests erupted in Tehran": the protesters are unnamed, the scene places them
        actors = [Arg(tok, "implicit:participants", True)]
    if not actors and p.event == "SANCTION" and recips and any(t.ent_type_ == "DATE" for t in tok.subtree):
        # "the tariffs on Chinese goods imposed on Sept. 1": a dated measure on a named target
        # whose imposer the sentence leaves out; the scene names the article's imposer
        actors = [Arg(tok, IMPOSER_PATH, True)]
    cand.actors = actors
    cand.recipients = recips
    cand.places = places_of(tok)
    if occurrence:
        # "protests rocked Hong Kong": the place rocked is where they happened
        cand.places += [c for c in tok.head.children if c.dep_ in ("dobj", "obj") and c.ent_type_ in ("GPE", "LOC")]
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX"):
        cand.places += places_of(tok.head)     # "talks ... took place in Istanbul"
    return cand
