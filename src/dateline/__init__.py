"""dateline: who did what to whom, when and where, from raw news.

Python API (see docs/python-api.md)::

    import dateline
    store = dateline.open("dateline-data")
    store.events(actor="USA", recipient="CHN").to_pandas()
    dateline.extract("Police arrested protesters in Lima on Friday.", published="2024-02-02")
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
