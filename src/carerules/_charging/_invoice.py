"""Invoices for Service Users and pay statements for staff."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, tzinfo
from decimal import Decimal
from typing import Any

import attrs

from carerules._charging._cancellation import cancellation_decision, cancellation_terms, decide_expense
from carerules._charging._model import Cancellation, CancelledBy, Expense, ExpenseAgreement, Session
from carerules._charging._pricing import explain_charge, quote_session
from carerules._display import Tabular, html_table
from carerules._enums import Choice
from carerules._errors import InvalidInput, MissingRate
from carerules._guard import public
from carerules._money import ZERO, format_money, money_sum, round_line
from carerules._policy import Policy
from carerules._rules import Decision, PolicyStamp, Reason
from carerules._time import Period, format_duration


class LineKind(Choice):
    """What an invoice line is for."""

    SESSION = "session"
    LATE_CANCELLATION = "late-cancellation"
    EXPENSE = "expense"
    CANCELLED = "cancelled"
    #: Lines of an invoice under a provider's tariff (``build_tariff_invoice``).
    VISIT = "visit"
    JOURNEY = "journey"
    FEE = "fee"
    SURCHARGE = "surcharge"
    WEEKLY_CAP = "weekly-cap"


@attrs.frozen
class InvoiceLine:
    """One line of an invoice (or of its not-billed list), with its reasons.

    A billed line's ``amount`` is what it adds to the total. A not-billed
    line (``billed`` false) carries what was claimed: an expense's recorded
    amount, rounded once like any line; a session cancelled in time or by
    the provider claims nothing, 0.00.
    """

    kind: LineKind
    ref: str
    day: date
    description: str
    amount: Decimal
    reasons: tuple[Reason, ...]
    billed: bool = True


#: Reasons too routine to print under every line unless asked.
_ROUTINE = frozenset({"charging.hourly-rate", "money.round-line-half-up", "pay.time-worked", "pay.rate"})


def _notes(reasons: Iterable[Reason], explain: bool) -> list[str]:
    return [f"{'':14}- {r}" for r in reasons if explain or r.rule_id not in _ROUTINE]


def _not_billed_total(invoice: Any) -> Decimal:
    return money_sum((line.amount for line in invoice.not_billed), invoice.currency)


def _rows(lines: Iterable[InvoiceLine], billed: bool, **extra: Any) -> list[dict[str, Any]]:
    return [
        {
            **extra,
            "kind": line.kind.value,
            "ref": line.ref,
            "date": line.day,
            "description": line.description,
            "amount": line.amount,
            "billed": billed,
            "rules": " ".join(r.rule_id for r in line.reasons),
        }
        for line in lines
    ]


@attrs.frozen
class Invoice(Tabular):
    """One Service User's invoice for a period.

    ``total`` is the sum of the billed lines, each already rounded once,
    half up, to the currency's minor unit; display never rounds again.
    ``not_billed`` reports what was not charged, and why: expenses with no
    agreement (each with the amount claimed), sessions cancelled in time or
    by the provider (0.00); ``not_billed_total`` is the exact sum of those
    lines, never part of ``total``.
    """

    service_user: str
    period: Period
    currency: str
    lines: tuple[InvoiceLine, ...]
    not_billed: tuple[InvoiceLine, ...]
    total: Decimal
    #: The sum of the not-billed lines' amounts (what was claimed but not billed).
    not_billed_total: Decimal = attrs.field(default=attrs.Factory(_not_billed_total, takes_self=True), kw_only=True)
    #: The policy that produced it (id and version).
    policy: PolicyStamp | None = attrs.field(default=None, kw_only=True)

    def rows(self) -> list[dict[str, Any]]:
        """Every line as a plain dict, ready for ``pandas.DataFrame(rows)``."""
        return _rows(self.lines, True, service_user=self.service_user) + _rows(
            self.not_billed, False, service_user=self.service_user
        )

    def render(self, *, explain: bool = False) -> str:
        """The invoice as a readable text table.

        Under each line go the reasons worth a reader's attention (minimum,
        bank holiday, clock change, cancellation, expenses); ``explain``
        shows every reason.
        """
        out = [f"Invoice for {self.service_user}, {self.period}"]
        for line in self.lines:
            out.append(f"  {line.day}  {line.description:<58} {format_money(line.amount, self.currency):>10}")
            out.extend(_notes(line.reasons, explain))
        out.append(f"  {'Total':<70} {format_money(self.total, self.currency):>10}")
        for line in self.not_billed:
            out.append(f"  not billed: {line.day}  {line.description}")
            out.extend(_notes(line.reasons, explain))
        if self.not_billed_total:
            out.append(
                f"  {'Not billed (not in the total)':<70} {format_money(self.not_billed_total, self.currency):>10}"
            )
        return "\n".join(out)

    def _repr_html_(self) -> str:
        return html_table(self.rows(), caption=type(self).__name__, footer=_footer(self))


def _footer(invoice: Any) -> list[dict[str, Any]]:
    """The HTML table's total row (and the not-billed total when it is not zero), in the amount column."""
    rows: list[dict[str, Any]] = [{"description": "Total", "amount": invoice.total, "billed": True}]
    if invoice.not_billed_total:
        rows.append(
            {"description": "Not billed (not in the total)", "amount": invoice.not_billed_total, "billed": False}
        )
    return rows


