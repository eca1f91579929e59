"""`dateline articles`, `dateline show`, `dateline stats`: looking into the store."""
from __future__ import annotations

import json
import textwrap

import click

from dateline.cli_options import (DATE, format_option, limit_option, note_cut, offset_option,
                                  open_store, store_option)
from dateline.terminal import print_table, write_csv, write_jsonl

#: The table shows where an article comes from as its outlet (the URL's host), not a path.
ARTICLE_COLUMNS = ["id", "published", "language", "chars", "title", "outlet"]


@click.command()
@store_option
@click.option("--language", metavar="CODE", help="Only articles in this language (ISO 639-1, e.g. en).")
@click.option("--since", type=DATE, metavar="DATE", help="Published on or after DATE.")
@click.option("--until", type=DATE, metavar="DATE", help="Published on or before DATE.")
@click.option("--search", "q", metavar="TEXT", help="Title or body contains TEXT.")
@limit_option(50, "articles")
@offset_option
@format_option
def articles(store, language, since, until, q, limit, offset, fmt):
    """List stored articles (current versions), newest first."""
    s = open_store(store)
    filters = dict(language=language, since=since, until=until, q=q)
    rows = s.articles(**filters, limit=limit, offset=offset).to_pylist()
    total = len(rows) + offset if limit is None or len(rows) < limit else \
        s.articles(**filters, limit=None, columns="id").num_rows
    note_cut(len(rows), total, offset, limit, "articles")
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
    _show_text(s, a, prov, meta, raw)


def _show_text(s, a, prov, meta, raw) -> None:
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
        if k in ("url", "title", "published", "language") or k in a and a[k] == v:
            continue   # printed above
        if v not in (None, "", []):
            echo(f"{k + ':':<12}{v}  [{prov.get(k, '-')}]")
    for w in a.get("warnings") or []:
        echo(f"warning:    {w}")
    echo("")
    for para in (a["body"] or "").split("\n\n"):
        echo(textwrap.fill(para, 100))
        echo("")
    _show_events(s, a)
    if raw:
        echo("---- raw input ----")
        echo(a.get("raw") or "")


def _show_events(s, a) -> None:
    """The article's events, in text order: what `dateline explain ID` tells more about."""
    from dateline.present import parties_label

    from dateline.terminal import safe_text

    evs = s.events(article_id=a["id"], limit=None, columns="e.*").to_pylist()
    evs.sort(key=lambda e: (e.get("start") or 0, e["id"]))
    if not evs:
        lang = a.get("language")
        click.echo("events:     none" + (f" (not analysed: language {lang})" if lang and lang != "en" else ""))
        return
    click.echo(f"events:     {len(evs)} (dateline explain ID for how each was coded)")
    for e in evs:
        click.echo(safe_text(f"  {e['id'][:16]}  {e['event']:<10} "
                             f"{parties_label(e.get('actor'), e.get('recipient')):<28} "
                             f"{e.get('date') or '-':<10} {e.get('status')}"))


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
        click.echo("  date precision:  " + ", ".join(f"{k} {v}" for k, v in st["event_date_precision"].items()))
        click.echo(f"  dates cover:     {st['event_date_span'][0]} .. {st['event_date_span'][1]}")
    click.echo(f"time expressions:  {st['timexes']}")
    click.echo(f"failed inputs:     {st['failures']}")
    for line in summary_lines(st["made_with"]):
        click.echo(line)
