"""Time expressions: recognition and TIMEX3 values, one test per class of expression."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from dateline.time.recognise import find_timexes


@pytest.fixture(scope="module")
def tag(nlp):
    def run(text, published=None):
        return [(t.text, t.type, t.value) for t in find_timexes(nlp(text), published)]
    return run


def values(found):
    return {text: value for text, _, value in found}


def test_explicit_dates_in_many_formats(tag):
    found = values(tag("It happened on Jan. 5, 1998, on 12 March 2004, on 2021-10-31, "
                       "on 10/31/2021, on 19.06.23 and in July 1999.", "2021-11-02"))
    assert found["Jan. 5, 1998"] == "1998-01-05"
    assert found["12 March 2004"] == "2004-03-12"
    assert found["2021-10-31"] == "2021-10-31"
    assert found["10/31/2021"] == "2021-10-31"
    assert found["19.06.23"] == "2023-06-19"
    assert found["July 1999"] == "1999-07"


def test_years_decades_centuries(tag):
    found = values(tag("The law of 1987 was revised in the 1990s and again in the 21st century.",
                       "2021-01-01"))
    assert found["1987"] == "1987"
    assert found["the 1990s"] == "199"
    assert found["the 21st century"] == "20"


def test_numbers_that_are_not_years(tag):
    assert tag("The army sent 1500 troops and 2000 tonnes of food.", "2021-01-01") == []


def test_text_without_dates(tag):
    assert tag("The minister spoke to reporters about trade and security.", "2021-01-01") == []
    assert tag("", "2021-01-01") == []


def test_weekday_direction_follows_the_clause_tense(tag):
    # 2021-10-30 is a Saturday
    found = values(tag("Blinken will meet Wang on Sunday.", "2021-10-30"))
    assert found["Sunday"] == "2021-10-31"
    found = values(tag("Blinken met Wang on Tuesday.", "2021-10-30"))
    assert found["Tuesday"] == "2021-10-26"


def test_weekday_equal_to_publication_day_is_that_day(tag):
    # published on a Monday morning, talks "on Monday" are today's
    found = values(tag("He'll have additional talks with the minister on Monday.", "2023-06-19T06:03"))
    assert found["Monday"] == "2023-06-19"
    found = values(tag("The secretary on Sunday kicked off two days of talks.", "2023-06-19"))
    assert found["Sunday"] == "2023-06-18"
    assert found["two days"] == "P2D"


def test_relative_units(tag):
    found = values(tag("Earlier this week the ministry said prices rose last year, this month "
                       "and last month, and would rise next year.", "2021-10-30"))
    assert found["Earlier this week"] == "2021-W43"
    assert found["last year"] == "2020"
    assert found["this month"] == "2021-10"
    assert found["last month"] == "2021-09"
    assert found["next year"] == "2022"


def test_year_boundaries(tag):
    found = values(tag("Sales fell last December and last week.", "2022-01-03"))
    assert found["last December"] == "2021-12"
    assert found["last week"] == "2021-W52"
    found = values(tag("The plant will reopen next January.", "2021-12-20"))
    assert found["next January"] == "2022-01"


def test_iso_weeks_at_year_end(tag):
    # 2021-01-01 is in ISO week 53 of 2020
    assert values(tag("Talks resumed this week.", "2021-01-01"))["this week"] == "2020-W53"


def test_leap_years(tag):
    found = values(tag("The vote was held on Feb. 29, 2024. Nothing happened on Feb. 29, 2023.",
                       "2024-03-10"))
    assert found["Feb. 29, 2024"] == "2024-02-29"
    assert "Feb. 29, 2023" not in found
    assert values(tag("A year ago the index was lower.", "2024-02-29"))["A year ago"] == "2023"


def test_month_names_resolve_into_the_past_when_the_verb_is_past(tag):
    found = values(tag("It came within a day of happening in February but was delayed.", "2023-06-19"))
    assert found["February"] == "2023-02"
    found = values(tag("It was the first meeting since a session in Alaska back in March.", "2021-10-30"))
    assert found["March"] == "2021-03"
    found = values(tag("The two leaders met in November.", "2022-02-10"))
    assert found["November"] == "2021-11"


def test_month_words_that_are_not_months(tag):
    assert tag("You may march with them, said April Smith.", "2021-01-01") == []


def test_durations(tag):
    found = values(tag("The firm must stop within 60 days, ending nearly two decades of work; "
                       "the trip took five years, then 2 1/2 hours, then a few weeks.", "2021-10-30"))
    assert found["60 days"] == "P60D"
    assert found["nearly two decades"] == "P20Y"
    assert found["five years"] == "P5Y"
    assert found["2 1/2 hours"] == "PT2H30M"
    assert found["a few weeks"] == "PXW"


def test_ago_and_seasons_and_quarters(tag):
    found = values(tag("Three years ago profits fell; in the third quarter they rose, and this "
                       "summer and in fiscal 2020 too.", "2021-10-30"))
    assert found["Three years ago"] == "2018"
    assert found["the third quarter"] == "2021-Q3"
    assert found["this summer"] == "2021-SU"
    assert found["fiscal 2020"] == "2020"
    assert values(tag("Sales rose in the summer of 2023.", "2024-01-01"))["the summer of 2023"] == "2023-SU"


def test_sets(tag):
    found = {t: (ty, v) for t, ty, v in tag("Trains run daily, every Sunday and twice a week.", "2021-01-01")}
    assert found["daily"] == ("SET", "P1D")
    assert found["every Sunday"] == ("SET", "XXXX-WXX-7")
    assert found["a week"] == ("SET", "P1W")
    found = {t: (ty, v) for t, ty, v in tag("The fair opens each July; each may bring a guest.", "2021-01-01")}
    assert found == {"each July": ("SET", "XXXX-07")}


def test_clock_times(tag):
    found = {t: (ty, v) for t, ty, v in tag("The polls closed at 8 p.m. Monday; results came at 10:30 GMT.", "2021-11-03")}
    assert found["8 p.m. Monday"] == ("TIME", "2021-11-01T20:00")
    assert found["10:30 GMT"] == ("TIME", "2021-11-03T10:30Z")
    assert values(tag("He spoke this morning.", "2021-11-03"))["this morning"] == "2021-11-03TMO"


def test_vague_references(tag):
    found = values(tag("Tensions are high now and have soared recently; in the future they may ease.", "2021-01-01"))
    assert found["now"] == "PRESENT_REF"
    assert found["recently"] == "PAST_REF"
    assert found["the future"] == "FUTURE_REF"


def test_without_publication_date_relative_values_stay_underspecified(tag):
    found = values(tag("They met back in March and on Sunday, and last year, on June 3, 2019.", None))
    assert found["March"] == "XXXX-03"
    assert found["Sunday"] == "XXXX-WXX-7"
    assert found["last year"] == "XXXX"
    assert found["June 3, 2019"] == "2019-06-03"


def test_works_without_a_parse():
    found = {t.text: t.value for t in find_timexes("They will meet on Sunday, said officials on Tuesday.", "2021-10-30")}
    assert found["Sunday"] == "2021-10-31"


def test_bad_publication_date_is_an_error():
    with pytest.raises(ValueError):
        find_timexes("on Sunday", "30/10/2021")


def test_offsets_are_offsets_in_the_text(tag, nlp):
    text = "Café talks — on Sunday\u00a0they met."
    for t in find_timexes(nlp(text), "2021-10-30"):
        assert text[t.start:t.end] == t.text


def test_cli_jsonl_and_bad_published(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Ça va. They met on Tuesday in Rome.\r\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "dateline.cli", "timex", str(path), "--published",
                          "2021-10-30", "--format", "jsonl"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    text = path.read_text(encoding="utf-8")
    assert rows and rows[0]["value"] == "2021-10-26"
    assert text[rows[0]["start"]:rows[0]["end"]] == "Tuesday"
    bad = subprocess.run([sys.executable, "-m", "dateline.cli", "timex", str(path), "--published",
                          "yesterday"], capture_output=True, text=True)
    assert bad.returncode != 0
    assert len(bad.stderr.strip().splitlines()) == 1


def test_expressions_anchored_to_the_last_date_named(tag):
    found = values(tag("He arrived on March 3, 2001. The next day he left, and later that year "
                       "he died.", "2005-01-08"))
    assert found["The next day"] == "2001-03-04"
    assert found["later that year"] == "2001"
    # with no date before it, "that day" is the publication day
    assert values(tag("Markets ended the day higher.", "2008-10-10"))["the day"] == "2008-10-10"


def test_year_ago_in_a_report_is_the_same_period_a_year_before(tag):
    found = values(tag("Net income rose to $5 million in the third quarter from $4 million a year "
                       "earlier.", "1989-10-26"))
    assert found["the third quarter"] == "1989-Q3"
    assert found["a year earlier"] == "1988-Q3"


def test_rates_and_titles_are_not_time_expressions(tag):
    found = values(tag("Rooms cost $55 a night and the airline runs four flights a week, "
                       "Baker told ABC's This Week and CBS's 60 Minutes.", "1998-01-01"))
    assert "a night" not in found and "a week" not in found
    assert "This Week" not in found and "60 Minutes" not in found


def test_deadlines_and_plans_look_forward(tag):
    # 2000-04-03 is a Monday
    found = values(tag("The agency has given the family until 9 a.m. Tuesday to sign.", "2000-04-03"))
    assert found["9 a.m. Tuesday"] == "2000-04-04T09:00"
    found = values(tag("Albright is scheduled to arrive in Nairobi on Thursday.", "2000-04-03"))
    assert found["Thursday"] == "2000-04-06"


def test_possessive_weekday_is_an_occasion_already_reported(tag):
    found = values(tag("Lawyers said they would look for ways around Wednesday's ruling.", "2000-01-07"))
    assert found["Wednesday"] == "2000-01-05"


def test_dateline_is_marked(nlp):
    text = "WASHINGTON, August 11 (Xinhua) -- The secretary said on Monday that talks went well."
    found = {t.text: t for t in find_timexes(nlp(text), "1998-08-11")}
    assert found["August 11"].value == "1998-08-11" and "dateline" in found["August 11"].rule
    assert "dateline" not in found["Monday"].rule


def test_narrative_months_take_the_year_of_the_passage(tag):
    # a history: most years written out are far from the publication year
    text = ("The treaty of 1919 and the crisis of 1929 shaped the 1930s; by 1936 and 1938 war "
            "was near. Germany invaded Poland in September 1939. By early October, Poland was "
            "divided. In April 1940, Germany invaded Denmark. In June, Italy declared war. On "
            "June 10, Italy invaded France. The campaign failed by September 1940.")
    found = tag(text, "2009-12-19")
    by_text = {}
    for t, _, v in found:
        by_text.setdefault(t, []).append(v)
    assert by_text["early October"] == ["1939-10"]
    assert by_text["June"] == ["1940-06"]
    assert by_text["June 10"] == ["1940-06-10"]
    # news about the present keeps the publication year for a bare month
    news = values(tag("The company was founded in 1987. Yesterday it said sales rose in March.", "1999-05-06"))
    assert news["March"] == "1999-03"


def test_ranges_clock_and_word_years(tag):
    found = values(tag("The process takes between 60 and 90 days; at 0800 UTC markets opened; "
                       "the plan dates from nineteen ninety-six and mid-2011.", "2009-06-04"))
    assert found["60"] == "P60D"
    assert found["90 days"] == "P90D"
    assert found["0800 UTC"] == "2009-06-04T08:00Z"
    assert found["nineteen ninety-six"] == "1996"
    assert found["mid-2011"] == "2011"


def test_holidays(tag):
    found = values(tag("Sales peaked at Christmas and on Thanksgiving Day 2020.", "2021-01-10"))
    assert found["Christmas"] == "2020-12-25"
    assert found["Thanksgiving Day 2020"] == "2020-11-26"


from hypothesis import given, settings, strategies as st

_WORDS = ["on", "Monday", "last", "week", "3", "p.m.", "a", "year", "ago", "the", "next", "day",
          "in", "March", "2021", "fiscal", "Q3", "mid-2011", "'82", "two", "and", "half", "years",
          ",", ".", "\n\n", "every", "Sunday", "daily", "now", "quarter", "of", "Christmas",
          "12/31/1999", "29.02.2023", "Feb.", "29", "1990s", "0800", "UTC", "said", "will"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=30),
       st.sampled_from([None, "2000-12-31", "2024-02-29", "2021-01-01T10:00"]))
def test_any_text_gives_well_formed_expressions(words, published):
    text = " ".join(words)
    for t in find_timexes(text, published):
        assert text[t.start:t.end] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        assert t.value and not t.value.startswith("@")
        if published is None:
            # nothing relative is resolved against a date the text does not give
            assert not t.value.startswith(("2000", "2024")) or t.value[:4] in text


def test_schedules_in_the_present_tense_look_forward(tag):
    # 1998-05-01 is a Friday
    found = values(tag("The foreign ministers meet separately Monday with the envoy.", "1998-05-01"))
    assert found["Monday"] == "1998-05-04"
    found = values(tag("The stock is to resume trading in Paris Tuesday.", "1998-05-01"))
    assert found["Tuesday"] == "1998-05-05"
    found = values(tag("With the general election due this September, figures came at a bad time.", "1998-02-05"))
    assert found["this September"] == "1998-09"


def test_deferred_until_looks_forward_whatever_the_tense(tag):
    # 2021-11-04 is a Thursday
    found = values(tag("Officials postponed until Tuesday morning any decision on the permit.", "2021-11-04"))
    assert found["Tuesday morning"] == "2021-11-09TMO"
    found = values(tag("The government has continued to keep all exchanges closed until Friday.", "2021-11-04"))
    assert found["Friday"] == "2021-11-05"
    found = values(tag("The shop stayed closed until Monday.", "2021-11-04"))
    assert found["Monday"] == "2021-11-01"


def test_superseded_plan_in_the_past_perfect_looks_back(tag):
    # 2021-11-08 is a Monday: the offer had been due to expire the Friday before
    found = values(tag("The offer had been due to expire Friday evening.", "2021-11-08"))
    assert found["Friday evening"] == "2021-11-05TEV"
    found = values(tag("It had been scheduled to expire at midnight Friday.", "2021-11-08"))
    assert found["midnight Friday"].startswith("2021-11-05")


def test_future_with_typographic_apostrophe(tag):
    # 2021-11-04 is a Thursday
    found = values(tag("He\u2019ll meet the delegation on Monday.", "2021-11-04"))
    assert found["Monday"] == "2021-11-08"


def test_hour_with_part_of_day(tag):
    found = {t: (ty, v) for t, ty, v in tag("The convoy will leave at 4 in the morning, and returns by ten at night.",
                                            "2021-11-04")}
    assert found["4 in the morning"] == ("TIME", "2021-11-04T04:00")
    assert found["ten at night"] == ("TIME", "2021-11-04T22:00")
    assert "5 in the evening" not in values(tag("She was one of 5 in the evening class.", "2021-11-04"))



def test_previous_or_following_weekday_is_relative_to_the_day_named(tag):
    # 2021-11-08 is a Monday; the Friday named is 2021-11-05
    found = values(tag("Shares closed lower on Friday, down 4% from the previous Friday.", "2021-11-08"))
    assert found["Friday"] == "2021-11-05"
    assert found["the previous Friday"] == "2021-10-29"
    found = values(tag("The talks opened on Nov. 2 and closed the following Friday.", "2021-11-08"))
    assert found["the following Friday"] == "2021-11-05"
    assert values(tag("Prices fell from the previous Friday."))["the previous Friday"] == "XXXX-WXX-5"


def test_weeks_named_by_a_day_or_holiday(tag):
    found = values(tag("The hearing was moved to the week of March 6.", "2000-02-24"))
    assert found["the week of March 6"] == "2000-W10"
    # Easter 2000 is April 23: the week began the day after publication
    found = values(tag("Protesters prayed for help as Easter week began.", "2000-04-17"))
    assert found["Easter week"] == "2000-W16"


def test_modal_perfect_and_same_form_past_verbs_look_back(tag):
    # 1989-10-27 is a Friday
    found = values(tag("Concern may have been responsible for a drop in the stock on Wednesday.", "1989-10-27"))
    assert found["Wednesday"] == "1989-10-25"
    assert values(tag("The ministers may meet on Wednesday.", "1989-10-27"))["Wednesday"] == "1989-11-01"
    # 1989-10-30 is a Monday: "hurt" is a past tense here, not a schedule
    found = values(tag("Weak technology stocks hurt the index on Friday.", "1989-10-30"))
    assert found["Friday"] == "1989-10-27"


def test_last_half_of_a_named_year_is_its_second_half(tag):
    found = values(tag("Sales rose in the last half of 1989 but fell in the last quarter.", "1989-11-01"))
    assert found["the last half of 1989"] == "1989-H2"
    assert found["the last quarter"] == "1989-Q3"


def test_part_of_day_written_before_the_day(tag):
    # 1989-11-02 is a Thursday
    found = values(tag("Trading halted in mid-afternoon yesterday and resumed late morning Friday.", "1989-11-02"))
    assert found["mid-afternoon yesterday"] == "1989-11-01TAF"
    assert found["late morning Friday"] == "1989-10-27TMO"


def test_day_of_a_plan_reported_in_the_past_is_the_nearest_one(tag):
    # 2024-03-08 is a Friday: the planned Saturday is tomorrow, not six days ago
    found = values(tag("Farmers planned a tractor parade through the capital on Saturday.", "2024-03-08"))
    assert found["Saturday"] == "2024-03-09"
    # 2024-03-10 is a Sunday: the cancelled Saturday event was yesterday, not next week
    found = values(tag("A concert planned for Saturday in the old town was cancelled over safety fears.",
                       "2024-03-10"))
    assert found["Saturday"] == "2024-03-09"
    # the day the planning happened keeps the tense of its clause
    found = values(tag("On Tuesday, the council planned its budget in a closed session.", "2024-03-08"))
    assert found["Tuesday"] == "2024-03-05"
    # a plan whose clause looks forward stays ahead
    found = values(tag("Talks scheduled for Monday will focus on fishing rights.", "2024-03-08"))
    assert found["Monday"] == "2024-03-11"


def test_weeks_ago_name_a_week_when_the_count_is_large_or_hedged(tag):
    # 2024-03-08 is a Friday in ISO week 10
    found = values(tag("The ferry sank six weeks ago; the inquiry opened nearly two weeks ago "
                       "and the report came out two weeks ago.", "2024-03-08"))
    assert found["six weeks ago"] == "2024-W04"
    assert found["nearly two weeks ago"] == "2024-W08"
    assert found["two weeks ago"] == "2024-02-23"


def test_past_decade_is_a_stretch_up_to_now(tag):
    found = values(tag("Fares have doubled over the past decade, and rose 4% in the past year.", "2024-03-08"))
    assert found["the past decade"] == "P10Y"
    assert found["the past year"] == "2023"


def test_unknown_number_of_decades_is_years(tag):
    found = values(tag("The decades-long border dispute has simmered for decades.", "2024-03-08"))
    assert found["decades-long"] == "PXY"
    assert found["decades"] == "PXY"


def test_annually_is_a_recurrence_unless_it_states_a_rate(tag):
    found = tag("The festival is held annually in June. Exports grew 7% annually, about "
                "3,000 tractors annually.", "2024-03-08")
    assert [(text, kind, value) for text, kind, value in found if text == "annually"] == \
        [("annually", "SET", "P1Y")]


def test_day_before_or_after_a_named_day_is_one_expression(tag):
    # 2024-03-08 is a Friday
    found = values(tag("The day before last Tuesday's vote, the mayor resigned. Talks resume "
                       "the day after March 20.", "2024-03-08"))
    assert found["The day before last Tuesday"] == "2024-03-04"
    assert found["the day after March 20"] == "2024-03-21"
    assert "last Tuesday" not in found and "the day before" not in found


def test_discourse_now_and_most_recent_are_not_time_expressions(tag):
    found = tag("Now, the minister said, the plan is dead. Prices are now falling. "
                "Her most recent film flopped after recent storms.", "2024-03-08")
    assert [(text, value) for text, _, value in found] == [("now", "PRESENT_REF"), ("recent", "PAST_REF")]


def test_age_of_a_person_is_not_a_duration(tag):
    found = values(tag("She fled with her 6-week-old daughter during the 8-month-old ceasefire.", "2024-03-08"))
    assert "6-week-old" not in found and not any("6-week" in text for text in found)
    assert found["the 8-month-old"] == "P8M"


def test_daytime_of_a_named_day_is_that_day(tag):
    # 2024-03-08 is a Friday
    found = tag("During the day Friday, the crowd grew.", "2024-03-08")
    assert [(text, value) for text, _, value in found] == [("Friday", "2024-03-08")]


def test_quoted_programme_title_is_not_a_week(tag):
    found = values(tag('The minister told NBC\'s "This Week" programme that talks would resume this week.',
                       "2024-03-08"))
    assert "This Week" not in found and found["this week"] == "2024-W10"


def test_coordinated_short_decades_and_trading_days(tag):
    found = values(tag("Cars of the 70s and 80s were boxy. Shares fell for three trading days.", "2009-03-20"))
    assert found["70s"] == "197" and found["80s"] == "198"
    assert found["three trading days"] == "P3D"


def test_earnings_periods(tag):
    found = values(tag("Net income for the fiscal year ended June 30 rose 8%. Sales fell from the "
                       "year-earlier period; in the latest period margins widened. The period of "
                       "calm ended.", "2011-08-10"))
    assert found["the fiscal year"] == "P1Y" and found["June 30"] == "2011-06-30"
    assert found["the year-earlier period"] == "2010-Q2"
    assert found["the latest period"] == "2011-Q2"
    assert "The period" not in found


def test_the_day_the_story_is_on_skips_days_named_in_asides(tag):
    # 2021-11-03 is a Wednesday: "Tuesday" is 2021-11-02
    text = ("The committee questioned the ambassador on Tuesday. He said he had met the officials on "
            "July 10. Later in the day, the committee rejected a motion for the day.")
    found = [(t, v) for t, _, v in tag(text, "2021-11-03") if t == "the day"]
    assert found == [("the day", "2021-11-02")] * 2
    # "Trump's July 25 call" names an occasion: an aside too
    found = values(tag("The envoy testified on Tuesday about the July 25 call. He left at the end of the day.",
                       "2021-11-03"))
    assert found["the end of the day"] == "2021-11-02"
    # inside the same aside the day just named is the one meant
    found = values(tag("He said that on July 10 he flew to Kyiv and stayed there for the day.", "2021-11-03"))
    assert found["the day"] == "2021-07-10"
    # a narrative with no day of the news: the day last named
    found = values(tag("On July 10, 1944, troops landed. By the end of the day, they held the beach.",
                       "2021-11-03"))
    assert found["the end of the day"] == "1944-07-10"
    # "that day" and "the same day" still point at the day last named
    found = values(tag("The envoy testified on Tuesday. He said he met the minister on July 10. "
                       "That day, the aid was frozen.", "2021-11-03"))
    assert found["That day"] == "2021-07-10"


def test_an_occasion_told_in_the_past_tense_lies_before_the_telling(tag):
    # the nearest March 21 to 2021-10-30 is in 2022; a past clause tells of the one before
    assert values(tag("He was arrested in April for the March 21 call to her office.",
                      "2021-10-30"))["March 21"] == "2021-03-21"
    # a future clause says nothing of when the occasion was: the nearest
    assert values(tag("He will face questions about the July 25 call.", "2021-10-30"))["July 25"] == "2021-07-25"


def test_this_weekend_told_in_the_past_early_in_the_week_is_the_weekend_just_gone(tag):
    # published Monday 2019-11-18 (ISO week 47)
    assert values(tag("Soldiers cleared the barricades this weekend.", "2019-11-18"))["this weekend"] == "2019-W46-WE"
    assert values(tag("Soldiers will clear the barricades this weekend.", "2019-11-18"))["this weekend"] == "2019-W47-WE"
    # published Friday: the coming weekend is meant whatever the tense
    assert values(tag("Officials said talks were planned this weekend.", "2019-11-15"))["this weekend"] == "2019-W46-WE"
