"""Medication: the Buddies policy (``004_82faaa97975dc483.txt``), Compliance / Medication."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

import carerules as cr
from carerules import MedicationForm, MedicationRequest, MedicationRoute, MedicationSupport
from tests.conftest import london

PROMPT = MedicationSupport.PROMPT
ADMINISTER = MedicationSupport.ADMINISTRATION
INHALER = MedicationSupport.INHALER_USE
LIQUID = MedicationForm.LIQUID

FILE = cr.MedicationFile(
    "su-ada",
    procedures=(cr.MedicationProcedure("Buccal Midazolam", LIQUID, date(2027, 2, 1), route=MedicationRoute.BUCCAL),),
    epilepsy=True,
    epilepsy_procedure_filed=date(2027, 2, 1),
)
EMPTY = cr.MedicationFile("su-ben")
ON = date(2027, 3, 1)


@pytest.mark.parametrize("form", [MedicationForm.TABLET, MedicationForm.CAPSULE])
def test_prompting_a_tablet_or_capsule_is_allowed_and_must_be_recorded(form: MedicationForm) -> None:
    """Compliance / Medication: prompts only for tablets and capsules, each one written down."""
    d = cr.decide_medication(MedicationRequest("paracetamol", form, PROMPT), EMPTY, ON, policy=cr.BUDDIES)
    assert d.answer.allowed
    assert d.answer.must_record
    assert not d.answer.ask_adviser
    assert d.rule_ids == ("medication.prompt-form", "medication.record-prompt")


@pytest.mark.parametrize("form", [MedicationForm.LIQUID, MedicationForm.INHALER, MedicationForm.CREAM])
def test_prompting_any_other_form_is_refused_with_the_reason(form: MedicationForm) -> None:
    d = cr.decide_medication(MedicationRequest("movicol", form, PROMPT), FILE, ON, policy=cr.BUDDIES)
    assert d.answer.answer is cr.MedicationAnswer.REFUSED
    article = "an" if form is MedicationForm.INHALER else "a"
    assert f"the medication is {article} {form.value}, not a tablet or capsule" in d.reasons[0].detail
    assert d.reasons[0].would_change == "a tablet or capsule could be prompted"


def test_inhaler_use_during_the_service_is_recorded_on_the_medication_sheet() -> None:
    request = MedicationRequest("salbutamol", MedicationForm.INHALER, INHALER)
    d = cr.decide_medication(request, EMPTY, ON, policy=cr.BUDDIES)
    assert d.answer.allowed
    assert d.answer.must_record
    assert d.rule_ids == ("medication.record-inhaler",)


def test_administration_with_a_documented_procedure_is_allowed_and_recorded() -> None:
    """Compliance / Medication: administration follows a documented procedure; names match ignoring case."""
    request = MedicationRequest("buccal  midazolam", LIQUID, ADMINISTER, route=MedicationRoute.BUCCAL)
    d = cr.decide_medication(request, FILE, ON, policy=cr.BUDDIES)
    assert d.answer.allowed
    assert d.answer.must_record
    assert d.rule_ids == ("medication.administration-procedure", "medication.record-administration")
    assert "2027-02-01" in d.reasons[0].detail


def test_administration_without_a_documented_procedure_is_refused_ask_the_leadership_team() -> None:
    d = cr.decide_medication(
        MedicationRequest("sertraline", MedicationForm.TABLET, ADMINISTER), FILE, ON, policy=cr.BUDDIES
    )
    assert not d.answer.allowed
    assert d.answer.ask_adviser
    assert "ask the leadership team" in d.explain()


# --- Item 3: a procedure counts from the day it is filed, for the form (and route) it documents -------------------

MELATONIN_LIQUID = cr.MedicationProcedure("melatonin", LIQUID, date(2026, 5, 1))


@pytest.mark.parametrize(
    ("filed_on", "on", "allowed", "rules"),
    [
        (
            date(2030, 1, 1),
            date(2026, 5, 1),
            False,
            ("medication.administration-procedure", "medication.procedure-on-file"),
        ),
        (
            date(2026, 5, 2),
            date(2026, 5, 1),
            False,
            ("medication.administration-procedure", "medication.procedure-on-file"),
        ),
        (
            date(2026, 5, 1),
            date(2026, 5, 1),
            True,
            ("medication.administration-procedure", "medication.record-administration"),
        ),
        (
            date(2026, 4, 30),
            date(2026, 5, 1),
            True,
            ("medication.administration-procedure", "medication.record-administration"),
        ),
    ],
    ids=["filed-2030-support-2026", "filed-the-day-after", "filed-that-day", "filed-the-day-before"],
)
def test_a_procedure_counts_only_once_it_is_on_file_compliance_medication(
    filed_on: date, on: date, allowed: bool, rules: tuple[str, ...]
) -> None:
    """Compliance / Medication: "the process for this will be fully documented": documented by the day it is used.

    A procedure filed in 2030 does not allow an administration in 2026.
    """
    file = cr.MedicationFile("su-ada", procedures=(cr.MedicationProcedure("melatonin", LIQUID, filed_on),))
    d = cr.decide_medication(MedicationRequest("Melatonin", LIQUID, ADMINISTER), file, on, policy=cr.BUDDIES)
    assert d.answer.allowed is allowed
    assert d.answer.ask_adviser is not allowed
    assert d.rule_ids == rules
    if not allowed:
        assert f"was filed on {filed_on}, after {on}" in d.reasons[1].detail


@pytest.mark.parametrize(
    ("procedure", "request_", "allowed", "rules"),
    [
        (
            MELATONIN_LIQUID,
            MedicationRequest("melatonin", MedicationForm.INJECTION, ADMINISTER),
            False,
            ("medication.administration-procedure", "medication.procedure-form"),
        ),
        (MELATONIN_LIQUID, MedicationRequest("melatonin", LIQUID, ADMINISTER), True, None),
        (
            MELATONIN_LIQUID,
            MedicationRequest("melatonin", LIQUID, ADMINISTER, route=MedicationRoute.ORAL),
            True,
            None,
        ),
        (
            cr.MedicationProcedure("midazolam", LIQUID, date(2026, 5, 1), route=MedicationRoute.BUCCAL),
            MedicationRequest("midazolam", LIQUID, ADMINISTER, route=MedicationRoute.NASAL),
            False,
            ("medication.administration-procedure", "medication.procedure-form"),
        ),
        (
            cr.MedicationProcedure("midazolam", LIQUID, date(2026, 5, 1), route=MedicationRoute.BUCCAL),
            MedicationRequest("midazolam", LIQUID, ADMINISTER),
            False,
            ("medication.administration-procedure", "medication.procedure-form"),
        ),
        (
            cr.MedicationProcedure("midazolam", LIQUID, date(2026, 5, 1), route=MedicationRoute.BUCCAL),
            MedicationRequest("midazolam", LIQUID, ADMINISTER, route=MedicationRoute.BUCCAL),
            True,
            None,
        ),
        (
            cr.MedicationProcedure("melatonin", MedicationForm.TABLET, date(2026, 5, 1)),
            MedicationRequest("melatonin", MedicationForm.CAPSULE, ADMINISTER),
            False,
            ("medication.administration-procedure", "medication.procedure-form"),
        ),
    ],
    ids=[
        "liquid-procedure-injection-asked",
        "liquid-procedure-liquid-asked",
        "liquid-procedure-any-route",
        "buccal-procedure-nasal-asked",
        "buccal-procedure-route-not-said",
        "buccal-procedure-buccal-asked",
        "tablet-procedure-capsule-asked",
    ],
)
def test_a_procedure_covers_its_medication_in_its_form_and_route_compliance_medication(
    procedure: cr.MedicationProcedure, request_: MedicationRequest, allowed: bool, rules: tuple[str, ...] | None
) -> None:
    """Compliance / Medication: "no doubt as to what our role is": a liquid's procedure does not allow an injection."""
    file = cr.MedicationFile("su-ada", procedures=(procedure,))
    d = cr.decide_medication(request_, file, date(2026, 6, 1), policy=cr.BUDDIES)
    assert d.answer.allowed is allowed
    if rules is not None:
        assert d.rule_ids == rules
        assert "not as" in d.reasons[1].detail


