"""People: Service Users and staff members, with what matching and cover need.

Health details (needs, required training, plan), contact details and
free-text notes are kept out of ``repr`` so they do not leak into logs.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

import attrs

from carerules._enums import Choice
from carerules._errors import InvalidInput
from carerules._support121._model import Weekday
from carerules._time import require_date
from carerules._validate import (
    count,
    instance,
    is_date,
    is_optional_date,
    labels,
    member,
    optional_text,
    plain_text,
    text,
    tuple_of,
)


class ContactRole(Choice):
    """Which contact this is for a Service User."""

    PRIMARY = "primary"
    SECONDARY = "secondary"
    OTHER = "other"


def _a_time(field: str) -> Any:
    def check(_: object, __: object, value: Any) -> None:
        if not isinstance(value, time) or value.tzinfo is not None:
            raise InvalidInput(field, value, "a local wall time (datetime.time without tzinfo)")

    return check


@attrs.frozen
class Contact:
    """A person to contact about a Service User (details never shown in ``repr``)."""

    role: ContactRole = attrs.field(validator=member(ContactRole, "contact.role"))
    name: str = attrs.field(validator=text("contact.name", sensitive=True), repr=False)
    phone: str | None = attrs.field(default=None, validator=optional_text("contact.phone", sensitive=True), repr=False)
    email: str | None = attrs.field(default=None, validator=optional_text("contact.email", sensitive=True), repr=False)


@attrs.frozen
class PlanPermissions:
    """What a Service User's plan permits and rules out (kinds of contact, activities...).

    Labels are compared exactly; one label cannot be both permitted
    and ruled out. :meth:`says` answers ``True``, ``False`` or ``None``
    (the plan is silent: ask).
    """

    permitted: frozenset[str] = attrs.field(
        default=frozenset(), validator=labels("plan.permitted", sensitive=True), repr=False
    )
    ruled_out: frozenset[str] = attrs.field(
        default=frozenset(), validator=labels("plan.ruled_out", sensitive=True), repr=False
    )

    def __attrs_post_init__(self) -> None:
        both = sorted(self.permitted & self.ruled_out)
        if both:
            raise InvalidInput("plan.ruled_out", both[0], "a label not also listed as permitted", sensitive=True)

    def says(self, label: str) -> bool | None:
        """``True`` if permitted, ``False`` if ruled out, ``None`` if the plan is silent."""
        key = label.strip()
        if key in self.permitted:
            return True
        if key in self.ruled_out:
            return False
        return None


@attrs.frozen
class ServiceUser:
    """A person the service supports, as matching and onboarding see them.

    ``required_training`` lists the specialist courses agreed (at the
    Registration Meeting) as needed before sessions start. Interests,
    traits, needs and courses are labels (frozensets of strings, compared
    exactly as written).
    """

    id: str = attrs.field(validator=text("service_user.id"))
    name: str = attrs.field(validator=text("service_user.name"))
    date_of_birth: date = attrs.field(validator=is_date("service_user.date_of_birth", sensitive=True), repr=False)
    interests: frozenset[str] = attrs.field(default=frozenset(), validator=labels("service_user.interests"))
    traits: frozenset[str] = attrs.field(default=frozenset(), validator=labels("service_user.traits"))
    needs: frozenset[str] = attrs.field(
        default=frozenset(), validator=labels("service_user.needs", sensitive=True), repr=False
    )
    required_training: frozenset[str] = attrs.field(
        default=frozenset(), validator=labels("service_user.required_training", sensitive=True), repr=False
    )
    plan: PlanPermissions = attrs.field(
        factory=PlanPermissions, validator=instance(PlanPermissions, "service_user.plan"), repr=False
    )
    contacts: tuple[Contact, ...] = attrs.field(
        default=(), validator=tuple_of(Contact, "service_user.contacts"), repr=False
    )
    notes: str = attrs.field(default="", validator=plain_text("service_user.notes", sensitive=True), repr=False)

    def age_on(self, day: date) -> int:
        """Age in whole years on ``day`` (a 29 February birthday counts from 1 March).

        Raises :class:`~carerules.InvalidInput` for a day before the birth.
        """
        day = require_date(day, "day")
        if day < self.date_of_birth:
            raise InvalidInput("day", day, f"a date on or after the date of birth of {self.id}")
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    def contact(self, role: ContactRole) -> Contact | None:
        """The first contact recorded with ``role``, if any."""
        return next((c for c in self.contacts if c.role is role), None)


@attrs.frozen
class TrainingRecord:
    """One entry in a staff member's training file.

    ``completed_on`` is ``None`` while the course is booked but not done;
    only a completed record counts as trained, and only from the day it was
    completed. ``expires_on``, when given, is the last day the record counts
    (a refresher is due after it); from the next day it has expired and no
    longer counts. A booked record cannot carry an expiry date, and a record
    cannot expire before it was completed.
    """

    course: str = attrs.field(validator=text("training.course"))
    completed_on: date | None = attrs.field(default=None, validator=is_optional_date("training.completed_on"))
    expires_on: date | None = attrs.field(default=None, validator=is_optional_date("training.expires_on"))

    def __attrs_post_init__(self) -> None:
        if self.expires_on is None:
            return
        if self.completed_on is None:
            raise InvalidInput(
                "training.expires_on", self.expires_on, "no expiry date on a booked record (no completed_on)"
            )
        if self.expires_on < self.completed_on:
            raise InvalidInput(
                "training.expires_on",
                self.expires_on,
                f"a date on or after training.completed_on ({self.completed_on})",
            )

    def counts_on(self, on: date | None) -> bool:
        """True when the record counts on ``on``: completed by then and not yet expired.

        ``on=None`` asks whether it was ever completed (any date, expiry ignored).
        """
        if self.completed_on is None:
            return False
        if on is None:
            return True
        return self.completed_on <= on and (self.expires_on is None or on <= self.expires_on)

    def completed_by(self, on: date | None) -> bool:
        """True when completed (on or before ``on``, if given), whether or not it has expired since."""
        return self.completed_on is not None and (on is None or self.completed_on <= on)


@attrs.frozen
class Availability:
    """A weekly window of local wall time when a staff member can work.

    ``end`` earlier than ``start`` means the window runs past midnight into
    the next day (a night shift); ``end == start`` is refused.
    """

    weekday: Weekday = attrs.field(validator=member(Weekday, "availability.weekday"))
    start: time = attrs.field(validator=_a_time("availability.start"))
    end: time = attrs.field(validator=_a_time("availability.end"))

    def __attrs_post_init__(self) -> None:
        if self.end == self.start:
            raise InvalidInput("availability.end", self.end, "a time different from the window's start")

    def occurrence(self, day: date) -> tuple[datetime, datetime]:
        """The window's naive local start and end when it opens on ``day``."""
        start = datetime.combine(day, self.start)
        end_day = day if self.end > self.start else day + timedelta(days=1)
        return start, datetime.combine(end_day, self.end)

    def covers(self, start: datetime, end: datetime, tz: tzinfo) -> bool:
        """True when the aware interval ``[start, end)`` lies inside one opening of this window."""
        local_start = start.astimezone(tz).replace(tzinfo=None)
        local_end = end.astimezone(tz).replace(tzinfo=None)
        for day in (local_start.date(), local_start.date() - timedelta(days=1)):
            if day.weekday() != self.weekday.number:
                continue
            open_at, close_at = self.occurrence(day)
            if open_at <= local_start and local_end <= close_at:
                return True
        return False


