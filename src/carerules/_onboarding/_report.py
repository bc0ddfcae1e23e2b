"""The organisation-wide compliance report: who is not ready, what is due or overdue, what is outstanding."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

import attrs

from carerules._care import (
    MedicationEvent,
    MedicationFile,
    MedicationRecord,
    ResponsibilityWindow,
    check_medication_records,
)
from carerules._care._medication_record import RECORD_RULE_IDS
from carerules._care._rules import INHALER_OUTSIDE_RESPONSIBILITY
from carerules._display import Tabular
from carerules._enums import Choice
from carerules._errors import InvalidInput
from carerules._guard import public
from carerules._onboarding import _rules as R
from carerules._onboarding._contract import Contract, contracts_by_service_user
from carerules._onboarding._dates import local_day
from carerules._onboarding._duties import (
    DutyState,
    DutyStatus,
    FeedbackForm,
    TrainingRecords,
    check_feedback,
    check_final_risk_assessment,
    check_training_records,
    missing_training,
)
from carerules._onboarding._model import PersonalFile
from carerules._onboarding._needs import read_needs
from carerules._onboarding._readiness import Readiness, _check_readiness
from carerules._policy import Policy
from carerules._rules import Decision, PolicyStamp, Reason, Source
from carerules._time import format_local, instant_key, require_aware
from carerules._validate import items_of, text


class FindingKind(Choice):
    """What a compliance finding is about."""

    NOT_READY = "not-ready"
    DUE = "due"
    OVERDUE = "overdue"
    MEDICATION_RECORD = "medication-record-missing"
    MEDICATION_NOT_ALLOWED = "medication-not-allowed"
    TRAINING = "training-outstanding"
    DOCUMENT = "document-outstanding"
    PERSONAL_CARE = "personal-care-escalated"
    CARE_UNCLEAR = "care-need-unclear"


@attrs.frozen
class Finding:
    """One thing the report flags, with the rule and clause behind it."""

    service_user: str
    kind: FindingKind
    rule_id: str
    source: Source
    detail: str
    staff: str | None = None
    due_by: datetime | None = attrs.field(default=None, eq=instant_key)
    overdue_by: timedelta | None = None
    would_change: str | None = None

    @classmethod
    def from_reason(cls, service_user: str, kind: FindingKind, reason: Reason, **extra: Any) -> Finding:
        """A finding carrying ``reason``'s rule, source and detail."""
        return cls(
            service_user, kind, reason.rule_id, reason.source, reason.detail, would_change=reason.would_change, **extra
        )


@attrs.frozen
class MedicationLog:
    """What happened and what was written down about one Service User's medication over some sessions.

    ``responsible`` are the times the service was responsible for the
    person (its sessions); inhaler use outside all of them needs no record.
    """

    service_user: str = attrs.field(validator=text("medication_log.service_user"))
    events: tuple[MedicationEvent, ...] = attrs.field(
        default=(), validator=items_of(MedicationEvent, "medication_log.events"), repr=False
    )
    records: tuple[MedicationRecord, ...] = attrs.field(
        default=(), validator=items_of(MedicationRecord, "medication_log.records"), repr=False
    )
    responsible: tuple[ResponsibilityWindow, ...] = attrs.field(
        default=(), validator=items_of(ResponsibilityWindow, "medication_log.responsible"), kw_only=True
    )


@public
def medication_findings(
    log: MedicationLog, *, file: PersonalFile | MedicationFile, policy: Policy | None = None
) -> tuple[Finding, ...]:
    """The care rules' check of ``log`` as findings: events not allowed, then events missing from the record.

    Each event is judged against the procedures in ``file`` (the person's
    file) as of its own local date; a recorded event the rules refuse is a
    ``medication-not-allowed`` finding with the rule that refused it.
    """
    if file.service_user != log.service_user:
        raise InvalidInput("file.service_user", file.service_user, f"{log.service_user!r}, whose log this is")
    meds = file if isinstance(file, MedicationFile) else MedicationFile(file.service_user, file.medication_procedures)
    decision = check_medication_records(log.events, log.records, file=meds, responsible=log.responsible, policy=policy)
    if decision.answer.clean:
        return ()
    return tuple(
        Finding.from_reason(
            log.service_user,
            FindingKind.MEDICATION_RECORD if r.rule_id in RECORD_RULE_IDS else FindingKind.MEDICATION_NOT_ALLOWED,
            r,
        )
        for r in decision.reasons
        if r.rule_id != INHALER_OUTSIDE_RESPONSIBILITY.id
    )


