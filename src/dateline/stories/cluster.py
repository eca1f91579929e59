"""Online, time-aware story clustering with two levels: stories inside topics.

An article arrives, its :mod:`signature <dateline.stories.signature>` is compared with the
centroids of the stories that share its most informative features (an inverted index, so a
new article never rescans the world), and it joins the most similar story when the
similarity, discounted for the distance in days from the story's date span, clears the
story threshold; otherwise it starts a story. A new story joins the most similar topic
above a lower threshold, or starts one; a topic whose centroid has grown alike another
topic's merges with it (the first article of a story may not say enough to find its
topic; its later articles do). A story is one real-world event and its follow-ups (names,
places, years, numbers and event words weigh most); a topic groups stories of the same
kind (the words of the title and lead weigh most, names not at all, dates not at all).

Time. Within ``grace_days`` (stories: 7) of a story's date span there is no discount;
beyond it the similarity decays with ``tau_days`` (stories: 21), so a story that keeps
being reported runs for months, while the same kind of event months later starts a new
story (in the same topic). Undated articles are not discounted. These two values are set
on principle, not tuned: ECB+ has no dates.

Order guarantee. :meth:`StoryClusterer.add_batch` places a batch in a canonical order:
by publication day (undated last), then by a hash of the article id (ties broken
independently of how ids are named or fed). Document frequencies are counted article by
article in that order, and IDF weights come from a snapshot refreshed whenever the
collection has grown by a tenth. Hence: (1) the partition and the story ids produced by
one batch are the same for any permutation of that batch; (2) adding the articles one
at a time, or in several batches, in canonical order gives exactly the partition of one
batch (tested). Out-of-order arrivals (an article older than what was already placed)
are placed against the current state: the partition then may differ from the batch one,
as any online clusterer's does; re-clustering from the articles (:func:`cluster_records`)
restores the canonical result. Merges retire story/topic ids: :meth:`resolve` maps an
old story id to the live one.

State is plain data (:attr:`StoryClusterer.state`, JSON-serialisable) and reloads with
:meth:`StoryClusterer.from_state` into a clusterer that goes on exactly as the saved one
would (tested); the inverted index and norm cache are rebuilt on load.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import math
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable

from dateline.stories.signature import Signature, signature

STATE_VERSION = 1


@dataclass
class Level:
    """How one level (stories or topics) compares an article with a group.

    ``weights`` multiply each feature kind (w, l, n, y, m, #, e: see
    :mod:`dateline.stories.signature`; a kind left out weighs 0); ``threshold`` is the least
    time-discounted cosine for joining; within ``grace_days`` of a group's date span there
    is no discount, beyond it the similarity decays as exp(-(gap - grace) / tau_days).
    """

    weights: dict[str, float]
    threshold: float
    grace_days: float
    tau_days: float
    merge_threshold: float = 1.01     # two groups whose centroids are this similar merge


#: Defaults. Kind weights and thresholds were chosen by grid search on the odd-numbered
#: ECB+ topics and checked on the even-numbered ones (dateline.evaluation.ecbplus).
STORY_LEVEL = Level(weights={"w": 1.0, "n": 2.0, "y": 3.0, "m": 1.5, "#": 0.7, "e": 0.5},
                    threshold=0.30, grace_days=7, tau_days=21)
TOPIC_LEVEL = Level(weights={"w": 1.0, "l": 2.0, "n": 0.0, "y": 0.0, "m": 0.0, "#": 0.0, "e": 1.0},
                    threshold=0.15, grace_days=30, tau_days=180, merge_threshold=0.25)

#: Centroids keep at most this many features (the heaviest); bounds memory per story.
MAX_CENTROID_FEATURES = 1500
#: An article looks for candidate groups through this many of its heaviest features.
QUERY_FEATURES = 30
#: Group-to-group similarity (merging) uses this many of a group's heaviest features.
MERGE_FEATURES = 300


def day_number(published: Any) -> int | None:
    """Proleptic ordinal of an ISO date / date-time string or date; None when undated."""
    if published is None or published == "":
        return None
    if isinstance(published, _dt.datetime):
        return published.date().toordinal()
    if isinstance(published, _dt.date):
        return published.toordinal()
    try:
        return _dt.date.fromisoformat(str(published)[:10]).toordinal()
    except ValueError:
        return None


def _short_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=6).hexdigest()


def canonical_key(article_id: str, published: Any) -> tuple:
    """Sort key that makes placement independent of input order (see module docstring)."""
    day = day_number(published)
    return (day is None, day or 0, _short_hash(str(article_id)), str(article_id))


@dataclass
class Group:
    """A story or a topic: members, summed member profiles, date span, display counts."""

    id: str
    articles: list[str] = field(default_factory=list)
    centroid: dict[str, float] = field(default_factory=dict)
    first: int | None = None
    last: int | None = None
    parent: str | None = None                       # a story's topic
    children: list[str] = field(default_factory=list)  # a topic's stories
    names: dict[str, float] = field(default_factory=dict)   # display form -> weight
    words: dict[str, str] = field(default_factory=dict)     # w:feature -> display form
    events: dict[str, int] = field(default_factory=dict)


class _Idf:
    """Inverse document frequencies from a snapshot of the counts, refreshed each time the
    collection has grown by a tenth (every article while it is small). Between refreshes
    the weights are fixed, so centroid norms can be cached, and the snapshot is part of
    the state, so a reloaded clusterer scores exactly as the one that saved it."""

    def __init__(self) -> None:
        self.n = 0
        self.df: dict[str, int] = {}
        self.table: dict[str, float] = {}
        self.default = 1.0
        self.epoch = 0

    def due(self, n_docs: int) -> bool:
        return n_docs >= self.n + max(1, self.n // 10)

    def refresh(self, df: dict[str, int], n_docs: int) -> None:
        self.n, self.df = n_docs, dict(df)
        self.table = {f: math.log((n_docs + 1) / (c + 1)) + 1.0 for f, c in self.df.items()}
        self.default = math.log(n_docs + 1) + 1.0
        self.epoch += 1

    def __call__(self, feature: str) -> float:
        return self.table.get(feature, self.default)


class _Index:
    """Groups at one level, their centroids and an inverted index feature -> group ids."""

    def __init__(self, level: Level, prefix: str, idf: _Idf):
        self.level = level
        self.prefix = prefix
        self.idf = idf
        self.groups: dict[str, Group] = {}
        self.postings: dict[str, set[str]] = defaultdict(set)
        self._norms: dict[str, tuple[int, float]] = {}

    def weigh(self, feature: str, value: float) -> float:
        return self.level.weights.get(feature[0], 0.0) * value * self.idf(feature)

    def vector(self, profile: dict[str, float]) -> dict[str, float]:
        """Level-weighted TF-IDF of a profile or centroid, unit length."""
        weights, table, default = self.level.weights, self.idf.table, self.idf.default
        vec = {}
        for feature, value in profile.items():
            kind_weight = weights.get(feature[0], 0.0)
            if kind_weight > 0 and value > 0:
                vec[feature] = kind_weight * value * table.get(feature, default)
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {f: v / norm for f, v in vec.items()}

    def _norm(self, group: Group) -> float:
        cached = self._norms.get(group.id)
        if cached and cached[0] == self.idf.epoch:
            return cached[1]
        weights, table, default = self.level.weights, self.idf.table, self.idf.default
        total = 0.0
        for feature, value in group.centroid.items():
            kind_weight = weights.get(feature[0], 0.0)
            if kind_weight:
                weighted = kind_weight * value * table.get(feature, default)
                total += weighted * weighted
        norm = math.sqrt(total) or 1.0
        self._norms[group.id] = (self.idf.epoch, norm)
        return norm

    def query(self, vec: dict[str, float]) -> dict[str, float]:
        """A unit vector pre-multiplied by the level's kind weights and the IDF, so that
        its dot product with a raw centroid is the unnormalised cosine."""
        weights, table, default = self.level.weights, self.idf.table, self.idf.default
        return {f: v * weights.get(f[0], 0.0) * table.get(f, default) for f, v in vec.items()}

    def similarity(self, query: dict[str, float], group: Group, day) -> float:
        """Cosine of a :meth:`query` with the group's centroid, discounted for time."""
        centroid = group.centroid
        if len(query) <= len(centroid):
            dot = sum(q * centroid[f] for f, q in query.items() if f in centroid)
        else:
            dot = sum(c * query[f] for f, c in centroid.items() if f in query)
        return dot / self._norm(group) * self.time_factor(day, group)

    def time_factor(self, day: int | tuple | None, group: Group) -> float:
        """1 within the grace period of the group's span, then exponential decay; ``day``
        is a day number or a (first, last) span."""
        if day is None or group.first is None:
            return 1.0
        first, last = day if isinstance(day, tuple) else (day, day)
        if first is None:
            return 1.0
        gap = max(group.first - last, first - group.last, 0)
        if gap <= self.level.grace_days:
            return 1.0
        return math.exp(-(gap - self.level.grace_days) / self.level.tau_days)

    def best(self, vec: dict[str, float], day: int | None,
             within: Iterable[str] | None = None) -> tuple[str | None, float]:
        """The most similar group (ties to the smaller id) and its similarity."""
        query = sorted(vec, key=lambda f: (-vec[f], f))[:QUERY_FEATURES]
        candidates = set()
        for feature in query:
            candidates |= self.postings.get(feature, set())
        if within is not None:
            candidates &= set(within)
        best_id, best_sim = None, 0.0
        weighted = self.query(vec)
        for gid in sorted(candidates):
            sim = self.similarity(weighted, self.groups[gid], day)
            if sim > best_sim:
                best_id, best_sim = gid, sim
        return best_id, best_sim

    def create(self, founder: str) -> Group:
        gid = f"{self.prefix}{_short_hash(founder)}"
        suffix = 1
        while gid in self.groups:
            suffix += 1
            gid = f"{self.prefix}{_short_hash(founder)}-{suffix}"
        group = self.groups[gid] = Group(id=gid)
        return group

    def absorb(self, group: Group, article_id: str, profile: dict[str, float],
               sig: Signature, day: int | None) -> None:
        group.articles.append(article_id)
        for feature, value in profile.items():
            if feature not in group.centroid:
                self.postings[feature].add(group.id)
            group.centroid[feature] = group.centroid.get(feature, 0.0) + value
        if len(group.centroid) > MAX_CENTROID_FEATURES:
            keep = sorted(group.centroid, key=lambda f: (-group.centroid[f], f))
            for feature in keep[MAX_CENTROID_FEATURES:]:
                del group.centroid[feature]
                self.postings[feature].discard(group.id)
        if day is not None:
            group.first = day if group.first is None else min(group.first, day)
            group.last = day if group.last is None else max(group.last, day)
        for feature, text in sig.display.items():
            if feature.startswith("n:"):
                group.names[text] = group.names.get(text, 0.0) + sig.counts[feature]
            elif feature.startswith("w:"):
                group.words.setdefault(feature, text)
        for kind, count in sig.events.items():
            group.events[kind] = group.events.get(kind, 0) + count
        self._norms.pop(group.id, None)

    def merge_partner(self, group: Group,
                      within: Iterable[str] | None = None) -> Group | None:
        """Another group (among ``within`` if given) whose centroid is at least
        ``merge_threshold`` similar to this one's (the most similar; ties to the smaller
        id), or None."""
        if self.level.merge_threshold > 1.0:
            return None
        vec = self.vector(group.centroid)
        ranked = sorted(vec, key=lambda f: (-vec[f], f))
        query = ranked[:QUERY_FEATURES]
        vec = {f: vec[f] for f in ranked[:MERGE_FEATURES]}   # the tail adds little to a dot
        best_id, best_sim = None, 0.0
        candidates = set()
        for feature in query:
            candidates |= self.postings.get(feature, set())
        candidates.discard(group.id)
        if within is not None:
            candidates &= set(within)
        weighted = self.query(vec)
        for gid in sorted(candidates):
            sim = self.similarity(weighted, self.groups[gid], (group.first, group.last))
            if sim > best_sim:
                best_id, best_sim = gid, sim
        if best_id is not None and best_sim >= self.level.merge_threshold:
            return self.groups[best_id]
        return None

    def merge(self, keep: Group, gone: Group) -> None:
        """Fold ``gone`` into ``keep`` (members, centroid sums, span, display counts)."""
        keep.articles.extend(gone.articles)
        keep.children.extend(gone.children)
        for feature, value in gone.centroid.items():
            if feature not in keep.centroid:
                self.postings[feature].add(keep.id)
            keep.centroid[feature] = keep.centroid.get(feature, 0.0) + value
            self.postings[feature].discard(gone.id)
        for span_day in (gone.first, gone.last):
            if span_day is not None:
                keep.first = span_day if keep.first is None else min(keep.first, span_day)
                keep.last = span_day if keep.last is None else max(keep.last, span_day)
        for name, weight in gone.names.items():
            keep.names[name] = keep.names.get(name, 0.0) + weight
        for feature, text in gone.words.items():
            keep.words.setdefault(feature, text)
        for kind, count in gone.events.items():
            keep.events[kind] = keep.events.get(kind, 0) + count
        del self.groups[gone.id]
        self._norms.pop(keep.id, None)
        self._norms.pop(gone.id, None)

    def reindex(self) -> None:
        self.postings = defaultdict(set)
        self._norms = {}
        for group in self.groups.values():
            for feature in group.centroid:
                self.postings[feature].add(group.id)


