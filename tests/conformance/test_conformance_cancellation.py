"""Cancellation cases of ``../shared/terms/providers.json`` (U13, U26), and the other providers' cancellation terms.

Each test cites the provider record (UK04, US03, UK08, UK13, UK38) and its
``cancellation`` terms; figures the pages do not give (the hourly rates) are
illustrative and labelled so in the files.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import carerules as cr

HERE = Path(__file__).parent
LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")


def policy(name: str) -> cr.Policy:
    return cr.load_policy(json.loads((HERE / f"{name}.json").read_text(encoding="utf-8")))


#: UK04 visit: Tuesday 10 March 2026, 14:00-16:00 London, £40.00 booked at the illustrative £20.00 an hour.
UK04_VISIT = cr.Visit(datetime(2026, 3, 10, 14, tzinfo=LONDON), datetime(2026, 3, 10, 16, tzinfo=LONDON))


@pytest.mark.parametrize(
    ("reading", "cancelled_at", "expected"),
    [
        ("same day", datetime(2026, 3, 10, 8, tzinfo=LONDON), "40.00"),
        ("36 h", UK04_VISIT.start - timedelta(hours=36), "20.00"),
        ("4 days", UK04_VISIT.start - timedelta(days=4), None),
        ("8 days", UK04_VISIT.start - timedelta(days=8), "0.00"),
    ],
)
def test_u13_uk04_cancellation_tiers_same_day_36h_4_days_8_days(
    reading: str, cancelled_at: datetime, expected: str | None
) -> None:
    """U13 (providers.json UK04, "cancellation"): 100% / 50% / UNDEFINED / 0%.

    The band between 48 hours and a week is not stated by the provider: the
    policy file gives it a ``not-stated`` tier, and the answer says so
    (``amount`` ``None``, ``stated`` false, the band in ``Decision.missing``).
    """
    decision = cr.price_cancellation(UK04_VISIT, cancelled_at, policy("uk04"))
    price = decision.answer
    assert "tariff.cancellation-tier" in decision.rule_ids
    assert "tariff.notice-unit" in decision.rule_ids
    if expected is None:
        assert price.amount is None
        assert not price.stated
        assert price.staff_paid is None
        assert decision.missing == ("a cancellation charge for notice under 7 calendar days",)
        assert "not guessed" in str(decision.reasons[-1])
    else:
        assert price.amount == Decimal(expected)
        assert price.stated
        assert decision.missing == ()
    assert price.booked == Decimal("40.00")


def test_u13_uk04_the_tier_reason_cites_the_providers_own_clause() -> None:
    """UK04 "Cancellations": the tier reason is grounded in the provider's clause, and says what would change it."""
    decision = cr.price_cancellation(UK04_VISIT, UK04_VISIT.start - timedelta(hours=36), policy("uk04"))
    tier = next(r for r in decision.reasons if r.rule_id == "tariff.cancellation-tier")
    assert tier.detail == "notice was 36 h: 50% charged (the under 48 h tier; 50% of the booked £40.00)"
    assert tier.would_change == "48 h or more: no charge stated"
    assert tier.source.section == "Cancellations"


US03_VISIT = cr.Visit(datetime(2026, 3, 10, 10, tzinfo=NEW_YORK), datetime(2026, 3, 10, 16, tzinfo=NEW_YORK))


@pytest.mark.parametrize(("hours_before", "expected", "charged_hours"), [(10, "120.00", 4), (3, "180.00", 6)])
def test_u26_us03_six_hour_booking_cancelled_10h_and_3h_before(
    hours_before: int, expected: str, charged_hours: int
) -> None:
    """U26 (providers.json US03, "cancellation"): 4 hours charged at 10 h notice, the full 6 hours at 3 h."""
    decision = cr.price_cancellation(US03_VISIT, US03_VISIT.start - timedelta(hours=hours_before), policy("us03"))
    assert decision.answer.amount == Decimal(expected)
    assert decision.answer.amount == Decimal(30) * charged_hours  # the illustrative 30.00 an hour
    assert decision.answer.currency == "USD"


def test_uk08_under_48_hours_notice_is_charged_in_full() -> None:
    """UK08 (providers.json, "cancellation": notice under 48 h, 100%): 47 h is charged, 48 h is free."""
    p = policy("uk08")
    visit = cr.Visit(datetime(2026, 3, 10, 9, tzinfo=LONDON), datetime(2026, 3, 10, 11, tzinfo=LONDON), "daily-carer")
    assert cr.price_cancellation(visit, visit.start - timedelta(hours=47), p).answer.amount == Decimal("43.00")
    assert cr.price_cancellation(visit, visit.start - timedelta(hours=48), p).answer.amount == Decimal("0.00")


def test_uk13_cancellation_charge_excludes_mileage() -> None:
    """UK13 (providers.json, "cancellation": under 7 days, "charged, excluding any agreed mileage")."""
    visit = cr.Visit(datetime(2026, 3, 10, 9, tzinfo=LONDON), datetime(2026, 3, 10, 10, tzinfo=LONDON))
    decision = cr.price_cancellation(visit, visit.start - timedelta(days=3), policy("uk13"))
    assert decision.answer.excludes_mileage
    assert decision.answer.amount == decision.answer.booked
    assert any("excludes mileage" in r.detail for r in decision.reasons)


@pytest.mark.parametrize(("hours", "expected"), [(10, "36.00"), (20, "60.00")])
def test_uk38_assignment_cancellation_is_the_greater_of_25_percent_and_3_hours(hours: int, expected: str) -> None:
    """UK38 (providers.json, "assignment_cancellation"): within 2 weeks, the greater of 25% of the fees or 3 hours.

    The booking passed stands for the week's fees (the caller's reading of "one week's fees").
    """
    start = datetime(2026, 3, 9, 8, tzinfo=LONDON)
    visit = cr.Visit(start, start + timedelta(hours=hours))
    decision = cr.price_cancellation(visit, start - timedelta(days=10), policy("uk38"))
    assert decision.answer.amount == Decimal(expected)
    assert cr.price_cancellation(visit, start - timedelta(days=14), policy("uk38")).answer.amount == Decimal("0.00")
