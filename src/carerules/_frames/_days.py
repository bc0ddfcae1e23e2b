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
#: Sampling step used to find the zone's UTC-offset changes (then located to the microsecond).
_STEP_US = 3 * 3_600_000_000
#: The widest span of local dates one frame may cover before it is refused (about 550 years).
MAX_DAYS = 200_000
KINDS = tuple(ShiftKind)
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
        self._offsets(tz, int(self.midnight[0]), int(self.midnight[-1]))
        self._calendar()
        self._rates()
        self.minimum: I64 = np.full(len(self.days), -1, dtype=np.int64)
        self.minimum_ok: B = np.zeros(len(self.days), dtype=np.bool_)
        for i, d in enumerate(self.days):
            try:
                m = policy.minimum_on(d)
            except CareRulesError:
                continue
            self.minimum_ok[i] = True
            self.minimum[i] = 0 if m is None else m // timedelta(microseconds=1)

    def _offsets(self, tz: object, lo: int, hi: int) -> None:
        """The zone's UTC offset changes in ``[lo, hi]``: samples every 3 h, each change bisected to the µs."""
        samples = list(range(lo, hi + _STEP_US, _STEP_US))
        offsets = [_offset_us(tz, t) for t in samples]
        changes = [lo]
        values = [offsets[0]]
        for i in range(1, len(samples)):
            if offsets[i] != offsets[i - 1]:
                a, b = samples[i - 1], samples[i]  # offset(a) differs from offset(b): find the first t with offset(b)
                while b - a > 1:
                    mid = (a + b) // 2
                    if _offset_us(tz, mid) == offsets[i - 1]:
                        a = mid
                    else:
                        b = mid
                changes.append(b)
                values.append(offsets[i])
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
        found: dict[int, int] = {}
        self.rates: list[object] = []
        places = max([minor_unit(policy.currency), *(_places(r.amount) for r in policy.rates)])
        #: Hourly rates are integers in units of 10**-scale; flat rates are rounded minor units.
        self.scale = places
        amounts: list[int] = []
        flat: list[bool] = []
        minor: list[int] = []
        for k, kind in enumerate(KINDS):
            for bh in (0, 1):
                for i, d in enumerate(self.days):
                    try:
                        r = policy.lookup_rate(kind, bool(bh), d)
                    except CareRulesError:
                        continue
                    code = found.get(id(r))
                    if code is None:
                        code = found[id(r)] = len(self.rates)
                        self.rates.append(r)
                        amounts.append(int(r.amount.scaleb(places, MONEY_CONTEXT)))
                        flat.append(r.basis is RateBasis.PER_SHIFT)
                        rounded = round_line(r.amount, policy.currency)
                        minor.append(int(rounded.scaleb(minor_unit(policy.currency), MONEY_CONTEXT)))
                    self.rate[k, bh, i] = code
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
        if (hi - lo) // US_PER_DAY > MAX_DAYS:
            return None
        return cls(policy, lo, hi)

    def day_index(self, t_us: I64) -> I64:
        """The index of the local date each instant falls on."""
        return np.searchsorted(self.midnight, t_us, side="right").astype(np.int64) - 1

    def offset(self, t_us: I64) -> I64:
        """The zone's UTC offset (µs) at each instant."""
        return self.offset_after[np.searchsorted(self.change_at, t_us, side="right") - 1]

    def date_values(self, index: I64) -> npt.NDArray[np.datetime64]:
        """The local dates at ``index`` as numpy days."""
        return (index + (self.first_ordinal - _EPOCH_ORDINAL)).astype("datetime64[D]")


def _places(amount: Decimal) -> int:
    exponent = amount.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0
