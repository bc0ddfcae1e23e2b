"""Pricing many sessions at once: plain loops, explanations on demand."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import attrs

from carerules._charging._model import Session, SessionCharge
from carerules._charging._pricing import _quote, price_session
from carerules._display import Tabular
from carerules._guard import public
from carerules._money import MONEY_CONTEXT, money_sum, round_line
from carerules._policy import Policy, Rate, RateBasis, ShiftKind
from carerules._rules import Decision, PolicyStamp
from carerules._time import local_midnight, to_utc

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

    Sessions within one local day take a fast path (rates, bank holidays and
    midnights looked up once per date); others go through the general
    pricing. Raises :class:`~carerules.MissingRate` as pricing does.
    """
    items = tuple(sessions)
    tz = policy.tz
    calendar = policy.calendar
    # The minimum is dated: looked up once per local start date, like rates.
    minimum_us: dict[date, int] = {}
    ctx = MONEY_CONTEXT
    holiday: dict[date, bool] = {}
    rates: dict[tuple[ShiftKind, bool, date], Rate] = {}
    midnight: dict[date, datetime] = {}
    amounts: list[Decimal] = []
    charged: list[timedelta] = []
    for s in items:
        start = to_utc(s.start)
        end = to_utc(s.end)
        day = start.astimezone(tz).date()
        bh = holiday.get(day)
        if bh is None:
            bh = holiday[day] = calendar.lookup(day) is not None
        key = (s.kind, bh, day)
        rate = rates.get(key)
        if rate is None:
            rate = rates[key] = policy.lookup_rate(s.kind, bh, day)
        if rate.basis is RateBasis.PER_SHIFT:
            amounts.append(round_line(rate.amount, policy.currency))
            charged.append(end - start)
            continue
        boundary = midnight.get(day)
        if boundary is None:
            boundary = midnight[day] = local_midnight(day + _ONE_DAY, tz)
        if end > boundary:
            charge = _quote(s.start, s.end, s.kind, policy)
            amounts.append(charge.amount)
            charged.append(charge.charged)
            continue
        floor = minimum_us.get(day)
        if floor is None:
            minimum = policy.minimum_on(day)
            floor = minimum_us[day] = 0 if minimum is None else minimum // _US
        us = max((end - start) // _US, floor)
        amounts.append(round_line(ctx.divide(ctx.multiply(rate.amount, Decimal(us)), _HOUR_US), policy.currency))
        charged.append(us * _US)
    total = money_sum(amounts, policy.currency)
    return PricedBatch(items, policy, tuple(amounts), tuple(charged), total)
