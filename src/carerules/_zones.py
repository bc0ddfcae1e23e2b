"""Which timezone names the library accepts: IANA keys, never the machine's own zone.

``zoneinfo.ZoneInfo`` takes any string and opens a file under the tz search
path: a 300-character name raises ``OSError``, ``"Europe"`` opens a directory
(and the error shows the install path), a list is unhashable, and
``"localtime"`` reads the machine's own zone. This module checks the name
first, so every refusal is an :class:`~carerules.InvalidInput` naming the field.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from carerules._errors import InvalidInput

#: An IANA key: "/"-separated parts of letters, digits, "_", "+" and "-", none starting with "-" or ".".
_KEY = re.compile(r"[A-Za-z0-9_+][A-Za-z0-9_+\-]{0,29}(?:/[A-Za-z0-9_+][A-Za-z0-9_+\-]{0,29}){0,3}")
#: Names in the tz directory that are not zones of a place, or that are the machine's own zone.
_NOT_ZONES = frozenset({"localtime", "posixrules", "posix", "right", "factory", "leapseconds", "tzdata.zi"})
_EXPECTED = "an IANA timezone name such as 'Europe/London' (not the machine's 'localtime')"


def check_zone_name(name: Any, field: str = "timezone") -> str:
    """``name`` if it is the shape of an IANA key and not the machine's zone; else :class:`InvalidInput`."""
    if not isinstance(name, str) or len(name) > 120 or not _KEY.fullmatch(name):
        raise InvalidInput(field, name, _EXPECTED)
    if name.split("/", 1)[0].casefold() in _NOT_ZONES:
        raise InvalidInput(field, name, _EXPECTED)
    return name


@lru_cache(maxsize=64)
def _load(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def iana_zone(name: Any, field: str = "timezone") -> ZoneInfo:
    """The IANA timezone called ``name``; :class:`InvalidInput` naming ``field`` for anything else."""
    check_zone_name(name, field)
    try:
        return _load(name)
    except (ZoneInfoNotFoundError, ValueError, OSError, UnicodeError):
        # OSError covers a directory ("Europe") and unreadable files; never show the install path.
        raise InvalidInput(field, name, _EXPECTED) from None
