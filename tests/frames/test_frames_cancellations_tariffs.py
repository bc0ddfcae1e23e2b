"""Cancellations and provider tariffs as frames: the per-row decision on every row, from the shipped strategies."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carerules import (
    Cancellation,
    CareRulesError,
    Policy,
    Session,
    Visit,
    decide_cancellation,
    price_visit,
)
from carerules.frames import cancellations_frame, explain_cancellation, explain_visit, price_visits_frame
from carerules.strategies import cancellations, policies, sessions, tariff_policies, visits
from tests.frames._tables import BACKENDS, column, table

_US = timedelta(microseconds=1)


@st.composite
def cancelled(draw: st.DrawFn) -> list[tuple[Session, Cancellation]]:
    items = draw(st.lists(sessions(), max_size=10, unique_by=lambda s: s.id))
    return [(s, draw(cancellations(s))) for s in items]


def _cancel_table(pairs: list[tuple[Session, Cancellation]], backend: str) -> Any:
    by = pa.array([c.cancelled_by.value for _, c in pairs], pa.string())
    at = pa.array([c.received_at for _, c in pairs], pa.timestamp("us", "Europe/London"))
    staff = pa.array([s.staff for s, _ in pairs], pa.string())
    return table([s for s, _ in pairs], backend, cancelled_by=by, received_at=at, staff=staff)


@settings(max_examples=60)
@given(policy=policies(), pairs=cancelled(), backend=st.sampled_from(BACKENDS))
def test_cancellations_frame_equals_decide_cancellation(
    policy: Policy, pairs: list[tuple[Session, Cancellation]], backend: str
) -> None:
    try:
        expected = [decide_cancellation(s, c, policy) for s, c in pairs]
    except CareRulesError:
        with pytest.raises(CareRulesError) as raised:
            cancellations_frame(_cancel_table(pairs, backend), policy)
        assert type(raised.value) in _types(pairs, policy)
        return
    result = cancellations_frame(_cancel_table(pairs, backend), policy)
    names = ("charged", "amount_minor", "paid_us", "pay_amount_minor", "notice_us", "rules", "margin_us")
    cols = {n: column(result, n) for n in names}
    for i, d in enumerate(expected):
        o = d.answer
        assert cols["charged"][i] == o.charged
        assert cols["amount_minor"][i] == (int(o.charge.amount * 100) if o.charge else 0)
        assert cols["paid_us"][i] == (o.pay.paid // _US if o.pay else 0)
        pay_money = None if o.pay is None or o.pay.amount is None else int(o.pay.amount * 100)
        assert cols["pay_amount_minor"][i] == pay_money
        assert cols["notice_us"][i] == (None if o.notice is None else o.notice // _US)
        assert cols["rules"][i] == ",".join(d.rule_ids)
        if o.notice is not None:
            required = policy.notice_on(pairs[i][0].start.astimezone(policy.tz).date())
            assert cols["margin_us"][i] == (o.notice - required) // _US
    frame = _cancel_table(pairs, "pyarrow")
    for i in range(min(len(pairs), 2)):
        assert explain_cancellation(frame, i, policy, staff="staff") == expected[i]


def _types(pairs: list[tuple[Session, Cancellation]], policy: Policy) -> set[type]:
    out = set()
    for s, c in pairs:
        try:
            decide_cancellation(s, c, policy)
        except CareRulesError as error:
            out.add(type(error))
    return out


def test_notice_margin_text() -> None:
    """47 h 12 min of notice under a 48 h policy: charged, and the margin says what would have been free."""
    from carerules import BUDDIES, CancelledBy
    from tests.conftest import london

    start = london(2026, 6, 10, 10)
    s = Session("s1", "su", start, start + timedelta(hours=2))
    c = Cancellation("s1", CancelledBy.FAMILY, start - timedelta(hours=47, minutes=12))
    result = cancellations_frame(_cancel_table([(s, c)], "polars"), BUDDIES)
    assert column(result, "notice_text") == ["47 h 12 min: 48 h would have been free"]
    assert column(result, "margin_us") == [-48 * 60 * 60_000_000 // 60]
    assert column(result, "charged") == [decide_cancellation(s, c, BUDDIES).answer.charged] == [True]


def _visit_table(items: list[Visit], backend: str) -> Any:
    import polars as pl

    arrow = pa.table(
        {
            "id": pa.array([f"v{i}" for i in range(len(items))], pa.string()),
            "start": pa.array([v.start for v in items], pa.timestamp("us", "UTC")),
            "end": pa.array([v.end for v in items], pa.timestamp("us", "UTC")),
            "booked_end": pa.array([v.booked_end for v in items], pa.timestamp("us", "UTC")),
            "carers": pa.array([v.carers for v in items], pa.int64()),
        }
    )
    if backend == "polars":
        return pl.from_arrow(arrow)
    return arrow.to_pandas() if backend == "pandas" else arrow


@settings(max_examples=60)
@given(policy=tariff_policies(), items=st.lists(visits(), max_size=6), backend=st.sampled_from(BACKENDS))
def test_price_visits_frame_equals_price_visit(policy: Policy, items: list[Visit], backend: str) -> None:
    import attrs

    items = [attrs.evolve(v, id=f"v{i}") for i, v in enumerate(items)]
    try:
        expected = [price_visit(v, policy) for v in items]
    except CareRulesError as error:
        with pytest.raises(type(error)):
            price_visits_frame(_visit_table(items, backend), policy, booked_end="booked_end", carers="carers")
        return
    result = price_visits_frame(_visit_table(items, backend), policy, booked_end="booked_end", carers="carers")
    amounts, rules = column(result, "amount_minor"), column(result, "rules")
    assert column(result, "engine") == ["per-row"] * len(items)  # the fallback is visible
    for i, d in enumerate(expected):
        assert amounts[i] == int(d.answer.amount.scaleb(2))
        assert rules[i] == ",".join(d.rule_ids)
        assert column(result, "charged_us")[i] == d.answer.charged // _US
    if items:
        frame = _visit_table(items, "pyarrow")
        assert explain_visit(frame, 0, policy, booked_end="booked_end", carers="carers") == expected[0]
