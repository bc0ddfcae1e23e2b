"""Whole answers of a plan's schedule across clock changes (docs/quality.md, mutation testing).

``000_efb936d1ab05b6a6.txt``, "1-2-1 Support": sessions weekly or
"bi-weekly" (every second week, or twice a week), regular reviews, refresher
sessions if required (on request); PRODUCT.md "1-2-1 Support" (the library
generates session and review dates, timezone-correct; automatic refreshers
only where a provider turns them on) and "Time" (local calendar days in
Europe/London).

Each test pins the whole :class:`Schedule` (compared with ``==``, and its
instants' UTC offsets, since same-zone datetimes compare by wall clock), its
``rows()``, and every line of the explanation with its rule id. The periods
cross the spring and autumn changes, sit in summer time with sessions just
after local midnight, and end exactly on the plan's end date.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import attrs
import pytest

from carerules import (
    ONE_TO_ONE_SUPPORT,
    Goal,
    GoalStatus,
    InvalidInput,
    Period,
    Plan,
    Refresher,
    RefresherRequest,
    Refreshers,
    RefreshersNotAutomatic,
    Schedule,
    SessionSlot,
    UnknownArea,
    Weekday,
    schedule,
)
from tests.conftest import LONDON, london
from tests.support121._policies import AUTO, CLOSED

CADENCE = "one-to-one.plan.cadence"
WALL = "one-to-one.plan.local-wall-time"
END = "one-to-one.plan.end-date"
REVIEWS = "one-to-one.reviews.interval"
REFRESHERS = "one-to-one.refreshers.after-goal"
ON_REQUEST = "one-to-one.refreshers.on-request"
BI_WEEKLY = "one-to-one.plan.bi-weekly"
AREA = "one-to-one.goals.area"
FORTNIGHTLY = f'[{BI_WEEKLY}] fortnightly: the document\'s "bi-weekly" read as every two weeks'


GMT = timedelta(0)
BST = timedelta(hours=1)


def _offsets(instants: tuple[datetime, ...]) -> list[timedelta | None]:
    return [at.utcoffset() for at in instants]


def _row(kind: str, at: datetime, goals: str = "", resident: str = "res-dee") -> dict[str, object]:
    return {"resident": resident, "kind": kind, "date": at.date(), "local_time": at.time(), "at": at, "goals": goals}


# Dee: fortnightly on Mondays at 18:00 from 16 March 2026, a review every four weeks, two refreshers a
# week apart after each achieved goal (under a policy with automatic refreshers). g-a (achieved Wednesday
# 25 March): 1 April and 8 April, moved to the Mondays after, 6 and 13 April. g-b (achieved Tuesday
# 31 March): 7 and 14 April, so Mondays 13 and 20 April. g-open is open and has none.
DEE = Plan(
    "res-dee",
    "wk-eve",
    2,
    Weekday.MONDAY,
    time(18),
    date(2026, 3, 16),
    4,
    goals=(
        Goal("g-a", "Confidence", date(2026, 3, 16), status=GoalStatus.ACHIEVED, closed_on=date(2026, 3, 25)),
        Goal("g-open", "Motivation", date(2026, 3, 16)),
        Goal("g-b", "Practical", date(2026, 3, 16), status=GoalStatus.ACHIEVED, closed_on=date(2026, 3, 31)),
    ),
    refreshers=Refreshers(count=2, every_weeks=1),
)


@pytest.mark.tz
def test_a_period_across_the_spring_change_keeps_18_00_and_lists_refreshers_in_it() -> None:
    """16 March to 19 April: 16 March in GMT, the rest in BST; 20 April's refresher falls outside."""
    period = Period(date(2026, 3, 16), date(2026, 4, 19))
    decision = schedule(DEE, AUTO, period)
    sessions = (london(2026, 3, 16, 18), london(2026, 3, 30, 18), london(2026, 4, 13, 18))
    refreshers = (Refresher(london(2026, 4, 6, 18), ("g-a",)), Refresher(london(2026, 4, 13, 18), ("g-a", "g-b")))
    assert decision.answer == Schedule("res-dee", period, sessions, (london(2026, 4, 13, 18),), refreshers)
    assert _offsets(decision.answer.sessions) == [GMT, BST, BST]
    assert decision.answer.rows() == [
        _row("session", london(2026, 3, 16, 18)),
        _row("session", london(2026, 3, 30, 18)),
        _row("refresher", london(2026, 4, 6, 18), "g-a"),
        _row("session", london(2026, 4, 13, 18)),
        _row("review", london(2026, 4, 13, 18)),  # held in that session
        _row("refresher", london(2026, 4, 13, 18), "g-a, g-b"),
    ]
    assert decision.explain() == "\n".join(
        (
            f"[{CADENCE}] fortnightly on Mondays at 18:00 from 2026-03-16: 3 session(s) from 2026-03-16 to 2026-04-19",
            FORTNIGHTLY,
            f"[{WALL}] local time kept at 18:00 across UTC offsets ['+00:00', '+01:00']",
            f"[{REVIEWS}] a review every 4 week(s) after 2026-03-16: 1 in the period",
            f"[{REFRESHERS}] 2 refresher(s) 1 week(s) apart after each achieved goal: 2 in the period",
        )
    )
    assert decision.missing == ()
    assert all(r.would_change is None for r in decision.reasons)


