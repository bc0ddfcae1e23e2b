"""Pricing a cancellation (or a no-show) under a tariff's cancellation terms.

The booked charge comes from the tariff's own pricing (:func:`quote_visit`'s
path); the tier the notice falls in takes a share of it, a number of hours
at its average rate, or a fixed amount. A band the provider's terms leave
open is answered as *not stated* (``amount`` ``None``), never guessed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal

import attrs

from carerules._errors import InvalidInput, MissingParameter
from carerules._guard import public
from carerules._money import MONEY_CONTEXT, format_money, round_line
from carerules._policy._model import Policy
from carerules._rules import Decision, Reason
from carerules._tariff import _rules as R
from carerules._tariff._cancel_model import (
    CancellationTerms,
    NoticeTier,
    TierCharge,
    _num,
)
from carerules._tariff._days import holiday_name
from carerules._tariff._extras import Journey
from carerules._tariff._grid import tariff_on
from carerules._tariff._price import _quote
from carerules._tariff._visit import Visit
from carerules._time import format_duration, hours, microseconds, require_aware, to_utc

_HOUR_US = Decimal(3_600_000_000)
_HUNDRED = Decimal(100)
_UNIT_READS = {
    "hours": "in elapsed hours",
    "calendar-days": "in calendar days",
    "clear-days": "in clear days (not the day of notice or of the visit)",
    "business-days": "in business days (Monday to Friday, not bank holidays)",
    "on-the-day": "by the day",
}


class UnknownWaiver(InvalidInput):
    """Evidence names a waiver the policy's cancellation terms do not recognise."""


@attrs.frozen
class CancellationPrice:
    """What a cancelled (or missed) visit costs.

    ``amount`` is ``None`` when the policy's terms do not state a charge for
    the notice given (``stated`` is then ``False``); ``tier`` is the index of
    the deciding tier (``None``: past every tier, free; or a no-show charge).
    ``staff_paid`` is the time staff are paid for (``None`` when not stated).
    """

    visit_id: str
    notice: timedelta
    booked: Decimal
    amount: Decimal | None
    stated: bool
    tier: int | None
    staff_paid: timedelta | None
    no_show: bool = False
    waived_by: str | None = None
    excludes_mileage: bool = False
    includes_travel_made: bool = False
    currency: str = "GBP"
    #: The travel already made that the charge includes (priced as ``price_journey``), in ``amount``.
    travel: Decimal = Decimal(0)


def _business_days(first: date, last: date, policy: Policy, rule: object) -> int:
    """Monday-to-Friday dates strictly between ``first`` and ``last`` that are not bank holidays."""
    n, day = 0, first + timedelta(days=1)
    while day < last and n < 10_000:
        if day.weekday() < 5 and holiday_name(policy.calendar, day, rule) is None:  # type: ignore[arg-type]
            n += 1
        day += timedelta(days=1)
    return n


def _measure(
    unit: str, notice: timedelta, given: date, session: date, policy: Policy, rule: object
) -> tuple[Decimal, str]:
    """The notice in ``unit`` and how it reads ("36 h", "4 calendar days")."""
    if unit == "hours":
        return hours(notice), format_duration(notice)
    days = (session - given).days
    if unit == "on-the-day":
        return (
            Decimal(days),
            "given on the day of the visit"
            if days <= 0
            else f"given {days} day{'s' if days != 1 else ''} before the visit",
        )
    if unit == "calendar-days":
        return Decimal(days), f"{days} calendar day{'s' if days != 1 else ''}"
    if unit == "clear-days":
        clear = max(days - 1, 0)
        return Decimal(clear), f"{clear} clear day{'s' if clear != 1 else ''}"
    count = _business_days(given, session, policy, rule)
    return Decimal(count), f"{count} business day{'s' if count != 1 else ''}"


def _under(tier: NoticeTier, measured: Decimal) -> bool:
    if tier.unit == "on-the-day":
        return measured <= 0
    return measured < tier.under


