"""Is an article about politics at all? Sports reports are full of "attacks", "beat",
"blasted", "fired the coach" and "signed a contract", which a verb lexicon codes as
violence and agreements (GDELT's "Lakers attack Celtics"). In an article that reads as a
sports report (several distinct words of ``sports_words``), an event with no state or
political body on either side is capped below the default confidence threshold, with a note:
kept for ``--min-confidence 0``, out of the record analysts read.
"""
from __future__ import annotations

from dateline.events.words import SPORTS_WORDS
from dateline.model import NON_STATE_CODES, Event

#: distinct sports words that make an article a sports report
MIN_SPORTS_WORDS = 4
#: the confidence of a sports report's event with no political side
SPORTS_CAP = 0.3
#: sectors of political actors (PLOVER sector codes)
POLITICAL_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "REB", "OPP", "PTY", "SPY", "ELI", "UAF", "IGO", "NGO"}
#: how a side names a state itself ("China", "Beijing", the president by name)
STATE_HOWS = ("country-name", "capital", "officeholder", "title+name")


def sports_words_in(doc) -> list[str]:
    """The distinct sports words of a parsed article (lower-case lemmas)."""
    return sorted({t.lemma_.lower() for t in doc if t.lemma_.lower() in SPORTS_WORDS or t.lower_ in SPORTS_WORDS})


def political_side(event: Event) -> bool:
    """Has the event a state, a political body or an international organisation on a side?"""
    for ref in list(event.actor) + list(event.recipient):
        if (ref.sector or "") in POLITICAL_SECTORS or ref.code in NON_STATE_CODES - {"MNC"}:
            return True
        if (ref.how or "").startswith(STATE_HOWS):
            return True
    return False


def cap_sports(doc, events: list[Event]) -> None:
    """In a sports report, events with no political side fall below the default threshold."""
    words = sports_words_in(doc) if doc is not None else []
    if len(words) < MIN_SPORTS_WORDS:
        return
    for ev in events:
        if not political_side(ev) and ev.confidence > SPORTS_CAP:
            ev.confidence = SPORTS_CAP
            ev.explain.setdefault("notes", []).append(
                f"a sports report ({', '.join(words[:6])}) and no political side: confidence capped at {SPORTS_CAP}")
