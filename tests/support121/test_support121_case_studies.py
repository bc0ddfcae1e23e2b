"""The two case studies of 000_efb936d1ab05b6a6.txt, "Case Studies", as named scenarios (see docs/one-to-one.md)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from carerules import (
    ONE_TO_ONE_SUPPORT,
    Goal,
    GoalStatus,
    Period,
    Plan,
    Progress,
    RefresherRequest,
    Resident,
    ReviewRecord,
    SessionOutcome,
    SessionRecord,
    Step,
    StepKind,
    Weekday,
    check_eligibility,
    plan_status,
    schedule,
)

LONDON = ZoneInfo("Europe/London")
ALL_FIVE: dict[str, Any] = {
    "need_identified": True,
    "will_complete": True,
    "will_attend": True,
    "accepts_one_to_one": True,
    "will_use_skills": True,
}


@pytest.mark.tz
def test_example_1_isolation_to_a_group_of_interest() -> None:
    """Example 1: a Networks/Relationships goal and a Confidence goal, weekly, across the October change."""
    sam = Resident("res-sam", **ALL_FIVE)
    assert check_eligibility(sam, ONE_TO_ONE_SUPPORT).answer.eligible is True
    network = Goal(
        "g-network",
        "Networks/Relationships",
        date(2026, 9, 3),
        topic="Creating networks around an area of interest",
        steps=(Step("find a group", date(2026, 9, 24)), Step("go to a first meeting", date(2026, 10, 8))),
    )
    nerve = Goal("g-nerve", "Confidence", date(2026, 9, 3), progress=(Progress(date(2026, 9, 17)),))
    plan = Plan("res-sam", "wk-jo", 1, Weekday.THURSDAY, time(14), date(2026, 9, 1), 4, goals=(network, nerve))
    outcomes = [
        SessionOutcome.ATTENDED,
        SessionOutcome.ATTENDED,
        SessionOutcome.MISSED,
        SessionOutcome.ATTENDED,
        SessionOutcome.ATTENDED,
        SessionOutcome.ATTENDED,
        SessionOutcome.CALLED_OFF,
        SessionOutcome.MISSED,
        SessionOutcome.MISSED,
    ]
    slots = schedule(plan, ONE_TO_ONE_SUPPORT, Period(date(2026, 9, 1), date(2026, 10, 31))).answer.sessions
    records = [SessionRecord(at, o) for at, o in zip(slots, outcomes, strict=True)]
    status = plan_status(
        plan,
        ONE_TO_ONE_SUPPORT,
        datetime(2026, 11, 2, 9, tzinfo=LONDON),
        sessions=records,
        reviews=[ReviewRecord(date(2026, 10, 1))],
        resident=sam,
    ).answer
    assert status.eligibility_confirmed
    assert slots[-1] == datetime(2026, 10, 29, 14, tzinfo=LONDON)
    assert slots[-1].utcoffset() == datetime(2026, 11, 1, tzinfo=LONDON).utcoffset()
    assert status.overdue_reviews == (datetime(2026, 10, 29, 14, tzinfo=LONDON),)
    assert (status.attendance.attended, status.attendance.scheduled, status.attendance.missed_in_a_row) == (5, 9, 2)
    assert status.goals_without_progress == ("g-nerve",)


@pytest.mark.tz
def test_example_2_volunteering_as_a_big_change() -> None:
    """Example 2: a Practical goal with a possible referral step and a Confidence goal; support until settled.

    After the plan ends, two refreshers on the volunteering goal follow the resident's requests ("1-2-1
    Support": refresher sessions if required), none by itself.
    """
    volunteer = Goal(
        "g-volunteer",
        "Practical",
        date(2026, 3, 16),
        topic="Looking for work/volunteering",
        steps=(
            Step("list what stands in the way", date(2026, 3, 30)),
            Step("counselling referral, if wanted", kind=StepKind.REFERRAL),
            Step("first volunteering shift", date(2026, 6, 1)),
        ),
        status=GoalStatus.ACHIEVED,
        closed_on=date(2026, 6, 22),
    )
    change = Goal("g-change", "Confidence", date(2026, 3, 16), topic="Supporting a period of change")
    plan = Plan(
        "res-kim",
        "wk-jo",
        2,
        Weekday.MONDAY,
        time(18),
        date(2026, 3, 16),
        6,
        goals=(volunteer, change),
        ends_on=date(2026, 6, 22),
        refresher_requests=(
            RefresherRequest("g-volunteer", date(2026, 7, 14)),
            RefresherRequest("g-volunteer", date(2026, 8, 10)),
        ),
    )
    answer = schedule(plan, ONE_TO_ONE_SUPPORT, Period(date(2026, 3, 1), date(2026, 12, 31))).answer
    assert answer.sessions[:2] == (datetime(2026, 3, 16, 18, tzinfo=LONDON), datetime(2026, 3, 30, 18, tzinfo=LONDON))
    assert answer.sessions[-1] == datetime(2026, 6, 22, 18, tzinfo=LONDON)
    assert [r.at.date() for r in answer.refreshers] == [date(2026, 7, 20), date(2026, 8, 17)]
    assert all(r.goals == ("g-volunteer",) for r in answer.refreshers)
