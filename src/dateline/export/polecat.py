"""POLECAT-compatible export: one tab-separated row per event, POLECAT's 40 columns in order.

POLECAT (the successor of ICEWS, coded in PLOVER) publishes weekly tab-separated files on
Harvard Dataverse with a header row of 40 columns; :data:`POLECAT_COLUMNS` is that header
(as in the POLECAT weekly files, 2018-: "Event ID" ... "Version"). dateline fills what it
codes and leaves the rest empty; docs/python-api.md ("Exports") says, column by column,
what is exact, what is approximate and what is always empty:

* exact: Event ID, Event Type, Event Mode, Intensity, Quad Code (POLECAT's upper-case names),
  actor/recipient names, ISO alpha-3 countries, sectors, raw names, Publication Date, Language;
* approximate: Event Date (dateline keeps week-, month- or year-precise dates as coded,
  YYYY-Www (ISO 8601 week) / YYYY-MM / YYYY; POLECAT always has a day), Actor/Recipient COW (from ISO via export/data/iso3_cow.tsv),
  Source (the article's web site, else its input path);
* geocoding (the ``geo`` stage, dateline.places; GeoNames data, CC BY 4.0): Placename,
  City (for a city), Province (GeoNames admin-1 code, "US.TX"), Country (ISO alpha-3),
  Latitude, Longitude, GeoNames ID, Feature Type (GeoNames feature class: P a populated
  place, A a country or US state; a country's point is its capital, a state's its largest
  city); an unresolved place keeps the words of the text in Placename, no coordinates;
* empty: Contexts, titles, Wikipedia ids, District, story people/organisations/locations;
* an unresolved actor (PLOVER's ``---``: named in the text, not placed) has empty Country
  and COW cells and its words in Name and Name Raw (``--resolved-only`` leaves such
  events out).

Several actors in one event are joined with "; " as POLECAT does.
"""
from __future__ import annotations

import csv
import functools
import json
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

from dateline import __version__
from dateline.model import UNRESOLVED
from dateline.tables import read_table

DATA = Path(__file__).with_name("data")

POLECAT_COLUMNS = [
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors",
    "Actor Title", "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector",
    "Recipient Sectors", "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude",
    "GeoNames ID", "Raw Placename", "Feature Type", "Source", "Publication Date",
    "Story People", "Story Organizations", "Story Locations", "Language", "Version",
]

#: pandas dtypes to read the file back: ``pd.read_csv(path, sep="\t", dtype=POLECAT_DTYPES)``.
#: Everything is text except Intensity, Latitude and Longitude; COW numbers stay text because
#: a multi-actor cell holds several ("2; 710").
POLECAT_DTYPES = {c: "string" for c in POLECAT_COLUMNS}
POLECAT_DTYPES.update({"Intensity": "float64", "Latitude": "float64", "Longitude": "float64"})

QUAD_NAMES = {1: "VERBAL COOPERATION", 2: "MATERIAL COOPERATION", 3: "VERBAL CONFLICT",
              4: "MATERIAL CONFLICT"}

#: Columns each export page reads: the event and what it needs of its article.
EVENT_COLUMNS = ("e.*, a.url AS article_url, a.source AS article_source, "
                 "a.published AS article_published, a.language AS article_language, "
                 "a.ingested_at AS article_ingested_at, a.metadata AS article_metadata, "
                 "coalesce(nullif(strpos(a.body, chr(10) || chr(10)), 0) - 1, length(a.body)) "
                 "AS article_lead_end")


@functools.lru_cache(maxsize=1)
def cow_codes() -> dict[str, str]:
    """ISO alpha-3 -> COW state number (export/data/iso3_cow.tsv)."""
    out = {}
    for _, cells in read_table(DATA / "iso3_cow.tsv"):
        iso, cow = cells[:2]
        out[iso] = cow
    return out


@functools.lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """Codes that are countries (the actors stage's country list, else the COW table's)."""
    path = Path(__file__).resolve().parents[1] / "actors" / "data" / "countries.tsv"
    codes = set(cow_codes())
    if path.is_file():
        codes.update(cells[0] for _, cells in read_table(path))
    return frozenset(codes)


def event_pages(store, batch: int = 2000, **filters) -> Iterator[dict[str, Any]]:
    """Current events (Store.events filters and order) with their article fields, in pages."""
    offset = 0
    while True:
        rows = store.events(limit=batch, offset=offset, columns=EVENT_COLUMNS, **filters).to_pylist()
        if not rows:
            return
        yield from rows
        offset += batch


def _join(values) -> str:
    seen: list[str] = []
    for v in values:
        if v not in (None, "") and str(v) not in seen:
            seen.append(str(v))
    return "; ".join(seen)


