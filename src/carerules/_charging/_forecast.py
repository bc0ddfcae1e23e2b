"""Forecasts and quotes: every line the policy can price, and each one it cannot, named by the rate it needs.

An invoice is complete or refused (:class:`~carerules.MissingRate`); a
forecast never fails whole for a missing rate. Its priced lines are exactly
the invoice's lines, its unpriced lines say which rate each needs, and its
total, the sum of the priced lines, is marked incomplete while any line is
unpriced (``charging.forecast-incomplete``).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from carerules._charging import _rules as R
from carerules._charging._invoice import Invoice, InvoiceLine, LineKind, _notes, _rows, invoice_lines
from carerules._charging._model import Cancellation, Expense, ExpenseAgreement, Session, SessionCharge
from carerules._charging._pricing import _calendar_reason, explain_charge, quote_session
from carerules._display import Tabular
from carerules._errors import InvalidInput, MissingRate
from carerules._guard import public
from carerules._money import format_money, money_sum
from carerules._policy import Policy, RateBasis, ShiftKind
from carerules._rules import Decision, PolicyStamp, Reason
from carerules._time import Period, split_at_local_midnight
from carerules._validate import flag, is_date, member


@attrs.frozen
class NeededRate:
    """A rate a line needs that the policy does not set.

    ``kind`` and ``bank_holiday`` name the rate; ``on`` is the date it must
    be in force (the session's local start date: the rate in force at the
    start applies to the whole session); ``needed_for`` is the local date of
    the time it would price (later than ``on`` for the part of a session
    after midnight).
    """

    kind: ShiftKind = attrs.field(validator=member(ShiftKind, "needed_rate.kind"))
    bank_holiday: bool = attrs.field(validator=flag("needed_rate.bank_holiday"))
    on: date = attrs.field(validator=is_date("needed_rate.on"))
    needed_for: date = attrs.field(validator=is_date("needed_rate.needed_for"))

    def __attrs_post_init__(self) -> None:
        if self.needed_for < self.on:
            raise InvalidInput(
                "needed_rate.needed_for",
                self.needed_for,
                f"a date on or after the date the rate is needed on ({self.on})",
            )

    @property
    def rate(self) -> str:
        """The rate's name: "bank-holiday day rate", "ordinary-day sleeping-night rate"."""
        return f"{'bank-holiday' if self.bank_holiday else 'ordinary-day'} {self.kind.value} rate"

    def describe(self) -> str:
        """For people: "bank-holiday day rate in force on 2026-12-24 (for time on 2026-12-25)"."""
        text = f"{self.rate} in force on {self.on}"
        return text if self.needed_for == self.on else f"{text} (for time on {self.needed_for})"


@attrs.frozen
class UnpricedLine:
    """A forecast line the policy cannot price: what it is, the rates it needs, and why.

    ``kind`` is :attr:`LineKind.SESSION` or :attr:`LineKind.LATE_CANCELLATION`;
    ``needs`` holds at least one rate; ``reasons`` say why the line is
    charged at all (a late cancellation's), why the day is a bank holiday,
    and which rate is missing (``charging.rate-needed``).
    """

    kind: LineKind
    ref: str
    day: date
    description: str
    needs: tuple[NeededRate, ...]
    reasons: tuple[Reason, ...]


def _unique(needs: Iterable[NeededRate]) -> tuple[NeededRate, ...]:
    return tuple(dict.fromkeys(needs))


