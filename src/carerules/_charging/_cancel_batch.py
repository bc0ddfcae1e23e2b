"""Deciding many cancellations at once: outcomes in plain loops, explanations on demand."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import attrs

from carerules._charging._batch import _Loop
from carerules._charging._cancellation import cancellation_decision, decide_cancellation
from carerules._charging._model import Cancellation, CancellationOutcome, CancelledBy, Session
from carerules._display import Tabular
from carerules._errors import CareRulesError, InvalidInput
from carerules._guard import public
from carerules._money import money_sum
from carerules._policy import Policy
from carerules._rules import Decision, PolicyStamp
from carerules._time import to_utc

_ZERO = timedelta(0)


@attrs.frozen
class CancellationBatch(Tabular):
    """The outcomes of many cancellations, in input order.

    Row ``i`` is ``cancellations[i]`` of ``sessions[i]``: ``notice[i]`` (``None``
    for a no-show or a provider's cancellation), whether it is ``charged[i]``
    (and so paid) and ``amounts[i]``, the rounded charge (zero when free).
    :meth:`explain` gives the full decision for any row on demand, the same as
    :func:`~carerules.decide_cancellation` gives for it. The batch holds no
    pay money: under a policy with ``pay_rates``, :meth:`explain` and
    :meth:`outcome` carry it (and raise there for a missing pay rate).
    """

    sessions: tuple[Session, ...] = attrs.field(repr=False)
    cancellations: tuple[Cancellation, ...] = attrs.field(repr=False)
    policy: Policy = attrs.field(repr=False)
    notice: tuple[timedelta | None, ...] = attrs.field(repr=False)
    required: tuple[timedelta | None, ...] = attrs.field(repr=False)
    charged: tuple[bool, ...] = attrs.field(repr=False)
    amounts: tuple[Decimal, ...] = attrs.field(repr=False)
    total: Decimal

    def __len__(self) -> int:
        return len(self.amounts)

    @property
    def stamp(self) -> PolicyStamp:
        """The id and version of the policy that decided the batch."""
        return self.policy.stamp

    def explain(self, index: int) -> Decision[CancellationOutcome]:
        """The decision, with reasons, for row ``index``."""
        return decide_cancellation(self.sessions[index], self.cancellations[index], self.policy)

    def outcome(self, index: int) -> CancellationOutcome:
        """The outcome of row ``index`` (its charge and pay in full)."""
        return self.explain(index).answer

    def margin(self, index: int) -> timedelta | None:
        """Notice given minus the notice that would have made row ``index`` free (negative: short by that much).

        ``None`` for a provider's cancellation or a no-show.
        """
        notice, required = self.notice[index], self.required[index]
        return None if notice is None or required is None else notice - required

    def rows(self) -> list[dict[str, Any]]:
        """One plain dict per cancellation, ready for a DataFrame."""
        return [
            {
                "session": s.id,
                "service_user": s.service_user,
                "staff": s.staff,
                "cancelled_by": c.cancelled_by.value,
                "notice": n,
                "charged": charged,
                "paid": charged,
                "amount": a,
            }
            for s, c, n, charged, a in zip(
                self.sessions, self.cancellations, self.notice, self.charged, self.amounts, strict=True
            )
        ]


@public
def decide_cancellations(
    sessions: Iterable[Session], cancellations: Iterable[Cancellation], policy: Policy
) -> CancellationBatch:
    """Decide ``cancellations[i]`` of ``sessions[i]`` for every ``i``; same outcomes as :func:`decide_cancellation`.

    The notice period is looked up once per local date; the charged sessions
    are priced together, as :func:`~carerules.price_batch` prices them. The
    reasons are built only when asked for (:meth:`CancellationBatch.explain`).
    Raises what :func:`decide_cancellation` raises for the first row that
    cannot be decided (with a note naming the row), and
    :class:`~carerules.InvalidInput` when the two lengths differ.
    """
    items = tuple(sessions)
    cancels = tuple(cancellations)
    if len(cancels) != len(items):
        raise InvalidInput("cancellations", cancels, f"one cancellation per session ({len(items)})", sensitive=True)
    try:
        notice, required, charged, amounts = _decide(items, cancels, policy)
    except CareRulesError:
        for i, (s, c) in enumerate(zip(items, cancels, strict=True)):
            try:
                cancellation_decision(s, c, policy, pay_money=False)  # what the batch decides: no pay money
            except CareRulesError as exc:
                exc.add_note(f"at row {i} of the cancellations")
                raise
        raise  # pragma: no cover - the row by row decisions raise whatever the batch did
    total = money_sum(amounts, policy.currency)
    return CancellationBatch(items, cancels, policy, notice, required, charged, amounts, total)


def _decide(
    items: tuple[Session, ...], cancels: tuple[Cancellation, ...], policy: Policy
) -> tuple[tuple[timedelta | None, ...], tuple[timedelta | None, ...], tuple[bool, ...], tuple[Decimal, ...]]:
    """The batch's columns, worked out as :func:`~carerules._charging._cancellation.cancellation_terms` does."""
    tz = policy.tz
    periods: dict[date, timedelta] = {}
    provider = CancelledBy.PROVIDER
    notice: list[timedelta | None] = []
    required: list[timedelta | None] = []
    charged: list[bool] = []
    late: list[Session] = []
    for s, c in zip(items, cancels, strict=True):
        if c.session_id != s.id:
            raise InvalidInput(
                "cancellation.session_id", c.session_id, f"the session's id {s.id!r}", at=(c, "session_id")
            )
        if c.cancelled_by is provider:
            notice.append(None)
            required.append(None)
            charged.append(False)
            continue
        day = s.start.astimezone(tz).date()
        period = periods.get(day)
        if period is None:
            period = periods[day] = policy.notice_on(day)
        required.append(period)
        received = c.received_at
        if received is None:
            notice.append(None)
            charged.append(True)
            late.append(s)
            continue
        given = s._utc[0] - to_utc(received)
        notice.append(given)
        if given >= period:
            charged.append(False)
        else:
            charged.append(True)
            late.append(s)
    prices: list[Decimal] = []
    _Loop(policy).price(tuple(late), prices, [])
    free = money_sum((), policy.currency)
    priced = iter(prices)
    amounts = tuple(next(priced) if c else free for c in charged)
    return tuple(notice), tuple(required), tuple(charged), amounts
