"""The argument guard (``_guard.public``) against beartype, on the public calls and the batch paths.

What is measured, in one run (CPU time, best of several interleaved rounds):

1. The checking alone, around a no-op with the real signatures of
   ``price_session``, ``decide_cancellation``, ``quote`` and ``price_batch``:
   * the guard as it was (``inspect.Signature.bind`` and the recursive ``_accepts``),
   * the guard as it is (annotations compiled once; plain calls bound without
     ``Signature.bind``; items of a collection checked once per distinct type),
   * ``beartype`` (its default O(1) strategy: one random item of a collection).
2. Error quality on a batch: 10,000 sessions with one wrong item. The guard
   refuses it every time with ``InvalidInput`` naming the argument and the item;
   beartype finds it only when its random pick lands on it (and raises its own
   violation type, whose message would have to be parsed for the name).
3. The whole public call ``price_session`` (checks, decimal context, grounding
   and the pricing itself), so the guard's share of it can be read off.

Run: ``python benchmarks/bench_guard.py``.
"""

import inspect
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from _timing import best_of
from beartype import beartype
from beartype.door import is_bearable
from beartype.roar import BeartypeCallHintParamViolation

import carerules as cr
from carerules._guard import _accepts, _Parameters, check_call

CALLS = 20_000


def price_session(session: cr.Session, policy: cr.Policy) -> None:
    return None


def decide_cancellation(session: cr.Session, cancellation: cr.Cancellation, policy: cr.Policy) -> None:
    return None


def quote(start: datetime, end: datetime, kind: cr.ShiftKind, policy: cr.Policy, session_id: str = "") -> None:
    return None


def price_batch(sessions: Iterable[cr.Session], policy: cr.Policy) -> None:
    return None


def old_guard(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The checking phase of the guard before this change."""
    signature = inspect.signature(fn)
    hints = {k: v for k, v in fn.__annotations__.items() if k != "return"}

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        bound = signature.bind(*args, **kwargs)
        for name, value in bound.arguments.items():
            hint = hints.get(name, Any)
            if name == "sessions":
                value = bound.arguments[name] = tuple(value)
            if not _accepts(value, hint):
                raise cr.InvalidInput(name, value, "...")
        return fn(*bound.args, **bound.kwargs)

    return wrapper


def new_guard(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The checking phase of the guard now (``check_call``, as ``public`` runs it, without context and grounding)."""
    signature = inspect.signature(fn)
    params = _Parameters(fn, signature)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        call_args, call_kwargs, _ = check_call(fn, signature, params, args, kwargs)
        return fn(*call_args, **call_kwargs)

    return wrapper


def bear_guard(fn: Callable[..., Any]) -> Callable[..., Any]:
    """beartype's checks; iterables are still read into a tuple first (it cannot look inside a generator)."""
    checked = beartype(fn)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if fn is price_batch:
            args = (tuple(args[0]), *args[1:])
        return checked(*args, **kwargs)

    return wrapper


def per_call(fn: Callable[[], object], count: int) -> float:
    return best_of(fn, 1, clock=time.process_time) / count * 1e6


def main() -> None:
    start = datetime(2026, 1, 5, 9, tzinfo=UTC)
    session = cr.Session("s", "su", start, start + timedelta(hours=2))
    cancel = cr.Cancellation("s", cr.CancelledBy.FAMILY, start - timedelta(hours=3))
    policy = cr.BUDDIES
    batch = [session] * 100_000
    cases: list[tuple[str, Callable[..., None], tuple[Any, ...], int]] = [
        ("price_session", price_session, (session, policy), CALLS),
        ("decide_cancellation", decide_cancellation, (session, cancel, policy), CALLS),
        ("quote", quote, (start, start + timedelta(hours=2), cr.ShiftKind.DAY, policy), CALLS),
        ("price_batch (100,000 sessions)", price_batch, (batch, policy), 1),
    ]
    print("checking alone, per call (us; CPU time, best of 5 interleaved rounds):")
    print(f"  {'call':32s} {'no check':>9s} {'guard was':>10s} {'guard now':>10s} {'beartype':>9s}")
    for label, fn, args, count in cases:
        variants = [fn, old_guard(fn), new_guard(fn), bear_guard(fn)]
        runs = [(lambda v=v, a=args, n=count: [v(*a) for _ in range(n)]) for v in variants]
        best = [float("inf")] * len(runs)
        for _ in range(5):
            for i, run in enumerate(runs):
                best[i] = min(best[i], per_call(run, count))
        bare = best[0]
        cells = [f"{best[0]:9.2f}"] + [f"{b - bare:10.2f}" for b in best[1:3]] + [f"{best[3] - bare:9.2f}"]
        print(f"  {label:32s} " + " ".join(cells))
    print("  (guard and beartype columns: cost above the no-op call)")

    print("error quality: 10,000 sessions with one wrong item (a string at 7,777), 200 calls each:")
    bad: list[Any] = [session] * 10_000
    bad[7_777] = "s-7777"
    caught = 0
    message = ""
    for _ in range(200):
        try:
            cr.price_batch(bad, policy)
        except cr.InvalidInput as exc:
            caught += 1
            message = str(exc)
    print(f"  guard:    refused {caught}/200 with InvalidInput: {message}")
    found = 0
    bear = beartype(price_batch)
    for _ in range(200):
        try:
            bear(tuple(bad), policy)
        except BeartypeCallHintParamViolation:
            found += 1
    bearable = is_bearable(tuple(bad), Iterable[cr.Session])  # type: ignore[arg-type]
    print(f"  beartype: refused {found}/200 (is_bearable says {bearable})")

    whole = best_of(lambda: [cr.price_session(session, policy) for _ in range(CALLS)], 5, clock=time.process_time)
    print(
        f"whole public call price_session: {whole / CALLS * 1e6:.2f} us per call (checks, context, grounding, pricing)"
    )


if __name__ == "__main__":
    main()
