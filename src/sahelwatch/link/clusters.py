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
    fine: bool = False      # holds a report dated to within a week: the day tolerance applies


@dataclass(frozen=True)
class Link:
    a: int
    b: int
    score: float
    judged: bool = False
    only_candidate: bool = False


def _group(i: int, r: Report, s: FusionSettings) -> Group:
    lo, hi = (None, None) if r.implied else (r.start, r.end)
    fine = lo is not None and hi - lo < s.fine_days
    return Group([i], lo, hi, [i] if r.lat is not None else [], 1 if r.origin == "acled" else 0, fine)


def cluster(reports: list[Report], scored: list[tuple[float, int, int]], s: FusionSettings,
            same: list[tuple[int, int]] = (), different: list[tuple[int, int]] = (),
            weak: list[tuple[float, int, int]] = ()) -> tuple[list[list[int]], list[Link]]:
    """Groups of report indexes (every report in exactly one) and the links that made them. ``weak`` pairs
    (vague report, candidate) then join a vague report left alone to the group of its candidates, when one
    group clearly leads."""
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
            g = groups[root] = _group(root, reports[root], s)
        return g

    def union(ri: int, rj: int, span: tuple[int | None, int | None]) -> None:
        """Merge two groups whose shared dates are ``span``."""
        gi, gj = group(ri), group(rj)
        if len(gi.members) < len(gj.members):
            ri, rj, gi, gj = rj, ri, gj, gi
        parent[rj] = ri
        gi.members += gj.members
        gi.located += gj.located
        gi.acled += gj.acled
        gi.lo, gi.hi = span
        gi.fine = gi.fine or gj.fine
        del groups[rj]

    links: list[Link] = []

    def merge(i: int, j: int, value: float, only_candidate: bool = False) -> None:
        """Merge the groups of i and j when the merged group stays one consistent event."""
        ri, rj = find(i), find(j)
        if ri == rj:
            return
        span = _consistent(group(ri), group(rj), reports, s, apart)
        if span is not None:
            union(ri, rj, span)
            links.append(Link(i, j, value, only_candidate=only_candidate))

    for i, j in same:
        ri, rj = find(i), find(j)
        if ri != rj:
            # the analyst accepted these dates as one event: later merges are checked against their whole span
            dated = [reports[m] for m in (*group(ri).members, *group(rj).members)
                     if reports[m].start is not None and not reports[m].implied]
            union(ri, rj, (min(r.start for r in dated), max(r.end for r in dated)) if dated else (None, None))
            links.append(Link(i, j, JUDGED_SAME, judged=True))
    for value, i, j in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        merge(i, j, value)
    partners: dict[int, list[tuple[float, int]]] = {}
    for value, i, j in weak:  # i, the vague report, looks for its event among its partners j
        partners.setdefault(i, []).append((value, j))
    for i in sorted(partners):
        ri = find(i)
        if ri in groups and len(groups[ri].members) > 1:
            continue  # already part of an event
        best: dict[int, tuple[float, int]] = {}
        for value, j in partners[i]:
            rj = find(j)
            if rj != ri and (rj not in best or value > best[rj][0]):
                best[rj] = (value, j)
        ranked = sorted(best.values(), reverse=True)
        if not ranked or (len(ranked) > 1 and ranked[0][0] - ranked[1][0] < s.only_candidate_margin):
            continue  # no candidate, or several alike: too little to choose
        value, j = ranked[0]
        merge(i, j, value, only_candidate=True)
    out: dict[int, list[int]] = {}
    for i in range(len(reports)):
        out.setdefault(find(i), []).append(i)
    return list(out.values()), links


def _consistent(gi: Group, gj: Group, reports: list[Report], s: FusionSettings,
                apart: dict[int, set[int]]) -> tuple[int | None, int | None] | None:
    """The merged group's shared dates (lo, hi), or None when the two groups cannot be one event."""
    if gi.acled + gj.acled > 1:
        return None
    lo, hi = _max(gi.lo, gj.lo), _min(gi.hi, gj.hi)
    if lo is not None and hi is not None and lo > hi + (s.day_tolerance if gi.fine or gj.fine else 0):
        # a battle of three days: one report dates its first day, another its last, a third the whole span
        bridge = _bridge(gi, gj, reports, s)
        if bridge is None:
            return None
        lo, hi = bridge
    if apart:
        small, big = (gi, gj) if len(gi.members) <= len(gj.members) else (gj, gi)
        bigset = set(big.members)
        if any(apart.get(m, set()) & bigset for m in small.members):
            return None
    for a in gi.located:
        ra = reports[a]
        for b in gj.located:
            rb = reports[b]
            if max(ra.area, rb.area) >= 1:
                if ra.admin1 and rb.admin1 and ra.admin1 != rb.admin1:
                    return None
                continue
            km = distance_km(ra, rb)
            if km is not None and km > s.max_km:
                return None
    return lo, hi


def _bridge(gi: Group, gj: Group, reports: list[Report], s: FusionSettings) -> tuple[int, int] | None:
    """A member dated to a span of at most a week that covers both groups' shared dates."""
    first, last = min(gi.hi, gj.hi), max(gi.lo, gj.lo)
    for m in (*gi.members, *gj.members):
        r = reports[m]
        if r.start is not None and not r.implied and 0 < r.end - r.start < s.fine_days \
                and r.start <= first and r.end >= last:
            return r.start, r.end
    return None


def _max(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)


def _min(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else min(a, b)
