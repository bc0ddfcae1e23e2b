"""The billing cycle and caps under a tariff: invoice periods, payment surcharges, VAT, a weekly maximum, lesser-of.

Invoice numbers are the caller's; the library only carries them. VAT is
computed per line and rounded once per line, half up; a total is the exact
sum of its rounded lines.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

import attrs

from carerules._errors import InvalidInput, MissingParameter
from carerules._guard import public
from carerules._money import MONEY_CONTEXT, ZERO, format_money, money_sum, round_line
from carerules._policy._model import Policy
from carerules._rules import Decision, Reason
from carerules._tariff import _rules as R
from carerules._tariff._extras import ExtraCharge
from carerules._tariff._grid import tariff_on
from carerules._tariff._terms import Billing, BillingPeriod, Timing


@attrs.frozen
class InvoicePeriod:
    """One invoice's period (``start`` to ``end``, both inclusive), its issue and due dates, and its number."""

    number: str
    start: date
    end: date
    issued_on: date
    due_on: date


@attrs.frozen
class VatLine:
    """A line's net amount, its VAT (rounded once) and the gross."""

    net: Decimal
    vat: Decimal
    gross: Decimal


@attrs.frozen
class VatTotal:
    """Lines with VAT, and the exact sums of their rounded parts."""

    lines: tuple[VatLine, ...]
    net: Decimal
    vat: Decimal
    gross: Decimal
    rate: Decimal | None
    currency: str = "GBP"


@attrs.frozen
class CappedCharge:
    """A week's cost of care and what is charged for it after the weekly maximum and the lesser-of rule."""

    cost: Decimal
    charged: Decimal
    cap: Decimal | None
    assessed: Decimal | None
    currency: str = "GBP"


def _billing(policy: Policy, on: date) -> Billing:
    tariff = tariff_on(policy, on)
    if tariff.billing is None:
        raise MissingParameter(policy.id, "tariff.billing", on, "add a billing section to the tariff")
    return tariff.billing


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def period_end(start: date, period: BillingPeriod) -> date:
    """The last date of the invoice period that starts on ``start``."""
    if period is BillingPeriod.MONTHLY:
        return _add_months(start, 1) - timedelta(days=1)
    days = {BillingPeriod.WEEKLY: 7, BillingPeriod.TWO_WEEKLY: 14, BillingPeriod.FOUR_WEEKLY: 28}[period]
    return start + timedelta(days=days - 1)


@public
def invoice_period(number: str, start: date, policy: Policy) -> Decision[InvoicePeriod]:
    """The invoice numbered ``number`` (the caller's) for the period starting ``start``: its end, issue and due dates.

    In advance, the invoice is issued on the period's first date; in arrears,
    the day after its last. It is due the tariff's ``due_days`` after issue.
    """
    if not number.strip():
        raise InvalidInput("number", number, "the invoice number the caller gives (not blank)")
    terms = _billing(policy, start)
    end = period_end(start, terms.period)
    issued = start if terms.timing is Timing.ADVANCE else end + timedelta(days=1)
    due = issued + timedelta(days=terms.due_days)
    when = "in advance, issued on its first day" if terms.timing is Timing.ADVANCE else "in arrears, issued after it"
    reason = R.INVOICE_PERIOD.because(
        f"invoice {number}: {terms.period.value} from {start} to {end}, {when} ({issued}), "
        f"due {due} ({terms.due_days} days)"
    )
    return Decision(InvoicePeriod(number, start, end, issued, due), (reason,))


@public
def payment_surcharge(method: str, policy: Policy, on: date) -> Decision[ExtraCharge]:
    """The surcharge an invoice issued ``on`` carries when paid by ``method`` (zero when none applies)."""
    if not method.strip():
        raise InvalidInput("method", method, "a payment method name, such as 'direct-debit'")
    terms = _billing(policy, on)
    cur = policy.currency
    applied = [s for s in terms.surcharges if s.applies(method)]
    why: list[Reason] = []
    for s in applied:
        why.append(R.SURCHARGE.because(f"paid by {method}: {s.name} {format_money(s.amount, cur)}, once per invoice"))
    if not applied:
        others = "; ".join(
            f"{s.name} {format_money(s.amount, cur)} "
            + (f"for {', '.join(sorted(s.methods))}" if s.methods else f"unless {', '.join(sorted(s.except_methods))}")
            for s in terms.surcharges
        )
        why.append(
            R.SURCHARGE.because(
                f"paid by {method}: no surcharge", would_change=f"the tariff surcharges: {others}" if others else None
            )
        )
    amount = money_sum((round_line(s.amount, cur) for s in applied), cur)
    return Decision(ExtraCharge(f"payment by {method}", amount, bool(applied), cur), why)


