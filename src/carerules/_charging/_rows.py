"""The rows of a priced batch: what an analyst groups and filters by, read the way the pricing read it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from carerules._charging._model import Session
from carerules._policy import Policy
from carerules._time import elapsed, hours

_US = timedelta(microseconds=1)


def day_type(day: date, holiday: str | None) -> str:
    """``bank-holiday``, ``weekend`` or ``weekday``: the kind of local day ``day`` is."""
    if holiday is not None:
        return "bank-holiday"
    return "weekend" if day.weekday() >= 5 else "weekday"


def batch_rows(
    sessions: Sequence[Session], policy: Policy, amounts: Sequence[Decimal], charged: Sequence[timedelta]
) -> list[dict[str, Any]]:
    """One plain dict per session: ids, local start and end, the day type and rate of the start, time and money.

    ``date``, ``day_type``, ``bank_holiday`` and ``rate`` are those of the
    local day the session starts on (the rate its first part is charged at);
    ``bank_holiday_touched`` names a bank holiday on any local day the session
    covers, ``crosses_midnight`` says it was split there; ``top_up`` is the
    time added to reach the minimum (``minimum_applied``).
    """
    tz = policy.tz
    calendar = policy.calendar
    out: list[dict[str, Any]] = []
    for s, amount, paid_for in zip(sessions, amounts, charged, strict=True):
        start = s.start.astimezone(tz)
        end = s.end.astimezone(tz)
        day = start.date()
        holiday = calendar.lookup(day)
        last = (end - _US).date()
        touched = holiday
        d = day
        while touched is None and d < last:
            d += timedelta(days=1)
            touched = calendar.lookup(d)
        rate = policy.lookup_rate(s.kind, holiday is not None, day)
        worked = elapsed(s.start, s.end)
        top_up = max(paid_for - worked, timedelta(0))
        out.append(
            {
                "session": s.id,
                "service_user": s.service_user,
                "staff": s.staff,
                "date": day,
                "start": start,
                "end": end,
                "kind": s.kind.value,
                "day_type": day_type(day, holiday),
                "bank_holiday": holiday,
                "bank_holiday_touched": touched,
                "crosses_midnight": last > day,
                "rate": rate.amount,
                "rate_basis": rate.basis.value,
                "hours_worked": hours(worked),
                "hours_charged": hours(paid_for),
                "top_up": top_up,
                "minimum_applied": top_up > timedelta(0),
                "amount": amount,
            }
        )
    return out
