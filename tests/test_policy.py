"""Policies as versioned data: built-ins, calendars, revisions, a third provider's own policy."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import attrs
import holidays
import pytest

import carerules as cr
from carerules._policy._calendar import VERIFIED_REGIONS
from carerules.serialisation import from_data, to_data
from tests.conftest import london

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_buddies_built_in_states_only_the_documented_rate() -> None:
    """Costings: 18.50 GBP per hour, for day support and waking nights alike (only sleeping nights and bank
    holidays are charged differently); sleeping-night and bank-holiday rates are not stated, so not set."""
    assert [(r.kind, r.bank_holiday, r.amount, r.basis) for r in cr.BUDDIES.rates] == [
        (cr.ShiftKind.DAY, False, Decimal("18.50"), cr.RateBasis.PER_HOUR),
        (cr.ShiftKind.WAKING_NIGHT, False, Decimal("18.50"), cr.RateBasis.PER_HOUR),
    ]
    assert cr.BUDDIES.timezone == "Europe/London"
    assert cr.BUDDIES.minimum_session == cr.Dated.always(timedelta(hours=2))
    assert cr.BUDDIES.cancellation_notice == cr.Dated.always(timedelta(hours=48))
    assert cr.ONE_TO_ONE_SUPPORT.timezone == "Europe/London"


def test_verified_regions_are_real_holidays_regions() -> None:
    supported = holidays.list_supported_countries()
    for country, subdivision in VERIFIED_REGIONS:
        assert subdivision in supported[country]


def test_england_calendar_includes_substitute_days() -> None:
    days = cr.Calendar().holidays_in(2027)
    assert date(2027, 12, 27) in days
    assert date(2027, 12, 28) in days
    assert days[date(2027, 3, 26)] == "Good Friday"


def test_closure_days_count_as_bank_holidays() -> None:
    calendar = cr.Calendar(closure_days=frozenset({date(2026, 8, 14)}))
    assert calendar.is_bank_holiday(date(2026, 8, 14))
    assert not cr.Calendar().is_bank_holiday(date(2026, 8, 14))


def test_calendar_refuses_years_it_does_not_cover() -> None:
    with pytest.raises(cr.InvalidInput, match="2101"):
        cr.Calendar().is_bank_holiday(date(2101, 1, 1))


@pytest.mark.parametrize(("country", "subdivision", "field"), [("XX", None, "country"), ("GB", "XYZ", "subdivision")])
def test_unknown_calendar_regions_are_refused(country: str, subdivision: str | None, field: str) -> None:
    with pytest.raises(cr.InvalidInput, match=field):
        cr.Calendar(country=country, subdivision=subdivision)


def test_rate_in_force_at_the_session_start_applies() -> None:
    rise = cr.Rate(cr.ShiftKind.DAY, Decimal("19.50"), date(2027, 4, 1))
    revised = cr.BUDDIES.revise(version="2", effective_from=date(2027, 4, 1), rates=[rise])
    before = cr.Session("a", "su", london(2027, 3, 31, 22), london(2027, 4, 1, 1))
    after = cr.Session("b", "su", london(2027, 4, 1, 10), london(2027, 4, 1, 12))
    assert cr.price_session(before, revised).answer.amount == Decimal("55.50")  # 3 h at the old rate throughout
    assert cr.price_session(after, revised).answer.amount == Decimal("39.00")
    old, new = cr.price_session(before, cr.BUDDIES), cr.price_session(before, revised)
    assert (new.answer, new.reasons) == (old.answer, old.reasons)
    assert (old.policy, new.policy) == (cr.PolicyStamp("buddies", "1"), cr.PolicyStamp("buddies", "2"))


def test_a_revision_cannot_rewrite_the_past() -> None:
    backdated = cr.Rate(cr.ShiftKind.DAY, Decimal("10.00"), date(2020, 1, 1))
    with pytest.raises(cr.InvalidInput, match="effective_from"):
        cr.BUDDIES.revise(version="2", effective_from=date(2027, 4, 1), rates=[backdated])


def test_two_rates_for_the_same_kind_and_day_are_refused() -> None:
    twin = cr.Rate(cr.ShiftKind.DAY, Decimal("20.00"), date(2000, 1, 1))
    with pytest.raises(cr.InvalidInput, match="rates"):
        attrs.evolve(cr.BUDDIES, rates=(*cr.BUDDIES.rates, twin))


def test_unknown_timezone_is_refused() -> None:
    with pytest.raises(cr.InvalidInput, match="timezone"):
        attrs.evolve(cr.BUDDIES, timezone="Mars/Olympus")


def test_third_provider_policy_loads_from_plain_json() -> None:
    """docs/example-provider-policy.json: a provider's own policy, no library code touched."""
    data = json.loads((DOCS / "example-provider-policy.json").read_text(encoding="utf-8"))
    policy = from_data(data, cr.Policy)
    assert policy.minimum_on(date(2027, 1, 1)) == timedelta(hours=3)
    assert from_data(to_data(policy), cr.Policy) == policy
    sleeping = cr.Session("n", "su", london(2026, 12, 25, 22), london(2026, 12, 26, 8), cr.ShiftKind.SLEEPING_NIGHT)
    assert cr.price_session(sleeping, policy).answer.basis is cr.RateBasis.PER_SHIFT


def test_policy_document_with_a_float_amount_is_refused_with_its_path() -> None:
    data = to_data(cr.BUDDIES)
    data["rates"][0]["amount"] = 18.5
    with pytest.raises(cr.ScenarioError) as caught:
        from_data(data, cr.Policy)
    assert caught.value.path == "$.rates[0].amount"
    assert "float" in str(caught.value)
