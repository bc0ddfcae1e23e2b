"""Decide 100,000 cancellations three ways in one run and print the figures.

1. ``carerules.decide_cancellations`` (outcomes, notice, amounts; reasons on demand).
2. ``carerules.decide_cancellation`` row by row (each with its full explanation): the old way.
3. A bare standard-library loop doing the same arithmetic: notice in UTC against
   48 h, provider cancellations free, late ones priced by ``bench_pricing.bare_loop``.

Sessions are ``bench_pricing.make_sessions``; a quarter are cancelled by the
provider, a tenth are no-shows, the rest received 0 to 96 hours before the start.
Times are CPU seconds of this process, best of three interleaved rounds.
Run: ``python benchmarks/bench_cancellations.py [N]``.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from _timing import best_of
from bench_pricing import POLICY, bare_loop, make_sessions

import carerules as cr

NOTICE = timedelta(hours=48)


def make_cancellations(sessions: list[cr.Session], seed: int = 11) -> list[cr.Cancellation]:
    rng = random.Random(seed)
    out = []
    for s in sessions:
        roll = rng.random()
        if roll < 0.25:
            out.append(cr.Cancellation(s.id, cr.CancelledBy.PROVIDER, s.start - timedelta(hours=3)))
        elif roll < 0.35:
            out.append(cr.Cancellation(s.id, cr.CancelledBy.FAMILY, None))
        else:
            out.append(
                cr.Cancellation(s.id, cr.CancelledBy.FAMILY, s.start - timedelta(minutes=rng.randrange(96 * 60)))
            )
    return out


Row = tuple[datetime, datetime, str, str, datetime | None]


def bare(rows: list[Row], holidays: set[date], rates: dict[tuple[str, bool], Decimal]) -> Decimal:
    """Charged or free by the notice; the charged rows priced with the bare pricing loop."""
    charged = []
    for start, end, kind, by, received in rows:
        if by == "provider":
            continue
        if received is not None and start.astimezone(UTC) - received.astimezone(UTC) >= NOTICE:
            continue
        charged.append((start, end, kind))
    return bare_loop(charged, holidays, rates)


def interleaved(fns: list[Callable[[], object]], repeat: int) -> list[float]:
    best = [float("inf")] * len(fns)
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            best[i] = min(best[i], best_of(fn, 1, clock=time.process_time))
    return best


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    sessions = make_sessions(n)
    cancels = make_cancellations(sessions)
    rows = [
        (s.start, s.end, s.kind.value, c.cancelled_by.value, c.received_at)
        for s, c in zip(sessions, cancels, strict=True)
    ]
    holidays = {d for year in (2025, 2026, 2027, 2028) for d in POLICY.calendar.holidays_in(year)}
    rates = {(r.kind.value, r.bank_holiday): r.amount for r in POLICY.rates}

    batch = cr.decide_cancellations(sessions, cancels, POLICY)
    assert batch.total == bare(rows, holidays, rates), (batch.total, bare(rows, holidays, rates))
    sample = range(0, n, max(1, n // 2_000))
    assert all(batch.explain(i) == cr.decide_cancellation(sessions[i], cancels[i], POLICY) for i in sample)
    one_by_one = n // 10  # the old way is slow: timed on a tenth and scaled

    def old() -> Decimal:
        total = Decimal(0)
        for s, c in zip(sessions[:one_by_one], cancels[:one_by_one], strict=True):
            charge = cr.decide_cancellation(s, c, POLICY).answer.charge
            total += charge.amount if charge else 0
        return total

    t_bare, t_batch, t_old = interleaved(
        [lambda: bare(rows, holidays, rates), lambda: cr.decide_cancellations(sessions, cancels, POLICY), old], 3
    )
    t_old *= n / one_by_one
    explain = best_of(lambda: [batch.explain(i) for i in range(2_000)], 3, clock=time.process_time)
    print(f"cancellations decided:        {n:,} ({sum(batch.charged):,} charged, total {batch.total} GBP, all ways)")
    print(f"bare stdlib loop:             {t_bare:6.3f} s  [baseline]")
    print(f"carerules.decide_cancellations {t_batch:5.3f} s  ratio {t_bare / t_batch:.2f}x (goal >= 0.5x)")
    print(f"decide_cancellation per row:  {t_old:6.3f} s  ratio {t_bare / t_old:.2f}x (timed on {one_by_one:,} rows)")
    print(f"explain(i) on demand:         {2_000 / explain:9,.0f} rows/s (full decision with reasons)")


if __name__ == "__main__":
    main()
