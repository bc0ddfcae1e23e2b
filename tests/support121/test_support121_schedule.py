"""Session, review and refresher dates: "1-2-1 Support" cadence and reviews, product decision "Time"."""

from __future__ import annotations

import itertools
import os
import time as clock
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from carerules import (
    BUDDIES,
    ONE_TO_ONE_SUPPORT,
    Cadence,
    CadenceNotAllowed,
    Goal,
    GoalStatus,
    InvalidInput,
    Period,
    Plan,
    Policy,
    RefresherRequest,
    Refreshers,
    Schedule,
    UnknownArea,
    Weekday,
    plan_status,
    schedule,
)
from carerules.serialisation import to_data
from carerules.strategies import one_to_one_policies, plans, schedule_periods
from tests.support121._policies import AUTO, CLOSED

LONDON = ONE_TO_ONE_SUPPORT.tz


def _plan(**changes: Any) -> Plan:
    base = Plan(
        resident="res-1",
        worker="wk-1",
        every_weeks=2,
        weekday=Weekday.MONDAY,
        local_time=time(18, 0),
        starts_on=date(2026, 3, 16),
        review_every_weeks=6,
    )
    return attrs.evolve(base, **changes)


def _local(at: datetime) -> str:
    return at.astimezone(LONDON).strftime("%Y-%m-%d %H:%M %Z")


@pytest.mark.tz
def test_fortnightly_from_monday_keeps_18_00_local_across_the_spring_change() -> None:
    """The issue's example: from Monday 2026-03-16 18:00 GMT, the next is 2026-03-30 18:00 BST."""
    sessions = schedule(_plan(), ONE_TO_ONE_SUPPORT, Period(date(2026, 3, 1), date(2026, 4, 30))).answer.sessions
    assert [_local(s) for s in sessions] == [
        "2026-03-16 18:00 GMT",
        "2026-03-30 18:00 BST",
        "2026-04-13 18:00 BST",
        "2026-04-27 18:00 BST",
    ]
    assert sessions[1] - sessions[0] == timedelta(days=14)  # wall-clock difference
    assert sessions[1].astimezone(UTC) - sessions[0].astimezone(UTC) == timedelta(days=14, hours=-1)


@pytest.mark.tz
def test_weekly_sessions_keep_local_time_across_the_autumn_change() -> None:
    plan = _plan(every_weeks=1, weekday=Weekday.SATURDAY, local_time=time(10, 30), starts_on=date(2026, 10, 17))
    sessions = schedule(plan, ONE_TO_ONE_SUPPORT, Period(date(2026, 10, 17), date(2026, 11, 7))).answer.sessions
    assert [_local(s) for s in sessions] == [
        "2026-10-17 10:30 BST",
        "2026-10-24 10:30 BST",
        "2026-10-31 10:30 GMT",
        "2026-11-07 10:30 GMT",
    ]


@pytest.mark.tz
def test_a_time_the_clocks_skip_moves_forward_by_the_gap() -> None:
    """Product decision "Time": 01:30 on 2026-03-29 does not exist in London; it becomes 02:30 BST."""
    plan = _plan(every_weeks=1, weekday=Weekday.SUNDAY, local_time=time(1, 30), starts_on=date(2026, 3, 22))
    decision = schedule(plan, ONE_TO_ONE_SUPPORT, Period(date(2026, 3, 22), date(2026, 4, 5)))
    assert [_local(s) for s in decision.answer.sessions] == [
        "2026-03-22 01:30 GMT",
        "2026-03-29 02:30 BST",
        "2026-04-05 01:30 BST",
    ]
    assert "the clocks skip" in decision.explain()


@pytest.mark.tz
def test_a_time_the_clocks_repeat_means_its_first_occurrence() -> None:
    plan = _plan(every_weeks=1, weekday=Weekday.SUNDAY, local_time=time(1, 30), starts_on=date(2026, 10, 25))
    [session] = schedule(plan, ONE_TO_ONE_SUPPORT, Period(date(2026, 10, 25), date(2026, 10, 25))).answer.sessions
    assert session.utcoffset() == timedelta(hours=1)
    assert session.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


