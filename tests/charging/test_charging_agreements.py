"""An expense is billed only under an agreement recorded for *that* family (PRODUCT.md, Charging; issue 14)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

import carerules as cr
from carerules.strategies import expense_agreements, expenses

JANUARY = cr.Period(date(2026, 1, 1), date(2026, 1, 31))
MEAL = cr.Expense("e-1", "su-ada", date(2026, 1, 10), Decimal("8.50"), "meal")


def test_an_agreement_recorded_for_another_family_never_bills_this_family() -> None:
    """A hand-made mutation that dropped the Service User check went unnoticed by tests/charging."""
    theirs = cr.ExpenseAgreement("su-ben", "meal", date(2025, 1, 1))
    decision = cr.decide_expense(MEAL, [theirs])
    assert decision.answer.billed is False
    assert decision.answer.amount == Decimal("0.00")
    invoice = cr.build_invoice("su-ada", JANUARY, cr.BUDDIES, sessions=[], expenses=[MEAL], agreements=[theirs])
    assert invoice.lines == ()
    assert [line.ref for line in invoice.not_billed] == ["e-1"]
    assert invoice.total == Decimal("0.00")


def test_the_same_agreement_for_this_family_bills_it() -> None:
    ours = cr.ExpenseAgreement("su-ada", "meal", date(2025, 1, 1))
    assert cr.decide_expense(MEAL, [ours]).answer.billed is True


@given(expenses(), st.lists(expense_agreements(), max_size=6))
def test_an_expense_is_billed_exactly_when_its_own_family_agreed_that_category_by_then(
    expense: cr.Expense, agreements: list[cr.ExpenseAgreement]
) -> None:
    covered = any(
        a.service_user == expense.service_user and a.category == expense.category and a.agreed_on <= expense.incurred_on
        for a in agreements
    )
    assert cr.decide_expense(expense, agreements).answer.billed is covered
    others = [a for a in agreements if a.service_user != expense.service_user]
    assert cr.decide_expense(expense, others).answer.billed is False
