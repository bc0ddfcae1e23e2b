"""Flat-rate visits (a night, a shift) with their disturbance calls, and daily or weekly rates (live-in care)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import attrs

from carerules._money import MONEY_CONTEXT, format_money
from carerules._policy._model import Policy
from carerules._rules import Reason
from carerules._tariff import _rules as R
from carerules._tariff._days import Piece
from carerules._tariff._grid import (
    _ONE_DAY,
    _VISIT,
    _ZERO,
    _Cell,
    _explain_days,
    _pieces,
    _precedence,
    _resolve,
    _total,
)
from carerules._tariff._model import FlatDay, Per, Tariff
from carerules._tariff._visit import TariffLine, Visit, VisitPrice
from carerules._time import format_duration, to_utc


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
            from carerules._tariff._price import _quote  # the visit path imports this module

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
