"""Session, review and refresher dates of a plan over any period."""

from __future__ import annotations

from datetime import date, datetime
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
from carerules._support121._terms import OneToOneTerms, describe_cadence
from carerules._support121._usage import (
    area_reasons,
    first_session_date,
    refresher_dates,
    review_dates,
    session_times,
    slot_first_date,
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

    Every instant is one of the plan's slots (a weekday and local time) in
    the policy's zone, wall time kept across clock changes; reviews and
    refreshers use the plan's own weekday and time. Raises
    :class:`~carerules.CadenceNotAllowed`,
    :class:`~carerules.RefreshersNotAutomatic` or
    :class:`~carerules.UnknownArea` when the plan does not fit the policy.
    """
    terms = validate_plan(plan, policy)
    tz = policy.tz
    t = plan.local_time
    sessions = tuple(session_times(plan, tz, period.first, period.last))
    reviews = tuple(wall_time(d, t, tz) for d in review_dates(plan, period.first, period.last))
    refreshers = tuple(
        Refresher(wall_time(d, t, tz), goals) for d, goals in refresher_dates(plan, terms).items() if d in period
    )
    result = Schedule(plan.resident, period, sessions, reviews, refreshers)
    return Decision(result, _explain(plan, policy, terms, result))


def describe_slots(plan: Plan) -> str:
    """For people: "Mondays at 18:00" or "Mondays at 18:00 and Thursdays at 14:00"."""
    words = [s.describe() for s in plan.slots]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def cadence_reasons(plan: Plan, first: date, detail: str) -> list[Reason]:
    """The cadence reason (``detail`` appended), and the "bi-weekly" reading when the plan uses one."""
    cadence = describe_cadence(plan.every_weeks, len(plan.slots))
    reasons = [R.CADENCE.because(f"{cadence} on {describe_slots(plan)} from {first}{detail}")]
    reading = {(2, 1): "every two weeks", (1, 2): "twice a week"}.get((plan.every_weeks, len(plan.slots)))
    if reading is not None:
        reasons.append(R.BI_WEEKLY.because(f'{cadence}: the document\'s "bi-weekly" read as {reading}'))
    return reasons


def _explain(plan: Plan, policy: _policy_model.Policy, terms: OneToOneTerms, result: Schedule) -> list[Reason]:
    first = min(slot_first_date(plan, s) for s in plan.slots)
    reasons = cadence_reasons(plan, first, f": {len(result.sessions)} session(s) from {result.period}")
    reasons += area_reasons(plan, terms)
    instants = result.sessions + result.reviews + tuple(r.at for r in result.refreshers)
    offsets = sorted({format_local(at, policy.tz)[-6:] for at in instants})
    times = " and ".join(sorted({s.local_time.strftime("%H:%M") for s in plan.slots}))
    if len(offsets) > 1:
        reasons.append(R.WALL_CLOCK.because(f"local time kept at {times} across UTC offsets {offsets}"))
    wanted = {s.local_time for s in plan.slots}
    shifted = [at for at in instants if at.time() not in wanted]
    if shifted:
        reasons.append(
            R.WALL_CLOCK.because(f"{format_local(shifted[0], policy.tz)}: the clocks skip the plan's time that day")
        )
    if plan.ends_on is not None and plan.ends_on <= result.period.last:
        reasons.append(R.PLAN_END.because(f"the plan ends on {plan.ends_on}: no regular session or review after it"))
    reasons.append(
        R.REVIEWS.because(
            f"a review every {plan.review_every_weeks} week(s) after {first_session_date(plan)}: "
            f"{len(result.reviews)} in the period"
        )
    )
    reasons += _refresher_reasons(plan, policy, terms, result)
    return reasons


def _refresher_reasons(
    plan: Plan, policy: _policy_model.Policy, terms: OneToOneTerms, result: Schedule
) -> list[Reason]:
    reasons: list[Reason] = []
    for r in plan.refresher_requests:
        day = plan.refresher_day(r)
        if day in result.period:
            at = format_local(wall_time(day, plan.local_time, policy.tz), policy.tz)
            asked = f"refresher for goal {r.goal!r} requested on {r.requested_on}: {at}"
            reasons.append(R.REFRESHER_REQUEST.because(asked))
    if plan.refreshers is not None and terms.automatic_refreshers:
        reasons.append(
            R.REFRESHERS.because(
                f"{plan.refreshers.count} refresher(s) {plan.refreshers.every_weeks} week(s) apart after each "
                f"achieved goal: {len(result.refreshers)} in the period"
            )
        )
    else:
        requested = {r.goal for r in plan.refresher_requests}
        for g in plan.goals:
            if g.achieved_on is not None and g.id not in requested and g.achieved_on <= result.period.last:
                reasons.append(
                    R.REFRESHERS.because(
                        f"goal {g.id!r} achieved on {g.achieved_on}: no refresher scheduled, as none was requested"
                    )
                )
    return reasons
