"""The Python API's conveniences: one-off extraction, timelines and dyad series.

``dateline/__init__.py`` re-exports :func:`extract`; :func:`timeline` and :func:`dyad` are
:mod:`dateline.stories.tables`' (``store.timeline(...)``/``store.dyad(...)`` call them there). All return Arrow tables
(``.to_pandas()`` for a DataFrame):

* :func:`timeline` / :func:`dyad` count *happenings*: event clusters from
  :mod:`dateline.stories` (the same meeting told by five outlets is one row / counts once);
* :func:`event_timeline` / :func:`event_dyad` count *event mentions* straight from the
  events view with the filters of ``store.events()``
  (:func:`~dateline.store.read.event_filters`): fast on any store size, no deduplication.

See docs/python-api.md.
"""
from __future__ import annotations

from typing import Any

import pyarrow as pa

from dateline.errors import DatelineError

#: dyad/timeline bucket -> number of leading characters of an ISO date, and the shape of
#: that label. An event falls into a bucket when all the days of its date lie in it (SQL
#: ``date_period``, dateline.store.read.DATE_MACROS: a week in one month counts in it).
INTERVALS = {"day": (10, r"^\d{4}-\d{2}-\d{2}"), "month": (7, r"^\d{4}-\d{2}"), "year": (4, r"^\d{4}")}

#: What did not happen is not counted in a dyad series unless asked for.
DEFAULT_DYAD_STATUS = "occurred,ongoing,planned"


def extract(text: str, published: str | None = None, title: str | None = None,
            url: str | None = None, stages: list[str] | None = None) -> list[dict[str, Any]]:
    """Events in one text, as PLOVER-style records (the `dateline export events` shape).

    Nothing is stored. ``published`` (YYYY-MM-DD) anchors relative dates ("on Monday");
    without it they stay unresolved. The text is cleaned and analysed exactly as
    `dateline ingest` does (same cleaning, same stages).
    """
    from dateline.events.record import event_record
    from dateline.ingest.readers import RawInput, normalise_record
    from dateline.job import analyse_results, build

    if not isinstance(text, str) or not text.strip():
        raise DatelineError("extract() needs a non-empty text")
    fields = {k: v for k, v in (("title", title), ("url", url)) if v}
    kind = "html" if text.lstrip()[:1] == "<" and "</" in text else "text"
    text, fields, fixed = normalise_record(text, fields)
    raw = RawInput(source="extract", kind=kind, content=text, fields=fields, warnings=fixed)
    if fields:
        raw.fields["origin"] = "python"
    article, error = build(raw, published=published, url=url)      # the ingest job's steps
    if error is not None:
        raise DatelineError(error["error"])
    if title:
        article.title = fields["title"]
    result = analyse_results([article], stages, keep_objects=True)[0]
    if result["error"] is not None:
        raise DatelineError(result["error"])
    analysed, events = result["objects"]
    return [event_record(e, analysed) for e in events]


def _interval(interval: str) -> tuple[int, str]:
    if interval not in INTERVALS:
        raise DatelineError(f"interval must be one of {', '.join(INTERVALS)}, not {interval!r}")
    return INTERVALS[interval]


def _code(value: str | None, what: str) -> str:
    import re

    code = (value or "").strip().upper()
    if not re.fullmatch(r"[A-Z0-9]{2,8}", code):
        raise DatelineError(f"{what} must be an actor code such as USA or IGO, not {value!r}")
    return code


def event_timeline(store, *, actor: str | None = None, recipient: str | None = None,
             type: str | None = None, quad: int | None = None, status: str | None = None,
             date_from: str | None = None, date_to: str | None = None, q: str | None = None,
             article_id: str | None = None, resolved_only: bool = False, interval: str = "day",
             limit: int | None = 1000, offset: int = 0) -> pa.Table:
    """Dated events matching the filters, oldest first, with the bucket each falls in.

    Columns: period (the date cut to ``interval``), date, date_precision, date_text, event,
    quad_code, status, actor_codes, recipient_codes, event_text, id, article_id,
    article_title, article_url. Events whose date is coarser than ``interval`` (a month,
    when days are asked for) come after the dated ones of their period, with period cut to
    what they have (a week that spans two months: the week). ``resolved_only``: leave out events with an actor or recipient coded
    ``---`` (named in the text, not placed), as in ``store.events``.
    """
    from dateline.store.read import event_filters

    width, _ = _interval(interval)
    where, params = event_filters(actor=actor, recipient=recipient, type=type, quad=quad,
                                  status=status, date_from=date_from, date_to=date_to,
                                  article_id=article_id, q=q, resolved_only=resolved_only)
    page = ""
    if limit is not None:
        page += f" LIMIT {int(limit)}"
    if offset:
        page += f" OFFSET {int(offset)}"
    return store.sql(
        f"SELECT coalesce(date_period(e.date, {width}), CASE WHEN length(e.date) = 8 THEN e.date "
        f"ELSE substr(e.date, 1, {width}) END) AS period, e.date, e.date_precision, e.date_text, "
        "e.event, e.quad_code, e.status, e.actor_codes, e.recipient_codes, e.event_text, "
        "e.id, e.article_id, a.title AS article_title, a.url AS article_url "
        "FROM events e JOIN articles a ON a.id = e.article_id "
        f"WHERE {' AND '.join(where)} AND e.date IS NOT NULL "
        "ORDER BY date_first_day(e.date), e.date, e.article_id, e.start, e.id" + page, params)


