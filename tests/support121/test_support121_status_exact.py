"""Whole answers of a plan's status in British Summer Time (docs/quality.md, mutation testing).

``000_efb936d1ab05b6a6.txt``, "1-2-1 Support": sessions weekly or
"bi-weekly", regular reviews, refresher sessions if required; PRODUCT.md
"1-2-1 Support" (the library reports what is due or overdue, and attendance;
a plan is confirmed only for an eligible resident) and "Time" (local calendar
days in the policy's zone, Europe/London). Cy's plan offers refreshers after
every achieved goal, so it is read under a provider policy that turns
automatic refreshers on.

The older tests in ``test_support121_status.py`` pin one field at a time.
These pin everything a caller sees: every field of :class:`PlanStatus`
(compared with ``==`` against a fully built one), every line of the
explanation with its rule id, what is missing, and the field, value and
expectation of each refusal. Most run in June (UTC+1) with sessions at
00:15 local time, so a step that read a date in UTC or in the machine's zone
instead of London would move a session, a review or "today" to another day.
Others sit exactly on a session, a review or a refresher and one microsecond
either side of it, and in the repeated hour of the autumn clock change.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import attrs
import pytest

from carerules import (
    ONE_TO_ONE_SUPPORT,
    AttendanceSummary,
    CadenceNotAllowed,
    Criterion,
    Decision,
    Eligibility,
    Goal,
    GoalStatus,
    InvalidInput,
    Plan,
    PlanStatus,
    Progress,
    Refreshers,
    Resident,
    ReviewRecord,
    SessionOutcome,
    SessionRecord,
    Step,
    Weekday,
    plan_status,
)
from tests.conftest import LONDON, london
from tests.support121._policies import AUTO

A = SessionOutcome.ATTENDED
M = SessionOutcome.MISSED
OFF = SessionOutcome.CALLED_OFF

NEXT = "one-to-one.sessions.next-due"
REVIEWS = "one-to-one.reviews.interval"
OVERDUE = "one-to-one.reviews.overdue"
CLEAR = "(recording the review as held would clear it)"
ATTENDANCE = "one-to-one.attendance.record"
IN_A_ROW = "one-to-one.attendance.missed-in-a-row"
STALLED = "one-to-one.goals.no-progress-since-review"
ELIGIBILITY = "one-to-one.plan.eligibility"


def _eligible(resident: str) -> Eligibility:
    """The eligibility answer of a resident who meets all five criteria."""
    return Eligibility(resident, True, (), ())


def _confirmed(resident: str) -> str:
    return f"[{ELIGIBILITY}] {resident} is eligible: all 5 criteria met, the plan is confirmed"


def _bst(month: int, day: int, hour: int = 0, minute: int = 15, microsecond: int = 0) -> datetime:
    """A London wall time in 2026; the default is the 00:15 slot of the Tuesday plan below."""
    return datetime(2026, month, day, hour, minute, 0, microsecond, tzinfo=LONDON)


# Ana: weekly on Tuesdays at 00:15 (Monday 23:15 in UTC), from Monday 18 May 2026, a review every
# two weeks. Sessions: 19 May, 26 May, 2, 9, 16, 23 and 30 June; reviews: 2 June, 16 June, 30 June.
ANA = Plan("res-ana", "wk-bo", 1, Weekday.TUESDAY, time(0, 15), date(2026, 5, 18), 2)
ANA_GOALS = (
    Goal("g-walk", "Motivation", date(2026, 5, 18), progress=(Progress(date(2026, 6, 16)),)),
    Goal("g-club", "Networks/Relationships", date(2026, 6, 16)),
    Goal("g-later", "Confidence", date(2026, 6, 17)),
    Goal("g-cv", "Practical", date(2026, 5, 18), status=GoalStatus.ACHIEVED, closed_on=date(2026, 6, 1)),
    Goal(
        "g-plan",
        "Practical",
        date(2026, 5, 18),
        steps=(Step("book a place"), Step("phone the college", date(2026, 6, 17))),
        progress=(Progress(date(2026, 6, 20)),),
    ),
)
# 19 May unrecorded; two given in UTC, which names the same instants.
ANA_RECORDS = (
    SessionRecord(_bst(5, 26).astimezone(UTC), A),
    SessionRecord(_bst(6, 2), M),
    SessionRecord(_bst(6, 9), OFF),
    SessionRecord(_bst(6, 16).astimezone(UTC), M),
)
HELD_TODAY = (ReviewRecord(date(2026, 6, 16)),)


def _status(
    plan: Plan, at: datetime, records: tuple[SessionRecord, ...] = (), reviews: tuple[ReviewRecord, ...] = ()
) -> Decision[PlanStatus]:
    """The status under the built-in policy, for a resident who meets all five criteria."""
    eligible = Resident(plan.resident, True, True, True, True, True)
    return plan_status(plan, ONE_TO_ONE_SUPPORT, at, sessions=records, reviews=reviews, resident=eligible)


def _auto(
    plan: Plan, at: datetime, records: tuple[SessionRecord, ...] = (), reviews: tuple[ReviewRecord, ...] = ()
) -> Decision[PlanStatus]:
    """The status under a policy with automatic refreshers, for a resident who meets all five criteria."""
    eligible = Resident(plan.resident, True, True, True, True, True)
    return plan_status(plan, AUTO, at, sessions=records, reviews=reviews, resident=eligible)


@pytest.mark.tz
def test_five_minutes_after_a_midnight_session_in_summer_the_whole_status_is_pinned() -> None:
    """Tuesday 16 June 00:20 BST is still Monday in UTC: "today", its review and the 00:15 slot are London's."""
    at = _bst(6, 16, 0, 20)
    decision = _status(attrs.evolve(ANA, goals=ANA_GOALS), at, ANA_RECORDS, HELD_TODAY)
    assert decision.answer == PlanStatus(
        resident="res-ana",
        at=at,
        next_session=_bst(6, 23),
        next_review=_bst(6, 30),  # two due, one held: the held one counts against 2 June, 16 June is overdue
        next_refresher=None,
        overdue_reviews=(_bst(6, 16),),
        last_review=date(2026, 6, 16),
        attendance=AttendanceSummary(scheduled=5, attended=1, missed=2, called_off=1, unrecorded=1, missed_in_a_row=2),
        unrecorded_sessions=(_bst(5, 19),),
        # g-walk's progress is dated on the review's day, not after it; g-club opened that day;
        # g-plan's only progress and completed step are dated after today, so they do not count yet.
        goals_without_progress=("g-walk", "g-club", "g-plan"),
        eligibility=_eligible("res-ana"),
    )
    assert decision.answer.attendance.expected == 4
    assert decision.explain() == "\n".join(
        (
            f"[{NEXT}] next session 2026-06-23 00:15 +01:00; next review 2026-06-30 00:15 +01:00",
            _confirmed("res-ana"),
            f"[{REVIEWS}] every 2 week(s) after 2026-05-19: 2 review(s) due by now, 1 held",
            f"[{OVERDUE}] the review due 2026-06-16 00:15 +01:00 is overdue by 5 min {CLEAR}",
            f"[{ATTENDANCE}] attended 1 of 5 scheduled session(s) "
            "(2 missed, 1 called off by the service, 1 not recorded)",
            f"[{IN_A_ROW}] the last 2 session(s) expected were missed",
            f"[{STALLED}] goal 'g-walk': last progress 2026-06-16; last review 2026-06-16",
            f"[{STALLED}] goal 'g-club': no progress recorded; last review 2026-06-16",
            f"[{STALLED}] goal 'g-plan': no progress recorded; last review 2026-06-16",
            "missing: attendance at the session of 2026-05-19 00:15 +01:00",
        )
    )
    assert decision.missing == ("attendance at the session of 2026-05-19 00:15 +01:00",)
    [overdue] = [r for r in decision.reasons if r.rule_id == OVERDUE]
    assert overdue.would_change == "recording the review as held would clear it"
    assert all(r.would_change is None for r in decision.reasons if r.rule_id != OVERDUE)


