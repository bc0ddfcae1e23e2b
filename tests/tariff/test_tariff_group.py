"""Rules over many visits (issue 16, C10 and C41): minimums per day, month or booking block; overtime per week."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import carerules as cr
from carerules.strategies import tariff_policies, tariffs, visit_groups

LONDON = ZoneInfo("Europe/London")
D = Decimal


def _policy(tariff: cr.Tariff) -> cr.Policy:
    return cr.Policy("group-test", "A test provider", "1", date(2000, 1, 1), tariff=tariff)


def _at(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=LONDON)


def _visit(day: int, hour: int, minutes: int, **kw: str) -> cr.Visit:
    start = _at(2027, 3, day, hour)
    return cr.Visit(start, start + timedelta(minutes=minutes), **kw)  # type: ignore[arg-type]


def _minimum(scope: cr.Scope, hours: float) -> cr.Policy:
    return _policy(
        cr.Tariff(
            rates=(cr.TariffRate("Weekday rate", amount=D("30.00")),),
            durations=(cr.DurationRules(minimums=(cr.ScopedMinimum(scope, timedelta(hours=hours)),)),),
        )
    )


def test_a_daily_minimum_tops_up_the_days_visits_and_says_how() -> None:
    """UK21 (providers.json): "usually one hour per day"; here 2 h, three short visits on one date."""
    visits = [
        _visit(2, 9, 30, service_user="su"),
        _visit(2, 12, 40, service_user="su"),
        _visit(2, 17, 30, service_user="su"),
    ]
    decision = cr.price_visits(visits, _minimum(cr.Scope.DAY, 2))
    assert (
        "[tariff.scoped-minimum] 3 visits on 2027-03-02 total 1 h 40 min; the daily minimum of 2 h tops up 20 min "
        "at £30.00 per hour (Weekday rate): £10.00 (visits totalling 2 h or more need no top-up)"
    ) in decision.explain()
    assert decision.answer.amount == D("60.00")
    (charge,) = decision.answer.charges
    assert (charge.rule, charge.charged, charge.amount) == ("minimum", timedelta(minutes=20), D("10.00"))
    assert sum(p.amount for p in decision.answer.visits) == D("50.00")


def test_the_daily_minimum_is_per_service_user_and_per_local_date() -> None:
    visits = [
        _visit(2, 9, 60, service_user="a"),
        _visit(2, 10, 60, service_user="b"),
        _visit(3, 9, 120, service_user="a"),
    ]
    decision = cr.price_visits(visits, _minimum(cr.Scope.DAY, 2))
    assert [c.group for c in decision.answer.charges] == ["a 2027-03-02", "b 2027-03-02"]
    assert "1 visit on 2027-03-03 total 2 h, at least the daily minimum of 2 h: no top-up" in decision.explain()


def test_a_visit_with_no_service_user_is_in_no_group() -> None:
    assert cr.price_visits([_visit(2, 9, 30)], _minimum(cr.Scope.DAY, 2)).answer.charges == ()


def test_a_monthly_minimum_counts_the_local_month() -> None:
    """UK16 (providers.json): at least 2 visits a month of at least 2 h each, read as 4 h a month."""
    visits = [_visit(2, 9, 120, service_user="su"), _visit(30, 9, 60, service_user="su")]
    decision = cr.price_visits(visits, _minimum(cr.Scope.MONTH, 4))
    assert decision.answer.charges[0].charged == timedelta(hours=1)
    assert "2 visits in 2027-03 total 3 h; the monthly minimum of 4 h tops up 1 h" in decision.explain()


def test_a_booking_block_minimum_groups_by_the_callers_block_id() -> None:
    visits = [_visit(d, 9, 120, service_user="su", block="B1") for d in (1, 8)] + [
        _visit(15, 9, 120, service_user="su")
    ]
    decision = cr.price_visits(visits, _minimum(cr.Scope.BLOCK, 6))
    (charge,) = decision.answer.charges
    assert (charge.visit_ids, charge.charged) == (("", ""), timedelta(hours=2))
    assert "2 visits in booking block B1 total 4 h" in decision.explain()


def test_quote_group_is_price_visits_answer() -> None:
    visits = [_visit(2, 9, 30, service_user="su")]
    policy = _minimum(cr.Scope.DAY, 2)
    assert cr.quote_group(visits, policy) == cr.price_visits(visits, policy).answer


US = ZoneInfo("America/Chicago")


def _overtime(**kw: object) -> cr.Policy:
    holiday = cr.DayType("holiday", "a holiday", precedence=10, dates=frozenset({"03-05"}))
    return cr.Policy(
        "ot",
        "A US agency",
        "1",
        date(2000, 1, 1),
        timezone="America/Chicago",
        currency="USD",
        tariff=cr.Tariff(
            rates=(
                cr.TariffRate("Hourly rate", amount=D("20.00")),
                cr.TariffRate("Holiday rate", "holiday", times=D("1.5"), of="Hourly rate"),
            ),
            day_types=(holiday,),
            overtime=(cr.Overtime(timedelta(hours=40), D("1.5"), **kw),),  # type: ignore[arg-type]
        ),
    )


def _shift(day: int, hours: int, caregiver: str = "c1") -> cr.Visit:
    start = datetime(2027, 3, day, 8, tzinfo=US)
    return cr.Visit(start, start + timedelta(hours=hours), caregiver=caregiver, id=f"{caregiver}-{day}")


def test_overtime_past_40_hours_a_caregiver_week_is_time_and_a_half() -> None:
    """US01 (providers.json): time-and-a-half for more than 40 hours per caregiver per week."""
    week = [_shift(d, 9) for d in (1, 2, 3, 4)] + [_shift(6, 8)]  # Mon-Thu 36 h, Sat 8 h: 4 h over
    decision = cr.price_visits(week, _overtime())
    (charge,) = decision.answer.charges
    assert (charge.charged, charge.amount, charge.visit_ids) == (timedelta(hours=4), D("40.00"), ("c1-6",))
    assert (
        "a caregiver's week from 2027-03-01 (Monday): 44 h charged by the hour; the 4 h past the 40 h limit at "
        "1.5 \u00d7 its rate: 40.00 USD more"
    ) in decision.explain()


def test_overtime_is_per_caregiver_and_the_week_start_is_data() -> None:
    week = [_shift(d, 9) for d in (1, 2, 3, 4)] + [_shift(6, 8, "c2")]
    assert cr.price_visits(week, _overtime()).answer.charges == ()
    # weeks from Thursday: Mon-Wed (27 h) and Thu + Sat (17 h) are in different weeks
    split = [_shift(d, 9) for d in (1, 2, 3, 4)] + [_shift(6, 8)]
    assert cr.price_visits(split, _overtime(week_start=cr.Weekday.THURSDAY)).answer.charges == ()


@pytest.mark.parametrize(
    ("multiplied", "expected"),
    [(None, "15.00"), (D("2"), "10.00")],
    ids=["stacked 1.5 x 1.5", "US03 overtime on a holiday 2 x base"],
)
def test_overtime_on_a_holiday_stacks_or_takes_the_stated_multiple_of_the_base(
    multiplied: Decimal | None, expected: str
) -> None:
    """US03 (providers.json): overtime 1.5x, holiday 1.5x, overtime on a holiday 2x (not 2.25x)."""
    week = [_shift(d, 10) for d in (1, 2, 3, 4)] + [_shift(5, 1)]  # 40 h, then 1 h on the holiday (30.00/h)
    charge = cr.price_visits(week, _overtime(multiplied_times=multiplied)).answer.charges[0]
    # stacked: 1.5 x 30.00 = 45.00, 15.00 more; 2 x the base 20.00 = 40.00, 10.00 more than the holiday rate
    assert charge.amount == D(expected)


def test_bad_scoped_minimums_and_overtime_name_their_place() -> None:
    base = {"id": "x", "name": "X", "version": "1", "effective_from": "2026-01-01"}
    cases: list[tuple[dict[str, Any], str]] = [
        (
            {"durations": [{"minimums": [{"scope": "day", "minimum": "PT2H"}, {"scope": "day", "minimum": "PT3H"}]}]},
            "$.tariff.durations[0].minimums[1].scope",
        ),
        (
            {"durations": [{"minimums": [{"scope": "week", "minimum": "PT2H"}]}]},
            "$.tariff.durations[0].minimums[0].scope",
        ),
        ({"overtime": [{"after": "PT40H", "times": "0.5"}]}, "$.tariff.overtime[0].times"),
        (
            {"overtime": [{"after": "PT40H", "times": "1.5", "week_start": "someday"}]},
            "$.tariff.overtime[0].week_start",
        ),
        (
            {"overtime": [{"after": "PT40H", "times": "1.5"}, {"after": "PT4H", "times": "2"}]},
            "$.tariff.overtime[1].service",
        ),
    ]
    for tariff, place in cases:
        with pytest.raises(cr.ScenarioError) as caught:
            cr.load_policy({**base, "tariff": {"rates": [{"name": "R", "amount": "20.00"}], **tariff}})
        assert str(caught.value).startswith(place + ":"), str(caught.value)


GROUPED = tariff_policies(tariffs(price_tables=False))


@given(GROUPED, visit_groups())
def test_group_rules_never_lower_the_total(policy: cr.Policy, visits: tuple[cr.Visit, ...]) -> None:
    """A minimum over a day, month or block, and overtime, only ever add: the total is at least the visits' own."""
    price = cr.quote_group(visits, policy)
    assert [p.amount for p in price.visits] == [cr.quote_visit(v, policy).amount for v in visits]
    assert all(c.amount >= 0 for c in price.charges)
    assert price.amount == sum(p.amount for p in price.visits) + sum(c.amount for c in price.charges)


