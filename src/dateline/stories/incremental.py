"""The ingest hook: place a batch's events in cross-article event clusters.

Called by the ingest job (``ingest.run._commit``) before the batch is committed; returns
rows for two tables that are committed with the batch (so they are as crash-safe as its
events: a batch that never commits leaves no cluster rows visible):

``event_keys``      the blocking index: one row per (blocking key, event) with what
                    :func:`~dateline.stories.dedup.same_happening` needs and the event's
                    cluster at that batch. The latest row of an event (by ``batch``) holds
                    its current cluster.
``event_clusters``  assignments ``(event_id, cluster_id)`` for the read side: one row for
                    every new event and every stored event whose cluster changed; the
                    latest row per event wins (the ``event_clusters`` view).

Per batch the hook reads the stored mentions under the batch's blocking keys (one DuckDB
query filtered on the key), then those under the keys *they* have, until no key is new
(the part of the world the batch touches: usually one query). That part is re-clustered
with :func:`~dateline.stories.dedup.cluster_all`, whose result for a mention depends only
on mentions sharing keys with it, transitively -- so the clusters are exactly those of
clustering every stored mention at once, whatever the ingest order.

Keeping the lookup cheap as the store grows: a query costs per Parquet part it opens, and
an ingest commits a part per batch. So the hook folds the newest ``event_keys`` parts into
the batch's own part whenever they are no larger than what it writes (a binary counter:
at most ~log2(index rows / batch rows) parts remain, each row is rewritten ~log2 times);
:func:`after_commit` deletes the folded parts once the batch has committed. A crash in
between leaves duplicate rows, which every reader tolerates (the latest row per event
wins) and the next fold drops.
"""
from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any, Iterable

import duckdb
import pyarrow.parquet as pq

from dateline.stories.dedup import Mention, blocking_keys, cluster_all, mention_of

KEYS_TABLE = "event_keys"
CLUSTERS_TABLE = "event_clusters"
#: at most this many rounds of following keys (a safety stop; each round is one query)
MAX_ROUNDS = 20

_CONNECTION: duckdb.DuckDBPyConnection | None = None
_CONNECTION_LOCK = threading.Lock()
_ROWS_IN_PART: dict[str, int] = {}          # part path -> rows (parts are immutable)
_FOLDED: dict[tuple[str, str], list[Path]] = {}   # (store, batch) -> parts to delete after commit


def _cursor() -> duckdb.DuckDBPyConnection:
    """A cursor on one process-wide in-memory DuckDB (opening a connection costs ~50 ms,
    more than a batch's queries); it holds no store state, only the parts named per query."""
    global _CONNECTION
    with _CONNECTION_LOCK:
        if _CONNECTION is None:
            _CONNECTION = duckdb.connect(":memory:")
        return _CONNECTION.cursor()


def committed_parts(store: Path, table: str) -> list[Path]:
    """Parquet parts of ``table`` whose batch committed (has an ``articles`` part), oldest first."""
    store = Path(store)
    folder = store / table
    if not folder.is_dir():
        return []
    committed = {p.name for p in (store / "articles").glob("part-*.parquet")}
    return sorted(p for p in folder.glob("part-*.parquet") if p.name in committed)


def _mention_from_row(r: dict[str, Any]) -> Mention:
    return Mention(event_id=r["event_id"], article_id=r["article_id"], event=r["event"],
                   status=r["status"], actor_codes=tuple(r["actor_codes"] or ()),
                   recipient_codes=tuple(r["recipient_codes"] or ()), date=r["date"],
                   date_precision=r["date_precision"], place_country=r["place_country"],
                   place_name=r["place_name"], published=r["published"], outlet=r["outlet"])


def key_rows(m: Mention, cluster_id: str, batch: str) -> list[dict[str, Any]]:
    return [{"key": k, "event_id": m.event_id, "cluster_id": cluster_id,
             "article_id": m.article_id, "event": m.event,
             "status": m.status, "actor_codes": list(m.actor_codes),
             "recipient_codes": list(m.recipient_codes), "date": m.date,
             "date_precision": m.date_precision, "place_country": m.place_country,
             "place_name": m.place_name, "published": m.published, "outlet": m.outlet,
             "batch": batch} for k in blocking_keys(m)]


class ClusterIndex:
    """Reads the blocking index of one store (the writer's view: committed parts only)."""

    def __init__(self, store: Path):
        self.store = Path(store)
        self.con = _cursor()
        self.timings: dict[str, float] = {}
        self.stats: dict[str, int] = {}

    def _time(self, what: str, since: float) -> None:
        self.timings[what] = self.timings.get(what, 0.0) + time.perf_counter() - since

    def candidates(self, keys: Iterable[str]) -> list[tuple[str, Mention, str]]:
        """(key, mention, current cluster id) of the stored mentions under ``keys``."""
        t0 = time.perf_counter()
        parts = committed_parts(self.store, KEYS_TABLE)
        keys = sorted(set(keys))
        self.stats["parts_read"] = self.stats.get("parts_read", 0) + len(parts)
        self.stats["queries"] = self.stats.get("queries", 0) + 1
        if not parts or not keys:
            return []
        files = "[" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in parts) + "]"
        try:
            # A literal IN list (not a join) lets DuckDB skip row groups by their key
            # statistics (parts are sorted by key: store/write.py SORTED_TABLES). The latest
            # row per key and event is picked below: a window in SQL costs as much as the scan.
            marks = ", ".join("?" * len(keys))
            rows = self.con.execute(
                f"SELECT * FROM read_parquet({files}, union_by_name=true) WHERE key IN ({marks})",
                keys).fetchall()
            names = [d[0] for d in self.con.description]
            rows = [dict(zip(names, r)) for r in rows]
        finally:
            self._time("candidates", t0)
        latest: dict[tuple[str, str], dict[str, Any]] = {}
        for r in rows:
            k = (r["key"], r["event_id"])
            if k not in latest or r["batch"] > latest[k]["batch"]:
                latest[k] = r
        # (a store written before cluster ids were kept in the index: the event's own id)
        return [(r["key"], _mention_from_row(r), r.get("cluster_id") or r["event_id"])
                for r in latest.values()]

    def close(self) -> None:
        self.con.close()


