"""Scenario files: a policy, a period and the people's sessions, as plain data.

The command-line report reads one; callers who want the same report from
Python use :func:`load_scenario` on data they read themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, tzinfo
from typing import Any

import attrs
import cattrs

from carerules._care import CareCase
from carerules._charging import Cancellation, Expense, ExpenseAgreement, Session
from carerules._errors import CareRulesError, InvalidInput, ScenarioError
from carerules._locate import refine
from carerules._matching._scenario import MatchingScenario
from carerules._onboarding._scenario import OnboardingScenario
from carerules._policy import BUILT_IN_NAMES, Policy, Rate, builtin_policy
from carerules._scenario_times import paths_of, read_times, scenario_converter
from carerules._support121._report import OneToOneSection
from carerules._time import Period
from carerules._validate import instance, items_of, optional_text, plain_text, text


def _dates(field: str) -> Any:
    def check(_: object, __: object, value: Any) -> None:
        if not isinstance(value, frozenset) or not all(isinstance(d, date) for d in value):
            raise InvalidInput(field, value, "a frozenset of dates")

    return check


@attrs.frozen
class PolicyChoice:
    """Which policy a scenario uses: a built-in by id, with optional additions.

    ``rates`` are added to the built-in's (for example illustrative
    sleeping-night and bank-holiday rates the document does not state);
    ``pay_rates`` likewise add what staff are paid (the built-ins state no
    pay, so without them pay is time and shifts); ``closure_days`` are
    added to its calendar. ``custom`` replaces the built-in entirely with a
    provider's own policy document.
    """

    base: str = attrs.field(default="buddies", validator=text("policy.base"))
    rates: tuple[Rate, ...] = attrs.field(default=(), validator=items_of(Rate, "policy.rates"))
    pay_rates: tuple[Rate, ...] = attrs.field(default=(), validator=items_of(Rate, "policy.pay_rates"))
    closure_days: frozenset[date] = attrs.field(default=frozenset(), validator=_dates("policy.closure_days"))
    version: str | None = attrs.field(default=None, validator=optional_text("policy.version"))
    custom: Policy | None = attrs.field(
        default=None, validator=attrs.validators.optional(instance(Policy, "policy.custom"))
    )

    def resolve(self) -> Policy:
        """The policy this choice describes."""
        if self.custom is not None:
            policy = self.custom
        elif self.base in BUILT_IN_NAMES:
            policy = builtin_policy(self.base)
        else:
            raise InvalidInput("policy.base", self.base, f"one of {sorted(BUILT_IN_NAMES)}")
        if not (self.rates or self.pay_rates or self.closure_days or self.version):
            return policy
        calendar = attrs.evolve(policy.calendar, closure_days=policy.calendar.closure_days | self.closure_days)
        return attrs.evolve(
            policy,
            version=self.version or f"{policy.version}+scenario",
            calendar=calendar,
            rates=policy.rates + self.rates,
            pay_rates=policy.pay_rates + self.pay_rates,
        )


@attrs.frozen
class Scenario:
    """Everything one report needs. Every list may be empty."""

    period: Period = attrs.field(validator=instance(Period, "period"))
    title: str = attrs.field(default="", validator=plain_text("title"))
    notes: tuple[str, ...] = attrs.field(default=(), validator=items_of(str, "notes", sensitive=True), repr=False)
    policy: PolicyChoice = attrs.field(default=PolicyChoice(), validator=instance(PolicyChoice, "policy"))
    sessions: tuple[Session, ...] = attrs.field(default=(), validator=items_of(Session, "sessions"))
    cancellations: tuple[Cancellation, ...] = attrs.field(default=(), validator=items_of(Cancellation, "cancellations"))
    expenses: tuple[Expense, ...] = attrs.field(default=(), validator=items_of(Expense, "expenses"))
    expense_agreements: tuple[ExpenseAgreement, ...] = attrs.field(
        default=(), validator=items_of(ExpenseAgreement, "expense_agreements")
    )
    care: tuple[CareCase, ...] = attrs.field(default=(), validator=items_of(CareCase, "care"))
    #: 1-2-1 Support residents and plans, reported at ``one_to_one.as_of``.
    one_to_one: OneToOneSection | None = attrs.field(
        default=None, validator=attrs.validators.optional(instance(OneToOneSection, "one_to_one"))
    )
    matching: MatchingScenario = attrs.field(factory=MatchingScenario, validator=instance(MatchingScenario, "matching"))
    onboarding: OnboardingScenario | None = attrs.field(
        default=None, validator=attrs.validators.optional(instance(OnboardingScenario, "onboarding"))
    )

    def service_users(self) -> tuple[str, ...]:
        """Every Service User named by a session or expense, sorted."""
        return tuple(sorted({s.service_user for s in self.sessions} | {e.service_user for e in self.expenses}))

    def staff(self) -> tuple[str, ...]:
        """Every staff member named by a session, sorted."""
        return tuple(sorted({s.staff for s in self.sessions if s.staff is not None}))


def load_scenario(data: Any, *, policy: Policy | None = None) -> Scenario:
    """A :class:`Scenario` from plain (JSON) data; :class:`~carerules.ScenarioError` names the place.

    The place is the field itself where the data has it, even when an
    object refused it while checking its fields together
    (``$.sessions[0].end``, not ``$.sessions[0]``). Date-times may be local
    wall times, read in the zone of ``policy`` (default: the scenario's own
    policy); see :mod:`carerules._scenario_times`.
    """
    return read_scenario(data, policy=policy)[0]


def read_scenario(data: Any, *, policy: Policy | None = None) -> tuple[Scenario, tuple[str, ...]]:
    """:func:`load_scenario`, with a note for each exact time whose offset is not the policy zone's then.

    Each note names the time's place in the data (``$.sessions[3].start``)
    and the local time it is.
    """
    if policy is not None and not isinstance(policy, Policy):
        raise InvalidInput("policy", policy, "a Policy (or None for the scenario's own)")
    with read_times(_zone_of(data, policy)) as reading:
        scenario = _structure(data)
    if not reading.notes:
        return scenario, ()
    found = [f"{path}: {reading.notes[text]}" for path, text in paths_of(data, set(reading.notes))]
    return scenario, tuple(found)


def _zone_of(data: Any, policy: Policy | None) -> tzinfo | None:
    """The zone wall times are read in: ``policy``'s, or the scenario's policy's (``None`` if it is broken)."""
    from carerules.serialisation import from_data

    if policy is not None:
        return policy.tz
    choice = data.get("policy", {}) if isinstance(data, Mapping) else {}
    try:
        return from_data(choice, PolicyChoice, path="$.policy").resolve().tz
    except CareRulesError:
        return None  # the policy's own error is reported where the report resolves it


def _structure(data: Any) -> Scenario:
    from carerules.serialisation import _messages

    if not isinstance(data, Mapping):
        raise ScenarioError("$", f"expected a JSON object for Scenario, got {type(data).__name__}")
    try:
        return scenario_converter().structure(data, Scenario)
    except ScenarioError as exc:
        raise refine(exc, data) from None
    except CareRulesError as exc:
        messages = _messages(exc, "$")
    except (
        cattrs.BaseValidationError,
        cattrs.ForbiddenExtraKeysError,
        AttributeError,
        TypeError,
        ValueError,
        KeyError,
    ) as exc:
        messages = _messages(exc, "$")
    first = messages[0]
    place = first.rsplit(" @ ", 1)[-1] if " @ " in first else "$"
    more = f" (and {len(messages) - 1} more: {'; '.join(messages[1:4])})" if len(messages) > 1 else ""
    raise refine(ScenarioError(place, first.rsplit(" @ ", 1)[0] + more), data) from None
