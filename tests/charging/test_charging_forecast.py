"""A forecast never fails whole (issue 15; 004_82faaa97975dc483.txt, "Costings").

Costings says sleeping nights and bank holidays are charged differently without giving the
rates, so the built-in policy sets none. A forecast or quote prices every line it can, names
the rate each other line needs (``charging.rate-needed``) and marks its total incomplete
(``charging.forecast-incomplete``, PRODUCT.md "Charging (Buddies)"). An invoice must be
complete: ``build_invoice`` keeps refusing with ``MissingRate``.
"""

from __future__ import annotations

import io
import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import carerules as cr
from carerules._cli import main
from carerules.serialisation import from_data, to_data
from carerules.strategies import (
    buddies_policy,
    cancellations,
    expense_agreements,
    expenses,
    invoice_forecasts,
    policies,
    sessions,
)
from tests.conftest import FUZZ_EXAMPLES, london

DAY = cr.ShiftKind.DAY
SLEEPING = cr.ShiftKind.SLEEPING_NIGHT
WAKING = cr.ShiftKind.WAKING_NIGHT
MARCH_2027 = cr.Period(date(2027, 3, 1), date(2027, 4, 30))
DECEMBER = cr.Period(date(2026, 10, 1), date(2026, 12, 31))


def _session(ref: str, start: datetime, end: datetime, kind: cr.ShiftKind = DAY) -> cr.Session:
    return cr.Session(ref, "su-amy", start, end, kind, staff="st-dee")


def _need(kind: cr.ShiftKind, bank_holiday: bool, on: date, needed_for: date | None = None) -> cr.NeededRate:
    return cr.NeededRate(kind, bank_holiday, on, needed_for or on)


#: Escorts 08:00-10:00 on Mondays, Wednesdays and Fridays around Easter 2027 (Good Friday 26 March,
#: Easter Monday 29 March).
EASTER = [_session(f"e{d}", london(2027, 3, d, 8), london(2027, 3, d, 10)) for d in (22, 24, 26, 29, 31)]
GOOD_FRIDAY, EASTER_MONDAY = date(2027, 3, 26), date(2027, 3, 29)

#: (name, sessions, cancellations, priced refs, hand-worked priced total, unpriced (ref, kind, needs))
CASES: list[tuple[str, list[cr.Session], list[cr.Cancellation], list[str], str, list[tuple[str, str, Any]]]] = [
    (
        "Costings: Easter escorts: three ordinary days priced at 18.50 an hour, two bank holidays need their rate",
        EASTER,
        [],
        ["e22", "e24", "e31"],
        "111.00",  # 3 x 2 h x 18.50
        [
            ("e26", "session", (_need(DAY, True, GOOD_FRIDAY),)),
            ("e29", "session", (_need(DAY, True, EASTER_MONDAY),)),
        ],
    ),
    (
        "Costings: into Christmas Day: the rate must be in force on the 24th, for time on the 25th",
        [_session("eve", london(2026, 12, 24, 22), london(2026, 12, 25, 1))],
        [],
        [],
        "0.00",
        [("eve", "session", (_need(DAY, True, date(2026, 12, 24), date(2026, 12, 25)),))],
    ),
    (
        "Costings: a sleeping night needs its own rate; a waking night is the hourly rate (9 h x 18.50)",
        [
            _session("sleep", london(2026, 10, 20, 22), london(2026, 10, 21, 7), SLEEPING),
            _session("wake", london(2026, 10, 21, 22), london(2026, 10, 22, 7), WAKING),
        ],
        [],
        ["wake"],
        "166.50",
        [("sleep", "session", (_need(SLEEPING, False, date(2026, 10, 20)),))],
    ),
    (
        "Costings: a waking night into Christmas Day needs the bank-holiday waking-night rate",
        [_session("wake-xmas", london(2026, 12, 24, 22), london(2026, 12, 25, 7), WAKING)],
        [],
        [],
        "0.00",
        [("wake-xmas", "session", (_need(WAKING, True, date(2026, 12, 24), date(2026, 12, 25)),))],
    ),
    (
        "Other things you should know: a late cancellation of a Good Friday session is charged as booked: "
        "it needs the rate too; one cancelled in time, or by the provider, needs none",
        EASTER[1:4],
        [
            cr.Cancellation("e24", cr.CancelledBy.FAMILY, london(2027, 3, 21, 8)),  # 72 h: in time
            cr.Cancellation("e26", cr.CancelledBy.FAMILY, london(2027, 3, 25, 9)),  # 23 h: late
            cr.Cancellation("e29", cr.CancelledBy.PROVIDER, london(2027, 3, 28, 18)),
        ],
        [],
        "0.00",
        [("e26", "late-cancellation", (_need(DAY, True, GOOD_FRIDAY),))],
    ),
]


