"""GeoJSON (RFC 7946) of events: a FeatureCollection of Points, one per event with coordinates.

Coordinates are ``[longitude, latitude]`` in WGS 84, as RFC 7946 requires (not the latitude-first order of
the store's columns). Properties are flat values that GIS tools show as columns (participants and outlets as
"; "-joined strings), except ``alternatives``: per contested field of a canonical event, every value reports
give with its support. An event without coordinates, or with coordinates out of range, cannot be a Point: it
is left out and counted, and the caller says how many.
"""
from __future__ import annotations

import json
import math
from typing import IO, Any

from sahelwatch.export.events import View, iso, outlets


def coordinates(view: View) -> list[float] | None:
    """``[lon, lat]``, or None when the event has no usable position."""
    lat, lon = view.get("lat"), view.get("lon")
    if lat is None or lon is None:
        return None
    lat, lon = float(lat), float(lon)
    if not (math.isfinite(lat) and math.isfinite(lon)) or abs(lat) > 90 or abs(lon) > 180:
        return None
    return [lon, lat]


def properties(view: View) -> dict[str, Any]:
    participants = view["participants"]
    return {
        "id": view["id"],
        "level": view["level"],
        "date_start": iso(view["date_start"]),
        "date_end": iso(view["date_end"]),
        "date_precision": view["date_precision"],
        "type": view["type"],
        "acled_event_type": view["acled_event_type"],
        "acled_sub_event_type": view["acled_sub_event_type"],
        "place": view["place_name"],
        "country": view["country"],
        "admin1": view["admin1"],
        "admin2": view["admin2"],
        "geo_precision": view["geo_precision"],
        "fatalities": view["fatalities"],
        "fatalities_low": view["fatalities_low"],
        "fatalities_high": view["fatalities_high"],
        "participants": "; ".join(f"{p['name']} ({p['role']})" for p in participants) or None,
        "participant_ids": "; ".join(dict.fromkeys(p["actor_id"] for p in participants)) or None,
        "sources": "; ".join(outlets(view)) or None,
        "doc_ids": "; ".join(d["doc_id"] for d in view["documents"]) or None,
        "n_reports": view["n_reports"],
        "n_documents": view["n_documents"],
        "n_sources": view["n_sources"],
        "contested": "; ".join(view["contested"]) or None,
        "alternatives": view["alternatives"] or None,
        "modality": view["modality"],
        "confidence": view["confidence"],
    }


def feature(view: View) -> dict[str, Any] | None:
    """One event as a Point Feature, or None without coordinates."""
    point = coordinates(view)
    if point is None:
        return None
    return {"type": "Feature", "id": view["id"], "geometry": {"type": "Point", "coordinates": point},
            "properties": properties(view)}


def feature_collection(views: list[View]) -> tuple[dict[str, Any], int]:
    """The FeatureCollection of the views that have coordinates, and how many were left out for lack of them."""
    features = [f for f in (feature(v) for v in views) if f is not None]
    return {"type": "FeatureCollection", "features": features}, len(views) - len(features)


def write_geojson(views: list[View], fh: IO[str]) -> tuple[int, int]:
    """Write the collection, one feature per line (a large file stays greppable and quick to write); returns
    (features written, events left out without coordinates)."""
    collection, missing = feature_collection(views)
    fh.write('{"type": "FeatureCollection", "features": [\n')
    for i, item in enumerate(collection["features"]):
        fh.write((",\n" if i else "") + json.dumps(item, ensure_ascii=False, default=iso))
    fh.write("\n]}\n")
    return len(collection["features"]), missing
