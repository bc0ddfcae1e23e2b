"""Privacy: health details, contact details and free-text notes never show outside the objects that hold them.

Every sensitive field gets a distinctive marker (``Zqxjv``, or the marker date
1913-03-07 for dates of birth). The marker must never appear in ``repr``,
``str``, ``format``, decision explanations, reasons, ``rows()``, HTML or text
renderings of anything built from those objects, nor in the message of an
``InvalidInput`` raised for a bad value in those fields. The serialised form
(``carerules.serialisation.to_data``) keeps everything: callers own storage.

Choices (documented in docs/privacy.md): names of people (Service Users, staff)
and ids are shown, since an operator table needs them; a Service User's
``required_training`` is hidden from ``repr`` and redacted in errors but a
ranking shows the courses a candidate is missing, since booking them is the
operator's next step. Care-task activities, contact kinds asked about, goal
topics and risk-assessment topics are policy vocabulary, shown in answers.
"""

from __future__ import annotations

import contextlib
import inspect
import io
import json
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import carerules as cr
from carerules import strategies as S
from carerules.serialisation import from_data, to_data
from tests.conftest import PUBLIC_NAMES

#: The local date of the first session that suggested pairs are judged on (training counts from then).
FIRST_SESSION = date(2027, 1, 4)

MARK = "zqxjv"
SECRET_DAY = date(1913, 3, 7)
_DAY_FORMS = ("1913-03-07", "1913, 3, 7", "07/03/1913", "7 March 1913", "7 Mar 1913")

# --- What is sensitive -------------------------------------------------------------------------------------------

#: Every public class holding health details, contact details or free-text notes, and how each field is planted.
#: text: a string; labels: a frozenset of labels; slugs: contact kinds; items: a tuple of strings;
#: medication: a medication name (planted consistently so records still match); date: a marker date;
#: flag: a health fact held as a bool (only its absence from repr can be checked); audit-date: when a
#: procedure was filed, hidden from repr (it implies the condition) but named by the decision that relies on it;
#: shown-in-tables: hidden from repr and errors, shown in operator tables by design (see the module docstring).
SENSITIVE: dict[type, dict[str, str]] = {
    cr.Cancellation: {"note": "text"},
    cr.Expense: {"description": "text"},
    cr.ExpenseAgreement: {"note": "text"},
    cr.Resident: {"need": "text"},
    cr.Step: {"description": "text"},
    cr.Progress: {"note": "text"},
    cr.Goal: {"description": "text"},
    cr.SessionRecord: {"note": "text"},
    cr.ReviewRecord: {"note": "text"},
    cr.MedicationRequest: {"medication": "medication"},
    cr.MedicationProcedure: {"medication": "medication", "note": "text"},
    cr.MedicationFile: {"epilepsy": "flag", "epilepsy_procedure_filed": "audit-date", "procedures": "nested"},
    cr.MedicationEvent: {"medication": "medication"},
    cr.MedicationRecord: {"medication": "medication"},
    cr.ContactPlan: {"appropriate": "slugs", "ruled_out": "slugs", "note": "text"},
    cr.Contact: {"name": "text", "phone": "text", "email": "text"},
    cr.PlanPermissions: {"permitted": "labels", "ruled_out": "labels"},
    cr.ServiceUser: {
        "date_of_birth": "date",
        "needs": "labels",
        "notes": "text",
        "plan": "nested",
        "contacts": "nested",
        "required_training": "shown-in-tables",
    },
    cr.StaffMember: {"phone": "text", "absences": "nested"},
    cr.Absence: {"reason": "text"},
    cr.EpilepsyProcedure: {"details": "text"},
    cr.ServicePlan: {"needs": "items", "care_needs": "nested"},
    cr.PersonalFile: {
        "date_of_birth": "date",
        "epilepsy": "flag",
        "medication_procedures": "nested",
        "epilepsy_procedure": "nested",
        "primary_contact": "nested",
        "secondary_contact": "nested",
    },
    cr.FeedbackResponse: {"respondent": "text", "comments": "text"},
    cr.MedicationLog: {"events": "nested", "records": "nested"},
    cr.MedicationRecordCheck: {"events": "nested", "unrecorded": "nested", "extra_records": "nested"},
    cr.Scenario: {"notes": "items"},
}

