"""Invoices under a provider's tariff (issue 16 items 7-9): every line priced and explained by the tariff rules.

Worked rows use the provider files of ``tests/conformance`` (from
``../shared/terms/providers.json``) and cite the case id where providers.json
has one, the provider key otherwise.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import carerules as cr
from carerules._tariff._strategies import billings
from carerules.serialisation import from_data, to_data
from carerules.strategies import tariffs, visits

D = Decimal
LONDON = ZoneInfo("Europe/London")
CONFORMANCE = Path(__file__).parent.parent / "conformance"


@cache
def provider(key: str) -> cr.Policy:
    return cr.load_policy(json.loads((CONFORMANCE / f"{key}.json").read_text(encoding="utf-8")))


def at(y: int, m: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=LONDON)


def agreed(category: str) -> cr.ExpenseAgreement:
    return cr.ExpenseAgreement("su", category, date(2024, 1, 1))


def _ps03_week() -> list[cr.Visit]:
    """Seven days of 07:00-13:30 and 13:30-20:00 home support: 91 h at £23.92 = £2,176.72."""
    return [
        cr.Visit(at(2025, 1, d, *a), at(2025, 1, d, *b), service="home-support", id=f"v{d}-{a[0]}")
        for d in range(6, 13)
        for a, b in (((7, 0), (13, 30)), ((13, 30), (20, 0)))
    ]


#: (case, provider, invoice start, what to bill, net, VAT, total, not billed, (issued, due), rules that must fire)
CASES: list[tuple[str, str, date, dict[str, Any], str, str, str, str, tuple[date, date], set[str]]] = [
    (
        "U7 live-in 24, 25, 26 Dec at D=100: 1.5D + 2D + 2D, and UK23's admin fee for paying by card",
        "uk23",
        date(2024, 12, 9),
        {
            "visits": [cr.Visit(at(2024, 12, 24), at(2024, 12, 27), service="live-in", id="li")],
            "payment_method": "card",
        },
        "555.00",
        "0.00",
        "555.00",
        "0.00",
        (date(2025, 1, 6), date(2025, 1, 6)),
        {"tariff.per-day", "tariff.day-type", "tariff.surcharge", "tariff.invoice-period", "tariff.vat"},
    ),
    (
        "U7 paid by direct debit: no admin fee",
        "uk23",
        date(2024, 12, 9),
        {
            "visits": [cr.Visit(at(2024, 12, 24), at(2024, 12, 27), service="live-in", id="li")],
            "payment_method": "direct-debit",
        },
        "550.00",
        "0.00",
        "550.00",
        "0.00",
        (date(2025, 1, 6), date(2025, 1, 6)),
        {"tariff.surcharge"},
    ),
    (
        "U15 a 90-minute weekday visit 15.00 + 1 h x 20.00, and UK13's 12 miles to the client, first 5 free",
        "uk13",
        date(2025, 1, 6),
        {
            "visits": [cr.Visit(at(2025, 1, 7, 10), at(2025, 1, 7, 11, 30), id="v1")],
            "journeys": [(date(2025, 1, 7), cr.Journey(D("12"), "to-client", id="j1"))],
        },
        "39.20",
        "0.00",
        "39.20",
        "0.00",
        (date(2025, 1, 20), date(2025, 1, 27)),
        {"tariff.price-table", "tariff.mileage"},
    ),
    (
        "U17 a 2-hour outing overrunning 25 min is not charged extra; UK16's consultation fee, mileage, outing costs",
        "uk16",
        date(2025, 1, 15),
        {
            "visits": [cr.Visit(at(2025, 1, 20, 10), at(2025, 1, 20, 12, 25), booked_end=at(2025, 1, 20, 12), id="o")],
            "journeys": [(date(2025, 1, 20), cr.Journey(D("20"), "with-client"))],
            "expenses": [cr.Expense("e1", "su", date(2025, 1, 20), D("13.40"), "outing costs")],
            "agreements": [agreed("outing costs")],
            "fees": ["consultation"],
        },
        "86.40",
        "0.00",
        "86.40",
        "0.00",
        (date(2025, 2, 15), date(2025, 2, 15)),
        {"tariff.overrun", "tariff.fee", "tariff.mileage", "tariff.expense-cap", "expenses.agreed"},
    ),
    (
        "U20 a live-in night with 3 calls, the first free: 2 x 10.00; UK24's carer travel 55.00 capped at 40.00; VAT",
        "uk24",
        date(2025, 1, 6),
        {
            "visits": [
                cr.Visit(
                    at(2025, 1, 10, 22),
                    at(2025, 1, 11, 7),
                    service="live-in-night",
                    calls=(at(2025, 1, 11, 1), at(2025, 1, 11, 3), at(2025, 1, 11, 5)),
                    id="n1",
                )
            ],
            "expenses": [cr.Expense("e1", "su", date(2025, 1, 8), D("55.00"), "carer travel")],
            "agreements": [agreed("carer travel")],
        },
        "60.00",
        "12.00",
        "72.00",
        "15.00",
        (date(2025, 2, 3), date(2025, 2, 10)),
        {"tariff.disturbance", "tariff.expense-cap", "tariff.vat"},
    ),
    (
        "U23 a week of care 2,176.72, assessed 3,000, cap 2,128: the lesser of them, 2,128, is charged",
        "ps03",
        date(2025, 1, 6),
        {"visits": _ps03_week(), "assessed": D("3000")},
        "2128.00",
        "0.00",
        "2128.00",
        "0.00",
        (date(2025, 2, 6), date(2025, 2, 6)),
        {"tariff.weekly-cap", "tariff.lesser-of"},
    ),
    (
        "PS03 an assessed contribution under the week's cost is what is charged",
        "ps03",
        date(2025, 1, 6),
        {"visits": _ps03_week(), "assessed": D("240.50")},
        "240.50",
        "0.00",
        "240.50",
        "0.00",
        (date(2025, 2, 6), date(2025, 2, 6)),
        {"tariff.lesser-of"},
    ),
]


@pytest.mark.parametrize(
    ("case", "key", "start", "items", "net", "vat", "total", "not_billed", "dates", "rules"),
    CASES,
    ids=[c[0].split(" ")[0] + "-" + c[1] for c in CASES],
)
def test_each_providers_invoice_totals_as_its_published_terms_say(
    case: str,
    key: str,
    start: date,
    items: dict[str, Any],
    net: str,
    vat: str,
    total: str,
    not_billed: str,
    dates: tuple[date, date],
    rules: set[str],
) -> None:
    invoice = cr.build_tariff_invoice("su", "INV-0042", start, provider(key), **items)
    shown = invoice.render(explain=True)
    assert (invoice.net, invoice.vat, invoice.total, invoice.not_billed_total) == (
        D(net),
        D(vat),
        D(total),
        D(not_billed),
    ), shown
    assert (invoice.issued_on, invoice.due_on) == dates
    fired = {r.rule_id for line in (*invoice.lines, *invoice.not_billed) for r in line.reasons}
    fired |= {r.rule_id for r in invoice.reasons}
    assert rules <= fired, shown
    assert invoice.number == "INV-0042"
    assert invoice.policy is not None
    assert invoice.policy.id == provider(key).id


def test_u23_invoice_takes_the_cap_off_as_one_explained_line() -> None:
    """providers.json U23 (PS03): the weekly-cap line is negative, and says all three terms."""
    invoice = cr.build_tariff_invoice(
        "su", "E-1", date(2025, 1, 6), provider("ps03"), visits=_ps03_week(), assessed=D("3000")
    )
    cap = invoice.lines[-1]
    assert (cap.kind, cap.amount, cap.day) == (cr.LineKind.WEEKLY_CAP, D("-48.72"), date(2025, 1, 6))
    assert cap.description == "week 2025-01-06 to 2025-01-12: visits £2,176.72, charged £2,128.00"
    assert [r.rule_id for r in cap.reasons] == ["tariff.weekly-cap", "tariff.lesser-of"]
    assert "the least of cost £2,176.72, assessed contribution £3,000.00 and the weekly maximum £2,128.00" in str(
        cap.reasons[1]
    )
    assert "-£48.72" in invoice.render()
    assert "VAT exempt: no VAT on 14 lines (£2,176.72), less £48.72 taken off by the weekly caps" in invoice.render()


def test_ps03_without_the_assessed_contribution_says_it_is_missing() -> None:
    invoice = cr.build_tariff_invoice("su", "E-2", date(2025, 1, 6), provider("ps03"), visits=_ps03_week())
    assert invoice.total == D("2128.00")  # the weekly maximum still holds
    assert invoice.missing == ("the client's assessed contribution (the lesser-of rule)",)


def test_an_assessed_contribution_without_a_lesser_of_rule_is_refused() -> None:
    with pytest.raises(cr.InvalidInput, match="assessed"):
        cr.build_tariff_invoice("su", "X", date(2025, 1, 6), provider("uk24"), assessed=D("10"))


def test_a_tariff_without_billing_terms_cannot_number_an_invoice() -> None:
    with pytest.raises(cr.MissingParameter, match=r"tariff\.billing"):
        cr.build_tariff_invoice("su", "X", date(2025, 1, 6), provider("uk08"))


def test_a_blank_invoice_number_is_refused() -> None:
    with pytest.raises(cr.InvalidInput, match="number"):
        cr.build_tariff_invoice("su", " ", date(2025, 1, 6), provider("uk24"))


MEAL_RATE = cr.TariffRate("Hourly rate", amount=D("18.50"))
MONTHLY = cr.Billing(cr.BillingPeriod.MONTHLY, cr.Timing.ARREARS, due_days=14)


def _meals(terms: cr.ExpenseTerms) -> cr.Policy:
    tariff = cr.Tariff(rates=(MEAL_RATE,), expenses=(terms,), billing=MONTHLY)
    return cr.Policy("meals", "Meals test", "1", date(2000, 1, 1), tariff=tariff)


MEAL_57 = cr.Expense("e-57", "su", date(2026, 10, 20), D("57.00"), "meal", "dinner out")
STANDING = cr.ExpenseAgreement("su", "meal", date(2026, 9, 1))


@pytest.mark.parametrize(
    ("case", "terms", "approved", "billed", "not_billed", "detail"),
    [
        (
            "capped: the standing £5 meal agreement bills £5 of a £57 meal, the £52 over it not billed",
            cr.ExpenseTerms("meal", cap=D("5.00")),
            (),
            "5.00",
            "52.00",
            "meal £57.00: £5.00 billed, the cap per occasion; the £52.00 over it is not billed",
        ),
        (
            "refused: a cap that refuses bills none of the £57 meal",
            cr.ExpenseTerms("meal", cap=D("5.00"), over_cap=cr.OverCap.REFUSE),
            (),
            "0.00",
            "57.00",
            "meal £57.00 not billed: over the £5.00 cap per occasion, which refuses it",
        ),
        (
            "not approved: each occasion needs approval, and this one has none",
            cr.ExpenseTerms("meal", cap=D("60.00"), approval=True),
            (),
            "0.00",
            "57.00",
            "meal £57.00 not billed: each occasion needs approval, and this one was not approved",
        ),
        (
            "approved: the occasion approved and within the cap is billed at cost",
            cr.ExpenseTerms("meal", cap=D("60.00"), approval=True),
            ("e-57",),
            "57.00",
            "0.00",
            "meal £57.00 billed, within the £60.00 cap per occasion",
        ),
    ],
    ids=["capped", "refused", "not-approved", "approved"],
)
def test_a_57_pound_meal_under_a_standing_meal_agreement(
    case: str, terms: cr.ExpenseTerms, approved: tuple[str, ...], billed: str, not_billed: str, detail: str
) -> None:
    """issue 16 item 8 and 004_82faaa97975dc483.txt, "Other things you should know": costs agreed case by case
    (the £5 for food); a standing meal agreement never bills a £57 meal beyond what the tariff's terms allow."""
    invoice = cr.build_tariff_invoice(
        "su",
        "M-1",
        date(2026, 10, 1),
        _meals(terms),
        expenses=[MEAL_57],
        agreements=[STANDING],
        approved=approved,
    )
    assert (invoice.total, invoice.not_billed_total) == (D(billed), D(not_billed))
    lines = (*invoice.lines, *invoice.not_billed)
    assert all(line.ref == "e-57" for line in lines)
    assert any(detail in str(r) for line in lines for r in line.reasons), invoice.render(explain=True)
    assert sum((line.amount for line in lines), D(0)) == D("57.00")  # billed and not billed: what was claimed


