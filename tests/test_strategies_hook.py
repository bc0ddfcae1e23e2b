"""``st.from_type`` draws carerules objects through the Hypothesis entry point (issue 18).

The hook is tested directly (it is what the entry point calls), and, when the
installed metadata carries the entry point, through Hypothesis's own loading.
"""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import carerules as cr
import carerules.strategies as strategies
from carerules._hypothesis import TYPES, _hypothesis_setup_hook

HOOK = "carerules._hypothesis:_hypothesis_setup_hook"


def _run(code: str, *extra: Path) -> str:
    """Run ``code`` in a fresh interpreter importing this carerules (not another checkout's)."""
    paths = [str(Path(cr.__file__).resolve().parents[1]), *map(str, extra)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True, timeout=120, env=env
    )
    return done.stdout.strip()


def test_every_registered_name_is_a_public_type_and_a_public_strategy() -> None:
    for type_name, strategy_name in TYPES.items():
        assert isinstance(getattr(cr, type_name), type), type_name
        assert strategy_name in strategies.__all__, strategy_name


@pytest.mark.parametrize("type_name", sorted(TYPES))
def test_after_the_hook_from_type_draws_valid_objects_of_the_type(type_name: str) -> None:
    _hypothesis_setup_hook()
    cls = getattr(cr, type_name)

    @settings(max_examples=5)
    @given(st.from_type(cls))
    def draw(value: object) -> None:
        assert type(value) is cls

    draw()


def test_from_type_session_and_policy_price_together() -> None:
    _hypothesis_setup_hook()

    @settings(max_examples=30)
    @given(st.from_type(cr.Session), st.from_type(cr.Policy))
    def price(session: cr.Session, policy: cr.Policy) -> None:
        assert cr.price_session(session, policy).answer.amount >= 0

    price()


def test_importing_carerules_imports_neither_hypothesis_nor_the_hook() -> None:
    loaded = _run(
        """
        import sys
        import carerules
        watched = ("hypothesis", "carerules._hypothesis", "carerules.strategies")
        print(sorted(m for m in sys.modules if m.startswith(watched)))
        """
    )
    assert loaded == "[]"


def test_the_hook_defers_the_strategies_until_a_type_is_asked_for() -> None:
    out = _run(
        """
        import sys
        from carerules._hypothesis import _hypothesis_setup_hook
        _hypothesis_setup_hook()
        before = "carerules.strategies" in sys.modules
        from hypothesis import strategies as st
        import carerules as cr
        st.from_type(cr.Session).validate()
        print(before, "carerules.strategies" in sys.modules)
        """
    )
    assert out == "False True"


_USER_SUITE = """
    from hypothesis import given, settings, strategies as st
    import carerules as cr

    @settings(max_examples=10, database=None)
    @given(st.from_type(cr.Session), st.from_type(cr.Policy))
    def check(session, policy):
        cr.price_session(session, policy)

    check()
    print("ok")
"""


def test_hypothesis_loads_the_hook_through_an_entry_point_like_ours(tmp_path: Path) -> None:
    """The same entry point as pyproject.toml's, in a stand-in distribution's metadata."""
    meta = tmp_path / "carerules_hook_check-0.0.dist-info"
    meta.mkdir()
    (meta / "METADATA").write_text("Metadata-Version: 2.1\nName: carerules-hook-check\nVersion: 0.0\n")
    (meta / "entry_points.txt").write_text(f"[hypothesis]\n_ = {HOOK}\n")
    assert _run(_USER_SUITE, tmp_path) == "ok"


def test_pyproject_declares_the_entry_point() -> None:
    import tomllib

    project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["entry-points"]["hypothesis"] == {"_": HOOK}


def _installed() -> bool:
    found = importlib.metadata.entry_points(group="hypothesis")
    return any(e.value == HOOK for e in found)


@pytest.mark.skipif(not _installed(), reason="the installed carerules metadata has no hypothesis entry point yet")
def test_the_installed_entry_point_registers_the_types_when_hypothesis_is_imported() -> None:
    """A user's suite: nothing imported from carerules.strategies, nothing registered by hand."""
    assert _run(_USER_SUITE) == "ok"
