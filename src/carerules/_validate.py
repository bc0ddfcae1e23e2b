"""Validators shared by every domain object (attrs ``validator=``).

Each raises :class:`~carerules.InvalidInput` naming the field, so an invalid
object can never be constructed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from carerules._errors import InvalidInput
from carerules._money import to_money
from carerules._time import require_aware, require_date

E = TypeVar("E", bound=StrEnum)

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def parse_enum(kind: type[E], field: str) -> Callable[[Any], E]:
    """A parser accepting a member of ``kind`` or its value string (for data at the edge)."""

    def convert(value: Any) -> E:
        if isinstance(value, kind):
            return value
        try:
            return kind(value)
        except (ValueError, TypeError):
            choices = ", ".join(repr(m.value) for m in kind)
            raise InvalidInput(field, value, f"one of {choices}") from None

    return convert


Validator = Callable[[object, object, Any], None]


def member(kind: type[E], field: str) -> Validator:
    """A validator for a member of the enum ``kind`` (``ShiftKind.DAY``, not ``"day"``)."""
    parse = parse_enum(kind, field)

    def check(_: object, __: object, value: Any) -> None:
        if not isinstance(value, kind):
            parse(value)  # names the choices when the value is wrong
            raise InvalidInput(
                field, value, f"a {kind.__name__} member such as {kind.__name__}.{next(iter(kind)).name}"
            )

    return check


def text(field: str, *, sensitive: bool = False) -> Callable[[object, object, Any], None]:
    """A validator for a non-empty string (ids, names).

    ``sensitive`` fields (health, contact details, notes) are redacted in the error message.
    """

    def check(_: object, __: object, value: Any) -> None:
        if not isinstance(value, str) or not value.strip():
            raise InvalidInput(field, value, "a non-empty string", sensitive=sensitive)

    return check


def optional_text(field: str, *, sensitive: bool = False) -> Callable[[object, object, Any], None]:
    """A validator for ``None`` or a non-empty string (``sensitive`` as for :func:`text`)."""
    inner = text(field, sensitive=sensitive)

    def check(obj: object, attribute: object, value: Any) -> None:
        if value is not None:
            inner(obj, attribute, value)

    return check


def plain_text(field: str, *, sensitive: bool = False) -> Callable[[object, object, Any], None]:
    """A validator for any string, empty included (notes, descriptions; ``sensitive`` as for :func:`text`)."""

    def check(_: object, __: object, value: Any) -> None:
        if not isinstance(value, str):
            raise InvalidInput(field, value, "a string", sensitive=sensitive)

    return check


def is_aware(field: str) -> Validator:
    """A validator refusing anything but a timezone-aware datetime."""

    def check(_: object, __: object, value: Any) -> None:
        require_aware(value, field)

    return check


def is_optional_aware(field: str) -> Validator:
    """A validator for ``None`` or an aware datetime."""

    def check(_: object, __: object, value: Any) -> None:
        if value is not None:
            require_aware(value, field)

    return check


def is_date(field: str, *, sensitive: bool = False) -> Validator:
    """A validator for a calendar date (not a datetime; ``sensitive`` as for :func:`text`)."""

    def check(_: object, __: object, value: Any) -> None:
        try:
            require_date(value, field)
        except InvalidInput as exc:
            if not sensitive:
                raise
            raise InvalidInput(exc.field, value, exc.expected, sensitive=True) from None

    return check


def is_money(field: str) -> Validator:
    """A validator for an exact, non-negative ``Decimal`` amount of pounds (never a float)."""

    def check(_: object, __: object, value: Any) -> None:
        if not isinstance(value, Decimal):
            to_money(value, field)  # a precise message for floats and strings
            raise InvalidInput(field, value, 'a Decimal such as Decimal("18.50")')
        to_money(value, field)

    return check


def positive_span(field: str) -> Callable[[object, object, Any], None]:
    """A validator for a positive ``timedelta``."""

    def check(_: object, __: object, value: Any) -> None:
        if not isinstance(value, timedelta) or value <= timedelta(0):
            raise InvalidInput(field, value, "a positive timedelta")

    return check


def flag(field: str, *, sensitive: bool = False) -> Callable[[object, object, Any], None]:
    """A validator for a real ``bool`` (not 0/1, not "yes"; ``sensitive`` as for :func:`text`)."""

    def check(_: object, __: object, value: Any) -> None:
        if not isinstance(value, bool):
            raise InvalidInput(field, value, "True or False", sensitive=sensitive)

    return check


def instance(kind: type, field: str) -> Callable[[object, object, Any], None]:
    """A validator for an instance of ``kind``."""

    def check(_: object, __: object, value: Any) -> None:
        if not isinstance(value, kind):
            raise InvalidInput(field, value, f"a {kind.__name__}")

    return check


def labels(field: str, *, sensitive: bool = False) -> Validator:
    """A validator for a ``frozenset`` of labels (interests, traits, course names).

    Labels are compared exactly as written, so each must be a non-empty
    string without surrounding spaces. ``sensitive`` as for :func:`text`.
    """

    def check(_: object, __: object, value: Any) -> None:
        if not isinstance(value, frozenset):
            raise InvalidInput(
                field, value, "a frozenset of strings, e.g. frozenset({'cinema', 'swimming'})", sensitive=sensitive
            )
        for label in value:
            if not isinstance(label, str) or not label.strip() or label != label.strip():
                raise InvalidInput(field, label, "non-empty labels without surrounding spaces", sensitive=sensitive)

    return check


#: The largest count (capacity, points) the library accepts: far beyond any real service, and small
#: enough that no solver or array overflows.
MAX_COUNT = 10_000


def count(field: str, *, maximum: int = MAX_COUNT) -> Validator:
    """A validator for a whole number from 0 to ``maximum`` (capacities, limits, points)."""

    def check(_: object, __: object, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= maximum:
            raise InvalidInput(field, value, f"a whole number from 0 to {maximum:,}")

    return check


def tuple_of(kind: type, field: str) -> Validator:
    """A validator for a tuple whose items are all instances of ``kind``."""

    def check(_: object, __: object, value: Any) -> None:
        if not isinstance(value, tuple):
            raise InvalidInput(field, value, f"a tuple of {kind.__name__} objects")
        for item in value:
            if not isinstance(item, kind):
                raise InvalidInput(field, item, f"a {kind.__name__}")

    return check


def is_optional_date(field: str, *, sensitive: bool = False) -> Validator:
    """A validator for ``None`` or a calendar date (``sensitive`` as for :func:`text`)."""
    inner = is_date(field, sensitive=sensitive)

    def check(obj: object, attribute: object, value: Any) -> None:
        if value is not None:
            inner(obj, attribute, value)

    return check


def slug(field: str, *, sensitive: bool = False) -> Callable[[object, object, Any], None]:
    """A validator for a lower-case hyphenated name such as ``"applying-sun-cream"`` (``sensitive`` as for text)."""

    def check(_: object, __: object, value: Any) -> None:
        if not isinstance(value, str) or not _SLUG.fullmatch(value):
            expected = "a lower-case name of letters, digits and hyphens, e.g. 'high-five'"
            raise InvalidInput(field, value, expected, sensitive=sensitive)

    return check


def items_of(kind: type, field: str, *, sensitive: bool = False) -> Validator:
    """A validator for a tuple whose items are all instances of ``kind`` (errors name the index).

    ``sensitive`` as for :func:`text`.
    """

    def check(_: object, __: object, value: Any) -> None:
        if not isinstance(value, tuple):
            raise InvalidInput(field, value, f"a tuple of {kind.__name__}", sensitive=sensitive)
        for i, item in enumerate(value):
            if not isinstance(item, kind) or (isinstance(item, str) and not item.strip()):
                expected = f"a {'non-empty ' if kind is str else ''}{kind.__name__}"
                raise InvalidInput(f"{field}[{i}]", item, expected, sensitive=sensitive)

    return check


def one_answer_each(questions: tuple[Any, ...], answers: tuple[Any, ...], field: str, per: str) -> None:
    """Refuse ``answers`` unless there is exactly one per item of ``questions`` (result objects zip them)."""
    if len(questions) != len(answers):
        raise InvalidInput(field, len(answers), f"one decision per {per} ({len(questions)})")
