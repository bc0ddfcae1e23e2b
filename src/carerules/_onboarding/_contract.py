"""Contracts: a weekly pattern of sessions, expanded into dated, timezone-correct sessions."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import attrs

from carerules._charging import InvoiceForecast, Session, build_forecast
from carerules._display import Tabular
from carerules._errors import InvalidInput
from carerules._guard import public
from carerules._onboarding import _rules as R
from carerules._policy import Policy, ShiftKind
from carerules._rules import PolicyStamp, Reason
from carerules._support121._model import Weekday
from carerules._time import Period, format_duration, format_local
from carerules._validate import is_date, is_optional_date, items_of, member, plain_text, text

_WEEK = timedelta(days=7)


def _wall_time(_: object, __: object, value: Any) -> None:
    if not isinstance(value, time) or value.tzinfo is not None:
        raise InvalidInput("weekly_slot.start", value, "a local wall-clock time without a zone, e.g. time(15, 30)")


def _slot_length(_: object, __: object, value: Any) -> None:
    if not isinstance(value, timedelta) or not timedelta(0) < value < _WEEK:
        raise InvalidInput("weekly_slot.length", value, "a positive timedelta shorter than a week")


@attrs.frozen
class WeeklySlot:
    """One session of a weekly pattern: weekday, local wall-clock start, wall-clock length, shift kind.

    The end is the local wall-clock time ``length`` after the start, so on a
    night when the clocks change the elapsed length is an hour shorter or longer.
    """

    weekday: Weekday = attrs.field(validator=member(Weekday, "weekly_slot.weekday"))
    start: time = attrs.field(validator=_wall_time)
    length: timedelta = attrs.field(validator=_slot_length)
    kind: ShiftKind = attrs.field(default=ShiftKind.DAY, validator=member(ShiftKind, "weekly_slot.kind"))
    label: str = attrs.field(default="", validator=plain_text("weekly_slot.label"))

    @property
    def week_offset(self) -> timedelta:
        """Wall-clock offset of the start from Monday 00:00."""
        return timedelta(days=self.weekday.number, hours=self.start.hour, minutes=self.start.minute) + timedelta(
            seconds=self.start.second, microseconds=self.start.microsecond
        )

    def describe(self) -> str:
        """For people: "thursday 15:30, 5 h (day)"."""
        return f"{self.weekday.value} {self.start:%H:%M}, {format_duration(self.length)} ({self.kind.value})"


def _check_overlaps(slots: tuple[WeeklySlot, ...]) -> None:
    spans = sorted((s.week_offset, s.week_offset + s.length, i) for i, s in enumerate(slots))
    # Wrap around the week: a Sunday night runs into Monday morning.
    spans_wrapped = [*spans, *((a + _WEEK, b + _WEEK, i) for a, b, i in spans)]
    for (_, end, i), (start, _, j) in itertools.pairwise(spans_wrapped):
        if start < end and i != j:
            first, second = sorted((i, j))
            raise InvalidInput(
                f"contract.slots[{second}]",
                slots[second].describe(),
                f"a session that does not overlap slots[{first}] ({slots[first].describe()})",
            )


@attrs.frozen
class Contract:
    """One Service User, a key worker and a spare (two different people), and a weekly pattern.

    Sessions run from ``starts_on`` to ``ends_on`` (inclusive, local dates;
    ``None``: open-ended). Raises :class:`~carerules.InvalidInput` when the
    key worker is the spare, the pattern is empty, or two slots overlap.
    """

    id: str = attrs.field(validator=text("contract.id"))
    service_user: str = attrs.field(validator=text("contract.service_user"))
    key_worker: str = attrs.field(validator=text("contract.key_worker"))
    spare: str = attrs.field(validator=text("contract.spare"))
    slots: tuple[WeeklySlot, ...] = attrs.field(validator=items_of(WeeklySlot, "contract.slots"))
    starts_on: date = attrs.field(validator=is_date("contract.starts_on"))
    ends_on: date | None = attrs.field(default=None, validator=is_optional_date("contract.ends_on"))

    def __attrs_post_init__(self) -> None:
        if self.key_worker == self.spare:
            raise InvalidInput("contract.spare", self.spare, "a different staff member from the key worker")
        if not self.slots:
            raise InvalidInput("contract.slots", self.slots, "at least one weekly session")
        if self.ends_on is not None and self.ends_on < self.starts_on:
            raise InvalidInput("contract.ends_on", self.ends_on, f"a date on or after starts_on ({self.starts_on})")
        _check_overlaps(self.slots)


def _at_wall_time(local: datetime, policy: Policy) -> tuple[datetime, bool]:
    """The instant for naive local wall time ``local`` in the policy's zone, and whether it was moved.

    A time skipped by a spring clock change is read with the offset before
    the change, which lands it the gap's length later; a repeated autumn time
    means its first occurrence (``fold=0``).
    """
    tz = policy.tz
    instant = local.replace(tzinfo=tz, fold=0).astimezone(UTC)
    moved = instant.astimezone(tz).replace(tzinfo=None) != local
    return instant.astimezone(tz), moved


@attrs.frozen
class ScheduledSession:
    """One dated session of a contract: the priceable :class:`~carerules.Session` and what to show with it.

    ``holiday`` names the bank holiday it falls on (``None`` on ordinary
    days); ``moved`` is True when a clock change skipped its wall-clock start
    or end and it was moved forward by the gap.
    """

    session: Session
    slot: int
    label: str
    holiday: str | None
    moved: bool

    def explain(self, policy: Policy) -> tuple[Reason, ...]:
        """Why the session is where it is."""
        tz = policy.tz
        out = [
            R.CONTRACT_PATTERN.because(
                f"{self.session.start.astimezone(tz):%A %Y-%m-%d}: {format_local(self.session.start, tz)} to "
                f"{format_local(self.session.end, tz)} ({format_duration(self.session.duration)} elapsed)"
            )
        ]
        if self.holiday is not None:
            out.append(R.CONTRACT_BANK_HOLIDAY.because(f"falls on {self.holiday}; kept and priced at that day's rate"))
        if self.moved:
            out.append(R.CONTRACT_WALL_CLOCK.because("a clock change skipped the pattern's wall-clock time"))
        return tuple(out)


@attrs.frozen
class ContractSchedule(Tabular):
    """A contract's sessions over a period, in time order."""

    contract: Contract = attrs.field(repr=False)
    period: Period
    items: tuple[ScheduledSession, ...]
    #: The policy that produced it (id and version).
    policy: PolicyStamp | None = attrs.field(default=None, kw_only=True)

    @property
    def sessions(self) -> tuple[Session, ...]:
        """The sessions, ready for :func:`~carerules.build_invoice` or :func:`~carerules.price_batch`."""
        return tuple(i.session for i in self.items)

    @property
    def bank_holidays(self) -> tuple[ScheduledSession, ...]:
        """The sessions that fall on bank holidays."""
        return tuple(i for i in self.items if i.holiday is not None)

    def __len__(self) -> int:
        return len(self.items)

    def rows(self, policy: Policy | None = None) -> list[dict[str, Any]]:
        """One plain dict per session; ``date`` is local to ``policy``'s zone (default: the sessions' own zone)."""
        return [
            {
                "contract": self.contract.id,
                "session": i.session.id,
                "service_user": i.session.service_user,
                "staff": i.session.staff,
                "date": (i.session.start if policy is None else i.session.start.astimezone(policy.tz)).date(),
                "start": i.session.start,
                "end": i.session.end,
                "hours": i.session.duration / timedelta(hours=1),
                "kind": i.session.kind.value,
                "label": i.label,
                "bank_holiday": i.holiday,
                "moved_by_clock_change": i.moved,
            }
            for i in self.items
        ]


