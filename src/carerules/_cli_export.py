"""The command's exports: ``--csv DIR``, ``--html DIR`` and the ``--service-user ID`` filter.

``--csv DIR`` writes four files (UTF-8, a header row, one row per line;
columns in :data:`CSV_COLUMNS`, documented in docs/command-line.md):

* ``invoices.csv``: every invoice line, billed or not, with its invoice's total;
* ``pay.csv``: every pay line;
* ``findings.csv``: every compliance finding;
* ``matches.csv``: the scenario's existing matches, then every suggested match
  (and each waiting Service User left unmatched), ``status`` saying which.

Money is an exact decimal string in the currency's units (``"37.00"``, never
a float); hours are exact decimals; times are local wall times in the
policy's zone with their UTC offset (``2027-03-31T18:00:00+01:00``), so a
spreadsheet sorts them and nothing is ambiguous.

``--html DIR`` writes one printable invoice per family,
``invoice-<service user>.html``, every piece of text escaped.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from carerules._charging import Invoice
from carerules._charging._invoice import _ROUTINE  # the reasons the text report leaves out too
from carerules._cli_words import plain_words
from carerules._display import html_text
from carerules._money import format_money
from carerules._policy import Policy
from carerules._scenario import Scenario
from carerules._time import hours

#: The columns of each CSV file, in order.
CSV_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "invoices": (
        "service_user",
        "date",
        "kind",
        "ref",
        "description",
        "billed",
        "amount",
        "currency",
        "invoice_total",
        "rules",
    ),
    "pay": (
        "staff",
        "date",
        "session",
        "description",
        "hours_worked",
        "hours_paid",
        "shifts",
        "amount",
        "currency",
        "statement_total",
        "rules",
    ),
    "findings": ("service_user", "kind", "staff", "detail", "due_by", "overdue_by_hours", "rule"),
    "matches": (
        "service_user",
        "status",
        "key_worker",
        "key_score",
        "spare",
        "spare_score",
        "total",
        "why_unmatched",
    ),
}


class ExportError(Exception):
    """An export or filter problem, reported in one line (exit status 2)."""


def known_service_users(scenario: Scenario) -> tuple[str, ...]:
    """Every Service User the scenario names anywhere (sessions, expenses, care, matching, 1-2-1, onboarding)."""
    found = set(scenario.service_users())
    found |= {c.service_user for c in scenario.care}
    found |= {u.id for u in scenario.matching.service_users}
    if scenario.one_to_one is not None:
        found |= {c.resident.id for c in scenario.one_to_one.cases}
    if scenario.onboarding is not None:
        found |= {f.service_user for f in scenario.onboarding.files}
        found |= {c.service_user for c in scenario.onboarding.contracts}
    return tuple(sorted(found))


def check_service_user(service_user: str, scenario: Scenario) -> None:
    """:class:`ExportError` naming the known ids (or their number) unless the scenario names ``service_user``."""
    known = known_service_users(scenario)
    if service_user in known:
        return
    if not known:
        raise ExportError(f"--service-user {service_user!r}: the scenario names no Service Users")
    shown = ", ".join(known[:10]) + (f" and {len(known) - 10} more" if len(known) > 10 else "")
    raise ExportError(
        f"--service-user {service_user!r}: no such Service User in the scenario; it names {len(known)}: {shown}"
    )


def only_family(report: dict[str, Any], service_user: str, scenario: Scenario) -> dict[str, Any]:
    """``report`` cut down to ``service_user``: their care, matching, cover and onboarding parts.

    Invoices and pay are already built for that family alone
    (``build_report(..., service_user=...)``).
    """
    out = dict(report)
    out["service_user"] = service_user
    out["care"] = [c for c in report["care"] if c.service_user == service_user]
    if "one_to_one" in report:
        out["one_to_one"] = tuple(c for c in report["one_to_one"] if c.resident == service_user)
    whose = {s.id: s.service_user for s in scenario.sessions}
    matching = dict(report["matching"])
    matching["cover"] = [d for d in matching["cover"] if whose.get(d.answer.session_id) == service_user]
    suggestions = matching["suggestions"]
    if suggestions is not None:
        answer = suggestions.answer
        mine = tuple(m for m in answer.matches if m.match.service_user == service_user)
        unmatched = tuple(u for u in answer.unmatched if u.service_user == service_user)
        if mine or unmatched:
            first = suggestions.reasons[0]
            summary = attrs.evolve(first, detail=f"suggested as part of the whole matching run ({first.detail})")
            answer = attrs.evolve(answer, matches=mine, unmatched=unmatched, total_fit=sum(m.total for m in mine))
            matching["suggestions"] = attrs.evolve(suggestions, answer=answer, reasons=(summary,))
        else:
            matching["suggestions"] = None
    out["matching"] = matching
    if "onboarding" in report:
        section = report["onboarding"]
        compliance = section.compliance
        compliance = attrs.evolve(
            compliance,
            service_users=tuple(u for u in compliance.service_users if u == service_user),
            findings=tuple(f for f in compliance.findings if f.service_user == service_user),
        )
        forecasts = tuple(f for f in section.forecasts if f.schedule.contract.service_user == service_user)
        out["onboarding"] = attrs.evolve(section, compliance=compliance, forecasts=forecasts)
    return out


def _cell(value: Any, tz: tzinfo) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.astimezone(tz).isoformat()
    if isinstance(value, timedelta):
        return str(hours(value))
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def _write(path: Path, columns: Sequence[str], rows: Iterable[Mapping[str, Any]], tz: tzinfo) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c), tz) for c in columns])


def csv_rows(report: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The rows of each CSV file, as plain dicts keyed by :data:`CSV_COLUMNS`."""
    invoices = [
        {**row, "currency": i.currency, "invoice_total": i.total} for i in report["invoices"] for row in i.rows()
    ]
    # Money columns stay empty when the policy sets no pay rates (the statement's amount is then None).
    pay = [
        {**row, **({} if p.amount is None else {"currency": p.currency, "statement_total": p.amount})}
        for p in report["pay"]
        for row in p.rows()
    ]
    findings: list[dict[str, Any]] = []
    if "onboarding" in report:
        for f in report["onboarding"].compliance.findings:
            findings.append(
                {
                    "service_user": f.service_user,
                    "kind": f.kind.value,
                    "staff": f.staff,
                    "detail": f.detail,
                    "due_by": f.due_by,
                    "overdue_by_hours": f.overdue_by,
                    "rule": f.rule_id,
                }
            )
    only = report.get("service_user")
    existing = report["scenario"].matching.matches
    matches: list[dict[str, Any]] = [
        {"service_user": m.service_user, "status": "existing", "key_worker": m.key_worker, "spare": m.spare}
        for m in existing
        if only in (None, m.service_user)
    ]
    suggestions = report["matching"]["suggestions"]
    if suggestions is not None:
        for row in suggestions.answer.rows():
            status = "unmatched" if row.get("why_unmatched") else "suggested"
            matches.append({**row, "status": status})
    return {"invoices": invoices, "pay": pay, "findings": findings, "matches": matches}


