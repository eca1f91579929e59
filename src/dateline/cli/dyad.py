"""`dateline dyad`: what A did to B and B to A, per period and quad class."""
from __future__ import annotations

import click

from dateline.cli.options import open_store, store_option
from dateline.terminal import print_table, write_csv, write_jsonl


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
