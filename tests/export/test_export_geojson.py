"""GeoJSON: an RFC 7946 FeatureCollection of Points in [lon, lat] order, events without coordinates counted."""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from sahelwatch.export import run_export
from sahelwatch.export.geojson import coordinates
from sahelwatch.store import Store


def check_feature_collection(data: dict[str, Any]) -> None:
    """A strict structural check of what RFC 7946 requires of a collection of Points (shapely, when installed,
    parses each geometry too)."""
    assert data["type"] == "FeatureCollection" and isinstance(data["features"], list)
    assert "crs" not in data  # RFC 7946 removed it: WGS 84 only
    for feature in data["features"]:
        assert feature["type"] == "Feature" and isinstance(feature["properties"], dict)
        assert isinstance(feature.get("id"), (str, int))
        geometry = feature["geometry"]
        assert geometry["type"] == "Point" and len(geometry["coordinates"]) == 2
        lon, lat = geometry["coordinates"]
        assert all(isinstance(v, float) and math.isfinite(v) for v in (lon, lat))
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    try:
        from shapely.geometry import shape
    except ImportError:
        return
    for feature in data["features"]:
        assert shape(feature["geometry"]).is_valid


def test_canonical_collection_is_valid_and_lon_lat_ordered(tmp_path: Path, fused_store: Store) -> None:
    path = tmp_path / "events.geojson"
    outcome = run_export(fused_store, "geojson", path)
    data = json.loads(path.read_text(encoding="utf-8"))
    check_feature_collection(data)
    assert [f["id"] for f in data["features"]] == ["fz_attack"]
    attack = data["features"][0]
    assert attack["geometry"]["coordinates"] == [2.4, 15.92]  # Menaka: longitude first
    props = attack["properties"]
    assert props["n_reports"] == 2 and props["n_sources"] == 2 and props["contested"] == "fatalities"
    assert props["sources"] == "Test Wire; Other Outlet" and props["fatalities"] == 12
    assert props["participants"] == "JNIM (source); FAMa (target)"
    assert [a["value"] for a in props["alternatives"]["fatalities"]] == ["12", "15"]
    # the protest (Gao, no coordinates) and the unfused statement cannot be points: counted, not dropped silently
    assert any("left out 2 events without coordinates" in n for n in outcome.notes)


def test_report_level_collection(store: Store) -> None:
    outcome = run_export(store, "geojson", None)
    data = json.loads(outcome.text)
    check_feature_collection(data)
    assert sorted(f["id"] for f in data["features"]) == ["doc_a/ev_attack", "doc_b/ev_attack"]
    assert all(f["properties"]["n_reports"] == 1 for f in data["features"])


@pytest.mark.parametrize(("lat", "lon", "expected"), [
    (15.92, 2.4, [2.4, 15.92]), (None, 2.4, None), (95.0, 2.4, None), (15.0, 181.0, None),
    (float("nan"), 2.4, None), (-90.0, -180.0, [-180.0, -90.0]),
])
def test_coordinates_are_lon_lat_and_in_range(lat: float | None, lon: float | None,
                                              expected: list[float] | None) -> None:
    assert coordinates({"lat": lat, "lon": lon}) == expected
