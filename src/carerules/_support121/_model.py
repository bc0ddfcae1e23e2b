"""Residents, goals, plans and the records kept against a plan."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar

import attrs

from carerules._enums import Choice
from carerules._errors import InvalidInput
from carerules._time import instant_key
from carerules._validate import is_aware, is_date, member, optional_text, plain_text, text

T = TypeVar("T")


def tuple_of(kind: type[T], field: str) -> Callable[[Any], tuple[T, ...]]:
    """A converter to a tuple whose items are all ``kind``."""

    def convert(value: Any) -> tuple[T, ...]:
        if isinstance(value, str | bytes) or not isinstance(value, Iterable):
            raise InvalidInput(field, value, f"a list of {kind.__name__}")
        items = tuple(value)
        for i, item in enumerate(items):
            if not isinstance(item, kind):
                raise InvalidInput(f"{field}[{i}]", item, f"a {kind.__name__}")
        return items

    return convert


def _optional_flag(field: str) -> Callable[[object, object, Any], None]:
    def check(_: object, __: object, value: Any) -> None:
        if value is not None and not isinstance(value, bool):
            raise InvalidInput(field, value, "True, False or None (not recorded)")

    return check


def _weeks(field: str, unit: str = "weeks") -> Callable[[object, object, Any], None]:
    def check(_: object, __: object, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise InvalidInput(field, value, f"a whole number of {unit}, 1 or more")

    return check


def _optional_date(field: str) -> Callable[[object, object, Any], None]:
    check = is_date(field)

    def optional(obj: object, attribute: object, value: Any) -> None:
        if value is not None:
            check(obj, attribute, value)

    return optional


def _wall_time(field: str) -> Callable[[object, object, Any], None]:
    def check(_: object, __: object, value: Any) -> None:
        if not isinstance(value, time) or value.tzinfo is not None:
            raise InvalidInput(field, value, "a local wall time without a zone, such as time(18, 0)")

    return check


_local_time = _wall_time("plan.local_time")


class Weekday(Choice):
    """A day of the week."""

    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"
    SATURDAY = "saturday"
    SUNDAY = "sunday"

    @property
    def number(self) -> int:
        """Monday 0 to Sunday 6, as ``date.weekday()``."""
        return _NUMBERS[self]

    @classmethod
    def of(cls, day: date) -> Weekday:
        """The weekday of ``day``."""
        return _DAYS[day.weekday()]


_DAYS: tuple[Weekday, ...] = tuple(Weekday)
_NUMBERS: dict[Weekday, int] = {day: n for n, day in enumerate(_DAYS)}


def next_weekday_after(day: date, weekday: Weekday) -> date:
    """The first date after ``day`` that falls on ``weekday`` (``OverflowError`` past 9999-12-31)."""
    return day + timedelta(days=(weekday.number - day.weekday() - 1) % 7 + 1)


@attrs.frozen
class SessionSlot:
    """A weekly slot of a plan: a weekday and a local wall time in the policy's zone."""

    weekday: Weekday = attrs.field(validator=member(Weekday, "slot.weekday"))
    local_time: time = attrs.field(validator=_wall_time("slot.local_time"))

    def describe(self) -> str:
        """For people: "Mondays at 18:00"."""
        return f"{self.weekday.value.title()}s at {self.local_time.strftime('%H:%M')}"


@attrs.frozen
class Resident:
    """A resident and what is recorded about the five eligibility criteria.

    Each criterion is ``True`` (holds), ``False`` (does not) or ``None`` (not
    recorded). ``need`` describes the need in the resident's words; it is
    kept out of ``repr``.
    """

    id: str = attrs.field(validator=text("resident.id"))
    need_identified: bool | None = attrs.field(default=None, validator=_optional_flag("resident.need_identified"))
    will_complete: bool | None = attrs.field(default=None, validator=_optional_flag("resident.will_complete"))
    will_attend: bool | None = attrs.field(default=None, validator=_optional_flag("resident.will_attend"))
    accepts_one_to_one: bool | None = attrs.field(default=None, validator=_optional_flag("resident.accepts_one_to_one"))
    will_use_skills: bool | None = attrs.field(default=None, validator=_optional_flag("resident.will_use_skills"))
    need: str = attrs.field(default="", validator=plain_text("resident.need", sensitive=True), repr=False)


class GoalStatus(Choice):
    """Where a goal stands."""

    OPEN = "open"
    ACHIEVED = "achieved"
    DROPPED = "dropped"


class StepKind(Choice):
    """What a step is: the resident's own action, or a referral to another service."""

    ACTION = "action"
    REFERRAL = "referral"


@attrs.frozen
class Step:
    """One step towards a goal; ``done_on`` is the local date it was completed."""

    description: str = attrs.field(validator=plain_text("step.description", sensitive=True), repr=False)
    done_on: date | None = attrs.field(default=None, validator=_optional_date("step.done_on"))
    kind: StepKind = attrs.field(default=StepKind.ACTION, validator=member(StepKind, "step.kind"))