#: Fields whose names suggest sensitive content but which hold none, and why they may show.
VISIBLE: dict[tuple[type, str], str] = {
    (cr.ServiceUser, "name"): "operator tables and reports need to say who a row is about",
    (cr.StaffMember, "name"): "operator tables need to say who a candidate is",
    (cr.AgreedTraining, "name"): "a course name from the provider's training list",
    (cr.SupportArea, "name"): "policy vocabulary: a 1-2-1 support area",
    (cr.PermittedTask, "name"): "policy vocabulary: a task the provider permits",
    (cr.Policy, "name"): "the policy's own name",
    (cr.Rate, "note"): "a note on a rate in the provider's policy",
    (cr.InvoiceLine, "description"): "generated by carerules from times, kinds, categories and ids, never free text",
    (cr.PayLine, "description"): "generated by carerules from times and kinds, never free text",
    (cr.UnpricedLine, "description"): "generated by carerules from times and kinds, never free text",
    (cr.UnpricedLine, "needs"): "the rates a forecast line needs (policy vocabulary), not a person's needs",
    (cr.NeededRate, "needed_for"): "the date of the time a missing rate would price, not a person's need",
    (cr.Reason, "detail"): "generated by the rules; this suite proves no sensitive value reaches it",
    (cr.Finding, "detail"): "generated by the rules; this suite proves no sensitive value reaches it",
    (cr.Unmet, "detail"): "generated by the rules; this suite proves no sensitive value reaches it",
    (cr.CareCase, "contacts"): "the kinds of contact asked about (policy vocabulary), each answered in the report",
    (cr.CareCase, "medication_file"): "a MedicationFile, which hides its own sensitive fields",
    (cr.CareCase, "medication_requests"): "MedicationRequests, which hide the medication",
    (cr.CareCase, "medication_events"): "MedicationEvents, which hide the medication",
    (cr.CareCase, "medication_records"): "MedicationRecords, which hide the medication",
    (cr.CareCase, "medication_requests_on"): "the date the medication requests are for, not a health detail",
    (cr.CareCase, "contact_plan"): "a ContactPlan, which hides the kinds it lists and its note",
    (cr.CareReport, "medication_requests"): "MedicationRequests, which hide the medication",
    (cr.CareReport, "medication"): "decisions whose reasons never name the medication",
    (cr.CareReport, "medication_requests_on"): "the date the medication requests were judged for",
    (cr.CareReport, "contacts"): "the checks of the kinds of contact asked about",
    (cr.ContactChecks, "kinds"): "the kinds of contact asked about, each the subject of an answer",
    (cr.Scenario, "care"): "CareCases, whose sensitive parts hide themselves",
    (cr.OnboardingScenario, "medication"): "MedicationLogs, which hide their events and records",
    (cr.Resident, "need_identified"): "whether a need was identified (an eligibility criterion), not the need itself",
    (cr.SupportArea, "topics"): "policy vocabulary: the topics of a support area",
    (cr.CareReport, "epilepsy"): "whether the epilepsy procedure blocks sessions: the operator must act on it",
    (cr.CoverOptions, "needed"): "whether cover is needed",
    (cr.Unmet, "condition"): "which readiness condition is unmet (policy vocabulary)",
    (cr.Task, "activity"): "policy vocabulary: the care task being classified is the question itself",
    (cr.Goal, "topic"): "a topic from the policy's support areas, shown so plans can be checked",
    (cr.RiskAssessment, "topic"): "the heading of a risk assessment, which compliance findings must name",
    (cr.DutyStatus, "open_topics"): "risk-assessment headings still without a final, which the finding must name",
    (cr.CareBoundaries, "contact_kinds"): "policy vocabulary",
    (cr.Band, "name"): "tariff vocabulary: the name of a time band",
    (cr.DayType, "name"): "tariff vocabulary: the name of a day type",
    (cr.DayType, "holiday_names"): "tariff vocabulary: public holidays by their names in the holidays package",
    (cr.TariffRate, "name"): "tariff vocabulary: the rate's label, quoted in every explanation",
    (cr.CancellationWaiver, "name"): "tariff vocabulary: a waiver the provider's cancellation terms recognise",
    (cr.Fee, "name"): "tariff vocabulary: the name of a one-off fee (assessment, set-up)",
    (cr.Surcharge, "name"): "tariff vocabulary: the name of a payment-method surcharge",
}

_SUGGESTIVE = re.compile(
    r"note|description|detail|comment|need|medication|phone|email|address|(^|_)reason$|respondent|birth"
    r"|epilepsy|allerg|condition|diagnos|contact|name|health|topic|activity|goal_text|incident"
)


def _public_attrs_classes() -> Iterator[type]:
    for name in PUBLIC_NAMES:
        obj = getattr(cr, name)
        if isinstance(obj, type) and attrs.has(obj):
            yield obj


