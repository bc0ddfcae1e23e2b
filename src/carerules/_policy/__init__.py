"""Policies: versioned data the rules read."""

from carerules._policy._builtin import BUDDIES, BUDDIES_DOCUMENT, ONE_TO_ONE_DOCUMENT, ONE_TO_ONE_SUPPORT
from carerules._policy._calendar import Calendar
from carerules._policy._model import Policy, Rate, RateBasis, ShiftKind

__all__ = [
    "BUDDIES",
    "BUDDIES_DOCUMENT",
    "ONE_TO_ONE_DOCUMENT",
    "ONE_TO_ONE_SUPPORT",
    "Calendar",
    "Policy",
    "Rate",
    "RateBasis",
    "ShiftKind",
]
