"""Looking ahead in a plan (issue 18): a plan from its first session, the next N sessions, the review due.

Cadence and reviews: "1-2-1 Support" in the 1-2-1 offer; wall time across clock changes: product decision "Time".
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

import carerules as cr
from carerules.strategies import plans

POLICY = cr.ONE_TO_ONE_SUPPORT
LONDON = ZoneInfo("Europe/London")


def _plan(**changes: object) -> cr.Plan:
    fields: dict[str, object] = {"resident": "res-1", "worker": "wk-1", "every_weeks": 2, "review_every_weeks": 6}
    fields.update(changes)
    first = datetime(2027, 3, 15, 18, tzinfo=LONDON)  # a Monday
    return cr.plan_from_first_session(first, POLICY, **fields)  # type: ignore[arg-type]


def test_a_plan_is_built_from_its_first_sessions_local_day_and_time() -> None:
    plan = _plan()
    assert (plan.weekday, plan.local_time, plan.starts_on) == (cr.Weekday.MONDAY, time(18, 0), date(2027, 3, 15))


@pytest.mark.tz
def test_an_instant_in_another_zone_is_read_in_the_policys_zone() -> None:
    """23:30 UTC on Sunday 13 June 2027 is 00:30 on Monday 14 June in London (BST)."""
    plan = cr.plan_from_first_session(
        datetime(2027, 6, 13, 23, 30, tzinfo=UTC), POLICY, resident="r", worker="w", every_weeks=1, review_every_weeks=4
    )
    assert (plan.weekday, plan.local_time, plan.starts_on) == (cr.Weekday.MONDAY, time(0, 30), date(2027, 6, 14))
    assert cr.schedule(plan, POLICY, cr.Period(date(2027, 6, 14), date(2027, 6, 14))).answer.sessions == (
        datetime(2027, 6, 13, 23, 30, tzinfo=UTC),
    )


def test_a_naive_first_session_and_a_cadence_the_policy_refuses_are_refused() -> None:
    with pytest.raises(cr.InvalidInput, match="first_session"):
        cr.plan_from_first_session(
            datetime(2027, 3, 15, 18), POLICY, resident="r", worker="w", every_weeks=2, review_every_weeks=6
        )
    with pytest.raises(cr.CadenceNotAllowed):
        _plan(every_weeks=3)


def test_the_next_three_sessions_keep_18_00_across_the_clock_change() -> None:
    """Fortnightly Mondays from 15 March 2027; the clocks go forward on 28 March."""
    decision = cr.next_sessions(_plan(), POLICY, datetime(2027, 3, 16, tzinfo=LONDON), 3)
    assert [s.isoformat() for s in decision.answer] == [
        "2027-03-29T18:00:00+01:00",
        "2027-04-12T18:00:00+01:00",
        "2027-04-26T18:00:00+01:00",
    ]
    assert decision.rule_ids[0] == "one-to-one.plan.cadence"


def test_a_session_at_the_instant_asked_counts_and_the_plan_end_cuts_the_list() -> None:
    plan = _plan(ends_on=date(2027, 4, 12))
    at = datetime(2027, 3, 15, 18, tzinfo=LONDON)
    decision = cr.next_sessions(plan, POLICY, at, 5)
    assert [s.date() for s in decision.answer] == [date(2027, 3, 15), date(2027, 3, 29), date(2027, 4, 12)]
    assert decision.rule_ids[-1] == "one-to-one.plan.end-date"


@pytest.mark.parametrize("count", [0, -1, True, 1.5, 10_001])
def test_a_count_must_be_a_whole_number_in_range(count: object) -> None:
    with pytest.raises(cr.InvalidInput, match="count"):
        cr.next_sessions(_plan(), POLICY, datetime(2027, 3, 16, tzinfo=LONDON), count)  # type: ignore[arg-type]


@given(plans(), st.integers(1, 30), st.datetimes(datetime(2020, 1, 1), datetime(2030, 1, 1), timezones=st.just(UTC)))
def test_the_next_n_sessions_are_the_first_n_the_schedule_gives_from_then(
    plan: cr.Plan, count: int, after: datetime
) -> None:
    got = cr.next_sessions(plan, POLICY, after, count).answer
    first = max(after.astimezone(POLICY.tz).date(), plan.starts_on)
    period = cr.Period(first, first + timedelta(weeks=plan.every_weeks * (count + 2)))
    expected = [s for s in cr.schedule(plan, POLICY, period).answer.sessions if s >= after][:count]
    assert list(got) == expected
    assert all(a.timestamp() < b.timestamp() for a, b in itertools.pairwise(got))


def test_the_first_review_is_due_six_weeks_after_the_first_session() -> None:
    plan = _plan()
    due = cr.review_due(plan, POLICY, datetime(2027, 3, 20, tzinfo=LONDON)).answer
    assert due.due_on == date(2027, 4, 26)
    assert not due.is_overdue


def test_a_review_not_held_is_overdue_until_one_is_recorded() -> None:
    plan = _plan()
    later = datetime(2027, 5, 1, tzinfo=LONDON)
    due = cr.review_due(plan, POLICY, later).answer
    assert due.is_overdue
    assert due.due_on == date(2027, 4, 26)
    assert "one-to-one.reviews.overdue" in cr.review_due(plan, POLICY, later).rule_ids
    held = cr.review_due(plan, POLICY, later, reviews=[cr.ReviewRecord(date(2027, 4, 27))]).answer
    assert (held.is_overdue, held.due_on, held.last_held) == (False, date(2027, 6, 7), date(2027, 4, 27))


@given(plans(), st.datetimes(datetime(2020, 1, 1), datetime(2030, 1, 1), timezones=st.just(UTC)))
def test_the_review_due_agrees_with_the_plan_status(plan: cr.Plan, at: datetime) -> None:
    due = cr.review_due(plan, POLICY, at).answer
    status = cr.plan_status(plan, POLICY, at).answer
    assert due.overdue == status.overdue_reviews
    assert due.due == (status.overdue_reviews[0] if status.overdue_reviews else status.next_review)
