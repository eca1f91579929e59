"""Parsing bodies: a blank line always starts a sentence; analyse() batches the stages."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dateline import nlp as nlp_module
from dateline import pipeline
from dateline.model import Article

# Paragraphs the parser would happily glue together: a headline without a full stop, a
# byline, a lower-case continuation, a dateline.
GLUE_PRONE = (
    "Ministers meet in Oslo as talks drag on\n\n"
    "By our correspondent\n\n"
    "the foreign minister said on Monday that the talks would resume next week.\n\n"
    "OSLO\n\n"
    "Norway and Sweden signed a border agreement, officials said."
)


def _paragraph_starts(text: str) -> list[int]:
    return [i for i in range(2, len(text)) if text[i - 2:i] == "\n\n" and not text[i].isspace()]


def _check_paragraphs_start_sentences(doc) -> None:
    text = doc.text
    sentence_starts = {s.start_char for s in doc.sents}
    for pos in _paragraph_starts(text):
        assert pos in sentence_starts, f"paragraph at {pos} ({text[pos:pos + 20]!r}) is glued"
    for sent in doc.sents:
        assert "\n\n" not in sent.text.rstrip(), f"sentence crosses a blank line: {sent.text!r}"


def test_parse_keeps_text_and_never_glues_paragraphs(nlp):
    (doc,) = list(nlp_module.parse([GLUE_PRONE]))
    assert doc.text == GLUE_PRONE
    _check_paragraphs_start_sentences(doc)
    byline = next(s for s in doc.sents if s.text.startswith("By our"))
    assert byline.text.rstrip() == "By our correspondent"


def test_parse_yields_one_doc_per_text_in_order(nlp):
    texts = ["First text.\n\nSecond paragraph here.", "", "No blank line at all", "A\n\n\nB c d."]
    docs = list(nlp_module.parse(texts, batch_size=2))
    assert [d.text for d in docs] == texts
    for doc in docs:
        _check_paragraphs_start_sentences(doc)


_WORDS = ["the", "minister", "said", "talks", "would", "resume", "and", "officials", "in",
          "Paris", "met", "on", "Monday", "protesters", "gathered", "near", "parliament"]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12), min_size=2, max_size=6),
       st.sampled_from(["\n\n", "\n\n\n", " \n\n"]))
def test_no_sentence_crosses_a_blank_line(paragraphs, separator):
    text = separator.join(" ".join(words) for words in paragraphs)
    (doc,) = list(nlp_module.parse([text]))
    assert doc.text == text
    _check_paragraphs_start_sentences(doc)


def test_analyse_prepares_each_batch_before_running_a_stage(nlp):
    calls: list[tuple[str, int]] = []

    def probe(document):
        calls.append(("stage", len(document.doc)))

    probe.prepare = lambda documents: calls.append(("prepare", len(documents)))
    pipeline.register("test-probe", probe)
    articles = [Article(id=str(i), source="t", body=f"Paragraph {i}.\n\nAnother one.") for i in range(3)]
    try:
        documents = list(pipeline.analyse(articles, stages=["test-probe"], batch_size=2))
    finally:
        pipeline._REGISTRY.pop("test-probe")          # the registry is the documented stages
    assert [d.article.id for d in documents] == ["0", "1", "2"]
    assert all(d.doc is None for d in documents)          # the parse is dropped afterwards
    assert [c[0] for c in calls] == ["prepare", "stage", "stage", "prepare", "stage"]
    assert calls[0] == ("prepare", 2) and calls[3] == ("prepare", 1)


def test_the_lemmatizer_index_as_sets_gives_the_shipped_lemmas(nlp):
    """nlp.load() turns the rule lemmatizer's word lists into sets (a fresh process scanned
    them for every new word): the lemmas must be those of the pipeline as shipped, for
    words that hit every branch of the rules (in the index, out of it, exceptions)."""
    import spacy
    from spacy.tokens import Doc

    ours = nlp.get_pipe("lemmatizer")
    assert all(isinstance(v, frozenset) for v in ours.lookups.get_table("lemma_index").values())
    shipped_nlp = spacy.load(nlp.path)
    shipped = shipped_nlp.get_pipe("lemmatizer")
    assert all(isinstance(v, list) for v in shipped.lookups.get_table("lemma_index").values())
    stems = ["negotiate", "sign", "attack", "accuse", "meet", "fly", "agree", "sanction",
             "threaten", "release", "ceasefire", "talk", "strike", "crisis", "analysis",
             "deny", "blorp", "zintar", "quickly", "big", "happy", "good", "bus", "wolf"]
    words = [w + end for w in stems for end in ("", "s", "es", "ed", "d", "ing", "ies", "er", "est")]
    checked = 0
    for pos in ("NOUN", "VERB", "ADJ", "ADV", "PROPN"):
        for model, lemmatizer in ((nlp, ours), (shipped_nlp, shipped)):
            lemmatizer.cache.clear()
        ours_doc = ours(Doc(nlp.vocab, words=words, pos=[pos] * len(words)))
        shipped_doc = shipped(Doc(shipped_nlp.vocab, words=words, pos=[pos] * len(words)))
        assert [t.lemma_ for t in ours_doc] == [t.lemma_ for t in shipped_doc], pos
        checked += sum(t.lemma_ != t.text.lower() for t in ours_doc)
    assert checked > 100          # the rules did change words: the index was consulted
