"""Contracts: a weekly pattern expanded into dated, priceable sessions (PRODUCT.md "Personal files")."""

from __future__ import annotations

import itertools
from datetime import date, time, timedelta
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import carerules as cr
from carerules.strategies import contracts, local_dates
from tests.conftest import london

ESCORT = tuple(
    cr.WeeklySlot(day, time(8, 0), timedelta(hours=2), label="school escort")
    for day in (cr.Weekday.MONDAY, cr.Weekday.TUESDAY, cr.Weekday.WEDNESDAY, cr.Weekday.THURSDAY, cr.Weekday.FRIDAY)
)
AFTER_SCHOOL = cr.WeeklySlot(cr.Weekday.THURSDAY, time(15, 30), timedelta(hours=5), label="after school")
CONTRACT = cr.Contract("c-ada", "su-ada", "st-kim", "st-lee", (*ESCORT[:3], AFTER_SCHOOL), date(2026, 1, 1))


@pytest.mark.tz
def test_a_five_hour_thursday_session_keeps_its_wall_clock_time_across_the_clock_change() -> None:
    """004 intro: a 5 hour after-school session; local times stay 15:30-20:30 in GMT and in BST."""
    contract = cr.Contract("c-ben", "su-ben", "st-kim", "st-lee", (AFTER_SCHOOL,), date(2026, 3, 1))
    schedule = cr.expand_contract(contract, cr.Period(date(2026, 3, 19), date(2026, 4, 2)), cr.BUDDIES)
    starts = [s.start for s in schedule.sessions]
    assert starts == [london(2026, 3, 19, 15, 30), london(2026, 3, 26, 15, 30), london(2026, 4, 2, 15, 30)]
    assert [s.start.utcoffset() for s in schedule.sessions] == [timedelta(0), timedelta(0), timedelta(hours=1)]
    assert all(s.duration == timedelta(hours=5) for s in schedule.sessions)


@pytest.mark.tz
def test_a_month_of_school_escorts_is_forecast_at_the_hourly_rate() -> None:
    """004 intro: a 2 hour escort to school on weekdays; March 2026 has 22 weekdays and no bank holiday."""
    contract = cr.Contract("c-cy", "su-cy", "st-kim", "st-lee", ESCORT, date(2026, 1, 1))
    march = cr.Period(date(2026, 3, 1), date(2026, 3, 31))
    invoice = cr.forecast_invoice(contract, march, cr.BUDDIES)
    assert len(invoice.lines) == 22
    assert invoice.total == Decimal("18.50") * 2 * 22
    batch = cr.price_batch(cr.expand_contract(contract, march, cr.BUDDIES).sessions, cr.BUDDIES)
    assert batch.total == invoice.total


@pytest.mark.tz
def test_bank_holidays_are_shown_not_dropped() -> None:
    """Good Friday (3 April 2026) and Easter Monday (6 April 2026) keep their sessions, marked."""
    contract = cr.Contract("c-cy", "su-cy", "st-kim", "st-lee", ESCORT, date(2026, 1, 1))
    easter = cr.Period(date(2026, 4, 1), date(2026, 4, 7))
    schedule = cr.expand_contract(contract, easter, cr.BUDDIES)
    assert len(schedule) == 5
    assert [(i.session.start.date(), i.holiday) for i in schedule.bank_holidays] == [
        (date(2026, 4, 3), "Good Friday"),
        (date(2026, 4, 6), "Easter Monday"),
    ]
    assert "contracts.bank-holidays-shown" in [r.rule_id for r in schedule.bank_holidays[0].explain(cr.BUDDIES)]
    rows = schedule.rows(cr.BUDDIES)
    assert [r["bank_holiday"] for r in rows] == [None, None, "Good Friday", "Easter Monday", None]
    # The built-in policy states no bank-holiday rate: the forecast prices the three ordinary days and names
    # the missing rate for the other two instead of guessing (or failing whole).
    forecast = cr.forecast_invoice(contract, easter, cr.BUDDIES)
    assert not forecast.complete
    assert [line.day for line in forecast.lines] == [date(2026, 4, 1), date(2026, 4, 2), date(2026, 4, 7)]
    assert forecast.total == Decimal("18.50") * 2 * 3
    assert [(line.day, line.needs) for line in forecast.unpriced] == [
        (day, (cr.NeededRate(cr.ShiftKind.DAY, True, day, day),)) for day in (date(2026, 4, 3), date(2026, 4, 6))
    ]
    assert forecast.invoice is None
    assert [r.rule_id for r in forecast.reasons] == ["charging.forecast-incomplete"]
    illustrative = cr.BUDDIES.revise(
        version="1+example",
        effective_from=date(2026, 1, 1),
        rates=[cr.Rate(cr.ShiftKind.DAY, Decimal("27.75"), date(2026, 1, 1), bank_holiday=True, note="illustrative")],
    )
    complete = cr.forecast_invoice(contract, easter, illustrative)
    assert complete.complete
    assert complete.total == Decimal("18.50") * 2 * 3 + Decimal("27.75") * 2 * 2
    schedule = cr.expand_contract(contract, easter, illustrative)
    assert complete.invoice == cr.build_invoice("su-cy", easter, illustrative, sessions=schedule.sessions)


