"""Matching parameters: the data a policy gives the fit score and cover search.

Imported by :mod:`carerules._policy._model`, so it imports nothing from
the policy package.
"""

from __future__ import annotations

import attrs

from carerules._errors import InvalidInput
from carerules._validate import count, flag, labels, text, tuple_of


@attrs.frozen(order=True)
class TraitFit:
    """A Service User's trait that a staff member's (different) trait suits.

    For example ``TraitFit("anxious", "calm")``: a calm staff member suits
    an anxious Service User. Traits are labels, compared exactly.
    """

    service_user_trait: str = attrs.field(validator=text("trait_fit.service_user_trait"))
    staff_trait: str = attrs.field(validator=text("trait_fit.staff_trait"))


@attrs.frozen
class MatchingPolicy:
    """How staff are scored for a Service User, and how far cover looks ahead.

    * ``interest_points``: points per interest the two share (default 1).
    * ``trait_points``: points per fitting pair of traits (default 1).
    * ``shared_traits_fit``: a trait both have counts as a fitting pair.
    * ``trait_fits``: further pairings of different traits that fit.
    * ``courses``: the training courses the provider recognises. When not
      empty, naming any other course (a requirement or a training record)
      is :class:`~carerules.InvalidInput`, which catches misspellings that
      would otherwise make staff silently ineligible. Empty: any name.
    * ``cover_search_days``: how many days, from the session's date, to look
      for other times with the preferred staff member (default 7, at most 366).
    * Points are whole numbers from 0 to 10,000.
    """

    interest_points: int = attrs.field(default=1, validator=count("matching.interest_points"))
    trait_points: int = attrs.field(default=1, validator=count("matching.trait_points"))
    shared_traits_fit: bool = attrs.field(default=True, validator=flag("matching.shared_traits_fit"))
    trait_fits: tuple[TraitFit, ...] = attrs.field(default=(), validator=tuple_of(TraitFit, "matching.trait_fits"))
    courses: frozenset[str] = attrs.field(default=frozenset(), validator=labels("matching.courses"))
    cover_search_days: int = attrs.field(default=7, validator=count("matching.cover_search_days", maximum=366))

    def fitting(self, service_user_trait: str) -> frozenset[str]:
        """The staff traits that fit ``service_user_trait`` under this policy."""
        out = {f.staff_trait for f in self.trait_fits if f.service_user_trait == service_user_trait}
        if self.shared_traits_fit:
            out.add(service_user_trait)
        return frozenset(out)

    def check_courses(self, names: frozenset[str], field: str, *, sensitive: bool = False) -> None:
        """Refuse course names the policy does not list (when it lists any); ``sensitive`` redacts the name."""
        if self.courses:
            unknown = sorted(names - self.courses)
            if unknown:
                expected = f"a course the policy lists: {', '.join(sorted(self.courses))}"
                raise InvalidInput(field, unknown[0], expected, sensitive=sensitive)
