"""Bad tariff data: a typed error naming the place in the policy file, never a silent wrong price (issue 16)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

import carerules as cr

BASE: dict[str, Any] = {
    "id": "bad-tariff",
    "name": "A provider with a mistake in its tariff",
    "version": "1",
    "effective_from": "2026-01-01",
    "tariff": {
        "day_types": [
            {"name": "weekday", "weekdays": ["monday", "tuesday", "wednesday", "thursday", "friday"]},
            {"name": "bank-holiday", "precedence": 10, "bank_holidays": True},
        ],
        "bands": [
            {"name": "day", "start": "07:00", "end": "20:00"},
            {"name": "evening", "start": "20:00", "end": "00:00"},
        ],
        "rates": [
            {"name": "Standard", "amount": "20.00"},
            {"name": "Bank holiday", "day_type": "bank-holiday", "times": "1.5", "of": "Standard"},
        ],
        "durations": [{"increment": "PT15M", "lengths": [{"length": "PT30M", "amount": "16.00"}]}],
    },
}


def _with(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    change(data["tariff"])
    return data


@pytest.mark.parametrize(
    ("case", "change", "place", "words"),
    [
        (
            "overlapping bands with no precedence",
            lambda t: t["bands"].append({"name": "late", "start": "19:00", "end": "22:00"}),
            "$.tariff.bands[2]",
            "no overlap with band 'day'",
        ),
        (
            "a multiplier whose base rate is missing",
            lambda t: t["rates"][1].update({"of": "Standard rate"}),
            "$.tariff.rates[1].of",
            "the name of a rate of this tariff",
        ),
        (
            "an unknown day type",
            lambda t: t["rates"].append({"name": "Sunday", "day_type": "sunday", "amount": "25.00"}),
            "$.tariff.rates[2].day_type",
            "a day type of day_types",
        ),
        (
            "an unknown band",
            lambda t: t["rates"].append({"name": "Night", "band": "night", "amount": "25.00"}),
            "$.tariff.rates[2].band",
            "a band of bands",
        ),
        (
            "day types that can fall on one date with the same precedence",
            lambda t: t["day_types"].append({"name": "christmas", "dates": ["12-25"]}),
            "$.tariff.day_types[2].precedence",
            "both can fall on one date",
        ),
        (
            "a price table that is not ordered",
            lambda t: t["durations"][0]["lengths"].insert(0, {"length": "PT45M", "amount": "20.00"}),
            "$.tariff.durations[0]",
            "increasing order of length",
        ),
        (
            "a rounding direction the library does not know",
            lambda t: t["durations"][0].update({"rounding": "sideways"}),
            "$.tariff.durations[0].rounding",
            "'up', 'down', 'nearest'",
        ),
        (
            "a weekend-holiday rule the library does not know",
            lambda t: t.update({"weekend_holidays": "observed"}),
            "$.tariff.weekend_holidays",
            "'on-the-day', 'substitute', 'both'",
        ),
        (
            "two rates for one cell",
            lambda t: t["rates"].append({"name": "Standard again", "amount": "21.00"}),
            "$.tariff.rates[2]",
            "a cell of its own",
        ),
        (
            "a multiplier of a multiplier",
            lambda t: t["rates"].append({"name": "Double", "day_type": "weekday", "times": "2", "of": "Bank holiday"}),
            "$.tariff.rates[2].of",
            "not another multiplier",
        ),
        (
            "an amount and a multiplier at once",
            lambda t: t["rates"][1].update({"amount": "30.00"}),
            "$.tariff.rates[1]",
            "either an amount or a multiplier",
        ),
        (
            "a rate not stated that gives an amount",
            lambda t: t["rates"].append({"name": "Sunday", "not_stated": True, "amount": "25.00"}),
            "$.tariff.rates[2]",
            "no amount and no multiplier for a rate not stated",
        ),
        (
            "a multiplier of a rate not stated",
            lambda t: t["rates"].extend(
                [
                    {"name": "Sunday", "day_type": "weekday", "not_stated": True},
                    {"name": "x", "day_type": "weekday", "band": "day", "times": "2", "of": "Sunday"},
                ]
            ),
            "$.tariff.rates[3].of",
            "that one is not stated",
        ),
        (
            "a minimum over a scope the library does not know",
            lambda t: t["durations"][0].update({"minimums": [{"scope": "fortnight", "minimum": "PT2H"}]}),
            "$.tariff.durations[0].minimums[0].scope",
            "'day', 'month', 'block'",
        ),
        (
            "overtime cheaper than the rate",
            lambda t: t.update({"overtime": [{"after": "PT40H", "times": "0.9"}]}),
            "$.tariff.overtime[0].times",
            "a factor of 1 or more",
        ),
        (
            "a cancellation charge kind the library does not know",
            lambda t: t.update({"cancellation": {"tiers": [{"under": "24", "charge": {"kind": "weeks"}}]}}),
            "$.tariff.cancellation.tiers[0].charge.kind",
            "percent, hours, days, fixed, not-stated",
        ),
        (
            "an impossible date",
            lambda t: t["day_types"][1].update({"dates": ["02-30"]}),
            "$.tariff.day_types[1]",
            "a month and day such as '12-24'",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) and " " in v and not v.startswith("$") else None,
)
def test_bad_tariff_data_is_refused_naming_its_place(case: str, change: Any, place: str, words: str) -> None:
    with pytest.raises(cr.ScenarioError) as caught:
        cr.load_policy(_with(change))
    assert caught.value.path.startswith(place), (case, str(caught.value))
    assert words in str(caught.value), (case, str(caught.value))


def test_the_base_file_itself_loads() -> None:
    assert cr.load_policy(copy.deepcopy(BASE)).tariff.latest is not None


def test_tariff_errors_carry_the_place_inside_the_tariff() -> None:
    with pytest.raises(cr.TariffError) as caught:
        cr.Tariff(rates=(cr.TariffRate("Holiday", times=cr.to_money("1.5"), of="Standard"),))
    assert caught.value.where == "rates[0].of"


def test_a_policy_with_no_tariff_cannot_price_a_visit() -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    london = ZoneInfo("Europe/London")
    visit = cr.Visit(datetime(2026, 1, 6, 10, tzinfo=london), datetime(2026, 1, 6, 12, tzinfo=london))
    with pytest.raises(cr.MissingParameter, match="tariff"):
        cr.price_visit(visit, cr.Policy("no-tariff", "A provider with rates only", "1", cr.BUDDIES.effective_from))
