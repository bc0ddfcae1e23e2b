"""Money stays money: every line rounded once, half up, totals of rounded lines, no display rounding,
and no caller's decimal context can change a price (issue 14, "Money")."""

from __future__ import annotations

import decimal
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import carerules as cr
from carerules._money import format_money, minor_unit, money_sum
from carerules.strategies import amounts, expense_agreements, expenses, policies, sessions

JANUARY = cr.Period(date(2026, 1, 1), date(2026, 1, 31))
MEALS = (cr.ExpenseAgreement("su-ada", "meal", date(2025, 1, 1)),)
_SHOWN = re.compile(r"£(-?[\d,]+\.\d+)")


def _expense(i: int, amount: str) -> cr.Expense:
    return cr.Expense(f"e{i}", "su-ada", date(2026, 1, 5), Decimal(amount), "meal")


def _shown_amounts(text: str) -> list[Decimal]:
    return [Decimal(m.replace(",", "")) for m in _SHOWN.findall(text)]


def test_sub_penny_expenses_are_rounded_once_each_and_the_total_adds_up() -> None:
    """The review's case: 0.004 x3 and 2.675 were lines of 0.004 and 2.675 with a total of 2.687."""
    items = [_expense(i, a) for i, a in enumerate(["0.004", "0.004", "0.004", "2.675"])]
    invoice = cr.build_invoice("su-ada", JANUARY, cr.BUDDIES, sessions=[], expenses=items, agreements=MEALS)
    assert [line.amount for line in invoice.lines] == [Decimal("0.00")] * 3 + [Decimal("2.68")]
    assert invoice.total == Decimal("2.68")
    printed = invoice.render().splitlines()
    assert printed[-1].endswith("£2.68")
    # Each line shows its rounded amount last, and the printed lines add up to the printed total.
    line_amounts = [_shown_amounts(row)[-1] for row in printed if row.startswith("  2026")]
    assert line_amounts == [Decimal("0.00")] * 3 + [Decimal("2.68")]


def test_an_expense_finer_than_a_penny_says_it_was_rounded() -> None:
    decision = cr.decide_expense(_expense(0, "2.675"), MEALS)
    assert decision.answer.amount == Decimal("2.68")
    assert [r.rule_id for r in decision.reasons] == ["expenses.agreed", "money.round-line-half-up"]
    assert "£2.675 rounded once to £2.68" in str(decision.reasons[1])


def test_an_expense_in_whole_pence_gives_no_rounding_reason() -> None:
    decision = cr.decide_expense(_expense(0, "2.67"), MEALS)
    assert decision.answer.amount == Decimal("2.67")
    assert [r.rule_id for r in decision.reasons] == ["expenses.agreed"]


@pytest.mark.parametrize(
    ("amount", "currency", "rounded"),
    [
        ("2.675", "GBP", "2.68"),
        ("2.665", "GBP", "2.67"),  # half up, not half even
        ("0.005", "GBP", "0.01"),
        ("0.0049999", "GBP", "0.00"),
        ("1250.5", "JPY", "1251"),  # no minor unit
        ("1.2345", "KWD", "1.235"),  # three places
        ("7", "GBP", "7.00"),
    ],
)
def test_round_line_rounds_half_up_to_the_currencys_minor_unit(amount: str, currency: str, rounded: str) -> None:
    result = cr.round_line(Decimal(amount), currency)
    assert result == Decimal(rounded)
    assert str(result) == rounded  # the exponent too: 7.00, not 7


@pytest.mark.parametrize(
    ("amount", "shown"),
    [("2.675", "£2.675"), ("2.6", "£2.60"), ("1234567.5", "£1,234,567.50"), ("18.505000", "£18.505000")],
)
def test_display_never_rounds(amount: str, shown: str) -> None:
    assert format_money(Decimal(amount)) == shown


def test_display_uses_the_currencys_places() -> None:
    assert format_money(Decimal("1250"), "JPY") == "1,250 JPY"
    assert format_money(Decimal("1.5"), "KWD") == "1.500 KWD"
    assert minor_unit("EUR") == 2


@given(
    st.lists(sessions(service_user="su-ada"), max_size=6, unique_by=lambda s: s.id),
    st.lists(expenses(service_user="su-ada"), max_size=6, unique_by=lambda e: e.id),
    st.lists(expense_agreements(service_user="su-ada"), max_size=3),
    policies(),
)
def test_every_invoice_line_is_rounded_once_and_the_printed_lines_add_up_to_the_printed_total(
    items: list[cr.Session], costs: list[cr.Expense], agreements: list[cr.ExpenseAgreement], policy: cr.Policy
) -> None:
    period = cr.Period(date(2024, 1, 1), date(2030, 12, 31))
    invoice = cr.build_invoice("su-ada", period, policy, sessions=items, expenses=costs, agreements=agreements)
    for line in invoice.lines:
        assert line.amount == cr.round_line(line.amount)
        assert line.amount.as_tuple().exponent == -2
    assert invoice.total == sum((line.amount for line in invoice.lines), Decimal(0))
    printed = invoice.render().splitlines()
    line_rows = [row for row in printed if re.match(r"  \d{4}-\d\d-\d\d  ", row)]
    assert len(line_rows) == len(invoice.lines)
    shown = [_shown_amounts(row)[-1] for row in line_rows]
    assert shown == [line.amount for line in invoice.lines]
    total_row = next(row for row in printed if row.lstrip().startswith("Total"))
    assert _shown_amounts(total_row) == [sum(shown, Decimal(0))]


