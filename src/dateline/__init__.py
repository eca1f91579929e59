"""dateline: who did what to whom, when and where, from raw news.

Python API (see docs/python-api.md)::

    import dateline
    store = dateline.open("dateline-data")
    store.events(actor="USA", recipient="CHN").to_pandas()
    dateline.extract("Police arrested protesters in Lima on Friday.", published="2024-02-02")
    dateline.ingest(["news/"], "dateline-data")          # the `dateline ingest` job
"""
__version__ = "0.1.0"


def open(path=None, read_only=True):  # noqa: A001 - mirrors sqlite3.connect/duckdb.connect naming
    """Open a store directory for querying (creates nothing unless read_only=False)."""
    from dateline.store.read import Store

    return Store.open(path, read_only=read_only)


def extract(text, published=None, title=None, url=None):
    """Events in one text, nothing stored: PLOVER-style records (docs/python-api.md)."""
    from dateline.pyapi import extract as _extract

    return _extract(text, published=published, title=title, url=url)


def ingest(paths, store=None, published=None, url=None, batch_size=32):
    """Ingest files, folders or "-" into a store, as `dateline ingest` does; returns the
    job's Summary (ingested, failed [(source, reason)], ...). A bad input or record is
    in ``summary.failed``, never an exception."""
    from dateline.job import ingest as _ingest
    from dateline.settings import default_store

    return _ingest([str(p) for p in paths], store or default_store(), published=published,
                   url=url, batch_size=batch_size)


def add_articles(store, articles, batch_size=32):
    """Store :class:`dateline.model.Article` objects (analysed here) with the ingest job."""
    from dateline.job import add_articles as _add

    return _add(store, articles, batch_size=batch_size)
