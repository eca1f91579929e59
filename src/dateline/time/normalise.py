"""TIMEX3 values for recognised expressions, relative to the document creation time.

``normalise(rule, match, ctx)`` returns (type, value, precision, direction) or None when the
match is not a time expression after all (a day 31 in April, "one day" as "a certain day" in
the past). Relative expressions use the direction of their clause (tense.py); without a
reference date they keep their underspecified form (``XXXX-03``), never today's date.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable

from dateline.time import dates as cal
from dateline.time import lexicon

LEX = lexicon.load()
MONTHS = {k: int(v) for k, v in LEX["month"].items()}
WEEKDAYS = {k: int(v) for k, v in LEX["weekday"].items()}
NUMBERS = {k: float(v) for k, v in LEX["number"].items()}
VAGUE = set(LEX["vague_number"])
ORDINALS = {k: int(v) for k, v in LEX["ordinal"].items()}
UNITS = LEX["unit"]
SEASONS = LEX["season"]
PODS = LEX["part_of_day"]
HOLIDAYS = LEX["holiday"]

Result = tuple  # (type, value, precision, direction)


@dataclass
class Context:
    """What normalisation needs besides the match: the reference date, a way to ask the
    direction of the clause at a span, and the text."""

    text: str
    ref: dt.date | None
    direction_at: Callable[[int, int], str | None]


# ---------------------------------------------------------------------------------------
# small parsers
# ---------------------------------------------------------------------------------------
_SPACE = re.compile(r"\s+")


def norm_words(s: str | None) -> str:
    return _SPACE.sub(" ", s.strip().lower()) if s else ""


def month_number(word: str) -> int:
    return MONTHS[norm_words(word).rstrip(".")]


def weekday_number(word: str) -> int:
    w = norm_words(word).rstrip(".")
    if w.endswith("s") and w[:-1] in WEEKDAYS:
        w = w[:-1]
    return WEEKDAYS[w]


def parse_number(text: str | None) -> float | str | None:
    """3, "three", "twenty-four", "a hundred", "2½" -> number; "several" -> "X"."""
    if not text:
        return None
    t = norm_words(text).replace("½", ".5").replace(" 1/2", ".5")
    if t in VAGUE:
        return "X"
    t2 = t.replace(",", "")
    try:
        return float(t2)
    except ValueError:
        pass
    if t in NUMBERS:
        return NUMBERS[t]
    total, current = 0.0, 0.0
    for word in re.split(r"[\s-]+", t):
        if word == "and":
            continue
        if word == "hundred":
            current = (current or 1) * 100
        elif word == "thousand":
            total += (current or 1) * 1000
            current = 0
        elif word in NUMBERS:
            current += NUMBERS[word]
        else:
            return None
    return total + current


def fmt_number(n: float | str) -> str:
    if isinstance(n, str):
        return n
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def unit_code(word: str) -> str:
    w = norm_words(word)
    irregular = {"centuries": "century", "millennia": "millennium", "millenniums": "millennium",
                 "hrs": "hour", "hr": "hour", "mins": "minute", "min": "minute", "yrs": "year",
                 "yr": "year"}
    w = irregular.get(w, w)
    if w not in UNITS and w.endswith("s"):
        w = w[:-1]
    return UNITS[w]


def duration_value(n: float | str, code: str) -> str:
    """P3Y, PT2H, P1.5Y -> P18M style values for a count of a unit."""
    if n == "X":
        if code == "2W":
            return "PXW"
        if code == "DE":
            return "PXY"          # "decades", "decades-long": an unknown number of years
        if code == "MIN":
            return "PTXM"
        return f"PTX{code}" if code in ("H", "S") else f"PX{code}"
    if code == "2W":
        n, code = n * 2, "W"
    if code == "CE":
        n, code = n * 100, "Y"
    if code == "ML":
        n, code = n * 1000, "Y"
    if code == "DE" and float(n).is_integer():
        n, code = n * 10, "Y"
    if not float(n).is_integer():
        smaller = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60),
                   "DE": ("Y", 10), "MIN": ("S", 60)}
        if code == "MIN" and int(n):
            return f"PT{int(n)}M{round((n - int(n)) * 60)}S"
        if code in smaller:
            small, factor = smaller[code]
            whole = int(n)
            rest = round((n - whole) * factor)
            if whole == 0:
                return duration_value(rest, small)
            if code in ("H",):
                return f"PT{whole}H{rest}M"
            if small == "H":
                return f"P{whole}DT{rest}H"
            letter = {"MIN": "M"}.get(small, small)
            return f"P{whole}{code}{rest}{letter}" if code != "DE" else f"P{whole * 10 + rest}Y"
    if code == "MIN":
        return f"PT{fmt_number(n)}M"
    if code in ("H", "S"):
        return f"PT{fmt_number(n)}{code}"
    return f"P{fmt_number(n)}{code}"


# ---------------------------------------------------------------------------------------
# resolution of partial dates against the reference date
# ---------------------------------------------------------------------------------------
def resolve_month(ref: dt.date, month: int, direction: str | None) -> int:
    """The year of a month named without one."""
    diff = month - ref.month
    if direction == "past":
        return ref.year if diff <= 1 else ref.year - 1
    if direction == "future":
        return ref.year if diff >= -1 else ref.year + 1
    if diff > 6:
        return ref.year - 1
    if diff < -6:
        return ref.year + 1
    return ref.year


def resolve_weekday(ref: dt.date, weekday: int, direction: str | None) -> dt.date:
    """A weekday named without a date: the publication day itself when it is that weekday,
    else the nearest one in the direction of the clause (past by default: news reports)."""
    today = ref.isoweekday()
    if weekday == today:
        return ref
    if direction == "nearest":            # a planned day reported in the past tense
        ahead = (weekday - today) % 7
        return ref + dt.timedelta(days=ahead) if ahead < 7 - ahead else ref - dt.timedelta(days=7 - ahead)
    if direction == "future":
        return ref + dt.timedelta(days=(weekday - today) % 7)
    return ref - dt.timedelta(days=(today - weekday) % 7)


def unit_value(ref: dt.date, unit: str, shift: int = 0) -> tuple[str, str]:
    """(value, precision) of the calendar unit containing ref shifted by ``shift`` units."""
    if unit == "day":
        return (ref + dt.timedelta(days=shift)).isoformat(), "day"
    if unit == "week":
        return cal.iso_week(ref + dt.timedelta(weeks=shift)), "week"
    if unit == "weekend":
        return cal.iso_week(ref + dt.timedelta(weeks=shift)) + "-WE", "week"
    if unit == "month":
        return cal.add_months(ref, shift).strftime("%Y-%m"), "month"
    if unit == "quarter":
        index = ref.year * 4 + cal.quarter_of(ref) - 1 + shift
        return f"{index // 4:04d}-Q{index % 4 + 1}", "quarter"
    if unit == "year":
        return f"{ref.year + shift:04d}", "year"
    if unit == "decade":
        return f"{ref.year // 10 + shift:03d}", "decade"
    if unit == "century":
        return f"{ref.year // 100 + shift:02d}", "century"
    raise KeyError(unit)


UNDERSPECIFIED = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE",
                  "month": "XXXX-XX", "quarter": "XXXX-QX", "year": "XXXX", "decade": "XXX",
                  "century": "XX"}


def four_digit(yy: str, ref: dt.date | None) -> int:
    """Two-digit years: the century that puts them nearest the reference year (default:
    19xx for 50-99, 20xx for 00-49)."""
    y = int(yy)
    if ref is not None:
        century = ref.year // 100 * 100
        candidates = [century - 100 + y, century + y, century + 100 + y]
        return min(candidates, key=lambda c: (abs(c - ref.year) if c <= ref.year + 10 else 1000))
    return 1900 + y if y >= 50 else 2000 + y


def direction_word(rel: str) -> int:
    """this -> 0, last/past/previous -> -1, next/coming/following -> +1."""
    r = norm_words(rel).replace("the ", "")
    if r in ("last", "past", "previous", "preceding"):
        return -1
    if r in ("next", "coming", "following"):
        return 1
    return 0


# ---------------------------------------------------------------------------------------
# rule handlers: (ctx, match) -> Result | None
# ---------------------------------------------------------------------------------------
def _g(m, name):
    try:
        return m.group(name)
    except IndexError:
        return None


def h_date_mdy(ctx, m):
    month = month_number(m.group("mon"))
    day = int(re.match(r"\d+", m.group("day")).group())
    year = _g(m, "year")
    if year:
        y = int(year)
        if not cal.valid_date(y, month, day):
            return None
        return "DATE", f"{y:04d}-{month:02d}-{day:02d}", "day", None
    if not cal.valid_date(0, month, day):
        return None
    if ctx.ref is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}", None, None
    direction = ctx.direction_at(m.start(), m.end())
    y = ctx.ref.year
    candidate = dt.date(y, month, min(day, 28 if month == 2 and not cal.valid_date(y, 2, day) else day))
    gap = (candidate - ctx.ref).days
    # the nearest year, unless the clause's tense says otherwise by more than a season
    if (gap > 183 and direction != "future") or (direction == "past" and gap > 90):
        y -= 1
    elif (gap < -183 and direction != "past") or (direction == "future" and gap < -90):
        y += 1
    if not cal.valid_date(y, month, day):
        return None
    return "DATE", f"{y:04d}-{month:02d}-{day:02d}", "day", direction


h_date_dmy = h_date_mdy
h_day_conjunct = h_date_mdy          # "April 24 and 25": the second day of the same month


def h_week_of(ctx, m):
    """ "the week of March 6": the ISO week containing the day (TIMEX3 week value)."""
    result = h_date_mdy(ctx, m)
    if result is None:
        return None
    _, value, precision, direction = result
    if precision != "day":
        return "DATE", "XXXX-WXX", None, None
    return "DATE", cal.iso_week(dt.date.fromisoformat(value)), "week", direction


def _month_mod(m):
    return norm_words(_g(m, "mod"))


def h_month_relyear(ctx, m):
    month = month_number(m.group("mon"))
    rel = norm_words(m.group("rel"))
    if rel in ("the previous", "the following", "the same"):
        return None
    if ctx.ref is None:
        return "DATE", f"XXXX-{month:02d}", None, None
    return "DATE", f"{ctx.ref.year + direction_word(rel):04d}-{month:02d}", "month", None


def h_month_wordyear(ctx, m):
    year = h_year_words(ctx, m)
    if year is None:
        return None
    return "DATE", f"{year[1]}-{month_number(m.group('mon')):02d}", "month", None


def h_month_year(ctx, m):
    month = month_number(m.group("mon"))
    year = int(m.group("year")) if _g(m, "year") else four_digit(m.group("yy"), ctx.ref)
    return "DATE", f"{year:04d}-{month:02d}", "month", None


def h_iso_date(ctx, m):
    y, mo, d = int(m.group("year")), int(m.group("month")), int(m.group("day"))
    if not cal.valid_date(y, mo, d):
        return None
    if _g(m, "hour"):
        return "TIME", f"{y:04d}-{mo:02d}-{d:02d}T{m.group('hour')}:{m.group('minute')}", "time", None
    return "DATE", f"{y:04d}-{mo:02d}-{d:02d}", "day", None


h_compact_date = h_iso_date


def h_iso_month(ctx, m):
    return "DATE", f"{m.group('year')}-{m.group('month')}", "month", None


def _numeric_date(ctx, day, month, yy):
    year = int(yy) if len(yy) == 4 else four_digit(yy, ctx.ref)
    if not cal.valid_date(year, month, day):
        return None
    return "DATE", f"{year:04d}-{month:02d}-{day:02d}", "day", None


def h_slash_date(ctx, m):
    a, b = int(m.group("a")), int(m.group("b"))
    if a > 12:            # 31/12/2021: day first
        return _numeric_date(ctx, a, b, m.group("y"))
    return _numeric_date(ctx, b, a, m.group("y"))


def h_dot_date(ctx, m):
    return _numeric_date(ctx, int(m.group("d")), int(m.group("m")), m.group("y"))


_YEAR_BAD_AFTER = re.compile(
    r"\s*(?:-\s*)?(?:people|persons|troops|soldiers|workers|employees|members|cases|deaths|votes|"
    r"tons|tonnes|feet|foot|meters|metres|miles|km|kilometers|kilometres|acres|units|shares|"
    r"barrels|cars|jobs|homes|houses|dollars|euros|pounds|yuan|yen|rupees|calories|points|"
    r"cents|students|children|men|women|refugees|prisoners|villages|delegates|seats|rounds|"
    r"times|hours|minutes|km/h|mph|mg|kg|lb|lbs|m|ft|rpm|hp|cc|mm|cm)\b", re.I)
_YEAR_BAD_BEFORE = re.compile(
    r"(?:\b(?:no\.|number|room|route|highway|flight|page|pages|p\.|pp\.|model|score|rank|resolution|"
    r"code|chapter|section|article|item|box|suite|apartment|apt\.|unit|about|nearly|some|over|"
    r"than|approximately|around|almost|top|more|least|#)\s*)$", re.I)
_YEAR_GOOD_BEFORE = re.compile(
    r"(?:\b(?:in|since|by|until|till|from|to|through|before|after|during|of|early|late|mid|year|"
    r"summer|winter|spring|autumn|fall|season|and|or|between|circa|c\.|fiscal|'s|since|the\s+year)\s*[,-]?\s*)$", re.I)


def h_year(ctx, m):
    year = int(m.group("year"))
    fiscal = _g(m, "fiscal")
    mod = _month_mod(m)
    before = ctx.text[max(0, m.start() - 25):m.start()]
    after = ctx.text[m.end():m.end() + 20]
    if not fiscal and not mod:
        if _YEAR_BAD_AFTER.match(after):
            return None
        if _YEAR_BAD_BEFORE.search(before) and not _YEAR_GOOD_BEFORE.search(before):
            return None
        if year < 1700 and not _YEAR_GOOD_BEFORE.search(before):
            return None
        if ctx.ref is not None and year > ctx.ref.year + 30 and not _YEAR_GOOD_BEFORE.search(before):
            return None
    bce = norm_words(_g(m, "bce")).replace(".", "")
    if bce in ("bc", "bce"):
        return "DATE", f"BC{year:04d}", "year", None
    return "DATE", f"{year:04d}", "year", None


def h_short_fiscal(ctx, m):
    return "DATE", f"{four_digit(m.group('yy'), ctx.ref):04d}", "year", None


def h_decade(ctx, m):
    if _g(m, "decade"):
        decade = int(m.group("decade"))
        if decade % 100 == 0 and re.search(r"\d00'?s", m.group(0)):
            # the 1800s: a century when it ends in 00
            return "DATE", f"{decade // 100:02d}", "century", None
        return "DATE", f"{decade // 10:03d}", "decade", None
    yy = int(m.group("yy"))
    century = 19 if yy >= 20 or ctx.ref is None or ctx.ref.year < 2000 else 20
    if ctx.ref is not None and yy >= 20 and ctx.ref.year >= 2000 and yy <= (ctx.ref.year % 100):
        century = 20
    return "DATE", f"{century}{yy // 10}", "decade", None


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}


def h_decade_word(ctx, m):
    before = ctx.text[max(0, m.start() - 12):m.start()].lower()
    if not m.group(0).lower().startswith("the") and "the" not in before:
        return None       # "in his forties" is an age
    if re.search(r"\b(?:his|her|their|its|my|your|our)\s*$", before):
        return None
    return "DATE", f"19{_DECADE_WORDS[norm_words(m.group('word'))]}", "decade", None


def h_century(ctx, m):
    o = norm_words(m.group("ord"))
    n = int(re.match(r"\d+", o).group()) if o[0].isdigit() else ORDINALS.get(o)
    if not n:
        return None
    bce = norm_words(_g(m, "bce")).replace(".", "")
    return "DATE", ("BC" if bce in ("bc", "bce") else "") + f"{n - 1:02d}", "century", None


def h_season_year(ctx, m):
    return "DATE", f"{int(m.group('year')):04d}-{SEASONS[norm_words(m.group('season'))]}", "season", None


def _season_year(ctx, season, shift, start, end):
    code = SEASONS[season]
    if ctx.ref is None:
        return "DATE", f"XXXX-{code}", None, None
    order = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
    month = order[code]
    if shift == 0:
        direction = ctx.direction_at(start, end)
        year = resolve_month(ctx.ref, month, direction) if direction else ctx.ref.year
        if code == "WI" and ctx.ref.month <= 2:
            year = ctx.ref.year - 1
        return "DATE", f"{year:04d}-{code}", "season", direction
    year = ctx.ref.year
    ref_season_month = {12: 12, 1: 12, 2: 12}.get(ctx.ref.month, (ctx.ref.month // 3) * 3)
    if shift < 0:
        year = year if month < ref_season_month else year - 1
        if ctx.ref.month <= 2 and code == "WI":
            year = ctx.ref.year - 2
        elif ctx.ref.month <= 2:
            year = ctx.ref.year - 1
    else:
        year = year if month > ref_season_month else year + 1
        if ctx.ref.month <= 2:
            year = ctx.ref.year if code != "WI" else ctx.ref.year
    return "DATE", f"{year:04d}-{code}", "season", "past" if shift < 0 else "future"


def h_season_rel(ctx, m):
    return _season_year(ctx, norm_words(m.group("season")), direction_word(m.group("rel")), m.start(), m.end())


def h_season_bare(ctx, m):
    return _season_year(ctx, norm_words(m.group("season")), 0, m.start("span"), m.end("span"))


_ORD_Q = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def h_year_ended(ctx, m):
    """ "for the year ended Sept. 30": the twelve months up to the date that follows (the
    date is its own expression)."""
    return "DURATION", "P1Y", "duration", None


def h_quarter(ctx, m):
    unit = norm_words(m.group("unit"))
    if unit == "period":
        # earnings reports: "the year-ago period", "the latest period" are the reported
        # quarter (or the same quarter a year before); any other period is not one
        if not re.search(r"\b(?:latest|year[\s-]ago|year[\s-]earlier|prior-year)\b", m.group(0), re.I) \
                or _g(m, "ord") or re.match(r"\s+of\b", ctx.text[m.end("unit"):m.end("unit") + 4]):
            return None  # "the latest period of unrest" is no reporting period
        unit = "quarter"
    letter = "Q" if unit == "quarter" else "H"
    count = 4 if letter == "Q" else 2
    ordword = norm_words(_g(m, "ord"))
    rels = norm_words(m.group(0))
    if ordword in ("final", "last"):
        ordinal = count
        if "last" == ordword and re.search(r"\b(?:the\s+)?last\s+(?:quarter|half)\b", rels) and not _g(m, "year") and not _g(m, "yrel"):
            ordinal = None  # "the last quarter" = the previous one
    else:
        ordinal = _ORD_Q.get(ordword)
    if ordinal is None and _g(m, "year") and re.match(r"(?:the\s+)?(?:last|final)\s+(?:quarter|half)\b", rels):
        ordinal = count     # "the last half of 1989": "last" read as the rel word, it is the ordinal
    text = m.group(0).lower()
    has_the = text.startswith("the") or bool(re.match(r"(?:this|last|next)\s+year's", text))
    rel_words = re.findall(r"this year's|last year's|next year's|this|last|next|past|current|latest|previous|coming|recent|same|year[\s-]ago|year[\s-]earlier|prior-year", text)
    if ordinal is None and not rel_words and not has_the:
        return None                       # "a quarter", "half" alone
    if ordinal is None and not rel_words and has_the and letter == "H":
        return None                       # "the half"
    year = None
    if _g(m, "year"):
        year = int(m.group("year"))
    elif ctx.ref is not None:
        if _g(m, "yrel"):
            year = ctx.ref.year + direction_word(m.group("yrel"))
        elif _g(m, "ycur"):
            year = ctx.ref.year + direction_word(m.group("ycur"))
        elif "last year's" in rel_words:
            year = ctx.ref.year - 1
        elif "next year's" in rel_words:
            year = ctx.ref.year + 1
        elif "this year's" in rel_words:
            year = ctx.ref.year
    ago = any(w.startswith("year") or w == "prior-year" for w in rel_words)
    if ctx.ref is None and year is None:
        value = f"XXXX-{letter}{ordinal if ordinal else 'X'}"
        return "DATE", value, None, None
    current = cal.quarter_of(ctx.ref) if ctx.ref is not None else 1
    if letter == "H" and ctx.ref is not None:
        current = 1 if ctx.ref.month <= 6 else 2
    direction = None
    if ordinal is None and ctx.ref is None:
        return "DATE", f"{year:04d}-{letter}X", None, None   # "the quarter of 1998"
    if ordinal is None:
        shift = 0
        if any(w in ("last", "previous", "past", "latest", "recent") for w in rel_words) or (not rel_words and has_the) or (ago and len(rel_words) == 1):
            shift = -1
        elif any(w in ("next", "coming") for w in rel_words):
            shift = 1
        if year is not None and not any(w in ("last", "previous", "past", "latest", "recent", "next", "coming") for w in rel_words):
            # "last year's quarter": the latest quarter's number, in the year named
            q = (current - 2) % count
            return "DATE", f"{year:04d}-{letter}{q + 1}", "quarter", None
        index = ctx.ref.year * count + current - 1 + shift
        y, q = divmod(index, count)
        if ago:
            y -= 1
        return "DATE", f"{y:04d}-{letter}{q + 1}", "quarter", None
    if year is None:
        direction = ctx.direction_at(m.start(), m.end())
        year = ctx.ref.year
        # a quarter still to come is last year's in a past clause when it is well ahead
        # (fourth quarter in a January report); otherwise the current year's
        if direction != "future" and (ordinal - current >= 2 or (ordinal > current and current == 1)):
            year -= 1
        if ago:
            year -= 1
    return "DATE", f"{year:04d}-{letter}{ordinal}", "quarter", direction


def h_quarter_code(ctx, m):
    letter = m.group("unit").upper()
    ordinal = int(m.group("ord"))
    if letter == "H" and ordinal > 2:
        return None
    y = _g(m, "year")
    if y:
        year = int(y) if len(y) == 4 else four_digit(y[-2:], ctx.ref)
        return "DATE", f"{year:04d}-{letter}{ordinal}", "quarter", None
    if ctx.ref is None:
        return "DATE", f"XXXX-{letter}{ordinal}", None, None
    direction = ctx.direction_at(m.start(), m.end())
    current = cal.quarter_of(ctx.ref) if letter == "Q" else (1 if ctx.ref.month <= 6 else 2)
    year = ctx.ref.year
    if direction == "future" and ordinal < current:
        year += 1
    elif direction != "future" and ordinal > current:
        year -= 1
    return "DATE", f"{year:04d}-{letter}{ordinal}", "quarter", direction


_DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
              "the day before yesterday": -2, "the day after tomorrow": 2}


def _pod(m) -> str:
    """The part of day after the day ("Friday night") or before it ("mid-afternoon
    yesterday"), as a key of PODS ("" when none)."""
    pod = norm_words(_g(m, "pod")) or norm_words(_g(m, "ppod"))
    return re.sub(r"^mid-?\s*", "", pod)


def h_day_word(ctx, m):
    word = norm_words(m.group("word"))
    pod = _pod(m)
    if word == "tonight":
        pod = "night"
    shift = _DAY_WORDS[word]
    if ctx.ref is None:
        value = "XXXX-XX-XX"
        precision = None
    else:
        value = (ctx.ref + dt.timedelta(days=shift)).isoformat()
        precision = "day"
    if pod:
        return "TIME", f"{value}T{PODS[pod]}", "time" if precision else None, None
    return "DATE", value, precision, None


def h_this_pod(ctx, m):
    rel = norm_words(m.group("rel"))
    pod = norm_words(m.group("pod"))
    shift = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[rel]
    if rel == "last" and pod != "night":
        shift = -1
    if ctx.ref is None:
        return "TIME", f"XXXX-XX-XXT{PODS[pod]}", None, None
    return "TIME", f"{(ctx.ref + dt.timedelta(days=shift)).isoformat()}T{PODS[pod]}", "time", None


def h_rel_unit(ctx, m):
    if _title_case_unit(ctx, m.start("rel"), m.group("unit"), m.start()):
        return None      # ABC's "This Week"
    if m.group("unit")[:1].isupper() and not m.group("unit").isupper() and m.group("rel")[:1].isupper() \
            and re.search(r"[\"“]$", ctx.text[max(0, m.start() - 1):m.start()]):
        return None      # a quoted Title ("This Week With David Brinkley"): a programme's name
    rel = norm_words(m.group("rel"))
    unit = norm_words(m.group("unit"))
    if rel in ("that", "the same", "the following", "the previous", "the preceding"):
        return None          # anchored to another date in the text: see anchor_relative
    shift = direction_word(rel)
    if unit == "day":
        if rel in ("this", "the current"):
            shift = 0
        else:
            return None      # "the next day", "the last day" (of a period): not the DCT
    if rel in ("the past", "past") and unit in ("decade", "century") and not _g(m, "mod"):
        # "over the past decade": the ten years up to the document date, not the previous
        # calendar decade (in 1998 "the past decade" is not the 1980s)
        return "DURATION", duration_value(1, UNITS[unit]), "duration", None
    if rel in ("the past", "the last") and unit in ("year", "decade", "century") and not _g(m, "mod"):
        # "the past year", "the last decade": the previous calendar unit
        if ctx.ref is None:
            return "DATE", UNDERSPECIFIED[unit], None, None
        value, precision = unit_value(ctx.ref, unit, -1)
        return "DATE", value, precision, "past"
    if rel.startswith("the ") and rel not in ("the current",) and not _g(m, "mod"):
        # "the past year", "the next month": a period reaching to the document date
        return "DURATION", duration_value(1, UNITS[unit] if unit in UNITS else "W"), "duration", None
    if ctx.ref is None:
        return "DATE", UNDERSPECIFIED[unit], None, None
    if unit == "weekend" and rel == "this" and ctx.ref.isoweekday() < 5 \
            and ctx.direction_at(m.start(), m.end()) == "past":
        shift = -1           # told in the past early in the week: the weekend just gone
    value, precision = unit_value(ctx.ref, unit, shift)
    return "DATE", value, precision, None


def h_anchored(ctx, m):
    """ "the next day", "that year": relative to the last date named before it, resolved
    after recognition (recognise._resolve_anchored); the value here is a placeholder."""
    rel = norm_words(m.group("rel")).replace("the ", "")
    unit = norm_words(m.group("unit"))
    shift = {"following": 1, "next": 1, "previous": -1, "preceding": -1, "prior": -1}.get(rel, 0)
    if unit in ("morning", "afternoon", "evening", "night"):
        unit = "day"
    return "DATE", f"@{shift}:{unit}", None, None


def h_earlier_in(ctx, m):
    unit = norm_words(m.group("unit"))
    if unit == "day":
        return "DATE", "@0:day", None, None      # the day just named (else the document's)
    if ctx.ref is None:
        return "DATE", UNDERSPECIFIED[unit], None, None
    value, precision = unit_value(ctx.ref, unit, 0)
    return "DATE", value, precision, None


def _holiday_date(name: str, year: int) -> dt.date | None:
    name = norm_words(name)
    if name in cal.MOVABLE_HOLIDAYS:
        return cal.MOVABLE_HOLIDAYS[name](year)
    if name in HOLIDAYS:
        mo, d = HOLIDAYS[name].split("-")
        return dt.date(year, int(mo), int(d))
    return None


def _holiday_value(ctx, name, shift, start, end, year=None):
    if year is not None:
        d = _holiday_date(name, year)
        return ("DATE", d.isoformat(), "day", None) if d else None
    if ctx.ref is None:
        d = _holiday_date(name, 2000)
        if d is None or norm_words(name) in cal.MOVABLE_HOLIDAYS:
            return "DATE", "XXXX-XX-XX", None, None
        return "DATE", "XXXX" + d.isoformat()[4:], None, None
    direction = {-1: "past", 1: "future"}.get(shift) or ctx.direction_at(start, end)
    this_year = _holiday_date(name, ctx.ref.year)
    if this_year is None:
        return None
    if direction == "past" and this_year > ctx.ref:
        this_year = _holiday_date(name, ctx.ref.year - 1)
    elif direction == "future" and this_year < ctx.ref:
        this_year = _holiday_date(name, ctx.ref.year + 1)
    elif direction not in ("past", "future"):
        # the nearest occurrence
        options = [_holiday_date(name, ctx.ref.year + k) for k in (-1, 0, 1)]
        this_year = min(options, key=lambda d: abs((d - ctx.ref).days))
    return "DATE", this_year.isoformat(), "day", direction


def h_rel_named(ctx, m):
    rel = norm_words(m.group("rel"))
    shift = direction_word(rel)
    if _g(m, "mon"):
        month = month_number(m.group("mon"))
        if ctx.ref is None:
            return "DATE", f"XXXX-{month:02d}", None, None
        if shift < 0:
            year = ctx.ref.year if month < ctx.ref.month else ctx.ref.year - 1
        elif shift > 0:
            year = ctx.ref.year if month > ctx.ref.month else ctx.ref.year + 1
        else:
            year = ctx.ref.year          # "this September": the publication year's
        return "DATE", f"{year:04d}-{month:02d}", "month", {-1: "past", 1: "future"}.get(shift)
    if _g(m, "wd"):
        wd = weekday_number(m.group("wd"))
        if rel in ("the previous", "the following"):
            # anaphoric: the weekday before/after the day just named (recognise._resolve_anchored)
            return "DATE", f"@{shift}:wd{wd}", None, None
        if ctx.ref is None:
            return "DATE", f"XXXX-WXX-{wd}", None, None
        today = ctx.ref.isoweekday()
        if shift < 0:
            delta = (today - wd) % 7 or 7
            return "DATE", (ctx.ref - dt.timedelta(days=delta)).isoformat(), "day", "past"
        if shift > 0:
            delta = (wd - today) % 7 or 7
            return "DATE", (ctx.ref + dt.timedelta(days=delta)).isoformat(), "day", "future"
        direction = ctx.direction_at(m.start(), m.end())
        return "DATE", resolve_weekday(ctx.ref, wd, direction).isoformat(), "day", direction
    return _holiday_value(ctx, m.group("holiday"), shift, m.start(), m.end())


def h_the_weekend(ctx, m):
    text = norm_words(m.group(0))
    if ctx.ref is None:
        return "DATE", "XXXX-WXX-WE", None, None
    if "last" in text.split():
        shift = -1
    elif "next" in text.split():
        shift = 1
    elif "that" in text.split():
        return None
    else:
        shift = 0
        direction = ctx.direction_at(m.start(), m.end())
        if text.startswith("the") and direction == "past" and ctx.ref.isoweekday() < 6:
            shift = -1
    return "DATE", cal.iso_week(ctx.ref + dt.timedelta(weeks=shift)) + "-WE", "week", None


_UNIT_TO_CAL = {"D": "day", "W": "week", "M": "month", "Y": "year", "DE": "decade", "CE": "century"}


def h_ago(ctx, m):
    dir_word = norm_words(m.group("dir"))
    n = parse_number(_g(m, "num")) if _g(m, "num") else None
    code = unit_code(m.group("unit"))
    if n is None:
        if _g(m, "num"):
            return None
        if not m.group("unit").lower().endswith("s"):
            return None      # "day later": not an expression on its own
        n = "X"
    if dir_word not in ("ago", "hence", "from now", "back"):
        # "three days later": a duration from another event (anchored), the span is the count;
        # "a year earlier" in a report compares with the same period a year before
        if not (code in ("Y", "M") and dir_word in ("earlier", "before")):
            return None
    sign = 1 if dir_word in ("hence", "from now") else -1
    if code in ("H", "MIN", "S"):
        if ctx.ref is None or n == "X":
            return "TIME", "XXXX-XX-XXTXX:XX", None, None
        return "DATE", ctx.ref.isoformat(), "day", None
    if n == "X":
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", "ref", None
    if ctx.ref is None:
        unit = _UNIT_TO_CAL.get(code, "day")
        return "DATE", UNDERSPECIFIED.get(unit, "XXXX"), None, None
    count = n
    if code == "2W":
        code, count = "W", n * 2
    if not float(count).is_integer():
        if code == "Y":
            code, count = "M", count * 12
        else:
            count = round(count)
    count = int(count) * sign
    if code == "D":
        return "DATE", (ctx.ref + dt.timedelta(days=count)).isoformat(), "day", None
    if code == "W":
        day = ctx.ref + dt.timedelta(weeks=count)
        if abs(count) >= 3 or _g(m, "approx"):
            # "six weeks ago", "nearly two weeks ago": a count that large (or hedged) is
            # not exact to the day; the week it points at is what it names
            return "DATE", cal.iso_week(day), "week", None
        # "two weeks ago": the day two weeks back (the news corpora date it to the day)
        return "DATE", day.isoformat(), "day", None
    if code == "M":
        return "DATE", cal.add_months(ctx.ref, count).strftime("%Y-%m"), "month", None
    if code == "Y":
        return "DATE", f"{ctx.ref.year + count:04d}", "year", None
    if code == "DE":
        return "DATE", f"{ctx.ref.year + 10 * count:04d}", "year", None
    if code == "CE":
        return "DATE", f"{(ctx.ref.year + 100 * count) // 100:02d}", "century", None
    return None


_NAMED_DAY_BEFORE = re.compile(r"\b(?:Black|Bloody|Good|Ash|Holy|Super|Cyber|Easter|Palm|Fat|Maundy)\s+$")


def h_weekday(ctx, m):
    if _NAMED_DAY_BEFORE.search(ctx.text[max(0, m.start() - 10):m.start()]):
        return None      # "Black Monday", "Super Tuesday": a named day, not a weekday
    wd = weekday_number(m.group("wd"))
    pod = _pod(m)
    # "Sunday Times", "Bloody Sunday": a capitalised word right after is a name
    after = ctx.text[m.end():m.end() + 20]
    if not pod and re.match(r"\s+(?-i:[A-Z][a-z]+)", after) and not re.match(
            r"\s+(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b", after):
        if re.match(r"\s+(?:Times|Telegraph|Mirror|Express|Herald|Post|Tribune|Independent|Observer|Morning|Night|Mail|Star|Sport|Club)\b", after):
            return None
    if ctx.ref is None:
        value, precision, direction = f"XXXX-WXX-{wd}", None, None
    else:
        direction = ctx.direction_at(m.start(), m.end())
        day = resolve_weekday(ctx.ref, wd, direction)
        if direction == "nearest":
            direction = "future" if day > ctx.ref else "past" if day < ctx.ref else None
        value, precision = day.isoformat(), "day"
    if pod:
        return "TIME", f"{value}T{PODS[pod]}", "time" if precision else None, direction
    return "DATE", value, precision, direction


def h_weekday_abbr(ctx, m):
    return h_weekday(ctx, m)


_MAY_CONTEXT = re.compile(
    r"(?:\b(?:in|since|by|until|till|through|from|of|during|before|after|early|late|mid|last|next|this|"
    r"between|and|to|or|end|beginning|start|middle|the|that)\s*-?\s*)$", re.I)


def h_month(ctx, m):
    month = month_number(m.group("mon"))
    mod = _month_mod(m)
    before = ctx.text[max(0, m.start() - 20):m.start()]
    after = ctx.text[m.end():m.end() + 20]
    word = m.group("mon")
    if month in (3, 5, 8) and not mod and not _MAY_CONTEXT.search(before):
        # "May" (verb/name), "March" (a march), "August" (adjective/name) need a date context
        if not (word.isupper() and len(word) > 3):
            return None
    if re.match(r"\s+(?-i:[A-Z][a-z])", after) and not re.match(r"\s+(?-i:(?:In|On|At|The|This|Last|Next|A|An|And|But|As|By|For|To)\b)", after):
        # "April Smith", "June Carter": a following capitalised word makes it a name...
        if not _MAY_CONTEXT.search(before):
            return None
    if ctx.ref is None:
        return "DATE", f"XXXX-{month:02d}", None, None
    direction = ctx.direction_at(m.start(), m.end())
    if re.search(r"\bback\s+in\s*$", before, re.I):
        direction = "past"
    year = resolve_month(ctx.ref, month, direction)
    return "DATE", f"{year:04d}-{month:02d}", "month", direction


def h_holiday_week(ctx, m):
    """ "Easter week", "Christmas week": the ISO week of the holiday; a holiday within a
    week of the publication date is that one, whatever the tense ("as Easter week began")."""
    if ctx.ref is None:
        return "DATE", "XXXX-WXX", None, None
    name = m.group("holiday")
    day = _holiday_date(name, ctx.ref.year)
    if day is None or abs((day - ctx.ref).days) > 7:
        result = _holiday_value(ctx, name, 0, m.start(), m.end())
        if result is None or result[2] != "day":
            return None
        day = dt.date.fromisoformat(result[1])
    return "DATE", cal.iso_week(day), "week", None


def h_holiday(ctx, m):
    if _g(m, "year"):
        return _holiday_value(ctx, m.group("holiday"), 0, m.start(), m.end(), int(m.group("year")))
    return _holiday_value(ctx, m.group("holiday"), 0, m.start(), m.end())


def _time_value(ctx, hour, minute, start, tz=None):
    """TIME values take their day from the document date (adjacent dates are joined later);
    UTC/GMT clock times carry Z."""
    day = ctx.ref.isoformat() if ctx.ref is not None else "XXXX-XX-XX"
    zone = "Z" if tz and norm_words(tz) in ("utc", "gmt", "z") else ""
    return "TIME", f"{day}T{hour:02d}:{minute:02d}{zone}", "time" if ctx.ref else None, None


def h_clock(ctx, m):
    hour = int(m.group("hour"))
    minute = int(m.group("minute") or 0)
    ampm = m.group("ampm").lower().replace(".", "")
    if hour > 12 or hour == 0 and ampm:
        return None
    if ampm == "pm" and hour < 12:
        hour += 12
    if ampm == "am" and hour == 12:
        hour = 0
    return _time_value(ctx, hour, minute, m.start(), _g(m, "tz"))


def h_clock24(ctx, m):
    hour = int(m.group("hour"))
    minute = int(m.group("minute"))
    ampm = (_g(m, "ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    elif not ampm and not _g(m, "tz"):
        # a bare "3:30" could be a score or a ratio: keep it only near time words
        around = ctx.text[max(0, m.start() - 20):m.end() + 12].lower()
        if not re.search(r"\b(?:at|by|until|till|from|around|about|before|after|since|hrs|hours|gmt|utc|local)\b", around):
            return None
    return _time_value(ctx, hour, minute, m.start(), _g(m, "tz"))


def h_clock_word(ctx, m):
    word = norm_words(m.group("word"))
    if re.search(r"\bhigh\s+$", ctx.text[max(0, m.start() - 6):m.start()], re.I):
        return None      # "High Noon"
    hour = 0 if word == "midnight" else 12
    day = ctx.ref.isoformat() if ctx.ref is not None else "XXXX-XX-XX"
    return "TIME", f"{day}T{hour:02d}:00", "time" if ctx.ref else None, None


def h_hour_pod(ctx, m):
    """ "4 in the morning", "ten at night": a clock hour made definite by the part of day."""
    return h_oclock(ctx, m)


def h_oclock(ctx, m):
    n = parse_number(m.group("hour"))
    if n is None or n == "X" or not 0 < n <= 12:
        return None
    hour = int(n)
    pod = norm_words(_g(m, "pod"))
    if ("afternoon" in pod or "evening" in pod or "night" in pod) and hour < 12:
        hour += 12
    return _time_value(ctx, hour, 0, m.start())


_SET_ADVERBS = {"annual": "P1Y", "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P3M",
                "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H", "nightly": "P1D",
                "biweekly": "P2W", "semiannually": "P6M", "fortnightly": "P2W"}


_RATE_BEFORE = re.compile(r"\d\s*(?:%|percent|per\s+cent|million|billion|trillion|dollars|cents)?\s*$", re.I)
_FREQUENCY_BEFORE = re.compile(r"\b(?:times|twice|once|thrice)\s*$", re.I)
_NOT_PLURAL_NOUNS = {"was", "is", "has", "this", "his", "its", "as", "us", "yes", "plus", "less", "unless",
                     "across", "perhaps", "always", "sometimes", "afterwards", "does", "thus", "besides",
                     "various", "previous", "serious", "famous", "nervous", "obvious", "gas", "bus"}


_COUNTED_NOUN = re.compile(
    r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|forty|fifty|"
    r"hundred|hundreds|thousand|thousands|million|millions|several|few|many|dozens)\s+(?:[a-z-]+\s+)?"
    r"([a-z]+s)\s+$", re.I)


def _plural_noun_before(before: str) -> bool:
    """ "four flights a week", "700 seats a week": a counted plural noun before "a week"."""
    m = _COUNTED_NOUN.search(before)
    return bool(m) and m.group(1).lower() not in _NOT_PLURAL_NOUNS


def _title_case_unit(ctx, word_start: int, word: str, match_start: int) -> bool:
    """A capitalised unit word inside a sentence ("ABC's This Week", "60 Minutes") is a
    title, not a time expression."""
    if not word[:1].isupper() or word.isupper():
        return False
    head = ctx.text[max(0, match_start - 3):match_start]
    return not re.search(r"(?:^|[.!?\n]\s*|[\"“]\s*)$", head) or match_start != word_start


#: nouns whose "N-month-old" is a person's age ("an 8-month-old truce" is a duration)
_AGE_NOUNS = set(LEX["age_noun"])


def h_duration(ctx, m):
    text = m.group(0)
    if _title_case_unit(ctx, m.start("num"), m.group("unit"), m.start()):
        return None      # "CBS's 60 Minutes"
    n = parse_number(m.group("num"))
    if n is None:
        return None
    code = unit_code(m.group("unit"))
    if _g(m, "old") and code in ("Y", "M", "W", "D"):
        if code == "Y":
            return None                   # ages of people are not time expressions
        after = re.match(r"[\s-]*([a-z]+)", ctx.text[m.end():m.end() + 20], re.I)
        if after and after.group(1).lower() in _AGE_NOUNS:
            return None                   # "their 6-month-old son": a person's age too
    if (_g(m, "half") or _g(m, "half0")) and n != "X":
        n = n + 0.5
    if code == "S" and norm_words(m.group("num")) in ("a", "an", "one") and not re.match(
            r"\s*(?:later|ago|earlier|or|and|[.,;)])", ctx.text[m.end():m.end() + 8]):
        return None      # "a second term", "a second day": the ordinal
    if n == 0:
        return None
    the = norm_words(_g(m, "the"))
    rel = norm_words(_g(m, "rel"))
    num_text = norm_words(m.group("num"))
    if num_text in ("a", "an", "one") and not rel and not _g(m, "approx") and not _g(m, "approx2"):
        before = ctx.text[max(0, m.start() - 30):m.start()]
        # "$5 a year", "twice a day": a rate, i.e. a SET
        if num_text in ("a", "an") and _FREQUENCY_BEFORE.search(before):
            return "SET", duration_value(1, code), "set", None      # "twice a week"
        if num_text in ("a", "an") and (_RATE_BEFORE.search(before) or _plural_noun_before(before)):
            return None      # "$1.76 a year", "four flights a week": a rate, not a time expression
        if num_text == "one" and code == "D" and not re.search(
                r"\b(?:for|in|within|than|about|over|just|only|every|per|each|a|the|first|last|after|by)\s*$", before, re.I):
            return None      # "one day" as "some day": the one_day rule decides
    if the == "a" and rel:
        return None
    return "DURATION", duration_value(n, code), "duration", None


def h_bare_units(ctx, m):
    code = unit_code(m.group("unit"))
    return "DURATION", duration_value("X", code), "duration", None


def h_set_every(ctx, m):
    q = norm_words(m.group("q"))
    n = parse_number(_g(m, "num")) if _g(m, "num") else 1
    if n in (None, "X"):
        n = "X" if n == "X" else 1
    if _g(m, "other"):
        n = 2
    if _g(m, "wd"):
        if q == "per":
            return None
        return "SET", f"XXXX-WXX-{weekday_number(m.group('wd'))}", "set", None
    if _g(m, "mon"):
        if q == "per" or _g(m, "num") or _g(m, "other"):
            return None
        return "SET", f"XXXX-{month_number(m.group('mon')):02d}", "set", None     # "each July"
    if _g(m, "pod"):
        if q == "per":
            return None
        return "SET", f"T{PODS[norm_words(m.group('pod'))]}", "set", None
    return "SET", duration_value(n, unit_code(m.group("unit"))), "set", None


def h_set_adverb(ctx, m):
    """ "held annually", "rallies almost daily": a recurrence. After a quantity ("rise 8%
    annually", "10,000 units annually", "$2 million annually") the word only states a
    rate, which TimeML does not tag."""
    before = ctx.text[max(0, m.start() - 30):m.start()]
    if _RATE_BEFORE.search(before) or _plural_noun_before(before) or \
            re.search(r"\b(?:million|billion|trillion)\s+$", before, re.I):
        return None
    return "SET", _SET_ADVERBS[norm_words(m.group("word"))], "set", None


def h_set_plural_weekday(ctx, m):
    return "SET", f"XXXX-WXX-{weekday_number(m.group('wd'))}", "set", None


def h_ref_duration(ctx, m):
    return "DURATION", LEX["ref_duration"][norm_words(m.group(0))], "duration", None


def h_ref_phrase(ctx, m):
    return "DATE", LEX["ref_phrase"][norm_words(m.group(0))], "ref", None


_SENTENCE_OPENING = re.compile(r"(?:[.!?:;]\s+|\n\s*)[\"'“‘`]*\s*$")


def h_ref_word(ctx, m):
    word = norm_words(m.group(0))
    before = ctx.text[max(0, m.start() - 12):m.start()]
    opening = _SENTENCE_OPENING.search(before) or (m.start() <= 12 and not before.strip(" \t\"'“‘`"))
    if word == "now" and ctx.text[m.end():m.end() + 1] == "," and opening:
        return None      # "Now, he says, ...": a discourse marker opening the sentence, not a time
    if word == "recent" and re.search(r"\bmost\s+$", before, re.I):
        return None      # "the most recent model": ranks things by recency, names no time
    return "DATE", LEX["ref_word"][word], "ref", None


def h_one_day(ctx, m):
    before = ctx.text[max(0, m.start() - 25):m.start()]
    if re.search(r"\b(?:for|in|within|than|about|over|just|only|every|per|each|a|the|first|last|after|by|of|to|and|or)\s*$", before, re.I):
        return None      # a duration: the duration rule reads it
    direction = ctx.direction_at(m.start("span"), m.end("span"))
    if direction in ("future", "present", None):
        return "DATE", "FUTURE_REF", "ref", "future"
    return None


HANDLERS = {name[2:]: fn for name, fn in globals().items() if name.startswith("h_")}


def normalise(rule: str, match, ctx: Context) -> Result | None:
    return HANDLERS[rule](ctx, match)


def h_decade_short(ctx, m):
    yy = int(m.group("yy"))
    century = 19
    if ctx.ref is not None and ctx.ref.year >= 2000 and yy <= ctx.ref.year % 100 - 10:
        century = 20 if yy < 20 else 19
    return "DATE", f"{century}{yy // 10}", "decade", None


def h_year_words(ctx, m):
    words = norm_words(m.group("words")).replace("-", " ").split()
    if words[0] == "two" and words[1] == "thousand":
        rest = parse_number(" ".join(w for w in words[2:] if w != "and")) if len(words) > 2 else 0
        if rest is None:
            return None
        year = 2000 + int(rest)
    else:
        head = 1900 if words[0] == "nineteen" else 2000
        rest_words = [w for w in words[1:] if w not in ("oh", "o")]
        rest = parse_number(" ".join(rest_words))
        if rest is None or rest >= 100:
            return None
        year = head + int(rest)
    return "DATE", f"{year:04d}", "year", None




def h_short_year(ctx, m):
    return "DATE", f"{four_digit(m.group('yy'), ctx.ref):04d}", "year", None


def h_clock_military(ctx, m):
    return _time_value(ctx, int(m.group("hour")), int(m.group("minute")), m.start(), m.group("tz"))


def h_the_day(ctx, m):
    """ "ended the day", "for the week": the day (week) of the last date named, else the
    document's."""
    unit = norm_words(m.group("unit"))
    return "DATE", f"@0:{'week' if unit == 'week' else 'day'}", None, None


def h_edge_of_unit(ctx, m):
    unit = norm_words(m.group("unit"))
    if unit == "day":
        return "DATE", "@0:day", None, None
    if ctx.ref is None:
        return "DATE", UNDERSPECIFIED[unit], None, None
    value, precision = unit_value(ctx.ref, unit, 0)
    return "DATE", value, precision, None


def h_whole_unit(ctx, m):
    """ "the full year", "the entire year": the year (month...) just named, else the
    document's."""
    return "DATE", f"@0:{norm_words(m.group('unit'))}", None, None


def h_unit_previous(ctx, m):
    rel = norm_words(m.group("rel"))
    shift = -1 if rel in ("previous", "before", "earlier", "prior") else 1
    return "DATE", f"@{shift}:{norm_words(m.group('unit'))}", None, None


def h_duration_range(ctx, m):
    n = parse_number(m.group("num"))
    if n in (None, "X") or n == 0:
        return None
    return "DURATION", duration_value(n, unit_code(m.group("unit"))), "duration", None


def h_duration_adjective(ctx, m):
    unit = m.group("unit1") or m.group("unit2") or m.group("unit3")
    code = unit_code({"centurie": "century", "centur": "century", "centurie": "century"}.get(unit, unit))
    if m.group("unit3") or (m.group("unit2") and m.group(0).lower().startswith(unit + "s")):
        return "DURATION", duration_value("X", code), "duration", None
    return "DURATION", duration_value(1, code), "duration", None


def h_duration_quarters(ctx, m):
    n = parse_number(m.group("num"))
    if n in (None,) or n == 0 or (n != "X" and n < 2):
        return None
    return "DURATION", f"P{fmt_number(n)}Q", "duration", None


HANDLERS = {name[2:]: fn for name, fn in globals().items() if name.startswith("h_")}