@given(amounts("0.00", "300.00"))
def test_amounts_strategy_reaches_beyond_pence(amount: Decimal) -> None:
    """The widened strategy gives 0 to 6 places; each one is a valid money amount."""
    assert cr.to_money(amount) == amount


def test_amounts_strategy_generates_sub_penny_amounts() -> None:
    from hypothesis import find

    found = find(amounts("0.00", "1.00"), lambda a: a.as_tuple().exponent < -2)
    assert found.as_tuple().exponent < -2  # type: ignore[operator]


# --- a hostile caller's decimal context changes nothing -------------------------------------------------

HOSTILE = [
    pytest.param({"prec": 4}, id="prec-4"),
    pytest.param({"prec": 1, "rounding": decimal.ROUND_DOWN}, id="prec-1-round-down"),
    pytest.param({"rounding": decimal.ROUND_CEILING}, id="round-ceiling"),
    pytest.param({"rounding": decimal.ROUND_05UP, "prec": 6}, id="round-05up"),
    pytest.param({"traps": [decimal.Inexact, decimal.Rounded, decimal.InvalidOperation]}, id="traps"),
    pytest.param({"Emax": 3, "Emin": -3, "prec": 3}, id="tiny-exponents"),
]


@contextmanager
def _caller_context(**fields: object) -> Iterator[None]:
    with decimal.localcontext() as ctx:
        for name, value in fields.items():
            if name == "traps":
                for trap in value:  # type: ignore[attr-defined]
                    ctx.traps[trap] = True
            else:
                setattr(ctx, name, value)
        yield


def _policy() -> cr.Policy:
    import attrs

    rates = (cr.Rate(cr.ShiftKind.DAY, Decimal("18.505"), date(2020, 1, 1)),)
    return attrs.evolve(cr.BUDDIES, rates=rates, calendar=cr.Calendar(last_year=2100))


def _results() -> tuple[object, ...]:
    policy = _policy()
    start = datetime(2026, 1, 5, 9, tzinfo=UTC)
    items = [
        cr.Session(f"s{i}", "su-ada", start + timedelta(days=i), start + timedelta(days=i, hours=3, minutes=7))
        for i in range(20)
    ]
    costs = [_expense(i, a) for i, a in enumerate(["0.004", "2.675", "1111111.02", "999999.999999"])]
    invoice = cr.build_invoice("su-ada", JANUARY, policy, sessions=items, expenses=costs, agreements=MEALS)
    batch = cr.price_batch(items, policy)
    single = cr.price_session(items[0], policy)
    return (
        invoice.total,
        tuple(line.amount for line in invoice.lines),
        invoice.render(explain=True),
        batch.total,
        batch.amounts,
        single.answer,
        tuple(str(r) for r in single.reasons),
        cr.round_line(Decimal("2.675")),
        cr.to_money("1111111.02"),
    )


@pytest.mark.parametrize("fields", HOSTILE)
def test_a_hostile_caller_context_changes_no_result(fields: dict[str, object]) -> None:
    expected = _results()
    # Expenses 0.00 + 2.68 + 1,111,111.02 + 1,000,000.00, and 20 sessions of 3 h 7 min at 18.505: 57.67 each.
    assert expected[0] == Decimal("2112267.10")
    with _caller_context(**fields):
        got = _results()
    assert got == expected
    assert str(got[0]) == str(expected[0])


def test_the_review_total_survives_a_four_digit_context() -> None:
    """After ``getcontext().prec = 4`` a total of 1,111,111.02 came back as 1.111E+6."""
    items = [_expense(0, "1111111.02")]
    with _caller_context(prec=4):
        invoice = cr.build_invoice("su-ada", JANUARY, cr.BUDDIES, sessions=[], expenses=items, agreements=MEALS)
        assert str(invoice.total) == "1111111.02"
        assert str(money_sum([Decimal("1111111.01"), Decimal("0.01")])) == "1111111.02"


# --- money values the library cannot hold are refused with its own error ---------------------------------


@pytest.mark.parametrize("amount", ["1e26", "1e1000000", "-1e1000000", "1e20"])
def test_round_line_refuses_amounts_too_large_for_a_line(amount: str) -> None:
    with pytest.raises(cr.InvalidInput) as caught:
        cr.round_line(Decimal(amount))
    assert caught.value.field == "amount"


@pytest.mark.parametrize("amount", [Decimal("1e1000000"), Decimal("-1e1000000"), Decimal("1e12"), 10**400, "9" * 5000])
def test_to_money_refuses_huge_amounts_with_a_typed_error(amount: object) -> None:
    with pytest.raises(cr.InvalidInput) as caught:
        cr.to_money(amount, "expense.amount", allow_negative=True)
    assert caught.value.field == "expense.amount"


def test_a_rate_of_a_huge_amount_is_refused_naming_its_field() -> None:
    with pytest.raises(cr.InvalidInput) as caught:
        cr.Rate(cr.ShiftKind.DAY, Decimal("1e1000000"), date(2024, 1, 1))
    assert caught.value.field == "rate.amount"


def test_the_largest_accepted_amount_is_still_accepted() -> None:
    assert cr.to_money(Decimal("999999999999.999999")) == Decimal("999999999999.999999")
    assert cr.round_line(Decimal("99999999999999999999.994")) == Decimal("99999999999999999999.99")
