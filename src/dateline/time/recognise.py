"""Find and normalise the time expressions of a text: the one function the stage, the CLI
and the evaluation call.

Recognition is rule based (patterns.py, built from lexicon.txt) over the raw text, so the
offsets are offsets in the text exactly as given. The spaCy parse, when there is one, is
used for what patterns cannot see: the tense of the clause that governs a relative
expression ("will meet Sunday" vs "on Sunday kicked off") and entity labels that veto a
reading ("April" in a PERSON). Overlapping matches: the longest wins, then the rule listed
first in patterns.py.
"""
from __future__ import annotations

import bisect
import re
from typing import Any

from dateline.model import Timex
from dateline.time import dates as cal
from dateline.time import tense
from dateline.time.normalise import Context, normalise
from dateline.time.patterns import PRIORITY, RULES, WINDOW_AFTER, WINDOW_BEFORE, WORD, rules_for_word

#: rules whose reading a spaCy entity label can veto, and the labels that do
_ENTITY_VETO = {
    "month": {"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "NORP", "GPE", "FAC"},
    "weekday": {"PERSON", "WORK_OF_ART", "ORG", "PRODUCT", "FAC"},
    "holiday": {"PERSON", "ORG", "WORK_OF_ART", "GPE", "FAC"},
    "year": {"MONEY", "PERCENT", "QUANTITY"},
    "one_day": {"ORG", "WORK_OF_ART"},
}


_CLOCK_BEFORE = r"(?:[\d:.]+\s*(?:a\.?m\.?|p\.?m\.?)\s*(?:[A-Z]{2,4}\s+)?,?\s*)?"
_UNTIL_BEFORE = re.compile(r"\b(?:until|till|through)\s+" + _CLOCK_BEFORE + "$", re.I)
_FOR_BEFORE = re.compile(r"\b(?:for|until|till|next|by)\s+" + _CLOCK_BEFORE + "$", re.I)
_POSSESSIVE_FORWARD = re.compile(r"\b(?:ahead\s+of|before|until|till|for|next)\s+$", re.I)
_DAY_NAME = re.compile(r"(?:early\s+|late\s+)?(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", re.I)
_SINCE_BEFORE = re.compile(r"\b(?:since|(?:shortly|soon|just|days|weeks)\s+after)\s+(?:the\s+|last\s+)?$", re.I)


def _direction_function(text: str, doc: Any):
    """direction_at(start, end) -> past | future | None for the expression at start:end:
    the tense of the governing clause (tense.py), adjusted by the words just before it."""
    cache: dict[tuple[int, int], str | None] = {}

    def direction_at(start: int, end: int) -> str | None:
        key = (start, end)
        if key in cache:
            return cache[key]
        result = None
        if doc is not None and tense.reported_plan(doc, start, end):
            result = "nearest"             # "planned a rally on Saturday": see tense.reported_plan
        elif doc is not None and tense.names_an_occasion(doc, start, end):
            # "Trump's July 25 call", "a July 10 meeting": see tense; told in the past tense
            # ("was arrested for the March 21 call") the occasion lies before the telling
            result = "past" if tense.direction_in_doc(doc, start, end) == "past" else "nearest"
        elif doc is not None:
            result = tense.direction_in_doc(doc, start, end)
            before = text[max(0, start - 40):start]
            after = text[end:end + 3]
            if after[:2] in ("'s", "’s") and not _POSSESSIVE_FORWARD.search(before):
                result = "past"            # "Wednesday's ruling": an occasion already reported
            elif _UNTIL_BEFORE.search(before) and result == "past" and \
                    tense.perfect_or_present(doc, start, end):
                result = "future"          # "has given them until 9 a.m. Tuesday"
            elif _SINCE_BEFORE.search(before):
                result = "past"            # "since Oct. 23", "shortly after the Oct. 23 slaying"
            elif result in ("present", None):
                if _FOR_BEFORE.search(before):
                    result = "future"      # "scheduled for Sunday", "until Friday"
                elif result == "present" and _DAY_NAME.match(text[start:end]) and \
                        tense.scheduled_present(doc, start, end):
                    result = "future"      # "they meet Monday"
                elif result == "present":
                    result = None
        if result is None:
            result = tense.direction_in_text(text, start, end) if doc is None else None
        cache[key] = result
        return result

    return direction_at


def _entity_labels(doc: Any):
    """A function (start, end) -> set of entity labels overlapping that character span."""
    if doc is None:
        return lambda start, end: set()
    spans = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    starts = [s for s, _, _ in spans]

    def labels(start: int, end: int) -> set[str]:
        out = set()
        i = bisect.bisect_right(starts, end) - 1
        while i >= 0 and i >= len(spans) - 10_000:
            s, e, label = spans[i]
            if e <= start:
                if s < start - 200:
                    break
                i -= 1
                continue
            if s < end:
                out.add(label)
            i -= 1
        return out

    return labels


def _windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """rule -> merged character windows around the words that trigger it (one pass)."""
    out: dict[str, list[tuple[int, int]]] = {}
    size = len(text)
    for m in WORD.finditer(text):
        rules = rules_for_word(m.group())
        if not rules:
            continue
        start, end = max(0, m.start() - WINDOW_BEFORE), min(size, m.end() + WINDOW_AFTER)
        for rule in rules:
            windows = out.get(rule)
            if windows is None:
                out[rule] = [(start, end)]
            elif start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(windows[-1][1], end))
            else:
                windows.append((start, end))
    return out


