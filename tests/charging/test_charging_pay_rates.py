"""Pay in money: a policy's ``pay_rates`` (issue 18, "money for pay where the policy has pay rates").

No source document states what staff are paid, so the figures here are
illustrative, in a policy file of their own. The rules are the library's:
``pay.rate`` prices the paid time (``pay.time-worked``, ``pay.minimum-session``,
``pay.flat-shift`` decide it) at the pay rates, as ``charging.*`` prices the
charged time at the charge rates.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import carerules as cr
from carerules.serialisation import to_data
from carerules.strategies import policies, sessions
from tests.conftest import london

#: A provider that states both what families pay and what staff are paid (illustrative figures).
FILE: dict[str, Any] = {
    "id": "paying",
    "name": "A provider that states its pay",
    "version": "1",
    "effective_from": "2027-01-01",
    "rates": [
        {"kind": "day", "amount": "24.00", "effective_from": "2027-01-01"},
        {"kind": "day", "amount": "36.00", "effective_from": "2027-01-01", "bank_holiday": True},
        {"kind": "sleeping-night", "amount": "110.00", "effective_from": "2027-01-01", "basis": "per-shift"},
        {
            "kind": "sleeping-night",
            "amount": "160.00",
            "effective_from": "2027-01-01",
            "basis": "per-shift",
            "bank_holiday": True,
        },
    ],
    "pay_rates": [
        {"kind": "day", "amount": "12.60", "effective_from": "2027-01-01"},
        {"kind": "day", "amount": "13.10", "effective_from": "2027-06-01"},
        {"kind": "day", "amount": "25.20", "effective_from": "2027-01-01", "bank_holiday": True},
        {"kind": "sleeping-night", "amount": "80.00", "effective_from": "2027-01-01", "basis": "per-shift"},
        {
            "kind": "sleeping-night",
            "amount": "120.00",
            "effective_from": "2027-01-01",
            "basis": "per-shift",
            "bank_holiday": True,
        },
    ],
    "minimum_session": "PT2H",
    "cancellation_notice": "PT48H",
}
POLICY = cr.load_policy(FILE)
DAY, NIGHT = cr.ShiftKind.DAY, cr.ShiftKind.SLEEPING_NIGHT


def session(sid: str, start: datetime, hours: float, kind: cr.ShiftKind = DAY) -> cr.Session:
    return cr.Session(sid, "su-amy", start, cr.plus_elapsed(start, timedelta(hours=hours)), kind, staff="st-dee")


#: (name, session, paid time, amount, rule ids): each a case the pay rule must get right.
CASES = [
    (
        "an ordinary hour is paid as the 2 h minimum",
        session("a", london(2027, 3, 2, 10), 1),
        2,
        "25.20",
        ("pay.minimum-session", "pay.rate"),
    ),
    (
        "three hours at the ordinary pay rate",
        session("b", london(2027, 3, 2, 10), 3),
        3,
        "37.80",
        ("pay.time-worked", "pay.rate"),
    ),
    (
        "the pay rise from 1 June applies by the start date",
        session("c", london(2027, 6, 1, 10), 3),
        3,
        "39.30",
        ("pay.time-worked", "pay.rate"),
    ),
    (
        "a night into the early May bank holiday is split at midnight",
        session("d", london(2027, 5, 2, 22), 4),
        4,
        "75.60",
        ("pay.time-worked", "pay.rate"),
    ),
    (
        "the rate in force on the start date prices the part after midnight",
        session("e", london(2027, 5, 31, 23), 2),
        2,
        "25.20+12.60",
        ("pay.time-worked", "pay.rate"),
    ),
    (
        "a sleeping night is paid its flat amount once",
        session("f", london(2027, 3, 2, 22), 9, NIGHT),
        9,
        "80.00",
        ("pay.flat-shift", "pay.rate"),
    ),
    (
        "a sleeping night starting on Christmas Day takes the bank-holiday pay",
        session("g", london(2027, 12, 25, 22), 9, NIGHT),
        9,
        "120.00",
        ("pay.flat-shift", "pay.rate"),
    ),
    (
        "the spring-forward night pays the real time, not the clock's",
        session("h", london(2027, 3, 27, 23), 3),
        3,
        "37.80",
        ("pay.time-worked", "pay.rate"),
    ),
]


@pytest.mark.parametrize(("name", "booked", "paid_hours", "amount", "rules"), CASES, ids=[c[0] for c in CASES])
def test_pay_in_money(name: str, booked: cr.Session, paid_hours: int, amount: str, rules: tuple[str, ...]) -> None:
    decision = cr.pay_for_session(booked, POLICY)
    assert decision.answer.paid == timedelta(hours=paid_hours)
    assert decision.answer.amount == sum(Decimal(a) for a in amount.split("+"))
    assert decision.rule_ids == rules
    assert decision.policy == cr.PolicyStamp("paying", "1")


def test_the_reason_names_each_part_and_its_pay_rate() -> None:
    """pay.rate: each part of a split session at its own rate, and the rounded line."""
    reason = cr.pay_for_session(session("d", london(2027, 5, 2, 22), 4), POLICY).reasons[-1]
    assert reason.rule_id == "pay.rate"
    assert reason.detail == (
        "2 h at £12.60 per hour (day, from 2027-01-01); 2 h at £25.20 per hour (bank-holiday day, from 2027-01-01): "
        "£75.60"
    )


def test_each_line_is_rounded_once_half_up_and_totals_add_rounded_lines() -> None:
    """pay.rate: 30 min at 10.01 is 5.005, paid 5.01; two such lines total 10.02, not 10.01."""
    policy = attrs.evolve(POLICY, pay_rates=(cr.Rate(DAY, Decimal("10.01"), date(2027, 1, 1)),), minimum_session=None)
    first, second = session("r1", london(2027, 3, 2, 10), 0.5), session("r2", london(2027, 3, 2, 14), 0.5)
    assert cr.pay_for_session(first, policy).answer.amount == Decimal("5.01")
    statement = cr.build_pay_statement(
        "st-dee", cr.Period(date(2027, 3, 1), date(2027, 3, 31)), policy, sessions=[first, second]
    )
    assert [line.amount for line in statement.lines] == [Decimal("5.01"), Decimal("5.01")]
    assert statement.amount == Decimal("10.02")


MARCH = cr.Period(date(2027, 3, 1), date(2027, 3, 31))


def test_pay_statement_carries_money_for_worked_and_late_cancelled_sessions() -> None:
    """cancellation.late is paid as booked, in money too; a cancellation in time is not on the statement."""
    worked = session("w", london(2027, 3, 2, 10), 3)
    late = session("l", london(2027, 3, 9, 10), 1)
    early = session("e", london(2027, 3, 16, 10), 3)
    night = session("n", london(2027, 3, 3, 22), 9, NIGHT)
    cancels = [
        cr.Cancellation("l", cr.CancelledBy.FAMILY, london(2027, 3, 8, 10)),
        cr.Cancellation("e", cr.CancelledBy.FAMILY, london(2027, 3, 10, 10)),
    ]
    statement = cr.build_pay_statement(
        "st-dee", MARCH, POLICY, sessions=[worked, late, early, night], cancellations=cancels
    )
    assert [(line.session_id, line.amount) for line in statement.lines] == [
        ("w", Decimal("37.80")),
        ("n", Decimal("80.00")),
        ("l", Decimal("25.20")),
    ]
    assert statement.amount == Decimal("143.00")
    assert statement.currency == "GBP"
    assert [row["amount"] for row in statement.rows()] == [Decimal("37.80"), Decimal("80.00"), Decimal("25.20")]
    text = statement.render()
    assert "£37.80" in text
    assert "£143.00" in text
    assert "(with 1 shift(s))" in text
    assert "[pay.rate]" not in text  # routine: the amount column says it
    assert "[pay.rate]" in statement.render(explain=True)


def test_decide_cancellation_pays_money_but_an_invoice_needs_no_pay_rate() -> None:
    """A late cancellation's pay has its amount; an invoice is never refused for a missing pay rate."""
    late = session("l", london(2027, 5, 2, 22), 4)  # into the early May bank holiday
    cancel = cr.Cancellation("l", cr.CancelledBy.FAMILY, london(2027, 5, 2, 12))
    outcome = cr.decide_cancellation(late, cancel, POLICY).answer
    assert outcome.pay is not None
    assert outcome.pay.amount == Decimal("75.60")
    no_holiday_pay = attrs.evolve(POLICY, pay_rates=(cr.Rate(DAY, Decimal("12.60"), date(2027, 1, 1)),))
    invoice = cr.build_invoice(
        "su-amy",
        cr.Period(date(2027, 5, 1), date(2027, 5, 31)),
        no_holiday_pay,
        sessions=[late],
        cancellations=[cancel],
    )
    assert invoice.total == Decimal("120.00")  # 2 h at 24.00 and 2 h at 36.00
    with pytest.raises(cr.MissingRate) as caught:
        cr.decide_cancellation(late, cancel, no_holiday_pay)
    assert caught.value.parameter == "pay_rates"


