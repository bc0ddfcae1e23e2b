"""Exact money: ``Decimal`` amounts, rounded once per line, half up, to the currency's minor unit.

Arithmetic uses a private decimal context so a caller's
``decimal.getcontext()`` changes (precision, rounding, traps) can never
alter a price; public functions also run under it (see ``_guard.public``).
Display never rounds: an amount is shown with every digit it has.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import (
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)
from functools import lru_cache
from typing import Any

from carerules._errors import InvalidInput

#: The context every money computation uses: 28 significant digits, every field set
#: explicitly (a ``Context`` copies unset fields from ``decimal.DefaultContext``).
MONEY_CONTEXT = Context(
    prec=28,
    rounding=ROUND_HALF_EVEN,
    Emin=-999_999,
    Emax=999_999,
    capitals=1,
    clamp=0,
    flags=[],
    traps=[InvalidOperation, DivisionByZero, Overflow],
)
PENNY = Decimal("0.01")
ZERO = Decimal("0.00")
_MICROSECONDS_PER_HOUR = Decimal(3_600_000_000)
#: Amounts the library accepts are below 10^12; lines (rates times long spans) below 10^20.
_MAX_DIGITS_BEFORE_POINT = 12
_MAX_LINE_DIGITS = 20

#: ISO 4217 currencies whose minor unit is not the hundredth (every other code has 2 places).
_MINOR_UNITS = {
    **dict.fromkeys(("BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG"), 0),
    **dict.fromkeys(("RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"), 0),
    **dict.fromkeys(("BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"), 3),
    **dict.fromkeys(("CLF", "UYW"), 4),
}


def minor_unit(currency: str) -> int:
    """How many decimal places ``currency`` has (ISO 4217): 2 for GBP, 0 for JPY, 3 for KWD."""
    return _MINOR_UNITS.get(currency, 2) if isinstance(currency, str) else 2


@lru_cache(maxsize=64)
def _quantum(currency: str) -> Decimal:
    return Decimal(1).scaleb(-minor_unit(currency), MONEY_CONTEXT)


def to_money(value: Any, field: str = "amount", *, allow_negative: bool = False) -> Decimal:
    """``value`` as a ``Decimal`` amount of pounds.

    Accepts ``Decimal``, ``int`` and numeric strings ("18.50"). Refuses
    ``float`` (binary floats cannot hold most prices exactly), ``bool``,
    NaN, infinities, amounts of 10^12 or more, more than 6 decimal places
    and, unless ``allow_negative``, negative amounts.
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
    if isinstance(value, int) and value.bit_length() > 64:
        raise InvalidInput(field, value, "an amount below 10^12 with at most 6 decimal places")
    if isinstance(value, str) and len(value) > 64:
        raise InvalidInput(field, value, 'a numeric amount such as "18.50"')
    try:
        # The constructor is exact and consults no context; ``Decimal(str(...))`` drops subclasses.
        amount = Decimal(value.strip() if isinstance(value, str) else value)
    except InvalidOperation:
        raise InvalidInput(field, value, 'a numeric amount such as "18.50"') from None
    if not amount.is_finite():
        raise InvalidInput(field, value, "a finite amount")
    if amount.is_signed() and not amount.is_zero() and not allow_negative:
        raise InvalidInput(field, value, "an amount of zero or more")
    exponent = amount.as_tuple().exponent
    # adjusted() and as_tuple() need no context: no Overflow for 1e1000000.
    too_big = not amount.is_zero() and amount.adjusted() >= _MAX_DIGITS_BEFORE_POINT
    if too_big or (isinstance(exponent, int) and exponent < -6):
        raise InvalidInput(field, value, "an amount below 10^12 with at most 6 decimal places")
    return amount if type(amount) is Decimal else Decimal(str(amount))


def round_line(amount: Decimal, currency: str = "GBP") -> Decimal:
    """``amount`` rounded once, half up, to ``currency``'s minor unit (the penny for GBP): once per line.

    Raises :class:`InvalidInput` for anything but a finite ``Decimal`` below 10^20.
    """
    if not isinstance(amount, Decimal) or not amount.is_finite():
        raise InvalidInput("amount", amount, "a finite Decimal")
    if not isinstance(currency, str) or not currency:
        raise InvalidInput("currency", currency, "a currency code such as 'GBP'")
    if not amount.is_zero() and amount.adjusted() >= _MAX_LINE_DIGITS:
        raise InvalidInput("amount", amount, f"an amount below 10^{_MAX_LINE_DIGITS}")
    return amount.quantize(_quantum(currency), rounding=ROUND_HALF_UP, context=MONEY_CONTEXT)


def money_sum(amounts: Iterable[Decimal], currency: str = "GBP") -> Decimal:
    """The exact sum of ``amounts`` (already rounded lines), in the library's own context."""
    total = ZERO.quantize(_quantum(currency), context=MONEY_CONTEXT)
    for amount in amounts:
        total = MONEY_CONTEXT.add(total, amount)
    return total


def per_hour(rate: Decimal, microseconds: int) -> Decimal:
    """The unrounded charge for ``microseconds`` of time at ``rate`` per hour."""
    ctx = MONEY_CONTEXT
    return ctx.divide(ctx.multiply(rate, Decimal(microseconds)), _MICROSECONDS_PER_HOUR)


def format_money(amount: Decimal, currency: str = "GBP") -> str:
    """``amount`` for people: "£18.50" for GBP, "18.50 EUR" otherwise.

    Never rounds: at least the currency's places are shown, and every
    further digit the amount has ("£18.505" for a rate of 18.505). Lines
    are rounded once, by :func:`round_line`, before they are shown.
    """
    places = minor_unit(currency)
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent > -places and amount.adjusted() < _MAX_LINE_DIGITS:
        amount = amount.quantize(_quantum(currency), context=MONEY_CONTEXT)  # adds zeros only: exact
    text = format(amount, ",f")  # no precision given, so no rounding, whatever the caller's context
    return f"\u00a3{text}" if currency == "GBP" else f"{text} {currency}"