def _matches(regex, text: str, windows, size: int):
    """The regex's matches inside the windows. A match that starts or ends inside a word
    ("Florid|a six weeks ago") is skipped and the search goes on from the next character
    (so "six weeks ago" is still found); a match touching a window edge that is not the
    text's edge is dropped (it may be cut short; the trigger's own window has it whole)."""
    for start, end in windows:
        pos = start
        while pos < end:
            m = regex.search(text, pos, end)
            if m is None:
                break
            s, e = m.span()
            if e == s:
                pos = s + 1
                continue
            if (s > 0 and text[s].isalpha() and text[s - 1].isalpha()) or \
                    (e < size and text[e - 1].isalpha() and text[e].isalpha()):
                pos = s + 1
                continue
            if (s == start and start > 0) or (e == end and end < size):
                pos = s + 1
                continue
            yield m
            pos = e


def find_timexes(text_or_doc: Any, published: str | None = None, *, doc: Any = None,
                 parse: bool = False) -> list[Timex]:
    """Time expressions of a text (str) or spaCy Doc, sorted by offset.

    ``published``: ISO date or date-time of the document (the reference for relative
    expressions) or None: then relative expressions keep underspecified values
    (``XXXX-03``). ``parse=True`` parses a str with dateline's spaCy pipeline first (tense
    from the parse); otherwise a str is read with word cues only. Raises ValueError on a
    ``published`` that is not an ISO date."""
    if isinstance(text_or_doc, str):
        text = text_or_doc
        if doc is None and parse and text.strip():
            from dateline import nlp
            doc = nlp.load()(text)
    else:
        doc = text_or_doc
        text = doc.text
    ref = cal.parse_reference(published)
    ctx = Context(text=text, ref=ref, direction_at=_direction_function(text, doc))
    entity_labels = _entity_labels(doc)

    candidates = []
    windows_of = _windows(text)
    size = len(text)
    for rule, regex in RULES:
        windows = windows_of.get(rule)
        if not windows:
            continue
        for m in _matches(regex, text, windows, size):
            try:
                start, end = m.span("span")
            except IndexError:
                start, end = m.span()
            if start < 0 or end <= start:
                continue
            if (start > 0 and text[start].isalpha() and text[start - 1].isalpha()) or \
                    (end < size and text[end - 1].isalpha() and text[end].isalpha()):
                continue       # the span group starts or ends inside a word
            if "\n\n" in text[start:end] or "\n\r\n" in text[start:end]:
                continue       # an expression never crosses a paragraph break
            candidates.append((end - start, -PRIORITY[rule], start, end, rule, m))
    # longest first; among equals the rule listed first; normalise lazily
    candidates.sort(key=lambda c: (-c[0], -c[1], c[2]))
    taken: list[tuple[int, int]] = []
    found: list[Timex] = []
    for _, _, start, end, rule, m in candidates:
        if any(s < end and start < e for s, e in taken):
            continue
        veto = _ENTITY_VETO.get(rule)
        if veto and entity_labels(start, end) & veto:
            continue
        result = normalise(rule, m, ctx)
        if result is None:
            continue
        type_, value, precision, direction = result
        if direction == "nearest":
            direction = None               # no tense to report (the nearest occurrence was taken)
        taken.append((start, end))
        found.append(Timex(start=start, end=end, text=text[start:end], type=type_, value=value,
                           precision=precision, rule=rule, direction=direction))
    found.sort(key=lambda t: t.start)
    found = _join_times_to_dates(found, text)
    found = _day_before_date(found, text)
    _same_period_a_year_before(found, text)
    _resolve_anchored(found, ref, doc)
    _year_from_context(found, text, ref)
    _mark_datelines(found, text)
    return found


