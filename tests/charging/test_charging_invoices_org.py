"""A whole organisation's invoices from one grouping pass (issue 17 §1) equal build_invoice per family."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import carerules as cr
from carerules.serialisation import from_data, to_data
from carerules.strategies import cancellations, expense_agreements, expenses, periods, policies, sessions
from tests.charging.test_charging_invoice_exact import DECEMBER, agreements
from tests.charging.test_charging_invoice_exact import cancellations as dec_cancellations
from tests.charging.test_charging_invoice_exact import expenses as dec_expenses
from tests.charging.test_charging_invoice_exact import sessions as dec_sessions
from tests.charging.test_charging_worked_examples import WITH_RATES

FAMILIES = ("su-ada", "su-ben", "su-cy")
#: A period holding everything generated, so most examples have lines; short random ones test the edges.
EVERYTHING = cr.Period(date(2000, 1, 1), date(2099, 12, 31))


@st.composite
def organisations(
    draw: st.DrawFn,
) -> tuple[list[cr.Session], list[cr.Cancellation], list[cr.Expense], list[cr.ExpenseAgreement]]:
    """Sessions of three families (some cancelled), their expenses and agreements."""
    items = draw(st.lists(sessions(), max_size=12, unique_by=lambda s: s.id))
    cancelled = [draw(cancellations(s)) for s in items if draw(st.booleans())]
    costs = draw(st.lists(expenses(), max_size=6, unique_by=lambda e: e.id))
    agreed = draw(st.lists(expense_agreements(), max_size=4))
    return items, cancelled, costs, agreed


@settings(max_examples=60, deadline=None)
@given(organisations(), st.one_of(st.just(EVERYTHING), periods()), policies())
def test_build_invoices_equals_build_invoice_for_every_family(
    org: tuple[list[cr.Session], list[cr.Cancellation], list[cr.Expense], list[cr.ExpenseAgreement]],
    period: cr.Period,
    policy: cr.Policy,
) -> None:
    """Two paths that must agree: one grouping pass, and one scan of the whole lists per family."""
    items, cancelled, costs, agreed = org
    lists: dict[str, Any] = {"sessions": items, "cancellations": cancelled, "expenses": costs, "agreements": agreed}
    try:
        every = cr.build_invoices(period, policy, **lists, service_users=FAMILIES)
    except cr.MissingRate:
        # Complete or not at all: then some family's own invoice must refuse too.
        refused = 0
        for su in FAMILIES:
            try:
                cr.build_invoice(su, period, policy, **lists)
            except cr.MissingRate:
                refused += 1
        assert refused
        return
    assert [i.service_user for i in every] == sorted(FAMILIES)
    for invoice in every:
        assert invoice == cr.build_invoice(invoice.service_user, period, policy, **lists)
    # Without service_users: exactly the families with something in the period, the same invoices.
    some = cr.build_invoices(period, policy, **lists)
    busy = {i.service_user for i in every if i.lines or i.not_billed}
    assert {i.service_user for i in some} == busy
    assert all(i in every for i in some)


@pytest.mark.tz
def test_the_december_month_gives_one_invoice_per_family_with_the_exact_lines() -> None:
    """The worked month of test_charging_invoice_exact: su-amy's invoice is build_invoice's, su-bob has his own."""
    every = cr.build_invoices(
        DECEMBER,
        WITH_RATES,
        sessions=dec_sessions,
        cancellations=dec_cancellations,
        expenses=dec_expenses,
        agreements=agreements,
    )
    assert [(i.service_user, i.total, i.not_billed_total) for i in every] == [
        ("su-amy", Decimal("372.00"), Decimal("12.00")),
        # s-other 2 h at 18.50; e-bob has no agreement of su-bob's (su-amy's meal agreement is not his)
        ("su-bob", Decimal("37.00"), Decimal("3.00")),
    ]
    assert [line.ref for line in every[1].not_billed] == ["e-bob"]
    assert every[0].policy is not None
    assert every[0].policy.id == WITH_RATES.id


def test_duplicate_session_ids_are_refused_across_families() -> None:
    with pytest.raises(cr.InvalidInput, match="session ids that are unique"):
        cr.build_invoices(DECEMBER, WITH_RATES, sessions=[dec_sessions[0], dec_sessions[0]])


def test_no_sessions_and_no_families_is_no_invoices() -> None:
    assert cr.build_invoices(DECEMBER, WITH_RATES, sessions=[]) == ()
    (empty,) = cr.build_invoices(DECEMBER, WITH_RATES, sessions=[], service_users=["su-zed"])
    assert (empty.service_user, empty.lines, str(empty.total)) == ("su-zed", (), "0.00")


@settings(max_examples=30, deadline=None)
@given(organisations())
def test_invoices_with_not_billed_expenses_round_trip(
    org: tuple[list[cr.Session], list[cr.Cancellation], list[cr.Expense], list[cr.ExpenseAgreement]],
) -> None:
    """issue 18: the not-billed amount and flag survive to_data/from_data; the not-billed total is their sum."""
    items, cancelled, costs, agreed = org
    period = EVERYTHING
    try:
        every = cr.build_invoices(
            period, WITH_RATES, sessions=items, cancellations=cancelled, expenses=costs, agreements=agreed
        )
    except cr.MissingRate:
        return
    for invoice in every:
        assert from_data(to_data(invoice), cr.Invoice) == invoice
        assert invoice.not_billed_total == sum((line.amount for line in invoice.not_billed), Decimal("0.00"))
        assert not any(line.billed for line in invoice.not_billed)
        assert invoice.total == sum((line.amount for line in invoice.lines), Decimal("0.00"))
        for line in invoice.not_billed:
            if line.kind is cr.LineKind.EXPENSE:
                claimed = next(e.amount for e in costs if e.id == line.ref)
                assert line.amount == cr.round_line(claimed)
