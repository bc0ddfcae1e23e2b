"""Eligibility for 1-2-1 Support: the five criteria of 000_efb936d1ab05b6a6.txt, "1-2-1 Support"."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given

from carerules import (
    BUDDIES,
    ONE_TO_ONE_DOCUMENT,
    ONE_TO_ONE_SUPPORT,
    Criterion,
    InvalidInput,
    Resident,
    check_eligibility,
)
from carerules.strategies import residents

_ALL_MET: dict[str, Any] = {
    "need_identified": True,
    "will_complete": True,
    "will_attend": True,
    "accepts_one_to_one": True,
    "will_use_skills": True,
}


def test_resident_meeting_all_five_criteria_is_eligible() -> None:
    """ "1-2-1 Support": a need identified and willing on all four counts."""
    decision = check_eligibility(Resident("res-1", **_ALL_MET), ONE_TO_ONE_SUPPORT)
    assert decision.answer.eligible is True
    assert decision.answer.unmet == ()
    assert decision.rule_ids[-1] == "one-to-one.eligibility.all-criteria"
    assert decision.missing == ()


@pytest.mark.parametrize(
    ("field", "criterion", "rule_id"),
    [
        ("need_identified", Criterion.NEED_IDENTIFIED, "one-to-one.eligibility.need-identified"),
        ("will_complete", Criterion.WILL_COMPLETE, "one-to-one.eligibility.will-complete"),
        ("will_attend", Criterion.WILL_ATTEND, "one-to-one.eligibility.will-attend"),
        ("accepts_one_to_one", Criterion.ONE_TO_ONE, "one-to-one.eligibility.one-to-one"),
        ("will_use_skills", Criterion.WILL_USE_SKILLS, "one-to-one.eligibility.will-use-skills"),
    ],
)
def test_each_unmet_criterion_is_listed_with_its_rule_and_source(
    field: str, criterion: Criterion, rule_id: str
) -> None:
    decision = check_eligibility(Resident("res-1", **{**_ALL_MET, field: False}), ONE_TO_ONE_SUPPORT)
    assert decision.answer.eligible is False
    assert decision.answer.unmet == (criterion,)
    [reason] = [r for r in decision.reasons if r.rule_id == rule_id]
    assert reason.detail.startswith("not met")
    assert reason.source.document == ONE_TO_ONE_DOCUMENT
    assert reason.would_change is not None


def test_every_unmet_criterion_is_listed_not_just_the_first() -> None:
    resident = Resident("res-2", need_identified=False, will_complete=True, will_attend=False, accepts_one_to_one=True)
    answer = check_eligibility(resident, ONE_TO_ONE_SUPPORT).answer
    assert answer.unmet == (Criterion.NEED_IDENTIFIED, Criterion.WILL_ATTEND)
    assert answer.unknown == (Criterion.WILL_USE_SKILLS,)
    assert answer.eligible is False


def test_unrecorded_criterion_leaves_eligibility_undetermined_never_assumed() -> None:
    decision = check_eligibility(Resident("res-3", **{**_ALL_MET, "will_use_skills": None}), ONE_TO_ONE_SUPPORT)
    assert decision.answer.eligible is None
    assert decision.answer.unknown == (Criterion.WILL_USE_SKILLS,)
    assert "one-to-one.eligibility.unrecorded" in decision.rule_ids
    assert decision.missing == ("whether res-3 is willing to use the skills learned",)


def test_attendance_criterion_names_the_cadences_the_policy_allows() -> None:
    decision = check_eligibility(Resident("res-4", **_ALL_MET), ONE_TO_ONE_SUPPORT)
    assert "weekly or fortnightly" in decision.explain()


def test_policy_without_one_to_one_terms_is_refused() -> None:
    with pytest.raises(InvalidInput) as error:
        check_eligibility(Resident("res-5", **_ALL_MET), BUDDIES)
    assert error.value.field == "policy.one_to_one"


def test_criterion_must_be_a_real_bool_or_none() -> None:
    with pytest.raises(InvalidInput) as error:
        Resident("res-6", will_attend="yes")  # type: ignore[arg-type]
    assert error.value.field == "resident.will_attend"


def test_the_need_stays_out_of_repr() -> None:
    assert "isolation" not in repr(Resident("res-7", need="isolation"))


@given(residents())
def test_eligible_exactly_when_every_criterion_holds(resident: Resident) -> None:
    answer = check_eligibility(resident, ONE_TO_ONE_SUPPORT).answer
    values = [
        resident.need_identified,
        resident.will_complete,
        resident.will_attend,
        resident.accepts_one_to_one,
        resident.will_use_skills,
    ]
    assert (answer.eligible is True) == all(v is True for v in values)
    assert (answer.eligible is False) == any(v is False for v in values)
    assert len(answer.unmet) == values.count(False)
    assert len(answer.unknown) == values.count(None)
