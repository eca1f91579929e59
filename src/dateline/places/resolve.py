"""Place name -> GeoNames place: the resolution rules.

In order (the first that applies wins; ``why`` says which):

1. "NAME, QUALIFIER" ("Paris, Texas", "Springfield, Mo."): a US state (names, AP and postal
   abbreviations: ``data/us_state_abbreviations.tsv``) or a country after the comma decides
   the country and the region; "X, Y and Z" names several places (no geo).
2. ``data/not_places.tsv``: words that name no point (continents, regions across countries).
3. ``data/aliases.tsv``: short forms, old names and seats of power -> what they mean
   ("U.S." -> United States, "Kiev" -> Kyiv, "White House" -> Washington).
4. A US state in a US story (the event's country, or the article's when no other country
   of that name is in it: "Georgia"), else a country (GeoNames' names and the names of
   actors/data/countries.tsv) -> resolution ``country`` (its point is the capital).
5. A city (its name or a capitalised ASCII alternate name). Candidates are ranked by: in
   the US state named with it or in the article, in the event's country (the actors data's
   country for the name), in the article's countries (most named first), the place's own
   name rather than an alternate one, population. An alternate name alone counts only in
   those countries or for a city of 100,000+ ("Marseilles"); a small US town outside the one
   state the article names gives way to that state ("Palmer" in an Alaska story).
6. A US state name -> admin-1 level (unless the event's country is not the US).
7. A facility ("Hong Kong Polytechnic University": ``data/facility_words.tsv``) -> the
   place its leading words name, in the event's or the article's countries; "southern
   Iran", "downtown San Jose" (``data/direction_words.tsv``) -> the place without the word.
8. Waters ("Gulf of Aden": ``data/water_words.tsv``) and "X and Y" -> no geo.
9. Nothing matched: the US state named with it; an area ("Fulton County":
   ``data/area_words.tsv``) -> the one US state the article names; else the event's country,
   else the article's main country (resolution ``country``); a description ("the Greek
   capital") or a name with no country anywhere -> no geo.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, Iterable

from dateline.places.gazetteer import Gazetteer, Place, fold, gazetteer
from dateline.tables import read_table

DATA = Path(__file__).with_name("data")
COUNTRIES_TSV = Path(__file__).resolve().parents[1] / "actors" / "data" / "countries.tsv"

#: the keys of an event's ``geo`` (PLOVER's location fields plus why)
GEO_KEYS = ("geonameid", "name", "lat", "lon", "admin1", "country_code", "feature_class",
            "resolution", "why")

#: an alternate name of a city outside the event's and the article's countries counts only
#: for a city this large (exonyms of big cities: "Marseilles", "Bombay")
ALTERNATE_MIN_POPULATION = 100_000
#: a US town below this size, outside the one US state the article names, gives way to
#: that state ("Palmer" in an Alaska story is not Palmer, Massachusetts)
SMALL_TOWN = 50_000

_LEADING = re.compile(r"^(the|in|at|near|outside|of)\s+")


def _tsv(name: str) -> Iterable[list[str]]:
    """The rows of ``data/NAME`` (dateline.tables: comments, blank lines and header skipped)."""
    return (cells for _, cells in read_table(DATA / name))


@functools.lru_cache(maxsize=1)
def aliases() -> dict[str, str]:
    """folded alias -> what it means: a place name, or ``#geonameid``."""
    return {fold(cols[0]): cols[1] for cols in _tsv("aliases.tsv") if len(cols) >= 2}


@functools.lru_cache(maxsize=1)
def state_abbreviations() -> dict[str, str]:
    """folded "Mo." / "N.J." / "CA" -> the state's folded name (qualifiers only)."""
    return {fold(cols[0]): fold(cols[1]) for cols in _tsv("us_state_abbreviations.tsv")
            if len(cols) >= 2}


@functools.lru_cache(maxsize=1)
def direction_words() -> frozenset[str]:
    """First words that point inside a place ("southern", "downtown")."""
    return frozenset(fold(cols[0]) for cols in _tsv("direction_words.tsv"))


@functools.lru_cache(maxsize=1)
def area_words() -> frozenset[str]:
    """Last words of an administrative area ("province", "County")."""
    return frozenset(fold(cols[0]) for cols in _tsv("area_words.tsv"))


@functools.lru_cache(maxsize=1)
def water_words() -> frozenset[str]:
    """Words of a sea or other waters ("Gulf", "Sea")."""
    return frozenset(fold(cols[0]) for cols in _tsv("water_words.tsv"))


#: "X and Y", "between X and Y": several places, no one point
_SEVERAL = re.compile(r"(?:^|\s)(?:and|between|&)\s")