@pytest.mark.tz
@pytest.mark.parametrize(
    ("name", "items", "cancelled", "priced", "total", "unpriced"), CASES, ids=[c[0] for c in CASES]
)
def test_a_forecast_prices_what_it_can_and_names_the_rate_each_other_line_needs(
    name: str,
    items: list[cr.Session],
    cancelled: list[cr.Cancellation],
    priced: list[str],
    total: str,
    unpriced: list[tuple[str, str, Any]],
) -> None:
    period = cr.Period(date(2026, 10, 1), date(2027, 4, 30))
    forecast = cr.build_forecast("su-amy", period, cr.BUDDIES, sessions=items, cancellations=cancelled)
    assert [line.ref for line in forecast.lines] == priced
    assert forecast.total == Decimal(total)
    assert [(line.ref, line.kind.value, line.needs) for line in forecast.unpriced] == unpriced
    assert not forecast.complete
    assert forecast.invoice is None
    [incomplete] = forecast.reasons
    assert incomplete.rule_id == "charging.forecast-incomplete"
    assert incomplete.source == cr.Source("carerules product decisions", "Charging (Buddies)")
    for line in forecast.unpriced:
        needed = [r for r in line.reasons if r.rule_id == "charging.rate-needed"]
        assert [r.detail for r in needed] == [f"not priced: the policy has no {n.describe()}" for n in line.needs]
        assert all(r.source == cr.Source(cr.BUDDIES_DOCUMENT, "Costings") for r in needed)
    # The difference: an invoice must be complete, so the same lines are refused whole.
    with pytest.raises(cr.MissingRate):
        cr.build_invoice("su-amy", period, cr.BUDDIES, sessions=items, cancellations=cancelled)


def test_a_late_cancellation_left_unpriced_still_says_why_it_is_charged() -> None:
    """Other things you should know: less than 48 h of notice is charged as booked."""
    late = cr.Cancellation("e26", cr.CancelledBy.FAMILY, london(2027, 3, 25, 9))
    forecast = cr.build_forecast("su-amy", MARCH_2027, cr.BUDDIES, sessions=[EASTER[2]], cancellations=[late])
    [line] = forecast.unpriced
    assert line.kind is cr.LineKind.LATE_CANCELLATION
    assert [r.rule_id for r in line.reasons] == ["cancellation.late", "calendar.bank-holidays", "charging.rate-needed"]
    assert line.description == "08:00-10:00 day, cancelled late (2 h)"


def test_bank_holiday_lines_say_which_holiday_makes_them_need_the_rate() -> None:
    forecast = cr.build_forecast("su-amy", MARCH_2027, cr.BUDDIES, sessions=EASTER)
    assert [r.detail for r in forecast.unpriced[0].reasons] == [
        "2027-03-26 is Good Friday, a bank holiday in GB-ENG (holidays package)",
        "not priced: the policy has no bank-holiday day rate in force on 2027-03-26",
    ]
    assert (
        forecast.unpriced[0].reasons[1].would_change == "a bank-holiday day rate in the policy's rates would price it"
    )
    assert forecast.needs == (_need(DAY, True, GOOD_FRIDAY), _need(DAY, True, EASTER_MONDAY))
    assert forecast.describe_needs() == "bank-holiday day rate (for 2027-03-26, 2027-03-29)"
    assert forecast.reasons[0].detail == (
        "2 line(s) not priced, needing the bank-holiday day rate (for 2027-03-26, 2027-03-29); "
        "the total £111.00 covers the priced lines only"
    )


