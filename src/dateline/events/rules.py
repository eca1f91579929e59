"""Codebook rules: how status and context change a candidate's PLOVER type.

:data:`CANDIDATE_RULES` are applied in order to every candidate once its status is known
(:func:`finalise`), :data:`VERB_RULES` to verb triggers as they are found. Each rule is a
small named function; when one changes the candidate its name is added to
``Candidate.rules_fired`` (explain shows it under "codebook_rules").
"""
from __future__ import annotations

from dataclasses import dataclass

from dateline.events import patterns
from dateline.events.arguments import objects_of, reporter_of
from dateline.events.candidate import Arg, Candidate
from dateline.events.status import NOT_DONE_REASONS, status_of, verb_chain
from dateline.events.syntax import sent_to, told_clause_head
from dateline.events.triggers import plain_noun
from dateline.events.words import (
    ARMED_FORCE_LEMMAS, BODY_PARTS, CIVILIAN_LEMMAS, COMMITMENT_LEMMAS, COMMITMENT_MODIFIERS, COMMITMENT_OBJECTS,
    CONDITIONAL_MARKS, COUNTERFACTUAL_AUX, DEMAND_LEMMAS, INDEFINITE_SUBJECTS, MATERIAL_SUPPORT, MEASURE_NOUNS,
    OBLIGATION_AUX, OBLIGATION_VERBS, OBSTRUCT_LEMMAS, ORDER_LEMMAS, PROTESTER_LEMMAS, REFUSAL_CONDITION_MARKS,
    REPORTING_LEMMAS, STATE_LEMMAS,
)

#: hostile types: a commitment to one of these is a threat
HOSTILE_TYPES = {"ASSAULT", "COERCE", "SANCTION", "THREATEN"}


#: PLOVER types that an announced intent turns into AGREE ("will release", "is willing to
#: withdraw"): the codebook codes promises of material cooperation as AGREE.
INTENT_TO_AGREE = {"RETREAT", "AID", "COOPERATE"}


def state_like(tok) -> bool:
    """A government speaking ("Beijing", "the foreign ministry"): its "protest" is a complaint."""
    return tok.ent_type_ in ("GPE", "NORP") or tok.lemma_.lower() in STATE_LEMMAS


def condition_subjects(verbs, marks, deps=("nsubj", "nsubjpass")) -> list:
    """The subjects of the conditions (adverbial clauses opened by one of ``marks``: "if",
    "unless", "until") that hang from ``verbs``: who must act for the clause to hold."""
    return [s for t in verbs for c in t.children
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)
            for s in c.children if s.dep_ in deps]


def have_to(tok) -> bool:
    """Is ``tok`` the verb of an obligation put with a verb ("has to release", "will have to
    make a deal", obligation_verbs) rather than an auxiliary ("must")? Not "had to": what
    someone had to do, they did; unless it is what someone was told they had to do (told in
    the past, "have to" shifts back: "Sondland told the Ukrainians they had to open ...")."""
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in OBLIGATION_VERBS \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) \
        and (tok.head.tag_ != "VBD" or _told_they_had(tok.head)) \
        and not any(c.dep_ == "dobj" for c in tok.head.children)


def _told_they_had(had) -> bool:
    """"told Y (that) they had to ...": a pronoun subject in what was told to someone."""
    subj = [c for c in had.children if c.dep_ == "nsubj"]
    report = told_clause_head(had)
    told = sent_to(report) if report is not None and report.lemma_.lower() in REPORTING_LEMMAS else None
    return told is not None and told.i < had.i and bool(subj) and subj[0].lower_ in ("they", "it", "you")


#: subjects of an obligation that are the speaker's own side: "we must", "I should"
FIRST_PERSON = {"we", "i"}


