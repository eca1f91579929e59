"""Argument finding: the heads of a trigger's actor and recipient phrases, each with the
dependency path that found it (explain shows the path).

:func:`subject_of` (inherited through conj, xcomp, relcl... when the verb has none),
:func:`objects_of` (objects and prepositional objects, in order of preference),
:func:`noun_args` (a trigger noun's "by"/"from" actor and "with"/"against" recipient),
:func:`owned_by_trigger` (a clause that a trigger above it owns is not an event of its own).
"""
from __future__ import annotations

import calendar

from dateline.events import nominal
from dateline.events.candidate import Arg
from dateline.events.patterns import plover_types, verb_patterns
from dateline.events.syntax import (conjuncts, has_for_mark, is_purpose_clause, is_purpose_clause_like, message_clause_noun,
                                    told_clause_head)
from dateline.events.triggers import match_noun
from dateline.events.words import (
    AUDIENCE_PREPS, PARTNER_NOUN_TYPES,
    CAUSATIVE_LEMMAS, CONVEYANCE_LEMMAS, FUTURE_AUX, HYPOTHETICAL_AUX, INTRANSITIVE_LEMMAS, NOUN_ACTOR_PREPS,
    NOUN_ACTOR_TARGET_PREPS, OBLIGATION_AUX, PLACE_PREPS, PRONOUNS, PURPOSE_LEMMAS, RECIPIENT_PREPS, REPORTING_LEMMAS,
    SUBJECT_CONTROL_LEMMAS,
)


#: dependency labels of clauses that a trigger above them "owns": "agreed to meet" is one
#: AGREE event, "pressed China to release X" one REQUEST, not a RETREAT as well.
OWNED_CLAUSES = {"xcomp", "ccomp", "pcomp"}


_TIME_ENTS = {"DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"}


def _past_dateline(subj):
    """"Indianapolis – Several thousand teachers surrounded ...": the parser makes the dateline
    the subject and the real one its apposition; the apposition acts."""
    nxt = subj.doc[subj.i + 1] if subj.i + 1 < len(subj.doc) else None
    if subj.i == subj.sent.start and nxt is not None and nxt.text in ("\u2013", "\u2014", "--"):
        appos = [c for c in subj.children if c.dep_ == "appos" and c.i > nxt.i]
        if appos:
            return appos[0]
    return subj


#: auxiliaries that take a bare verb, and so a bare verb coordinated after them ("will meet and sign")
BASE_FORM_AUX = {"will", "would", "can", "could", "may", "might", "must", "should", "shall", "to", "do",
                 "does", "did", "'ll", "wo", "ca"}
PLURAL_PRONOUNS = {"we", "they", "you", "i"}
SINGULAR_PRONOUNS = {"he", "she", "it"}


def _agrees(verb, subjects: list[Arg]) -> bool | None:
    """Does a present-tense verb agree in number with these subjects ("they demand", "China
    demands")? None when the forms cannot tell (past tense, modals, names of groups)."""
    tag = verb.tag_
    if tag == "VB" and verb.dep_ == "conj" and not any(c.dep_ == "aux" for c in verb.children) and not any(
            c.dep_ == "aux" and c.lower_ in BASE_FORM_AUX for c in verb.head.children):
        tag = "VBP"      # "has cheated them and demand": no auxiliary before it takes a bare verb
    if tag not in ("VBP", "VBZ") or not subjects:
        return None
    if len(subjects) > 1:
        plural = True
    else:
        tok = subjects[0].token
        word = tok.lower_
        if word in PLURAL_PRONOUNS or tok.tag_ in ("NNS", "NNPS"):
            plural = True
        elif word in SINGULAR_PRONOUNS or (tok.tag_ == "NNP" and tok.ent_type_ in ("GPE", "PERSON")):
            plural = False
        else:
            return None
    return plural == (tag == "VBP")


