"""The ``carerules`` command: a scenario file in, invoices and pay out.

``carerules [SCENARIO.json] [--policy FILE|NAME] [--json]`` prints each
Service User's invoice and each staff member's pay; with no file it uses the
bundled example, and ``--policy`` replaces the scenario's policy with a
provider's policy file or a built-in. The text report is in a care manager's
words (:mod:`carerules._cli_words`; ``--explain`` adds rule ids and offsets);
``--service-user ID``, ``--csv DIR`` and ``--html DIR`` filter and export it
(:mod:`carerules._cli_export`); scenario times may be local wall times
(:mod:`carerules._scenario_times`). ``carerules rules [--markdown]`` lists
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

from carerules._cli_export import ExportError, check_service_user, write_csv, write_html
from carerules._cli_policy import CommandError, load_policy_argument, policy_command, quote_command
from carerules._cli_report import build_report as build_report
from carerules._cli_report import scenario_size
from carerules._cli_words import plain_words
from carerules._errors import CareRulesError, ScenarioError
from carerules._jsonio import loads
from carerules._matching._scenario import matching_json, render_matching
from carerules._onboarding._scenario import (
    onboarding_data,
    render_onboarding,
)
from carerules._progress import Progress, progress_for
from carerules._registry import all_rules, renamed_table, rules_table
from carerules._scenario import PolicyChoice, Scenario, read_scenario

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


#: How many times with an offset the zone does not use the text report lists by name.
_TIME_NOTES = 10


def render_text(report: dict[str, Any], *, explain: bool = False) -> str:
    """The report as readable tables, in a care manager's words (:mod:`carerules._cli_words`).

    ``explain`` shows every reason, with its rule id, and times with their
    UTC offsets.
    """
    scenario: Scenario = report["scenario"]
    policy = report["policy"]
    out = [scenario.title or "carerules report", f"Policy: {policy.name} (version {policy.version}), {scenario.period}"]
    out.extend(f"Note: {note}" for note in scenario.notes)
    notes = report.get("time_notes", ())
    out.extend(f"Check this time: {note}" for note in notes[:_TIME_NOTES])
    if len(notes) > _TIME_NOTES:
        out.append(f"Check this time: and {len(notes) - _TIME_NOTES} more (all are listed in --json's time_notes)")
    out.append("")
    header = len(out)
    cases = report.get("one_to_one")
    # A 1-2-1-only scenario has no invoices or pay: leave out those empty sections.
    if report["invoices"] or cases is None:
        out.append("== Invoices ==")
        for invoice in report["invoices"]:
            out.append(invoice.render(explain=explain))
            out.append("")
        if not report["invoices"]:
            out.extend(["  no sessions or expenses", ""])
    if report["pay"] or cases is None:
        out.append("== Staff pay ==")
        for statement in report["pay"]:
            out.append(statement.render(explain=explain))
            out.append("")
        if not report["pay"]:
            out.extend(["  no sessions with a staff member", ""])
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


def _version() -> str:
    """The installed distribution's version (the package's own when run from a source tree)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("carerules")
    except PackageNotFoundError:  # pragma: no cover - run from a source tree that was never installed
        from carerules import __version__

        return __version__


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
    parser.add_argument("--version", action="store_true", help="print the installed version of carerules and exit")
    parser.add_argument(
        "--service-user", metavar="ID", help="report on one family only: their invoice, pay for their sessions, ..."
    )
    parser.add_argument(
        "--csv", metavar="DIR", help="also write invoices.csv, pay.csv, findings.csv and matches.csv into DIR"
    )
    parser.add_argument("--html", metavar="DIR", help="also write a printable HTML invoice per family into DIR")
    args = parser.parse_args(argv)
    if args.version:
        out.write(f"carerules {_version()}\n")
        return 0
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
            if args.service_user is not None:
                try:
                    check_service_user(args.service_user, scenario)
                except ExportError as exc:
                    raise _Unreadable(str(exc)) from None
            progress = progress_for(err, scenario_size(scenario))
            report = build_report(scenario, source=data, progress=progress, service_user=args.service_user)
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
    try:
        written = [
            *(write_csv(report, args.csv) if args.csv else ()),
            *(write_html(report, args.html) if args.html else ()),
        ]
    except ExportError as exc:
        err.write(f"carerules: {exc}\n")
        return 2
    except OSError as exc:
        err.write(f"carerules: cannot write {exc.filename or 'the export'}: {exc.strerror or exc}\n")
        return 2
    if written:
        err.write(f"carerules: wrote {len(written)} file(s): {', '.join(str(p) for p in written)}\n")
    # Only a complete report is printed: nothing reaches ``out`` before this line.
    out.write(text)
    return 0
