"""A provider's own property tests, written against carerules' public API as a user would.

This is an example to copy: it imports only ``carerules`` and ``carerules.strategies``.
``make test`` runs it (pytest collects ``docs/``). The settings below keep a CI run
deterministic; drop ``derandomize`` locally to explore fresh examples.
"""

from __future__ import annotations

import importlib.metadata
from datetime import date, timedelta
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import carerules as cr
from carerules.strategies import policies, sessions, tariff_policies, visits

ci = settings(max_examples=40, deadline=None, derandomize=True, database=None)

MARCH = cr.Period(date(2027, 3, 1), date(2027, 3, 31))
FAMILIES = ["su-ada", "su-ben"]
STAFF = ["st-dee", "st-eli"]


def march_sessions(policy: cr.Policy) -> st.SearchStrategy[list[cr.Session]]:
    """A month of our bookings: two families, two Buddies, every session priceable under ``policy``."""
    one = sessions(policy=policy, period=MARCH, service_users=FAMILIES, staff=STAFF)
    return st.lists(one, max_size=8, unique_by=lambda s: s.id)


@ci
@given(march_sessions(cr.BUDDIES))
def test_a_familys_invoice_is_the_sum_of_its_sessions(booked: list[cr.Session]) -> None:
    for family in FAMILIES:
        invoice = cr.build_invoice(family, MARCH, cr.BUDDIES, sessions=booked)
        mine = [s for s in booked if s.service_user == family]
        assert invoice.total == sum((cr.price_session(s, cr.BUDDIES).answer.amount for s in mine), Decimal("0.00"))


@ci
@given(march_sessions(cr.BUDDIES))
def test_every_booked_hour_is_paid_to_someone(booked: list[cr.Session]) -> None:
    paid = sum((cr.build_pay_statement(who, MARCH, cr.BUDDIES, sessions=booked).paid for who in STAFF), timedelta(0))
    assert paid >= sum((s.duration for s in booked), timedelta(0))


@ci
@given(policies().flatmap(lambda p: st.tuples(st.just(p), sessions(policy=p))), st.integers(1, 120))
def test_a_longer_session_never_costs_less(drawn: tuple[cr.Policy, cr.Session], minutes: int) -> None:
    """From the minimum session up. Below it the top-up is priced at the first part's rate, so a short
    session ending just after a bank holiday's midnight can cost a penny more than a slightly longer one
    (this very suite found that, drawing 23:59 on New Year's Day): a rule of the policy, not a bug."""
    policy, session = drawn
    minimum = policy.minimum_on(session.start.astimezone(policy.tz).date()) or timedelta(0)
    if session.duration < minimum:
        session = attrs.evolve(session, end=cr.plus_elapsed(session.start, minimum))
    longer = attrs.evolve(session, end=cr.plus_elapsed(session.end, timedelta(minutes=minutes)))
    assert cr.price_session(longer, policy).answer.amount >= cr.price_session(session, policy).answer.amount


@ci
@given(
    tariff_policies(services=["home-care", "sleep-in"], funders=["council"]).flatmap(
        lambda p: st.tuples(st.just(p), visits(policy=p, period=MARCH))
    )
)
def test_a_visit_price_is_its_lines_rounded_once(drawn: tuple[cr.Policy, cr.Visit]) -> None:
    policy, visit = drawn
    price = cr.price_visit(visit, policy).answer
    assert price.amount == cr.round_line(sum((line.amount for line in price.lines), Decimal(0)), policy.currency)


def _registered() -> bool:
    return any(e.value.startswith("carerules.") for e in importlib.metadata.entry_points(group="hypothesis"))


@pytest.mark.skipif(not _registered(), reason="carerules is installed without its Hypothesis entry point")
@ci
@given(st.from_type(cr.Session), st.from_type(cr.Policy))
def test_registered_types_need_no_imports(session: cr.Session, policy: cr.Policy) -> None:
    """With carerules installed, Hypothesis knows its types: no strategy imported for these two."""
    assert cr.price_session(session, policy).answer.amount >= 0
