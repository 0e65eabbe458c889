"""The synthetic store of the query benchmark: what it writes is consistent, and the benchmark runs on it."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from sahelwatch.analytics import region_month, timeline
from sahelwatch.store import Store

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


def script(name: str):
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_synthetic_store_and_benchmark(tmp_path: Path, capsys) -> None:
    path = tmp_path / "synthetic.duckdb"
    assert script("synthetic_store").main([str(path), "--events", "3000", "--seed", "1"]) == 0
    with Store(path, read_only=True) as store:
        counts = store.counts()
        assert counts["events"] == counts["fused_event_members"] == 3000
        assert counts["fused_events"] == 2100  # 0.7 canonical events per report
        assert 2 * 3000 <= counts["event_participants"] <= 3 * 3000
        assert int(timeline(store)["count"].sum()) == 2100
        assert int(timeline(store, fused=False)["count"].sum()) == 3000
        by_country = region_month(store).groupby("country")["events"].sum()
        assert set(by_country.index) <= {"ML", "BF", "NE", "TD", "LY", "DZ", "MR"}
        assert by_country.idxmax() in ("ML", "BF")
    out = tmp_path / "bench.json"
    assert script("benchmark_queries").main([str(path), "--runs", "2", "--json", str(out)]) == 0
    figures = json.loads(out.read_text())
    assert figures["events"] == 3000 and len(figures["results"]) == 9
    assert all(r["median_ms"] > 0 for r in figures["results"])
