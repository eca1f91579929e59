"""The ingest job: the one orchestrator above the stages.

    inputs / Articles --build--> Article --analyse--> rows --check--> batch --commit--> store

Every way into a store goes through :class:`Job`: `dateline ingest` (:func:`ingest`),
``POST /api/articles`` and the Python API (:func:`add_articles`), and the local and Ray
runners (:func:`process` in their workers, :class:`Job` as their single committer). So
there is one summary type (:class:`Summary`), one dedup rule, one batch rule and one place
where a bad record is isolated:

- *Per-record isolation.* Any exception while building, analysing or checking the rows of
  one article (a lone surrogate that cannot be written, a MemoryError, a bug in a stage) is
  reported with the input and record number and a one-line reason; that record is skipped
  and the batch and the run go on. A failure of the store itself (disk full, another
  writer) stops the run: it is not one record's fault.
- *Batches.* Only one batch is held at a time, so memory does not grow with the number of
  inputs; each committed batch is final (store/write.py). Duplicates (same article id) are
  dropped before they are analysed when the job builds them itself.
- *Units* (runners): one input file; ``on_unit_done`` is called once all its records are
  committed (the runners write their done markers there).

Nothing below this module imports it: it uses the readers, ``build_article``,
``pipeline.analyse``, the store's row functions and ``stories.incremental``.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from dateline.errors import InputError
from dateline.model import Article

#: Failures that come from a bug or a missing component, not from the input: they are
#: reported and stored, but a later `dateline run` tries those records again.
RETRY_PREFIXES = ("analysis failed:", "cannot clean:")


# --------------------------------------------------------------------------------------
# The summary
# --------------------------------------------------------------------------------------
@dataclass
class UnitCounts:
    """What happened to the records of one input file (runners)."""

    records: int = 0
    ingested: int = 0
    duplicates: int = 0
    skipped: int = 0
    failed: int = 0
    to_retry: int = 0            # failures a later run tries again (RETRY_PREFIXES)
    events: int = 0
    resumed_past: int = 0        # records skipped because an earlier run stored them


@dataclass
class Summary:
    """What a job did: counts, and every failure, skip and warning with its source."""

    ingested: int = 0
    duplicates: int = 0
    new_versions: int = 0
    not_analysed: int = 0          # stored but not English: counted, not analysed
    events: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)   # not articles by design
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    duplicate_sources: list[tuple[str, str]] = field(default_factory=list)  # (source, existing id)
    units: int = 0                 # runners: input files given
    units_done_before: int = 0     # runners: skipped whole, finished by an earlier run
    finished: list[tuple[str, UnitCounts]] = field(default_factory=list)
    skipped_total: int = 0         # all skips; ``skipped`` lists the first MAX_LISTED
    skipped_kinds: Counter = field(default_factory=Counter)   # 'HTTP status 301' -> count

    @property
    def ok(self) -> bool:
        return not self.failed

    def add_skip(self, source: str, reason: str) -> None:
        """A crawl has millions of redirects: they are counted, the first ones listed."""
        self.skipped_total += 1
        self.skipped_kinds[skip_kind(reason)] += 1
        if len(self.skipped) < MAX_LISTED:
            self.skipped.append((source, reason))


#: How many skips and duplicates a Summary lists by name (all are counted; all skips are
#: in the failures table).
MAX_LISTED = 10_000


#: The runners' name for it, kept for their callers.
RunSummary = Summary


def skip_kind(reason: str) -> str:
    """'HTTP status 301' -> 'HTTP status 301', 'not HTML (content type image/png)' ->
    'not HTML', sizes -> 'over the size limit'."""
    if "limit" in reason:
        return "over the size limit"
    return reason.split(" (")[0]


def one_line(text: Any, most: int = 300) -> str:
    """An exception message as one short line, writable to Parquet and to a terminal."""
    from dateline.terminal import safe_text

    line = " ".join(safe_text(str(text)).split())
    line = line.encode("utf-8", "replace").decode("utf-8")
    return line if len(line) <= most else line[: most - 1] + "…"


def _why(error: BaseException) -> str:
    return one_line(f"{type(error).__name__}: {error}" if str(error) else type(error).__name__)


# --------------------------------------------------------------------------------------
# Per-article work (also what a runner's worker runs)
# --------------------------------------------------------------------------------------
def is_skip(item: Any) -> bool:
    """A record that is not an article by design (a WARC redirect, a hidden file)."""
    from dateline.ingest.readers import SkippedInput

    return isinstance(item, SkippedInput)


def error_result(error: InputError) -> dict[str, Any]:
    return {"source": error.source, "article": None, "events": [], "timexes": [],
            "error": one_line(error.reason, 1000), "skipped": is_skip(error)}


def build(item, published: str | None = None, url: str | None = None,
          not_articles: bool = True) -> tuple[Article | None, dict | None]:
    """(Article, None) or (None, error result) for one RawInput/InputError; never raises
    for one bad record (a MemoryError or a bug in the cleaner included). With
    ``not_articles`` an input that is no news article (a README, a tweet page, a
    "Loading..." shell: ingest/notarticle.py) is a skip with its reason."""
    from dateline.ingest.article import build_article
    from dateline.ingest.notarticle import article_reason
    from dateline.ingest.readers import SkippedInput

    if isinstance(item, InputError):
        return None, error_result(item)
    try:
        article = build_article(item, published=published, url=url)
        reason = article_reason(article) if not_articles else None
    except InputError as e:
        return None, error_result(e)
    except Exception as e:  # noqa: BLE001 - one bad record must not stop a batch
        return None, error_result(InputError(item.source, f"cannot clean: {_why(e)}"))
    if reason:
        return None, error_result(SkippedInput(item.source, reason))
    return article, None


def analyse_results(articles: list[Article], stages: list[str] | None = None,
                    keep_objects: bool = False, model: str | None = None) -> list[dict[str, Any]]:
    """One result per article, in order: store rows (batch left empty) or an error.

    The batch is analysed at once; when a stage raises, each article is analysed alone,
    so only the one that breaks a stage fails ("analysis failed: ..."). ``keep_objects``
    keeps the Article and its Events on the result (in-process jobs; not serialisable).
    """
    if not articles:
        return []
    try:
        return _analyse_rows(articles, stages, keep_objects, model)
    except Exception:  # noqa: BLE001 - isolate the article that breaks a stage
        out = []
        for article in articles:
            try:
                out += _analyse_rows([article], stages, keep_objects, model)
            except Exception as e:  # noqa: BLE001
                out.append(error_result(InputError(article.source, f"analysis failed: {_why(e)}")))
        return out


def _analyse_rows(articles: list[Article], stages: list[str] | None,
                  keep_objects: bool, model: str | None = None) -> list[dict[str, Any]]:
    from dateline.pipeline import analyse
    from dateline.store.schema import event_row, timex_row

    out = []
    for document in analyse(articles, stages=stages, model=model):
        a = document.article
        result = {"source": a.source, "article": a.to_row(), "error": None, "skipped": False,
                  "events": [event_row(e, "") for e in document.events],
                  "timexes": [timex_row(a.id, t, "") for t in document.timexes]}
        if keep_objects:
            result["objects"] = (a, document.events)
        out.append(result)
    if len(out) != len(articles):
        raise RuntimeError("analyse() did not return one document per article")
    return out


def process(items: list, stages: list[str] | None = None) -> list[dict[str, Any]]:
    """A runner worker's entry point: RawInputs/InputErrors -> one plain result per item,
    in order (build, then analyse the built ones together)."""
    results: list[dict[str, Any] | None] = []
    built: list[tuple[int, Article]] = []
    for item in items:
        article, error = build(item)
        if error is not None:
            results.append(error)
        else:
            from dateline.ingest.warc import apply_record_metadata

            results.append(None)
            built.append((len(results) - 1, apply_record_metadata(article, item)))
    for (index, _), result in zip(built, analyse_results([a for _, a in built], stages)):
        results[index] = result
    return results  # type: ignore[return-value]


def check_rows(result: dict[str, Any]) -> dict[str, Any]:
    """The result, or an error result when its rows cannot be written (a lone surrogate,
    a value of the wrong type): found here, per article, not when the batch is written."""
    import pyarrow as pa

    from dateline.store.schema import TABLES

    try:
        pa.Table.from_pylist([result["article"]], schema=TABLES["articles"])
        if result["events"]:
            pa.Table.from_pylist(result["events"], schema=TABLES["events"])
        if result["timexes"]:
            pa.Table.from_pylist(result["timexes"], schema=TABLES["timexes"])
    except Exception as e:  # noqa: BLE001
        return error_result(InputError(result["source"], f"cannot store: {_why(e)}"))
    return result


# --------------------------------------------------------------------------------------
# The job
# --------------------------------------------------------------------------------------
ProgressFn = Callable[[str, int], None]


class Job:
    """Open a store for writing, add inputs, Articles or analysed results; commit batches.

    Use as a context manager (it holds the store's writer lock); leaving the block commits
    what is pending. ``summary`` says what happened.
    """

    def __init__(self, store: Path | str, *, batch_size: int = 32, stages: list[str] | None = None,
                 on_progress: ProgressFn | None = None,
                 on_unit_done: Callable[[str, UnitCounts], None] | None = None):
        self.store = Path(store)
        self.batch_size = batch_size
        self.stages = stages
        self.summary = Summary()
        self.progress = on_progress or (lambda what, n=1: None)
        self.on_unit_done = on_unit_done
        self._writer = None
        self._known: set[str] = set()
        self._by_url: dict[str, str] = {}
        self._pending: list[tuple[str | None, Article]] = []   # built, not analysed yet
        self._rows: dict[str, list] = {"articles": [], "events": [], "timexes": [], "failures": []}
        self._objects: dict[str, tuple[Article, list]] = {}     # article id -> (Article, events)
        self._counts: dict[str, UnitCounts] = {}
        self._waiting: list[str] = []        # units whose last record is in the pending batch
        self._flushing = False

    # ------------------------------------------------------------ lifetime
    def __enter__(self) -> "Job":
        from dateline.store.write import StoreWriter

        self._writer = StoreWriter(self.store)
        self._writer.__enter__()
        self._known, self._by_url = self._writer.known_articles()
        return self

    def __exit__(self, *exc) -> None:
        try:
            if exc[0] is None:
                self.flush()
        finally:
            self._writer.__exit__(*exc)

    # ------------------------------------------------------------ adding
    def add_inputs(self, paths: Iterable[str], *, stdin=None, published: str | None = None,
                   url: str | None = None, follow_links: bool = False) -> None:
        """Read, build and add every input under ``paths`` (the readers' order)."""
        from dateline.ingest.readers import iter_inputs

        for item in iter_inputs(paths, stdin=stdin, follow_links=follow_links):
            self.add_item(item, published=published, url=url)

    def add_item(self, item, *, published: str | None = None, url: str | None = None,
                 unit: str | None = None) -> None:
        """One RawInput or InputError from a reader."""
        article, error = build(item, published=published, url=url)
        self.progress("read", 1)
        if error is not None:
            self.add_result(error, unit)
        else:
            self.add_article(article, unit)

    def add_article(self, article: Article, unit: str | None = None) -> None:
        """A built Article: dropped here if the store has it, else analysed with its batch."""
        if article.id in self._known:
            if unit is not None:
                self.counts(unit).records += 1
            self._count_duplicate(article.source, article.id, unit)
            return
        self._remember(article.id, article.url)
        for w in article.warnings:
            self.summary.warnings.append((article.source, w))
        self._pending.append((unit, article))
        self._maybe_flush()

    def add_result(self, result: dict[str, Any], unit: str | None = None) -> None:
        """An analysed result (a runner worker's) or an error result."""
        counts = self.counts(unit) if unit is not None else UnitCounts()
        counts.records += 1
        if result.get("error") is None:
            result = check_rows(result)
        if result.get("error") is not None:
            self._add_error(result, counts)
        else:
            row = result["article"]
            if "objects" not in result and row["id"] in self._known:
                self._count_duplicate(result["source"], row["id"], unit)
                return
            if "objects" not in result:      # from a worker: not seen by add_article (its
                self._remember(row["id"], row.get("url"))    # warnings stay on the stored row)
            if row.get("language") not in (None, "en"):
                self.summary.not_analysed += 1
            counts.ingested += 1
            counts.events += len(result["events"])
            self._rows["articles"].append(row)
            self._rows["events"] += result["events"]
            self._rows["timexes"] += result["timexes"]
            if "objects" in result:
                self._objects[row["id"]] = result["objects"]
        self._maybe_flush()

    def unit_finished(self, unit: str) -> None:
        """All records of ``unit`` were added: reported done once they are committed."""
        self._waiting.append(unit)
        if not self._pending and not any(self._rows.values()):
            self._finish_waiting()

    def counts(self, unit: str) -> UnitCounts:
        return self._counts.setdefault(unit, UnitCounts())

    # ------------------------------------------------------------ committing
    def flush(self) -> None:
        """Analyse what is pending and commit everything as one batch."""
        from dateline.store.write import commit_batch, new_batch_id

        self._analyse_pending()
        if any(self._rows.values()):
            batch = new_batch_id()
            now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")
            for row in self._rows["articles"]:
                row["ingested_at"] = now
            for table in ("events", "timexes", "failures"):
                for row in self._rows[table]:
                    row["batch"] = batch
            stored = len(self._rows["articles"])
            commit_batch(self.store, batch, {**self._rows, **self._cluster_tables(batch)})
            self._after_commit(batch)
            self.summary.ingested += stored
            self.summary.events += len(self._rows["events"])
            self._rows = {"articles": [], "events": [], "timexes": [], "failures": []}
            self._objects = {}
            self.progress("stored", stored)
        self._finish_waiting()

    def _maybe_flush(self) -> None:
        if self._flushing:         # results of the batch being analysed join that batch
            return
        if (len(self._pending) + len(self._rows["articles"]) >= self.batch_size
                or len(self._rows["failures"]) >= 50 * self.batch_size):
            self.flush()

    def _analyse_pending(self) -> None:
        if not self._pending:
            return
        pending, self._pending = self._pending, []
        results = analyse_results([a for _, a in pending], self.stages, keep_objects=True)
        self._flushing = True
        try:
            for (unit, _), result in zip(pending, results):
                self.add_result(result, unit)
        finally:
            self._flushing = False

    def _add_error(self, result: dict[str, Any], counts: UnitCounts) -> None:
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        source, reason = one_line(result["source"], 2000), result["error"]
        self._rows["failures"].append({"source": source, "reason": reason, "at": now})
        if result.get("skipped"):
            counts.skipped += 1
            self.summary.add_skip(source, reason)
        else:
            counts.failed += 1
            counts.to_retry += reason.startswith(RETRY_PREFIXES)
            self.summary.failed.append((source, reason))

    def _count_duplicate(self, source: str, article_id: str, unit: str | None) -> None:
        if unit is not None:
            self.counts(unit).duplicates += 1
        self.summary.duplicates += 1
        if len(self.summary.duplicate_sources) < MAX_LISTED:
            self.summary.duplicate_sources.append((source, article_id))

    def _remember(self, article_id: str, url: str | None) -> None:
        if url and url in self._by_url:
            self.summary.new_versions += 1
        self._known.add(article_id)
        if url:
            self._by_url[url] = article_id

    def _cluster_tables(self, batch: str) -> dict[str, list]:
        """Rows of the cross-article event clusters for this batch (stories.incremental)."""
        if not self._rows["events"]:
            return {}
        from dateline.model import Article as _Article
        from dateline.store.schema import event_from_row
        from dateline.stories.incremental import cluster_rows

        events_of: dict[str, list] = {}
        for row in self._rows["events"]:
            events_of.setdefault(row["article_id"], []).append(row)
        analysed = []
        for row in self._rows["articles"]:
            if row["id"] in self._objects:
                analysed.append(self._objects[row["id"]])
            else:
                analysed.append((_Article.from_row(row),
                                 [event_from_row(r) for r in events_of.get(row["id"], [])]))
        return cluster_rows(self.store, batch, analysed)

    def _after_commit(self, batch: str) -> None:
        from dateline.stories.incremental import after_commit

        after_commit(self.store, batch)

    def _finish_waiting(self) -> None:
        for unit in self._waiting:
            counts = self._counts.pop(unit, UnitCounts())
            self.summary.finished.append((unit, counts))
            if self.on_unit_done:
                self.on_unit_done(unit, counts)
        self._waiting = []


# --------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------
def ingest(paths: Iterable[str], store: Path | str, *, published: str | None = None,
           url: str | None = None, batch_size: int = 32, stdin=None,
           on_progress: ProgressFn | None = None, stages: list[str] | None = None,
           follow_links: bool = False) -> Summary:
    """Ingest ``paths`` into ``store``. ``published``/``url`` override every input's own."""
    with Job(store, batch_size=batch_size, stages=stages, on_progress=on_progress) as job:
        job.add_inputs(paths, stdin=stdin, published=published, url=url, follow_links=follow_links)
    return job.summary


def add_articles(store: Path | str, articles: Iterable[Article], *, batch_size: int = 32,
                 stages: list[str] | None = None) -> Summary:
    """Store Articles (built by ``build_article`` or by hand) with their events."""
    with Job(store, batch_size=batch_size, stages=stages) as job:
        for article in articles:
            job.add_article(article)
    return job.summary


def extract_stream(stream, name: str, *, published: str | None = None, model: str | None = None,
                   stages: list[str] | None = None, batch_size: int = 16,
                   repeats: Counter | None = None,
                   on_error: Callable[[InputError], None] | None = None) -> Iterator[tuple[Article, list]]:
    """(Article, events) for each JSONL record of the binary ``stream``, nothing stored
    (`dateline extract`, the PLOVER evaluation).

    Streams: records are built with ``build_article`` and analysed ``batch_size`` at a
    time, and the good records before a bad one are yielded before its InputError is
    raised (a bad record stops a stateless command, after its predecessors' output). A
    line is read up to the record size limit and no further. A line identical to an
    earlier one is not analysed again (``repeats[name]`` counts them). ``published``
    dates the records that carry no date. With ``on_error`` a bad record is passed to it
    and skipped instead (the evaluation).
    """
    import hashlib

    from dateline import settings

    limit = settings.MAX_INPUT_BYTES * 2 + 64 * 1024     # a record's text, JSON-escaped
    seen: set[bytes] = set()
    pending: list[Article] = []

    def analysed() -> Iterator[tuple[Article, list]]:
        batch = list(pending)
        pending.clear()
        for result in analyse_results(batch, stages, keep_objects=True, model=model):
            if result["error"] is None:
                yield result["objects"]
            elif on_error is not None:
                on_error(InputError(result["source"], result["error"]))
            else:
                raise InputError(result["source"], result["error"])

    n = 0
    while True:
        try:
            line = stream.readline(limit + 1)
        except EOFError:
            yield from analysed()
            raise InputError(name, f"truncated after line {n}: the gzip stream ends early") from None
        if not line:
            break
        n += 1
        if len(line) > limit and not line.endswith(b"\n"):
            yield from analysed()
            raise InputError(f"{name}#{n}", f"line {n}: record is over the {limit:,}-byte limit "
                                            "(DATELINE_MAX_INPUT_BYTES)")
        if not line.strip():
            continue
        key = hashlib.sha1(line.strip()).digest()
        if key in seen:
            if repeats is not None:
                repeats[name] += 1
            continue
        seen.add(key)
        article, error = _record_article(line, name, n)
        if article is None and on_error is not None:
            on_error(error)
            continue
        if article is None:
            yield from analysed()
            raise error
        if article.published is None and published:
            _date_by_user(article, published)
        pending.append(article)
        if len(pending) >= batch_size:
            yield from analysed()
    yield from analysed()


def _record_article(line: bytes, name: str, n: int) -> tuple[Article | None, InputError | None]:
    """The Article of JSONL line ``n`` of ``name`` (built with ``build_article``), or the
    InputError saying what is wrong with it."""
    from dateline.ingest.readers import decode_noted, jsonl_record

    text, encoding, note = decode_noted(line)
    raw = (InputError(f"{name}#{n}", f"line {n} is binary data, not text") if text is None else
           jsonl_record(f"{name}#{n}", n, text, encoding, [note] if note else [],
                        body_keys=("text", "body", "html")))
    article = None
    if not isinstance(raw, InputError):
        raw.source = raw.fields.get("id") or raw.source
        raw.fields["origin"] = "jsonl"
        article, error = build(raw, not_articles=False)   # the user gave this text to code
        raw = InputError(error["source"], error["error"]) if error else raw
    return (article, None) if article is not None else (None, raw)


def _date_by_user(article: Article, published: str) -> None:
    """Date an undated record with the user's ``--published``."""
    article.published, article.published_source = published, "user"
    article.provenance["published"] = "user"
    article.warnings = [w for w in article.warnings if "no publication date" not in w]


__all__ = ["extract_stream", "Job", "Summary", "RunSummary", "UnitCounts", "ingest", "add_articles", "build",
           "analyse_results", "process", "check_rows", "error_result", "RETRY_PREFIXES"]
