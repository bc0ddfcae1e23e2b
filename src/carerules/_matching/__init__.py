"""Matching and cover: ranked staff with reasons, key worker plus spare, cover, organisation-wide suggestions.

The policy model imports :class:`MatchingPolicy` from this package, so this
``__init__`` stays light (rules and parameters only); ``carerules`` imports
the rest from the modules directly.
"""

from carerules._matching._params import MatchingPolicy, TraitFit
from carerules._matching._rules import RULES

__all__ = ["RULES", "MatchingPolicy", "TraitFit"]
