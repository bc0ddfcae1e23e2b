"""Hypothesis strategies for charging objects (re-exported by carerules.strategies)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache

from hypothesis import reject
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from carerules._charging._forecast import InvoiceForecast, NeededRate, build_forecast
from carerules._charging._model import Cancellation, CancelledBy, Expense, ExpenseAgreement, Session
from carerules._charging._pricing import _quote
from carerules._errors import InvalidInput, MissingRate
from carerules._policy import BUDDIES, Calendar, Change, Dated, Policy, Rate, RateBasis, ShiftKind
from carerules._time import Period, local_midnight, plus_elapsed, zone

_FIRST = date(2024, 1, 1)
_LAST = date(2030, 12, 31)


@lru_cache(maxsize=32)
def _anchors(timezone: str, first: date, last: date, calendar: Calendar | None) -> tuple[datetime, ...]:
    """Instants where prices change: DST transitions and (unless ``calendar`` is None) its bank-holiday midnights."""
    tz = zone(timezone)
    out: list[datetime] = []
    day = first
    while day <= last:
        start = local_midnight(day, tz)
        end = local_midnight(day + timedelta(days=1), tz)
        if end - start != timedelta(days=1) or (calendar is not None and calendar.lookup(day) is not None):
            out.append(start)
            out.append(end)
        day += timedelta(days=1)
    return tuple(sorted(set(out)))


def money(min_value: str = "0.00", max_value: str = "500.00", *, places: int = 2) -> st.SearchStrategy[Decimal]:
    """Exact amounts between the bounds with exactly ``places`` decimal places (pence by default)."""
    return st.decimals(Decimal(min_value), Decimal(max_value), places=places, allow_nan=False, allow_infinity=False)


def amounts(min_value: str = "0.00", max_value: str = "500.00", *, max_places: int = 6) -> st.SearchStrategy[Decimal]:
    """Exact amounts with 0 to ``max_places`` decimal places (finer than the penny included).

    Rates and expenses may be given to six places (``Rate(amount=Decimal("18.505"))``);
    this is what the library must round, once per line, half up.
    """
    return st.one_of(
        money(min_value, max_value), *(money(min_value, max_value, places=p) for p in range(max_places + 1))
    )


def shift_kinds() -> st.SearchStrategy[ShiftKind]:
    """Any shift kind."""
    return st.sampled_from(ShiftKind)


_NEAR = 36 * 60  # minutes either side of an anchor
_ENGLAND = Calendar()


def instants(
    *,
    timezone: str = "Europe/London",
    first: date = _FIRST,
    last: date = _LAST,
    holidays: bool | Calendar = True,
) -> st.SearchStrategy[datetime]:
    """Aware instants in ``timezone`` whose local date is ``first`` to ``last``, often near DST changes.

    Also often near bank-holiday midnights: England's with ``holidays=True``, those of the
    given :class:`~carerules.Calendar` (its closure days included), or none with ``holidays=False``.
    """
    if last < first:
        raise InvalidArgument(f"instants(first={first}, last={last}): last is before first")
    tz = zone(timezone)
    lo = local_midnight(first, tz)
    hi = local_midnight(last + timedelta(days=1), tz)
    anywhere = st.datetimes(
        lo.replace(tzinfo=None), (hi - timedelta(microseconds=1)).replace(tzinfo=None), timezones=st.just(UTC)
    ).map(lambda d: d.astimezone(tz))
    calendar = _ENGLAND if holidays is True else (holidays or None)
    spans = []
    for anchor in _anchors(timezone, first - timedelta(days=2), last + timedelta(days=2), calendar):
        # Minutes either side of the anchor that stay inside [lo, hi).
        below = max(-_NEAR, -int((anchor - lo).total_seconds() // 60))
        above = min(_NEAR, int((hi - anchor).total_seconds() // 60) - 1)
        if below <= above:
            spans.append((anchor, below, above))
    if not spans:
        return anywhere

    def near(span: tuple[datetime, int, int]) -> st.SearchStrategy[datetime]:
        anchor, below, above = span
        return st.integers(below, above).map(lambda m: (anchor + timedelta(minutes=m)).astimezone(tz))

    return st.one_of(anywhere, st.sampled_from(spans).flatmap(near))


def durations(max_hours: int = 14) -> st.SearchStrategy[timedelta]:
    """Positive session lengths in whole minutes up to ``max_hours``, short ones common (the minimum matters)."""
    return st.one_of(
        st.integers(1, min(180, max_hours * 60)).map(lambda m: timedelta(minutes=m)),
        st.integers(1, max_hours * 60).map(lambda m: timedelta(minutes=m)),
    )


_USERS = ("su-ada", "su-ben", "su-cy")
_STAFF = (None, "st-dee", "st-eli")


def _priceable(session: Session, policy: Policy) -> bool:
    """True when ``price_session(session, policy)`` answers (no missing rate, no mixed bases)."""
    try:
        _quote(session.start, session.end, session.kind, policy, session.id)
    except (MissingRate, InvalidInput):
        return False
    return True


def _kind_list(kinds: st.SearchStrategy[ShiftKind] | Iterable[ShiftKind] | None) -> list[ShiftKind] | None:
    if kinds is None or isinstance(kinds, st.SearchStrategy):
        return None
    out = list(kinds)
    if not out or not all(isinstance(k, ShiftKind) for k in out):
        raise InvalidArgument(f"sessions(kinds={kinds!r}): give ShiftKind members (or a strategy of them)")
    return out


def sessions(
    *,
    kinds: st.SearchStrategy[ShiftKind] | Iterable[ShiftKind] | None = None,
    service_users: Sequence[str] | None = None,
    staff: Sequence[str | None] | None = None,
    period: Period | None = None,
    policy: Policy | None = None,
    timezone: str | None = None,
    max_hours: int = 14,
    service_user: str | None = None,
) -> st.SearchStrategy[Session]:
    """Sessions across DST nights and bank holidays, under the constraints given.

    ``kinds`` (ShiftKind members, or a strategy of them), ``service_users`` and ``staff`` (ids;
    ``None`` in ``staff`` means not yet staffed) limit who and what; ``service_user`` is one id.
    ``period`` keeps each whole session inside the period's local dates (start at or after the
    first date's midnight, end by the midnight after the last), in ``timezone`` (default: the
    policy's, else Europe/London). With ``policy`` every session is priceable under it:
    :func:`~carerules.price_session` never raises, because only kinds and dates the policy has
    rates for are drawn (under the built-in Buddies policy: day and waking-night sessions that
    touch no bank holiday).
    """
    if max_hours < 1:
        raise InvalidArgument(f"sessions(max_hours={max_hours}): at least one hour")
    users = list(service_users) if service_users is not None else [service_user] if service_user else list(_USERS)
    crew = list(staff) if staff is not None else list(_STAFF)
    if not users or not crew:
        raise InvalidArgument("sessions(): service_users and staff must each name at least one id (None: unstaffed)")
    tz_name = timezone or (policy.timezone if policy is not None else "Europe/London")
    first, last = (period.first, period.last) if period is not None else (_FIRST, _LAST)
    listed = _kind_list(kinds)
    drawn_kinds = kinds if isinstance(kinds, st.SearchStrategy) else None
    if policy is None:
        starts: dict[ShiftKind, st.SearchStrategy[datetime]] = {}
        every = instants(timezone=tz_name, first=first, last=last)
    else:
        starts = _policy_starts(policy, listed or list(ShiftKind), tz_name, first, last)
        if not starts:
            raise InvalidArgument(
                f"sessions(policy={policy.id!r}): no rate for {listed or 'any kind'} from {first} to {last}"
            )
    hi = local_midnight(last + timedelta(days=1), zone(tz_name))  # UTC

    @st.composite
    def one(draw: st.DrawFn) -> Session:
        for _ in range(4):
            if policy is None:
                kind = draw(drawn_kinds if drawn_kinds is not None else st.sampled_from(listed or list(ShiftKind)))
                start = draw(every)
            else:
                kind = draw(drawn_kinds.filter(starts.__contains__) if drawn_kinds else st.sampled_from(list(starts)))
                start = draw(starts[kind])
            # In UTC: aware datetimes sharing a tzinfo compare and subtract by wall clock.
            end = min(start.astimezone(UTC) + draw(durations(max_hours)), hi).astimezone(start.tzinfo)
            ident = draw(st.uuids()).hex[:12]
            session = Session(f"s-{ident}", draw(st.sampled_from(users)), start, end, kind, draw(st.sampled_from(crew)))
            if policy is None or _priceable(session, policy):
                return session
        reject()

    return one()


def _policy_starts(
    policy: Policy, kinds: list[ShiftKind], tz_name: str, first: date, last: date
) -> dict[ShiftKind, st.SearchStrategy[datetime]]:
    """For each kind the policy prices in the period, start instants from its first rate's date on."""
    out: dict[ShiftKind, st.SearchStrategy[datetime]] = {}
    for kind in kinds:
        ordinary = [r.effective_from for r in policy.rates if r.kind is kind and not r.bank_holiday]
        holiday = [r.effective_from for r in policy.rates if r.kind is kind and r.bank_holiday]
        since = max(first, min(ordinary or holiday or [date.max]))
        if since > last:
            continue
        calendar = policy.calendar if holiday and min(holiday) <= last else False
        out[kind] = instants(timezone=tz_name, first=since, last=last, holidays=calendar)
    return out