def test_every_field_whose_name_suggests_sensitive_content_is_classified() -> None:
    """A new field named like a note, need, contact or health detail must be added to SENSITIVE or VISIBLE."""
    unclassified = []
    for cls in _public_attrs_classes():
        for f in attrs.fields(cls):
            known = f.name in SENSITIVE.get(cls, {}) or (cls, f.name) in VISIBLE
            if _SUGGESTIVE.search(f.name) and not known:
                unclassified.append(f"{cls.__name__}.{f.name}")
    assert unclassified == []


def test_every_sensitive_field_is_kept_out_of_repr() -> None:
    shown = [
        f"{cls.__name__}.{name}"
        for cls, fields in SENSITIVE.items()
        for name in fields
        if attrs.fields_dict(cls)[name].repr
    ]
    assert shown == []


def test_the_sensitive_table_names_real_public_fields() -> None:
    public = set(_public_attrs_classes())
    for cls, fields in SENSITIVE.items():
        assert cls in public
        assert set(fields) <= set(attrs.fields_dict(cls))
    for cls, name in VISIBLE:
        assert name in attrs.fields_dict(cls), (cls, name)


# --- Planting markers --------------------------------------------------------------------------------------------


class Planter:
    """Puts markers into every sensitive field of an object tree, keeping it valid."""

    def __init__(self) -> None:
        self.count = 0

    def _next(self) -> str:
        self.count += 1
        return f"Zqxjv{self.count}"

    def plant(self, obj: Any) -> Any:
        if isinstance(obj, tuple):
            return tuple(self.plant(x) for x in obj)
        if not attrs.has(type(obj)) or isinstance(obj, cr.Policy | cr.Decision):
            return obj
        kinds = SENSITIVE.get(type(obj), {})
        changes: dict[str, Any] = {}
        for f in attrs.fields(type(obj)):
            if not f.init:
                continue
            value = getattr(obj, f.name)
            planted = self._value(kinds.get(f.name), value)
            if planted is not value:
                changes[f.name] = planted
        return attrs.evolve(obj, **changes) if changes else obj

    def _value(self, kind: str | None, value: Any) -> Any:
        if kind == "text":
            return f"{value or ''} <b>{self._next()}</b>"
        if kind == "medication":
            return f"{MARK} {value}"
        if kind == "labels":
            return frozenset(f"{MARK}-{v}" for v in value) | {self._next()}
        if kind == "slugs":
            return frozenset(f"{MARK}-{v}" for v in value)
        if kind == "items":
            return (*(f"{MARK} {v}" for v in value), self._next())
        if kind == "date":
            return SECRET_DAY
        if kind in ("flag", "audit-date", "shown-in-tables"):
            return value
        return self.plant(value)


def plant(obj: Any) -> Any:
    return Planter().plant(obj)


# --- Collecting everything that is shown -------------------------------------------------------------------------


def shown(obj: Any, policy: cr.Policy = cr.BUDDIES, depth: int = 0) -> list[str]:
    """Every rendering of ``obj`` and of the objects inside it (never raw field values)."""
    out = [repr(obj), str(obj), format(obj, "")]
    if depth > 6:
        return out
    if isinstance(obj, tuple | list):
        for x in obj:
            out += shown(x, policy, depth + 1)
        return out
    if isinstance(obj, cr.Decision):
        out.append(obj.explain())
        out += [f"{r.detail} {r.would_change}" for r in obj.reasons]
        out += list(obj.missing)
        out += shown(obj.answer, policy, depth + 1)
    for method in ("rows", "_repr_html_"):
        if callable(getattr(obj, method, None)):
            out.append(repr(getattr(obj, method)()))
    render = getattr(obj, "render", None)
    if callable(render):
        params = inspect.signature(render).parameters
        given_args = {"policy": policy, "tz": policy.tz}
        args = {n: given_args[n] for n, p in params.items() if p.default is inspect.Parameter.empty}
        out.append(render(**args))
        if "explain" in params:
            out.append(render(**args, explain=True))
    if attrs.has(type(obj)) and not isinstance(obj, cr.Policy):
        for f in attrs.fields(type(obj)):
            value = getattr(obj, f.name)
            items = value if isinstance(value, tuple) else (value,)
            for item in items:
                if attrs.has(type(item)) or isinstance(item, cr.Decision):
                    out += shown(item, policy, depth + 1)
    return out


