"""A tariff speaks its policy's currency, and ``policy check`` shows the tariff a provider wrote.

``providers.json`` US01 (a US agency, prices in dollars): 2 h and 3 h visits
have fixed prices, quarter hours after. Every amount in an explanation, and in
the checked policy, must be in the policy's currency, never the library's
default (pounds).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import carerules as cr
from carerules._cli_policy import summary

CHICAGO = ZoneInfo("America/Chicago")
FILES = Path(__file__).resolve().parents[1] / "conformance"


def _us01() -> cr.Policy:
    return cr.read_policy_text((FILES / "us01.json").read_text(encoding="utf-8"))


def test_a_us_price_table_is_explained_in_dollars() -> None:
    start = datetime(2026, 3, 3, 9, tzinfo=CHICAGO)
    decision = cr.price_visit(cr.Visit(start, start.replace(hour=12)), _us01())
    table = next(r for r in decision.reasons if r.rule_id == "tariff.price-table")
    assert "69.00 USD from the table (2 h 50.00 USD, 3 h 69.00 USD)" in table.detail
    assert "£" not in decision.explain()


def test_policy_check_shows_the_tariff_in_the_policys_currency() -> None:
    text = summary(_us01())
    assert "  (none: priced by the tariff below)" in text
    assert "Tariff (always):" in text
    assert "  rate Hourly rate: 20.00 USD per hour (from 2016-01-01) (day type any)" in text
    assert "  rate Holiday rate: 1.5 \u00d7 Hourly rate (day type holiday)" in text
    assert "lengths 2 h 50.00 USD, 3 h 69.00 USD" in text
    assert "£" not in text


def test_a_policy_without_rates_or_tariff_still_says_nothing_can_be_priced() -> None:
    text = summary(cr.ONE_TO_ONE_SUPPORT)
    assert "  (none: nothing can be priced)" in text
    assert "Tariff (" not in text
