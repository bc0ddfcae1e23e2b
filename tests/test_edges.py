"""Datetimes at the edges, across the library: what the area tests did not already pin.

Already covered elsewhere (and not repeated here): the spring gap and the
repeated autumn hour in pricing (tests/charging/test_charging_time_edges.py),
in contract expansion (tests/onboarding/test_onboarding_contracts.py), in
1-2-1 schedules and records (tests/support121/), in cover availability
(tests/matching/test_matching_cover.py); New Year split at midnight, 29
February priced as an ordinary day, 29 February birthdays and feedback
forms, the Christmas 2027 substitute day, and years outside 1971..2100.

Added here: calendars stretched past the ``holidays`` package's data, the
calendar's own first and last instants, bank holidays that moved, the clock
changes in scenario files and medication records, and 29 February in 1-2-1
plans and contracts.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import carerules as cr
from carerules._cli import main
from carerules.serialisation import from_data, to_data
from tests.charging.test_charging_worked_examples import WITH_RATES
from tests.conftest import LONDON, london

pytestmark = pytest.mark.tz


# -- Years the holidays package has no data for ------------------------------------------------


@pytest.mark.parametrize("day", [date(1850, 12, 25), date(1871, 12, 25), date(2101, 12, 25), date(2150, 5, 1)])
def test_a_calendar_stretched_past_the_holidays_data_refuses_those_years(day: date) -> None:
    """holidays has England's bank holidays for 1872..2100 only: outside, never an ordinary day by default."""
    wide = cr.Calendar(first_year=1800, last_year=2500)
    with pytest.raises(cr.InvalidInput, match="holidays package has GB-ENG bank holidays") as caught:
        wide.is_bank_holiday(day)
    assert caught.value.value == day
    with pytest.raises(cr.InvalidInput):
        wide.holidays_in(day.year)


def test_a_stretched_calendar_still_answers_inside_the_data() -> None:
    wide = cr.Calendar(first_year=1800, last_year=2500)
    assert wide.holiday_name(date(1872, 12, 25)) == "Christmas Day"
    assert wide.holiday_name(date(2100, 12, 27)) is not None  # Christmas 2100 is a Saturday: Monday is the substitute
    assert wide.holidays_in(2100) == cr.Calendar().holidays_in(2100)


def test_a_provider_calendar_past_the_data_is_refused_when_pricing_not_priced_as_ordinary() -> None:
    policy = attrs.evolve(WITH_RATES, calendar=cr.Calendar(last_year=2200))
    session = cr.Session("far", "su", london(2150, 12, 25, 10), london(2150, 12, 25, 12))
    with pytest.raises(cr.InvalidInput, match="holidays package"):
        cr.price_session(session, policy)
    with pytest.raises(cr.InvalidInput, match="holidays package"):
        cr.price_batch([session], policy)


def test_a_closure_day_is_known_even_in_a_year_without_holidays_data() -> None:
    closed = cr.Calendar(last_year=2200, closure_days=frozenset({date(2150, 8, 14)}))
    assert closed.holiday_name(date(2150, 8, 14)) == "closure day"


# -- The calendar's own first and last instants ---------------------------------------------------


def test_the_calendars_first_and_last_days_are_answered() -> None:
    assert cr.Calendar().holiday_name(date(1971, 1, 1)) is None  # New Year's Day became a bank holiday in 1974
    assert cr.Calendar().holiday_name(date(2100, 12, 31)) is None
    session = cr.Session("end", "su", london(2100, 12, 31, 10), london(2100, 12, 31, 12))
    assert cr.price_session(session, cr.BUDDIES).answer.amount == Decimal("37.00")


@pytest.mark.parametrize(
    ("start", "end", "refused"),
    [
        (london(2100, 12, 31, 23), london(2101, 1, 1, 1), date(2101, 1, 1)),
        (london(1970, 12, 31, 23), london(1971, 1, 1, 1), date(1970, 12, 31)),
    ],
    ids=["into-2101", "out-of-1970"],
)
def test_a_session_across_the_calendars_year_boundary_is_refused_whole(
    start: datetime, end: datetime, refused: date
) -> None:
    """Half of it lies in a year the calendar does not cover: the session is not priced half-known."""
    with pytest.raises(cr.InvalidInput) as caught:
        cr.price_session(cr.Session("edge", "su", start, end), WITH_RATES)
    assert caught.value.value == refused


