"""Whole answers of medication support (mutation-testing companions to test_care_medication.py).

Each test pins every outcome field, every reason's rule id and text, and the
field, value and expectation of each refusal.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import attrs
import pytest

import carerules as cr
from carerules import MedicationForm, MedicationRoute, MedicationSupport

FILE = cr.MedicationFile(
    "su-ada",
    procedures=(cr.MedicationProcedure("Buccal  Midazolam", MedicationForm.LIQUID, date(2025, 3, 4)),),
    epilepsy=True,
)
PLUS_ONE = timezone(timedelta(hours=1))
NINE = datetime(2025, 6, 1, 9, 0, tzinfo=PLUS_ONE)
ON = date(2025, 6, 1)
#: The service was responsible all morning.
MORNING = (cr.ResponsibilityWindow(NINE - timedelta(hours=1), NINE + timedelta(hours=3)),)


def _check(
    events: list[cr.MedicationEvent], records: list[cr.MedicationRecord]
) -> cr.Decision[cr.MedicationRecordCheck]:
    return cr.check_medication_records(events, records, file=FILE, responsible=MORNING)


def _outcome(d: cr.Decision[cr.MedicationOutcome]) -> tuple[str, bool, bool, bool]:
    o = d.answer
    return (o.answer.value, o.must_record, o.ask_adviser, o.allowed)


def _texts(d: cr.Decision[Any]) -> list[tuple[str, str | None]]:
    return [(str(r), r.would_change) for r in d.reasons]


@pytest.mark.parametrize("form", [MedicationForm.TABLET, MedicationForm.CAPSULE])
def test_a_tablet_or_capsule_prompt_is_allowed_and_recorded(form: MedicationForm) -> None:
    d = cr.decide_medication(
        cr.MedicationRequest("Paracetamol", form, MedicationSupport.PROMPT), FILE, ON, policy=cr.BUDDIES
    )
    assert _outcome(d) == ("allowed", True, False, True)
    assert _texts(d) == [
        (
            f"[medication.prompt-form] the medication is a {form.value}: staff may prompt or remind"
            " (any form other than a tablet or capsule would be refused)",
            "any form other than a tablet or capsule would be refused",
        ),
        ("[medication.record-prompt] write the prompt down on the medication forms", None),
    ]


def test_a_prompt_for_a_liquid_is_refused_without_asking_the_leadership_team() -> None:
    d = cr.decide_medication(
        cr.MedicationRequest("Calpol", MedicationForm.LIQUID, MedicationSupport.PROMPT), FILE, ON, policy=cr.BUDDIES
    )
    assert _outcome(d) == ("refused", False, False, False)
    assert _texts(d) == [
        (
            "[medication.prompt-form] the medication is a liquid, not a tablet or capsule: "
            "staff may not prompt for it (a tablet or capsule could be prompted)",
            "a tablet or capsule could be prompted",
        )
    ]


def test_inhaler_use_is_allowed_and_recorded() -> None:
    request = cr.MedicationRequest("Salbutamol", MedicationForm.INHALER, MedicationSupport.INHALER_USE)
    d = cr.decide_medication(request, FILE, ON, policy=cr.BUDDIES)
    assert _outcome(d) == ("allowed", True, False, True)
    assert _texts(d) == [("[medication.record-inhaler] inhaler used while the service is responsible: record it", None)]


def test_administration_with_a_procedure_on_file_matches_the_name_ignoring_case_and_spacing() -> None:
    request = cr.MedicationRequest(" buccal MIDAZOLAM", MedicationForm.LIQUID, MedicationSupport.ADMINISTRATION)
    d = cr.decide_medication(request, FILE, ON, policy=cr.BUDDIES)
    assert _outcome(d) == ("allowed", True, False, True)
    assert _texts(d) == [
        (
            "[medication.administration-procedure] a documented procedure for it as a liquid was filed on 2025-03-04,"
            " on file by 2025-06-01",
            None,
        ),
        ("[medication.record-administration] write the administration on the medication record", None),
    ]


def test_administration_without_a_procedure_is_refused_and_goes_to_the_leadership_team() -> None:
    request = cr.MedicationRequest("Insulin", MedicationForm.INJECTION, MedicationSupport.ADMINISTRATION)
    d = cr.decide_medication(request, FILE, ON, policy=cr.BUDDIES)
    assert _outcome(d) == ("refused", False, True, False)
    assert _texts(d) == [
        (
            "[medication.administration-procedure] no documented procedure for this medication in the "
            "person's file: refuse and ask the leadership team "
            "(a documented procedure for it in the file would allow administration)",
            "a documented procedure for it in the file would allow administration",
        )
    ]


def test_epilepsy_procedure_readiness_in_each_case() -> None:
    blocked = cr.epilepsy_procedure_ready(FILE)
    assert blocked.answer is False
    assert _texts(blocked) == [
        (
            "[medication.epilepsy-procedure] epilepsy recorded but no individual management procedure on "
            "file: sessions may not begin (filing an individual epilepsy procedure would meet this)",
            "filing an individual epilepsy procedure would meet this",
        )
    ]
    assert blocked.missing == ("an individual epilepsy management procedure in the Service User File",)
    filed = cr.epilepsy_procedure_ready(
        cr.MedicationFile("su-ada", epilepsy=True, epilepsy_procedure_filed=date(2025, 2, 1))
    )
    assert (filed.answer, filed.missing) == (True, ())
    assert _texts(filed) == [
        ("[medication.epilepsy-procedure] individual epilepsy procedure on file since 2025-02-01", None)
    ]
    none_needed = cr.epilepsy_procedure_ready(cr.MedicationFile("su-ada"))
    assert (none_needed.answer, none_needed.missing) == (True, ())
    assert _texts(none_needed) == [
        ("[medication.epilepsy-procedure] no epilepsy recorded: no individual procedure needed", None)
    ]


def _events() -> list[cr.MedicationEvent]:
    return [
        cr.MedicationEvent("e1", NINE, MedicationSupport.PROMPT, "Paracetamol", MedicationForm.TABLET),
        cr.MedicationEvent("e2", NINE, MedicationSupport.PROMPT, "Paracetamol", MedicationForm.TABLET),
        cr.MedicationEvent(
            "e3", NINE + timedelta(hours=1), MedicationSupport.INHALER_USE, "Salbutamol", MedicationForm.INHALER
        ),
    ]


def test_each_record_matches_one_event_and_unmatched_records_are_extra() -> None:
    records = [
        cr.MedicationRecord(NINE.astimezone(UTC), MedicationSupport.PROMPT, "paracetamol "),
        cr.MedicationRecord(NINE, MedicationSupport.ADMINISTRATION, "x"),
        cr.MedicationRecord(NINE, MedicationSupport.ADMINISTRATION, "x"),
    ]
    events = _events()
    d = _check(events, records)
    check = d.answer
    assert check.events == tuple(events)
    assert check.unrecorded == (events[1], events[2])
    assert check.extra_records == (records[1], records[2])
    assert check.complete is False
    assert check.rows() == [
        {
            "event": "e1",
            "at": NINE,
            "support": "prompt",
            "form": "tablet",
            "needs_record": True,
            "recorded": True,
            "allowed": True,
        },
        {
            "event": "e2",
            "at": NINE,
            "support": "prompt",
            "form": "tablet",
            "needs_record": True,
            "recorded": False,
            "allowed": True,
        },
        {
            "event": "e3",
            "at": NINE + timedelta(hours=1),
            "support": "inhaler-use",
            "form": "inhaler",
            "needs_record": True,
            "recorded": False,
            "allowed": True,
        },
    ]
    assert _texts(d) == [
        (
            "[medication.record-prompt] prompt at 2025-06-01T09:00:00+01:00 (e2) is not on the medication record",
            None,
        ),
        (
            "[medication.record-inhaler] inhaler-use at 2025-06-01T10:00:00+01:00 (e3) is not on the medication record",
            None,
        ),
    ]


def test_a_complete_record_counts_each_kind_of_event() -> None:
    records = [
        cr.MedicationRecord(NINE, MedicationSupport.PROMPT, "Paracetamol"),
        cr.MedicationRecord(NINE, MedicationSupport.PROMPT, "Paracetamol"),
        cr.MedicationRecord(NINE + timedelta(hours=1), MedicationSupport.INHALER_USE, "Salbutamol"),
    ]
    d = _check(_events(), records)
    assert (d.answer.unrecorded, d.answer.extra_records, d.answer.complete) == ((), (), True)
    assert _texts(d) == [
        (
            "[medication.record-inhaler] all 1 inhaler-use event(s) are on the medication record and were allowed",
            None,
        ),
        ("[medication.record-prompt] all 2 prompt event(s) are on the medication record and were allowed", None),
    ]


def test_a_record_at_another_instant_does_not_match() -> None:
    late = [cr.MedicationRecord(NINE + timedelta(minutes=1), MedicationSupport.PROMPT, "Paracetamol")]
    d = _check(_events()[:1], late)
    assert [e.id for e in d.answer.unrecorded] == ["e1"]
    assert d.answer.extra_records == tuple(late)


def test_no_events_means_nothing_to_record() -> None:
    d = _check([], [])
    assert (d.answer.events, d.answer.unrecorded, d.answer.extra_records, d.answer.complete) == ((), (), (), True)
    assert _texts(d) == [
        (
            "[medication.record-prompt] no prompt, inhaler use or administration happened: nothing to record",
            None,
        )
    ]
    assert d.answer.rows() == []


def test_duplicate_event_ids_are_refused_listing_them() -> None:
    events = _events()
    with pytest.raises(cr.InvalidInput) as caught:
        _check([*events, events[0], events[2], events[2]], [])
    assert (caught.value.field, caught.value.value, caught.value.expected) == (
        "events",
        ["e1", "e3"],
        "events with distinct ids",
    )


def test_inhaler_use_of_anything_but_an_inhaler_is_refused() -> None:
    with pytest.raises(cr.InvalidInput) as caught:
        cr.MedicationRequest("Paracetamol", MedicationForm.TABLET, MedicationSupport.INHALER_USE)
    assert (caught.value.field, caught.value.value, caught.value.expected) == (
        "medication_request.form",
        "tablet",
        "'inhaler' when the support is inhaler use",
    )
    with pytest.raises(cr.InvalidInput) as caught:
        cr.MedicationEvent("e1", NINE, MedicationSupport.INHALER_USE, "Paracetamol", MedicationForm.TABLET)
    assert (caught.value.field, caught.value.value) == ("medication_event.form", "tablet")


def test_a_file_refuses_a_procedure_that_is_not_one() -> None:
    with pytest.raises(cr.InvalidInput) as caught:
        cr.MedicationFile("su-ada", procedures=("x",))  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.value, caught.value.expected) == (
        "medication_file.procedures",
        "x",
        "a MedicationProcedure",
    )


def test_procedure_lookup_returns_the_matching_procedure_or_none() -> None:
    assert FILE.procedure_for("BUCCAL midazolam") == FILE.procedures[0]
    assert FILE.procedure_for("buccalmidazolam") is None


def test_a_duplicate_record_beyond_the_events_is_extra_once() -> None:
    events = _events()[:1]
    twice = [cr.MedicationRecord(NINE, MedicationSupport.PROMPT, "Paracetamol")] * 3
    d = _check(events, twice)
    assert d.answer.unrecorded == ()
    assert d.answer.extra_records == (twice[0], twice[0])


def test_a_file_refuses_procedures_that_are_not_a_list() -> None:
    with pytest.raises(cr.InvalidInput) as caught:
        cr.MedicationFile("su-ada", procedures="midazolam")  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.value, caught.value.expected) == (
        "medication_file.procedures",
        "midazolam",
        "a list",
    )


def test_a_procedure_filed_after_the_support_is_refused_naming_both_dates() -> None:
    """Compliance / Medication: the procedure must be on file by the day of the support."""
    request = cr.MedicationRequest("buccal midazolam", MedicationForm.LIQUID, MedicationSupport.ADMINISTRATION)
    d = cr.decide_medication(request, FILE, date(2025, 3, 3), policy=cr.BUDDIES)
    assert _outcome(d) == ("refused", False, True, False)
    assert _texts(d) == [
        (
            "[medication.administration-procedure] no documented procedure on file by 2025-03-03 covers this"
            " medication as a liquid: refuse and ask the leadership team (a documented procedure for it as a liquid,"
            " on file by 2025-03-03, would allow administration)",
            "a documented procedure for it as a liquid, on file by 2025-03-03, would allow administration",
        ),
        (
            "[medication.procedure-on-file] the procedure for it as a liquid was filed on 2025-03-04, after"
            " 2025-03-03: it does not count for a support on that day (filing it on or before 2025-03-03 would"
            " have counted)",
            "filing it on or before 2025-03-03 would have counted",
        ),
    ]


def test_a_procedure_for_one_route_names_the_route_asked_for() -> None:
    buccal = cr.MedicationProcedure("midazolam", MedicationForm.LIQUID, date(2025, 1, 1), route=MedicationRoute.BUCCAL)
    file = cr.MedicationFile("su-ada", procedures=(buccal,))
    nasal = cr.MedicationRequest(
        "midazolam", MedicationForm.LIQUID, MedicationSupport.ADMINISTRATION, route=MedicationRoute.NASAL
    )
    d = cr.decide_medication(nasal, file, ON, policy=cr.BUDDIES)
    assert _texts(d)[1] == (
        "[medication.procedure-form] the procedure filed on 2025-01-01 covers it as a liquid by the buccal route,"
        " not as a liquid by the nasal route (a procedure for it as a liquid by the nasal route would cover this)",
        "a procedure for it as a liquid by the nasal route would cover this",
    )
    assert buccal.covers(attrs.evolve(nasal, route=MedicationRoute.BUCCAL))
    assert not buccal.covers(attrs.evolve(nasal, route=None))
    assert FILE.procedures_for("BUCCAL midazolam") == FILE.procedures
    assert FILE.procedures_for("insulin") == ()


def test_a_mixed_check_lists_refusals_then_missing_records_then_uses_outside_responsibility() -> None:
    liquid = cr.MedicationEvent("e1", NINE, MedicationSupport.PROMPT, "Calpol", MedicationForm.LIQUID)
    early = cr.MedicationEvent(
        "e2", NINE - timedelta(hours=2), MedicationSupport.INHALER_USE, "Salbutamol", MedicationForm.INHALER
    )
    tablet = cr.MedicationEvent("e3", NINE, MedicationSupport.PROMPT, "Paracetamol", MedicationForm.TABLET)
    records = [
        cr.MedicationRecord(NINE, MedicationSupport.PROMPT, "Calpol"),
        cr.MedicationRecord(early.at, MedicationSupport.INHALER_USE, "salbutamol"),
    ]
    d = _check([liquid, early, tablet], records)
    check = d.answer
    assert (check.not_allowed, check.unrecorded, check.outside_responsibility) == ((liquid,), (tablet,), (early,))
    assert (check.unmatched, check.extra_records, check.needing_record) == ((tablet,), (), (liquid, tablet))
    assert (check.complete, check.allowed, check.clean) == (False, False, False)
    assert [j.answer.allowed for j in check.judged] == [False, True, True]
    assert [(r["needs_record"], r["recorded"], r["allowed"]) for r in check.rows()] == [
        (True, True, False),
        (False, True, True),
        (True, False, True),
    ]
    assert _texts(d) == [
        (
            "[medication.prompt-form] prompt (liquid) at 2025-06-01T09:00:00+01:00 (e1) happened but was not allowed"
            " on 2025-06-01: the medication is a liquid, not a tablet or capsule: staff may not prompt for it"
            " (a tablet or capsule could be prompted)",
            "a tablet or capsule could be prompted",
        ),
        ("[medication.record-prompt] prompt at 2025-06-01T09:00:00+01:00 (e3) is not on the medication record", None),
        (
            "[medication.inhaler-outside-responsibility] inhaler-use at 2025-06-01T07:00:00+01:00 (e2) is outside"
            " every time the service was responsible for the person (1 session(s) or window(s) given):"
            " no record needed",
            None,
        ),
    ]
