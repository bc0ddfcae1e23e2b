"""A whole organisation's invoices two ways in one run, and the ratio (issue 17 §1).

200 families and 10,000 sessions in a month (some cancelled, some with
expenses), under the Buddies policy with a bank-holiday rate:

1. ``build_invoice`` once per family over the shared lists (each call reads
   and sorts every session: families x sessions);
2. ``build_invoices``: the lists read and grouped once.

Both must give the same invoices. Run:
``python benchmarks/bench_invoices.py [FAMILIES] [SESSIONS]``.
"""

from __future__ import annotations

import random
import sys
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import attrs
from _timing import best_of

import carerules as cr

LONDON = ZoneInfo("Europe/London")
MONTH = cr.Period(date(2026, 12, 1), date(2026, 12, 31))


def _policy() -> cr.Policy:
    holiday = cr.Rate(cr.ShiftKind.DAY, Decimal("27.75"), date(2000, 1, 1), bank_holiday=True)
    return attrs.evolve(cr.BUDDIES, rates=(*cr.BUDDIES.rates, holiday))


def _organisation(
    families: int, count: int, seed: int = 16
) -> tuple[list[cr.Session], list[cr.Cancellation], list[cr.Expense], list[cr.ExpenseAgreement]]:
    rng = random.Random(seed)
    users = [f"su-{i:04d}" for i in range(families)]
    sessions: list[cr.Session] = []
    cancellations: list[cr.Cancellation] = []
    expenses: list[cr.Expense] = []
    for i in range(count):
        start = datetime(2026, 12, rng.randint(1, 31), rng.randint(8, 16), rng.choice((0, 15, 30, 45)), tzinfo=LONDON)
        session = cr.Session(f"s-{i:05d}", rng.choice(users), start, start + timedelta(minutes=rng.randint(60, 300)))
        sessions.append(session)
        if rng.random() < 0.05:
            notice = timedelta(hours=rng.randint(1, 96))
            cancellations.append(cr.Cancellation(session.id, cr.CancelledBy.FAMILY, start - notice))
        if rng.random() < 0.1:
            expenses.append(
                cr.Expense(
                    f"e-{i:05d}",
                    session.service_user,
                    start.date(),
                    Decimal(rng.randint(100, 1500)) / 100,
                    rng.choice(("meal", "ticket")),
                )
            )
    agreements = [cr.ExpenseAgreement(u, "meal", date(2026, 1, 1)) for u in users[::2]]
    return sessions, cancellations, expenses, agreements


def main(families: int = 200, count: int = 10_000) -> None:
    policy = _policy()
    sessions, cancellations, expenses, agreements = _organisation(families, count)
    lists: dict[str, Any] = {
        "sessions": sessions,
        "cancellations": cancellations,
        "expenses": expenses,
        "agreements": agreements,
    }
    users = sorted({s.service_user for s in sessions} | {e.service_user for e in expenses})

    def per_family() -> list[cr.Invoice]:
        return [cr.build_invoice(u, MONTH, policy, **lists) for u in users]

    def grouped() -> tuple[cr.Invoice, ...]:
        return cr.build_invoices(MONTH, policy, **lists)

    assert list(grouped()) == per_family(), "the two paths must give the same invoices"
    slow = best_of(per_family, 1)
    fast = best_of(grouped, 3)
    lines = sum(len(i.lines) for i in grouped())
    print(f"{families} families x {count:,} sessions ({len(cancellations)} cancelled, {len(expenses)} expenses)")
    print(f"  build_invoice per family: {slow:8.3f} s")
    print(f"  build_invoices (grouped): {fast:8.3f} s   ({lines:,} billed lines)")
    print(f"  ratio: build_invoices is {slow / fast:.1f}x faster, measured in the same run")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
