"""Dating an event: which time expression says when the event of a trigger word happened.

The event stage calls :func:`anchor_event` with the trigger token (verb or noun). The
search goes from near to far: an expression in the trigger's own clause, then one
attached to the verb that governs it, then one in a clause it heads or that heads it
(coordinated verbs, "said ... that"), then fallbacks: the sentence's only date when the
trigger is not reported speech from another clause ("sentence"), and, for a sentence with
no date of its own (none, or only dates that describe its nouns): an occasion named before
with its date ("During the call" after "the March 21 call"), a duration that moves the
story ("Two days later"), else, in the past tense, the single calendar date of the
sentence just before it ("previous-sentence"; news paragraphs are often one sentence long)
unless that date is a plan (future or scheduled-present clause: "He'll have talks on
Monday") or the act answers what that sentence told ("rejected these accusations").
Durations, sets, vague references (PRESENT_REF...), the period a superlative ranks over
("the deadliest clash this year"), a year naming another occasion ("an inquiry into a
2015 scandal"), a day before the noun an act is about ("grilled him about the March 3
call") and a date inside an apposition ("X, a witness to the July 25 call") do not date an
event; nothing found means None, and the
caller decides what to do with the publication date (it is never returned as if read).
Word classes: ``time/data/anchor_words.tsv``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from dateline.model import Timex
from dateline.tables import word_classes

#: named word classes (time/data/anchor_words.tsv says what each is for)
_CLASSES = word_classes(Path(__file__).with_name("data") / "anchor_words.tsv")
TOLD_ACT_NOUNS = frozenset(_CLASSES["told_act_nouns"])
ISSUE_PARTICIPLES = frozenset(_CLASSES["issue_participles"])
DOCUMENT_NOUNS = frozenset(_CLASSES["document_nouns"])
CHARGE_VERBS = frozenset(_CLASSES["charge_verbs"])
PARTICIPATION_VERBS = frozenset(_CLASSES["participation_verbs"])
TOPIC_PREPS = frozenset(_CLASSES["topic_preps"])
SCHEDULE_WORDS = frozenset(_CLASSES["schedule_words"])
#: determiners that point back at what the text told ("these accusations", "the decision")
_BACK_DETERMINERS = {"the", "this", "these", "that", "those"}
#: pronouns by which a sentence sets itself in what the sentence before told ("In it, ...")
_BACK_PRONOUNS = {"it", "this", "that"}


@dataclass
class Anchor:
    """The expression that dates an event: its TIMEX3 value and precision, its words and
    character offsets in the body, and how it was found (the search step)."""

    value: str
    precision: str | None
    text: str
    start: int
    end: int
    how: str          # same-clause | governing-verb | coordinated | head-clause | sentence | previous-sentence
    type: str = "DATE"
    rule: str = ""


def _is_date(t: Timex) -> bool:
    """A timex that can date an event: a calendar DATE/TIME value, not a duration, set or
    vague reference; an underspecified value (XXXX-03) still counts (its text is kept)."""
    if t.type not in ("DATE", "TIME") or "dateline" in t.rule:
        return False
    return not t.value.endswith("_REF")


def _timexes(document) -> list[Timex]:
    return [t for t in (document.timexes or []) if _is_date(t)]


def _clause_head(token):
    """The verb (or root) that heads token's clause."""
    current = token
    for _ in range(10):
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            return current
        current = current.head
    return current


def _tokens_of(doc, t: Timex):
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    return span


def _attached_clause(doc, t: Timex):
    """The clause head the timex hangs from."""
    span = _tokens_of(doc, t)
    if span is None or len(span) == 0:
        return None
    return _clause_head(span.root.head if span.root.head.i != span.root.i else span.root)


def _to_anchor(t: Timex, how: str) -> Anchor:
    return Anchor(value=t.value, precision=t.precision, text=t.text, start=t.start, end=t.end,
                  how=how, type=t.type, rule=t.rule)