def own_obligation(tok) -> bool:
    """"We should be looking for ways to improve it," Obama said: an obligation a speaker puts
    on their own side is no demand of anyone."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in FIRST_PERSON for c in tok.children)


# --------------------------------------------------------------------------------------
# Rules on a candidate once its status is known
# --------------------------------------------------------------------------------------
@dataclass
class Context:
    """What the candidate rules read besides the candidate."""

    status: str
    why: str
    ptype: patterns.PloverType          # the type the pattern gave, before any rule
    head: object                        # the clause verb (or the trigger) that carries the status
    auxes: set[str]                     # auxiliaries along the verb chain


def negated_material_act(cand: Candidate, ctx: Context) -> bool:
    """"has not withdrawn its troops": a material act that did not happen, not a refusal (it is
    kept as negated, and dropped); withholding access is a refusal ("did not give permission
    for the rally")."""
    return ctx.status == "negated" and ctx.ptype.quad_code == 2 \
        and bool(ctx.auxes & {"did", "has", "have", "had", "was", "were"}) and cand.mode != "access"


def refusal(cand: Candidate, ctx: Context) -> bool:
    """A negated cooperative act is REJECT ("refused to meet", "would not sign")."""
    if ctx.status == "negated" and ctx.ptype.quad_code in (1, 2):
        cand.event, cand.mode = "REJECT", None
        return True
    return False


def obligation(cand: Candidate, ctx: Context) -> bool:
    """A demand put as an obligation ("Israel must end attacks") is a REQUEST; "Pompeo said
    North Korea must disarm": the speaker demands it of the subject."""
    if not (ctx.auxes & OBLIGATION_AUX) or cand.event in ("REQUEST",) or cand.kind == "noun" \
            or ctx.why.startswith(NOT_DONE_REASONS) or any(own_obligation(t) for t in verb_chain(ctx.head)):
        return False      # not "instead of telling them that X must ...": no demand was made
    speaker = next((found for found in map(reporter_of, verb_chain(ctx.head)) if found), [])
    if speaker and ctx.ptype.quad_code == 4 and cand.actors \
            and all(a.token.lower_ in INDEFINITE_SUBJECTS for a in cand.actors):
        # "somebody ought to put a bullet in her skull," he said: the speaker's threat
        cand.event, cand.mode, cand.actors = "THREATEN", None, speaker
        cand.notes.append("an attack a speaker says someone ought to make: the speaker's threat")
        return True
    cand.event, cand.mode = "REQUEST", None
    if speaker:
        cand.recipients = [Arg(a.token, "obligation>" + a.path, True) for a in cand.actors] + cand.recipients
        cand.actors = speaker
        cand.notes.append("an obligation reported from a speaker: the speaker's demand of the subject")
    return True


def _announced(ctx: Context) -> bool:
    """Planned or possible, not a condition, not speculation about the past ("may have
    launched"), and not the writer's own speculation: a bare modal ("That would help
    farmers", "China could retaliate") announces nothing unless someone says it."""
    if ctx.why.startswith(NOT_DONE_REASONS):
        return False
    return ctx.status in ("planned", "hypothetical") and not ctx.why.startswith(("conditional", "inside")) \
        and not (ctx.auxes & {"have", "'ve"})


def _dated_future(head, auxes: set[str]) -> bool:
    """"The EU would hold talks with Abbas next month": a "would" with a date is a future
    someone reported, not a guess."""
    return "would" in auxes and any(t.ent_type_ == "DATE" for t in head.subtree)


def _said(head) -> bool:
    """Is the clause (or the clause chain it is in) what someone says or writes, what a
    measure does ("the bill would impose sanctions"), or the content of a noun of saying or
    fearing ("concerns that Tehran may be planning to attack")?"""
    for tok in verb_chain(head):
        if reporter_of(tok):
            return True
        if tok.dep_ in ("acl", "ccomp") and tok.head.pos_ == "NOUN" and any(
                c.dep_ == "mark" and c.lower_ == "that" for c in tok.children):
            return True
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in MEASURE_NOUNS for c in tok.children):
            return True
    return False


def promise(cand: Candidate, ctx: Context) -> bool:
    """"said it would release", "is willing to withdraw", "promised to send": the announcement
    is the event (AGREE); a plain future in the reporter's voice ("the government will give
    GM $30 billion") stays the planned aid itself."""
    if _announced(ctx) and cand.event in INTENT_TO_AGREE and not (ctx.why.startswith("future") and cand.event == "AID"):
        cand.event, cand.mode = "AGREE", None
        return True
    return False