def rates(*, kinds: st.SearchStrategy[ShiftKind] | None = None) -> st.SearchStrategy[Rate]:
    """Single rates: any kind, ordinary or bank holiday, hourly or flat."""
    return st.builds(
        Rate,
        kind=kinds if kinds is not None else shift_kinds(),
        amount=amounts("0.00", "300.00"),
        effective_from=st.dates(date(2000, 1, 1), _LAST),
        basis=st.sampled_from(RateBasis),
        bank_holiday=st.booleans(),
        note=st.text(max_size=30),
    )


def periods(*, first: date = _FIRST, last: date = _LAST, max_days: int = 92) -> st.SearchStrategy[Period]:
    """Inclusive date ranges starting from ``first`` to ``last``, up to ``max_days`` days after their first date.

    A range never ends after ``last``.
    """
    if last < first or max_days < 0:
        raise InvalidArgument(f"periods(first={first}, last={last}, max_days={max_days}): an empty range")
    return st.builds(
        lambda start, days: Period(start, min(start + timedelta(days=days), last)),
        st.dates(first, last),
        st.integers(0, max_days),
    )


@st.composite
def policies(draw: st.DrawFn, *, complete: bool = True, monotone: bool = True, pay_rates: bool | None = None) -> Policy:
    """Policies with rates for every shift kind (``complete``), some revised over time.

    With ``monotone`` every bank-holiday rate is at least the ordinary rate
    of its kind (true of real price lists, and needed for "longer never
    costs less" across a bank-holiday midnight). ``pay_rates``: ``True``
    gives every kind an ordinary and a bank-holiday pay rate too (dated,
    with the basis of its charge rates), ``False`` none, ``None`` (the
    default) either.
    """
    rates: list[Rate] = []
    pay: list[Rate] = []
    paying = draw(st.booleans()) if pay_rates is None else pay_rates
    kinds = list(ShiftKind) if complete else draw(st.lists(shift_kinds(), unique=True))
    for kind in kinds:
        basis = RateBasis.PER_SHIFT if kind is ShiftKind.SLEEPING_NIGHT and draw(st.booleans()) else RateBasis.PER_HOUR
        changes = draw(st.lists(st.dates(_FIRST, _LAST), max_size=2, unique=True))
        for effective in [date(2000, 1, 1), *changes]:
            ordinary = draw(amounts("5.00", "200.00"))
            holiday = ordinary + draw(amounts("0.00", "50.00")) if monotone else draw(amounts("5.00", "250.00"))
            rates.append(Rate(kind, ordinary, effective, basis))
            rates.append(Rate(kind, holiday, effective, basis, bank_holiday=True))
        if paying:
            for effective in [date(2000, 1, 1), *draw(st.lists(st.dates(_FIRST, _LAST), max_size=1))]:
                ordinary = draw(amounts("5.00", "60.00"))
                pay.append(Rate(kind, ordinary, effective, basis))
                pay.append(Rate(kind, ordinary + draw(amounts("0.00", "30.00")), effective, basis, bank_holiday=True))
    closures = draw(st.frozensets(st.dates(_FIRST, _LAST), max_size=3))

    def dated_hours(choices: list[int]) -> Dated[timedelta | None]:
        # Thresholds are dated like rates: sometimes revised once on a date in the range sessions use.
        first = Change(None, timedelta(hours=draw(st.sampled_from(choices))))
        later = draw(st.lists(st.dates(_FIRST, _LAST), max_size=1))
        return Dated((first, *(Change(d, timedelta(hours=draw(st.sampled_from(choices)))) for d in later)))

    return Policy(
        id="generated",
        name="Generated policy",
        version=str(draw(st.integers(1, 9))),
        effective_from=date(2000, 1, 1),
        calendar=Calendar(closure_days=closures),
        rates=tuple(rates),
        pay_rates=tuple(pay),
        minimum_session=dated_hours([1, 2, 3]),
        cancellation_notice=dated_hours([24, 48, 72]),
    )


