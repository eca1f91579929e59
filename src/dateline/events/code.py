"""Event triggers and their arguments, read off the dependency parse with the patterns in
``events/data`` (verbs.tsv, nouns.tsv).

The coder works per sentence and yields :class:`Candidate` objects: a trigger token (a verb
such as "berated", or a trigger noun such as "talks" or "session"), the PLOVER type its
pattern gives, and the tokens heading its actor and recipient phrases, each with the
dependency path that found it. Turning argument tokens into actor codes (actors stage),
dating (time stage) and status are done by the caller (``events.stage``); the evaluation on
marked sentences (``evaluation.plover``) uses the same candidates.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from dateline.events import patterns

#: dependency labels of clauses that a trigger above them "owns": "agreed to meet" is one
#: AGREE event, "pressed China to release X" one REQUEST, not a RETREAT as well.
OWNED_CLAUSES = {"xcomp", "ccomp", "pcomp"}
#: prepositions whose object can be the recipient, in order of preference.
RECIPIENT_PREPS = ("with", "against", "to", "on", "into", "upon", "at", "toward", "towards",
                   "for", "over", "from", "of", "about", "in", "across", "inside", "around", "near")
#: places that are recipients only of material conflict ("struck plants across Ukraine")
PLACE_PREPS = ("in", "across", "inside", "around", "near")
#: prepositions after a trigger noun that introduce its actor.
NOUN_ACTOR_PREPS = ("by", "from")
#: prepositions on a noun's "by"/"from" actor that still name the noun's target
NOUN_ACTOR_TARGET_PREPS = ("to", "on", "against", "with", "into")
#: verbs that take no object of their own in "X V1 and V2 Y" ("arrived and met the
#: president": the president is met, not arrived at)
INTRANSITIVE_LEMMAS = {"arrive", "travel", "tour", "talk", "retreat", "withdraw", "resign", "quit",
                       "protest", "demonstrate", "rally", "march", "riot", "strike", "clash", "fight",
                       "retaliate", "surrender", "relent", "agree", "apologize", "apologise", "cooperate",
                       "concede", "yield", "complain", "object", "insist", "mobilize", "mobilise",
                       "respond", "decline", "refuse", "return", "step", "back", "give", "sit", "walk"}
#: verbs whose infinitive is done by their subject even with an object ("promised Kyiv to send",
#: "summoned the ambassador to complain")
SUBJECT_CONTROL_LEMMAS = {"promise", "pledge", "vow", "threaten", "offer", "summon"}
#: verbs whose bare complement is done by their own subject ("let free", "set free")
CAUSATIVE_LEMMAS = {"let", "set"}
#: verbs that report speech: what they report is the sentence's event ("officials said X
#: attacked Y"), and an obligation they report is the speaker's demand ("X said Y must go")
REPORTING_LEMMAS = {"say", "tell", "announce", "report", "add", "state", "confirm", "declare", "assert",
                    "insist", "stress", "warn", "reiterate", "argue", "write", "note", "tweet", "maintain"}
#: commitment verbs: their type follows the act committed to when that act is hostile.
COMMITMENT_LEMMAS = {"vow", "pledge", "promise", "offer", "swear"}
HOSTILE_TYPES = {"ASSAULT", "COERCE", "SANCTION", "THREATEN"}
#: asking for a hostile measure against someone is an accusation of them ("called for
#: sanctions against Moscow", "demanded an investigation into the killing")
DEMAND_LEMMAS = {"call", "demand", "urge", "seek", "press", "push", "ask", "request"}
#: verbs whose direct object is the thing moved, never the recipient ("sent troops to X")
CONVEYANCE_LEMMAS = {"send", "deploy", "dispatch", "deliver", "ship", "transfer", "airlift"}
#: verbs whose subject gets what the trigger noun names ("received loans from Canada", "got an
#: IMF loan"): the giver ("from X") is the actor and the subject the recipient.
RECEIVE_LEMMAS = {"receive", "get", "obtain", "secure"}
#: what is signed, when it is a commitment to act together rather than an endorsement: a
#: defence pact or a ceasefire is AGREE ("sign" alone is SUPPORT, as in the PLV gold)
COMMITMENT_OBJECTS = {"ceasefire", "truce", "armistice"}
COMMITMENT_MODIFIERS = {"defence", "defense", "security", "military", "cooperation", "peace",
                        "ceasefire", "truce", "access", "alliance", "co-operation"}
PRONOUNS = {"he", "she", "him", "her", "they", "them", "it", "its", "their", "his", "we",
            "us", "who", "which", "that", "i", "you"}


@dataclass
class Arg:
    """A phrase that fills a role: its head token and how it was reached."""

    token: object                 # spaCy Token heading the phrase
    path: str                     # e.g. "nsubj", "prep:with>pobj", "light-verb:held>nsubj"
    inferred: bool = False        # reached by inheritance (conj, xcomp, relcl, pronoun...)


@dataclass
class Candidate:
    trigger: object               # spaCy Token (verb or noun)
    pattern: patterns.Pattern
    event: str
    mode: str | None
    actors: list[Arg] = field(default_factory=list)
    recipients: list[Arg] = field(default_factory=list)
    clause: object = None         # the verb whose auxiliaries / negation decide status
    places: list[object] = field(default_factory=list)   # tokens of places in the clause
    kind: str = "verb"            # verb | noun | light
    status: str = "occurred"
    status_why: str = ""
    light: object = None          # the light verb for "held talks"
    notes: list[str] = field(default_factory=list)

    @property
    def rule(self) -> str:
        return self.pattern.id


# --------------------------------------------------------------------------------------
# Pattern matching
# --------------------------------------------------------------------------------------
def _complement_words(verb) -> set[str]:
    """Lower-case words of a verb's particles, prepositions and predicate complements after
    it ("called for", "found guilty"); a "for" that introduces an infinitive clause counts
    ("called for Taiwan to be allowed"); "oprd" stands for any object predicate ("called
    him a liar"). Prepositions that only carry a date ("on Saturday") do not count."""
    out = set()
    for c in verb.children:
        if c.i < verb.i:
            continue
        if c.dep_ in ("prt", "advmod", "dative", "agent", "acomp"):
            out.add(c.lower_)
        elif c.dep_ == "prep":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if not objs or objs[0].ent_type_ not in ("DATE", "TIME"):
                out.add(c.lower_)
        elif c.dep_ == "oprd" and c.pos_ in ("NOUN", "ADJ", "PROPN") and any(
                d.dep_ == "dobj" for d in verb.children):
            out.update(("oprd", c.lower_))
        elif c.dep_ in ("ccomp", "xcomp") and c.pos_ == "ADJ":
            out.add(c.lower_)
        if c.dep_ in ("advcl", "ccomp", "xcomp"):
            out.update(m.lower_ for m in c.children if m.dep_ == "mark" and m.lower_ == "for")
        if c.dep_ in ("dobj", "obj") and verb.lemma_.lower() in CAUSATIVE_LEMMAS:
            # "let free dozens of journalists": the parser hangs "free" on the object
            out.update(m.lower_ for m in c.children if m.dep_ == "amod" and m.i == verb.i + 1)
    return out


def _object_lemmas(verb) -> set[str]:
    """Head lemmas of the verb's object, passive subject or prepositional objects, and of an
    "of" phrase inside them ("two days of talks")."""
    out = set()
    for c in verb.children:
        objs = []
        if c.dep_ in ("dobj", "nsubjpass", "attr", "obj"):
            objs = [c]
        elif c.dep_ == "prep" and c.i > verb.i and c.lower_ in ("to", "on", "upon", "with", "for", "of"):
            objs = [g for g in c.children if g.dep_ == "pobj"]
        objs = [t for c in objs for t in conjuncts(c)]     # "16 people and two entities"
        for c in objs:
            out.add(c.lemma_.lower())
            # "two days of talks", "a series of attacks"
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ == "of":
                    out.update(g.lemma_.lower() for g in p.children if g.dep_ == "pobj")
    return out


def match_verb(verb) -> patterns.Pattern | None:
    """The most specific verbs.tsv pattern that fits this verb token, or None."""
    if verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("amod", "compound"):
        return None   # "Russia-backed offensive": a modifier, not a clause
    lemma = verb.lemma_.lower()
    pats = patterns.verb_patterns().get(lemma)
    if not pats:
        return None
    comps = None
    objs = None
    for p in pats:
        if p.particles:
            comps = _complement_words(verb) if comps is None else comps
            if not all(w in comps for w in p.particles):
                continue
        if p.objects:
            objs = _object_lemmas(verb) if objs is None else objs
            if not all(w in objs for w in p.objects):
                continue
        return p
    return None


_AIR_STRIKE = {"air", "missile", "drone", "military", "rocket", "artillery", "aerial", "precision",
               "retaliatory", "preemptive", "pre-emptive", "nuclear", "targeted", "israeli", "russian",
               "american", "us", "u.s.", "coalition", "airstrike", "punitive", "surgical"}


def _plain_noun(noun) -> patterns.Pattern | None:
    nouns = patterns.noun_patterns()
    lemma = noun.lemma_.lower()
    for c in noun.children:
        if c.dep_ in ("compound", "amod") and c.i < noun.i:
            two = f"{c.lemma_.lower()} {lemma}"
            if two in nouns:
                return nouns[two]
            two = f"{c.lower_} {lemma}"
            if two in nouns:
                return nouns[two]
    p = nouns.get(lemma)
    if p is None and noun.lower_ in nouns:
        p = nouns[noun.lower_]
    if p is None:
        return None
    if lemma == "call" and not any(c.dep_ == "prep" and c.lower_ in ("for", "on") for c in noun.children):
        return nouns.get("phone call")
    if lemma == "strike":
        # air strikes and strikes on a target are attacks; other strikes are labour strikes
        mods = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound", "nmod")}
        military_verb = noun.head.lemma_.lower() in ("carry", "launch", "conduct", "order") and any(
            c.dep_ == "prep" and c.lower_ in ("on", "against") for c in noun.head.children)
        if not (mods & _AIR_STRIKE or military_verb or any(
                c.dep_ == "prep" and c.lower_ in ("on", "against")
                and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children) for c in noun.children)):
            return patterns.Pattern(p.id + " (labour strike)", "strike", (), (), "PROTEST", "strike")
    return p


