"""The organisation-wide key worker + spare problem, solved exactly with HiGHS.

:func:`solve` first tries the fast path in :mod:`carerules._matching._colgen`
(column generation over whole pairs, certified by a Lagrangian bound) and
falls back to the compact integer programme below when that certificate
fails, so the answer is always optimal; only the time differs.

Why not a plain assignment: "key worker != spare" ties each Service User's
two roles together, which neither ``linear_sum_assignment`` nor a min-cost
flow can express (a relaxed flow gives the same best person both roles).
So it is an integer programme, solved by scipy's ``milp`` (HiGHS):

    maximise  sum_i B*m_i + sum_ij w_ij*(x_ij + y_ij)
    subject to  sum_j x_ij = m_i,  sum_j y_ij = m_i        (one key, one spare if matched)
                sum_i x_ij <= K_j, sum_i y_ij <= S_j       (free capacities)
                x_ij + y_ij <= 1                           (two different people)
                x, y, m binary; x_ij, y_ij exist only where j is eligible for i

with ``B = 2*N*max(w) + 1`` so matching one more person outweighs any fit.

Solving it over every (Service User, staff) pair is slow (minutes at
1,000 x 300), so it is solved over each person's best few candidates and
grown by column generation: the LP relaxation's duals price every left-out
pair, and any pair that could improve the LP is added. When none can, the
LP bound is the full problem's; an integer solution of the restricted
problem within 1 of it is optimal for the full problem (fits are whole
numbers). If that certificate fails, the full problem is solved directly.
"""

from __future__ import annotations

import zlib
from typing import Any, Literal

from carerules._errors import MissingDependency
from carerules._matching._colgen import solve_by_columns

_TOL = 1e-7


def _numpy_scipy(needed_for: str) -> tuple[Any, Any, Any]:
    try:
        import numpy as np
        from scipy import optimize, sparse
    except ImportError:  # pragma: no cover - exercised only without the extra
        raise MissingDependency("scipy", "matching", needed_for) from None
    return np, optimize, sparse


def _highspy(needed_for: str) -> Any:
    try:
        import highspy
    except ImportError:  # pragma: no cover - exercised only without the extra
        raise MissingDependency("highspy", "matching", needed_for) from None
    return highspy


def jitter(np: Any, row_ids: list[str], column_ids: list[str]) -> Any:
    """A fixed pseudo-random number in [0, 1) for every (row id, column id) pair.

    Derived from the ids alone (CRC-32, then an integer mix), so the same
    people always get the same numbers, on any machine and in any order.
    """
    mask = np.uint64(0xFFFFFFFF)
    a = np.array([zlib.crc32(i.encode()) for i in row_ids], dtype=np.uint64)
    b = np.array([zlib.crc32(j.encode()) for j in column_ids], dtype=np.uint64)
    x = (a[:, None] * np.uint64(0x9E3779B1) + b[None, :] * np.uint64(0x85EBCA77)) & mask
    x ^= x >> np.uint64(16)
    x = (x * np.uint64(0x45D9F3B)) & mask
    x ^= x >> np.uint64(16)
    return x.astype(np.float64) / 2.0**32


def _model(np: Any, sparse: Any, W: Any, K: Any, S: Any, pi: Any, pj: Any, active: Any, big: int) -> tuple[Any, ...]:
    N, M = W.shape
    L = len(pi)
    n = N + 2 * L
    ar = np.arange(L)
    w = W[pi, pj].astype(float)
    c = np.concatenate([-big * active.astype(float), -w, -w])
    rows = np.concatenate([pi, N + pi, np.arange(N), N + np.arange(N)])
    cols = np.concatenate([N + ar, N + L + ar, np.arange(N), np.arange(N)])
    vals = np.concatenate([np.ones(2 * L), -np.ones(2 * N)])
    A_eq = sparse.csr_matrix((vals, (rows, cols)), shape=(2 * N, n))
    rows = np.concatenate([pj, M + pj, 2 * M + ar, 2 * M + ar])
    cols = np.concatenate([N + ar, N + L + ar, N + ar, N + L + ar])
    A_ub = sparse.csr_matrix((np.ones(4 * L), (rows, cols)), shape=(2 * M + L, n))
    b_ub = np.concatenate([K, S, np.ones(L)]).astype(float)
    upper = np.concatenate([active.astype(float), np.ones(2 * L)])
    return c, A_eq, A_ub, b_ub, upper


