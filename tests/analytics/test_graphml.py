"""GraphML of the actor graph loads back in networkx with the same nodes, edges and attributes."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import networkx as nx
from analytics_records import analysis, relation

from sahelwatch.analytics import actor_graph, to_networkx
from sahelwatch.export.graphml import write_graphml
from sahelwatch.store import Store


def test_graphml_round_trip(store: Store, tmp_path: Path) -> None:
    store.save(analysis("a", relations=[relation("a", "wagner", "supports", "cooperative", "fama",
                                                 date(2022, 1, 1), date(2022, 12, 31))]))
    path = tmp_path / "actors.graphml"
    n = write_graphml(store, path)
    expected = to_networkx(actor_graph(store))
    loaded = nx.read_graphml(path, force_multigraph=True)
    assert n == expected.number_of_edges() == loaded.number_of_edges() > 500
    assert set(loaded.nodes) == set(expected.nodes)
    assert set(loaded.edges(keys=True)) == set(expected.edges(keys=True))
    assert loaded.nodes["wagner"] == {"name": "Wagner Group", "kind": "pmc", "country": ""}
    stated = loaded.edges["wagner", "fama", "supports|stated|2022-01-01"]
    assert (stated["coarse"], stated["valid_start"], stated["valid_end"], stated["n_documents"]) == \
        ("cooperative", "2022-01-01", "2022-12-31", 1)
    succession = loaded.edges["africa_corps", "wagner", "successor_of|knowledge_base|2024-01-01"]
    assert succession["valid_end"] == ""  # open


def test_graphml_as_of_keeps_the_ties_of_that_day(store: Store, tmp_path: Path) -> None:
    store.save(analysis("a", relations=[relation("a", "wagner", "supports", "cooperative", "fama",
                                                 date(2022, 1, 1), date(2022, 12, 31))]))
    path = tmp_path / "2023.graphml"
    write_graphml(store, path, as_of="2023-06-01")
    loaded = nx.read_graphml(path, force_multigraph=True)
    assert not loaded.has_edge("wagner", "fama", "supports|stated|2022-01-01")
    assert loaded.has_edge("wagner", "fama", "supports|knowledge_base|2021-12-01")  # the curated tie holds then
