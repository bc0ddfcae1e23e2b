"""Timing shared by the benchmarks (run as scripts, so imported by its bare name)."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(fn: Callable[[], object], repeat: int, clock: Callable[[], float] = time.perf_counter) -> float:
    """The fastest of ``repeat`` runs of ``fn``, in seconds of ``clock``.

    ``clock=time.process_time`` counts only this process's CPU time: on a
    machine shared with other work, single-threaded comparisons stay fair.
    """
    times = []
    for _ in range(repeat):
        start = clock()
        fn()
        times.append(clock() - start)
    return min(times)