def write_csv(report: dict[str, Any], directory: str) -> list[Path]:
    """Write the four CSV files into ``directory`` (created if needed); returns their paths."""
    where = _directory(directory, "--csv")
    tz = report["policy"].tz
    written = []
    for name, rows in csv_rows(report).items():
        path = where / f"{name}.csv"
        _write(path, CSV_COLUMNS[name], rows, tz)
        written.append(path)
    return written


def _directory(directory: str, option: str) -> Path:
    where = Path(directory)
    try:
        where.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{option} {directory}: cannot create the directory ({exc.strerror or exc})") from None
    return where


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")

_STYLE = (
    "body{font-family:sans-serif;margin:2em;color:#111}table{border-collapse:collapse;width:100%}"
    "th,td{border-bottom:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}"
    "td.amount,th.amount{text-align:right;white-space:nowrap}tr.total td{font-weight:bold;border-top:2px solid #111}"
    "ul.reasons{margin:2px 0 0 1em;padding:0;color:#444;font-size:90%}"
    "@media print{body{margin:0}a{color:inherit}}"
)


def invoice_html(invoice: Invoice, policy: Policy, *, title: str = "") -> str:
    """One family's invoice as a printable HTML page: lines, notable reasons in words, the total."""
    tz = policy.tz

    def money(amount: Decimal) -> str:
        return html_text(format_money(amount, invoice.currency))

    def reasons(line: Any) -> str:
        notes = [plain_words(str(r), tz) for r in line.reasons if r.rule_id not in _ROUTINE]
        if not notes:
            return ""
        return '<ul class="reasons">' + "".join(f"<li>{html_text(n)}</li>" for n in notes) + "</ul>"

    rows = "".join(
        f"<tr><td>{html_text(str(line.day))}</td><td>{html_text(plain_words(line.description, tz))}{reasons(line)}</td>"
        f'<td class="amount">{money(line.amount)}</td></tr>'
        for line in invoice.lines
    )
    total = f'<tr class="total"><td></td><td>Total</td><td class="amount">{money(invoice.total)}</td></tr>'
    not_billed = ""
    if invoice.not_billed:
        items = "".join(
            f"<li>{html_text(str(line.day))} {html_text(plain_words(line.description, tz))}{reasons(line)}</li>"
            for line in invoice.not_billed
        )
        not_billed = f"<h2>Not billed</h2><ul>{items}</ul>"
    heading = f"Invoice for {invoice.service_user}"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html_text(heading)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{html_text(heading)}</h1>"
        + (f"<p>{html_text(title)}</p>" if title else "")
        + f"<p>Period: {html_text(str(invoice.period))}<br>"
        f"Policy: {html_text(policy.name)} (version {html_text(policy.version)})</p>"
        '<table><thead><tr><th>Date</th><th>Description</th><th class="amount">Amount</th></tr></thead>'
        f"<tbody>{rows}{total}</tbody></table>{not_billed}</body></html>\n"
    )


def invoice_file_names(service_users: Iterable[str]) -> dict[str, str]:
    """A safe, distinct file name per Service User id: ``invoice-su-amy.html``."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for su in service_users:
        base = f"invoice-{_UNSAFE.sub('_', su).strip('._') or 'service-user'}"
        name, n = f"{base}.html", 1
        while name.lower() in taken:
            n += 1
            name = f"{base}-{n}.html"
        taken.add(name.lower())
        names[su] = name
    return names


def write_html(report: dict[str, Any], directory: str) -> list[Path]:
    """Write one printable invoice per family into ``directory``; returns their paths."""
    where = _directory(directory, "--html")
    invoices: list[Invoice] = report["invoices"]
    names = invoice_file_names(i.service_user for i in invoices)
    title = report["scenario"].title
    written = []
    for invoice in invoices:
        path = where / names[invoice.service_user]
        path.write_text(invoice_html(invoice, report["policy"], title=title), encoding="utf-8")
        written.append(path)
    return written
