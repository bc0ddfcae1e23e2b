"""Policies: versioned data the rules read, each in its provider's own words."""

from typing import TYPE_CHECKING

from carerules._policy import (
    BUDDIES_DOCUMENT,
    BUILT_IN_NAMES,
    FIGURES,
    ONE_TO_ONE_DOCUMENT,
    ROLES,
    Calendar,
    Change,
    Clause,
    Dated,
    Document,
    Policy,
    PolicyFileError,
    Rate,
    RateBasis,
    Role,
    ShiftKind,
    builtin_policy,
    load_policy,
    read_policy_text,
)
from carerules._public import publish

__all__ = [
    "BUDDIES",
    "BUDDIES_DOCUMENT",
    "BUILT_IN_NAMES",
    "Calendar",
    "Change",
    "Clause",
    "Dated",
    "Document",
    "FIGURES",
    "ONE_TO_ONE_DOCUMENT",
    "ONE_TO_ONE_SUPPORT",
    "Policy",
    "PolicyFileError",
    "ROLES",
    "Rate",
    "RateBasis",
    "Role",
    "ShiftKind",
    "builtin_policy",
    "load_policy",
    "read_policy_text",
]

if TYPE_CHECKING:
    BUDDIES: Policy
    ONE_TO_ONE_SUPPORT: Policy

publish(globals())

if not TYPE_CHECKING:  # type checkers see the two annotations above, and no catch-all __getattr__

    def __getattr__(name: str) -> Policy:
        # The built-in policies are read from their data files on first use.
        if name in ("BUDDIES", "ONE_TO_ONE_SUPPORT"):
            import carerules._policy as _policies

            policy: Policy = getattr(_policies, name)
            return policy
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
