"""The worked cases of ``../shared/terms/providers.json``, priced from each provider's policy file in this folder.

Each row cites its case id (U1, U2, ...). Where the published terms do not
settle a case (``AMBIGUOUS``), each reading has its own row, with the tariff
option that gives it. Figures the pages do not give (a "normal rate R", a
daily rate D) are illustrative and labelled so in the files.
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


@cache
def _data(name: str) -> str:
    return (HERE / f"{name}.json").read_text(encoding="utf-8")


def policy(name: str, **tariff: Any) -> cr.Policy:
    """The provider's policy file, with ``tariff`` options changed for one reading of an ambiguous case."""
    data = json.loads(_data(name))
    data["tariff"] = {**copy.deepcopy(data["tariff"]), **tariff}
    return cr.load_policy(data)


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0, tz: ZoneInfo = LONDON) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=tz)


#: (case id and reading, provider file, tariff options of the reading, visit, expected charge, rule that decides it)
CASES: list[tuple[str, str, dict[str, Any], cr.Visit, str, str]] = [
    (
        "U1 Friday sleeper, two disturbances, night belongs to its start day",
        "uk08",
        {},
        cr.Visit(at(2026, 1, 2, 22), at(2026, 1, 3, 8), "sleeper", calls=(at(2026, 1, 3, 2), at(2026, 1, 3, 4))),
        "161.60",
        "tariff.disturbance",
    ),
    (
        "U2 sleeper finishing on Christmas Day takes the public-holiday rate",
        "uk08",
        {},
        cr.Visit(at(2025, 12, 24, 22), at(2025, 12, 25, 8), "sleeper"),
        "250.00",
        "tariff.night-start-or-end",
    ),
    (
        "U2 reading: the night priced by its start day only",
        "uk08",
        {"flat_day": "start"},
        cr.Visit(at(2025, 12, 24, 22), at(2025, 12, 25, 8), "sleeper"),
        "125.00",
        "tariff.flat-visit",
    ),
    (
        "U3 30-minute weekday visit charged the one-hour fee",
        "uk08",
        {},
        cr.Visit(at(2026, 1, 6, 10), at(2026, 1, 6, 10, 30), "daily-carer"),
        "21.50",
        "tariff.minimum",
    ),
    (
        "U5 reading split at 17:00: 1 h at R and 1 h at 2R",
        "uk15",
        {},
        cr.Visit(at(2026, 12, 24, 16), at(2026, 12, 24, 18)),
        "60.00",
        "tariff.band-split",
    ),
    (
        "U5 reading whole visit at the rate it starts in",
        "uk15",
        {"boundary": "start"},
        cr.Visit(at(2026, 12, 24, 16), at(2026, 12, 24, 18)),
        "40.00",
        "tariff.whole-visit-start",
    ),
    (
        "U5 reading whole visit at the highest rate it touches",
        "uk15",
        {"boundary": "highest"},
        cr.Visit(at(2026, 12, 24, 16), at(2026, 12, 24, 18)),
        "80.00",
        "tariff.whole-visit-highest",
    ),
    (
        "U6 Easter Saturday at twice the normal rate",
        "uk15",
        {},
        cr.Visit(at(2026, 4, 4, 10), at(2026, 4, 4, 12)),
        "80.00",
        "tariff.multiplier",
    ),
    (
        "U7 live-in 24, 25, 26 December: 1.5D + 2D + 2D",
        "uk23",
        {},
        cr.Visit(at(2024, 12, 24), at(2024, 12, 27), "live-in"),
        "550.00",
        "tariff.per-day",
    ),
    (
        "U8 presumed reading: 27 December 2027, also a substitute bank holiday, takes the higher tier (2D)",
        "uk23",
        {},
        cr.Visit(at(2027, 12, 27), at(2027, 12, 28), "live-in"),
        "200.00",
        "tariff.day-type",
    ),
    (
        "U15 90-minute weekday visit: first 30 minutes fixed, then one hour",
        "uk13",
        {},
        cr.Visit(at(2026, 1, 6, 9), at(2026, 1, 6, 10, 30)),
        "35.00",
        "tariff.price-table",
    ),
    (
        "U16 20 minutes extra charged as one hour at that day's rate",
        "uk21",
        {},
        cr.Visit(at(2026, 1, 6, 10), at(2026, 1, 6, 12, 20), booked_end=at(2026, 1, 6, 12)),
        "90.00",
        "tariff.overrun",
    ),
    (
        "U17 2-hour outing overrunning 25 minutes: no extra charge",
        "uk16",
        {},
        cr.Visit(at(2026, 1, 6, 10), at(2026, 1, 6, 12, 25), booked_end=at(2026, 1, 6, 12)),
        "40.00",
        "tariff.overrun",
    ),
    (
        "U18 reading the whole 40 minutes charged once past the grace",
        "uk16",
        {},
        cr.Visit(at(2026, 1, 6, 10), at(2026, 1, 6, 12, 40), booked_end=at(2026, 1, 6, 12)),
        "53.33",
        "tariff.overrun",
    ),
    (
        "U18 reading only the 10 minutes past the grace charged",
        "uk16",
        {"durations": [{"minimum": "PT2H", "grace": "PT30M", "grace_once_exceeded": "excess"}]},
        cr.Visit(at(2026, 1, 6, 10), at(2026, 1, 6, 12, 40), booked_end=at(2026, 1, 6, 12)),
        "43.33",
        "tariff.overrun",
    ),
    (
        "U19 7 h 05 min worked, 7 h 15 min billed",
        "uk38",
        {},
        cr.Visit(at(2026, 1, 6, 8), at(2026, 1, 6, 15, 5)),
        "87.00",
        "tariff.increment",
    ),
    (
        "U20 three night calls, the first free: 2 x 10.00",
        "uk24",
        {},
        cr.Visit(
            at(2026, 1, 6, 22),
            at(2026, 1, 7, 7),
            "live-in-night",
            calls=(at(2026, 1, 7, 1), at(2026, 1, 7, 3), at(2026, 1, 7, 5)),
        ),
        "20.00",
        "tariff.disturbance",
    ),
    (
        "U28 PA sleep-in of 8 h with three 20-minute wakings: 1 h active, within the limit",
        "ps08",
        {},
        cr.Visit(at(2024, 7, 1, 22), at(2024, 7, 2, 6), "sleep-in", active=timedelta(minutes=60)),
        "77.95",
        "tariff.sleep-in-repriced",
    ),
    (
        "U28 derived reading: 1 h 10 min active makes it a waking night, hourly for the whole shift",
        "ps08",
        {},
        cr.Visit(at(2024, 7, 1, 22), at(2024, 7, 2, 6), "sleep-in", active=timedelta(minutes=70)),
        "96.00",
        "tariff.sleep-in-repriced",
    ),
    (
        "U24 50-minute visit: the 45-minute price, then 5 minutes pro rata",
        "sw01",
        {},
        cr.Visit(at(2026, 1, 6, 9), at(2026, 1, 6, 9, 50)),
        "22.00",
        "tariff.price-table",
    ),
    (
        "U25 31 December 10:00-16:00: the holiday begins at noon",
        "us01",
        {},
        cr.Visit(at(2026, 12, 31, 10, tz=CHICAGO), at(2026, 12, 31, 16, tz=CHICAGO)),
        "160.00",
        "tariff.part-day",
    ),
]


