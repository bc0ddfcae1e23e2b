"""A tariff as data: day types, time bands, a rate grid and duration rules.

Every piece is a frozen attrs class validated at construction, so an invalid
tariff cannot exist; :class:`Tariff` checks the whole (duplicate cells, a
multiplier whose base is missing, overlapping bands or day types with no
precedence) and names the place inside the policy file (``rates[3].of``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, time, timedelta
from decimal import Decimal
from typing import Any

import attrs

from carerules._enums import Choice
from carerules._errors import CareRulesError, InvalidInput, _day, _label, _show
from carerules._money import format_money
from carerules._policy._dated import Dated, dated, each_value
from carerules._support121._model import Weekday
from carerules._tariff import _terms
from carerules._tariff._cancel_model import CancellationTerms
from carerules._validate import count, instance, is_money, member, positive_span, slug, text

_MONTH_DAY = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")

#: The day type every date has, below every other: a rate for it applies when nothing more specific does.
ANY_DAY = "any"


class TariffError(InvalidInput):
    """A tariff refuses its own contents; ``where`` is the place inside the tariff (``rates[2].of``).

    Inside a policy file the loader prefixes the tariff's own place, so the
    message reads ``... @ $.tariff.rates[2].of``.
    """

    def __init__(self, where: str, value: Any, expected: str) -> None:
        super().__init__(where, value, expected)
        self.where = where
        shown = str(self)
        self.detail = shown.split(": ", 1)[1] if ": " in shown else shown


WEEKDAYS = tuple(Weekday)


class WeekendHolidays(Choice):
    """Which day counts when a bank holiday falls on a weekend.

    ``on-the-day``: the weekend date itself; ``substitute``: only the weekday
    the holidays package names as its substitute (as gov.uk lists them);
    ``both``: both dates (what the charging rules have always done).
    """

    ON_THE_DAY = "on-the-day"
    SUBSTITUTE = "substitute"
    BOTH = "both"


class Per(Choice):
    """What an amount is charged per."""

    HOUR = "hour"
    VISIT = "visit"
    DAY = "day"
    WEEK = "week"
    CALL = "call"


class Boundary(Choice):
    """How time crossing a band, day-type or day boundary is charged."""

    SPLIT = "split"
    START = "start"
    HIGHEST = "highest"


class FlatDay(Choice):
    """Which day type prices a flat (per-visit) rate: the start's, or the higher of the start's and the end's."""

    START = "start"
    START_OR_END = "start-or-end"


class Rounding(Choice):
    """Which way a billing increment rounds."""

    UP = "up"
    DOWN = "down"
    NEAREST = "nearest"


class Basis(Choice):
    """Whether a visit is charged for its actual time or (at least) its booked time."""

    ACTUAL = "actual"
    BOOKED = "booked"


class TopUp(Choice):
    """How the time a minimum adds is priced: as if the visit went on, or at the rate of its first part."""

    EXTEND = "extend"
    FIRST_PART = "first-part"


class Grace(Choice):
    """Once an overrun exceeds the grace minutes: the whole overrun is charged, or only the excess."""

    WHOLE = "whole"
    EXCESS = "excess"


def _names(field: str) -> Any:
    def check(_: object, __: object, value: Any) -> None:
        if not isinstance(value, frozenset):
            raise InvalidInput(field, value, "a frozenset of names")
        for v in value:
            if not isinstance(v, str) or not v.strip():
                raise InvalidInput(field, v, "non-empty names")

    return check


def _weekdays(_: object, __: object, value: Any) -> None:
    if not isinstance(value, frozenset) or not all(isinstance(v, Weekday) for v in value):
        raise InvalidInput("day_type.weekdays", value, "a frozenset of Weekday members")


def _month_days(_: object, __: object, value: Any) -> None:
    if not isinstance(value, frozenset):
        raise InvalidInput("day_type.dates", value, "a frozenset of MM-DD strings")
    for v in value:
        if not isinstance(v, str) or not _MONTH_DAY.match(v) or v in ("02-30", "02-31", "04-31", "06-31", "09-31"):
            raise InvalidInput("day_type.dates", v, "a month and day such as '12-24'")


def _offsets(_: object, __: object, value: Any) -> None:
    if not isinstance(value, frozenset) or not all(
        isinstance(v, int) and not isinstance(v, bool) and -60 <= v <= 60 for v in value
    ):
        raise InvalidInput("day_type.easter", value, "a frozenset of days from Easter Sunday (-60 to 60)")


def _optional_time(field: str) -> Any:
    def check(_: object, __: object, value: Any) -> None:
        if value is not None and (not isinstance(value, time) or value.tzinfo is not None):
            raise InvalidInput(field, value, "a local wall time such as 17:00, or none")

    return check


def _optional_slug(field: str) -> Any:
    inner = slug(field)

    def check(obj: object, attribute: object, value: Any) -> None:
        if value is not None:
            inner(obj, attribute, value)

    return check


def _optional_span(field: str) -> Any:
    inner = positive_span(field)

    def check(obj: object, attribute: object, value: Any) -> None:
        if value is not None:
            inner(obj, attribute, value)

    return check


