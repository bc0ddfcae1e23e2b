"""Readable rich display in notebooks: HTML tables built from ``rows()``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape
from typing import Any


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
    return "" if value is None else str(value)


class Tabular:
    """Mixin for results with ``rows()``: a rich HTML display in Jupyter."""

    __slots__ = ()

    def rows(self) -> list[dict[str, Any]]:  # pragma: no cover - overridden
        raise NotImplementedError

    def _repr_html_(self) -> str:
        return html_table(self.rows(), caption=type(self).__name__)
