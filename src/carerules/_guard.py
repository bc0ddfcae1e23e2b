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

from carerules._errors import InvalidInput, show_in_zone
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


Check = Callable[[Any], bool]


def _yes(value: Any) -> bool:
    return True


def _all_instances(cls: type) -> Callable[[tuple[Any, ...]], bool]:
    """Whether every item is an instance of ``cls``: once per distinct item type, then item by item only if needed."""

    def check(values: tuple[Any, ...]) -> bool:
        for kind in set(map(type, values)):
            if not issubclass(kind, cls):
                return all(isinstance(v, cls) for v in values)  # __class__ or __instancecheck__ may still say yes
        return True

    return check


def _each(hint: Any) -> Callable[[tuple[Any, ...]], bool]:
    """A check that every item of a tuple is acceptable as ``hint``."""
    if isinstance(hint, type) and get_origin(hint) is None and hint not in (int, date, bool):
        return _all_instances(hint)
    check = compile_hint(hint)
    return lambda values: all(map(check, values))


_COMPILED: dict[Any, Check] = {}


def compile_hint(hint: Any) -> Check:
    """:func:`_compile` of ``hint``, kept for the next function with the same annotation."""
    try:
        return _COMPILED[hint]
    except KeyError:
        check = _COMPILED[hint] = _compile(hint)
        return check
    except TypeError:  # an annotation that cannot be a key
        return _compile(hint)


def _compile(hint: Any) -> Check:
    """What :func:`_accepts` answers for ``hint``, worked out once: a check of the value alone.

    ``_accepts`` stays as the plain statement of the rule; a property test
    holds the two to the same answers.
    """
    if hint is Any or isinstance(hint, TypeVar):
        return _yes
    if hint is None or hint is type(None):
        return lambda value: value is None
    origin = get_origin(hint)
    args = get_args(hint)
    if origin is Union or origin is types.UnionType:
        options = tuple(compile_hint(a) for a in args)
        return lambda value: any(option(value) for option in options)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            every = _each(args[0])
            return lambda value: isinstance(value, tuple) and every(value)
        parts = tuple(compile_hint(a) for a in args)
        return lambda value: (
            isinstance(value, tuple)
            and len(value) == len(parts)
            and all(part(v) for part, v in zip(parts, value, strict=True))
        )
    if origin in _ITERABLES:
        if not args:
            return _yes
        every = _each(args[0])
        return lambda value: isinstance(value, tuple) and every(value)
    if origin is Callable:
        return callable
    if origin is not None:
        return lambda value: isinstance(value, origin)
    if hint is int:
        return lambda value: isinstance(value, int) and not isinstance(value, bool)
    if hint is date:
        return lambda value: isinstance(value, date) and not isinstance(value, datetime)
    if isinstance(hint, type):
        return lambda value: isinstance(value, hint)
    return _yes


def _expected(hint: Any, value: Any) -> str:
    """What an argument refused as ``hint`` should have been; for a collection, which item is wrong."""
    origin, args = get_origin(hint), get_args(hint)
    if isinstance(value, tuple) and args and (origin in _ITERABLES or (origin is tuple and args[-1] is Ellipsis)):
        item = args[0]
        check = compile_hint(item)
        for i, v in enumerate(value):
            if not check(v):
                kind = "a tuple" if origin is tuple else "an iterable"
                return f"{kind} of {_describe(item)} (item {i} is a {type(v).__name__})"
    return f"a {_describe(hint)}"


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


