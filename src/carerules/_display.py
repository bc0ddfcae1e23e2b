"""Readable rich display in notebooks: HTML tables built from ``rows()``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from decimal import Decimal
from enum import Enum
from html import escape
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    import pandas
    import polars
    import pyarrow


def html_table(
    rows: Iterable[Mapping[str, Any]],
    *,
    caption: str = "",
    limit: int = 200,
    footer: Iterable[Mapping[str, Any]] = (),
) -> str:
    """Rows of plain dicts as an HTML table (at most ``limit`` rows shown).

    ``footer`` rows (a total, say) go in the table's ``<tfoot>``, under the
    columns their keys name; they are never cut by ``limit``.
    """
    items = list(rows)
    feet = list(footer)
    columns: list[str] = []
    for row in (*items, *feet):
        columns.extend(k for k in row if k not in columns)
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(_cell(row.get(c)))}</td>" for c in columns) + "</tr>" for row in items[:limit]
    )
    more = f"<p>… {len(items) - limit} more rows</p>" if len(items) > limit else ""
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    foot = "".join("<tr>" + "".join(f"<td>{escape(_cell(row.get(c)))}</td>" for c in columns) + "</tr>" for row in feet)
    foot = f"<tfoot>{foot}</tfoot>" if foot else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody>{foot}</table>{more}"


def html_text(text: str) -> str:
    """``text`` escaped for HTML, quotes included: every piece of HTML the library emits goes through this."""
    return escape(text, quote=True)


def _cell(value: Any) -> str:
    """One value as people read it: a choice by its value, an instant as local wall time with its zone's
    abbreviation (the instant's own zone: rows give them in the policy's), a span as "1 h 30 min"."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.isoformat(sep=" ", timespec="minutes")
        return f"{value:%Y-%m-%d %H:%M} {value.tzname()}"
    if isinstance(value, timedelta):
        from carerules._time import format_duration

        return format_duration(value)
    if isinstance(value, tuple | list | frozenset | set):
        return ", ".join(_cell(v) for v in value)
    if attrs.has(type(value)):
        return _short(value)
    return str(value)


def _short(value: Any) -> str:
    """An object inside a cell: its class and id-like fields, not its whole repr."""
    fields = sorted(attrs.fields(type(value)), key=lambda a: a.name not in ("amount", "total"))  # money first
    named = [
        f"{a.name}={_cell(getattr(value, a.name))}"
        for a in fields
        if a.repr is not False and isinstance(getattr(value, a.name), str | Enum | int | Decimal)
    ][:3]
    return f"{type(value).__name__}({', '.join(named)})" if named else type(value).__name__


def answer_html(answer: Any) -> str:
    """A decision's answer for a notebook: a choice or a plain value in bold; an object as a table of fields."""
    if attrs.has(type(answer)):
        rows = [
            {"field": a.name, "value": _cell(getattr(answer, a.name))}
            for a in attrs.fields(type(answer))
            if a.repr is not False
        ]
        return html_table(rows, caption=type(answer).__name__)
    return f"<p><b>{escape(_cell(answer))}</b></p>"


class Tabular:
    """Mixin for results with ``rows()``: a rich HTML display in Jupyter."""

    __slots__ = ()

    def rows(self) -> list[dict[str, Any]]:  # pragma: no cover - overridden
        raise NotImplementedError

    def _repr_html_(self) -> str:
        return html_table(self.rows(), caption=type(self).__name__)

    def to_arrow(self) -> pyarrow.Table:
        """:meth:`rows` as a ``pyarrow.Table``: money as ``decimal128``, proper temporal types (extra ``arrow``)."""
        from carerules._tables import arrow_table

        return arrow_table(self.rows())

    def to_pandas(self) -> pandas.DataFrame:
        """:meth:`rows` as a pandas DataFrame with Arrow-backed columns: exact decimals (extra ``pandas``)."""
        from carerules._tables import pandas_frame

        return pandas_frame(self.rows())

    def to_polars(self) -> polars.DataFrame:
        """:meth:`rows` as a polars DataFrame: decimal, date, datetime and duration columns (extra ``polars``)."""
        from carerules._tables import polars_frame

        return polars_frame(self.rows())