@attrs.frozen
class Absence:
    """Dates (inclusive, local) a staff member is away; the reason is never shown in ``repr``."""

    first: date = attrs.field(validator=is_date("absence.first"))
    last: date = attrs.field(validator=is_date("absence.last"))
    reason: str = attrs.field(default="", validator=plain_text("absence.reason", sensitive=True), repr=False)

    def __attrs_post_init__(self) -> None:
        if self.last < self.first:
            raise InvalidInput("absence.last", self.last, f"a date on or after absence.first ({self.first})")

    def touches(self, first: date, last: date) -> bool:
        """True when the absence overlaps the dates ``first`` to ``last``."""
        return self.first <= last and first <= self.last


@attrs.frozen
class StaffMember:
    """A member of staff, as matching and cover see them.

    ``key_capacity`` and ``spare_capacity`` are how many Service Users they
    can be key worker for, and spare for (0 to 10,000). ``availability`` holds weekly
    windows; no windows means none recorded (never assumed available).
    """

    id: str = attrs.field(validator=text("staff.id"))
    name: str = attrs.field(validator=text("staff.name"))
    interests: frozenset[str] = attrs.field(default=frozenset(), validator=labels("staff.interests"))
    traits: frozenset[str] = attrs.field(default=frozenset(), validator=labels("staff.traits"))
    training: tuple[TrainingRecord, ...] = attrs.field(
        default=(), validator=tuple_of(TrainingRecord, "staff.training"), repr=False
    )
    key_capacity: int = attrs.field(default=1, validator=count("staff.key_capacity"))
    spare_capacity: int = attrs.field(default=1, validator=count("staff.spare_capacity"))
    availability: tuple[Availability, ...] = attrs.field(
        default=(), validator=tuple_of(Availability, "staff.availability"), repr=False
    )
    absences: tuple[Absence, ...] = attrs.field(default=(), validator=tuple_of(Absence, "staff.absences"), repr=False)
    phone: str | None = attrs.field(default=None, validator=optional_text("staff.phone", sensitive=True), repr=False)
    _completed: frozenset[str] = attrs.field(init=False, repr=False, eq=False, hash=False)
    # Absences by first day, with their place in ``absences`` and the longest one's days (see ``absent``).
    _away: tuple[list[date], list[tuple[date, int]], timedelta] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_completed", frozenset(r.course for r in self.training if r.completed_on))
        order = sorted(range(len(self.absences)), key=lambda i: self.absences[i].first)
        longest = max((a.last - a.first for a in self.absences), default=timedelta(0))
        firsts = [self.absences[i].first for i in order]
        object.__setattr__(self, "_away", (firsts, [(self.absences[i].last, i) for i in order], longest))

    def courses_completed(self, on: date | None = None) -> frozenset[str]:
        """The courses with a record that counts on ``on``: completed by then and not expired.

        ``on=None``: every course ever completed (any date, expiry ignored).
        """
        if on is None:
            return self._completed
        return frozenset(r.course for r in self.training if r.counts_on(on))

    def absent(self, first: date, last: date) -> Absence | None:
        """The first recorded absence overlapping ``first`` to ``last``, if any.

        Only absences starting within the longest absence before ``first``
        (and by ``last``) can overlap, so only those are looked at.
        """
        firsts, rest, longest = self._away
        if not firsts:
            return None
        lo = bisect_left(firsts, first - longest) if first - date.min >= longest else 0
        hi = bisect_right(firsts, last)
        hits = [i for end, i in rest[lo:hi] if first <= end]
        return self.absences[min(hits)] if hits else None

    def available(self, start: datetime, end: datetime, tz: tzinfo) -> bool:
        """True when a weekly window covers ``[start, end)`` (absences not considered)."""
        return any(w.covers(start, end, tz) for w in self.availability)


