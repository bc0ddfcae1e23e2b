"""Local dates, midnights and clock changes in other zones: the columnar engine still equals the per-row one.

Includes America/Sao_Paulo before 2019, whose clocks sprang forward *at*
midnight (the local day began at 01:00), and Australia/Lord_Howe's
half-hour change.
"""

from __future__ import annotations

from datetime import date

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from carerules import CareRulesError, Policy, Session, ShiftKind, plus_elapsed, price_session
from carerules.frames import price_frame
from carerules.strategies import durations, instants, policies
from tests.frames._tables import column, table

ZONES = ("America/Sao_Paulo", "Australia/Lord_Howe", "America/New_York", "Asia/Kolkata", "UTC")


@st.composite
def zoned(draw: st.DrawFn) -> tuple[Policy, list[Session]]:
    zone = draw(st.sampled_from(ZONES))
    policy = attrs.evolve(draw(policies()), timezone=zone)
    items = []
    for i in range(draw(st.integers(1, 8))):
        start = draw(instants(timezone=zone, first=date(2016, 1, 1), last=date(2019, 12, 31)))
        kind = draw(st.sampled_from(ShiftKind))
        items.append(Session(f"s{i}", "-", start, plus_elapsed(start, draw(durations())), kind))
    return policy, items


@settings(max_examples=60)
@given(zoned())
def test_other_zones_equal_per_row(case: tuple[Policy, list[Session]]) -> None:
    policy, items = case
    try:
        expected = [price_session(s, policy) for s in items]
    except CareRulesError:
        return
    result = price_frame(table(items, "pyarrow"), policy)
    amounts, rules = column(result, "amount_minor"), column(result, "rules")
    dates = column(result, "local_date")
    for i, d in enumerate(expected):
        assert amounts[i] == int(d.answer.amount * 100)
        assert rules[i] == ",".join(d.rule_ids)
        assert dates[i] == items[i].start.astimezone(policy.tz).date()
