"""Find the actors in a parsed article and resolve them to PLOVER codes.

How an article is read (one pass over the tokens, no extra parsing):

1. **Atoms.** Longest match of lower-case token sequences against the knowledge lexicon
   (knowledge.py: countries, demonyms, capitals, places, seats, organisations, titles and
   role nouns, officeholder names). spaCy's entities are evidence, not truth: a PERSON
   entity that the lexicon does not know becomes an unknown person ("Hunter Biden" is not
   Joe Biden; "Mikhail S. Gorbachev" is Gorbachev); a name the lexicon knows is a person
   whatever spaCy labelled it ("Blinken" as GPE, "Qin" untagged); an ORG entity that
   contains a country ("China Telecom Americas") becomes one organisation of that country;
   words inside LAW/DATE/LANGUAGE... entities are not actors.
2. **Mentions.** Atoms that modify the same noun phrase are grouped by walking the
   dependency parse upwards through compound/amod/nmod/poss, "of X", appositions to a
   title, coordination of countries and "X-led"/"X-backed", never across a line break:
   "US Secretary of State Antony Blinken", "Iran's foreign minister", "Chinese and Russian
   troops", "the Saudi-led coalition" each form one mention.
3. **Resolution.** A mention with a person is resolved by name (officeholders.tsv, the
   term that fits the article date and title); with a title/role noun, by the country of
   its modifiers (else an organisation or person modifier, a locative "in X", an actor
   attached by a preposition "fighters loyal to X", an "X-backed" modifier), then by
   officeholder for title + country + date; an organisation/seat/country by its own entry;
   a capital is the government as subject/object, else its people (PLOVER GSR rule).
   Place names that only say where something happened ("talks in Geneva") are not actors;
   they are returned apart as locations.
4. **Context fallback** (documented, how="context"): a role noun without any country whose
   roles.tsv line says context=yes takes the article's country: the dateline city
   (metadata "dateline" or an upper-case "CITY -" opening), else the dominant country (at
   least two mentions and more than any other).
5. **Later mentions.** A bare surname or first name of a person already resolved in the
   article is that person (how="coref-surname"); he/she/him/her is the most recent
   gender-compatible person actor in the same or the two previous sentences, a subject
   pronoun preferring the last subject (how="pronoun"). "they/it" are left to the caller.
"""
from __future__ import annotations

import dataclasses
from typing import Any

from dateline.actors.knowledge import Knowledge, fold, knowledge
# the word classes, atoms, mentions and mention finding are in actors/mentions, persons and
# roles in actors/people; every name of actors/mentions is re-exported here
from dateline.actors.mentions import (  # noqa: F401 - re-exported
    ACTOR_PREPS, AFFILIATION, ARGUMENT_DEPS, Atom, COUNTRY_SOURCE_KINDS,
    FOREIGN_DEPLOYED_SECTORS, FORMER_WORDS, HONORIFICS, HYPHENS, LOCAL_SECTORS,
    LOCATIVE_PREPS, MODIFIER_DEPS, Mention, NAME_PARTICLES, NON_ACTOR_ENTS,
    NON_GOV_ORG_SECTORS, NOUNISH, PLACE_KINDS, PRONOUN_GENDER, SUBJECT_DEPS, TITLE_ENTS,
    _MentionFinder)
from dateline.actors.people import _PeopleResolver
from dateline.model import NON_STATE_CODES, ActorRef, Article


# --------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------
def _is_state(code: str) -> bool:
    """An ISO 3166 alpha-3 country code, not one of PLOVER's non-state codes."""
    return len(code) == 3 and code.isalpha() and code not in NON_STATE_CODES


def actors_in_span(document: Any, start: int, end: int, include_places: bool = False) -> list[ActorRef]:
    """The actor mentions lying inside the character span [start, end) of the body; with
    ``include_places`` also the place names that only say where (how="location")."""
    if document.places is None:
        # stages never run each other: the pipeline order (or the caller) runs actors first
        raise RuntimeError("actors_in_span: the actors stage has not run on this document "
                           "(run dateline.actors.stage.actors_stage first)")
    refs = document.actors
    if include_places:
        refs = sorted(refs + (document.places or []), key=lambda a: (a.start, a.end))
    return [a for a in refs if a.start is not None and a.start >= start and a.end <= end]


