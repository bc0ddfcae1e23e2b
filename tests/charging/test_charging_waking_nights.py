"""Waking nights at the hourly rate (004_82faaa97975dc483.txt, "Costings"; issue 15, item 11).

The Buddies document charges its 1:1 service at 18.50 GBP an hour and names only sleeping nights
and bank holidays as charged differently. Product decision (PRODUCT.md "Charging (Buddies)",
2026-12-01): the built-in policy charges a waking night at that hourly rate, with
``charging.waking-night-hourly`` citing Costings; sleeping nights and bank holidays still need
rates the document does not give.
"""

from __future__ import annotations

import io
import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest

import carerules as cr
from carerules._cli import main
from tests.conftest import london

WAKING = cr.ShiftKind.WAKING_NIGHT
COSTINGS = cr.Source(cr.BUDDIES_DOCUMENT, "Costings")
HARBOUR_FILE = Path(__file__).resolve().parents[2] / "docs" / "example-provider-policy.json"

#: (name, start, end, hours charged, hand-worked charge at 18.50 an hour)
NIGHTS = [
    ("an ordinary night, 22:00 to 07:00", london(2026, 10, 20, 22), london(2026, 10, 21, 7), 9, "166.50"),
    # 22:00 GMT to 08:00 BST is 9 h of real time (the clocks go forward at 01:00).
    ("the spring-forward night", london(2027, 3, 27, 22), london(2027, 3, 28, 8), 9, "166.50"),
    # 22:00 BST to 08:00 GMT is 11 h of real time.
    ("the autumn night", london(2026, 10, 24, 22), london(2026, 10, 25, 8), 11, "203.50"),
    # Shorter than the 2-hour minimum: charged as 2 h at the same rate.
    ("one hour, topped up to the minimum", london(2026, 10, 20, 23), london(2026, 10, 21, 0), 2, "37.00"),
]


@pytest.mark.tz
@pytest.mark.parametrize(("name", "start", "end", "hours", "amount"), NIGHTS, ids=[n[0] for n in NIGHTS])
def test_costings_a_waking_night_is_charged_at_the_hourly_rate(
    name: str, start: datetime, end: datetime, hours: int, amount: str
) -> None:
    """Costings: 18.50 GBP per hour; a waking night is not one of the kinds charged differently."""
    decision = cr.price_session(cr.Session("n", "su", start, end, WAKING), cr.BUDDIES)
    assert decision.answer.charged == timedelta(hours=hours)
    assert decision.answer.amount == Decimal(amount) == Decimal("18.50") * hours
    [reason] = [r for r in decision.reasons if r.rule_id == "charging.waking-night-hourly"]
    assert reason.source == COSTINGS
    assert "£18.50 per hour, the hourly rate of day support" in reason.detail
    assert "18.50 GBP an hour" in cr.BUDDIES.summary("charging.waking-night-hourly")


def test_costings_a_waking_night_on_a_bank_holiday_still_needs_its_rate() -> None:
    """Costings: bank holidays are charged differently, at a rate the document does not give."""
    christmas = cr.Session("n", "su", london(2026, 12, 25, 22), london(2026, 12, 26, 7), WAKING)
    with pytest.raises(cr.MissingRate) as caught:
        cr.price_session(christmas, cr.BUDDIES)
    assert (caught.value.kind, caught.value.bank_holiday) == ("waking-night", True)


def test_costings_the_built_in_waking_night_rate_is_the_hourly_rate_on_every_date() -> None:
    """Costings: one hourly rate for the 1:1 service; the built-in's two rows must never drift apart."""
    dates = sorted({r.effective_from for r in cr.BUDDIES.rates})
    for day in dates:
        hourly = cr.BUDDIES.rate_for(cr.ShiftKind.DAY, bank_holiday=False, on=day)
        waking = cr.BUDDIES.rate_for(WAKING, bank_holiday=False, on=day)
        assert (
            (waking.amount, waking.basis) == (hourly.amount, hourly.basis) == (Decimal("18.50"), cr.RateBasis.PER_HOUR)
        )
        assert "Costings" in waking.note


def test_a_waking_night_rate_of_its_own_overrides_the_hourly_reading() -> None:
    """A provider (or a revision) that prices waking nights differently gets its own rate, and no
    charging.waking-night-hourly reason: the reading holds only while the two rates agree."""
    own = cr.Rate(WAKING, Decimal("21.00"), date(2027, 1, 1), note="our waking-night price")
    revised = cr.BUDDIES.revise(version="2", effective_from=date(2027, 1, 1), rates=[own])
    before = cr.Session("a", "su", london(2026, 11, 3, 22), london(2026, 11, 4, 7), WAKING)
    after = cr.Session("b", "su", london(2027, 11, 2, 22), london(2027, 11, 3, 7), WAKING)
    assert cr.price_session(before, revised).answer.amount == Decimal("166.50")
    assert "charging.waking-night-hourly" in cr.price_session(before, revised).rule_ids
    assert cr.price_session(after, revised).answer.amount == Decimal("189.00")  # 9 h x 21.00
    assert "charging.waking-night-hourly" not in cr.price_session(after, revised).rule_ids
    harbour = cr.load_policy(json.loads(HARBOUR_FILE.read_text(encoding="utf-8")))
    assert "charging.waking-night-hourly" not in cr.price_session(before, harbour).rule_ids  # 20.00 vs 21.00


def test_a_day_session_never_cites_the_waking_night_reading() -> None:
    day = cr.Session("d", "su", london(2026, 10, 20, 10), london(2026, 10, 20, 13))
    assert "charging.waking-night-hourly" not in cr.price_session(day, cr.BUDDIES).rule_ids


def _example() -> dict[str, object]:
    text = resources.files("carerules.examples").joinpath("buddies-month.json").read_text(encoding="utf-8")
    data: dict[str, object] = json.loads(text)
    return data


def test_the_bundled_examples_extra_rates_each_say_they_are_illustrative() -> None:
    """Costings gives no sleeping-night or bank-holiday figure: the demo's are marked illustrative, and it
    sets no ordinary waking-night rate of its own, so the built-in hourly reading shows."""
    policy = _example()["policy"]
    assert isinstance(policy, dict)
    assert policy["rates"]
    assert all(r["note"].startswith("illustrative") for r in policy["rates"])
    assert not any(r["kind"] == "waking-night" and not r.get("bank_holiday") for r in policy["rates"])
    notes = _example()["notes"]
    assert isinstance(notes, list)
    assert "illustrative" in notes[0]
    assert "hourly rate, 18.50 GBP" in notes[0]


@pytest.mark.tz
def test_the_demo_charges_its_waking_nights_at_the_hourly_rate_and_says_why() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main([], out, err) == 0, err.getvalue()
    text = out.getvalue()
    assert "Note: Sleeping-night and bank-holiday rates below are illustrative" in text
    cal = text.split("Invoice for su-cal")[1].split("== Staff pay ==")[0]
    night = cal.split("2027-03-27  22:00-08:00 waking-night, 9 h")[1].split("\n  2027-")[0]
    assert night.lstrip().startswith("£166.50")
    assert "- waking night charged at £18.50 per hour" in night  # in words; the rule id under --explain
    out = io.StringIO()
    assert main(["--explain"], out, io.StringIO()) == 0
    assert "[charging.waking-night-hourly] waking night charged at £18.50 per hour" in out.getvalue()
