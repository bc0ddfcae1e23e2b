"""CancellationTerms terms as data: notice tiers, no-shows, waivers, what a charge includes.

A :class:`CancellationTerms` is the ``cancellation`` field of a :class:`~carerules.Tariff`.
Its tiers read "notice under X": the first tier (in order) whose limit the
notice is under decides the charge; notice at or past every tier is free.
A tier may say its charge is ``not-stated`` (the provider's terms leave that
band open): the answer then says so instead of guessing a figure.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from carerules._validate import instance, slug

#: How notice may be measured (``on-the-day``: the tier applies when notice is given on the session's local date).
NOTICE_UNITS: tuple[str, ...] = ("hours", "calendar-days", "clear-days", "business-days", "on-the-day")
#: What a charge may be: a percentage of the booked charge, hours at the visit's rate, days of the booking's fees
#: (its average day), a fixed amount, or not stated.
CHARGE_KINDS: tuple[str, ...] = ("percent", "hours", "days", "fixed", "not-stated")
#: What staff may be paid on a cancellation: a percentage of the booked time, a number of hours, or nothing.
STAFF_PAY_KINDS: tuple[str, ...] = ("none", "percent", "hours")

_UNIT_WORDS = {
    "hours": "h",
    "calendar-days": "calendar days",
    "clear-days": "clear days",
    "business-days": "business days",
}


def _error(where: str, value: Any, expected: str) -> Exception:
    from carerules._tariff._model import TariffError  # the model imports this module while it is built

    return TariffError(where, value, expected)


def _decimal(value: Any) -> bool:
    return isinstance(value, Decimal) and value.is_finite() and value >= 0


def _nominal_hours(unit: str, under: Decimal) -> Decimal:
    """A threshold's size in hours, for checking that tiers are in order across units."""
    if unit == "hours":
        return under
    if unit == "on-the-day":
        return Decimal(24)
    if unit == "clear-days":
        return (under + 1) * 24
    return under * 24


@attrs.frozen
class TierCharge:
    """A charge: ``amount`` read as ``kind`` (percent of the booked charge, hours, a fixed amount, not stated)."""

    kind: str = attrs.field(default="percent", validator=instance(str, "cancellation.charge.kind"))
    amount: Decimal = attrs.field(default=Decimal(100), validator=instance(Decimal, "cancellation.charge.amount"))

    def check(self, where: str) -> None:
        """Refuse an unknown kind or a negative amount with a :class:`~carerules.TariffError` at ``where``."""
        if self.kind not in CHARGE_KINDS:
            raise _error(f"{where}.kind", self.kind, f"one of {', '.join(CHARGE_KINDS)}")
        if not _decimal(self.amount) or (self.kind == "percent" and self.amount > 100):
            raise _error(f"{where}.amount", self.amount, "an amount of zero or more (a percentage at most 100)")


@attrs.frozen
class NoticeTier:
    """ "Notice under ``under`` ``unit``": ``charge`` is charged and staff are paid as ``staff_pay`` says.

    ``under`` is ignored for ``on-the-day`` (give 1). With ``at_least`` the
    charge is the greater of the two (25% of the booking, or 3 hours if more). ``staff_pay`` is
    ``none``, ``percent`` (of the booked time) or ``hours``, with ``staff_pay_amount``.
    """

    under: Decimal = attrs.field(validator=instance(Decimal, "cancellation.tier.under"))
    unit: str = attrs.field(default="hours", validator=instance(str, "cancellation.tier.unit"))
    charge: TierCharge = attrs.field(factory=TierCharge, validator=instance(TierCharge, "cancellation.tier.charge"))
    at_least: TierCharge | None = attrs.field(
        default=None, validator=attrs.validators.optional(instance(TierCharge, "cancellation.tier.at_least"))
    )
    staff_pay: str = attrs.field(default="none", validator=instance(str, "cancellation.tier.staff_pay"))
    staff_pay_amount: Decimal = attrs.field(
        default=Decimal(0), validator=instance(Decimal, "cancellation.tier.staff_pay_amount")
    )

    def describe(self) -> str:
        """For people: "under 48 h", "on the day", "under 7 calendar days"."""
        if self.unit == "on-the-day":
            return "on the day"
        return f"under {_num(self.under)} {_UNIT_WORDS.get(self.unit, self.unit)}"