@pytest.mark.tz
def test_a_period_that_starts_after_the_first_session_and_ends_on_a_refresher_includes_it() -> None:
    """17 March to 20 April, all in BST: one UTC offset, so no wall-clock reason."""
    period = Period(date(2026, 3, 17), date(2026, 4, 20))
    decision = schedule(DEE, AUTO, period)
    refreshers = (
        Refresher(london(2026, 4, 6, 18), ("g-a",)),
        Refresher(london(2026, 4, 13, 18), ("g-a", "g-b")),
        Refresher(london(2026, 4, 20, 18), ("g-b",)),
    )
    sessions = (london(2026, 3, 30, 18), london(2026, 4, 13, 18))
    assert decision.answer == Schedule("res-dee", period, sessions, (london(2026, 4, 13, 18),), refreshers)
    assert decision.explain() == "\n".join(
        (
            f"[{CADENCE}] fortnightly on Mondays at 18:00 from 2026-03-16: 2 session(s) from 2026-03-17 to 2026-04-20",
            FORTNIGHTLY,
            f"[{REVIEWS}] a review every 4 week(s) after 2026-03-16: 1 in the period",
            f"[{REFRESHERS}] 2 refresher(s) 1 week(s) apart after each achieved goal: 3 in the period",
        )
    )


# Ana: weekly on Tuesdays at 00:15 BST (Monday 23:15 in UTC) from Monday 18 May 2026; reviews every two
# weeks after the first session (19 May): 2 June, 16 June. Her goal was achieved on 1 June; no refresher
# was requested, so none is scheduled.
ANA = Plan(
    "res-ana",
    "wk-bo",
    1,
    Weekday.TUESDAY,
    time(0, 15),
    date(2026, 5, 18),
    2,
    goals=(Goal("g-cv", "Practical", date(2026, 5, 18), status=GoalStatus.ACHIEVED, closed_on=date(2026, 6, 1)),),
)


@pytest.mark.tz
def test_sessions_just_after_midnight_in_summer_fall_on_the_local_tuesday() -> None:
    """1 to 16 June: the local dates are Tuesdays though in UTC each session is on the Monday."""
    period = Period(date(2026, 6, 1), date(2026, 6, 16))
    decision = schedule(ANA, ONE_TO_ONE_SUPPORT, period)
    sessions = tuple(datetime(2026, 6, d, 0, 15, tzinfo=LONDON) for d in (2, 9, 16))
    reviews = tuple(datetime(2026, 6, d, 0, 15, tzinfo=LONDON) for d in (2, 16))
    assert decision.answer == Schedule("res-ana", period, sessions, reviews, ())
    assert _offsets(sessions + reviews) == [BST] * 5
    assert [(r["kind"], r["date"], r["local_time"]) for r in decision.answer.rows()] == [
        ("session", date(2026, 6, 2), time(0, 15)),
        ("review", date(2026, 6, 2), time(0, 15)),
        ("session", date(2026, 6, 9), time(0, 15)),
        ("session", date(2026, 6, 16), time(0, 15)),
        ("review", date(2026, 6, 16), time(0, 15)),
    ]
    assert decision.answer.rows()[0] == _row("session", sessions[0], resident="res-ana")
    assert decision.explain() == "\n".join(
        (
            f"[{CADENCE}] weekly on Tuesdays at 00:15 from 2026-05-19: 3 session(s) from 2026-06-01 to 2026-06-16",
            f"[{REVIEWS}] a review every 2 week(s) after 2026-05-19: 2 in the period",
            f"[{REFRESHERS}] goal 'g-cv' achieved on 2026-06-01: no refresher scheduled, as none was requested",
        )
    )


