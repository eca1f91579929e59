"""One event per happening per article: restatements in the body and the headline merge."""
from __future__ import annotations

from helpers import analyse_text, codes


ARTICLE = (
    "Russian Foreign Minister Sergei Lavrov met Turkish Foreign Minister Mevlut Cavusoglu in "
    "Ankara on Tuesday.\n\n"
    "The two ministers discussed grain exports, officials said.\n\n"
    "Lavrov met Cavusoglu in Ankara on Tuesday for three hours, according to the Turkish side.\n\n"
    "Russia will meet Turkey again in Moscow on Friday."
)


def test_restated_meeting_becomes_one_event_with_mentions(nlp):
    doc = analyse_text(ARTICLE, published="2022-06-09")
    consult = [e for e in doc.events if e.event == "CONSULT"]
    tuesday = [e for e in consult if e.date == "2022-06-07"]
    assert len(tuesday) == 1, [(e.date, e.event_text) for e in consult]
    ev = tuesday[0]
    assert codes(ev.actor) | codes(ev.recipient) == {"RUS", "TUR"}
    assert ev.mentions and all(m["where"] == "body" for m in ev.mentions)
    assert any("three hours" in m["text"] for m in ev.mentions)
    body = doc.article.body
    for m in ev.mentions:
        assert body[m["start"]:m["end"]] == m["text"]
    assert ev.explain.get("merged")


def test_a_different_date_or_status_stays_a_separate_event(nlp):
    doc = analyse_text(ARTICLE, published="2022-06-09")
    friday = [e for e in doc.events if e.event == "CONSULT" and e.status == "planned"]
    assert len(friday) == 1 and friday[0].date == "2022-06-10"


def test_headline_restatement_is_a_mention_not_an_event(nlp):
    doc = analyse_text("Lavrov met Cavusoglu in Ankara on Tuesday to discuss grain exports.",
                       published="2022-06-09", title="Lavrov Meets Cavusoglu In Ankara")
    consult = [e for e in doc.events if e.event == "CONSULT"]
    assert len(consult) == 1
    assert consult[0].mentions and consult[0].mentions[0]["where"] == "title"


def test_same_happening_told_twice_in_the_body(nlp):
    text = ("The envoys clashed at a stormy session in Geneva back in March during which the "
            "Iranian delegation berated the American side.\n\n"
            "Diplomats still recall the stormy session in Geneva back in March during which the "
            "Iranian delegation berated the American side.")
    doc = analyse_text(text, published="2021-10-30")
    accuse = [e for e in doc.events if e.event == "ACCUSE"]
    assert len(accuse) == 1 and len(accuse[0].mentions) == 1
    assert accuse[0].date == "2021-03"
    consult = [e for e in doc.events if e.event == "CONSULT"]
    assert len(consult) <= 1


def test_merge_rules_directly():
    from dateline.events.merge import merge_events, same_happening
    from dateline.model import ActorRef, Event

    def ev(i, start, date, status="occurred", actor="USA", recip="CHN", event="CONSULT"):
        return Event(id=str(i), article_id="a", event=event, mode=None, quad_code=1, intensity=2.8,
                     actor=[ActorRef(actor)], recipient=[ActorRef(recip)], date=date,
                     date_precision="day" if date else None, date_text=None, status=status,
                     event_loc=None, event_text=f"s{i}", start=start, end=start + 2)

    a, b = ev(1, 0, "2023-06-18"), ev(2, 10, None)
    assert same_happening(a, b)
    assert same_happening(a, ev(3, 20, None, actor="CHN", recip="USA"))   # CONSULT is symmetric
    assert not same_happening(a, ev(4, 20, "2023-06-19"))
    assert not same_happening(a, ev(5, 20, "2023-06-18", status="planned"))
    assert not same_happening(ev(6, 0, None, event="ACCUSE"), ev(7, 5, None, event="ACCUSE", actor="CHN", recip="USA"))
    merged = merge_events([a, b, ev(8, 30, "2023-06-19", status="planned")])
    assert [m.id for m in merged] == ["1", "8"] and merged[0].mentions[0]["event_id"] == "2"


def test_a_date_carried_over_from_the_sentence_before_does_not_split_a_happening():
    from dateline.events.merge import merge_events
    from dateline.model import ActorRef, Event

    def ev(i, start, date, weak=False):
        return Event(id=str(i), article_id="a", event="CONSULT", mode=None, quad_code=1, intensity=2.8,
                     actor=[ActorRef("USA")], recipient=[ActorRef("CHN")], date=date,
                     date_precision="day", date_text=None, status="occurred", event_loc=None,
                     event_text=f"s{i}", start=start, end=start + 2,
                     explain={"date": {"weak": weak}})

    merged = merge_events([ev(1, 0, "2023-06-18"), ev(2, 10, "2023-06-19", weak=True)])
    assert len(merged) == 1 and merged[0].date == "2023-06-18"
    assert len(merge_events([ev(1, 0, "2023-06-18"), ev(2, 10, "2023-06-19")])) == 2


def test_meetings_with_different_people_of_one_country_stay_two():
    from dateline.model import Article
    from dateline.pipeline import analyse
    # neither meeting is dated: only the people named tell them apart
    body = ("President Trump met Liu He, China's vice premier, in the Oval Office.\n\n"
            "Trump has also met Chinese President Xi Jinping several times.")
    article = Article(id="people", source="t", body=body, published="2019-11-18", language="en")
    events = [e for e in next(iter(analyse([article]))).events if e.event == "CONSULT"]
    named = [{r.name for r in e.actor + e.recipient} for e in events]
    assert any("Liu He" in n for n in named) and any("Xi Jinping" in n for n in named)
    assert not any("Liu He" in n and "Xi Jinping" in n for n in named)


def test_a_joint_meeting_told_both_ways_round_is_no_domestic_dyad(nlp):
    # "they began the meeting": both ministers on both sides (IND+BRA -> BRA+IND) restate
    # the lead's talks; only acts inside one country must name the same people to merge
    doc = analyse_text("Indian Foreign Minister Subrahmanyam Jaishankar on Sunday opened two days of "
                       "talks in Brasilia aimed at easing trade frictions.\n\n"
                       "Neither Jaishankar nor Brazilian Foreign Minister Mauro Vieira made any comments "
                       "to reporters as they began the meeting at the Itamaraty Palace.",
                       published="2024-03-10")
    consult = [e for e in doc.events if e.event == "CONSULT"]
    assert len(consult) == 1, [(e.date, e.event_text) for e in consult]
    assert consult[0].mentions and "began the meeting" in consult[0].mentions[0]["text"]
