"""Pricing and pay for one session, with the reasons that made the price."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import attrs

from carerules._charging import _rules as R
from carerules._charging._model import ChargePart, Session, SessionCharge, SessionPay
from carerules._errors import InvalidInput, MissingRate
from carerules._guard import public
from carerules._money import MONEY_CONTEXT, format_money, money_sum, per_hour, round_line
from carerules._policy import Policy, Rate, RateBasis, ShiftKind
from carerules._policy._calendar import BANK_HOLIDAYS, CLOSURE_DAYS
from carerules._rules import Decision, Reason
from carerules._time import (
    elapsed,
    format_duration,
    format_local,
    microseconds,
    require_aware,
    split_at_local_midnight,
    to_utc,
)


def _quote(start: datetime, end: datetime, kind: ShiftKind, policy: Policy, session_id: str = "") -> SessionCharge:
    """The charge for ``kind`` of work from ``start`` to ``end`` under ``policy``.

    The pure arithmetic behind :func:`price_session`, with no explanation.
    Raises :class:`~carerules.MissingRate` when a needed rate is absent.
    """
    tz = policy.tz
    calendar = policy.calendar
    currency = policy.currency
    worked = elapsed(start, end)
    start_day = start.astimezone(tz).date()
    start_holiday = calendar.lookup(start_day)
    first = policy.lookup_rate(kind, start_holiday is not None, start_day)
    if first.basis is RateBasis.PER_SHIFT:
        part = ChargePart(start_day, to_utc(start), to_utc(end), start_holiday, first, worked, first.amount)
        return SessionCharge(session_id, kind, first.basis, worked, worked, (part,), round_line(first.amount, currency))

    pieces = _hourly_pieces(start, end, kind, policy, start_day, start_holiday, first)
    minimum = policy.minimum_on(start_day)
    charged = worked if minimum is None or worked >= minimum else minimum
    top_up = charged - worked
    parts = tuple(
        ChargePart(day, s, e, holiday, rate, span, per_hour(rate.amount, microseconds(span)))
        for i, (day, s, e, holiday, rate) in enumerate(pieces)
        for span in [(e - s) + (top_up if i == 0 else timedelta(0))]
    )
    total = parts[0].amount if len(parts) == 1 else MONEY_CONTEXT.add(parts[0].amount, parts[1].amount)
    for part in parts[2:]:
        total = MONEY_CONTEXT.add(total, part.amount)
    return SessionCharge(session_id, kind, RateBasis.PER_HOUR, worked, charged, parts, round_line(total, currency))


def quote_session(session: Session, policy: Policy) -> SessionCharge:
    """:func:`_quote` for ``session``; a date the policy's calendar refuses names the session's start (or end)."""
    try:
        return _quote(session.start, session.end, session.kind, policy, session.id)
    except InvalidInput as err:
        if err.subject is not None or err.field != "date":
            raise
        at = "start" if err.value == session.start.astimezone(policy.tz).date() else "end"
        raise InvalidInput(err.field, err.value, err.expected, at=(session, at)) from None


@public
def quote(start: datetime, end: datetime, kind: ShiftKind, policy: Policy, session_id: str = "") -> SessionCharge:
    """The charge for ``kind`` of work from ``start`` to ``end`` (aware instants) under ``policy``.

    Raises :class:`~carerules.InvalidInput` when ``end`` is not after
    ``start`` (or either is not an aware instant the library accepts), and
    :class:`~carerules.MissingRate` when a needed rate is absent.
    """
    require_aware(start, "start")
    require_aware(end, "end")
    if elapsed(start, end) <= timedelta(0):
        raise InvalidInput("end", end, f"an instant after start ({start.isoformat()})")
    return _quote(start, end, kind, policy, session_id)


@public
def price_session(session: Session, policy: Policy) -> Decision[SessionCharge]:
    """What ``session`` costs under ``policy``, with the rules that decided.

    Raises :class:`~carerules.MissingRate` naming the shift kind, day type
    and date when the policy has no rate for time the session covers.
    """
    charge = quote_session(session, policy)
    return Decision(charge, explain_charge(session, charge, policy))


def _hourly_pieces(
    start: datetime,
    end: datetime,
    kind: ShiftKind,
    policy: Policy,
    start_day: date,
    start_holiday: str | None,
    first: Rate,
    *,
    pay: bool = False,
) -> list[tuple[date, datetime, datetime, str | None, Rate]]:
    """The time split at local midnight, each piece with its day's holiday and its per-hour rate.

    ``first`` is the start day's rate; every other piece's rate is the one in
    force on the start date for its own day type: a charge rate, or with
    ``pay`` a pay rate.
    """
    lookup = policy.lookup_pay_rate if pay else policy.lookup_rate
    field, what = ("pay_rates", "pay rate") if pay else ("rates", "rate")
    pieces: list[tuple[date, datetime, datetime, str | None, Rate]] = []
    for day, piece_start, piece_end in split_at_local_midnight(start, end, policy.tz):
        holiday = start_holiday if day == start_day else policy.calendar.lookup(day)
        rate = first if day == start_day else lookup(kind, holiday is not None, start_day, day)
        if rate.basis is not RateBasis.PER_HOUR:
            raise InvalidInput(
                field,
                rate,
                f"a per-hour {'bank-holiday' if holiday else 'ordinary'} {kind.value} {what}, "
                f"like the {what} the session starts on",
            )
        pieces.append((day, piece_start, piece_end, holiday, rate))
    return pieces


def explain_charge(session: Session, charge: SessionCharge, policy: Policy) -> tuple[Reason, ...]:
    """The reasons behind ``charge``, in the order the rules applied."""
    tz = policy.tz
    reasons: list[Reason] = []
    wall = session.end.astimezone(tz).replace(tzinfo=None) - session.start.astimezone(tz).replace(tzinfo=None)
    if wall != charge.worked:
        reasons.append(
            R.ELAPSED_TIME.because(
                f"{format_local(session.start, tz)} to {format_local(session.end, tz)} is "
                f"{format_duration(charge.worked)} of real time, not the {format_duration(wall)} "
                "the clock faces suggest (the clocks changed)"
            )
        )
    if charge.basis is RateBasis.PER_SHIFT:
        part = charge.parts[0]
        reasons.append(R.FLAT_SHIFT_RATE.because(f"{charge.kind.value} charged {part.rate.describe(policy.currency)}"))
        if part.holiday is not None:
            reasons.append(_calendar_reason(part.day, part.holiday, policy))
            reasons.append(
                R.FLAT_SHIFT_BANK_HOLIDAY.because(f"the shift starts on {part.day} ({part.holiday}), a bank holiday")
            )
        reasons.append(R.ROUND_LINE.because(f"line total {format_money(charge.amount, policy.currency)}"))
        return tuple(reasons)
    if len(charge.parts) > 1:
        days = ", ".join(f"{p.day} ({p.holiday or 'ordinary day'})" for p in charge.parts)
        reasons.append(R.MIDNIGHT_SPLIT.because(f"split at local midnight into {days}"))
    for part in charge.parts:
        worked_here = part.end - part.start
        text = f"{format_duration(worked_here)} on {part.day} at {part.rate.describe(policy.currency)}"
        if part.holiday is not None:
            reasons.append(_calendar_reason(part.day, part.holiday, policy))
            reasons.append(R.BANK_HOLIDAY_RATE.because(f"{text}: {part.day} is {part.holiday}"))
        else:
            reasons.append(R.HOURLY_RATE.because(text))
    if charge.kind is ShiftKind.WAKING_NIGHT:
        reasons.extend(_waking_night_reason(charge, policy))
    if charge.top_up:
        first = charge.parts[0]
        reasons.append(
            R.MINIMUM_SESSION.because(
                f"{format_duration(charge.worked)} booked; charged as {format_duration(charge.charged)} "
                f"(top-up of {format_duration(charge.top_up)} at {first.rate.describe(policy.currency)})",
                would_change=f"a session of {format_duration(charge.charged)} or more is charged for its actual length",
            )
        )
    exact = money_sum(p.amount for p in charge.parts)
    reasons.append(
        R.ROUND_LINE.because(f"{exact.normalize():f} rounded once to {format_money(charge.amount, policy.currency)}")
    )
    return tuple(reasons)


def _waking_night_reason(charge: SessionCharge, policy: Policy) -> tuple[Reason, ...]:
    """``charging.waking-night-hourly`` when the night's ordinary-day time costs what day support costs."""
    ordinary = next((p for p in charge.parts if p.holiday is None), None)
    if ordinary is None:
        return ()
    start_day = charge.parts[0].day
    try:
        day = policy.lookup_rate(ShiftKind.DAY, False, start_day)
    except MissingRate:
        return ()
    if day.basis is not RateBasis.PER_HOUR or day.amount != ordinary.rate.amount:
        return ()
    money = format_money(ordinary.rate.amount, policy.currency)
    return (
        R.WAKING_NIGHT_HOURLY.because(
            f"waking night charged at {money} per hour, the hourly rate of day support on {start_day}"
        ),
    )


