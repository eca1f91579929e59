"""Writing query results to the terminal: aligned tables, JSONL, CSV.

Article text is untrusted: a title may hold ``ESC[2J`` (clear the screen), an OSC 52
sequence (write the clipboard) or an OSC 8 link. :func:`safe_text` is the one place that
makes text safe for a terminal; tables and the text views (`show`, `explain`) always use
it, and :func:`guard_terminal` (installed by the CLI) passes everything written to a
terminal through it, JSON lines included (JSON escapes C0 controls but not C1 ones).
"""
from __future__ import annotations

import csv
import json
import re
import shutil
import sys
from typing import Any, Iterable

#: Escape sequences as a whole (CSI, OSC up to BEL or ST, other ESC sequences, 8-bit
#: CSI/OSC/DCS...), then any control character left, and the bidirectional overrides
#: that reorder what a terminal shows.
_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"                  # CSI: ESC [ params final
    r"|\x1b[\]PX^_].*?(?:\x07|\x1b\\|\x9c|$)"     # OSC, DCS, SOS, PM, APC: up to BEL or ST
    r"|\x9b[0-?]*[ -/]*[@-~]"                    # 8-bit CSI
    r"|[\x90\x98\x9d\x9e\x9f].*?(?:\x07|\x9c|\x1b\\|$)"   # 8-bit DCS, SOS, OSC, PM, APC
    r"|\x1b[ -/]*[0-~]?",                        # any other ESC sequence (or a lone ESC)
    re.S)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe_text(text: Any, keep_newlines: bool = True) -> str:
    """``text`` with terminal escape sequences and control characters removed (tab and,
    with ``keep_newlines``, newline kept; a carriage return becomes a newline)."""
    text = "" if text is None else str(text)
    if not text.isprintable():
        text = _SEQUENCE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
        text = _CONTROL.sub("", text)
    return text if keep_newlines else text.replace("\n", " ")


class _Guarded:
    """A text stream that writes :func:`safe_text` of everything (a terminal's stdout)."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(safe_text(text))
        return len(text)

    def __getattr__(self, name):
        return getattr(self._stream, name)


def guard_terminal() -> None:
    """Make sys.stdout strip escape sequences when it is a terminal (the CLI calls this)."""
    try:
        if sys.stdout.isatty() and not isinstance(sys.stdout, _Guarded):
            sys.stdout = _Guarded(sys.stdout)
    except (AttributeError, ValueError):
        pass


def _cell(value: Any, width: int) -> str:
    text = safe_text(value)
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