def _profile(sig: Signature) -> dict[str, float]:
    """Sublinear term frequencies, unit length: what an article adds to a centroid."""
    profile = {f: 1.0 + math.log(c) for f, c in sig.counts.items() if c > 0}
    norm = math.sqrt(sum(v * v for v in profile.values())) or 1.0
    return {f: v / norm for f, v in profile.items()}


class StoryClusterer:
    """Groups articles into stories (and stories into topics) as they arrive.

    >>> clusterer = StoryClusterer()
    >>> story = clusterer.add("a1", "Flooding in Valencia killed 62 people ...", published="2024-10-30")
    >>> clusterer.label(story)["text"]   # doctest: +SKIP
    """

    def __init__(self, story_level: Level | None = None, topic_level: Level | None = None):
        self.story_level = story_level or STORY_LEVEL
        self.topic_level = topic_level or TOPIC_LEVEL
        self.idf = _Idf()
        self.stories = _Index(self.story_level, "s-", self.idf)
        self.topics = _Index(self.topic_level, "t-", self.idf)
        self.df: Counter = Counter()
        self.n_docs = 0
        self.article_story: dict[str, str] = {}
        self.merged_into: dict[str, str] = {}     # story id -> the story it was merged into

    # ---------------------------------------------------------------- placement
    def add(self, article_id: str, text: str, title: str | None = None,
            published: Any = None, entities: Iterable[Any] | None = None,
            events: Iterable[Any] | None = None) -> str:
        """Place one article; returns its story id. An id seen before keeps its story.

        ``entities``: strings, (text, label) pairs, dicts with text/name, spaCy spans or
        ActorRefs; when given they replace the capitalisation guess for names.
        ``events``: PLOVER type strings, event dicts or Event records (types become
        features and label the story). ``published``: ISO date/date-time or date.
        """
        return self.add_batch([{"id": article_id, "text": text, "title": title,
                                "published": published, "entities": entities,
                                "events": events}])[article_id]

    def add_batch(self, articles: Iterable[dict]) -> dict[str, str]:
        """Place a batch of article dicts ({id, text, title?, published?, entities?,
        events?}) in canonical order; returns id -> story id."""
        placed: dict[str, str] = {}
        batch = sorted(articles, key=lambda a: canonical_key(a["id"], a.get("published")))
        for article in batch:
            article_id = str(article["id"])
            if article_id in self.article_story:
                placed[article_id] = self.article_story[article_id]
                continue
            sig = signature(article.get("text") or "", article.get("title"),
                            article.get("entities"), article.get("events"))
            placed[article_id] = self._place(article_id, sig, day_number(article.get("published")))
        # a story founded early in the batch may since have merged into another
        return {article_id: self.article_story[article_id] for article_id in placed}

    def _place(self, article_id: str, sig: Signature, day: int | None) -> str:
        self.n_docs += 1
        self.df.update(sig.counts.keys())
        if self.idf.due(self.n_docs):
            self.idf.refresh(self.df, self.n_docs)
        profile = _profile(sig)
        story_vec = self.stories.vector(profile)
        story_id, similarity = self.stories.best(story_vec, day)
        if story_id is not None and similarity >= self.story_level.threshold:
            story = self.stories.groups[story_id]
            topic = self.topics.groups[story.parent]
        else:
            topic_vec = self.topics.vector(profile)
            topic_id, topic_sim = self.topics.best(topic_vec, day)
            if topic_id is not None and topic_sim >= self.topic_level.threshold:
                topic = self.topics.groups[topic_id]
            else:
                topic = self.topics.create(article_id)
            story = self.stories.create(article_id)
            story.parent = topic.id
            topic.children.append(story.id)
        self.stories.absorb(story, article_id, profile, sig, day)
        self.topics.absorb(topic, article_id, profile, sig, day)
        self.article_story[article_id] = story.id
        story = self._merge_stories(story)
        self._merge_topics(self.topics.groups[story.parent])
        return story.id

    def _merge_stories(self, story: Group) -> Group:
        """Stories of one topic whose centroids have grown alike merge (the larger keeps
        its id), so an early article that started a story of its own is not stranded."""
        while True:
            topic = self.topics.groups[story.parent]
            partner = self.stories.merge_partner(story, within=topic.children)
            if partner is None:
                return story
            keep, gone = sorted((story, partner), key=lambda g: (-len(g.articles), g.id))
            topic.children.remove(gone.id)
            self.merged_into[gone.id] = keep.id
            for article_id in gone.articles:
                self.article_story[article_id] = keep.id
            self.stories.merge(keep, gone)
            story = keep

    def _merge_topics(self, topic: Group) -> None:
        """Topics whose centroids have grown alike merge (the larger keeps its id): the
        first article of a story may not say enough to find its topic; the story's later
        articles do."""
        while True:
            partner = self.topics.merge_partner(topic)
            if partner is None:
                return
            keep, gone = sorted((topic, partner), key=lambda g: (-len(g.articles), g.id))
            for story_id in gone.children:
                self.stories.groups[story_id].parent = keep.id
            self.topics.merge(keep, gone)
            topic = keep

    # ---------------------------------------------------------------- reading
    def story_of(self, article_id: str) -> str | None:
        return self.article_story.get(article_id)

    def resolve(self, story_id: str) -> str:
        """The live id of a story that may have been merged into another since."""
        while story_id in self.merged_into:
            story_id = self.merged_into[story_id]
        return story_id

    def topic_of_story(self, story_id: str) -> str:
        return self.stories.groups[story_id].parent

    def label(self, story_id: str, size: int = 3) -> dict:
        """What a story is about: its main names, event types and words, and date span."""
        story_id = self.resolve(story_id)
        group = self.stories.groups.get(story_id) or self.topics.groups[story_id]
        index = self.stories if story_id in self.stories.groups else self.topics
        names = sorted(group.names, key=lambda n: (-group.names[n], n))
        names = _dedupe_names(names)[:size]
        weighted = {f: index.weigh(f, v) if f[0] == "w" else 0.0
                    for f, v in group.centroid.items() if f.startswith("w:")}
        name_words = {w.lower() for n in group.names for w in n.split()}
        words = [group.words.get(f, f[2:]) for f in sorted(weighted, key=lambda f: (-weighted[f], f))]
        words = [w for w in words if w not in name_words][:size]
        events = [e for e, _ in sorted(group.events.items(), key=lambda kv: (-kv[1], kv[0]))][:size]
        first = _dt.date.fromordinal(group.first).isoformat() if group.first else None
        last = _dt.date.fromordinal(group.last).isoformat() if group.last else None
        text = ", ".join(names + words)
        if events:
            text += " [" + ", ".join(events) + "]"
        if first:
            text += f" ({first}" + (f" to {last})" if last != first else ")")
        return {"id": story_id, "entities": names, "events": events, "terms": words,
                "first": first, "last": last, "articles": len(group.articles),
                "topic": group.parent, "text": text}

    def partition(self) -> dict[str, str]:
        return dict(self.article_story)

    # ---------------------------------------------------------------- state
    @property
    def state(self) -> dict:
        """Everything needed to go on later, as JSON-serialisable plain data."""
        return {
            "version": STATE_VERSION,
            "story_level": asdict(self.story_level),
            "topic_level": asdict(self.topic_level),
            "n_docs": self.n_docs,
            "df": dict(self.df),
            "idf_snapshot": {"n": self.idf.n, "df": dict(self.idf.df)},
            "merged_into": dict(self.merged_into),
            "stories": [asdict(g) for g in self.stories.groups.values()],
            "topics": [asdict(g) for g in self.topics.groups.values()],
        }

    @classmethod
    def from_state(cls, state: dict) -> "StoryClusterer":
        if state.get("version") != STATE_VERSION:
            raise ValueError(f"story state version {state.get('version')!r} is not {STATE_VERSION}")
        clusterer = cls(Level(**state["story_level"]), Level(**state["topic_level"]))
        clusterer.n_docs = state["n_docs"]
        clusterer.df = Counter(state["df"])
        clusterer.idf.refresh(state["idf_snapshot"]["df"], state["idf_snapshot"]["n"])
        clusterer.merged_into = dict(state.get("merged_into", {}))
        for key, index in (("stories", clusterer.stories), ("topics", clusterer.topics)):
            for raw in state[key]:
                group = Group(**raw)
                index.groups[group.id] = group
            index.reindex()
        for story in clusterer.stories.groups.values():
            for article_id in story.articles:
                clusterer.article_story[article_id] = story.id
        return clusterer


