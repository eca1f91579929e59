"""Small readings of the dependency parse shared by the event coder and the actor
resolution: coordination, "of" objects, noun-phrase spans, purpose clauses, places."""
from __future__ import annotations

from dateline.events.words import AMOUNT_NOUNS, MESSAGE_NOUNS, REVERSAL_PREPS


def conjuncts(token) -> list:
    """The token and the heads it is coordinated with ("Biden and Xi" -> [Biden, Xi])."""
    out = [token]
    for c in token.children:
        if c.dep_ == "conj":
            out.extend(conjuncts(c))
    return out


def of_object(token):
    """The object of "of" after a noun ("suspension of aid"), or of "in" after a noun that
    only measures one ("an increase in tariffs": ``amount_nouns`` in word_classes.tsv)."""
    preps = ("of", "in") if token.lemma_.lower() in AMOUNT_NOUNS else ("of",)
    for c in token.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def reversal_object(token):
    """What a reversing noun reverses: its "of" object ("the suspension of aid"), else its
    "on" object ("a hold on military aid", "a freeze on loans"): ``reversal_preps`` in
    data/implicit_parties.tsv."""
    found = of_object(token)
    if found is not None:
        return found
    for prep in REVERSAL_PREPS:
        for c in token.children:
            if c.dep_ == "prep" and c.lower_ == prep:
                objs = [g for g in c.children if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME")]
                if objs:
                    return objs[0]
    return None


def relative_antecedent(verb):
    """The noun a relative clause is about when the verb's object is the relative pronoun
    ("a tariff that the administration had planned to impose" -> tariff), or None."""
    if not any(c.dep_ in ("dobj", "obj") and c.lower_ in ("that", "which") for c in verb.children):
        return None
    cur = verb
    while cur.dep_ == "xcomp" and cur.head is not cur:
        cur = cur.head
    return cur.head if cur.dep_ == "relcl" and cur.head.pos_ in ("NOUN", "PROPN") else None


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


def has_for_mark(clause) -> bool:
    return any(m.dep_ == "mark" and m.lower_ == "for" for m in clause.children)


def is_purpose_clause_like(tok) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def is_purpose_clause(tok) -> bool:
    """An infinitival clause of purpose or content: "sent aid to support refugees"."""
    return tok.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def governing_verb(noun, steps: int = 4):
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


def verb_above(noun, steps: int = 5):
    """The nearest verb a noun phrase hangs from through any words (prepositions, objects,
    nouns: "a route for [aid]" -> open), or None; :func:`governing_verb` goes through
    prepositions only."""
    cur = noun
    for _ in range(steps):
        if cur.head.i == cur.i or cur.dep_ in ("ROOT", "conj", "appos"):
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None


def places_of(token) -> list:
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
                        out.extend(places_of(g))
        elif c.dep_ == "npadvmod" and c.ent_type_ in ("GPE",):
            out.append(c)
    return out


def told_clause_head(clause):
    """The verb a clause of what was said or told hangs from: the head of a complement clause
    ("said (that) X ..."), also of a "that" clause the parser hung on the noun before it as a
    relative clause ("told X at a meeting that they had to ...": "that" is a mark there, not
    the relative's own subject or object). None for other clauses."""
    if clause.dep_ == "ccomp":
        return clause.head
    if clause.dep_ == "relcl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children) \
            and any(c.dep_ == "nsubj" for c in clause.children):
        verb = clause.head
        for _ in range(4):
            if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                break
            verb = verb.head
        return verb if verb.pos_ in ("VERB", "AUX") else None
    return None


def message_clause_noun(clause):
    """The message noun a "that" clause tells ("a reminder to Iraq that it must cooperate"),
    or None."""
    noun = clause.head
    if clause.dep_ in ("acl", "relcl") and noun.pos_ == "NOUN" and noun.lemma_.lower() in MESSAGE_NOUNS \
            and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
        return noun
    return None


def sent_to(verb, noun=None):
    """Whom a verb of saying or sending addresses: its object or dative ("told Ukraine",
    "sent a message to Iraq"), or the "to" phrase of the message noun."""
    for c in list(verb.children) + (list(noun.children) if noun is not None else []):
        if c.dep_ in ("dobj", "dative") and c.pos_ != "ADP" and (noun is None or c.i != noun.i):
            return c
        if c.dep_ in ("dative", "prep") and c.lower_ == "to":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def object_predicates(verb) -> list:
    """What a naming verb calls its object: its object predicate ("called the deal a
    success"), or a second noun the parser hangs on the object ("called the killing an act of
    terrorism")."""
    return [c for c in verb.children if c.dep_ == "oprd"] or [
        d for c in verb.children if c.dep_ == "dobj" for d in c.children
        if d.dep_ in ("dobj", "attr") and d.pos_ == "NOUN" and d.i > c.i]

