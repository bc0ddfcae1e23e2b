"""A provider's 1-2-1 Support terms as data: support areas, topics, cadences, refreshers.

This module must not import ``carerules._policy`` (``Policy`` has a field of
type :class:`OneToOneTerms`, so the policy package imports this one).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from carerules._errors import InvalidInput
from carerules._support121._rules import GOAL_AREA, ONLY_LISTED_AREAS, REFRESHER_REQUEST, REFRESHERS
from carerules._validate import flag


class UnknownArea(InvalidInput):
    """A goal names a support area that a policy listing only its own areas does not list."""


class CadenceNotAllowed(InvalidInput):
    """A plan's cadence (its slots every N weeks) is not one the policy allows."""


class RefreshersNotAutomatic(InvalidInput):
    """A plan asks for refreshers after every achieved goal, and the policy offers refreshers only on request."""


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


#: The most weeks between cycles, and sessions in one cycle, a cadence may have (far beyond any real plan).
MAX_WEEKS = 52
MAX_SESSIONS = 7


def _whole(field: str, unit: str, maximum: int) -> Any:
    def check(_: object, __: object, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= maximum:
            raise InvalidInput(field, value, f"a whole number of {unit} from 1 to {maximum}")

    return check


_TIMES = {1: "", 2: "twice ", 3: "three times "}


def describe_cadence(weeks: int, sessions: int = 1) -> str:
    """For people: "weekly", "fortnightly", "every 3 weeks", "twice weekly", "4 times every 3 weeks"."""
    times = _TIMES.get(sessions, f"{sessions} times ")
    if weeks == 1:
        return times + "weekly"
    if weeks == 2:
        return times + "fortnightly"
    return f"{times}every {weeks} weeks"


@attrs.frozen(order=True)
class Cadence:
    """How often a plan meets: ``sessions`` slots in each cycle of ``every_weeks`` weeks.

    ``Cadence(1)`` is weekly, ``Cadence(2)`` fortnightly, ``Cadence(1, 2)``
    twice weekly (a plan with two weekly slots).
    """

    every_weeks: int = attrs.field(validator=_whole("cadence.every_weeks", "weeks", MAX_WEEKS))
    sessions: int = attrs.field(default=1, validator=_whole("cadence.sessions", "sessions", MAX_SESSIONS))

    def describe(self) -> str:
        """For people: "weekly", "twice weekly", "fortnightly"."""
        return describe_cadence(self.every_weeks, self.sessions)


#: The built-in cadences: weekly, and both readings of the document's "bi-weekly".
BUILT_IN_CADENCES = (Cadence(1), Cadence(1, 2), Cadence(2))


def _cadences(value: Iterable[Cadence]) -> tuple[Cadence, ...]:
    if isinstance(value, str | bytes | Cadence) or not isinstance(value, Iterable):
        raise InvalidInput("one_to_one.cadences", value, "a list of Cadence objects, such as [Cadence(1), Cadence(2)]")
    items = tuple(value)
    for c in items:
        if not isinstance(c, Cadence):
            raise InvalidInput("one_to_one.cadences", c, "Cadence objects, such as Cadence(1) for weekly")
    if not items:
        raise InvalidInput("one_to_one.cadences", [], "at least one cadence, such as [Cadence(1), Cadence(2)]")
    dupes = sorted({c for c in items if items.count(c) > 1})
    if dupes:
        raise InvalidInput("one_to_one.cadences", [c.describe() for c in dupes], "each cadence listed once")
    return tuple(sorted(items))


@attrs.frozen
class OneToOneTerms:
    """What a provider's 1-2-1 Support offers: areas and topics, cadences, refreshers.

    ``areas`` are examples unless ``only_listed_areas`` closes the list: a
    goal elsewhere is then refused (:class:`UnknownArea`) instead of
    accepted with a reason. ``cadences`` are the ones a plan may use
    (weekly, twice weekly and fortnightly by default, as the built-in
    policy). Refreshers follow a recorded request; ``automatic_refreshers``
    also lets a plan schedule them after every achieved goal (off in the
    built-in policy). Extend the areas with :meth:`extend` (a new object).
    """

    areas: tuple[SupportArea, ...] = attrs.field(default=(), converter=_areas)
    cadences: tuple[Cadence, ...] = attrs.field(default=BUILT_IN_CADENCES, converter=_cadences)
    only_listed_areas: bool = attrs.field(default=False, validator=flag("one_to_one.only_listed_areas"))
    automatic_refreshers: bool = attrs.field(default=False, validator=flag("one_to_one.automatic_refreshers"))

    @property
    def area_names(self) -> tuple[str, ...]:
        """The areas' names, in order."""
        return tuple(a.name for a in self.areas)

    @property
    def cadence_weeks(self) -> frozenset[int]:
        """The weeks between cycles that some allowed cadence uses."""
        return frozenset(c.every_weeks for c in self.cadences)

    def describe_cadences(self) -> str:
        """For people: "weekly, twice weekly or fortnightly"."""
        words = [c.describe() for c in self.cadences]
        return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"

    def is_listed_area(self, name: str) -> bool:
        """True when ``name`` is one of the listed areas."""
        return name in self.area_names

    def area(self, name: str, *, field: str = "area") -> SupportArea:
        """The listed area called ``name``; :class:`UnknownArea` naming ``field`` if none."""
        for a in self.areas:
            if a.name == name:
                return a
        choices = ", ".join(repr(n) for n in self.area_names) or "none (the policy lists no areas)"
        closed = f"; the policy lists only these ({ONLY_LISTED_AREAS.id})" if self.only_listed_areas else ""
        raise UnknownArea(field, name, f"one of the policy's support areas: {choices} ({GOAL_AREA.id}){closed}")

    def check_area(self, name: str, *, field: str = "area") -> bool:
        """Whether ``name`` is listed; a name not listed is refused only when the list is closed."""
        if self.is_listed_area(name):
            return True
        if self.only_listed_areas:
            self.area(name, field=field)
        return False

    def is_listed_topic(self, area: str, topic: str) -> bool:
        """True when ``topic`` is one the policy lists under ``area`` (never for an area not listed)."""
        return self.is_listed_area(area) and topic in self.area(area).topics

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

    def check_cadence(
        self, weeks: int, sessions: int = 1, *, field: str = "plan.every_weeks", slots_field: str = "plan.extra_slots"
    ) -> Cadence:
        """The cadence of ``sessions`` slots every ``weeks`` weeks; :class:`CadenceNotAllowed` unless allowed.

        The error names ``field`` when no allowed cadence has that many weeks
        between cycles, else ``slots_field`` (the number of slots is wrong).
        """
        allowed = ", ".join(
            f"{c.describe()} ({c.sessions} slot{'s' if c.sessions > 1 else ''} every {c.every_weeks} "
            f"week{'s' if c.every_weeks > 1 else ''})"
            for c in self.cadences
        )
        for c in self.cadences:
            if (c.every_weeks, c.sessions) == (weeks, sessions):
                return c
        expected = f"a cadence the policy allows: {allowed}"
        if weeks in self.cadence_weeks:
            raise CadenceNotAllowed(
                slots_field, sessions - 1, f"{expected}; the plan has {sessions} slots every {weeks} week(s)"
            )
        raise CadenceNotAllowed(field, weeks, expected)

    def check_refreshers(self, refreshers: object, *, field: str = "plan.refreshers") -> None:
        """Raise :class:`RefreshersNotAutomatic` for refreshers after every goal that these terms do not offer."""
        if refreshers is not None and not self.automatic_refreshers:
            raise RefreshersNotAutomatic(
                field,
                refreshers,
                f"none: this policy offers refreshers only when requested ({REFRESHER_REQUEST.id}: record a "
                f"RefresherRequest in plan.refresher_requests), not after every achieved goal ({REFRESHERS.id}; "
                "a provider may set one_to_one.automatic_refreshers)",
            )
