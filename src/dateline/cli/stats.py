"""`dateline stats`: what the store holds and how it was made."""
from __future__ import annotations

import json

import click

from dateline.cli.options import open_store, store_option


@click.command()
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def stats(store, as_json):
    """What the store holds: articles, languages, events by type and status, failures, and
    how it was made (dateline and spaCy versions, stages, settings)."""
    from dateline.store.meta import made_with, summary_lines

    s = open_store(store)
    st = s.stats()
    st["made_with"] = made_with(s.path)
    if as_json:
        click.echo(json.dumps(st, indent=2, default=str))
        return
    click.echo(f"store:             {st['store']}")
    click.echo(f"articles:          {st['articles']}  ({st['article_versions']} versions stored)")
    click.echo(f"  undated:         {st['undated_articles']}")
    click.echo(f"  published:       {st['published_span'][0]} .. {st['published_span'][1]}")
    click.echo("  languages:       " + ", ".join(f"{k} {v}" for k, v in st["languages"].items()))
    click.echo(f"events:            {st['events']}")
    if st["event_types"]:
        click.echo("  by type:         " + ", ".join(f"{k} {v}" for k, v in st["event_types"].items()))
        click.echo("  by status:       " + ", ".join(f"{k} {v}" for k, v in st["event_status"].items()))
        click.echo("  date precision:  " + ", ".join(f"{k} {v}" for k, v in st["event_date_precision"].items()))
        click.echo(f"  dates cover:     {st['event_date_span'][0]} .. {st['event_date_span'][1]}")
    click.echo(f"time expressions:  {st['timexes']}")
    click.echo(f"failed inputs:     {st['failures']}")
    for line in summary_lines(st["made_with"]):
        click.echo(line)
