"""The stage order: article -> document -> mentions -> events.

One place says what runs. The CLI (`ingest`, `extract`, `timex`), the HTTP API, the
evaluation and the runners all call :func:`analyse`; none re-implements a stage.

A stage is a function ``stage(doc: Document) -> None`` that reads what earlier stages put
on the Document and adds its own results. A stage may carry a ``prepare(documents)``
attribute: :func:`analyse` runs the stages one after the other over each batch and calls
``prepare`` on the batch first, so that work worth batching (a spaCy call on the headlines or
on free phrases) is done once for the batch instead of once per article.

Stages are registered by name with :func:`register`, spaCy-factory style: each declares the
Document fields it *requires* (assigned by the parse or by an earlier stage), the fields it
*assigns*, and the :class:`~dateline.settings.Config` fields it reads (its config, with the
Config's defaults). :func:`check_order` checks a stage list against these declarations once
per :func:`analyse` call, so "events before actors" is one clear error, not a wrong result.
``Config.stages`` says what runs (spaCy-style: a registry plus a list).
"""
from __future__ import annotations

import dataclasses
import importlib
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from dateline import settings
from dateline.errors import DatelineError
from dateline.model import ActorRef, Article, Event, Timex

StageFn = Callable[["Document"], None]

#: Document fields there before any stage runs (``doc``: the spaCy parse made by analyse)
GIVEN = ("article", "text", "body_offset", "doc", "config")


@dataclass
class StageSpec:
    """A registered stage: where its function is and its contract."""

    name: str
    target: str | StageFn                 # "module:function" (imported when first run) or the function
    requires: tuple[str, ...] = ()        # Document fields it reads
    assigns: tuple[str, ...] = ()         # Document fields it sets or rewrites
    config: tuple[str, ...] = ()          # Config fields it reads

    def default_config(self) -> dict[str, Any]:
        """The stage's settings with their defaults (from :class:`settings.Config`)."""
        defaults = {f.name: f.default for f in dataclasses.fields(settings.Config)}
        return {name: defaults[name] for name in self.config}


#: name -> contract. Modules are imported lazily, so `dateline stats` never loads spaCy.
_REGISTRY: dict[str, StageSpec] = {}


def register(name: str, fn: StageFn | str, *, requires: Iterable[str] = (), assigns: Iterable[str] = (),
             config: Iterable[str] = ()) -> StageSpec:
    """Add or replace a stage (a function, or "module:function") with its contract."""
    unknown = [c for c in config if c not in settings.ENV]
    if unknown:
        raise ValueError(f"stage {name!r}: no Config field {', '.join(unknown)}")
    spec = StageSpec(name, fn, tuple(requires), tuple(assigns), tuple(config))
    _REGISTRY[name] = spec
    return spec


register("timex", "dateline.time.stage:timex_stage",
         requires=("doc",), assigns=("timexes", "warnings"))
register("actors", "dateline.actors.stage:actors_stage",
         requires=("doc",), assigns=("actors", "places"), config=("actors_data",))
register("events", "dateline.events.stage:events_stage",
         requires=("doc", "timexes", "actors", "places"), assigns=("events",),
         config=("one_sided", "lead_sentences"))
register("merge", "dateline.events.merge:merge_stage",
         requires=("events",), assigns=("events", "warnings"), config=("min_confidence",))
register("geo", "dateline.places.stage:geo_stage",      # Event.geo; article.metadata["dateline_geo"]
         requires=("events", "actors", "places"), assigns=("events", "article"))


def stage_spec(name: str) -> StageSpec:
    """The contract of stage ``name``; a one-line error naming the known stages."""
    try:
        return _REGISTRY[name]
    except KeyError:
        raise DatelineError(f"unknown stage {name!r} (DATELINE_STAGES / --stages); known: "
                            f"{', '.join(sorted(_REGISTRY))}") from None


def get_stage(name: str) -> StageFn:
    """The stage function (imported on first use). KeyError for an unknown name."""
    spec = _REGISTRY[name]
    if isinstance(spec.target, str):
        module, _, attr = spec.target.partition(":")
        spec.target = getattr(importlib.import_module(module), attr)
    return spec.target


