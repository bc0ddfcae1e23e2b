"""Shared test settings: Hypothesis profiles and helpers."""

from __future__ import annotations

import os
from datetime import datetime
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, settings

# "default" is derandomized so `make test` (and CI) always runs the same examples;
# `make fuzz` explores fresh random examples, many more of them.
settings.register_profile(
    "default", max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("thorough", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# `make mutation` runs the relevant tests once per mutant: fewer, still fixed, examples.
settings.register_profile(
    "mutation", max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
# A fresh runner: no example database, every health check on, fresh random examples (tests/test_strategies_fresh.py).
settings.register_profile(
    "fresh", max_examples=20, deadline=None, database=None, derandomize=False, suppress_health_check=()
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default")
settings.load_profile(PROFILE)
#: Examples per target in the public-API fuzz tests: few in `make test`, many in `make fuzz`.
FUZZ_EXAMPLES = {"thorough": 400, "mutation": 5}.get(PROFILE, 12)

LONDON = ZoneInfo("Europe/London")


def london(year: int, month: int, day: int, hour: int = 0, minute: int = 0, fold: int = 0) -> datetime:
    """A London wall-clock time as an aware datetime."""
    return datetime(year, month, day, hour, minute, tzinfo=LONDON, fold=fold)


#: The public area modules (each also reachable name by name from ``carerules``).
AREA_MODULES = (
    "carerules.care",
    "carerules.charging",
    "carerules.matching",
    "carerules.onboarding",
    "carerules.one_to_one",
    "carerules.policy",
    "carerules.tariffs",
)


def _public_names() -> tuple[str, ...]:
    import importlib

    import carerules

    names = [*carerules.__all__]
    for module in AREA_MODULES:
        names += importlib.import_module(module).__all__
    return tuple(dict.fromkeys(names))


#: Every public name: the top level's ``__all__`` and each area module's, each once.
PUBLIC_NAMES = _public_names()
