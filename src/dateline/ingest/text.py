"""Cleaning a plain-text scrape of a news page into body text and metadata.

A saved or copied news page holds the article between page furniture: banners, ads,
share prompts and counters, photo captions, "Follow us on:", comment forms, related-story
lists. Around the headline sit the standfirst, the byline, the agency and dateline ("AP
Beijing") and the publication date in the site's own format. ``clean_text`` sorts every
line into one of those roles with generic patterns (``data/debris.txt``,
``data/agencies.txt``, the date files of ``pubdate``) and keeps every other line as body
text, so an unknown site loses furniture but never content. Each metadata value records
the line it came from; each dropped line records the rule that dropped it.

Line roles, decided in this order: debris (pattern; "end" markers drop the rest, "related"
headings the headline list under them), caption (a short line repeated as the start of a
caption, the line after "Image caption,"), meta (byline, agency/dateline, labelled or bare
date line, a label alone with its value on the next line), menu (a run of three or more
short non-sentence lines), title (the first headline-shaped line; an all-capital banner or
a "Headline | Site" line above it is recorded, not kept), standfirst (a short paragraph
between the title and the byline/date block), body (everything else). Body lines that stop
mid-sentence are joined to the next body line.

The publication date is the best-ranked date on a meta line: near the title/byline first,
then labelled "Published/Posted" before bare dates, then nearest; "Updated" only when
nothing else is given; a page-save date (logo line) never. Ambiguous numeric dates are
decided by the page's other dates, then the URL's domain, then the separator convention.
"""
from __future__ import annotations

import re

from dateline.ingest.cleaned import Cleaned
from dateline.ingest.pubdate import PubDate, date_labels, find_dates, relative_date
# the line furniture and the meta lines are in text_lines / text_meta; every name re-exported
from dateline.ingest.text_lines import (  # noqa: F401 - re-exported
    DATA, _CAPTION_LABEL, _CJK, _HEADER_DEBRIS, _HEADER_DISTANCE, _LABEL_ONLY, _Line,
    _MAX_DROPPED_LISTED, _MAX_META_WORDS, _MENU_ITEM_WORDS, _MENU_RUN, _RELATIVE_PATTERN,
    _TERMINAL, _WORD, _agencies, _agency_fields, _data_lines, _debris, _is_sentence,
    _mark_captions, _mark_debris, _mark_menus, _normalise, debris_class, find_agency,
    word_count)
from dateline.ingest.text_meta import (  # noqa: F401 - re-exported
    _BYLINE, _BYLINE_ROLE, _BYLINE_USER, _CREDITS, _NAME, _NAME_IN_PLACE, _OUTLET_PLACE,
    _READING_NOISE, _ROLE_WORDS, _SEPARATORS, _SOURCE, _date_leftover, _date_line,
    _meta_from_line, _next_nonblank, _parse_people_and_agency, _place, _split_names,
    _undated_meta, role_words)


# --------------------------------------------------------------------------------------
# Title, standfirst, body
# --------------------------------------------------------------------------------------
def _headline_shaped(line: _Line) -> bool:
    text = line.text
    if not (3 <= line.words <= 24 and len(text) <= 200):
        return False
    if text.endswith((",", ";", ":")):
        return False
    if text.endswith(".") and not text.endswith("..."):
        return line.words <= 10  # a longer line ending in a full stop is a sentence
    return True


_TITLE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|•|·)\s+")


def _page_title_suffix(line: _Line, following: _Line | None) -> str | None:
    """The site name when ``line`` is "<following line> | Site"."""
    if following is None:
        return None
    parts = _TITLE_SEPARATOR.split(line.text)
    if len(parts) < 2:
        return None
    head, tail = line.text[:len(line.text) - len(parts[-1])], parts[-1]
    head = _TITLE_SEPARATOR.sub(" ", head).strip()
    if head == following.text and len(tail.split()) <= 6:
        return tail.strip()
    return None


