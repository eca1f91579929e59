"""Publication dates in local formats (dateline.ingest.pubdate)."""
from __future__ import annotations

import pytest

from dateline.ingest.pubdate import decide_order, find_dates, order_from_hint, parse_pubdate, url_path_date


@pytest.mark.parametrize("text, value", [
    ("Published 19.06.23, 06:03 AM", "2023-06-19T06:03"),
    ("March 5, 2023", "2023-03-05"),
    ("Mar. 5th, 2023", "2023-03-05"),
    ("Posted on Sunday, March 5, 2023 at 6:40 pm", "2023-03-05T18:40"),
    ("5 March 2023", "2023-03-05"),
    ("Friday, 08 November 2024", "2024-11-08"),
    ("Sunday 5th of March 2023", "2023-03-05"),
    ("19-Jun-2023", "2023-06-19"),
    ("2023-06-19", "2023-06-19"),
    ("2023-06-19T06:03:00Z", "2023-06-19T06:03"),
    ("2023/06/19 14:05", "2023-06-19T14:05"),
    ("Last Updated: 10:15 PM IST, 14 Apr 2022", "2022-04-14T22:15"),
    ("June 19, 2023 at 12:30 a.m. EDT", "2023-06-19T00:30"),
    ("5 de marzo de 2023", "2023-03-05"),
    ("5. März 2023", "2023-03-05"),
    ("le 5 mars 2023", "2023-03-05"),
    ("25/12/2022", "2022-12-25"),
    ("12/25/2022", "2022-12-25"),
])
def test_formats(text, value):
    found = parse_pubdate(text)
    assert found is not None and found.value == value
    assert found.text in text


@pytest.mark.parametrize("text", ["0 92", "version 1.2.3", "Posted 3 hours ago", "Call 555-1234",
                                  "Score 12-10", "no date here", "Page 2 of 14", "31/02/2023"])
def test_no_date(text):
    assert parse_pubdate(text) is None


def test_day_greater_than_12_is_not_ambiguous():
    d = parse_pubdate("Published 19.06.23")
    assert (d.value, d.ambiguous, d.order) == ("2023-06-19", False, "dmy")
    d = parse_pubdate("06/19/2023")
    assert (d.value, d.ambiguous, d.order) == ("2023-06-19", False, "mdy")


def test_ambiguous_numeric_without_evidence_is_flagged():
    d = parse_pubdate("03/04/2023")
    assert d.ambiguous and d.value == "2023-03-04" and "default" in d.evidence


def test_dotted_numeric_date_is_day_first_and_flagged():
    d = parse_pubdate("03.04.2023")
    assert d.ambiguous and d.value == "2023-04-03"


@pytest.mark.parametrize("hint, value", [
    ("https://www.example.in/news/x", "2023-04-03"),
    ("example.co.uk", "2023-04-03"),
    (".us", "2023-03-04"),
    ("dmy", "2023-04-03"),
    ("mdy", "2023-03-04"),
])
def test_ambiguous_numeric_decided_by_hint(hint, value):
    d = parse_pubdate("03/04/2023", hint=hint)
    assert d.ambiguous and d.value == value


def test_generic_domain_is_weaker_than_dotted_separator():
    # .com says little: a dotted date stays day-first
    assert parse_pubdate("03.04.2023", hint="https://news.example.com/a").value == "2023-04-03"
    assert order_from_hint("example.com") == ("mdy", "domain .com", True)


def test_decide_order_same_day_and_month():
    assert decide_order(4, 4, 2023, "/") == ("dmy", False, "day == month")


def test_labels_published_beats_updated_and_updated_alone_is_used():
    d = parse_pubdate("Updated: June 20, 2023 | Published: June 19, 2023")
    assert d.value == "2023-06-19" and d.label == "published"
    d = parse_pubdate("Last updated on 20 June 2023")
    assert d.value == "2023-06-20" and d.label == "updated"


def test_page_save_labels_are_ignored():
    assert parse_pubdate("Printed on 08 November 2024") is None


def test_find_dates_left_to_right():
    dates = find_dates("Published 5 March 2023, updated 7 March 2023 09:00")
    assert [d.value for d in dates] == ["2023-03-05", "2023-03-07T09:00"]
    assert [d.label for d in dates] == ["published", "updated"]


@pytest.mark.parametrize("url, value", [
    ("https://news.example.com/2019/11/19/council-votes/", "2019-11-19"),
    ("https://news.example.com/politics/2019/nov/18/council-votes", "2019-11-18"),
    ("https://news.example.com/story/2019-11-19/council-votes", "2019-11-19"),
    ("https://news.example.com/story/news/2019/11/19/council-votes/4082679002/", "2019-11-19"),
    # a date inside a slug is the topic's, a year/month path has no day
    ("https://news.example.com/news/hearing-moments-2019-11-19/", None),
    ("https://news.example.com/2019/11/council-votes.html", None),
    ("https://news.example.com/2019/13/40/x/", None),
    (None, None),
])
def test_url_path_date(url, value):
    assert url_path_date(url) == value
