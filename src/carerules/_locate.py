"""Naming the place in a scenario file that an evaluation error comes from.

Parsing a scenario names the place of every problem (``$.sessions[3].start``):
cattrs carries the path of each value it structures. Some problems only show
once the report is evaluated against the policy: a care activity the policy
does not know, a 1-2-1 goal in an area it does not list, a cancellation for a
session that is not in the file. The library raises those as
:class:`~carerules.InvalidInput` naming a field of the object it was given
(``task.activity``), not a place in the file. :class:`Locator` turns them
into a :class:`~carerules.ScenarioError` whose path points into the file,
exactly, from structure rather than by searching for a value:

1. it knows where in the file each object of the scenario was read from: the
   scenario and its plain data are walked together, field by field and item
   by item (objects a report step derives from them are registered with
   :meth:`Locator.same`);
2. an error whose :attr:`~carerules.InvalidInput.subject` is one of those
   objects is placed at that object's path plus its ``subject_field``;
3. else the error's field is followed, attribute by attribute, through the
   objects the step was evaluating, and placed at the deepest object it
   reaches plus the rest of the field;
4. else a field of the policy or period is placed at as much of it as the
   file holds; anything else at the step's home (``$.care[2]``), with the
   library's message in full.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import attrs

from carerules._errors import CareRulesError, InvalidInput, MissingRate, ScenarioError, redacted
from carerules._errors import _show as show

Key = str | int
Path = tuple[Key, ...]

_FIELD_MESSAGE = re.compile(r"^(?P<field>[A-Za-z_][\w.\[\]'\"-]*): (?P<rest>got .*)$", re.DOTALL)
_TOKEN = re.compile(r"\[(\d+)\]|\[(['\"])(.*?)\2\]|\[([^\]]*)\]|([^.\[\]]+)")


def format_path(path: Path) -> str:
    """``("care", 3, "activity")`` as ``$.care[3].activity`` (other keys as JSON strings: ``["st dee"]``)."""
    out = "$"
    for key in path:
        if isinstance(key, int):
            out += f"[{key}]"
        elif key.isidentifier():
            out += f".{key}"
        else:
            out += f"[{json.dumps(key, ensure_ascii=False)}]"
    return out


def parse_field(field: str) -> Path:
    """An error's field (``plan.goals[0].area``) as path steps; ``$`` at the start is dropped."""
    steps: list[Key] = []
    for index, _, quoted, bare, name in _TOKEN.findall(field.removeprefix("$")):
        if index:
            steps.append(int(index))
        elif name or quoted or bare:
            steps.append(name or quoted or bare)
    return tuple(steps)


def _get(data: Any, path: Path) -> tuple[bool, Any]:
    for key in path:
        in_list = isinstance(key, int) and isinstance(data, list) and 0 <= key < len(data)
        in_object = isinstance(key, str) and isinstance(data, dict) and key in data
        if not (in_list or in_object):
            return False, None
        data = data[key]
    return True, data


def _plain(value: Any) -> Any:
    from carerules.serialisation import to_data

    try:
        return to_data(value)
    except Exception:  # any value an error carries: one that does not convert is shown as the library shows it
        return None


def _fields(obj: Any) -> tuple[str, ...]:
    return tuple(a.name for a in attrs.fields(type(obj))) if attrs.has(type(obj)) else ()


def _agrees(obj: Any, data: Mapping[str, Any]) -> bool:
    """Whether ``obj`` was plausibly read from ``data``: every text field both have is the same text."""
    for name in _fields(obj):
        value, written = getattr(obj, name), data.get(name)
        if isinstance(value, str) and isinstance(written, str) and value.casefold() != written.strip().casefold():
            return False
    return True


def _index(obj: Any, data: Any, path: Path, into: dict[int, tuple[Path, Any]]) -> None:
    """Record where in ``data`` each object inside ``obj`` was read from (``obj`` is kept alive with it)."""
    if attrs.has(type(obj)):
        if not isinstance(data, Mapping) or not _agrees(obj, data):
            return
        into.setdefault(id(obj), (path, obj))
        for name in _fields(obj):
            if name in data:
                _index(getattr(obj, name), data[name], (*path, name), into)
    elif isinstance(obj, tuple | list) and isinstance(data, list) and len(obj) == len(data):
        for i, (item, written) in enumerate(zip(obj, data, strict=True)):
            _index(item, written, (*path, i), into)
    elif isinstance(obj, Mapping) and isinstance(data, Mapping):
        for key, value in obj.items():
            if isinstance(key, str) and key in data:
                _index(value, data[key], (*path, key), into)


def _step(obj: Any, key: Key) -> tuple[bool, Any]:
    """One step of a field's path through a value: an attribute, a mapping key or a list index."""
    if isinstance(key, int):
        if isinstance(obj, tuple | list) and 0 <= key < len(obj):
            return True, obj[key]
        return False, None
    if isinstance(obj, Mapping):
        return (True, obj[key]) if key in obj else (False, None)
    if key in _fields(obj):
        return True, getattr(obj, key)
    return False, None


