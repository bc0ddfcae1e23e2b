"""Pricing one visit under a tariff: the figure, and (when asked) every rule that made it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal
from typing import Any

import attrs

from carerules._errors import MissingParameter
from carerules._guard import public
from carerules._money import MONEY_CONTEXT, format_money, per_hour, round_line
from carerules._policy._calendar import Calendar
from carerules._policy._model import Policy
from carerules._rules import Decision, Reason
from carerules._tariff import _rules as R
from carerules._tariff._days import Piece, day_pieces, holiday_name
from carerules._tariff._model import (
    ANY_DAY,
    Basis,
    Boundary,
    DurationRules,
    FlatDay,
    Grace,
    MissingTariffRate,
    Per,
    Rounding,
    Tariff,
    TariffRate,
    TopUp,
    WeekendHolidays,
    amount_on,
)
from carerules._tariff._visit import TariffLine, Visit, VisitPrice
from carerules._time import format_duration, microseconds, to_utc

_ZERO = timedelta(0)
# Enum members as module constants: looking one up on its class costs as much as pricing a piece.
_HOUR, _VISIT, _DAY, _WEEK = Per.HOUR, Per.VISIT, Per.DAY, Per.WEEK
_UP, _NEAREST = Rounding.UP, Rounding.NEAREST
_FIRST_PART = TopUp.FIRST_PART
_SPLIT = Boundary.SPLIT
_UNRESOLVED: Any = object()
_ONE_DAY = timedelta(days=1)


def tariff_on(policy: Policy, day: date) -> Tariff:
    """The tariff in force on ``day``; :class:`~carerules.MissingParameter` when the policy has none then."""
    found = policy.tariff.find(day)
    if found is None or found.value is None:
        raise MissingParameter(policy.id, "tariff", day, "add a tariff section to the policy file")
    tariff: Tariff = found.value
    return tariff


def _days(tariff: Tariff, calendar: Calendar, tz: tzinfo) -> dict[int, tuple[Piece, ...]]:
    """The tariff's memo of day pieces for ``calendar`` and ``tz``.

    Keyed by identity (hashing a calendar costs more than pricing a piece);
    the entry keeps its calendar, so a reused id is detected, never trusted.
    """
    key = ("days", id(calendar), tz)
    entry = tariff._memo.get(key)
    if entry is None or entry[0] is not calendar:
        entry = tariff._memo[key] = (calendar, {})
    days: dict[int, tuple[Piece, ...]] = entry[1]
    return days


def _piece_at(
    tariff: Tariff, calendar: Calendar, tz: tzinfo, instant: datetime, day: date, days: dict[int, tuple[Piece, ...]]
) -> Piece:
    """The piece of local ``day`` holding ``instant`` (UTC); ``days`` is the tariff's memo of day pieces."""
    ordinal = day.toordinal()
    found = days.get(ordinal)
    if found is None:
        found = days[ordinal] = day_pieces(tariff, calendar, tz, day)
    for p in found:
        if p.end > instant:
            return p
    return found[-1]


def _pieces(
    tariff: Tariff,
    calendar: Calendar,
    tz: tzinfo,
    start: datetime,
    stop: datetime,
    day: date | None = None,
    days: dict[int, tuple[Piece, ...]] | None = None,
) -> list[Piece]:
    """The pieces of ``[start, stop)`` (UTC) at every band, day-type and local-midnight edge."""
    days = _days(tariff, calendar, tz) if days is None else days
    out: list[Piece] = []
    day = start.astimezone(tz).date() if day is None else day
    while True:
        ordinal = day.toordinal()
        found = days.get(ordinal)
        if found is None:
            found = days[ordinal] = day_pieces(tariff, calendar, tz, day)
        for p in found:
            if p.end <= start:
                continue
            if p.start >= stop:
                return out
            if p.start < start or p.end > stop:
                lo = start if p.start < start else p.start
                hi = stop if p.end > stop else p.end
                p = Piece(lo, hi, p.day, p.band, p.types, p.start_minute, p.end_minute)
            out.append(p)
        if not found or found[-1].end >= stop:
            return out
        day += _ONE_DAY