def _overlap(a: str, b: str) -> float:
    """Share of a's words found in b (a standfirst repeated in the body)."""
    words_a = {w.lower() for w in _WORD.findall(a)}
    words_b = {w.lower() for w in _WORD.findall(b)}
    return len(words_a & words_b) / len(words_a) if words_a else 0.0


def _is_banner(line: _Line) -> bool:
    letters = [c for c in line.text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and line.words <= 6


_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’ -]{1,40}?|[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,3})"
    r"(?:,\s*(?P<when>[A-Z][a-z]{2,8}\.?\s+\d{1,2}))?"
    r"\s*(?:\((?P<agency>[^)]{2,40})\))?\s*(?:[—–:]|-{1,2})\s+(?=\S)")


def _dateline_of(paragraph: str) -> dict | None:
    """'BEIJING (AP) — ...', 'NEW DELHI: ...', 'Beijing, June 18 (Reuters) - ...'."""
    m = _DATELINE.match(paragraph)
    if not m:
        return None
    place = m.group("place").strip()
    agency_text = m.group("agency")
    agency = find_agency(agency_text) if agency_text else None
    shouted = place.isupper() and len(place) >= 3
    if not (shouted or agency):
        return None
    if find_agency(place) and not agency:
        return None
    info = {"dateline": place.title() if shouted else place, "text": m.group(0).strip()}
    if agency:
        info.update(_agency_fields(agency))
    if m.group("when"):
        info["dateline_date"] = m.group("when")
    return info


def _join_paragraphs(lines: list[_Line]) -> list[tuple[str, list[int]]]:
    """Body lines to paragraphs. A line that stops mid-sentence (ends with a comma, or with
    no end punctuation before a lower-case continuation) is joined to the next body line,
    across blank lines and dropped furniture."""
    paragraphs: list[tuple[str, list[int]]] = []
    for line in lines:
        if paragraphs:
            prev, nos = paragraphs[-1]
            continues = prev.endswith((",", ";", "—", "–")) or (
                not _TERMINAL.search(prev) and not prev.endswith(":") and line.text[:1].islower())
            if continues:
                paragraphs[-1] = (prev + " " + line.text, nos + [line.no])
                continue
        paragraphs.append((line.text, [line.no]))
    return paragraphs


# --------------------------------------------------------------------------------------
# The cleaner
# --------------------------------------------------------------------------------------
def _quote(line: _Line) -> str:
    text = line.text if len(line.text) <= 80 else line.text[:77] + "..."
    return f"text:line {line.no} '{text}'"


def _page_order(lines: list[_Line]) -> tuple[str, str] | None:
    """The site's day/month order, from its unambiguous numeric dates (a component > 12)
    or else from how it writes month names (19 June 2023 vs June 19, 2023)."""
    votes: dict[str, list[str]] = {"dmy": [], "mdy": []}
    name_votes: dict[str, list[str]] = {"dmy": [], "mdy": []}
    for line in lines:
        if not line.text:
            continue
        for d in find_dates(line.text):
            if d.rule == "numeric" and not d.ambiguous and d.evidence == "day > 12":
                votes[d.order].append(f"line {line.no} '{d.text}'")
            elif d.rule == "day-month":
                name_votes["dmy"].append(f"line {line.no} '{d.text}'")
            elif d.rule == "month-day":
                name_votes["mdy"].append(f"line {line.no} '{d.text}'")
    for table, what in ((votes, "numeric date"), (name_votes, "month-name date")):
        if len(table["dmy"]) != len(table["mdy"]):
            order = "dmy" if len(table["dmy"]) > len(table["mdy"]) else "mdy"
            return order, f"the page's other {what} {table[order][0]}"
    return None


