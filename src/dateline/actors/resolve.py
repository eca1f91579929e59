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
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from dateline.actors.knowledge import NON_STATE_CODES, Entry, Knowledge, Role, fold, knowledge
from dateline.model import ActorRef, Article

NOUNISH = {"NOUN", "PROPN"}
MODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "flat"}
# "talks in Geneva" says where; "sanctions on Iran", "fired at Russia" say against whom.
LOCATIVE_PREPS = {"in", "near", "across", "throughout", "inside", "outside", "within",
                  "around", "via", "through", "along"}
# An organisation of these sectors gives its sector to its generic members ("Taliban leaders").
NON_GOV_ORG_SECTORS = {"REB", "OPP", "PTY", "UAF", "CRM", "NGO", "MED", "JRN", "BUS", "LAB", "EDU"}
HYPHENS = {"-", "\u2013", "/"}
# Prepositions whose object is a party to the event ("pressure on Beijing").
ACTOR_PREPS = {"with", "against", "to", "from", "on", "by", "toward", "towards", "at", "for",
               "between", "upon", "among", "over"}
# "X-led coalition" belongs to X; "X-backed militias" only lean on X (used last).
AFFILIATION = {w: "led" for w in ("led", "run", "controlled", "owned", "ruled", "commanded",
                                   "dominated", "operated", "flagged", "governed")}
AFFILIATION.update({w: "backed" for w in ("backed", "allied", "supported", "sponsored", "linked",
                                          "aligned", "funded", "affiliated", "trained", "armed",
                                          "based", "friendly", "leaning", "brokered", "mediated")})
FORMER_WORDS = {"former", "ex", "ousted", "deposed", "exiled", "late", "erstwhile"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "attr", "dative"}
# "troops in Syria" may be anyone's troops: a place never gives these their country.
FOREIGN_DEPLOYED_SECTORS = {"MIL", "UAF"}
# "Police arrested protesters in Hong Kong": a place in the clause gives these theirs.
LOCAL_SECTORS = {"CVL", "COP", "OPP", "LAB", "EDU", "JRN"}
PLACE_KINDS = {"country", "capital", "place"}
COUNTRY_SOURCE_KINDS = {"country", "capital", "place", "demonym"}
# Entities whose words are never actors ("the Paris Agreement", "last Monday").
NON_ACTOR_ENTS = {"LAW", "DATE", "TIME", "MONEY", "QUANTITY", "PERCENT", "LANGUAGE"}
# ... and these only when they are more than the actor words ("the Iraq War", not a
# mislabelled "Crown Prince" or "Boko Haram").
TITLE_ENTS = {"EVENT", "WORK_OF_ART"}
PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "lord", "dame", "gen", "sen", "rep", "lt", "col",
              "capt", "maj", "sgt", "prof", "rev", "st", "sheikh", "ayatollah"}
NAME_PARTICLES = {"al", "el", "de", "la", "le", "bin", "ibn", "van", "von", "der", "da", "di",
                  "du", "des", "dos", "abu", "jr", "jr.", "sr", "mr", "mrs", "ms", "dr"}


@dataclass
class Atom:
    """A lexicon or entity match: tokens [start, end) of the Doc and what they mean."""

    start: int
    end: int
    entry: Entry
    dateline: bool = False

    @property
    def kind(self) -> str:
        return self.entry.kind


@dataclass
class Mention:
    """Atoms that belong to one noun phrase, and the token they hang from."""

    anchor: int
    atoms: list[Atom] = field(default_factory=list)
    via: dict[int, str] = field(default_factory=dict)   # atom start -> first dep walked
    locative_codes: list[str] = field(default_factory=list)
    locative: bool = False               # only says where something happened
    locative_clause: bool | None = None  # False: "in X" on the noun itself; True: on its verb
    person_head: Atom | None = None      # unknown name waiting for the context country


