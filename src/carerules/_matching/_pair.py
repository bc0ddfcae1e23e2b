"""Key worker plus spare: checking a proposed pair, and suggesting the best one."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs

from carerules._charging._model import Session
from carerules._display import Tabular
from carerules._errors import InvalidInput
from carerules._guard import public
from carerules._matching import _rules as R
from carerules._matching._model import Match, ServiceUser, StaffMember, loads, unique_staff
from carerules._matching._score import (
    Candidate,
    _names,
    _records_note,
    check_training_names,
    expired_training,
    first_session_day,
    score_all,
)
from carerules._policy import Policy
from carerules._rules import Decision, Reason


@attrs.frozen
class PairCheck:
    """The outcome of checking a proposed key worker and spare.

    ``failures`` lists every problem found (empty when the pair is valid).
    """

    match: Match
    failures: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """True when nothing failed."""
        return not self.failures


@public
def check_pair(
    user: ServiceUser,
    key_worker: StaffMember,
    spare: StaffMember,
    policy: Policy,
    *,
    existing: Iterable[Match] = (),
    on: date | None = None,
    sessions: Iterable[Session] = (),
) -> Decision[PairCheck]:
    """Whether ``key_worker`` and ``spare`` are a valid match for ``user``, listing every failure.

    Checks: two different people; each holds a record of every pre-start
    course ``user`` needs that counts on the date of the first session
    (completed by then, not expired); neither capacity would be exceeded,
    counting ``existing`` matches of other Service Users (a match of
    ``user`` itself is being replaced, so it does not count).

    The date is ``on`` if given, else the local date of the earliest of
    ``user``'s ``sessions``. With neither, training completed at any date
    counts and the reasons say so (a check before the first session is
    booked); :func:`suggest_pair` needs a date.
    """
    for name, s in (("key_worker", key_worker), ("spare", spare)):
        if not isinstance(s, StaffMember):
            raise InvalidInput(name, s, "a StaffMember")
    from_sessions = on is None
    if on is None:
        on = first_session_day(user, sessions, policy.tz)
    check_training_names(user, (key_worker, spare), policy.matching_on(on or date.max))
    key_load, spare_load = loads(existing, excluding=frozenset({user.id}))
    reasons: list[Reason] = []
    failures: list[str] = []

    def record(rule: Any, ok: bool, passed: str, failed: str, would_change: str | None = None) -> None:
        reasons.append(rule.because(passed if ok else failed, would_change=None if ok else would_change))
        if not ok:
            failures.append(failed)

    record(
        R.DIFFERENT_PEOPLE,
        key_worker.id != spare.id,
        f"key worker {key_worker.id} and spare {spare.id} are different people",
        f"{key_worker.id} is proposed as both key worker and spare",
        "choosing a different spare",
    )
    for role, s in (("key worker", key_worker), ("spare", spare)):
        missing = user.required_training - s.courses_completed(on)
        record(
            R.PRE_START_TRAINING,
            not missing,
            f"{role} {s.id} holds every pre-start course {user.id} needs ({_names(user.required_training)})",
            f"{role} {s.id} has no completed record of {_names(missing)}",
            "completing that training before sessions start",
        )
    if user.required_training:
        reasons.append(R.TRAINING_RECORDS.because(_records_note(on)))
        if on is not None:
            reasons.append(R.TRAINING_ON_SESSION_DATE.because(_judged_on(on, from_sessions)))
        reasons.extend(expired_training(user, dict.fromkeys((key_worker, spare)), on))
    for role, s, load, cap in (
        ("key worker", key_worker, key_load.get(key_worker.id, 0), key_worker.key_capacity),
        ("spare", spare, spare_load.get(spare.id, 0), spare.spare_capacity),
    ):
        record(
            R.CAPACITY,
            load < cap,
            f"{s.id} is {role} for {load} other Service User(s) of a capacity of {cap}",
            f"{s.id} is already {role} for {load} Service User(s), their capacity as {role} is {cap}",
            f"a {role} capacity of {load + 1} or more",
        )
    match = Match(user.id, key_worker.id, spare.id)
    return Decision(PairCheck(match, tuple(failures)), (R.KEY_AND_SPARE.because(f"proposed {_show(match)}"), *reasons))


def _judged_on(on: date, from_sessions: bool) -> str:
    if from_sessions:
        return f"training judged on {on.isoformat()}, the local date of the first session"
    return f"training judged on {on.isoformat()}, the date given for the first session"


def _show(m: Match) -> str:
    return f"key worker {m.key_worker}, spare {m.spare} for {m.service_user}"


@attrs.frozen
class PairSuggestion(Tabular):
    """The suggested key worker and spare for one Service User, with their fit."""

    match: Match
    key_worker: Candidate
    spare: Candidate

    @property
    def total(self) -> int:
        """The key worker's plus the spare's fit score."""
        return self.key_worker.score + self.spare.score

    def rows(self) -> list[dict[str, Any]]:
        """One plain dict per role."""
        return [
            {
                "service_user": self.match.service_user,
                "role": role,
                "staff": c.staff,
                "score": c.score,
                "shared_interests": ", ".join(sorted(c.shared_interests)),
            }
            for role, c in (("key worker", self.key_worker), ("spare", self.spare))
        ]


@public
def suggest_pair(
    user: ServiceUser,
    staff: Iterable[StaffMember],
    policy: Policy,
    *,
    existing: Iterable[Match] = (),
    on: date | None = None,
    sessions: Iterable[Session] = (),
) -> Decision[PairSuggestion | None]:
    """The valid key worker and spare for ``user`` with the highest total fit, or ``None``.

    Valid: different people, both eligible (pre-start training that counts
    on the first session's date: completed by then, not expired), each with
    free capacity in their role given ``existing`` matches. Ties go to the
    higher-scoring key worker, then to ranking order (score, shared
    interests, staff id) of the key worker and then the spare.

    The date is ``on`` (the local date of the first session) or, if not
    given, the local date of the earliest of ``user``'s ``sessions``. With
    neither, raises :class:`~carerules.InvalidInput`: staff must not be
    offered on training they complete after the sessions begin.
    """
    given_on = on
    sessions = tuple(sessions)
    if on is None:
        on = first_session_day(user, sessions, policy.tz)
        if on is None:
            raise InvalidInput(
                "on", None, "the local date of the first session (give on=, or sessions= to take it from)"
            )
    members = unique_staff(staff)
    existing = tuple(existing)
    params = policy.matching_on(on or date.max)
    check_training_names(user, members, params)
    key_load, spare_load = loads(existing, excluding=frozenset({user.id}))
    by_id = {s.id: s for s in members}
    ranked = sorted((c for c in score_all(user, members, params, on) if c.eligible), key=Candidate.sort_key)
    keys = [c for c in ranked if key_load.get(c.staff, 0) < by_id[c.staff].key_capacity][:3]
    spares = [c for c in ranked if spare_load.get(c.staff, 0) < by_id[c.staff].spare_capacity][:3]
    position = {c.staff: i for i, c in enumerate(ranked)}
    pairs = [(k, s) for k in keys for s in spares if k.staff != s.staff]
    if not pairs:
        why = (
            f"no valid pair for {user.id}: {len(ranked)} eligible staff, {len(keys)} with key-worker capacity, "
            f"{len(spares)} with spare capacity"
        )
        missing = ("two different eligible staff members with free capacity",)
        return Decision(None, (R.BEST_PAIR.because(why),), missing)
    k, s = min(
        pairs, key=lambda p: (-(p[0].score + p[1].score), -p[0].score, position[p[0].staff], position[p[1].staff])
    )
    suggestion = PairSuggestion(Match(user.id, k.staff, s.staff), k, s)
    reasons = [
        R.BEST_PAIR.because(
            f"key worker {k.staff} ({k.score}) and spare {s.staff} ({s.score}): total fit {suggestion.total}"
        ),
        *k.reasons,
        *s.reasons,
        *check_pair(
            user, by_id[k.staff], by_id[s.staff], policy, existing=existing, on=given_on, sessions=sessions
        ).reasons,
    ]
    return Decision(suggestion, reasons)
