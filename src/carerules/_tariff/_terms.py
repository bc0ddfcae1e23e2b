"""A tariff's terms beyond the rate grid, as data: travel, expenses, fees and the billing cycle.

Frozen attrs classes validated at construction (a bad value is an
:class:`~carerules.InvalidInput` naming the field; a whole that does not fit
is a :class:`~carerules._tariff._model.TariffError` naming the place, such as
``travel.mileage[1].purpose``). Pricing lives in ``_extras.py`` and
``_billing.py``: distances and times are the caller's, never looked up.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from carerules._enums import Choice
from carerules._errors import InvalidInput
from carerules._validate import count, instance, is_money, member, slug, text


class Distance(Choice):
    """The unit a mileage rate and the caller's distances are in."""

    MILE = "mile"
    KM = "km"


class OverCap(Choice):
    """What an expense over its cap per occasion bills: the cap, or nothing (refused)."""

    CAP = "cap"
    REFUSE = "refuse"


class BillingPeriod(Choice):
    """How often the provider invoices."""

    WEEKLY = "weekly"
    TWO_WEEKLY = "2-weekly"
    FOUR_WEEKLY = "4-weekly"
    MONTHLY = "monthly"


class Timing(Choice):
    """Whether an invoice is issued at the start of its period (in advance) or after it (in arrears)."""

    ADVANCE = "advance"
    ARREARS = "arrears"


def _optional_money(field: str) -> Any:
    inner = is_money(field)

    def check(obj: object, attribute: object, value: Any) -> None:
        if value is not None:
            inner(obj, attribute, value)

    return check


def _items(kind: type, field: str) -> Any:
    def convert(value: Any) -> tuple[Any, ...]:
        if isinstance(value, str | bytes | Mapping) or not isinstance(value, tuple | list):
            raise InvalidInput(field, value, f"a tuple of {kind.__name__}")
        for item in value:
            if not isinstance(item, kind):
                raise InvalidInput(field, item, f"a {kind.__name__}")
        return tuple(value)

    return convert


def _methods(field: str) -> Any:
    def check(_: object, __: object, value: Any) -> None:
        if not isinstance(value, frozenset) or not all(isinstance(v, str) and v.strip() for v in value):
            raise InvalidInput(field, value, "a frozenset of payment method names")

    return check


def _distinct(items: tuple[Any, ...], key: str, where: str) -> None:
    from carerules._tariff._model import TariffError

    seen: dict[Any, int] = {}
    for i, item in enumerate(items):
        k = getattr(item, key)
        if k in seen:
            raise TariffError(f"{where}[{i}].{key}", k, f"a {key} no other entry has ({where}[{seen[k]}] has it)")
        seen[k] = i


def _mileage_list(value: Any) -> tuple[Mileage, ...]:
    out: tuple[Mileage, ...] = _items(Mileage, "travel.mileage")(value)
    return out


def _surcharge_list(value: Any) -> tuple[Surcharge, ...]:
    out: tuple[Surcharge, ...] = _items(Surcharge, "billing.surcharges")(value)
    return out


@attrs.frozen
class Mileage:
    """A rate per mile (or km) for journeys of one ``purpose`` (``with-client``, ``for-client``, ``to-client``).

    The first ``free`` distance of each journey is not charged (a free radius:
    5 miles from the office); ``cap`` is the most one journey is charged.
    """

    purpose: str = attrs.field(validator=slug("mileage.purpose"))
    rate: Decimal = attrs.field(validator=is_money("mileage.rate"))
    unit: Distance = attrs.field(default=Distance.MILE, validator=member(Distance, "mileage.unit"))
    free: Decimal = attrs.field(default=Decimal(0), validator=is_money("mileage.free"))
    cap: Decimal | None = attrs.field(default=None, validator=_optional_money("mileage.cap"))
    label: str = attrs.field(default="", validator=instance(str, "mileage.label"))


@attrs.frozen
class TravelTime:
    """Staff travel time charged at ``rate`` per hour, beyond a free radius, at most ``cap`` per visit.

    A journey of ``free_radius`` (in ``unit``) or less is not charged at all.
    """

    rate: Decimal = attrs.field(validator=is_money("travel_time.rate"))
    free_radius: Decimal = attrs.field(default=Decimal(0), validator=is_money("travel_time.free_radius"))
    unit: Distance = attrs.field(default=Distance.MILE, validator=member(Distance, "travel_time.unit"))
    cap: Decimal | None = attrs.field(default=None, validator=_optional_money("travel_time.cap"))


