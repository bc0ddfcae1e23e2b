"""How long ``import carerules`` takes beyond a bare interpreter start, and what it loads.

Starts fresh interpreters in turn (a bare ``pass``, then ``import carerules``,
and the same for each other checkout given) and prints the medians, the
difference (the import's own cost) and its ratio to the bare start, all
measured in this run. With ``--areas`` it also times ``import carerules``
followed by first use of every area (``carerules.BUDDIES`` and one name per
area module), what a program that uses the whole library pays, and of the
engine alone (``carerules.Decision``: attrs and the rule engine).
Goal (issue 17): under 0.1 s beyond the bare start, median of several runs.
Run: ``python benchmarks/bench_import.py [--runs N] [--areas] [OTHER_SRC ...]``
(``OTHER_SRC``: another checkout's ``src`` directory, e.g. the main branch's, to compare).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
ENGINE = "import carerules as cr; cr.Decision; cr.InvalidInput"
ALL_AREAS = (
    "import carerules as cr; cr.BUDDIES; cr.Session; cr.Tariff; cr.Task; cr.ServiceUser; cr.Contract; cr.Plan; cr.Rate"
)


def _run(code: str, src: Path | None) -> float:
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--areas", action="store_true", help="also time first use of every area")
    parser.add_argument("other", nargs="*", type=Path, help="other checkouts' src directories to compare")
    args = parser.parse_args()
    cases = [("bare interpreter", "pass", None)]
    for src in (SRC, *args.other):
        cases.append((f"import carerules ({src})", "import carerules", src))
        if args.areas:
            cases.append((f"  + the engine and errors ({src})", ENGINE, src))
            cases.append((f"  + every area ({src})", ALL_AREAS, src))
    times: dict[str, list[float]] = {label: [] for label, _, _ in cases}
    for _ in range(args.runs):  # interleaved, so a change in machine load hits every case alike
        for label, code, src in cases:
            times[label].append(_run(code, src))
    bare = statistics.median(times["bare interpreter"])
    print(f"median of {args.runs} fresh interpreters each")
    for label, _, _ in cases:
        median = statistics.median(times[label])
        extra = median - bare
        print(f"{label:<70} {median * 1000:8.1f} ms  beyond bare {extra * 1000:7.1f} ms  ({median / bare:4.2f}x bare)")


if __name__ == "__main__":
    main()