def _index_sessions(sessions: Iterable[Session]) -> dict[str, Session]:
    index: dict[str, Session] = {}
    for s in sessions:
        if s.id in index:
            raise InvalidInput("sessions", s.id, "session ids that are unique", at=(s, "id"))
        index[s.id] = s
    return index


def _index_cancellations(
    cancellations: Iterable[Cancellation], sessions: dict[str, Session]
) -> dict[str, Cancellation]:
    index: dict[str, Cancellation] = {}
    for c in cancellations:
        if c.session_id not in sessions:
            raise InvalidInput(
                "cancellation.session_id", c.session_id, "the id of a listed session", at=(c, "session_id")
            )
        if c.session_id in index:
            raise InvalidInput(
                "cancellations", c.session_id, "at most one cancellation per session", at=(c, "session_id")
            )
        index[c.session_id] = c
    return index


def _selected(
    sessions: Iterable[Session],
    cancellations: Iterable[Cancellation],
    period: Period,
    policy: Policy,
    keep: Callable[[Session], bool],
) -> Iterator[tuple[Session, date, Cancellation | None]]:
    """Sessions ``keep`` accepts whose local start date is in ``period``, in time order."""
    index = _index_sessions(sessions)
    cancelled = _index_cancellations(cancellations, index)
    tz = policy.tz
    for session in sorted(index.values(), key=lambda s: (s.start, s.id)):
        day = session.start.astimezone(tz).date()
        if keep(session) and day in period:
            yield session, day, cancelled.get(session.id)


def _when(session: Session, policy: Policy, tz: tzinfo | None = None) -> str:
    """``10:00-12:00 day``: local start and end times (in ``tz``, the policy's zone when not given) and kind.

    A time in the hour the clocks show twice carries its zone's abbreviation
    (``01:30 BST``, ``01:30 GMT``), so the two are never the same text.
    """
    tz = tz or policy.tz
    return f"{_clock(session.start, tz)}-{_clock(session.end, tz)} {session.kind.value}"


def _clock(instant: datetime, tz: tzinfo) -> str:
    """``instant``'s local ``HH:MM``, with the abbreviation (``BST``) when that wall time happens twice that day."""
    local = instant.astimezone(tz)
    if local.replace(fold=1 - local.fold).utcoffset() == local.utcoffset():
        return f"{local:%H:%M}"
    return f"{local:%H:%M} {local:%Z}"


#: Called for a line a forecast cannot price: the session, its local date, the line's kind and
#: description, the reasons that apply without a rate (a late cancellation's), and the error.
OnMissing = Callable[[Session, date, LineKind, str, tuple[Reason, ...], MissingRate], None]


def invoice_lines(
    service_user: str,
    period: Period,
    policy: Policy,
    *,
    sessions: Iterable[Session],
    cancellations: Iterable[Cancellation],
    expenses: Iterable[Expense],
    agreements: Iterable[ExpenseAgreement],
    on_missing: OnMissing | None = None,
) -> tuple[list[InvoiceLine], list[InvoiceLine]]:
    """An invoice's billed and not-billed lines, in order.

    Without ``on_missing`` a line that needs a rate the policy lacks raises
    :class:`~carerules.MissingRate` (an invoice must be complete); with it,
    the line is handed to ``on_missing`` and left out of both lists.
    """
    mine = _selected(sessions, cancellations, period, policy, lambda s: s.service_user == service_user)
    costs = [
        e
        for e in sorted(expenses, key=lambda e: (e.incurred_on, e.id))
        if e.service_user == service_user and e.incurred_on in period
    ]
    return family_lines(mine, costs, agreements, policy, on_missing)


