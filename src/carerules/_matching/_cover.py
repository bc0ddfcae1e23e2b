"""Cover options when the preferred staff member cannot work a session."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any, Protocol

import attrs

from carerules._charging._model import Session
from carerules._display import Tabular
from carerules._errors import InvalidInput
from carerules._guard import public
from carerules._matching import _rules as R
from carerules._matching._model import Match, ServiceUser, StaffMember, unique_staff
from carerules._matching._score import Candidate, _records_note, check_training_names, expired_training, score_all
from carerules._policy import Policy
from carerules._rules import Decision, Reason
from carerules._time import elapsed, format_local, instant_key, to_utc


@attrs.frozen
class CoverStaff:
    """Another staff member who could work the original time."""

    staff: str
    spare: bool
    candidate: Candidate


@attrs.frozen
class CoverTime:
    """Another time (aware instants) when the preferred staff member could work."""

    start: datetime = attrs.field(eq=instant_key)
    end: datetime = attrs.field(eq=instant_key)


@attrs.frozen
class CoverOptions(Tabular):
    """What the family can choose between when the preferred staff member cannot cover.

    ``needed`` is False when the preferred staff member can work the
    original time (then both option lists are empty). ``other_staff`` is in
    the order offered: the spare first, then the rest best fit first.
    """

    session_id: str
    preferred: str
    needed: bool
    why: str
    other_staff: tuple[CoverStaff, ...]
    other_times: tuple[CoverTime, ...]

    def rows(self, tz: tzinfo = UTC) -> list[dict[str, Any]]:
        """One plain dict per option (local times in ``tz``)."""
        out: list[dict[str, Any]] = [
            {
                "session": self.session_id,
                "option": "other staff",
                "staff": c.staff,
                "spare": c.spare,
                "score": c.candidate.score,
                "start": None,
                "end": None,
            }
            for c in self.other_staff
        ]
        out.extend(
            {
                "session": self.session_id,
                "option": "other time",
                "staff": self.preferred,
                "spare": False,
                "score": None,
                "start": t.start.astimezone(tz),
                "end": t.end.astimezone(tz),
            }
            for t in self.other_times
        )
        return out


def _overlaps(start: datetime, end: datetime, booked: Iterable[Session], staff_id: str, skip: str) -> bool:
    """Whether ``staff_id`` has another booking sharing real time with ``start``-``end``.

    Compared in UTC: Python compares two datetimes of the same zone by wall
    clock, so in the repeated hour of a clock change two bookings an hour
    apart would otherwise look like one.
    """
    start, end = to_utc(start), to_utc(end)
    return any(b.staff == staff_id and b.id != skip and to_utc(b.start) < end and start < to_utc(b.end) for b in booked)


class _Booked(Protocol):
    """The booked sessions, asked whether a staff member is busy at some time."""

    def overlaps(self, start: datetime, end: datetime, staff_id: str, skip: str) -> bool: ...


class _Scan:
    """The booked sessions as a plain tuple, scanned in full on every question (the reference path)."""

    __slots__ = ("_booked",)

    def __init__(self, booked: Iterable[Session]) -> None:
        self._booked = tuple(booked)

    def overlaps(self, start: datetime, end: datetime, staff_id: str, skip: str) -> bool:
        return _overlaps(start, end, self._booked, staff_id, skip)


class _Bookings:
    """The booked sessions indexed once per staff member, by UTC start.

    A question looks only at that staff member's bookings starting within
    their longest booking before ``end``: any booking ending after ``start``
    starts after ``start`` minus that length. Same answers as :class:`_Scan`.
    """

    __slots__ = ("_by_staff",)

    def __init__(self, booked: Iterable[Session]) -> None:
        rows: dict[str, list[tuple[datetime, datetime, str]]] = {}
        for b in booked:
            if b.staff is not None:
                rows.setdefault(b.staff, []).append((to_utc(b.start), to_utc(b.end), b.id))
        self._by_staff: dict[str, tuple[list[datetime], list[tuple[datetime, datetime, str]], timedelta]] = {}
        for staff_id, mine in rows.items():
            mine.sort(key=lambda r: r[0])
            longest = max(e - s for s, e, _ in mine)
            self._by_staff[staff_id] = ([s for s, _, _ in mine], mine, longest)

    def overlaps(self, start: datetime, end: datetime, staff_id: str, skip: str) -> bool:
        entry = self._by_staff.get(staff_id)
        if entry is None:
            return False
        starts, mine, longest = entry
        start, end = to_utc(start), to_utc(end)
        first = bisect_right(starts, start - longest)
        stop = bisect_left(starts, end)
        return any(mine[i][2] != skip and start < mine[i][1] for i in range(first, stop))


def _can_work(s: StaffMember, session: Session, tz: tzinfo, booked: _Booked) -> tuple[bool, str]:
    first = session.start.astimezone(tz).date()
    last = (session.end - timedelta(microseconds=1)).astimezone(tz).date()
    away = s.absent(first, last)
    if away is not None:
        return False, f"{s.id} has a recorded absence from {away.first} to {away.last}"
    if booked.overlaps(session.start, session.end, s.id, session.id):
        return False, f"{s.id} is booked for another session at that time"
    if not s.availability:
        return False, f"{s.id} has no recorded availability"
    if not s.available(session.start, session.end, tz):
        return False, f"{s.id} is not available {format_local(session.start, tz)} to {format_local(session.end, tz)}"
    return True, f"{s.id} can work the original time"


def _other_times(preferred: StaffMember, session: Session, tz: tzinfo, days: int, booked: _Booked) -> list[CoverTime]:
    """Slots of the session's length in the preferred staff member's windows, from the session's date on."""
    length = elapsed(session.start, session.end)
    local_start = session.start.astimezone(tz)
    found: dict[datetime, CoverTime] = {}
    for offset in range(days):
        day = local_start.date() + timedelta(days=offset)
        for window in preferred.availability:
            if window.weekday.number != day.weekday():
                continue
            open_at, _ = window.occurrence(day)
            same_time = datetime.combine(day, local_start.time())
            for wall in (same_time, open_at):
                start = wall.replace(tzinfo=tz).astimezone(UTC).astimezone(tz)
                end = (start.astimezone(UTC) + length).astimezone(tz)
                if start.astimezone(UTC) == session.start.astimezone(UTC) or not window.covers(start, end, tz):
                    continue
                last = (end - timedelta(microseconds=1)).date()
                if preferred.absent(start.date(), last) or booked.overlaps(start, end, preferred.id, session.id):
                    continue
                found.setdefault(start.astimezone(UTC), CoverTime(start, end))
    return [found[k] for k in sorted(found)]