def leaks(texts: list[str]) -> list[str]:
    """The places in ``texts`` that show a marker, with a little context."""
    found = []
    for t in texts:
        low = t.lower()
        for needle in (MARK, *_DAY_FORMS):
            at = low.find(needle.lower())
            if at >= 0:
                found.append(t[max(0, at - 60) : at + 40])
    return found


def assert_private(*objects: Any, policy: cr.Policy = cr.BUDDIES) -> None:
    for obj in objects:
        assert leaks(shown(obj, policy)) == []


def secrets_held(obj: Any) -> set[str]:
    """The planted markers held anywhere inside ``obj`` (raw field values)."""
    if isinstance(obj, str):
        return {obj} if MARK in obj.lower() else set()
    if obj == SECRET_DAY:
        return {SECRET_DAY.isoformat()}
    if isinstance(obj, tuple | frozenset | list):
        return set().union(*(secrets_held(x) for x in obj))
    if attrs.has(type(obj)) and not isinstance(obj, cr.Policy):
        return set().union(*(secrets_held(getattr(obj, f.name)) for f in attrs.fields(type(obj))))
    return set()


def assert_round_trip_keeps_secrets(obj: Any) -> None:
    """The serialised form holds every planted value, and reads back to an equal object."""
    data = to_data(obj)
    json.dumps(data)
    held = list(_strings(data))
    for secret in secrets_held(obj):
        assert any(secret in x for x in held)
    assert from_data(data, type(obj)) == obj


def _strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for k, v in data.items():
            yield from _strings(k)
            yield from _strings(v)
    elif isinstance(data, list):
        for x in data:
            yield from _strings(x)


# --- Charging ----------------------------------------------------------------------------------------------------


@settings(max_examples=40)
@given(st.data())
def test_charging_notes_and_descriptions_stay_private(data: st.DataObject) -> None:
    policy = data.draw(S.policies())
    session = data.draw(S.sessions(service_user="su-ada"))
    cancellation = plant(data.draw(S.cancellations(session)))
    expense = plant(data.draw(S.expenses(service_user="su-ada")))
    agreement = plant(data.draw(S.expense_agreements(service_user="su-ada")))
    days = [session.start.date(), expense.incurred_on]
    period = cr.Period(min(days) - timedelta(days=1), max(days) + timedelta(days=1))
    staff = session.staff or "st-dee"
    session = attrs.evolve(session, staff=staff)
    assert_private(cancellation, expense, agreement)
    assert_private(
        cr.decide_cancellation(session, cancellation, policy),
        cr.decide_expense(expense, [agreement]),
        cr.build_invoice(
            "su-ada",
            period,
            policy,
            sessions=[session],
            cancellations=[cancellation],
            expenses=[expense],
            agreements=[agreement],
        ),
        cr.build_pay_statement(staff, period, policy, sessions=[session], cancellations=[cancellation]),
    )
    for obj in (cancellation, expense, agreement):
        assert_round_trip_keeps_secrets(obj)


# --- 1-2-1 Support -----------------------------------------------------------------------------------------------


@pytest.mark.tz
@settings(max_examples=25)
@given(S.one_to_one_sections(), S.schedule_periods())
def test_one_to_one_needs_goals_and_notes_stay_private(section: cr.OneToOneSection, period: cr.Period) -> None:
    section = plant(section)
    policy = cr.ONE_TO_ONE_SUPPORT
    outputs: list[Any] = [section, *cr.report_cases(section, policy, period)]
    for case in section.cases:
        outputs.append(cr.check_eligibility(case.resident, policy))
        if case.plan is not None:
            outputs.append(cr.schedule(case.plan, policy, period))
            at = section.as_of
            outputs.append(cr.plan_status(case.plan, policy, at, sessions=case.sessions, reviews=case.reviews))
    assert_private(*outputs, policy=policy)
    assert_round_trip_keeps_secrets(section)


# --- Care boundaries ---------------------------------------------------------------------------------------------


@settings(max_examples=40)
@given(S.care_cases())
def test_medication_names_contact_plans_and_epilepsy_stay_private(case: cr.CareCase) -> None:
    case = plant(case)
    report = cr.care_report(case, cr.BUDDIES)
    file = case.medication_file or cr.MedicationFile(case.service_user)
    outputs: list[Any] = [case, report, report.render(), cr.epilepsy_procedure_ready(file)]
    on = case.medication_requests_on
    outputs += [cr.decide_medication(r, file, on) for r in case.medication_requests if on is not None]
    outputs.append(
        cr.check_medication_records(
            case.medication_events, case.medication_records, file=file, responsible=case.responsible
        )
    )
    if case.contact_plan is not None:
        outputs.append(cr.check_contacts(case.contacts, case.contact_plan, cr.BUDDIES))
    assert_private(*outputs)
    assert_round_trip_keeps_secrets(case)


