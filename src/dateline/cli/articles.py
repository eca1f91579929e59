"""`dateline articles`: the stored articles, filtered and paged."""
from __future__ import annotations

import click

from dateline.cli.options import (DATE, format_option, limit_option, note_cut, offset_option,
                                   open_store, store_option)
from dateline.terminal import print_table, write_csv, write_jsonl

#: The table shows where an article comes from as its outlet (the URL's host), not a path.
ARTICLE_COLUMNS = ["id", "published", "language", "chars", "title", "outlet"]


@click.command()
@store_option
@click.option("--language", metavar="CODE", help="Only articles in this language (ISO 639-1, e.g. en).")
@click.option("--since", type=DATE, metavar="DATE", help="Published on or after DATE.")
@click.option("--until", type=DATE, metavar="DATE", help="Published on or before DATE.")
@click.option("--search", "q", metavar="TEXT", help="Title or body contains TEXT.")
@limit_option(50, "articles")
@offset_option
@format_option
def articles(store, language, since, until, q, limit, offset, fmt):
    """List stored articles (current versions), newest first."""
    s = open_store(store)
    filters = dict(language=language, since=since, until=until, q=q)
    rows = s.articles(**filters, limit=limit, offset=offset).to_pylist()
    total = len(rows) + offset if limit is None or len(rows) < limit else \
        s.articles(**filters, limit=None, columns="id").num_rows
    note_cut(len(rows), total, offset, limit, "articles")
    if fmt == "jsonl":
        write_jsonl(rows)
    elif fmt == "csv":
        write_csv(rows, list(rows[0].keys()) if rows else ARTICLE_COLUMNS)
    else:
        if not rows:
            click.echo("no articles match", err=True)
            return
        print_table(rows, ARTICLE_COLUMNS, widths={"id": 20, "title": 60})
