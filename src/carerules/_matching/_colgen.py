"""The fast exact path for organisation-wide matching: column generation over whole pairs.

The problem (see :mod:`carerules._matching._solve`) is rewritten with one
variable per *pair* for a Service User, ``lambda[u, (key, spare)]``:

    maximise  sum (B + w'[u, key] + w'[u, spare]) * lambda
    subject to  sum over u's pairs <= 1                       (one pair each)
                sum over pairs with key j   <= K_j            (key capacity)
                sum over pairs with spare j <= S_j            (spare capacity)

Key != spare is built into the columns, so the master problem has only
``N + 2M`` rows. Given prices ``p`` (key) and ``q`` (spare) from its LP
duals, the best pair for each person is found for everyone at once with
numpy (best spare, second-best spare, then the best key against them), and:

* pairs worth more than the person's dual are added as columns;
* the same pass prices the full problem's Lagrangian bound
  ``sum_u max(0, best pair value) + K.p + S.q``, which holds for *any*
  ``p, q >= 0``, whatever columns exist.

HiGHS (``highspy``) keeps the master's basis between solves, so each re-solve
is a few hundred pivots. The weights ``w'`` carry a tiny fixed perturbation
derived from the ids (at most 1/8 in total over all pairs), so ties do not
leave the LP degenerate and the answer does not depend on input order; the
perturbation is too small to change which assignments are optimal, because
the true objective is a whole number.

Certificate: when the master's LP solution is whole and its true value is
within 1 of the bound, nothing better exists. When the relaxation stays
fractional (capacity far short of demand), whole answers are searched among
the columns found, each on a small fresh HiGHS model: first keeping the
columns the relaxation takes whole, then widening, last all near-optimal
columns; the first within 1 of the bound is returned. Otherwise ``None`` is
returned and the caller falls back to the compact integer programme.

Speed in that scarce case comes from keeping the master small: the seed
holds only columns close to their person's best at the best subgradient
prices, and after the first solve the columns that priced out are dropped
(pricing brings back any that become useful).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import Any

_NEG = -1e12
_TOL = 1e-6
_SEED_ROUNDS = 50
_SEED_SLACK = 3.0  # seed columns further than this below their person's best (at the best seed prices) are left out
_PRUNE = 1.0  # reduced cost above which a column leaves the master after the first solve
_MIP_NODES = 2000  # a bound on the whole-answer search, in nodes (not seconds: the same on any machine)


def _best_pairs(np: Any, Wp: Any, p: Any, q: Any) -> tuple[Any, Any, Any]:
    """Each row's best (key, spare), key != spare, under prices ``p``/``q``, and its value."""
    N = Wp.shape[0]
    rows = np.arange(N)
    key_value = Wp - p
    spare_value = Wp - q
    first = np.argmax(spare_value, axis=1)
    v1 = spare_value[rows, first]
    spare_value[rows, first] = _NEG
    second = np.argmax(spare_value, axis=1)
    v2 = spare_value[rows, second]
    total = key_value + v1[:, None]
    total[rows, first] = key_value[rows, first] + v2
    key = np.argmax(total, axis=1)
    value = total[rows, key]
    spare = np.where(key == first, second, first)
    return key, spare, value


def _greedy(np: Any, Wp: Any, E: Any, K: Any, S: Any) -> tuple[Any, Any]:
    """A good first answer: key workers by optimal assignment, then spares greedily with the key barred.

    Only a starting point (it seeds the master with a column per person and
    sets the subgradient's target), so the cheap greedy second half is enough.
    """
    from scipy.optimize import linear_sum_assignment

    N = Wp.shape[0]
    slots = np.repeat(np.arange(len(K)), np.minimum(K, N))
    best = float(np.where(E, Wp, 0.0).max())
    worth = np.where(E, 1.0 + 2 * N * (best + 1) + Wp, 0.0)[:, slots]  # one more key worker beats any fit
    r, c = linear_sum_assignment(worth, maximize=True)
    key = np.full(N, -1)
    ok = worth[r, c] > 0
    key[r[ok]] = slots[c[ok]]
    left = np.asarray(S, dtype=np.int64).copy()
    spare = np.full(N, -1)
    for i in np.argsort(-Wp.max(axis=1), kind="stable").tolist():
        if key[i] < 0:
            continue
        row = np.where(E[i] & (left > 0), Wp[i], _NEG)
        row[key[i]] = _NEG
        j = int(np.argmax(row))
        if row[j] > _NEG / 2:
            spare[i] = j
            left[j] -= 1
    both = spare >= 0
    return np.where(both, key, -1), spare


