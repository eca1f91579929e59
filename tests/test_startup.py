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


def _fresh_knowledge():
    from dateline.actors import knowledge as kn

    kn.knowledge.cache_clear()
    try:
        return kn.knowledge()
    finally:
        kn.knowledge.cache_clear()


def test_actor_knowledge_read_with_the_alias_token_cache_is_the_knowledge_built_without(
        nlp, tmp_path, monkeypatch):
    """The aliases' tokens are kept in the user cache between processes: a start that
    reads them builds exactly the knowledge that tokenising every alias builds, and
    tokenises nothing."""
    from dateline.actors import knowledge as kn

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    uncached = kn._build(kn._AliasTokens(nlp.tokenizer, use_file=False))
    first = _fresh_knowledge()                   # tokenises and writes the file
    (written,) = (tmp_path / "dateline").glob("actor-alias-tokens-*.json")
    stamp = written.stat().st_mtime_ns
    tokenised: list[str] = []
    real = kn._AliasTokens.tokenize
    monkeypatch.setattr(kn._AliasTokens, "tokenize",
                        lambda self, alias: tokenised.append(alias) or real(self, alias))
    second = _fresh_knowledge()                  # reads the file
    assert uncached == first == second
    assert len(uncached.lexicon) > 5000
    assert tokenised == [] and written.stat().st_mtime_ns == stamp


def test_a_broken_alias_token_cache_is_tokenised_again_and_rewritten(nlp, tmp_path, monkeypatch):
    from dateline.actors import knowledge as kn

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    good = _fresh_knowledge()
    (path,) = (tmp_path / "dateline").glob("actor-alias-tokens-*.json")
    path.write_text('{"format": "alias-tokens-1", "tokens": {"France": [1, 2]', "utf-8")
    assert kn._read_alias_cache(path) == {}
    assert _fresh_knowledge() == good
    assert kn._read_alias_cache(path)["France"] == ("France",)


def test_a_user_alias_missing_from_the_token_cache_is_tokenised(nlp, tmp_path, monkeypatch):
    """An alias the cache file does not hold (a user's actor data) is tokenised, matched
    like the packaged ones, and added to the file."""
    from dateline import settings
    from dateline.actors import knowledge as kn

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    _fresh_knowledge()                           # the packaged aliases in the file
    extra = tmp_path / "actors"
    extra.mkdir()
    (extra / "organisations.tsv").write_text(
        "name\taliases\tcode\tsector\nZorblat Union-Front\tZUF\tZZZ\tREB\n", "utf-8")
    with settings.using(settings.current().replace(actors_data=str(extra))):
        kb = _fresh_knowledge()
    assert [e.code for e in kb.lexicon[("zorblat", "union", "-", "front")]] == ["ZZZ"]
    (path,) = (tmp_path / "cache" / "dateline").glob("actor-alias-tokens-*.json")
    assert kn._read_alias_cache(path)["Zorblat Union-Front"] == ("Zorblat", "Union", "-", "Front")
