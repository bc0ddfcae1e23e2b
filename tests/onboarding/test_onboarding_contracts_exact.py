"""Whole answers of contracts and their expanded schedules (docs/quality.md, mutation testing).

``004_82faaa97975dc483.txt``, introduction: sessions follow a weekly
pattern (a 2-hour school escort, a 5-hour after-school session); PRODUCT.md,
"Personal files" and "Time": a contract names a key worker and a different
spare, its sessions keep their local wall-clock times across clock changes,
and bank-holiday sessions are kept and marked. These tests run in British
Summer Time and around midnight, where UTC and London disagree, and pin every
field of each schedule row, each explanation line and each refusal.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import carerules as cr
from carerules._onboarding._contract import contracts_by_service_user

LONDON = ZoneInfo("Europe/London")
LATE = cr.WeeklySlot(cr.Weekday.FRIDAY, time(0, 30), timedelta(hours=2), label="small hours")
EVENING = cr.WeeklySlot(cr.Weekday.THURSDAY, time(15, 30), timedelta(hours=5), label="after school")
CONTRACT = cr.Contract("c-ada", "su-ada", "st-kim", "st-lee", (EVENING, LATE), date(2026, 1, 1))
JUNE_WEEK = cr.Period(date(2026, 6, 4), date(2026, 6, 5))  # Thursday and Friday


def _refusal(call: Any) -> tuple[str, object, str]:
    with pytest.raises(cr.InvalidInput) as err:
        call()
    return err.value.field, err.value.value, err.value.expected


@pytest.mark.tz
def test_a_summer_schedule_pins_every_session_field() -> None:
    schedule = cr.expand_contract(CONTRACT, JUNE_WEEK, cr.BUDDIES)
    assert schedule.period == JUNE_WEEK
    assert schedule.contract is CONTRACT
    assert [(i.slot, i.label, i.holiday, i.moved) for i in schedule.items] == [
        (0, "after school", None, False),
        (1, "small hours", None, False),
    ]
    assert schedule.sessions == (
        cr.Session(
            "c-ada-2026-06-04-0",
            "su-ada",
            datetime(2026, 6, 4, 15, 30, tzinfo=LONDON),
            datetime(2026, 6, 4, 20, 30, tzinfo=LONDON),
            cr.ShiftKind.DAY,
            "st-kim",
        ),
        cr.Session(
            "c-ada-2026-06-05-1",
            "su-ada",
            datetime(2026, 6, 5, 0, 30, tzinfo=LONDON),
            datetime(2026, 6, 5, 2, 30, tzinfo=LONDON),
            cr.ShiftKind.DAY,
            "st-kim",
        ),
    )
    assert [s.start.isoformat() for s in schedule.sessions] == [
        "2026-06-04T15:30:00+01:00",
        "2026-06-05T00:30:00+01:00",
    ]


@pytest.mark.tz
def test_rows_give_local_dates_in_the_policy_zone_or_the_sessions_own() -> None:
    schedule = cr.expand_contract(CONTRACT, JUNE_WEEK, cr.BUDDIES)
    small_hours = {
        "contract": "c-ada",
        "session": "c-ada-2026-06-05-1",
        "service_user": "su-ada",
        "staff": "st-kim",
        "date": date(2026, 6, 5),
        "start": datetime(2026, 6, 5, 0, 30, tzinfo=LONDON),
        "end": datetime(2026, 6, 5, 2, 30, tzinfo=LONDON),
        "hours": 2.0,
        "kind": "day",
        "label": "small hours",
        "bank_holiday": None,
        "moved_by_clock_change": False,
    }
    assert schedule.rows(cr.BUDDIES)[1] == small_hours
    assert schedule.rows()[1] == small_hours
    assert schedule.rows(cr.BUDDIES)[0]["hours"] == 5.0
    # Sessions given in UTC: the policy's zone gives the London date, their own zone the UTC one.
    in_utc = cr.ContractSchedule(
        CONTRACT,
        JUNE_WEEK,
        tuple(
            cr.ScheduledSession(
                cr.Session(i.session.id, "su-ada", i.session.start.astimezone(UTC), i.session.end.astimezone(UTC)),
                i.slot,
                i.label,
                i.holiday,
                i.moved,
            )
            for i in schedule.items
        ),
    )
    assert [r["date"] for r in in_utc.rows(cr.BUDDIES)] == [date(2026, 6, 4), date(2026, 6, 5)]
    assert [r["date"] for r in in_utc.rows()] == [date(2026, 6, 4), date(2026, 6, 4)]


@pytest.mark.tz
def test_each_session_explains_its_local_day_times_and_elapsed_length() -> None:
    schedule = cr.expand_contract(CONTRACT, JUNE_WEEK, cr.BUDDIES)
    assert [str(r) for r in schedule.items[1].explain(cr.BUDDIES)] == [
        "[contracts.weekly-pattern] Friday 2026-06-05: 2026-06-05 00:30 +01:00 to 2026-06-05 02:30 +01:00 (2 h elapsed)"
    ]


@pytest.mark.tz
def test_a_bank_holiday_session_is_kept_and_says_so() -> None:
    """Spring bank holiday, Monday 25 May 2026."""
    monday = cr.WeeklySlot(cr.Weekday.MONDAY, time(10), timedelta(hours=2))
    contract = cr.Contract("c-ben", "su-ben", "st-kim", "st-lee", (monday,), date(2026, 1, 1))
    schedule = cr.expand_contract(contract, cr.Period(date(2026, 5, 25), date(2026, 5, 25)), cr.BUDDIES)
    (item,) = schedule.items
    assert (item.holiday, item.moved, item.label) == ("Spring Bank Holiday", False, "")
    assert [str(r) for r in item.explain(cr.BUDDIES)] == [
        "[contracts.weekly-pattern] Monday 2026-05-25: 2026-05-25 10:00 +01:00 to 2026-05-25 12:00 +01:00"
        " (2 h elapsed)",
        "[contracts.bank-holidays-shown] falls on Spring Bank Holiday; kept and priced at that day's rate",
    ]


@pytest.mark.tz
def test_a_session_in_the_skipped_hour_moves_forward_and_only_that_one_is_marked() -> None:
    """01:30 on Sunday 29 March 2026 does not exist in London: the session starts at 02:30 BST."""
    night = cr.WeeklySlot(cr.Weekday.SUNDAY, time(1, 30), timedelta(hours=2), cr.ShiftKind.WAKING_NIGHT)
    contract = cr.Contract("c-cy", "su-cy", "st-kim", "st-lee", (night,), date(2026, 1, 1))
    schedule = cr.expand_contract(contract, cr.Period(date(2026, 3, 22), date(2026, 4, 5)), cr.BUDDIES)
    assert [i.moved for i in schedule.items] == [False, True, False]
    moved = schedule.items[1]
    assert moved.session.start.isoformat() == "2026-03-29T02:30:00+01:00"
    assert moved.session.end.isoformat() == "2026-03-29T03:30:00+01:00"
    assert [str(r) for r in moved.explain(cr.BUDDIES)] == [
        "[contracts.weekly-pattern] Sunday 2026-03-29: 2026-03-29 02:30 +01:00 to 2026-03-29 03:30 +01:00"
        " (1 h elapsed)",
        "[contracts.wall-clock-gaps] a clock change skipped the pattern's wall-clock time",
    ]


@pytest.mark.parametrize(
    ("make", "refusal"),
    [
        (
            lambda: cr.WeeklySlot(cr.Weekday.MONDAY, time(9, tzinfo=UTC), timedelta(hours=2)),
            (
                "weekly_slot.start",
                time(9, tzinfo=UTC),
                "a local wall-clock time without a zone, e.g. time(15, 30)",
            ),
        ),
        (
            lambda: cr.WeeklySlot(cr.Weekday.MONDAY, time(9), timedelta(0)),
            ("weekly_slot.length", timedelta(0), "a positive timedelta shorter than a week"),
        ),
        (
            lambda: cr.WeeklySlot(cr.Weekday.MONDAY, time(9), timedelta(days=7)),
            ("weekly_slot.length", timedelta(days=7), "a positive timedelta shorter than a week"),
        ),
        (
            lambda: cr.Contract("c", "su", "st-kim", "st-kim", (EVENING,), date(2026, 1, 1)),
            ("contract.spare", "st-kim", "a different staff member from the key worker"),
        ),
        (
            lambda: cr.Contract("c", "su", "st-kim", "st-lee", (), date(2026, 1, 1)),
            ("contract.slots", (), "at least one weekly session"),
        ),
        (
            lambda: cr.Contract("c", "su", "st-kim", "st-lee", (EVENING,), date(2026, 1, 2), date(2026, 1, 1)),
            ("contract.ends_on", date(2026, 1, 1), "a date on or after starts_on (2026-01-02)"),
        ),
        (
            lambda: cr.Contract(
                "c",
                "su",
                "st-kim",
                "st-lee",
                (
                    cr.WeeklySlot(cr.Weekday.MONDAY, time(1), timedelta(hours=1)),
                    EVENING,
                    cr.WeeklySlot(cr.Weekday.SUNDAY, time(23), timedelta(hours=3)),
                ),
                date(2026, 1, 1),
            ),
            (
                "contract.slots[2]",
                "sunday 23:00, 3 h (day)",
                "a session that does not overlap slots[0] (monday 01:00, 1 h (day))",
            ),
        ),
    ],
)
def test_refusals_name_the_field_the_value_and_what_was_expected(make: Any, refusal: tuple[str, object, str]) -> None:
    assert _refusal(make) == refusal


def test_contracts_are_indexed_by_service_user_and_a_second_for_one_person_is_refused() -> None:
    other = cr.Contract("c-ben", "su-ben", "st-kim", "st-lee", (EVENING,), date(2026, 1, 1))
    assert contracts_by_service_user([CONTRACT, other]) == {"su-ada": CONTRACT, "su-ben": other}
    assert contracts_by_service_user([]) == {}
    again = cr.Contract("c-ada-2", "su-ada", "st-kim", "st-lee", (EVENING,), date(2026, 1, 1))
    assert _refusal(lambda: contracts_by_service_user([CONTRACT, other, again])) == (
        "contracts",
        "c-ada-2",
        "one contract per Service User (su-ada has two)",
    )
