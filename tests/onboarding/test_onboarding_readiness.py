"""Readiness to start: every unmet condition, with its rule (004 "How do we get started?")."""

from __future__ import annotations

from datetime import date, time, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import carerules as cr
from carerules.strategies import personal_files, ready_to_start

FIRST = date(2026, 3, 20)


def ready_ada() -> tuple[cr.PersonalFile, cr.Contract, cr.TrainingRecords]:
    file = cr.PersonalFile(
        service_user="su-ada",
        date_of_birth=date(2015, 6, 1),
        epilepsy=True,
        registration_meeting_on=date(2026, 2, 2),
        information_pack_completed_on=date(2026, 2, 2),
        terms_given_on=date(2026, 2, 2),
        welcome_meeting_on=date(2026, 3, 10),
        welcome_meeting_attendees=("su-ada", "st-kim", "st-lee"),
        service_plan=cr.ServicePlan(
            date(2026, 2, 20), needs=("autism",), activities=("swimming",), weekly_hours=timedelta(hours=5)
        ),
        risk_assessments=(cr.RiskAssessment("swimming", cr.RiskAssessmentStage.DRAFT, date(2026, 2, 20)),),
        epilepsy_procedure=cr.EpilepsyProcedure(date(2026, 2, 25)),
        primary_contact=cr.Contact(cr.ContactRole.PRIMARY, "Ann Ames", "07700 900001"),
        secondary_contact=cr.Contact(cr.ContactRole.SECONDARY, "Bo Bell", "07700 900002"),
        agreed_training=(cr.AgreedTraining("epilepsy awareness", pre_start=True), cr.AgreedTraining("first aid")),
        assessment_copies=(cr.AssessmentCopy("EHCP", date(2026, 2, 2)),),
        first_session=FIRST,
    )
    contract = cr.Contract(
        "c-ada",
        "su-ada",
        "st-kim",
        "st-lee",
        (cr.WeeklySlot(cr.Weekday.FRIDAY, time(15, 30), timedelta(hours=5)),),
        FIRST,
    )
    training = {
        "st-kim": {"epilepsy awareness": date(2026, 3, 1)},
        "st-lee": {"epilepsy awareness": date(2026, 3, 2)},
    }
    return file, contract, training


def paperwork_on(file: cr.PersonalFile, day: date) -> cr.PersonalFile:
    """The same file with every dated item of paperwork moved to ``day``."""
    assert file.service_plan is not None
    assert file.epilepsy_procedure is not None
    return attrs.evolve(
        file,
        registration_meeting_on=day,
        information_pack_completed_on=day,
        terms_given_on=day,
        welcome_meeting_on=day,
        service_plan=attrs.evolve(file.service_plan, written_on=day),
        risk_assessments=tuple(attrs.evolve(ra, dated=day) for ra in file.risk_assessments),
        epilepsy_procedure=cr.EpilepsyProcedure(day),
    )


def test_paperwork_dated_after_the_first_session_was_not_in_place() -> None:
    """Readiness is judged as the file stood on the first session's date."""
    file, contract, training = ready_ada()
    late = paperwork_on(file, FIRST + timedelta(days=1))
    decision = cr.check_readiness(late, cr.BUDDIES, contract=contract, training=training)
    assert not decision.answer.ready
    assert cr.Condition.SERVICE_PLAN in decision.answer.conditions
    assert cr.check_readiness(paperwork_on(file, FIRST), cr.BUDDIES, contract=contract, training=training).answer.ready


def test_a_complete_file_is_ready_and_lists_outstanding_copies_as_to_do() -> None:
    """An EHCP copy requested but not received does not block the start ("How do we get started?")."""
    file, contract, training = ready_ada()
    decision = cr.check_readiness(file, cr.BUDDIES, contract=contract, training=training)
    assert decision.answer.ready
    assert decision.answer.to_do == ("copy of EHCP requested 2026-02-02, not yet received",)
    assert "onboarding.other-assessments" in decision.rule_ids
    assert decision.rule_ids[-1] == "onboarding.ready"


