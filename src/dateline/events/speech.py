"""Candidates made from what a speaker says of a clause (petrarch2's "say" patterns, as
codebook rules): the speaker acts on the clause's subject.

- a reported obligation ("Trump said North Korea must disarm"): REQUEST of the subject;
- a reported judgement ("Jordan said the move was dangerous") or a description ("described
  the call as improper"): ACCUSE or SUPPORT of whoever made the thing judged;
- reported wrongdoing ("X said Y violated the treaty"): ACCUSE of Y;
- a condition set for an agreement ("removing tariffs is a condition for any deal"): REQUEST
  of its partner (events.scene aims it at the counterpart when none is named);
- a conditional offer ("the aid would not resume until Ukraine announced ..."): REQUEST of
  the condition's doer.

Each returns :class:`~dateline.events.candidate.Candidate` objects that
:func:`events.rules.finalise` then treats like any other; the word classes are in
``events/data/word_classes.tsv``.
"""
from __future__ import annotations

from dateline.events import patterns
from dateline.events.arguments import reporter_of, subject_of
from dateline.events.candidate import Arg, Candidate
from dateline.events.rules import PARTY_ENTS, condition_subjects, have_to, own_obligation, state_like
from dateline.events.syntax import conjuncts, places_of
from dateline.events.triggers import match_verb, plain_noun
from dateline.events.words import (
    BARGAINING_NOUNS, BLAME_WORDS, CONDEMNING_WORDS, CONDITION_NOUNS, DECISION_NOUNS, DESCRIBING_LEMMAS, FEELING_LEMMAS,
    OBLIGATION_AUX, PRAISING_WORDS, REFUSAL_PHRASES, WRONGDOING_LEMMAS,
)


OBLIGATION_PATTERN = patterns.Pattern("rules: reported obligation (X said Y must ...)", "must", (), (),
                                      "REQUEST", None, "a speaker's 'must' or 'should' is a demand")


