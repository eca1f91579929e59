"""The seed articles: every time expression in shared/acceptance/seeds/gold.json gets its
value, through the pipeline stage (Document + parse) as the ingest path runs it."""
from __future__ import annotations

import json

import pytest

from dateline.model import Article
from dateline.pipeline import Document
from dateline.time.stage import timex_stage

PUBLISHED = {"000_d9e6150c5e46e4b0.txt": "2021-10-30", "004_158155df5e07fd05.txt": "2023-06-19T06:03"}


def _document(nlp, text, published):
    doc = nlp(text)
    document = Document(article=Article(id="x", source="seed", body=text, published=published),
                        doc=doc, text=text)
    timex_stage(document)
    return document


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_seed_timexes(nlp, shared, name):
    gold = json.loads((shared / "acceptance" / "seeds" / "gold.json").read_text(encoding="utf-8"))
    entry = next(d for d in gold["documents"] if d["file"] == name)
    text = (shared / "acceptance" / "seeds" / name).read_text(encoding="utf-8")
    document = _document(nlp, text, PUBLISHED[name])
    for expected in entry["timex"]:
        # every occurrence of the gold text must carry an expression with the gold value
        start = text.find(expected["text"])
        assert start >= 0, expected
        hits = []
        while start >= 0:
            end = start + len(expected["text"])
            overlapping = [t for t in document.timexes if t.start < end and start < t.end]
            hits.append([t.value for t in overlapping])
            start = text.find(expected["text"], end)
        assert any(expected["value"] in values for values in hits), (expected, hits)


def test_seed_000_sunday_occurrences_are_both_the_planned_meeting(nlp, shared):
    text = (shared / "acceptance" / "seeds" / "000_d9e6150c5e46e4b0.txt").read_text(encoding="utf-8")
    document = _document(nlp, text, "2021-10-30")
    assert [t.value for t in document.timexes if t.text == "Sunday"] == ["2021-10-31", "2021-10-31"]


def test_stage_without_publication_date_keeps_relative_values_underspecified(nlp):
    document = _document(nlp, "They met back in March, on Sunday, and on May 4, 2020.", None)
    assert {t.text: t.value for t in document.timexes} == {
        "March": "XXXX-03", "Sunday": "XXXX-WXX-7", "May 4, 2020": "2020-05-04"}


def test_stage_ignores_an_unreadable_publication_date(nlp):
    document = _document(nlp, "They met on Sunday.", "last week")
    assert [t.value for t in document.timexes] == ["XXXX-WXX-7"]
    assert document.warnings and document.warnings[0].startswith("timex: publication date ignored")
