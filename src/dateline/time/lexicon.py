"""Reads lexicon.txt: the month, weekday, number, unit, season and reference words the
recogniser builds its patterns from and the normaliser maps to TIMEX3 values."""
from __future__ import annotations

import functools
import re
from pathlib import Path

LEXICON_PATH = Path(__file__).with_name("lexicon.txt")


@functools.lru_cache(maxsize=1)
def load() -> dict[str, dict[str, str]]:
    """section -> {word (lower case): value}; sections keep file order."""
    sections: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for raw in LEXICON_PATH.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1].strip(), {})
            continue
        if current is None:
            raise ValueError(f"{LEXICON_PATH}: entry outside a section: {raw!r}")
        word, _, value = line.rpartition(" ")
        current[word.strip().lower()] = value
    return sections


def alternation(words, capitalised: bool = False) -> str:
    """A regex alternation of ``words``, longest first; spaces match any whitespace.

    ``capitalised``: only the Capitalised or UPPER form matches (month names, so that the
    verb "may" and the noun "march" are not months)."""
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        escaped = re.escape(word).replace(r"\ ", r"\s+").replace(" ", r"\s+")
        if capitalised:
            head, tail = escaped[0], escaped[1:]
            parts.append(f"(?-i:{head.upper()}(?:{tail}|{tail.upper()}))")
        else:
            parts.append(escaped)
    return "(?:" + "|".join(parts) + ")"
