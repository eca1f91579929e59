"""What makes two mentions of one happening alike, for cross-article deduplication
(:mod:`dateline.stories.dedup`): their types (families, quad classes, the blocking class),
their sides (named codes, codes placed only by the scene, territories and their states,
domestic dyads) and their words (content-word stems of the sentences, trigger words).

Only data and comparisons live here; :func:`dateline.stories.dedup.same_happening` decides
what a pair needs. Knowledge is in ``data/dedup_families.tsv``, ``data/link_codes.tsv`` and
``data/word_families.tsv``.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from dateline.model import NON_STATE_CODES, UNRESOLVED
from dateline.tables import read_table

DATA = Path(__file__).parent / "data"

#: prefix of a code placed only by the article's scene (a weak code, module docs of dedup)
WEAK = "~"


# --------------------------------------------------------------------------------------
# Types
# --------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def families() -> dict[str, str]:
    """PLOVER type -> family name (types not listed are their own family)."""
    out: dict[str, str] = {}
    for _, cells in read_table(DATA / "dedup_families.tsv"):
        family, types = cells[:2]
        for t in types.split(","):
            t = t.strip().upper()
            if t in out:
                raise ValueError(f"dedup_families.tsv: {t} is in two families")
            out[t] = family
    return out


def family(event_type: str) -> str:
    return families().get((event_type or "").upper(), (event_type or "").upper())


@functools.lru_cache(maxsize=1)
def _quads() -> dict[str, int]:
    from dateline.events import patterns

    return {t: p.quad_code for t, p in patterns.plover_types().items()}


def quad(event_type: str) -> int | None:
    """The PLOVER quad class of a type (1 verbal / 2 material cooperation, 3 verbal /
    4 material conflict)."""
    return _quads().get((event_type or "").upper())


@functools.lru_cache(maxsize=1)
def _type_classes() -> dict[str, str]:
    """Type -> blocking class: the smallest groups holding every family and every quad
    class whole (a family may span two quads: CONCEDE~RETREAT joins both cooperations)."""
    groups: dict[str, set[str]] = {}
    for t in set(_quads()) | set(families()):
        groups.setdefault(f"Q{quad(t)}" if quad(t) else family(t), set()).add(t)
        groups.setdefault(family(t), set()).add(t)
    merged: list[set[str]] = []
    for g in groups.values():
        touching = [m for m in merged if m & g]
        for m in touching:
            merged.remove(m)
            g = g | m
        merged.append(set(g))
    return {t: "+".join(sorted({f"Q{quad(x)}" if quad(x) else family(x) for x in m}))
            for m in merged for t in m}


def type_class(event_type: str) -> str:
    """The blocking class of a type (``Q1+Q2``, ``Q3``, ``Q4``): two types that may link
    are in one class."""
    t = (event_type or "").upper()
    return _type_classes().get(t, family(t))


def types_agree(a: str, b: str) -> str | None:
    """``"family"`` when two types may tell one happening on their own (one family),
    ``"quad"`` when only with the sentences' support (one quad class: "warned" coded
    THREATEN by one outlet, ACCUSE by another), None otherwise."""
    if family(a) == family(b):
        return "family"
    if quad(a) is not None and quad(a) == quad(b):
        return "quad"
    return None


@functools.lru_cache(maxsize=1)
def symmetric_types() -> frozenset[str]:
    """Types where "X and Y <event>" makes each the other's recipient (PLOVER type table)."""
    from dateline.events import patterns

    return frozenset(t for t, p in patterns.plover_types().items() if p.symmetric)


# --------------------------------------------------------------------------------------
# Sides
# --------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def parent_codes() -> dict[str, str]:
    """Territory code -> the state code another outlet may give it (``data/link_codes.tsv``)."""
    return {cells[0].upper(): cells[1].upper() for _, cells in read_table(DATA / "link_codes.tsv")}


@dataclass(frozen=True)
class Side:
    """A side's codes for linking: ``named`` (placed from the words naming the party) and
    ``reach`` (those, the codes placed only by the scene, and the territories' states)."""

    named: frozenset[str]
    reach: frozenset[str]


