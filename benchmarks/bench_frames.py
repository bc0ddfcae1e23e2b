"""Columnar pricing of 1,000,000 mixed sessions read from Parquet, against a bare stdlib loop, in one run.

1. ``carerules.frames.price_frame`` on a pyarrow Table read from Parquet
   (days, waking and sleeping nights, a third near DST changes and bank
   holidays), reasons included (rule ids and flags per row).
2. The bare zoneinfo + Decimal loop of ``bench_pricing.py`` doing the same
   arithmetic on raw ``(start, end, kind)`` rows, measured in the same run.

Checks every row's amount against the per-row engine (``price_batch``) and a
sample of rows' rule ids against ``price_session``; shows the cost at 10k,
100k and 1M rows; reports the peak memory of a fresh process that reads the
Parquet file and prices it (or run that under ``/usr/bin/time -v``:
``python benchmarks/bench_frames.py --columnar-only FILE``). With ``--dask``
it also prices 2,000,000 rows on a 2-worker ``LocalCluster`` against one
process.

Run: ``make bench`` or ``python benchmarks/bench_frames.py [--rows N] [--dask]``.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from _timing import best_of
from bench_pricing import POLICY, bare_loop, make_sessions

import carerules as cr
from carerules.frames import price_frame


def arrow_table(sessions: list[cr.Session]) -> pa.Table:
    return pa.table(
        {
            "id": pa.array([s.id for s in sessions], pa.string()),
            "start": pa.array([s.start for s in sessions], pa.timestamp("us", "Europe/London")),
            "end": pa.array([s.end for s in sessions], pa.timestamp("us", "Europe/London")),
            "kind": pa.array([s.kind.value for s in sessions], pa.string()),
        }
    )


def columnar(path: Path) -> pa.Table:
    """Read the Parquet file and price every row, reasons included."""
    result: pa.Table = price_frame(pq.read_table(path), POLICY)
    return result


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss it does not inherit a forking parent's)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def columnar_only(path: Path) -> None:
    """The memory probe: a fresh process that reads ``path`` and prices it, then prints its peak RSS."""
    base = peak_rss_mb()
    result = columnar(path)
    print(f"{result.num_rows} {base:.0f} {peak_rss_mb():.0f}")


def check(sessions: list[cr.Session], result: pa.Table, sample: int = 2_000) -> None:
    """Every amount equals the per-row engine's; a sample of rows has the same rule ids and flags."""
    batch = cr.price_batch(sessions, POLICY)
    expected = np.array([int(a.scaleb(2)) for a in batch.amounts], dtype=np.int64)
    got = result.column("amount_minor").to_numpy()
    wrong = np.flatnonzero(expected != got)
    assert not len(wrong), f"{len(wrong)} rows differ, first {wrong[:5]}"
    rules = result.column("rules")
    top_up = result.column("minimum_applied")
    for i in random.Random(3).sample(range(len(sessions)), min(sample, len(sessions))):
        d = cr.price_session(sessions[i], POLICY)
        assert rules[i].as_py() == ",".join(d.rule_ids), i
        assert top_up[i].as_py() == bool(d.answer.top_up), i
    print(f"checked: all {len(sessions):,} amounts equal price_batch; rule ids equal price_session on {sample:,} rows")


def dask_run(path: Path, table: pa.Table, rows: int) -> None:
    """``rows`` rows (the table repeated) on a 2-worker LocalCluster against one process."""
    import dask.dataframe as dd
    from dask.distributed import Client, LocalCluster

    repeats = -(-rows // table.num_rows)
    big = pa.concat_tables([table] * repeats).slice(0, rows)
    folder = path.parent / "big"
    folder.mkdir()
    step = -(-rows // 8)
    for k in range(8):
        pq.write_table(big.slice(k * step, step), folder / f"part-{k}.parquet")
    one = best_of(lambda: pc.sum(price_frame(pq.read_table(folder), POLICY).column("amount_minor")), 2)
    total = pc.sum(price_frame(pq.read_table(folder), POLICY).column("amount_minor")).as_py()
    with (
        LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster,  # type: ignore[no-untyped-call]
        Client(cluster),  # type: ignore[no-untyped-call]
    ):
        frame = dd.read_parquet(folder)
        meta = price_frame(frame._meta, POLICY)

        def run() -> Any:
            return frame.map_partitions(price_frame, POLICY, meta=meta)["amount_minor"].sum().compute()

        assert run() == total
        two = best_of(run, 2)
    print(f"dask, {rows:,} rows:     1 process {one:.2f} s; 2 workers {two:.2f} s ({one / two:.2f}x), totals equal")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--dask", action="store_true", help="also 2M rows on a 2-worker LocalCluster (slow)")
    parser.add_argument("--columnar-only", type=Path, help="price this Parquet file and print peak memory")
    args = parser.parse_args()
    if args.columnar_only:
        columnar_only(args.columnar_only)
        return
    n = args.rows
    t0 = time.perf_counter()
    sessions = make_sessions(n)
    table = arrow_table(sessions)
    print(f"made {n:,} sessions in {time.perf_counter() - t0:.1f} s")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sessions.parquet"
        pq.write_table(table, path)
        result = columnar(path)
        check(sessions, result)
        engines = result.column("engine").value_counts().to_pylist()
        shown = ", ".join(f"{e['values']} {e['counts']:,}" for e in engines)
        print(f"engines:                  {shown}")
        rows = [(s.start, s.end, s.kind.value) for s in sessions]
        holidays = {d for year in (2025, 2026, 2027, 2028) for d in POLICY.calendar.holidays_in(year)}
        rates = {(r.kind.value, r.bank_holiday): r.amount for r in POLICY.rates}
        # The bare loop's cost per row is flat (no set-up), so it runs on a quarter of the rows; the two are
        # timed in alternation, best of three each, so a busy machine slows both alike.
        bare_rows = rows[: max(1, n // 4)]
        t_col, t_bare = float("inf"), float("inf")
        for _ in range(3):
            t_col = min(t_col, best_of(lambda: columnar(path), 1))
            t_bare = min(t_bare, best_of(lambda: bare_loop(bare_rows, holidays, rates), 1))
        bare_rate = len(bare_rows) / t_bare
        bare_n = len(bare_rows)
        print(f"bare stdlib loop:         {bare_rate:12,.0f} sessions/s  ({t_bare:.3f} s for {bare_n:,})  [baseline]")
        print(f"columnar from Parquet:    {n / t_col:12,.0f} sessions/s  ({t_col:.3f} s for {n:,}, with reasons)")
        print(f"ratio columnar / bare:    {n / t_col / bare_rate:.1f}x throughput (goal >= 20x)")
        loaded = pq.read_table(path)
        for size in (10_000, 100_000, 1_000_000):
            if size > n:
                break
            part = loaded.slice(0, size)
            t = best_of(lambda part=part: price_frame(part, POLICY), 3)  # type: ignore[misc]
            print(f"cost at {size:>9,} rows:   {t:8.3f} s  ({t / size * 1e6:.3f} µs per row)")
        probe = subprocess.run(
            [sys.executable, __file__, "--columnar-only", str(path)], capture_output=True, text=True, check=True
        )
        count, base, peak = probe.stdout.split()
        print(f"peak memory, fresh process reading + pricing {int(count):,} rows: {peak} MB (after imports {base} MB)")
        if args.dask:
            dask_run(path, table, 2 * n)


if __name__ == "__main__":
    main()
