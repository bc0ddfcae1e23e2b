"""The 1-2-1 part of a scenario file and of the command-line report."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

import attrs

from carerules._display import Tabular
from carerules._errors import InvalidInput
from carerules._guard import public

# Policy has a field of this package's type, so carerules._policy imports this package and the
# Policy class may not exist yet while these modules load: bind its module and name the class
# through it (annotations are resolved only when a function is called).
from carerules._policy import _model as _policy_model
from carerules._rules import Decision, PolicyStamp
from carerules._support121._eligibility import Eligibility, check_eligibility
from carerules._support121._model import Plan, Resident, ReviewRecord, SessionRecord, tuple_of
from carerules._support121._schedule import Schedule, describe_slots, schedule
from carerules._support121._status import PlanStatus, plan_status
from carerules._support121._terms import describe_cadence
from carerules._time import Period, elapsed, format_duration, format_local, instant_key
from carerules._validate import instance, is_aware

#: How many upcoming sessions the text report lists per plan.
SHOWN = 4


def _session_records(value: Any) -> tuple[SessionRecord, ...]:
    return tuple_of(SessionRecord, "case.sessions")(value)


def _review_records(value: Any) -> tuple[ReviewRecord, ...]:
    return tuple_of(ReviewRecord, "case.reviews")(value)


@attrs.frozen
class SupportCase:
    """One resident in a scenario file: eligibility answers, and their plan and records if they have one."""

    resident: Resident = attrs.field(validator=instance(Resident, "case.resident"))
    plan: Plan | None = attrs.field(default=None, validator=attrs.validators.optional(instance(Plan, "case.plan")))
    sessions: tuple[SessionRecord, ...] = attrs.field(default=(), converter=_session_records)
    reviews: tuple[ReviewRecord, ...] = attrs.field(default=(), converter=_review_records)

    def __attrs_post_init__(self) -> None:
        if self.plan is not None and self.plan.resident != self.resident.id:
            raise InvalidInput("plan.resident", self.plan.resident, f"the case's resident {self.resident.id!r}")


def _cases(value: Any) -> tuple[SupportCase, ...]:
    return tuple_of(SupportCase, "one_to_one.cases")(value)


@attrs.frozen
class OneToOneSection:
    """The scenario file's 1-2-1 part: the residents, and the instant their plans are reported at."""

    as_of: datetime = attrs.field(validator=is_aware("one_to_one.as_of"), eq=instant_key)
    cases: tuple[SupportCase, ...] = attrs.field(default=(), converter=_cases)


@attrs.frozen
class CaseReport(Tabular):
    """What the report says about one resident: eligibility, dates in the period, status at ``as_of``."""

    resident: str
    plan: Plan | None
    eligibility: Decision[Eligibility]
    schedule: Decision[Schedule] | None
    status: Decision[PlanStatus] | None
    #: The policy that produced it (id and version).
    policy: PolicyStamp | None = attrs.field(default=None, kw_only=True)

    def rows(self) -> list[dict[str, Any]]:
        """One plain dict summarising the case (notes, needs and goal texts are never included)."""
        answer = self.eligibility.answer
        status = None if self.status is None else self.status.answer
        planned = None if self.schedule is None else self.schedule.answer
        return [
            {
                "resident": self.resident,
                "eligible": answer.eligible,
                "unmet": ", ".join(c.value for c in answer.unmet),
                "missing": "; ".join(self.eligibility.missing),
                "worker": None if self.plan is None else self.plan.worker,
                "plan_confirmed": None if status is None else status.eligibility_confirmed,
                "sessions_in_period": None if planned is None else len(planned.sessions),
                "reviews_in_period": None if planned is None else len(planned.reviews),
                "next_session": None if status is None else status.next_session,
                "next_review": None if status is None else status.next_review,
                "overdue_reviews": None if status is None else len(status.overdue_reviews),
                "goals_without_progress": None if status is None else ", ".join(status.goals_without_progress),
            }
        ]

    def render(self, tz: tzinfo, *, explain: bool = False) -> str:
        """Readable lines for the text report."""
        answer = self.eligibility.answer
        verdict = {True: "eligible", False: "not eligible", None: "eligibility undetermined"}[answer.eligible]
        lines = [f"Resident {self.resident}: {verdict}"]
        if answer.unmet:
            lines.append("  unmet: " + ", ".join(c.value for c in answer.unmet))
        lines.extend(f"  missing: {m}" for m in self.eligibility.missing)
        if explain:
            lines.extend(f"    {r}" for r in self.eligibility.reasons)
        if self.plan is not None and self.schedule is not None and self.status is not None:
            lines.append(f"  plan: {describe_plan(self.plan)}")
            if not self.status.answer.eligibility_confirmed:
                lines.append(f"  FLAGGED: {flag(self.resident, answer)}")
            lines.extend(_plan_lines(self.schedule, self.status, tz, explain=explain))
        else:
            lines.append("  no plan yet")
        return "\n".join(lines)


