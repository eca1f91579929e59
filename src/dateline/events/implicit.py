"""Parties a sentence leaves implicit in measures and retreats (issue 15).

Real news tells many material acts as passives with no agent or as nouns; an analyst still
codes them, with the parties the article gives. After the coder has found a sentence's
candidates, :func:`implicit_parties` marks the sides that the sentence leaves out, with a
path of :mod:`events.candidate` that the scene (``events/scene.py``) fills from the article:

- a measure put in place with no agent ("a tariff imposed on Chilean copper in March",
  "sanctions were imposed on Iran"): its imposer (``IMPOSER_PATH``), and for a measure
  against a foreign state with no target named ("imposed on consumer goods") its target
  (``TARGET_PATH``): :func:`events.scene.place_imposers`;
- a government's own act withdrawn with no agent ("the extradition bill was withdrawn",
  "the withdrawal of the bill"): the government of the place (``GOVERNMENT_PATH``, placed
  by :func:`events.scene.place_people`);
- aid held back ("the hold on U.S. military aid to Chile", "U.S. aid was stalled"): the
  aid's own giver withholds it from its receiver (SANCTION, not AID).

The words are data: ``events/data/implicit_parties.tsv`` (read in :mod:`events.words`).
"""
from __future__ import annotations

from dateline.events import patterns
from dateline.events.arguments import noun_args, passive_participle
from dateline.events.candidate import GOVERNMENT_PATH, IMPOSER_PATH, TARGET_PATH, Arg, Candidate
from dateline.events.syntax import relative_antecedent, reversal_object
from dateline.events.triggers import match_noun, reversed_object
from dateline.events.words import FOREIGN_MEASURE_NOUNS, GOVERNMENT_THINGS, INQUIRY_LEMMAS, MEASURE_VERBS, SCHEDULE_WORDS

#: the types of a measure one side puts on another
MEASURE_EVENTS = {"SANCTION", "COERCE"}
#: the types of a government taking back its own act
RETREAT_EVENTS = {"RETREAT", "CONCEDE"}


def implicit_parties(cands: list[Candidate]) -> list[Candidate]:
    """The sentence's candidates (after the codebook rules) with the sides it leaves out
    marked; a measure noun that a
    passive participle describes ("tariffs imposed on X") is one event with the participle."""
    described = set()
    for cand in cands:
        if cand.kind == "noun" and scheduled_measure_noun(cand.trigger):
            _planned_measure_noun(cand)
        if cand.kind == "verb" and relative_antecedent(cand.trigger) is not None:
            # "a tariff that X had planned to impose": the relative pronoun is the measure,
            # not whom it is imposed on
            cand.recipients = [a for a in cand.recipients if not (
                a.path in ("dobj", "obj") and a.token.lower_ in ("that", "which"))]
        owners = _described_owner(cand)
        if owners:
            # "Kenya's tariffs imposed on Ugandan goods in March": the noun names the imposer,
            # the participle the target and the date; one event
            cand.actors = owners
            described.add(cand.trigger.head.i)
        elif _unnamed_imposer(cand):
            cand.actors = [Arg(cand.trigger, IMPOSER_PATH, True)]
            cand.rules_fired.append("implicit_imposer")
            if cand.trigger.dep_ == "acl":
                described.add(cand.trigger.head.i)
        if _measure(cand) and _foreign_measure(cand) is not None:
            cand.recipients = cand.recipients + _goods_of_amount(cand)
        if _measure(cand) and _foreign_measure(cand) is not None \
                and (cand.kind != "noun" or any(a.path == IMPOSER_PATH for a in cand.actors)) \
                and not any(a.path == TARGET_PATH for a in cand.recipients):
            # tried after every named recipient: used only when none of them is a party
            cand.recipients = cand.recipients + [Arg(cand.trigger, TARGET_PATH, True)]
        if _government_retreat(cand):
            cand.actors = [Arg(cand.trigger, GOVERNMENT_PATH, True)]
            cand.rules_fired.append("implicit_government")
        _giver_withholds(cand)
        _withheld_is_no_recipient(cand)
        _scheduled_measure(cand)
        if cand.kind == "verb" and investigated_act(cand.trigger, cand.event):
            cand.status, cand.status_why = "hypothetical", \
                f"under inquiry: whether ('{cand.trigger.head.text}' whether ...)"
            cand.rules_fired.append("investigated_act")
    return [c for c in cands if not (c.kind == "noun" and c.trigger.i in described)]


def _measure(cand: Candidate) -> bool:
    """A measure put on someone, also when announced (a THREATEN of a measure pattern)."""
    return cand.event in MEASURE_EVENTS or (cand.event == "THREATEN" and cand.pattern.event in MEASURE_EVENTS)


def passive_without_agent(verb) -> bool:
    """"was withdrawn", "tariffs imposed on X" with no "by" phrase."""
    passive = passive_participle(verb) or any(c.dep_ == "auxpass" for c in verb.children)
    return passive and not any(c.dep_ == "agent" for c in verb.children)