def _of_object(token):
    """The object of "of" after a noun ("suspension of aid")."""
    for c in token.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def reversed_pattern(rev: patterns.Reverser, inner: patterns.Pattern | None, inner_text: str = ""):
    """The pattern for "reverser + event" ("lifted the ban" -> RETREAT), or None."""
    if inner is None or inner.event in ("LIGHT", "IGNORE") or inner.event.startswith("CARRY"):
        if rev.default is None:
            return None
        return patterns.Pattern(rev.id, rev.lemma, (), (), rev.default, None)
    ptype = patterns.plover_types().get(inner.event)
    if ptype is None:
        return None
    if inner.event == "CONSULT":
        event = rev.on_meeting
    elif ptype.quad_code in (1, 2):
        event = rev.on_cooperation
    else:
        event = rev.on_conflict
    return patterns.Pattern(f"{rev.id} + {inner.id}", rev.lemma, (), (), event,
                            inner.mode if event == inner.event else None,
                            f"reverses {inner.event} '{inner_text}'")


def match_noun(noun) -> patterns.Pattern | None:
    """The nouns.tsv pattern for a trigger noun ("talks", "sanctions"), a two-word noun
    ("legal action"), or a reversing noun with its object ("suspension of aid")."""
    if noun.pos_ not in ("NOUN", "PROPN") and not (
            noun.pos_ == "VERB" and noun.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass")):
        return None   # ("launched drills": the small model tags "drills" VERB in an object slot)
    rev = patterns.reversers().get((noun.lemma_.lower(), "NOUN"))
    if rev is not None:
        obj = _of_object(noun)
        inner = _plain_noun(obj) if obj is not None else None
        if inner is not None:
            return reversed_pattern(rev, inner, obj.text)
    return _plain_noun(noun)


def reversed_object(verb):
    """(object noun, its pattern) of a reversing verb: "lifted the ban", "called off the
    strike", "ended two days of talks"."""
    for c in verb.children:
        if c.dep_ in ("dobj", "obj", "nsubjpass"):
            p = _plain_noun(c)
            if p is not None:
                return c, p
            inner = _of_object(c)
            if inner is not None:
                p = _plain_noun(inner)
                if p is not None:
                    return inner, p
            return c, None
    return None, None


def match_reverser(verb) -> tuple[patterns.Pattern | None, object]:
    """A reversing verb and what it reverses, or (None, None)."""
    if verb.pos_ not in ("VERB",) or verb.dep_ in ("amod", "compound"):
        return None, None
    lemma = verb.lemma_.lower()
    revs = patterns.reversers()
    rev = None
    for prt in (c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")):
        rev = revs.get((f"{lemma} {prt}", "VERB")) or rev
    rev = rev or revs.get((lemma, "VERB"))
    if rev is None:
        return None, None
    obj, inner = reversed_object(verb)
    return reversed_pattern(rev, inner, obj.text if obj is not None else ""), (obj if inner is not None else None)


# --------------------------------------------------------------------------------------
# Arguments
# --------------------------------------------------------------------------------------
def conjuncts(token) -> list:
    """The token and the heads it is coordinated with ("Biden and Xi" -> [Biden, Xi])."""
    out = [token]
    for c in token.children:
        if c.dep_ == "conj":
            out.extend(conjuncts(c))
    return out


def _subject_of(verb, depth: int = 0) -> list[Arg]:
    """Actor heads for a verb: its own subject or agent, else one inherited from the clause
    it hangs from (conj, xcomp, relcl, acl, pcomp, advcl)."""
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "csubj", "expl")]
    if len(subj) > 1:
        # two subjects is a misparse, usually an agency dateline ("SEOUL, March 5 (Yonhap) --
        # North Korea threatened"): the one nearest before the verb is the real one
        before = [c for c in subj if c.i < verb.i]
        subj = [max(before, key=lambda c: c.i)] if before else subj
    if subj and subj[0].dep_ != "expl":
        return [Arg(t, "nsubj") for t in conjuncts(subj[0])]
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
        got = _subject_of(head, depth + 1)
        if got and head.dep_ == "ccomp" and head.head.pos_ in ("VERB", "AUX") and all(
                a.token.pos_ == "NOUN" and match_noun(a.token) is not None for a in got):
            # "the ministry said the aid would not change X and accused Washington": a thing
            # ("the aid") does not accuse; the verb goes with the speaker (a misparse)
            speaker = _subject_of(head.head, depth + 1)
            if speaker:
                return [Arg(a.token, "conj>ccomp<" + a.path, True) for a in speaker]
        return [Arg(a.token, "conj>" + a.path, True) for a in got]
    if dep in ("xcomp", "ccomp", "advcl") and head.pos_ in ("VERB", "AUX", "ADJ"):
        if dep == "xcomp":
            # object control: "pressed China to release", "prompting Moscow to recall"
            objs = [c for c in head.children if c.dep_ in ("dobj", "obj")]
            if objs and head.lemma_.lower() not in SUBJECT_CONTROL_LEMMAS:
                return [Arg(t, "xcomp<dobj", True) for t in conjuncts(objs[0])]
        if dep == "ccomp" and head.lemma_.lower() in CAUSATIVE_LEMMAS:
            # "Ethiopia let free 74 prisoners": the causer does the act
            return [Arg(a.token, "ccomp<" + a.path, True) for a in _subject_of(head, depth + 1)]
        if dep == "ccomp":
            return []
        if dep == "xcomp":
            raised = [c for c in head.children if c.dep_ == "nsubjpass"]
            if raised and not any(c.dep_ == "nsubj" for c in head.children):
                # "Zelensky is expected to travel": the raised subject acts
                return [Arg(t, "xcomp<nsubjpass", True) for t in conjuncts(raised[0])]
        return [Arg(a.token, f"{dep}<" + a.path, True) for a in _subject_of(head, depth + 1)]
    if dep == "acomp" or (head.pos_ == "ADJ" and dep == "xcomp"):
        return [Arg(a.token, "acomp<" + a.path, True) for a in _subject_of(head, depth + 1)]
    if dep == "acl" and head.pos_ == "NOUN" and _is_purpose_clause_like(verb):
        # "the EU made the decision to ban ...", "Iran's attempt to block ...": the one who
        # decided or tried is the actor
        poss = [c for c in head.children if c.dep_ == "poss"]
        if poss:
            return [Arg(t, "acl<poss", True) for t in conjuncts(poss[0])]
        if head.dep_ in ("dobj", "attr", "pobj") and head.head.pos_ in ("VERB", "AUX", "ADP"):
            gov = head.head if head.head.pos_ != "ADP" else head.head.head
            got = _subject_of(gov, depth + 1)
            if got:
                return [Arg(a.token, "acl<dobj<" + a.path, True) for a in got]
    if dep in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
        return [Arg(head, f"{dep}<head", True)]
    if dep == "advcl" and head.pos_ in ("NOUN", "PROPN") and head.dep_ == "ROOT":
        return [Arg(a, "headline<head", True) for a in conjuncts(head)]   # "Blinken To Meet Wang"
    if dep == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return [Arg(a.token, "pcomp<" + a.path, True) for a in _subject_of(head.head, depth + 1)]
    return []


