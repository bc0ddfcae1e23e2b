"""1-2-1 Support: eligibility, goals, plans, sessions, reviews and attendance."""

from carerules._support121._eligibility import Criterion, Eligibility, check_eligibility
from carerules._support121._model import (
    Goal,
    GoalStatus,
    Plan,
    Progress,
    Refreshers,
    Resident,
    ReviewRecord,
    SessionOutcome,
    SessionRecord,
    Step,
    StepKind,
    Weekday,
)
from carerules._support121._rules import RULES
from carerules._support121._schedule import Refresher, Schedule, schedule
from carerules._support121._status import AttendanceSummary, PlanStatus, plan_status
from carerules._support121._terms import CadenceNotAllowed, OneToOneTerms, SupportArea, UnknownArea
from carerules._support121._usage import validate_plan

__all__ = [
    "RULES",
    "AttendanceSummary",
    "CadenceNotAllowed",
    "Criterion",
    "Eligibility",
    "Goal",
    "GoalStatus",
    "OneToOneTerms",
    "Plan",
    "PlanStatus",
    "Progress",
    "Refresher",
    "Refreshers",
    "Resident",
    "ReviewRecord",
    "Schedule",
    "SessionOutcome",
    "SessionRecord",
    "Step",
    "StepKind",
    "SupportArea",
    "UnknownArea",
    "Weekday",
    "check_eligibility",
    "plan_status",
    "schedule",
    "validate_plan",
]
