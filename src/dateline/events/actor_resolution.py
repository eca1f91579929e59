"""Actor resolution for the events stage: argument tokens -> ActorRefs, with the reason.

The actors stage (:mod:`dateline.actors`) has already found every mention in the body;
:class:`ActorResolver` maps an event's argument token to those mentions (the phrase it
heads), and where there are none, to what the text points at: a pronoun's antecedent, "both
sides" -> the pair named before, a name resolved on its own (``resolve_phrase``), unnamed
people of the story. Every answer comes with a line for explain. The event's place is found
here too (:func:`location`), as it is resolved the same way.
"""
from __future__ import annotations

import bisect
import re
from typing import Any

from dateline.actors.mentions import EXPERTISE_NOUNS
from dateline.actors.resolve import actors_in_span, resolve_phrase
from dateline.events import patterns
from dateline.events.candidate import Arg
from dateline.events.syntax import conjuncts, message_clause_noun, of_object, phrase_span, sent_to, told_clause_head
from dateline.events.words import PEOPLE_QUANTITY_NOUNS, PRONOUNS, REPORTING_LEMMAS, STORY_PLACE_NOUNS
from dateline.model import NON_STATE_CODES, UNRESOLVED, ActorRef, Event

#: pronouns by what they can stand for
PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
GROUP_PRONOUNS = {"they", "them", "their", "theirs", "we", "us", "our"}
THING_PRONOUNS = {"it", "its"}
RELATIVE = {"who", "which", "that", "whom", "whose"}
REPORTING = REPORTING_LEMMAS
#: codes that are not a state (a country code is three letters and none of these)
NON_STATE = NON_STATE_CODES | {UNRESOLVED}


def codes(refs) -> set[str]:
    """The actor codes of a side."""
    return {r.code for r in refs}


#: how far back "both sides" / "each side" looks for the pair it names
GROUP_SENTENCES = 6
NAME_ENTS = {"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"}
#: plural anaphora that name a pair: "both sides", "the two countries", "each other"
GROUP_NOUN = re.compile(r"^(?:(?:both|the two|the 2|two|each)\b.*\b(?:sides?|countr(?:y|ies)|governments?|"
                         r"nations?|leaders?|ministers?|delegations?|parties|capitals|neighbou?rs|allies)"
                         r"|each other|one another)$", re.I)


