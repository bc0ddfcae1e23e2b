"""Matching and cover: ranked staff with reasons, key worker plus spare, cover, organisation-wide suggestions.

Nothing here may import :mod:`carerules._policy` or :mod:`carerules._charging`
at run time: the policy model imports :class:`MatchingPolicy` from here.
"""

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
from carerules._matching._rules import RULES
from carerules._matching._score import Candidate, Ranking, fit, rank_staff

__all__ = [
    "RULES",
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
]