def family_lines(
    selected: Iterable[tuple[Session, date, Cancellation | None]],
    expenses: Iterable[Expense],
    agreements: Iterable[ExpenseAgreement],
    policy: Policy,
    on_missing: OnMissing | None = None,
) -> tuple[list[InvoiceLine], list[InvoiceLine]]:
    """One family's lines from its sessions already selected (in time order) and its expenses (in order)."""
    agreements = tuple(agreements)
    lines: list[InvoiceLine] = []
    not_billed: list[InvoiceLine] = []
    tz = policy.tz
    for session, day, cancellation in selected:
        when = _when(session, policy, tz)
        if cancellation is None:
            try:
                charge = quote_session(session, policy)
            except MissingRate as exc:
                if on_missing is None:
                    raise
                on_missing(session, day, LineKind.SESSION, f"{when}, {format_duration(session.duration)}", (), exc)
                continue
            desc = f"{when}, {format_duration(charge.charged)}"
            reasons = explain_charge(session, charge, policy)
            lines.append(InvoiceLine(LineKind.SESSION, session.id, day, desc, charge.amount, reasons))
            continue
        try:
            decision = cancellation_decision(session, cancellation, policy, pay_money=False)
        except MissingRate as exc:
            if on_missing is None:
                raise
            terms = cancellation_terms(session, cancellation, policy)
            first = terms.reasons if isinstance(terms, Decision) else (terms[1],)
            desc = f"{when}, cancelled late ({format_duration(session.duration)})"
            on_missing(session, day, LineKind.LATE_CANCELLATION, desc, first, exc)
            continue
        outcome = decision.answer
        if outcome.charge is not None:
            desc = f"{when}, cancelled late ({format_duration(outcome.charge.charged)})"
            lines.append(
                InvoiceLine(LineKind.LATE_CANCELLATION, session.id, day, desc, outcome.charge.amount, decision.reasons)
            )
        else:
            who = "by the provider" if cancellation.cancelled_by is CancelledBy.PROVIDER else "in time"
            desc = f"{when}, cancelled {who}"
            not_billed.append(
                InvoiceLine(LineKind.CANCELLED, session.id, day, desc, ZERO, decision.reasons, billed=False)
            )
    for expense in expenses:
        verdict = decide_expense(expense, agreements, policy=policy)
        desc = f"{expense.category} expense {expense.id} ({format_money(expense.amount, policy.currency)})"
        if verdict.answer.billed:
            lines.append(
                InvoiceLine(
                    LineKind.EXPENSE, expense.id, expense.incurred_on, desc, verdict.answer.amount, verdict.reasons
                )
            )
        else:
            claimed = round_line(expense.amount, policy.currency)
            not_billed.append(
                InvoiceLine(LineKind.EXPENSE, expense.id, expense.incurred_on, desc, claimed, verdict.reasons, False)
            )
    return lines, not_billed


@public
def build_invoice(
    service_user: str,
    period: Period,
    policy: Policy,
    *,
    sessions: Iterable[Session],
    cancellations: Iterable[Cancellation] = (),
    expenses: Iterable[Expense] = (),
    agreements: Iterable[ExpenseAgreement] = (),
) -> Invoice:
    """The invoice for ``service_user`` over ``period`` (local start dates).

    Sessions of other Service Users are ignored, so a whole organisation's
    lists may be passed. An invoice is complete or not at all: raises
    :class:`~carerules.MissingRate` when a needed rate is absent (see
    :func:`~carerules.build_forecast` for every line that can be priced),
    and :class:`~carerules.InvalidInput` for duplicate session ids or
    cancellations of unknown sessions.
    """
    lines, not_billed = invoice_lines(
        service_user,
        period,
        policy,
        sessions=sessions,
        cancellations=cancellations,
        expenses=expenses,
        agreements=agreements,
    )
    total = money_sum((line.amount for line in lines), policy.currency)
    return Invoice(service_user, period, policy.currency, tuple(lines), tuple(not_billed), total)
