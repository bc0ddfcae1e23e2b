"""Pricing one visit under a tariff: the figure, and (when asked) every rule that made it."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime, timedelta, tzinfo
from decimal import Decimal, localcontext

from carerules._errors import InvalidInput
from carerules._guard import public
from carerules._money import MONEY_CONTEXT, format_money
from carerules._policy._model import Policy
from carerules._rules import Decision, Reason
from carerules._tariff import _rules as R
from carerules._tariff._flat import _daily, _flat
from carerules._tariff._grid import (
    _DAY,
    _FIRST_PART,
    _HOUR,
    _SPLIT,
    _VISIT,
    _WEEK,
    _ZERO,
    _Cell,
    _days,
    _explain_carers,
    _explain_days,
    _line_reason,
    _Part,
    _piece_at,
    _pieces,
    _resolve,
    _round,
    _total,
    tariff_on,
)
from carerules._tariff._model import (
    Basis,
    Boundary,
    DurationRules,
    Grace,
    MissingTariffRate,
    Rounding,
    Tariff,
)
from carerules._tariff._visit import TariffLine, Visit, VisitPrice
from carerules._time import format_duration, to_utc

_MICROSECOND = timedelta(microseconds=1)
_HOUR_US = Decimal(3_600_000_000)


def _quote(visit: Visit, policy: Policy, why: list[Reason] | None, tz: tzinfo | None = None) -> VisitPrice:
    tz = tz or policy.tz
    start, end = to_utc(visit.start), to_utc(visit.end)
    start_day = start.astimezone(tz).date()
    tariff = tariff_on(policy, start_day)
    memo = tariff._memo
    key = ("durations", visit.service)
    rules: DurationRules | None = (
        memo[key] if key in memo else memo.setdefault(key, tariff.durations_for(visit.service))
    )
    stop = end if why is None and visit.booked_end is None else _charged_end(visit, start, end, rules, tz, why)
    days = _days(tariff, policy.calendar, tz)
    at_start = _piece_at(tariff, policy.calendar, tz, start, start_day, days)
    first = _resolve(tariff, at_start.types, at_start.band, visit, start_day, policy.id, False)
    assert first is not None
    if first.rate.per is not _HOUR:
        pieces = _pieces(tariff, policy.calendar, tz, start, stop, start_day)
    if first.rate.per is _VISIT:
        return _flat(visit, policy, tariff, pieces, first, start_day, start, end, why)
    if first.rate.per in (_DAY, _WEEK):
        return _daily(visit, policy, tariff, pieces, first, start_day, start, stop, why)
    charged, top_up = stop - start, _ZERO
    if rules is not None:
        charged, top_up = _durations(rules, charged, first, why)
    laid = charged - top_up
    timeline = _pieces(tariff, policy.calendar, tz, start, start + laid, start_day, days) if laid > _ZERO else []
    parts: list[_Part] = []
    cached, service, funder, carers = memo.get, visit.service, visit.funder, visit.carers
    for p in timeline:
        # _resolve's own memo, looked up here first: a call per piece costs as much as the lookup
        cell = cached((p.types, p.band, service, funder, carers, False, start_day)) or _resolve(
            tariff, p.types, p.band, visit, start_day, policy.id, False
        )
        assert cell is not None
        if cell.rate.per is not _HOUR:
            raise MissingTariffRate(
                policy.id, f"per-hour time after {first.rate.name!r} (found {cell.rate.name!r})", start_day
            )
        last = parts[-1] if parts else None
        if last is not None and last.cell.rate is cell.rate and last.cell.factor == cell.factor:
            last.end, last.charged = p.end, last.charged + (p.end - p.start)
        else:
            parts.append(_Part(p, cell))
    if not parts:
        parts.append(_Part(at_start._replace(end=at_start.start), first))
    parts[0].charged += top_up
    if why is not None:
        _explain_days(tariff, policy, [(p.day, p.cell.day_type) for p in parts], why)
    if len(parts) > 1:
        _boundary(tariff, parts, tz, why, policy.currency)
    lines: list[TariffLine] = []
    if rules is not None and rules.lengths and (rules.hourly_from is None or charged < rules.hourly_from):
        lines.append(_table(rules, parts, charged, first, policy, why))
    if why is not None and visit.carers > 1:
        _explain_carers(visit, parts or [], first, why)
    multiply, divide = MONEY_CONTEXT.multiply, MONEY_CONTEXT.divide
    for part in parts:
        if part.charged <= _ZERO:
            continue
        cell = part.cell
        amount = divide(multiply(cell.amount, Decimal(part.charged // _MICROSECOND)), _HOUR_US)  # per_hour
        lines.append(
            TariffLine(
                part.start, part.end, part.day, cell.day_type, part.band, cell.rate.name, "hour", part.charged, amount
            )
        )
        if why is not None:
            why.append(_line_reason(part, policy, tz))
    return _total(visit, policy, end - start, charged, lines, why)


def _charged_end(
    visit: Visit, start: datetime, end: datetime, rules: DurationRules | None, tz: tzinfo, why: list[Reason] | None
) -> datetime:
    """Where the charged time ends: the actual end, the booked end, or the booked end plus the chargeable overrun."""
    if why is not None:
        wall = visit.end.astimezone(tz).replace(tzinfo=None) - visit.start.astimezone(tz).replace(tzinfo=None)
        if wall != end - start:
            from carerules._charging._rules import ELAPSED_TIME

            why.append(
                ELAPSED_TIME.because(
                    f"the visit lasts {format_duration(end - start)} of real time, not the {format_duration(wall)} "
                    "its clock times suggest (the clocks changed)"
                )
            )
    if visit.booked_end is None or rules is None:
        return end
    booked = to_utc(visit.booked_end)
    if end < booked:
        if rules.basis is Basis.BOOKED:
            if why is not None:
                why.append(
                    R.BOOKED_TIME.because(
                        f"ended {format_duration(booked - end)} before its booked end; charged for the booked "
                        f"{format_duration(booked - start)}"
                    )
                )
            return booked
        return end
    over = end - booked
    if over <= _ZERO or (rules.grace is None and rules.overrun_minimum is None):
        return end
    grace = rules.grace or _ZERO
    chargeable = _ZERO if over <= grace else over if rules.grace_once_exceeded is Grace.WHOLE else over - grace
    if chargeable > _ZERO and rules.overrun_minimum is not None and chargeable < rules.overrun_minimum:
        chargeable = rules.overrun_minimum
    if why is not None:
        text = f"{format_duration(over)} over the booking"
        would: str | None
        if grace and over <= grace:
            text += f", within the {format_duration(grace)} grace: not charged"
            would = f"an overrun of more than {format_duration(grace)} is charged"
        else:
            part = (
                ""
                if not grace
                else (
                    " (past the grace, all of it)"
                    if rules.grace_once_exceeded is Grace.WHOLE
                    else f" (the excess over the {format_duration(grace)} grace)"
                )
            )
            text += f": {format_duration(chargeable)} charged from the booked end{part}"
            if rules.overrun_minimum is not None and chargeable == rules.overrun_minimum and chargeable != over:
                text += f", the overrun minimum of {format_duration(rules.overrun_minimum)}"
            would = None if not grace else f"{format_duration(grace)} or less over would not have been charged"
        why.append(R.OVERRUN.because(text, would_change=would))
    return booked + chargeable


def _boundary(tariff: Tariff, parts: list[_Part], tz: tzinfo, why: list[Reason] | None, currency: str) -> None:
    if len(parts) < 2:
        return
    if tariff.boundary is _SPLIT:
        if why is not None:
            edges = ", ".join(f"{p.start.astimezone(tz):%a %H:%M}" for p in parts[1:])
            why.append(R.BAND_SPLIT.because(f"split at {edges} into {len(parts)} parts, each at its own rate"))
        return
    if tariff.boundary is Boundary.START:
        cell, rule = parts[0].cell, R.WHOLE_AT_START
    else:
        cell, rule = max((p.cell for p in parts), key=lambda c: c.amount), R.WHOLE_AT_HIGHEST
    if why is not None:
        why.append(
            rule.because(
                f"the whole visit at {cell.rate.name} ({format_money(cell.amount, currency)} per hour)",
                would_change="under the split rule each part would take its own rate",
            )
        )
    merged = parts[0]
    merged.end, merged.charged, merged.cell = parts[-1].end, sum((p.charged for p in parts), _ZERO), cell
    del parts[1:]


def _durations(
    rules: DurationRules, charged: timedelta, first: _Cell, why: list[Reason] | None
) -> tuple[timedelta, timedelta]:
    """The charged length after the increment and the minimum, and the part of it priced at the first part's rate."""
    if rules.increment is not None:
        rounded = _round(charged, rules.increment, rules.rounding)
        if rounded != charged and why is not None:
            how = {Rounding.UP: "rounded up", Rounding.DOWN: "rounded down", Rounding.NEAREST: "rounded"}[
                rules.rounding
            ]
            unit = format_duration(rules.increment).replace(" min", "-minute").replace(" h", "-hour")
            why.append(
                R.INCREMENT.because(f"{format_duration(charged)} {how} to {format_duration(rounded)} in {unit} units")
            )
        charged = rounded
    top_up = _ZERO
    if rules.minimum is not None and charged < rules.minimum:
        extra = rules.minimum - charged
        if rules.top_up is _FIRST_PART:
            top_up = extra
        if why is not None:
            if top_up:
                how = f"top-up of {format_duration(extra)} at {first.rate.name}"
            else:
                how = f"the {format_duration(extra)} more charged as if the visit went on"
            why.append(
                R.MINIMUM.because(
                    f"{format_duration(charged)} charged as the {format_duration(rules.minimum)} minimum ({how})",
                    would_change=f"a visit of {format_duration(rules.minimum)} or more is charged for its length",
                )
            )
        charged = rules.minimum
    return charged, top_up


