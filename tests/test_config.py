"""One validated Config: built from DATELINE_* variables and flags, one-line errors naming the
variable or flag, variants without a global, handed to workers as a dict, recorded in the store."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dateline import settings
from dateline.model import Article
from dateline.settings import Config, ConfigError


def test_defaults_then_variables_then_flags():
    c = Config.from_env({})
    assert c == Config() and c.one_sided == "lead" and c.stages == ("timex", "actors", "events", "merge", "geo")
    c = Config.from_env({"DATELINE_ONE_SIDED": "1", "DATELINE_STAGES": " timex , actors ",
                         "DATELINE_MAX_BODY_CHARS": "5000"})
    assert (c.one_sided, c.stages, c.max_body_chars) == ("all", ("timex", "actors"), 5000)
    assert c.sources["one_sided"] == "DATELINE_ONE_SIDED"
    c = Config.from_env({"DATELINE_ONE_SIDED": "all"}, one_sided="off", stages=None)
    assert c.one_sided == "off" and c.stages == Config().stages and c.sources["one_sided"] == "--one-sided"


@pytest.mark.parametrize("environ, flags, message", [
    ({"DATELINE_ONE_SIDED": "sometimes"}, {}, "DATELINE_ONE_SIDED: 'sometimes' is not one of lead, all, off"),
    ({"DATELINE_MAX_INPUT_BYTES": "5MB"}, {}, "DATELINE_MAX_INPUT_BYTES: '5MB' is not a whole number"),
    ({"DATELINE_LEAD_SENTENCES": "0"}, {}, "DATELINE_LEAD_SENTENCES: 0 must be a whole number >= 1"),
    ({"DATELINE_WARC_READER": "wget"}, {}, "DATELINE_WARC_READER: 'wget' is not one of fastwarc, warcio"),
    ({"DATELINE_ACTORS_DATA": "/no/such/folder"}, {}, "DATELINE_ACTORS_DATA: '/no/such/folder' is not a folder"),
    ({"DATELINE_MIN_CONFIDENCE": "high"}, {}, "DATELINE_MIN_CONFIDENCE: 'high' is not a number between 0 and 1"),
    ({"DATELINE_MIN_CONFIDENCE": "1.5"}, {}, "DATELINE_MIN_CONFIDENCE: 1.5 is not a number between 0 and 1"),
    ({}, {"one_sided": "maybe"}, "--one-sided: 'maybe' is not one of lead, all, off"),
    ({"DATELINE_ONE_SIDED": "all"}, {"max_body_chars": -1}, "--max-body-chars: -1 must be a whole number >= 1"),
])
def test_bad_values_are_one_line_errors_naming_the_variable_or_flag(environ, flags, message):
    with pytest.raises(ConfigError) as e:
        Config.from_env(environ, **flags)
    assert str(e.value) == message and "\n" not in str(e.value)


def test_nothing_is_read_at_import_and_variants_do_not_touch_the_current_config(monkeypatch):
    before = settings.current()
    variant = before.replace(one_sided="off")
    assert variant.one_sided == "off" and settings.current() is before
    with settings.using(variant):
        assert settings.current() is variant and settings.ONE_SIDED_EVENTS == "off"
    assert settings.current() is before
    with pytest.raises(AttributeError, match="read from the Config"):
        settings.ONE_SIDED_EVENTS = "all"           # a global no worker or variant would see
    monkeypatch.setenv("DATELINE_ONE_SIDED", "all")
    assert settings.current() is before                    # built once; the CLI rebuilds it per command
    assert Config.from_env().one_sided == "all"


def test_the_dict_form_round_trips_for_workers():
    c = Config.from_env({"DATELINE_STAGES": "timex", "DATELINE_ONE_SIDED": "off"})
    d = json.loads(json.dumps(c.to_dict()))
    assert Config.from_dict(d) == c
    with pytest.raises(ConfigError, match="one_sided|DATELINE_ONE_SIDED"):
        Config.from_dict({**d, "one_sided": "sideways"})


def test_cli_flags_and_variables_reach_the_config_and_errors_are_one_line(tmp_path, monkeypatch):
    from dateline.cli import cli

    before = settings.current()
    try:
        result = CliRunner().invoke(cli, ["--one-sided", "sideways", "stats", "--store", str(tmp_path)])
        assert result.exit_code == 2 and "--one-sided: 'sideways' is not one of lead, all, off" in result.output
        assert "Traceback" not in result.output
        monkeypatch.setenv("DATELINE_MAX_BODY_CHARS", "lots")
        result = CliRunner().invoke(cli, ["stats", "--store", str(tmp_path)])
        assert result.exit_code == 2 and "DATELINE_MAX_BODY_CHARS: 'lots' is not a whole number" in result.output
        monkeypatch.delenv("DATELINE_MAX_BODY_CHARS")
        CliRunner().invoke(cli, ["--one-sided", "off", "--stages", "timex", "stats", "--store", str(tmp_path)])
        assert settings.current().one_sided == "off" and settings.current().stages == ("timex",)
    finally:
        settings.use(before)


def test_analyse_runs_the_stages_under_the_config_it_is_given(nlp):
    """An explicit variant reaches the stages (no global is set): the one-party policy."""
    from dateline.pipeline import analyse

    text = ("Germany accused Russia of shelling the port of Odesa on Monday.\n\n"
            "The Velmora council agreed to lift the blockade on exports.")
    art = Article(id="cfg", source="t", body=text, published="2024-05-06")
    kept = settings.current().replace(min_confidence=0.0)      # the unplaced side is kept
    lead = next(analyse([art], config=kept))
    everywhere = next(analyse([art], config=kept.replace(one_sided="all")))
    assert [e.event for e in lead.events] == ["ACCUSE"]
    assert sorted(e.event for e in everywhere.events) == ["ACCUSE", "AGREE"]
    assert everywhere.config.one_sided == "all" and settings.current().one_sided == "lead"
    default = next(analyse([art], config=kept.replace(one_sided="all", min_confidence=0.4)))
    assert [e.event for e in default.events] == ["ACCUSE"]    # below the confidence threshold


def test_the_store_records_how_it_was_made(tmp_path):
    from dateline.cli import cli
    from dateline.job import ingest
    from dateline.store.meta import made_with

    (tmp_path / "a.txt").write_text("Japan and India signed a defence agreement in Tokyo on Tuesday.",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("China criticised the agreement on Wednesday.", encoding="utf-8")
    store = tmp_path / "store"
    ingest([str(tmp_path / "a.txt")], store, published="2024-03-06")
    ingest([str(tmp_path / "b.txt")], store, published="2024-03-07")     # same settings: no new record
    records = made_with(store)
    assert len(records) == 1
    rec = records[0]
    assert rec["config"]["one_sided"] == settings.current().one_sided
    assert [s["stage"] for s in rec["stages"]] == list(settings.current().stages)
    assert rec["model"]["name"] == settings.current().spacy_model and rec["model"]["version"]
    result = CliRunner().invoke(cli, ["stats", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert f"spaCy {rec['model']['package']} {rec['model']['version']}" in result.output
    assert "stages:          timex, actors, events, merge, geo" in result.output
    assert "one_sided=lead" in result.output
    as_json = json.loads(CliRunner().invoke(cli, ["stats", "--json", "--store", str(store)]).output)
    assert as_json["made_with"][0]["config"]["stages"] == ["timex", "actors", "events", "merge", "geo"]
    with settings.using(settings.current().replace(one_sided="off")):
        ingest([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], tmp_path / "store2", published="2024-03-06")
    assert made_with(tmp_path / "store2")[-1]["config"]["one_sided"] == "off"