@attrs.frozen
class Progress:
    """Progress towards a goal noted on a local date (the note stays out of ``repr``)."""

    on: date = attrs.field(validator=is_date("progress.on"))
    note: str = attrs.field(default="", validator=plain_text("progress.note", sensitive=True), repr=False)


def _steps(value: Any) -> tuple[Step, ...]:
    return tuple_of(Step, "goal.steps")(value)


def _progress(value: Any) -> tuple[Progress, ...]:
    return tuple_of(Progress, "goal.progress")(value)


@attrs.frozen
class Goal:
    """A goal in one support area, with steps, progress and a status.

    ``closed_on`` is the local date it was achieved or dropped: required for
    those statuses, absent while open. Step and progress dates fall between
    ``opened_on`` and ``closed_on``. The area is checked against a policy
    when the goal is used (:class:`~carerules.UnknownArea`).
    """

    id: str = attrs.field(validator=text("goal.id"))
    area: str = attrs.field(validator=text("goal.area"))
    opened_on: date = attrs.field(validator=is_date("goal.opened_on"))
    topic: str | None = attrs.field(default=None, validator=optional_text("goal.topic"))
    description: str = attrs.field(default="", validator=plain_text("goal.description", sensitive=True), repr=False)
    steps: tuple[Step, ...] = attrs.field(default=(), converter=_steps)
    progress: tuple[Progress, ...] = attrs.field(default=(), converter=_progress)
    status: GoalStatus = attrs.field(default=GoalStatus.OPEN, validator=member(GoalStatus, "goal.status"))
    closed_on: date | None = attrs.field(default=None, validator=_optional_date("goal.closed_on"))

    def __attrs_post_init__(self) -> None:
        if self.status is GoalStatus.OPEN and self.closed_on is not None:
            raise InvalidInput("goal.closed_on", self.closed_on, "no date while the goal is open")
        if self.status is not GoalStatus.OPEN and self.closed_on is None:
            raise InvalidInput("goal.closed_on", None, f"the date the goal was {self.status.value}")
        last = self.closed_on or date.max
        bound = self.closed_on or "open"
        if self.closed_on is not None and self.closed_on < self.opened_on:
            raise InvalidInput("goal.closed_on", self.closed_on, f"a date on or after opened_on ({self.opened_on})")
        dated = [(f"goal.steps[{i}].done_on", s.done_on) for i, s in enumerate(self.steps)]
        dated += [(f"goal.progress[{i}].on", p.on) for i, p in enumerate(self.progress)]
        for field, day in dated:
            if day is not None and not self.opened_on <= day <= last:
                raise InvalidInput(field, day, f"a date from opened_on ({self.opened_on}) to closed_on ({bound})")

    @property
    def achieved_on(self) -> date | None:
        """The date the goal was achieved, if it was."""
        return self.closed_on if self.status is GoalStatus.ACHIEVED else None

    def last_progress(self) -> date | None:
        """The latest date of any progress note or completed step."""
        days = [p.on for p in self.progress] + [s.done_on for s in self.steps if s.done_on is not None]
        return max(days, default=None)


@attrs.frozen
class Refreshers:
    """Refresher sessions after each achieved goal: ``count`` of them, ``every_weeks`` apart."""

    count: int = attrs.field(validator=_weeks("refreshers.count", "sessions"))
    every_weeks: int = attrs.field(validator=_weeks("refreshers.every_weeks"))


@attrs.frozen
class RefresherRequest:
    """A recorded request, on the local date ``requested_on``, for a refresher session on the goal ``goal`` (its id).

    ``on`` is the local date the refresher was arranged for; by default it
    is the plan's first weekday after the request. Either way it is held at
    the plan's local time. The plan checks the goal and the dates.
    """

    goal: str = attrs.field(validator=text("refresher_request.goal"))
    requested_on: date = attrs.field(validator=is_date("refresher_request.requested_on"))
    on: date | None = attrs.field(default=None, validator=_optional_date("refresher_request.on"))

    def __attrs_post_init__(self) -> None:
        if self.on is not None and self.on < self.requested_on:
            raise InvalidInput("refresher_request.on", self.on, f"a date on or after the request ({self.requested_on})")


def _goals(value: Any) -> tuple[Goal, ...]:
    goals = tuple_of(Goal, "plan.goals")(value)
    ids = [g.id for g in goals]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise InvalidInput("plan.goals", dupes, "each goal id used once in a plan")
    return goals


def _slots(value: Any) -> tuple[SessionSlot, ...]:
    return tuple_of(SessionSlot, "plan.extra_slots")(value)


def _requests(value: Any) -> tuple[RefresherRequest, ...]:
    return tuple_of(RefresherRequest, "plan.refresher_requests")(value)