class ActorResolver:
    """Turns argument tokens into ActorRefs and says how (for explain)."""

    def __init__(self, document):
        self.document = document
        self.doc = document.doc
        # Doc.text is rebuilt from the tokens on every read: read it once.
        self.text = document.text or document.doc.text
        self.actors_in_span, self.resolve_phrase = actors_in_span, resolve_phrase
        self.date = (document.article.published or "")[:10] or None
        self.recent: list[tuple[int, Event]] = []   # (sentence number, event) coded so far
        self.sentence_no = 0
        self._context = False
        self._sents: list | None = None             # the Doc's sentences, listed once
        self._sent_starts: list[int] = []
        self._lookups: dict[int, tuple] = {}         # token index -> phrase_lookup()

    def sentences(self) -> list:
        if self._sents is None:
            self._sents = list(self.doc.sents)
            self._sent_starts = [s.start for s in self._sents]
        return self._sents

    def sentence_index(self, token) -> int:
        """Index in :meth:`sentences` of the sentence holding ``token``."""
        self.sentences()
        return max(0, bisect.bisect_right(self._sent_starts, token.i) - 1)

    def context_code(self) -> str | None:
        """The article's own country, as the actors stage found it for context role nouns
        ("police" in a Nairobi story -> KEN), or None."""
        if self._context is False:
            self._context = next((a.code for a in getattr(self.document, "actors", None) or []
                                  if getattr(a, "how", "") == "context" and a.code), None)
        return self._context

    def people(self, token, place_country: str | None) -> tuple[list[ActorRef], str]:
        """Unnamed people of the story ("five people", "officers", "detainees"): the country
        of the event's place, else the article's own country; only for the nouns listed in
        data/people_nouns.tsv."""
        if token.lemma_.lower() not in patterns.people_nouns():
            of = of_object(token)        # "four of the detainees", "dozens of workers"
            if of is None or of.lemma_.lower() not in patterns.people_nouns() or not _counts_people(token):
                return [], ""
            token = of
        where, why = (place_country, "place of the event") if place_country else (
            self.context_code(), "the article's country")
        if not where:
            return [], ""
        start, end = phrase_span(token)
        sector = patterns.people_nouns()[token.lemma_.lower()] or None
        ref = ActorRef(code=where, sector=sector, entity_text=self.text[start:end], start=start, end=end,
                       how="implicit: " + why)
        return [ref], f"'{self.text[start:end]}' -> {where} (unnamed people: {why})"

    def phrase_lookup(self, token) -> tuple[int, int, list[ActorRef], str | None]:
        """(start, end, the actors stage's mentions inside the phrase headed by ``token``,
        the phrase text to resolve on its own when there are none, else None); computed once
        per token (the mention list is a fresh copy each time: callers sort it)."""
        known = self._lookups.get(token.i)
        if known is None:
            known = self._lookups[token.i] = self._phrase_lookup(token)
        start, end, found, query = known
        return start, end, list(found), query

    def _phrase_lookup(self, token) -> tuple[int, int, list[ActorRef], str | None]:
        start, end = phrase_span(token)
        found = [a for a in self.actors_in_span(self.document, start, end) or []]
        if found:
            return start, end, found, None
        text = self.text[start:end]
        span = self.doc.char_span(start, end, alignment_mode="expand")
        # only a phrase with a name in it can resolve on its own ("the proposal" cannot);
        # this skips a parse per unresolved common-noun phrase
        named = span is not None and any(t.pos_ == "PROPN" or t.ent_type_ in NAME_ENTS for t in span)
        return start, end, found, (text if named and text.strip() else None)

    def phrase(self, token) -> tuple[list[ActorRef], str]:
        start, end, found, query = self.phrase_lookup(token)
        if found:
            # the mention nearest the head word names the phrase ("China's top diplomat")
            found.sort(key=lambda a: abs((a.start or 0) - token.idx))
            best = found[0]
            both = [best] + self._coordinated_with(best, found[1:])
            if len(both) > 1:
                # "Russia and Turkey's foreign ministers": each coordinated owner acts
                return both, f"'{self.text[start:end]}' -> {'+'.join(r.code for r in both)} (coordinated)"
            return [best], f"'{self.text[start:end]}' -> {best.code} ({best.how or 'actors stage'})"
        text = self.text[start:end]
        ref = self.resolve_phrase(query, self.date) if query is not None else None
        if ref is not None:
            # resolve_phrase offsets are inside ``text``: move them into the body
            if ref.start is not None and ref.end is not None:
                ref.start, ref.end = start + ref.start, start + ref.end
            else:
                ref.start, ref.end = start, end
            if not ref.entity_text:
                ref.entity_text = text
            return [ref], f"'{text}' -> {ref.code} (resolve_phrase: {ref.how or 'phrase'})"
        return [], f"'{text}' unresolved"

    def _coordinated_with(self, best: ActorRef, others: list[ActorRef]) -> list[ActorRef]:
        """The mentions among ``others`` whose words are coordinated with ``best``'s inside
        one phrase ("Russia and Turkey's ministers"), of other codes."""
        def root(ref):
            if ref.start is None or ref.end is None:
                return None
            span = self.doc.char_span(ref.start, ref.end, alignment_mode="expand")
            return span.root if span is not None and len(span) else None

        head = root(best)
        if head is None:
            return []
        mates = {t.i for t in conjuncts(head)} - {head.i}
        out = []
        for ref in others:
            tok = root(ref)
            if tok is not None and tok.i in mates and ref.code != best.code and ref.code not in {r.code for r in out}:
                out.append(ref)
        return out

    def pronoun(self, token) -> tuple[list[ActorRef], str]:
        """Antecedent of a pronoun: the nearest earlier subject (or person, for he/she)."""
        word = token.lower_
        if word in RELATIVE and token.head.dep_ in ("relcl", "acl"):
            refs, how = self.phrase(token.head.head)
            return refs, f"relative '{token.text}' = '{token.head.head.text}': {how}"
        for pick, back, heads in self.antecedents(token):
            refs = []
            hows = []
            for t in heads:
                r, h = self.phrase(t)
                refs.extend(r)
                hows.append(h)
            if refs:
                return refs, f"pronoun '{token.text}' -> '{pick.text}' ({back} sentence(s) back): " + "; ".join(hows)
        return [], f"pronoun '{token.text}' unresolved"

    def antecedents(self, token):
        """The pronoun's candidate antecedents, nearest sentence first: (the picked token,
        sentences back, the heads to resolve: the pick, or its conjuncts for they/we)."""
        word = token.lower_
        addressee = _addressee_of_report(token)
        if addressee is not None:
            yield addressee, 0, (conjuncts(addressee) if word in GROUP_PRONOUNS else [addressee])
        sents = self.sentences()
        idx = self.sentence_index(token)
        for back in range(0, 4):
            if idx - back < 0:
                break
            sent = sents[idx - back]
            cands = []
            for t in sent:
                if back == 0 and t.i >= token.i:
                    break
                if t.lower_ in PRONOUNS:
                    continue
                if word in PERSON_PRONOUNS:
                    if t.ent_type_ == "PERSON" and t.ent_iob_ in ("B", "I"):
                        if t.dep_ not in ("compound", "flat") or t.head.ent_type_ != "PERSON":
                            cands.append(t)
                elif t.dep_ in ("nsubj", "nsubjpass"):
                    if word in THING_PRONOUNS and t.ent_type_ == "PERSON":
                        continue
                    cands.append(t)
            if word == "them" and back == 0:
                # "trade talks with Europe, Japan and Mexico, threatening them with tariffs":
                # an object "them" is the nearest list named before it, not its clause's subject
                lists = [t for t in sent if t.i < token.i and t.pos_ in ("PROPN", "NOUN") and t.dep_ != "conj"
                         and any(c.dep_ == "conj" for c in t.children)]
                if lists:
                    yield lists[-1], back, conjuncts(lists[-1])
            if word in PERSON_PRONOUNS:
                # prefer a subject; else the first person named in the sentence
                subj = [t for t in cands if t.dep_ in ("nsubj", "nsubjpass")]
                pick = (subj[-1] if back == 0 and subj else subj[0] if subj else
                        (cands[-1] if back == 0 and cands else cands[0] if cands else None))
            else:
                # a thing or group: the main clause's subject of a sentence before ("Since 1989,
                # when it crushed ..., Beijing has calculated that suppression should be
                # avoided. It will dismiss ..."), else the nearest subject; the next ones are
                # tried when a pick names no one
                main = [t for t in cands if t.head.dep_ == "ROOT" and t.dep_ == "nsubj"] if back else []
                for pick in main + [t for t in reversed(cands) if t not in main]:
                    yield pick, back, (conjuncts(pick) if word in GROUP_PRONOUNS else [pick])
                continue
            if pick is None:
                continue
            yield pick, back, (conjuncts(pick) if word in GROUP_PRONOUNS else [pick])

    def group(self, token) -> tuple[list[ActorRef], str]:
        """Antecedent of "both sides", "the two countries", "each other": the nearest
        earlier coordinated subject naming two or more actors."""
        sents = self.sentences()
        idx = self.sentence_index(token)
        for back in range(0, GROUP_SENTENCES):
            if idx - back < 0:
                break
            for t in reversed(list(sents[idx - back])):
                if back == 0 and t.i >= token.i:
                    continue
                if t.head.lemma_.lower() in REPORTING:
                    continue   # "..., the United States and Saudi Arabia said": the source
                if back == 0 and t.head is clause_verb(token):
                    continue   # "X and Y hosted talks between the two sides": not X and Y
                if t.dep_ in ("nsubj", "nsubjpass") and len(conjuncts(t)) >= 2:
                    refs = []
                    for c in conjuncts(t):
                        refs.extend(self.phrase(c)[0])
                    # two parties, possibly of one country ("the army and the RSF")
                    if len({(r.code, r.start) for r in refs}) >= 2:
                        return refs, (f"group '{token.text}' -> '{self.doc[t.left_edge.i:t.right_edge.i + 1].text}' "
                                      f"({back} sentence(s) back)")
        return self.last_two_countries(token)

    def last_two_countries(self, token) -> tuple[list[ActorRef], str]:
        """"Moscow urged both sides to show restraint": with no pair named together, the two
        countries named last before this sentence (the article's two sides), other than the
        ones this sentence names."""
        sent = self.sentences()[self.sentence_index(token)]
        named = [a for a in self.document.actors if a.how != "context"]   # not a guess from the dateline
        here = {a.code for a in named if sent.start_char <= (a.start or 0) < sent.end_char}
        picked: list[ActorRef] = []
        for a in sorted((a for a in named if (a.start or 0) < sent.start_char),
                        key=lambda a: a.start or 0, reverse=True):
            if not a.code or len(a.code) != 3 or a.code in NON_STATE or a.code in {p.code for p in picked}:
                continue
            if a.code in here:
                continue       # "Moscow urged both sides": Moscow is not one of them
            picked.append(ActorRef(code=a.code, name=a.name, entity_text=token.text, start=token.idx,
                                   end=token.idx + len(token.text), how="group: the last two countries named"))
            if len(picked) == 2:
                return picked, f"group '{token.text}' -> {picked[1].code} and {picked[0].code} (the last two countries named)"
        return [], f"group '{token.text}' unresolved"

    def story_place(self, token) -> tuple[list[ActorRef], str]:
        """"the city's police", "took to the city's streets", "the capital": the place the
        story has named most often so far (its country code), as a careful reader takes it."""
        place = token if _the_place_noun(token) else next(
            (c for c in token.children if c.dep_ == "poss" and _the_place_noun(c)), None)
        if place is None:
            return [], ""
        counts: dict[str, int] = {}
        last: dict[str, int] = {}
        for p in getattr(self.document, "places", None) or []:
            if p.code and p.code not in NON_STATE and p.start is not None and p.start < place.idx:
                counts[p.code] = counts.get(p.code, 0) + 1
                last[p.code] = p.start
        if not counts:
            return [], f"'{place.text}' before any place is named"
        code = max(counts, key=lambda c: (counts[c], last[c]))
        start, end = phrase_span(token)
        sector = patterns.people_nouns().get(token.lemma_.lower()) or None
        why = f"'the {place.text}' -> {code} (the place the story names most, {counts[code]} times)"
        return [ActorRef(code=code, sector=sector, entity_text=self.text[start:end], start=start, end=end,
                         how="story place: " + why)], why

    def arg(self, arg: Arg) -> tuple[list[ActorRef], str]:
        tok = arg.token
        refs = []
        if GROUP_NOUN.match(self.text[slice(*phrase_span(tok))]):
            refs, how = self.group(tok)
            if not refs:
                # "the two sides" with no pair named before: unresolved, not a role noun
                return [], f"{arg.path}: {how}"
        elif tok.pos_ == "NOUN":
            # "foreign ministers of the two countries": the pair is named by the "of" phrase
            of = of_object(tok)
            if of is not None and GROUP_NOUN.match(self.text[slice(*phrase_span(of))]):
                refs, how = self.group(of)
        if not refs:
            refs, how = self.phrase(tok)          # the actors stage resolves he/she itself
        if not refs and (tok.lower_ in PRONOUNS or tok.pos_ == "PRON"):
            refs, how = self.pronoun(tok)
        if not refs and tok.text[:1].isupper():
            span = prepositional_name(tok)
            if span is not None:
                start, end = span
                ref = self.resolve_phrase(self.text[start:end], self.date)
                if ref is not None:
                    ref.start, ref.end = start, end
                    ref.entity_text = self.text[start:end]
                    refs, how = [ref], f"name '{self.text[start:end]}' -> {ref.code} ({ref.how})"
        if not refs:
            refs, how = self.story_place(tok)
        if not refs:
            # "the army's leader, General al-Burhan": the apposition names him
            for c in tok.children:
                if c.dep_ == "appos":
                    if _topic_of_expertise(c):
                        continue   # "Vindman, a Ukraine specialist": the country is his subject
                    refs, ahow = self.phrase(c)
                    if refs:
                        how = f"apposition: {ahow}"
                        break
        return refs, f"{arg.path}: {how}"