def test_a_complete_forecast_is_the_invoice() -> None:
    """Costings: with the (illustrative) bank-holiday rate set, every line is priced and nothing is incomplete."""
    rate = cr.Rate(DAY, Decimal("27.75"), date(2027, 1, 1), bank_holiday=True, note="illustrative")
    policy = cr.BUDDIES.revise(version="1+example", effective_from=date(2027, 1, 1), rates=[rate])
    forecast = cr.build_forecast("su-amy", MARCH_2027, policy, sessions=EASTER)
    invoice = cr.build_invoice("su-amy", MARCH_2027, policy, sessions=EASTER)
    assert forecast.complete
    assert forecast.reasons == ()
    assert forecast.unpriced == ()
    assert forecast.total == Decimal("222.00") == 3 * 2 * Decimal("18.50") + 2 * 2 * Decimal("27.75")
    assert forecast.invoice == invoice
    assert forecast.policy == invoice.policy == cr.PolicyStamp("buddies", "1+example")


def test_the_forecast_shows_unpriced_lines_in_place_and_its_total_as_incomplete() -> None:
    forecast = cr.build_forecast("su-amy", MARCH_2027, cr.BUDDIES, sessions=EASTER)
    text = forecast.render()
    lines = text.splitlines()
    assert lines[0] == "Forecast for su-amy, 2027-03-01 to 2027-04-30 (INCOMPLETE: 2 line(s) not priced)"
    assert [line[2:12] for line in lines if line.startswith("  2027-")] == [
        "2027-03-22",
        "2027-03-24",
        "2027-03-26",
        "2027-03-29",
        "2027-03-31",
    ]
    assert "2027-03-26  08:00-10:00 day, 2 h" in text
    assert text.count("not priced\n") == 2
    total = next(line for line in lines if "Total" in line)
    assert total.startswith("  Total of the priced lines only (incomplete)")
    assert total.endswith("£111.00")
    assert "  - [charging.forecast-incomplete] 2 line(s) not priced" in text
    rows = forecast.rows()
    assert [(r["ref"], r["amount"], r["needs"]) for r in rows][-2:] == [
        ("e26", None, "bank-holiday day rate in force on 2027-03-26"),
        ("e29", None, "bank-holiday day rate in force on 2027-03-29"),
    ]
    assert {tuple(r) for r in rows} == {tuple(rows[0])}  # one set of columns, for a DataFrame


def test_a_needed_rate_refuses_a_date_before_the_one_it_is_needed_on() -> None:
    with pytest.raises(cr.InvalidInput) as caught:
        cr.NeededRate(DAY, True, date(2026, 12, 25), date(2026, 12, 24))
    assert caught.value.field == "needed_rate.needed_for"
    with pytest.raises(cr.InvalidInput, match=r"needed_rate\.kind"):
        cr.NeededRate("lunch", True, date(2026, 12, 25), date(2026, 12, 25))  # type: ignore[arg-type]
    assert _need(SLEEPING, False, date(2026, 10, 20)).describe() == (
        "ordinary-day sleeping-night rate in force on 2026-10-20"
    )


# --- contracts: a month with a bank holiday is forecast, not refused ------------------------------------------


@pytest.mark.tz
def test_costings_a_contract_month_with_bank_holidays_is_forecast_under_the_built_in_policy() -> None:
    """PRODUCT.md "Personal files": a month can be forecast and priced; Costings: bank holidays need a rate."""
    escort = tuple(
        cr.WeeklySlot(d, datetime(2027, 1, 1, 8).time(), timedelta(hours=2), label="school escort")
        for d in (cr.Weekday.MONDAY, cr.Weekday.WEDNESDAY, cr.Weekday.FRIDAY)
    )
    contract = cr.Contract("c-amy", "su-amy", "st-dee", "st-eli", escort, date(2027, 3, 1))
    march = cr.Period(date(2027, 3, 1), date(2027, 3, 31))
    forecast = cr.forecast_invoice(contract, march, cr.BUDDIES)
    assert (len(forecast.lines), len(forecast.unpriced)) == (12, 2)
    assert forecast.total == Decimal("18.50") * 2 * 12
    assert [line.day for line in forecast.unpriced] == [GOOD_FRIDAY, EASTER_MONDAY]
    schedule = cr.expand_contract(contract, march, cr.BUDDIES)
    with pytest.raises(cr.MissingRate):
        cr.build_invoice("su-amy", march, cr.BUDDIES, sessions=schedule.sessions)


