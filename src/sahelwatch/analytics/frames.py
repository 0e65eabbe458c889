"""DataFrames to plain rows, for JSON, CSV and tables: dates as ISO strings, missing values as None."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pandas as pd


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of plain Python values: a midnight timestamp is its date, NaN/NaT/NA are None, numpy scalars
    are ints and floats, so ``json.dumps`` takes them as they are."""
    return [{col: _plain(value) for col, value in row.items()} for row in frame.to_dict("records")]


def _plain(value: Any) -> Any:
    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value.item() if hasattr(value, "item") else value
