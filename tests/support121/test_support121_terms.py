"""The built-in 1-2-1 terms as data (000_efb936d1ab05b6a6.txt, "Support could be offered in the following areas")."""

from __future__ import annotations

from datetime import date, time

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carerules import (
    BUDDIES,
    DEFAULT_RULES,
    ONE_TO_ONE_DOCUMENT,
    ONE_TO_ONE_SUPPORT,
    PRODUCT_DECISIONS,
    Cadence,
    Dated,
    Eligibility,
    Goal,
    GoalStatus,
    InvalidInput,
    OneToOneTerms,
    Plan,
    PlanStatus,
    Policy,
    Progress,
    Refreshers,
    Resident,
    Schedule,
    Step,
    SupportArea,
    UnknownArea,
    Weekday,
    all_rules,
)
from carerules._support121 import RULES
from carerules.serialisation import from_data, to_data
from carerules.strategies import (
    eligibilities,
    goals,
    one_to_one_policies,
    one_to_one_terms,
    plan_statuses,
    plans,
    progress_notes,
    refreshers,
    residents,
    review_records,
    schedules,
    session_records,
    steps,
    support_areas,
)


def _terms() -> OneToOneTerms:
    assert ONE_TO_ONE_SUPPORT.one_to_one.latest is not None
    return ONE_TO_ONE_SUPPORT.one_to_one.latest


def test_built_in_policy_lists_the_four_areas_in_the_documents_order() -> None:
    assert _terms().area_names == ("Motivation", "Confidence", "Networks/Relationships", "Practical")
    assert [len(a.topics) for a in _terms().areas] == [7, 11, 3, 8]


def test_built_in_policy_allows_weekly_fortnightly_and_twice_weekly_sessions() -> None:
    """000_efb936d1ab05b6a6.txt, "1-2-1 Support": "weekly or bi-weekly", bi-weekly read both ways (issue 15)."""
    assert _terms().cadences == (Cadence(1), Cadence(1, 2), Cadence(2))
    assert _terms().cadence_weeks == frozenset({1, 2})


def test_built_in_policy_keeps_its_areas_open_and_offers_refreshers_on_request_only() -> None:
    """The areas are given "for example"; refreshers "if required", so no automatic ones (issue 15)."""
    assert (_terms().only_listed_areas, _terms().automatic_refreshers) == (False, False)


def test_buddies_policy_offers_no_one_to_one_terms() -> None:
    assert BUDDIES.one_to_one_on(date.max) is None
    assert BUDDIES.one_to_one == Dated.always(None)


def test_a_provider_extends_an_area_with_its_own_topics() -> None:
    extended = _terms().extend("Practical", "Cooking on a budget", "Healthy eating")
    practical = extended.area("Practical")
    assert practical.topics[-1] == "Cooking on a budget"
    assert practical.topics.count("Healthy eating") == 1
    assert _terms().area("Practical").topics[-1] == "Managing money"  # the original is unchanged


def test_a_provider_adds_an_area() -> None:
    extended = _terms().extend("Housing", "Bidding for a flat")
    assert extended.area_names[-1] == "Housing"
    assert extended.is_listed_topic("Housing", "Bidding for a flat")


def test_unknown_area_is_a_typed_error_listing_the_choices() -> None:
    with pytest.raises(UnknownArea) as error:
        _terms().area("Housing")
    assert isinstance(error.value, InvalidInput)
    assert "'Motivation'" in str(error.value)


def test_duplicate_areas_and_topics_are_refused() -> None:
    with pytest.raises(InvalidInput):
        OneToOneTerms(areas=(SupportArea("A"), SupportArea("A")))
    with pytest.raises(InvalidInput):
        SupportArea("A", ("x", "x"))
    with pytest.raises(InvalidInput):
        OneToOneTerms(cadences=(Cadence(0),))


def test_goal_dates_must_fit_its_status() -> None:
    with pytest.raises(InvalidInput) as error:
        Goal("g", "Practical", date(2026, 3, 1), status=GoalStatus.ACHIEVED)
    assert error.value.field == "goal.closed_on"
    with pytest.raises(InvalidInput):
        Goal("g", "Practical", date(2026, 3, 1), closed_on=date(2026, 3, 2))
    with pytest.raises(InvalidInput):
        Goal("g", "Practical", date(2026, 3, 1), status=GoalStatus.DROPPED, closed_on=date(2026, 2, 1))
    with pytest.raises(InvalidInput) as error:
        Goal("g", "Practical", date(2026, 3, 1), progress=(Progress(date(2026, 2, 1)),))
    assert error.value.field == "goal.progress[0].on"
    with pytest.raises(InvalidInput):
        Goal(
            "g",
            "Practical",
            date(2026, 3, 1),
            status=GoalStatus.ACHIEVED,
            closed_on=date(2026, 3, 5),
            steps=(Step("x", date(2026, 4, 1)),),
        )


