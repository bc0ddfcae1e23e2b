"""What happened, audited against the rules (issue 15, items 2 and 4).

``004_82faaa97975dc483.txt``, Compliance / Medication: prompts only for
tablets and capsules; administration only where the process is fully
documented; inhaler use recorded "if taken during the times we are
responsible for that individual". Every event is judged as of its own local
date by the rules ``decide_medication`` applies, recorded or not; inhaler
use needs a record only inside the service's sessions or windows.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

import carerules as cr
from carerules import MedicationForm, MedicationRoute, MedicationSupport
from tests.conftest import london

PROMPT = MedicationSupport.PROMPT
ADMINISTER = MedicationSupport.ADMINISTRATION
INHALER = MedicationSupport.INHALER_USE
LIQUID = MedicationForm.LIQUID

FILE = cr.MedicationFile("su-ben", procedures=(cr.MedicationProcedure("melatonin", LIQUID, date(2027, 2, 20)),))
SESSION = cr.Session("ben-04", "su-ben", london(2027, 3, 4, 15, 30), london(2027, 3, 4, 20, 30))


def _event(
    ident: str, at: datetime, support: MedicationSupport, medication: str, form: MedicationForm
) -> cr.MedicationEvent:
    return cr.MedicationEvent(ident, at, support, medication, form)


def _recorded(*events: cr.MedicationEvent) -> list[cr.MedicationRecord]:
    return [cr.MedicationRecord(e.at, e.support, e.medication) for e in events]


# --- Item 2: recorded is not the same as allowed ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("event", "rules"),
    [
        (
            _event("m-liquid-prompt", london(2027, 3, 4, 16), PROMPT, "movicol", LIQUID),
            ("medication.prompt-form",),
        ),
        (
            _event("m-no-procedure", london(2027, 3, 4, 17), ADMINISTER, "sertraline", MedicationForm.TABLET),
            ("medication.administration-procedure",),
        ),
        (
            _event("m-before-filing", london(2027, 2, 19, 17), ADMINISTER, "melatonin", LIQUID),
            ("medication.administration-procedure", "medication.procedure-on-file"),
        ),
        (
            _event("m-other-form", london(2027, 3, 4, 18), ADMINISTER, "melatonin", MedicationForm.INJECTION),
            ("medication.administration-procedure", "medication.procedure-form"),
        ),
    ],
    ids=["prompt-for-a-liquid", "administration-without-procedure", "before-the-procedure", "another-form"],
)
def test_a_recorded_event_the_rules_refuse_is_reported_not_allowed_compliance_medication(
    event: cr.MedicationEvent, rules: tuple[str, ...]
) -> None:
    """Compliance / Medication: a recorded prompt for a liquid, or an administration with no procedure, is not clean."""
    d = cr.check_medication_records([event], _recorded(event), file=FILE, responsible=[SESSION], policy=cr.BUDDIES)
    check = d.answer
    assert check.complete  # it is on the record...
    assert check.not_allowed == (event,)  # ...and still not allowed
    assert not check.allowed
    assert not check.clean
    assert d.rule_ids == rules
    assert all(f"({event.id}) happened but was not allowed on {event.at.date()}" in r.detail for r in d.reasons)
    assert check.rows()[0]["allowed"] is False
    assert check.rows()[0]["recorded"] is True


def test_each_event_is_judged_by_decide_medication_as_of_its_own_date() -> None:
    before = _event("m1", london(2027, 2, 19, 17), ADMINISTER, "melatonin", LIQUID)
    after = _event("m2", london(2027, 2, 20, 17), ADMINISTER, "melatonin", LIQUID)
    d = cr.check_medication_records(
        [before, after], _recorded(before, after), file=FILE, responsible=[], policy=cr.BUDDIES
    )
    assert d.answer.not_allowed == (before,)
    assert [j.answer.allowed for j in d.answer.judged] == [False, True]
    for event, judged in zip((before, after), d.answer.judged, strict=True):
        assert judged == cr.decide_medication(event.as_request(), FILE, event.at.date(), policy=cr.BUDDIES)


@pytest.mark.tz
def test_the_date_of_an_event_is_its_local_date_in_the_policys_zone() -> None:
    """00:30 BST on the filing day is still the previous day in UTC: the procedure counts (policy zone)."""
    file = cr.MedicationFile("su-ben", procedures=(cr.MedicationProcedure("melatonin", LIQUID, date(2027, 6, 2)),))
    early = _event("m1", london(2027, 6, 2, 0, 30), ADMINISTER, "melatonin", LIQUID)
    assert early.at.astimezone(UTC).date() == date(2027, 6, 1)
    in_utc = cr.MedicationEvent("m1", early.at.astimezone(UTC), ADMINISTER, "melatonin", LIQUID)
    d = cr.check_medication_records([in_utc], _recorded(in_utc), file=file, responsible=[], policy=cr.BUDDIES)
    assert d.answer.clean
    # With no policy the event's own offset gives the date: here UTC, so the day before the filing.
    bare = cr.check_medication_records([in_utc], _recorded(in_utc), file=file, responsible=[])
    assert bare.answer.not_allowed == (in_utc,)


def test_a_clean_check_says_the_events_were_allowed_and_recorded() -> None:
    given = _event("m1", london(2027, 3, 4, 19), ADMINISTER, "Melatonin", LIQUID)
    d = cr.check_medication_records([given], _recorded(given), file=FILE, responsible=[SESSION], policy=cr.BUDDIES)
    assert d.answer.clean
    assert d.explain() == (
        "[medication.record-administration] all 1 administration event(s) are on the medication record and were allowed"
    )


def test_the_compliance_report_lists_recorded_events_that_were_not_allowed() -> None:
    """Compliance / Medication, through ``compliance_report``: a recorded prompt for a liquid is a finding."""
    liquid = _event("ben-m3", london(2027, 3, 11, 16), PROMPT, "movicol", LIQUID)
    given = _event("ben-m1", london(2027, 3, 4, 19), ADMINISTER, "melatonin", LIQUID)
    log = cr.MedicationLog(
        "su-ben", (liquid, given), tuple(_recorded(liquid, given)), responsible=(cr.ResponsibilityWindow.of(SESSION),)
    )
    personal = cr.PersonalFile("su-ben", medication_procedures=FILE.procedures)
    findings = cr.medication_findings(log, file=personal, policy=cr.BUDDIES)
    assert [(f.kind, f.rule_id) for f in findings] == [
        (cr.FindingKind.MEDICATION_NOT_ALLOWED, "medication.prompt-form")
    ]
    assert findings[0].detail.startswith("prompt (liquid) at 2027-03-11T16:00:00+00:00 (ben-m3) happened but was not")
    assert findings[0].source.document == "004_82faaa97975dc483.txt"
    report = cr.compliance_report(cr.BUDDIES, london(2027, 3, 31, 18), files=[personal], medication=[log])
    assert [f.rule_id for f in report.of_kind(cr.FindingKind.MEDICATION_NOT_ALLOWED)] == ["medication.prompt-form"]
    assert "medication-not-allowed: prompt (liquid)" in report.render(cr.BUDDIES)


def test_the_compliance_report_judges_against_the_persons_own_file() -> None:
    """Without the melatonin procedure in the person's file, the recorded administration is not allowed."""
    given = _event("ben-m1", london(2027, 3, 4, 19), ADMINISTER, "melatonin", LIQUID)
    log = cr.MedicationLog(
        "su-ben", (given,), tuple(_recorded(given)), responsible=(cr.ResponsibilityWindow.of(SESSION),)
    )
    findings = cr.medication_findings(log, file=cr.PersonalFile("su-ben"), policy=cr.BUDDIES)
    assert [(f.kind.value, f.rule_id) for f in findings] == [
        ("medication-not-allowed", "medication.administration-procedure")
    ]
    with pytest.raises(cr.InvalidInput) as caught:
        cr.medication_findings(log, file=cr.PersonalFile("su-amy"))
    assert (caught.value.field, caught.value.value) == ("file.service_user", "su-amy")


