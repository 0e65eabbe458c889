"""Blocking: which pairs of reports are worth comparing, so that fusion costs about linear time, not n².

Reports go into blocks by what any two reports of one real event must share, and inside a block only reports
whose dates meet (a sweep over start dates) are paired:

- a report dated to within a week and placed at a town or region: block (event class, country, region), so
  two reports of a battle at Boulkessi meet, while a battle at Kidal the same day is never looked at;
- every dated report, once per named actor: block (event class, actor), but a pair is taken from it
  only when one of the two is *loose* (dated only to a month or more, or placed only at the country): that is
  how "the July 2024 ambush in Mali" meets the dated, placed report of it;
- an undated report meets the other reports of its own document (the story places it), and, through the
  actor blocks, the reports of the fortnight before its publication.

A pair may come out of more than one block; comparing it twice changes nothing.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator

from sahelwatch.link.reports import Report
from sahelwatch.link.settings import FusionSettings


def is_loose(r: Report, s: FusionSettings) -> bool:
    """Dated only to more than a week, or placed only at a country (or not at all)."""
    return r.undated or r.width > s.fine_days or r.area >= 2 or not (r.admin1 or r.place)


def blocks(reports: list[Report], loose: list[bool]) -> tuple[dict, dict, dict]:
    """Three block maps of report indexes: spot blocks, actor blocks and story (document) blocks."""
    spot: dict[tuple, list[int]] = defaultdict(list)
    actor: dict[tuple, list[int]] = defaultdict(list)
    story: dict[tuple, list[int]] = defaultdict(list)
    for i, r in enumerate(reports):
        story[(r.key[0], r.klass)].append(i)
        if r.start is None:
            continue  # no date and no publication date: only its own document's reports
        if not loose[i]:
            spot[(r.klass, r.country or "-", r.admin1 or r.place)].append(i)
        for a in r.actors:
            actor[(r.klass, a)].append(i)
    return spot, actor, story


def candidate_pairs(reports: list[Report], s: FusionSettings,
                    loose: list[bool] | None = None) -> Iterator[tuple[int, int]]:
    """Index pairs (i, j), i != j, to compare; ``loose`` is :func:`is_loose` of each report, if known."""
    loose = loose if loose is not None else [is_loose(r, s) for r in reports]
    spot, actor, story = blocks(reports, loose)
    for members in spot.values():
        yield from _sweep(reports, members, s, None)
    for members in actor.values():
        short = [i for i in members if reports[i].width <= s.month_days]
        yield from _sweep(reports, short, s, loose)
        wide = [i for i in members if reports[i].width > s.fine_days]
        if any(reports[i].width > s.month_days for i in wide):
            yield from _sweep(reports, wide, s, loose)
    for members in story.values():
        for i in members:
            if reports[i].undated:
                for j in members:  # every dated report of the story, and each other undated one once
                    if j != i and (not reports[j].undated or j > i):
                        yield i, j


def _sweep(reports: list[Report], members: list[int], s: FusionSettings,
           loose: list[bool] | None) -> Iterator[tuple[int, int]]:
    """Pairs of members whose date intervals meet (within the day tolerance); with ``loose`` given, only
    pairs with at least one loose report."""
    if len(members) < 2:
        return
    members = sorted(members, key=lambda i: reports[i].start)
    starts = [reports[i].start for i in members]
    tol = s.day_tolerance
    for x, i in enumerate(members):
        last = bisect_right(starts, reports[i].end + tol, lo=x + 1)
        every = loose is None or loose[i]
        for y in range(x + 1, last):
            j = members[y]
            if every or loose[j]:
                yield i, j
