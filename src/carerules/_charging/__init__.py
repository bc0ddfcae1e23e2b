"""Charging: pricing, pay, cancellations, expenses, invoices (Buddies policy)."""

from carerules._charging._batch import PricedBatch, price_batch
from carerules._charging._cancel_batch import CancellationBatch, decide_cancellations
from carerules._charging._cancellation import decide_cancellation, decide_expense
from carerules._charging._forecast import (
    InvoiceForecast,
    NeededRate,
    UnpricedLine,
    build_forecast,
    forecast_session,
)
from carerules._charging._invoice import (
    Invoice,
    InvoiceLine,
    LineKind,
    build_invoice,
)
from carerules._charging._invoices import build_invoices
from carerules._charging._model import (
    Cancellation,
    CancellationOutcome,
    CancelledBy,
    ChargePart,
    Expense,
    ExpenseAgreement,
    ExpenseOutcome,
    Session,
    SessionCharge,
    SessionPay,
)
from carerules._charging._pay import PayLine, PayStatement, build_pay_statement
from carerules._charging._pricing import pay_for_session, price_session, quote
from carerules._charging._rules import RULES
from carerules._charging._tariff_invoice import TariffInvoice, build_tariff_invoice

__all__ = [
    "RULES",
    "Cancellation",
    "CancellationOutcome",
    "CancelledBy",
    "ChargePart",
    "Expense",
    "ExpenseAgreement",
    "ExpenseOutcome",
    "Invoice",
    "InvoiceForecast",
    "InvoiceLine",
    "LineKind",
    "NeededRate",
    "PayLine",
    "PayStatement",
    "PricedBatch",
    "Session",
    "SessionCharge",
    "SessionPay",
    "TariffInvoice",
    "UnpricedLine",
    "build_forecast",
    "build_invoice",
    "build_invoices",
    "build_pay_statement",
    "build_tariff_invoice",
    "decide_cancellation",
    "decide_expense",
    "forecast_session",
    "pay_for_session",
    "price_batch",
    "price_session",
    "quote",
    "CancellationBatch",
    "decide_cancellations",
]