def test_a_missing_pay_rate_is_refused_naming_the_pay_rates() -> None:
    policy = attrs.evolve(POLICY, pay_rates=(cr.Rate(DAY, Decimal("12.60"), date(2027, 1, 1)),))
    with pytest.raises(cr.MissingRate) as caught:
        cr.pay_for_session(session("d", london(2027, 5, 2, 22), 4), policy)
    error = caught.value
    assert (error.parameter, error.kind, error.bank_holiday, error.on, error.needed_for) == (
        "pay_rates",
        "day",
        True,
        date(2027, 5, 2),
        date(2027, 5, 3),
    )
    assert "bank-holiday pay rate" in str(error)
    assert "add one to the policy's pay_rates" in str(error)
    # Charge rates are still named as rates.
    with pytest.raises(cr.MissingRate) as charge:
        cr.price_session(session("x", london(2027, 5, 2, 22), 4, cr.ShiftKind.WAKING_NIGHT), policy)
    assert charge.value.parameter == "rates"
    assert "policy's rates" in str(charge.value)


def test_without_pay_rates_pay_is_time_only() -> None:
    policy = attrs.evolve(POLICY, pay_rates=())
    assert not policy.pays_money
    assert POLICY.pays_money
    decision = cr.pay_for_session(session("b", london(2027, 3, 2, 10), 3), policy)
    assert decision.answer.amount is None
    assert decision.rule_ids == ("pay.time-worked",)
    statement = cr.build_pay_statement("st-dee", MARCH, policy, sessions=[session("b", london(2027, 3, 2, 10), 3)])
    assert statement.amount is None
    assert "amount" not in statement.rows()[0]
    assert "£" not in statement.render()


