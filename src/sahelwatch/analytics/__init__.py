"""Analytics over the store, as DataFrames: the temporal actor graph, timelines, region-month counts and
'what changed' summaries. Pure functions over query results; the CLI (``sahelwatch graph``, ``sahelwatch
stats``) prints what they return."""
from sahelwatch.analytics.changes import what_changed
from sahelwatch.analytics.frames import records
from sahelwatch.analytics.graph import TemporalGraph, actor_graph, chain, changes_between, relations_as_of
from sahelwatch.analytics.network import network_measures, to_networkx
from sahelwatch.analytics.timelines import region_month, timeline

__all__ = ["TemporalGraph", "actor_graph", "chain", "changes_between", "network_measures", "records",
           "region_month", "relations_as_of", "timeline", "to_networkx", "what_changed"]
