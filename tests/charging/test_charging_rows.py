"""Rows for notebooks: exact keys and values, local dates, and the readable renderings."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

import carerules as cr
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
            "kind": "day",
            "hours_charged": Decimal(2),
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
            "description": "00:30-01:30 day, 2 h",
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
            "description": "su-amy 00:30-01:30 day",
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