class _Cell:
    """A resolved rate for some time: the rate, its day type, staff factor, amount per unit and its date."""

    __slots__ = ("amount", "day_type", "factor", "rate", "since")

    def __init__(self, rate: TariffRate, day_type: str, factor: int, amount: Decimal, since: date | None) -> None:
        self.rate, self.day_type, self.factor, self.amount, self.since = rate, day_type, factor, amount, since


def _resolve(
    tariff: Tariff, types: tuple[str, ...], band: str | None, visit: Visit, on: date, policy_id: str, call: bool
) -> _Cell | None:
    key = (types, band, visit.service, visit.funder, visit.carers, call, on)
    memo = tariff._memo
    cell: _Cell | None = memo.get(key, _UNRESOLVED)
    if cell is not _UNRESOLVED:
        return cell
    found = None
    tries = ((visit.carers, 1), (1, visit.carers)) if visit.carers > 1 else ((1, 1),)
    for staff, factor in tries:
        for dt in types:
            for b in (band, None) if band else (None,):
                for f in (visit.funder, None) if visit.funder else (None,):
                    for s in (visit.service, None) if visit.service else (None,):
                        rate = tariff.rate((s, dt, b, f, call, staff))
                        if rate is not None:
                            found = (rate, dt, factor)
                            break
                    if found:
                        break
                if found:
                    break
            if found:
                break
        if found:
            break
    result = None
    if found is not None:
        rate, dt, factor = found
        amount = amount_on(rate, tariff, on)
        if amount is None:
            raise MissingTariffRate(policy_id, f"{rate.name!r} (its first amount is later)", on)
        value = amount[0] if factor == 1 else MONEY_CONTEXT.multiply(amount[0], Decimal(factor))
        result = _Cell(rate, dt, factor, value, amount[1])
    elif not call:
        what = f"service {visit.service or 'any'}, day type {types[0]}, band {band or 'any'}"
        raise MissingTariffRate(policy_id, what, on)
    memo[key] = result
    return result


def _precedence(tariff: Tariff, day_type: str) -> int:
    for d in tariff.day_types:
        if d.name == day_type:
            return d.precedence
    return -10_000


def _round(span: timedelta, unit: timedelta, how: Rounding) -> timedelta:
    rest = span % unit  # exact: timedelta arithmetic is in whole microseconds
    if not rest:
        return span
    down = span - rest
    if how is _UP or (how is _NEAREST and rest * 2 >= unit):
        return down + unit
    return down


class _Part:
    """A stretch of charged time at one resolved rate (mutable while the duration rules apply)."""

    __slots__ = ("band", "cell", "charged", "day", "end", "start")

    def __init__(self, p: Piece, cell: _Cell) -> None:
        self.start, self.end, self.day, self.band, self.cell = p.start, p.end, p.day, p.band, cell
        self.charged = p.end - p.start


