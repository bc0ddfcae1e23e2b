"""The fit score and the ranking of staff for one Service User."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, tzinfo
from typing import Any

import attrs

from carerules._charging._model import Session
from carerules._display import Tabular
from carerules._errors import InvalidInput
from carerules._guard import public
from carerules._matching import _rules as R
from carerules._matching._model import ServiceUser, StaffMember, unique_staff
from carerules._matching._params import MatchingPolicy, TraitFit
from carerules._policy import Policy
from carerules._rules import Decision, Reason
from carerules._time import to_utc


def _names(labels: Iterable[str]) -> str:
    items = sorted(labels)
    return ", ".join(items) if items else "none"


@attrs.frozen
class Candidate:
    """One staff member's fit for one Service User.

    ``score`` is the fit score (a whole number); ``shared_interests`` and
    ``fitting_traits`` say where it came from. ``missing_training`` lists
    required pre-start courses with no completed record; a candidate with
    any is not eligible. :attr:`reasons` explains it (built on demand).
    """

    staff: str
    score: int
    shared_interests: frozenset[str]
    fitting_traits: tuple[TraitFit, ...]
    missing_training: frozenset[str]
    interest_points: int = 1
    trait_points: int = 1

    @property
    def eligible(self) -> bool:
        """True when the staff member holds every required pre-start course."""
        return not self.missing_training

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Why this candidate scored what they did, and whether they are eligible."""
        out = [
            R.SHARED_INTERESTS.because(
                f"{self.staff} shares {len(self.shared_interests)} interest(s): {_names(self.shared_interests)}"
                f" (+{len(self.shared_interests) * self.interest_points})"
            ),
            R.PERSONALITY_FIT.because(
                f"{self.staff} has {len(self.fitting_traits)} fitting trait pair(s): "
                + (", ".join(f"{f.service_user_trait} ~ {f.staff_trait}" for f in self.fitting_traits) or "none")
                + f" (+{len(self.fitting_traits) * self.trait_points})"
            ),
            R.FIT_SCORE.because(f"{self.staff} scores {self.score}"),
        ]
        if self.missing_training:
            out.append(
                R.PRE_START_TRAINING.because(
                    f"{self.staff} is not eligible: no completed record of {_names(self.missing_training)}",
                    would_change="completing that training would make them eligible",
                )
            )
        return tuple(out)

    def sort_key(self) -> tuple[int, int, str]:
        """Best first: higher score, then more shared interests, then staff id."""
        return (-self.score, -len(self.shared_interests), self.staff)


class _Scorer:
    """Precomputed per Service User, so scoring many staff is a few set operations each."""

    __slots__ = ("courses", "fits", "interests", "ip", "on", "required", "tp")

    def __init__(self, user: ServiceUser, params: MatchingPolicy, on: date | None) -> None:
        self.interests = user.interests
        self.fits = tuple((t, params.fitting(t)) for t in sorted(user.traits))
        self.required = user.required_training
        self.ip = params.interest_points
        self.tp = params.trait_points
        self.on = on

    def candidate(self, staff: StaffMember) -> Candidate:
        shared = self.interests & staff.interests
        traits = staff.traits
        fitting = tuple(TraitFit(t, s) for t, ok in self.fits for s in sorted(ok & traits)) if traits else ()
        missing = self.required - staff.courses_completed(self.on) if self.required else frozenset()
        score = self.ip * len(shared) + self.tp * len(fitting)
        return Candidate(staff.id, score, shared, fitting, missing, self.ip, self.tp)


def _records_note(on: date | None) -> str:
    if on is None:
        return "only completed training records count, completed at any date (expiry not checked); bookings do not"
    return (
        f"only completed training records count, completed on or before {on.isoformat()} and not expired by "
        "then; bookings do not"
    )


def expired_training(user: ServiceUser, staff: Iterable[StaffMember], on: date | None) -> list[Reason]:
    """A reason for each staff member whose record of a course ``user`` needs had expired by ``on``.

    Only courses they do not otherwise hold on ``on`` (a newer record that counts hides an old one).
    """
    if on is None or not user.required_training:
        return []
    out: list[Reason] = []
    for s in staff:
        held = s.courses_completed(on)
        lapsed: dict[str, date] = {}
        for r in s.training:
            expired = r.expires_on is not None and r.expires_on < on and r.completed_by(on)
            if expired and r.course in user.required_training and r.course not in held and r.expires_on:
                lapsed[r.course] = max(r.expires_on, lapsed.get(r.course, r.expires_on))
        out.extend(
            R.TRAINING_EXPIRY.because(
                f"{s.id}'s record of {course} expired on {day.isoformat()}, before {on.isoformat()}",
                would_change="a new record of that training, completed by then",
            )
            for course, day in sorted(lapsed.items())
        )
    return out


