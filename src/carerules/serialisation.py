"""Plain data in and out: the one cattrs converter for every public object.

Models never know about JSON; this module does. Money is a decimal string
("18.50"), instants are ISO 8601 with their offset (and the IANA zone in
brackets when they carry one: ``2026-03-29T03:30:00+01:00[Europe/London]``),
dates are ISO dates, durations are ISO 8601 durations (``PT2H``; negative
ones start with ``-``), local wall times are ISO times (``18:00:00``).

>>> from carerules import BUDDIES, Policy
>>> from carerules.serialisation import from_data, to_data
>>> from_data(to_data(BUDDIES), Policy) == BUDDIES
True
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from types import MappingProxyType
from typing import Any, TypeVar, get_args, get_origin
from zoneinfo import ZoneInfo

import attrs
import cattrs
from cattrs.cols import (
    homogenous_tuple_structure_factory,
    is_any_set,
    is_mutable_sequence,
    is_sequence,
    list_structure_factory,
)
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    IterableValidationError,
    IterableValidationNote,
)

from carerules._errors import CareRulesError, InvalidInput, ScenarioError
from carerules._public import publish as _publish
from carerules._time import require_aware, zone
from carerules._validate import parse_enum

__all__ = ["REDACTED", "configure_converter", "converter", "from_data", "make_carerules_converter", "to_data"]

T = TypeVar("T")

_ZONED = re.compile(r"^(?P<iso>[^\[\]]+)\[(?P<zone>[A-Za-z0-9_+\-/]+)\]$")


def _dump_decimal(value: Decimal) -> str:
    return str(value)


def _load_decimal(value: Any, _: type) -> Decimal:
    if isinstance(value, float):
        raise InvalidInput("amount", value, 'an exact decimal written as a string, such as "18.50", not a JSON float')
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InvalidInput("amount", value, 'a decimal string such as "18.50"')
    try:
        result = Decimal(value)
    except InvalidOperation:
        raise InvalidInput("amount", value, 'a decimal string such as "18.50"') from None
    if not result.is_finite():
        raise InvalidInput("amount", value, "a finite amount")
    return result


def _dump_datetime(value: datetime) -> str:
    text = value.isoformat()
    key = getattr(value.tzinfo, "key", None)
    return f"{text}[{key}]" if isinstance(value.tzinfo, ZoneInfo) and key else text


def _load_datetime(value: Any, _: type) -> datetime:
    if not isinstance(value, str):
        raise InvalidInput("datetime", value, "an ISO 8601 date-time string with a UTC offset")
    match = _ZONED.match(value)
    text = match["iso"] if match else value
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput("datetime", value, "an ISO 8601 date-time such as 2026-03-29T10:00:00+01:00") from None
    try:
        parsed = require_aware(parsed, "datetime")
    except InvalidInput as exc:
        raise InvalidInput("datetime", value, exc.expected) from None  # show the text as written
    if match:
        tz = zone(match["zone"])
        # The wall time as written, read in its zone: fold 0 or 1, whichever gives the written offset.
        # This round-trips every datetime to_data writes, including the skipped spring hour (which
        # PEP 495 reads with the offset before the change) and the second pass of the repeated hour.
        wall = parsed.replace(tzinfo=None)
        for fold in (0, 1):
            zoned = wall.replace(tzinfo=tz, fold=fold)
            if zoned.utcoffset() == parsed.utcoffset():
                return zoned
        raise InvalidInput("datetime", value, f"an offset that {match['zone']} uses at that time")
    return parsed


def _load_date(value: Any, _: type) -> date:
    if not isinstance(value, str):
        raise InvalidInput("date", value, "an ISO 8601 date string such as 2026-03-29", sensitive=True)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput("date", value, "an ISO 8601 date string such as 2026-03-29", sensitive=True) from None


def _dump_timedelta(value: timedelta) -> str:
    sign = "-" if value < timedelta(0) else ""
    value = abs(value)
    seconds = value.seconds + value.days * 86400
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    text = "PT"
    if hours:
        text += f"{hours}H"
    if minutes:
        text += f"{minutes}M"
    if secs or value.microseconds or text == "PT":
        text += f"{secs}.{value.microseconds:06d}S" if value.microseconds else f"{secs}S"
    return sign + text


_DURATION = re.compile(
    r"(?P<sign>-)?P(?:(?P<weeks>\d{1,12})W)?(?:(?P<days>\d{1,12})D)?"
    r"(?:T(?:(?P<hours>\d{1,15})H)?(?:(?P<minutes>\d{1,15})M)?(?:(?P<seconds>\d{1,15})(?:[.,](?P<fraction>\d{1,6}))?S)?)?"
)


def _load_timedelta(value: Any, _: type) -> timedelta:
    """An ISO 8601 duration of weeks, days, hours, minutes and seconds, parsed exactly.

    Years and months are refused (their length varies); so are fractions
    finer than a microsecond and spans beyond ``timedelta``'s range.
    """
    expected = "an ISO 8601 duration of elapsed time such as PT2H or P1DT30M (no years or months: their length varies)"
    match = _DURATION.fullmatch(value) if isinstance(value, str) else None
    if match is None or value.rstrip("-PT") == "" or value.endswith("T"):
        raise InvalidInput("duration", value, expected)
    parts = {k: int(v) for k, v in match.groupdict().items() if v is not None and k not in ("sign", "fraction")}
    micro = int((match["fraction"] or "0").ljust(6, "0"))
    try:
        span = timedelta(**parts, microseconds=micro)
    except OverflowError:
        raise InvalidInput("duration", value, "a duration within about 2.7 million years") from None
    return -span if match["sign"] else span


def _load_time(value: Any, _: type) -> time:
    if not isinstance(value, str):
        raise InvalidInput("time", value, "a local wall time string such as 18:00")
    try:
        parsed = time.fromisoformat(value)
    except ValueError:
        raise InvalidInput("time", value, "a local wall time string such as 18:00") from None
    if parsed.tzinfo is not None:
        raise InvalidInput("time", value, "a local wall time without an offset, such as 18:00")
    return parsed


def _load_enum(value: Any, kind: type[StrEnum]) -> StrEnum:
    return parse_enum(kind, kind.__name__)(value)


def _load_str(value: Any, _: type) -> str:
    # Text fields include notes, medication names and contact details: report the kind, not the content.
    if not isinstance(value, str):
        raise InvalidInput("text", value, "a JSON string", sensitive=True)
    return value


def _load_int(value: Any, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput("number", value, "a whole JSON number")
    return value


def _load_bool(value: Any, _: type) -> bool:
    if not isinstance(value, bool):
        raise InvalidInput("flag", value, "true or false")
    return value


def _is_collection(kind: Any) -> bool:
    return bool(is_sequence(kind) or is_any_set(kind))


def _collection_factory(kind: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """The default list/tuple/set hook, refusing a string or object where a list belongs."""
    base: Callable[[Any, Any], Any]
    if is_any_set(kind):
        item = get_args(kind)[0] if get_args(kind) else Any

        def base(value: Any, _: Any) -> Any:
            # Like cattrs' list hook: every bad item is reported with its index, not just the set.
            items: list[Any] = []
            errors: list[Exception] = []
            for index, v in enumerate(value):
                try:
                    items.append(conv.structure(v, item))
                except Exception as exc:  # every kind of failure is regrouped below, as cattrs does
                    exc.add_note(IterableValidationNote(f"Structuring {kind} @ index {index}", index, item))
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"While structuring {kind!r}", errors, kind)
            return frozenset(items)

    elif is_mutable_sequence(kind):
        base = list_structure_factory(kind, conv)
    else:
        base = homogenous_tuple_structure_factory(kind, conv)

    def hook(value: Any, _: Any) -> Any:
        if isinstance(value, str | bytes | Mapping) or not isinstance(value, list | tuple | set | frozenset):
            raise InvalidInput("list", value, "a JSON list")
        return base(value, kind)

    return hook


def _is_dated(kind: Any) -> bool:
    from carerules._policy._dated import Dated

    return kind is Dated or get_origin(kind) is Dated


def _dated_factory(kind: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """A dated parameter: one value (in force always), or a list of ``{effective_from, value}`` changes."""
    from carerules._policy._dated import Change, Dated

    args = get_args(kind)
    inner = args[0] if args else Any

    def is_changes(value: Any) -> bool:
        return (
            isinstance(value, list)
            and bool(value)
            and all(isinstance(v, Mapping) and "effective_from" in v for v in value)
        )

    def hook(value: Any, _: Any) -> Any:
        if not is_changes(value):
            return Dated.always(conv.structure(value, inner))
        changes: list[Change[Any]] = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                extra = sorted(set(item) - {"effective_from", "value"})
                if extra or "value" not in item:
                    raise InvalidInput("change", sorted(item), "an object with exactly effective_from and value")
                day = None if item["effective_from"] is None else conv.structure(item["effective_from"], date)
                changes.append(Change(day, _field(conv, item["value"], inner, "value")))
            except Exception as exc:  # regrouped below with the index, as the collection hook does
                exc.add_note(IterableValidationNote(f"Structuring {kind} @ index {index}", index, inner))
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {kind!r}", errors, kind)
        try:
            return Dated(tuple(changes))
        except InvalidInput as exc:
            days = [c.effective_from for c in changes]
            twice = next((i for i, d in enumerate(days) if d in days[:i]), None)
            if twice is None:
                raise
            exc.add_note(IterableValidationNote(f"Structuring {kind} @ index {twice}", twice, inner))
            raise IterableValidationError(f"While structuring {kind!r}", [exc], kind) from None

    return hook


def _field(conv: cattrs.Converter, value: Any, kind: Any, name: str) -> Any:
    try:
        return conv.structure(value, kind)
    except Exception as exc:
        exc.add_note(AttributeValidationNote(f"Structuring {name}", name, kind))
        raise ClassValidationError(f"While structuring {name}", [exc], object) from None


def _dump_dated(value: Any, conv: cattrs.Converter) -> Any:
    if value.is_constant:
        return conv.unstructure(value.latest)
    return [
        {
            "effective_from": None if c.effective_from is None else c.effective_from.isoformat(),
            "value": conv.unstructure(c.value),
        }
        for c in value.changes
    ]


def configure_converter(conv: cattrs.Converter) -> None:
    """Register carerules' hooks (money, instants, dates, durations, enums) on ``conv``."""
    from carerules._policy._dated import Dated

    conv.register_structure_hook_factory(_is_dated, lambda kind: _dated_factory(kind, conv))
    conv.register_unstructure_hook_func(_is_dated, lambda value: _dump_dated(value, conv))
    conv.register_unstructure_hook(Dated, lambda value: _dump_dated(value, conv))
    conv.register_unstructure_hook(MappingProxyType, lambda value: {k: conv.unstructure(v) for k, v in value.items()})
    # StrEnum before str in the MRO, so these win over str's pass-through.
    conv.register_unstructure_hook(StrEnum, lambda member: member.value)
    conv.register_structure_hook(StrEnum, _load_enum)
    # No silent coercion: 1 is not "1", "yes" is not true, "abc" is not a list.
    conv.register_structure_hook_factory(_is_collection, lambda kind: _collection_factory(kind, conv))
    conv.register_structure_hook(str, _load_str)
    conv.register_structure_hook(int, _load_int)
    conv.register_structure_hook(bool, _load_bool)
    conv.register_unstructure_hook(Decimal, _dump_decimal)
    conv.register_structure_hook(Decimal, _load_decimal)
    conv.register_unstructure_hook(datetime, _dump_datetime)
    conv.register_structure_hook(datetime, _load_datetime)
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_structure_hook(date, _load_date)
    conv.register_unstructure_hook(timedelta, _dump_timedelta)
    conv.register_structure_hook(timedelta, _load_timedelta)
    conv.register_unstructure_hook(time, time.isoformat)
    conv.register_structure_hook(time, _load_time)