@attrs.frozen
class ComplianceReport(Tabular):
    """Every finding for every Service User at one instant, in file order."""

    at: datetime = attrs.field(eq=instant_key)
    service_users: tuple[str, ...]
    findings: tuple[Finding, ...]
    #: The policy that produced it (id and version).
    policy: PolicyStamp | None = attrs.field(default=None, kw_only=True)

    @property
    def not_ready(self) -> tuple[str, ...]:
        """Service Users whose sessions may not begin yet."""
        return tuple(dict.fromkeys(f.service_user for f in self.findings if f.kind is FindingKind.NOT_READY))

    @property
    def escalated(self) -> tuple[str, ...]:
        """Service Users whose Service Plan needs personal care: the role the policy names is told at once."""
        return tuple(dict.fromkeys(f.service_user for f in self.findings if f.kind is FindingKind.PERSONAL_CARE))

    def of_kind(self, kind: FindingKind) -> tuple[Finding, ...]:
        """The findings of one kind."""
        return tuple(f for f in self.findings if f.kind is kind)

    def for_service_user(self, service_user: str) -> tuple[Finding, ...]:
        """The findings about one Service User."""
        return tuple(f for f in self.findings if f.service_user == service_user)

    def rows(self) -> list[dict[str, Any]]:
        """One plain dict per finding, ready for a DataFrame."""
        return [
            {
                "service_user": f.service_user,
                "kind": f.kind.value,
                "rule_id": f.rule_id,
                "source": str(f.source),
                "detail": f.detail,
                "staff": f.staff,
                "due_by": f.due_by,
                "overdue_hours": None if f.overdue_by is None else f.overdue_by / timedelta(hours=1),
                "would_change": f.would_change,
            }
            for f in self.findings
        ]

    def render(self, policy: Policy) -> str:
        """The report as text, grouped by Service User."""
        lines = [f"Compliance at {format_local(self.at, policy.tz)}"]
        for su in self.service_users:
            mine = self.for_service_user(su)
            lines.append(f"  {su}: {'nothing outstanding' if not mine else f'{len(mine)} finding(s)'}")
            for f in mine:
                who = f" ({f.staff})" if f.staff else ""
                change = f" ({f.would_change})" if f.would_change else ""
                lines.append(f"    - {f.kind.value}{who}: {f.detail}{change} [{f.rule_id}]")
        return "\n".join(lines)


def _duty_finding(su: str, decision: Decision[DutyStatus]) -> Finding | None:
    status = decision.answer
    kinds = {DutyState.DUE: FindingKind.DUE, DutyState.OVERDUE: FindingKind.OVERDUE}
    kind = kinds.get(status.state)
    if kind is None:
        return None
    return Finding.from_reason(su, kind, decision.reasons[0], due_by=status.due_by, overdue_by=status.overdue_by)


def _need_findings(file: PersonalFile, policy: Policy, today: date, *, started: bool) -> list[Finding]:
    """Plan needs the care rules flag, as the plan stood on ``today``: personal care always, the rest once started.

    Before the start, unclear and undescribed needs are already not-ready findings.
    """
    plan = file.as_of(today).service_plan
    if plan is None:
        return []
    found = read_needs(plan, policy)
    su = file.service_user
    out = [
        Finding(su, FindingKind.PERSONAL_CARE, R.PLAN_NEEDS_PERSONAL_CARE.id, R.PLAN_NEEDS_PERSONAL_CARE.cited, d)
        for d in found.personal_care
    ]
    if started:
        for rule, details in ((R.PLAN_NEEDS_UNCLEAR, found.unclear), (R.PLAN_NEEDS_DESCRIBED, found.undescribed)):
            out.extend(Finding(su, FindingKind.CARE_UNCLEAR, rule.id, rule.cited, d) for d in details)
    return out


@public
def service_user_findings(
    file: PersonalFile,
    policy: Policy,
    at: datetime,
    *,
    contract: Contract | None = None,
    training: TrainingRecords | None = None,
    feedback_forms: Iterable[FeedbackForm] = (),
    readiness: Decision[Readiness] | None = None,
) -> tuple[Finding, ...]:
    """The findings for one Service User at instant ``at``.

    Before the first session (or with none booked): every unmet readiness
    condition. From the first session: the final-risk-assessment deadline and
    the yearly feedback form when due or overdue, and each need of the
    Service Plan on file that the care rules leave unclear or undescribed.
    Always: each plan need that is personal care (escalated), outstanding
    copies of other assessments and outstanding (not pre-start) training.
    ``readiness`` is a readiness decision made elsewhere for this file (by
    :func:`~carerules.readiness_with_staff`, say); by default it is
    :func:`~carerules.check_readiness` with ``contract`` and ``training``.
    """
    at = require_aware(at, "at")
    records = check_training_records({} if training is None else training)
    return _findings(file, policy, at, contract, records, feedback_forms, readiness)