def test_an_empty_file_lists_every_condition_not_just_the_first() -> None:
    decision = cr.check_readiness(cr.PersonalFile("su-new"), cr.BUDDIES)
    assert decision.answer.conditions == (
        cr.Condition.REGISTRATION,
        cr.Condition.TERMS,
        cr.Condition.KEY_WORKER_AND_SPARE,
        cr.Condition.WELCOME_MEETING,
        cr.Condition.SERVICE_PLAN,
        cr.Condition.INITIAL_RISK_ASSESSMENTS,
        cr.Condition.CONTACTS,
        cr.Condition.MINIMUM_AGE,
        cr.Condition.EPILEPSY_PROCEDURE,
    )
    assert "date of birth" in decision.missing
    assert "first session date" in decision.missing
    for unmet in decision.answer.unmet:
        assert cr.BUDDIES.source_for(unmet.rule_id) == unmet.source


def test_welcome_meeting_is_not_needed_when_the_key_worker_was_at_registration() -> None:
    """The Buddy sometimes attends the Registration Meeting; then no second meeting is needed, but the Service User
    must still have met both Buddies there ("How do we get started?")."""
    file, contract, training = ready_ada()
    no_welcome = attrs.evolve(file, welcome_meeting_on=None, welcome_meeting_attendees=())
    assert cr.check_readiness(no_welcome, cr.BUDDIES, contract=contract, training=training).answer.conditions == (
        cr.Condition.WELCOME_MEETING,
        cr.Condition.MET_KEY_WORKER_AND_SPARE,
    )
    excused = attrs.evolve(no_welcome, key_worker_at_registration=True)
    assert cr.check_readiness(excused, cr.BUDDIES, contract=contract, training=training).answer.conditions == (
        cr.Condition.MET_KEY_WORKER_AND_SPARE,
    )
    met = attrs.evolve(excused, registration_meeting_attendees=("su-ada", "st-kim", "st-lee"))
    assert cr.check_readiness(met, cr.BUDDIES, contract=contract, training=training).answer.ready


def test_pre_start_training_must_be_complete_for_both_key_worker_and_spare() -> None:
    """Specialist training agreed at registration is completed before 1:1 sessions begin."""
    file, contract, training = ready_ada()
    decision = cr.check_readiness(file, cr.BUDDIES, contract=contract, training={"st-kim": training["st-kim"]})
    assert decision.answer.conditions == (cr.Condition.PRE_START_TRAINING,)
    assert "st-lee lacks 'epilepsy awareness'" in decision.answer.unmet[0].detail


def test_training_completed_after_the_first_session_does_not_count() -> None:
    file, contract, _ = ready_ada()
    late = {s: {"epilepsy awareness": FIRST + timedelta(days=1)} for s in ("st-kim", "st-lee")}
    assert cr.check_readiness(file, cr.BUDDIES, contract=contract, training=late).answer.conditions == (
        cr.Condition.PRE_START_TRAINING,
    )


def test_epilepsy_needs_an_individual_procedure_on_file() -> None:
    """004 "Medication": epileptic Service Users have an individual management procedure in their file."""
    file, contract, training = ready_ada()
    decision = cr.check_readiness(
        attrs.evolve(file, epilepsy_procedure=None), cr.BUDDIES, contract=contract, training=training
    )
    assert decision.answer.conditions == (cr.Condition.EPILEPSY_PROCEDURE,)
    unknown = cr.check_readiness(attrs.evolve(file, epilepsy=None), cr.BUDDIES, contract=contract, training=training)
    assert unknown.answer.conditions == (cr.Condition.EPILEPSY_PROCEDURE,)
    assert unknown.missing == ("whether the person has epilepsy",)
    no_epilepsy = attrs.evolve(file, epilepsy=False, epilepsy_procedure=None)
    assert cr.check_readiness(no_epilepsy, cr.BUDDIES, contract=contract, training=training).answer.ready


