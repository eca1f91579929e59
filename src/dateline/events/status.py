"""Whether an event happened: occurred, planned, hypothetical, negated or ongoing.

Read from the clause around the trigger: negation ("did not attack", "neither ... nor"),
modals ("would intervene" hypothetical, "will meet" planned), conditionals ("if China
attacked"), embedding verbs from events/data/embedding.tsv ("plans to visit", "was ready to
defend") and the progressive present ("are fighting" ongoing). Returns the status and the
words that decided it, for ``explain``.
"""
from __future__ import annotations

from dateline.events import patterns
from dateline.events.syntax import verb_above
from dateline.events.words import (NONSPECIFIC_DETERMINERS, ALLOW_LEMMAS, BELIEF_NOUNS, BELIEF_VERBS, CONDITIONAL_MARKS, DEMAND_LEMMAS, FUTURE_AUX,
                                   HEDGE_ADVERBS, HYPOTHETICAL_AUX, ORDER_LEMMAS, PERSUASION_LEMMAS, PRESENT_BE, REPORTED_FUTURE_LEMMAS,
                                   UNREALIZED_HEADS)


#: reasons (``status_why`` prefixes) of a "hypothetical" status that mean nothing was done or
#: announced: the writer's guess, a counterfactual, a belief, an intention, a description of
#: someone (``rules.finalise`` and :func:`status_of` give them; ``sides.not_an_event`` drops
#: such events and ``rules`` never reads them as promises or threats)
NOT_DONE_REASONS = ("speculation", "counterfactual", "belief", "intention", "description")


def _negated_or_future(verb) -> bool:
    kids = list(verb.children)
    return any(c.dep_ == "neg" for c in kids) or any(
        c.dep_ == "aux" and c.lower_.replace("\u2019", "'") in FUTURE_AUX | HYPOTHETICAL_AUX for c in kids)


def verb_chain(token):
    """The token and the verbs/adjectives it hangs from while still inside one clause chain
    (xcomp, acomp, conj): "was ready to defend" -> defend, ready, was."""
    out = [token]
    cur = token
    for _ in range(6):
        purpose = cur.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
        # "would help farmers while allowing the president to ...": a participle clause with
        # no subject of its own shares the modality of the clause it hangs from
        participle = cur.dep_ == "advcl" and cur.tag_ == "VBG" and not any(
            c.dep_ in ("nsubj", "nsubjpass", "mark") and c.lower_ not in ("while", "by") for c in cur.children)
        if cur.head is cur or (cur.dep_ not in ("xcomp", "acomp", "conj", "pcomp", "prep", "pobj")
                               and not purpose and not participle):
            break
        if cur.dep_ == "conj" and cur.tag_ in ("VBD", "VBZ", "VBP") and cur.head.tag_ not in ("VBD", "VBZ", "VBP"):
            break   # "would not change X and accused Y": a finite conjunct has its own tense
        cur = cur.head
        out.append(cur)
    return out


def _belief_over(chain) -> str:
    """The clause is what someone believes or a rumour holds ("analysts believe the
    government is stalling", "the idea that the US trains militants"): not an act the text
    reports. Returns the reason, or ''."""
    for tok in chain:
        head = tok.head
        if tok.dep_ == "ccomp" and head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in BELIEF_VERBS:
            return f"belief, not asserted: '{head.text}'"
        if tok.dep_ in ("acl", "ccomp", "appos") and head.pos_ == "NOUN" and head.lemma_.lower() in BELIEF_NOUNS:
            return f"belief, not asserted: '{head.text}'"
        if tok.dep_ == "xcomp" and head.lemma_.lower() in UNREALIZED_HEADS:
            return f"belief, not done: '{head.text} to'"
    return ""


def _hedged(chain) -> str:
    """The act is hedged as only seeming so ("for seemingly giving away too much")."""
    hedge = next((c for tok in chain for c in tok.children if c.dep_ == "advmod" and c.lower_ in HEDGE_ADVERBS), None)
    return f"belief, hedged: '{hedge.text}'" if hedge is not None else ""


#: "instead of meeting X", "rather than sanctioning Y": what was not done
INSTEAD_WORDS = {("instead", "of"), ("rather", "than")}


def _instead_of(head) -> str:
    """The clause is what someone did not do in place of another act ("Instead of meeting the
    delegation, the minister flew home"; "instead of telling them that X must ...")."""
    for above in head.ancestors:
        for word in (above.head, *above.children):     # the parser hangs "instead" either way
            if (word.lower_, above.lower_) in INSTEAD_WORDS:
                return f"counterfactual, an alternative not taken: '{word.text} {above.text}'"
    return ""


def _describes_someone(verb) -> bool:
    """"Scissors, who consults with administration officials, said ...", "the subsidies that
    China gives to its industry": a present-tense relative clause on a person or a thing tells
    what habitually is, not an act."""
    return verb.dep_ == "relcl" and verb.tag_ in ("VBZ", "VBP") \
        and (verb.head.ent_type_ == "PERSON" or verb.head.pos_ == "NOUN") \
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children) \
        and not any(t.ent_type_ in ("DATE", "TIME") for t in verb.subtree)


