"""Invariants the charging policy implies, checked with the shipped strategies."""

from __future__ import annotations

import os
import time
from datetime import timedelta
from decimal import Decimal

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import carerules as cr
from carerules.strategies import cancellations, durations, policies, sessions

HOURLY = st.sampled_from([cr.ShiftKind.DAY, cr.ShiftKind.WAKING_NIGHT])


def _minimum(policy: cr.Policy, session: cr.Session) -> timedelta:
    """The minimum in force on the session's local start date (the generated policies always set one)."""
    minimum = policy.minimum_on(session.start.astimezone(policy.tz).date())
    assert minimum is not None
    return minimum


def _notice(policy: cr.Policy, session: cr.Session) -> timedelta:
    return policy.notice_on(session.start.astimezone(policy.tz).date())


@given(sessions(), durations(), policies())
def test_a_longer_session_never_costs_less(session: cr.Session, extra: timedelta, policy: cr.Policy) -> None:
    """Holds except where the policy itself says otherwise (see the named test below)."""
    longer = attrs.evolve(session, end=cr.plus_elapsed(session.end, extra))
    short_charge = cr.price_session(session, policy).answer
    long_charge = cr.price_session(longer, policy).answer
    if long_charge.amount < short_charge.amount:
        # The only way: the shorter session was topped up at its first part's rate, and the
        # longer one replaces top-up time with real time at a cheaper rate after midnight.
        assert session.duration < _minimum(policy, session)
        first = long_charge.parts[0].rate.amount
        assert any(p.rate.amount < first for p in long_charge.parts[1:])


def test_leaving_a_bank_holiday_under_the_minimum_is_the_one_case_where_longer_costs_less() -> None:
    """The top-up is priced at the first part's rate (PRODUCT.md, Charging): 23:00-00:00 on Boxing Day
    is charged 2 h at the bank-holiday rate, while 23:00-00:30 replaces half an hour of that top-up with
    real time on an ordinary day, at the ordinary rate."""
    from tests.charging.test_charging_worked_examples import WITH_RATES
    from tests.conftest import london

    shorter = cr.Session("a", "su", london(2026, 12, 26, 23), london(2026, 12, 27, 0))
    longer = cr.Session("b", "su", london(2026, 12, 26, 23), london(2026, 12, 27, 0, 30))
    assert cr.price_session(shorter, WITH_RATES).answer.amount == Decimal("55.50")  # 2 h x 27.75
    assert cr.price_session(longer, WITH_RATES).answer.amount == Decimal("50.88")  # 1.5 h x 27.75 + 0.5 h x 18.50


@given(sessions(kinds=HOURLY), policies())
def test_the_minimum_always_holds(session: cr.Session, policy: cr.Policy) -> None:
    charge = cr.price_session(session, policy).answer
    minimum = _minimum(policy, session)
    assert charge.charged == max(session.duration, minimum)
    assert sum((p.charged for p in charge.parts), timedelta(0)) == charge.charged
    first_rate = charge.parts[0].rate.amount
    cheapest = min(p.rate.amount for p in charge.parts)
    floor = cr.round_line(cheapest * Decimal(minimum.total_seconds()) / 3600)
    assert charge.amount >= floor
    if session.duration < minimum and len(charge.parts) == 1:
        assert charge.amount == cr.round_line(first_rate * Decimal(minimum.total_seconds()) / 3600)


@given(sessions(kinds=HOURLY), policies())
def test_splitting_at_midnight_loses_no_time(session: cr.Session, policy: cr.Policy) -> None:
    charge = cr.price_session(session, policy).answer
    worked = sum((p.end - p.start for p in charge.parts), timedelta(0))
    assert worked == session.duration
    for earlier, later in zip(charge.parts, charge.parts[1:], strict=False):
        assert earlier.end == later.start
        assert later.day == earlier.day + timedelta(days=1)
    tz = policy.tz
    for part in charge.parts:
        assert part.start.astimezone(tz).date() == part.day


@given(sessions(), policies(), st.integers(1, 48 * 60))
def test_notice_under_the_threshold_always_charges(session: cr.Session, policy: cr.Policy, minutes_short: int) -> None:
    short = timedelta(minutes=minutes_short) - timedelta(microseconds=1)
    received = cr.plus_elapsed(session.start, -_notice(policy, session) + short)
    decision = cr.decide_cancellation(session, cr.Cancellation(session.id, cr.CancelledBy.FAMILY, received), policy)
    assert decision.answer.charged
    assert decision.answer.paid
    assert decision.answer.charge == cr.price_session(session, policy).answer


