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
from carerules._errors import CareRulesError, InvalidInput, MissingRate, RuleConflict, ScenarioError
from carerules._money import round_line, to_money

# Onboarding, contracts and compliance
from carerules._onboarding._contract import (
    Contract,
    Schedule,
    ScheduledSession,
    Weekday,
    WeeklySlot,
    expand_contract,
    forecast_invoice,
)
from carerules._onboarding._dates import add_years, age_on
from carerules._onboarding._duties import (
    DutyState,
    DutyStatus,
    FeedbackForm,
    FeedbackResponse,
    OutstandingTraining,
    TrainingRecords,
    WriteUpAuthorisation,
    check_feedback,
    check_final_risk_assessment,
    final_risk_assessment_due,
    may_send_write_up,
    outstanding_training,
)
from carerules._onboarding._model import (
    AgreedTraining,
    AssessmentCopy,
    Contact,
    EpilepsyProcedure,
    MedicationProcedure,
    PersonalFile,
    RiskAssessment,
    RiskAssessmentStage,
    ServicePlan,
)
from carerules._onboarding._params import OnboardingParameters
from carerules._onboarding._readiness import Condition, Readiness, Unmet, check_readiness
from carerules._onboarding._report import (
    ComplianceReport,
    Finding,
    FindingKind,
    compliance_report,
    service_user_findings,
)
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
from carerules._time import Period, elapsed

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
    # Onboarding, contracts and compliance
    "AgreedTraining",
    "AssessmentCopy",
    "ComplianceReport",
    "Condition",
    "Contact",
    "Contract",
    "DutyState",
    "DutyStatus",
    "EpilepsyProcedure",
    "FeedbackForm",
    "FeedbackResponse",
    "Finding",
    "FindingKind",
    "MedicationProcedure",
    "OnboardingParameters",
    "OutstandingTraining",
    "PersonalFile",
    "Readiness",
    "RiskAssessment",
    "RiskAssessmentStage",
    "Schedule",
    "ScheduledSession",
    "ServicePlan",
    "TrainingRecords",
    "Unmet",
    "Weekday",
    "WeeklySlot",
    "WriteUpAuthorisation",
    "add_years",
    "age_on",
    "check_feedback",
    "check_final_risk_assessment",
    "check_readiness",
    "compliance_report",
    "expand_contract",
    "final_risk_assessment_due",
    "forecast_invoice",
    "may_send_write_up",
    "outstanding_training",
    "service_user_findings",
)