def make_carerules_converter() -> cattrs.Converter:
    """A new JSON-ready converter with carerules' hooks (for callers to extend)."""
    # Sets become sorted lists, so the same object always gives the same data.
    conv = cattrs.Converter(forbid_extra_keys=True, unstruct_collection_overrides={AbstractSet: sorted})
    configure_converter(conv)
    return conv


#: The library's converter. Use :func:`to_data` and :func:`from_data`.
converter = make_carerules_converter()


#: What a redacted field holds in plain data.
REDACTED = "<redacted>"


def _redacting_hook(conv: cattrs.Converter) -> Callable[[type], Callable[[Any], Any]]:
    from cattrs.gen import make_dict_unstructure_fn, override

    def factory(cls: type) -> Callable[[Any], Any]:
        hidden = {a.name: override(unstruct_hook=lambda _: REDACTED) for a in attrs.fields(cls) if not a.repr}
        return make_dict_unstructure_fn(cls, conv, **hidden)  # type: ignore[arg-type]

    return factory


def _make_redacting_converter() -> cattrs.Converter:
    conv = make_carerules_converter()
    conv.register_unstructure_hook_factory(attrs.has, _redacting_hook(conv))
    return conv


_redacting: list[cattrs.Converter] = []  # built on first use: only reports need it


