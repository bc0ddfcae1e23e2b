"""Matching and cover: ranked staff with reasons, key worker plus spare, cover, organisation-wide suggestions."""

from carerules._matching._assign import (
    Assignment,
    SuggestedMatch,
    Unmatched,
    assign_all,
)
from carerules._matching._cover import (
    CoverOptions,
    CoverStaff,
    CoverTime,
    cover_options,
)
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
)
from carerules._matching._pair import (
    PairCheck,
    PairSuggestion,
    check_pair,
    suggest_pair,
)
from carerules._matching._params import (
    MatchingPolicy,
    TraitFit,
)
from carerules._matching._score import (
    Candidate,
    Ranking,
    fit,
    rank_staff,
)
from carerules._public import publish

__all__ = [
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
]

publish(globals())