def test_an_expense_with_no_agreement_is_not_billed_whatever_the_cap() -> None:
    invoice = cr.build_tariff_invoice(
        "su", "M-2", date(2026, 10, 1), _meals(cr.ExpenseTerms("meal", cap=D("5.00"))), expenses=[MEAL_57]
    )
    assert invoice.total == D("0.00")
    (line,) = invoice.not_billed
    assert (line.amount, line.billed, [r.rule_id for r in line.reasons]) == (D("57.00"), False, ["expenses.not-agreed"])
    assert invoice.missing == ("an agreement with su for 'meal' costs",)


def test_rows_html_and_text_show_the_numbers_and_totals() -> None:
    invoice = cr.build_tariff_invoice("su", "INV-<9>", date(2025, 1, 6), provider("uk24"), **CASES[4][3])
    rows = invoice.rows()
    assert [(r["kind"], r["amount"], r["vat"], r["billed"]) for r in rows] == [
        ("visit", D("20.00"), D("4.00"), True),
        ("expense", D("40.00"), D("8.00"), True),
        ("expense", D("15.00"), None, False),
    ]
    assert {r["invoice"] for r in rows} == {"INV-<9>"}
    html = invoice._repr_html_()
    foot = html.split("<tfoot>")[1]
    assert "<td>Total</td><td>72.00</td>" in foot
    assert "<td>VAT</td><td>12.00</td>" in foot
    assert "<td>Not billed (not in the total)</td><td>15.00</td>" in foot
    assert "INV-<9>" not in html
    text = invoice.render()
    assert (
        text.splitlines()[0] == "Invoice INV-<9> for su, 2025-01-06 to 2025-02-02 (issued 2025-02-03, due 2025-02-10)"
    )
    assert "  Total" in text
    assert "VAT at 20% on 2 lines" in text