def subject_of(verb, depth: int = 0) -> list[Arg]:
    """Actor heads for a verb: its own subject or agent, else one inherited from the clause
    it hangs from (conj, xcomp, relcl, acl, pcomp, advcl)."""
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "csubj", "expl")]
    if len(subj) > 1:
        # two subjects is a misparse, usually an agency dateline ("SEOUL, March 5 (Yonhap) --
        # North Korea threatened"): the one nearest before the verb is the real one
        before = [c for c in subj if c.i < verb.i]
        subj = [max(before, key=lambda c: c.i)] if before else subj
    if subj and subj[0].dep_ != "expl":
        return [Arg(t, "nsubj") for t in conjuncts(_past_dateline(subj[0]))]
    for c in verb.children:
        if c.dep_ == "agent":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                return [Arg(t, "agent>pobj") for t in conjuncts(objs[0])]
    if depth > 4 or verb.head is verb:
        return []
    head = verb.head
    dep = verb.dep_
    if dep == "conj" and head.pos_ in ("VERB", "AUX"):
        got = subject_of(head, depth + 1)
        if got and head.dep_ == "ccomp" and head.head.pos_ in ("VERB", "AUX") and (all(
                a.token.pos_ == "NOUN" and match_noun(a.token) is not None for a in got)
                or _agrees(verb, got) is False):
            # "the ministry said the aid would not change X and accused Washington": a thing
            # ("the aid") does not accuse; "farmers say Indonesia has cheated them and demand
            # sanctions": "demand" does not agree with "Indonesia". The verb goes with the
            # speaker (a misparse)
            speaker = subject_of(head.head, depth + 1)
            if speaker and _agrees(verb, speaker) is not False:
                return [Arg(a.token, "conj>ccomp<" + a.path, True) for a in speaker]
        return [Arg(a.token, "conj>" + a.path, True) for a in got]
    if dep == "advcl" and any(c.dep_ == "nsubjpass" for c in verb.children):
        return []   # "although the bill was withdrawn, protests continued": not the protests' act
    if dep in ("xcomp", "ccomp", "advcl") and head.pos_ in ("VERB", "AUX", "ADJ"):
        if dep == "xcomp":
            # object control: "pressed China to release", "prompting Moscow to recall"
            objs = [c for c in head.children if c.dep_ in ("dobj", "obj")]
            if objs and head.lemma_.lower() not in SUBJECT_CONTROL_LEMMAS:
                return [Arg(t, "xcomp<dobj", True) for t in conjuncts(objs[0])]
        if dep == "ccomp" and head.lemma_.lower() in CAUSATIVE_LEMMAS:
            # "Ethiopia let free 74 prisoners": the causer does the act
            return [Arg(a.token, "ccomp<" + a.path, True) for a in subject_of(head, depth + 1)]
        if dep == "ccomp":
            return []
        if dep == "xcomp":
            raised = [c for c in head.children if c.dep_ == "nsubjpass"]
            if raised and not any(c.dep_ == "nsubj" for c in head.children):
                # "Zelensky is expected to travel": the raised subject acts
                return [Arg(t, "xcomp<nsubjpass", True) for t in conjuncts(raised[0])]
        return [Arg(a.token, f"{dep}<" + a.path, True) for a in subject_of(head, depth + 1)]
    if dep == "acomp" or (head.pos_ == "ADJ" and dep == "xcomp"):
        return [Arg(a.token, "acomp<" + a.path, True) for a in subject_of(head, depth + 1)]
    if dep == "acl" and head.pos_ == "NOUN" and is_purpose_clause_like(verb):
        # "the EU made the decision to ban ...", "Iran's attempt to block ...": the one who
        # decided or tried is the actor
        poss = [c for c in head.children if c.dep_ == "poss"]
        if poss:
            return [Arg(t, "acl<poss", True) for t in conjuncts(poss[0])]
        if head.dep_ in ("dobj", "attr", "pobj") and head.head.pos_ in ("VERB", "AUX", "ADP"):
            gov = head.head if head.head.pos_ != "ADP" else head.head.head
            got = subject_of(gov, depth + 1)
            if got:
                return [Arg(a.token, "acl<dobj<" + a.path, True) for a in got]
    if dep in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN", "PRON") and not passive_participle(verb):
        return [Arg(_past_dateline(head), f"{dep}<head", True)]
    if dep == "advcl" and head.pos_ in ("NOUN", "PROPN") and head.dep_ == "ROOT":
        return [Arg(a, "headline<head", True) for a in conjuncts(head)]   # "Blinken To Meet Wang"
    if dep == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return [Arg(a.token, "pcomp<" + a.path, True) for a in subject_of(head.head, depth + 1)]
    return []


