"""The columnar charging engine: integer microseconds and minor units, reasons as data.

Same answers as :func:`carerules.price_session`, row for row. A row the
vectorised arithmetic does not cover is priced by the per-row engine and
marked ``engine == "per-row"``: a rate too large for 64-bit integer
arithmetic, a session over 30 local days, or (for its amount only) a session split at
midnight whose exact total lies on a half minor unit: there the per-row
engine's 28-significant-digit decimal parts are the reference, so it is asked. Rows the policy cannot price
are priced per row too, which raises the library's own error for the first of
them, naming the row.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pyarrow as pa

from carerules._charging import _rules as R
from carerules._charging._model import SessionCharge
from carerules._charging._pricing import _quote, price_session
from carerules._errors import CareRulesError
from carerules._frames._days import I64, KINDS, US_PER_DAY, B, DayTable
from carerules._money import MONEY_CONTEXT, minor_unit
from carerules._policy import Policy, RateBasis, ShiftKind
from carerules._policy._calendar import BANK_HOLIDAYS, CLOSURE_DAYS
from carerules._rules import Decision

HOUR_US = 3_600_000_000
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MAX_PARTS = 30
_LIMIT = 2**62
DAY_TYPES = ("ordinary", "bank-holiday", "closure-day")


def instant(t_us: int) -> datetime:
    """The UTC instant ``t_us`` microseconds after the Unix epoch."""
    return _EPOCH + timedelta(microseconds=t_us)


class Charged:
    """The output columns of the charging engine, as numpy arrays (one entry per row)."""

    def __init__(self, n: int) -> None:
        self.amount_minor: I64 = np.zeros(n, dtype=np.int64)
        self.worked_us: I64 = np.zeros(n, dtype=np.int64)
        self.charged_us: I64 = np.zeros(n, dtype=np.int64)
        self.top_up_us: I64 = np.zeros(n, dtype=np.int64)
        self.flat: B = np.zeros(n, dtype=np.bool_)
        self.parts: I64 = np.ones(n, dtype=np.int64)
        self.bank_holiday: B = np.zeros(n, dtype=np.bool_)
        self.clock_change: B = np.zeros(n, dtype=np.bool_)
        self.local_date: npt_dates = np.zeros(n, dtype="datetime64[D]")
        self.holiday_date: npt_dates = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
        self.holiday = Codes(n)
        self.rules = Codes(n)
        self.day_types = Codes(n)
        self.per_row: B = np.zeros(n, dtype=np.bool_)


class Codes:
    """A text column as codes into a list of distinct values (-1: null), like an Arrow dictionary array."""

    def __init__(self, n: int) -> None:
        self.codes = np.full(n, -1, dtype=np.int32)
        self.values: list[str] = []
        self._index: dict[str, int] = {}

    def code(self, text: str) -> int:
        found = self._index.get(text)
        if found is None:
            found = self._index[text] = len(self.values)
            self.values.append(text)
        return found

    def __setitem__(self, i: int, text: str | None) -> None:
        self.codes[i] = -1 if text is None else self.code(text)

    def arrow(self) -> pa.Array:
        """The column as an Arrow dictionary of strings (a polars Categorical, a pandas category)."""
        indices = pa.array(self.codes, pa.int32(), mask=self.codes < 0)
        return pa.DictionaryArray.from_arrays(indices, pa.array(self.values, pa.string()))


npt_dates = Any  # numpy datetime64 arrays (numpy's typing has no precise name for them)


def _rule_string(key: int) -> tuple[str, str]:
    """The rule ids (comma-separated, in firing order) and day types of one reason pattern."""
    clock, flat, waking, top_up = key & 1, key >> 1 & 1, key >> 2 & 1, key >> 3 & 1
    parts = key >> 4 & 31
    codes, rest = [], key >> 9
    for _ in range(parts):
        rest, c = divmod(rest, 3)
        codes.append(c)
    ids = [R.ELAPSED_TIME.id] if clock else []
    calendar = {1: BANK_HOLIDAYS.id, 2: CLOSURE_DAYS.id}
    if flat:
        ids.append(R.FLAT_SHIFT_RATE.id)
        if codes[0]:
            ids += [calendar[codes[0]], R.FLAT_SHIFT_BANK_HOLIDAY.id]
    else:
        if parts > 1:
            ids.append(R.MIDNIGHT_SPLIT.id)
        for c in codes:
            ids += [calendar[c], R.BANK_HOLIDAY_RATE.id] if c else [R.HOURLY_RATE.id]
        if waking:
            ids.append(R.WAKING_NIGHT_HOURLY.id)
        if top_up:
            ids.append(R.MINIMUM_SESSION.id)
    ids.append(R.ROUND_LINE.id)
    return ",".join(ids), ",".join(DAY_TYPES[c] for c in codes)


def charge_columns(policy: Policy, start: I64, end: I64, kind: I64, make: Any, *, origin: I64 | None = None) -> Charged:
    """Price rows (UTC µs ``start``/``end``, ``kind`` codes into ``KINDS``) under ``policy``.

    ``make(i)`` builds table row ``i``'s :class:`Session` for the per-row
    engine; ``origin[j]`` is the table row of entry ``j`` (default: the same).
    """

    n = len(start)
    out = Charged(n)
    if n == 0:
        return out
    worked = end - start
    out.worked_us = worked
    days = DayTable.for_rows(policy, start, end)
    if days is None:
        out.per_row[:] = True
        fill_per_row(out, policy, np.arange(n), make, origin)
        return out
    m = minor_unit(policy.currency)
    f = 10 ** (days.scale - m)
    ds = days.day_index(start)
    de = days.day_index(end - 1)
    nparts = de - ds + 1
    bad = ~days.calendar_ok[ds] | (nparts > _MAX_PARTS)
    nd = len(days.days)
    flat_rates = days.rate.reshape(-1)  # rate[k, bh, d] at (k * 2 + bh) * nd + d: one 1-D take, not a 3-D gather
    first = flat_rates.take((kind * 2 + days.holiday[ds]) * nd + ds)
    bad |= first < 0
    flat = days.rate_flat[np.maximum(first, 0)] & ~bad
    out.flat = flat
    out.clock_change = days.offset(start) != days.offset(end)
    out.local_date = days.date_values(ds)
    codes0 = np.where(days.closure[ds], 2, days.holiday[ds].astype(np.int64))

    # Every hourly row as if it lay within one local day (most do): its first rate for all of its charged time.
    minimum_ok = days.minimum_ok[ds]
    charged = np.where(flat, worked, np.maximum(worked, days.minimum[ds]))
    top_up = np.where(flat, 0, charged - worked)
    units1 = days.rate_units[np.maximum(first, 0)]
    big = units1 >= _LIMIT // HOUR_US
    units1 = np.where(big, 0, units1)
    q, rem = np.divmod(charged, HOUR_US)
    # units * span / HOUR_US exactly, as whole units plus a remainder in 1/HOUR_US units (no overflow).
    high, low = np.divmod(units1 * rem, HOUR_US)
    a_row = units1 * q + high
    b_row = low
    row_bad = big & ~flat
    start_bh = days.holiday[ds]
    pattern = codes0
    has_ordinary = ~start_bh
    first_j = np.where(start_bh, 0, _MAX_PARTS + 1)

    # Rows split at local midnight, expanded to one entry per local-day part (a row's parts are contiguous).
    multi = np.flatnonzero(~flat & ~bad & (nparts > 1))
    reps = nparts[multi]
    row = np.repeat(multi, reps)
    starts_at = np.cumsum(reps) - reps
    j = np.arange(len(row), dtype=np.int64) - np.repeat(starts_at, reps)
    day = ds[row] + j
    p_start = np.maximum(start[row], days.midnight[day])
    p_end = np.minimum(end[row], days.midnight[day + 1])
    p_bh = days.holiday[day]
    code = flat_rates.take((kind[row] * 2 + p_bh) * nd + ds[row])  # the first part's day is ds: this is `first`
    p_bad = (code < 0) | ~days.calendar_ok[day]
    code = np.maximum(code, 0)
    units = days.rate_units[code]
    p_bad |= days.rate_flat[code] | (units >= _LIMIT // HOUR_US)
    units = np.where(p_bad, 0, units)
    span = p_end - p_start + np.where(j == 0, top_up[row], 0)
    pq_, prem = np.divmod(span, HOUR_US)
    phigh, plow = np.divmod(units * prem, HOUR_US)
    seg = _Segments(starts_at)
    a_row[multi] = seg.reduce(np.add, units * pq_ + phigh)
    b_row[multi] = seg.reduce(np.add, plow)
    row_bad[multi] = seg.reduce(np.logical_or, p_bad)
    p_code = np.where(days.closure[day], 2, p_bh.astype(np.int64))
    pattern[multi] = seg.reduce(np.add, p_code * np.power(3, j))
    has_ordinary[multi] = seg.reduce(np.logical_or, ~p_bh)
    first_j[multi] = seg.reduce(np.minimum, np.where(p_bh, j, _MAX_PARTS + 1))
    bad |= row_bad | (~flat & ~minimum_ok)
    a1, a0 = np.divmod(a_row, f)
    den = HOUR_US * f
    q2, r2 = np.divmod(a0 * HOUR_US + b_row, den)
    amount = a1 + q2 + (2 * r2 >= den)
    # A split session exactly on a half minor unit: the per-row engine's decimal parts decide (see module docs).
    half = (2 * r2 == den) & (nparts > 1) & ~flat & ~bad
    for i in np.flatnonzero(half).tolist():
        exact = _quote(instant(int(start[i])), instant(int(end[i])), KINDS[int(kind[i])], policy).amount
        amount[i] = int(exact.scaleb(m, MONEY_CONTEXT))
    out.amount_minor = np.where(flat, days.rate_minor[np.maximum(first, 0)], amount)
    out.charged_us = charged
    out.top_up_us = top_up
    out.parts = np.where(flat, 1, nparts)

    # Reasons as data: a pattern key per row, turned into rule ids once per distinct pattern.
    waking = (kind == KINDS.index(ShiftKind.WAKING_NIGHT)) & has_ordinary & days.waking_matches_day[ds] & ~flat
    parts = np.where(flat, 1, nparts)
    key = (
        out.clock_change.astype(np.int64)
        | flat.astype(np.int64) << 1
        | waking.astype(np.int64) << 2
        | (top_up > 0).astype(np.int64) << 3
        | np.minimum(parts, 31) << 4
        | pattern << 9
    )
    # The first holiday part of each row: its name and date.
    out.bank_holiday = first_j <= _MAX_PARTS
    hday = ds + np.where(out.bank_holiday, first_j, 0)
    out.holiday_date = np.where(out.bank_holiday, days.date_values(hday), np.datetime64("NaT"))
    ok = ~bad
    hcodes = np.array([-1 if h is None else out.holiday.code(h) for h in days.holiday_name], dtype=np.int32)
    out.holiday.codes = np.where(out.bank_holiday & ok, hcodes[hday], -1).astype(np.int32)
    uniq, inverse = _distinct(key[ok])
    texts = [_rule_string(int(k)) for k in uniq.tolist()]
    rule_codes = np.array([out.rules.code(t[0]) for t in texts], dtype=np.int32)
    type_codes = np.array([out.day_types.code(t[1]) for t in texts], dtype=np.int32)
    out.rules.codes[ok] = rule_codes[inverse]
    out.day_types.codes[ok] = type_codes[inverse]
    out.per_row = bad | half
    if bad.any():
        fill_per_row(out, policy, np.flatnonzero(bad), make, origin)
    return out


class _Segments:
    """Reductions over each split row's contiguous parts (one result per split row)."""

    def __init__(self, starts: I64) -> None:
        self.starts = starts

    def reduce(self, ufunc: Any, values: Any) -> Any:
        if not len(self.starts):
            return values[:0]
        return ufunc.reduceat(values, self.starts)


