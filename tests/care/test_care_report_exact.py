"""Whole answers of the care section of a report (docs/quality.md, mutation testing).

``004_82faaa97975dc483.txt``: the legal definition of personal care and the
tasks named as permitted, medication (prompts only for tablets and capsules,
administration only with a documented procedure, every event recorded, an
individual epilepsy procedure before sessions begin) and physical contact
(never assumed appropriate). Two Service Users' questions, the same as the
bundled example's, are answered and pinned line by line and row by row.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs
import pytest

import carerules as cr
from carerules._care._report import CareCase, care_report
from carerules.serialisation import from_data
from tests.conftest import london

AMY: dict[str, Any] = {
    "service_user": "su-amy",
    "tasks": [
        {"id": "amy-hair", "activity": "brushing-hair", "help": "physical-assistance", "place": "elsewhere"},
        {"id": "amy-toilet", "activity": "toileting", "help": "prompting-and-supervision", "place": "own-home"},
    ],
    "medication_file": {"service_user": "su-amy", "epilepsy": True},
    "medication_requests": [{"medication": "paracetamol", "form": "tablet", "support": "prompt"}],
    "medication_requests_on": "2027-03-10",
    "contact_plan": {"service_user": "su-amy", "appropriate": ["handshake"], "ruled_out": ["hug"]},
    "contacts": ["handshake", "hug"],
}
BEN: dict[str, Any] = {
    "service_user": "su-ben",
    "tasks": [
        {
            "id": "ben-wash",
            "activity": "washing-bathing",
            "help": "physical-assistance",
            "place": "own-home",
            "can_decide": "no",
        },
        {"activity": "nail-care", "help": "physical-assistance", "place": "own-home", "by_podiatrist": True},
    ],
    "medication_file": {
        "service_user": "su-ben",
        "procedures": [{"medication": "melatonin", "form": "liquid", "filed_on": "2027-02-20"}],
    },
    "medication_requests": [
        {"medication": "melatonin", "form": "liquid", "support": "administration"},
        {"medication": "movicol", "form": "liquid", "support": "prompt"},
    ],
    "medication_requests_on": "2027-03-04",
    "medication_events": [
        {
            "id": "ben-m1",
            "at": "2027-03-04T19:00:00+00:00[Europe/London]",
            "support": "administration",
            "medication": "melatonin",
            "form": "liquid",
        },
        {
            "id": "ben-m2",
            "at": "2027-03-04T17:30:00+00:00[Europe/London]",
            "support": "inhaler-use",
            "medication": "salbutamol",
            "form": "inhaler",
        },
        {
            "id": "ben-m3",
            "at": "2027-03-11T16:00:00+00:00[Europe/London]",
            "support": "prompt",
            "medication": "movicol",
            "form": "liquid",
        },
        {
            "id": "ben-m4",
            "at": "2027-03-11T07:00:00+00:00[Europe/London]",
            "support": "inhaler-use",
            "medication": "salbutamol",
            "form": "inhaler",
        },
    ],
    "medication_records": [
        {"at": "2027-03-04T19:00:00+00:00[Europe/London]", "support": "administration", "medication": "Melatonin"},
        {"at": "2027-03-11T16:00:00+00:00[Europe/London]", "support": "prompt", "medication": "Movicol"},
    ],
    "contacts": ["guiding-by-touch"],
}


#: Ben's sessions in the bundled example (15:30 to 20:30 on Thursdays): the times the service is responsible for him.
BEN_SESSIONS = tuple(
    cr.Session(f"ben-{day:02}", "su-ben", london(2027, 3, day, 15, 30), london(2027, 3, day, 20, 30))
    for day in (4, 11, 18, 25)
)


def _report(case: dict[str, Any]) -> cr.CareReport:
    return care_report(from_data(case, CareCase), cr.BUDDIES, sessions=BEN_SESSIONS)


def test_amys_questions_read_line_by_line() -> None:
    assert _report(AMY).render().splitlines() == [
        "Care boundaries for su-amy",
        "  task amy-hair: physical-assistance with brushing hair (place elsewhere, can decide unknown):"
        " permitted (staff may do it)",
        "      [care.personal-care.physical-assistance] physical assistance with brushing hair"
        " (part of care of hair); set aside by care.permitted.brushing-hair",
        "      [care.permitted.brushing-hair] brushing hair is named as permitted",
        "  task amy-toilet: prompting-and-supervision with toileting (place own-home, can decide unknown):"
        " unclear (ask management before doing it)",
        "      [care.personal-care.unclear] prompting and supervision with toileting:"
        " the definition does not settle it; ask management",
        "      missing: whether the person can decide to do toileting without prompting and supervision",
        "  medication request 1: prompt (tablet) on 2027-03-10: allowed; record it",
        "      [medication.prompt-form] the medication is a tablet: staff may prompt or remind"
        " (any form other than a tablet or capsule would be refused)",
        "      [medication.record-prompt] write the prompt down on the medication forms",
        "  epilepsy procedure: MISSING: sessions may not begin",
        "      [medication.epilepsy-procedure] epilepsy recorded but no individual management procedure"
        " on file: sessions may not begin (filing an individual epilepsy procedure would meet this)",
        "      missing: an individual epilepsy management procedure in the Service User File",
        "  contact handshake: appropriate",
        "      [contact.not-assumed] handshake is not assumed appropriate; set aside by contact.plan-appropriate",
        "      [contact.plan-appropriate] the plan for su-amy lists handshake as appropriate",
        "  contact hug: not-appropriate",
        "      [contact.not-assumed] hug is not assumed appropriate; set aside by contact.plan-rules-out",
        "      [contact.plan-rules-out] the plan for su-amy rules out hug",
    ]


def test_bens_questions_read_line_by_line() -> None:
    assert _report(BEN).render().splitlines() == [
        "Care boundaries for su-ben",
        "  task ben-wash: physical-assistance with washing or bathing (place own-home, can decide no):"
        " personal-care (refuse and tell the CEO at once)",
        "      [care.personal-care.physical-assistance] physical assistance with washing or bathing",
        "      [care.personal-care.escalate] refuse washing or bathing and tell the CEO at once",
        "  task physical-assistance with nail care (place own-home, can decide unknown, by a podiatrist):"
        " podiatrist-task (not personal care, and not for staff: the chiropodist or podiatrist does it)",
        "      [care.personal-care.physical-assistance] physical assistance with nail care"
        " (part of care of nails); set aside by care.personal-care.nail-care-by-podiatrist",
        "      [care.personal-care.nail-care-by-podiatrist] the nail care is given by a chiropodist or podiatrist,"
        " so it is not personal care",
        "      [care.personal-care.podiatrist-task] nail care by a chiropodist or podiatrist is their task,"
        " not staff's",
        "  medication request 1: administration (liquid) on 2027-03-04: allowed; record it",
        "      [medication.administration-procedure] a documented procedure for it as a liquid was filed on 2027-02-20,"
        " on file by 2027-03-04",
        "      [medication.record-administration] write the administration on the medication record",
        "  medication request 2: prompt (liquid) on 2027-03-04: refused",
        "      [medication.prompt-form] the medication is a liquid, not a tablet or capsule:"
        " staff may not prompt for it (a tablet or capsule could be prompted)",
        "  epilepsy procedure: no blocker",
        "      [medication.epilepsy-procedure] no epilepsy recorded: no individual procedure needed",
        "  medication record: 2 of 3 event(s) needing a record recorded; 1 event(s) not allowed;"
        " 1 inhaler use(s) outside the service's responsibility",
        "      [medication.prompt-form] prompt (liquid) at 2027-03-11T16:00:00+00:00 (ben-m3) happened but was not"
        " allowed on 2027-03-11: the medication is a liquid, not a tablet or capsule: staff may not prompt for it"
        " (a tablet or capsule could be prompted)",
        "      [medication.record-inhaler] inhaler-use at 2027-03-04T17:30:00+00:00 (ben-m2)"
        " is not on the medication record",
        "      [medication.inhaler-outside-responsibility] inhaler-use at 2027-03-11T07:00:00+00:00 (ben-m4) is"
        " outside every time the service was responsible for the person (4 session(s) or window(s) given):"
        " no record needed",
        "  contact guiding-by-touch: ask the leadership team",
        "      [contact.not-assumed] the plan for su-ben does not name guiding-by-touch;"
        " contact is never assumed appropriate",
    ]


def test_rows_give_one_answer_per_question_with_its_rules() -> None:
    rows = _report(BEN).rows()
    assert [(r["question"], r["answer"]) for r in rows] == [
        ("task ben-wash: physical-assistance with washing or bathing (place own-home, can decide no)", "personal-care"),
        (
            "task physical-assistance with nail care (place own-home, can decide unknown, by a podiatrist)",
            "podiatrist-task",
        ),
        ("medication administration (liquid) on 2027-03-04", "allowed"),
        ("medication prompt (liquid) on 2027-03-04", "refused"),
        ("epilepsy procedure", "ready"),
        ("medication record", "1 unrecorded, 1 not allowed"),
        ("contact guiding-by-touch", "ask"),
    ]
    assert {r["service_user"] for r in rows} == {"su-ben"}
    assert rows[0]["rules"] == "care.personal-care.physical-assistance, care.personal-care.escalate"
    assert rows[5]["rules"] == (
        "medication.prompt-form, medication.record-inhaler, medication.inhaler-outside-responsibility"
    )
    amy = _report(AMY).rows()
    assert [(r["question"], r["answer"]) for r in amy][-4:] == [
        ("medication prompt (tablet) on 2027-03-10", "allowed"),
        ("epilepsy procedure", "blocked"),
        ("contact handshake", "appropriate"),
        ("contact hug", "not-appropriate"),
    ]


def test_without_a_file_or_plan_medication_meets_an_empty_file_and_contact_is_referred() -> None:
    case = CareCase(
        "su-cy",
        medication_requests=from_data(
            [{"medication": "melatonin", "form": "liquid", "support": "administration"}],
            tuple[cr.MedicationRequest, ...],
        ),
        medication_records=from_data(
            [{"at": "2027-03-04T19:00:00+00:00", "support": "administration", "medication": "melatonin"}],
            tuple[cr.MedicationRecord, ...],
        ),
        contacts=("hug",),
        medication_requests_on=date(2027, 3, 4),
    )
    report = care_report(case, cr.BUDDIES)
    assert report.epilepsy is None
    assert report.medication[0].answer.answer.value == "refused"
    assert report.records is not None
    assert report.records.answer.complete
    assert report.render().splitlines() == [
        "Care boundaries for su-cy",
        "  medication request 1: administration (liquid) on 2027-03-04: refused; ask the leadership team",
        "      [medication.administration-procedure] no documented procedure for this medication in the"
        " person's file: refuse and ask the leadership team"
        " (a documented procedure for it in the file would allow administration)",
        "  medication record: 0 of 0 event(s) needing a record recorded",
        "      [medication.record-prompt] no prompt, inhaler use or administration happened: nothing to record",
        "  contact hug: ask the leadership team",
        "      [contact.not-assumed] the plan for su-cy does not name hug; contact is never assumed appropriate",
    ]
    assert [(r["question"], r["answer"]) for r in report.rows()] == [
        ("medication administration (liquid) on 2027-03-04", "refused"),
        ("medication record", "complete"),
        ("contact hug", "ask"),
    ]
    nothing = care_report(CareCase("su-cy"), cr.BUDDIES)
    assert (nothing.records, nothing.rows(), nothing.render()) == (None, [], "Care boundaries for su-cy")


@pytest.mark.parametrize("field", ["medication_file", "contact_plan"])
def test_a_file_or_plan_of_someone_else_is_refused(field: str) -> None:
    held = cr.MedicationFile("su-zed") if field == "medication_file" else cr.ContactPlan("su-zed")
    with pytest.raises(cr.InvalidInput) as err:
        CareCase("su-amy", **{field: held})  # type: ignore[arg-type]
    assert (err.value.field, err.value.value, err.value.expected) == (
        f"care.{field}.service_user",
        "su-zed",
        "'su-amy', whose case this is",
    )


def test_answers_that_do_not_match_their_questions_are_refused() -> None:
    report = _report(BEN)
    with pytest.raises(cr.InvalidInput) as err:
        attrs.evolve(report, medication=report.medication[:1])
    assert (err.value.field, err.value.value, err.value.expected) == (
        "medication",
        1,
        "one decision per medication request (2)",
    )


def test_medication_requests_need_the_date_they_are_for() -> None:
    """Compliance / Medication: a request is judged on a date (a procedure counts only once on file)."""
    request = cr.MedicationRequest("melatonin", cr.MedicationForm.LIQUID, cr.MedicationSupport.ADMINISTRATION)
    with pytest.raises(cr.InvalidInput) as err:
        CareCase("su-amy", medication_requests=(request,))
    assert (err.value.field, err.value.value) == ("care.medication_requests_on", None)
    assert CareCase("su-amy", medication_requests=(request,), medication_requests_on=date(2027, 3, 4))