_TIME_ENTS = {"DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"}


def _is_purpose_clause_like(tok) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _prep_objects(token, preps=RECIPIENT_PREPS, exclude=()) -> list[Arg]:
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


def _objects_of(verb, pattern) -> list[Arg]:
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
    out.extend(_prep_objects(verb, preferred + tuple(p for p in RECIPIENT_PREPS if p not in preferred)))
    # "imposed sanctions on Iran": the object's own target
    for c in verb.children:
        if c.dep_ in ("dobj", "obj"):
            out.extend(Arg(a.token, f"dobj>{a.path}") for a in _prep_objects(c, ("on", "against", "to", "with")))
    # "rejected offers of dialogue from Washington", "hosted talks between the two sides":
    # whose offer, whose talks (after every other path)
    for c in verb.children:
        if c.dep_ in ("dobj", "obj"):
            out.extend(Arg(a.token, f"dobj>{a.path}") for a in _prep_objects(c, ("between", "from")))
    for c in verb.children:
        if c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "advcl" and _has_for_mark(c)):
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
    # passive with an agent: the passive subject is the recipient, handled above
    return out


def _has_for_mark(clause) -> bool:
    return any(m.dep_ == "mark" and m.lower_ == "for" for m in clause.children)


def _noun_args(noun) -> tuple[list[Arg], list[Arg]]:
    """Actor and recipient heads found inside a trigger noun's own phrase."""
    actors, recipients = [], []
    for c in noun.children:
        if c.dep_ == "poss":
            actors.extend(Arg(t, "poss") for t in conjuncts(c))
        elif c.dep_ in ("compound", "amod", "nmod") and (c.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")
                                                          or c.pos_ == "PROPN"):
            actors.append(Arg(c, c.dep_))
        elif c.dep_ == "prep" and c.lower_ == "between":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                both = conjuncts(objs[0])
                actors.extend(Arg(t, "prep:between>pobj") for t in both)
        elif c.dep_ == "prep" and c.lower_ in NOUN_ACTOR_PREPS:
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                actors.extend(Arg(t, f"prep:{c.lower_}>pobj") for t in conjuncts(objs[0]))
                # "a visit by the president to Algeria", "an attack by rebels on the base": the
                # parser hangs the target off the actor; it is still the noun's recipient
                recipients.extend(Arg(a.token, f"prep:{c.lower_}>pobj>{a.path}", True)
                                  for a in _prep_objects(objs[0], NOUN_ACTOR_TARGET_PREPS))
    recipients[:0] = [a for a in _prep_objects(noun, ("with", "against", "on", "to", "into", "of", "over", "for")
                                               + PLACE_PREPS)
                      if a.token.ent_type_ not in ("DATE", "TIME")]
    return actors, recipients


