"""Who the parties of an event are when the actor data does not say it at once.

The events stage (:mod:`dateline.events.stage`) resolves each argument through the actors
stage. What is left is decided here: whether a head word can act at all (``_party_like``),
where news puts the second party when the object is a thing ("offers of talks by the Kabul
government", "a report accusing the army", "offered to send doctors to help the Chilean
government"), how a party that the data cannot place is kept (code ``---``,
:func:`unresolved_party`), and which events are worth keeping (:func:`worth_keeping`:
two parties named, or one for the types that need no other and for the lead's main event).
Word lists are data in ``events/data/``.
"""
from __future__ import annotations

import dataclasses
import functools

from dateline import settings
from dateline.events import patterns
from dateline.events.actor_resolution import (
    GROUP_PRONOUNS, NON_STATE, PERSON_PRONOUNS, RELATIVE, REPORTING, THING_PRONOUNS, ActorResolver, codes,
)
from dateline.events.candidate import GOVERNMENT_PATH, IMPOSER_PATH, TARGET_PATH, UNNAMED_PATHS, Arg, Candidate
from dateline.events.syntax import conjuncts, phrase_span
from dateline.events.words import CONTRAST_MARKS, HOME_FORCE_WORDS, PLACE_PREPS
from dateline.model import UNRESOLVED, ActorRef


#: (reason, sector) of a side the sentence leaves out, by its path (events/implicit.py)
_UNNAMED_REASONS = {
    IMPOSER_PATH: ("unresolved:IMPOSER: the sentence does not name who imposed it", None),
    TARGET_PATH: ("unresolved:TARGET: the sentence does not name whom it is imposed on", None),
    GOVERNMENT_PATH: ("unresolved:IMPLICIT: the government that withdrew it is not named", "GOV"),
}

#: how much an unresolved side lowers an event's confidence
UNRESOLVED_PENALTY = 0.2


def unresolved_party(resolver: ActorResolver, args: list[Arg], how: list[str],
                     every: bool = False) -> list[ActorRef]:
    """The first argument that the actor data cannot place (``every``: each of them, for
    coordinated actors), kept as an explicit unresolved actor (code ``---``) with its words
    and entity type, so that the event is not lost; or ``[]`` when the trigger has no such
    argument. ``how`` gets the reason."""
    out: list[ActorRef] = []
    for a in args:
        tok = a.token
        if a.path in UNNAMED_PATHS:
            # a side the sentence leaves out (events/implicit.py): the scene may name it
            reason, sector = _UNNAMED_REASONS[a.path]
            how.append(f"{a.path}: {reason}")
            out.append(ActorRef(code=UNRESOLVED, sector=sector, entity_text="", how=reason))
            break
        if not _party_like(tok) and not a.path.startswith("implicit:"):
            continue    # ("protests erupted": the implicit participants of the action noun are a party)
        start, end = phrase_span(tok)
        words = resolver.text[start:end].strip()
        if not words:
            continue
        kind = "IMPLICIT" if a.path.startswith("implicit:") else (
            tok.ent_type_ or ("PRONOUN" if tok.pos_ == "PRON" else tok.pos_))
        sector = patterns.people_nouns().get(tok.lemma_.lower()) or None
        reason = (f"unresolved:{kind}: '{words}' is not in the actor data"
                  + (" and no antecedent was found" if tok.pos_ == "PRON" else ""))
        how.append(f"{a.path}: {reason}")
        if any(r.start == start for r in out):
            continue
        out.append(ActorRef(code=UNRESOLVED, sector=sector, entity_text=words, start=start, end=end, how=reason))
        if not every:
            break
    return out


#: how the party inside an object phrase is reached: "offers by X", "support for X's
#: efforts", "an appeal lodged by X", "a request from X" (not "talks with X": the other side
#: of the talks is not the one asked)
_INNER_PREPS = {"by", "from", "of", "for", "against", "on", "to", "toward", "towards"}
_INNER_DEPS = {"prep", "pobj", "poss", "acl", "agent", "nmod", "amod"}