class _Parameters:
    """A public function's parameters, read once: names, checks and the quick way to bind a call."""

    def __init__(self, fn: Callable[..., Any], signature: inspect.Signature) -> None:
        hints = get_type_hints(fn)
        hints.pop("return", None)
        kinds = inspect.Parameter
        params = signature.parameters.values()
        #: In signature order: (name, check, is an iterable that is read into a tuple, its item hint).
        self.checks = [
            (
                p.name,
                compile_hint(hints.get(p.name, Any)),
                get_origin(hints.get(p.name, Any)) in _ITERABLES,
                hints.get(p.name, Any),
            )
            for p in params
        ]
        plain = all(p.kind in (kinds.POSITIONAL_OR_KEYWORD, kinds.KEYWORD_ONLY) for p in params)
        #: Names that may be given by position, and by keyword; None when the signature needs ``bind``.
        self.positional = [p.name for p in params if p.kind is kinds.POSITIONAL_OR_KEYWORD] if plain else None
        self.keywords = frozenset(p.name for p in params)
        self.required = [p.name for p in params if p.default is kinds.empty]
        #: A call by position alone (the parameters without defaults come first), none of them read into a
        #: tuple, needs no binding at all.
        self.flat = (
            self.positional is not None
            and len(self.positional) == len(self.checks)
            and not any(iterable for _, _, iterable, _ in self.checks)
        )
        self.policy_at = self.positional.index("policy") if self.positional and "policy" in self.positional else -1

    def bind(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any] | None:
        """The arguments by name, as ``Signature.bind`` gives them; ``None`` when only ``bind`` can say."""
        positional = self.positional
        if positional is None or len(args) > len(positional):
            return None
        given = dict(zip(positional, args, strict=False))
        for name, value in kwargs.items():
            if name in given or name not in self.keywords:
                return None
            given[name] = value
        for name in self.required:
            if name not in given:
                return None
        return given


def check_call(
    fn: Callable[..., Any], signature: inspect.Signature, params: _Parameters, args: Any, kwargs: dict[str, Any]
) -> tuple[tuple[Any, ...], dict[str, Any], Any]:
    """The call's arguments, checked, with ``Iterable`` ones read into tuples: the guard's checking phase.

    ``(args, kwargs)`` to call ``fn`` with, and the ``policy`` argument (``None`` if not given).
    Raises :class:`InvalidInput` naming the first argument (in signature order) that is wrong.
    """
    if params.flat and not kwargs and len(params.required) <= len(args) <= len(params.checks):
        for (name, check, _, hint), value in zip(params.checks, args, strict=False):
            if not check(value):
                raise InvalidInput(name, value, _expected(hint, value), sensitive=_may_hold_text(value))
        return args, {}, args[params.policy_at] if 0 <= params.policy_at < len(args) else None
    given = params.bind(args, kwargs)
    bound = None
    if given is None:
        try:
            bound = signature.bind(*args, **kwargs)
        except TypeError as exc:
            raise InvalidInput(
                fn.__name__, (args, kwargs), f"arguments matching {fn.__name__}{signature}", sensitive=True
            ) from exc
        given = bound.arguments
    for name, check, iterable, hint in params.checks:
        if name not in given:
            continue
        value = given[name]
        if iterable:
            if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
                raise InvalidInput(
                    name, value, f"an iterable of {_describe(get_args(hint)[0])}", sensitive=_may_hold_text(value)
                )
            value = given[name] = tuple(value)
        if not check(value):
            raise InvalidInput(name, value, _expected(hint, value), sensitive=_may_hold_text(value))
    if bound is None:
        return (), given, given.get("policy")
    return bound.args, bound.kwargs, given.get("policy")


def public(fn: Callable[P, R]) -> Callable[P, R]:
    """Wrap ``fn`` so every argument is checked against its annotation, and its answer grounded.

    ``Iterable`` arguments are read once into a tuple (so generators work)
    and their items checked too. The body runs under the library's own
    decimal context, so the caller's ``decimal.getcontext()`` (precision,
    rounding, traps) never changes a result. The answer is grounded in the
    ``policy`` argument (reasons cite its clauses and name its roles;
    decisions and results carry its stamp); with no policy, the outermost
    public call grounds it in the library's defaults.

    The annotations are read and turned into checks on the first call (so
    importing stays cheap); items of an ``Iterable`` argument are checked
    once per distinct item type.
    """
    signature = inspect.signature(fn)
    takes_policy = "policy" in signature.parameters
    known: list[_Parameters] = []

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if not known:
            known.append(_Parameters(fn, signature))
        params = known[0]
        call_args, call_kwargs, policy = check_call(fn, signature, params, args, kwargs)
        policy = policy if takes_policy else None
        depth = _DEPTH.get()
        token = _DEPTH.set(depth + 1)
        try:
            with localcontext(MONEY_CONTEXT):
                result = fn(*call_args, **call_kwargs)
                if policy is not None or depth == 0:
                    return cast(R, _grounded(result, policy))
                return result
        except InvalidInput as exc:
            if policy is not None:
                show_in_zone(exc, getattr(policy, "tz", None))  # an instant refused is shown in the policy's zone
            raise
        finally:
            _DEPTH.reset(token)

    return wrapper