def _new_highs(highspy: Any) -> Any:
    """A HiGHS instance, without the banner HiGHS writes to file descriptor 1 the first time.

    The banner would land in the caller's standard output (and corrupt, for
    example, ``carerules --json``); the library does no I/O of its own.
    """
    try:
        sys.stdout.flush()
        saved = os.dup(1)
    except (OSError, ValueError, AttributeError):  # pragma: no cover - no usable stdout at all
        return highspy.Highs()
    try:
        with open(os.devnull, "w") as sink:
            os.dup2(sink.fileno(), 1)
            try:
                return highspy.Highs()
            finally:
                os.dup2(saved, 1)
    finally:
        os.close(saved)


class _Master:
    """The restricted master LP in HiGHS, grown column by column."""

    def __init__(self, highspy: Any, np: Any, Wp: Any, big: float, K: Any, S: Any) -> None:
        self.np = np
        self.highspy = highspy
        self.Wp = Wp
        self.big = big
        N = Wp.shape[0]
        self.N = N
        self.M = len(K)
        h = _new_highs(highspy)
        h.setOptionValue("output_flag", False)
        h.setOptionValue("simplex_strategy", 4)  # primal simplex: columns keep the basis feasible
        h.setOptionValue("presolve", "off")  # a small, clean master: presolve costs more than it saves
        h.setOptionValue("threads", 1)  # one thread: the same pivots, so the same answer, on any machine
        inf = highspy.kHighsInf
        n_rows = N + 2 * self.M
        upper = np.concatenate([np.ones(N), K, S]).astype(float)
        self.upper = upper
        h.addRows(n_rows, np.full(n_rows, -inf), upper, 0, np.zeros(n_rows + 1, np.int32), np.zeros(0, np.int32), [])
        self.h = h
        self.inf = inf
        self.users: list[Any] = []
        self.keys: list[Any] = []
        self.spares: list[Any] = []
        self.seen: set[tuple[int, int, int]] = set()

    def add(self, u: Any, a: Any, b: Any) -> int:
        """Add the pairs not already present; return how many were new."""
        np = self.np
        fresh = [i for i, t in enumerate(zip(u.tolist(), a.tolist(), b.tolist(), strict=True)) if t not in self.seen]
        if not fresh:
            return 0
        idx = np.asarray(fresh)
        u, a, b = u[idx], a[idx], b[idx]
        value = self.big + self.Wp[u, a] + self.Wp[u, b]
        self.seen.update(zip(u.tolist(), a.tolist(), b.tolist(), strict=True))
        n = len(idx)
        entries = np.stack([u, self.N + a, self.N + self.M + b], axis=1).ravel().astype(np.int32)
        starts = (3 * np.arange(n)).astype(np.int32)
        self.h.addCols(n, -value, np.zeros(n), np.full(n, self.inf), 3 * n, starts, entries, np.ones(3 * n))
        self.users.append(u)
        self.keys.append(a)
        self.spares.append(b)
        return n

    def solve(self, first: bool) -> tuple[Any, Any, Any, Any]:
        """Solve; return the user duals, key prices, spare prices and column values."""
        np, h = self.np, self.h
        h.setOptionValue("solver", "ipm" if first else "simplex")
        h.run()
        sol = h.getSolution()
        y = -np.asarray(sol.row_dual)
        N, M = self.N, self.M
        return y[:N], np.maximum(y[N : N + M], 0.0), np.maximum(y[N + M :], 0.0), np.asarray(sol.col_value)

    def prune(self, limit: float) -> None:
        """Drop the columns whose reduced cost is over ``limit`` (all non-basic, so the basis stays).

        Most seed columns never enter the basis and only slow every pivot;
        pricing brings back any that become useful again.
        """
        np, h = self.np, self.h
        drop = np.asarray(h.getSolution().col_dual) > limit
        if not drop.any():
            return
        h.deleteCols(int(drop.sum()), np.nonzero(drop)[0].astype(np.int32))
        keep = ~drop
        u, a, b = (c[keep] for c in self.columns())
        self.users, self.keys, self.spares = [u], [a], [b]
        self.seen = set(zip(u.tolist(), a.tolist(), b.tolist(), strict=True))

    def whole(self) -> Iterator[Any]:
        """Whole answers from the columns found (HiGHS's MIP, within 1/2 of the LP bound), cheapest first.

        Each is a mask of the chosen columns. Reduced-cost fixing: a column whose
        reduced cost is over 7/8 cannot appear in an answer within 1 of the bound
        (the perturbation accounts for the other 1/8), so every search runs on a
        fresh, small model of the other columns only.

        The relaxation is nearly whole, so the first searches keep its whole part
        and look only at the rest of the people and capacity (a few dozen columns,
        milliseconds); each later one is wider, the last searches every column left.
        """
        np = self.np
        sol = self.h.getSolution()
        x, rc = np.asarray(sol.col_value), np.asarray(sol.col_dual)
        _, a, b = self.columns()
        near = rc <= 0.875
        fixed = x > 1 - _TOL
        # Widening neighbourhoods: keep the relaxation's whole columns and search the rest; then free
        # the whole columns that share a staff member with the searched ones, twice; then search all.
        for _ in range(3):
            if not fixed.any():
                break
            pick = self._search(np.nonzero(near & ~fixed)[0], self._left(fixed))
            if pick is not None:
                yield pick | fixed
            loose = (x > _TOL) & ~fixed
            staff = np.zeros(self.M, dtype=bool)
            staff[a[loose]] = True
            staff[b[loose]] = True
            fixed = fixed & ~staff[a] & ~staff[b]
        pick = self._search(np.nonzero(near)[0], self.upper)
        if pick is not None:
            yield pick

    def _left(self, fixed: Any) -> Any:
        """The row capacities left once the ``fixed`` columns are taken."""
        np, N, M = self.np, self.N, self.M
        u, a, b = (c[fixed] for c in self.columns())
        left = self.upper.copy()
        left[u] = 0
        left[N : N + M] -= np.bincount(a, minlength=M)
        left[N + M :] -= np.bincount(b, minlength=M)
        return left

    def _search(self, cols: Any, upper: Any) -> Any:
        """HiGHS's MIP over columns ``cols`` with row capacities ``upper``: a mask of all columns, or ``None``."""
        np, highspy = self.np, self.highspy
        out = np.zeros(self.h.getNumCol(), dtype=bool)
        if len(cols) == 0:
            return out
        u, a, b = (c[cols] for c in self.columns())
        mip = _new_highs(highspy)
        mip.setOptionValue("output_flag", False)
        mip.setOptionValue("threads", 1)
        n_rows = self.N + 2 * self.M
        empty = np.zeros(n_rows + 1, np.int32)
        mip.addRows(n_rows, np.full(n_rows, -self.inf), upper, 0, empty, np.zeros(0, np.int32), [])
        n = len(cols)
        entries = np.stack([u, self.N + a, self.N + self.M + b], axis=1).ravel().astype(np.int32)
        cost = -(self.big + self.Wp[u, a] + self.Wp[u, b])
        mip.addCols(
            n, cost, np.zeros(n), np.ones(n), 3 * n, (3 * np.arange(n)).astype(np.int32), entries, np.ones(3 * n)
        )
        mip.changeColsIntegrality(n, np.arange(n, dtype=np.int32), np.full(n, highspy.HighsVarType.kInteger))
        mip.setOptionValue("mip_abs_gap", 0.5)
        mip.setOptionValue("mip_max_nodes", _MIP_NODES)
        mip.run()
        if mip.getInfo().primal_solution_status != 2:  # no feasible whole answer found
            return None
        out[cols] = np.asarray(mip.getSolution().col_value) > 0.5
        return out

    def columns(self) -> tuple[Any, Any, Any]:
        np = self.np
        return np.concatenate(self.users), np.concatenate(self.keys), np.concatenate(self.spares)


