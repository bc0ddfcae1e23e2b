"""Worked examples from the Buddies policy (004_82faaa97975dc483.txt), each citing its clause."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import attrs
import pytest

import carerules as cr
from tests.conftest import london

#: The built-in Buddies policy (day support and waking nights at 18.50 an hour, Costings) plus the
#: bundled example's illustrative bank-holiday and sleeping-night rates, which the document does not state.
WITH_RATES = attrs.evolve(
    cr.BUDDIES,
    rates=(
        *cr.BUDDIES.rates,
        cr.Rate(cr.ShiftKind.DAY, Decimal("27.75"), date(2000, 1, 1), bank_holiday=True),
        cr.Rate(cr.ShiftKind.WAKING_NIGHT, Decimal("28.50"), date(2000, 1, 1), bank_holiday=True),
        cr.Rate(cr.ShiftKind.SLEEPING_NIGHT, Decimal("95.00"), date(2000, 1, 1), cr.RateBasis.PER_SHIFT),
        cr.Rate(
            cr.ShiftKind.SLEEPING_NIGHT, Decimal("142.50"), date(2000, 1, 1), cr.RateBasis.PER_SHIFT, bank_holiday=True
        ),
    ),
)


def day_session(start_hour: int, start_minute: int, minutes: int, *, day: int = 20, month: int = 10) -> cr.Session:
    start = london(2026, month, day, start_hour, start_minute)
    return cr.Session("s1", "su-amy", start, cr.plus_elapsed(start, timedelta(minutes=minutes)), staff="st-dee")


def test_day_support_costs_18_50_an_hour() -> None:
    """Costings: the 1:1 Buddies service is charged at 18.50 GBP per hour."""
    decision = cr.price_session(day_session(10, 0, 180), cr.BUDDIES)
    assert decision.answer.amount == Decimal("55.50")
    assert decision.rule_ids[0] == "charging.hourly-rate"
    assert cr.pay_for_session(day_session(10, 0, 180), cr.BUDDIES).rule_ids == ("pay.time-worked",)


def test_session_of_one_and_a_half_hours_is_charged_as_two() -> None:
    """Other things you should know: shorter shifts are charged and paid at 2 hours."""
    session = day_session(10, 0, 90)
    charge = cr.price_session(session, cr.BUDDIES)
    assert charge.answer.amount == Decimal("37.00")
    assert charge.answer.charged == timedelta(hours=2)
    assert charge.answer.top_up == timedelta(minutes=30)
    assert "charging.minimum-session" in charge.rule_ids
    pay = cr.pay_for_session(session, cr.BUDDIES)
    assert pay.answer.paid == timedelta(hours=2)
    assert pay.answer.worked == timedelta(minutes=90)
    assert pay.rule_ids == ("pay.minimum-session",)


def test_minimum_is_per_session_not_per_day() -> None:
    """Other things you should know: two short sessions on one day are each charged as 2 hours."""
    morning = day_session(9, 0, 60)
    afternoon = attrs.evolve(day_session(14, 0, 60), id="s2")
    batch = cr.price_batch([morning, afternoon], cr.BUDDIES)
    assert batch.amounts == (Decimal("37.00"), Decimal("37.00"))


def test_five_hour_after_school_session() -> None:
    """Introduction: a 5-hour after-school session is charged for 5 hours."""
    assert cr.price_session(day_session(15, 30, 300), cr.BUDDIES).answer.amount == Decimal("92.50")


def test_late_cancellation_is_charged_and_the_staff_member_paid() -> None:
    """Other things you should know: cancellations within 48 hours are charged, and the staff member paid."""
    session = day_session(10, 0, 120)
    cancellation = cr.Cancellation(
        "s1", cr.CancelledBy.FAMILY, cr.plus_elapsed(session.start, -timedelta(hours=47, minutes=12))
    )
    decision = cr.decide_cancellation(session, cancellation, cr.BUDDIES)
    assert decision.answer.charged
    assert decision.answer.paid
    assert decision.answer.charge is not None
    assert decision.answer.charge.amount == Decimal("37.00")
    first = decision.reasons[0]
    assert first.rule_id == "cancellation.late"
    assert "47 h 12 min" in first.detail
    assert first.would_change == "48 h or more would not have been charged"


def test_cancellation_with_48_hours_notice_is_free() -> None:
    """Other things you should know: a cancellation at least 48 hours before the start is not charged."""
    session = day_session(10, 0, 120)
    cancellation = cr.Cancellation("s1", cr.CancelledBy.FAMILY, cr.plus_elapsed(session.start, -timedelta(hours=48)))
    decision = cr.decide_cancellation(session, cancellation, cr.BUDDIES)
    assert not decision.answer.charged
    assert not decision.answer.paid
    assert decision.rule_ids == ("cancellation.notice-given",)


def test_notice_is_elapsed_time_across_the_clock_change() -> None:
    """Notice counts real hours: 48 wall-clock hours across the autumn change are 49 elapsed."""
    session = cr.Session("s1", "su", london(2026, 10, 26, 10), london(2026, 10, 26, 12))
    received = london(2026, 10, 24, 10, 30)  # 47 h 30 min on the clock face, 48 h 30 min elapsed
    assert not cr.decide_cancellation(
        session, cr.Cancellation("s1", cr.CancelledBy.FAMILY, received), cr.BUDDIES
    ).answer.charged


def test_cancellation_after_the_start_and_no_show_are_charged() -> None:
    session = day_session(10, 0, 120)
    after = cr.Cancellation("s1", cr.CancelledBy.FAMILY, session.start + timedelta(minutes=10))
    no_show = cr.Cancellation("s1", cr.CancelledBy.FAMILY, None)
    assert cr.decide_cancellation(session, after, cr.BUDDIES).answer.charged
    decision = cr.decide_cancellation(session, no_show, cr.BUDDIES)
    assert decision.answer.charged
    assert decision.rule_ids[0] == "cancellation.no-show"


def test_provider_cancellation_is_never_charged_or_paid() -> None:
    session = day_session(10, 0, 120)
    cancellation = cr.Cancellation("s1", cr.CancelledBy.PROVIDER, session.start - timedelta(hours=1))
    decision = cr.decide_cancellation(session, cancellation, cr.BUDDIES)
    assert not decision.answer.charged
    assert not decision.answer.paid
    assert decision.rule_ids == ("cancellation.by-provider",)


@pytest.mark.tz
def test_spring_forward_night_lasts_two_hours() -> None:
    """00:30 to 03:30 local on 2026-03-29 (clocks forward) is 2 h of real time."""
    session = cr.Session("s1", "su", london(2026, 3, 29, 0, 30), london(2026, 3, 29, 3, 30))
    decision = cr.price_session(session, cr.BUDDIES)
    assert decision.answer.worked == timedelta(hours=2)
    assert decision.answer.amount == Decimal("37.00")
    assert decision.rule_ids[0] == "time.elapsed-duration"


@pytest.mark.tz
def test_fall_back_night_lasts_four_hours() -> None:
    """00:30 to 03:30 local on 2026-10-25 (clocks back) is 4 h of real time."""
    session = cr.Session("s1", "su", london(2026, 10, 25, 0, 30), london(2026, 10, 25, 3, 30))
    decision = cr.price_session(session, cr.BUDDIES)
    assert decision.answer.worked == timedelta(hours=4)
    assert decision.answer.amount == Decimal("74.00")


@pytest.mark.tz
def test_session_into_christmas_day_is_split_at_midnight() -> None:
    """Costings: bank holidays are charged differently; time after midnight takes the bank-holiday rate."""
    session = cr.Session("s1", "su", london(2026, 12, 24, 22), london(2026, 12, 25, 1))
    decision = cr.price_session(session, WITH_RATES)
    parts = decision.answer.parts
    assert [(p.day, p.holiday, p.charged) for p in parts] == [
        (date(2026, 12, 24), None, timedelta(hours=2)),
        (date(2026, 12, 25), "Christmas Day", timedelta(hours=1)),
    ]
    assert decision.answer.amount == Decimal("64.75")  # 2 x 18.50 + 1 x 27.75
    assert "charging.midnight-split" in decision.rule_ids
    assert "charging.bank-holiday-rate" in decision.rule_ids
    assert "calendar.bank-holidays" in decision.rule_ids


@pytest.mark.tz
def test_short_session_crossing_into_a_bank_holiday_tops_up_at_the_first_parts_rate() -> None:
    session = cr.Session("s1", "su", london(2026, 12, 24, 23, 30), london(2026, 12, 25, 0, 30))
    charge = cr.price_session(session, WITH_RATES).answer
    assert [p.charged for p in charge.parts] == [timedelta(hours=1, minutes=30), timedelta(minutes=30)]
    assert charge.amount == Decimal("41.63")  # 1.5 x 18.50 + 0.5 x 27.75 = 41.625, rounded half up


@pytest.mark.tz
def test_sleeping_night_takes_the_bank_holiday_rate_only_when_it_starts_on_one() -> None:
    """The night of 25 to 26 December is a bank-holiday night; 24 to 25 December is not."""
    eve = cr.Session("a", "su", london(2026, 12, 24, 22), london(2026, 12, 25, 7), cr.ShiftKind.SLEEPING_NIGHT)
    day = cr.Session("b", "su", london(2026, 12, 25, 22), london(2026, 12, 26, 7), cr.ShiftKind.SLEEPING_NIGHT)
    assert cr.price_session(eve, WITH_RATES).rule_ids == (
        "charging.flat-shift-rate",
        "money.round-line-half-up",
    )
    assert cr.price_session(eve, WITH_RATES).answer.amount == Decimal("95.00")
    decision = cr.price_session(day, WITH_RATES)
    assert decision.answer.amount == Decimal("142.50")
    assert "charging.flat-shift-bank-holiday-start" in decision.rule_ids
    pay = cr.pay_for_session(day, WITH_RATES)
    assert pay.answer.shifts == 1
    assert pay.rule_ids == ("pay.flat-shift",)


@pytest.mark.tz
def test_substitute_bank_holiday_is_charged_as_a_bank_holiday() -> None:
    """Christmas 2027 falls on a Saturday; Monday 27 December is the substitute day."""
    session = cr.Session("s1", "su", london(2027, 12, 27, 10), london(2027, 12, 27, 12))
    decision = cr.price_session(session, WITH_RATES)
    assert decision.answer.amount == Decimal("55.50")
    assert decision.answer.parts[0].holiday is not None


@pytest.mark.tz
def test_provider_closure_days_are_charged_as_bank_holidays() -> None:
    policy = attrs.evolve(WITH_RATES, calendar=cr.Calendar(closure_days=frozenset({date(2026, 8, 14)})))
    decision = cr.price_session(cr.Session("c", "su", london(2026, 8, 14, 10), london(2026, 8, 14, 12)), policy)
    assert decision.answer.amount == Decimal("55.50")
    assert "calendar.closure-days" in decision.rule_ids
    assert "calendar.bank-holidays" not in decision.rule_ids


def test_built_in_policy_refuses_to_invent_a_bank_holiday_rate() -> None:
    session = cr.Session("s1", "su", london(2026, 12, 25, 10), london(2026, 12, 25, 12))
    with pytest.raises(cr.MissingRate) as caught:
        cr.price_session(session, cr.BUDDIES)
    assert caught.value.kind == "day"
    assert caught.value.bank_holiday is True
    assert caught.value.on == date(2026, 12, 25)
    assert "bank-holiday rate for shift kind 'day'" in str(caught.value)


def test_built_in_policy_has_no_sleeping_night_rate() -> None:
    """Costings: sleeping nights are charged differently, at a rate the document does not give."""
    session = cr.Session("s1", "su", london(2026, 10, 20, 22), london(2026, 10, 21, 7), cr.ShiftKind.SLEEPING_NIGHT)
    with pytest.raises(cr.MissingRate, match="sleeping-night"):
        cr.price_session(session, cr.BUDDIES)


def test_missing_rate_for_the_second_part_names_the_date_it_was_needed_for() -> None:
    session = cr.Session("s1", "su", london(2026, 12, 24, 22), london(2026, 12, 25, 1))
    with pytest.raises(cr.MissingRate) as caught:
        cr.price_session(session, cr.BUDDIES)
    assert caught.value.needed_for == date(2026, 12, 25)
    assert caught.value.on == date(2026, 12, 24)


def test_agreed_meal_is_billed_and_unagreed_ticket_reported() -> None:
    """Other things you should know: the Buddy's costs are recharged only when agreed case by case."""
    meal = cr.Expense("e1", "su-ben", date(2027, 3, 11), Decimal("5.00"), "meal")
    ticket = cr.Expense("e2", "su-ben", date(2027, 3, 18), Decimal("8.50"), "ticket")
    agreement = cr.ExpenseAgreement("su-ben", "meal", date(2027, 2, 20))
    billed = cr.decide_expense(meal, [agreement])
    assert billed.answer.billed
    assert billed.rule_ids == ("expenses.agreed",)
    refused = cr.decide_expense(ticket, [agreement])
    assert not refused.answer.billed
    assert refused.answer.amount == Decimal("0.00")
    assert refused.rule_ids == ("expenses.not-agreed",)
    assert refused.missing


def test_agreement_does_not_cover_costs_before_it_was_made() -> None:
    meal = cr.Expense("e1", "su-ben", date(2027, 2, 1), Decimal("5.00"), "meal")
    agreement = cr.ExpenseAgreement("su-ben", "meal", date(2027, 2, 20))
    assert not cr.decide_expense(meal, [agreement]).answer.billed
