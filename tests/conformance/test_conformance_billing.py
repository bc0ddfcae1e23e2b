"""Travel, expenses, fees and billing terms of ``../shared/terms/providers.json``, from the provider files here.

Rows cite the case id where providers.json has one (U23) and the provider id
otherwise; each names the rule that decides it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import carerules as cr

HERE = Path(__file__).parent
DAY = date(2025, 1, 6)
D = Decimal


@cache
def policy(name: str) -> cr.Policy:
    return cr.load_policy(json.loads((HERE / f"{name}.json").read_text(encoding="utf-8")))


def _journey(distance: str, purpose: str | None = None, minutes: int | None = None) -> Callable[[cr.Policy], Any]:
    t = None if minutes is None else timedelta(minutes=minutes)
    return lambda p: cr.price_journey(cr.Journey(D(distance), purpose, t), p, DAY)


def _expense(category: str, amount: str) -> Callable[[cr.Policy], Any]:
    return lambda p: cr.price_expense(cr.ExpenseClaim(category, D(amount), DAY), p)


#: (case or provider, file, what is priced, expected amount, rule that decides it)
CASES: list[tuple[str, str, Callable[[cr.Policy], Any], str, str]] = [
    (
        "U23 weekly cost 2,500, assessed 3,000, cap 2,128: the lesser of them is charged",
        "ps03",
        lambda p: cr.weekly_charge(D("2500"), p, DAY, assessed=D("3000")),
        "2128.00",
        "tariff.lesser-of",
    ),
    (
        "PS03 an assessed contribution under the cost is what is charged",
        "ps03",
        lambda p: cr.weekly_charge(D("1500"), p, DAY, assessed=D("240.50")),
        "240.50",
        "tariff.lesser-of",
    ),
    (
        "UK13 12 miles to the client: the first 5 free, then 0.60 a mile",
        "uk13",
        _journey("12", "to-client"),
        "4.20",
        "tariff.mileage",
    ),
    (
        "UK13 4 miles to the client, inside the free radius",
        "uk13",
        _journey("4", "to-client"),
        "0.00",
        "tariff.mileage",
    ),
    ("UK13 10 miles with the client at 0.60", "uk13", _journey("10", "with-client"), "6.00", "tariff.mileage"),
    ("UK08 15 miles on the client's behalf at 0.40", "uk08", _journey("15", "for-client"), "6.00", "tariff.mileage"),
    (
        "UK08 live-in carer travel of 85.00 capped at 60.00 a round trip",
        "uk08",
        _expense("live-in carer travel", "85.00"),
        "60.00",
        "tariff.expense-cap",
    ),
    ("UK21 8 miles at the HMRC-style 0.45", "uk21", _journey("8", "to-client"), "3.60", "tariff.mileage"),
    (
        "UK23 paid by card: the 5.00 admin fee",
        "uk23",
        lambda p: cr.payment_surcharge("card", p, DAY),
        "5.00",
        "tariff.surcharge",
    ),
    (
        "UK23 paid by direct debit: no admin fee",
        "uk23",
        lambda p: cr.payment_surcharge("direct-debit", p, DAY),
        "0.00",
        "tariff.surcharge",
    ),
    ("UK16 the consultation fee", "uk16", lambda p: cr.charge_fee("consultation", p, DAY), "24.00", "tariff.fee"),
    ("UK16 20 miles with the client at 0.45", "uk16", _journey("20", "with-client"), "9.00", "tariff.mileage"),
    ("UK16 outing costs recharged at cost", "uk16", _expense("outing costs", "13.40"), "13.40", "tariff.expense-cap"),
    (
        "UK24 travel allowance of 55.00 one way capped at 40.00",
        "uk24",
        _expense("carer travel", "55.00"),
        "40.00",
        "tariff.expense-cap",
    ),
]


@pytest.mark.parametrize(("case", "name", "price", "expected", "rule"), CASES, ids=[c[0] for c in CASES])
def test_each_providers_travel_expense_fee_and_cap_terms_price_as_published(
    case: str, name: str, price: Callable[[cr.Policy], Any], expected: str, rule: str
) -> None:
    decision = price(policy(name))
    answer = decision.answer
    amount = answer.charged if isinstance(answer, cr.CappedCharge) else answer.amount
    assert amount == D(expected), decision.explain()
    assert rule in decision.rule_ids
    assert decision.policy is not None
    assert decision.policy.id == policy(name).id


def test_u23_says_all_three_terms() -> None:
    """providers.json U23 (PS03): min(2,500, 3,000, cap 2,128) = 2,128, and the reason names all three."""
    decision = cr.weekly_charge(D("2500"), policy("ps03"), DAY, assessed=D("3000"))
    assert decision.rule_ids == ("tariff.weekly-cap", "tariff.lesser-of")
    assert (
        "the least of cost £2,500.00, assessed contribution £3,000.00 and the weekly maximum £2,128.00: £2,128.00"
        in decision.explain()
    )


@pytest.mark.parametrize(
    ("name", "start", "end", "issued", "due"),
    [
        ("uk13", date(2025, 1, 6), date(2025, 1, 19), date(2025, 1, 20), date(2025, 1, 27)),
        ("uk23", date(2025, 1, 6), date(2025, 2, 2), date(2025, 2, 3), date(2025, 2, 3)),
        ("uk16", date(2025, 1, 15), date(2025, 2, 14), date(2025, 2, 15), date(2025, 2, 15)),
        ("uk24", date(2025, 1, 6), date(2025, 2, 2), date(2025, 2, 3), date(2025, 2, 10)),
    ],
)
def test_uk13_uk16_uk23_uk24_invoice_periods_and_due_dates(
    name: str, start: date, end: date, issued: date, due: date
) -> None:
    """UK13 every 2 weeks, due in 7 days; UK23 4-weekly; UK16 monthly in arrears; UK24 4-weekly, due in 7 days."""
    decision = cr.invoice_period("INV-1", start, policy(name))
    got = decision.answer
    assert (got.end, got.issued_on, got.due_on) == (end, issued, due)
    assert decision.rule_ids == ("tariff.invoice-period",)


def test_uk24_management_fee_carries_vat_per_line() -> None:
    """UK24: the agency's management fees are invoiced plus VAT (20% assumed: the page says only "+VAT")."""
    decision = cr.add_vat([D("150.00"), D("37.45")], policy("uk24"), DAY)
    assert [v.vat for v in decision.answer.lines] == [D("30.00"), D("7.49")]
    assert decision.answer.gross == D("224.94")
    assert decision.rule_ids == ("tariff.vat",)