def _seeds(np: Any, Wp: Any, K: Any, S: Any, big: float, target: float) -> tuple[Any, Any, Any]:
    """Columns for the first master: each person's best pair at every step of a Lagrangian subgradient.

    The steps are cheap and find good prices; only the pairs still within
    ``_SEED_SLACK`` of their person's best at the best prices found (the
    lowest bound) are kept, since the others would only slow every pivot.
    """
    N, M = Wp.shape
    rows = np.arange(N)
    p, q = np.zeros(M), np.zeros(M)
    found_u, found_a, found_b = [], [], []
    lowest, best_p, best_q = np.inf, p, q
    for _ in range(_SEED_ROUNDS):
        a, b, value = _best_pairs(np, Wp, p, q)
        value = big + value
        useful = value > 0
        found_u.append(rows[useful])
        found_a.append(a[useful])
        found_b.append(b[useful])
        bound = float(np.maximum(value, 0.0).sum() + K @ p + S @ q)
        if bound < lowest:
            lowest, best_p, best_q = bound, p, q
        gk = K - np.bincount(a[useful], minlength=M)
        gs = S - np.bincount(b[useful], minlength=M)
        norm = float((gk**2).sum() + (gs**2).sum())
        if norm == 0:
            break
        step = (bound - target) / norm
        p, q = np.maximum(0.0, p - step * gk), np.maximum(0.0, q - step * gs)
    u, a, b = np.concatenate(found_u), np.concatenate(found_a), np.concatenate(found_b)
    _, first = np.unique((u * M + a) * M + b, return_index=True)
    u, a, b = u[first], a[first], b[first]
    _, _, best = _best_pairs(np, Wp, best_p, best_q)
    value = big + Wp[u, a] - best_p[a] + Wp[u, b] - best_q[b]
    keep = value >= np.maximum(big + best, 0.0)[u] - _SEED_SLACK
    return u[keep], a[keep], b[keep]