# --- Matching and cover ------------------------------------------------------------------------------------------


@settings(max_examples=30)
@given(st.data())
def test_service_user_and_staff_details_stay_private_in_matching(data: st.DataObject) -> None:
    user = plant(data.draw(S.service_users(id="su-ada")))
    staff = [plant(s) for s in data.draw(S.staff_teams(min_size=2, max_size=4))]
    policy = cr.BUDDIES
    session = attrs.evolve(data.draw(S.sessions(service_user=user.id)), staff=staff[0].id)
    outputs: list[Any] = [user, *staff]
    outputs.append(cr.rank_staff(user, staff, policy))
    outputs.append(cr.fit(user, staff[0], policy))
    outputs.append(cr.suggest_pair(user, staff, policy, on=FIRST_SESSION))
    outputs.append(cr.check_pair(user, staff[0], staff[1], policy))
    outputs.append(cr.cover_options(session, user, staff, policy, booked=[session]))
    with contextlib.suppress(cr.MissingDependency):
        outputs.append(cr.assign_all([user], staff, policy))
    assert_private(*outputs)
    assert secrets_held(user)
    for obj in (user, *staff):
        assert_round_trip_keeps_secrets(obj)


# --- Onboarding and compliance -----------------------------------------------------------------------------------


@pytest.mark.tz
@settings(max_examples=30)
@given(S.onboarding_scenarios(), S.feedback_responses())
def test_personal_files_contacts_and_feedback_stay_private(
    scenario: cr.OnboardingScenario, response: cr.FeedbackResponse
) -> None:
    scenario = plant(scenario)
    response = plant(response)
    policy = cr.BUDDIES
    report = cr.compliance_report(
        policy,
        scenario.at,
        files=scenario.files,
        contracts=scenario.contracts,
        training=scenario.training,
        feedback_forms=scenario.feedback_forms,
        medication=scenario.medication,
    )
    outputs: list[Any] = [scenario, response, report, report.render(policy)]
    contracts = {c.service_user: c for c in scenario.contracts}
    for file in scenario.files:
        contract = contracts.get(file.service_user)
        try:
            outputs.append(cr.check_readiness(file, policy, contract=contract, training=scenario.training))
        except cr.InvalidInput as exc:  # e.g. a final risk assessment dated before the first session
            outputs.append(exc)
    by_user = {f.service_user: f for f in scenario.files}
    outputs += [cr.medication_findings(log, file=by_user[log.service_user]) for log in scenario.medication]
    assert_private(*outputs)
    assert_round_trip_keeps_secrets(scenario)
    assert_round_trip_keeps_secrets(response)


def test_scenario_notes_stay_out_of_repr_but_survive_serialisation() -> None:
    path = Path(cr.__file__).parent / "examples" / "buddies-month.json"
    scenario = plant(cr.load_scenario(json.loads(path.read_text())))
    assert leaks([repr(scenario)]) == []
    assert_round_trip_keeps_secrets(scenario)


def test_health_flags_are_kept_out_of_repr() -> None:
    file = cr.MedicationFile("su-ada", epilepsy=True, epilepsy_procedure_filed=date(2026, 1, 5))
    personal = cr.PersonalFile("su-ada", epilepsy=True)
    for obj in (file, personal):
        assert "epilepsy=" not in repr(obj)
    assert "2026-01-05" not in repr(file)
    assert "2026, 1, 5" not in repr(file)


# --- Errors ------------------------------------------------------------------------------------------------------

SECRET_TEXT = "Zqxjv: epilepsy, 07700 900123"