# --- properties -------------------------------------------------------------------------------------------


@st.composite
def tariff_invoices(draw: st.DrawFn) -> tuple[cr.Tariff, list[cr.Visit], date, dict[str, Any]]:
    """A tariff with billing terms, visits, and what else an invoice may carry (expenses, fees, a method)."""
    tariff = draw(tariffs())
    billing = draw(billings())
    tariff = attrs.evolve(tariff, billing=billing)
    items = draw(st.lists(visits(), min_size=1, max_size=5))
    start = items[0].start.astimezone(LONDON).date() - timedelta(days=draw(st.integers(0, 6)))
    costs = [
        cr.Expense(
            f"e{i}", "su", start + timedelta(days=draw(st.integers(0, 20))), draw(st.decimals(0, 80, places=2)), c
        )
        for i, c in enumerate(draw(st.lists(st.sampled_from(["meal", "activity", "carer travel"]), max_size=3)))
    ]
    trips: list[tuple[date, cr.Journey]] = []
    if tariff.travel is not None:
        purposes = [None, *(m.purpose for m in tariff.travel.mileage)]
        for i in range(draw(st.integers(0, 3))):
            minutes = draw(st.none() | st.integers(0, 120))
            journey = cr.Journey(
                draw(st.decimals(0, 60, places=1)),
                draw(st.sampled_from(purposes)),
                None if minutes is None else timedelta(minutes=minutes),
                id=f"j{i}",
            )
            trips.append((start + timedelta(days=draw(st.integers(0, 20))), journey))
    extra: dict[str, Any] = {
        "journeys": trips,
        "expenses": costs,
        "agreements": [agreed(c) for c in ("meal", "activity") if draw(st.booleans())],
        "approved": [e.id for e in costs if draw(st.booleans())],
        "fees": [f.name for f in tariff.fees if draw(st.booleans())],
        "payment_method": draw(st.none() | st.sampled_from(["card", "direct-debit"])),
    }
    if billing.lesser_of:
        extra["assessed"] = draw(st.none() | st.decimals(0, 3000, places=2))
    return tariff, items, start, extra