def test_pay_describes_its_money() -> None:
    pay = cr.pay_for_session(session("a", london(2027, 3, 2, 10), 1), POLICY).answer
    assert pay.describe() == "2 h paid (1 h worked): £25.20"
    assert attrs.evolve(pay, amount=None).describe() == "2 h paid (1 h worked)"


def test_pay_rates_are_dated_and_revised_like_rates() -> None:
    rise = cr.Rate(DAY, Decimal("14.00"), date(2027, 9, 1))
    revised = POLICY.revise(version="2", effective_from=date(2027, 9, 1), pay_rates=[rise])
    before, after = session("b", london(2027, 8, 31, 10), 3), session("a", london(2027, 9, 1, 10), 3)
    assert cr.pay_for_session(before, revised).answer.amount == Decimal("39.30")
    assert cr.pay_for_session(after, revised).answer.amount == Decimal("42.00")
    assert cr.pay_for_session(before, POLICY).answer.amount == Decimal("39.30")
    assert revised.pay_rate_for(DAY, bank_holiday=False, on=date(2027, 9, 1)) == rise
    with pytest.raises(cr.InvalidInput) as caught:
        POLICY.revise(
            version="2",
            effective_from=date(2027, 9, 1),
            pay_rates=[attrs.evolve(rise, effective_from=date(2027, 8, 1))],
        )
    assert caught.value.field == "rate.effective_from"


def _file_error(change: Any) -> cr.ScenarioError:
    data = json.loads(json.dumps(FILE))
    change(data)
    with pytest.raises(cr.ScenarioError) as caught:
        cr.load_policy(data)
    return caught.value


