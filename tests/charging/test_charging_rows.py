"""Rows for notebooks: exact keys and values, local dates, and the readable renderings."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import carerules as cr
from carerules.strategies import policies, sessions
from tests.conftest import london

OCTOBER = cr.Period(date(2026, 10, 1), date(2026, 10, 31))


def late_night() -> cr.Session:
    # 00:30 London on 25 October is still 24 October in UTC: rows must carry the London date.
    return cr.Session("n1", "su-amy", london(2026, 10, 25, 0, 30), london(2026, 10, 25, 1, 30), staff="st-dee")


@pytest.mark.tz
def test_batch_rows_are_plain_and_local() -> None:
    rows = cr.price_batch([late_night()], cr.BUDDIES).rows()
    assert rows == [
        {
            "session": "n1",
            "service_user": "su-amy",
            "staff": "st-dee",
            "date": date(2026, 10, 25),
            "start": london(2026, 10, 25, 0, 30),
            "end": london(2026, 10, 25, 1, 30),
            "kind": "day",
            "day_type": "weekend",
            "bank_holiday": None,
            "bank_holiday_touched": None,
            "crosses_midnight": False,
            "rate": Decimal("18.50"),
            "rate_basis": "per-hour",
            "hours_worked": Decimal(1),
            "hours_charged": Decimal(2),
            "top_up": timedelta(hours=1),
            "minimum_applied": True,
            "amount": Decimal("37.00"),
        }
    ]


@pytest.mark.tz
def test_invoice_and_pay_rows_name_their_rules() -> None:
    session = late_night()
    expense = cr.Expense("e1", "su-amy", date(2026, 10, 25), Decimal("8.50"), "ticket", "cinema")
    invoice = cr.build_invoice("su-amy", OCTOBER, cr.BUDDIES, sessions=[session], expenses=[expense])
    assert invoice.rows() == [
        {
            "service_user": "su-amy",
            "kind": "session",
            "ref": "n1",
            "date": date(2026, 10, 25),
            "description": "00:30-01:30 BST day, 2 h",
            "amount": Decimal("37.00"),
            "billed": True,
            "rules": "charging.hourly-rate charging.minimum-session money.round-line-half-up",
        },
        {
            "service_user": "su-amy",
            "kind": "expense",
            "ref": "e1",
            "date": date(2026, 10, 25),
            "description": "ticket expense e1 (£8.50)",
            "amount": Decimal("8.50"),
            "billed": False,
            "rules": "expenses.not-agreed",
        },
    ]
    pay = cr.build_pay_statement("st-dee", OCTOBER, cr.BUDDIES, sessions=[session])
    assert pay.rows() == [
        {
            "staff": "st-dee",
            "session": "n1",
            "date": date(2026, 10, 25),
            "description": "su-amy 00:30-01:30 BST day",
            "hours_worked": Decimal(1),
            "hours_paid": Decimal(2),
            "shifts": 0,
            "rules": "pay.minimum-session",
        }
    ]
    assert pay.paid == timedelta(hours=2)


def test_renderings_show_totals_and_notable_reasons() -> None:
    start = london(2026, 10, 20, 10)
    short = cr.Session("s1", "su-amy", start, cr.plus_elapsed(start, timedelta(minutes=90)), staff="st-dee")
    invoice = cr.build_invoice("su-amy", OCTOBER, cr.BUDDIES, sessions=[short])
    text = invoice.render()
    assert text.splitlines()[0] == "Invoice for su-amy, 2026-10-01 to 2026-10-31"
    assert "£37.00" in text
    assert "[charging.minimum-session]" in text
    assert "[charging.hourly-rate]" not in text
    assert "[charging.hourly-rate]" in invoice.render(explain=True)
    statement = cr.build_pay_statement("st-dee", OCTOBER, cr.BUDDIES, sessions=[short])
    assert statement.render().splitlines()[-1].split() == ["Total", "2", "h"]


# Buddies "Costings" (a 2-hour minimum), with a bank-holiday rate added as a provider would (product decision
# "Charging": time on a bank holiday at that rate, split at local midnight).
WITH_BANK_HOLIDAYS = cr.BUDDIES.revise(
    version="bh",
    effective_from=date(2027, 1, 1),
    rates=[cr.Rate(cr.ShiftKind.DAY, Decimal("27.75"), date(2027, 1, 1), bank_holiday=True)],
)


@pytest.mark.tz
@pytest.mark.parametrize(
    ("name", "start", "end", "day_type", "bank_holiday", "touched", "crosses", "top_up"),
    [
        ("weekday, over the minimum", london(2027, 3, 3, 10), london(2027, 3, 3, 13), "weekday", None, None, False, 0),
        (
            "Christmas Day",
            london(2027, 12, 25, 10),
            london(2027, 12, 25, 11),
            "bank-holiday",
            "Christmas Day",
            "Christmas Day",
            False,
            60,
        ),
        (
            "Christmas Eve into Christmas Day",
            london(2027, 12, 24, 22),
            london(2027, 12, 25, 1),
            "weekday",
            None,
            "Christmas Day",
            True,
            0,
        ),
        ("a Saturday short visit", london(2027, 3, 6, 9), london(2027, 3, 6, 10, 30), "weekend", None, None, False, 30),
    ],
)
def test_rows_carry_what_an_analyst_groups_by(
    name: str,
    start: object,
    end: object,
    day_type: str,
    bank_holiday: str | None,
    touched: str | None,
    crosses: bool,
    top_up: int,
) -> None:
    session = cr.Session("s", "su-amy", start, end, staff="st-dee")  # type: ignore[arg-type]
    (row,) = cr.price_batch([session], WITH_BANK_HOLIDAYS).rows()
    got = (row["day_type"], row["bank_holiday"], row["bank_holiday_touched"], row["crosses_midnight"])
    assert got == (day_type, bank_holiday, touched, crosses), name
    assert row["top_up"] == timedelta(minutes=top_up)
    assert row["minimum_applied"] is (top_up > 0)
    assert row["rate"] == (Decimal("27.75") if bank_holiday else Decimal("18.50"))
    decision = cr.price_session(session, WITH_BANK_HOLIDAYS)
    assert ("charging.minimum-session" in decision.rule_ids) is row["minimum_applied"]
    assert ("charging.midnight-split" in decision.rule_ids) is row["crosses_midnight"]
    assert row["amount"] == decision.answer.amount


@settings(max_examples=60, deadline=None)
@given(policies(), st.lists(sessions(), min_size=1, max_size=8))
def test_every_rows_reasons_agree_with_its_explanation(policy: cr.Policy, drawn: list[cr.Session]) -> None:
    """The row's flags are the explanation's rules, as data: filter by them without parsing text."""
    batch = cr.price_batch(drawn, policy)
    for i, row in enumerate(batch.rows()):
        decision = batch.explain(i)
        assert row["amount"] == decision.answer.amount
        assert row["minimum_applied"] is ("charging.minimum-session" in decision.rule_ids)
        assert row["top_up"] == decision.answer.top_up
        hourly_split = "charging.midnight-split" in decision.rule_ids
        assert row["crosses_midnight"] or not hourly_split
        holidays = {p.holiday for p in decision.answer.parts if p.holiday is not None}
        assert (row["bank_holiday_touched"] is not None) is bool(holidays) or row["rate_basis"] == "per-shift"
        assert row["start"].utcoffset() == row["start"].astimezone(policy.tz).utcoffset()