def _table(
    rules: DurationRules, parts: list[_Part], charged: timedelta, first: _Cell, policy: Policy, why: list[Reason] | None
) -> TariffLine:
    rows = [r for r in rules.lengths if r.length <= charged]
    row = rows[-1] if rows else rules.lengths[0]
    take = row.length
    for part in parts:
        cut = min(take, part.charged)
        part.charged -= cut
        part.start = part.start + cut if part.charged > _ZERO else part.start
        take -= cut
    amount = MONEY_CONTEXT.multiply(row.amount, Decimal(first.factor))
    if why is not None:
        rest = charged - row.length
        tail = f"; the remaining {format_duration(rest)} pro rata at the hourly rate" if rest > _ZERO else ""
        table = ", ".join(r.describe(policy.currency) for r in rules.lengths)
        why.append(
            R.PRICE_TABLE.because(
                f"{format_duration(charged)}: the {format_duration(row.length)} price "
                f"{format_money(amount, policy.currency)} from the table ({table}){tail}",
                would_change=None
                if rules.hourly_from is None
                else f"a visit of {format_duration(rules.hourly_from)} or more is charged by the hour",
            )
        )
    p = parts[0]
    return TariffLine(
        p.start,
        p.start,
        p.day,
        first.day_type,
        None,
        f"{format_duration(row.length)} price",
        "visit",
        row.length,
        amount,
    )


