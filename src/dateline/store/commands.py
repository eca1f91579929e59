"""`dateline articles`, `dateline show`, `dateline stats`: looking into the store."""
from __future__ import annotations

import json
import textwrap

import click

from dateline.cli_options import format_option, open_store, store_option
from dateline.terminal import print_table, write_csv, write_jsonl

ARTICLE_COLUMNS = ["id", "published", "language", "chars", "title", "source"]


@click.command()
@store_option
@click.option("--language", metavar="CODE", help="Only articles in this language (ISO 639-1, e.g. en).")
@click.option("--since", metavar="DATE", help="Published on or after DATE.")
@click.option("--until", metavar="DATE", help="Published on or before DATE.")
@click.option("--search", "q", metavar="TEXT", help="Title or body contains TEXT.")
@click.option("--limit", default=50, show_default=True, help="At most this many rows.")
@click.option("--offset", default=0, help="Skip this many rows (paging).")
@format_option
def articles(store, language, since, until, q, limit, offset, fmt):
    """List stored articles (current versions), newest first."""
    s = open_store(store)
    rows = s.articles(language=language, since=since, until=until, q=q, limit=limit,
                      offset=offset).to_pylist()
    if fmt == "jsonl":
        write_jsonl(rows)
    elif fmt == "csv":
        write_csv(rows, list(rows[0].keys()) if rows else ARTICLE_COLUMNS)
    else:
        if not rows:
            click.echo("no articles match", err=True)
            return
        print_table(rows, ARTICLE_COLUMNS, widths={"id": 20, "title": 60})


@click.command()
@click.argument("article_id", metavar="ID")
@store_option
@click.option("--raw", is_flag=True, help="Also print the input as it was read.")
@click.option("--json", "as_json", is_flag=True, help="Print the whole record as JSON.")
def show(article_id, store, raw, as_json):
    """Show one article (ID or a unique prefix of it): metadata, provenance, body."""
    s = open_store(store)
    a = s.article(article_id)
    if a is None:
        raise click.ClickException(f"no article with id {article_id!r} in {store}")
    if as_json:
        if not raw:
            a.pop("raw", None)
        click.echo(json.dumps(a, ensure_ascii=False, indent=2, default=str))
        return
    prov = json.loads(a.get("provenance") or "{}")
    meta = json.loads(a.get("metadata") or "{}")
    _show_text(a, prov, meta, raw)


def _show_text(a, prov, meta, raw) -> None:
    """The text view: every line through safe_text (article text is untrusted)."""
    from dateline.terminal import safe_text

    echo = lambda line="": click.echo(safe_text(line))  # noqa: E731
    echo(f"id:         {a['id']}")
    echo(f"source:     {a['source']}")
    echo(f"title:      {a['title']}  [{prov.get('title', '-')}]")
    amb = " (ambiguous numeric date)" if a.get("published_ambiguous") else ""
    echo(f"published:  {a['published']}{amb}  [{prov.get('published', '-')}]")
    echo(f"url:        {a['url']}")
    echo(f"language:   {a['language']}")
    echo(f"ingested:   {a['ingested_at']}")
    for k, v in sorted(meta.items()):
        if v not in (None, "", []):
            echo(f"{k + ':':<12}{v}  [{prov.get(k, '-')}]")
    for w in a.get("warnings") or []:
        echo(f"warning:    {w}")
    echo("")
    for para in (a["body"] or "").split("\n\n"):
        echo(textwrap.fill(para, 100))
        echo("")
    if raw:
        echo("---- raw input ----")
        echo(a.get("raw") or "")


@click.command()
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def stats(store, as_json):
    """What the store holds: articles, languages, events by type and status, failures, and
    how it was made (dateline and spaCy versions, stages, settings)."""
    from dateline.store.meta import made_with, summary_lines

    s = open_store(store)
    st = s.stats()
    st["made_with"] = made_with(s.path)
    if as_json:
        click.echo(json.dumps(st, indent=2, default=str))
        return
    click.echo(f"store:             {st['store']}")
    click.echo(f"articles:          {st['articles']}  ({st['article_versions']} versions stored)")
    click.echo(f"  undated:         {st['undated_articles']}")
    click.echo(f"  published:       {st['published_span'][0]} .. {st['published_span'][1]}")
    click.echo("  languages:       " + ", ".join(f"{k} {v}" for k, v in st["languages"].items()))
    click.echo(f"events:            {st['events']}")
    if st["event_types"]:
        click.echo("  by type:         " + ", ".join(f"{k} {v}" for k, v in st["event_types"].items()))
        click.echo("  by status:       " + ", ".join(f"{k} {v}" for k, v in st["event_status"].items()))
    click.echo(f"time expressions:  {st['timexes']}")
    click.echo(f"failed inputs:     {st['failures']}")
    for line in summary_lines(st["made_with"]):
        click.echo(line)
