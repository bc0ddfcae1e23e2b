"""Scenario files: a policy, a period and the people's sessions, as plain data.

The command-line report reads one; callers who want the same report from
Python use :func:`load_scenario` on data they read themselves.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs

from carerules._care import CareCase
from carerules._charging import Cancellation, Expense, ExpenseAgreement, Session
from carerules._errors import InvalidInput, ScenarioError
from carerules._locate import refine
from carerules._matching._scenario import MatchingScenario
from carerules._onboarding._scenario import OnboardingScenario
from carerules._policy import BUILT_IN_NAMES, Policy, Rate, builtin_policy
from carerules._support121._report import OneToOneSection
from carerules._time import Period


@attrs.frozen
class PolicyChoice:
    """Which policy a scenario uses: a built-in by id, with optional additions.

    ``rates`` are added to the built-in's (for example illustrative night and
    bank-holiday rates the document does not state); ``closure_days`` are
    added to its calendar. ``custom`` replaces the built-in entirely with a
    provider's own policy document.
    """

    base: str = "buddies"
    rates: tuple[Rate, ...] = ()
    closure_days: frozenset[date] = frozenset()
    version: str | None = None
    custom: Policy | None = None

    def resolve(self) -> Policy:
        """The policy this choice describes."""
        if self.custom is not None:
            policy = self.custom
        elif self.base in BUILT_IN_NAMES:
            policy = builtin_policy(self.base)
        else:
            raise InvalidInput("policy.base", self.base, f"one of {sorted(BUILT_IN_NAMES)}")
        if not (self.rates or self.closure_days or self.version):
            return policy
        calendar = attrs.evolve(policy.calendar, closure_days=policy.calendar.closure_days | self.closure_days)
        return attrs.evolve(
            policy,
            version=self.version or f"{policy.version}+scenario",
            calendar=calendar,
            rates=policy.rates + self.rates,
        )


@attrs.frozen
class Scenario:
    """Everything one report needs. Every list may be empty."""

    period: Period
    title: str = ""
    notes: tuple[str, ...] = attrs.field(default=(), repr=False)
    policy: PolicyChoice = PolicyChoice()
    sessions: tuple[Session, ...] = ()
    cancellations: tuple[Cancellation, ...] = ()
    expenses: tuple[Expense, ...] = ()
    expense_agreements: tuple[ExpenseAgreement, ...] = ()
    care: tuple[CareCase, ...] = ()
    #: 1-2-1 Support residents and plans, reported at ``one_to_one.as_of``.
    one_to_one: OneToOneSection | None = None
    matching: MatchingScenario = attrs.field(factory=MatchingScenario)
    onboarding: OnboardingScenario | None = None

    def service_users(self) -> tuple[str, ...]:
        """Every Service User named by a session or expense, sorted."""
        return tuple(sorted({s.service_user for s in self.sessions} | {e.service_user for e in self.expenses}))

    def staff(self) -> tuple[str, ...]:
        """Every staff member named by a session, sorted."""
        return tuple(sorted({s.staff for s in self.sessions if s.staff is not None}))


def load_scenario(data: Any) -> Scenario:
    """A :class:`Scenario` from plain (JSON) data; :class:`~carerules.ScenarioError` names the place.

    The place is the field itself where the data has it, even when an
    object refused it while checking its fields together
    (``$.sessions[0].end``, not ``$.sessions[0]``).
    """
    from carerules.serialisation import from_data

    try:
        return from_data(data, Scenario)
    except ScenarioError as exc:
        raise refine(exc, data) from None
