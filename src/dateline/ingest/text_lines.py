"""Lines of a plain-text scrape and the furniture among them (part of :mod:`dateline.ingest.text`).

The ``_Line`` record, the data files (``data/debris.txt``, ``data/agencies.txt``) and the
first roles ``clean_text`` decides: debris, menus, captions. ``dateline.ingest.text``
re-exports every name here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from dateline.ingest.pubdate import _RELATIVE as _RELATIVE_RE
from dateline.ingest.pubdate import PubDate, date_labels, find_dates, relative_date
from dateline.tables import read_table


_RELATIVE_PATTERN = _RELATIVE_RE.pattern

DATA = Path(__file__).with_name("data")

# Characters that end a sentence (possibly followed by closing quotes/brackets).
_TERMINAL = re.compile(r"[.!?…。！？][\"'”’»)\]」』）]*$|[\"”’»」』]$")
_WORD = re.compile(r"\w[\w'’.-]*")
# Classes of debris that sit between a standfirst and the body (a header block), as
# opposed to ads, which can sit anywhere.
_HEADER_DEBRIS = {"counter", "share", "follow", "caption", "page-date", "meta"}
_MAX_META_WORDS = 25
_HEADER_DISTANCE = 12       # lines from the title or a byline that still count as the article header
_MAX_DROPPED_LISTED = 300   # metadata["dropped"] lists this many dropped lines at most


@dataclass
class _Line:
    no: int            # 1-based line number in the input
    text: str          # stripped, spaces normalised
    role: str = ""     # "" (undecided), debris, caption, meta, banner, section, title, standfirst, body
    rule: str = ""     # why: the debris class, "byline", "date", ...

    @cached_property
    def words(self) -> int:
        """Words in the line, counted once (the cleaner asks every line several times;
        a line's text is never changed after it is made)."""
        return word_count(self.text)


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def word_count(text: str) -> int:
    """Words in a line; in Chinese/Japanese/Korean runs (no spaces) two characters count as
    one word, so a CJK sentence is not mistaken for a short menu item."""
    cjk = len(_CJK.findall(text))
    if not cjk:
        return len(_WORD.findall(text))
    return len(_WORD.findall(_CJK.sub(" ", text))) + (cjk + 1) // 2


# --------------------------------------------------------------------------------------
# Data files
# --------------------------------------------------------------------------------------
def _data_lines(name: str) -> list[str]:
    return ["\t".join(cells) for _, cells in read_table(DATA / name, header=False)]


@lru_cache(maxsize=None)
def _debris() -> list[tuple[str, re.Pattern]]:
    rules = []
    for line in _data_lines("debris.txt"):
        cls, pattern = line.split("\t", 1)
        rules.append((cls.strip(), re.compile(pattern.strip(), re.IGNORECASE)))
    return rules


@lru_cache(maxsize=None)
def _agencies() -> list[tuple[str, re.Pattern]]:
    """(canonical name, pattern matching any alias as whole words)."""
    out = []
    for line in _data_lines("agencies.txt"):
        canonical, *aliases = [a.strip() for a in line.split("|")]
        parts = []
        for alias in sorted(set(aliases), key=len, reverse=True):
            esc = re.escape(alias)
            parts.append(esc if alias.isupper() else f"(?i:{esc})")
        out.append((canonical, re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")))
    return out


def find_agency(text: str) -> tuple[str, re.Match] | None:
    """The first news agency named in ``text`` (canonical name, match)."""
    best = None
    for canonical, pat in _agencies():
        m = pat.search(text)
        if m and (best is None or m.start() < best[1].start()):
            best = (canonical, m)
    return best


def _agency_fields(agency: tuple[str, re.Match]) -> dict:
    """{"agency": canonical name, "agency_text": as written} ("Associated Press", "AP")."""
    return {"agency": agency[0], "agency_text": agency[1].group(0)}


def debris_class(text: str) -> str | None:
    """The debris class of one stripped line, or None when it may be content."""
    for cls, pat in _debris():
        if pat.search(text):
            if cls == "caption" and word_count(text) > 60:
                continue
            return cls
    return None


# --------------------------------------------------------------------------------------
# Line classification
# --------------------------------------------------------------------------------------
def _normalise(raw: str) -> list[_Line]:
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    raw = re.sub(r"[\u200b\u200c\u200d\u2060]", "", raw)
    raw = re.sub(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]", " ", raw)
    return [_Line(no=i, text=re.sub(r" {2,}", " ", line.strip()))
            for i, line in enumerate(raw.split("\n"), 1)]


def _is_sentence(line: _Line, min_words: int = 8) -> bool:
    """A line that reads as running text: enough words and end punctuation."""
    return line.words >= min_words and bool(_TERMINAL.search(line.text))


def _mark_debris(lines: list[_Line], meta: dict) -> None:
    ended_at = None
    in_related_block = False
    sentences_seen = 0
    for line in lines:
        if not line.text:
            continue
        if ended_at is not None:
            line.role, line.rule = "debris", f"after-end(line {ended_at})"
            continue
        cls = debris_class(line.text)
        if cls is None and _is_sentence(line, 10):
            sentences_seen += 1
        if cls == "end" and sentences_seen < 1:
            # a "Leave a comment" button in the header ends nothing: drop only the line
            cls = "end-marker-before-content"
        if cls is None and in_related_block:
            # the list under "Related stories" is headlines (no end punctuation); the first
            # sentence after it is the article again
            if _is_sentence(line):
                in_related_block = False
            else:
                line.role, line.rule = "debris", "related-list"
                continue
        if cls is None:
            continue
        line.role, line.rule = "debris", cls
        if cls == "end":
            ended_at = line.no
        elif cls == "related-block":
            in_related_block = True
        elif cls == "page-date":
            dates = find_dates(line.text)
            if dates and "page_date" not in meta:
                meta["page_date"] = (dates[0].value, line)


_MENU_RUN = 3        # this many short non-sentence lines in a row are a menu or link list
_MENU_ITEM_WORDS = 4


def _mark_menus(lines: list[_Line]) -> None:
    """Runs of short lines that are no sentences ("World", "Business", "Contact Us"...):
    navigation menus and link lists. Dropped lines in between do not break a run; a
    blank line does not either (scrapes often put every menu item in its own block)."""
    run: list[_Line] = []

    def close():
        if len(run) >= _MENU_RUN:
            for ln in run:
                ln.role, ln.rule = "debris", f"menu (run of {len(run)} short lines from line {run[0].no})"
        run.clear()

    for line in lines:
        if not line.text or line.role == "debris":
            continue
        if not line.role and line.words <= _MENU_ITEM_WORDS and not _TERMINAL.search(line.text) \
                and not _LABEL_ONLY.match(line.text) and not find_dates(line.text):
            run.append(line)
        else:
            if line.role == "meta" and run and run[-1].words >= 3:
                run.pop()   # a short headline right above its byline/date line is no menu item
            close()
    close()


_CAPTION_LABEL = re.compile(r"^(?:image|photo|picture|media|video)?\s*caption\s*[,:]?$", re.IGNORECASE)


def _mark_captions(lines: list[_Line]) -> None:
    """Short lines repeated as the start of a caption line nearby ("Antony Blinken." then
    "Antony Blinken. File photo"), short lines repeated verbatim within a few lines, and
    the line after a bare caption label ("Image caption," / the caption)."""
    nonblank = [ln for ln in lines if ln.text]
    for i, line in enumerate(nonblank):
        if _CAPTION_LABEL.match(line.text) and i + 1 < len(nonblank):
            following = nonblank[i + 1]
            if not following.role and following.words <= 40:
                following.role, following.rule = "caption", f"after caption label on line {line.no}"
    for i, line in enumerate(nonblank):
        if line.role or line.words > 15:
            continue
        near = nonblank[max(0, i - 3):i] + nonblank[i + 1:i + 4]
        for other in near:
            if other.role == "debris" and other.rule == "caption" and other.text.startswith(line.text):
                line.role, line.rule = "caption", f"repeats caption line {other.no}"
                break
            if other is not line and other.text == line.text and other.no < line.no and line.words <= 12:
                line.role, line.rule = "debris", f"duplicate of line {other.no}"
                break


# A label alone on its line ("By", "Updated"), its value on the next line.
_LABEL_ONLY = re.compile(r"^(?:by|written by|updated|last updated|published|first published|posted|"
                         r"posted on|published on|updated on|date)\s*:?$", re.IGNORECASE)