@functools.lru_cache(maxsize=65536)
def side(codes: tuple[str, ...]) -> Side | None:
    """None when the side is only unresolved actors (``---``): it can match nothing, not
    even an empty side. An empty side reaches ``-``."""
    if not codes:
        return Side(frozenset(["-"]), frozenset(["-"]))
    named = frozenset(c for c in codes if c != UNRESOLVED and not c.startswith(WEAK))
    weak = frozenset(c[len(WEAK):] for c in codes if c.startswith(WEAK))
    if not named and not weak:
        return None
    parents = parent_codes()
    reach = named | weak
    return Side(named, reach | {parents[c] for c in reach if c in parents})


def overlap(x: tuple[str, ...], y: tuple[str, ...]) -> str | None:
    """``"named"`` when two sides share a code both name (an empty side matches an empty
    side), ``"weak"`` when they meet only through a scene-placed code or a territory's
    parent, None when they do not meet (``---`` meets nothing)."""
    sx, sy = side(x), side(y)
    if sx is None or sy is None:
        return None
    if sx.named & sy.named:
        return "named"
    return "weak" if sx.reach & sy.reach else None


def domestic(m) -> bool:
    """Actor and recipient are one country ("police arrested a man", USA->USA; a company or
    an NGO beside it changes nothing): countless such events share their codes, so the
    codes alone say nothing of identity."""
    a, r = side(m.actor_codes), side(m.recipient_codes)
    if a is None or r is None:
        return False
    parents = parent_codes()
    sa = {parents.get(c, c) for c in a.reach if c not in NON_STATE_CODES and c != "-"}
    sr = {parents.get(c, c) for c in r.reach if c not in NON_STATE_CODES and c != "-"}
    return len(sa | sr) == 1 and bool(sa & sr)


def sides_agree(a, b) -> str | None:
    """How the parties of two mentions meet: ``"named"``, ``"weak"`` or None (module docs)."""
    best = None
    pairs = [(a.actor_codes, b.actor_codes, a.recipient_codes, b.recipient_codes)]
    if a.symmetric and b.symmetric:
        pairs.append((a.actor_codes, b.recipient_codes, a.recipient_codes, b.actor_codes))
    for x1, y1, x2, y2 in pairs:
        o1, o2 = overlap(x1, y1), overlap(x2, y2)
        if o1 and o2:
            how = "named" if o1 == o2 == "named" else "weak"
            if best is None or how == "named":
                best = how
    return best


# --------------------------------------------------------------------------------------
# Words
# --------------------------------------------------------------------------------------
#: prefix of a trigger word's stem among a mention's words
TRIGGER = "t:"
#: prefix of a word's stem that its sentences write only capitalised (a name: "Biden",
#: "White House"): shared names tell the story, not which act of it
NAME = "n:"


def _stem(word: str) -> str:
    from dateline.stories.signature import stem

    return stem(word.lower()).removesuffix("e")


@functools.lru_cache(maxsize=1)
def word_families() -> dict[str, str]:
    """Stem -> the stem of its family's word (``data/word_families.tsv``): words outlets use
    for one thing ("aid" / "assistance") count as one shared word."""
    out: dict[str, str] = {}
    for _, cells in read_table(DATA / "word_families.tsv"):
        family, words = _stem(cells[0]), cells[1]
        for word in words.split(","):
            s = _stem(word.strip())
            if out.get(s, family) != family:
                raise ValueError(f"word_families.tsv: {word.strip()!r} is in two families")
            out[s] = family
    return out


def family_words(words) -> frozenset[str]:
    """Stored word stems (``event_keys.words``, maybe written before a family was added)
    as today's: each word of a family becomes its family's stem, marks kept."""
    fams = word_families()
    out = set()
    for w in words:
        mark = w[:2] if w.startswith((TRIGGER, NAME)) else ""
        out.add(mark + fams.get(w[len(mark):], w[len(mark):]))
    return frozenset(out)


