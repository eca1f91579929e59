"""Anchoring events to time expressions: the event stage's API."""
from __future__ import annotations

from dateline.model import Article
from dateline.pipeline import Document
from dateline.time.anchor import anchor_event
from dateline.time.stage import timex_stage


def _document(nlp, text, published="2021-10-30"):
    document = Document(article=Article(id="x", source="t", body=text, published=published),
                        doc=nlp(text), text=text)
    timex_stage(document)
    return document


def _token(document, word):
    return next(t for t in document.doc if t.text == word)


def test_same_clause(nlp):
    document = _document(nlp, "On Tuesday, Blinken called for Taiwan to be allowed a greater role.")
    anchor = anchor_event(document, _token(document, "called"))
    assert anchor is not None
    assert (anchor.value, anchor.text, anchor.how) == ("2021-10-26", "Tuesday", "same-clause")


def test_planned_event_gets_the_future_day(nlp):
    document = _document(nlp, "Blinken will meet Sunday in Rome with Wang Yi, the State Department said.")
    anchor = anchor_event(document, _token(document, "meet"))
    assert anchor.value == "2021-10-31"


def test_noun_trigger(nlp):
    document = _document(nlp, "It will be the first meeting since a stormy session in Alaska back in March.")
    anchor = anchor_event(document, _token(document, "session"))
    assert anchor is not None and anchor.value == "2021-03"


def test_durations_do_not_date_events(nlp):
    document = _document(nlp, "Washington ordered the firm to stop its services within 60 days.")
    assert anchor_event(document, _token(document, "ordered")) is None


def test_nothing_dates_the_event(nlp):
    document = _document(nlp, "Biden has also rebuked Beijing over its saber-rattling on Taiwan.")
    assert anchor_event(document, _token(document, "rebuked")) is None


def test_vague_reference_is_not_a_date(nlp):
    document = _document(nlp, "China vows it will retake the island one day.")
    assert anchor_event(document, _token(document, "retake")) is None


def test_reporting_date_does_not_date_the_reported_event(nlp):
    document = _document(nlp, "Officials said on Friday that the rebels had attacked the town.")
    anchor = anchor_event(document, _token(document, "attacked"))
    assert anchor is None
    anchor = anchor_event(document, _token(document, "said"))
    assert anchor is not None and anchor.value == "2021-10-29"


def test_previous_sentence_dates_a_past_account_without_a_date(nlp):
    document = _document(nlp, "The secretary on Sunday kicked off two days of talks in Beijing.\n\n"
                              "He opened his programme by meeting the foreign minister.", "2023-06-19")
    anchor = anchor_event(document, _token(document, "opened"))
    assert anchor is not None and (anchor.value, anchor.how) == ("2023-06-18", "previous-sentence")


def test_previous_sentence_plan_does_not_date_a_past_event(nlp):
    document = _document(nlp, "He will have more talks on Monday.\n\n"
                              "Neither side made comments as they began the meeting.", "2023-06-19")
    assert anchor_event(document, _token(document, "began")) is None


def test_previous_sentence_plan_with_typographic_apostrophe(nlp):
    # published on the Monday itself: the plan's day is not in the future, but the clause is
    document = _document(nlp, "The envoy met the minister for a long discussion. He\u2019ll have "
                              "further talks with the two leaders on Monday.\n\n"
                              "Neither man made comments to reporters as they began the meeting.",
                         "2023-06-19T06:03")
    assert anchor_event(document, _token(document, "began")) is None
    monday = next(t for t in document.timexes if t.text == "Monday")
    assert (monday.value, monday.direction) == ("2023-06-19", "future")


def test_previous_sentence_scheduled_present_does_not_carry(nlp):
    document = _document(nlp, "The talks are set for Friday in Geneva.\n\n"
                              "Delegates arrived with new proposals.", "2021-10-30")
    assert anchor_event(document, _token(document, "arrived")) is None


def test_previous_sentence_with_reporting_present_still_dates(nlp):
    document = _document(nlp, "Officials say the attack on Sunday killed five people.\n\n"
                              "Rescuers pulled survivors from the rubble.", "2021-10-30")
    anchor = anchor_event(document, _token(document, "pulled"))
    assert anchor is not None and (anchor.value, anchor.how) == ("2021-10-24", "previous-sentence")


