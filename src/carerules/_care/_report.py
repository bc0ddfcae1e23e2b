"""One Service User's care questions in a scenario file, and the report's answers to them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import attrs

from carerules._care._contact import ContactAnswer, ContactChecks, check_contacts
from carerules._care._medication import (
    MedicationFile,
    MedicationOutcome,
    MedicationRequest,
    decide_medication,
    epilepsy_procedure_ready,
)
from carerules._care._medication_record import (
    MedicationEvent,
    MedicationRecord,
    MedicationRecordCheck,
    ResponsibilityWindow,
    check_medication_records,
)
from carerules._care._model import ContactPlan, Task
from carerules._care._personal import ClassifiedTasks, classify_tasks, label
from carerules._charging._model import Session
from carerules._display import Tabular
from carerules._errors import InvalidInput
from carerules._guard import public
from carerules._policy import Policy
from carerules._policy._clauses import frozen_roles, role_name
from carerules._rules import Decision, PolicyStamp
from carerules._validate import instance, is_optional_date, items_of, one_answer_each, text


@attrs.frozen
class CareCase:
    """What a scenario asks about one Service User's care: planned tasks, medication, contact.

    ``medication_file`` and ``contact_plan`` are what the person's file
    holds; without a file, medication is judged against an empty one (no
    documented procedures), and without a plan every contact is referred.
    ``medication_requests_on`` is the local date the requests are asked
    for (required with any request: a procedure counts only once on file).
    ``responsible`` lists times the service was responsible for the person
    besides the sessions :func:`care_report` is given; inhaler use outside
    all of them needs no record.
    """

    service_user: str = attrs.field(validator=text("care.service_user"))
    tasks: tuple[Task, ...] = attrs.field(default=(), validator=items_of(Task, "care.tasks"))
    medication_file: MedicationFile | None = attrs.field(
        default=None, validator=attrs.validators.optional(instance(MedicationFile, "care.medication_file"))
    )
    medication_requests: tuple[MedicationRequest, ...] = attrs.field(
        default=(), validator=items_of(MedicationRequest, "care.medication_requests", sensitive=True)
    )
    medication_events: tuple[MedicationEvent, ...] = attrs.field(
        default=(), validator=items_of(MedicationEvent, "care.medication_events", sensitive=True)
    )
    medication_records: tuple[MedicationRecord, ...] = attrs.field(
        default=(), validator=items_of(MedicationRecord, "care.medication_records", sensitive=True)
    )
    contact_plan: ContactPlan | None = attrs.field(
        default=None, validator=attrs.validators.optional(instance(ContactPlan, "care.contact_plan"))
    )
    contacts: tuple[str, ...] = attrs.field(default=(), validator=items_of(str, "care.contacts"))
    medication_requests_on: date | None = attrs.field(
        default=None, validator=is_optional_date("care.medication_requests_on")
    )
    responsible: tuple[ResponsibilityWindow, ...] = attrs.field(
        default=(), validator=items_of(ResponsibilityWindow, "care.responsible")
    )

    def __attrs_post_init__(self) -> None:
        for field, held in (("medication_file", self.medication_file), ("contact_plan", self.contact_plan)):
            owner = getattr(held, "service_user", self.service_user)
            if owner != self.service_user:
                raise InvalidInput(f"care.{field}.service_user", owner, f"{self.service_user!r}, whose case this is")
        if self.medication_requests and self.medication_requests_on is None:
            raise InvalidInput(
                "care.medication_requests_on", None, "the local date the medication requests are for (YYYY-MM-DD)"
            )


def _task_line(task: Task) -> str:
    name = f"{task.id}: " if task.id else ""
    podiatrist = ", by a podiatrist" if task.by_podiatrist else ""
    return (
        f"{name}{task.help.value} with {label(task.activity)} "
        f"(place {task.place.value}, can decide {task.can_decide.value}{podiatrist})"
    )


def _reasons(decision: Decision[Any], indent: str = "      ") -> list[str]:
    return [f"{indent}{line}" for line in decision.explain().splitlines()]


@attrs.frozen
class CareReport(Tabular):
    """The answers to one :class:`CareCase`, each with its reasons."""

    service_user: str
    tasks: ClassifiedTasks
    medication_requests: tuple[MedicationRequest, ...] = attrs.field(
        validator=instance(tuple, "care_report.medication_requests")
    )
    medication: tuple[Decision[MedicationOutcome], ...] = attrs.field(
        validator=instance(tuple, "care_report.medication")
    )
    epilepsy: Decision[bool] | None
    records: Decision[MedicationRecordCheck] | None
    contacts: ContactChecks
    #: What the policy calls each role the answers name (see :data:`carerules.ROLES`).
    roles: Mapping[str, str] = attrs.field(factory=dict, kw_only=True, converter=frozen_roles, hash=False)
    #: The policy that produced the report.
    policy: PolicyStamp | None = attrs.field(default=None, kw_only=True)
    #: The local date the medication requests were judged for.
    medication_requests_on: date | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        one_answer_each(self.medication_requests, self.medication, "medication", "medication request")

    def rows(self) -> list[dict[str, Any]]:
        """One plain dict per question answered."""
        rows = [
            self._row(f"task {_task_line(t)}", d.answer.value, d)
            for t, d in zip(self.tasks.tasks, self.tasks.decisions, strict=True)
        ]
        for request, d in zip(self.medication_requests, self.medication, strict=True):
            question = f"medication {_request_line(request)}{self._on()}"
            rows.append(self._row(question, d.answer.answer.value, d))
        if self.epilepsy is not None:
            rows.append(self._row("epilepsy procedure", "ready" if self.epilepsy.answer else "blocked", self.epilepsy))
        if self.records is not None:
            rows.append(self._row("medication record", _record_answer(self.records.answer), self.records))
        rows.extend(
            self._row(f"contact {k}", c.answer.value, c)
            for k, c in zip(self.contacts.kinds, self.contacts.decisions, strict=True)
        )
        return rows

    def _row(self, question: str, answer: str, decision: Decision[Any]) -> dict[str, Any]:
        return {
            "service_user": self.service_user,
            "question": question,
            "answer": answer,
            "rules": ", ".join(decision.rule_ids),
        }

    def _on(self) -> str:
        return "" if self.medication_requests_on is None else f" on {self.medication_requests_on}"

    def role(self, key: str) -> str:
        """What the report's policy calls the role ``key``."""
        return role_name(self.roles, key)

    def render(self) -> str:
        """For people: every question, its answer and the reasons under it (roles as the policy names them)."""
        out = [f"Care boundaries for {self.service_user}"]
        for task, d in zip(self.tasks.tasks, self.tasks.decisions, strict=True):
            out.append(f"  task {_task_line(task)}: {d.answer.value} ({d.answer.action_in(self)})")
            out.extend(_reasons(d))
        for n, (request, m) in enumerate(zip(self.medication_requests, self.medication, strict=True), 1):
            outcome = m.answer
            extra = "; record it" if outcome.must_record else ""
            extra += f"; ask {self.role('adviser')}" if outcome.ask_adviser else ""
            out.append(f"  medication request {n}: {_request_line(request)}{self._on()}: {outcome.answer.value}{extra}")
            out.extend(_reasons(m))
        if self.epilepsy is not None:
            state = "no blocker" if self.epilepsy.answer else "MISSING: sessions may not begin"
            out.append(f"  epilepsy procedure: {state}")
            out.extend(_reasons(self.epilepsy))
        if self.records is not None:
            out.append(f"  medication record: {_record_line(self.records.answer)}")
            out.extend(_reasons(self.records))
        for kind, c in zip(self.contacts.kinds, self.contacts.decisions, strict=True):
            answer = c.answer.value if c.answer is not ContactAnswer.ASK else f"ask {self.role('adviser')}"
            out.append(f"  contact {kind}: {answer}")
            out.extend(_reasons(c))
        return "\n".join(out)


