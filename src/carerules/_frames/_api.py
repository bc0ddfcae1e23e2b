"""The public columnar entry points: price a table of sessions, explain any row."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, NoReturn

import numpy as np
import pyarrow as pa

from carerules._charging import _rules as R
from carerules._charging._model import Session, SessionCharge, SessionPay
from carerules._charging._pricing import pay_for_session, price_session
from carerules._errors import CareRulesError, InvalidInput, MissingRate
from carerules._frames import _io
from carerules._frames._charge import Charged, at_row, charge_columns, instant
from carerules._frames._days import I64, KINDS, B
from carerules._money import MONEY_CONTEXT, minor_unit
from carerules._policy import Policy
from carerules._rules import Decision

KIND_VALUES = tuple(k.value for k in KINDS)
ENGINE = "engine"


def _policy(policy: Any) -> Policy:
    if not isinstance(policy, Policy):
        raise InvalidInput("policy", type(policy).__name__, "a Policy")
    return policy


class Rows:
    """The session columns of a table, read and checked once."""

    def __init__(
        self,
        table: Any,
        *,
        start: str,
        end: str,
        kind: str,
        id: str | None,
        service_user: str | None,
        staff: str | None = None,
    ) -> None:
        self.df = _io.frame(table)
        self.start, _ = _io.instants(self.df, start, "start")
        self.end, _ = _io.instants(self.df, end, "end")
        self.kind: I64 = _io.codes(self.df, kind, "kind", KIND_VALUES)
        _io.positive(self.start, self.end, (start, end))
        self.ids = _io.Texts(self.df, id, "id")
        self.users = _io.Texts(self.df, service_user, "service_user")
        self.staff = _io.Texts(self.df, staff, "staff", nullable=True)

    def __len__(self) -> int:
        return len(self.start)

    def session(self, i: int) -> Session:
        """Row ``i`` as a :class:`Session` (instants in UTC)."""
        user = self.users[i] if self.users.given else "-"
        kind = KINDS[int(self.kind[i])]
        staff = self.staff[i] if self.staff.given else None
        return Session(self.ids[i], user, instant(int(self.start[i])), instant(int(self.end[i])), kind, staff)


def _charge_arrays(c: Charged) -> dict[str, pa.Array]:
    return {
        "amount_minor": pa.array(c.amount_minor, pa.int64()),
        "worked_us": pa.array(c.worked_us, pa.int64()),
        "charged_us": pa.array(c.charged_us, pa.int64()),
        "top_up_us": pa.array(c.top_up_us, pa.int64()),
        "basis": _choice(c.flat, "per-hour", "per-shift"),
        "local_date": _io.dates(c.local_date),
        "day_types": c.day_types.arrow(),
        "rules": c.rules.arrow(),
        "minimum_applied": pa.array(c.top_up_us > 0, pa.bool_()),
        "split_at_midnight": pa.array(c.parts > 1, pa.bool_()),
        "bank_holiday": pa.array(c.bank_holiday, pa.bool_()),
        "holiday": c.holiday.arrow(),
        "holiday_date": _io.dates(c.holiday_date),
        "clock_change": pa.array(c.clock_change, pa.bool_()),
        ENGINE: _choice(c.per_row, "columnar", "per-row"),
    }


def _choice(flag: Any, no: str, yes: str) -> pa.Array:
    """Text ``yes`` where ``flag`` else ``no``, built as an Arrow dictionary and decoded (no Python strings per row)."""
    indices = pa.array(np.asarray(flag, dtype=np.int8), pa.int8())
    return pa.DictionaryArray.from_arrays(indices, pa.array([no, yes], pa.string())).dictionary_decode()


def price_frame(
    table: Any,
    policy: Policy,
    *,
    start: str = "start",
    end: str = "end",
    kind: str = "kind",
    id: str | None = "id",
    service_user: str | None = None,
) -> Any:
    """Price every session (row) of ``table`` under ``policy``; the table comes back with result columns.

    ``table`` is a pyarrow Table, a polars DataFrame or a pandas DataFrame
    (read through narwhals); the same kind of table is returned, with every
    input column and these added:

    * ``amount_minor``: the charge in the currency's minor unit (pence for
      GBP), an exact integer: ``amount = amount_minor / 10**minor_unit``;
    * ``worked_us``, ``charged_us``, ``top_up_us``: elapsed, charged and
      minimum top-up time in integer microseconds;
    * ``basis`` (``per-hour`` / ``per-shift``), ``local_date`` (the local
      start date), ``day_types`` (the local-day parts in order:
      ``ordinary``, ``bank-holiday``, ``closure-day``, comma-separated);
    * ``rules``: the ids of the rules that fired, in order, comma-separated,
      exactly ``",".join(price_session(...).rule_ids)``;
    * ``minimum_applied``, ``split_at_midnight``, ``bank_holiday`` and
      ``clock_change`` booleans, ``holiday`` / ``holiday_date`` (the first
      bank-holiday part's name and date, else null);
    * ``engine``: ``columnar``, or ``per-row`` for a row priced by the per-row
      engine (see :mod:`carerules.frames`).

    Raises the library's typed errors naming the column and row.
    """
    policy = _policy(policy)
    rows = Rows(table, start=start, end=end, kind=kind, id=id, service_user=service_user)
    charged = charge_columns(policy, rows.start, rows.end, rows.kind, rows.session)
    return _io.with_columns(rows.df, _charge_arrays(charged))


def explain(
    table: Any,
    row: int,
    policy: Policy,
    *,
    start: str = "start",
    end: str = "end",
    kind: str = "kind",
    id: str | None = "id",
    service_user: str | None = None,
) -> Decision[SessionCharge]:
    """The full decision for row ``row`` of ``table``: exactly what :func:`~carerules.price_session` gives."""
    rows = Rows(table, start=start, end=end, kind=kind, id=id, service_user=service_user)
    if isinstance(row, bool) or not isinstance(row, int) or not 0 <= row < len(rows):
        raise InvalidInput("row", row, f"a row number from 0 to {len(rows) - 1}")
    return price_session(rows.session(row), _policy(policy))


def pay_frame(
    table: Any,
    policy: Policy,
    *,
    start: str = "start",
    end: str = "end",
    kind: str = "kind",
    id: str | None = "id",
) -> Any:
    """What staff are paid for each session of ``table``, as :func:`~carerules.pay_for_session` says.

    Adds ``worked_us``, ``paid_us`` (integer microseconds: the minimum applied
    to hourly sessions), ``shifts`` (1 for a flat-rate shift, else 0),
    ``pay_rule`` (the id of the pay rule that decided), ``amount_minor`` (the
    money paid in the currency's minor unit, exactly the ``amount`` of
    :func:`~carerules.pay_for_session`; null when the policy sets no
    ``pay_rates``) and ``engine``.
    """
    policy = _policy(policy)
    rows = Rows(table, start=start, end=end, kind=kind, id=id, service_user=None)
    try:
        c = charge_columns(policy, rows.start, rows.end, rows.kind, rows.session)
        money = pay_minor(policy, rows.start, rows.end, rows.kind, rows.session, c) if policy.pays_money else None
    except CareRulesError as error:
        if not policy.pays_money:
            raise
        # Charge and pay rates are each checked for every row in turn; the per-row engine's first failing row decides.
        first_failing(range(len(rows)), lambda i: pay_for_session(rows.session(i), policy), rows, error)
    arrays = pay_arrays(c, money[1] if money is not None else None)
    arrays["amount_minor"] = pa.array(money[0], pa.int64()) if money is not None else pa.nulls(len(rows), pa.int64())
    arrays[ENGINE] = arrays.pop(ENGINE)  # keep ``engine`` the last column
    return _io.with_columns(rows.df, arrays)


def first_failing(entries: Iterable[int], decide: Callable[[int], object], rows: Rows, error: Exception) -> NoReturn:
    """Raise what the per-row engine raises for the first of ``entries`` (table rows) it cannot decide.

    The columnar engine checks one thing for every row before the next, so
    its first error may be a later row's; this makes the error the per-row
    engine's. ``error`` is raised if every row decides (it cannot, but a
    mistake here must never hide an error).
    """
    for i in entries:
        try:
            decide(i)
        except CareRulesError as exc:
            raise at_row(exc, i, rows.ids[i]) from None
    raise error


def pay_minor(
    policy: Policy, start: I64, end: I64, kind: I64, make: Any, c: Charged, origin: I64 | None = None
) -> tuple[I64, B]:
    """The pay money of every entry in minor units, as :func:`~carerules.pay_for_session` gives it, and which
    entries the per-row engine paid.

    The arguments are those of :func:`charge_columns` (``make`` builds a
    table row's session; ``origin[j]`` is entry ``j``'s table row), with
    ``c`` the entries' charge columns.

    Pay money is the paid time priced at the pay rates as a charge is priced
    at the charge rates, so the columnar engine prices the rows under
    :attr:`Policy.paying`. Where that pricing would not give the pay's own
    paid time or basis (a case the policy's checks rule out today), the entry
    is paid by the per-row engine instead, so the two can never disagree.
    """
    try:
        p = charge_columns(policy.paying, start, end, kind, make, origin=origin)
    except MissingRate as exc:
        raise _as_pay_rate(exc) from None
    paid = np.where(c.flat, c.worked_us, c.charged_us)
    priced = np.where(p.flat, p.worked_us, p.charged_us)
    out = p.amount_minor.copy()
    m = minor_unit(policy.currency)
    apart = (paid != priced) | (p.flat != c.flat)
    for i in np.flatnonzero(apart):
        row = int(i) if origin is None else int(origin[i])
        amount = pay_for_session(make(row), policy).answer.amount
        out[i] = 0 if amount is None else int(amount.scaleb(m, MONEY_CONTEXT))
    return out, apart | p.per_row


def _as_pay_rate(exc: MissingRate) -> MissingRate:
    """``exc`` (raised pricing under :attr:`Policy.paying`) as the pay rate it is, its row kept."""
    out = MissingRate(exc.policy, exc.kind, exc.bank_holiday, exc.on, exc.needed_for, parameter="pay_rates")
    row = getattr(exc, "row", None)
    if isinstance(row, int):
        prefix = str(exc).split(": ", 1)[0]
        out.args = (f"{prefix}: {out.args[0]}", *out.args[1:])
        out.row = row  # type: ignore[attr-defined]
    for note in getattr(exc, "__notes__", ()):
        out.add_note(note)
    return out


def pay_arrays(c: Charged, per_row: Any = None) -> dict[str, pa.Array]:
    """The pay columns from the charge columns (pay follows the charge: worked, minimum, or one shift).

    ``per_row`` marks rows whose pay money the per-row engine worked out (their ``engine`` says so).
    """
    which = np.where(c.flat, 2, np.where(c.top_up_us > 0, 1, 0)).astype(np.int8)
    ids = pa.array([R.PAY_WORKED.id, R.PAY_MINIMUM.id, R.PAY_FLAT.id], pa.string())
    return {
        "worked_us": pa.array(c.worked_us, pa.int64()),
        "paid_us": pa.array(np.where(c.flat, c.worked_us, c.charged_us), pa.int64()),
        "shifts": pa.array(c.flat.astype(np.int64), pa.int64()),
        "pay_rule": pa.DictionaryArray.from_arrays(pa.array(which, pa.int8()), ids).dictionary_decode(),
        ENGINE: _choice(c.per_row if per_row is None else c.per_row | per_row, "columnar", "per-row"),
    }


def explain_pay(table: Any, row: int, policy: Policy, **columns: Any) -> Decision[SessionPay]:
    """The pay decision for row ``row``: exactly what :func:`~carerules.pay_for_session` gives."""
    names = {"start": "start", "end": "end", "kind": "kind", "id": "id", "service_user": None, "staff": None}
    rows = Rows(table, **{**names, **columns})
    if isinstance(row, bool) or not isinstance(row, int) or not 0 <= row < len(rows):
        raise InvalidInput("row", row, f"a row number from 0 to {len(rows) - 1}")
    return pay_for_session(rows.session(row), _policy(policy))