def prep_objects(token, preps=RECIPIENT_PREPS, exclude=()) -> list[Arg]:
    """Objects of the token's prepositions, in the order of ``preps``."""
    found = []
    for c in token.children:
        if c.dep_ in ("prep", "dative", "agent") and c.lower_ in preps and c.lower_ not in exclude:
            objs = [g for g in c.children if g.dep_ == "pobj" and (
                g.ent_type_ not in _TIME_ENTS or any(x.lower_ == "of" for x in g.children))]
            if objs:
                found.append((preps.index(c.lower_), c.lower_, objs[0]))
            # "called for Taiwan to be allowed": the clause's subject is the object
            for g in c.children:
                if g.dep_ in ("pcomp", "ccomp", "xcomp"):
                    subj = [s for s in g.children if s.dep_ in ("nsubj", "nsubjpass")]
                    if subj:
                        found.append((preps.index(c.lower_), c.lower_ + ">clause", subj[0]))
    found.sort(key=lambda x: x[0])
    out = []
    for _, prep, obj in found:
        out.extend(Arg(t, f"prep:{prep}>pobj") for t in conjuncts(obj))
    return out


def _threat_content(clause) -> bool:
    """Is what was warned of a threat to the clause's subject: something that would or will
    happen ("warned that Iran would pay a price") or a hostile act ("warned that troops are
    massing")? A present state of affairs is not."""
    if any(c.dep_ == "aux" and c.lower_.replace("\u2019", "'") in FUTURE_AUX | HYPOTHETICAL_AUX | OBLIGATION_AUX
           for c in clause.children):
        return True
    pats = verb_patterns().get(clause.lemma_.lower()) or []
    types = plover_types()
    return any(types.get(p.event) is not None and types[p.event].quad_code == 4 for p in pats)