def buddies_policy() -> st.SearchStrategy[Policy]:
    """The built-in Buddies policy (day rate only)."""
    return st.just(BUDDIES)


@st.composite
def cancellations(draw: st.DrawFn, session: Session) -> Cancellation:
    """A cancellation of ``session``: family or provider, any notice, or a no-show."""
    by = draw(st.sampled_from(CancelledBy))
    if draw(st.integers(0, 9)) == 0:
        return Cancellation(session.id, by, None)
    notice = timedelta(minutes=draw(st.integers(-6 * 60, 120 * 60)))
    return Cancellation(session.id, by, plus_elapsed(session.start, -notice))


@st.composite
def expenses(draw: st.DrawFn, *, service_user: str | None = None) -> Expense:
    """An expense incurred by a Buddy."""
    return Expense(
        id=f"e-{draw(st.uuids()).hex[:8]}",
        service_user=service_user or draw(st.sampled_from(["su-ada", "su-ben", "su-cy"])),
        incurred_on=draw(st.dates(_FIRST, _LAST)),
        amount=draw(amounts("0.01", "60.00")),
        category=draw(st.sampled_from(["meal", "ticket", "travel"])),
        description=draw(st.text(max_size=20)),
    )


@st.composite
def expense_agreements(draw: st.DrawFn, *, service_user: str | None = None) -> ExpenseAgreement:
    """A recorded agreement to recharge a category of expense."""
    return ExpenseAgreement(
        service_user=service_user or draw(st.sampled_from(["su-ada", "su-ben", "su-cy"])),
        category=draw(st.sampled_from(["meal", "ticket", "travel"])),
        agreed_on=draw(st.dates(_FIRST, _LAST)),
    )