def _invoice(tariff: cr.Tariff, items: list[cr.Visit], start: date, extra: dict[str, Any]) -> cr.TariffInvoice:
    policy = cr.Policy("tariff-example", "A provider", "1", date(2000, 1, 1), tariff=tariff)
    try:
        return cr.build_tariff_invoice("su", "P-1", start, policy, visits=items, **extra)
    except cr.MissingTariffRate:
        assume(False)
        raise


@settings(max_examples=60, deadline=None)
@given(tariff_invoices())
def test_totals_are_the_exact_sums_of_lines_rounded_once(
    drawn: tuple[cr.Tariff, list[cr.Visit], date, dict[str, Any]],
) -> None:
    invoice = _invoice(*drawn)
    quantum = D("0.01")
    assert invoice.net == sum((line.amount for line in invoice.lines), D("0.00"))
    assert invoice.vat == sum((v.vat for v in invoice.vat_lines), D("0.00"))
    assert invoice.total == invoice.net + invoice.vat
    assert invoice.not_billed_total == sum((line.amount for line in invoice.not_billed), D("0.00"))
    assert [v.net for v in invoice.vat_lines] == [line.amount for line in invoice.lines]
    for line in (*invoice.lines, *invoice.not_billed):
        assert line.amount == line.amount.quantize(quantum)  # each line already rounded once
        assert line.reasons
    assert invoice.period.first <= min((line.day for line in invoice.lines), default=invoice.period.first)


