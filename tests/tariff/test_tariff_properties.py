"""Invariants of tariff pricing (issue 16, Properties), over the shipped strategies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import carerules as cr
from carerules.strategies import tariff_policies, tariffs, visits

NO_TABLES = tariff_policies(tariffs(price_tables=False))


@given(NO_TABLES, visits(), st.integers(1, 600))
def test_with_no_price_tables_a_longer_visit_never_costs_less(policy: cr.Policy, visit: cr.Visit, extra: int) -> None:
    """Every increment direction included: charged time is laid on the clock, so rounding and minimums are monotone."""
    longer = attrs.evolve(visit, end=cr.plus_elapsed(visit.end, timedelta(minutes=extra)))
    assert cr.quote_visit(longer, policy).amount >= cr.quote_visit(visit, policy).amount


@given(tariff_policies(tariffs().map(lambda t: attrs.evolve(t, durations=(), boundary=cr.Boundary.SPLIT))), visits())
def test_splitting_at_band_edges_loses_no_time_and_adds_none(policy: cr.Policy, visit: cr.Visit) -> None:
    price = cr.quote_visit(visit, policy)
    assert (
        sum((line.charged for line in price.lines), timedelta(0)) == price.worked == cr.elapsed(visit.start, visit.end)
    )
    for a, b in zip(price.lines, price.lines[1:], strict=False):
        assert a.end == b.start


@given(
    tariffs(price_tables=False),
    st.sampled_from(cr.Rounding),
    st.sampled_from([timedelta(minutes=5), timedelta(minutes=15), timedelta(minutes=30), timedelta(hours=1)]),
    visits(),
)
def test_increments_always_round_in_the_stated_direction(
    tariff: cr.Tariff, rounding: cr.Rounding, unit: timedelta, visit: cr.Visit
) -> None:
    tariff = attrs.evolve(tariff, durations=(cr.DurationRules(increment=unit, rounding=rounding),))
    policy = cr.Policy("p", "P", "1", cr.BUDDIES.effective_from, tariff=tariff)
    price = cr.quote_visit(visit, policy)
    diff = price.charged - price.worked
    assert price.charged % unit == timedelta(0)
    if rounding is cr.Rounding.UP:
        assert timedelta(0) <= diff < unit
    elif rounding is cr.Rounding.DOWN:
        assert -unit < diff <= timedelta(0)
    else:
        assert -unit / 2 < diff <= unit / 2


@pytest.mark.tz
@given(tariff_policies(), visits(), st.sampled_from(["UTC", "Asia/Tokyo", "America/New_York"]))
def test_the_price_does_not_depend_on_the_zone_the_instants_are_written_in(
    policy: cr.Policy, visit: cr.Visit, zone: str
) -> None:
    """Bands and day types are local to the policy's zone; the visit's own zone (and the machine's TZ) never matter."""
    tz = UTC if zone == "UTC" else ZoneInfo(zone)
    moved = attrs.evolve(
        visit,
        start=visit.start.astimezone(tz),
        end=visit.end.astimezone(tz),
        booked_end=None if visit.booked_end is None else visit.booked_end.astimezone(tz),
    )
    assert cr.quote_visit(moved, policy) == cr.quote_visit(visit, policy)
    assert cr.price_visit(moved, policy).explain() == cr.price_visit(visit, policy).explain()


@given(tariff_policies(), visits())
def test_the_quote_is_the_decisions_answer(policy: cr.Policy, visit: cr.Visit) -> None:
    decision = cr.price_visit(visit, policy)
    assert decision.answer == cr.quote_visit(visit, policy)
    assert decision.policy == policy.stamp
    assert decision.rule_ids[-1] == "money.round-line-half-up"


def test_a_price_table_can_make_a_longer_visit_cheaper() -> None:
    """US01 (providers.json): 3 h 45 min at the 3-hour price plus 45 min is more than 4 h at the hourly rate."""
    policy = cr.read_policy_text((Path(__file__).parents[1] / "conformance" / "us01.json").read_text(encoding="utf-8"))
    start = datetime(2026, 3, 3, 9, tzinfo=ZoneInfo("America/Chicago"))
    short = cr.quote_visit(cr.Visit(start, start + timedelta(minutes=225)), policy)
    long = cr.quote_visit(cr.Visit(start, start + timedelta(hours=4)), policy)
    assert short.amount == Decimal("84.00") > long.amount == Decimal("80.00")
