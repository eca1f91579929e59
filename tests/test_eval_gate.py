"""The evaluation gate: accuracy figures may not fall below the floors pinned in
tests/eval_floors.json, so an accuracy regression fails `make test` (and CI).

Each figure is one function registered with :func:`figure`; it reads a suite's figures from
src/dateline/evaluation (each suite is run once per test session: the seeds through the
ingest job and score.py, the dev articles likewise, PLV and the PLOVER examples end to end
through `dateline extract`'s path, the one-party policies as explicit Config variants).
Adding a figure is one entry in eval_floors.json plus one function here. Skipped, with the
reason, when ../shared is absent; everything else that goes wrong fails.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any, Callable

import pytest

FLOORS_FILE = Path(__file__).with_name("eval_floors.json")
FLOORS: dict[str, dict[str, Any]] = json.loads(FLOORS_FILE.read_text(encoding="utf-8"))["figures"]

#: figure name -> function(shared) -> value (higher is better)
FIGURES: dict[str, Callable[[Path], float]] = {}


def figure(name: str):
    """Register the function that computes figure ``name`` from ../shared."""
    def register(fn: Callable[[Path], float]) -> Callable[[Path], float]:
        FIGURES[name] = fn
        return fn
    return register


# --------------------------------------------------------------------------------------
# suites: each runs once per session (several figures read the same run)
# --------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=None)
def seeds(shared: Path) -> dict:
    from dateline.evaluation import acceptance

    return acceptance.evaluate(shared)


@functools.lru_cache(maxsize=None)
def dev(shared: Path) -> dict:
    from dateline.evaluation import dev_events

    return dev_events.evaluate(shared)


@functools.lru_cache(maxsize=None)
def plv(shared: Path, **variant) -> dict:
    """PLV_train end to end (1,050 sentences), under the current Config or a variant of it
    (``one_sided="all"``, ``min_confidence=0.0``...): an explicit Config, no global set."""
    from dateline import settings
    from dateline.evaluation import plover

    config = settings.current().replace(**variant) if variant else None
    return plover.score_end_to_end(plover.plv_rows(shared), keep_errors=False, config=config)


@functools.lru_cache(maxsize=None)
def plv_gold_help(shared: Path) -> dict:
    from dateline import nlp
    from dateline.evaluation import plover

    return plover.score_pairs(plover.plv_rows(shared), nlp.load())


@functools.lru_cache(maxsize=None)
def plover_examples(shared: Path) -> dict:
    from dateline.evaluation import plover

    return plover.score_end_to_end(plover.plover_rows(shared), keep_errors=False)


@functools.lru_cache(maxsize=None)
def real_news(shared: Path) -> dict:
    """The 30 real-news dev pages through the ingest job, scored by score.py and crossdoc.py."""
    from dateline.evaluation import real_news as suite

    return suite.evaluate(shared)


# --------------------------------------------------------------------------------------
# figures (one function per entry of eval_floors.json)
# --------------------------------------------------------------------------------------
@figure("seeds.strict_f1")
def _seeds_strict(shared):
    return seeds(shared)["strict"]["f1"]


@figure("seeds.no_date_f1")
def _seeds_no_date(shared):
    return seeds(shared)["no_date"]["f1"]


@figure("seeds.strict_no_duplicates")
def _seeds_no_duplicates(shared):
    """1 - duplicates / true positives: a happening told twice in one seed and coded twice
    is a duplicate (issue 15: 0 duplicates)."""
    s = seeds(shared)["strict"]
    return 1 - s["duplicates"] / max(s["tp"], 1)


@figure("seeds.article_checks")
def _seeds_checks(shared):
    s = seeds(shared)
    return s["article_checks_passed"] / s["article_checks"]


@figure("dev.strict_f1")
def _dev_strict(shared):
    return dev(shared)["strict"]["f1"]


@figure("dev.no_date_f1")
def _dev_no_date(shared):
    return dev(shared)["no_date"]["f1"]


@figure("dev.type_only_f1")
def _dev_type_only(shared):
    return dev(shared)["type_only"]["f1"]


@figure("plv.end_to_end.accuracy")
def _plv_accuracy(shared):
    return plv(shared)["accuracy"]


@figure("plv.end_to_end.macro_f1")
def _plv_macro_f1(shared):
    return plv(shared)["macro_f1"]


@figure("plv.end_to_end.event_found")
def _plv_event_found(shared):
    return round(1 - plv(shared)["no_event_share"], 3)


@figure("plv.one_sided_all.accuracy")
def _plv_one_sided_all(shared):
    return plv(shared, one_sided="all")["accuracy"]


@figure("plv.all_candidates.accuracy")
def _plv_all_candidates(shared):
    """The coder's accuracy before the confidence threshold drops its unsure events."""
    return plv(shared, min_confidence=0.0)["accuracy"]


@figure("plv.gold_help.accuracy")
def _plv_gold_help(shared):
    return plv_gold_help(shared)["accuracy"]


@figure("plover_examples.end_to_end.accuracy")
def _plover_examples(shared):
    return plover_examples(shared)["accuracy"]


@figure("real_news.strict_f1")
def _real_news_strict(shared):
    return real_news(shared)["all"]["strict"]["f1"]


@figure("real_news.strict_precision")
def _real_news_precision(shared):
    return real_news(shared)["all"]["strict"]["precision"]


@figure("real_news.no_date_f1")
def _real_news_no_date(shared):
    return real_news(shared)["all"]["no_date"]["f1"]


@figure("real_news.check_half.strict_f1")
def _real_news_check_half(shared):
    return real_news(shared)["check"]["strict"]["f1"]


@figure("real_news.article_checks")
def _real_news_articles(shared):
    f = real_news(shared)["all"]
    return f["article_checks_passed"] / f["article_checks"]


def _crossdoc_whole(figures: dict) -> float:
    return figures["kept_whole"] / figures["linked"]


def _crossdoc_explained(figures: dict) -> float:
    """Share of the clusters spanning two or more pages that a linked happening explains
    (1 - false merges / spanning clusters; 1.0 when none spans)."""
    return 1.0 - figures["false_merges"] / figures["spanning"] if figures["spanning"] else 1.0


for _part in ("crossdoc", "crossdoc_gold"):       # end to end; merging alone (gold events)
    figure(f"real_news.{_part}.kept_whole")(lambda shared, p=_part: _crossdoc_whole(real_news(shared)[p]))
    figure(f"real_news.{_part}.merge_recall")(lambda shared, p=_part: real_news(shared)[p]["merge_recall"])
    figure(f"real_news.{_part}.explained_share")(
        lambda shared, p=_part: _crossdoc_explained(real_news(shared)[p]))


# --------------------------------------------------------------------------------------
# the gate
# --------------------------------------------------------------------------------------
def test_every_floor_has_a_figure_and_every_figure_a_floor():
    assert sorted(FLOORS) == sorted(FIGURES), (
        f"floors without a figure function: {sorted(set(FLOORS) - set(FIGURES))}; "
        f"figure functions without a floor: {sorted(set(FIGURES) - set(FLOORS))}")
    for name, entry in FLOORS.items():
        assert isinstance(entry.get("floor"), (int, float)) and entry.get("command"), name


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_figure_is_not_below_its_floor(name, shared):
    entry = FLOORS[name]
    value = FIGURES[name](shared)
    assert value >= entry["floor"] - 1e-9, (
        f"{name} = {value:.3f}, below its floor {entry['floor']:.3f} (measured {entry.get('measured')}); "
        f"reproduce: {entry['command']}. If the drop is intended, lower the floor in "
        f"tests/eval_floors.json and say why in EVALUATION.md.")
