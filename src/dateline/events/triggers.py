"""Trigger matching: which verb, noun or light-verb construction is an event, with the patterns
in ``events/data`` (verbs.tsv, nouns.tsv, reversers.tsv).

:func:`match_verb` and :func:`match_noun` give a token's most specific pattern;
:func:`match_reverser` reads "lifted the ban" (a verb that reverses the event it governs);
:func:`light_noun` finds the event noun a light verb carries ("held talks").
"""
from __future__ import annotations

from dateline.events import nominal, patterns
from dateline.events.syntax import conjuncts, object_predicates, of_object, relative_antecedent, reversal_object
from dateline.events.words import (AIR_STRIKE_MODIFIERS, AMOUNT_NOUNS, CARRIER_NOUNS, CAUSATIVE_LEMMAS, MODIFIER_VERBS, PRESSING_NOUNS,
                                   NAMING_LEMMAS, RECEIVE_LEMMAS)


def _object_preps(verb) -> set[str]:
    """Prepositions hung on a verb's direct object ("take [action against] X")."""
    return {g.lower_ for c in verb.children if c.dep_ in ("dobj", "obj") for g in c.children if g.dep_ == "prep"}


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
        elif c.dep_ == "dobj" and verb.lemma_.lower() in NAMING_LEMMAS and object_predicates(verb):
            out.add("oprd")     # "called the killing an act of terrorism": the parser hangs the predicate on the object
        elif c.dep_ in ("ccomp", "xcomp") and c.pos_ == "ADJ":
            out.add(c.lower_)
        if c.dep_ in ("advcl", "ccomp", "xcomp"):
            out.update(m.lower_ for m in c.children if m.dep_ == "mark" and m.lower_ in ("for", "that"))
        if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX") and c.i > verb.i and (
                any(d.dep_ in ("dobj", "obj") and d.i < c.i for d in verb.children) if c.dep_ == "xcomp"
                else any(d.dep_ == "nsubj" for d in c.children) and any(
                    d.dep_ == "aux" and d.lower_ == "to" for d in c.children)):
            out.add("xcomp")    # "got Chile to open an inquiry": someone made to act
        if c.dep_ in ("dobj", "obj") and verb.lemma_.lower() in CAUSATIVE_LEMMAS:
            # "let free dozens of journalists": the parser hangs "free" on the object
            out.update(m.lower_ for m in c.children if m.dep_ == "amod" and m.i == verb.i + 1)
        if c.dep_ in ("dobj", "obj") and c.pos_ == "PROPN":
            # "held Hamas responsible": an adjective after a named object is its predicate
            out.update(m.lower_ for m in c.children if m.dep_ == "amod" and m.i > c.i and m.pos_ == "ADJ")
    # "pleaded guilty Monday": the parser may hang the adjective right after the verb on the
    # next noun; next to the verb it is still its complement
    nxt = verb.nbor(1) if verb.i + 1 < len(verb.doc) else None
    if nxt is not None and nxt.pos_ == "ADJ" and nxt.dep_ == "amod" and nxt.head.ent_type_ in ("DATE", "TIME"):
        out.add(nxt.lower_)
    return out


def _object_lemmas(verb) -> set[str]:
    """Head lemmas of the verb's object, passive subject or prepositional objects, and of an
    "of" phrase inside them ("two days of talks")."""
    out = set()
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
        out.add(verb.head.lemma_.lower())   # "the answers he gave", "sanctions imposed on Iran"
    antecedent = relative_antecedent(verb)
    if antecedent is not None:
        out.add(antecedent.lemma_.lower())  # "a tariff that X had planned to impose"
    for c in verb.children:
        objs = []
        if c.dep_ in ("dobj", "nsubjpass", "attr", "obj"):
            objs = [c]
        elif c.dep_ == "prep" and c.i > verb.i and c.lower_ in ("to", "on", "upon", "with", "for", "of"):
            objs = [g for g in c.children if g.dep_ == "pobj"]
        objs = [t for c in objs for t in conjuncts(c)]     # "16 people and two entities"
        for c in objs:
            out.add(c.lemma_.lower())
            if c.ent_type_:
                out.add("@" + c.ent_type_.lower())      # "+@person": a named person as object
            # "two days of talks", "a series of attacks"
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ == "of":
                    out.update(g.lemma_.lower() for g in p.children if g.dep_ == "pobj")
    return out


def match_verb(verb) -> patterns.Pattern | None:
    """The most specific verbs.tsv pattern that fits this verb token, or None."""
    if verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("amod", "compound", "prep"):
        return None   # "Russia-backed offensive": a modifier; "given that ...": a preposition
    lemma = verb.lemma_.lower()
    pats = patterns.verb_patterns().get(lemma)
    if not pats:
        return None
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if lemma in MODIFIER_VERBS and nxt is not None and nxt.head.i == verb.i and nxt.dep_ in ("dobj", "obj") \
            and match_noun(nxt) is not None and not any(c.dep_ == "nsubj" for c in verb.children):
        return None   # "brought drama to trade talks": a noun modifier the parser read as a verb
        # (not "Israel and Hamas traded fire": a verb with its subject)
    comps = None
    objs = None
    for p in pats:
        if p.particles:
            comps = _complement_words(verb) if comps is None else comps
            if not all(w in comps or (p.objects and w in _object_preps(verb)) for w in p.particles):
                continue     # "took action against X": the parser may hang "against" on the object
        if p.objects:
            objs = _object_lemmas(verb) if objs is None else objs
            if not all(w in objs for w in p.objects):
                continue
        return p
    return None


