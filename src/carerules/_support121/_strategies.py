"""Hypothesis strategies for 1-2-1 Support objects (re-exported by carerules.strategies)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import attrs
from hypothesis import strategies as st

from carerules._policy import ONE_TO_ONE_SUPPORT, Policy
from carerules._support121._eligibility import Eligibility, check_eligibility
from carerules._support121._model import (
    Goal,
    GoalStatus,
    Plan,
    Progress,
    RefresherRequest,
    Refreshers,
    Resident,
    ReviewRecord,
    SessionOutcome,
    SessionRecord,
    SessionSlot,
    Step,
    StepKind,
    Weekday,
)
from carerules._support121._report import CaseReport, OneToOneSection, SupportCase, report_cases
from carerules._support121._schedule import Schedule, schedule
from carerules._support121._status import PlanStatus, plan_status
from carerules._support121._terms import BUILT_IN_CADENCES, Cadence, OneToOneTerms, SupportArea
from carerules._support121._usage import refresher_dates, session_times, wall_time
from carerules._time import Period

_FIRST = date(2024, 1, 1)
_LAST = date(2030, 12, 31)
#: Zones with clock changes at different local times (and one without).
ZONES = ("Europe/London", "America/New_York", "Australia/Sydney", "America/Santiago", "Asia/Kolkata")
_WORDS = ("Gardening", "Cooking", "Budgeting", "Swimming", "Quizzes", "Choir", "Cycling")


def support_areas() -> st.SearchStrategy[SupportArea]:
    """A provider's own support area with a few topics."""
    return st.builds(
        SupportArea,
        st.sampled_from(("Wellbeing", "Housing", "Learning", "Digital skills")),
        st.lists(st.sampled_from(_WORDS), unique=True, max_size=4).map(tuple),
    )


def cadences() -> st.SearchStrategy[Cadence]:
    """Cadences: the built-in ones often, others (three-weekly, twice fortnightly, three times weekly) too."""
    return st.one_of(st.sampled_from(BUILT_IN_CADENCES), st.builds(Cadence, st.integers(1, 4), st.integers(1, 3)))


def session_slots() -> st.SearchStrategy[SessionSlot]:
    """Weekly slots: a weekday and a local time, often near midnight or a clock change."""
    return st.builds(SessionSlot, st.sampled_from(Weekday), local_times())


def refresher_requests() -> st.SearchStrategy[RefresherRequest]:
    """Requests for a refresher on some goal, with or without the day it was arranged for."""
    return st.builds(
        lambda goal, day, later: RefresherRequest(goal, day, None if later is None else day + timedelta(days=later)),
        st.sampled_from(("g-a", "g-b", "g-c")),
        st.dates(_FIRST, _LAST),
        st.one_of(st.none(), st.integers(0, 30)),
    )


@st.composite
def one_to_one_terms(draw: st.DrawFn) -> OneToOneTerms:
    """The built-in terms, sometimes extended with topics, areas or cadences, closed or with automatic refreshers."""
    base = ONE_TO_ONE_SUPPORT.one_to_one.latest
    assert base is not None
    terms = base
    for _ in range(draw(st.integers(0, 2))):
        area = draw(st.one_of(st.sampled_from(terms.area_names), support_areas().map(lambda a: a.name)))
        terms = terms.extend(area, *draw(st.lists(st.sampled_from(_WORDS), unique=True, max_size=2)))
    extra = draw(st.lists(cadences(), max_size=2))
    return attrs.evolve(
        terms,
        cadences=tuple(sorted(set(terms.cadences) | set(extra))),
        only_listed_areas=draw(st.booleans()),
        automatic_refreshers=draw(st.booleans()),
    )


@st.composite
def one_to_one_policies(draw: st.DrawFn, *, timezones: tuple[str, ...] = ZONES) -> Policy:
    """The built-in 1-2-1 policy, sometimes in another zone or with extended terms."""
    return attrs.evolve(
        ONE_TO_ONE_SUPPORT,
        timezone=draw(st.sampled_from(timezones)),
        one_to_one=draw(st.one_of(st.just(ONE_TO_ONE_SUPPORT.one_to_one.latest), one_to_one_terms())),
    )


def residents() -> st.SearchStrategy[Resident]:
    """Residents with each criterion met, unmet or not recorded."""
    answer = st.sampled_from((True, True, False, None))
    return st.builds(
        Resident,
        id=st.sampled_from(("res-ana", "res-bo", "res-cal", "res-dee")),
        need_identified=answer,
        will_complete=answer,
        will_attend=answer,
        accepts_one_to_one=answer,
        will_use_skills=answer,
        need=st.text(max_size=12),
    )


def steps(*, first: date = _FIRST, last: date = _LAST) -> st.SearchStrategy[Step]:
    """Steps towards a goal, done between ``first`` and ``last`` or not yet."""
    return st.builds(Step, st.text(max_size=10), st.one_of(st.none(), st.dates(first, last)), st.sampled_from(StepKind))