def first_session_day(
    user: ServiceUser, sessions: Iterable[Session], tz: tzinfo, field: str = "sessions"
) -> date | None:
    """The local date of ``user``'s earliest session in ``sessions`` (``None`` when there are none).

    Raises :class:`~carerules.InvalidInput` for a session of someone else.
    """
    first: datetime | None = None
    for i, s in enumerate(sessions):
        if not isinstance(s, Session):
            raise InvalidInput(f"{field}[{i}]", s, "a Session")
        if s.service_user != user.id:
            raise InvalidInput(f"{field}[{i}].service_user", s.service_user, f"the Service User's id {user.id!r}")
        if first is None or to_utc(s.start) < to_utc(first):
            first = s.start
    return None if first is None else first.astimezone(tz).date()


def check_training_names(user: ServiceUser, staff: Iterable[StaffMember], params: MatchingPolicy) -> None:
    """Refuse course names the policy does not recognise (when it lists courses)."""
    if not params.courses:
        return
    params.check_courses(user.required_training, f"service_user[{user.id}].required_training", sensitive=True)
    for s in staff:
        params.check_courses(frozenset(r.course for r in s.training), f"staff[{s.id}].training")


@public
def fit(user: ServiceUser, staff: StaffMember, policy: Policy, *, on: date | None = None) -> Candidate:
    """How well ``staff`` fits ``user`` under ``policy``: score, why, and missing training.

    ``on``: count only training completed on or before this date (default:
    every completed record).
    """
    check_training_names(user, (staff,), policy.matching_on(on or date.max))
    return _Scorer(user, policy.matching_on(on or date.max), on).candidate(staff)


@attrs.frozen
class Ranking(Tabular):
    """Staff ranked for one Service User: eligible candidates best first, then the ineligible."""

    service_user: str
    eligible: tuple[Candidate, ...]
    ineligible: tuple[Candidate, ...]

    def rows(self) -> list[dict[str, Any]]:
        """One plain dict per candidate (eligible first), ready for a DataFrame."""
        out = []
        for rank, c in enumerate((*self.eligible, *self.ineligible), start=1):
            out.append(
                {
                    "service_user": self.service_user,
                    "rank": rank if c.eligible else None,
                    "staff": c.staff,
                    "score": c.score,
                    "shared_interests": ", ".join(sorted(c.shared_interests)),
                    "fitting_traits": ", ".join(f"{f.service_user_trait}~{f.staff_trait}" for f in c.fitting_traits),
                    "eligible": c.eligible,
                    "missing_training": ", ".join(sorted(c.missing_training)),
                }
            )
        return out


def score_all(
    user: ServiceUser, staff: tuple[StaffMember, ...], params: MatchingPolicy, on: date | None
) -> list[Candidate]:
    """A candidate per staff member, unsorted (staff already checked)."""
    scorer = _Scorer(user, params, on)
    return [scorer.candidate(s) for s in staff]


@public
def rank_staff(
    user: ServiceUser, staff: Iterable[StaffMember], policy: Policy, *, on: date | None = None
) -> Decision[Ranking]:
    """Rank ``staff`` for ``user`` by fit score, with the reasons.

    Eligible candidates come first, best first (higher score, then more
    shared interests, then staff id); staff lacking a required pre-start
    course are listed separately as ineligible, saying which. ``on``: count
    training completed on or before this date. Raises
    :class:`~carerules.InvalidInput` for duplicate staff ids or (when the
    policy lists courses) an unknown course name.
    """
    members = unique_staff(staff)
    params = policy.matching_on(on or date.max)
    check_training_names(user, members, params)
    scored = sorted(score_all(user, members, params, on), key=Candidate.sort_key)
    eligible = tuple(c for c in scored if not c.missing_training)
    ineligible = tuple(c for c in scored if c.missing_training)
    reasons = [
        R.FIT_SCORE.because(
            f"{len(members)} staff scored for {user.id}: {params.interest_points} point(s) per shared interest, "
            f"{params.trait_points} per fitting trait pair"
        ),
        R.TIE_BREAK.because("equal scores ordered by more shared interests, then staff id"),
    ]
    if user.required_training:
        reasons.append(
            R.PRE_START_TRAINING.because(
                f"{user.id} needs {_names(user.required_training)} before sessions start: "
                f"{len(eligible)} staff eligible, {len(ineligible)} not"
            )
        )
        reasons.append(R.TRAINING_RECORDS.because(_records_note(on)))
        reasons.extend(expired_training(user, members, on))
    if eligible:
        best = eligible[0]
        reasons.append(R.SHARED_INTERESTS.because(f"best fit {best.staff} shares {_names(best.shared_interests)}"))
    return Decision(Ranking(user.id, eligible, ineligible), reasons)
