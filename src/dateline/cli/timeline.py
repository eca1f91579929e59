"""`dateline timeline`: event clusters in the order they happened."""
from __future__ import annotations

import click

from dateline.cli.options import open_store, store_option
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