def _at_slot(at: datetime) -> PlanStatus:
    return PlanStatus(
        resident="res-ana",
        at=at,
        next_session=_bst(6, 16),
        next_review=_bst(6, 16),  # the review held today counts against 2 June; 16 June's is due now
        next_refresher=None,
        overdue_reviews=(),
        last_review=date(2026, 6, 16),
        attendance=AttendanceSummary(scheduled=4, attended=1, missed=1, called_off=1, unrecorded=1, missed_in_a_row=1),
        unrecorded_sessions=(_bst(5, 19),),
        goals_without_progress=(),
        eligibility=_eligible("res-ana"),
    )


_AT_SLOT_EXPLAINED = "\n".join(
    (
        f"[{NEXT}] next session 2026-06-16 00:15 +01:00; next review 2026-06-16 00:15 +01:00",
        _confirmed("res-ana"),
        f"[{REVIEWS}] every 2 week(s) after 2026-05-19: 1 review(s) due by now, 1 held",
        f"[{ATTENDANCE}] attended 1 of 4 scheduled session(s) (1 missed, 1 called off by the service, 1 not recorded)",
        f"[{IN_A_ROW}] the last 1 session(s) expected were missed",
        "missing: attendance at the session of 2026-05-19 00:15 +01:00",
    )
)


