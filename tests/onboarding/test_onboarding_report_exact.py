"""Whole answers of the compliance report (docs/quality.md, mutation testing).

``004_82faaa97975dc483.txt``: "How do we get started?" (readiness before the
first session, final risk assessments within 14 days of it, copies of other
assessments), "Maintaining Standards" (a yearly feedback form, training
booked at the earliest opportunity) and "Medication" (every prompt
recorded). The report at one instant is pinned line by line, with its rows
and its refusals; the expected figures are worked out in the comments.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest

import carerules as cr
from tests.conftest import london
from tests.onboarding.test_onboarding_people import ADA, staff
from tests.onboarding.test_onboarding_readiness import ready_ada
from tests.onboarding.test_onboarding_report import AT, organisation

FIRST_AID = "'first aid' not completed; book at the earliest opportunity [compliance.training-outstanding]"
TOILETING = (
    "care need 1 (physical assistance with toileting at home) is personal care: refuse it and tell the CEO at once"
)


@pytest.mark.tz
def test_the_report_at_one_instant_reads_line_by_line() -> None:
    """At 09:00 BST on 10 April 2026.

    Ada: first session 20 March, finals due by the end of 3 April, so 6 days
    9 hours overdue, the swimming topic open. Ben: no first session, so every unmet condition, and his plan's
    toileting need escalated. Cy: plan need unclear after the start; last
    form 1 April 2025, due 1 April 2026, overdue since that day ended, 8 days
    9 hours. Dee: first session 1 April, finals due by the end of 15 April,
    5 days 15 hours left.
    """
    report = cr.compliance_report(cr.BUDDIES, AT, **organisation())
    assert report.render(cr.BUDDIES).splitlines() == [
        "Compliance at 2026-04-10 09:00 +01:00",
        "  su-ada: 4 finding(s)",
        "    - overdue: first session 2026-03-20; no final risk assessment on file; still open: swimming;"
        " overdue by 6 days 9 h (a final risk assessment for swimming on file by the end of 2026-04-03 would have"
        " met the deadline) [compliance.final-risk-assessment]",
        "    - document-outstanding: copy of EHCP requested 2026-02-02, not yet received"
        " [onboarding.other-assessments]",
        f"    - training-outstanding (st-kim): {FIRST_AID}",
        f"    - training-outstanding (st-lee): {FIRST_AID}",
        "  su-ben: 10 finding(s)",
        f"    - personal-care-escalated: {TOILETING} [onboarding.plan-needs.personal-care]",
        "    - not-ready: no registration meeting on file; Information Pack not completed"
        " [onboarding.registration-meeting]",
        "    - not-ready: no record of the Terms and Conditions being given [onboarding.terms-given]",
        "    - not-ready: no key worker and spare chosen (no contract); pre-start training is checked once they are"
        " [onboarding.key-worker-and-spare]",
        "    - not-ready: no welcome meeting on file (not needed if the key worker attended the registration meeting)"
        " [onboarding.welcome-meeting]",
        "    - not-ready: the Service Plan of 2026-03-01 gives no activities or session hours"
        " [onboarding.service-plan.contents]",
        f"    - not-ready: {TOILETING} [onboarding.plan-needs.personal-care]",
        "    - not-ready: no risk assessment on file [onboarding.initial-risk-assessments]",
        "    - not-ready: no primary or secondary contact recorded [onboarding.contacts]",
        "    - not-ready: cannot confirm aged 8 or over [onboarding.minimum-age]",
        "  su-cy: 6 finding(s)",
        "    - care-need-unclear: care need 1 (prompting and supervision with eating or drinking at home) is unclear"
        " under the care rules: ask management and put the answer on file [onboarding.plan-needs.unclear]",
        "    - overdue: last form sent 2025-04-01; next was due on 2026-04-01, overdue by 8 days 9 h"
        " [compliance.feedback-yearly]",
        f"    - training-outstanding (st-kim): {FIRST_AID}",
        f"    - training-outstanding (st-lee): {FIRST_AID}",
        "    - medication-not-allowed: prompt (liquid) at 2026-04-02T17:00:00+01:00 (m-2) happened but was not allowed"
        " on 2026-04-02: the medication is a liquid, not a tablet or capsule: staff may not prompt for it"
        " (a tablet or capsule could be prompted) [medication.prompt-form]",
        "    - medication-record-missing: prompt at 2026-04-02T16:00:00+01:00 (m-1) is not on the medication record"
        " [medication.record-prompt]",
        "  su-dee: 1 finding(s)",
        "    - due: first session 2026-04-01; no final risk assessment on file; still open: swimming; 5 days 15 h left"
        " (overdue from 2026-04-16 00:00 +01:00) [compliance.final-risk-assessment]",
    ]


def test_rows_carry_every_field_of_a_finding() -> None:
    report = cr.compliance_report(cr.BUDDIES, AT, **organisation())
    rows = report.rows()
    assert rows[0] == {
        "service_user": "su-ada",
        "kind": "overdue",
        "rule_id": "compliance.final-risk-assessment",
        "source": "004_82faaa97975dc483.txt, § How do we get started?",
        "detail": "first session 2026-03-20; no final risk assessment on file; still open: swimming;"
        " overdue by 6 days 9 h",
        "staff": None,
        "due_by": london(2026, 4, 4),
        "overdue_hours": 153.0,
        "would_change": "a final risk assessment for swimming on file by the end of 2026-04-03"
        " would have met the deadline",
    }
    assert rows[2]["staff"] == "st-kim"
    assert rows[-1]["due_by"] == london(2026, 4, 16)
    assert rows[-1]["overdue_hours"] is None
    assert [f.kind for f in report.for_service_user("su-dee")] == [cr.FindingKind.DUE]


def test_someone_with_nothing_outstanding_says_so() -> None:
    ada, contract, _ = ready_ada()
    done = {"first aid": date(2026, 1, 1), "epilepsy awareness": date(2026, 1, 1)}
    report = cr.compliance_report(
        cr.BUDDIES,
        london(2026, 3, 1),
        files=[attrs.evolve(ada, assessment_copies=())],
        contracts=[contract],
        training={"st-kim": done, "st-lee": done},
    )
    assert report.findings == ()
    assert report.render(cr.BUDDIES) == "Compliance at 2026-03-01 00:00 +00:00\n  su-ada: nothing outstanding"


def test_duties_start_on_the_local_day_of_the_first_session() -> None:
    """Dee's first session is 1 April: from midnight that day readiness gives way to the 14-day deadline."""
    dee = organisation()["files"][3]
    on_the_day = cr.compliance_report(cr.BUDDIES, london(2026, 4, 1), files=[dee])
    assert [(f.kind, f.due_by) for f in on_the_day.findings] == [(cr.FindingKind.DUE, london(2026, 4, 16))]
    # The evening before, readiness still applies: without a contract there is no key worker and spare.
    the_evening_before = cr.compliance_report(cr.BUDDIES, london(2026, 3, 31, 23, 59), files=[dee])
    assert [(f.kind, f.rule_id) for f in the_evening_before.findings] == [
        (cr.FindingKind.NOT_READY, "onboarding.key-worker-and-spare")
    ]


