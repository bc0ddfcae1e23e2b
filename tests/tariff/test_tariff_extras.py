"""Travel, expenses, fees and the billing cycle under a tariff (issue 16, primitives 7, 8 and 9)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import carerules as cr
from carerules.serialisation import from_data, to_data

D = Decimal
DAY = date(2026, 1, 6)
RATE = cr.TariffRate("Hourly rate", amount=D("18.50"))


def _policy(**terms: Any) -> cr.Policy:
    return cr.Policy("extras-test", "A test provider", "1", date(2000, 1, 1), tariff=cr.Tariff(rates=(RATE,), **terms))


TRAVEL = _policy(
    travel=cr.Travel(
        mileage=(
            cr.Mileage("to-client", D("0.45"), free=D("5"), label="to the client"),
            cr.Mileage("with-client", D("0.45"), cap=D("10.00")),
        ),
        time=cr.TravelTime(D("12.00"), free_radius=D("3"), cap=D("6.00")),
    )
)


def test_mileage_says_the_distance_the_rate_and_the_free_miles() -> None:
    """Issue 16 item 7: "12 miles at £0.45 per mile, the first 5 free"."""
    decision = cr.price_journey(cr.Journey(D("12"), "to-client"), TRAVEL, DAY)
    assert decision.answer.amount == D("3.15")
    assert decision.rule_ids == ("tariff.mileage",)
    assert "12 miles (to the client) at £0.45 per mile, the first 5 free: £3.15" in decision.explain()
    assert decision.policy is not None
    assert decision.policy.id == "extras-test"


def test_mileage_is_capped_per_journey() -> None:
    decision = cr.price_journey(cr.Journey(D("40"), "with-client"), TRAVEL, DAY)
    assert decision.answer.amount == D("10.00")
    assert "capped at £10.00 per journey" in decision.explain()


def test_travel_time_within_the_free_radius_is_not_charged_and_beyond_it_is_capped() -> None:
    near = cr.price_journey(cr.Journey(D("2"), time=timedelta(minutes=20)), TRAVEL, DAY)
    assert near.answer.amount == D("0.00")
    assert near.rule_ids == ("tariff.travel-time",)
    assert "within the 3 miles free radius" in near.explain()
    far = cr.price_journey(cr.Journey(D("9"), time=timedelta(minutes=20)), TRAVEL, DAY)
    assert far.answer.amount == D("4.00")
    capped = cr.price_journey(cr.Journey(D("9"), time=timedelta(hours=1)), TRAVEL, DAY)
    assert capped.answer.amount == D("6.00")
    assert "capped at £6.00 per visit" in capped.explain()


def test_a_journey_purpose_the_tariff_does_not_know_is_refused_by_name() -> None:
    with pytest.raises(cr.InvalidInput, match=r"journey\.purpose"):
        cr.price_journey(cr.Journey(D("3"), "school-run"), TRAVEL, DAY)


def test_no_travel_terms_is_a_missing_parameter() -> None:
    with pytest.raises(cr.MissingParameter, match=r"tariff\.travel"):
        cr.price_journey(cr.Journey(D("3"), "to-client"), _policy(), DAY)


@given(st.decimals(min_value=0, max_value=500, places=2), st.decimals(min_value=0, max_value=500, places=2))
def test_mileage_is_monotone_in_distance(a: Decimal, b: Decimal) -> None:
    """tariff.mileage: a longer journey never costs less (free miles and the cap included)."""
    short, long = sorted((a, b))
    for purpose in ("to-client", "with-client"):
        x = cr.price_journey(cr.Journey(short, purpose), TRAVEL, DAY).answer.amount
        y = cr.price_journey(cr.Journey(long, purpose), TRAVEL, DAY).answer.amount
        assert x <= y


MEAL = cr.ExpenseTerms("meal", cap=D("5.00"))


def test_a_57_pound_meal_under_a_5_pound_standing_agreement_bills_the_cap() -> None:
    """004_82faaa97975dc483.txt, "Other things you should know" (B34): the £5 for food is agreed case by case;
    a standing meal agreement capped at £5 never bills a £57 meal (tariff.expense-cap)."""
    decision = cr.price_expense(cr.ExpenseClaim("meal", D("57.00"), DAY), _policy(expenses=(MEAL,)))
    assert decision.answer.amount == D("5.00")
    assert decision.answer.billed
    assert decision.rule_ids == ("tariff.expense-cap",)
    assert "meal £57.00: £5.00 billed, the cap per occasion; the £52.00 over it is not billed" in decision.explain()


def test_a_cap_that_refuses_bills_nothing_over_it() -> None:
    terms = cr.ExpenseTerms("meal", cap=D("5.00"), over_cap=cr.OverCap.REFUSE)
    decision = cr.price_expense(cr.ExpenseClaim("meal", D("57.00"), DAY), _policy(expenses=(terms,)))
    assert decision.answer.amount == D("0.00")
    assert not decision.answer.billed
    within = cr.price_expense(cr.ExpenseClaim("meal", D("4.50"), DAY), _policy(expenses=(terms,)))
    assert within.answer.amount == D("4.50")


def test_approval_per_occasion_bills_nothing_until_approved() -> None:
    terms = cr.ExpenseTerms("activity", cap=D("30.00"), approval=True)
    policy = _policy(expenses=(terms,))
    pending = cr.price_expense(cr.ExpenseClaim("activity", D("12.00"), DAY), policy)
    assert pending.answer.amount == D("0.00")
    assert pending.missing
    approved = cr.price_expense(cr.ExpenseClaim("activity", D("12.00"), DAY, approved=True), policy)
    assert approved.answer.amount == D("12.00")


@given(st.decimals(min_value=0, max_value=1000, places=3))
def test_an_expense_never_bills_more_than_its_cap_or_its_cost(amount: Decimal) -> None:
    decision = cr.price_expense(cr.ExpenseClaim("meal", amount, DAY), _policy(expenses=(MEAL,)))
    assert decision.answer.amount <= D("5.00")
    assert decision.answer.amount <= cr.round_line(amount)


def test_a_one_off_fee_is_charged_by_name() -> None:
    policy = _policy(fees=(cr.Fee("assessment", D("45.00"), "Assessment fee"), cr.Fee("set-up", D("25.00"))))
    decision = cr.charge_fee("assessment", policy, DAY)
    assert decision.answer.amount == D("45.00")
    assert decision.rule_ids == ("tariff.fee",)
    with pytest.raises(cr.InvalidInput, match="assessment, set-up"):
        cr.charge_fee("deposit", policy, DAY)


def test_two_entries_for_one_expense_category_are_refused_naming_the_place() -> None:
    with pytest.raises(cr.TariffError, match=r"expenses\[1\]\.category"):
        cr.Tariff(rates=(RATE,), expenses=(MEAL, cr.ExpenseTerms("meal")))


def test_a_surcharge_names_its_methods_one_way_only() -> None:
    with pytest.raises(cr.InvalidInput, match=r"surcharge\.methods"):
        cr.Surcharge("Card fee", D("1.00"))


BILLING = _policy(
    billing=cr.Billing(
        cr.BillingPeriod.MONTHLY,
        cr.Timing.ADVANCE,
        due_days=14,
        vat=D("0.20"),
        surcharges=(cr.Surcharge("Card fee", D("1.50"), methods=frozenset({"card"})),),
    )
)


def test_a_monthly_invoice_in_advance_is_issued_on_its_first_day() -> None:
    decision = cr.invoice_period("2026-0042", date(2026, 1, 31), BILLING)
    period = decision.answer
    assert (period.number, period.end, period.issued_on, period.due_on) == (
        "2026-0042",
        date(2026, 2, 27),
        date(2026, 1, 31),
        date(2026, 2, 14),
    )
    assert decision.rule_ids == ("tariff.invoice-period",)


def test_a_blank_invoice_number_is_refused() -> None:
    with pytest.raises(cr.InvalidInput, match="number"):
        cr.invoice_period(" ", DAY, BILLING)


def test_a_surcharge_applies_only_to_its_methods() -> None:
    assert cr.payment_surcharge("card", BILLING, DAY).answer.amount == D("1.50")
    cash = cr.payment_surcharge("cash", BILLING, DAY)
    assert cash.answer.amount == D("0.00")
    assert cash.rule_ids == ("tariff.surcharge",)


def test_vat_is_rounded_once_per_line_not_on_the_total() -> None:
    decision = cr.add_vat([D("0.03"), D("0.03")], BILLING, DAY)
    assert [v.vat for v in decision.answer.lines] == [D("0.01"), D("0.01")]
    assert decision.answer.vat == D("0.02")  # 20% of the 0.06 total would round to 0.01
    assert decision.rule_ids == ("tariff.vat",)


def test_exempt_care_carries_no_vat() -> None:
    decision = cr.add_vat([D("46.25")], _policy(billing=cr.Billing()), DAY)
    assert decision.answer.vat == D("0.00")
    assert decision.answer.gross == D("46.25")
    assert "VAT exempt" in decision.explain()


@given(st.lists(st.decimals(min_value=0, max_value=10_000, places=2), max_size=20))
def test_vat_lines_sum_exactly_and_each_is_rounded_once(lines: list[Decimal]) -> None:
    total = cr.add_vat(lines, BILLING, DAY).answer
    assert total.vat == sum((v.vat for v in total.lines), D("0.00"))
    assert total.gross == total.net + total.vat
    for net, line in zip(lines, total.lines, strict=True):
        assert line.vat == cr.round_line(net * D("0.20"))


CAPS = _policy(billing=cr.Billing(weekly_cap=D("2128.00"), lesser_of=True))


def test_weekly_maximum_without_an_assessment_is_still_applied_and_says_what_is_missing() -> None:
    decision = cr.weekly_charge(D("2500.00"), CAPS, DAY)
    assert decision.answer.charged == D("2128.00")
    assert decision.rule_ids == ("tariff.weekly-cap", "tariff.lesser-of")
    assert decision.missing


@given(
    st.decimals(min_value=0, max_value=10_000, places=2),
    st.decimals(min_value=0, max_value=10_000, places=2),
)
def test_the_lesser_of_never_exceeds_any_of_its_terms(cost: Decimal, assessed: Decimal) -> None:
    charged = cr.weekly_charge(cost, CAPS, DAY, assessed=assessed).answer.charged
    assert charged <= cost
    assert charged <= assessed
    assert charged <= D("2128.00")
    assert charged in (cr.round_line(cost), cr.round_line(assessed), D("2128.00"))


def test_an_assessment_without_a_lesser_of_rule_is_refused() -> None:
    with pytest.raises(cr.InvalidInput, match="assessed"):
        cr.weekly_charge(D("10.00"), _policy(billing=cr.Billing(weekly_cap=D("5.00"))), DAY, assessed=D("3.00"))


def test_the_terms_round_trip_through_plain_data() -> None:
    tariff = TRAVEL.tariff.find(DAY)
    assert tariff is not None
    assert tariff.value is not None
    for policy in (TRAVEL, BILLING, CAPS, _policy(expenses=(MEAL,), fees=(cr.Fee("set-up", D("25.00")),))):
        assert from_data(to_data(policy), cr.Policy) == policy


def test_a_bad_term_in_a_policy_file_names_its_place() -> None:
    data = to_data(TRAVEL)
    data["tariff"]["travel"]["mileage"][1]["rate"] = "-1"
    with pytest.raises(cr.ScenarioError, match=r"tariff\.travel\.mileage\[1\]\.rate"):
        cr.load_policy(data)


@pytest.mark.parametrize(
    ("name", "change", "place"),
    [
        (
            "uk13",
            lambda t: t["travel"]["mileage"][2].update(purpose="to-client"),
            r"\$\.tariff\.travel\.mileage\[2\]\.purpose",
        ),
        (
            "uk08",
            lambda t: t["expenses"].append({"category": "live-in carer travel"}),
            r"\$\.tariff\.expenses\[1\]\.category",
        ),
        ("uk23", lambda t: t["billing"].update(period="fortnightly"), r"\$\.tariff\.billing\.period"),
        (
            "uk23",
            lambda t: t["billing"]["surcharges"].append(dict(t["billing"]["surcharges"][0])),
            r"\$\.tariff\.billing\.surcharges\[1\]\.name",
        ),
        ("uk24", lambda t: t["billing"].update(vat="1.2"), r"\$\.tariff\.billing"),
        (
            "uk16",
            lambda t: t["fees"].append({"name": "consultation", "amount": "30.00"}),
            r"\$\.tariff\.fees\[1\]\.name",
        ),
    ],
)
def test_bad_terms_in_a_provider_file_name_the_place(name: str, change: Any, place: str) -> None:
    """Typed errors for the new tariff keys name the place in the file (issue 16, "Bad input")."""
    import json
    from pathlib import Path

    data = json.loads((Path(__file__).parents[1] / "conformance" / f"{name}.json").read_text(encoding="utf-8"))
    change(data["tariff"])
    with pytest.raises(cr.ScenarioError, match=place):
        cr.load_policy(data)