def _noun_status(trigger) -> tuple[str, str]:
    """The status of an event noun with no verb of its own: its modifiers ("planned talks",
    "no agreement"), or what the clause above it meant or believed."""
    mods = {c.lower_ for c in trigger.children if c.dep_ in ("amod", "compound", "nummod")}
    if mods & {"planned", "upcoming", "scheduled", "proposed", "expected", "future", "forthcoming"}:
        return "planned", "noun modifier: " + ", ".join(sorted(mods))
    if mods & {"possible", "potential", "hypothetical"}:
        return "hypothetical", "noun modifier: " + ", ".join(sorted(mods))
    if any(c.dep_ == "neg" or c.lower_ == "no" for c in trigger.children):
        return "negated", "noun negated"
    verb = verb_above(trigger)
    if verb is not None:
        # "in order to open a route for Iranian aid", "analysts believe the sanctions on
        # Iran ...": the noun is inside what was meant or believed
        status, reason = status_of(verb)
        if reason.startswith(("intention", "belief")):
            return status, reason
    return "occurred", "noun trigger, no modality"


def status_of(trigger, clause=None, noun=False) -> tuple[str, str]:
    """(status, reason) for an event whose trigger is ``trigger``; ``clause`` is the verb
    that carries tense for noun triggers ("held talks" -> held)."""
    if noun and any(c.dep_ == "det" and c.lower_ in NONSPECIFIC_DETERMINERS for c in trigger.children):
        return "hypothetical", "noun with a determiner that names no one act (any)"
    if noun and clause is None:
        return _noun_status(trigger)
    head = clause if clause is not None else trigger
    chain = verb_chain(head)
    embedding = patterns.embedding_verbs()
    status, reason = None, ""
    for tok in chain:
        kids = list(tok.children)
        if any(c.dep_ == "neg" for c in kids):
            return "negated", f"negation on '{tok.text}'"
        subj = [c for c in kids if c.dep_ in ("nsubj", "nsubjpass")]
        if subj and any(d.lower_ in ("neither", "no", "none", "nobody") and d.i <= subj[0].i
                        for d in subj[0].subtree):
            return "negated", f"negative subject '{subj[0].text}'"
        if any(c.dep_ == "advmod" and c.lower_ == "never" for c in kids):
            return "negated", "never"
        if tok.dep_ in ("acl", "relcl") and tok.head.pos_ == "NOUN" and any(
                c.dep_ == "det" and c.lower_ == "no" for c in tok.head.children):
            # "had no authority to expel", "has no plans to visit"
            return "negated", f"'no {tok.head.text}' to do it"
    unasserted = _hedged(chain) or _instead_of(head) or _belief_over(chain)
    if unasserted:
        return "hypothetical", unasserted    # not a refusal either: nothing was done
    if _describes_someone(head):
        return "hypothetical", f"description of '{head.head.text}', not an act"
    for tok in chain:
        kids = list(tok.children)
        auxes = {c.lower_.replace("\u2019", "'") for c in kids if c.dep_ in ("aux", "auxpass")}
        marks = {c.lower_ for c in kids if c.dep_ == "mark"}
        if marks & CONDITIONAL_MARKS:
            return "hypothetical", "conditional: " + ", ".join(sorted(marks & CONDITIONAL_MARKS))
        if "until" in marks and tok.dep_ == "advcl" and _negated_or_future(tok.head):
            return "hypothetical", "conditional: until (will not ... until)"
        if auxes == {"would"} or auxes == {"'d"}:
            # "said the two sides would meet in April": future in reported speech
            if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in REPORTED_FUTURE_LEMMAS:
                return "planned", f"reported future: {tok.head.text} ... would"
        if auxes & HYPOTHETICAL_AUX:
            return "hypothetical", "modal: " + ", ".join(sorted(auxes & HYPOTHETICAL_AUX))
        if auxes & FUTURE_AUX:
            return "planned", "future: " + ", ".join(sorted(auxes & FUTURE_AUX))
        if tok.dep_ == "xcomp" and tok.head.lemma_ == "go" and tok.head.tag_ == "VBG":
            return "planned", "going to"
        if "to" in auxes and (tok.dep_ == "ROOT" or (tok.head.dep_ == "ROOT" and tok.head.pos_ in ("NOUN", "PROPN"))):
            return "planned", "headline infinitive ('X to meet Y')"
        lemma = tok.lemma_.lower()
        if tok is not head and lemma in embedding and status is None:
            status, reason = embedding[lemma], f"embedded under '{tok.text}'"
        if tok.dep_ == "acl" and "to" in auxes and tok.head.pos_ == "NOUN" and status is None \
                and tok.head.head.lemma_.lower() not in ORDER_LEMMAS | DEMAND_LEMMAS | ALLOW_LEMMAS:
            # "a plan to visit" (planned), "the decision to withdraw" (done); "a campaign to
            # seize the capital", "efforts to free them": what was meant, not what was done
            # (not "ordered the newspaper to suspend": the parser's attachment of an order)
            noun = tok.head.lemma_.lower()
            if noun in embedding:
                status, reason = embedding[noun], f"embedded under '{tok.head.text}'"
            elif tok is head and tok.lemma_.lower() in PERSUASION_LEMMAS:
                pass    # "efforts to get Chile to investigate": trying to persuade is asking
            else:
                return "hypothetical", f"intention, not done: '{tok.head.text} to'"
        if tok is head and tok.tag_ == "VBG" and auxes & PRESENT_BE and status is None:
            status, reason = "ongoing", "present progressive"
    # a clause governed by a conditional adverbial clause: "would intervene if China attacked"
    cur = head
    for _ in range(4):
        if cur.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in cur.children):
            return "hypothetical", "inside a conditional clause"
        if cur.head is cur:
            break
        cur = cur.head
    if status is not None:
        return status, reason
    return "occurred", "indicative, no modal"