@pytest.mark.tz
@pytest.mark.parametrize("microsecond", [0, -1], ids=["exactly-at-the-slot", "one-microsecond-before"])
def test_a_session_and_review_starting_at_the_instant_are_due_not_past(microsecond: int) -> None:
    """The 16 June session's record (missed) is not counted yet, and its review is not overdue."""
    at = _bst(6, 16) + timedelta(microseconds=microsecond)
    decision = _status(ANA, at, ANA_RECORDS, HELD_TODAY)
    assert decision.answer == _at_slot(at)
    assert decision.explain() == _AT_SLOT_EXPLAINED
    assert decision.missing == ("attendance at the session of 2026-05-19 00:15 +01:00",)


@pytest.mark.tz
def test_one_microsecond_after_the_slot_the_session_is_past_and_its_review_overdue() -> None:
    at = _bst(6, 16, microsecond=1)
    decision = _status(ANA, at, ANA_RECORDS, HELD_TODAY)
    assert decision.answer == PlanStatus(
        resident="res-ana",
        at=at,
        next_session=_bst(6, 23),
        next_review=_bst(6, 30),
        next_refresher=None,
        overdue_reviews=(_bst(6, 16),),
        last_review=date(2026, 6, 16),
        attendance=AttendanceSummary(scheduled=5, attended=1, missed=2, called_off=1, unrecorded=1, missed_in_a_row=2),
        unrecorded_sessions=(_bst(5, 19),),
        goals_without_progress=(),
        eligibility=_eligible("res-ana"),
    )
    assert decision.explain() == "\n".join(
        (
            f"[{NEXT}] next session 2026-06-23 00:15 +01:00; next review 2026-06-30 00:15 +01:00",
            _confirmed("res-ana"),
            f"[{REVIEWS}] every 2 week(s) after 2026-05-19: 2 review(s) due by now, 1 held",
            f"[{OVERDUE}] the review due 2026-06-16 00:15 +01:00 is overdue by 0 s {CLEAR}",
            f"[{ATTENDANCE}] attended 1 of 5 scheduled session(s) "
            "(2 missed, 1 called off by the service, 1 not recorded)",
            f"[{IN_A_ROW}] the last 2 session(s) expected were missed",
            "missing: attendance at the session of 2026-05-19 00:15 +01:00",
        )
    )


@pytest.mark.tz
def test_progress_dated_today_counts_and_progress_dated_tomorrow_does_not_yet() -> None:
    """Wednesday 17 June 00:30 BST (still the 16th in UTC), the day after the last review."""
    goals = (
        Goal("g-today", "Motivation", date(2026, 5, 18), progress=(Progress(date(2026, 6, 17)),)),
        Goal("g-step", "Confidence", date(2026, 5, 18), steps=(Step("join", date(2026, 6, 17)),)),
        Goal(
            "g-tomorrow",
            "Practical",
            date(2026, 5, 18),
            steps=(Step("enrol", date(2026, 6, 18)),),
            progress=(Progress(date(2026, 6, 18)),),
        ),
        Goal(
            "g-before",
            "Practical",
            date(2026, 5, 18),
            steps=(Step("visit", date(2026, 6, 14)), Step("ask")),
            progress=(Progress(date(2026, 6, 12)), Progress(date(2026, 6, 1))),
        ),
        Goal("g-dropped", "Motivation", date(2026, 5, 18), status=GoalStatus.DROPPED, closed_on=date(2026, 6, 1)),
    )
    at = _bst(6, 17, 0, 30)
    decision = _status(attrs.evolve(ANA, goals=goals), at, (), HELD_TODAY)
    unrecorded = (_bst(5, 19), _bst(5, 26), _bst(6, 2), _bst(6, 9), _bst(6, 16))
    assert decision.answer == PlanStatus(
        resident="res-ana",
        at=at,
        next_session=_bst(6, 23),
        next_review=_bst(6, 30),
        next_refresher=None,
        overdue_reviews=(_bst(6, 16),),
        last_review=date(2026, 6, 16),
        attendance=AttendanceSummary(scheduled=5, attended=0, missed=0, called_off=0, unrecorded=5, missed_in_a_row=0),
        unrecorded_sessions=unrecorded,
        goals_without_progress=("g-tomorrow", "g-before"),
        eligibility=_eligible("res-ana"),
    )
    missing = tuple(f"attendance at the session of {d.strftime('%Y-%m-%d')} 00:15 +01:00" for d in unrecorded)
    assert decision.missing == missing
    assert decision.explain() == "\n".join(
        (
            f"[{NEXT}] next session 2026-06-23 00:15 +01:00; next review 2026-06-30 00:15 +01:00",
            _confirmed("res-ana"),
            f"[{REVIEWS}] every 2 week(s) after 2026-05-19: 2 review(s) due by now, 1 held",
            f"[{OVERDUE}] the review due 2026-06-16 00:15 +01:00 is overdue by 24 h 15 min {CLEAR}",
            f"[{ATTENDANCE}] attended 0 of 5 scheduled session(s) "
            "(0 missed, 0 called off by the service, 5 not recorded)",
            f"[{STALLED}] goal 'g-tomorrow': no progress recorded; last review 2026-06-16",
            f"[{STALLED}] goal 'g-before': last progress 2026-06-14; last review 2026-06-16",
            *(f"missing: {m}" for m in missing),
        )
    )