@attrs.frozen
class InvoiceForecast(Tabular):
    """What one Service User's invoice for a period would hold: every line that can be priced, and those that cannot.

    ``lines`` and ``not_billed`` are exactly the lines :func:`build_invoice`
    gives when every rate is set; ``unpriced`` lists the lines that need a
    rate the policy does not set, each naming it. ``total`` is the sum of
    the priced lines. While any line is unpriced the forecast is incomplete:
    ``complete`` is false, ``invoice`` is ``None`` and ``reasons`` holds
    ``charging.forecast-incomplete``, naming the rates needed.
    """

    service_user: str
    period: Period
    currency: str
    lines: tuple[InvoiceLine, ...]
    not_billed: tuple[InvoiceLine, ...]
    unpriced: tuple[UnpricedLine, ...]
    total: Decimal
    reasons: tuple[Reason, ...] = ()
    #: The policy that produced it (id and version).
    policy: PolicyStamp | None = attrs.field(default=None, kw_only=True)

    @property
    def complete(self) -> bool:
        """True when every line is priced, so ``total`` is the invoice's total."""
        return not self.unpriced

    @property
    def needs(self) -> tuple[NeededRate, ...]:
        """Every rate the unpriced lines need, each once, in line order."""
        return _unique(n for line in self.unpriced for n in line.needs)

    def describe_needs(self) -> str:
        """For people: "bank-holiday day rate (for 2026-04-03, 2026-04-06)", each rate once ("" when complete)."""
        return _needs_summary(self.needs)

    @property
    def invoice(self) -> Invoice | None:
        """The invoice these lines make, when the forecast is complete; ``None`` otherwise."""
        if not self.complete:
            return None
        return Invoice(
            self.service_user, self.period, self.currency, self.lines, self.not_billed, self.total, policy=self.policy
        )

    def rows(self) -> list[dict[str, Any]]:
        """Every line as a plain dict (an invoice's columns plus ``needs``); unpriced lines have no amount."""
        priced = _rows(self.lines, True, service_user=self.service_user) + _rows(
            self.not_billed, False, service_user=self.service_user
        )
        unpriced = [
            {
                "service_user": self.service_user,
                "kind": line.kind.value,
                "ref": line.ref,
                "date": line.day,
                "description": line.description,
                "amount": None,
                "billed": None,
                "rules": " ".join(r.rule_id for r in line.reasons),
                "needs": "; ".join(n.describe() for n in line.needs),
            }
            for line in self.unpriced
        ]
        return [{**row, "needs": None} for row in priced] + unpriced

    def _in_order(self) -> Iterator[InvoiceLine | UnpricedLine]:
        """Session lines, priced or not, by date; then expenses, as an invoice lists them."""
        sessions: list[tuple[date, int, InvoiceLine | UnpricedLine]] = [
            (line.day, i, line) for i, line in enumerate(self.lines) if line.kind is not LineKind.EXPENSE
        ]
        unpriced: list[tuple[date, int, InvoiceLine | UnpricedLine]] = [
            (line.day, len(self.lines) + i, line) for i, line in enumerate(self.unpriced)
        ]
        yield from (line for _, _, line in heapq.merge(sessions, unpriced, key=lambda t: (t[0], t[1])))
        yield from (line for line in self.lines if line.kind is LineKind.EXPENSE)

    def render(self, *, explain: bool = False) -> str:
        """The forecast as a readable text table: unpriced lines in place, marked, and the total's status."""
        status = "" if self.complete else f" (INCOMPLETE: {len(self.unpriced)} line(s) not priced)"
        out = [f"Forecast for {self.service_user}, {self.period}{status}"]
        for line in self._in_order():
            amount = "not priced" if isinstance(line, UnpricedLine) else format_money(line.amount, self.currency)
            out.append(f"  {line.day}  {line.description:<58} {amount:>10}")
            out.extend(_notes(line.reasons, explain))
        label = "Total" if self.complete else "Total of the priced lines only (incomplete)"
        out.append(f"  {label:<70} {format_money(self.total, self.currency):>10}")
        out.extend(f"  - {r}" for r in self.reasons)
        for line in self.not_billed:
            out.append(f"  not billed: {line.day}  {line.description}")
            out.extend(_notes(line.reasons, explain))
        return "\n".join(out)


def needed_rates(session: Session, policy: Policy) -> tuple[NeededRate, ...]:
    """The rates ``session`` needs that ``policy`` does not set (empty when it can be priced).

    The start date's rate comes first; when it is missing, nothing later
    can be known (a flat-rate shift needs no other), so it is the only one.
    """
    tz = policy.tz
    calendar = policy.calendar
    kind = session.kind
    start_day = session.start.astimezone(tz).date()
    start_holiday = calendar.lookup(start_day) is not None
    try:
        first = policy.lookup_rate(kind, start_holiday, start_day)
    except MissingRate:
        return (NeededRate(kind, start_holiday, start_day, start_day),)
    if first.basis is RateBasis.PER_SHIFT:
        return ()
    out: list[NeededRate] = []
    for day, _, _ in split_at_local_midnight(session.start, session.end, tz):
        if day == start_day:
            continue
        holiday = calendar.lookup(day) is not None
        try:
            policy.lookup_rate(kind, holiday, start_day, day)
        except MissingRate:
            out.append(NeededRate(kind, holiday, start_day, day))
    return _unique(out)


