"""The ``carerules`` command: a scenario file in, invoices and pay out.

``carerules [SCENARIO.json] [--policy FILE|NAME] [--json]`` prints each
Service User's invoice and each staff member's pay; with no file it uses the
bundled example, and ``--policy`` replaces the scenario's policy with a
provider's policy file or a built-in. ``carerules rules [--markdown]`` lists
every rule; ``carerules policy check FILE``, ``carerules policy show NAME``
and ``carerules quote`` work with policy files (:mod:`carerules._cli_policy`). A malformed file, or one
whose contents the policy refuses once the report is evaluated, gets a
one-line message naming the place in it (``$.care[0].tasks[3].activity``) and
exit status 2, and nothing on standard output. On a terminal, a large file
shows one progress line per report section on standard error.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
from collections.abc import Callable, Sequence
from importlib import resources
from typing import Any, TextIO

import attrs

from carerules._care import MedicationEvent, MedicationRecord, ResponsibilityWindow, care_report
from carerules._charging import Cancellation, Expense, Session, build_invoice, build_pay_statement
from carerules._charging._invoice import _index_cancellations, _index_sessions
from carerules._cli_words import plain_words
from carerules._cli_policy import CommandError, load_policy_argument, policy_command, quote_command
from carerules._errors import CareRulesError, ScenarioError
from carerules._jsonio import loads
from carerules._locate import Locator
from carerules._matching._scenario import matching_json, matching_report, render_matching
from carerules._onboarding._report import MedicationLog
from carerules._onboarding._scenario import (
    OnboardingScenario,
    build_onboarding_section,
    onboarding_data,
    render_onboarding,
)
from carerules._progress import Progress, progress_for
from carerules._registry import all_rules, renamed_table, rules_table
from carerules._scenario import PolicyChoice, Scenario, read_scenario
from carerules._support121._report import CaseReport, report_cases

EXAMPLE = "buddies-month.json"
#: The bundled examples, by the name ``--example`` takes.
EXAMPLES = {"buddies": EXAMPLE, "one-to-one": "one-to-one-residents.json"}


def _read(path: str | None, example: str = EXAMPLE) -> tuple[str, Any]:
    if path is None:
        raw = resources.files("carerules.examples").joinpath(example).read_bytes()
        name = f"(bundled example {example})"
    else:
        with open(path, "rb") as handle:
            raw = handle.read()
        name = path
    try:
        return name, loads(raw, name=name if path is None else "the file")
    except ScenarioError as exc:
        raise _Unreadable(f"{name}: {exc}") from None


class _Unreadable(Exception):
    pass


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


_CHARGING = ("$.sessions", "$.cancellations", "$.expenses", "$.expense_agreements")


def build_report(scenario: Scenario, *, source: Any = None, progress: Progress | None = None) -> dict[str, Any]:
    """The whole report as values: policy, invoices, pay statements, care, 1-2-1, matching, onboarding.

    ``source`` is the scenario as plain data, as read from its file (default:
    the scenario converted back). An error found while evaluating raises
    :class:`~carerules.ScenarioError` naming its place in that data, like
    ``$.care[0].tasks[3].activity``. ``progress`` reports each section.
    """
    from carerules.serialisation import to_data

    where = Locator(to_data(scenario) if source is None else source)
    progress = progress or Progress(None)
    with where.reading("$.policy"):
        policy = scenario.policy.resolve()
    # Grouped once, on the first invoice (so that its errors come after the progress line starts).
    grouped = functools.cache(lambda: _grouped(scenario))
    invoices = []
    for su in progress.each("invoices", scenario.service_users()):
        with where.reading(*_CHARGING, home="$.sessions"):
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
    for st in progress.each("staff pay", scenario.staff()):
        with where.reading(*_CHARGING, home="$.sessions"):
            sessions, cancellations, _ = grouped()[1][st]
            pay.append(build_pay_statement(st, scenario.period, policy, sessions=sessions, cancellations=cancellations))
    care = []
    for i, case in enumerate(progress.each("care cases", scenario.care)):
        with where.reading(f"$.care[{i}]"):
            care.append(care_report(case, policy, sessions=scenario.sessions))
    report: dict[str, Any] = {"scenario": scenario, "policy": policy, "invoices": invoices, "pay": pay, "care": care}
    if scenario.one_to_one is not None:
        section = scenario.one_to_one
        cases: list[CaseReport] = []
        for i, one in enumerate(progress.each("1-2-1 cases", section.cases)):
            with where.reading(f"$.one_to_one.cases[{i}]", "$.one_to_one.as_of"):
                cases.extend(report_cases(attrs.evolve(section, cases=(one,)), policy, scenario.period))
        report["one_to_one"] = tuple(cases)
    with where.reading("$.matching", *_CHARGING, home="$.matching"):
        report["matching"] = matching_report(scenario.matching, scenario.sessions, policy, on=scenario.period.first)
    progress.done("matching and cover", len(scenario.matching.waiting) + len(scenario.sessions))
    if scenario.onboarding is not None:
        with where.reading("$.onboarding", "$.care", "$.matching", home="$.onboarding"):
            onboarding = _with_care_medication(scenario.onboarding, scenario)
            report["onboarding"] = build_onboarding_section(
                onboarding, policy, scenario.period, people=scenario.matching
            )
        progress.done("onboarding files", len(onboarding.files))
    return report


_Lists = tuple[list[Session], list[Cancellation], list[Expense]]


def _grouped(scenario: Scenario) -> tuple[dict[str, _Lists], dict[str, _Lists]]:
    """Each family's and each staff member's sessions, cancellations and expenses, in one pass.

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
        families.setdefault(session.service_user, ([], [], []))[0].append(session)
        if session.staff is not None:
            staff.setdefault(session.staff, ([], [], []))[0].append(session)
    for session_id, cancellation in cancelled.items():
        session = index[session_id]
        families[session.service_user][1].append(cancellation)
        if session.staff is not None:
            staff[session.staff][1].append(cancellation)
    for expense in scenario.expenses:
        families.setdefault(expense.service_user, ([], [], []))[2].append(expense)
    return families, staff