#: (strategy for a valid object, field, a bad value holding the marker, the field path the error must name)
ERROR_CASES: list[tuple[Callable[[], st.SearchStrategy[Any]], str, Any, str]] = [
    (lambda: S.cancellations(cr.Session("s1", "su-ada", _t(10), _t(12))), "note", [SECRET_TEXT], "cancellation.note"),
    (S.expenses, "description", [SECRET_TEXT], "expense.description"),
    (S.expense_agreements, "note", [SECRET_TEXT], "agreement.note"),
    (S.residents, "need", [SECRET_TEXT], "resident.need"),
    (S.steps, "description", [SECRET_TEXT], "step.description"),
    (S.progress_notes, "note", [SECRET_TEXT], "progress.note"),
    (S.goals, "description", [SECRET_TEXT], "goal.description"),
    (S.medication_requests, "medication", [SECRET_TEXT], "medication_request.medication"),
    (S.medication_procedures, "medication", [SECRET_TEXT], "procedure.medication"),
    (S.medication_procedures, "note", [SECRET_TEXT], "procedure.note"),
    (S.medication_files, "epilepsy", SECRET_TEXT, "medication_file.epilepsy"),
    (S.medication_files, "epilepsy_procedure_filed", SECRET_TEXT, "medication_file.epilepsy_procedure_filed"),
    (S.medication_events, "medication", [SECRET_TEXT], "medication_event.medication"),
    (S.medication_records, "medication", [SECRET_TEXT], "medication_record.medication"),
    (S.contact_plans, "note", [SECRET_TEXT], "contact_plan.note"),
    (S.contact_plans, "appropriate", [SECRET_TEXT], "contact_plan.appropriate"),
    (S.contact_plans, "ruled_out", SECRET_TEXT, "contact_plan.ruled_out"),
    (S.contacts, "name", [SECRET_TEXT], "contact.name"),
    (S.contacts, "phone", [SECRET_TEXT], "contact.phone"),
    (S.contacts, "email", [SECRET_TEXT], "contact.email"),
    (S.plan_permissions, "permitted", frozenset({f" {SECRET_TEXT} "}), "plan.permitted"),
    (S.plan_permissions, "ruled_out", [SECRET_TEXT], "plan.ruled_out"),
    (S.service_users, "date_of_birth", SECRET_TEXT, "service_user.date_of_birth"),
    (S.service_users, "needs", frozenset({f" {SECRET_TEXT}"}), "service_user.needs"),
    (S.service_users, "needs", [SECRET_TEXT], "service_user.needs"),
    (S.service_users, "required_training", [SECRET_TEXT], "service_user.required_training"),
    (S.service_users, "notes", [SECRET_TEXT], "service_user.notes"),
    (S.staff_members, "phone", [SECRET_TEXT], "staff.phone"),
    (S.absences, "reason", [SECRET_TEXT], "absence.reason"),
    (
        lambda: st.builds(cr.EpilepsyProcedure, documented_on=st.just(date(2026, 1, 1))),
        "details",
        [SECRET_TEXT],
        "epilepsy_procedure.details",
    ),
    (S.service_plans, "needs", [SECRET_TEXT], "service_plan.needs"),
    (S.personal_files, "date_of_birth", SECRET_TEXT, "personal_file.date_of_birth"),
    (S.personal_files, "epilepsy", SECRET_TEXT, "personal_file.epilepsy"),
    (S.personal_files, "epilepsy_procedure", {"details": SECRET_TEXT}, "personal_file.epilepsy_procedure"),
    (S.personal_files, "primary_contact", {"phone": SECRET_TEXT}, "personal_file.primary_contact"),
    (S.personal_files, "secondary_contact", SECRET_TEXT, "personal_file.secondary_contact"),
    (
        lambda: st.builds(cr.SessionRecord, scheduled=st.just(_t(10)), outcome=st.sampled_from(cr.SessionOutcome)),
        "note",
        [SECRET_TEXT],
        "session_record.note",
    ),
    (lambda: st.builds(cr.ReviewRecord, held_on=S.local_dates()), "note", [SECRET_TEXT], "review_record.note"),
    (S.feedback_responses, "respondent", [SECRET_TEXT], "feedback_response.respondent"),
    (S.feedback_responses, "comments", [SECRET_TEXT], "feedback_response.comments"),
]


def _t(hour: int) -> datetime:
    from tests.conftest import london

    return london(2026, 10, 20, hour)


def _assert_redacted(exc: cr.InvalidInput, field: str) -> None:
    assert field in exc.field
    assert exc.sensitive
    for text in (str(exc), repr(exc), *map(str, exc.args)):
        assert MARK not in text.lower()
        assert "07700" not in text
        assert field in text
        assert "<redacted" in text


@pytest.mark.parametrize(("strategy", "field", "bad", "path"), ERROR_CASES, ids=[c[3] for c in ERROR_CASES])
@settings(max_examples=5)
@given(data=st.data())
def test_errors_name_the_sensitive_field_without_echoing_its_value(
    data: st.DataObject, strategy: Callable[[], st.SearchStrategy[Any]], field: str, bad: Any, path: str
) -> None:
    obj = data.draw(strategy())
    with pytest.raises(cr.InvalidInput) as caught:
        attrs.evolve(obj, **{field: bad})
    _assert_redacted(caught.value, path)


