"""An invoice under a provider's tariff: visits, journeys, expenses, fees, a surcharge, weekly caps and VAT.

Every line is priced by the tariff functions (``price_visit``,
``price_journey``, ``price_expense``, ``charge_fee``, ``payment_surcharge``,
``weekly_charge``, ``add_vat``) and keeps their reasons; each is rounded
once, and every total is the exact sum of its rounded lines. The period,
issue and due dates come from the tariff's billing cycle
(``invoice_period``), the number from the caller.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import attrs

from carerules._charging._cancellation import decide_expense
from carerules._charging._invoice import InvoiceLine, LineKind, _notes
from carerules._charging._model import Expense, ExpenseAgreement
from carerules._display import Tabular, html_table
from carerules._guard import public
from carerules._money import MONEY_CONTEXT, format_money, money_sum, round_line
from carerules._policy import Policy
from carerules._rules import PolicyStamp, Reason
from carerules._tariff._billing import VatLine, VatTotal, add_vat, invoice_period, payment_surcharge, weekly_charge
from carerules._tariff._extras import ExpenseClaim, Journey, charge_fee, price_expense, price_journey
from carerules._tariff._price import price_visit
from carerules._tariff._visit import Visit
from carerules._time import Period, format_duration

_ZERO = Decimal(0)


@attrs.frozen
class TariffInvoice(Tabular):
    """One Service User's numbered invoice under a provider's tariff, for one billing period.

    ``lines`` are the billed lines, each rounded once (a weekly-cap line is
    negative: what the weekly maximum or the lesser-of rule takes off that
    week's visits); ``vat_lines`` give each line's VAT, in the same order.
    ``net`` is the sum of the lines, ``vat`` of their VAT, ``total`` the two
    together. ``not_billed`` lists what was claimed and not billed (an
    expense with no agreement, not approved, refused or over its cap), each
    with the amount claimed and not billed; ``not_billed_total`` is their sum.
    ``reasons`` are the invoice's own (its period, VAT, surcharges, caps);
    ``missing`` what was not known (an approval, an assessed contribution).
    """

    service_user: str
    number: str
    period: Period
    issued_on: date
    due_on: date
    currency: str
    lines: tuple[InvoiceLine, ...]
    vat_lines: tuple[VatLine, ...]
    not_billed: tuple[InvoiceLine, ...]
    net: Decimal
    vat: Decimal
    total: Decimal
    not_billed_total: Decimal
    vat_rate: Decimal | None
    reasons: tuple[Reason, ...]
    missing: tuple[str, ...] = ()
    #: The policy that produced it (id and version).
    policy: PolicyStamp | None = attrs.field(default=None, kw_only=True)

    def rows(self) -> list[dict[str, Any]]:
        """Every line as a plain dict (billed lines with their VAT), ready for ``pandas.DataFrame(rows)``."""
        out: list[dict[str, Any]] = []
        billed = [(line, v.vat) for line, v in zip(self.lines, self.vat_lines, strict=True)]
        for line, vat in [*billed, *((line, None) for line in self.not_billed)]:
            out.append(
                {
                    "invoice": self.number,
                    "service_user": self.service_user,
                    "kind": line.kind.value,
                    "ref": line.ref,
                    "date": line.day,
                    "description": line.description,
                    "amount": line.amount,
                    "vat": vat,
                    "billed": line.billed,
                    "rules": " ".join(r.rule_id for r in line.reasons),
                }
            )
        return out

    def render(self, *, explain: bool = False) -> str:
        """The invoice as a readable text table, the notable reasons under each line (``explain``: every one)."""
        cur = self.currency
        out = [
            f"Invoice {self.number} for {self.service_user}, {self.period} (issued {self.issued_on}, due {self.due_on})"
        ]
        for line in self.lines:
            out.append(f"  {line.day}  {line.description:<58} {_money(line.amount, cur):>10}")
            out.extend(_notes(line.reasons, explain))
        if self.vat or self.vat_rate is not None:
            out.append(f"  {'Net':<70} {format_money(self.net, cur):>10}")
            out.append(f"  {'VAT':<70} {format_money(self.vat, cur):>10}")
        out.append(f"  {'Total':<70} {format_money(self.total, cur):>10}")
        for line in self.not_billed:
            out.append(f"  not billed: {line.day}  {line.description:<46} {format_money(line.amount, cur):>10}")
            out.extend(_notes(line.reasons, explain))
        if self.not_billed_total:
            out.append(f"  {'Not billed (not in the total)':<70} {format_money(self.not_billed_total, cur):>10}")
        out.extend(f"  - {r}" for r in self.reasons)
        out.extend(f"  missing: {m}" for m in self.missing)
        return "\n".join(out)

    def _repr_html_(self) -> str:
        foot: list[dict[str, Any]] = [
            {"description": "Net", "amount": self.net},
            {"description": "VAT", "amount": self.vat},
            {"description": "Total", "amount": self.total, "billed": True},
        ]
        if self.not_billed_total:
            foot.append({"description": "Not billed (not in the total)", "amount": self.not_billed_total})
        return html_table(self.rows(), caption=type(self).__name__, footer=foot)


def _money(amount: Decimal, currency: str) -> str:
    """``format_money`` with the sign before the currency: -£48.72."""
    return f"-{format_money(-amount, currency)}" if amount < 0 else format_money(amount, currency)


def _visit_line(visit: Visit, day: date, policy: Policy) -> InvoiceLine:
    decision = price_visit(visit, policy)
    price = decision.answer
    tz = policy.tz
    when = f"{visit.start.astimezone(tz):%H:%M}-{visit.end.astimezone(tz):%H:%M}"
    desc = f"{when} {visit.service or 'visit'}, {format_duration(price.charged)}"
    return InvoiceLine(LineKind.VISIT, visit.id, day, desc, price.amount, decision.reasons)


def _expense_lines(
    expense: Expense, agreements: tuple[ExpenseAgreement, ...], approved: frozenset[str], policy: Policy
) -> tuple[InvoiceLine | None, InvoiceLine | None, tuple[str, ...]]:
    """The billed line (if any), the not-billed line (if any) and what is missing, for one expense."""
    cur = policy.currency
    claimed = round_line(expense.amount, cur)
    desc = f"{expense.category} expense {expense.id} ({format_money(expense.amount, cur)})"
    day = expense.incurred_on
    agreed = decide_expense(expense, agreements, policy=policy)
    if not agreed.answer.billed:
        return (
            None,
            InvoiceLine(LineKind.EXPENSE, expense.id, day, desc, claimed, agreed.reasons, False),
            agreed.missing,
        )
    claim = ExpenseClaim(expense.category, expense.amount, day, expense.id in approved, expense.id)
    capped = price_expense(claim, policy)
    reasons = (*agreed.reasons, *capped.reasons)
    billed = capped.answer.amount if capped.answer.billed else _ZERO
    left = MONEY_CONTEXT.subtract(claimed, billed)
    line = InvoiceLine(LineKind.EXPENSE, expense.id, day, desc, billed, reasons) if capped.answer.billed else None
    rest = None
    if left > 0:
        what = desc if line is None else f"{desc}, the part over the cap"
        rest = InvoiceLine(LineKind.EXPENSE, expense.id, day, what, round_line(left, cur), capped.reasons, False)
    return line, rest, capped.missing


def _weekly_caps(
    visits: list[InvoiceLine], period: Period, policy: Policy, assessed: Decimal | None
) -> tuple[list[InvoiceLine], list[Reason], tuple[str, ...]]:
    """A negative line for each week (7 days from the period's start) the weekly maximum or lesser-of reduces."""
    cur = policy.currency
    weeks: dict[date, list[Decimal]] = {}
    for line in visits:
        start = period.first + timedelta(days=7 * ((line.day - period.first).days // 7))
        weeks.setdefault(start, []).append(line.amount)
    lines: list[InvoiceLine] = []
    reasons: list[Reason] = []
    missing: list[str] = []
    for start, amounts in sorted(weeks.items()):
        cost = money_sum(amounts, cur)
        decision = weekly_charge(cost, policy, start, assessed=assessed)
        missing.extend(m for m in decision.missing if m not in missing)
        cut = MONEY_CONTEXT.subtract(decision.answer.charged, cost)
        end = min(start + timedelta(days=6), period.last)
        if cut < 0:
            desc = f"week {start} to {end}: visits {format_money(cost, cur)}, charged {format_money(cost + cut, cur)}"
            lines.append(InvoiceLine(LineKind.WEEKLY_CAP, f"week-{start}", start, desc, cut, decision.reasons))
        else:
            reasons.extend(decision.reasons)
    return lines, reasons, tuple(missing)


def _vat(lines: list[InvoiceLine], policy: Policy, on: date) -> tuple[VatTotal, list[Reason]]:
    """Each line's VAT, rounded once; a negative (weekly-cap) line's VAT is the VAT on what it takes off, negated."""
    cur = policy.currency
    plus = add_vat([line.amount for line in lines if line.amount >= 0], policy, on)
    reasons = list(plus.reasons)
    minus_amounts = [-line.amount for line in lines if line.amount < 0]
    minus = add_vat(minus_amounts, policy, on) if minus_amounts else None
    if minus is not None and plus.answer.rate is not None:
        reasons.extend(attrs.evolve(r, detail=f"taken off with the weekly caps: {r.detail}") for r in minus.reasons)
    elif minus is not None:
        off = money_sum(minus_amounts, cur)
        reasons = [
            attrs.evolve(r, detail=f"{r.detail}, less {format_money(off, cur)} taken off by the weekly caps")
            for r in reasons
        ]
    ups, downs = iter(plus.answer.lines), iter(minus.answer.lines if minus else ())
    out: list[VatLine] = []
    for line in lines:
        if line.amount >= 0:
            out.append(next(ups))
        else:
            v = next(downs)
            out.append(VatLine(-v.net, -v.vat, -v.gross))
    total = VatTotal(
        tuple(out),
        money_sum((v.net for v in out), cur),
        money_sum((v.vat for v in out), cur),
        money_sum((v.gross for v in out), cur),
        plus.answer.rate,
        cur,
    )
    return total, reasons


@public
def build_tariff_invoice(
    service_user: str,
    number: str,
    start: date,
    policy: Policy,
    *,
    visits: Iterable[Visit] = (),
    journeys: Iterable[tuple[date, Journey]] = (),
    expenses: Iterable[Expense] = (),
    agreements: Iterable[ExpenseAgreement] = (),
    approved: Iterable[str] = (),
    fees: Iterable[str] = (),
    payment_method: str | None = None,
    assessed: Decimal | None = None,
) -> TariffInvoice:
    """Invoice ``number`` (the caller's) for ``service_user``'s billing period starting ``start``, under the tariff.

    The period, issue and due dates follow the tariff's billing cycle
    (``tariff.invoice-period``). Billed, in order: ``visits`` (this Service
    User's; those starting, local date, in the period) priced by the rate
    grid; ``journeys`` (each with the date it was made) for mileage and
    travel time (a journey the tariff has nothing to say about, with no
    purpose and no travel-time terms, adds no line); ``expenses`` agreed
    for the case (``agreements``) and then held to the tariff's cap per
    occasion, those needing approval only when
    their id is in ``approved``; one-off ``fees`` by name (priced on the
    period's first date); the surcharge for ``payment_method``. Then, for
    each week from the period's start, the weekly maximum and the lesser-of
    rule (with the weekly ``assessed`` contribution) cap that week's visits,
    as a negative line; travel, expenses, fees and surcharges are outside the
    cap. Last, VAT per line, rounded once, or none when exempt.

    Raises :class:`~carerules.MissingParameter` when the tariff has no
    billing section (or no travel terms for a journey), and
    :class:`~carerules.InvalidInput` for a blank number, a journey purpose or
    fee the tariff does not know, or ``assessed`` without a lesser-of rule.
    """
    cycle = invoice_period(number, start, policy)
    when = cycle.answer
    period = Period(when.start, when.end)
    if assessed is not None:
        weekly_charge(_ZERO, policy, period.first, assessed=assessed)  # refuses it without a lesser-of rule
    cur = policy.currency
    tz = policy.tz
    reasons: list[Reason] = list(cycle.reasons)
    missing: list[str] = []
    dated = ((v.start.astimezone(tz).date(), v) for v in sorted(visits, key=lambda v: (v.start, v.id)))
    visit_lines = [_visit_line(v, day, policy) for day, v in dated if day in period]
    lines: list[InvoiceLine] = list(visit_lines)
    for i, (day, journey) in enumerate(sorted(journeys, key=lambda t: t[0])):
        if day not in period:
            continue
        decision = price_journey(journey, policy, day)
        if not decision.reasons:
            continue  # no mileage purpose and no travel-time terms: the tariff charges nothing and says nothing
        ref = journey.id or f"journey-{i + 1}"
        what = f"journey {ref}: {format(journey.distance.normalize(), 'f')}, {journey.purpose or 'travel time'}"
        lines.append(InvoiceLine(LineKind.JOURNEY, ref, day, what, decision.answer.amount, decision.reasons))
    not_billed: list[InvoiceLine] = []
    agreed = tuple(a for a in agreements if a.service_user == service_user)
    ok = frozenset(approved)
    for expense in sorted(expenses, key=lambda e: (e.incurred_on, e.id)):
        if expense.service_user != service_user or expense.incurred_on not in period:
            continue
        line, rest, wanting = _expense_lines(expense, agreed, ok, policy)
        lines.extend(x for x in (line,) if x is not None)
        not_billed.extend(x for x in (rest,) if x is not None)
        missing.extend(m for m in wanting if m not in missing)
    for name in fees:
        decision = charge_fee(name, policy, period.first)
        fee = decision.answer
        lines.append(
            InvoiceLine(LineKind.FEE, fee.what, period.first, f"fee: {fee.what}", fee.amount, decision.reasons)
        )
    if payment_method is not None:
        decision = payment_surcharge(payment_method, policy, when.issued_on)
        if decision.answer.billed:
            charge = decision.answer
            lines.append(
                InvoiceLine(
                    LineKind.SURCHARGE, payment_method, when.issued_on, charge.what, charge.amount, decision.reasons
                )
            )
        else:
            reasons.extend(decision.reasons)
    caps, cap_reasons, cap_missing = _weekly_caps(visit_lines, period, policy, assessed)
    lines.extend(caps)
    reasons.extend(cap_reasons)
    missing.extend(m for m in cap_missing if m not in missing)
    vat, vat_reasons = _vat(lines, policy, period.first)
    reasons.extend(vat_reasons)
    net = money_sum((line.amount for line in lines), cur)
    return TariffInvoice(
        service_user,
        number,
        period,
        when.issued_on,
        when.due_on,
        cur,
        tuple(lines),
        vat.lines,
        tuple(not_billed),
        net,
        vat.vat,
        MONEY_CONTEXT.add(net, vat.vat),
        money_sum((line.amount for line in not_billed), cur),
        vat.rate,
        tuple(reasons),
        tuple(missing),
    )
