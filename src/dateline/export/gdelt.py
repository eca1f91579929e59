"""GDELT-2.0-style event table: one tab-separated row per event, GDELT's 61 event columns.

Column names and types are GDELT's (GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv);
like GDELT's own files the table has no header row unless asked for. PLOVER is converted
to CAMEO with export/data/plover_cameo.tsv (CAMEO2PLOVER-2021 inverted; Goldstein score of
the chosen CAMEO code). docs/python-api.md ("Exports") lists what is approximate:

* GLOBALEVENTID is a 63-bit hash of the dateline event id (stable across exports), not a
  GDELT sequence number; SOURCEURL gives the article URL (or ``dateline:article/<id>``).
* EventCode is the CAMEO code for the PLOVER type+mode: many CAMEO codes map to one PLOVER
  type, so the inverse picks the most general one; GoldsteinScale is that code's score, not
  dateline's own intensity (which is in the POLECAT export).
* SQLDATE is the event date; an event dated to a week (ISO, "last week") gets its Monday,
  one dated to a month or a year the first day of it, an undated one the publication date; FractionDate = year + ((month-1)*30+day)/365, as
  GDELT's rows have it.
* Actor codes are the country (ISO alpha-3, as CAMEO's) or group code plus the PLOVER
  sector (GOV, MIL, ...), for the first actor and recipient only; ethnic/religious codes,
  AvgTone and the actors' geocoding are empty (Actor*Geo_Type 0).
* ActionGeo_* is the event's place (the ``geo`` stage, dateline.places; GeoNames data,
  CC BY 4.0): Type 1 country, 2 US state, 3 US city, 4 world city, 5 world state;
  CountryCode FIPS 10-4; ADM1Code FIPS + the GeoNames admin-1 code (GDELT's for the US and
  most countries, not all); FeatureID the GeoNames id (GDELT uses GNS/GNIS ids); a
  country's point is its capital. An unresolved place keeps its words, Type 0.
  An unresolved actor (PLOVER's ``---``, named in the text but not placed) has empty
  Code, CountryCode and KnownGroupCode, its words (upper case) as Name, and its sector,
  when the words say one ("militants"), as Type1Code.
* NumMentions counts the sentences of the article that state the event; NumSources and
  NumArticles are 1 (one article per event record).
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from pathlib import Path
from typing import Any, Iterator

from dateline.export.polecat import _cell, _loc, country_codes, event_pages
from dateline.model import UNRESOLVED
from dateline.tables import read_table

DATA = Path(__file__).with_name("data")

#: (name, GDELT type) in GDELT 2.0 event-table order.
GDELT_SCHEMA = [
    ("GLOBALEVENTID", "INTEGER"), ("SQLDATE", "INTEGER"), ("MonthYear", "INTEGER"),
    ("Year", "INTEGER"), ("FractionDate", "FLOAT"),
    ("Actor1Code", "STRING"), ("Actor1Name", "STRING"), ("Actor1CountryCode", "STRING"),
    ("Actor1KnownGroupCode", "STRING"), ("Actor1EthnicCode", "STRING"),
    ("Actor1Religion1Code", "STRING"), ("Actor1Religion2Code", "STRING"),
    ("Actor1Type1Code", "STRING"), ("Actor1Type2Code", "STRING"), ("Actor1Type3Code", "STRING"),
    ("Actor2Code", "STRING"), ("Actor2Name", "STRING"), ("Actor2CountryCode", "STRING"),
    ("Actor2KnownGroupCode", "STRING"), ("Actor2EthnicCode", "STRING"),
    ("Actor2Religion1Code", "STRING"), ("Actor2Religion2Code", "STRING"),
    ("Actor2Type1Code", "STRING"), ("Actor2Type2Code", "STRING"), ("Actor2Type3Code", "STRING"),
    ("IsRootEvent", "INTEGER"), ("EventCode", "STRING"), ("EventBaseCode", "STRING"),
    ("EventRootCode", "STRING"), ("QuadClass", "INTEGER"), ("GoldsteinScale", "FLOAT"),
    ("NumMentions", "INTEGER"), ("NumSources", "INTEGER"), ("NumArticles", "INTEGER"),
    ("AvgTone", "FLOAT"),
    ("Actor1Geo_Type", "INTEGER"), ("Actor1Geo_FullName", "STRING"),
    ("Actor1Geo_CountryCode", "STRING"), ("Actor1Geo_ADM1Code", "STRING"),
    ("Actor1Geo_ADM2Code", "STRING"), ("Actor1Geo_Lat", "FLOAT"), ("Actor1Geo_Long", "FLOAT"),
    ("Actor1Geo_FeatureID", "STRING"),
    ("Actor2Geo_Type", "INTEGER"), ("Actor2Geo_FullName", "STRING"),
    ("Actor2Geo_CountryCode", "STRING"), ("Actor2Geo_ADM1Code", "STRING"),
    ("Actor2Geo_ADM2Code", "STRING"), ("Actor2Geo_Lat", "FLOAT"), ("Actor2Geo_Long", "FLOAT"),
    ("Actor2Geo_FeatureID", "STRING"),
    ("ActionGeo_Type", "INTEGER"), ("ActionGeo_FullName", "STRING"),
    ("ActionGeo_CountryCode", "STRING"), ("ActionGeo_ADM1Code", "STRING"),
    ("ActionGeo_ADM2Code", "STRING"), ("ActionGeo_Lat", "FLOAT"), ("ActionGeo_Long", "FLOAT"),
    ("ActionGeo_FeatureID", "STRING"),
    ("DATEADDED", "INTEGER"), ("SOURCEURL", "STRING"),
]
GDELT_COLUMNS = [name for name, _ in GDELT_SCHEMA]

#: pandas dtypes: ``pd.read_csv(path, sep="\t", header=None, names=GDELT_COLUMNS,
#: dtype=GDELT_DTYPES, quoting=csv.QUOTE_NONE)``. CAMEO codes stay strings (leading zeros, as GDELT advises).
GDELT_DTYPES = {name: {"INTEGER": "Int64", "FLOAT": "float64", "STRING": "string"}[kind]
                for name, kind in GDELT_SCHEMA}

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


@functools.lru_cache(maxsize=1)
def cameo_table() -> dict[tuple[str, str], tuple[str, float]]:
    """(PLOVER type, mode or "") -> (CAMEO code, Goldstein score), from plover_cameo.tsv."""
    out = {}
    for _, cols in read_table(DATA / "plover_cameo.tsv"):
        out[(cols[0], cols[1])] = (cols[2], float(cols[3]))
    return out


def cameo_code(event: str | None, mode: str | None) -> tuple[str, float] | None:
    """CAMEO code and Goldstein score for a PLOVER type (+ mode); None for unknown types."""
    table = cameo_table()
    return table.get((event or "", mode or "")) or table.get((event or "", ""))


def global_event_id(event_id: str) -> int:
    """A stable positive 63-bit integer for a dateline event id."""
    return int.from_bytes(hashlib.blake2b(event_id.encode("utf-8"), digest_size=8).digest(), "big") >> 1


def _date_parts(date: str | None, published: str | None) -> tuple[int, int, int] | None:
    """(year, month, day) of SQLDATE: the event date's first day (a week's Monday, a
    month's 1st), else the publication date's."""
    week = _WEEK.match(date or "")
    if week:
        try:
            monday = dt.date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
            return monday.year, monday.month, monday.day
        except ValueError:
            pass
    for value in (date, published):
        m = _DATE.match(value or "")
        if m:
            return int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    return None


def _actor(refs: list[dict[str, Any]] | None) -> dict[str, str]:
    ref = (refs or [None])[0]
    if not ref:
        return {"Code": "", "Name": "", "CountryCode": "", "KnownGroupCode": "", "Type1Code": ""}
    code = (ref.get("code") or "").upper()
    sector = (ref.get("sector") or "").upper()
    if code == UNRESOLVED:      # named in the text, not placed: no code, the words as its name
        return {"Code": "", "Name": (ref.get("entity_text") or ref.get("name") or "").upper(),
                "CountryCode": "", "KnownGroupCode": "", "Type1Code": sector}
    country = code if code in country_codes() else ""
    return {"Code": code + sector, "Name": (ref.get("name") or ref.get("entity_text") or "").upper(),
            "CountryCode": country, "KnownGroupCode": "" if country else code, "Type1Code": sector}


def action_geo(row: dict[str, Any]) -> dict[str, Any]:
    """The ActionGeo_* columns from the event's geo_* columns (dateline.places); none when
    the place was not resolved. Type as GDELT's: 1 country, 2 US state, 3 US city,
    4 world city, 5 world state."""
    if row.get("geo_geonameid") is None:
        return {}
    from dateline.places.gazetteer import fips_codes

    resolution, iso3 = row.get("geo_resolution"), row.get("geo_country") or ""
    us = iso3 == "USA"
    kind = {"country": 1, "admin1": 2 if us else 5, "city": 3 if us else 4}.get(resolution, 0)
    fips = fips_codes().get(iso3, "")
    admin1 = (row.get("geo_admin1") or "").partition(".")[2]
    return {
        "ActionGeo_Type": kind,
        "ActionGeo_FullName": row.get("geo_name") or "",
        "ActionGeo_CountryCode": fips,
        "ActionGeo_ADM1Code": fips + admin1 if resolution != "country" and admin1 else fips,
        "ActionGeo_Lat": row.get("geo_lat"), "ActionGeo_Long": row.get("geo_lon"),
        "ActionGeo_FeatureID": str(row["geo_geonameid"]),
    }


def gdelt_row(row: dict[str, Any]) -> dict[str, Any]:
    """One event row (with article fields, see polecat.EVENT_COLUMNS) as a GDELT row."""
    out: dict[str, Any] = {c: "" for c in GDELT_COLUMNS}
    out["GLOBALEVENTID"] = global_event_id(row["id"])
    parts = _date_parts(row.get("date"), row.get("article_published"))
    if parts:
        y, m, d = parts
        out.update({"SQLDATE": y * 10000 + m * 100 + d, "MonthYear": y * 100 + m, "Year": y,
                    "FractionDate": round(y + ((m - 1) * 30 + d) / 365, 4)})
    for n, refs in ((1, row.get("actor")), (2, row.get("recipient"))):
        for key, value in _actor(refs).items():
            out[f"Actor{n}{key}"] = value
        out[f"Actor{n}Geo_Type"] = 0
    start, lead_end = row.get("start"), row.get("article_lead_end")
    out["IsRootEvent"] = int(isinstance(start, int) and isinstance(lead_end, int) and start < lead_end)
    cameo = cameo_code(row.get("event"), row.get("mode"))
    if cameo:
        code, goldstein = cameo
        out.update({"EventCode": code, "EventBaseCode": code[:3], "EventRootCode": code[:2],
                    "GoldsteinScale": goldstein})
    out["QuadClass"] = row.get("quad_code") or ""
    mentions = row.get("mentions")
    n_mentions = 0
    if isinstance(mentions, str) and mentions.strip().startswith("["):
        import json

        try:
            n_mentions = len(json.loads(mentions))
        except ValueError:
            n_mentions = 0
    out.update({"NumMentions": 1 + n_mentions, "NumSources": 1, "NumArticles": 1})
    loc = _loc(row)
    out["ActionGeo_Type"] = 0
    out["ActionGeo_FullName"] = loc.get("name") or loc.get("placename") or loc.get("text") or ""
    out.update(action_geo(row))
    added = re.sub(r"\D", "", row.get("article_ingested_at") or "")[:14]
    out["DATEADDED"] = int(added.ljust(14, "0")) if added else ""
    out["SOURCEURL"] = row.get("article_url") or f"dateline:article/{row.get('article_id')}"
    return out


def gdelt_rows(store, **filters) -> Iterator[dict[str, Any]]:
    """GDELT rows of the store's current events (filters as in Store.events)."""
    for row in event_pages(store, **filters):
        yield gdelt_row(row)


def write_gdelt(store, out, header: bool = False, **filters) -> int:
    """Write the GDELT-style table to the text stream ``out``; returns rows written.

    As GDELT's own files: no header row (unless ``header``), tabs between cells, no quoting
    (cells never hold tabs or line breaks); read with ``quoting=csv.QUOTE_NONE``.
    """
    if header:
        out.write("\t".join(GDELT_COLUMNS) + "\n")
    n = 0
    for row in gdelt_rows(store, **filters):
        out.write("\t".join(_cell(row[c]) for c in GDELT_COLUMNS) + "\n")
        n += 1
    return n