def _relcl_participants(noun) -> list[Arg]:
    """Participants of a meeting named by a clause on the noun: "a session during which
    the Chinese delegation berated the American side" -> delegation, side."""
    out = []
    for c in noun.children:
        if c.dep_ == "relcl" and c.pos_ in ("VERB", "AUX"):
            for g in c.children:
                if g.dep_ in ("nsubj", "dobj") and g.lower_ not in PRONOUNS:
                    out.extend(Arg(t, f"relcl>{g.dep_}", True) for t in conjuncts(g))
    return out


def _places(token) -> list:
    """Place names in "in/at X" attached to the token (GPE/LOC/FAC entities)."""
    out = []
    for c in token.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "at", "near", "outside", "through", "across", "around"):
            for g in c.children:
                if g.dep_ == "pobj":
                    if g.ent_type_ in ("GPE", "LOC", "FAC"):
                        out.append(g)
                    else:
                        # "at the Diaoyutai State Guesthouse in Beijing"
                        out.extend(_places(g))
        elif c.dep_ == "npadvmod" and c.ent_type_ in ("GPE",):
            out.append(c)
    return out


# --------------------------------------------------------------------------------------
# Candidates
# --------------------------------------------------------------------------------------
def _is_purpose_clause(tok) -> bool:
    """An infinitival clause of purpose or content: "sent aid to support refugees"."""
    return tok.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


#: verbs whose purpose clause says what the event was: "called X to congratulate him",
#: "sent a team to investigate", "summoned the ambassador to complain"
PURPOSE_LEMMAS = {"call", "send", "dispatch", "summon", "visit", "travel", "meet", "telephone", "phone"}
PURPOSE_TYPES = {"CONSULT", "AID", "ACCUSE"}
#: orders to do something hostile are coercion ("ordered X to discontinue its services")
ORDER_LEMMAS = {"order", "force", "compel", "direct", "instruct"}
#: nouns that own the clause after them ("its demand that the US ease sanctions")
CLAUSE_NOUN_TYPES = {"REQUEST", "THREATEN", "ACCUSE", "AGREE", "REJECT", "PROTEST"}


