"""Verbal acts told as nouns: where news puts the parties of "the testimony Tuesday of four
officials", "a meeting in the Oval Office with Chile's foreign minister" and "Smith's July 25
call, when he asked Jones to ...".

:func:`refine` corrects what :func:`events.arguments.noun_args` reads off a trigger noun's own
phrase, by construction (the word classes are in ``events/data/word_classes.tsv``):

- an "of" phrase is the doer of a noun of ``agent_of_nouns`` ("the testimony of four
  officials", "the visit of the president to Algeria"), not its target;
- ``audience_preps`` name whom a noun of ``witness_nouns`` is given to ("testimony before
  the committee");
- a partner ("with X") the parser hung on the meeting's place is still the meeting's
  ("a meeting in the Oval Office with Liu He");
- a meeting or call with no partner in its phrase takes the person its clause addresses
  ("Smith's call, when he asked Jones to ...", "the call in which he urged Jones to ...");
- two coordinated meeting nouns share their owner and their partner ("Smith's July 25
  call and September 1 meeting with Jones");
- a request's addressee that the parser misread as an infinitive ("request to Chilean
  president to investigate": "to Chilean" read as a verb).

:func:`presses_someone` says when a noun of ``pressing_nouns`` ("push", "pressure") is a
request: when it names whom it presses to act ("the push for Chile to open an inquiry",
"pressure on Damascus to allow aid", "put pressure on Chile to open": light verbs in
verbs.tsv carry it).
"""
from __future__ import annotations

from dateline.events import patterns
from dateline.events.candidate import Arg
from dateline.events.syntax import conjuncts
from dateline.events.words import (
    AGENT_OF_NOUNS, AUDIENCE_PREPS, CLAUSE_PARTNER_MARKS, PARTNER_NOUN_TYPES, PRONOUNS, WITNESS_NOUNS,
)

_PLACE_PREPS = ("in", "at")
#: prepositions that set an act in a meeting or a call ("told Jones in a call")
_OCCASION_PREPS = ("in", "during", "on", "at")
_TIME_ENTS = ("DATE", "TIME")


def _pobjs(prep) -> list:
    return [g for g in prep.children if g.dep_ == "pobj" and g.ent_type_ not in _TIME_ENTS]


def refine(noun, event: str | None, actors: list[Arg], recipients: list[Arg]) -> tuple[list[Arg], list[Arg]]:
    """The noun's actor and recipient heads with the constructions above applied
    (``event``: the noun's PLOVER type, None when it is no trigger)."""
    lemma = noun.lemma_.lower()
    if not actors and noun.dep_ == "conj" and (event or "").lower() in PARTNER_NOUN_TYPES and _meeting_noun(noun.head):
        # "Smith's July 25 call and September 1 meeting with Jones": the first noun's owner
        actors = [Arg(t, "conj<poss", True) for c in noun.head.children if c.dep_ == "poss" for t in conjuncts(c)]
    if lemma in AGENT_OF_NOUNS and not actors:
        doers = [Arg(t, "prep:of>pobj(doer)") for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                 for g in _pobjs(c)[:1] for t in conjuncts(g)]
        if doers:
            actors = doers
            done = {a.token.i for a in doers}
            recipients = [r for r in recipients if r.token.i not in done]
    if event == "REQUEST" and not recipients:
        recipients = _misread_addressee(noun)
    if lemma in WITNESS_NOUNS:
        recipients = audience_of(noun) + recipients
    if (event or "").lower() in PARTNER_NOUN_TYPES and not any(r.path.startswith("prep:with") for r in recipients):
        clause, partners = None, partner_after_place(noun)
        if not partners:
            clause, partners = partner_clause(noun, actors)
        partners = partners or _conjunct_partner(noun)
        if partners:
            recipients = partners + recipients
            if not actors and clause is not None:
                # "the call in which he asked Jones": the clause's subject made the call
                actors = _clause_subject(clause)
    return actors, recipients


