"""Bank holidays from the ``holidays`` package, plus a provider's closure days."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import attrs

from carerules._errors import InvalidInput
from carerules._guard import public
from carerules._rules import PRODUCT_DECISIONS, Rule, Source

BANK_HOLIDAYS = Rule(
    "calendar.bank-holidays",
    Source(PRODUCT_DECISIONS, "Time"),
    "Bank holidays are those the holidays package lists for the policy's country and subdivision, substitute days "
    "included.",
)
CLOSURE_DAYS = Rule(
    "calendar.closure-days",
    Source(PRODUCT_DECISIONS, "Time"),
    "A provider may name its own closure days; they are treated as bank holidays.",
)


@lru_cache(maxsize=512)
def _holidays_of(country: str, subdivision: str | None, year: int) -> dict[date, str] | None:
    """The year's holidays by date, or ``None`` when the holidays package has no data for that year."""
    import holidays  # deferred: importing holidays costs ~0.1 s

    table = holidays.country_holidays(country, subdiv=subdivision, years=year)
    if not getattr(table, "start_year", year) <= year <= getattr(table, "end_year", year):
        return None
    return {d: str(name) for d, name in table.items() if d.year == year}


def _known(calendar: Calendar, day: date) -> dict[date, str]:
    """The holidays of ``day``'s year; :class:`~carerules.InvalidInput` when the package has no data for it.

    A year the ``holidays`` package does not cover (England before 1872 or
    after 2100, in holidays 0.109) is refused rather than read as a year
    without bank holidays, even inside a calendar's own ``first_year`` to
    ``last_year``.
    """
    found = _holidays_of(calendar.country, calendar.subdivision, day.year)
    if found is None:
        region = calendar.country + (f"-{calendar.subdivision}" if calendar.subdivision else "")
        raise InvalidInput("date", day, f"a date in a year the holidays package has {region} bank holidays for")
    return found


#: Pairs known to be valid without asking the holidays package (asking costs
#: ~0.1 s, too much for ``import carerules``); a test keeps this honest.
VERIFIED_REGIONS = frozenset({("GB", "ENG")})


@lru_cache(maxsize=64)
def _check_region(country: str, subdivision: str | None) -> None:
    if (country, subdivision) in VERIFIED_REGIONS:
        return
    import holidays

    if not isinstance(country, str) or country not in holidays.list_supported_countries():
        raise InvalidInput("calendar.country", country, "a country code the holidays package knows, e.g. 'GB'")
    subdivisions = holidays.list_supported_countries()[country]
    if subdivision is not None and subdivision not in subdivisions:
        raise InvalidInput("calendar.subdivision", subdivision, f"one of {sorted(subdivisions)}")


def _check_dates(_: object, attribute: attrs.Attribute[frozenset[date]], value: frozenset[date]) -> None:
    if not isinstance(value, frozenset):
        raise InvalidInput(f"calendar.{attribute.name}", value, "a frozenset of dates")
    for d in value:
        if not isinstance(d, date):
            raise InvalidInput(f"calendar.{attribute.name}", d, "calendar dates")


@attrs.frozen
class Calendar:
    """Which local dates are bank holidays.

    Dates come from the ``holidays`` package (``country``/``subdivision``,
    substitute days included) for years ``first_year``..``last_year``;
    outside that range, and in years the package has no data for, the
    calendar refuses to answer rather than guess.
    ``closure_days`` are the provider's own days, treated as bank holidays.
    """

    country: str = "GB"
    subdivision: str | None = "ENG"
    closure_days: frozenset[date] = attrs.field(default=frozenset(), validator=_check_dates)
    first_year: int = 1971
    last_year: int = 2100

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.country, str) or not (self.subdivision is None or isinstance(self.subdivision, str)):
            raise InvalidInput("calendar.country", self.country, "a country code string such as 'GB'")
        _check_region(self.country, self.subdivision)
        if not isinstance(self.first_year, int) or not isinstance(self.last_year, int):
            raise InvalidInput("calendar.first_year", self.first_year, "whole years")
        if not (1 <= self.first_year <= self.last_year <= 9999):
            raise InvalidInput("calendar.last_year", self.last_year, f"a year range starting at {self.first_year}")

    def _check_year(self, day: date) -> None:
        if not self.first_year <= day.year <= self.last_year:
            raise InvalidInput(
                "date",
                day,
                f"a date in {self.first_year}..{self.last_year}, the years this calendar covers",
            )

    @public
    def holiday_name(self, day: date) -> str | None:
        """The bank holiday's name on local ``day``, or ``None`` for an ordinary day."""
        return self.lookup(day)

    def lookup(self, day: date) -> str | None:
        """:meth:`holiday_name` without argument checks (the library's hot path)."""
        self._check_year(day)
        if day in self.closure_days:
            return "closure day"
        return _known(self, day).get(day)

    @public
    def is_bank_holiday(self, day: date) -> bool:
        """True when local ``day`` is a bank holiday or a closure day."""
        return self.lookup(day) is not None

    @public
    def holidays_in(self, year: int) -> dict[date, str]:
        """Every bank holiday and closure day of ``year``, by date."""
        if not self.first_year <= year <= self.last_year:  # before date(): year 0 or 10**20 cannot be a date
            raise InvalidInput(
                "year", year, f"a year in {self.first_year}..{self.last_year}, the years this calendar covers"
            )
        found = dict(_known(self, date(year, 1, 1)))
        found.update({d: "closure day" for d in self.closure_days if d.year == year})
        return dict(sorted(found.items()))
