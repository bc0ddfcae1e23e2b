"""Readiness decisions pinned word for word: what a coordinator reads before a first session.

Written to kill the mutants that survived ``make mutation`` on ``_onboarding._readiness``:
each condition's wording, the order of the checklist, the count in the final verdict and
the facts reported missing.
"""

# ruff: noqa: E501 (the expected explanations are kept one reason per line)

from __future__ import annotations

from datetime import date, datetime

import attrs
import pytest

import carerules as cr
from tests.onboarding.test_onboarding_readiness import FIRST, ready_ada


def test_ready_file_meets_all_fifteen_conditions_and_lists_the_copy_still_to_come() -> None:
    """onboarding.ready and onboarding.other-assessments."""
    file, contract, training = ready_ada()
    decision = cr.check_readiness(file, cr.BUDDIES, contract=contract, training=training)
    assert decision.explain() == (
        "[onboarding.other-assessments] copy of EHCP requested 2026-02-02, not yet received\n"
        "[onboarding.ready] 15 of 15 conditions checked are met; sessions may begin"
    )
    assert decision.missing == ()
    assert decision.answer.ready


def test_empty_file_lists_nine_conditions_and_what_is_missing() -> None:
    """Every onboarding condition unmet, pre-start training deferred until a pair is chosen."""
    decision = cr.check_readiness(cr.PersonalFile(service_user="su-ada"), cr.BUDDIES)
    assert decision.explain() == (
        "[onboarding.registration-meeting] no registration meeting on file; Information Pack not completed\n"
        "[onboarding.terms-given] no record of the Terms and Conditions being given\n"
        "[onboarding.key-worker-and-spare] no key worker and spare chosen (no contract); pre-start training is checked once they are\n"
        "[onboarding.welcome-meeting] no welcome meeting on file (not needed if the key worker attended the registration meeting)\n"
        "[onboarding.service-plan] no Service Plan on file\n"
        "[onboarding.initial-risk-assessments] no risk assessment on file\n"
        "[onboarding.contacts] no primary or secondary contact recorded\n"
        "[onboarding.minimum-age] cannot confirm aged 8 or over\n"
        "[medication.epilepsy-procedure] not recorded whether the person has epilepsy\n"
        "[onboarding.ready] 0 of 9 conditions checked are met; sessions may not begin yet\n"
        "missing: date of birth\n"
        "missing: first session date\n"
        "missing: whether the person has epilepsy"
    )
    assert decision.missing == ("date of birth", "first session date", "whether the person has epilepsy")
    assert decision.answer.first_session is None
    assert decision.answer.to_do == ()


@pytest.mark.tz
def test_young_person_with_gaps_pair_problems_and_missing_training() -> None:
    """onboarding.minimum-age (eligible date), pre-start-training (who lacks what), contacts,
    key-worker-and-spare citing matching.capacity, and the count in the verdict."""
    file, contract, _ = ready_ada()
    young = attrs.evolve(
        file,
        date_of_birth=date(2018, 5, 1),
        epilepsy=None,
        welcome_meeting_on=None,
        welcome_meeting_attendees=(),
        information_pack_completed_on=None,
        secondary_contact=None,
        risk_assessments=(),
    )
    capacity = cr.get_rule("matching.capacity").because("st-kim already has 3 Service Users")
    decision = cr.check_readiness(
        young,
        cr.BUDDIES,
        contract=contract,
        training={"st-kim": {"epilepsy awareness": date(2026, 3, 1)}},
        pair_problems=[capacity],
    )
    assert decision.explain() == (
        "[onboarding.registration-meeting] Information Pack not completed\n"
        "[onboarding.key-worker-and-spare] key worker st-kim and spare st-lee not valid: st-kim already has 3 Service Users [matching.capacity]\n"
        "[matching.capacity] st-kim already has 3 Service Users\n"
        "[onboarding.welcome-meeting] no welcome meeting on file (not needed if the key worker attended the registration meeting)\n"
        "[onboarding.met-key-worker-and-spare] nothing on file shows su-ada has met key worker st-kim and spare st-lee; no attendance is recorded for either meeting (attendance at the welcome or registration meeting showing su-ada with both)\n"
        "[onboarding.initial-risk-assessments] no risk assessment on file\n"
        "[onboarding.pre-start-training] pre-start training not completed by 2026-03-20: st-lee lacks 'epilepsy awareness'\n"
        "[onboarding.contacts] no secondary contact recorded\n"
        "[onboarding.minimum-age] aged 7 on the first session's date (2026-03-20) (eligible from 2026-05-01)\n"
        "[medication.epilepsy-procedure] not recorded whether the person has epilepsy\n"
        "[onboarding.other-assessments] copy of EHCP requested 2026-02-02, not yet received\n"
        "[onboarding.ready] 6 of 15 conditions checked are met; sessions may not begin yet\n"
        "missing: whether the person has epilepsy"
    )
    assert decision.missing == ("whether the person has epilepsy",)
    assert decision.answer.first_session == FIRST
    assert decision.answer.unmet[0] == cr.Unmet(
        cr.Condition.REGISTRATION,
        "onboarding.registration-meeting",
        cr.BUDDIES.source_for("onboarding.registration-meeting"),
        "Information Pack not completed",
    )


