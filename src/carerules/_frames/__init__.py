"""The columnar engine behind :mod:`carerules.frames` (needs the ``frames`` extra: narwhals, pyarrow, numpy)."""

from carerules._frames._api import explain, explain_pay, pay_frame, price_frame
from carerules._frames._cancel import cancellations_frame, explain_cancellation
from carerules._frames._tariff import explain_visit, price_visits_frame

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