def to_data(obj: Any, *, redact: bool = False) -> Any:
    """``obj`` as plain JSON-able data (dicts, lists, strings, numbers).

    By default every field is written, so ``from_data`` gives back an equal
    object (callers own storage). With ``redact`` every field the library
    hides from ``repr`` (health details, contact details, free-text notes;
    see docs/privacy.md) is written as ``"<redacted>"`` instead: for reports
    that leave the caller's own storage, such as ``carerules --json``.
    """
    if not redact:
        return converter.unstructure(obj)
    if not _redacting:
        _redacting.append(_make_redacting_converter())
    return _redacting[0].unstructure(obj)


def _messages(exc: BaseException, path: str, data: Any = None) -> list[str]:
    where = getattr(exc, "where", None)
    if isinstance(exc, InvalidInput) and isinstance(where, str):
        return [f"{exc.detail} @ {path}.{where}"]  # type: ignore[attr-defined]
    if isinstance(exc, InvalidInput):
        found = _subject_place(exc, data, path)
        if found is not None:
            return [f"{str(exc).split(': ', 1)[-1]} @ {found}"]
        return [f"{exc} @ {path}"]
    if isinstance(exc, cattrs.ClassValidationError | cattrs.IterableValidationError):
        out: list[str] = []
        with_notes, others = exc.group_exceptions()
        for other in others:
            out.extend(_messages(other, path, data))
        for inner, note in with_notes:
            name = getattr(note, "name", None)
            index = getattr(note, "index", None)
            inside = None
            if name is not None:
                sub = f"{path}.{name}"
                inside = data.get(name) if isinstance(data, Mapping) else None
            elif index is not None:
                sub = f"{path}[{json.dumps(index)}]" if isinstance(index, str) else f"{path}[{index}]"
                inside = _item(data, index)
            else:
                sub = path
            out.extend(_messages(inner, sub, inside))
        return out or cattrs.transform_error(exc, path)
    if isinstance(exc, KeyError):
        return [f"required field missing @ {path}"]
    if isinstance(exc, AttributeError):
        return [f"expected a JSON object @ {path}"]
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return [f"unknown field(s) {sorted(exc.extra_fields)} @ {path}"]
    return [f"{type(exc).__name__}: {exc} @ {path}"]


