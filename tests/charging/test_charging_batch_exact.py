"""price_batch against hand-worked prices, over every path of its fast loop.

Written to kill the mutants that survived ``make mutation`` on ``_charging._batch``: the
batch keeps per-day caches (bank holiday, rate, midnight) and two shortcuts (flat-rate
shifts, sessions within one local day), so the fixture mixes kinds and bank holidays on
the same day, a session crossing midnight, and one shorter than the minimum.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import attrs
import pytest

import carerules as cr
from tests.charging.test_charging_worked_examples import WITH_RATES
from tests.conftest import london

NIGHT = cr.ShiftKind.SLEEPING_NIGHT
WAKING = cr.ShiftKind.WAKING_NIGHT

# (id, start, end, kind, hand-worked charge, charged time)
CASES = [
    ("day-3h", london(2026, 12, 24, 9), london(2026, 12, 24, 12), cr.ShiftKind.DAY, "55.50", timedelta(hours=3)),
    ("day-1h", london(2026, 12, 24, 13), london(2026, 12, 24, 14), cr.ShiftKind.DAY, "37.00", timedelta(hours=2)),
    # Costings: a waking night on an ordinary day is charged at the hourly rate, 3 h x 18.50.
    ("waking-eve", london(2026, 12, 24, 14), london(2026, 12, 24, 17), WAKING, "55.50", timedelta(hours=3)),
    ("sleep-eve", london(2026, 12, 24, 22), london(2026, 12, 25, 7), NIGHT, "95.00", timedelta(hours=9)),
    ("into-xmas", london(2026, 12, 24, 22), london(2026, 12, 25, 1), cr.ShiftKind.DAY, "64.75", timedelta(hours=3)),
    ("xmas-2h", london(2026, 12, 25, 10), london(2026, 12, 25, 12), cr.ShiftKind.DAY, "55.50", timedelta(hours=2)),
    ("xmas-1h", london(2026, 12, 25, 13), london(2026, 12, 25, 14), cr.ShiftKind.DAY, "55.50", timedelta(hours=2)),
    ("waking-xmas", london(2026, 12, 25, 14), london(2026, 12, 25, 16), WAKING, "57.00", timedelta(hours=2)),
    ("sleep-xmas", london(2026, 12, 25, 22), london(2026, 12, 26, 7), NIGHT, "142.50", timedelta(hours=9)),
    ("day-boxing", london(2026, 12, 26, 10), london(2026, 12, 26, 12, 30), cr.ShiftKind.DAY, "69.38", None),
    ("day-after", london(2026, 12, 29, 10), london(2026, 12, 29, 12, 30), cr.ShiftKind.DAY, "46.25", None),
    ("to-midnight", london(2026, 12, 29, 22), london(2026, 12, 30, 0), cr.ShiftKind.DAY, "37.00", None),
]


def sessions() -> list[cr.Session]:
    return [cr.Session(i, "su-amy", start, end, kind, staff="st-dee") for i, start, end, kind, _, _ in CASES]


@pytest.mark.tz
def test_batch_matches_hand_worked_prices_on_every_path() -> None:
    """charging.hourly-rate, bank-holiday-rate, flat-shift-rate, flat-shift-bank-holiday-start,
    minimum-session and midnight-split, all through the batch's fast loop and caches."""
    batch = cr.price_batch(sessions(), WITH_RATES)
    assert batch.amounts == tuple(Decimal(amount) for *_, amount, _ in CASES)
    for charged, (*_, expected) in zip(batch.charged, CASES, strict=True):
        if expected is not None:
            assert charged == expected
    assert batch.total == sum((Decimal(amount) for *_, amount, _ in CASES), Decimal(0))
    assert len(batch) == len(CASES)


@pytest.mark.tz
def test_batch_equals_pricing_each_session_alone() -> None:
    items = sessions()
    batch = cr.price_batch(items, WITH_RATES)
    singles = [cr.price_session(s, WITH_RATES).answer for s in items]
    assert batch.amounts == tuple(c.amount for c in singles)
    assert batch.charged == tuple(c.charged for c in singles)
    assert [batch.explain(i).answer for i in range(len(items))] == singles
    assert [row["hours_charged"] for row in batch.rows()] == [
        Decimal(c.charged.total_seconds()) / 3600 for c in singles
    ]


@pytest.mark.tz
def test_batch_reads_the_rate_in_force_on_each_sessions_day() -> None:
    """charging.hourly-rate: a rate revision applies from its start date, even mid-batch."""
    raised = cr.Rate(cr.ShiftKind.DAY, Decimal("20.00"), date(2026, 12, 29))
    revised = attrs.evolve(WITH_RATES, rates=(*WITH_RATES.rates, raised))
    batch = cr.price_batch(sessions(), revised)
    assert batch.amounts[0] == Decimal("55.50")
    assert batch.amounts[-2] == Decimal("50.00")  # 2.5 h at 20.00 from 29 December


@pytest.mark.tz
def test_batch_dates_sessions_by_local_time_in_summer() -> None:
    """charging.bank-holiday-rate and midnight-split on London dates, which in summer are an hour
    ahead of UTC: 00:30 on the late-May bank holiday is still 24 May in UTC."""
    early = cr.Session("early", "su", london(2026, 5, 25, 0, 30), london(2026, 5, 25, 2, 30))
    across = cr.Session("across", "su", london(2026, 5, 24, 23), london(2026, 5, 25, 1))
    batch = cr.price_batch([early, across], WITH_RATES)
    assert batch.amounts == (Decimal("55.50"), Decimal("46.25"))  # 2 x 27.75; 1 x 18.50 + 1 x 27.75
    assert [row["date"] for row in batch.rows()] == [date(2026, 5, 25), date(2026, 5, 24)]


def test_empty_batch_totals_zero_pence() -> None:
    batch = cr.price_batch([], cr.BUDDIES)
    assert (len(batch), batch.rows()) == (0, [])
    assert str(batch.total) == "0.00"


@pytest.mark.tz
def test_batch_dates_sessions_in_the_policys_zone_not_the_machines() -> None:
    """charging.bank-holiday-rate by the policy's local date: for a provider in New York, 20:00 on
    24 December is already Christmas Day in UTC, yet it is an ordinary evening there."""
    new_york = attrs.evolve(WITH_RATES, timezone="America/New_York")
    zone = ZoneInfo("America/New_York")
    evening = cr.Session("ny", "su", datetime(2026, 12, 24, 20, tzinfo=zone), datetime(2026, 12, 24, 22, tzinfo=zone))
    assert cr.price_batch([evening], new_york).amounts == (Decimal("37.00"),)
    assert cr.price_session(evening, new_york).answer.amount == Decimal("37.00")