def test_publication_line_does_not_date_events(nlp):
    document = _document(nlp, "AP Beijing Published 19.06.23, 06:03 AM US envoy opens talks by meeting "
                              "the minister", "2023-06-19T06:03")
    assert anchor_event(document, _token(document, "meeting")) is None


def test_date_of_the_statement_the_act_was_made_in(nlp):
    document = _document(nlp, "The talks stalled.\n\nIn a letter dated Oct. 12, the ministry accused the "
                              "rebels of breaking the truce.")
    anchor = anchor_event(document, _token(document, "accused"))
    assert anchor is not None and (anchor.value, anchor.how) == ("2021-10-12", "same-clause")


def test_published_in_prose_is_not_a_byline(nlp):
    document = _document(nlp, "The talks stalled.\n\nIn a report published Oct. 12, the agency blamed the army.\n\n"
                              "By Ana Lopez | Published Oct. 29, 2021")
    rules = {t.text: t.rule for t in document.timexes}
    assert "dateline" not in rules["Oct. 12"]
    assert "dateline" in rules["Oct. 29, 2021"]


def test_a_clause_on_the_object_keeps_its_date(nlp):
    document = _document(nlp, "The talks stalled.\n\nThe league condemned the decision announced on Monday "
                              "by the foreign minister.")
    anchor = anchor_event(document, _token(document, "condemned"))
    assert anchor is None or anchor.value != "2021-10-25"


def test_a_date_inside_what_is_reported_does_not_date_the_report(nlp):
    document = _document(nlp, "The trial opened.\n\nProsecutors alleged that the men had smuggled arms "
                              "across the border in 2005.")
    anchor = anchor_event(document, _token(document, "alleged"))
    assert anchor is None or anchor.value != "2005"


def test_a_date_naming_an_occasion_is_its_nearest_occurrence(nlp):
    # the future tense around it says nothing about the call itself: July 2021, not 2022
    document = _document(nlp, "The envoy will face questions about the president's July 25 call.")
    assert {t.text: t.value for t in document.timexes}["July 25"] == "2021-07-25"


def test_a_sentence_whose_dates_describe_nouns_goes_on_from_the_sentence_before(nlp):
    # the only dates of the second sentence describe a noun ("rebels who attacked ... in
    # March"): it goes on from the sentence before, as a sentence without dates does
    document = _document(nlp, "The Kenyan president gave an interview to the BBC that was broadcast on "
                              "Sunday.\n\nIn it, he accused Uganda of arming rebels who attacked a village "
                              "in March.")
    anchor = anchor_event(document, _token(document, "accused"))
    assert anchor is not None and (anchor.value, anchor.how) == ("2021-10-24", "previous-sentence")


def test_a_week_in_the_sentence_before_is_carried_too(nlp):
    # a week value ("2021-W43-WE") is compared with the publication day as a calendar day
    document = _document(nlp, "The president has told reporters that the interview aired at the weekend "
                              "went well.\n\nIn it, he accused Uganda of arming the rebels.",
                         published="2021-11-01")
    anchor = anchor_event(document, _token(document, "accused"))
    assert anchor is not None and anchor.value == "2021-W43-WE"


def test_a_reaction_to_a_told_act_does_not_take_its_date(nlp):
    text = ("In a statement on Oct. 3, the Iranian foreign ministry accused Saudi Arabia of funding militants."
            "\n\nSaudi Arabia rejected {} as baseless.")
    for obj in ("these accusations", "the claims", "Iran's allegation"):
        document = _document(nlp, text.format(obj))
        assert anchor_event(document, _token(document, "rejected")) is None, obj
    # not a reaction to what was told: the account goes on
    document = _document(nlp, text.format("a Qatari offer of talks"))
    anchor = anchor_event(document, _token(document, "rejected"))
    assert anchor is not None and anchor.value == "2021-10-03"
    # set in what the sentence before told ("In it"): the account goes on
    document = _document(nlp, "The minister gave an interview that was broadcast on Sunday.\n\n"
                              "In it, he rejected the allegations by Uganda.")
    anchor = anchor_event(document, _token(document, "rejected"))
    assert anchor is not None and anchor.value == "2021-10-24"


