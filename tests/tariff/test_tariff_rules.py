"""The tariff rules one by one, each on a small policy built in the test (issue 16, primitives 1 to 5 and 10)."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import carerules as cr
from carerules.serialisation import to_data

LONDON = ZoneInfo("Europe/London")
D = Decimal


def _policy(tariff: cr.Tariff) -> cr.Policy:
    return cr.Policy("tariff-test", "A test provider", "1", date(2000, 1, 1), tariff=tariff)


def _at(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=LONDON)


SIMPLE = _policy(cr.Tariff(rates=(cr.TariffRate("Hourly rate", amount=D("18.50")),)))


def test_a_simple_tariff_is_one_rate() -> None:
    decision = cr.price_visit(cr.Visit(_at(2026, 1, 6, 10), _at(2026, 1, 6, 12, 30)), SIMPLE)
    assert decision.answer.amount == D("46.25")
    assert decision.rule_ids == ("tariff.rate-grid", "money.round-line-half-up")
    assert "Tuesday 10:00\u201312:30 at \u00a318.50 per hour (Hourly rate)" in decision.explain()


def test_a_rate_in_force_from_a_date_says_so() -> None:
    """Issue 16's example reason: "Saturday 10:00-14:00 at £24.00 per hour (Saturday rate, from 2025-04-01)"."""
    saturday = cr.DayType("saturday", "Saturday", weekdays=frozenset({cr.Weekday.SATURDAY}))
    amount: cr.Dated[Decimal] = cr.Dated(
        (cr.Change(date(2024, 4, 1), D("22.00")), cr.Change(date(2025, 4, 1), D("24.00")))
    )
    tariff = cr.Tariff(
        rates=(
            cr.TariffRate("Standard rate", amount=D("20.00")),
            cr.TariffRate("Saturday rate", "saturday", amount=amount),
        ),
        day_types=(saturday,),
    )
    decision = cr.price_visit(cr.Visit(_at(2025, 6, 7, 10), _at(2025, 6, 7, 14)), _policy(tariff))
    assert "Saturday 10:00\u201314:00 at \u00a324.00 per hour (Saturday rate, from 2025-04-01)" in decision.explain()
    assert decision.answer.amount == D("96.00")
    before = cr.price_visit(cr.Visit(_at(2025, 3, 29, 10), _at(2025, 3, 29, 14)), _policy(tariff))
    assert before.answer.amount == D("88.00")


def test_the_increment_reason_reads_as_the_issue_says() -> None:
    """Issue 16's example: "2 h 05 min rounded up to 2 h 15 min in 15-minute units" (the library writes 2 h 5 min)."""
    tariff = cr.Tariff(
        rates=(cr.TariffRate("Hourly rate", amount=D("20.00")),),
        durations=(cr.DurationRules(increment=timedelta(minutes=15)),),
    )
    decision = cr.price_visit(cr.Visit(_at(2026, 1, 6, 10), _at(2026, 1, 6, 12, 5)), _policy(tariff))
    assert "tariff.increment" in decision.rule_ids
    assert "2 h 5 min rounded up to 2 h 15 min in 15-minute units" in decision.explain()
    assert decision.answer.amount == D("45.00")


@pytest.mark.parametrize(("rounding", "charged"), [("up", "2 h 15 min"), ("down", "2 h"), ("nearest", "2 h")])
def test_increments_round_in_the_stated_direction(rounding: str, charged: str) -> None:
    tariff = cr.Tariff(
        rates=(cr.TariffRate("Hourly rate", amount=D("20.00")),),
        durations=(cr.DurationRules(increment=timedelta(minutes=15), rounding=cr.Rounding(rounding)),),
    )
    decision = cr.price_visit(cr.Visit(_at(2026, 1, 6, 10), _at(2026, 1, 6, 12, 5)), _policy(tariff))
    assert charged in decision.explain() or rounding == "nearest"
    assert (
        decision.answer.charged
        == {"up": timedelta(minutes=135), "down": timedelta(hours=2), "nearest": timedelta(hours=2)}[rounding]
    )


