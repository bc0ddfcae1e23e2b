"""Bad tables are refused with the library's typed errors, naming the column and the row."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import carerules as cr
from carerules.frames import cancellations_frame, explain, pay_frame, price_frame, price_visits_frame
from tests.conftest import london
from tests.frames._tables import column


def _table(**change: Any) -> pa.Table:
    start = london(2026, 6, 3, 10)
    data: dict[str, Any] = {
        "id": ["a", "b"],
        "start": pa.array([start, start], pa.timestamp("us", "Europe/London")),
        "end": pa.array([start + timedelta(hours=3)] * 2, pa.timestamp("us", "UTC")),
        "kind": ["day", "day"],
    }
    data.update(change)
    return pa.table(data)


@pytest.mark.parametrize(
    ("table", "kwargs", "error", "message"),
    [
        (_table(), {"start": "begins"}, cr.InvalidInput, r"^start: got 'begins'; expected the name of a column"),
        (_table(kind=["day", "nap"]), {}, cr.InvalidInput, r"^kind\[1\]: got 'nap'; expected one of day"),
        (_table(kind=["day", None]), {}, cr.InvalidInput, r"^kind\[1\]: got None"),
        (
            _table(start=pa.array([datetime(2026, 6, 3, 10)] * 2, pa.timestamp("us"))),
            {},
            cr.InvalidInput,
            r"^start: .*timezone-aware timestamps \(naive ones are refused",
        ),
        (
            _table(start=["2026-06-03", "x"]),
            {},
            cr.InvalidInput,
            r"^start: got 'String'; expected a column of timezone",
        ),
        (
            _table(end=pa.array([london(2026, 6, 3, 11), london(2026, 6, 3, 10)], pa.timestamp("us", "UTC"))),
            {},
            cr.InvalidInput,
            r"^end\[1\]: .*expected an instant after start\[1\]",
        ),
        (
            _table(end=pa.array([london(2026, 6, 3, 11), None], pa.timestamp("us", "UTC"))),
            {},
            cr.InvalidInput,
            r"^end\[1\]: got None",
        ),
        (
            _table(kind=["day", "sleeping-night"]),
            {},
            cr.MissingRate,
            r"^row 1 \(id 'b'\): policy 'buddies' has no ordinary-day rate for shift kind 'sleeping-night'",
        ),
    ],
)
def test_refused_naming_column_and_row(table: pa.Table, kwargs: dict[str, Any], error: type, message: str) -> None:
    with pytest.raises(error, match=message) as raised:
        price_frame(table, cr.BUDDIES, **kwargs)
    assert isinstance(raised.value, cr.CareRulesError)


def test_not_a_table() -> None:
    with pytest.raises(cr.InvalidInput, match=r"^table: got 'list'; expected a pyarrow Table"):
        price_frame([1, 2], cr.BUDDIES)
    with pytest.raises(cr.InvalidInput, match=r"^policy: "):
        price_frame(_table(), "buddies")  # type: ignore[arg-type]


def test_missing_rate_error_names_row_in_pandas_and_polars_too() -> None:
    table = _table(kind=["sleeping-night", "day"])
    for native in (table.to_pandas(), pl.from_arrow(table)):
        with pytest.raises(cr.MissingRate, match=r"^row 0 \(id 'a'\)") as raised:
            pay_frame(native, cr.BUDDIES)
        assert raised.value.row == 0  # type: ignore[attr-defined]


def test_explain_row_out_of_range() -> None:
    with pytest.raises(cr.InvalidInput, match=r"^row: got 2; expected a row number from 0 to 1"):
        explain(_table(), 2, cr.BUDDIES)


def test_cancellations_need_a_notice_period() -> None:
    start = london(2026, 6, 3, 10)
    table = _table(cancelled_by=["provider", "family"], received_at=pa.array([start, start], pa.timestamp("us", "UTC")))
    no_notice = cr.Policy("p", "P", "1", date(2000, 1, 1), rates=cr.BUDDIES.rates)
    with pytest.raises(cr.MissingParameter, match=r"^row 1 \(id 'b'\): "):
        cancellations_frame(table, no_notice)
    with pytest.raises(cr.InvalidInput, match=r"^cancelled_by\[0\]: got 'nobody'"):
        cancellations_frame(_table(cancelled_by=["nobody", "family"], received_at=[start, start]), cr.BUDDIES)


def test_tariff_frame_without_tariff_names_row() -> None:
    with pytest.raises(cr.CareRulesError, match=r"^row 0 \(id 'a'\): "):
        price_visits_frame(_table(), cr.BUDDIES)


def test_empty_tables_keep_their_kind_and_columns() -> None:
    """An empty frame (what Dask passes as ``meta``) prices to an empty frame with the result columns."""
    empty = _table().slice(0, 0)
    natives: list[Any] = [empty, empty.to_pandas(), pl.from_arrow(empty)]
    for native in natives:
        result = price_frame(native, cr.BUDDIES)
        assert type(result) is type(native)
        assert len(result) == 0
        names = list(result.column_names if isinstance(result, pa.Table) else result.columns)
        assert "amount_minor" in names
        assert "rules" in names


def test_pandas_nanoseconds_finer_than_a_microsecond_are_refused() -> None:
    frame = _table().to_pandas()
    frame["start"] = pd.to_datetime(frame["start"]).astype("datetime64[ns, Europe/London]") + pd.Timedelta(1, "ns")
    with pytest.raises(cr.InvalidInput, match=r"^start\[0\]: .*to the microsecond"):
        price_frame(frame, cr.BUDDIES)


def test_worked_examples_dst_and_bank_holiday_nights() -> None:
    """Named cases: the night the clocks go back, a night into a bank holiday, a flat night on one."""
    policy = cr.BUDDIES.revise(
        version="frames-examples",
        effective_from=date(2000, 1, 1),
        rates=(
            cr.Rate(cr.ShiftKind.WAKING_NIGHT, Decimal("28.50"), date(2000, 1, 1), bank_holiday=True),
            cr.Rate(cr.ShiftKind.SLEEPING_NIGHT, Decimal("95.00"), date(2000, 1, 1), cr.RateBasis.PER_SHIFT),
            cr.Rate(
                cr.ShiftKind.SLEEPING_NIGHT,
                Decimal("142.50"),
                date(2000, 1, 1),
                cr.RateBasis.PER_SHIFT,
                bank_holiday=True,
            ),
        ),
    )
    rows = [
        # 22:00 BST to 07:00 GMT on 24/25 October 2026: 10 h of real time, not 9.
        ("back", london(2026, 10, 24, 22), london(2026, 10, 25, 7), "waking-night"),
        # 22:00 on Sunday 24 May 2026 into the Spring Bank Holiday: 2 h ordinary + 6 h at the holiday rate.
        ("into-bh", london(2026, 5, 24, 22), london(2026, 5, 25, 6), "waking-night"),
        # A sleeping night starting on the bank holiday takes the holiday flat rate.
        ("flat-bh", london(2026, 5, 25, 22), london(2026, 5, 26, 7), "sleeping-night"),
    ]
    table = pa.table(
        {
            "id": [r[0] for r in rows],
            "start": pa.array([r[1] for r in rows], pa.timestamp("us", "Europe/London")),
            "end": pa.array([r[2] for r in rows], pa.timestamp("us", "Europe/London")),
            "kind": [r[3] for r in rows],
        }
    )
    result = price_frame(table, policy)
    assert column(result, "worked_us")[0] == 10 * 3_600_000_000
    assert column(result, "clock_change") == [True, False, False]
    assert column(result, "split_at_midnight") == [True, True, False]
    assert column(result, "day_types") == ["ordinary,ordinary", "ordinary,bank-holiday", "bank-holiday"]
    assert column(result, "amount_minor") == [18500, 2 * 1850 + 6 * 2850, 14250]
    for i, (ident, start, end, kind) in enumerate(rows):
        d = cr.price_session(cr.Session(ident, "-", start, end, cr.ShiftKind(kind)), policy)
        assert column(result, "amount_minor")[i] == int(d.answer.amount * 100)
        assert column(result, "rules")[i] == ",".join(d.rule_ids)
