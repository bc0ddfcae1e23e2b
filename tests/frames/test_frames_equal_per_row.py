"""The columnar engine gives the per-row engine's answer on every row: amount, times, rule ids, flags.

Both paths are driven by the shipped strategies (``carerules.strategies``:
sessions near DST changes and bank-holiday midnights, generated policies with
flat and hourly kinds, dated minimums and closure days), over pyarrow, polars
and pandas inputs.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from carerules import CareRulesError, Policy, RateBasis, Session, pay_for_session, price_session
from carerules.frames import explain, pay_frame, price_frame
from carerules.strategies import policies, sessions
from tests.frames._tables import BACKENDS, column, table

_US = timedelta(microseconds=1)


def _expected(items: list[Session], policy: Policy) -> list[Any] | CareRulesError:
    out = []
    for s in items:
        try:
            out.append(price_session(s, policy))
        except CareRulesError as error:
            return error
    return out


@given(
    policy=policies(),
    items=st.lists(sessions(), max_size=12, unique_by=lambda s: s.id),
    backend=st.sampled_from(BACKENDS),
)
def test_price_frame_equals_price_session(policy: Policy, items: list[Session], backend: str) -> None:
    expected = _expected(items, policy)
    if isinstance(expected, CareRulesError):
        with pytest.raises(type(expected)):
            price_frame(table(items, backend), policy)
        return
    result = price_frame(table(items, backend), policy)
    got = {name: column(result, name) for name in ("amount_minor", "worked_us", "charged_us", "top_up_us", "rules")}
    flags = {name: column(result, name) for name in ("minimum_applied", "split_at_midnight", "bank_holiday")}
    for i, d in enumerate(expected):
        c = d.answer
        assert got["amount_minor"][i] == int(c.amount * 100), i
        assert got["worked_us"][i] == c.worked // _US
        assert got["charged_us"][i] == c.charged // _US
        assert got["top_up_us"][i] == c.top_up // _US
        assert got["rules"][i] == ",".join(d.rule_ids)
        assert flags["minimum_applied"][i] == (c.top_up > timedelta(0))
        assert flags["split_at_midnight"][i] == (len(c.parts) > 1)
        assert flags["bank_holiday"][i] == any(p.holiday for p in c.parts)
    assert column(result, "id") == [s.id for s in items]


@given(policy=policies(), items=st.lists(sessions(), min_size=1, max_size=6, unique_by=lambda s: s.id))
def test_explain_is_price_session(policy: Policy, items: list[Session]) -> None:
    frame = table(items, "pyarrow")
    for i, s in enumerate(items):
        try:
            expected = price_session(s, policy)
        except CareRulesError:
            continue
        assert explain(frame, i, policy) == expected


@given(
    policy=policies(),
    items=st.lists(sessions(), max_size=10, unique_by=lambda s: s.id),
    backend=st.sampled_from(BACKENDS),
)
def test_pay_frame_equals_pay_for_session(policy: Policy, items: list[Session], backend: str) -> None:
    try:
        expected = [pay_for_session(s, policy) for s in items]
    except CareRulesError as error:
        with pytest.raises(type(error)):
            pay_frame(table(items, backend), policy)
        return
    result = pay_frame(table(items, backend), policy)
    paid, shifts, rule = column(result, "paid_us"), column(result, "shifts"), column(result, "pay_rule")
    money = column(result, "amount_minor")
    for i, d in enumerate(expected):
        assert paid[i] == d.answer.paid // _US
        assert shifts[i] == d.answer.shifts
        # The pay rule that decided the time, then (under pay rates) the one that priced it.
        assert (rule[i], *(["pay.rate"] if policy.pays_money else [])) == d.rule_ids
        amount = d.answer.amount
        assert money[i] == (None if amount is None else int(amount * 100))


def test_flat_kinds_are_priced_per_shift() -> None:
    """A drawn policy's flat sleeping nights come out per-shift, hourly ones per-hour (the basis column)."""

    @given(policy=policies(), items=st.lists(sessions(), min_size=1, max_size=5, unique_by=lambda s: s.id))
    def check(policy: Policy, items: list[Session]) -> None:
        if isinstance(_expected(items, policy), CareRulesError):
            return
        basis = column(price_frame(table(items, "polars"), policy), "basis")
        for s, b in zip(items, basis, strict=True):
            assert b == price_session(s, policy).answer.basis.value
        assert set(basis) <= {RateBasis.PER_HOUR.value, RateBasis.PER_SHIFT.value}

    check()