def test_booked_basis_charges_the_booking_when_sent_away_early() -> None:
    tariff = cr.Tariff(
        rates=(cr.TariffRate("Hourly rate", amount=D("20.00")),),
        durations=(cr.DurationRules(basis=cr.Basis.BOOKED),),
    )
    visit = cr.Visit(_at(2026, 1, 6, 10), _at(2026, 1, 6, 11), booked_end=_at(2026, 1, 6, 13))
    decision = cr.price_visit(visit, _policy(tariff))
    assert decision.answer.amount == D("60.00")
    assert "tariff.booked-time" in decision.rule_ids
    actual = cr.price_visit(visit, _policy(cr.Tariff(rates=tariff.rates)))
    assert actual.answer.amount == D("20.00")


def test_two_carers_are_twice_the_rate_without_a_double_up_rate() -> None:
    visit = cr.Visit(_at(2026, 1, 6, 10), _at(2026, 1, 6, 12), carers=2)
    decision = cr.price_visit(visit, SIMPLE)
    assert decision.answer.amount == D("74.00")
    assert "tariff.two-carers" in decision.rule_ids


def test_two_carers_take_the_double_up_rate_when_there_is_one() -> None:
    tariff = cr.Tariff(
        rates=(
            cr.TariffRate("Hourly rate", amount=D("18.50")),
            cr.TariffRate("Double-up rate", amount=D("30.00"), carers=2),
        )
    )
    decision = cr.price_visit(cr.Visit(_at(2026, 1, 6, 10), _at(2026, 1, 6, 12), carers=2), _policy(tariff))
    assert decision.answer.amount == D("60.00")
    assert "tariff.two-carers" in decision.rule_ids


def test_a_weekly_rate_is_pro_rata_by_local_dates() -> None:
    """PS03 (providers.json): Shared Lives priced per week; three dates are 3/7 of a week."""
    policy = cr.read_policy_text((Path(__file__).parents[1] / "conformance" / "ps03.json").read_text(encoding="utf-8"))
    week = cr.price_visit(cr.Visit(_at(2024, 6, 3), _at(2024, 6, 10), "shared-lives-low"), policy)
    assert week.answer.amount == D("327.88")
    part = cr.price_visit(cr.Visit(_at(2024, 6, 3), _at(2024, 6, 6), "shared-lives-low"), policy)
    assert part.answer.amount == D("140.52")
    assert "tariff.per-week" in part.rule_ids
    session = cr.price_visit(cr.Visit(_at(2024, 6, 3, 10), _at(2024, 6, 3, 15), "day-care"), policy)
    assert session.answer.amount == D("13.64")


def test_bands_split_a_visit_at_local_edges_across_a_clock_change() -> None:
    """Bands are local wall times; the night the clocks go back has a 25-hour day."""
    tariff = cr.Tariff(
        rates=(cr.TariffRate("Day", amount=D("20.00")), cr.TariffRate("Night", band="night", amount=D("30.00"))),
        bands=(cr.Band("night", time(22), time(6)),),
    )
    visit = cr.Visit(_at(2026, 10, 24, 20), _at(2026, 10, 25, 8))  # 13 h of real time
    decision = cr.price_visit(visit, _policy(tariff))
    assert decision.answer.worked == timedelta(hours=13)
    # 2 h day (20-22), 9 h night (22-06 local, one hour repeated), 2 h day (06-08)
    assert decision.answer.amount == D("350.00")
    assert "time.elapsed-duration" in decision.rule_ids
    assert "tariff.band-split" in decision.rule_ids


def test_the_buddies_reading_of_the_minimum_prices_the_top_up_at_the_first_part() -> None:
    """Buddies B32 and the charging rule: a short session is topped up at the rate of its first part."""
    holiday = cr.DayType("bank-holiday", precedence=10, bank_holidays=True)
    rates = (cr.TariffRate("Day", amount=D("18.50")), cr.TariffRate("Bank holiday", "bank-holiday", amount=D("27.75")))
    visit = cr.Visit(_at(2026, 12, 24, 23, 30), _at(2026, 12, 25, 0, 30))
    first = _policy(
        cr.Tariff(
            rates, (holiday,), durations=(cr.DurationRules(minimum=timedelta(hours=2), top_up=cr.TopUp.FIRST_PART),)
        )
    )
    extend = _policy(cr.Tariff(rates, (holiday,), durations=(cr.DurationRules(minimum=timedelta(hours=2)),)))
    # first part: 30 min at 18.50 + 1 h top-up at 18.50, then 30 min at 27.75
    assert cr.price_visit(visit, first).answer.amount == D("41.63")
    # as if it went on: 30 min at 18.50, then 1 h 30 min at 27.75
    assert cr.price_visit(visit, extend).answer.amount == D("50.88")
    assert "tariff.minimum" in cr.price_visit(visit, extend).rule_ids