# --- quotes ------------------------------------------------------------------------------------------------------


def test_a_quote_that_needs_a_missing_rate_answers_none_and_names_it() -> None:
    christmas = _session("q", london(2026, 12, 25, 10), london(2026, 12, 25, 12))
    decision = cr.forecast_session(christmas, cr.BUDDIES)
    assert decision.answer is None
    assert decision.missing == ("the bank-holiday day rate in force on 2026-12-25",)
    assert decision.rule_ids == ("calendar.bank-holidays", "charging.rate-needed", "charging.forecast-incomplete")
    assert decision.policy == cr.PolicyStamp("buddies", "1")
    assert from_data(to_data(decision), cr.Decision[cr.SessionCharge | None]) == decision
    ordinary = _session("p", london(2026, 12, 23, 10), london(2026, 12, 23, 12))
    assert cr.forecast_session(ordinary, cr.BUDDIES) == cr.price_session(ordinary, cr.BUDDIES)


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def test_the_quote_command_shows_an_incomplete_quote_instead_of_failing() -> None:
    args = ("quote", "--policy", "buddies", "2026-12-24T22:00[Europe/London]", "2026-12-25T01:00[Europe/London]")
    status, out, err = _run(*args)
    assert (status, err) == (0, "")
    assert "Charge: not priced, the quote is INCOMPLETE (3 h booked)" in out
    assert "Needs: the bank-holiday day rate in force on 2026-12-24 (for time on 2026-12-25)" in out
    assert "  [charging.rate-needed] not priced: the policy has no bank-holiday day rate" in out
    assert "      source: 004_82faaa97975dc483.txt, \u00a7 Costings" in out
    status, out, _ = _run(*args, "--json")
    decision = from_data(json.loads(out), cr.Decision[cr.SessionCharge | None])
    assert (status, decision.answer) == (0, None)
    assert decision.missing == ("the bank-holiday day rate in force on 2026-12-24 (for time on 2026-12-25)",)
    status, out, _ = _run("quote", "--policy", "buddies", "2026-12-23T10:00+00:00", "2026-12-23T12:00+00:00", "--json")
    priced = from_data(json.loads(out), cr.Decision[cr.SessionCharge | None]).answer
    assert priced is not None
    assert priced.amount == Decimal("37.00")


def _built_in_example(tmp_path: Any) -> str:
    """The bundled example under the built-in policy alone, with no invoices to refuse."""
    from importlib import resources

    text = resources.files("carerules.examples").joinpath("buddies-month.json").read_text(encoding="utf-8")
    data = json.loads(text)
    data["policy"] = {"base": "buddies"}
    data["sessions"] = data["cancellations"] = data["expenses"] = data["expense_agreements"] = []
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_the_report_lists_each_unpriced_contract_session_with_the_rate_it_needs(tmp_path: Any) -> None:
    status, out, err = _run(_built_in_example(tmp_path))
    assert status == 0, err
    forecasts = out.split("== Contract forecasts ==")[1].split("\n\n")[0].splitlines()
    cal = forecasts.index(next(line for line in forecasts if line.startswith("  c-cal ")))
    assert "4 session(s), £166.50 for the priced sessions only; INCOMPLETE: 3 session(s) not priced" in forecasts[cal]
    assert forecasts[cal + 1 : cal + 4] == [
        "    not priced: 2027-03-26  22:00-07:00 sleeping-night, 9 h: "
        "needs the bank-holiday sleeping-night rate in force on 2027-03-26",
        "    not priced: 2027-03-28  22:00-07:00 sleeping-night, 9 h: "
        "needs the ordinary-day sleeping-night rate in force on 2027-03-28",
        "    not priced: 2027-03-29  12:00-15:00 day, 3 h: needs the bank-holiday day rate in force on 2027-03-29",
    ]
    assert forecasts[cal + 4].startswith("  c-dan ")


