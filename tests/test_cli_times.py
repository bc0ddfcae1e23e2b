"""Times in scenario files (issue 18): local wall times, RFC 9557 times, and the two 2027 clock changes.

Europe/London in 2027 (the UK's summer time rules, the Summer Time Order
2002 pattern: last Sunday of March and of October, at 01:00 UTC): the clocks
go forward on 28 March (01:00 GMT becomes 02:00 BST, so 01:00-01:59 never
happens) and back on 31 October (02:00 BST becomes 01:00 GMT, so 01:00-01:59
happens twice).
"""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import carerules as cr
from carerules._cli import main
from carerules._errors import InvalidInput
from carerules._scenario import read_scenario
from carerules._scenario_times import read_time

pytestmark = pytest.mark.tz

LONDON = ZoneInfo("Europe/London")


def scenario(start: str, end: str = "2027-12-31T23:00") -> dict[str, Any]:
    return {
        "period": {"first": "2027-01-01", "last": "2027-12-31"},
        "sessions": [{"id": "s0", "service_user": "su", "staff": "st", "start": start, "end": end}],
    }


# (written, the instant it is, in UTC)
ACCEPTED = [
    # Local wall times, read in the policy's zone (Europe/London).
    ("2027-03-01T08:00", datetime(2027, 3, 1, 8, tzinfo=UTC)),
    ("2027-07-01T10:00", datetime(2027, 7, 1, 9, tzinfo=UTC)),
    ("2027-07-01T10:00:30", datetime(2027, 7, 1, 9, 0, 30, tzinfo=UTC)),
    # RFC 9557: a wall time in a named zone, with or without an offset that agrees.
    ("2027-07-01T10:00[Europe/London]", datetime(2027, 7, 1, 9, tzinfo=UTC)),
    ("2027-07-01T10:00+01:00[Europe/London]", datetime(2027, 7, 1, 9, tzinfo=UTC)),
    ("2027-07-01T10:00[America/New_York]", datetime(2027, 7, 1, 14, tzinfo=UTC)),
    # Spring 2027: the last minute before the gap, the first after it.
    ("2027-03-28T00:59", datetime(2027, 3, 28, 0, 59, tzinfo=UTC)),
    ("2027-03-28T02:00", datetime(2027, 3, 28, 1, tzinfo=UTC)),
    # Autumn 2027: before and after the repeated hour; inside it, an offset settles which.
    ("2027-10-31T00:59", datetime(2027, 10, 30, 23, 59, tzinfo=UTC)),
    ("2027-10-31T01:30+01:00", datetime(2027, 10, 31, 0, 30, tzinfo=UTC)),
    ("2027-10-31T01:30+00:00", datetime(2027, 10, 31, 1, 30, tzinfo=UTC)),
    ("2027-10-31T01:30+01:00[Europe/London]", datetime(2027, 10, 31, 0, 30, tzinfo=UTC)),
    ("2027-10-31T01:30+00:00[Europe/London]", datetime(2027, 10, 31, 1, 30, tzinfo=UTC)),
    ("2027-10-31T02:00", datetime(2027, 10, 31, 2, tzinfo=UTC)),
    # An explicit offset stays exact, even one London does not use then (noted, see below).
    ("2027-07-01T10:00+00:00", datetime(2027, 7, 1, 10, tzinfo=UTC)),
    ("2027-07-01T10:00Z", datetime(2027, 7, 1, 10, tzinfo=UTC)),
]


@pytest.mark.parametrize(("written", "instant"), ACCEPTED, ids=[w for w, _ in ACCEPTED])
def test_accepted_times_are_the_instant_they_name(written: str, instant: datetime) -> None:
    loaded, _ = read_scenario(scenario(written))
    assert loaded.sessions[0].start.astimezone(UTC) == instant


# (written, a fragment of the one-line message)
REFUSED = [
    ("2027-03-28T01:00", "on 2027-03-28 the clocks go forward (+00:00 to +01:00) and skip 01:00"),
    ("2027-03-28T01:30", "skip 01:30"),
    ("2027-03-28T01:59", "skip 01:59"),
    ("2027-03-28T01:30[Europe/London]", "skip 01:30"),
    ("2027-10-31T01:00", "show 01:00 twice; write 2027-10-31T01:00+01:00 for the first time or"),
    ("2027-10-31T01:30", "2027-10-31T01:30+00:00 for the second"),
    ("2027-10-31T01:59[Europe/London]", "show 01:59 twice"),
    ("2027-07-01T10:00+00:00[Europe/London]", "an offset that Europe/London uses at that time"),
    ("2027-07-01T10:00[Mars/Olympus]", "an IANA timezone name"),
    ("1 July, 10 am", "2027-03-01T08:00 (local time in the policy's zone)"),
    ("9999-12-31T23:59", "got '9999-12-31T23:59'; expected an instant between"),
    ("0001-01-01T00:00[Asia/Tokyo]", "got '0001-01-01T00:00[Asia/Tokyo]'; expected an instant between"),
]