def solve(
    W: Any,
    E: Any,
    K: Any,
    S: Any,
    ties: Any = None,
    *,
    candidates: int = 10,
    needed_for: str = "assign_all",
    engine: Literal["auto", "compact"] = "auto",
) -> tuple[list[tuple[int, int] | None], str]:
    """The optimal (key, spare) column per row of ``W``, or ``None`` for unmatched rows.

    ``W``: fits (N x M whole numbers), ``E``: eligibility (bool), ``K``/``S``:
    free key/spare capacity per column, ``ties``: numbers in [0, 1) per pair
    (see :func:`jitter`) that fix the choice among equally good answers.
    Returns the choice per row and a note on how optimality was certified.
    ``engine="compact"`` skips the fast path (for tests).
    """
    np, optimize, sparse = _numpy_scipy(needed_for)
    W = np.asarray(W, dtype=np.int64)
    E = np.asarray(E, dtype=bool)
    K = np.asarray(K, dtype=np.int64)
    S = np.asarray(S, dtype=np.int64)
    N, M = W.shape
    if N == 0 or M == 0:
        return [None] * N, "nothing to assign"
    active = E.sum(axis=1) >= 2
    E = E & active[:, None]
    if not E.any():
        return [None] * N, "nobody has two eligible staff"
    if engine == "auto":
        if ties is None:  # without a perturbation the LP is badly degenerate (ties everywhere) and slow
            ties = jitter(np, [str(i) for i in range(N)], [str(j) for j in range(M)])
        ties = np.asarray(ties, dtype=np.float64)
        found = solve_by_columns(np, _highspy(needed_for), W, E, K, S, ties)
        if found is not None:
            return found, "certified optimal: within 1 of the Lagrangian bound"
    big = 2 * N * int(W[E].max() if E.any() else 0) + 1
    masked = np.where(E, W, -1)
    order = np.argsort(-masked, axis=1, kind="stable")[:, : max(2, candidates)]
    chosen = np.zeros((N, M), dtype=bool)
    np.put_along_axis(chosen, order, True, axis=1)
    chosen &= E
    note = "compact programme: restricted problem certified optimal by LP duality"
    step = max(2, candidates // 2)
    while True:
        pi, pj = np.nonzero(chosen)
        c, A_eq, A_ub, b_ub, upper = _model(np, sparse, W, K, S, pi, pj, active, big)
        lp = optimize.linprog(
            c,
            A_ub=A_ub,
            b_ub=b_ub,
            A_eq=A_eq,
            b_eq=np.zeros(2 * N),
            bounds=np.c_[np.zeros(len(c)), upper],
            method="highs",
        )
        if lp.status != 0:  # pragma: no cover - the model is always feasible (m = 0)
            raise RuntimeError(f"HiGHS could not solve the LP relaxation: {lp.message}")
        ya, yb = lp.eqlin.marginals[:N], lp.eqlin.marginals[N:]
        yk, ys = lp.ineqlin.marginals[:M], lp.ineqlin.marginals[M : 2 * M]
        rc_x = -W - ya[:, None] - yk[None, :]
        rc_y = -W - yb[:, None] - ys[None, :]
        rc = np.where(E & ~chosen, np.minimum(rc_x, rc_y), 0.0)
        if not (rc < -_TOL).any():
            break
        # Partial pricing: add each person's few most promising pairs per round.
        best = np.argsort(rc, axis=1, kind="stable")[:, :step]
        add = np.zeros_like(chosen)
        np.put_along_axis(add, best, True, axis=1)
        chosen |= add & (rc < -_TOL)
    bound = -lp.fun
    result = _integer(np, optimize, c, A_eq, A_ub, b_ub, upper, N)
    if chosen.sum() < E.sum() and -result.fun < bound - 1 + 1e-3:
        note = "compact programme: full problem solved"
        chosen = E
        pi, pj = np.nonzero(chosen)
        c, A_eq, A_ub, b_ub, upper = _model(np, sparse, W, K, S, pi, pj, active, big)
        result = _integer(np, optimize, c, A_eq, A_ub, b_ub, upper, N)
    L = len(pi)
    x = np.round(result.x).astype(np.int64)
    out: list[tuple[int, int] | None] = [None] * N
    keys = {int(pi[p]): int(pj[p]) for p in np.nonzero(x[N : N + L])[0]}
    spares = {int(pi[p]): int(pj[p]) for p in np.nonzero(x[N + L :])[0]}
    for i in range(N):
        if x[i] == 1:
            out[i] = (keys[i], spares[i])
    return out, note


def _integer(np: Any, optimize: Any, c: Any, A_eq: Any, A_ub: Any, b_ub: Any, upper: Any, N: int) -> Any:
    constraints = [
        optimize.LinearConstraint(A_eq, np.zeros(2 * N), np.zeros(2 * N)),
        optimize.LinearConstraint(A_ub, -np.inf, b_ub),
    ]
    result = optimize.milp(
        c,
        constraints=constraints,
        integrality=np.ones(len(c)),
        bounds=optimize.Bounds(np.zeros(len(c)), upper),
        options={"mip_rel_gap": 0.0},
    )
    if result.status != 0:  # pragma: no cover - the model is always feasible (m = 0)
        raise RuntimeError(f"HiGHS could not solve the assignment: {result.message}")
    return result