def _request_line(request: MedicationRequest) -> str:
    route = "" if request.route is None else f", {request.route.value}"
    return f"{request.support.value} ({request.form.value}{route})"


def _record_answer(check: MedicationRecordCheck) -> str:
    if check.clean:
        return "complete"
    parts = [f"{len(check.unrecorded)} unrecorded"] if check.unrecorded else []
    return ", ".join([*parts, f"{len(check.not_allowed)} not allowed"] if check.not_allowed else parts)


def _record_line(check: MedicationRecordCheck) -> str:
    needed = len(check.needing_record)
    line = f"{needed - len(check.unrecorded)} of {needed} event(s) needing a record recorded"
    if check.not_allowed:
        line += f"; {len(check.not_allowed)} event(s) not allowed"
    if check.outside_responsibility:
        line += f"; {len(check.outside_responsibility)} inhaler use(s) outside the service's responsibility"
    return line


@public
def care_report(case: CareCase, policy: Policy, *, sessions: Iterable[Session] = ()) -> CareReport:
    """Answer every question in ``case`` under ``policy``.

    Medication requests are judged for ``case.medication_requests_on``;
    events as of their own local dates. The service is responsible for the
    person during ``sessions`` (only this person's count; others are
    ignored) and the windows ``case.responsible`` lists.
    """
    file = case.medication_file or MedicationFile(case.service_user)
    plan = case.contact_plan or ContactPlan(case.service_user)
    happened = case.medication_events or case.medication_records
    on = case.medication_requests_on
    windows: tuple[ResponsibilityWindow | Session, ...] = (
        *case.responsible,
        *(s for s in sessions if s.service_user == case.service_user),
    )
    records = None
    if happened:
        records = check_medication_records(
            case.medication_events, case.medication_records, file=file, responsible=windows, policy=policy
        )
    return CareReport(
        service_user=case.service_user,
        tasks=classify_tasks(case.tasks, policy),
        medication_requests=case.medication_requests,
        medication=tuple(
            decide_medication(r, file, on, policy=policy) for r in case.medication_requests if on is not None
        ),
        epilepsy=epilepsy_procedure_ready(case.medication_file) if case.medication_file else None,
        records=records,
        contacts=check_contacts(case.contacts, plan, policy),
        roles=dict(policy.roles),
        medication_requests_on=on,
    )
