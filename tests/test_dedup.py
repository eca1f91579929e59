"""Cross-article event deduplication: the same-happening test, and incremental clusters
that do not depend on ingest order."""
from __future__ import annotations

import datetime as dt
import random

import pytest

from dateline.model import Article, Event
from dateline.store.read import Store
from dateline.stories.timeline import timeline as build_timeline
from dateline.store.schema import event_row
from dateline.store.write import commit_batch, new_batch_id
from dateline.stories.dedup import (FITS, SAME_DAY, SAME_VALUE, Mention, blocking_keys, cluster_all,
                                    date_interval, link, mention_of, outlet_of, same_happening)
from dateline.stories.incremental import after_commit, cluster_rows
from helpers import QUADS, article, commit, event

def commit_many(store, items: list[tuple[Article, list[Event]]]) -> None:
    batch = new_batch_id()
    extra = cluster_rows(store, batch, items)
    commit_batch(store, batch, {"articles": [a.to_row() for a, _ in items],
                                "events": [event_row(e, batch) for _, evs in items for e in evs],
                                **extra})
    after_commit(store, batch)


def clusters(store) -> dict[str, str]:
    return {r["id"]: r["cluster_id"] for r in Store.open(store).sql("SELECT id, cluster_id FROM events").to_pylist()}