def _unpriced_reasons(needs: tuple[NeededRate, ...], policy: Policy) -> list[Reason]:
    reasons: list[Reason] = []
    for need in needs:
        holiday = policy.calendar.lookup(need.needed_for) if need.bank_holiday else None
        if holiday is not None:
            reasons.append(_calendar_reason(need.needed_for, holiday, policy))
        reasons.append(
            R.RATE_NEEDED.because(
                f"not priced: the policy has no {need.describe()}",
                would_change=f"a {need.rate} in the policy's rates would price it",
            )
        )
    return reasons


def _needs_summary(needs: Iterable[NeededRate]) -> str:
    """ "bank-holiday day rate (for 2026-04-03, 2026-04-06)": each rate once, with the dates it prices."""
    days: dict[str, list[date]] = {}
    for need in needs:
        found = days.setdefault(need.rate, [])
        if need.needed_for not in found:
            found.append(need.needed_for)
    return "; ".join(f"{rate} (for {', '.join(str(d) for d in found)})" for rate, found in days.items())


@public
def build_forecast(
    service_user: str,
    period: Period,
    policy: Policy,
    *,
    sessions: Iterable[Session],
    cancellations: Iterable[Cancellation] = (),
    expenses: Iterable[Expense] = (),
    agreements: Iterable[ExpenseAgreement] = (),
) -> InvoiceForecast:
    """What :func:`build_invoice` would give, line by line, even where a rate is missing.

    Never raises :class:`~carerules.MissingRate`: each session or late
    cancellation that needs a rate the policy does not set becomes an
    :class:`UnpricedLine` naming the rate, and the forecast is marked
    incomplete. Raises :class:`~carerules.InvalidInput` as
    :func:`build_invoice` does.
    """
    unpriced: list[UnpricedLine] = []

    def on_missing(
        session: Session, day: date, kind: LineKind, desc: str, first: tuple[Reason, ...], _: MissingRate
    ) -> None:
        needs = needed_rates(session, policy)
        reasons = (*first, *_unpriced_reasons(needs, policy))
        unpriced.append(UnpricedLine(kind, session.id, day, desc, needs, reasons))

    lines, not_billed = invoice_lines(
        service_user,
        period,
        policy,
        sessions=sessions,
        cancellations=cancellations,
        expenses=expenses,
        agreements=agreements,
        on_missing=on_missing,
    )
    total = money_sum((line.amount for line in lines), policy.currency)
    reasons: tuple[Reason, ...] = ()
    if unpriced:
        needs = _unique(n for line in unpriced for n in line.needs)
        reasons = (
            R.FORECAST_INCOMPLETE.because(
                f"{len(unpriced)} line(s) not priced, needing the {_needs_summary(needs)}; "
                f"the total {format_money(total, policy.currency)} covers the priced lines only",
                would_change="setting those rates in the policy would complete it",
            ),
        )
    return InvoiceForecast(
        service_user, period, policy.currency, tuple(lines), tuple(not_billed), tuple(unpriced), total, reasons
    )


@public
def forecast_session(session: Session, policy: Policy) -> Decision[SessionCharge | None]:
    """A quote for ``session`` that never fails for a missing rate.

    Where :func:`price_session` can price the session, the same decision.
    Otherwise the answer is ``None``: ``missing`` names each rate needed,
    and the reasons say why the day is a bank holiday (where it is), which
    rate is missing (``charging.rate-needed``) and that the quote is
    incomplete (``charging.forecast-incomplete``).
    """
    try:
        charge = quote_session(session, policy)
    except MissingRate:
        needs = needed_rates(session, policy)
        reasons = _unpriced_reasons(needs, policy)
        reasons.append(
            R.FORECAST_INCOMPLETE.because(
                f"the session is not priced, needing the {_needs_summary(needs)}: the quote has no total",
                would_change="setting those rates in the policy would price it",
            )
        )
        return Decision(None, tuple(reasons), missing=tuple(f"the {n.describe()}" for n in needs))
    return Decision(charge, explain_charge(session, charge, policy))