@pytest.mark.tz
def test_reviews_held_ahead_of_time_push_the_next_review_back() -> None:
    """Two reviews held before the first is due cover the first two; one held on the start date counts."""
    at = _bst(6, 1, 12, 0)
    held = (ReviewRecord(date(2026, 5, 27)), ReviewRecord(date(2026, 5, 18)), ReviewRecord(date(2026, 6, 2)))
    decision = _status(ANA, at, (SessionRecord(_bst(5, 19), A), SessionRecord(_bst(5, 26), A)), held)
    assert decision.answer == PlanStatus(
        resident="res-ana",
        at=at,
        next_session=_bst(6, 2),
        next_review=_bst(6, 30),
        next_refresher=None,
        overdue_reviews=(),
        last_review=date(2026, 5, 27),  # the latest held by now; 2 June is after the instant and ignored
        attendance=AttendanceSummary(scheduled=2, attended=2, missed=0, called_off=0, unrecorded=0, missed_in_a_row=0),
        unrecorded_sessions=(),
        goals_without_progress=(),
        eligibility=_eligible("res-ana"),
    )
    assert decision.explain() == "\n".join(
        (
            f"[{NEXT}] next session 2026-06-02 00:15 +01:00; next review 2026-06-30 00:15 +01:00",
            _confirmed("res-ana"),
            f"[{REVIEWS}] every 2 week(s) after 2026-05-19: 0 review(s) due by now, 2 held",
            f"[{ATTENDANCE}] attended 2 of 2 scheduled session(s) "
            "(0 missed, 0 called off by the service, 0 not recorded)",
        )
    )
    assert decision.missing == ()


# Cy: fortnightly on Mondays at 18:00 from 16 March 2026 to 8 June, a review every six weeks (27 April,
# 8 June), two refreshers three weeks apart after each achieved goal: g-done (achieved Monday 20 April)
# on 11 May and 1 June; g-job (achieved Wednesday 13 May; three weeks on is Wednesday 3 June) on the
# Mondays after: 8 June and 29 June. 11 May and 8 June coincide with regular sessions.
CY = Plan(
    "res-cy",
    "wk-di",
    2,
    Weekday.MONDAY,
    time(18),
    date(2026, 3, 16),
    6,
    goals=(
        Goal("g-done", "Practical", date(2026, 3, 16), status=GoalStatus.ACHIEVED, closed_on=date(2026, 4, 20)),
        Goal("g-job", "Practical", date(2026, 3, 16), status=GoalStatus.ACHIEVED, closed_on=date(2026, 5, 13)),
        Goal("g-open", "Confidence", date(2026, 3, 16), progress=(Progress(date(2026, 6, 9)),)),
    ),
    ends_on=date(2026, 6, 8),
    refreshers=Refreshers(count=2, every_weeks=3),
)
CY_RECORDS = (
    SessionRecord(london(2026, 3, 16, 18), A),
    SessionRecord(london(2026, 3, 30, 18), A),
    SessionRecord(london(2026, 4, 13, 18), A),
    SessionRecord(london(2026, 4, 27, 18), A),
    SessionRecord(london(2026, 5, 11, 18), A),
    SessionRecord(london(2026, 5, 25, 18), M),
    SessionRecord(london(2026, 6, 1, 18).astimezone(UTC), M),  # a refresher, given in UTC (17:00)
    SessionRecord(london(2026, 6, 8, 18), OFF),
)
CY_HELD = (ReviewRecord(date(2026, 6, 8)), ReviewRecord(date(2026, 4, 28)))


