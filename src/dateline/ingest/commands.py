"""`dateline ingest`: the main job."""
from __future__ import annotations

import sys

import click

from dateline.cli_options import store_option


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--published", metavar="DATE",
              help="Publication date for every input (YYYY-MM-DD or ISO date-time). "
                   "Overrides what the cleaner finds; use it for scrapes with no date.")
@click.option("--url", metavar="URL", help="Source URL for the input (one article).")
@store_option
@click.option("--batch-size", default=32, show_default=True,
              help="Articles per committed batch (a crash loses at most the batch in flight).")
@click.option("--follow-links", is_flag=True,
              help="In a folder, follow symbolic links wherever they lead (default: only links "
                   "that stay inside the folder; linked folders are not entered).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, only the summary.")
def ingest(paths, published, url, store, batch_size, follow_links, quiet):
    """Read articles, clean them, find events, and store them.

    \b
    PATH can be:
      FILE.txt              a plain-text scrape (debris lines are removed)
      FILE.html / .htm[.gz] a web page (main text and metadata extracted)
      FILE.jsonl[.gz]       one article per line: {"id", "url", "title",
                            "published", "text" | "html"} (only text/html required)
      FILE.warc[.gz]        a WARC file (HTML responses are extracted)
      DIR                   every file below it, recursively
      -                     standard input (kind sniffed from the content)

    \b
    Examples:
      dateline ingest news/ --store data
      dateline ingest scrape.txt --published 2021-10-30
      cat articles.jsonl | dateline ingest - --store data

    The same article ingested twice is stored once (reported as a duplicate); the
    same URL with a changed text is stored as a new version that supersedes the old
    one. Bad inputs and bad records are reported with a reason and skipped, and the
    rest is stored; an input cut by a size cap is reported as "truncated at N bytes".
    Only regular files and stdin are read (a FIFO or a device is refused). The exit
    code is 1 if any input failed, 0 otherwise.
    """
    from dateline.ingest.article import normalise_date
    from dateline.ingest.readers import count_inputs
    from dateline.job import ingest as run_ingest

    if published:
        published = normalise_date(published, "--published")
    if url and len(paths) > 1:
        raise click.UsageError("--url names one article; give one PATH with it")
    total = count_inputs(paths) if not quiet and sys.stderr.isatty() else None
    bar = None
    if not quiet and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=total, unit="input", desc="ingest", file=sys.stderr, dynamic_ncols=True)

    def progress(what: str, n: int = 1) -> None:
        if bar is not None and what == "read":
            bar.update(n)

    try:
        summary = run_ingest(paths, store, published=published, url=url,
                             batch_size=batch_size, on_progress=progress,
                             stdin=sys.stdin.buffer, follow_links=follow_links)
    finally:
        if bar is not None:
            bar.close()
    _print_summary(summary, store, quiet)
    sys.exit(0 if summary.ok else 1)


def _print_summary(summary, store, quiet: bool) -> None:
    from dateline.terminal import safe_text

    echo = lambda s="": click.echo(safe_text(s), err=True)  # noqa: E731
    parts = [f"ingested {summary.ingested}", f"events {summary.events}",
             f"duplicates {summary.duplicates}", f"new versions {summary.new_versions}",
             f"not analysed (non-English) {summary.not_analysed}",
             f"skipped (not articles) {summary.skipped_total}", f"failed {len(summary.failed)}"]
    echo(f"dateline: {', '.join(parts)} -> store {store}")
    for source, existing in summary.duplicate_sources[:20]:
        echo(f"  duplicate: {source} (already stored as {existing})")
    for source, warning in summary.warnings[:50]:
        if not quiet:
            echo(f"  warning: {source}: {warning}")
    for source, reason in summary.skipped[:50]:     # what was left out is said, -q or not
        echo(f"  skipped: {source}: {reason}")
    if summary.skipped_total > 50:
        echo(f"  ... {summary.skipped_total - 50} more skipped (all are in the failures table)")
    for source, reason in summary.failed:
        echo(f"  failed: {source}: {reason}")


# --------------------------------------------------------------------------------------
# extract: the job without a store
# --------------------------------------------------------------------------------------
def _table_line(rec) -> str:
    from dateline.events.record import entity_label

    def side(entities) -> str:
        return "+".join(entity_label(e) for e in entities or [])

    loc = (rec.get("event_loc") or {}).get("name") or ""
    return (f"{rec['id']}  {rec['event']:<9} {side(rec['actor']):>9} -> {side(rec['recipient']):<9} "
            f"{rec['date'] or '-':<10} {rec['status']:<12} {loc:<12} {rec['event_text'][:70]!r}")


@click.command()
@click.argument("file", default="-", type=click.Path(allow_dash=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table", "explain"]), default="jsonl",
              show_default=True, help="jsonl: one event record per line; explain: records with the explain block.")
@click.option("--published", default=None, help="Publication date for records that carry none (ISO).")
@click.option("--model", default=None, help="spaCy pipeline (default: DATELINE_SPACY_MODEL).")
@click.option("--resolved-only", is_flag=True,
              help="Leave out events with an actor or recipient that is named but not placed (code ---).")
def extract(file, fmt, published, model, resolved_only):
    """Code the events of JSONL articles (FILE, FILE.gz or - for stdin) without a store.

    Each input line is {"id", "text" | "html", "published"?, "title"?, "url"?}; each
    output line is one event record whose article.source is the input id. Records are
    cleaned exactly as `dateline ingest` cleans them, and written as they are analysed:
    a bad line stops the command (exit 1) after the events of the lines before it. A
    line identical to an earlier one is not analysed again.

    An actor or recipient named in the text but not in the actor data is coded ---
    with its words (--resolved-only leaves such events out). An event needs two parties
    named, except in the lead: the main clause of one of the first two sentences that
    yields no dyad is kept with one party ("the court rejected the appeal").
    DATELINE_ONE_SIDED=all keeps one-party events in every sentence (GDELT-style);
    DATELINE_ONE_SIDED=off never keeps them.
    """
    import gzip
    import json
    from collections import Counter

    from dateline.errors import DatelineError, InputError
    from dateline.events.record import event_record, is_resolved
    from dateline.ingest.article import normalise_date
    from dateline.job import extract_stream
    from dateline.model import to_jsonable

    if published:
        published = normalise_date(published, "--published")
    name = "stdin" if file == "-" else file
    try:
        stream = sys.stdin.buffer if file == "-" else open(file, "rb")
    except OSError as e:
        raise DatelineError(f"{file}: cannot read: {e.strerror or e}") from None
    repeats: Counter = Counter()
    try:
        if stream.peek(2)[:2] == b"\x1f\x8b" if hasattr(stream, "peek") else False:
            stream = gzip.GzipFile(fileobj=stream)
        for article, events in extract_stream(stream, name, published=published, model=model,
                                              repeats=repeats):
            for ev in events:
                rec = event_record(ev, article)
                if resolved_only and not is_resolved(rec):
                    continue
                if fmt == "table":
                    click.echo(_table_line(rec))
                    continue
                if fmt == "explain":
                    rec["explain"] = to_jsonable(ev.explain)
                click.echo(json.dumps(rec, ensure_ascii=False))
            sys.stdout.flush()
    except InputError as e:
        sys.stdout.flush()
        click.echo(f"dateline: error: {e.source}: {e.reason}", err=True)
        sys.exit(1)
    except (OSError, ValueError) as e:     # unreadable file, corrupt gzip
        raise DatelineError(f"{name}: cannot read: {e}") from None
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    if repeats:
        click.echo(f"dateline: {sum(repeats.values())} repeated record(s) not analysed again", err=True)
