"""Invoices and pay statements pinned line by line, with every kind of line in one month.

Written to kill the mutants that survived ``make mutation`` on ``_charging._invoice``. The
month mixes a short session, a late and an in-time family cancellation, a provider
cancellation, a no-show, a bank holiday, a flat-rate night on a bank holiday, agreed and
unagreed expenses, and entries that belong to another Service User, another staff
member or another month, which must be left out.
"""

# ruff: noqa: E501 (the expected texts are printed lines, kept whole)

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import attrs
import pytest

import carerules as cr
from tests.charging.test_charging_worked_examples import WITH_RATES
from tests.conftest import london


def session_at(
    i: str,
    su: str,
    d: tuple[int, int],
    h: int,
    m: int,
    hours: float,
    kind: cr.ShiftKind = cr.ShiftKind.DAY,
    staff: str = "st-dee",
) -> cr.Session:
    """A session starting at local (2026, *d, h, m) and lasting ``hours`` of elapsed time."""
    start = london(2026, d[0], d[1], h, m)
    return cr.Session(i, su, start, cr.plus_elapsed(start, timedelta(minutes=int(hours * 60))), kind, staff=staff)


sessions = (
    session_at("s-late", "su-amy", (12, 2), 10, 0, 3),
    session_at("s-plain", "su-amy", (12, 1), 9, 30, 1.5),
    session_at("s-xmas", "su-amy", (12, 25), 10, 0, 2),
    session_at("s-night", "su-amy", (12, 25), 22, 0, 9, cr.ShiftKind.SLEEPING_NIGHT),
    session_at("s-intime", "su-amy", (12, 3), 10, 0, 2),
    session_at("s-prov", "su-amy", (12, 4), 10, 0, 2),
    session_at("s-noshow", "su-amy", (12, 5), 10, 0, 2),
    session_at("s-other", "su-bob", (12, 1), 10, 0, 2),
    session_at("s-otherstaff", "su-amy", (12, 6), 10, 0, 2, staff="st-eve"),
    session_at("s-nov", "su-amy", (11, 30), 10, 0, 2),
)
cancellations = (
    cr.Cancellation("s-late", cr.CancelledBy.FAMILY, london(2026, 12, 1, 10)),
    cr.Cancellation("s-intime", cr.CancelledBy.FAMILY, london(2026, 11, 28, 10)),
    cr.Cancellation("s-prov", cr.CancelledBy.PROVIDER, london(2026, 12, 4, 9)),
    cr.Cancellation("s-noshow", cr.CancelledBy.FAMILY, None),
)
expenses = (
    cr.Expense("e-meal", "su-amy", date(2026, 12, 2), Decimal("7.50"), "meal", "lunch"),
    cr.Expense("e-ticket", "su-amy", date(2026, 12, 1), Decimal("12.00"), "ticket"),
    cr.Expense("e-bob", "su-bob", date(2026, 12, 2), Decimal("3.00"), "meal"),
    cr.Expense("e-nov", "su-amy", date(2026, 11, 30), Decimal("3.00"), "meal"),
)
agreements = (cr.ExpenseAgreement("su-amy", "meal", date(2026, 11, 1)),)
DECEMBER = cr.Period(date(2026, 12, 1), date(2026, 12, 31))


def invoice() -> cr.Invoice:
    return cr.build_invoice(
        "su-amy",
        DECEMBER,
        WITH_RATES,
        sessions=sessions,
        cancellations=cancellations,
        expenses=expenses,
        agreements=agreements,
    )


def statement() -> cr.PayStatement:
    return cr.build_pay_statement("st-dee", DECEMBER, WITH_RATES, sessions=sessions, cancellations=cancellations)


