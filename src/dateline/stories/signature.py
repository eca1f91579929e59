"""What an article says, as weighted features for story clustering.

A signature is a bag of typed features, counted:

* ``w:`` content words, lowercased and lightly stemmed (stopwords dropped);
* ``l:`` the same for the title and the lead (first :data:`LEAD_WORDS` words): what the
  article is mainly about, which is what decides its topic;
* ``n:`` name tokens: words of entities (when the caller gives them, e.g. spaCy's) or,
  without entities, capitalised words whose lowercase form the article never uses (so
  "Rehab" in a title-case headline is not a name when the body says "rehab"). A name
  word is also a ``w:`` feature: places and organisations are shared by the stories of
  one topic (measured: dropping them from ``w:`` lowers topic B-cubed on ECB+);
* ``y:`` years (1900-2099) and ``m:`` month-year pairs: dating cues in undated text;
* ``#:`` other multi-digit numbers (death tolls, magnitudes, ages): weak but specific;
* ``e:`` event types of the article's events (PLOVER), when given.

Two articles about the same event share names, places, numbers and the event's words; two
events of the same kind share mostly the kind's words. The clusterer weighs the feature
types differently for stories (fine) and topics (coarse).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

_DATA = Path(__file__).with_name("data")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+(?:[.,:]\d+)*")   # letters in any script
_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december"
    .split(), start=1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9


#: The first words (after the title) that state the story: news leads with its event.
LEAD_WORDS = 40


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    words = set()
    for line in (_DATA / "stopwords.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(line)
    return frozenset(words)


def stem(word: str) -> str:
    """A light, consistent suffix stripper (plural and -ed/-ing), not a linguistic stemmer:
    it only needs to map "arrests", "arrested", "arresting" to one feature."""
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "xes", "ches", "shes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]  # "shipped" -> "ship"
            break
    return word


@dataclass
class Signature:
    """An article's features (``kind:value`` -> count) and display forms of its names."""

    counts: Counter = field(default_factory=Counter)
    display: dict[str, str] = field(default_factory=dict)   # n:lohan -> "Lohan"
    events: Counter = field(default_factory=Counter)         # PLOVER type -> count


def _entity_texts(entities: Iterable[Any] | None) -> list[str]:
    """Entity surface strings from what callers have: strings, (text, label) pairs, dicts
    with text/name, spaCy spans or ActorRefs."""
    texts = []
    for entity in entities or []:
        if isinstance(entity, str):
            texts.append(entity)
        elif isinstance(entity, (tuple, list)) and entity:
            texts.append(str(entity[0]))
        elif isinstance(entity, dict):
            texts.append(str(entity.get("text") or entity.get("name") or entity.get("entity_text") or ""))
        else:
            texts.append(str(getattr(entity, "entity_text", None) or getattr(entity, "name", None)
                             or getattr(entity, "text", "")))
    return [t for t in texts if t.strip()]


def _name_key(word: str) -> str:
    word = word.lower().replace("’", "'")
    return word[:-2] if word.endswith("'s") else word


def signature(text: str, title: str | None = None, entities: Iterable[Any] | None = None,
              events: Iterable[Any] | None = None) -> Signature:
    """Features of one article. The title counts twice (it names the story)."""
    stop = stopwords()
    sig = Signature()
    parts = ([title, title] if title else []) + [text or ""]
    full = "\n".join(parts)
    tokens = _WORD.findall(full)
    lower_seen = {_name_key(w) for w in tokens if w[:1].islower()}

    given = _entity_texts(entities)
    entity_words = {_name_key(w) for e in given for w in _WORD.findall(e)}
    lead_words = LEAD_WORDS + (2 * len(_WORD.findall(title)) if title else 0)
    month, month_index = None, -10
    for index, word in enumerate(tokens):
        if word[0].isdigit():
            plain = word.replace(",", "")
            if ":" in plain:
                continue                                  # clock times: no story content
            if re.fullmatch(r"(19|20)\d\d", plain):
                sig.counts["y:" + plain] += 1
                if month and index - month_index <= 3:    # "June 13, 2013", "May 2013"
                    sig.counts[f"m:{plain}-{month:02d}"] += 1
            elif len(plain) >= 2 and plain not in ("00", "000"):
                sig.counts["#:" + plain] += 1
            continue
        lower = _name_key(word)
        if lower in _MONTHS and (word[0].isupper() or lower != "may"):
            month, month_index = _MONTHS[lower], index
        if lower in stop or len(lower) < 3:
            continue
        if given:
            is_name = word[0].isupper() and lower in entity_words
        else:
            is_name = (word[0].isupper() and lower not in lower_seen and lower not in _MONTHS
                       and not (word.isupper() and len(word) > 5))   # shouted headline words
        if is_name:
            key = "n:" + lower
            sig.counts[key] += 1
            shown = re.sub(r"['’][sS]$", "", word)
            sig.display.setdefault(key, shown if not shown.isupper() or len(shown) <= 5
                                   else shown.title())
        key = "w:" + stem(lower)
        sig.counts[key] += 1
        if index < lead_words:
            sig.counts["l:" + stem(lower)] += 1
        sig.display.setdefault(key, lower)
    for entity in given:      # names the text does not spell (e.g. an actor's canonical name)
        for word in _WORD.findall(entity):
            lower = _name_key(word)
            key = "n:" + lower
            if lower in stop or len(lower) < 3 or word[0].isdigit() or key in sig.counts:
                continue
            sig.counts[key] += 1
            sig.display.setdefault(key, word)
    for event in events or []:
        if isinstance(event, str):          # a PLOVER type as is
            kind = event
        elif isinstance(event, dict):
            kind = event.get("event")
        else:                               # an Event record
            kind = getattr(event, "event", None)
        if kind:
            sig.events[str(kind)] += 1
            sig.counts["e:" + str(kind)] += 1
    return sig