@pytest.mark.parametrize(
    ("name", "change", "where", "words"),
    [
        (
            "an amount that is not money",
            lambda d: d["pay_rates"][1].update(amount="lots"),
            "$.pay_rates[1].amount",
            "lots",
        ),
        (
            "a pay rate per shift where the charge is by the hour",
            lambda d: d["pay_rates"][2].update(basis="per-shift"),
            "$.pay_rates[2].basis",
            "got 'per-shift'; expected a per-hour pay rate: the bank-holiday day charge rate in force with it "
            "(from 2027-01-01) is per-hour",
        ),
        (
            "two pay rates for one kind and day type on one date",
            lambda d: d["pay_rates"].append({"kind": "day", "amount": "12.70", "effective_from": "2027-01-01"}),
            "$.pay_rates[5].effective_from",
            "got 2027-01-01; expected one day pay rate per day type effective on 2027-01-01",
        ),
        ("a key the shape does not have", lambda d: d.update(pay_rate=[]), "$", "unknown field(s) ['pay_rate']"),
    ],
    ids=lambda v: v if isinstance(v, str) and " " in v else "",
)
def test_bad_pay_rates_are_refused_naming_the_place(name: str, change: Any, where: str, words: str) -> None:
    error = _file_error(change)
    assert error.path == where, (error.path, str(error))
    assert words in str(error)


def test_pay_rates_round_trip_through_the_policy_file() -> None:
    assert cr.load_policy(to_data(POLICY)) == POLICY
    assert [r.amount for r in POLICY.pay_rates if r.kind is DAY and not r.bank_holiday] == [
        Decimal("12.60"),
        Decimal("13.10"),
    ]


@given(pair=policies(pay_rates=True).flatmap(lambda p: st.tuples(st.just(p), st.lists(sessions(policy=p), max_size=4))))
def test_pay_rates_equal_to_the_charge_rates_pay_exactly_the_charge(pair: tuple[cr.Policy, list[cr.Session]]) -> None:
    """pay.rate prices paid time as the charge prices charged time: the same rates give the same money."""
    policy, items = pair
    same = attrs.evolve(policy, pay_rates=policy.rates)
    for s in items:
        assert cr.pay_for_session(s, same).answer.amount == cr.price_session(s, same).answer.amount


@given(pair=policies(pay_rates=True).flatmap(lambda p: st.tuples(st.just(p), st.lists(sessions(policy=p), max_size=6))))
def test_a_statement_total_is_the_sum_of_its_lines_and_of_each_sessions_pay(
    pair: tuple[cr.Policy, list[cr.Session]],
) -> None:
    policy, items = pair
    items = [attrs.evolve(s, id=f"s{i}", staff="st-dee") for i, s in enumerate(items)]
    period = cr.Period(date(2000, 1, 1), date(2099, 12, 31))
    statement = cr.build_pay_statement("st-dee", period, policy, sessions=items)
    assert statement.amount == sum((line.amount or Decimal(0) for line in statement.lines), Decimal("0.00"))
    by_id = {line.session_id: line.amount for line in statement.lines}
    for s in items:
        assert by_id[s.id] == cr.pay_for_session(s, policy).answer.amount


def test_the_paying_view_prices_with_pay_rates_and_no_tariff() -> None:
    view = POLICY.paying
    assert view.rates == POLICY.pay_rates
    assert view.pay_rates == ()
    assert view.tariff.latest is None
    assert view is POLICY.paying  # built once
    start = datetime(2027, 3, 2, 10, tzinfo=UTC)
    assert cr.quote(start, start + timedelta(hours=3), DAY, view).amount == Decimal("37.80")


def test_pay_frame_names_the_row_and_the_pay_rates_when_a_pay_rate_is_missing() -> None:
    import pyarrow as pa

    from carerules.frames import pay_frame

    policy = attrs.evolve(POLICY, pay_rates=(cr.Rate(DAY, Decimal("12.60"), date(2027, 1, 1)),))
    ok, into_holiday = session("a", london(2027, 3, 2, 10), 3), session("b", london(2027, 5, 2, 22), 4)
    table = pa.table(
        {
            "id": ["a", "b"],
            "start": [ok.start, into_holiday.start],
            "end": [ok.end, into_holiday.end],
            "kind": ["day", "day"],
        }
    )
    with pytest.raises(cr.MissingRate) as caught:
        pay_frame(table, policy)
    assert caught.value.parameter == "pay_rates"
    assert str(caught.value).startswith("row 1 (id 'b'): policy 'paying' has no bank-holiday pay rate")
    assert list(pay_frame(table, POLICY).column("amount_minor").to_pylist()) == [3780, 7560]