def event_dyad(store, a: str, b: str, *, interval: str = "month", both: bool = True,
         type: str | None = None, status: str | None = DEFAULT_DYAD_STATUS,
         date_from: str | None = None, date_to: str | None = None) -> pa.Table:
    """Events between two actors per period and quad class (long format).

    Columns: period, direction ("a->b": ``a`` among the actors and ``b`` among the
    recipients; "b->a" the reverse, only when ``both``), quad_code, events (count),
    intensity (mean). Periods with no events are absent. Only events whose date is at least
    as precise as ``interval`` are counted; negated and hypothetical events are left out
    unless ``status`` says otherwise (status=None counts every status).
    """
    from dateline.store.read import event_filters

    a_code, b_code = _code(a, "a"), _code(b, "b")
    width, _ = _interval(interval)
    where, params = event_filters(type=type, status=status, date_from=date_from, date_to=date_to)
    forward = "(list_contains(e.actor_codes, ?) AND list_contains(e.recipient_codes, ?))"
    backward = "(list_contains(e.actor_codes, ?) AND list_contains(e.recipient_codes, ?))"
    if both:
        pair = f"({forward} OR {backward})"
        pair_params = [a_code, b_code, b_code, a_code]
    else:
        pair, pair_params = forward, [a_code, b_code]
    direction = ("CASE WHEN list_contains(e.actor_codes, ?) AND list_contains(e.recipient_codes, ?) "
                 "THEN 'a->b' ELSE 'b->a' END")
    return store.sql(
        f"SELECT date_period(e.date, {width}) AS period, {direction} AS direction, "
        "e.quad_code, count(*) AS events, round(avg(e.intensity), 2) AS intensity "
        f"FROM events e WHERE {' AND '.join(where)} AND {pair} "
        f"AND date_period(e.date, {width}) IS NOT NULL "
        "GROUP BY ALL ORDER BY period, direction, e.quad_code",
        [a_code, b_code] + params + pair_params)


def event_dyad_imprecise(store, a: str, b: str, *, interval: str = "month", both: bool = True,
                   type: str | None = None, status: str | None = DEFAULT_DYAD_STATUS,
                   date_from: str | None = None, date_to: str | None = None) -> int:
    """How many events of :func:`event_dyad` left out because their date is too coarse."""
    from dateline.store.read import event_filters

    a_code, b_code = _code(a, "a"), _code(b, "b")
    width, _ = _interval(interval)
    where, params = event_filters(type=type, status=status, date_from=date_from, date_to=date_to)
    pair = ("((list_contains(e.actor_codes, ?) AND list_contains(e.recipient_codes, ?))"
            + (" OR (list_contains(e.actor_codes, ?) AND list_contains(e.recipient_codes, ?)))"
               if both else ")"))
    pair_params = [a_code, b_code] + ([b_code, a_code] if both else [])
    rows = store.sql(
        f"SELECT count(*) AS n FROM events e WHERE {' AND '.join(where)} AND {pair} "
        f"AND date_period(e.date, {width}) IS NULL", params + pair_params).to_pylist()
    return int(rows[0]["n"])


# Timelines and dyads of happenings (event clusters) as Arrow tables: built in
# dateline.stories.tables (Store.timeline/dyad use them there too), re-exported here.
from dateline.stories.tables import dyad, timeline  # noqa: E402


__all__ = ["extract", "timeline", "dyad", "event_timeline", "event_dyad", "event_dyad_imprecise",
           "INTERVALS"]
