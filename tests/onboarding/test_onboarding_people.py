"""Readiness with the matching rules' people: training records and the key worker plus spare check."""

from __future__ import annotations

from datetime import date, timedelta

import attrs
import pytest

import carerules as cr
from tests.onboarding.test_onboarding_readiness import ready_ada

ADA = cr.ServiceUser("su-ada", "Ada", date(2015, 6, 1), required_training=frozenset({"epilepsy awareness"}))


def staff(*, kim_done: date | None = date(2026, 3, 1)) -> list[cr.StaffMember]:
    return [
        cr.StaffMember("st-kim", "Kim", training=(cr.TrainingRecord("epilepsy awareness", kim_done),), key_capacity=1),
        cr.StaffMember("st-lee", "Lee", training=(cr.TrainingRecord("epilepsy awareness", date(2026, 3, 2)),)),
    ]


def test_staff_training_records_feed_the_pre_start_training_condition() -> None:
    file, contract, _ = ready_ada()
    assert cr.readiness_with_staff(file, cr.BUDDIES, user=ADA, contract=contract, staff=staff()).answer.ready
    booked = cr.readiness_with_staff(file, cr.BUDDIES, user=ADA, contract=contract, staff=staff(kim_done=None))
    assert booked.answer.conditions == (cr.Condition.PRE_START_TRAINING,)
    assert cr.training_from_staff(staff(kim_done=None))["st-kim"] == {}


def test_a_key_worker_over_capacity_is_a_pair_problem_citing_the_matching_rule() -> None:
    """Key worker plus spare is validated by the matching rules (matching.capacity)."""
    file, contract, _ = ready_ada()
    existing = [cr.Match("su-zed", "st-kim", "st-lee")]
    decision = cr.readiness_with_staff(file, cr.BUDDIES, user=ADA, contract=contract, staff=staff(), existing=existing)
    assert decision.answer.conditions == (cr.Condition.KEY_WORKER_AND_SPARE,)
    assert "matching.capacity" in decision.rule_ids
    assert "matching.capacity" in decision.answer.unmet[0].detail


def test_training_failures_are_not_reported_twice() -> None:
    file, contract, _ = ready_ada()
    decision = cr.readiness_with_staff(file, cr.BUDDIES, user=ADA, contract=contract, staff=staff(kim_done=None))
    assert "matching.pre-start-training" not in decision.rule_ids


def test_someone_else_or_missing_staff_are_refused() -> None:
    file, contract, _ = ready_ada()
    with pytest.raises(cr.InvalidInput) as err:
        cr.readiness_with_staff(file, cr.BUDDIES, user=attrs.evolve(ADA, id="su-ben"), contract=contract, staff=staff())
    assert err.value.field == "user"
    with pytest.raises(cr.InvalidInput) as err:
        cr.readiness_with_staff(file, cr.BUDDIES, user=ADA, contract=contract, staff=staff()[:1])
    assert err.value.field == "contract.spare"


def test_training_that_expired_before_the_first_session_does_not_count_for_readiness() -> None:
    """ "How do we get started?": pre-start training held when sessions begin (``matching.training-expiry``)."""
    file, contract, _ = ready_ada()
    assert file.first_session is not None
    first = file.first_session
    lapsed = cr.TrainingRecord("epilepsy awareness", date(2024, 1, 1), first - timedelta(days=1))
    team = [attrs.evolve(staff()[0], training=(lapsed,)), staff()[1]]
    decision = cr.readiness_with_staff(file, cr.BUDDIES, user=ADA, contract=contract, staff=team)
    assert decision.answer.conditions == (cr.Condition.PRE_START_TRAINING,)
    on_the_day = cr.TrainingRecord("epilepsy awareness", date(2024, 1, 1), first)
    team = [attrs.evolve(staff()[0], training=(on_the_day,)), staff()[1]]
    assert cr.readiness_with_staff(file, cr.BUDDIES, user=ADA, contract=contract, staff=team).answer.ready
    assert cr.training_from_staff(team, on=first + timedelta(days=1))["st-kim"] == {}
    assert cr.training_from_staff(team)["st-kim"] == {"epilepsy awareness": date(2024, 1, 1)}