@given(sessions(), policies(), st.integers(0, 10_000))
def test_notice_of_the_threshold_or_more_never_charges(
    session: cr.Session, policy: cr.Policy, minutes_more: int
) -> None:
    received = cr.plus_elapsed(session.start, -_notice(policy, session) - timedelta(minutes=minutes_more))
    decision = cr.decide_cancellation(session, cr.Cancellation(session.id, cr.CancelledBy.FAMILY, received), policy)
    assert not decision.answer.charged
    assert not decision.answer.paid


@given(st.data(), sessions(), policies())
def test_provider_cancellations_are_never_charged(data: st.DataObject, session: cr.Session, policy: cr.Policy) -> None:
    cancellation = data.draw(cancellations(session))
    decision = cr.decide_cancellation(session, cancellation, policy)
    if cancellation.cancelled_by is cr.CancelledBy.PROVIDER:
        assert not decision.answer.charged
        assert not decision.answer.paid
    assert decision.reasons


@given(st.lists(sessions(service_user="su-ada"), min_size=1, max_size=12, unique_by=lambda s: s.id), policies())
def test_invoice_total_is_the_sum_of_rounded_lines(items: list[cr.Session], policy: cr.Policy) -> None:
    period = cr.Period(
        min(s.start.astimezone(policy.tz).date() for s in items),
        max(s.start.astimezone(policy.tz).date() for s in items),
    )
    invoice = cr.build_invoice("su-ada", period, policy, sessions=items)
    assert len(invoice.lines) == len(items)
    assert invoice.total == sum((line.amount for line in invoice.lines), Decimal(0))
    for line in invoice.lines:
        assert line.amount == line.amount.quantize(Decimal("0.01"))
    assert sum((row["amount"] for row in invoice.rows()), Decimal(0)) == invoice.total


@given(st.lists(sessions(), max_size=20, unique_by=lambda s: s.id), policies())
def test_batch_prices_equal_single_prices(items: list[cr.Session], policy: cr.Policy) -> None:
    batch = cr.price_batch(items, policy)
    singles = [cr.price_session(s, policy).answer for s in items]
    assert batch.amounts == tuple(c.amount for c in singles)
    assert batch.charged == tuple(c.charged for c in singles)
    assert batch.total == sum((c.amount for c in singles), Decimal(0))
    for i in range(len(items)):
        assert batch.explain(i).answer == singles[i]


@given(sessions(), policies())
def test_every_price_explains_itself(session: cr.Session, policy: cr.Policy) -> None:
    decision = cr.price_session(session, policy)
    assert decision.reasons
    assert decision.rule_ids[-1] == "money.round-line-half-up"
    known = {r.id for r in cr.all_rules()}
    assert set(decision.rule_ids) <= known


@given(sessions(), policies())
def test_old_sessions_reprice_identically_after_a_policy_revision(session: cr.Session, policy: cr.Policy) -> None:
    start_day = session.start.astimezone(policy.tz).date()
    assume(start_day.year < 2030)
    effective = start_day + timedelta(days=1)
    assume(all(r.effective_from != effective for r in policy.rates))  # a revision adds a new day's rates
    raised = [
        cr.Rate(r.kind, r.amount + Decimal("1.00"), effective, r.basis, bank_holiday=r.bank_holiday)
        for r in policy.rates
        if r.effective_from < effective
    ]
    revised = policy.revise(version="next", effective_from=effective, rates=_latest_only(raised))
    assert cr.price_session(session, revised).answer == cr.price_session(session, policy).answer


def _latest_only(rates: list[cr.Rate]) -> list[cr.Rate]:
    seen: dict[tuple[cr.ShiftKind, bool], cr.Rate] = {}
    for r in rates:
        seen[(r.kind, r.bank_holiday)] = r
    return list(seen.values())


@pytest.mark.tz
@given(st.lists(sessions(), min_size=1, max_size=8, unique_by=lambda s: s.id), policies())
def test_prices_do_not_depend_on_the_machine_timezone(items: list[cr.Session], policy: cr.Policy) -> None:
    results = []
    before = os.environ.get("TZ")
    try:
        for zone in ("UTC", "America/New_York", "Asia/Kolkata", "Pacific/Chatham"):
            os.environ["TZ"] = zone
            time.tzset()
            results.append([cr.price_session(s, policy) for s in items])
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()
    assert all(r == results[0] for r in results)