def reported_obligations(tokens, triggers: dict) -> list[Candidate]:
    """"EU says military intervention in Venezuela must be avoided", "Trump said North Korea
    must do something": a reported obligation with no trigger verb of its own is the speaker's
    REQUEST of the clause's subject."""
    out = []
    for tok in tokens:
        if tok.i in triggers or tok.pos_ not in ("VERB", "AUX"):
            continue
        if not (any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in tok.children) or have_to(tok)):
            continue
        own = match_verb(tok)
        if own is not None and own.event == "IGNORE":
            continue     # "should send a signal": a figure of speech the patterns rule out
        if {t.lemma_.lower() for t in (tok, *tok.children) if t is tok or t.dep_ == "acomp"} & FEELING_LEMMAS:
            continue     # "they should not be alarmed": reassurance about a feeling, no demand
        speaker = reporter_of(tok)
        if not speaker or own_obligation(tok):
            continue
        out.append(_speakers(tok, OBLIGATION_PATTERN, speaker,
                             [Arg(c, "obligation>" + c.dep_) for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")],
                             "an obligation reported from a speaker: the speaker's demand of the subject"))
    return out


def _speakers(tok, pattern: patterns.Pattern, speaker: list[Arg], recipients: list[Arg], note: str) -> Candidate:
    """A candidate made by what a speaker says of a clause (``reported_obligations``,
    ``reported_judgements``): the speaker acts, on the clause's subject."""
    cand = Candidate(tok, pattern, pattern.event, pattern.mode, clause=tok.head, kind="verb")
    cand.actors = speaker
    cand.recipients = recipients
    cand.places = places_of(tok)
    cand.notes.append(note)
    return cand


#: what a speaker's judgement of something is: "X said the decision was illegal" (ACCUSE of
#: whoever made it), "... was historic" (SUPPORT)
EVALUATION_PATTERNS = {
    "ACCUSE": patterns.Pattern("rules: reported judgement (X said Y was illegal ...)", "be", (), (), "ACCUSE",
                               "disapprove", "a speaker's condemning word about something (condemning_words)"),
    "SUPPORT": patterns.Pattern("rules: reported judgement (X said Y was historic ...)", "be", (), (), "SUPPORT",
                                None, "a speaker's praising word about something (praising_words)"),
}


#: what a speaker says someone did wrong: "X said Y violated the treaty" (ACCUSE of Y)
WRONGDOING_PATTERN = patterns.Pattern("rules: reported wrongdoing (X said Y violated ...)", "say", (), (), "ACCUSE",
                                      "disapprove", "a speaker's verb of wrongdoing about someone (wrongdoing_verbs)")


def _hostile(noun, quads=(3, 4)) -> bool:
    found = plain_noun(noun)
    ptype = patterns.plover_types().get(found.event) if found is not None else None
    return ptype is not None and ptype.quad_code in quads


def _for_a_hostile_act(preds) -> bool:
    """"responsible for the attack": the thing blamed is material or verbal conflict. A bare
    "responsible" blames for the violence its sentence names ("After the bombing, Kabul said
    Taliban militants were responsible")."""
    blamed_for = [g for p in preds for c in p.children if c.dep_ == "prep" and c.lower_ == "for"
                  for g in c.children if g.dep_ == "pobj"]
    if blamed_for:
        return any(_hostile(g) for g in blamed_for)
    return any(t.pos_ == "NOUN" and _hostile(t, (4,)) for p in preds[:1] for t in p.sent)


def reported_judgements(tokens, triggers: dict) -> list[Candidate]:
    """"The Palestinian Authority said the decision was a violation of international law",
    "Jordan said the move was dangerous": what a speaker says something *is*, when the word
    condemns or praises it, is an accusation or support aimed at that thing's maker (the
    decision-maker rule of events.sides finds who made "the decision")."""
    out = []
    for tok in tokens:
        if tok.lemma_ != "be" or tok.dep_ != "ccomp" or tok.i in triggers:
            continue
        # "was to blame for the attack": the infinitive is the predicate; "was behind the
        # attack": the phrase blames for its act
        preds = [c for c in tok.children if c.dep_ in ("acomp", "attr")
                 or c.dep_ == "xcomp" and c.lemma_.lower() in BLAME_WORDS]
        behind = [] if preds else [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "behind"]
        blamed = any(_hostile(g) for c in behind for g in c.children if g.dep_ == "pobj")
        preds = behind if blamed else preds
        words = {t.lemma_.lower() for p in preds for t in conjuncts(p)}
        condemns = blamed or bool(words & CONDEMNING_WORDS) or (bool(words & BLAME_WORDS) and _for_a_hostile_act(preds))
        event = "ACCUSE" if condemns else "SUPPORT" if words & PRAISING_WORDS else None
        speaker = reporter_of(tok) if event else []
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        if not speaker or not subj or any(c.dep_ == "neg" for c in tok.children) or subj[0].pos_ == "PRON":
            continue        # a pronoun subject is too often the speaker itself ("said it was responsible")
        out.append(_speakers(tok, EVALUATION_PATTERNS[event], speaker, [Arg(subj[0], "judged>nsubj")],
                             f"a speaker's judgement of '{subj[0].text}': aimed at whoever made it"))
    return out


REFUSAL_PATTERN = patterns.Pattern("rules: reported refusal (X said Y was out of the question)", "be", (), (),
                                   "REJECT", None, "what a speaker says is out of the question it refuses")


def _refusal_phrase(be) -> bool:
    """Does what follows this "be" start with a refusal phrase ("out of the question"; an
    adverb before it aside: "is currently out of the question")?"""
    start = be.i + 1
    while start <= be.right_edge.i and be.doc[start].dep_ == "advmod" and be.doc[start].head.i == be.i:
        start += 1
    words = be.doc[start:be.right_edge.i + 1].text.lower()
    words = words.removeprefix("a ").removeprefix("an ")
    return any(words.startswith(p) for p in REFUSAL_PHRASES)


#: prepositions that name whom a refused act concerns
_REFUSED_ACT_PREPS = ("with", "between", "on", "against", "to")


def reported_refusals(tokens, triggers: dict) -> list[Candidate]:
    """"Tehran said talks with Washington were out of the question": an act a speaker says is
    out of the question, off the table or not an option (``refusal_phrases``) is the
    speaker's refusal (REJECT), aimed at the act's partner when the phrase names one."""
    out = []
    for tok in tokens:
        if tok.lemma_ != "be" or tok.dep_ != "ccomp" or tok.i in triggers or not _refusal_phrase(tok):
            continue
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
        speaker = reporter_of(tok) if subj and subj[0].pos_ != "PRON" else []
        if not speaker:
            continue
        # whom the refused act concerns: "talks with Washington", "removing the sanctions on Burma"
        partners = [Arg(w, f"refused>{p.lower_}>pobj") for p in subj[0].subtree
                    if p.dep_ == "prep" and p.lower_ in _REFUSED_ACT_PREPS for w in p.children
                    if w.dep_ == "pobj" and (w.ent_type_ in PARTY_ENTS or w.pos_ == "PROPN" or state_like(w))][:1]
        out.append(_speakers(tok, REFUSAL_PATTERN, speaker, partners,
                             f"'{subj[0].text}' said to be out of the question: the speaker refuses it"))
    return out


CONDITION_PATTERN = patterns.Pattern("rules: reported condition (X said Y was a condition for ...)", "be", (), (),
                                     "REQUEST", None, "a speaker's condition for an agreement is a demand of its partner")


def reported_conditions(tokens, triggers: dict) -> list[Candidate]:
    """"China's commerce ministry said removing the tariffs was an important condition for any
    deal with Washington": a condition a speaker sets for an agreement is a demand (REQUEST)
    of the agreement's partner (``condition_nouns``)."""
    out = []
    for tok in tokens:
        if tok.lemma_ != "be" or tok.dep_ != "ccomp" or tok.i in triggers \
                or any(c.dep_ == "neg" for c in tok.children):
            continue
        conditions = [c for c in tok.children if c.dep_ == "attr" and c.lemma_.lower() in CONDITION_NOUNS]
        partners = [Arg(w, "condition-for>with>pobj") for c in conditions for p in c.children
                    if p.dep_ == "prep" and p.lower_ == "for" for g in p.children if g.dep_ == "pobj"
                    for q in g.children if q.dep_ == "prep" and q.lower_ in ("with", "between")
                    for w in q.children if w.dep_ == "pobj"]
        speaker = reporter_of(tok) if conditions else []
        if speaker:
            out.append(_speakers(tok, CONDITION_PATTERN, speaker, partners,
                                 "a condition set for an agreement: a demand of its partner"))
    return out


OFFER_PATTERN = patterns.Pattern("rules: conditional offer (X said Y would get A if Y did B)", "be", (), (),
                                 "REQUEST", None, "what a side gives or holds back until the other acts: a demand")

#: subordinators of the condition a bargain sets
_BARGAIN_MARKS = {"if", "unless", "until", "once"}


def conditional_offers(tokens, triggers: dict) -> list[Candidate]:
    """"Sondland told Yermak that the aid would not resume until Ukraine announced the
    investigations", "he said the sanctions would be lifted if Iran returned to the talks":
    what one side gives or holds back (``bargaining_nouns``) on a condition another side must
    meet, said by a speaker, is the speaker's demand (REQUEST) of the condition's doer."""
    out = []
    for tok in tokens:
        if tok.pos_ not in ("VERB", "AUX") or not any(c.dep_ == "aux" and c.lower_ in ("would", "will", "could", "might")
                                                      for c in tok.children):
            continue
        at_stake = [t for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")
                    for t in (c, *c.children) if t.lemma_.lower() in BARGAINING_NOUNS]
        doers = [s for s in condition_subjects([tok], _BARGAIN_MARKS, ("nsubj",))
                 if s.ent_type_ in PARTY_ENTS or s.pos_ == "PROPN" or state_like(s)]
        speaker = reporter_of(tok) if at_stake and doers else []
        if speaker:
            out.append(_speakers(tok, OFFER_PATTERN, speaker, [Arg(d, "condition>nsubj", True) for d in doers],
                                 f"'{at_stake[0].text}' on a condition: the speaker's demand of its doer"))
    return out


def described_as(tokens, triggers: dict) -> list[Candidate]:
    """"described Trump's call as improper", "characterised the vote as a sham": a judgement
    put as a description (``describing_verbs`` + "as" + a condemning or praising word) is an
    accusation or support aimed at whoever made the thing described."""
    out = []
    for tok in tokens:
        if tok.lemma_.lower() not in DESCRIBING_LEMMAS or tok.i in triggers or tok.pos_ != "VERB" \
                or any(c.dep_ == "neg" for c in tok.children):
            continue
        # what is judged is someone's act or decision ("the call", "the move"), or someone
        objs = [c for c in tok.children if c.dep_ in ("dobj", "obj") and c.pos_ != "PRON" and (
            plain_noun(c) is not None or c.lemma_.lower() in DECISION_NOUNS or c.pos_ == "PROPN")]
        # "as improper" hangs on the verb or, for the small parser, on its object
        said = [g for h in [tok] + objs[:1] for c in h.children if c.dep_ == "prep" and c.lower_ == "as"
                for g in c.children if g.dep_ in ("pobj", "amod", "acomp", "pcomp")]
        words = {t.lemma_.lower() for g in said for t in conjuncts(g)}
        event = "ACCUSE" if words & CONDEMNING_WORDS else "SUPPORT" if words & PRAISING_WORDS else None
        actors = subject_of(tok)
        if event is None or not objs or not actors:
            continue
        out.append(_speakers(tok, DESCRIPTION_PATTERNS[event], actors, [Arg(objs[0], "described>dobj")],
                             f"a judgement of '{objs[0].text}' as '{' '.join(sorted(words))}': aimed at whoever made it"))
    return out


#: "described X as improper" (ACCUSE), "... as historic" (SUPPORT)
DESCRIPTION_PATTERNS = {
    "ACCUSE": patterns.Pattern("rules: judging description (X described Y as improper ...)", "describe", ("as",), (),
                               "ACCUSE", "disapprove", "a condemning word a describing verb puts on something"),
    "SUPPORT": patterns.Pattern("rules: judging description (X described Y as historic ...)", "describe", ("as",), (),
                                "SUPPORT", None, "a praising word a describing verb puts on something"),
}


def reported_wrongdoing(tokens, triggers: dict) -> list[Candidate]:
    """"Kenya said Uganda had violated the treaty", "Odinga said Kenyatta betrayed the
    country": a wrong that a speaker says someone did is the speaker's accusation of the doer
    (the wrong itself, when it is an event, is coded on its own)."""
    out = []
    for tok in tokens:
        if tok.lemma_.lower() not in WRONGDOING_LEMMAS or tok.dep_ != "ccomp" or tok.pos_ != "VERB":
            continue
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        speaker = reporter_of(tok)
        if not speaker or not subj or subj[0].pos_ == "PRON" or any(c.dep_ == "neg" for c in tok.children):
            continue
        out.append(_speakers(tok, WRONGDOING_PATTERN, speaker, [Arg(subj[0], "wrongdoer>nsubj")],
                             f"a speaker says '{subj[0].text}' did wrong ('{tok.text}'): an accusation"))
    return out