def progress_notes(*, first: date = _FIRST, last: date = _LAST) -> st.SearchStrategy[Progress]:
    """Progress noted between ``first`` and ``last``."""
    return st.builds(Progress, st.dates(first, last), st.text(max_size=10))


#: Areas a provider's policy may not list (a goal in one is accepted unless the list is closed).
_UNLISTED = (SupportArea("Housing", ("Bidding for a flat",)), SupportArea("Digital skills"))


def refreshers() -> st.SearchStrategy[Refreshers]:
    """Refresher offers: one to three sessions, one to eight weeks apart."""
    return st.builds(Refreshers, st.integers(1, 3), st.integers(1, 8))


@st.composite
def goals(draw: st.DrawFn, *, terms: OneToOneTerms | None = None, opened_from: date = _FIRST) -> Goal:
    """A goal in one of ``terms``' areas (the built-in ones by default), open, achieved or dropped.

    Where the terms' list of areas is open, the goal is sometimes in an area it does not list.
    """
    terms = terms or ONE_TO_ONE_SUPPORT.one_to_one.latest
    assert terms is not None
    listed = st.sampled_from(terms.areas)
    area = draw(listed if terms.only_listed_areas else st.one_of(listed, listed, listed, st.sampled_from(_UNLISTED)))
    topic = draw(st.one_of(st.none(), st.sampled_from(area.topics or ("Own words",)), st.sampled_from(_WORDS)))
    opened = draw(st.dates(opened_from, opened_from + timedelta(days=200)))
    status = draw(st.sampled_from(GoalStatus))
    closed = None if status is GoalStatus.OPEN else opened + timedelta(days=draw(st.integers(0, 300)))
    last = closed or opened + timedelta(days=300)
    goal_steps = draw(st.lists(steps(first=opened, last=last), max_size=3))
    progress = draw(st.lists(progress_notes(first=opened, last=last), max_size=3))
    return Goal(
        id=f"g-{draw(st.uuids()).hex[:6]}",
        area=area.name,
        opened_on=opened,
        topic=topic,
        description=draw(st.text(max_size=12)),
        steps=tuple(goal_steps),
        progress=tuple(progress),
        status=status,
        closed_on=closed,
    )


def local_times() -> st.SearchStrategy[time]:
    """Local wall times in whole minutes, often near midnight and clock-change hours."""
    tricky = st.sampled_from((time(0, 0), time(0, 30), time(1, 0), time(1, 30), time(2, 0), time(2, 30), time(23, 30)))
    return st.one_of(tricky, st.builds(time, st.integers(0, 23), st.integers(0, 59)))


@st.composite
def _requests(draw: st.DrawFn, starts: date, plan_goals: list[Goal]) -> tuple[RefresherRequest, ...]:
    """Refresher requests for some of ``plan_goals``, each on or after the plan starts and the goal opens."""
    out: list[RefresherRequest] = []
    for goal in draw(st.lists(st.sampled_from(plan_goals), max_size=3)) if plan_goals else []:
        earliest = max(starts, goal.opened_on)
        day = earliest + timedelta(days=draw(st.integers(0, 400)))
        if all((r.goal, r.requested_on) != (goal.id, day) for r in out):
            later = draw(st.one_of(st.none(), st.integers(0, 30)))
            out.append(RefresherRequest(goal.id, day, None if later is None else day + timedelta(days=later)))
    return tuple(out)


@st.composite
def plans(draw: st.DrawFn, *, terms: OneToOneTerms | None = None) -> Plan:
    """Plans whose cadence, slots, goal areas and refreshers fit ``terms`` (the built-in terms by default)."""
    terms = terms or ONE_TO_ONE_SUPPORT.one_to_one.latest
    assert terms is not None
    starts = draw(st.dates(_FIRST, _LAST - timedelta(days=400)))
    ends = draw(st.one_of(st.none(), st.integers(0, 500).map(lambda n: starts + timedelta(days=n))))
    plan_goals = draw(st.lists(goals(terms=terms, opened_from=starts), max_size=3, unique_by=lambda g: g.id))
    cadence = draw(st.sampled_from(terms.cadences))
    slots = draw(st.lists(session_slots(), min_size=cadence.sessions, max_size=cadence.sessions, unique=True))
    offer = draw(st.one_of(st.none(), refreshers())) if terms.automatic_refreshers else None
    return Plan(
        resident=draw(st.sampled_from(("res-ana", "res-bo", "res-cal"))),
        worker=draw(st.sampled_from(("wk-eve", "wk-fin"))),
        every_weeks=cadence.every_weeks,
        weekday=slots[0].weekday,
        local_time=slots[0].local_time,
        starts_on=starts,
        review_every_weeks=draw(st.integers(1, 12)),
        goals=tuple(plan_goals),
        ends_on=ends,
        refreshers=offer,
        extra_slots=tuple(slots[1:]),
        refresher_requests=draw(_requests(starts, plan_goals)),
    )


