"""Grouping matched pairs into real events: strongest pairs first, and a merge only if the whole group stays
consistent.

Plain transitive closure chains reports (the 25th matches the 26th, the 26th the 27th, so the 25th and the
27th are "one event"). Here two groups merge only when their dates still share a day (within the tolerance),
their located reports stay within the distance limit of each other, they hold at most one ACLED row, and no
analyst said two of their reports are different events. The pairs that did merge form a spanning tree, which
is each report's explanation: the strongest merge it took part in.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sahelwatch.link.compare import distance_km
from sahelwatch.link.reports import Report
from sahelwatch.link.settings import FusionSettings

JUDGED_SAME = 1.0


@dataclass
class Group:
    members: list[int]
    lo: int | None          # latest start among dated members
    hi: int | None          # earliest end among dated members
    located: list[int] = field(default_factory=list)
    acled: int = 0


@dataclass(frozen=True)
class Link:
    a: int
    b: int
    score: float
    judged: bool = False


def _group(i: int, r: Report) -> Group:
    lo, hi = (None, None) if r.implied else (r.start, r.end)
    return Group([i], lo, hi, [i] if r.lat is not None else [], 1 if r.origin == "acled" else 0)


def cluster(reports: list[Report], scored: list[tuple[float, int, int]], s: FusionSettings,
            same: list[tuple[int, int]] = (), different: list[tuple[int, int]] = ()) -> tuple[list[list[int]],
                                                                                                list[Link]]:
    """Groups of report indexes (every report in exactly one) and the links that made them."""
    parent = list(range(len(reports)))
    groups: dict[int, Group] = {}
    apart: dict[int, set[int]] = {}
    for i, j in different:
        apart.setdefault(i, set()).add(j)
        apart.setdefault(j, set()).add(i)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def group(root: int) -> Group:
        g = groups.get(root)
        if g is None:
            g = groups[root] = _group(root, reports[root])
        return g

    def union(ri: int, rj: int) -> None:
        gi, gj = group(ri), group(rj)
        if len(gi.members) < len(gj.members):
            ri, rj, gi, gj = rj, ri, gj, gi
        parent[rj] = ri
        gi.members += gj.members
        gi.located += gj.located
        gi.acled += gj.acled
        gi.lo = _max(gi.lo, gj.lo)
        gi.hi = _min(gi.hi, gj.hi)
        del groups[rj]

    links: list[Link] = []
    for i, j in same:
        ri, rj = find(i), find(j)
        if ri != rj:
            union(ri, rj)
            links.append(Link(i, j, JUDGED_SAME, judged=True))
            # the analyst accepted these dates as one event: later merges are checked against their whole span
            g = group(find(i))
            dated = [reports[m] for m in g.members if reports[m].start is not None and not reports[m].implied]
            if dated:
                g.lo, g.hi = min(r.start for r in dated), max(r.end for r in dated)
    for value, i, j in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        gi, gj = group(ri), group(rj)
        if _consistent(gi, gj, reports, s, apart):
            union(ri, rj)
            links.append(Link(i, j, value))
    out: dict[int, list[int]] = {}
    for i in range(len(reports)):
        out.setdefault(find(i), []).append(i)
    return list(out.values()), links


def _consistent(gi: Group, gj: Group, reports: list[Report], s: FusionSettings,
                apart: dict[int, set[int]]) -> bool:
    if gi.acled + gj.acled > 1:
        return False
    lo, hi = _max(gi.lo, gj.lo), _min(gi.hi, gj.hi)
    if lo is not None and hi is not None and lo > hi + s.day_tolerance:
        return False
    if apart:
        small, big = (gi, gj) if len(gi.members) <= len(gj.members) else (gj, gi)
        bigset = set(big.members)
        if any(apart.get(m, set()) & bigset for m in small.members):
            return False
    for a in gi.located:
        ra = reports[a]
        for b in gj.located:
            rb = reports[b]
            if max(ra.area, rb.area) >= 1:
                if ra.admin1 and rb.admin1 and ra.admin1 != rb.admin1:
                    return False
                continue
            km = distance_km(ra, rb)
            if km is not None and km > s.max_km:
                return False
    return True


def _max(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)


def _min(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else min(a, b)
