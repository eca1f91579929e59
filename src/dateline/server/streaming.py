"""CSV and JSONL downloads, streamed a page of rows at a time (any list view can offer them).

CSV cells are flat: a list of codes becomes ``USA;CHN``, a struct its JSON, so a
spreadsheet can filter on them.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterator

from fastapi.responses import StreamingResponse

EVENT_CSV_COLUMNS = ["id", "event", "mode", "quad_code", "intensity", "actor_codes",
                     "recipient_codes", "actor", "recipient", "date", "date_precision",
                     "date_text", "status", "event_loc", "event_text", "start", "end", "trigger",
                     "rule", "confidence", "cluster_id", "article_id", "article_title",
                     "article_url", "article_published"]
ARTICLE_CSV_COLUMNS = ["id", "source", "url", "title", "published", "published_source",
                       "language", "chars", "ingested_at"]


def csv_cell(value: Any) -> Any:
    """One CSV cell: lists of plain values joined with ';', structures as JSON."""
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) or v is None for v in value):
        return ";".join("" if v is None else str(v) for v in value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def rows_csv(rows: Iterator[dict[str, Any]], columns: list[str]) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: csv_cell(v) for k, v in r.items()})
        if buf.tell() > 65536:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def rows_jsonl(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    for r in rows:
        yield json.dumps(r, ensure_ascii=False, default=str) + "\n"


def paged(fetch, limit: int, offset: int, page: int = 5000) -> Iterator[dict[str, Any]]:
    """Rows ``offset`` .. ``offset + limit`` fetched a page at a time (downloads stream).

    The first page is fetched now, not when the response streams: a bad filter must become
    a 400, which it can no longer be once the response has started."""
    first = fetch(min(page, limit), offset)
    return _pages_from(fetch, limit, offset, page, first)


def _pages_from(fetch, limit: int, offset: int, page: int, rows: list) -> Iterator[dict[str, Any]]:
    done, asked = 0, min(page, limit)
    while True:
        yield from rows
        done += len(rows)
        if len(rows) < asked or done >= limit:
            return
        asked = min(page, limit - done)
        rows = fetch(asked, offset + done)


def download(rows, fmt: str, columns: list[str], name: str) -> StreamingResponse:
    """A streamed CSV or JSONL attachment of ``rows``."""
    rows = iter(rows)
    if fmt == "csv":
        return StreamingResponse(rows_csv(rows, columns), media_type="text/csv; charset=utf-8",
                                 headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    return StreamingResponse(rows_jsonl(rows), media_type="application/x-ndjson",
                             headers={"Content-Disposition": f'attachment; filename="{name}.jsonl"'})
