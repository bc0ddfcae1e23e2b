"""A whole organisation's invoices for a period, from one grouping pass."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from carerules._charging._invoice import (
    Invoice,
    _index_cancellations,
    _index_sessions,
    family_lines,
)
from carerules._charging._model import Cancellation, Expense, ExpenseAgreement, Session
from carerules._guard import public
from carerules._money import money_sum
from carerules._policy import Policy
from carerules._time import Period


@public
def build_invoices(
    period: Period,
    policy: Policy,
    *,
    sessions: Iterable[Session],
    cancellations: Iterable[Cancellation] = (),
    expenses: Iterable[Expense] = (),
    agreements: Iterable[ExpenseAgreement] = (),
    service_users: Iterable[str] = (),
) -> tuple[Invoice, ...]:
    """One invoice per Service User (family) over ``period``, in order of their ids.

    Each invoice equals :func:`~carerules.build_invoice` for that Service User
    given the same lists, but the lists are read and grouped once: the cost
    grows with the number of sessions, not with sessions times families.
    A Service User gets an invoice when a session or an expense of theirs
    falls in ``period``; ``service_users`` adds others (with empty invoices
    when nothing of theirs does). Like ``build_invoice`` it is complete or
    not at all: :class:`~carerules.MissingRate` when any family's line needs
    a rate the policy lacks (:func:`~carerules.build_forecast` prices what it
    can), :class:`~carerules.InvalidInput` for duplicate session ids or
    cancellations of unknown sessions.
    """
    index = _index_sessions(sessions)
    cancelled = _index_cancellations(cancellations, index)
    tz = policy.tz
    selected: dict[str, list[tuple[Session, date, Cancellation | None]]] = {su: [] for su in service_users}
    for session in sorted(index.values(), key=lambda s: (s.start, s.id)):
        day = session.start.astimezone(tz).date()
        if day in period:
            selected.setdefault(session.service_user, []).append((session, day, cancelled.get(session.id)))
    costs: dict[str, list[Expense]] = {}
    for expense in sorted(expenses, key=lambda e: (e.incurred_on, e.id)):
        if expense.incurred_on in period:
            costs.setdefault(expense.service_user, []).append(expense)
            selected.setdefault(expense.service_user, [])
    agreed: dict[str, list[ExpenseAgreement]] = {}
    for agreement in agreements:
        agreed.setdefault(agreement.service_user, []).append(agreement)
    out: list[Invoice] = []
    currency = policy.currency
    for service_user in sorted(selected):
        lines, not_billed = family_lines(
            selected[service_user], costs.get(service_user, ()), agreed.get(service_user, ()), policy
        )
        total = money_sum((line.amount for line in lines), currency)
        out.append(Invoice(service_user, period, currency, tuple(lines), tuple(not_billed), total))
    return tuple(out)