def anchor_event(document, token) -> Anchor | None:
    """The time expression that dates the event whose trigger is ``token`` (spaCy Token of
    ``document.doc``), or None when nothing in its sentence dates it."""
    doc = token.doc
    sent = token.sent
    dated = _timexes(document)
    clause = _clause_head(token)
    candidates = [t for t in dated if sent.start_char <= t.start < sent.end_char
                  and not _ranking_scope(doc, t) and not _year_of_another_occasion(doc, t, token, clause)
                  and not _day_of_the_topic(doc, t, token, clause) and not _in_apposition(doc, t, token)
                  and not _scheduled_thing(doc, t, token)]
    if not candidates:
        return _occasion_named_before(doc, dated, token, clause) or _act_named_before(doc, dated, clause) \
            or _shifted(document, dated, sent) or _previous_sentence(document, dated, token, clause)
    heads = {}
    for t in candidates:
        heads[id(t)] = _attached_clause(doc, t)

    def nearest(items):
        return min(items, key=lambda t: abs(t.start - token.idx))

    # 1. same clause: the timex hangs from the trigger itself or from the trigger's clause head
    same = [t for t in candidates if heads[id(t)] is not None and (heads[id(t)] == clause or heads[id(t)] == token)]
    if same:
        return _to_anchor(nearest(same), "same-clause")
    # 1b. the timex sits inside the trigger's subtree (a noun trigger "talks on Monday")
    subtree = [t for t in candidates if token.left_edge.idx <= t.start and t.end <= token.right_edge.idx + len(token.right_edge)]
    if subtree and token.pos_ not in ("VERB", "AUX"):
        return _to_anchor(nearest(subtree), "same-clause")
    # 1c. the date of the document the act was made in: "In a statement published Oct. 25,
    #     X accused Y", "in a letter dated May 3, X urged Y" (a participle on a noun in the
    #     clause's own adjunct)
    adjunct = [t for t in candidates if heads[id(t)] is not None and (_document_participle(heads[id(t)], clause)
                                                                     or _subject_participle(heads[id(t)], clause))]
    if adjunct:
        return _to_anchor(nearest(adjunct), "same-clause")
    # 2. the verb governing the trigger's clause ("agreed to meet ... last year")
    governor = clause.head if clause.head.i != clause.i else None
    if governor is not None:
        gov_clause = _clause_head(governor)
        up = [t for t in candidates if heads[id(t)] is not None and heads[id(t)] == gov_clause]
        if up and clause.dep_ in ("xcomp", "acl", "relcl", "advcl", "conj", "pcomp", "prep", "pobj", "dobj", "nsubj"):
            return _to_anchor(nearest(up), "governing-verb")
    # 3. coordinated verbs share a date ("met on Sunday and agreed ...")
    if clause.dep_ == "conj":
        first = clause.head
        coord = [t for t in candidates if heads[id(t)] is not None and heads[id(t)] == first]
        if coord:
            return _to_anchor(nearest(coord), "coordinated")
    # 4. a clause headed by the trigger's clause (but not reported speech: "said Monday that
    #    it attacked" does not date the attack)
    below = [t for t in candidates if heads[id(t)] is not None and _dominated_by(heads[id(t)], clause)
             and not _crosses_ccomp(heads[id(t)], clause) and not _crosses_noun_clause(heads[id(t)], clause)]
    if below:
        return _to_anchor(nearest(below), "head-clause")
    # 5. the sentence has a single date and the trigger's clause is not reported speech
    #    from a reporting verb that the date belongs to, nor the date inside what is
    #    reported ("alleged that he abused girls in 2005": 2005 is the abuse's)
    if len(candidates) == 1:
        t = candidates[0]
        head = heads[id(t)]
        if head is not None and clause.dep_ != "ccomp" and not _dominated_by(clause, head) \
                and not (_dominated_by(head, clause) and (_crosses_noun_clause(head, clause)
                                                          or _crosses_ccomp(head, clause))):
            return _to_anchor(t, "sentence")
    # 6. every date of the sentence belongs to a noun ("the interview aired at the weekend",
    #    "Epstein, who died in August", "the July 25 call"): the sentence tells no time of its
    #    own, so it goes on from the sentence before as a sentence without dates does
    if all(heads[id(t)] is not None and _describes_a_noun(doc, t, heads[id(t)], clause) for t in candidates):
        return _occasion_named_before(doc, dated, token, clause) or _act_named_before(doc, dated, clause) \
            or _shifted(document, dated, sent) or _previous_sentence(document, dated, token, clause)
    return None