@pytest.mark.tz
def test_first_session_is_the_plan_weekday_on_or_after_the_start_date() -> None:
    plan = _plan(starts_on=date(2026, 3, 18))  # a Wednesday
    sessions = schedule(plan, ONE_TO_ONE_SUPPORT, Period(date(2026, 3, 1), date(2026, 4, 10))).answer.sessions
    assert [s.date() for s in sessions] == [date(2026, 3, 23), date(2026, 4, 6)]


@pytest.mark.tz
def test_reviews_fall_every_n_weeks_after_the_first_session() -> None:
    """ "1-2-1 Support": regular reviews; the interval is the provider's (here 6 weeks)."""
    reviews = schedule(_plan(), ONE_TO_ONE_SUPPORT, Period(date(2026, 3, 1), date(2026, 7, 31))).answer.reviews
    assert [_local(r) for r in reviews] == ["2026-04-27 18:00 BST", "2026-06-08 18:00 BST", "2026-07-20 18:00 BST"]


@pytest.mark.tz
def test_nothing_regular_is_scheduled_after_the_plan_ends() -> None:
    decision = schedule(
        _plan(ends_on=date(2026, 4, 27)), ONE_TO_ONE_SUPPORT, Period(date(2026, 3, 1), date(2026, 12, 31))
    )
    assert decision.answer.sessions[-1].date() == date(2026, 4, 27)
    assert [r.date() for r in decision.answer.reviews] == [date(2026, 4, 27)]
    assert "one-to-one.plan.end-date" in decision.rule_ids


@pytest.mark.tz
def test_requested_refreshers_follow_even_after_the_plan_ends() -> None:
    """ "1-2-1 Support": refresher sessions may be offered when needed, here asked for twice after the end."""
    goal = Goal("g-1", "Practical", date(2026, 3, 16), status=GoalStatus.ACHIEVED, closed_on=date(2026, 5, 6))
    asked = (RefresherRequest("g-1", date(2026, 6, 3)), RefresherRequest("g-1", date(2026, 7, 1)))
    plan = _plan(goals=(goal,), ends_on=date(2026, 5, 11), refresher_requests=asked)
    answer = schedule(plan, ONE_TO_ONE_SUPPORT, Period(date(2026, 3, 1), date(2026, 12, 31))).answer
    assert [(_local(r.at), r.goals) for r in answer.refreshers] == [
        ("2026-06-08 18:00 BST", ("g-1",)),
        ("2026-07-06 18:00 BST", ("g-1",)),
    ]
    unasked = schedule(
        attrs.evolve(plan, refresher_requests=()), ONE_TO_ONE_SUPPORT, Period(date(2026, 3, 1), date(2026, 12, 31))
    )
    assert unasked.answer.refreshers == ()


@pytest.mark.tz
def test_automatic_refreshers_follow_an_achieved_goal_where_a_provider_turns_them_on() -> None:
    goal = Goal("g-1", "Practical", date(2026, 3, 16), status=GoalStatus.ACHIEVED, closed_on=date(2026, 5, 6))
    plan = _plan(goals=(goal,), ends_on=date(2026, 5, 11), refreshers=Refreshers(count=2, every_weeks=4))
    answer = schedule(plan, AUTO, Period(date(2026, 3, 1), date(2026, 12, 31))).answer
    assert [(_local(r.at), r.goals) for r in answer.refreshers] == [
        ("2026-06-08 18:00 BST", ("g-1",)),
        ("2026-07-06 18:00 BST", ("g-1",)),
    ]
    kinds = [row["kind"] for row in answer.rows()]
    assert kinds.count("refresher") == 2
    assert kinds.count("session") == len(answer.sessions)


def test_goal_in_an_area_the_policy_does_not_list_is_accepted_unless_the_list_is_closed() -> None:
    """ "Support could be offered in the following areas for example": another area is accepted and said so."""
    plan = _plan(goals=(Goal("g-1", "Housing", date(2026, 3, 16)),))
    decision = schedule(plan, ONE_TO_ONE_SUPPORT, Period(date(2026, 3, 1), date(2026, 3, 31)))
    assert "one-to-one.goals.area" in decision.rule_ids
    closed = CLOSED
    with pytest.raises(UnknownArea) as error:
        schedule(plan, closed, Period(date(2026, 3, 1), date(2026, 3, 31)))
    assert error.value.field == "plan.goals[0].area"
    assert "'Networks/Relationships'" in str(error.value)


