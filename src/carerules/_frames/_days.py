"""Per-local-day tables for the columnar engine: midnights, holidays, rates, thresholds.

Everything that depends on a local date is looked up once per date in the
span a frame covers, with the per-row engine's own functions
(``local_midnight``, ``Calendar.lookup``, ``Policy.lookup_rate``,
``Policy.minimum_on``), then gathered per row with numpy. A row's local date
is found by ``searchsorted`` on the local midnights, so it is exactly the date
``start.astimezone(policy.tz).date()`` gives, across clock changes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import numpy as np
import numpy.typing as npt

from carerules._errors import CareRulesError
from carerules._money import MONEY_CONTEXT, minor_unit, round_line
from carerules._policy import Policy, RateBasis, ShiftKind
from carerules._time import local_midnight

I64 = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]

US_PER_DAY = 86_400_000_000
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
#: The widest span of local dates one table is priced over in columns (about 550 years); wider goes per row.
MAX_DAYS = 200_000
KINDS = tuple(ShiftKind)
_SAFE = (date(1, 1, 3).toordinal(), date(9999, 12, 28).toordinal())
#: Rate codes: per row and part, which rate (index into ``DayTable.rate_*``); -1: missing (or lookup failed).
NO_RATE = -1


def _us(instant: datetime) -> int:
    delta = instant - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def _offset_us(tz: object, t_us: int) -> int:
    instant = _EPOCH + timedelta(microseconds=t_us)
    offset = instant.astimezone(tz).utcoffset()  # type: ignore[arg-type]
    assert offset is not None
    return offset // timedelta(microseconds=1)


class DayTable:
    """What a policy says about each local date from ``first`` to ``last`` (plus a margin)."""

    def __init__(self, policy: Policy, first_utc_us: int, last_utc_us: int) -> None:
        tz = policy.tz
        self.policy = policy
        lo = first_utc_us // US_PER_DAY - 2
        hi = last_utc_us // US_PER_DAY + 3
        self.first_ordinal = _EPOCH_ORDINAL + lo
        self.days = [date.fromordinal(self.first_ordinal + i) for i in range(hi - lo + 1)]
        self.midnight: I64 = np.array([_us(local_midnight(d, tz)) for d in self.days], dtype=np.int64)
        self._offsets(tz)
        self._calendar()
        self._rates()
        self.notice: I64 = np.zeros(len(self.days), dtype=np.int64)
        self.notice_ok: B = np.zeros(len(self.days), dtype=np.bool_)
        for i, d in enumerate(self.days):
            try:
                self.notice[i] = policy.notice_on(d) // timedelta(microseconds=1)
            except CareRulesError:
                continue
            self.notice_ok[i] = True
        self.minimum: I64 = np.full(len(self.days), -1, dtype=np.int64)
        self.minimum_ok: B = np.zeros(len(self.days), dtype=np.bool_)
        for i, d in enumerate(self.days):
            try:
                m = policy.minimum_on(d)
            except CareRulesError:
                continue
            self.minimum_ok[i] = True
            self.minimum[i] = 0 if m is None else m // timedelta(microseconds=1)

    def _offsets(self, tz: object) -> None:
        """The zone's UTC offset changes over the table: each found between two local midnights, then bisected.

        A day whose two midnights have different offsets holds a change,
        located to the microsecond by bisection with ``utcoffset``. (A zone that
        changes its offset twice within one local day and back again would go
        unseen; no zone in the tz database does.)
        """
        at_midnight = np.array([_offset_us(tz, int(t)) for t in self.midnight], dtype=np.int64)
        changes = [int(self.midnight[0])]
        values = [int(at_midnight[0])]
        for i in np.flatnonzero(at_midnight[1:] != at_midnight[:-1]).tolist():
            a, b = int(self.midnight[i]), int(self.midnight[i + 1])
            before = int(at_midnight[i])
            while b - a > 1:
                mid = (a + b) // 2
                if _offset_us(tz, mid) == before:
                    a = mid
                else:
                    b = mid
            changes.append(b)
            values.append(int(at_midnight[i + 1]))
        self.change_at: I64 = np.array(changes, dtype=np.int64)
        self.offset_after: I64 = np.array(values, dtype=np.int64)

    def _calendar(self) -> None:
        calendar = self.policy.calendar
        n = len(self.days)
        self.holiday: B = np.zeros(n, dtype=np.bool_)
        self.closure: B = np.zeros(n, dtype=np.bool_)
        self.calendar_ok: B = np.ones(n, dtype=np.bool_)
        self.holiday_name: list[str | None] = [None] * n
        for i, d in enumerate(self.days):
            try:
                name = calendar.lookup(d)
            except CareRulesError:
                self.calendar_ok[i] = False
                continue
            self.holiday_name[i] = name
            self.holiday[i] = name is not None
            self.closure[i] = d in calendar.closure_days

    def _rates(self) -> None:
        """``rate[k, bh, day]``: index of the rate for kind ``k`` (ordinary / bank holiday) in force on ``day``."""
        policy = self.policy
        n = len(self.days)
        self.rate = np.full((len(KINDS), 2, n), NO_RATE, dtype=np.int64)
        self.rates: list[object] = []
        places = max([minor_unit(policy.currency), *(_places(r.amount) for r in policy.rates)])
        #: Hourly rates are integers in units of 10**-scale; flat rates are rounded minor units.
        self.scale = places
        amounts: list[int] = []
        flat: list[bool] = []
        minor: list[int] = []
        ordinals = np.arange(n, dtype=np.int64) + self.first_ordinal
        for k, kind in enumerate(KINDS):
            for bh in (0, 1):
                # Exactly Policy.lookup_rate: the latest rate of the kind and day type effective on or before the day.
                chosen = [r for r in policy.rates if r.kind is kind and r.bank_holiday is bool(bh)]
                if not chosen:
                    continue
                starts = np.array([r.effective_from.toordinal() for r in chosen], dtype=np.int64)
                at = np.searchsorted(starts, ordinals, side="right") - 1
                codes = []
                for r in chosen:
                    codes.append(len(self.rates))
                    self.rates.append(r)
                    amounts.append(int(r.amount.scaleb(places, MONEY_CONTEXT)))
                    flat.append(r.basis is RateBasis.PER_SHIFT)
                    rounded = round_line(r.amount, policy.currency)
                    minor.append(int(rounded.scaleb(minor_unit(policy.currency), MONEY_CONTEXT)))
                self.rate[k, bh] = np.where(at >= 0, np.array(codes, dtype=np.int64)[np.maximum(at, 0)], NO_RATE)
        self.rate_units: I64 = np.array(amounts or [0], dtype=np.int64)
        self.rate_flat: B = np.array(flat or [False], dtype=np.bool_)
        #: Each rate rounded once to the currency's minor unit (what a flat shift is charged).
        self.rate_minor: I64 = np.array(minor or [0], dtype=np.int64)
        # The waking-night rule: on day d the ordinary waking-night rate equals the hourly day rate.
        wn, dy = KINDS.index(ShiftKind.WAKING_NIGHT), KINDS.index(ShiftKind.DAY)
        a, b = self.rate[wn, 0], self.rate[dy, 0]
        ok = (a >= 0) & (b >= 0)
        units = self.rate_units
        self.waking_matches_day: B = ok & ~self.rate_flat[b] & (units[np.maximum(a, 0)] == units[np.maximum(b, 0)])

    @classmethod
    def for_rows(cls, policy: Policy, start: I64, end: I64) -> DayTable | None:
        """The table covering every row, or ``None`` when they span more than :data:`MAX_DAYS` days."""
        lo, hi = int(start.min()), int(end.max())
        first = _EPOCH_ORDINAL + lo // US_PER_DAY - 2
        last = _EPOCH_ORDINAL + hi // US_PER_DAY + 3
        # Near the ends of datetime's range a local midnight may not exist: the per-row engine answers there.
        if (hi - lo) // US_PER_DAY > MAX_DAYS or first < _SAFE[0] or last > _SAFE[1]:
            return None
        return cls(policy, lo, hi)

    def day_index(self, t_us: I64) -> I64:
        """The index of the local date each instant falls on: ``midnight[i] <= t < midnight[i + 1]``.

        Starts from the instant's UTC date and steps one day back or on when
        a local midnight says so (zones are less than a day from UTC).
        """
        i = t_us // US_PER_DAY - (self.first_ordinal - _EPOCH_ORDINAL)
        i -= t_us < self.midnight[i]
        i += t_us >= self.midnight[i + 1]
        return i

    def offset(self, t_us: I64) -> I64:
        """The zone's UTC offset (µs) at each instant."""
        return self.offset_after[np.searchsorted(self.change_at, t_us, side="right") - 1]

    def date_values(self, index: I64) -> npt.NDArray[np.datetime64]:
        """The local dates at ``index`` as numpy days."""
        return (index + (self.first_ordinal - _EPOCH_ORDINAL)).astype("datetime64[D]")


def _places(amount: Decimal) -> int:
    exponent = amount.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0
