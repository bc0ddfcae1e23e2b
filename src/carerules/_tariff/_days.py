"""The calendar of day types: which day types (and bands) hold at each moment of a local day.

Bank holidays come from the ``holidays`` package for the policy calendar's
country and subdivision, with the tariff's explicit weekend rule (on the
day, the substitute, or both); the provider's closure days count too.
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from typing import NamedTuple

from carerules._errors import InvalidInput
from carerules._policy._calendar import Calendar
from carerules._tariff._model import ANY_DAY, WEEKDAYS, DayType, Tariff, WeekendHolidays


@lru_cache(maxsize=512)
def bank_holidays(country: str, subdivision: str | None, year: int, rule: WeekendHolidays) -> dict[date, str]:
    """The year's bank holidays by date under the weekend rule ``rule``."""
    import holidays

    every = holidays.country_holidays(country, subdiv=subdivision, years=year, observed=True)
    actual = holidays.country_holidays(country, subdiv=subdivision, years=year, observed=False)
    if not getattr(every, "start_year", year) <= year <= getattr(every, "end_year", year):
        region = country + (f"-{subdivision}" if subdivision else "")
        raise InvalidInput("date", date(year, 1, 1), f"a year the holidays package has {region} bank holidays for")
    all_days = {d: str(n) for d, n in every.items() if d.year == year}
    on_day = {d: str(n) for d, n in actual.items() if d.year == year}
    if rule is WeekendHolidays.BOTH:
        return all_days
    if rule is WeekendHolidays.ON_THE_DAY:
        return on_day
    substitutes = {all_days[d].split(" (")[0] for d in all_days if d not in on_day}
    return {
        d: n for d, n in all_days.items() if not (d in on_day and d.weekday() >= 5 and n.split(" (")[0] in substitutes)
    }


def easter_sunday(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    lo = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * lo) // 451
    month, day = divmod(h + lo - 7 * m + 114, 31)
    return date(year, month, day + 1)


class DayMatch(NamedTuple):
    """A day type that holds on a date, and why (the holiday's name, or the criterion)."""

    day_type: DayType
    why: str


def holiday_name(calendar: Calendar, day: date, rule: WeekendHolidays) -> str | None:
    """The bank holiday (or closure day) on ``day`` under ``rule``, or ``None``."""
    if not calendar.first_year <= day.year <= calendar.last_year:
        raise InvalidInput(
            "date", day, f"a date in {calendar.first_year}..{calendar.last_year}, the years this calendar covers"
        )
    if day in calendar.closure_days:
        return "closure day"
    return bank_holidays(calendar.country, calendar.subdivision, day.year, rule).get(day)


def matches(tariff: Tariff, calendar: Calendar, day: date) -> tuple[DayMatch, ...]:
    """The day types of ``tariff`` that hold on ``day`` (some only part of it), highest precedence first."""
    weekday = WEEKDAYS[day.weekday()]
    holiday = None
    if any(d.bank_holidays for d in tariff.day_types):
        holiday = holiday_name(calendar, day, tariff.weekend_holidays)
    month_day = f"{day.month:02d}-{day.day:02d}"
    easter = None
    out: list[DayMatch] = []
    for d in tariff.day_types:
        why = None
        if d.bank_holidays and holiday is not None:
            wanted = d.holiday_names
            if not wanted or holiday.split(" (")[0] in wanted or holiday in wanted:
                why = holiday
        if why is None and month_day in d.dates:
            why = f"the {day:%d %B}"
        if why is None and d.easter:
            easter = easter or easter_sunday(day.year)
            offset = (day - easter).days
            if offset in d.easter:
                why = (
                    "Easter Sunday"
                    if offset == 0
                    else f"{abs(offset)} day(s) {'after' if offset > 0 else 'before'} Easter Sunday"
                )
        if why is None and weekday in d.weekdays:
            why = f"a {day:%A}"
        if why is not None:
            out.append(DayMatch(d, why))
    out.sort(key=lambda m: -m.day_type.precedence)
    return tuple(out)


class Piece(NamedTuple):
    """A stretch of one local day with one band and one ordered set of day types."""

    start: datetime  # UTC
    end: datetime  # UTC
    day: date
    band: str | None
    types: tuple[str, ...]  # day type names, highest precedence first, ``any`` last
    start_minute: int
    end_minute: int


def _instant(day: date, minute: int, tz: tzinfo) -> datetime:
    if minute >= 1440:
        return datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)
    return datetime.combine(day, time(minute // 60, minute % 60), tzinfo=tz).astimezone(UTC)


def _minute(t: time) -> int:
    return t.hour * 60 + t.minute


def day_pieces(tariff: Tariff, calendar: Calendar, tz: tzinfo, day: date) -> tuple[Piece, ...]:
    """The pieces of local ``day`` at each band and day-type edge, in order (instants in UTC)."""
    found = matches(tariff, calendar, day)
    windows: list[tuple[str, int, int]] = []
    edges = {0, 1440}
    for m in found:
        w = m.day_type.window
        lo, hi = (0, 1440) if w is None else (_minute(w[0]), 1440 if w[1] is None else _minute(w[1]) or 1440)
        windows.append((m.day_type.name, lo, hi))
        edges.update((lo, hi))
    spans = [(b, s, e) for b in tariff.bands for s, e in b.minutes()]
    for _, s, e in spans:
        edges.update((s, e))
    cuts = sorted(edges)
    pieces: list[Piece] = []
    for lo, hi in itertools.pairwise(cuts):
        if lo >= hi:
            continue
        covering = [b for b, s, e in spans if s <= lo and hi <= e]
        band = max(covering, key=lambda b: b.precedence).name if covering else None
        types = (*tuple(name for name, s, e in windows if s <= lo and hi <= e), ANY_DAY)
        start, end = _instant(day, lo, tz), _instant(day, hi, tz)
        if pieces and pieces[-1].band == band and pieces[-1].types == types:
            last = pieces[-1]
            pieces[-1] = last._replace(end=end, end_minute=hi)
        elif end > start:
            pieces.append(Piece(start, end, day, band, types, lo, hi))
    return tuple(pieces)