def resolve_phrase(text: str, date: str | None = None, nlp: Any = None) -> ActorRef | None:
    """Resolve one free noun phrase to one ActorRef, or None when no country/code is found.

    Used where the actor span is given (evaluation on PLV): the phrase is parsed on its own
    (one spaCy call; results are cached per (text, date) and returned as fresh copies) and
    the mention that holds the phrase's syntactic head wins, else the first one. Inside the
    pipeline prefer ``actors_in_span``, which costs no parse. Callers that know their phrases
    ahead call :func:`prefetch_phrases` first: one batched parse instead of one per phrase.
    """
    if nlp is None:
        from dateline import nlp as nlp_module

        nlp = nlp_module.load()
    key = (text, date, nlp)
    if key in _PHRASES:
        found = _PHRASES[key]
    else:
        found = _remember(key, _resolve_parsed(nlp(text), text, date))
    return dataclasses.replace(found) if found is not None else None


def prefetch_phrases(phrases: list[tuple[str, str | None]], nlp: Any = None) -> None:
    """Parse the (text, date) phrases not yet cached in one ``nlp.pipe`` call and cache what
    :func:`resolve_phrase` will return for them (a batch costs a fraction of one call each)."""
    if nlp is None:
        from dateline import nlp as nlp_module

        nlp = nlp_module.load()
    missing = list(dict.fromkeys(p for p in phrases if (p[0], p[1], nlp) not in _PHRASES))
    if not missing:
        return
    for (text, date), doc in zip(missing, nlp.pipe([t for t, _ in missing], batch_size=256)):
        _remember((text, date, nlp), _resolve_parsed(doc, text, date))


#: (text, date, nlp) -> what the phrase resolves to (None included); oldest dropped first
_PHRASES: dict[tuple, ActorRef | None] = {}
PHRASE_CACHE_SIZE = 4096


def forget_phrases() -> None:
    """Empty the phrase cache (benchmarks start each round as a fresh worker would)."""
    _PHRASES.clear()


def _remember(key: tuple, found: ActorRef | None) -> ActorRef | None:
    if len(_PHRASES) >= PHRASE_CACHE_SIZE:
        del _PHRASES[next(iter(_PHRASES))]
    _PHRASES[key] = found
    return found


def _resolve_parsed(doc: Any, text: str, date: str | None) -> ActorRef | None:
    article = Article(id="", source="phrase", body=text, published=date)
    actors, mentions = find_actors(doc, article, text)
    if not actors:
        return None
    roots = [s.root.i for s in doc.sents]
    root = roots[0] if roots else 0
    for mention, refs in mentions:
        tokens = {i for a in mention.atoms for i in range(a.start, a.end)}
        if refs and (mention.anchor == root or root in tokens):
            return refs[0]
    return actors[0]


def place_code(text: str) -> ActorRef | None:
    """The country of a place name ("Rome", "Hong Kong", "northern Iraq") from the
    lexicon alone (no parse): for event locations. how is the kind of place."""
    kb = knowledge()
    words = [fold(t) for t in _place_words(text)]
    for length in range(min(6, len(words)), 0, -1):
        for i in range(len(words) - length + 1):
            for entry in kb.lexicon.get(tuple(words[i:i + length]), ()):
                if entry.kind in PLACE_KINDS and entry.code:
                    how = {"country": "country-name", "capital": "capital", "place": "city"}[entry.kind]
                    return ActorRef(code=entry.code, sector=None, name=entry.name,
                                    entity_text=text, start=None, end=None, how=how)
    return None


def _place_words(text: str) -> list[str]:
    from dateline.actors.knowledge import alias_tokenizer

    return [t.text for t in alias_tokenizer()(text)]


def find_actors(doc: Any, article: Article | None,
                text: str | None = None) -> tuple[list[ActorRef], list[tuple[Mention, list[ActorRef]]]]:
    """All actor mentions of a parsed text, in text order, plus the mentions they came from
    (``text``: ``doc.text`` when the caller has it; Doc.text is rebuilt on every read)."""
    return _Resolver(doc, article, knowledge(), text).run()


def find_actors_and_places(doc: Any, article: Article | None,
                           text: str | None = None) -> tuple[list[ActorRef], list[ActorRef]]:
    """The actor mentions, and the place names that only say where (how="location")."""
    resolver = _Resolver(doc, article, knowledge(), text)
    actors, _ = resolver.run()
    return actors, resolver.locations


# --------------------------------------------------------------------------------------
# The resolver
# --------------------------------------------------------------------------------------


