"""Rows the vectorised arithmetic does not cover are priced per row, marked ``engine == "per-row"``, same answer."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pyarrow as pa

import carerules as cr
from carerules.frames import price_frame
from tests.conftest import london
from tests.frames._tables import column


def _priced(policy: cr.Policy, rows: list[tuple[datetime, datetime, cr.ShiftKind]]) -> tuple[pa.Table, list[int]]:
    table = pa.table(
        {
            "id": [f"s{i}" for i in range(len(rows))],
            "start": pa.array([r[0] for r in rows], pa.timestamp("us", "Europe/London")),
            "end": pa.array([r[1] for r in rows], pa.timestamp("us", "Europe/London")),
            "kind": [r[2].value for r in rows],
        }
    )
    expected = [
        int(cr.price_session(cr.Session(f"s{i}", "-", s, e, k), policy).answer.amount * 100)
        for i, (s, e, k) in enumerate(rows)
    ]
    return price_frame(table, policy), expected


def test_split_session_on_a_half_penny_uses_the_per_row_amount() -> None:
    """100 min before midnight and 50 after at £18.25 is exactly £45.625: the per-row engine's decimals decide."""
    policy = cr.BUDDIES.revise(
        version="half",
        effective_from=date(2026, 1, 1),
        rates=(cr.Rate(cr.ShiftKind.WAKING_NIGHT, Decimal("18.25"), date(2026, 1, 1)),),
    )
    rows = [
        (london(2026, 6, 3, 22, 20), london(2026, 6, 4, 0, 50), cr.ShiftKind.WAKING_NIGHT),
        (london(2026, 6, 3, 22, 0), london(2026, 6, 4, 1, 0), cr.ShiftKind.WAKING_NIGHT),
    ]
    result, expected = _priced(policy, rows)
    assert column(result, "amount_minor") == expected == [4563, 5475]
    assert column(result, "engine") == ["per-row", "columnar"]
    assert column(result, "split_at_midnight") == [True, True]


def test_rates_too_large_for_64_bit_arithmetic_and_very_long_sessions() -> None:
    policy = cr.BUDDIES.revise(
        version="huge",
        effective_from=date(2026, 1, 1),
        rates=(cr.Rate(cr.ShiftKind.WAKING_NIGHT, Decimal("9000.123456"), date(2026, 1, 1)),),
    )
    start = london(2026, 6, 3, 22)
    rows = [
        (start, start + timedelta(hours=9), cr.ShiftKind.WAKING_NIGHT),  # £9,000 an hour to 6 places
        (start, start + timedelta(days=40), cr.ShiftKind.DAY),  # 41 local days
        (start, start + timedelta(hours=3), cr.ShiftKind.DAY),
    ]
    result, expected = _priced(policy, rows)
    assert column(result, "amount_minor") == expected
    assert column(result, "engine") == ["per-row", "per-row", "columnar"]


def test_instants_at_the_ends_of_the_range_go_per_row() -> None:
    """Near year 1 and year 9999 local midnights may not exist; the per-row engine answers (and refuses alike)."""
    from datetime import UTC

    import pytest

    early = datetime(1, 1, 2, 12, tzinfo=UTC)
    table = pa.table(
        {
            "id": ["a"],
            "start": pa.array([early], pa.timestamp("us", "UTC")),
            "end": pa.array([early + timedelta(hours=1)], pa.timestamp("us", "UTC")),
            "kind": ["day"],
        }
    )
    with pytest.raises(cr.CareRulesError, match=r"^row 0 \(id 'a'\): ") as raised:
        price_frame(table, cr.BUDDIES)
    with pytest.raises(type(raised.value)):
        cr.price_session(cr.Session("a", "-", early, early + timedelta(hours=1)), cr.BUDDIES)