def test_area_a_provider_adds_is_accepted() -> None:
    assert ONE_TO_ONE_SUPPORT.one_to_one.latest is not None
    policy = attrs.evolve(
        ONE_TO_ONE_SUPPORT, one_to_one=ONE_TO_ONE_SUPPORT.one_to_one.latest.extend("Housing", "Bidding")
    )
    plan = _plan(goals=(Goal("g-1", "Housing", date(2026, 3, 16), topic="Bidding"),))
    assert schedule(plan, policy, Period(date(2026, 3, 1), date(2026, 3, 31))).answer.sessions


def test_review_interval_of_zero_is_refused() -> None:
    with pytest.raises(InvalidInput) as error:
        _plan(review_every_weeks=0)
    assert error.value.field == "plan.review_every_weeks"


def test_cadence_other_than_weekly_or_fortnightly_is_refused_by_the_built_in_policy() -> None:
    with pytest.raises(CadenceNotAllowed) as error:
        schedule(_plan(every_weeks=3), ONE_TO_ONE_SUPPORT, Period(date(2026, 3, 1), date(2026, 3, 31)))
    assert error.value.field == "plan.every_weeks"
    assert error.value.value == 3


@pytest.mark.tz
def test_cadence_a_provider_allows_is_accepted() -> None:
    assert ONE_TO_ONE_SUPPORT.one_to_one.latest is not None
    terms = attrs.evolve(
        ONE_TO_ONE_SUPPORT.one_to_one.latest, cadences=(*ONE_TO_ONE_SUPPORT.one_to_one.latest.cadences, Cadence(3))
    )
    policy = attrs.evolve(ONE_TO_ONE_SUPPORT, one_to_one=terms)
    sessions = schedule(_plan(every_weeks=3), policy, Period(date(2026, 3, 1), date(2026, 4, 30))).answer.sessions
    assert [s.date() for s in sessions] == [date(2026, 3, 16), date(2026, 4, 6), date(2026, 4, 27)]


def test_zero_or_negative_cadence_is_refused_at_construction() -> None:
    with pytest.raises(InvalidInput):
        _plan(every_weeks=0)


def test_aware_local_time_is_refused() -> None:
    with pytest.raises(InvalidInput) as error:
        _plan(local_time=time(18, tzinfo=UTC))
    assert error.value.field == "plan.local_time"


def test_policy_without_one_to_one_terms_cannot_schedule() -> None:
    with pytest.raises(InvalidInput):
        schedule(_plan(), BUDDIES, Period(date(2026, 3, 1), date(2026, 3, 31)))


# Properties ------------------------------------------------------------------


@st.composite
def _cases(draw: st.DrawFn) -> tuple[Plan, Policy, Period]:
    policy = draw(one_to_one_policies())
    assert policy.one_to_one.latest is not None
    return draw(plans(terms=policy.one_to_one.latest)), policy, draw(schedule_periods())


def _instants(answer: Schedule) -> list[list[datetime]]:
    return [list(answer.sessions), list(answer.reviews), [r.at for r in answer.refreshers]]


@pytest.mark.tz
@settings(max_examples=150)
@given(_cases())
def test_generated_dates_are_strictly_increasing(case: tuple[Plan, Policy, Period]) -> None:
    plan, policy, period = case
    for instants in _instants(schedule(plan, policy, period).answer):
        utc = [i.astimezone(UTC) for i in instants]
        assert all(a < b for a, b in itertools.pairwise(utc))


@pytest.mark.tz
@settings(max_examples=150)
@given(_cases())
def test_generated_dates_fall_on_the_plan_weekday_and_local_time(case: tuple[Plan, Policy, Period]) -> None:
    """Local time is a slot's, except on a day the clocks skip it: then later by exactly the gap.

    Sessions fall at one of the plan's slots; reviews on its own weekday and time; refreshers at its time,
    on its weekday unless the request arranged another day.
    """
    plan, policy, period = case
    tz = policy.tz
    answer = schedule(plan, policy, period).answer
    arranged = {r.on for r in plan.refresher_requests if r.on is not None}
    for kind, instants in zip(("session", "review", "refresher"), _instants(answer), strict=True):
        slots = plan.slots if kind == "session" else plan.slots[:1]
        for at in instants:
            local = at.astimezone(tz)
            if kind == "refresher" and local.date() in arranged:
                fits = [(s, local.time() == s.local_time) for s in slots]
            else:
                fits = [(s, True) for s in slots if Weekday.of(local.date()) is s.weekday]
            assert fits, (kind, local)
            shifts = [local.replace(tzinfo=None) - datetime.combine(local.date(), s.local_time) for s, _ in fits]
            if timedelta(0) in shifts:
                continue
            shift = min(s for s in shifts if s > timedelta(0))
            before = (local.astimezone(UTC) - shift).astimezone(tz)
            assert local.utcoffset() - before.utcoffset() == shift  # type: ignore[operator]


