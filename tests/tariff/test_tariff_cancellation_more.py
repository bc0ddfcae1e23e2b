"""Cancellation terms beyond the tiers (issue 16 items 6 and 7): days of fees, terms per service, travel made."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import carerules as cr

LONDON = ZoneInfo("Europe/London")
D = Decimal


def _policy(**terms: Any) -> cr.Policy:
    tariff = cr.Tariff(
        rates=(
            cr.TariffRate("Hourly rate", amount=D("20.00")),
            cr.TariffRate("Live-in day", service="live-in", per=cr.Per.DAY, amount=D("160.00")),
        ),
        cancellation=cr.CancellationTerms(
            (cr.NoticeTier(D("24"), charge=cr.TierCharge("percent", D("100"))),), **terms
        ),
        cancellations=(
            cr.CancellationTerms(
                (cr.NoticeTier(D("7"), "business-days", cr.TierCharge("days", D("7"))),), service="live-in"
            ),
        ),
        travel=cr.Travel(
            (cr.Mileage("to-client", D("0.45")),), cr.TravelTime(D("12.00"), D("0"), cr.Distance.MILE, None)
        ),
    )
    return cr.Policy("p", "P", "1", date(2000, 1, 1), tariff=tariff)


def _at(d: int, h: int = 9) -> datetime:
    return datetime(2026, 3, d, h, tzinfo=LONDON)


def test_a_charge_in_days_of_fees_takes_the_bookings_average_day() -> None:
    """UK08 U4 (providers.json): a live-in placement cancelled is charged 7 days' fees (3 booked days at 160.00)."""
    stay = cr.Visit(_at(16, 0), _at(19, 0), "live-in")
    decision = cr.price_cancellation(stay, _at(12), _policy())
    assert decision.answer.amount == D("1120.00")
    assert (
        "7 days' fees charged (the under 7 business days tier; 7 days at £160.00 a day, the booked £480.00 over 3 days)"
        in decision.explain()
    )


def test_a_booking_not_charged_by_the_day_is_one_days_fees() -> None:
    p = _policy()
    terms = cr.CancellationTerms((cr.NoticeTier(D("48"), charge=cr.TierCharge("days", D("2"))),), service="day-care")
    p = cr.Policy("p", "P", "1", date(2000, 1, 1), tariff=cr.Tariff(p.tariff.latest.rates, cancellations=(terms,)))  # type: ignore[union-attr]
    visit = cr.Visit(_at(10, 9), _at(10, 12), "day-care")
    decision = cr.price_cancellation(visit, _at(10, 7), p)
    assert decision.answer.amount == D("120.00")
    assert "2 days at the booking's £60.00 as one day's fees" in decision.explain()


def test_terms_per_service_come_before_the_general_terms() -> None:
    p = _policy()
    hourly = cr.Visit(_at(16, 9), _at(16, 11))
    assert cr.price_cancellation(hourly, _at(12), p).answer.amount == D("0.00")  # 4 days: past the 24 h tier
    assert cr.price_cancellation(hourly, _at(16, 0), p).answer.amount == D("40.00")


@pytest.mark.parametrize(
    ("terms", "expected", "words"),
    [
        ({"includes_travel_made": True}, "50.50", "journey 1, already made: £10.50 included"),
        ({"includes_travel_made": True, "excludes_mileage": True}, "46.00", "(mileage excluded, as the terms say)"),
        ({}, "40.00", "travel already made is not part of a cancellation charge under these terms"),
    ],
    ids=["travel made included", "travel time only, mileage excluded", "travel not included"],
)
def test_travel_already_made_is_priced_as_price_journey_prices_it(
    terms: dict[str, bool], expected: str, words: str
) -> None:
    """C25 (terms README): a charge may exclude mileage and include travel already made (priced from the caller's
    distance and time: 10 miles at 0.45 and 30 minutes at 12.00 an hour)."""
    p = _policy(**terms)
    visit = cr.Visit(_at(16, 9), _at(16, 11))
    journey = cr.Journey(D("10"), "to-client", timedelta(minutes=30))
    decision = cr.price_cancellation(visit, _at(16, 8), p, travel=[journey])
    assert decision.answer.amount == D(expected)
    assert decision.answer.travel == D(expected) - D("40.00")
    assert words in decision.explain()
    assert "tariff.cancellation-travel" in decision.rule_ids


def test_travel_must_be_journeys() -> None:
    visit = cr.Visit(_at(16, 9), _at(16, 11))
    with pytest.raises(cr.InvalidInput) as caught:
        cr.price_cancellation(visit, _at(16, 8), _policy(includes_travel_made=True), travel=["ten miles"])  # type: ignore[list-item]
    assert "travel" in str(caught.value)


def test_a_days_charge_may_not_rise_with_more_notice() -> None:
    with pytest.raises(cr.TariffError) as caught:
        cr.CancellationTerms(
            (
                cr.NoticeTier(D("24"), charge=cr.TierCharge("days", D("1"))),
                cr.NoticeTier(D("48"), charge=cr.TierCharge("days", D("2"))),
            )
        )
    assert caught.value.where == "tiers[1].charge.amount"
