"""Tariff vocabulary: the error, the choices (enums) and the small validators the tariff's pieces share."""

from __future__ import annotations

import re
from datetime import time
from typing import Any

import attrs

from carerules._enums import Choice
from carerules._errors import InvalidInput
from carerules._support121._model import Weekday
from carerules._validate import instance, is_money, positive_span, slug

_MONTH_DAY = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")

#: The day type every date has, below every other: a rate for it applies when nothing more specific does.
ANY_DAY = "any"


class TariffError(InvalidInput):
    """A tariff refuses its own contents; ``where`` is the place inside the tariff (``rates[2].of``).

    Inside a policy file the loader prefixes the tariff's own place, so the
    message reads ``... @ $.tariff.rates[2].of``.
    """

    def __init__(self, where: str, value: Any, expected: str) -> None:
        super().__init__(where, value, expected)
        self.where = where
        shown = str(self)
        self.detail = shown.split(": ", 1)[1] if ": " in shown else shown


WEEKDAYS = tuple(Weekday)


class WeekendHolidays(Choice):
    """Which day counts when a bank holiday falls on a weekend.

    ``on-the-day``: the weekend date itself; ``substitute``: only the weekday
    the holidays package names as its substitute (as gov.uk lists them);
    ``both``: both dates (what the charging rules have always done).
    """

    ON_THE_DAY = "on-the-day"
    SUBSTITUTE = "substitute"
    BOTH = "both"


class Per(Choice):
    """What an amount is charged per."""

    HOUR = "hour"
    VISIT = "visit"
    DAY = "day"
    WEEK = "week"
    CALL = "call"


class Boundary(Choice):
    """How time crossing a band, day-type or day boundary is charged."""

    SPLIT = "split"
    START = "start"
    HIGHEST = "highest"


class FlatDay(Choice):
    """Which day type prices a flat (per-visit) rate: the start's, or the higher of the start's and the end's."""

    START = "start"
    START_OR_END = "start-or-end"


class Rounding(Choice):
    """Which way a billing increment rounds."""

    UP = "up"
    DOWN = "down"
    NEAREST = "nearest"


class Basis(Choice):
    """Whether a visit is charged for its actual time or (at least) its booked time."""

    ACTUAL = "actual"
    BOOKED = "booked"


class TopUp(Choice):
    """How the time a minimum adds is priced: as if the visit went on, or at the rate of its first part."""

    EXTEND = "extend"
    FIRST_PART = "first-part"


class Scope(Choice):
    """Which group of visits a minimum is over: one local day, one local month, or a booking block.

    Visits are grouped by their service user and service; a block is the
    caller's ``Visit.block`` id (visits with no block id are in no block).
    """

    DAY = "day"
    MONTH = "month"
    BLOCK = "block"


class Grace(Choice):
    """Once an overrun exceeds the grace minutes: the whole overrun is charged, or only the excess."""

    WHOLE = "whole"
    EXCESS = "excess"


def _names(field: str) -> Any:
    def check(_: object, __: object, value: Any) -> None:
        if not isinstance(value, frozenset):
            raise InvalidInput(field, value, "a frozenset of names")
        for v in value:
            if not isinstance(v, str) or not v.strip():
                raise InvalidInput(field, v, "non-empty names")

    return check


def _weekdays(_: object, __: object, value: Any) -> None:
    if not isinstance(value, frozenset) or not all(isinstance(v, Weekday) for v in value):
        raise InvalidInput("day_type.weekdays", value, "a frozenset of Weekday members")


def _month_days(_: object, __: object, value: Any) -> None:
    if not isinstance(value, frozenset):
        raise InvalidInput("day_type.dates", value, "a frozenset of MM-DD strings")
    for v in value:
        if not isinstance(v, str) or not _MONTH_DAY.match(v) or v in ("02-30", "02-31", "04-31", "06-31", "09-31"):
            raise InvalidInput("day_type.dates", v, "a month and day such as '12-24'")


def _offsets(_: object, __: object, value: Any) -> None:
    if not isinstance(value, frozenset) or not all(
        isinstance(v, int) and not isinstance(v, bool) and -60 <= v <= 60 for v in value
    ):
        raise InvalidInput("day_type.easter", value, "a frozenset of days from Easter Sunday (-60 to 60)")


def _optional_time(field: str) -> Any:
    def check(_: object, __: object, value: Any) -> None:
        if value is not None and (not isinstance(value, time) or value.tzinfo is not None):
            raise InvalidInput(field, value, "a local wall time such as 17:00, or none")

    return check


def _optional_slug(field: str) -> Any:
    inner = slug(field)

    def check(obj: object, attribute: object, value: Any) -> None:
        if value is not None:
            inner(obj, attribute, value)

    return check


def _optional_span(field: str) -> Any:
    inner = positive_span(field)

    def check(obj: object, attribute: object, value: Any) -> None:
        if value is not None:
            inner(obj, attribute, value)

    return check


def _optional_money(field: str) -> Any:
    inner = is_money(field)

    def check(obj: object, attribute: object, value: Any) -> None:
        if value is not None:
            inner(obj, attribute, value)

    return check


def _optional_of(kind: type, field: str) -> Any:
    return attrs.validators.optional(instance(kind, field))


def _precedence(_: object, __: object, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not -1000 <= value <= 1000:
        raise InvalidInput("precedence", value, "a whole number from -1000 to 1000 (higher wins)")
