"""`dateline ingest`: the main job."""
from __future__ import annotations

import sys

import click

from dateline.cli.options import follow_links_option, store_option


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--published", metavar="DATE",
              help="Publication date for every input (YYYY-MM-DD or ISO date-time). "
                   "Overrides what the cleaner finds; use it for scrapes with no date.")
@click.option("--url", metavar="URL", help="Source URL for the input (one article).")
@store_option
@click.option("--batch-size", default=32, show_default=True,
              help="Articles per committed batch (a crash loses at most the batch in flight).")
@follow_links_option
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
