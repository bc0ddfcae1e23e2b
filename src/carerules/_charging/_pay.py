"""Pay statements for staff: paid time and flat shifts over a period."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import attrs

from carerules._charging._cancellation import cancellation_terms
from carerules._charging._invoice import _notes, _selected, _when
from carerules._charging._model import Cancellation, Session
from carerules._charging._pricing import pay_from_charge, quote_session
from carerules._display import Tabular, html_table
from carerules._guard import public
from carerules._money import format_money, money_sum
from carerules._policy import Policy
from carerules._rules import Decision, PolicyStamp, Reason
from carerules._time import Period, format_duration, hours


@attrs.frozen
class PayLine:
    """What a staff member is paid for one session (worked or cancelled late)."""

    session_id: str
    day: date
    description: str
    worked: timedelta
    paid: timedelta
    shifts: int
    reasons: tuple[Reason, ...]
    #: The money paid, rounded once, under a policy with pay rates; ``None`` when the policy states no pay.
    amount: Decimal | None = attrs.field(default=None, kw_only=True)

    @property
    def hours_paid(self) -> Decimal:
        """:attr:`paid` in hours, as a decimal (exact whenever the hours have a finite decimal)."""
        return hours(self.paid)


@attrs.frozen
class PayStatement(Tabular):
    """A staff member's pay over a period: hours and flat shifts, and money where the policy sets pay rates.

    ``amount`` is the sum of the lines' rounded amounts (``None`` when the
    policy has no ``pay_rates``), in ``currency``.
    """

    staff: str
    period: Period
    lines: tuple[PayLine, ...]
    paid: timedelta
    shifts: int
    #: The money paid over the period, the sum of the rounded lines; ``None`` when the policy states no pay.
    amount: Decimal | None = attrs.field(default=None, kw_only=True)
    currency: str = attrs.field(default="GBP", kw_only=True)
    #: The policy that produced it (id and version).
    policy: PolicyStamp | None = attrs.field(default=None, kw_only=True)

    @property
    def hours_paid(self) -> Decimal:
        """:attr:`paid` in hours, as a decimal (exact whenever the hours have a finite decimal)."""
        return hours(self.paid)

    def rows(self) -> list[dict[str, Any]]:
        """Every line as a plain dict."""
        return [
            {
                "staff": self.staff,
                "session": line.session_id,
                "date": line.day,
                "description": line.description,
                "hours_worked": hours(line.worked),
                "hours_paid": hours(line.paid),
                "shifts": line.shifts,
                **({} if self.amount is None else {"amount": line.amount}),
                "rules": " ".join(r.rule_id for r in line.reasons),
            }
            for line in self.lines
        ]

    def _repr_html_(self) -> str:
        total: dict[str, Any] = {"description": "Total", "hours_paid": self.hours_paid, "shifts": self.shifts}
        if self.amount is not None:
            total["amount"] = self.amount
        return html_table(self.rows(), caption=type(self).__name__, footer=[total])

    def render(self, *, explain: bool = False) -> str:
        """The statement as a readable text table (notable reasons under each line)."""
        out = [f"Pay for {self.staff}, {self.period}"]
        for line in self.lines:
            paid = f"{line.shifts} shift" if line.shifts else format_duration(line.paid)
            money = "" if line.amount is None else f" {format_money(line.amount, self.currency):>10}"
            out.append(f"  {line.day}  {line.description:<58} {paid:>12}{money}")
            out.extend(_notes(line.reasons, explain))
        total = f"  {'Total':<70} {format_duration(self.paid):>12}"
        shifts = f" + {self.shifts} shift(s)" if self.shifts else ""
        if self.amount is not None:
            total += f" {format_money(self.amount, self.currency):>10}"
            shifts = f"  (with {self.shifts} shift(s))" if self.shifts else ""
        out.append(total + shifts)
        return "\n".join(out)


@public
def build_pay_statement(
    staff: str,
    period: Period,
    policy: Policy,
    *,
    sessions: Iterable[Session],
    cancellations: Iterable[Cancellation] = (),
) -> PayStatement:
    """What ``staff`` is paid for sessions starting in ``period``.

    Late family cancellations and no-shows are paid as booked; sessions
    cancelled in time or by the provider are not paid. Under a policy with
    ``pay_rates`` every line carries its money (``pay.rate``) and the
    statement its total; a missing pay rate raises
    :class:`~carerules.MissingRate` (``parameter == "pay_rates"``).
    """
    lines: list[PayLine] = []
    for session, day, cancellation in _selected(sessions, cancellations, period, policy, lambda s: s.staff == staff):
        when = _when(session, policy)
        if cancellation is None:
            charge = quote_session(session, policy)
            pay = pay_from_charge(session, charge, policy)
            desc = f"{session.service_user} {when}"
        else:
            terms = cancellation_terms(session, cancellation, policy)
            if isinstance(terms, Decision):
                continue  # cancelled in time or by the provider: not paid
            pay = pay_from_charge(session, quote_session(session, policy), policy)
            desc = f"{session.service_user} {when}, cancelled late"
            pay = attrs.evolve(pay, reasons=(terms[1], *pay.reasons))
        p = pay.answer
        lines.append(PayLine(session.id, day, desc, p.worked, p.paid, p.shifts, pay.reasons, amount=p.amount))
    paid = sum((line.paid for line in lines if not line.shifts), timedelta(0))
    shifts = sum(line.shifts for line in lines)
    currency = policy.currency
    amount = money_sum((line.amount or Decimal(0) for line in lines), currency) if policy.pays_money else None
    return PayStatement(staff, period, tuple(lines), paid, shifts, amount=amount, currency=currency)
