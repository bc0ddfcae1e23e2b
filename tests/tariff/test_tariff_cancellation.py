"""Cancellation tiers (issue 16, item 6 "Cancellation tiers", "Bad input" and "Properties").

Notice units, no-shows, waivers given as recorded evidence, what a charge
includes, and the typed errors a malformed tier list or evidence raises.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import carerules as cr
from carerules.strategies import cancellation_terms, tariffs, visits

LONDON = ZoneInfo("Europe/London")
D = Decimal


def tier(under: str, unit: str = "hours", kind: str = "percent", amount: str = "100", **kw: Any) -> cr.NoticeTier:
    return cr.NoticeTier(D(under), unit, cr.TierCharge(kind, D(amount)), **kw)


def policy(*tiers: cr.NoticeTier, **terms: Any) -> cr.Policy:
    tariff = cr.Tariff(
        rates=(cr.TariffRate("Hourly rate", amount=D("20.00")),),
        cancellation=cr.CancellationTerms(tiers, **terms),
    )
    return cr.Policy("p", "P", "1", cr.BUDDIES.effective_from, tariff=tariff)


def visit(y: int = 2026, mo: int = 3, d: int = 10, h: int = 14, hours: int = 2) -> cr.Visit:
    start = datetime(y, mo, d, h, tzinfo=LONDON)
    return cr.Visit(start, start + timedelta(hours=hours))


def at(y: int, mo: int, d: int, h: int = 9) -> datetime:
    return datetime(y, mo, d, h, tzinfo=LONDON)


def test_the_issue_example_reads_as_written() -> None:
    """Issue 16 item 6 example: "notice was 36 h: 50% charged (the 24-48 h tier; 48 h or more would have been free)"."""
    p = policy(tier("24"), tier("48", amount="50"))
    v = visit()
    d = cr.price_cancellation(v, v.start - timedelta(hours=36), p)
    assert d.answer.amount == D("20.00")
    (reason,) = [r for r in d.reasons if r.rule_id == "tariff.cancellation-tier"]
    assert reason.detail == "notice was 36 h: 50% charged (the under 48 h tier; 50% of the booked £40.00)"
    assert reason.would_change == "48 h or more would have been free"


@pytest.mark.parametrize(
    ("unit", "cancelled_at", "measured", "charged"),
    [
        # Visit Tuesday 10 March 2026 14:00; a tier "under 2 <unit>" charges 100%.
        ("calendar-days", at(2026, 3, 9, 9), "1 calendar day", "40.00"),
        ("calendar-days", at(2026, 3, 8, 20), "2 calendar days", "0.00"),
        ("clear-days", at(2026, 3, 8, 9), "1 clear day", "40.00"),
        ("clear-days", at(2026, 3, 7, 9), "2 clear days", "0.00"),
        ("business-days", at(2026, 3, 6, 9), "1 business day", "40.00"),  # Fri: only Mon 9 between
        ("business-days", at(2026, 3, 5, 9), "2 business days", "0.00"),  # Thu: Fri 6, Mon 9
    ],
)
def test_notice_is_counted_in_the_tiers_unit(unit: str, cancelled_at: datetime, measured: str, charged: str) -> None:
    """Issue 16 item 6 (notice units): calendar days, clear days, business days (Mon-Fri, not bank holidays)."""
    d = cr.price_cancellation(visit(), cancelled_at, policy(tier("2", unit)))
    assert d.answer.amount == D(charged)
    (unit_reason,) = [r for r in d.reasons if r.rule_id == "tariff.notice-unit"]
    assert measured in unit_reason.detail


def test_business_days_skip_bank_holidays() -> None:
    """Issue 16 item 6: business days leave out bank holidays (Good Friday and Easter Monday 2026: 3 and 6 April)."""
    v = visit(2026, 4, 7)  # Tuesday after Easter Monday
    d = cr.price_cancellation(v, at(2026, 4, 1), policy(tier("2", "business-days")))
    assert "1 business day" in d.reasons[0].detail  # Thu 2 April only
    assert d.answer.amount == D("40.00")


def test_on_the_day_is_the_visits_local_date() -> None:
    """UK04 (providers.json): "on the day" is a calendar-day threshold, not 24 hours."""
    p = policy(tier("1", "on-the-day"), tier("48", amount="50"))
    v = visit(h=9)
    assert cr.price_cancellation(v, at(2026, 3, 10, 0), p).answer.amount == D("40.00")
    assert cr.price_cancellation(v, at(2026, 3, 9, 23), p).answer.amount == D("20.00")


def test_a_cancellation_after_the_start_has_no_notice() -> None:
    v = visit()
    d = cr.price_cancellation(v, v.start + timedelta(minutes=5), policy(tier("24")))
    assert d.answer.notice == timedelta(0)
    assert d.answer.amount == D("40.00")


def test_staff_pay_rules() -> None:
    """Issue 16 item 6: each tier has a staff-pay rule (%, hours, or none)."""
    v = visit()
    when = v.start - timedelta(hours=1)
    assert cr.price_cancellation(v, when, policy(tier("24"))).answer.staff_paid == timedelta(0)
    pct = policy(tier("24", staff_pay="percent", staff_pay_amount=D(50)))
    assert cr.price_cancellation(v, when, pct).answer.staff_paid == timedelta(hours=1)
    hours = policy(tier("24", staff_pay="hours", staff_pay_amount=D(3)))
    assert cr.price_cancellation(v, when, hours).answer.staff_paid == timedelta(hours=3)


def test_a_fixed_charge() -> None:
    v = visit()
    assert cr.price_cancellation(v, v.start, policy(tier("24", kind="fixed", amount="15"))).answer.amount == D("15.00")


def test_a_no_show_takes_the_no_show_charge_or_counts_as_no_notice() -> None:
    """Issue 16 item 6: no-shows."""
    v = visit()
    with_charge = policy(tier("24", amount="50"), no_show=cr.TierCharge("percent", D(100)))
    d = cr.price_cancellation(v, None, with_charge, no_show=True)
    assert d.answer.amount == D("40.00")
    assert d.answer.no_show
    assert "tariff.no-show" in d.rule_ids
    d = cr.price_cancellation(v, None, policy(tier("24", amount="50")), no_show=True)
    assert d.answer.amount == D("20.00")
    assert "tariff.no-show" in d.rule_ids
    assert "tariff.cancellation-tier" in d.rule_ids


WAIVERS = (
    cr.CancellationWaiver("hospital-admission", "an emergency hospital admission"),
    cr.CancellationWaiver("worker-redeployed", "the worker redeployed to other paid work"),
    cr.CancellationWaiver("rescheduled", "the session rescheduled", D(50)),
)


@pytest.mark.parametrize(
    ("evidence", "expected", "by"),
    [
        ((), "40.00", None),
        (("hospital-admission",), "0.00", "hospital-admission"),
        (("worker-redeployed",), "0.00", "worker-redeployed"),
        (("rescheduled",), "20.00", "rescheduled"),
        (("rescheduled", "hospital-admission"), "0.00", "hospital-admission"),
    ],
)
def test_waivers_given_as_recorded_evidence(evidence: tuple[str, ...], expected: str, by: str | None) -> None:
    """Issue 16 item 6: each waiver the policy recognises drops or reduces the charge as the policy says."""
    v = visit()
    d = cr.price_cancellation(v, v.start - timedelta(hours=2), policy(tier("24"), waivers=WAIVERS), evidence=evidence)
    assert d.answer.amount == D(expected)
    assert d.answer.waived_by == by
    assert ("tariff.waiver" in d.rule_ids) == bool(evidence)


def test_what_a_charge_includes_is_recorded() -> None:
    """UK13 (providers.json): "charged, excluding any agreed mileage"; travel already made included."""
    v = visit()
    d = cr.price_cancellation(v, v.start, policy(tier("24"), excludes_mileage=True, includes_travel_made=True))
    assert d.answer.excludes_mileage
    assert d.answer.includes_travel_made
    assert any(
        r.detail == "the cancellation charge excludes mileage and includes travel already made" for r in d.reasons
    )


# Bad input (issue 16, "Bad input"): a typed error naming the place in the file, never a silent wrong price.


@pytest.mark.parametrize(
    ("tiers", "where"),
    [
        ((tier("48"), tier("24")), "tiers[1].under"),
        ((tier("24"), tier("24")), "tiers[1].under"),
        ((tier("2", "calendar-days"), tier("24")), "tiers[1].under"),
        ((tier("24"), tier("48"), tier("36")), "tiers[2].under"),
        ((tier("24", "fortnights"),), "tiers[0].unit"),
        ((tier("0"),), "tiers[0].under"),
        ((tier("24", kind="guess"),), "tiers[0].charge.kind"),
        ((tier("24", amount="150"),), "tiers[0].charge.amount"),
        ((tier("24", amount="50"), tier("48")), "tiers[1].charge.amount"),
        ((tier("24", staff_pay="all"),), "tiers[0].staff_pay"),
    ],
)
def test_a_bad_tier_list_is_refused_naming_the_place(tiers: tuple[cr.NoticeTier, ...], where: str) -> None:
    with pytest.raises(cr.TariffError) as caught:
        cr.CancellationTerms(tiers)
    assert caught.value.where == where


def test_in_a_policy_file_the_place_is_the_files_path() -> None:
    """Issue 16 "Bad input": the loader prefixes the tariff's place (``$.tariff.cancellation.tiers[1].under``)."""
    data = {
        "id": "p",
        "name": "P",
        "version": "1",
        "effective_from": "2000-01-01",
        "tariff": {
            "rates": [{"name": "Hourly rate", "amount": "20.00"}],
            "cancellation": {
                "tiers": [
                    {"unit": "hours", "under": "48", "charge": {"kind": "percent", "amount": "100"}},
                    {"unit": "hours", "under": "24", "charge": {"kind": "percent", "amount": "50"}},
                ]
            },
        },
    }
    with pytest.raises(cr.ScenarioError) as caught:
        cr.load_policy(data)
    assert "$.tariff.cancellation.tiers[1].under" in str(caught.value)
    data["tariff"]["cancellation"]["tiers"][1]["under"] = "72"  # type: ignore[index]
    data["tariff"]["cancellation"]["tiers"][1]["unit"] = "moons"  # type: ignore[index]
    with pytest.raises(cr.ScenarioError) as caught:
        cr.load_policy(data)
    assert "$.tariff.cancellation.tiers[1].unit" in str(caught.value)


