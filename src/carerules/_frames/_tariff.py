"""Provider tariffs as columns: every row priced by the per-row tariff engine, visibly.

A tariff (``policy.tariff``) can say far more than the rate tables the
columnar engine vectorises: day types and time bands, duration rules and
rounding, price tables, grace periods, flat visits, calls, carers. None of
that is vectorised yet, so :func:`price_visits_frame` prices each row with
:func:`~carerules.price_visit` and marks it ``engine == "per-row"``: the same
answer, row for row, at per-row speed, and the result says so.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import numpy as np
import pyarrow as pa

from carerules._errors import CareRulesError, InvalidInput
from carerules._frames import _io
from carerules._frames._api import ENGINE, _policy
from carerules._frames._charge import at_row, instant
from carerules._money import MONEY_CONTEXT, minor_unit
from carerules._policy import Policy
from carerules._rules import Decision
from carerules._tariff._price import price_visit
from carerules._tariff._visit import Visit, VisitPrice

_US = timedelta(microseconds=1)


class _Visits:
    def __init__(
        self,
        table: Any,
        *,
        start: str,
        end: str,
        id: str | None,
        service: str | None,
        funder: str | None,
        booked_end: str | None,
        carers: str | None,
    ) -> None:
        self.df = _io.frame(table)
        self.start, _ = _io.instants(self.df, start, "start")
        self.end, _ = _io.instants(self.df, end, "end")
        _io.positive(self.start, self.end, (start, end))
        self.ids = _io.Texts(self.df, id, "id")
        self.service = _io.Texts(self.df, service, "service")
        self.funder = _io.Texts(self.df, funder, "funder")
        self.booked: tuple[Any, Any] | None = None
        if booked_end is not None:
            self.booked = _io.instants(self.df, booked_end, "booked_end", nullable=True)
        self.carers: list[Any] | None = None
        if carers is not None:
            self.carers = _io.column(self.df, carers, "carers").to_list()

    def __len__(self) -> int:
        return len(self.start)

    def visit(self, i: int) -> Visit:
        booked = None
        if self.booked is not None and not self.booked[1][i]:
            booked = instant(int(self.booked[0][i]))
        return Visit(
            instant(int(self.start[i])),
            instant(int(self.end[i])),
            service=self.service[i] if self.service.given else None,
            funder=self.funder[i] if self.funder.given else None,
            booked_end=booked,
            carers=1 if self.carers is None else self.carers[i],
            id=self.ids[i] if self.ids.given else "",
        )


def price_visits_frame(
    table: Any,
    policy: Policy,
    *,
    start: str = "start",
    end: str = "end",
    id: str | None = "id",
    service: str | None = None,
    funder: str | None = None,
    booked_end: str | None = None,
    carers: str | None = None,
) -> Any:
    """Price every visit (row) of ``table`` under ``policy``'s tariff, as :func:`~carerules.price_visit` does.

    Adds ``amount_minor`` (exact integer minor units of the tariff's
    currency), ``worked_us`` and ``charged_us`` (integer microseconds),
    ``day_types`` and ``bands`` (of the lines charged, in order,
    comma-separated), ``lines``, ``rules`` (the rule ids that fired, in
    order, comma-separated) and ``engine``: ``per-row`` on every row, since no
    tariff feature is vectorised yet (module docs). Errors name the row.
    """
    policy = _policy(policy)
    rows = _Visits(
        table,
        start=start,
        end=end,
        id=id,
        service=service,
        funder=funder,
        booked_end=booked_end,
        carers=carers,
    )
    n = len(rows)
    amount = np.zeros(n, dtype=np.int64)
    worked = np.zeros(n, dtype=np.int64)
    charged = np.zeros(n, dtype=np.int64)
    lines = np.zeros(n, dtype=np.int64)
    rules: list[str] = []
    day_types: list[str] = []
    bands: list[str] = []
    for i in range(n):
        visit = rows.visit(i)
        try:
            decision = price_visit(visit, policy)
        except CareRulesError as error:
            raise at_row(error, i, rows.ids[i] if rows.ids.given else "") from None
        p = decision.answer
        amount[i] = int(p.amount.scaleb(minor_unit(p.currency), MONEY_CONTEXT))
        worked[i] = p.worked // _US
        charged[i] = p.charged // _US
        lines[i] = len(p.lines)
        rules.append(",".join(decision.rule_ids))
        day_types.append(",".join(line.day_type for line in p.lines))
        bands.append(",".join(line.band or "" for line in p.lines))
    columns = {
        "amount_minor": pa.array(amount, pa.int64()),
        "worked_us": pa.array(worked, pa.int64()),
        "charged_us": pa.array(charged, pa.int64()),
        "lines": pa.array(lines, pa.int64()),
        "day_types": pa.array(day_types, pa.string()),
        "bands": pa.array(bands, pa.string()),
        "rules": pa.array(rules, pa.string()),
        ENGINE: pa.array(["per-row"] * n, pa.string()),
    }
    return _io.with_columns(rows.df, columns)


def explain_visit(table: Any, row: int, policy: Policy, **columns: Any) -> Decision[VisitPrice]:
    """The decision for row ``row``: exactly what :func:`~carerules.price_visit` gives."""
    names = {"start": "start", "end": "end", "id": "id", "service": None, "funder": None, "booked_end": None}
    rows = _Visits(table, **{**names, "carers": None, **columns})
    if isinstance(row, bool) or not isinstance(row, int) or not 0 <= row < len(rows):
        raise InvalidInput("row", row, f"a row number from 0 to {len(rows) - 1}")
    return price_visit(rows.visit(row), _policy(policy))
