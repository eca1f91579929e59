"""`dateline extract`: the job without a store, events of JSONL articles as they are analysed."""
from __future__ import annotations

import sys

import click


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