def _patient(verb):
    """What a passive verb was done to: its passive subject, or the noun its participle
    describes."""
    for c in verb.children:
        if c.dep_ == "nsubjpass":
            return c
    return verb.head if passive_participle(verb) else None


def _foreign_measure(cand: Candidate):
    """The measure noun of a candidate when it is one a state takes against another (a
    tariff, a sanction), or None: the trigger noun itself, the verb's object, the noun its
    participle describes, or a relative clause's antecedent."""
    tok = cand.trigger
    if cand.kind in ("noun", "light"):
        return tok if tok.lemma_.lower() in FOREIGN_MEASURE_NOUNS else None
    if tok.lemma_.lower() not in MEASURE_VERBS:
        return None
    heads = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    if passive_participle(tok):
        heads.append(tok.head)
    antecedent = relative_antecedent(tok)
    if antecedent is not None:
        heads.append(antecedent)
    return next((h for h in heads if h.lemma_.lower() in FOREIGN_MEASURE_NOUNS), None)


#: entity types of an amount ("$156 billion in Chinese goods")
AMOUNT_ENTS = ("MONEY", "CARDINAL", "QUANTITY")


def _goods_of_amount(cand: Candidate) -> list[Arg]:
    """"Tariffs on some $156 billion in Chinese goods", "on $125 billion worth of Chinese
    goods": the goods an amount is of name the target (their nationality)."""
    heads = [cand.trigger] + ([cand.light] if cand.light is not None else []) + (
        [cand.trigger.head] if passive_participle(cand.trigger) else [])
    out = []
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("on", "against"):
                continue
            for amount in prep.children:
                if amount.dep_ != "pobj" or amount.ent_type_ not in AMOUNT_ENTS:
                    continue
                for inner in amount.subtree:
                    if inner.dep_ == "pobj" and inner.head.lower_ in ("in", "of") and inner.pos_ in ("NOUN", "PROPN") \
                            and inner.ent_type_ not in AMOUNT_ENTS:
                        out.append(Arg(inner, f"prep:{prep.lower_}>amount>pobj", True))
                        break
    return [a for a in out if a.token.i not in {r.token.i for r in cand.recipients}]


def _described_owner(cand: Candidate) -> list[Arg]:
    """The imposer a measure noun names ("Kenya's tariffs", "Kenyan tariffs") for the passive
    participle that describes it, when the participle has no agent of its own; else []."""
    tok = cand.trigger
    if cand.kind != "verb" or cand.actors or cand.event not in MEASURE_EVENTS or not passive_participle(tok) \
            or not passive_without_agent(tok) or tok.lemma_.lower() not in MEASURE_VERBS \
            or tok.head.lemma_.lower() not in FOREIGN_MEASURE_NOUNS:
        return []
    return [Arg(a.token, "described>" + a.path, True) for a in noun_args(tok.head)[0]]


def _unnamed_imposer(cand: Candidate) -> bool:
    """A measure verb in the passive with no agent and no actor ("tariffs imposed on Chinese
    goods in March", "sanctions were imposed on Iran"); one only announced ("sanctions will
    be imposed") names no imposer the article could give."""
    tok = cand.trigger
    if passive_participle(tok) and noun_args(tok.head)[0]:
        return False     # "China's tariffs imposed on U.S. goods": the noun names its imposer
    return cand.kind == "verb" and cand.event in MEASURE_EVENTS and not cand.actors \
        and tok.lemma_.lower() in MEASURE_VERBS and passive_without_agent(tok) \
        and _foreign_measure(cand) is not None


def _government_retreat(cand: Candidate) -> bool:
    """A government's own act withdrawn with no one named who did it: "the bill was
    withdrawn", "the withdrawal of the bill"."""
    if cand.event not in RETREAT_EVENTS or cand.actors:
        return False
    tok = cand.trigger
    if cand.kind == "verb":
        thing = _patient(tok) if passive_without_agent(tok) else None
    elif cand.kind == "noun":
        thing = reversal_object(tok)
        if thing is not None and noun_args(tok)[0]:
            return False
    else:
        return False
    return thing is not None and thing.lemma_.lower() in GOVERNMENT_THINGS


def _cooperative(noun) -> bool:
    """Is the noun an act of giving or cooperation ("aid", "assistance", "funding")?"""
    p = patterns.noun_patterns().get(noun.lemma_.lower())
    ptype = patterns.plover_types().get(p.event) if p is not None else None
    return ptype is not None and ptype.quad_code in (1, 2)


def _withheld_is_no_recipient(cand: Candidate) -> None:
    """"Smith withheld U.S. military aid to Chile": the aid withheld is what is held back,
    not whom from ("U.S. aid" would code the recipient USA); the receiver "to Chile" stays."""
    if cand.kind != "verb" or cand.event != "SANCTION":
        return
    cand.recipients = [a for a in cand.recipients if not (
        a.path in ("dobj", "obj", "nsubjpass") and a.token.pos_ == "NOUN" and _cooperative(a.token))]