#: The built-in Buddies policy (its charging is a small tariff) with illustrative pay rates added.
BUDDIES_PAYING = attrs.evolve(
    cr.BUDDIES,
    pay_rates=(
        cr.Rate(DAY, Decimal("12.60"), date(2000, 1, 1)),
        cr.Rate(DAY, Decimal("18.90"), date(2000, 1, 1), bank_holiday=True),
        cr.Rate(cr.ShiftKind.WAKING_NIGHT, Decimal("13.00"), date(2000, 1, 1)),
    ),
)


@given(items=st.lists(sessions(policy=BUDDIES_PAYING), max_size=6, unique_by=lambda s: s.id))
def test_pay_frame_under_a_tariff_policy_pays_what_pay_for_session_pays(items: list[cr.Session]) -> None:
    import pyarrow as pa

    from carerules.frames import pay_frame

    table = pa.table(
        {
            "id": [s.id for s in items],
            "start": pa.array([s.start for s in items], pa.timestamp("us", "UTC")),
            "end": pa.array([s.end for s in items], pa.timestamp("us", "UTC")),
            "kind": [s.kind.value for s in items],
        }
    )
    money = pay_frame(table, BUDDIES_PAYING).column("amount_minor").to_pylist()
    for s, minor in zip(items, money, strict=True):
        amount = cr.pay_for_session(s, BUDDIES_PAYING).answer.amount
        assert amount is not None
        assert minor == int(amount * 100)


def test_the_html_table_of_a_statement_shows_its_totals() -> None:
    items = [session("b", london(2027, 3, 2, 10), 3), session("n", london(2027, 3, 3, 22), 9, NIGHT)]
    html = cr.build_pay_statement("st-dee", MARCH, POLICY, sessions=items)._repr_html_()
    foot = html.split("<tfoot>", 1)[1]
    assert "<td>Total</td>" in foot
    assert "<td>117.80</td>" in foot  # 37.80 for the day and 80.00 for the night
    assert "<td>3</td><td>1</td>" in foot  # 3 h paid and one shift
    no_money = cr.build_pay_statement("st-dee", MARCH, attrs.evolve(POLICY, pay_rates=()), sessions=items)
    assert "117.80" not in no_money._repr_html_()


def test_policy_check_lists_the_pay_rates_or_says_there_are_none(tmp_path: Any) -> None:
    import io

    from carerules._cli import main

    def check(data: dict[str, Any]) -> str:
        path = tmp_path / "policy.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        assert main(["policy", "check", str(path)], out, err) == 0, err.getvalue()
        return out.getvalue().split("Pay rates:\n", 1)[1].split("\nThresholds:", 1)[0]

    listed = check(FILE)
    assert "  £13.10 per hour (day, from 2027-06-01)" in listed.splitlines()
    assert "  £120.00 per shift (bank-holiday sleeping-night, from 2027-01-01)" in listed.splitlines()
    assert check({k: v for k, v in FILE.items() if k != "pay_rates"}) == "  (none: pay is shown in hours and shifts)"


def test_a_charge_basis_that_changes_on_a_date_takes_pay_rates_of_each_basis_on_each_side() -> None:
    """Only rates in force together must share a basis: per shift until 2027-06-01, per hour after."""
    night = cr.ShiftKind.SLEEPING_NIGHT
    flat, hourly = cr.RateBasis.PER_SHIFT, cr.RateBasis.PER_HOUR
    policy = attrs.evolve(
        POLICY,
        rates=(
            cr.Rate(night, Decimal("110.00"), date(2027, 1, 1), flat),
            cr.Rate(night, Decimal("14.00"), date(2027, 6, 1), hourly),
        ),
        pay_rates=(
            cr.Rate(night, Decimal("80.00"), date(2027, 1, 1), flat),
            cr.Rate(night, Decimal("11.00"), date(2027, 6, 1), hourly),
        ),
    )
    before = cr.pay_for_session(session("n1", london(2027, 3, 2, 22), 9, night), policy).answer
    after = cr.pay_for_session(session("n2", london(2027, 7, 6, 22), 9, night), policy).answer
    assert (before.shifts, before.amount) == (1, Decimal("80.00"))
    assert (after.shifts, after.amount) == (0, Decimal("99.00"))
    with pytest.raises(cr.InvalidInput) as caught:  # an hourly pay rate from May overlaps the flat charge
        attrs.evolve(policy, pay_rates=(*policy.pay_rates, cr.Rate(night, Decimal("11.00"), date(2027, 5, 1), hourly)))
    assert caught.value.field == "pay_rates"
    assert "per-shift pay rate" in caught.value.expected