@settings(max_examples=60, deadline=None)
@given(tariff_invoices(), st.decimals(0, 500, places=2))
def test_the_weekly_cap_never_raises_a_total(
    drawn: tuple[cr.Tariff, list[cr.Visit], date, dict[str, Any]], cap: Decimal
) -> None:
    tariff, items, start, extra = drawn
    assert tariff.billing is not None
    free = attrs.evolve(tariff, billing=attrs.evolve(tariff.billing, weekly_cap=None, lesser_of=False))
    capped = attrs.evolve(tariff, billing=attrs.evolve(tariff.billing, weekly_cap=cap))
    extra = {k: v for k, v in extra.items() if k != "assessed"}
    uncapped_invoice = _invoice(free, items, start, extra)
    capped_invoice = _invoice(capped, items, start, extra)
    assert capped_invoice.net <= uncapped_invoice.net
    assert capped_invoice.total <= uncapped_invoice.total
    for line in capped_invoice.lines:
        if line.kind is cr.LineKind.WEEKLY_CAP:
            assert line.amount < 0


@settings(max_examples=60, deadline=None)
@given(tariff_invoices(), st.sampled_from([D("0.20"), D("0.05")]))
def test_vat_exempt_leaves_totals_unchanged_and_a_rate_adds_only_vat(
    drawn: tuple[cr.Tariff, list[cr.Visit], date, dict[str, Any]], rate: Decimal
) -> None:
    tariff, items, start, extra = drawn
    assert tariff.billing is not None
    exempt = _invoice(attrs.evolve(tariff, billing=attrs.evolve(tariff.billing, vat=None)), items, start, extra)
    rated = _invoice(attrs.evolve(tariff, billing=attrs.evolve(tariff.billing, vat=rate)), items, start, extra)
    assert exempt.vat == D("0.00")
    assert exempt.total == exempt.net
    assert exempt.vat_rate is None
    assert [line.amount for line in rated.lines] == [line.amount for line in exempt.lines]
    assert rated.net == exempt.net
    assert rated.total == rated.net + rated.vat
    assert all(abs(v.vat) <= abs(v.net) for v in rated.vat_lines)


@pytest.mark.parametrize("row", range(len(CASES)), ids=[c[0].split(" ")[0] + "-" + c[1] for c in CASES])
def test_tariff_invoices_round_trip_through_plain_data(row: int) -> None:
    _, key, start, items, *_ = CASES[row]
    invoice = cr.build_tariff_invoice("su", "RT-1", start, provider(key), **items)
    assert from_data(to_data(invoice), cr.TariffInvoice) == invoice
    assert json.loads(json.dumps(to_data(invoice)))["total"] == str(invoice.total)


@pytest.mark.parametrize(
    ("period", "timing", "start", "last", "issued", "due"),
    [
        (
            cr.BillingPeriod.WEEKLY,
            cr.Timing.ADVANCE,
            date(2026, 10, 5),
            date(2026, 10, 11),
            date(2026, 10, 5),
            date(2026, 10, 8),
        ),
        (
            cr.BillingPeriod.WEEKLY,
            cr.Timing.ARREARS,
            date(2026, 10, 5),
            date(2026, 10, 11),
            date(2026, 10, 12),
            date(2026, 10, 15),
        ),
        (
            cr.BillingPeriod.FOUR_WEEKLY,
            cr.Timing.ADVANCE,
            date(2026, 10, 5),
            date(2026, 11, 1),
            date(2026, 10, 5),
            date(2026, 10, 8),
        ),
        (
            cr.BillingPeriod.MONTHLY,
            cr.Timing.ARREARS,
            date(2026, 1, 31),
            date(2026, 2, 27),
            date(2026, 2, 28),
            date(2026, 3, 3),
        ),
    ],
    ids=["weekly-advance", "weekly-arrears", "4-weekly-advance", "monthly-arrears-from-31-jan"],
)
def test_the_billing_cycle_sets_the_period_issue_and_due_dates_and_what_is_billed(
    period: cr.BillingPeriod, timing: cr.Timing, start: date, last: date, issued: date, due: date
) -> None:
    """tariff.invoice-period: weekly, 4-weekly, monthly; in advance or in arrears; due 3 days after issue.
    Only visits starting (local date) in the period are billed: one on its last day, none the day after."""
    tariff = cr.Tariff(rates=(MEAL_RATE,), billing=cr.Billing(period, timing, due_days=3))
    policy = cr.Policy("cycle", "Cycle test", "1", date(2000, 1, 1), tariff=tariff)
    edge = [
        cr.Visit(at(*d.timetuple()[:3], 10), at(*d.timetuple()[:3], 12), id=str(d))
        for d in (last, last + timedelta(days=1))
    ]
    invoice = cr.build_tariff_invoice("su", "W-1", start, policy, visits=edge)
    assert (invoice.period, invoice.issued_on, invoice.due_on) == (cr.Period(start, last), issued, due)
    assert [line.ref for line in invoice.lines] == [str(last)]
    assert invoice.total == D("37.00")