def _owned_by_trigger(token, triggers: dict) -> bool:
    """True when a trigger verb above this token owns its clause (see OWNED_CLAUSES):
    climbing through clausal complements, purpose clauses and prepositions, the first
    trigger met owns it. A meeting does not own its purpose ("called X to congratulate")."""
    cur = token
    for _ in range(8):
        if cur.head is cur:
            return False
        dep, head = cur.dep_, cur.head
        owned_dep = (dep in OWNED_CLAUSES or dep in ("prep", "pobj")
                     or (dep == "advcl" and (_has_for_mark(cur) or _is_purpose_clause(cur)))
                     or (dep == "acl" and head.pos_ == "NOUN"))
        if owned_dep:
            if head.i in triggers:
                inner = triggers.get(token.i) if cur is token else None
                if _is_purpose_clause(cur) and not _has_for_mark(cur) and inner != "CONSULT" and (
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


def _trigger_in(tok):
    """``tok`` or its "of" object, whichever is a trigger noun ("talks", "a state of
    emergency"), or None."""
    if match_noun(tok):
        return tok
    inner = _of_object(tok)
    return inner if inner is not None and match_noun(inner) else None


def _is_amount(tok, ents=("MONEY", "QUANTITY")) -> bool:
    return tok.ent_type_ in ents or tok.like_num


def _amount_of(tok, preps=("in",)):
    """The trigger noun an amount is of ("$5 million in aid"), or None."""
    for p in tok.children:
        if p.dep_ == "prep" and p.lower_ in preps:
            for g in p.children:
                if g.dep_ == "pobj" and match_noun(g):
                    return g
    return None


def _light_noun(verb) -> object | None:
    """The trigger noun a light verb governs: "held talks", "kicked off two days of talks",
    "went on strike", "remained on alert", "declared a state of emergency"."""
    for c in verb.children:
        if c.dep_ in ("dobj", "obj", "nsubjpass", "attr"):
            found = _trigger_in(c)
            inner = _of_object(c)
            if found is None and inner is not None and _is_amount(inner):
                found = _amount_of(inner)       # "a package of 500 million pounds in military support"
            if found is not None:
                return found
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("on", "in", "into", "as"):
            for g in c.children:
                if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME") and match_noun(g):
                    return g
    for c in verb.children:
        if c.dep_ in ("ccomp", "xcomp") and c.i > verb.i:
            # "declared a state of siege to begin at midnight": the parser makes the noun
            # the subject of the infinitive
            for g in c.children:
                if g.dep_ == "nsubj" and verb.i < g.i < c.i and _trigger_in(g) is not None:
                    return _trigger_in(g)
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    if verb.lemma_.lower() in RECEIVE_LEMMAS or any(_is_amount(c, ("MONEY", "QUANTITY", "CARDINAL"))
                                                    for c in objects):
        # "received $61 billion in assistance", "paid $662 million in aid": an amount of
        # the trigger noun
        for c in objects:
            found = _amount_of(c, ("in", "of"))
            if found is not None:
                return found
    return None


def _verb_pattern(tok) -> tuple[patterns.Pattern | None, object]:
    """The pattern for a verb and the object noun it consumes (reversers, carriers)."""
    p = match_verb(tok)
    if p is not None and p.specificity > 0 and p.event not in ("LIGHT",):
        return p, None
    rp, obj = match_reverser(tok)
    if rp is not None and (obj is not None or p is None):
        return rp, obj
    return p, None


#: PLOVER types that an announced intent turns into AGREE ("will release", "is willing to
#: withdraw"): the codebook codes promises of material cooperation as AGREE.
INTENT_TO_AGREE = {"RETREAT", "AID", "COOPERATE"}
#: a demand put as an obligation ("Israel must end attacks") is a REQUEST
OBLIGATION_AUX = {"must", "should"}
PROTESTER_LEMMAS = {"protester", "protestor", "demonstrator", "rioter", "striker", "marcher"}
#: civilians who block roads are protesting (PLOVER PROTEST obstruct), not coercing
CIVILIAN_LEMMAS = PROTESTER_LEMMAS | {"worker", "supporter", "people", "student", "activist", "youth",
                                     "farmer", "resident", "villager", "driver", "trucker", "teacher",
                                     "union", "employee", "citizen", "crowd", "mob", "opponent"}
STATE_LEMMAS = {"government", "ministry", "embassy", "minister", "president", "premier", "chancellor",
                "ambassador", "state", "country", "foreign", "kremlin", "administration", "cabinet",
                "spokesman", "spokeswoman", "spokesperson", "parliament", "council", "envoy"}


def _state_like(tok) -> bool:
    """A government speaking ("Beijing", "the foreign ministry"): its "protest" is a complaint."""
    return tok.ent_type_ in ("GPE", "NORP") or tok.lemma_.lower() in STATE_LEMMAS


OBSTRUCT_LEMMAS = {"block", "blockade", "barricade", "occupy"}


#: support that is given in kind or money is AID ("$500 million in military support")
MATERIAL_SUPPORT = {"military", "financial", "economic", "humanitarian", "logistic", "logistical", "budget",
                    "budgetary", "technical", "material", "medical"}
#: protest verbs that mean "show" when they take an object or a clause
SHOWING_LEMMAS = {"demonstrate"}
#: verbs of dying: the subject is the victim of the violence that caused it
DEATH_LEMMAS = {"die", "succumb", "perish"}


def _governing_verb(noun, steps: int = 4):
    """The verb a noun hangs from through prepositions ("died as a result of the torture"
    -> died), or None."""
    cur = noun
    for _ in range(steps):
        if cur.dep_ not in ("pobj", "prep", "pcomp") or cur.head is cur:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None


def _reporter_of(clause) -> list[Arg]:
    """The speaker of a clause that a reporting verb governs ("X said (that) ..."), or []."""
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in REPORTING_LEMMAS:
        return []
    return [Arg(a.token, "reported-by>" + a.path, True) for a in _subject_of(clause.head)]


OBLIGATION_PATTERN = patterns.Pattern("rules: reported obligation (X said Y must ...)", "must", (), (),
                                      "REQUEST", None, "a speaker's 'must' is a demand")


def reported_obligations(tokens, triggers: dict) -> list[Candidate]:
    """"EU says military intervention in Venezuela must be avoided", "Trump said North Korea
    must do something": a reported obligation with no trigger verb of its own is the speaker's
    REQUEST of the clause's subject."""
    out = []
    for tok in tokens:
        if tok.i in triggers or tok.pos_ not in ("VERB", "AUX"):
            continue
        if not any(c.dep_ == "aux" and c.lower_ == "must" for c in tok.children):
            continue
        speaker = _reporter_of(tok)
        if not speaker:
            continue
        cand = Candidate(tok, OBLIGATION_PATTERN, "REQUEST", None, clause=tok.head, kind="verb")
        cand.actors = speaker
        cand.recipients = [Arg(c, "obligation>" + c.dep_) for c in tok.children
                           if c.dep_ in ("nsubj", "nsubjpass")]
        cand.places = _places(tok)
        cand.notes.append("an obligation reported from a speaker: the speaker's demand of the subject")
        out.append(cand)
    return out


def finalise(cand: Candidate) -> Candidate:
    """Status, then the codebook rules that depend on it: refusals (a negated cooperative
    act is REJECT), promises (an announced material concession or aid is AGREE), threats
    (an announced attack, sanction or protest is THREATEN), obligations (REQUEST), and
    protesters' violence (PROTEST riot)."""
    from dateline.events.status import status_of

    status, why = status_of(cand.trigger, cand.clause, noun=(cand.kind == "noun"))
    cand.status, cand.status_why = status, why
    types = patterns.plover_types()
    ptype = types.get(cand.event)
    if ptype is None:
        return cand
    from dateline.events.status import _chain

    head = cand.clause if cand.clause is not None else cand.trigger
    auxes = {c.lower_ for t in _chain(head) for c in t.children if c.dep_ == "aux"}
    original = cand.event
    if status == "negated" and ptype.quad_code == 2 and auxes & {"did", "has", "have", "had", "was", "were"} \
            and cand.mode != "access":
        pass    # "has not withdrawn its troops": a material act that did not happen, not a refusal
                # (withholding access is: "did not give permission for the rally")
    elif status == "negated" and ptype.quad_code in (1, 2):
        cand.event, cand.mode = "REJECT", None
    elif auxes & OBLIGATION_AUX and cand.event not in ("REQUEST",) and cand.kind != "noun":
        cand.event, cand.mode = "REQUEST", None
        speaker = _reporter_of(head)
        if speaker:
            # "Pompeo said North Korea must disarm": the speaker demands it of the subject
            cand.recipients = [Arg(a.token, "obligation>" + a.path, True) for a in cand.actors] + cand.recipients
            cand.actors = speaker
            cand.notes.append("an obligation reported from a speaker: the speaker's demand of the subject")
    elif status in ("planned", "hypothetical") and not why.startswith(("conditional", "inside")) \
            and not (auxes & {"have", "'ve"}):   # "may have launched": speculation about the past
        if cand.event in INTENT_TO_AGREE and not (why.startswith("future") and cand.event == "AID"):
            # "said it would release", "is willing to withdraw", "promised to send": the
            # announcement is the event; a plain future in the reporter's voice ("the
            # government will give GM $30 billion") stays the planned aid itself
            cand.event, cand.mode = "AGREE", None
        elif ptype.quad_code == 4 and cand.event != "MOBILIZE":
            cand.event, cand.mode = "THREATEN", None
    if cand.event == "REQUEST" and cand.kind == "verb" and cand.trigger.lemma_.lower() in DEMAND_LEMMAS:
        demanded = [t for t in cand.trigger.children if t.dep_ in ("dobj", "obj")]
        demanded += [g for p in cand.trigger.children if p.dep_ == "prep" and p.lower_ == "for"
                     for g in p.children if g.dep_ == "pobj"]
        for t in demanded:
            npat = _plain_noun(t)
            if npat is not None and npat.event in ("COERCE", "SANCTION", "ACCUSE", "ASSAULT"):
                cand.event, cand.mode = "ACCUSE", None
                cand.notes.append(f"a demand for {t.text} against someone: ACCUSE")
                break
    if cand.event == "SUPPORT" and cand.kind in ("noun", "light") and any(
            c.dep_ in ("amod", "compound") and c.lower_ in MATERIAL_SUPPORT for c in cand.trigger.children):
        cand.event, cand.mode = "AID", None    # "military support", "financial support": aid
        cand.notes.append("material support (military, financial...) is AID")
    if cand.event in ("MOBILIZE", "CONSULT") and any(t.lemma_.lower().startswith("peacekeep")
                                                     for t in (cand.clause or cand.trigger).subtree):
        cand.event, cand.mode = "AID", "military"   # peacekeepers are military assistance
    if cand.trigger.lemma_.lower() == "protest" and cand.kind == "verb" and not (
            any(_state_like(a.token) for a in cand.actors)
            and any(c.dep_ in ("dobj", "obj", "prep") for c in cand.trigger.children)):
        cand.event, cand.mode = "PROTEST", "demo"    # people protest: a demonstration
    if cand.event in ("ASSAULT", "COERCE") and any(a.token.lemma_.lower() in PROTESTER_LEMMAS
                                                   for a in cand.actors):
        cand.event, cand.mode = "PROTEST", "riot"
    elif cand.event == "COERCE" and cand.mode in ("restrict", None) and \
            cand.trigger.lemma_.lower() in OBSTRUCT_LEMMAS and \
            any(a.token.lemma_.lower() in CIVILIAN_LEMMAS for a in cand.actors):
        cand.event, cand.mode = "PROTEST", "obstruct"   # workers blocking a bridge
    if cand.event != original:
        cand.notes.append(f"{original} {status} ({why}) coded as {cand.event}")
        cand.status, cand.status_why = "occurred", f"the {cand.event.lower()} itself was made ({why})"
    return cand


def sentence_candidates(sent) -> list[Candidate]:
    """All events the patterns find in one sentence (spaCy Span), in text order."""
    verb_pats: dict[int, patterns.Pattern] = {}
    consumed: set[int] = set()          # object nouns taken by a reverser / carrier
    tokens = list(sent)                 # one pass over the Span; the loops below reuse it
    lemmas = [t.lemma_.lower() for t in tokens]
    verb_words, noun_lemmas, noun_forms = patterns.trigger_words()
    for tok, lemma in zip(tokens, lemmas):
        if lemma not in verb_words:
            continue                    # no verb or reverser pattern has this lemma
        p, obj = _verb_pattern(tok)
        if p is not None:
            verb_pats[tok.i] = p
            if obj is not None:
                consumed.add(obj.i)
    embedding = patterns.embedding_verbs()

    def carried(tok, p):
        return p.event == "LIGHT" or p.event.startswith("CARRY:")

    triggers: dict[int, str] = {}
    for i, p in verb_pats.items():
        tok = sent.doc[i]
        if p.event == "IGNORE":
            continue
        noun = _light_noun(tok) if carried(tok, p) else None
        if p.event == "LIGHT" and noun is None:
            continue
        if p.event.startswith("CARRY:") and noun is None and p.event == "CARRY:-":
            continue
        if tok.lemma_.lower() in SHOWING_LEMMAS and any(c.dep_ in ("dobj", "obj", "ccomp") for c in tok.children):
            continue    # "the refusal demonstrates that...", "demonstrates the US commitment": shows
        # an embedding verb with an infinitive is transparent ("began to attack")
        if tok.lemma_.lower() in embedding and any(c.dep_ == "xcomp" and c.i in verb_pats
                                                  for c in tok.children):
            continue
        event = match_noun(noun).event if noun is not None else p.event.replace("CARRY:", "")
        triggers[i] = event

    owners = dict(triggers)
    for tok, lemma in zip(tokens, lemmas):
        if lemma not in noun_lemmas and tok.lower_ not in noun_forms:
            continue                    # match_noun() cannot match it
        if tok.pos_ == "NOUN" and any(c.dep_ in ("acl", "ccomp") for c in tok.children):
            npat = match_noun(tok)
            if npat is not None and npat.event in CLAUSE_NOUN_TYPES:
                owners[tok.i] = npat.event

    out: list[Candidate] = []
    used_nouns: set[int] = set(consumed)
    dropped_consult: dict[int, Candidate] = {}
    for i in sorted(triggers):
        tok = sent.doc[i]
        p = verb_pats[i]
        if _owned_by_trigger(tok, owners):
            continue
        if tok.dep_ == "advcl" and tok.tag_ == "VBG" and owners.get(tok.head.i) in ("AGREE", "SUPPORT") \
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            continue   # "signed a pact ..., allowing their troops to train together": its content
        noun = _light_noun(tok) if carried(tok, p) else None
        if noun is not None:
            npat = match_noun(noun)
            used_nouns.add(noun.i)
            inner = _of_object(noun)
            if inner is not None and npat.id.startswith("reversers"):
                used_nouns.add(inner.i)
            n_actors, n_recips = _noun_args(noun)
            cand = Candidate(noun, npat, npat.event, npat.mode, clause=tok, kind="light", light=tok)
            cand.actors = [Arg(a.token, f"light:{tok.lower_}>" + a.path, a.inferred) for a in _subject_of(tok)]
            if not cand.actors:
                cand.actors = n_actors
            cand.recipients = n_recips + [a for a in _objects_of(tok, p) if a.token.i != noun.i
                                          and a.token.i not in {x.i for x in noun.subtree}]
            cand.places = _places(noun) + _places(tok)
            if tok.lemma_.lower() in RECEIVE_LEMMAS:
                # "GM received loans from Canada": the giver acts, the receiver is the recipient;
                # with no giver named, the receiver is still not the actor ("Ukraine got a loan")
                givers = _prep_objects(noun, ("from",)) + _prep_objects(tok, ("from",))
                for c in tok.children:
                    if c.dep_ in ("dobj", "obj") and c.i != noun.i:
                        givers += _prep_objects(c, ("from",))
                cand.recipients = [Arg(a.token, "receiver>" + a.path, a.inferred) for a in cand.actors]
                cand.actors = [Arg(a.token, "receive>" + a.path) for a in givers]
                cand.notes.append(f"'{tok.text}' inverts the roles: the giver is the actor")
        else:
            event, mode = p.event.replace("CARRY:", ""), p.mode
            cand = Candidate(tok, p, event, mode, clause=tok, kind="verb")
            cand.actors = _subject_of(tok)
            objs = _objects_of(tok, p)
            rev_obj = next((sent.doc[j] for j in consumed if sent.doc[j].head.i == i
                            or sent.doc[j].head.head.i == i), None)
            if rev_obj is not None:
                _, n_recips = _noun_args(rev_obj)
                objs = n_recips + objs
            cand.recipients = objs
            cand.places = _places(tok)
            if not cand.places and tok.dep_ in ("advcl", "conj") and tok.head.pos_ in ("VERB", "AUX"):
                # "rallied in Niamey, demanding the departure of French forces": one scene
                cand.places = _places(tok.head)
            if tok.lemma_.lower() in COMMITMENT_LEMMAS:
                inner = [c for c in tok.subtree if c.i in verb_pats and c.i != tok.i
                         and verb_pats[c.i].event in HOSTILE_TYPES]
                if inner:
                    cand.event, cand.mode = "THREATEN", None
                    cand.notes.append(f"commitment to a hostile act ({inner[0].text}): THREATEN")
                    inner_objs = _objects_of(inner[0], verb_pats[inner[0].i])
                    cand.recipients = cand.recipients + inner_objs
            if p.lemma == "sign" and cand.event == "SUPPORT":
                signed = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
                words = {w.lemma_.lower() for c in signed for w in [c] + list(c.children)
                         if w.dep_ in ("compound", "amod", "dobj", "obj", "nsubjpass")}
                words |= {g.lemma_.lower() for c in signed + [tok] for pr in c.children
                          if pr.dep_ == "prep" and pr.lower_ in ("on", "for")
                          for g in pr.children if g.dep_ == "pobj"}
                if words & COMMITMENT_OBJECTS or words & COMMITMENT_MODIFIERS:
                    cand.event, cand.mode = "AGREE", None
                    cand.notes.append("signing a defence, security or ceasefire agreement: AGREE")
            # "refused to meet Dagalo", "agreed to release the sailors": the owned clause's
            # object is the recipient when the verb has none of its own
            for c in tok.children:
                if c.dep_ == "xcomp" and c.i in verb_pats:
                    inner = [a for a in _objects_of(c, verb_pats[c.i])
                             if a.path in ("dobj", "dative", "obj", "iobj", "ccomp>nsubj", "xcomp>nsubj")
                             or a.path.startswith("prep:")]
                    cand.recipients = cand.recipients + [Arg(a.token, f"xcomp:{c.text}>" + a.path, True)
                                                         for a in inner]
            # "call on X" without a clause is a courtesy call, not a request
            if p.lemma == "call" and "on" in p.particles and not any(
                    c.dep_ in ("xcomp", "ccomp", "advcl") for c in tok.children):
                cand.event, cand.mode = "CONSULT", "visit"
            if tok.lemma_.lower() in ORDER_LEMMAS and cand.event == "REQUEST":
                ordered = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.i in verb_pats]
                hostile = [c for c in ordered if (patterns.plover_types().get(
                    verb_pats[c.i].event.replace("CARRY:", "")) or patterns.plover_types()["REQUEST"]).quad_code == 4]
                if not hostile:
                    # "ordered Castillo held in pre-trial detention", "ordered him taken into
                    # custody": the ordered state is a hostile noun
                    states = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp", "oprd")]
                    states += [g for c in tok.children if c.dep_ in ("dobj", "obj")
                               for g in c.children if g.dep_ == "acl"]      # "ordered X held in"
                    hostile = [g for c in states
                               for p in c.children if p.dep_ == "prep"
                               for g in p.children if g.dep_ == "pobj" and (_plain_noun(g) is not None
                               and _plain_noun(g).event in ("COERCE", "ASSAULT"))]
                if hostile:
                    cand.event, cand.mode = "COERCE", None
                    cand.notes.append(f"an order to '{hostile[0].text}' (hostile act): COERCE")
            # a meeting, call or mission made for a purpose is coded as that purpose
            if cand.event == "CONSULT" or (p.lemma in PURPOSE_LEMMAS and cand.event in PURPOSE_TYPES):
                purpose = [c for c in tok.children if _is_purpose_clause(c) and not _has_for_mark(c)
                           and c.i in triggers and triggers[c.i] != "CONSULT"]
                if purpose:
                    dropped_consult[purpose[0].i] = cand
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

    for tok, lemma in zip(tokens, lemmas):
        if lemma not in noun_lemmas and tok.lower_ not in noun_forms:
            continue                    # match_noun() cannot match it
        if tok.i in used_nouns or tok.i in triggers:
            continue
        if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN"):
            continue   # "war games", "protest leaders": a modifier, not an event
        p = match_noun(tok)
        if p is None or p.event in ("IGNORE", "LIGHT"):
            continue
        # a noun that is the object of a trigger verb is that verb's content ("agreed to
        # Blinken's trip", "called for sanctions"), not an event of its own
        if tok.dep_ in ("dobj", "obj", "nsubjpass") and tok.head.i in triggers:
            continue
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.i in triggers \
                and tok.head.lower_ in ("for", "to", "on", "against", "of", "into"):
            continue
        # "the release of $1.2 billion in assistance": the inner noun is the outer's content
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN" \
                and match_noun(tok.head.head) is not None:
            continue
        if p.id.startswith("reversers"):
            inner = _of_object(tok)
            if inner is not None:
                used_nouns.add(inner.i)
        actors, recips = _noun_args(tok)
        cand = Candidate(tok, p, p.event, p.mode, clause=None, kind="noun")
        if not actors:
            actors = _relcl_participants(tok)
        if not actors and tok.dep_ == "pobj" and tok.head.dep_ == "prep":
            gov = tok.head.head
            if gov.pos_ in ("ADV", "ADP") and gov.head is not gov:
                gov = gov.head                     # "are out on strike"
            # "agreed at/after talks in Geneva": the subject took part in the talks; but
            # "imposed sanctions after an attack on Israel" did not make the attack
            preps = ("at", "during", "in", "on") + (("after", "before") if p.event == "CONSULT" else ())
            if gov.pos_ in ("VERB", "AUX") and tok.head.lower_ in preps:
                actors = [Arg(a.token, "pobj<prep<" + a.path, True) for a in _subject_of(gov)]
                cand.clause = gov
        if p.event == "ASSAULT" and not [r for r in recips if not any(
                r.path.endswith(f"prep:{x}>pobj") for x in PLACE_PREPS)]:
            # "the prisoner died after torture", "died as a result of the beating": the one who
            # died suffered it
            gov = _governing_verb(tok)
            if gov is not None and gov.lemma_.lower() in DEATH_LEMMAS:
                recips = [Arg(a.token, "victim:" + a.path, True) for a in _subject_of(gov)]
        cand.actors = actors
        cand.recipients = recips
        cand.places = _places(tok)
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX"):
            cand.places += _places(tok.head)     # "talks ... took place in Istanbul"
        out.append(cand)
    out = [c for c in out if c.trigger.i not in used_nouns or c.kind != "noun"]
    if "must" in lemmas:
        out += reported_obligations(tokens, triggers)
    out.sort(key=lambda c: c.trigger.i)
    return [finalise(c) for c in out]


def phrase_span(token) -> tuple[int, int]:
    """Character span of the noun phrase headed by ``token``, without clauses, appositions,
    coordinated phrases or trailing prepositional phrases (except "of": "government of X")."""
    skip = {"relcl", "acl", "conj", "cc", "appos", "punct", "advcl", "prep", "preconj"}
    toks = [token]
    stack = [token]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in skip and not (c.dep_ == "prep" and c.lower_ == "of" and t is token):
                continue
            toks.append(c)
            stack.append(c)
    start = min(t.idx for t in toks)
    end = max(t.idx + len(t.text) for t in toks)
    return start, end
