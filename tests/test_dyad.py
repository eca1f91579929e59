"""Dyad trends: per period and direction, event clusters per quad class, intensity, sources."""
from __future__ import annotations

import csv
import io

from click.testing import CliRunner

from dateline.cli import cli
from dateline.store.read import Store
from dateline.stories.dyad import dyad as build_dyad
from helpers import article, commit, event


def dyad_store(store):
    a = article("d1", "https://reuters.com/1", "2023-02-05")
    b = article("d2", "https://apnews.com/2", "2023-02-06")
    c = article("d3", "https://bbc.co.uk/3", "2023-03-02")
    commit(store, a, [event(a, 1, "ACCUSE", ["USA"], ["CHN"], "2023-02-04", "day"),
                      event(a, 2, "THREATEN", ["CHN"], ["USA"], "2023-02-05", "day"),
                      event(a, 3, "CONSULT", ["USA"], ["CHN"], "2022", "year")])
    commit(store, b, [event(b, 1, "ACCUSE", ["USA"], ["CHN"], "2023-02-04", "day"),     # same accusation
                      event(b, 2, "SANCTION", ["USA"], ["CHN"], "2023-02-06", "day")])
    commit(store, c, [event(c, 1, "CONSULT", ["CHN"], ["USA"], None, None),            # undated: by publication
                      event(c, 2, "AID", ["USA"], ["UKR"], "2023-03-01", "day")])       # not this dyad
    return Store.open(store)


def test_counts_per_period_direction_and_quad(tmp_path):
    s = dyad_store(tmp_path / "store")
    result = build_dyad(s, "USA", "CHN", by="month")
    rows = {(r["period"], r["direction"]): r for r in result["rows"]}
    feb_us = rows[("2023-02", "USA->CHN")]
    assert feb_us["events"] == 2                     # the accusation told twice counts once
    assert feb_us["verbal_conflict"] == 1 and feb_us["material_conflict"] == 1
    assert feb_us["intensity_sum"] == round(-2.0 - 5.8, 2)
    assert feb_us["intensity_mean"] == round((-2.0 - 5.8) / 2, 2)
    assert feb_us["sources"] == 2 and feb_us["mentions"] == 3
    feb_cn = rows[("2023-02", "CHN->USA")]
    assert feb_cn["events"] == 1 and feb_cn["verbal_conflict"] == 1
    march = rows[("2023-03", "CHN->USA")]
    assert march["undated"] == 1 and march["verbal_coop"] == 1
    assert not any(r["direction"].endswith("UKR") for r in result["rows"])
    assert result["notes"] and "coarsely" in result["notes"][0]     # the 2022 meeting
    by_year = build_dyad(s, "USA", "CHN", by="year")
    assert ("2022", "USA->CHN") in {(r["period"], r["direction"]) for r in by_year["rows"]}


def test_cli_table_csv_and_charts(tmp_path):
    store = tmp_path / "store"
    dyad_store(store)
    runner = CliRunner()
    out = runner.invoke(cli, ["dyad", "USA", "CHN", "--store", str(store)])
    assert out.exit_code == 0, out.output
    assert out.stdout.splitlines()[0].split()[:3] == ["period", "direction", "events"]
    rows = list(csv.DictReader(io.StringIO(
        runner.invoke(cli, ["dyad", "usa", "chn", "--format", "csv", "--store", str(store)]).stdout)))
    assert rows[0]["period"] == "2023-02" and rows[0]["direction"] == "USA->CHN"
    for name in ("chart.png", "chart.svg"):
        path = tmp_path / name
        res = runner.invoke(cli, ["dyad", "USA", "CHN", "--by", "week", "--plot", str(path),
                                  "--store", str(store)])
        assert res.exit_code == 0, res.output
        assert path.stat().st_size > 1000
    assert (tmp_path / "chart.png").read_bytes()[:4] == b"\x89PNG"
    assert b"<svg" in (tmp_path / "chart.svg").read_bytes()[:400]


def test_cli_errors_are_one_line(tmp_path):
    store = tmp_path / "store"
    dyad_store(store)
    runner = CliRunner()
    same = runner.invoke(cli, ["dyad", "USA", "USA", "--store", str(store)])
    assert same.exit_code != 0 and "two different actors" in same.output
    bad_plot = runner.invoke(cli, ["dyad", "USA", "CHN", "--plot", str(tmp_path / "x.pdf"),
                                   "--store", str(store)])
    assert bad_plot.exit_code != 0 and ".png or .svg" in bad_plot.output
