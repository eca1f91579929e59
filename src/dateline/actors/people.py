"""Persons, roles and later mentions: steps 3 to 5 of the resolver (part of
:mod:`dateline.actors.resolve`).

A known person (in office on the article's date), a role noun with its country ("the
French foreign minister") or the article's context country, a bare surname of a person
already resolved, and he/she pronouns.
"""
from __future__ import annotations

from collections import Counter

from dateline.actors.knowledge import NON_STATE_CODES, fold
from dateline.actors.mentions import (
    Atom, FOREIGN_DEPLOYED_SECTORS, FORMER_WORDS, HONORIFICS, LOCAL_SECTORS,
    MODIFIER_DEPS, Mention, NAME_PARTICLES, NON_GOV_ORG_SECTORS, PLACE_KINDS,
    PRONOUN_GENDER, SUBJECT_DEPS)
from dateline.model import ActorRef


class _PeopleResolver:
    """The person, role and later-mention half of the resolver
    (:class:`dateline.actors.resolve._Resolver`)."""

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