_DAY_BEFORE = re.compile(r"\bthe\s+(day|night)\s+(before|after)\s+(?:the\s+)?$", re.I)
_DATE_VALUE = re.compile(r"^\d{4}-\d\d-\d\d$")


def _day_before_date(timexes: list[Timex], text: str) -> list[Timex]:
    """ "the day before last Tuesday's hearing", "the day after Christmas": one expression,
    the named day shifted by one (an expression the recogniser matched inside the phrase,
    such as "the day before", is absorbed)."""
    import datetime as dt
    drop: set[int] = set()
    for i, t in enumerate(timexes):
        if t.type != "DATE" or not _DATE_VALUE.match(t.value):
            continue
        m = _DAY_BEFORE.search(text[max(0, t.start - 30):t.start])
        if m is None:
            continue
        start = t.start - (len(m.group(0)))
        try:
            day = dt.date.fromisoformat(t.value)
        except ValueError:
            continue
        shift = -1 if m.group(2).lower() == "before" else 1
        inside = [j for j, other in enumerate(timexes) if j != i and other.start < t.start and other.end > start]
        if any(timexes[j].start < start or timexes[j].end > t.start for j in inside):
            continue       # an expression reaching across the phrase's edge: leave both alone
        drop.update(inside)
        t.value = (day + dt.timedelta(days=shift)).isoformat()
        t.start, t.text = start, text[start:t.end]
        t.rule += "+day-" + m.group(2).lower()
    return [t for k, t in enumerate(timexes) if k not in drop]


_FOUR_DIGITS = re.compile(r"(?<!\d)(1\d{3}|20\d\d)(?!\d)")
_YEARLESS_RULES = ("month", "date_mdy", "date_dmy", "season_bare", "holiday")
#: expressions that only text written from its publication date uses ("yesterday",
#: "last week", "two days ago"); a history has a few at most
_DEICTIC = re.compile(r"^(?:(?:early|late|earlier|later)\s+)?(?:today|tonight|yesterday|tomorrow|"
                      r"(?:this|last|next)\s+(?:week|month|year|morning|night|weekend)|.+\s+ago)$", re.I)
#: how far back (characters) a year written out still sets the year of a month named alone
YEAR_CONTEXT_CHARS = 600


