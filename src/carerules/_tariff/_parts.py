"""The pieces of a tariff: day types, time bands, rate cells, price-table rows, duration and night rules.

Every piece is a frozen attrs class validated at construction, so an invalid
piece cannot exist; the whole is checked by :class:`~carerules.Tariff`.
"""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal
from typing import Any

import attrs

from carerules._errors import InvalidInput
from carerules._money import format_money
from carerules._policy._dated import Dated, dated, each_value
from carerules._support121._model import Weekday
from carerules._tariff._choices import (
    ANY_DAY,
    Basis,
    Grace,
    Per,
    Rounding,
    Scope,
    TopUp,
    _month_days,
    _names,
    _offsets,
    _optional_slug,
    _optional_span,
    _optional_time,
    _precedence,
    _weekdays,
)
from carerules._validate import count, instance, is_money, member, positive_span, slug, text


@attrs.frozen
class DayType:
    """A kind of day a tariff prices differently: weekdays, bank holidays, named dates, Easter days.

    A date is of this type when any criterion matches: its weekday is in
    ``weekdays``; it is a bank holiday of the policy's calendar
    (``bank_holidays``, narrowed to ``holiday_names`` when given); it is one
    of ``dates`` (``"12-24"``); or it is ``easter`` days from Easter Sunday
    (-1 is Easter Saturday). ``from_time``/``until_time`` make it a part-day
    window (24 December from 17:00). Of the types a moment has, the one with
    the highest ``precedence`` that has a rate prices it.
    """

    name: str = attrs.field(validator=slug("day_type.name"))
    label: str = attrs.field(default="", validator=instance(str, "day_type.label"))
    precedence: int = attrs.field(default=0, validator=_precedence)
    weekdays: frozenset[Weekday] = attrs.field(default=frozenset(), validator=_weekdays)
    bank_holidays: bool = attrs.field(default=False, validator=instance(bool, "day_type.bank_holidays"))
    holiday_names: frozenset[str] = attrs.field(default=frozenset(), validator=_names("day_type.holiday_names"))
    dates: frozenset[str] = attrs.field(default=frozenset(), validator=_month_days)
    easter: frozenset[int] = attrs.field(default=frozenset(), validator=_offsets)
    from_time: time | None = attrs.field(default=None, validator=_optional_time("day_type.from_time"))
    until_time: time | None = attrs.field(default=None, validator=_optional_time("day_type.until_time"))

    @property
    def shown(self) -> str:
        """How explanations name the day type."""
        return self.label or self.name

    @property
    def by_weekday_only(self) -> bool:
        """True when only weekdays decide it (whole days, no dates or holidays)."""
        return not (self.bank_holidays or self.holiday_names or self.dates or self.easter) and self.window is None

    @property
    def window(self) -> tuple[time, time | None] | None:
        """The part of the day it covers (``until`` ``None``: to midnight), or ``None`` for the whole day."""
        if self.from_time is None and self.until_time is None:
            return None
        return (self.from_time or time(0), self.until_time)


@attrs.frozen
class Band:
    """A local time band, such as ``evening`` from 20:00 to 24:00 (``end`` 00:00 means midnight)."""

    name: str = attrs.field(validator=slug("band.name"))
    start: time = attrs.field(validator=_optional_time("band.start"))
    end: time = attrs.field(validator=_optional_time("band.end"))
    precedence: int = attrs.field(default=0, validator=_precedence)

    def __attrs_post_init__(self) -> None:
        if self.start is None or self.end is None:
            raise InvalidInput("band.start", self.start, "a local wall time such as 20:00")
        if self.start == self.end:
            raise InvalidInput("band.end", self.end, f"a time other than the band's start ({self.start})")

    def minutes(self) -> tuple[tuple[int, int], ...]:
        """The band as minute ranges of a local day, ``[start, end)`` (two when it wraps past midnight)."""
        s = self.start.hour * 60 + self.start.minute
        e = self.end.hour * 60 + self.end.minute
        if e == 0:
            e = 1440
        return ((s, e),) if s < e else ((s, 1440), (0, e))

    def __str__(self) -> str:
        return f"{self.start:%H:%M}\u2013{'24:00' if self.end == time(0) else format(self.end, '%H:%M')}"


def _amount(value: Any) -> Dated[Decimal] | None:
    return None if value is None else dated(value)


def _check_amount(_: object, __: object, value: Any) -> None:
    if value is not None:
        each_value(lambda v: is_money("rate.amount")(None, None, v))(None, None, value)


def _positive_factor(_: object, __: object, value: Any) -> None:
    if value is not None:
        is_money("rate.times")(None, None, value)
        if value <= 0:
            raise InvalidInput("rate.times", value, "a factor above zero, such as Decimal('1.5')")


