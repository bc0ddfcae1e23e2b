"""One readiness condition on its own (issue 18: the age check without a contract or plan)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

import carerules as cr
from carerules.strategies import ready_to_start
from tests.onboarding.test_onboarding_readiness import _apply


def _bare(born: date | None, first: date | None) -> cr.PersonalFile:
    """A file with nothing on it but a date of birth and a first session: no contract, plan or contacts."""
    return cr.PersonalFile("su-ada", date_of_birth=born, first_session=first)


@pytest.mark.parametrize(
    ("born", "first_session", "met", "would_change"),
    [
        # 004 "What do we do?": the service is for those aged 8 or over on the first session's date.
        (date(2018, 3, 14), date(2026, 3, 13), False, "eligible from 2026-03-14"),
        (date(2018, 3, 14), date(2026, 3, 14), True, None),
        # Product decision onboarding.leap-day-birthday: 2100 is a common year.
        (date(2092, 2, 29), date(2100, 2, 28), False, "eligible from 2100-03-01"),
        (date(2092, 2, 29), date(2100, 3, 1), True, None),
    ],
)
def test_the_minimum_age_is_checked_on_a_bare_file(
    born: date, first_session: date, met: bool, would_change: str | None
) -> None:
    decision = cr.check_condition(cr.Condition.MINIMUM_AGE, _bare(born, first_session), cr.BUDDIES)
    assert decision.answer is met
    assert decision.rule_ids[0] == "onboarding.minimum-age"
    if would_change is None:
        assert decision.reasons[0].would_change is None
    else:
        assert decision.reasons[0].would_change is not None
        assert decision.reasons[0].would_change.startswith(would_change)


def test_an_unknown_date_of_birth_is_unmet_and_says_what_is_missing() -> None:
    decision = cr.check_condition(cr.Condition.MINIMUM_AGE, _bare(None, date(2026, 3, 20)), cr.BUDDIES)
    assert decision.answer is False
    assert decision.missing == ("date of birth",)


def test_the_first_session_may_be_given_as_an_instant_in_the_policy_zone() -> None:
    """23:30 UTC on 13 June 2026 is 14 June in London: the eighth birthday on 14 June counts."""
    from datetime import UTC, datetime

    file = _bare(date(2018, 6, 14), None)
    at = datetime(2026, 6, 13, 23, 30, tzinfo=UTC)
    assert cr.check_condition(cr.Condition.MINIMUM_AGE, file, cr.BUDDIES, first_session=at).answer is True


@pytest.mark.parametrize(
    ("condition", "field"),
    [
        (cr.Condition.PRE_START_TRAINING, "contract"),
        (cr.Condition.MET_KEY_WORKER_AND_SPARE, "contract"),
        (cr.Condition.PLAN_PERSONAL_CARE, "file.service_plan"),
        (cr.Condition.CONTACT_PHONES, "file.primary_contact"),
    ],
)
def test_a_condition_that_reads_what_was_not_given_is_refused_naming_it(condition: cr.Condition, field: str) -> None:
    with pytest.raises(cr.InvalidInput, match=field.replace(".", r"\.")):
        cr.check_condition(condition, _bare(date(2015, 1, 1), date(2026, 3, 20)), cr.BUDDIES)


def test_a_condition_must_be_a_condition() -> None:
    with pytest.raises(cr.InvalidInput, match="condition"):
        cr.check_condition("minimum-age", _bare(None, None), cr.BUDDIES)  # type: ignore[arg-type]


@given(ready_to_start(), st.sets(st.sampled_from(cr.Condition)), st.sampled_from(cr.Condition))
def test_each_condition_alone_agrees_with_the_full_readiness_check(
    case: tuple[cr.PersonalFile, cr.Contract, cr.TrainingRecords], knocked: set[cr.Condition], condition: cr.Condition
) -> None:
    file, contract, training = _apply(case, knocked)
    full = cr.check_readiness(file, cr.BUDDIES, contract=contract, training=training)
    try:
        alone = cr.check_condition(condition, file, cr.BUDDIES, contract=contract, training=training)
    except cr.InvalidInput:
        assert condition not in full.answer.conditions  # not checked at all by the full check either
        return
    unmet = {u.condition: u for u in full.answer.unmet}
    assert alone.answer is (condition not in unmet)
    if condition in unmet:
        assert alone.reasons[0].rule_id == unmet[condition].rule_id
        assert alone.reasons[0].detail == unmet[condition].detail
