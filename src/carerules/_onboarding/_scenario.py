"""The onboarding part of a scenario file, and its section of the command-line report."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import attrs

from carerules._charging import Invoice
from carerules._errors import MissingRate
from carerules._onboarding._contract import Contract, ContractSchedule, expand_contract, forecast_invoice
from carerules._onboarding._duties import FeedbackForm, check_training_records
from carerules._onboarding._model import PersonalFile
from carerules._onboarding._report import ComplianceReport, MedicationLog, compliance_report
from carerules._policy import Policy
from carerules._time import Period
from carerules._validate import is_aware, items_of


def _training(_: object, __: object, value: Any) -> None:
    check_training_records(value, "onboarding.training")


@attrs.frozen
class OnboardingScenario:
    """Personal files, contracts and staff training, checked for compliance at instant ``at``.

    ``training`` maps a staff id to the training they completed and the
    local date they completed it.
    """

    at: datetime = attrs.field(validator=is_aware("onboarding.at"))
    files: tuple[PersonalFile, ...] = attrs.field(default=(), validator=items_of(PersonalFile, "onboarding.files"))
    contracts: tuple[Contract, ...] = attrs.field(default=(), validator=items_of(Contract, "onboarding.contracts"))
    training: Mapping[str, Mapping[str, date]] = attrs.field(factory=dict, validator=_training)
    feedback_forms: tuple[FeedbackForm, ...] = attrs.field(
        default=(), validator=items_of(FeedbackForm, "onboarding.feedback_forms")
    )
    medication: tuple[MedicationLog, ...] = attrs.field(
        default=(), validator=items_of(MedicationLog, "onboarding.medication")
    )


@attrs.frozen
class Forecast:
    """A contract's sessions over the report period and what they would cost (or why they cannot be priced)."""

    schedule: ContractSchedule
    invoice: Invoice | None
    problem: str | None = None


@attrs.frozen
class OnboardingSection:
    """The onboarding section of a report: the compliance findings and each contract's forecast."""

    compliance: ComplianceReport
    forecasts: tuple[Forecast, ...]


def build_onboarding_section(section: OnboardingScenario, policy: Policy, period: Period) -> OnboardingSection:
    """Check compliance at ``section.at`` and forecast every contract over ``period``."""
    report = compliance_report(
        policy,
        section.at,
        files=section.files,
        contracts=section.contracts,
        training=section.training,
        feedback_forms=section.feedback_forms,
        medication=section.medication,
    )
    forecasts = []
    for contract in section.contracts:
        schedule = expand_contract(contract, period, policy)
        try:
            forecasts.append(Forecast(schedule, forecast_invoice(contract, period, policy)))
        except MissingRate as exc:
            forecasts.append(Forecast(schedule, None, str(exc)))
    return OnboardingSection(report, tuple(forecasts))


def render_onboarding(section: OnboardingSection, policy: Policy) -> str:
    """The section as text: compliance by Service User, then one line per forecast contract."""
    lines = ["== Onboarding and compliance ==", section.compliance.render(policy), "", "== Contract forecasts =="]
    for f in section.forecasts:
        c = f.schedule.contract
        holidays = ", ".join(
            f"{i.session.start.astimezone(policy.tz).date()} {i.holiday}" for i in f.schedule.bank_holidays
        )
        cost = f"\u00a3{f.invoice.total}" if f.invoice is not None else f"not priced: {f.problem}"
        lines.append(
            f"  {c.id} ({c.service_user}; key worker {c.key_worker}, spare {c.spare}): "
            f"{len(f.schedule)} session(s), {cost}" + (f"; bank holidays: {holidays}" if holidays else "")
        )
    return "\n".join(lines)


def onboarding_data(section: OnboardingSection, policy: Policy) -> dict[str, Any]:
    """The section as plain data for ``--json``: finding rows and forecast rows."""
    from carerules.serialisation import to_data

    return {
        "at": to_data(section.compliance.at),
        "findings": to_data(section.compliance.findings),
        "forecasts": [
            {
                "contract": f.schedule.contract.id,
                "sessions": to_data(f.schedule.items),
                "invoice": None if f.invoice is None else to_data(f.invoice),
                "problem": f.problem,
            }
            for f in section.forecasts
        ],
    }
