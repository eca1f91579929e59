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


class _Validated(click.ParamType):
    """A value checked by :mod:`dateline.validate` (the same rule and message as the API's);
    the message names the option (``--from``) where the API names the parameter (``from``)."""

    def __init__(self, name: str, check):
        self.name, self.check = name, check

    def convert(self, value, param, ctx):
        option = param.opts[0] if param is not None and param.opts else self.name
        return self.check(value, option)


def _date(value, option):
    from dateline import validate

    return validate.date(value, option)


def _limit(value, option):
    from dateline import validate

    return validate.limit(value, option, allow_all=True)


def _offset(value, option):
    from dateline import validate

    return validate.offset(value, option)


DATE = _Validated("DATE", _date)
LIMIT = _Validated("N|all", _limit)
OFFSET = _Validated("N", _offset)


def limit_option(default: int = 50, what: str = "rows"):
    return click.option("--limit", type=LIMIT, default=str(default), show_default=True,
                         help=f"At most this many {what}; 'all' for every one.")


offset_option = click.option("--offset", type=OFFSET, default="0", help="Skip this many rows (paging).")

#: how folders are walked (``dateline ingest`` and ``dateline run`` read inputs the same way)
follow_links_option = click.option(
    "--follow-links", is_flag=True,
    help="In a folder, follow symbolic links wherever they lead (default: only links "
         "that stay inside the folder; linked folders are not entered).")


def note_cut(shown: int, total: int, offset: int, limit, what: str) -> None:
    """Say on stderr when a listing or a file holds fewer rows than match (so a CSV written
    with `> f.csv` is never silently short)."""
    if limit is not None and total > offset + shown:
        click.echo(f"dateline: {shown} of {total:,} {what}"
                   + (f" (from {offset + 1})" if offset else "")
                   + " shown; --limit all for every one, --offset to page", err=True)
