"""Who did it, and to whom: the actor and recipient sides of one candidate event.

:func:`choose_sides` resolves the candidate's own arguments first (the actor's words, then
the first recipient role that resolves), then tries, in order, the rules of
:data:`SIDE_RULES`: each says where news puts a side the sentence does not name ("talks in
Beijing" -> the host; "denied the accusation" -> whoever accused; "thousands marched in
Belgrade" -> civilians of the place). A side no rule finds is kept unresolved (code
``---``, :func:`events.parties.unresolved_party`); :func:`events.parties.worth_keeping`
decides whether the event stays. Every answer leaves a line for explain.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from dateline.events import patterns
from dateline.events.status import NOT_DONE_REASONS
from dateline.events.actor_resolution import (
    NAME_ENTS, PLACE_OF_OBJECT_ENTS, PLACE_OF_OBJECT_PREPS, ActorResolver, codes, dedupe, location,
)
from dateline.events.arguments import noun_args
from dateline.events.candidate import UNNAMED_PATHS, Arg, Candidate
from dateline.events.parties import (
    by_receiving, domestic_role_country, home_force_country, issuer, own_people, party_in_object, placed_by, role_sectors,
    subject_of_predicate, unresolved_party, worth_keeping,
)
from dateline.events.place_sides import aid_country, meeting_host, protesters_of_place, threatened_place
from dateline.events.syntax import phrase_span
from dateline.events.triggers import match_noun
from dateline.events.words import ACCUSATION_NOUNS, DECISION_NOUNS, DENIAL_LEMMAS, MUTUAL_LEMMAS, NAMING_LEMMAS, PLACE_PREPS, PRONOUNS, WITNESS_NOUNS
from dateline.model import NON_STATE_CODES, UNRESOLVED, ActorRef

_RECIPROCAL = re.compile(r"(?i)^(each other|one another|the other)$")
#: types whose unnamed object is something said or done before ("denied the accusation",
#: "condemned the sanctions", "refused to comply"): the other party of the previous event
ANAPHORIC_RECIPIENT_TYPES = {"REJECT", "ACCUSE", "SUPPORT"}
#: how many sentences back the previous event may be for that
ANAPHORA_SENTENCES = 3
#: business actors: an event between these only is commerce, not politics
_BUSINESS_CODES = {"MNC"}
_BUSINESS_SECTORS = {"BUS"}
#: determiners of an object that points back at something already told ("denied the
#: accusation", "denies any involvement"); "would not call early elections" does not
_BACK_DETERMINERS = {"the", "this", "that", "these", "those", "such", "any"}


@dataclass
class Sides:
    """The sides of one candidate while they are being chosen, with the reasons for explain."""

    cand: Candidate
    ptype: patterns.PloverType
    text: str                                   # what was parsed (offsets are into it)
    actors: list[ActorRef] = field(default_factory=list)
    recipients: list[ActorRef] = field(default_factory=list)
    actor_how: list[str] = field(default_factory=list)
    recip_how: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    actor_tokens: set[int] = field(default_factory=set)   # the actor's words are never its recipient
    reciprocal: list[Arg] = field(default_factory=list)   # "each other"
    joint: bool = False                         # each actor is the other's recipient
    via_place: bool = False                     # the recipient is where an unnamed object lies
    loc: dict[str, Any] | None = None           # the event's place
    loc_how: str = ""
    unresolved_sides: list[str] = field(default_factory=list)
    #: why the event is news with one party named wherever it stands ("" when it is not)
    kept_with_one_party: str = ""

    @property
    def place_country(self) -> str | None:
        return (self.loc or {}).get("country")


def choose_sides(resolver: ActorResolver, cand: Candidate, ptype: patterns.PloverType, text: str,
                 one_party: bool = False) -> Sides | None:
    """The candidate's actor and recipient sides, or None when the event is not worth keeping
    (``one_party``: one named side is enough, for the lead's main event)."""
    s = Sides(cand=cand, ptype=ptype, text=text, notes=list(cand.notes))
    _named_actors(resolver, s)
    _named_recipients(resolver, s)
    _recipient_in_named_place(resolver, s)
    _place(resolver, s)
    for rule in SIDE_RULES:
        rule(resolver, s)
    _unresolved_sides(resolver, s)
    s.actors = domestic_role_country(s.actors, s.recipients, resolver, s.actor_how)
    s.recipients = domestic_role_country(s.recipients, s.actors, resolver, s.recip_how)
    s.actors = home_force_country(s.ptype.event, s.actors, s.recipients,
                                  s.actor_how)
    if not worth_keeping(s.actors, s.recipients, cand, one_party):
        return None
    for side, how in ((s.actors, s.actor_how), (s.recipients, s.recip_how)):
        if not side:      # "X was attacked": no attacker named
            side.append(ActorRef(code=UNRESOLVED, entity_text="", how="unresolved:NONE: not named in the sentence"))
            how.append("unresolved:NONE: not named in the sentence")
    if s.unresolved_sides:
        s.notes.append(f"{' and '.join(s.unresolved_sides)} named but not placed: coded '{UNRESOLVED}' "
                       "(use --resolved-only for complete dyads)")
    return s


def not_an_event(s: Sides) -> bool:
    """A kept candidate that still is no political event: a condition, a negation, commerce,
    or one party with itself."""
    cand, actors, recipients = s.cand, s.actors, s.recipients
    if cand.status == "hypothetical" and cand.status_why.startswith(("conditional", "inside a conditional")):
        return True   # "if the army stopped its air strikes": a condition, not an event
    if cand.status == "hypothetical" and cand.status_why.startswith(NOT_DONE_REASONS):
        return True   # "That would help farmers": the writer's guess, no one's act or word
    if cand.status == "negated":
        return True   # "did not attack", "has not withdrawn": nothing happened (refusals are REJECT)
    if all(_business(r) for r in actors) and (s.via_place or all(_business(r) for r in recipients)):
        return True   # "software contracts provide $300 million to Indian companies": commerce
    if all(_private_person(r) for r in actors) and all(_company(r) for r in recipients):
        return True   # "he later asked the company to unwind the agreement": a founder and his firm
    # a reflexive reading ("X and X") is not a dyad (but "each side accused the other" is)
    return codes(actors) == codes(recipients) and len(codes(actors)) == 1 and not (s.reciprocal or s.joint) \
        and {r.start for r in actors} == {r.start for r in recipients} \
        and not any(a.path in UNNAMED_PATHS for a in cand.actors)    # left to the scene


# --------------------------------------------------------------------------------------
# The sentence's own words
# --------------------------------------------------------------------------------------
def _named_actors(resolver: ActorResolver, s: Sides) -> None:
    """The actor arguments (or the subject of "X is responsible for ..."), each resolved."""
    cand = s.cand
    if not cand.actors:
        cand.actors = subject_of_predicate(cand)
    cand.actors = [x for a in cand.actors for x in issuer(a)]
    for a in cand.actors:
        if a.path in UNNAMED_PATHS:
            continue      # no words of its own: left to _unresolved_sides and the scene
        refs, how = resolver.arg(a)
        s.actors.extend(refs)
        s.actor_how.append(how)
    s.actors = dedupe(s.actors)
    s.actor_tokens = {a.token.i for a in cand.actors if a.path not in UNNAMED_PATHS}


def _named_recipients(resolver: ActorResolver, s: Sides) -> None:
    """The first recipient role (path) that resolves, skipping the actor's own words."""
    cand, actors = s.cand, s.actors
    groups: dict[str, list[Arg]] = {}
    for a in cand.recipients:
        if a.token.i in s.actor_tokens or a.path in UNNAMED_PATHS:
            continue
        groups.setdefault(a.path, []).append(a)
    s.reciprocal = [a for a in cand.recipients if _RECIPROCAL.match(s.text[slice(*phrase_span(a.token))])]
    if s.reciprocal and len({(r.code, r.start) for r in actors}) >= 2:
        s.recipients = actors[1:] + actors[:1]
        s.recip_how.append(f"{s.reciprocal[0].path}: reciprocal '{s.reciprocal[0].token.text}' = the actors")
        groups = {}
    for path, args in groups.items():
        if any(path.endswith(f"prep:{p}>pobj") for p in PLACE_PREPS) and (
                s.ptype.quad_code != 4 or cand.kind == "noun"):
            # a place is a recipient only of a material conflict someone carried out there
            # ("launched drills around Taiwan"), not of a bare noun ("Russia's war in Ukraine")
            continue    # "met in Geneva": a place, not a party (it is the event location)
        refs = []
        for a in args:
            r, how = resolver.arg(a)
            refs.extend(r)
            s.recip_how.append(how)
        refs = [r for r in refs if not any(r.start is not None and r.start == x.start for x in actors)]
        if refs and _gives(s) and own_people(refs, actors):
            # "France is ready to contribute troops to a force" (material acts only): the context gives the
            # troops France's code, but they are what France gives, not to whom
            s.recip_how.append(f"{path}: the actor's own people (context country): what is given, not to whom")
            continue
        if refs:
            s.recipients = dedupe(refs)
            break


def _recipient_in_named_place(resolver: ActorResolver, s: Sides) -> None:
    """"bombed targets in Syria": an unnamed object located in a named place."""
    if s.recipients:
        return
    for a in s.cand.recipients:
        if a.token.i in s.actor_tokens or a.token.lower_ in PRONOUNS or a.path in UNNAMED_PATHS:
            continue
        for prep in a.token.children:
            if prep.dep_ != "prep" or prep.lower_ not in PLACE_OF_OBJECT_PREPS:
                continue
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.ent_type_ in PLACE_OF_OBJECT_ENTS:
                    refs, how = resolver.phrase(obj)
                    if refs:
                        s.recipients, s.via_place = refs, True
                        s.recip_how.append(f"{a.path}>prep:{prep.lower_}>pobj: {how}")
                        return


def _place(resolver: ActorResolver, s: Sides) -> None:
    """The event's place; it also places unqualified role nouns of either side."""
    s.loc, s.loc_how = location(resolver, s.cand.places)
    if s.place_country:
        # "junta supporters rallied in Niamey" in a story mostly about France: the place
        # of the event says more about an unqualified role noun than the article does
        s.actors, s.recipients = (placed_by(side, s.place_country, s.notes) for side in (s.actors, s.recipients))


# --------------------------------------------------------------------------------------
# Rules for a side the sentence does not name, in the order they are tried
# --------------------------------------------------------------------------------------
def arrest_by_authorities(resolver: ActorResolver, s: Sides) -> None:
    """"Khan was arrested in May": no agent named; arrests are made by the authorities of the
    place (or of the story)."""
    cand = s.cand
    if s.actors or cand.actors or cand.event != "COERCE" or cand.mode != "arrest" or cand.kind != "verb" \
            or not any(c.dep_ in ("nsubjpass", "auxpass") for c in cand.trigger.children):
        return
    where = s.place_country or resolver.context_code()
    if where:
        s.actors = [ActorRef(code=where, sector="COP", entity_text="", how="implicit: authorities")]
        s.actor_how.append(f"passive '{cand.trigger.text}' without agent: the authorities ({where})")


def unnamed_people_actor(resolver: ActorResolver, s: Sides) -> None:
    """"five people", "officers": people of the event's place (or of the article's country)."""
    if s.actors:
        return
    for a in s.cand.actors:
        refs, how = resolver.people(a.token, s.place_country)
        if refs:
            s.actors, s.actor_how = refs, s.actor_how + [f"{a.path}: {how}"]
            return


def unnamed_people_recipient(resolver: ActorResolver, s: Sides) -> None:
    """The same for an unnamed recipient."""
    if s.recipients:
        return
    for a in s.cand.recipients:
        if a.token.i in s.actor_tokens:
            continue
        refs, how = resolver.people(a.token, s.place_country)
        if refs:
            s.recipients = refs
            s.recip_how.append(f"{a.path}: {how}")
            return


def doer_of_condemned_act(resolver: ActorResolver, s: Sides) -> None:
    """"condemned Egypt's arrest of the journalists", "would respond to any attack by China":
    whoever did the act that is condemned or answered."""
    if not s.actors or s.recipients or s.cand.kind not in ("verb", "light"):
        return
    for a in s.cand.recipients:
        if (a.path in ("dobj", "obj") or a.path.startswith("prep:")) and a.token.pos_ == "NOUN" \
                and match_noun(a.token) is not None:
            for n in noun_args(a.token)[0]:
                refs, how = resolver.arg(n)
                refs = [r for r in refs if r.code not in codes(s.actors)]
                if refs:
                    s.recipients = refs
                    s.recip_how.append(f"{a.path}>{n.path} (the doer of '{a.token.text}'): {how}")
                    return


def doer_in_relative_clause(resolver: ActorResolver, s: Sides) -> None:
    """"condemned the attacks that Russia launched", "criticised the loans that China provides":
    a reaction to a thing is aimed at whoever the relative clause on it says did it."""
    if not s.actors or s.recipients or s.cand.kind not in ("verb", "light") or s.ptype.quad_code not in (1, 3) \
            or _names_only(s.cand):
        return
    for a in s.cand.recipients:
        if a.token.pos_ != "NOUN" or not (a.path in ("dobj", "obj") or a.path.startswith("prep:")):
            continue
        for clause in (c for c in a.token.children if c.dep_ == "relcl"):
            for subj in (c for c in clause.children if c.dep_ == "nsubj" and c.tag_ not in ("WDT", "WP")):
                refs, how = resolver.arg(Arg(subj, f"{a.path}>relcl>nsubj", True))
                refs = [r for r in refs if r.code != UNRESOLVED and r.code not in codes(s.actors)]
                if refs:
                    s.recipients = refs
                    s.recip_how.append(f"{a.path}>relcl>nsubj (who did '{a.token.text}'): {how}")
                    return


def _names_only(cand: Candidate) -> bool:
    """"called the meeting a first step" is not an accusation of anyone: "call X Y" only
    accuses someone it names."""
    return cand.trigger.lemma_.lower() in NAMING_LEMMAS


def doer_of_earlier_event(resolver: ActorResolver, s: Sides) -> None:
    """"vowed to retaliate for the attack", "condemned the strikes": the one who made the most
    recent such act earlier in the article (against this actor, preferably)."""
    if not s.actors or s.recipients or _names_only(s.cand):
        return
    for a in s.cand.recipients:
        npat = match_noun(a.token) if a.token.pos_ == "NOUN" else None
        if npat is None or npat.event in ("IGNORE", "LIGHT") or not _refers_back(a.token):
            continue
        s.recipients, how = _doer_of_earlier(resolver, npat.event, s.actors)
        if s.recipients:
            s.recip_how.append(f"{a.path}: '{a.token.text}' = {how}")
            s.notes.append(f"'{a.token.text}' names an earlier event: its actor is the recipient")
        return


def maker_of_decision(resolver: ActorResolver, s: Sides) -> None:
    """"slammed the decision", "welcomed the move": a reaction is aimed at whoever made what it
    reacts to, named where the article owns it ("its decision to ...", "Washington's move",
    "the U.S. decision"): in this phrase, else an earlier mention of the same noun, else of
    another such noun."""
    cand = s.cand
    if not s.actors or s.recipients or s.ptype.quad_code not in (1, 3) or _names_only(cand):
        return
    mine = codes(s.actors)
    for a in cand.recipients:
        tok = a.token
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in DECISION_NOUNS:
            continue
        # this phrase, then earlier mentions of the same noun, then of any such noun ("the
        # move" after "its decision"), nearest first
        earlier = [t for t in reversed(resolver.doc[:tok.i]) if t.pos_ == "NOUN" and t.lemma_.lower() in DECISION_NOUNS]
        mentions = [tok] + sorted(earlier, key=lambda t: t.lemma_ != tok.lemma_)
        for mention in mentions[:8]:
            owner = _owner_of(mention)
            if owner is None:
                continue
            refs, how = resolver.arg(Arg(owner, "maker", True))
            refs = [r for r in refs if r.code != UNRESOLVED and r.code not in mine]
            if refs:
                s.recipients = dedupe(refs)
                s.recip_how.append(f"{a.path}: '{tok.text}' was made by '{owner.text}' ({how})")
                s.notes.append(f"a reaction to '{tok.text}' is aimed at whoever made it")
                return
        # no owner named: what the article reacts to is its news, the first event told
        first = next((ev for _, ev in resolver.recent if not codes(ev.actor) & mine), None)
        if first is not None and _refers_back(tok):
            s.recipients = list(first.actor)
            s.recip_how.append(f"{a.path}: '{tok.text}' is the article's news, the '{first.trigger}' "
                               f"({first.event}) by {'+'.join(sorted(codes(first.actor)))}")
            s.notes.append(f"a reaction to '{tok.text}' is aimed at whoever made the article's news")
        return


def _owner_of(noun):
    """Who a decision noun belongs to: its possessor ("Washington's move"; "its decision" ->
    the subject of the clause it stands in), a country modifier ("the U.S. decision"), or the
    subject of the verb that made it ("the Senate passed a bill")."""
    for c in noun.children:
        if c.dep_ == "poss":
            if c.pos_ != "PRON":
                return c
            gov = noun.head
            while gov.pos_ not in ("VERB", "AUX") and gov.head is not gov:
                gov = gov.head
            subj = [x for x in gov.children if x.dep_ in ("nsubj", "nsubjpass") and x.i != noun.i]
            return subj[0] if subj else None
        if c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ in ("GPE", "NORP", "ORG"):
            return c
    if noun.dep_ in ("dobj", "obj") and noun.head.pos_ == "VERB":
        # "the Senate passed a bill", "Washington announced the decision": who made it
        subj = [x for x in noun.head.children if x.dep_ == "nsubj"]
        return subj[0] if subj else None
    return None


def anaphoric_recipient(resolver: ActorResolver, s: Sides) -> None:
    """"denied the accusation", "refused to comply": the other party of the previous event."""
    cand = s.cand
    if not s.actors or s.recipients or cand.event not in ANAPHORIC_RECIPIENT_TYPES or cand.kind != "verb" \
            or cand.pattern.event not in ANAPHORIC_RECIPIENT_TYPES or _names_only(cand) \
            or not all(_refers_back(a.token) for a in cand.recipients) \
            or any(a.token.pos_ == "PROPN" or a.token.ent_type_ in NAME_ENTS or a.path.startswith("xcomp:")
                   for a in cand.recipients):
        return
    s.recipients, how = _previous_party(resolver, s.actors)
    if s.recipients:
        s.recip_how.append(how)
        s.notes.append("the object refers back to an earlier event: its other party is the recipient")


def denial(resolver: ActorResolver, s: Sides) -> None:
    """"The city's police deny accusations of brutality", "the prince denied having met her":
    a denial of what someone is accused of is news with the accuser unnamed; aimed at the
    accuser when the article says who (the latest earlier accusation against the denier)."""
    cand = s.cand
    if cand.event != "REJECT" or cand.kind != "verb" or cand.trigger.lemma_.lower() not in DENIAL_LEMMAS \
            or not s.actors:
        return
    kids = list(cand.trigger.children)
    denied = [c for c in kids if c.dep_ in ("dobj", "obj") and c.lemma_.lower() in ACCUSATION_NOUNS]
    clausal = cand.trigger.lemma_.lower() in ("deny", "refute") and any(
        c.dep_ in ("ccomp", "xcomp", "pcomp") or (c.dep_ in ("dobj", "obj") and c.tag_ == "VBG") for c in kids)
    if not denied and not clausal:
        return
    s.kept_with_one_party = "a denial of an accusation"
    # the one denied to is the accuser, never someone inside what is denied ("denied having
    # met the girls"): the accusation's owner ("Uganda's accusations", "claims by Uganda")
    if clausal and not denied:
        s.recipients, s.recip_how, cand.recipients = [], [], []
    if s.recipients:
        return      # "denied the accusation": the earlier event's other party (anaphoric_recipient)
    mine = codes(s.actors)
    owners = [c for n in denied for c in n.children if c.dep_ == "poss" and c.pos_ != "PRON"] + [
        g for n in denied for p in n.children if p.dep_ == "prep" and p.lower_ in ("by", "from")
        for g in p.children if g.dep_ == "pobj"]
    for owner in owners:
        refs, how = resolver.arg(Arg(owner, "accuser", True))
        refs = [r for r in refs if r.code != UNRESOLVED and r.code not in mine]
        if refs:
            s.recipients, s.recip_how = dedupe(refs), [f"denial: the accuser {how}"]
            return
    # ... else whoever accused the denier earlier in the article
    for _, ev in reversed(resolver.recent):
        if ev.event == "ACCUSE" and codes(ev.recipient) & mine and codes(ev.actor) - mine - {UNRESOLVED}:
            s.recipients = list(ev.actor)
            s.recip_how.append(f"denial: actor of the earlier accusation '{ev.trigger}'")
            return


def joint_action(resolver: ActorResolver, s: Sides) -> None:
    """"Armenia and Azerbaijan fought", "the army and the RSF signed a ceasefire", "Kenya and
    Uganda signed a trade pact": two named sides of a symmetric act, or of an act done together
    (``mutual_verbs``), with no one else named act on each other."""
    verb = s.cand.light if s.cand.light is not None else s.cand.trigger
    mutual = verb.lemma_.lower() in MUTUAL_LEMMAS
    if not s.recipients and (s.ptype.symmetric or mutual) and len({(r.code, r.start) for r in s.actors}) >= 2:
        s.recipients, s.joint = s.actors[1:] + s.actors[:1], True
        s.notes.append("joint action: each actor is the other's recipient")



def protest_against_government(resolver: ActorResolver, s: Sides) -> None:
    """A protest addresses the authorities of the place (or of the protesters' country)."""
    if not s.actors or s.recipients or s.cand.event != "PROTEST" or s.cand.status not in ("occurred", "ongoing") \
            or s.actors[0].sector in ("GOV", "MIL", "COP", "JUD", "LEG"):
        return
    where = s.place_country or s.actors[0].code
    if where and len(where) == 3 and where not in NON_STATE_CODES:
        s.recipients = [ActorRef(code=where, sector="GOV", name=None, entity_text="",
                                 how="implicit: the government of the place of the protest")]
        s.notes.append(f"no target named: the protest is coded against the government ({where})")


def party_inside_object(resolver: ActorResolver, s: Sides) -> None:
    """"spurned offers of talks by the Kabul government", "pledged support for Seoul's
    efforts": the party inside the object phrase."""
    if not s.recipients:
        s.recipients = party_in_object(resolver, s.cand, s.actor_tokens, s.actors, s.recip_how)


def witness_heard_at_home(resolver: ActorResolver, s: Sides) -> None:
    """"the testimony Tuesday of four officials", "testified before the committee" (a body
    the data does not place): a witness gives evidence to an inquiry of their own country."""
    cand = s.cand
    lemma = (cand.light if cand.light is not None and cand.kind == "light" else cand.trigger).lemma_.lower()
    if s.recipients or cand.event != "CONSULT" or cand.trigger.lemma_.lower() not in WITNESS_NOUNS \
            and lemma not in WITNESS_NOUNS:
        return
    homes = [a for a in s.actors if a.code != UNRESOLVED and a.code not in NON_STATE_CODES]
    if not homes:
        return
    s.recipients = dedupe([ActorRef(code=a.code, sector=None, name=None, entity_text="",
                                    how="implicit: the witness's own country hears the testimony") for a in homes])
    s.recip_how.append(f"no body placed: the testimony is heard in the witness's own country "
                       f"({'+'.join(sorted(codes(s.recipients)))})")


#: tried in this order; each does nothing when its side is already found or it does not apply
SIDE_RULES: list[Callable[[ActorResolver, Sides], None]] = [
    arrest_by_authorities, unnamed_people_actor, unnamed_people_recipient, doer_of_condemned_act,
    doer_of_earlier_event, maker_of_decision, doer_in_relative_clause, anaphoric_recipient, denial, joint_action, meeting_host, aid_country,
    threatened_place,
    protesters_of_place, protest_against_government, party_inside_object, witness_heard_at_home,
]


def _unresolved_sides(resolver: ActorResolver, s: Sides) -> None:
    """Sides named but not placed are kept as code ``---`` (a joint act of named bodies first)."""
    cand, ptype = s.cand, s.ptype
    if not s.actors:
        s.actors = unresolved_party(resolver, cand.actors, s.actor_how, every=True)
        s.unresolved_sides.append("actor")
    base = patterns.plover_types().get(cand.pattern.event)
    if not s.recipients and (ptype.symmetric or (base is not None and base.symmetric)) \
            and len({r.start for r in s.actors}) >= 2:
        # "the Tokyo and New York stock exchanges agreed": a reciprocal act of named bodies
        s.recipients, s.joint = s.actors[1:] + s.actors[:1], True
        s.notes.append("joint action: each actor is the other's recipient")
    if not s.recipients:
        s.recipients = unresolved_party(resolver, by_receiving(
            [a for a in cand.recipients if a.token.i not in s.actor_tokens
             and not any(a.path.endswith(f"prep:{p}>pobj") for p in PLACE_PREPS)]), s.recip_how)
        s.unresolved_sides.append("recipient")


# --------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------
def _gives(s: Sides) -> bool:
    """Is the act (or the act promised) a material one, that gives or sends something?"""
    types = patterns.plover_types()
    found = (s.ptype, types.get(s.cand.pattern.event.replace("CARRY:", "")))
    return any(t is not None and (t.quad_code == 2 or t.event == "MOBILIZE") for t in found)


def _business(ref: ActorRef) -> bool:
    return ref.code in _BUSINESS_CODES or (ref.sector or "") in _BUSINESS_SECTORS


def _company(ref: ActorRef) -> bool:
    """A business, also one named only by a business noun the scene placed ("the company")."""
    words = (ref.entity_text or "").lower().split()
    return _business(ref) or (not ref.sector and bool(words) and bool(role_sectors(words[-1]) & _BUSINESS_SECTORS))


def _private_person(ref: ActorRef) -> bool:
    """A person the data gives no role: a name or a pronoun with no title, office or sector."""
    return not ref.sector and bool(ref.entity_text) and (ref.how or "").startswith(
        ("scene:", "unresolved:PERSON", "unresolved:PRONOUN", "name", "pronoun", "coref-surname"))


def _refers_back(token) -> bool:
    return token.pos_ == "NOUN" and any(c.dep_ in ("det", "poss") and c.lower_ in _BACK_DETERMINERS
                                        for c in token.children)


def _doer_of_earlier(resolver: ActorResolver, event_type: str, actors: list[ActorRef]):
    """Actor of the latest earlier event of ``event_type`` done by someone else, preferring
    one done to these actors ("retaliate for the attack" -> who attacked them)."""
    mine = codes(actors)
    earlier = [ev for _, ev in resolver.recent if ev.event == event_type and not (codes(ev.actor) & mine)]
    against = [ev for ev in earlier if codes(ev.recipient) & mine]
    pick = (against or earlier or [None])[-1]
    if pick is None:
        return [], ""
    return list(pick.actor), f"the earlier '{pick.trigger}' ({pick.event}) by {'+'.join(sorted(codes(pick.actor)))}"


def _previous_party(resolver: ActorResolver, actors: list[ActorRef]) -> tuple[list[ActorRef], str]:
    """The other party of the nearest earlier event (a few sentences back): whoever made the
    accusation that is denied, the order that is refused, the sanctions that are condemned."""
    mine = codes(actors)
    starts = {a.start for a in actors}
    for sent_no, ev in reversed(resolver.recent):
        if resolver.sentence_no - sent_no > ANAPHORA_SENTENCES:
            break
        if codes(ev.actor) - mine:
            return list(ev.actor), f"anaphoric: actor of the earlier '{ev.trigger}' ({ev.event})"
        if codes(ev.recipient) - mine:
            return list(ev.recipient), f"anaphoric: recipient of the earlier '{ev.trigger}' ({ev.event})"
        if not {a.start for a in ev.actor} & starts:
            return list(ev.actor), f"anaphoric: actor of the earlier '{ev.trigger}' ({ev.event})"
        return [], ""
    return [], ""
