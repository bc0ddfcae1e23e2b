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
]
