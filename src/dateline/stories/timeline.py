"""Timelines: event clusters (one per happening, see :mod:`dateline.stories.dedup`) in the
order of the *event* date, not of publication.

Each entry is one cluster: its date and precision, the status, one representative
evidence sentence, and how many outlets and articles told it. Which mention represents a
cluster (:func:`representative`): the finest date first (2021-03-18 before 2021-03), the
date most outlets agree on, then the most realised status, the highest coder confidence,
the earliest article. The cluster's status is the most realised status of its mentions
(occurred > ongoing > planned > hypothetical > negated): a meeting reported as planned by
one outlet and as held by another was held.

Undated clusters come after the dated ones, by their earliest publication day; a date
filter (--from/--to) drops them (their happening's date is unknown).

Stories come from the story clusterer (:class:`dateline.stories.cluster.StoryClusterer`):
the current articles are placed in its canonical order on each call, so a story id is the
same whatever order the articles were ingested in.
"""
from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import re
from pathlib import Path
from typing import Any, Iterable

from dateline.errors import DatelineError
from dateline.stories.dedup import (STATUS_PRECEDENCE, date_interval, outlet_of, span_days,
                                    symmetric_types)

TIMELINE_COLUMNS = ["date", "precision", "status", "event", "actor", "recipient", "outlets",
                    "mentions", "evidence", "cluster_id"]


# --------------------------------------------------------------------------------------
# Selecting members
# --------------------------------------------------------------------------------------
def _codes(value: str | None, what: str) -> str | None:
    if value is None or str(value).strip() == "":
        return None
    value = str(value).strip().upper()
    if not value.replace("-", "").isalnum() or len(value) > 12:
        raise DatelineError(f"--{what} must be an actor code such as USA or CHN, not {value!r}")
    return value


def dyad_condition(actor: str | None, recipient: str | None, alias: str = "e",
                   either_way: bool = False) -> tuple[str, list[Any]]:
    """SQL (and parameters) for "actor acts on recipient"; symmetric types (CONSULT, AGREE,
    COOPERATE, ASSAULT) match either way round, all types do when ``either_way``."""
    actor, recipient = _codes(actor, "actor"), _codes(recipient, "recipient")
    if not actor and not recipient:
        return "true", []
    sym = sorted(symmetric_types())
    sym_sql = f"{alias}.event IN ({', '.join('?' * len(sym))})" if sym else "false"

    def side(a, r):
        parts, params = [], []
        if a:
            parts.append(f"list_contains({alias}.actor_codes, ?)"); params.append(a)
        if r:
            parts.append(f"list_contains({alias}.recipient_codes, ?)"); params.append(r)
        return " AND ".join(parts), params

    direct, p1 = side(actor, recipient)
    crossed, p2 = side(recipient, actor)
    if either_way:
        return f"(({direct}) OR ({crossed}))", p1 + p2
    return f"(({direct}) OR ({sym_sql} AND {crossed}))", p1 + sym + p2


def member_rows(store, where: str = "true", params: list[Any] | None = None) -> list[dict[str, Any]]:
    """Every mention (event row + article + outlet) of the clusters that have at least one
    mention satisfying ``where`` (SQL over alias ``e`` = events, ``a`` = articles)."""
    sql = f"""
        WITH m AS (
            SELECT e.*, a.published AS article_published, a.url AS article_url,
                   a.source AS article_source, a.title AS article_title, c.outlet AS outlet
            FROM events e JOIN articles a ON a.id = e.article_id
            LEFT JOIN event_clusters c ON c.event_id = e.id)
        SELECT * FROM m WHERE cluster_id IN (
            SELECT e.cluster_id FROM events e JOIN articles a ON a.id = e.article_id WHERE {where})
        ORDER BY cluster_id, id"""
    rows = store.sql(sql, params or []).to_pylist()
    for r in rows:
        if not r.get("outlet"):
            r["outlet"] = outlet_of(r.get("article_url"), r.get("article_source"))
    return rows


