"""The per-row path end to end, from raw rows, against a bare stdlib loop in the same run.

Raw rows are what a frame or a CSV holds: ``(id, service_user, start, end, kind)``
with aware ``datetime`` instants and the shift kind as its string value. The
library path builds a ``Session`` for every row, prices them all with
``price_batch`` and takes the total; the bare loop (``bench_pricing.bare_loop``:
zoneinfo + Decimal, a precomputed holiday set, one rate per kind) does the same
arithmetic on ``(start, end, kind)`` and nothing else. Both totals must agree.

Times are CPU seconds of this process (``time.process_time``), best of five
interleaved rounds, so that other work on a shared machine weighs on neither side.
Also prints the parts (building the sessions; ``price_batch`` alone) and
``price_batch`` on the rows that cross local midnight, each against the bare
loop on the same rows, and the cost per row.
Run: ``python benchmarks/bench_perrow.py [N]`` (default 200,000 rows).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal

from _timing import best_of
from bench_pricing import POLICY, bare_loop, make_sessions

import carerules as cr

Row = tuple[str, str, datetime, datetime, str]


def raw_rows(n: int) -> list[Row]:
    return [(s.id, s.service_user, s.start, s.end, s.kind.value) for s in make_sessions(n)]


def build(rows: list[Row]) -> list[cr.Session]:
    kind = cr.ShiftKind
    return [cr.Session(i, su, start, end, kind(k)) for i, su, start, end, k in rows]


def end_to_end(rows: list[Row]) -> Decimal:
    return cr.price_batch(build(rows), POLICY).total


def interleaved(fns: list[Callable[[], object]], repeat: int) -> list[float]:
    """The best of ``repeat`` rounds for each of ``fns``, the rounds taking every function in turn."""
    best = [float("inf")] * len(fns)
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            best[i] = min(best[i], best_of(fn, 1, clock=time.process_time))
    return best


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    rows = raw_rows(n)
    triples = [(start, end, k) for _, _, start, end, k in rows]
    holidays = {d for year in (2025, 2026, 2027, 2028) for d in POLICY.calendar.holidays_in(year)}
    rates = {(r.kind.value, r.bank_holiday): r.amount for r in POLICY.rates}
    assert end_to_end(rows) == bare_loop(triples, holidays, rates)
    sessions = build(rows)
    tz = POLICY.tz
    crossing = [s for s in sessions if s.end.astimezone(tz).date() != s.start.astimezone(tz).date()]
    crossing_triples = [(s.start, s.end, s.kind.value) for s in crossing]
    assert cr.price_batch(crossing, POLICY).total == bare_loop(crossing_triples, holidays, rates)

    # Interleaved, best of five each, in CPU time: on a shared machine both sides then see the same load.
    t_bare, t_e2e, t_build, t_batch, t_bare_x, t_batch_x = interleaved(
        [
            lambda: bare_loop(triples, holidays, rates),
            lambda: end_to_end(rows),
            lambda: build(rows),
            lambda: cr.price_batch(sessions, POLICY),
            lambda: bare_loop(crossing_triples, holidays, rates),
            lambda: cr.price_batch(crossing, POLICY),
        ],
        5,
    )

    def us(t: float, count: int = n) -> str:
        return f"{t / count * 1e6:5.2f} us/row"

    print(f"rows: {n:,} mixed ({len(crossing):,} cross local midnight), same total both ways")
    print(f"bare stdlib loop:              {t_bare:6.3f} s  {us(t_bare)}  [baseline]")
    print(f"end to end (Session+batch):    {t_e2e:6.3f} s  {us(t_e2e)}  ratio {t_bare / t_e2e:.2f}x (goal >= 0.8x)")
    print(f"  building the Sessions:       {t_build:6.3f} s  {us(t_build)}")
    print(f"  price_batch alone:           {t_batch:6.3f} s  {us(t_batch)}  ratio {t_bare / t_batch:.2f}x")
    print(
        f"crossing midnight, price_batch {t_batch_x:6.3f} s  {us(t_batch_x, len(crossing))}"
        f"  (bare {us(t_bare_x, len(crossing))}, ratio {t_bare_x / t_batch_x:.2f}x)"
    )


if __name__ == "__main__":
    main()
