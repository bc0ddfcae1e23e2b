"""The ``policy`` and ``quote`` commands: a provider's policy file checked, shown, and used.

* ``carerules policy check FILE`` validates a policy file and summarises it
  for a person: rates, every threshold with its dates, which rules the file
  grounds in its own clauses and which fall back to the library's defaults.
* ``carerules policy show NAME`` prints a built-in policy in the file format.
* ``carerules quote --policy FILE|NAME START END [--kind KIND] [--json]``
  prices one session and explains it; a session that needs a rate the
  policy does not set is shown as not priced, naming the rate (status 0:
  the quote is incomplete, not wrong).

A bad file or argument gets one message naming the place (a path inside the
file such as ``$.clauses["charging.minimum-session"].section``) and exit
status 2.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo
from typing import Any, TextIO

from carerules._charging import Session, forecast_session
from carerules._errors import CareRulesError, InvalidInput
from carerules._money import format_money
from carerules._policy import BUILT_IN_NAMES, ROLES, Dated, Policy, ShiftKind, builtin_policy, builtin_text
from carerules._policy._files import read_policy_text
from carerules._registry import all_rules
from carerules._tariff._model import Tariff, TariffRate
from carerules._time import format_duration, format_local


class CommandError(Exception):
    """A problem to report in one line (exit status 2)."""


def load_policy_argument(value: str) -> Policy:
    """``--policy``: a built-in name, or the path of a policy file."""
    if value in BUILT_IN_NAMES:
        return builtin_policy(value)
    try:
        with open(value, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as exc:
        known = ", ".join(BUILT_IN_NAMES)
        raise CommandError(f"cannot read policy {value} ({exc.strerror or exc}); built-in policies: {known}") from None
    except UnicodeDecodeError:
        raise CommandError(f"{value}: not UTF-8 text") from None
    try:
        return read_policy_text(text)
    except CareRulesError as exc:
        raise CommandError(f"{value}: {exc}") from None


def parse_instant(text: str, field: str, tz: tzinfo, notes: list[str] | None = None) -> datetime:
    """A command-line time read as scenario files read theirs (:func:`~carerules._scenario_times.read_time`).

    ``2027-05-04T10:00`` is local wall time in ``tz`` (the policy's zone),
    ``2027-05-04T10:00[Europe/London]`` wall time in that zone, and a time
    with an offset exactly that instant; a wall time the clocks skip, or
    show twice with no offset to settle it, is refused. Errors name ``field``.
    An offset that is not the zone's then is read as that exact instant, and
    ``notes`` (when given) gets the note a scenario report would print.
    """
    from carerules._scenario_times import read_time, read_times

    try:
        with read_times(tz) as reading:
            instant = read_time(text, tz)
    except InvalidInput as exc:
        raise InvalidInput(field, text, exc.expected) from None
    if notes is not None:
        notes.extend(f"{field}: {note}" for note in reading.notes.values())
    return instant


def _dates(value: Dated[Any], show: Any) -> str:
    parts = []
    changes = value.changes
    for i, c in enumerate(changes):
        until = changes[i + 1].effective_from if i + 1 < len(changes) else None
        end = f" until {until - timedelta(days=1)}" if until is not None else ""
        start = (
            "always"
            if c.effective_from is None and until is None
            else (f"from {c.effective_from}" if c.effective_from is not None else "from the start")
        )
        parts.append(f"{show(c.value)} ({start}{end})")
    return "; ".join(parts)


def _span(value: timedelta | None) -> str:
    return "not set" if value is None else format_duration(value)


def _rate_line(r: TariffRate, currency: str) -> str:
    cell = ", ".join(
        x
        for x in (
            f"service {r.service}" if r.service else "",
            f"day type {r.day_type}",
            f"band {r.band}" if r.band else "",
            f"funder {r.funder}" if r.funder else "",
            f"{r.carers} carers" if r.carers > 1 else "",
        )
        if x
    )
    if r.not_stated:
        price = "not stated (refused, never priced)"
    elif r.amount is None:
        price = f"{r.times} \u00d7 {r.of}"
    else:
        price = _dates(r.amount, lambda a: f"{format_money(a, currency)} per {r.per}")
    return f"{r.name}: {price} ({cell})"


def tariff_lines(tariff: Tariff, currency: str) -> list[str]:
    """A tariff as a person checks it: day types, bands, rates, boundary and duration rules."""
    out = [
        f"boundary {tariff.boundary}; flat rates by the {tariff.flat_day} day; weekend bank holidays: "
        f"{tariff.weekend_holidays}"
    ]
    out.extend(f"day type {d.name} ({d.shown}), precedence {d.precedence}" for d in tariff.day_types)
    out.extend(f"band {b.name}: {b}" for b in tariff.bands)
    out.extend(f"rate {_rate_line(r, currency)}" for r in tariff.rates)
    for d in tariff.durations:
        parts = [
            f"basis {d.basis}",
            (
                f"minimum {format_duration(d.minimum)}"
                + (", topped up at the first part's rate" if d.top_up.value == "first-part" else "")
            )
            if d.minimum
            else "",
            f"{format_duration(d.increment)} units rounded {d.rounding}" if d.increment else "",
            f"grace {format_duration(d.grace)}" if d.grace else "",
            f"overrun minimum {format_duration(d.overrun_minimum)}" if d.overrun_minimum else "",
            ("lengths " + ", ".join(x.describe(currency) for x in d.lengths)) if d.lengths else "",
            *(f"{m.shown} {format_duration(m.minimum)} ({m.scope})" for m in d.minimums),
        ]
        out.append(f"durations ({d.service or 'any service'}): " + "; ".join(p for p in parts if p))
    out.extend(
        f"overtime ({o.service or 'any service'}): past {format_duration(o.after)} a caregiver-week from "
        f"{o.week_start}, {o.times.normalize():f} \u00d7 the rate"
        + (f" ({o.multiplied_times.normalize():f} \u00d7 the base for a multiplier rate)" if o.multiplied_times else "")
        for o in tariff.overtime
    )
    if tariff.cancellation is not None:
        out.extend(tariff.cancellation.lines(currency))
    for terms in tariff.cancellations:
        out.extend(f"{terms.service}: {line}" for line in terms.lines(currency))
    return out


def summary(policy: Policy) -> str:
    """A policy as a person checks it: who, rates, dated thresholds, grounded and default rules."""
    cal = policy.calendar
    region = f"{cal.country}-{cal.subdivision}" if cal.subdivision else cal.country
    out = [
        f"Policy {policy.id} (version {policy.version}): {policy.name}, effective from {policy.effective_from}",
        f"Timezone {policy.timezone}; bank holidays of {region}"
        + (f"; closure days {', '.join(str(d) for d in sorted(cal.closure_days))}" if cal.closure_days else ""),
        "",
        "Documents:",
    ]
    for key, doc in policy.documents.items():
        extra = ", ".join(x for x in (f"version {doc.version}" if doc.version else "", str(doc.date or "")) if x)
        out.append(f"  {key}: {doc.title}" + (f" ({extra})" if extra else "") + (f" {doc.url}" if doc.url else ""))
    if not policy.documents:
        out.append("  (none)")
    out.append("Roles:")
    for key, role in ROLES.items():
        named = policy.roles.get(key)
        out.append(f"  {key}: {named}" if named else f"  {key}: (not named; the library says {role.default!r})")
    out.append("Rates:")
    out.extend(f"  {r.describe(policy.currency)}" for r in policy.rates)
    tariffs = [c for c in policy.tariff.changes if c.value is not None]
    if not policy.rates:
        out.append("  (none: priced by the tariff below)" if tariffs else "  (none: nothing can be priced)")
    out.append("Pay rates:")
    out.extend(f"  {r.describe(policy.currency)}" for r in policy.pay_rates)
    if not policy.pay_rates:
        out.append("  (none: pay is shown in hours and shifts)")
    for change in tariffs:
        assert change.value is not None
        since = "always" if change.effective_from is None else f"from {change.effective_from}"
        out.append(f"Tariff ({since}):")
        out.extend(f"  {line}" for line in tariff_lines(change.value, policy.currency))
    out.append("Thresholds:")
    out.append(f"  minimum_session: {_dates(policy.minimum_session, _span)}")
    out.append(f"  cancellation_notice: {_dates(policy.cancellation_notice, _span)}")

    def onboarding(p: Any) -> str:
        if p is None:
            return "not set"
        return (
            f"minimum age {p.minimum_age}, final risk assessments within {p.final_risk_assessment_days} days, "
            f"feedback every {p.feedback_every_years} year(s)"
        )

    out.append(f"  onboarding: {_dates(policy.onboarding, onboarding)}")
    out.append(
        "  matching: "
        + _dates(
            policy.matching,
            lambda m: (
                f"{m.interest_points} point(s) per shared interest, {m.trait_points} per fitting trait, "
                f"cover searched {m.cover_search_days} days ahead"
            ),
        )
    )
    out.append(
        "  one_to_one: "
        + _dates(
            policy.one_to_one,
            lambda t: (
                "none"
                if t is None
                else f"{len(t.areas)} {'listed' if t.only_listed_areas else 'example'} areas, "
                f"sessions {t.describe_cadences()}"
            ),
        )
    )
    rules = all_rules()
    grounded = [r for r in rules if policy.is_grounded(r.id)]
    default = [r for r in rules if not policy.is_grounded(r.id)]
    out.append("")
    out.append(f"Rules grounded in the policy's own clauses ({len(grounded)} of {len(rules)}):")
    for r in grounded:
        out.append(f"  {r.id}: {policy.source_for(r.id)}")
        out.append(f"      {policy.summary(r.id)}")
    out.append(f'Rules on the library\'s default clauses ({len(default)}; ground them under "clauses"):')
    out.extend(f"  {r.id}: {r.source.document}, \u00a7 {r.source.section}" for r in default)
    return "\n".join(out) + "\n"


def _quote_text(policy: Policy, session: Session, decision: Any, notes: Sequence[str] = ()) -> str:
    charge = decision.answer
    tz = policy.tz
    out = [
        f"{policy.name} ({policy.id}, version {policy.version})",
        *(f"Note: {note}" for note in notes),
        f"{session.kind.value} session {format_local(session.start, tz)} to {format_local(session.end, tz)}",
    ]
    if charge is None:
        out.append(f"Charge: not priced, the quote is INCOMPLETE ({format_duration(session.duration)} booked)")
        out.extend(f"Needs: {m}" for m in decision.missing)
    else:
        out.append(
            f"Charge: {format_money(charge.amount, policy.currency)} "
            f"({format_duration(charge.charged)} charged, {format_duration(charge.worked)} worked)"
        )
    out.append("Why:")
    for r in decision.reasons:
        out.append(f"  {r}")
        out.append(f"      source: {r.source}")
    return "\n".join(out) + "\n"


def policy_command(argv: Sequence[str], out: TextIO, err: TextIO) -> int:
    """``carerules policy check FILE`` / ``carerules policy show NAME``."""
    parser = argparse.ArgumentParser(prog="carerules policy", description="Check or show a policy file.")
    sub = parser.add_subparsers(dest="action", required=True)
    check = sub.add_parser("check", help="validate a policy file and summarise it")
    check.add_argument("file", help="the policy file (JSON)")
    show = sub.add_parser("show", help="print a built-in policy in the file format")
    show.add_argument("name", help=f"one of {', '.join(BUILT_IN_NAMES)}")
    sub.add_parser("schema", help="print the JSON Schema of policy files (docs/policy.schema.json)")
    args = parser.parse_args(list(argv))
    try:
        if args.action == "schema":
            from carerules._policy._schema import policy_schema

            out.write(json.dumps(policy_schema(), indent=2) + "\n")
            return 0
        if args.action == "show":
            if args.name not in BUILT_IN_NAMES:
                raise CommandError(f"no built-in policy {args.name!r}; built-in policies: {', '.join(BUILT_IN_NAMES)}")
            out.write(builtin_text(args.name))
            return 0
        text = summary(load_policy_argument(args.file))
    except CommandError as exc:
        err.write(f"carerules: {exc}\n")
        return 2
    out.write(text)
    return 0


def quote_command(argv: Sequence[str], out: TextIO, err: TextIO) -> int:
    """``carerules quote --policy FILE|NAME START END [--kind KIND] [--json]``."""
    parser = argparse.ArgumentParser(
        prog="carerules quote",
        description="Price one session and explain it. START and END are ISO 8601: local time in the "
        "policy's zone (2027-05-04T10:00), with a zone (2027-05-04T10:00[Europe/London]) or with an "
        "offset (2027-05-04T10:00+01:00).",
    )
    parser.add_argument("--policy", required=True, help=f"a policy file, or one of {', '.join(BUILT_IN_NAMES)}")
    parser.add_argument("start")
    parser.add_argument("end")
    parser.add_argument("--kind", choices=[k.value for k in ShiftKind], default=ShiftKind.DAY.value)
    parser.add_argument("--json", action="store_true", help="print the decision, with its policy stamp, as JSON")
    args = parser.parse_args(list(argv))
    try:
        policy = load_policy_argument(args.policy)
        try:
            notes: list[str] = []
            start = parse_instant(args.start, "start", policy.tz, notes)
            end = parse_instant(args.end, "end", policy.tz, notes)
            session = Session("quote", "quote", start, end, ShiftKind(args.kind))
            decision = forecast_session(session, policy)
        except CareRulesError as exc:
            raise CommandError(str(exc)) from None
    except CommandError as exc:
        err.write(f"carerules: {exc}\n")
        return 2
    if args.json:
        from carerules.serialisation import to_data

        out.write(json.dumps(to_data(decision), indent=2) + "\n")
    else:
        out.write(_quote_text(policy, session, decision, notes))
    return 0