def _what(charge: TierCharge | None, currency: str) -> str:
    if charge is None:
        return "free"
    if charge.kind == "percent":
        return "free" if charge.amount == 0 else f"{_num(charge.amount)}% charged"
    if charge.kind == "hours":
        return f"{_num(charge.amount)} h charged"
    if charge.kind == "days":
        return f"{_num(charge.amount)} days' fees charged"
    if charge.kind == "fixed":
        return f"{format_money(charge.amount, currency)} charged"
    return "no charge stated"


def _charge(
    charge: TierCharge, booked: Decimal, charged: timedelta, currency: str, days: int = 0
) -> tuple[Decimal, str]:
    """The unrounded amount of ``charge`` on a booking of ``booked`` for ``charged`` time, and how it was reached.

    ``days`` is how many local dates the booking charges by the day (0: not
    charged by the day, so the whole booking is one day's fees).
    """
    ctx = MONEY_CONTEXT
    if charge.kind == "days":
        per_day = ctx.divide(booked, Decimal(days)) if days else booked
        shown = (
            f"{format_money(per_day, currency)} a day, the booked {format_money(booked, currency)} over {days} days"
            if days > 1
            else f"{format_money(per_day, currency)} a day"
            if days
            else f"the booking's {format_money(booked, currency)} as one day's fees"
        )
        return ctx.multiply(per_day, charge.amount), f"{_num(charge.amount)} days at {shown}"
    if charge.kind == "percent":
        return ctx.divide(ctx.multiply(booked, charge.amount), _HUNDRED), (
            f"{_num(charge.amount)}% of the booked {format_money(booked, currency)}"
        )
    if charge.kind == "hours":
        hours_us = ctx.multiply(charge.amount, _HOUR_US)
        amount = ctx.divide(ctx.multiply(booked, hours_us), Decimal(microseconds(charged)))
        return amount, (
            f"{_num(charge.amount)} h at the booking's rate ({format_money(booked, currency)} for "
            f"{format_duration(charged)})"
        )
    return charge.amount, "a fixed charge"


def _staff(tier: NoticeTier | None, charged: timedelta) -> tuple[timedelta, str]:
    if tier is None or tier.staff_pay == "none":
        return timedelta(0), "staff are not paid for it"
    if tier.staff_pay == "percent":
        paid = timedelta(microseconds=int(microseconds(charged) * tier.staff_pay_amount / _HUNDRED))
        return paid, f"staff are paid {_num(tier.staff_pay_amount)}% of the booked time ({format_duration(paid)})"
    paid = timedelta(microseconds=int(tier.staff_pay_amount * _HOUR_US))
    return paid, f"staff are paid {format_duration(paid)}"


def _terms(policy: Policy, day: date, service: str | None) -> CancellationTerms:
    terms = tariff_on(policy, day).cancellation_for(service)
    if terms is None:
        raise MissingParameter(
            policy.id, "tariff.cancellation", day, "add cancellation terms to the tariff of the policy file"
        )
    return terms


def _travel_made(
    journeys: tuple[Journey, ...], terms: CancellationTerms, policy: Policy, day: date, why: list[Reason]
) -> Decimal:
    """The travel already made that a cancellation charge includes, each journey priced as ``price_journey`` does."""
    from carerules._tariff._extras import price_journey

    total = Decimal(0)
    for i, journey in enumerate(journeys):
        if not isinstance(journey, Journey):
            raise InvalidInput(f"travel[{i}]", journey, "a Journey", sensitive=True)
        what = journey.id or f"journey {i + 1}"
        if not terms.includes_travel_made:
            why.append(
                R.CANCELLATION_TRAVEL.because(
                    f"{what}: travel already made is not part of a cancellation charge under these terms",
                    would_change="terms that include travel already made would charge it",
                )
            )
            continue
        priced = journey
        if terms.excludes_mileage and journey.purpose is not None:
            priced = attrs.evolve(journey, purpose=None)
        decision = price_journey(priced, policy, day)
        total = MONEY_CONTEXT.add(total, decision.answer.amount)
        how = "; ".join(r.detail for r in decision.reasons) or "nothing to charge"
        dropped = " (mileage excluded, as the terms say)" if priced is not journey else ""
        why.append(
            R.CANCELLATION_TRAVEL.because(
                f"{what}, already made: {format_money(decision.answer.amount, policy.currency)} "
                f"included{dropped} ({how})"
            )
        )
    return total


