"""The onboarding part of a scenario file, and its section of the command-line report."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import attrs

from carerules._charging import Invoice, InvoiceForecast
from carerules._frozen import FrozenDict, freeze_nested
from carerules._matching._model import StaffMember, TrainingRecord
from carerules._matching._scenario import MatchingScenario
from carerules._money import format_money
from carerules._onboarding._contract import (
    Contract,
    ContractSchedule,
    contracts_by_service_user,
    expand_contract,
    forecast_invoice,
)
from carerules._onboarding._duties import FeedbackForm, TrainingRecords, check_training_records
from carerules._onboarding._model import PersonalFile
from carerules._onboarding._people import readiness_with_staff, training_from_staff
from carerules._onboarding._readiness import Readiness
from carerules._onboarding._report import ComplianceReport, MedicationLog, compliance_report
from carerules._policy import Policy
from carerules._rules import Decision
from carerules._time import Period, instant_key
from carerules._validate import is_aware, items_of


def _training(_: object, __: object, value: Any) -> None:
    check_training_records(value, "onboarding.training")


@attrs.frozen
class OnboardingScenario:
    """Personal files, contracts and staff training, checked for compliance at instant ``at``.

    ``training`` maps a staff id to the training they completed and the
    local date they completed it; it is copied into a read-only mapping, so
    the scenario is immutable and hashable.
    """

    at: datetime = attrs.field(validator=is_aware("onboarding.at"), eq=instant_key)
    files: tuple[PersonalFile, ...] = attrs.field(default=(), validator=items_of(PersonalFile, "onboarding.files"))
    contracts: tuple[Contract, ...] = attrs.field(default=(), validator=items_of(Contract, "onboarding.contracts"))
    training: Mapping[str, Mapping[str, date]] = attrs.field(
        factory=FrozenDict, converter=freeze_nested, validator=_training
    )
    feedback_forms: tuple[FeedbackForm, ...] = attrs.field(
        default=(), validator=items_of(FeedbackForm, "onboarding.feedback_forms")
    )
    medication: tuple[MedicationLog, ...] = attrs.field(
        default=(), validator=items_of(MedicationLog, "onboarding.medication")
    )


@attrs.frozen
class Forecast:
    """A contract's sessions over the report period and what they would cost, line by line.

    ``charges`` prices every session it can and names the rate each other
    one needs; ``invoice`` is the invoice when all were priced, and
    ``problem`` says what is missing when not.
    """

    schedule: ContractSchedule
    charges: InvoiceForecast

    @property
    def invoice(self) -> Invoice | None:
        """The invoice, when every session could be priced."""
        return self.charges.invoice

    @property
    def problem(self) -> str | None:
        """``None`` when complete; otherwise which sessions are unpriced and the rates they need."""
        if self.charges.complete:
            return None
        unpriced = len(self.charges.unpriced)
        return f"{unpriced} session(s) not priced, needing the {self.charges.describe_needs()}"


@attrs.frozen
class OnboardingSection:
    """The onboarding section of a report: the compliance findings and each contract's forecast."""

    compliance: ComplianceReport
    forecasts: tuple[Forecast, ...]


def _all_training(section: OnboardingScenario, staff: tuple[StaffMember, ...]) -> TrainingRecords:
    """The section's training records joined with the staff's own; the earlier date where both name a course."""
    merged: dict[str, dict[str, date]] = {who: dict(done) for who, done in section.training.items()}
    for who, done in training_from_staff(staff).items():
        held = merged.setdefault(who, {})
        for course, day in done.items():
            held[course] = min(day, held.get(course, day))
    return merged


def _with_training(staff: tuple[StaffMember, ...], training: TrainingRecords) -> tuple[StaffMember, ...]:
    """Each staff member with a completed record of every course ``training`` lists for them."""
    out = []
    for s in staff:
        have = {(r.course, r.completed_on) for r in s.training}
        more = tuple(TrainingRecord(c, d) for c, d in sorted(training.get(s.id, {}).items()) if (c, d) not in have)
        out.append(attrs.evolve(s, training=s.training + more) if more else s)
    return tuple(out)


