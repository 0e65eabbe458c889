"""The canonical event of a group of reports: one value per field by a stated policy, every other value kept.

Policies, field by field:

- **fatalities**: ACLED's conservative rule. Each outlet is represented by its latest report (an update
  replaces the outlet's own earlier toll); among the outlets' figures the lowest is coded, counting hedged
  figures only when no outlet asserts one. The low and high ends of everything reported stay beside it.
- **date**: the days all reports share (their intersection); when they do not share one, the day most reports
  give (the earliest on a tie).
- **place**: the most precise place (a town before a region before a country), the most reported among those.
- **type** and **perpetrator**: the most reported; asserted reports weigh twice what hedged ones do.

A field is *contested* when reports give two different values (two tolls, two days, two towns, two named
perpetrators); all values stay in ``fused_event_values`` with how many reports and outlets give each.
"""
from __future__ import annotations

from collections import Counter
from datetime import date

from sahelwatch.link.reports import Report
from sahelwatch.model import stable_id

Row = dict


def fused_id(reports: list[Report], members: list[int]) -> str:
    """Stable however the group was found: a hash of its smallest member key."""
    return stable_id("fev", *min(reports[i].key for i in members))


def _outlet(r: Report) -> str:
    return r.outlet or r.key[0]


def _weight(r: Report) -> float:
    return 0.5 if r.modality == "hedged" else 1.0


def canonical_rows(fid: str, reports: list[Report], members: list[int]) -> tuple[Row, list[Row], list[Row]]:
    """The fused_events row, its fused_event_values rows (only for groups of two or more reports) and its
    fused_event_participants rows."""
    rs = [reports[i] for i in members]
    values: list[Row] = []
    contested: list[str] = []
    multi = len(rs) > 1

    type_, acled_type, acled_sub = _type(rs)
    start, end, precision, date_alts = _date(rs)
    place = _place(rs)
    fatalities, low, high, toll_alts = _fatalities(rs)
    perp_alts = _perpetrators(rs)
    outlets = {_outlet(r) for r in rs}
    published = [r.published for r in rs if r.published is not None]
    for field_name, alts, chosen in (
            ("type", _alternatives(rs, lambda r: [(r.type, None)]), type_),
            ("date", date_alts, _date_text(start, end)),
            ("place", _alternatives(rs, lambda r: [(r.place_name, None)] if r.place_name else []),
             place.place_name if place else None),
            ("fatalities", toll_alts, None if fatalities is None else str(fatalities)),
            ("perpetrator", perp_alts, _top(perp_alts))):
        if _is_contested(field_name, alts, rs):
            contested.append(field_name)
        if multi:
            for value, (n_reports, sources, doc_ids) in sorted(alts.items()):
                values.append({"fused_id": fid, "field": field_name, "value": value, "n_reports": n_reports,
                               "n_sources": len(sources), "sources": "; ".join(sorted(sources)),
                               "doc_ids": "; ".join(sorted(doc_ids)), "chosen": value == chosen})
    row = {
        "id": fid, "type": type_, "acled_event_type": acled_type, "acled_sub_event_type": acled_sub,
        "date_start": _day(start), "date_end": _day(end), "date_precision": precision,
        "place_name": place.place_name if place else None,
        "country": place.country if place else next((r.country for r in rs if r.country), None),
        "admin1": place.admin1 if place else None, "admin2": place.admin2 if place else None,
        "lat": place.lat if place else None, "lon": place.lon if place else None,
        "geo_precision": place.geo_precision if place else None,
        "fatalities": fatalities, "fatalities_low": low, "fatalities_high": high,
        "n_reports": len(rs), "n_documents": len({r.key[0] for r in rs}), "n_sources": len(outlets),
        "first_published": _day(min(published)) if published else None,
        "last_published": _day(max(published)) if published else None,
        "contested": "; ".join(contested) or None,
        "confidence": round(min(1.0, max(r.confidence for r in rs) + 0.05 * (len(outlets) - 1)), 3),
    }
    return row, values, _participants(fid, rs)


def _day(ordinal: int | None) -> date | None:
    return None if ordinal is None else date.fromordinal(ordinal)


def _date_text(start: int | None, end: int | None) -> str | None:
    if start is None:
        return None
    return _day(start).isoformat() if start == end else f"{_day(start).isoformat()}..{_day(end).isoformat()}"


Alternatives = dict[str, tuple[int, set[str], set[str]]]


def _alternatives(rs: list[Report], values_of) -> Alternatives:
    """Each value the reports give, with how many reports give it, their outlets and their documents;
    ``values_of(report)`` yields (value, speaker), the speaker (who the report says gave it) beside the outlet."""
    out: dict[str, list] = {}
    for r in rs:
        for value, speaker in dict.fromkeys(values_of(r)):
            entry = out.setdefault(str(value), [0, set(), set()])
            entry[0] += 1
            entry[1].add(_outlet(r) + (f" ({speaker})" if speaker else ""))
            entry[2].add(r.key[0])
    return {k: (n, s, d) for k, (n, s, d) in out.items()}


