"""One place that says whether a filter value is valid: dates, actor codes, event types,
quad classes, statuses, limits and offsets.

The CLI commands and the HTTP API both call these functions, so the same mistake gets the
same one-line message everywhere (the CLI names the option ``--from``, the API the
parameter ``from``; the reason after the name is identical). Each raises
:class:`ValidationError`, a :class:`~dateline.errors.DatelineError`: exit status 2 on the
command line, HTTP 400 from the API.
"""
from __future__ import annotations

import calendar
import functools
import re

from dateline.errors import DatelineError

DATE_SHAPE = "must be a date: YYYY, YYYY-MM or YYYY-MM-DD"
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
STATUSES = ("occurred", "planned", "hypothetical", "negated", "ongoing")


class ValidationError(DatelineError):
    """A filter value that is not valid (the message names the value and what is wrong)."""


def date(value: str | None, name: str = "date") -> str | None:
    """``value`` when it is a real YYYY, YYYY-MM or YYYY-MM-DD date (2020-02-30 is not)."""
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    m = _DATE.fullmatch(text)
    if m is None:
        raise ValidationError(f"{name}: {text!r} {DATE_SHAPE}")
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    if month is not None and not 1 <= int(month) <= 12:
        raise ValidationError(f"{name}: {text!r} is not a date: there is no month {month}")
    if day is not None:
        last = calendar.monthrange(year, int(month))[1]
        if not 1 <= int(day) <= last:
            raise ValidationError(f"{name}: {text!r} is not a date: "
                                  f"{calendar.month_name[int(month)]} {year} has {last} days")
    return text


def limit(value, name: str = "limit", allow_all: bool = False) -> int | None:
    """A row limit: a whole number >= 0, or ``all`` (None: no limit) where downloads allow it."""
    if isinstance(value, str):
        text = value.strip().lower()
        if text == "all":
            if allow_all:
                return None
            raise ValidationError(f"{name}: 'all' is not allowed here; give a number")
        if not re.fullmatch(r"\d+", text):
            raise ValidationError(f"{name}: {value!r} must be a whole number >= 0")
        value = int(text)
    if value is None:
        return None
    if int(value) < 0:
        raise ValidationError(f"{name}: '{value}' must be a whole number >= 0")
    return int(value)


def offset(value, name: str = "offset") -> int:
    """Rows to skip: a whole number >= 0."""
    try:
        n = int(str(value).strip()) if value is not None else 0
    except ValueError:
        n = -1
    if n < 0:
        raise ValidationError(f"{name}: {value!r} must be a whole number >= 0")
    return n


@functools.lru_cache(maxsize=1)
def known_actor_codes() -> frozenset[str]:
    """Codes the actor data can give: countries (ISO alpha-3), organisations' codes
    (IGO, NGO, UNO, MNC...), plus the user's extra data ($DATELINE_ACTORS_DATA)."""
    from dateline.actors.knowledge import _rows

    codes = {r[0].upper() for r in _rows("countries.tsv") if r and r[0]}
    codes |= {r[2].upper() for r in _rows("organisations.tsv") if len(r) > 2 and r[2]}
    return frozenset(codes)


def actor_code(value: str | None, name: str = "actor", extra: frozenset[str] | set[str] = frozenset()) -> str | None:
    """An actor code the actor data knows (``extra``: codes found in the store)."""
    if value is None or str(value).strip() == "":
        return None
    code = str(value).strip().upper()
    if not re.fullmatch(r"[A-Z0-9]{2,8}|---", code):
        raise ValidationError(f"{name}: {value!r} is not an actor code (ISO alpha-3 such as USA, "
                              "or IGO, NGO, UNO...)")
    if code != "---" and code not in known_actor_codes() and code not in extra:
        raise ValidationError(f"{name}: unknown actor code {code!r} (not in the actor data; "
                              "codes are ISO alpha-3 such as USA, or IGO, NGO, UNO...)")
    return code


@functools.lru_cache(maxsize=1)
def known_event_types() -> tuple[str, ...]:
    from dateline.events.patterns import plover_types

    return tuple(sorted(plover_types()))


def event_types(value: str | list[str] | None, name: str = "type") -> list[str] | None:
    """PLOVER types, comma-separated or a list; each must be a known type."""
    if value is None:
        return None
    items = value if isinstance(value, (list, tuple)) else str(value).split(",")
    wanted = [t.strip().upper() for t in items if t and t.strip()]
    if not wanted:
        return None
    known = known_event_types()
    for t in wanted:
        if t not in known:
            raise ValidationError(f"{name}: unknown event type {t!r}; one of {', '.join(known)}")
    return list(dict.fromkeys(wanted))


def quad(value, name: str = "quad") -> int | None:
    if value is None or str(value).strip() == "":
        return None
    try:
        q = int(str(value).strip())
    except ValueError:
        q = 0
    if q not in QUADS:
        raise ValidationError(f"{name}: {value!r} must be 1, 2, 3 or 4 "
                              "(verbal/material cooperation, verbal/material conflict)")
    return q


def statuses(value: str | list[str] | None, name: str = "status") -> list[str] | None:
    if value is None:
        return None
    items = value if isinstance(value, (list, tuple)) else str(value).split(",")
    wanted = [s.strip().lower() for s in items if s and s.strip()]
    for s in wanted:
        if s not in STATUSES:
            raise ValidationError(f"{name}: {s!r} must be one of {', '.join(STATUSES)}")
    return wanted or None
