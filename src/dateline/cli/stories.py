"""`dateline stories`: the stories of the store (articles about one happening)."""
from __future__ import annotations

import sys

import click

from dateline.cli.options import open_store, store_option
from dateline.terminal import print_table, write_csv, write_jsonl


@click.command()
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table",
              show_default=True, help="Output format.")
@store_option
def stories(fmt, store):
    """List stories (articles about one real-world happening and its follow-ups) with
    their label, publication span, event-date span and counts.

    Use a story's id with `dateline timeline --story ID`.
    """
    from dateline.stories.timeline import stories as build

    s = open_store(store)
    rows = build(s)
    columns = ["story", "articles", "events", "first_published", "last_published", "first_event",
               "last_event", "label"]
    if fmt == "jsonl":
        write_jsonl(rows)
    elif fmt == "csv":
        write_csv(rows, columns + ["topic"])
    elif rows:
        print_table(rows, columns, widths={"label": 70})
    else:
        click.echo("no stories: the store has no articles", err=True)
    sys.stdout.flush()
