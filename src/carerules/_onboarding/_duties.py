"""Duties after sessions begin: final risk assessments, feedback forms, write-ups, training."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import TypeAlias

import attrs

from carerules._enums import Choice
from carerules._errors import InvalidInput
from carerules._guard import public
from carerules._onboarding import _rules as R
from carerules._onboarding._contract import Contract
from carerules._onboarding._dates import add_years, days_after, end_of_local_day, format_span, local_day
from carerules._onboarding._model import PersonalFile, RiskAssessmentStage, check_finals_follow
from carerules._policy import Policy
from carerules._rules import Decision, Reason, role_ref
from carerules._time import elapsed, format_local, instant_key, require_aware
from carerules._validate import is_date, is_optional_date, optional_text, plain_text, text

#: Staff id -> training name -> local date completed (a staff member's training records).
TrainingRecords: TypeAlias = Mapping[str, Mapping[str, date]]


def check_training_records(value: object, field: str = "training") -> TrainingRecords:
    """``value`` if it maps staff ids to {training name: completion date}; else :class:`~carerules.InvalidInput`."""
    if not isinstance(value, Mapping):
        raise InvalidInput(field, value, "a mapping of staff id to {training name: completion date}")
    for staff, held in value.items():
        if not isinstance(staff, str) or not isinstance(held, Mapping):
            raise InvalidInput(f"{field}[{staff!r}]", held, "a mapping of training name to a completion date")
        for name, done in held.items():
            if not isinstance(name, str) or not isinstance(done, date) or isinstance(done, datetime):
                raise InvalidInput(f"{field}[{staff!r}][{name!r}]", done, "a completion date (datetime.date)")
    return value


class DutyState(Choice):
    """Where a dated duty stands at an instant."""

    NOT_STARTED = "not-started"
    UPCOMING = "upcoming"
    DUE = "due"
    OVERDUE = "overdue"
    DONE = "done"


@attrs.frozen
class DutyStatus:
    """A dated duty at an instant: its state, the local day it is due and the instant that day ends.

    ``overdue_by`` is the elapsed time since ``due_by`` when overdue;
    ``done_on`` the local date the duty was met; ``open_topics`` the topics
    of a per-topic duty (the final risk assessments) still without a final.
    """

    service_user: str
    duty: str
    state: DutyState
    due_on: date | None = None
    due_by: datetime | None = attrs.field(default=None, eq=instant_key)
    overdue_by: timedelta | None = None
    done_on: date | None = None
    open_topics: tuple[str, ...] = ()


@public
def final_risk_assessment_due(first_session: date | datetime, policy: Policy) -> date:
    """The local date final risk assessments are due: N days after the first session.

    ``first_session`` is its local date, or an aware instant (read in the
    policy's zone). With the Buddies policy a first session on 2026-03-20
    gives 2026-04-03: the finals may still be written on that day. The
    instant the duty becomes overdue (the end of that local day) is
    :func:`final_risk_assessment_deadline`.
    """
    first = local_day(first_session, policy, "first_session")
    days = policy.onboarding_on(first).final_risk_assessment_days
    return days_after(first, days, "first_session")


@public
def final_risk_assessment_deadline(first_session: date | datetime, policy: Policy) -> datetime:
    """The instant final risk assessments become overdue: the end of the local day they are due.

    With the Buddies policy a first session on 2026-03-20 gives midnight at
    the end of 2026-04-03 in the policy's zone (2026-04-04 00:00 +01:00).
    """
    return end_of_local_day(final_risk_assessment_due(first_session, policy), policy)


def _topic_key(topic: str) -> str:
    return " ".join(topic.split()).casefold()


def _listed(topics: Iterable[str]) -> str:
    return ", ".join(topics)


@attrs.frozen
class _Topics:
    """The file's risk-assessment topics on a day: those drafted and each topic's earliest final (key -> name, date)."""

    drafted: dict[str, str]
    finals: dict[str, tuple[str, date]]

    @classmethod
    def of(cls, file: PersonalFile, day: date) -> _Topics:
        drafted: dict[str, str] = {}
        finals: dict[str, tuple[str, date]] = {}
        for ra in file.risk_assessments:
            if ra.dated > day:
                continue
            key = _topic_key(ra.topic)
            if ra.stage is RiskAssessmentStage.DRAFT:
                drafted.setdefault(key, ra.topic)
            elif key not in finals or ra.dated < finals[key][1]:
                finals[key] = (finals[key][0] if key in finals else ra.topic, ra.dated)
        return cls(drafted, finals)

    @property
    def open(self) -> tuple[str, ...]:
        """Topics drafted with no final yet, in file order, as first written."""
        return tuple(name for key, name in self.drafted.items() if key not in self.finals)

    @property
    def with_final(self) -> tuple[str, ...]:
        """Topics with a final (drafted or not), named as first drafted, in file order."""
        return tuple(self.drafted.get(key, name) for key, (name, _) in self.finals.items())

    def summary(self) -> str:
        """The per-topic reading: how many topics were drafted, which have a final, which are open."""
        held = f"final on file for {_listed(self.with_final)}" if self.finals else "no final on file yet"
        still = f"; still open: {_listed(self.open)}" if self.open else ""
        return f"{len(self.drafted)} topic(s) drafted; {held}{still}"

    def gap(self) -> str:
        """What is missing while the duty is not done."""
        if self.finals:
            return f"final on file for {_listed(self.with_final)}; still open: {_listed(self.open)}"
        return "no final risk assessment on file" + (f"; still open: {_listed(self.open)}" if self.open else "")

    def fix(self) -> str:
        """What would meet the duty."""
        if not self.open:
            return "a final risk assessment"
        if len(self.open) == 1:
            return f"a final risk assessment for {self.open[0]}"
        return f"a final risk assessment for each of {_listed(self.open)}"

    @property
    def done_on(self) -> date:
        """The day the last drafted topic got its final (the earliest final when nothing was drafted)."""
        if self.drafted:
            return max(self.finals[key][1] for key in self.drafted)
        return min(on for _, on in self.finals.values())


@public
def check_final_risk_assessment(
    file: PersonalFile, policy: Policy, at: datetime, *, first_session: date | datetime | None = None
) -> Decision[DutyStatus]:
    """Whether the final risk assessments are done, due or overdue at instant ``at``.

    The duty is done only when every topic drafted has a final on file (and
    at least one final is): topics match ignoring case and spacing, and the
    answer's ``open_topics`` lists those still without one. An assessment
    counts once its date has arrived (local date of ``at``). Before the first
    session the duty has not started.
    """
    at = require_aware(at, "at")
    today = local_day(at, policy, "at")
    name = "final-risk-assessment"
    first = file.first_session if first_session is None else local_day(first_session, policy, "first_session")
    if first is None:
        status = DutyStatus(file.service_user, name, DutyState.NOT_STARTED)
        reason = R.FINAL_RISK_ASSESSMENT.because("no first session on file, so no deadline yet")
        return Decision(status, (reason,), ("the date of the first 1:1 session",))
    check_finals_follow(file.risk_assessments, first)
    days = policy.onboarding_on(first).final_risk_assessment_days
    due_on = days_after(first, days, "first_session")
    due_by = end_of_local_day(due_on, policy)
    counted = R.LOCAL_DAYS.because(
        f"due by the end of {due_on} in {policy.timezone}: {format_local(due_by, policy.tz)}"
    )
    topics = _Topics.of(file, today)
    still_open = topics.open
    per_topic = (R.FINAL_EVERY_TOPIC.because(topics.summary()),) if topics.drafted else ()
    if topics.finals and not still_open:
        done = topics.done_on
        late = f", {(done - due_on).days} day(s) late" if done > due_on else ""
        status = DutyStatus(file.service_user, name, DutyState.DONE, due_on, due_by, None, done)
        what = (
            f"a final on file for every topic drafted ({_listed(topics.drafted.values())}), the last dated {done}"
            if topics.drafted
            else f"final risk assessment on file dated {done}"
        )
        return Decision(status, (R.FINAL_RISK_ASSESSMENT.because(f"{what}{late}"), *per_topic, counted))
    if today < first:
        status = DutyStatus(file.service_user, name, DutyState.NOT_STARTED, due_on, due_by, open_topics=still_open)
        reason = R.FINAL_RISK_ASSESSMENT.because(
            f"sessions begin on {first}; finals will be due by the end of {due_on}"
        )
        return Decision(status, (reason, *per_topic, counted))
    gap = topics.gap()
    if at < due_by:
        left = elapsed(at, due_by)
        status = DutyStatus(file.service_user, name, DutyState.DUE, due_on, due_by, open_topics=still_open)
        reason = R.FINAL_RISK_ASSESSMENT.because(
            f"first session {first}; {gap}; {format_span(left)} left",
            would_change=f"overdue from {format_local(due_by, policy.tz)}",
        )
        return Decision(status, (reason, *per_topic, counted))
    late_by = elapsed(due_by, at)
    status = DutyStatus(file.service_user, name, DutyState.OVERDUE, due_on, due_by, late_by, open_topics=still_open)
    reason = R.FINAL_RISK_ASSESSMENT.because(
        f"first session {first}; {gap}; overdue by {format_span(late_by)}",
        would_change=f"{topics.fix()} on file by the end of {due_on} would have met the deadline",
    )
    return Decision(status, (reason, *per_topic, counted))


@attrs.frozen
class FeedbackForm:
    """A paper feedback form sent to a Service User's family on a local date."""

    service_user: str = attrs.field(validator=text("feedback_form.service_user"))
    sent_on: date = attrs.field(validator=is_date("feedback_form.sent_on"))


@attrs.frozen
class FeedbackResponse:
    """A returned feedback form. It may be anonymous: sender and Service User are optional."""

    received_on: date = attrs.field(validator=is_date("feedback_response.received_on"))
    service_user: str | None = attrs.field(default=None, validator=optional_text("feedback_response.service_user"))
    respondent: str | None = attrs.field(
        default=None, validator=optional_text("feedback_response.respondent", sensitive=True), repr=False
    )
    comments: str = attrs.field(
        default="", validator=plain_text("feedback_response.comments", sensitive=True), repr=False
    )

    @property
    def anonymous(self) -> bool:
        """True when the response does not name its sender."""
        return self.respondent is None


@public
def check_feedback(
    service_user: str,
    policy: Policy,
    at: datetime,
    *,
    forms: Iterable[FeedbackForm] = (),
    started_on: date | None = None,
) -> Decision[DutyStatus]:
    """Whether the yearly feedback form is upcoming, due (on its day) or overdue at ``at``.

    The next form is due the configured number of years after the last one
    sent (forms of other Service Users and forms dated after ``at`` are
    ignored), or after ``started_on`` when none has been sent.
    """
    at = require_aware(at, "at")
    today = local_day(at, policy, "at")
    sent = [f.sent_on for f in forms if f.service_user == service_user and f.sent_on <= today]
    name = "feedback-form"
    years = policy.onboarding_on(today).feedback_every_years
    if sent:
        since, what = max(sent), f"last form sent {max(sent)}"
    elif started_on is not None:
        since, what = started_on, f"no form sent yet; service started {started_on}"
    else:
        status = DutyStatus(service_user, name, DutyState.NOT_STARTED)
        reason = R.FEEDBACK_YEARLY.because("no form sent and no start date on file")
        return Decision(status, (reason,), ("the date the service started",))
    due_on = add_years(since, years)
    due_by = end_of_local_day(due_on, policy)
    reasons: list[Reason] = []
    if (since.month, since.day) == (2, 29) and due_on.month == 3:
        reasons.append(R.LEAP_DAY_BIRTHDAY.because(f"a year after {since} is {due_on}"))
    if today < due_on:
        state, late = DutyState.UPCOMING, None
        detail = f"{what}; next due on {due_on}"
    elif at < due_by:
        state, late = DutyState.DUE, None
        detail = f"{what}; next due today ({due_on})"
    else:
        state, late = DutyState.OVERDUE, elapsed(due_by, at)
        detail = f"{what}; next was due on {due_on}, overdue by {format_span(late)}"
    reasons.insert(0, R.FEEDBACK_YEARLY.because(detail))
    return Decision(DutyStatus(service_user, name, state, due_on, due_by, late), reasons)


@attrs.frozen
class WriteUpAuthorisation:
    """Someone's authorisation, from a local date, to send session write-ups to a Service User's parent."""

    service_user: str = attrs.field(validator=text("write_up_authorisation.service_user"))
    authorised_by: str = attrs.field(validator=text("write_up_authorisation.authorised_by"))
    authorised_on: date = attrs.field(validator=is_date("write_up_authorisation.authorised_on"))
    withdrawn_on: date | None = attrs.field(
        default=None, validator=is_optional_date("write_up_authorisation.withdrawn_on")
    )

    def in_force(self, on: date) -> bool:
        """True on local dates from ``authorised_on`` up to (not including) ``withdrawn_on``."""
        return self.authorised_on <= on and (self.withdrawn_on is None or on < self.withdrawn_on)


@public
def may_send_write_up(
    service_user: str,
    on: date,
    *,
    authorisations: Iterable[WriteUpAuthorisation],
    authorisers: Iterable[str] = (),
    leadership_team: Iterable[str] = (),
    policy: Policy | None = None,
) -> Decision[bool]:
    """Whether a session write-up may go to ``service_user``'s parent by text or email on local date ``on``.

    Only an authorisation in force given by one of ``authorisers`` (staff
    ids of the group the policy names ``authoriser``: the Buddies leadership
    team) counts; others are listed as set aside. ``leadership_team`` is the
    old name of ``authorisers`` and is still accepted.
    """
    leaders = frozenset(authorisers) | frozenset(leadership_team)
    relevant = [a for a in authorisations if a.service_user == service_user and a.in_force(on)]
    counted = [a for a in relevant if a.authorised_by in leaders]
    ignored = [a for a in relevant if a.authorised_by not in leaders]
    reasons = [
        R.WRITE_UP_AUTHORISED.because(
            f"authorisation by {a.authorised_by} (from {a.authorised_on}) does not count: "
            f"not on {role_ref('authoriser')}"
        )
        for a in ignored
    ]
    if counted:
        who = ", ".join(sorted({a.authorised_by for a in counted}))
        reasons.insert(0, R.WRITE_UP_AUTHORISED.because(f"authorised by {who} of {role_ref('authoriser')}"))
        return Decision(True, reasons)
    reasons.append(
        R.WRITE_UP_AUTHORISED.because(
            f"no authorisation in force from a member of {role_ref('authoriser')}",
            would_change=f"an authorisation from a member of {role_ref('authoriser')} would allow write-ups",
        )
    )
    return Decision(False, reasons)


@attrs.frozen
class OutstandingTraining:
    """Training agreed for a Service User that a staff member has not completed."""

    staff: str
    service_user: str
    training: str
    pre_start: bool


def _label(name: str) -> str:
    return " ".join(name.split()).casefold()


def missing_training(
    file: PersonalFile, contract: Contract, training: TrainingRecords, *, pre_start: bool, on: date | None = None
) -> tuple[OutstandingTraining, ...]:
    """Agreed training (pre-start or not) the key worker and spare have not completed (by ``on`` when given).

    Training names match ignoring case and spacing ("First  Aid" is "first aid").
    """
    out: list[OutstandingTraining] = []
    for staff in (contract.key_worker, contract.spare):
        held = {_label(name): done for name, done in training.get(staff, {}).items()}
        for agreed in file.agreed_training:
            if agreed.pre_start is not pre_start:
                continue
            done = held.get(_label(agreed.name))
            if done is None or (on is not None and done > on):
                out.append(OutstandingTraining(staff, file.service_user, agreed.name, agreed.pre_start))
    return tuple(out)


@public
def outstanding_training(
    file: PersonalFile, contract: Contract, training: TrainingRecords, *, policy: Policy | None = None
) -> Decision[tuple[OutstandingTraining, ...]]:
    """Training agreed for this Service User, not needed before the start, that the key worker or spare lacks.

    Listed as outstanding (book it at the earliest opportunity), never a blocker.
    """
    found = missing_training(file, contract, check_training_records(training), pre_start=False)
    if not found:
        return Decision((), (R.TRAINING_OUTSTANDING.because("no agreed training outstanding for key worker or spare"),))
    return Decision(
        found,
        tuple(
            R.TRAINING_OUTSTANDING.because(
                f"{t.staff} has not completed {t.training!r}; book at the earliest opportunity"
            )
            for t in found
        ),
    )