@pytest.mark.tz
@pytest.mark.parametrize(
    ("born", "first_session", "ready", "eligible_from"),
    [
        (date(2018, 3, 14), date(2026, 3, 13), False, "eligible from 2026-03-14"),
        (date(2018, 3, 14), date(2026, 3, 14), True, None),
        (date(2016, 2, 29), date(2024, 2, 28), False, "eligible from 2024-02-29"),
        (date(2016, 2, 29), date(2024, 2, 29), True, None),
        (date(2020, 2, 29), date(2028, 2, 28), False, "eligible from 2028-02-29"),
        (date(2012, 2, 29), date(2020, 2, 29), True, None),
        (date(2008, 2, 29), date(2016, 2, 28), False, "eligible from 2016-02-29"),
    ],
)
def test_aged_eight_on_the_first_sessions_local_date(
    born: date, first_session: date, ready: bool, eligible_from: str | None
) -> None:
    """004 "What do we do?": the service is open to those aged 8+."""
    file, contract, training = ready_ada()
    file = paperwork_on(attrs.evolve(file, date_of_birth=born, first_session=first_session), first_session)
    training = {s: {"epilepsy awareness": first_session} for s in ("st-kim", "st-lee")}
    decision = cr.check_readiness(file, cr.BUDDIES, contract=contract, training=training)
    assert decision.answer.ready is ready
    if eligible_from:
        assert decision.answer.unmet[0].would_change is not None
        assert decision.answer.unmet[0].would_change.startswith(eligible_from)


@pytest.mark.tz
def test_a_29_february_birthday_counts_on_1_march_in_common_years() -> None:
    """Product decision onboarding.leap-day-birthday: 2100 is not a leap year."""
    file, contract, training = ready_ada()
    young = paperwork_on(
        attrs.evolve(file, date_of_birth=date(2092, 2, 29), first_session=date(2100, 2, 28)), date(2100, 2, 1)
    )
    decision = cr.check_readiness(young, cr.BUDDIES, contract=contract, training=training)
    assert decision.answer.conditions == (cr.Condition.MINIMUM_AGE,)
    assert decision.answer.unmet[0].would_change is not None
    assert decision.answer.unmet[0].would_change.startswith("eligible from 2100-03-01")
    assert "onboarding.leap-day-birthday" in decision.rule_ids
    on_1_march = attrs.evolve(young, first_session=date(2100, 3, 1))
    assert cr.check_readiness(on_1_march, cr.BUDDIES, contract=contract, training=training).answer.ready


def test_a_provider_with_a_minimum_age_of_nine_sees_the_leap_day_rule_in_2025() -> None:
    file, contract, training = ready_ada()
    nine = attrs.evolve(cr.BUDDIES, onboarding=attrs.evolve(cr.BUDDIES.onboarding_on(date.max), minimum_age=9))
    born = paperwork_on(
        attrs.evolve(file, date_of_birth=date(2016, 2, 29), first_session=date(2025, 2, 28)), date(2025, 2, 1)
    )
    early = {s: {"epilepsy awareness": date(2020, 1, 1)} for s in training}
    decision = cr.check_readiness(born, nine, contract=contract, training=early)
    assert decision.answer.conditions == (cr.Condition.MINIMUM_AGE,)
    assert decision.answer.unmet[0].detail == "aged 8 on the first session's date (2025-02-28)"
    assert cr.age_on(date(2016, 2, 29), date(2025, 3, 1)) == 9
    assert cr.add_years(date(2016, 2, 29), 9) == date(2025, 3, 1)


def test_first_session_given_as_an_instant_is_read_in_the_policys_zone() -> None:
    """23:30 UTC on 13 March 2026 is still 13 March in London (GMT); 23:30 UTC on 13 June is 14 June (BST)."""
    from datetime import UTC, datetime

    file, contract, training = ready_ada()
    file = attrs.evolve(file, date_of_birth=date(2018, 6, 14), first_session=None)
    summer = cr.check_readiness(
        file, cr.BUDDIES, contract=contract, training=training, first_session=datetime(2026, 6, 13, 23, 30, tzinfo=UTC)
    )
    assert summer.answer.ready
    assert summer.answer.first_session == date(2026, 6, 14)


