"""Every CareRulesError subclass, found by walking the class tree, survives pickle with its type,
message and attributes, from whatever arguments its constructor takes (issue 17, "Beyond one
machine": an error raised in a Dask worker must reach the caller as it was raised)."""

from __future__ import annotations

import importlib
import inspect
import pickle
import pkgutil
import types
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, Union, get_args, get_origin, get_type_hints

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import carerules
import carerules as cr


def _import_every_module() -> None:
    """Import every carerules module, so that errors defined in private modules are subclasses too."""
    for info in pkgutil.walk_packages(carerules.__path__, "carerules."):
        if info.name.endswith("__main__"):
            continue
        try:
            importlib.import_module(info.name)
        except ImportError:  # an optional dependency that is not installed: its errors are not reachable
            continue


def _subclasses(cls: type) -> list[type]:
    found: list[type] = []
    sub: type
    for sub in cls.__subclasses__():
        found.append(sub)
        found.extend(_subclasses(sub))
    return found


_import_every_module()
ERRORS = sorted({cr.CareRulesError, *_subclasses(cr.CareRulesError)}, key=lambda c: (c.__module__, c.__qualname__))

#: Values a caller may hand an error's ``value`` (or any ``Any``) parameter; the last two cannot be pickled.
ANYTHING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=30),
    st.dates(),
    st.datetimes(timezones=st.just(UTC)),
    st.decimals(allow_nan=False, allow_infinity=False, places=2),
    st.tuples(st.text(max_size=5), st.integers()),
    st.builds(lambda n: (x for x in range(n)), st.integers(0, 3)),
    st.just(lambda: None),
)


def _for(hint: Any) -> st.SearchStrategy[Any]:
    """Arguments of the annotated type, as callers pass them (text, dates, flags...)."""
    if hint is str:
        return st.text(max_size=40)
    if hint is bool:
        return st.booleans()
    if hint is date:
        return st.dates()
    if get_origin(hint) is tuple:
        return st.lists(st.text(max_size=10), max_size=3).map(tuple)
    if get_origin(hint) in (Union, types.UnionType):
        return st.one_of([_for(a) for a in get_args(hint)])
    if hint is type(None):
        return st.none()
    return ANYTHING


def _arguments(cls: type) -> st.SearchStrategy[tuple[list[Any], dict[str, Any]]]:
    init = vars(next(c for c in cls.__mro__ if "__init__" in vars(c)))["__init__"]
    if init is Exception.__init__:  # the base class: any arguments, as a caller raising it passes them
        return st.tuples(st.lists(ANYTHING, max_size=3), st.just({}))
    hints = get_type_hints(init)
    positional: list[st.SearchStrategy[Any]] = []
    keyword: dict[str, st.SearchStrategy[Any]] = {}
    for name, p in inspect.signature(init).parameters.items():
        if name == "self":
            continue
        strategy = _for(hints.get(name, Any))
        if p.kind is p.KEYWORD_ONLY:
            keyword[name] = strategy
        else:
            positional.append(strategy)
    return st.tuples(st.tuples(*positional).map(list), st.fixed_dictionaries(keyword))


def _unpicklable(value: Any) -> bool:
    try:
        pickle.dumps(value)
    except Exception:
        return True
    return False


def test_the_walk_finds_every_error_class_the_library_exports() -> None:
    public = {getattr(cr, n) for n in cr.__all__ if isinstance(getattr(cr, n), type)}
    exported = {c for c in public if issubclass(c, cr.CareRulesError)}
    assert exported <= set(ERRORS)
    assert {cr.TariffError, cr.MissingTariffRate, cr.UnknownWaiver, cr.PolicyFileError} <= set(ERRORS)


@pytest.mark.parametrize("cls", ERRORS, ids=lambda c: c.__qualname__)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_every_error_class_survives_pickle_with_its_type_message_and_attributes(
    cls: type[cr.CareRulesError], data: st.DataObject
) -> None:
    args, kwargs = data.draw(_arguments(cls), label="arguments")
    error = cls(*args, **kwargs)
    error.add_note("while pricing partition 3")
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is cls
    assert str(back) == str(error)
    assert back.__notes__ == ["while pricing partition 3"]
    assert vars(back).keys() == vars(error).keys()
    for name, value in vars(error).items():
        if _unpicklable(value):  # a generator or a lambda a caller passed: kept as it is shown
            assert isinstance(vars(back)[name], str)
            assert vars(back)[name].startswith("<")
        else:
            assert vars(back)[name] == value, name
    if any(_unpicklable(a) for a in error.args):
        assert back.args == (str(error),)
    else:
        assert back.args == error.args


@pytest.mark.parametrize("cls", ERRORS, ids=lambda c: c.__qualname__)
def test_a_pickled_error_is_still_caught_as_what_it_was(cls: type[cr.CareRulesError]) -> None:
    """The caller's ``except InvalidInput`` (or ``except LookupError``) still catches it after the trip."""
    error = cls.__new__(cls)
    back = pickle.loads(pickle.dumps(error))
    assert type(back).__mro__ == cls.__mro__
    assert isinstance(back, cr.CareRulesError)


def test_a_value_exactly_as_given_survives_with_its_type() -> None:
    error = cr.InvalidInput("rate.amount", Decimal("18.505"), "two decimal places")
    back = pickle.loads(pickle.dumps(error))
    assert (back.field, back.value, back.expected, back.sensitive) == (
        "rate.amount",
        Decimal("18.505"),
        error.expected,
        False,
    )
    assert type(back.value) is Decimal
    moment = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert pickle.loads(pickle.dumps(cr.InvalidInput("start", moment, "x"))).value == moment
