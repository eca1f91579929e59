"""The stage order: article -> document -> mentions -> events.

One place says what runs. The CLI (`ingest`, `extract`, `timex`), the HTTP API, the
evaluation and the runners all call :func:`analyse`; none re-implements a stage.

A stage is a function ``stage(doc: Document) -> None`` that reads what earlier stages put
on the Document and adds its own results. A stage may carry a ``prepare(documents)``
attribute: :func:`analyse` runs the stages one after the other over each batch and calls
``prepare`` on the batch first, so that work worth batching (a spaCy call on the headlines or
on free phrases) is done once for the batch instead of once per article. Stages are registered by name with
:func:`register`; :data:`DEFAULT_STAGES` is the order used unless a caller passes another
(spaCy-style: a registry plus a list that says what runs).
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from dateline import settings
from dateline.model import ActorRef, Article, Event, Timex

StageFn = Callable[["Document"], None]

#: name -> "module:function". Modules are imported lazily, so `dateline stats` never loads spaCy.
_REGISTRY: dict[str, str | StageFn] = {
    "timex": "dateline.time.stage:timex_stage",
    "actors": "dateline.actors.stage:actors_stage",
    "events": "dateline.events.stage:events_stage",
    "merge": "dateline.events.merge:merge_stage",
    "geo": "dateline.places.stage:geo_stage",     # requires events; assigns Event.geo
}

#: What runs after parsing, in order (settings.STAGES; $DATELINE_STAGES overrides).
DEFAULT_STAGES = settings.STAGES


def register(name: str, fn: StageFn | str) -> None:
    """Add or replace a stage (a function, or "module:function")."""
    _REGISTRY[name] = fn


def get_stage(name: str) -> StageFn:
    fn = _REGISTRY[name]
    if isinstance(fn, str):
        module, _, attr = fn.partition(":")
        fn = getattr(importlib.import_module(module), attr)
        _REGISTRY[name] = fn
    return fn


@dataclass
class Document:
    """An article while it is being analysed: the parse plus what each stage found.

    Only ``article``, ``timexes``, ``actors`` and ``events`` leave the process; ``doc`` (the
    spaCy Doc) stays inside it.
    """

    article: Article
    doc: Any = None                                   # spaCy Doc over text
    text: str = ""                                    # what was parsed (title + body, see text_for)
    body_offset: int = 0                              # where article.body starts inside text
    timexes: list[Timex] = field(default_factory=list)
    actors: list[ActorRef] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    notes: dict[str, Any] = field(default_factory=dict)  # stage-private scratch space


def text_for(article: Article) -> tuple[str, int]:
    """The text to parse and the offset of the body inside it.

    The body is parsed as stored so that character offsets of events and timexes are
    offsets into ``article.body`` (offset 0). The title is analysed by the stages that
    want it (events merge headline restatements) from ``article.title``.
    """
    body = article.body[: settings.MAX_BODY_CHARS]
    return body, 0


def analyse(articles: Iterable[Article], stages: list[str] | None = None,
            model: str | None = None, batch_size: int = 16) -> Iterator[Document]:
    """Parse articles with spaCy (batched) and run the stages on each; yields Documents.

    Each batch is parsed in one ``nlp.pipe`` call, then every stage runs over the whole
    batch (its ``prepare`` hook first, when it has one) before the next stage.
    Non-English articles are yielded unparsed (stored and counted, not analysed).
    """
    from dateline import nlp

    stage_fns = [get_stage(n) for n in (DEFAULT_STAGES if stages is None else stages)]
    nlp.load(model)

    def english(batch: list[Document]) -> Iterator[Document]:
        texts = [d.text for d in batch]
        for d, sdoc in zip(batch, nlp.parse(texts, model, batch_size=batch_size)):
            d.doc = sdoc
        # stage by stage over the batch, so that a stage can prepare the whole batch at once
        for fn in stage_fns:
            prepare = getattr(fn, "prepare", None)
            if prepare is not None:
                prepare(batch)
            for d in batch:
                fn(d)
        for d in batch:
            d.doc = None  # free the parse as soon as the stages are done
            yield d

    batch: list[Document] = []
    for article in articles:
        text, offset = text_for(article)
        document = Document(article=article, text=text, body_offset=offset)
        if article.language not in (None, "en"):
            yield from english(batch)
            batch = []
            yield document
            continue
        batch.append(document)
        if len(batch) >= batch_size:
            yield from english(batch)
            batch = []
    if batch:
        yield from english(batch)