def test_a_tariff_reproduces_the_buddies_charging_rules_for_day_sessions() -> None:
    """The Buddies policy as one small tariff: 18.50 an hour, a 2-hour minimum topped up at the first part's rate."""
    tariff = cr.Tariff(
        rates=(cr.TariffRate("Day support", amount=D("18.50")),),
        durations=(cr.DurationRules(minimum=timedelta(hours=2), top_up=cr.TopUp.FIRST_PART),),
    )
    for start, minutes in ((_at(2026, 5, 5, 10), 90), (_at(2026, 5, 5, 10), 150), (_at(2026, 3, 29, 0, 30), 180)):
        end = start + timedelta(minutes=minutes)
        session = cr.price_session(cr.Session("s", "su", start, end), cr.BUDDIES)
        visit = cr.price_visit(cr.Visit(start, end), _policy(tariff))
        assert visit.answer.amount == session.answer.amount


def test_an_overlap_of_bands_is_allowed_with_a_stated_precedence() -> None:
    tariff = cr.Tariff(
        rates=(cr.TariffRate("Day", amount=D("20.00")), cr.TariffRate("Late", band="late", amount=D("25.00"))),
        bands=(cr.Band("evening", time(18), time(0)), cr.Band("late", time(21), time(0), precedence=1)),
    )
    decision = cr.price_visit(cr.Visit(_at(2026, 1, 6, 20), _at(2026, 1, 6, 22)), _policy(tariff))
    assert decision.answer.amount == D("45.00")


def test_a_visit_with_no_rate_for_its_time_is_refused_not_priced() -> None:
    weekday = cr.DayType("weekday", weekdays=frozenset(list(cr.Weekday)[:5]))
    tariff = cr.Tariff(rates=(cr.TariffRate("Weekday", "weekday", amount=D("20.00")),), day_types=(weekday,))
    with pytest.raises(cr.MissingTariffRate):
        cr.price_visit(cr.Visit(_at(2026, 1, 9, 22), _at(2026, 1, 10, 2)), _policy(tariff))


def test_tariffs_and_visits_round_trip_through_policy_files() -> None:
    text = (Path(__file__).parents[1] / "conformance" / "us01.json").read_text(encoding="utf-8")
    policy = cr.read_policy_text(text)
    again = cr.read_policy_text(json.dumps(to_data(policy)))
    assert again == policy
    assert again.tariff.latest == policy.tariff.latest


def test_a_funder_may_have_its_own_price_for_the_same_service() -> None:
    """C39 (terms README): council-funded and private clients pay different rates; the cell with the funder wins."""
    tariff = cr.Tariff(
        rates=(
            cr.TariffRate("Private rate", service="personal-care", amount=D("26.00")),
            cr.TariffRate("Council rate", service="personal-care", funder="council", amount=D("23.92")),
        )
    )
    start, end = _at(2026, 1, 6, 10), _at(2026, 1, 6, 11)
    council = cr.price_visit(cr.Visit(start, end, "personal-care", funder="council"), _policy(tariff))
    private = cr.price_visit(cr.Visit(start, end, "personal-care", funder="private"), _policy(tariff))
    assert (council.answer.amount, private.answer.amount) == (D("23.92"), D("26.00"))
    assert "tariff.rate-grid" in council.rule_ids


def test_a_cap_on_disturbance_calls_stops_charging_after_it() -> None:
    """C17: per-call charges, the first free, at most two charged per night."""
    tariff = cr.Tariff(
        rates=(
            cr.TariffRate("Sleep-in", service="sleep-in", per=cr.Per.VISIT, amount=D("90.00")),
            cr.TariffRate("Call", service="sleep-in", per=cr.Per.CALL, amount=D("8.00")),
        ),
        nights=(cr.Nights(free_calls=1, cap=2),),
    )
    calls = tuple(_at(2026, 1, 7, h) for h in (1, 2, 3, 4, 5))
    decision = cr.price_visit(
        cr.Visit(_at(2026, 1, 6, 22), _at(2026, 1, 7, 7), "sleep-in", calls=calls), _policy(tariff)
    )
    assert decision.answer.amount == D("106.00")
    assert "not charged: 01:00 (free), 04:00 (over the cap), 05:00 (over the cap)" in decision.explain()
