"""What pay in money costs: the same sessions paid with and without pay rates, in one run.

1. ``build_pay_statement`` per staff member (per-row engine): time only, then
   money at the policy's pay rates (``pay.rate``).
2. ``frames.pay_frame`` over one table: time only, then money (the columnar
   engine pricing the paid time under ``Policy.paying``).

Prints each pair and the ratio (money / time only), measured in CPU time.
Run: ``make bench`` or ``python benchmarks/bench_pay.py [N]``.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from datetime import date
from decimal import Decimal

from _timing import best_of
from bench_pricing import POLICY, make_sessions

import carerules as cr

PAY_RATES = (
    cr.Rate(cr.ShiftKind.DAY, Decimal("12.60"), date(2000, 1, 1)),
    cr.Rate(cr.ShiftKind.DAY, Decimal("18.90"), date(2000, 1, 1), bank_holiday=True),
    cr.Rate(cr.ShiftKind.WAKING_NIGHT, Decimal("13.00"), date(2000, 1, 1)),
    cr.Rate(cr.ShiftKind.WAKING_NIGHT, Decimal("19.50"), date(2000, 1, 1), bank_holiday=True),
    cr.Rate(cr.ShiftKind.SLEEPING_NIGHT, Decimal("70.00"), date(2000, 1, 1), cr.RateBasis.PER_SHIFT),
    cr.Rate(
        cr.ShiftKind.SLEEPING_NIGHT, Decimal("105.00"), date(2000, 1, 1), cr.RateBasis.PER_SHIFT, bank_holiday=True
    ),
)
PAYING = POLICY.revise(version="bench+pay", effective_from=date(2000, 1, 1), pay_rates=PAY_RATES)
PERIOD = cr.Period(date(2025, 12, 1), date(2027, 12, 31))  # every session make_sessions draws


def statements(by_staff: dict[str, list[cr.Session]], policy: cr.Policy) -> Decimal:
    total = Decimal(0)
    for staff, items in by_staff.items():
        statement = cr.build_pay_statement(staff, PERIOD, policy, sessions=items)
        total += statement.amount or Decimal(0)
    return total


def main(n: int) -> None:
    import time

    import pyarrow as pa

    from carerules.frames import pay_frame

    items = make_sessions(n)
    by_staff: dict[str, list[cr.Session]] = defaultdict(list)
    for s in items:
        by_staff[s.staff or "-"].append(s)
    cpu = time.process_time
    plain = best_of(lambda: statements(by_staff, POLICY), 3, cpu)
    money = best_of(lambda: statements(by_staff, PAYING), 3, cpu)
    print(f"pay statements, {n:,} sessions: time only {plain:.3f} s, with money {money:.3f} s ({money / plain:.2f}x)")

    table = pa.table(
        {
            "id": [s.id for s in items],
            "start": pa.array([s.start for s in items], pa.timestamp("us", "UTC")),
            "end": pa.array([s.end for s in items], pa.timestamp("us", "UTC")),
            "kind": [s.kind.value for s in items],
        }
    )
    frame_plain = best_of(lambda: pay_frame(table, POLICY), 3, cpu)
    frame_money = best_of(lambda: pay_frame(table, PAYING), 3, cpu)
    print(
        f"pay_frame, {n:,} rows: time only {frame_plain:.3f} s, with money {frame_money:.3f} s "
        f"({frame_money / frame_plain:.2f}x); per-row statements / columnar with money: {money / frame_money:.0f}x"
    )
    # The two engines agree on the money, session by session (a check, not a measurement).
    column = pay_frame(table, PAYING).column("amount_minor").to_pylist()
    per_row: list[Decimal] = []
    for s in items:
        amount = cr.pay_for_session(s, PAYING).answer.amount
        assert amount is not None  # every kind has a pay rate
        per_row.append(amount)
    assert [Decimal(m) / 100 for m in column] == per_row
    assert sum(per_row, Decimal(0)) == statements(by_staff, PAYING)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