def test_the_reports_forecasts_carry_the_typed_forecast_in_json(tmp_path: Any) -> None:
    status, out, err = _run(_built_in_example(tmp_path), "--json")
    assert status == 0, err
    forecasts = {f["contract"]: f for f in json.loads(out)["onboarding"]["forecasts"]}
    cal = from_data(forecasts["c-cal"]["forecast"], cr.InvoiceForecast)
    assert forecasts["c-cal"]["invoice"] is None
    # Good Friday's sleeping night, Easter Sunday's sleeping night and Easter Monday's day out need rates;
    # the waking night of 27 March (9 h over the spring change) is priced at the hourly 18.50.
    assert [line.ref for line in cal.lines] == ["c-cal-2027-03-27-1"]
    assert cal.total == Decimal("18.50") * 9
    assert [n.rate for n in cal.needs] == [
        "bank-holiday sleeping-night rate",
        "ordinary-day sleeping-night rate",
        "bank-holiday day rate",
    ]
    assert forecasts["c-cal"]["problem"] == (
        "3 session(s) not priced, needing the bank-holiday sleeping-night rate (for 2027-03-26); "
        "ordinary-day sleeping-night rate (for 2027-03-28); bank-holiday day rate (for 2027-03-29)"
    )
    assert from_data(forecasts["c-ben"]["forecast"], cr.InvoiceForecast).invoice == from_data(
        forecasts["c-ben"]["invoice"], cr.Invoice
    )


# --- properties --------------------------------------------------------------------------------------------------

ANY_POLICY = st.one_of(buddies_policy(), policies(complete=False))
WIDE = cr.Period(date(2024, 1, 1), date(2030, 12, 31))


@st.composite
def books(draw: st.DrawFn) -> tuple[cr.Policy, list[cr.Session], list[cr.Cancellation], list[Any], list[Any]]:
    """A policy that may lack rates, and one Service User's sessions, cancellations and expenses."""
    policy = draw(ANY_POLICY)
    items = draw(st.lists(sessions(service_user="su-ada"), max_size=6, unique_by=lambda s: s.id))
    cancelled = [draw(cancellations(s)) for s in items if draw(st.booleans())]
    costs = draw(st.lists(expenses(service_user="su-ada"), max_size=2, unique_by=lambda e: e.id))
    agreed = draw(st.lists(expense_agreements(service_user="su-ada"), max_size=2))
    return policy, items, cancelled, costs, agreed


def _forecast(book: Any, policy: cr.Policy | None = None) -> cr.InvoiceForecast:
    base, items, cancelled, costs, agreed = book
    return cr.build_forecast(
        "su-ada", WIDE, policy or base, sessions=items, cancellations=cancelled, expenses=costs, agreements=agreed
    )


@settings(max_examples=FUZZ_EXAMPLES * 4)
@given(books())
def test_a_forecast_never_raises_missing_rate_and_is_incomplete_exactly_when_the_invoice_is_refused(book: Any) -> None:
    policy, items, cancelled, costs, agreed = book
    forecast = cr.build_forecast(
        "su-ada", WIDE, policy, sessions=items, cancellations=cancelled, expenses=costs, agreements=agreed
    )
    refused: cr.MissingRate | None = None
    try:
        invoice = cr.build_invoice(
            "su-ada", WIDE, policy, sessions=items, cancellations=cancelled, expenses=costs, agreements=agreed
        )
    except cr.MissingRate as exc:
        refused = exc
    if refused is not None:
        assert not forecast.complete
        assert forecast.invoice is None
        assert [r.rule_id for r in forecast.reasons] == ["charging.forecast-incomplete"]
        # The invoice stops at the first line it cannot price: the forecast's first unpriced line, first need.
        first = forecast.unpriced[0].needs[0]
        assert (first.kind.value, first.bank_holiday, first.on, first.needed_for) == (
            refused.kind,
            refused.bank_holiday,
            refused.on,
            refused.needed_for,
        )
    else:
        assert forecast.complete
        assert forecast.reasons == ()
        assert (forecast.lines, forecast.not_billed, forecast.total) == (
            invoice.lines,
            invoice.not_billed,
            invoice.total,
        )
        assert forecast.invoice == invoice


