"""Whole answers of the 1-2-1 terms and of a plan's calendar arithmetic (docs/quality.md, mutation testing).

``000_efb936d1ab05b6a6.txt``, "Support could be offered in the following
areas" (areas and their topics, a provider may add its own) and "1-2-1
Support" (sessions weekly or fortnightly); PRODUCT.md, "1-2-1 Support" and
"Time" (sessions at a local wall time, reviews every N weeks after the first
session, refreshers after an achieved goal). Refusals are pinned by field,
value and the full expectation a reader sees.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest

from carerules import (
    BUDDIES,
    ONE_TO_ONE_SUPPORT,
    CadenceNotAllowed,
    Goal,
    GoalStatus,
    InvalidInput,
    OneToOneTerms,
    Plan,
    Refreshers,
    SupportArea,
    UnknownArea,
    Weekday,
    validate_plan,
)
from carerules._support121._terms import describe_cadence
from carerules._support121._usage import (
    first_session_date,
    refresher_dates,
    review_dates,
    session_dates,
    stepped_dates,
    wall_time,
)

LONDON = ZoneInfo("Europe/London")
TERMS = OneToOneTerms(
    areas=(SupportArea("Confidence", ("Managed risk-taking",)), SupportArea("Practical", ("Finding courses",))),
    cadence_weeks=frozenset({1, 2}),
)


def _any(value: object) -> Any:
    """A wrongly typed value, as data read from a file would give."""
    return value


def _refused(make: object) -> tuple[type[Exception], str, object, str]:
    with pytest.raises(InvalidInput) as err:
        make()  # type: ignore[operator]
    return type(err.value), err.value.field, err.value.value, err.value.expected


# --- the terms --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "refusal"),
    [
        (lambda: SupportArea(""), (InvalidInput, "area.name", "", "a non-empty area name such as 'Confidence'")),
        (lambda: SupportArea(" "), (InvalidInput, "area.name", " ", "a non-empty area name such as 'Confidence'")),
        (lambda: SupportArea(_any(3)), (InvalidInput, "area.name", 3, "a non-empty area name such as 'Confidence'")),
        (lambda: SupportArea("A", "topic"), (InvalidInput, "area.topics", "topic", "a list of topic names")),
        (lambda: SupportArea("A", _any(5)), (InvalidInput, "area.topics", 5, "a list of topic names")),
        (lambda: SupportArea("A", ("x", " ")), (InvalidInput, "area.topics", " ", "non-empty topic names")),
        (lambda: SupportArea("A", _any(("x", 7))), (InvalidInput, "area.topics", 7, "non-empty topic names")),
        (
            lambda: SupportArea("A", ("y", "x", "y", "x", "z")),
            (InvalidInput, "area.topics", ["x", "y"], "each topic listed once in its area"),
        ),
        (
            lambda: OneToOneTerms(_any("areas")),
            (InvalidInput, "one_to_one.areas", "areas", "a list of SupportArea objects"),
        ),
        (lambda: OneToOneTerms(_any(4)), (InvalidInput, "one_to_one.areas", 4, "a list of SupportArea objects")),
        (lambda: OneToOneTerms(_any(("A",))), (InvalidInput, "one_to_one.areas", "A", "SupportArea objects")),
        (
            lambda: OneToOneTerms((SupportArea("B"), SupportArea("A"), SupportArea("B"), SupportArea("A"))),
            (InvalidInput, "one_to_one.areas", ["A", "B"], "each area named once"),
        ),
        (
            lambda: OneToOneTerms(cadence_weeks=_any("12")),
            (InvalidInput, "one_to_one.cadence_weeks", "12", "a set of whole numbers of weeks, such as {1, 2}"),
        ),
        (
            lambda: OneToOneTerms(cadence_weeks=_any(2)),
            (InvalidInput, "one_to_one.cadence_weeks", 2, "a set of whole numbers of weeks, such as {1, 2}"),
        ),
        (
            lambda: OneToOneTerms(cadence_weeks=_any([[1]])),
            (InvalidInput, "one_to_one.cadence_weeks", [[1]], "whole numbers of weeks"),
        ),
        (
            lambda: OneToOneTerms(cadence_weeks=()),
            (InvalidInput, "one_to_one.cadence_weeks", [], "at least one cadence, such as {1, 2}"),
        ),
        (
            lambda: OneToOneTerms(cadence_weeks={True}),
            (InvalidInput, "one_to_one.cadence_weeks", True, "whole numbers of weeks, 1 or more"),
        ),
        (
            lambda: OneToOneTerms(cadence_weeks=_any({1.5})),
            (InvalidInput, "one_to_one.cadence_weeks", 1.5, "whole numbers of weeks, 1 or more"),
        ),
        (
            lambda: OneToOneTerms(cadence_weeks={0}),
            (InvalidInput, "one_to_one.cadence_weeks", 0, "whole numbers of weeks, 1 or more"),
        ),
    ],
)
def test_malformed_terms_are_refused_with_field_value_and_expectation(
    make: object, refusal: tuple[type[Exception], str, object, str]
) -> None:
    assert _refused(make) == refusal


def test_well_formed_terms_keep_their_order_and_a_cadence_of_one_week_is_allowed() -> None:
    terms = OneToOneTerms((SupportArea("B", ["b2", "b1"]), SupportArea("A")), cadence_weeks=[1])
    assert terms.area_names == ("B", "A")
    assert terms.areas[0].topics == ("b2", "b1")
    assert terms.cadence_weeks == frozenset({1})


@pytest.mark.parametrize(("weeks", "words"), [(1, "weekly"), (2, "fortnightly"), (3, "every 3 weeks")])
def test_cadences_are_described_for_people(weeks: int, words: str) -> None:
    assert describe_cadence(weeks) == words


def test_an_unknown_area_is_refused_listing_the_policys_areas_and_the_rule() -> None:
    assert TERMS.area("Practical") == SupportArea("Practical", ("Finding courses",))
    refusal = _refused(lambda: TERMS.area("Sport", field="goal.area"))
    assert refusal == (
        UnknownArea,
        "goal.area",
        "Sport",
        "one of the policy's support areas: 'Confidence', 'Practical' (one-to-one.goals.area)",
    )
    assert _refused(lambda: OneToOneTerms().area("Sport")) == (
        UnknownArea,
        "area",
        "Sport",
        "one of the policy's support areas: none (the policy lists no areas) (one-to-one.goals.area)",
    )


def test_listed_topics_are_those_under_the_area_asked_about() -> None:
    assert TERMS.is_listed_topic("Confidence", "Managed risk-taking") is True
    assert TERMS.is_listed_topic("Practical", "Managed risk-taking") is False
    with pytest.raises(UnknownArea):
        TERMS.is_listed_topic("Sport", "Managed risk-taking")


def test_extending_an_area_appends_only_new_topics_and_leaves_the_rest() -> None:
    extended = TERMS.extend("Confidence", "Public speaking", "Managed risk-taking", "Job interviews")
    assert extended == OneToOneTerms(
        areas=(
            SupportArea("Confidence", ("Managed risk-taking", "Public speaking", "Job interviews")),
            SupportArea("Practical", ("Finding courses",)),
        ),
        cadence_weeks=frozenset({1, 2}),
    )
    assert TERMS.areas[0].topics == ("Managed risk-taking",)  # the original is unchanged


def test_extending_with_a_new_area_adds_it_last() -> None:
    assert TERMS.extend("Sport", "Swimming").areas == (*TERMS.areas, SupportArea("Sport", ("Swimming",)))


def test_a_cadence_outside_the_terms_is_refused_listing_what_is_allowed() -> None:
    TERMS.check_cadence(2)
    every_three = attrs.evolve(TERMS, cadence_weeks=frozenset({3, 1}))
    assert _refused(lambda: every_three.check_cadence(2, field="x.weeks")) == (
        CadenceNotAllowed,
        "x.weeks",
        2,
        "a cadence the policy allows, in weeks: 1 (weekly), 3 (every 3 weeks)",
    )


# --- a plan against the terms -------------------------------------------------------------

PLAN = Plan("res-1", "wk-1", 2, Weekday.MONDAY, time(18), date(2026, 3, 12), 6)


def test_validating_a_plan_returns_the_policys_terms() -> None:
    goals = (Goal("g-1", "Confidence", date(2026, 3, 12)), Goal("g-2", "Practical", date(2026, 3, 12)))
    assert validate_plan(attrs.evolve(PLAN, goals=goals), ONE_TO_ONE_SUPPORT) is ONE_TO_ONE_SUPPORT.one_to_one.latest


def test_validating_a_plan_refuses_its_cadence_or_the_first_goal_in_an_unknown_area() -> None:
    assert _refused(lambda: validate_plan(attrs.evolve(PLAN, every_weeks=3), ONE_TO_ONE_SUPPORT)) == (
        CadenceNotAllowed,
        "plan.every_weeks",
        3,
        "a cadence the policy allows, in weeks: 1 (weekly), 2 (fortnightly)",
    )
    goals = (
        Goal("g-1", "Confidence", date(2026, 3, 12)),
        Goal("g-2", "Sport", date(2026, 3, 12)),
        Goal("g-3", "Art", date(2026, 3, 12)),
    )
    kind, field, value, _ = _refused(lambda: validate_plan(attrs.evolve(PLAN, goals=goals), ONE_TO_ONE_SUPPORT))
    assert (kind, field, value) == (UnknownArea, "plan.goals[1].area", "Sport")
    assert _refused(lambda: validate_plan(PLAN, BUDDIES)) == (
        InvalidInput,
        "policy.one_to_one",
        None,
        "1-2-1 Support terms (policy 'buddies' has none; the built-in ONE_TO_ONE_SUPPORT does)",
    )


# --- the calendar arithmetic --------------------------------------------------------------


@pytest.mark.tz
def test_a_wall_time_is_read_in_the_zone_given() -> None:
    assert wall_time(date(2026, 6, 1), time(18), LONDON).isoformat() == "2026-06-01T18:00:00+01:00"
    assert wall_time(date(2026, 1, 5), time(18), LONDON).isoformat() == "2026-01-05T18:00:00+00:00"


@pytest.mark.tz
def test_a_skipped_wall_time_moves_forward_by_the_gap_and_a_repeated_one_is_its_first_occurrence() -> None:
    skipped = wall_time(date(2026, 3, 29), time(1, 30), LONDON)
    assert skipped.isoformat() == "2026-03-29T02:30:00+01:00"
    assert skipped.astimezone(ZoneInfo("UTC")) == datetime(2026, 3, 29, 1, 30, tzinfo=ZoneInfo("UTC"))
    repeated = wall_time(date(2026, 10, 25), time(1, 30), LONDON)
    assert repeated.isoformat() == "2026-10-25T01:30:00+01:00"


@pytest.mark.parametrize(
    ("starts_on", "weekday", "first"),
    [
        (date(2026, 3, 16), Weekday.MONDAY, date(2026, 3, 16)),  # a Monday start is the first Monday
        (date(2026, 3, 17), Weekday.MONDAY, date(2026, 3, 23)),
        (date(2026, 3, 12), Weekday.WEDNESDAY, date(2026, 3, 18)),
        (date(2026, 3, 12), Weekday.FRIDAY, date(2026, 3, 13)),
    ],
)
def test_the_first_session_is_the_first_plan_weekday_on_or_after_the_start(
    starts_on: date, weekday: Weekday, first: date
) -> None:
    assert first_session_date(attrs.evolve(PLAN, starts_on=starts_on, weekday=weekday)) == first


def test_a_first_session_past_the_calendars_end_is_refused_naming_the_start() -> None:
    plan = attrs.evolve(PLAN, starts_on=date(9999, 12, 28), weekday=Weekday.MONDAY)  # a Tuesday
    assert _refused(lambda: first_session_date(plan)) == (
        InvalidInput,
        "plan.starts_on",
        date(9999, 12, 28),
        "a date with a monday before 9999-12-31",
    )


@pytest.mark.parametrize(
    ("first", "last", "skip_origin", "indexes"),
    [
        (date(2026, 1, 1), date(2026, 1, 15), False, [0, 1, 2]),
        (date(2026, 1, 1), date(2026, 1, 15), True, [1, 2]),
        (date(2026, 1, 2), date(2026, 1, 14), False, [1]),
        (date(2026, 1, 8), date(2026, 1, 8), False, [1]),
        (date(2026, 1, 9), date(2026, 1, 14), False, []),
        (date(2025, 12, 1), date(2025, 12, 31), False, []),
        (date(2025, 12, 1), date(2026, 1, 1), True, []),
    ],
)
def test_stepped_dates_are_the_steps_inside_the_range(
    first: date, last: date, skip_origin: bool, indexes: list[int]
) -> None:
    assert list(stepped_dates(date(2026, 1, 1), 7, first, last, skip_origin=skip_origin)) == indexes


def test_session_and_review_dates_stop_at_the_plan_end() -> None:
    """First session Monday 16 March 2026; fortnightly sessions, reviews every 6 weeks after the first session."""
    plan = attrs.evolve(PLAN, starts_on=date(2026, 3, 16), ends_on=date(2026, 6, 8))
    window = (date(2026, 3, 1), date(2026, 12, 31))
    assert session_dates(plan, *window) == [
        date(2026, 3, 16),
        date(2026, 3, 30),
        date(2026, 4, 13),
        date(2026, 4, 27),
        date(2026, 5, 11),
        date(2026, 5, 25),
        date(2026, 6, 8),
    ]
    assert review_dates(plan, *window) == [date(2026, 4, 27), date(2026, 6, 8)]
    open_ended = attrs.evolve(plan, ends_on=None)
    assert session_dates(open_ended, date(2026, 6, 1), date(2026, 6, 30)) == [date(2026, 6, 8), date(2026, 6, 22)]
    assert review_dates(open_ended, date(2026, 6, 1), date(2026, 7, 31)) == [date(2026, 6, 8), date(2026, 7, 20)]
    assert review_dates(plan, date(2026, 3, 16), date(2026, 4, 26)) == []


def test_refreshers_fall_on_the_plan_weekday_after_each_achieved_goal_in_date_order() -> None:
    goals = (
        Goal("g-late", "Confidence", date(2026, 1, 5), status=GoalStatus.ACHIEVED, closed_on=date(2026, 4, 1)),
        Goal("g-open", "Practical", date(2026, 1, 5)),
        Goal("g-early", "Practical", date(2026, 1, 5), status=GoalStatus.ACHIEVED, closed_on=date(2026, 3, 25)),
        Goal("g-dropped", "Practical", date(2026, 1, 5), status=GoalStatus.DROPPED, closed_on=date(2026, 3, 2)),
    )
    plan = attrs.evolve(PLAN, goals=goals, refreshers=Refreshers(count=2, every_weeks=1))
    # Wednesday 25 March + 1 and 2 weeks -> the next Mondays 6 and 13 April; Wednesday 1 April -> 13 and 20 April.
    assert refresher_dates(plan) == {
        date(2026, 4, 6): ("g-early",),
        date(2026, 4, 13): ("g-late", "g-early"),
        date(2026, 4, 20): ("g-late",),
    }
    assert refresher_dates(attrs.evolve(plan, refreshers=None)) == {}
    on_a_monday = attrs.evolve(
        PLAN,
        goals=(Goal("g", "Practical", date(2026, 1, 5), status=GoalStatus.ACHIEVED, closed_on=date(2026, 3, 30)),),
        refreshers=Refreshers(count=1, every_weeks=4),
    )
    assert refresher_dates(on_a_monday) == {date(2026, 4, 27): ("g",)}