def _neighbours(key: str) -> list[str]:
    """The same family and pair one month before and after (where a mention's other keys
    almost always are: undated mentions near a month's end, weeks across two months)."""
    head, _, month = key.rpartition("|")
    y, m = int(month[:4]), int(month[5:7])
    before = (y - 1, 12) if m == 1 else (y, m - 1)
    after = (y + 1, 1) if m == 12 else (y, m + 1)
    return [f"{head}|{a:04d}-{b:02d}" for a, b in (before, after)]


def place_batch(index: ClusterIndex, new: list[Mention], batch: str) -> dict[str, list[dict]]:
    """Rows for ``event_keys`` and ``event_clusters`` that place ``new`` mentions."""
    new_ids = {m.event_id for m in new}
    wanted = {k for m in new for k in blocking_keys(m)}
    fetched: set[str] = set()                       # keys whose rows are in `by_key`
    by_key: dict[str, list[tuple[Mention, str]]] = {}
    expanded: set[str] = set()
    stored: dict[str, Mention] = {}
    current: dict[str, str] = {}
    for _ in range(MAX_ROUNDS):
        missing = wanted - fetched
        if missing:
            # fetch the neighbours too: the closure then rarely needs a second query
            ask = (missing | {n for k in missing for n in _neighbours(k)}) - fetched
            for key, mention, cluster_id in index.candidates(ask):
                by_key.setdefault(key, []).append((mention, cluster_id))
            fetched |= ask
        # follow keys: every stored mention under a wanted key brings its own keys
        while wanted & fetched - expanded:
            for key in sorted(wanted & fetched - expanded):
                expanded.add(key)
                for mention, cluster_id in by_key.get(key, ()):
                    if mention.event_id not in new_ids and mention.event_id not in stored:
                        stored[mention.event_id] = mention
                        current[mention.event_id] = cluster_id
                        wanted.update(blocking_keys(mention))
        if not wanted - fetched:
            break
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
        before = current.get(m.event_id) or m.event_id
        if clusters[m.event_id] != before:
            cluster_rows_.append({"event_id": m.event_id, "cluster_id": clusters[m.event_id],
                                  "outlet": m.outlet, "how": f"re-clustered (was {before})",
                                  "batch": batch})
            keys_rows += key_rows(m, clusters[m.event_id], batch)
    index.stats["stored_read"] = index.stats.get("stored_read", 0) + len(stored)
    index.stats["re_clustered"] = index.stats.get("re_clustered", 0) + len(cluster_rows_) - len(new)
    t0 = time.perf_counter()
    keys_rows = _fold(index.store, batch, keys_rows)
    index._time("fold", t0)
    cluster_rows_.sort(key=lambda r: (r["cluster_id"], r["event_id"]))
    return {KEYS_TABLE: keys_rows, CLUSTERS_TABLE: cluster_rows_}


def _rows_in(part: Path) -> int:
    key = str(part)
    if key not in _ROWS_IN_PART:
        _ROWS_IN_PART[key] = pq.read_metadata(part).num_rows
    return _ROWS_IN_PART[key]


def _fold(store: Path, batch: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The batch's key rows plus those of the newest parts no larger than the total so far
    (a binary counter); superseded rows (an older row of the same key and event) dropped."""
    parts = committed_parts(store, KEYS_TABLE)
    size, folded = len(rows), []
    for part in reversed(parts):
        n = _rows_in(part)
        if n > size:
            break
        folded.append(part)
        size += n
    if folded:
        for part in folded:
            rows = pq.read_table(part).to_pylist() + rows
        latest: dict[tuple[str, str], dict[str, Any]] = {}
        for r in rows:
            k = (r["key"], r["event_id"])
            if k not in latest or r["batch"] >= latest[k]["batch"]:
                latest[k] = r
        rows = list(latest.values())
        _FOLDED[(str(Path(store)), batch)] = folded
    rows.sort(key=lambda r: (r["key"], r["event_id"]))
    return rows


def after_commit(store: Path, batch: str) -> int:
    """Delete the ``event_keys`` parts folded into ``batch``'s part, now that it committed
    (call after commit_batch; a no-op when nothing was folded or the batch did not commit)."""
    folded = _FOLDED.pop((str(Path(store)), batch), [])
    if not folded or not (Path(store) / "articles" / f"part-{batch}.parquet").exists():
        return 0
    for part in folded:
        _ROWS_IN_PART.pop(str(part), None)
        part.unlink(missing_ok=True)
    return len(folded)


def cluster_rows(store: Path, batch: str, analysed: Iterable[tuple[Any, list[Any]]],
                 index: ClusterIndex | None = None) -> dict[str, list[dict]]:
    """The hook for ``ingest.run._commit``: ``analysed`` is (Article, [Event]) per article of
    the batch; returns the extra table rows to commit with it. Call :func:`after_commit`
    once the batch committed. (``index``: pass one to read its timings, as the benchmark
    does.)"""
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
