"""Policies as versioned data: rates with effective dates, thresholds, calendar."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import attrs

from carerules._care._model import CareBoundaries
from carerules._enums import Choice
from carerules._errors import InvalidInput, MissingRate
from carerules._guard import public
from carerules._matching._params import MatchingPolicy
from carerules._money import format_money
from carerules._onboarding._params import OnboardingParameters
from carerules._policy._calendar import Calendar
from carerules._support121._terms import OneToOneTerms
from carerules._time import zone
from carerules._validate import flag, instance, is_date, is_money, member, plain_text, positive_span, text


class ShiftKind(Choice):
    """What kind of shift a session is."""

    DAY = "day"
    WAKING_NIGHT = "waking-night"
    SLEEPING_NIGHT = "sleeping-night"


class RateBasis(Choice):
    """How a rate is applied: by the hour, or a flat amount per shift."""

    PER_HOUR = "per-hour"
    PER_SHIFT = "per-shift"


@attrs.frozen
class Rate:
    """A price for one shift kind on ordinary days or on bank holidays.

    ``amount`` is pounds per hour (``PER_HOUR``) or per shift
    (``PER_SHIFT``), in force from ``effective_from`` until a later rate for
    the same kind and day type replaces it. ``note`` labels, for example,
    an illustrative rate that is not the provider's real price.
    """

    kind: ShiftKind = attrs.field(validator=member(ShiftKind, "rate.kind"))
    amount: Decimal = attrs.field(validator=is_money("rate.amount"))
    effective_from: date = attrs.field(validator=is_date("rate.effective_from"))
    basis: RateBasis = attrs.field(default=RateBasis.PER_HOUR, validator=member(RateBasis, "rate.basis"))
    bank_holiday: bool = attrs.field(default=False, validator=flag("rate.bank_holiday"))
    note: str = attrs.field(default="", validator=plain_text("rate.note"))

    def describe(self, currency: str = "GBP") -> str:
        """For people: "£18.50 per hour (day, from 2024-01-01)"; other currencies as "18.50 EUR ..."."""
        unit = "per hour" if self.basis is RateBasis.PER_HOUR else "per shift"
        day = "bank-holiday " if self.bank_holiday else ""
        return f"{format_money(self.amount, currency)} {unit} ({day}{self.kind.value}, from {self.effective_from})"


def _rates(value: Iterable[Rate]) -> tuple[Rate, ...]:
    if not isinstance(value, Iterable) or isinstance(value, str | bytes):
        raise InvalidInput("rates", value, "an iterable of Rate")
    rates = tuple(value)
    for r in rates:
        if not isinstance(r, Rate):
            raise InvalidInput("rates", r, "Rate objects")
    return tuple(sorted(rates, key=lambda r: (r.kind.value, r.bank_holiday, r.effective_from)))


@attrs.frozen
class Policy:
    """Everything the rules need to know about one provider's policy.

    A policy is data: rates with effective dates, thresholds, the local
    timezone and the bank-holiday calendar. Revising it (:meth:`revise`)
    keeps the old rates, so sessions priced before a change re-price
    identically.
    """

    id: str = attrs.field(validator=text("policy.id"))
    name: str = attrs.field(validator=text("policy.name"))
    version: str = attrs.field(validator=text("policy.version"))
    effective_from: date = attrs.field(validator=is_date("policy.effective_from"))
    timezone: str = "Europe/London"
    calendar: Calendar = attrs.field(factory=Calendar, validator=instance(Calendar, "policy.calendar"))
    rates: tuple[Rate, ...] = attrs.field(default=(), converter=_rates)
    minimum_session: timedelta = attrs.field(
        default=timedelta(hours=2), validator=positive_span("policy.minimum_session")
    )
    cancellation_notice: timedelta = attrs.field(
        default=timedelta(hours=48), validator=positive_span("policy.cancellation_notice")
    )
    currency: str = attrs.field(default="GBP", validator=text("policy.currency"))
    #: The provider's own care data: extra permitted tasks and contact kinds.
    care: CareBoundaries = attrs.field(factory=CareBoundaries, validator=instance(CareBoundaries, "policy.care"))
    #: 1-2-1 Support terms (areas, topics, cadences); ``None`` when the policy offers none.
    one_to_one: OneToOneTerms | None = attrs.field(
        default=None, validator=attrs.validators.optional(instance(OneToOneTerms, "policy.one_to_one"))
    )
    matching: MatchingPolicy = attrs.field(
        factory=MatchingPolicy, validator=instance(MatchingPolicy, "policy.matching")
    )
    onboarding: OnboardingParameters = attrs.field(
        factory=OnboardingParameters, validator=instance(OnboardingParameters, "policy.onboarding")
    )
    _index: dict[tuple[ShiftKind, bool], tuple[list[int], list[Rate]]] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        zone(self.timezone, "policy.timezone")
        index: dict[tuple[ShiftKind, bool], tuple[list[int], list[Rate]]] = {}
        for r in self.rates:
            days, rates = index.setdefault((r.kind, r.bank_holiday), ([], []))
            if days and days[-1] == r.effective_from.toordinal():
                raise InvalidInput("rates", r, f"one {r.kind.value} rate per day type effective on {r.effective_from}")
            days.append(r.effective_from.toordinal())
            rates.append(r)
        object.__setattr__(self, "_index", index)

    @property
    def tz(self) -> ZoneInfo:
        """The policy's local timezone."""
        return zone(self.timezone)

    @public
    def rate_for(self, kind: ShiftKind, *, bank_holiday: bool, on: date, needed_for: date | None = None) -> Rate:
        """The rate in force on ``on`` for ``kind``; :class:`MissingRate` if none.

        ``needed_for`` (the date of the time being priced, when it differs
        from ``on``) only improves the error message.
        """
        return self.lookup_rate(kind, bank_holiday, on, needed_for)

    def lookup_rate(self, kind: ShiftKind, bank_holiday: bool, on: date, needed_for: date | None = None) -> Rate:
        """:meth:`rate_for` without argument checks (the library's hot path)."""
        found = self._index.get((kind, bank_holiday))
        if found is not None:
            days, rates = found
            i = bisect.bisect_right(days, on.toordinal())
            if i:
                return rates[i - 1]
        raise MissingRate(self.id, kind.value, bank_holiday, on, needed_for)

    @public
    def revise(self, *, version: str, effective_from: date, rates: Iterable[Rate] = ()) -> Policy:
        """A new version of this policy adding ``rates`` (old rates kept).

        New rates must take effect on or after ``effective_from``, so that
        nothing priced under the old version changes.
        """
        added = tuple(rates)
        for r in added:
            if r.effective_from < effective_from:
                raise InvalidInput(
                    "rate.effective_from", r.effective_from, f"a date on or after the revision's {effective_from}"
                )
        return attrs.evolve(self, version=version, effective_from=effective_from, rates=self.rates + added)