@pytest.mark.parametrize(
    ("case", "provider", "options", "visit", "expected", "rule"),
    CASES,
    ids=[c[0][:3].strip() + "-" + c[0][3:40] for c in CASES],
)
def test_each_providers_worked_case_prices_as_published(
    case: str, provider: str, options: dict[str, Any], visit: cr.Visit, expected: str, rule: str
) -> None:
    """providers.json ``cases``: each priced from the provider's own policy file, with the rule that decides it."""
    decision = cr.price_visit(visit, policy(provider, **options))
    assert decision.answer.amount == Decimal(expected), decision.explain()
    assert rule in decision.rule_ids, decision.explain()
    assert decision.policy is not None
    assert decision.policy.version == "conformance-1"


def test_u8_other_reading_the_additional_day_tier_wins_when_ranked_above_public_holidays() -> None:
    """providers.json U8 (AMBIGUOUS): with the additional days ranked first, 27 December 2027 is 1.5D."""
    data = json.loads(_data("uk23"))
    data["tariff"]["day_types"][1]["precedence"] = 30
    decision = cr.price_visit(cr.Visit(at(2027, 12, 27), at(2027, 12, 28), "live-in"), cr.load_policy(data))
    assert decision.answer.amount == Decimal("150.00")
    assert "tariff.day-type" in decision.rule_ids


