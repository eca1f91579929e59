"""`dateline events` and `dateline explain`.

`events` queries the store; `explain` prints how one event was coded, from the store or
from `extract` output (`dateline extract` is in ingest/commands.py: it runs the job).
"""
from __future__ import annotations

import json
import sys
from typing import Any

import click

from dateline.cli_options import DATE, limit_option, offset_option
from dateline.errors import DatelineError


def _side(entities) -> str:
    """Actors of one side for tables: codes, ``---(the words)`` for an unresolved one."""
    from dateline.events.record import entity_label

    return "+".join(entity_label(e) for e in entities or [])


# --------------------------------------------------------------------------------------
# events (store query)
# --------------------------------------------------------------------------------------
EVENT_COLUMNS = ["id", "date", "event", "parties", "status", "place", "text"]


def _store_records(store_obj, rows) -> list[dict[str, Any]]:
    """Store rows (events joined with their article) -> event records."""
    from dateline.events.record import event_record
    from dateline.model import Article
    from dateline.store.schema import event_from_row

    out = []
    for r in rows:
        art = Article(id=r["article_id"], source=r.get("article_source") or "", body="",
                      url=r.get("article_url"), title=r.get("article_title"),
                      published=r.get("article_published"))
        out.append(event_record(event_from_row(r), art))
    return out


def _row_for_table(rec: dict[str, Any]) -> dict[str, Any]:
    from dateline.present import parties_label

    return {"id": rec["id"], "date": rec["date"] or "-", "event": rec["event"],
            "parties": parties_label(rec["actor"], rec["recipient"]),
            "status": rec["status"], "place": (rec.get("event_loc") or {}).get("name") or "",
            "text": rec["event_text"].replace("\n", " ")}


def _store_opts(f):
    from dateline.cli_options import store_option

    return store_option(f)


@click.command()
@_store_opts
@click.option("--actor", metavar="CODE", help="Actor code (ISO alpha-3 or IGO/NGO/...).")
@click.option("--recipient", metavar="CODE", help="Recipient code.")
@click.option("--type", "etype", metavar="TYPE[,TYPE]", help="PLOVER event type(s), e.g. CONSULT or PROTEST,ASSAULT.")
@click.option("--quad", type=click.IntRange(1, 4), help="Quad class 1-4.")
@click.option("--status", type=click.Choice(["occurred", "planned", "hypothetical", "negated", "ongoing"]))
@click.option("--from", "date_from", metavar="DATE", type=DATE,
              help="Event date on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--to", "date_to", metavar="DATE", type=DATE,
              help="Event date on or before DATE.")
@click.option("--article", "article_id", metavar="ID", help="Events of one article.")
@click.option("--search", "q", metavar="TEXT", help="Evidence sentence contains TEXT.")
@click.option("--resolved-only", is_flag=True,
              help="Only events whose actors and recipients are all placed (no --- code).")
@click.option("--sort", metavar="COLUMN", help="date, type, quad, status, actor, recipient, confidence or "
                                                "outlet; - in front for descending (default -date).")
@limit_option(50, "events")
@offset_option
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table",
              show_default=True, help="Output format.")
def events(store, actor, recipient, etype, quad, status, date_from, date_to, article_id, q,
           resolved_only, sort, limit, offset, fmt):
    """Query the coded events in the store, newest event date first.

    Parties read CODE/SECTOR (KEN/COP -> KEN/CVL); a joint event once (JPN & AUS). An actor
    named in the text but not in the actor data has the code --- (shown as ---(the words));
    --resolved-only leaves such events out. When more events match than --limit, stderr
    says so (--limit all writes every one).
    """
    from dateline import validate
    from dateline.cli_options import note_cut, open_store
    from dateline.store.read import order_by
    from dateline.terminal import print_table, write_csv, write_jsonl

    try:
        s = open_store(store)
        known = frozenset(r["code"] for r in s.sql(
            "SELECT DISTINCT unnest(actor_codes || recipient_codes) AS code FROM events").to_pylist())
        filters = dict(actor=validate.actor_code(actor, "--actor", known),
                       recipient=validate.actor_code(recipient, "--recipient", known),
                       type=validate.event_types(etype, "--type"), quad=quad, status=status,
                       date_from=date_from, date_to=date_to, article_id=article_id, q=q,
                       resolved_only=resolved_only)
        order_by(sort, "--sort")
        rows = s.events(**filters, sort=sort, limit=limit, offset=offset).to_pylist()
        total = s.count_events(**filters) if limit is not None and len(rows) >= limit else offset + len(rows)
    except DatelineError:
        raise       # one line, exit 2 (the validation messages the API gives too)
    recs = _store_records(s, rows)
    note_cut(len(recs), total, offset, limit, "events")
    if fmt == "jsonl":
        write_jsonl(recs)
    elif fmt == "csv":
        write_csv([_row_for_table(r) for r in recs], EVENT_COLUMNS)
    else:
        if not recs:
            click.echo("no events match", err=True)
            return
        print_table([_row_for_table(r) for r in recs], EVENT_COLUMNS,
                    widths={"id": 16, "text": 60, "place": 14, "parties": 48})