def _dedupe_names(names: list[str]) -> list[str]:
    """Drop a name that is a word of a heavier one already kept (display only)."""
    kept: list[str] = []
    for name in names:
        if not any(name.lower() == k.lower() for k in kept):
            kept.append(name)
    return kept


def cluster_records(records: Iterable[dict], entities: str = "caps",
                    story_level: Level | None = None, topic_level: Level | None = None,
                    labels: bool = False) -> list[dict]:
    """Cluster JSON-like records ({id, text, published?, title?}) in one batch; returns
    [{"id", "story", "topic"(, "label")}] in input order. This is `dateline cluster`.

    ``entities="spacy"`` takes name features from spaCy's entities instead of
    capitalisation (slower, see the module docs).
    """
    records = list(records)
    if entities == "spacy":
        from dateline import nlp

        texts = [((r.get("title") or "") + "\n" + (r.get("text") or "")).strip() for r in records]
        keep = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART"}
        model = nlp.load()
        only_ner = [p for p in model.pipe_names if p not in ("tok2vec", "ner")]
        for record, doc in zip(records, model.pipe(texts, batch_size=32, disable=only_ner)):
            record["entities"] = [e.text for e in doc.ents if e.label_ in keep]
    clusterer = StoryClusterer(story_level, topic_level)
    placed = clusterer.add_batch(records)
    out = []
    for record in records:
        story_id = placed[str(record["id"])]
        row = {"id": record["id"], "story": story_id, "topic": clusterer.topic_of_story(story_id)}
        if labels:
            row["label"] = clusterer.label(story_id)["text"]
        out.append(row)
    return out