def _year_from_context(timexes: list[Timex], text: str, ref) -> None:
    """A month or day named without a year ("in April", "On June 10") in a passage about
    another year takes that year ("In 1940 ... In April" is April 1940): the last year
    written out in the preceding YEAR_CONTEXT_CHARS characters, when it is not the
    publication year. Only in narrative text (most written years are far from the
    publication year, e.g. a history); news about the present keeps the publication-date
    reading, and without a publication date nothing is guessed."""
    if ref is None:
        return               # without a publication date relative values stay underspecified
    written_years = [int(m.group(1)) for t in timexes for m in [_FOUR_DIGITS.search(t.text)]
                     if m and t.value[:4] == m.group(1)]
    near = sum(1 for y in written_years if abs(y - ref.year) <= 1)
    if len(written_years) < 6 or near / len(written_years) >= 0.3:
        return               # news about the present: months are read against the publication date
    deictic = sum(1 for t in timexes if _DEICTIC.match(t.text))
    if deictic >= max(1, 0.04 * len(timexes)):
        return               # "yesterday", "last week", "two days ago": written from the publication date
    last_year: tuple[int, int] | None = None      # (year, end offset)
    for t in timexes:
        written = _FOUR_DIGITS.search(t.text)
        if written and t.type in ("DATE", "TIME") and t.value[:4] == written.group(1):
            last_year = (int(written.group(1)), t.end)
            continue
        if t.rule not in _YEARLESS_RULES or written or last_year is None:
            continue
        year, where = last_year
        if t.start - where > YEAR_CONTEXT_CHARS or (ref is not None and year == ref.year):
            continue
        if t.direction == "future":
            continue         # a month still to come is not in a past year
        if not re.match(r"^(?:\d{4}|XXXX)(-|$)", t.value):
            continue
        new_value = f"{year:04d}{t.value[4:]}"
        if t.value[4:].startswith("-") and len(t.value) >= 10 and t.value[5:7].isdigit() and t.value[8:10].isdigit():
            from dateline.time import dates as cal
            if not cal.valid_date(year, int(t.value[5:7]), int(t.value[8:10])):
                continue
        t.value = new_value
        if t.precision is None:
            t.precision = {7: "month", 10: "day"}.get(len(new_value), t.precision)
        t.rule += "+year-in-context"


_DATELINE_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?-i:[A-Z][A-Za-z.'-]*(?:[ \t]+[A-Z][A-Za-z.'-]*){0,3}),[ \t]*$")
_DATELINE_AFTER = re.compile(r"^[ \t]*(?:\((?-i:[A-Z])[A-Za-z]+\)|--|—|–|_)")


_PUBLISHED_BEFORE = re.compile(r"\b(?:published|updated|posted|last\s+updated|first\s+published)(?:\s+on)?\s*:?\s*$", re.I)


def _mark_datelines(timexes: list[Timex], text: str) -> None:
    """ "WASHINGTON, August 11 (Xinhua) --", "Published 19.06.23, 06:03 AM": the date of a
    dateline or byline is the publication date written out, not the date of anything
    reported; its rule says so ("+dateline") and anchoring skips it."""
    for t in timexes:
        if t.type not in ("DATE", "TIME"):
            continue
        if (_DATELINE_BEFORE.search(text[max(0, t.start - 40):t.start]) and _DATELINE_AFTER.match(text[t.end:t.end + 12])) \
                or _byline_published(text, t.start):
            t.rule += "+dateline"


_PROSE_WORD = re.compile(r"\b(?:a|an|the|its|his|her|their|was|were|is|are|has|had|which|that)\b", re.I)


def _byline_published(text: str, start: int) -> bool:
    """ "Published 19.06.23", "By X | Updated: May 3": a byline's own date. The same verb in
    running prose ("in a statement published Oct. 25") dates what the sentence tells."""
    m = _PUBLISHED_BEFORE.search(text[max(0, start - 30):start])
    if not m:
        return False
    keyword_at = max(0, start - 30) + m.start()
    line_start = text.rfind("\n", 0, keyword_at) + 1
    prefix = text[line_start:keyword_at]
    return len(prefix.strip()) <= 40 and not _PROSE_WORD.search(prefix)


_JOINER = re.compile(r"^[\s,]*(?:\([^()]{1,24}\)\s*)?(?:(?:at|on|of|,)\s*)*$", re.I)
_GLUE = re.compile(r"^\s*,?\s*$")
_DAY_VALUE = re.compile(r"^(?:\d{4}|XXXX)-(?:\d\d|XX)-(?:\d\d|XX)$")