@settings(max_examples=FUZZ_EXAMPLES * 4)
@given(books())
def test_the_priced_lines_are_the_invoice_of_the_sessions_that_can_be_priced(book: Any) -> None:
    policy, items, cancelled, costs, agreed = book
    forecast = _forecast(book)
    unpriced = {line.ref for line in forecast.unpriced}
    kept = [s for s in items if s.id not in unpriced]
    invoice = cr.build_invoice(
        "su-ada",
        WIDE,
        policy,
        sessions=kept,
        cancellations=[c for c in cancelled if c.session_id not in unpriced],
        expenses=costs,
        agreements=agreed,
    )
    assert (invoice.lines, invoice.not_billed, invoice.total) == (forecast.lines, forecast.not_billed, forecast.total)


@settings(max_examples=FUZZ_EXAMPLES * 4)
@given(books())
def test_the_total_is_incomplete_exactly_when_some_line_lacks_a_rate_and_each_named_rate_is_missing(
    book: Any,
) -> None:
    policy = book[0]
    forecast = _forecast(book)
    assert forecast.total == sum((line.amount for line in forecast.lines), Decimal("0.00"))
    assert forecast.complete is (not forecast.unpriced) is (not forecast.reasons) is (not forecast.needs)
    for line in forecast.unpriced:
        assert line.needs
        assert [r.rule_id for r in line.reasons].count("charging.rate-needed") == len(line.needs)
        for need in line.needs:
            with pytest.raises(cr.MissingRate):
                policy.rate_for(need.kind, bank_holiday=need.bank_holiday, on=need.on)


@settings(max_examples=FUZZ_EXAMPLES * 4)
@given(books())
def test_setting_the_named_rates_prices_those_lines(book: Any) -> None:
    """The rates a forecast names are the ones missing: set them and they are never needed again."""
    policy = book[0]
    seen: set[cr.NeededRate] = set()
    for _ in range(3):  # a missing first rate hides what a later part needs: at most three rounds
        forecast = _forecast(book, policy=policy)
        assert not seen & set(forecast.needs)
        if forecast.complete:
            break
        seen |= set(forecast.needs)
        added = {(n.kind, n.bank_holiday, n.on) for n in forecast.needs}
        rates = [
            cr.Rate(kind, Decimal("10.00"), on, bank_holiday=bh, note="set") for kind, bh, on in sorted(added, key=str)
        ]
        policy = attrs.evolve(policy, rates=policy.rates + tuple(rates))
    assert forecast.complete


@settings(max_examples=FUZZ_EXAMPLES * 4)
@given(sessions(), ANY_POLICY)
def test_a_quote_never_raises_missing_rate_and_equals_the_price_whenever_there_is_one(
    session: cr.Session, policy: cr.Policy
) -> None:
    quote = cr.forecast_session(session, policy)
    try:
        price = cr.price_session(session, policy)
    except cr.MissingRate:
        assert quote.answer is None
        assert quote.missing
        assert quote.rule_ids[-1] == "charging.forecast-incomplete"
    else:
        assert quote == price
        assert not quote.missing
    assert from_data(to_data(quote), cr.Decision[cr.SessionCharge | None]) == quote


@settings(max_examples=FUZZ_EXAMPLES)
@given(invoice_forecasts())
def test_forecasts_round_trip_through_plain_data(forecast: cr.InvoiceForecast) -> None:
    assert from_data(to_data(forecast), cr.InvoiceForecast) == forecast
    assert forecast.render().startswith(f"Forecast for {forecast.service_user}")