def _quote(visit: Visit, policy: Policy, why: list[Reason] | None, tz: tzinfo | None = None) -> VisitPrice:
    tz = tz or policy.tz
    start, end = to_utc(visit.start), to_utc(visit.end)
    start_day = start.astimezone(tz).date()
    tariff = tariff_on(policy, start_day)
    rules = tariff.durations_for(visit.service)
    stop = _charged_end(visit, start, end, rules, tz, why)
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
    for p in timeline:
        cell = _resolve(tariff, p.types, p.band, visit, start_day, policy.id, False)
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
        _boundary(tariff, parts, tz, why)
    lines: list[TariffLine] = []
    if rules is not None and rules.lengths and (rules.hourly_from is None or charged < rules.hourly_from):
        lines.append(_table(rules, parts, charged, first, policy, why))
    if why is not None and visit.carers > 1:
        _explain_carers(visit, parts or [], first, why)
    for part in parts:
        if part.charged <= _ZERO:
            continue
        amount = per_hour(part.cell.amount, microseconds(part.charged))
        lines.append(
            TariffLine(
                part.start,
                part.end,
                part.day,
                part.cell.day_type,
                part.band,
                part.cell.rate.name,
                "hour",
                part.charged,
                amount,
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


def _boundary(tariff: Tariff, parts: list[_Part], tz: tzinfo, why: list[Reason] | None) -> None:
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
                f"the whole visit at {cell.rate.name} ({format_money(cell.amount)} per hour)",
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
        why.append(
            R.PRICE_TABLE.because(
                f"{format_duration(charged)}: the {format_duration(row.length)} price "
                f"{format_money(amount, policy.currency)} from the table ({', '.join(map(str, rules.lengths))}){tail}",
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


def _flat(
    visit: Visit,
    policy: Policy,
    tariff: Tariff,
    pieces: list[Piece],
    first: _Cell,
    start_day: date,
    start: datetime,
    end: datetime,
    why: list[Reason] | None,
) -> VisitPrice:
    terms = tariff.nights_for(visit.service)
    if terms is not None and terms.reprice_over is not None and terms.reprice_as is not None:
        limit = format_duration(terms.reprice_over)
        if visit.active is not None and visit.active > terms.reprice_over:
            if why is not None:
                why.append(
                    R.SLEEP_IN_REPRICED.because(
                        f"{format_duration(visit.active)} active, more than {limit}: the whole shift "
                        f"priced as {terms.reprice_as}",
                        would_change=f"{limit} or less of active time keeps the flat rate",
                    )
                )
            return _quote(attrs.evolve(visit, service=terms.reprice_as, calls=(), active=None), policy, why, policy.tz)
        if why is not None:
            shown = (
                "no active time recorded (record it to check the limit): priced at the flat rate"
                if visit.active is None
                else f"{format_duration(visit.active)} active, within the {limit} limit: the flat rate stands"
            )
            why.append(
                R.SLEEP_IN_REPRICED.because(
                    shown,
                    would_change=f"more than {limit} of active time would price the shift as {terms.reprice_as}",
                )
            )
    cell, chosen = first, pieces[0]
    if tariff.flat_day is FlatDay.START_OR_END:
        last = pieces[-1]
        other = _resolve(tariff, last.types, last.band, visit, start_day, policy.id, False)
        if (
            other is not None
            and other.rate.per is _VISIT
            and _precedence(tariff, other.day_type) > _precedence(tariff, first.day_type)
        ):
            cell, chosen = other, last
            if why is not None:
                why.append(
                    R.NIGHT_START_OR_END.because(
                        f"the visit ends on {last.day} ({other.day_type}), ranked above the start's "
                        f"{first.day_type}: priced as a {other.day_type} visit"
                    )
                )
    lines = [TariffLine(start, end, chosen.day, cell.day_type, None, cell.rate.name, "visit", end - start, cell.amount)]
    if why is not None:
        _explain_days(tariff, policy, [(chosen.day, cell.day_type)], why)
        since = f", from {cell.since}" if cell.since else ""
        why.append(
            R.FLAT_VISIT.because(
                f"{start.astimezone(policy.tz):%A %H:%M} to {end.astimezone(policy.tz):%A %H:%M}: "
                f"{format_money(cell.amount, policy.currency)} per visit ({cell.rate.name}{since})"
            )
        )
    lines.extend(_calls(visit, policy, tariff, chosen.types, start_day, start, end, why))
    return _total(visit, policy, end - start, end - start, lines, why)


def _calls(
    visit: Visit,
    policy: Policy,
    tariff: Tariff,
    types: tuple[str, ...],
    start_day: date,
    start: datetime,
    end: datetime,
    why: list[Reason] | None,
) -> list[TariffLine]:
    calls = sorted(to_utc(c) for c in visit.calls if start <= to_utc(c) <= end)
    if not calls:
        return []
    terms = tariff.nights_for(visit.service)
    free = terms.free_calls if terms else 0
    cap = terms.cap if terms else None
    out: list[TariffLine] = []
    skipped: list[str] = []
    for i, instant in enumerate(calls):
        local = instant.astimezone(policy.tz)
        if i < free or (cap is not None and len(out) >= cap):
            skipped.append(f"{local:%H:%M} ({'free' if i < free else 'over the cap'})")
            continue
        piece = next(
            (p for p in _pieces(tariff, policy.calendar, policy.tz, instant, instant + timedelta(microseconds=1))), None
        )
        band = piece.band if piece else None
        cell = _resolve(tariff, types, band, visit, start_day, policy.id, True)
        if cell is None:
            skipped.append(f"{local:%H:%M} (no per-call rate at that time)")
            continue
        out.append(
            TariffLine(instant, instant, local.date(), cell.day_type, band, cell.rate.name, "call", _ZERO, cell.amount)
        )
        if why is not None:
            why.append(
                R.DISTURBANCE.because(
                    f"call at {local:%H:%M}: {format_money(cell.amount, policy.currency)} ({cell.rate.name})"
                )
            )
    if why is not None and skipped:
        limits = f"the first {free} free" if free else "no free calls"
        limits += f", at most {cap} charged" if cap is not None else ""
        why.append(R.DISTURBANCE.because(f"not charged: {', '.join(skipped)}; {limits}"))
    return out


def _daily(
    visit: Visit,
    policy: Policy,
    tariff: Tariff,
    pieces: list[Piece],
    first: _Cell,
    start_day: date,
    start: datetime,
    stop: datetime,
    why: list[Reason] | None,
) -> VisitPrice:
    days: dict[date, Piece] = {}
    for p in pieces:
        days.setdefault(p.day, p)
    lines: list[TariffLine] = []
    if first.rate.per is Per.WEEK:
        amount = MONEY_CONTEXT.divide(MONEY_CONTEXT.multiply(first.amount, Decimal(len(days))), Decimal(7))
        lines.append(
            TariffLine(start, stop, start_day, first.day_type, None, first.rate.name, "week", stop - start, amount)
        )
        if why is not None:
            why.append(
                R.PER_WEEK.because(
                    f"{len(days)} dates at {format_money(first.amount, policy.currency)} per week ({first.rate.name}), "
                    f"{len(days)}/7 of a week"
                )
            )
        return _total(visit, policy, stop - start, stop - start, lines, why)
    for day, p in days.items():
        cell = _resolve(tariff, p.types, p.band, visit, start_day, policy.id, False)
        assert cell is not None
        lines.append(TariffLine(p.start, p.end, day, cell.day_type, None, cell.rate.name, "day", _ONE_DAY, cell.amount))
        if why is not None:
            _explain_days(tariff, policy, [(day, cell.day_type)], why)
            since = f", from {cell.since}" if cell.since else ""
            why.append(
                R.PER_DAY.because(
                    f"{day:%A} {day}: {format_money(cell.amount, policy.currency)} per day ({cell.rate.name}{since})"
                )
            )
    return _total(visit, policy, stop - start, stop - start, lines, why)


def _total(
    visit: Visit,
    policy: Policy,
    worked: timedelta,
    charged: timedelta,
    lines: list[TariffLine],
    why: list[Reason] | None,
) -> VisitPrice:
    exact = lines[0].amount if lines else Decimal(0)
    for line in lines[1:]:
        exact = MONEY_CONTEXT.add(exact, line.amount)
    amount = round_line(exact, policy.currency)
    if why is not None:
        from carerules._charging._rules import ROUND_LINE

        why.append(ROUND_LINE.because(f"{exact.normalize():f} rounded once to {format_money(amount, policy.currency)}"))
    return VisitPrice(visit.id, worked, charged, tuple(lines), amount, policy.currency)


def _line_reason(part: _Part, policy: Policy, tz: tzinfo) -> Reason:
    cell = part.cell
    a, b = part.start.astimezone(tz), (part.start + part.charged).astimezone(tz)
    when = (
        f"{a:%A %H:%M}\u2013{b:%H:%M}"
        if a.date() == b.date() or (b.time() == b.time().min and b.date() == a.date() + _ONE_DAY)
        else f"{a:%A %H:%M}\u2013{b:%A %H:%M}"
    )
    if b.time() == b.time().min and b.date() == a.date() + _ONE_DAY:
        when = f"{a:%A %H:%M}\u201324:00"
    since = f", from {cell.since}" if cell.since else ""
    label = cell.rate.name
    if cell.rate.times is not None:
        label += f": {cell.rate.times.normalize():f} \u00d7 {cell.rate.of}"
    if cell.factor > 1:
        label += f", \u00d7 {cell.factor} staff"
    text = f"{when} at {format_money(cell.amount, policy.currency)} per hour ({label}{since})"
    rule = R.MULTIPLIER if cell.rate.times is not None else R.RATE_GRID
    return rule.because(text)


def _explain_days(tariff: Tariff, policy: Policy, used: list[tuple[date, str]], why: list[Reason]) -> None:
    """Why each date has the day type that priced it (bank holiday, named date, weekday, part-day window)."""
    cal = policy.calendar
    where = cal.country + (f"-{cal.subdivision}" if cal.subdivision else "")
    seen: set[tuple[date, str]] = set()
    for day, name in used:
        if name == ANY_DAY or (day, name) in seen:
            continue
        seen.add((day, name))
        d = next(t for t in tariff.day_types if t.name == name)
        holiday = holiday_name(cal, day, tariff.weekend_holidays) if d.bank_holidays else None
        wanted = d.holiday_names
        if holiday is not None and wanted and holiday.split(" (")[0] not in wanted and holiday not in wanted:
            holiday = None
        if holiday is not None:
            why.append(
                R.DAY_TYPE.because(f"{day} is {d.shown}: {holiday}, a bank holiday in {where} (holidays package)")
            )
        else:
            why.append(R.DAY_TYPE.because(f"{day} ({day:%A}) is {d.shown}"))
        if d.window is not None:
            lo, hi = d.window
            until = f" until {hi:%H:%M}" if hi is not None else ""
            why.append(
                R.PART_DAY.because(
                    f"{d.shown} holds on {day} from {lo:%H:%M}{until} only",
                    would_change="time outside the window is priced as the rest of that date",
                )
            )
        if holiday is not None and (day.weekday() >= 5 or "(" in holiday):
            rule = {
                WeekendHolidays.BOTH: "both the weekend date and its substitute weekday count",
                WeekendHolidays.SUBSTITUTE: "only the substitute weekday counts",
                WeekendHolidays.ON_THE_DAY: "only the date itself counts",
            }[tariff.weekend_holidays]
            why.append(R.WEEKEND_HOLIDAY.because(f"{day} ({holiday}): {rule}, as the tariff says"))


def _explain_carers(visit: Visit, parts: list[_Part], first: _Cell, why: list[Reason]) -> None:
    if first.factor > 1:
        why.append(
            R.TWO_CARERS.because(f"{visit.carers} staff and no double-up rate: the single rate {visit.carers} times")
        )
    else:
        why.append(R.TWO_CARERS.because(f"{visit.carers} staff: the double-up rate {first.rate.name}"))


@public
def quote_visit(visit: Visit, policy: Policy) -> VisitPrice:
    """The price of ``visit`` under ``policy``'s tariff, with no explanation (the fast path for batches).

    Raises :class:`~carerules.MissingTariffRate` when the grid has no rate for
    time the visit covers, and :class:`~carerules.MissingParameter` when the
    policy has no tariff on the visit's local start date.
    """
    return _quote(visit, policy, None)


@public
def quote_visits(visits: Iterable[Visit], policy: Policy) -> tuple[VisitPrice, ...]:
    """The prices of many visits under ``policy``'s tariff, in order.

    Arguments are checked once for the batch; errors as :func:`quote_visit`.
    """
    tz = policy.tz
    return tuple(_quote(v, policy, None, tz) for v in visits)


@public
def price_visit(visit: Visit, policy: Policy) -> Decision[VisitPrice]:
    """What ``visit`` costs under ``policy``'s tariff, with every rule that decided, grounded in its clauses.

    Errors as :func:`quote_visit`.
    """
    why: list[Reason] = []
    price = _quote(visit, policy, why)
    return Decision(price, why)