# --------------------------------------------------------------------------------------
# explain
# --------------------------------------------------------------------------------------
def format_explain(rec: dict[str, Any], explain: dict[str, Any], mentions: list | None = None) -> str:
    """What `dateline explain` prints: how one event was coded, step by step."""
    lines = []
    actors = _side(rec.get("actor"))
    recips = _side(rec.get("recipient"))
    lines.append(f"event {rec['id']}: {rec['event']}"
                 + (f" ({rec['mode']})" if rec.get("mode") else "")
                 + f"  {actors} -> {recips}  quad {rec.get('quad_code')}, intensity {rec.get('intensity')}")
    art = rec.get("article") or {}
    lines.append(f"article:   {art.get('source') or ''} (id {art.get('id') or rec.get('article_id')})"
                 + (f", published {art['published']}" if art.get("published") else ""))
    ti = rec.get("text_info") or {}
    lines.append(f"sentence:  [{ti.get('start')}-{ti.get('end')}] {explain.get('sentence', rec.get('event_text', ''))!r}")
    trig = explain.get("trigger") or {}
    if trig:
        light = f", light verb '{trig['light_verb']}'" if trig.get("light_verb") else ""
        lines.append(f"trigger:   '{trig.get('text')}' (lemma {trig.get('lemma')}, {trig.get('pos')}, "
                     f"dep {trig.get('dep')}, {trig.get('kind')}{light}) at {trig.get('start')}-{trig.get('end')}")
    lines.append(f"pattern:   {explain.get('pattern') or rec.get('rule')}   confidence {rec.get('confidence')}")
    path = explain.get("parse_path") or {}
    if path:
        lines.append(f"parse:     actor via {', '.join(path.get('actor') or ['-'])}; "
                     f"recipient via {', '.join(path.get('recipient') or ['-'])}")
    for title, key in (("actors", "actors"), ("recipients", "recipients")):
        steps = explain.get(key) or []
        lines.append(f"{title}:" if steps else f"{title}: (none resolved from the parse)")
        lines.extend(f"  - {s}" for s in steps)
    for side in ("actor", "recipient"):
        for e in rec.get(side) or []:
            if e.get("code") == "---":
                kind = f" [{e['entity_type']}]" if e.get("entity_type") else ""
                lines.append(f"unresolved {side}: {e.get('entity_text') or '(not named)'}{kind}"
                             + (f" - {e['why']}" if e.get("why") else ""))
    st = explain.get("status") or {}
    lines.append(f"status:    {rec.get('status')} ({st.get('why', '')})")
    d = explain.get("date") or {}
    lines.append(f"date:      {rec.get('date') or 'none'}"
                 + (f" [{rec.get('date_precision')}]" if rec.get("date_precision") else "")
                 + f" - {d.get('how', '')}")
    loc = rec.get("event_loc")
    if loc:
        lines.append(f"location:  {loc.get('name')} ({loc.get('country') or 'country unknown'}) "
                     f"at {loc.get('start')}-{loc.get('end')}")
    for n in explain.get("notes") or []:
        lines.append(f"note:      {n}")
    for m in (mentions if mentions is not None else rec.get("mentions")) or []:
        lines.append(f"mention:   {m.get('where')} [{m.get('start')}-{m.get('end')}] {m.get('text', '')[:100]!r}")
    return "\n".join(lines)


@click.command()
@click.argument("event_id", metavar="EVENT_ID")
@_store_opts
@click.option("--from-file", "from_file", type=click.Path(exists=True, dir_okay=False, allow_dash=True),
              help="Read `dateline extract --format explain` output instead of the store.")
@click.option("--json", "as_json", is_flag=True, help="Print the explain block as JSON.")
def explain(event_id, store, from_file, as_json):
    """Say how one event was coded: sentence, parse path, pattern, actors, status, date."""
    rec = expl = None
    if from_file:
        stream = sys.stdin if from_file == "-" else open(from_file, encoding="utf-8")
        with stream:
            for line in stream:
                line = line.strip()
                if not line.startswith("{"):
                    continue
                try:
                    cand = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if str(cand.get("id", "")).startswith(event_id):
                    rec, expl = cand, cand.get("explain") or {}
                    break
        if rec is None:
            raise click.ClickException(f"no event {event_id!r} in {from_file}")
        if not expl:
            raise click.ClickException(f"event {event_id!r} has no explain block "
                                       "(write it with `dateline extract --format explain`)")
    else:
        from dateline.cli_options import open_store
        from dateline.events.record import event_record
        from dateline.model import Article
        from dateline.store.schema import event_from_row

        try:
            s = open_store(store)
            row = s.event(event_id)
        except DatelineError as e:
            raise click.ClickException(str(e)) from None
        if row is None:
            raise click.ClickException(f"no event {event_id!r} in the store at {store}")
        art = (s.article(row["article_id"]) or {})
        ev = event_from_row(row)
        rec = event_record(ev, Article(id=row["article_id"], source=art.get("source") or "", body="",
                                       url=art.get("url"), title=art.get("title"),
                                       published=art.get("published")))
        expl = ev.explain
    if as_json:
        click.echo(json.dumps(expl, ensure_ascii=False, indent=1))
        return
    click.echo(format_explain(rec, expl))
