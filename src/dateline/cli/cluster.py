"""`dateline cluster`: group the articles of a JSONL file into stories, without a store."""
from __future__ import annotations

import json
import sys

import click

from dateline.errors import DatelineError


@click.command("cluster")
@click.argument("source", default="-", type=click.Path(allow_dash=True, dir_okay=False))
@click.option("--format", "output_format", type=click.Choice(["jsonl", "tsv"]), default="jsonl",
              show_default=True, help="One JSON object per article, or id<TAB>story<TAB>topic.")
@click.option("--entities", type=click.Choice(["caps", "spacy"]), default="caps",
              show_default=True,
              help="Where names come from: capitalisation (fast) or spaCy's entities.")
@click.option("--labels/--no-labels", default=False,
              help="Add each story's label (main names, words, events, dates).")
def cluster(source, output_format, entities, labels):
    """Group articles from a JSONL FILE (or - for stdin) into stories, without a store.

    Each input line is {"id", "text", "published"?, "title"?}. Prints, in input order,
    {"id", "story", "topic"} per article: "story" is one real-world event and its
    follow-ups, "topic" groups stories of the same kind. The result does not depend on
    the order of the input lines.
    """
    from dateline.stories.cluster import cluster_records, read_records

    if source == "-":
        records = read_records(sys.stdin, "<stdin>")
    else:
        try:
            with open(source, encoding="utf-8") as stream:
                records = read_records(stream, source)
        except OSError as e:
            raise DatelineError(f"{source}: cannot read ({e.strerror})") from None
    for row in cluster_records(records, entities=entities, labels=labels):
        if output_format == "tsv":
            click.echo("\t".join(str(row[k]) for k in ("id", "story", "topic")))
        else:
            click.echo(json.dumps(row, ensure_ascii=False))