@functools.lru_cache(maxsize=1)
def facility_words() -> frozenset[str]:
    """Last words of a facility or area name ("University", "province")."""
    return frozenset(fold(cols[0]) for cols in _tsv("facility_words.tsv"))


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
        for _, cols in read_table(COUNTRIES_TSV):
            if len(cols) < 2:
                continue
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
    text ("Paris, Texas"; taken from the name itself when it holds a comma), a US state or a
    country that overrides the event's country; ``regions``: admin-1 codes ("US.TX") the
    article names."""
    gaz = gazetteer()
    context = [c for c in dict.fromkeys(context) if c]
    name = " ".join((name or "").split())
    if qualifier is None and "," in name:
        name, _, rest = name.partition(",")
        name, qualifier = name.strip(), rest.strip() or None
    if qualifier and _SEVERAL.search(fold(qualifier)):
        return None, f"'{name}, {qualifier}': several places, no one point"
    qual_region, qual_country = _qualifier(gaz, qualifier)
    if qual_country:
        country = qual_country
    q = _Query(gaz, name, country, context, {qual_region} if qual_region else set(regions),
               bool(qual_region))
    key = _LEADING.sub("", fold(name))
    if not key:
        geo = _country_geo(gaz, country, "no place name; the event's country")
        return geo, (geo["why"] if geo else "no place name and no country")
    if key in not_places():
        return None, f"'{name}': {not_places()[key]}"
    geo = q.lookup(key)
    if geo is None:
        why = _not_one_place(key)
        if why:
            return None, f"'{name}': {why}"
    if geo is None:
        geo = _inside(q, key)
    if geo is None:
        geo = _pointed(q, key)
    if geo is None and qual_region:
        state = next((p for p in gaz.admin1.values() if p.admin1 == qual_region), None)
        if state is not None:
            geo = as_geo(state, f"'{name}' is not in the gazetteer (GeoNames cities of 15,000+); "
                                f"the state named with it, {state.name}")
    if geo is None and key.split()[-1] in area_words() and len(q.regions) == 1 and country in (None, "USA"):
        state = next((p for p in gaz.admin1.values() if p.admin1 in q.regions), None)
        if state is not None:
            geo = as_geo(state, f"'{name}' is an area not in the gazetteer; the state the article "
                                f"names, {state.name}")
    if geo is None and not _proper(name):
        return None, f"'{name}' is not a place name the gazetteer holds (a description)"
    if geo is None:
        geo = _country_geo(gaz, country, f"'{name}' is not in the gazetteer (GeoNames cities of "
                                          f"15,000+); the event's country {country}")
    if geo is None and context:
        geo = _country_geo(gaz, context[0], f"'{name}' is not in the gazetteer (GeoNames cities "
                                            f"of 15,000+); the article's main country {context[0]}")
    if geo:
        return geo, geo["why"]
    return None, (f"'{name}' is not in the gazetteer (GeoNames cities of 15,000+) and neither "
                  "the event nor the article has a country")


def _not_one_place(key: str) -> str | None:
    """Why a name that is in no index names no one point: waters, or several places."""
    words = key.split()
    if any(w in water_words() for w in words):
        return "a sea or other waters, not a point on the map"
    if _SEVERAL.search(key):
        return "several places, no one point"
    return None


def _proper(name: str) -> bool:
    """A proper name ends in a capitalised word ("Zabul Province", "Walter Reed"), a
    description in a common noun ("the Greek capital", "electoral districts")."""
    words = [w for w in re.split(r"[\s,]+", name) if w and w[0].isalpha()]
    generic = facility_words() | area_words()
    while len(words) > 1 and fold(words[-1]) in generic:     # "Walter Reed hospital"
        words.pop()
    return bool(words) and any(c.isupper() for c in words[-1])     # "al-Tanf"


def _pointed(q: "_Query", key: str) -> dict[str, Any] | None:
    """"southern Iran", "downtown San Jose": the place without its direction word."""
    first, _, rest = key.partition(" ")
    if first not in direction_words() or not rest:
        return None
    geo = q.lookup(rest) or _inside(q, rest)
    if geo is not None:
        geo["why"] = f"'{q.name}': in {geo['name']} ({geo['why']})"
    return geo


def _inside(q: "_Query", key: str) -> dict[str, Any] | None:
    """A facility or an area ("Hong Kong Polytechnic University", "Zabul province"): the
    place its leading words name, found only in the event's or the article's countries
    (a lone leading word is too often some other town)."""
    words = key.split()
    if len(words) < 2 or words[-1] not in facility_words():
        return None
    if words[-1] == "state" and " ".join(words[:-1]) in q.gaz.admin1:    # "Washington state"
        return q.state(" ".join(words[:-1]))
    for n in range(len(words) - 1, 0, -1):
        sub = " ".join(words[:n])
        if sub in not_places():
            return None
        geo = q.lookup(sub, strict=True)
        if geo is not None:
            geo["why"] = f"'{q.name}': in {geo['name']} (its leading words; {geo['why']})"
            return geo
    return None


class _Query:
    """One place name to resolve, with what the event and the article say around it."""

    def __init__(self, gaz: Gazetteer, name: str, country: str | None, context: list[str],
                 regions: set[str], qualified: bool):
        self.gaz, self.name, self.country, self.context = gaz, name, country, context
        self.regions, self.qualified = regions, qualified

    def lookup(self, key: str, strict: bool = False) -> dict[str, Any] | None:
        """Alias, then country, city or US state by that name (rules 2-5)."""
        gaz, country = self.gaz, self.country
        target = aliases().get(key)
        if target and target.startswith("#"):
            place = gaz.by_id.get(int(target[1:]))
            if place is not None and (not country or place.country3 == country):
                return as_geo(place, f"'{self.name}' is {place.name} (places/data/aliases.tsv)")
        elif target:
            sub = _Query(gaz, target, country, self.context, self.regions, self.qualified)
            geo = sub._lookup(fold(target), strict)
            if geo is not None:
                geo["why"] = f"'{self.name}' is {target} (places/data/aliases.tsv); {geo['why']}"
            return geo
        return self._lookup(key, strict)

    def _lookup(self, key: str, strict: bool) -> dict[str, Any] | None:
        gaz, country = self.gaz, self.country
        if self._prefer_state(key):
            return self.state(key)
        code = country_names().get(key)
        if code and (not country or country == code):
            geo = _country_geo(gaz, code, f"'{self.name}' is a country")
            if geo:
                return geo
        if strict and not country and not self.context:
            return None
        geo = _city(gaz, self.name, key, country, self.context,
                    self.regions, self.qualified, strict)
        if geo:
            return geo
        if key in gaz.admin1 and country in (None, "USA") and not strict:
            return self.state(key)
        return None

    def _prefer_state(self, key: str) -> bool:
        """A US state name in a US story ("Georgia" with the event in the US), or one that no
        city of the article's countries bears ("Florida" rather than Florida, Cuba)."""
        if key not in self.gaz.admin1:
            return False
        if self.country == "USA":
            return True
        if self.country is not None:
            return False
        if key in country_names():
            return "USA" in self.context and country_names()[key] not in self.context
        return not any(p.country3 in self.context and p.country3 != "USA"
                       for p, _ in self.gaz.cities.get(key, ()))

    def state(self, key: str) -> dict[str, Any]:
        return as_geo(self.gaz.admin1[key],
                      f"'{self.name}' is a US state (no point of its own: its largest city)")


