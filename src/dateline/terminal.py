"""Writing query results to the terminal: aligned tables, JSONL, CSV."""
from __future__ import annotations

import csv
import json
import shutil
import sys
from typing import Any, Iterable


def _cell(value: Any, width: int) -> str:
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def print_table(rows: list[dict[str, Any]], columns: list[str], widths: dict[str, int] | None = None,
                out=None) -> None:
    """An aligned table; long cells are cut to fit the terminal."""
    out = out or sys.stdout
    widths = dict(widths or {})
    total = shutil.get_terminal_size((160, 20)).columns
    for c in columns:
        natural = max([len(c)] + [len(_cell(r.get(c), 200)) for r in rows])
        widths[c] = min(widths.get(c, natural), natural)
    # shrink the widest column until it fits
    while sum(widths.values()) + 2 * len(columns) > total and max(widths.values()) > 12:
        widest = max(widths, key=widths.get)
        widths[widest] -= 1
    out.write("  ".join(c.ljust(widths[c]) for c in columns).rstrip() + "\n")
    out.write("  ".join("-" * widths[c] for c in columns) + "\n")
    for r in rows:
        out.write("  ".join(_cell(r.get(c), widths[c]).ljust(widths[c]) for c in columns).rstrip() + "\n")


def write_jsonl(records: Iterable[dict[str, Any]], out=None) -> int:
    out = out or sys.stdout
    n = 0
    for r in records:
        out.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
        n += 1
    return n


def write_csv(records: Iterable[dict[str, Any]], columns: list[str], out=None) -> int:
    out = out or sys.stdout
    w = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    w.writeheader()
    n = 0
    for r in records:
        w.writerow({k: (json.dumps(v, ensure_ascii=False, default=str) if isinstance(v, (list, dict)) else v)
                    for k, v in r.items()})
        n += 1
    return n