def check_order(names: Iterable[str]) -> list[StageSpec]:
    """The contracts of ``names``, checked: each stage's requirements are assigned by the
    parse or by a stage before it. A one-line DatelineError says which stage lacks what."""
    names = list(names)
    assigned = set(GIVEN)
    specs = []
    for name in names:
        spec = stage_spec(name)
        missing = [r for r in spec.requires if r not in assigned]
        if missing:
            providers = sorted({s.name for s in _REGISTRY.values() if set(missing) & set(s.assigns)})
            raise DatelineError(
                f"stage {name!r} requires {', '.join(missing)}, which no earlier stage assigns "
                f"(stages: {', '.join(names)}); run {' or '.join(providers) or 'a stage that assigns it'} before it")
        assigned.update(spec.assigns)
        specs.append(spec)
    return specs


def contract_table() -> list[dict[str, Any]]:
    """requires / assigns / config of every registered stage (docs/architecture.md shows it)."""
    return [{"stage": s.name, "requires": list(s.requires), "assigns": list(s.assigns),
             "config": s.default_config()} for s in _REGISTRY.values()]


@dataclass
class Document:
    """An article while it is being analysed: the parse plus what each stage found.

    Only ``article``, ``timexes``, ``actors`` and ``events`` leave the process; ``doc`` (the
    spaCy Doc) stays inside it. Every field a stage reads or writes is named here (see the
    contracts in :data:`_REGISTRY`).
    """

    article: Article
    doc: Any = None                                   # spaCy Doc over text
    text: str = ""                                    # what was parsed (title + body, see text_for)
    body_offset: int = 0                              # where article.body starts inside text
    timexes: list[Timex] = field(default_factory=list)
    actors: list[ActorRef] = field(default_factory=list)
    #: place names that only say where something happened (how="location"), for event
    #: locations; None until the actors stage ran
    places: list[ActorRef] | None = None
    events: list[Event] = field(default_factory=list)
    #: what a stage could not do and carried on without (e.g. "headline not coded: ...")
    warnings: list[str] = field(default_factory=list)
    #: a stage's ``prepare`` hook result for this document, under the stage's own key
    prepared: dict[str, Any] = field(default_factory=dict)
    #: the settings this document is analysed with
    config: settings.Config = field(default_factory=settings.current)


def text_for(article: Article, config: settings.Config | None = None) -> tuple[str, int]:
    """The text to parse and the offset of the body inside it.

    The body is parsed as stored so that character offsets of events and timexes are
    offsets into ``article.body`` (offset 0). The title is analysed by the stages that
    want it (events merge headline restatements) from ``article.title``.
    """
    body = article.body[: (config or settings.current()).max_body_chars]
    return body, 0


def analyse(articles: Iterable[Article], stages: list[str] | None = None,
            model: str | None = None, batch_size: int = 16,
            config: settings.Config | None = None) -> Iterator[Document]:
    """Parse articles with spaCy (batched) and run the stages on each; yields Documents.

    ``config`` (default: :func:`settings.current`) says the model, the stages and the
    stages' settings; ``stages`` and ``model``, when given, override its fields. The stage
    order is checked once, before anything is parsed. Each batch is parsed in one
    ``nlp.pipe`` call, then every stage runs over the whole batch (its ``prepare`` hook
    first, when it has one) before the next stage, with ``config`` in force.
    Non-English articles are yielded unparsed (stored and counted, not analysed).
    """
    from dateline import nlp

    config = config or settings.current()
    if stages is not None and tuple(stages) != config.stages:
        config = config.replace(stages=tuple(stages))
    if model is not None and model != config.spacy_model:
        config = config.replace(spacy_model=model)
    stage_fns = [get_stage(spec.name) for spec in check_order(config.stages)]
    nlp.load(config.spacy_model)

    def english(batch: list[Document]) -> Iterator[Document]:
        texts = [d.text for d in batch]
        for d, sdoc in zip(batch, nlp.parse(texts, config.spacy_model, batch_size=batch_size)):
            d.doc = sdoc
        # stage by stage over the batch, so that a stage can prepare the whole batch at once
        with settings.using(config):
            for fn in stage_fns:
                prepare = getattr(fn, "prepare", None)
                if prepare is not None:
                    prepare(batch)
                for d in batch:
                    fn(d)
        for d in batch:
            d.doc = None  # free the parse as soon as the stages are done
            d.prepared.clear()
            yield d

    batch: list[Document] = []
    for article in articles:
        text, offset = text_for(article, config)
        document = Document(article=article, text=text, body_offset=offset, config=config)
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


def __getattr__(name: str) -> Any:
    """``DEFAULT_STAGES``: the stages of the current Config (read when asked, not at import)."""
    if name == "DEFAULT_STAGES":
        return list(settings.current().stages)
    raise AttributeError(f"module 'dateline.pipeline' has no attribute {name!r}")
