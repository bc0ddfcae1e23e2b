"""Cover options when the preferred staff member cannot work a session."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from carerules import (
    BUDDIES,
    Absence,
    Availability,
    InvalidInput,
    Match,
    ServiceUser,
    Session,
    StaffMember,
    TrainingRecord,
    Weekday,
    cover_options,
)

LONDON = ZoneInfo("Europe/London")
TRAINED = (TrainingRecord("makaton", date(2025, 1, 10)),)
THURSDAY_EVENING = Availability(Weekday.THURSDAY, time(15), time(21))
CY = ServiceUser(
    "su-cy",
    "Cy",
    date(2011, 9, 9),
    interests=frozenset({"trains", "cooking", "music"}),
    required_training=frozenset({"makaton"}),
)
FAY = StaffMember(
    "st-fay",
    "Fay",
    interests=frozenset({"trains"}),
    training=TRAINED,
    availability=(
        THURSDAY_EVENING,
        Availability(Weekday.SATURDAY, time(10), time(16)),
        Availability(Weekday.TUESDAY, time(14), time(20)),
    ),
    absences=(Absence(date(2026, 3, 2), date(2026, 3, 6), "illness"),),
)
IVY = StaffMember("st-ivy", "Ivy", interests=frozenset({"music"}), training=TRAINED, availability=(THURSDAY_EVENING,))
GUS = StaffMember(
    "st-gus", "Gus", interests=frozenset({"music", "cooking"}), training=TRAINED, availability=(THURSDAY_EVENING,)
)
HAL = StaffMember(
    "st-hal", "Hal", interests=frozenset({"trains", "cooking", "music"}), availability=(THURSDAY_EVENING,)
)
JON = StaffMember("st-jon", "Jon", interests=frozenset({"trains", "cooking"}), training=TRAINED)
TEAM = [FAY, IVY, GUS, HAL, JON]
MATCH = Match("su-cy", "st-fay", "st-ivy")


def _session(day: int, start: int, end: int, staff: str = "st-fay") -> Session:
    return Session(
        f"s-{day}",
        "su-cy",
        datetime(2026, 3, day, start, 30, tzinfo=LONDON),
        datetime(2026, 3, day, end, 30, tzinfo=LONDON),
        staff=staff,
    )


@pytest.mark.tz
def test_worked_example_an_absent_key_worker_gives_the_spare_first_then_others_then_other_times() -> None:
    """Other things you should know: another member of staff at the original time, or another time with
    the preferred member of staff; the spare covers illness (How do we get started?)."""
    decision = cover_options(_session(5, 15, 20), CY, TEAM, BUDDIES, match=MATCH)
    options = decision.answer
    assert options.needed
    assert options.why == "st-fay has a recorded absence from 2026-03-02 to 2026-03-06"
    assert [(o.staff, o.spare, o.candidate.score) for o in options.other_staff] == [
        ("st-ivy", True, 1),
        ("st-gus", False, 2),
    ]
    assert [(t.start.isoformat(), t.end.isoformat()) for t in options.other_times] == [
        ("2026-03-07T10:00:00+00:00", "2026-03-07T15:00:00+00:00"),
        ("2026-03-10T14:00:00+00:00", "2026-03-10T19:00:00+00:00"),
    ]
    assert decision.rule_ids == (
        "cover.preferred-unavailable",
        "cover.spare-first",
        "cover.other-staff-original-time",
        "matching.training-records",
        "matching.training-on-session-date",
        "cover.preferred-other-time",
        "cover.family-chooses",
    )
    rows = options.rows(LONDON)
    assert [r["option"] for r in rows] == ["other staff", "other staff", "other time", "other time"]


@pytest.mark.tz
def test_only_eligible_and_available_staff_are_offered() -> None:
    """Hal fits best but lacks the pre-start training; Jon has no recorded availability."""
    offered = {o.staff for o in cover_options(_session(5, 15, 20), CY, TEAM, BUDDIES, match=MATCH).answer.other_staff}
    assert offered == {"st-ivy", "st-gus"}


@pytest.mark.tz
def test_no_cover_is_needed_when_the_preferred_staff_member_can_work() -> None:
    decision = cover_options(_session(12, 15, 20), CY, TEAM, BUDDIES, match=MATCH)
    assert not decision.answer.needed
    assert decision.answer.other_staff == ()
    assert decision.answer.other_times == ()


@pytest.mark.tz
def test_a_time_outside_the_preferred_staff_members_availability_needs_cover() -> None:
    decision = cover_options(_session(12, 19, 22), CY, TEAM, BUDDIES, match=MATCH)
    assert decision.answer.needed
    assert "not available 2026-03-12 19:30 +00:00 to 2026-03-12 22:30 +00:00" in decision.answer.why


@pytest.mark.tz
def test_an_overlapping_booking_needs_cover_and_a_booked_spare_is_not_offered() -> None:
    other = Session(
        "s-other",
        "su-dee",
        datetime(2026, 3, 12, 16, tzinfo=LONDON),
        datetime(2026, 3, 12, 18, tzinfo=LONDON),
        staff="st-fay",
    )
    ivy_busy = Session(
        "s-ivy",
        "su-eve",
        datetime(2026, 3, 12, 15, tzinfo=LONDON),
        datetime(2026, 3, 12, 16, tzinfo=LONDON),
        staff="st-ivy",
    )
    decision = cover_options(_session(12, 15, 20), CY, TEAM, BUDDIES, match=MATCH, booked=[other, ivy_busy])
    assert decision.answer.why == "st-fay is booked for another session at that time"
    assert [o.staff for o in decision.answer.other_staff] == ["st-gus"]
    assert "spare st-ivy cannot work the original time" in decision.explain()


@pytest.mark.tz
def test_availability_is_judged_in_local_wall_time_on_the_night_the_clocks_go_forward() -> None:
    night = StaffMember(
        "st-kim", "Kim", training=TRAINED, availability=(Availability(Weekday.SUNDAY, time(0), time(6)),)
    )
    session = Session(
        "s-dst",
        "su-cy",
        datetime(2026, 3, 29, 0, 30, tzinfo=LONDON),
        datetime(2026, 3, 29, 5, 30, tzinfo=LONDON),
        staff="st-fay",
    )
    offered = cover_options(session, CY, [*TEAM, night], BUDDIES, match=MATCH).answer.other_staff
    assert [o.staff for o in offered] == ["st-kim"]


def test_the_session_must_belong_to_the_service_user_and_name_a_known_staff_member() -> None:
    with pytest.raises(InvalidInput):
        cover_options(_session(5, 15, 20, staff="st-nobody"), CY, TEAM, BUDDIES)
    wrong = ServiceUser("su-other", "Other", date(2000, 1, 1))
    with pytest.raises(InvalidInput):
        cover_options(_session(5, 15, 20), wrong, TEAM, BUDDIES)


@pytest.mark.tz
def test_cover_options_round_trip_through_plain_data() -> None:
    from carerules.serialisation import from_data, to_data

    options = cover_options(_session(5, 15, 20), CY, TEAM, BUDDIES, match=MATCH).answer
    assert from_data(to_data(options), type(options)) == options
