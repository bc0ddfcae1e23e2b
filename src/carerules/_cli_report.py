"""The report the command prints, as values: built from a scenario, section by section.

Invoices and pay come from one grouping pass over the sessions (each
family's and each staff member's own lists), not one scan of the whole
organisation per family. :func:`build_report` is re-exported by
:mod:`carerules._cli`.
"""

from __future__ import annotations

import functools
from typing import Any

import attrs

from carerules._care import MedicationEvent, MedicationRecord, ResponsibilityWindow, care_report
from carerules._charging import Cancellation, Expense, Session, build_invoice, build_pay_statement
from carerules._charging._invoice import _index_cancellations, _index_sessions
from carerules._cli_export import only_family
from carerules._locate import Locator
from carerules._matching._scenario import matching_report
from carerules._onboarding._report import MedicationLog
from carerules._onboarding._scenario import OnboardingScenario, build_onboarding_section
from carerules._progress import Progress
from carerules._scenario import Scenario
from carerules._support121._report import CaseReport, report_cases


def scenario_size(scenario: Scenario) -> int:
    """How many items the scenario holds (sessions, cancellations, expenses, cases, people, files...)."""
    counts = [
        len(scenario.sessions),
        len(scenario.cancellations),
        len(scenario.expenses),
        len(scenario.expense_agreements),
        len(scenario.care),
        len(scenario.matching.staff),
        len(scenario.matching.service_users),
        len(scenario.matching.matches),
    ]
    if scenario.one_to_one is not None:
        counts.append(len(scenario.one_to_one.cases))
    if scenario.onboarding is not None:
        counts += [len(scenario.onboarding.files), len(scenario.onboarding.contracts)]
    return sum(counts)


def build_report(
    scenario: Scenario, *, source: Any = None, progress: Progress | None = None, service_user: str | None = None
) -> dict[str, Any]:
    """The whole report as values: policy, invoices, pay statements, care, 1-2-1, matching, onboarding.

    ``source`` is the scenario as plain data, as read from its file (default:
    the scenario converted back). An error found while evaluating raises
    :class:`~carerules.ScenarioError` naming its place in that data, like
    ``$.care[0].tasks[3].activity``. ``progress`` reports each section.
    ``service_user`` cuts the report down to one family: their invoice, the
    pay for their sessions, their care, matching, cover and onboarding.
    """
    from carerules.serialisation import to_data

    where = Locator(to_data(scenario) if source is None else source, scenario)
    progress = progress or Progress(None)
    with where.reading("$.policy", scenario.policy):
        policy = scenario.policy.resolve()
    # Grouped once, on the first invoice (so that its errors come after the progress line starts).
    grouped = functools.cache(lambda: _grouped(scenario, service_user))
    families = scenario.service_users()
    if service_user is not None:  # a family with no sessions or expenses has no invoice, as in the whole report
        families = tuple(su for su in families if su == service_user)
    invoices = []
    for su in progress.each("invoices", families):
        with where.reading("$.sessions", scenario):
            sessions, cancellations, expenses = grouped()[0].get(su, ([], [], []))
            invoices.append(
                build_invoice(
                    su,
                    scenario.period,
                    policy,
                    sessions=sessions,
                    cancellations=cancellations,
                    expenses=expenses,
                    agreements=scenario.expense_agreements,
                )
            )
    pay = []
    everyone = scenario.staff() if service_user is None else tuple(sorted(grouped()[1]))
    for st in progress.each("staff pay", everyone):
        with where.reading("$.sessions", scenario):
            sessions, cancellations, _ = grouped()[1][st]
            pay.append(build_pay_statement(st, scenario.period, policy, sessions=sessions, cancellations=cancellations))
    care = []
    for i, case in enumerate(progress.each("care cases", scenario.care)):
        with where.reading(f"$.care[{i}]", case):
            care.append(care_report(case, policy, sessions=scenario.sessions))
    report: dict[str, Any] = {"scenario": scenario, "policy": policy, "invoices": invoices, "pay": pay, "care": care}
    if scenario.one_to_one is not None:
        section = scenario.one_to_one
        cases: list[CaseReport] = []
        for i, one in enumerate(progress.each("1-2-1 cases", section.cases)):
            with where.reading(f"$.one_to_one.cases[{i}]", one, section):
                cases.extend(report_cases(attrs.evolve(section, cases=(one,)), policy, scenario.period))
        report["one_to_one"] = tuple(cases)
    with where.reading("$.matching", scenario.matching, scenario):
        report["matching"] = matching_report(scenario.matching, scenario.sessions, policy, on=scenario.period.first)
    progress.done("matching and cover", len(scenario.matching.waiting) + len(scenario.sessions))
    if scenario.onboarding is not None:
        with where.reading("$.onboarding", scenario.onboarding, scenario):
            onboarding = _with_care_medication(scenario.onboarding, scenario, where)
            report["onboarding"] = build_onboarding_section(
                onboarding, policy, scenario.period, people=scenario.matching
            )
        progress.done("onboarding files", len(onboarding.files))
    return report if service_user is None else only_family(report, service_user, scenario)


