"""Price 100,000 mixed sessions two ways in one run and print the figures.

1. ``carerules.price_batch`` (DST- and bank-holiday-correct, rates with
   effective dates, explanations available on demand).
2. A bare standard-library loop doing the same arithmetic (zoneinfo +
   Decimal, a precomputed holiday set, one rate per kind, no explanations).

Also prints the time ``import carerules`` takes in a fresh interpreter.
Run: ``make bench`` or ``python benchmarks/bench_pricing.py [N]``.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from _timing import best_of

import carerules as cr

LONDON = ZoneInfo("Europe/London")
#: Waking nights on ordinary days take the built-in hourly rate; the rest are illustrative.
ILLUSTRATIVE = (
    cr.Rate(cr.ShiftKind.DAY, Decimal("27.75"), date(2000, 1, 1), bank_holiday=True),
    cr.Rate(cr.ShiftKind.WAKING_NIGHT, Decimal("28.50"), date(2000, 1, 1), bank_holiday=True),
    cr.Rate(cr.ShiftKind.SLEEPING_NIGHT, Decimal("95.00"), date(2000, 1, 1), cr.RateBasis.PER_SHIFT),
    cr.Rate(
        cr.ShiftKind.SLEEPING_NIGHT, Decimal("142.50"), date(2000, 1, 1), cr.RateBasis.PER_SHIFT, bank_holiday=True
    ),
)
POLICY = cr.BUDDIES.revise(version="bench", effective_from=date(2000, 1, 1), rates=ILLUSTRATIVE)


def make_sessions(n: int, seed: int = 7) -> list[cr.Session]:
    """Days, waking and sleeping nights, over 2026-2027, a third of them near DST changes or bank holidays."""
    rng = random.Random(seed)
    hot_days = sorted(set(POLICY.calendar.holidays_in(2026)) | set(POLICY.calendar.holidays_in(2027)))
    hot_days += [date(2026, 3, 28), date(2026, 3, 29), date(2026, 10, 24), date(2026, 10, 25), date(2027, 3, 27)]
    out = []
    for i in range(n):
        if rng.random() < 0.33:
            day = rng.choice(hot_days) + timedelta(days=rng.choice([-1, 0]))
        else:
            day = date(2026, 1, 1) + timedelta(days=rng.randrange(730))
        kind = rng.choices(list(cr.ShiftKind), weights=[7, 2, 1])[0]
        if kind is cr.ShiftKind.DAY:
            start = datetime(
                day.year, day.month, day.day, rng.randrange(7, 20), rng.choice([0, 15, 30, 45]), tzinfo=LONDON
            )
            length = timedelta(minutes=rng.choice([60, 90, 120, 150, 180, 300]))
        else:
            start = datetime(day.year, day.month, day.day, rng.choice([21, 22, 23]), 0, tzinfo=LONDON)
            length = timedelta(hours=rng.choice([8, 9, 10]))
        out.append(cr.Session(f"s{i}", f"su{i % 300}", start, start + length, kind, f"st{i % 90}"))
    return out


def bare_loop(
    rows: list[tuple[datetime, datetime, str]], holidays: set[date], rates: dict[tuple[str, bool], Decimal]
) -> Decimal:
    """The same arithmetic with nothing but the standard library."""
    penny = Decimal("0.01")
    hour_us = Decimal(3_600_000_000)
    minimum_us = 2 * 3_600_000_000
    total = Decimal(0)
    for start, end, kind in rows:
        start_u = start.astimezone(UTC)
        end_u = end.astimezone(UTC)
        day = start_u.astimezone(LONDON).date()
        bh = day in holidays
        if kind == "sleeping-night":
            total += rates[(kind, bh)].quantize(penny, ROUND_HALF_UP)
            continue
        worked = (end_u - start_u) // timedelta(microseconds=1)
        amount = Decimal(0)
        cursor = start_u
        first = True
        while cursor < end_u:
            boundary = datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=LONDON).astimezone(UTC)
            piece_end = min(boundary, end_u)
            us = (piece_end - cursor) // timedelta(microseconds=1)
            if first:
                us += max(0, minimum_us - worked)
                first = False
            amount += rates[(kind, day in holidays)] * us / hour_us
            cursor = piece_end
            day += timedelta(days=1)
        total += amount.quantize(penny, ROUND_HALF_UP)
    return total


def import_time(repeat: int = 5) -> float:
    code = "import time; t = time.perf_counter(); import carerules; print(time.perf_counter() - t)"
    runs = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
        for _ in range(repeat)
    ]
    return statistics.median(runs)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    sessions = make_sessions(n)
    rows = [(s.start, s.end, s.kind.value) for s in sessions]
    holidays = {d for year in (2025, 2026, 2027, 2028) for d in POLICY.calendar.holidays_in(year)}
    rates = {(r.kind.value, r.bank_holiday): r.amount for r in POLICY.rates}

    library_total = cr.price_batch(sessions, POLICY).total
    bare_total = bare_loop(rows, holidays, rates)
    assert library_total == bare_total, (library_total, bare_total)

    t_lib = best_of(lambda: cr.price_batch(sessions, POLICY), 3)
    t_bare = best_of(lambda: bare_loop(rows, holidays, rates), 3)
    print(f"sessions priced:          {n:,} (total {library_total} GBP, both ways)")
    print(f"bare stdlib loop:         {n / t_bare:12,.0f} sessions/s  ({t_bare:.3f} s)  [baseline]")
    print(f"carerules.price_batch:    {n / t_lib:12,.0f} sessions/s  ({t_lib:.3f} s)")
    print(f"ratio library / bare:     {t_bare / t_lib:.2f}x throughput (goal >= 0.5x)")
    batch = cr.price_batch(sessions, POLICY)
    explain = best_of(lambda: [batch.explain(i) for i in range(10_000)], 3)
    print(f"explain(i) on demand:     {10_000 / explain:12,.0f} rows/s (full decision with reasons)")
    print(f"import carerules:         {import_time():.3f} s (median of 5 fresh interpreters; goal < 0.3 s)")


if __name__ == "__main__":
    main()