#: How error messages name each class's fields (the snake-case class name unless listed).
_PREFIX = {
    cr.ExpenseAgreement: "agreement",
    cr.MedicationProcedure: "procedure",
    cr.PlanPermissions: "plan",
    cr.StaffMember: "staff",
}


def test_every_sensitive_field_has_an_error_case() -> None:
    """Scenario.notes is excluded: it is only read from files, where text errors are redacted (tested below)."""
    covered = {path for *_, path in ERROR_CASES}
    missing = []
    for cls, fields in SENSITIVE.items():
        prefix = _PREFIX.get(cls, re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower())
        missing += [
            f"{prefix}.{name}"
            for name, kind in fields.items()
            if kind != "nested" and cls is not cr.Scenario and f"{prefix}.{name}" not in covered
        ]
    assert missing == []


def test_cross_field_errors_redact_sensitive_values() -> None:
    with pytest.raises(cr.InvalidInput) as both_kinds:
        cr.ContactPlan("su-ada", appropriate=["zqxjv-hug"], ruled_out=["zqxjv-hug"])
    _assert_redacted(both_kinds.value, "contact_plan.ruled_out")
    with pytest.raises(cr.InvalidInput) as both_labels:
        cr.PlanPermissions(permitted=frozenset({"Zqxjv"}), ruled_out=frozenset({"Zqxjv"}))
    _assert_redacted(both_labels.value, "plan.ruled_out")
    with pytest.raises(cr.InvalidInput) as kind:
        cr.ContactPlan("su-ada", appropriate=["Zqxjv hugs when upset"])
    _assert_redacted(kind.value, "contact_plan.appropriate")
    primary = cr.Contact(cr.ContactRole.PRIMARY, "Zqxjv Bloggs", phone="07700 900123")
    secondary = cr.Contact(cr.ContactRole.SECONDARY, "zqxjv  bloggs")
    with pytest.raises(cr.InvalidInput) as same:
        cr.PersonalFile("su-ada", primary_contact=primary, secondary_contact=secondary)
    assert "personal_file.secondary_contact" in str(same.value)
    assert leaks([str(same.value), repr(same.value)]) == []
    assert "07700" not in str(same.value)
    with pytest.raises(cr.InvalidInput) as born:
        cr.age_on(date(2030, 1, 1), date(2026, 1, 1))
    assert "2030" not in str(born.value)
    assert "date_of_birth" in str(born.value)


def test_readiness_refuses_a_birth_date_after_the_first_session_without_showing_it() -> None:
    file = cr.PersonalFile("su-ada", date_of_birth=date(2027, 3, 7), first_session=date(2026, 5, 1))
    with pytest.raises(cr.InvalidInput) as caught:
        cr.check_readiness(file, cr.BUDDIES)
    assert "2027" not in str(caught.value)
    assert "personal_file.date_of_birth" in str(caught.value)


def test_unknown_required_course_is_redacted_but_staff_courses_are_shown() -> None:
    policy = attrs.evolve(
        cr.BUDDIES, matching=attrs.evolve(cr.BUDDIES.matching.latest, courses=frozenset({"first-aid"}))
    )
    user = cr.ServiceUser("su-ada", "Ada", date(2000, 1, 1), required_training=frozenset({"Zqxjv-care"}))
    staff = cr.StaffMember("st-dee", "Dee")
    with pytest.raises(cr.InvalidInput) as caught:
        cr.rank_staff(user, [staff], policy)
    _assert_redacted(caught.value, "required_training")


def test_redaction_reports_kind_and_size_and_keeps_the_value_for_the_caller() -> None:
    exc = cr.InvalidInput("contact.phone", "07700 900123", "a non-empty string", sensitive=True)
    assert str(exc) == "contact.phone: got <redacted, 12 chars>; expected a non-empty string"
    assert exc.value == "07700 900123"
    listed = cr.InvalidInput("service_user.needs", ["a", "b"], "a frozenset", sensitive=True)
    assert "<redacted list of 2 items>" in str(listed)
    plain = cr.InvalidInput("session.id", "s-1", "a non-empty string")
    assert "'s-1'" in str(plain)
    assert not plain.sensitive


def test_reading_a_bad_text_value_from_data_names_the_place_not_the_content() -> None:
    data = {"medication": ["Zqxjv 500mg"], "form": "tablet", "support": "prompt"}
    with pytest.raises(cr.InvalidInput) as caught:
        from_data(data, cr.MedicationRequest)
    assert "$.medication" in str(caught.value)
    assert "<redacted list of 1 items>" in str(caught.value)
    assert MARK not in str(caught.value).lower()


