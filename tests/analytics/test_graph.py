"""The temporal actor graph: merged statements, relations as of a date, changes, chains, event-inferred
hostility (counted over real events), network measures."""
from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest
from analytics_records import analysis, event, relation

from sahelwatch.analytics import actor_graph, chain, changes_between, network_measures, relations_as_of
from sahelwatch.errors import InputError
from sahelwatch.store import Store


def text_edges(graph, source, target):
    e = graph.edges
    return e[(e["source"] == source) & (e["target"] == target) & e["basis"].isin(["stated", "inferred"])]


def test_same_relation_across_documents_is_one_edge_with_union_of_validity(store: Store) -> None:
    store.save(analysis("a", relations=[relation("a", "wagner", "supports", "cooperative", "fama",
                                                 date(2022, 1, 1), date(2022, 6, 30))]))
    store.save(analysis("b", relations=[relation("b", "wagner", "supports", "cooperative", "fama",
                                                 date(2023, 1, 1), date(2023, 12, 31), basis="inferred")]))
    store.save(analysis("c", relations=[relation("c", "wagner", "hostile_to", "hostile", "fama",
                                                 date(2023, 5, 1), date(2023, 5, 31))]))
    edges = text_edges(actor_graph(store), "wagner", "fama").set_index("kind")
    assert set(edges.index) == {"supports", "hostile_to"}  # contradictory kinds stay apart
    supports = edges.loc["supports"]
    assert supports["n_documents"] == 2 and supports["doc_ids"] == "a; b" and supports["basis"] == "stated"
    assert supports["valid_start"] == pd.Timestamp("2022-01-01")
    assert supports["valid_end"] == pd.Timestamp("2023-12-31")
    assert supports["confidence"] > 0.6  # two documents support it more than one


def test_relations_as_of_a_date(store: Store) -> None:
    store.save(analysis("a", relations=[relation("a", "wagner", "supports", "cooperative", "fama",
                                                 date(2022, 1, 1), date(2022, 12, 31))]))
    graph = actor_graph(store)
    during = relations_as_of(graph, "Wagner Group", "2022-06-01")
    assert ("out", "fama", "supports", "stated") in set(zip(during["direction"], during["other"], during["kind"],
                                                            during["basis"]))
    after = relations_as_of(graph, "wagner", date(2023, 6, 1))
    assert not ((after["kind"] == "supports") & (after["basis"] == "stated")).any()
    by_target = relations_as_of(graph, "fama", "2022-06-01")
    assert ((by_target["direction"] == "in") & (by_target["other"] == "wagner")).any()


def test_undated_relation_holds_from_its_publication(store: Store) -> None:
    store.save(analysis("a", relations=[relation("a", "jnim", "ally_of", "cooperative", "is_sahel")],
                        published=date(2024, 3, 5)))
    graph = actor_graph(store)
    (row,) = text_edges(graph, "jnim", "is_sahel").itertuples()
    assert row.valid_start == pd.Timestamp("2024-03-05") and pd.isna(row.valid_end)
    def allied(day: str) -> bool:
        ties = relations_as_of(graph, "jnim", day)
        return bool(((ties["kind"] == "ally_of") & (ties["other"] == "is_sahel")).any())

    assert not allied("2024-03-04") and allied("2025-01-01")


def test_changes_between_two_dates(store: Store) -> None:
    store.save(analysis("a", relations=[relation("a", "jnim", "ally_of", "cooperative", "civilians_mali",
                                                 date(2020, 1, 1), date(2021, 6, 30))]))
    store.save(analysis("b", relations=[relation("b", "jnim", "hostile_to", "hostile", "civilians_mali",
                                                 date(2021, 7, 1), date(2023, 12, 31))]))
    changes = changes_between(actor_graph(store, include_kb=False), "2021-01-01", "2022-01-01")
    got = {(c.change, c.kind) for c in changes.itertuples()}
    assert ("ended", "ally_of") in got and ("began", "hostile_to") in got
    (changed,) = changes[changes["change"] == "changed"].itertuples()
    assert (changed.before, changed.after) == ("cooperative", "hostile")
    assert changes_between(actor_graph(store, include_kb=False), "2024-01-01", "2024-06-01").empty
    with pytest.raises(InputError):
        changes_between(actor_graph(store), "2022-01-01", "2021-01-01")


def test_succession_chain_from_the_knowledge_base(store: Store) -> None:
    graph = actor_graph(store)
    line = chain(graph, "wagner")
    assert ("wagner", "africa_corps") in set(zip(line["predecessor"], line["successor"]))
    assert line.loc[line["successor"] == "africa_corps", "depth"].iloc[0] == 1
    back = chain(graph, "Africa Corps")
    assert back.loc[back["predecessor"] == "wagner", "depth"].iloc[0] == -1