def _calendar_reason(day: date, holiday: str, policy: Policy) -> Reason:
    calendar = policy.calendar
    if day in calendar.closure_days:
        return CLOSURE_DAYS.because(f"{day} is one of {policy.name}'s closure days")
    where = f"{calendar.country}-{calendar.subdivision}" if calendar.subdivision else calendar.country
    return BANK_HOLIDAYS.because(f"{day} is {holiday}, a bank holiday in {where} (holidays package)")


@public
def pay_for_session(session: Session, policy: Policy) -> Decision[SessionPay]:
    """What the staff member is paid for ``session``: time (minimum applied) or one shift.

    Under a policy with ``pay_rates`` the pay carries its ``amount`` of
    money (``pay.rate``); a missing pay rate raises
    :class:`~carerules.MissingRate` with ``parameter == "pay_rates"``.
    """
    return pay_from_charge(session, quote_session(session, policy), policy)


def pay_from_charge(
    session: Session, charge: SessionCharge, policy: Policy, *, money: bool = True
) -> Decision[SessionPay]:
    """Pay for ``session`` given its (already computed) charge; with ``money``, its amount if the policy pays money."""
    if charge.basis is RateBasis.PER_SHIFT:
        pay = SessionPay(session.id, session.staff, charge.worked, charge.worked, 1)
        reason = R.PAY_FLAT.because(f"{charge.kind.value} paid as one shift")
    else:
        pay = SessionPay(session.id, session.staff, charge.worked, charge.charged, 0)
        if charge.top_up:
            reason = R.PAY_MINIMUM.because(
                f"{format_duration(charge.worked)} worked; paid as {format_duration(charge.charged)}",
                would_change=f"sessions of {format_duration(charge.charged)} or more are paid as worked",
            )
        else:
            reason = R.PAY_WORKED.because(f"{format_duration(charge.worked)} worked and paid")
    if not money or not policy.pays_money:
        return Decision(pay, (reason,))
    amount, priced = pay_amount(session, pay, policy)
    return Decision(attrs.evolve(pay, amount=amount), (reason, priced))


