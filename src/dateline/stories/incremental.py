"""The ingest hook: place a batch's events in cross-article event clusters.

Called by the ingest job (``job.Job.flush``) and the runners' committer
(``runners/work.py``) before a batch is committed; returns rows for two tables committed
with the batch (as crash-safe as its events: a batch that never commits leaves no cluster
rows visible):

``event_keys``      the blocking index: one row per (blocking key, event) with what
                    :func:`~dateline.stories.dedup.same_happening` needs and the event's
                    cluster at that batch. The latest row of an event (by ``batch``) holds
                    its current cluster. The canonical index: written like every table.
``event_clusters``  assignments ``(event_id, cluster_id)`` for the read side: one row for
                    every new event and every stored event whose cluster changed; the
                    latest row per event wins (the ``event_clusters`` view).

**Which stored mentions a batch reads.** :func:`~dateline.stories.dedup.cluster_all` joins
mentions only along :func:`~dateline.stories.dedup.link` edges: anchor-anchor (same day),
vague-vague (same value), and vague-fits-anchor. Call a connected set of anchors an anchor
cluster (AC) and of vague mentions a vague group (VG); a VG joins the one AC it fits, if
exactly one. Adding a batch can change only: the ACs holding a new anchor (A1); the VGs
holding a new vague mention or fitting an A1 cluster (their fits changed: G1); the ACs those
fit (A2); and the VGs attached to A2 clusters. To compute exactly those, the hook needs
every A2 cluster whole, every VG that fits one whole, and whole the ACs those VGs fit
(to count how many they fit). So it follows edges from the new mentions with a *level*:
anchors 3 (A1) / 2 (A2) / 1 (only counted), vague 3 (G1) / 2 (fits an A2 anchor); a
same-kind edge passes the level on, a fits edge from an anchor passes 3 or 2 on (1: not
followed), from a vague mention its level minus one. Level-1 anchors may come out of the
partial clustering with a partial cluster; their cluster cannot have changed, so no row is
written for them. Everything else loaded is exact. The working set is a few weeks around
the batch's happenings, however long a dyad's history chains through weeks and months
(following blocking keys transitively, as before, read most of such a history). Each round
is one index lookup for the keys not yet read.

**The lookup index.** A key lookup must not cost more as batches accumulate, and a
Parquet lookup opens every part. So the single writer keeps a derived, rebuildable copy of
``event_keys`` in SQLite (stdlib), ``STORE/.event_keys.sqlite``: ``mentions`` (one row per
event: its latest ``event_keys`` row), ``keys`` (key, event id; a B-tree), and ``batches``
(the batches it holds). It only ever holds *committed* batches: a batch is added after its
``articles`` part landed (:func:`after_commit`), in one transaction with its name. On open
(:class:`ClusterIndex`) it adds the committed ``event_keys`` parts it lacks (a crash
between commit and :func:`after_commit`, a runner that does not call it, a deleted file),
and when it holds a batch that is no longer committed, or the file is unreadable, it is
rebuilt from the parts. Rows are upserted keeping the latest ``batch`` per event, so the
order parts are added in does not matter. Stores written with the older binary-counter
folding of ``event_keys`` parts read the same way (folded rows keep their own batch).
"""
from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import Any, Iterable

import pyarrow.parquet as pq

from dateline.stories.dedup import Mention, blocking_keys, cluster_all, link, mention_of
from dateline.stories.evidence import family_words

