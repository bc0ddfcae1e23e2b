"""Frames in, priced frames with reasons out: the columnar engine.

Requires the ``frames`` extra (``pip install carerules[frames]``: narwhals,
pyarrow, numpy). Accepts a pyarrow Table, a polars DataFrame or a pandas
DataFrame and returns the same kind of table with result columns added.
Answers are identical, row for row, to the per-row engine
(:func:`carerules.price_session` and friends); see ``docs/frames.md``.
"""

from carerules._frames import (
    cancellations_frame,
    explain,
    explain_cancellation,
    explain_pay,
    explain_visit,
    pay_frame,
    price_frame,
    price_visits_frame,
)

__all__ = [
    "cancellations_frame",
    "explain",
    "explain_cancellation",
    "explain_pay",
    "explain_visit",
    "pay_frame",
    "price_frame",
    "price_visits_frame",
]
