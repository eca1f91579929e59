"""`dateline timex`: the time expressions of a text, one JSON object per line."""
from __future__ import annotations

import json
import sys

import click

from dateline.model import to_jsonable


@click.command("timex")
@click.argument("source", required=False, default="-", metavar="[FILE|-]")
@click.option("--published", default=None, metavar="DATE",
              help="Publication date (YYYY-MM-DD or YYYY-MM-DDTHH:MM): the reference for "
                   "relative expressions. Without it they stay underspecified (XXXX-03).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "text"]), default="jsonl",
              show_default=True, help="jsonl: one JSON object per expression; text: a table.")
@click.option("--no-parse", is_flag=True, default=False,
              help="Skip the spaCy parse (faster; tense from word cues only).")
def timex(source, published, fmt, no_parse):
    """Find the time expressions in FILE (or stdin) and resolve them to TIMEX3 values.

    Offsets are character offsets into the input exactly as read (UTF-8)."""
    from dateline.time import dates as cal
    from dateline.time.recognise import find_timexes

    try:
        cal.parse_reference(published)
    except ValueError as err:
        raise click.ClickException(f"--published: {err}")
    try:
        if source in ("-", None):
            text = sys.stdin.buffer.read().decode("utf-8")   # bytes: no newline translation
        else:
            with open(source, encoding="utf-8", newline="") as fh:
                text = fh.read()
    except OSError as err:
        raise click.ClickException(f"cannot read {source}: {err.strerror}")
    except UnicodeDecodeError:
        raise click.ClickException(f"{source} is not UTF-8 text")
    found = find_timexes(text, published, parse=not no_parse)
    out = click.get_text_stream("stdout")
    for t in found:
        if fmt == "jsonl":
            record = {"start": t.start, "end": t.end, "text": t.text, "type": t.type,
                      "value": t.value, "precision": t.precision, "rule": t.rule,
                      "direction": t.direction}
            out.write(json.dumps(to_jsonable(record), ensure_ascii=False) + "\n")
        else:
            out.write(f"{t.start:>6} {t.end:>6}  {t.type:<8} {t.value:<20} {t.text}\n")