INVOICE_TEXT = (
    "Invoice for su-amy, 2026-12-01 to 2026-12-31\n"
    "  2026-12-01  09:30-11:00 day, 2 h                                           £37.00\n"
    "              - [charging.minimum-session] 1 h 30 min booked; charged as 2 h (top-up of 30 min at £18.50 per hour (day, from 2000-01-01)) (a session of 2 h or more is charged for its actual length)\n"
    "  2026-12-02  10:00-13:00 day, cancelled late (3 h)                          £55.50\n"
    "              - [cancellation.late] notice was 24 h: charged as booked and the staff member paid (48 h or more would not have been charged)\n"
    "  2026-12-05  10:00-12:00 day, cancelled late (2 h)                          £37.00\n"
    "              - [cancellation.no-show] no cancellation was received before the session: treated as no notice\n"
    "  2026-12-06  10:00-12:00 day, 2 h                                           £37.00\n"
    "  2026-12-25  10:00-12:00 day, 2 h                                           £55.50\n"
    "              - [calendar.bank-holidays] 2026-12-25 is Christmas Day, a bank holiday in GB-ENG (holidays package)\n"
    "              - [charging.bank-holiday-rate] 2 h on 2026-12-25 at £27.75 per hour (bank-holiday day, from 2000-01-01): 2026-12-25 is Christmas Day\n"
    "  2026-12-25  22:00-07:00 sleeping-night, 9 h                               £142.50\n"
    "              - [charging.flat-shift-rate] sleeping-night charged £142.50 per shift (bank-holiday sleeping-night, from 2000-01-01)\n"
    "              - [calendar.bank-holidays] 2026-12-25 is Christmas Day, a bank holiday in GB-ENG (holidays package)\n"
    "              - [charging.flat-shift-bank-holiday-start] the shift starts on 2026-12-25 (Christmas Day), a bank holiday\n"
    "  2026-12-02  meal expense e-meal (£7.50)                                     £7.50\n"
    "              - [expenses.agreed] meal £7.50 billed under the agreement of 2026-11-01\n"
    "  Total                                                                     £372.00\n"
    "  not billed: 2026-12-03  10:00-12:00 day, cancelled in time\n"
    "              - [cancellation.notice-given] notice was 120 h: not charged, not paid (less than 48 h of notice would have been charged)\n"
    "  not billed: 2026-12-04  10:00-12:00 day, cancelled by the provider\n"
    "              - [cancellation.by-provider] cancelled by the provider: not charged, not paid\n"
    "  not billed: 2026-12-01  ticket expense e-ticket (£12.00)\n"
    "              - [expenses.not-agreed] ticket £12.00 not billed: no recorded agreement for this case\n"
    "  Not billed (not in the total)                                              £12.00"
)

PAY_TEXT = (
    "Pay for st-dee, 2026-12-01 to 2026-12-31\n"
    "  2026-12-01  su-amy 09:30-11:00 day                                              2 h\n"
    "              - [pay.minimum-session] 1 h 30 min worked; paid as 2 h (sessions of 2 h or more are paid as worked)\n"
    "  2026-12-01  su-bob 10:00-12:00 day                                              2 h\n"
    "  2026-12-02  su-amy 10:00-13:00 day, cancelled late                              3 h\n"
    "              - [cancellation.late] notice was 24 h: charged as booked and the staff member paid (48 h or more would not have been charged)\n"
    "  2026-12-05  su-amy 10:00-12:00 day, cancelled late                              2 h\n"
    "              - [cancellation.no-show] no cancellation was received before the session: treated as no notice\n"
    "  2026-12-25  su-amy 10:00-12:00 day                                              2 h\n"
    "  2026-12-25  su-amy 22:00-07:00 sleeping-night                               1 shift\n"
    "              - [pay.flat-shift] sleeping-night paid as one shift\n"
    "  Total                                                                          11 h + 1 shift(s)"
)


@pytest.mark.tz
def test_invoice_renders_every_kind_of_line_with_its_notable_reasons() -> None:
    """cancellation.late, no-show, notice-given, by-provider; expenses.agreed and
    not-agreed; charging.minimum-session, bank-holiday-rate, flat-shift-bank-holiday-start."""
    assert invoice().render() == INVOICE_TEXT


