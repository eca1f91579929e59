"""One event per happening per article.

News restates: the headline, the standfirst and the body tell the same meeting, and a body
may mention "a stormy session in Alaska back in March" twice. Two events of one article are
the same happening when they have the same PLOVER type, the same actor and recipient codes
(either way round for symmetric types such as CONSULT), the same status family and dates
that do not disagree (equal, or one of them undated). The surviving event keeps the best
evidence (a dated, located mention first) and lists the others in ``Event.mentions``;
headline restatements are found by coding ``article.title`` the same way.
"""
from __future__ import annotations

from dateline.events import patterns
from dateline.events.stage import code_headline, headline_plan, headline_queries
from dateline.model import UNRESOLVED, Event

#: statuses that can describe one happening from different moments ("will meet" in a
#: headline, "met" in the body would be two reports, but planned+planned is one)
_STATUS_FAMILY = {"occurred": "real", "ongoing": "real", "planned": "planned",
                  "hypothetical": "irrealis", "negated": "negated"}


def _party(ref) -> str:
    """A party's identity for merging: its code; an unplaced one ("---") is its words, so
    two different unnamed bodies never merge."""
    return ref.code if ref.code != UNRESOLVED else f"{UNRESOLVED}:{(ref.entity_text or '').lower()}"


def _key(ev: Event):
    actors = frozenset(_party(a) for a in ev.actor)
    recips = frozenset(_party(r) for r in ev.recipient)
    sym = patterns.plover_types().get(ev.event)
    if sym is not None and sym.symmetric:
        return ev.event, frozenset((actors | recips,))
    return ev.event, (actors, recips)


def _weak_date(ev: Event) -> bool:
    """A date carried over from a neighbouring sentence or clause, not read in this one."""
    return bool((ev.explain.get("date") or {}).get("weak"))


def _fallback_date(ev: Event) -> bool:
    """A date that only says "reported in the month of publication": as good as none."""
    return (ev.explain.get("date") or {}).get("precision") == "publication"


def _dates_agree(a: Event, b: Event) -> bool:
    if a.date is None or b.date is None or a.date == b.date or _fallback_date(a) or _fallback_date(b):
        return True
    if _weak_date(a) and _weak_date(b):
        return True
    if _weak_date(a) or _weak_date(b):
        # a date carried over from the previous sentence yields to a read one, but not across
        # years: "police fired tear gas" (this week) is not "last year, police killed ..."
        return a.date[:4] == b.date[:4]
    return False


def _names(refs) -> set[str]:
    return {w for r in refs for w in ((r.name or "") + " " + (r.entity_text or "")).lower().split()
            if len(w) > 3}


def _same_domestic_parties(a: Event, b: Event) -> bool:
    """Inside one country every arrest is POL->POL: two of them are one happening only when
    they name the same people ("arrested Khan" / "detained dozens of workers" are two). A
    joint act told both ways round (USA+CHN -> CHN+USA) is no domestic dyad."""
    codes = {r.code for r in a.actor}
    if codes != {r.code for r in a.recipient} or len(codes) > 1:
        return True
    na, nb = _names(a.recipient), _names(b.recipient)
    return not na or not nb or bool(na & nb)


def _different_acts(a: Event, b: Event) -> bool:
    """Two clauses with different verbs ("signed a pact", "will provide vessels") tell two
    acts even between the same parties; a noun or light-verb mention may restate either."""
    ta, tb = a.explain.get("trigger") or {}, b.explain.get("trigger") or {}
    if a.start == b.start:
        return False   # one sentence: "clashed with soldiers, injuring 30" is one happening
    if a.event == b.event == "CONSULT":
        return False   # "met", "discussed", "talked": one meeting told with other verbs
    return (ta.get("kind") == tb.get("kind") == "verb" and bool(ta.get("lemma")) and bool(tb.get("lemma"))
            and ta["lemma"].lower() != tb["lemma"].lower())


#: how a side was placed when it names a person (actors/resolve.py)
_PERSON_HOWS = {"officeholder", "title+name", "name", "coref-surname", "pronoun"}


def _people_by_code(ev: Event) -> dict[tuple[str, str], set[str]]:
    """{(side, code): the people named for it}; a symmetric event has one side."""
    sym = patterns.plover_types().get(ev.event)
    sides = {"both": ev.actor + ev.recipient} if sym is not None and sym.symmetric else {
        "actor": ev.actor, "recipient": ev.recipient}
    out: dict[tuple[str, str], set[str]] = {}
    for side, refs in sides.items():
        for r in refs:
            if r.name and r.code != UNRESOLVED and r.how in _PERSON_HOWS:
                out.setdefault((side, r.code), set()).add(r.name)
    return out


def _different_people(a: Event, b: Event) -> bool:
    """Two mentions that name different people for the same country on the same side tell
    two happenings: a meeting with Liu He and one with Xi Jinping are two meetings, though
    both are USA->CHN."""
    pa, pb = _people_by_code(a), _people_by_code(b)
    return any(not pa[k] & pb[k] for k in pa.keys() & pb.keys())


def same_happening(a: Event, b: Event) -> bool:
    return (_key(a) == _key(b) and not _different_acts(a, b) and not _different_people(a, b)
            and _STATUS_FAMILY.get(a.status) == _STATUS_FAMILY.get(b.status)
            and _dates_agree(a, b)
            and _same_domestic_parties(a, b))


