"""The frame functions run unchanged inside dask.dataframe map_partitions on a 2-process LocalCluster.

The partitioned result equals the single-process one, and a library error
raised in a worker reaches the caller with its type and message.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pandas as pd
import pytest

import carerules as cr
from carerules.frames import price_frame
from tests.conftest import london

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("dask.distributed")

POLICY = cr.BUDDIES.revise(
    version="dask-test",
    effective_from=date(2000, 1, 1),
    rates=(cr.Rate(cr.ShiftKind.DAY, Decimal("27.75"), date(2000, 1, 1), bank_holiday=True),),
)


def _sessions(n: int) -> pd.DataFrame:
    """Day sessions over a spring and an autumn with a DST change, bank holidays and late nights."""
    first = london(2026, 3, 20, 9)
    rows = []
    for i in range(n):
        start = first + timedelta(days=i % 60, hours=(i * 7) % 14, minutes=15 * (i % 4))
        rows.append({"id": f"s{i}", "start": start, "end": start + timedelta(minutes=30 + 45 * (i % 5)), "kind": "day"})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with (
        distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, memory_limit="1GiB"
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


def test_partitioned_result_equals_single_process(client: Any) -> None:
    frame = _sessions(400)
    expected = price_frame(frame, POLICY)
    parts = dd.from_pandas(frame, npartitions=4)
    result = parts.map_partitions(price_frame, POLICY, meta=price_frame(parts._meta, POLICY)).compute()
    pd.testing.assert_frame_equal(result.reset_index(drop=True), expected.reset_index(drop=True), check_dtype=False)
    assert result["amount_minor"].sum() == expected["amount_minor"].sum() > 0


def test_worker_error_reaches_caller_with_type_and_message(client: Any) -> None:
    frame = _sessions(40)
    frame.loc[25, "kind"] = "sleeping-night"  # the Buddies policy sets no sleeping-night rate
    parts = dd.from_pandas(frame, npartitions=2)
    with pytest.raises(cr.MissingRate, match=r"row 5 \(id 's25'\): policy 'buddies' has no ordinary-day rate"):
        parts.map_partitions(price_frame, POLICY, meta=price_frame(parts._meta, POLICY)).compute()
