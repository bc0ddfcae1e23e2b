"""Results in hours and money (issue 18 frictions): hours as decimals, a cancellation's amount, kinds by value.

Buddies "Other things you should know": 48 hours' notice, late cancellations charged and paid as booked, a 2-hour
minimum; "Costings": £18.50 an hour.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import carerules as cr
from carerules.charging import Cancellation, CancelledBy, build_pay_statement, decide_cancellation
from carerules.policy import ShiftKind
from carerules.strategies import sessions
from tests.conftest import london

SESSION = cr.Session("s-1", "su-amy", london(2027, 3, 3, 10), london(2027, 3, 3, 11, 30), staff="st-dee")


@pytest.mark.parametrize(
    ("received", "amount", "notice_hours", "hours_paid"),
    [
        (london(2027, 3, 1, 9), Decimal("0.00"), Decimal("49"), Decimal(0)),  # 49 h: free, not paid
        (london(2027, 3, 2, 22, 15), Decimal("37.00"), Decimal("11.75"), Decimal(2)),  # late: the 2 h minimum
        (None, Decimal("37.00"), None, Decimal(2)),  # a no-show
    ],
)
def test_a_cancellation_says_its_amount_and_notice_in_hours(
    received: object, amount: Decimal, notice_hours: Decimal | None, hours_paid: Decimal
) -> None:
    outcome = decide_cancellation(SESSION, Cancellation("s-1", CancelledBy.FAMILY, received), cr.BUDDIES).answer  # type: ignore[arg-type]
    assert (outcome.amount, outcome.notice_hours, outcome.hours_paid) == (amount, notice_hours, hours_paid)
    assert str(outcome.amount) == str(amount)


def test_pay_gives_hours_as_exact_decimals() -> None:
    statement = build_pay_statement(
        "st-dee", cr.Period(date(2027, 3, 1), date(2027, 3, 31)), cr.BUDDIES, sessions=[SESSION]
    )
    assert statement.hours_paid == Decimal(2)
    assert statement.lines[0].hours_paid == Decimal(2)
    assert cr.price_session(SESSION, cr.BUDDIES).answer.worked == timedelta(minutes=90)


@given(st.integers(1, 24 * 60 * 60 * 10**6))
def test_hours_are_exact_whenever_they_have_a_finite_decimal(us: int) -> None:
    from carerules._time import hours

    span = timedelta(microseconds=us)
    got = hours(span)
    assert abs(got * 3_600_000_000 - us) <= Decimal("1e-12") * us
    denominator = Fraction(us, 3_600_000_000).denominator
    while denominator % 2 == 0:
        denominator //= 2
    while denominator % 5 == 0:
        denominator //= 5
    if denominator == 1:  # the hours have a finite decimal: given exactly
        assert got == Decimal(us) / Decimal(3_600_000_000)
        assert Fraction(got) == Fraction(us, 3_600_000_000)


def test_a_session_accepts_its_kind_by_value_and_refuses_anything_else() -> None:
    night = cr.Session("n", "su", london(2027, 3, 3, 22), london(2027, 3, 4, 7), kind="waking-night")
    assert night.kind is ShiftKind.WAKING_NIGHT
    assert night == cr.Session("n", "su", london(2027, 3, 3, 22), london(2027, 3, 4, 7), kind=ShiftKind.WAKING_NIGHT)
    with pytest.raises(cr.InvalidInput, match=r"session\.kind: got 'nightly'; expected one of 'day'"):
        cr.Session("n", "su", london(2027, 3, 3, 22), london(2027, 3, 4, 7), kind="nightly")
    with pytest.raises(cr.InvalidInput, match=r"session\.kind"):
        cr.Session("n", "su", london(2027, 3, 3, 22), london(2027, 3, 4, 7), kind=3)  # type: ignore[arg-type]


@given(sessions())
def test_a_kind_given_by_value_builds_the_same_session(session: cr.Session) -> None:
    assert attrs.evolve(session, kind=session.kind.value) == session