@pytest.mark.tz
def test_after_the_plan_ends_a_refresher_at_the_instant_is_the_next_session() -> None:
    """29 June 18:00 BST is g-job's second refresher: due now, not past; no review after the end date."""
    at = london(2026, 6, 29, 18)
    decision = _auto(CY, at, CY_RECORDS, CY_HELD)
    assert decision.answer == PlanStatus(
        resident="res-cy",
        at=at,
        next_session=at,
        next_review=None,  # the third review would be 20 July, after the plan's end
        next_refresher=at,
        overdue_reviews=(),
        last_review=date(2026, 6, 8),
        # Seven regular sessions and the 1 June refresher; 11 May and 8 June count once.
        attendance=AttendanceSummary(scheduled=8, attended=5, missed=2, called_off=1, unrecorded=0, missed_in_a_row=2),
        unrecorded_sessions=(),
        goals_without_progress=(),
        eligibility=_eligible("res-cy"),
    )
    assert decision.explain() == "\n".join(
        (
            f"[{NEXT}] next session 2026-06-29 18:00 +01:00; no further review scheduled (the plan ends on 2026-06-08)",
            _confirmed("res-cy"),
            f"[{REVIEWS}] every 6 week(s) after 2026-03-16: 2 review(s) due by now, 2 held",
            f"[{ATTENDANCE}] attended 5 of 8 scheduled session(s) "
            "(2 missed, 1 called off by the service, 0 not recorded)",
            f"[{IN_A_ROW}] the last 2 session(s) expected were missed",
        )
    )
    assert decision.missing == ()


@pytest.mark.tz
def test_one_microsecond_after_the_last_refresher_nothing_is_due() -> None:
    at = london(2026, 6, 29, 18) + timedelta(microseconds=1)
    decision = _auto(CY, at, CY_RECORDS, CY_HELD)
    assert decision.answer == PlanStatus(
        resident="res-cy",
        at=at,
        next_session=None,
        next_review=None,
        next_refresher=None,
        overdue_reviews=(),
        last_review=date(2026, 6, 8),
        attendance=AttendanceSummary(scheduled=9, attended=5, missed=2, called_off=1, unrecorded=1, missed_in_a_row=0),
        unrecorded_sessions=(london(2026, 6, 29, 18),),
        goals_without_progress=(),
        eligibility=_eligible("res-cy"),
    )
    assert decision.explain() == "\n".join(
        (
            f"[{NEXT}] no further session scheduled; no further review scheduled (the plan ends on 2026-06-08)",
            _confirmed("res-cy"),
            f"[{REVIEWS}] every 6 week(s) after 2026-03-16: 2 review(s) due by now, 2 held",
            f"[{ATTENDANCE}] attended 5 of 9 scheduled session(s) "
            "(2 missed, 1 called off by the service, 1 not recorded)",
            "missing: attendance at the session of 2026-06-29 18:00 +01:00",
        )
    )


@pytest.mark.tz
@pytest.mark.parametrize(
    ("ends_on", "next_review", "due"),
    [
        (date(2026, 6, 8), london(2026, 6, 8, 18), "next review 2026-06-08 18:00 +01:00"),
        (date(2026, 6, 7), None, "no further review scheduled (the plan ends on 2026-06-07)"),
    ],
    ids=["review-on-the-end-date", "end-date-the-day-before"],
)
def test_a_review_on_the_plan_end_date_is_still_held(ends_on: date, next_review: datetime | None, due: str) -> None:
    """1 May 12:00 BST: the 27 April review was held on the 28th; the next falls on 8 June."""
    at = london(2026, 5, 1, 12)
    decision = _auto(attrs.evolve(CY, ends_on=ends_on), at, CY_RECORDS, CY_HELD)
    assert decision.answer == PlanStatus(
        resident="res-cy",
        at=at,
        next_session=london(2026, 5, 11, 18),  # a regular session and g-done's first refresher at once
        next_review=next_review,
        next_refresher=london(2026, 5, 11, 18),
        overdue_reviews=(),
        last_review=date(2026, 4, 28),
        attendance=AttendanceSummary(scheduled=4, attended=4, missed=0, called_off=0, unrecorded=0, missed_in_a_row=0),
        unrecorded_sessions=(),
        goals_without_progress=("g-open",),  # its progress of 9 June is not dated yet on 1 May
        eligibility=_eligible("res-cy"),
    )
    assert decision.explain() == "\n".join(
        (
            f"[{NEXT}] next session 2026-05-11 18:00 +01:00; {due}",
            _confirmed("res-cy"),
            f"[{REVIEWS}] every 6 week(s) after 2026-03-16: 1 review(s) due by now, 1 held",
            f"[{ATTENDANCE}] attended 4 of 4 scheduled session(s) "
            "(0 missed, 0 called off by the service, 0 not recorded)",
            f"[{STALLED}] goal 'g-open': no progress recorded; last review 2026-04-28",
        )
    )