# --- Item 4: inhaler records only while the service is responsible ---------------------------------------------


@pytest.mark.tz
@pytest.mark.parametrize(
    ("at", "needs_record"),
    [
        (london(2027, 3, 4, 7), False),  # 07:00, before the session: the family is responsible
        (london(2027, 3, 4, 15, 30), True),  # the session's first minute
        (london(2027, 3, 4, 17, 30), True),
        (london(2027, 3, 4, 20, 30), False),  # the session has ended
        (london(2027, 3, 4, 22), False),
    ],
    ids=["07:00-before", "at-the-start", "during", "at-the-end", "evening-after"],
)
def test_inhaler_use_needs_a_record_only_during_the_services_sessions_compliance_medication(
    at: datetime, needs_record: bool
) -> None:
    """Compliance / Medication: inhaler use is recorded "if taken during the times we are responsible"."""
    puff = _event("m1", at, INHALER, "salbutamol", MedicationForm.INHALER)
    d = cr.check_medication_records([puff], [], file=FILE, responsible=[SESSION], policy=cr.BUDDIES)
    assert (puff in d.answer.unrecorded) is needs_record
    assert (puff in d.answer.outside_responsibility) is not needs_record
    assert d.answer.complete is not needs_record
    expected = "medication.record-inhaler" if needs_record else "medication.inhaler-outside-responsibility"
    assert d.rule_ids == (expected,)
    assert d.answer.rows()[0]["needs_record"] is needs_record


