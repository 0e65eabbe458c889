"""The temporal actor graph: actors as nodes, statements as edges, each with its interval of validity.

An edge is a statement ``source kind target`` from a basis (stated, inferred, knowledge_base, events; see
:mod:`sahelwatch.analytics.edges`) with its support and validity. Nothing is resolved away: contradictory kinds
between two actors stay side by side, so that "as of" queries and "what changed" show where sources disagree.
Every function here is pure over a :class:`TemporalGraph` and returns a DataFrame; ``actor_graph`` builds one
from a store.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

import pandas as pd

from sahelwatch.analytics.edges import event_edges, kb_edges, merge_edges, text_edges, valid_on
from sahelwatch.analytics.sources import as_date
from sahelwatch.errors import InputError
from sahelwatch.kb.actors import ActorKB, load_actors, normalize
from sahelwatch.store import Store

#: hierarchical kinds whose source sits under its target (member_of: the member is below its group)
UPWARD = ("member_of", "part_of", "affiliate_of", "leader_of", "commander_of", "minister_of", "president_of",
          "official_of")
#: hierarchical kinds whose source sits above its target (umbrella_of: the umbrella is above its member)
DOWNWARD = ("umbrella_of", "runs", "oversees")

ChainKind = Literal["succession", "hierarchy"]


@dataclass(frozen=True)
class TemporalGraph:
    """Edges (one row per statement, columns of ``edges.EDGE_COLUMNS``) and the actors they join."""

    edges: pd.DataFrame
    #: id, name, kind, country of every actor an edge names
    actors: pd.DataFrame
    #: normalised name, alias or id -> actor id, to accept what a user types
    names: dict[str, str] = field(default_factory=dict, repr=False)

    def resolve(self, actor: str) -> str:
        """The id of an actor given by id, name or alias; an unknown actor is the user's error."""
        key = (actor or "").strip()
        found = (key if key in self.names.values() else self.names.get(normalize(key))) if key else None
        if found is None:
            raise InputError(f"unknown actor {actor!r}")
        return found

    def name(self, actor_id: str) -> str:
        names = self.actors.set_index("id")["name"]
        return str(names.get(actor_id, actor_id))

    def as_of(self, day: date | str | None) -> pd.DataFrame:
        """The edges that hold on ``day`` (every edge when None)."""
        return self.edges[valid_on(self.edges, as_date(day))].reset_index(drop=True)


def actor_graph(store: Store, *, kb: ActorKB | None = None, min_events: int = 2, fused: bool = True,
                include_kb: bool = True) -> TemporalGraph:
    """The graph of a store: its relations, the curated ones (``include_kb``) and hostility from events."""
    kb = kb if kb is not None else load_actors()
    curated = kb_edges(kb if include_kb else ActorKB([]))
    edges = merge_edges(text_edges(store.con), curated, event_edges(store.con, min_events=min_events, fused=fused))
    stored = store.con.execute("select id, name, kind, country from actors").df()
    aliases = store.con.execute("select actor_id, alias from actor_aliases").fetchall()
    return _with_actors(edges, stored, kb, aliases)


def _with_actors(edges: pd.DataFrame, stored: pd.DataFrame, kb: ActorKB,
                 aliases: list[tuple[str, str]]) -> TemporalGraph:
    """Attach the actors of the edges (stored description first, then the knowledge base's) and a name index."""
    ids = sorted(set(edges["source"]) | set(edges["target"]) | set(stored["id"]))
    known = {r.id: (r.name, r.kind, r.country) for r in stored.itertuples()}
    rows = []
    for aid in ids:
        entry = kb.get(aid)
        curated = (entry.name, entry.kind, entry.country) if entry else (aid, None, None)
        name, kind, country = known.get(aid) or curated
        rows.append({"id": aid, "name": name, "kind": kind or "unknown", "country": country})
    actors = pd.DataFrame(rows, columns=["id", "name", "kind", "country"])
    names: dict[str, str] = {}
    for entry in kb.actors.values():  # least specific first: an actor's own name or id wins over an alias
        for alias in entry.all_names:
            names.setdefault(normalize(alias), entry.id)
    for aid, alias in aliases:
        names.setdefault(normalize(alias), aid)
    for row in actors.itertuples():
        names[normalize(str(row.name))] = row.id
    for aid in [*kb.actors, *ids]:
        names[normalize(aid)] = aid
    by_id = actors.set_index("id")["name"]
    edges = edges.assign(source_name=edges["source"].map(by_id), target_name=edges["target"].map(by_id))
    return TemporalGraph(edges=edges, actors=actors, names=names)


