"""How refused values are shown in messages (issue 18): instants with their zone, never a value cut mid-token."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

import carerules as cr
from carerules._errors import SHOW_LIMIT, _show


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (datetime(2027, 3, 28, 1, 30, tzinfo=ZoneInfo("Europe/London")), "2027-03-28T01:30:00+00:00 (Europe/London)"),
        (datetime(2027, 7, 1, 10, tzinfo=ZoneInfo("Europe/London")), "2027-07-01T10:00:00+01:00 (Europe/London)"),
        (datetime(2027, 7, 1, 9, tzinfo=UTC), "2027-07-01T09:00:00+00:00"),
        (datetime(2027, 7, 1, 9, tzinfo=timezone(timedelta(hours=-5))), "2027-07-01T09:00:00-05:00"),
        (datetime(2027, 7, 1, 9), "2027-07-01T09:00:00 (no timezone)"),
        (date(2101, 6, 1), "2101-06-01"),
        ("lunch", "'lunch'"),
    ],
)
def test_values_are_shown_as_people_read_them(value: object, shown: str) -> None:
    assert _show(value) == shown


def test_a_long_value_is_cut_between_tokens_and_says_so() -> None:
    value = [f"item-{i:03d}" for i in range(40)]
    shown = _show(value)
    assert len(shown) <= SHOW_LIMIT
    assert shown.endswith(" ...")
    assert shown.removesuffix(" ...").endswith("'")  # the last item shown is whole


@given(st.lists(st.text(min_size=1, max_size=12), max_size=30))
def test_no_shown_value_ends_inside_a_token(items: list[str]) -> None:
    shown = _show(items)
    assert len(shown) <= SHOW_LIMIT
    if shown.endswith(" ..."):
        assert repr(items).startswith(shown.removesuffix(" ..."))


def test_a_naive_session_start_is_refused_showing_the_wall_time() -> None:
    with pytest.raises(cr.InvalidInput, match=r"session\.start: got 2026-10-20T10:00:00 \(no timezone\); expected"):
        cr.Session("s", "su", datetime(2026, 10, 20, 10), datetime(2026, 10, 20, 12))
