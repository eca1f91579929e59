"""The marked-pair evaluation (dateline.evaluation.plover) on our own sentences, and a smoke
run on the PLOVER examples when ../shared is there."""
from __future__ import annotations

from dateline.evaluation import plover


def test_unmark_gives_spans_of_actor_and_recipient():
    text, spans = plover.unmark("<s>Iran</s> condemned <t>the US strike</t>.")
    assert text.startswith("Iran condemned the")
    assert text[spans["s"][0]:spans["s"][1]] == "Iran"
    nested, spans = plover.unmark("<s><t>Iraqi</t> fighters</s> laid down arms.")
    assert nested[spans["s"][0]:spans["s"][1]] == "Iraqi fighters"
    assert nested[spans["t"][0]:spans["t"][1]] == "Iraqi"


def test_choose_picks_the_event_linking_the_marked_pair(nlp):
    rows = []
    for marked, gold in [
        ("<s>Japan</s> said it would meet China next week, then <s>Japan</s> condemned <t>North Korea</t>.", "ACCUSE"),
        ("<s>The rebels</s> will not release <t>the hostages</t> until the ransom is paid.", "REJECT"),
        ("<s>Germany</s> lifted the ban on <t>British beef</t>.", "YIELD"),
        ("<s>The United States</s> imposed sanctions on <t>Iran</t>.", "COERCE"),
    ]:
        text, spans = plover.unmark(marked)
        rows.append({"text": text, "s_span": spans.get("s"), "t_span": spans.get("t"), "gold": gold})
    fig = plover.score_pairs(rows, nlp)
    assert fig["accuracy"] == 1.0, fig["errors"]
    assert "type accuracy" in plover.report({"plv": fig})


def test_plover_examples_smoke(nlp, shared):
    rows = plover.plover_rows(shared)[:40]
    assert rows and all(r["gold"] in plover.patterns.plover_types() for r in rows)
    fig = plover.score_pairs(rows, nlp)
    # 0.650 on these 40 when written (the whole set is pinned in test_eval_gate.py)
    assert fig["n"] == 40 and fig["accuracy"] >= 0.60, fig["top_confusions"]
    wrong = round((1 - fig["accuracy"]) * fig["n"])
    counts = [c["count"] for c in fig["top_confusions"]]
    assert counts == sorted(counts, reverse=True) and sum(counts) <= wrong