def test_the_injection_refusal_names_both_forms_and_asks_the_leadership_team() -> None:
    file = cr.MedicationFile("su-ada", procedures=(MELATONIN_LIQUID,))
    d = cr.decide_medication(
        MedicationRequest("melatonin", MedicationForm.INJECTION, ADMINISTER), file, date(2026, 6, 1), policy=cr.BUDDIES
    )
    assert d.explain().splitlines() == [
        "[medication.administration-procedure] no documented procedure on file by 2026-06-01 covers this medication"
        " as an injection: refuse and ask the leadership team (a documented procedure for it as an injection,"
        " on file by 2026-06-01, would allow administration)",
        "[medication.procedure-form] the procedure filed on 2026-05-01 covers it as a liquid, not as an injection"
        " (a procedure for it as an injection would cover this)",
    ]


def test_one_of_several_procedures_for_a_medication_is_enough() -> None:
    later_tablet = cr.MedicationProcedure("melatonin", MedicationForm.TABLET, date(2026, 7, 1))
    file = cr.MedicationFile("su-ada", procedures=(later_tablet, MELATONIN_LIQUID))
    liquid = MedicationRequest("melatonin", LIQUID, ADMINISTER)
    tablet = MedicationRequest("melatonin", MedicationForm.TABLET, ADMINISTER)
    assert cr.decide_medication(liquid, file, date(2026, 6, 1)).answer.allowed
    assert not cr.decide_medication(tablet, file, date(2026, 6, 1)).answer.allowed
    assert cr.decide_medication(tablet, file, date(2026, 7, 1)).answer.allowed


