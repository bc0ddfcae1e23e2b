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
Run: ``python benchmarks/bench_scale.py [--old-up-to N] [--compliance-only] [--cli]``
(``--cli``: also time the whole command line on a 10,000-session scenario file).
"""

from __future__ import annotations

import functools
import sys
import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from typing import Any
from zoneinfo import ZoneInfo

from _timing import best_of

import carerules as cr
from carerules._matching._cover import _Bookings, _Scan
from carerules._matching._scenario import MatchingScenario, matching_report
from carerules._onboarding._duties import check_training_records

POLICY = cr.BUDDIES
LONDON = ZoneInfo("Europe/London")
FIRST = date(2027, 1, 4)
AT = datetime(2026, 4, 10, 9, tzinfo=LONDON)
SIZES = (1_250, 2_500, 5_000, 10_000)


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
        new = best_of(indexed, 3)
        base = base or new
        line = (
            f"  {n:>6,} sessions, {len(report['cover']):>5,} need cover: indexed {new:7.3f} s "
            f"({new / n * 1e6:4.0f} us/session, x{new / base:4.1f})"
        )
        if n <= old_up_to:
            start = time.perf_counter()
            scanned = matching_report(scenario, sessions, POLICY, _index=_Scan)
            slow = time.perf_counter() - start
            assert scanned == report, "the index changed the answers"
            line += f"; full scan {slow:7.3f} s; old/new {slow / new:5.1f}x"
        print(line)
    print("  (x: indexed time against the smallest size; linear growth doubles it with each size)")


def organisation(users: int) -> dict[str, Any]:
    """``users`` Service Users, each with a file, a contract with two of ``users // 2`` staff, and a feedback form.

    Every third has started (first session on 2026-03-20), the rest start after ``AT``;
    staff hold one or two courses; every fifth Service User has a medication log.
    """
    staff = [f"st-{k:04d}" for k in range(max(2, users // 2))]
    files, contracts, forms, logs = [], [], [], []
    for n in range(users):
        su = f"su-{n:04d}"
        key, spare = staff[n % len(staff)], staff[(n + 1) % len(staff)]
        first = date(2026, 3, 20) if n % 3 == 0 else date(2026, 5, 1)
        files.append(
            cr.PersonalFile(
                service_user=su,
                date_of_birth=date(2015, 6, 1),
                epilepsy=n % 2 == 0,
                registration_meeting_on=date(2026, 2, 2),
                information_pack_completed_on=date(2026, 2, 2),
                terms_given_on=date(2026, 2, 2),
                welcome_meeting_on=date(2026, 3, 10),
                welcome_meeting_attendees=(su, key, spare),
                service_plan=cr.ServicePlan(
                    date(2026, 2, 20), needs=("autism",), activities=("swimming",), weekly_hours=timedelta(hours=5)
                ),
                risk_assessments=(cr.RiskAssessment("swimming", cr.RiskAssessmentStage.DRAFT, date(2026, 2, 20)),),
                epilepsy_procedure=cr.EpilepsyProcedure(date(2026, 2, 25)) if n % 4 else None,
                primary_contact=cr.Contact(cr.ContactRole.PRIMARY, "Ann Ames", "07700 900001"),
                secondary_contact=cr.Contact(cr.ContactRole.SECONDARY, "Bo Bell", "07700 900002"),
                agreed_training=(
                    cr.AgreedTraining("epilepsy awareness", pre_start=True),
                    cr.AgreedTraining("first aid"),
                ),
                assessment_copies=(cr.AssessmentCopy("EHCP", date(2026, 2, 2)),),
                first_session=first,
            )
        )
        slot = cr.WeeklySlot(cr.Weekday.FRIDAY, clock(15, 30), timedelta(hours=5))
        contracts.append(cr.Contract(f"c-{n:04d}", su, key, spare, (slot,), first))
        forms.append(cr.FeedbackForm(su, date(2025, 4, 1 + n % 28)))
        if n % 5 == 0:
            event = cr.MedicationEvent(
                f"m-{n}", AT - timedelta(days=2), cr.MedicationSupport.PROMPT, "paracetamol", cr.MedicationForm.TABLET
            )
            logs.append(cr.MedicationLog(su, (event,), ()))
    training: dict[str, dict[str, date]] = {
        s: {"epilepsy awareness": date(2026, 3, 1), **({"first aid": date(2026, 1, 5)} if k % 2 else {})}
        for k, s in enumerate(staff)
    }
    return {"files": files, "contracts": contracts, "training": training, "feedback_forms": forms, "medication": logs}


def old_compliance_report(policy: cr.Policy, at: datetime, **data: Any) -> cr.ComplianceReport:
    """The compliance report as it was computed before: what the library did, through its public functions."""
    files = tuple(data["files"])
    ids = [f.service_user for f in files]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    assert not dupes
    by_su = {c.service_user: c for c in data["contracts"]}
    logs: dict[str, list[cr.MedicationLog]] = {}
    for log in data["medication"]:
        assert log.service_user in ids
        logs.setdefault(log.service_user, []).append(log)
    forms = tuple(data["feedback_forms"])
    training = data["training"]
    findings: list[cr.Finding] = []
    for file in files:
        su = file.service_user
        contract = by_su.get(su)
        check_training_records(training)  # once in service_user_findings, as before
        readiness = cr.check_readiness(file, policy, contract=contract, training=training)  # checks them again
        if contract is not None:
            cr.outstanding_training(file, contract, training)  # and a third time
        findings.extend(
            cr.service_user_findings(
                file, policy, at, contract=contract, training=training, feedback_forms=forms, readiness=readiness
            )
        )
        for log in logs.get(su, ()):
            findings.extend(cr.medication_findings(log, file=file, policy=policy))
    return cr.ComplianceReport(at, tuple(ids), tuple(findings))


def bench_compliance() -> None:
    print("compliance report (compliance_report):")
    base = None
    for n in (250, 500, 1_000):
        data = organisation(n)
        report = cr.compliance_report(POLICY, AT, **data)
        new = best_of(lambda: cr.compliance_report(POLICY, AT, **data), 5)  # noqa: B023
        slow = best_of(lambda: old_compliance_report(POLICY, AT, **data), 1)  # noqa: B023
        old = old_compliance_report(POLICY, AT, **data)
        assert (old.service_users, old.findings) == (report.service_users, report.findings), "answers changed"
        base = base or new
        print(
            f"  {n:>5,} Service Users, {len(report.findings):>5,} findings: {new:6.3f} s "
            f"({new / n * 1e3:4.2f} ms each, x{new / base:4.1f}); "
            f"old path {slow:6.3f} s; old/new {slow / new:5.1f}x"
        )
    print("  (x: time against the smallest size; linear growth doubles it with each size)")


def bench_cli(n: int = 10_000) -> None:
    """The whole command line (charging and matching sections) on an ``n``-session scenario file."""
    import io
    import json
    import tempfile

    from carerules._cli import main
    from carerules.serialisation import to_data

    scenario, sessions = cover_scenario(n)
    rate = {"kind": "day", "bank_holiday": True, "amount": "27.75", "effective_from": "2000-01-01"}
    data = {
        "period": {"first": str(FIRST), "last": str(sessions[-1].start.date())},
        "policy": {"base": "buddies", "rates": [rate]},
        "sessions": [to_data(s) for s in sessions],
        "matching": to_data(scenario),
    }
    with tempfile.TemporaryDirectory() as tmp:
        path = f"{tmp}/scenario.json"
        with open(path, "w", encoding="utf-8") as f:
            json.dump(data, f)
        out = io.StringIO()
        start = time.perf_counter()
        code = main([path], out=out, err=io.StringIO())
        took = time.perf_counter() - start
    print(f"command line on a {n:,}-session scenario with a matching section: {took:.2f} s (exit {code}; goal < 5 s)")


if __name__ == "__main__":
    limit = int(sys.argv[sys.argv.index("--old-up-to") + 1]) if "--old-up-to" in sys.argv else 2_500
    if "--compliance-only" not in sys.argv:
        bench_cover(limit)
    bench_compliance()
    if "--cli" in sys.argv:
        bench_cli()
