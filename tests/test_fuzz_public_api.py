"""Every public function and constructor, fed arbitrary values, raises only the library's typed errors."""

from __future__ import annotations

import inspect
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import carerules as cr

#: Values no parameter should choke on: wrong types, naive and extreme datetimes, odd numbers, odd text.
GARBAGE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=10),
    st.binary(max_size=4),
    st.just(Decimal("NaN")),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.dates(),
    st.datetimes(),  # naive
    st.datetimes(timezones=st.just(UTC)),
    st.just(datetime.min.replace(tzinfo=UTC)),
    st.just(datetime.max.replace(tzinfo=UTC)),
    st.just(datetime.min.replace(tzinfo=ZoneInfo("Asia/Tokyo"))),
    st.just(datetime.max.replace(tzinfo=ZoneInfo("America/New_York"))),
    st.just(timedelta.max),
    st.timedeltas(),
    st.lists(st.integers(), max_size=3),
    st.tuples(st.text(max_size=3)),
    st.frozensets(st.dates(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.just(cr.BUDDIES),
    st.just(cr.ShiftKind.DAY),
    st.just(date(2026, 10, 20)),
    st.just(timedelta(hours=2)),
)

PUBLIC = [getattr(cr, name) for name in cr.__all__]
FUNCTIONS = [f for f in PUBLIC if inspect.isfunction(f)]
CLASSES = [c for c in PUBLIC if inspect.isclass(c) and attrs.has(c)]


def _call(target: Any, values: dict[str, Any]) -> None:
    error: cr.CareRulesError | None = None
    try:
        target(**values)
    except cr.CareRulesError as exc:
        error = exc
    if isinstance(error, cr.InvalidInput):
        assert error.field
        if error.sensitive:  # health, contact details and notes are never echoed (tests/test_privacy.py)
            assert "<redacted" in str(error)
        elif not isinstance(error, cr.ScenarioError):
            assert repr(error.value)[:20] in str(error) or len(repr(error.value)) > 80


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.__name__)
@settings(max_examples=60)
@given(data=st.data())
def test_public_functions_raise_only_typed_errors(function: Any, data: st.DataObject) -> None:
    params = [p for p in inspect.signature(function).parameters.values() if p.kind is not p.VAR_KEYWORD]
    if params and all(p.kind is p.VAR_POSITIONAL for p in params):
        pytest.skip("signature hidden (mutation testing replaces functions with trampolines)")
    values = {p.name: data.draw(GARBAGE, label=p.name) for p in params if p.kind is not p.VAR_POSITIONAL}
    _call(function, values)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
@settings(max_examples=60)
@given(data=st.data())
def test_public_constructors_raise_only_typed_errors(cls: Any, data: st.DataObject) -> None:
    values = {a.alias: data.draw(GARBAGE, label=a.alias) for a in attrs.fields(cls) if a.init}
    _call(cls, values)
