"""`dateline events`: query the coded events in the store (`dateline explain ID` tells how
one was coded)."""
from __future__ import annotations

from typing import Any

import click

from dateline.cli.options import DATE, limit_option, offset_option, store_option
from dateline.errors import DatelineError

EVENT_COLUMNS = ["id", "date", "event", "parties", "status", "place", "text"]


def _row_for_table(rec: dict[str, Any]) -> dict[str, Any]:
    from dateline.present import parties_label

    return {"id": rec["id"], "date": rec["date"] or "-", "event": rec["event"],
            "parties": parties_label(rec["actor"], rec["recipient"]),
            "status": rec["status"], "place": (rec.get("event_loc") or {}).get("name") or "",
            "text": rec["event_text"].replace("\n", " ")}


@click.command()
@store_option
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
    from dateline.cli.options import note_cut, open_store
    from dateline.export.plover import record_from_row
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
    recs = [record_from_row(r) for r in rows]
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
