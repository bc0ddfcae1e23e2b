"""The base of every public enum: a bad value is the library's own error, not a bare ``ValueError``."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from carerules._errors import InvalidInput


class Choice(StrEnum):
    """A ``StrEnum`` whose lookup by value (``ShiftKind("day")``) raises :class:`~carerules.InvalidInput`.

    ``InvalidInput`` is a ``ValueError``, so code catching ``ValueError`` still works.
    """

    @classmethod
    def _missing_(cls, value: Any) -> Any:
        choices = ", ".join(repr(m.value) for m in cls)
        raise InvalidInput(cls.__name__, value, f"one of {choices}")