def _top(alts: Alternatives) -> str | None:
    return max(alts, key=lambda v: (alts[v][0], len(alts[v][1]), v)) if alts else None


def _is_contested(field_name: str, alts: Alternatives, rs: list[Report]) -> bool:
    if len(alts) < 2:
        return False
    if field_name == "date":
        fine = {(r.start, r.end) for r in rs if r.start is not None and not r.implied and r.end - r.start <= 2}
        return len({s for s, _ in fine}) > 1
    if field_name == "place":
        return len({r.place for r in rs if r.place and r.area == 0}) > 1
    if field_name == "type":
        return False  # compatible types are one class by construction; the spread shows in the values
    if field_name == "fatalities":
        # figures of one report for different victims (84 fighters, 47 soldiers) are parts, not a dispute
        given = {r.fatalities for r in rs if r.fatalities is not None}
        claimed = {(v, speaker) for r in rs for v, speaker, _ in r.tolls if speaker}
        return len(given) > 1 or len({v for v, _ in claimed}) > 1
    if field_name == "perpetrator":
        named = [set(r.perpetrators) | set(r.relatives) for r in rs if r.perpetrators]
        return any(not (x & y) for k, x in enumerate(named) for y in named[k + 1:])
    return True


def _type(rs: list[Report]) -> tuple[str, str | None, str | None]:
    votes: Counter = Counter()
    for r in rs:
        votes[r.type] += _weight(r)
    type_ = max(votes, key=lambda t: (votes[t], t))
    acled = Counter(r.acled_type for r in rs if r.acled_type)
    acled_type = max(acled, key=lambda t: (acled[t], t)) if acled else None
    subs = Counter(r.acled_sub_type for r in rs if r.acled_type == acled_type and r.acled_sub_type)
    return type_, acled_type, (max(subs, key=lambda t: (subs[t], t)) if subs else None)


def _date(rs: list[Report]) -> tuple[int | None, int | None, str | None, Alternatives]:
    dated = [r for r in rs if r.start is not None and not r.implied]
    alts = _alternatives(dated, lambda r: [(_date_text(r.start, r.end), None)])
    if not dated:
        return None, None, None, alts
    lo, hi = max(r.start for r in dated), min(r.end for r in dated)
    if lo <= hi:
        start, end = lo, hi
    else:
        days = Counter(r.start for r in dated if r.end - r.start <= 2)
        day = min(days, key=lambda d: (-days[d], d)) if days else lo
        start = end = day
    narrowest = min(dated, key=lambda r: r.end - r.start)
    precision = "day" if end - start < 1 else narrowest.precision
    return start, end, precision, alts


def _place(rs: list[Report]) -> Report | None:
    placed = [r for r in rs if r.place_name]
    if not placed:
        return None
    best_area = min(r.area for r in placed)
    top = [r for r in placed if r.area == best_area]
    counts = Counter(r.place for r in top)
    return min(top, key=lambda r: (-counts[r.place], r.geo_precision or 9, r.lat is None, r.key))


def _fatalities(rs: list[Report]) -> tuple[int | None, int | None, int | None, Alternatives]:
    """The conservative figure, the range of all figures, and every figure with its sources."""
    alts = _alternatives(rs, _figures)
    every = [int(v) for v in alts]
    latest: dict[str, Report] = {}
    for r in rs:
        if r.fatalities is None:
            continue
        o = _outlet(r)
        if o not in latest or (r.published or 0, r.key) > (latest[o].published or 0, latest[o].key):
            latest[o] = r
    firm = [r.fatalities for r in latest.values() if r.modality != "hedged"]
    pool = firm or [r.fatalities for r in latest.values()]
    if not every:
        return None, None, None, alts
    return (min(pool) if pool else None), min(every), max(every), alts


def _figures(r: Report) -> list[tuple[int, str | None]]:
    """A report's figures of dead: its conservative toll, and each figure with whoever the text says gave it
    (the toll itself counted once, under its speaker when it has one)."""
    attributed = [(v, speaker) for v, speaker, _ in r.tolls if speaker]
    given = [(r.fatalities, None)] if r.fatalities is not None and \
        r.fatalities not in {v for v, _ in attributed} else []
    return given + attributed + [(v, None) for v, speaker, _ in r.tolls if not speaker and v != r.fatalities]


def _perpetrators(rs: list[Report]) -> Alternatives:
    names = {aid: name for r in rs for aid, name, role in r.names if role == "source"}
    return _alternatives(rs, lambda r: [(names[a], None) for a in r.perpetrators])


def _participants(fid: str, rs: list[Report]) -> list[Row]:
    counts: Counter = Counter()
    names: dict[str, str] = {}
    for r in rs:
        for aid, name, role in r.names:
            counts[(aid, role)] += 1
            names.setdefault(aid, name)
    return [{"fused_id": fid, "actor_id": aid, "name": names[aid], "role": role, "n_reports": n}
            for (aid, role), n in sorted(counts.items())]
