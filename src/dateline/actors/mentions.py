"""Actor mentions: the word classes of the resolver, its atoms and mentions, and how they
are found (part of :mod:`dateline.actors.resolve`, which re-exports every name here).

Steps 1 and 2 of the resolver: lexicon and named-entity atoms, grouped into mentions
(a head with its modifiers and hyphen/possessive neighbours), each with its anchor in the
sentence and whether it only says where something happened.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from dateline.actors.knowledge import DATA_DIR, Entry, Role, fold
from dateline.tables import read_table


NOUNISH = {"NOUN", "PROPN"}
#: words that end a name after a title word ("the Premier League", "General Motors")
NAME_HEADS = frozenset(cells[0].lower() for _, cells in read_table(DATA_DIR / "name_heads.tsv") if cells)
#: "a Ukraine specialist": the country before these nouns is a subject of study, not a nationality
EXPERTISE_NOUNS = frozenset(cells[0].lower() for _, cells in read_table(DATA_DIR / "expertise_nouns.tsv") if cells)
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


class _MentionFinder:
    """The first half of the resolver (:class:`dateline.actors.resolve._Resolver`): lexicon
    and entity atoms, grouped into mentions, with their anchors and locatives."""

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
            if entry.kind == "role" and entry.role.kind != "orgword" and self._inside_a_name(i + length):
                continue  # "the Kenyan Premier League", "General Motors": a word of a name
            return entry
        return None

    def _inside_a_name(self, end: int) -> bool:
        """Does a non-person name (organisation, place, event, work, law) go on after the
        word ending at ``end``? ("Premier" in "the Premier League")"""
        if end >= len(self.tokens):
            return False
        nxt, last = self.tokens[end], self.tokens[end - 1]
        if not (nxt.text[:1].isupper() and last.text[:1].isupper()) or nxt.ent_type_ == "PERSON":
            return False
        return (nxt.ent_iob_ == "I" and last.ent_type_ == nxt.ent_type_
                and nxt.ent_type_ in ("ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW")) \
            or nxt.lower_ in NAME_HEADS

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
                before = [a for a in self.atoms if a.end <= i]
                # "Indianapolis – Several thousand teachers...": a place name in title case
                # before a dash is a dateline too
                placed = tok.text in ("\u2014", "\u2013") and len(words) <= 3 and before \
                    and all(t.text[:1].isupper() for t in words) \
                    and all(a.kind in COUNTRY_SOURCE_KINDS or a.kind == "place" for a in before)
                if words and (all(t.text.isupper() for t in words[:2]) or placed):
                    for a in before:
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
                if dep == "compound" and head.lemma_.lower() in EXPERTISE_NOUNS and head.dep_ == "appos":
                    break   # "Vindman, a Ukraine specialist": Ukraine is what he studies
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
