"""The terms of ``../shared/terms/providers.json`` over many visits, live-in cancellation and council funding.

Minimums per day (UK21), per month and per booking block (UK16), overtime
per caregiver-week (US01, US03), a live-in cancellation charged in days of
fees (UK08, case U4) and council-funded care at no fee (UK15). Where the
terms leave a choice open (AMBIGUOUS), each reading has its own row with the
option that gives it.
"""

from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import carerules as cr

HERE = Path(__file__).parent
LONDON = ZoneInfo("Europe/London")
CHICAGO = ZoneInfo("America/Chicago")
NEW_YORK = ZoneInfo("America/New_York")
D = Decimal


@cache
def _data(name: str) -> str:
    return (HERE / f"{name}.json").read_text(encoding="utf-8")


def policy(name: str, **tariff: Any) -> cr.Policy:
    data = json.loads(_data(name))
    data["tariff"] = {**copy.deepcopy(data["tariff"]), **tariff}
    return cr.load_policy(data)


def _visits(tz: ZoneInfo, *spans: tuple[int, int, int, int, float], **kw: str) -> list[cr.Visit]:
    """Visits (month, day, hour, minute, hours long) in 2026."""
    out = []
    for i, (mo, d, h, mi, hours) in enumerate(spans):
        start = datetime(2026, mo, d, h, mi, tzinfo=tz)
        out.append(cr.Visit(start, start + timedelta(hours=hours), id=f"v{i}", **kw))  # type: ignore[arg-type]
    return out


def test_uk21_one_hour_a_day_tops_up_a_days_short_visits() -> None:
    """UK21 ("minimum": usually one hour per day): two 20-minute weekday visits are charged one hour in all."""
    visits = _visits(LONDON, (1, 6, 9, 0, 1 / 3), (1, 6, 17, 0, 1 / 3), service_user="su")
    decision = cr.price_visits(visits, policy("uk21"))
    assert decision.answer.amount == D("30.00")
    assert (
        "2 visits on 2026-01-06 total 40 min; the usual daily minimum of 1 h tops up 20 min at £30.00 per hour "
        "(Weekday rate): £10.00"
    ) in decision.explain()
    assert decision.reasons[0].source.document.startswith("Rates page of a UK domiciliary provider")


def test_uk21_the_minimum_is_per_day_not_per_visit() -> None:
    """A visit alone is charged for its own length; two visits of an hour need no top-up."""
    (short,) = _visits(LONDON, (1, 6, 9, 0, 0.5))
    assert cr.quote_visit(short, policy("uk21")).amount == D("15.00")
    visits = _visits(LONDON, (1, 6, 9, 0, 0.5), (1, 6, 12, 0, 0.5), service_user="su")
    assert cr.price_visits(visits, policy("uk21")).answer.charges == ()


def test_uk16_two_visits_a_month_of_two_hours_each() -> None:
    """UK16 ("minimum": 2 visits a month of at least 2 h, read as 4 h a month): one 2-hour visit tops up 2 h."""
    visits = _visits(LONDON, (3, 3, 10, 0, 2), service_user="su")
    decision = cr.price_visits(visits, policy("uk16"))
    assert decision.answer.amount == D("80.00")
    assert "1 visit in 2026-03 total 2 h; the monthly minimum (2 visits of 2 h) of 4 h tops up 2 h" in (
        decision.explain()
    )


def test_uk16_a_six_week_booking_block_has_its_minimum() -> None:
    """UK16 ("booking_block_weeks": 6; 2 h a week is illustrative): 5 visits of 2 h in block B1 top up 2 h."""
    visits = _visits(LONDON, *((3, d, 10, 0, 2) for d in (3, 10, 17, 24, 31)), service_user="su", block="B1")
    decision = cr.price_visits(visits, policy("uk16"))
    (charge,) = decision.answer.charges
    assert (charge.charged, charge.amount) == (timedelta(hours=2), D("40.00"))


@pytest.mark.parametrize(
    ("reading", "week_start", "extra"),
    [
        ("weeks from Sunday (the US payroll week; the page does not say)", "sunday", "50.00"),
        ("weeks from Monday", "monday", "0.00"),
    ],
)
def test_us01_time_and_a_half_past_40_hours_a_caregiver_week(reading: str, week_start: str, extra: str) -> None:
    """US01 ("overtime": time and a half past 40 h per caregiver per week); AMBIGUOUS: which day a week starts."""
    # Sunday 1 March to Thursday 5 March 2026, 9 h a day: 45 h from Sunday, but Sunday is in the week before Monday's
    visits = _visits(CHICAGO, *((3, d, 8, 0, 9) for d in (1, 2, 3, 4, 5)), caregiver="c1")
    rule = {"after": "PT40H", "times": "1.5", "week_start": week_start}
    decision = cr.price_visits(visits, policy("us01", overtime=[rule]))
    assert decision.answer.amount == D("900.00") + D(extra)
    assert "tariff.overtime" in decision.rule_ids


