"""Publication dates written the way a page writes them, to ISO.

A scraped article states its date in a local format: "Published 19.06.23, 06:03 AM",
"March 5, 2023", "Friday, 08 November 2024", "2023-06-19T06:03:00Z", "03/04/2023". This
module finds such a date in a string and says how sure it is: a numeric date whose day and
month could be swapped (03/04/2023) is decided from evidence (the caller's hint: an order
seen elsewhere on the page, or the site's domain; else the separator's convention) and
flagged ``ambiguous``. Relative dates ("2 hours ago") are never resolved: dateline does not
use today's date.

Knowledge lives in data files beside this module: ``data/months.txt``,
``data/weekdays.txt``, ``data/date_labels.txt``, ``data/date_order.txt``.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

from dateline.tables import read_table

DATA = Path(__file__).with_name("data")


@dataclass(frozen=True)
class PubDate:
    """One date found in a string."""

    value: str                 # ISO date "2023-06-19" or date-time "2023-06-19T06:03"
    ambiguous: bool            # numeric day/month order decided from evidence, not the digits
    text: str                  # the matched text, as written
    start: int = 0             # offsets of ``text`` in the parsed string
    end: int = 0
    label: str | None = None   # published | updated | ignore | None (no label before it)
    order: str | None = None   # dmy | mdy | ymd for numeric dates
    evidence: str = ""         # how the order was decided ("day > 12", "hint .in", ...)
    rule: str = ""             # which pattern matched: iso, month-name, numeric


# --------------------------------------------------------------------------------------
# Data files
# --------------------------------------------------------------------------------------
def _data_lines(name: str) -> list[str]:
    return ["\t".join(cells) for _, cells in read_table(DATA / name, header=False)]


@lru_cache(maxsize=None)
def _months() -> dict[str, int]:
    names: dict[str, int] = {}
    for line in _data_lines("months.txt"):
        number, *words = line.split()
        for w in words:
            names.setdefault(w.lower(), int(number))
    return names


@lru_cache(maxsize=None)
def _weekdays() -> list[str]:
    return [w.lower() for line in _data_lines("weekdays.txt") for w in line.split()]


@lru_cache(maxsize=None)
def date_labels() -> list[tuple[str, re.Pattern]]:
    out = []
    for line in _data_lines("date_labels.txt"):
        kind, pattern = line.split("\t", 1)
        out.append((kind, re.compile(pattern, re.IGNORECASE)))
    return out


@lru_cache(maxsize=None)
def _tld_orders() -> dict[str, tuple[str, bool]]:
    out = {}
    for line in _data_lines("date_order.txt"):
        parts = line.split()
        out[parts[0].lower()] = (parts[1], len(parts) > 2 and parts[2] == "weak")
    return out


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=None)
def _patterns() -> dict[str, re.Pattern]:
    month = rf"(?P<mon>{_alternation(_months())})\.?"
    weekday = rf"(?:(?:{_alternation(_weekdays())})\.?,?\s+)?"
    ordinal = r"(?:st|nd|rd|th|er|º|°)?"
    year4 = r"(?P<year>(?:19|20)\d{2})"
    flags = re.IGNORECASE
    return {
        # 2023-06-19, 2023-06-19T06:03:00Z, 2023/06/19, 2023.06.19
        "iso": re.compile(
            r"(?<![\d.])(?P<year>(?:19|20)\d{2})(?P<sep>[-/.])(?P<a>\d{1,2})(?P=sep)(?P<b>\d{1,2})"
            r"(?:[T ](?P<hh>\d{1,2}):(?P<mm>\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\d])", flags),
        # March 5, 2023 / Mar. 5th 2023 / Friday, March 5, 2023
        "month-day": re.compile(
            rf"\b{weekday}{month}\s+(?P<day>\d{{1,2}}){ordinal}\s*,?\s*{year4}\b", flags),
        # 5 March 2023 / Friday, 08 November 2024 / 5th of March, 2023 / 5. März 2023 /
        # 5 de marzo de 2023 / 19-Jun-2023
        "day-month": re.compile(
            rf"\b{weekday}(?P<day>\d{{1,2}}){ordinal}\.?(?:\s+of|\s+de)?[\s\-]+{month}"
            rf"(?:\s*,?\s*(?:de\s+)?|-){year4}\b", flags),
        # 19.06.23 / 03/04/2023 / 3-4-2023
        "numeric": re.compile(
            r"(?<![\d./-])(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)"
            r"(?P<year>\d{4}|\d{2})(?![\d]|[./-]\d)", flags),
    }


# Words between a date and its clock time: "at", "à", "um", "às", "alle", "a las", "ore".
_AT = r"(?:at|à|a\s+las|às|um|alle|ore|kl\.?)"
_TIME_AFTER = re.compile(
    rf"^\s*(?:,|\||{_AT}|-|–|—|/|·|•)?\s*(?:{_AT}\s+)?(?P<hh>\d{{1,2}})(?:[:h.](?P<mm>\d{{2}}))(?::\d{{2}})?"
    r"\s*(?P<ampm>[ap]\.?\s?m\.?)?(?![\w:])(?:\s*(?:uhr|hrs?)\b)?", re.IGNORECASE)
_TIME_AMPM_ONLY = re.compile(
    rf"^\s*(?:,|\||{_AT}|-|–|—)?\s*(?:{_AT}\s+)?(?P<hh>\d{{1,2}})\s*(?P<ampm>[ap]\.?\s?m\.?)(?!\w)", re.IGNORECASE)
_TIME_BEFORE = re.compile(
    r"(?<![+\-\d:.])(?P<hh>\d{1,2})[:h.](?P<mm>\d{2})(?::\d{2})?\s*(?P<ampm>[ap]\.?\s?m\.?)?"
    r"(?:\s*[A-Z]{2,4}(?:\s*[+-]\d{1,2}(?::?\d{2})?)?)?\s*(?:,|\||on|-|–|—|·|•)?\s*$", re.IGNORECASE)
_RELATIVE = re.compile(
    r"\b(?:\d+|an?|one|few)\s+(?:sec(?:ond)?s?|min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?)\s+ago\b"
    r"|\b(?:yesterday|today|just now)\b", re.IGNORECASE)


def relative_date(s: str) -> str | None:
    """The relative publication phrase in ``s`` ("3 hours ago"), which dateline never resolves."""
    m = _RELATIVE.search(s)
    return m.group(0) if m else None


# --------------------------------------------------------------------------------------
# Day/month order
# --------------------------------------------------------------------------------------
def order_from_hint(hint: str | None) -> tuple[str | None, str, bool]:
    """(order, evidence, weak) from a hint: "dmy"/"mdy"/"ymd", a URL, a host or a TLD."""
    if not hint:
        return None, "", False
    h = hint.strip().lower()
    if h in ("dmy", "mdy", "ymd"):
        return h, f"hint {h}", False
    host = urlparse(h).hostname if "://" in h else h.split("/")[0]
    host = (host or "").rstrip(".")
    if not host:
        return None, "", False
    tld = "." + host.rsplit(".", 1)[-1] if "." in host else (host if host.startswith(".") else "." + host)
    order, weak = _tld_orders().get(tld, (None, False))
    if order:
        return order, f"domain {tld}", weak
    return None, "", False


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _full_year(y: str) -> int:
    """Two-digit years pivot at 70 (a fixed rule: dateline never looks at today's date)."""
    n = int(y)
    if len(y) == 2:
        return 2000 + n if n < 70 else 1900 + n
    return n


def decide_order(a: int, b: int, year: int, sep: str, hint: str | None = None
                 ) -> tuple[str, bool, str] | None:
    """Order (dmy/mdy), ambiguous flag and evidence for the numeric date a{sep}b{sep}year."""
    dmy_ok = _valid(year, b, a)
    mdy_ok = _valid(year, a, b)
    if dmy_ok and not mdy_ok:
        return "dmy", False, "day > 12"
    if mdy_ok and not dmy_ok:
        return "mdy", False, "day > 12"
    if not (dmy_ok or mdy_ok):
        return None
    if a == b:
        return "dmy", False, "day == month"
    order, evidence, weak = order_from_hint(hint)
    if order in ("dmy", "mdy") and not weak:
        return order, True, evidence
    if sep == ".":
        return "dmy", True, "dotted numeric dates are day-first"
    if order in ("dmy", "mdy"):
        return order, True, evidence
    return "mdy", True, "default month-first for '/' and '-' (no other evidence)"


# --------------------------------------------------------------------------------------
# Finding dates
# --------------------------------------------------------------------------------------
def _time_near(s: str, start: int, end: int) -> tuple[str | None, int, int]:
    """A clock time right after (or right before) the date at s[start:end]."""
    after = s[end:end + 24]
    m = _TIME_AFTER.match(after) or _TIME_AMPM_ONLY.match(after)
    if m:
        hh, mm = int(m.group("hh")), int(m.groupdict().get("mm") or 0)
        ampm = (m.group("ampm") or "").lower().replace(".", "").replace(" ", "")
        t = _clock(hh, mm, ampm)
        if t:
            return t, start, end + m.end()
    before = s[max(0, start - 24):start]
    m = _TIME_BEFORE.search(before)
    if m:
        ampm = (m.group("ampm") or "").lower().replace(".", "").replace(" ", "")
        t = _clock(int(m.group("hh")), int(m.group("mm")), ampm)
        if t:
            return t, start - (len(before) - m.start()), end
    return None, start, end


def _clock(hh: int, mm: int, ampm: str) -> str | None:
    if ampm:
        if not 1 <= hh <= 12:
            return None
        hh = hh % 12 + (12 if ampm.startswith("p") else 0)
    if not (0 <= hh <= 23 and 0 <= mm <= 59):
        return None
    return f"{hh:02d}:{mm:02d}"


def _candidates(s: str, hint: str | None):
    pats = _patterns()
    months = _months()
    for rule, pat in pats.items():
        for m in pat.finditer(s):
            g = m.groupdict()
            order, ambiguous, evidence = None, False, ""
            if rule == "iso":
                year, month, day = int(g["year"]), int(g["a"]), int(g["b"])
                order = "ymd"
            elif rule in ("month-day", "day-month"):
                year, month, day = int(g["year"]), months[g["mon"].lower()], int(g["day"])
            else:
                year = _full_year(g["year"])
                a, b = int(g["a"]), int(g["b"])
                decided = decide_order(a, b, year, g["sep"], hint)
                if decided is None:
                    continue
                order, ambiguous, evidence = decided
                day, month = (a, b) if order == "dmy" else (b, a)
            if not (1900 <= year <= 2100) or not _valid(year, month, day):
                continue
            value = f"{year:04d}-{month:02d}-{day:02d}"
            start, end = m.start(), m.end()
            if rule == "iso" and g.get("hh") is not None:
                clock = _clock(int(g["hh"]), int(g["mm"]), "")
                if clock:
                    value += "T" + clock
            else:
                clock, start, end = _time_near(s, start, end)
                if clock:
                    value += "T" + clock
            yield PubDate(value=value, ambiguous=ambiguous, text=s[start:end].strip(),
                          start=start, end=end, order=order, evidence=evidence, rule=rule)


#: what every date pattern of :func:`_patterns` needs somewhere in the text: a four-digit
#: year (iso, month-day, day-month) or two numbers joined by . / - (numeric). Most lines of
#: a page hold neither, and one search for this is far cheaper than the four patterns.
_MAY_HOLD_DATE = re.compile(r"(?:19|20)\d{2}|\d[./-]\d")


def find_dates(s: str, hint: str | None = None) -> list[PubDate]:
    """Every date in ``s``, left to right, overlapping matches resolved longest-first,
    each with the label (published/updated/ignore) written just before it."""
    if not _MAY_HOLD_DATE.search(s):
        return []
    found = sorted(_candidates(s, hint), key=lambda d: (d.start, -(d.end - d.start)))
    chosen: list[PubDate] = []
    for d in found:
        if chosen and d.start < chosen[-1].end:
            continue
        chosen.append(d)
    labelled = []
    for d in chosen:
        labelled.append(_with_label(s, d, chosen))
    return labelled


def _with_label(s: str, d: PubDate, all_dates: list[PubDate]) -> PubDate:
    """The nearest label before the date, not separated from it by another date."""
    prev_end = max([o.end for o in all_dates if o.end <= d.start], default=0)
    window = s[prev_end:d.start]
    best = None
    for kind, pat in date_labels():
        for m in pat.finditer(window):
            if best is None or m.start() > best[1]:
                best = (kind, m.start())
    if best is None:
        return d
    return PubDate(**{**d.__dict__, "label": best[0]})


def parse_pubdate(s: str, hint: str | None = None) -> PubDate | None:
    """The publication date written in ``s``: a date labelled "published"/"posted" first, else
    the first unlabelled one, else one labelled "updated". None when ``s`` holds no date
    (relative dates such as "2 hours ago" give None: today's date is never used).

    ``hint`` decides numeric dates whose day and month could be swapped: "dmy", "mdy",
    a URL, host or TLD (".in" -> day-first). The result's ``ambiguous`` says so.
    """
    dates = [d for d in find_dates(s, hint) if d.label != "ignore"]
    for wanted in ("published", None, "updated"):
        for d in dates:
            if d.label == wanted:
                return d
    return None


_URL_DATE_PATH = re.compile(r"/(?P<y>(?:19|20)\d{2})(?P<sep>[/-])(?P<m>\d{1,2}|[a-z]{3,9})(?P=sep)(?P<d>\d{1,2})/",
                            re.IGNORECASE)


def url_path_date(url: str | None) -> str | None:
    """The date of a /YYYY/MM/DD/ path (or /YYYY/mon/DD/, or a /YYYY-MM-DD/ segment) in
    ``url``; never a date inside a slug ("/hearing-2019-11-19/")."""
    m = _URL_DATE_PATH.search(url or "")
    if not m:
        return None
    month = m.group("m")
    month_no = int(month) if month.isdigit() else _months().get(month.lower())
    try:
        return dt.date(int(m.group("y")), month_no or 0, int(m.group("d"))).isoformat()
    except (TypeError, ValueError):
        return None


def to_date(value: str) -> dt.date:
    return dt.date.fromisoformat(value[:10])
