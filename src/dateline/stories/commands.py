"""CLI commands of the stories stage (`dateline cluster`; timeline, dyad, stories later)."""
from __future__ import annotations

import json
import sys

import click

from dateline.errors import DatelineError


def _read_jsonl(stream, name: str) -> list[dict]:
    """Records {id, text, published?, title?} from JSON lines; a bad line is one clear error."""
    from dateline.ingest.readers import json_objects

    records, seen = [], set()
    for number, record in json_objects(stream, name):
        if record.get("id") is None:
            raise DatelineError(f"{name}:{number}: record has no \"id\"")
        text = record.get("text", record.get("body"))
        if not isinstance(text, str):
            raise DatelineError(f"{name}:{number}: record {record['id']!r} has no \"text\" string")
        key = str(record["id"])
        if key in seen:
            raise DatelineError(f"{name}:{number}: id {record['id']!r} appears twice")
        seen.add(key)
        records.append({"id": record["id"], "text": text, "title": record.get("title"),
                        "published": record.get("published")})
    return records


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
    from dateline.stories.cluster import cluster_records

    if source == "-":
        records = _read_jsonl(sys.stdin, "<stdin>")
    else:
        try:
            with open(source, encoding="utf-8") as stream:
                records = _read_jsonl(stream, source)
        except OSError as e:
            raise DatelineError(f"{source}: cannot read ({e.strerror})") from None
    for row in cluster_records(records, entities=entities, labels=labels):
        if output_format == "tsv":
            click.echo("\t".join(str(row[k]) for k in ("id", "story", "topic")))
        else:
            click.echo(json.dumps(row, ensure_ascii=False))
