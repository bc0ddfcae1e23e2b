"""Policy files: the one way a policy is read, the built-ins included.

A policy file is JSON in the shape of :class:`~carerules.Policy` (see
``docs/policy-files.md`` and the JSON Schema in ``docs/policy.schema.json``).
The built-in Buddies and 1-2-1 Support policies are such files inside the
package, read by exactly this path.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from carerules._errors import InvalidInput, ScenarioError
from carerules._guard import public
from carerules._policy._model import Policy

#: The built-in policies, by the name ``carerules policy show`` takes.
BUILT_IN_NAMES: tuple[str, ...] = ("buddies", "one-to-one")


@public
def load_policy(data: Any, *, path: str = "$") -> Policy:
    """A :class:`Policy` from plain (JSON) data; :class:`~carerules.ScenarioError` names the place in it.

    The place is a path into the data, such as
    ``$.clauses["charging.minimum-session"].section``; ``path`` is where the
    data sits (``$`` for a whole policy file).
    """
    if not path.startswith("$"):
        raise InvalidInput("path", path, "a JSON path starting with $")
    return _load(data, path)


def _load(data: Any, path: str) -> Policy:
    from carerules._locate import refine
    from carerules.serialisation import from_data

    try:
        return from_data(data, Policy, path=path)
    except ScenarioError as exc:
        if path != "$":
            raise
        raise refine(exc, data) from None


@public
def read_policy_text(text: str) -> Policy:
    """A :class:`Policy` from the text of a policy file (JSON); duplicate keys are refused."""
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise ScenarioError("$", f"line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})") from None
    except _Duplicate as exc:
        raise ScenarioError("$", f"the key {exc.key!r} appears twice in one object") from None
    except RecursionError:
        raise ScenarioError("$", "nested too deeply to read") from None
    except ValueError as exc:  # e.g. an integer with more digits than Python reads
        raise ScenarioError("$", f"not readable as JSON ({exc})") from None
    return load_policy(data)


class _Duplicate(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Duplicate(key)
        out[key] = value
    return out


def builtin_text(name: str) -> str:
    """The policy file of the built-in policy ``name``, as shipped in the package."""
    if name not in BUILT_IN_NAMES:
        raise InvalidInput("policy", name, f"one of the built-in policies: {', '.join(BUILT_IN_NAMES)}")
    return resources.files("carerules._policy").joinpath("data", f"{name}.json").read_text(encoding="utf-8")


@public
def builtin_policy(name: str) -> Policy:
    """The built-in policy ``name`` (``buddies`` or ``one-to-one``), read from its file once."""
    if name not in BUILT_IN_NAMES:
        raise InvalidInput("policy", name, f"one of the built-in policies: {', '.join(BUILT_IN_NAMES)}")
    return _builtin(name)


@cache
def _builtin(name: str) -> Policy:
    return read_policy_text(builtin_text(name))