@public
def quote_visit(visit: Visit, policy: Policy) -> VisitPrice:
    """The price of ``visit`` under ``policy``'s tariff, with no explanation (the fast path for batches).

    Raises :class:`~carerules.MissingTariffRate` when the grid has no rate for
    time the visit covers, and :class:`~carerules.MissingParameter` when the
    policy has no tariff on the visit's local start date.
    """
    return _quote(visit, policy, None)


def quote_visits(visits: Iterable[Visit], policy: Policy) -> tuple[VisitPrice, ...]:
    """The prices of many visits under ``policy``'s tariff, in order; errors as :func:`quote_visit`.

    The batch is checked here rather than by the public guard, item by item
    in one plain loop, and a price holds no reasons, so there is nothing to
    ground: the hot path stays plain.
    """
    if not isinstance(policy, Policy):
        raise InvalidInput("policy", policy, "a Policy", sensitive=isinstance(policy, str | bytes | Mapping | list))
    if isinstance(visits, str | bytes | Mapping) or not isinstance(visits, Iterable):
        raise InvalidInput("visits", visits, "an iterable of Visit", sensitive=True)
    items = tuple(visits)
    for i, v in enumerate(items):
        if type(v) is not Visit and not isinstance(v, Visit):
            raise InvalidInput(f"visits[{i}]", v, "a Visit", sensitive=True)
    tz = policy.tz
    with localcontext(MONEY_CONTEXT), _no_cycle_collection():
        return tuple([_quote(v, policy, None, tz) for v in items])


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector for a batch, restoring it after.

    Pricing makes no reference cycles, but a batch keeps every price it has
    made (a few tracked objects each), and the collector would re-scan all
    of them again and again as the batch grows: in bench_tariff.py that was
    a quarter of the time. Memory is still freed by reference counting.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@public
def price_visit(visit: Visit, policy: Policy) -> Decision[VisitPrice]:
    """What ``visit`` costs under ``policy``'s tariff, with every rule that decided, grounded in its clauses.

    Errors as :func:`quote_visit`.
    """
    why: list[Reason] = []
    price = _quote(visit, policy, why)
    return Decision(price, why)
