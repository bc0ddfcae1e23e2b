"""Results as typed tables: Arrow, pandas and polars from any result's ``rows()``.

Each conversion imports its library only when called (optional extras
``arrow``, ``pandas``, ``polars``). Money stays exact: a column of
``Decimal`` becomes an Arrow ``decimal128`` (in pandas, an ``ArrowDtype``
decimal column, whose ``sum()`` and ``mean()`` are ``Decimal``), never a
float or an object column. Dates become ``date32``, instants
``timestamp[us]`` in their zone (UTC when a column mixes zones), durations
``duration[us]``, choices their string values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any

from carerules._errors import MissingDependency

if TYPE_CHECKING:
    import pandas
    import polars
    import pyarrow


def _import(package: str, extra: str, needed_for: str) -> Any:
    import importlib

    try:
        return importlib.import_module(package)
    except ImportError:
        raise MissingDependency(package, extra, needed_for) from None


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list | frozenset | set):
        return [_plain(v) for v in value]
    return value


def _column(values: list[Any]) -> list[Any]:
    """One column's values, each plain; aware instants in several zones read in UTC (Arrow keeps one zone)."""
    plain = [_plain(v) for v in values]
    zones = {v.tzinfo for v in plain if isinstance(v, datetime)}
    if len(zones) > 1:
        plain = [v.astimezone(UTC) if isinstance(v, datetime) else v for v in plain]
    # A Decimal column needs nothing more: Arrow infers one precision and scale for it, the largest
    # of its values', so no digit is lost.
    return plain


def arrow_table(rows: Iterable[Mapping[str, Any]], *, needed_for: str = "to_arrow()") -> pyarrow.Table:
    """``rows`` (plain dicts) as a ``pyarrow.Table``, columns in first-seen order."""
    pa = _import("pyarrow", "arrow", needed_for)
    items = list(rows)
    columns: list[str] = []
    for row in items:
        columns.extend(k for k in row if k not in columns)
    arrays = [pa.array(_column([row.get(c) for row in items])) for c in columns]
    return pa.table(arrays, names=columns)


def pandas_frame(rows: Iterable[Mapping[str, Any]]) -> pandas.DataFrame:
    """``rows`` as a pandas DataFrame of Arrow-backed columns (exact decimals, proper temporal types)."""
    pd = _import("pandas", "pandas", "to_pandas()")
    frame: pandas.DataFrame = arrow_table(rows, needed_for="to_pandas()").to_pandas(types_mapper=pd.ArrowDtype)
    return frame


def polars_frame(rows: Iterable[Mapping[str, Any]]) -> polars.DataFrame:
    """``rows`` as a polars DataFrame (decimal, date, datetime and duration columns)."""
    pl = _import("polars", "polars", "to_polars()")
    frame: polars.DataFrame = pl.DataFrame(pl.from_arrow(arrow_table(rows, needed_for="to_polars()")))
    return frame
