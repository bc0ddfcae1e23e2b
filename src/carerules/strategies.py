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
]