def test_hierarchy_chain_goes_up_to_al_qaeda(store: Store) -> None:
    up = chain(actor_graph(store), "katiba_macina", "hierarchy")
    links = set(zip(up["lower"], up["upper"]))
    assert ("katiba_macina", "jnim") in links and ("jnim", "al_qaeda") in links
    jnim = chain(actor_graph(store), "jnim", "hierarchy", as_of="2020-01-01")
    members = set(jnim.loc[jnim["depth"] == -1, "lower"])
    assert {"katiba_macina", "al_mourabitoun", "aqim_sahara"} <= members
    with pytest.raises(InputError):
        chain(actor_graph(store), "jnim", "friendship")


def test_hostility_from_events_needs_two_real_events(store: Store) -> None:
    store.save(analysis("a", events=[event("a", "e1", date(2024, 1, 10), "is_sahel", "civilians_mali")]))
    graph = actor_graph(store)
    assert not ((graph.edges["basis"] == "events") & (graph.edges["source"] == "is_sahel")).any()
    store.save(analysis("b", events=[event("b", "e1", date(2024, 2, 20), "is_sahel", "civilians_mali")]))
    edges = actor_graph(store).edges
    (row,) = edges[(edges["basis"] == "events") & (edges["source"] == "is_sahel")].itertuples()
    assert (row.kind, row.coarse, row.n_events, row.n_documents) == ("hostile_to", "hostile", 2, 2)
    assert (row.valid_start, row.valid_end) == (pd.Timestamp("2024-01-10"), pd.Timestamp("2024-02-20"))
    assert actor_graph(store, min_events=3).edges["basis"].ne("events").all()


def test_reports_of_one_fused_event_count_once(store: Store) -> None:
    store.save(analysis("a", events=[event("a", "e1", date(2024, 1, 10), "is_sahel", "civilians_mali")]))
    store.save(analysis("b", events=[event("b", "e1", date(2024, 1, 10), "is_sahel", "civilians_mali")]))
    assert (actor_graph(store, fused=False).edges["basis"] == "events").sum() == 1  # two raw reports
    fuse_as_one(store)
    assert (actor_graph(store).edges["basis"] == "events").sum() == 0  # one real event


def fuse_as_one(store: Store) -> None:
    """What a fusion run that saw both reports as one battle writes (only the columns analytics read)."""
    con = store.con
    con.execute("""insert into fused_events (id, type, acled_event_type, date_start, date_end, country, admin1,
                   fatalities, n_reports, n_documents, n_sources, confidence)
                   values ('f1', 'ASSAULT', 'Battles', date '2024-01-10', date '2024-01-10', 'ML', 'Mopti', 5,
                           2, 2, 1, 0.9)""")
    con.execute("insert into fused_event_members (fused_id, doc_id, event_id) values ('f1', 'a', 'e1'), "
                "('f1', 'b', 'e1')")
    con.execute("""insert into fused_event_participants values ('f1', 'is_sahel', 'IS Sahel', 'source', 2),
                   ('f1', 'civilians_mali', 'Civilians (Mali)', 'target', 2)""")
    con.execute("insert into fusion_runs values (?, 2, 1, 1, 0.1, 'test')", [datetime(2999, 1, 1)])


def test_unknown_actor_is_an_input_error(store: Store) -> None:
    with pytest.raises(InputError, match="unknown actor 'Nobody at all'"):
        relations_as_of(actor_graph(store), "Nobody at all")


def test_network_measures_count_ties_by_class(store: Store) -> None:
    store.save(analysis("a", relations=[relation("a", "wagner", "supports", "cooperative", "fama",
                                                 date(2022, 1, 1), date(2022, 12, 31))]))
    measures = network_measures(actor_graph(store, include_kb=False)).set_index("id")
    assert measures.loc["wagner", "n_cooperative"] == 1 and measures.loc["wagner", "degree"] == 1
    full = network_measures(actor_graph(store), as_of="2024-06-01").set_index("id")
    assert full.loc["jnim", "n_hostile"] >= 4 and full.loc["jnim", "betweenness"] > 0


def test_a_curated_actor_without_ties_is_known_but_has_none(store: Store) -> None:
    from sahelwatch.kb.actors import load_actors

    kb = load_actors()
    lone = next(a for a in kb.actors.values() if not kb.relations_of(a.id))
    assert relations_as_of(actor_graph(store), lone.name).empty