def test_a_scenario_file_in_a_year_without_data_exits_2_naming_the_place(tmp_path: Path) -> None:
    rate = {"kind": "day", "bank_holiday": True, "amount": "27.75", "effective_from": "2000-01-01"}
    scenario = {
        "period": {"first": "2101-06-01", "last": "2101-06-30"},
        "policy": {"base": "buddies", "rates": [rate]},
        "sessions": [
            {"id": "s", "service_user": "su", "start": "2101-06-01T10:00:00+01:00", "end": "2101-06-01T12:00:00+01:00"}
        ],
    }
    path = tmp_path / "far.json"
    path.write_text(json.dumps(scenario), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main([str(path)], out, err) == 2
    assert out.getvalue() == ""
    assert "$.sessions[0].start: got '2101-06-01T10:00:00+01:00'; expected a date in 1971..2100" in err.getvalue()


# -- Bank holidays that moved ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ordinary", "holidays"),
    [
        # 2020: the early May bank holiday moved from Monday 4 to Friday 8 May (VE Day).
        (date(2020, 5, 4), (date(2020, 5, 8),)),
        # 2022: the spring bank holiday moved from Monday 30 May to Thursday 2 June, beside the Jubilee on 3 June.
        (date(2022, 5, 30), (date(2022, 6, 2), date(2022, 6, 3))),
        # 2021: Christmas and Boxing Day on a weekend: Monday 27 and Tuesday 28 December instead.
        (date(2021, 12, 25), (date(2021, 12, 27), date(2021, 12, 28))),
        # 2026: Boxing Day on a Saturday: Monday 28 December instead.
        (date(2026, 12, 26), (date(2026, 12, 28),)),
        # 2028: New Year's Day on a Saturday: Monday 3 January instead.
        (date(2028, 1, 1), (date(2028, 1, 3),)),
    ],
    ids=["2020-ve-day", "2022-jubilee", "2021-christmas", "2026-boxing-day", "2028-new-year"],
)
def test_bank_holidays_that_moved_are_charged_on_the_day_they_moved_to(
    ordinary: date, holidays: tuple[date, ...]
) -> None:
    def price(day: date) -> Decimal:
        session = cr.Session(
            "m", "su", london(day.year, day.month, day.day, 10), london(day.year, day.month, day.day, 12)
        )
        return cr.price_session(session, WITH_RATES).answer.amount

    if ordinary.weekday() < 5:
        assert not cr.Calendar().is_bank_holiday(ordinary)
        assert price(ordinary) == Decimal("37.00")
    for day in holidays:
        assert cr.Calendar().is_bank_holiday(day), day
        assert price(day) == Decimal("55.50")


def test_a_contract_forecast_marks_a_substitute_day_as_a_bank_holiday() -> None:
    slot = cr.WeeklySlot(cr.Weekday.MONDAY, time(10), timedelta(hours=2))
    contract = cr.Contract("c", "su", "st-a", "st-b", (slot,), date(2026, 12, 1))
    schedule = cr.expand_contract(contract, cr.Period(date(2026, 12, 21), date(2026, 12, 31)), cr.BUDDIES)
    assert [(i.session.start.date(), i.holiday) for i in schedule.items] == [
        (date(2026, 12, 21), None),
        (date(2026, 12, 28), "Boxing Day (observed)"),
    ]


# -- Clock changes in scenario files and records -----------------------------------------------


@pytest.mark.parametrize(("offset", "fold", "utc_hour"), [("+00:00", 0, 1), ("+01:00", 1, 0)])
def test_a_wall_time_the_clocks_skip_round_trips_with_either_offset(offset: str, fold: int, utc_hour: int) -> None:
    """Issue 14: to_data writes such times (PEP 495 gives them an offset), so from_data must read them back.

    Either offset PEP 495 gives 01:30 on 2026-03-29 (fold 0: the offset before the change, fold 1: after)
    is read as that wall time and fold, the instant the offset says; other offsets are still refused.
    """
    text = f"2026-03-29T01:30:00{offset}[Europe/London]"
    read = from_data(text, datetime)
    assert (read.hour, read.minute, read.fold) == (1, 30, fold)
    assert read.astimezone(UTC) == datetime(2026, 3, 29, utc_hour, 30, tzinfo=UTC)
    assert to_data(read) == text
    with pytest.raises(cr.ScenarioError, match="an offset that Europe/London uses at that time"):
        from_data("2026-03-29T01:30:00+02:00[Europe/London]", datetime)


def test_both_passes_of_the_repeated_hour_are_read_from_a_file_and_written_back_unchanged() -> None:
    first = from_data("2026-10-25T01:30:00+01:00[Europe/London]", datetime)
    second = from_data("2026-10-25T01:30:00+00:00[Europe/London]", datetime)
    assert second.astimezone(UTC) - first.astimezone(UTC) == timedelta(hours=1)
    assert (first.fold, second.fold) == (0, 1)
    assert to_data(first) == "2026-10-25T01:30:00+01:00[Europe/London]"
    assert to_data(second) == "2026-10-25T01:30:00+00:00[Europe/London]"


def test_a_session_over_the_repeated_hour_from_a_file_lasts_its_real_time() -> None:
    data = {
        "id": "night",
        "service_user": "su",
        "start": "2026-10-25T01:00:00+01:00[Europe/London]",
        "end": "2026-10-25T01:30:00+00:00[Europe/London]",
    }
    session = from_data(data, cr.Session)
    assert session.duration == timedelta(hours=1, minutes=30)
    assert cr.price_session(session, cr.BUDDIES).answer.charged == timedelta(hours=2)


