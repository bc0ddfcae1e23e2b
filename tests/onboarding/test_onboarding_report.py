"""The organisation-wide compliance report: every finding, with its rule, as rows for notebooks."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import carerules as cr
from carerules.strategies import instants, ready_to_start
from tests.conftest import london
from tests.onboarding.test_onboarding_readiness import ready_ada

AT = london(2026, 4, 10, 9)


def organisation() -> dict[str, Any]:
    ada, ada_contract, training = ready_ada()  # first session 2026-03-20, no final risk assessment
    toileting = cr.Task(cr.Activity.TOILETING, cr.HelpKind.PHYSICAL_ASSISTANCE, cr.Place.OWN_HOME)
    ben_plan = cr.ServicePlan(date(2026, 3, 1), care_needs=(cr.CareNeed(toileting),))
    ben = cr.PersonalFile("su-ben", date_of_birth=date(2019, 1, 1), epilepsy=False, service_plan=ben_plan)
    assert ada.service_plan is not None
    lunch = cr.Task(cr.Activity.EATING_DRINKING, cr.HelpKind.PROMPTING_AND_SUPERVISION, cr.Place.OWN_HOME)
    cy = attrs.evolve(
        ada,
        service_user="su-cy",
        first_session=date(2025, 3, 1),
        welcome_meeting_attendees=("su-cy", "st-kim", "st-lee"),
        service_plan=attrs.evolve(ada.service_plan, written_on=date(2025, 2, 1), care_needs=(cr.CareNeed(lunch),)),
        risk_assessments=(cr.RiskAssessment("outings", cr.RiskAssessmentStage.FINAL, date(2025, 3, 10)),),
        assessment_copies=(cr.AssessmentCopy("personal budget plan", date(2025, 2, 1), date(2025, 2, 20)),),
    )
    dee = attrs.evolve(ada, service_user="su-dee", first_session=date(2026, 4, 1), assessment_copies=())
    cy_contract = attrs.evolve(ada_contract, id="c-cy", service_user="su-cy")
    prompt = cr.MedicationEvent(
        "m-1", london(2026, 4, 2, 16), cr.MedicationSupport.PROMPT, "paracetamol", cr.MedicationForm.TABLET
    )
    # Recorded, but a prompt for a liquid is not allowed (Compliance / Medication).
    liquid = cr.MedicationEvent(
        "m-2", london(2026, 4, 2, 17), cr.MedicationSupport.PROMPT, "movicol", cr.MedicationForm.LIQUID
    )
    liquid_record = cr.MedicationRecord(liquid.at, liquid.support, liquid.medication)
    return {
        "files": [ada, ben, cy, dee],
        "contracts": [ada_contract, cy_contract],
        "training": training,
        "feedback_forms": [cr.FeedbackForm("su-cy", date(2025, 4, 1))],
        "medication": [cr.MedicationLog("su-cy", (prompt, liquid), (liquid_record,))],
    }


def test_the_report_shows_one_of_each_finding_with_its_rule() -> None:
    report = cr.compliance_report(cr.BUDDIES, AT, **organisation())
    kinds = {f.kind for f in report.findings}
    assert kinds == set(cr.FindingKind)
    assert report.not_ready == ("su-ben",)
    [overdue_ra] = [f for f in report.of_kind(cr.FindingKind.OVERDUE) if f.service_user == "su-ada"]
    assert overdue_ra.rule_id == "compliance.final-risk-assessment"
    assert overdue_ra.due_by == london(2026, 4, 4)
    assert overdue_ra.overdue_by == timedelta(days=6, hours=9)
    [feedback] = [f for f in report.of_kind(cr.FindingKind.OVERDUE) if f.service_user == "su-cy"]
    assert feedback.rule_id == "compliance.feedback-yearly"
    [medication] = report.of_kind(cr.FindingKind.MEDICATION_RECORD)
    assert medication.rule_id == "medication.record-prompt"
    [escalated] = report.of_kind(cr.FindingKind.PERSONAL_CARE)
    assert (escalated.service_user, escalated.rule_id) == ("su-ben", "onboarding.plan-needs.personal-care")
    assert escalated.detail.endswith("is personal care: refuse it and tell the CEO at once")
    assert report.escalated == ("su-ben",)
    [unclear] = report.of_kind(cr.FindingKind.CARE_UNCLEAR)
    assert (unclear.service_user, unclear.rule_id) == ("su-cy", "onboarding.plan-needs.unclear")
    [due] = report.of_kind(cr.FindingKind.DUE)
    assert (due.service_user, due.due_by) == ("su-dee", london(2026, 4, 16))
    training = report.of_kind(cr.FindingKind.TRAINING)
    assert {(f.service_user, f.staff) for f in training} == {
        ("su-ada", "st-kim"),
        ("su-ada", "st-lee"),
        ("su-cy", "st-kim"),
        ("su-cy", "st-lee"),
    }
    assert [f.service_user for f in report.of_kind(cr.FindingKind.DOCUMENT)] == ["su-ada"]
    for f in report.findings:
        assert cr.BUDDIES.source_for(f.rule_id) == f.source


def test_rows_are_plain_dicts_for_notebooks() -> None:
    report = cr.compliance_report(cr.BUDDIES, AT, **organisation())
    rows = report.rows()
    assert len(rows) == len(report.findings)
    assert set(rows[0]) == {
        "service_user",
        "kind",
        "rule_id",
        "source",
        "detail",
        "staff",
        "due_by",
        "overdue_hours",
        "would_change",
    }
    assert all(isinstance(r["kind"], str) for r in rows)
    text = report.render(cr.BUDDIES)
    assert "su-ben" in text
    assert "onboarding.registration-meeting" in text


def test_a_ready_person_before_their_first_session_has_nothing_but_to_dos() -> None:
    ada, contract, training = ready_ada()
    findings = cr.service_user_findings(ada, cr.BUDDIES, london(2026, 3, 1), contract=contract, training=training)
    assert {f.kind for f in findings} == {cr.FindingKind.DOCUMENT, cr.FindingKind.TRAINING}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"files": [cr.PersonalFile("su-ada"), cr.PersonalFile("su-ada")]}, "files"),
        ({"medication": [cr.MedicationLog("su-zed")]}, "medication"),
    ],
)
def test_inconsistent_organisation_data_is_refused(changes: dict[str, object], field: str) -> None:
    data = {**organisation(), **changes}
    with pytest.raises(cr.InvalidInput) as err:
        cr.compliance_report(cr.BUDDIES, AT, **data)
    assert err.value.field == field


def test_a_contract_without_a_file_is_refused() -> None:
    data = organisation()
    with pytest.raises(cr.InvalidInput) as err:
        cr.compliance_report(cr.BUDDIES, AT, files=data["files"][:1], contracts=data["contracts"])
    assert err.value.field == "contracts"


@settings(max_examples=50)
@given(ready_to_start(), instants())
def test_a_ready_file_never_shows_as_not_ready(
    case: tuple[cr.PersonalFile, cr.Contract, cr.TrainingRecords], at: datetime
) -> None:
    file, contract, training = case
    report = cr.compliance_report(cr.BUDDIES, at, files=[file], contracts=[contract], training=training)
    assert report.not_ready == ()
    assert all(f.service_user == file.service_user for f in report.findings)


@settings(max_examples=50)
@given(st.lists(st.sampled_from(["su-a", "su-b", "su-c", "su-d"]), unique=True), instants())
def test_every_file_gets_a_row_in_the_text_even_with_nothing_outstanding(ids: list[str], at: datetime) -> None:
    files = [cr.PersonalFile(i) for i in ids]
    report = cr.compliance_report(cr.BUDDIES, at, files=files)
    assert report.service_users == tuple(ids)
    assert set(report.not_ready) == set(ids)


def test_medication_logs_with_everything_recorded_add_nothing() -> None:
    event = cr.MedicationEvent("m-1", AT, cr.MedicationSupport.PROMPT, "paracetamol", cr.MedicationForm.TABLET)
    record = cr.MedicationRecord(AT, cr.MedicationSupport.PROMPT, "Paracetamol")
    assert cr.medication_findings(cr.MedicationLog("su-ada", (event,), (record,)), file=cr.PersonalFile("su-ada")) == ()
    slot = cr.WeeklySlot(cr.Weekday.MONDAY, time(9), timedelta(hours=2))
    assert slot.describe() == "monday 09:00, 2 h (day)"
