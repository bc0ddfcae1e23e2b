"""Times in scenario files, as people write them.

A scenario file's date-times are read in one of three forms:

* a local wall time, read in the policy's zone: ``"2027-03-01T08:00"``;
* an RFC 9557 time, a wall time in a named zone, with or without the offset:
  ``"2027-07-01T10:00[Europe/London]"``, ``"2027-07-01T10:00+01:00[Europe/London]"``
  (an offset written there must be one the zone uses at that time);
* an exact instant with an offset: ``"2027-07-01T09:00+00:00"``.

A wall time the clocks skip (the spring change) is refused, and so is a wall
time the clocks show twice (the autumn change) unless an offset says which
of the two is meant. An exact instant stays exact, even when its offset is
not the one the policy's zone uses then (``+00:00`` in British Summer Time):
it is read as that instant, and :func:`read_times` returns a note saying
which local time that is, so that the report can show it (a 10:00 booking
written as ``10:00+00:00`` in July is 11:00 in London, and the report says
so instead of moving it silently).
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

import cattrs

from carerules._errors import InvalidInput
from carerules._time import require_aware, zone

_FORMS = (
    "a date-time such as 2027-03-01T08:00 (local time in the policy's zone), "
    "2027-07-01T10:00[Europe/London] or 2027-07-01T10:00+01:00"
)

#: While a scenario is read: the policy's zone, and the exact instants whose offset is not the zone's.
_READING: contextvars.ContextVar[tuple[tzinfo, dict[str, str]] | None] = contextvars.ContextVar(
    "carerules_scenario_times", default=None
)


def _offset(delta: timedelta | None) -> str:
    minutes = int((delta or timedelta(0)).total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _name(tz: tzinfo) -> str:
    return str(getattr(tz, "key", None) or tz)


def wall_time(wall: datetime, tz: tzinfo, written: str) -> datetime:
    """The naive ``wall`` read in ``tz``; refused if the clocks skip it or show it twice."""
    first, second = wall.replace(tzinfo=tz, fold=0), wall.replace(tzinfo=tz, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first
    hhmm = wall.strftime("%H:%M")
    try:
        skipped = first.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != wall
    except (OverflowError, ValueError):
        raise InvalidInput("datetime", written, "a date-time between the years 1 and 9999") from None
    if skipped:
        raise InvalidInput(
            "datetime",
            written,
            f"a time that exists in {_name(tz)}: on {wall.date()} the clocks go forward "
            f"({_offset(first.utcoffset())} to {_offset(second.utcoffset())}) and skip {hhmm}",
        )
    day = wall.strftime("%Y-%m-%dT%H:%M")
    raise InvalidInput(
        "datetime",
        written,
        f"an offset as well: the clocks in {_name(tz)} go back then and show {hhmm} twice; write "
        f"{day}{_offset(first.utcoffset())} for the first time or {day}{_offset(second.utcoffset())} for the second",
    )


def read_time(value: Any, tz: tzinfo | None) -> datetime:
    """One scenario date-time (see the module's docstring); ``tz`` is the policy's zone.

    With no ``tz`` (the policy is not known), a wall time without a zone is
    refused as before. Records a note for an exact instant whose offset is
    not ``tz``'s at that instant.
    """
    from carerules.serialisation import _ZONED

    if not isinstance(value, str):
        raise InvalidInput("datetime", value, _FORMS)
    match = _ZONED.match(value)
    text = match["iso"] if match else value
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput("datetime", value, _FORMS) from None
    if match:
        named = zone(match["zone"], "datetime zone")
        if parsed.tzinfo is None:
            return _aware(wall_time(parsed, named, value), value)
        parsed = _aware(parsed, value)
        for fold in (0, 1):
            zoned = parsed.replace(tzinfo=named, fold=fold)
            if zoned.utcoffset() == parsed.utcoffset():
                return zoned
        raise InvalidInput("datetime", value, f"an offset that {match['zone']} uses at that time")
    if parsed.tzinfo is None:
        if tz is None:
            raise InvalidInput("datetime", value, "a date-time with a UTC offset, such as 2027-07-01T10:00+01:00")
        return _aware(wall_time(parsed, tz, value), value)
    parsed = _aware(parsed, value)
    state = _READING.get()
    if state is not None:
        local = parsed.astimezone(state[0])
        if local.utcoffset() != parsed.utcoffset():
            state[1][value] = (
                f"{value} is {local.strftime('%Y-%m-%d %H:%M')} local time in {_name(state[0])} "
                f"(which is at {_offset(local.utcoffset())} then, not {_offset(parsed.utcoffset())}); "
                "it is read as that exact instant"
            )
    return parsed


def _aware(parsed: datetime, written: str) -> datetime:
    try:
        return require_aware(parsed, "datetime")
    except InvalidInput as exc:
        raise InvalidInput("datetime", written, exc.expected) from None


def _load(value: Any, _: type) -> datetime:
    state = _READING.get()
    return read_time(value, None if state is None else state[0])


_converters: dict[str, cattrs.Converter] = {}


def scenario_converter() -> cattrs.Converter:
    """The library's converter, reading date-times as :func:`read_time` does (built once)."""
    if not _converters:
        from carerules.serialisation import make_carerules_converter

        conv = make_carerules_converter()
        conv.register_structure_hook(datetime, _load)
        _converters["scenario"] = conv
    return _converters["scenario"]


def read_times(tz: tzinfo | None) -> _Reading:
    """A context in which the scenario converter reads wall times in ``tz``; collects the notes."""
    return _Reading(tz)


class _Reading:
    def __init__(self, tz: tzinfo | None) -> None:
        self.tz = tz
        self.notes: dict[str, str] = {}
        self._token: contextvars.Token[tuple[tzinfo, dict[str, str]] | None] | None = None

    def __enter__(self) -> _Reading:
        self._token = _READING.set(None if self.tz is None else (self.tz, self.notes))
        return self

    def __exit__(self, *_: object) -> None:
        assert self._token is not None
        _READING.reset(self._token)


def paths_of(data: Any, texts: set[str], path: str = "$") -> Iterator[tuple[str, str]]:
    """Every ``(path, text)`` in ``data`` whose string value is one of ``texts``, in document order."""
    if isinstance(data, str):
        if data in texts:
            yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            sub = f"{path}.{key}" if isinstance(key, str) and key.isidentifier() else f'{path}["{key}"]'
            yield from paths_of(value, texts, sub)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from paths_of(value, texts, f"{path}[{i}]")
