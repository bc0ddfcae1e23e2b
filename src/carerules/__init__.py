"""carerules: the written policies of 1:1 support services as explained decisions.

The top level holds the rule engine, the errors, the policies and the
everyday verbs (``carerules.__all__``). Each policy area has a public module
of its own, loaded on first use:

- ``carerules.charging``: pricing sessions, pay, cancellations, expenses, invoices;
- ``carerules.tariffs``: rate grids, day types, bands, travel, fees, billing;
- ``carerules.care``: personal care, medication and physical contact;
- ``carerules.matching``: ranking staff, pairs, cover, organisation-wide matching;
- ``carerules.onboarding``: readiness, duties, contracts, the compliance report;
- ``carerules.one_to_one``: 1-2-1 Support eligibility, plans, schedules, reports;
- ``carerules.policy``: the policy model, its rates, clauses and calendar.

Every area name also works from the top level (``carerules.Tariff``), loaded
on first use. ``carerules.strategies`` (Hypothesis strategies) and
``carerules.serialisation`` (the cattrs converter) are public modules too.
Importing ``carerules`` loads none of them, nor anything else: every name,
the engine's included, is imported on first use (PEP 562).
"""

TYPE_CHECKING = False  # not ``typing.TYPE_CHECKING``: importing typing alone costs more than this module

__version__ = "0.1.0"

__all__ = [
    # The rule engine
    "DEFAULT_RULES",
    "PRODUCT_DECISIONS",
    "RENAMED_RULES",
    "Decision",
    "Default",
    "PolicyStamp",
    "Reason",
    "Rule",
    "Source",
    "all_rules",
    "decide",
    "get_rule",
    "rules_table",
    # Errors (every error the library raises, whichever area raises it)
    "CareRulesError",
    "InvalidInput",
    "MissingDependency",
    "MissingParameter",
    "MissingRate",
    "RuleConflict",
    "ScenarioError",
    "PolicyFileError",
    "TariffError",
    "MissingTariffRate",
    "UnknownWaiver",
    "CadenceNotAllowed",
    "RefreshersNotAutomatic",
    "UnknownArea",
    # Policies
    "BUDDIES",
    "ONE_TO_ONE_SUPPORT",
    "BUILT_IN_NAMES",
    "Policy",
    "builtin_policy",
    "load_policy",
    "read_policy_text",
    # Money and time
    "Period",
    "elapsed",
    "plus_elapsed",
    "round_line",
    "to_money",
    # Everyday verbs: a session priced, a batch, an invoice, a scenario
    "Session",
    "price_session",
    "price_batch",
    "build_invoice",
    "PolicyChoice",
    "Scenario",
    "load_scenario",
]

if TYPE_CHECKING:
    # Type checkers see every name; at run time each is imported on first use (``__getattr__`` below).
    from carerules._errors import (
        CareRulesError,
        InvalidInput,
        MissingDependency,
        MissingParameter,
        MissingRate,
        RuleConflict,
        ScenarioError,
    )
    from carerules._money import round_line, to_money
    from carerules._registry import all_rules, get_rule, rules_table
    from carerules._renamed import RENAMED_RULES
    from carerules._rules import (
        DEFAULT_RULES,
        PRODUCT_DECISIONS,
        Decision,
        Default,
        PolicyStamp,
        Reason,
        Rule,
        Source,
        decide,
    )
    from carerules._scenario import PolicyChoice, Scenario, load_scenario
    from carerules._time import Period, elapsed, plus_elapsed
    from carerules.care import *
    from carerules.charging import *
    from carerules.matching import *
    from carerules.onboarding import *
    from carerules.one_to_one import *
    from carerules.policy import *
    from carerules.tariffs import *
else:
    import sys as _sys

    from carerules import _public

    def __getattr__(name: str) -> object:
        """An area's name, imported with its area on first use (PEP 562)."""
        home = _public.HOME.get(name)
        if home is None:
            raise AttributeError(f"module 'carerules' has no attribute {name!r}")
        __import__(home)
        value = getattr(_sys.modules[home], name)
        _public.publish()
        if name != "BUDDIES" and name != "ONE_TO_ONE_SUPPORT":
            globals()[name] = value  # later lookups skip this function
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *_public.HOME})