def party_in_object(resolver: ActorResolver, cand: Candidate, actor_tokens: set[int],
                     actors: list[ActorRef], how: list[str]) -> list[ActorRef]:
    """The first party named inside the trigger's object phrases (a placed one first, else a
    named one left unresolved), not the actor itself; or []."""
    mine = {r.start for r in actors}
    unplaced = None
    args = [(a, False) for a in cand.recipients] + [(a, True) for a in _clause_objects(cand)]
    for a, check_self in args:
        if a.token.i in actor_tokens or a.path in UNNAMED_PATHS \
                or any(a.path.endswith(f"prep:{p}>pobj") for p in PLACE_PREPS):
            continue
        if check_self:
            refs, rhow = resolver.phrase(a.token)
            refs = [r for r in refs if r.start not in mine and r.code not in codes(actors)]
            if refs:
                how.append(f"{a.path}: {rhow}")
                return refs
        if _party_like(a.token):
            if check_self and unplaced is None:
                unplaced = (a, a.token)
            unplaced = unplaced or False     # the object is itself a party: it is the recipient
        stack, seen = [(a.token, 0)], 0
        while stack and seen < 40:
            tok, depth = stack.pop(0)
            seen += 1
            for c in tok.children:
                if c.dep_ not in _INNER_DEPS or (c.dep_ == "prep" and c.lower_ not in _INNER_PREPS):
                    continue
                if depth < 4:
                    stack.append((c, depth + 1))
                if c.dep_ in ("prep", "acl", "agent") or c.i in actor_tokens:
                    continue
                if c.dep_ == "poss" and c.lower_ in _OWNER_PRONOUNS:
                    refs, rhow = _reporter(resolver, cand)
                    refs = [r for r in refs if r.code not in codes(actors)]
                    if refs:
                        how.append(f"{a.path}>'{c.text}' = the one who reports it: {rhow}")
                        return refs
                    continue
                refs, rhow = resolver.phrase(c)
                refs = [r for r in refs if r.start not in mine and r.code not in codes(actors)]
                if refs:
                    how.append(f"{a.path}>inside '{c.text}': {rhow}")
                    return refs
                if unplaced is None and _party_like(c) and c.pos_ in ("PROPN", "NOUN"):
                    unplaced = (a, c)
    if unplaced:
        a, c = unplaced
        return unresolved_party(resolver, [Arg(token=c, path=f"{a.path}>inside")], how)
    return []


def _clause_objects(cand: Candidate) -> list[Arg]:
    """Objects of the infinitive the trigger governs ("offered to send troops to help the
    Philippine army", "agreed to lift sanctions on Iran"), two clauses deep at most: who the
    promise, refusal or call is about."""
    top = cand.light if cand.kind == "light" and cand.light is not None else cand.trigger
    out: list[Arg] = []
    clauses = [(c, f"clause:{c.lemma_}") for c in top.children if c.dep_ in ("xcomp", "advcl")
               and c.pos_ in ("VERB", "AUX") and any(x.dep_ == "aux" and x.lower_ == "to" for x in c.children)]
    for _ in range(2):
        deeper = []
        for verb, path in clauses:
            for c in verb.children:
                if c.dep_ in ("dobj", "dative"):
                    out.append(Arg(token=c, path=f"{path}>{c.dep_}", inferred=True))
                elif c.dep_ == "prep" and c.lower_ in _INNER_PREPS:
                    out += [Arg(token=g, path=f"{path}>prep:{c.lower_}>pobj", inferred=True)
                            for g in c.children if g.dep_ == "pobj"]
                elif c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB":
                    deeper.append((c, f"{path}>clause:{c.lemma_}"))
        clauses = deeper
    return out


@functools.lru_cache(maxsize=1)
def document_nouns() -> frozenset[str]:
    """data/document_nouns.tsv: documents whose issuer is the doer of what they say."""
    return frozenset(cols[0].lower() for _, cols in patterns._rows("document_nouns.tsv"))


def issuer(arg: Arg) -> list[Arg]:
    """"Amnesty put out a report accusing the army": the actor of "accusing" is not the
    report but Amnesty, who put it out. Other arguments are returned as they are."""
    tok = arg.token
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in document_nouns() or tok.head is tok:
        return [arg]
    verb = tok.head
    if tok.dep_ in ("dobj", "obj"):
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
    elif tok.dep_ == "nsubjpass":
        subj = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    else:
        return [arg]
    if not subj:
        return [arg]
    return [Arg(token=t, path=f"{arg.path}>issuer:{verb.lemma_}", inferred=True) for t in conjuncts(subj[0])]


#: predicates that make their subject the doer of the act they govern ("the cartel was
#: responsible for the killings", "both sides are guilty of violating the ceasefire")
_DOER_PREDICATES = {"responsible", "guilty", "behind", "accountable", "culpable"}


