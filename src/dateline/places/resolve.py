"""Place name -> GeoNames place: the resolution rules.

In order (the first that applies wins; ``why`` says which):

1. ``data/not_places.tsv``: words that name no place on a map (regions spanning countries,
   "the region", "abroad") -> no geo, with the reason.
2. ``data/aliases.tsv``: a short form or a news name -> the name or GeoNames id it means
   ("U.S." -> United States, "Washington" -> Washington, D.C.).
3. A country (GeoNames' name or a name of actors/data/countries.tsv) -> the country,
   resolution ``country`` (its point is the capital).
4. A city of the gazetteer (its name or an alternate name). Candidates are ranked by: in the
   event's country (the events stage's country of the place), in the article's countries
   (most named first), the place's own name rather than an alternate one, population.
   When the event has a country and no candidate lies in it, the event's country wins at
   country level: a town too small for the gazetteer still gets its country.
5. A US state name -> admin-1 level (unless the event's country is not the US).
6. Nothing matched: the event's country (resolution ``country``), else no geo.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, Iterable

from dateline.places.gazetteer import Gazetteer, Place, fold, gazetteer

DATA = Path(__file__).with_name("data")
COUNTRIES_TSV = Path(__file__).resolve().parents[1] / "actors" / "data" / "countries.tsv"

#: the keys of an event's ``geo`` (PLOVER's location fields plus why)
GEO_KEYS = ("geonameid", "name", "lat", "lon", "admin1", "country_code", "feature_class",
            "resolution", "why")

_LEADING = re.compile(r"^(the|in|at|near|outside|of)\s+")


def _tsv(name: str) -> Iterable[list[str]]:
    path = DATA / name
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield [c.strip() for c in line.split("\t")]


@functools.lru_cache(maxsize=1)
def aliases() -> dict[str, str]:
    """folded alias -> what it means: a place name, or ``#geonameid``."""
    return {fold(cols[0]): cols[1] for cols in _tsv("aliases.tsv") if len(cols) >= 2}


@functools.lru_cache(maxsize=1)
def not_places() -> dict[str, str]:
    """folded words -> why they are not a point on the map."""
    return {fold(cols[0]): (cols[1] if len(cols) > 1 else "not a place on the map")
            for cols in _tsv("not_places.tsv")}


@functools.lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """folded country name -> ISO3: GeoNames' names plus actors/data/countries.tsv's names
    and short forms (the same names the actors stage knows)."""
    out = dict(gazetteer().country_names)
    if COUNTRIES_TSV.is_file():
        for line in COUNTRIES_TSV.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#") or line.startswith("code\t"):
                continue
            cols = line.split("\t")
            names = [cols[1]] + (cols[2].split("|") if len(cols) > 2 and cols[2] else [])
            for n in names:
                if len(n) > 3 or not n.isupper():    # "US", "UAE": only in aliases.tsv
                    out.setdefault(fold(n), cols[0])
    return out


def as_geo(place: Place, why: str) -> dict[str, Any]:
    """A gazetteer place as an event's ``geo`` (keys :data:`GEO_KEYS`)."""
    return {"geonameid": place.geonameid, "name": place.name, "lat": place.lat, "lon": place.lon,
            "admin1": place.admin1, "country_code": place.country3,
            "feature_class": place.feature_class, "resolution": place.resolution, "why": why}


def _country_geo(gaz: Gazetteer, code: str | None, why: str) -> dict[str, Any] | None:
    place = gaz.countries.get(code or "")
    return as_geo(place, why) if place is not None else None