def _findings(
    file: PersonalFile,
    policy: Policy,
    at: datetime,
    contract: Contract | None,
    records: TrainingRecords,
    feedback_forms: Iterable[FeedbackForm],
    readiness: Decision[Readiness] | None,
) -> tuple[Finding, ...]:
    """:func:`service_user_findings` with ``at`` aware and the training records checked."""
    su = file.service_user
    out: list[Finding] = []
    today = local_day(at, policy, "at")
    started = file.first_session is not None and today >= file.first_session
    if readiness is None:
        readiness = _check_readiness(file, policy, contract, records, records_checked=True)
    out.extend(_need_findings(file, policy, today, started=started))
    if not started:
        out.extend(
            Finding(su, FindingKind.NOT_READY, u.rule_id, u.source, u.detail, would_change=u.would_change)
            for u in readiness.answer.unmet
        )
    else:
        for decision in (
            check_final_risk_assessment(file, policy, at),
            check_feedback(su, policy, at, forms=feedback_forms, started_on=file.first_session),
        ):
            found = _duty_finding(su, decision)
            if found is not None:
                out.append(found)
    out.extend(
        Finding(su, FindingKind.DOCUMENT, R.OTHER_ASSESSMENTS.id, R.OTHER_ASSESSMENTS.cited, item)
        for item in readiness.answer.to_do
    )
    if contract is not None:
        for t in missing_training(file, contract, records, pre_start=False):
            detail = f"{t.training!r} not completed; book at the earliest opportunity"
            out.append(
                Finding(
                    su, FindingKind.TRAINING, R.TRAINING_OUTSTANDING.id, R.TRAINING_OUTSTANDING.cited, detail, t.staff
                )
            )
    return tuple(out)


@public
def compliance_report(
    policy: Policy,
    at: datetime,
    *,
    files: Iterable[PersonalFile],
    contracts: Iterable[Contract] = (),
    training: TrainingRecords | None = None,
    feedback_forms: Iterable[FeedbackForm] = (),
    medication: Iterable[MedicationLog] = (),
    extra: Iterable[Finding] = (),
    readiness: Mapping[str, Decision[Readiness]] | None = None,
) -> ComplianceReport:
    """Every Service User's findings at ``at`` (see :func:`service_user_findings`).

    ``medication`` logs add a finding for each event the rules did not
    allow (judged against the file's procedures as of its own date) and
    each missing from the medication record; ``extra`` carries findings computed elsewhere;
    ``readiness`` holds readiness decisions made elsewhere (with
    :func:`~carerules.readiness_with_staff`, say) by Service User id, used
    instead of :func:`~carerules.check_readiness` for those files.
    Raises :class:`~carerules.InvalidInput` for two files for one Service
    User, two contracts for one, or a contract or log with no file.
    """
    at = require_aware(at, "at")
    files = tuple(files)
    ids = [f.service_user for f in files]
    known = set(ids)
    dupes = sorted(i for i, n in Counter(ids).items() if n > 1) if len(known) < len(ids) else []
    if dupes:
        raise InvalidInput("files", dupes, "one personal file per Service User", at=(_repeat(files), "service_user"))
    by_su = contracts_by_service_user(contracts)
    orphans = sorted(set(by_su) - known)
    if orphans:
        first = next(c for c in by_su.values() if c.service_user not in known)  # the first in the order given
        raise InvalidInput(
            "contracts", orphans, "contracts only for Service Users with a personal file", at=(first, "service_user")
        )
    decided = dict(readiness or {})
    strays = sorted(set(decided) - known)
    if strays:
        raise InvalidInput("readiness", strays, "readiness decisions only for Service Users with a personal file")
    logs: dict[str, list[MedicationLog]] = {}
    for log in medication:
        if log.service_user not in known:
            raise InvalidInput(
                "medication",
                log.service_user,
                "medication logs only for Service Users with a file",
                at=(log, "service_user"),
            )
        logs.setdefault(log.service_user, []).append(log)
    records = check_training_records({} if training is None else training)
    # Each Service User's feedback forms, in the order given (the feedback check ignores everyone else's).
    forms: dict[str, list[FeedbackForm]] = {}
    for form in feedback_forms:
        forms.setdefault(form.service_user, []).append(form)
    findings: list[Finding] = []
    for file in files:
        su = file.service_user
        findings.extend(_findings(file, policy, at, by_su.get(su), records, forms.get(su, ()), decided.get(su)))
        for log in logs.get(su, ()):
            findings.extend(medication_findings(log, file=file, policy=policy))
    findings.extend(extra)
    return ComplianceReport(at, tuple(ids), tuple(findings))


def _repeat(files: Sequence[PersonalFile]) -> PersonalFile:
    """The first file whose Service User an earlier file already has (the later of the first pair)."""
    seen: set[str] = set()
    for f in files:
        if f.service_user in seen:
            return f
        seen.add(f.service_user)
    raise AssertionError("called only when two files share a Service User")  # pragma: no cover
