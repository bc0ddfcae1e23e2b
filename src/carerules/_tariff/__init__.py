"""Tariffs: a rate grid over services, day types and local time bands; duration, boundary and night rules.

Pricing (``carerules._tariff._price``: ``price_visit``, ``quote_visit``) needs the
finished ``Policy`` class, so it is imported by ``carerules`` itself, not here:
the policy model imports this package's model while it is being built.
"""

import carerules._policy  # noqa: F401  (first: the policy model imports this package's model)
from carerules._tariff._cancel_model import CancellationTerms, CancellationWaiver, NoticeTier, TierCharge
from carerules._tariff._model import (
    Band,
    Basis,
    Boundary,
    DayType,
    DurationRules,
    FlatDay,
    Grace,
    LengthPrice,
    MissingTariffRate,
    Nights,
    Overtime,
    Per,
    Rounding,
    Scope,
    ScopedMinimum,
    Tariff,
    TariffError,
    TariffRate,
    TopUp,
    WeekendHolidays,
)
from carerules._tariff._rules import RULES
from carerules._tariff._terms import (
    Billing,
    BillingPeriod,
    Distance,
    ExpenseTerms,
    Fee,
    Mileage,
    OverCap,
    Surcharge,
    Timing,
    Travel,
    TravelTime,
)
from carerules._tariff._visit import TariffLine, Visit, VisitPrice

__all__ = [
    "RULES",
    "Band",
    "Basis",
    "Billing",
    "BillingPeriod",
    "Boundary",
    "CancellationTerms",
    "CancellationWaiver",
    "DayType",
    "Distance",
    "DurationRules",
    "ExpenseTerms",
    "Fee",
    "FlatDay",
    "Grace",
    "LengthPrice",
    "Mileage",
    "MissingTariffRate",
    "Nights",
    "NoticeTier",
    "OverCap",
    "Overtime",
    "Per",
    "Rounding",
    "Scope",
    "ScopedMinimum",
    "Surcharge",
    "Tariff",
    "TariffError",
    "TariffLine",
    "TariffRate",
    "TierCharge",
    "Timing",
    "TopUp",
    "Travel",
    "TravelTime",
    "Visit",
    "VisitPrice",
    "WeekendHolidays",
]