def resolve_place(name: str | None, country: str | None = None, context: Iterable[str] = (),
                  qualifier: str | None = None,
                  regions: Iterable[str] = ()) -> tuple[dict[str, Any] | None, str]:
    """A place name -> (geo or None, why); ``why`` is set in both cases.

    ``country``: the event's ISO3 country for the place (the events stage's); ``context``:
    the article's countries, most named first; ``qualifier``: the words after "NAME, " in the
    text ("Paris, Texas"), a US state or a country that overrides the event's country;
    ``regions``: admin-1 codes ("US.TX") the article names."""
    gaz = gazetteer()
    context = [c for c in dict.fromkeys(context) if c]
    qual_region, qual_country = _qualifier(gaz, qualifier)
    if qual_country:
        country = qual_country
    regions = {qual_region} if qual_region else set(regions)
    key = _LEADING.sub("", fold(name or ""))
    if not key:
        geo = _country_geo(gaz, country, "no place name; the event's country")
        return geo, (geo["why"] if geo else "no place name and no country")
    if key in not_places():
        return None, f"'{name}': {not_places()[key]}"
    target = aliases().get(key)
    if target and target.startswith("#"):
        place = gaz.by_id.get(int(target[1:]))
        if place is not None and (not country or place.country3 == country):
            geo = as_geo(place, f"'{name}' is {place.name} (places/data/aliases.tsv)")
            return geo, geo["why"]
    elif target:
        key = fold(target)
    code = country_names().get(key)
    if code and (not country or country == code):
        geo = _country_geo(gaz, code, f"'{name}' is a country")
        if geo:
            return geo, geo["why"]
    geo = _city(gaz, name, key, country, context, regions, bool(qual_region))
    if geo:
        return geo, geo["why"]
    state = gaz.admin1.get(key)
    if state is not None and country in (None, "USA"):
        geo = as_geo(state, f"'{name}' is a US state (no point of its own: its largest city)")
        return geo, geo["why"]
    geo = _country_geo(gaz, country, f"'{name}' is not in the gazetteer (GeoNames cities of "
                                      f"15,000+); the event's country {country}")
    if geo:
        return geo, geo["why"]
    return None, f"'{name}' is not in the gazetteer (GeoNames cities of 15,000+) and the event has no country"


def _qualifier(gaz: Gazetteer, words: str | None) -> tuple[str | None, str | None]:
    """"Texas" -> ("US.TX", "USA"); "France" -> (None, "FRA"); anything else (None, None)."""
    key = fold(words or "")
    if not key:
        return None, None
    key = fold(aliases().get(key, key)) if not aliases().get(key, "#").startswith("#") else key
    state = gaz.admin1.get(key)
    if state is not None:
        return state.admin1, "USA"
    return None, country_names().get(key)


def _city(gaz: Gazetteer, name: str, key: str, country: str | None, context: list[str],
          regions: set[str], qualified: bool) -> dict[str, Any] | None:
    candidates = gaz.cities.get(key)
    if not candidates:
        return None
    in_region = [c for c in candidates if c[0].admin1 in regions]
    if in_region and (qualified or not country or country not in context):
        # "Paris, Texas", or a Texas story whose place the lexicon put in France
        place, primary = max(in_region, key=lambda c: (c[1], c[0].population))
        region = place.admin1
        why = (f"'{name}' in {region}, named with it" if qualified
               else f"'{name}' in {region}, a region the article names")
        return as_geo(place, why + ("" if primary else f" (alternate name of {place.name})"))
    if country:
        inside = [c for c in candidates if c[0].country3 == country]
        if not inside:
            return None     # the events stage placed it in another country: trust it (rule 4)
        candidates = inside
    rank = {code: i for i, code in enumerate(context)}

    def score(entry: tuple[Place, bool]):
        place, primary = entry
        return (-rank.get(place.country3, len(rank)) if not country else 0, primary, place.population)

    place, primary = max(candidates, key=score)
    if country:
        why = f"'{name}' in the event's country {country}"
    elif place.country3 in rank:
        why = f"'{name}' in a country the article names ({place.country3})"
    else:
        why = f"'{name}': the most populous of {len(candidates)} places of that name"
    if len(candidates) == 1:
        why = f"'{name}': the only place of that name" + (f" in {country}" if country else "")
    if not primary:
        why += f" (alternate name of {place.name})"
    return as_geo(place, why)
