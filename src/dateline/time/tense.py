"""Which way a relative expression points (past, future, same) from the tense of the clause
that governs it in the spaCy parse: "will meet Sunday" looks forward, "on Sunday kicked
off" looks back. Falls back to words around the expression when there is no parse."""
from __future__ import annotations

import re
from pathlib import Path

from dateline.tables import word_classes

#: named word classes (time/data/tense_words.tsv says what each is for)
_CLASSES = word_classes(Path(__file__).with_name("data") / "tense_words.tsv")


def _word_class(name: str) -> set[str]:
    return set(_CLASSES[name])


FUTURE_AUX = _word_class("future_aux")
MODAL_FUTURE = _word_class("modal_future")
PLAN_VERBS = _word_class("plan_verbs")
PAST_AUX_TAGS = {"VBD"}
FORWARD_HEADS = _word_class("forward_heads")


def _aux_word(token) -> str:
    """An auxiliary's lower-case form with a typographic apostrophe made plain ("He’ll"
    is "He'll": web news often writes the curly one)."""
    return token.lower_.replace("\u2019", "'")


def verb_direction(verb) -> str | None:
    """past | future | present | None for a verb token (its own aux children decide)."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {_aux_word(a) for a in auxes}
    if words & FUTURE_AUX:
        return "future"
    if verb.dep_ == "xcomp" and verb.head.lemma_ == "go" and verb.head.tag_ == "VBG":
        return "future"                     # is going to meet
    if "to" in words or (verb.tag_ == "VB" and verb.dep_ == "xcomp"):
        head = verb.head
        if head.i != verb.i and head.lemma_ in FORWARD_HEADS:
            holder = head.head if head.dep_ == "acomp" else head       # "had been due to"
            if any(_aux_word(c) == "had" and c.dep_ == "aux" for c in (*head.children, *holder.children)):
                return "past"               # "had been scheduled to expire Friday": a superseded plan
            head_dir = verb_direction(head) if head.pos_ in ("VERB", "AUX", "ADJ") else None
            if head_dir in ("future", "present", None) or head.lemma_ in ("plan", "schedule", "expect", "set", "due"):
                return "future"
        if head.i != verb.i and head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP"):
            return "future"                 # "is to resume trading Tuesday"
        if head.i != verb.i and head.pos_ in ("VERB", "AUX"):
            return verb_direction(head)
        return None
    if words & MODAL_FUTURE:
        if "have" in words and verb.tag_ == "VBN":
            return "past"                   # "may have been responsible", "could have met"
        return "future"
    if "could" in words:
        return None
    if verb.lemma_ in PLAN_VERBS and verb.tag_ != "VBD":
        return "future"             # "is scheduled for", "plans ... on Saturday"
    if words & {"has", "have", "'ve"} and "been" in words and verb.tag_ == "VBG":
        return "past"                       # has been searching since ...
    if any(a.tag_ in PAST_AUX_TAGS for a in auxes):
        return "past"                       # was held, had met, did say, were meeting
    if words & {"has", "have", "'ve", "'s"} and verb.tag_ == "VBN":
        return "past"                       # has met
    if verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN" and not auxes:
        # reduced relative clause "the bill passed Monday" or participial "scheduled for"
        if verb.lemma_ in ("schedule", "plan", "slate", "due", "expect"):
            return "future"
        return "past"
    if verb.tag_ == "VBG" and words & {"is", "are", "am", "'s", "'re", "'m"}:
        return "future"                     # is meeting Sunday (present progressive + date)
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    if verb.tag_ == "VBG" and verb.dep_ in ("acl", "advcl") and verb.head.i != verb.i:
        return verb_direction(verb.head)
    return None


REPORTED_PLAN_VERBS = _word_class("reported_plan_verbs")


def span_and_verb(doc, start: int, end: int):
    """The tokens of the character span start:end (expanded to whole tokens) and the verb
    that governs them; (None, None) when no token is there."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None, None
    return span, governing_verb(span.root)


