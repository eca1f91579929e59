"""Timelines and dyads as chart-ready JSON: every period on the axis, counts per quad.

The work is in dateline.pyapi (event mentions) and dateline.stories (happenings = event
clusters); this module only shapes their answers for the page.
"""
from __future__ import annotations

from typing import Any

from dateline.store.read import Store
from dateline.server.params import clean as _clean
from dateline.validate import QUADS


def continuous_periods(periods: list[str], interval: str, most: int = 5000) -> list[str]:
    """Every period from the first to the last (so a chart's x axis is time, gaps included)."""
    import datetime as dt

    if len(periods) < 2:
        return periods
    first, last = periods[0], periods[-1]
    out: list[str] = []
    try:
        if interval == "year":
            out = [str(y) for y in range(int(first), int(last) + 1)]
        elif interval == "month":
            y, m = int(first[:4]), int(first[5:7])
            while f"{y:04d}-{m:02d}" <= last and len(out) <= most:
                out.append(f"{y:04d}-{m:02d}")
                y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        else:
            day, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
            while day <= end and len(out) <= most:
                out.append(day.isoformat())
                day += dt.timedelta(days=1)
    except ValueError:
        return periods
    if len(out) > most or not set(periods) <= set(out):
        return periods
    return out


def empty_series(periods: list[str]) -> dict[str, dict[str, list[int]]]:
    return {d: {str(q): [0] * len(periods) for q in QUADS} for d in ("a->b", "b->a")}


def event_timeline_json(store: Store, pyapi, filters: dict[str, Any], interval: str,
                        limit: int, offset: int) -> dict[str, Any]:
    """The unit=event timeline: event mentions from the events view (any store size).

    The chart counts only events dated at least as precisely as ``interval`` (a year-only
    date has no month: counting it as the period "2020" among "2020-03"... would mix units
    on one axis); how many were left out is said in a note."""
    from dateline.store.read import event_filters

    rows = pyapi.event_timeline(store, **filters, interval=interval, limit=limit, offset=offset).to_pylist()
    width, _ = pyapi.INTERVALS[interval]
    where, params = event_filters(**filters)
    # the period that holds all the days of the date (store.read.DATE_MACROS), else coarse
    counts = store.sql(
        f"SELECT date_period(e.date, {width}) AS period, e.quad_code, count(*) AS n FROM events e "
        f"WHERE {' AND '.join(where)} AND date_period(e.date, {width}) IS NOT NULL "
        f"GROUP BY ALL ORDER BY period, e.quad_code", params).to_pylist()
    coarse = store.sql(
        f"SELECT count(*) AS n FROM events e WHERE {' AND '.join(where)} AND e.date IS NOT NULL "
        f"AND date_period(e.date, {width}) IS NULL", params).to_pylist()[0]["n"]
    total = store.sql(
        f"SELECT count(*) AS n FROM events e WHERE {' AND '.join(where)} AND e.date IS NOT NULL",
        params).to_pylist()[0]["n"]
    periods = continuous_periods(sorted({c["period"] for c in counts}), interval)
    notes = ([f"{coarse} event mentions dated more coarsely than a {interval} are listed but "
              "not counted in the chart"] if coarse else [])
    return {"unit": "event", "interval": interval, "total": total,
            "offset": offset, "limit": limit, "periods": periods, "counts": counts,
            "events": _clean(rows), "notes": notes}


def story_timeline(store: Store, article_ids: list[str], *, actor=None, recipient=None,
                   event_type=None, date_from=None, date_to=None) -> list[dict[str, Any]]:
    """stories.timeline.timeline(story=...) for a story whose article ids are known already
    (the same selection, summaries, date filter and order, from its public helpers)."""
    import datetime as dt

    from dateline.stories.dedup import date_interval
    from dateline.stories.timeline import clusters_of, dyad_condition, member_rows, sort_key

    where, params = dyad_condition(actor, recipient)
    if event_type:
        types = [t.strip().upper() for t in str(event_type).split(",") if t.strip()]
        where += f" AND e.event IN ({', '.join('?' * len(types))})"
        params += types
    where += f" AND e.article_id IN ({', '.join('?' * len(article_ids))})"
    params += list(article_ids)
    entries = clusters_of(member_rows(store, where, params))
    lo = date_interval(date_from)[0] if date_from else None
    hi = date_interval(date_to)[1] if date_to else None
    if lo or hi:
        entries = [e for e in entries if e["date_start"]
                   and not (lo and dt.date.fromisoformat(e["date_end"]) < lo)
                   and not (hi and dt.date.fromisoformat(e["date_start"]) > hi)]
    entries.sort(key=sort_key)
    return entries


def cluster_timeline_json(entries: list[dict[str, Any]], interval: str, limit: int,
                          offset: int) -> dict[str, Any]:
    """The unit=cluster timeline: happenings from dateline.stories, in the event JSON shape."""
    from dateline.stories.dyad import all_periods, period_of

    counts: dict[tuple[str, int], int] = {}
    rows = []
    undated = 0
    for e in entries:
        date = e.get("date")
        period = (date[:10] if date and len(date) >= 10 and date[4] == "-" and date[7:8] == "-" else None) \
            if interval == "day" else period_of(date, interval)
        if date is None:
            undated += 1
        if period:
            key = (period, e.get("quad_code"))
            counts[key] = counts.get(key, 0) + 1
        rows.append({
            "period": period, "date": date, "date_precision": e.get("date_precision"),
            "date_text": e.get("date_text"), "event": e.get("event"), "quad_code": e.get("quad_code"),
            "status": e.get("status"), "actor_codes": e.get("actor"), "recipient_codes": e.get("recipient"),
            "event_text": e.get("evidence"), "id": e.get("evidence_event_id"),
            "article_id": (e.get("evidence_article") or {}).get("id"),
            "article_title": (e.get("evidence_article") or {}).get("title"),
            "article_url": (e.get("evidence_article") or {}).get("url"),
            "cluster_id": e.get("cluster_id"), "outlets": e.get("outlets"),
            "outlet_names": e.get("outlet_names"), "mentions": e.get("mentions"),
            "articles": e.get("articles"), "place": e.get("place"),
            "first_published": e.get("first_published")})
    labels = sorted({p for p, _ in counts})
    periods = labels
    if labels and interval != "day":
        periods = all_periods(labels[0], labels[-1], interval)
    elif labels:
        periods = continuous_periods(labels, "day")
    if len(periods) > 5000:
        periods = labels
    notes = [f"{undated} undated happenings listed last (not counted in the chart)"] if undated else []
    return {"unit": "cluster", "interval": interval, "total": len(rows), "offset": offset,
            "limit": limit, "periods": periods,
            "counts": [{"period": p, "quad_code": q, "n": n}
                       for (p, q), n in sorted(counts.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0))],
            "events": _clean(rows[offset:offset + limit]), "notes": notes}