def pay_amount(session: Session, pay: SessionPay, policy: Policy) -> tuple[Decimal, Reason]:
    """The money for ``pay`` at the policy's pay rates (``pay.rate``), rounded once, and the reason.

    A per-shift pay rate pays its amount once. A per-hour pay rate pays the
    paid time: the session split at local midnight, each part at the pay
    rate for its day type in force on the start date, the minimum's top-up
    at the first part's rate.
    """
    tz = policy.tz
    calendar = policy.calendar
    currency = policy.currency
    kind = session.kind
    start_day = session.start.astimezone(tz).date()
    start_holiday = calendar.lookup(start_day)
    first = policy.lookup_pay_rate(kind, start_holiday is not None, start_day)
    if first.basis is RateBasis.PER_SHIFT:
        amount = round_line(first.amount, currency)
        return amount, R.PAY_RATE.because(f"paid {first.describe(currency)}")
    top_up = pay.paid - pay.worked
    total = Decimal(0)
    texts: list[str] = []
    pieces = _hourly_pieces(session.start, session.end, kind, policy, start_day, start_holiday, first, pay=True)
    for i, (_, piece_start, piece_end, _, rate) in enumerate(pieces):
        span = (piece_end - piece_start) + (top_up if i == 0 else timedelta(0))
        total = MONEY_CONTEXT.add(total, per_hour(rate.amount, microseconds(span)))
        texts.append(f"{format_duration(span)} at {rate.describe(currency)}")
    amount = round_line(total, currency)
    return amount, R.PAY_RATE.because(f"{'; '.join(texts)}: {format_money(amount, currency)}")
