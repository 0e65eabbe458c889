"""PLOVER JSON: events in the field names of the PLOVER specification's JSON records.

PLOVER (Open Event Data Alliance, manual 0.7b1, chapter "JSON Data Fields") names the fields of an event
record and leaves almost all of them optional; providers may add fields of their own. sahelwatch writes:

==================  ===================================================================================
PLOVER field        from
==================  ===================================================================================
``id``              canonical event id, or ``<doc_id>/<event_id>`` for a report-level event
``date``            ``date_start`` (YYYY-MM-DD); ``enddate``: ``date_end`` (an interval is kept whole)
``event``           ``[type]``: the PLOVER root type, as a list as the manual asks
``mode``            ``[]``: sahelwatch does not code modes; left empty rather than guessed
``context``         ``[]``: likewise
``quad_code``       from the type, by the manual's quad table (``plover.yaml``); null for REQUEST, OTHER
``source``          actor objects of the participants in role ``source`` (the manual's term for the
                    actor; both sides of a clash are sources)
``recipient``       actor objects of the participants in role ``target``
``event_loc``       location object: ``name``, ``latitude``, ``longitude``, ``country_code`` (ISO 3166
                    alpha-2, the manual's geonames "country code"), ``admin1``, ``admin2`` (names, not
                    geonames codes) and ``geo_precision`` (ACLED's 1-3)
``dead``            fatalities: the conservative count (ACLED's rule), as the manual's size field
``event_text``      the sentences the event was read from; ``text_info`` gives each one's document and
                    character span, speaker and modality (provenance)
``cite_info``       one object per document: ``citation`` (document id), ``publication`` (outlet),
                    ``title``, ``language``, ``coder``, ``version``
``coder``           ``sahelwatch <version>``; ``version``: the same version, as the data set's
==================  ===================================================================================

Actor objects carry ``actor_text`` (the name as the text gave it), ``identifier_id`` and ``identifier_text``
(sahelwatch's actor id and canonical name, in place of the manual's suggested Wikidata id), ``sector`` and
``code`` where the actor's kind decides them (``plover.yaml``), and, as sahelwatch's own fields, ``kind`` and
``country``. Other sahelwatch fields: ``other_actors`` (participants in neither role), ``dead_low`` and
``dead_high`` (the smallest and largest figure any source gives), ``tolls`` (every figure with its speaker,
report level), ``acled_event_type``/``acled_sub_event_type``, ``date_precision``, ``modality``,
``confidence``, and ``fusion``: the level (``report`` or ``canonical``) and, for a canonical event, its
reports, documents and outlets counted, ``contested`` fields and ``alternatives``: every value reports give
for a contested field with its support.

The manual suggests JSON Lines, one record per line; the export writes that for an output ending in
``.jsonl`` and a JSON list otherwise.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import IO, Any

import yaml

from sahelwatch import __version__
from sahelwatch.errors import KnowledgeBaseError
from sahelwatch.export.events import View, iso, outlets

CODER = f"sahelwatch {__version__}"


@lru_cache(maxsize=1)
def load_mapping() -> dict[str, dict[str, Any]]:
    """``plover.yaml``: actor kind -> sector and code, PLOVER type -> quad category."""
    text = resources.files("sahelwatch.export").joinpath("plover.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    mapping = {key: data.get(key) or {} for key in ("sectors", "codes", "quad")}
    bad = [f"quad {k}: {v!r}" for k, v in mapping["quad"].items() if v not in (1, 2, 3, 4)]
    if bad:
        raise KnowledgeBaseError(f"plover.yaml: {bad[0]} is not a quad category 1-4")
    return mapping


def plover_event(view: View) -> dict[str, Any]:
    """One event as a PLOVER JSON record."""
    mapping = load_mapping()
    actors = {role: [actor_object(p) for p in view["participants"] if p["role"] == role]
              for role in ("source", "target", "other")}
    return {
        "id": view["id"],
        "date": iso(view["date_start"]),
        "enddate": iso(view["date_end"]),
        "date_precision": view["date_precision"],
        "event": [view["type"]],
        "mode": [],
        "context": [],
        "quad_code": mapping["quad"].get(view["type"]),
        "source": actors["source"],
        "recipient": actors["target"],
        "other_actors": actors["other"],
        "event_loc": location_object(view),
        "dead": view["fatalities"],
        "dead_low": view["fatalities_low"],
        "dead_high": view["fatalities_high"],
        "tolls": view["tolls"],
        "acled_event_type": view["acled_event_type"],
        "acled_sub_event_type": view["acled_sub_event_type"],
        "modality": view["modality"],
        "confidence": view["confidence"],
        "event_text": [e["text"] for e in view["evidence"]],
        "text_info": [{k: e[k] for k in ("doc_id", "event_id", "start", "end", "speaker", "modality")}
                      for e in view["evidence"]],
        "cite_info": [cite_object(d) for d in view["documents"]],
        "fusion": fusion_object(view),
        "coder": CODER,
        "version": __version__,
    }


def actor_object(participant: dict[str, Any]) -> dict[str, Any]:
    mapping = load_mapping()
    kind = participant.get("kind")
    return {
        "actor_text": participant["name"],
        "identifier_id": participant["actor_id"],
        "identifier_text": participant.get("actor_name") or participant["name"],
        "code": mapping["codes"].get(kind),
        "sector": mapping["sectors"].get(kind),
        "kind": kind,
        "country": participant.get("country"),
        "n_reports": participant.get("n_reports"),
    }


def location_object(view: View) -> dict[str, Any] | None:
    """The event's place, or None when neither a name nor coordinates are known."""
    if not view["place_name"] and view["lat"] is None:
        return None
    return {"name": view["place_name"], "latitude": view["lat"], "longitude": view["lon"],
            "country_code": view["country"], "admin1": view["admin1"], "admin2": view["admin2"],
            "geo_precision": view["geo_precision"]}


def cite_object(document: dict[str, Any]) -> dict[str, Any]:
    return {"citation": document["doc_id"], "publication": document.get("source"), "title": document.get("title"),
            "published": iso(document.get("published")), "language": document.get("language"),
            "origin": document.get("origin"), "coder": CODER, "version": __version__}


def fusion_object(view: View) -> dict[str, Any]:
    if view["level"] == "report":
        return {"level": "report", "doc_id": view["doc_id"], "event_id": view["event_id"]}
    return {"level": "canonical", "n_reports": view["n_reports"], "n_documents": view["n_documents"],
            "n_sources": view["n_sources"], "sources": outlets(view), "contested": view["contested"],
            "alternatives": view["alternatives"], "members": view["members"]}


def write_plover(views: list[View], fh: IO[str], *, lines: bool = False) -> int:
    """PLOVER records as a JSON list, or JSON Lines (``lines``); returns how many were written."""
    records = [plover_event(v) for v in views]
    if lines:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False, default=iso) + "\n")
    else:
        fh.write(json.dumps(records, ensure_ascii=False, indent=1, default=iso) + "\n")
    return len(records)