@pytest.mark.tz
@settings(max_examples=100)
@given(_cases())
def test_regular_sessions_are_exactly_the_cadence_apart_in_local_dates(case: tuple[Plan, Policy, Period]) -> None:
    """Each slot's sessions are the cadence apart; every session falls in the period."""
    plan, policy, period = case
    days = [s.astimezone(policy.tz).date() for s in schedule(plan, policy, period).answer.sessions]
    for slot in plan.slots:
        own = sorted({d for d in days if Weekday.of(d) is slot.weekday})
        assert all((b - a).days == 7 * plan.every_weeks for a, b in itertools.pairwise(own))
    assert all(period.first <= d <= period.last for d in days)


@pytest.mark.tz
@settings(max_examples=100)
@given(_cases(), st.integers(0, 400))
def test_splitting_the_period_splits_the_schedule(case: tuple[Plan, Policy, Period], cut: int) -> None:
    plan, policy, period = case
    middle = period.first + timedelta(days=cut)
    assume(middle < period.last)
    whole = schedule(plan, policy, period).answer
    left = schedule(plan, policy, Period(period.first, middle)).answer
    right = schedule(plan, policy, Period(middle + timedelta(days=1), period.last)).answer
    assert whole.sessions == left.sessions + right.sessions
    assert whole.reviews == left.reviews + right.reviews
    assert whole.refreshers == left.refreshers + right.refreshers


@contextmanager
def _machine_timezone(name: str) -> Iterator[None]:
    old = os.environ.get("TZ")
    os.environ["TZ"] = name
    clock.tzset()
    try:
        yield
    finally:
        if old is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = old
        clock.tzset()


@pytest.mark.tz
@settings(max_examples=40)
@given(_cases())
def test_generated_dates_are_identical_under_any_machine_timezone(case: tuple[Plan, Policy, Period]) -> None:
    plan, policy, period = case
    results = []
    for name in ("UTC", "America/Los_Angeles", "Asia/Kathmandu", "Pacific/Chatham"):
        with _machine_timezone(name):
            results.append(to_data(schedule(plan, policy, period)))
    assert all(r == results[0] for r in results)


@pytest.mark.tz
def test_schedule_and_status_name_the_rules_that_set_their_dates() -> None:
    """Every date in a schedule or a status traces to a rule: cadence, wall time, reviews, refreshers, attendance."""
    goal = Goal("g-1", "Practical", date(2026, 3, 16), status=GoalStatus.ACHIEVED, closed_on=date(2026, 5, 6))
    plan = _plan(goals=(goal,), refresher_requests=(RefresherRequest("g-1", date(2026, 6, 1)),))
    dates = schedule(plan, ONE_TO_ONE_SUPPORT, Period(date(2026, 3, 1), date(2026, 12, 31)))
    assert dates.rule_ids == (
        "one-to-one.plan.cadence",
        "one-to-one.plan.bi-weekly",
        "one-to-one.plan.local-wall-time",
        "one-to-one.reviews.interval",
        "one-to-one.refreshers.on-request",
    )
    automatic = schedule(
        attrs.evolve(plan, refreshers=Refreshers(count=2, every_weeks=4)),
        AUTO,
        Period(date(2026, 3, 1), date(2026, 12, 31)),
    )
    assert automatic.rule_ids[-1] == "one-to-one.refreshers.after-goal"
    status = plan_status(plan, ONE_TO_ONE_SUPPORT, datetime(2026, 4, 20, 12, tzinfo=LONDON))
    assert status.rule_ids == (
        "one-to-one.sessions.next-due",
        "one-to-one.plan.eligibility",
        "one-to-one.reviews.interval",
        "one-to-one.attendance.record",
    )
