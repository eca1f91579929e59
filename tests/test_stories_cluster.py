"""Story clustering: grouping, time awareness, order independence, state, CLI contract.

The articles below are written for these tests (no corpus text).
"""
from __future__ import annotations

import json
import random

import pytest
from click.testing import CliRunner

from dateline.stories.cluster import StoryClusterer, canonical_key, cluster_records

ARTICLES = [
    # Story: a port strike in Rotterdam (three reports over four days)
    {"id": "port-1", "published": "2025-03-03",
     "title": "Dock workers strike at Rotterdam port",
     "text": "Thousands of dock workers walked off the job at the port of Rotterdam on Monday, "
             "halting container traffic at Europe's largest harbour. The FNV union said the "
             "strike over automation and job cuts would last 48 hours. Shipping lines "
             "diverted vessels to Antwerp and Hamburg."},
    {"id": "port-2", "published": "2025-03-04",
     "title": "Rotterdam port strike strands hundreds of containers",
     "text": "Hundreds of containers piled up at the port of Rotterdam as the dock workers' "
             "strike entered its second day. FNV union leaders said talks with terminal "
             "operators over automation had broken down. Ships queued outside the harbour "
             "while some were diverted to Antwerp."},
    {"id": "port-3", "published": "2025-03-06",
     "title": "Rotterdam dock strike ends with automation deal",
     "text": "The strike by dock workers at the port of Rotterdam ended on Thursday after the "
             "FNV union and terminal operators agreed to limit job cuts from automation. "
             "Container traffic at the harbour is expected to return to normal by the weekend."},
    # Story: an earthquake in Peru, the same days
    {"id": "quake-1", "published": "2025-03-04",
     "title": "Magnitude 6.8 earthquake strikes southern Peru",
     "text": "A magnitude 6.8 earthquake struck southern Peru near Arequipa on Tuesday, "
             "collapsing adobe homes and killing at least 12 people, civil defence officials "
             "said. Rescue teams searched the rubble in the Colca valley."},
    {"id": "quake-2", "published": "2025-03-05",
     "title": "Peru earthquake death toll rises to 19",
     "text": "The death toll from the earthquake in southern Peru rose to 19 as rescue teams "
             "reached villages in the Colca valley cut off by landslides. The 6.8 magnitude "
             "quake destroyed hundreds of adobe homes around Arequipa."},
    # Story: a central bank decision on the same day as the strike
    {"id": "rates-1", "published": "2025-03-04",
     "title": "Brazil central bank raises interest rate to 14.25%",
     "text": "Brazil's central bank raised its benchmark Selic interest rate by one percentage "
             "point to 14.25% on Tuesday, citing stubborn inflation and a weaker real. The "
             "Copom committee signalled another increase at its next meeting."},
    {"id": "rates-2", "published": "2025-03-05",
     "title": "Brazilian markets react to Selic hike",
     "text": "Brazilian bonds rallied after the central bank lifted the Selic rate to 14.25%, "
             "its highest level in nearly a decade. Economists expect the Copom to raise the "
             "interest rate again to tame inflation."},
]


def partition(mapping: dict[str, str]) -> set[frozenset]:
    groups: dict[str, set] = {}
    for article_id, story in mapping.items():
        groups.setdefault(story, set()).add(article_id)
    return {frozenset(g) for g in groups.values()}


EXPECTED = {frozenset({"port-1", "port-2", "port-3"}), frozenset({"quake-1", "quake-2"}),
            frozenset({"rates-1", "rates-2"})}


def test_same_story_articles_group_and_same_day_stories_stay_apart():
    clusterer = StoryClusterer()
    placed = clusterer.add_batch(ARTICLES)
    assert partition(placed) == EXPECTED


def test_shuffled_input_gives_the_same_partition_and_ids():
    reference = StoryClusterer().add_batch(ARTICLES)
    for seed in range(5):
        shuffled = ARTICLES[:]
        random.Random(seed).shuffle(shuffled)
        assert StoryClusterer().add_batch(shuffled) == reference


