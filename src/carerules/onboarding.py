"""Onboarding, contracts and compliance: readiness, duties and deadlines, contract forecasts, the compliance report."""

from carerules._onboarding._contract import (
    Contract,
    ContractSchedule,
    ScheduledSession,
    WeeklySlot,
    expand_contract,
    forecast_invoice,
)
from carerules._onboarding._dates import (
    add_years,
    age_on,
)
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
    final_risk_assessment_deadline,
    final_risk_assessment_due,
    may_send_write_up,
    outstanding_training,
)
from carerules._onboarding._model import (
    AgreedTraining,
    AssessmentCopy,
    CareNeed,
    CareRuling,
    EpilepsyProcedure,
    PersonalFile,
    RiskAssessment,
    RiskAssessmentStage,
    ServicePlan,
)
from carerules._onboarding._needs import (
    NeedAnswer,
    PlanNeeds,
    check_plan_needs,
)
from carerules._onboarding._params import (
    OnboardingParameters,
)
from carerules._onboarding._people import (
    readiness_with_staff,
    training_from_staff,
)
from carerules._onboarding._readiness import (
    Condition,
    Readiness,
    Unmet,
    check_condition,
    check_readiness,
)
from carerules._onboarding._report import (
    ComplianceReport,
    Finding,
    FindingKind,
    MedicationLog,
    compliance_report,
    medication_findings,
    service_user_findings,
)
from carerules._onboarding._scenario import (
    OnboardingScenario,
)
from carerules._public import publish

__all__ = [
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
]

publish(globals())