def solve_by_columns(np: Any, highspy: Any, W: Any, E: Any, K: Any, S: Any, jitter: Any) -> list[Any] | None:
    """The certified-optimal (key, spare) per row, or ``None`` when the certificate fails.

    ``W`` whole-number fits, ``E`` eligibility (rows with fewer than two
    eligible columns must already be all False), ``K``/``S`` free capacities,
    ``jitter`` numbers in [0, 1) fixing ties.
    """
    N = W.shape[0]
    big = float(2 * N * int(W[E].max()) + 1)
    Wp = np.where(E, W + (0.125 / (2 * N)) * jitter, _NEG)
    master = _Master(highspy, np, Wp, big, K, S)
    rows = np.arange(N)
    start = _greedy(np, Wp, E, K, S)
    got = start[0] >= 0
    master.add(rows[got], start[0][got], start[1][got])
    target = big * float(got.sum()) + float(Wp[rows[got], start[0][got]].sum() + Wp[rows[got], start[1][got]].sum())
    seeds = _seeds(np, Wp, K, S, big, target)
    master.add(*seeds)
    first = True
    while True:
        mu, p, q, x = master.solve(first)
        a, b, value = _best_pairs(np, Wp, p, q)
        value = big + value
        bound = float(np.maximum(value, 0.0).sum() + K @ p + S @ q)
        if bool(np.all(np.abs(x - np.round(x)) < _TOL)):
            found = _certified(np, W, master, np.round(x) > 0.5, big, bound)
            if found is not None:
                return found
        if first:  # not certified at once: the seed columns that priced out only slow the pivots from here on
            master.prune(_PRUNE)
            first = False
        better = value - mu > _TOL
        if not better.any() or master.add(rows[better], a[better], b[better]) == 0:
            break
    # The relaxation is not whole: look for a whole answer among the columns found, close enough to the bound.
    for pick in master.whole():
        found = _certified(np, W, master, pick, big, bound)
        if found is not None:
            return found
    return None


def _certified(np: Any, W: Any, master: _Master, pick: Any, big: float, bound: float) -> list[Any] | None:
    """The answer the chosen columns give, if its true value is within 1 of ``bound``; else ``None``."""
    if pick is None:
        return None
    u, k, s = (c[pick] for c in master.columns())
    true_value = big * len(u) + float(W[u, k].sum() + W[u, s].sum())
    if bound >= true_value + 1 - 1e-6:
        return None
    out: list[Any] = [None] * W.shape[0]
    for i, j, jj in zip(u.tolist(), k.tolist(), s.tolist(), strict=True):
        out[i] = (j, jj)
    return out
