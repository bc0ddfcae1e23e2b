"""The Buddies built-in carries its charging as one small tariff (issue 16, "Keep"): both paths agree.

``price_session`` (the charging rules: an hourly rate per shift kind, a
2-hour minimum topped up at the first part's rate, no bank-holiday or
sleeping-night rate) and ``price_visit`` under the tariff in
``buddies.json`` give the same amount for every session, and refuse the
same sessions: those touching a bank holiday (the tariff's bank-holiday
rate is not stated) and sleeping nights (no rate for them).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given

import carerules as cr
from carerules.strategies import sessions

LONDON = ZoneInfo("Europe/London")


def _visit(session: cr.Session) -> cr.Visit:
    return cr.Visit(session.start, session.end, session.kind.value, id=session.id)


def _both(session: cr.Session) -> tuple[Decimal | type[Exception], Decimal | type[Exception]]:
    try:
        charged: Decimal | type[Exception] = cr.price_session(session, cr.BUDDIES).answer.amount
    except cr.MissingRate:
        charged = cr.MissingRate
    try:
        visit: Decimal | type[Exception] = cr.price_visit(_visit(session), cr.BUDDIES).answer.amount
    except cr.MissingTariffRate:
        visit = cr.MissingRate
    return charged, visit


@given(sessions())
def test_the_buddies_tariff_prices_every_session_as_the_charging_rules_do(session: cr.Session) -> None:
    """Day support, waking nights and sleeping nights; across DST nights, midnights and bank holidays."""
    charged, visit = _both(session)
    assert charged == visit


@pytest.mark.parametrize(
    ("what", "start", "minutes", "kind", "expected"),
    [
        ("a short day visit, topped up to 2 h", datetime(2026, 5, 5, 10), 90, "day", "37.00"),
        ("a long day visit", datetime(2026, 5, 5, 10), 150, "day", "46.25"),
        ("across the spring-forward night", datetime(2026, 3, 29, 0, 30), 180, "day", "55.50"),
        ("a waking night across midnight", datetime(2026, 5, 5, 22), 540, "waking-night", "166.50"),
        ("into Christmas Day: refused", datetime(2026, 12, 24, 22), 240, "waking-night", None),
        ("on a bank holiday: refused", datetime(2026, 8, 31, 10), 120, "day", None),
        ("a sleeping night: refused", datetime(2026, 5, 5, 22), 540, "sleeping-night", None),
    ],
)
def test_worked_examples_under_both_paths(
    what: str, start: datetime, minutes: int, kind: str, expected: str | None
) -> None:
    begin = start.replace(tzinfo=LONDON)
    session = cr.Session("s", "su", begin, cr.plus_elapsed(begin, timedelta(minutes=minutes)), cr.ShiftKind(kind))
    charged, visit = _both(session)
    assert charged == visit == (cr.MissingRate if expected is None else Decimal(expected))


def test_the_buddies_tariff_explains_itself_in_the_buddies_clauses() -> None:
    visit = cr.Visit(datetime(2026, 5, 5, 10, tzinfo=LONDON), datetime(2026, 5, 5, 11, 30, tzinfo=LONDON), "day")
    decision = cr.price_visit(visit, cr.BUDDIES)
    assert decision.rule_ids == ("tariff.minimum", "tariff.rate-grid", "money.round-line-half-up")
    assert decision.reasons[1].source.section == "Costings"
    with pytest.raises(cr.MissingTariffRate, match="states no price"):
        cr.price_visit(
            cr.Visit(datetime(2026, 8, 31, 10, tzinfo=LONDON), datetime(2026, 8, 31, 12, tzinfo=LONDON), "day"),
            cr.BUDDIES,
        )


def test_a_rate_not_stated_is_refused_even_with_a_general_rate_below_it() -> None:
    holiday = cr.DayType("bank-holiday", precedence=10, bank_holidays=True)
    tariff = cr.Tariff(
        rates=(
            cr.TariffRate("Hourly", amount=Decimal("20.00")),
            cr.TariffRate("Holiday", "bank-holiday", not_stated=True),
        ),
        day_types=(holiday,),
    )
    policy = cr.Policy("p", "P", "1", cr.BUDDIES.effective_from, tariff=tariff)
    with pytest.raises(cr.MissingTariffRate):
        cr.quote_visit(
            cr.Visit(datetime(2026, 12, 25, 10, tzinfo=LONDON), datetime(2026, 12, 25, 11, tzinfo=LONDON)), policy
        )
    with pytest.raises(cr.InvalidInput, match="not_stated"):
        cr.TariffRate("Holiday", "bank-holiday", amount=Decimal("30.00"), not_stated=True)
    with pytest.raises(cr.TariffError) as caught:
        cr.Tariff(
            rates=(
                *tariff.rates,
                cr.TariffRate("Double", "bank-holiday", times=Decimal("2"), of="Holiday", band=None, funder="council"),
            ),
            day_types=(holiday,),
        )
    assert caught.value.where == "rates[2].of"