# --------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------
def _is_state(code: str) -> bool:
    """An ISO 3166 alpha-3 country code, not one of PLOVER's non-state codes."""
    return len(code) == 3 and code.isalpha() and code not in {"IGO", "UNO", "EUR", "NGO", "MNC", "IMG", "REF"}


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
class _Resolver:
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
    def _match_lexicon(self) -> None:
        doc, norms, kb = self.doc, self.norms, self.kb
        lemmas = [fold(t.lemma_) for t in self.tokens]
        n = len(doc)
        i = 0
        while i < n:
            longest = max(kb.longest.get(norms[i], 0), kb.longest.get(lemmas[i], 0))
            matched = None
            for length in range(min(longest, n - i), 0, -1):
                key = tuple(norms[i:i + length])
                entry = self._pick(kb.lexicon.get(key), i, length, lemma=False)
                if entry is None:
                    lemma_key = key[:-1] + (lemmas[i + length - 1],)
                    if lemma_key != key:
                        entry = self._pick(kb.lexicon.get(lemma_key), i, length, lemma=True)
                if entry is not None:
                    matched = Atom(i, i + length, entry)
                    break
            if matched:
                self.atoms.append(matched)
                i = matched.end
            else:
                i += 1

    def _pick(self, entries: list[Entry] | None, i: int, length: int, lemma: bool) -> Entry | None:
        if not entries:
            return None
        span = self.tokens[i:i + length]
        capitalised = any(self.caps[i:i + length])
        for entry in entries:
            if lemma and entry.kind != "role":
                continue
            if entry.exact is not None:
                if tuple(t.text for t in span) != entry.exact or self._in_capitals_run(i, i + length):
                    continue
            elif entry.kind != "role" and not capitalised:
                continue
            if entry.kind == "role" and span[-1].pos_ not in NOUNISH:
                continue  # "the public" is an actor, "public schedule" is not
            return entry
        return None

    def _in_capitals_run(self, start: int, end: int) -> bool:
        """"IT IS TIME" in an upper-case headline: "IS" there is a word, not an acronym."""
        for j in (start - 1, end):
            if 0 <= j < len(self.tokens):
                word = self.tokens[j].text
                if len(word) > 1 and word.isalpha() and word.isupper() \
                        and (word.lower(),) not in self.kb.lexicon:
                    return True
        return False

    def _apply_entities(self) -> None:
        """Reconcile lexicon atoms with spaCy's entities (evidence, not truth)."""
        doc = self.doc
        covered = {i: a for a in self.atoms for i in range(a.start, a.end)}
        drop: set[int] = set()
        new: list[Atom] = []
        for ent in doc.ents:
            inside = list({id(covered[i]): covered[i] for i in range(ent.start, ent.end) if i in covered
                           and covered[i].start >= ent.start and covered[i].end <= ent.end}.values())
            if ent.label_ in NON_ACTOR_ENTS or (ent.label_ in TITLE_ENTS and any(
                    t.is_alpha and t.text[:1].isupper() and t.i not in covered for t in ent)):
                drop.update(id(a) for a in inside if a.kind != "person")
                continue
            if ent.label_ == "PERSON":
                new.extend(self._person_entity(ent, inside, covered, drop))
            elif ent.label_ in ("ORG", "FAC", "NORP", "GPE") and len(ent) > 1:
                org = self._org_with_country(ent, inside)
                if org is not None:
                    drop.update(id(a) for a in inside)
                    new.append(org)
        atoms = [a for a in self.atoms if id(a) not in drop] + new
        # organisation words count only inside organisation names
        atoms = [a for a in atoms if not (a.kind == "role" and a.entry.role.kind == "orgword")]
        atoms.sort(key=lambda a: a.start)
        self.atoms = atoms

    def _person_entity(self, ent, inside: list[Atom], covered: dict[int, Atom], drop: set[int]) -> list[Atom]:
        """A PERSON entity: known names stay; an alias inside a longer unknown name ("Bill
        Gates", "Hunter Biden") and places inside a name ("Michael Jordan") are the name."""
        known = [a for a in inside if a.kind == "person"]
        titles = [a for a in inside if a.kind == "role" and a.entry.role.kind == "person"]
        loose = [t for t in ent if t.i not in covered and t.pos_ == "PROPN" and t.text[:1].isupper()
                 and fold(t.text).rstrip(".") not in HONORIFICS]
        if not loose:
            return []   # every word is known ("Antony Blinken", "Boko Haram", "Niger")
        if known:
            if titles:
                return []
            person = known[-1].entry.person
            if fold(loose[0].text) in self.kb.first_names.get(person, ()) and loose[0].i < known[-1].start:
                # "Mikhail S. Gorbachev", "Gloria Arroyo": the known person, written longer
                drop.update(id(a) for a in known)
                return [Atom(loose[0].i, known[-1].end, known[-1].entry)]
            drop.update(id(a) for a in known)   # "Hunter Biden" is not Joe Biden
        if not titles:
            # "Michael Jordan", "George Washington": place names inside a name are the name
            drop.update(id(a) for a in inside if a.kind in PLACE_KINDS | {"org", "seat"})
        tokens = [t for t in ent if (t.i not in covered or id(covered[t.i]) in drop)
                  and t.pos_ in ("PROPN", "NOUN", "ADJ") and t.text[:1].isupper()
                  and fold(t.text).rstrip(".") not in HONORIFICS]
        if not tokens:
            return []
        runs: list[list] = []
        for t in tokens:
            if runs and (runs[-1][-1].i == t.i - 1 or (runs[-1][-1].i == t.i - 2 and self.tokens[t.i - 1].text == "-")):
                runs[-1].append(t)
            else:
                runs.append([t])
        run = runs[-1]
        name = self.doc[run[0].i:run[-1].i + 1].text
        person = self.kb.first_last.get((fold(run[0].text), fold(run[-1].text).split("-")[-1])) \
            if len(run) > 1 else None
        if person:   # "Omar El Bashir" is "Omar al-Bashir"
            return [Atom(run[0].i, run[-1].i + 1, Entry("person", None, None, person, person=person))]
        return [Atom(run[0].i, run[-1].i + 1, Entry("person", None, None, name))]

    def _org_with_country(self, ent, inside: list[Atom]) -> Atom | None:
        """"China Telecom Americas" (ORG containing a country) -> one CHN organisation."""
        if ent.label_ not in ("ORG", "FAC"):
            return None
        if len(inside) == 1 and inside[0].start == ent.start and inside[0].end == ent.end:
            return None
        if any(a.kind in ("person", "org", "seat") or (a.kind == "role" and a.entry.role.kind == "person")
               for a in inside):
            return None
        countries = [a for a in inside if a.kind in COUNTRY_SOURCE_KINDS]
        words = [a for a in inside if a.kind == "role"]
        if not countries and not words:
            return None
        if countries and countries[0].start == ent.start and self._posted_to(countries[0]) and not words \
                and all(t.pos_ == "PROPN" for t in self.doc[countries[0].end:ent.end]):
            # "envoy to Ukraine Kurt Volker": a posting glued to a name, not an organisation
            name = self.doc[countries[0].end:ent.end].text
            return Atom(countries[0].end, ent.end, Entry("person", None, None, name)) if name else None
        plain = {i for a in inside if a.kind in COUNTRY_SOURCE_KINDS or
                 (a.kind == "role" and a.entry.role.kind != "orgword") for i in range(a.start, a.end)}
        if all(t.i in plain or not t.is_alpha or t.lower_ == "the" or t.tag_ == "POS" for t in ent):
            return None  # "Egyptian Foreign Ministry": a country plus a role noun, not a name
        sector = words[-1].entry.sector if words else None
        start = ent.start + (1 if ent[0].lower_ == "the" else 0)
        name = self.doc[start:ent.end].text
        if countries:
            return Atom(start, ent.end, Entry("org", countries[0].entry.code, sector, name))
        # "General Motors Corporation", "Atomic Energy Organization": a named body of unknown
        # country whose words give its sector; its modifiers may give the country
        role = Role(name, sector, "group", (), False)
        return Atom(start, ent.end, Entry("role", None, sector, name, role=role))

    def _mark_dateline(self) -> None:
        """An opening "CITY, Country (Agency) -" is where the story was filed, not an actor."""
        doc = self.doc
        for i in range(1, min(len(doc), 8)):
            tok = doc[i]
            if "\n" in tok.text or "\n" in doc[i - 1].text:
                break
            if tok.text in ("-", "--", "\u2014", "\u2013", "(") and doc[i - 1].whitespace_:
                words = [t for t in doc[:i] if t.is_alpha]
                if words and all(t.text.isupper() for t in words[:2]):
                    for a in self.atoms:
                        if a.end <= i:
                            a.dateline = True
                break

    # ---------------------------------------------------------------- 2. mentions
    def _group(self) -> list[Mention]:
        mentions: dict[int, Mention] = {}
        for atom in self.atoms:
            if atom.dateline or atom.kind == "block":
                continue
            anchor, via = self._anchor(atom)
            mention = mentions.setdefault(anchor, Mention(anchor))
            mention.atoms.append(atom)
            mention.via[atom.start] = via
        for mention in mentions.values():
            # "US-China tensions": countries joined by a hyphen are coordinated
            places = [a for a in mention.atoms if a.kind in COUNTRY_SOURCE_KINDS]
            for left, right in zip(places, places[1:]):
                if right.start == left.end + 1 and self.tokens[left.end].text in HYPHENS:
                    mention.via[left.start] = mention.via[right.start] = "conj"
        return sorted(mentions.values(), key=lambda m: m.atoms[0].start)

    def _root(self, atom: Atom):
        span = self.tokens[atom.start:atom.end]
        heads = [t for t in span if t.head.i < atom.start or t.head.i >= atom.end or t.head.i == t.i]
        return heads[-1] if heads else span[-1]

    def _anchor(self, atom: Atom) -> tuple[int, str]:
        tok = self._root(atom)
        first_dep = ""
        for _ in range(12):
            head = tok.head
            dep = tok.dep_
            if head.i == tok.i:
                break
            head_atom = self.atom_at.get(head.i)
            own_atom = self.atom_at.get(tok.i)
            step = None
            if dep in MODIFIER_DEPS and head.pos_ in NOUNISH and abs(head.i - tok.i) <= 8:
                step = head
            elif dep in ("npadvmod", "advmod", "compound") and head.lower_ in AFFILIATION \
                    and head.dep_ in ("amod", "compound") and head.head.pos_ in NOUNISH:
                step = head.head   # "Saudi-led coalition", "Iran-backed militias"
                dep = AFFILIATION[head.lower_]
            elif dep == "appos" and head_atom is not None and head_atom is not own_atom and (
                    head_atom.kind == "person" or (head_atom.kind == "role" and head_atom.entry.role.kind == "person")):
                step = head
            elif dep == "pobj" and head.lower_ == "of" and head.head.pos_ in NOUNISH:
                target = self.atom_at.get(head.head.i)
                if target is not None and target.kind in ("role", "person", "org"):
                    step = head.head
            elif dep == "conj" and own_atom is not None and own_atom.kind in COUNTRY_SOURCE_KINDS \
                    and head_atom is not None and head_atom.kind in COUNTRY_SOURCE_KINDS \
                    and head.dep_ in ("amod", "compound", "nmod", "poss", "pobj") and head_atom is not own_atom:
                step = head
            if step is None or self._line_break_between(tok.i, step.i):
                break
            if not first_dep:
                first_dep = dep
            tok = step
        return tok.i, first_dep

    def _line_break_between(self, i: int, j: int) -> bool:
        """Headlines and captions run into the next line in the parse; phrases do not."""
        lo, hi = min(i, j), max(i, j)
        return "\n" in self.text[self.tokens[lo].idx:self.tokens[hi].idx]

    def _locatives(self, mentions: list[Mention]) -> None:
        """Drop place-only mentions that say where ("in Geneva"); lend their country to a
        role noun they attach to ("protesters in Hong Kong")."""
        by_token: dict[int, Mention] = {}
        for m in mentions:
            by_token[m.anchor] = m
            for a in m.atoms:
                for i in range(a.start, a.end):
                    by_token.setdefault(i, m)
        for m in mentions:
            if not all(a.kind in PLACE_KINDS or a.kind == "seat" for a in m.atoms):
                continue
            tok = self.tokens[m.anchor]
            if tok.dep_ == "appos" and tok.head.dep_ == "pobj":
                tok = tok.head   # "near the capital Damascus"
            if tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS:
                m.locative = True
                attached = tok.head.head
                host = by_token.get(attached.i)
                codes = [a.entry.code for a in m.atoms if a.kind in PLACE_KINDS]
                if host is not None and host is not m:
                    host.locative_codes.extend(codes)
                    host.locative_clause = False
                elif attached.pos_ in ("VERB", "AUX"):
                    # "Police arrested protesters in Hong Kong": the clause's place
                    for other in mentions:
                        anchor = self.tokens[other.anchor]
                        if other is not m and anchor.head.i == attached.i and anchor.dep_ in ARGUMENT_DEPS:
                            other.locative_codes.extend(codes)
                            if other.locative_clause is None:
                                other.locative_clause = True

    # ---------------------------------------------------------------- 3. resolution
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
        often glues it to the name that follows)."""
        i = atom.start - 1
        while i >= 0 and self.tokens[i].lower_ in ("the", "a"):
            i -= 1
        return i >= 0 and self.tokens[i].lower_ == "to"

    def _resolve_person(self, m: Mention, head: Atom) -> list[ActorRef]:
        start, end = self._extent(m)
        titles = [a for a in m.atoms if a.kind == "role" and a.entry.role.kind == "person"]
        offices = tuple(o for t in titles for o in t.entry.role.offices)
        sources = self._sources(m, head)
        explicit = sources[0].entry.code if sources else None
        e = head.entry
        if e.person:
            term = self.kb.person_term(e.person, self.date, explicit, offices)
            sector = term.sector
            if titles and not (set(offices) & term.offices) and titles[-1].entry.sector != sector \
                    and titles[-1].entry.role.kind == "person" and titles[-1].entry.sector != "GOV":
                sector = titles[-1].entry.sector   # "General Michel Aoun" speaks as a soldier
            if sector == "GOV" and (self._former(m) or self._out_of_office(e.person)):
                sector = "ELI"   # PLOVER GSR: former officials are elites, not the government
            if titles:
                how = "title+name"
            elif head.end - head.start < len(e.person.split()) and any(
                    r.name == e.person and i < head.start for r, i in self.person_keys.values()):
                how = "coref-surname"
            else:
                how = "officeholder"
            ref = self._ref(term.code, sector, e.person, start, end, how)
            self.ref_info[id(ref)] = (term.gender, True)
            return [ref]
        # an unknown name: country and sector from its modifiers
        code = explicit
        org_sector = None
        if code is None:
            others = [a for a in m.atoms if a is not head and a.kind in ("org", "seat", "person")]
            for other in others:
                code = other.entry.code or self._person_code(other)
                if code:
                    org_sector = other.entry.sector if other.kind in ("org", "seat") else None
                    break
        how = "title+name" if titles else "name"
        if code is None and titles:
            m.person_head = head
            return []
        if code is None:
            coref = self.person_keys.get(fold(self.tokens[head.end - 1].text))
            if coref is not None and coref[1] < head.start:
                return [self._ref(coref[0].code, coref[0].sector, coref[0].name, start, end, "coref-surname")]
            return []
        roles = titles or [a for a in m.atoms if a.kind == "role"]
        # "German airline Lufthansa", "Ford Motor Company's Alan Mulally"
        sector = roles[-1].entry.sector if roles else org_sector
        return [self._ref(code, sector, e.name, start, end, how)]

    def _former(self, m: Mention) -> bool:
        """"former president", "ex-minister", "ousted leader": not in office now."""
        tokens = {i for a in m.atoms for i in range(a.start, a.end)} | {m.anchor}
        for i in tokens:
            if self.tokens[i].lower_ in FORMER_WORDS:
                return True
            for child in self.tokens[i].children:
                if child.lower_ in FORMER_WORDS and child.i < i:
                    return True
        return False

    def _out_of_office(self, person: str) -> bool:
        """Known person, known date, and none of their government terms covers that date
        (Trump in 2023, Biden in 2019): an elite, not the government, on that day."""
        if not self.date:
            return False
        terms = [t for t in self.kb.terms_by_person.get(person, ()) if t.sector == "GOV"]
        return bool(terms) and not any(t.valid_at(self.date) for t in terms)

    def _person_code(self, atom: Atom) -> str | None:
        if atom.entry.person:
            term = self.kb.person_term(atom.entry.person, self.date)
            return term.code if term else None
        return None

    def _role_atom(self, m: Mention) -> Atom:
        head = self._head(m)
        return head if head.kind == "role" else next((a for a in m.atoms if a.kind == "role"), head)

    def _attached_code(self, m: Mention, resolved: dict[int, tuple[Mention, list[ActorRef]]]) -> str | None:
        """A country-less role noun takes the code of an actor hanging from it through a
        preposition: "fighters loyal to Ouattara", "a worker for a telecom company in Somalia"."""
        for anchor, (other, refs) in resolved.items():
            if other is m or not (m.anchor < anchor <= m.anchor + 10):
                continue
            tok, through_prep = self.tokens[anchor], False
            for _ in range(3):
                if tok.dep_ == "prep" and tok.lower_ == "to" and refs[0].how in ("country-name", "capital", "demonym"):
                    break   # "envoy to Ukraine", "ambassador to China": posted there, not from there
                through_prep |= tok.dep_ in ("prep", "agent")
                tok = tok.head
                if tok.i == m.anchor:
                    if through_prep and refs[0].code:
                        return refs[0].code
                    break
        return None

    def _resolve_role(self, m: Mention, context_code: str | None = None,
                      attached_code: str | None = None) -> list[ActorRef]:
        role_atom = self._role_atom(m)
        role = role_atom.entry.role
        start, end = self._extent(m)
        sources = self._sources(m, role_atom)
        codes: list[str] = []
        holder_of: dict[str, str] = {}   # code -> officeholder lookup key (organisation name)
        for s in sorted(sources, key=lambda a: a.start) if any(m.via.get(a.start) == "conj" for a in sources) else sources:
            if s.entry.code not in codes:
                codes.append(s.entry.code)
        how = "role-noun"
        sector = role.sector
        for other in m.atoms:
            if other is role_atom:
                continue
            code = other.entry.code if other.kind in ("org", "seat") else (
                self._person_code(other) if other.kind == "person" else None)
            if code:
                if not codes:
                    codes.append(code)
                    if other.kind == "org":
                        holder_of[code] = other.entry.name
                if other.kind == "org" and sector == "GOV" and other.entry.sector in NON_GOV_ORG_SECTORS:
                    sector = other.entry.sector   # "Taliban leaders", "Hamas officials"
                break
        if not codes and m.locative_codes and role.sector not in FOREIGN_DEPLOYED_SECTORS:
            if m.locative_clause is False or role.sector in LOCAL_SECTORS:
                codes.append(m.locative_codes[0])
        if not codes:
            codes.extend(s.entry.code for s in self._sources(m, role_atom, weak=True)[:1])
        if not codes and attached_code:
            codes.append(attached_code)
        if not codes and context_code:
            codes.append(context_code)
            how = "context"
        if not codes:
            return []
        refs = []
        coordinated = any(m.via.get(s.start) == "conj" for s in sources)
        for code in (codes if coordinated else codes[:1]):
            name = role_atom.entry.name   # a named body ("Atomic Energy Organization") or None
            gender = ""
            plural = self.tokens[role_atom.end - 1].tag_ in ("NNS", "NNPS")
            former = role.kind == "person" and self._former(m)
            if former and sector == "GOV":
                sector = "ELI"   # "the former prime minister"
            if m.person_head is not None:
                name = m.person_head.entry.name   # "President Ilir Meta": the text names them
                if how != "context":
                    how = "title+name"
            elif role.offices and not plural and not former:   # "the foreign ministers" are not one person
                term = None
                for key in dict.fromkeys((holder_of.get(code, code), code)):   # "NATO", then "AFG"
                    term = term or self.kb.officeholder(key, role.offices, self.date, sector)
                if term is not None:
                    name, gender = term.name, term.gender
                    if how != "context":
                        how = "officeholder"
            ref = self._ref(code, sector, name, start, end, how)
            self.ref_info[id(ref)] = (gender, role.kind == "person" and name is not None)
            refs.append(ref)
        return refs

    # ---------------------------------------------------------------- 4. context
    def _context_country(self, results) -> str | None:
        """The article's country: dateline place, else the dominant country (documented
        fallback; actors coded from it say how="context")."""
        dateline = self.metadata.get("dateline") if isinstance(self.metadata, dict) else None
        if isinstance(dateline, str) and dateline.strip():
            code = self._lookup_place(dateline)
            if code:
                return code
        for a in self.atoms:
            if a.dateline and a.kind in PLACE_KINDS | {"demonym"} and a.entry.code:
                return a.entry.code
        counts = Counter(r.code for _, refs in results for r in refs
                         if r.code and r.code not in NON_STATE_CODES and len(r.code) == 3)
        if not counts:
            return None
        ranked = counts.most_common(2)
        top, n = ranked[0]
        if n >= 2 and (len(ranked) == 1 or n > ranked[1][1]):
            return top
        return None

    def _lookup_place(self, text: str) -> str | None:
        words = [fold(w) for w in text.replace(",", " , ").replace("(", " ").replace(")", " ").split()]
        for length in range(min(4, len(words)), 0, -1):
            for i in range(len(words) - length + 1):
                for entry in self.kb.lexicon.get(tuple(words[i:i + length]), ()):
                    if entry.kind in PLACE_KINDS and entry.code:
                        return entry.code
        return None

    # ---------------------------------------------------------------- 5. later mentions
    def _register_persons(self, mention: Mention, refs: list[ActorRef]) -> None:
        """Remember resolved persons for later surnames and pronouns."""
        person_atom = next((a for a in mention.atoms if a.kind == "person"), None)
        for ref in refs:
            gender, names_person = self.ref_info.get(id(ref), ("", False))
            head = self._head(mention)
            if not ref.name or not (names_person or head.kind == "person"):
                continue
            tok_i = self._token_at(ref.end - 1)
            self.persons.append((tok_i, self.sent_of[tok_i], ref, gender))
            parts = ref.name.replace("-", " ").split()
            keys = {fold(parts[0]), fold(parts[-1])} if parts else set()
            if person_atom is not None:
                surface = self.tokens[person_atom.start:person_atom.end]
                keys |= {fold(surface[0].text), fold(surface[-1].text)}
            for key in keys:
                if len(key) > 2 and key not in NAME_PARTICLES and key not in HONORIFICS \
                        and key not in self.person_keys:
                    self.person_keys[key] = (ref, tok_i)

    def _token_at(self, char: int) -> int:
        """Index of the token holding character ``char``."""
        import bisect

        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def _coref_surnames(self) -> list[ActorRef]:
        refs = []
        used = set(self.atom_at)
        for tok in self.tokens:
            if tok.i in used or not tok.text[:1].isupper() or tok.pos_ not in ("PROPN", "NOUN", "X"):
                continue
            hit = self.person_keys.get(self.norms[tok.i])
            if hit is None or hit[1] >= tok.i:
                continue
            if tok.ent_type_ and tok.ent_type_ not in ("PERSON", "GPE", "ORG", "NORP", "FAC", "LOC"):
                continue
            if tok.i > 0 and self.tokens[tok.i - 1].pos_ == "PROPN" and self.tokens[tok.i - 1].i not in used:
                continue  # part of a longer unknown name
            if tok.i + 1 < len(self.doc) and self.tokens[tok.i + 1].pos_ == "PROPN" \
                    and self.tokens[tok.i + 1].text[:1].isupper() and tok.i + 1 not in used:
                continue
            tpl = hit[0]
            ref = self._ref(tpl.code, tpl.sector, tpl.name, tok.idx, tok.idx + len(tok), "coref-surname")
            refs.append(ref)
            self.persons.append((tok.i, self.sent_of[tok.i], ref, self.ref_info.get(id(tpl), ("", False))[0]))
        return refs

    def _pronouns(self) -> list[ActorRef]:
        refs = []
        persons = sorted(self.persons, key=lambda p: p[0])
        for tok in self.tokens:
            gender = PRONOUN_GENDER.get(tok.lower_)
            if gender is None or tok.tag_ != "PRP":
                continue
            sent = self.sent_of[tok.i]
            candidates = [(tok_i, tpl) for tok_i, p_sent, tpl, p_gender in persons
                          if tok_i < tok.i and sent - p_sent <= 2 and (not p_gender or p_gender == gender)]
            if not candidates:
                continue
            chosen = candidates[-1]
            if tok.dep_ in SUBJECT_DEPS:
                # a subject pronoun continues the last subject ("Blinken met Qin. He said")
                subjects = [c for c in candidates if self._is_subject(c[0])]
                if subjects and self.sent_of[subjects[-1][0]] >= self.sent_of[chosen[0]] - 1:
                    chosen = subjects[-1]
            tpl = chosen[1]
            refs.append(self._ref(tpl.code, tpl.sector, tpl.name, tok.idx, tok.idx + len(tok), "pronoun"))
        return refs

    def _is_subject(self, i: int) -> bool:
        tok = self.tokens[i]
        for _ in range(4):   # climb from a name part to the head of its phrase
            if tok.dep_ in SUBJECT_DEPS:
                return True
            if tok.dep_ not in MODIFIER_DEPS | {"appos"} or tok.head.i == tok.i:
                return False
            tok = tok.head
        return False
