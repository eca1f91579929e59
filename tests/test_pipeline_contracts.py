"""Stage contracts: each registered stage declares what it requires, assigns and reads from
the Config; analyse() checks the order once, before parsing; docs/architecture.md's table
is the registry's."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from dateline import pipeline
from dateline.errors import DatelineError
from dateline.model import Article

ROOT = Path(__file__).resolve().parents[1]


def test_the_default_order_satisfies_every_contract():
    specs = pipeline.check_order(pipeline.DEFAULT_STAGES)
    assert [s.name for s in specs] == ["timex", "actors", "events", "merge", "geo"]
    fields = {f.name for f in dataclasses.fields(pipeline.Document)}
    for spec in pipeline._REGISTRY.values():
        assert set(spec.requires) <= fields and set(spec.assigns) <= fields, spec
    assert "notes" not in fields          # no untyped scratch dict: every key is a named field


@pytest.mark.parametrize("order, message", [
    (["events", "actors"], "stage 'events' requires timexes, actors, places, which no earlier stage assigns"),
    (["timex", "events", "actors"], "stage 'events' requires actors, places"),
    (["timex", "actors", "merge"], "stage 'merge' requires events"),
])
def test_a_stage_before_what_it_requires_is_one_clear_error(order, message):
    with pytest.raises(DatelineError) as e:
        pipeline.check_order(order)
    assert message in str(e.value) and "\n" not in str(e.value)
    assert "run " in str(e.value)            # says which stage provides it


def test_analyse_checks_the_order_before_parsing_anything():
    articles = iter([Article(id="x", source="t", body="Nothing is parsed.")])
    with pytest.raises(DatelineError, match="stage 'events' requires"):
        next(pipeline.analyse(articles, stages=["events"]))
    with pytest.raises(DatelineError, match="unknown stage 'nope'.*known: actors, events, geo, merge, timex"):
        next(pipeline.analyse(articles, stages=["timex", "nope"]))


def test_a_registered_stage_declares_its_contract(nlp):
    seen = []

    def shout(document):
        seen.append(len(document.events))

    spec = pipeline.register("test-shout", shout, requires=("events",), assigns=("warnings",),
                             config=("one_sided",))
    try:
        assert spec.default_config() == {"one_sided": "lead"}
        with pytest.raises(DatelineError, match="'test-shout' requires events"):
            pipeline.check_order(["timex", "test-shout"])
        pipeline.check_order(["timex", "actors", "events", "test-shout"])
        with pytest.raises(ValueError, match="no Config field colour"):
            pipeline.register("test-bad", shout, config=("colour",))
    finally:
        pipeline._REGISTRY.pop("test-shout", None)
        pipeline._REGISTRY.pop("test-bad", None)


def _docs_table() -> dict[str, tuple[str, str, str]]:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = text.split("### Stage contracts", 1)[1].split("\n\n", 2)[1]
    rows = {}
    for line in section.splitlines()[2:]:
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        rows[cells[0]] = tuple(cells[1:4])
    return rows


def test_the_contract_table_in_the_docs_is_the_registry():
    def words(cell):
        return sorted(w for w in re.split(r"[,\s`]+", cell) if w and w != "—")

    documented = _docs_table()
    assert sorted(documented) == sorted(pipeline._REGISTRY)
    for row in pipeline.contract_table():
        requires, assigns, config = documented[row["stage"]]
        assert words(requires) == sorted(row["requires"]), row["stage"]
        assert words(assigns) == sorted(row["assigns"]), row["stage"]
        assert words(config) == sorted(f"{k}={v!r}" for k, v in row["config"].items()), row["stage"]