def partition(mapping: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for e, c in mapping.items():
        groups.setdefault(c, set()).add(e)
    return {frozenset(g) for g in groups.values()}


def m(e: Event, a: Article) -> Mention:
    return mention_of(e, a)


# ----------------------------------------------------------------------- the pairwise test
A = article("aaa", "https://www.reuters.com/world/1", "2021-11-01")
B = article("bbb", "https://apnews.com/article/2", "2021-11-02")


def test_a_day_fits_its_month_and_its_iso_week():
    day = m(event(A, 1, "CONSULT", ["USA"], ["CHN"], "2021-10-31", "day"), A)
    for value, precision in (("2021-10", "month"), ("2021-W43", "week")):
        other = m(event(B, 1, "CONSULT", ["USA"], ["CHN"], value, precision), B)
        assert same_happening(day, other)[0], value
    assert date_interval("2021-W43")[1].isoformat() == "2021-10-31"
    later = m(event(B, 2, "CONSULT", ["USA"], ["CHN"], "2021-11", "month"), B)
    assert same_happening(day, later) == (False, "dates differ")


def test_symmetric_types_match_either_way_round_others_do_not():
    us_meets_china = m(event(A, 1, "CONSULT", ["USA"], ["CHN"], "2021-10-31", "day"), A)
    china_meets_us = m(event(B, 1, "CONSULT", ["CHN"], ["USA"], "2021-10-31", "day"), B)
    assert same_happening(us_meets_china, china_meets_us)[0]
    us_accuses = m(event(A, 2, "ACCUSE", ["USA"], ["CHN"], "2021-10-31", "day"), A)
    china_accuses = m(event(B, 2, "ACCUSE", ["CHN"], ["USA"], "2021-10-31", "day"), B)
    assert same_happening(us_accuses, china_accuses) == (False, "actors differ")


def test_overlapping_actor_sets_and_type_families():
    joint = m(event(A, 1, "SANCTION", ["USA", "GBR"], ["RUS"], "2022-03-01", "day"), A)
    single = m(event(B, 1, "COERCE", ["USA"], ["RUS"], "2022-03", "month"), B)
    assert same_happening(joint, single)[0]          # SANCTION ~ COERCE (dedup_families.tsv)
    other_target = m(event(B, 2, "SANCTION", ["USA"], ["IRN"], "2022-03-01", "day"), B)
    assert not same_happening(joint, other_target)[0]


def test_status_place_and_coarse_dates():
    held = m(event(A, 1, "CONSULT", ["USA"], ["CHN"], "2022-11-14", "day", place=("Bali", "IDN")), A)
    planned = m(event(B, 1, "CONSULT", ["USA"], ["CHN"], "2022-11-14", "day", status="planned"), B)
    assert same_happening(held, planned)[0]          # announced, then held: one meeting
    denied = m(event(B, 2, "CONSULT", ["USA"], ["CHN"], "2022-11-14", "day", status="negated"), B)
    assert same_happening(held, denied) == (False, "statuses differ")
    elsewhere = m(event(B, 3, "CONSULT", ["USA"], ["CHN"], "2022-11", "month", place=("Beijing", "CHN")), B)
    assert same_happening(held, elsewhere) == (False, "places differ")
    year_same_place = m(event(B, 4, "CONSULT", ["USA"], ["CHN"], "2022", "year", place=("Bali", "IDN")), B)
    assert same_happening(held, year_same_place)[0]
    year_no_place = m(event(B, 5, "CONSULT", ["USA"], ["CHN"], "2022", "year"), B)
    assert same_happening(held, year_no_place) == (False, "a date too coarse to tell happenings apart")
    assert blocking_keys(year_no_place) == []


def test_undated_mentions_stand_for_the_days_before_publication():
    c = article("ccc", "https://www.bbc.co.uk/news/3", "2021-11-01T09:30")
    undated_a = m(event(A, 1, "THREATEN", ["PRK"], ["KOR"]), A)          # published 11-01
    undated_c = m(event(c, 1, "THREATEN", ["PRK"], ["KOR"]), c)
    dated_b = m(event(B, 2, "THREATEN", ["PRK"], ["KOR"], "2021-10-30", "day"), B)
    old_b = m(event(B, 3, "THREATEN", ["PRK"], ["KOR"], "2021-10-20", "day"), B)
    assert same_happening(undated_a, undated_c)[0]
    assert same_happening(undated_a, dated_b)[0]
    assert same_happening(undated_a, old_b) == (False, "dates differ")
    no_date = article("ddd", None, None)
    assert not same_happening(undated_a, m(event(no_date, 1, "THREATEN", ["PRK"], ["KOR"]), no_date))[0]
    assert cluster_all([undated_a, undated_c, dated_b]) == {e: min(undated_a.event_id, dated_b.event_id)
                                                              for e in (undated_a.event_id, undated_c.event_id, dated_b.event_id)}


def test_every_linkable_pair_shares_a_blocking_key():
    rnd = random.Random(7)
    mentions = [m(e, a) for a, evs in random_world(rnd, 60) for e in evs]
    for i, x in enumerate(mentions):
        for y in mentions[i + 1:]:
            if same_happening(x, y)[0]:
                assert set(blocking_keys(x)) & set(blocking_keys(y)), (x, y)


def test_link_names_the_only_pairs_cluster_all_joins():
    """Same happening is not enough: two vague mentions of different values (a month and a
    week in it) are never joined directly, only through the one anchor both fit."""
    c = article("ccc", "https://bbc.co.uk/3", "2021-11-03")
    day = m(event(A, 1, "CONSULT", ["USA"], ["CHN"], "2021-10-27", "day"), A)
    other_day = m(event(c, 2, "CONSULT", ["USA"], ["CHN"], "2021-10-28", "day"), c)
    month = m(event(B, 1, "CONSULT", ["USA"], ["CHN"], "2021-10", "month"), B)
    week = m(event(c, 1, "CONSULT", ["USA"], ["CHN"], "2021-W43", "week"), c)
    month_again = m(event(c, 3, "CONSULT", ["CHN"], ["USA"], "2021-10", "month"), c)
    assert same_happening(month, week)[0] and link(month, week) is None
    assert link(day, month) == link(week, day) == FITS
    assert link(month, month_again) == SAME_VALUE
    assert link(day, other_day) is None
    twin = m(event(B, 2, "CONSULT", ["CHN"], ["USA"], "2021-10-27", "day"), B)
    assert link(day, twin) == SAME_DAY
    assert cluster_all([month, week]) == {month.event_id: month.event_id, week.event_id: week.event_id}
    assert set(cluster_all([month, week, day]).values()) == {day.event_id}


# ------------------------------------------------- weak matches need the sentences' words
def said(art, n, etype, actors, recipients, date, precision, text, trigger=None, scene=()):
    """An event with its sentence (and trigger); sides listed in ``scene`` are placed only
    by the article's scene."""
    e = event(art, n, etype if etype in QUADS else "COERCE", actors, recipients, date, precision, text=text)
    e.event = etype                                   # (ASSAULT: not in the helpers' table)
    e.trigger = trigger or e.trigger
    for ref in e.actor + e.recipient:
        if ref.code in scene:
            ref.how = f"scene: 'them' is placed where the event happened ({ref.code})"
    return e


def test_a_domestic_dyad_links_only_when_the_sentences_agree():
    arrest = m(said(A, 1, "COERCE", ["BRA"], ["BRA"], "2023-03-14", "day",
                    "Brazilian police arrested opposition leader Carlos Mendes at his home in Recife."), A)
    told_again = m(said(B, 1, "COERCE", ["BRA"], ["BRA"], "2023-03-14", "day",
                        "Police detained opposition figure Carlos Mendes in Recife, his lawyers said."), B)
    students = m(said(B, 2, "COERCE", ["BRA"], ["BRA"], "2023-03-14", "day",
                      "Police detained three students after a protest over bus fares."), B)
    ok, why = same_happening(arrest, told_again)
    assert ok and "domestic" in why
    ok, why = same_happening(arrest, students)
    assert not ok and "domestic" in why and "too few words" in why
    # a company or an NGO beside the country changes nothing; two countries are no dyad of one
    company = m(said(B, 3, "ACCUSE", ["USA"], ["USA", "MNC"], "2023-03-14", "day", "x"), B)
    other = m(said(A, 3, "ACCUSE", ["USA"], ["USA"], "2023-03-14", "day", "y"), A)
    assert not same_happening(company, other)[0]
    talks = m(said(A, 4, "CONSULT", ["USA", "CHN"], ["USA", "CHN"], "2023-03-14", "day", "x"), A)
    again = m(said(B, 4, "CONSULT", ["CHN"], ["USA"], "2023-03-14", "day", "y"), B)
    assert same_happening(talks, again) == (True, "dates agree")


def test_types_of_one_quad_class_link_when_they_share_a_trigger_word_and_words():
    threat = m(said(A, 1, "THREATEN", ["PRK"], ["KOR"], "2022-10-04", "day",
                    "North Korea warned South Korea of a strong military response to the drills near the border.",
                    trigger="warned"), A)
    accusation = m(said(B, 1, "ACCUSE", ["PRK"], ["KOR"], "2022-10-04", "day",
                        "Pyongyang warned Seoul over the military drills near the border, state media said.",
                        trigger="warned"), B)
    ok, why = same_happening(threat, accusation)
    assert ok and "quad class" in why
    other_verb = m(said(B, 2, "ACCUSE", ["PRK"], ["KOR"], "2022-10-04", "day",
                        "Pyongyang condemned the military drills near the border, state media said.",
                        trigger="condemned"), B)
    assert same_happening(threat, other_verb) == (False, "types of one quad class, and no trigger word shared")
    attack = m(said(B, 3, "ASSAULT", ["PRK"], ["KOR"], "2022-10-04", "day",
                    "North Korea warned South Korea of a strong military response to the drills.",
                    trigger="warned"), B)
    assert same_happening(threat, attack) == (False, "types differ")      # verbal vs material
    assert set(blocking_keys(threat)) & set(blocking_keys(accusation))


def test_scene_placed_sides_and_territories_meet_only_with_the_sentences_support():
    siege = m(said(A, 1, "COERCE", ["HKG"], ["HKG"], "2019-11-18", "day",
                   "Hong Kong police laid siege to the Polytechnic University, trapping hundreds of protesters.",
                   scene={"HKG"}), A)
    # another outlet codes the police as Chinese and names the university
    told = m(said(B, 1, "COERCE", ["CHN"], ["HKG"], "2019-11-18", "day",
                  "Police surrounded Polytechnic University in Hong Kong, trapping protesters inside the campus."), B)
    ok, why = same_happening(siege, told)
    assert ok and "scene or a territory" in why
    assert set(blocking_keys(siege)) & set(blocking_keys(told))
    unrelated = m(said(B, 2, "COERCE", ["CHN"], ["HKG"], "2019-11-18", "day",
                       "Authorities banned face masks at public gatherings."), B)
    assert not same_happening(siege, unrelated)[0]


def test_the_publication_day_fallback_is_weak_evidence_of_time():
    early = article("e1", "https://one.example/1", "2023-05-03")
    late = article("e2", "https://two.example/2", "2023-05-25")
    near = article("e3", "https://three.example/3", "2023-05-04")
    def fallback(art, n, text):
        return m(said(art, n, "ACCUSE", ["USA"], ["CHN"], art.published, "publication", text), art)
    a = fallback(early, 1, "Washington accused Beijing of unfair trade practices in steel.")
    b = fallback(late, 1, "The US criticised China over human rights in Xinjiang.")
    c = fallback(near, 1, "The US accused China of unfair trade practices, the ministry said.")
    ok, why = same_happening(a, b)                      # one month, three weeks apart
    assert not ok and "a date only from the publication day" in why
    ok, why = same_happening(a, c)                      # the same news cycle, and the words agree
    assert ok and "publication-day date, backed by" in why
    other = fallback(near, 2, "The White House criticised Beijing over its fishing fleet.")
    ok, why = same_happening(a, other)                  # the same news cycle, nothing shared
    assert not ok and "too few words" in why
    dated = m(said(late, 2, "ACCUSE", ["USA"], ["CHN"], "2023-05-02", "day",
                   "Washington accused Beijing on Tuesday of unfair trade practices in steel."), late)
    assert same_happening(a, dated)[0]                  # dated just before publication
    assert not same_happening(b, dated)[0]              # three weeks before it, nothing shared
    retold = fallback(late, 3, "Washington accused Beijing of unfair trade practices in steel, again.")
    ok, why = same_happening(a, retold)                 # weeks apart, but told in the same words
    assert ok and "a date only from the publication day" in why


def test_a_fallback_reaches_back_to_background_only_when_all_else_is_strong():
    """An undated mention is often background told again ("the phase one deal" weeks
    after it was reached): it may reach REFERS_BACK_DAYS before publication, backed by
    EVIDENCE_WORDS shared words, named parties of one type family and nothing else weak."""
    from dateline.stories.dedup import REFERS_BACK_DAYS, reaches_back

    then = article("r1", "https://one.example/1", "2023-02-03")
    later = article("r2", "https://two.example/2", "2023-03-20")
    signed = m(said(then, 1, "AGREE", ["BRA", "ARG"], ["ARG", "BRA"], "2023-02-02", "day",
                    "Brazil and Argentina signed a lithium export agreement setting quotas for mines."), then)
    retold = m(said(later, 1, "AGREE", ["BRA", "ARG"], ["ARG", "BRA"], "2023-03-20", "publication",
                    "The lithium export agreement Brazil and Argentina signed sets quotas for mines."), later)
    assert reaches_back(retold, signed) and not reaches_back(signed, retold)
    ok, why = same_happening(retold, signed)
    assert ok and "a date only from the publication day" in why
    assert set(blocking_keys(retold)) & set(blocking_keys(signed))
    thin = m(said(later, 2, "AGREE", ["BRA", "ARG"], ["ARG", "BRA"], "2023-03-20", "publication",
                  "Brazil and Argentina signed a fishing accord."), later)
    assert "too few words" in same_happening(thin, signed)[1]
    scene = m(said(later, 3, "AGREE", ["BRA", "ARG"], ["ARG", "BRA"], "2023-03-20", "publication",
                   "The lithium export agreement Brazil and Argentina signed sets quotas for mines.",
                   scene={"BRA", "ARG"}), later)
    ok, why = same_happening(scene, signed)
    assert not ok and "reaches back before its month only when nothing else is weak" in why
    too_late = article("r3", "https://three.example/3",
                       (dt.date(2023, 2, 2) + dt.timedelta(days=REFERS_BACK_DAYS + 1)).isoformat())
    far = m(said(too_late, 1, "AGREE", ["BRA", "ARG"], ["ARG", "BRA"], too_late.published, "publication",
                 "The lithium export agreement Brazil and Argentina signed sets quotas for mines."), too_late)
    assert same_happening(far, signed) == (False, "dates differ")


def test_trigger_words_of_one_root_are_one_trigger():
    from dateline.stories.evidence import kin

    assert kin("besieg", "siege") and kin("strike", "airstrike") and kin("negotiat", "negotiate")
    assert not kin("arm", "disarm") and not kin("fire", "siege")
    siege = m(said(A, 1, "ASSAULT", ["ETH"], ["ERI"], "2023-05-15", "day",
                   "Ethiopian troops besieged the Eritrean border town of Zalambessa, cutting off roads.",
                   trigger="besieged"), A)
    told = m(said(B, 1, "COERCE", ["ETH"], ["ERI"], "2023-05-15", "day",
                  "Ethiopian forces laid siege to the border town of Zalambessa, cutting off roads.",
                  trigger="siege"), B)
    ok, why = same_happening(siege, told)
    assert ok and "quad class" in why
    shelled = m(said(B, 2, "COERCE", ["ETH"], ["ERI"], "2023-05-15", "day",
                     "Ethiopian forces fired on the border town of Zalambessa, cutting off roads.",
                     trigger="fired"), B)
    assert same_happening(siege, shelled) == (False, "types of one quad class, and no trigger word shared")


def test_an_ongoing_process_in_one_news_cycle_needs_no_shared_words():
    one = article("o1", "https://one.example/1", "2023-06-12")
    two = article("o2", "https://two.example/2", "2023-06-13")
    still = said(one, 1, "CONSULT", ["IND", "PAK"], ["PAK", "IND"], "2023-06-12", "publication",
                 "India and Pakistan are still negotiating over the river treaty.")
    still.status = "ongoing"
    going = said(two, 1, "CONSULT", ["IND", "PAK"], ["PAK", "IND"], "2023-06-13", "publication",
                 "New Delhi and Islamabad continue to talk about the Indus waters.")
    going.status = "ongoing"
    assert same_happening(m(still, one), m(going, two)) == (True, "dates agree")
    going.status = "occurred"                              # a meeting held is not the process
    assert "too few words" in same_happening(m(still, one), m(going, two))[1]


def test_a_month_dated_mention_needs_a_few_shared_words():
    month = m(said(A, 1, "ACCUSE", ["USA"], ["RUS"], "2019-11", "month",
                   "The Assad regime used chlorine, with support from Moscow, Washington said."), A)
    day = m(said(B, 1, "ACCUSE", ["USA"], ["RUS"], "2019-11-19", "day",
                 "The illegal occupation of Crimea must end, the envoy told the council."), B)
    ok, why = same_happening(month, day)
    assert not ok and "no finer than a month" in why
    again = m(said(B, 2, "ACCUSE", ["USA"], ["RUS"], "2019-11-19", "day",
                   "Washington said the Assad regime used chlorine."), B)
    assert same_happening(month, again)[0]
    # two mentions of one month group on their codes, as before (no day act to pick)
    other_month = m(said(B, 3, "ACCUSE", ["USA"], ["RUS"], "2019-11", "month",
                         "The illegal occupation of Crimea must end, the envoy told the council."), B)
    assert same_happening(month, other_month) == (True, "dates agree")


def test_words_outlets_use_for_one_thing_count_as_one_shared_word():
    from dateline.stories.evidence import sentence_words

    assert sentence_words("Military aid for the ally was stalled.") \
        & sentence_words("They opposed the hold on security assistance.") == {"aid", "hold"}
    assert not sentence_words("The army fired rubber bullets.") & sentence_words("Police threatened live ammunition.")


def test_a_side_placed_by_the_scene_alone_needs_fewer_shared_words_than_a_domestic_dyad():
    # a story about Ukraine: one outlet names the aid's recipient, the other leaves it to the scene
    hold = m(said(A, 1, "SANCTION", ["USA"], ["UKR"], "2019-07", "month",
                  "I opposed the hold on U.S. security assistance as soon as I learned about it in July.",
                  scene={"UKR"}), A)
    told = m(said(B, 1, "SANCTION", ["USA"], ["UKR"], "2019-07", "month",
                  "In July, U.S. military aid for Ukraine was being stalled."), B)
    ok, why = same_happening(hold, told)
    assert ok and "scene or a territory, backed by 3 shared words" in why
    other = m(said(B, 2, "SANCTION", ["USA"], ["UKR"], "2019-07", "month",
                   "In July, the Treasury blacklisted two Ukrainian oligarchs over the gas deal."), B)
    assert not same_happening(hold, other)[0]
    # the same three words do not back a domestic dyad placed by the scene
    arrest = m(said(A, 2, "COERCE", ["HKG"], ["HKG"], "2019-11-18", "day",
                    "Police detained students at the university campus.", scene={"HKG"}), A)
    again = m(said(B, 3, "COERCE", ["HKG"], ["HKG"], "2019-11-18", "day",
                   "Officers detained dozens near the campus of the university."), B)
    ok, why = same_happening(arrest, again)
    assert not ok and "domestic" in why and "too few words (3)" in why


def test_weak_evidence_needs_a_shared_word_of_the_act_not_only_names():
    from dateline.stories.evidence import name_words

    assert name_words(["Vice President Joe Biden met the president."]) == {"vic", "jo", "biden"}
    charge = m(said(A, 1, "ACCUSE", ["PHL"], ["PHL"], "2023-09-12", "day",
                    "Senator Maria Lopez accused Interior Secretary Tomas Reyes of hiding budget losses.",
                    trigger="accused"), A)
    answer = m(said(B, 1, "ACCUSE", ["PHL"], ["PHL"], "2023-09-12", "day",
                    "Interior Secretary Tomas Reyes accused Senator Maria Lopez of lying about expenses.",
                    trigger="accused"), B)
    ok, why = same_happening(charge, answer)             # domestic: names and the verb only
    assert not ok and "share only names" in why
    retold = m(said(B, 2, "ACCUSE", ["PHL"], ["PHL"], "2023-09-12", "day",
                    "Lopez accused Reyes of hiding losses in the budget.", trigger="accused"), B)
    assert same_happening(charge, retold)[0]


def test_weak_links_cluster_the_same_in_any_order(tmp_path):
    arts = [article(f"w{i}", f"https://outlet{i}.example/{i}", "2019-11-19") for i in range(4)]
    text = "Hong Kong police laid siege to the Polytechnic University, trapping hundreds of protesters."
    world = [(arts[0], [said(arts[0], 1, "COERCE", ["HKG"], ["HKG"], "2019-11-18", "day", text, scene={"HKG"})]),
             (arts[1], [said(arts[1], 1, "ASSAULT", ["CHN"], ["HKG"], "2019-11-18", "day", text, trigger="siege")]),
             (arts[2], [said(arts[2], 1, "COERCE", ["HKG"], ["HKG"], "2019-11-19", "publication", text,
                             trigger="siege")]),
             (arts[3], [said(arts[3], 1, "COERCE", ["HKG"], ["HKG"], "2019-11-18", "day",
                             "Police arrested a man in Mong Kok.")])]
    world[0][1][0].trigger = "siege"
    expected = cluster_all(m(e, a) for a, evs in world for e in evs)
    assert len(set(expected.values())) == 2
    for order in (world, world[::-1]):
        store = tmp_path / f"store{order[0][0].id}"
        for art, evs in order:
            commit(store, art, evs)
        assert clusters(store) == expected


def test_a_store_written_with_older_blocking_keys_links_under_todays(tmp_path):
    """event_keys parts from before quad-class keys and mention words: the lookup index is
    rebuilt with keys recomputed from each stored mention."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from dateline.stories.incremental import INDEX_FILE

    store = tmp_path / "store"
    first = event(A, 1, "ACCUSE", ["USA"], ["CHN"], "2021-10-30", "day")
    commit(store, A, [first])
    for part in (store / "event_keys").glob("part-*.parquet"):
        table = pq.read_table(part).drop(["words"])
        keys = [k.replace("Q3|", "ACCUSE|") for k in table.column("key").to_pylist()]
        table = table.set_column(table.schema.get_field_index("key"), "key", pa.array(keys))
        pq.write_table(table, part)
    (store / INDEX_FILE).unlink()
    # (a day: a month-dated mention would need the sentences' words, which such parts lack)
    later = event(B, 1, "ACCUSE", ["USA"], ["CHN"], "2021-10-30", "day")
    commit(store, B, [later])
    assert clusters(store)[later.id] == first.id


def test_words_stored_before_a_word_family_was_added_count_as_todays(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from dateline.stories.incremental import INDEX_FILE

    store = tmp_path / "store"
    hold = said(A, 1, "SANCTION", ["USA"], ["UKR"], "2019-07", "month",
                "I opposed the hold on U.S. security assistance as soon as I learned about it in July.",
                scene={"UKR"})
    commit(store, A, [hold])
    for part in (store / "event_keys").glob("part-*.parquet"):         # as written before
        table = pq.read_table(part)
        old = [w.replace("aid", "assistanc") for w in table.column("words").to_pylist()]
        assert old != table.column("words").to_pylist()
        pq.write_table(table.set_column(table.schema.get_field_index("words"), "words", pa.array(old)), part)
    (store / INDEX_FILE).unlink()
    told = said(B, 1, "SANCTION", ["USA"], ["UKR"], "2019-07", "month",
                "In July, U.S. military aid for Ukraine was being stalled.")
    commit(store, B, [told])
    assert clusters(store)[told.id] == hold.id


def test_outlet_is_the_url_host_else_the_input_file():
    assert outlet_of("https://www.reuters.com/world/x", "a.txt") == "reuters.com"
    assert outlet_of(None, "feeds/apnews.jsonl#12") == "apnews"
    assert outlet_of(None, "corpus/000_ab.txt") == "000_ab"
    assert outlet_of(None, "x.jsonl#3", {"site": "The Guardian"}) == "the guardian"


# ----------------------------------------------------------------------- incremental store
def random_world(rnd: random.Random, n_articles: int) -> list[tuple[Article, list[Event]]]:
    """Articles about a few happenings, each told by several outlets with varied precision."""
    hosts = ["reuters.com", "apnews.com", "bbc.co.uk", "aljazeera.com", "scmp.com"]
    happenings = []
    for k in range(12):
        etype = rnd.choice(list(QUADS))
        a, b = rnd.sample(["USA", "CHN", "RUS", "UKR", "IRN", "ISR"], 2)
        day = f"2023-0{rnd.randint(1, 3)}-{rnd.randint(10, 28):02d}"
        happenings.append((etype, a, b, day))
    world = []
    for i in range(n_articles):
        art = article(f"{rnd.getrandbits(48):012x}", f"https://{rnd.choice(hosts)}/{i}",
                      f"2023-0{rnd.randint(1, 4)}-{rnd.randint(10, 28):02d}")
        evs = []
        for n in range(rnd.randint(1, 3)):
            etype, a, b, day = rnd.choice(happenings)
            form = rnd.random()
            date, prec = ((day, "day") if form < 0.5 else (day[:7], "month") if form < 0.75
                          else ("2023", "year") if form < 0.85 else (None, None))
            if etype == "CONSULT" and rnd.random() < 0.5:
                a, b = b, a
            evs.append(event(art, n, etype, [a], [b], date, prec,
                             status=rnd.choice(["occurred", "occurred", "planned"])))
        world.append((art, evs))
    return world


def test_incremental_clusters_equal_the_whole_world_result(tmp_path):
    rnd = random.Random(11)
    world = random_world(rnd, 40)
    store = tmp_path / "store"
    for art, evs in world:
        commit(store, art, evs)
    expected = cluster_all(m(e, a) for a, evs in world for e in evs)
    assert clusters(store) == expected
    assert len(set(expected.values())) < len(expected)     # something was merged


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_reingesting_in_another_order_gives_the_same_clusters(tmp_path, seed):
    rnd = random.Random(seed)
    world = random_world(rnd, 24)
    first = tmp_path / "first"
    for art, evs in world:
        commit(first, art, evs)
    shuffled = world[:]
    random.Random(seed + 100).shuffle(shuffled)
    second = tmp_path / "second"
    # another order, and other batch boundaries (1 to 5 articles per batch)
    i = 0
    while i < len(shuffled):
        size = rnd.randint(1, 5)
        commit_many(second, shuffled[i:i + size])
        i += size
    assert clusters(first) == clusters(second)


def test_a_bridging_mention_merges_two_clusters_under_the_smallest_id(tmp_path):
    store = tmp_path / "store"
    a1 = article("a1", "https://reuters.com/1", "2024-05-02")
    a2 = article("a2", "https://apnews.com/2", "2024-05-02")
    a3 = article("a3", "https://bbc.co.uk/3", "2024-05-03")
    e1 = event(a1, 1, "ACCUSE", ["USA"], ["CHN"], "2024-05-01", "day")
    e1b = event(a1, 2, "ACCUSE", ["USA"], ["RUS"], "2024-05-01", "day")  # a1's other event
    e2 = event(a2, 1, "ACCUSE", ["USA", "GBR"], ["RUS"], "2024-05-01", "day")
    commit(store, a1, [e1, e1b])
    commit(store, a2, [e2])
    before = clusters(store)
    assert before[e2.id] == e1b.id and before[e1.id] == e1.id
    # "on May 1 the US accused China and Russia": one accusation, overlaps both
    e3 = event(a3, 1, "ACCUSE", ["USA"], ["CHN", "RUS"], "2024-05-01", "day")
    commit(store, a3, [e3])
    after = clusters(store)
    assert set(after.values()) == {e1.id}
    rows = Store.open(store).sql("SELECT event_id, how FROM event_clusters").to_pylist()
    assert {r["event_id"] for r in rows if r["how"].startswith("re-clustered")} == {e1b.id, e2.id}


def test_a_vague_mention_joins_the_one_happening_it_fits_and_never_bridges_two(tmp_path):
    store = tmp_path / "store"
    arts = [article(f"v{i}", f"https://outlet{i}.example/{i}", "2024-03-30") for i in range(4)]
    early = event(arts[0], 1, "ACCUSE", ["USA"], ["CHN"], "2024-03-05", "day")
    month = event(arts[1], 1, "ACCUSE", ["USA"], ["CHN"], "2024-03", "month")
    commit(store, arts[0], [early])
    commit(store, arts[1], [month])
    assert clusters(store)[month.id] == early.id            # fits the one accusation it can be
    late = event(arts[2], 1, "ACCUSE", ["USA"], ["CHN"], "2024-03-25", "day")
    commit(store, arts[2], [late])
    now = clusters(store)
    assert now[month.id] == month.id                         # fits two: stays apart
    assert now[early.id] == early.id and now[late.id] == late.id
    undated = event(arts[3], 1, "ACCUSE", ["USA"], ["CHN"])  # published 03-30: days 27-30
    commit(store, arts[3], [undated])
    assert clusters(store)[undated.id] == undated.id        # nothing dated then
    rows = Store.open(store).sql("SELECT how FROM event_clusters WHERE event_id = ?", [month.id])
    assert "re-clustered" in rows.to_pylist()[0]["how"]


def test_mentions_are_kept_and_outlets_counted(tmp_path):
    store = tmp_path / "store"
    arts = [article("x1", "https://www.reuters.com/a", "2023-06-19"),
            article("x2", "https://reuters.com/b", "2023-06-19"),
            article("x3", None, "2023-06-20", source="feeds/scmp.jsonl#4")]
    for art in arts:
        commit(store, art, [event(art, 1, "CONSULT", ["USA"], ["CHN"], "2023-06-18", "day")])
    s = Store.open(store)
    assert s.sql("SELECT count(*) AS n FROM events").to_pylist()[0]["n"] == 3
    assert s.sql("SELECT count(DISTINCT cluster_id) AS n FROM events").to_pylist()[0]["n"] == 1
    entry = build_timeline(s)[0]
    assert entry["mentions"] == 3 and entry["outlets"] == 2
    assert entry["outlet_names"] == ["reuters.com", "scmp"]


def test_events_without_cluster_rows_are_their_own_cluster(tmp_path):
    """A store written without the hook (e.g. before it existed) still reads."""
    store = tmp_path / "store"
    art = article("old", None, "2020-01-01")
    e = event(art, 1, "AID", ["USA"], ["UKR"], "2020-01-01", "day")
    batch = new_batch_id()
    commit_batch(store, batch, {"articles": [art.to_row()], "events": [event_row(e, batch)]})
    assert clusters(store) == {e.id: e.id}
    art2 = article("new", None, "2020-01-02")
    e2 = event(art2, 1, "AID", ["USA"], ["UKR"], "2020-01-01", "day")
    commit(store, art2, [e2])
    assert clusters(store) == {e.id: e.id, e2.id: e2.id}   # not indexed: cannot be found


def test_uncommitted_cluster_rows_are_invisible(tmp_path):
    """A batch whose articles part never landed (kill -9) leaves no cluster rows behind."""
    from dateline.store.write import write_part

    store = tmp_path / "store"
    a1 = article("k1", "https://reuters.com/1", "2024-01-02")
    e1 = event(a1, 1, "THREATEN", ["RUS"], ["UKR"], "2024-01-01", "day")
    commit(store, a1, [e1])
    a2 = article("k0", "https://apnews.com/2", "2024-01-02")
    e2 = event(a2, 1, "THREATEN", ["RUS"], ["UKR"], "2024-01-01", "day")
    batch = new_batch_id()
    extra = cluster_rows(store, batch, [(a2, [e2])])
    for table in ("events", "event_keys", "event_clusters"):   # crash before the articles part
        rows = extra.get(table) or [event_row(e2, batch)]
        write_part(store, table, rows, batch)
    assert clusters(store) == {e1.id: e1.id}
    # and the next batch does not build on them
    a3 = article("k3", "https://bbc.co.uk/3", "2024-01-03")
    e3 = event(a3, 1, "THREATEN", ["RUS"], ["UKR"], "2024-01-01", "day")
    commit(store, a3, [e3])
    assert clusters(store) == {e1.id: e1.id, e3.id: e1.id}


def test_the_lookup_index_is_derived_and_repairs_itself(tmp_path):
    """The writer's SQLite copy of event_keys holds exactly the committed batches: a batch
    committed without after_commit (a crash just after the commit, or a runner), a deleted
    or garbled file, an un-committed batch, a half-written one -- clusters stay exact."""
    import sqlite3

    from dateline.store.write import write_part
    from dateline.stories.incremental import INDEX_FILE, ClusterIndex

    rnd = random.Random(5)
    store = tmp_path / "store"
    world = random_world(rnd, 40)
    expected = cluster_all(m(e, a) for a, evs in world for e in evs)
    index_file = store / INDEX_FILE

    def held() -> set[str]:
        ClusterIndex(store).close()
        with sqlite3.connect(index_file) as con:
            return {b for (b,) in con.execute("SELECT batch FROM batches")}

    def committed() -> set[str]:
        return ({p.name for p in (store / "articles").glob("part-*")}
                & {p.name for p in (store / "event_keys").glob("part-*")})

    for art, evs in world[:10]:
        commit(store, art, evs)
    for art, evs in world[10:20]:                 # committed, never added by after_commit
        batch = new_batch_id()
        extra = cluster_rows(store, batch, [(art, evs)])
        commit_batch(store, batch, {"articles": [art.to_row()],
                                    "events": [event_row(e, batch) for e in evs], **extra})
    half = new_batch_id()                         # kill -9 before the articles part
    art, evs = world[20]
    for table, rows in cluster_rows(store, half, [(art, evs)]).items():
        write_part(store, table, rows, half)
    index_file.unlink()
    for art, evs in world[20:30]:
        commit(store, art, evs)
    assert {f"part-{b}.parquet" for b in held()} == committed()
    index_file.write_bytes(b"not a database" * 100)
    for name in ("-wal", "-shm"):
        (store / (INDEX_FILE + name)).unlink(missing_ok=True)
    for art, evs in world[30:35]:
        commit(store, art, evs)
    # un-commit a batch the index holds (its articles part lost), then ingest it again
    lost = sorted((store / "articles").glob("part-*.parquet"))[12]
    lost_article = Store.open(store).sql(f"SELECT id FROM articles WHERE batch = '{lost.name[5:-8]}'")
    lost.unlink()
    (lost_id,) = lost_article.column("id").to_pylist()
    for art, evs in world[35:] + [x for x in world if x[0].id == lost_id]:
        commit(store, art, evs)
    assert {f"part-{b}.parquet" for b in held()} == committed()
    assert clusters(store) == expected


TALKS = {
    "a.txt": "US and China hold talks in Jakarta\n\nPublished 14 July 2023\n\n"
             "The United States and China held talks in Jakarta on July 13, 2023, officials said.\n\n"
             "Japan accused Russia on July 12 of violating its airspace.\n",
    "b.txt": "Washington and Beijing meet in Indonesia\n\nPublished 15 July 2023\n\n"
             "China and the United States held talks in Jakarta on Thursday, the foreign ministry said.\n\n"
             "Earlier, on July 12, Japan accused Russia of violating its airspace near Hokkaido.\n",
    "c.txt": "Diplomats gather in Jakarta\n\nPublished 13 July 2023\n\n"
             "The United States will hold talks with China in Jakarta on July 13, a spokesman said.\n",
}


def test_ingesting_articles_in_another_order_gives_the_same_clusters(tmp_path, nlp):
    """The real ingest job (NLP, event coder, hook), one article per batch, two orders."""
    from dateline.job import ingest

    for name, text in TALKS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    results = []
    for order in (["a.txt", "b.txt", "c.txt"], ["c.txt", "b.txt", "a.txt"]):
        store = tmp_path / ("store-" + "".join(n[0] for n in order))
        for name in order:
            ingest([str(tmp_path / name)], store)
        results.append(clusters(store))
    assert results[0] == results[1]
    assert len(results[0]) >= 4 and len(set(results[0].values())) < len(results[0])


def dense_world(rnd: random.Random, n_articles: int, months: int = 3) -> list[tuple[Article, list[Event]]]:
    """Few dyads, many happenings, every precision (days, ISO weeks across month ends,
    months, undated, publication-day fallbacks reaching back, years with a place, joint
    actors): edges of every kind, long chains."""
    import datetime as dt

    hosts = ["reuters.com", "apnews.com", "bbc.co.uk", "scmp.com"]
    world = []
    for i in range(n_articles):
        day = dt.date(2023, 1, 1) + dt.timedelta(days=rnd.randrange(months * 30))
        published = day + dt.timedelta(days=rnd.randint(0, 3))
        art = article(f"{rnd.getrandbits(48):012x}", f"https://{rnd.choice(hosts)}/{i}", published.isoformat())
        evs = []
        for n in range(rnd.randint(1, 3)):
            etype = rnd.choice(["CONSULT", "ACCUSE", "SANCTION", "COERCE"])
            a, b = rnd.choice([("USA", "CHN"), ("CHN", "USA"), ("USA", "RUS")])
            actors, recipients = [a], [b]
            if rnd.random() < 0.1:
                recipients = ["CHN", "RUS"]
            form = rnd.random()
            iso = day.isocalendar()
            date, prec = ((day.isoformat(), "day") if form < 0.45 else
                          (day.isoformat()[:7], "month") if form < 0.6 else
                          (f"{iso[0]}-W{iso[1]:02d}", "week") if form < 0.75 else
                          ("2023", "year") if form < 0.8 else
                          (published.isoformat(), "publication") if form < 0.9 else (None, None))
            place = ("Geneva", "CHE") if rnd.random() < 0.3 else None
            topic = rnd.choice(["border fishing rights dispute", "steel export quota row"])
            evs.append(event(art, n, etype, actors, recipients, date, prec, place=place,
                             status=rnd.choice(["occurred", "occurred", "planned"]),
                             text=f"{a} {etype.lower()} {b} over the {topic}."))
        world.append((art, evs))
    return world


def test_dense_worlds_hold_fallbacks_reaching_back():
    """(The worlds below exercise the background reach of publication-day fallbacks.)"""
    from dateline.stories.dedup import reaches_back

    world = dense_world(random.Random(21), 70, months=2)
    ms = [m(e, a) for a, evs in world for e in evs]
    assert any(reaches_back(x, y) and link(x, y) for x in ms for y in ms)


@pytest.mark.parametrize("seed", [21, 22, 23, 24])
def test_dense_worlds_in_any_order_and_batching_equal_the_whole_world_result(tmp_path, seed):
    """Bridging vague groups, merging anchor clusters, weeks across months: whatever the
    order and the batch boundaries, each event's cluster is that of clustering everything."""
    rnd = random.Random(seed)
    world = dense_world(rnd, 70, months=2)
    expected = cluster_all(m(e, a) for a, evs in world for e in evs)
    assert len(set(expected.values())) < len(expected) - 10
    rnd.shuffle(world)
    store = tmp_path / "store"
    i = 0
    while i < len(world):
        size = rnd.choice([1, 1, 2, 4, 9])
        commit_many(store, world[i:i + size])
        i += size
    assert clusters(store) == expected


def test_a_long_chain_of_months_of_one_dyad_keeps_a_batch_working_set_small(tmp_path):
    """Weeks and undated mentions chain each month of a dyad to the next; a batch about one
    day must still read only the few weeks around it, not the dyad's whole history."""
    from dateline.stories.incremental import ClusterIndex

    rnd = random.Random(3)
    world = dense_world(rnd, 480, months=24)
    store = tmp_path / "store"
    for i in range(0, len(world), 40):
        commit_many(store, world[i:i + 40])
    stored = sum(len(evs) for _, evs in world)
    last = article("zzz", "https://apnews.com/z", "2023-06-16")
    news = [event(last, 1, "CONSULT", ["USA"], ["CHN"], "2023-06-15", "day"),
            event(last, 2, "ACCUSE", ["USA"], ["RUS"], "2023-W24", "week")]
    index = ClusterIndex(store)
    batch = new_batch_id()
    extra = cluster_rows(store, batch, [(last, news)], index=index)
    commit_batch(store, batch, {"articles": [last.to_row()], "events": [event_row(e, batch) for e in news], **extra})
    after_commit(store, batch)
    # a month of this world holds ~stored/24 events over 4 families and 3 dyads
    assert index.stats["stored_read"] < stored / 24, (index.stats, stored)
    assert clusters(store) == cluster_all(m(e, a) for a, evs in world + [(last, news)] for e in evs)
