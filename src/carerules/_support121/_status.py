"""A plan at a given instant: what is due, overdue reviews, attendance, stalled goals."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

import attrs

from carerules._errors import InvalidInput
from carerules._guard import public

# Policy has a field of this package's type, so carerules._policy imports this package and the
# Policy class may not exist yet while these modules load: bind its module and name the class
# through it (annotations are resolved only when a function is called).
from carerules._policy import _model as _policy_model
from carerules._rules import Decision, Reason
from carerules._support121 import _rules as R
from carerules._support121._eligibility import Eligibility, check_eligibility
from carerules._support121._model import GoalStatus, Plan, Resident, ReviewRecord, SessionOutcome, SessionRecord
from carerules._support121._usage import (
    area_reasons,
    first_session_date,
    refresher_dates,
    review_dates,
    session_times,
    validate_plan,
    wall_time,
)
from carerules._time import elapsed, format_duration, format_local, instant_key, local_date, require_aware, to_utc


@attrs.frozen
class AttendanceSummary:
    """Sessions scheduled before an instant and what happened to them.

    ``scheduled`` counts every past session (regular and refresher);
    ``called_off`` ones were cancelled by the service and are not held
    against the resident; ``unrecorded`` ones have no record.
    """

    scheduled: int
    attended: int
    missed: int
    called_off: int
    unrecorded: int
    missed_in_a_row: int

    @property
    def expected(self) -> int:
        """Sessions the resident was expected at: scheduled minus those called off."""
        return self.scheduled - self.called_off


@attrs.frozen
class PlanStatus:
    """The answer of :func:`plan_status`: where one plan stands at instant ``at``.

    ``eligibility`` is the resident's eligibility answer, or ``None`` when
    no resident record was given; the plan is confirmed only when it says
    eligible (:attr:`eligibility_confirmed`).
    """

    resident: str
    at: datetime = attrs.field(eq=instant_key)
    next_session: datetime | None = attrs.field(eq=instant_key)
    next_review: datetime | None = attrs.field(eq=instant_key)
    next_refresher: datetime | None = attrs.field(eq=instant_key)
    overdue_reviews: tuple[datetime, ...] = attrs.field(eq=instant_key)
    last_review: date | None
    attendance: AttendanceSummary
    unrecorded_sessions: tuple[datetime, ...] = attrs.field(eq=instant_key)
    goals_without_progress: tuple[str, ...]
    eligibility: Eligibility | None = None

    @property
    def eligibility_confirmed(self) -> bool:
        """True only when the resident's record was given and every criterion is met."""
        return self.eligibility is not None and self.eligibility.eligible is True


@public
def plan_status(
    plan: Plan,
    policy: _policy_model.Policy,
    at: datetime,
    *,
    sessions: Iterable[SessionRecord] = (),
    reviews: Iterable[ReviewRecord] = (),
    resident: Resident | None = None,
) -> Decision[PlanStatus]:
    """Where ``plan`` stands at the aware instant ``at``, given what was recorded.

    ``sessions`` records what happened to scheduled sessions (each must name
    the exact time of a session the plan schedules, once); ``reviews`` are
    the reviews held. Records, and refresher requests, dated after ``at``
    are ignored. ``resident`` is the plan's resident, whose eligibility
    (:func:`~carerules.check_eligibility`) the plan is checked against:
    without it, or when the resident is not found eligible, the plan is
    flagged. Raises :class:`~carerules.InvalidInput` (or a subclass) for
    bad input.
    """
    at = require_aware(at, "at")
    terms = validate_plan(plan, policy)
    tz = policy.tz
    today = local_date(at, tz)
    held = _held_reviews(plan, reviews, today)
    every = {wall_time(d, plan.local_time, tz) for d in refresher_dates(plan, terms)}
    refreshers = [wall_time(d, plan.local_time, tz) for d in refresher_dates(plan, terms, known_by=today)]
    records = _records_by_slot(plan, policy, tuple(sessions), every)

    regular = session_times(plan, tz, plan.starts_on, today)
    # Compared in UTC: same-zone datetimes compare by wall clock, which misorders the repeated hour.
    now = to_utc(at)
    past = sorted({s for s in regular if to_utc(s) < now} | {s for s in refreshers if to_utc(s) < now}, key=to_utc)
    next_refresher = min((s for s in refreshers if to_utc(s) >= now), default=None, key=to_utc)
    following = [s for s in (_next_regular(plan, policy, at), next_refresher) if s is not None]
    next_session = min(following, default=None, key=to_utc)

    reasons: list[Reason] = []
    missing: list[str] = []
    eligibility = _eligibility(plan, policy, resident, reasons, missing)
    reasons += area_reasons(plan, terms)
    overdue, next_review, last_review = _reviews(plan, policy, at, held, reasons)
    attendance, unrecorded = _attendance(past, records, policy, reasons, missing)
    stalled = _stalled_goals(plan, last_review, today, reasons)
    reasons.insert(0, _due_reason(policy, next_session, next_review, plan))
    status = PlanStatus(
        plan.resident,
        at,
        next_session,
        next_review,
        next_refresher,
        overdue,
        last_review,
        attendance,
        unrecorded,
        stalled,
        eligibility,
    )
    return Decision(status, tuple(reasons), tuple(missing))