@public
def cover_options(
    session: Session,
    user: ServiceUser,
    staff: Iterable[StaffMember],
    policy: Policy,
    *,
    match: Match | None = None,
    booked: Iterable[Session] = (),
    on: date | None = None,
) -> Decision[CoverOptions]:
    """The options when the preferred staff member cannot work ``session``.

    The preferred staff member is ``session.staff``, else ``match``'s key
    worker. They cannot cover on a recorded absence, an overlapping
    ``booked`` session, or when no weekly window covers the time. Then the
    options are: other eligible staff free at the original time (``match``'s
    spare first, then by fit), and other slots of the same length with the
    preferred staff member within ``policy.matching.cover_search_days``
    days from the session's date. The family chooses.

    Training is judged on ``on``, by default the session's local date (in
    the policy's zone): a record counts only if completed by then and not
    expired, so staff who complete a course after the session are never
    offered as cover for it.
    """
    if session.service_user != user.id:
        raise InvalidInput("session.service_user", session.service_user, f"the Service User's id {user.id!r}")
    members = unique_staff(staff)
    return _cover(session, user, members, {s.id: s for s in members}, policy, match, _Bookings(booked), on)


def _cover(
    session: Session,
    user: ServiceUser,
    members: tuple[StaffMember, ...],
    by_id: dict[str, StaffMember],
    policy: Policy,
    match: Match | None,
    booked: _Booked,
    on: date | None,
) -> Decision[CoverOptions]:
    """:func:`cover_options` for a session of ``user``'s, staff already checked unique, bookings already indexed."""
    preferred_id = session.staff or (match.key_worker if match else None)
    if preferred_id is None or preferred_id not in by_id:
        raise InvalidInput("session.staff", preferred_id, "the id of a staff member in the staff list")
    day = session.start.astimezone(policy.tz).date()
    params = policy.matching_on(day)
    check_training_names(user, members, params)
    judged = day if on is None else on
    tz = policy.tz
    preferred = by_id[preferred_id]
    ok, why = _can_work(preferred, session, tz, booked)
    if ok:
        options = CoverOptions(session.id, preferred_id, False, why, (), ())
        return Decision(options, (R.COVER_NEEDED.because(f"no cover needed: {why}"),))
    reasons: list[Reason] = [R.COVER_NEEDED.because(f"cover needed for {session.id}: {why}")]
    spare_id = match.spare if match and match.spare != preferred_id else None
    others: list[CoverStaff] = []
    not_free = 0
    for c in sorted(score_all(user, members, params, judged), key=Candidate.sort_key):
        if c.staff == preferred_id or not c.eligible:
            continue
        free, _ = _can_work(by_id[c.staff], session, tz, booked)
        if not free:
            not_free += 1
            continue
        others.append(CoverStaff(c.staff, c.staff == spare_id, c))
    others.sort(key=lambda o: not o.spare)
    if spare_id is not None:
        spare_free = bool(others) and others[0].spare
        reasons.append(
            R.COVER_SPARE_FIRST.because(
                f"spare {spare_id} is free at the original time and offered first"
                if spare_free
                else f"spare {spare_id} cannot work the original time"
            )
        )
    reasons.append(
        R.COVER_OTHER_STAFF.because(
            f"{len(others)} eligible staff free at the original time; {not_free} eligible but not free; "
            "ineligible staff never offered"
        )
    )
    if user.required_training:
        reasons.append(R.TRAINING_RECORDS.because(_records_note(judged)))
        reasons.append(
            R.TRAINING_ON_SESSION_DATE.because(
                f"training judged on {judged.isoformat()}, "
                + ("the session's local date" if on is None else "the date given")
            )
        )
        reasons.extend(expired_training(user, (m for m in members if m.id != preferred_id), judged))
    times = _other_times(preferred, session, tz, params.cover_search_days, booked)
    reasons.append(
        R.COVER_OTHER_TIME.because(
            f"{len(times)} other slot(s) with {preferred_id} in the {params.cover_search_days} day(s) from "
            f"{session.start.astimezone(tz).date()}"
        )
    )
    reasons.append(R.FAMILY_CHOOSES.because("the family chooses between these options"))
    missing: tuple[str, ...] = ()
    if not others and not times:
        missing = ("a staff member free at the original time, or a free slot with the preferred staff member",)
    options = CoverOptions(session.id, preferred_id, True, why, tuple(others), tuple(times))
    return Decision(options, reasons, missing)
