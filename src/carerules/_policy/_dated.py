"""Values that change on dates: every threshold a policy sets, not only its rates.

A :class:`Dated` value is a list of changes, each in force from its
``effective_from`` date until the next. A change with no date is in force
from the beginning of time (a policy file's scalar shorthand). Looking a value
up (:meth:`Dated.on`) at the date that matters (a session's local start date,
a first session, the day of a check) means that a session priced before a
change re-prices identically afterwards.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any, Generic, TypeVar

import attrs

from carerules._errors import InvalidInput, MissingParameter

T = TypeVar("T")


@attrs.frozen
class Change(Generic[T]):
    """One value of a dated parameter, in force from ``effective_from`` (``None``: always)."""

    effective_from: date | None
    value: T

    def __attrs_post_init__(self) -> None:
        day = self.effective_from
        if day is not None and (not isinstance(day, date) or isinstance(day, datetime)):
            raise InvalidInput("effective_from", day, "a date (YYYY-MM-DD) or none")


def _changes(value: Iterable[Change[Any]]) -> tuple[Change[Any], ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidInput("changes", value, "an iterable of Change")
    items = tuple(value)
    if not items:
        raise InvalidInput("changes", items, "at least one value")
    for c in items:
        if not isinstance(c, Change):
            raise InvalidInput("changes", c, "Change objects")
    undated = [i for i, c in enumerate(items) if c.effective_from is None]
    if len(undated) > 1:
        raise InvalidInput("changes", items, "at most one value with no effective date")
    ordered = sorted(items, key=lambda c: date.min if c.effective_from is None else c.effective_from)
    for before, after in itertools.pairwise(ordered):
        if before.effective_from == after.effective_from:
            raise InvalidInput(
                "effective_from", after.effective_from, "one value per date (two values take effect on this date)"
            )
    return tuple(ordered)


@attrs.frozen
class Dated(Generic[T]):
    """A parameter's values over time; :meth:`on` gives the one in force on a date."""

    changes: tuple[Change[T], ...] = attrs.field(converter=_changes)
    _days: tuple[int, ...] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        days = tuple(-1 if c.effective_from is None else c.effective_from.toordinal() for c in self.changes)
        object.__setattr__(self, "_days", days)

    @classmethod
    def always(cls, value: T) -> Dated[T]:
        """A value that never changes."""
        return cls((Change(None, value),))

    @property
    def is_constant(self) -> bool:
        """True when the parameter has one value for all time."""
        return len(self.changes) == 1 and self.changes[0].effective_from is None

    @property
    def latest(self) -> T:
        """The value of the most recent change."""
        return self.changes[-1].value

    def find(self, day: date) -> Change[T] | None:
        """The change in force on ``day``, or ``None`` before the first."""
        i = bisect.bisect_right(self._days, day.toordinal())
        return self.changes[i - 1] if i else None

    def on(self, day: date, *, policy: str = "policy", parameter: str = "parameter") -> T:
        """The value in force on ``day``; :class:`~carerules.MissingParameter` if none yet."""
        found = self.find(day)
        if found is None:
            raise MissingParameter(
                policy, parameter, day, f"its first value takes effect on {self.changes[0].effective_from}"
            )
        return found.value

    def dates(self) -> tuple[date | None, ...]:
        """The dates the parameter changes on (``None`` for an undated value)."""
        return tuple(c.effective_from for c in self.changes)

    def then(self, effective_from: date, value: T) -> Dated[T]:
        """This parameter with ``value`` in force from ``effective_from``."""
        return Dated((*self.changes, Change(effective_from, value)))

    def map(self, fn: Callable[[T], Any]) -> Dated[Any]:
        """The same dates with each value transformed."""
        return Dated(tuple(Change(c.effective_from, fn(c.value)) for c in self.changes))


def dated(value: Any) -> Dated[Any]:
    """Converter: a :class:`Dated` as it is; any other value in force always."""
    return value if isinstance(value, Dated) else Dated.always(value)


def each_value(check: Callable[[Any], None]) -> Callable[[object, object, Dated[Any]], None]:
    """An attrs validator applying ``check`` to every value of a dated field."""

    def validate(_: object, __: object, value: Dated[Any]) -> None:
        for c in value.changes:
            check(c.value)

    return validate
