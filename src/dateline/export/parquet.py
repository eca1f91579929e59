"""Articles and events as Parquet files (`dateline export ... --format parquet`): the store's
own columns, current versions only, in a stable order."""
from __future__ import annotations


def write_articles(store, path) -> int:
    """Current articles without their raw input; returns the number of rows written."""
    return _write(store, "SELECT * EXCLUDE (raw) FROM articles ORDER BY ingested_at, id", path)


def write_events(store, path, **filters) -> int:
    """Current events matching ``filters`` (``Store.events``'), by article and position."""
    from dateline.store.read import event_filters

    where, params = event_filters(**filters)
    return _write(store, f"SELECT e.* FROM events e WHERE {' AND '.join(where)} "
                         "ORDER BY article_id, start, id", path, params)


def _write(store, query: str, path, params=None) -> int:
    import pyarrow.parquet as pq

    table = store.sql(query, params)
    pq.write_table(table, path)
    return table.num_rows