class _Resolver(_MentionFinder, _PeopleResolver):
    """Resolves the actors of one document: the steps of the module docstring in order
    (mention finding in :mod:`dateline.actors.mentions`, persons and roles in
    :mod:`dateline.actors.people`)."""

    def __init__(self, doc: Any, article: Article | None, kb: Knowledge, text: str | None = None):
        self.doc = doc
        self.text = doc.text if text is None else text   # Doc.text is rebuilt on every access
        self.kb = kb
        published = (article.published if article else None) or None
        self.date = published[:10] if published else None
        self.metadata = (article.metadata if article else None) or {}
        self.tokens = list(doc)  # one pass over the Doc; indexing a list is cheaper
        self.norms = [fold(t.text) for t in self.tokens]
        self.starts = [t.idx for t in self.tokens]
        self.caps = [t.text[:1].isupper() for t in self.tokens]
        self.atoms: list[Atom] = []
        self.atom_at: dict[int, Atom] = {}
        self.sent_of: list[int] = [0] * len(doc)
        for k, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                self.sent_of[i] = k
        # person coreference: folded name part -> (template, token index)
        self.person_keys: dict[str, tuple[ActorRef, int]] = {}
        # persons for pronouns: (token index, sentence, template, gender)
        self.persons: list[tuple[int, int, ActorRef, str]] = []
        self.locations: list[ActorRef] = []     # "in Geneva": where, not who
        # id(ActorRef) -> (gender, names one person) for refs made here
        self.ref_info: dict[int, tuple[str, bool]] = {}

    # ---------------------------------------------------------------- pipeline
    def run(self):
        self._match_lexicon()
        self._choose_shared_names()
        self._apply_entities()
        self._mark_dateline()
        self.atom_at = {i: a for a in self.atoms for i in range(a.start, a.end)}
        mentions = self._group()
        self._locatives(mentions)
        results: list[tuple[Mention, list[ActorRef]]] = []
        pending: list[tuple[Mention, list[ActorRef]]] = []
        for mention in mentions:
            refs, needs_context = self._resolve(mention)
            results.append((mention, refs))
            if needs_context:
                pending.append((mention, refs))
            self._register_persons(mention, refs)
        if pending:
            context = self._context_country(results)
            resolved = {m.anchor: (m, refs) for m, refs in results if refs}
            for mention, refs in pending:
                attached = self._attached_code(mention, resolved)
                if attached:
                    refs.extend(self._resolve_role(mention, attached_code=attached))
                elif context and self._role_atom(mention).entry.role.context:
                    refs.extend(self._resolve_role(mention, context_code=context))
                self._register_persons(mention, refs)
        extra = self._coref_surnames() + self._pronouns()
        actors = [r for _, refs in results for r in refs] + extra
        actors.sort(key=lambda a: (a.start, a.end))
        return actors, results

    # ---------------------------------------------------------------- 1. atoms

    def _choose_shared_names(self) -> None:
        """A country's name that is also a place of another country (places.tsv: "Georgia", the
        US state) means the place when the article names other places of that country (cities,
        states: "Atlanta") and nothing of the country itself (its capital, people, places)."""
        alternatives = {}
        for atom in self.atoms:
            if atom.kind == "country":
                key = tuple(self.norms[atom.start:atom.end])
                place = next((e for e in self.kb.lexicon.get(key, ()) if e.kind == "place" and e.code != atom.entry.code), None)
                if place is not None:
                    alternatives[id(atom)] = place
        if not alternatives:
            return
        others = [a for a in self.atoms if id(a) not in alternatives and a.kind in ("place", "capital", "country", "demonym")]
        for atom in self.atoms:
            place = alternatives.get(id(atom))
            if place is not None and any(a.kind == "place" and a.entry.code == place.code for a in others) \
                    and not any(a.entry.code == atom.entry.code for a in others):
                atom.entry = place

    def _resolve(self, m: Mention) -> tuple[list[ActorRef], bool]:
        if m.locative:
            start, end = self._extent(m)
            e = m.atoms[-1].entry
            atom = m.atoms[-1]
            place = next((x for x in self.kb.lexicon.get(tuple(self.norms[atom.start:atom.end]), ())
                          if x.kind in PLACE_KINDS), e)   # "in Brussels" is in Belgium
            code, name = place.code, place.name
            self.locations.append(self._ref(code, None, name, start, end, "location"))
            return [], False
        head = self._head(m)
        kind = head.kind
        if kind == "person":
            refs = self._resolve_person(m, head)
            return refs, not refs and m.person_head is not None
        if kind == "role":
            refs = self._resolve_role(m)
            return refs, not refs
        start, end = self._extent(m)
        e = head.entry
        if kind in ("org", "seat"):
            # a country named in the phrase wins over a national institution's own country:
            # "Chile's Defense Department", "the Saudi National Guard" are not American
            named = [a for a in self._sources(m, head) if a.kind in ("country", "demonym") and a.entry.code]
            if named and e.code and e.code != named[0].entry.code and _is_state(e.code):
                return [self._ref(named[0].entry.code, e.sector, None, start, end,
                                  f"{kind} of the country named with it")], False
            return [self._ref(e.code, e.sector, e.name, start, end, kind)], False
        if kind == "capital":
            return [self._ref(e.code, self._capital_sector(m), e.name, start, end, "capital")], False
        if kind == "place":
            return [self._ref(e.code, "CVL", e.name, start, end, "city")], False
        if kind in ("country", "demonym"):
            # "China and Russia", "Chinese and Russian warships": one actor per country
            atoms = [head]
            if any(m.via.get(a.start) == "conj" for a in m.atoms):
                atoms = [a for a in m.atoms if a.kind in ("country", "demonym")]
            refs, seen = [], set()
            for atom in atoms:
                if atom.entry.code in seen:
                    continue
                seen.add(atom.entry.code)
                if len(atoms) > 1:   # each conjunct keeps its own words
                    start, end = self._extent(Mention(m.anchor, [atom]))
                if atom.kind == "country":
                    refs.append(self._ref(atom.entry.code, None, atom.entry.name, start, end, "country-name"))
                else:
                    tok = self.tokens[atom.end - 1]
                    plural_head = tok.tag_ in ("NNS", "NNPS") and atom.start <= m.anchor < atom.end
                    refs.append(self._ref(atom.entry.code, "CVL" if plural_head else None,
                                          atom.entry.name, start, end, "demonym"))
            return refs, False
        return [], False

    def _capital_sector(self, m: Mention) -> str:
        """PLOVER: a capital is the government as subject or object ("Beijing insisted",
        "rebuked Beijing", "talks with Washington"), else its people ("a Paris cafe")."""
        tok = self.tokens[m.anchor]
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "dative", "ROOT", "appos", "poss", "attr", "agent"):
            return "GOV"
        if tok.dep_ == "pobj" and tok.head.lower_ in ACTOR_PREPS:
            return "GOV"
        return "CVL"

    def _head(self, m: Mention) -> Atom:
        """The atom that says what the mention is; the others say whose it is."""
        at_anchor = [a for a in m.atoms if a.start <= m.anchor < a.end]
        persons = [a for a in m.atoms if a.kind == "person"]
        if at_anchor:
            head = at_anchor[0]
            if head.kind == "role" and head.entry.role.kind == "person":
                appos = [a for a in persons if m.via.get(a.start) == "appos"]
                if appos:
                    return appos[0]
            return head
        # the anchor is a plain noun ("a U.S. Supreme Court decision", "Trump's ban")
        for kinds in (("org", "seat"), ("person",), ("role",), ("capital", "country", "place", "demonym")):
            candidates = [a for a in m.atoms if a.kind in kinds]
            if candidates:
                return candidates[-1]
        return m.atoms[-1]

    def _extent(self, m: Mention) -> tuple[int, int]:
        start = min(a.start for a in m.atoms)
        end = max(a.end for a in m.atoms)
        return self.tokens[start].idx, self.tokens[end - 1].idx + len(self.tokens[end - 1])

    def _ref(self, code, sector, name, start, end, how) -> ActorRef:
        return ActorRef(code=code, sector=sector, name=name,
                        entity_text=self.text[start:end], start=start, end=end, how=how)

    def _sources(self, m: Mention, head: Atom, weak: bool = False) -> list[Atom]:
        """Atoms that give the mention its country, nearest to the head first (``weak``:
        only the "X-backed" ones, used when nothing else gives a code)."""
        return sorted((a for a in m.atoms if a is not head and a.kind in COUNTRY_SOURCE_KINDS
                       and (m.via.get(a.start) == "backed") == weak and not self._posted_to(a)),
                      key=lambda a: -a.start)

    def _posted_to(self, atom: Atom) -> bool:
        """ "envoy to Ukraine Kurt Volker", "ambassador to the United States": the country
        after "to" is where a diplomat is posted, not whose diplomat they are (the parser
        often glues it to the name that follows). A demonym is never a posting: "spoke to the
        Chilean president" is Chile's president."""
        if atom.kind == "demonym":
            return False
        i = atom.start - 1
        while i >= 0 and self.tokens[i].lower_ in ("the", "a"):
            i -= 1
        return i >= 0 and self.tokens[i].lower_ == "to"
