"""The compliance report in linear time gives the report it gave before, finding for finding.

Issue 17, section 5 ("A compliance report for 1,000 Service Users"): the
duplicate check counts once, the training records are checked once per
report and each Service User's feedback forms are picked out once. The
reference below is the report as it used to be put together: every file
through the public per-Service-User functions, with every form and the
readiness check's own check of the training records.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import carerules as cr
from carerules.strategies import (
    completed_training,
    contracts,
    feedback_forms,
    instants,
    medication_logs,
    personal_files,
)
from tests.onboarding.test_onboarding_report import AT, organisation

USERS = ("su-ada", "su-ben", "su-cy")


def reference_report(policy: cr.Policy, at: datetime, **data: Any) -> tuple[tuple[str, ...], tuple[cr.Finding, ...]]:
    """The Service Users and findings as the report computed them before: one public call per file."""
    files = tuple(data.get("files", ()))
    by_su = {c.service_user: c for c in data.get("contracts", ())}
    training = data.get("training") or {}
    forms = tuple(data.get("feedback_forms", ()))
    findings: list[cr.Finding] = []
    for file in files:
        contract = by_su.get(file.service_user)
        readiness = cr.check_readiness(file, policy, contract=contract, training=training)
        findings.extend(
            cr.service_user_findings(
                file, policy, at, contract=contract, training=training, feedback_forms=forms, readiness=readiness
            )
        )
        for log in data.get("medication", ()):
            if log.service_user == file.service_user:
                findings.extend(cr.medication_findings(log, file=file, policy=policy))
    return tuple(f.service_user for f in files), tuple(findings)


@st.composite
def organisations(draw: st.DrawFn) -> dict[str, Any]:
    """Files for some of three Service Users, contracts for some of those, shared training, forms and logs."""
    ids = draw(st.lists(st.sampled_from(USERS), unique=True, max_size=3))
    files = [draw(personal_files(service_user=i)) for i in ids]
    signed = [i for i in ids if draw(st.booleans())]
    return {
        "files": files,
        "contracts": [draw(contracts(service_user=i)) for i in signed],
        "training": draw(completed_training()),
        "feedback_forms": draw(st.lists(feedback_forms(), max_size=4)),
        "medication": [draw(medication_logs(service_user=i)) for i in ids if draw(st.booleans())],
    }


@settings(max_examples=60)
@given(organisations(), instants(first=date(2025, 1, 1), last=date(2028, 12, 31)))
def test_compliance_report_is_finding_for_finding_the_per_file_report(data: dict[str, Any], at: datetime) -> None:
    """Issue 17 section 5 (compliance report linear): same Service Users and findings, in the same order."""
    report = cr.compliance_report(cr.BUDDIES, at, **data)
    assert (report.service_users, report.findings) == reference_report(cr.BUDDIES, at, **data)


def test_the_worked_organisation_report_is_unchanged() -> None:
    """Issue 17 section 5: the four-person organisation's report, every finding kind, as before."""
    data = organisation()
    report = cr.compliance_report(cr.BUDDIES, AT, **data)
    assert (report.service_users, report.findings) == reference_report(cr.BUDDIES, AT, **data)
    assert {f.kind for f in report.findings} == set(cr.FindingKind)


def test_duplicate_files_are_named_once_each_in_order() -> None:
    """Issue 17 section 5: the one-pass duplicate check names each repeated Service User once, sorted."""
    files = [cr.PersonalFile(i) for i in ("su-cy", "su-ada", "su-cy", "su-ben", "su-ada", "su-cy")]
    with pytest.raises(cr.InvalidInput) as err:
        cr.compliance_report(cr.BUDDIES, AT, files=files)
    assert err.value.field == "files"
    assert err.value.value == ["su-ada", "su-cy"]


def test_bad_training_records_are_still_refused_naming_the_record() -> None:
    """Issue 17 section 5: checking the training records once still refuses a bad one, naming where it is."""
    data = organisation()
    data["training"] = {**data["training"], "st-kim": {"first aid": "2026-01-01"}}
    with pytest.raises(cr.InvalidInput) as err:
        cr.compliance_report(cr.BUDDIES, AT, **data)
    assert err.value.field == "training['st-kim']['first aid']"


def test_feedback_forms_of_people_without_a_file_are_still_ignored() -> None:
    """Issue 17 section 5: grouping forms by Service User leaves forms for nobody on file out, as before."""
    data = organisation()
    with_stray = {**data, "feedback_forms": [*data["feedback_forms"], cr.FeedbackForm("su-zed", date(2025, 4, 1))]}
    before = cr.compliance_report(cr.BUDDIES, AT, **data)
    assert cr.compliance_report(cr.BUDDIES, AT, **with_stray) == before
