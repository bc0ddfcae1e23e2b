"""Exact money: ``Decimal`` pounds, rounded once per line, half up.

Arithmetic uses a private decimal context so a caller's
``decimal.getcontext()`` changes can never alter a price.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from typing import Any

from carerules._errors import InvalidInput

#: The context every money computation uses (28 significant digits).
MONEY_CONTEXT = Context(prec=28)
PENNY = Decimal("0.01")
ZERO = Decimal("0.00")
_MICROSECONDS_PER_HOUR = Decimal(3_600_000_000)


def to_money(value: Any, field: str = "amount", *, allow_negative: bool = False) -> Decimal:
    """``value`` as a ``Decimal`` amount of pounds.

    Accepts ``Decimal``, ``int`` and numeric strings ("18.50"). Refuses
    ``float`` (binary floats cannot hold most prices exactly), ``bool``,
    NaN, infinities and, unless ``allow_negative``, negative amounts.
    Raises :class:`InvalidInput` naming ``field``.
    """
    if not isinstance(field, str) or not field:
        raise InvalidInput("field", field, "the name of the field, for error messages")
    if isinstance(value, float):
        raise InvalidInput(
            field,
            value,
            'an exact Decimal such as Decimal("18.50"), not a float (floats cannot hold most prices exactly)',
        )
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise InvalidInput(field, value, "a Decimal, int or numeric string")
    try:
        amount = Decimal(value.strip() if isinstance(value, str) else value)
    except InvalidOperation:
        raise InvalidInput(field, value, 'a numeric amount such as "18.50"') from None
    if not amount.is_finite():
        raise InvalidInput(field, value, "a finite amount")
    if amount < 0 and not allow_negative:
        raise InvalidInput(field, value, "an amount of zero or more")
    if amount.as_tuple().exponent < -6 or abs(amount) >= Decimal(10) ** 12:  # type: ignore[operator]
        raise InvalidInput(field, value, "an amount below 10^12 with at most 6 decimal places")
    return amount


def round_line(amount: Decimal) -> Decimal:
    """``amount`` rounded to the penny, half up: done once per invoice line."""
    if not isinstance(amount, Decimal) or not amount.is_finite():
        raise InvalidInput("amount", amount, "a finite Decimal")
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP, context=MONEY_CONTEXT)


def per_hour(rate: Decimal, microseconds: int) -> Decimal:
    """The unrounded charge for ``microseconds`` of time at ``rate`` per hour."""
    ctx = MONEY_CONTEXT
    return ctx.divide(ctx.multiply(rate, Decimal(microseconds)), _MICROSECONDS_PER_HOUR)


def format_money(amount: Decimal, currency: str = "GBP") -> str:
    """``amount`` for people: "£18.50" for GBP, "18.50 EUR" otherwise."""
    text = f"{amount:,.2f}"
    return f"\u00a3{text}" if currency == "GBP" else f"{text} {currency}"
