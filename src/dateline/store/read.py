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

Event dates (``events.date``) are text at the precision the article gives (2019-10-23,
2019-W43, 2019-10, 2019); date filters, sorting and per-period counts read the days a value
covers through the SQL macros of :data:`DATE_MACROS` (``date_first_day``,
``date_last_day``, ``date_period``), the same days as
:func:`dateline.stories.dedup.date_interval`: a week is its Monday to its Sunday.
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

from dateline.validate import QUADS, STATUSES  # noqa: E402,F401 - re-exported for readers


#: SQL macros over an event date value (YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY; see
#: dateline.model.Event.date): its first and last day as YYYY-MM-DD text, and the period of
#: ``width`` leading characters (4 year, 7 month, 10 day) that holds all its days, else NULL
#: (2019-W43 lies in 2019-10; 2019-W44, Oct 28 to Nov 3, in no month).
DATE_MACROS = r"""
CREATE OR REPLACE MACRO date_first_day(d) AS CASE
  WHEN length(d) = 10 THEN d
  WHEN length(d) = 7 THEN d || '-01'
  WHEN length(d) = 4 THEN d || '-01-01'
  WHEN length(d) = 8 AND substr(d, 6, 1) = 'W' THEN CAST(
      make_date(TRY_CAST(substr(d, 1, 4) AS INTEGER), 1, 4)
      - CAST(isodow(make_date(TRY_CAST(substr(d, 1, 4) AS INTEGER), 1, 4)) AS INTEGER)
      + 7 * TRY_CAST(substr(d, 7, 2) AS INTEGER) - 6 AS VARCHAR)
  END;
CREATE OR REPLACE MACRO date_last_day(d) AS CASE
  WHEN length(d) = 10 THEN d
  WHEN length(d) = 7 THEN CAST(last_day(TRY_CAST(d || '-01' AS DATE)) AS VARCHAR)
  WHEN length(d) = 4 THEN d || '-12-31'
  WHEN length(d) = 8 AND substr(d, 6, 1) = 'W' THEN CAST(CAST(date_first_day(d) AS DATE) + 6 AS VARCHAR)
  END;
CREATE OR REPLACE MACRO date_period(d, width) AS CASE
  WHEN substr(date_first_day(d), 1, width) = substr(date_last_day(d), 1, width)
  THEN substr(date_first_day(d), 1, width) END;
"""