def test_issuing_a_document_dates_what_its_subject_says(nlp):
    document = _document(nlp, "A United Nations report released last week accused the army of killing "
                              "civilians.", published="2021-11-01")
    anchor = anchor_event(document, _token(document, "accused"))
    assert anchor is not None and (anchor.value, anchor.how) == ("2021-W43", "same-clause")
    # a person released last week is no document: the date is theirs, not the accusation's
    document = _document(nlp, "Prisoners released last week accused the guards of torture.",
                         published="2021-11-01")
    assert anchor_event(document, _token(document, "accused")) is None


def test_a_present_participle_on_the_subject_is_at_the_time_of_its_clause(nlp):
    document = _document(nlp, "The Russian foreign minister, speaking in Moscow on Tuesday, warned the "
                              "United States against deploying missiles.")
    anchor = anchor_event(document, _token(document, "warned"))
    assert anchor is not None and (anchor.value, anchor.how) == ("2021-10-26", "same-clause")
    # a perfect participle is earlier than its clause
    document = _document(nlp, "The minister, having visited Kabul in March, accused Pakistan of sheltering "
                              "militants.")
    assert anchor_event(document, _token(document, "accused")) is None


def test_a_clause_describing_a_noun_that_holds_the_event_keeps_its_date(nlp):
    # the event's own clause is inside the relative clause: its date is the event's, and the
    # sentence before does not date it
    document = _document(nlp, "Shares rose after the collapse of the bank in September.\n\nThere was good "
                              "news from two banks, which announced that they had profits in the current year.")
    anchor = anchor_event(document, _token(document, "announced"))
    assert anchor is None or anchor.how != "previous-sentence"


def test_the_stretch_a_ranking_holds_over_is_not_the_time_of_the_act(nlp):
    for text, word in (("Police fired tear gas at the protesters in the most violent clashes this year.", "fired"),
                       ("Rebels shelled the town, killing four soldiers, in the deadliest attack this month.",
                        "shelled")):
        document = _document(nlp, text)
        assert anchor_event(document, _token(document, word)) is None, text
    # the day of the act still dates it
    document = _document(nlp, "Troops killed three militants on Tuesday in the first such raid this month.")
    assert anchor_event(document, _token(document, "killed")).value == "2021-10-26"


def test_a_duration_later_or_earlier_moves_the_story_from_the_last_day_named(nlp):
    document = _document(nlp, "Police arrested the opposition leader on Oct. 3.\n\nTwo days later, a court "
                              "charged him with incitement.")
    anchor = anchor_event(document, _token(document, "charged"))
    assert anchor is not None and (anchor.value, anchor.text) == ("2021-10-05", "Two days later")
    document = _document(nlp, "The army seized the capital on March 2. A week later, the junta banned all parties.")
    assert anchor_event(document, _token(document, "banned")).value == "2021-W10"
    document = _document(nlp, "The army seized the capital on March 2. A day earlier, protesters had stormed "
                              "the police station.")
    assert anchor_event(document, _token(document, "stormed")).value == "2021-03-01"
    # a day on a ranked noun is that occasion's day
    document = _document(nlp, "The new jet made its first test flight Tuesday in Seattle.")
    assert anchor_event(document, _token(document, "flight")).value == "2021-10-26"


def test_an_act_set_in_an_occasion_named_before_takes_its_date(nlp):
    document = _document(nlp, "He was arrested in April for the March 21 call to her office.\n\n"
                              "During the call, he threatened to kill her, prosecutors said.")
    anchor = anchor_event(document, _token(document, "threatened"))
    assert anchor is not None and anchor.value == "2021-03-21" and anchor.how.startswith("occasion")
    document = _document(nlp, "Biden met Xi at a summit on Oct. 15 in Bali.\n\nAt the summit, Xi warned Biden "
                              "against crossing red lines.")
    assert anchor_event(document, _token(document, "warned")).value == "2021-10-15"
    # an occasion not named before with a date: nothing from it
    document = _document(nlp, "Biden met Xi in Bali.\n\nAt the summit, Xi warned Biden against crossing red lines.")
    assert anchor_event(document, _token(document, "warned")) is None