@attrs.frozen
class Match:
    """A proposed or agreed match: one Service User, a key worker and a spare (by id).

    A proposal may be invalid (the same person twice, say); check it with
    :func:`~carerules.check_pair`.
    """

    service_user: str = attrs.field(validator=text("match.service_user"))
    key_worker: str = attrs.field(validator=text("match.key_worker"))
    spare: str = attrs.field(validator=text("match.spare"))


def unique_staff(staff: Iterable[StaffMember]) -> tuple[StaffMember, ...]:
    """``staff`` as a tuple sorted by id; :class:`~carerules.InvalidInput` on a duplicate id or a non-staff item."""
    items = tuple(staff)
    seen: set[str] = set()
    for s in items:
        if not isinstance(s, StaffMember):
            raise InvalidInput("staff", s, "StaffMember objects")
        if s.id in seen:
            raise InvalidInput("staff", s.id, "staff ids that appear once each")
        seen.add(s.id)
    return tuple(sorted(items, key=lambda s: s.id))


def unique_users(users: Iterable[ServiceUser]) -> tuple[ServiceUser, ...]:
    """``users`` as a tuple sorted by id; :class:`~carerules.InvalidInput` on a duplicate id."""
    items = tuple(users)
    seen: set[str] = set()
    for u in items:
        if not isinstance(u, ServiceUser):
            raise InvalidInput("service_users", u, "ServiceUser objects")
        if u.id in seen:
            raise InvalidInput("service_users", u.id, "Service User ids that appear once each")
        seen.add(u.id)
    return tuple(sorted(items, key=lambda u: u.id))


def loads(
    existing: Iterable[Match], *, excluding: frozenset[str] = frozenset()
) -> tuple[dict[str, int], dict[str, int]]:
    """How many Service Users each staff id is key worker and spare for in ``existing``.

    Matches of the Service Users in ``excluding`` are skipped (they are
    being matched again).
    """
    key: dict[str, int] = {}
    spare: dict[str, int] = {}
    for m in existing:
        if not isinstance(m, Match):
            raise InvalidInput("existing", m, "Match objects")
        if m.service_user in excluding:
            continue
        key[m.key_worker] = key.get(m.key_worker, 0) + 1
        spare[m.spare] = spare.get(m.spare, 0) + 1
    return key, spare
