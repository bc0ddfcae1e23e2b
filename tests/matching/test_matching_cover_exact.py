"""Whole answers of cover options, in British Summer Time (docs/quality.md, mutation testing).

``004_82faaa97975dc483.txt``, "Other things you should know": when the
preferred member of staff cannot work a session, the family is offered
another member of staff at the original time or another time with the
preferred member of staff, and chooses; "How do we get started?": the spare
covers when the key worker is away.

The older tests in ``test_matching_cover.py`` run in March, when London is
on UTC. These run in June (UTC+1) and around midnight, so any step that
read a time in the machine's zone or in UTC instead of the policy's zone
would change a date, a window or an offset here. Each test pins the whole
answer: every option, every offset, the reason texts with their rule ids,
what is missing, and the field, value and expectation of each refusal.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import attrs
import pytest
from tests.matching.test_matching_cover import CY, TRAINED

from carerules import (
    BUDDIES,
    Absence,
    Availability,
    InvalidInput,
    Match,
    MatchingPolicy,
    ServiceUser,
    Session,
    StaffMember,
    TrainingRecord,
    Weekday,
    cover_options,
)

LONDON = ZoneInfo("Europe/London")
UTC = ZoneInfo("UTC")
THURSDAY = Availability(Weekday.THURSDAY, time(15), time(21))
# Kim, the key worker: Thursday afternoons, Friday small hours, Saturday daytime, Monday evenings to midnight.
KIM_WINDOWS = (
    THURSDAY,
    Availability(Weekday.FRIDAY, time(0), time(3)),
    Availability(Weekday.SATURDAY, time(10), time(19)),
    Availability(Weekday.MONDAY, time(20), time(0)),
)
KIM = StaffMember("st-kim", "Kim", interests=frozenset({"trains"}), training=TRAINED, availability=KIM_WINDOWS)
LEE = StaffMember("st-lee", "Lee", interests=frozenset({"music"}), training=TRAINED, availability=(THURSDAY,))
MAY = StaffMember(
    "st-may",
    "May",
    interests=frozenset({"music", "cooking"}),
    training=(TrainingRecord("makaton", date(2026, 6, 1)),),
    availability=(THURSDAY,),
)
NED = StaffMember(
    "st-ned",
    "Ned",
    interests=frozenset({"trains"}),
    training=TRAINED,
    availability=(Availability(Weekday.THURSDAY, time(16), time(21)),),
)
OLI = StaffMember("st-oli", "Oli", interests=frozenset({"trains", "cooking", "music"}), availability=(THURSDAY,))
TEAM = (KIM, LEE, MAY, NED, OLI)
MATCH = Match("su-cy", "st-kim", "st-lee")

NEEDED = "cover.preferred-unavailable"
SPARE = "cover.spare-first"
STAFF = "cover.other-staff-original-time"
TIMES = "cover.preferred-other-time"
CHOOSES = "[cover.family-chooses] the family chooses between these options"
RECORDS = "matching.training-records"
JUDGED = "matching.training-on-session-date"


def _bst(day: int, hour: int, minute: int = 0, microsecond: int = 0) -> datetime:
    """A London wall time in June 2026 (BST); day 4 is a Thursday."""
    return datetime(2026, 6, 1, hour, minute, 0, microsecond, tzinfo=LONDON) + timedelta(days=day - 1)


def _session(start: datetime, end: datetime, staff: str | None = "st-kim", sid: str = "s-cy") -> Session:
    return Session(sid, "su-cy", start, end, staff=staff)


def _away(*days: int) -> StaffMember:
    return attrs.evolve(KIM, absences=tuple(Absence(date(2026, 6, d), date(2026, 6, d)) for d in days))


def _team(kim: StaffMember) -> tuple[StaffMember, ...]:
    return (kim, *TEAM[1:])


def _times(options: object) -> list[tuple[str, str]]:
    return [(t.start.isoformat(), t.end.isoformat()) for t in options.other_times]  # type: ignore[attr-defined]


def _staff(options: object) -> list[tuple[str, bool, int]]:
    return [(o.staff, o.spare, o.candidate.score) for o in options.other_staff]  # type: ignore[attr-defined]


def test_an_absent_key_worker_in_summer_gets_the_whole_answer_in_local_time() -> None:
    decision = cover_options(_session(_bst(4, 15, 30), _bst(4, 17, 30)), CY, _team(_away(4)), BUDDIES, match=MATCH)
    options = decision.answer
    assert (options.session_id, options.preferred, options.needed) == ("s-cy", "st-kim", True)
    assert options.why == "st-kim has a recorded absence from 2026-06-04 to 2026-06-04"
    # Lee is the spare, so first; May fits better than Ned, who is not free at 15:30; Oli lacks makaton.
    assert _staff(options) == [("st-lee", True, 1), ("st-may", False, 2)]
    # From Thursday 4 June for seven days (to Wednesday 10 June): Kim's windows, at the session's time or their
    # opening, never on the day she is away.
    assert _times(options) == [
        ("2026-06-05T00:00:00+01:00", "2026-06-05T02:00:00+01:00"),
        ("2026-06-06T10:00:00+01:00", "2026-06-06T12:00:00+01:00"),
        ("2026-06-06T15:30:00+01:00", "2026-06-06T17:30:00+01:00"),
        ("2026-06-08T20:00:00+01:00", "2026-06-08T22:00:00+01:00"),
    ]
    assert decision.explain() == "\n".join(
        (
            f"[{NEEDED}] cover needed for s-cy: st-kim has a recorded absence from 2026-06-04 to 2026-06-04",
            f"[{SPARE}] spare st-lee is free at the original time and offered first",
            f"[{STAFF}] 2 eligible staff free at the original time; 1 eligible but not free; "
            "ineligible staff never offered",
            f"[{RECORDS}] only completed training records count, completed on or before 2026-06-04 and not "
            "expired by then; bookings do not",
            f"[{JUDGED}] training judged on 2026-06-04, the session's local date",
            f"[{TIMES}] 4 other slot(s) with st-kim in the 7 day(s) from 2026-06-04",
            CHOOSES,
        )
    )
    assert decision.missing == ()


def test_rows_give_every_option_with_local_times_in_the_zone_asked_for() -> None:
    options = cover_options(
        _session(_bst(4, 15, 30), _bst(4, 17, 30)), CY, _team(_away(4)), BUDDIES, match=MATCH
    ).answer
    rows = options.rows(LONDON)
    assert rows[:2] == [
        {"session": "s-cy", "option": "other staff", "staff": "st-lee", "spare": True, "score": 1, "start": None,
         "end": None},
        {"session": "s-cy", "option": "other staff", "staff": "st-may", "spare": False, "score": 2, "start": None,
         "end": None},
    ]  # fmt: skip
    assert rows[2] == {
        "session": "s-cy",
        "option": "other time",
        "staff": "st-kim",
        "spare": False,
        "score": None,
        "start": _bst(5, 0),
        "end": _bst(5, 2),
    }
    assert [(r["start"].isoformat(), r["end"].isoformat()) for r in rows[2:]] == _times(options)
    in_utc = options.rows()
    assert [r["start"].isoformat() for r in in_utc[2:]] == [
        "2026-06-04T23:00:00+00:00",
        "2026-06-06T09:00:00+00:00",
        "2026-06-06T14:30:00+00:00",
        "2026-06-08T19:00:00+00:00",
    ]
    assert in_utc[2]["end"].isoformat() == "2026-06-05T01:00:00+00:00"
    assert len(rows) == 6


@pytest.mark.tz
def test_a_session_in_the_small_hours_is_judged_on_its_local_date_and_window() -> None:
    """00:30 BST on Friday is 23:30 UTC on Thursday, the day Kim is away; in London it is Friday, and she is free."""
    session = _session(_bst(5, 0, 30), _bst(5, 2, 30))
    decision = cover_options(session, CY, _team(_away(4)), BUDDIES, match=MATCH)
    assert decision.answer == attrs.evolve(
        decision.answer, session_id="s-cy", preferred="st-kim", needed=False, other_staff=(), other_times=()
    )
    assert decision.answer.why == "st-kim can work the original time"
    assert decision.explain() == f"[{NEEDED}] no cover needed: st-kim can work the original time"
    assert decision.missing == ()


@pytest.mark.tz
def test_when_the_small_hours_session_needs_cover_the_search_starts_on_its_local_date() -> None:
    session = _session(_bst(5, 0, 30), _bst(5, 2, 30))
    decision = cover_options(session, CY, _team(_away(5)), BUDDIES, match=MATCH)
    assert decision.answer.why == "st-kim has a recorded absence from 2026-06-05 to 2026-06-05"
    # Lee's, May's and Ned's Thursday afternoons do not cover Friday 00:30, so no one else is free.
    assert _staff(decision.answer) == []
    assert decision.reasons[2].detail == (
        "0 eligible staff free at the original time; 3 eligible but not free; ineligible staff never offered"
    )
    # Training is judged on the session's local date, Friday 5 June, not on the UTC date (Thursday).
    assert decision.reasons[4].detail == "training judged on 2026-06-05, the session's local date"
    assert decision.reasons[5].detail == "3 other slot(s) with st-kim in the 7 day(s) from 2026-06-05"
    # Friday 5 to Thursday 11 June; 00:30 falls in none of these windows, so each is offered from its opening.
    assert _times(decision.answer) == [
        ("2026-06-06T10:00:00+01:00", "2026-06-06T12:00:00+01:00"),
        ("2026-06-08T20:00:00+01:00", "2026-06-08T22:00:00+01:00"),
        ("2026-06-11T15:00:00+01:00", "2026-06-11T17:00:00+01:00"),
    ]


def test_an_absence_on_the_day_a_late_session_ends_needs_cover() -> None:
    """22:30 Thursday to 00:30 Friday BST ends at 23:30 UTC on Thursday; the local end date is Friday."""
    decision = cover_options(_session(_bst(4, 22, 30), _bst(5, 0, 30)), CY, _team(_away(5)), BUDDIES, match=MATCH)
    assert decision.answer.why == "st-kim has a recorded absence from 2026-06-05 to 2026-06-05"


def test_a_session_ending_at_midnight_does_not_touch_the_next_day() -> None:
    ends_at_midnight = _session(_bst(8, 22), _bst(9, 0))
    decision = cover_options(ends_at_midnight, CY, _team(_away(9)), BUDDIES, match=MATCH)
    assert decision.answer.needed is False
    one_microsecond_later = _session(_bst(8, 22), _bst(9, 0, 0, 1))
    later = cover_options(one_microsecond_later, CY, _team(_away(9)), BUDDIES, match=MATCH)
    assert later.answer.why == "st-kim has a recorded absence from 2026-06-09 to 2026-06-09"


def test_a_time_outside_the_windows_names_the_local_times() -> None:
    decision = cover_options(_session(_bst(4, 20), _bst(4, 22)), CY, TEAM, BUDDIES, match=MATCH)
    assert decision.answer.why == "st-kim is not available 2026-06-04 20:00 +01:00 to 2026-06-04 22:00 +01:00"


def test_back_to_back_bookings_and_the_session_itself_are_not_clashes() -> None:
    session = _session(_bst(11, 16), _bst(11, 18))
    booked = [
        session,
        _session(_bst(11, 14), _bst(11, 16), sid="s-before"),
        _session(_bst(11, 18), _bst(11, 19), sid="s-after"),
        _session(_bst(11, 16), _bst(11, 18), staff="st-lee", sid="s-lee"),
    ]
    decision = cover_options(session, CY, TEAM, BUDDIES, match=MATCH, booked=booked)
    assert decision.answer.needed is False
    assert decision.answer.why == "st-kim can work the original time"


def test_other_slots_skip_the_preferred_staff_members_bookings_but_not_the_session_being_moved() -> None:
    session = _session(_bst(4, 16), _bst(4, 18))
    booked = [
        session,
        _session(_bst(4, 17, 30), _bst(4, 19), sid="s-clash"),
        _session(_bst(6, 17), _bst(6, 18), sid="s-saturday"),
        _session(_bst(8, 20), _bst(8, 22), staff="st-lee", sid="s-lee-monday"),
    ]
    decision = cover_options(session, CY, TEAM, BUDDIES, match=MATCH, booked=booked)
    assert decision.answer.why == "st-kim is booked for another session at that time"
    assert _times(decision.answer) == [
        # Thursday's opening overlaps the session being moved, which no longer counts as a booking.
        ("2026-06-04T15:00:00+01:00", "2026-06-04T17:00:00+01:00"),
        ("2026-06-05T00:00:00+01:00", "2026-06-05T02:00:00+01:00"),
        # Saturday at 16:00 clashes with Kim's 17:00 booking; the opening at 10:00 is still offered.
        ("2026-06-06T10:00:00+01:00", "2026-06-06T12:00:00+01:00"),
        # Lee's Monday booking is not Kim's.
        ("2026-06-08T20:00:00+01:00", "2026-06-08T22:00:00+01:00"),
    ]


def test_an_other_slot_ending_at_local_midnight_is_offered_before_a_day_away() -> None:
    session = _session(_bst(4, 22), _bst(5, 0))
    decision = cover_options(session, CY, _team(_away(9)), BUDDIES, match=MATCH)
    assert decision.answer.why == "st-kim is not available 2026-06-04 22:00 +01:00 to 2026-06-05 00:00 +01:00"
    assert _times(decision.answer) == [
        ("2026-06-04T15:00:00+01:00", "2026-06-04T17:00:00+01:00"),
        ("2026-06-05T00:00:00+01:00", "2026-06-05T02:00:00+01:00"),
        ("2026-06-06T10:00:00+01:00", "2026-06-06T12:00:00+01:00"),
        ("2026-06-08T20:00:00+01:00", "2026-06-08T22:00:00+01:00"),
        ("2026-06-08T22:00:00+01:00", "2026-06-09T00:00:00+01:00"),
    ]


def test_without_a_staff_member_on_the_session_the_key_worker_is_preferred() -> None:
    decision = cover_options(
        _session(_bst(4, 15, 30), _bst(4, 17, 30), staff=None), CY, _team(_away(4)), BUDDIES, match=MATCH
    )
    assert decision.answer.preferred == "st-kim"
    assert decision.answer.needed is True


def test_when_the_spare_is_working_the_session_there_is_no_spare_to_offer_first() -> None:
    lee_away = attrs.evolve(LEE, absences=(Absence(date(2026, 6, 4), date(2026, 6, 4)),))
    session = _session(_bst(4, 15, 30), _bst(4, 17, 30), staff="st-lee")
    decision = cover_options(session, CY, (KIM, lee_away, *TEAM[2:]), BUDDIES, match=MATCH)
    assert decision.answer.preferred == "st-lee"
    assert decision.rule_ids == (NEEDED, STAFF, RECORDS, JUDGED, TIMES, "cover.family-chooses")
    assert _staff(decision.answer) == [("st-may", False, 2), ("st-kim", False, 1)]


def test_a_spare_who_cannot_work_the_original_time_is_said_so_and_not_offered() -> None:
    lee_away = attrs.evolve(LEE, absences=(Absence(date(2026, 6, 4), date(2026, 6, 4)),))
    session = _session(_bst(4, 15, 30), _bst(4, 17, 30))
    decision = cover_options(session, CY, (_away(4), lee_away, *TEAM[2:]), BUDDIES, match=MATCH)
    assert _staff(decision.answer) == [("st-may", False, 2)]
    assert [str(r) for r in decision.reasons[1:3]] == [
        f"[{SPARE}] spare st-lee cannot work the original time",
        f"[{STAFF}] 1 eligible staff free at the original time; 2 eligible but not free; "
        "ineligible staff never offered",
    ]


def test_training_completed_after_the_date_given_does_not_make_staff_eligible() -> None:
    session = _session(_bst(4, 15, 30), _bst(4, 17, 30))
    before = cover_options(session, CY, _team(_away(4)), BUDDIES, match=MATCH, on=date(2026, 5, 31))
    assert _staff(before.answer) == [("st-lee", True, 1)]
    on_the_day = cover_options(session, CY, _team(_away(4)), BUDDIES, match=MATCH, on=date(2026, 6, 1))
    assert _staff(on_the_day.answer) == [("st-lee", True, 1), ("st-may", False, 2)]


def test_other_times_alone_or_other_staff_alone_leave_nothing_missing() -> None:
    session = _session(_bst(4, 15, 30), _bst(4, 17, 30))
    no_staff = cover_options(session, CY, (_away(4),), BUDDIES)
    assert (_staff(no_staff.answer), len(no_staff.answer.other_times), no_staff.missing) == ([], 4, ())
    assert no_staff.rule_ids == (NEEDED, STAFF, RECORDS, JUDGED, TIMES, "cover.family-chooses")
    away_all_week = _away(*range(4, 11))
    no_times = cover_options(session, CY, (away_all_week, LEE), BUDDIES)
    assert (_staff(no_times.answer), no_times.answer.other_times, no_times.missing) == ([("st-lee", False, 1)], (), ())


def test_with_neither_option_the_answer_says_what_is_missing() -> None:
    session = _session(_bst(4, 15, 30), _bst(4, 17, 30))
    decision = cover_options(session, CY, (_away(*range(4, 11)),), BUDDIES)
    assert decision.answer.other_staff == ()
    assert decision.answer.other_times == ()
    assert decision.missing == (
        "a staff member free at the original time, or a free slot with the preferred staff member",
    )
    assert decision.reasons[-2].detail == "0 other slot(s) with st-kim in the 7 day(s) from 2026-06-04"


def test_the_search_window_comes_from_the_policy() -> None:
    two_days = attrs.evolve(BUDDIES, matching=MatchingPolicy(cover_search_days=2))
    decision = cover_options(_session(_bst(4, 15, 30), _bst(4, 17, 30)), CY, _team(_away(4)), two_days)
    assert _times(decision.answer) == [("2026-06-05T00:00:00+01:00", "2026-06-05T02:00:00+01:00")]
    assert decision.reasons[-2].detail == "1 other slot(s) with st-kim in the 2 day(s) from 2026-06-04"


def test_a_policy_listing_courses_refuses_unknown_course_names() -> None:
    listed = attrs.evolve(BUDDIES, matching=MatchingPolicy(courses=frozenset({"makaton"})))
    session = _session(_bst(4, 15, 30), _bst(4, 17, 30))
    assert cover_options(session, CY, _team(_away(4)), listed, match=MATCH).answer.needed is True
    unknown = ServiceUser("su-cy", "Cy", date(2011, 9, 9), required_training=frozenset({"bsl"}))
    with pytest.raises(InvalidInput) as err:
        cover_options(session, unknown, TEAM, listed)
    assert err.value.field == "service_user[su-cy].required_training"
    odd = attrs.evolve(LEE, training=(TrainingRecord("juggling", date(2025, 1, 1)),))
    with pytest.raises(InvalidInput) as err:
        cover_options(session, CY, (KIM, odd), listed)
    assert err.value.field == "staff[st-lee].training"


@pytest.mark.parametrize(
    ("session", "user", "match", "expected"),
    [
        (
            _session(_bst(4, 15), _bst(4, 17)),
            ServiceUser("su-cy", "Cy", date(2011, 9, 9)),
            None,
            None,
        ),
        (
            Session("s-x", "su-dee", _bst(4, 15), _bst(4, 17), staff="st-kim"),
            CY,
            None,
            ("session.service_user", "su-dee", "the Service User's id 'su-cy'"),
        ),
        (
            _session(_bst(4, 15), _bst(4, 17), staff="st-nobody"),
            CY,
            MATCH,
            ("session.staff", "st-nobody", "the id of a staff member in the staff list"),
        ),
        (
            _session(_bst(4, 15), _bst(4, 17), staff=None),
            CY,
            None,
            ("session.staff", None, "the id of a staff member in the staff list"),
        ),
        (
            _session(_bst(4, 15), _bst(4, 17), staff=None),
            CY,
            Match("su-cy", "st-nobody", "st-lee"),
            ("session.staff", "st-nobody", "the id of a staff member in the staff list"),
        ),
    ],
)
def test_refusals_name_the_field_the_value_and_what_was_expected(
    session: Session, user: ServiceUser, match: Match | None, expected: tuple[str, object, str] | None
) -> None:
    if expected is None:
        assert cover_options(session, user, TEAM, BUDDIES, match=match).answer.preferred == "st-kim"
        return
    with pytest.raises(InvalidInput) as err:
        cover_options(session, user, TEAM, BUDDIES, match=match)
    assert (err.value.field, err.value.value, err.value.expected) == expected
