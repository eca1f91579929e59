"""The event knowledge the coder reads: verb and noun patterns, PLOVER types, embedding verbs.

All of it lives in tab-separated files in ``events/data/`` (comment header = format) so a
user can read and extend it without touching code.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from dateline.tables import read_table

DATA = Path(__file__).with_name("data")


@dataclass(frozen=True)
class Pattern:
    """One line of verbs.tsv / nouns.tsv."""

    id: str                       # "verbs.tsv:41 call for"
    lemma: str                    # head lemma ("call")
    particles: tuple[str, ...]    # particle / preposition children required ("for",)
    objects: tuple[str, ...]      # direct-object head lemmas required ("sanction",)
    event: str                    # PLOVER type, LIGHT or IGNORE
    mode: str | None
    notes: str = ""

    @property
    def specificity(self) -> int:
        return len(self.particles) + len(self.objects)


@dataclass(frozen=True)
class PloverType:
    event: str
    quad_code: int
    quad_name: str
    intensity: float
    symmetric: bool
    definition: str


def _rows(name: str):
    """(line number, columns) of a data file, skipping comments and the header row."""
    return read_table(DATA / name)


def _pattern(name: str, n: int, cols: list[str]) -> Pattern:
    words = cols[0].lower().split()
    head, rest = words[0], words[1:]
    particles = tuple(w for w in rest if not w.startswith("+"))
    objects = tuple(w[1:] for w in rest if w.startswith("+"))
    event = cols[1].upper() if len(cols) > 1 else "IGNORE"
    mode = cols[2] if len(cols) > 2 and cols[2] else None
    notes = cols[3] if len(cols) > 3 else ""
    return Pattern(f"{name}:{n} {cols[0]}", head, particles, objects, event, mode, notes)


@functools.lru_cache(maxsize=1)
def verb_patterns() -> dict[str, list[Pattern]]:
    """head lemma -> patterns, most specific first (later lines override equal ones)."""
    out: dict[str, list[Pattern]] = {}
    for n, cols in _rows("verbs.tsv"):
        p = _pattern("verbs.tsv", n, cols)
        same = [q for q in out.get(p.lemma, []) if (q.particles, q.objects) == (p.particles, p.objects)]
        for q in same:
            out[p.lemma].remove(q)
        out.setdefault(p.lemma, []).append(p)
    for pats in out.values():
        pats.sort(key=lambda p: -p.specificity)
    return out


@functools.lru_cache(maxsize=1)
def noun_patterns() -> dict[str, Pattern]:
    """noun lemma (or two-word compound) -> pattern (the first line for a lemma wins)."""
    out: dict[str, Pattern] = {}
    for n, cols in _rows("nouns.tsv"):
        lemma = cols[0].lower()
        if lemma in out:
            continue
        event = cols[1].upper()
        mode = cols[2] if len(cols) > 2 and cols[2] else None
        out[lemma] = Pattern(f"nouns.tsv:{n} {lemma}", lemma, (), (), event, mode,
                             cols[3] if len(cols) > 3 else "")
    return out


@dataclass(frozen=True)
class Reverser:
    """One line of reversers.tsv."""

    id: str
    lemma: str
    pos: str
    on_cooperation: str
    on_meeting: str
    on_conflict: str
    default: str | None


@functools.lru_cache(maxsize=1)
def reversers() -> dict[tuple[str, str], Reverser]:
    """(lemma, VERB|NOUN) -> what reversing a cooperative / meeting / hostile event gives."""
    out = {}
    for n, cols in _rows("reversers.tsv"):
        cols = cols + [""] * 6
        default = cols[5] if cols[5] and cols[5] != "-" else None
        out[(cols[0].lower(), cols[1].upper())] = Reverser(
            f"reversers.tsv:{n} {cols[0]}", cols[0].lower(), cols[1].upper(), cols[2], cols[3], cols[4], default)
    return out


@functools.lru_cache(maxsize=1)
def plover_types() -> dict[str, PloverType]:
    out = {}
    for _, cols in _rows("plover_types.tsv"):
        out[cols[0]] = PloverType(cols[0], int(cols[1]), cols[2], float(cols[3]),
                                  cols[4] == "yes", cols[5] if len(cols) > 5 else "")
    return out


@functools.lru_cache(maxsize=1)
def embedding_verbs() -> dict[str, str]:
    """lemma -> status of what it embeds ("plan" -> planned)."""
    return {cols[0].lower(): cols[1] for _, cols in _rows("embedding.tsv")}


@functools.lru_cache(maxsize=1)
def people_nouns() -> dict[str, str]:
    """lemma -> sector of unnamed people ("people" CVL, "officer" COP): they take the country
    of the event's place or of the article when nothing in the phrase names one."""
    return {cols[0].lower(): (cols[1] if len(cols) > 1 else "") for _, cols in _rows("people_nouns.tsv")}


@functools.lru_cache(maxsize=1)
def trigger_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(verb lemmas, noun lemmas, noun word forms) that can start a pattern match.

    A verb whose lower-case lemma is in none of verbs.tsv and the verb lines of reversers.tsv
    matches no pattern; a noun matches nouns.tsv or reversers.tsv only when its lemma is a
    key or the last word of a two-word key, or its lower-case form is a key. The coder skips
    every other token without looking at its children."""
    nouns = noun_patterns()
    revs = reversers()
    verbs = set(verb_patterns()) | {lemma.split()[0] for lemma, pos in revs if pos == "VERB" and lemma}
    noun_lemmas = {key.split()[-1] for key in nouns if key} | {lemma for lemma, pos in revs if pos == "NOUN"}
    return frozenset(verbs), frozenset(noun_lemmas), frozenset(nouns)


#: Older PLOVER / CAMEO-era names -> current PLOVER types (evaluation data uses them).
LEGACY_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
                "FIGHT": "ASSAULT", "YIELD": "CONCEDE"}
