"""What a `dateline` process builds at start-up, built cheaper, must be what it was.

Real spaCy pipeline and the packaged actor data.
"""
from __future__ import annotations

import spacy


def test_the_pipeline_tokenizer_splits_every_packaged_alias_as_a_blank_english_one(nlp, monkeypatch):
    """The actor data's aliases are tokenised with the loaded pipeline's tokenizer (no blank
    English pipeline is built at start-up): the keys must be the ones the blank tokenizer
    gave, or names would stop matching the articles' tokens."""
    from dateline.actors import knowledge as kn

    seen: list[str] = []
    tokenizer = kn.alias_tokenizer()
    assert tokenizer is nlp.tokenizer

    def recording(text):
        seen.append(text)
        return tokenizer(text)

    monkeypatch.setattr(kn, "alias_tokenizer", lambda: recording)
    kn.knowledge.cache_clear()
    try:
        kn.knowledge()
    finally:
        kn.knowledge.cache_clear()
    blank = spacy.blank("en").tokenizer
    assert len(seen) > 5000
    differ = [a for a in seen if [t.text for t in blank(a)] != [t.text for t in nlp.tokenizer(a)]]
    assert differ == []