@pytest.mark.tz
def test_a_review_in_the_first_of_the_repeated_hours_is_overdue_in_the_second() -> None:
    """25 October 2026, clocks back at 02:00 BST: 01:30 BST has passed by 01:15 GMT (45 min later)."""
    plan = Plan("res-eli", "wk-fa", 1, Weekday.SUNDAY, time(1, 30), date(2026, 10, 18), 1)
    at = london(2026, 10, 25, 1, 15, fold=1)
    decision = _status(plan, at)
    first = london(2026, 10, 25, 1, 30)  # fold=0: the first 01:30, in BST
    assert decision.answer == PlanStatus(
        resident="res-eli",
        at=at,
        next_session=london(2026, 11, 1, 1, 30),
        next_review=london(2026, 11, 1, 1, 30),
        next_refresher=None,
        overdue_reviews=(first,),
        last_review=None,
        attendance=AttendanceSummary(scheduled=2, attended=0, missed=0, called_off=0, unrecorded=2, missed_in_a_row=0),
        unrecorded_sessions=(london(2026, 10, 18, 1, 30), first),
        goals_without_progress=(),
        eligibility=_eligible("res-eli"),
    )
    assert [s.utcoffset() for s in decision.answer.overdue_reviews] == [timedelta(hours=1)]
    assert decision.explain() == "\n".join(
        (
            f"[{NEXT}] next session 2026-11-01 01:30 +00:00; next review 2026-11-01 01:30 +00:00",
            _confirmed("res-eli"),
            f"[{REVIEWS}] every 1 week(s) after 2026-10-18: 1 review(s) due by now, 0 held",
            f"[{OVERDUE}] the review due 2026-10-25 01:30 +01:00 is overdue by 45 min {CLEAR}",
            f"[{ATTENDANCE}] attended 0 of 2 scheduled session(s) "
            "(0 missed, 0 called off by the service, 2 not recorded)",
            "missing: attendance at the session of 2026-10-18 01:30 +01:00",
            "missing: attendance at the session of 2026-10-25 01:30 +01:00",
        )
    )


@pytest.mark.tz
def test_one_week_before_the_last_representable_day_the_next_session_is_on_it() -> None:
    """Weekly on Fridays at 12:00 from Friday 3 December 9999, a review every week, nothing held."""
    plan = Plan("res-max", "wk-z", 1, Weekday.FRIDAY, time(12), date(9999, 12, 3), 1)
    at = datetime(9999, 12, 24, 13, tzinfo=LONDON)
    decision = _status(plan, at)
    due = tuple(datetime(9999, 12, d, 12, tzinfo=LONDON) for d in (10, 17, 24))
    past = (datetime(9999, 12, 3, 12, tzinfo=LONDON), *due)
    assert decision.answer == PlanStatus(
        resident="res-max",
        at=at,
        next_session=datetime(9999, 12, 31, 12, tzinfo=LONDON),
        next_review=datetime(9999, 12, 31, 12, tzinfo=LONDON),
        next_refresher=None,
        overdue_reviews=due,
        last_review=None,
        attendance=AttendanceSummary(scheduled=4, attended=0, missed=0, called_off=0, unrecorded=4, missed_in_a_row=0),
        unrecorded_sessions=past,
        goals_without_progress=(),
        eligibility=_eligible("res-max"),
    )
    assert decision.explain().splitlines()[:6] == [
        f"[{NEXT}] next session 9999-12-31 12:00 +00:00; next review 9999-12-31 12:00 +00:00",
        _confirmed("res-max"),
        f"[{REVIEWS}] every 1 week(s) after 9999-12-03: 3 review(s) due by now, 0 held",
        f"[{OVERDUE}] the review due 9999-12-10 12:00 +00:00 is overdue by 337 h {CLEAR}",
        f"[{OVERDUE}] the review due 9999-12-17 12:00 +00:00 is overdue by 169 h {CLEAR}",
        f"[{OVERDUE}] the review due 9999-12-24 12:00 +00:00 is overdue by 1 h {CLEAR}",
    ]


# --- refusals ---------------------------------------------------------------------------


@pytest.mark.tz
def test_an_instant_less_than_a_cadence_before_the_last_representable_day_is_refused() -> None:
    plan = Plan("res-max", "wk-z", 2, Weekday.FRIDAY, time(12), date(9999, 12, 3), 1)
    at = datetime(9999, 12, 18, 0, tzinfo=LONDON)  # 13 days before 31 December: less than two weeks
    with pytest.raises(InvalidInput) as err:
        _status(plan, at)
    assert (err.value.field, err.value.value, err.value.expected) == (
        "at",
        at,
        "an instant at least 2 week(s) before 9999-12-31",
    )


