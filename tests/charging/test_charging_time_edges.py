"""Datetimes at the edges: clock-change gaps and overlaps, year ends, 29 February, years without data."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

import carerules as cr
from tests.charging.test_charging_worked_examples import WITH_RATES
from tests.conftest import LONDON, london

pytestmark = pytest.mark.tz


def test_a_wall_time_in_the_spring_gap_is_read_as_python_reads_it() -> None:
    """01:30 on 2026-03-29 does not exist in London; PEP 495 reads it with the offset before the change."""
    start = london(2026, 3, 29, 1, 30)
    assert start.astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    session = cr.Session("g", "su", start, london(2026, 3, 29, 3, 30))
    assert session.duration == timedelta(hours=1)
    assert cr.price_session(session, cr.BUDDIES).answer.charged == timedelta(hours=2)


def test_the_repeated_autumn_hour_is_told_apart_by_fold() -> None:
    first = london(2026, 10, 25, 1, 30, fold=0)
    second = london(2026, 10, 25, 1, 30, fold=1)
    assert cr.elapsed(first, second) == timedelta(hours=1)
    session = cr.Session("o", "su", first, london(2026, 10, 25, 3, 30))
    assert session.duration == timedelta(hours=3)


def test_new_years_eve_into_new_years_day_is_split_at_midnight() -> None:
    session = cr.Session("y", "su", london(2026, 12, 31, 23), london(2027, 1, 1, 1))
    charge = cr.price_session(session, WITH_RATES).answer
    assert [(p.day, p.holiday) for p in charge.parts] == [
        (date(2026, 12, 31), None),
        (date(2027, 1, 1), "New Year's Day"),
    ]
    assert charge.amount == Decimal("46.25")


def test_29_february_is_an_ordinary_day() -> None:
    session = cr.Session("l", "su", london(2028, 2, 29, 10), london(2028, 2, 29, 12))
    assert cr.price_session(session, cr.BUDDIES).answer.amount == Decimal("37.00")


@pytest.mark.parametrize("year", [1960, 2101])
def test_years_the_calendar_does_not_cover_are_refused_not_guessed(year: int) -> None:
    session = cr.Session("f", "su", london(year, 6, 1, 10), london(year, 6, 1, 12))
    with pytest.raises(cr.InvalidInput) as caught:
        cr.price_session(session, cr.BUDDIES)
    assert caught.value.value == date(year, 6, 1)
    assert "1971..2100" in str(caught.value)


def test_instants_in_other_zones_are_placed_on_london_dates() -> None:
    """A session given in New York time is priced by its London date and bank holidays."""
    new_york = LONDON.__class__("America/New_York")
    start = datetime(2026, 12, 24, 19, tzinfo=new_york)  # midnight in London
    session = cr.Session("z", "su", start, start + timedelta(hours=2))
    charge = cr.price_session(session, WITH_RATES).answer
    assert charge.parts[0].day == date(2026, 12, 25)
    assert charge.parts[0].holiday == "Christmas Day"


def test_pendulum_and_other_datetime_subclasses_price_like_plain_datetimes() -> None:
    """pendulum (a dependency) returns its own DateTime and Interval types; prices must not change."""
    import pendulum

    start = pendulum.datetime(2026, 3, 29, 0, 30, tz="Europe/London")
    end = pendulum.datetime(2026, 3, 29, 3, 30, tz="Europe/London")
    session = cr.Session("p", "su", start, end)
    plain = cr.Session("p", "su", london(2026, 3, 29, 0, 30), london(2026, 3, 29, 3, 30))
    assert type(cr.elapsed(start, end)) is timedelta
    assert cr.price_session(session, cr.BUDDIES).answer == cr.price_session(plain, cr.BUDDIES).answer
    assert cr.price_batch([session], cr.BUDDIES).amounts == (Decimal("37.00"),)
    assert cr.plus_elapsed(start, timedelta(hours=2)) == end


def test_invoice_lines_in_the_repeated_autumn_hour_say_which_0130_they_mean() -> None:
    """Issue 18: both 01:30s read ``01:30`` on the invoice; the hour shown twice now carries BST or GMT."""
    first = cr.Session("bst", "su", london(2026, 10, 25, 1, 30, fold=0), london(2026, 10, 25, 1, 30, fold=1))
    second = cr.Session("gmt", "su", london(2026, 10, 25, 1, 30, fold=1), london(2026, 10, 25, 3, 0))
    ordinary = cr.Session("day", "su", london(2026, 10, 24, 10), london(2026, 10, 24, 12))
    period = cr.Period(date(2026, 10, 19), date(2026, 10, 25))
    invoice = cr.build_invoice("su", period, cr.BUDDIES, sessions=[first, second, ordinary])
    described = {line.ref: line.description for line in invoice.lines}
    assert described["bst"].startswith("01:30 BST-01:30 GMT ")
    assert described["gmt"].startswith("01:30 GMT-03:00 ")
    assert described["day"].startswith("10:00-12:00 ")
