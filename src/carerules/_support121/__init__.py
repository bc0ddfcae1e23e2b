"""1-2-1 Support: eligibility, goals, plans, sessions, reviews and attendance."""

from carerules._support121._ahead import ReviewDue, next_sessions, plan_from_first_session, review_due
from carerules._support121._eligibility import Criterion, Eligibility, check_eligibility
from carerules._support121._model import (
    Goal,
    GoalStatus,
    Plan,
    Progress,
    RefresherRequest,
    Refreshers,
    Resident,
    ReviewRecord,
    SessionOutcome,
    SessionRecord,
    SessionSlot,
    Step,
    StepKind,
    Weekday,
)
from carerules._support121._report import CaseReport, OneToOneSection, SupportCase, report_cases
from carerules._support121._rules import RULES
from carerules._support121._schedule import Refresher, Schedule, schedule
from carerules._support121._status import AttendanceSummary, PlanStatus, plan_status
from carerules._support121._terms import (
    Cadence,
    CadenceNotAllowed,
    OneToOneTerms,
    RefreshersNotAutomatic,
    SupportArea,
    UnknownArea,
)
from carerules._support121._usage import validate_plan

__all__ = [
    "RULES",
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
    "ReviewDue",
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
    "next_sessions",
    "plan_from_first_session",
    "plan_status",
    "report_cases",
    "review_due",
    "schedule",
    "validate_plan",
]