def plain_noun(noun) -> patterns.Pattern | None:
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
    if lemma in CARRIER_NOUNS:
        # "the imposition of tariffs": the event of its "of" object
        inner = of_object(noun)
        inner_p = plain_noun(inner) if inner is not None else None
        if inner_p is not None:
            return inner_p
    p = nouns.get(lemma)
    if p is None and noun.lower_ in nouns:
        p = nouns[noun.lower_]
    if p is None and lemma in AMOUNT_NOUNS:
        # "an aid package", "a sanctions package": the event noun before the measure
        inner = [c for c in noun.children if c.dep_ == "compound" and c.i < noun.i]
        p = next((nouns.get(c.lemma_.lower()) for c in inner if nouns.get(c.lemma_.lower())), None)
    if p is None:
        return None
    if lemma == "call" and not any(c.dep_ == "prep" and c.lower_ in ("for", "on") for c in noun.children):
        return nouns.get("phone call")
    if lemma == "strike":
        # air strikes and strikes on a target are attacks; other strikes are labour strikes
        mods = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound", "nmod")}
        military_verb = noun.head.lemma_.lower() in ("carry", "launch", "conduct", "order") and any(
            c.dep_ == "prep" and c.lower_ in ("on", "against") for c in noun.head.children)
        if not (mods & AIR_STRIKE_MODIFIERS or military_verb or any(
                c.dep_ == "prep" and c.lower_ in ("on", "against")
                and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children) for c in noun.children)):
            return patterns.Pattern(p.id + " (labour strike)", "strike", (), (), "PROTEST", "strike")
    return p


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


def _pressing(noun, p: patterns.Pattern | None) -> patterns.Pattern | None:
    """A noun of ``pressing_nouns`` ("push", "pressure") is a request only when it names whom
    it presses to act (events/nominal.py)."""
    if p is None or p.lemma not in PRESSING_NOUNS:
        return p
    return p if nominal.presses_someone(noun) else None


def match_noun(noun) -> patterns.Pattern | None:
    """The nouns.tsv pattern for a trigger noun ("talks", "sanctions"), a two-word noun
    ("legal action"), or a reversing noun with its object ("suspension of aid")."""
    if noun.pos_ not in ("NOUN", "PROPN") and not (
            noun.pos_ == "VERB" and noun.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass")):
        return None   # ("launched drills": the small model tags "drills" VERB in an object slot)
    rev = patterns.reversers().get((noun.lemma_.lower(), "NOUN"))
    if rev is not None:
        obj = reversal_object(noun)
        inner = plain_noun(obj) if obj is not None else None
        if inner is not None:
            return reversed_pattern(rev, inner, obj.text)
    return _pressing(noun, plain_noun(noun))


def reversed_object(verb):
    """(object noun, its pattern) of a reversing verb: "lifted the ban", "called off the
    strike", "ended two days of talks"."""
    for c in verb.children:
        if c.dep_ in ("dobj", "obj", "nsubjpass"):
            p = plain_noun(c)
            if p is not None:
                return c, p
            inner = of_object(c)
            if inner is not None:
                p = plain_noun(inner)
                if p is not None:
                    return inner, p
            return c, None
    return None, None


def match_reverser(verb) -> tuple[patterns.Pattern | None, object]:
    """A reversing verb and what it reverses, or (None, None)."""
    if verb.pos_ not in ("VERB",) or verb.dep_ in ("amod", "compound", "prep"):
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


def _trigger_in(tok):
    """``tok`` or its "of" object, whichever is a trigger noun ("talks", "a state of
    emergency"), or None."""
    if match_noun(tok):
        return tok
    inner = of_object(tok)
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


def light_noun(verb) -> object | None:
    """The trigger noun a light verb governs: "held talks", "kicked off two days of talks",
    "went on strike", "remained on alert", "declared a state of emergency"."""
    for c in verb.children:
        if c.dep_ in ("dobj", "obj", "nsubjpass", "attr"):
            found = _trigger_in(c)
            inner = of_object(c)
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


def verb_pattern(tok) -> tuple[patterns.Pattern | None, object]:
    """The pattern for a verb and the object noun it consumes (reversers, carriers)."""
    p = match_verb(tok)
    if p is not None and p.specificity > 0 and p.event not in ("LIGHT",):
        return p, None
    rp, obj = match_reverser(tok)
    if rp is not None and (obj is not None or p is None):
        return rp, obj
    return p, None