def test_problems_another_pair_check_found_are_cited_under_key_worker_and_spare() -> None:
    """The matching rules' validation (capacity, say) plugs in as reasons; training stays its own condition."""
    file, contract, training = ready_ada()
    capacity = cr.Rule(
        "example.matching.capacity", cr.Source(cr.PRODUCT_DECISIONS, "Matching and cover (Buddies)"), "x"
    )
    problem = capacity.because("st-kim is already key worker for 3 Service User(s), their capacity is 3")
    decision = cr.check_readiness(file, cr.BUDDIES, contract=contract, training=training, pair_problems=[problem])
    assert decision.answer.conditions == (cr.Condition.KEY_WORKER_AND_SPARE,)
    assert problem in decision.reasons
    assert "example.matching.capacity" in decision.answer.unmet[0].detail
    with pytest.raises(cr.InvalidInput):
        cr.check_readiness(file, cr.BUDDIES, contract=contract, pair_problems=["capacity"])  # type: ignore[list-item]


def test_a_contract_for_someone_else_is_refused() -> None:
    file, contract, training = ready_ada()
    with pytest.raises(cr.InvalidInput) as err:
        cr.check_readiness(file, cr.BUDDIES, contract=attrs.evolve(contract, service_user="su-ben"), training=training)
    assert err.value.field == "contract.service_user"


# Knocking out one condition at a time from a ready case: the readiness
# answer must list exactly the conditions knocked out.
def _knock_out(
    case: tuple[cr.PersonalFile, cr.Contract, cr.TrainingRecords], c: cr.Condition
) -> tuple[cr.PersonalFile, cr.Contract | None, cr.TrainingRecords]:
    file, contract, training = case
    match c:
        case cr.Condition.REGISTRATION:
            return attrs.evolve(file, information_pack_completed_on=None), contract, training
        case cr.Condition.TERMS:
            return attrs.evolve(file, terms_given_on=None), contract, training
        case cr.Condition.KEY_WORKER_AND_SPARE:
            return file, None, training
        case cr.Condition.WELCOME_MEETING:
            gone = attrs.evolve(file, welcome_meeting_on=None, welcome_meeting_attendees=())
            return attrs.evolve(gone, key_worker_at_registration=False), contract, training
        case cr.Condition.MET_KEY_WORKER_AND_SPARE:
            spare = contract.spare
            registration = tuple(a for a in file.registration_meeting_attendees if a != spare)
            welcome = tuple(a for a in file.welcome_meeting_attendees if a != spare)
            gone = attrs.evolve(file, registration_meeting_attendees=registration, welcome_meeting_attendees=welcome)
            return gone, contract, training
        case cr.Condition.SERVICE_PLAN:
            return attrs.evolve(file, service_plan=None), contract, training
        case cr.Condition.PLAN_PERSONAL_CARE | cr.Condition.PLAN_UNCLEAR | cr.Condition.PLAN_UNDESCRIBED:
            return _with_need(file, c), contract, training
        case cr.Condition.INITIAL_RISK_ASSESSMENTS:
            return attrs.evolve(file, risk_assessments=()), contract, training
        case cr.Condition.PRE_START_TRAINING:
            extra = (*file.agreed_training, cr.AgreedTraining("hoist training", pre_start=True))
            return attrs.evolve(file, agreed_training=extra), contract, training
        case cr.Condition.CONTACTS:
            return attrs.evolve(file, secondary_contact=None), contract, training
        case cr.Condition.CONTACT_PHONES:
            assert file.primary_contact is not None
            return (
                attrs.evolve(file, primary_contact=attrs.evolve(file.primary_contact, phone=None)),
                contract,
                training,
            )
        case cr.Condition.MINIMUM_AGE:
            assert file.first_session is not None
            return attrs.evolve(file, date_of_birth=file.first_session - timedelta(days=365 * 5)), contract, training
        case cr.Condition.EPILEPSY_PROCEDURE:
            return attrs.evolve(file, epilepsy=True, epilepsy_procedure=None), contract, training