@pytest.mark.tz
def test_invoice_rows_carry_kind_ref_local_date_amount_billed_and_rules() -> None:
    assert [(r["kind"], r["ref"], r["date"], r["amount"], r["billed"], r["rules"]) for r in invoice().rows()] == [
        (
            "session",
            "s-plain",
            date(2026, 12, 1),
            Decimal("37.00"),
            True,
            "charging.hourly-rate charging.minimum-session money.round-line-half-up",
        ),
        (
            "late-cancellation",
            "s-late",
            date(2026, 12, 2),
            Decimal("55.50"),
            True,
            "cancellation.late charging.hourly-rate money.round-line-half-up pay.time-worked",
        ),
        (
            "late-cancellation",
            "s-noshow",
            date(2026, 12, 5),
            Decimal("37.00"),
            True,
            "cancellation.no-show charging.hourly-rate money.round-line-half-up pay.time-worked",
        ),
        (
            "session",
            "s-otherstaff",
            date(2026, 12, 6),
            Decimal("37.00"),
            True,
            "charging.hourly-rate money.round-line-half-up",
        ),
        (
            "session",
            "s-xmas",
            date(2026, 12, 25),
            Decimal("55.50"),
            True,
            "calendar.bank-holidays charging.bank-holiday-rate money.round-line-half-up",
        ),
        (
            "session",
            "s-night",
            date(2026, 12, 25),
            Decimal("142.50"),
            True,
            "charging.flat-shift-rate calendar.bank-holidays charging.flat-shift-bank-holiday-start money.round-line-half-up",
        ),
        ("expense", "e-meal", date(2026, 12, 2), Decimal("7.50"), True, "expenses.agreed"),
        (
            "cancelled",
            "s-intime",
            date(2026, 12, 3),
            Decimal("0.00"),
            False,
            "cancellation.notice-given",
        ),
        ("cancelled", "s-prov", date(2026, 12, 4), Decimal("0.00"), False, "cancellation.by-provider"),
        ("expense", "e-ticket", date(2026, 12, 1), Decimal("12.00"), False, "expenses.not-agreed"),
    ]
    assert all(r["service_user"] == "su-amy" for r in invoice().rows())


@pytest.mark.tz
def test_invoice_total_sums_billed_lines_only() -> None:
    bill = invoice()
    assert bill.total == Decimal("372.00")
    assert bill.currency == "GBP"
    # issue 18: a not-billed expense carries what was claimed; cancelled sessions claim nothing
    assert [line.amount for line in bill.not_billed] == [Decimal("0.00"), Decimal("0.00"), Decimal("12.00")]
    assert [line.billed for line in bill.not_billed] == [False, False, False]
    assert all(line.billed for line in bill.lines)
    assert bill.not_billed_total == Decimal("12.00")
    assert [line.kind for line in bill.not_billed] == [
        cr.LineKind.CANCELLED,
        cr.LineKind.CANCELLED,
        cr.LineKind.EXPENSE,
    ]


@pytest.mark.tz
def test_explained_invoice_shows_the_routine_reasons_too() -> None:
    explained = invoice().render(explain=True)
    plain = invoice().render()
    for routine in ("charging.hourly-rate", "money.round-line-half-up", "pay.time-worked"):
        assert f"- [{routine}]" in explained
        assert f"- [{routine}]" not in plain
    assert explained.count("\n") == plain.count("\n") + 12


@pytest.mark.tz
def test_pay_statement_pays_late_cancellations_and_counts_flat_shifts_apart() -> None:
    """pay.minimum-session, pay.flat-shift, cancellation.late: paid as booked."""
    pay = statement()
    assert pay.render() == PAY_TEXT
    assert pay.paid == timedelta(hours=11)
    assert pay.shifts == 1
    assert [(r["session"], r["hours_worked"], r["hours_paid"], r["shifts"], r["rules"]) for r in pay.rows()] == [
        ("s-plain", Decimal("1.5"), Decimal("2"), 0, "pay.minimum-session"),
        ("s-other", Decimal("2"), Decimal("2"), 0, "pay.time-worked"),
        ("s-late", Decimal("3"), Decimal("3"), 0, "cancellation.late pay.time-worked"),
        ("s-noshow", Decimal("2"), Decimal("2"), 0, "cancellation.no-show pay.time-worked"),
        ("s-xmas", Decimal("2"), Decimal("2"), 0, "pay.time-worked"),
        ("s-night", Decimal("9"), Decimal("9"), 1, "pay.flat-shift"),
    ]
    assert all(r["staff"] == "st-dee" for r in pay.rows())