@attrs.frozen
class TariffRate:
    """One cell of the rate grid: an amount (or a multiple of another rate) for a service, day type and band.

    ``service``, ``band`` and ``funder`` ``None`` match any; ``day_type``
    ``"any"`` matches every date. ``amount`` may be :class:`Dated` (it
    changes on dates); a multiplier rate gives ``times`` and ``of`` (the
    ``name`` of its base rate) instead, and is in force when its base is.
    ``carers`` is the number of staff the rate is for (a double-up rate is 2).
    ``not_stated`` marks a cell the provider gives no price for.
    """

    name: str = attrs.field(validator=text("rate.name"))
    day_type: str = attrs.field(default=ANY_DAY, validator=slug("rate.day_type"))
    service: str | None = attrs.field(default=None, validator=_optional_slug("rate.service"))
    band: str | None = attrs.field(default=None, validator=_optional_slug("rate.band"))
    funder: str | None = attrs.field(default=None, validator=_optional_slug("rate.funder"))
    per: Per = attrs.field(default=Per.HOUR, validator=member(Per, "rate.per"))
    amount: Dated[Decimal] | None = attrs.field(default=None, converter=_amount, validator=_check_amount)
    times: Decimal | None = attrs.field(default=None, validator=_positive_factor)
    of: str | None = attrs.field(default=None, validator=attrs.validators.optional(text("rate.of")))
    carers: int = attrs.field(default=1, validator=count("rate.carers", maximum=10))
    #: The provider states no price for this cell (no amount, no multiplier): time in it is refused, never priced
    #: by a more general rate (a policy with no bank-holiday rate refuses bank holidays).
    not_stated: bool = attrs.field(default=False, validator=instance(bool, "rate.not_stated"))

    def __attrs_post_init__(self) -> None:
        if self.carers < 1:
            raise InvalidInput("rate.carers", self.carers, "one or more staff")
        if self.not_stated:
            if self.amount is not None or self.times is not None:
                raise InvalidInput("rate.not_stated", True, "no amount and no multiplier for a rate not stated")
            return
        if (self.amount is None) == (self.times is None):
            raise InvalidInput("rate.amount", self.amount, "either an amount or a multiplier (times and of), not both")
        if (self.times is None) != (self.of is None):
            raise InvalidInput("rate.of", self.of, "the name of the base rate, given with times")

    @property
    def cell(self) -> tuple[str | None, str, str | None, str | None, bool, int]:
        """Where the rate sits in the grid (calls are priced apart from time)."""
        return (self.service, self.day_type, self.band, self.funder, self.per is Per.CALL, self.carers)


@attrs.frozen
class LengthPrice:
    """A fixed price for a visit of ``length`` (a row of a price table by visit length)."""

    length: timedelta = attrs.field(validator=positive_span("length_price.length"))
    amount: Decimal = attrs.field(validator=is_money("length_price.amount"))

    def describe(self, currency: str) -> str:
        """For people: "30 min £16.00" (in the policy's currency)."""
        from carerules._time import format_duration

        return f"{format_duration(self.length)} {format_money(self.amount, currency)}"


def _lengths(value: Any) -> tuple[LengthPrice, ...]:
    if not isinstance(value, tuple | list) or not all(isinstance(v, LengthPrice) for v in value):
        raise InvalidInput("durations.lengths", value, "a tuple of LengthPrice")
    return tuple(value)


@attrs.frozen
class ScopedMinimum:
    """A minimum over a group of visits: one local day, one local month or one booking block (``scope``).

    When the charged time of a group's visits (one service user, one
    service) totals less than ``minimum``, the difference is charged once for
    the group, at the hourly rate of the first part of the group's first
    visit. Priced by :func:`~carerules.price_visits`.
    """

    scope: Scope = attrs.field(validator=member(Scope, "durations.minimums.scope"))
    minimum: timedelta = attrs.field(validator=positive_span("durations.minimums.minimum"))
    label: str = attrs.field(default="", validator=instance(str, "durations.minimums.label"))

    @property
    def shown(self) -> str:
        """How explanations name it: its label, or "the daily minimum"."""
        return self.label or {Scope.DAY: "the daily minimum", Scope.MONTH: "the monthly minimum"}.get(
            self.scope, "the booking-block minimum"
        )


def _minimums(value: Any) -> tuple[ScopedMinimum, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, tuple | list):
        raise InvalidInput("durations.minimums", value, "a list of minimums, each with a scope")
    seen: dict[Scope, int] = {}
    for i, v in enumerate(value):
        if not isinstance(v, ScopedMinimum):
            raise InvalidInput(f"durations.minimums[{i}]", v, "a ScopedMinimum")
        if v.scope in seen:
            raise InvalidInput(f"durations.minimums[{i}].scope", v.scope.value, "one minimum per scope")
        seen[v.scope] = i
    return tuple(value)