def test_a_wrongly_typed_argument_is_reported_by_kind_when_it_could_hold_text() -> None:
    """The argument guard cannot know which argument is sensitive: text and containers are not echoed."""
    staff = cr.StaffMember("st-a", "A")
    with pytest.raises(cr.InvalidInput, match=r"^user: got <redacted, 11 chars>; expected a ServiceUser$"):
        cr.fit("Zqxjv 500mg", staff, cr.BUDDIES)  # type: ignore[arg-type]
    with pytest.raises(cr.InvalidInput, match=r"^user: got 5; expected a ServiceUser$"):
        cr.fit(5, staff, cr.BUDDIES)  # type: ignore[arg-type]
    with pytest.raises(cr.InvalidInput) as caught:
        cr.fit("Zqxjv 500mg")  # type: ignore[call-arg, arg-type]
    assert str(caught.value).startswith("fit: got <redacted tuple of 2 items>; expected arguments matching fit(")
    assert "Zqxjv" not in str(caught.value)


@pytest.mark.parametrize("bad", ["1999-02-30", "31/12/1999", 19991231])
def test_reading_a_malformed_date_names_the_place_not_the_value(bad: object) -> None:
    """A date of birth is personal data: a malformed one is located, not echoed."""
    data = to_data(cr.ServiceUser("su-a", "A", date(2000, 1, 1)))
    data["date_of_birth"] = bad
    with pytest.raises(cr.InvalidInput) as caught:
        from_data(data, cr.ServiceUser)
    message = str(caught.value)
    assert message.startswith("$.date_of_birth: date: got <redacted")
    assert str(bad) not in message


def _planted_report(example: str) -> dict[str, Any]:
    """The report of a bundled example with secrets planted in every sensitive field (its notes kept)."""
    from carerules._cli import build_report

    path = Path(cr.__file__).parent / "examples" / example
    original = cr.load_scenario(json.loads(path.read_text()))
    scenario = attrs.evolve(plant(original), notes=original.notes)
    assert secrets_held(scenario)
    return build_report(scenario)


@pytest.mark.tz
@pytest.mark.parametrize("example", ["buddies-month.json", "one-to-one-residents.json"])
def test_the_command_line_text_report_shows_no_sensitive_value(example: str) -> None:
    """The text report prints the scenario's own notes (the author's words), never what is held about people."""
    from carerules._cli import render_text

    report = _planted_report(example)
    for explain in (False, True):
        assert leaks([render_text(report, explain=explain)]) == []


@pytest.mark.parametrize("example", ["buddies-month.json", "one-to-one-residents.json"])
def test_the_command_line_json_report_redacts_sensitive_values_unless_asked(example: str) -> None:
    """docs/privacy.md: --json is a report; --include-sensitive makes it a full export."""
    from carerules._cli import render_json

    report = _planted_report(example)
    assert leaks([render_json(report)]) == []
    assert leaks([render_json(report, include_sensitive=True)]) != []


def test_the_json_report_of_the_bundled_example_names_no_medication() -> None:
    from carerules._cli import main

    for flags, shown in (((), False), (("--include-sensitive",), True)):
        out, err = io.StringIO(), io.StringIO()
        assert main(["--json", *flags], out, err) == 0, err.getvalue()
        assert ("salbutamol" in out.getvalue().casefold()) is shown
        assert ('"<redacted>"' in out.getvalue()) is not shown


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("onboarding", "files", 2, "date_of_birth"), "2031-07-19"),
        (("matching", "service_users", 0, "required_training"), [" zqxjv course "]),
    ],
)
def test_command_line_errors_about_sensitive_fields_do_not_echo_the_value(
    tmp_path: Path, path: tuple[Any, ...], value: Any
) -> None:
    """The CLI's locator used to print ``$.onboarding.files[0].date_of_birth: got '2031-07-19'``."""
    from carerules._cli import main

    data = json.loads((Path(cr.__file__).parent / "examples" / "buddies-month.json").read_text())
    target: Any = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    file = tmp_path / "scenario.json"
    file.write_text(json.dumps(data))
    out, err = io.StringIO(), io.StringIO()
    status = main([str(file)], out, err)
    assert status == 2, out.getvalue()[:200]
    assert "2031-07-19" not in err.getvalue()
    assert "zqxjv" not in err.getvalue()
    assert "<redacted" in err.getvalue()