@pytest.mark.tz
def test_explained_pay_statement_shows_time_worked() -> None:
    assert "- [pay.time-worked]" in statement().render(explain=True)
    assert "- [pay.time-worked]" not in statement().render()


def test_duplicate_session_ids_are_refused_naming_the_id() -> None:
    with pytest.raises(cr.InvalidInput) as caught:
        cr.build_invoice("su-amy", DECEMBER, WITH_RATES, sessions=[sessions[0], sessions[0]])
    assert (caught.value.field, caught.value.value, caught.value.expected) == (
        "sessions",
        "s-late",
        "session ids that are unique",
    )


def test_cancellation_of_an_unlisted_session_is_refused() -> None:
    with pytest.raises(cr.InvalidInput) as caught:
        cr.build_pay_statement("st-dee", DECEMBER, WITH_RATES, sessions=sessions[1:], cancellations=cancellations)
    assert (caught.value.field, caught.value.value, caught.value.expected) == (
        "cancellation.session_id",
        "s-late",
        "the id of a listed session",
    )


def test_two_cancellations_of_one_session_are_refused() -> None:
    with pytest.raises(cr.InvalidInput) as caught:
        cr.build_invoice(
            "su-amy", DECEMBER, WITH_RATES, sessions=sessions, cancellations=[cancellations[0], cancellations[0]]
        )
    assert (caught.value.field, caught.value.value, caught.value.expected) == (
        "cancellations",
        "s-late",
        "at most one cancellation per session",
    )


@pytest.mark.tz
def test_invoice_in_another_currency_shows_it_on_every_amount() -> None:
    euro = attrs.evolve(WITH_RATES, currency="EUR")
    text = cr.build_invoice("su-amy", DECEMBER, euro, sessions=sessions[1:2]).render()
    assert text.splitlines()[1].endswith(" 37.00 EUR")
    assert text.splitlines()[-1].endswith(" 37.00 EUR")


@pytest.mark.tz
def test_explanations_under_a_non_gbp_policy_use_its_currency() -> None:
    euro = attrs.evolve(WITH_RATES, currency="EUR")
    text = cr.build_invoice("su-amy", DECEMBER, euro, sessions=sessions[1:2], expenses=expenses[:1]).render(
        explain=True
    )
    assert "£" not in text


def test_invoice_with_nothing_in_the_period_totals_zero_pence() -> None:
    empty = cr.build_invoice("su-nobody", DECEMBER, WITH_RATES, sessions=sessions)
    assert (empty.lines, empty.not_billed) == ((), ())
    assert str(empty.total) == "0.00"
    assert empty.render().endswith(" £0.00")


@pytest.mark.tz
def test_short_session_cancelled_late_is_paid_as_the_minimum() -> None:
    """cancellation.late with pay.minimum-session: a 1.5 h booking cancelled late pays 2 h."""
    short = sessions[1]
    late = cr.Cancellation("s-plain", cr.CancelledBy.FAMILY, london(2026, 12, 1, 8))
    pay = cr.build_pay_statement("st-dee", DECEMBER, WITH_RATES, sessions=[short], cancellations=[late])
    assert [r.rule_id for r in pay.lines[0].reasons] == ["cancellation.late", "pay.minimum-session"]
    assert pay.lines[0].reasons[1].would_change == "sessions of 2 h or more are paid as worked"
    assert pay.paid == timedelta(hours=2)
