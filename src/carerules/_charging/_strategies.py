"""Hypothesis strategies for charging objects (re-exported by carerules.strategies)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache

from hypothesis import strategies as st

from carerules._charging._forecast import InvoiceForecast, NeededRate, build_forecast
from carerules._charging._model import Cancellation, CancelledBy, Expense, ExpenseAgreement, Session
from carerules._policy import BUDDIES, Calendar, Change, Dated, Policy, Rate, RateBasis, ShiftKind
from carerules._time import Period, local_midnight, plus_elapsed, zone

_FIRST = date(2024, 1, 1)
_LAST = date(2030, 12, 31)


@lru_cache(maxsize=8)
def _anchors(timezone: str, first: date, last: date) -> tuple[datetime, ...]:
    """Instants where prices change: DST transitions and bank-holiday midnights."""
    tz = zone(timezone)
    out: list[datetime] = []
    day = first
    calendar = Calendar()
    while day <= last:
        start = local_midnight(day, tz)
        end = local_midnight(day + timedelta(days=1), tz)
        if end - start != timedelta(days=1) or calendar.is_bank_holiday(day):
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


def instants(
    *, timezone: str = "Europe/London", first: date = _FIRST, last: date = _LAST
) -> st.SearchStrategy[datetime]:
    """Aware instants in ``timezone``, often near DST changes and bank-holiday midnights."""
    tz = zone(timezone)
    anywhere = st.datetimes(
        datetime.combine(first, datetime.min.time()),
        datetime.combine(last, datetime.min.time()),
        timezones=st.just(UTC),
    ).map(lambda d: d.astimezone(tz))
    near = st.builds(
        lambda anchor, offset: (anchor + timedelta(minutes=offset)).astimezone(tz),
        st.sampled_from(_anchors(timezone, first, last)),
        st.integers(-36 * 60, 36 * 60),
    )
    return st.one_of(anywhere, near)


def durations(max_hours: int = 14) -> st.SearchStrategy[timedelta]:
    """Positive session lengths in whole minutes, short ones common (the minimum matters)."""
    return st.one_of(
        st.integers(1, 180).map(lambda m: timedelta(minutes=m)),
        st.integers(1, max_hours * 60).map(lambda m: timedelta(minutes=m)),
    )


@st.composite
def sessions(
    draw: st.DrawFn,
    *,
    kinds: st.SearchStrategy[ShiftKind] | None = None,
    service_user: str | None = None,
    timezone: str = "Europe/London",
) -> Session:
    """Sessions across DST nights and bank holidays."""
    start = draw(instants(timezone=timezone))
    length = draw(durations())
    kind = draw(kinds if kinds is not None else shift_kinds())
    ident = draw(st.uuids()).hex[:12]
    user = service_user or draw(st.sampled_from(["su-ada", "su-ben", "su-cy"]))
    staff = draw(st.sampled_from([None, "st-dee", "st-eli"]))
    return Session(f"s-{ident}", user, start, plus_elapsed(start, length), kind, staff)


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


def periods() -> st.SearchStrategy[Period]:
    """Inclusive date ranges of up to about three months."""
    return st.builds(
        lambda first, days: Period(first, first + timedelta(days=days)),
        st.dates(_FIRST, _LAST),
        st.integers(0, 92),
    )


@st.composite
def policies(draw: st.DrawFn, *, complete: bool = True, monotone: bool = True) -> Policy:
    """Policies with rates for every shift kind (``complete``), some revised over time.

    With ``monotone`` every bank-holiday rate is at least the ordinary rate
    of its kind (true of real price lists, and needed for "longer never
    costs less" across a bank-holiday midnight).
    """
    rates: list[Rate] = []
    kinds = list(ShiftKind) if complete else draw(st.lists(shift_kinds(), unique=True))
    for kind in kinds:
        basis = RateBasis.PER_SHIFT if kind is ShiftKind.SLEEPING_NIGHT and draw(st.booleans()) else RateBasis.PER_HOUR
        changes = draw(st.lists(st.dates(_FIRST, _LAST), max_size=2, unique=True))
        for effective in [date(2000, 1, 1), *changes]:
            ordinary = draw(amounts("5.00", "200.00"))
            holiday = ordinary + draw(amounts("0.00", "50.00")) if monotone else draw(amounts("5.00", "250.00"))
            rates.append(Rate(kind, ordinary, effective, basis))
            rates.append(Rate(kind, holiday, effective, basis, bank_holiday=True))
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