def staff_readiness(
    section: OnboardingScenario, policy: Policy, people: MatchingScenario
) -> dict[str, Decision[Readiness]]:
    """:func:`~carerules.readiness_with_staff` for each file whose people the matching section lists.

    A file qualifies when its Service User is in ``people.service_users`` and
    its contract's key worker and spare are in ``people.staff``; the pair is
    then checked with the matching rules (capacity over ``people.matches``)
    and training is read from the staff's records joined with the section's.
    Other files are left to :func:`~carerules.check_readiness`.
    """
    users = {u.id: u for u in people.service_users}
    training = _all_training(section, people.staff)
    team = _with_training(people.staff, training)
    known = {s.id for s in team}
    contracts = contracts_by_service_user(section.contracts)
    out: dict[str, Decision[Readiness]] = {}
    for file in section.files:
        contract = contracts.get(file.service_user)
        user = users.get(file.service_user)
        if contract is None or user is None or not {contract.key_worker, contract.spare} <= known:
            continue
        out[file.service_user] = readiness_with_staff(
            file, policy, user=user, contract=contract, staff=team, existing=people.matches
        )
    return out


def build_onboarding_section(
    section: OnboardingScenario, policy: Policy, period: Period, *, people: MatchingScenario | None = None
) -> OnboardingSection:
    """Check compliance at ``section.at`` and forecast every contract over ``period``.

    With ``people`` (the scenario's matching section), readiness of each file
    whose Service User and contracted staff it lists comes from
    :func:`staff_readiness` (pair and capacity checks included), and the
    staff's own training records count alongside the section's.
    """
    readiness: dict[str, Decision[Readiness]] = {}
    training: TrainingRecords = section.training
    if people is not None:
        readiness = staff_readiness(section, policy, people)
        training = _all_training(section, people.staff)
    report = compliance_report(
        policy,
        section.at,
        files=section.files,
        contracts=section.contracts,
        training=training,
        feedback_forms=section.feedback_forms,
        medication=section.medication,
        readiness=readiness,
    )
    forecasts = tuple(
        Forecast(expand_contract(contract, period, policy), forecast_invoice(contract, period, policy))
        for contract in section.contracts
    )
    return OnboardingSection(report, forecasts)


def render_onboarding(section: OnboardingSection, policy: Policy) -> str:
    """The section as text: compliance by Service User, then each contract's forecast and its unpriced sessions."""
    lines = ["== Onboarding and compliance ==", section.compliance.render(policy), "", "== Contract forecasts =="]
    for f in section.forecasts:
        c = f.schedule.contract
        holidays = ", ".join(
            f"{i.session.start.astimezone(policy.tz).date()} {i.holiday}" for i in f.schedule.bank_holidays
        )
        total = format_money(f.charges.total, policy.currency)
        cost = total if f.charges.complete else f"{total} for the priced sessions only; INCOMPLETE: {f.problem}"
        lines.append(
            f"  {c.id} ({c.service_user}; key worker {c.key_worker}, spare {c.spare}): "
            f"{len(f.schedule)} session(s), {cost}" + (f"; bank holidays: {holidays}" if holidays else "")
        )
        lines.extend(
            f"    not priced: {u.day}  {u.description}: needs the {'; '.join(n.describe() for n in u.needs)}"
            for u in f.charges.unpriced
        )
    return "\n".join(lines)


def onboarding_data(section: OnboardingSection, policy: Policy, *, redact: bool = False) -> dict[str, Any]:
    """The section as plain data for ``--json``: finding rows and forecast rows (``redact`` as for to_data)."""
    from carerules.serialisation import to_data

    return {
        "at": to_data(section.compliance.at, redact=redact),
        "findings": to_data(section.compliance.findings, redact=redact),
        "forecasts": [
            {
                "contract": f.schedule.contract.id,
                "sessions": to_data(f.schedule.items, redact=redact),
                "invoice": None if f.invoice is None else to_data(f.invoice, redact=redact),
                "problem": f.problem,
                "forecast": to_data(f.charges, redact=redact),
            }
            for f in section.forecasts
        ],
    }
