"""The local engine: all cores of one machine, one worker process per core.

The driver reads the inputs (FastWARC is fast; reading is a small share of the work), sends
chunks of records to a pool of worker processes and commits their rows in input order.
Each worker loads the spaCy model once. At most ``2 x workers`` chunks are in flight, so
memory stays bounded whatever the input size: the driver never holds more than the chunks
in flight plus one store batch.
"""
from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Callable

from dateline import settings
from dateline.errors import DatelineError, InputError
from dateline.runners.work import (Committer, RunSummary, UnitCounts, check_stages, chunks, error_result,
                                   process, read_unit, warm_up)


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def run_local(units: list[str], store: Path, *, workers: int | None = None,
              stages: list[str] | None = None, batch_size: int = 256, chunk_size: int = 32,
              on_progress: Callable[[int], None] | None = None,
              on_unit_done: Callable[[str, UnitCounts], None] | None = None) -> RunSummary:
    """Process ``units`` into ``store`` with ``workers`` processes (0: in this process).

    Workers are spawned (not forked), so a script calling this needs the usual
    ``if __name__ == "__main__":`` guard.
    """
    workers = default_workers() if workers is None else workers
    stages = check_stages(stages)
    progress = on_progress or (lambda n: None)
    with Committer(store, batch_size=batch_size, on_unit_done=on_unit_done) as committer:
        todo, resume = committer.pending_units(units)

        def tagged():
            """(unit, item) for every record, then (unit, None) when a unit ends."""
            for unit in todo:
                done_sources = resume.get(unit, set())
                committer.counts(unit).resumed_past = len(done_sources)
                for item in read_unit(unit, done_sources):
                    yield unit, item
                yield unit, None

        def work_chunks():
            for chunk in chunks(tagged(), chunk_size):
                yield [u for u, _ in chunk], [i for _, i in chunk]

        def handle(units_of: list[str], items: list, results: list[dict]) -> None:
            it = iter(results)
            for unit, item in zip(units_of, items):
                if item is None:
                    committer.unit_finished(unit)
                elif isinstance(item, InputError):   # read errors never travel to workers
                    committer.add(unit, error_result(item))
                else:
                    committer.add(unit, next(it))
            progress(sum(1 for i in items if i is not None))

        if workers == 0:
            warm_up(stages)
            for units_of, items in work_chunks():
                handle(units_of, items, process(_records(items), stages))
            return committer.summary

        ctx = multiprocessing.get_context("spawn")   # no forked copies of driver state
        try:
            with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=warm_up,
                                     initargs=(stages, settings.current().to_dict())) as pool:
                in_flight: deque[tuple[list[str], list, Future]] = deque()
                for units_of, items in work_chunks():
                    in_flight.append((units_of, items, pool.submit(process, _records(items), stages)))
                    while len(in_flight) >= 2 * workers:
                        u, i, f = in_flight.popleft()
                        handle(u, i, f.result())
                while in_flight:
                    u, i, f = in_flight.popleft()
                    handle(u, i, f.result())
        except BrokenProcessPool:
            raise DatelineError("a worker process died (killed, or out of memory); what was stored "
                                "is kept: run the same command again to finish") from None
    return committer.summary


def _records(items: list) -> list:
    """The RawInputs of a chunk: what a worker has to clean and analyse."""
    return [i for i in items if i is not None and not isinstance(i, InputError)]