def test_one_at_a_time_in_arrival_order_equals_one_batch():
    batch = StoryClusterer().add_batch(ARTICLES)
    incremental = StoryClusterer()
    for article in sorted(ARTICLES, key=lambda a: canonical_key(a["id"], a["published"])):
        incremental.add(article["id"], article["text"], title=article["title"],
                        published=article["published"])
    assert incremental.partition() == batch


def test_same_kind_of_event_months_later_is_a_new_story():
    later = {"id": "port-2026", "published": "2026-01-20",
             "title": "Dock workers strike at Rotterdam port again",
             "text": "Dock workers at the port of Rotterdam walked off the job again on Tuesday "
                     "in a new strike over automation, the FNV union said. Container traffic "
                     "at the harbour halted and ships were diverted to Antwerp."}
    clusterer = StoryClusterer()
    placed = clusterer.add_batch(ARTICLES + [later])
    assert placed["port-2026"] != placed["port-1"]
    # undated, the same text would join the strike story: the date is what keeps it apart
    undated = StoryClusterer().add_batch(ARTICLES + [{**later, "published": None}])
    assert undated["port-2026"] == undated["port-1"]


def test_state_round_trips_through_json_and_goes_on():
    clusterer = StoryClusterer()
    clusterer.add_batch(ARTICLES[:4])
    reloaded = StoryClusterer.from_state(json.loads(json.dumps(clusterer.state)))
    assert reloaded.partition() == clusterer.partition()
    rest = ARTICLES[4:]
    assert reloaded.add_batch(rest) == clusterer.add_batch(rest)
    assert reloaded.state == clusterer.state


def test_label_names_the_story_and_its_dates():
    clusterer = StoryClusterer()
    placed = clusterer.add_batch(ARTICLES)
    label = clusterer.label(placed["quake-1"])
    assert "Peru" in label["entities"] or "Arequipa" in label["entities"]
    assert label["first"] == "2025-03-04" and label["last"] == "2025-03-05"
    assert label["articles"] == 2
    assert "Peru" in label["text"] or "Arequipa" in label["text"]


def test_events_and_entities_from_callers_are_used_in_labels():
    clusterer = StoryClusterer()
    story = clusterer.add("a", ARTICLES[0]["text"], title=ARTICLES[0]["title"],
                          published="2025-03-03", entities=["FNV", "Rotterdam"],
                          events=[{"event": "PROTEST"}, "PROTEST", "CONSULT"])
    label = clusterer.label(story)
    assert label["events"] == ["PROTEST", "CONSULT"]
    assert set(label["entities"]) <= {"FNV", "Rotterdam"}


def test_readding_an_article_keeps_its_story():
    clusterer = StoryClusterer()
    first = clusterer.add("port-1", ARTICLES[0]["text"], published="2025-03-03")
    again = clusterer.add("port-1", ARTICLES[0]["text"], published="2025-03-03")
    assert first == again and clusterer.n_docs == 1


def test_cluster_records_gives_topics_that_contain_stories():
    rows = cluster_records(ARTICLES)
    assert [r["id"] for r in rows] == [a["id"] for a in ARTICLES]
    topic_of_story = {}
    for row in rows:
        assert topic_of_story.setdefault(row["story"], row["topic"]) == row["topic"]


def _jsonl(records) -> str:
    return "".join(json.dumps({k: v for k, v in r.items() if k in ("id", "text", "published", "title")}) + "\n"
                   for r in records)