_Lists = tuple[list[Session], list[Cancellation], list[Expense]]


def _grouped(scenario: Scenario, only: str | None = None) -> tuple[dict[str, _Lists], dict[str, _Lists]]:
    """Each family's and each staff member's sessions, cancellations and expenses, in one pass.

    With ``only``, just that family's (and the staff lists hold only their sessions).

    Each invoice and pay statement is then built from its own lists, not by
    scanning the whole organisation's (which made the report quadratic). The
    checks a single ``build_invoice`` makes over all sessions (unique ids,
    cancellations of listed sessions) are made here once, with the same errors.
    """
    index = _index_sessions(scenario.sessions)
    cancelled = _index_cancellations(scenario.cancellations, index)
    families: dict[str, _Lists] = {}
    staff: dict[str, _Lists] = {}
    for session in scenario.sessions:
        if only is not None and session.service_user != only:
            continue
        families.setdefault(session.service_user, ([], [], []))[0].append(session)
        if session.staff is not None:
            staff.setdefault(session.staff, ([], [], []))[0].append(session)
    for session_id, cancellation in cancelled.items():
        session = index[session_id]
        if only is not None and session.service_user != only:
            continue
        families[session.service_user][1].append(cancellation)
        if session.staff is not None:
            staff[session.staff][1].append(cancellation)
    for expense in scenario.expenses:
        if only is not None and expense.service_user != only:
            continue
        families.setdefault(expense.service_user, ([], [], []))[2].append(expense)
    return families, staff


def _with_care_medication(section: OnboardingScenario, scenario: Scenario, where: Locator) -> OnboardingScenario:
    """The onboarding section with the care cases' medication events and records added to its logs.

    One report must not say a record is missing in one section and not in
    another: the compliance findings see every medication event and every
    documented procedure in the file (a care case's medication file is part
    of the person's file), and the service is responsible for each person
    during their sessions in the scenario (and the windows the logs and care
    cases add).
    """
    with_file = {f.service_user for f in section.files}
    Log = tuple[list[MedicationEvent], list[MedicationRecord], list[ResponsibilityWindow]]
    logs: dict[str, Log] = {}
    for log in section.medication:
        events, records, windows = logs.setdefault(log.service_user, ([], [], []))
        events.extend(e for e in log.events if e not in events)
        records.extend(r for r in log.records if r not in records)
        windows.extend(log.responsible)
    for case in scenario.care:
        if case.service_user not in with_file or not case.medication_events:
            continue
        events, records, windows = logs.setdefault(case.service_user, ([], [], []))
        events.extend(e for e in case.medication_events if e not in events)
        records.extend(r for r in case.medication_records if r not in records)
        windows.extend(case.responsible)
    for s in scenario.sessions:
        if s.service_user in logs:
            logs[s.service_user][2].append(ResponsibilityWindow.of(s))
    merged = tuple(MedicationLog(su, tuple(ev), tuple(rec), responsible=tuple(w)) for su, (ev, rec, w) in logs.items())
    firsts: dict[str, MedicationLog] = {}
    for log in section.medication:
        firsts.setdefault(log.service_user, log)
    for log in merged:  # an error about a merged log is placed at the section's first log for that person
        if log.service_user in firsts:
            where.same(log, firsts[log.service_user])
    procedures = {c.service_user: c.medication_file.procedures for c in scenario.care if c.medication_file}
    files = tuple(
        attrs.evolve(
            f,
            medication_procedures=(
                *f.medication_procedures,
                *(p for p in procedures.get(f.service_user, ()) if p not in f.medication_procedures),
            ),
        )
        for f in section.files
    )
    for copy, original in zip(files, section.files, strict=True):
        where.same(copy, original)
    return attrs.evolve(section, medication=merged, files=files)
