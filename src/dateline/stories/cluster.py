"""Online, time-aware story clustering with two levels: stories inside topics.

Stories. An article arrives, its :mod:`signature <dateline.stories.signature>` is compared
with the centroids of the stories that share its most informative features (an inverted
index, so a new article never rescans the world), and it joins the most similar story when
the similarity, discounted for the distance in days from the story's date span, clears the
story threshold; otherwise it starts a story. A story is one real-world event and its
follow-ups (names, places, years, numbers and event words weigh most).

Topics group stories of the same kind, and are regrouped from the stories' centroids at the
end of every batch, not fixed when a story is born (the first article of a story may not say
enough to find its topic; its later articles do). Each story keeps *links*: its topic-level
similarity to the stories its heaviest topic features reach through the inverted index (the
words of the title and lead weigh most, names little, numbers and dates not at all; the
inverse frequency counts *stories*, not articles, so one big story's words do not look
common, and is squared, so the words two stories share stand out from those every story
uses). Topics are the clusters of size-weighted average-link agglomeration over those
links, stopped at the topic threshold. An average-link cluster never spans two connected
components of the graph whose edges are links at or above the threshold (an average at
or above it needs one pair at or above it), so a batch re-links only the stories it
touched and regroups only the components they were or are in; the result equals
regrouping every story, at a cost bounded by the size of those components (stories,
not articles).

Time. Within ``grace_days`` (stories: 7, topics: 30) of a story's date span there is no
discount; beyond it the similarity decays with ``tau_days`` (stories: 21, topics: 180), so
a story that keeps being reported runs for months, while the same kind of event months
later starts a new story (in the same topic if it comes within a few months). Undated
articles are not discounted. These values are set on principle, not tuned: ECB+ has no
dates.

Order guarantee. :meth:`StoryClusterer.add_batch` places a batch in a canonical order:
by publication day (undated last), then by a hash of the article id (ties broken
independently of how ids are named or fed). Document frequencies are counted article by
article in that order, and IDF weights come from a snapshot refreshed whenever the
collection has grown by a tenth (stories: articles counted; topics: stories counted).
Topics are computed after the batch's placement from the stories alone. Hence: (1) the
stories, topics and their ids produced by one batch are the same for any permutation of
that batch; (2) adding the articles one at a time, or in several batches, in canonical
order gives exactly the story partition of one batch (tested); the topics then are the
same except where a link was computed under an earlier topic IDF snapshot (a link is
refreshed whenever one of its two stories changes). Out-of-order arrivals (an article
older than what was already placed) are placed against the current state: the partition
then may differ from the batch one, as any online clusterer's does; re-clustering from the
articles (:func:`cluster_records`) restores the canonical result. Merges retire story ids:
:meth:`resolve` maps an old story id to the live one. A topic's id is that of its
earliest-founded story (``t-`` for ``s-``), so it stays put while the topic grows.

State is plain data (:attr:`StoryClusterer.state`, JSON-serialisable) and reloads with
:meth:`StoryClusterer.from_state` into a clusterer that goes on exactly as the saved one
would (tested); the inverted index, story frequencies and norm caches are rebuilt on load.
"""
from __future__ import annotations

import datetime as _dt
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable

# levels, groups, the IDF snapshot, the inverted index and average link are in cluster_index
from dateline.stories.cluster_index import (  # noqa: F401 - re-exported
    Group, LINK_FLOOR, LINK_QUERY_FEATURES, Level, MAX_CENTROID_FEATURES, MERGE_FEATURES,
    QUERY_FEATURES, STATE_VERSION, STORY_LEVEL, TOPIC_LEVEL, _Idf, _Index,
    _add_display_counts, _profile, _short_hash, average_link, canonical_key, day_number)
