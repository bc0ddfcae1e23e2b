"""Whole answers of the 1-2-1 terms and of a plan's calendar arithmetic (docs/quality.md, mutation testing).

``000_efb936d1ab05b6a6.txt``, "Support could be offered in the following
areas" (areas and their topics, given for example: a provider may add its own
or close the list) and "1-2-1 Support" (sessions weekly or "bi-weekly", read
as fortnightly or twice weekly; refreshers if required); PRODUCT.md, "1-2-1
Support" and "Time" (sessions at a local wall time, reviews every N weeks
after the first session, refreshers on request or, where a provider turns
them on, after an achieved goal). Refusals are pinned by field, value and the
full expectation a reader sees.
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
    Cadence,
    CadenceNotAllowed,
    Goal,
    GoalStatus,
    InvalidInput,
    OneToOneTerms,
    Plan,
    RefresherRequest,
    Refreshers,
    RefreshersNotAutomatic,
    SessionSlot,
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
    session_times,
    stepped_dates,
    wall_time,
)

LONDON = ZoneInfo("Europe/London")
TERMS = OneToOneTerms(
    areas=(SupportArea("Confidence", ("Managed risk-taking",)), SupportArea("Practical", ("Finding courses",))),
    cadences=(Cadence(1), Cadence(2)),
)
AUTO = attrs.evolve(TERMS, automatic_refreshers=True)
WEEKLY_ONLY = "a cadence the policy allows: weekly (1 slot every 1 week), fortnightly (1 slot every 2 weeks)"
BUILT_IN = (
    "a cadence the policy allows: weekly (1 slot every 1 week), twice weekly (2 slots every 1 week), "
    "fortnightly (1 slot every 2 weeks)"
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
            lambda: OneToOneTerms(cadences=_any("12")),
            (InvalidInput, "one_to_one.cadences", "12", "a list of Cadence objects, such as [Cadence(1), Cadence(2)]"),
        ),
        (
            lambda: OneToOneTerms(cadences=_any(2)),
            (InvalidInput, "one_to_one.cadences", 2, "a list of Cadence objects, such as [Cadence(1), Cadence(2)]"),
        ),
        (
            lambda: OneToOneTerms(cadences=_any(Cadence(1))),
            (
                InvalidInput,
                "one_to_one.cadences",
                Cadence(1),
                "a list of Cadence objects, such as [Cadence(1), Cadence(2)]",
            ),
        ),
        (
            lambda: OneToOneTerms(cadences=_any([1, 2])),
            (InvalidInput, "one_to_one.cadences", 1, "Cadence objects, such as Cadence(1) for weekly"),
        ),
        (
            lambda: OneToOneTerms(cadences=()),
            (InvalidInput, "one_to_one.cadences", [], "at least one cadence, such as [Cadence(1), Cadence(2)]"),
        ),
        (
            lambda: OneToOneTerms(cadences=(Cadence(2), Cadence(1), Cadence(2))),
            (InvalidInput, "one_to_one.cadences", ["fortnightly"], "each cadence listed once"),
        ),
        (lambda: Cadence(0), (InvalidInput, "cadence.every_weeks", 0, "a whole number of weeks from 1 to 52")),
        (lambda: Cadence(53), (InvalidInput, "cadence.every_weeks", 53, "a whole number of weeks from 1 to 52")),
        (
            lambda: Cadence(_any(True)),
            (InvalidInput, "cadence.every_weeks", True, "a whole number of weeks from 1 to 52"),
        ),
        (
            lambda: Cadence(_any(1.5)),
            (InvalidInput, "cadence.every_weeks", 1.5, "a whole number of weeks from 1 to 52"),
        ),
        (lambda: Cadence(1, 0), (InvalidInput, "cadence.sessions", 0, "a whole number of sessions from 1 to 7")),
        (lambda: Cadence(1, 8), (InvalidInput, "cadence.sessions", 8, "a whole number of sessions from 1 to 7")),
        (
            lambda: OneToOneTerms(only_listed_areas=_any(1)),
            (InvalidInput, "one_to_one.only_listed_areas", 1, "True or False"),
        ),
        (
            lambda: OneToOneTerms(automatic_refreshers=_any("no")),
            (InvalidInput, "one_to_one.automatic_refreshers", "no", "True or False"),
        ),
    ],
)
def test_malformed_terms_are_refused_with_field_value_and_expectation(
    make: object, refusal: tuple[type[Exception], str, object, str]
) -> None:
    assert _refused(make) == refusal


def test_well_formed_terms_keep_their_order_and_a_cadence_of_one_week_is_allowed() -> None:
    terms = OneToOneTerms((SupportArea("B", ["b2", "b1"]), SupportArea("A")), cadences=[Cadence(1)])
    assert terms.area_names == ("B", "A")
    assert terms.areas[0].topics == ("b2", "b1")
    assert terms.cadences == (Cadence(1),)
    assert terms.cadence_weeks == frozenset({1})
    assert terms.describe_cadences() == "weekly"


def test_terms_by_default_are_the_built_in_reading_open_areas_and_refreshers_on_request() -> None:
    """Weekly, twice weekly and fortnightly, in that order; areas open; no automatic refreshers."""
    terms = OneToOneTerms(cadences=[Cadence(2), Cadence(1, 2), Cadence(1)])
    assert terms == OneToOneTerms()
    assert terms.cadences == (Cadence(1), Cadence(1, 2), Cadence(2))
    assert terms.cadence_weeks == frozenset({1, 2})
    assert terms.describe_cadences() == "weekly, twice weekly or fortnightly"
    assert (terms.only_listed_areas, terms.automatic_refreshers) == (False, False)


@pytest.mark.parametrize(
    ("weeks", "sessions", "words"),
    [
        (1, 1, "weekly"),
        (2, 1, "fortnightly"),
        (3, 1, "every 3 weeks"),
        (1, 2, "twice weekly"),
        (2, 2, "twice fortnightly"),
        (1, 3, "three times weekly"),
        (4, 2, "twice every 4 weeks"),
        (3, 5, "5 times every 3 weeks"),
    ],
)
def test_cadences_are_described_for_people(weeks: int, sessions: int, words: str) -> None:
    assert describe_cadence(weeks, sessions) == words
    assert Cadence(weeks, sessions).describe() == words


def test_an_unknown_area_is_refused_listing_the_policys_areas_and_the_rule() -> None:
    """Asking for a listed area that is not there is an error, open list or closed."""
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


def test_an_area_outside_an_open_list_is_accepted_and_outside_a_closed_one_refused() -> None:
    """000_efb936d1ab05b6a6.txt, "Support could be offered in the following areas": the areas are examples."""
    assert TERMS.check_area("Practical") is True
    assert TERMS.check_area("Sport", field="goal.area") is False
    closed = attrs.evolve(TERMS, only_listed_areas=True)
    assert closed.check_area("Practical") is True
    assert _refused(lambda: closed.check_area("Sport", field="goal.area")) == (
        UnknownArea,
        "goal.area",
        "Sport",
        "one of the policy's support areas: 'Confidence', 'Practical' (one-to-one.goals.area); "
        "the policy lists only these (one-to-one.goals.only-listed-areas)",
    )


def test_listed_topics_are_those_under_the_area_asked_about() -> None:
    assert TERMS.is_listed_topic("Confidence", "Managed risk-taking") is True
    assert TERMS.is_listed_topic("Practical", "Managed risk-taking") is False
    assert TERMS.is_listed_topic("Sport", "Managed risk-taking") is False


def test_extending_an_area_appends_only_new_topics_and_leaves_the_rest() -> None:
    extended = TERMS.extend("Confidence", "Public speaking", "Managed risk-taking", "Job interviews")
    assert extended == OneToOneTerms(
        areas=(
            SupportArea("Confidence", ("Managed risk-taking", "Public speaking", "Job interviews")),
            SupportArea("Practical", ("Finding courses",)),
        ),
        cadences=(Cadence(1), Cadence(2)),
    )
    assert TERMS.areas[0].topics == ("Managed risk-taking",)  # the original is unchanged


def test_extending_with_a_new_area_adds_it_last() -> None:
    assert TERMS.extend("Sport", "Swimming").areas == (*TERMS.areas, SupportArea("Sport", ("Swimming",)))


def test_a_cadence_outside_the_terms_is_refused_listing_what_is_allowed() -> None:
    assert TERMS.check_cadence(2) == Cadence(2)
    every_three = attrs.evolve(TERMS, cadences=(Cadence(3), Cadence(1)))
    assert _refused(lambda: every_three.check_cadence(2, field="x.weeks")) == (
        CadenceNotAllowed,
        "x.weeks",
        2,
        "a cadence the policy allows: weekly (1 slot every 1 week), every 3 weeks (1 slot every 3 weeks)",
    )


def test_a_second_slot_a_week_is_refused_by_terms_without_twice_weekly_naming_the_extra_slots() -> None:
    """The weeks are allowed, the number of slots is not: the error names plan.extra_slots and how many."""
    assert _refused(lambda: TERMS.check_cadence(1, 2)) == (
        CadenceNotAllowed,
        "plan.extra_slots",
        1,
        f"{WEEKLY_ONLY}; the plan has 2 slots every 1 week(s)",
    )
    assert OneToOneTerms().check_cadence(1, 2) == Cadence(1, 2)


def test_refreshers_after_every_goal_are_refused_unless_the_terms_turn_them_on() -> None:
    """PRODUCT.md "1-2-1 Support" (issue 15): refreshers follow a request; automatic ones are a provider option."""
    TERMS.check_refreshers(None)
    AUTO.check_refreshers(Refreshers(2, 4))
    assert _refused(lambda: TERMS.check_refreshers(Refreshers(2, 4))) == (
        RefreshersNotAutomatic,
        "plan.refreshers",
        Refreshers(2, 4),
        "none: this policy offers refreshers only when requested (one-to-one.refreshers.on-request: record a "
        "RefresherRequest in plan.refresher_requests), not after every achieved goal "
        "(one-to-one.refreshers.after-goal; a provider may set one_to_one.automatic_refreshers)",
    )


# --- a plan against the terms -------------------------------------------------------------

PLAN = Plan("res-1", "wk-1", 2, Weekday.MONDAY, time(18), date(2026, 3, 12), 6)


def test_validating_a_plan_returns_the_policys_terms() -> None:
    goals = (Goal("g-1", "Confidence", date(2026, 3, 12)), Goal("g-2", "Practical", date(2026, 3, 12)))
    assert validate_plan(attrs.evolve(PLAN, goals=goals), ONE_TO_ONE_SUPPORT) is ONE_TO_ONE_SUPPORT.one_to_one.latest


def test_validating_a_plan_refuses_its_cadence_or_the_first_goal_outside_a_closed_list_of_areas() -> None:
    assert _refused(lambda: validate_plan(attrs.evolve(PLAN, every_weeks=3), ONE_TO_ONE_SUPPORT)) == (
        CadenceNotAllowed,
        "plan.every_weeks",
        3,
        BUILT_IN,
    )
    three_a_week = attrs.evolve(
        PLAN, every_weeks=1, extra_slots=(SessionSlot(Weekday.TUESDAY, time(9)), SessionSlot(Weekday.FRIDAY, time(9)))
    )
    assert _refused(lambda: validate_plan(three_a_week, ONE_TO_ONE_SUPPORT)) == (
        CadenceNotAllowed,
        "plan.extra_slots",
        2,
        f"{BUILT_IN}; the plan has 3 slots every 1 week(s)",
    )
    assert _refused(lambda: validate_plan(attrs.evolve(PLAN, refreshers=Refreshers(1, 4)), ONE_TO_ONE_SUPPORT))[:2] == (
        RefreshersNotAutomatic,
        "plan.refreshers",
    )
    goals = (
        Goal("g-1", "Confidence", date(2026, 3, 12)),
        Goal("g-2", "Sport", date(2026, 3, 12)),
        Goal("g-3", "Art", date(2026, 3, 12)),
    )
    assert validate_plan(attrs.evolve(PLAN, goals=goals), ONE_TO_ONE_SUPPORT) is ONE_TO_ONE_SUPPORT.one_to_one.latest
    builtin = ONE_TO_ONE_SUPPORT.one_to_one.latest
    assert builtin is not None
    closed = attrs.evolve(ONE_TO_ONE_SUPPORT, one_to_one=attrs.evolve(builtin, only_listed_areas=True))
    kind, field, value, _ = _refused(lambda: validate_plan(attrs.evolve(PLAN, goals=goals), closed))
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


def test_slots_each_recur_from_their_first_weekday_on_or_after_the_start_in_real_time_order() -> None:
    """A twice-weekly plan from Thursday 12 March: Mondays at 18:00 from 16 March, Thursdays at 10:00 from 12 March."""
    plan = attrs.evolve(PLAN, every_weeks=1, extra_slots=(SessionSlot(Weekday.THURSDAY, time(10)),))
    assert plan.slots == (SessionSlot(Weekday.MONDAY, time(18)), SessionSlot(Weekday.THURSDAY, time(10)))
    assert session_dates(plan, date(2026, 3, 12), date(2026, 3, 23)) == [
        date(2026, 3, 12),
        date(2026, 3, 16),
        date(2026, 3, 19),
        date(2026, 3, 23),
    ]
    assert first_session_date(plan) == date(2026, 3, 16)  # reviews count from the plan's own weekday
    assert [t.isoformat() for t in session_times(plan, LONDON, date(2026, 3, 26), date(2026, 4, 2))] == [
        "2026-03-26T10:00:00+00:00",
        "2026-03-30T18:00:00+01:00",  # after the clocks went forward on 29 March, still 18:00
        "2026-04-02T10:00:00+01:00",
    ]


def test_two_slots_the_clocks_make_one_instant_are_one_session() -> None:
    """Sunday 29 March 2026: 01:30 is skipped and read as 02:30 BST, the time of the other slot."""
    plan = Plan(
        "res-1", "wk-1", 1, Weekday.SUNDAY, time(1, 30), date(2026, 3, 22), 6,
        extra_slots=(SessionSlot(Weekday.SUNDAY, time(2, 30)),),
    )  # fmt: skip
    times = session_times(plan, LONDON, date(2026, 3, 22), date(2026, 3, 29))
    assert [t.isoformat() for t in times] == [
        "2026-03-22T01:30:00+00:00",
        "2026-03-22T02:30:00+00:00",
        "2026-03-29T02:30:00+01:00",
    ]


def test_refreshers_follow_each_request_at_the_plan_time_on_the_next_plan_weekday_or_the_day_arranged() -> None:
    """000_efb936d1ab05b6a6.txt, "1-2-1 Support": refresher sessions "if required", read as when requested."""
    goals = (
        Goal("g-a", "Confidence", date(2026, 1, 5), status=GoalStatus.ACHIEVED, closed_on=date(2026, 4, 1)),
        Goal("g-b", "Practical", date(2026, 1, 5)),
    )
    requests = (
        RefresherRequest("g-a", date(2026, 4, 20)),  # a Monday: the next Monday, 27 April
        RefresherRequest("g-b", date(2026, 4, 22)),  # a Wednesday: also 27 April
        RefresherRequest("g-a", date(2026, 5, 1), on=date(2026, 5, 6)),  # arranged for a Wednesday
    )
    plan = attrs.evolve(PLAN, goals=goals, refresher_requests=requests)
    assert refresher_dates(plan, TERMS) == {date(2026, 4, 27): ("g-a", "g-b"), date(2026, 5, 6): ("g-a",)}
    assert refresher_dates(plan, TERMS, known_by=date(2026, 4, 21)) == {date(2026, 4, 27): ("g-a",)}
    assert refresher_dates(plan, TERMS, known_by=date(2026, 4, 19)) == {}
    assert plan.refresher_day(requests[0]) == date(2026, 4, 27)


def test_without_a_request_no_refresher_follows_an_achieved_goal_under_terms_without_automatic_refreshers() -> None:
    goals = (Goal("g", "Practical", date(2026, 1, 5), status=GoalStatus.ACHIEVED, closed_on=date(2026, 3, 30)),)
    plan = attrs.evolve(PLAN, goals=goals, refreshers=Refreshers(count=2, every_weeks=1))
    assert refresher_dates(plan, TERMS) == {}
    assert refresher_dates(plan, AUTO) == {date(2026, 4, 6): ("g",), date(2026, 4, 13): ("g",)}


def test_refreshers_fall_on_the_plan_weekday_after_each_achieved_goal_in_date_order() -> None:
    """Where a provider turns automatic refreshers on (off in the built-in policy)."""
    goals = (
        Goal("g-late", "Confidence", date(2026, 1, 5), status=GoalStatus.ACHIEVED, closed_on=date(2026, 4, 1)),
        Goal("g-open", "Practical", date(2026, 1, 5)),
        Goal("g-early", "Practical", date(2026, 1, 5), status=GoalStatus.ACHIEVED, closed_on=date(2026, 3, 25)),
        Goal("g-dropped", "Practical", date(2026, 1, 5), status=GoalStatus.DROPPED, closed_on=date(2026, 3, 2)),
    )
    plan = attrs.evolve(PLAN, goals=goals, refreshers=Refreshers(count=2, every_weeks=1))
    # Wednesday 25 March + 1 and 2 weeks -> the next Mondays 6 and 13 April; Wednesday 1 April -> 13 and 20 April.
    assert refresher_dates(plan, AUTO) == {
        date(2026, 4, 6): ("g-early",),
        date(2026, 4, 13): ("g-late", "g-early"),
        date(2026, 4, 20): ("g-late",),
    }
    assert refresher_dates(attrs.evolve(plan, refreshers=None), AUTO) == {}
    on_a_monday = attrs.evolve(
        PLAN,
        goals=(Goal("g", "Practical", date(2026, 1, 5), status=GoalStatus.ACHIEVED, closed_on=date(2026, 3, 30)),),
        refreshers=Refreshers(count=1, every_weeks=4),
    )
    assert refresher_dates(on_a_monday, AUTO) == {date(2026, 4, 27): ("g",)}


# --- refresher requests and slots are checked by the plan ---------------------------------

_G = Goal("g-a", "Practical", date(2026, 3, 20))


@pytest.mark.parametrize(
    ("make", "refusal"),
    [
        (
            lambda: attrs.evolve(PLAN, goals=(_G,), refresher_requests=(RefresherRequest("g-z", date(2026, 4, 1)),)),
            (InvalidInput, "plan.refresher_requests[0].goal", "g-z", "the id of one of the plan's goals ('g-a')"),
        ),
        (
            lambda: attrs.evolve(PLAN, refresher_requests=(RefresherRequest("g-a", date(2026, 4, 1)),)),
            (
                InvalidInput,
                "plan.refresher_requests[0].goal",
                "g-a",
                "the id of one of the plan's goals (none: the plan has no goals)",
            ),
        ),
        (
            lambda: attrs.evolve(PLAN, goals=(_G,), refresher_requests=(RefresherRequest("g-a", date(2026, 3, 19)),)),
            (
                InvalidInput,
                "plan.refresher_requests[0].requested_on",
                date(2026, 3, 19),
                "a date on or after the plan starts (2026-03-12) and the goal opens (2026-03-20)",
            ),
        ),
        (
            lambda: attrs.evolve(
                PLAN,
                goals=(_G,),
                refresher_requests=(
                    RefresherRequest("g-a", date(2026, 4, 1)),
                    RefresherRequest("g-a", date(2026, 4, 1)),
                ),
            ),
            (
                InvalidInput,
                "plan.refresher_requests[1].requested_on",
                date(2026, 4, 1),
                "one request for 'g-a' per date",
            ),
        ),
        (
            lambda: RefresherRequest("g-a", date(2026, 4, 1), on=date(2026, 3, 31)),
            (InvalidInput, "refresher_request.on", date(2026, 3, 31), "a date on or after the request (2026-04-01)"),
        ),
        (
            lambda: RefresherRequest(" ", date(2026, 4, 1)),
            (InvalidInput, "refresher_request.goal", " ", "a non-empty string"),
        ),
        (
            lambda: RefresherRequest("g-a", _any("2026-04-01")),
            (InvalidInput, "refresher_request.requested_on", "2026-04-01", "a calendar date (datetime.date)"),
        ),
        (
            lambda: attrs.evolve(
                PLAN,
                starts_on=date(9999, 12, 20),
                goals=(Goal("g-a", "Practical", date(9999, 12, 20)),),
                refresher_requests=(RefresherRequest("g-a", date(9999, 12, 28)),),
            ),
            (
                InvalidInput,
                "plan.refresher_requests[0].requested_on",
                date(9999, 12, 28),
                "a date with a later monday before 9999-12-31",
            ),
        ),
        (
            lambda: attrs.evolve(PLAN, refresher_requests=_any(RefresherRequest("g-a", date(2026, 4, 1)))),
            (
                InvalidInput,
                "plan.refresher_requests",
                RefresherRequest("g-a", date(2026, 4, 1)),
                "a list of RefresherRequest",
            ),
        ),
        (
            lambda: attrs.evolve(PLAN, extra_slots=(SessionSlot(Weekday.MONDAY, time(18)),)),
            (
                InvalidInput,
                "plan.extra_slots[0]",
                "Mondays at 18:00",
                "a weekday and time the plan does not already use",
            ),
        ),
        (
            lambda: attrs.evolve(
                PLAN, extra_slots=(SessionSlot(Weekday.FRIDAY, time(9)), SessionSlot(Weekday.FRIDAY, time(9)))
            ),
            (
                InvalidInput,
                "plan.extra_slots[1]",
                "Fridays at 09:00",
                "a weekday and time the plan does not already use",
            ),
        ),
        (
            lambda: attrs.evolve(PLAN, extra_slots=_any((Weekday.FRIDAY,))),
            (InvalidInput, "plan.extra_slots[0]", Weekday.FRIDAY, "a SessionSlot"),
        ),
        (
            lambda: SessionSlot(Weekday.FRIDAY, _any("09:00")),
            (InvalidInput, "slot.local_time", "09:00", "a local wall time without a zone, such as time(18, 0)"),
        ),
        (
            lambda: SessionSlot(_any("friday"), time(9)),
            (
                InvalidInput,
                "slot.weekday",
                "friday",
                "a Weekday member such as Weekday.MONDAY",
            ),
        ),
    ],
)
def test_malformed_refresher_requests_and_slots_are_refused_naming_the_field(
    make: object, refusal: tuple[type[Exception], str, object, str]
) -> None:
    """Refresher requests name a goal of the plan, dated on or after it starts and the goal opens (issue 15)."""
    assert _refused(make) == refusal


def test_a_request_for_any_goal_of_the_plan_open_achieved_or_dropped_is_accepted() -> None:
    goals = (
        Goal("g-open", "Practical", date(2026, 3, 12)),
        Goal("g-done", "Practical", date(2026, 3, 12), status=GoalStatus.ACHIEVED, closed_on=date(2026, 4, 1)),
        Goal("g-off", "Practical", date(2026, 3, 12), status=GoalStatus.DROPPED, closed_on=date(2026, 4, 1)),
    )
    requests = tuple(RefresherRequest(g.id, date(2026, 3, 12)) for g in goals)
    plan = attrs.evolve(PLAN, goals=goals, refresher_requests=requests)
    assert refresher_dates(plan, TERMS) == {date(2026, 3, 16): ("g-open", "g-done", "g-off")}
