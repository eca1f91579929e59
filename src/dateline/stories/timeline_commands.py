"""`dateline timeline`, `dateline dyad`, `dateline stories`: reading event clusters."""
from __future__ import annotations

import sys

import click

from dateline.cli_options import open_store, store_option
from dateline.terminal import print_table, write_csv, write_jsonl


@click.command()
@click.option("--story", metavar="ID", help="Only events of this story (see `dateline stories`).")
@click.option("--actor", metavar="CODE", help="Only events by this actor (e.g. USA).")
@click.option("--recipient", metavar="CODE", help="Only events aimed at this recipient (e.g. CHN).")
@click.option("--type", "event_type", metavar="TYPES", help="Only these PLOVER types (comma-separated).")
@click.option("--from", "date_from", metavar="DATE", help="Events dated on or after DATE (YYYY[-MM[-DD]]).")
@click.option("--to", "date_to", metavar="DATE", help="Events dated on or before DATE.")
@click.option("--limit", type=int, default=None, help="At most this many entries.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv", "md"]), default="table",
              show_default=True, help="Output format (jsonl has every mention of each entry).")
@store_option
def timeline(story, actor, recipient, event_type, date_from, date_to, limit, fmt, store):
    """Events in the order they happened (event date, not publication date).

    Each line is one happening: mentions of it in different articles and outlets are one
    event cluster. Shows the date and its precision, the status (planned and hypothetical
    events are marked), the number of outlets, and one evidence sentence. Symmetric types
    (meetings, agreements) match --actor/--recipient either way round.

    \b
    Example:
      dateline timeline --actor USA --recipient CHN --from 2021 --format md
    """
    from dateline.stories.timeline import TIMELINE_COLUMNS, markdown, table_row
    from dateline.stories.timeline import timeline as build

    s = open_store(store)
    entries = build(s, story=story, actor=actor, recipient=recipient, date_from=date_from,
                    date_to=date_to, event_type=event_type, limit=limit)
    if fmt == "jsonl":
        write_jsonl(entries)
        return
    if fmt == "csv":
        write_csv([table_row(e) for e in entries], TIMELINE_COLUMNS + ["source", "place"])
        return
    if not entries:
        click.echo("no events match", err=True)
        return
    if fmt == "md":
        who = " ".join(x for x in (actor, "→" if actor and recipient else "", recipient) if x)
        click.echo(markdown(entries, title=f"Timeline {who}".strip()), nl=False)
        return
    print_table([table_row(e) for e in entries], TIMELINE_COLUMNS,
                widths={"evidence": 80, "cluster_id": 16})


@click.command()
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
@click.option("--by", type=click.Choice(["week", "month", "year"]), default="month", show_default=True,
              help="Period length.")
@click.option("--from", "date_from", metavar="DATE", help="From this period on (YYYY[-MM[-DD]]).")
@click.option("--to", "date_to", metavar="DATE", help="Up to this period.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table",
              show_default=True, help="Output format.")
@click.option("--plot", "plot_path", metavar="FILE", type=click.Path(dir_okay=False),
              help="Also draw a chart to FILE (.png or .svg).")
@store_option
def dyad(a, b, by, date_from, date_to, fmt, plot_path, store):
    """What A did to B and B to A, per period: event clusters per quad class (verbal and
    material cooperation, verbal and material conflict), intensity sum and mean, and the
    number of distinct sources (outlets).

    \b
    Example:
      dateline dyad USA CHN --by month --plot usa-chn.png
    """
    from dateline.stories.dyad import COLUMNS, plot
    from dateline.stories.dyad import dyad as build

    s = open_store(store)
    result = build(s, a, b, by=by, date_from=date_from, date_to=date_to)
    rows = result["rows"]
    if fmt == "csv":
        write_csv(rows, COLUMNS)
    elif fmt == "jsonl":
        write_jsonl(rows)
    elif rows:
        print_table(rows, COLUMNS)
    else:
        click.echo(f"no events between {result['a']} and {result['b']}", err=True)
    for note in result["notes"]:
        click.echo(f"note: {note}", err=True)
    if plot_path:
        plot(result, plot_path)
        click.echo(f"chart written to {plot_path}", err=True)


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
