"""A provider's 1-2-1 Support terms as data: support areas, topics, cadences.

This module must not import ``carerules._policy`` (``Policy`` has a field of
type :class:`OneToOneTerms`, so the policy package imports this one).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from carerules._errors import InvalidInput
from carerules._support121._rules import GOAL_AREA


class UnknownArea(InvalidInput):
    """A goal names a support area the policy does not list."""


class CadenceNotAllowed(InvalidInput):
    """A plan's cadence (every N weeks) is not one the policy allows."""


def _topics(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidInput("area.topics", value, "a list of topic names")
    topics = tuple(value)
    for t in topics:
        if not isinstance(t, str) or not t.strip():
            raise InvalidInput("area.topics", t, "non-empty topic names")
    dupes = sorted({t for t in topics if topics.count(t) > 1})
    if dupes:
        raise InvalidInput("area.topics", dupes, "each topic listed once in its area")
    return topics


def _name(_: object, __: object, value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput("area.name", value, "a non-empty area name such as 'Confidence'")


@attrs.frozen
class SupportArea:
    """A support area ("Confidence") and the topics listed under it, in order."""

    name: str = attrs.field(validator=_name)
    topics: tuple[str, ...] = attrs.field(default=(), converter=_topics)


def _areas(value: Iterable[SupportArea]) -> tuple[SupportArea, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidInput("one_to_one.areas", value, "a list of SupportArea objects")
    areas = tuple(value)
    for a in areas:
        if not isinstance(a, SupportArea):
            raise InvalidInput("one_to_one.areas", a, "SupportArea objects")
    names = [a.name for a in areas]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise InvalidInput("one_to_one.areas", dupes, "each area named once")
    return areas


def _cadences(value: Iterable[int]) -> frozenset[int]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidInput("one_to_one.cadence_weeks", value, "a set of whole numbers of weeks, such as {1, 2}")
    try:
        weeks = frozenset(value)
    except TypeError:
        raise InvalidInput("one_to_one.cadence_weeks", value, "whole numbers of weeks") from None
    if not weeks:
        raise InvalidInput("one_to_one.cadence_weeks", sorted(weeks), "at least one cadence, such as {1, 2}")
    for w in weeks:
        if isinstance(w, bool) or not isinstance(w, int) or w < 1:
            raise InvalidInput("one_to_one.cadence_weeks", w, "whole numbers of weeks, 1 or more")
    return weeks


def describe_cadence(weeks: int) -> str:
    """For people: "weekly", "fortnightly", "every 3 weeks"."""
    return {1: "weekly", 2: "fortnightly"}.get(weeks, f"every {weeks} weeks")


@attrs.frozen
class OneToOneTerms:
    """What a provider's 1-2-1 Support offers: its areas and topics, and the cadences it allows.

    ``cadence_weeks`` holds the intervals between sessions a plan may use, in
    weeks (``{1, 2}``: weekly or fortnightly, as the built-in policy).
    Extend the areas with :meth:`extend` (returns a new object).
    """

    areas: tuple[SupportArea, ...] = attrs.field(default=(), converter=_areas)
    cadence_weeks: frozenset[int] = attrs.field(default=frozenset({1, 2}), converter=_cadences)

    @property
    def area_names(self) -> tuple[str, ...]:
        """The areas' names, in order."""
        return tuple(a.name for a in self.areas)

    def area(self, name: str, *, field: str = "area") -> SupportArea:
        """The area called ``name``; :class:`UnknownArea` naming ``field`` if none."""
        for a in self.areas:
            if a.name == name:
                return a
        choices = ", ".join(repr(n) for n in self.area_names) or "none (the policy lists no areas)"
        raise UnknownArea(field, name, f"one of the policy's support areas: {choices} ({GOAL_AREA.id})")

    def is_listed_topic(self, area: str, topic: str) -> bool:
        """True when ``topic`` is one the policy lists under ``area``."""
        return topic in self.area(area).topics

    def extend(self, area: str, *topics: str) -> OneToOneTerms:
        """These terms with ``topics`` added to ``area`` (a new area if it is not listed)."""
        if area in self.area_names:
            areas = tuple(
                SupportArea(a.name, a.topics + tuple(t for t in topics if t not in a.topics)) if a.name == area else a
                for a in self.areas
            )
        else:
            areas = (*self.areas, SupportArea(area, topics))
        return attrs.evolve(self, areas=areas)

    def check_cadence(self, weeks: int, *, field: str = "plan.every_weeks") -> None:
        """Raise :class:`CadenceNotAllowed` unless sessions every ``weeks`` weeks are allowed."""
        if weeks not in self.cadence_weeks:
            allowed = ", ".join(f"{w} ({describe_cadence(w)})" for w in sorted(self.cadence_weeks))
            raise CadenceNotAllowed(field, weeks, f"a cadence the policy allows, in weeks: {allowed}")
