"""Actor knowledge read from the data files next to this module (loaded once per process).

Everything the resolver knows about the world lives in ``data/*.tsv`` (countries, places,
seats of power, organisations, titles/role nouns, officeholders with dates); this module
only reads those files into one lookup table keyed by lower-case, accent-folded token
sequences, so that matching an article is one dictionary probe per token position
(longest match first) instead of pattern matching.

Users extend the knowledge without editing the package: put files with the same names and
columns in a folder and set DATELINE_ACTORS_DATA to it (its lines are added).

Aliases are tokenised with spaCy's rule-based English tokenizer (the pipeline's own; no
statistical model runs), so "Secretary-General" or "U.S." split exactly as they do in a
parsed article.
"""
from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from dateline.model import NON_STATE_CODES  # noqa: F401 - re-exported for actors/people
from dateline.tables import read_table

DATA_DIR = Path(__file__).parent / "data"

#: Which entry wins when one key has several meanings (lower = preferred).
KIND_PRIORITY = {
    "person": 0, "org": 1, "seat": 2, "country": 3, "capital": 4, "place": 5,
    "block": 6, "demonym": 7, "role": 8,
}



@dataclass(frozen=True)
class Role:
    """A title or role noun from roles.tsv."""

    phrase: str
    sector: str
    kind: str                      # person | group | orgword
    offices: tuple[str, ...]       # officeholder office keys, in lookup order
    context: bool                  # may take the article's country when none is given


@dataclass(frozen=True)
class Term:
    """One continuous term of one person in one office (a line of officeholders.tsv)."""

    name: str
    code: str
    offices: frozenset[str]
    sector: str
    start: str
    end: str                       # "" = still in office
    gender: str                    # m | f | ""

    def valid_at(self, date: str) -> bool:
        return _date_le(self.start, date) and (not self.end or not _date_le(self.end, date))


@dataclass(frozen=True)
class Entry:
    """One meaning of a lexicon key."""

    kind: str                      # see KIND_PRIORITY
    code: str | None = None
    sector: str | None = None
    name: str | None = None        # canonical name (country, organisation, person)
    exact: tuple[str, ...] | None = None   # token texts that must match case-sensitively
    role: Role | None = None
    person: str | None = None      # officeholder canonical name


@dataclass
class Knowledge:
    lexicon: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    longest: dict[str, int] = field(default_factory=dict)     # first key token -> longest key
    terms_by_person: dict[str, list[Term]] = field(default_factory=dict)
    terms_by_office: dict[tuple[str, str], list[Term]] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)
    first_names: dict[str, set[str]] = field(default_factory=dict)  # person -> folded first words
    first_last: dict[tuple[str, str], str] = field(default_factory=dict)  # (first, last word) -> person

    def add(self, tokens: tuple[str, ...], entry: Entry) -> None:
        if not tokens:
            return
        entries = self.lexicon.setdefault(tokens, [])
        if entry not in entries:
            entries.append(entry)
            entries.sort(key=lambda e: KIND_PRIORITY[e.kind])
        if len(tokens) > self.longest.get(tokens[0], 0):
            self.longest[tokens[0]] = len(tokens)

    def officeholder(self, code: str, offices: tuple[str, ...], date: str | None,
                     sector: str | None = None) -> Term | None:
        """Who held the first of ``offices`` (in order) in ``code`` (a country code or an
        organisation's name) on ``date``; among several, one of ``sector`` ("Taliban leader"
        REB vs "Afghan leader" GOV)."""
        if not date:
            return None
        for office in offices:
            valid = [t for t in self.terms_by_office.get((code, office), ()) if t.valid_at(date)]
            if valid:
                return max(valid, key=lambda t: (t.sector == sector, t.start))
        return None

    def person_term(self, name: str, date: str | None, code: str | None = None,
                    offices: tuple[str, ...] = ()) -> Term | None:
        """The term of ``name`` that best fits the date, an explicit country and a title."""
        terms = self.terms_by_person.get(name, [])
        if not terms:
            return None

        def score(t: Term) -> tuple:
            return (
                bool(date) and t.valid_at(date),
                code is not None and t.code == code,
                bool(set(offices) & t.offices),
                -_distance(t, date) if date else 0,
                t.start,
            )

        return max(terms, key=score)


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-case, accent-free, straight-apostrophe form used for every lexicon key (cached:
    the actors stage folds every token's text and lemma, and words repeat)."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _date_le(a: str, b: str) -> bool:
    """a <= b for ISO dates of different precision (2023, 2023-07, 2023-07-25)."""
    n = min(len(a), len(b))
    return a[:n] <= b[:n]


def _distance(term: Term, date: str) -> int:
    """Rough distance in days between ``date`` and a term (0 inside it)."""
    def days(d: str) -> int:
        parts = (d + "-01-01")[:10].split("-")
        try:
            y, m, dd = int(parts[0]), int(parts[1] or 1), int(parts[2] or 1)
        except ValueError:
            return 0
        return y * 372 + m * 31 + dd

    x = days(date[:10])
    if term.valid_at(date):
        return 0
    if _date_le(date, term.start):
        return days(term.start) - x
    return x - days(term.end) if term.end else 0


def data_dirs() -> list[Path]:
    """The packaged data folder, then the user's ($DATELINE_ACTORS_DATA: a folder holding
    files of the same names and format, whose lines are added to the packaged ones)."""
    from dateline import settings

    extra = settings.current().actors_data
    return [DATA_DIR] + ([Path(extra)] if extra else [])


def _rows(name: str) -> list[list[str]]:
    """Data lines of a tab-separated file in every data folder (comments and the column-name
    line skipped)."""
    rows = []
    for folder in data_dirs():
        path = folder / name
        if path.is_file():
            rows.extend(cells for _, cells in read_table(path))
    return rows


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()] if cell else []


