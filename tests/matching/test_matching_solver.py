"""The organisation-wide solver on bare matrices: both engines optimal, the fast path certified or declining."""

from __future__ import annotations

import builtins
import itertools
import subprocess
import sys
from datetime import date
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carerules import BUDDIES, MissingDependency, ServiceUser, StaffMember, assign_all
from carerules._matching._colgen import solve_by_columns
from carerules._matching._solve import _highspy, jitter, solve


def brute_force(W: Any, E: Any, K: Any, S: Any) -> tuple[int, int]:
    """The best (rows matched, total fit) over every choice of (key, spare) or nothing per row."""
    N, M = W.shape
    options = [
        [None, *((a, b) for a, b in itertools.permutations(range(M), 2) if E[i, a] and E[i, b])] for i in range(N)
    ]
    best = (0, 0)
    for combo in itertools.product(*options):
        chosen = [(i, p) for i, p in enumerate(combo) if p is not None]
        keys = np.bincount([p[0] for _, p in chosen], minlength=M)
        spares = np.bincount([p[1] for _, p in chosen], minlength=M)
        if (keys <= K).all() and (spares <= S).all():
            best = max(best, (len(chosen), sum(int(W[i, a] + W[i, b]) for i, (a, b) in chosen)))
    return best


def value(W: Any, choice: list[tuple[int, int] | None]) -> tuple[int, int]:
    picked = [(i, p) for i, p in enumerate(choice) if p is not None]
    return len(picked), sum(int(W[i, a] + W[i, b]) for i, (a, b) in picked)


def check_valid(E: Any, K: Any, S: Any, choice: list[tuple[int, int] | None]) -> None:
    picked = [p for p in choice if p is not None]
    assert all(a != b for a, b in picked)
    assert all(E[i, a] and E[i, b] for i, p in enumerate(choice) if p is not None for a, b in [p])
    assert (np.bincount([a for a, _ in picked], minlength=len(K)) <= K).all()
    assert (np.bincount([b for _, b in picked], minlength=len(S)) <= S).all()


@st.composite
def instances(draw: st.DrawFn) -> tuple[Any, Any, Any, Any]:
    n = draw(st.integers(1, 4))
    m = draw(st.integers(2, 4))
    W = np.array(draw(st.lists(st.lists(st.integers(0, 4), min_size=m, max_size=m), min_size=n, max_size=n)))
    E = np.array(draw(st.lists(st.lists(st.booleans(), min_size=m, max_size=m), min_size=n, max_size=n)))
    K = np.array(draw(st.lists(st.integers(0, 2), min_size=m, max_size=m)))
    S = np.array(draw(st.lists(st.integers(0, 2), min_size=m, max_size=m)))
    return W, E, K, S


@settings(max_examples=150, deadline=None)
@given(instances())
def test_both_engines_equal_the_brute_force_optimum(instance: tuple[Any, Any, Any, Any]) -> None:
    W, E, K, S = instance
    best = brute_force(W, E, K, S)
    for engine in ("auto", "compact"):
        choice, _ = solve(W, E, K, S, engine=engine)
        check_valid(E, K, S, choice)
        assert value(W, choice) == best, engine


# Three people, four staff; only staff 0 and 1 can be key workers, only 1 and 2 spares. The LP
# relaxation matches more than two people by splitting pairs, but no whole answer matches three.
GAP = (
    np.array([[3, 3, 0, 2], [2, 1, 0, 2], [0, 3, 0, 3]]),
    np.array([[1, 0, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1]], dtype=bool),
    np.array([2, 2, 0, 0]),
    np.array([0, 2, 1, 0]),
)


def test_the_fast_path_declines_when_the_relaxation_is_not_whole_and_the_fallback_is_optimal() -> None:
    W, E, K, S = GAP
    assert solve_by_columns(np, _highspy("test"), W, E, K, S, np.zeros(W.shape)) is None
    choice, note = solve(W, E, K, S)
    assert note.startswith("compact programme")
    check_valid(E, K, S, choice)
    assert value(W, choice) == brute_force(W, E, K, S) == (2, 6)


