"""Policies: versioned data the rules read, each in its provider's own words.

``BUDDIES`` and ``ONE_TO_ONE_SUPPORT`` are read from the package's policy
files the first time they are used, through the same path as any provider's
file (:func:`load_policy`).
"""

from typing import TYPE_CHECKING, Any

from carerules._policy._builtin import BUDDIES_DOCUMENT, ONE_TO_ONE_DOCUMENT
from carerules._policy._calendar import Calendar
from carerules._policy._clauses import ROLES, Clause, Document, Role
from carerules._policy._dated import Change, Dated
from carerules._policy._files import BUILT_IN_NAMES, builtin_policy, builtin_text, load_policy, read_policy_text
from carerules._policy._model import FIGURES, Policy, PolicyFileError, Rate, RateBasis, ShiftKind

__all__ = [
    "BUDDIES",
    "BUDDIES_DOCUMENT",
    "BUILT_IN_NAMES",
    "FIGURES",
    "ONE_TO_ONE_DOCUMENT",
    "ONE_TO_ONE_SUPPORT",
    "ROLES",
    "Calendar",
    "Change",
    "Clause",
    "Dated",
    "Document",
    "Policy",
    "PolicyFileError",
    "Rate",
    "RateBasis",
    "Role",
    "ShiftKind",
    "builtin_policy",
    "builtin_text",
    "load_policy",
    "read_policy_text",
]

if TYPE_CHECKING:
    BUDDIES: Policy
    ONE_TO_ONE_SUPPORT: Policy

_BUILT_INS = {"BUDDIES": "buddies", "ONE_TO_ONE_SUPPORT": "one-to-one"}


def __getattr__(name: str) -> Any:
    if name in _BUILT_INS:
        return builtin_policy(_BUILT_INS[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
