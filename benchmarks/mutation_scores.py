"""Print the mutation score of each module from the last ``mutmut run`` (``make mutation``).

Score = killed / (killed + survived). Mutants mutmut could not reach with any
test ("no tests") are counted separately: they are gaps in coverage, not in
assertions. Mutants in code that runs at import time (validator factories)
cannot be switched on by mutmut 3 and show as survivors.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter, defaultdict


def main() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "mutmut", "results", "--all", "true"], capture_output=True, text=True, check=False
    ).stdout
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for line in out.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if not name:
            continue
        module = name.split(".x", 1)[0]
        counts[module][status] += 1
    total: Counter[str] = Counter()
    print(f"{'module':<40} {'killed':>7} {'survived':>9} {'no tests':>9} {'score':>7}")
    for module in sorted(counts):
        c = counts[module]
        total.update(c)
        decided = c["killed"] + c["survived"]
        score = f"{100 * c['killed'] / decided:.0f}%" if decided else "-"
        print(f"{module:<40} {c['killed']:>7} {c['survived']:>9} {c['no tests']:>9} {score:>7}")
    decided = total["killed"] + total["survived"]
    if decided:
        print(
            f"{'all':<40} {total['killed']:>7} {total['survived']:>9} {total['no tests']:>9} "
            f"{100 * total['killed'] / decided:>6.0f}%"
        )


if __name__ == "__main__":
    main()
