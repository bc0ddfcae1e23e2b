"""Cancellations as columns: a notice column in; charge, pay and the notice margin (data and text) out."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import numpy as np
import pyarrow as pa

from carerules._charging import _rules as R
from carerules._charging._cancellation import decide_cancellation
from carerules._charging._model import Cancellation, CancellationOutcome, CancelledBy
from carerules._errors import CareRulesError, InvalidInput
from carerules._frames import _io
from carerules._frames._api import ENGINE, Rows, _policy, first_failing, pay_minor
from carerules._frames._charge import at_row, charge_columns, instant
from carerules._frames._days import DayTable
from carerules._policy import Policy
from carerules._rules import Decision
from carerules._time import format_duration

BY = tuple(c.value for c in CancelledBy)
_FAMILY, _PROVIDER = BY.index("family"), BY.index("provider")


def _text(state: int, notice_us: int, required_us: int) -> str:
    notice, required = timedelta(microseconds=notice_us), timedelta(microseconds=required_us)
    if state == 0:
        return "cancelled by the provider: never charged"
    if state == 1:
        return f"no notice (no-show): {format_duration(required)} would have been free"
    if state == 2:
        return f"{format_duration(notice)}: free ({format_duration(required)} needed)"
    if notice < timedelta(0):
        return f"after the start ({format_duration(-notice)} late): {format_duration(required)} would have been free"
    return f"{format_duration(notice)}: {format_duration(required)} would have been free"


def cancellations_frame(
    table: Any,
    policy: Policy,
    *,
    start: str = "start",
    end: str = "end",
    kind: str = "kind",
    id: str | None = "id",
    cancelled_by: str = "cancelled_by",
    received_at: str = "received_at",
) -> Any:
    """Decide every cancelled session (row) of ``table``, as :func:`~carerules.decide_cancellation` does.

    Reads the session's ``start``/``end``/``kind``, who cancelled
    (``cancelled_by``: ``family`` or ``provider``) and when the cancellation
    was received (``received_at``: aware timestamps; null means a no-show).
    Adds ``notice_us`` (elapsed notice, null for a no-show or a provider
    cancellation), ``required_us`` (the free-cancellation notice in force on
    the local start date), ``margin_us`` (notice minus required: negative
    when charged), ``notice_text`` ("47 h 12 min: 48 h would have been
    free"), ``charged`` and ``amount_minor`` (0 when not charged), ``paid``,
    ``paid_us`` and ``shifts``, ``pay_amount_minor`` (the money paid in minor
    units, as the decision's ``pay.amount``: null when not paid or when the
    policy has no ``pay_rates``), ``rules`` (the decision's rule ids, in
    order, comma-separated) and ``engine``.
    """
    policy = _policy(policy)
    rows = Rows(table, start=start, end=end, kind=kind, id=id, service_user=None)
    by = _io.codes(rows.df, cancelled_by, "cancelled_by", BY)
    received, no_show = _io.instants(rows.df, received_at, "received_at", nullable=True)
    n = len(rows)
    family = by == _FAMILY
    required = np.zeros(n, dtype=np.int64)
    if family.any():
        days = DayTable.for_rows(policy, rows.start, rows.end)
        if days is None:
            raise InvalidInput(start, "span", "sessions within about 550 years of each other")
        ds = days.day_index(rows.start)
        ok = days.notice_ok[ds]
        missing = family & ~ok
        if missing.any():
            i = int(np.flatnonzero(missing)[0])
            try:
                policy.notice_on(days.days[int(ds[i])])
            except CareRulesError as error:
                raise at_row(error, i, rows.ids[i]) from None
        required = np.where(family, days.notice[ds], 0)
    notice = np.where(no_show | ~family, 0, rows.start - received)
    given = family & ~no_show & (notice >= required)
    charged = family & ~given
    state = np.where(~family, 0, np.where(no_show, 1, np.where(given, 2, 3)))

    sub = np.flatnonzero(charged)
    try:
        c = charge_columns(policy, rows.start[sub], rows.end[sub], rows.kind[sub], rows.session, origin=sub)
        paying = (
            pay_minor(policy, rows.start[sub], rows.end[sub], rows.kind[sub], rows.session, c, sub)
            if policy.pays_money and len(sub)
            else None
        )
    except CareRulesError as error:
        if not policy.pays_money:
            raise
        # Charge and pay rates are each checked for every row in turn; the per-row engine's first failing row decides.
        first_failing((int(i) for i in sub), lambda i: _decide_row(rows, by, received, no_show, i, policy), rows, error)
    amount = np.zeros(n, dtype=np.int64)
    paid_us = np.zeros(n, dtype=np.int64)
    shifts = np.zeros(n, dtype=np.int64)
    per_row = np.zeros(n, dtype=np.bool_)
    amount[sub] = c.amount_minor
    paid_us[sub] = np.where(c.flat, c.worked_us, c.charged_us)
    shifts[sub] = c.flat.astype(np.int64)
    per_row[sub] = c.per_row
    pay_rule = np.where(c.flat, R.PAY_FLAT.id, np.where(c.top_up_us > 0, R.PAY_MINIMUM.id, R.PAY_WORKED.id))
    rules = np.where(state == 0, R.PROVIDER_CANCELLED.id, np.where(state == 2, R.NOTICE_GIVEN.id, "")).astype(object)
    first = np.where(state[sub] == 1, R.NO_SHOW.id, R.LATE_CANCELLATION.id).astype(object)
    charge_rules = np.array([*c.rules.values, ""], dtype=object)[c.rules.codes]
    rules[sub] = first + "," + charge_rules + "," + pay_rule.astype(object)
    pay_money = np.zeros(n, dtype=np.int64)
    if paying is not None:
        pay_money[sub], per_row[sub] = paying[0], per_row[sub] | paying[1]
        rules[sub] = rules[sub] + "," + R.PAY_RATE.id
    key = np.stack([state, notice, required], axis=1)
    uniq, inverse = np.unique(key, axis=0, return_inverse=True)
    texts = np.array([_text(int(a), int(b), int(r)) for a, b, r in uniq.tolist()], dtype=object)[inverse.ravel()]
    known = family & ~no_show
    columns = {
        "notice_us": pa.array(notice, pa.int64(), mask=~known),
        "required_us": pa.array(required, pa.int64(), mask=~family),
        "margin_us": pa.array(notice - required, pa.int64(), mask=~known),
        "notice_text": pa.array(texts, pa.string()),
        "charged": pa.array(charged, pa.bool_()),
        "amount_minor": pa.array(amount, pa.int64()),
        "paid": pa.array(charged, pa.bool_()),
        "paid_us": pa.array(paid_us, pa.int64()),
        "shifts": pa.array(shifts, pa.int64()),
        "pay_amount_minor": pa.array(pay_money, pa.int64(), mask=~charged | (not policy.pays_money)),
        "rules": pa.array(rules, pa.string()),
        ENGINE: pa.array(np.where(per_row, "per-row", "columnar").astype(object), pa.string()),
    }
    return _io.with_columns(rows.df, columns)


def explain_cancellation(
    table: Any,
    row: int,
    policy: Policy,
    *,
    start: str = "start",
    end: str = "end",
    kind: str = "kind",
    id: str | None = "id",
    cancelled_by: str = "cancelled_by",
    received_at: str = "received_at",
    staff: str | None = None,
) -> Decision[CancellationOutcome]:
    """The decision for row ``row``: exactly what :func:`~carerules.decide_cancellation` gives.

    ``staff`` names the column of staff ids (the pay in the decision carries it).
    """
    rows = Rows(table, start=start, end=end, kind=kind, id=id, service_user=None, staff=staff)
    if isinstance(row, bool) or not isinstance(row, int) or not 0 <= row < len(rows):
        raise InvalidInput("row", row, f"a row number from 0 to {len(rows) - 1}")
    by = _io.codes(rows.df, cancelled_by, "cancelled_by", BY)
    received, no_show = _io.instants(rows.df, received_at, "received_at", nullable=True)
    return _decide_row(rows, by, received, no_show, row, _policy(policy))


def _decide_row(
    rows: Rows, by: Any, received: Any, no_show: Any, row: int, policy: Policy
) -> Decision[CancellationOutcome]:
    """Row ``row`` decided by the per-row engine (:func:`~carerules.decide_cancellation`)."""
    session = rows.session(row)
    at = None if no_show[row] else instant(int(received[row]))
    return decide_cancellation(session, Cancellation(session.id, CancelledBy(BY[int(by[row])]), at), policy)