def test_cli_reads_jsonl_and_prints_one_story_per_article(tmp_path):
    from dateline.cli.cluster import cluster

    path = tmp_path / "articles.jsonl"
    path.write_text(_jsonl(ARTICLES), encoding="utf-8")
    result = CliRunner().invoke(cluster, [str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["id"] for r in rows] == [a["id"] for a in ARTICLES]
    assert partition({r["id"]: r["story"] for r in rows}) == EXPECTED
    # stdin, shuffled: same stories
    shuffled = ARTICLES[::-1]
    again = CliRunner().invoke(cluster, ["-", "--format", "jsonl"], input=_jsonl(shuffled))
    assert again.exit_code == 0
    assert {json.loads(line)["id"]: json.loads(line)["story"] for line in again.output.splitlines()} \
        == {r["id"]: r["story"] for r in rows}


def test_cli_bad_input_is_one_clear_line(tmp_path):
    from dateline.cli.cluster import cluster

    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "text": "fine"}\nnot json\n', encoding="utf-8")
    result = CliRunner().invoke(cluster, [str(path)])
    assert result.exit_code == 2
    assert "bad.jsonl:2" in result.output and "Traceback" not in result.output


@pytest.mark.slow
def test_cli_spacy_entities_give_the_same_stories(nlp, tmp_path):
    rows = cluster_records([dict(a) for a in ARTICLES], entities="spacy")
    assert partition({r["id"]: r["story"] for r in rows}) == EXPECTED


def test_ecbplus_detokenise_and_bcubed():
    from dateline.evaluation.ecbplus import bcubed, detokenize

    assert detokenize(["``", "We", "won", ",", "''", "she", "said", "at", "4", ":", "59",
                       "(", "local", ")", "."]) == '"We won," she said at 4:59 (local).'
    perfect = bcubed({"a": "x", "b": "x", "c": "y"}, {"a": 1, "b": 1, "c": 2})
    assert perfect["f1"] == 1.0
    lumped = bcubed({"a": "x", "b": "x", "c": "x", "d": "x"}, {"a": 1, "b": 1, "c": 2, "d": 2})
    assert lumped["recall"] == 1.0 and lumped["precision"] == 0.5


def test_ecbplus_two_topics_cluster_apart_and_their_events_split(shared):
    from dateline.evaluation.ecbplus import load, score

    records = [r for r in load(shared) if r["topic"] in ("1", "4")]
    figures = score(records)
    assert figures["topic"]["precision"] == 1.0       # rehab and obituaries never mix
    assert figures["subtopic"]["f1"] >= 0.8


# ---------------------------------------------------------------------------- topics
STRIKES_ELSEWHERE = [
    # Another strike at another port, six weeks later: a new story of the same kind
    {"id": "hamburg-1", "published": "2025-04-14",
     "title": "Hamburg dock workers strike over pay",
     "text": "Dock workers at the port of Hamburg walked off the job on Monday in a strike over "
             "pay, halting container traffic at the harbour. The ver.di union said terminal "
             "operators had offered too little to cover inflation."},
    {"id": "hamburg-2", "published": "2025-04-15",
     "title": "Hamburg port strike strands container ships",
     "text": "Container ships queued outside the port of Hamburg as the dock workers' strike "
             "over wages entered its second day. Ver.di leaders said the walkout would go on "
             "until the terminal operators improved their offer."},
]


def topics_of(clusterer) -> set[frozenset]:
    return partition({a: clusterer.topic_of_story(s) for a, s in clusterer.partition().items()})


def test_stories_of_one_kind_share_a_topic_and_other_kinds_stay_apart():
    clusterer = StoryClusterer()
    placed = clusterer.add_batch(ARTICLES + STRIKES_ELSEWHERE)
    assert placed["hamburg-1"] != placed["port-1"]              # two strikes, two stories
    topic = clusterer.topic_of_story
    assert topic(placed["hamburg-1"]) == topic(placed["port-1"])  # ... of one kind
    assert topic(placed["quake-1"]) != topic(placed["port-1"])
    assert topic(placed["rates-1"]) not in (topic(placed["port-1"]), topic(placed["quake-1"]))