from dateline.stories.signature import Signature, signature


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
        self.stories = _Index(self.story_level, "s-", self.idf, count_df=True)
        self.story_idf = _Idf(self.topic_level.idf_power)    # over stories, for topics
        self.story_topics = self.stories.view(self.topic_level, self.story_idf)
        self.topics: dict[str, Group] = {}
        self.links: dict[str, dict[str, float]] = {}     # story -> story -> topic similarity
        self.df: Counter = Counter()
        self.n_docs = 0
        self.article_story: dict[str, str] = {}
        self.merged_into: dict[str, str] = {}     # story id -> the story it was merged into
        self.last_regroup = {"relinked": 0, "regrouped": 0}   # what the last batch cost

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
        events?}) in canonical order, then regroup the topics the batch touched; returns
        id -> story id."""
        placed: dict[str, str] = {}
        touched: set[str] = set()
        batch = sorted(articles, key=lambda a: canonical_key(a["id"], a.get("published")))
        for article in batch:
            article_id = str(article["id"])
            if article_id in self.article_story:
                placed[article_id] = self.article_story[article_id]
                continue
            sig = signature(article.get("text") or "", article.get("title"),
                            article.get("entities"), article.get("events"))
            key = list(canonical_key(article_id, article.get("published")))
            placed[article_id] = self._place(article_id, sig, day_number(article.get("published")),
                                             key, touched)
        self._regroup(touched)
        # a story founded early in the batch may since have merged into another
        return {article_id: self.article_story[article_id] for article_id in placed}

    def _place(self, article_id: str, sig: Signature, day: int | None, key: list,
               touched: set[str]) -> str:
        self.n_docs += 1
        self.df.update(sig.counts.keys())
        if self.idf.due(self.n_docs):
            self.idf.refresh(self.df, self.n_docs)
        profile = _profile(sig)
        story_vec = self.stories.vector(profile)
        story_id, similarity = self.stories.best(story_vec, day)
        if story_id is not None and similarity >= self.story_level.threshold:
            story = self.stories.groups[story_id]
        else:
            story = self.stories.create(article_id)
            story.founded = key
        self.stories.absorb(story, article_id, profile, sig, day)
        self.article_story[article_id] = story.id
        touched.add(story.id)
        return self._merge_stories(story, touched).id

    def _merge_stories(self, story: Group, touched: set[str]) -> Group:
        """Stories whose centroids have grown alike merge (the larger keeps its id), so an
        early article that started a story of its own is not stranded. Off by default
        (``merge_threshold`` above 1)."""
        while True:
            partner = self.stories.merge_partner(story)
            if partner is None:
                return story
            keep, gone = sorted((story, partner), key=lambda g: (-len(g.articles), g.id))
            self.merged_into[gone.id] = keep.id
            self.topics.pop(gone.parent, None)
            for article_id in gone.articles:
                self.article_story[article_id] = keep.id
            self.stories.merge(keep, gone)
            touched.update((keep.id, gone.id))
            story = keep

    # ---------------------------------------------------------------- topics
    def _regroup(self, touched: set[str]) -> None:
        """Re-link the stories a batch touched and regroup the topics of every component
        (of links at or above the topic threshold) they were or are in."""
        groups = self.stories.groups
        if not touched:
            return
        if self.story_idf.due(len(groups)):
            self.story_idf.refresh(self.stories.df, len(groups))
        threshold = self.topic_level.threshold
        seeds = {s for s in touched if s in groups}
        for story_id in sorted(touched):          # drop old links, keep old neighbours
            for other, sim in self.links.pop(story_id, {}).items():
                if sim >= threshold:
                    seeds.add(other)
                self.links.get(other, {}).pop(story_id, None)
        live = sorted(s for s in touched if s in groups)
        for story_id in live:
            self.story_topics.forget_norm(story_id)
        for story_id in live:
            found = self.story_topics.neighbours(groups[story_id], LINK_FLOOR, LINK_QUERY_FEATURES)
            mine = self.links.setdefault(story_id, {})
            for other, sim in found.items():
                mine[other] = sim
                self.links.setdefault(other, {})[story_id] = sim
        components, seen = [], set()
        for seed in sorted(seeds):
            if seed in seen or seed not in groups:
                continue
            component, stack = [], [seed]
            seen.add(seed)
            while stack:
                current = stack.pop()
                component.append(current)
                for other, sim in self.links.get(current, {}).items():
                    if sim >= threshold and other not in seen:
                        seen.add(other)
                        stack.append(other)
            components.append(sorted(component))
        # every old topic of these stories lies inside these components: drop, then rebuild
        for component in components:
            for story_id in component:
                self.topics.pop(groups[story_id].parent, None)
        for component in components:
            sizes = {s: len(groups[s].articles) for s in component}
            for members in average_link(component, self.links, sizes, threshold):
                self._make_topic([groups[s] for s in members])
        self.last_regroup = {"relinked": len(live), "regrouped": sum(map(len, components))}

    def _make_topic(self, stories: list[Group]) -> Group:
        """A topic over ``stories``, named after the earliest-founded one."""
        stories = sorted(stories, key=lambda g: (g.founded or [], g.id))
        topic = Group(id="t-" + stories[0].id[2:], children=[g.id for g in stories])
        for story in stories:
            story.parent = topic.id
            if story.first is not None:
                topic.first = story.first if topic.first is None else min(topic.first, story.first)
                topic.last = story.last if topic.last is None else max(topic.last, story.last)
        self.topics[topic.id] = topic
        return topic

    # ---------------------------------------------------------------- reading
    def story_of(self, article_id: str) -> str | None:
        return self.article_story.get(article_id)

    def resolve(self, story_id: str) -> str:
        """The live id of a story that may have been merged into another since."""
        while story_id in self.merged_into:
            story_id = self.merged_into[story_id]
        return story_id

    def topic_of_story(self, story_id: str) -> str:
        return self.stories.groups[self.resolve(story_id)].parent

    def label(self, group_id: str, size: int = 3) -> dict:
        """What a story (or a topic) is about: its main names, event types and words, and
        date span."""
        group_id = self.resolve(group_id)
        if group_id in self.stories.groups:
            group, index = self.stories.groups[group_id], self.stories
        else:
            group, index = self._topic_summary(self.topics[group_id]), self.story_topics
        names = sorted(group.names, key=lambda n: (-group.names[n], n))
        names = _dedupe_names(names)[:size]
        weighted = {f: index.weigh(f, v) for f, v in group.centroid.items() if f.startswith("w:")}
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
        return {"id": group_id, "entities": names, "events": events, "terms": words,
                "first": first, "last": last, "articles": len(group.articles),
                "topic": group.parent, "text": text}

    def _topic_summary(self, topic: Group) -> Group:
        """A topic's members, summed centroid and display counts, read from its stories."""
        summary = Group(id=topic.id, first=topic.first, last=topic.last, children=list(topic.children))
        for story_id in topic.children:
            story = self.stories.groups[story_id]
            summary.articles.extend(story.articles)
            for feature, value in story.centroid.items():
                summary.centroid[feature] = summary.centroid.get(feature, 0.0) + value
            _add_display_counts(summary, story)
        return summary

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
            "story_idf_snapshot": {"n": self.story_idf.n, "df": dict(self.story_idf.df)},
            "merged_into": dict(self.merged_into),
            "stories": [asdict(g) for g in self.stories.groups.values()],
            "topics": [asdict(g) for g in self.topics.values()],
            "links": {s: dict(near) for s, near in self.links.items()},
        }

    @classmethod
    def from_state(cls, state: dict) -> "StoryClusterer":
        if state.get("version") != STATE_VERSION:
            raise ValueError(f"story state version {state.get('version')!r} is not {STATE_VERSION}"
                             " (re-cluster from the articles)")
        clusterer = cls(Level(**state["story_level"]), Level(**state["topic_level"]))
        clusterer.n_docs = state["n_docs"]
        clusterer.df = Counter(state["df"])
        clusterer.idf.refresh(state["idf_snapshot"]["df"], state["idf_snapshot"]["n"])
        clusterer.story_idf.refresh(state["story_idf_snapshot"]["df"], state["story_idf_snapshot"]["n"])
        clusterer.merged_into = dict(state.get("merged_into", {}))
        for raw in state["stories"]:
            group = Group(**raw)
            clusterer.stories.groups[group.id] = group
        clusterer.stories.reindex()
        for raw in state["topics"]:
            group = Group(**raw)
            clusterer.topics[group.id] = group
        clusterer.links = {s: dict(near) for s, near in state["links"].items()}
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


def read_records(stream, name: str) -> list[dict]:
    """Records {id, text, published?, title?} from JSON lines (`dateline cluster`'s input); a
    bad line is one clear error."""
    from dateline.errors import DatelineError
    from dateline.ingest.readers import json_objects

    records, seen = [], set()
    for number, record in json_objects(stream, name):
        if record.get("id") is None:
            raise DatelineError(f"{name}:{number}: record has no \"id\"")
        text = record.get("text", record.get("body"))
        if not isinstance(text, str):
            raise DatelineError(f"{name}:{number}: record {record['id']!r} has no \"text\" string")
        key = str(record["id"])
        if key in seen:
            raise DatelineError(f"{name}:{number}: id {record['id']!r} appears twice")
        seen.add(key)
        records.append({"id": record["id"], "text": text, "title": record.get("title"),
                        "published": record.get("published")})
    return records


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