def _words(text: str):
    """(stem, written capitalised) for each content word of a text; a word of a family in
    ``data/word_families.tsv`` gives its family's stem."""
    from dateline.stories.signature import _WORD, stopwords

    stop, fams = stopwords(), word_families()
    for word in _WORD.findall(text or ""):
        if word[0].isdigit():
            continue
        low = word.lower().replace("\u2019", "'")
        low = low[:-2] if low.endswith("'s") else low
        if len(low) >= 3 and low not in stop:
            s = _stem(low)
            yield fams.get(s, s), word[0].isupper()


def sentence_words(text: str) -> set[str]:
    """Content-word stems of a text (stopwords, numbers and words under three letters
    dropped; the story signature's stemmer, and a final ``e`` dropped so that the stems of
    "negotiating" and "negotiate", "accused" and "accuse" are one)."""
    return {w for w, _ in _words(text)}


def name_words(texts) -> set[str]:
    """Stems the sentences write only capitalised, never in lower case (names, titles
    written as names, and a sentence's first word): "Vice President Joe Biden" gives biden,
    joe, president, vice unless one of them is also written in lower case."""
    upper, lower = set(), set()
    for text in texts:
        for w, cap in _words(text):
            (upper if cap else lower).add(w)
    return upper - lower


def event_words(event) -> frozenset[str]:
    """Content-word stems of the sentences an event was coded from (its own, its merged
    restatements', the headline's), and its trigger words' stems marked ``t:``: the cheap
    evidence that two outlets tell one act. Words its sentences write only as names are
    also marked ``n:`` (:func:`name_words`; a headline's title case says nothing of that)."""
    out = sentence_words(event.event_text or "")
    triggers = sentence_words(event.trigger or "")
    body = [event.event_text or ""]
    for m in event.mentions or []:
        if isinstance(m, dict):
            out |= sentence_words(m.get("text") or "")
            triggers |= sentence_words(m.get("trigger") or "")
            if m.get("where") != "title":
                body.append(m.get("text") or "")
    names = name_words(body) & out
    return frozenset(out | {TRIGGER + t for t in triggers} | {NAME + n for n in names})


#: the shortest root two trigger words may share to be one word (besieged / siege)
KIN_ROOT = 4


def kin(x: str, y: str) -> bool:
    """Whether two trigger stems name one act, one as the verb and the other as its noun
    or a prefixed form: equal once a final ``e`` is dropped, or one ends with the other
    (a prefix: "besieged" / "siege", "airstrike" / "strike"), the shorter at least
    :data:`KIN_ROOT` letters."""
    x, y = x.removesuffix("e"), y.removesuffix("e")
    if x == y:
        return True
    short, long_ = sorted((x, y), key=len)
    return len(short) >= KIN_ROOT and long_.endswith(short)


def shared_trigger(a, b) -> bool:
    """Whether a trigger word of one mention is a word of the other's sentences ("warned"
    coded THREATEN by one outlet and ACCUSE by another), or the two triggers are kin (one
    outlet writes "was besieged", the next "laid siege": :func:`kin`; between triggers
    only, so a sentence that merely holds the word does not count)."""
    ta = {w[len(TRIGGER):] for w in a.words if w.startswith(TRIGGER)}
    tb = {w[len(TRIGGER):] for w in b.words if w.startswith(TRIGGER)}
    if ta & (tb | b.words) or tb & a.words:
        return True
    return any(kin(x, y) for x in ta for y in tb)


def shared_words(a, b) -> int:
    """Content-word stems the two mentions' sentences share (trigger and name marks not
    counted)."""
    return sum(1 for w in a.words & b.words if not w.startswith((TRIGGER, NAME)))


def shared_common_words(a, b) -> int:
    """Shared stems that are neither a name in both mentions' sentences ("Biden", "White
    House") nor a trigger word of either ("accused": the types already agree): words that
    can say which act it is ("budget", "siege", "testimony")."""
    return sum(1 for w in a.words & b.words if not w.startswith((TRIGGER, NAME))
               and not (NAME + w in a.words and NAME + w in b.words)
               and TRIGGER + w not in a.words and TRIGGER + w not in b.words)
