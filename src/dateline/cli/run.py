"""`dateline run`: the ingest job at scale, on all local cores or on a Ray cluster."""
from __future__ import annotations

import sys

import click

from dateline.cli.options import follow_links_option, store_option


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: worker processes on this machine; ray: a Ray Data job.")
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="Worker processes (local) or model actors (ray). Default: all cores "
                   "(local), all CPUs of the cluster (ray). 0 (local): no subprocesses.")
@click.option("--address", metavar="ADDR", default=None,
              help="Ray cluster to join (e.g. 'auto' or 'ray://head:10001'); default: start "
                   "Ray on this machine.")
@store_option
@click.option("--batch-size", default=256, show_default=True,
              help="Articles per committed batch (a kill loses at most the batches in flight).")
@click.option("--chunk-size", default=32, show_default=True,
              help="Articles a worker parses in one nlp.pipe call.")
@follow_links_option
@click.option("-q", "--quiet", is_flag=True, help="Only the summary, no per-file lines.")
def run(inputs, engine, workers, address, store, batch_size, chunk_size, follow_links, quiet):
    """Ingest many files (WARC, JSONL, HTML, text) in parallel; resumable.

    \b
    One input file is one unit of work. A unit is reported when all its records are
    stored and is skipped by a later run; a run that was killed can simply be started
    again: what was stored stays, nothing is stored twice.

    \b
    Examples:
      dateline run CC-NEWS-2024*.warc.gz --store data            # all local cores
      dateline run news/ --workers 2 --store data
      dateline run --engine ray --address auto /shared/warc/ --store /shared/data
    """
    from dateline.job import is_skip
    from dateline.runners.work import list_units

    problems: list = []
    units = list_units(inputs, follow_links=follow_links, problems=problems)
    if engine == "local" and address:
        raise click.UsageError("--address is for --engine ray")
    if engine == "ray" and workers == 0:
        raise click.UsageError("--workers 0 (no worker processes) is for --engine local")

    def unit_done(unit, counts):
        if not quiet:
            click.echo(f"done: {unit}: {counts.records} records, {counts.ingested} stored, "
                       f"{counts.duplicates} duplicates, {counts.skipped} skipped, "
                       f"{counts.failed} failed, {counts.events} events"
                       + (f" ({counts.resumed_past} stored by an earlier run)" if counts.resumed_past else "")
                       + (f"; {counts.to_retry} failures will be retried by the next run" if counts.to_retry else ""),
                       err=True)

    if engine == "local":
        from dateline.runners.local import run_local

        summary = run_local(units, store, workers=workers, batch_size=batch_size,
                            chunk_size=chunk_size, on_unit_done=unit_done)
    else:
        from dateline.runners.ray import run_ray

        summary = run_ray(units, store, workers=workers, address=address, batch_size=batch_size,
                          chunk_size=chunk_size, on_unit_done=unit_done)
    for problem in problems:      # what the folder walk left out, with its reason
        if is_skip(problem):
            summary.add_skip(problem.source, problem.reason)
        else:
            summary.failed.append((problem.source, problem.reason))
    _print_summary(summary, store, engine)
    sys.exit(0 if summary.ok else 1)


def _print_summary(summary, store, engine: str) -> None:
    from dateline.terminal import safe_text

    echo = lambda s="": click.echo(safe_text(s), err=True)  # noqa: E731
    skipped = summary.skipped_total
    echo(f"dateline run ({engine}): {summary.units} files ({summary.units_done_before} already done), "
         f"ingested {summary.ingested}, events {summary.events}, duplicates {summary.duplicates}, "
         f"new versions {summary.new_versions}, not analysed (non-English) {summary.not_analysed}, "
         f"skipped {skipped}, failed {len(summary.failed)} -> store {store}")
    for kind, n in summary.skipped_kinds.most_common():
        echo(f"  skipped {n}: {kind}")
    for source, reason in summary.failed[:50]:
        echo(f"  failed: {source}: {reason}")
    if len(summary.failed) > 50:
        echo(f"  ... {len(summary.failed) - 50} more failures (all are in the failures table)")
