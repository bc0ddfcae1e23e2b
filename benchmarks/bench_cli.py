"""Time the whole ``carerules`` command on a 10,000-session scenario file (issue 17: under 5 s).

The scenario is synthetic and fixed-seed (:func:`scenario_data`): 200
families, 40 staff, two-hour day sessions four a day per staff member over
the period, one cancellation in fifty, and a matching section (every family
matched to a key worker and a spare, staff away one week in four, so that
about a quarter of the sessions need cover). It is written to a temporary
directory and the command runs on it twice:

* in a fresh process (``python -m carerules FILE``), against the start-up of
  a bare interpreter (``python -c pass``) measured in the same run;
* in this process (``main([FILE])``), against pricing the same sessions with
  ``price_batch`` (the least any invoice needs), measured in the same run;
* and the invoices and pay alone, built from each family's own sessions
  (one grouping pass, as the command does now) against the whole lists given
  to every family's ``build_invoice`` (as it did before).

Times are CPU seconds (user + system; for the fresh process, its own), which
a machine shared with other jobs does not inflate, with wall seconds beside.

Run: ``python benchmarks/bench_cli.py [SESSIONS] [--keep DIR]`` (``--keep``
also leaves the scenario file in ``DIR``).
"""

from __future__ import annotations

import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from _timing import best_of

import carerules as cr
from carerules._cli import main
from carerules._cli_report import _grouped
from carerules._matching._scenario import MatchingScenario
from carerules.serialisation import to_data

LONDON = ZoneInfo("Europe/London")
FIRST = date(2027, 1, 4)
FAMILIES = 200
STAFF = 40


def scenario_data(sessions: int = 10_000, families: int = FAMILIES, staff: int = STAFF) -> dict[str, Any]:
    """A scenario file's data: ``sessions`` day sessions of ``families`` families with ``staff`` staff."""
    rows = []
    per_day = staff * 4
    for i in range(sessions):
        day, slot = divmod(i, per_day)
        who, hour = divmod(slot, 4)
        start = datetime.combine(FIRST + timedelta(days=day), clock(8 + hour * 3))
        rows.append(
            {
                "id": f"s{i}",
                "service_user": f"su-{(i * 7) % families}",
                "staff": f"st-{who}",
                "start": start.strftime("%Y-%m-%dT%H:%M"),  # local wall time, read in the policy's zone
                "end": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
                "kind": "day",
            }
        )
    last = FIRST + timedelta(days=(sessions - 1) // per_day)
    weeks = (last - FIRST).days // 7 + 1
    people = MatchingScenario(
        staff=tuple(
            cr.StaffMember(
                f"st-{k}",
                f"Staff {k}",
                interests=frozenset({"music", "trains"} if k % 2 else {"cooking"}),
                availability=tuple(cr.Availability(d, clock(7), clock(21)) for d in cr.Weekday),
                absences=tuple(
                    cr.Absence(FIRST + timedelta(weeks=w), FIRST + timedelta(weeks=w, days=6))
                    for w in range(weeks)
                    if w % 4 == k % 4
                ),
            )
            for k in range(staff)
        ),
        service_users=tuple(
            cr.ServiceUser(f"su-{u}", f"User {u}", date(2010, 1, 1), interests=frozenset({"music"}))
            for u in range(families)
        ),
        matches=tuple(cr.Match(f"su-{u}", f"st-{u % staff}", f"st-{(u + 1) % staff}") for u in range(families)),
    )
    cancelled = [
        {"session_id": f"s{i}", "received_at": f"{rows[i]['start'][:10]}T07:00", "cancelled_by": "family"}
        for i in range(0, sessions, 50)
    ]
    rate = {"kind": "day", "bank_holiday": True, "amount": "27.75", "effective_from": "2000-01-01"}
    return {
        "title": f"Synthetic: {sessions:,} sessions, {families} families, {staff} staff",
        "period": {"first": str(FIRST), "last": str(last)},
        "policy": {"base": "buddies", "rates": [rate]},
        "sessions": rows,
        "cancellations": cancelled,
        "matching": to_data(people),
    }


def _cpu_of_children(fn: Callable[[], object]) -> float:
    """CPU seconds (user + system) the child processes ``fn`` starts use: load-independent, unlike wall time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    fn()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _cpu(fn: Callable[[], object]) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def _charging(scenario: cr.Scenario, *, grouped: bool) -> None:
    """Every invoice and pay statement: from each family's own lists (now), or from the whole lists (before)."""
    policy = scenario.policy.resolve()
    if grouped:
        families, staff = _grouped(scenario)
    for su in scenario.service_users():
        sessions, cancellations, _ = families[su] if grouped else (scenario.sessions, scenario.cancellations, ())
        cr.build_invoice(su, scenario.period, policy, sessions=sessions, cancellations=cancellations)
    for st in scenario.staff():
        sessions, cancellations, _ = staff[st] if grouped else (scenario.sessions, scenario.cancellations, ())
        cr.build_pay_statement(st, scenario.period, policy, sessions=sessions, cancellations=cancellations)


def run(n: int, keep: str | None) -> None:
    data = scenario_data(n)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(keep or tmp) / f"scenario-{n}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(Path(cr.__file__).resolve().parents[1])}

        def command() -> None:
            done = subprocess.run([sys.executable, "-m", "carerules", str(path)], env=env, capture_output=True)
            assert done.returncode == 0, done.stderr.decode()

        def bare() -> None:
            subprocess.run([sys.executable, "-c", "pass"], env=env, check=True)

        def in_process() -> None:
            assert main([str(path)], out=io.StringIO(), err=io.StringIO()) == 0

        scenario = cr.load_scenario(data)
        policy = scenario.policy.resolve()

        def priced() -> None:
            cr.price_batch(scenario.sessions, policy)

        t_cmd, t_bare = best_of(command, 3), best_of(bare, 3)
        c_cmd = min(_cpu_of_children(command) for _ in range(3))
        c_bare = min(_cpu_of_children(bare) for _ in range(3))
        c_main = min(_cpu(in_process) for _ in range(3))
        c_price = min(_cpu(priced) for _ in range(3))
        c_new = min(_cpu(lambda: _charging(scenario, grouped=True)) for _ in range(3))
        c_old = _cpu(lambda: _charging(scenario, grouped=False))
    print(f"carerules on {n:,} sessions ({FAMILIES} families, {STAFF} staff, matching section); CPU s (wall s):")
    print(f"  whole command, fresh process: {c_cmd:6.2f} ({t_cmd:.2f})  python -c pass: {c_bare:.3f} ({t_bare:.3f})")
    print(f"  main() in this process:       {c_main:6.2f}  = {c_main / c_price:5.1f}x price_batch ({c_price:.3f})")
    print(f"  invoices and pay, grouped:    {c_new:6.2f}  whole lists per family (before): {c_old:.2f}")
    print(f"  before/after: {c_old / c_new:5.1f}x; goal: whole command < 5 s")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    keep = sys.argv[sys.argv.index("--keep") + 1] if "--keep" in sys.argv else None
    if keep:
        args = [a for a in args if a != keep]
    run(int(args[0]) if args else 10_000, keep)