def clean_text(raw: str, url: str | None = None, title: str | None = None) -> Cleaned:
    """Body, title and metadata of one plain-text scrape.

    ``url`` (optional) only serves as weak evidence for ambiguous numeric dates (its
    domain). ``title`` (optional, e.g. a JSONL field): the title is known, so no line is
    guessed to be one; a line equal to it is taken out of the body. When nothing but
    furniture remains, ``body`` is "" and the warnings say "no article text found".
    """
    lines = _normalise(raw)
    meta: dict = {}
    prov: dict = {}
    warnings: list[str] = []
    page_info: dict = {}

    _mark_debris(lines, page_info)
    _mark_captions(lines)

    # Evidence for numeric dates: the page's own convention first, the URL's domain second.
    page_order = _page_order(lines)
    hint = page_order[0] if page_order else url

    meta_infos = _mark_meta_lines(lines, hint)
    _mark_menus(lines)
    title_line = _find_title(lines, title, meta, prov, warnings)
    _mark_standfirst(lines, title_line, meta, prov)
    published, updated = _header_dates(meta_infos, title_line, meta, prov, warnings)
    if updated:
        _, d, line = updated[0]
        meta["updated"] = d.value
        prov["updated"] = _quote(line)

    if "page_date" in page_info:
        value, line = page_info["page_date"]
        meta["page_date"] = value
        prov["page_date"] = _quote(line) + " (page chrome, not the publication date)"

    result = Cleaned(body="", metadata=meta, provenance=prov, warnings=warnings)
    _choose_published(result, published, updated, page_order, url)
    paragraphs = _set_body(lines, result)
    if title:
        result.title = " ".join(title.split())
    elif title_line is not None:
        result.title = title_line.text
    _dateline_from_body(paragraphs, meta, prov)
    _report_lines(lines, meta)
    return result


def _mark_meta_lines(lines: list[_Line], hint) -> list[tuple[_Line, dict]]:
    """Mark byline/date/label lines as ``meta``; each with what it says (``_meta_from_line``).

    A label alone on its line ("Published:") is read with the next line; a byline's
    second line ("BBC News, Beijing") gives the outlet and the dateline place.
    """
    meta_infos: list[tuple[_Line, dict]] = []
    pending_label: _Line | None = None
    first_sentence = next((ln.no for ln in lines if ln.text and not ln.role and _is_sentence(ln, 10)),
                          len(lines) + 1)
    for line in lines:
        if not line.text or line.role:
            continue
        if _LABEL_ONLY.match(line.text):
            pending_label = line
            line.role, line.rule = "meta", "label for the next line"
            continue
        probe = line
        if pending_label is not None:
            probe = _Line(no=line.no, text=pending_label.text.rstrip(": ") + " " + line.text)
        info = _meta_from_line(probe, hint, in_header=line.no < first_sentence)
        if info is None and meta_infos and meta_infos[-1][1].get("byline") \
                and _next_nonblank(lines, meta_infos[-1][0].no) is line:
            m = _OUTLET_PLACE.match(line.text)
            if m:   # "By Jane Doe" / "BBC News, Beijing": the byline's second line
                info = {"outlet": m.group("outlet"), "dateline": m.group("place")}
        if info is not None:
            line.role, line.rule = "meta", ",".join(k for k in info if k != "dates") or "date"
            meta_infos.append((probe, info))
        elif pending_label is not None:
            pending_label.role, pending_label.rule = "debris", "label without a value"
        pending_label = None
    if pending_label is not None:
        pending_label.role, pending_label.rule = "debris", "label without a value"
    return meta_infos