# Fin: weekly on Sundays at 01:30, a time the clocks skip on 29 March 2026 and 28 March 2027.
FIN = Plan("res-fin", "wk-gu", 1, Weekday.SUNDAY, time(1, 30), date(2026, 3, 22), 1)


@pytest.mark.tz
@pytest.mark.parametrize(
    ("ends_on", "end_reason"),
    [
        (date(2026, 3, 29), [f"[{END}] the plan ends on 2026-03-29: no regular session or review after it"]),
        (date(2026, 3, 30), []),
        (None, []),
    ],
    ids=["ends-on-the-last-day", "ends-the-day-after", "open-ended"],
)
def test_a_skipped_time_moves_forward_by_the_gap_and_an_end_date_in_the_period_is_explained(
    ends_on: date | None, end_reason: list[str]
) -> None:
    """22 and 29 March: 01:30 GMT, then 02:30 BST (01:30 does not exist that night); review on the 29th."""
    period = Period(date(2026, 3, 22), date(2026, 3, 29))
    decision = schedule(attrs.evolve(FIN, ends_on=ends_on), ONE_TO_ONE_SUPPORT, period)
    skipped = datetime(2026, 3, 29, 2, 30, tzinfo=LONDON)
    sessions = (datetime(2026, 3, 22, 1, 30, tzinfo=LONDON), skipped)
    assert decision.answer == Schedule("res-fin", period, sessions, (skipped,), ())
    assert _offsets(decision.answer.sessions + decision.answer.reviews) == [GMT, BST, BST]
    assert decision.answer.rows() == [
        _row("session", sessions[0], resident="res-fin"),
        _row("session", skipped, resident="res-fin"),
        _row("review", skipped, resident="res-fin"),
    ]
    assert decision.explain().splitlines() == [
        f"[{CADENCE}] weekly on Sundays at 01:30 from 2026-03-22: 2 session(s) from 2026-03-22 to 2026-03-29",
        f"[{WALL}] local time kept at 01:30 across UTC offsets ['+00:00', '+01:00']",
        f"[{WALL}] 2026-03-29 02:30 +01:00: the clocks skip the plan's time that day",
        *end_reason,
        f"[{REVIEWS}] a review every 1 week(s) after 2026-03-22: 1 in the period",
    ]


@pytest.mark.tz
def test_over_a_year_the_first_skipped_session_is_the_one_explained() -> None:
    """29 March 2026 to 28 March 2027: 53 Sundays; both ends are spring-forward nights; one yearly review."""
    plan = attrs.evolve(FIN, starts_on=date(2026, 3, 29), review_every_weeks=52)
    period = Period(date(2026, 3, 29), date(2027, 3, 28))
    decision = schedule(plan, ONE_TO_ONE_SUPPORT, period)
    days = [date(2026, 3, 29) + timedelta(weeks=k) for k in range(53)]
    first, last = datetime(2026, 3, 29, 2, 30, tzinfo=LONDON), datetime(2027, 3, 28, 2, 30, tzinfo=LONDON)
    sessions = (first, *(datetime.combine(d, time(1, 30), tzinfo=LONDON) for d in days[1:-1]), last)
    assert decision.answer == Schedule("res-fin", period, sessions, (last,), ())
    # BST until 25 October 2026 (the first 01:30 that night), GMT from 1 November, BST again on 28 March.
    assert _offsets(sessions) == [BST] * 31 + [GMT] * 21 + [BST]
    assert decision.answer.sessions[30] == london(2026, 10, 25, 1, 30)
    assert decision.answer.sessions[30].utcoffset() == BST
    assert decision.explain().splitlines() == [
        f"[{CADENCE}] weekly on Sundays at 01:30 from 2026-03-29: 53 session(s) from 2026-03-29 to 2027-03-28",
        f"[{WALL}] local time kept at 01:30 across UTC offsets ['+00:00', '+01:00']",
        f"[{WALL}] 2026-03-29 02:30 +01:00: the clocks skip the plan's time that day",
        f"[{REVIEWS}] a review every 52 week(s) after 2026-03-29: 1 in the period",
    ]


