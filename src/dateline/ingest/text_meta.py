"""Meta lines of a plain-text scrape: byline, agency, dateline and date lines (part of
:mod:`dateline.ingest.text`).

``_meta_from_line`` says what a whole line holding a byline ("By Jane Doe, AP"), an agency
and place ("PTI New Delhi") or a date ("Published: June 19, 2023") gives; the cleaner in
``dateline.ingest.text`` marks such lines ``meta``. ``dateline.ingest.text`` re-exports
every name here.
"""
from __future__ import annotations

import re

from dateline.ingest.pubdate import PubDate, date_labels, find_dates, relative_date
from dateline.ingest.text_lines import (
    _Line, _MAX_META_WORDS, _RELATIVE_PATTERN, _TERMINAL, _agency_fields, find_agency)


_BYLINE = re.compile(
    r"^(?i:by|written by|words by|reported by|story by|text by|reporting by|von|par|por|di)\s*[:\-]?\s+"
    r"(?P<rest>[A-Z\u00c0-\u024f].*)$")
_BYLINE_USER = re.compile(r"^(?i:by|posted by|written by)\s+(?P<rest>[\w.@-]{2,30})$")   # "by admin"
_CREDITS = re.compile(r"^\(?\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|edited)\s+by\b.*$",
                      re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*(?:\||•|·|/|\u2014|\u2013|\s-\s)\s*")
_NAME = re.compile(r"^[A-Z\u00c0-\u024f][\w.'’-]*(?:\s+(?:[A-Z\u00c0-\u024f][\w.'’-]*|de|da|van|von|bin|al|el|la|le|del|der|di|du|dos|ibn)){0,4}$")
_ROLE_WORDS = re.compile(r"\b(?:correspondent|reporter|editor|writer|staff|bureau|desk|contributor|"
                         r"columnist|news service|team|online|digital|special|senior|chief|political|diplomatic)\b",
                         re.IGNORECASE)


# Role words that make a line without "By" a byline ("Staff Reporter", "News Desk"); the
# weaker ones above ("online", "digital") only mark a byline item as a role.
_BYLINE_ROLE = re.compile(r"\b(?:correspondent|reporter|writer|news service|bureau|desk|contributor|"
                          r"columnist|editor)s?\b", re.IGNORECASE)


def role_words(text: str) -> bool:
    """Whether a byline item is a role ("Staff Writer", "AP Auto Writer"), not a name."""
    return bool(_ROLE_WORDS.search(text))


def _split_names(text: str) -> list[str]:
    parts = re.split(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*", text)
    return [p.strip(" .") for p in parts if p.strip(" .")]


def _parse_people_and_agency(text: str) -> dict:
    """Authors, agency and role words in a byline remainder ("Jane Doe and John Roe, AP")."""
    found: dict = {}
    text = re.sub(r"@\w+", " ", text)   # "Jane Doe@janedoe": a social handle glued to the name
    agency = find_agency(text)
    if agency:
        found.update(_agency_fields(agency))
        text = (text[:agency[1].start()] + " " + text[agency[1].end():]).strip(" ,|-")
    authors = []
    for part in _split_names(text):
        if _ROLE_WORDS.search(part):
            found.setdefault("roles", []).append(part)
        elif re.fullmatch(r"[A-Z]{2,6}", part):
            found.setdefault("outlet", part)        # "..., CNN": the outlet, not a person
        elif _NAME.match(part) and len(part.split()) <= 5:
            authors.append(part)
    if authors:
        found["authors"] = authors
    return found


def _date_leftover(text: str, dates: list[PubDate]) -> str:
    """The line with its dates, date labels and separators removed."""
    out = text
    for d in sorted(dates, key=lambda d: d.start, reverse=True):
        out = out[:d.start] + " " + out[d.end:]
    out = re.sub(r"\b(?:about|around|nearly|over|some)?\s*" + _RELATIVE_PATTERN, " ", out, flags=re.IGNORECASE)
    for _, pat in date_labels():
        out = pat.sub(" ", out)
    out = re.sub(r"\b(?:IST|GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|PST|PDT|MST|MDT|AEST|AEDT|JST|KST|HKT|SGT|PKT|WIB|GST|MSK|EAT|WAT|CAT|SAST|AST|ICT|PHT|NZST|NZDT)\b"
                 r"(?:\s*[+-]\d{1,2}(?::?\d{2})?)?", " ", out)
    out = re.sub(r"(?<![\w+])\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?(?!\w)", " ", out, flags=re.IGNORECASE)
    out = re.sub(r"\b(?:on|at|am|le|el|il|à|um|às|alle|uhr|hrs)\b", " ", out, flags=re.IGNORECASE)
    return _SEPARATORS.sub(" ", out).strip(" ,;:|-–—·•()[]")


def _place(text: str) -> str | None:
    """A dateline place: one to four capitalised words ("Beijing", "New Delhi")."""
    text = text.strip(" ,;:|-–—·•()")
    if text and _NAME.match(text) and len(text.split()) <= 4 and not _ROLE_WORDS.search(text):
        return text
    return None


def _meta_from_line(line: _Line, hint: str | None, in_header: bool = True) -> dict | None:
    """Byline / agency / dateline / date information if the whole line is such a meta line.
    ``in_header``: the line comes before the first sentence of running text."""
    text = line.text
    if line.words > _MAX_META_WORDS:
        return None
    if _CREDITS.match(text):
        return {"credits": text}
    dates = [d for d in find_dates(text, hint) if d.label != "ignore"]
    rel = relative_date(text)
    leftover = _date_leftover(text, dates) if dates else text
    m = _SOURCE.match(leftover)
    if m and len(m.group("rest").split()) <= 10:
        # "Source: Xinhua | 2023-06-19 | Editor: huaxia": where the copy comes from
        info = {"source_credit": text, "dates": dates}
        agency = find_agency(m.group("rest"))
        if agency:
            info.update(_agency_fields(agency))
        return info
    m = _BYLINE.match(leftover)
    if m and len(m.group("rest").split()) <= 12:
        info = {"byline": text}
        info.update(_parse_people_and_agency(_SEPARATORS.sub(", ", m.group("rest"))))
        if info.get("authors") or info.get("agency"):
            info["dates"] = dates
            return info
    if dates and _BYLINE_USER.match(leftover):
        return {"byline": text, "dates": dates}   # "June 19, 2023 by admin"
    if dates and len(leftover.split()) <= 6:
        return _date_line(text, leftover, dates)
    if rel and len(text.split()) <= 8 and not (_TERMINAL.search(text) and len(text.split()) > 4):
        return {"relative": rel}   # not a sentence: "Turkish troops crossed into Syria a week ago."
    return _undated_meta(line, text, in_header)


def _date_line(text: str, leftover: str, dates: list) -> dict | None:
    """What a short line holding a date says (``leftover``: the line without its dates).

    A date line: nothing else on it but an agency/place, a name, or a word or two
    beside a date label ("Published Time: ..."). A short sentence holding a date
    ("The vote is set for March 5, 2023.") is body text.
    """
    info = {"dates": dates}
    if not leftover:
        return info
    agency = find_agency(leftover)
    if agency:
        before = leftover[:agency[1].start()].strip(" ,")
        after = leftover[agency[1].end():].strip(" ,")
        others = len(before.split()) + len(after.split())
        if others <= 3:    # "PTI New Delhi", "World News | PTI", "Source: Xinhua | Editor: x"
            info.update(_agency_fields(agency))
            place = _place(after) if after and not before else None
            if place:
                info["dateline"] = place
            return info
    if _TERMINAL.search(text) and not text.rstrip().endswith(("a.m.", "p.m.")):
        return None
    if _NAME.match(leftover.strip(" ,")) or _ROLE_WORDS.search(leftover):
        first_date = min(d.start for d in dates)
        if re.search(r",\s*$", text[:first_date]) and _place(leftover):
            info["dateline"] = leftover.strip(" ,")   # "New Delhi, March 5, 2023"
            return info
        people = _parse_people_and_agency(leftover)   # "Jane Doe | March 5, 2023"
        if people.get("authors") or people.get("agency") or people.get("roles"):
            info.update(people)
            info["byline"] = text
            return info
    if any(d.label for d in dates) and len(leftover.split()) <= 2:
        return info
    if _READING_NOISE.fullmatch(leftover.strip(" ,;:|-–—·•()")):
        return info    # "April 25, 2024 7:32 AM 3 min read", "... UTC Updated ago"
    return None


def _undated_meta(line: _Line, text: str, in_header: bool) -> dict | None:
    """A meta line without a date: a correspondent "in" a place, a byline of roles only,
    or an agency with an optional place."""
    m = _NAME_IN_PLACE.match(text) if in_header else None
    if m:
        # "Amy Hawkins in Beijing": correspondent and dateline without "By"
        return {"byline": text, "authors": [m.group("name")], "dateline": m.group("place")}
    if line.words <= 8 and _BYLINE_ROLE.search(text) and not _TERMINAL.search(text) \
            and not re.search(r"\b(?!of\b|and\b|the\b|de\b)[a-z]\w*", _ROLE_WORDS.sub("", text)):
        # "Jane Doe, Staff Writer", "By Staff Reporter", "Express News Service"
        people = _parse_people_and_agency(_SEPARATORS.sub(", ", re.sub(r"^(?i:by)\s+", "", text)))
        if people.get("roles"):
            info = {"byline": text}
            info.update(people)
            return info
    agency = find_agency(text) if line.words <= 6 else None     # the cheap test first
    if agency and agency[1].start() == 0:
        rest = _SEPARATORS.sub(" ", text[agency[1].end():]).strip()
        place = _place(rest) if rest else None
        if not rest or place:
            info = _agency_fields(agency)
            if place:
                info["dateline"] = place
            return info
    return None


# What widgets print beside a date line: reading time, "ago" left by a relative timestamp.
_READING_NOISE = re.compile(
    r"(?:(?:\d+\s*(?:min|mins|minutes?)\s*(?:read|listen)|reading time\W*\d*\s*\w*|updated|ago"
    r"|last updated)\s*)*", re.IGNORECASE)


_OUTLET_PLACE = re.compile(r"^(?P<outlet>[A-Z][\w.&'’ -]{1,40}),\s*(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})$")


def _next_nonblank(lines: list[_Line], no: int) -> _Line | None:
    return next((ln for ln in lines[no:] if ln.text), None)   # lines[no] is line no+1


_SOURCE = re.compile(r"^(?:source|sources|via|courtesy)\s*:\s*(?P<rest>\S.*)$", re.IGNORECASE)
_NAME_IN_PLACE = re.compile(
    r"^(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})\s+in\s+(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})$")
