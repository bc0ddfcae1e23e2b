"""Looking ahead in a 1-2-1 plan: a plan from its first session, the next N sessions, the review due."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

import attrs

from carerules._errors import InvalidInput
from carerules._guard import public

# Policy has a field of this package's type (see _schedule.py): name the class through its module.
from carerules._policy import _model as _policy_model
from carerules._rules import Decision, Reason
from carerules._support121 import _rules as R
from carerules._support121._model import Plan, ReviewRecord, Weekday
from carerules._support121._schedule import cadence_reasons
from carerules._support121._status import _held_reviews, _reviews
from carerules._support121._usage import session_times, slot_first_date, validate_plan
from carerules._time import format_local, instant_key, local_date, require_aware, to_utc

#: The most sessions one call lays out (about two centuries of a weekly plan).
MAX_SESSIONS = 10_000


@public
def plan_from_first_session(
    first_session: datetime,
    policy: _policy_model.Policy,
    *,
    resident: str,
    worker: str,
    every_weeks: int,
    review_every_weeks: int,
    **rest: Any,
) -> Plan:
    """A :class:`Plan` whose first session is the aware instant ``first_session``.

    The weekday, the local wall time and the start date are read from
    ``first_session`` in the policy's zone, so "the first session is on
    Monday 4 January at 18:00" needs no arithmetic by the caller. ``rest``
    takes the plan's other fields (``goals``, ``ends_on``, ``extra_slots``,
    ...). The plan is checked against the policy as :func:`schedule` checks
    it.
    """
    at = require_aware(first_session, "first_session")
    local = at.astimezone(policy.tz)
    plan = Plan(
        resident=resident,
        worker=worker,
        every_weeks=every_weeks,
        weekday=Weekday.of(local.date()),
        local_time=local.time().replace(tzinfo=None, fold=0),
        starts_on=local.date(),
        review_every_weeks=review_every_weeks,
        **rest,
    )
    validate_plan(plan, policy)
    return plan


@public
def next_sessions(
    plan: Plan, policy: _policy_model.Policy, after: datetime, count: int
) -> Decision[tuple[datetime, ...]]:
    """The next ``count`` regular sessions of ``plan`` at or after the aware instant ``after``.

    Fewer come back when the plan ends first (a reason says so). Instants
    are in the policy's zone, wall time kept across clock changes, as
    :func:`schedule` gives them.
    """
    at = require_aware(after, "after")
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_SESSIONS:
        raise InvalidInput("count", count, f"a whole number from 1 to {MAX_SESSIONS}")
    validate_plan(plan, policy)
    tz = policy.tz
    now = to_utc(at)
    first = max(local_date(at, tz), plan.starts_on)
    # Enough weeks for ``count`` sessions of the sparsest slot, plus one cycle for the partial first week.
    span = timedelta(weeks=plan.every_weeks * (count // len(plan.slots) + 2))
    last = date.max if date.max - first < span else first + span
    if plan.ends_on is not None:
        last = min(last, plan.ends_on)
    found = tuple(s for s in session_times(plan, tz, first, last) if to_utc(s) >= now)[:count]
    start = min(slot_first_date(plan, s) for s in plan.slots)
    shown = f": {len(found)} session(s) from {format_local(at, tz)}"
    reasons: list[Reason] = cadence_reasons(plan, start, shown)
    if len(found) < count:
        ended = f"the plan ends on {plan.ends_on}" if plan.ends_on is not None else "the calendar ends at 9999-12-31"
        reasons.append(R.PLAN_END.because(f"{ended}: {len(found)} of the {count} asked for remain"))
    return Decision(found, reasons)


@attrs.frozen
class ReviewDue:
    """The answer of :func:`review_due`: the review to hold next and whether it is late.

    ``due`` is the earliest review not yet held (an overdue one first) or
    ``None`` once the plan has ended; ``due_on`` is its local date;
    ``overdue`` lists every review slot passed without a review held.
    """

    resident: str
    at: datetime = attrs.field(eq=instant_key)
    due: datetime | None = attrs.field(eq=instant_key)
    overdue: tuple[datetime, ...] = attrs.field(eq=instant_key)
    last_held: date | None = None

    @property
    def due_on(self) -> date | None:
        """The local date of :attr:`due`."""
        return None if self.due is None else self.due.date()

    @property
    def is_overdue(self) -> bool:
        """True when a review slot has passed without a review held."""
        return bool(self.overdue)


@public
def review_due(
    plan: Plan, policy: _policy_model.Policy, at: datetime, *, reviews: Iterable[ReviewRecord] = ()
) -> Decision[ReviewDue]:
    """Which review is due at the aware instant ``at``, given the reviews held (``reviews``).

    Reviews fall every ``review_every_weeks`` weeks after the first session
    (as in :func:`plan_status`, which gives the same figures among the rest
    of a plan's standing). Held reviews dated after ``at`` are ignored.
    """
    now = require_aware(at, "at")
    validate_plan(plan, policy)
    held = _held_reviews(plan, reviews, local_date(now, policy.tz))
    reasons: list[Reason] = []
    overdue, next_review, _ = _reviews(plan, policy, now, held, reasons)
    due = overdue[0] if overdue else next_review
    if due is None:
        reasons.append(R.PLAN_END.because(f"the plan ends on {plan.ends_on}: no review falls due after it"))
    answer = ReviewDue(plan.resident, now, due, overdue, held[-1] if held else None)
    return Decision(answer, reasons)
