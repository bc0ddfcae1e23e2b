"""Cancellation charging and expense recharging."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from carerules._charging import _rules as R
from carerules._charging._model import (
    Cancellation,
    CancellationOutcome,
    CancelledBy,
    Expense,
    ExpenseAgreement,
    ExpenseOutcome,
    Session,
)
from carerules._charging._pricing import explain_charge, pay_from_charge, quote_session
from carerules._errors import InvalidInput
from carerules._guard import public
from carerules._money import ZERO, format_money, round_line
from carerules._policy import Policy
from carerules._rules import Decision, Reason
from carerules._time import elapsed, format_duration


@public
def decide_cancellation(session: Session, cancellation: Cancellation, policy: Policy) -> Decision[CancellationOutcome]:
    """Whether a cancelled ``session`` is charged and its staff member paid.

    Notice is the elapsed time from receipt to the scheduled start. At least
    the policy's notice period in force on the session's local start date
    (48 h in the Buddies policy): nothing charged, nothing paid. Less
    (including after the start, or a no-show): charged exactly as booked and
    paid. Cancelled by the provider: never charged, nothing paid. Under a
    policy with ``pay_rates`` the outcome's pay carries its amount.
    """
    return cancellation_decision(session, cancellation, policy, pay_money=True)


def cancellation_decision(
    session: Session, cancellation: Cancellation, policy: Policy, *, pay_money: bool
) -> Decision[CancellationOutcome]:
    """:func:`decide_cancellation`; without ``pay_money`` the pay is time only (an invoice needs no pay rate)."""
    terms = cancellation_terms(session, cancellation, policy)
    if isinstance(terms, Decision):
        return terms
    notice, first = terms
    charge = quote_session(session, policy)
    pay = pay_from_charge(session, charge, policy, money=pay_money)
    outcome = CancellationOutcome(session.id, CancelledBy.FAMILY, notice, charge, pay.answer)
    return Decision(outcome, (first, *explain_charge(session, charge, policy), *pay.reasons))


def cancellation_terms(
    session: Session, cancellation: Cancellation, policy: Policy
) -> Decision[CancellationOutcome] | tuple[timedelta | None, Reason]:
    """The decision when the cancellation costs nothing; otherwise its notice and the reason it is charged.

    The part of :func:`decide_cancellation` that needs no rate, so a
    forecast can say why a line is charged even when it cannot price it.
    """
    if cancellation.session_id != session.id:
        raise InvalidInput(
            "cancellation.session_id",
            cancellation.session_id,
            f"the session's id {session.id!r}",
            at=(cancellation, "session_id"),
        )
    if cancellation.cancelled_by is CancelledBy.PROVIDER:
        outcome = CancellationOutcome(session.id, CancelledBy.PROVIDER, None, None, None)
        return Decision(outcome, (R.PROVIDER_CANCELLED.because("cancelled by the provider: not charged, not paid"),))
    required = policy.notice_on(session.start.astimezone(policy.tz).date())
    threshold = format_duration(required)
    if cancellation.received_at is None:
        notice = None
        first = R.NO_SHOW.because("no cancellation was received before the session: treated as no notice")
    else:
        notice = elapsed(cancellation.received_at, session.start)
        if notice >= required:
            outcome = CancellationOutcome(session.id, CancelledBy.FAMILY, notice, None, None)
            reason = R.NOTICE_GIVEN.because(
                f"notice was {format_duration(notice)}: not charged, not paid",
                would_change=f"less than {threshold} of notice would have been charged",
            )
            return Decision(outcome, (reason,))
        late = "after the scheduled start" if notice < timedelta(0) else f"notice was {format_duration(notice)}"
        first = R.LATE_CANCELLATION.because(
            f"{late}: charged as booked and the staff member paid",
            would_change=f"{threshold} or more would not have been charged",
        )
    return notice, first


@public
def decide_expense(
    expense: Expense,
    agreements: Iterable[ExpenseAgreement],
    *,
    currency: str | None = None,
    policy: Policy | None = None,
) -> Decision[ExpenseOutcome]:
    """Whether ``expense`` is billed: only under an agreement recorded for that case.

    An agreement covers an expense of the same Service User and category
    incurred on or after the day it was agreed. A billed amount is rounded
    once, half up, to ``currency``'s minor unit (the policy's currency; the
    penny for GBP), so ``0.004`` is billed as ``0.00`` and ``2.675`` as
    ``2.68``; the reasons show the amount as given. ``currency`` defaults
    to ``policy``'s (else GBP); ``policy`` grounds the answer in its clauses.
    """
    if currency is None:
        currency = policy.currency if policy is not None else "GBP"
    for agreement in agreements:
        if (
            agreement.service_user == expense.service_user
            and agreement.category == expense.category
            and agreement.agreed_on <= expense.incurred_on
        ):
            billed = round_line(expense.amount, currency)
            reasons = [
                R.EXPENSE_AGREED.because(
                    f"{expense.category} {format_money(expense.amount, currency)} "
                    f"billed under the agreement of {agreement.agreed_on}"
                )
            ]
            if billed != expense.amount:
                # An amount finer than the currency's minor unit is rounded once, here, like any line.
                reasons.append(
                    R.ROUND_LINE.because(
                        f"{format_money(expense.amount, currency)} rounded once to {format_money(billed, currency)}"
                    )
                )
            return Decision(ExpenseOutcome(expense.id, True, billed), tuple(reasons))
    reason = R.EXPENSE_NOT_AGREED.because(
        f"{expense.category} {format_money(expense.amount, currency)} not billed: no recorded agreement for this case",
    )
    return Decision(
        ExpenseOutcome(expense.id, False, ZERO),
        (reason,),
        missing=(f"an agreement with {expense.service_user} for {expense.category!r} costs",),
    )
