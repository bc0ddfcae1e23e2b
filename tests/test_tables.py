"""Results as typed tables (issue 18, notebook analysts): exact decimals and temporal types, never floats."""

from __future__ import annotations

import builtins
import sys
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import carerules as cr
from carerules._display import Tabular
from carerules.strategies import policies, sessions


@settings(max_examples=40, deadline=None)
@given(policies(), st.lists(sessions(), min_size=1, max_size=12))
def test_a_priced_batch_keeps_every_amount_exact_in_arrow_pandas_and_polars(
    policy: cr.Policy, drawn: list[cr.Session]
) -> None:
    batch = cr.price_batch(drawn, policy)
    table = batch.to_arrow()
    assert pa.types.is_decimal(table.schema.field("amount").type)
    assert pa.types.is_date32(table.schema.field("date").type)
    assert table.column("amount").to_pylist() == list(batch.amounts)
    frame = batch.to_pandas()
    assert isinstance(frame["amount"].dtype, pd.ArrowDtype)
    total = frame["amount"].sum()
    assert isinstance(total, Decimal)
    assert total == batch.total
    assert isinstance(frame["hours_charged"].mean(), Decimal)
    polars = batch.to_polars()
    assert polars.schema["amount"].is_decimal()
    assert polars.schema["date"] == pl.Date
    assert polars["amount"].to_list() == list(batch.amounts)


class _Rows(Tabular):
    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self._rows = rows

    def rows(self) -> list[dict[str, Any]]:
        return self._rows


def test_instants_keep_their_zone_and_a_column_mixing_zones_is_read_in_utc() -> None:
    london = datetime(2027, 7, 1, 10, tzinfo=ZoneInfo("Europe/London"))
    one = _Rows([{"at": london}, {"at": london + timedelta(days=200)}]).to_arrow()
    assert one.schema.field("at").type == pa.timestamp("us", tz="Europe/London")
    mixed = _Rows([{"at": london}, {"at": datetime(2027, 7, 1, 10, tzinfo=ZoneInfo("America/New_York"))}]).to_arrow()
    assert mixed.schema.field("at").type == pa.timestamp("us", tz="UTC")
    assert mixed.column("at").to_pylist()[0] == datetime(2027, 7, 1, 9, tzinfo=UTC)


def test_durations_choices_and_missing_values_have_proper_types() -> None:
    rows: list[dict[str, Any]] = [
        {"kind": cr.ShiftKind.DAY, "span": timedelta(hours=2), "on": date(2027, 1, 4), "t": time(9), "n": None},
        {"kind": cr.ShiftKind.SLEEPING_NIGHT, "span": None, "on": None, "t": None, "n": Decimal("1.5")},
    ]
    table = _Rows(rows).to_arrow()
    assert table.schema.field("kind").type == pa.string()
    assert table.column("kind").to_pylist() == ["day", "sleeping-night"]
    assert table.schema.field("span").type == pa.duration("us")
    assert pa.types.is_decimal(table.schema.field("n").type)
    assert table.column("n").to_pylist() == [None, Decimal("1.5")]


def test_a_schedule_comes_out_with_local_instants() -> None:
    plan = cr.Plan("r", "w", 2, cr.Weekday.MONDAY, time(18), date(2027, 3, 15), 6)
    frame = cr.schedule(plan, cr.ONE_TO_ONE_SUPPORT, cr.Period(date(2027, 3, 1), date(2027, 4, 30))).answer.to_pandas()
    assert str(frame["at"].dtype) == "timestamp[us, tz=Europe/London][pyarrow]"
    assert list(frame["local_time"]) == [time(18)] * len(frame)


@pytest.mark.parametrize(
    ("method", "package", "extra"), [("to_arrow", "pyarrow", "arrow"), ("to_polars", "polars", "polars")]
)
def test_a_missing_optional_library_names_the_extra_to_install(
    monkeypatch: pytest.MonkeyPatch, method: str, package: str, extra: str
) -> None:
    real = builtins.__import__

    def refuse(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == package or name.startswith(package + "."):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", refuse)
    monkeypatch.delitem(sys.modules, package, raising=False)
    with pytest.raises(cr.MissingDependency, match=rf"carerules\[{extra}\]"):
        getattr(_Rows([{"a": 1}]), method)()
