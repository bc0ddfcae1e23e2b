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
from carerules._support121._strategies import (
    case_reports,
    eligibilities,
    goals,
    local_times,
    one_to_one_policies,
    one_to_one_sections,
    one_to_one_terms,
    plan_statuses,
    plans,
    progress_notes,
    refreshers,
    residents,
    review_records,
    schedule_periods,
    schedules,
    session_records,
    steps,
    support_areas,
    support_cases,
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
    # 1-2-1 Support
    "case_reports",
    "eligibilities",
    "goals",
    "local_times",
    "one_to_one_policies",
    "one_to_one_sections",
    "one_to_one_terms",
    "plan_statuses",
    "plans",
    "progress_notes",
    "refreshers",
    "residents",
    "review_records",
    "schedule_periods",
    "schedules",
    "session_records",
    "steps",
    "support_areas",
    "support_cases",
]