def _with_care_medication(section: OnboardingScenario, scenario: Scenario) -> OnboardingScenario:
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
    return attrs.evolve(section, medication=merged, files=files)


def render_text(report: dict[str, Any], *, explain: bool = False) -> str:
    """The report as readable tables, in a care manager's words (:mod:`carerules._cli_words`).

    ``explain`` shows every reason, with its rule id, and times with their
    UTC offsets.
    """
    scenario: Scenario = report["scenario"]
    policy = report["policy"]
    out = [scenario.title or "carerules report", f"Policy: {policy.name} (version {policy.version}), {scenario.period}"]
    out.extend(f"Note: {note}" for note in scenario.notes)
    out.extend(f"Check this time: {note}" for note in report.get("time_notes", ()))
    out.append("")
    header = len(out)
    cases = report.get("one_to_one")
    # A 1-2-1-only scenario has no invoices or pay: leave out those empty sections.
    if report["invoices"] or cases is None:
        out.append("== Invoices ==")
        for invoice in report["invoices"]:
            out.append(invoice.render(explain=explain))
            out.append("")
    if report["pay"] or cases is None:
        out.append("== Staff pay ==")
        for statement in report["pay"]:
            out.append(statement.render(explain=explain))
            out.append("")
    if report.get("care"):
        out.append("== Care boundaries ==")
        for care in report["care"]:
            out.append(care.render())
            out.append("")
    if cases is not None:
        out.append("== 1-2-1 Support ==")
        for case in cases:
            out.append(case.render(policy.tz, explain=explain))
            out.append("")
    out.extend(render_matching(report["matching"], policy, explain=explain))
    if "onboarding" in report:
        out.append(render_onboarding(report["onboarding"], policy))
    body = "\n".join(out[header:])
    if not explain:
        body = plain_words(body, policy.tz)
    return "\n".join([*out[:header], body]).rstrip() + "\n"


def render_json(report: dict[str, Any], *, include_sensitive: bool = False) -> str:
    """The report as JSON (every value through the library's converter).

    ``--json`` is a report, not a data export: fields the library hides
    (medication names, health and contact details, notes) are written as
    ``"<redacted>"`` unless ``include_sensitive`` (``--include-sensitive``).
    """
    from carerules.serialisation import to_data

    redact = not include_sensitive
    payload = {
        "title": report["scenario"].title,
        "stamp": to_data(report["policy"].stamp),
        "policy": to_data(report["policy"], redact=redact),
        "invoices": [to_data(i, redact=redact) for i in report["invoices"]],
        "pay": [to_data(p, redact=redact) for p in report["pay"]],
        "care": [to_data(c, redact=redact) for c in report.get("care", [])],
        "matching": matching_json(report["matching"], redact=redact),
    }
    if report.get("time_notes"):
        payload["time_notes"] = list(report["time_notes"])
    if "one_to_one" in report:
        payload["one_to_one"] = [to_data(c, redact=redact) for c in report["one_to_one"]]
    if "onboarding" in report:
        payload["onboarding"] = onboarding_data(report["onboarding"], report["policy"], redact=redact)
    return json.dumps(payload, indent=2) + "\n"


_RULES_INTRO = """# Rules

Every rule carerules applies, generated from the registry (`make docs-rules`).

The rules belong to the library, and their ids are provider-neutral. Each has
a default clause: in *carerules default rules* (this page; the section names the
rule's area) or in the
library's product decisions (*carerules product decisions*, `PRODUCT.md`).
A policy grounds each rule it uses in a clause of its own terms (see
[policy-files.md](policy-files.md)); a reason under a rule the policy does not
ground cites the default clause and says so. Words in braces
(`{minimum_session}`, `{escalation}`) are filled with the policy's own figures
and role names. The last column gives the clause each built-in policy grounds
the rule in.

"""

