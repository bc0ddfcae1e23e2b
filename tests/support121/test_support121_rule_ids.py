"""Goals, their areas and topics (000_efb936d1ab05b6a6.txt, "Support could be offered in the following areas")."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time

import attrs
import pytest

import carerules as cr

MARCH = cr.Period(date(2026, 3, 1), date(2026, 3, 31))


def _plan(*goals: cr.Goal) -> cr.Plan:
    return cr.Plan("res-kim", "wk-jo", 1, cr.Weekday.MONDAY, time(18), date(2026, 3, 16), 6, goals=goals)


def _terms(policy: cr.Policy) -> cr.OneToOneTerms:
    assert policy.one_to_one.latest is not None
    return policy.one_to_one.latest


def test_a_goal_must_belong_to_one_of_the_policys_areas() -> None:
    """Each goal sits in one of the listed areas; another area is refused, naming the goal and the rule."""
    for area in ("Motivation", "Confidence", "Networks/Relationships", "Practical"):
        cr.validate_plan(_plan(cr.Goal("g-1", area, date(2026, 3, 16))), cr.ONE_TO_ONE_SUPPORT)
    housing = _plan(cr.Goal("g-1", "Practical", date(2026, 3, 16)), cr.Goal("g-2", "Housing", date(2026, 3, 16)))
    with pytest.raises(cr.UnknownArea) as error:
        cr.schedule(housing, cr.ONE_TO_ONE_SUPPORT, MARCH)
    assert error.value.field == "plan.goals[1].area"
    assert error.value.value == "Housing"
    assert "one-to-one.goals.area" in str(error.value)


def test_a_provider_that_adds_an_area_may_set_goals_in_it() -> None:
    """The document's list is given "for example": a provider's own areas are accepted once listed."""
    plan = _plan(cr.Goal("g-1", "Housing", date(2026, 3, 16)))
    with pytest.raises(cr.UnknownArea, match=re.escape("one-to-one.goals.area")):
        cr.plan_status(plan, cr.ONE_TO_ONE_SUPPORT, datetime(2026, 3, 20, 12, tzinfo=UTC))
    ours = attrs.evolve(cr.ONE_TO_ONE_SUPPORT, one_to_one=_terms(cr.ONE_TO_ONE_SUPPORT).extend("Housing", "Bidding"))
    assert cr.validate_plan(plan, ours).area("Housing").topics == ("Bidding",)
    assert len(cr.schedule(plan, ours, MARCH).answer.sessions) == 3


def test_a_goals_topic_is_optional_and_may_be_listed_or_in_the_providers_own_words() -> None:
    """PRODUCT.md, 1-2-1 Support: topics come from the area's list or are the provider's own words.

    No decision cites ``"one-to-one.goals.topic"`` (a topic never changes an
    answer); this test checks what the rule allows and that it is registered.
    """
    rule = cr.get_rule("one-to-one.goals.topic")
    assert cr.ONE_TO_ONE_SUPPORT.source_for(rule.id) == cr.Source(cr.PRODUCT_DECISIONS, "1-2-1 Support")
    terms = _terms(cr.ONE_TO_ONE_SUPPORT)
    listed = terms.area("Confidence").topics[0]
    own_words = "Going to the dentist alone"
    assert terms.is_listed_topic("Confidence", listed)
    assert not terms.is_listed_topic("Confidence", own_words)
    plan = _plan(
        cr.Goal("g-1", "Confidence", date(2026, 3, 16)),
        cr.Goal("g-2", "Confidence", date(2026, 3, 16), topic=listed),
        cr.Goal("g-3", "Confidence", date(2026, 3, 16), topic=own_words),
    )
    assert cr.validate_plan(plan, cr.ONE_TO_ONE_SUPPORT) == terms
    with pytest.raises(cr.InvalidInput, match=re.escape("goal.topic")):
        cr.Goal("g-4", "Confidence", date(2026, 3, 16), topic="  ")
