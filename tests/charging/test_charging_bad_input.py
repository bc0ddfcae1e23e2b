"""Bad input gets a typed error naming the field and the value, never a crash or a wrong answer."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

import carerules as cr
from tests.conftest import london

START = london(2026, 10, 20, 10)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"start": datetime(2026, 10, 20, 10)}, "session.start"),
        ({"end": datetime(2026, 10, 20, 12)}, "session.end"),
        ({"end": START - timedelta(hours=1)}, "session.end"),
        ({"end": START}, "session.end"),
        ({"kind": "lunch"}, "session.kind"),
        ({"kind": "DAY"}, "session.kind"),  # a member name, not a value (values such as "day" are accepted)
        ({"id": ""}, "session.id"),
        ({"service_user": None}, "session.service_user"),
        ({"staff": 3}, "session.staff"),
        ({"start": "2026-10-20T10:00:00+01:00"}, "session.start"),
    ],
)
def test_bad_session_fields_are_named(kwargs: dict[str, Any], field: str) -> None:
    args: dict[str, Any] = {"id": "s1", "service_user": "su", "start": START, "end": START + timedelta(hours=2)}
    args.update(kwargs)
    with pytest.raises(cr.InvalidInput) as caught:
        cr.Session(**args)
    assert caught.value.field == field
    assert isinstance(caught.value, cr.CareRulesError)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    "amount", [18.5, float("nan"), "18.50", True, Decimal("NaN"), Decimal("-1"), Decimal("Infinity")]
)
def test_money_must_be_an_exact_decimal(amount: Any) -> None:
    with pytest.raises(cr.InvalidInput) as caught:
        cr.Rate(cr.ShiftKind.DAY, amount, date(2026, 1, 1))
    assert caught.value.field == "rate.amount"
    assert caught.value.value is amount


def test_float_message_says_why() -> None:
    with pytest.raises(cr.InvalidInput, match="not a float"):
        cr.Expense("e", "su", date(2026, 1, 1), 5.0, "meal")  # type: ignore[arg-type]


def test_to_money_accepts_exact_forms() -> None:
    assert cr.to_money("18.50", "x") == Decimal("18.50")
    assert cr.to_money(7, "x") == Decimal(7)
    with pytest.raises(cr.InvalidInput, match="x"):
        cr.to_money("eighteen", "x")


def test_cancellation_of_another_session_is_refused() -> None:
    session = cr.Session("s1", "su", START, START + timedelta(hours=2))
    with pytest.raises(cr.InvalidInput, match="session_id"):
        cr.decide_cancellation(session, cr.Cancellation("s2", cr.CancelledBy.FAMILY, START), cr.BUDDIES)


def test_naive_cancellation_time_is_refused() -> None:
    with pytest.raises(cr.InvalidInput, match="received_at"):
        cr.Cancellation("s1", cr.CancelledBy.FAMILY, datetime(2026, 10, 18, 10))


def test_invoice_refuses_duplicate_sessions_and_unknown_cancellations() -> None:
    session = cr.Session("s1", "su", START, START + timedelta(hours=2))
    period = cr.Period(date(2026, 10, 1), date(2026, 10, 31))
    with pytest.raises(cr.InvalidInput, match="unique"):
        cr.build_invoice("su", period, cr.BUDDIES, sessions=[session, session])
    with pytest.raises(cr.InvalidInput, match=r"cancellation\.session_id"):
        cr.build_invoice(
            "su",
            period,
            cr.BUDDIES,
            sessions=[session],
            cancellations=[cr.Cancellation("zz", cr.CancelledBy.FAMILY, START)],
        )


def test_period_must_run_forwards() -> None:
    with pytest.raises(cr.InvalidInput, match=r"period\.last"):
        cr.Period(date(2026, 10, 31), date(2026, 10, 1))


def test_mixed_rate_bases_across_midnight_are_refused_clearly() -> None:
    odd = cr.Policy(
        id="odd",
        name="Odd",
        version="1",
        effective_from=date(2000, 1, 1),
        rates=(
            cr.Rate(cr.ShiftKind.DAY, Decimal("18.50"), date(2000, 1, 1)),
            cr.Rate(cr.ShiftKind.DAY, Decimal("100"), date(2000, 1, 1), cr.RateBasis.PER_SHIFT, bank_holiday=True),
        ),
    )
    session = cr.Session("s1", "su", london(2026, 12, 24, 22), london(2026, 12, 25, 1))
    with pytest.raises(cr.InvalidInput, match="per-hour bank-holiday day rate"):
        cr.price_session(session, odd)