# --------------------------------------------------------------------------------------
# Summarising clusters
# --------------------------------------------------------------------------------------
def _status_rank(status: str | None) -> int:
    return STATUS_PRECEDENCE.index(status) if status in STATUS_PRECEDENCE else len(STATUS_PRECEDENCE)


def _span(date: str | None) -> int:
    interval = date_interval(date)
    return span_days(interval) if interval else 10 ** 6


def representative(members: list[dict[str, Any]]) -> dict[str, Any]:
    """The mention that speaks for a cluster (see the module docs for the order)."""
    outlets_by_date: dict[str | None, set[str]] = {}
    for m in members:
        outlets_by_date.setdefault(m.get("date"), set()).add(m.get("outlet") or "")
    return min(members, key=lambda m: (
        _span(m.get("date")), -len(outlets_by_date.get(m.get("date"), ())), m.get("date") or "",
        _status_rank(m.get("status")), -(m.get("confidence") or 0.0),
        m.get("article_published") or "9999", m["id"]))


def summarise(members: list[dict[str, Any]]) -> dict[str, Any]:
    """One timeline entry from the mentions of one cluster."""
    rep = representative(members)
    status = min((m.get("status") for m in members), key=_status_rank)
    outlets = sorted({m["outlet"] for m in members if m.get("outlet")})
    articles = sorted({m["article_id"] for m in members})
    published = sorted(str(m["article_published"])[:10] for m in members if m.get("article_published"))
    interval = date_interval(rep.get("date"))
    loc = json.loads(rep["event_loc"]) if isinstance(rep.get("event_loc"), str) and rep["event_loc"] else None
    return {
        "cluster_id": rep["cluster_id"],
        "date": rep.get("date"),
        "date_precision": rep.get("date_precision"),
        "date_text": rep.get("date_text"),
        "date_start": interval[0].isoformat() if interval else None,
        "date_end": interval[1].isoformat() if interval else None,
        "status": status,
        "event": rep["event"],
        "quad_code": rep.get("quad_code"),
        "intensity": rep.get("intensity"),
        "actor": list(rep.get("actor_codes") or []),
        "recipient": list(rep.get("recipient_codes") or []),
        "actor_names": [a.get("name") or a.get("entity_text") for a in (rep.get("actor") or [])],
        "recipient_names": [a.get("name") or a.get("entity_text") for a in (rep.get("recipient") or [])],
        "place": (loc or {}).get("name"),
        "evidence": rep.get("event_text"),
        "evidence_event_id": rep["id"],
        "evidence_article": {"id": rep["article_id"], "source": rep.get("article_source"),
                             "url": rep.get("article_url"), "title": rep.get("article_title"),
                             "published": rep.get("article_published"), "outlet": rep.get("outlet"),
                             "start": rep.get("start"), "end": rep.get("end"), "rule": rep.get("rule")},
        "outlets": len(outlets),
        "outlet_names": outlets,
        "mentions": len(members),
        "articles": len(articles),
        "first_published": published[0] if published else None,
        "members": [{"event_id": m["id"], "article_id": m["article_id"], "outlet": m.get("outlet"),
                     "event": m["event"], "date": m.get("date"), "date_precision": m.get("date_precision"),
                     "status": m.get("status"), "published": m.get("article_published"),
                     "source": m.get("article_source"), "url": m.get("article_url"),
                     "start": m.get("start"), "end": m.get("end")} for m in members],
    }