def _find_title(lines: list[_Line], title: str | None, meta: dict, prov: dict,
                warnings: list[str]) -> _Line | None:
    """The title line: the one equal to a given ``title``, else the first headline-shaped
    line near the top; all-capital short lines and one- or two-word lines before it are
    banners / section labels."""
    candidates = [ln for ln in lines if ln.text and not ln.role]
    title_line = None
    known = " ".join(title.split()).lower() if title else None
    if known:
        title_line = next((ln for ln in candidates[:8] if ln.text.lower() == known), None)
        if title_line is not None:
            title_line.role, title_line.rule = "title", "equals the given title"
            prov["title"] = f"given; also text:line {title_line.no}"
        else:
            prov["title"] = "given"
    for i, line in enumerate([] if known else candidates[:8]):
        has_next = i + 1 < len(candidates)
        site_suffix = _page_title_suffix(line, candidates[i + 1] if has_next else None)
        if site_suffix:
            # "Headline | Site" (the browser title) followed by the headline itself
            line.role, line.rule = "banner", "page title: headline plus site name"
            meta.setdefault("site", site_suffix)
            prov.setdefault("site", _quote(line))
            continue
        if has_next and _is_banner(line):
            line.role, line.rule = "banner", "all-capital short line above the title"
            meta.setdefault("banner", line.text)
            prov.setdefault("banner", _quote(line))
            continue
        if has_next and line.words <= 2 and not _TERMINAL.search(line.text):
            line.role, line.rule = "section", "short label above the title"
            meta.setdefault("section", line.text)
            prov.setdefault("section", _quote(line))
            continue
        if _headline_shaped(line) and has_next:
            title_line = line
        break
    if known:
        pass
    elif title_line is not None:
        title_line.role, title_line.rule = "title", "first headline-shaped line"
        prov["title"] = f"text:line {title_line.no}"
    else:
        warnings.append("no title line found in the text")
    return title_line


def _mark_standfirst(lines: list[_Line], title_line: _Line | None, meta: dict, prov: dict) -> None:
    """Standfirst: the paragraph right after the title when the byline/date/counter block
    separates it from the body."""
    body_lines = [ln for ln in lines if ln.text and not ln.role]
    if title_line is not None and len(body_lines) >= 2:
        first, second = body_lines[0], body_lines[1]
        between = [ln for ln in lines if first.no < ln.no < second.no and ln.text]
        # A byline/date block after it is strong evidence; a counter, share row or caption
        # only counts when the paragraph is no sentence (no end punctuation) or is
        # repeated further down (a summary of the body).
        strong = any(ln.role == "meta" for ln in between)
        weak = any(ln.role in ("debris", "caption") and (ln.rule in _HEADER_DEBRIS or
                                                         ln.rule.startswith("repeats caption"))
                   for ln in between)
        summary = not _TERMINAL.search(first.text) or any(
            _overlap(first.text, later.text) >= 0.6 for later in body_lines[1:])
        before_title = first.no > title_line.no and not any(
            ln.role == "meta" for ln in lines if title_line.no < ln.no < first.no)
        if (strong or (weak and summary)) and before_title and first.words <= 80:
            first.role, first.rule = "standfirst", "paragraph between title and byline/date block"
            meta["standfirst"] = first.text
            prov["standfirst"] = f"text:line {first.no}"


def _header_dates(meta_infos: list[tuple[_Line, dict]], title_line: _Line | None, meta: dict,
                  prov: dict, warnings: list[str]) -> tuple[list, list]:
    """Metadata from meta lines (first value wins, later ones are kept as alternatives);
    returns the published and the updated date candidates, best first."""
    published: list[tuple[tuple, PubDate, _Line]] = []
    updated: list[tuple[tuple, PubDate, _Line]] = []
    # Anchors of the article header: the title and the byline/agency lines. A date far
    # from all of them (a sidebar, a "today is" widget, a comment) is a weak candidate.
    bylines = [ln.no for ln, info in meta_infos if info.get("byline") or info.get("agency")]
    if title_line is not None:
        # bylines far from the title are comment headers ("Ann May 5, 2019 - 1:01 pm")
        anchors = [title_line.no] + [no for no in bylines if abs(no - title_line.no) <= _HEADER_DISTANCE]
    else:
        anchors = bylines[:1]

    def distance(no: int) -> int:
        return min((abs(no - a) for a in anchors), default=no)

    for line, info in meta_infos:
        for key in ("byline", "agency", "agency_text", "dateline", "credits", "source_credit", "outlet"):
            if key in info and key not in meta:
                meta[key] = info[key]
                prov[key] = _quote(line)
        for key in ("authors", "roles"):
            if info.get(key) and key not in meta:
                meta[key] = info[key]
                prov[key] = _quote(line)
        if info.get("relative"):
            warnings.append(f"relative publication date {info['relative']!r} (line {line.no}) not resolved: "
                            "dateline never uses today's date")
        for d in info.get("dates", []):
            # In the header (near the title/byline) beats elsewhere; then labelled beats
            # bare; then nearer beats farther; then earlier beats later.
            near = distance(line.no)
            rank = (0 if near <= _HEADER_DISTANCE else 1, 0 if d.label == "published" else 1, near, line.no)
            (updated if d.label == "updated" else published).append((rank, d, line))
    published.sort(key=lambda t: t[0])
    updated.sort(key=lambda t: t[0])
    return published, updated