def _qualifier(gaz: Gazetteer, words: str | None) -> tuple[str | None, str | None]:
    """"Texas" -> ("US.TX", "USA"); "France" -> (None, "FRA"); anything else (None, None)."""
    key = _LEADING.sub("", fold(words or ""))
    if not key:
        return None, None
    key = state_abbreviations().get(key, key)
    key = fold(aliases().get(key, key)) if not aliases().get(key, "#").startswith("#") else key
    state = gaz.admin1.get(key)
    if state is not None:
        return state.admin1, "USA"
    return None, country_names().get(key)


def _city(gaz: Gazetteer, name: str, key: str, country: str | None, context: list[str],
          regions: set[str], qualified: bool, strict: bool = False) -> dict[str, Any] | None:
    candidates = gaz.cities.get(key)
    if not candidates:
        return None
    if strict and not country:
        candidates = [c for c in candidates if c[0].country3 in context]
        if not candidates:
            return None
    in_region = [c for c in candidates if c[0].admin1 in regions]
    if qualified and not in_region:
        return None     # "Fulton, Ga." is in Georgia or not in the gazetteer
    if in_region and (qualified or not country or country not in context):
        # "Paris, Texas", or a Texas story whose place the lexicon put in France
        place, primary = max(in_region, key=lambda c: (c[1], c[0].population))
        region = place.admin1
        why = (f"'{name}' in {region}, named with it" if qualified
               else f"'{name}' in {region}, a region the article names")
        return as_geo(place, why + ("" if primary else f" (alternate name of {place.name})"))
    known = {country} if country else set(context)
    # an alternate name alone (often a translation: "White House" is one of Casablanca's)
    # counts in the event's or the article's countries, or for a large city ("Marseilles")
    candidates = [c for c in candidates
                  if c[1] or c[0].country3 in known or c[0].population >= ALTERNATE_MIN_POPULATION]
    if not candidates:
        return None
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
    if (len(regions) == 1 and not qualified and place.country3 == "USA"
            and place.admin1 not in regions and place.population < SMALL_TOWN):
        state = next((p for p in gaz.admin1.values() if p.admin1 in regions), None)
        if state is not None:
            return as_geo(state, f"'{name}': no town of that name in {state.name}, the state "
                                 f"the article names (only {place.name}, {place.admin1}); the state")
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