@pytest.mark.tz
def test_a_refresher_after_the_plan_ends_is_listed_with_the_end_explained() -> None:
    """Dee's plan, ending on 30 March with one refresher three weeks after each goal: they run past the end."""
    plan = attrs.evolve(DEE, ends_on=date(2026, 3, 30), refreshers=Refreshers(count=1, every_weeks=3))
    # g-a achieved 25 March: three weeks on is Wednesday 15 April, so Monday 20 April; g-b (31 March):
    # Tuesday 21 April, so Monday 27 April.
    period = Period(date(2026, 3, 1), date(2026, 4, 30))
    decision = schedule(plan, AUTO, period)
    refreshers = (Refresher(london(2026, 4, 20, 18), ("g-a",)), Refresher(london(2026, 4, 27, 18), ("g-b",)))
    sessions = (london(2026, 3, 16, 18), london(2026, 3, 30, 18))
    assert decision.answer == Schedule("res-dee", period, sessions, (), refreshers)
    assert decision.explain().splitlines() == [
        f"[{CADENCE}] fortnightly on Mondays at 18:00 from 2026-03-16: 2 session(s) from 2026-03-01 to 2026-04-30",
        FORTNIGHTLY,
        f"[{WALL}] local time kept at 18:00 across UTC offsets ['+00:00', '+01:00']",
        f"[{END}] the plan ends on 2026-03-30: no regular session or review after it",
        f"[{REVIEWS}] a review every 4 week(s) after 2026-03-16: 0 in the period",
        f"[{REFRESHERS}] 1 refresher(s) 3 week(s) apart after each achieved goal: 2 in the period",
    ]


def test_a_goal_outside_the_example_areas_is_accepted_with_a_reason_saying_so() -> None:
    """000_efb936d1ab05b6a6.txt, "Support could be offered in the following areas": its four areas are examples."""
    plan = attrs.evolve(ANA, goals=(*ANA.goals, Goal("g-x", "Spirituality", date(2026, 5, 18))))
    decision = schedule(plan, ONE_TO_ONE_SUPPORT, Period(date(2026, 6, 1), date(2026, 6, 16)))
    assert decision.answer == schedule(ANA, ONE_TO_ONE_SUPPORT, Period(date(2026, 6, 1), date(2026, 6, 16))).answer
    assert decision.explain().splitlines()[1] == (
        f"[{AREA}] goal 'g-x' is in 'Spirituality', not one of the document's example areas (Motivation, "
        "Confidence, Networks/Relationships, Practical): accepted, as the areas are given for example"
    )
    assert decision.rule_ids.count(AREA) == 1


def test_a_goal_in_an_area_a_closed_list_does_not_hold_is_refused_naming_its_position() -> None:
    """PRODUCT.md "1-2-1 Support" (issue 15): a provider may close the list of areas in its policy."""
    closed = CLOSED
    plan = attrs.evolve(ANA, goals=(*ANA.goals, Goal("g-x", "Spirituality", date(2026, 5, 18))))
    with pytest.raises(UnknownArea) as err:
        schedule(plan, closed, Period(date(2026, 6, 1), date(2026, 6, 30)))
    assert (err.value.field, err.value.value, err.value.expected) == (
        "plan.goals[1].area",
        "Spirituality",
        "one of the policy's support areas: 'Motivation', 'Confidence', 'Networks/Relationships', 'Practical' "
        "(one-to-one.goals.area); the policy lists only these (one-to-one.goals.only-listed-areas)",
    )


@pytest.mark.tz
def test_a_refresher_after_the_last_representable_day_is_refused_naming_the_goal() -> None:
    """Refreshers every 8 weeks after a goal achieved on 1 December 9999: the first would be in 10000."""
    goal = Goal("g-a", "Practical", date(9999, 11, 1), status=GoalStatus.ACHIEVED, closed_on=date(9999, 12, 1))
    plan = Plan(
        "res-max", "wk-z", 1, Weekday.FRIDAY, time(12), date(9999, 11, 1), 1, (goal,), refreshers=Refreshers(1, 8)
    )
    with pytest.raises(InvalidInput) as err:
        schedule(plan, AUTO, Period(date(9999, 11, 1), date(9999, 11, 30)))
    assert (err.value.field, err.value.value, err.value.expected) == (
        "plan.goals[0].closed_on",
        date(9999, 12, 1),
        "a date whose refreshers fall before 9999-12-31",
    )


# --- refreshers on request, and several slots a week (issue 15) ---------------------------------------