def audience_of(token) -> list[Arg]:
    """The body a witness speaks to: "testimony before the committee", "gave testimony
    before the committee" (``token``: the noun, or the light verb that carries it)."""
    return [Arg(t, f"prep:{c.lower_}>pobj") for c in token.children
            if c.dep_ == "prep" and c.lower_ in AUDIENCE_PREPS for g in _pobjs(c)[:1] for t in conjuncts(g)]


def _misread_addressee(noun) -> list[Arg]:
    """"Smith's request to Chilean president to investigate": with no article the parser
    reads "to Chilean" as an infinitive; the capitalised "verb" with an object is the
    addressee's phrase (its head word is the demonym)."""
    for c in noun.children:
        if c.dep_ == "acl" and c.pos_ == "VERB" and c.text[:1].isupper() and c.i > noun.i \
                and any(a.dep_ == "aux" and a.lower_ == "to" and a.i == c.i - 1 for a in c.children) \
                and any(o.dep_ in ("dobj", "obj") and o.i == c.i + 1 for o in c.children):
            return [Arg(c, "prep:to>pobj(misparse)", True)]
    return []


def partner_after_place(noun) -> list[Arg]:
    """"a meeting in the Oval Office with Chile's foreign minister", "met at the White House
    with ...": the parser hangs the "with" phrase on the place; it names the partner."""
    out = []
    for c in noun.children:
        if c.dep_ != "prep" or c.lower_ not in _PLACE_PREPS:
            continue
        for place in _pobjs(c):
            for w in place.children:
                if w.dep_ == "prep" and w.lower_ == "with":
                    out += [Arg(t, f"prep:{c.lower_}>pobj>prep:with>pobj", True)
                            for g in _pobjs(w)[:1] for t in conjuncts(g)]
    return out


def _clauses_after(noun) -> list:
    """The clauses that may tell what happened in the meeting or call, nearest first: a
    relative clause on the noun ("the call in which he asked ..."), the verb the noun sets
    ("Smith told Jones [in a call] that ...", "[During a meeting], Smith assured Jones ...")
    and a "when" clause right after its phrase, which the parser hangs on the main verb
    ("about Smith's July 25 call, when he asked ...")."""
    out = [c for c in noun.children if c.dep_ == "relcl" and c.pos_ in ("VERB", "AUX")][:1]
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.lower_ in _OCCASION_PREPS \
            and noun.head.head.pos_ == "VERB":
        out.append(noun.head.head)
    end = max(t.i for t in noun.subtree) + 1
    doc = noun.doc
    if end < len(doc) and doc[end].text == ",":
        end += 1
    if end < len(doc) and doc[end].lower_ in CLAUSE_PARTNER_MARKS:
        clause = doc[end].head
        if clause.pos_ in ("VERB", "AUX") and clause.dep_ in ("advcl", "relcl") and clause.i > end:
            out.append(clause)
    return out


def _meeting_noun(tok) -> bool:
    """A noun of nouns.tsv of a partner type ("call", "meeting", "talks")."""
    p = patterns.noun_patterns().get(tok.lemma_.lower()) if tok.pos_ == "NOUN" else None
    return p is not None and p.event.lower() in PARTNER_NOUN_TYPES


def _conjunct_partner(noun) -> list[Arg]:
    """"Smith's July 25 call and September 1 meeting with Jones": the partner named after the
    last of two coordinated meeting nouns is the first one's too."""
    for c in noun.children:
        if c.dep_ == "conj" and _meeting_noun(c):
            return [Arg(t, "conj>prep:with>pobj", True) for p in c.children if p.dep_ == "prep" and p.lower_ == "with"
                    for g in _pobjs(p)[:1] for t in conjuncts(g)]
    return []


def _clause_subject(clause) -> list[Arg]:
    return [Arg(t, f"clause:{clause.text}>nsubj", True) for c in clause.children if c.dep_ == "nsubj"
            and c.lower_ not in ("who", "which", "that") for t in conjuncts(c)]