def _giver_withholds(cand: Candidate) -> None:
    """"The hold on U.S. military aid to Chile", "U.S. aid to Chile was stalled": a reversed
    act of giving with no actor of its own is done by the giver, to the receiver."""
    if cand.event != "SANCTION" or cand.actors or not cand.pattern.id.startswith("reversers"):
        return
    inner = reversal_object(cand.trigger) if cand.kind == "noun" else reversed_object(cand.trigger)[0]
    if inner is None:
        return
    if not _cooperative(inner):
        return
    givers, receivers = noun_args(inner)
    if not givers:
        return
    cand.actors = [Arg(a.token, f"giver-of:{inner.text}>" + a.path, True) for a in givers]
    # the aid itself is what is held back, not whom from ("U.S. aid" is no recipient)
    cand.recipients = [a for a in cand.recipients if a.token.i != inner.i]
    own = {a.token.i for a in cand.recipients}
    cand.recipients = [Arg(a.token, f"giver-of:{inner.text}>" + a.path, True) for a in receivers
                       if a.token.i not in own and a.token.i not in {g.token.i for g in givers}] + cand.recipients
    if not any(a.path == TARGET_PATH for a in cand.recipients):
        # "the hold on U.S. security assistance", "aid for the ally was stalled": withheld
        # from whom the article says, when no receiver named is a party (tried last)
        cand.recipients = cand.recipients + [Arg(cand.trigger, TARGET_PATH, True)]
    cand.rules_fired.append("giver_withholds")


def _scheduled_measure(cand: Candidate) -> None:
    """"A 15 percent tariff that the administration had planned to impose Dec. 15": a
    relative clause that describes a measure by its schedule tells the planned measure
    itself (SANCTION, planned), not a threat made to anyone."""
    if cand.kind != "verb" or cand.event != "THREATEN" or cand.pattern.event not in MEASURE_EVENTS:
        return
    antecedent = relative_antecedent(cand.trigger)
    if antecedent is None or antecedent.lemma_.lower() not in FOREIGN_MEASURE_NOUNS:
        return
    cand.event, cand.mode = cand.pattern.event, cand.pattern.mode
    cand.status, cand.status_why = "planned", "a scheduled measure (a relative clause describes it)"
    cand.rules_fired.append("scheduled_measure")


#: verbal reactions to an act already done: the act they are about is an event too
REACTION_EVENTS = {"REJECT", "ACCUSE", "PROTEST", "SUPPORT"}


def reacted_measure(noun, pattern, triggers: dict[int, str]) -> bool:
    """"Opposed the hold on U.S. aid", "criticised the freeze on loans": aid held back that a
    reaction is about is itself an event (a demand for it, "called for a freeze", is not)."""
    return pattern.id.startswith("reversers") and pattern.event == "SANCTION" \
        and noun.dep_ in ("dobj", "obj") and triggers.get(noun.head.i) in REACTION_EVENTS \
        and any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "any") for c in noun.children)


def investigated_act(verb, event: str) -> bool:
    """"Investigating whether Smith withheld aid to Chile": a material act in the "whether"
    clause of a verb of inquiry (``inquiry_verbs``) is the act the inquiry is about, an event
    of its own (hypothetical), not only the content of the inquiry."""
    ptype = patterns.plover_types().get(event)
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in INQUIRY_LEMMAS \
        and ptype is not None and ptype.quad_code in (2, 4) \
        and any(c.dep_ == "mark" and c.lower_ == "whether" for c in verb.children)


def scheduled_measure_noun(noun) -> bool:
    """"A scheduled Dec. 15 imposition of tariffs", "the planned tariffs": a foreign measure
    noun (or the carrier of one) that a ``schedule_words`` modifier says is scheduled."""
    p = match_noun(noun)
    if p is None or p.event not in MEASURE_EVENTS:
        return False
    inner = noun if noun.lemma_.lower() in FOREIGN_MEASURE_NOUNS else None
    return inner is not None and any(c.dep_ in ("amod", "compound") and c.lower_ in SCHEDULE_WORDS
                                     for c in noun.children)


def _planned_measure_noun(cand: Candidate) -> None:
    """A scheduled measure is planned (the measure itself, not a threat made to anyone);
    whoever the sentence leaves out imposes it on whom the article says."""
    cand.event, cand.mode = cand.pattern.event, cand.pattern.mode
    cand.status, cand.status_why = "planned", "a scheduled measure (modifier: scheduled, planned ...)"
    if not cand.actors:
        cand.actors = [Arg(cand.trigger, IMPOSER_PATH, True)]
    cand.recipients = [a for a in cand.recipients if a.path != TARGET_PATH] + [Arg(cand.trigger, TARGET_PATH, True)]
    cand.rules_fired.append("scheduled_measure")