@public
def expand_contract(contract: Contract, period: Period, policy: Policy) -> ContractSchedule:
    """The contract's sessions starting on local dates in ``period`` (and within the contract's dates).

    Wall-clock times stay fixed across clock changes; elapsed lengths follow
    the clock. Bank-holiday sessions are kept and marked. Session ids are
    ``<contract id>-<local date>-<slot index>``; the key worker is the staff.
    """
    first = max(period.first, contract.starts_on)
    last = period.last if contract.ends_on is None else min(period.last, contract.ends_on)
    items: list[ScheduledSession] = []
    if first <= last:
        _check_covered(policy, first, (contract, "starts_on") if first == contract.starts_on else (period, "first"))
        _check_covered(policy, last, (period, "last") if last == period.last else (contract, "ends_on"))
        for day in Period(first, last).days():
            for index, slot in enumerate(contract.slots):
                if slot.weekday.number != day.weekday():
                    continue
                wall = datetime.combine(day, slot.start)
                start, moved_start = _at_wall_time(wall, policy)
                end, moved_end = _at_wall_time(wall + slot.length, policy)
                session = Session(
                    f"{contract.id}-{day.isoformat()}-{index}",
                    contract.service_user,
                    start,
                    end,
                    slot.kind,
                    contract.key_worker,
                )
                holiday = policy.calendar.holiday_name(day)
                items.append(ScheduledSession(session, index, slot.label, holiday, moved_start or moved_end))
    items.sort(key=lambda i: (i.session.start.astimezone(UTC), i.slot))
    return ContractSchedule(contract, period, tuple(items))


def _check_covered(policy: Policy, day: date, at: tuple[Contract | Period, str]) -> None:
    """Refuse a schedule's first or last day outside the policy calendar's years, naming the bound that set it."""
    try:
        policy.calendar.holiday_name(day)
    except InvalidInput as err:
        field = f"{'contract' if isinstance(at[0], Contract) else 'period'}.{at[1]}"
        raise InvalidInput(field, day, err.expected, at=at) from None


@public
def forecast_invoice(contract: Contract, period: Period, policy: Policy) -> InvoiceForecast:
    """What the contract's sessions in ``period`` would cost if all took place as booked.

    Never fails for a missing rate: a session that needs a rate the policy
    lacks (the built-in Buddies policy has no bank-holiday or sleeping-night
    rates) is listed as needing it, and the forecast is marked incomplete
    (see :func:`~carerules.build_forecast`). ``.invoice`` is the invoice
    when every session could be priced.
    """
    schedule = expand_contract(contract, period, policy)
    return build_forecast(contract.service_user, period, policy, sessions=schedule.sessions)


def contracts_by_service_user(contracts: Iterable[Contract]) -> dict[str, Contract]:
    """Index contracts by Service User; :class:`~carerules.InvalidInput` for two contracts for one person."""
    out: dict[str, Contract] = {}
    for c in contracts:
        if c.service_user in out:
            raise InvalidInput(
                "contracts", c.id, f"one contract per Service User ({c.service_user} has two)", at=(c, "service_user")
            )
        out[c.service_user] = c
    return out