def _is_abbreviation(alias: str, max_letters: int) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return alias.upper() == alias and 0 < len(letters) <= max_letters


@functools.lru_cache(maxsize=1)
def alias_tokenizer():
    """spaCy's rule-based English tokenizer: splits aliases like articles. The loaded
    pipeline's own tokenizer (the one that splits the articles; it gives every packaged
    alias the same tokens as a blank English one, and saves building that: 0.1 s of every
    start), or a blank English one where no pipeline is installed."""
    import spacy

    from dateline import nlp

    try:
        return nlp.load().tokenizer
    except nlp.ModelNotInstalled:
        return spacy.blank("en").tokenizer


class _AliasTokens:
    """Each alias's token texts, kept between processes in a file of the user cache
    (:mod:`dateline.usercache`), so that a start tokenises only the aliases it has not met.

    Why: tokenising the 5,500 packaged aliases creates a vocabulary entry for each of their
    words, most of which no article of a run contains: 0.25 of the 0.35 CPU s that
    :func:`knowledge` takes in a fresh process. The file maps alias -> token texts, is
    named by a key of the tokenizer (spaCy's version, the pipeline's name, version and
    tokenizer file), and is a cache only: missing or unreadable means tokenising."""

    FORMAT = "alias-tokens-1"

    def __init__(self, tokenizer, use_file: bool = True):
        self.tokenizer = tokenizer
        self.path = _alias_cache_file(tokenizer) if use_file else None
        self.known: dict[str, tuple[str, ...]] = _read_alias_cache(self.path)
        self.added = 0

    def __call__(self, alias: str) -> tuple[str, ...]:
        orth = self.known.get(alias)
        if orth is None:
            orth = self.known[alias] = self.tokenize(alias)
            self.added += 1
        return orth

    def tokenize(self, alias: str) -> tuple[str, ...]:
        return tuple(t.text for t in self.tokenizer(alias))

    def save(self) -> None:
        if self.added and self.path is not None:
            import json

            from dateline import usercache

            data = json.dumps({"format": self.FORMAT, "tokens": self.known}, ensure_ascii=False)
            usercache.write(self.path, data.encode("utf-8"), stale="actor-alias-tokens-*.json")