@given(
    tariff_policies(tariffs(price_tables=False).map(lambda t: attrs.evolve(t, durations=()))),
    visit_groups(),
    st.integers(1, 600),
)
def test_overtime_never_lowers_the_weeks_total(policy: cr.Policy, visits: tuple[cr.Visit, ...], extra: int) -> None:
    """A longer visit only moves more of the week past the limit, and overtime adds to a line, never takes away.

    (Not so for a minimum over a day: the top-up is at the rate of the day's first visit, so lengthening a later
    visit at a cheaper band can lower the day's total; the property there is that a top-up never lowers it.)
    """
    longer = (attrs.evolve(visits[0], end=cr.plus_elapsed(visits[0].end, timedelta(minutes=extra))), *visits[1:])
    assert cr.quote_group(longer, policy).amount >= cr.quote_group(visits, policy).amount


@given(GROUPED, visit_groups())
def test_price_visits_explains_each_group_charge(policy: cr.Policy, visits: tuple[cr.Visit, ...]) -> None:
    decision = cr.price_visits(visits, policy)
    assert decision.answer == cr.quote_group(visits, policy)
    charged = [r for r in decision.reasons if r.rule_id in ("tariff.scoped-minimum", "tariff.overtime")]
    assert len([r for r in charged if " more" in r.detail or "tops up" in r.detail]) == len(decision.answer.charges)