def test_an_unknown_waiver_is_refused_naming_the_evidence() -> None:
    """Issue 16 "Bad input": a waiver the policy does not recognise."""
    v = visit()
    with pytest.raises(cr.UnknownWaiver) as caught:
        cr.price_cancellation(v, v.start, policy(tier("24"), waivers=WAIVERS), evidence=("rescheduled", "weather"))
    assert "evidence[1]" in str(caught.value)
    with pytest.raises(cr.TariffError) as dup:
        cr.CancellationTerms((tier("24"),), waivers=(WAIVERS[0], WAIVERS[0]))
    assert dup.value.where == "waivers[1].name"


def test_a_tariff_without_cancellation_terms_says_so() -> None:
    p = cr.Policy("p", "P", "1", cr.BUDDIES.effective_from, tariff=cr.Tariff((cr.TariffRate("R", amount=D(1)),)))
    v = visit()
    with pytest.raises(cr.MissingParameter):
        cr.price_cancellation(v, v.start, p)
    with pytest.raises(cr.InvalidInput):
        cr.price_cancellation(v, None, policy(tier("24")))


# Properties (issue 16, "Properties"): less notice never costs less.


@given(
    tariffs(price_tables=False).map(lambda t: attrs.evolve(t, durations=())),
    cancellation_terms(waivers=False),
    visits(),
    st.integers(0, 40 * 24 * 60),
    st.integers(1, 20 * 24 * 60),
)
def test_less_notice_never_costs_less(
    tariff: cr.Tariff, terms: cr.CancellationTerms, v: cr.Visit, more: int, less: int
) -> None:
    """For ordered tiers in one unit, without waivers: cancelling later never costs less."""
    p = cr.Policy("p", "P", "1", cr.BUDDIES.effective_from, tariff=attrs.evolve(tariff, cancellation=terms))
    early = cr.plus_elapsed(v.start, -timedelta(minutes=more + less))
    late = cr.plus_elapsed(v.start, -timedelta(minutes=more))
    a = cr.price_cancellation(v, early, p).answer
    b = cr.price_cancellation(v, late, p).answer
    assert a.amount is not None
    assert b.amount is not None
    assert b.amount >= a.amount


def test_policy_check_shows_the_cancellation_terms() -> None:
    """``carerules policy check`` lists each tier, the free band past them, waivers and what a charge covers."""
    from carerules._cli_policy import tariff_lines

    p = policy(tier("24", staff_pay="hours", staff_pay_amount=D(2)), waivers=WAIVERS[:1], excludes_mileage=True)
    assert p.tariff.latest is not None
    lines = tariff_lines(p.tariff.latest, "GBP")
    assert "cancellation notice under 24 h: 100% of the booked charge; staff paid 2 hours" in lines
    assert "cancellation notice past every tier: free" in lines
    assert "waiver hospital-admission (an emergency hospital admission): 0% still charged" in lines
    assert "a cancellation charge excludes mileage" in lines