def partner_clause(noun, actors: list[Arg]) -> tuple[object, list[Arg]]:
    """Whom the meeting's or call's clause addresses, when the noun's own phrase names no
    partner: (the first clause after the noun that names one, its object: "when he asked
    Chilean President Jones to ..."), or (None, [])."""
    for clause in _clauses_after(noun):
        found = _addressed(clause, actors)
        if found:
            return clause, found
    return None, []


def _addressed(clause, actors: list[Arg]) -> list[Arg]:
    mine = {a.token.i for a in actors}
    out = []
    for c in clause.children:
        objs = []
        if c.dep_ in ("dobj", "dative", "iobj", "obj") and c.pos_ != "ADP":
            objs = [c]
        elif c.dep_ == "prep" and c.lower_ in ("to", "with"):
            objs = _pobjs(c)[:1]
        for o in objs:
            out += [Arg(t, f"clause:{clause.text}>{c.dep_}", True) for t in conjuncts(o)
                    if t.i not in mine and t.lower_ not in PRONOUNS and (t.pos_ == "PROPN" or t.ent_type_
                                                                        or _nationals(t))]
    return out


def _nationals(noun) -> bool:
    """"Ukrainian officials", "Chinese negotiators": people a nationality places."""
    return noun.pos_ == "NOUN" and any(c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE")
                                       for c in noun.children)


def presses_someone(noun) -> bool:
    """Is a noun of ``pressing_nouns`` a request: does it name whom it presses to act ("the
    push for Chile to open", "pressure on Damascus to allow")?"""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "for" and _pobjs(c) and any(
                x.dep_ in ("acl", "relcl") and x.i > c.i and any(a.lower_ == "to" and a.dep_ == "aux" for a in x.children)
                for x in noun.children):
            return True     # "the push for Chile to open": the parser hangs the clause on the noun
        if c.dep_ == "prep" and c.lower_ == "for":
            # "the push for Chile to open": a clause whose subject is pressed
            for g in c.children:
                if g.dep_ in ("pcomp", "ccomp", "xcomp", "pobj") and any(
                        s.dep_ in ("nsubj", "nsubjpass") for s in g.children) and g.pos_ in ("VERB", "AUX"):
                    return True
                if g.dep_ == "pobj" and any(x.dep_ in ("acl", "relcl") and x.pos_ == "VERB"
                                            and any(a.lower_ == "to" and a.dep_ == "aux" for a in x.children)
                                            for x in g.children):
                    return True     # "for Chile to open": the parser reads "Chile" as the object
        if c.dep_ == "prep" and c.lower_ == "on" and _pobjs(c):
            # "pressure on Damascus to allow aid"
            if any(x.dep_ in ("acl", "relcl", "xcomp") and any(a.lower_ == "to" for a in x.children)
                   for x in list(noun.children) + list(_pobjs(c)[0].children)):
                return True
        if c.dep_ == "prep" and c.lower_ in ("on", "for") and _pobjs(c) and _infinitive_after(noun):
            return True     # "kept up the pressure on Chile to open", "led a push for Chile to open"
    # "put pressure on Chile to open": both hang on the verb
    return noun.dep_ in ("dobj", "obj") and _infinitive_after(noun) and any(
        c.dep_ == "prep" and c.lower_ in ("on", "for") and c.i > noun.i and _pobjs(c) for c in noun.head.children)


def _infinitive_after(noun) -> bool:
    """"put pressure on Chile to open an inquiry": the parser hangs the infinitive of what
    is pressed for on the verb whose object the noun is."""
    verb = noun.head
    return noun.dep_ in ("dobj", "obj") and verb.pos_ in ("VERB", "AUX") and any(
        x.dep_ in ("advcl", "xcomp") and x.i > noun.i and any(a.dep_ == "aux" and a.lower_ == "to" for a in x.children)
        for x in verb.children)
