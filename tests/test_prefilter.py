"""The selective parse: which paragraphs are parsed, and what a skipped one looks like."""
from __future__ import annotations

from dateline import nlp as nlp_module
from dateline import prefilter, settings

LEAD = "Norway and Sweden signed a border agreement in Oslo on Monday, officials said.\n\n"
QUIET = "The weather in the capital was mild and the shops were busy.\n\n"
EVENTFUL = "Later, the police arrested two men near the parliament building."


def test_trigger_words_come_from_the_pattern_data():
    words = prefilter.trigger_lemmas()
    assert {"accuse", "arrest", "talk", "must", "should"} <= words   # obligations: word_classes.tsv
    # "say" is IGNORE and "have" is LIGHT in verbs.tsv: no event on their own
    assert "say" not in words and "have" not in words


def test_inflected_forms_reach_their_trigger_lemma(nlp):
    prefilter.use_model(nlp)
    for word in ("accused", "arrests", "talks", "met", "fought", "sanctions"):
        assert prefilter.could_trigger(word), word
    for word in ("said", "weather", "mild", "shops", "has"):
        assert not prefilter.could_trigger(word), word


def test_select_keeps_the_lead_and_paragraphs_with_a_trigger(nlp):
    prefilter.use_model(nlp)
    paragraphs = ["By Jane Doe\n\n", LEAD, QUIET, EVENTFUL]
    # a byline before the lead is parsed too; the lead is parsed whatever it holds
    assert prefilter.select(paragraphs) == [True, True, False, True]
    assert prefilter.select([QUIET, QUIET]) == [True, False]


def test_skipped_paragraph_keeps_text_and_is_one_unparsed_sentence(nlp):
    text = LEAD + QUIET + EVENTFUL
    (doc,) = list(nlp_module.parse([text], selective=True))
    assert doc.text == text
    quiet_start = len(LEAD)
    quiet = [t for t in doc if quiet_start <= t.idx < quiet_start + len(QUIET)]
    assert all(t.pos_ == "" and t.lemma_ == "" and t.ent_type_ == "" for t in quiet)
    sents = [s.text for s in doc.sents]
    assert QUIET in sents
    arrested = next(t for t in doc if t.text == "arrested")
    assert arrested.pos_ == "VERB" and arrested.lemma_ == "arrest"


def test_off_parses_every_paragraph_as_before(nlp):
    text = LEAD + QUIET + EVENTFUL
    (default,) = list(nlp_module.parse([text]))
    (off,) = list(nlp_module.parse([text], selective=False))
    assert [(t.pos_, t.dep_, t.head.i, t.lemma_) for t in default] == \
        [(t.pos_, t.dep_, t.head.i, t.lemma_) for t in off]
    assert all(t.pos_ for t in default if not t.is_space)


def test_one_model_whatever_the_name_is_spelled(nlp):
    assert nlp_module.load() is nlp_module.load(None) is nlp_module.load(settings.SPACY_MODEL)
