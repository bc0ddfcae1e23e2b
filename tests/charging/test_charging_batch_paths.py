"""The batch paths agree with the per-row functions on every row, errors included (issue 17).

price_batch's fast loop (sessions within a day and sessions crossing midnight), the
batch of cancellations and the guard's compiled checks each have a plain, per-row
counterpart; Hypothesis drives both from the shipped strategies, over several zones and
over policies that lack rates (so the fast loop's way back to the general pricing, and
its errors, are exercised too).
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import carerules as cr
from carerules._guard import _accepts, compile_hint
from carerules.strategies import cancellations, policies, sessions
from tests.charging.test_charging_worked_examples import WITH_RATES
from tests.conftest import london

ZONES = st.sampled_from(["Europe/London", "America/New_York", "Australia/Lord_Howe", "UTC"])


@st.composite
def session_lists(draw: st.DrawFn) -> list[cr.Session]:
    zone = draw(ZONES)
    return draw(st.lists(sessions(timezone=zone), max_size=15, unique_by=lambda s: s.id))


def _outcome_or_error(fn: Any, *args: Any) -> Any:
    try:
        return fn(*args)
    except cr.CareRulesError as exc:
        return (type(exc), str(exc))


@settings(max_examples=150, deadline=None)
@given(session_lists(), policies(complete=False))
def test_price_batch_equals_price_session_on_every_row_or_raises_the_first_rows_error(
    items: list[cr.Session], policy: cr.Policy
) -> None:
    singles = [_outcome_or_error(lambda s: cr.price_session(s, policy).answer, s) for s in items]
    failed = [r for r in singles if isinstance(r, tuple)]
    if failed:
        with pytest.raises(cr.CareRulesError) as caught:
            cr.price_batch(items, policy)
        assert (type(caught.value), str(caught.value)) == failed[0]
        return
    batch = cr.price_batch(items, policy)
    assert batch.amounts == tuple(c.amount for c in singles)
    assert batch.charged == tuple(c.charged for c in singles)
    assert batch.total == sum((c.amount for c in singles), Decimal(0))


@settings(max_examples=150, deadline=None)
@given(st.data(), session_lists(), policies(complete=False))
def test_decide_cancellations_equals_decide_cancellation_on_every_row(
    data: st.DataObject, items: list[cr.Session], policy: cr.Policy
) -> None:
    cancels = [data.draw(cancellations(s)) for s in items]
    singles = [_outcome_or_error(cr.decide_cancellation, s, c, policy) for s, c in zip(items, cancels, strict=True)]
    failed = [r for r in singles if isinstance(r, tuple)]
    if failed:
        with pytest.raises(cr.CareRulesError) as caught:
            cr.decide_cancellations(items, cancels, policy)
        assert (type(caught.value), str(caught.value)) == failed[0]
        return
    batch = cr.decide_cancellations(items, cancels, policy)
    assert len(batch) == len(items)
    for i, single in enumerate(singles):
        outcome = single.answer
        assert batch.explain(i) == single
        assert batch.outcome(i) == outcome
        assert batch.charged[i] is outcome.charged
        assert batch.notice[i] == outcome.notice
        assert batch.amounts[i] == (outcome.charge.amount if outcome.charge else Decimal("0.00"))
        assert batch.rows()[i]["paid"] is outcome.paid
    assert batch.total == sum(batch.amounts, Decimal(0))


def _late_night() -> list[tuple[cr.Session, cr.Cancellation]]:
    """Three cancellations of Christmas Eve into Christmas Day: 47 h of notice, 49 h, and one by the provider."""
    rows = []
    for i, (by, notice) in enumerate(
        [(cr.CancelledBy.FAMILY, 47), (cr.CancelledBy.FAMILY, 49), (cr.CancelledBy.PROVIDER, 1)]
    ):
        start = london(2026, 12, 24, 22)
        s = cr.Session(f"s{i}", "su-amy", start, london(2026, 12, 25, 1))
        rows.append((s, cr.Cancellation(s.id, by, start - timedelta(hours=notice))))
    return rows


def test_a_late_cancellation_across_midnight_is_charged_as_booked_and_the_margin_shows() -> None:
    """cancellation.late, cancellation.notice-given, cancellation.by-provider: the 47 h one is charged
    as the session would be (2 h ordinary at 18.50 + 1 h on Christmas Day at 27.75 = 64.75), the others free."""
    pairs = _late_night()
    batch = cr.decide_cancellations([s for s, _ in pairs], [c for _, c in pairs], WITH_RATES)
    assert batch.charged == (True, False, False)
    assert batch.amounts == (Decimal("64.75"), Decimal("0.00"), Decimal("0.00"))
    assert batch.total == Decimal("64.75")
    assert (batch.margin(0), batch.margin(1), batch.margin(2)) == (timedelta(hours=-1), timedelta(hours=1), None)
    assert [batch.explain(i).rule_ids[0] for i in range(3)] == [
        "cancellation.late",
        "cancellation.notice-given",
        "cancellation.by-provider",
    ]


def test_decide_cancellations_refuses_lists_of_different_lengths_and_names_the_bad_row() -> None:
    pairs = _late_night()
    sessions_, cancels = [s for s, _ in pairs], [c for _, c in pairs]
    with pytest.raises(cr.InvalidInput) as caught:
        cr.decide_cancellations(sessions_, cancels[:2], WITH_RATES)
    assert caught.value.field == "cancellations"
    with pytest.raises(cr.InvalidInput) as caught:
        cr.decide_cancellations(sessions_, [cancels[1], cancels[0], cancels[2]], WITH_RATES)
    assert caught.value.field == "cancellation.session_id"
    assert caught.value.__notes__ == ["at row 0 of the cancellations"]
    with pytest.raises(cr.InvalidInput) as caught:
        cr.decide_cancellations(sessions_, [*cancels[:2], "s2"], WITH_RATES)  # type: ignore[list-item]
    assert caught.value.field == "cancellations"


def test_a_batch_of_cancellations_pickles_whole() -> None:
    pairs = _late_night()
    batch = cr.decide_cancellations([s for s, _ in pairs], [c for _, c in pairs], WITH_RATES)
    assert pickle.loads(pickle.dumps(batch)) == batch


# --- the guard: compiled checks say what the plain statement of the rule says --------------------------

HINTS: list[Any] = [
    int,
    bool,
    str,
    date,
    datetime,
    Decimal,
    cr.Session,
    int | None,
    str | cr.Session,
    tuple[str, ...],
    tuple[int, str],
    tuple[()],
    Iterable[cr.Session],
    Sequence[int],
    Iterable[date],
    Iterable[cr.Session | cr.Cancellation],
    tuple[tuple[int, ...], ...],
    dict[str, int],
    Any,
]

SESSION = cr.Session("s", "su", datetime(2026, 1, 5, 9, tzinfo=UTC), datetime(2026, 1, 5, 11, tzinfo=UTC))
VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.text(max_size=3),
        st.dates(),
        st.datetimes(timezones=st.just(UTC)),
        st.decimals(allow_nan=False, places=2),
        st.just(SESSION),
        st.just(cr.Cancellation("s", cr.CancelledBy.FAMILY)),
    ),
    lambda inner: st.one_of(st.lists(inner, max_size=4).map(tuple), st.dictionaries(st.text(max_size=2), inner)),
    max_leaves=8,
)


@settings(max_examples=300)
@given(st.sampled_from(HINTS), VALUES)
def test_the_guards_compiled_checks_agree_with_its_plain_rule(hint: Any, value: Any) -> None:
    assert compile_hint(hint)(value) == _accepts(value, hint)


def test_a_bad_item_deep_in_a_long_batch_is_named_by_the_guard() -> None:
    """Checking items once per distinct type still finds the one wrong item among many good ones."""
    items: list[Any] = [SESSION] * 10_000
    items[7_777] = "s-7777"
    with pytest.raises(cr.InvalidInput) as caught:
        cr.price_batch(items, cr.BUDDIES)
    assert caught.value.field == "sessions"
    assert caught.value.expected == "an iterable of Session (item 7777 is a str)"
