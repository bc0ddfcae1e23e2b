"""Travel, expenses and one-off fees under a tariff: each priced from what the caller records, and explained.

The library looks up no maps: a :class:`Journey` carries the distance (and
the staff travel time) the caller measured. Every amount is rounded once,
half up, to the currency's minor unit.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import attrs

from carerules._errors import InvalidInput, MissingParameter
from carerules._guard import public
from carerules._money import MONEY_CONTEXT, ZERO, format_money, per_hour, round_line
from carerules._policy._model import Policy
from carerules._rules import Decision, Reason
from carerules._tariff import _rules as R
from carerules._tariff._grid import tariff_on
from carerules._tariff._terms import Distance, OverCap, Travel
from carerules._time import format_duration, microseconds
from carerules._validate import instance, is_date, is_money, optional_text, plain_text, text


def _optional_time(_: object, __: object, value: Any) -> None:
    if value is not None and (not isinstance(value, timedelta) or value < timedelta(0)):
        raise InvalidInput("journey.time", value, "a timedelta of zero or more, or none")


@attrs.frozen
class Journey:
    """A journey the caller measured: ``distance`` in the tariff's unit, for mileage of ``purpose``.

    ``purpose`` ``None`` charges no mileage (only travel time, when ``time``
    is given and the tariff charges travel time).
    """

    distance: Decimal = attrs.field(validator=is_money("journey.distance"))
    purpose: str | None = attrs.field(default=None, validator=optional_text("journey.purpose"))
    time: timedelta | None = attrs.field(default=None, validator=_optional_time)
    id: str = attrs.field(default="", validator=plain_text("journey.id"))


@attrs.frozen
class ExpenseClaim:
    """A cost incurred on one occasion, to recharge: its category, amount, date and whether it was approved."""

    category: str = attrs.field(validator=text("claim.category"))
    amount: Decimal = attrs.field(validator=is_money("claim.amount"))
    incurred_on: date = attrs.field(validator=is_date("claim.incurred_on"))
    approved: bool = attrs.field(default=False, validator=instance(bool, "claim.approved"))
    id: str = attrs.field(default="", validator=plain_text("claim.id"))


@attrs.frozen
class ExtraCharge:
    """A charge beside the visits (mileage, travel time, an expense, a fee, a surcharge), rounded once."""

    what: str
    amount: Decimal
    billed: bool = True
    currency: str = "GBP"


def _qty(value: Decimal) -> str:
    shown = format(value.normalize(), "f")
    return shown


def _units(value: Decimal, unit: Distance) -> str:
    name = "mile" if unit is Distance.MILE else "km"
    return f"{_qty(value)} {name}{'s' if unit is Distance.MILE and value != 1 else ''}"


def _travel(policy: Policy, on: date) -> Travel:
    tariff = tariff_on(policy, on)
    if tariff.travel is None:
        raise MissingParameter(policy.id, "tariff.travel", on, "add a travel section to the tariff")
    return tariff.travel


@public
def price_journey(journey: Journey, policy: Policy, on: date) -> Decision[ExtraCharge]:
    """What ``journey`` costs under the tariff in force ``on``: mileage for its purpose, then travel time.

    Raises :class:`~carerules.InvalidInput` (``journey.purpose``) for a purpose
    the tariff has no mileage rate for, and :class:`~carerules.MissingParameter`
    when the tariff has no travel terms.
    """
    travel = _travel(policy, on)
    cur = policy.currency
    why: list[Reason] = []
    total = ZERO
    if journey.purpose is not None:
        terms = travel.mileage_for(journey.purpose)
        if terms is None:
            known = ", ".join(m.purpose for m in travel.mileage) or "none given"
            raise InvalidInput(
                "journey.purpose", journey.purpose, f"a purpose of the tariff's travel.mileage ({known})"
            )
        charged = max(ZERO, MONEY_CONTEXT.subtract(journey.distance, terms.free))
        amount = MONEY_CONTEXT.multiply(charged, terms.rate)
        text = (
            f"{_units(journey.distance, terms.unit)} ({terms.label or journey.purpose}) at "
            f"{format_money(terms.rate, cur)} per {terms.unit.value}"
        )
        would = None
        if terms.free:
            text += f", the first {_qty(terms.free)} free"
            would = f"a journey of {_units(terms.free, terms.unit)} or less is not charged"
        text += f": {format_money(round_line(amount, cur), cur)}"
        if terms.cap is not None and amount > terms.cap:
            amount = terms.cap
            text += f", capped at {format_money(terms.cap, cur)} per journey"
        why.append(R.MILEAGE.because(text, would_change=would))
        total = MONEY_CONTEXT.add(total, round_line(amount, cur))
    if journey.time is not None and travel.time is not None:
        tt = travel.time
        radius = _units(tt.free_radius, tt.unit)
        if journey.distance <= tt.free_radius and tt.free_radius:
            why.append(
                R.TRAVEL_TIME.because(
                    f"{format_duration(journey.time)} of travel within the {radius} free radius: not charged",
                    would_change=f"a journey of more than {radius} is charged for its travel time",
                )
            )
        else:
            amount = per_hour(tt.rate, microseconds(journey.time))
            text = f"{format_duration(journey.time)} of travel at {format_money(tt.rate, cur)} per hour"
            if tt.free_radius:
                text += f" (beyond the {radius} free radius)"
            text += f": {format_money(round_line(amount, cur), cur)}"
            if tt.cap is not None and amount > tt.cap:
                amount = tt.cap
                text += f", capped at {format_money(tt.cap, cur)} per visit"
            why.append(R.TRAVEL_TIME.because(text))
            total = MONEY_CONTEXT.add(total, round_line(amount, cur))
    what = journey.id or f"journey of {_qty(journey.distance)}"
    return Decision(ExtraCharge(what, round_line(total, cur), True, cur), why)


@public
def price_expense(claim: ExpenseClaim, policy: Policy) -> Decision[ExtraCharge]:
    """What ``claim`` bills under the tariff's expense terms for its category (on its date).

    Over the cap per occasion it bills the cap, or nothing when the terms
    refuse costs over it; where each occasion needs approval, an occasion not
    approved bills nothing (``missing`` says so). A category without terms
    bills at cost. Whether a cost is agreed at all is ``decide_expense``'s
    question; this one is how much of an agreed cost is billed.
    """
    tariff = tariff_on(policy, claim.incurred_on)
    cur = policy.currency
    shown = f"{claim.category} {format_money(claim.amount, cur)}"
    terms = next((e for e in tariff.expenses if e.category == claim.category), None)
    what = claim.id or claim.category
    if terms is None:
        reason = R.EXPENSE_CAP.because(f"{shown}: billed at cost (no cap per occasion for {claim.category!r})")
        return Decision(ExtraCharge(what, round_line(claim.amount, cur), True, cur), (reason,))
    if terms.approval and not claim.approved:
        reason = R.EXPENSE_CAP.because(
            f"{shown} not billed: each occasion needs approval, and this one was not approved",
            would_change="approval of this occasion would bill it",
        )
        return Decision(
            ExtraCharge(what, ZERO, False, cur), (reason,), missing=(f"approval of this {claim.category} cost",)
        )
    if terms.cap is None or claim.amount <= terms.cap:
        cap = "" if terms.cap is None else f", within the {format_money(terms.cap, cur)} cap per occasion"
        reason = R.EXPENSE_CAP.because(f"{shown} billed{cap}")
        return Decision(ExtraCharge(what, round_line(claim.amount, cur), True, cur), (reason,))
    over = MONEY_CONTEXT.subtract(claim.amount, terms.cap)
    if terms.over_cap is OverCap.REFUSE:
        reason = R.EXPENSE_CAP.because(
            f"{shown} not billed: over the {format_money(terms.cap, cur)} cap per occasion, which refuses it",
            would_change=f"a cost of {format_money(terms.cap, cur)} or less is billed",
        )
        return Decision(ExtraCharge(what, ZERO, False, cur), (reason,))
    reason = R.EXPENSE_CAP.because(
        f"{shown}: {format_money(terms.cap, cur)} billed, the cap per occasion; "
        f"the {format_money(over, cur)} over it is not billed",
        would_change="a higher cap agreed for this category would bill more",
    )
    return Decision(ExtraCharge(what, round_line(terms.cap, cur), True, cur), (reason,))


@public
def charge_fee(name: str, policy: Policy, on: date) -> Decision[ExtraCharge]:
    """The one-off fee called ``name`` (an assessment, a set-up) under the tariff in force ``on``.

    Raises :class:`~carerules.InvalidInput` (``fee``) for a name the tariff's ``fees`` do not have.
    """
    tariff = tariff_on(policy, on)
    fee = next((f for f in tariff.fees if f.name == name), None)
    if fee is None:
        known = ", ".join(f.name for f in tariff.fees) or "none given"
        raise InvalidInput("fee", name, f"a fee of the tariff's fees ({known})")
    cur = policy.currency
    reason = R.FEE.because(f"{fee.label or fee.name}: {format_money(fee.amount, cur)}, charged once")
    return Decision(ExtraCharge(fee.name, round_line(fee.amount, cur), True, cur), (reason,))
