"""Pricing many sessions at once: plain loops, explanations on demand."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import attrs

from carerules._charging._model import Session, SessionCharge
from carerules._charging._pricing import _quote, price_session
from carerules._display import Tabular
from carerules._errors import CareRulesError, MissingRate
from carerules._guard import public
from carerules._money import MONEY_CONTEXT, minor_unit, money_sum
from carerules._policy import Policy, Rate, RateBasis, ShiftKind
from carerules._rules import Decision, PolicyStamp
from carerules._time import local_midnight

_US = timedelta(microseconds=1)
_HOUR_US = Decimal(3_600_000_000)
_ONE_DAY = timedelta(days=1)


@attrs.frozen
class PricedBatch(Tabular):
    """The prices of many sessions, in input order.

    ``amounts[i]`` is session ``i``'s rounded charge; :meth:`explain` gives
    the full decision for any row on demand.
    """

    sessions: tuple[Session, ...] = attrs.field(repr=False)
    policy: Policy = attrs.field(repr=False)
    amounts: tuple[Decimal, ...] = attrs.field(repr=False)
    charged: tuple[timedelta, ...] = attrs.field(repr=False)
    total: Decimal

    def __len__(self) -> int:
        return len(self.amounts)

    @property
    def stamp(self) -> PolicyStamp:
        """The id and version of the policy that priced the batch."""
        return self.policy.stamp

    def explain(self, index: int) -> Decision[SessionCharge]:
        """The decision, with reasons, for row ``index``."""
        return price_session(self.sessions[index], self.policy)

    def rows(self) -> list[dict[str, Any]]:
        """One plain dict per session, ready for a DataFrame (the columns: ``_charging._rows.batch_rows``)."""
        from carerules._charging._rows import batch_rows

        return batch_rows(self.sessions, self.policy, self.amounts, self.charged)


@public
def price_batch(sessions: Iterable[Session], policy: Policy) -> PricedBatch:
    """Price every session under ``policy``; same results as :func:`price_session`.

    Everything a session's price depends on is looked up once per local date
    (bank holiday, the local midnights around it, the minimum, the rates);
    per-hour sessions, whether they stay within one local day or cross
    midnight, are then priced with the same exact decimal steps as
    :func:`price_session`. Anything the fast loop does not settle (an
    instant that is not plainly within its local day, a rate that is
    missing or not per hour) goes through the general pricing, which raises
    :class:`~carerules.MissingRate` as pricing does.
    """
    items = tuple(sessions)
    amounts: list[Decimal] = []
    charged: list[timedelta] = []
    _Loop(policy).price(items, amounts, charged)
    total = money_sum(amounts, policy.currency)
    return PricedBatch(items, policy, tuple(amounts), tuple(charged), total)


class _Day:
    """What pricing needs to know about one local date: looked up once per batch."""

    __slots__ = ("begins", "day", "ends", "floor", "holiday", "own", "rates")

    def __init__(self, day: date, policy: Policy) -> None:
        tz = policy.tz
        self.day = day
        self.holiday = policy.calendar.lookup(day) is not None
        self.begins = local_midnight(day, tz)
        self.ends = local_midnight(day + _ONE_DAY, tz)
        self.floor: int | None = None  # the minimum in force, in microseconds (looked up when needed)
        self.rates: dict[tuple[ShiftKind, bool], Rate | None] = {}
        #: For each kind, the rate of time on this date and its prices by charged microseconds (``_Loop.own``).
        self.own: dict[ShiftKind, tuple[Rate | None, dict[int, tuple[Decimal, timedelta]]]] = {}


class _Loop:
    """The fast loop of :func:`price_batch` and its per-date caches."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.days: dict[date, _Day] = {}
        #: The rounded price of so many microseconds at a rate, by the rate (its id: the policy holds it).
        self.memos: dict[int, dict[int, tuple[Decimal, timedelta]]] = {}
        self.quantum = Decimal(1).scaleb(-minor_unit(policy.currency), MONEY_CONTEXT)
        self.half_up = MONEY_CONTEXT.copy()
        self.half_up.rounding = ROUND_HALF_UP

    def day(self, day: date) -> _Day:
        found = self.days.get(day)
        if found is None:
            found = self.days[day] = _Day(day, self.policy)
        return found

    def rate(self, kind: ShiftKind, holiday: bool, on: _Day) -> Rate | None:
        """The rate in force on ``on`` for ``kind`` on a day of that type; ``None`` when missing."""
        key = (kind, holiday)
        if key in on.rates:
            return on.rates[key]
        try:
            found: Rate | None = self.policy.lookup_rate(kind, holiday, on.day)
        except MissingRate:
            found = None  # the general pricing raises it, with the date it was needed for
        on.rates[key] = found
        return found

    def own(self, kind: ShiftKind, on: _Day) -> tuple[Rate | None, dict[int, tuple[Decimal, timedelta]]]:
        """The rate for ``kind`` of time on ``on`` itself, with the prices already worked out at that rate."""
        rate = self.rate(kind, on.holiday, on)
        memo = self.memos.setdefault(id(rate), {})
        found = on.own[kind] = (rate, memo)
        return found

    def price(self, items: tuple[Session, ...], amounts: list[Decimal], charged: list[timedelta]) -> None:
        """Append each session's rounded amount and charged time, in order."""
        policy = self.policy
        tz = policy.tz
        ctx = MONEY_CONTEXT
        multiply, divide = ctx.multiply, ctx.divide
        quantize = self.half_up.quantize
        quantum = self.quantum
        days = self.days
        per_hour = RateBasis.PER_HOUR
        for s in items:
            start, end = s._utc
            kind = s.kind
            try:
                local_day = s.start.astimezone(tz).date()
                first = days.get(local_day) or self.day(local_day)
                rate, memo = first.own.get(kind) or self.own(kind, first)
                if rate is not None and first.begins <= start < first.ends:
                    if rate.basis is RateBasis.PER_SHIFT:
                        amounts.append(quantize(rate.amount, quantum))
                        charged.append(end - start)
                        continue
                    if rate.basis is per_hour:
                        floor = first.floor
                        if floor is None:
                            minimum = policy.minimum_on(local_day)
                            floor = first.floor = 0 if minimum is None else minimum // _US
                        worked = (end - start) // _US
                        us = worked if worked >= floor else floor
                        if end <= first.ends:
                            # Within the day: one part, priced once for each length at each rate.
                            known = memo.get(us)
                            if known is None:
                                amount = quantize(divide(multiply(rate.amount, Decimal(us)), _HOUR_US), quantum)
                                known = memo[us] = (amount, us * _US)
                            amounts.append(known[0])
                            charged.append(known[1])
                            continue
                        across = self.across_midnight(s, rate, first, us - worked)
                        if across is not None:
                            amounts.append(quantize(across, quantum))
                            charged.append(us * _US)
                            continue
            except CareRulesError:
                pass  # the general pricing raises it, with its own wording and order of checks
            charge = _quote(s.start, s.end, kind, policy, s.id)
            amounts.append(charge.amount)
            charged.append(charge.charged)

    def across_midnight(self, s: Session, rate: Rate, first: _Day, top_up: int) -> Decimal | None:
        """The unrounded amount of a per-hour session crossing local midnight, part by part as ``_quote`` adds it.

        ``None`` when a later date's rate is missing or not per hour (the general pricing says which).
        """
        start, end = s._utc
        ctx = MONEY_CONTEXT
        total = ctx.divide(ctx.multiply(rate.amount, Decimal((first.ends - start) // _US + top_up)), _HOUR_US)
        here = first
        while end > here.ends:
            here = self.day(here.day + _ONE_DAY)
            part_rate = self.rate(s.kind, here.holiday, first)
            if part_rate is None or part_rate.basis is not RateBasis.PER_HOUR:
                return None
            part_end = end if end <= here.ends else here.ends
            part = ctx.divide(ctx.multiply(part_rate.amount, Decimal((part_end - here.begins) // _US)), _HOUR_US)
            total = ctx.add(total, part)
        return total
