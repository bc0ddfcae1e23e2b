"""Fit scores given by the caller to :func:`~carerules.assign_all`: read, checked, made a matrix.

Providers who measure fit their own way pass ``scores=`` as

* a function ``(ServiceUser, StaffMember) -> score``, called once per eligible pair;
* a mapping by Service User id of rows, or by ``(service_user_id, staff_id)`` pairs;
* a sequence of rows (a list of lists, a 2-D numpy array) in the order ``users`` were given.

A row is a mapping by staff id, or a sequence in the order ``staff`` were given.
Every score is a whole number from -100,000 to 100,000 (``5``, ``5.0``,
``Decimal("5")``): the optimum is certified in whole numbers, so fractional
scores are refused rather than rounded (scale them, for example by 100).
A score is needed for every pair where the staff member holds the person's
pre-start training; pairs they do not are never suggested, whatever the score.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from numbers import Integral, Real
from typing import Any

from carerules._errors import InvalidInput
from carerules._matching._model import ServiceUser, StaffMember

LIMIT = 100_000
_WHOLE = f"a whole number from {-LIMIT:,} to {LIMIT:,} (scale fractional scores, for example by 100)"


def whole_score(value: object, field: str) -> int:
    """``value`` as a whole-number score, or :class:`~carerules.InvalidInput` naming ``field``."""
    out: int | None = None
    if isinstance(value, bool):
        out = None
    elif isinstance(value, Integral):
        out = int(value)
    elif isinstance(value, Decimal):
        if value.is_finite() and value == value.to_integral_value():
            out = int(value)
    elif isinstance(value, Fraction):
        out = int(value) if value.denominator == 1 else None
    elif isinstance(value, Real):
        number = float(value)
        if math.isfinite(number) and number.is_integer():
            out = int(number)
    if out is None or not -LIMIT <= out <= LIMIT:
        raise InvalidInput(field, value, _WHOLE)
    return out


def _row_of(
    row: object, field: str, given_staff: Sequence[StaffMember], staff_index: Mapping[str, int]
) -> dict[str, int]:
    """A caller's row, as staff id -> score (each checked)."""
    if isinstance(row, Mapping):
        out: dict[str, int] = {}
        for sid, value in row.items():
            if not isinstance(sid, str) or sid not in staff_index:
                raise InvalidInput(f"{field}[{sid!r}]", sid, "the id of one of the staff given")
            out[sid] = whole_score(value, f"{field}[{sid!r}]")
        return out
    items = _as_sequence(row)
    if items is None:
        raise InvalidInput(field, row, "a mapping by staff id, or a sequence of scores in the order staff were given")
    if len(items) != len(given_staff):
        raise InvalidInput(field, len(items), f"{len(given_staff)} scores, one per staff member in the order given")
    return {s.id: whole_score(v, f"{field}[{s.id!r}]") for s, v in zip(given_staff, items, strict=True)}


def _as_sequence(value: object) -> Sequence[Any] | None:
    if isinstance(value, str | bytes):
        return None
    if isinstance(value, Sequence):
        return value
    tolist = getattr(value, "tolist", None)  # a numpy array
    if callable(tolist) and getattr(value, "ndim", None) in (1, 2):
        listed = tolist()
        return listed if isinstance(listed, list) else None
    return None


def _rows(
    scores: object, given_users: Sequence[ServiceUser], given_staff: Sequence[StaffMember]
) -> dict[str, dict[str, int]]:
    """The caller's matrix as Service User id -> staff id -> score (each checked)."""
    staff_index = {s.id: k for k, s in enumerate(given_staff)}
    user_ids = {u.id for u in given_users}
    out: dict[str, dict[str, int]] = {}
    if isinstance(scores, Mapping):
        for key, row in scores.items():
            if isinstance(key, tuple):
                if len(key) != 2 or key[0] not in user_ids or key[1] not in staff_index:
                    raise InvalidInput(f"scores[{key!r}]", key, "a (service_user_id, staff_id) pair of those given")
                out.setdefault(key[0], {})[key[1]] = whole_score(row, f"scores[{key[0]!r}][{key[1]!r}]")
            elif isinstance(key, str) and key in user_ids:
                out.setdefault(key, {}).update(_row_of(row, f"scores[{key!r}]", given_staff, staff_index))
            else:
                raise InvalidInput(f"scores[{key!r}]", key, "the id of one of the Service Users given")
        return out
    rows = _as_sequence(scores)
    if rows is None:
        raise InvalidInput(
            "scores", scores, "a function (service_user, staff) -> score, a mapping by Service User id, or rows"
        )
    if len(rows) != len(given_users):
        raise InvalidInput("scores", len(rows), f"{len(given_users)} rows, one per Service User in the order given")
    for user, row in zip(given_users, rows, strict=True):
        out[user.id] = _row_of(row, f"scores[{user.id!r}]", given_staff, staff_index)
    return out


def caller_matrix(
    np: Any,
    scores: object,
    given_users: Sequence[ServiceUser],
    given_staff: Sequence[StaffMember],
    waiting: Sequence[ServiceUser],
    members: Sequence[StaffMember],
    eligible: Any,
) -> Any:
    """The caller's scores for ``waiting`` x ``members`` (both sorted by id) as whole numbers.

    Scores are read for eligible pairs only (the others are 0, never used).
    """
    W = np.zeros((len(waiting), len(members)), dtype=np.int64)
    if callable(scores) and not isinstance(scores, Mapping):
        fn: Callable[[ServiceUser, StaffMember], object] = scores
        for i, j in zip(*np.nonzero(eligible), strict=True):
            user, member = waiting[int(i)], members[int(j)]
            field = f"scores({user.id!r}, {member.id!r})"
            try:
                value = fn(user, member)
            except Exception as exc:  # the caller's function failed: say for which pair
                raise InvalidInput(field, exc, "a function (service_user, staff) -> score that does not raise") from exc
            W[i, j] = whole_score(value, field)
        return W
    rows = _rows(scores, given_users, given_staff)
    for i, j in zip(*np.nonzero(eligible), strict=True):
        user, member = waiting[int(i)], members[int(j)]
        field = f"scores[{user.id!r}][{member.id!r}]"
        row = rows.get(user.id, {})
        if member.id not in row:
            raise InvalidInput(field, None, f"a fit score ({member.id} is eligible for {user.id})")
        W[i, j] = row[member.id]
    return W
