"""What every route of the app shares: the store, the caches over it, the ingest lock.

One :class:`AppContext` per app, kept on ``app.state.ctx``; routes get it with
``ctx: Ctx`` (a FastAPI dependency), so no route module holds global state.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request

from dateline.store.read import Store


def committed_state(store_path: Path) -> tuple[str, ...]:
    """The store's committed batches (articles parts): what any query result depends on."""
    return tuple(sorted(p.name for p in (Path(store_path) / "articles").glob("part-*.parquet")))


class CountCache:
    """Totals for paging (and other whole-store answers), remembered per key until a batch
    is committed.

    Paging through results asks for the same total on every page; counting is a scan of
    every matching event, the page itself only a top-N.
    """

    def __init__(self, store_path: Path, size: int = 256):
        self.store_path, self.size = store_path, size
        self.state: tuple[str, ...] | None = None
        self.values: dict[Any, Any] = {}
        self.lock = threading.Lock()

    def get(self, key: Any, compute) -> Any:
        state = committed_state(self.store_path)
        with self.lock:
            if state != self.state:
                self.state, self.values = state, {}
            if key in self.values:
                return self.values[key]
        value = compute()
        with self.lock:
            if self.state == state:
                if len(self.values) >= self.size:
                    self.values.pop(next(iter(self.values)))
                self.values[key] = value
        return value


class StoriesCache:
    """Story listings computed in the background, once per store state.

    Clustering every article is slow on a large store (minutes for 20,000 articles); the
    page asks again while it runs (202). A new committed batch changes the state, and the
    next request recomputes.
    """

    def __init__(self, store: Store):
        self.store = store
        self.lock = threading.Lock()
        self.key: tuple | None = None
        self.result: Any = None
        self.thread: threading.Thread | None = None
        self.done = threading.Event()

    def get(self, wait: float) -> tuple[bool, Any]:
        from dateline.stories.timeline import stories

        key = committed_state(self.store.path)
        with self.lock:
            if self.key == key and self.done.is_set():
                return True, self.result
            if self.key != key:
                self.key, self.result, self.done = key, None, threading.Event()
                done, store = self.done, self.store

                def work():
                    try:
                        result = stories(store)
                    except Exception as e:  # noqa: BLE001 - reported to the caller
                        result = e
                    with self.lock:
                        if self.done is done:
                            self.result = result
                    done.set()

                self.thread = threading.Thread(target=work, name="dateline-stories", daemon=True)
                self.thread.start()
            done = self.done
        if done.wait(wait):
            with self.lock:
                return True, self.result
        return False, None


@dataclass
class AppContext:
    """The state of one app: a read Store, its caches and the lock that serialises ingest."""

    store_path: Path
    store: Store
    read_only: bool
    counts: CountCache = field(init=False)
    stories: StoriesCache = field(init=False)
    ingest_lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self):
        self.counts = CountCache(self.store_path)
        self.stories = StoriesCache(self.store)


def get_ctx(request: Request) -> AppContext:
    return request.app.state.ctx


Ctx = Annotated[AppContext, Depends(get_ctx)]
