"""The columnar engine behind :mod:`carerules.frames` (needs the ``frames`` extra: narwhals, pyarrow, numpy)."""

from carerules._frames._api import explain, explain_pay, pay_frame, price_frame

__all__ = ["explain", "explain_pay", "pay_frame", "price_frame"]