@attrs.frozen
class DurationRules:
    """How long a visit is charged for: basis, overruns, increment, minimum, price table by length.

    Applied in that order: the charged time starts as the actual time (or the
    booked time, when ``basis`` is booked and the visit ended early); an
    overrun past the booking within ``grace`` is free, past it the whole
    overrun (or only the excess) is charged, at least ``overrun_minimum``;
    the time is rounded to ``increment`` units; a shorter time is charged as
    ``minimum`` (the time added charged as if the visit went on, or, with
    ``top_up`` ``first-part``, at the rate of its first part); and when ``lengths`` is set (and the time is under
    ``hourly_from``) the longest row at or under the time gives a fixed
    price for its length, the rest at the hourly rate pro rata.
    """

    service: str | None = attrs.field(default=None, validator=_optional_slug("durations.service"))
    basis: Basis = attrs.field(default=Basis.ACTUAL, validator=member(Basis, "durations.basis"))
    grace: timedelta | None = attrs.field(default=None, validator=_optional_span("durations.grace"))
    grace_once_exceeded: Grace = attrs.field(
        default=Grace.WHOLE, validator=member(Grace, "durations.grace_once_exceeded")
    )
    overrun_minimum: timedelta | None = attrs.field(default=None, validator=_optional_span("durations.overrun_minimum"))
    increment: timedelta | None = attrs.field(default=None, validator=_optional_span("durations.increment"))
    rounding: Rounding = attrs.field(default=Rounding.UP, validator=member(Rounding, "durations.rounding"))
    minimum: timedelta | None = attrs.field(default=None, validator=_optional_span("durations.minimum"))
    top_up: TopUp = attrs.field(default=TopUp.EXTEND, validator=member(TopUp, "durations.top_up"))
    lengths: tuple[LengthPrice, ...] = attrs.field(default=(), converter=_lengths)
    hourly_from: timedelta | None = attrs.field(default=None, validator=_optional_span("durations.hourly_from"))
    #: Minimums over a day, a month or a booking block (priced over many visits by ``price_visits``).
    minimums: tuple[ScopedMinimum, ...] = attrs.field(default=(), converter=_minimums)

    def __attrs_post_init__(self) -> None:
        spans = [r.length for r in self.lengths]
        if spans != sorted(set(spans)):
            raise InvalidInput("durations.lengths", spans, "rows in increasing order of length, each length once")


@attrs.frozen
class Nights:
    """Flat-rate nights: disturbance calls and re-pricing.

    Of the calls in a night the first ``free_calls`` are free and at most
    ``cap`` are charged. A night whose recorded active time is more than
    ``reprice_over`` is priced instead, for the whole shift, by the hourly
    rates of service ``reprice_as`` (a sleep-in that became a waking night).
    """

    service: str | None = attrs.field(default=None, validator=_optional_slug("nights.service"))
    free_calls: int = attrs.field(default=0, validator=count("nights.free_calls", maximum=100))
    cap: int | None = attrs.field(default=None, validator=attrs.validators.optional(count("nights.cap", maximum=100)))
    reprice_over: timedelta | None = attrs.field(default=None, validator=_optional_span("nights.reprice_over"))
    reprice_as: str | None = attrs.field(default=None, validator=_optional_slug("nights.reprice_as"))

    def __attrs_post_init__(self) -> None:
        if (self.reprice_over is None) != (self.reprice_as is None):
            raise InvalidInput("nights.reprice_as", self.reprice_as, "a service, given together with reprice_over")


def _factor(field: str) -> Any:
    def check(_: object, __: object, value: Any) -> None:
        if value is None:
            return
        is_money(field)(None, None, value)
        if value < 1:
            raise InvalidInput(
                field, value, "a factor of 1 or more, such as Decimal('1.5') (overtime never costs less)"
            )

    return check


@attrs.frozen
class Overtime:
    """Overtime per caregiver-week: charged time past ``after`` in one week costs ``times`` its rate.

    Weeks start on ``week_start`` (local dates of the policy's zone); the
    hours counted are each caregiver's hourly charged time of ``service``
    (``None``: every service), in time order. Time already at a multiplier
    rate (a holiday rate, 1.5 times the standard) is charged, past the
    limit, ``times`` its own rate (stacked) or, with ``multiplied_times``,
    that multiple of its base rate instead (US03: overtime on a holiday 2
    times the standard rate), never less than its own rate.
    """

    after: timedelta = attrs.field(validator=positive_span("overtime.after"))
    times: Decimal = attrs.field(validator=_factor("overtime.times"))
    week_start: Weekday = attrs.field(default=Weekday.MONDAY, validator=member(Weekday, "overtime.week_start"))
    service: str | None = attrs.field(default=None, validator=_optional_slug("overtime.service"))
    multiplied_times: Decimal | None = attrs.field(default=None, validator=_factor("overtime.multiplied_times"))
    label: str = attrs.field(default="", validator=instance(str, "overtime.label"))
