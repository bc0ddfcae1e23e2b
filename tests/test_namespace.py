"""The public face: a small top level, one module per area, lazy loading and public module names.

``import carerules`` loads no area and no heavy dependency (checked in a
fresh interpreter; the timing itself is ``benchmarks/bench_import.py``).
Every public class and function reports its public module, so tracebacks,
reprs and pickles never show a private path.
"""

from __future__ import annotations

import importlib
import inspect
import io
import pickle
import subprocess
import sys
import traceback
from datetime import datetime
from pathlib import Path
from typing import Any

import attrs
import pytest

import carerules as cr
from carerules import _public
from tests.conftest import AREA_MODULES, LONDON, PUBLIC_NAMES

SRC = Path(__file__).resolve().parent.parent / "src"

#: What ``import carerules`` must not load (issue 17, section 5).
HEAVY = ("numpy", "scipy", "highspy", "narwhals", "pyarrow", "polars", "pandas", "dask", "hypothesis")
#: Nor these: the dependencies each area needs, and the private area packages.
AREA_DEPS = ("pendulum", "holidays", "cattrs", "attrs", "typing")
PRIVATE_AREAS = ("_charging", "_tariff", "_care", "_matching", "_onboarding", "_support121", "_policy")


def _fresh(code: str) -> str:
    """Run ``code`` in a fresh interpreter with this checkout's ``src`` first; its standard output."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_import_carerules_loads_no_area_and_no_heavy_dependency() -> None:
    loaded = _fresh("import sys, carerules; print(' '.join(sorted(sys.modules)))").split()
    carerules_modules = [m for m in loaded if m.startswith("carerules")]
    assert carerules_modules == ["carerules", "carerules._public"]
    for name in (*HEAVY, *AREA_DEPS, *(f"carerules.{p}" for p in PRIVATE_AREAS)):
        assert name not in loaded, name


def test_an_area_loads_on_first_use_and_only_its_own_public_module() -> None:
    out = _fresh(
        "import sys, carerules as cr; cr.Session; "
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('carerules.') and '._' not in m)))"
    )
    assert out == "carerules.charging"
    heavy = _fresh(
        f"import sys, carerules as cr; cr.price_session; print([m for m in sys.modules if m in {set(HEAVY)!r}])"
    )
    assert heavy == "[]"


def test_the_top_level_stays_small() -> None:
    assert 35 <= len(cr.__all__) <= 50
    assert len(set(cr.__all__)) == len(cr.__all__)


def test_every_area_name_works_from_its_module_and_from_the_top_level() -> None:
    for module_name in AREA_MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            assert getattr(cr, name) is getattr(module, name), (module_name, name)
    namespace: dict[str, Any] = {}
    exec("from carerules import Tariff, ServiceUser, check_eligibility", namespace)
    assert namespace["Tariff"] is importlib.import_module("carerules.tariffs").Tariff


def test_the_lazy_table_agrees_with_the_area_modules() -> None:
    for module_name in AREA_MODULES:
        listed = set(importlib.import_module(module_name).__all__)
        assert set(_public.AREAS[module_name]) == listed, f"carerules._public.AREAS[{module_name!r}] is out of date"
    assert set(_public.AREAS) == set(AREA_MODULES)
    # Every top-level name is found either in an area or in the private module TOP_ONLY names.
    assert set(cr.__all__) <= set(_public.HOME)


def test_dir_lists_every_public_name_and_unknown_names_raise_attribute_error() -> None:
    assert set(PUBLIC_NAMES) <= set(dir(cr))
    with pytest.raises(AttributeError, match="no_such_name"):
        cr.no_such_name  # type: ignore[attr-defined]  # noqa: B018
    assert not hasattr(cr, "_charging_model")


def _public_objects() -> list[tuple[str, Any]]:
    return [
        (name, obj) for name in PUBLIC_NAMES if inspect.isclass(obj := getattr(cr, name)) or inspect.isfunction(obj)
    ]


def test_every_public_class_and_function_reports_its_public_module() -> None:
    objects = _public_objects()
    assert len(objects) > 250
    for name, obj in objects:
        if obj.__name__ != name:  # an alias (TrainingRecords) keeps what it aliases
            continue
        expected = "carerules" if name in cr.__all__ else _public.HOME[name]
        assert obj.__module__ == expected, name
        assert getattr(sys.modules[obj.__module__], obj.__qualname__) is obj, name


def test_every_published_object_is_the_public_one() -> None:
    # publish() also renames public names it meets in private modules: each must be the public object itself.
    for obj, private in _public._DEFINED_IN.items():
        assert private.startswith("carerules._")
        assert getattr(cr, obj.__name__) is obj, (private, obj.__name__)  # type: ignore[attr-defined]


def test_a_private_namesake_of_a_public_name_keeps_its_module() -> None:
    # The command line's progress line is no 1-2-1 Progress.
    from carerules._progress import Progress

    _public.publish()
    assert Progress.__module__ == "carerules._progress"
    assert cr.Progress.__module__ == "carerules.one_to_one"
    assert set(_public._PACKAGES) == set(_public.AREAS)


def test_names_are_public_whichever_route_loaded_them() -> None:
    # The policy loads the tariff model before anyone imports carerules.tariffs.
    out = _fresh(
        "import carerules as cr; cr.BUDDIES\n"
        "from carerules._tariff._model import Tariff, TariffError\n"
        "from carerules._support121._terms import OneToOneTerms\n"
        "print(Tariff.__module__, TariffError.__module__, OneToOneTerms.__module__)"
    )
    assert out == "carerules.tariffs carerules carerules.one_to_one"
    out = _fresh(
        "import carerules.serialisation\n"
        "from carerules._policy._model import Policy\n"
        "from carerules._errors import MissingRate\n"
        "print(Policy.__module__, MissingRate.__module__)"
    )
    assert out == "carerules carerules"


def _session() -> cr.Session:
    start = datetime(2027, 3, 1, 10, tzinfo=LONDON)
    return cr.Session(id="s-1", service_user="su-amy", staff="st-dee", start=start, end=start.replace(hour=12))


def test_reprs_and_tracebacks_show_public_paths() -> None:
    assert repr(cr.MissingRate) == "<class 'carerules.MissingRate'>"
    assert repr(cr.Tariff) == "<class 'carerules.tariffs.Tariff'>"
    christmas = cr.Session(
        "s-2", "su-amy", datetime(2026, 12, 25, 10, tzinfo=LONDON), datetime(2026, 12, 25, 12, tzinfo=LONDON)
    )
    with pytest.raises(cr.MissingRate) as caught:
        cr.price_session(christmas, cr.BUDDIES)
    assert traceback.format_exception_only(caught.value)[0].startswith("carerules.MissingRate: policy 'buddies'")
    with pytest.raises(cr.InvalidInput) as invalid:
        cr.Session("s-3", "su-amy", datetime(2027, 1, 1, 10), datetime(2027, 1, 1, 12))
    assert traceback.format_exception_only(invalid.value)[0].startswith("carerules.InvalidInput: session.start")


class _Recorder(pickle.Unpickler):
    found: set[tuple[str, str]]

    def find_class(self, module: str, name: str) -> Any:
        self.found.add((module, name))
        return super().find_class(module, name)


def _unpickle(data: bytes) -> tuple[Any, set[tuple[str, str]]]:
    """The value ``data`` holds, and every (module, name) it refers to."""
    recorder = _Recorder(io.BytesIO(data))
    recorder.found = set()
    return recorder.load(), recorder.found


def test_public_objects_pickle_through_their_public_module() -> None:
    decision = cr.price_session(_session(), cr.BUDDIES)
    values: list[Any] = [
        _session(),
        decision,
        cr.BUDDIES,
        cr.ShiftKind.DAY,
        cr.Weekday.MONDAY,
        cr.price_session,
        cr.Tariff,
        cr.MissingRate("buddies", "day", True, datetime(2027, 1, 1, tzinfo=LONDON).date()),
        cr.InvalidInput("session.id", "", "a non-empty string"),
    ]
    for value in values:
        back, found = _unpickle(pickle.dumps(value))
        # Public names pickle by their public path; only internal helpers (a frozen mapping,
        # the errors' rebuild function) by a private one.
        assert not {name for module, name in found if module.startswith("carerules._") and name in PUBLIC_NAMES}
        named = value if inspect.isclass(value) or inspect.isfunction(value) else type(value)
        assert (named.__module__, named.__qualname__) in found
        if isinstance(value, BaseException):
            assert type(back) is type(value)
            assert str(back) == str(value)
        else:
            assert back == value


def test_attrs_and_cattrs_still_read_the_annotations() -> None:
    from carerules.serialisation import from_data, to_data

    session = _session()
    assert from_data(to_data(session), cr.Session) == session
    assert from_data(to_data(cr.BUDDIES), cr.Policy) == cr.BUDDIES
    for _, obj in _public_objects():
        if inspect.isclass(obj) and attrs.has(obj):
            assert not any(isinstance(a.type, str) for a in attrs.fields(obj)), obj
            assert _public.type_hints(obj).keys() >= {a.name for a in attrs.fields(obj) if a.init}, obj