def _join_times_to_dates(timexes: list[Timex], text: str) -> list[Timex]:
    """A clock time next to a dated day ("3 p.m. Monday", "Monday at 3 p.m.") takes that
    day instead of the document date; written together ("5 p.m. EST, Nov. 9") they are
    one expression."""
    drop = set()
    for i, t in enumerate(timexes):
        if t.type != "TIME" or "T" not in t.value or t.rule.startswith("iso") or i in drop:
            continue
        clock = t.value.split("T", 1)[1]
        if not clock[:1].isdigit():
            continue
        for j in (i + 1, i - 1):
            if 0 <= j < len(timexes) and j not in drop:
                other = timexes[j]
                if not _DAY_VALUE.match(other.value):
                    continue
                gap = text[other.end:t.start] if j < i else text[t.end:other.start]
                if len(gap) <= 30 and _JOINER.match(gap):
                    t.value = f"{other.value[:10]}T{clock}"
                    t.precision = "time" if other.precision == "day" else None
                    if _GLUE.match(gap):
                        t.start, t.end = min(t.start, other.start), max(t.end, other.end)
                        t.text = text[t.start:t.end]
                        t.rule += "+" + other.rule
                        drop.add(j)
                    break
    kept = [t for k, t in enumerate(timexes) if k not in drop]
    # a clock time with no day beside it takes the day named elsewhere in its sentence
    # ("shot at 10 p.m. ... on Friday"), else keeps the document date
    for i, t in enumerate(kept):
        if t.type != "TIME" or "+" in t.rule or not t.rule.startswith(("clock", "oclock", "hour_pod")) \
                or "T" not in t.value:
            continue
        clock = t.value.split("T", 1)[1]
        if not clock[:1].isdigit():
            continue
        best = None
        for other in kept:
            if other is t:
                continue
            # a day, or the same moment restated in brackets with its day
            # ("at 4 in the morning (4 a.m. EDT Thursday)")
            dated_time = other.type == "TIME" and "+" in other.rule and _DAY_VALUE.match(other.value[:10]) \
                and other.start > t.end and _BRACKET_GAP.match(text[t.end:other.start])
            if not dated_time and (other.precision != "day" or not _DAY_VALUE.match(other.value)):
                continue
            lo, hi = (other.end, t.start) if other.end <= t.start else (t.end, other.start)
            if hi - lo > 200 or _SENTENCE_END.search(text[lo:hi]):
                continue
            if best is None or hi - lo < best[0]:
                best = (hi - lo, other)
        if best is not None:
            t.value = f"{best[1].value[:10]}T{clock}"
            t.rule += "+sentence-day"
    return kept


_BRACKET_GAP = re.compile(r"^\s*[(\[]\s*$")
_SENTENCE_END = re.compile(r"(?<!a\.m)(?<!p\.m)(?<!\b[A-Z])[.!?][\"'”’)]*\s+(?-i:[A-Z\"“])|\n\n")
_YEAR_BEFORE = re.compile(r"^(?:a|one)\s+year\s+(?:ago|earlier|before)$", re.I)


def _same_period_a_year_before(timexes: list[Timex], text: str) -> None:
    """ "a year ago/earlier" in a report that has just named a quarter or half means that
    period a year before (results compared with the year-ago quarter)."""
    for i, t in enumerate(timexes):
        if t.rule != "ago" or not _YEAR_BEFORE.match(t.text):
            continue
        for prev in reversed(timexes[max(0, i - 6):i]):
            if t.start - prev.end > 600:
                break
            if prev.rule.startswith("ago") or re.search(r"year[\s-](?:ago|earlier)|prior-year", prev.text, re.I):
                continue      # itself a year-before period: not the period reported on
            if prev.precision == "quarter" and re.match(r"^\d{4}-[QH]\d$", prev.value):
                t.value = f"{int(prev.value[:4]) - 1:04d}{prev.value[4:]}"
                t.precision = "quarter"
                t.rule += "+period"
                break


_CONCRETE = re.compile(r"^(\d{4})(?:-(\d\d))?(?:-(\d\d))?$")
_WEEK_VALUE = re.compile(r"^(\d{4})-W(\d\d)$")


#: expressions of the day the story is on ("ended the day", "later in the day", "the rest of
#: the day"), not of a day just named in passing: see _story_day
_CURRENT_DAY_RULES = ("the_day", "edge_of_unit", "whole_unit")