@attrs.frozen
class Plan:
    """A resident's 1-2-1 plan: who, the goals, when sessions, reviews and refreshers happen.

    Sessions fall every ``every_weeks`` weeks on ``weekday`` at ``local_time``
    (a wall time in the policy's zone), and at each of the ``extra_slots``
    (a twice-weekly plan has one), from the first such day on or after
    ``starts_on`` until ``ends_on`` (inclusive) if set. Reviews fall every
    ``review_every_weeks`` weeks after the first session on ``weekday``.
    Refreshers follow each of the ``refresher_requests``; ``refreshers``
    asks for them after every achieved goal too, where the policy turns
    automatic refreshers on. Whether the policy allows the cadence and the
    automatic refreshers, and how it treats the goals' areas, is checked
    when the plan is used.
    """

    resident: str = attrs.field(validator=text("plan.resident"))
    worker: str = attrs.field(validator=text("plan.worker"))
    every_weeks: int = attrs.field(validator=_weeks("plan.every_weeks"))
    weekday: Weekday = attrs.field(validator=member(Weekday, "plan.weekday"))
    local_time: time = attrs.field(validator=_local_time)
    starts_on: date = attrs.field(validator=is_date("plan.starts_on"))
    review_every_weeks: int = attrs.field(validator=_weeks("plan.review_every_weeks"))
    goals: tuple[Goal, ...] = attrs.field(default=(), converter=_goals)
    ends_on: date | None = attrs.field(default=None, validator=_optional_date("plan.ends_on"))
    refreshers: Refreshers | None = attrs.field(default=None)
    extra_slots: tuple[SessionSlot, ...] = attrs.field(default=(), converter=_slots)
    refresher_requests: tuple[RefresherRequest, ...] = attrs.field(default=(), converter=_requests)

    def __attrs_post_init__(self) -> None:
        if self.ends_on is not None and self.ends_on < self.starts_on:
            raise InvalidInput("plan.ends_on", self.ends_on, f"a date on or after starts_on ({self.starts_on})")
        if self.refreshers is not None and not isinstance(self.refreshers, Refreshers):
            raise InvalidInput("plan.refreshers", self.refreshers, "a Refreshers or None")
        first = SessionSlot(self.weekday, self.local_time)
        for i, slot in enumerate(self.extra_slots):
            if slot == first or slot in self.extra_slots[:i]:
                raise InvalidInput(
                    f"plan.extra_slots[{i}]", slot.describe(), "a weekday and time the plan does not already use"
                )
        self._check_requests()

    def _check_requests(self) -> None:
        seen: set[tuple[str, date]] = set()
        for i, r in enumerate(self.refresher_requests):
            where = f"plan.refresher_requests[{i}]"
            goal = next((g for g in self.goals if g.id == r.goal), None)
            if goal is None:
                ids = ", ".join(repr(g.id) for g in self.goals) or "none: the plan has no goals"
                raise InvalidInput(f"{where}.goal", r.goal, f"the id of one of the plan's goals ({ids})")
            earliest = max(self.starts_on, goal.opened_on)
            if r.requested_on < earliest:
                raise InvalidInput(
                    f"{where}.requested_on",
                    r.requested_on,
                    f"a date on or after the plan starts ({self.starts_on}) and the goal opens ({goal.opened_on})",
                )
            if (r.goal, r.requested_on) in seen:
                raise InvalidInput(f"{where}.requested_on", r.requested_on, f"one request for {r.goal!r} per date")
            seen.add((r.goal, r.requested_on))
            if r.on is None:
                try:
                    next_weekday_after(r.requested_on, self.weekday)
                except OverflowError:
                    later = f"a date with a later {self.weekday.value} before 9999-12-31"
                    raise InvalidInput(f"{where}.requested_on", r.requested_on, later) from None

    @property
    def slots(self) -> tuple[SessionSlot, ...]:
        """Every weekly slot: the plan's own weekday and time first, then ``extra_slots``."""
        return (SessionSlot(self.weekday, self.local_time), *self.extra_slots)

    def refresher_day(self, request: RefresherRequest) -> date:
        """The local date of the refresher ``request`` asks for: as arranged, or the next plan weekday after it."""
        return request.on if request.on is not None else next_weekday_after(request.requested_on, self.weekday)

    def goal(self, goal_id: str) -> Goal:
        """The goal with id ``goal_id``; :class:`~carerules.InvalidInput` if none."""
        for g in self.goals:
            if g.id == goal_id:
                return g
        raise InvalidInput("goal_id", goal_id, f"the id of a goal in {self.resident}'s plan")


class SessionOutcome(Choice):
    """What happened to a scheduled session."""

    ATTENDED = "attended"
    MISSED = "missed"
    CALLED_OFF = "called-off"


@attrs.frozen
class SessionRecord:
    """What happened to the session scheduled at ``scheduled`` (an aware instant)."""

    scheduled: datetime = attrs.field(validator=is_aware("session_record.scheduled"), eq=instant_key)
    outcome: SessionOutcome = attrs.field(validator=member(SessionOutcome, "session_record.outcome"))
    note: str = attrs.field(default="", validator=plain_text("session_record.note", sensitive=True), repr=False)


@attrs.frozen
class ReviewRecord:
    """A review held on the local date ``held_on``."""

    held_on: date = attrs.field(validator=is_date("review_record.held_on"))
    note: str = attrs.field(default="", validator=plain_text("review_record.note", sensitive=True), repr=False)