def schedule_periods(*, first: date = _FIRST, last: date = _LAST) -> st.SearchStrategy[Period]:
    """Inclusive ranges of local dates up to about a year long."""
    return st.builds(
        lambda start, days: Period(start, min(start + timedelta(days=days), last)),
        st.dates(first, last),
        st.integers(0, 400),
    )


@st.composite
def session_records(
    draw: st.DrawFn, plan: Plan, policy: Policy, *, up_to: date | None = None
) -> tuple[SessionRecord, ...]:
    """Records for some of ``plan``'s sessions (regular and refresher) up to ``up_to``."""
    last = up_to or plan.starts_on + timedelta(days=200)
    tz = policy.tz
    terms = policy.one_to_one_on(plan.starts_on)
    assert terms is not None
    slots = set(session_times(plan, tz, plan.starts_on, last))
    slots |= {wall_time(d, plan.local_time, tz) for d in refresher_dates(plan, terms) if d <= last}
    chosen = draw(st.lists(st.sampled_from(sorted(slots)), unique=True, max_size=20)) if slots else []
    outcome = st.sampled_from(SessionOutcome)
    return tuple(SessionRecord(s, draw(outcome), draw(st.text(max_size=8))) for s in sorted(chosen))


def review_records(plan: Plan, *, up_to: date | None = None) -> st.SearchStrategy[tuple[ReviewRecord, ...]]:
    """Reviews held on dates from the plan's start to ``up_to``."""
    last = up_to or plan.starts_on + timedelta(days=400)
    return st.lists(st.builds(ReviewRecord, st.dates(plan.starts_on, last), st.text(max_size=8)), max_size=4).map(tuple)


@st.composite
def schedules(draw: st.DrawFn) -> Schedule:
    """Schedules of generated plans over generated periods."""
    policy = draw(one_to_one_policies())
    assert policy.one_to_one.latest is not None
    plan = draw(plans(terms=policy.one_to_one.latest))
    return schedule(plan, policy, draw(schedule_periods())).answer


@st.composite
def eligibilities(draw: st.DrawFn) -> Eligibility:
    """Answers of the eligibility check for generated residents."""
    return check_eligibility(draw(residents()), ONE_TO_ONE_SUPPORT).answer


@st.composite
def plan_statuses(draw: st.DrawFn) -> PlanStatus:
    """Answers of the status check for generated plans, records and instants."""
    policy = draw(one_to_one_policies())
    assert policy.one_to_one.latest is not None
    plan = draw(plans(terms=policy.one_to_one.latest))
    up_to = plan.starts_on + timedelta(days=draw(st.integers(0, 400)))
    at = datetime.combine(up_to, time(12), tzinfo=policy.tz) + timedelta(minutes=draw(st.integers(-720, 720)))
    records = draw(session_records(plan, policy, up_to=up_to))
    reviews = draw(review_records(plan, up_to=up_to))
    return plan_status(plan, policy, at, sessions=records, reviews=reviews).answer


@st.composite
def support_cases(draw: st.DrawFn, *, up_to: date | None = None) -> SupportCase:
    """A resident for a scenario file, with a plan and records (up to ``up_to``) or without a plan."""
    resident = draw(residents())
    if not draw(st.booleans()):
        return SupportCase(resident)
    plan = attrs.evolve(draw(plans()), resident=resident.id)
    last = up_to or plan.starts_on + timedelta(days=200)
    records = draw(session_records(plan, ONE_TO_ONE_SUPPORT, up_to=last)) if last >= plan.starts_on else ()
    reviews = draw(review_records(plan, up_to=last)) if last >= plan.starts_on else ()
    return SupportCase(resident, plan, records, reviews)


@st.composite
def one_to_one_sections(draw: st.DrawFn) -> OneToOneSection:
    """The 1-2-1 part of a scenario file: a few cases and the instant to report at."""
    as_of = draw(
        st.datetimes(
            datetime(2024, 6, 1), datetime(2031, 6, 1), timezones=st.just(ONE_TO_ONE_SUPPORT.tz), allow_imaginary=False
        )
    )
    cases = draw(st.lists(support_cases(up_to=as_of.date()), max_size=3, unique_by=lambda c: c.resident.id))
    return OneToOneSection(as_of, tuple(cases))


@st.composite
def case_reports(draw: st.DrawFn) -> CaseReport:
    """Report entries for generated cases under the built-in 1-2-1 policy."""
    section = draw(one_to_one_sections().filter(lambda s: bool(s.cases)))
    period = draw(schedule_periods())
    return draw(st.sampled_from(report_cases(section, ONE_TO_ONE_SUPPORT, period)))