def _optional_money(field: str) -> Any:
    inner = is_money(field)

    def check(obj: object, attribute: object, value: Any) -> None:
        if value is not None:
            inner(obj, attribute, value)

    return check


def _optional_of(kind: type, field: str) -> Any:
    return attrs.validators.optional(instance(kind, field))


def _precedence(_: object, __: object, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not -1000 <= value <= 1000:
        raise InvalidInput("precedence", value, "a whole number from -1000 to 1000 (higher wins)")


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

    def __attrs_post_init__(self) -> None:
        if self.carers < 1:
            raise InvalidInput("rate.carers", self.carers, "one or more staff")
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


def _tuple(kind: type, field: str) -> Any:
    def convert(value: Any) -> tuple[Any, ...]:
        if isinstance(value, str | bytes | Mapping) or not isinstance(value, tuple | list):
            raise InvalidInput(field, value, f"a tuple of {kind.__name__}")
        for item in value:
            if not isinstance(item, kind):
                raise InvalidInput(field, item, f"a {kind.__name__}")
        return tuple(value)

    return convert


def _rate_list(value: Any) -> tuple[TariffRate, ...]:
    out: tuple[TariffRate, ...] = _tuple(TariffRate, "tariff.rates")(value)
    return out


def _day_type_list(value: Any) -> tuple[DayType, ...]:
    out: tuple[DayType, ...] = _tuple(DayType, "tariff.day_types")(value)
    return out


def _band_list(value: Any) -> tuple[Band, ...]:
    out: tuple[Band, ...] = _tuple(Band, "tariff.bands")(value)
    return out


def _duration_list(value: Any) -> tuple[DurationRules, ...]:
    out: tuple[DurationRules, ...] = _tuple(DurationRules, "tariff.durations")(value)
    return out


def _night_list(value: Any) -> tuple[Nights, ...]:
    out: tuple[Nights, ...] = _tuple(Nights, "tariff.nights")(value)
    return out


@attrs.frozen
class Tariff:
    """A provider's prices as data: day types, bands, the rate grid, boundary and duration rules.

    A simple tariff is one rate (``TariffRate("Hourly rate", amount=...)``)
    and perhaps a minimum; everything else is optional. Refuses, with a
    :class:`TariffError` naming the place: two rates for one cell, a rate
    naming an unknown day type or band, a multiplier whose base rate is
    missing (or is itself a multiplier), bands that overlap with the same
    precedence, and day types that can fall on one date with the same
    precedence.
    """

    rates: tuple[TariffRate, ...] = attrs.field(converter=_rate_list)
    day_types: tuple[DayType, ...] = attrs.field(default=(), converter=_day_type_list)
    bands: tuple[Band, ...] = attrs.field(default=(), converter=_band_list)
    durations: tuple[DurationRules, ...] = attrs.field(default=(), converter=_duration_list)
    nights: tuple[Nights, ...] = attrs.field(default=(), converter=_night_list)
    boundary: Boundary = attrs.field(default=Boundary.SPLIT, validator=member(Boundary, "tariff.boundary"))
    flat_day: FlatDay = attrs.field(default=FlatDay.START, validator=member(FlatDay, "tariff.flat_day"))
    weekend_holidays: WeekendHolidays = attrs.field(
        default=WeekendHolidays.BOTH, validator=member(WeekendHolidays, "tariff.weekend_holidays")
    )
    #: Cancellation terms (notice tiers, no-shows, waivers); ``None``: the tariff says nothing of cancellations.
    cancellation: CancellationTerms | None = attrs.field(
        default=None, validator=attrs.validators.optional(instance(CancellationTerms, "tariff.cancellation"))
    )
    #: Travel, expenses, one-off fees and the billing cycle (``_terms.py``); each optional.
    travel: _terms.Travel | None = attrs.field(default=None, validator=_optional_of(_terms.Travel, "tariff.travel"))
    expenses: tuple[_terms.ExpenseTerms, ...] = attrs.field(default=(), converter=_terms._expense_list)
    fees: tuple[_terms.Fee, ...] = attrs.field(default=(), converter=_terms._fee_list)
    billing: _terms.Billing | None = attrs.field(default=None, validator=_optional_of(_terms.Billing, "tariff.billing"))
    _grid: dict[Any, TariffRate] = attrs.field(init=False, repr=False, eq=False, hash=False)
    #: Per-tariff memo of resolved cells and of each local day's pieces (filled as visits are priced).
    _memo: dict[Any, Any] = attrs.field(init=False, repr=False, eq=False, hash=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        if not self.rates:
            raise TariffError("rates", self.rates, "at least one rate")
        types = {ANY_DAY: None, **{d.name: i for i, d in enumerate(self.day_types)}}
        if len(types) != len(self.day_types) + 1:
            raise TariffError(
                "day_types", [d.name for d in self.day_types], f"distinct names, none of them {ANY_DAY!r}"
            )
        bands = {b.name: i for i, b in enumerate(self.bands)}
        if len(bands) != len(self.bands):
            raise TariffError("bands", [b.name for b in self.bands], "distinct band names")
        self._check_bands()
        self._check_day_types()
        grid: dict[Any, TariffRate] = {}
        names: dict[str, int] = {}
        for i, r in enumerate(self.rates):
            if r.name in names:
                raise TariffError(
                    f"rates[{i}].name", r.name, f"a name no other rate has (rates[{names[r.name]}] has it)"
                )
            names[r.name] = i
            if r.day_type not in types:
                raise TariffError(f"rates[{i}].day_type", r.day_type, f"a day type of day_types ({', '.join(types)})")
            if r.band is not None and r.band not in bands:
                raise TariffError(f"rates[{i}].band", r.band, f"a band of bands ({', '.join(bands) or 'none given'})")
            if r.cell in grid:
                raise TariffError(f"rates[{i}]", r.name, f"a cell of its own ({grid[r.cell].name!r} has the same one)")
            grid[r.cell] = r
        for i, r in enumerate(self.rates):
            if r.of is None:
                continue
            base = names.get(r.of)
            if base is None:
                raise TariffError(f"rates[{i}].of", r.of, f"the name of a rate of this tariff ({', '.join(names)})")
            if self.rates[base].of is not None:
                raise TariffError(f"rates[{i}].of", r.of, "a rate with an amount of its own (not another multiplier)")
            if self.rates[base].per is not r.per:
                raise TariffError(
                    f"rates[{i}].per", r.per.value, f"the unit of its base rate ({self.rates[base].per.value})"
                )
        seen: set[str | None] = set()
        for i, d in enumerate(self.durations):
            if d.service in seen:
                raise TariffError(f"durations[{i}].service", d.service, "one set of duration rules per service")
            seen.add(d.service)
        object.__setattr__(self, "_grid", grid)

    def _check_bands(self) -> None:
        for i, a in enumerate(self.bands):
            for j in range(i):
                b = self.bands[j]
                if a.precedence == b.precedence and any(
                    s1 < e2 and s2 < e1 for s1, e1 in a.minutes() for s2, e2 in b.minutes()
                ):
                    raise TariffError(
                        f"bands[{i}]", a.name, f"no overlap with band {b.name!r} ({b}), or a different precedence"
                    )

    def _check_day_types(self) -> None:
        for i, a in enumerate(self.day_types):
            for j in range(i):
                b = self.day_types[j]
                if a.precedence != b.precedence:
                    continue
                if a.by_weekday_only and b.by_weekday_only and not (a.weekdays & b.weekdays):
                    continue
                raise TariffError(
                    f"day_types[{i}].precedence",
                    a.precedence,
                    f"a precedence other than {b.name!r}'s ({b.precedence}): both can fall on one date",
                )

    def rate(self, cell: tuple[str | None, str, str | None, str | None, bool, int]) -> TariffRate | None:
        """The rate in exactly ``cell``, or ``None``."""
        return self._grid.get(cell)

    def by_name(self, name: str) -> TariffRate:
        """The rate called ``name`` (it exists: the tariff checked its multipliers)."""
        return next(r for r in self.rates if r.name == name)

    def durations_for(self, service: str | None) -> DurationRules | None:
        """The duration rules of ``service`` (else the general ones, else none)."""
        general = None
        for d in self.durations:
            if d.service == service and service is not None:
                return d
            if d.service is None:
                general = d
        return general

    def nights_for(self, service: str | None) -> Nights | None:
        """The disturbance terms of ``service`` (else the general ones, else none)."""
        general = None
        for n in self.nights:
            if n.service == service and service is not None:
                return n
            if n.service is None:
                general = n
        return general


def amount_on(rate: TariffRate, tariff: Tariff, day: date) -> tuple[Decimal, date | None] | None:
    """``rate``'s amount in force on ``day`` and the date it took effect; ``None`` before its first value."""
    base = rate if rate.amount is not None else tariff.by_name(rate.of or "")
    assert base.amount is not None
    found = base.amount.find(day)
    if found is None:
        return None
    if rate.times is None:
        return found.value, found.effective_from
    from carerules._money import MONEY_CONTEXT

    product = MONEY_CONTEXT.multiply(found.value, rate.times)
    exponent = found.value.as_tuple().exponent
    if isinstance(exponent, int):
        shown = product.quantize(Decimal(1).scaleb(exponent), context=MONEY_CONTEXT)
        product = shown if shown == product else product  # 150.000 shown as 150.00; 33.333 kept exact
    return product, found.effective_from


class MissingTariffRate(CareRulesError, LookupError):
    """Pricing needs a cell of the rate grid the tariff does not fill (or not yet, on that date)."""

    def __init__(self, policy: str, what: str, on: date) -> None:
        self.policy = policy
        self.what = what
        self.on = on
        super().__init__(
            f"the tariff of policy {_show(policy)} has no rate for {_label(what)} in force on {_day(on)}; "
            "add a rate for that cell (or one for day type 'any') to the tariff's rates"
        )
