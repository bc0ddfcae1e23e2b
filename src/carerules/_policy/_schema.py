"""The JSON Schema of a policy file, generated from the model (``docs/policy.schema.json``).

The schema follows the attrs classes the converter reads, so it cannot drift
from them: a test regenerates it and compares it with the published file,
and validates every built-in and example policy against it. The converter
checks more than the schema can say (the rule ids clauses name, the
placeholders in summaries, the roles rules need, one value per date); the
schema is for editors and for catching shape errors early.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import Enum
from typing import Any, get_args, get_origin

import attrs

from carerules._policy._dated import Dated
from carerules._public import type_hints

_DURATION = r"^-?P(?!$)(\d+(\.\d+)?D)?(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$"


def policy_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a policy file."""
    from carerules._policy._model import Policy

    defs: dict[str, Any] = {}
    root = _object(Policy, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://carerules.example/policy.schema.json",
        "title": "carerules policy file",
        "description": "A provider's policy: rates, dated thresholds, its documents, clauses and role names.",
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def _object(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = type_hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for a in attrs.fields(cls):
        if not a.init:
            continue
        properties[a.alias] = _type(hints[a.name], defs)
        if a.default is attrs.NOTHING:
            required.append(a.alias)
    out: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if cls.__doc__:
        out["description"] = cls.__doc__.strip().split("\n\n")[0].replace("\n", " ")
    if required:
        out["required"] = required
    return out


def _ref(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    name = cls.__name__
    if name not in defs:
        defs[name] = {}  # placeholder against recursion
        defs[name] = _object(cls, defs)
    return {"$ref": f"#/$defs/{name}"}


def _type(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin, args = get_origin(hint), get_args(hint)
    if origin is Dated:
        value = _type(args[0], defs)
        change = {
            "type": "object",
            "properties": {
                "effective_from": {"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]},
                "value": value,
            },
            "required": ["effective_from", "value"],
            "additionalProperties": False,
        }
        return {"anyOf": [value, {"type": "array", "items": change, "minItems": 1}]}
    if origin in (typing.Union, types.UnionType):
        return {"anyOf": [_type(a, defs) for a in args]}
    if origin in (tuple, frozenset, set, list):
        return {"type": "array", "items": _type(args[0], defs) if args else {}}
    if origin is not None and issubclass(origin, Mapping):
        return {"type": "object", "additionalProperties": _type(args[1], defs)}
    if hint is type(None):
        return {"type": "null"}
    if hint is bool:
        return {"type": "boolean"}
    if hint is int:
        return {"type": "integer"}
    if hint is str:
        return {"type": "string"}
    if hint is Decimal:
        return {"type": "string", "pattern": r"^-?\d+(\.\d+)?$", "description": 'an exact decimal, such as "18.50"'}
    if hint is date:
        return {"type": "string", "format": "date"}
    if hint is datetime:
        return {"type": "string", "description": "ISO 8601 date-time with its offset"}
    if hint is timedelta:
        return {
            "type": "string",
            "pattern": _DURATION,
            "description": "ISO 8601 duration of elapsed time, such as PT2H",
        }
    if hint is time:
        return {"type": "string", "description": "local wall time, such as 18:00"}
    if isinstance(hint, type) and issubclass(hint, Enum):
        return {"enum": [m.value for m in hint]}
    if isinstance(hint, type) and attrs.has(hint):
        return _ref(hint, defs)
    raise TypeError(f"no JSON Schema for {hint!r}")  # pragma: no cover - a new field type needs a case here
