"""Options shared by several commands, so they read and behave the same everywhere."""
from __future__ import annotations

from pathlib import Path

import click

from dateline import settings


def _store_default():
    return str(settings.default_store())


store_option = click.option(
    "--store", type=click.Path(file_okay=False, path_type=Path), default=_store_default,
    show_default="$DATELINE_STORE or ./dateline-data", help="Store directory.")


def open_store(store: Path):
    """The read Store, or a one-line error when the directory holds none."""
    from dateline.store.read import Store

    return Store.open(store)


format_option = click.option(
    "--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table",
    show_default=True, help="Output format.")
