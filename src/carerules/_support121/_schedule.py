"""Session, review and refresher dates of a plan over any period."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import attrs

from carerules._display import Tabular
from carerules._guard import public

# Policy has a field of this package's type, so carerules._policy imports this package and the
# Policy class may not exist yet while these modules load: bind its module and name the class
# through it (annotations are resolved only when a function is called).
from carerules._policy import _model as _policy_model
from carerules._rules import Decision, Reason
from carerules._support121 import _rules as R
from carerules._support121._model import Plan
from carerules._support121._terms import describe_cadence
from carerules._support121._usage import (
    first_session_date,
    refresher_dates,
    review_dates,
    session_dates,
    validate_plan,
    wall_time,
)
from carerules._time import Period, format_local, instant_key, to_utc


@attrs.frozen
class Refresher:
    """A refresher session at ``at`` following up the achieved goals ``goals`` (ids)."""

    at: datetime = attrs.field(eq=instant_key)
    goals: tuple[str, ...]


@attrs.frozen
class Schedule(Tabular):
    """A plan's sessions, reviews and refreshers within ``period``, each in time order.

    Instants are aware, in the policy's zone. A review at the same time as
    a session is held in that session.
    """

    resident: str
    period: Period
    sessions: tuple[datetime, ...] = attrs.field(eq=instant_key)
    reviews: tuple[datetime, ...] = attrs.field(eq=instant_key)
    refreshers: tuple[Refresher, ...]

    def rows(self) -> list[dict[str, Any]]:
        """One plain dict per session, review or refresher, in time order."""
        rows: list[dict[str, Any]] = [{"kind": "session", "at": at, "goals": ()} for at in self.sessions]
        rows += [{"kind": "review", "at": at, "goals": ()} for at in self.reviews]
        rows += [{"kind": "refresher", "at": r.at, "goals": r.goals} for r in self.refreshers]
        order = {"session": 0, "review": 1, "refresher": 2}
        rows.sort(key=lambda row: (to_utc(row["at"]), order[row["kind"]]))  # real time, not wall clock
        return [
            {
                "resident": self.resident,
                "kind": row["kind"],
                "date": row["at"].date(),
                "local_time": row["at"].time(),
                "at": row["at"],
                "goals": ", ".join(row["goals"]),
            }
            for row in rows
        ]


@public
def schedule(plan: Plan, policy: _policy_model.Policy, period: Period) -> Decision[Schedule]:
    """The sessions, reviews and refresher sessions of ``plan`` on the local dates of ``period``.

    Every instant is the plan's weekday and local time in the policy's zone
    (wall time kept across clock changes). Raises
    :class:`~carerules.CadenceNotAllowed` or :class:`~carerules.UnknownArea`
    when the plan does not fit the policy.
    """
    validate_plan(plan, policy)
    tz = policy.tz
    t = plan.local_time
    sessions = tuple(wall_time(d, t, tz) for d in session_dates(plan, period.first, period.last))
    reviews = tuple(wall_time(d, t, tz) for d in review_dates(plan, period.first, period.last))
    refreshers = tuple(
        Refresher(wall_time(d, t, tz), goals) for d, goals in refresher_dates(plan).items() if d in period
    )
    result = Schedule(plan.resident, period, sessions, reviews, refreshers)
    return Decision(result, _explain(plan, policy, result))


def _explain(plan: Plan, policy: _policy_model.Policy, result: Schedule) -> list[Reason]:
    first = first_session_date(plan)
    when = f"{plan.weekday.value.title()}s at {plan.local_time.strftime('%H:%M')}"
    reasons = [
        R.CADENCE.because(
            f"{describe_cadence(plan.every_weeks)} on {when} from {first}: "
            f"{len(result.sessions)} session(s) from {result.period}"
        )
    ]
    instants = result.sessions + result.reviews + tuple(r.at for r in result.refreshers)
    offsets = sorted({format_local(at, policy.tz)[-6:] for at in instants})
    if len(offsets) > 1:
        reasons.append(
            R.WALL_CLOCK.because(f"local time kept at {plan.local_time.strftime('%H:%M')} across UTC offsets {offsets}")
        )
    shifted = [at for at in instants if at.time() != plan.local_time]
    if shifted:
        reasons.append(
            R.WALL_CLOCK.because(f"{format_local(shifted[0], policy.tz)}: the clocks skip the plan's time that day")
        )
    if plan.ends_on is not None and plan.ends_on <= result.period.last:
        reasons.append(R.PLAN_END.because(f"the plan ends on {plan.ends_on}: no regular session or review after it"))
    reasons.append(
        R.REVIEWS.because(
            f"a review every {plan.review_every_weeks} week(s) after {first}: {len(result.reviews)} in the period"
        )
    )
    if plan.refreshers is not None:
        reasons.append(
            R.REFRESHERS.because(
                f"{plan.refreshers.count} refresher(s) {plan.refreshers.every_weeks} week(s) apart after each "
                f"achieved goal: {len(result.refreshers)} in the period"
            )
        )
    return reasons
