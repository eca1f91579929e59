"""Knowledge as data: the one table reader, and the named word classes the rules read."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from dateline import tables
from dateline.events import words

SRC = Path(__file__).resolve().parents[1] / "src" / "dateline"
EVENT_CLASSES = SRC / "events" / "data" / "word_classes.tsv"
TENSE_CLASSES = SRC / "time" / "data" / "tense_words.tsv"


def test_read_table_skips_comments_blank_lines_and_the_header(tmp_path):
    path = tmp_path / "t.tsv"
    path.write_text("# what this is\n\nname\tvalue\n  # an indented comment\nalpha\t 1 \n\nbeta\t2\t\n",
                    encoding="utf-8")
    assert list(tables.read_table(path)) == [(5, ["alpha", "1"]), (7, ["beta", "2", ""])]
    assert [cells for _, cells in tables.read_table(path, header=False)][0] == ["name", "value"]


def test_word_classes_keep_file_order_and_refuse_a_row_without_a_word(tmp_path):
    path = tmp_path / "c.tsv"
    path.write_text("class\tword\nprep\twith\nprep\tAgainst\nverb\tsay\n", encoding="utf-8")
    assert tables.word_classes(path) == {"prep": ("with", "against"), "verb": ("say",)}
    path.write_text("class\tword\nprep\n", encoding="utf-8")
    with pytest.raises(ValueError, match="c.tsv"):
        tables.word_classes(path)


@pytest.mark.parametrize("data, reader", [
    (EVENT_CLASSES, SRC / "events" / "words.py"),
    (TENSE_CLASSES, SRC / "time" / "tense.py"),
])
def test_every_class_in_a_data_file_is_read_by_its_module(data, reader):
    source = reader.read_text(encoding="utf-8")
    read = set(re.findall(r'(?:word_class|_CLASSES\[)\(?"(\w+)"', source))
    assert set(tables.word_classes(data)) == read


def test_the_reporting_verb_classes_are_named_for_their_roles():
    classes = tables.word_classes(EVENT_CLASSES)
    assert {"say", "tell"} <= set(classes["reporting_verbs"]) & set(classes["reported_future_verbs"])
    assert "say" in tables.word_classes(TENSE_CLASSES)["news_present_verbs"]
    assert words.REPORTING_LEMMAS == set(classes["reporting_verbs"])


def _sectors() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for _, cells in tables.read_table(SRC / "actors" / "data" / "roles.tsv"):
        out.setdefault(cells[0], set()).add(cells[1])
    return out


def test_state_and_civilian_nouns_agree_with_the_roles_sectors():
    """A word of these classes that actors/data/roles.tsv lists has a sector of the class's
    kind there, so that the two files cannot say different things about it."""
    sectors = _sectors()
    for word in words.STATE_LEMMAS:
        assert sectors.get(word, {"GOV"}) & {"GOV", "LEG"}, word
    for word in words.CIVILIAN_LEMMAS:
        assert sectors.get(word, {"CVL"}) & {"CVL", "LAB", "AGR", "EDU", "OPP"}, word