def test_welcome_meeting_waived_cites_the_exception() -> None:
    """onboarding.welcome-not-needed: the key worker was at the registration meeting."""
    file, contract, training = ready_ada()
    waived = attrs.evolve(
        file,
        welcome_meeting_on=None,
        welcome_meeting_attendees=(),
        key_worker_at_registration=True,
        registration_meeting_attendees=("su-ada", "st-kim", "st-lee"),
    )
    decision = cr.check_readiness(waived, cr.BUDDIES, contract=contract, training=training)
    assert decision.explain() == (
        "[onboarding.welcome-meeting] a welcome meeting is needed before the first session; set aside by onboarding.welcome-meeting.key-worker-at-registration\n"
        "[onboarding.welcome-meeting.key-worker-at-registration] the key worker attended the registration meeting\n"
        "[onboarding.other-assessments] copy of EHCP requested 2026-02-02, not yet received\n"
        "[onboarding.ready] 15 of 15 conditions checked are met; sessions may begin"
    )


def test_a_pair_problem_that_is_not_a_reason_is_refused_at_the_door() -> None:
    """The argument guard refuses it before check_readiness's own per-item check can (so that check's
    mutants are equivalent through the public API)."""
    file, contract, training = ready_ada()
    with pytest.raises(cr.InvalidInput) as caught:
        cr.check_readiness(file, cr.BUDDIES, contract=contract, training=training, pair_problems=["busy"])  # type: ignore[list-item]
    assert caught.value.field == "pair_problems"


def test_a_birth_after_the_first_session_is_refused() -> None:
    file, contract, training = ready_ada()
    born_late = attrs.evolve(file, date_of_birth=date(2026, 4, 1))
    with pytest.raises(cr.InvalidInput) as caught:
        cr.check_readiness(born_late, cr.BUDDIES, contract=contract, training=training)
    assert (caught.value.field, caught.value.value, caught.value.expected) == (
        "personal_file.date_of_birth",
        date(2026, 4, 1),
        "a date on or before the first session (2026-03-20)",
    )


def test_a_contract_for_someone_else_is_refused_naming_both() -> None:
    file, contract, _ = ready_ada()
    with pytest.raises(cr.InvalidInput) as caught:
        cr.check_readiness(file, cr.BUDDIES, contract=attrs.evolve(contract, service_user="su-bob"))
    assert (caught.value.field, caught.value.value, caught.value.expected) == (
        "contract.service_user",
        "su-bob",
        "the file's Service User (su-ada)",
    )


def test_epilepsy_without_a_procedure_reuses_the_care_rules_words_and_missing_fact() -> None:
    """medication.epilepsy-procedure, cited from the care-boundaries area."""
    file, contract, training = ready_ada()
    decision = cr.check_readiness(
        attrs.evolve(file, epilepsy_procedure=None), cr.BUDDIES, contract=contract, training=training
    )
    assert str(decision.reasons[0]) == (
        "[medication.epilepsy-procedure] epilepsy recorded but no individual management procedure on "
        "file: sessions may not begin (filing an individual epilepsy procedure would meet this)"
    )
    assert decision.missing == ("an individual epilepsy management procedure in the Service User File",)