def _topic_of_expertise(noun) -> bool:
    """"a Chile expert", "a Ukraine specialist": the country named before a noun of
    ``actors/data/expertise_nouns.tsv`` is what the person knows about, not whose they are."""
    return noun.lemma_.lower() in EXPERTISE_NOUNS and any(
        c.dep_ == "compound" and c.pos_ == "PROPN" for c in noun.children)


def _the_place_noun(tok) -> bool:
    """"the city", "the capital": a bare definite place noun (not "the city of Lyon", not
    "the Kenyan capital")."""
    return tok.lemma_.lower() in STORY_PLACE_NOUNS and any(c.lower_ == "the" and c.dep_ == "det" for c in tok.children) \
        and not any(c.dep_ in ("amod", "compound", "prep", "poss", "nmod", "appos") for c in tok.children)


def prepositional_name(tok) -> tuple[int, int] | None:
    """A name with a preposition inside ("Reporters Without Borders", "Doctors Without
    Borders"): the character span of the head with its capitalised prepositional phrase."""
    start, _ = phrase_span(tok)
    for c in tok.children:
        objs = [g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" else []
        if objs and c.i > tok.i and c.lower_ != "of" and objs[0].text[:1].isupper() \
                and objs[0].ent_type_ not in ("GPE", "DATE", "TIME"):
            return start, objs[0].idx + len(objs[0].text)
    return None


PLACE_OF_OBJECT_PREPS = ("in", "of", "from", "inside", "across", "with", "near", "along")
PLACE_OF_OBJECT_ENTS = ("GPE", "NORP", "ORG", "LOC")


def dedupe(refs: list[ActorRef]) -> list[ActorRef]:
    out, seen = [], set()
    for r in refs:
        key = (r.code, r.name or r.entity_text)
        if key in seen:
            continue
        seen.add(key)
        out.append(r)
    return out


def place_span(tok) -> tuple[int, int]:
    """Character span of the place a token names: its entity, else the token."""
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    return (ent.start_char, ent.end_char) if ent is not None else (tok.idx, tok.idx + len(tok))


def location(resolver: ActorResolver, places) -> dict[str, Any] | None:
    for tok in places:
        start, end = place_span(tok)
        name = resolver.text[start:end]
        country = None
        ref = None
        try:
            found = resolver.actors_in_span(resolver.document, start, end) or []
            ref = found[0] if found else resolver.resolve_phrase(name, resolver.date)
        except Exception:  # a resolver failure must not lose the event
            ref = None
        if ref is not None and ref.code and len(ref.code) == 3 and ref.code not in NON_STATE_CODES:
            country = ref.code
        loc = {"name": name, "country": country, "start": start, "end": end}
        return loc, (ref.how if ref is not None else "")
    return None, ""


# --------------------------------------------------------------------------------------


def clause_verb(token):
    """The nearest verb above a token (the clause it is an argument in)."""
    cur = token
    for _ in range(8):
        if cur.head is cur:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None


def _addressee_of_report(token):
    """"Sondland told Ukrainian officials that they had to open investigations", "Pompeo told
    Ukraine that it must act": a "they" or "it" subject of what is told is the one told, when
    it can be (a group, a country, an organisation; not the press, to whom a speaker speaks
    of their own side: "officials told reporters that they would respond")."""
    word = token.lower_
    clause = token.head
    if word not in ("they", "it") or token.dep_ not in ("nsubj", "nsubjpass"):
        return None
    report, noun = told_clause_head(clause), message_clause_noun(clause)
    if report is not None and report.lemma_.lower() in REPORTING_LEMMAS:
        told = sent_to(report)
    elif noun is not None and noun.head.pos_ == "VERB":
        told = sent_to(noun.head, noun)
    else:
        return None
    if told is None or told.i > clause.i or told.pos_ == "PRON" \
            or patterns.people_nouns().get(told.lemma_.lower()) == "JRN":
        return None
    person = told.ent_type_ == "PERSON"
    plural = told.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in told.children)
    if word == "it" and (person or plural) or word == "they" and person and not plural:
        return None
    return told


def _counts_people(token) -> bool:
    """A word that counts what its "of" object names: a number, a quantifier ("some of the
    detainees") or a noun of ``people_quantity_nouns`` ("dozens of workers")."""
    return token.like_num or token.pos_ in ("NUM", "PRON", "DET") or token.lemma_.lower() in PEOPLE_QUANTITY_NOUNS