@st.composite
def needed_rates(draw: st.DrawFn) -> NeededRate:
    """A rate a line needs: any kind, ordinary or bank holiday, needed on a date or for a later one."""
    on = draw(st.dates(_FIRST, _LAST))
    later = draw(st.sampled_from([0, 0, 1, 2]))
    return NeededRate(draw(shift_kinds()), draw(st.booleans()), on, on + timedelta(days=later))


@st.composite
def invoice_forecasts(draw: st.DrawFn, *, policy: Policy | None = None) -> InvoiceForecast:
    """Forecasts of one Service User's month, often with lines a policy missing some rates cannot price.

    Drawn under ``policy``, else under the built-in Buddies policy or a
    generated one with rates for only some shift kinds.
    """
    chosen = policy if policy is not None else draw(st.one_of(buddies_policy(), policies(complete=False)))
    items = draw(st.lists(sessions(service_user="su-ada"), max_size=5, unique_by=lambda s: s.id))
    cancelled = [draw(cancellations(s)) for s in items if draw(st.integers(0, 3)) == 0]
    costs = draw(st.lists(expenses(service_user="su-ada"), max_size=2, unique_by=lambda e: e.id))
    agreed = draw(st.lists(expense_agreements(service_user="su-ada"), max_size=2))
    return build_forecast(
        "su-ada",
        Period(_FIRST, _LAST),
        chosen,
        sessions=items,
        cancellations=cancelled,
        expenses=costs,
        agreements=agreed,
    )