@attrs.frozen
class Travel:
    """How journeys are charged: mileage by purpose, and travel time."""

    mileage: tuple[Mileage, ...] = attrs.field(default=(), converter=_mileage_list)
    time: TravelTime | None = attrs.field(
        default=None, validator=attrs.validators.optional(instance(TravelTime, "travel.time"))
    )

    def __attrs_post_init__(self) -> None:
        _distinct(self.mileage, "purpose", "mileage")

    def mileage_for(self, purpose: str) -> Mileage | None:
        """The mileage terms for journeys of ``purpose``, or ``None``."""
        return next((m for m in self.mileage if m.purpose == purpose), None)


@attrs.frozen
class ExpenseTerms:
    """Terms for a category of recharged cost: a cap per occasion, and whether each occasion needs approval.

    A cost over ``cap`` bills the cap (``over_cap`` ``cap``) or nothing
    (``refuse``); with ``approval`` an occasion not approved bills nothing.
    """

    category: str = attrs.field(validator=text("expense_terms.category"))
    cap: Decimal | None = attrs.field(default=None, validator=_optional_money("expense_terms.cap"))
    approval: bool = attrs.field(default=False, validator=instance(bool, "expense_terms.approval"))
    over_cap: OverCap = attrs.field(default=OverCap.CAP, validator=member(OverCap, "expense_terms.over_cap"))


@attrs.frozen
class Fee:
    """A one-off fee (an assessment, a set-up, a consultation), by ``name``."""

    name: str = attrs.field(validator=slug("fee.name"))
    amount: Decimal = attrs.field(validator=is_money("fee.amount"))
    label: str = attrs.field(default="", validator=instance(str, "fee.label"))


@attrs.frozen
class Surcharge:
    """A charge per invoice for how it is paid: for the ``methods`` named, or for all but ``except_methods``."""

    name: str = attrs.field(validator=text("surcharge.name"))
    amount: Decimal = attrs.field(validator=is_money("surcharge.amount"))
    methods: frozenset[str] = attrs.field(default=frozenset(), validator=_methods("surcharge.methods"))
    except_methods: frozenset[str] = attrs.field(default=frozenset(), validator=_methods("surcharge.except_methods"))

    def __attrs_post_init__(self) -> None:
        if bool(self.methods) == bool(self.except_methods):
            raise InvalidInput(
                "surcharge.methods", sorted(self.methods), "either methods or except_methods, exactly one of them"
            )

    def applies(self, method: str) -> bool:
        """True when paying by ``method`` incurs the surcharge."""
        return method in self.methods if self.methods else method not in self.except_methods


@attrs.frozen
class Billing:
    """The billing cycle and caps: period, advance or arrears, due days, VAT, a weekly maximum, the lesser-of rule.

    ``vat`` ``None`` is exempt; else the rate added to each line (``0.20``).
    ``weekly_cap`` is the most charged for a week; with ``lesser_of`` the
    client pays the lesser of the cost and their assessed contribution.
    """

    period: BillingPeriod = attrs.field(
        default=BillingPeriod.MONTHLY, validator=member(BillingPeriod, "billing.period")
    )
    timing: Timing = attrs.field(default=Timing.ARREARS, validator=member(Timing, "billing.timing"))
    due_days: int = attrs.field(default=0, validator=count("billing.due_days", maximum=366))
    vat: Decimal | None = attrs.field(default=None, validator=_optional_money("billing.vat"))
    weekly_cap: Decimal | None = attrs.field(default=None, validator=_optional_money("billing.weekly_cap"))
    lesser_of: bool = attrs.field(default=False, validator=instance(bool, "billing.lesser_of"))
    surcharges: tuple[Surcharge, ...] = attrs.field(default=(), converter=_surcharge_list)

    def __attrs_post_init__(self) -> None:
        if self.vat is not None and self.vat >= 1:
            raise InvalidInput("billing.vat", self.vat, "a rate below 1, such as Decimal('0.20') for 20%")
        _distinct(self.surcharges, "name", "surcharges")


def _expense_list(value: Any) -> tuple[ExpenseTerms, ...]:
    out: tuple[ExpenseTerms, ...] = _items(ExpenseTerms, "tariff.expenses")(value)
    _distinct(out, "category", "expenses")
    return out


def _fee_list(value: Any) -> tuple[Fee, ...]:
    out: tuple[Fee, ...] = _items(Fee, "tariff.fees")(value)
    _distinct(out, "name", "fees")
    return out