#: prepositions that set an act inside an occasion ("during the call", "at the summit")
_OCCASION_PREPS = {"during", "at", "in", "on"}
_DEFINITE = {"the", "that", "this"}


def _occasion_named_before(doc, dated: list[Timex], token, clause) -> Anchor | None:
    """ "He was arrested for the March 21 call to her office. During the call, he threatened
    her": an act set in an occasion the text named before with its date ("the call" after
    "the March 21 call", "a meeting on Oct. 3") takes that date."""
    start = token.sent.start_char
    heads = [token, clause]
    while heads[-1].dep_ == "conj" and len(heads) < 5:
        heads.append(heads[-1].head)      # "During the call, he asked ... and said ...": coordinated acts share it
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in _OCCASION_PREPS:
                continue
            for noun in prep.children:
                if noun.dep_ != "pobj" or noun.pos_ != "NOUN" or \
                        not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in noun.children):
                    continue
                earlier = [t for t in dated if t.end <= start and _dates_noun(doc, t, noun.lemma_)]
                if earlier:
                    return _to_anchor(earlier[-1], f"occasion ('{prep.text} {noun.text}' named before)")
    return None


def _act_named_before(doc, dated: list[Timex], clause) -> Anchor | None:
    """ "Despite Mr. Trump's Oct. 11 announcement that the two countries had reached a deal ...
    The president announced the deal during a meeting in the Oval Office": an act told again
    by its verb after the text named it as a dated noun ("announcement" of "announce") about the
    same thing (a noun of the verb's object is a word of the noun's phrase) takes that date."""
    if clause.pos_ != "VERB":
        return None
    objects = {w.lemma_.lower() for c in clause.children if c.dep_ in ("dobj", "obj")
               for w in c.subtree if w.pos_ in ("NOUN", "PROPN") and not w.is_stop}
    if not objects:
        return None
    verb = clause.lemma_.lower()
    start = clause.sent.start_char
    for t in reversed([t for t in dated if t.end <= start]):
        span, head = _attached_to(doc, t)
        if span is None or head.pos_ != "NOUN" or head == span.root or not _names_the_act(head.lemma_.lower(), verb):
            continue
        if objects & {w.lemma_.lower() for w in head.subtree}:
            return _to_anchor(t, f"act named before ('{head.text}' dated, told again as '{clause.text}')")
    return None


def _names_the_act(noun: str, verb: str) -> bool:
    """Is the noun the verb's act ("announcement" of "announce", "meeting" of "meet")?"""
    stem = verb[:-1] if verb.endswith("e") else verb
    return len(stem) >= 4 and noun != verb and noun.startswith(stem) and len(noun) - len(stem) <= 5


def _dates_noun(doc, t: Timex, lemma: str) -> bool:
    """The expression dates a noun of that lemma: "the [March 21] call", "a call [on March 21]"."""
    span, head = _attached_to(doc, t)
    return span is not None and head.pos_ == "NOUN" and head.lemma_.lower() == lemma.lower() and head != span.root


def _attached_to(doc, t: Timex):
    """(the expression's tokens, the word it hangs from, through a preposition: "the [March
    21] call", "a call [on March 21]" -> call), or (None, None)."""
    span = _tokens_of(doc, t)
    if span is None or len(span) == 0:
        return None, None
    head = span.root.head
    if span.root.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return span, head


#: "Two days later", "A week earlier": a duration that moves the story's time
_SHIFT_AFTER = re.compile(r"^\s*(?:(later|afterwards?)\b|(earlier)\b|(after|before)\s*[,.;])", re.I)
_DURATION = re.compile(r"^P(\d+)([DWMY])$")


def _shifted(document, dated: list[Timex], sent) -> Anchor | None:
    """ "Police arrested him on Oct. 3. Two days later, a court charged him": a duration
    followed by "later" or "earlier" moves the story from the last date named before it
    (a day for days, the ISO week for weeks, the month, the year); the date of the
    sentence before is not this sentence's."""
    for t in document.timexes or []:
        if not (sent.start_char <= t.start < sent.end_char) or t.type != "DURATION":
            continue
        text = getattr(document, "text", None) or sent.doc.text     # what was parsed
        m, shift = _DURATION.match(t.value or ""), _SHIFT_AFTER.match(text[t.end:t.end + 20])
        if not m or not shift:
            continue
        before = [d for d in dated if d.end <= t.start and d.precision in ("day", "time")]
        base = _first_day(before[-1].value) if before else None
        if base is None:
            return None
        n, unit = int(m.group(1)), m.group(2)
        sign = 1 if shift.group(1) or (shift.group(3) or "").lower() == "after" else -1
        value = _moved(base, sign * n, unit)
        words = text[t.start:t.end + shift.end()].strip(" ,.;")
        return Anchor(value=value, precision={"D": "day", "W": "week", "M": "month", "Y": "year"}[unit],
                      text=words, start=t.start, end=t.end, how=f"shifted from '{before[-1].text}'",
                      type="DATE", rule=t.rule + "+shift")
    return None


