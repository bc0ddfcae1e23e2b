"""What happened in sessions against the rules and the medication record.

Every prompt, inhaler use and administration that happened is judged as of
its own local date by :func:`~carerules.decide_medication` (the same rules
staff follow before giving it), and checked against the record. Inhaler use
needs a record only inside the times the service was responsible for the
person: its sessions, or other windows the caller gives.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

import attrs

from carerules._care import _rules as R
from carerules._care._medication import (
    MedicationFile,
    MedicationForm,
    MedicationOutcome,
    MedicationRequest,
    MedicationRoute,
    MedicationSupport,
    check_inhaler,
    decide_medication,
    name_key,
    optional_route,
)
from carerules._charging._model import Session
from carerules._display import Tabular
from carerules._errors import InvalidInput
from carerules._guard import public
from carerules._policy import Policy
from carerules._rules import Decision, Reason, Rule
from carerules._time import elapsed, instant_key, to_utc
from carerules._validate import is_aware, member, text


@attrs.frozen
class MedicationEvent:
    """Something that happened in a session: a prompt, an inhaler use, an administration."""

    id: str = attrs.field(validator=text("medication_event.id"))
    at: datetime = attrs.field(validator=is_aware("medication_event.at"), eq=instant_key)
    support: MedicationSupport = attrs.field(validator=member(MedicationSupport, "medication_event.support"))
    medication: str = attrs.field(validator=text("medication_event.medication", sensitive=True), repr=False)
    form: MedicationForm = attrs.field(validator=member(MedicationForm, "medication_event.form"))
    route: MedicationRoute | None = attrs.field(
        default=None, kw_only=True, validator=optional_route("medication_event.route")
    )

    def __attrs_post_init__(self) -> None:
        check_inhaler("medication_event", self.support, self.form, self.route)

    def as_request(self) -> MedicationRequest:
        """The question staff would have asked before giving this support."""
        return MedicationRequest(self.medication, self.form, self.support, route=self.route)


@attrs.frozen
class MedicationRecord:
    """An entry on the medication record or sheet: what was given or prompted, and when."""

    at: datetime = attrs.field(validator=is_aware("medication_record.at"), eq=instant_key)
    support: MedicationSupport = attrs.field(validator=member(MedicationSupport, "medication_record.support"))
    medication: str = attrs.field(validator=text("medication_record.medication", sensitive=True), repr=False)


@attrs.frozen
class ResponsibilityWindow:
    """A time the service is responsible for a person, from ``start`` up to (not including) ``end``.

    A session is one; an outing or escort outside the booked sessions may
    be another. Both ends are aware instants; ``end`` must come after ``start``.
    """

    start: datetime = attrs.field(validator=is_aware("responsibility_window.start"), eq=instant_key)
    end: datetime = attrs.field(validator=is_aware("responsibility_window.end"), eq=instant_key)

    def __attrs_post_init__(self) -> None:
        if elapsed(self.start, self.end) <= timedelta(0):
            raise InvalidInput(
                "responsibility_window.end", self.end, f"an instant after the window's start ({self.start.isoformat()})"
            )

    @classmethod
    def of(cls, session: Session) -> ResponsibilityWindow:
        """The window a booked session covers."""
        return cls(session.start, session.end)

    def covers(self, at: datetime) -> bool:
        """True when instant ``at`` falls inside the window (its start included, its end not)."""
        return to_utc(self.start) <= to_utc(at) < to_utc(self.end)  # instants: never wall clocks sharing a zone


_RECORD_RULE: dict[MedicationSupport, Rule] = {
    MedicationSupport.PROMPT: R.RECORD_PROMPT,
    MedicationSupport.INHALER_USE: R.RECORD_INHALER,
    MedicationSupport.ADMINISTRATION: R.RECORD_ADMINISTRATION,
}
#: The rules whose reasons in a record check say an event is missing from the record (or all are there).
RECORD_RULE_IDS = frozenset(r.id for r in _RECORD_RULE.values())


def _key(support: MedicationSupport, medication: str, at: datetime) -> tuple[MedicationSupport, str, datetime]:
    return support, name_key(medication), to_utc(at)


def support_day(at: datetime, policy: Policy | None, field: str = "medication_event.at") -> date:
    """The local date of instant ``at``: in the policy's zone, or (with no policy) in ``at``'s own."""
    try:
        return (at if policy is None else at.astimezone(policy.tz)).date()
    except OverflowError:
        raise InvalidInput(field, at, "an instant that has a local date in the policy's zone") from None


@attrs.frozen
class MedicationRecordCheck(Tabular):
    """What happened, judged against the rules and the record.

    ``unrecorded`` needed a record and have none; ``not_allowed`` happened
    although the rules refuse them as of their own date (recorded or not);
    ``outside_responsibility`` are inhaler uses outside every window given,
    which need no record; ``unmatched`` are all the events no record
    matched (``unrecorded`` and any of those inhaler uses); ``judged`` holds
    one decision per event, in order.
    """

    events: tuple[MedicationEvent, ...] = attrs.field(repr=False)
    unrecorded: tuple[MedicationEvent, ...] = attrs.field(repr=False)
    extra_records: tuple[MedicationRecord, ...] = attrs.field(default=(), repr=False)
    not_allowed: tuple[MedicationEvent, ...] = attrs.field(default=(), kw_only=True, repr=False)
    outside_responsibility: tuple[MedicationEvent, ...] = attrs.field(default=(), kw_only=True, repr=False)
    judged: tuple[Decision[MedicationOutcome], ...] = attrs.field(default=(), kw_only=True, repr=False)
    unmatched: tuple[MedicationEvent, ...] = attrs.field(
        default=attrs.Factory(lambda self: self.unrecorded, takes_self=True), kw_only=True, repr=False
    )

    @property
    def complete(self) -> bool:
        """True when everything that needed recording was recorded (whether or not it was allowed)."""
        return not self.unrecorded

    @property
    def allowed(self) -> bool:
        """True when every event was allowed by the rules as of its own date."""
        return not self.not_allowed

    @property
    def clean(self) -> bool:
        """True when nothing is wrong: every event allowed, everything that needed a record recorded."""
        return self.complete and self.allowed

    @property
    def needing_record(self) -> tuple[MedicationEvent, ...]:
        """The events that needed a record (all but inhaler uses outside the service's responsibility)."""
        outside = {e.id for e in self.outside_responsibility}
        return tuple(e for e in self.events if e.id not in outside)

    def rows(self) -> list[dict[str, Any]]:
        """One plain dict per event: whether it needed a record, was recorded, was allowed.

        Rows name the event by id, never the medication (a health detail): look it up by id.
        """
        missing = {e.id for e in self.unmatched}
        refused = {e.id for e in self.not_allowed}
        outside = {e.id for e in self.outside_responsibility}
        return [
            {
                "event": e.id,
                "at": e.at,
                "support": e.support.value,
                "form": e.form.value,
                "needs_record": e.id not in outside,
                "recorded": e.id not in missing,
                "allowed": e.id not in refused,
            }
            for e in self.events
        ]


def _label(e: MedicationEvent) -> str:
    return f"{e.support.value} ({e.form.value}) at {e.at.isoformat()} ({e.id})"


def _unmatched(events: tuple[MedicationEvent, ...], records: tuple[MedicationRecord, ...]) -> list[int]:
    """Indexes of ``events`` no record matches; each record matches one event at most."""
    available = Counter(_key(r.support, r.medication, r.at) for r in records)
    out: list[int] = []
    for i, e in enumerate(events):
        key = _key(e.support, e.medication, e.at)
        if available[key] > 0:
            available[key] -= 1
        else:
            out.append(i)
    return out


def _extra(events: tuple[MedicationEvent, ...], records: tuple[MedicationRecord, ...]) -> tuple[MedicationRecord, ...]:
    left = Counter(_key(r.support, r.medication, r.at) for r in records)
    left.subtract(_key(e.support, e.medication, e.at) for e in events)
    extra: list[MedicationRecord] = []
    for r in records:
        key = _key(r.support, r.medication, r.at)
        if left[key] > 0:
            left[key] -= 1
            extra.append(r)
    return tuple(extra)


def _audit_reasons(e: MedicationEvent, judged: Decision[MedicationOutcome], on: date) -> list[Reason]:
    return [
        Reason(r.rule_id, r.source, f"{_label(e)} happened but was not allowed on {on}: {r.detail}", r.would_change)
        for r in judged.reasons
    ]


def _windows(responsible: Iterable[ResponsibilityWindow | Session]) -> tuple[ResponsibilityWindow, ...]:
    return tuple(w if isinstance(w, ResponsibilityWindow) else ResponsibilityWindow.of(w) for w in responsible)


@public
def check_medication_records(
    events: Iterable[MedicationEvent],
    records: Iterable[MedicationRecord],
    *,
    file: MedicationFile,
    responsible: Iterable[ResponsibilityWindow | Session],
    policy: Policy | None = None,
) -> Decision[MedicationRecordCheck]:
    """Judge what happened by the rules and list what is missing from the record.

    Each event is judged by :func:`~carerules.decide_medication` against
    ``file`` as of its local date (in the policy's zone; with no policy, in
    the event's own offset); one the rules refuse is listed in
    ``not_allowed`` with the rules that refused it, even when it was
    recorded. A record matches an event with the same support, medication
    (ignoring case and spacing) and instant; each record matches one event
    at most. Prompts and administrations always need a record; an inhaler
    use only inside one of the ``responsible`` windows (the service's
    sessions, or :class:`ResponsibilityWindow` values). Both ``file`` and
    ``responsible`` are required: pass an empty file or no windows to say so.
    """
    items = tuple(events)
    ids = [e.id for e in items]
    if len(set(ids)) != len(ids):
        raise InvalidInput("events", sorted({i for i in ids if ids.count(i) > 1}), "events with distinct ids")
    recs = tuple(records)
    windows = _windows(responsible)
    days = [support_day(e.at, policy) for e in items]
    judged = tuple(
        decide_medication(e.as_request(), file, day, policy=policy) for e, day in zip(items, days, strict=True)
    )
    outside = tuple(
        e for e in items if e.support is MedicationSupport.INHALER_USE and not any(w.covers(e.at) for w in windows)
    )
    outside_ids = {e.id for e in outside}
    unmatched = tuple(items[i] for i in _unmatched(items, recs))
    unrecorded = tuple(e for e in unmatched if e.id not in outside_ids)
    refused = [(e, d, day) for e, d, day in zip(items, judged, days, strict=True) if not d.answer.allowed]
    reasons = [r for e, d, day in refused for r in _audit_reasons(e, d, day)]
    reasons.extend(
        _RECORD_RULE[e.support].because(
            f"{e.support.value} at {e.at.isoformat()} ({e.id}) is not on the medication record"
        )
        for e in unrecorded
    )
    if not reasons:
        kinds = Counter(e.support for e in items if e.id not in outside_ids)
        reasons = [
            _RECORD_RULE[s].because(f"all {n} {s.value} event(s) are on the medication record and were allowed")
            for s, n in sorted(kinds.items())
        ]
    reasons.extend(
        R.INHALER_OUTSIDE_RESPONSIBILITY.because(
            f"inhaler-use at {e.at.isoformat()} ({e.id}) is outside every time the service was responsible "
            f"for the person ({len(windows)} session(s) or window(s) given): no record needed"
        )
        for e in outside
    )
    if not reasons:
        reasons = [R.RECORD_PROMPT.because("no prompt, inhaler use or administration happened: nothing to record")]
    check = MedicationRecordCheck(
        items,
        unrecorded,
        _extra(items, recs),
        not_allowed=tuple(e for e, _, _ in refused),
        outside_responsibility=outside,
        judged=judged,
        unmatched=unmatched,
    )
    return Decision(check, tuple(reasons))
