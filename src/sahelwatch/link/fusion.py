"""Event fusion: reports of one real event, within and across documents, under one canonical event.

``fuse`` is pure: reports in, groups and table rows out. ``fuse_store`` reads every stored report and the
analysts' judgements, fuses, and replaces the fusion tables in one transaction: the raw events are never
edited, so every run can undo an earlier merge when a new report or a judgement changes the picture.
"""
from __future__ import annotations

import math
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone

from sahelwatch.link.blocking import candidate_pairs, is_loose
from sahelwatch.link.canonical import canonical_rows, fused_id
from sahelwatch.link.clusters import Link, cluster
from sahelwatch.link.compare import explain, match
from sahelwatch.link.reports import STORED_REPORTS, Report, reports_from_rows
from sahelwatch.link.settings import FusionSettings, load_settings

Row = dict


@dataclass
class FusionResult:
    reports: list[Report]
    groups: list[list[int]]
    links: list[Link]
    fused_events: list[Row] = field(default_factory=list)
    members: list[Row] = field(default_factory=list)
    values: list[Row] = field(default_factory=list)
    participants: list[Row] = field(default_factory=list)
    pairs_compared: int = 0
    seconds: float = 0.0

    @property
    def n_merged(self) -> int:
        return len(self.reports) - len(self.groups)

    def group_of(self) -> dict[tuple[str, str], str]:
        """Report key -> canonical event id."""
        return {(m["doc_id"], m["event_id"]): m["fused_id"] for m in self.members}


def fuse(reports: list[Report], settings: FusionSettings | None = None, *,
         same: list[tuple[tuple[str, str], tuple[str, str]]] = (),
         different: list[tuple[tuple[str, str], tuple[str, str]]] = (), rows: bool = True) -> FusionResult:
    """Group reports into real events; ``same``/``different`` are analysts' judgements on report keys
    (unknown keys are ignored: the report may have been re-analysed away). ``rows=False`` stops after
    grouping (for measuring the grouping alone)."""
    s = settings or load_settings()
    began = time.perf_counter()
    index = {r.key: i for i, r in enumerate(reports)}
    same_ix = [(index[a], index[b]) for a, b in same if a in index and b in index]
    diff_ix = [(index[a], index[b]) for a, b in different if a in index and b in index]
    scored: list[tuple[float, int, int]] = []
    weak: list[tuple[float, int, int]] = []
    compared = 0
    rarity = _rarity(reports, s.rarity_prior)
    loose = [is_loose(r, s) for r in reports]
    for i, j in candidate_pairs(reports, s, loose):
        compared += 1
        found = match(reports[i], reports[j], s)
        if found is None:
            continue
        if found[1]:
            scored.append((found[0], i, j))
        else:
            # among weak candidates, sharing a rare actor (Algeria's army in Mali) says more than a common one
            shared = reports[i].actors & reports[j].actors
            rare = max((rarity[a] for a in shared), default=0.0)
            if reports[i].key[0] != reports[j].key[0] and rare < s.rare_actor:
                continue  # across stories a vague report needs a rare shared actor: any army is everywhere
            value = found[0] + s.rarity_bonus * rare
            # the vague report looks for its event, not the other way round
            if loose[i]:
                weak.append((value, i, j))
            if loose[j]:
                weak.append((value, j, i))
    groups, links = cluster(reports, scored, s, same_ix, diff_ix, weak)
    result = FusionResult(reports, groups, links, pairs_compared=compared)
    if rows:
        _rows(result, s)
    result.seconds = time.perf_counter() - began
    return result


def _rarity(reports: list[Report], prior: int) -> dict[str, float]:
    """Each actor's inverse document frequency over the reports, scaled to 0..1 (1: named once), smoothed by
    ``prior`` unseen reports so that in a handful of reports no actor looks common."""
    counts = Counter(a for r in reports for a in r.actors)
    total = len(reports) + prior
    return {a: math.log(total / n) / math.log(total) for a, n in counts.items()}


def _rows(result: FusionResult, s: FusionSettings) -> None:
    reports = result.reports
    best: dict[int, Link] = {}
    for link in result.links:
        for end in (link.a, link.b):
            if end not in best or link.score > best[end].score:
                best[end] = link
    for members in result.groups:
        fid = fused_id(reports, members)
        event, values, participants = canonical_rows(fid, reports, members)
        result.fused_events.append(event)
        result.values += values
        result.participants += participants
        for i in members:
            r, link = reports[i], best.get(i)
            other = None if link is None else reports[link.b if link.a == i else link.a]
            reason = None
            if link is not None:
                reason = "analyst judgement: same event" if link.judged else explain(r, other, s)
                if link.only_candidate:
                    reason += "; the only candidate"
            result.members.append({
                "fused_id": fid, "doc_id": r.key[0], "event_id": r.key[1],
                "linked_to_doc": other.key[0] if other else None, "linked_to_event": other.key[1] if other else None,
                "score": round(link.score, 3) if link else None, "reason": reason})


@dataclass(frozen=True)
class FusionSummary:
    reports: int
    fused_events: int
    merged: int
    contested: int
    seconds: float


def fuse_store(store, settings: FusionSettings | None = None) -> FusionSummary:
    """Fuse every stored report and replace the fusion tables (one transaction; judgements are kept)."""
    s = settings or load_settings()
    began = time.perf_counter()
    started_at = datetime.now(timezone.utc).replace(tzinfo=None)
    reports = list(reports_from_rows(store.con.execute(STORED_REPORTS).fetchall(), s))
    same, different = store.fusion_judgements()
    result = fuse(reports, s, same=same, different=different)
    seconds = time.perf_counter() - began
    run = {"started_at": started_at, "n_events": len(reports), "n_fused": len(result.groups),
           "n_merged": result.n_merged, "seconds": round(seconds, 3), "settings": s.describe()}
    store.save_fusion(result, run)
    contested = sum(1 for e in result.fused_events if e["contested"])
    return FusionSummary(len(reports), len(result.groups), result.n_merged, contested,
                         time.perf_counter() - began)
