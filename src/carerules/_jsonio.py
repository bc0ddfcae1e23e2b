"""Reading JSON documents (scenarios, policies) strictly, for the command line and callers alike.

``json.loads`` takes a key given twice silently (the last wins), recurses
until ``RecursionError`` on deeply nested input, refuses integers of more
than 4,300 digits with a bare ``ValueError``, accepts ``NaN`` and lone
surrogates, and a caller's ``open()`` may fail to decode the bytes. Here
each of those is a :class:`~carerules.ScenarioError` naming the place.
"""

from __future__ import annotations

import json
from typing import Any

from carerules._errors import ScenarioError
from carerules._locate import format_path

#: Deeper than any real scenario (the deepest built-in path is under 10 levels); keeps every later walk safe.
MAX_DEPTH = 64
#: Longer integers are not counts or ids anyone means (amounts are decimal strings).
MAX_INT_DIGITS = 40


class _Object(dict[str, Any]):
    """A parsed JSON object that remembers the keys it was given more than once."""

    __slots__ = ("repeated",)

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        super().__init__(pairs)
        self.repeated: tuple[str, ...] = ()
        if len(self) != len(pairs):
            seen: set[str] = set()
            self.repeated = tuple(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise ScenarioError("$", f"an integer of {len(text)} digits; numbers that long are not accepted")
    return int(text)


def _constant(name: str) -> Any:
    raise ScenarioError("$", f"{name} is not JSON (only finite numbers are)")


def decode(raw: bytes, name: str = "input") -> str:
    """``raw`` as UTF-8 text (a BOM is allowed); :class:`~carerules.ScenarioError` saying what it looks like."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ScenarioError("$", f"{name} is UTF-16 text; save it as UTF-8")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        hint = "UTF-16 text" if b"\x00" in raw[:64] else "not UTF-8 (Latin-1 or another encoding?)"
        raise ScenarioError(
            "$", f"{name} is {hint}: byte 0x{raw[exc.start]:02x} at offset {exc.start}; save it as UTF-8"
        ) from None


def loads(text: str | bytes, name: str = "input") -> Any:
    """Parse one JSON document strictly; :class:`~carerules.ScenarioError` for anything not plain, sound JSON.

    Refused, each naming the place: a key given twice in one object
    (``$.policy: key 'rates' given twice``), nesting deeper than
    :data:`MAX_DEPTH`, integers longer than :data:`MAX_INT_DIGITS` digits,
    ``NaN`` and ``Infinity``, lone surrogates in strings, and bytes that are
    not UTF-8.
    """
    if isinstance(text, bytes | bytearray):
        text = decode(bytes(text), name)
    try:
        data = json.loads(text, object_pairs_hook=_Object, parse_int=_int, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise ScenarioError("$", f"line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})") from None
    except RecursionError:
        raise ScenarioError("$", f"nested more than {MAX_DEPTH} levels deep") from None
    _check(data)
    return data


def _check(data: Any) -> None:
    """Walk ``data`` without recursion: depth, repeated keys and unencodable strings, first problem wins."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if len(path) > MAX_DEPTH:
            raise ScenarioError(format_path(path[:MAX_DEPTH]), f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(value, str):
            _check_text(value, path)
        elif isinstance(value, _Object):
            if value.repeated:
                key = value.repeated[0]
                raise ScenarioError(format_path((*path, key)), f"key {key!r} is given more than once in one object")
            for key, item in reversed(value.items()):
                _check_text(key, path)
                stack.append((item, (*path, key)))
        elif isinstance(value, list):
            stack.extend((item, (*path, i)) for i, item in reversed(list(enumerate(value))))


def _check_text(text: str, path: tuple[str | int, ...]) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ScenarioError(
            format_path(path), f"a string holds a lone surrogate (\\u{ord(text[exc.start]):04x}), which is not text"
        ) from None
