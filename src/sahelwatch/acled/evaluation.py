"""Field-by-field agreement between coded records and expected ones, by the evaluation kit's rules (actor
names compared without their year ranges, either part of "ACRONYM: Long name" matching): used by the tests
and by ``scripts/evaluate_acled.py`` on the original reports, which need no ../shared."""
from __future__ import annotations

from sahelwatch.acled.convert import strip_period
from sahelwatch.kb.actors import normalize
from sahelwatch.model import AcledRecord

FIELDS = ("event_type", "sub_event_type", "actors", "event_date", "fatalities", "admin1")


def actor_keys(name: str) -> set[str]:
    bare = strip_period(name)
    keys = {normalize(bare)}
    if ":" in bare:
        head, tail = bare.split(":", 1)
        keys |= {normalize(head), normalize(tail)}
    return {k for k in keys if k}


def actors_f1(expected: list[str], coded: list[str]) -> float:
    expected, coded = [e for e in expected if e], [c for c in coded if c]
    if not expected and not coded:
        return 1.0
    left, hits = list(coded), 0
    for e in expected:
        for c in left:
            if actor_keys(e) & actor_keys(c):
                hits += 1
                left.remove(c)
                break
    p = hits / len(coded) if coded else 0.0
    r = hits / len(expected) if expected else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def field_scores(record: AcledRecord, expected: dict) -> dict[str, float]:
    return {
        "event_type": float(record.event_type == expected["event_type"]),
        "sub_event_type": float(record.sub_event_type == expected["sub_event_type"]),
        "actors": actors_f1(expected["actors"], [record.actor1, record.actor2]),
        "event_date": float(record.event_date.isoformat() == expected["event_date"]),
        "fatalities": float(record.fatalities == int(expected["fatalities"])),
        "admin1": float(normalize(record.admin1) == normalize(expected["admin1"])),
    }


def mean_scores(rows: list[dict[str, float]]) -> dict[str, float]:
    out = {f: sum(r[f] for r in rows) / len(rows) for f in FIELDS} if rows else {f: 0.0 for f in FIELDS}
    out["record"] = sum(out[f] for f in FIELDS) / len(FIELDS)
    return out
