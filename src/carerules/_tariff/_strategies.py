"""Hypothesis strategies for tariffs and visits (re-exported by carerules.strategies)."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

from hypothesis import strategies as st

from carerules._charging._strategies import durations, instants, money
from carerules._policy import Policy
from carerules._support121._model import Weekday
from carerules._tariff._cancel_model import NOTICE_UNITS, CancellationTerms, CancellationWaiver, NoticeTier, TierCharge
from carerules._tariff._model import (
    Band,
    Boundary,
    DayType,
    DurationRules,
    LengthPrice,
    Overtime,
    Rounding,
    Scope,
    ScopedMinimum,
    Tariff,
    TariffRate,
    TopUp,
    WeekendHolidays,
)
from carerules._tariff._terms import (
    Billing,
    BillingPeriod,
    Distance,
    ExpenseTerms,
    Fee,
    Mileage,
    OverCap,
    Surcharge,
    Timing,
    Travel,
    TravelTime,
)
from carerules._tariff._visit import Visit
from carerules._time import plus_elapsed

_WEEKDAY = DayType("weekday", "Monday to Friday", weekdays=frozenset(list(Weekday)[:5]))
_WEEKEND = DayType("weekend", "the weekend", weekdays=frozenset({Weekday.SATURDAY, Weekday.SUNDAY}))
_HOLIDAY = DayType("bank-holiday", "a bank holiday", precedence=10, bank_holidays=True)
_EVE = DayType("christmas-eve", "Christmas Eve evening", precedence=5, dates=frozenset({"12-24"}), from_time=time(17))
_BANDS = (Band("day", time(7), time(20)), Band("evening", time(20), time(0)))


def _rates(draw: st.DrawFn, day_types: tuple[DayType, ...], bands: tuple[Band, ...]) -> tuple[TariffRate, ...]:
    base = TariffRate("Standard rate", amount=draw(money("1.00", "60.00")))
    out = [base]
    for d in day_types:
        if draw(st.booleans()):
            out.append(
                TariffRate(
                    f"{d.shown} multiplier",
                    day_type=d.name,
                    times=Decimal(draw(st.sampled_from(["1.5", "2", "1.25"]))),
                    of="Standard rate",
                )
            )
        else:
            out.append(TariffRate(f"{d.shown} rate", day_type=d.name, amount=draw(money("1.00", "90.00"))))
        for b in bands:
            if draw(st.booleans()):
                out.append(
                    TariffRate(
                        f"{d.shown} {b.name} rate", day_type=d.name, band=b.name, amount=draw(money("1.00", "90.00"))
                    )
                )
    return tuple(out)


@st.composite
def _durations(draw: st.DrawFn, price_tables: bool, rounding: tuple[Rounding, ...]) -> DurationRules:
    lengths: tuple[LengthPrice, ...] = ()
    if price_tables and draw(st.booleans()):
        spans = sorted(draw(st.sets(st.sampled_from([15, 30, 45, 60, 90, 120]), min_size=1, max_size=3)))
        lengths = tuple(LengthPrice(timedelta(minutes=m), draw(money("5.00", "80.00"))) for m in spans)
    return DurationRules(
        minimum=draw(st.none() | st.sampled_from([timedelta(hours=1), timedelta(hours=2), timedelta(minutes=30)])),
        increment=draw(st.none() | st.sampled_from([timedelta(minutes=15), timedelta(minutes=30), timedelta(hours=1)])),
        rounding=draw(st.sampled_from(rounding)),
        top_up=draw(st.sampled_from(TopUp)),
        lengths=lengths,
        minimums=tuple(
            ScopedMinimum(scope, timedelta(hours=draw(st.integers(1, 30))))
            for scope in draw(st.lists(st.sampled_from(Scope), max_size=2, unique=True))
        ),
    )


def overtimes() -> st.SearchStrategy[Overtime]:
    """Overtime per caregiver-week: a limit of 4 to 60 hours, a multiple, a week-start day, perhaps a base multiple."""
    return st.builds(
        Overtime,
        st.integers(4, 60).map(lambda h: timedelta(hours=h)),
        st.sampled_from([Decimal("1.5"), Decimal("2"), Decimal("1")]),
        st.sampled_from(Weekday),
        multiplied_times=st.none() | st.sampled_from([Decimal("2"), Decimal("1.5")]),
    )


_PURPOSES = ("to-client", "with-client", "for-client")


@st.composite
def travels(draw: st.DrawFn) -> Travel:
    """Travel terms: mileage for some journey purposes (free miles, caps) and perhaps travel time."""
    purposes = draw(st.lists(st.sampled_from(_PURPOSES), unique=True, max_size=3))
    mileage = tuple(
        Mileage(
            p,
            draw(money("0.10", "1.00")),
            unit=draw(st.sampled_from(Distance)),
            free=Decimal(draw(st.integers(0, 10))),
            cap=draw(st.none() | money("5.00", "60.00")),
        )
        for p in purposes
    )
    time = draw(
        st.none()
        | st.builds(
            TravelTime,
            money("5.00", "30.00"),
            st.integers(0, 10).map(Decimal),
            st.sampled_from(Distance),
            st.none() | money("5.00", "40.00"),
        )
    )
    return Travel(mileage, time)


def expense_terms() -> st.SearchStrategy[ExpenseTerms]:
    """Terms for a category of recharged cost: a cap per occasion, approval, what over the cap bills."""
    return st.builds(
        ExpenseTerms,
        st.sampled_from(["meal", "activity", "carer travel"]),
        st.none() | money("1.00", "60.00"),
        st.booleans(),
        st.sampled_from(OverCap),
    )


def billings() -> st.SearchStrategy[Billing]:
    """Billing cycles: period, timing, due days, VAT or exempt, a weekly cap, lesser-of, a surcharge."""
    return st.builds(
        Billing,
        st.sampled_from(BillingPeriod),
        st.sampled_from(Timing),
        st.integers(0, 30),
        st.none() | st.sampled_from([Decimal("0.20"), Decimal("0.05"), Decimal("0")]),
        st.none() | money("100.00", "3000.00"),
        st.booleans(),
        st.lists(
            st.builds(
                Surcharge,
                st.just("Admin fee"),
                money("0.50", "10.00"),
                except_methods=st.just(frozenset({"direct-debit"})),
            ),
            max_size=1,
        ).map(tuple),
    )


@st.composite
def tariffs(draw: st.DrawFn, *, price_tables: bool = True, rounding: tuple[Rounding, ...] = tuple(Rounding)) -> Tariff:
    """Tariffs over weekday, weekend, bank-holiday and part-day day types, with or without bands and duration rules.

    ``price_tables=False`` leaves out price tables by visit length; ``rounding`` limits the increment directions.
    """
    day_types = tuple(d for d in (_WEEKDAY, _WEEKEND, _HOLIDAY, _EVE) if draw(st.booleans()))
    bands = _BANDS if draw(st.booleans()) else ()
    return Tariff(
        rates=_rates(draw, day_types, bands),
        day_types=day_types,
        bands=bands,
        durations=(draw(_durations(price_tables, rounding)),) if draw(st.booleans()) else (),
        boundary=draw(st.sampled_from(Boundary)),
        weekend_holidays=draw(st.sampled_from(WeekendHolidays)),
        travel=draw(st.none() | travels()),
        expenses=tuple(draw(st.lists(expense_terms(), max_size=2, unique_by=lambda e: e.category))),
        fees=tuple(
            draw(
                st.lists(
                    st.builds(Fee, st.sampled_from(["assessment", "set-up"]), money("1.00", "90.00")),
                    max_size=2,
                    unique_by=lambda f: f.name,
                )
            )
        ),
        billing=draw(st.none() | billings()),
        overtime=tuple(draw(st.lists(overtimes(), max_size=1))),
    )


def tariff_policies(tariff: st.SearchStrategy[Tariff] | None = None) -> st.SearchStrategy[Policy]:
    """Policies with a tariff (by default any of :func:`tariffs`)."""
    return (tariffs() if tariff is None else tariff).map(
        lambda t: Policy("tariff-example", "A provider with a tariff", "1", date(2000, 1, 1), tariff=t)
    )


@st.composite
def visits(draw: st.DrawFn, *, timezone: str = "Europe/London", max_hours: int = 14) -> Visit:
    """Visits starting anywhere (often near DST changes and bank holidays), some overrunning their booking."""
    start = draw(instants(timezone=timezone))
    end = plus_elapsed(start, draw(durations(max_hours)))
    booked = draw(st.none() | durations(max_hours).map(lambda d: plus_elapsed(start, d)))
    return Visit(start, end, booked_end=booked, carers=draw(st.sampled_from([1, 1, 1, 2])))


@st.composite
def visit_groups(draw: st.DrawFn, *, timezone: str = "Europe/London", max_size: int = 12) -> tuple[Visit, ...]:
    """Visits within a fortnight of one another, for two service users and two caregivers, some in a booking block."""
    base = draw(instants(timezone=timezone))
    out = []
    for i in range(draw(st.integers(1, max_size))):
        start = plus_elapsed(base, timedelta(minutes=15 * draw(st.integers(0, 4 * 24 * 14))))
        end = plus_elapsed(start, draw(durations(10)))
        out.append(
            Visit(
                start,
                end,
                service_user=draw(st.sampled_from(["su-1", "su-2", ""])),
                caregiver=draw(st.sampled_from(["c-1", "c-2", ""])),
                block=draw(st.sampled_from(["", "b-1"])),
                carers=draw(st.sampled_from([1, 1, 2])),
                id=f"v{i}",
            )
        )
    return tuple(out)


_LIMITS = {"hours": (1, 400), "calendar-days": (1, 30), "clear-days": (1, 30), "business-days": (1, 20)}


@st.composite
def cancellation_terms(draw: st.DrawFn, *, waivers: bool = True) -> CancellationTerms:
    """Ordered notice tiers in one unit (each charge of one kind, never rising with notice), perhaps waivers.

    Some lists start with an on-the-day tier; ``waivers=False`` leaves waivers out.
    """
    unit = draw(st.sampled_from([u for u in NOTICE_UNITS if u != "on-the-day"]))
    low, high = _LIMITS[unit]
    limits = sorted(draw(st.sets(st.integers(low, high), min_size=1, max_size=4)))
    kind = draw(st.sampled_from(["percent", "hours", "days", "fixed"]))
    top = {"percent": 100, "hours": 12, "days": 7, "fixed": 200}[kind]
    amounts = sorted(
        (draw(st.integers(0, top)) for _ in limits),
        reverse=True,
    )
    tiers = [
        NoticeTier(
            Decimal(n),
            unit,
            TierCharge(kind, Decimal(a)),
            staff_pay=draw(st.sampled_from(["none", "percent", "hours"])),
            staff_pay_amount=Decimal(draw(st.integers(0, 100))),
        )
        for n, a in zip(limits, amounts, strict=True)
    ]
    if draw(st.booleans()):
        tiers.insert(0, NoticeTier(Decimal(1), "on-the-day", TierCharge(kind, Decimal(top))))
    if unit == "hours" and tiers[0].unit == "on-the-day" and limits[0] < 24:
        tiers.pop(0)
    found: tuple[CancellationWaiver, ...] = ()
    if waivers and draw(st.booleans()):
        found = (
            CancellationWaiver("hospital-admission", "an emergency hospital admission"),
            CancellationWaiver("rescheduled", "the visit rescheduled", Decimal(draw(st.integers(0, 100)))),
        )
    return CancellationTerms(
        tuple(tiers),
        no_show=draw(st.none() | st.just(TierCharge("percent", Decimal(100)))),
        waivers=found,
        excludes_mileage=draw(st.booleans()),
    )
