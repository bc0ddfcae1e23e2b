"""Medication: the Buddies policy, Compliance / Medication."""

from __future__ import annotations

from datetime import date

import pytest

import carerules as cr
from carerules import MedicationForm, MedicationRequest, MedicationSupport
from tests.conftest import london

PROMPT = MedicationSupport.PROMPT
ADMINISTER = MedicationSupport.ADMINISTRATION
INHALER = MedicationSupport.INHALER_USE

FILE = cr.MedicationFile(
    "su-ada",
    procedures=(cr.MedicationProcedure("Buccal Midazolam", date(2027, 2, 1)),),
    epilepsy=True,
    epilepsy_procedure_filed=date(2027, 2, 1),
)
EMPTY = cr.MedicationFile("su-ben")


@pytest.mark.parametrize("form", [MedicationForm.TABLET, MedicationForm.CAPSULE])
def test_prompting_a_tablet_or_capsule_is_allowed_and_must_be_recorded(form: MedicationForm) -> None:
    """Compliance / Medication: prompts only for tablets and capsules, each one written down."""
    d = cr.decide_medication(MedicationRequest("paracetamol", form, PROMPT), EMPTY, policy=cr.BUDDIES)
    assert d.answer.allowed
    assert d.answer.must_record
    assert not d.answer.ask_adviser
    assert d.rule_ids == ("medication.prompt-form", "medication.record-prompt")


@pytest.mark.parametrize("form", [MedicationForm.LIQUID, MedicationForm.INHALER, MedicationForm.CREAM])
def test_prompting_any_other_form_is_refused_with_the_reason(form: MedicationForm) -> None:
    d = cr.decide_medication(MedicationRequest("movicol", form, PROMPT), FILE, policy=cr.BUDDIES)
    assert d.answer.answer is cr.MedicationAnswer.REFUSED
    assert f"the medication is a {form.value}, not a tablet or capsule" in d.reasons[0].detail
    assert d.reasons[0].would_change == "a tablet or capsule could be prompted"


def test_inhaler_use_during_the_service_is_recorded_on_the_medication_sheet() -> None:
    d = cr.decide_medication(MedicationRequest("salbutamol", MedicationForm.INHALER, INHALER), EMPTY, policy=cr.BUDDIES)
    assert d.answer.allowed
    assert d.answer.must_record
    assert d.rule_ids == ("medication.record-inhaler",)


def test_administration_with_a_documented_procedure_is_allowed_and_recorded() -> None:
    """Compliance / Medication: administration follows a documented procedure; names match ignoring case."""
    d = cr.decide_medication(
        MedicationRequest("buccal  midazolam", MedicationForm.LIQUID, ADMINISTER), FILE, policy=cr.BUDDIES
    )
    assert d.answer.allowed
    assert d.answer.must_record
    assert d.rule_ids == ("medication.administration-procedure", "medication.record-administration")
    assert "2027-02-01" in d.reasons[0].detail


def test_administration_without_a_documented_procedure_is_refused_ask_the_leadership_team() -> None:
    d = cr.decide_medication(
        MedicationRequest("sertraline", MedicationForm.TABLET, ADMINISTER), FILE, policy=cr.BUDDIES
    )
    assert not d.answer.allowed
    assert d.answer.ask_adviser
    assert "ask the leadership team" in d.explain()


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
        cr.MedicationEvent("m3", london(2027, 3, 1, 14), ADMINISTER, "Buccal Midazolam", MedicationForm.LIQUID),
    ]
    records = [
        cr.MedicationRecord(london(2027, 3, 1, 12), PROMPT, "Paracetamol"),
        cr.MedicationRecord(london(2027, 3, 1, 15), PROMPT, "movicol"),
    ]
    d = cr.check_medication_records(events, records)
    assert [e.id for e in d.answer.unrecorded] == ["m2", "m3"]
    assert not d.answer.complete
    assert d.rule_ids == ("medication.record-inhaler", "medication.record-administration")
    assert [r["recorded"] for r in d.answer.rows()] == [True, False, False]
    assert len(d.answer.extra_records) == 1


def test_record_check_with_nothing_to_record_still_explains_itself() -> None:
    d = cr.check_medication_records([], [])
    assert d.answer.complete
    assert len(d.reasons) == 1


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: MedicationRequest("x", MedicationForm.TABLET, INHALER), "medication_request.form"),
        (lambda: MedicationRequest("", MedicationForm.TABLET, PROMPT), "medication_request.medication"),
        (lambda: MedicationRequest("x", "tablet", PROMPT), "medication_request.form"),  # type: ignore[arg-type]
        (lambda: cr.MedicationProcedure("x", "2027-01-01"), "procedure.filed_on"),  # type: ignore[arg-type]
        (lambda: cr.MedicationFile("su", epilepsy_procedure_filed="2027"), "medication_file.epilepsy_procedure_filed"),  # type: ignore[arg-type]
        (lambda: cr.MedicationFile("su", procedures=("x",)), "medication_file.procedures"),  # type: ignore[arg-type]
    ],
)
def test_malformed_medication_input_is_a_typed_error(build: object, field: str) -> None:
    with pytest.raises(cr.InvalidInput) as caught:
        build()  # type: ignore[operator]
    assert caught.value.field == field


def test_a_naive_event_time_is_refused() -> None:
    from datetime import datetime

    with pytest.raises(cr.InvalidInput, match=r"medication_event\.at"):
        cr.MedicationEvent("m1", datetime(2027, 3, 1, 12), PROMPT, "x", MedicationForm.TABLET)


def test_duplicate_event_ids_are_refused() -> None:
    event = cr.MedicationEvent("m1", london(2027, 3, 1, 12), PROMPT, "x", MedicationForm.TABLET)
    with pytest.raises(cr.InvalidInput, match="events"):
        cr.check_medication_records([event, event], [])