def _item(data: Any, index: Any) -> Any:
    """Entry ``index`` of a list or mapping in the data, or ``None``."""
    if isinstance(data, Mapping):
        return data.get(index)
    if isinstance(data, list) and isinstance(index, int) and 0 <= index < len(data):
        return data[index]
    return None


def _subject_place(exc: CareRulesError, data: Any, path: str) -> str | None:
    """Where in ``data`` the item an object's own check refused sits: ``$.pay_rates[2].basis``.

    An object that checks the items of one of its lists against each other
    (two rates on one date) names the list as ``field`` and the refused item
    as ``subject``. The item is found by reading each entry of that list in
    the data as the item's class and comparing it with the item, so the
    place is the item's own, in the file's order (the object may hold its
    list sorted). ``None`` when the error names no such item.
    """
    if not isinstance(exc, InvalidInput) or exc.subject is None or not isinstance(data, Mapping):
        return None
    items = data.get(exc.field)
    kind = type(exc.subject)
    if not isinstance(items, list) or not attrs.has(kind):
        return None
    found = None
    for i, item in enumerate(items):
        try:
            if converter.structure(item, kind) == exc.subject:
                found = i  # the last equal entry: a repeat is refused where it repeats
        except Exception:  # an entry that does not read as the item is not it
            continue
    if found is None:
        return None
    tail = f".{exc.subject_field}" if exc.subject_field else ""
    return f"{path}.{exc.field}[{found}]{tail}"


def from_data(data: Any, cls: type[T], *, path: str = "$") -> T:
    """Build a ``cls`` from plain data; :class:`~carerules.ScenarioError` if it is malformed.

    The error names every problem found, each with its place in the data
    (``$.sessions[3].start``).
    """
    if attrs.has(cls) and not isinstance(data, Mapping):
        raise ScenarioError(path, f"expected a JSON object for {cls.__name__}, got {type(data).__name__}")
    try:
        return converter.structure(data, cls)
    except CareRulesError as exc:
        if isinstance(exc, ScenarioError):
            raise
        messages = _messages(exc, path, data)
    except (
        cattrs.BaseValidationError,
        cattrs.ForbiddenExtraKeysError,
        AttributeError,
        TypeError,
        ValueError,
        KeyError,
    ) as exc:
        messages = _messages(exc, path, data)
    first = messages[0]
    place = first.rsplit(" @ ", 1)[-1] if " @ " in first else path
    more = f" (and {len(messages) - 1} more: {'; '.join(messages[1:4])})" if len(messages) > 1 else ""
    raise ScenarioError(place, first.rsplit(" @ ", 1)[0] + more) from None


# Public classes loaded through this module report their public module (carerules._public).
_publish()
