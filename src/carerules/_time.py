"""Honest time: aware instants, elapsed durations, local calendar days.

Every instant is timezone-aware; durations are elapsed real time (computed
in UTC, so a night when the clocks change is 1 h shorter or longer); dates
are local calendar days in a policy's zone. Nothing reads the machine's own
timezone.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from carerules._errors import InvalidInput
from carerules._guard import public
from carerules._zones import iana_zone

_ONE_DAY = timedelta(days=1)
_MICROSECOND = timedelta(microseconds=1)


#: The range of instants the library accepts (UTC): a day and more inside datetime's own range, so
#: every accepted instant, and the local midnights around it, exist as local times in every zone.
EARLIEST = datetime(1, 1, 2, tzinfo=UTC)
LATEST = datetime(9999, 12, 29, 23, 59, 59, 999999, tzinfo=UTC)


def require_aware(value: Any, field: str) -> datetime:
    """``value`` if it is a timezone-aware ``datetime`` between :data:`EARLIEST` and :data:`LATEST`.

    Else :class:`InvalidInput` naming ``field``. The range keeps every later
    conversion to a local time (pricing, batching, cancelling) from
    overflowing: an instant the library accepts can always be priced or
    refused with a typed error.
    """
    if not isinstance(value, datetime):
        raise InvalidInput(field, value, "a timezone-aware datetime")
    try:
        offset = value.utcoffset()
    except (ValueError, OverflowError):
        offset = None
    if value.tzinfo is None or offset is None:
        raise InvalidInput(
            field,
            value,
            "a timezone-aware datetime (naive datetimes are refused; "
            "attach a zone, e.g. tzinfo=ZoneInfo('Europe/London'))",
        )
    try:
        utc = value.astimezone(UTC)
    except (ValueError, OverflowError):
        utc = None
    if utc is None or not EARLIEST <= utc <= LATEST:
        raise InvalidInput(field, value, "an instant between 0001-01-02 and 9999-12-29 UTC")
    return value


def require_date(value: Any, field: str) -> date:
    """``value`` if it is a ``date`` (and not a ``datetime``)."""
    if isinstance(value, datetime) or not isinstance(value, date):
        raise InvalidInput(field, value, "a calendar date (datetime.date)")
    return value


def zone(name: str, field: str = "timezone") -> ZoneInfo:
    """The IANA timezone called ``name``; :class:`InvalidInput` if it is not an IANA key.

    The machine's own zone (``"localtime"``) is refused, as are directory
    names (``"Europe"``) and anything that is not a string.
    """
    return iana_zone(name, field)


def elapsed(start: datetime, end: datetime) -> timedelta:
    """Elapsed real time from ``start`` to ``end`` (both aware).

    Python subtracts two datetimes sharing one tzinfo as wall-clock times;
    converting to UTC first makes DST nights come out right.
    """
    if not (isinstance(start, datetime) and isinstance(end, datetime) and start.tzinfo and end.tzinfo):
        require_aware(start, "start")
        require_aware(end, "end")
    try:
        return plain_span(end.astimezone(UTC) - start.astimezone(UTC))
    except OverflowError:
        raise InvalidInput("start", start, "an instant between years 1 and 9999 in UTC") from None


@public
def plus_elapsed(instant: datetime, span: timedelta) -> datetime:
    """The instant ``span`` of real time after ``instant``, in the same zone.

    ``instant + span`` on an aware datetime adds wall-clock time, which is
    wrong across a clock change; this adds elapsed time.
    """
    try:
        return (to_utc(require_aware(instant, "instant")) + plain_span(span)).astimezone(instant.tzinfo)
    except OverflowError:
        raise InvalidInput("span", span, f"a span that keeps {instant.isoformat()} within years 1 to 9999") from None


def plain_span(span: timedelta) -> timedelta:
    """``span`` as a plain ``timedelta`` (pendulum and pandas return subclasses with other arithmetic)."""
    if type(span) is timedelta:
        return span
    return timedelta(days=span.days, seconds=span.seconds, microseconds=span.microseconds)


def to_utc(instant: datetime) -> datetime:
    """``instant`` as a plain ``datetime`` in UTC (exact; subclasses such as pendulum's become plain)."""
    utc = instant.astimezone(UTC)
    if type(utc) is datetime:
        return utc
    return datetime(utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second, utc.microsecond, tzinfo=UTC)


def instant_key(value: Any) -> Any:
    """What equality and hashing compare for a field holding instants: the instant itself (in UTC).

    Python compares two datetimes sharing one tzinfo by wall clock and ignores
    ``fold``, so 01:30 BST and 01:30 GMT on the night the clocks go back are
    "equal" and hash alike although an hour apart. Used as ``attrs.field(eq=instant_key)``
    on every field holding an instant (or a tuple of them, or ``None``).
    """
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            return value
        return to_utc(value)
    if isinstance(value, tuple):
        return tuple(instant_key(v) for v in value)
    return value


def microseconds(span: timedelta) -> int:
    """``span`` as a whole number of microseconds (exact)."""
    return (span.days * 86_400 + span.seconds) * 1_000_000 + span.microseconds


def hours(span: timedelta) -> Decimal:
    """``span`` in hours as a decimal: exact whenever the hours have a finite decimal (30 min is 0.5,
    45 min 0.75), otherwise to the money context's 28 significant digits (20 min is 0.3333...)."""
    from carerules._money import MONEY_CONTEXT

    return MONEY_CONTEXT.divide(Decimal(span // _ONE_US), _HOUR_US)


_ONE_US = timedelta(microseconds=1)
_HOUR_US = Decimal(3_600_000_000)


def local_date(instant: datetime, tz: tzinfo) -> date:
    """The calendar date of ``instant`` in ``tz``."""
    return instant.astimezone(tz).date()


def local_midnight(day: date, tz: tzinfo) -> datetime:
    """The instant (UTC) at which local ``day`` begins in ``tz``."""
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)


def split_at_local_midnight(start: datetime, end: datetime, tz: tzinfo) -> Iterator[tuple[date, datetime, datetime]]:
    """The pieces of ``[start, end)`` that fall on each local calendar day.

    Yields ``(local_date, piece_start_utc, piece_end_utc)``; the pieces are
    contiguous and their durations add up to ``elapsed(start, end)``.
    """
    cursor = to_utc(start)
    stop = to_utc(end)
    day = cursor.astimezone(tz).date()
    while cursor < stop:
        boundary = local_midnight(day + _ONE_DAY, tz)
        piece_end = min(boundary, stop)
        yield day, cursor, piece_end
        cursor = piece_end
        day += _ONE_DAY


def format_duration(span: timedelta) -> str:
    """``span`` for people: "2 h", "1 h 30 min", "47 h 12 min", "45 s"."""
    total = int(span.total_seconds())
    sign = "-" if total < 0 else ""
    total = abs(total)
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(f"{hours} h")
    if minutes:
        parts.append(f"{minutes} min")
    if seconds or not parts:
        parts.append(f"{seconds} s")
    return sign + " ".join(parts)


def format_local(instant: datetime, tz: tzinfo) -> str:
    """``instant`` as local wall time with its UTC offset, e.g. "2026-03-29 03:30 +01:00"."""
    local = instant.astimezone(tz)
    return local.strftime("%Y-%m-%d %H:%M ") + local.strftime("%z")[:3] + ":" + local.strftime("%z")[3:]


def _period_date(field: str) -> Any:
    return lambda _, __, value: require_date(value, field)


@attrs.frozen
class Period:
    """An inclusive range of local calendar dates, ``first`` to ``last``."""

    first: date = attrs.field(validator=_period_date("period.first"))
    last: date = attrs.field(validator=_period_date("period.last"))

    def __attrs_post_init__(self) -> None:
        if self.last < self.first:
            raise InvalidInput("period.last", self.last, f"a date on or after period.first ({self.first})")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last

    def days(self) -> Iterator[date]:
        """Every date in the period, in order."""
        day = self.first
        while day <= self.last:
            yield day
            day += _ONE_DAY

    def __str__(self) -> str:
        return f"{self.first} to {self.last}"
