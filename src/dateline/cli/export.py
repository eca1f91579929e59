"""`dateline export`: articles and events in standard formats."""
from __future__ import annotations

import sys

import click

from dateline.cli.options import open_store, store_option
from dateline.errors import DatelineError
from dateline.terminal import write_csv, write_jsonl


@click.group()
def export():
    """Write articles or events as files.

    \b
    dateline export articles --format jsonl|csv|parquet
        id, source (input path, PATH#N for record N of a JSONL/WARC input), url, title,
        published, published_source, body, language (+ metadata, provenance in JSONL)
    dateline export events --format jsonl|csv|parquet
        PLOVER-style records: id, event, mode, quad_code, intensity, actor[], recipient[]
        ({code, sector, name, entity_text}), date, date_precision, date_text, status,
        event_loc, event_text, text_info{start,end}, rule, confidence,
        article{id, source, url, title, published}
    dateline export events --format polecat|gdelt
        POLECAT's 40 tab-separated columns (header row) / GDELT 2.0's 61 event columns
        (no header row unless --header); see docs/python-api.md, "Exports" for what is
        approximate in these conversions (CAMEO codes and Goldstein scores are mapped
        from PLOVER types and modes)

    An actor named in the text but not placed has the code --- (PLOVER's) and its words in
    entity_text; POLECAT/GDELT rows leave its codes empty and keep the words in the name
    columns. `dateline export events --resolved-only` leaves such events out.
    """


def _output(output):
    if output in (None, "-"):
        return sys.stdout, False
    _check_writable(output)
    try:
        return open(output, "w", encoding="utf-8", newline=""), True
    except OSError as e:
        raise DatelineError(f"-o {output}: cannot write there ({e.strerror or e})") from None


def _check_writable(output) -> None:
    """A one-line error before any work when the output's folder is missing."""
    from pathlib import Path

    folder = Path(output).expanduser().parent
    if not folder.is_dir():
        raise DatelineError(f"-o {output}: folder {folder} does not exist")


@export.command("articles")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True)
@click.option("-o", "--output", metavar="FILE", help="Write here instead of standard output (required for parquet).")
@store_option
def export_articles(fmt, output, store):
    """Current articles, one record each."""
    from dateline.export.articles import ARTICLE_FIELDS, article_records

    s = open_store(store)
    if fmt == "parquet":
        from dateline.export.parquet import write_articles

        _parquet(write_articles, s, output)
        return
    out, close = _output(output)
    try:
        n = (write_jsonl(article_records(s), out) if fmt == "jsonl"
             else write_csv(article_records(s), ARTICLE_FIELDS, out))
    finally:
        if close:
            out.close()
    click.echo(f"dateline: exported {n} articles", err=True)


@export.command("events")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "polecat", "gdelt"]),
              default="jsonl", show_default=True)
@click.option("-o", "--output", metavar="FILE", help="Write here instead of standard output (required for parquet).")
@click.option("--header/--no-header", default=False, help="gdelt: write a header row (GDELT's own files have none).")
@click.option("--resolved-only", is_flag=True,
              help="Only events whose actors and recipients are all placed (no --- code).")
@store_option
def export_events(fmt, output, header, resolved_only, store):
    """Current events as PLOVER-style records (or POLECAT / GDELT conversions)."""
    from dateline.export.plover import event_records

    s = open_store(store)
    filters = {"resolved_only": True} if resolved_only else {}
    if fmt in ("polecat", "gdelt"):
        from dateline.export.gdelt import write_gdelt
        from dateline.export.polecat import write_polecat

        out, close = _output(output)
        try:
            n = (write_polecat(s, out, **filters) if fmt == "polecat"
                 else write_gdelt(s, out, header=header, **filters))
        finally:
            if close:
                out.close()
        click.echo(f"dateline: exported {n} events ({fmt} columns)", err=True)
        return
    if fmt == "parquet":
        from dateline.export.parquet import write_events

        _parquet(write_events, s, output, **filters)
        return
    out, close = _output(output)
    try:
        if fmt == "jsonl":
            n = write_jsonl(event_records(s, **filters), out)
        else:
            cols = ["id", "event", "mode", "quad_code", "intensity", "actor", "recipient", "date",
                    "date_precision", "date_text", "status", "event_loc", "geo", "event_text",
                    "text_info", "rule", "confidence", "article"]
            n = write_csv(event_records(s, **filters), cols, out)
    finally:
        if close:
            out.close()
    click.echo(f"dateline: exported {n} events", err=True)


def _parquet(write, store, output, **filters):
    if not output or output == "-":
        raise click.UsageError("--format parquet needs --output FILE")
    _check_writable(output)
    n = write(store, output, **filters)
    click.echo(f"dateline: exported {n} rows to {output}", err=True)
