"""Charges, pay and their explanations pinned exactly, including the rarer pricing paths.

Written to kill the mutants that survived ``make mutation`` on ``_charging._pricing``: the
whole charge object (parts included), a session spanning four local days, a flat-rate
shift's single part, a per-shift rate where a per-hour one is needed, and the wording of
each reason under a policy in another currency.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import attrs
import pytest

import carerules as cr
from tests.charging.test_charging_worked_examples import WITH_RATES
from tests.conftest import london

EURO = attrs.evolve(WITH_RATES, currency="EUR")


def rate(kind: cr.ShiftKind, amount: str, *, per_shift: bool = False, holiday: bool = False) -> cr.Rate:
    basis = cr.RateBasis.PER_SHIFT if per_shift else cr.RateBasis.PER_HOUR
    return cr.Rate(kind, Decimal(amount), date(2000, 1, 1), basis, bank_holiday=holiday)


@pytest.mark.tz
def test_flat_shift_charge_is_one_part_for_the_whole_shift() -> None:
    """charging.flat-shift-bank-holiday-start: one part, the whole elapsed shift, one flat amount."""
    night = cr.Session("n1", "su", london(2026, 12, 25, 22), london(2026, 12, 26, 7), cr.ShiftKind.SLEEPING_NIGHT)
    nine_hours = timedelta(hours=9)
    holiday_rate = rate(cr.ShiftKind.SLEEPING_NIGHT, "142.50", per_shift=True, holiday=True)
    part = cr.ChargePart(
        date(2026, 12, 25),
        datetime(2026, 12, 25, 22, tzinfo=UTC),
        datetime(2026, 12, 26, 7, tzinfo=UTC),
        "Christmas Day",
        holiday_rate,
        nine_hours,
        Decimal("142.50"),
    )
    expected = cr.SessionCharge(
        "n1", cr.ShiftKind.SLEEPING_NIGHT, cr.RateBasis.PER_SHIFT, nine_hours, nine_hours, (part,), Decimal("142.50")
    )
    assert cr.price_session(night, WITH_RATES).answer == expected
    assert [str(r) for r in cr.price_session(night, EURO).reasons] == [
        "[charging.flat-shift-rate] sleeping-night charged 142.50 EUR per shift "
        "(bank-holiday sleeping-night, from 2000-01-01)",
        "[calendar.bank-holidays] 2026-12-25 is Christmas Day, a bank holiday in GB-ENG (holidays package)",
        "[charging.flat-shift-bank-holiday-start] the shift starts on 2026-12-25 (Christmas Day), a bank holiday",
        "[money.round-line-half-up] line total 142.50 EUR",
    ]
    assert cr.pay_for_session(attrs.evolve(night, staff="st-dee"), WITH_RATES).answer == cr.SessionPay(
        "n1", "st-dee", nine_hours, nine_hours, 1
    )


@pytest.mark.tz
def test_session_over_four_local_days_adds_every_part() -> None:
    """charging.midnight-split over three midnights, starting on a substitute bank holiday."""
    long = cr.Session("l1", "su", london(2026, 12, 28, 20), london(2026, 12, 31, 2))
    charge = cr.price_session(long, WITH_RATES).answer
    assert [(p.day, p.holiday, p.amount) for p in charge.parts] == [
        (date(2026, 12, 28), "Boxing Day (observed)", Decimal("111.00")),
        (date(2026, 12, 29), None, Decimal("444.00")),
        (date(2026, 12, 30), None, Decimal("444.00")),
        (date(2026, 12, 31), None, Decimal("37.00")),
    ]
    assert charge.amount == Decimal("1036.00")
    assert (charge.session_id, charge.kind, charge.worked) == ("l1", cr.ShiftKind.DAY, timedelta(hours=54))


@pytest.mark.tz
def test_split_session_explains_each_part_and_the_rounding_in_the_policys_currency() -> None:
    """charging.midnight-split, hourly-rate, bank-holiday-rate, money.round-line-half-up."""
    session = cr.Session("x1", "su", london(2026, 12, 24, 22), london(2026, 12, 25, 1), staff="st-dee")
    assert [str(r) for r in cr.price_session(session, EURO).reasons] == [
        "[charging.midnight-split] split at local midnight into 2026-12-24 (ordinary day), 2026-12-25 (Christmas Day)",
        "[charging.hourly-rate] 2 h on 2026-12-24 at 18.50 EUR per hour (day, from 2000-01-01)",
        "[calendar.bank-holidays] 2026-12-25 is Christmas Day, a bank holiday in GB-ENG (holidays package)",
        "[charging.bank-holiday-rate] 1 h on 2026-12-25 at 27.75 EUR per hour (bank-holiday day, "
        "from 2000-01-01): 2026-12-25 is Christmas Day",
        "[money.round-line-half-up] 64.75 rounded once to 64.75 EUR",
    ]
    pay = cr.pay_for_session(session, WITH_RATES)
    assert pay.answer == cr.SessionPay("x1", "st-dee", timedelta(hours=3), timedelta(hours=3), 0)
    assert [str(r) for r in pay.reasons] == ["[pay.time-worked] 3 h worked and paid"]


@pytest.mark.tz
def test_clock_change_is_explained_with_both_local_times() -> None:
    """time.elapsed-duration: 00:30 to 03:30 on the spring-forward night is 2 h, not 3 h."""
    session = cr.Session("s1", "su", london(2026, 3, 29, 0, 30), london(2026, 3, 29, 3, 30))
    assert str(cr.price_session(session, cr.BUDDIES).reasons[0]) == (
        "[time.elapsed-duration] 2026-03-29 00:30 +00:00 to 2026-03-29 03:30 +01:00 is 2 h of real time, "
        "not the 3 h the clock faces suggest (the clocks changed)"
    )


@pytest.mark.tz
def test_closure_day_and_country_only_calendars_are_named_in_the_reason() -> None:
    """calendar.closure-days and calendar.bank-holidays say which calendar made the day special."""
    closed = attrs.evolve(WITH_RATES, calendar=cr.Calendar(closure_days=frozenset({date(2026, 8, 14)})))
    session = cr.Session("c", "su", london(2026, 8, 14, 10), london(2026, 8, 14, 12))
    assert str(cr.price_session(session, closed).reasons[0]) == (
        "[calendar.closure-days] 2026-08-14 is one of 1:1 Buddies Service's closure days"
    )
    national = attrs.evolve(WITH_RATES, calendar=cr.Calendar(subdivision=None))
    christmas = cr.Session("x", "su", london(2026, 12, 25, 10), london(2026, 12, 25, 12))
    assert str(cr.price_session(christmas, national).reasons[0]) == (
        "[calendar.bank-holidays] 2026-12-25 is Christmas Day, a bank holiday in GB (holidays package)"
    )


@pytest.mark.tz
@pytest.mark.parametrize(
    ("start", "end", "kind_of_day", "rates"),
    [
        (
            london(2026, 12, 24, 23),
            london(2026, 12, 25, 1),
            "bank-holiday",
            (rate(cr.ShiftKind.DAY, "18.50"), rate(cr.ShiftKind.DAY, "150.00", per_shift=True, holiday=True)),
        ),
        (
            london(2026, 12, 25, 23),
            london(2026, 12, 27, 1),
            "ordinary",
            (rate(cr.ShiftKind.DAY, "100.00", per_shift=True), rate(cr.ShiftKind.DAY, "27.75", holiday=True)),
        ),
    ],
)
def test_per_shift_rate_on_a_later_day_of_an_hourly_session_is_refused(
    start: datetime, end: datetime, kind_of_day: str, rates: tuple[cr.Rate, ...]
) -> None:
    policy = attrs.evolve(cr.BUDDIES, rates=rates)
    with pytest.raises(cr.InvalidInput) as caught:
        cr.price_session(cr.Session("s", "su", start, end), policy)
    assert caught.value.field == "rates"
    assert caught.value.value.basis is cr.RateBasis.PER_SHIFT
    assert caught.value.expected == f"a per-hour {kind_of_day} day rate, like the rate the session starts on"
