"""What the event coder yields: a :class:`Candidate` (trigger, pattern, type, argument heads)
and its :class:`Arg` (a phrase head and the dependency path that found it)."""
from __future__ import annotations

from dataclasses import dataclass, field

from dateline.events import patterns


#: the path of an imposer the sentence leaves out ("tariffs imposed on Sept. 1"): the scene
#: names it from the article (events/scene.py place_imposers)
IMPOSER_PATH = "implicit:imposer"
#: the path of a measure's target the sentence leaves out ("tariffs imposed on consumer
#: goods"): the scene names the article's target of such measures (place_imposers)
TARGET_PATH = "implicit:target"
#: the path of the government that withdrew its own act, not named ("the bill was
#: withdrawn"): the scene places it where the story is (place_people)
GOVERNMENT_PATH = "implicit:government"
#: paths with no words of their own: the actor data never resolves them
UNNAMED_PATHS = (IMPOSER_PATH, TARGET_PATH, GOVERNMENT_PATH)


@dataclass
class Arg:
    """A phrase that fills a role: its head token and how it was reached."""

    token: object                 # spaCy Token heading the phrase
    path: str                     # e.g. "nsubj", "prep:with>pobj", "light-verb:held>nsubj"
    inferred: bool = False        # reached by inheritance (conj, xcomp, relcl, pronoun...)


@dataclass
class Candidate:
    """A trigger with its pattern, PLOVER type and argument heads (before actor resolution)."""

    trigger: object               # spaCy Token (verb or noun)
    pattern: patterns.Pattern
    event: str
    mode: str | None
    actors: list[Arg] = field(default_factory=list)
    recipients: list[Arg] = field(default_factory=list)
    clause: object = None         # the verb whose auxiliaries / negation decide status
    places: list[object] = field(default_factory=list)   # tokens of places in the clause
    kind: str = "verb"            # verb | noun | light
    status: str = "occurred"
    status_why: str = ""
    light: object = None          # the light verb for "held talks"
    notes: list[str] = field(default_factory=list)
    rules_fired: list[str] = field(default_factory=list)   # names of the codebook rules that changed it

    @property
    def rule(self) -> str:
        return self.pattern.id