def relations_as_of(graph: TemporalGraph | Store, actor: str, day: date | str | None = None) -> pd.DataFrame:
    """An actor's edges that hold on ``day`` (all of them when None), each with the other actor and direction."""
    graph = _graph(graph)
    aid = graph.resolve(actor)
    edges = graph.as_of(day)
    edges = edges[(edges["source"] == aid) | (edges["target"] == aid)].copy()
    edges.insert(0, "direction", (edges["source"] == aid).map({True: "out", False: "in"}))
    edges.insert(1, "other", edges["target"].where(edges["source"] == aid, edges["source"]))
    edges.insert(2, "other_name", edges["other"].map(graph.actors.set_index("id")["name"]))
    return edges.sort_values(["coarse", "kind", "other", "basis"], ignore_index=True)


def changes_between(graph: TemporalGraph | Store, day1: date | str, day2: date | str,
                    actor: str | None = None) -> pd.DataFrame:
    """Edges that began or ended between two dates, and pairs of actors whose class of tie changed.

    ``change`` is ``began`` (valid_start in (day1, day2]), ``ended`` (valid_end in [day1, day2)), ``began and
    ended`` (both), or ``changed`` (one row per pair: the coarse classes that held on day1 and on day2 differ,
    e.g. cooperative -> hostile; ``before`` and ``after`` list them)."""
    graph = _graph(graph)
    d1, d2 = as_date(day1), as_date(day2)
    if d1 is None or d2 is None or d2 < d1:
        raise InputError("changes need two dates, the first not after the second")
    edges = graph.edges
    if actor is not None:
        aid = graph.resolve(actor)
        edges = edges[(edges["source"] == aid) | (edges["target"] == aid)]
    t1, t2 = pd.Timestamp(d1), pd.Timestamp(d2)
    began = (edges["valid_start"] > t1) & (edges["valid_start"] <= t2)
    ended = (edges["valid_end"] >= t1) & (edges["valid_end"] < t2)
    moved = edges[began | ended].copy()
    moved.insert(0, "change", [("began and ended" if b and e else "began" if b else "ended")
                               for b, e in zip(began[began | ended], ended[began | ended])])
    moved["before"], moved["after"] = "", ""
    out = pd.concat([moved, _class_changes(edges, d1, d2)], ignore_index=True)
    out["date"] = out["valid_start"].where(out["change"] == "began", out["valid_end"])
    return out.sort_values(["date", "source", "target", "kind"], ignore_index=True, na_position="last")


def _class_changes(edges: pd.DataFrame, d1: date, d2: date) -> pd.DataFrame:
    """One row per unordered pair whose set of coarse classes differs between the two days (both non-empty)."""
    def classes(day: date) -> dict[tuple[str, str], str]:
        held = edges[valid_on(edges, day)]
        pairs: dict[tuple[str, str], set[str]] = {}
        for s, t, c in zip(held["source"], held["target"], held["coarse"]):
            pairs.setdefault((min(s, t), max(s, t)), set()).add(c)
        return {k: ", ".join(sorted(v)) for k, v in pairs.items()}

    before, after = classes(d1), classes(d2)
    rows = [{"change": "changed", "source": a, "target": b, "kind": "", "coarse": after[(a, b)],
             "before": before[(a, b)], "after": after[(a, b)]}
            for (a, b) in sorted(set(before) & set(after)) if before[(a, b)] != after[(a, b)]]
    frame = pd.DataFrame(rows, columns=["change", "source", "target", "kind", "coarse", "before", "after"])
    names = dict(zip(edges["source"], edges["source_name"])) | dict(zip(edges["target"], edges["target_name"]))
    frame["source_name"] = frame["source"].map(names)
    frame["target_name"] = frame["target"].map(names)
    frame["valid_start"] = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[us]")
    frame["valid_end"] = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[us]")
    return frame