def _eligibility(
    plan: Plan, policy: _policy_model.Policy, resident: Resident | None, reasons: list[Reason], missing: list[str]
) -> Eligibility | None:
    """The resident's eligibility, with the reason that confirms or flags the plan."""
    who = plan.resident
    if resident is None:
        reasons.append(
            R.PLAN_ELIGIBILITY.because(
                f"flagged: {who}'s eligibility was not given, so the plan is not confirmed",
                would_change=f"passing {who}'s record (resident=) would check the five criteria",
            )
        )
        missing.append(f"{who}'s eligibility record (the five criteria)")
        return None
    if resident.id != who:
        raise InvalidInput("resident", resident.id, f"the record of the plan's resident {who!r}")
    decision = check_eligibility(resident, policy)
    answer = decision.answer
    unmet = ", ".join(c.value for c in answer.unmet)
    unknown = ", ".join(c.value for c in answer.unknown)
    if answer.eligible is True:
        reasons.append(R.PLAN_ELIGIBILITY.because(f"{who} is eligible: all 5 criteria met, the plan is confirmed"))
    elif answer.eligible is False:
        also = f"; not recorded: {unknown}" if unknown else ""
        reasons.append(
            R.PLAN_ELIGIBILITY.because(
                f"flagged: a plan is in place for {who}, who is not eligible (unmet: {unmet}{also})",
                would_change="the plan is confirmed only once every criterion is met",
            )
        )
    else:
        reasons.append(
            R.PLAN_ELIGIBILITY.because(
                f"flagged: a plan is in place for {who}, whose eligibility is undetermined (not recorded: {unknown})",
                would_change="recording the missing criteria, each met, would confirm it",
            )
        )
    missing.extend(decision.missing)
    return answer


def _next_regular(plan: Plan, policy: _policy_model.Policy, at: datetime) -> datetime | None:
    """The first regular session at or after ``at``, or ``None`` once the plan has ended."""
    first = max(local_date(at, policy.tz), plan.starts_on)
    span = timedelta(weeks=plan.every_weeks)
    if date.max - first < span:
        raise InvalidInput("at", at, f"an instant at least {plan.every_weeks} week(s) before 9999-12-31")
    for slot in session_times(plan, policy.tz, first, first + span):
        if to_utc(slot) >= to_utc(at):
            return slot
    return None


def _held_reviews(plan: Plan, reviews: Iterable[ReviewRecord], today: date) -> list[date]:
    """The local dates of reviews held by ``today``, in order."""
    held: list[date] = []
    for i, r in enumerate(reviews):
        if r.held_on < plan.starts_on:
            raise InvalidInput(
                f"reviews[{i}].held_on", r.held_on, f"a date on or after the plan's start ({plan.starts_on})"
            )
        if r.held_on <= today:
            held.append(r.held_on)
    return sorted(held)


def _records_by_slot(
    plan: Plan,
    policy: _policy_model.Policy,
    records: tuple[SessionRecord, ...],
    refreshers: set[datetime],
) -> dict[datetime, SessionOutcome]:
    """Each record's outcome by its slot (a UTC instant); refuses records that match no slot."""
    tz = policy.tz
    out: dict[datetime, SessionOutcome] = {}
    times = " and ".join(f"{s.weekday.value}s at {s.local_time.strftime('%H:%M')}" for s in plan.slots)
    for i, r in enumerate(records):
        day = local_date(r.scheduled, tz)
        slot = r.scheduled.astimezone(UTC)
        # Keys are UTC: an aware time in a repeated hour never equals one in another zone (PEP 495).
        known = {at.astimezone(UTC) for at in session_times(plan, tz, day, day)}
        known |= {at.astimezone(UTC) for at in refreshers}
        if slot not in known:
            raise InvalidInput(
                f"sessions[{i}].scheduled",
                r.scheduled,
                f"the time of a session the plan schedules ({times} local time, or a refresher)",
            )
        if slot in out:
            raise InvalidInput(f"sessions[{i}].scheduled", r.scheduled, "one record per scheduled session")
        out[slot] = r.outcome
    return out


