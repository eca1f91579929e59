"""POLECAT and GDELT-style exports: they load in pandas with their documented names and types."""
from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest

from dateline.export.gdelt import (GDELT_COLUMNS, GDELT_DTYPES, cameo_code, cameo_table,
                                   global_event_id, write_gdelt)
from dateline.export.polecat import POLECAT_COLUMNS, POLECAT_DTYPES, cow_codes, write_polecat
from dateline.model import ActorRef, Article, Event
from dateline.server.synthetic import write_synthetic_store
from dateline.store.read import Store
from dateline.store.schema import event_row
from dateline.store.write import commit_batch, new_batch_id


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "store"
    write_synthetic_store(path, 400)
    # one hand-made article with awkward values: tabs and quotes in names, a month-precise
    # date, an IGO actor, two recipients, a location, no URL
    body = "Lead paragraph.\n\nThe \"Blue\"\tgroup and the UN met Kenya and Uganda in May, it said."
    art = Article(id="feedfacecafe0001", source="hand/made.txt", body=body, title="Odd one",
                  published="2024-06-02", language="en", ingested_at="2024-06-02T10:11:12+00:00")
    s = body.index("The")
    ev = Event(id="odd-event-1", article_id=art.id, event="CONSULT", mode="visit", quad_code=1,
               intensity=2.8,
               actor=[ActorRef(code="IGO", sector=None, name="the \"Blue\"\tgroup", entity_text="Blue")],
               recipient=[ActorRef(code="KEN", sector="GOV", name="Kenya"),
                          ActorRef(code="UGA", sector="GOV", name="Uganda")],
               date="2024-05", date_precision="month", date_text="May", status="occurred",
               event_loc={"name": "Nairobi", "country": "KEN"}, event_text=body[s:], start=s,
               end=len(body), trigger="met", rule="test", confidence=0.9,
               mentions=[{"start": 0, "end": 15}])
    batch = new_batch_id()
    commit_batch(path, batch, {"articles": [art.to_row()], "events": [event_row(ev, batch)]})
    return Store.open(path)


def test_polecat_loads_with_its_40_columns(store):
    buf = io.StringIO()
    n = write_polecat(store, buf)
    df = pd.read_csv(io.StringIO(buf.getvalue()), sep="\t", dtype=POLECAT_DTYPES)
    assert len(POLECAT_COLUMNS) == 40 and list(df.columns) == POLECAT_COLUMNS
    assert len(df) == n == store.stats()["events"]
    assert str(df["Intensity"].dtype) == "float64" and str(df["Event ID"].dtype) == "string"
    assert set(df["Quad Code"]) <= {"VERBAL COOPERATION", "MATERIAL COOPERATION", "VERBAL CONFLICT",
                                    "MATERIAL CONFLICT"}
    odd = df[df["Event ID"] == "odd-event-1"].iloc[0]
    assert odd["Event Date"] == "2024-05" and odd["Event Mode"] == "visit"
    assert odd["Recipient Country"] == "KEN; UGA" and odd["Recipient COW"] == "501; 500"
    assert pd.isna(odd["Actor Country"]) and odd["Actor Name"] == 'the "Blue" group'
    assert odd["Placename"] == "Nairobi" and odd["Country"] == "KEN"
    assert odd["Source"] == "hand/made.txt" and odd["Publication Date"] == "2024-06-02"
    first = df[df["Event ID"] != "odd-event-1"].iloc[0]
    assert first["Source"] == "news.example.org" and first["Actor COW"] == cow_codes()[first["Actor Country"]]


def test_gdelt_loads_with_its_61_columns_and_types(store):
    buf = io.StringIO()
    n = write_gdelt(store, buf)
    text = buf.getvalue()
    assert not text.startswith("GLOBALEVENTID")        # GDELT files have no header row
    df = pd.read_csv(io.StringIO(text), sep="\t", header=None, names=GDELT_COLUMNS,
                     dtype=GDELT_DTYPES, quoting=csv.QUOTE_NONE)
    assert len(GDELT_COLUMNS) == 61 and len(df) == n == store.stats()["events"]
    assert str(df["SQLDATE"].dtype) == "Int64" and str(df["GoldsteinScale"].dtype) == "float64"
    assert str(df["EventCode"].dtype) == "string"
    assert df["GLOBALEVENTID"].is_unique and (df["GLOBALEVENTID"] > 0).all()
    assert df["EventRootCode"].str.len().eq(2).all()
    assert df["QuadClass"].between(1, 4).all()
    assert df["GoldsteinScale"].between(-10, 10).all()
    odd = df[df["GLOBALEVENTID"] == global_event_id("odd-event-1")].iloc[0]
    assert odd["SQLDATE"] == 20240501 and odd["MonthYear"] == 202405 and odd["Year"] == 2024
    assert odd["EventCode"] == "042" and odd["EventRootCode"] == "04" and odd["GoldsteinScale"] == 1.9
    assert odd["Actor1Code"] == "IGO" and odd["Actor1KnownGroupCode"] == "IGO"
    assert odd["Actor2Code"] == "KENGOV" and odd["Actor2CountryCode"] == "KEN"
    assert odd["IsRootEvent"] == 0 and odd["NumMentions"] == 2
    assert odd["DATEADDED"] == 20240602101112
    assert odd["SOURCEURL"] == "dateline:article/feedfacecafe0001"
    assert odd["ActionGeo_FullName"] == "Nairobi"


def test_gdelt_header_option_and_filters(store):
    buf = io.StringIO()
    n = write_gdelt(store, buf, header=True, actor="IGO")
    df = pd.read_csv(io.StringIO(buf.getvalue()), sep="\t", dtype=GDELT_DTYPES, quoting=csv.QUOTE_NONE)
    assert n == 1 and list(df.columns) == GDELT_COLUMNS


def test_every_plover_type_has_a_cameo_code():
    from dateline.server.api import plover_types

    types = [t["event"] for t in plover_types()] or ["ASSAULT"]
    for t in types:
        code, goldstein = cameo_code(t, None)
        assert code.isdigit() and 3 <= len(code) <= 4 and -10 <= goldstein <= 10
    assert cameo_code("ASSAULT", "no-such-mode") == cameo_table()[("ASSAULT", "")]
    assert cameo_code("NOT-A-TYPE", None) is None


def test_polecat_rows_are_single_line(store):
    buf = io.StringIO()
    n = write_polecat(store, buf)
    rows = list(csv.reader(io.StringIO(buf.getvalue()), delimiter="\t"))
    assert len(rows) == n + 1 and all(len(r) == 40 for r in rows)
    assert json.dumps(rows[1])   # plain strings


def test_cli_export_formats(store, tmp_path):
    """`dateline export events --format polecat|gdelt`."""
    from click.testing import CliRunner

    from dateline.cli.export import export

    fmt_choices = next(p for p in export.commands["events"].params if p.name == "fmt").type.choices
    assert {"polecat", "gdelt"} <= set(fmt_choices)
    for fmt in ("polecat", "gdelt"):
        out = tmp_path / f"events.{fmt}.tsv"
        result = CliRunner().invoke(export, ["events", "--format", fmt, "--store", str(store.path),
                                             "-o", str(out)])
        assert result.exit_code == 0, result.output
        lines = out.read_text(encoding="utf-8").splitlines()
        assert len(lines) == store.stats()["events"] + (fmt == "polecat")
        assert len(lines[-1].split("\t")) == (40 if fmt == "polecat" else 61)
