"""Reading columns from any frame (narwhals) and adding result columns to it, with typed errors."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import narwhals.stable.v2 as nw
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from carerules._errors import InvalidInput
from carerules._frames._days import I64, B
from carerules._time import EARLIEST, LATEST

_LO = (EARLIEST.toordinal() - 719163) * 86_400_000_000
_HI = (LATEST.toordinal() - 719163 + 1) * 86_400_000_000 - 1


def frame(table: Any) -> nw.DataFrame[Any]:
    """``table`` (a pyarrow Table, polars or pandas DataFrame, or anything narwhals reads eagerly) as narwhals."""
    try:
        return nw.from_native(table, eager_only=True)
    except TypeError:
        raise InvalidInput(
            "table", type(table).__name__, "a pyarrow Table, a polars DataFrame or a pandas DataFrame"
        ) from None


def column(df: nw.DataFrame[Any], name: str, param: str) -> nw.Series[Any]:
    """Column ``name`` of ``df``; :class:`InvalidInput` naming the parameter and the columns there are."""
    if not isinstance(name, str) or name not in df.columns:
        have = ", ".join(map(repr, df.columns)) or "none"
        raise InvalidInput(param, name, f"the name of a column of the table (it has {have})")
    return df[name]


def _first(mask: B) -> int:
    return int(np.flatnonzero(mask)[0])


def instants(df: nw.DataFrame[Any], name: str, param: str, *, nullable: bool = False) -> tuple[I64, B]:
    """Column ``name`` as UTC microseconds since the epoch, and its null mask.

    Refuses (naming the column, and the row when one row is at fault) a
    column that is not timezone-aware timestamps, nulls unless ``nullable``,
    instants finer than a microsecond and instants outside the library's range.
    """
    s = column(df, name, param)
    dtype = s.dtype
    if not isinstance(dtype, nw.Datetime):
        raise InvalidInput(name, str(dtype), "a column of timezone-aware timestamps")
    if dtype.time_zone is None:
        raise InvalidInput(
            name,
            str(dtype),
            "timezone-aware timestamps (naive ones are refused: attach a zone, e.g. convert to UTC or Europe/London)",
        )
    nulls: B = s.is_null().to_numpy().astype(np.bool_)
    if nulls.any() and not nullable:
        raise InvalidInput(f"{name}[{_first(nulls)}]", None, "an instant (the column has a null here)")
    if dtype.time_unit == "ns":
        ns = s.dt.timestamp("ns").fill_null(0).to_numpy().astype(np.int64)
        fine = ns % 1000 != 0
        if fine.any():
            i = _first(fine)
            raise InvalidInput(f"{name}[{i}]", int(ns[i]), "an instant to the microsecond (the library's resolution)")
        values = ns // 1000
    else:
        values = s.dt.timestamp("us").fill_null(0).to_numpy().astype(np.int64)
    out = ((values < _LO) | (values > _HI)) & ~nulls
    if out.any():
        i = _first(out)
        raise InvalidInput(f"{name}[{i}]", int(values[i]), "an instant between 0001-01-02 and 9999-12-29 UTC")
    return values, nulls


def codes(df: nw.DataFrame[Any], name: str, param: str, choices: Sequence[str]) -> I64:
    """Column ``name`` as indexes into ``choices``; an unknown value or a null is refused naming its row."""
    s = column(df, name, param)
    arrow = pa.chunked_array([s.to_arrow()]) if not isinstance(s.to_arrow(), pa.ChunkedArray) else s.to_arrow()
    if not pa.types.is_string(arrow.type) and not pa.types.is_large_string(arrow.type):
        try:
            arrow = arrow.cast(pa.string())
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            raise InvalidInput(name, str(arrow.type), f"a column of strings: {', '.join(choices)}") from None
    found = pc.index_in(arrow, value_set=pa.array(list(choices), pa.string()))
    missing = found.is_null().to_numpy(zero_copy_only=False)
    if missing.any():
        i = _first(missing)
        raise InvalidInput(f"{name}[{i}]", arrow[i].as_py(), f"one of {', '.join(choices)}")
    return np.asarray(found.fill_null(0).to_numpy(zero_copy_only=False), dtype=np.int64)


def positive(start: I64, end: I64, names: tuple[str, str]) -> None:
    """Refuse, naming the row, an end that is not after its start."""
    bad = end <= start
    if bad.any():
        i = _first(bad)
        raise InvalidInput(f"{names[1]}[{i}]", int(end[i]), f"an instant after {names[0]}[{i}] (elapsed time)")


class Texts:
    """A text column read on demand (ids, names): one list built the first time a row's value is needed."""

    def __init__(self, df: nw.DataFrame[Any], name: str | None, param: str, *, nullable: bool = False) -> None:
        self._series = None if name is None else column(df, name, param)
        self._name = name
        self._nullable = nullable
        self._asked = 0
        self._values: list[Any] | None = None

    @property
    def given(self) -> bool:
        return self._series is not None

    def __getitem__(self, i: int) -> Any:
        if self._series is None:
            return f"row-{i}"
        self._asked += 1
        if self._values is None and self._asked > 256:
            self._values = self._series.to_list()
        value = self._series.item(i) if self._values is None else self._values[i]
        if value is None and self._nullable:
            return None
        if value is None:
            raise InvalidInput(f"{self._name}[{i}]", None, "a value (the column has a null here)")
        return str(value)


def with_columns(df: nw.DataFrame[Any], columns: Mapping[str, pa.Array]) -> Any:
    """``df`` (as the caller's own kind of table) with ``columns`` added, replacing any of the same name."""
    added = nw.from_arrow(pa.table(dict(columns)), backend=df.implementation)
    return df.with_columns(*[added[name] for name in columns]).to_native()


def dates(values: Any) -> pa.Array:
    """numpy ``datetime64[D]`` (NaT for none) as an Arrow date column."""
    return pa.array(values, type=pa.date32(), from_pandas=True)


__all__ = ["Texts", "codes", "column", "dates", "frame", "instants", "positive", "with_columns"]
