"""`dateline explain`: how one event was coded, from the store or from `extract` output.

The text is :func:`dateline.explanation.explain_text` of the explanation the HTTP API
returns as JSON and the web page lists, so all three say the same.
"""
from __future__ import annotations

import json
import sys
from typing import Any

import click

from dateline.cli.options import store_option
from dateline.errors import DatelineError


@click.command()
@click.argument("event_id", metavar="EVENT_ID")
@store_option
@click.option("--from-file", "from_file", type=click.Path(exists=True, dir_okay=False, allow_dash=True),
              help="Read `dateline extract --format explain` output instead of the store.")
@click.option("--json", "as_json", is_flag=True, help="Print the explain block as JSON.")
def explain(event_id, store, from_file, as_json):
    """Say how one event was coded: sentence, parse path, pattern, actors, status, date."""
    from dateline.explanation import explain_text, explanation

    rec, expl = _from_file(event_id, from_file) if from_file else _from_store(event_id, store)
    if as_json:
        click.echo(json.dumps(expl, ensure_ascii=False, indent=1))
        return
    click.echo(explain_text(explanation(rec, expl)))


def _from_file(event_id: str, from_file: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The first record of `extract --format explain` output whose id starts with EVENT_ID."""
    rec = expl = None
    stream = sys.stdin if from_file == "-" else open(from_file, encoding="utf-8")
    with stream:
        for line in stream:
            line = line.strip()
            if not line.startswith("{"):
                continue
            try:
                cand = json.loads(line)
            except json.JSONDecodeError:
                continue
            if str(cand.get("id", "")).startswith(event_id):
                rec, expl = cand, cand.get("explain") or {}
                break
    if rec is None:
        raise click.ClickException(f"no event {event_id!r} in {from_file}")
    if not expl:
        raise click.ClickException(f"event {event_id!r} has no explain block "
                                   "(write it with `dateline extract --format explain`)")
    return rec, expl


def _from_store(event_id: str, store) -> tuple[dict[str, Any], dict[str, Any]]:
    """The event's PLOVER record and its explain block, from the store."""
    from dateline.cli.options import open_store
    from dateline.export.plover import record_from_row
    from dateline.store.schema import event_from_row

    try:
        s = open_store(store)
        row = s.event(event_id)
    except DatelineError as e:
        raise click.ClickException(str(e)) from None
    if row is None:
        raise click.ClickException(f"no event {event_id!r} in the store at {store}")
    return record_from_row(row, s.article(row["article_id"]) or {}), event_from_row(row).explain