def threat(cand: Candidate, ctx: Context) -> bool:
    """An announced attack, sanction or other material conflict is THREATEN; so is one said
    under a condition ("China would take strong countermeasures if the bill became law": a
    threat is conditional by nature)."""
    conditional_said = ctx.status == "hypothetical" and ctx.why.startswith(("conditional", "inside")) \
        and _said(ctx.head)
    if (_announced(ctx) or conditional_said) and ctx.ptype.quad_code == 4 and cand.event != "MOBILIZE":
        cand.event, cand.mode = "THREATEN", None
        if not cand.recipients:
            # "would retaliate if Israel attacked": the threat is aimed at the condition's doer
            cand.recipients = [Arg(s, "if-clause>nsubj", True)
                               for s in condition_subjects(verb_chain(ctx.head), CONDITIONAL_MARKS, ("nsubj",))]
        return True
    return False


def demand_for_hostile_measure(cand: Candidate, ctx: Context) -> bool:
    """Asking for a hostile measure against someone accuses them ("called for sanctions
    against Moscow", "demanded an investigation into the killing"); asking a party for it
    stays a request of that party ("asked Zelenskiy for investigations")."""
    if cand.event != "REQUEST" or cand.kind != "verb" or cand.trigger.lemma_.lower() not in DEMAND_LEMMAS:
        return False
    demanded = [t for t in cand.trigger.children if t.dep_ in ("dobj", "obj")]
    if any(t.ent_type_ in ("PERSON", "GPE", "ORG", "NORP") or t.pos_ in ("PRON", "PROPN")
           or any(c.dep_ in ("poss", "compound", "amod") and c.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")
                  for c in t.children) for t in demanded):
        return False   # "asked Zelenskiy for investigations": a request of the one asked
    demanded += [g for p in cand.trigger.children if p.dep_ == "prep" and p.lower_ == "for"
                 for g in p.children if g.dep_ == "pobj"]
    for t in demanded:
        npat = plain_noun(t)
        if npat is not None and npat.event in ("COERCE", "SANCTION", "ACCUSE", "ASSAULT"):
            cand.event, cand.mode = "ACCUSE", None
            cand.notes.append(f"a demand for {t.text} against someone: ACCUSE")
            return True
    return False


#: entity labels of a word that names a party
PARTY_ENTS = {"GPE", "NORP", "ORG", "PERSON"}


def refusal_on_condition(cand: Candidate, ctx: Context) -> bool:
    """A refusal that names no one it answers but what it waits for ("will not return to the
    talks unless Washington lifts sanctions", "reluctant to commit to a meeting until a deal
    rolls back tariffs") is aimed at the doer of that condition (after any recipient the
    sentence gives, which the sides step may find is no party: "the talks")."""
    if cand.event != "REJECT" or any(a.token.pos_ in ("PROPN", "PRON") or a.token.ent_type_ in PARTY_ENTS
                                     for a in cand.recipients):
        return False
    chain = verb_chain(ctx.head)
    # the small parser hangs the condition on the refused verb ("refused to sign ... before")
    # or on the reporting verb ("will not return ... unless ..., the minister said")
    heads = chain + [x for t in chain for x in t.children if x.dep_ == "xcomp"] \
        + [t.head for t in chain if t.dep_ == "ccomp"]
    doers = [Arg(s, "condition>nsubj", True) for s in condition_subjects(heads, REFUSAL_CONDITION_MARKS)]
    if not doers:
        return False
    cand.recipients = cand.recipients + doers
    cand.notes.append("a refusal aimed at the doer of what it waits for")
    return True