KEYS_TABLE = "event_keys"
CLUSTERS_TABLE = "event_clusters"
#: the writer's lookup copy of event_keys (derived; deleting it only costs a rebuild)
INDEX_FILE = ".event_keys.sqlite"
_INDEX_VERSION = 3                    # 2: blocking keys by type class, mention words; 3: fallbacks reach back
_SEP = "\x1f"                         # joins actor / recipient codes in one column
_MENTION_COLUMNS = ("event_id", "article_id", "event", "status", "actor_codes", "recipient_codes",
                    "date", "date_precision", "place_country", "place_name", "published", "outlet",
                    "cluster_id", "batch", "words")
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS mentions ({", ".join(c + " TEXT" for c in _MENTION_COLUMNS)},
                                     PRIMARY KEY (event_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS keys (key TEXT NOT NULL, event_id TEXT NOT NULL,
                                 PRIMARY KEY (key, event_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS batches (batch TEXT PRIMARY KEY) WITHOUT ROWID;
PRAGMA user_version = {_INDEX_VERSION};
"""
_UPSERT = (f"INSERT INTO mentions VALUES ({', '.join('?' * len(_MENTION_COLUMNS))}) "
           "ON CONFLICT (event_id) DO UPDATE SET "
           + ", ".join(f"{c} = excluded.{c}" for c in _MENTION_COLUMNS[1:])
           + " WHERE excluded.batch > mentions.batch")
#: keys per lookup statement (well under SQLite's limit on bound parameters)
_KEYS_PER_QUERY = 500


def _batches_of(folder: Path) -> set[str]:
    """Batch names of the parts in a table folder."""
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return set()
    return {n[5:-8] for n in names if n.startswith("part-") and n.endswith(".parquet")}


def _mention_from_row(r: dict[str, Any]) -> Mention:
    return Mention(event_id=r["event_id"], article_id=r["article_id"], event=r["event"],
                   status=r["status"], actor_codes=tuple(r["actor_codes"] or ()),
                   recipient_codes=tuple(r["recipient_codes"] or ()), date=r["date"],
                   date_precision=r["date_precision"], place_country=r["place_country"],
                   place_name=r["place_name"], published=r["published"], outlet=r["outlet"],
                   words=family_words((r.get("words") or "").split()))


def key_rows(m: Mention, cluster_id: str, batch: str) -> list[dict[str, Any]]:
    return [{"key": k, "event_id": m.event_id, "cluster_id": cluster_id,
             "article_id": m.article_id, "event": m.event,
             "status": m.status, "actor_codes": list(m.actor_codes),
             "recipient_codes": list(m.recipient_codes), "date": m.date,
             "date_precision": m.date_precision, "place_country": m.place_country,
             "place_name": m.place_name, "published": m.published, "outlet": m.outlet,
             "batch": batch, "words": " ".join(sorted(m.words))} for k in blocking_keys(m)]


class ClusterIndex:
    """The writer's key lookups on one store: the SQLite copy of the committed
    ``event_keys`` parts, brought up to date on open (module docs)."""

    def __init__(self, store: Path):
        self.store = Path(store)
        self.timings: dict[str, float] = {}
        self.stats: dict[str, int] = {}
        t0 = time.perf_counter()
        self.con = None
        try:
            self.con = _open_index(self.store)
            _sync(self.con, self.store)
        except sqlite3.DatabaseError:           # unreadable: it is derived, so rebuild it
            if self.con is not None:
                self.con.close()
            _remove_index(self.store)
            self.con = _open_index(self.store)
            _sync(self.con, self.store)
        self._time("sync", t0)

    def _time(self, what: str, since: float) -> None:
        self.timings[what] = self.timings.get(what, 0.0) + time.perf_counter() - since

    def candidates(self, keys: Iterable[str]) -> list[tuple[str, Mention, str]]:
        """(key, mention, current cluster id) of the stored mentions under ``keys``: a
        B-tree lookup per key, whatever the number of batches."""
        t0 = time.perf_counter()
        keys = sorted(set(keys))
        self.stats["queries"] = self.stats.get("queries", 0) + 1
        out: list[tuple[str, Mention, str]] = []
        made: dict[str, tuple[Mention, str]] = {}
        try:
            for i in range(0, len(keys), _KEYS_PER_QUERY):
                chunk = keys[i:i + _KEYS_PER_QUERY]
                rows = self.con.execute(
                    "SELECT k.key, m.* FROM keys k JOIN mentions m ON m.event_id = k.event_id "
                    f"WHERE k.key IN ({', '.join('?' * len(chunk))})", chunk).fetchall()
                for key, *values in rows:
                    found = made.get(values[0])
                    if found is None:
                        r = dict(zip(_MENTION_COLUMNS, values))
                        r["actor_codes"] = tuple(r["actor_codes"].split(_SEP)) if r["actor_codes"] else ()
                        r["recipient_codes"] = (tuple(r["recipient_codes"].split(_SEP))
                                                if r["recipient_codes"] else ())
                        # (a store written before cluster ids were kept: the event's own id)
                        found = made[values[0]] = (_mention_from_row(r), r["cluster_id"] or r["event_id"])
                    out.append((key, *found))
        finally:
            self._time("candidates", t0)
        self.stats["rows"] = self.stats.get("rows", 0) + len(out)
        return out

    def close(self) -> None:
        self.con.close()


def _index_path(store: Path) -> Path:
    return Path(store) / INDEX_FILE


def _remove_index(store: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(_index_path(store)) + suffix).unlink(missing_ok=True)


def _open_index(store: Path) -> sqlite3.Connection:
    store.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(_index_path(store), isolation_level=None, timeout=60)
    # WAL + NORMAL: a crash may lose the last transactions, never corrupt the file; a lost
    # batch is added back from its part on the next open
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = NORMAL")
    if con.execute("PRAGMA user_version").fetchone()[0] not in (0, _INDEX_VERSION):
        con.close()
        _remove_index(store)
        con = sqlite3.connect(_index_path(store), isolation_level=None, timeout=60)
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = NORMAL")
    con.executescript(_SCHEMA)
    return con


def _apply_part(con: sqlite3.Connection, store: Path, batch: str) -> None:
    """Add one committed ``event_keys`` part to the index (inside the caller's transaction).
    The keys are recomputed from each mention, so a part written with older blocking keys
    is indexed under today's."""
    part = pq.ParquetFile(Path(store) / KEYS_TABLE / f"part-{batch}.parquet")
    names = set(part.schema_arrow.names)
    columns = [c for c in ("key",) + _MENTION_COLUMNS if c in names]
    for chunk in part.iter_batches(batch_size=8192, columns=columns):
        rows = chunk.to_pylist()
        con.executemany(_UPSERT, [
            tuple(_SEP.join(r[c] or ()) if c in ("actor_codes", "recipient_codes") else r.get(c)
                  for c in _MENTION_COLUMNS) for r in rows])
        mentions = {r["event_id"]: _mention_from_row({**r, "actor_codes": r["actor_codes"] or (),
                                                      "recipient_codes": r["recipient_codes"] or ()})
                    for r in rows}
        con.executemany("INSERT OR IGNORE INTO keys VALUES (?, ?)",
                        [(k, e) for e, m in mentions.items() for k in blocking_keys(m)])
    con.execute("INSERT OR IGNORE INTO batches VALUES (?)", (batch,))


def _sync(con: sqlite3.Connection, store: Path) -> int:
    """Make the index hold exactly the committed ``event_keys`` parts; returns parts added."""
    con.execute("BEGIN IMMEDIATE")
    try:
        committed = _batches_of(store / "articles") & _batches_of(store / KEYS_TABLE)
        held = {b for (b,) in con.execute("SELECT batch FROM batches")}
        if held - committed:                    # a batch it holds was un-committed: rebuild
            con.execute("DELETE FROM mentions")
            con.execute("DELETE FROM keys")
            con.execute("DELETE FROM batches")
            held = set()
        added = sorted(committed - held)
        for batch in added:
            _apply_part(con, store, batch)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return len(added)


class _Block:
    """The mentions under one blocking key, grouped the way edges are looked for."""

    __slots__ = ("anchors_by_day", "vague_by_value", "vague")

    def __init__(self):
        self.anchors_by_day: dict[Any, list[Mention]] = {}
        self.vague_by_value: dict[str, list[Mention]] = {}
        self.vague: list[Mention] = []

    def add(self, m: Mention) -> None:
        if m.is_anchor:
            self.anchors_by_day.setdefault(m.interval[0], []).append(m)
        else:
            self.vague.append(m)
            if m.vague_value:
                self.vague_by_value.setdefault(m.vague_value, []).append(m)

    def same_kind(self, m: Mention) -> list[Mention]:
        """Mentions that may share m's anchor cluster or vague group."""
        if m.is_anchor:
            return self.anchors_by_day.get(m.interval[0], [])
        return self.vague_by_value.get(m.vague_value, []) if m.vague_value else []

    def other_kind(self, m: Mention) -> list[Mention]:
        """Mentions m may fit (vague m: anchors inside its interval) or that may fit m."""
        if m.is_anchor:
            day = m.interval[0]
            return [v for v in self.vague if v.interval and v.interval[0] <= day <= v.interval[1]]
        first, last = m.interval or (None, None)
        if first is None:
            return []
        return [a for day, group in self.anchors_by_day.items() if first <= day <= last for a in group]


# Levels of need (see the module docs): what must be loaded with a mention for the batch's
# result to be exact. Anchors: 3 = its anchor cluster holds a new anchor, 2 = its result
# may change, 1 = loaded only so that a vague group knows which anchor clusters it fits.
# Vague: 3 = its group or the clusters it fits changed, 2 = it fits a level-2 anchor.
# Over a same-kind edge a neighbour gets the same level; over a fits edge see below.
NEW_LEVEL = 3
TRUSTED_ANCHOR = 2


def _fit_level(m: Mention, level: int) -> int:
    """The level a fits edge gives the neighbour of ``m`` at ``level`` (0: not followed)."""
    if m.is_anchor:
        return level if level >= 2 else 0
    return level - 1


def place_batch(index: ClusterIndex, new: list[Mention], batch: str) -> dict[str, list[dict]]:
    """Rows for ``event_keys`` and ``event_clusters`` that place ``new`` mentions.

    Loads the stored mentions the batch can affect by following :func:`~dateline.stories.
    dedup.link` edges from the new mentions, a bounded number of steps (module docs); one
    index query per round for the keys not yet read."""
    blocks: dict[str, _Block] = {}                  # fetched keys (and keys of new mentions)
    current: dict[str, str] = {}                    # stored event id -> its stored cluster
    level: dict[str, int] = {}
    loaded: dict[str, Mention] = {}
    new_ids = {m.event_id for m in new}
    fetched: set[str] = set()
    for m in new:
        loaded[m.event_id] = m
        level[m.event_id] = NEW_LEVEL
    todo = list(new)
    rounds = 0
    while todo:
        missing = {k for m in todo for k in blocking_keys(m)} - fetched
        if missing:
            rounds += 1
            for key, mention, cluster_id in index.candidates(missing):
                if mention.event_id in new_ids:
                    continue
                blocks.setdefault(key, _Block()).add(mention)
                current[mention.event_id] = cluster_id
            fetched |= missing
            if rounds == 1:                         # new mentions are candidates too
                for m in new:
                    for k in blocking_keys(m):
                        blocks.setdefault(k, _Block()).add(m)
        raised: list[Mention] = []
        for m in todo:
            lvl = level[m.event_id]
            fit_lvl = _fit_level(m, lvl)
            for k in blocking_keys(m):
                block = blocks.get(k)
                if block is None:
                    continue
                for others, give in ((block.same_kind(m), lvl), (block.other_kind(m), fit_lvl)):
                    if give <= 0:
                        continue
                    for o in others:
                        if level.get(o.event_id, 0) < give and link(m, o):
                            level[o.event_id] = give
                            loaded[o.event_id] = o
                            raised.append(o)
        todo = raised
    stored = {e: m for e, m in loaded.items() if e not in new_ids}
    index.stats["rounds"] = index.stats.get("rounds", 0) + rounds
    index.stats["fetched"] = index.stats.get("fetched", 0) + len(current)
    index.stats["stored_read"] = index.stats.get("stored_read", 0) + len(stored)
    t0 = time.perf_counter()
    clusters = cluster_all(list(stored.values()) + new)
    index._time("cluster", t0)
    cluster_rows_: list[dict[str, Any]] = []
    keys_rows: list[dict[str, Any]] = []
    stored_clusters = {clusters[e] for e in stored}
    for m in new:
        cid = clusters[m.event_id]
        how = "joined cluster" if cid in stored_clusters else "new cluster"
        cluster_rows_.append({"event_id": m.event_id, "cluster_id": cid, "outlet": m.outlet,
                              "how": how, "batch": batch})
        keys_rows += key_rows(m, cid, batch)
    for m in stored.values():
        # anchors loaded only for a vague group's sake may have a partial cluster here; their
        # cluster cannot have changed (module docs)
        if m.is_anchor and level[m.event_id] < TRUSTED_ANCHOR:
            continue
        before = current.get(m.event_id) or m.event_id
        if clusters[m.event_id] != before:
            cluster_rows_.append({"event_id": m.event_id, "cluster_id": clusters[m.event_id],
                                  "outlet": m.outlet, "how": f"re-clustered (was {before})",
                                  "batch": batch})
            keys_rows += key_rows(m, clusters[m.event_id], batch)
    index.stats["re_clustered"] = index.stats.get("re_clustered", 0) + len(cluster_rows_) - len(new)
    keys_rows.sort(key=lambda r: (r["key"], r["event_id"]))
    cluster_rows_.sort(key=lambda r: (r["cluster_id"], r["event_id"]))
    return {KEYS_TABLE: keys_rows, CLUSTERS_TABLE: cluster_rows_}


def after_commit(store: Path, batch: str) -> bool:
    """Add ``batch``'s ``event_keys`` part to the lookup index now that it committed (call
    after commit_batch). Optional: the next :class:`ClusterIndex` adds any committed part
    the index lacks; this keeps that step to nothing. False when there was nothing to add."""
    store = Path(store)
    if not (store / "articles" / f"part-{batch}.parquet").exists() or \
            not (store / KEYS_TABLE / f"part-{batch}.parquet").exists() or \
            not _index_path(store).exists():
        return False
    try:
        con = _open_index(store)
    except sqlite3.DatabaseError:
        return False                              # the next ClusterIndex rebuilds it
    try:
        con.execute("BEGIN IMMEDIATE")
        try:
            if con.execute("SELECT 1 FROM batches WHERE batch = ?", (batch,)).fetchone():
                con.execute("ROLLBACK")
                return False
            _apply_part(con, store, batch)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    finally:
        con.close()
    return True


def cluster_rows(store: Path, batch: str, analysed: Iterable[tuple[Any, list[Any]]],
                 index: ClusterIndex | None = None) -> dict[str, list[dict]]:
    """The hook for ``job.Job.flush``: ``analysed`` is (Article, [Event]) per article of
    the batch; returns the extra table rows to commit with it. Call :func:`after_commit`
    once the batch committed (optional, see there). (``index``: pass one to read its
    timings, as the benchmark does.)"""
    new: list[Mention] = []
    seen: set[str] = set()
    for article, events in analysed:
        for e in events:
            if e.id not in seen:
                seen.add(e.id)
                new.append(mention_of(e, article))
    if not new:
        return {}
    own = index is None
    index = index or ClusterIndex(store)
    try:
        return place_batch(index, new, batch)
    finally:
        if own:
            index.close()
