"""Hypothesis strategies for tariffs and visits (re-exported by carerules.strategies)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time, timedelta
from decimal import Decimal

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from carerules._charging._strategies import _FIRST, _LAST, money
from carerules._policy import Change, Dated, Policy
from carerules._support121._model import Weekday
from carerules._tariff._cancel_model import NOTICE_UNITS, CancellationTerms, CancellationWaiver, NoticeTier, TierCharge
from carerules._tariff._model import (
    Band,
    Boundary,
    DayType,
    DurationRules,
    FlatDay,
    LengthPrice,
    Nights,
    Overtime,
    Per,
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


_PERS = (Per.HOUR, Per.HOUR, Per.VISIT, Per.DAY)


def _amount(draw: st.DrawFn, low: str, high: str, dated: bool) -> Decimal | Dated[Decimal]:
    """An amount, sometimes (``dated``) revised once on a date: always in force from the start."""
    first = draw(money(low, high))
    if not dated or not draw(st.booleans()):
        return first
    return Dated((Change(None, first), Change(draw(st.dates(_FIRST, _LAST)), draw(money(low, high)))))


def _service_rates(
    draw: st.DrawFn,
    service: str,
    per: Per,
    day_types: tuple[DayType, ...],
    bands: tuple[Band, ...],
    funders: Sequence[str],
    dated: bool,
) -> list[TariffRate]:
    """One service's grid, every rate in one unit (a visit's time is never priced in two)."""
    base = TariffRate(f"{service} rate", service=service, per=per, amount=_amount(draw, "1.00", "200.00", dated))
    out = [base]
    for d in day_types:
        if not draw(st.booleans()):
            continue
        if draw(st.booleans()):
            times = Decimal(draw(st.sampled_from(["1.5", "2", "1.25"])))
            out.append(TariffRate(f"{service} {d.name}", d.name, service, per=per, times=times, of=base.name))
        else:
            out.append(
                TariffRate(f"{service} {d.name}", d.name, service, per=per, amount=draw(money("1.00", "250.00")))
            )
    if per is Per.HOUR:
        for b in bands:
            if draw(st.booleans()):
                out.append(
                    TariffRate(f"{service} {b.name}", service=service, band=b.name, amount=draw(money("1.00", "90.00")))
                )
        if draw(st.booleans()):
            out.append(
                TariffRate(f"{service} double-up", service=service, carers=2, amount=draw(money("2.00", "120.00")))
            )
    if per is Per.VISIT and draw(st.booleans()):
        out.append(TariffRate(f"{service} call", service=service, per=Per.CALL, amount=draw(money("1.00", "40.00"))))
    for f in funders:
        if draw(st.booleans()):
            out.append(
                TariffRate(
                    f"{service} for {f}", service=service, funder=f, per=per, amount=draw(money("1.00", "200.00"))
                )
            )
    return out


@st.composite
def _service_tariffs(
    draw: st.DrawFn,
    services: tuple[str, ...],
    funders: tuple[str, ...],
    price_tables: bool,
    rounding: tuple[Rounding, ...],
    dated: bool,
) -> Tariff:
    day_types = tuple(d for d in (_WEEKDAY, _WEEKEND, _HOLIDAY, _EVE) if draw(st.booleans()))
    bands = _BANDS if draw(st.booleans()) else ()
    per = {s: draw(st.sampled_from(_PERS)) for s in services}
    rates = [r for s in services for r in _service_rates(draw, s, per[s], day_types, bands, funders, dated)]
    hourly = [s for s in services if per[s] is Per.HOUR]
    nights = []
    for s in services:
        if per[s] is Per.VISIT and draw(st.booleans()):
            over = draw(st.none() | st.sampled_from([timedelta(hours=1), timedelta(hours=2)])) if hourly else None
            nights.append(
                Nights(
                    s,
                    draw(st.integers(0, 2)),
                    draw(st.none() | st.integers(1, 3)),
                    over,
                    draw(st.sampled_from(hourly)) if over is not None else None,
                )
            )
    return Tariff(
        rates=tuple(rates),
        day_types=day_types,
        bands=bands,
        durations=(draw(_durations(price_tables, rounding)),) if draw(st.booleans()) else (),
        nights=tuple(nights),
        boundary=draw(st.sampled_from(Boundary)),
        flat_day=draw(st.sampled_from(FlatDay)),
        weekend_holidays=draw(st.sampled_from(WeekendHolidays)),
    )


def tariffs(
    *,
    price_tables: bool = True,
    rounding: tuple[Rounding, ...] = tuple(Rounding),
    services: Sequence[str] | None = None,
    funders: Sequence[str] = (),
    dated: bool = False,
) -> st.SearchStrategy[Tariff]:
    """Tariffs over weekday, weekend, bank-holiday and part-day day types, with or without bands and duration rules.

    ``price_tables=False`` leaves out price tables by visit length; ``rounding`` limits the increment directions.
    By default every rate is for any service (a standard hourly rate prices every visit). With ``services``
    each named service has a grid of its own in one unit, drawn per service: per hour (with bands and a
    double-up rate for two carers), per visit (a flat night, perhaps with per-call rates and night terms
    re-pricing a busy night at an hourly service's rates) or per day; ``funders`` adds funder-specific rates
    and ``dated`` base amounts revised on a date. Pair it with ``visits(policy=...)``, which draws only the
    services the tariff prices.
    """
    if services is not None and (not services or len(set(services)) != len(services)):
        raise InvalidArgument(f"tariffs(services={services!r}): give distinct service names")
    return _tariffs(price_tables, rounding, None if services is None else tuple(services), tuple(funders), dated)


@st.composite
def _tariffs(
    draw: st.DrawFn,
    price_tables: bool,
    rounding: tuple[Rounding, ...],
    services: tuple[str, ...] | None,
    funders: tuple[str, ...],
    dated: bool,
) -> Tariff:
    if services is not None:
        grid = draw(_service_tariffs(services, funders, price_tables, rounding, dated))
    else:
        day_types = tuple(d for d in (_WEEKDAY, _WEEKEND, _HOLIDAY, _EVE) if draw(st.booleans()))
        bands = _BANDS if draw(st.booleans()) else ()
        grid = Tariff(
            rates=_rates(draw, day_types, bands),
            day_types=day_types,
            bands=bands,
            durations=(draw(_durations(price_tables, rounding)),) if draw(st.booleans()) else (),
            boundary=draw(st.sampled_from(Boundary)),
            weekend_holidays=draw(st.sampled_from(WeekendHolidays)),
        )
    return attrs.evolve(
        grid,
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


def tariff_policies(
    tariff: st.SearchStrategy[Tariff] | None = None,
    *,
    services: Sequence[str] | None = None,
    funders: Sequence[str] = (),
    dated: bool = False,
) -> st.SearchStrategy[Policy]:
    """Policies with a tariff: ``tariff``, else :func:`tariffs` with ``services``, ``funders`` and ``dated``.

    ``visits(policy=p)`` draws visits every one of which prices under ``p``.
    """
    if tariff is not None and (services is not None or funders or dated):
        raise InvalidArgument("tariff_policies(): give a tariff strategy or the tariffs() options, not both")
    chosen = tariffs(services=services, funders=funders, dated=dated) if tariff is None else tariff
    return chosen.map(lambda t: Policy("tariff-example", "A provider with a tariff", "1", date(2000, 1, 1), tariff=t))


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