def _moved(base, n: int, unit: str) -> str:
    """``base`` (a date) moved by ``n`` units, written at the unit's precision."""
    import datetime as dt

    if unit == "D":
        return (base + dt.timedelta(days=n)).isoformat()
    if unit == "W":
        year, week, _ = (base + dt.timedelta(weeks=n)).isocalendar()
        return f"{year}-W{week:02d}"
    if unit == "M":
        months = base.year * 12 + base.month - 1 + n
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    return f"{base.year + n:04d}"


def _previous_sentence(document, dated: list[Timex], token, clause) -> Anchor | None:
    """Fallback for a sentence with no date of its own: a past-tense account that goes on
    from the sentence before ("Blinken on Sunday kicked off talks. He opened by meeting
    Qin.") takes the single calendar date of the sentence just before it. A sentence whose
    only dates are written before a noun to say which one ("X, who listened in on [the July
    25] call, said ...") has no time of its own either: the account goes on from the one
    before it (up to three)."""
    from dateline.time.tense import verb_direction

    if verb_direction(clause) != "past" or _reacts_to_what_was_told(token, clause):
        return None
    doc = token.doc
    sent = token.sent
    for _ in range(3):
        if sent.start == 0:
            return None
        previous = doc[sent.start - 1].sent
        before = [t for t in dated if previous.start_char <= t.start < previous.end_char
                  and t.precision in ("day", "time", "week", "month")]
        if before and all(_names_which_thing(doc, t) for t in before):
            sent = previous          # its dates tell which thing, not when: go on back
            continue
        if len(before) != 1 or _looks_forward(doc, before[0], previous):
            return None          # a plan in the sentence before does not date what happened
        published = (getattr(document.article, "published", None) or "")[:10]
        first = _first_day(before[0].value)
        if published and first is not None and first.isoformat() > published:
            return None
        return _to_anchor(before[0], "previous-sentence")
    return None


def _names_which_thing(doc, t: Timex) -> bool:
    """The date is written before a noun to say which one it is ("the [July 25] call",
    "Trump's [Oct. 11] announcement"), not when something in its sentence happened. A day
    in the possessive ("Tuesday's vote", "today's hearing") is the news of that day: it
    times its sentence."""
    return _noun_after(doc, t, ("compound", "nmod", "amod", "nummod")) is not None


def _noun_after(doc, t: Timex, deps: tuple[str, ...]):
    """The noun the expression is written before ("the [July 25] call" -> call), hanging from
    it by one of ``deps``, or None."""
    span, noun = _attached_to(doc, t)
    if span is None or noun.pos_ != "NOUN" or noun == span.root or noun.i < span.root.i \
            or span.root.dep_ not in deps:
        return None
    return noun


def _first_day(value: str):
    """The first calendar day of a DATE value (a day, month, year or ISO week, "2019-W46-WE"
    included), or None when it names none."""
    import datetime as dt

    m = re.match(r"^(\d{4})-W(\d{2})", value)
    try:
        if m:
            return dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
        if m:
            return dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None
    return None


def _looks_forward(doc, t: Timex, sentence) -> bool:
    """Whether the date of the sentence before is a plan rather than an account: marked
    future when recognised, governed by a future verb or a scheduling present ("He'll have
    talks on Monday", "talks resume Monday"; not the reporting present "officials say"),
    or in a sentence whose main verb is future."""
    from dateline.time.tense import direction_in_doc, scheduled_present, verb_direction

    if t.direction == "future":
        return True
    direction = direction_in_doc(doc, t.start, t.end)
    if direction == "future" or (direction == "present" and scheduled_present(doc, t.start, t.end)):
        return True
    root = sentence.root       # "He'll have talks with X, Y and Z on Monday" (a long way down)
    return root.pos_ in ("VERB", "AUX") and verb_direction(root) == "future"