def test_decide_medication_needs_the_date_of_the_support() -> None:
    """Old calls without a date fail at the door with a typed error; a datetime is not a date."""
    request = MedicationRequest("melatonin", LIQUID, ADMINISTER)
    with pytest.raises(cr.InvalidInput) as caught:
        cr.decide_medication(request, FILE, policy=cr.BUDDIES)  # type: ignore[call-arg]
    assert caught.value.field == "decide_medication"
    with pytest.raises(cr.InvalidInput) as caught:
        cr.decide_medication(request, FILE, london(2027, 3, 1, 12), policy=cr.BUDDIES)
    assert caught.value.field == "on"


def test_epilepsy_without_an_individual_procedure_blocks_the_start() -> None:
    """Compliance / Medication: epilepsy needs an individual procedure on file before sessions begin."""
    blocked = cr.epilepsy_procedure_ready(cr.MedicationFile("su-cy", epilepsy=True))
    assert blocked.answer is False
    assert blocked.rule_ids == ("medication.epilepsy-procedure",)
    assert blocked.missing == ("an individual epilepsy management procedure in the Service User File",)
    assert cr.epilepsy_procedure_ready(FILE).answer is True
    assert cr.epilepsy_procedure_ready(EMPTY).answer is True


def test_health_details_stay_out_of_repr() -> None:
    text = repr(FILE) + repr(MedicationRequest("sertraline", MedicationForm.TABLET, PROMPT))
    for secret in ("Midazolam", "sertraline", "epilepsy"):
        assert secret not in text


@pytest.mark.tz
def test_record_check_lists_what_should_have_been_recorded_and_was_not() -> None:
    events = [
        cr.MedicationEvent("m1", london(2027, 3, 1, 12), PROMPT, "paracetamol", MedicationForm.TABLET),
        cr.MedicationEvent("m2", london(2027, 3, 1, 13), INHALER, "salbutamol", MedicationForm.INHALER),
        cr.MedicationEvent(
            "m3", london(2027, 3, 1, 14), ADMINISTER, "Buccal Midazolam", LIQUID, route=MedicationRoute.BUCCAL
        ),
    ]
    records = [
        cr.MedicationRecord(london(2027, 3, 1, 12), PROMPT, "Paracetamol"),
        cr.MedicationRecord(london(2027, 3, 1, 15), PROMPT, "movicol"),
    ]
    session = cr.ResponsibilityWindow(london(2027, 3, 1, 11), london(2027, 3, 1, 16))
    d = cr.check_medication_records(events, records, file=FILE, responsible=[session], policy=cr.BUDDIES)
    assert [e.id for e in d.answer.unrecorded] == ["m2", "m3"]
    assert not d.answer.complete
    assert d.answer.allowed
    assert d.rule_ids == ("medication.record-inhaler", "medication.record-administration")
    assert [r["recorded"] for r in d.answer.rows()] == [True, False, False]
    assert len(d.answer.extra_records) == 1


