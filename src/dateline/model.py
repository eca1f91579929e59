"""Plain records that flow between the stages, and their Arrow schemas.

Every stage takes and returns these dataclasses (or lists of them); none of them holds a
spaCy object, a file handle or a database connection, so a record can cross a process
boundary (local runner), a Ray batch (as plain columns) or be written to Parquet as is.

The Arrow schemas below are the store's table schemas (docs/store.md): the local writer and
the Ray Data job both write exactly these columns.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any


# --------------------------------------------------------------------------------------
# Articles
# --------------------------------------------------------------------------------------
@dataclass
class Article:
    """One news article after reading and cleaning.

    ``published`` is an ISO date (``2023-06-19``) or date-time (``2023-06-19T06:03``) or
    None: dateline never substitutes today's date. ``provenance`` says where each metadata
    value came from, e.g. ``{"published": "text:line 5", "title": "jsonl:title"}``.
    """

    id: str                       # sha256 of the normalised body (first 16 hex digits)
    source: str                   # input path, "PATH#N" for record N of a JSONL/WARC input
    body: str                     # cleaned body: paragraphs separated by blank lines
    url: str | None = None
    title: str | None = None
    published: str | None = None
    published_source: str | None = None   # user | jsonl | html-meta | text | warc | ...
    published_ambiguous: bool = False     # e.g. 03/04/2023 decided from other evidence
    language: str | None = None
    raw: str = ""                 # the input as read (decoded text, HTML or JSON line)
    raw_kind: str = "text"        # text | html | jsonl | warc
    metadata: dict[str, Any] = field(default_factory=dict)    # authors, site, agency, dateline, standfirst...
    provenance: dict[str, str] = field(default_factory=dict)  # field -> where it came from
    warnings: list[str] = field(default_factory=list)
    ingested_at: str | None = None

    def to_row(self) -> dict[str, Any]:
        row = asdict(self)
        row["metadata"] = json.dumps(self.metadata, ensure_ascii=False, sort_keys=True)
        row["provenance"] = json.dumps(self.provenance, ensure_ascii=False, sort_keys=True)
        return row

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "Article":
        row = dict(row)
        for key in ("metadata", "provenance"):
            if isinstance(row.get(key), str):
                row[key] = json.loads(row[key]) if row[key] else {}
        row["warnings"] = list(row.get("warnings") or [])
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in row.items() if k in known})


def _article_schema():
    import pyarrow as pa

    return pa.schema([
        ("id", pa.string()),
        ("source", pa.string()),
        ("body", pa.string()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("published", pa.string()),
        ("published_source", pa.string()),
        ("published_ambiguous", pa.bool_()),
        ("language", pa.string()),
        ("raw", pa.string()),
        ("raw_kind", pa.string()),
        ("metadata", pa.string()),      # JSON object
        ("provenance", pa.string()),    # JSON object
        ("warnings", pa.list_(pa.string())),
        ("ingested_at", pa.string()),
        ("batch", pa.string()),         # the ingest batch that committed this row
    ])


def __getattr__(name: str):
    """``ARTICLE_SCHEMA`` is built on first use: pyarrow costs ~0.2 s to import, and the
    commands that never touch a store (`dateline extract`) should not pay it."""
    if name == "ARTICLE_SCHEMA":
        schema = globals()["ARTICLE_SCHEMA"] = _article_schema()
        return schema
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --------------------------------------------------------------------------------------
# Time expressions
# --------------------------------------------------------------------------------------
@dataclass
class Timex:
    """A TIMEX3-style time expression found in a text.

    ``start``/``end`` are character offsets into the text exactly as given to the stage.
    ``precision`` is one of: day, week, month, season, quarter, year, decade, century,
    time, duration, set, ref (PRESENT_REF...), or None when the value is underspecified.
    """

    start: int
    end: int
    text: str
    type: str                     # DATE | TIME | DURATION | SET
    value: str                    # 2021-10-31, 2021-W43, P5Y, XXXX-03, PAST_REF ...
    precision: str | None = None
    rule: str = ""                # which recogniser/normaliser rule produced it
    direction: str | None = None  # past | future | same, when a relative value was resolved


# --------------------------------------------------------------------------------------
# Actors and events
# --------------------------------------------------------------------------------------
#: The code of an actor or recipient that the article names but dateline cannot place
#: (PLOVER's "---"): the event is kept, with the words, the entity type in ``sector``'s
#: place left to what is known, and the reason in ``how``. ``--resolved-only`` drops them.
UNRESOLVED = "---"
#: PLOVER's codes for actors that are not states: never a country of a scene or an article
NON_STATE_CODES = frozenset({"IGO", "UNO", "EUR", "NGO", "MNC", "IMG", "REF"})


@dataclass
class ActorRef:
    """An actor or recipient: PLOVER country/organisation code plus sector."""

    code: str                     # ISO alpha-3, or IGO/UNO/NGO/MNC/...
    sector: str | None = None     # GOV, MIL, COP, JUD, LEG, REB, OPP, BUS, CVL, ...
    name: str | None = None       # canonical name ("Antony Blinken", "China")
    entity_text: str = ""         # the words in the article
    start: int | None = None      # character offsets in the article body
    end: int | None = None
    how: str = ""                 # resolution path: "officeholder", "demonym", "capital", ...


@dataclass
class Event:
    """A PLOVER event in one article, with its evidence and provenance."""

    id: str
    article_id: str
    event: str                    # PLOVER type: CONSULT, ACCUSE, ...
    mode: str | None
    quad_code: int                # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    intensity: float
    actor: list[ActorRef]
    recipient: list[ActorRef]
    #: when it happened, at the precision the text gives: YYYY-MM-DD (day), YYYY-Www (ISO
    #: week: "last week"), YYYY-MM (month) or YYYY (year; also seasons, quarters, halves);
    #: None when undated. Filters and sorting read the days it covers: a week from its
    #: Monday to its Sunday (dateline.stories.dedup.date_interval; in SQL store.read's
    #: ``date_first_day``/``date_last_day``)
    date: str | None
    #: day | week | month | year | publication (no time expression: the publication day or
    #: month, a labelled fallback) | None
    date_precision: str | None
    date_text: str | None
    status: str                   # occurred | planned | hypothetical | negated | ongoing
    event_loc: dict[str, Any] | None
    event_text: str               # the sentence (evidence)
    start: int                    # sentence offsets in the article body
    end: int
    trigger: str = ""             # the verb or noun that triggered the event
    rule: str = ""                # pattern id or model name
    confidence: float = 0.0
    mentions: list[dict[str, Any]] = field(default_factory=list)  # other sentences saying it
    explain: dict[str, Any] = field(default_factory=dict)          # parse path, anchoring, ...
    #: the place on the map (the ``geo`` stage, dateline.places): None, or PLOVER's location
    #: fields geonameid, name, lat, lon, admin1, country_code, feature_class, resolution
    #: (city | admin1 | country) and why; ``explain["geo"]`` says why when it is None
    geo: dict[str, Any] | None = None


def to_jsonable(obj: Any) -> Any:
    """Dataclasses (nested) to plain dicts/lists for JSON output."""
    if hasattr(obj, "__dataclass_fields__"):
        return {k: to_jsonable(v) for k, v in asdict(obj).items()}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, dict):
        return {k: to_jsonable(v) for k, v in obj.items()}
    return obj
