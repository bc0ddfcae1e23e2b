"""Validators and converters shared by every domain object.

Each raises :class:`~carerules.InvalidInput` naming the field, so an invalid
object can never be constructed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, TypeVar

from carerules._errors import InvalidInput
from carerules._money import to_money
from carerules._time import require_aware, require_date

E = TypeVar("E", bound=StrEnum)


def enum_of(kind: type[E], field: str) -> Callable[[Any], E]:
    """A converter accepting a member of ``kind`` or its value string."""

    def convert(value: Any) -> E:
        if isinstance(value, kind):
            return value
        try:
            return kind(value)
        except (ValueError, TypeError):
            choices = ", ".join(repr(m.value) for m in kind)
            raise InvalidInput(field, value, f"one of {choices}") from None

    return convert


def text(field: str) -> Callable[[object, object, Any], None]:
    """A validator for a non-empty string (ids, names)."""

    def check(_: object, __: object, value: Any) -> None:
        if not isinstance(value, str) or not value.strip():
            raise InvalidInput(field, value, "a non-empty string")

    return check


def optional_text(field: str) -> Callable[[object, object, Any], None]:
    """A validator for ``None`` or a non-empty string."""
    inner = text(field)

    def check(obj: object, attribute: object, value: Any) -> None:
        if value is not None:
            inner(obj, attribute, value)

    return check


def plain_text(field: str) -> Callable[[object, object, Any], None]:
    """A validator for any string, empty included (notes, descriptions)."""

    def check(_: object, __: object, value: Any) -> None:
        if not isinstance(value, str):
            raise InvalidInput(field, value, "a string")

    return check


def aware(field: str) -> Callable[[Any], datetime]:
    """A converter refusing naive datetimes."""
    return lambda value: require_aware(value, field)


def optional_aware(field: str) -> Callable[[Any], datetime | None]:
    """A converter for ``None`` or an aware datetime."""
    return lambda value: None if value is None else require_aware(value, field)


def a_date(field: str) -> Callable[[Any], date]:
    """A converter for a calendar date."""
    return lambda value: require_date(value, field)


def money(field: str) -> Callable[[Any], Any]:
    """A converter for an exact, non-negative amount of money."""
    return lambda value: to_money(value, field)


def positive_span(field: str) -> Callable[[object, object, Any], None]:
    """A validator for a positive ``timedelta``."""

    def check(_: object, __: object, value: Any) -> None:
        if not isinstance(value, timedelta) or value <= timedelta(0):
            raise InvalidInput(field, value, "a positive timedelta")

    return check


def flag(field: str) -> Callable[[object, object, Any], None]:
    """A validator for a real ``bool`` (not 0/1, not "yes")."""

    def check(_: object, __: object, value: Any) -> None:
        if not isinstance(value, bool):
            raise InvalidInput(field, value, "True or False")

    return check


def instance(kind: type, field: str) -> Callable[[object, object, Any], None]:
    """A validator for an instance of ``kind``."""

    def check(_: object, __: object, value: Any) -> None:
        if not isinstance(value, kind):
            raise InvalidInput(field, value, f"a {kind.__name__}")

    return check


def _tag(field: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(field, value, "a non-empty string")
    return " ".join(value.split()).casefold()


def tags(field: str) -> Callable[[Any], frozenset[str]]:
    """A converter for a set of labels (interests, traits, course names).

    Each label is trimmed, inner spaces collapsed and case-folded, so
    "Board  Games" and "board games" are the same label. A bare string is
    refused (it would otherwise become a set of letters).
    """

    def convert(value: Any) -> frozenset[str]:
        if isinstance(value, str) or not isinstance(value, list | tuple | set | frozenset):
            raise InvalidInput(field, value, "a collection of strings, e.g. ['cinema', 'swimming']")
        return frozenset(_tag(field, v) for v in value)

    return convert


def count(field: str) -> Callable[[object, object, Any], None]:
    """A validator for a whole number, 0 or more (capacities, limits)."""

    def check(_: object, __: object, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InvalidInput(field, value, "a whole number, 0 or more")

    return check


def tuple_of(kind: type, field: str) -> Callable[[Any], tuple[Any, ...]]:
    """A converter for a tuple whose items are all instances of ``kind``."""

    def convert(value: Any) -> tuple[Any, ...]:
        if isinstance(value, str | bytes) or not isinstance(value, list | tuple | set | frozenset):
            raise InvalidInput(field, value, f"a collection of {kind.__name__} objects")
        items = tuple(value)
        for item in items:
            if not isinstance(item, kind):
                raise InvalidInput(field, item, f"a {kind.__name__}")
        return items

    return convert
