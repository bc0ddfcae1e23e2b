"""Every public object round-trips losslessly through plain JSON data."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import carerules as cr
from carerules.serialisation import from_data, to_data
from carerules.strategies import cancellations, expense_agreements, expenses, periods, policies, rates, sessions


def roundtrip(obj: Any, cls: Any) -> Any:
    return from_data(json.loads(json.dumps(to_data(obj))), cls)


@given(policies())
def test_policies_round_trip(policy: cr.Policy) -> None:
    assert roundtrip(policy, cr.Policy) == policy


@given(rates(), periods())
def test_rates_and_periods_round_trip(rate: cr.Rate, period: cr.Period) -> None:
    assert roundtrip(rate, cr.Rate) == rate
    assert roundtrip(period, cr.Period) == period


@given(st.data(), sessions(), policies())
def test_outcomes_and_statements_round_trip(data: st.DataObject, session: cr.Session, policy: cr.Policy) -> None:
    cancellation = data.draw(cancellations(session))
    outcome = cr.decide_cancellation(session, cancellation, policy)
    assert roundtrip(outcome, cr.Decision[cr.CancellationOutcome]) == outcome
    period = cr.Period(cr.BUDDIES.effective_from, cr.BUDDIES.effective_from.replace(year=2099))
    statement = cr.build_pay_statement("st-dee", period, policy, sessions=[session], cancellations=[cancellation])
    assert roundtrip(statement, cr.PayStatement) == statement
    expense = data.draw(expenses())
    verdict = cr.decide_expense(expense, [])
    assert roundtrip(verdict, cr.Decision[cr.ExpenseOutcome]) == verdict


@given(sessions())
def test_sessions_round_trip_keeping_their_zone(session: cr.Session) -> None:
    back = roundtrip(session, cr.Session)
    assert back == session
    assert back.start.utcoffset() == session.start.utcoffset()
    assert str(back.start.tzinfo) == str(session.start.tzinfo)


@given(st.data(), sessions())
def test_cancellations_round_trip(data: st.DataObject, session: cr.Session) -> None:
    cancellation = data.draw(cancellations(session))
    assert roundtrip(cancellation, cr.Cancellation) == cancellation


@given(expenses(), expense_agreements())
def test_expenses_and_agreements_round_trip(expense: cr.Expense, agreement: cr.ExpenseAgreement) -> None:
    assert roundtrip(expense, cr.Expense) == expense
    assert roundtrip(agreement, cr.ExpenseAgreement) == agreement


@given(sessions(), policies())
def test_decisions_round_trip(session: cr.Session, policy: cr.Policy) -> None:
    decision = cr.price_session(session, policy)
    assert roundtrip(decision, cr.Decision[cr.SessionCharge]) == decision
    pay = cr.pay_for_session(session, policy)
    assert roundtrip(pay, cr.Decision[cr.SessionPay]) == pay


@given(st.lists(sessions(service_user="su-ada"), max_size=6, unique_by=lambda s: s.id), policies())
def test_invoices_round_trip(items: list[cr.Session], policy: cr.Policy) -> None:
    invoice = cr.build_invoice(
        "su-ada",
        cr.Period(cr.BUDDIES.effective_from, cr.BUDDIES.effective_from.replace(year=2099)),
        policy,
        sessions=items,
    )
    assert roundtrip(invoice, cr.Invoice) == invoice


@given(st.timedeltas(min_value=timedelta(days=-30), max_value=timedelta(days=30)))
def test_durations_round_trip_exactly(span: timedelta) -> None:
    assert from_data(to_data(span), timedelta) == span


@pytest.mark.parametrize(
    ("data", "path", "fragment"),
    [
        ({"id": "s", "service_user": "u", "start": "2026-01-01T10:00", "end": "2026-01-01T12:00Z"}, "$.start", "naive"),
        (
            {"id": "s", "service_user": "u", "start": "2026-01-01T10:00Z", "end": "2026-01-01T12:00Z", "kind": "lunch"},
            "$.kind",
            "'day'",
        ),
        ({"id": 7, "service_user": "u", "start": "2026-01-01T10:00Z", "end": "2026-01-01T12:00Z"}, "$.id", "string"),
        ({"id": "s", "service_user": "u", "start": "2026-01-01T10:00Z"}, "$.end", "missing"),
        ({"id": "s", "service_user": "u", "start": "2026-01-01T10:00Z", "end": "2026-01-01T12:00Z", "x": 1}, "$", "x"),
        ({"id": "s", "service_user": "u", "start": "2026-01-01T12:00Z", "end": "2026-01-01T12:00Z"}, "$", "after"),
        (
            {
                "id": "s",
                "service_user": "u",
                "start": "2026-07-01T10:00+00:00[Europe/London]",
                "end": "2026-07-01T12:00Z",
            },
            "$.start",
            "offset",
        ),
    ],
)
def test_malformed_data_names_the_place(data: dict[str, Any], path: str, fragment: str) -> None:
    with pytest.raises(cr.ScenarioError) as caught:
        from_data(data, cr.Session)
    assert caught.value.path == path
    assert fragment in str(caught.value)


def test_a_bad_item_inside_a_set_is_named_by_its_index_and_every_bad_item_is_reported() -> None:
    data = {"id": "st-a", "name": "A", "interests": ["music", 3, "art", 4]}
    with pytest.raises(cr.ScenarioError) as caught:
        from_data(data, cr.StaffMember)
    assert caught.value.path == "$.interests[1]"
    assert "(and 1 more: " in str(caught.value)
    assert str(caught.value).endswith("@ $.interests[3])")
    assert from_data({**data, "interests": ["music", "art", "music"]}, cr.StaffMember).interests == frozenset(
        {"music", "art"}
    )
