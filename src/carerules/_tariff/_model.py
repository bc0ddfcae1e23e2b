"""A tariff as data: day types, time bands, a rate grid and duration rules.

The pieces live in ``_choices.py`` (the error, the enums) and ``_parts.py``
(day types, bands, rates, duration and night rules); :class:`Tariff` checks
the whole (duplicate cells, a multiplier whose base is missing, overlapping
bands or day types with no precedence) and names the place inside the policy
file (``rates[3].of``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from carerules._errors import CareRulesError, InvalidInput, _day, _label, _show
from carerules._tariff import _terms
from carerules._tariff._cancel_model import CancellationTerms
from carerules._tariff._choices import (
    ANY_DAY,
    WEEKDAYS,
    Basis,
    Boundary,
    FlatDay,
    Grace,
    Per,
    Rounding,
    Scope,
    TariffError,
    TopUp,
    WeekendHolidays,
    _optional_of,
)
from carerules._tariff._parts import (
    Band,
    DayType,
    DurationRules,
    LengthPrice,
    Nights,
    Overtime,
    ScopedMinimum,
    TariffRate,
)
from carerules._validate import instance, member

__all__ = [
    "ANY_DAY",
    "WEEKDAYS",
    "Band",
    "Basis",
    "Boundary",
    "DayType",
    "DurationRules",
    "FlatDay",
    "Grace",
    "LengthPrice",
    "MissingTariffRate",
    "Nights",
    "Overtime",
    "Per",
    "Rounding",
    "Scope",
    "ScopedMinimum",
    "Tariff",
    "TariffError",
    "TariffRate",
    "TopUp",
    "WeekendHolidays",
    "amount_on",
]


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


def _overtime_list(value: Any) -> tuple[Overtime, ...]:
    out: tuple[Overtime, ...] = _tuple(Overtime, "tariff.overtime")(value)
    return out


def _cancellation_list(value: Any) -> tuple[CancellationTerms, ...]:
    out: tuple[CancellationTerms, ...] = _tuple(CancellationTerms, "tariff.cancellations")(value)
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
    #: Overtime per caregiver-week (one set per service); priced over many visits by ``price_visits``.
    overtime: tuple[Overtime, ...] = attrs.field(default=(), converter=_overtime_list)
    #: Cancellation terms of one service each (its ``service`` set), before the general ``cancellation``.
    cancellations: tuple[CancellationTerms, ...] = attrs.field(default=(), converter=_cancellation_list)
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
            if self.rates[base].not_stated:
                raise TariffError(f"rates[{i}].of", r.of, "a rate with an amount (that one is not stated)")
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
        seen = set()
        for i, o in enumerate(self.overtime):
            if o.service in seen:
                raise TariffError(f"overtime[{i}].service", o.service, "one overtime rule per service")
            seen.add(o.service)
        seen = set()
        for i, c in enumerate(self.cancellations):
            if c.service is None or c.service in seen:
                raise TariffError(
                    f"cancellations[{i}].service", c.service, "a service named once (general terms go in cancellation)"
                )
            seen.add(c.service)
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

    def overtime_for(self, service: str | None) -> Overtime | None:
        """The overtime rule of ``service`` (else the general one, else none)."""
        return next((o for o in self.overtime if o.service == service and service is not None), None) or next(
            (o for o in self.overtime if o.service is None), None
        )

    def cancellation_for(self, service: str | None) -> CancellationTerms | None:
        """The cancellation terms of ``service`` (else the general ones, else none)."""
        found = next((c for c in self.cancellations if c.service == service and service is not None), None)
        return found or self.cancellation

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