def _alias_cache_file(tokenizer) -> Path | None:
    """The cache file for the loaded pipeline's tokenizer; None for any other tokenizer (a
    blank one where no pipeline is installed) or without a cache folder."""
    import spacy

    from dateline import nlp, usercache

    base = usercache.folder()
    try:
        model = nlp.load()
    except nlp.ModelNotInstalled:
        return None
    if base is None or model.tokenizer is not tokenizer:
        return None
    try:
        files = [Path(model.path) / "tokenizer"] if model.path else []
        key = usercache.key(_AliasTokens.FORMAT, spacy.__version__, model.meta.get("lang", ""),
                            model.meta.get("name", ""), model.meta.get("version", ""), files=files)
    except OSError:
        return None
    return base / f"actor-alias-tokens-{key}.json"


def _read_alias_cache(path: Path | None) -> dict[str, tuple[str, ...]]:
    import json

    if path is None:
        return {}
    try:
        data = json.loads(path.read_text("utf-8"))
        if data.get("format") != _AliasTokens.FORMAT:
            return {}
        return {alias: tuple(orth) for alias, orth in data["tokens"].items()
                if all(isinstance(t, str) for t in orth)}
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        return {}          # missing or broken: tokenised again, and written again


@functools.lru_cache(maxsize=1)
def knowledge() -> Knowledge:
    """All data files read into one Knowledge (cached for the process)."""
    kb = _build(cache := _AliasTokens(alias_tokenizer()))
    cache.save()
    return kb


def _build(alias_tokens: _AliasTokens) -> Knowledge:
    def tokens(alias: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        orth = alias_tokens(alias)
        return tuple(fold(t) for t in orth), orth

    kb = Knowledge()

    def add_name(alias: str, entry: Entry, max_letters: int = 4) -> None:
        key, orth = tokens(alias)
        if _is_abbreviation(alias, max_letters):
            entry = Entry(**{**entry.__dict__, "exact": orth})
        kb.add(key, entry)

    for row in _rows("countries.tsv"):
        code, name, names, adjectives, capitals = (row + [""] * 5)[:5]
        kb.country_names[code] = name
        for alias in [name, *_split(names)]:
            add_name(alias, Entry("country", code, None, name))
        for alias in _split(adjectives):
            add_name(alias, Entry("demonym", code, None, name))
        for alias in _split(capitals):
            add_name(alias, Entry("capital", code, "GOV", name))

    for place, code in (r[:2] for r in _rows("places.tsv")):
        if code == "-":
            add_name(place, Entry("block"))
        else:
            add_name(place, Entry("place", code, "CVL", kb.country_names.get(code, code)))

    for phrase, code, sector, name in (r[:4] for r in _rows("seats.tsv")):
        add_name(phrase, Entry("seat", code, sector or None, name))

    org_codes: dict[str, str] = {}
    for row in _rows("organisations.tsv"):
        name, aliases, code, sector = (row + [""] * 4)[:4]
        org_codes[name] = code
        for alias in [name, *_split(aliases)]:
            add_name(alias, Entry("org", code, sector or None, name), max_letters=5)

    for row in _rows("roles.tsv"):
        phrase, sector, kind, offices, context = (row + [""] * 5)[:5]
        role = Role(phrase, sector, kind, tuple(_split(offices)), context != "no")
        kb.add(tokens(phrase)[0], Entry("role", None, sector, None, role=role))

    for row in _rows("officeholders.tsv"):
        name, aliases, holder, offices, sector, start, end, gender = (row + [""] * 8)[:8]
        code = org_codes.get(holder, holder)   # "NATO" officials are coded IGO
        term = Term(name, code, frozenset(_split(offices)), sector or "GOV", start, end, gender)
        kb.terms_by_person.setdefault(name, []).append(term)
        for office in term.offices:
            # looked up by country code, or by organisation name ("NATO" secretary general)
            kb.terms_by_office.setdefault((holder, office), []).append(term)
        for alias in [name, *_split(aliases)]:
            add_name(alias, Entry("person", None, None, name, person=name), max_letters=3)
            words = alias.replace("-", " ").split()
            if len(words) > 1:
                kb.first_names.setdefault(name, set()).add(fold(words[0]))
                kb.first_last.setdefault((fold(words[0]), fold(words[-1])), name)
    return kb
