"""Whole answers of the 1-2-1 section of a report (docs/quality.md, mutation testing).

``000_efb936d1ab05b6a6.txt``, "1-2-1 Support" (who is eligible; sessions
weekly or "bi-weekly"; refreshers if required) and PRODUCT.md, "1-2-1
Support" (reviews every N weeks after the first session, refreshers on
request, attendance and goals without progress at an instant; a plan for a
resident not found eligible is flagged). One plan is reported over May to
July 2026 as of noon on 10 June; the figures are worked out in the comments.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import attrs
import pytest

import carerules as cr
from carerules._support121._report import OneToOneSection, SupportCase, describe_plan, report_cases
from tests.support121._policies import AUTO

LONDON = ZoneInfo("Europe/London")
A, M = cr.SessionOutcome.ATTENDED, cr.SessionOutcome.MISSED
GOALS = (
    cr.Goal("g-net", "Networks/Relationships", date(2026, 3, 16), progress=(cr.Progress(date(2026, 5, 12)),)),
    cr.Goal("g-conf", "Confidence", date(2026, 3, 16)),
    cr.Goal("g-done", "Practical", date(2026, 3, 16), status=cr.GoalStatus.ACHIEVED, closed_on=date(2026, 4, 20)),
)
PLAN = cr.Plan(
    "res-1", "wk-jo", 2, cr.Weekday.MONDAY, time(18), date(2026, 3, 16), 6, goals=GOALS,
    refresher_requests=(cr.RefresherRequest("g-done", date(2026, 5, 12)),),
)  # fmt: skip
RECORDS = tuple(
    cr.SessionRecord(datetime(2026, month, day, 18, tzinfo=LONDON), outcome)
    for month, day, outcome in [(3, 16, A), (3, 30, A), (4, 13, M), (4, 27, M), (5, 11, A)]
)
CASES = (
    SupportCase(
        cr.Resident("res-1", True, True, True, True, True), PLAN, RECORDS, (cr.ReviewRecord(date(2026, 4, 27)),)
    ),
    SupportCase(cr.Resident("res-2", False, True, False, True, True)),
    SupportCase(cr.Resident("res-3", need_identified=True)),
)
SECTION = OneToOneSection(datetime(2026, 6, 10, 12, tzinfo=LONDON), CASES)
PERIOD = cr.Period(date(2026, 5, 1), date(2026, 7, 31))

# Sessions every other Monday from 16 March: in May to July, 11 and 25 May, 8 and 22 June, 6 and 20 July.
# Reviews every 6 weeks after 16 March: 27 April, 8 June, 20 July. The goal achieved on Monday 20 April gets
# the refresher requested on Tuesday 12 May, on the next Monday, 18 May. By noon on 10 June, 8 sessions were
# due (16 and 30 March, 13 and 27 April, 11, 18 and 25 May, 8 June): 3 attended, 2 missed, 3 not recorded;
# the 8 June review is 42 hours overdue (one review held, two due).
PLAN_LINES = [
    "  plan: fortnightly on Mondays at 18:00 with wk-jo; reviews every 6 weeks",
    "  sessions in 2026-05-01 to 2026-07-31: 2026-05-11 18:00 +01:00, 2026-05-25 18:00 +01:00,"
    " 2026-06-08 18:00 +01:00, 2026-06-22 18:00 +01:00 (+2 more)",
    "  reviews in 2026-05-01 to 2026-07-31: 2026-06-08 18:00 +01:00, 2026-07-20 18:00 +01:00",
    "  refreshers: 2026-05-18 18:00 +01:00 (g-done)",
    "  as of 2026-06-10 12:00 +01:00: next session 2026-06-22 18:00 +01:00; next review 2026-07-20 18:00 +01:00",
    "  OVERDUE: review due 2026-06-08 18:00 +01:00 (42 h ago)",
    "  attendance: 3 of 8 attended, 2 missed, 0 called off, 3 not recorded; missed in a row: 0",
    "  no progress since the review of 2026-04-27: g-conf",
]


def _reports() -> tuple[cr.CaseReport, ...]:
    return report_cases(SECTION, cr.ONE_TO_ONE_SUPPORT, PERIOD)


@pytest.mark.tz
def test_a_plan_is_reported_line_by_line() -> None:
    assert _reports()[0].render(LONDON).splitlines() == ["Resident res-1: eligible", *PLAN_LINES]


@pytest.mark.tz
def test_with_explanations_every_reason_and_missing_record_is_listed() -> None:
    lines = _reports()[0].render(LONDON, explain=True).splitlines()
    assert lines[:7] == [
        "Resident res-1: eligible",
        "    [one-to-one.eligibility.need-identified] met: a need has been identified",
        "    [one-to-one.eligibility.will-complete] met: willing to work through to a finished task or goal",
        "    [one-to-one.eligibility.will-attend] met: willing to attend sessions weekly, twice weekly or fortnightly",
        "    [one-to-one.eligibility.one-to-one] met: willing to be supported one to one, intensively",
        "    [one-to-one.eligibility.will-use-skills] met: willing to use the skills learned",
        "    [one-to-one.eligibility.all-criteria] eligible: all 5 criteria met",
    ]
    assert lines[7:15] == PLAN_LINES
    assert lines[15:] == [
        "    [one-to-one.plan.cadence] fortnightly on Mondays at 18:00 from 2026-03-16:"
        " 6 session(s) from 2026-05-01 to 2026-07-31",
        '    [one-to-one.plan.bi-weekly] fortnightly: the document\'s "bi-weekly" read as every two weeks',
        "    [one-to-one.reviews.interval] a review every 6 week(s) after 2026-03-16: 2 in the period",
        "    [one-to-one.refreshers.on-request] refresher for goal 'g-done' requested on 2026-05-12:"
        " 2026-05-18 18:00 +01:00",
        "    [one-to-one.sessions.next-due] next session 2026-06-22 18:00 +01:00; next review 2026-07-20 18:00 +01:00",
        "    [one-to-one.plan.eligibility] res-1 is eligible: all 5 criteria met, the plan is confirmed",
        "    [one-to-one.reviews.interval] every 6 week(s) after 2026-03-16: 2 review(s) due by now, 1 held",
        "    [one-to-one.reviews.overdue] the review due 2026-06-08 18:00 +01:00 is overdue by 42 h"
        " (recording the review as held would clear it)",
        "    [one-to-one.attendance.record] attended 3 of 8 scheduled session(s)"
        " (2 missed, 0 called off by the service, 3 not recorded)",
        "    [one-to-one.goals.no-progress-since-review] goal 'g-conf': no progress recorded; last review 2026-04-27",
        "    missing: attendance at the session of 2026-05-18 18:00 +01:00",
        "    missing: attendance at the session of 2026-05-25 18:00 +01:00",
        "    missing: attendance at the session of 2026-06-08 18:00 +01:00",
    ]


def test_residents_without_a_plan_show_their_eligibility_only() -> None:
    _, unmet, open_ = _reports()
    assert unmet.render(LONDON).splitlines() == [
        "Resident res-2: not eligible",
        "  unmet: need-identified, will-attend",
        "  no plan yet",
    ]
    assert open_.render(LONDON).splitlines() == [
        "Resident res-3: eligibility undetermined",
        "  missing: whether res-3 is willing to work through to a finished task or goal",
        "  missing: whether res-3 is willing to attend sessions weekly, twice weekly or fortnightly",
        "  missing: whether res-3 is willing to be supported one to one, intensively",
        "  missing: whether res-3 is willing to use the skills learned",
        "  no plan yet",
    ]
    assert (unmet.schedule, unmet.status, unmet.plan) == (None, None, None)


def test_rows_summarise_each_case() -> None:
    planned, unmet, open_ = _reports()
    assert planned.rows() == [
        {
            "resident": "res-1",
            "eligible": True,
            "unmet": "",
            "missing": "",
            "worker": "wk-jo",
            "plan_confirmed": True,
            "sessions_in_period": 6,
            "reviews_in_period": 2,
            "next_session": datetime(2026, 6, 22, 18, tzinfo=LONDON),
            "next_review": datetime(2026, 7, 20, 18, tzinfo=LONDON),
            "overdue_reviews": 1,
            "goals_without_progress": "g-conf",
        }
    ]
    assert unmet.rows() == [
        {
            "resident": "res-2",
            "eligible": False,
            "unmet": "need-identified, will-attend",
            "missing": "",
            "worker": None,
            "plan_confirmed": None,
            "sessions_in_period": None,
            "reviews_in_period": None,
            "next_session": None,
            "next_review": None,
            "overdue_reviews": None,
            "goals_without_progress": None,
        }
    ]
    assert open_.rows()[0]["eligible"] is None
    assert open_.rows()[0]["missing"] == (
        "whether res-3 is willing to work through to a finished task or goal; "
        "whether res-3 is willing to attend sessions weekly, twice weekly or fortnightly; "
        "whether res-3 is willing to be supported one to one, intensively; "
        "whether res-3 is willing to use the skills learned"
    )


def test_a_plan_with_no_dates_in_the_period_says_none() -> None:
    ended = SupportCase(
        CASES[0].resident,
        cr.Plan("res-1", "wk-jo", 1, cr.Weekday.FRIDAY, time(9, 30), date(2026, 3, 2), 4, ends_on=date(2026, 3, 31)),
    )
    (report,) = report_cases(OneToOneSection(SECTION.as_of, (ended,)), cr.ONE_TO_ONE_SUPPORT, PERIOD)
    lines = report.render(LONDON).splitlines()
    assert lines[1:5] == [
        "  plan: weekly on Fridays at 09:30 with wk-jo; reviews every 4 weeks",
        "  sessions in 2026-05-01 to 2026-07-31: none",
        "  reviews in 2026-05-01 to 2026-07-31: none",
        "  as of 2026-06-10 12:00 +01:00: next session none; next review none",
    ]


def test_a_plan_for_someone_else_is_refused() -> None:
    with pytest.raises(cr.InvalidInput) as err:
        SupportCase(cr.Resident("res-2"), PLAN)
    assert (err.value.field, err.value.value, err.value.expected) == (
        "plan.resident",
        "res-1",
        "the case's resident 'res-2'",
    )


def test_plans_are_described_for_people() -> None:
    assert describe_plan(PLAN) == "fortnightly on Mondays at 18:00 with wk-jo; reviews every 6 weeks"


@pytest.mark.parametrize(
    ("make", "refusal"),
    [
        (
            lambda: SupportCase(cr.Resident("res-1"), sessions=["2026-03-16"]),
            ("case.sessions[0]", "2026-03-16", "a SessionRecord"),
        ),
        (
            lambda: SupportCase(cr.Resident("res-1"), reviews="2026-04-27"),
            ("case.reviews", "2026-04-27", "a list of ReviewRecord"),
        ),
        (
            lambda: OneToOneSection(SECTION.as_of, (CASES[0], "res-2")),
            ("one_to_one.cases[1]", "res-2", "a SupportCase"),
        ),
    ],
)
def test_malformed_cases_are_refused_naming_the_place(make: object, refusal: tuple[str, object, str]) -> None:
    with pytest.raises(cr.InvalidInput) as err:
        make()  # type: ignore[operator]
    assert (err.value.field, err.value.value, err.value.expected) == refusal


@pytest.mark.tz
def test_lists_of_goals_and_refreshers_are_comma_separated_and_four_sessions_have_no_more() -> None:
    """Two goals achieved on 20 April: both followed up on 18 May; none of the three open goals has progress.

    The plan offers refreshers after every achieved goal, so it is reported under a policy that turns
    automatic refreshers on.
    """
    goals = (
        cr.Goal("g-a", "Confidence", date(2026, 3, 16)),
        cr.Goal("g-b", "Motivation", date(2026, 3, 16)),
        cr.Goal("g-x", "Practical", date(2026, 3, 16), status=cr.GoalStatus.ACHIEVED, closed_on=date(2026, 4, 20)),
        cr.Goal("g-y", "Practical", date(2026, 3, 16), status=cr.GoalStatus.ACHIEVED, closed_on=date(2026, 4, 20)),
    )
    plan = cr.Plan(
        "res-1", "wk-jo", 2, cr.Weekday.MONDAY, time(18), date(2026, 3, 16), 6, goals=goals,
        refreshers=cr.Refreshers(1, 4),
    )  # fmt: skip
    case = SupportCase(CASES[0].resident, plan, reviews=(cr.ReviewRecord(date(2026, 4, 27)),))
    june_and_july = cr.Period(date(2026, 6, 1), date(2026, 7, 31))  # 8 and 22 June, 6 and 20 July
    (report,) = report_cases(OneToOneSection(SECTION.as_of, (case,)), AUTO, june_and_july)
    lines = report.render(LONDON).splitlines()
    assert lines[2] == (
        "  sessions in 2026-06-01 to 2026-07-31: 2026-06-08 18:00 +01:00, 2026-06-22 18:00 +01:00,"
        " 2026-07-06 18:00 +01:00, 2026-07-20 18:00 +01:00"
    )
    assert lines[-1] == "  no progress since the review of 2026-04-27: g-a, g-b"
    assert report.rows()[0]["goals_without_progress"] == "g-a, g-b"
    (may,) = report_cases(OneToOneSection(SECTION.as_of, (case,)), AUTO, PERIOD)
    assert "  refreshers: 2026-05-18 18:00 +01:00 (g-x, g-y)" in may.render(LONDON).splitlines()
    two = attrs.evolve(plan, refreshers=cr.Refreshers(2, 3))  # 11 May and 1 June
    (twice,) = report_cases(OneToOneSection(SECTION.as_of, (attrs.evolve(case, plan=two),)), AUTO, PERIOD)
    assert "  refreshers: 2026-05-11 18:00 +01:00 (g-x, g-y), 2026-06-01 18:00 +01:00 (g-x, g-y)" in (
        twice.render(LONDON).splitlines()
    )


def test_a_report_missing_its_schedule_or_status_shows_no_plan() -> None:
    planned = _reports()[0]
    for plan, schedule, status in [
        (None, None, planned.status),
        (PLAN, None, None),
        (PLAN, planned.schedule, None),
    ]:
        partial = attrs.evolve(planned, plan=plan, schedule=schedule, status=status)
        assert partial.render(LONDON).splitlines() == ["Resident res-1: eligible", "  no plan yet"]


@pytest.mark.parametrize(
    ("resident", "flag", "missing"),
    [
        pytest.param(
            cr.Resident("res-1", True, False, True, True, None),
            "  FLAGGED: a plan is in place but res-1 is not eligible (unmet: will-complete)",
            ["  missing: whether res-1 is willing to use the skills learned"],
            id="not-eligible",
        ),
        pytest.param(
            cr.Resident("res-1", True, True, True, None, True),
            "  FLAGGED: a plan is in place but res-1's eligibility is undetermined (not recorded: one-to-one)",
            ["  missing: whether res-1 is willing to be supported one to one, intensively"],
            id="undetermined",
        ),
    ],
)
def test_a_plan_for_a_resident_not_found_eligible_is_flagged_in_the_report(
    resident: cr.Resident, flag: str, missing: list[str]
) -> None:
    """PRODUCT.md "1-2-1 Support" (issue 15): a plan whose resident's eligibility is unmet or unknown is flagged."""
    case = attrs.evolve(CASES[0], resident=resident)
    (report,) = report_cases(OneToOneSection(SECTION.as_of, (case,)), cr.ONE_TO_ONE_SUPPORT, PERIOD)
    lines = report.render(LONDON).splitlines()
    start = 2 if resident.will_complete is False else 1
    assert lines[start : start + len(missing)] == missing
    assert lines[start + len(missing) : start + len(missing) + 2] == [PLAN_LINES[0], flag]
    assert lines[start + len(missing) + 2 :] == PLAN_LINES[1:]
    assert report.rows()[0]["plan_confirmed"] is False
    assert report.status is not None
    assert "one-to-one.plan.eligibility" in report.status.rule_ids
    assert report.status.answer.eligibility == report.eligibility.answer