def _reviews(
    plan: Plan, policy: _policy_model.Policy, at: datetime, held: list[date], reasons: list[Reason]
) -> tuple[tuple[datetime, ...], datetime | None, date | None]:
    """Overdue review slots, the next review, and the date of the last review held."""
    tz = policy.tz
    today = local_date(at, tz)
    start = first_session_date(plan)
    # Compared in UTC: in the repeated autumn hour, same-zone datetimes compare by wall clock.
    now = to_utc(at)
    due = [s for s in (wall_time(d, plan.local_time, tz) for d in review_dates(plan, start, today)) if to_utc(s) < now]
    overdue = tuple(due[len(held) :])
    covered = max(len(due), len(held))
    next_review = None
    try:
        nxt = start + timedelta(weeks=plan.review_every_weeks * (covered + 1))
    except OverflowError:  # after 9999-12-31, so after any end date
        if plan.ends_on is None:
            raise InvalidInput("at", at, "an instant whose next review falls before 9999-12-31") from None
    else:
        if plan.ends_on is None or nxt <= plan.ends_on:
            next_review = wall_time(nxt, plan.local_time, tz)
    reasons.append(
        R.REVIEWS.because(
            f"every {plan.review_every_weeks} week(s) after {start}: {len(due)} review(s) due by now, {len(held)} held"
        )
    )
    for slot in overdue:
        late = format_duration(elapsed(slot, at))
        reasons.append(
            R.REVIEW_OVERDUE.because(
                f"the review due {format_local(slot, tz)} is overdue by {late}",
                would_change="recording the review as held would clear it",
            )
        )
    return overdue, next_review, held[-1] if held else None


def _attendance(
    past: list[datetime],
    records: dict[datetime, SessionOutcome],
    policy: _policy_model.Policy,
    reasons: list[Reason],
    missing: list[str],
) -> tuple[AttendanceSummary, tuple[datetime, ...]]:
    """Count what happened to the past sessions and the missed run at the end."""
    outcomes = [records.get(s.astimezone(UTC)) for s in past]
    unrecorded = tuple(s for s, o in zip(past, outcomes, strict=True) if o is None)
    in_a_row = 0
    for o in reversed(outcomes):
        if o is SessionOutcome.CALLED_OFF:
            continue
        if o is not SessionOutcome.MISSED:
            break
        in_a_row += 1
    summary = AttendanceSummary(
        scheduled=len(past),
        attended=outcomes.count(SessionOutcome.ATTENDED),
        missed=outcomes.count(SessionOutcome.MISSED),
        called_off=outcomes.count(SessionOutcome.CALLED_OFF),
        unrecorded=len(unrecorded),
        missed_in_a_row=in_a_row,
    )
    reasons.append(
        R.ATTENDANCE.because(
            f"attended {summary.attended} of {summary.scheduled} scheduled session(s) "
            f"({summary.missed} missed, {summary.called_off} called off by the service, "
            f"{summary.unrecorded} not recorded)"
        )
    )
    if in_a_row:
        reasons.append(R.MISSED_IN_A_ROW.because(f"the last {in_a_row} session(s) expected were missed"))
    missing.extend(f"attendance at the session of {format_local(s, policy.tz)}" for s in unrecorded)
    return summary, unrecorded


def _stalled_goals(plan: Plan, last_review: date | None, today: date, reasons: list[Reason]) -> tuple[str, ...]:
    """Open goals that existed at the last review and have no progress dated after it."""
    if last_review is None:
        return ()
    stalled: list[str] = []
    for goal in plan.goals:
        if goal.status is not GoalStatus.OPEN or goal.opened_on > last_review:
            continue
        progress = [d for d in (p.on for p in goal.progress) if d <= today]
        progress += [s.done_on for s in goal.steps if s.done_on is not None and s.done_on <= today]
        latest = max(progress, default=None)
        if latest is None or latest <= last_review:
            stalled.append(goal.id)
            since = f"last progress {latest}" if latest else "no progress recorded"
            reasons.append(
                R.NO_PROGRESS.because(f"goal {goal.id!r}: {since}; last review {last_review}"),
            )
    return tuple(stalled)


def _due_reason(
    policy: _policy_model.Policy, next_session: datetime | None, next_review: datetime | None, plan: Plan
) -> Reason:
    tz = policy.tz
    session = f"next session {format_local(next_session, tz)}" if next_session else "no further session scheduled"
    review = f"next review {format_local(next_review, tz)}" if next_review else "no further review scheduled"
    ended = f" (the plan ends on {plan.ends_on})" if plan.ends_on and not (next_session and next_review) else ""
    return R.NEXT_DUE.because(f"{session}; {review}{ended}")