@pytest.mark.parametrize(
    ("rule", "expected"),
    [("both", "200.00"), ("on-the-day", "200.00"), ("substitute", "100.00")],
)
def test_uk23_christmas_day_on_a_saturday_counts_as_the_weekend_rule_says(rule: str, expected: str) -> None:
    """UK23 public holidays in England: 25 December 2027 is a Saturday; its substitute is Monday 27 December."""
    decision = cr.price_visit(
        cr.Visit(at(2027, 12, 25), at(2027, 12, 26), "live-in"), policy("uk23", weekend_holidays=rule)
    )
    assert decision.answer.amount == Decimal(expected)
    if rule != "substitute":
        assert "tariff.weekend-holiday" in decision.rule_ids


def test_uk13_a_weekend_visit_has_no_published_price() -> None:
    """UK13 prices weekends on request: the tariff refuses rather than guess."""
    with pytest.raises(cr.MissingTariffRate, match="day type any"):
        cr.price_visit(cr.Visit(at(2026, 1, 10, 9), at(2026, 1, 10, 10)), policy("uk13"))


def test_us01_a_two_and_a_half_hour_visit_takes_the_two_hour_price_then_hourly() -> None:
    """US01: 2 h and 3 h visit prices, hourly only from 4 h; quarter-hour units."""
    decision = cr.price_visit(
        cr.Visit(at(2026, 3, 3, 9, tz=CHICAGO), at(2026, 3, 3, 11, 20, tz=CHICAGO)), policy("us01")
    )
    assert decision.answer.amount == Decimal("60.00")  # 2 h 20 min -> 2 h 30 min; 50.00 + 0.5 h x 20.00
    assert decision.answer.currency == "USD"


def test_uk08_explanations_cite_the_providers_own_clause() -> None:
    """UK08: a rule the file grounds cites the provider's page; the others the library default, marked."""
    decision = cr.price_visit(cr.Visit(at(2026, 1, 6, 10), at(2026, 1, 6, 10, 30), "daily-carer"), policy("uk08"))
    sources = {r.rule_id: r.source for r in decision.reasons}
    assert sources["tariff.minimum"].url.startswith("https://")
    assert not sources["tariff.minimum"].default
    assert sources["tariff.rate-grid"].default


@pytest.mark.parametrize("path", sorted(HERE.glob("*.json")), ids=lambda p: p.stem)
def test_each_conformance_file_matches_the_published_schema_and_round_trips(path: Path) -> None:
    """Every provider file is a policy file like any other: the schema accepts it and it reads back equal."""
    jsonschema = pytest.importorskip("jsonschema")
    from carerules.serialisation import to_data

    data = json.loads(path.read_text(encoding="utf-8"))
    schema = json.loads((HERE.parents[1] / "docs" / "policy.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    policy = cr.load_policy(data)
    assert cr.load_policy(to_data(policy)) == policy
    assert policy.tariff.latest is not None


def test_uk08_live_in_days_are_doubled_on_public_holidays() -> None:
    """UK08 live-in: a daily rate, twice it on Christmas Day, Boxing Day, New Year's Day and public holidays."""
    stay = cr.Visit(at(2025, 12, 25), at(2025, 12, 28), "live-in")
    decision = cr.price_visit(stay, policy("uk08"))
    assert [line.amount for line in decision.answer.lines] == [Decimal("300.00"), Decimal("300.00"), Decimal("150.00")]
    assert decision.answer.amount == Decimal("750.00")