def _num(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")


@attrs.frozen
class CancellationWaiver:
    """A reason the policy recognises for dropping or reducing a charge (``charge_percent`` of it still charged)."""

    name: str = attrs.field(validator=slug("cancellation.waiver.name"))
    label: str = attrs.field(default="", validator=instance(str, "cancellation.waiver.label"))
    charge_percent: Decimal = attrs.field(
        default=Decimal(0), validator=instance(Decimal, "cancellation.waiver.charge_percent")
    )

    @property
    def shown(self) -> str:
        """How explanations name the waiver."""
        return self.label or self.name.replace("-", " ")


def _tiers(value: Any) -> tuple[NoticeTier, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, tuple | list):
        raise _error("tiers", value, "a list of tiers")
    for i, t in enumerate(value):
        if not isinstance(t, NoticeTier):
            raise _error(f"tiers[{i}]", t, "a NoticeTier")
    return tuple(value)


def _waivers(value: Any) -> tuple[CancellationWaiver, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, tuple | list):
        raise _error("waivers", value, "a list of waivers")
    for i, w in enumerate(value):
        if not isinstance(w, CancellationWaiver):
            raise _error(f"waivers[{i}]", w, "a CancellationWaiver")
    return tuple(value)


@attrs.frozen
class CancellationTerms:
    """A provider's cancellation terms.

    ``tiers`` in increasing order of notice (the first whose limit the notice
    is under decides); ``no_show`` the charge when the client is not there
    (``None``: charged as a cancellation with no notice); ``waivers`` the
    recorded reasons that drop or reduce a charge; ``excludes_mileage`` and
    ``includes_travel_made`` say what a charge covers.
    """

    tiers: tuple[NoticeTier, ...] = attrs.field(default=(), converter=_tiers)
    no_show: TierCharge | None = attrs.field(
        default=None, validator=attrs.validators.optional(instance(TierCharge, "cancellation.no_show"))
    )
    waivers: tuple[CancellationWaiver, ...] = attrs.field(default=(), converter=_waivers)
    excludes_mileage: bool = attrs.field(default=False, validator=instance(bool, "cancellation.excludes_mileage"))
    includes_travel_made: bool = attrs.field(
        default=False, validator=instance(bool, "cancellation.includes_travel_made")
    )
    #: The service these terms are for (in the tariff's ``cancellations``); ``None``: every service.
    service: str | None = attrs.field(default=None, validator=attrs.validators.optional(slug("cancellation.service")))

    def __attrs_post_init__(self) -> None:
        last: dict[str, Decimal] = {}
        last_nominal: Decimal | None = None
        last_charge: dict[str, Decimal] = {}
        for i, t in enumerate(self.tiers):
            where = f"tiers[{i}]"
            if t.unit not in NOTICE_UNITS:
                raise _error(f"{where}.unit", t.unit, f"a notice unit the library knows ({', '.join(NOTICE_UNITS)})")
            if not _decimal(t.under) or (t.under == 0 and t.unit != "on-the-day"):
                raise _error(f"{where}.under", t.under, "a notice limit above zero")
            t.charge.check(f"{where}.charge")
            if t.at_least is not None:
                t.at_least.check(f"{where}.at_least")
                if "not-stated" in (t.charge.kind, t.at_least.kind):
                    raise _error(f"{where}.at_least", t.at_least.kind, "a stated charge, with a stated charge")
            if t.staff_pay not in STAFF_PAY_KINDS:
                raise _error(f"{where}.staff_pay", t.staff_pay, f"one of {', '.join(STAFF_PAY_KINDS)}")
            if not _decimal(t.staff_pay_amount) or (t.staff_pay == "percent" and t.staff_pay_amount > 100):
                raise _error(f"{where}.staff_pay_amount", t.staff_pay_amount, "zero or more (a percentage ≤ 100)")
            nominal = _nominal_hours(t.unit, t.under)
            if (t.unit in last and t.under <= last[t.unit]) or (last_nominal is not None and nominal < last_nominal):
                raise _error(
                    f"{where}.under",
                    t.under,
                    "tiers in increasing order of notice (each limit above the one before it)",
                )
            if t.unit == "on-the-day" and "on-the-day" in last:
                raise _error(f"{where}.unit", t.unit, "one on-the-day tier")
            kind = t.charge.kind
            if (
                kind in ("percent", "hours", "days", "fixed")
                and kind in last_charge
                and t.charge.amount > last_charge[kind]
            ):
                raise _error(
                    f"{where}.charge.amount",
                    t.charge.amount,
                    f"no more than the tier before ({_num(last_charge[kind])}): more notice never costs more",
                )
            last[t.unit], last_nominal, last_charge[kind] = t.under, nominal, t.charge.amount
        if self.no_show is not None:
            self.no_show.check("no_show")
        names: dict[str, int] = {}
        for i, w in enumerate(self.waivers):
            if w.name in names:
                raise _error(f"waivers[{i}].name", w.name, "a name no other waiver has")
            if not _decimal(w.charge_percent) or w.charge_percent > 100:
                raise _error(f"waivers[{i}].charge_percent", w.charge_percent, "0 to 100")
            names[w.name] = i

    def lines(self, currency: str) -> list[str]:
        """The terms as a person checks them (``carerules policy check``)."""
        from carerules._money import format_money

        def charge(c: TierCharge) -> str:
            if c.kind == "percent":
                return f"{_num(c.amount)}% of the booked charge"
            if c.kind == "hours":
                return f"{_num(c.amount)} h at the booking's rate"
            if c.kind == "days":
                return f"{_num(c.amount)} days of the booking's fees"
            if c.kind == "fixed":
                return format_money(c.amount, currency)
            return "not stated"

        out = []
        for t in self.tiers:
            floor = f", at least {charge(t.at_least)}" if t.at_least is not None else ""
            pay = "" if t.staff_pay == "none" else f"; staff paid {_num(t.staff_pay_amount)} {t.staff_pay}"
            out.append(f"cancellation notice {t.describe()}: {charge(t.charge)}{floor}{pay}")
        out.append("cancellation notice past every tier: free")
        if self.no_show is not None:
            out.append(f"no-show: {charge(self.no_show)}")
        out.extend(f"waiver {w.name} ({w.shown}): {_num(w.charge_percent)}% still charged" for w in self.waivers)
        if self.excludes_mileage:
            out.append("a cancellation charge excludes mileage")
        if self.includes_travel_made:
            out.append("a cancellation charge includes travel already made")
        return out

    def waiver(self, name: str) -> CancellationWaiver | None:
        """The waiver called ``name``, or ``None``."""
        return next((w for w in self.waivers if w.name == name), None)
