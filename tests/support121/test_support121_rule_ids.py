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


def _closed(policy: cr.Policy) -> cr.Policy:
    return attrs.evolve(policy, one_to_one=attrs.evolve(_terms(policy), only_listed_areas=True))


def test_a_goal_outside_the_four_example_areas_is_accepted_and_said_to_be_outside_them() -> None:
    """ "Support could be offered in the following areas for example": the four areas are examples (issue 15)."""
    for area in ("Motivation", "Confidence", "Networks/Relationships", "Practical"):
        plan = _plan(cr.Goal("g-1", area, date(2026, 3, 16)))
        assert "one-to-one.goals.area" not in cr.schedule(plan, cr.ONE_TO_ONE_SUPPORT, MARCH).rule_ids
    housing = _plan(cr.Goal("g-1", "Practical", date(2026, 3, 16)), cr.Goal("g-2", "Housing", date(2026, 3, 16)))
    decision = cr.schedule(housing, cr.ONE_TO_ONE_SUPPORT, MARCH)
    [reason] = [r for r in decision.reasons if r.rule_id == "one-to-one.goals.area"]
    assert "'Housing', not one of the document's example areas" in reason.detail
    assert reason.source == cr.Source(cr.ONE_TO_ONE_DOCUMENT, "Support could be offered in the following areas")
    status = cr.plan_status(housing, cr.ONE_TO_ONE_SUPPORT, datetime(2026, 3, 20, 12, tzinfo=UTC))
    assert "one-to-one.goals.area" in status.rule_ids


def test_a_provider_may_close_the_list_and_then_a_goal_outside_it_is_refused() -> None:
    """PRODUCT.md "1-2-1 Support" (issue 15): the closed list names the goal, its area and both rules."""
    housing = _plan(cr.Goal("g-1", "Practical", date(2026, 3, 16)), cr.Goal("g-2", "Housing", date(2026, 3, 16)))
    closed = _closed(cr.ONE_TO_ONE_SUPPORT)
    for call in (
        lambda: cr.schedule(housing, closed, MARCH),
        lambda: cr.plan_status(housing, closed, datetime(2026, 3, 20, 12, tzinfo=UTC)),
        lambda: cr.validate_plan(housing, closed),
    ):
        with pytest.raises(cr.UnknownArea) as error:
            call()
        assert (error.value.field, error.value.value) == ("plan.goals[1].area", "Housing")
        assert "one-to-one.goals.area" in str(error.value)
        assert "one-to-one.goals.only-listed-areas" in str(error.value)
    assert cr.ONE_TO_ONE_SUPPORT.source_for("one-to-one.goals.only-listed-areas") == cr.Source(
        cr.PRODUCT_DECISIONS, "1-2-1 Support"
    )


def test_a_provider_that_adds_an_area_to_a_closed_list_may_set_goals_in_it() -> None:
    """The document's list is given "for example": a provider's own areas are accepted once listed."""
    plan = _plan(cr.Goal("g-1", "Housing", date(2026, 3, 16)))
    with pytest.raises(cr.UnknownArea, match=re.escape("one-to-one.goals.area")):
        cr.plan_status(plan, _closed(cr.ONE_TO_ONE_SUPPORT), datetime(2026, 3, 20, 12, tzinfo=UTC))
    ours = _closed(
        attrs.evolve(cr.ONE_TO_ONE_SUPPORT, one_to_one=_terms(cr.ONE_TO_ONE_SUPPORT).extend("Housing", "Bidding"))
    )
    assert cr.validate_plan(plan, ours).area("Housing").topics == ("Bidding",)
    assert len(cr.schedule(plan, ours, MARCH).answer.sessions) == 3
    assert "one-to-one.goals.area" not in cr.schedule(plan, ours, MARCH).rule_ids


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