def test_topics_are_regrouped_when_later_stories_arrive():
    clusterer = StoryClusterer()
    clusterer.add_batch(ARTICLES)
    port_topic = clusterer.topic_of_story(clusterer.story_of("port-1"))
    clusterer.add_batch(STRIKES_ELSEWHERE)
    hamburg = clusterer.story_of("hamburg-1")
    # the older topic keeps its id (named after its earliest story) and takes the new story
    assert clusterer.topic_of_story(hamburg) == port_topic
    assert clusterer.topic_of_story(clusterer.story_of("port-1")) == port_topic
    assert topics_of(clusterer) == topics_of(_one_batch(ARTICLES + STRIKES_ELSEWHERE))


def _one_batch(articles):
    clusterer = StoryClusterer()
    clusterer.add_batch(articles)
    return clusterer


def test_topics_do_not_depend_on_the_order_of_a_batch():
    reference = cluster_records([dict(a) for a in ARTICLES + STRIKES_ELSEWHERE])
    reference = {r["id"]: (r["story"], r["topic"]) for r in reference}
    for seed in range(3):
        shuffled = [dict(a) for a in ARTICLES + STRIKES_ELSEWHERE]
        random.Random(seed).shuffle(shuffled)
        rows = cluster_records(shuffled)
        assert {r["id"]: (r["story"], r["topic"]) for r in rows} == reference


def test_a_batch_relinks_only_its_stories_and_regroups_only_their_components():
    from dateline.stories.cluster import average_link

    clusterer = StoryClusterer()
    clusterer.add_batch(ARTICLES + STRIKES_ELSEWHERE)
    stories_before = len(clusterer.stories.groups)
    clusterer.add("quake-3", "Aftershocks rattled southern Peru near Arequipa as rescue teams "
                  "searched the rubble of adobe homes in the Colca valley after the 6.8 "
                  "magnitude earthquake.", title="Aftershocks hit quake-stricken Peru",
                  published="2025-03-06")
    assert clusterer.story_of("quake-3") == clusterer.story_of("quake-1")
    assert clusterer.last_regroup["relinked"] == 1
    assert clusterer.last_regroup["regrouped"] < stories_before
    # the local regroup equals regrouping every story from the links
    everything = sorted(clusterer.stories.groups)
    sizes = {s: len(clusterer.stories.groups[s].articles) for s in everything}
    fresh = average_link(everything, clusterer.links, sizes, clusterer.topic_level.threshold)
    assert {frozenset(c) for c in fresh} == {frozenset(t.children) for t in clusterer.topics.values()}


def test_average_link_does_not_chain_where_single_link_would():
    from dateline.stories.cluster import average_link

    links = {"a": {"b": 0.9}, "b": {"a": 0.9, "c": 0.6}, "c": {"b": 0.6}}
    sizes = {"a": 1, "b": 1, "c": 1}
    # {a, b} first; then c's average link to it is (0 + 0.6) / 2 = 0.3
    assert sorted(average_link(["a", "b", "c"], links, sizes, 0.5)) == [["a", "b"], ["c"]]
    assert average_link(["a", "b", "c"], links, sizes, 0.25) == [["a", "b", "c"]]
    # a big story weighs more: c links only to b, but b is the heavier half
    assert average_link(["a", "b", "c"], links, {"a": 1, "b": 9, "c": 1}, 0.5) == [["a", "b", "c"]]


def test_state_round_trip_keeps_topics_and_links():
    clusterer = StoryClusterer()
    clusterer.add_batch(ARTICLES)
    reloaded = StoryClusterer.from_state(json.loads(json.dumps(clusterer.state)))
    assert topics_of(reloaded) == topics_of(clusterer)
    reloaded.add_batch(STRIKES_ELSEWHERE)
    clusterer.add_batch(STRIKES_ELSEWHERE)
    assert reloaded.state == clusterer.state
    assert reloaded.label(clusterer.topic_of_story(clusterer.story_of("port-1")))["articles"] == 5