def objects_of(verb, pattern) -> list[Arg]:
    """Recipient heads for a verb: direct/indirect object, passive subject, then objects of
    prepositions (the pattern's own particle first), then the subject of a clausal
    complement ("called for Taiwan to be allowed", "urged China to stop")."""
    out: list[Arg] = []
    conveyed = verb.lemma_.lower() in CONVEYANCE_LEMMAS
    for c in verb.children:
        if c.dep_ in ("dobj", "obj") and conveyed:
            continue     # "sent troops to Kosovo": the troops are what is sent, not the recipient
        if c.dep_ in ("dobj", "dative", "obj", "iobj") and c.pos_ != "ADP":
            out.extend(Arg(t, c.dep_) for t in conjuncts(c))
        elif c.dep_ == "nsubjpass":
            out.extend(Arg(t, "nsubjpass") for t in conjuncts(c))
    preferred = tuple(p for p in pattern.particles if p in RECIPIENT_PREPS)
    # "testified before the committee": the body a witness speaks to, before any other object
    # ("testified side by side before ...")
    heard = prep_objects(verb, tuple(p for p in pattern.particles if p in AUDIENCE_PREPS))
    out[:0] = heard
    out.extend(prep_objects(verb, preferred + tuple(p for p in RECIPIENT_PREPS if p not in preferred)))
    if pattern.event.lower() in PARTNER_NOUN_TYPES and not any(a.path.startswith("prep:with") for a in out):
        # "met in the Oval Office with Chile's foreign minister": the partner hung on the place
        out[:0] = nominal.partner_after_place(verb)
    # "imposed sanctions on Iran": the object's own target
    for c in verb.children:
        if c.dep_ in ("dobj", "obj"):
            out.extend(Arg(a.token, f"dobj>{a.path}") for a in prep_objects(c, ("on", "against", "to", "with")))
    # "rejected offers of dialogue from Washington", "hosted talks between the two sides":
    # whose offer, whose talks (after every other path)
    for c in verb.children:
        if c.dep_ in ("dobj", "obj"):
            out.extend(Arg(a.token, f"dobj>{a.path}") for a in prep_objects(c, ("between", "from")))
    # "walked out of talks with the EU": the partner of what the verb leaves (a particle
    # "out" with no object of its own, then "of")
    for c in verb.children:
        if c.dep_ == "prep" and not any(g.dep_ == "pobj" for g in c.children):
            out.extend(Arg(a.token, f"prep:{c.lower_}>{p.lower_}>pobj>{a.path}") for p in c.children
                       if p.dep_ == "prep" and p.lower_ in ("of", "from") for g in p.children if g.dep_ == "pobj"
                       for a in prep_objects(g, ("with", "between")))
    for c in verb.children:
        if c.dep_ == "ccomp" and pattern.event == "THREATEN" and not _threat_content(c):
            continue    # "X is a day when we are not focused, he warned": a statement, aimed at no one
        if c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "advcl" and has_for_mark(c)):
            subj = [s for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                out.extend(Arg(t, f"{c.dep_}>nsubj") for t in conjuncts(subj[0]))
    # "X met and thanked Y", "shelled and bombed the town": a verb with no object of its own
    # shares the object of the verb coordinated after it (when that verb has no subject of
    # its own, so both are one actor's acts)
    if not out and verb.lemma_.lower() not in INTRANSITIVE_LEMMAS and not conveyed:
        for c in verb.children:
            if c.dep_ == "conj" and c.pos_ in ("VERB",) and c.i > verb.i and not any(
                    g.dep_ in ("nsubj", "nsubjpass") for g in c.children) and all(
                    g.dep_ in ("cc", "punct", "conj") or g.i < verb.i or g.i > c.i or g is c
                    for g in verb.children):
                for g in c.children:
                    if g.dep_ in ("dobj", "obj") and g.pos_ != "ADP":
                        out.extend(Arg(t, f"conj:{c.text}>dobj", True) for t in conjuncts(g))
                break
    # "protesters killed by security forces": a passive participle's noun is its patient
    if passive_participle(verb) and not any(a.path in ("dobj", "obj") for a in out):
        out.insert(0, Arg(verb.head, "acl<head", True))
    # passive with an agent: the passive subject is the recipient, handled above
    return out


def passive_participle(verb) -> bool:
    """"the militants freed by the government", "sanctions imposed on Iran": a past participle
    describing a noun, whose noun is what was done, not who did it."""
    if verb.dep_ != "acl" or verb.tag_ != "VBN" or verb.head.pos_ not in ("NOUN", "PROPN") \
            or verb.head.dep_ == "ROOT":     # "Palestinian youths resorted to ...": the main verb, misparsed
        return False
    kids = {c.dep_ for c in verb.children}
    # "groups donated and delivered goods": a finite verb the parser hung on its subject
    return "agent" in kids or not kids & {"dobj", "obj", "conj"}


#: month names and their usual abbreviations ("Smith's [July 25] call", which the small
#: model may tag as part of a name)
_MONTHS = {m.lower() for m in calendar.month_name[1:]} | {m.lower() for m in calendar.month_abbr[1:]} \
    | {m.lower() + "." for m in calendar.month_abbr[1:]} | {"sept", "sept."}


def _month_name(token) -> bool:
    """A month name ("May" only with its day: "the May 3 call", not "the May government")."""
    if token.lower_ == "may":
        return any(c.dep_ == "nummod" for c in token.children)
    return token.lower_ in _MONTHS


def noun_args(noun) -> tuple[list[Arg], list[Arg]]:
    """Actor and recipient heads found inside a trigger noun's own phrase."""
    actors, recipients = [], []
    for c in noun.children:
        if c.dep_ == "poss":
            actors.extend(Arg(t, "poss") for t in conjuncts(c))
        elif c.dep_ in ("compound", "amod", "nmod") and (c.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")
                                                          or c.pos_ == "PROPN") \
                and c.ent_type_ not in ("DATE", "TIME") and not _month_name(c):   # "an October news conference"
            actors.append(Arg(c, c.dep_))
        elif c.dep_ == "prep" and c.lower_ == "between":
            # "between X and Y"; the parser may hang Y as a second object, and X off a common
            # noun ("between Trump and Chinese vice-premier Liu He": vice <- Trump, He)
            for obj in [g for g in c.children if g.dep_ == "pobj"]:
                named = [n for n in obj.children if n.dep_ in ("nmod", "compound") and n.i < obj.i
                         and n.ent_type_ in ("PERSON", "GPE", "ORG", "NORP")] if obj.pos_ == "NOUN" else []
                for t in (named or conjuncts(obj)):
                    actors.append(Arg(t, "prep:between>pobj"))
        elif c.dep_ == "prep" and c.lower_ in NOUN_ACTOR_PREPS:
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                actors.extend(Arg(t, f"prep:{c.lower_}>pobj") for t in conjuncts(objs[0]))
                # "a visit by the president to Algeria", "an attack by rebels on the base": the
                # parser hangs the target off the actor; it is still the noun's recipient
                recipients.extend(Arg(a.token, f"prep:{c.lower_}>pobj>{a.path}", True)
                                  for a in prep_objects(objs[0], NOUN_ACTOR_TARGET_PREPS))
    recipients[:0] = [a for a in prep_objects(noun, ("with", "against", "on", "to", "into", "of", "over", "for")
                                               + PLACE_PREPS)
                      if a.token.ent_type_ not in ("DATE", "TIME")]
    pattern = match_noun(noun)
    return nominal.refine(noun, pattern.event if pattern is not None else None, actors, recipients)


def relcl_participants(noun) -> list[Arg]:
    """Participants of a meeting named by a clause on the noun: "a session during which
    the Chinese delegation berated the American side" -> delegation, side."""
    out = []
    for c in noun.children:
        if c.dep_ == "relcl" and c.pos_ in ("VERB", "AUX"):
            for g in c.children:
                if g.dep_ in ("nsubj", "dobj") and g.lower_ not in PRONOUNS:
                    out.extend(Arg(t, f"relcl>{g.dep_}", True) for t in conjuncts(g))
    return out


PURPOSE_TYPES = {"CONSULT", "AID", "ACCUSE"}


def owned_by_trigger(token, triggers: dict) -> bool:
    """True when a trigger verb above this token owns its clause (see OWNED_CLAUSES):
    climbing through clausal complements, purpose clauses and prepositions, the first
    trigger met owns it. A meeting does not own its purpose ("called X to congratulate")."""
    cur = token
    for _ in range(8):
        if cur.head is cur:
            return False
        dep, head = cur.dep_, cur.head
        owned_dep = (dep in OWNED_CLAUSES or dep in ("prep", "pobj")
                     or (dep == "advcl" and (has_for_mark(cur) or is_purpose_clause(cur)))
                     or (dep == "acl" and head.pos_ == "NOUN"))
        if cur is token and passive_participle(cur) and any(c.dep_ == "agent" for c in cur.children):
            return False    # "militants freed by the government": an act with its own doer
        if owned_dep:
            if head.i in triggers:
                inner = triggers.get(token.i) if cur is token else None
                if is_purpose_clause(cur) and not has_for_mark(cur) and inner != "CONSULT" and (
                        triggers[head.i] == "CONSULT" or (head.lemma_.lower() in PURPOSE_LEMMAS
                                                          and triggers[head.i] in PURPOSE_TYPES)):
                    return False
                return True
            cur = head
            continue
        if dep == "conj" and head.i not in triggers:
            cur = head
            continue
        return False
    return False


def reporter_of(clause) -> list[Arg]:
    """The speaker of a clause that a reporting verb governs ("X said (that) ..."), or of a
    message's "that" clause (its sender: "X issued a reminder to Iraq that it must ..."), or []."""
    head = told_clause_head(clause)
    if head is not None and head.lemma_.lower() in REPORTING_LEMMAS:
        return [Arg(a.token, "reported-by>" + a.path, True) for a in subject_of(head)]
    noun = message_clause_noun(clause)
    if noun is None:
        return []
    owner = [c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"]
    if owner:
        return [Arg(owner[0], f"message-of>{noun.text}>poss", True)]
    if noun.dep_ in ("dobj", "obj") and noun.head.pos_ == "VERB":
        return [Arg(a.token, f"message-sent>{noun.text}>" + a.path, True) for a in subject_of(noun.head)]
    return []
