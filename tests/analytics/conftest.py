"""The store fixture of the analytics tests; record builders live in analytics_records.py."""
from __future__ import annotations

from pathlib import Path

import pytest

from sahelwatch.store import Store


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "analyze.duckdb") as s:
        yield s