@pytest.mark.tz
def test_under_the_built_in_policy_refreshers_follow_requests_only_and_say_which() -> None:
    """000_efb936d1ab05b6a6.txt, "1-2-1 Support": refresher sessions "if required", read as when requested.

    Dee's goals without the automatic offer: g-b asked for a refresher on Thursday 2 April (so Monday 6
    April at 18:00) and again on 9 April, arranged for Wednesday 15 April; g-a asked for none.
    """
    plan = attrs.evolve(
        DEE,
        refreshers=None,
        refresher_requests=(
            RefresherRequest("g-b", date(2026, 4, 2)),
            RefresherRequest("g-b", date(2026, 4, 9), on=date(2026, 4, 15)),
        ),
    )
    period = Period(date(2026, 3, 16), date(2026, 4, 19))
    decision = schedule(plan, ONE_TO_ONE_SUPPORT, period)
    refreshers = (Refresher(london(2026, 4, 6, 18), ("g-b",)), Refresher(london(2026, 4, 15, 18), ("g-b",)))
    sessions = (london(2026, 3, 16, 18), london(2026, 3, 30, 18), london(2026, 4, 13, 18))
    assert decision.answer == Schedule("res-dee", period, sessions, (london(2026, 4, 13, 18),), refreshers)
    assert decision.explain().splitlines() == [
        f"[{CADENCE}] fortnightly on Mondays at 18:00 from 2026-03-16: 3 session(s) from 2026-03-16 to 2026-04-19",
        FORTNIGHTLY,
        f"[{WALL}] local time kept at 18:00 across UTC offsets ['+00:00', '+01:00']",
        f"[{REVIEWS}] a review every 4 week(s) after 2026-03-16: 1 in the period",
        f"[{ON_REQUEST}] refresher for goal 'g-b' requested on 2026-04-02: 2026-04-06 18:00 +01:00",
        f"[{ON_REQUEST}] refresher for goal 'g-b' requested on 2026-04-09: 2026-04-15 18:00 +01:00",
        f"[{REFRESHERS}] goal 'g-a' achieved on 2026-03-25: no refresher scheduled, as none was requested",
    ]


def test_an_offer_of_refreshers_after_every_goal_is_refused_by_the_built_in_policy() -> None:
    """PRODUCT.md "1-2-1 Support" (issue 15): automatic refreshers are a provider's option, off in the built-in."""
    with pytest.raises(RefreshersNotAutomatic) as err:
        schedule(DEE, ONE_TO_ONE_SUPPORT, Period(date(2026, 3, 16), date(2026, 4, 19)))
    assert (err.value.field, err.value.value) == ("plan.refreshers", Refreshers(count=2, every_weeks=1))
    assert isinstance(err.value, InvalidInput)


# Eve: twice weekly, Mondays at 18:00 and Thursdays at 10:00, from Thursday 19 March 2026; reviews every
# four weeks after the first Monday (23 March).
EVE = Plan(
    "res-eve",
    "wk-bo",
    1,
    Weekday.MONDAY,
    time(18),
    date(2026, 3, 19),
    4,
    extra_slots=(SessionSlot(Weekday.THURSDAY, time(10)),),
)


@pytest.mark.tz
def test_a_twice_weekly_plan_meets_at_both_slots_each_week_across_the_spring_change() -> None:
    """000_efb936d1ab05b6a6.txt, "1-2-1 Support": "bi-weekly" read as twice a week; wall times kept."""
    period = Period(date(2026, 3, 19), date(2026, 4, 5))
    decision = schedule(EVE, ONE_TO_ONE_SUPPORT, period)
    sessions = (
        london(2026, 3, 19, 10),
        london(2026, 3, 23, 18),
        london(2026, 3, 26, 10),
        london(2026, 3, 30, 18),
        london(2026, 4, 2, 10),
    )
    assert decision.answer == Schedule("res-eve", period, sessions, (), ())
    assert _offsets(decision.answer.sessions) == [GMT, GMT, GMT, BST, BST]
    assert decision.explain().splitlines() == [
        f"[{CADENCE}] twice weekly on Mondays at 18:00 and Thursdays at 10:00 from 2026-03-19: 5 session(s) "
        "from 2026-03-19 to 2026-04-05",
        f'[{BI_WEEKLY}] twice weekly: the document\'s "bi-weekly" read as twice a week',
        f"[{WALL}] local time kept at 10:00 and 18:00 across UTC offsets ['+00:00', '+01:00']",
        f"[{REVIEWS}] a review every 4 week(s) after 2026-03-23: 0 in the period",
    ]


def test_a_weekly_plan_names_no_reading_of_bi_weekly() -> None:
    decision = schedule(ANA, ONE_TO_ONE_SUPPORT, Period(date(2026, 6, 1), date(2026, 6, 16)))
    assert BI_WEEKLY not in decision.rule_ids
