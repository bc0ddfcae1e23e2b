"""Checking a plan against a policy, and the wall-clock arithmetic of its slots."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo

from carerules._errors import InvalidInput
from carerules._guard import public

# Policy has a field of this package's type, so carerules._policy imports this package and the
# Policy class may not exist yet while these modules load: bind its module and name the class
# through it (annotations are resolved only when a function is called).
from carerules._policy import _model as _policy_model
from carerules._support121._model import Plan
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
    """Check ``plan`` against ``policy``; returns the policy's 1-2-1 terms.

    Raises :class:`~carerules.CadenceNotAllowed` for a cadence the policy
    does not allow and :class:`~carerules.UnknownArea` for a goal in an area
    it does not list (or :class:`~carerules.InvalidInput` if the policy has
    no 1-2-1 terms).
    """
    terms = terms_of(policy, plan.starts_on)
    terms.check_cadence(plan.every_weeks)
    for i, goal in enumerate(plan.goals):
        terms.area(goal.area, field=f"plan.goals[{i}].area")
    return terms


def wall_time(day: date, at: time, tz: tzinfo) -> datetime:
    """The instant, in ``tz``, when local clocks on ``day`` show ``at``.

    A time the clocks skip moves forward by the gap (01:30 on a spring-forward
    night is 02:30 summer time); a time they repeat is its first occurrence.
    """
    local = datetime.combine(day, at, tzinfo=tz)
    # fold=0 reads a skipped time with the offset before the change; the
    # round trip through UTC turns that into the wall time after the gap.
    return local.astimezone(UTC).astimezone(tz)


def first_session_date(plan: Plan) -> date:
    """The first date on or after ``plan.starts_on`` that falls on the plan's weekday.

    Raises :class:`~carerules.InvalidInput` when that date would be after 9999-12-31.
    """
    try:
        return plan.starts_on + timedelta(days=(plan.weekday.number - plan.starts_on.weekday()) % 7)
    except OverflowError:
        raise InvalidInput(
            "plan.starts_on", plan.starts_on, f"a date with a {plan.weekday.value} before 9999-12-31"
        ) from None


def stepped_dates(origin: date, step_days: int, first: date, last: date, *, skip_origin: bool = False) -> range:
    """Indexes ``k`` with ``origin + k*step_days`` in ``[first, last]`` (``k >= 1`` with ``skip_origin``)."""
    lowest = 1 if skip_origin else 0
    lo = max(lowest, -(-(first - origin).days // step_days))
    hi = (last - origin).days // step_days
    return range(lo, hi + 1) if hi >= lo else range(0)


def session_dates(plan: Plan, first: date, last: date) -> list[date]:
    """The plan's regular session dates within ``[first, last]``, in order."""
    origin = first_session_date(plan)
    if plan.ends_on is not None:
        last = min(last, plan.ends_on)
    step = 7 * plan.every_weeks
    return [origin + timedelta(days=k * step) for k in stepped_dates(origin, step, first, last)]


def review_dates(plan: Plan, first: date, last: date) -> list[date]:
    """The plan's review dates within ``[first, last]``: every N weeks after the first session."""
    origin = first_session_date(plan)
    if plan.ends_on is not None:
        last = min(last, plan.ends_on)
    step = 7 * plan.review_every_weeks
    return [origin + timedelta(days=k * step) for k in stepped_dates(origin, step, first, last, skip_origin=True)]


def refresher_dates(plan: Plan) -> dict[date, tuple[str, ...]]:
    """Every refresher session date of the plan, with the goals it follows up, in date order.

    Raises :class:`~carerules.InvalidInput` when a refresher would fall after 9999-12-31.
    """
    found: dict[date, list[str]] = {}
    if plan.refreshers is None:
        return {}
    for i, goal in enumerate(plan.goals):
        if goal.achieved_on is None:
            continue
        for k in range(1, plan.refreshers.count + 1):
            try:
                base = goal.achieved_on + timedelta(weeks=k * plan.refreshers.every_weeks)
                day = base + timedelta(days=(plan.weekday.number - base.weekday()) % 7)
            except OverflowError:
                raise InvalidInput(
                    f"plan.goals[{i}].closed_on", goal.closed_on, "a date whose refreshers fall before 9999-12-31"
                ) from None
            found.setdefault(day, []).append(goal.id)
    return {d: tuple(found[d]) for d in sorted(found)}