@pytest.mark.parametrize(
    ("reading", "options", "extra"),
    [
        ("overtime on a holiday is 2 x the rate (as published)", {}, "60.00"),
        (
            "stacked: 1.5 x the 1.5 x holiday rate",
            {"overtime": [{"after": "PT40H", "times": "1.5"}]},
            "90.00",
        ),
    ],
)
def test_us03_overtime_on_a_holiday_is_twice_the_rate(reading: str, options: dict[str, Any], extra: str) -> None:
    """US03 ("overtime": 1.5 past 40 h a week, "overtime_on_holiday": 2.0): 36 h, then 8 h on Thanksgiving."""
    visits = _visits(NEW_YORK, *((11, d, 8, 0, 12) for d in (23, 24, 25)), (11, 26, 8, 0, 8), caregiver="c1")
    decision = cr.price_visits(visits, policy("us03", **options))
    # 36 h at 30.00 and 8 h at the holiday 45.00; 4 h of the holiday past 40 h
    assert decision.answer.amount == D("1080.00") + D("360.00") + D(extra)


@pytest.mark.parametrize(
    ("reading", "tiers", "cancelled", "expected"),
    [
        ("under 7 working days' notice: 7 days' fees", None, datetime(2026, 3, 12, 9, tzinfo=LONDON), "1050.00"),
        ("7 working days' notice or more: free", None, datetime(2026, 3, 2, 9, tzinfo=LONDON), "0.00"),
        (
            "7 days' fees whatever the notice",
            [{"unit": "calendar-days", "under": "3650", "charge": {"kind": "days", "amount": "7"}}],
            datetime(2026, 3, 2, 9, tzinfo=LONDON),
            "1050.00",
        ),
    ],
)
def test_u4_uk08_a_live_in_carer_cancelled_is_charged_7_days(
    reading: str, tiers: list[dict[str, Any]] | None, cancelled: datetime, expected: str
) -> None:
    """U4 (providers.json): 7 full working days charged; whether notice of 7 working days avoids it is not stated."""
    options = {} if tiers is None else {"cancellations": [{"service": "live-in", "tiers": tiers}]}
    stay = cr.Visit(datetime(2026, 3, 16, tzinfo=LONDON), datetime(2026, 3, 30, tzinfo=LONDON), "live-in")
    decision = cr.price_cancellation(stay, cancelled, policy("uk08", **options))
    assert decision.answer.amount == D(expected)


def test_uk08_daily_visits_keep_their_own_cancellation_terms() -> None:
    visit = cr.Visit(datetime(2026, 3, 10, 9, tzinfo=LONDON), datetime(2026, 3, 10, 11, tzinfo=LONDON), "daily-carer")
    assert cr.price_cancellation(visit, visit.start - timedelta(hours=47), policy("uk08")).answer.amount == D("43.00")


@pytest.mark.parametrize(
    ("funder", "expected"),
    [("council", "0.00"), ("private", "80.00"), (None, "80.00")],
)
def test_uk15_council_funded_care_costs_the_client_nothing(funder: str | None, expected: str) -> None:
    """UK15 ("funder": care the council buys carries no fee from the client to the provider), on Easter Saturday."""
    visit = cr.Visit(datetime(2026, 4, 4, 10, tzinfo=LONDON), datetime(2026, 4, 4, 12, tzinfo=LONDON), funder=funder)
    decision = cr.price_visit(visit, policy("uk15"))
    assert decision.answer.amount == D(expected)
    if funder == "council":
        assert "Council-funded care on a holiday" in decision.explain()


@pytest.mark.parametrize(("service", "expected"), [(None, "120.00"), ("events-group", "180.00")])
def test_us03_the_minimum_depends_on_the_service(service: str | None, expected: str) -> None:
    """US03 ("minimum_hours": support professionals 4 h, events and group support 6 h): a 3-hour booking."""
    start = datetime(2026, 3, 10, 10, tzinfo=NEW_YORK)
    visit = cr.Visit(start, start + timedelta(hours=3), service)
    assert cr.quote_visit(visit, policy("us03")).amount == D(expected)
