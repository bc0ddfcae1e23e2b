"""Checking a plan against a policy, and the wall-clock arithmetic of its slots."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo

from carerules._errors import InvalidInput
from carerules._guard import public

# Policy has a field of this package's type, so carerules._policy imports this package and the
# Policy class may not exist yet while these modules load: bind its module and name the class
# through it (annotations are resolved only when a function is called).
from carerules._policy import _model as _policy_model
from carerules._rules import Reason
from carerules._support121 import _rules as R
from carerules._support121._model import Plan, SessionSlot
from carerules._support121._terms import OneToOneTerms


def terms_of(policy: _policy_model.Policy, on: date | None = None) -> OneToOneTerms:
    """The policy's 1-2-1 terms in force on ``on`` (default: the latest); :class:`~carerules.InvalidInput` if none."""
    terms = policy.one_to_one_on(on or date.max)
    if terms is None:
        raise InvalidInput(
            "policy.one_to_one",
            None,
            f"1-2-1 Support terms (policy {policy.id!r} has none; the built-in ONE_TO_ONE_SUPPORT does)",
        )
    return terms


@public
def validate_plan(plan: Plan, policy: _policy_model.Policy) -> OneToOneTerms:
    """Check ``plan`` against ``policy``; returns the policy's 1-2-1 terms in force when the plan starts.

    Raises :class:`~carerules.CadenceNotAllowed` for a cadence the policy
    does not allow, :class:`~carerules.RefreshersNotAutomatic` for
    refreshers after every goal under a policy that offers them only on
    request, and :class:`~carerules.UnknownArea` for a goal outside the
    areas of a policy that lists only its own (or
    :class:`~carerules.InvalidInput` if the policy has no 1-2-1 terms). A
    goal outside an open list of areas is accepted (:func:`area_reasons`).
    """
    terms = terms_of(policy, plan.starts_on)
    terms.check_cadence(plan.every_weeks, len(plan.slots))
    terms.check_refreshers(plan.refreshers)
    for i, goal in enumerate(plan.goals):
        terms.check_area(goal.area, field=f"plan.goals[{i}].area")
    return terms


def area_reasons(plan: Plan, terms: OneToOneTerms) -> list[Reason]:
    """A reason for each goal in an area the policy does not list (accepted: the areas are examples)."""
    names = ", ".join(terms.area_names) or "none listed"
    return [
        R.GOAL_AREA.because(
            f"goal {g.id!r} is in {g.area!r}, not one of the document's example areas ({names}): accepted, as "
            "the areas are given for example"
        )
        for g in plan.goals
        if not terms.is_listed_area(g.area)
    ]


def wall_time(day: date, at: time, tz: tzinfo) -> datetime:
    """The instant, in ``tz``, when local clocks on ``day`` show ``at``.

    A time the clocks skip moves forward by the gap (01:30 on a spring-forward
    night is 02:30 summer time); a time they repeat is its first occurrence.
    """
    local = datetime.combine(day, at, tzinfo=tz)
    # fold=0 reads a skipped time with the offset before the change; the
    # round trip through UTC turns that into the wall time after the gap.
    return local.astimezone(UTC).astimezone(tz)


def slot_first_date(plan: Plan, slot: SessionSlot) -> date:
    """The first date on or after ``plan.starts_on`` that falls on ``slot``'s weekday.

    Raises :class:`~carerules.InvalidInput` when that date would be after 9999-12-31.
    """
    try:
        return plan.starts_on + timedelta(days=(slot.weekday.number - plan.starts_on.weekday()) % 7)
    except OverflowError:
        raise InvalidInput(
            "plan.starts_on", plan.starts_on, f"a date with a {slot.weekday.value} before 9999-12-31"
        ) from None


def first_session_date(plan: Plan) -> date:
    """The first date on or after ``plan.starts_on`` on the plan's own weekday (reviews count from it).

    Raises :class:`~carerules.InvalidInput` when that date would be after 9999-12-31.
    """
    return slot_first_date(plan, plan.slots[0])


def stepped_dates(origin: date, step_days: int, first: date, last: date, *, skip_origin: bool = False) -> range:
    """Indexes ``k`` with ``origin + k*step_days`` in ``[first, last]`` (``k >= 1`` with ``skip_origin``)."""
    lowest = 1 if skip_origin else 0
    lo = max(lowest, -(-(first - origin).days // step_days))
    hi = (last - origin).days // step_days
    return range(lo, hi + 1) if hi >= lo else range(0)


def slot_dates(plan: Plan, slot: SessionSlot, first: date, last: date) -> list[date]:
    """The dates of ``slot``'s regular sessions within ``[first, last]``, in order."""
    origin = slot_first_date(plan, slot)
    if plan.ends_on is not None:
        last = min(last, plan.ends_on)
    step = 7 * plan.every_weeks
    return [origin + timedelta(days=k * step) for k in stepped_dates(origin, step, first, last)]


def session_dates(plan: Plan, first: date, last: date) -> list[date]:
    """The local dates of the plan's regular sessions within ``[first, last]``, in order (a date once)."""
    return sorted({d for slot in plan.slots for d in slot_dates(plan, slot, first, last)})


def session_times(plan: Plan, tz: tzinfo, first: date, last: date) -> list[datetime]:
    """The plan's regular sessions on the local dates ``[first, last]``, at every slot, in real-time order.

    Two slots the clocks make one instant (01:30 and 02:30 on a spring-forward
    night) are one session.
    """
    found: dict[datetime, datetime] = {}
    for slot in plan.slots:
        for day in slot_dates(plan, slot, first, last):
            at = wall_time(day, slot.local_time, tz)
            found.setdefault(at.astimezone(UTC), at)
    return [found[k] for k in sorted(found)]


def review_dates(plan: Plan, first: date, last: date) -> list[date]:
    """The plan's review dates within ``[first, last]``: every N weeks after the first session."""
    origin = first_session_date(plan)
    if plan.ends_on is not None:
        last = min(last, plan.ends_on)
    step = 7 * plan.review_every_weeks
    return [origin + timedelta(days=k * step) for k in stepped_dates(origin, step, first, last, skip_origin=True)]


def refresher_dates(plan: Plan, terms: OneToOneTerms, *, known_by: date | None = None) -> dict[date, tuple[str, ...]]:
    """Every refresher session date of the plan, with the goals it follows up, in date order.

    A refresher follows each of the plan's requests (only those recorded by
    ``known_by``, if given); after every achieved goal too when ``terms``
    turn automatic refreshers on and the plan offers them. Raises
    :class:`~carerules.InvalidInput` when a refresher would fall after
    9999-12-31.
    """
    found: dict[date, list[str]] = {}
    for r in plan.refresher_requests:
        if known_by is None or r.requested_on <= known_by:
            goals = found.setdefault(plan.refresher_day(r), [])
            if r.goal not in goals:
                goals.append(r.goal)
    offer = plan.refreshers
    if offer is not None and terms.automatic_refreshers:
        for i, goal in enumerate(plan.goals):
            if goal.achieved_on is None:
                continue
            for k in range(1, offer.count + 1):
                try:
                    base = goal.achieved_on + timedelta(weeks=k * offer.every_weeks)
                    day = base + timedelta(days=(plan.weekday.number - base.weekday()) % 7)
                except OverflowError:
                    raise InvalidInput(
                        f"plan.goals[{i}].closed_on", goal.closed_on, "a date whose refreshers fall before 9999-12-31"
                    ) from None
                goals = found.setdefault(day, [])
                if goal.id not in goals:
                    goals.append(goal.id)
    return {d: tuple(found[d]) for d in sorted(found)}
