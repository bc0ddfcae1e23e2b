"""Building the same sessions as a pyarrow, polars or pandas table, and reading result columns back."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa

from carerules import Session

BACKENDS = ("pyarrow", "polars", "pandas")


def table(sessions: Sequence[Session], backend: str, **extra: Sequence[Any]) -> Any:
    """``sessions`` as columns id, start, end, kind (and ``extra``) in ``backend``'s kind of table."""
    start = pa.array([s.start for s in sessions], pa.timestamp("us", "Europe/London"))
    end = pa.array([s.end for s in sessions], pa.timestamp("us", "UTC"))
    data: dict[str, Any] = {
        "id": pa.array([s.id for s in sessions], pa.string()),
        "start": start,
        "end": end,
        "kind": pa.array([s.kind.value for s in sessions], pa.string()),
        **extra,
    }
    arrow = pa.table(data)
    if backend == "pyarrow":
        return arrow
    if backend == "polars":
        return pl.from_arrow(arrow)
    frame = arrow.to_pandas()
    frame.index = [f"r{i}" for i in range(len(frame))]  # a non-default index: results must still line up
    return frame


def column(result: Any, name: str) -> list[Any]:
    """Column ``name`` of a result table as Python values (None for nulls, whatever the backend)."""
    if isinstance(result, pa.Table):
        return list(result.column(name).to_pylist())
    if isinstance(result, pl.DataFrame):
        return result[name].to_list()
    assert isinstance(result, pd.DataFrame)
    return [None if v is None or (isinstance(v, float) and pd.isna(v)) else v for v in result[name].tolist()]