def body_part_target(cand: Candidate, ctx: Context) -> bool:
    """An attack on a body part is aimed at its owner ("put a bullet in her skull", "shot him
    in the head": ``body_parts``), when the sentence names no party it is aimed at."""
    if ctx.ptype.quad_code != 4 or any(a.token.pos_ in ("PROPN", "PRON") or a.token.ent_type_ in PARTY_ENTS
                                       for a in cand.recipients):
        return False
    owners = [Arg(o, "body-part>poss", True) for p in cand.trigger.children if p.dep_ == "prep"
              for g in p.children if g.dep_ == "pobj" and g.lemma_.lower() in BODY_PARTS
              for o in g.children if o.dep_ == "poss"]
    if not owners:
        return False
    cand.recipients = owners + cand.recipients
    return True


def material_support(cand: Candidate, ctx: Context) -> bool:
    """"military support", "financial support": aid."""
    if cand.event == "SUPPORT" and cand.kind in ("noun", "light") and any(
            c.dep_ in ("amod", "compound") and c.lower_ in MATERIAL_SUPPORT for c in cand.trigger.children):
        cand.event, cand.mode = "AID", None
        cand.notes.append("material support (military, financial...) is AID")
        return True
    return False


def peacekeepers(cand: Candidate, ctx: Context) -> bool:
    """Peacekeepers sent or discussed are military assistance."""
    if cand.event in ("MOBILIZE", "CONSULT") and any(t.lemma_.lower().startswith("peacekeep")
                                                     for t in (cand.clause or cand.trigger).subtree):
        cand.event, cand.mode = "AID", "military"
        return True
    return False


def people_protest(cand: Candidate, ctx: Context) -> bool:
    """People protest: a demonstration (a government that "protests" something complains)."""
    if cand.trigger.lemma_.lower() == "protest" and cand.kind == "verb" and not (
            any(state_like(a.token) for a in cand.actors)
            and any(c.dep_ in ("dobj", "obj", "prep") for c in cand.trigger.children)):
        cand.event, cand.mode = "PROTEST", "demo"
        return True
    return False


