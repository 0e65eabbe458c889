"""GraphML of the temporal actor graph, for Gephi, yEd or networkx.

Nodes carry name, kind and country; each edge is one statement (kind, coarse class, basis, validity as ISO dates
with '' for an open or unknown bound, n_documents, n_events, confidence), keyed ``kind|basis|valid_start`` so
that parallel statements between two actors (and a curated tie over two intervals) stay apart. ``as_of`` keeps
the statements that hold on that day.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx

from sahelwatch.analytics.graph import actor_graph
from sahelwatch.analytics.network import to_networkx


def write_graphml(store: Any, path: str | Path, *, as_of: date | str | None = None) -> int:
    """Write the store's actor graph to ``path``; returns the number of edges written."""
    graph = to_networkx(actor_graph(store), as_of=as_of)
    nx.write_graphml(graph, str(path), encoding="utf-8", prettyprint=True)
    return graph.number_of_edges()