def test_pair_problems_are_not_cited_when_no_pair_was_chosen() -> None:
    """onboarding.key-worker-and-spare: without a contract there is no pair for the problems to be about."""
    file, _, _ = ready_ada()
    capacity = cr.get_rule("matching.capacity").because("st-kim already has 3 Service Users")
    decision = cr.check_readiness(file, cr.BUDDIES, pair_problems=[capacity])
    assert "matching.capacity" not in decision.rule_ids
    assert decision.missing == ("the key worker and spare, to check pre-start training",)
    assert decision.answer.service_user == "su-ada"
    assert str(decision.reasons[-1]) == (
        "[onboarding.ready] 12 of 13 conditions checked are met; sessions may not begin yet"
    )


def test_a_29_february_birthday_below_the_minimum_age_is_explained() -> None:
    """onboarding.leap-day-birthday, after onboarding.minimum-age (a provider whose minimum is 9)."""
    file, contract, training = ready_ada()
    nine = attrs.evolve(cr.BUDDIES, onboarding=attrs.evolve(cr.BUDDIES.onboarding_on(date.max), minimum_age=9))
    leapling = attrs.evolve(file, date_of_birth=date(2016, 2, 29))
    early = cr.check_readiness(leapling, nine, contract=contract, training=training, first_session=date(2025, 2, 28))
    leap = [str(r) for r in early.reasons if r.rule_id == "onboarding.leap-day-birthday"]
    assert leap == ["[onboarding.leap-day-birthday] the 29 February birthday is taken as 1 March"]


def test_a_naive_first_session_instant_is_refused_naming_the_argument() -> None:
    file, contract, training = ready_ada()
    with pytest.raises(cr.InvalidInput) as caught:
        cr.check_readiness(file, cr.BUDDIES, contract=contract, training=training, first_session=datetime(2026, 3, 20))
    assert caught.value.field == "first_session"


def test_a_first_session_on_the_day_of_birth_is_judged_not_refused() -> None:
    """onboarding.minimum-age: born that day is aged 0, below the minimum, and not an input error."""
    file, contract, training = ready_ada()
    decision = cr.check_readiness(
        attrs.evolve(file, date_of_birth=FIRST), cr.BUDDIES, contract=contract, training=training
    )
    assert [str(r) for r in decision.reasons if r.rule_id == "onboarding.minimum-age"] == [
        "[onboarding.minimum-age] aged 0 on the first session's date (2026-03-20) (eligible from 2034-03-20)"
    ]


def test_a_29_february_birthday_says_when_it_counts() -> None:
    """onboarding.minimum-age names the 1 March rule in what would change the answer."""
    file, contract, training = ready_ada()
    nine = attrs.evolve(cr.BUDDIES, onboarding=attrs.evolve(cr.BUDDIES.onboarding_on(date.max), minimum_age=9))
    leapling = attrs.evolve(file, date_of_birth=date(2016, 2, 29))
    decision = cr.check_readiness(leapling, nine, contract=contract, training=training, first_session=date(2025, 2, 28))
    assert [str(r) for r in decision.reasons if r.rule_id == "onboarding.minimum-age"] == [
        "[onboarding.minimum-age] aged 8 on the first session's date (2025-02-28) (eligible from 2025-03-01 "
        "(a 29 February birthday counts on 1 March in common years))"
    ]


def test_several_pair_problems_and_untrained_staff_are_listed_apart() -> None:
    """onboarding.key-worker-and-spare and pre-start-training, with no first session date yet."""
    file, contract, _ = ready_ada()
    capacity = cr.get_rule("matching.capacity")
    decision = cr.check_readiness(
        attrs.evolve(file, first_session=None),
        cr.BUDDIES,
        contract=contract,
        training={},
        pair_problems=[capacity.because("a"), capacity.because("b")],
    )
    assert [str(r) for r in decision.reasons][:4] == [
        "[onboarding.key-worker-and-spare] key worker st-kim and spare st-lee not valid: "
        "a [matching.capacity]; b [matching.capacity]",
        "[matching.capacity] a",
        "[matching.capacity] b",
        "[onboarding.pre-start-training] pre-start training not completed: st-kim lacks 'epilepsy awareness'; "
        "st-lee lacks 'epilepsy awareness'",
    ]
