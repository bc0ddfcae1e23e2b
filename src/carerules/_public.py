"""Where each public name lives, and the module it reports (``__module__``).

``carerules`` keeps the engine, the errors, the policies and the everyday
verbs at the top level; every other public name lives in one area module
(``carerules.charging``, ``carerules.tariffs``...). :data:`AREAS` lists them
so the top level can find a name without importing every area, and
:func:`publish` gives each public class and function its public module, so
tracebacks, reprs and pickles say ``carerules.MissingRate`` or
``carerules.tariffs.Tariff``, never a private path. A name on the top level
reports ``carerules``; any other reports its area module.

Adding a public name: import it in its area module and list it in that
module's ``__all__``, then add it here (``tests/test_namespace.py`` checks
the two agree).
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # not ``typing.TYPE_CHECKING``: ``import carerules`` does not import typing
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

#: Each area module and the public names it exports.
AREAS: Mapping[str, tuple[str, ...]] = {
    "carerules.care": (
        "Activity",
        "AwayFromHome",
        "AwayReading",
        "CanDecide",
        "CareAnswer",
        "CareArea",
        "CareBoundaries",
        "CareCase",
        "CareReport",
        "ClassifiedTasks",
        "ContactAnswer",
        "ContactChecks",
        "ContactKind",
        "ContactPlan",
        "HelpKind",
        "MedicationAnswer",
        "MedicationEvent",
        "MedicationFile",
        "MedicationForm",
        "MedicationOutcome",
        "MedicationProcedure",
        "MedicationRecord",
        "MedicationRecordCheck",
        "MedicationRequest",
        "MedicationRoute",
        "MedicationSupport",
        "PermittedTask",
        "Place",
        "ResponsibilityWindow",
        "Task",
        "care_report",
        "care_table",
        "check_contact",
        "check_contacts",
        "check_medication_records",
        "classify_task",
        "classify_tasks",
        "decide_medication",
        "epilepsy_procedure_ready",
    ),
    "carerules.charging": (
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
        "UnpricedLine",
        "build_forecast",
        "build_invoice",
        "build_pay_statement",
        "decide_cancellation",
        "decide_expense",
        "forecast_session",
        "pay_for_session",
        "price_batch",
        "price_session",
        "quote",
        "TariffInvoice",
        "build_invoices",
        "build_tariff_invoice",
        "CancellationBatch",
        "decide_cancellations",
    ),
    "carerules.matching": (
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
        "assign_all",
        "check_pair",
        "cover_options",
        "fit",
        "rank_staff",
        "suggest_pair",
    ),
    "carerules.onboarding": (
        "AgreedTraining",
        "AssessmentCopy",
        "CareNeed",
        "CareRuling",
        "ComplianceReport",
        "Condition",
        "Contract",
        "ContractSchedule",
        "DutyState",
        "DutyStatus",
        "EpilepsyProcedure",
        "FeedbackForm",
        "FeedbackResponse",
        "Finding",
        "FindingKind",
        "MedicationLog",
        "NeedAnswer",
        "OnboardingParameters",
        "OnboardingScenario",
        "OutstandingTraining",
        "PersonalFile",
        "PlanNeeds",
        "Readiness",
        "RiskAssessment",
        "RiskAssessmentStage",
        "ScheduledSession",
        "ServicePlan",
        "TrainingRecords",
        "Unmet",
        "WeeklySlot",
        "WriteUpAuthorisation",
        "add_years",
        "age_on",
        "check_feedback",
        "check_final_risk_assessment",
        "check_plan_needs",
        "check_readiness",
        "compliance_report",
        "expand_contract",
        "final_risk_assessment_due",
        "forecast_invoice",
        "may_send_write_up",
        "medication_findings",
        "outstanding_training",
        "readiness_with_staff",
        "service_user_findings",
        "training_from_staff",
        "check_condition",
        "final_risk_assessment_deadline",
    ),
    "carerules.one_to_one": (
        "AttendanceSummary",
        "Cadence",
        "CadenceNotAllowed",
        "CaseReport",
        "Criterion",
        "Eligibility",
        "Goal",
        "GoalStatus",
        "OneToOneSection",
        "OneToOneTerms",
        "Plan",
        "PlanStatus",
        "Progress",
        "Refresher",
        "RefresherRequest",
        "Refreshers",
        "RefreshersNotAutomatic",
        "Resident",
        "ReviewRecord",
        "Schedule",
        "SessionOutcome",
        "SessionRecord",
        "SessionSlot",
        "Step",
        "StepKind",
        "SupportArea",
        "SupportCase",
        "UnknownArea",
        "Weekday",
        "check_eligibility",
        "plan_status",
        "report_cases",
        "schedule",
        "validate_plan",
        "ReviewDue",
        "next_sessions",
        "plan_from_first_session",
        "review_due",
    ),
    "carerules.policy": (
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
    ),
    "carerules.tariffs": (
        "Band",
        "Basis",
        "Billing",
        "BillingPeriod",
        "Boundary",
        "CancellationPrice",
        "CancellationTerms",
        "CancellationWaiver",
        "CappedCharge",
        "DayType",
        "Distance",
        "DurationRules",
        "ExpenseClaim",
        "ExpenseTerms",
        "ExtraCharge",
        "Fee",
        "FlatDay",
        "Grace",
        "InvoicePeriod",
        "Journey",
        "LengthPrice",
        "Mileage",
        "MissingTariffRate",
        "Nights",
        "NoticeTier",
        "OverCap",
        "Per",
        "Rounding",
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
        "UnknownWaiver",
        "VatLine",
        "VatTotal",
        "Visit",
        "VisitPrice",
        "WeekendHolidays",
        "add_vat",
        "charge_fee",
        "invoice_period",
        "payment_surcharge",
        "price_cancellation",
        "price_expense",
        "price_journey",
        "price_visit",
        "quote_visit",
        "quote_visits",
        "weekly_charge",
        "GroupCharge",
        "Overtime",
        "Scope",
        "ScopedMinimum",
        "VisitsPrice",
        "price_visits",
        "quote_group",
    ),
}

#: Top-level names that belong to no area, and the private module each is imported from on first use.
TOP_ONLY: Mapping[str, tuple[str, ...]] = {
    "carerules._errors": (
        "CareRulesError",
        "InvalidInput",
        "MissingDependency",
        "MissingParameter",
        "MissingRate",
        "RuleConflict",
        "ScenarioError",
    ),
    "carerules._money": ("round_line", "to_money"),
    "carerules._renamed": ("RENAMED_RULES",),
    "carerules._rules": (
        "DEFAULT_RULES",
        "PRODUCT_DECISIONS",
        "Decision",
        "Default",
        "PolicyStamp",
        "Reason",
        "Rule",
        "Source",
        "decide",
    ),
    "carerules._time": ("Period", "elapsed", "plus_elapsed"),
    "carerules._registry": ("all_rules", "get_rule", "rules_table"),
    "carerules._scenario": ("PolicyChoice", "Scenario", "load_scenario"),
}

#: Every lazily loaded name and the module to import it from.
HOME: Mapping[str, str] = {
    name: module for table in (AREAS, TOP_ONLY) for module, names in table.items() for name in names
}

#: The private module each published class or function was defined in (type hints are resolved there).
_DEFINED_IN: dict[object, str] = {}
_SEEN: set[str] = set()


def defined_in(obj: type) -> str:
    """The module ``obj`` was defined in, whatever ``__module__`` now says."""
    return _DEFINED_IN.get(obj, obj.__module__)


def type_hints(cls: type) -> dict[str, Any]:
    """``typing.get_type_hints(cls)``, resolved in the module that defined ``cls``."""
    import typing

    return typing.get_type_hints(cls, globalns=vars(sys.modules[defined_in(cls)]))


def _reported(name: str) -> str:
    import carerules

    return "carerules" if name in carerules.__all__ else HOME[name]


def _rename(obj: object, name: str) -> None:
    from types import FunctionType

    if not isinstance(obj, type | FunctionType) or obj.__name__ != name:
        return
    module = obj.__module__
    if not module.startswith("carerules._"):
        return
    if isinstance(obj, type):
        import attrs

        if attrs.has(obj):
            # Resolved while __module__ still names the defining module; cattrs and attrs then use the result.
            attrs.resolve_types(obj)
    _DEFINED_IN[obj] = module
    obj.__module__ = _reported(name)


def publish(namespace: Mapping[str, Any] | None = None) -> None:
    """Give the public names in ``namespace`` (an area module's globals), and any loaded since, their public module.

    Public classes and functions reached another way (a policy's tariff, a
    scenario's sessions) are published too: every private module loaded so
    far is visited once, so the answer does not depend on import order.
    """
    if namespace is not None:
        for name in namespace["__all__"]:
            if name in namespace:
                _rename(namespace[name], name)
    for module_name, module in list(sys.modules.items()):
        if module_name in _SEEN or not module_name.startswith("carerules._") or module is None:
            continue
        if getattr(getattr(module, "__spec__", None), "_initializing", False):
            continue  # still being imported: visited by a later call
        _SEEN.add(module_name)
        for name, obj in list(vars(module).items()):
            if name in HOME and getattr(obj, "__module__", None) == module_name and _belongs(module_name, HOME[name]):
                _rename(obj, name)


#: The private package behind each area module.
_PACKAGES = {
    "carerules.care": "carerules._care",
    "carerules.charging": "carerules._charging",
    "carerules.matching": "carerules._matching",
    "carerules.onboarding": "carerules._onboarding",
    "carerules.one_to_one": "carerules._support121",
    "carerules.policy": "carerules._policy",
    "carerules.tariffs": "carerules._tariff",
}


def _belongs(module_name: str, home: str) -> bool:
    """Whether a name defined in ``module_name`` can be the public one from ``home`` (not a namesake elsewhere)."""
    package = _PACKAGES.get(home, home)
    return module_name == package or module_name.startswith(package + ".")