_RENAMED_INTRO = """
## Renamed rule ids

Until version 0.2 rule ids named the Buddies or 1-2-1 provider. Stored
explanations that use an old id still resolve: `carerules.get_rule` accepts it
and returns the rule that replaced it.

"""


def _rules_command(args: argparse.Namespace, out: TextIO) -> int:
    if args.markdown:
        out.write(_RULES_INTRO)
        out.write(rules_table())
        out.write(_RENAMED_INTRO)
        out.write(renamed_table())
        return 0
    for rule in all_rules():
        out.write(f"{rule.id}\n    {rule.source}\n    {rule.summary}\n")
    return 0


def _never_traceback(run: Callable[..., int]) -> Callable[..., int]:
    """Wrap the command so no input, however broken, shows a traceback (issue 14).

    Bad input gets one line on standard error and exit status 2, and
    nothing on standard output. A closed pipe (``carerules rules | head``)
    exits quietly with status 141, as tools killed by SIGPIPE do. Anything
    else unexpected is one line naming the error, status 70 (a bug: set
    ``CARERULES_TRACEBACK=1`` to see the traceback).
    """

    @functools.wraps(run)
    def guarded(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
        err = err or sys.stderr
        try:
            return run(argv, out, err)
        except BrokenPipeError:
            if out is None or out is sys.stdout:
                # Python would report the failed flush at exit; point stdout at /dev/null instead.
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
            return 141
        except KeyboardInterrupt:
            return 130
        except CareRulesError as exc:
            err.write(f"carerules: {exc}\n")
            return 2
        except (RecursionError, MemoryError) as exc:
            err.write(f"carerules: the input is too large or too deeply nested to report on ({type(exc).__name__})\n")
            return 2
        except Exception as exc:  # the guarantee: never a traceback, whatever went wrong
            if os.environ.get("CARERULES_TRACEBACK"):
                raise
            err.write(f"carerules: unexpected error, please report it: {type(exc).__name__}: {exc}\n")
            return 70

    return guarded


@_never_traceback
def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 2 bad input)."""
    out = out or sys.stdout
    err = err or sys.stderr
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["policy"]:
        return policy_command(argv[1:], out, err)
    if argv[:1] == ["quote"]:
        return quote_command(argv[1:], out, err)
    if argv[:1] == ["rules"]:
        rules_parser = argparse.ArgumentParser(prog="carerules rules", description="List every rule.")
        rules_parser.add_argument("--markdown", action="store_true", help="print the docs/rules.md table")
        return _rules_command(rules_parser.parse_args(argv[1:]), out)
    parser = argparse.ArgumentParser(
        prog="carerules",
        description="Report on a scenario: invoices and pay, care decisions, matches and cover, "
        "compliance and forecasts, 1-2-1 plans. "
        "Run 'carerules rules' to list every rule, 'carerules policy check FILE' to check a policy file, "
        "'carerules quote --policy FILE START END' to price one session.",
    )
    parser.add_argument("scenario", nargs="?", help="scenario JSON file (default: the bundled example)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument(
        "--policy", metavar="FILE|NAME", help="use this policy file (or built-in) instead of the scenario's policy"
    )
    parser.add_argument(
        "--include-sensitive",
        action="store_true",
        help="with --json, include medication names, health and contact details and notes (redacted by default)",
    )
    parser.add_argument("--explain", action="store_true", help="show every reason under each line")
    parser.add_argument(
        "--example", choices=sorted(EXAMPLES), default="buddies", help="which bundled example to use with no file"
    )
    args = parser.parse_args(argv)
    progress = Progress(None)
    try:
        name, data = _read(args.scenario, EXAMPLES[args.example])
        try:
            chosen = None
            if args.policy is not None:
                try:
                    chosen = load_policy_argument(args.policy)
                except CommandError as exc:
                    raise _Unreadable(str(exc)) from None
            scenario, time_notes = read_scenario(data, policy=chosen)
            if chosen is not None:
                scenario = attrs.evolve(scenario, policy=PolicyChoice(custom=chosen))
            progress = progress_for(err, scenario_size(scenario))
            report = build_report(scenario, source=data, progress=progress)
            report["time_notes"] = time_notes
            text = (
                render_json(report, include_sensitive=args.include_sensitive)
                if args.json
                else render_text(report, explain=args.explain)
            )
        except CareRulesError as exc:
            raise _Unreadable(f"{name}: {exc}") from None
    except OSError as exc:
        err.write(f"carerules: cannot read {args.scenario}: {exc.strerror or exc}\n")
        return 2
    except _Unreadable as exc:
        progress.close()
        err.write(f"carerules: {exc}\n")
        return 2
    # Only a complete report is printed: nothing reaches ``out`` before this line.
    out.write(text)
    return 0