def _distinct(key: I64) -> tuple[I64, I64]:
    """The distinct values of ``key`` (sorted) and each entry's index among them (fast for small keys)."""
    if len(key) and key.min() >= 0 and key.max() < 1 << 22:
        present = np.zeros(int(key.max()) + 1, dtype=np.bool_)
        present[key] = True
        uniq = np.flatnonzero(present).astype(np.int64)
        lookup = np.cumsum(present) - 1
        return uniq, lookup[key].astype(np.int64)
    uniq, inverse = np.unique(key, return_inverse=True)
    return uniq.astype(np.int64), inverse.reshape(-1).astype(np.int64)


def fill_per_row(out: Charged, policy: Policy, rows: I64, make: Any, origin: I64 | None = None) -> None:
    """Price ``rows`` with :func:`price_session`, one by one, and write their columns.

    An error names the row (and its id): ``row 12 (id 's-12'): ...``.
    """
    m = minor_unit(policy.currency)
    closure = policy.calendar.closure_days
    for i in rows.tolist():
        row = i if origin is None else int(origin[i])
        session = make(row)
        try:
            decision = price_session(session, policy)
        except CareRulesError as error:
            raise at_row(error, row, session.id) from None
        write_row(out, i, decision, m, closure)


def write_row(out: Charged, i: int, decision: Decision[SessionCharge], m: int, closure: Any) -> None:
    """Row ``i``'s columns from its per-row decision."""
    c = decision.answer
    out.amount_minor[i] = int(c.amount.scaleb(m, MONEY_CONTEXT))
    out.worked_us[i] = c.worked // timedelta(microseconds=1)
    out.charged_us[i] = c.charged // timedelta(microseconds=1)
    out.top_up_us[i] = c.top_up // timedelta(microseconds=1)
    out.flat[i] = c.basis is RateBasis.PER_SHIFT
    out.parts[i] = len(c.parts)
    out.clock_change[i] = R.ELAPSED_TIME.id in decision.rule_ids
    out.local_date[i] = np.datetime64(c.parts[0].day, "D")
    hol = next((p for p in c.parts if p.holiday is not None), None)
    out.bank_holiday[i] = hol is not None
    out.holiday[i] = None if hol is None else hol.holiday
    out.holiday_date[i] = np.datetime64("NaT") if hol is None else np.datetime64(hol.day, "D")
    out.rules[i] = ",".join(decision.rule_ids)
    out.day_types[i] = ",".join(DAY_TYPES[0 if p.holiday is None else 2 if p.day in closure else 1] for p in c.parts)


def at_row(error: CareRulesError, row: int, ident: str) -> CareRulesError:
    """``error`` with the row (and its id) it was raised for in front of its message; ``error.row`` set."""
    message = error.args[0] if error.args else str(error)
    error.args = (f"row {row} (id {ident!r}): {message}", *error.args[1:])
    error.row = row  # type: ignore[attr-defined]
    return error


__all__ = ["US_PER_DAY", "Charged", "charge_columns", "fill_per_row", "instant"]