def clusters_of(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault(r["cluster_id"], []).append(r)
    return [summarise(ms) for ms in groups.values()]


def sort_key(entry: dict[str, Any]):
    """Dated entries by the start of their date interval (a month before its days), then
    the finer date first; undated ones after them by first publication."""
    if entry.get("date_start"):
        return (0, entry["date_start"], _span(entry["date"]), entry["cluster_id"])
    return (1, entry.get("first_published") or "9999", 0, entry["cluster_id"])


def _bound(value: str | None, what: str, end: bool) -> dt.date | None:
    if value is None or str(value).strip() == "":
        return None
    interval = date_interval(str(value).strip())
    if interval is None or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", str(value).strip()):
        raise DatelineError(f"--{what} date must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    return interval[1] if end else interval[0]


# --------------------------------------------------------------------------------------
# Stories
# --------------------------------------------------------------------------------------
#: The derived story cache inside a store (see :func:`story_clusterer`).
STORY_CACHE = ".stories-cache.json.gz"


def _committed_batches(store_path: Path) -> list[str]:
    return sorted(p.name for p in (Path(store_path) / "articles").glob("part-*.parquet"))


def _cached_clusterer(store_path: Path, batches: list[str]):
    """The cached clusterer when it was computed over exactly ``batches``, else None."""
    from dateline.stories.cluster import StoryClusterer

    path = Path(store_path) / STORY_CACHE
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            cached = json.load(f)
        if cached.get("batches") != batches:
            return None
        return StoryClusterer.from_state(cached["state"])
    except (OSError, ValueError, KeyError, TypeError, EOFError):
        return None          # absent, stale, unreadable or of another version: recompute


def _save_clusterer(store_path: Path, batches: list[str], clusterer) -> None:
    """Write the cache atomically (temp file + rename); a read-only store is left alone."""
    path = Path(store_path) / STORY_CACHE
    tmp = path.with_name(f".tmp-{os.getpid()}-{STORY_CACHE}")
    try:
        with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=1) as f:
            json.dump({"batches": batches, "state": clusterer.state}, f)
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass


def story_clusterer(store):
    """A StoryClusterer holding every current article of the store (canonical order).

    Placing every article is the costly part of `dateline stories` and `timeline --story`
    on a large store (minutes for tens of thousands of articles), and its result depends only
    on the committed batches. So the clusterer's state is cached inside the store
    (:data:`STORY_CACHE`, derived data: deleting it only costs a recompute), keyed by the
    list of committed batches; a new batch makes the next call recompute. The result is the
    canonical one either way: a function of the set of articles, not of ingest order.
    """
    from dateline.stories.cluster import StoryClusterer

    batches = _committed_batches(store.path)
    cached = _cached_clusterer(store.path, batches)
    if cached is not None:
        return cached
    rows = store.sql("""
        SELECT a.id, a.title, a.body, a.published,
               list(e.event ORDER BY e.id) FILTER (WHERE e.event IS NOT NULL) AS events
        FROM articles a LEFT JOIN events e ON e.article_id = a.id
        GROUP BY a.id, a.title, a.body, a.published""").to_pylist()
    clusterer = StoryClusterer()
    clusterer.add_batch([{"id": r["id"], "text": r["body"], "title": r["title"],
                          "published": r["published"], "events": r["events"] or []} for r in rows])
    # a batch committed while we read would make the rows newer than `batches`: not cached
    if _committed_batches(store.path) == batches:
        _save_clusterer(store.path, batches, clusterer)
    return clusterer


def stories(store) -> list[dict[str, Any]]:
    """Stories with their label, date span (of publication and of events), and counts."""
    clusterer = story_clusterer(store)
    by_story: dict[str, list[str]] = {}
    for article_id, story_id in clusterer.partition().items():
        by_story.setdefault(story_id, []).append(article_id)
    spans = {r["article_id"]: r for r in store.sql("""
        SELECT article_id, min(date) AS first_event, max(date) AS last_event,
               count(*) AS events, count(DISTINCT cluster_id) AS clusters
        FROM events GROUP BY article_id""").to_pylist()}
    out = []
    for story_id, article_ids in by_story.items():
        label = clusterer.label(story_id)
        ev = [spans[a] for a in article_ids if a in spans]
        firsts = [s["first_event"] for s in ev if s["first_event"]]
        lasts = [s["last_event"] for s in ev if s["last_event"]]
        out.append({"story": story_id, "label": label["text"], "articles": len(article_ids),
                    "first_published": label["first"], "last_published": label["last"],
                    "first_event": min(firsts) if firsts else None,
                    "last_event": max(lasts) if lasts else None,
                    "events": sum(s["events"] for s in ev), "topic": label.get("topic"),
                    "entities": label.get("entities"), "article_ids": sorted(article_ids)})
    out.sort(key=lambda s: (s["first_published"] or "9999", s["story"]))
    return out


def story_articles(store, story: str) -> list[str]:
    clusterer = story_clusterer(store)
    ids = [a for a, s in clusterer.partition().items() if s == story]
    if not ids:
        known = sorted(set(clusterer.partition().values()))
        hint = f" (stories: {', '.join(known[:5])}{'...' if len(known) > 5 else ''})" if known else ""
        raise DatelineError(f"no story {story!r} in {store.path}{hint}; `dateline stories` lists them")
    return ids


# --------------------------------------------------------------------------------------
# The timeline
# --------------------------------------------------------------------------------------
def timeline(store, *, story: str | None = None, actor: str | None = None,
             recipient: str | None = None, date_from: str | None = None, date_to: str | None = None,
             event_type: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Event clusters ordered by event date. A cluster is in when one of its mentions
    matches the actor/recipient (symmetric types either way round), type and story, and
    its date interval meets [date_from, date_to]."""
    lo, hi = _bound(date_from, "from", end=False), _bound(date_to, "to", end=True)
    where, params = dyad_condition(actor, recipient)
    if event_type:
        types = [t.strip().upper() for t in str(event_type).split(",") if t.strip()]
        where += f" AND e.event IN ({', '.join('?' * len(types))})"
        params += types
    if story:
        ids = story_articles(store, story)
        where += f" AND e.article_id IN ({', '.join('?' * len(ids))})"
        params += ids
    entries = clusters_of(member_rows(store, where, params))
    if lo or hi:
        kept = []
        for e in entries:
            if not e["date_start"]:
                continue
            start, end = dt.date.fromisoformat(e["date_start"]), dt.date.fromisoformat(e["date_end"])
            if (lo and end < lo) or (hi and start > hi):
                continue
            kept.append(e)
        entries = kept
    entries.sort(key=sort_key)
    return entries[:limit] if limit else entries


def table_row(entry: dict[str, Any]) -> dict[str, Any]:
    """The flat row of the table/csv formats."""
    return {
        "date": entry["date"] or f"undated (published {entry['first_published'] or '?'})",
        "precision": entry["date_precision"] or "",
        "status": entry["status"],
        "event": entry["event"],
        "actor": ",".join(entry["actor"]),
        "recipient": ",".join(entry["recipient"]),
        "outlets": entry["outlets"],
        "mentions": entry["mentions"],
        "evidence": " ".join((entry["evidence"] or "").split()),
        "cluster_id": entry["cluster_id"],
        "source": entry["evidence_article"]["source"],
        "place": entry.get("place") or "",
    }


def markdown(entries: list[dict[str, Any]], title: str = "Timeline") -> str:
    """A Markdown list: date (precision), what, status when not occurred, outlets, evidence."""
    lines = [f"# {title}", ""]
    for e in entries:
        date = e["date"] or f"undated (published {e['first_published'] or '?'})"
        prec = f" ({e['date_precision']})" if e["date_precision"] else ""
        status = "" if e["status"] == "occurred" else f" — *{e['status']}*"
        who = f"{','.join(e['actor'])} → {','.join(e['recipient'])}"
        outlets = f"{e['outlets']} outlet" + ("s" if e["outlets"] != 1 else "")
        evidence = " ".join((e["evidence"] or "").split()).replace("|", "\\|")
        lines.append(f"- **{date}**{prec} {e['event']} {who}{status} ({outlets}, "
                     f"{e['mentions']} mention{'s' if e['mentions'] != 1 else ''}): {evidence} "
                     f"`{e['cluster_id']}`")
    return "\n".join(lines) + "\n"