@public
def price_cancellation(
    visit: Visit,
    cancelled_at: datetime | None,
    policy: Policy,
    *,
    no_show: bool = False,
    evidence: Iterable[str] = (),
    travel: Iterable[Journey] = (),
) -> Decision[CancellationPrice]:
    """What cancelling ``visit`` at ``cancelled_at`` costs under ``policy``'s tariff, every rule that decided it.

    The notice is the time from ``cancelled_at`` to the visit's start (none
    when cancelled after the start), measured in each tier's unit. With
    ``no_show`` the client was not there when staff arrived (``cancelled_at``
    may then be ``None``). ``evidence`` names the waivers the policy
    recognises that are recorded for this cancellation (``hospital-admission``,
    ``worker-redeployed``, ``rescheduled``...); an unknown name raises
    :class:`UnknownWaiver` naming ``evidence[i]``. ``travel`` is the journeys
    staff already made for the visit: when the terms say a charge includes
    travel already made, each is priced as :func:`~carerules.price_journey`
    prices it (without its mileage, when the terms exclude mileage) and added
    to the charge; otherwise it is named and not charged. Raises
    :class:`~carerules.MissingParameter` when the tariff has no cancellation terms.
    """
    if cancelled_at is None and not no_show:
        raise InvalidInput("cancelled_at", cancelled_at, "an aware datetime (or no_show=True)")
    tz: tzinfo = policy.tz
    start = to_utc(visit.start)
    session = start.astimezone(tz).date()
    tariff = tariff_on(policy, session)
    terms = _terms(policy, session, visit.service)
    names = tuple(evidence)
    for i, name in enumerate(names):
        if not isinstance(name, str) or terms.waiver(name) is None:
            known = ", ".join(w.name for w in terms.waivers) or "none"
            raise UnknownWaiver(f"evidence[{i}]", name, f"a waiver the policy recognises ({known})")
    when = to_utc(require_aware(cancelled_at, "cancelled_at")) if cancelled_at is not None else start
    notice = max(start - when, timedelta(0))
    given = when.astimezone(tz).date()
    currency = policy.currency
    booked_price = _quote(visit, policy, None)
    booked, charged = booked_price.amount, booked_price.charged
    days = sum(1 for line in booked_price.lines if line.per == "day")
    why: list[Reason] = []

    tier_index: int | None = None
    charge: TierCharge | None
    if no_show and terms.no_show is not None:
        charge = terms.no_show
        how_much, how = _charge(charge, booked, charged, currency, days)
        why.append(R.NO_SHOW.because(f"a no-show: {_what(charge, currency)} ({how})"))
    else:
        if no_show:
            why.append(
                R.NO_SHOW.because(
                    "a no-show is charged as a cancellation with no notice (the terms give no no-show charge)",
                )
            )
            notice, given = timedelta(0), session
        measured: dict[str, tuple[Decimal, str]] = {}
        for i, t in enumerate(terms.tiers):
            if t.unit not in measured:
                measured[t.unit] = _measure(t.unit, notice, given, session, policy, tariff.weekend_holidays)
                why.append(
                    R.NOTICE_UNIT.because(
                        f"notice counted {_UNIT_READS[t.unit]}: {measured[t.unit][1]} "
                        f"(given {when.astimezone(tz):%Y-%m-%d %H:%M}, visit {start.astimezone(tz):%Y-%m-%d %H:%M})",
                    )
                )
            if _under(t, measured[t.unit][0]):
                tier_index = i
                break
        tier = terms.tiers[tier_index] if tier_index is not None else None
        charge = tier.charge if tier is not None else None
        after = terms.tiers[tier_index + 1] if tier_index is not None and tier_index + 1 < len(terms.tiers) else None
        last = terms.tiers[-1] if terms.tiers else None
        shown = measured[tier.unit][1] if tier is not None else (measured[last.unit][1] if last else "any notice")
        if tier is None:
            detail = f"notice was {shown}: free ({'at or past every tier' if last else 'the terms have no tiers'})"
            would = f"notice {last.describe()} would have been charged" if last else None
            how_much, how = Decimal(0), ""
        else:
            limit = (
                "notice before the day of the visit"
                if tier.unit == "on-the-day"
                else f"{tier.describe().replace('under ', '')} or more"
            )
            nxt = f"{limit}: {_what(after.charge, currency)}" if after is not None else f"{limit} would have been free"
            how_much, how = (
                _charge(tier.charge, booked, charged, currency, days)
                if tier.charge.kind != "not-stated"
                else (Decimal(0), "")
            )
            what = _what(tier.charge, currency)
            if tier.at_least is not None:
                floor, floor_how = _charge(tier.at_least, booked, charged, currency, days)
                if floor > how_much:
                    how = f"{floor_how}, more than {how}"
                    how_much, what = floor, _what(tier.at_least, currency)
                else:
                    how = f"{how}, at least {floor_how}"
            if tier.charge.kind == "not-stated":
                detail = (
                    f"notice was {shown}: the policy's terms state no charge for notice {tier.describe()} "
                    f"(tier {tier_index}); not guessed"
                )
            else:
                detail = f"notice was {shown}: {what} (the {tier.describe()} tier; {how})"
            would = nxt
        why.append(R.CANCELLATION_TIER.because(detail, would_change=would))

    stated = charge is None or charge.kind != "not-stated"
    waived_by: str | None = None
    if stated and names:
        best = min((terms.waiver(n) for n in names), key=lambda w: w.charge_percent if w else _HUNDRED)
        assert best is not None
        waived_by = best.name
        how_much = MONEY_CONTEXT.divide(MONEY_CONTEXT.multiply(how_much, best.charge_percent), _HUNDRED)
        result = "the charge is dropped" if best.charge_percent == 0 else f"{_num(best.charge_percent)}% of it charged"
        why.append(R.WAIVER.because(f"recorded evidence of {best.shown}: {result}"))
    amount = round_line(how_much, currency) if stated else None
    if stated and (terms.excludes_mileage or terms.includes_travel_made):
        parts = []
        if terms.excludes_mileage:
            parts.append("excludes mileage")
        if terms.includes_travel_made:
            parts.append("includes travel already made")
        why.append(R.CANCELLATION_TIER.because(f"the cancellation charge {' and '.join(parts)}"))
    travel_total = Decimal(0)
    journeys = tuple(travel)
    if journeys and stated and amount is not None:
        travel_total = _travel_made(journeys, terms, policy, session, why)
        amount = MONEY_CONTEXT.add(amount, travel_total)
    paid: timedelta | None = None
    if stated:
        pay_tier = terms.tiers[tier_index] if tier_index is not None and not (no_show and terms.no_show) else None
        paid, pay_how = _staff(pay_tier, charged)
        if pay_tier is not None and pay_tier.staff_pay != "none":
            why.append(R.CANCELLATION_TIER.because(f"for the {pay_tier.describe()} tier, {pay_how}"))
    price = CancellationPrice(
        visit.id,
        notice,
        booked,
        amount,
        stated,
        tier_index,
        paid,
        no_show,
        waived_by,
        terms.excludes_mileage,
        terms.includes_travel_made,
        currency,
        travel_total,
    )
    missing = (
        ()
        if stated or tier_index is None
        else (f"a cancellation charge for notice {terms.tiers[tier_index].describe()}",)
    )
    return Decision(price, why, missing)
