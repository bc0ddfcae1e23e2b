"""Calendar arithmetic for onboarding: ages, yearly intervals, local due days."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from carerules._errors import InvalidInput
from carerules._guard import public
from carerules._policy import Policy
from carerules._time import format_duration, local_midnight, require_aware


@public
def add_years(day: date, years: int) -> date:
    """``day`` moved by ``years`` calendar years; 29 February lands on 1 March in common years.

    Raises :class:`~carerules.InvalidInput` when the result falls outside years 1 to 9999.
    """
    year = day.year + years
    if not 1 <= year <= 9999:
        raise InvalidInput("years", years, f"a number of years keeping {day} within years 1 to 9999")
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a common year
        return date(year, 3, 1)


@public
def age_on(born: date, day: date) -> int:
    """Whole years of age on ``day`` (a 29 February birthday counts on 1 March in common years)."""
    if day < born:
        raise InvalidInput("date_of_birth", born, f"a date on or before {day}", sensitive=True)
    years = day.year - born.year
    return years if add_years(born, years) <= day else years - 1


def local_day(value: date | datetime, policy: Policy, field: str) -> date:
    """A local calendar date in the policy's zone: a date as given, an aware instant converted."""
    if isinstance(value, datetime):
        try:
            return require_aware(value, field).astimezone(policy.tz).date()
        except OverflowError:
            raise InvalidInput(field, value, f"an instant that has a date in {policy.timezone}") from None
    if isinstance(value, date):
        return value
    raise InvalidInput(field, value, "a date or a timezone-aware datetime")


def end_of_local_day(day: date, policy: Policy) -> datetime:
    """The instant local ``day`` ends (the next local midnight), in the policy's zone."""
    try:
        return local_midnight(day + timedelta(days=1), policy.tz).astimezone(policy.tz)
    except OverflowError:
        raise InvalidInput("date", day, "a date before 9999-12-31") from None


def days_after(day: date, days: int, field: str) -> date:
    """``day`` plus ``days``; :class:`~carerules.InvalidInput` past the calendar's end."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        raise InvalidInput(field, day, f"a date at least {days} days before 9999-12-31") from None


def format_span(span: timedelta) -> str:
    """A long span for people: "15 days 17 h" from two days up, else as :func:`format_duration`."""
    if abs(span) < timedelta(days=2):
        return format_duration(span)
    days, rest = divmod(span, timedelta(days=1))
    return f"{days} days" + (f" {format_duration(rest)}" if rest else "")
