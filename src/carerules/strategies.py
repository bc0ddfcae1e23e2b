"""Hypothesis strategies for every public domain object, for your own test suites.

Requires ``hypothesis`` (``pip install carerules[strategies]``). Our own
property tests use exactly these generators.

>>> from carerules.strategies import sessions
>>> from hypothesis import given
>>> @given(sessions())
... def test_sessions_are_positive(session):
...     assert session.duration.total_seconds() > 0
>>> test_sessions_are_positive()
"""

from carerules._care._strategies import (
    care_boundaries,
    care_cases,
    care_policies,
    care_tasks,
    contact_kinds,
    contact_plans,
    medication_events,
    medication_files,
    medication_procedures,
    medication_records,
    medication_requests,
    permitted_tasks,
    record_of,
)
from carerules._charging._strategies import (
    buddies_policy,
    cancellations,
    durations,
    expense_agreements,
    expenses,
    instants,
    money,
    periods,
    policies,
    rates,
    sessions,
    shift_kinds,
)
from carerules._matching._strategies import (
    absences,
    availabilities,
    contacts,
    interests,
    matches,
    matching_policies,
    plan_permissions,
    service_users,
    staff_members,
    staff_teams,
    training_records,
    trait_fits,
    traits,
    waiting_lists,
)
from carerules._onboarding._strategies import (
    agreed_trainings,
    assessment_copies,
    completed_training,
    contact_pairs,
    contracts,
    feedback_forms,
    feedback_responses,
    local_dates,
    medication_logs,
    onboarding_parameters,
    onboarding_scenarios,
    personal_files,
    ready_to_start,
    risk_assessments,
    service_plans,
    weekly_patterns,
    write_up_authorisations,
)

__all__ = [
    # Charging
    "buddies_policy",
    "cancellations",
    "durations",
    "expense_agreements",
    "expenses",
    "instants",
    "money",
    "periods",
    "policies",
    "rates",
    "sessions",
    "shift_kinds",
    # Matching and cover
    "absences",
    "availabilities",
    "contacts",
    "interests",
    "matches",
    "matching_policies",
    "plan_permissions",
    "service_users",
    "staff_members",
    "staff_teams",
    "trait_fits",
    "training_records",
    "traits",
    "waiting_lists",
    # Care boundaries
    "care_boundaries",
    "care_cases",
    "care_policies",
    "care_tasks",
    "contact_kinds",
    "contact_plans",
    "medication_events",
    "medication_files",
    "medication_procedures",
    "medication_records",
    "medication_requests",
    "permitted_tasks",
    "record_of",
    # Onboarding, contracts and compliance
    "agreed_trainings",
    "assessment_copies",
    "completed_training",
    "contact_pairs",
    "contracts",
    "local_dates",
    "feedback_forms",
    "feedback_responses",
    "medication_logs",
    "onboarding_parameters",
    "onboarding_scenarios",
    "personal_files",
    "ready_to_start",
    "risk_assessments",
    "service_plans",
    "weekly_patterns",
    "write_up_authorisations",
]