def test_an_inhaler_use_at_seven_outside_any_session_is_not_reported_missing() -> None:
    puff = _event("ben-m4", london(2027, 3, 11, 7), INHALER, "salbutamol", MedicationForm.INHALER)
    d = cr.check_medication_records([puff], [], file=FILE, responsible=[SESSION], policy=cr.BUDDIES)
    assert d.answer.clean
    assert d.explain() == (
        "[medication.inhaler-outside-responsibility] inhaler-use at 2027-03-11T07:00:00+00:00 (ben-m4) is outside"
        " every time the service was responsible for the person (1 session(s) or window(s) given): no record needed"
    )
    log = cr.MedicationLog("su-ben", (puff,), responsible=(cr.ResponsibilityWindow.of(SESSION),))
    assert cr.medication_findings(log, file=cr.PersonalFile("su-ben")) == ()


def test_prompts_and_administrations_need_a_record_whenever_they_happen() -> None:
    """Only inhaler use is limited to the service's times: staff prompted or gave it, so it is written down."""
    events = [
        _event("m1", london(2027, 3, 4, 7), PROMPT, "paracetamol", MedicationForm.TABLET),
        _event("m2", london(2027, 3, 4, 7, 5), ADMINISTER, "melatonin", LIQUID),
    ]
    d = cr.check_medication_records(events, [], file=FILE, responsible=[], policy=cr.BUDDIES)
    assert d.answer.unrecorded == tuple(events)


def test_a_window_besides_the_sessions_counts_and_a_record_outside_still_matches() -> None:
    outing = cr.ResponsibilityWindow(london(2027, 3, 6, 10), london(2027, 3, 6, 12))
    inside = _event("m1", london(2027, 3, 6, 11), INHALER, "salbutamol", MedicationForm.INHALER)
    outside = _event("m2", london(2027, 3, 6, 13), INHALER, "salbutamol", MedicationForm.INHALER)
    d = cr.check_medication_records(
        [inside, outside], _recorded(outside), file=FILE, responsible=[SESSION, outing], policy=cr.BUDDIES
    )
    assert d.answer.unrecorded == (inside,)
    assert d.answer.outside_responsibility == (outside,)
    assert d.answer.extra_records == ()  # the record of the outside use matches it, it is not "extra"