#: Charge rates for day and waking-night support only; a pay rate for waking nights only.
GAPS = attrs.evolve(
    POLICY,
    rates=(
        cr.Rate(DAY, Decimal("24.00"), date(2027, 1, 1)),
        cr.Rate(cr.ShiftKind.WAKING_NIGHT, Decimal("24.00"), date(2027, 1, 1)),
    ),
    pay_rates=(cr.Rate(cr.ShiftKind.WAKING_NIGHT, Decimal("13.00"), date(2027, 1, 1)),),
)
#: Row 0 lacks a pay rate (day); row 1 lacks a charge rate (sleeping night).
GAP_ROWS = [session("p", london(2027, 3, 2, 10), 3), session("c", london(2027, 3, 3, 22), 9, NIGHT)]


def _table(items: list[cr.Session], **extra: Any) -> Any:
    import pyarrow as pa

    columns: dict[str, Any] = {
        "id": [s.id for s in items],
        "start": pa.array([s.start for s in items], pa.timestamp("us", "UTC")),
        "end": pa.array([s.end for s in items], pa.timestamp("us", "UTC")),
        "kind": [s.kind.value for s in items],
    }
    return pa.table({**columns, **extra})


def test_the_engines_raise_for_the_same_first_failing_row() -> None:
    """The per-row engine meets row 0's missing pay rate first; so must the columnar one."""
    from carerules.frames import cancellations_frame, pay_frame

    with pytest.raises(cr.MissingRate) as per_row:
        cr.pay_for_session(GAP_ROWS[0], GAPS)
    with pytest.raises(cr.MissingRate) as columnar:
        pay_frame(_table(GAP_ROWS), GAPS)
    assert (per_row.value.parameter, columnar.value.parameter) == ("pay_rates", "pay_rates")
    assert str(columnar.value) == f"row 0 (id 'p'): {per_row.value}"
    late = [london(2027, 3, 1, 10), london(2027, 3, 2, 22)]
    table = _table(GAP_ROWS, cancelled_by=["family", "family"], received_at=late)
    with pytest.raises(cr.MissingRate) as cancelled:
        cancellations_frame(table, GAPS)
    assert cancelled.value.parameter == "pay_rates"
    assert str(cancelled.value).startswith("row 0 (id 'p'): ")


def test_a_batch_of_cancellations_needs_no_pay_rate_and_names_the_row_that_lacks_a_charge_rate() -> None:
    cancels = [cr.Cancellation(s.id, cr.CancelledBy.FAMILY, None) for s in GAP_ROWS]
    with pytest.raises(cr.MissingRate) as caught:
        cr.decide_cancellations(GAP_ROWS, cancels, GAPS)
    assert caught.value.parameter == "rates"
    assert caught.value.__notes__ == ["at row 1 of the cancellations"]
    batch = cr.decide_cancellations(GAP_ROWS[:1], cancels[:1], GAPS)
    assert batch.amounts == (Decimal("72.00"),)
    with pytest.raises(cr.MissingRate) as explained:
        batch.explain(0)
    assert explained.value.parameter == "pay_rates"


@given(
    policy=policies(complete=False, pay_rates=True),
    dropped=st.sets(st.sampled_from(list(cr.ShiftKind))),
    items=st.lists(sessions(), min_size=1, max_size=8, unique_by=lambda s: s.id),
)
def test_pay_frame_fails_where_and_as_the_per_row_engine_first_fails(
    policy: cr.Policy, dropped: set[cr.ShiftKind], items: list[cr.Session]
) -> None:
    from carerules.frames import pay_frame

    policy = attrs.evolve(policy, pay_rates=tuple(r for r in policy.pay_rates if r.kind not in dropped))
    first: tuple[int, cr.CareRulesError] | None = None
    for i, s in enumerate(items):
        try:
            cr.pay_for_session(s, policy)
        except cr.CareRulesError as refused:
            first = (i, refused)
            break
    if first is None:
        pay_frame(_table(items), policy)
        return
    row, expected = first
    with pytest.raises(cr.CareRulesError) as caught:
        pay_frame(_table(items), policy)
    assert type(caught.value) is type(expected)
    if isinstance(expected, cr.MissingRate):
        assert str(caught.value) == f"row {row} (id {items[row].id!r}): {expected}"