def names_an_occasion(doc, start: int, end: int) -> bool:
    """ "Trump's July 25 call", "a July 10 meeting", "an October news conference": a date that
    modifies a noun names an occasion the reader knows of; the tense of the clause around it
    ("will face questions about the July 25 call") does not say whether it is to come, so the
    caller takes the occurrence nearest the publication date."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    root = span.root
    return root.dep_ in ("compound", "nmod", "amod") and root.head.pos_ == "NOUN" and root.head.i > root.i


def reported_plan(doc, start: int, end: int) -> bool:
    """ "Protesters planned a demonstration on Saturday", "a service planned for Saturday
    was canceled": a day named after a plan verb in the simple past (or a bare participle)
    is the planned day, and the past tense of the plan says nothing about whether that day
    is still to come; the caller takes the occurrence nearest the publication date. Not
    when the plan's clause looks forward anyway ("talks scheduled for Monday will focus"),
    nor for a superseded plan ("had planned"), nor for a day named before the verb ("On
    Friday, the government planned ...": the day of the planning)."""
    span, verb = span_and_verb(doc, start, end)
    if span is None:
        return False
    if verb is None or verb.lemma_ not in REPORTED_PLAN_VERBS or verb.i > span.start:
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if auxes:
        return False                      # "had planned", "was scheduled": the tense decides
    if verb.lemma_ == "set" and not any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children):
        return False                      # only "set for" names a planned day
    if verb.tag_ == "VBD":
        return True
    if verb.tag_ == "VBN" and verb.dep_ == "acl":
        clause = governing_verb(verb.head)
        return clause is None or verb_direction(clause) != "future"
    return False


def governing_verb(token):
    """The nearest verb (or predicative AUX) above ``token`` in the parse, or None."""
    current = token
    for _ in range(8):
        if current.pos_ in ("VERB", "AUX") and current.i != token.i:
            return current
        if current.head.i == current.i:
            return current if current.pos_ in ("VERB", "AUX") else None
        current = current.head
    return None


def direction_in_doc(doc, start: int, end: int) -> str | None:
    """past | future | present | None for the character span start:end of ``doc``."""
    span, verb = span_and_verb(doc, start, end)
    if span is None:
        return None
    for _ in range(3):
        if verb is None:
            return None
        direction = verb_direction(verb)
        if direction is not None:
            return direction
        if verb.dep_ in ("ccomp", "parataxis") or verb.head.i == verb.i:
            return None      # reported clause: the reporting verb's tense is not this one's
        verb = governing_verb(verb)
    return None


_FUTURE_CUES = re.compile(
    r"\b(?:will|'ll|shall|going\s+to|plans?\s+to|expected\s+to|scheduled|due\s+to|next|upcoming|is\s+to|are\s+to)\b",
    re.I)
_PAST_CUES = re.compile(r"\b(?:was|were|had|did|said|told|\w+ed)\b", re.I)
_SENTENCE_START = re.compile(r"[.!?\n]\s")


def direction_in_text(text: str, start: int, end: int) -> str | None:
    """Word-cue fallback without a parse: the words of the same sentence before the
    expression (and a few after)."""
    left = text[max(0, start - 80):start]
    cut = [m.end() for m in _SENTENCE_START.finditer(left)]
    if cut:
        left = left[cut[-1]:]
    right = text[end:end + 40]
    cut_right = _SENTENCE_START.search(right)
    if cut_right:
        right = right[:cut_right.start()]
    window = left + " " + right
    if _FUTURE_CUES.search(window):
        return "future"
    if _PAST_CUES.search(window):
        return "past"
    return None


DEFERRAL_VERBS = _word_class("deferral_verbs")


def perfect_or_present(doc, start: int, end: int) -> bool:
    """Whether the clause governing the span is in a present or present perfect tense
    ("has extended the deadline until Tuesday", "has continued to hold markets closed until
    Friday": untensed verbs pass on to the verb above them), not the simple past; or its
    verb defers something ("postponed until Tuesday morning")."""
    span, verb = span_and_verb(doc, start, end)
    if span is None:
        return False
    for _ in range(3):
        if verb is None:
            return False
        if verb.lemma_ in DEFERRAL_VERBS:
            return True
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        words = {_aux_word(c) for c in auxes}
        if words & {"has", "have", "'ve", "is", "are", "am"} or verb.tag_ in ("VBZ", "VBP"):
            return True
        if verb.tag_ == "VBD" or any(a.tag_ == "VBD" or a.tag_ == "MD" for a in auxes):
            return False                  # a tense of its own: the simple past decides
        if verb.head.i == verb.i:
            return False                  # (an untensed ccomp is a small clause: "hold X closed")
        verb = governing_verb(verb)
    return False


NEWS_PRESENT_LEMMAS = _word_class("news_present_verbs")


SAME_PAST_FORM = _word_class("same_past_form")


def scheduled_present(doc, start: int, end: int) -> bool:
    """ "He and Arafat meet separately Monday": a present-tense action verb with a day named
    is a schedule (future), unlike the reporting present ("officials say")."""
    span, verb = span_and_verb(doc, start, end)
    if span is None:
        return False
    if span.root.dep_ == "npadvmod" and span.root.head.pos_ == "NOUN" and span.root.head.i < span.root.i:
        return False    # "follows the testimony Tuesday of four officials": the day dates the noun's act
    return verb is not None and verb.tag_ in ("VBZ", "VBP") and verb.lemma_ not in NEWS_PRESENT_LEMMAS \
        and verb.lower_ not in SAME_PAST_FORM
