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
  ``price_batch`` (the least any invoice needs), measured in the same run.

Run: ``python benchmarks/bench_cli.py [SESSIONS] [--keep DIR]`` (``--keep``
also leaves the scenario file in ``DIR``).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from _timing import best_of

import carerules as cr
from carerules._cli import main
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


def _sessions(data: dict[str, Any]) -> list[cr.Session]:
    def at(text: str) -> datetime:
        return datetime.fromisoformat(text).replace(tzinfo=LONDON)

    return [
        cr.Session(r["id"], r["service_user"], at(r["start"]), at(r["end"]), cr.ShiftKind.DAY, r["staff"])
        for r in data["sessions"]
    ]


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

        sessions = _sessions(data)
        policy = cr.load_scenario(data).policy.resolve()

        def priced() -> None:
            cr.price_batch(sessions, policy)

        t_cmd, t_bare = best_of(command, 3), best_of(bare, 3)
        t_main, t_price = best_of(in_process, 3), best_of(priced, 3)
    print(f"carerules on {n:,} sessions ({FAMILIES} families, {STAFF} staff, matching section):")
    print(f"  whole command in a fresh process: {t_cmd:6.2f} s  (python -c pass: {t_bare:.3f} s; goal < 5 s)")
    print(
        f"  main() in this process:           {t_main:6.2f} s  = {t_main / t_price:5.1f}x price_batch ({t_price:.3f} s)"
    )


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    keep = sys.argv[sys.argv.index("--keep") + 1] if "--keep" in sys.argv else None
    if keep:
        args = [a for a in args if a != keep]
    start = time.perf_counter()
    run(int(args[0]) if args else 10_000, keep)