def chain(graph: TemporalGraph | Store, actor: str, kind: ChainKind = "succession", *,
          as_of: date | str | None = None, max_depth: int = 6) -> pd.DataFrame:
    """The succession line or hierarchy through an actor, one row per link, oldest or lowest first.

    Succession follows ``successor_of`` both ways (wagner -> africa_corps: ``predecessor``, ``successor``);
    hierarchy goes up through member_of/part_of/affiliate_of/leader_of... and down through the same kinds
    reversed (katiba_macina -> jnim -> al_qaeda: ``lower``, ``upper``). ``depth`` is the link's distance from
    the actor, negative before/below it."""
    if kind not in ("succession", "hierarchy"):
        raise InputError(f"bad chain kind {kind!r}: expected succession or hierarchy")
    graph = _graph(graph)
    start = graph.resolve(actor)
    edges = graph.as_of(as_of)
    links = _links(edges, kind)
    rows = _walk(links, start, max_depth)
    columns = ["depth", "lower", "lower_name", "upper", "upper_name", "kind", "valid_start", "valid_end", "basis",
               "n_documents"]
    frame = pd.DataFrame(rows, columns=[c for c in columns if not c.endswith("_name")])
    by_id = graph.actors.set_index("id")["name"]
    frame["lower_name"], frame["upper_name"] = frame["lower"].map(by_id), frame["upper"].map(by_id)
    frame = frame[columns].sort_values(["depth", "valid_start", "lower", "upper"], ignore_index=True)
    if kind == "succession":
        frame = frame.rename(columns={"lower": "predecessor", "lower_name": "predecessor_name",
                                      "upper": "successor", "upper_name": "successor_name"})
    return frame


def _links(edges: pd.DataFrame, kind: ChainKind) -> pd.DataFrame:
    """Edges as (lower, upper) links: predecessor -> successor, or member -> group; one row per link and kind."""
    if kind == "succession":
        picked = edges[edges["kind"] == "successor_of"]
        lower, upper = picked["target"], picked["source"]
    else:
        up, down = edges[edges["kind"].isin(UPWARD)], edges[edges["kind"].isin(DOWNWARD)]
        picked = pd.concat([up, down])
        lower = pd.concat([up["source"], down["target"]])
        upper = pd.concat([up["target"], down["source"]])
    links = picked.assign(lower=lower.to_numpy(), upper=upper.to_numpy())
    links = links.sort_values(["n_documents", "basis"], ascending=[False, True])
    return links.drop_duplicates(subset=["lower", "upper", "kind"]).reset_index(drop=True)


def _walk(links: pd.DataFrame, start: str, max_depth: int) -> list[dict]:
    """Breadth-first up (depth > 0) and down (depth < 0) from ``start``; each link is listed once."""
    ups: dict[str, list[int]] = {}
    downs: dict[str, list[int]] = {}
    for i, (lo, hi) in enumerate(zip(links["lower"], links["upper"])):
        ups.setdefault(lo, []).append(i)
        downs.setdefault(hi, []).append(i)
    seen: set[int] = set()
    rows = []
    for index, sign, end in ((ups, 1, "upper"), (downs, -1, "lower")):
        queue, visited = deque([(start, 0)]), {start}
        while queue:
            node, depth = queue.popleft()
            if depth >= max_depth:
                continue
            for i in index.get(node, []):
                link = links.iloc[i]
                if i not in seen:
                    seen.add(i)
                    rows.append({"depth": sign * (depth + 1), "lower": link["lower"], "upper": link["upper"],
                                 "kind": link["kind"], "valid_start": link["valid_start"],
                                 "valid_end": link["valid_end"], "basis": link["basis"],
                                 "n_documents": link["n_documents"]})
                nxt = link[end]
                if nxt not in visited:
                    visited.add(nxt)
                    queue.append((nxt, depth + 1))
    return rows


def _graph(graph_or_store: TemporalGraph | Store) -> TemporalGraph:
    return graph_or_store if isinstance(graph_or_store, TemporalGraph) else actor_graph(graph_or_store)