def _choose_published(result: Cleaned, published: list, updated: list, page_order, url) -> None:
    """The publication date: the best published candidate, else the best 'updated' one."""
    warnings = result.warnings
    if published:
        _, d, line = published[0]
        _set_published(result, d, line, page_order, url, how="")
        others = sorted({p[1].value[:10] for p in published} - {d.value[:10]})
        if others:
            warnings.append(f"other dates in byline/date lines not used as publication date: {', '.join(others)}")
    elif updated:
        _, d, line = updated[0]
        _set_published(result, d, line, page_order, url, how=" (only an 'updated' date is given)")
        warnings.append(f"publication date taken from the 'updated' date on line {line.no}")
    else:
        warnings.append("no publication date found in the text")


def _set_body(lines: list[_Line], result: Cleaned) -> list[tuple[str, list[int]]]:
    """Every line without a role is body; joined into paragraphs (returned with their
    line numbers)."""
    body_lines = [ln for ln in lines if ln.text and not ln.role]
    for ln in body_lines:
        ln.role = "body"
    paragraphs = _join_paragraphs(body_lines)
    result.body = "\n\n".join(p for p, _ in paragraphs)
    if not paragraphs:
        result.warnings.append("no article text found")
    return paragraphs


def _dateline_from_body(paragraphs: list[tuple[str, list[int]]], meta: dict, prov: dict) -> None:
    """The dateline ("PARIS (Reuters) -") of the first or second paragraph, for the keys
    the meta lines did not give."""
    dl, dl_line = None, None
    for paragraph, numbers in paragraphs[:2]:
        dl, dl_line = _dateline_of(paragraph), numbers[0]
        if dl:
            break
    if dl:
        for key in ("dateline", "agency", "agency_text", "dateline_date"):
            if key in dl and key not in meta:
                meta[key] = dl[key]
                prov[key] = f"text:line {dl_line} '{dl['text']}'"


def _report_lines(lines: list[_Line], meta: dict) -> None:
    """What was dropped (with the rule) and which lines got which role, for ``explain``."""
    dropped = [ln for ln in lines if ln.role in ("debris", "caption")]
    meta["dropped"] = [{"line": ln.no, "rule": ln.rule, "text": ln.text[:80]} for ln in dropped[:_MAX_DROPPED_LISTED]]
    if len(dropped) > _MAX_DROPPED_LISTED:
        meta["dropped_not_listed"] = len(dropped) - _MAX_DROPPED_LISTED
    meta["lines"] = {role: [ln.no for ln in lines if ln.role == role]
                     for role in ("title", "standfirst", "meta", "banner", "section", "body")
                     if any(ln.role == role for ln in lines)}


def _set_published(result: Cleaned, d: PubDate, line: _Line, page_order, url, how: str) -> None:
    result.published = d.value
    result.published_ambiguous = d.ambiguous
    result.published_label = d.label
    result.provenance["published"] = _quote(line) + how
    if d.ambiguous:
        if page_order and d.evidence.startswith("hint"):
            evidence = page_order[1]
        else:
            evidence = d.evidence
        result.metadata["published_order"] = {"order": d.order, "evidence": evidence}
        result.warnings.append(
            f"ambiguous numeric date {d.text!r} read as {'day-month' if d.order == 'dmy' else 'month-day'} "
            f"({evidence})")
