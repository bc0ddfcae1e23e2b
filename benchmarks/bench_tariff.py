"""Price 100,000 mixed visits under a rich tariff two ways in one run and print the figures (issue 16).

The tariff: weekday, Saturday and Sunday rates; day, evening and night
bands; bank holidays at 1.5 times and Christmas Day at twice the weekday
rate (a stated precedence); Christmas Eve from 17:00 as a part-day window;
15-minute units rounded up and a one-hour minimum.

1. ``carerules.quote_visits`` (checked arguments, DST-correct,
   every rule applied; explanations on demand with ``price_visit``).
2. A bare standard-library loop doing the same arithmetic (zoneinfo +
   Decimal, a precomputed holiday set, a hand-written band split).

Both must give the same total. Run: ``python benchmarks/bench_tariff.py [N]``.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from _timing import best_of

import carerules as cr

LONDON = ZoneInfo("Europe/London")
D = Decimal
WEEKDAYS = frozenset(list(cr.Weekday)[:5])
TARIFF = cr.Tariff(
    day_types=(
        cr.DayType("weekday", weekdays=WEEKDAYS),
        cr.DayType("saturday", weekdays=frozenset({cr.Weekday.SATURDAY})),
        cr.DayType("sunday", weekdays=frozenset({cr.Weekday.SUNDAY})),
        cr.DayType("bank-holiday", precedence=10, bank_holidays=True),
        cr.DayType("christmas-day", precedence=20, dates=frozenset({"12-25"})),
        cr.DayType("christmas-eve", precedence=15, dates=frozenset({"12-24"}), from_time=clock(17)),
    ),
    bands=(
        cr.Band("day", clock(7), clock(18)),
        cr.Band("evening", clock(18), clock(22)),
        cr.Band("night", clock(22), clock(7)),
    ),
    rates=(
        cr.TariffRate("Weekday day", "weekday", band="day", amount=D("22.00")),
        cr.TariffRate("Weekday evening", "weekday", band="evening", amount=D("24.50")),
        cr.TariffRate("Weekday night", "weekday", band="night", amount=D("26.00")),
        cr.TariffRate("Saturday", "saturday", amount=D("25.00")),
        cr.TariffRate("Sunday", "sunday", amount=D("27.00")),
        cr.TariffRate("Bank holiday", "bank-holiday", times=D("1.5"), of="Weekday day"),
        cr.TariffRate("Christmas Day", "christmas-day", times=D("2"), of="Weekday day"),
        cr.TariffRate("Christmas Eve evening", "christmas-eve", times=D("1.5"), of="Weekday day"),
    ),
    durations=(cr.DurationRules(increment=timedelta(minutes=15), minimum=timedelta(hours=1)),),
)
POLICY = cr.Policy("bench-tariff", "A rich tariff", "1", date(2000, 1, 1), tariff=TARIFF)


def make_visits(n: int, seed: int = 16) -> list[cr.Visit]:
    """Visits over 2026-2027, a third of them near DST changes, bank holidays and Christmas."""
    rng = random.Random(seed)
    hot = sorted(POLICY.calendar.holidays_in(2026)) + sorted(POLICY.calendar.holidays_in(2027))
    hot += [date(2026, 3, 29), date(2026, 10, 25), date(2026, 12, 24), date(2027, 12, 24)]
    out = []
    for _ in range(n):
        if rng.random() < 0.33:
            day = rng.choice(hot) + timedelta(days=rng.choice([-1, 0]))
        else:
            day = date(2026, 1, 1) + timedelta(days=rng.randrange(720))
        start = datetime(
            day.year, day.month, day.day, rng.randrange(0, 24), rng.choice([0, 10, 15, 30, 45]), tzinfo=LONDON
        )
        length = timedelta(minutes=rng.choice([20, 45, 60, 95, 120, 180, 300, 600]))
        out.append(cr.Visit(start, cr.plus_elapsed(start, length)))
    return out


def bare_loop(rows: list[tuple[datetime, datetime]], holidays: set[date]) -> Decimal:
    """The same arithmetic with nothing but the standard library."""
    penny, hour_us, unit, minimum = D("0.01"), D(3_600_000_000), 15 * 60_000_000, 3_600_000_000
    weekday = {"day": D("22.00"), "evening": D("24.50"), "night": D("26.00")}
    total = D(0)
    for start, end in rows:
        s = start.astimezone(UTC)
        us = (end.astimezone(UTC) - s) // timedelta(microseconds=1)
        us = max(-(-us // unit) * unit, minimum)
        stop = s + timedelta(microseconds=us)
        amount = D(0)
        cursor = s
        while cursor < stop:
            local = cursor.astimezone(LONDON)
            day = local.date()
            minute = local.hour * 60 + local.minute
            edges = [420, 1080, 1320, 1440] + ([1020] if (day.month, day.day) == (12, 24) else [])
            edge = min(e for e in edges if e > minute)
            nxt = day + timedelta(days=1) if edge == 1440 else day
            edge_utc = datetime.combine(nxt, clock(0 if edge == 1440 else edge // 60, edge % 60), tzinfo=LONDON)
            piece_end = min(edge_utc.astimezone(UTC), stop)
            if (day.month, day.day) == (12, 25):
                rate = weekday["day"] * 2
            elif ((day.month, day.day) == (12, 24) and minute >= 1020) or day in holidays:
                rate = weekday["day"] * D("1.5")
            elif day.weekday() == 5:
                rate = D("25.00")
            elif day.weekday() == 6:
                rate = D("27.00")
            else:
                rate = weekday["day" if 420 <= minute < 1080 else "evening" if 1080 <= minute < 1320 else "night"]
            amount += rate * ((piece_end - cursor) // timedelta(microseconds=1)) / hour_us
            cursor = piece_end
        total += amount.quantize(penny, ROUND_HALF_UP)
    return total


def side_by_side(a: Callable[[], object], b: Callable[[], object], rounds: int) -> tuple[float, float]:
    """The best time of each, run in alternation so that load from other processes falls on both alike."""
    best_a = best_b = float("inf")
    for _ in range(rounds):
        best_a = min(best_a, best_of(a, 1))
        best_b = min(best_b, best_of(b, 1))
    return best_a, best_b


def library(visits: list[cr.Visit]) -> Decimal:
    total = D(0)
    for price in cr.quote_visits(visits, POLICY):
        total += price.amount
    return total


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    visits = make_visits(n)
    rows = [(v.start, v.end) for v in visits]
    holidays = {d for year in (2025, 2026, 2027, 2028) for d in POLICY.calendar.holidays_in(year)}
    library_total, bare_total = library(visits), bare_loop(rows, holidays)
    assert library_total == bare_total, (library_total, bare_total)
    t_bare, t_lib = side_by_side(lambda: bare_loop(rows, holidays), lambda: library(visits), 5)
    print(f"visits priced:            {n:,} (total {library_total} GBP, both ways)")
    print(f"bare stdlib loop:         {n / t_bare:12,.0f} visits/s  ({t_bare:.3f} s)  [baseline]")
    print(f"carerules.quote_visits:   {n / t_lib:12,.0f} visits/s  ({t_lib:.3f} s)")
    print(f"ratio library / bare:     {t_bare / t_lib:.2f}x throughput (goal >= 0.5x)")
    explain = best_of(lambda: [cr.price_visit(v, POLICY) for v in visits[:5_000]], 1)
    print(f"price_visit (explained):  {5_000 / explain:12,.0f} visits/s (full decision with reasons)")


if __name__ == "__main__":
    main()
