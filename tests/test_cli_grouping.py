"""The report's invoices and pay come from one grouping pass (issue 17), and say what the per-family calls say."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import carerules as cr
from carerules._charging._strategies import cancellations, expense_agreements, expenses, periods, policies, sessions
from carerules._cli import build_report
from carerules._scenario import PolicyChoice

UNKNOWN = cr.Cancellation("s-none", cr.CancelledBy.FAMILY, None)


@st.composite
def organisations(draw: st.DrawFn) -> cr.Scenario:
    booked = draw(st.lists(sessions(), max_size=12, unique_by=lambda s: s.id))
    cancelled = [draw(cancellations(s)) for s in booked if draw(st.booleans())]
    return cr.Scenario(
        period=draw(periods()),
        policy=PolicyChoice(custom=draw(policies())),
        sessions=tuple(booked),
        cancellations=tuple(cancelled),
        expenses=tuple(draw(st.lists(expenses(), max_size=4, unique_by=lambda e: e.id))),
        expense_agreements=tuple(draw(st.lists(expense_agreements(), max_size=3))),
    )


@settings(max_examples=60, deadline=None)
@given(organisations())
def test_grouped_invoices_and_pay_equal_the_calls_over_the_whole_lists(scenario: cr.Scenario) -> None:
    policy = scenario.policy.resolve()
    report = build_report(scenario)
    assert report["invoices"] == [
        cr.build_invoice(
            su,
            scenario.period,
            policy,
            sessions=scenario.sessions,
            cancellations=scenario.cancellations,
            expenses=scenario.expenses,
            agreements=scenario.expense_agreements,
        )
        for su in scenario.service_users()
    ]
    assert report["pay"] == [
        cr.build_pay_statement(
            st_id, scenario.period, policy, sessions=scenario.sessions, cancellations=scenario.cancellations
        )
        for st_id in scenario.staff()
    ]


@given(organisations())
@settings(max_examples=30, deadline=None)
def test_one_family_gets_the_same_invoice_and_only_pay_for_its_sessions(scenario: cr.Scenario) -> None:
    whole = build_report(scenario)
    for invoice in whole["invoices"]:
        su = invoice.service_user
        one = build_report(scenario, service_user=su)
        assert one["invoices"] == [invoice]
        mine = {s.id for s in scenario.sessions if s.service_user == su}
        assert all(line.session_id in mine for pay in one["pay"] for line in pay.lines)
        by_staff = {p.staff: {line.session_id for line in p.lines} for p in whole["pay"]}
        for pay in one["pay"]:
            assert {line.session_id for line in pay.lines} == by_staff[pay.staff] & mine


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (lambda s: attrs.evolve(s, sessions=(*s.sessions, s.sessions[0])), "session ids that are unique"),
        (
            lambda s: attrs.evolve(
                s, cancellations=(*s.cancellations, cr.Cancellation("s-none", cr.CancelledBy.FAMILY, None))
            ),
            "the id of a listed session",
        ),
    ],
    ids=["duplicate session id", "cancellation of an unknown session"],
)
def test_the_whole_list_checks_are_still_made(change: object, fragment: str) -> None:
    import json
    from importlib import resources

    text = resources.files("carerules.examples").joinpath("buddies-month.json").read_text(encoding="utf-8")
    scenario = change(cr.load_scenario(json.loads(text)))  # type: ignore[operator]
    with pytest.raises(cr.CareRulesError, match=fragment):
        build_report(scenario)
