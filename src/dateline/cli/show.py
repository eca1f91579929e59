"""`dateline show`: one stored article with its provenance, body and events."""
from __future__ import annotations

import json
import textwrap

import click

from dateline.cli.options import open_store, store_option


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