def _document_participle(head, clause) -> bool:
    """``head`` is a past participle ("published", "dated") on a noun that hangs from
    ``clause`` through a preposition: "[In a statement published Oct. 25], X accused ..."."""
    if head.dep_ != "acl" or head.tag_ != "VBN":
        return False
    noun = head.head
    if noun.dep_ != "pobj" or noun.head.dep_ != "prep":
        return False
    return noun.head.head == clause


def _subject_participle(head, clause) -> bool:
    """``head`` is a participle on the subject of ``clause`` that says when the subject
    acted: a present participle, which is at the same time as its clause ("[Lavrov,
    speaking in Moscow on Tuesday,] warned", not "having spoken"), or the participle of
    issuing a document ("[A report released last week] accused the army", "[The deal,
    signed Tuesday,] commits ...")."""
    if head.dep_ != "acl" or head.head.dep_ not in ("nsubj", "nsubjpass") or head.head.head != clause:
        return False
    if head.tag_ == "VBG":
        return not any(c.lower_ == "having" for c in head.children)
    return head.tag_ == "VBN" and head.lemma_.lower() in ISSUE_PARTICIPLES \
        and head.head.lemma_.lower() in DOCUMENT_NOUNS


def _describes_a_noun(doc, t: Timex, head, clause) -> bool:
    """The date lies in a clause or a modifier that describes a noun of its sentence, not
    in a clause that tells what happened: "the interview [aired at the weekend]", "Epstein,
    [who died in August]", "[the July 25] call". A clause describing a noun that holds the
    event's own clause is the event's ("banks, [who announced profits this year]")."""
    from dateline.time.tense import names_an_occasion

    if names_an_occasion(doc, t.start, t.end):
        return True
    current = head
    for _ in range(20):
        if current.dep_ in ("relcl", "acl") and not _dominated_by(clause, current):
            return True
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def _reacts_to_what_was_told(token, clause) -> bool:
    """The act answers an act the text told before: its object is a noun for an act or a
    statement pointed back at ("rejected these accusations", "welcomed the decision",
    "responded to its claims"). It happens after what it answers, so the date of the
    sentence before, which dates that act, is not its own."""
    heads = {token, clause}
    if any(c.dep_ == "prep" and any(p.dep_ == "pobj" and p.lower_ in _BACK_PRONOUNS for p in c.children)
           for c in clause.children):
        return False          # "In it, he denied the allegations": set in what the sentence before told
    objects = []
    for head in heads:
        for child in head.children:
            if child.dep_ in ("dobj", "nsubjpass", "attr"):
                objects.append(child)
            elif child.dep_ == "prep":
                objects += [c for c in child.children if c.dep_ == "pobj"]
    for noun in objects:
        if noun.lemma_.lower() not in TOLD_ACT_NOUNS:
            continue
        if any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _BACK_DETERMINERS) for c in noun.children):
            return True
    return False


def _ranking_scope(doc, t: Timex) -> bool:
    """The expression is the stretch a ranking holds over ("the deadliest clash [this
    year]", "the most violent protests [this month]", "the first such raid [this week]"),
    not the time of an act: a period (not a day) that hangs from a noun with a superlative
    or an ordinal."""
    if t.precision in ("day", "time"):
        return False          # "its first test flight Tuesday": the day is the flight's
    span, head = _attached_to(doc, t)
    if span is None or head.pos_ not in ("NOUN", "PROPN") or head == span.root:
        return False
    for child in head.children:
        if child.tag_ == "JJS" or (child.dep_ == "amod" and child.lower_ in _RANKING_WORDS):
            return True
        if child.dep_ == "amod" and any(c.tag_ == "RBS" for c in child.children):
            return True
    return False


#: prepositions that set an act in an occasion ("meddled in the 2016 election")
_SETTING_PREPS = {"at", "during", "in", "on", "amid"}


