"""Classify 100,000 task descriptions two ways in one run and print the figures.

1. ``carerules.classify_tasks`` (rule trees with explanations; every
   description is classified once per policy's care data, then looked up).
2. A plain lookup-table classifier: a hand-written function fills a dict
   keyed by the description's fields with bare answer strings, and a loop
   looks each task up (no explanations).

Both answer the same; the script checks that they agree before timing.
Goal: the library no more than 3x slower than the plain table.
Run: ``python benchmarks/bench_care.py [N]``.
"""

from __future__ import annotations

import itertools
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence

import attrs

import carerules as cr
from carerules import Activity, CanDecide, HelpKind, Place, Task

SUN_CREAM = cr.PermittedTask("applying-sun-cream", cr.CareArea.SKIN_CARE, "agreed with every family for days out")
POLICY = attrs.evolve(cr.BUDDIES, care=cr.CareBoundaries(permitted_tasks=(SUN_CREAM,)))
NAMED = {
    "straightening-clothing",
    "brushing-hair",
    "doing-hair",
    "drying-hair",
    "make-up",
    "fastening-shoes",
    "applying-sun-cream",
}
ACTIVITIES = [a.value for a in Activity] + ["applying-sun-cream"]
_Key = tuple[str, str, str, str, bool]


def plain_answer(activity: str, help_kind: str, place: str, can_decide: str, podiatrist: bool) -> str:
    """The answer written out by hand, with no rule engine (the built-in reading away from home: unclear)."""
    if podiatrist:
        return "podiatrist-task"
    if activity in NAMED or help_kind in ("prompting-only", "encouragement", "checking-afterwards"):
        return "permitted"
    if help_kind == "physical-assistance":
        return "unclear" if place == "elsewhere" else "personal-care"
    if can_decide == "yes":
        return "permitted"
    if help_kind == "supervision-only" or place == "elsewhere":
        return "unclear"
    if place == "own-home" and can_decide == "no":
        return "personal-care"
    return "unclear"


def plain_table() -> dict[_Key, str]:
    """Every description, answered by :func:`plain_answer`."""
    table: dict[_Key, str] = {}
    for activity, help_kind, place, can_decide in itertools.product(ACTIVITIES, HelpKind, Place, CanDecide):
        hands_on_nails = activity == "nail-care" and help_kind is HelpKind.PHYSICAL_ASSISTANCE
        for podiatrist in (False, True) if hands_on_nails else (False,):
            key = (activity, help_kind.value, place.value, can_decide.value, podiatrist)
            table[key] = plain_answer(*key)
    return table


def plain_classify(tasks: Sequence[Task], table: dict[_Key, str]) -> list[str]:
    """The lookup-table classifier."""
    out: list[str] = []
    append = out.append
    for t in tasks:
        append(table[(t.activity, t.help, t.place, t.can_decide, t.by_podiatrist)])
    return out


def make_tasks(n: int, seed: int = 11) -> list[Task]:
    """Random descriptions over every activity, kind of help, place and capacity."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        activity = rng.choice(ACTIVITIES)
        help_kind = rng.choice(list(HelpKind))
        podiatrist = activity == "nail-care" and help_kind is HelpKind.PHYSICAL_ASSISTANCE and rng.random() < 0.3
        out.append(
            Task(
                activity,
                help_kind,
                rng.choice(list(Place)),
                rng.choice(list(CanDecide)),
                podiatrist,
                id=f"t{i}",
            )
        )
    return out


def best_of(repeats: int, fn: Callable[[], object]) -> tuple[float, list[float]]:
    """The fastest of ``repeats`` runs of ``fn``, in seconds, and all the runs."""
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return min(runs), runs


def main(argv: Sequence[str]) -> int:
    n = int(argv[1]) if len(argv) > 1 else 100_000
    tasks = make_tasks(n)

    start = time.perf_counter()
    cold = cr.classify_tasks(tasks, POLICY)
    library_cold = time.perf_counter() - start
    start = time.perf_counter()
    table = plain_table()
    plain_cold = time.perf_counter() - start + best_of(1, lambda: plain_classify(tasks, table))[0]

    answers = plain_classify(tasks, table)
    mismatches = sum(d.answer.value != a for d, a in zip(cold.decisions, answers, strict=True))
    if mismatches:
        print(f"the two classifiers disagree on {mismatches} of {n} tasks")
        return 1

    library, library_runs = best_of(5, lambda: cr.classify_tasks(tasks, POLICY))
    plain, plain_runs = best_of(5, lambda: plain_classify(tasks, table))
    counts = ", ".join(f"{k.value} {v}" for k, v in cold.counts().items())
    print(f"tasks classified:        {n:,} ({counts}); the two classifiers agree on every one")
    print(
        f"carerules.classify_tasks: {n / library:12,.0f} tasks/s  (best of 5: {library * 1000:7.1f} ms; "
        f"median {statistics.median(library_runs) * 1000:7.1f} ms)"
    )
    print(
        f"plain lookup table:       {n / plain:12,.0f} tasks/s  (best of 5: {plain * 1000:7.1f} ms; "
        f"median {statistics.median(plain_runs) * 1000:7.1f} ms)"
    )
    print(
        f"first call, table building included: carerules {library_cold * 1000:.1f} ms, plain {plain_cold * 1000:.1f} ms"
    )
    ratio = library / plain
    verdict = "within" if ratio <= 3 else "OVER"
    print(f"ratio (carerules time / plain time): {ratio:.2f}x ({verdict} the 3x goal)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