#: A need of each kind the plan-needs conditions catch (nails in words: ready files have no nail-care need).
_NEEDS = {
    cr.Condition.PLAN_PERSONAL_CARE: cr.CareNeed(
        cr.Task(cr.Activity.TOILETING, cr.HelpKind.PHYSICAL_ASSISTANCE, cr.Place.OWN_HOME)
    ),
    cr.Condition.PLAN_UNCLEAR: cr.CareNeed(
        cr.Task(cr.Activity.EATING_DRINKING, cr.HelpKind.PROMPTING_AND_SUPERVISION, cr.Place.OWN_HOME)
    ),
}


def _with_need(file: cr.PersonalFile, c: cr.Condition) -> cr.PersonalFile:
    plan = file.service_plan
    if plan is None:  # the plan itself was knocked out
        return file
    if c is cr.Condition.PLAN_UNDESCRIBED:
        return attrs.evolve(file, service_plan=attrs.evolve(plan, needs=(*plan.needs, "help keeping nails short")))
    return attrs.evolve(file, service_plan=attrs.evolve(plan, care_needs=(*plan.care_needs, _NEEDS[c])))


def _apply(
    case: tuple[cr.PersonalFile, cr.Contract, cr.TrainingRecords], knocked: set[cr.Condition]
) -> tuple[cr.PersonalFile, cr.Contract | None, cr.TrainingRecords]:
    file, contract, training = case
    current: tuple[cr.PersonalFile, cr.Contract | None, cr.TrainingRecords] = (file, contract, training)
    for c in cr.Condition:
        if c in knocked and c is not cr.Condition.KEY_WORKER_AND_SPARE:
            assert current[1] is not None
            current = _knock_out((current[0], current[1], current[2]), c)
    if cr.Condition.KEY_WORKER_AND_SPARE in knocked:
        current = (current[0], None, current[2])
    return current


def _expected(knocked: set[cr.Condition]) -> tuple[cr.Condition, ...]:
    # Without a key worker and spare there is no one whose training to check, nor anyone to have met;
    # without a plan there are no needs to read.
    if cr.Condition.KEY_WORKER_AND_SPARE in knocked:
        knocked = knocked - {cr.Condition.PRE_START_TRAINING, cr.Condition.MET_KEY_WORKER_AND_SPARE}
    if cr.Condition.SERVICE_PLAN in knocked:
        knocked = knocked - {cr.Condition.PLAN_PERSONAL_CARE, cr.Condition.PLAN_UNCLEAR, cr.Condition.PLAN_UNDESCRIBED}
    return tuple(c for c in cr.Condition if c in knocked)


@given(ready_to_start(), st.sets(st.sampled_from(cr.Condition)))
def test_readiness_lists_exactly_the_unmet_conditions(
    case: tuple[cr.PersonalFile, cr.Contract, cr.TrainingRecords], knocked: set[cr.Condition]
) -> None:
    decision = _check(_apply(case, knocked))
    assert decision.answer.conditions == _expected(knocked)
    assert decision.answer.ready is (not knocked)
    assert decision.reasons, "every answer has at least one reason"


@given(ready_to_start(), st.sets(st.sampled_from(cr.Condition), min_size=1), st.data())
def test_adding_one_missing_item_never_removes_another(
    case: tuple[cr.PersonalFile, cr.Contract, cr.TrainingRecords], knocked: set[cr.Condition], data: st.DataObject
) -> None:
    restored = data.draw(st.sampled_from(sorted(knocked)))
    before = _check(_apply(case, knocked))
    after = _check(_apply(case, knocked - {restored}))
    assert set(before.answer.conditions) - {restored} <= set(after.answer.conditions)
    assert restored not in after.answer.conditions


def _check(x: tuple[cr.PersonalFile, cr.Contract | None, cr.TrainingRecords]) -> cr.Decision[cr.Readiness]:
    return cr.check_readiness(x[0], cr.BUDDIES, contract=x[1], training=x[2])


@given(personal_files())
def test_any_file_gets_an_answer_with_reasons_and_a_final_verdict(file: cr.PersonalFile) -> None:
    decision = cr.check_readiness(file, cr.BUDDIES)
    assert decision.rule_ids[-1] == "onboarding.ready"
    assert len(decision.answer.unmet) == len({u.condition for u in decision.answer.unmet})
    assert not decision.answer.ready  # no contract: no key worker and spare