def regret_over(cand: Candidate, ctx: Context) -> bool:
    """Regret expressed "over" or "at" something is disapproval (ACCUSE), not an apology:
    "expressed extreme regret over the bill"."""
    if cand.event != "CONCEDE" or not cand.pattern.objects or "regret" not in cand.pattern.objects:
        return False
    for c in cand.trigger.children:
        if c.dep_ in ("dobj", "obj") and c.lemma_.lower() == "regret" and any(
                p.dep_ == "prep" and p.lower_ in ("over", "at", "about") for p in c.children):
            cand.event, cand.mode = "ACCUSE", "disapprove"
            cand.recipients = cand.recipients + [Arg(g, "regret>prep>pobj", True) for p in c.children
                                                 if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"]
            return True
    return False


def forces_deployed(cand: Candidate, ctx: Context) -> bool:
    """Armed forces that take to the streets or march are deployed (MOBILIZE), not protesting:
    "soldiers took to the streets to clear barricades"."""
    if cand.event == "PROTEST" and cand.actors and all(
            a.token.lemma_.lower() in ARMED_FORCE_LEMMAS for a in cand.actors):
        cand.event, cand.mode = "MOBILIZE", "troops"
        # "took to the city's streets", "Hong Kong's streets": deployed in that place
        owners = [c for p in cand.trigger.children if p.dep_ == "prep" for g in p.children
                  if g.dep_ == "pobj" and g.lemma_.lower() == "street" for c in g.children if c.dep_ == "poss"]
        if owners:
            cand.recipients = [Arg(owners[0], "prep:to>pobj>poss", True)]
        return True
    return False


def protesters_violence(cand: Candidate, ctx: Context) -> bool:
    """Protesters who attack or coerce riot (PROTEST riot); a riot is collective, so one
    protester who attacks someone ("set on fire by a protester") assaults."""
    if cand.event in ("ASSAULT", "COERCE") and any(
            a.token.lemma_.lower() in PROTESTER_LEMMAS and a.token.tag_ != "NN" for a in cand.actors):
        cand.event, cand.mode = "PROTEST", "riot"
        return True
    return False


def civilians_obstruct(cand: Candidate, ctx: Context) -> bool:
    """Civilians who block roads are protesting (PROTEST obstruct), not coercing: "workers
    blocking a bridge"."""
    if cand.event == "COERCE" and cand.mode in ("restrict", None) and cand.trigger.lemma_.lower() in OBSTRUCT_LEMMAS \
            and any(a.token.lemma_.lower() in CIVILIAN_LEMMAS for a in cand.actors):
        cand.event, cand.mode = "PROTEST", "obstruct"
        return True
    return False


#: what the status makes of the type: the first of these that applies, and only it
STATUS_RULES = [negated_material_act, refusal, obligation, promise, threat]
#: then each of these, in order
CANDIDATE_RULES = [demand_for_hostile_measure, refusal_on_condition, body_part_target, material_support, peacekeepers, people_protest,
                   regret_over, forces_deployed, protesters_violence, civilians_obstruct]


def finalise(cand: Candidate) -> Candidate:
    """Status, then the codebook rules that depend on it (:data:`STATUS_RULES`, then
    :data:`CANDIDATE_RULES`); a type changed by a rule is an act that was itself made."""
    status, why = status_of(cand.trigger, cand.clause, noun=(cand.kind == "noun"))
    head = cand.clause if cand.clause is not None else cand.trigger
    chain = verb_chain(head)
    auxes = {c.lower_ for t in chain for c in t.children if c.dep_ == "aux"}
    if any(have_to(t) for t in chain):
        auxes.add("must")           # "Y has to release them", "is going to have to make a deal"
    if why.startswith("modal:") and not auxes & (OBLIGATION_AUX | {"have", "'ve"}) and not _said(head) \
            and not _dated_future(head, auxes):
        why = "speculation, no one says it (" + why + ")"
    elif why.startswith("modal:") and auxes & {"have", "'ve"} and auxes & COUNTERFACTUAL_AUX:
        why = "counterfactual, it did not happen (" + why + " have)"   # "would have objected"
    ptype = patterns.plover_types().get(cand.event)
    if why.startswith("modal:") and auxes & OBLIGATION_AUX and any(own_obligation(t) for t in chain):
        # "'We should be supporting Ukraine,' the senator said": a speaker's stance on their
        # own side's duty is itself the verbal act; a material act is what they mean to do
        if ptype is not None and ptype.quad_code in (1, 3):
            status, why = "occurred", "the speaker's own stance (" + why + ")"
        else:
            status, why = "planned", "future: the speaker's own side ought to (" + why + ")"
        speaker = next((found for found in map(reporter_of, chain) if found), [])
        if speaker and all(a.token.lower_ in FIRST_PERSON for a in cand.actors):
            cand.actors = speaker        # "we" is the speaker's side
    cand.status, cand.status_why = status, why
    if ptype is None:
        return cand
    ctx = Context(status, why, ptype, head, auxes)
    original = cand.event
    status_rule = next((r for r in STATUS_RULES if r(cand, ctx)), None)
    if status_rule is not None:
        cand.rules_fired.append(status_rule.__name__)
    for rule in CANDIDATE_RULES:
        if rule(cand, ctx):
            cand.rules_fired.append(rule.__name__)
    if cand.event != original and status_rule is None:
        # a codebook rule retyped it ("protesters clashed" -> PROTEST): its status stands
        cand.notes.append(f"{original} coded as {cand.event}")
    elif cand.event != original:
        cand.notes.append(f"{original} {status} ({why}) coded as {cand.event}")
        cand.status, cand.status_why = "occurred", f"the {cand.event.lower()} itself was made ({why})"
    return cand


# --------------------------------------------------------------------------------------
# Rules on a verb trigger as it is found (they read the sentence's other verb patterns)
# --------------------------------------------------------------------------------------
def commitment_to_hostile_act(cand: Candidate, tok, p: patterns.Pattern, verb_pats: dict) -> bool:
    """A commitment verb takes the type of the act committed to when it is hostile: "vowed to
    strike back" is THREATEN; the act's objects are recipients too."""
    if tok.lemma_.lower() not in COMMITMENT_LEMMAS:
        return False
    inner = [c for c in tok.subtree if c.i in verb_pats and c.i != tok.i and verb_pats[c.i].event in HOSTILE_TYPES]
    if not inner:
        return False
    cand.event, cand.mode = "THREATEN", None
    cand.notes.append(f"commitment to a hostile act ({inner[0].text}): THREATEN")
    cand.recipients = cand.recipients + objects_of(inner[0], verb_pats[inner[0].i])
    return True


def signed_commitment(cand: Candidate, tok, p: patterns.Pattern, verb_pats: dict) -> bool:
    """What is signed, when it is a commitment to act together rather than an endorsement: a
    defence pact or a ceasefire is AGREE ("sign" alone is SUPPORT, as in the PLV gold)."""
    if p.lemma != "sign" or cand.event != "SUPPORT":
        return False
    signed = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    words = {w.lemma_.lower() for c in signed for w in [c] + list(c.children)
             if w.dep_ in ("compound", "amod", "dobj", "obj", "nsubjpass")}
    words |= {g.lemma_.lower() for c in signed + [tok] for pr in c.children
              if pr.dep_ == "prep" and pr.lower_ in ("on", "for")
              for g in pr.children if g.dep_ == "pobj"}
    if words & COMMITMENT_OBJECTS or words & COMMITMENT_MODIFIERS:
        cand.event, cand.mode = "AGREE", None
        cand.notes.append("signing a defence, security or ceasefire agreement: AGREE")
        return True
    return False


def courtesy_call(cand: Candidate, tok, p: patterns.Pattern, verb_pats: dict) -> bool:
    """"call on X" without a clause is a courtesy call (CONSULT visit), not a request. An
    infinitive marker anywhere after it is a clause the parser lost ("called on Serbia and
    Kosovo to de-escalate tensions": the hyphenated verb read as an adjective)."""
    if p.lemma == "call" and "on" in p.particles and not any(
            c.dep_ in ("xcomp", "ccomp", "advcl") for c in tok.children) \
            and not any(t.lower_ == "to" and t.dep_ == "aux" for t in tok.doc[tok.i + 1:tok.sent.end]):
        cand.event, cand.mode = "CONSULT", "visit"
        return True
    return False


def _ordered_hostile_state(tok) -> list:
    """"ordered Castillo held in pre-trial detention", "ordered him taken into custody": the
    hostile nouns of the ordered state."""
    states = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp", "oprd")]
    states += [g for c in tok.children if c.dep_ in ("dobj", "obj")
               for g in c.children if g.dep_ == "acl"]      # "ordered X held in"
    return [g for c in states
            for p in c.children if p.dep_ == "prep"
            for g in p.children if g.dep_ == "pobj" and (plain_noun(g) is not None
                                                          and plain_noun(g).event in ("COERCE", "ASSAULT"))]


def order_of_hostile_act(cand: Candidate, tok, p: patterns.Pattern, verb_pats: dict) -> bool:
    """An order to do something hostile is COERCE ("ordered troops to fire", "ordered him
    detained"), not a request."""
    if tok.lemma_.lower() not in ORDER_LEMMAS or cand.event != "REQUEST":
        return False
    types = patterns.plover_types()
    ordered = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.i in verb_pats]
    hostile = [c for c in ordered if (types.get(
        verb_pats[c.i].event.replace("CARRY:", "")) or types["REQUEST"]).quad_code == 4]
    if not hostile:
        hostile = _ordered_hostile_state(tok)
    if hostile:
        cand.event, cand.mode = "COERCE", None
        cand.notes.append(f"an order to '{hostile[0].text}' (hostile act): COERCE")
        return True
    return False


#: applied in order to each verb trigger (``events.code``); each that fires is recorded
VERB_RULES = [commitment_to_hostile_act, signed_commitment, courtesy_call, order_of_hostile_act]


def apply_verb_rules(cand: Candidate, tok, p: patterns.Pattern, verb_pats: dict) -> None:
    """Apply :data:`VERB_RULES` to a verb candidate."""
    for rule in VERB_RULES:
        if rule(cand, tok, p, verb_pats):
            cand.rules_fired.append(rule.__name__)
