"""Naming the place in a scenario file that an evaluation error comes from.

Parsing a scenario names the place of every problem (``$.sessions[3].start``).
Some problems only show once the report is evaluated against the policy: a
care activity the policy does not know, a 1-2-1 goal in an area it does not
list, a cancellation for a session that is not in the file. The library
raises those as :class:`~carerules.InvalidInput` naming a field of the object
it was given (``task.activity``), not a place in the file. :class:`Locator`
turns them into a :class:`~carerules.ScenarioError` whose path points into the
file, searching only the part of the file the failing step read:

1. the error's field read as a path from each place the step read (or from
   each item there, when it is a list), whose value is the one refused;
2. else a value in those places equal to the one refused, under a key named
   like the field's last part (``activity``), then under any key (the later
   of two when the field names the list itself: a duplicate);
3. else the first place the field resolves to at all; else, for a field of
   the policy or period, as much of it as the file holds; else the step's home.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

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


def _leaves(data: Any, path: Path) -> Iterator[tuple[Path, Any]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _leaves(value, (*path, index))
    else:
        yield path, data


def _plain(value: Any) -> Any:
    from carerules.serialisation import to_data

    try:
        return to_data(value)
    except Exception:  # any value an error carries: one that does not convert simply matches nothing
        return None


def _same(leaf: Any, value: Any) -> bool:
    """Whether ``leaf`` (as written in the file) is the ``value`` an error refused."""
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=repr)
        return bool(items) and _same(leaf, items[0])
    if leaf is None or isinstance(leaf, bool) or value is None or isinstance(value, bool):
        return False
    if leaf == value or leaf == _plain(value):
        return True
    if isinstance(leaf, str) and isinstance(value, str):
        return leaf.strip().casefold() == value.strip().casefold()
    if isinstance(leaf, str) and isinstance(value, date) and not isinstance(value, datetime):
        return leaf.startswith(value.isoformat())
    return False


class Locator:
    """Turns errors raised while a report is evaluated into :class:`~carerules.ScenarioError` with a path.

    ``data`` is the scenario as plain data (as read from the file, so list
    positions are the file's).
    """

    def __init__(self, data: Any) -> None:
        self._data = data

    @contextmanager
    def reading(self, *places: str, home: str | None = None) -> Iterator[None]:
        """Run a step that reads ``places`` (paths such as ``$.care[2]``); errors in it get a path.

        ``home`` is where an error no search places is reported (default: the first place).
        """
        try:
            yield
        except ScenarioError:
            raise
        except CareRulesError as exc:
            raise self.locate(exc, places, home=home) from None

    def locate(self, exc: CareRulesError, places: Sequence[str], *, home: str | None = None) -> ScenarioError:
        """A :class:`~carerules.ScenarioError` naming where in the file ``exc`` comes from."""
        roots = [p for p in (parse_field(place) for place in places) if _get(self._data, p)[0]]
        fallback = parse_field(home) if home is not None else (roots[0] if roots else ())
        if isinstance(exc, MissingRate):
            return ScenarioError(format_path(self._first_present(("policy", "custom", "rates"), ("policy",))), str(exc))
        if not isinstance(exc, InvalidInput):
            return ScenarioError(format_path(fallback), str(exc))
        field = parse_field(exc.field)
        found = self._search(field, exc.value, roots)
        if found is None:
            if field[:1] in (("policy",), ("period",)):
                # The policy or period the whole step used: point at as much of it as the file holds.
                fallback = next(field[:n] for n in range(len(field), -1, -1) if _get(self._data, field[:n])[0])
            return ScenarioError(format_path(fallback), str(exc))
        path, leaf, exact = found
        plain = _plain(exc.value)
        value = leaf if exact else exc.value if plain is None else plain
        # A sensitive field (a date of birth, required training...) is shown by kind and size only, as in the API.
        shown = redacted(value) if exc.sensitive else show(value)
        return ScenarioError(format_path(path), f"got {shown}; expected {exc.expected}")

    def _first_present(self, *paths: Path) -> Path:
        return next((p for p in paths if _get(self._data, p)[0]), ())

    def _bases(self, roots: Sequence[Path]) -> Iterator[Path]:
        for root in roots:
            yield root
            found, value = _get(self._data, root)
            if found and isinstance(value, list):
                yield from ((*root, i) for i in range(len(value)))

    def _search(self, field: Path, value: Any, roots: Sequence[Path]) -> tuple[Path, Any, bool] | None:
        resolved: list[tuple[Path, Any]] = []
        for base in self._bases(roots):
            for rest in (field, field[1:]):
                if not rest:
                    continue
                found, leaf = _get(self._data, (*base, *rest))
                if found:
                    if _same(leaf, value):
                        return (*base, *rest), leaf, True
                    resolved.append(((*base, *rest), leaf))
        if value is not None:
            named = [str(k) for k in field if isinstance(k, str)]
            listed = [r for r in roots if named and r and r[-1] == named[0] and len(named) == 1]
            # A complaint about a whole list (duplicates, say) points at the later occurrence.
            for scope, last in ((listed, True), (roots, False)):
                hits = [
                    (p, leaf) for r in scope for p, leaf in _leaves(_get(self._data, r)[1], r) if _same(leaf, value)
                ]
                keyed = [(p, leaf) for p, leaf in hits if named and p and p[-1] == named[-1]]
                for pool in (keyed, hits):
                    if pool:
                        path, leaf = pool[-1] if last else pool[0]
                        return path, leaf, True
        if resolved:
            return resolved[0][0], resolved[0][1], False
        return None


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