def subject_of_predicate(cand: Candidate) -> list[Arg]:
    """The subject of "X is responsible for / guilty of <the trigger>", with its conjuncts."""
    cur = cand.trigger
    for _ in range(4):
        if cur.head is cur or cur.dep_ not in ("pobj", "pcomp", "prep", "acomp"):
            return []
        cur = cur.head
        if cur.dep_ == "acomp" and cur.lower_ in _DOER_PREDICATES:
            subj = [c for c in cur.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                return [Arg(token=t, path=f"predicate:{cur.lower_}<nsubj", inferred=True)
                        for t in conjuncts(subj[0])]
            return []
    return []


def placed_by(refs: list[ActorRef], country: str, notes: list[str]) -> list[ActorRef]:
    """``refs`` with those placed only by the article's country moved to ``country`` (copies:
    the actors stage's mentions are shared by every event of the sentence)."""
    out = []
    for ref in refs:
        if ref.how == "context" and ref.code != country:
            notes.append(f"'{ref.entity_text}': {country} from the event's place, not {ref.code} from the article")
            ref = dataclasses.replace(ref, code=country, name=None, how="context: the event's place")
        out.append(ref)
    return out


def own_people(refs: list[ActorRef], actors: list[ActorRef]) -> bool:
    """Recipients placed only by the article's country, in the actor's own country."""
    return all(r.how in ("context",) or r.how.startswith("implicit") for r in refs) \
        and codes(refs) <= codes(actors)


def by_receiving(args: list[Arg]) -> list[Arg]:
    """Recipient arguments, the one who receives first: "contribute troops to a force" ->
    the force before the troops (an unnamed group as direct object is what is given)."""
    def given(a: Arg) -> bool:
        lemma = a.token.lemma_.lower()
        return a.path in ("dobj", "obj") and a.token.pos_ == "NOUN" and (
            lemma in patterns.people_nouns() or role_word(lemma))
    receiving = [a for a in args if a.path.endswith(("prep:to>pobj", "dative"))]
    if receiving and any(given(a) for a in args):
        return receiving + [a for a in args if a not in receiving]
    return args


#: possessives that, inside a reported clause, point at the reporter ("Armenia said
#: Azerbaijani forces had shelled its positions")
_OWNER_PRONOUNS = {"its", "their", "our"}


def _reporter(resolver: ActorResolver, cand: Candidate) -> tuple[list[ActorRef], str]:
    """The subject of the reporting verb above the trigger's clause, resolved; or []."""
    cur = cand.light if cand.kind == "light" and cand.light is not None else cand.trigger
    for _ in range(3):
        if cur.dep_ not in ("ccomp", "conj") or cur.head is cur:
            return [], ""
        cur = cur.head
        if cur.lemma_.lower() in REPORTING | {"deny", "claim", "insist", "accuse", "allege"}:
            subj = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")]
            return resolver.phrase(subj[0]) if subj else ([], "")
    return [], ""


def _party_like(tok) -> bool:
    """Can this head word be someone who acts: a name, a person or group pronoun, a title
    or role noun of the actor data ("lawmakers", "militants"), or an unnamed-people noun?
    "tensions", "the proposal" or "training" cannot."""
    word = tok.lower_
    if word in RELATIVE or word in THING_PRONOUNS:
        return False
    if tok.pos_ == "PRON":
        return word in GROUP_PRONOUNS or word in PERSON_PRONOUNS
    if tok.ent_type_ in _PARTY_ENTS:
        return True
    if tok.pos_ == "PROPN":
        return not tok.ent_type_ or tok.ent_type_ not in _NOT_PARTY_ENTS
    lemma = tok.lemma_.lower()
    if lemma in not_party_nouns():
        return False
    if word.endswith("ing") and tok.pos_ != "PROPN":
        return role_word(word)    # "spying" is an act, not a "spy"
    if any(c.dep_ == "compound" and (c.pos_ == "PROPN" or c.ent_type_ in _PARTY_ENTS) for c in tok.children) \
            and tok.ent_type_ in ("", "ORG", "NORP"):
        return True          # "the Velmora council": a name
    return lemma in patterns.people_nouns() or role_word(lemma) or role_word(word)


@functools.lru_cache(maxsize=1)
def not_party_nouns() -> frozenset[str]:
    """data/not_party_nouns.tsv: sector words that are things when nothing places them."""
    return frozenset(cols[0].lower() for _, cols in patterns._rows("not_party_nouns.tsv"))


def _roles(phrase: str):
    """The roles.tsv entries (Role) of a lower-case title or role phrase."""
    from dateline.actors.knowledge import fold, knowledge

    return [e.role for e in knowledge().lexicon.get(tuple(fold(w) for w in phrase.split()), ())
            if e.role is not None]


def role_sectors(word: str) -> set[str]:
    """The sectors roles.tsv gives a one-word role noun (its singular too): "company" -> BUS."""
    return {r.sector for r in _roles(word) or _roles(word.rstrip("s")) if r.sector}


def role_word(word: str) -> bool:
    """Is ``word`` a one-word title or role noun of the actors data (roles.tsv)?"""
    return any(r.kind in ("person", "group") for r in _roles(word))


_PARTY_ENTS = {"PERSON", "ORG", "NORP", "GPE"}
#: codes that are not countries: never one of "the two sides"
#: names that are never someone who acts ("into the Yellow Sea", "the Patriot system")
_NOT_PARTY_ENTS = {"LOC", "FAC", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL",
                   "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}


#: sectors of role nouns that belong to the country of the other party when nothing else
#: places them: a court judges, and an opposition opposes, its own country's people
DOMESTIC_SECTORS = {"JUD", "OPP"}


def domestic_role_country(side: list[ActorRef], other: list[ActorRef], resolver: ActorResolver,
                          how: list[str]) -> list[ActorRef]:
    """``side`` placed by the other party ("a judge ordered Castillo held" -> Peru's judge,
    "a truce with the opposition" asked by Boluarte -> Peru's opposition): only for an
    unplaced court or opposition role noun facing one placed country; else ``side``."""
    if not side or not all_unresolved(side) or len(side) != 1 or side[0].start is None:
        return side
    countries = {r.code for r in other if r.code and len(r.code) == 3 and r.code not in NON_STATE}
    if len(countries) != 1 or any(r.code == UNRESOLVED for r in other):
        return side
    words = [w.lower() for w in resolver.text[side[0].start:side[0].end].split()]
    # "the opposition leader", then "leader"; a plural through its singular
    roles = next((r for n in (2, 1) if len(words) >= n for phrase in (" ".join(words[-n:]),)
                  for r in (_roles(phrase) or _roles(phrase.rstrip("s")),) if r), [])
    sector = roles[0].sector if roles else None
    if sector not in DOMESTIC_SECTORS:
        return side
    (country,) = countries
    how.append(f"'{side[0].entity_text}' ({sector}) placed by the other party's country {country} "
               "(the nearest resolved actor)")
    return [dataclasses.replace(side[0], code=country, sector=sector,
                                how=f"nearest actor: {sector} of the other party's country")]


#: sectors of role nouns that repress at home (and home_force_words: "the presidential
#: guard"): police placed only by the article's context country who arrest or beat a placed
#: person are that person's country's police
HOME_FORCE_SECTORS = {"COP"}
#: material acts a home force does to its own country's people
HOME_FORCE_TYPES = {"COERCE", "ASSAULT"}


def _context_guess(ref: ActorRef) -> bool:
    """Was the side placed only by the article's own country (a guess, not a name)?"""
    return ref.how == "context" or (ref.how or "").startswith("implicit: the article's country")


def home_force_country(event_type: str, side: list[ActorRef], other: list[ActorRef],
                       how: list[str]) -> list[ActorRef]:
    """"Police detained opposition leader Ousmane Sonko of Senegal" in an article about France:
    police that only the article's context placed, arresting or beating people of one named
    country, are that country's (GUIDE: unnamed actors are of the country where it happened)."""
    if event_type not in HOME_FORCE_TYPES or not side or not all(_context_guess(r) and (
            (r.sector or "") in HOME_FORCE_SECTORS or (r.entity_text or " ").split()[-1].lower() in HOME_FORCE_WORDS)
            for r in side):
        return side
    countries = {r.code for r in other if r.code and len(r.code) == 3 and r.code not in NON_STATE
                 and not _context_guess(r) and not (r.how or "").startswith("scene:")}
    if len(countries) != 1 or countries == {r.code for r in side}:
        return side
    (country,) = countries
    how.append(f"'{side[0].entity_text}' ({side[0].sector}) placed by the country of the people it acts on ({country}), "
               "not the article's context country")
    return [dataclasses.replace(r, code=country, how=f"home force: {r.sector} of the country of the people it acts on")
            for r in side]


def all_unresolved(refs: list[ActorRef]) -> bool:
    return not refs or all(r.code == UNRESOLVED for r in refs)


def worth_keeping(actors: list[ActorRef], recipients: list[ActorRef], cand: Candidate,
                  one_party: bool = False) -> bool:
    """An event needs a party: at least one side placed, or both sides named in the text."""
    if not all_unresolved(actors) and not all_unresolved(recipients):
        return True
    named = bool(actors) and bool(recipients)      # both sides are parties in the text
    if named and not (all_unresolved(actors) and all_unresolved(recipients) and cand.kind == "noun"):
        return True
    # one side is not named ("agreed to share information", "were expelled"): not a dyad.
    # Kept only for the main verb of a passive sentence whose patient is placed ("two
    # inspectors were expelled from North Korea": the doer is unknown, not absent)
    passive = cand.kind == "verb" and any(c.dep_ in ("nsubjpass", "auxpass") for c in cand.trigger.children)
    patients = [phrase_span(a.token) for a in cand.recipients if a.path == "nsubjpass"]
    if passive and not actors and not all_unresolved(recipients) and _main_clause(cand) \
            and any(s <= (r.start or -1) < e for s, e in patients for r in recipients):
        return True
    # one party named: kept for the main verb of the sentence when ``one_party`` (a lead
    # sentence with no dyad) or settings.ONE_SIDED_EVENTS == "all" (GDELT-style)
    one_sided = settings.ONE_SIDED_EVENTS == "all" or one_party or (cand.event in ONE_PARTY_TYPES and not all_unresolved(actors))
    if any(a.path == IMPOSER_PATH for a in cand.actors):
        # a dated measure on a placed target, or a measure in the passive whose target the
        # article may name (the scene places both, or caps the event)
        return not all_unresolved(recipients) or (cand.kind != "noun" and any(
            r.how.startswith("unresolved:TARGET") for r in recipients))
    if any(a.path == GOVERNMENT_PATH for a in cand.actors):
        return True      # "the bill was withdrawn": the government of the place retreats
    if cand.kind == "noun" and any(a.path.startswith("implicit:") for a in cand.actors):
        # "protests erupted in Tehran": a mass action told as happening is news wherever it
        # stands, when it is what the main clause says
        return _argument_of_main_clause(cand)
    if one_party and cand.kind == "noun":
        # the lead's event told as a noun ("A Saudi-led strike on a school bus killed 40",
        # "the prisoner died after torture"): the noun must be an argument of the main clause
        # and one of its sides named
        return _argument_of_main_clause(cand) and any(r.code != UNRESOLVED or r.entity_text
                                                      for r in actors + recipients)
    return (one_sided and cand.kind != "noun" and _main_clause(cand)
            and any(r.code != UNRESOLVED or r.entity_text for r in actors + recipients))


def _argument_of_main_clause(cand: Candidate) -> bool:
    """Is a trigger noun the subject or object of the sentence's main verb, directly or
    through prepositions ("died after torture", "announced a suspension of flights")?"""
    tok = cand.trigger
    for _ in range(4):
        if tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "obj", "attr", "pobj", "prep", "pcomp", "conj") \
                or tok.head is tok:
            return False
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return _main_verb(tok)
    return False


#: types whose act needs no other party (PLOVER: a resignation, a release, a withdrawal):
#: a placed actor doing one in the main clause is an event even with nobody on the other side
ONE_PARTY_TYPES = {"RETREAT", "CONCEDE"}
#: types kept with one party named outside the lead too (policy "lead"): on the real-news dev
#: pages 9 of 10 such accusations and protests were right, against 3 of 9 refusals and 2 of
#: 5 requests (EVALUATION.md)
ONE_PARTY_ANYWHERE = {"ACCUSE", "PROTEST"}


def _main_clause(cand: Candidate) -> bool:
    """Is the candidate the sentence's main event (:func:`_main_verb`)?"""
    return _main_verb(cand.light if cand.kind == "light" and cand.light is not None else cand.trigger)


def _main_verb(tok) -> bool:
    """Is ``tok`` the sentence's main verb: its root, a verb coordinated with it, or what a
    reporting root verb says ("officials said X attacked Y")?"""
    for _ in range(3):
        if tok.dep_ == "ROOT":
            return True
        if tok.dep_ == "conj":
            tok = tok.head
            continue
        if tok.dep_ == "xcomp" and tok.head.dep_ == "acomp":
            tok = tok.head.head     # "is reluctant to commit": one predicate
            continue
        if tok.dep_ == "xcomp" or (tok.dep_ == "ccomp" and tok.head.lemma_.lower() in REPORTING | {"be"}) \
                or _contrast_clause(tok):
            tok = tok.head      # "decided to ease the curfew", "officials said X attacked Y"
            continue
        return False
    return False


def _contrast_clause(tok) -> bool:
    """A clause set against the main one after it ("China said..., while the city's police
    deny the accusations"): a statement of its own, with its own subject; not a time
    ("while visiting Paris") nor a concession put first ("While X cancelled..., he...")."""
    return tok.dep_ == "advcl" and tok.tag_ != "VBG" and tok.i > tok.head.i \
        and any(c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS for c in tok.children) \
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
