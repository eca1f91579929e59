"""The one reader of dateline's knowledge files: commented, tab-separated tables.

Every data file (``*/data/*.tsv``) has the same shape, so that a user can read and extend it:
lines starting with ``#`` (after any white space) are comments, blank lines are skipped, the
first other line names the columns, and each further line is one row, cells separated by
tabs. Loaders call :func:`read_table` and turn rows into their own records; none parses
the file format itself.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path


def read_table(path: str | Path, header: bool = True) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of each row of the table at ``path``: cells stripped of white
    space, comments, blank lines and (with ``header``) the column-name line skipped. Line
    numbers count every line of the file from 1, so that a row can be cited ("verbs.tsv:41")."""
    header_seen = not header
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        yield n, [cell.strip() for cell in line.split("\t")]


def word_classes(path: str | Path) -> dict[str, tuple[str, ...]]:
    """``class -> words`` (file order, lower case) of a word-class table (columns ``class``,
    ``word``): petrarch2-style named classes of words that a rule reads by name."""
    out: dict[str, list[str]] = {}
    for _, cells in read_table(path):
        if len(cells) < 2 or not cells[0] or not cells[1]:
            raise ValueError(f"{path}: a row needs a class and a word: {cells!r}")
        out.setdefault(cells[0], []).append(cells[1].lower())
    return {name: tuple(words) for name, words in out.items()}