@pytest.mark.tz
def test_windows_compare_instants_not_wall_clocks_on_the_night_the_clocks_go_back() -> None:
    """01:30 GMT (the second 01:30) is after a window ending 01:45 BST, though its wall clock is earlier."""
    window = cr.ResponsibilityWindow(london(2027, 10, 31, 0), london(2027, 10, 31, 1, 45))
    second = _event("m1", london(2027, 10, 31, 1, 30, fold=1), INHALER, "salbutamol", MedicationForm.INHALER)
    first = _event("m2", london(2027, 10, 31, 1, 30), INHALER, "salbutamol", MedicationForm.INHALER)
    d = cr.check_medication_records([second, first], [], file=FILE, responsible=[window], policy=cr.BUDDIES)
    assert d.answer.outside_responsibility == (second,)
    assert d.answer.unrecorded == (first,)
    in_utc = cr.ResponsibilityWindow(window.start.astimezone(UTC), window.end.astimezone(UTC) + timedelta(hours=1))
    d = cr.check_medication_records([second], [], file=FILE, responsible=[in_utc], policy=cr.BUDDIES)
    assert d.answer.unrecorded == (second,)


def test_sessions_and_windows_are_accepted_alike() -> None:
    puff = _event("m1", london(2027, 3, 4, 17, 30), INHALER, "salbutamol", MedicationForm.INHALER)
    by_session = cr.check_medication_records([puff], [], file=FILE, responsible=[SESSION])
    by_window = cr.check_medication_records([puff], [], file=FILE, responsible=[cr.ResponsibilityWindow.of(SESSION)])
    assert by_session == by_window
    assert cr.ResponsibilityWindow.of(SESSION) == cr.ResponsibilityWindow(SESSION.start, SESSION.end)


def test_the_care_report_takes_the_persons_sessions_only() -> None:
    """``care_report(..., sessions=...)``: another person's session does not make the service responsible."""
    puff = _event("m1", london(2027, 3, 4, 17, 30), INHALER, "salbutamol", MedicationForm.INHALER)
    case = cr.CareCase("su-ben", medication_events=(puff,))
    other = cr.Session("amy-04", "su-amy", SESSION.start, SESSION.end)
    assert cr.care_report(case, cr.BUDDIES, sessions=[other]).records.answer.outside_responsibility == (puff,)  # type: ignore[union-attr]
    assert cr.care_report(case, cr.BUDDIES, sessions=[SESSION]).records.answer.unrecorded == (puff,)  # type: ignore[union-attr]
    with_window = cr.CareCase("su-ben", medication_events=(puff,), responsible=(cr.ResponsibilityWindow.of(SESSION),))
    assert cr.care_report(with_window, cr.BUDDIES).records.answer.unrecorded == (puff,)  # type: ignore[union-attr]


def test_a_route_on_an_event_is_judged_like_a_request() -> None:
    file = cr.MedicationFile(
        "su-ada",
        procedures=(cr.MedicationProcedure("midazolam", LIQUID, date(2027, 1, 1), route=MedicationRoute.BUCCAL),),
    )
    buccal = cr.MedicationEvent(
        "m1", london(2027, 3, 1, 12), ADMINISTER, "midazolam", LIQUID, route=MedicationRoute.BUCCAL
    )
    nasal = cr.MedicationEvent(
        "m2", london(2027, 3, 1, 13), ADMINISTER, "midazolam", LIQUID, route=MedicationRoute.NASAL
    )
    d = cr.check_medication_records([buccal, nasal], _recorded(buccal, nasal), file=file, responsible=[])
    assert d.answer.not_allowed == (nasal,)
    assert d.rule_ids == ("medication.administration-procedure", "medication.procedure-form")
