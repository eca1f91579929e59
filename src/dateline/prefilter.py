"""Which paragraphs are worth a parse: the selective parse (``DATELINE_SELECTIVE_PARSE=on``).

Why: the parse is most of the time of an analysis, and most paragraphs of a news page hold
no codable event. An event needs a trigger: a verb or noun of the event patterns
(``events/data/verbs.tsv``, ``nouns.tsv``, ``reversers.tsv``) or a reported obligation
(the ``obligation_aux`` words of ``word_classes.tsv``: "must", "should"). A
paragraph whose words cannot be the inflection of any trigger cannot hold an event, so
it is not parsed; the lead (every paragraph up to the first one of at least five words)
is always parsed, because one-party events are kept there (settings.ONE_SIDED_EVENTS).

The test is cheap and errs on the side of parsing: each lower-case word is expanded into
every lemma the English lemmatizer's own tables (``lemma_exc``, ``lemma_rules`` of the
loaded spaCy pipeline) could give it as a verb or a noun, and the paragraph is kept when
one of them is a trigger. Verbs that are events only through a trigger noun they govern
(``LIGHT``, ``CARRY:-``: "held talks") and ``IGNORE`` verbs do not count on their own:
their noun does. Actor and time words are not tested: without a trigger they make no
event, and every news paragraph names one.

What a skipped paragraph still gets: its tokens, one sentence, no tags, lemmas,
dependencies or entities (``nlp.parse``). Time expressions are still found in it (on the
text), and the actor lookup still sees its words.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

DATA = Path(__file__).parent / "events" / "data"

#: verb pattern types that are no event without a trigger noun (which is tested itself)
_NOT_ON_THEIR_OWN = {"LIGHT", "IGNORE", "CARRY:-"}
#: the word class of words that make an event with no trigger of their own (reported obligations)
_OBLIGATION_CLASS = "obligation_aux"
#: paragraphs of fewer words than this before the lead (bylines, datelines) are parsed too
LEAD_MIN_WORDS = 5

_WORD = re.compile(r"[a-z]+(?:[-'][a-z]+)*")


def _rows(path: Path):
    """Cells of a data table's rows (comments, blank lines and the header skipped)."""
    from dateline.tables import read_table

    return (cells for _, cells in read_table(path))


@functools.lru_cache(maxsize=1)
def trigger_lemmas() -> frozenset[str]:
    """Lower-case lemmas (and noun word forms) that can trigger an event on their own."""
    from dateline.tables import word_classes

    out = set(word_classes(DATA / "word_classes.tsv").get(_OBLIGATION_CLASS, ()))
    for cols in _rows(DATA / "verbs.tsv"):
        if cols[0] and len(cols) > 1 and cols[1] not in _NOT_ON_THEIR_OWN:
            out.add(cols[0].split()[0].lower())
    for cols in _rows(DATA / "nouns.tsv"):
        if cols[0]:
            key = cols[0].lower()
            out.add(key.split()[-1])
            out.add(key)
    for cols in _rows(DATA / "reversers.tsv"):
        default = cols[5] if len(cols) > 5 else "-"
        if cols[0] and default not in ("", "-"):
            out.add(cols[0].split()[0].lower())
    return frozenset(out)


_TABLES: dict = {"exc": {}, "rules": {}}


def use_model(model) -> None:
    """Take the verb and noun tables of ``model``'s lemmatizer (``nlp.parse`` calls this
    with the pipeline it parses with; the model is passed in, so this module never imports
    ``dateline.nlp``)."""
    if _TABLES.get("model") is model:
        return
    tables: dict = {"exc": {}, "rules": {}, "model": model}
    if "lemmatizer" in model.pipe_names:
        lookups = model.get_pipe("lemmatizer").lookups
        for name, key in (("lemma_exc", "exc"), ("lemma_rules", "rules")):
            if lookups.has_table(name):
                table = lookups.get_table(name)
                for pos in ("verb", "noun"):
                    if pos in table:
                        tables[key][pos] = table[pos]
    _TABLES.clear()
    _TABLES.update(tables)
    could_trigger.cache_clear()


@functools.lru_cache(maxsize=200_000)
def could_trigger(word: str) -> bool:
    """Whether some lemma of the lower-case ``word`` (as a verb or a noun) is a trigger."""
    triggers = trigger_lemmas()
    if word in triggers:
        return True
    tables = _TABLES
    for pos in ("verb", "noun"):
        if any(lemma in triggers for lemma in tables["exc"].get(pos, {}).get(word, ())):
            return True
        for old, new in tables["rules"].get(pos, ()):
            if word.endswith(old) and word[: len(word) - len(old)] + new in triggers:
                return True
    return False


def paragraph_may_hold_event(paragraph: str) -> bool:
    """Whether ``paragraph`` has a word that could be an event trigger (a hyphenated word
    counts whole and by its parts: the tokenizer may split it)."""
    for word in _WORD.findall(paragraph.lower()):
        if could_trigger(word):
            return True
        if ("-" in word or "'" in word) and any(could_trigger(w) for w in re.split(r"[-']", word)):
            return True
    return False


def select(paragraphs: list[str]) -> list[bool]:
    """For each paragraph of one text: parse it? The lead and every paragraph before it,
    and every paragraph with a possible trigger (call :func:`use_model` first)."""
    keep = []
    lead_seen = False
    for p in paragraphs:
        if not lead_seen:
            keep.append(True)
            lead_seen = len(p.split()) >= LEAD_MIN_WORDS
            continue
        keep.append(paragraph_may_hold_event(p))
    return keep
