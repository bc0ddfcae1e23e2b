"""Registers carerules' strategies with Hypothesis, so ``st.from_type(cr.Session)`` draws valid sessions.

Hypothesis runs :func:`_hypothesis_setup_hook` when it is imported, through the
``hypothesis`` entry point in ``pyproject.toml``. Nothing here is imported by
``import carerules``; the hook imports no strategy module either: each type is
registered with a function Hypothesis calls only when a test first asks for that
type, and only then is :mod:`carerules.strategies` imported.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

#: Public class name (``carerules.<name>``) -> the strategy in :mod:`carerules.strategies` that draws it.
#: ``Policy`` draws :func:`~carerules.strategies.policies` (rates for every kind on every date), so
#: ``from_type(Session)`` and ``from_type(Policy)`` always price together.
TYPES: dict[str, str] = {
    "Absence": "absences",
    "AssessmentCopy": "assessment_copies",
    "Availability": "availabilities",
    "AwayFromHome": "away_from_home_readings",
    "Cadence": "cadences",
    "CancellationTerms": "cancellation_terms",
    "CareBoundaries": "care_boundaries",
    "CareCase": "care_cases",
    "CareNeed": "care_needs",
    "CareRuling": "care_rulings",
    "CaseReport": "case_reports",
    "Contact": "contacts",
    "ContactPlan": "contact_plans",
    "Contract": "contracts",
    "Eligibility": "eligibilities",
    "Expense": "expenses",
    "ExpenseAgreement": "expense_agreements",
    "FeedbackForm": "feedback_forms",
    "FeedbackResponse": "feedback_responses",
    "Goal": "goals",
    "InvoiceForecast": "invoice_forecasts",
    "Match": "matches",
    "MatchingPolicy": "matching_policies",
    "MedicationEvent": "medication_events",
    "MedicationFile": "medication_files",
    "MedicationLog": "medication_logs",
    "MedicationProcedure": "medication_procedures",
    "MedicationRecord": "medication_records",
    "MedicationRequest": "medication_requests",
    "NeededRate": "needed_rates",
    "OnboardingParameters": "onboarding_parameters",
    "OnboardingScenario": "onboarding_scenarios",
    "OneToOneSection": "one_to_one_sections",
    "OneToOneTerms": "one_to_one_terms",
    "Period": "periods",
    "PermittedTask": "permitted_tasks",
    "PersonalFile": "personal_files",
    "Plan": "plans",
    "PlanPermissions": "plan_permissions",
    "PlanStatus": "plan_statuses",
    "Policy": "policies",
    "Progress": "progress_notes",
    "Rate": "rates",
    "RefresherRequest": "refresher_requests",
    "Refreshers": "refreshers",
    "Resident": "residents",
    "ResponsibilityWindow": "responsibility_windows",
    "RiskAssessment": "risk_assessments",
    "Schedule": "schedules",
    "ServicePlan": "service_plans",
    "ServiceUser": "service_users",
    "Session": "sessions",
    "SessionSlot": "session_slots",
    "StaffMember": "staff_members",
    "Step": "steps",
    "SupportArea": "support_areas",
    "SupportCase": "support_cases",
    "Tariff": "tariffs",
    "Task": "care_tasks",
    "TrainingRecord": "training_records",
    "TraitFit": "trait_fits",
    "Visit": "visits",
    "WriteUpAuthorisation": "write_up_authorisations",
}


def _strategy_for(name: str) -> Any:
    def resolve(_: type) -> Any:
        return getattr(import_module("carerules.strategies"), name)()

    return resolve


def _hypothesis_setup_hook() -> None:
    """Register a strategy for every type in :data:`TYPES` (called by Hypothesis at import)."""
    from hypothesis import strategies as st

    import carerules

    for type_name, strategy_name in TYPES.items():
        st.register_type_strategy(getattr(carerules, type_name), _strategy_for(strategy_name))
