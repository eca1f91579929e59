"""What both engines share: units of work, the worker-side analysis, and the committer.

The split of work, whatever the engine:

- *Units.* One input file is one unit (a WARC or JSONL file holds many records; a directory
  is expanded into its files). A unit is finished when the batch holding its last record
  has committed; then a done marker ``STORE/.runs/done/<hash>.json`` records the file's
  size, mtime and counts, and a re-run skips the unit.
- *Workers* (processes or Ray actors) turn records into plain rows with the ingest job's
  own per-article function, :func:`dateline.job.process` (build the Article, analyse the
  chunk, isolate the record that fails). No spaCy object leaves a worker.
- *One committer* (the driver), :class:`Committer`, is the ingest job
  (:class:`dateline.job.Job`) plus done markers: same dedup, same batches (articles part
  last), same summary. It holds the store's writer lock for the whole run.

Resuming after a kill: committed batches are final; orphan parts are removed when the next
writer starts; records whose ``source`` is already in the articles or failures table are
skipped before they are read (WARC) or cleaned (other inputs); duplicates by article id are
dropped. So a re-run finishes the job with nothing lost and nothing doubled.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from dateline.errors import DatelineError
from dateline.job import (RETRY_PREFIXES, Job, RunSummary, Summary, UnitCounts, error_result,  # noqa: F401
                          process, skip_kind)

DONE_DIR = Path(".runs") / "done"


# --------------------------------------------------------------------------------------
# Units
# --------------------------------------------------------------------------------------
def list_units(paths: Iterable[str], follow_links: bool = False,
               problems: list | None = None) -> list[str]:
    """The files under ``paths`` in the order `dateline ingest` reads them. What a folder
    walk leaves out (special files, links out of the folder...) goes to ``problems``."""
    from dateline.ingest.readers import walk

    units: list[str] = []
    for p in paths:
        if p == "-":
            raise DatelineError("`dateline run` reads files, not standard input; use `dateline ingest -`")
        path = Path(p)
        if path.is_dir():
            for item in walk(path, follow_links=follow_links):
                if isinstance(item, Path):
                    units.append(str(item))
                elif problems is not None:
                    problems.append(item)
        elif path.exists():
            units.append(str(path))
        else:
            raise DatelineError(f"{p}: no such file or directory")
    return units


def _marker(store: Path, unit: str) -> Path:
    return store / DONE_DIR / (hashlib.sha1(unit.encode("utf-8")).hexdigest()[:20] + ".json")


def _fingerprint(unit: str) -> dict[str, int]:
    st = os.stat(unit)
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


def is_done(store: Path, unit: str) -> bool:
    """True when a finished run recorded this unit and the file has not changed since."""
    try:
        marker = json.loads(_marker(store, unit).read_text("utf-8"))
        return marker.get("unit") == unit and {k: marker.get(k) for k in ("size", "mtime_ns")} == _fingerprint(unit)
    except (OSError, ValueError):
        return False


def mark_done(store: Path, unit: str, counts: dict[str, Any]) -> None:
    folder = store / DONE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    record = {"unit": unit, **_fingerprint(unit), **counts,
              "finished_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
    final = _marker(store, unit)
    tmp = final.with_suffix(".tmp")
    tmp.write_text(json.dumps(record, sort_keys=True), "utf-8")
    os.replace(tmp, final)


def unit_of(source: str) -> str:
    """The file a source belongs to: ``PATH#N`` -> ``PATH``."""
    head, sep, tail = source.rpartition("#")
    return head if sep and tail.isdigit() else source


def committed_sources(store: Path, units: Iterable[str]) -> dict[str, set[str]]:
    """unit -> sources already in the articles or failures table (for resuming)."""
    import pyarrow.parquet as pq

    wanted = set(units)
    found: dict[str, set[str]] = {}
    for table in ("articles", "failures"):
        folder = store / table
        if not folder.is_dir():
            continue
        for part in sorted(folder.glob("part-*.parquet")):
            columns = ["source", "reason"] if table == "failures" else ["source"]
            t = pq.read_table(part, columns=columns)
            reasons = t.column("reason").to_pylist() if table == "failures" else [None] * t.num_rows
            for source, reason in zip(t.column("source").to_pylist(), reasons):
                if source is None or (reason and reason.startswith(RETRY_PREFIXES)):
                    continue
                unit = unit_of(source)
                if unit in wanted:
                    found.setdefault(unit, set()).add(source)
    return found


def read_unit(unit: str, done_sources: set[str] | frozenset = frozenset()) -> Iterator:
    """RawInputs and InputErrors of one unit, without the sources that already landed."""
    from dateline.ingest.readers import iter_inputs, kind_of

    if kind_of(Path(unit)) == "warc":
        from dateline.ingest.warc import iter_warc

        yield from iter_warc(unit, skip=done_sources.__contains__ if done_sources else None)
        return
    for item in iter_inputs([unit]):
        if item.source not in done_sources:
            yield item


# --------------------------------------------------------------------------------------
# Worker side
# --------------------------------------------------------------------------------------
def check_stages(stages: list[str] | None) -> list[str]:
    """The stage list, resolved and imported here first: a typo or a missing module is one
    clear error before any worker starts, not a failure per article."""
    from dateline import pipeline

    names = list(pipeline.DEFAULT_STAGES if stages is None else stages)
    for name in names:
        try:
            pipeline.get_stage(name)
        except KeyError:
            raise DatelineError(f"unknown stage {name!r} (DATELINE_STAGES); known: "
                                f"{', '.join(sorted(pipeline._REGISTRY))}") from None
        except ImportError as e:
            raise DatelineError(f"stage {name!r} cannot be loaded: {e}") from None
    return names


def warm_up(stages: list[str] | None, config: dict[str, Any] | None = None) -> None:
    """Load the spaCy model and the stage functions once per worker; ``config`` (the driver's
    Config as a dict) becomes the worker's Config."""
    from dateline import nlp, pipeline, settings

    if config is not None:
        settings.use(settings.Config.from_dict(config))
    nlp.load()
    for name in pipeline.DEFAULT_STAGES if stages is None else stages:
        pipeline.get_stage(name)


def chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# --------------------------------------------------------------------------------------
# Committer (driver side)
# --------------------------------------------------------------------------------------
class Committer(Job):
    """The ingest job as the runners' single committer: it adds their workers' results and
    writes a done marker for each unit once its records are committed. Holds the lock."""

    def __init__(self, store: Path, batch_size: int = 256,
                 on_unit_done: Callable[[str, UnitCounts], None] | None = None):
        self._user_unit_done = on_unit_done
        super().__init__(store, batch_size=batch_size, on_unit_done=self._unit_done)

    def _unit_done(self, unit: str, counts: UnitCounts) -> None:
        if not counts.to_retry:      # else a later run retries the failed records
            mark_done(self.store, unit, counts.__dict__)
        if self._user_unit_done:
            self._user_unit_done(unit, counts)

    def pending_units(self, units: list[str]) -> tuple[list[str], dict[str, set[str]]]:
        """Units still to do, and for each the sources an interrupted run already stored."""
        todo = [u for u in units if not is_done(self.store, u)]
        self.summary.units = len(units)
        self.summary.units_done_before = len(units) - len(todo)
        return todo, committed_sources(self.store, todo)

    def add(self, unit: str, result: dict[str, Any]) -> None:
        self.add_result(result, unit)
