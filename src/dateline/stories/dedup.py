"""Cross-article event deduplication: mentions of one happening become one event cluster.

Each outlet reports a happening in its own words; the event coder turns each report into
an :class:`~dateline.model.Event` (a *mention*). Nothing is dropped: every mention stays in
the store, and the ``event_clusters`` table says which cluster it belongs to.

When two mentions *can* be the same happening (:func:`same_happening`), from different
articles:

- types: the same PLOVER type, or types of one family in ``data/dedup_families.tsv``
  (CONCEDE~RETREAT, SANCTION~COERCE); or two types of one quad class (REJECT~ACCUSE) when a
  trigger word of one is a word of the other's sentence ("warned" coded THREATEN by one
  outlet, ACCUSE by another), or the two triggers are one word as verb and noun
  ("besieged" coded ASSAULT, "laid siege" COERCE: :func:`~dateline.stories.evidence.kin`)
  -- a weak match;
- actors: the actor code sets overlap and the recipient code sets overlap; for two
  symmetric types (CONSULT, AGREE, COOPERATE, ASSAULT) also crossed ("X met Y" = "Y met
  X"). An empty side matches only an empty side. A side placed only by its article's
  scene ("he", "a university": ``~CODE``) and a territory meeting its state
  (``data/link_codes.tsv``: HKG~CHN) make a weak match;
- status: occurred/ongoing and planned may meet ("will meet" then "met" is one meeting);
  hypothetical only with hypothetical, negated only with negated;
- place: equal when both are known (country codes, else names), else no objection;
- dates, as intervals at their precisions (2021-10-31 lies in 2021-10 and in 2021-W43):
  the intervals overlap and the coarser spans at most 31 days; a coarser one (a year)
  only when both places are known and equal. An *undated* mention stands for the few days
  before its article's publication ([published - 3 days, published]); one whose article
  has no date, or a date coarser than that, never links. The events stage's
  publication-day fallback (precision ``publication``) links as its month, but says only
  "reported then": unless the other mention is dated within the few days before that
  publication (or is a fallback of the same news cycle), the match is weak. A fallback is
  also often background told again ("a 'phase one' trade deal between the United States
  and China" weeks after another outlet dated it): it reaches back
  :data:`REFERS_BACK_DAYS` before publication, but a link before its own month needs
  everything else strong (one family, named parties, not domestic) and the words;
- a weak match, and any match of a *domestic* dyad (actor and recipient one country:
  USA->USA; countless such events share their codes), needs the sentences' support: at
  least :data:`EVIDENCE_WORDS` content-word stems shared by the two mentions' sentences
  (their own, merged restatements' and the headline's; :func:`event_words`; words of one
  family in ``data/word_families.tsv`` count as one: "aid" / "assistance"), or
  :data:`SCENE_WORDS` when a side placed by the scene is the only weakness. A match
  whose only weakness is a publication-day fallback of the same news cycle needs
  :data:`FALLBACK_WORDS` of them, none when both are *ongoing* (one process of one named
  dyad: "are still negotiating", "continue to negotiate"). A mention dated only to a month
  or coarser (read from the text) joins one dated to the day only with
  :data:`MONTH_WORDS` of them: a month says little of which of a dyad's acts it is.

How mentions become clusters (:func:`cluster_all`) -- built so that a vague mention never
glues distinct happenings together (single linkage would let "in March, the US accused
China" join every US accusation of China that March):

1. *Anchors* are mentions dated to the day. Anchors that can be the same happening are
   one cluster (transitively).
2. *Vague* mentions (a week, month, year, or undated) group with vague mentions of the
   very same date value (both undated: the same publication day) that can be the same
   happening.
3. A vague group joins the anchor cluster it fits when it fits exactly one; when it fits
   none or several it stays a cluster of its own (a possible duplicate, never a bridge).

A cluster's id is its smallest event id. The clusters are a function of the set of
mentions, not of their order. :func:`link` is the one place that says which pairs
:func:`cluster_all` joins (its *edges*: two anchors of one day, two vague mentions of one
value, a vague mention and an anchor it fits, each only when :func:`same_happening`); a
mention's cluster depends only on mentions it reaches through edges -- in fact only on a
few steps of them (:mod:`dateline.stories.incremental` says which), which is what lets the
ingest hook recompute only the part of the world a batch touches and still get exactly the
result of clustering everything at once.

Blocking key: ``CLASS|code|code|YYYY-MM`` (CLASS: the type's quad class, ``Q1+Q2`` for
the cooperations that CONCEDE~RETREAT joins, ``Q3``, ``Q4``; the two codes sorted, ``-``
for an empty side, scene-placed codes and territories' states included; one key per month
the mention's interval touches). Every pair that can link shares one.

Unresolved actors (code ``---``, dateline.model.UNRESOLVED: named in the text, not placed)
are no evidence of identity: "France criticised the Quorvex Group" and "France criticised
the Dellmark Union" are both FRA -> ``---``. A ``---`` code never forms a key nor makes two
sides overlap, so a mention with a side that is only ``---`` has no key and never links
(it is its own cluster); placed codes beside a ``---`` still count.
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import urlsplit

from dateline.model import UNRESOLVED
from dateline.stories.evidence import (WEAK, domestic, event_words, families, family,  # noqa: F401
                                       side, sides_agree, shared_common_words, shared_trigger,
                                       shared_words,
                                       symmetric_types, type_class, types_agree)

#: longest date interval (days) that links without a matching place
LINK_SPAN_DAYS = 31
#: longest date interval (days) that links when both places are known and equal
PLACE_LINK_SPAN_DAYS = 366
#: an undated mention happened at most this many days before its article was published
UNDATED_DAYS_BEFORE = 3
#: a publication-day fallback may be background told again: "a 'phase one' trade deal
#: between the United States and China" in a story of late November is the deal dated
#: October 11 by another outlet. It may reach back this many days before publication (about
#: two months: further back, one dyad's acts of a type are too many to tell apart by words),
#: only when everything else is strong and the sentences share EVIDENCE_WORDS words
REFERS_BACK_DAYS = 61

STATUS_FAMILY = {"occurred": "real", "ongoing": "real", "planned": "planned",
                 "hypothetical": "hypothetical", "negated": "negated"}
#: status families that can describe one happening (real+planned: announced, then held)
_STATUS_COMPATIBLE = {frozenset(["real"]), frozenset(["planned"]), frozenset(["real", "planned"]),
                      frozenset(["hypothetical"]), frozenset(["negated"])}
#: the status a cluster shows: the most realised status among its mentions
STATUS_PRECEDENCE = ["occurred", "ongoing", "planned", "hypothetical", "negated"]


# --------------------------------------------------------------------------------------
# Dates as intervals
# --------------------------------------------------------------------------------------
_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 14)}


def date_interval(value: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day a date value covers: 2021 / 2021-10 / 2021-10-31 / 2021-W43 /
    2021-Q4 / 2021-SU / 2021-H2 / 202 (decade). None when there is no usable value."""
    if not value:
        return None
    value = str(value).strip().split("T")[0]
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            d = dt.date.fromisoformat(value)
            return d, d
        if re.fullmatch(r"\d{4}-\d{2}", value):
            y, m = int(value[:4]), int(value[5:])
            return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])
        if re.fullmatch(r"\d{4}", value):
            y = int(value)
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        m = re.fullmatch(r"(\d{4})-W(\d{2})", value)
        if m:
            y, w = int(m.group(1)), int(m.group(2))
            return dt.date.fromisocalendar(y, w, 1), dt.date.fromisocalendar(y, w, 7)
        m = re.fullmatch(r"(\d{4})-(Q|H)(\d)", value)
        if m:
            y, kind, n = int(m.group(1)), m.group(2), int(m.group(3))
            months = 3 if kind == "Q" else 6
            first = (n - 1) * months + 1
            last = first + months - 1
            if not 1 <= first <= last <= 12:
                return None
            return dt.date(y, first, 1), dt.date(y, last, calendar.monthrange(y, last)[1])
        m = re.fullmatch(r"(\d{4})-(SP|SU|FA|AU|WI)", value)
        if m:
            y, (a, b) = int(m.group(1)), _SEASONS[m.group(2)]
            end_y, end_m = (y + 1, b - 12) if b > 12 else (y, b)
            return dt.date(y, a, 1), dt.date(end_y, end_m, calendar.monthrange(end_y, end_m)[1])
        if re.fullmatch(r"\d{3}", value):  # decade
            y = int(value) * 10
            return dt.date(y, 1, 1), dt.date(y + 9, 12, 31)
    except ValueError:
        return None
    return None


