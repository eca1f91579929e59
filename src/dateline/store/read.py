"""Reading the store: DuckDB views over the Parquet parts, and the queries every interface uses.

The CLI, the HTTP API, the web page and the Python API all go through :class:`Store`, so a
filter means the same thing everywhere. Views are re-bound before each query, so a long-lived
reader (the server) sees batches that a separate `dateline ingest` commits, without a restart.

Views:
    article_versions  every committed article row (all versions)
    articles          the current version of each article (latest ingest per URL)
    events            events of current articles (batch-consistent: orphans never show),
                      with ``cluster_id``: the cross-article event cluster (stories.dedup)
    event_clusters    the current cluster assignment of each event (latest batch wins)
    timexes           time expressions of current articles
    failures          inputs that could not be ingested, with the reason
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from dateline import settings
from dateline.errors import DatelineError
from dateline.model import UNRESOLVED
from dateline.store.schema import TABLES

QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
STATUSES = ("occurred", "planned", "hypothetical", "negated", "ongoing")


class Store:
    """A read connection to a store directory (many may exist beside one writer)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.con = duckdb.connect(":memory:")
        self._lock = threading.RLock()
        self._bound: dict[str, bool] = {}
        for name, schema in TABLES.items():
            empty = pa.Table.from_pylist([], schema=schema)  # noqa: F841 - read by DuckDB below
            self.con.execute(f"CREATE TABLE _empty_{name} AS SELECT * FROM empty")

    # ---------------------------------------------------------------- opening
    @classmethod
    def open(cls, path: str | Path | None = None, read_only: bool = True) -> "Store":
        path = Path(path) if path is not None else settings.default_store()
        if not path.exists():
            if read_only:
                raise DatelineError(f"no store at {path} (run `dateline ingest ... --store {path}` first)")
            path.mkdir(parents=True)
        if not path.is_dir():
            raise DatelineError(f"store path {path} is not a directory")
        return cls(path)

    def _glob(self, table: str) -> str:
        return str(self.path / table / "part-*.parquet").replace("'", "''")

    def refresh(self) -> None:
        """(Re)bind the views; cheap. Called before every query."""
        with self._lock:
            state = {t: any((self.path / t).glob("part-*.parquet")) for t in TABLES}
            if state == self._bound:
                return
            for t, present in state.items():
                # by name with the empty table: columns added since older parts were
                # written (e.g. the events' geo_*) read as null instead of missing
                src = (f"(SELECT * FROM _empty_{t} UNION ALL BY NAME "
                       f"SELECT * FROM read_parquet('{self._glob(t)}', union_by_name=true))"
                       if present else f"_empty_{t}")
                name = "article_versions" if t == "articles" else f"_all_{t}"
                self.con.execute(f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM {src}")
            self.con.execute("""
                CREATE OR REPLACE VIEW articles AS
                SELECT * FROM article_versions
                QUALIFY row_number() OVER (PARTITION BY coalesce(url, id)
                                           ORDER BY ingested_at DESC, id DESC) = 1""")
            for t in ("events", "timexes"):
                self.con.execute(f"""
                    CREATE OR REPLACE VIEW {t} AS
                    SELECT x.* FROM _all_{t} x
                    SEMI JOIN articles a ON x.article_id = a.id AND x.batch = a.batch""")
            # --- cross-article event clusters (stories.incremental): rows of committed
            # batches only; the latest assignment per event wins; an event without one
            # (ingested without the hook) is its own cluster.
            self.con.execute("""
                CREATE OR REPLACE VIEW event_clusters AS
                SELECT c.* FROM _all_event_clusters c
                SEMI JOIN (SELECT DISTINCT batch FROM article_versions) b ON c.batch = b.batch
                QUALIFY row_number() OVER (PARTITION BY c.event_id ORDER BY c.batch DESC) = 1""")
            self.con.execute("""
                CREATE OR REPLACE VIEW events AS
                SELECT x.*, coalesce(c.cluster_id, x.id) AS cluster_id FROM _all_events x
                SEMI JOIN articles a ON x.article_id = a.id AND x.batch = a.batch
                LEFT JOIN event_clusters c ON c.event_id = x.id""")
            # --- end cross-article event clusters
            self.con.execute("CREATE OR REPLACE VIEW failures AS SELECT * FROM _all_failures")
            self._bound = state

    def sql(self, query: str, params: list[Any] | None = None) -> pa.Table:
        """Run SQL over the views; returns an Arrow table."""
        self.refresh()
        cur = self.con.cursor()  # one cursor per query: safe from several server threads
        try:
            return cur.sql(query, params=params or None).to_arrow_table()
        finally:
            cur.close()

    # ---------------------------------------------------------------- articles
    def articles(self, *, language: str | None = None, since: str | None = None,
                 until: str | None = None, q: str | None = None, source: str | None = None,
                 limit: int | None = 50, offset: int = 0, columns: str | None = None) -> pa.Table:
        where, params = ["true"], []
        if language:
            where.append("language = ?"); params.append(language)
        if since:
            where.append("published >= ?"); params.append(since)
        if until:
            where.append("substr(published, 1, 10) <= ?"); params.append(until)
        if q:
            where.append(r"(title ILIKE ? ESCAPE '\' OR body ILIKE ? ESCAPE '\')"); params += [contains(q)] * 2
        if source:
            where.append(r"source LIKE ? ESCAPE '\'"); params.append(contains(source))
        cols = columns or ("id, source, url, title, published, published_source, language, "
                           "length(body) AS chars, ingested_at")
        sql = (f"SELECT {cols} FROM articles WHERE {' AND '.join(where)} "
               f"ORDER BY published DESC NULLS LAST, id")
        return self.sql(sql + _page(limit, offset), params)

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One current article by id or unambiguous id prefix (any version if not current)."""
        for view in ("articles", "article_versions"):
            rows = self.sql(f"SELECT * FROM {view} WHERE id LIKE ? ESCAPE '\\' ORDER BY ingested_at DESC LIMIT 3",
                            [like_escape(article_id) + "%"]).to_pylist()
            if len({r['id'] for r in rows}) > 1:
                raise DatelineError(f"article id prefix {article_id!r} is ambiguous")
            if rows:
                return rows[0]
        return None

    # ---------------------------------------------------------------- events
    def events(self, *, actor: str | None = None, recipient: str | None = None,
               type: str | None = None, quad: int | None = None, status: str | None = None,
               date_from: str | None = None, date_to: str | None = None,
               article_id: str | None = None, q: str | None = None, resolved_only: bool = False,
               limit: int | None = 100, offset: int = 0, columns: str | None = None) -> pa.Table:
        """Events of current articles, newest event date first. Codes are ISO alpha-3/PLOVER.
        ``resolved_only``: only events whose actors and recipients are all placed (no
        ``---``: named in the text but not in the actor data)."""
        where, params = event_filters(actor=actor, recipient=recipient, type=type, quad=quad,
                                      status=status, date_from=date_from, date_to=date_to,
                                      article_id=article_id, q=q, resolved_only=resolved_only)
        cols = columns or "e.*, a.source AS article_source, a.url AS article_url, a.title AS article_title, a.published AS article_published"
        sql = (f"SELECT {cols} FROM events e JOIN articles a ON a.id = e.article_id "
               f"WHERE {' AND '.join(where)} ORDER BY e.date DESC NULLS LAST, e.id")
        return self.sql(sql + _page(limit, offset), params)

    def event(self, event_id: str) -> dict[str, Any] | None:
        rows = self.sql(r"SELECT * FROM events WHERE id LIKE ? ESCAPE '\' LIMIT 3", [like_escape(event_id) + "%"]).to_pylist()
        if len(rows) > 1 and not any(r["id"] == event_id for r in rows):
            raise DatelineError(f"event id prefix {event_id!r} is ambiguous")
        for r in rows:
            if r["id"] == event_id:
                return r
        return rows[0] if rows else None

    # ---------------------------------------------------------------- overview
    def stats(self) -> dict[str, Any]:
        one = lambda q: self.sql(q).to_pylist()[0]  # noqa: E731
        out = {
            "store": str(self.path),
            "articles": one("SELECT count(*) AS n FROM articles")["n"],
            "article_versions": one("SELECT count(*) AS n FROM article_versions")["n"],
            "events": one("SELECT count(*) AS n FROM events")["n"],
            "timexes": one("SELECT count(*) AS n FROM timexes")["n"],
            "failures": one("SELECT count(*) AS n FROM failures")["n"],
        }
        out["languages"] = {r["language"] or "unknown": r["n"] for r in self.sql(
            "SELECT language, count(*) AS n FROM articles GROUP BY 1 ORDER BY 2 DESC").to_pylist()}
        out["undated_articles"] = one("SELECT count(*) AS n FROM articles WHERE published IS NULL")["n"]
        span = one("SELECT min(published) AS first, max(published) AS last FROM articles")
        out["published_span"] = [span["first"], span["last"]]
        out["event_types"] = {r["event"]: r["n"] for r in self.sql(
            "SELECT event, count(*) AS n FROM events GROUP BY 1 ORDER BY 2 DESC").to_pylist()}
        out["event_status"] = {r["status"]: r["n"] for r in self.sql(
            "SELECT status, count(*) AS n FROM events GROUP BY 1 ORDER BY 2 DESC").to_pylist()}
        return out

    # ---------------------------------------------------------------- event clusters
    # (cross-article deduplication; the work is in dateline.stories.timeline / .dyad)
    def timeline(self, **filters) -> pa.Table:
        """Event clusters in event-date order, as an Arrow table: story, actor, recipient,
        date_from, date_to, event_type, limit (see dateline.stories.timeline.timeline)."""
        from dateline.pyapi import timeline

        return timeline(self, **filters)

    def dyad(self, a: str, b: str, by: str = "month", **filters) -> pa.Table:
        """Per-period counts between two actors, as an Arrow table (dateline.stories.dyad)."""
        from dateline.pyapi import dyad

        return dyad(self, a, b, by=by, **filters)

    def stories(self) -> list[dict[str, Any]]:
        """Stories with label and date span (see dateline.stories.timeline.stories)."""
        from dateline.stories.timeline import stories

        return stories(self)


def event_filters(*, actor=None, recipient=None, type=None, quad=None, status=None,
                  date_from=None, date_to=None, article_id=None, q=None,
                  resolved_only: bool = False, alias: str = "e"):
    """SQL conditions + parameters for the event filters (validated: bad values raise).

    ``resolved_only``: neither ``actor_codes`` nor ``recipient_codes`` holds ``---`` (an
    actor the text names but the actor data cannot place, dateline.model.UNRESOLVED)."""
    where, params = ["true"], []
    if resolved_only:
        for side in ("actor_codes", "recipient_codes"):
            where.append(f"NOT coalesce(list_contains({alias}.{side}, ?), false)"); params.append(UNRESOLVED)
    if actor:
        where.append(f"list_contains({alias}.actor_codes, ?)"); params.append(actor.upper())
    if recipient:
        where.append(f"list_contains({alias}.recipient_codes, ?)"); params.append(recipient.upper())
    if type:
        types = [t.strip().upper() for t in str(type).split(",") if t.strip()]
        where.append(f"{alias}.event IN ({', '.join('?' * len(types))})"); params += types
    if quad is not None and quad != "":
        try:
            quad = int(quad)
        except (TypeError, ValueError):
            raise DatelineError(f"quad must be 1, 2, 3 or 4, not {quad!r}") from None
        if quad not in QUADS:
            raise DatelineError(f"quad must be 1, 2, 3 or 4, not {quad!r}")
        where.append(f"{alias}.quad_code = ?"); params.append(quad)
    if status:
        statuses = [s.strip().lower() for s in str(status).split(",") if s.strip()]
        bad = [s for s in statuses if s not in STATUSES]
        if bad:
            raise DatelineError(f"status must be one of {', '.join(STATUSES)}, not {bad[0]!r}")
        where.append(f"{alias}.status IN ({', '.join('?' * len(statuses))})"); params += statuses
    if date_from:
        where.append(f"{alias}.date >= ?"); params.append(_check_date(date_from, "from"))
    if date_to:
        # a month or year value sorts before its days: compare on the shared prefix
        d = _check_date(date_to, "to")
        where.append(f"substr({alias}.date, 1, {len(d)}) <= ?"); params.append(d)
    if article_id:
        where.append(f"{alias}.article_id LIKE ? ESCAPE '\\'"); params.append(like_escape(article_id) + "%")
    if q:
        where.append(f"{alias}.event_text ILIKE ? ESCAPE '\\'"); params.append(contains(q))
    return where, params


def like_escape(text: str) -> str:
    """``text`` as a literal inside a LIKE pattern (with ``ESCAPE '\\'``): a ``%`` or ``_``
    typed in a search box matches itself, not every row."""
    return str(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains(text: str) -> str:
    """The LIKE pattern for 'contains ``text``'."""
    return f"%{like_escape(text)}%"


def _check_date(value: str, what: str) -> str:
    import re

    value = str(value).strip()
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise DatelineError(f"--{what} date must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    return value


def _page(limit: int | None, offset: int) -> str:
    out = ""
    if limit is not None:
        out += f" LIMIT {int(limit)}"
    if offset:
        out += f" OFFSET {int(offset)}"
    return out