def test_a_year_naming_another_occasion_does_not_time_an_act_about_it(nlp):
    for text, word in (("French prosecutors opened an inquiry into a 2015 corruption scandal.", "opened"),
                       ("The court convicted the former minister over a 2012 arms deal.", "convicted"),
                       ("The US accused Russia of meddling in the 2016 election.", "accused")):
        document = _document(nlp, text)
        assert anchor_event(document, _token(document, word)) is None, text
    # an act set in the occasion, or taking part in it, is of its year; so is a year of the clause
    for text, word in (("Russian hackers meddled in the 2016 election.", "meddled"),
                       ("Trump won the 2016 election.", "won"),
                       ("In 2016, French prosecutors opened an inquiry into the scandal.", "opened"),):
        document = _document(nlp, text)
        anchor = anchor_event(document, _token(document, word))
        assert anchor is not None and anchor.value == "2016", text


def test_an_act_told_again_by_its_verb_takes_the_date_of_its_noun(nlp):
    before = ("Despite the minister's Oct. 11 announcement of a Jakarta trade agreement, no text was signed. "
              "Talks resumed on Nov. 5 in Bali. ")
    document = _document(nlp, before + "The minister announced the Jakarta trade agreement during a meeting in "
                                       "Canberra with Indonesian officials.", "2019-11-18")
    anchor = anchor_event(document, _token(document, "meeting"))
    assert anchor is not None and anchor.value == "2019-10-11" and anchor.how.startswith("act named before")
    # the same verb about something else is another act: it keeps no date from the noun
    document = _document(nlp, before + "The minister announced new tariffs during a meeting in Canberra.",
                         "2019-11-18")
    anchor = anchor_event(document, _token(document, "meeting"))
    assert anchor is None or anchor.value != "2019-10-11"


def test_a_day_written_before_what_the_act_is_about_times_that_occasion(nlp):
    for text, word in (("Senators questioned the minister over her May 5 remarks.", "questioned"),
                       ("Lawmakers grilled Mark Dunn and Ellen Price about the March 3 call.", "grilled")):
        document = _document(nlp, text)
        anchor = anchor_event(document, _token(document, word))
        assert anchor is None or anchor.value not in ("2021-05-05", "2021-03-03"), text
    # the occasion itself keeps its day, also when something is asked about it
    document = _document(nlp, "Sondland will be asked about Trump's July 25 phone call with Zelensky.")
    assert anchor_event(document, _token(document, "call")).value == "2021-07-25"
    # a day of the act's own clause still dates it
    document = _document(nlp, "On May 6, senators questioned the minister over her remarks.")
    assert anchor_event(document, _token(document, "questioned")).value == "2021-05-06"


def test_a_date_in_an_apposition_tells_who_someone_is_not_when_the_act_happened(nlp):
    text = ("Four officials testified on Tuesday.\n\nIn the morning, lawmakers grilled Mark Dunn, a Balkans "
            "specialist, and Ellen Price, a listener on the March 3 call.")
    document = _document(nlp, text)
    anchor = anchor_event(document, _token(document, "grilled"))
    assert anchor is not None and anchor.value == "2021-10-26", anchor
    # an act told inside the apposition keeps its date
    document = _document(nlp, "Police arrested Tom Lee, a man who fled on March 3.")
    assert anchor_event(document, _token(document, "fled")).value == "2021-03-03"


def test_a_sentence_whose_only_date_names_which_thing_passes_the_time_on(nlp):
    # "the March 3 call" says which call; the account goes on from the sentence before it
    document = _document(nlp, "Four officials testified on Tuesday.\n\nDunn, who listened in on Trump's "
                              "March 3 call, said it was wrong.\n\nGrisham accused the Democrats of bias.")
    anchor = anchor_event(document, _token(document, "accused"))
    assert anchor is not None and anchor.value == "2021-10-26", anchor
    # a day in the possessive is the news of that day: it times its sentence
    document = _document(nlp, "Tuesday's vote went ahead.\n\nGrisham accused the Democrats of bias.")
    anchor = anchor_event(document, _token(document, "accused"))
    assert anchor is not None and anchor.value == "2021-10-26", anchor