def _plan_lines(planned: Decision[Schedule], status: Decision[PlanStatus], tz: tzinfo, *, explain: bool) -> list[str]:
    s = status.answer
    dates = planned.answer
    when = [format_local(at, tz) for at in dates.sessions[:SHOWN]]
    more = f" (+{len(dates.sessions) - SHOWN} more)" if len(dates.sessions) > SHOWN else ""
    lines = [
        f"  sessions in {dates.period}: {', '.join(when) or 'none'}{more}",
        f"  reviews in {dates.period}: {', '.join(format_local(at, tz) for at in dates.reviews) or 'none'}",
    ]
    if dates.refreshers:
        shown = [f"{format_local(r.at, tz)} ({', '.join(r.goals)})" for r in dates.refreshers]
        lines.append("  refreshers: " + ", ".join(shown))
    nxt = format_local(s.next_session, tz) if s.next_session else "none"
    review = format_local(s.next_review, tz) if s.next_review else "none"
    lines.append(f"  as of {format_local(s.at, tz)}: next session {nxt}; next review {review}")
    for slot in s.overdue_reviews:
        lines.append(f"  OVERDUE: review due {format_local(slot, tz)} ({format_duration(elapsed(slot, s.at))} ago)")
    a = s.attendance
    lines.append(
        f"  attendance: {a.attended} of {a.scheduled} attended, {a.missed} missed, {a.called_off} called off, "
        f"{a.unrecorded} not recorded; missed in a row: {a.missed_in_a_row}"
    )
    if s.goals_without_progress:
        lines.append(f"  no progress since the review of {s.last_review}: {', '.join(s.goals_without_progress)}")
    if explain:
        lines.extend(f"    {r}" for r in (*planned.reasons, *status.reasons))
        lines.extend(f"    missing: {m}" for m in status.missing)
    return lines


@public
def report_cases(section: OneToOneSection, policy: _policy_model.Policy, period: Period) -> tuple[CaseReport, ...]:
    """A :class:`CaseReport` per case: dates over ``period``, status at ``section.as_of``."""
    out: list[CaseReport] = []
    for case in section.cases:
        eligibility = check_eligibility(case.resident, policy)
        planned = status = None
        if case.plan is not None:
            planned = schedule(case.plan, policy, period)
            status = plan_status(
                case.plan, policy, section.as_of, sessions=case.sessions, reviews=case.reviews, resident=case.resident
            )
        out.append(CaseReport(case.resident.id, case.plan, eligibility, planned, status))
    return tuple(out)


def flag(resident: str, answer: Eligibility) -> str:
    """Why a plan is not confirmed: the resident is not eligible, or not known to be."""
    unmet = ", ".join(c.value for c in answer.unmet)
    unknown = ", ".join(c.value for c in answer.unknown)
    if answer.eligible is False:
        return f"a plan is in place but {resident} is not eligible (unmet: {unmet})"
    return f"a plan is in place but {resident}'s eligibility is undetermined (not recorded: {unknown})"


def describe_plan(plan: Plan) -> str:
    """For people: "fortnightly on Mondays at 18:00 with wk-jo; reviews every 6 weeks"."""
    return (
        f"{describe_cadence(plan.every_weeks, len(plan.slots))} on {describe_slots(plan)} "
        f"with {plan.worker}; reviews every {plan.review_every_weeks} weeks"
    )
