"""Sessions, cancellations, expenses and the values pricing returns."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import attrs

from carerules._enums import Choice
from carerules._errors import InvalidInput
from carerules._money import format_money
from carerules._policy import Rate, RateBasis, ShiftKind
from carerules._time import EARLIEST, LATEST, elapsed, format_duration, hours, instant_key, to_utc
from carerules._validate import (
    is_aware,
    is_date,
    is_money,
    is_optional_aware,
    member,
    optional_text,
    plain_text,
    text,
)

#: Zones whose offset is never unknown: a datetime in one is aware, with no further question.
_PLAIN_ZONES = frozenset({ZoneInfo, timezone})


#: The checks of a Session's fields, in field order: run in full only when the quick test fails.
_SESSION_CHECKS = (
    ("id", text("session.id")),
    ("service_user", text("session.service_user")),
    ("start", is_aware("session.start")),
    ("end", is_aware("session.end")),
    ("kind", member(ShiftKind, "session.kind")),
    ("staff", optional_text("session.staff")),
)


def _shift_kind(value: ShiftKind | str) -> ShiftKind:
    """A shift kind given as the enum or its value (``"day"``); anything else is left for the field check."""
    if type(value) is ShiftKind or not isinstance(value, str):
        return value  # a non-string is refused by the field check
    try:
        return ShiftKind(value)
    except ValueError:
        raise InvalidInput("session.kind", value, f"one of {', '.join(repr(k.value) for k in ShiftKind)}") from None


@attrs.frozen
class Session:
    """One booked 1:1 session: who, when (aware instants) and what kind of shift.

    ``end`` must be after ``start`` in elapsed time; zero-length and
    reversed sessions are refused. Every field is checked when the session
    is built (:class:`~carerules.InvalidInput` names the first bad one).
    """

    id: str
    service_user: str
    start: datetime = attrs.field(eq=instant_key)
    end: datetime = attrs.field(eq=instant_key)
    kind: ShiftKind = attrs.field(default=ShiftKind.DAY, converter=_shift_kind)
    staff: str | None = None
    #: ``start`` and ``end`` in UTC, converted once here (pricing reads them for every session).
    _utc: tuple[datetime, datetime] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        # The plain case, tested cheaply (what the full checks below accept), each instant converted once.
        start, end, staff = self.start, self.end, self.staff
        utc = None
        if (
            type(start) is datetime
            and type(end) is datetime
            and type(start.tzinfo) in _PLAIN_ZONES
            and type(end.tzinfo) in _PLAIN_ZONES
            and type(self.id) is str
            and type(self.service_user) is str
            and type(self.kind) is ShiftKind
            and (staff is None or (type(staff) is str and staff.strip()))
            and self.id.strip()
            and self.service_user.strip()
        ):
            try:
                utc = (start.astimezone(UTC), end.astimezone(UTC))
            except (ValueError, OverflowError):
                utc = None
            if utc is not None and not (EARLIEST <= utc[0] <= LATEST and EARLIEST <= utc[1] <= LATEST):
                utc = None
        if utc is None:
            for name, check in _SESSION_CHECKS:
                check(self, None, getattr(self, name))
            first = to_utc(start)
            utc = (first, first + elapsed(start, end))
        if utc[1] <= utc[0]:
            raise InvalidInput("session.end", end, f"an instant after the session's start ({start.isoformat()})")
        object.__setattr__(self, "_utc", utc)

    @property
    def duration(self) -> timedelta:
        """Elapsed real time from start to end."""
        start, end = self._utc
        return end - start


class CancelledBy(Choice):
    """Who cancelled a session."""

    FAMILY = "family"
    PROVIDER = "provider"


@attrs.frozen
class Cancellation:
    """A session cancelled by the family or the provider.

    ``received_at`` is when the cancellation reached the provider; ``None``
    for a family cancellation means a no-show (no notice at all).
    """

    session_id: str = attrs.field(validator=text("cancellation.session_id"))
    cancelled_by: CancelledBy = attrs.field(validator=member(CancelledBy, "cancellation.cancelled_by"))
    received_at: datetime | None = attrs.field(
        default=None, validator=is_optional_aware("cancellation.received_at"), eq=instant_key
    )
    note: str = attrs.field(default="", validator=plain_text("cancellation.note", sensitive=True), repr=False)


@attrs.frozen
class Expense:
    """A cost the Buddy incurred during an activity, to be recharged or reported."""

    id: str = attrs.field(validator=text("expense.id"))
    service_user: str = attrs.field(validator=text("expense.service_user"))
    incurred_on: date = attrs.field(validator=is_date("expense.incurred_on"))
    amount: Decimal = attrs.field(validator=is_money("expense.amount"))
    category: str = attrs.field(validator=text("expense.category"))
    description: str = attrs.field(default="", validator=plain_text("expense.description", sensitive=True), repr=False)
    session_id: str | None = attrs.field(default=None, validator=optional_text("expense.session_id"))


@attrs.frozen
class ExpenseAgreement:
    """A recorded agreement that a category of cost is recharged for one Service User."""

    service_user: str = attrs.field(validator=text("agreement.service_user"))
    category: str = attrs.field(validator=text("agreement.category"))
    agreed_on: date = attrs.field(validator=is_date("agreement.agreed_on"))
    note: str = attrs.field(default="", validator=plain_text("agreement.note", sensitive=True), repr=False)


@attrs.frozen
class ChargePart:
    """The piece of a session on one local date, priced at one rate.

    ``charged`` includes any minimum-session top-up (first part only);
    ``amount`` is unrounded: only the whole session's line is rounded.
    """

    day: date
    start: datetime = attrs.field(eq=instant_key)
    end: datetime = attrs.field(eq=instant_key)
    holiday: str | None
    rate: Rate
    charged: timedelta
    amount: Decimal


@attrs.frozen
class SessionCharge:
    """What a session costs: its parts and the amount, rounded once."""

    session_id: str
    kind: ShiftKind
    basis: RateBasis
    worked: timedelta
    charged: timedelta
    parts: tuple[ChargePart, ...]
    amount: Decimal

    @property
    def top_up(self) -> timedelta:
        """Time charged beyond what was worked (the minimum-session top-up)."""
        return self.charged - self.worked if self.basis is RateBasis.PER_HOUR else timedelta(0)


@attrs.frozen
class SessionPay:
    """What the staff member is paid for one session: time, or one flat shift."""

    session_id: str
    staff: str | None
    worked: timedelta
    paid: timedelta
    shifts: int
    #: The money paid, rounded once, when the policy sets pay rates; ``None`` when it states no pay.
    amount: Decimal | None = attrs.field(default=None, kw_only=True)

    @property
    def hours_worked(self) -> Decimal:
        """:attr:`worked` in hours, as a decimal (:func:`hours`)."""
        return hours(self.worked)

    @property
    def hours_paid(self) -> Decimal:
        """:attr:`paid` in hours, as a decimal (:func:`hours`)."""
        return hours(self.paid)

    def describe(self, currency: str = "GBP") -> str:
        """For people: "2 h paid (1 h 30 min worked)", with the money when there is some: "2 h paid: £24.00"."""
        if self.shifts:
            text = f"{self.shifts} shift ({format_duration(self.worked)})"
        elif self.paid == self.worked:
            text = f"{format_duration(self.paid)} paid"
        else:
            text = f"{format_duration(self.paid)} paid ({format_duration(self.worked)} worked)"
        return text if self.amount is None else f"{text}: {format_money(self.amount, currency)}"


@attrs.frozen
class CancellationOutcome:
    """Whether a cancelled session is charged and paid, and how much."""

    session_id: str
    cancelled_by: CancelledBy
    notice: timedelta | None
    charge: SessionCharge | None
    pay: SessionPay | None

    @property
    def charged(self) -> bool:
        """True when the family is charged for the session."""
        return self.charge is not None

    @property
    def paid(self) -> bool:
        """True when the staff member is paid for the session."""
        return self.pay is not None

    @property
    def amount(self) -> Decimal:
        """What the family is charged: the session's rounded charge, or zero when the cancellation is free."""
        return self.charge.amount if self.charge is not None else Decimal("0.00")

    @property
    def notice_hours(self) -> Decimal | None:
        """:attr:`notice` in hours, as a decimal (:func:`hours`); ``None`` for a no-show."""
        return None if self.notice is None else hours(self.notice)

    @property
    def hours_paid(self) -> Decimal:
        """The staff member's paid time in hours (zero when not paid)."""
        return Decimal(0) if self.pay is None else self.pay.hours_paid


@attrs.frozen
class ExpenseOutcome:
    """Whether an expense is billed (agreed) or only reported."""

    expense_id: str
    billed: bool
    amount: Decimal