def test_a_medication_record_an_hour_later_in_the_repeated_hour_is_not_the_events_record() -> None:
    """Both read 01:30 on the clock, an hour apart: the event stays unrecorded."""
    event = cr.MedicationEvent(
        "m1", london(2026, 10, 25, 1, 30, fold=0), cr.MedicationSupport.PROMPT, "paracetamol", cr.MedicationForm.TABLET
    )
    later = cr.MedicationRecord(london(2026, 10, 25, 1, 30, fold=1), cr.MedicationSupport.PROMPT, "paracetamol")
    same = cr.MedicationRecord(datetime(2026, 10, 25, 0, 30, tzinfo=UTC), cr.MedicationSupport.PROMPT, "Paracetamol")
    file = cr.MedicationFile("su-ada")
    assert cr.check_medication_records([event], [later], file=file, responsible=()).answer.unrecorded == (event,)
    assert cr.check_medication_records([event], [same], file=file, responsible=()).answer.unrecorded == ()


def test_bookings_an_hour_apart_in_the_repeated_hour_do_not_overlap_for_cover() -> None:
    """Same-zone datetimes compare by wall clock in Python; cover compares real time (in UTC)."""
    kim = cr.StaffMember("st-kim", "Kim", availability=(cr.Availability(cr.Weekday.SUNDAY, time(0), time(6)),))
    user = cr.ServiceUser("su-cy", "Cy", date(2010, 1, 1))
    # 00:00-00:50 UTC, then 01:10-01:50 UTC: both read 01:xx on London clocks.
    earlier = cr.Session("early", "su-zed", london(2026, 10, 25, 1, 0), london(2026, 10, 25, 1, 50), staff="st-kim")
    later = cr.Session(
        "late", "su-cy", london(2026, 10, 25, 1, 10, fold=1), london(2026, 10, 25, 1, 50, fold=1), staff="st-kim"
    )
    assert earlier.end.astimezone(UTC) < later.start.astimezone(UTC)
    assert not cr.cover_options(later, user, [kim], cr.BUDDIES, booked=[earlier]).answer.needed


def test_a_1_2_1_session_in_the_first_pass_of_the_repeated_hour_is_past_during_the_second() -> None:
    """A 01:30 session on the night the clocks go back happens at 00:30 UTC; at 01:10 GMT it is already past."""
    plan = cr.Plan(
        resident="res-1",
        worker="wk-1",
        every_weeks=1,
        weekday=cr.Weekday.SUNDAY,
        local_time=time(1, 30),
        starts_on=date(2026, 10, 25),
        review_every_weeks=4,
    )
    at = london(2026, 10, 25, 1, 10, fold=1)  # 01:10 UTC, later than the session by 40 minutes of real time
    status = cr.plan_status(plan, cr.ONE_TO_ONE_SUPPORT, at).answer
    assert status.attendance.scheduled == 1
    assert status.next_session is not None
    assert status.next_session.astimezone(UTC) == datetime(2026, 11, 1, 1, 30, tzinfo=UTC)


# -- 29 February ---------------------------------------------------------------------------------


def test_a_weekly_1_2_1_plan_starting_on_29_february_keeps_its_weekday_and_reviews() -> None:
    """2028-02-29 is a Tuesday: sessions follow weekly on Tuesdays; a 4-weekly review falls on 28 March."""
    plan = cr.Plan(
        resident="res-1",
        worker="wk-1",
        every_weeks=1,
        weekday=cr.Weekday.TUESDAY,
        local_time=time(18, 0),
        starts_on=date(2028, 2, 29),
        review_every_weeks=4,
    )
    decided = cr.schedule(plan, cr.ONE_TO_ONE_SUPPORT, cr.Period(date(2028, 2, 1), date(2028, 3, 31))).answer
    assert [s.astimezone(LONDON).date() for s in decided.sessions] == [
        date(2028, 2, 29),
        date(2028, 3, 7),
        date(2028, 3, 14),
        date(2028, 3, 21),
        date(2028, 3, 28),
    ]
    assert [r.astimezone(LONDON).date() for r in decided.reviews] == [date(2028, 3, 28)]
    # 18:00 local on both sides of the clock change of 26 March 2028.
    assert {s.astimezone(LONDON).time() for s in decided.sessions} == {time(18, 0)}


def test_a_contract_expands_onto_29_february_in_a_leap_year_only() -> None:
    slot = cr.WeeklySlot(cr.Weekday.TUESDAY, time(10), timedelta(hours=2))
    contract = cr.Contract("c", "su", "st-a", "st-b", (slot,), date(2027, 1, 1))
    leap = cr.expand_contract(contract, cr.Period(date(2028, 2, 27), date(2028, 3, 1)), cr.BUDDIES)
    common = cr.expand_contract(contract, cr.Period(date(2027, 2, 27), date(2027, 3, 1)), cr.BUDDIES)
    assert [i.session.start.date() for i in leap.items] == [date(2028, 2, 29)]
    assert [i.session.start.date() for i in common.items] == []