class Locator:
    """Turns errors raised while a report is evaluated into :class:`~carerules.ScenarioError` with a path.

    ``data`` is the scenario as plain data (as read from the file, so list
    positions are the file's) and ``scenario`` the object read from it. The
    objects' places are worked out only when an error needs them.
    """

    def __init__(self, data: Any, scenario: Any = None) -> None:
        self._data = data
        self._scenario = scenario
        self._copies: list[tuple[object, object]] = []
        self._places: dict[int, tuple[Path, Any]] | None = None

    def same(self, copy: object, original: object) -> None:
        """Place errors about ``copy`` (derived by a report step) where ``original`` was read from."""
        self._copies.append((copy, original))
        self._places = None

    def place_of(self, obj: object) -> Path | None:
        """Where in the data ``obj`` was read from, or ``None`` when it was not read from it."""
        if self._places is None:
            places: dict[int, tuple[Path, Any]] = {}
            if self._scenario is not None:
                _index(self._scenario, self._data, (), places)
            for copy, original in self._copies:
                if id(original) in places:
                    places[id(copy)] = (places[id(original)][0], copy)
            self._places = places
        found = self._places.get(id(obj))
        return None if found is None or found[1] is not obj else found[0]

    @contextmanager
    def reading(self, home: str, *objects: object) -> Iterator[None]:
        """Run a report step that evaluates ``objects`` (read from the file); errors in it get a path.

        ``home`` (a path such as ``$.care[2]``) is where an error that names
        no place the step knows is reported.
        """
        try:
            yield
        except ScenarioError:
            raise
        except CareRulesError as exc:
            raise self.locate(exc, objects, home=home) from None

    def locate(self, exc: CareRulesError, objects: Sequence[object] = (), *, home: str = "$") -> ScenarioError:
        """A :class:`~carerules.ScenarioError` naming where in the file ``exc`` comes from."""
        if isinstance(exc, MissingRate):
            # The list that lacks the rate: a custom policy's own, or the additions to a built-in.
            where = ("policy", "custom") if _get(self._data, ("policy", "custom"))[0] else ("policy",)
            return ScenarioError(format_path(self._present((*where, exc.parameter))), str(exc))
        if not isinstance(exc, InvalidInput):
            return ScenarioError(format_path(self._present(parse_field(home))), str(exc))
        path = self._exact(exc, objects)
        if path is not None:
            found, leaf = _get(self._data, path)
            if found and not isinstance(leaf, dict | list):
                value = leaf  # as written in the file
            else:
                plain = _plain(exc.value)
                value = exc.value if plain is None else plain
            if found:
                # A sensitive field (a date of birth, training...) shows only its kind and size, as in the API.
                shown = redacted(value) if exc.sensitive else show(value)
                return ScenarioError(format_path(path), f"got {shown}; expected {exc.expected}")
            return ScenarioError(format_path(self._present(path)), str(exc))
        field = parse_field(exc.field)
        if field[:1] in (("policy",), ("period",)):
            # The policy or period the whole step used: point at as much of it as the file holds.
            return ScenarioError(format_path(self._present(field)), str(exc))
        return ScenarioError(format_path(self._present(parse_field(home))), str(exc))

    def _exact(self, exc: InvalidInput, objects: Sequence[object]) -> Path | None:
        """The place of the refused value, from the error's subject or its field through the step's objects."""
        if exc.subject is not None:
            place = self.place_of(exc.subject)
            if place is not None:
                return self._through(exc.subject, place, parse_field(exc.subject_field or ""))
        field = parse_field(exc.field)
        for obj in objects:
            place = self.place_of(obj)
            if place is None:
                continue
            for rest in (field, field[1:]):
                if rest and _step(obj, rest[0])[0]:
                    return self._through(obj, place, rest)
        return None

    def _through(self, obj: object, place: Path, rest: Path) -> Path:
        """``place`` (of ``obj``) followed along ``rest``, re-anchored at each object on the way with a place."""
        for n, key in enumerate(rest):
            found, obj = _step(obj, key)
            if not found:
                return (*place, *rest[n:])
            own = self.place_of(obj)
            place = own if own is not None else (*place, key)
        return place

    def _present(self, path: Path) -> Path:
        """As much of ``path`` as the data holds."""
        return next(path[:n] for n in range(len(path), -1, -1) if _get(self._data, path[:n])[0])


def refine(error: ScenarioError, data: Any) -> ScenarioError:
    """A parse error whose path names an object, moved down to the field its message names.

    Objects that check their fields against each other (a session's end
    after its start) report the object's place, ``$.sessions[0]``, with the
    field in the message, ``session.end: got ...``; this gives
    ``$.sessions[0].end: got ...``. Anything else is returned unchanged.
    """
    match = _FIELD_MESSAGE.match(error.message)
    if match is None:
        return error
    root = parse_field(error.path)
    field = parse_field(match["field"])
    for rest in (field, field[1:]):
        if rest and _get(data, (*root, *rest))[0]:
            return ScenarioError(format_path((*root, *rest)), match["rest"])
    return error
