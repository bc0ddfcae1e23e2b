"""The personal file and its parts: typed errors, private details, lossless round-trips."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import carerules as cr
from carerules._onboarding._scenario import OnboardingScenario
from carerules.serialisation import from_data, to_data
from carerules.strategies import (
    agreed_trainings,
    assessment_copies,
    contracts,
    feedback_forms,
    feedback_responses,
    local_dates,
    medication_logs,
    onboarding_parameters,
    onboarding_scenarios,
    personal_files,
    ready_to_start,
    risk_assessments,
    service_plans,
    write_up_authorisations,
)


def test_a_final_risk_assessment_dated_before_the_first_session_is_refused() -> None:
    """Finals follow the review of the drafts during the first sessions ("How do we get started?")."""
    early = cr.RiskAssessment("outings", cr.RiskAssessmentStage.FINAL, date(2026, 3, 19))
    with pytest.raises(cr.InvalidInput) as err:
        cr.PersonalFile("su-ada", first_session=date(2026, 3, 20), risk_assessments=(early,))
    assert err.value.field == "personal_file.risk_assessments[0].dated"
    assert "2026-03-20" in str(err.value)
    draft = cr.RiskAssessment("outings", cr.RiskAssessmentStage.DRAFT, date(2026, 3, 19))
    assert cr.PersonalFile("su-ada", first_session=date(2026, 3, 20), risk_assessments=(draft,)).risk_assessments


@pytest.mark.parametrize(
    "second",
    [
        cr.Contact(cr.ContactRole.SECONDARY, "ann  AMES"),
        cr.Contact(cr.ContactRole.SECONDARY, "Someone Else", phone="07700-900-001"),
        cr.Contact(cr.ContactRole.SECONDARY, "Someone Else", email=" Ann@Example.org "),
    ],
)
def test_the_same_person_as_primary_and_secondary_contact_is_refused(second: cr.Contact) -> None:
    primary = cr.Contact(cr.ContactRole.PRIMARY, "Ann Ames", phone="07700 900001", email="ann@example.org")
    with pytest.raises(cr.InvalidInput) as err:
        cr.PersonalFile("su-ada", primary_contact=primary, secondary_contact=second)
    assert err.value.field == "personal_file.secondary_contact"
    assert "Ann" not in str(err.value)
    assert "07700" not in str(err.value)


def test_contact_and_health_details_stay_out_of_repr() -> None:
    file = cr.PersonalFile(
        "su-ada",
        date_of_birth=date(2015, 6, 1),
        epilepsy=True,
        epilepsy_procedure=cr.EpilepsyProcedure(date(2026, 1, 1), details="buccal midazolam after 5 minutes"),
        medication_procedures=(
            cr.MedicationProcedure("insulin", cr.MedicationForm.INJECTION, date(2026, 1, 1), note="pen, 4 units"),
        ),
        primary_contact=cr.Contact(cr.ContactRole.PRIMARY, "Ann Ames", phone="07700 900001", email="ann@example.org"),
        service_plan=cr.ServicePlan(date(2026, 1, 1), needs=("type 1 diabetes",)),
    )
    text = repr(file)
    for secret in ("Ann", "07700", "example.org", "2015", "epilepsy=True", "midazolam", "insulin", "diabetes"):
        assert secret not in text, secret
    assert repr(file.primary_contact) == "Contact(role=<ContactRole.PRIMARY: 'primary'>)"


def test_contacts_must_carry_the_role_of_the_field_they_fill() -> None:
    secondary = cr.Contact(cr.ContactRole.SECONDARY, "Bo Bell")
    with pytest.raises(cr.InvalidInput) as err:
        cr.PersonalFile("su-ada", primary_contact=secondary)
    assert err.value.field == "personal_file.primary_contact"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"service_user": ""}, "personal_file.service_user"),
        ({"date_of_birth": "2015-06-01"}, "personal_file.date_of_birth"),
        ({"epilepsy": "yes"}, "personal_file.epilepsy"),
        (
            {"risk_assessments": [cr.RiskAssessment("x", cr.RiskAssessmentStage.DRAFT, date(2026, 1, 1))]},
            "personal_file.risk_assessments",
        ),
        ({"risk_assessments": ("draft",)}, "personal_file.risk_assessments[0]"),
        ({"other_documents": ("",)}, "personal_file.other_documents[0]"),
        ({"service_plan": "plan"}, "personal_file.service_plan"),
        ({"first_session": cr.Period(date(2026, 1, 1), date(2026, 1, 2))}, "personal_file.first_session"),
        (
            {"agreed_training": (cr.AgreedTraining("first aid"), cr.AgreedTraining("first aid", pre_start=True))},
            "personal_file.agreed_training",
        ),
    ],
)
def test_bad_files_are_refused_naming_the_field(kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(cr.InvalidInput) as err:
        cr.PersonalFile(**{"service_user": "su-ada", **kwargs})
    assert err.value.field == field


def test_bad_parts_are_refused_naming_the_field() -> None:
    with pytest.raises(cr.InvalidInput, match=r"risk_assessment\.stage"):
        cr.RiskAssessment("x", "final", date(2026, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(cr.InvalidInput, match=r"assessment_copy\.received_on"):
        cr.AssessmentCopy("EHCP", date(2026, 2, 1), date(2026, 1, 1))
    with pytest.raises(cr.InvalidInput, match=r"service_plan\.weekly_hours"):
        cr.ServicePlan(date(2026, 1, 1), weekly_hours=timedelta(0))
    with pytest.raises(cr.InvalidInput, match=r"onboarding\.minimum_age"):
        cr.OnboardingParameters(minimum_age=-1, final_risk_assessment_days=14, feedback_every_years=1)
    with pytest.raises(cr.InvalidInput, match=r"onboarding\.final_risk_assessment_days"):
        cr.OnboardingParameters(minimum_age=8, final_risk_assessment_days=True, feedback_every_years=1)


def test_a_file_from_data_names_the_place_of_a_bad_value() -> None:
    data = to_data(cr.PersonalFile("su-ada", first_session=date(2026, 3, 20)))
    data["risk_assessments"] = [{"topic": "outings", "stage": "final", "dated": "2026-03-01"}]
    with pytest.raises(cr.ScenarioError) as err:
        from_data(data, cr.PersonalFile)
    assert "2026-03-20" in str(err.value)


def test_the_buddies_policy_carries_the_documents_onboarding_figures() -> None:
    assert cr.BUDDIES.onboarding_on(date(2026, 1, 1)) == cr.OnboardingParameters(8, 14, 1)
    assert cr.BUDDIES.onboarding.is_constant
    assert from_data(to_data(cr.BUDDIES), cr.Policy) == cr.BUDDIES


ROUND_TRIPS: list[tuple[type[Any], st.SearchStrategy[Any]]] = [
    (cr.PersonalFile, personal_files()),
    (cr.Contract, contracts()),
    (cr.RiskAssessment, risk_assessments()),
    (cr.AssessmentCopy, assessment_copies()),
    (cr.ServicePlan, service_plans()),
    (cr.FeedbackForm, feedback_forms()),
    (cr.FeedbackResponse, feedback_responses()),
    (cr.WriteUpAuthorisation, write_up_authorisations()),
    (cr.OnboardingParameters, onboarding_parameters()),
    (cr.MedicationLog, medication_logs()),
    (OnboardingScenario, onboarding_scenarios()),
]


@pytest.mark.parametrize(("cls", "strategy"), ROUND_TRIPS, ids=[c.__name__ for c, _ in ROUND_TRIPS])
@settings(max_examples=60)
@given(data=st.data())
def test_onboarding_objects_round_trip_losslessly(
    cls: type[Any], strategy: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    value = data.draw(strategy)
    assert from_data(to_data(value), cls) == value


@settings(max_examples=40)
@given(agreed_trainings())
def test_agreed_training_round_trips(trainings: tuple[cr.AgreedTraining, ...]) -> None:
    for t in trainings:
        assert from_data(to_data(t), cr.AgreedTraining) == t


@settings(max_examples=40)
@given(ready_to_start())
def test_decisions_and_reports_round_trip(case: tuple[cr.PersonalFile, cr.Contract, cr.TrainingRecords]) -> None:
    file, contract, training = case
    decision = cr.check_readiness(file, cr.BUDDIES, contract=contract, training=training)
    assert from_data(to_data(decision), cr.Decision[cr.Readiness]) == decision
    assert from_data(to_data(training), dict[str, dict[str, date]]) == training


@settings(max_examples=30)
@given(onboarding_scenarios(), local_dates())
def test_reports_schedules_and_duty_decisions_round_trip(section: OnboardingScenario, first: date) -> None:
    report = cr.compliance_report(
        cr.BUDDIES,
        section.at,
        files=section.files,
        contracts=section.contracts,
        training=section.training,
        feedback_forms=section.feedback_forms,
        medication=section.medication,
    )
    assert from_data(to_data(report), cr.ComplianceReport) == report
    for file in section.files:
        decision = cr.check_final_risk_assessment(file, cr.BUDDIES, section.at)
        assert from_data(to_data(decision), cr.Decision[cr.DutyStatus]) == decision
    for contract in section.contracts:
        schedule = cr.expand_contract(contract, cr.Period(first, first + timedelta(days=9)), cr.BUDDIES)
        assert from_data(to_data(schedule), cr.ContractSchedule) == schedule
        found = cr.outstanding_training(section.files[0], contract, section.training).answer
        assert from_data(to_data(found), tuple[cr.OutstandingTraining, ...]) == found
