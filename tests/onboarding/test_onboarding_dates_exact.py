"""Exact answers of the onboarding calendar arithmetic (docs/quality.md, mutation testing).

Ages decide the minimum age (``004_82faaa97975dc483.txt``, "Who is the
service for?"); yearly intervals decide when feedback forms are due
("Maintaining Standards"); local due days decide the 14-day deadline for
final risk assessments ("How do we get started?"). PRODUCT.md, "Time": a
29 February date lands on 1 March in common years, and deadlines end at
local midnight. Each refusal is pinned by field, value and expectation.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import carerules as cr
from carerules._onboarding._dates import days_after, end_of_local_day, format_span, local_day


def _refusal(call: Any) -> tuple[str, object, str]:
    with pytest.raises(cr.InvalidInput) as err:
        call()
    return err.value.field, err.value.value, err.value.expected


@pytest.mark.parametrize(
    ("born", "on", "age"),
    [
        (date(2018, 5, 2), date(2026, 5, 1), 7),  # the day before the eighth birthday
        (date(2018, 5, 2), date(2026, 5, 2), 8),  # on the birthday
        (date(2018, 5, 2), date(2026, 12, 31), 8),
        (date(2018, 5, 2), date(2018, 5, 2), 0),  # the day of birth
        (date(2016, 2, 29), date(2025, 2, 28), 8),  # a leap-day birthday counts on 1 March in common years
        (date(2016, 2, 29), date(2025, 3, 1), 9),
        (date(2016, 2, 29), date(2028, 2, 29), 12),
        (date(1, 1, 1), date(9999, 12, 31), 9998),
    ],
)
def test_whole_years_of_age(born: date, on: date, age: int) -> None:
    assert cr.age_on(born, on) == age


def test_a_birth_after_the_day_asked_about_is_refused_without_showing_it() -> None:
    born = date(2026, 5, 3)
    with pytest.raises(cr.InvalidInput) as err:
        cr.age_on(born, date(2026, 5, 2))
    assert (err.value.field, err.value.value, err.value.expected) == (
        "date_of_birth",
        born,
        "a date on or before 2026-05-02",
    )
    assert err.value.sensitive is True
    assert "2026-05-03" not in str(err.value)


@pytest.mark.parametrize(
    ("day", "years", "moved"),
    [
        (date(2025, 5, 1), 1, date(2026, 5, 1)),
        (date(2028, 2, 29), 1, date(2029, 3, 1)),
        (date(2028, 2, 29), 4, date(2032, 2, 29)),
        (date(2028, 2, 29), -1, date(2027, 3, 1)),
        (date(2, 6, 1), -1, date(1, 6, 1)),  # the first year there is
        (date(9998, 6, 1), 1, date(9999, 6, 1)),  # the last
    ],
)
def test_moving_a_date_by_whole_years(day: date, years: int, moved: date) -> None:
    assert cr.add_years(day, years) == moved


@pytest.mark.parametrize(
    ("day", "years"),
    [(date(1, 6, 1), -1), (date(9999, 6, 1), 1), (date(2026, 1, 1), 8000)],
)
def test_moving_a_date_out_of_the_calendar_is_refused_naming_the_years(day: date, years: int) -> None:
    assert _refusal(lambda: cr.add_years(day, years)) == (
        "years",
        years,
        f"a number of years keeping {day} within years 1 to 9999",
    )


def test_a_local_day_is_a_date_as_given_or_an_instant_read_in_the_policy_zone() -> None:
    assert local_day(date(2026, 6, 1), cr.BUDDIES, "x") == date(2026, 6, 1)
    late = datetime(2026, 6, 1, 23, 30, tzinfo=ZoneInfo("UTC"))  # 00:30 on 2 June in London (BST)
    assert local_day(late, cr.BUDDIES, "x") == date(2026, 6, 2)
    end_of_time = datetime(9999, 12, 31, 23, tzinfo=ZoneInfo("America/New_York"))
    assert _refusal(lambda: local_day(end_of_time, cr.BUDDIES, "first_session")) == (
        "first_session",
        end_of_time,
        "an instant between 0001-01-02 and 9999-12-29 UTC",  # refused as any instant out of range is
    )
    assert _refusal(lambda: local_day("2026-06-01", cr.BUDDIES, "first_session")) == (  # type: ignore[arg-type]
        "first_session",
        "2026-06-01",
        "a date or a timezone-aware datetime",
    )


@pytest.mark.tz
def test_a_local_day_ends_at_the_next_local_midnight_with_its_offset() -> None:
    assert end_of_local_day(date(2026, 6, 1), cr.BUDDIES).isoformat() == "2026-06-02T00:00:00+01:00"
    assert end_of_local_day(date(2026, 3, 28), cr.BUDDIES).isoformat() == "2026-03-29T00:00:00+00:00"
    assert end_of_local_day(date(2026, 3, 29), cr.BUDDIES).isoformat() == "2026-03-30T00:00:00+01:00"
    assert _refusal(lambda: end_of_local_day(date(9999, 12, 31), cr.BUDDIES)) == (
        "date",
        date(9999, 12, 31),
        "a date before 9999-12-31",
    )


def test_days_after_a_date_and_past_the_calendars_end() -> None:
    assert days_after(date(2026, 3, 20), 14, "first_session") == date(2026, 4, 3)
    assert _refusal(lambda: days_after(date(9999, 12, 25), 14, "first_session")) == (
        "first_session",
        date(9999, 12, 25),
        "a date at least 14 days before 9999-12-31",
    )


@pytest.mark.parametrize(
    ("span", "words"),
    [
        (timedelta(hours=47, minutes=59), "47 h 59 min"),  # under two days: hours
        (timedelta(days=2), "2 days"),  # exactly two days: days, and no "0 s"
        (timedelta(days=2, hours=3), "2 days 3 h"),
        (timedelta(days=14, hours=14), "14 days 14 h"),
        (timedelta(days=2, seconds=1), "2 days 1 s"),
        (timedelta(days=2, hours=23, minutes=59), "2 days 23 h 59 min"),
        (timedelta(0), "0 s"),
        (-timedelta(hours=5), "-5 h"),
    ],
)
def test_long_spans_are_worded_in_days_and_the_rest(span: timedelta, words: str) -> None:
    assert format_span(span) == words