@pytest.mark.parametrize(("written", "fragment"), REFUSED, ids=[w for w, _ in REFUSED])
def test_refused_times_get_one_message_naming_the_path(tmp_path: Path, written: str, fragment: str) -> None:
    data = scenario("2027-01-04T10:00")
    data["sessions"].append(
        {"id": "s1", "service_user": "su", "staff": "st", "start": written, "end": "2027-12-31T23:00"}
    )
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main([str(path)], out, err) == 2
    assert out.getvalue() == ""
    lines = err.getvalue().splitlines()
    assert len(lines) == 1
    assert "$.sessions[1].start" in lines[0]
    assert fragment in lines[0]


def test_a_wrong_offset_is_read_exactly_and_the_report_shows_the_local_time(tmp_path: Path) -> None:
    """The issue's complaint: 10:00+00:00 in July silently became an 11:00 invoice line."""
    data = scenario("2027-07-01T10:00+00:00", "2027-07-01T12:00+00:00")
    data["period"] = {"first": "2027-07-01", "last": "2027-07-31"}
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main([str(path)], out, err) == 0, err.getvalue()
    text = out.getvalue()
    assert "Check this time: $.sessions[0].start: 2027-07-01T10:00+00:00 is 2027-07-01 11:00 local time" in text
    assert "$.sessions[0].end: 2027-07-01T12:00+00:00 is 2027-07-01 13:00" in text
    assert "11:00-13:00 day, 2 h" in text
    out = io.StringIO()
    assert main([str(path), "--json"], out, io.StringIO()) == 0
    assert len(json.loads(out.getvalue())["time_notes"]) == 2


def test_an_offset_the_zone_uses_needs_no_note() -> None:
    _, notes = read_scenario(scenario("2027-07-01T10:00+01:00", "2027-07-01T12:00+01:00"))
    assert notes == ()


def test_wall_times_follow_the_policy_given_on_the_command_line() -> None:
    policy = attrs.evolve(cr.BUDDIES, timezone="America/New_York")
    loaded, _ = read_scenario(scenario("2027-07-01T10:00"), policy=policy)
    assert loaded.sessions[0].start.astimezone(UTC) == datetime(2027, 7, 1, 14, tzinfo=UTC)


def test_the_bundled_example_reads_the_same_written_as_wall_times() -> None:
    from importlib import resources

    text = resources.files("carerules.examples").joinpath("buddies-month.json").read_text(encoding="utf-8")
    data = json.loads(text)
    exact, _ = read_scenario(data)
    for row in data["sessions"]:
        for key in ("start", "end"):
            row[key] = row[key][:16]  # "2027-03-01T08:00:00+00:00[Europe/London]" -> "2027-03-01T08:00"
    walls, notes = read_scenario(data)
    assert walls.sessions == exact.sessions
    assert notes == ()


_WALLS = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2028, 12, 31))


@given(_WALLS)
def test_a_wall_time_is_refused_or_read_as_that_wall_time(wall: datetime) -> None:
    written = wall.isoformat()
    try:
        read = read_time(written, LONDON)
    except InvalidInput:
        first, second = wall.replace(tzinfo=LONDON, fold=0), wall.replace(tzinfo=LONDON, fold=1)
        assert first.utcoffset() != second.utcoffset()  # only times the clocks skip or repeat
        return
    assert read.replace(tzinfo=None) == wall
    assert read.astimezone(UTC).astimezone(LONDON).replace(tzinfo=None) == wall  # it exists...
    assert read.replace(fold=1 - read.fold).utcoffset() == read.utcoffset()  # ...and only once


@given(st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)))
def test_every_instant_written_with_its_london_offset_reads_back_exactly(instant: datetime) -> None:
    local = instant.astimezone(LONDON)
    for written in (local.isoformat(), f"{local.isoformat()}[Europe/London]"):
        read = read_time(written, LONDON)
        assert read == instant
        assert read.utcoffset() == local.utcoffset()
    assert read_time((instant + timedelta(0)).isoformat(), LONDON) == instant


@given(st.one_of(st.text(max_size=40), st.datetimes().map(lambda d: d.isoformat()), st.none(), st.integers()))
def test_any_value_is_read_or_refused_with_a_typed_error(value: object) -> None:
    try:
        read = read_time(value, LONDON)
    except InvalidInput:
        return
    assert read.utcoffset() is not None  # whatever is accepted is an exact instant