@pytest.mark.tz
def test_a_slot_in_the_skipped_spring_hour_moves_forward_and_says_so() -> None:
    slot = cr.WeeklySlot(cr.Weekday.SUNDAY, time(1, 30), timedelta(hours=2))
    contract = cr.Contract("c-dan", "su-dan", "st-kim", "st-lee", (slot,), date(2026, 1, 1))
    [item] = cr.expand_contract(contract, cr.Period(date(2026, 3, 29), date(2026, 3, 29)), cr.BUDDIES).items
    assert item.moved
    assert item.session.start == london(2026, 3, 29, 2, 30)
    assert item.session.end == london(2026, 3, 29, 3, 30)
    assert "contracts.wall-clock-gaps" in [r.rule_id for r in item.explain(cr.BUDDIES)]


@pytest.mark.tz
def test_a_waking_night_over_the_autumn_change_lasts_an_hour_longer() -> None:
    night = cr.WeeklySlot(cr.Weekday.SATURDAY, time(22, 0), timedelta(hours=10), cr.ShiftKind.WAKING_NIGHT)
    contract = cr.Contract("c-eve", "su-eve", "st-kim", "st-lee", (night,), date(2026, 1, 1))
    [item] = cr.expand_contract(contract, cr.Period(date(2026, 10, 24), date(2026, 10, 24)), cr.BUDDIES).items
    assert item.session.end == london(2026, 10, 25, 8, 0)
    assert item.session.duration == timedelta(hours=11)


def test_the_contract_period_limits_the_sessions() -> None:
    limited = attrs.evolve(CONTRACT, starts_on=date(2026, 3, 10), ends_on=date(2026, 3, 12))
    schedule = cr.expand_contract(limited, cr.Period(date(2026, 3, 1), date(2026, 3, 31)), cr.BUDDIES)
    assert [i.session.id for i in schedule.items] == [
        "c-ada-2026-03-10-1",
        "c-ada-2026-03-11-2",
        "c-ada-2026-03-12-3",
    ]


@pytest.mark.parametrize(
    ("slots", "field"),
    [
        ((cr.WeeklySlot(cr.Weekday.THURSDAY, time(15, 0), timedelta(hours=2)), AFTER_SCHOOL), "contract.slots[1]"),
        (
            (
                cr.WeeklySlot(cr.Weekday.SUNDAY, time(22, 0), timedelta(hours=10), cr.ShiftKind.SLEEPING_NIGHT),
                cr.WeeklySlot(cr.Weekday.MONDAY, time(7, 0), timedelta(hours=2)),
            ),
            "contract.slots[1]",
        ),
    ],
)
def test_a_contract_with_overlapping_sessions_is_refused(slots: tuple[cr.WeeklySlot, ...], field: str) -> None:
    with pytest.raises(cr.InvalidInput) as err:
        cr.Contract("c-x", "su-x", "st-kim", "st-lee", slots, date(2026, 1, 1))
    assert err.value.field == field
    assert "overlap" in str(err.value)


def test_back_to_back_sessions_are_not_an_overlap() -> None:
    first = cr.WeeklySlot(cr.Weekday.MONDAY, time(9, 0), timedelta(hours=2))
    second = cr.WeeklySlot(cr.Weekday.MONDAY, time(11, 0), timedelta(hours=2))
    assert len(cr.Contract("c-x", "su-x", "st-kim", "st-lee", (first, second), date(2026, 1, 1)).slots) == 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"spare": "st-kim"}, "contract.spare"),
        ({"slots": ()}, "contract.slots"),
        ({"slots": [AFTER_SCHOOL]}, "contract.slots"),
        ({"ends_on": date(2025, 12, 31)}, "contract.ends_on"),
        ({"starts_on": london(2026, 1, 1)}, "contract.starts_on"),
    ],
)
def test_bad_contracts_are_refused_naming_the_field(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(cr.InvalidInput) as err:
        attrs.evolve(CONTRACT, **changes)
    assert err.value.field == field


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"start": london(2026, 1, 1, 9).timetz()}, "weekly_slot.start"),
        ({"length": timedelta(0)}, "weekly_slot.length"),
        ({"length": timedelta(days=7)}, "weekly_slot.length"),
        ({"weekday": "thursday"}, "weekly_slot.weekday"),
    ],
)
def test_bad_slots_are_refused_naming_the_field(kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(cr.InvalidInput) as err:
        attrs.evolve(AFTER_SCHOOL, **kwargs)
    assert err.value.field == field


@settings(max_examples=60)
@given(contracts(), local_dates(), st.integers(0, 40))
def test_expanded_sessions_keep_their_wall_clock_start_and_never_overlap(
    contract: cr.Contract, first: date, days: int
) -> None:
    period = cr.Period(first, first + timedelta(days=days))
    schedule = cr.expand_contract(contract, period, cr.BUDDIES)
    tz = cr.BUDDIES.tz
    for item in schedule.items:
        slot = contract.slots[item.slot]
        local = item.session.start.astimezone(tz)
        assert local.date() in period
        assert cr.Weekday(slot.weekday).number == local.weekday()
        assert item.moved or local.time() == slot.start
        assert (item.holiday is not None) == cr.BUDDIES.calendar.is_bank_holiday(local.date())
    ordered = schedule.sessions
    assert all(a.end <= b.start for a, b in itertools.pairwise(ordered))


@settings(max_examples=60)
@given(contracts(), local_dates())
def test_a_week_holds_one_session_per_slot(contract: cr.Contract, first: date) -> None:
    open_ended = attrs.evolve(contract, starts_on=date(2024, 1, 1), ends_on=None)
    schedule = cr.expand_contract(open_ended, cr.Period(first, first + timedelta(days=6)), cr.BUDDIES)
    assert sorted(i.slot for i in schedule.items) == list(range(len(contract.slots)))
