"""Cancellation and expense decisions checked field by field and word by word.

Written to kill the mutants that survived ``make mutation`` on ``_charging._cancellation``:
the outcome's every field and the explanation a family reads are part of the answer.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

import carerules as cr
from tests.conftest import london

SESSION = cr.Session("s1", "su-amy", london(2026, 10, 20, 10), london(2026, 10, 20, 13), staff="st-dee")


def cancel(
    received: timedelta | None, by: cr.CancelledBy = cr.CancelledBy.FAMILY
) -> cr.Decision[cr.CancellationOutcome]:
    """Decide a cancellation of SESSION received ``received`` before its start (None: never received)."""
    at = None if received is None else cr.plus_elapsed(SESSION.start, -received)
    return cr.decide_cancellation(SESSION, cr.Cancellation("s1", by, at), cr.BUDDIES)


def test_cancellation_for_another_session_names_field_value_and_expected_id() -> None:
    with pytest.raises(cr.InvalidInput) as caught:
        cr.decide_cancellation(SESSION, cr.Cancellation("s9", cr.CancelledBy.FAMILY, None), cr.BUDDIES)
    assert caught.value.field == "cancellation.session_id"
    assert caught.value.value == "s9"
    assert caught.value.expected == "the session's id 's1'"


@pytest.mark.tz
def test_provider_cancellation_outcome_and_explanation() -> None:
    """cancellation.by-provider: not charged, nothing paid, whatever the notice."""
    decision = cancel(timedelta(hours=1), cr.CancelledBy.PROVIDER)
    assert decision.answer == cr.CancellationOutcome("s1", cr.CancelledBy.PROVIDER, None, None, None)
    assert [str(r) for r in decision.reasons] == [
        "[cancellation.by-provider] cancelled by the provider: not charged, not paid"
    ]


@pytest.mark.tz
def test_no_show_has_no_notice_and_says_why() -> None:
    """cancellation.no-show: treated as no notice, charged as booked."""
    decision = cancel(None)
    assert decision.answer.session_id == "s1"
    assert decision.answer.cancelled_by is cr.CancelledBy.FAMILY
    assert decision.answer.notice is None
    assert decision.answer.charge == cr.price_session(SESSION, cr.BUDDIES).answer
    assert str(decision.reasons[0]) == (
        "[cancellation.no-show] no cancellation was received before the session: treated as no notice"
    )


@pytest.mark.tz
def test_notice_given_outcome_and_what_would_have_changed_it() -> None:
    """cancellation.notice-given: 49 h of notice, nothing charged or paid."""
    decision = cancel(timedelta(hours=49))
    assert decision.answer == cr.CancellationOutcome("s1", cr.CancelledBy.FAMILY, timedelta(hours=49), None, None)
    assert [str(r) for r in decision.reasons] == [
        "[cancellation.notice-given] notice was 49 h: not charged, not paid "
        "(less than 48 h of notice would have been charged)"
    ]


@pytest.mark.tz
@pytest.mark.parametrize(
    ("received", "said"),
    [
        (timedelta(minutes=-5), "after the scheduled start"),
        (timedelta(0), "notice was 0 s"),
        (timedelta(hours=1), "notice was 1 h"),
    ],
)
def test_late_cancellation_outcome_and_explanation(received: timedelta, said: str) -> None:
    """cancellation.late: charged exactly as booked, staff paid; notice kept as given."""
    decision = cancel(received)
    assert decision.answer == cr.CancellationOutcome(
        "s1",
        cr.CancelledBy.FAMILY,
        received,
        cr.price_session(SESSION, cr.BUDDIES).answer,
        cr.pay_for_session(SESSION, cr.BUDDIES).answer,
    )
    assert str(decision.reasons[0]) == (
        f"[cancellation.late] {said}: charged as booked and the staff member paid "
        "(48 h or more would not have been charged)"
    )


EXPENSE = cr.Expense("e1", "su-amy", date(2026, 10, 20), Decimal("7.50"), "meal")


def test_agreement_made_on_the_day_of_the_expense_covers_it() -> None:
    """expenses.agreed: an agreement covers costs from the day it was made, inclusive."""
    decision = cr.decide_expense(EXPENSE, [cr.ExpenseAgreement("su-amy", "meal", date(2026, 10, 20))])
    assert decision.answer == cr.ExpenseOutcome("e1", True, Decimal("7.50"))
    assert [str(r) for r in decision.reasons] == [
        "[expenses.agreed] meal £7.50 billed under the agreement of 2026-10-20"
    ]


def test_unagreed_expense_outcome_explanation_and_missing_agreement() -> None:
    """expenses.not-agreed: reported, not billed, and the missing agreement named."""
    decision = cr.decide_expense(EXPENSE, [cr.ExpenseAgreement("su-amy", "taxi", date(2026, 1, 1))])
    assert decision.answer == cr.ExpenseOutcome("e1", False, Decimal("0.00"))
    assert decision.answer.billed is False
    assert [str(r) for r in decision.reasons] == [
        "[expenses.not-agreed] meal £7.50 not billed: no recorded agreement for this case"
    ]
    assert decision.missing == ("an agreement with su-amy for 'meal' costs",)