def test_without_a_form_sent_the_feedback_form_is_due_a_year_after_the_first_session() -> None:
    ada, _, _ = ready_ada()
    eve = attrs.evolve(
        ada,
        service_user="su-eve",
        first_session=date(2025, 1, 10),
        risk_assessments=(cr.RiskAssessment("outings", cr.RiskAssessmentStage.FINAL, date(2025, 1, 20)),),
        assessment_copies=(),
    )
    report = cr.compliance_report(cr.BUDDIES, london(2026, 1, 12), files=[eve])
    assert [(f.kind, f.detail) for f in report.findings] == [
        (
            cr.FindingKind.OVERDUE,
            "no form sent yet; service started 2025-01-10; next was due on 2026-01-10, overdue by 24 h",
        )
    ]


def test_readiness_decided_elsewhere_replaces_the_default_check() -> None:
    """With the pair check, Kim is already key worker for someone else (capacity 1): Ada is not ready."""
    ada, contract, training = ready_ada()
    decision = cr.readiness_with_staff(
        ada, cr.BUDDIES, user=ADA, contract=contract, staff=staff(), existing=[cr.Match("su-zed", "st-kim", "st-lee")]
    )
    before = london(2026, 3, 1)
    default = cr.compliance_report(cr.BUDDIES, before, files=[ada], contracts=[contract], training=training)
    assert default.not_ready == ()
    given = cr.compliance_report(
        cr.BUDDIES, before, files=[ada], contracts=[contract], training=training, readiness={"su-ada": decision}
    )
    assert given.not_ready == ("su-ada",)
    assert [f.rule_id for f in given.of_kind(cr.FindingKind.NOT_READY)] == ["onboarding.key-worker-and-spare"]


@pytest.mark.parametrize(
    ("change", "refusal"),
    [
        ({"files": "twice"}, ("files", ["su-ada"], "one personal file per Service User")),
        (
            {"contracts": "orphan"},
            ("contracts", ["su-zed"], "contracts only for Service Users with a personal file"),
        ),
        (
            {"readiness": "stray"},
            ("readiness", ["su-zed"], "readiness decisions only for Service Users with a personal file"),
        ),
        (
            {"medication": "stray"},
            ("medication", "su-zed", "medication logs only for Service Users with a file"),
        ),
    ],
)
def test_refusals_name_the_field_the_value_and_what_was_expected(
    change: dict[str, str], refusal: tuple[str, object, str]
) -> None:
    ada, contract, _ = ready_ada()
    arguments: dict[str, Any] = {"files": [ada, cr.PersonalFile("su-ben")]}
    if change.get("files"):
        arguments["files"] = [ada, ada]
    if change.get("contracts"):
        arguments["contracts"] = [contract, attrs.evolve(contract, id="c-zed", service_user="su-zed")]
    if change.get("readiness"):
        arguments["readiness"] = {"su-zed": cr.check_readiness(cr.PersonalFile("su-zed"), cr.BUDDIES)}
    if change.get("medication"):
        arguments["medication"] = [cr.MedicationLog("su-zed")]
    with pytest.raises(cr.InvalidInput) as err:
        cr.compliance_report(cr.BUDDIES, AT, **arguments)
    assert (err.value.field, err.value.value, err.value.expected) == refusal


def test_an_instant_with_no_local_date_is_refused_naming_it() -> None:
    end_of_time = datetime(9999, 12, 31, 23, tzinfo=ZoneInfo("America/New_York"))
    ada, _, _ = ready_ada()
    with pytest.raises(cr.InvalidInput) as err:
        cr.compliance_report(cr.BUDDIES, end_of_time, files=[ada])
    assert (err.value.field, err.value.value) == ("at", end_of_time)
    with pytest.raises(cr.InvalidInput) as err:
        cr.service_user_findings(ada, cr.BUDDIES, end_of_time)
    assert (err.value.field, err.value.value) == ("at", end_of_time)
