"""carerules: the written policies of 1:1 support services as explained decisions.

Everything public is importable from here; the modules behind it are private.
``carerules.strategies`` (Hypothesis strategies) and
``carerules.serialisation`` (the cattrs converter) are public modules of
their own, imported on demand.
"""

from carerules._charging import (
    Cancellation,
    CancellationOutcome,
    CancelledBy,
    ChargePart,
    Expense,
    ExpenseAgreement,
    ExpenseOutcome,
    Invoice,
    InvoiceLine,
    LineKind,
    PayLine,
    PayStatement,
    PricedBatch,
    Session,
    SessionCharge,
    SessionPay,
    build_invoice,
    build_pay_statement,
    decide_cancellation,
    decide_expense,
    pay_for_session,
    price_batch,
    price_session,
    quote,
)
from carerules._errors import (
    CareRulesError,
    InvalidInput,
    MissingDependency,
    MissingRate,
    RuleConflict,
    ScenarioError,
)
from carerules._matching._assign import Assignment, SuggestedMatch, Unmatched, assign_all
from carerules._matching._cover import CoverOptions, CoverStaff, CoverTime, cover_options
from carerules._matching._model import (
    Absence,
    Availability,
    Contact,
    ContactRole,
    Match,
    PlanPermissions,
    ServiceUser,
    StaffMember,
    TrainingRecord,
    Weekday,
)
from carerules._matching._pair import PairCheck, PairSuggestion, check_pair, suggest_pair
from carerules._matching._params import MatchingPolicy, TraitFit
from carerules._matching._score import Candidate, Ranking, fit, rank_staff
from carerules._money import round_line, to_money
from carerules._policy import (
    BUDDIES,
    BUDDIES_DOCUMENT,
    ONE_TO_ONE_DOCUMENT,
    ONE_TO_ONE_SUPPORT,
    Calendar,
    Policy,
    Rate,
    RateBasis,
    ShiftKind,
)
from carerules._registry import all_rules, get_rule, rules_table
from carerules._rules import PRODUCT_DECISIONS, Decision, Default, Reason, Rule, Source, decide
from carerules._scenario import PolicyChoice, Scenario, load_scenario
from carerules._time import Period, elapsed, plus_elapsed

__version__ = "0.1.0"

__all__ = (
    # The rule engine
    "PRODUCT_DECISIONS",
    "Decision",
    "Default",
    "Reason",
    "Rule",
    "Source",
    "all_rules",
    "decide",
    "get_rule",
    "rules_table",
    # Errors
    "CareRulesError",
    "InvalidInput",
    "MissingDependency",
    "MissingRate",
    "RuleConflict",
    "ScenarioError",
    # Policies
    "BUDDIES",
    "BUDDIES_DOCUMENT",
    "ONE_TO_ONE_DOCUMENT",
    "ONE_TO_ONE_SUPPORT",
    "Calendar",
    "Policy",
    "Rate",
    "RateBasis",
    "ShiftKind",
    # Money and time
    "Period",
    "elapsed",
    "plus_elapsed",
    "round_line",
    "to_money",
    # Charging, pay, cancellation, expenses
    "Cancellation",
    "CancellationOutcome",
    "CancelledBy",
    "ChargePart",
    "Expense",
    "ExpenseAgreement",
    "ExpenseOutcome",
    "Invoice",
    "InvoiceLine",
    "LineKind",
    "PayLine",
    "PayStatement",
    "PricedBatch",
    "Session",
    "SessionCharge",
    "SessionPay",
    "build_invoice",
    "build_pay_statement",
    "decide_cancellation",
    "decide_expense",
    "pay_for_session",
    "price_batch",
    "price_session",
    "quote",
    # Scenarios (the command line's input)
    "PolicyChoice",
    "Scenario",
    "load_scenario",
    # Matching and cover
    "Absence",
    "Assignment",
    "Availability",
    "Candidate",
    "Contact",
    "ContactRole",
    "CoverOptions",
    "CoverStaff",
    "CoverTime",
    "Match",
    "MatchingPolicy",
    "PairCheck",
    "PairSuggestion",
    "PlanPermissions",
    "Ranking",
    "ServiceUser",
    "StaffMember",
    "SuggestedMatch",
    "TrainingRecord",
    "TraitFit",
    "Unmatched",
    "Weekday",
    "assign_all",
    "check_pair",
    "cover_options",
    "fit",
    "rank_staff",
    "suggest_pair",
)