def _quality(ev: Event) -> tuple:
    """Which mention should carry the event: dated (read, not carried over), located,
    confident, earliest."""
    return (ev.date is not None and not _weak_date(ev), ev.date is not None, ev.event_loc is not None,
            ev.confidence, -ev.start)


def _mention(ev: Event, where: str = "body") -> dict:
    return {"where": where, "start": ev.start, "end": ev.end, "text": ev.event_text,
            "trigger": ev.trigger, "rule": ev.rule, "event_id": ev.id,
            "date_text": ev.date_text}


def merge_events(events: list[Event]) -> list[Event]:
    """Merge restatements; returns events in order of first mention."""
    groups: list[list[Event]] = []
    for ev in sorted(events, key=lambda e: (e.start, e.explain.get("trigger", {}).get("start", 0))):
        # join the nearest earlier group it agrees with: a restatement usually follows
        # the report it restates more closely than an earlier, similar event
        fits = [g for g in groups if all(same_happening(ev, other) for other in g)]
        if fits:
            max(fits, key=lambda g: g[-1].start).append(ev)
        else:
            groups.append([ev])
    out = []
    for g in groups:
        best = max(g, key=_quality)
        others = [e for e in g if e is not best]
        if others:
            best.mentions = [_mention(e) for e in sorted(others, key=lambda e: e.start)] + best.mentions
            for e in others:
                if best.event_loc is None and e.event_loc is not None:
                    best.event_loc = e.event_loc
            best.explain.setdefault("merged", []).extend(
                f"{e.id}: '{e.trigger}' at {e.start}-{e.end} ({e.rule})" for e in others)
        out.append(best)
    out.sort(key=lambda e: e.start)
    return out


def _title_events(document) -> list[Event]:
    """Events coded from the headline (never kept on their own: they only add mentions)."""
    title = (document.article.title or "").strip()
    if not title:
        return []
    prepared = document.prepared.pop(_TITLE, None)
    if prepared is None or prepared[0] != title:
        from dateline import nlp

        prepared = (title, headline_plan(document, title, nlp.load()(title), with_candidates=False))
    return code_headline(prepared[1])


def merge_stage(document) -> None:
    """Merge restated events of one article (body and headline)."""
    merged = merge_events(document.events)
    try:
        title_events = _title_events(document)
    except Exception as e:  # the headline is a bonus; never lose the body's events over it
        title_events = []
        document.warnings.append(f"headline not coded: {e}")
    for t in title_events:
        same = [ev for ev in merged
                if _key(ev) == _key(t) and _STATUS_FAMILY.get(ev.status) == _STATUS_FAMILY.get(t.status)]
        target = same[0] if same else _lead_restated(t, merged, _lead_end(document))
        if target is not None:
            target.mentions.insert(0, {**_mention(t, "title"), "event_id": None})
    document.events[:] = [ev for ev in merged if ev.confidence >= document.config.min_confidence]


#: sentences of the body that make its lead (the headline restates the lead's news)
LEAD_SENTENCES = 3


def _lead_end(document) -> int:
    """Character offset where the body's lead ends (its first LEAD_SENTENCES sentences)."""
    sents = list(document.doc.sents)[:LEAD_SENTENCES] if document.doc is not None else []
    return sents[-1].end_char if sents else 0


def _codes(refs) -> set[str]:
    from dateline.stories.evidence import parent_codes

    parents = parent_codes()
    codes = {r.code for r in refs if r.code and r.code != UNRESOLVED}
    return codes | {parents[c] for c in codes if c in parents}


def _lead_restated(title: Event, events: list[Event], lead_end: int) -> Event | None:
    """The lead event a headline restates when the two are coded apart ("police besiege
    campus" ASSAULT, "police laid siege to a university" COERCE; "China" in one, "Hong Kong"
    in the other): the first event of the lead with a type of the same family or quad class
    whose parties meet the headline's (either way round). Its words then join the event's."""
    from dateline.stories.evidence import types_agree

    ta, tr = _codes(title.actor), _codes(title.recipient)
    for ev in sorted(events, key=lambda e: e.start):
        if ev.start >= lead_end:
            break
        if types_agree(ev.event, title.event) is None:
            continue
        ea, er = _codes(ev.actor), _codes(ev.recipient)
        if (ta & ea and (tr & er or not tr)) or (ta & er and tr & ea):
            return ev
    return None


#: document.prepared key: (title, events.stage.headline_plan(...)) left by prepare_merge
_TITLE = "title_prepared"


def prepare_merge(documents) -> None:
    """Batch hook (pipeline.analyse): parse the batch's headlines in one ``nlp.pipe`` call and
    the free phrases coding them will resolve in one more (a spaCy call per headline or
    phrase costs ~2-5x more)."""
    from dateline import nlp
    from dateline.actors.resolve import prefetch_phrases

    titled = [(d, (d.article.title or "").strip()) for d in documents if d.doc is not None]
    titled = [(d, t) for d, t in titled if t]
    wanted = []
    try:
        for (document, title), tdoc in zip(titled, nlp.load().pipe([t for _, t in titled], batch_size=64)):
            try:
                plan = headline_plan(document, title, tdoc)
                wanted += headline_queries(plan)
            except Exception:  # noqa: BLE001 - merge_stage codes this headline itself and reports
                continue
            document.prepared[_TITLE] = (title, plan)
        prefetch_phrases(wanted)
    except Exception:  # noqa: BLE001 - only a speed-up: each headline is then parsed on its own
        pass


merge_stage.prepare = prepare_merge
