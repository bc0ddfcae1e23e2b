"""Argument checking at the public face: wrong types become ``InvalidInput``.

Domain objects validate their own fields; public *functions* are wrapped
with :func:`public`, which checks each argument against the function's
annotations before the body runs. A wrong type then fails at the door with
a typed error naming the parameter, never deep inside with an
``AttributeError``.
"""

from __future__ import annotations

import functools
import inspect
import types
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextvars import ContextVar
from datetime import date, datetime
from decimal import localcontext
from typing import Any, ParamSpec, TypeVar, Union, cast, get_args, get_origin, get_type_hints

from carerules._errors import InvalidInput
from carerules._money import MONEY_CONTEXT

P = ParamSpec("P")
R = TypeVar("R")

_ITERABLES = (Iterable, Sequence)


def _describe(hint: Any) -> str:
    return getattr(hint, "__name__", None) or str(hint).replace("typing.", "")


def _accepts(value: Any, hint: Any) -> bool:
    if hint is Any or isinstance(hint, TypeVar):
        return True
    if hint is None or hint is type(None):
        return value is None
    origin = get_origin(hint)
    args = get_args(hint)
    if origin is Union or origin is types.UnionType:
        return any(_accepts(value, a) for a in args)
    if origin is tuple:
        if not isinstance(value, tuple):
            return False
        if len(args) == 2 and args[1] is Ellipsis:
            return all(_accepts(v, args[0]) for v in value)
        return len(args) == len(value) and all(_accepts(v, a) for v, a in zip(value, args, strict=True))
    if origin in _ITERABLES:
        return isinstance(value, tuple) and all(_accepts(v, args[0]) for v in value) if args else True
    if origin is Callable:
        return callable(value)
    if origin is not None:
        return isinstance(value, origin)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is date:
        return isinstance(value, date) and not isinstance(value, datetime)
    if isinstance(hint, type):
        return isinstance(value, hint)
    return True


def _may_hold_text(value: object) -> bool:
    """Whether a wrongly typed argument could carry free text (a note, a medication name...).

    The guard cannot know which argument is sensitive, so text and containers
    are reported by kind and size only; numbers, dates and the like are shown.
    """
    return isinstance(value, str | bytes | Mapping | list | tuple | set | frozenset)


#: How many public calls are running in this context (grounding with no policy happens only at the outermost).
_DEPTH: ContextVar[int] = ContextVar("carerules_public_depth", default=0)


@functools.cache
def _grounding() -> tuple[Callable[[Any, Any], Any], type]:
    # Imported on first use: the policy package is built from modules that use this guard.
    from carerules._policy._grounding import ground
    from carerules._policy._model import Policy

    return ground, Policy


def _grounded(result: Any, policy: Any) -> Any:
    ground, policy_type = _grounding()
    return ground(result, policy if isinstance(policy, policy_type) else None)


def public(fn: Callable[P, R]) -> Callable[P, R]:
    """Wrap ``fn`` so every argument is checked against its annotation, and its answer grounded.

    ``Iterable`` arguments are read once into a tuple (so generators work)
    and their items checked too. The body runs under the library's own
    decimal context, so the caller's ``decimal.getcontext()`` (precision,
    rounding, traps) never changes a result. The answer is grounded in the
    ``policy`` argument (reasons cite its clauses and name its roles;
    decisions and results carry its stamp); with no policy, the outermost
    public call grounds it in the library's defaults.
    """
    signature = inspect.signature(fn)
    hints: dict[str, Any] = {}
    takes_policy = "policy" in signature.parameters

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if not hints:
            hints.update(get_type_hints(fn))
            hints.pop("return", None)
        try:
            bound = signature.bind(*args, **kwargs)
        except TypeError as exc:
            raise InvalidInput(
                fn.__name__, (args, kwargs), f"arguments matching {fn.__name__}{signature}", sensitive=True
            ) from exc
        for name, value in bound.arguments.items():
            hint = hints.get(name, Any)
            if get_origin(hint) in _ITERABLES:
                if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
                    raise InvalidInput(
                        name, value, f"an iterable of {_describe(get_args(hint)[0])}", sensitive=_may_hold_text(value)
                    )
                value = tuple(value)
                bound.arguments[name] = value
            if not _accepts(value, hint):
                raise InvalidInput(name, value, f"a {_describe(hint)}", sensitive=_may_hold_text(value))
        policy = bound.arguments.get("policy") if takes_policy else None
        depth = _DEPTH.get()
        token = _DEPTH.set(depth + 1)
        try:
            with localcontext(MONEY_CONTEXT):
                result = fn(*bound.args, **bound.kwargs)
                if policy is not None or depth == 0:
                    return cast(R, _grounded(result, policy))
                return result
        finally:
            _DEPTH.reset(token)

    return wrapper