def _site(url: str | None, metadata: str | None, source: str | None) -> str:
    try:
        meta = json.loads(metadata) if metadata else {}
    except json.JSONDecodeError:
        meta = {}
    if isinstance(meta, dict) and meta.get("site"):
        return str(meta["site"])
    if url:
        host = urlsplit(url).hostname or ""
        return host[4:] if host.startswith("www.") else host
    return source or ""


def _loc(row: dict[str, Any]) -> dict[str, Any]:
    raw = row.get("event_loc")
    if not raw:
        return {}
    try:
        loc = json.loads(raw) if isinstance(raw, str) else raw
    except json.JSONDecodeError:
        return {}
    return loc if isinstance(loc, dict) else {}


def _actors(refs: list[dict[str, Any]] | None) -> dict[str, str]:
    """The actor (or recipient) columns of one side. An unresolved actor (code ``---``:
    named in the text, not in the actor data) has no country or COW code; its words are
    its Name and Name Raw."""
    refs = refs or []
    countries = country_codes()
    cow = cow_codes()
    codes = [r.get("code") for r in refs if r.get("code") != UNRESOLVED]
    return {
        "Name": _join(r.get("name") or r.get("entity_text") for r in refs),
        "Country": _join(c for c in codes if c in countries),
        "COW": _join(cow.get(c) for c in codes),
        "Primary Sector": next((r["sector"] for r in refs if r.get("sector")), ""),
        "Sectors": _join(r.get("sector") for r in refs),
        "Name Raw": _join(r.get("entity_text") for r in refs),
    }


def geo_cells(row: dict[str, Any]) -> dict[str, Any]:
    """The geocoding columns from the event's geo_* columns (dateline.places); none when
    the place was not resolved (the Placename/Country of event_loc stay)."""
    if row.get("geo_geonameid") is None:
        return {}
    resolution = row.get("geo_resolution")
    return {
        "Placename": row.get("geo_name") or "",
        "City": row.get("geo_name") if resolution == "city" else "",
        "Province": row.get("geo_admin1") or "",
        "Country": row.get("geo_country") or "",
        "Latitude": row.get("geo_lat"), "Longitude": row.get("geo_lon"),
        "GeoNames ID": str(row["geo_geonameid"]),
        "Feature Type": row.get("geo_feature_class") or "",
    }


def polecat_row(row: dict[str, Any]) -> dict[str, Any]:
    """One event row (with article fields, see :data:`EVENT_COLUMNS`) as a POLECAT row."""
    actor, recipient = _actors(row.get("actor")), _actors(row.get("recipient"))
    loc = _loc(row)
    out = {c: "" for c in POLECAT_COLUMNS}
    out.update({
        "Event ID": row["id"],
        "Event Date": row.get("date") or "",
        "Event Type": row.get("event") or "",
        "Event Mode": row.get("mode") or "",
        "Intensity": row.get("intensity"),
        "Quad Code": QUAD_NAMES.get(row.get("quad_code"), ""),
        "Actor Name": actor["Name"], "Actor Country": actor["Country"], "Actor COW": actor["COW"],
        "Primary Actor Sector": actor["Primary Sector"], "Actor Sectors": actor["Sectors"],
        "Actor Name Raw": actor["Name Raw"],
        "Recipient Name": recipient["Name"], "Recipient Country": recipient["Country"],
        "Recipient COW": recipient["COW"], "Primary Recipient Sector": recipient["Primary Sector"],
        "Recipient Sectors": recipient["Sectors"], "Recipient Name Raw": recipient["Name Raw"],
        "Placename": loc.get("name") or loc.get("placename") or loc.get("text") or "",
        "Country": loc.get("country") or loc.get("code") or "",
        **geo_cells(row),
        "Raw Placename": loc.get("text") or loc.get("entity_text") or loc.get("name") or "",
        "Source": _site(row.get("article_url"), row.get("article_metadata"), row.get("article_source")),
        "Publication Date": (row.get("article_published") or "")[:10],
        "Language": row.get("article_language") or "",
        "Version": f"dateline {__version__}",
    })
    if out["Intensity"] is None:
        out["Intensity"] = ""
    return out


def polecat_rows(store, **filters) -> Iterator[dict[str, Any]]:
    """POLECAT rows of the store's current events (filters as in Store.events)."""
    for row in event_pages(store, **filters):
        yield polecat_row(row)


def _cell(value: Any) -> str:
    """Tabs and line breaks would break the row: POLECAT cells are single-line text."""
    return " ".join(str(value).split()) if isinstance(value, str) else ("" if value is None else str(value))


def write_polecat(store, out, **filters) -> int:
    """Write the POLECAT file (header + rows) to the text stream ``out``; returns rows written."""
    writer = csv.writer(out, delimiter="\t", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerow(POLECAT_COLUMNS)
    n = 0
    for row in polecat_rows(store, **filters):
        writer.writerow([_cell(row[c]) for c in POLECAT_COLUMNS])
        n += 1
    return n
