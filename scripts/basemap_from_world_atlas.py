"""Write static/kb/basemap/countries-110m.geojson, the offline basemap of the maps, from world-atlas's TopoJSON.

world-atlas (npm, ISC licence) packages Natural Earth's 1:110m countries (public domain). Run once when updating:
    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/basemap_from_world_atlas.py package/countries-110m.json
"""
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "static" / "kb" / "basemap" / "countries-110m.geojson"


def _arcs(topology: dict) -> list[list[list[float]]]:
    (scale_x, scale_y), (shift_x, shift_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([round(x * scale_x + shift_x, 2), round(y * scale_y + shift_y, 2)])
        decoded.append(points)
    return decoded


def _ring(indexes: list[int], arcs) -> list[list[float]]:
    ring: list[list[float]] = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points if not ring else points[1:])
    return ring


def main(source: str) -> None:
    topology = json.loads(Path(source).read_text())
    arcs = _arcs(topology)
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            coordinates = [_ring(ring, arcs) for ring in geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            coordinates = [[_ring(ring, arcs) for ring in polygon] for polygon in geometry["arcs"]]
        else:
            continue
        features.append({"type": "Feature", "properties": {"name": geometry.get("properties", {}).get("name", "")},
                         "geometry": {"type": geometry["type"], "coordinates": coordinates}})
    OUT.write_text(json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")))
    print(f"{OUT}: {len(features)} countries, {OUT.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main(sys.argv[1])
