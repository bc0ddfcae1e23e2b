"""A visit to price, and the price with its lines."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import attrs

from carerules._errors import InvalidInput
from carerules._time import elapsed, instant_key, require_aware
from carerules._validate import count, is_aware, is_optional_aware, optional_text, plain_text


def _optional_slug_text(field: str) -> Any:
    return optional_text(field)


def _calls(value: Any) -> tuple[datetime, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, tuple | list):
        raise InvalidInput("visit.calls", value, "a tuple of aware datetimes")
    for v in value:
        require_aware(v, "visit.calls")
    return tuple(value)


def _optional_active(_: object, __: object, value: Any) -> None:
    if value is not None and (not isinstance(value, timedelta) or value < timedelta(0)):
        raise InvalidInput("visit.active", value, "a timedelta of zero or more, or none")


@attrs.frozen
class Visit:
    """One visit or shift to price: when (aware instants), which service, for which funder.

    ``booked_end`` is when the booking ended, when it differs from ``end``
    (an overrun, or sent away early); ``calls`` are the instants of night
    disturbances; ``carers`` is how many staff attended; ``active`` is the
    time staff were awake and working during a sleep-in, as recorded.
    ``service_user``, ``caregiver`` and ``block`` group visits for the rules
    over many visits (:func:`~carerules.price_visits`): minimums per day,
    month or booking block (``block`` is the caller's booking-block id), and
    overtime per caregiver-week; left empty, a visit is in no such group.
    """

    start: datetime = attrs.field(validator=is_aware("visit.start"), eq=instant_key)
    end: datetime = attrs.field(validator=is_aware("visit.end"), eq=instant_key)
    service: str | None = attrs.field(default=None, validator=_optional_slug_text("visit.service"))
    funder: str | None = attrs.field(default=None, validator=_optional_slug_text("visit.funder"))
    booked_end: datetime | None = attrs.field(
        default=None, validator=is_optional_aware("visit.booked_end"), eq=instant_key
    )
    calls: tuple[datetime, ...] = attrs.field(default=(), converter=_calls, eq=instant_key)
    carers: int = attrs.field(default=1, validator=count("visit.carers", maximum=10))
    active: timedelta | None = attrs.field(default=None, validator=_optional_active)
    id: str = attrs.field(default="", validator=plain_text("visit.id"))
    service_user: str = attrs.field(default="", validator=plain_text("visit.service_user"))
    caregiver: str = attrs.field(default="", validator=plain_text("visit.caregiver"))
    block: str = attrs.field(default="", validator=plain_text("visit.block"))

    def __attrs_post_init__(self) -> None:
        if elapsed(self.start, self.end) <= timedelta(0):
            raise InvalidInput("visit.end", self.end, f"an instant after the visit's start ({self.start.isoformat()})")
        if self.booked_end is not None and elapsed(self.start, self.booked_end) <= timedelta(0):
            raise InvalidInput("visit.booked_end", self.booked_end, "an instant after the visit's start")
        if self.carers < 1:
            raise InvalidInput("visit.carers", self.carers, "one or more staff")


@attrs.frozen
class TariffLine:
    """A stretch of charged time (or one flat charge) at one rate; ``amount`` unrounded."""

    start: datetime = attrs.field(eq=instant_key)
    end: datetime = attrs.field(eq=instant_key)
    day: date
    day_type: str
    band: str | None
    rate: str
    per: str
    charged: timedelta
    amount: Decimal


@attrs.frozen
class VisitPrice:
    """What a visit costs: the time worked and charged, the lines, and the amount rounded once."""

    visit_id: str
    worked: timedelta
    charged: timedelta
    lines: tuple[TariffLine, ...]
    amount: Decimal
    currency: str = "GBP"