def test_goal_ids_are_unique_within_a_plan() -> None:
    goal = Goal("g", "Practical", date(2026, 3, 1))
    with pytest.raises(InvalidInput) as error:
        Plan("r", "w", 1, Weekday.MONDAY, time(18), date(2026, 3, 1), 6, goals=(goal, goal))
    assert error.value.field == "plan.goals"


def test_free_text_stays_out_of_repr() -> None:
    goal = Goal("g", "Confidence", date(2026, 3, 1), description="feels anxious", steps=(Step("see the GP"),))
    assert "anxious" not in repr(goal)
    assert "GP" not in repr(goal)


def test_built_in_policy_grounds_every_rule_in_the_one_to_one_document_or_product_decisions() -> None:
    ids = {r.id for r in all_rules()}
    for rule in RULES:
        assert rule.id in ids
        assert rule.id.startswith("one-to-one.")
        assert rule.source.document in (DEFAULT_RULES, PRODUCT_DECISIONS)
        assert ONE_TO_ONE_SUPPORT.is_grounded(rule.id)
        cited = ONE_TO_ONE_SUPPORT.source_for(rule.id)
        assert cited.document in (ONE_TO_ONE_DOCUMENT, PRODUCT_DECISIONS)
        assert not cited.default


def test_built_in_policy_round_trips_with_its_terms() -> None:
    assert from_data(to_data(ONE_TO_ONE_SUPPORT), Policy) == ONE_TO_ONE_SUPPORT


def test_unknown_weekday_in_data_names_the_path() -> None:
    data = to_data(Plan("r", "w", 1, Weekday.MONDAY, time(18), date(2026, 3, 1), 6))
    data["weekday"] = "moonday"
    with pytest.raises(InvalidInput, match=r"weekday"):
        from_data(data, Plan)


def _round_trips(x: object) -> None:
    assert from_data(to_data(x), type(x)) == x


@settings(max_examples=60)
@given(support_areas())
def test_support_areas_round_trip(x: SupportArea) -> None:
    _round_trips(x)


@settings(max_examples=60)
@given(one_to_one_terms())
def test_terms_round_trip(x: OneToOneTerms) -> None:
    _round_trips(x)


@settings(max_examples=60)
@given(one_to_one_policies())
def test_one_to_one_policies_round_trip(x: Policy) -> None:
    _round_trips(x)


@settings(max_examples=60)
@given(residents())
def test_residents_round_trip(x: Resident) -> None:
    _round_trips(x)


@settings(max_examples=60)
@given(goals())
def test_goals_round_trip(x: Goal) -> None:
    _round_trips(x)


@settings(max_examples=60)
@given(plans())
def test_plans_round_trip(x: Plan) -> None:
    _round_trips(x)


@settings(max_examples=60)
@given(eligibilities())
def test_eligibilities_round_trip(x: Eligibility) -> None:
    _round_trips(x)


@settings(max_examples=60)
@given(schedules())
def test_schedules_round_trip(x: Schedule) -> None:
    _round_trips(x)


@settings(max_examples=60)
@given(plan_statuses())
def test_plan_statuses_round_trip(x: PlanStatus) -> None:
    _round_trips(x)


@settings(max_examples=40)
@given(st.data())
def test_records_round_trip(data: st.DataObject) -> None:
    plan = data.draw(plans())
    for record in data.draw(session_records(plan, ONE_TO_ONE_SUPPORT)) + data.draw(review_records(plan)):
        _round_trips(record)


@settings(max_examples=60)
@given(steps(), progress_notes(), refreshers())
def test_steps_progress_and_refreshers_round_trip(step: Step, progress: Progress, offer: Refreshers) -> None:
    for x in (step, progress, offer):
        _round_trips(x)


def test_extended_terms_are_a_new_value() -> None:
    assert attrs.evolve(_terms()) == _terms()
    assert _terms().extend("Practical") == _terms()