def _resolve_anchored(timexes: list[Timex], ref, doc: Any = None) -> None:
    """ "the next day", "that year", "ended the day", "the previous Friday": shift the last
    date named before the expression that is at least as fine as the unit (else the
    document date) by the unit, or go to the weekday before/after it; underspecified
    without either. The day the story is on ("later in the day") skips days named inside
    what describes a noun or what someone said (:func:`_story_day`)."""
    import datetime as dt
    from dateline.time.normalise import unit_value

    rank = {"year": 1, "month": 2, "week": 2, "day": 3}
    seen: list[tuple[dt.date, int]] = []
    scopes: list[tuple[int, int] | None] = []
    for t in timexes:
        if t.value.startswith("@"):
            shift_text, unit = t.value[1:].split(":")
            weekday = int(unit[2:]) if unit.startswith("wd") else None    # "the previous Friday"
            needed = rank["day" if weekday else unit]
            if unit == "day" and shift_text == "0" and t.rule in _CURRENT_DAY_RULES and doc is not None:
                base = _story_day(t, seen, scopes, ref)
            else:
                base = next((d for d, r in reversed(seen) if r >= needed), None)
            if base is None:
                base = ref
            if base is None:
                t.value = f"XXXX-WXX-{weekday}" if weekday else \
                    {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX"}[unit]
                t.precision = None
                continue
            if weekday:
                if int(shift_text) < 0:
                    day = base - dt.timedelta(days=(base.isoweekday() - weekday) % 7 or 7)
                else:
                    day = base + dt.timedelta(days=(weekday - base.isoweekday()) % 7 or 7)
                t.value, t.precision = day.isoformat(), "day"
            else:
                t.value, t.precision = unit_value(base, unit, int(shift_text))
            t.rule += "+previous-date"
            continue
        value = t.value[:10] if t.type == "TIME" else t.value
        m = _CONCRETE.match(value)
        before = len(seen)
        if m and t.type in ("DATE", "TIME"):
            year, month, day = int(m.group(1)), m.group(2), m.group(3)
            try:
                seen.append((dt.date(year, int(month or 1), int(day or 1)), 3 if day else 2 if month else 1))
            except ValueError:
                continue
        else:
            w = _WEEK_VALUE.match(t.value)
            if w:
                seen.append((dt.date.fromisocalendar(int(w.group(1)), int(w.group(2)), 1), 2))
            elif re.match(r"^\d{4}-[QH]\d$", t.value):
                seen.append((dt.date(int(t.value[:4]), 1, 1), 1))   # a quarter names its year
        if len(seen) > before:
            # the document's own day ("whatever happens today") is never an aside
            own_day = ref is not None and seen[-1] == (ref, 3)
            scopes.append(_aside_scope(doc, t) if doc is not None and not own_day else None)


def _story_day(t: Timex, seen: list, scopes: list, ref):
    """The day a "the day" expression is on: the last day named that the expression can
    see. A day named inside what describes a noun ("the aid he learned of on July 10",
    "Trump's July 25 call") or inside what someone said ("said he met them on July 10") is
    an aside of its sentence: a later "earlier in the day" or "for the day" is on the day
    the story tells, not on it (unless the expression is inside the same aside). With no
    day in view: the document's date, else (no publication date) the last day named."""
    for (day, rank), scope in zip(reversed(seen), reversed(scopes)):
        if rank < 3:
            continue
        if scope is None or scope[0] <= t.start < scope[1]:
            return day
    return ref if ref is not None else next((d for d, r in reversed(seen) if r >= 3), None)


#: dependencies that open an aside of a sentence: a clause describing a noun, or reported
#: speech
_ASIDE_DEPS = ("relcl", "acl", "ccomp", "parataxis")


def _aside_scope(doc: Any, t: Timex) -> tuple[int, int] | None:
    """(start, end) characters of the aside the expression lies in (the widest clause
    describing a noun or reported, or the noun phrase of an occasion it names), or None
    when it dates what its sentence tells."""
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    widest = None
    if tense.names_an_occasion(doc, t.start, t.end):
        widest = span.root.head
    current = span.root
    for _ in range(30):
        if current.dep_ in _ASIDE_DEPS:
            widest = current
        if current.head.i == current.i:
            break
        current = current.head
    if widest is None:
        return None
    left, right = widest.left_edge, widest.right_edge
    return left.idx, right.idx + len(right)