def test_a_naive_instant_is_refused_naming_at() -> None:
    naive = datetime(2026, 6, 16, 0, 20)
    with pytest.raises(InvalidInput) as err:
        _status(ANA, naive)
    assert (err.value.field, err.value.value, err.value.expected) == (
        "at",
        naive,
        "a timezone-aware datetime (naive datetimes are refused; attach a zone, e.g. tzinfo=ZoneInfo('Europe/London'))",
    )


def test_a_cadence_the_policy_does_not_allow_is_refused() -> None:
    with pytest.raises(CadenceNotAllowed) as err:
        _status(attrs.evolve(ANA, every_weeks=3), _bst(6, 16))
    assert (err.value.field, err.value.value, err.value.expected) == (
        "plan.every_weeks",
        3,
        "a cadence the policy allows: weekly (1 slot every 1 week), twice weekly (2 slots every 1 week), "
        "fortnightly (1 slot every 2 weeks)",
    )


def test_a_review_held_before_the_plan_starts_is_refused_naming_its_position() -> None:
    reviews = (ReviewRecord(date(2026, 5, 18)), ReviewRecord(date(2026, 5, 17)))
    with pytest.raises(InvalidInput) as err:
        _status(ANA, _bst(6, 16), (), reviews)
    assert (err.value.field, err.value.value, err.value.expected) == (
        "reviews[1].held_on",
        date(2026, 5, 17),
        "a date on or after the plan's start (2026-05-18)",
    )


@pytest.mark.tz
def test_a_record_at_a_time_the_plan_does_not_schedule_is_refused() -> None:
    """Monday 18:00 BST is Cy's wall time, but not Ana's (Tuesdays 00:15)."""
    wrong = _bst(6, 8, 18, 0)
    with pytest.raises(InvalidInput) as err:
        _status(ANA, _bst(6, 16), (SessionRecord(_bst(6, 2), A), SessionRecord(wrong, A)))
    assert (err.value.field, err.value.value, err.value.expected) == (
        "sessions[1].scheduled",
        wrong,
        "the time of a session the plan schedules (tuesdays at 00:15 local time, or a refresher)",
    )


@pytest.mark.tz
def test_a_record_at_the_slot_in_utc_instead_of_local_time_is_refused() -> None:
    """00:15 UTC on Tuesday 2 June is 01:15 BST: not the session, which was at 23:15 UTC on Monday."""
    wrong = datetime(2026, 6, 2, 0, 15, tzinfo=UTC)
    with pytest.raises(InvalidInput) as err:
        _status(ANA, _bst(6, 16), (SessionRecord(wrong, A),))
    assert (err.value.field, err.value.value, err.value.expected) == (
        "sessions[0].scheduled",
        wrong,
        "the time of a session the plan schedules (tuesdays at 00:15 local time, or a refresher)",
    )


@pytest.mark.tz
def test_two_records_of_one_session_in_different_zones_are_refused() -> None:
    twice = (SessionRecord(_bst(6, 2), A), SessionRecord(_bst(5, 26), M), SessionRecord(_bst(6, 2).astimezone(UTC), M))
    with pytest.raises(InvalidInput) as err:
        _status(ANA, _bst(6, 16), twice)
    assert (err.value.field, err.value.value, err.value.expected) == (
        "sessions[2].scheduled",
        _bst(6, 2),
        "one record per scheduled session",
    )


@pytest.mark.tz
def test_a_record_of_a_refresher_that_is_not_a_regular_slot_is_accepted() -> None:
    """Cy's refresher of 1 June falls in a week without a regular session."""
    at = london(2026, 6, 2, 9)
    decision = _auto(CY, at, (SessionRecord(london(2026, 6, 1, 18), A),))
    assert decision.answer.attendance == AttendanceSummary(
        scheduled=7, attended=1, missed=0, called_off=0, unrecorded=6, missed_in_a_row=0
    )


