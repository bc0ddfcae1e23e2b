"""A plan at an instant: due, overdue reviews, attendance, stalled goals (product decisions, "1-2-1 Support")."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carerules import (
    ONE_TO_ONE_SUPPORT,
    Goal,
    GoalStatus,
    InvalidInput,
    Period,
    Plan,
    PlanStatus,
    Policy,
    Progress,
    RefresherRequest,
    Refreshers,
    Resident,
    ReviewRecord,
    SessionOutcome,
    SessionRecord,
    Step,
    Weekday,
    plan_status,
    schedule,
)
from carerules.strategies import one_to_one_policies, plans, review_records, session_records
from tests.support121._policies import AUTO

LONDON = ONE_TO_ONE_SUPPORT.tz
A = SessionOutcome.ATTENDED
M = SessionOutcome.MISSED
OFF = SessionOutcome.CALLED_OFF


def _at(day: date, hour: int = 18, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON)


def _plan(**changes: Any) -> Plan:
    goals = (
        Goal("g-net", "Networks/Relationships", date(2026, 3, 16), progress=(Progress(date(2026, 5, 12)),)),
        Goal("g-conf", "Confidence", date(2026, 3, 16), progress=(Progress(date(2026, 4, 1)),)),
        Goal("g-new", "Motivation", date(2026, 5, 1)),
        Goal("g-done", "Practical", date(2026, 3, 16), status=GoalStatus.ACHIEVED, closed_on=date(2026, 4, 20)),
    )
    base = Plan("res-1", "wk-1", 2, Weekday.MONDAY, time(18), date(2026, 3, 16), 6, goals=goals)
    return attrs.evolve(base, **changes)


_RECORDS = tuple(
    SessionRecord(_at(day), outcome)
    for day, outcome in [
        (date(2026, 3, 16), A),
        (date(2026, 3, 30), A),
        (date(2026, 4, 13), M),
        (date(2026, 4, 27), A),
        (date(2026, 5, 11), OFF),
        (date(2026, 5, 25), M),
        (date(2026, 6, 8), M),
    ]
)
_REVIEWS = (ReviewRecord(date(2026, 4, 28)),)


def _status(at: datetime, **changes: Any) -> PlanStatus:
    return plan_status(_plan(**changes), ONE_TO_ONE_SUPPORT, at, sessions=_RECORDS, reviews=_REVIEWS).answer


def test_attendance_counts_attended_against_scheduled_and_the_missed_run() -> None:
    status = _status(_at(date(2026, 6, 10), 12))
    a = status.attendance
    assert (a.scheduled, a.attended, a.missed, a.called_off, a.unrecorded) == (7, 3, 3, 1, 0)
    assert a.expected == 6
    assert a.missed_in_a_row == 2  # 8 June and 25 May; 11 May was called off; 27 April attended


def test_called_off_session_does_not_break_or_extend_the_missed_run() -> None:
    decision = plan_status(_plan(), ONE_TO_ONE_SUPPORT, _at(date(2026, 6, 10), 12), sessions=_RECORDS, reviews=_REVIEWS)
    assert "one-to-one.attendance.missed-in-a-row" in decision.rule_ids
    assert "the last 2 session(s) expected were missed" in decision.explain()


def test_a_passed_review_with_none_held_since_is_overdue() -> None:
    decision = plan_status(_plan(), ONE_TO_ONE_SUPPORT, _at(date(2026, 6, 10), 12), sessions=_RECORDS, reviews=_REVIEWS)
    status = decision.answer
    assert status.overdue_reviews == (_at(date(2026, 6, 8)),)
    assert status.last_review == date(2026, 4, 28)
    [reason] = [r for r in decision.reasons if r.rule_id == "one-to-one.reviews.overdue"]
    assert "overdue by 1 day" not in reason.detail  # durations are in hours and minutes
    assert "overdue by 42 h" in reason.detail
    assert reason.would_change is not None


def test_next_session_and_review_are_the_first_at_or_after_the_instant() -> None:
    status = _status(_at(date(2026, 6, 10), 12))
    assert status.next_session == _at(date(2026, 6, 22))
    assert status.next_review == _at(date(2026, 7, 20))


def test_a_session_starting_at_the_instant_is_due_not_past() -> None:
    status = _status(_at(date(2026, 6, 8)))
    assert status.next_session == _at(date(2026, 6, 8))
    assert status.next_review == _at(date(2026, 6, 8))
    assert status.overdue_reviews == ()
    assert status.attendance.scheduled == 6


def test_before_the_plan_starts_the_first_session_and_review_are_due() -> None:
    status = plan_status(_plan(), ONE_TO_ONE_SUPPORT, _at(date(2026, 1, 5), 9)).answer
    assert status.next_session == _at(date(2026, 3, 16))
    assert status.next_review == _at(date(2026, 4, 27))
    assert status.attendance.scheduled == 0


def test_open_goal_without_progress_since_the_last_review_is_reported() -> None:
    """g-conf last moved on 1 April, before the review of 28 April; g-new did not exist then."""
    decision = plan_status(_plan(), ONE_TO_ONE_SUPPORT, _at(date(2026, 6, 10), 12), sessions=_RECORDS, reviews=_REVIEWS)
    assert decision.answer.goals_without_progress == ("g-conf",)
    assert "one-to-one.goals.no-progress-since-review" in decision.rule_ids


def test_a_completed_step_counts_as_progress() -> None:
    goals = (Goal("g-conf", "Confidence", date(2026, 3, 16), steps=(Step("ask about a group", date(2026, 5, 2)),)),)
    assert _status(_at(date(2026, 6, 10), 12), goals=goals).goals_without_progress == ()


def test_no_goal_is_reported_stalled_before_any_review_is_held() -> None:
    status = plan_status(_plan(), ONE_TO_ONE_SUPPORT, _at(date(2026, 4, 20), 9)).answer
    assert status.goals_without_progress == ()
    assert status.last_review is None


def test_unrecorded_past_sessions_are_listed_as_missing() -> None:
    decision = plan_status(_plan(), ONE_TO_ONE_SUPPORT, _at(date(2026, 4, 1), 9))
    assert decision.answer.attendance.unrecorded == 2
    assert decision.answer.attendance.missed_in_a_row == 0
    assert decision.missing == (
        "res-1's eligibility record (the five criteria)",
        "attendance at the session of 2026-03-16 18:00 +00:00",
        "attendance at the session of 2026-03-30 18:00 +01:00",
    )


def test_reviews_held_count_against_due_reviews_in_order() -> None:
    """An early review covers the next one due; two reviews held cover two."""
    early = (ReviewRecord(date(2026, 4, 20)),)
    status = plan_status(_plan(), ONE_TO_ONE_SUPPORT, _at(date(2026, 5, 1), 9), reviews=early).answer
    assert status.overdue_reviews == ()
    assert status.next_review == _at(date(2026, 6, 8))
    two = (*early, ReviewRecord(date(2026, 4, 25)))
    assert plan_status(_plan(), ONE_TO_ONE_SUPPORT, _at(date(2026, 5, 1), 9), reviews=two).answer.next_review == (
        _at(date(2026, 7, 20))
    )


def test_reviews_recorded_after_the_instant_are_ignored() -> None:
    later = (ReviewRecord(date(2026, 6, 9)),)
    status = plan_status(_plan(), ONE_TO_ONE_SUPPORT, _at(date(2026, 5, 1), 9), reviews=later).answer
    assert status.overdue_reviews == (_at(date(2026, 4, 27)),)


def test_after_the_plan_ends_only_refreshers_are_due() -> None:
    """Automatic, where a provider turns them on: g-done was achieved on 20 April, one refresher 8 weeks on."""
    plan = _plan(ends_on=date(2026, 5, 11), refreshers=Refreshers(count=1, every_weeks=8))
    status = plan_status(plan, AUTO, _at(date(2026, 5, 20), 9)).answer
    assert status.next_session == _at(date(2026, 6, 15))
    assert status.next_refresher == _at(date(2026, 6, 15))
    assert status.next_review is None


def test_a_refresher_is_due_once_requested_and_not_before() -> None:
    """ "1-2-1 Support": refreshers if required. Asked for on Friday 5 June: Monday 8 June; unknown on the 4th."""
    plan = _plan(ends_on=date(2026, 5, 11), refresher_requests=(RefresherRequest("g-done", date(2026, 6, 5)),))
    before = plan_status(plan, ONE_TO_ONE_SUPPORT, _at(date(2026, 6, 4), 9)).answer
    assert (before.next_session, before.next_refresher) == (None, None)
    after = plan_status(plan, ONE_TO_ONE_SUPPORT, _at(date(2026, 6, 5), 9)).answer
    assert (after.next_session, after.next_refresher) == (_at(date(2026, 6, 8)), _at(date(2026, 6, 8)))
    attended = (SessionRecord(_at(date(2026, 6, 8)), A),)
    later = plan_status(plan, ONE_TO_ONE_SUPPORT, _at(date(2026, 6, 9), 9), sessions=attended).answer
    assert (later.attendance.scheduled, later.attendance.attended) == (6, 1)  # five regular, one refresher


def test_a_plan_is_confirmed_only_for_an_eligible_resident() -> None:
    """PRODUCT.md "1-2-1 Support" (issue 15): eligibility and plans meet; a plan is flagged with what is missing."""
    eligible = Resident("res-1", True, True, True, True, True)
    confirmed = plan_status(_plan(), ONE_TO_ONE_SUPPORT, _at(date(2026, 4, 1), 9), resident=eligible)
    assert confirmed.answer.eligibility_confirmed
    assert "one-to-one.plan.eligibility" in confirmed.rule_ids
    unmet = plan_status(
        _plan(), ONE_TO_ONE_SUPPORT, _at(date(2026, 4, 1), 9), resident=attrs.evolve(eligible, will_attend=False)
    )
    assert not unmet.answer.eligibility_confirmed
    assert unmet.answer.eligibility is not None
    assert [c.value for c in unmet.answer.eligibility.unmet] == ["will-attend"]
    assert not plan_status(_plan(), ONE_TO_ONE_SUPPORT, _at(date(2026, 4, 1), 9)).answer.eligibility_confirmed
    with pytest.raises(InvalidInput) as error:
        plan_status(_plan(), ONE_TO_ONE_SUPPORT, _at(date(2026, 4, 1), 9), resident=Resident("res-2"))
    assert (error.value.field, error.value.value) == ("resident", "res-2")


@pytest.mark.tz
def test_a_session_in_the_repeated_hour_of_the_autumn_change_is_matched_to_its_record() -> None:
    plan = _plan(every_weeks=1, weekday=Weekday.SUNDAY, local_time=time(1), starts_on=date(2029, 10, 21), goals=())
    slot = datetime(2029, 10, 28, 1, tzinfo=LONDON)  # 01:00 BST, the first of the two
    status = plan_status(plan, ONE_TO_ONE_SUPPORT, _at(date(2029, 11, 1)), sessions=[SessionRecord(slot, M)]).answer
    assert status.attendance.missed == 1
    assert status.attendance.unrecorded == 1  # 21 October


def test_record_for_a_time_the_plan_does_not_schedule_is_refused() -> None:
    wrong = (SessionRecord(_at(date(2026, 3, 16), 17), A),)
    with pytest.raises(InvalidInput) as error:
        plan_status(_plan(), ONE_TO_ONE_SUPPORT, _at(date(2026, 4, 1)), sessions=wrong)
    assert error.value.field == "sessions[0].scheduled"


def test_two_records_for_one_session_are_refused() -> None:
    twice = (SessionRecord(_at(date(2026, 3, 16)), A), SessionRecord(_at(date(2026, 3, 16)), M))
    with pytest.raises(InvalidInput) as error:
        plan_status(_plan(), ONE_TO_ONE_SUPPORT, _at(date(2026, 4, 1)), sessions=twice)
    assert error.value.field == "sessions[1].scheduled"


def test_review_before_the_plan_starts_is_refused() -> None:
    with pytest.raises(InvalidInput) as error:
        plan_status(_plan(), ONE_TO_ONE_SUPPORT, _at(date(2026, 4, 1)), reviews=(ReviewRecord(date(2026, 3, 1)),))
    assert error.value.field == "reviews[0].held_on"


def test_naive_instant_is_refused() -> None:
    with pytest.raises(InvalidInput) as error:
        plan_status(_plan(), ONE_TO_ONE_SUPPORT, datetime(2026, 4, 1, 12))
    assert error.value.field == "at"


def test_record_notes_stay_out_of_repr() -> None:
    assert "tearful" not in repr(SessionRecord(_at(date(2026, 3, 16)), A, note="tearful"))
    assert "tearful" not in repr(ReviewRecord(date(2026, 3, 16), note="tearful"))


@st.composite
def _cases(draw: st.DrawFn) -> tuple[PlanStatus, datetime, Plan, Policy]:
    policy = draw(one_to_one_policies())
    assert policy.one_to_one.latest is not None
    plan = draw(plans(terms=policy.one_to_one.latest))
    up_to = plan.starts_on + timedelta(days=draw(st.integers(0, 400)))
    at = datetime.combine(up_to, time(12), tzinfo=policy.tz) + timedelta(minutes=draw(st.integers(-720, 720)))
    records = draw(session_records(plan, policy, up_to=up_to))
    reviews = draw(review_records(plan, up_to=up_to))
    return plan_status(plan, policy, at, sessions=records, reviews=reviews).answer, at, plan, policy


@pytest.mark.tz
@settings(max_examples=100)
@given(_cases())
def test_status_counts_add_up_and_due_items_are_not_in_the_past(
    case: tuple[PlanStatus, datetime, Plan, Policy],
) -> None:
    status, at, plan, _ = case
    a = status.attendance
    assert a.attended + a.missed + a.called_off + a.unrecorded == a.scheduled
    assert a.missed_in_a_row <= a.missed
    assert len(status.unrecorded_sessions) == a.unrecorded
    assert all(r < at for r in status.overdue_reviews)
    for due in (status.next_session, status.next_review, status.next_refresher):
        assert due is None or due >= at
    open_ids = {g.id for g in plan.goals if g.status is GoalStatus.OPEN}
    assert set(status.goals_without_progress) <= open_ids


@pytest.mark.tz
@settings(max_examples=100)
@given(_cases())
def test_next_session_is_the_first_scheduled_at_or_after_the_instant(
    case: tuple[PlanStatus, datetime, Plan, Policy],
) -> None:
    status, at, plan, policy = case
    horizon = Period(plan.starts_on, max(plan.starts_on, at.date()) + timedelta(days=1500))
    # A refresher requested after the instant's local date was not known then.
    known = tuple(r for r in plan.refresher_requests if r.requested_on <= at.astimezone(policy.tz).date())
    planned = schedule(attrs.evolve(plan, refresher_requests=known), policy, horizon).answer
    upcoming = [s for s in (*planned.sessions, *(r.at for r in planned.refreshers)) if s >= at]
    assert status.next_session == min(upcoming, default=None)
    passed = [r for r in planned.reviews if r < at]
    assert status.overdue_reviews == tuple(passed[len(passed) - len(status.overdue_reviews) :])
