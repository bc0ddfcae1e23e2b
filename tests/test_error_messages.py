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


def test_an_instant_refused_by_a_call_with_a_policy_is_shown_in_the_policys_zone() -> None:
    """Issue 18: a UTC instant read back in London time, the zone the provider's people read."""
    instant = datetime(2027, 7, 1, 9, tzinfo=UTC)
    with pytest.raises(cr.InvalidInput) as caught:
        cr.quote(instant, instant, cr.ShiftKind.DAY, cr.BUDDIES)
    message = str(caught.value)
    assert "got 2027-07-01T10:00:00+01:00 (Europe/London)" in message
    assert "+00:00" not in message
    assert caught.value.value == instant  # the value itself is untouched


_ZONES = ["UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"]


@pytest.mark.tz
@given(
    st.datetimes(
        min_value=datetime(1971, 1, 2),
        max_value=datetime(2099, 12, 30),
        timezones=st.sampled_from(_ZONES).map(ZoneInfo),
    ),
    st.sampled_from(_ZONES),
)
def test_showing_in_a_zone_keeps_the_same_instant_in_that_zone(instant: datetime, zone: str) -> None:
    """Whatever zone an instant came in, the message names the same instant in the target zone, with its name."""
    from carerules._errors import _instant, show_in_zone

    error = cr.InvalidInput("start", instant, f"an instant before {_instant(instant)}")
    show_in_zone(error, ZoneInfo(zone))
    # Through UTC, so a wall time in a gap is shown as the instant it is (Python's same-zone astimezone keeps it).
    shown = _instant(instant.astimezone(UTC).astimezone(ZoneInfo(zone)))
    assert str(error) == f"start: got {shown}; expected an instant before {shown}"