def test_when_the_relaxation_is_not_whole_a_whole_answer_among_the_columns_can_still_be_certified(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The master is solved with whole columns; an answer within 1 of the bound is optimal."""
    from carerules._matching import _colgen

    W = np.array([[2, 1, 0, 3], [1, 0, 1, 3], [0, 1, 2, 0], [1, 1, 2, 1], [0, 0, 2, 2]])
    E = np.array([[1, 0, 1, 1], [1, 1, 1, 1], [1, 1, 0, 1], [1, 1, 1, 1], [0, 0, 0, 0]], dtype=bool)
    K, S = np.array([0, 2, 2, 2]), np.array([1, 2, 1, 0])
    calls: list[int] = []
    real = _colgen._Master.whole

    def counted(self: Any) -> Any:
        calls.append(1)
        return real(self)

    monkeypatch.setattr(_colgen._Master, "whole", counted)
    choice = solve_by_columns(np, _highspy("test"), W, E, K, S, np.zeros(W.shape))
    assert calls == [1]
    assert choice is not None
    check_valid(E, K, S, choice)
    assert value(W, choice) == brute_force(W, E, K, S)


def test_the_fast_path_certifies_a_clear_instance() -> None:
    W = np.array([[5, 4, 0], [0, 5, 4], [4, 0, 5]])
    E = np.ones((3, 3), dtype=bool)
    choice, note = solve(W, E, np.ones(3), np.ones(3))
    assert note == "certified optimal: within 1 of the Lagrangian bound"
    assert value(W, choice) == (3, 27)
    assert [set(p) for p in choice if p is not None] == [{0, 1}, {1, 2}, {0, 2}]  # roles are a tie


def test_ties_are_fixed_by_the_ids_not_by_their_order() -> None:
    rows, cols = ["su-a", "su-b", "su-c"], ["st-x", "st-y", "st-z", "st-w"]
    ties = jitter(np, rows, cols)
    assert ties.shape == (3, 4)
    assert ((ties >= 0) & (ties < 1)).all()
    assert len({round(float(t), 12) for t in ties.ravel()}) == 12  # no two pairs share a number
    swapped = jitter(np, rows[::-1], cols[::-1])
    assert (swapped == ties[::-1, ::-1]).all()
    # With every fit equal, the answer is the one the id-derived numbers prefer, whatever the order.
    W = np.zeros((3, 4), dtype=int)
    E = np.ones((3, 4), dtype=bool)
    one = solve(W, E, np.ones(4), np.ones(4), ties)[0]
    two = solve(W, E, np.ones(4), np.ones(4), swapped)[0]
    flip = {0: 3, 1: 2, 2: 1, 3: 0}
    assert [None if p is None else (flip[p[0]], flip[p[1]]) for p in two[::-1]] == one


@pytest.mark.parametrize("package", ["scipy", "highspy"])
def test_a_missing_solver_is_a_typed_error_naming_the_extra(monkeypatch: pytest.MonkeyPatch, package: str) -> None:
    real_import = builtins.__import__

    def without(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == package or name.startswith(package + "."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without)
    users = [ServiceUser("su-a", "A", date(2000, 1, 1))]
    with pytest.raises(MissingDependency, match=r"carerules\[matching\]") as caught:
        assign_all(users, [StaffMember("st-a", "A"), StaffMember("st-b", "B")], BUDDIES)
    assert caught.value.package == package


def test_the_solver_writes_nothing_to_standard_output() -> None:
    """HiGHS announces itself on stdout when first used; the library must keep that out of the caller's output."""
    script = (
        "import numpy as np; from carerules._matching._solve import solve; "
        "print(solve(np.array([[5, 4, 0]]), np.ones((1, 3), bool), [1, 0, 0], [0, 1, 0])[0])"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout == "[(0, 1)]\n"
    assert "HiGHS" not in out.stderr
