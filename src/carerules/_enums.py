"""The base of every public enum: a bad value is the library's own error, not a bare ``ValueError``."""

from __future__ import annotations

from enum import EnumType, StrEnum
from typing import Any

from carerules._errors import InvalidInput


def _refuse(cls: Any, value: Any) -> InvalidInput:
    choices = ", ".join(repr(m.value) for m in cls)
    return InvalidInput(cls.__name__, value, f"one of {choices}")


class _ChoiceType(EnumType):
    """Refuses a value that is not a string before ``Enum`` formats it (an int of 5,000 digits cannot be)."""

    def __call__(cls, value: Any, *args: Any, **kwargs: Any) -> Any:
        if not args and not kwargs and cls._member_map_:
            if type(value) is str:
                # A value looked up directly: Enum's own route costs ten times as much (rows of data).
                found = cls._value2member_map_.get(value)
                if found is not None:
                    return found
            elif not isinstance(value, str):
                raise _refuse(cls, value)
        return super().__call__(value, *args, **kwargs)


class Choice(StrEnum, metaclass=_ChoiceType):
    """A ``StrEnum`` whose lookup by value (``ShiftKind("day")``) raises :class:`~carerules.InvalidInput`.

    ``InvalidInput`` is a ``ValueError``, so code catching ``ValueError`` still works.
    """

    @classmethod
    def _missing_(cls, value: Any) -> Any:
        raise _refuse(cls, value)