def test_record_check_with_nothing_to_record_still_explains_itself() -> None:
    d = cr.check_medication_records([], [], file=EMPTY, responsible=[])
    assert d.answer.complete
    assert d.answer.clean
    assert len(d.reasons) == 1


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: MedicationRequest("x", MedicationForm.TABLET, INHALER), "medication_request.form"),
        (
            lambda: MedicationRequest("x", MedicationForm.INHALER, INHALER, route=MedicationRoute.ORAL),
            "medication_request.route",
        ),
        (lambda: MedicationRequest("", MedicationForm.TABLET, PROMPT), "medication_request.medication"),
        (lambda: MedicationRequest("x", "tablet", PROMPT), "medication_request.form"),  # type: ignore[arg-type]
        (lambda: MedicationRequest("x", LIQUID, PROMPT, route="oral"), "medication_request.route"),  # type: ignore[arg-type]
        (lambda: cr.MedicationProcedure("x", LIQUID, "2027-01-01"), "procedure.filed_on"),  # type: ignore[arg-type]
        (lambda: cr.MedicationProcedure("x", date(2027, 1, 1), LIQUID), "procedure.form"),  # type: ignore[arg-type]
        (lambda: cr.MedicationProcedure("x", MedicationForm.OTHER, date(2027, 1, 1)), "procedure.route"),
        (lambda: cr.MedicationProcedure("x", LIQUID, date(2027, 1, 1), route="buccal"), "procedure.route"),  # type: ignore[arg-type]
        (lambda: cr.MedicationFile("su", epilepsy_procedure_filed="2027"), "medication_file.epilepsy_procedure_filed"),  # type: ignore[arg-type]
        (lambda: cr.MedicationFile("su", procedures=("x",)), "medication_file.procedures"),  # type: ignore[arg-type]
        (lambda: cr.MedicationRoute("cheek"), "MedicationRoute"),
        (
            lambda: cr.ResponsibilityWindow(london(2027, 3, 1, 12), london(2027, 3, 1, 12)),
            "responsibility_window.end",
        ),
        (
            lambda: cr.ResponsibilityWindow(datetime(2027, 3, 1, 12), london(2027, 3, 1, 13)),
            "responsibility_window.start",
        ),
    ],
)
def test_malformed_medication_input_is_a_typed_error(build: object, field: str) -> None:
    with pytest.raises(cr.InvalidInput) as caught:
        build()  # type: ignore[operator]
    assert caught.value.field == field


def test_a_naive_event_time_is_refused() -> None:
    with pytest.raises(cr.InvalidInput, match=r"medication_event\.at"):
        cr.MedicationEvent("m1", datetime(2027, 3, 1, 12), PROMPT, "x", MedicationForm.TABLET)


def test_duplicate_event_ids_are_refused() -> None:
    event = cr.MedicationEvent("m1", london(2027, 3, 1, 12), PROMPT, "x", MedicationForm.TABLET)
    with pytest.raises(cr.InvalidInput, match="events"):
        cr.check_medication_records([event, event], [], file=EMPTY, responsible=[])


def test_the_record_check_needs_the_file_and_the_windows() -> None:
    """Old calls without the person's file or the service's sessions fail at the door with a typed error."""
    event = cr.MedicationEvent("m1", london(2027, 3, 1, 12), PROMPT, "x", MedicationForm.TABLET)
    partial: list[dict[str, Any]] = [{}, {"file": EMPTY}, {"responsible": []}]
    for kwargs in partial:
        with pytest.raises(cr.InvalidInput) as caught:
            cr.check_medication_records([event], [], **kwargs)
        assert caught.value.field == "check_medication_records"