@pytest.mark.tz
def test_a_next_review_after_the_last_representable_day_is_refused_unless_the_plan_ends_first() -> None:
    """Reviews every five weeks from Friday 3 December 9999: the first would be in the year 10000."""
    plan = Plan("res-max", "wk-z", 1, Weekday.FRIDAY, time(12), date(9999, 12, 3), 5)
    at = datetime(9999, 12, 10, 13, tzinfo=LONDON)
    with pytest.raises(InvalidInput) as err:
        _status(plan, at)
    assert (err.value.field, err.value.value, err.value.expected) == (
        "at",
        at,
        "an instant whose next review falls before 9999-12-31",
    )
    ended = attrs.evolve(plan, ends_on=date(9999, 12, 31))
    decision = _status(ended, at)
    assert (decision.answer.next_session, decision.answer.next_review) == (
        datetime(9999, 12, 17, 12, tzinfo=LONDON),
        None,
    )
    assert decision.explain().splitlines()[0] == (
        f"[{NEXT}] next session 9999-12-17 12:00 +00:00; no further review scheduled (the plan ends on 9999-12-31)"
    )


@pytest.mark.tz
def test_a_refresher_after_the_last_representable_day_is_refused_naming_the_goal() -> None:
    """One refresher eight weeks after a goal achieved on 1 December 9999 would be in the year 10000."""
    goals = (
        Goal("g-a", "Practical", date(9999, 11, 1)),
        Goal("g-b", "Practical", date(9999, 11, 1), status=GoalStatus.ACHIEVED, closed_on=date(9999, 12, 1)),
    )
    plan = Plan(
        "res-max", "wk-z", 1, Weekday.FRIDAY, time(12), date(9999, 11, 1), 1, goals, refreshers=Refreshers(1, 8)
    )
    with pytest.raises(InvalidInput) as err:
        _auto(plan, datetime(9999, 11, 20, tzinfo=LONDON))
    assert (err.value.field, err.value.value, err.value.expected) == (
        "plan.goals[1].closed_on",
        date(9999, 12, 1),
        "a date whose refreshers fall before 9999-12-31",
    )


# --- eligibility and plans meet (issue 15) -----------------------------------------------


@pytest.mark.parametrize(
    ("answers", "eligibility", "line", "missing"),
    [
        pytest.param(
            {},
            None,
            f"[{ELIGIBILITY}] flagged: res-ana's eligibility was not given, so the plan is not confirmed "
            "(passing res-ana's record (resident=) would check the five criteria)",
            ("res-ana's eligibility record (the five criteria)",),
            id="not-given",
        ),
        pytest.param(
            {"need_identified": True, "will_complete": False, "will_attend": True, "accepts_one_to_one": False},
            Eligibility(
                "res-ana", False, (Criterion.WILL_COMPLETE, Criterion.ONE_TO_ONE), (Criterion.WILL_USE_SKILLS,)
            ),
            f"[{ELIGIBILITY}] flagged: a plan is in place for res-ana, who is not eligible (unmet: will-complete, "
            "one-to-one; not recorded: will-use-skills) (the plan is confirmed only once every criterion is met)",
            ("whether res-ana is willing to use the skills learned",),
            id="unmet",
        ),
        pytest.param(
            {"need_identified": True, "will_complete": True, "will_attend": True},
            Eligibility("res-ana", None, (), (Criterion.ONE_TO_ONE, Criterion.WILL_USE_SKILLS)),
            f"[{ELIGIBILITY}] flagged: a plan is in place for res-ana, whose eligibility is undetermined (not "
            "recorded: one-to-one, will-use-skills) (recording the missing criteria, each met, would confirm it)",
            (
                "whether res-ana is willing to be supported one to one, intensively",
                "whether res-ana is willing to use the skills learned",
            ),
            id="undetermined",
        ),
    ],
)
def test_a_plan_for_a_resident_not_found_eligible_is_flagged_with_what_is_missing(
    answers: dict[str, Any], eligibility: Eligibility | None, line: str, missing: tuple[str, ...]
) -> None:
    """000_efb936d1ab05b6a6.txt, "1-2-1 Support" (who it is for) meets the plan; PRODUCT.md "1-2-1 Support"."""
    resident = Resident("res-ana", **answers) if answers else None
    at = _bst(6, 3, 9)
    records = (SessionRecord(_bst(5, 19), A), SessionRecord(_bst(5, 26), A), SessionRecord(_bst(6, 2), A))
    held = (ReviewRecord(date(2026, 6, 2)),)
    decision = plan_status(ANA, ONE_TO_ONE_SUPPORT, at, sessions=records, reviews=held, resident=resident)
    assert decision.answer.eligibility == eligibility
    assert decision.answer.eligibility_confirmed is False
    assert decision.explain().splitlines()[1] == line
    assert decision.missing == missing
    [reason] = [r for r in decision.reasons if r.rule_id == ELIGIBILITY]
    assert reason.would_change is not None
    assert attrs.evolve(decision.answer, eligibility=None) == attrs.evolve(
        _status(ANA, at, records, held).answer, eligibility=None
    )  # only the eligibility differs
