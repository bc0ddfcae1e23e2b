"""Invariants of medication support and the record check, over the shipped strategies.

``004_82faaa97975dc483.txt``, Compliance / Medication (issue 15, items 2 to 4).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import carerules as cr
from carerules._care._medication_record import support_day
from carerules._care._strategies import medication_dates
from carerules.serialisation import from_data, to_data
from carerules.strategies import (
    medication_events,
    medication_files,
    medication_procedures,
    medication_records,
    medication_requests,
    record_of,
    responsibility_windows,
    sessions,
)

_EVENTS = st.lists(medication_events(), max_size=6, unique_by=lambda e: e.id)
_WINDOWS = st.lists(responsibility_windows(), max_size=3)


def roundtrip(obj: Any, cls: Any) -> Any:
    return from_data(json.loads(json.dumps(to_data(obj))), cls)


@given(medication_requests(), medication_files(), medication_procedures(), medication_dates())
def test_medication_objects_and_decisions_round_trip(
    request: cr.MedicationRequest, file: cr.MedicationFile, procedure: cr.MedicationProcedure, on: date
) -> None:
    assert roundtrip(request, cr.MedicationRequest) == request
    assert roundtrip(file, cr.MedicationFile) == file
    assert roundtrip(procedure, cr.MedicationProcedure) == procedure
    decision = cr.decide_medication(request, file, on)
    assert roundtrip(decision, cr.Decision[cr.MedicationOutcome]) == decision
    ready = cr.epilepsy_procedure_ready(file)
    assert roundtrip(ready, cr.Decision[bool]) == ready


@given(_EVENTS, st.lists(medication_records(), max_size=3), medication_files(), _WINDOWS)
def test_medication_events_records_windows_and_checks_round_trip(
    events: list[cr.MedicationEvent],
    records: list[cr.MedicationRecord],
    file: cr.MedicationFile,
    windows: list[cr.ResponsibilityWindow],
) -> None:
    for e in events:
        assert roundtrip(e, cr.MedicationEvent) == e
    for r in records:
        assert roundtrip(r, cr.MedicationRecord) == r
    for w in windows:
        assert roundtrip(w, cr.ResponsibilityWindow) == w
    check = cr.check_medication_records(events, records, file=file, responsible=windows, policy=cr.BUDDIES)
    assert roundtrip(check, cr.Decision[cr.MedicationRecordCheck]) == check


@given(medication_requests(), medication_files(), medication_dates())
def test_medication_allowed_exactly_by_its_rule_and_always_recorded(
    request: cr.MedicationRequest, file: cr.MedicationFile, on: date
) -> None:
    d = cr.decide_medication(request, file, on)
    assert d.reasons
    if request.support is cr.MedicationSupport.PROMPT:
        assert d.answer.allowed == (request.form in (cr.MedicationForm.TABLET, cr.MedicationForm.CAPSULE))
    if request.support is cr.MedicationSupport.ADMINISTRATION:
        covering = [p for p in file.procedures if p.covers(request) and p.filed_on <= on]
        assert d.answer.allowed == bool(covering)
        assert d.answer.ask_adviser == (not d.answer.allowed)
    assert d.answer.must_record == d.answer.allowed


@given(medication_requests(), medication_files(), medication_dates(), st.integers(1, 4000))
def test_a_procedure_filed_after_the_date_never_allows(
    request: cr.MedicationRequest, file: cr.MedicationFile, on: date, days: int
) -> None:
    """Compliance / Medication: move every procedure to after the support and no administration is allowed."""
    late = tuple(
        cr.MedicationProcedure(p.medication, p.form, on + timedelta(days=days), route=p.route) for p in file.procedures
    )
    administer = cr.MedicationRequest(
        request.medication, request.form, cr.MedicationSupport.ADMINISTRATION, route=request.route
    )
    d = cr.decide_medication(administer, cr.MedicationFile(file.service_user, late), on)
    assert not d.answer.allowed
    assert d.answer.ask_adviser


@given(medication_requests(), medication_files(), medication_dates())
def test_a_procedure_for_another_form_never_allows(
    request: cr.MedicationRequest, file: cr.MedicationFile, on: date
) -> None:
    """Compliance / Medication: only the form (and route) documented is covered, whatever the date."""
    others = tuple(p for p in file.procedures if p.form is not request.form)
    administer = cr.MedicationRequest(
        request.medication, request.form, cr.MedicationSupport.ADMINISTRATION, route=request.route
    )
    assert not cr.decide_medication(administer, cr.MedicationFile(file.service_user, others), on).answer.allowed


@given(medication_requests(), medication_files(), medication_dates(), st.integers(0, 4000))
def test_a_later_date_never_withdraws_an_allowed_administration(
    request: cr.MedicationRequest, file: cr.MedicationFile, on: date, days: int
) -> None:
    """Procedures stay on file: what is allowed on a day stays allowed on every later day."""
    if cr.decide_medication(request, file, on).answer.allowed and on + timedelta(days=days) <= date(9999, 12, 31):
        assert cr.decide_medication(request, file, on + timedelta(days=days)).answer.allowed


@given(_EVENTS, medication_files(), _WINDOWS, st.data())
def test_the_event_audit_agrees_with_decide_medication(
    events: list[cr.MedicationEvent],
    file: cr.MedicationFile,
    windows: list[cr.ResponsibilityWindow],
    data: st.DataObject,
) -> None:
    """Every event is judged as of its own local date by ``decide_medication``; not allowed exactly when refused."""
    records = [record_of(e) for e in events if data.draw(st.booleans())]
    policy = data.draw(st.sampled_from([None, cr.BUDDIES]))
    check = cr.check_medication_records(events, records, file=file, responsible=windows, policy=policy).answer
    for e, judged in zip(events, check.judged, strict=True):
        expected = cr.decide_medication(e.as_request(), file, support_day(e.at, policy), policy=policy)
        assert judged == expected
        assert (e in check.not_allowed) == (not expected.answer.allowed)
    assert check.clean == (check.complete and not check.not_allowed)


@given(_EVENTS, medication_files(), _WINDOWS, responsibility_windows(), st.data())
def test_adding_a_session_window_never_removes_a_demanded_record(
    events: list[cr.MedicationEvent],
    file: cr.MedicationFile,
    windows: list[cr.ResponsibilityWindow],
    extra: cr.ResponsibilityWindow,
    data: st.DataObject,
) -> None:
    """Compliance / Medication: more time responsible can only demand more inhaler records, never fewer."""
    records = [record_of(e) for e in events if data.draw(st.booleans())]
    fewer = cr.check_medication_records(events, records, file=file, responsible=windows).answer
    more = cr.check_medication_records(events, records, file=file, responsible=[*windows, extra]).answer
    assert set(fewer.unrecorded) <= set(more.unrecorded)
    assert set(fewer.needing_record) <= set(more.needing_record)
    assert set(more.outside_responsibility) <= set(fewer.outside_responsibility)
    assert fewer.not_allowed == more.not_allowed  # where the service was does not change what was allowed


@given(_EVENTS, medication_files(), st.data())
def test_inhaler_use_needs_a_record_exactly_inside_a_window(
    events: list[cr.MedicationEvent], file: cr.MedicationFile, data: st.DataObject
) -> None:
    windows = [data.draw(responsibility_windows(around=e.at)) for e in events if data.draw(st.booleans())]
    check = cr.check_medication_records(events, [], file=file, responsible=windows).answer
    for e in events:
        inside = any(w.covers(e.at) for w in windows)
        needs = e.support is not cr.MedicationSupport.INHALER_USE or inside
        assert (e in check.unrecorded) == needs
        assert (e in check.outside_responsibility) == (not needs)


@given(st.lists(sessions(service_user="su-ada"), max_size=3, unique_by=lambda s: s.id), _EVENTS, medication_files())
def test_sessions_count_as_their_windows(
    booked: list[cr.Session], events: list[cr.MedicationEvent], file: cr.MedicationFile
) -> None:
    as_sessions = cr.check_medication_records(events, [], file=file, responsible=booked)
    as_windows = cr.check_medication_records(
        events, [], file=file, responsible=[cr.ResponsibilityWindow.of(s) for s in booked]
    )
    assert as_sessions == as_windows


@given(medication_files())
def test_epilepsy_blocks_exactly_when_the_procedure_is_missing(file: cr.MedicationFile) -> None:
    d = cr.epilepsy_procedure_ready(file)
    assert d.answer == (not file.epilepsy or file.epilepsy_procedure_filed is not None)
    assert bool(d.missing) == (not d.answer)


@given(_EVENTS, medication_files(), st.data())
def test_an_event_is_reported_unrecorded_exactly_when_its_record_is_missing(
    events: list[cr.MedicationEvent], file: cr.MedicationFile, data: st.DataObject
) -> None:
    kept = [e for e in events if data.draw(st.booleans())]
    records = [record_of(e) for e in kept]
    windows = [data.draw(responsibility_windows(around=e.at)) for e in events]  # responsible for every event
    check = cr.check_medication_records(
        events, data.draw(st.permutations(records)), file=file, responsible=windows
    ).answer
    # An event whose twin (same kind, medicine, instant) was recorded may take its record.
    assert len(check.unrecorded) == len(events) - len(kept)
    every = cr.check_medication_records(events, [record_of(e) for e in events], file=file, responsible=windows)
    assert every.answer.complete
