"""The actor graph as a networkx graph, and per-actor network measures as a DataFrame."""
from __future__ import annotations

from datetime import date

import networkx as nx
import pandas as pd

from sahelwatch.analytics.edges import edge_record
from sahelwatch.analytics.graph import TemporalGraph

MEASURE_COLUMNS = ("id", "name", "kind", "degree", "weighted_degree", "betweenness", "n_hostile",
                   "n_cooperative", "n_hierarchical", "n_succession")


def edge_weight(n_documents: int, n_events: int) -> int:
    """How much support a statement has: its documents and events; a curated tie counts one."""
    return max(1, int(n_documents) + int(n_events))


def to_networkx(graph: TemporalGraph, as_of: date | str | None = None) -> nx.MultiDiGraph:
    """Nodes (name, kind, country) and one edge per statement holding on ``as_of`` (all when None), keyed
    ``kind|basis|valid_start`` (a curated tie may hold over several intervals), with plain-valued attributes
    (ISO dates, '' for an open bound) so that GraphML can hold them."""
    g = nx.MultiDiGraph()
    edges = graph.as_of(as_of)
    ends = set(edges["source"]) | set(edges["target"])
    for row in graph.actors[graph.actors["id"].isin(ends)].itertuples():
        g.add_node(row.id, name=_text(row.name), kind=_text(row.kind), country=_text(row.country))
    for row in edges.itertuples():
        attrs = edge_record(row)
        source, target = attrs.pop("source"), attrs.pop("target")
        attrs["weight"] = edge_weight(attrs["n_documents"], attrs["n_events"])
        attrs = {k: (v.item() if hasattr(v, "item") else v) for k, v in attrs.items()}
        g.add_edge(source, target, key=f"{attrs['kind']}|{attrs['basis']}|{attrs['valid_start']}", **attrs)
    return g


def _text(value: object) -> str:
    """A node attribute as text; missing (None, NaN) is ''."""
    return "" if value is None or pd.isna(value) else str(value)


def network_measures(graph: TemporalGraph, as_of: date | str | None = None) -> pd.DataFrame:
    """Per actor: degree (distinct neighbours), weighted degree (support of its ties), betweenness on the
    undirected tie graph, and its number of hostile, cooperative, hierarchical and succession ties (distinct
    other actors per class). Most connected first."""
    g = to_networkx(graph, as_of)
    simple = nx.Graph()
    simple.add_nodes_from(g.nodes)
    for s, t, w in g.edges(data="weight"):
        if s != t:
            prior = simple.get_edge_data(s, t, {"weight": 0})["weight"]
            simple.add_edge(s, t, weight=prior + w)
    betweenness = nx.betweenness_centrality(simple) if simple.number_of_nodes() > 2 else {}
    ties: dict[tuple[str, str], set[str]] = {}
    for s, t, coarse in g.edges(data="coarse"):
        ties.setdefault((s, coarse), set()).add(t)
        ties.setdefault((t, coarse), set()).add(s)
    rows = [{"id": node, "name": data.get("name", node), "kind": data.get("kind", ""),
             "degree": simple.degree(node), "weighted_degree": simple.degree(node, weight="weight"),
             "betweenness": round(betweenness.get(node, 0.0), 4),
             **{f"n_{c}": len(ties.get((node, c), ())) for c in ("hostile", "cooperative", "hierarchical",
                                                                  "succession")}}
            for node, data in g.nodes(data=True)]
    frame = pd.DataFrame(rows, columns=list(MEASURE_COLUMNS))
    return frame.sort_values(["degree", "weighted_degree", "id"], ascending=[False, False, True], ignore_index=True)