def _year_of_another_occasion(doc, t: Timex, token, clause) -> bool:
    """A year that names another occasion than the event ("opened an inquiry into [a 2015]
    scandal", "convicted him over [a 2012] arms deal"): it times that occasion, not an act
    about it; unless the act is set in it ("meddled in the 2016 election") or takes part in
    it ("won the 2016 election")."""
    if t.precision != "year":
        return False
    span = _tokens_of(doc, t)
    if span is None or len(span) == 0:
        return False
    root = span.root
    noun = root.head
    if root.dep_ not in ("compound", "nmod", "amod", "poss", "nummod") or noun.pos_ not in ("NOUN", "PROPN") \
            or noun.i < root.i:
        return False
    if noun.left_edge.i <= token.i <= noun.right_edge.i:
        return False                      # the occasion itself, or an act inside it
    own = {token, clause}
    if noun.dep_ == "pobj" and noun.head.lower_ in _SETTING_PREPS and noun.head.head in own:
        return False
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    return not (verb in own and verb.lemma_.lower() in PARTICIPATION_VERBS)


def _day_of_the_topic(doc, t: Timex, token, clause) -> bool:
    """A day or month written before a noun that the act is about ("grilled him [about the
    March 3 call]", "questioned her [over her May 5 remarks]"): it times that occasion; the
    act about it came later (a year is :func:`_year_of_another_occasion`'s). The preposition
    may hang from any noun of the act's clause (the small parser often hangs it on the
    object: "grilled X and Y about ...")."""
    noun = _noun_after(doc, t, ("compound", "nmod", "amod", "poss", "nummod", "npadvmod")) \
        if t.precision in ("day", "month") else None
    if noun is None or noun.left_edge.i <= token.i <= noun.right_edge.i:
        return False                      # the occasion itself, or an act inside it
    prep = noun.head
    return noun.dep_ == "pobj" and prep.dep_ == "prep" and prep.lower_ in TOPIC_PREPS \
        and (prep.head == token or _clause_head(prep.head) == clause)


def _scheduled_thing(doc, t: Timex, token) -> bool:
    """"... the general election due by November": a date a schedule word sets for the noun
    before it (``schedule_words``) is that noun's, unless the noun is the event itself or
    what its trigger governs ("held talks scheduled for March")."""
    span = _tokens_of(doc, t)
    if span is None or len(span) == 0:
        return False
    i = span.start - 1
    if i >= 0 and doc[i].pos_ == "ADP":
        i -= 1
    if i < 1 or doc[i].lower_ not in SCHEDULE_WORDS:
        return False
    noun = doc[i - 1]     # right after its noun ("the election due by ..."; not "a scheduled Dec. 15 vote")
    if noun.pos_ not in ("NOUN", "PROPN"):
        return False      # "the vote is set for Sunday": the clause's own date
    return noun.i != token.i and noun.head.i != token.i


def _in_apposition(doc, t: Timex, token) -> bool:
    """The date lies in an apposition that describes a noun ("grilled X, [a witness to the
    July 25 call]", "Y, [the mayor since May 2018]"): it tells who that is, not when the act
    happened; unless the act is told inside the apposition itself."""
    span = _tokens_of(doc, t)
    if span is None or len(span) == 0:
        return False
    current = span.root
    for _ in range(12):
        if current == token or current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            return False
        if current.dep_ == "appos":
            return not (current.left_edge.i <= token.i <= current.right_edge.i)
        current = current.head
    return False


#: ordinals that rank like a superlative ("the first such raid this month")
_RANKING_WORDS = {"first", "second", "third", "only"}


def _dominated_by(token, ancestor) -> bool:
    current = token
    for _ in range(20):
        if current == ancestor:
            return True
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def _crosses(token, ancestor, deps: tuple[str, ...]) -> bool:
    """Whether the way up from ``token`` to ``ancestor`` passes a dependency in ``deps``."""
    current = token
    for _ in range(20):
        if current == ancestor or current.head.i == current.i:
            return False
        if current.dep_ in deps:
            return True
        current = current.head
    return False


def _crosses_noun_clause(token, ancestor) -> bool:
    """A clause that describes a noun lies between ("condemned the move [announced on
    Monday]", "denied meeting the man [who died in August]"): its date is its own event's."""
    return _crosses(token, ancestor, ("relcl", "acl"))


def _crosses_ccomp(token, ancestor) -> bool:
    """Reported speech lies between: "said Monday that it attacked"."""
    return _crosses(token, ancestor, ("ccomp", "parataxis"))