@public
def add_vat(lines: Iterable[Decimal], policy: Policy, on: date) -> Decision[VatTotal]:
    """``lines`` (net amounts) with the tariff's VAT: none when exempt, else each line's VAT rounded once."""
    terms = _billing(policy, on)
    cur = policy.currency
    out: list[VatLine] = []
    for i, amount in enumerate(lines):
        if not isinstance(amount, Decimal) or not amount.is_finite() or amount < 0:
            raise InvalidInput(f"lines[{i}]", amount, 'a Decimal of zero or more, such as Decimal("18.50")')
        net = round_line(amount, cur)
        vat = ZERO if terms.vat is None else round_line(MONEY_CONTEXT.multiply(net, terms.vat), cur)
        out.append(VatLine(net, vat, MONEY_CONTEXT.add(net, vat)))
    net_total = money_sum((v.net for v in out), cur)
    vat_total = money_sum((v.vat for v in out), cur)
    gross = money_sum((v.gross for v in out), cur)
    if terms.vat is None:
        reason = R.VAT.because(f"VAT exempt: no VAT on {len(out)} lines ({format_money(net_total, cur)})")
    else:
        pct = format(MONEY_CONTEXT.multiply(terms.vat, Decimal(100)).normalize(), "f")
        reason = R.VAT.because(
            f"VAT at {pct}% on {len(out)} lines, rounded once per line: {format_money(vat_total, cur)} on "
            f"{format_money(net_total, cur)}, {format_money(gross, cur)} in all"
        )
    return Decision(VatTotal(tuple(out), net_total, vat_total, gross, terms.vat, cur), (reason,))


@public
def weekly_charge(
    cost: Decimal, policy: Policy, week_start: date, *, assessed: Decimal | None = None
) -> Decision[CappedCharge]:
    """What is charged for a week whose cost of care is ``cost``: at most the weekly maximum, and, under the
    lesser-of rule, at most the ``assessed`` contribution (``missing`` says so when it is not given).
    """
    for name, value in (("cost", cost), ("assessed", assessed)):
        if value is not None and (not isinstance(value, Decimal) or not value.is_finite() or value < 0):
            raise InvalidInput(name, value, 'a Decimal of zero or more, such as Decimal("2500.00")')
    terms = _billing(policy, week_start)
    cur = policy.currency
    why: list[Reason] = []
    missing: tuple[str, ...] = ()
    cap = terms.weekly_cap
    charged = cost
    if cap is not None:
        if cost > cap:
            why.append(
                R.WEEKLY_CAP.because(
                    f"cost {format_money(cost, cur)} over the weekly maximum {format_money(cap, cur)}: "
                    f"{format_money(cap, cur)} charged"
                )
            )
            charged = cap
        else:
            why.append(
                R.WEEKLY_CAP.because(
                    f"cost {format_money(cost, cur)} within the weekly maximum {format_money(cap, cur)}",
                    would_change=f"a cost over {format_money(cap, cur)} would be charged {format_money(cap, cur)}",
                )
            )
    if terms.lesser_of:
        if assessed is None:
            missing = ("the client's assessed contribution (the lesser-of rule)",)
            why.append(R.LESSER_OF.because("no assessed contribution given: the cost, capped, is charged"))
        else:
            terms_shown = [f"cost {format_money(cost, cur)}", f"assessed contribution {format_money(assessed, cur)}"]
            if cap is not None:
                terms_shown.append(f"the weekly maximum {format_money(cap, cur)}")
            charged = min(charged, assessed)
            why.append(
                R.LESSER_OF.because(
                    f"the least of {', '.join(terms_shown[:-1])} and {terms_shown[-1]}: {format_money(charged, cur)}"
                )
            )
    elif assessed is not None:
        raise InvalidInput("assessed", assessed, "none: the tariff's billing has no lesser-of rule")
    result = CappedCharge(cost, round_line(charged, cur), cap, assessed, cur)
    return Decision(result, why, missing=missing)
