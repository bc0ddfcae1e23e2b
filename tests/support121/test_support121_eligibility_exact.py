"""Whole answers of 1-2-1 eligibility (docs/quality.md, mutation testing).

``000_efb936d1ab05b6a6.txt``, "1-2-1 Support": the service is for residents
with an identified need who will work through to a finished task or goal,
attend sessions weekly, twice weekly or fortnightly, accept intensive one-to-one support
and use what they learn. Each test pins the whole answer: every field, every
reason line with its rule id, what would change it, and what is missing.
"""

from __future__ import annotations

import attrs
import pytest

from carerules import (
    BUDDIES,
    ONE_TO_ONE_SUPPORT,
    Cadence,
    Criterion,
    Decision,
    Eligibility,
    InvalidInput,
    OneToOneTerms,
    Resident,
    check_eligibility,
)

ALL_MET = Resident(
    "res-1", need_identified=True, will_complete=True, will_attend=True, accepts_one_to_one=True, will_use_skills=True
)
MET = (
    "[one-to-one.eligibility.need-identified] met: a need has been identified",
    "[one-to-one.eligibility.will-complete] met: willing to work through to a finished task or goal",
    "[one-to-one.eligibility.will-attend] met: willing to attend sessions weekly, twice weekly or fortnightly",
    "[one-to-one.eligibility.one-to-one] met: willing to be supported one to one, intensively",
    "[one-to-one.eligibility.will-use-skills] met: willing to use the skills learned",
)


def _lines(decision: Decision[Eligibility]) -> list[str]:
    return decision.explain().splitlines()


def test_a_resident_meeting_all_five_criteria_is_eligible_and_each_criterion_says_so() -> None:
    decision = check_eligibility(ALL_MET, ONE_TO_ONE_SUPPORT)
    assert decision.answer == Eligibility("res-1", True, (), ())
    assert _lines(decision) == [*MET, "[one-to-one.eligibility.all-criteria] eligible: all 5 criteria met"]
    assert decision.missing == ()
    assert all(r.would_change is None for r in decision.reasons)


def test_every_unmet_criterion_is_listed_in_order_with_what_would_change_it() -> None:
    resident = attrs.evolve(ALL_MET, need_identified=False, will_attend=False, will_use_skills=None)
    decision = check_eligibility(resident, ONE_TO_ONE_SUPPORT)
    assert decision.answer == Eligibility(
        "res-1", False, (Criterion.NEED_IDENTIFIED, Criterion.WILL_ATTEND), (Criterion.WILL_USE_SKILLS,)
    )
    assert _lines(decision) == [
        "[one-to-one.eligibility.need-identified] not met: no need has been identified"
        " (eligible only if a need has been identified)",
        MET[1],
        "[one-to-one.eligibility.will-attend] not met: not willing to attend sessions weekly, twice weekly or "
        "fortnightly (eligible only if willing to attend sessions weekly, twice weekly or fortnightly)",
        MET[3],
        "[one-to-one.eligibility.unrecorded] not recorded whether willing to use the skills learned"
        " (one-to-one.eligibility.will-use-skills)",
        "[one-to-one.eligibility.all-criteria] not eligible: 2 of 5 criteria unmet (need-identified, will-attend)",
        "missing: whether res-1 is willing to use the skills learned",
    ]
    assert decision.missing == ("whether res-1 is willing to use the skills learned",)


def test_unrecorded_criteria_leave_the_answer_open_and_say_what_to_record() -> None:
    resident = Resident("res-2", will_complete=True, accepts_one_to_one=True)
    decision = check_eligibility(resident, ONE_TO_ONE_SUPPORT)
    assert decision.answer == Eligibility(
        "res-2", None, (), (Criterion.NEED_IDENTIFIED, Criterion.WILL_ATTEND, Criterion.WILL_USE_SKILLS)
    )
    assert decision.missing == (
        "whether a need has been identified",
        "whether res-2 is willing to attend sessions weekly, twice weekly or fortnightly",
        "whether res-2 is willing to use the skills learned",
    )
    assert decision.reasons[-1].detail == "undetermined: 3 of 5 criteria not recorded, none unmet"
    assert decision.rule_ids == (
        "one-to-one.eligibility.unrecorded",
        "one-to-one.eligibility.will-complete",
        "one-to-one.eligibility.unrecorded",
        "one-to-one.eligibility.one-to-one",
        "one-to-one.eligibility.unrecorded",
        "one-to-one.eligibility.all-criteria",
    )


def test_the_cadences_are_worded_from_the_policy_shortest_first() -> None:
    """000_efb936d1ab05b6a6.txt, "1-2-1 Support": willing to attend weekly or "bi-weekly", in the policy's words."""
    assert ONE_TO_ONE_SUPPORT.one_to_one.latest is not None
    decision = check_eligibility(attrs.evolve(ALL_MET, will_attend=None), ONE_TO_ONE_SUPPORT)
    assert decision.missing == ("whether res-1 is willing to attend sessions weekly, twice weekly or fortnightly",)
    terms = attrs.evolve(ONE_TO_ONE_SUPPORT.one_to_one.latest, cadences=(Cadence(3), Cadence(1)))
    policy = attrs.evolve(ONE_TO_ONE_SUPPORT, one_to_one=terms)
    decision = check_eligibility(attrs.evolve(ALL_MET, will_attend=None), policy)
    assert decision.missing == ("whether res-1 is willing to attend sessions weekly or every 3 weeks",)
    only_fortnightly = attrs.evolve(ONE_TO_ONE_SUPPORT, one_to_one=OneToOneTerms(cadences=(Cadence(2),)))
    assert check_eligibility(ALL_MET, only_fortnightly).reasons[2].detail == (
        "met: willing to attend sessions fortnightly"
    )


def test_a_policy_without_1_2_1_terms_is_refused_naming_it() -> None:
    with pytest.raises(InvalidInput) as err:
        check_eligibility(ALL_MET, BUDDIES)
    assert (err.value.field, err.value.value, err.value.expected) == (
        "policy.one_to_one",
        None,
        "1-2-1 Support terms (policy 'buddies' has none; the built-in ONE_TO_ONE_SUPPORT does)",
    )
