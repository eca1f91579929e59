"""Dating events the way the text does (issue 15, item 3), through the whole pipeline.
Sentences are our own."""
from __future__ import annotations

from helpers import events_of
from helpers import only as _one


def _events(text, published="2021-10-30"):
    return events_of(text, published=published)


def test_an_act_set_in_what_the_sentence_before_dated_takes_its_date():
    # 2021-11-01 is a Monday: the weekend before is in ISO week 2021-W43; the sentence's own
    # date ("in March") describes the rebels, not the accusation
    ev = _one(_events("Kenya's president has told reporters that the interview aired at the weekend went "
                      "well.\n\nIn it, he accused Uganda of arming rebels who attacked a village in March.",
                      published="2021-11-01"), "ACCUSE")
    assert (ev.date, ev.date_precision) == ("2021-W43", "week")


def test_a_reaction_to_a_told_act_is_not_dated_by_it():
    events = _events("In a statement on Oct. 3, Iran's foreign ministry accused Saudi Arabia of funding "
                     "militants in Yemen.\n\nSaudi Arabia rejected these accusations as baseless.")
    assert _one(events, "ACCUSE").date == "2021-10-03"
    ev = _one(events, "REJECT")
    assert ev.date != "2021-10-03"
    assert ev.explain["date"]["precision"] == "publication"


def test_a_document_issued_on_a_day_dates_what_it_says():
    ev = _one(_events("A United Nations report released last week accused Myanmar's army of killing "
                      "civilians.", published="2021-11-01"), "ACCUSE")
    assert ev.date == "2021-W43"


def test_later_in_the_day_is_the_storys_day_not_a_day_named_in_passing():
    ev = _one(_events("The French ambassador testified on Tuesday about the July 25 call.\n\n"
                      "He said he had met Iranian officials in Paris on July 10.\n\n"
                      "Later in the day, the Senate accused Iran of lying.", published="2021-10-27"), "ACCUSE")
    assert ev.date == "2021-10-26"


def test_a_past_act_of_someone_else_reported_on_a_day_is_not_dated_that_day():
    text = "Diplomats met in Geneva on Friday.\n\nThe ambassador said on Thursday that {}."
    # the speaker's own stance is the statement's: the day it was said
    ev = _one(_events(text.format("Iran must release the sailors")), "REQUEST")
    assert ev.date == "2021-10-28"
    # someone else's earlier act, told in the past: not the day it was told
    events = [e for e in _events(text.format("Iran demanded the release of its sailors from Britain"))
              if "demanded" in e.event_text]
    assert events and all(e.date != "2021-10-28" for e in events)


def test_the_act_a_plea_or_charge_is_about_is_not_the_days_news():
    events = _events("A New York man pleaded guilty Monday to threatening a congresswoman, prosecutors "
                     "said.\n\nThe man, 55, pleaded guilty to threatening to assault and murder a United States "
                     "official, the US Attorney said in a statement.")
    assert _one(events, "CONCEDE").date == "2021-10-25"
    threat = [e for e in events if e.event == "THREATEN" and "55" in e.event_text]
    assert threat and threat[0].date is None
    assert "came before it" in threat[0].explain["date"]["how"]
