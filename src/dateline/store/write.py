"""Writing to the store: crash-safe batches of immutable Parquet parts.

Why this shape:
- *A reader while a writer ingests*: parts are immutable and appear by an atomic rename, so a
  DuckDB query over ``articles/*.parquet`` sees whole batches or nothing.
- *kill -9 mid-ingest*: a batch writes its parts to temporary names, fsyncs, renames them in
  :data:`~dateline.store.schema.WRITE_ORDER`, and the ``articles`` part comes last: it is the
  commit record. Parts of a batch whose articles part never landed are invisible to queries
  (the views join on ``batch``) and are removed by the next writer. Nothing reported as stored
  is lost; re-running the ingest skips what landed (article ids) and redoes the rest.
- *Ray Data*: a Ray job writes the same parts with the same schemas (runners/ray.py).

One writer at a time per store (an flock on ``.writer.lock``); readers never lock.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import os
import uuid
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from dateline.errors import DatelineError
from dateline.store.schema import TABLES, WRITE_ORDER

LOCK_NAME = ".writer.lock"

#: tables looked up by a key column (cross-article event index): table -> sort column
SORTED_TABLES = {"event_keys": "key"}


def new_batch_id() -> str:
    """Sortable by time, unique across processes and machines."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%f") + "-" + uuid.uuid4().hex[:8]


def write_part(store: Path, table: str, rows: list[dict[str, Any]], batch: str,
               always: bool = False) -> Path | None:
    """Write rows as ``<table>/part-<batch>.parquet`` atomically (tmp + fsync + rename).
    Empty tables write nothing unless ``always`` (the commit record)."""
    if not rows and not always:
        return None
    folder = store / table
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"part-{batch}.parquet"
    tmp = folder / f".tmp-{batch}.parquet"
    arrow = pa.Table.from_pylist(rows, schema=TABLES[table])
    if table in SORTED_TABLES:
        # Sorted, in small row groups: a lookup by key reads only the row groups whose
        # min/max statistics can hold it, so its cost does not grow with the store.
        arrow = arrow.sort_by(SORTED_TABLES[table])
        pq.write_table(arrow, tmp, compression="zstd", row_group_size=2048)
    else:
        pq.write_table(arrow, tmp, compression="zstd")
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, final)
    _fsync_dir(folder)
    return final


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def commit_batch(store: Path, batch: str, tables: dict[str, list[dict[str, Any]]], config=None) -> None:
    """Write one batch's parts; the articles part (the commit record) goes last. The settings
    it was made with (``config``, default: the current Config) are recorded when they changed
    (store/meta.py)."""
    from dateline.store.meta import record_batch

    record_batch(store, batch, config)
    for table in WRITE_ORDER:
        rows = tables.get(table) or []
        if table == "articles":
            for r in rows:
                r["batch"] = batch
        # The articles part is written even when empty: it is what commits the batch (a
        # batch of failures only would otherwise be removed as an orphan).
        write_part(store, table, rows, batch, always=(table == "articles"))


class StoreWriter:
    """Holds the writer lock and knows which articles the store already has."""

    def __init__(self, store: Path):
        self.store = Path(store)
        self._lock_file = None

    def __enter__(self) -> "StoreWriter":
        try:
            self.store.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise DatelineError(f"cannot create store directory {self.store}: {e.strerror or e}") from None
        if not os.access(self.store, os.W_OK):
            raise DatelineError(f"store directory {self.store} is not writable")
        self._lock_file = open(self.store / LOCK_NAME, "a+")
        try:
            fcntl.flock(self._lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock_file.close()
            raise DatelineError(f"another dateline process is writing to {self.store}; "
                                "wait for it to finish (readers are not affected)") from None
        self.remove_orphans()
        return self

    def __exit__(self, *exc) -> None:
        if self._lock_file is not None:
            fcntl.flock(self._lock_file, fcntl.LOCK_UN)
            self._lock_file.close()
            self._lock_file = None

    def committed_batches(self) -> set[str]:
        folder = self.store / "articles"
        if not folder.is_dir():
            return set()
        return {p.name[len("part-"):-len(".parquet")] for p in folder.glob("part-*.parquet")}

    def remove_orphans(self) -> int:
        """Delete temp files and parts of batches that never committed (crashed writers).

        Safe because we hold the writer lock: no other writer has a batch in flight.
        """
        committed = self.committed_batches()
        removed = 0
        for table in TABLES:
            folder = self.store / table
            if not folder.is_dir():
                continue
            for p in folder.iterdir():
                orphan = p.name.startswith(".tmp-")
                if p.name.startswith("part-") and table != "articles":
                    orphan = p.name[len("part-"):-len(".parquet")] not in committed
                if orphan:
                    p.unlink(missing_ok=True)
                    removed += 1
        return removed

    def known_articles(self) -> tuple[set[str], dict[str, str]]:
        """Ids of stored articles, and url -> id of the current version of each URL."""
        folder = self.store / "articles"
        ids: set[str] = set()
        by_url: dict[str, tuple[str, str]] = {}
        if not folder.is_dir():
            return ids, {}
        for part in sorted(folder.glob("part-*.parquet")):
            t = pq.read_table(part, columns=["id", "url", "ingested_at"])
            for aid, url, at in zip(t.column("id").to_pylist(), t.column("url").to_pylist(),
                                    t.column("ingested_at").to_pylist()):
                ids.add(aid)
                if url and (url not in by_url or (at or "") >= by_url[url][1]):
                    by_url[url] = (aid, at or "")
        return ids, {u: v[0] for u, v in by_url.items()}
