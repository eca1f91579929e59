"""The ingest job: read inputs, build articles, analyse them, commit them in batches.

Streams: only one batch of articles is held at a time, so memory does not grow with the
number of inputs. Each committed batch is final (see store/write.py); the summary counts
what landed, what was a duplicate, and what failed with its reason.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from dateline.errors import InputError
from dateline.ingest.article import build_article
from dateline.ingest.notarticle import article_reason
from dateline.ingest.readers import RawInput, iter_inputs
from dateline.model import Article
from dateline.store.schema import event_row, timex_row
from dateline.store.write import StoreWriter, commit_batch, new_batch_id


@dataclass
class Summary:
    ingested: int = 0
    duplicates: int = 0
    new_versions: int = 0
    not_analysed: int = 0          # stored but not English: counted, not analysed yet
    skipped: list[tuple[str, str]] = field(default_factory=list)  # not articles (WARC redirects, images)
    events: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    duplicate_sources: list[tuple[str, str]] = field(default_factory=list)  # (source, existing id)

    @property
    def ok(self) -> bool:
        return not self.failed


def ingest(paths: Iterable[str], store: Path, *, published: str | None = None,
           url: str | None = None, batch_size: int = 32, stdin=None,
           on_progress: Callable[[str, int], None] | None = None,
           stages: list[str] | None = None) -> Summary:
    """Ingest ``paths`` into ``store``. ``published``/``url`` override every input's own."""
    summary = Summary()
    progress = on_progress or (lambda what, n=1: None)
    with StoreWriter(store) as writer:
        known_ids, current_by_url = writer.known_articles()
        pending: list[Article] = []
        failures: list[dict] = []

        def flush() -> None:
            nonlocal pending, failures
            if pending or failures:
                _commit(store, pending, failures, summary, stages)
                progress("stored", len(pending))
            pending, failures = [], []

        for item in iter_inputs(paths, stdin=stdin):
            if _is_skip(item):
                summary.skipped.append((item.source, item.reason))
                progress("read", 1)
                continue
            if isinstance(item, InputError):
                _fail(summary, failures, item)
                progress("read", 1)
                continue
            try:
                article = build_article(item, published=published, url=url)
            except InputError as e:
                _fail(summary, failures, e)
                progress("read", 1)
                continue
            progress("read", 1)
            reason = article_reason(article)   # README, image result, tweet, "Loading..." page
            if reason:
                summary.skipped.append((article.source, reason))
                continue
            if article.id in known_ids:
                summary.duplicates += 1
                summary.duplicate_sources.append((article.source, article.id))
                continue
            if article.url and article.url in current_by_url:
                summary.new_versions += 1
            known_ids.add(article.id)
            if article.url:
                current_by_url[article.url] = article.id
            for w in article.warnings:
                summary.warnings.append((article.source, w))
            pending.append(article)
            if len(pending) >= batch_size:
                flush()
        flush()
    return summary


def _is_skip(item) -> bool:
    """A record that is not an article by design (a WARC redirect or image): counted as
    skipped, not as a failure."""
    try:
        from dateline.ingest.warc import SkippedRecord
    except ImportError:
        return False
    return isinstance(item, SkippedRecord)


def _fail(summary: Summary, failures: list[dict], error: InputError) -> None:
    summary.failed.append((error.source, error.reason))
    failures.append({"source": error.source, "reason": error.reason,
                     "at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")})


def _commit(store: Path, articles: list[Article], failures: list[dict], summary: Summary,
            stages: list[str] | None) -> None:
    from dateline.pipeline import analyse

    batch = new_batch_id()
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")
    article_rows, event_rows, timex_rows = [], [], []
    analysed = []  # (article, events) for the cross-article event clusters
    for document in analyse(articles, stages=stages):
        a = document.article
        a.ingested_at = now
        if a.language not in (None, "en"):
            summary.not_analysed += 1
        article_rows.append(a.to_row())
        event_rows += [event_row(e, batch) for e in document.events]
        timex_rows += [timex_row(a.id, t, batch) for t in document.timexes]
        analysed.append((a, document.events))
    for f in failures:
        f["batch"] = batch
    # cross-article event clusters: rows for event_keys / event_clusters (stories.incremental)
    from dateline.stories import incremental
    cluster_tables = incremental.cluster_rows(store, batch, analysed)
    commit_batch(store, batch, {"articles": article_rows, "events": event_rows,
                                "timexes": timex_rows, "failures": failures, **cluster_tables})
    incremental.after_commit(store, batch)
    summary.ingested += len(article_rows)
    summary.events += len(event_rows)


def count_inputs(paths: Iterable[str]) -> int | None:
    """Number of files under paths (for the progress bar), None when unknown (stdin)."""
    total = 0
    for p in paths:
        if p == "-":
            return None
        path = Path(p)
        if path.is_dir():
            total += sum(1 for f in path.rglob("*") if f.is_file() and not f.name.startswith("."))
        else:
            total += 1
    return total


__all__ = ["ingest", "Summary", "RawInput", "count_inputs"]
