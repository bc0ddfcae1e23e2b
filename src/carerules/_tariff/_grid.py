"""The rate grid at work: day pieces, resolved cells, totals and the reasons for day types and lines."""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from carerules._errors import MissingParameter
from carerules._money import _MAX_LINE_DIGITS as _LINE_DIGITS
from carerules._money import MONEY_CONTEXT, _quantum, format_money, round_line
from carerules._policy._calendar import Calendar
from carerules._policy._model import Policy
from carerules._rules import Reason
from carerules._tariff import _rules as R
from carerules._tariff._days import Piece, day_pieces, holiday_name
from carerules._tariff._model import (
    ANY_DAY,
    Boundary,
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

_ZERO = timedelta(0)
# Enum members as module constants: looking one up on its class costs as much as pricing a piece.
_HOUR, _VISIT, _DAY, _WEEK = Per.HOUR, Per.VISIT, Per.DAY, Per.WEEK
_UP, _NEAREST = Rounding.UP, Rounding.NEAREST
_FIRST_PART = TopUp.FIRST_PART
_SPLIT = Boundary.SPLIT
_UNRESOLVED: Any = object()
_ONE_DAY = timedelta(days=1)
#: Each currency's minor unit as a quantum (Decimal("0.01") for GBP), looked up once.
_QUANTA: dict[str, Decimal] = {}


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
        if rate.not_stated:
            raise MissingTariffRate(policy_id, f"{rate.name!r} (the tariff states no price for it)", on)
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


def _total(
    visit: Visit,
    policy: Policy,
    worked: timedelta,
    charged: timedelta,
    lines: list[TariffLine],
    why: list[Reason] | None,
) -> VisitPrice:
    exact = lines[0].amount if lines else Decimal(0)
    add = MONEY_CONTEXT.add
    for line in lines[1:]:
        exact = add(exact, line.amount)
    currency = policy.currency
    quantum = _QUANTA.get(currency)
    if quantum is None or (not exact.is_zero() and exact.adjusted() >= _LINE_DIGITS):
        amount = round_line(exact, currency)  # its checks (and error) for the rare case
        _QUANTA.setdefault(currency, _quantum(currency))
    else:  # what round_line does, without re-checking a sum of the tariff's own exact amounts
        amount = exact.quantize(quantum, rounding=ROUND_HALF_UP, context=MONEY_CONTEXT)
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
