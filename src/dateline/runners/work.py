"""What both engines share: units of work, the worker-side analysis, and the committer.

The split of work, whatever the engine:

- *Units.* One input file is one unit (a WARC or JSONL file holds many records; a directory
  is expanded into its files). A unit is finished when the batch holding its last record
  has committed; then a done marker ``STORE/.runs/done/<hash>.json`` records the file's
  size, mtime and counts, and a re-run skips the unit.
- *Workers* (processes or Ray actors) turn records into plain rows: build the Article,
  run :func:`dateline.pipeline.analyse` (nlp.pipe, batched) and convert the results with
  the store's own row functions. No spaCy object leaves a worker.
- *One committer* (the driver) deduplicates by article id, writes batches with
  :func:`dateline.store.write.commit_batch` (articles part last) and writes done markers.
  It holds the store's writer lock for the whole run.

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
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from dateline.errors import DatelineError, InputError

DONE_DIR = Path(".runs") / "done"
#: Failures that come from a bug or a missing component, not from the input: they are
#: reported and stored, but a later run tries those records again.
RETRY_PREFIXES = ("analysis failed:", "cannot clean:")


# --------------------------------------------------------------------------------------
# Units
# --------------------------------------------------------------------------------------
def list_units(paths: Iterable[str]) -> list[str]:
    """The files under ``paths`` in the order `dateline ingest` reads them."""
    units: list[str] = []
    for p in paths:
        if p == "-":
            raise DatelineError("`dateline run` reads files, not standard input; use `dateline ingest -`")
        path = Path(p)
        if path.is_dir():
            units += [str(f) for f in sorted(path.rglob("*")) if f.is_file() and not f.name.startswith(".")]
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


def error_result(error: InputError) -> dict[str, Any]:
    from dateline.ingest.warc import SkippedRecord

    return {"source": error.source, "article": None, "events": [], "timexes": [],
            "error": error.reason, "skipped": isinstance(error, SkippedRecord)}


def build(item) -> tuple[Any, dict[str, Any] | None]:
    """(Article, None) or (None, error result) for one RawInput/InputError."""
    from dateline.ingest.article import build_article
    from dateline.ingest.warc import apply_record_metadata

    if isinstance(item, InputError):
        return None, error_result(item)
    try:
        article = build_article(item)
        return apply_record_metadata(article, item), None
    except InputError as e:
        return None, error_result(e)
    except Exception as e:  # noqa: BLE001 - one bad page must not stop a backfill
        return None, error_result(InputError(item.source, f"cannot clean: {type(e).__name__}: {e}"))


def process(items: list, stages: list[str] | None = None) -> list[dict[str, Any]]:
    """Worker entry point: RawInputs/InputErrors -> one plain result dict per item, in order.

    A result holds ``article`` (the store row, or None), ``events`` and ``timexes`` (store
    rows with an empty batch, filled in by the committer), ``error`` and ``skipped``.
    """
    results: list[dict[str, Any]] = []
    articles = []
    for item in items:
        article, error = build(item)
        if error is not None:
            results.append(error)
        else:
            results.append({"source": article.source})
            articles.append((len(results) - 1, article))
    try:
        analysed = _analyse_rows([a for _, a in articles], stages)
    except Exception:  # noqa: BLE001 - isolate the article that breaks a stage
        analysed = []
        for _, article in articles:
            try:
                analysed += _analyse_rows([article], stages)
            except Exception as e:  # noqa: BLE001
                analysed.append(error_result(InputError(
                    article.source, f"analysis failed: {type(e).__name__}: {e}")))
    for (index, _), result in zip(articles, analysed):
        results[index] = result
    return results


def _analyse_rows(articles: list, stages: list[str] | None) -> list[dict[str, Any]]:
    from dateline.pipeline import analyse
    from dateline.store.schema import event_row, timex_row

    out = []
    for document in analyse(articles, stages=stages):
        a = document.article
        out.append({"source": a.source, "article": a.to_row(), "error": None, "skipped": False,
                    "events": [event_row(e, "") for e in document.events],
                    "timexes": [timex_row(a.id, t, "") for t in document.timexes]})
    if len(out) != len(articles):
        raise RuntimeError("analyse() did not return one document per article")
    return out


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
@dataclass
class UnitCounts:
    records: int = 0
    ingested: int = 0
    duplicates: int = 0
    skipped: int = 0
    failed: int = 0
    to_retry: int = 0            # failures a later run tries again (RETRY_PREFIXES)
    events: int = 0
    resumed_past: int = 0        # records skipped because an earlier run stored them


@dataclass
class RunSummary:
    units: int = 0
    units_done_before: int = 0   # skipped whole: finished by an earlier run
    ingested: int = 0
    duplicates: int = 0
    new_versions: int = 0
    not_analysed: int = 0
    events: int = 0
    skipped: Counter = field(default_factory=Counter)            # reason kind -> count
    failed: list[tuple[str, str]] = field(default_factory=list)
    finished: list[tuple[str, UnitCounts]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def skip_kind(reason: str) -> str:
    """Group skip reasons for the summary: 'HTTP status 301' -> 'HTTP status 301',
    'not HTML (content type image/png)' -> 'not HTML', sizes -> 'over the size limit'."""
    if "limit" in reason:
        return "over the size limit"
    return reason.split(" (")[0]


class Committer:
    """Dedups results, commits them in batches, and marks units done. Holds the lock."""

    def __init__(self, store: Path, batch_size: int = 256,
                 on_unit_done: Callable[[str, UnitCounts], None] | None = None):
        from dateline.store.write import StoreWriter

        self.store = Path(store)
        self.batch_size = batch_size
        self.summary = RunSummary()
        self.on_unit_done = on_unit_done
        self._writer = StoreWriter(self.store)
        self._known: set[str] = set()
        self._by_url: dict[str, str] = {}
        self._rows: dict[str, list] = {"articles": [], "events": [], "timexes": [], "failures": []}
        self._counts: dict[str, UnitCounts] = {}
        self._waiting: list[str] = []        # units whose last record is in the pending batch

    def __enter__(self) -> "Committer":
        self._writer.__enter__()
        self._known, self._by_url = self._writer.known_articles()
        return self

    def __exit__(self, *exc) -> None:
        try:
            if exc[0] is None:
                self.flush()
        finally:
            self._writer.__exit__(*exc)

    def pending_units(self, units: list[str]) -> tuple[list[str], dict[str, set[str]]]:
        """Units still to do, and for each the sources an interrupted run already stored."""
        todo = [u for u in units if not is_done(self.store, u)]
        self.summary.units = len(units)
        self.summary.units_done_before = len(units) - len(todo)
        return todo, committed_sources(self.store, todo)

    def counts(self, unit: str) -> UnitCounts:
        return self._counts.setdefault(unit, UnitCounts())

    def add(self, unit: str, result: dict[str, Any]) -> None:
        counts = self.counts(unit)
        counts.records += 1
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        if result.get("error") is not None:
            self._rows["failures"].append({"source": result["source"], "reason": result["error"], "at": now})
            if result.get("skipped"):
                counts.skipped += 1
                self.summary.skipped[skip_kind(result["error"])] += 1
            else:
                counts.failed += 1
                counts.to_retry += result["error"].startswith(RETRY_PREFIXES)
                self.summary.failed.append((result["source"], result["error"]))
        else:
            row = result["article"]
            if row["id"] in self._known:
                counts.duplicates += 1
                self.summary.duplicates += 1
                return
            if row.get("url") and row["url"] in self._by_url:
                self.summary.new_versions += 1
            self._known.add(row["id"])
            if row.get("url"):
                self._by_url[row["url"]] = row["id"]
            if row.get("language") not in (None, "en"):
                self.summary.not_analysed += 1
            counts.ingested += 1
            counts.events += len(result["events"])
            self._rows["articles"].append(row)
            self._rows["events"] += result["events"]
            self._rows["timexes"] += result["timexes"]
        if len(self._rows["articles"]) >= self.batch_size or len(self._rows["failures"]) >= 50 * self.batch_size:
            self.flush()

    def unit_finished(self, unit: str) -> None:
        """All records of ``unit`` were added: done once they are committed."""
        self._waiting.append(unit)
        if not any(self._rows.values()):
            self._mark_waiting()

    def flush(self) -> None:
        from dateline.store.write import commit_batch, new_batch_id

        if any(self._rows.values()):
            batch = new_batch_id()
            now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")
            for row in self._rows["articles"]:
                row["ingested_at"] = now
            for table in ("events", "timexes", "failures"):
                for row in self._rows[table]:
                    row["batch"] = batch
            commit_batch(self.store, batch, {**self._rows, **self._cluster_tables(batch)})
            self._after_commit(batch)
            self.summary.ingested += len(self._rows["articles"])
            self.summary.events += len(self._rows["events"])
            self._rows = {"articles": [], "events": [], "timexes": [], "failures": []}
        self._mark_waiting()

    def _cluster_tables(self, batch: str) -> dict[str, list]:
        """Cross-article event clusters for the batch, as `dateline ingest` writes them
        (stories.incremental), from the plain rows the workers sent."""
        if not self._rows["events"]:
            return {}
        try:
            from dateline.stories.incremental import cluster_rows
        except ImportError:
            return {}
        from dateline.model import Article
        from dateline.store.schema import event_from_row

        events_of: dict[str, list] = {}
        for row in self._rows["events"]:
            events_of.setdefault(row["article_id"], []).append(event_from_row(row))
        analysed = [(Article.from_row(row), events_of.get(row["id"], [])) for row in self._rows["articles"]]
        return cluster_rows(self.store, batch, analysed)

    def _after_commit(self, batch: str) -> None:
        """Add the committed batch to the writer's key lookup index, as the ingest job does."""
        try:
            from dateline.stories.incremental import after_commit
        except ImportError:
            return
        after_commit(self.store, batch)

    def _mark_waiting(self) -> None:
        for unit in self._waiting:
            counts = self._counts.pop(unit, UnitCounts())
            if not counts.to_retry:      # else a later run retries the failed records
                mark_done(self.store, unit, counts.__dict__)
            self.summary.finished.append((unit, counts))
            if self.on_unit_done:
                self.on_unit_done(unit, counts)
        self._waiting = []