def span_days(interval: tuple[dt.date, dt.date]) -> int:
    return (interval[1] - interval[0]).days + 1


def months_touched(interval: tuple[dt.date, dt.date]) -> list[str]:
    out, y, m = [], interval[0].year, interval[0].month
    while (y, m) <= (interval[1].year, interval[1].month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def publication_day(published: str | None) -> str | None:
    if published and re.match(r"\d{4}-\d{2}-\d{2}", str(published)):
        return str(published)[:10]
    return None


# --------------------------------------------------------------------------------------
# Outlets
# --------------------------------------------------------------------------------------
def outlet_of(url: str | None, source: str | None, metadata: dict[str, Any] | None = None) -> str:
    """Who published an article: the URL's host (``www.`` dropped), else the ``site`` the
    reader found in its metadata, else the input file's stem (``feeds/reuters.jsonl#12`` ->
    ``reuters``; ``corpus/000_ab.txt`` -> ``000_ab``: a lone file counts as its own outlet)."""
    if url:
        host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
        if host.startswith("www."):
            host = host[4:]
        if host:
            return host
    site = (metadata or {}).get("site")
    if isinstance(site, str) and site.strip():
        return site.strip().lower()
    path = (source or "").rsplit("#", 1)[0] if source and re.search(r"#\d+$", source) else (source or "")
    stem = Path(path).stem if path and path != "-" else ""
    return stem or "unknown"


# --------------------------------------------------------------------------------------
# Mentions
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Mention:
    """What deduplication needs of one event (a row of the ``event_keys`` table)."""

    event_id: str
    article_id: str
    event: str
    status: str
    actor_codes: tuple[str, ...]
    recipient_codes: tuple[str, ...]
    date: str | None = None
    date_precision: str | None = None
    place_country: str | None = None
    place_name: str | None = None
    published: str | None = None      # publication day of the article (YYYY-MM-DD) or None
    outlet: str = "unknown"
    words: frozenset[str] = frozenset()   # content-word stems of the sentences that tell it

    @property
    def interval(self) -> tuple[dt.date, dt.date] | None:
        """The days the mention may refer to; for an undated one, the days just before
        publication; for a publication-day fallback, its month and the
        :data:`REFERS_BACK_DAYS` before publication (background told again)."""
        if self.date:
            if self.date_precision == "publication" and self.published:
                return _fallback_reach(self.date, self.published)
            return _interval_cached(self.date)
        if self.published:
            return _implied_cached(self.published)
        return None

    @property
    def span(self) -> int | None:
        """How many days its date covers (a fallback: its month; undated: the few days
        before publication): how precise the time is, not how far it may reach."""
        own = _interval_cached(self.date) if self.date else self.interval
        return span_days(own) if own else None

    @property
    def is_anchor(self) -> bool:
        """Dated to the day (the mentions that vague ones attach to)."""
        interval = _interval_cached(self.date) if self.date else None
        return interval is not None and interval[0] == interval[1]

    @property
    def vague_value(self) -> str | None:
        """What two vague mentions must share to group: the date value, or the
        publication day of undated ones."""
        return self.date if self.date else ("published " + self.published if self.published else None)

    @property
    def symmetric(self) -> bool:
        return self.event in symmetric_types()


@functools.lru_cache(maxsize=65536)
def _interval_cached(value: str | None):
    return date_interval(value)


@functools.lru_cache(maxsize=65536)
def _fallback_reach(value: str, published: str):
    own = date_interval(value)
    if own is None:
        return None
    try:
        back = dt.date.fromisoformat(published) - dt.timedelta(days=REFERS_BACK_DAYS)
    except ValueError:
        return own
    return min(own[0], back), own[1]


def reaches_back(m: "Mention", other: "Mention") -> bool:
    """Whether ``other`` meets the fallback ``m`` only before ``m``'s own month (the
    background reach of :data:`REFERS_BACK_DAYS`)."""
    if m.date_precision != "publication" or not m.published or not m.date:
        return False
    own, io = _interval_cached(m.date), other.interval
    return own is not None and io is not None and io[1] < own[0]


@functools.lru_cache(maxsize=65536)
def _implied_cached(published: str):
    day = dt.date.fromisoformat(published)
    return day - dt.timedelta(days=UNDATED_DAYS_BEFORE), day


def linkable(m: Mention) -> bool:
    """Whether the mention's time is narrow enough to ever be linked to another."""
    if m.interval is None:
        return False
    span = m.span
    return span <= LINK_SPAN_DAYS or (span <= PLACE_LINK_SPAN_DAYS and
                                      bool(m.place_country or m.place_name))


def mention_of(event, article) -> Mention:
    """A Mention from an :class:`~dateline.model.Event` and its :class:`~dateline.model.Article`."""
    loc = event.event_loc or {}
    return Mention(
        event_id=event.id, article_id=event.article_id, event=(event.event or "").upper(),
        status=event.status or "occurred",
        actor_codes=_link_codes(event.actor), recipient_codes=_link_codes(event.recipient),
        date=_date_to_link(event), date_precision=event.date_precision,
        place_country=loc.get("country") or None, place_name=_norm_place(loc.get("name")),
        published=publication_day(article.published),
        outlet=outlet_of(article.url, article.source, article.metadata),
        words=event_words(event))


def _link_codes(refs) -> tuple[str, ...]:
    """A side's codes for linking across articles. A side placed only by its article's scene
    ("a man", "he": ``how = "scene: ..."``) names no one another outlet can be matched on:
    its code is kept *weak* (``~HKG``): it may link only with the sentences' support."""
    return tuple(sorted({WEAK + r.code if (r.how or "").startswith("scene:") and r.code != UNRESOLVED
                         else r.code for r in refs if r.code}))


def _date_to_link(event) -> str | None:
    """The date two outlets' mentions are compared by. The publication-day fallback of an
    undated event says only "reported then": it links as its month, as loosely as before."""
    if event.date and event.date_precision == "publication":
        return event.date[:7]
    return event.date


def _norm_place(name: str | None) -> str | None:
    if not name:
        return None
    name = re.sub(r"^the\s+", "", " ".join(str(name).lower().split()))
    return name or None


def blocking_keys(m: Mention) -> list[str]:
    """Keys under which a mention is indexed; two mentions that can link share one. A side
    that is only unresolved (``---``) gives no key (module docs)."""
    if not linkable(m):
        return []
    actors, recipients = side(m.actor_codes), side(m.recipient_codes)
    if actors is None or recipients is None:
        return []
    months = months_touched(m.interval)
    cls = type_class(m.event)
    pairs = {tuple(sorted((a, r))) for a in actors.reach for r in recipients.reach}
    return sorted(f"{cls}|{a}|{b}|{month}" for a, b in pairs for month in months)


# --------------------------------------------------------------------------------------
# The same-happening test
# --------------------------------------------------------------------------------------
#: how many content-word stems two mentions' sentences must share to back a weak match or
#: a domestic dyad (chosen on the real-news dev pages, gold events clustered alone
#: (evaluation/crossdoc_gold.py): 3 let distinct accusations of one hearing day merge, 5
#: gained nothing)
EVIDENCE_WORDS = 4
#: how many must back a match whose only weakness is a side placed by its article's scene
#: or a territory ("the hold on U.S. security assistance" in a story about Ukraine): the
#: scene rarely places a side wrongly, and three shared words say which of the dyad's acts it
#: is (same run: merge recall 19 -> 20 of 25 pairs, none unexplained; the gold events
#: clustered alone and ECB+ with one publication day for every document unchanged)
SCENE_WORDS = 3
SCENE_ONLY = "parties met only through the scene or a territory"
#: how many must back a match whose time agreement rests on a publication-day fallback of
#: the same news cycle, nothing else being weak (same run: 0 left 8 of 22 clusters spanning
#: pages unexplained, 3 left 3 of 16, 4 gained nothing; merge recall equal)
FALLBACK_WORDS = 3
#: how many must back a mention dated only to a month or coarser (read from the text, not a
#: fallback) joining one dated to the day: "in November, the US accused Russia" is any of
#: that month's US accusations of Russia, not the one act of a day (same run: 0 joined
#: Assad's chemical attacks with Crimea's occupation; 2 kept every linked month-dated
#: happening). Two mentions of one month group on their codes, as before.
MONTH_WORDS = 2


def _reported_then(m: Mention, other: Mention) -> bool:
    """A publication-day fallback says only "reported then" (the days just before
    publication): evidence of time only for a mention dated within those days, or another
    fallback of the same news cycle (published at most that many days apart)."""
    if m.date_precision != "publication" or not m.published:
        return True
    first, last = _implied_cached(m.published)
    if other.date_precision == "publication":
        if not other.published:
            return False
        o_first, o_last = _implied_cached(other.published)
        return o_first <= last and first <= o_last
    io = other.interval
    return io is not None and first <= io[0] and io[1] <= last


def place_agreement(a: Mention, b: Mention) -> bool | None:
    """True/False when both places are known (countries first, then names), None otherwise."""
    if a.place_country and b.place_country:
        return a.place_country == b.place_country
    if a.place_name and b.place_name:
        return a.place_name == b.place_name
    return None


def _needs_words(a: Mention, b: Mention, types: str, sides: str) -> tuple[list[str], int]:
    """What in a pair is weak evidence of one happening, and how many shared words must
    back it."""
    needs = []
    if types == "quad":
        needs.append("types of one quad class, not one family")
    if sides == "weak":
        needs.append(SCENE_ONLY)
    if domestic(a) or domestic(b):
        needs.append("a domestic dyad")
    if not (_reported_then(a, b) and _reported_then(b, a)):
        needs.append("a date only from the publication day")
    if needs == [SCENE_ONLY]:
        return needs, SCENE_WORDS
    if needs:
        return needs, EVIDENCE_WORDS
    if "publication" in (a.date_precision, b.date_precision):
        if a.status == b.status == "ongoing":
            return [], 0        # one process of one named dyad, told in one news cycle
        return ["a publication-day date"], FALLBACK_WORDS
    if (a.is_anchor or b.is_anchor) and any(m.date and m.date_precision != "publication" and m.span > 7
                                            for m in (a, b)):
        return ["a date no finer than a month"], MONTH_WORDS
    return [], 0


def same_happening(a: Mention, b: Mention) -> tuple[bool, str]:
    """Whether two mentions from different articles tell one happening, and why (not)."""
    if a.article_id == b.article_id:
        return False, "same article (in-article restatements are merged by the events stage)"
    types = types_agree(a.event, b.event)
    if types is None:
        return False, "types differ"
    if frozenset((STATUS_FAMILY.get(a.status, a.status), STATUS_FAMILY.get(b.status, b.status))) \
            not in _STATUS_COMPATIBLE:
        return False, "statuses differ"
    sides = sides_agree(a, b)
    if sides is None:
        return False, "actors differ"
    place = place_agreement(a, b)
    if place is False:
        return False, "places differ"
    ia, ib = a.interval, b.interval
    if ia is None or ib is None:
        return False, "undated, and the article has no publication date"
    if ia[1] < ib[0] or ib[1] < ia[0]:
        return False, "dates differ"
    coarse = max(a.span, b.span)
    if coarse <= LINK_SPAN_DAYS:
        why = "dates agree"
    elif coarse <= PLACE_LINK_SPAN_DAYS and place is True:
        why = "coarse dates agree and the place is the same"
    else:
        return False, "a date too coarse to tell happenings apart"
    if types == "quad" and not shared_trigger(a, b):
        return False, "types of one quad class, and no trigger word shared"
    needs, wanted = _needs_words(a, b, types, sides)
    if (reaches_back(a, b) or reaches_back(b, a)) and len(needs) > 1:
        return False, (f"an undated mention reaches back before its month only when nothing else "
                       f"is weak ({'; '.join(needs[:-1])})")
    if needs:
        n = shared_words(a, b)
        if n < wanted:
            return False, f"{'; '.join(needs)}, and the sentences share too few words ({n})"
        if wanted > MONTH_WORDS and not shared_common_words(a, b):
            # (a month-dated mention needs only a little support: the same people named)
            return False, f"{'; '.join(needs)}, and the sentences share only names ({n})"
        why += f"; {'; '.join(needs)}, backed by {n} shared words"
    return True, why


# --------------------------------------------------------------------------------------
# The edges cluster_all draws
# --------------------------------------------------------------------------------------
#: two anchors of one day that are one happening (they share an anchor cluster)
SAME_DAY = "same day"
#: two vague mentions of one date value that are one happening (they share a vague group)
SAME_VALUE = "same value"
#: a vague mention and an anchor it can be (the vague group may join that anchor's cluster)
FITS = "fits"


def link(a: Mention, b: Mention) -> str | None:
    """The edge :func:`cluster_all` draws between two mentions (:data:`SAME_DAY`,
    :data:`SAME_VALUE`, :data:`FITS`), or None. Two mentions with an edge always share a
    blocking key; the ingest hook follows exactly these edges, so the two cannot drift."""
    if a.is_anchor and b.is_anchor:
        if a.interval[0] != b.interval[0]:
            return None
        kind = SAME_DAY
    elif a.is_anchor or b.is_anchor:
        kind = FITS            # same_happening checks the anchor's day lies in the interval
    elif a.vague_value and a.vague_value == b.vague_value:
        kind = SAME_VALUE
    else:
        return None
    return kind if same_happening(a, b)[0] else None


# --------------------------------------------------------------------------------------
# Components
# --------------------------------------------------------------------------------------
class _UnionFind:
    def __init__(self):
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller label is the root, so a component's root is its smallest node
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


def _by_key(mentions: Iterable[Mention]) -> dict[str, list[Mention]]:
    index: dict[str, list[Mention]] = {}
    for m in mentions:
        for k in blocking_keys(m):
            index.setdefault(k, []).append(m)
    return index


def cluster_all(mentions: Iterable[Mention]) -> dict[str, str]:
    """event id -> cluster id (smallest member id) for a set of mentions: anchors (dated to
    the day) link transitively; vague mentions group with vague ones of the same date value
    and join the one anchor cluster they fit, if exactly one (module docs)."""
    mentions = list({m.event_id: m for m in mentions}.values())
    anchors = _UnionFind()
    vague = _UnionFind()
    for m in mentions:
        (anchors if m.is_anchor else vague).find(m.event_id)
    index = _by_key(mentions)
    # 1 + 2: anchors with anchors (same day), vague with vague of the same value
    days_of: dict[str, dict[Any, list[Mention]]] = {}
    for key, block in index.items():
        by_day: dict[Any, list[Mention]] = {}
        by_value: dict[str, list[Mention]] = {}
        for m in block:
            if m.is_anchor:
                by_day.setdefault(m.interval[0], []).append(m)
            elif m.vague_value:
                by_value.setdefault(m.vague_value, []).append(m)
        days_of[key] = by_day
        for group, uf in [(g, anchors) for g in by_day.values()] + [(g, vague) for g in by_value.values()]:
            for i, a in enumerate(group):
                for b in group[i + 1:]:
                    if uf.find(a.event_id) != uf.find(b.event_id) and link(a, b):
                        uf.union(a.event_id, b.event_id)
    # 3: each vague group joins the one anchor cluster it fits (anchors looked up by day)
    fits: dict[str, set[str]] = {}
    for key, block in index.items():
        by_day = days_of[key]
        if not by_day:
            continue
        for m in block:
            if m.is_anchor:
                continue
            group = vague.find(m.event_id)
            first, last = m.interval
            days = ([d for d in by_day if first <= d <= last] if len(by_day) < span_days(m.interval)
                    else [first + dt.timedelta(days=i) for i in range(span_days(m.interval))])
            for day in days:
                for a in by_day.get(day, ()):
                    if link(m, a):
                        fits.setdefault(group, set()).add(anchors.find(a.event_id))
    out: dict[str, str] = {}
    for m in mentions:
        if m.is_anchor:
            out[m.event_id] = anchors.find(m.event_id)
        else:
            group = vague.find(m.event_id)
            targets = fits.get(group, ())
            out[m.event_id] = next(iter(targets)) if len(targets) == 1 else group
    # a vague group's root may be smaller than its anchor cluster's: name every cluster by
    # its smallest member
    smallest: dict[str, str] = {}
    for event_id, cluster in out.items():
        if cluster not in smallest or event_id < smallest[cluster]:
            smallest[cluster] = event_id
    return {event_id: smallest[cluster] for event_id, cluster in out.items()}