class Store:
    """A read connection to a store directory (many may exist beside one writer)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.con = duckdb.connect(":memory:")
        self._lock = threading.RLock()
        self._bound: dict[str, bool] = {}
        self._columns: set[str] | None = None
        for name, schema in TABLES.items():
            empty = pa.Table.from_pylist([], schema=schema)  # noqa: F841 - read by DuckDB below
            self.con.execute(f"CREATE TABLE _empty_{name} AS SELECT * FROM empty")
        self.con.execute(DATE_MACROS)

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
            self._columns = None

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
        from dateline import validate

        where, params = ["true"], []
        since, until = validate.date(since, "since"), validate.date(until, "until")
        if language:
            where.append("language = ?"); params.append(language)
        if since:
            where.append("published >= ?"); params.append(since)
        if until:
            where.append(f"substr(published, 1, {len(until)}) <= ?"); params.append(until)
        if q:
            where.append(r"(title ILIKE ? ESCAPE '\' OR body ILIKE ? ESCAPE '\')"); params += [contains(q)] * 2
        if source:
            where.append(r"source LIKE ? ESCAPE '\'"); params.append(contains(source))
        cols = columns or ("id, source, url, title, published, published_source, language, "
                           f"length(body) AS chars, ingested_at, {OUTLET} AS outlet")
        sql = (f"SELECT {cols} FROM articles a WHERE {' AND '.join(where)} "
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
    def events(self, *, limit: int | None = 100, offset: int = 0, columns: str | None = None,
               sort: str | None = None, **filters) -> pa.Table:
        """Events of current articles, newest event date first (or by ``sort``: a column of
        :data:`SORTS`, ``-`` in front for descending). Filters: see :func:`event_filters`.
        ``resolved_only``: only events whose actors and recipients are all placed (no
        ``---``: named in the text but not in the actor data)."""
        where, params = event_filters(**filters, geo=self.has_geo())
        cols = columns or ("e.*, a.source AS article_source, a.url AS article_url, "
                           "a.title AS article_title, a.published AS article_published, "
                           "a.language AS article_language")
        sql = (f"SELECT {cols} FROM events e JOIN articles a ON a.id = e.article_id "
               f"WHERE {' AND '.join(where)} ORDER BY {order_by(sort)}") + _page(limit, offset)
        if columns is None:   # the outlet of the page's rows only (a regex per row costs)
            outlet = OUTLET.replace("a.url", "p.article_url")
            sql = f"SELECT p.*, {outlet} AS outlet FROM ({sql}) p"
        return self.sql(sql, params)

    def count_events(self, **filters) -> int:
        """How many events match the filters of :meth:`events` (for paging)."""
        where, params = event_filters(**filters, geo=self.has_geo())
        return self.sql(f"SELECT count(*) AS n FROM events e JOIN articles a ON a.id = e.article_id "
                        f"WHERE {' AND '.join(where)}", params).to_pylist()[0]["n"]

    def facets(self, top: int = 12, **filters) -> dict[str, list[dict[str, Any]]]:
        """Counts of the matching events by each facet of :data:`FACETS` (type, quad, actor
        and recipient country, sector, status, outlet, language), the ``top`` largest of
        each, biggest first: what the events page lists beside the table. Each count is
        over the events the current filters select, so a facet link narrows the list to
        exactly that many; a facet that takes several values (:data:`MULTI_FACETS`) is
        counted without its own filter, so the values one could add stay listed."""
        geo = self.has_geo()
        out: dict[str, list[dict[str, Any]]] = {}
        for name, expr in FACETS.items():
            own = {k: v for k, v in filters.items() if not (name in MULTI_FACETS and k == name)}
            where, params = event_filters(**own, geo=geo)
            rows = self.sql(
                f"SELECT value, count(DISTINCT id) AS n FROM (SELECT e.id AS id, {expr} AS value "
                f"FROM events e JOIN articles a ON a.id = e.article_id WHERE {' AND '.join(where)}) "
                f"WHERE value IS NOT NULL AND CAST(value AS VARCHAR) <> '' "
                f"GROUP BY value ORDER BY n DESC, value LIMIT {int(top)}", params).to_pylist()
            out[name] = [{"value": r["value"], "n": r["n"]} for r in rows]
        return out

    def map_counts(self, **filters) -> dict[str, Any]:
        """What the map draws for the matching events: counts per country (where the event
        happened: its geocoded place, else its place's country) and the geocoded points
        (one per place, with counts by quad class). Points need the ``geo_*`` columns of a
        geocoded store; without them the list is empty."""
        where, params = event_filters(**filters, geo=self.has_geo())
        base = f"FROM events e JOIN articles a ON a.id = e.article_id WHERE {' AND '.join(where)}"
        cols = self.event_columns()
        country = map_country_expr(cols)
        countries = self.sql(f"SELECT {country} AS country, count(*) AS n {base} "
                             f"AND {country} IS NOT NULL GROUP BY 1 ORDER BY 2 DESC", params).to_pylist()
        unplaced = self.sql(f"SELECT count(*) AS n {base} AND {country} IS NULL", params).to_pylist()[0]["n"]
        points: list[dict[str, Any]] = []
        if {"geo_lat", "geo_lon"} <= cols:
            points = self.sql(
                f"SELECT e.geo_lat AS lat, e.geo_lon AS lon, any_value(e.geo_name) AS name, "
                f"any_value(e.geo_country) AS country, count(*) AS n, "
                f"count(*) FILTER (WHERE e.quad_code = 1) AS q1, count(*) FILTER (WHERE e.quad_code = 2) AS q2, "
                f"count(*) FILTER (WHERE e.quad_code = 3) AS q3, count(*) FILTER (WHERE e.quad_code = 4) AS q4 "
                f"{base} AND e.geo_lat IS NOT NULL AND e.geo_lon IS NOT NULL GROUP BY 1, 2 "
                f"ORDER BY n DESC LIMIT 5000", params).to_pylist()
        return {"countries": countries, "points": points, "unplaced": unplaced}

    def event_columns(self) -> set[str]:
        """Column names of the events view (the geo_* columns exist in geocoded stores)."""
        self.refresh()
        if self._columns is None:
            self._columns = {r["column_name"] for r in self.sql("DESCRIBE SELECT * FROM events").to_pylist()}
        return self._columns

    def has_geo(self) -> bool:
        return "geo_country" in self.event_columns()

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
        # how precisely events are dated (day, week, month, year, publication, undated) and
        # the days their dates cover
        out["event_date_precision"] = {r["p"]: r["n"] for r in self.sql(
            "SELECT coalesce(date_precision, 'undated') AS p, count(*) AS n FROM events "
            "GROUP BY 1 ORDER BY 2 DESC, 1").to_pylist()}
        span = one("SELECT min(date_first_day(date)) AS first, max(date_last_day(date)) AS last FROM events")
        out["event_date_span"] = [span["first"], span["last"]]
        return out

    # ---------------------------------------------------------------- event clusters
    # (cross-article deduplication; the work is in dateline.stories.timeline / .dyad)
    def timeline(self, **filters) -> pa.Table:
        """Event clusters in event-date order, as an Arrow table: story, actor, recipient,
        date_from, date_to, event_type, limit (see dateline.stories.tables.timeline)."""
        from dateline.stories.tables import timeline

        return timeline(self, **filters)

    def dyad(self, a: str, b: str, by: str = "month", **filters) -> pa.Table:
        """Per-period counts between two actors, as an Arrow table (dateline.stories.tables.dyad)."""
        from dateline.stories.tables import dyad

        return dyad(self, a, b, by=by, **filters)

    def stories(self) -> list[dict[str, Any]]:
        """Stories with label and date span (see dateline.stories.timeline.stories)."""
        from dateline.stories.timeline import stories

        return stories(self)


#: The outlet of an article: the host of its URL (``www.`` dropped), else ``(no URL)``.
OUTLET = ("coalesce(nullif(regexp_extract(a.url, '^[A-Za-z][A-Za-z0-9+.-]*://(www\\.)?([^/:?#]+)', 2), ''), "
          "'(no URL)')")

#: Facet name -> SQL value of one event (the events page's counts; one row per value).
FACETS = {
    "type": "e.event",
    "quad": "e.quad_code",
    "actor": "unnest(e.actor_codes)",
    "recipient": "unnest(e.recipient_codes)",
    "sector": "unnest(list_transform(e.actor || e.recipient, lambda x: x.sector))",
    "status": "e.status",
    "outlet": OUTLET,
    "language": "a.language",
}

#: Facets whose filter takes several values: their counts leave their own filter out.
MULTI_FACETS = ("type", "status")

#: Sortable columns of the events list -> SQL (``-name`` sorts descending).
SORTS = {"date": "date_first_day(e.date)", "type": "e.event", "quad": "e.quad_code", "status": "e.status",
         "actor": "list_sort(e.actor_codes)", "recipient": "list_sort(e.recipient_codes)",
         "confidence": "e.confidence", "outlet": OUTLET}


def order_by(sort: str | None, name: str = "sort") -> str:
    """ORDER BY of the events list; unknown names raise (the same message on CLI and API)."""
    from dateline.validate import ValidationError

    sort = (sort or "-date").strip()
    desc = sort.startswith("-")
    column = sort.lstrip("-+")
    if column not in SORTS:
        raise ValidationError(f"{name}: {sort!r} is not a column to sort by; one of "
                              f"{', '.join(SORTS)} (- in front: descending)")
    way = 'DESC' if desc else 'ASC'
    # dates by their first day, then the value: a month before its days, a day before its week
    then = f"e.date {way}, " if column == "date" else ""
    return f"{SORTS[column]} {way} NULLS LAST, {then}e.id"


def map_country_expr(columns: set[str]) -> str:
    """Where an event happened, as a country code: the geocoded place's country when the
    store has it, else the country of the event's place as the events stage found it."""
    loc = "nullif(json_extract_string(e.event_loc, '$.country'), '')"
    if "geo_country" in columns:
        return f"coalesce(nullif(e.geo_country, ''), {loc})"
    return loc


def event_filters(*, actor=None, recipient=None, type=None, quad=None, status=None,
                  date_from=None, date_to=None, article_id=None, q=None,
                  resolved_only: bool = False, sector=None, outlet=None, language=None,
                  country=None, place=None, geo: bool = False, alias: str = "e"):
    """SQL conditions + parameters for the event filters (validated by dateline.validate:
    bad values raise with the message the CLI and the API share).

    ``type`` and ``status`` take several values (comma-separated or a list); ``sector``:
    any party of that sector; ``outlet``: the article URL's host (see :data:`OUTLET`);
    ``country``: where the event happened (the map's country, :func:`map_country_expr`;
    needs the articles joined as ``a``); ``place``: ``lat,lon`` of a geocoded place;
    ``geo``: the store has the geocoded ``geo_*`` columns (Store.has_geo).
    ``resolved_only``: neither ``actor_codes`` nor ``recipient_codes`` holds ``---`` (an
    actor the text names but the actor data cannot place, dateline.model.UNRESOLVED)."""
    from dateline import validate

    where, params = ["true"], []
    if resolved_only:
        for side in ("actor_codes", "recipient_codes"):
            where.append(f"NOT coalesce(list_contains({alias}.{side}, ?), false)"); params.append(UNRESOLVED)
    if actor:
        where.append(f"list_contains({alias}.actor_codes, ?)"); params.append(str(actor).strip().upper())
    if recipient:
        where.append(f"list_contains({alias}.recipient_codes, ?)"); params.append(str(recipient).strip().upper())
    types = validate.event_types(type)
    if types:
        where.append(f"{alias}.event IN ({', '.join('?' * len(types))})"); params += types
    quad = validate.quad(quad)
    if quad is not None:
        where.append(f"{alias}.quad_code = ?"); params.append(quad)
    statuses = validate.statuses(status)
    if statuses:
        where.append(f"{alias}.status IN ({', '.join('?' * len(statuses))})"); params += statuses
    # an event is in [from, to] when the first day of its date is (a week: its Monday;
    # a month: its 1st), as DATE_MACROS read it
    if date_from:
        where.append(f"date_first_day({alias}.date) >= ?")
        params.append(day_bounds(validate.date(date_from, "from"))[0])
    if date_to:
        where.append(f"date_first_day({alias}.date) <= ?")
        params.append(day_bounds(validate.date(date_to, "to"))[1])
    if article_id:
        where.append(f"{alias}.article_id LIKE ? ESCAPE '\\'"); params.append(like_escape(article_id) + "%")
    if q:
        where.append(f"{alias}.event_text ILIKE ? ESCAPE '\\'"); params.append(contains(q))
    if sector:
        where.append(f"list_contains(list_transform({alias}.actor || {alias}.recipient, lambda x: x.sector), ?)")
        params.append(str(sector).strip().upper())
    if outlet:
        where.append(f"{OUTLET} = ?"); params.append(str(outlet).strip())
    if language:
        where.append("a.language = ?"); params.append(str(language).strip().lower())
    if country:
        where.append(f"{map_country_expr({'geo_country'} if geo else set())} = ?")
        params.append(str(country).strip().upper())
    if place:
        try:
            lat, lon = (float(x) for x in str(place).split(","))
        except ValueError:
            raise validate.ValidationError(f"place: {place!r} must be LAT,LON of a point on the map") from None
        where.append(f"{alias}.geo_lat = ? AND {alias}.geo_lon = ?"); params += [lat, lon]
    return where, params


def day_bounds(value: str) -> tuple[str, str]:
    """First and last day (YYYY-MM-DD) of a validated filter date (YYYY[-MM[-DD]]); text
    only, so any year the filter accepts works (0000 too)."""
    import calendar

    if len(value) == 4:
        return f"{value}-01-01", f"{value}-12-31"
    if len(value) == 7:
        month = int(value[5:7])
        last = 29 if month == 2 and calendar.isleap(int(value[:4])) else calendar.mdays[month]
        return f"{value}-01", f"{value}-{last:02d}"
    return value, value


def like_escape(text: str) -> str:
    """``text`` as a literal inside a LIKE pattern (with ``ESCAPE '\\'``): a ``%`` or ``_``
    typed in a search box matches itself, not every row."""
    return str(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains(text: str) -> str:
    """The LIKE pattern for 'contains ``text``'."""
    return f"%{like_escape(text)}%"


def _page(limit: int | None, offset: int) -> str:
    out = ""
    if limit is not None:
        out += f" LIMIT {int(limit)}"
    if offset:
        out += f" OFFSET {int(offset)}"
    return out
