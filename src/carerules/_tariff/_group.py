"""Rules over many visits: minimums per day, month or booking block, and overtime per caregiver-week.

Each visit is priced on its own first (:func:`~carerules.quote_visit`'s
path); the group rules then add charges beside the visits, each rounded
once: a minimum's top-up for a service user's day, month or block, and the
extra for a caregiver's overtime in a week. Neither ever lowers a total.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from decimal import Decimal, localcontext

import attrs

from carerules._errors import InvalidInput
from carerules._guard import public
from carerules._money import MONEY_CONTEXT, format_money, per_hour, round_line
from carerules._policy._model import Policy
from carerules._rules import Decision, Reason
from carerules._tariff import _rules as R
from carerules._tariff._grid import tariff_on
from carerules._tariff._model import Overtime, Scope, ScopedMinimum, Tariff, TariffRate, amount_on
from carerules._tariff._price import _no_cycle_collection, _quote
from carerules._tariff._visit import TariffLine, Visit, VisitPrice
from carerules._time import format_duration, microseconds, to_utc

_ZERO = timedelta(0)


@attrs.frozen
class GroupCharge:
    """A charge over a group of visits: a minimum's top-up (``rule`` ``minimum``) or overtime (``overtime``).

    ``group`` names the group (service user and date, month or block; or
    caregiver and week start); ``charged`` is the time topped up or the
    overtime; ``amount`` is rounded once.
    """

    rule: str
    group: str
    charged: timedelta
    amount: Decimal
    visit_ids: tuple[str, ...]


@attrs.frozen
class VisitsPrice:
    """What many visits cost: each visit's price, the charges over groups of them, and the total."""

    visits: tuple[VisitPrice, ...]
    charges: tuple[GroupCharge, ...]
    amount: Decimal
    currency: str = "GBP"


class _Item:
    __slots__ = ("day", "price", "tariff", "visit")

    def __init__(self, visit: Visit, price: VisitPrice, day: date, tariff: Tariff) -> None:
        self.visit, self.price, self.day, self.tariff = visit, price, day, tariff


def _hourly_rate(item: _Item, line: TariffLine) -> tuple[TariffRate, Decimal] | None:
    """The rate of an hourly ``line`` of ``item`` and its amount per hour (staff factor included)."""
    if line.per != "hour":
        return None
    rate = next((r for r in item.tariff.rates if r.name == line.rate), None)
    if rate is None:
        return None
    found = amount_on(rate, item.tariff, item.day)
    if found is None:
        return None
    factor = 1 if rate.carers == item.visit.carers else item.visit.carers
    return rate, MONEY_CONTEXT.multiply(found[0], Decimal(factor))


def _minimum_groups(items: list[_Item]) -> dict[tuple[str, str | None, Scope, str], tuple[ScopedMinimum, list[_Item]]]:
    groups: dict[tuple[str, str | None, Scope, str], tuple[ScopedMinimum, list[_Item]]] = {}
    for item in items:
        v = item.visit
        if not v.service_user:
            continue
        rules = item.tariff.durations_for(v.service)
        for m in rules.minimums if rules is not None else ():
            if m.scope is Scope.DAY:
                key = item.day.isoformat()
            elif m.scope is Scope.MONTH:
                key = f"{item.day:%Y-%m}"
            elif v.block:
                key = v.block
            else:
                continue
            groups.setdefault((v.service_user, v.service, m.scope, key), (m, []))[1].append(item)
    return groups


def _where(scope: Scope, key: str) -> str:
    if scope is Scope.DAY:
        return f"on {key}"
    if scope is Scope.MONTH:
        return f"in {key}"
    return f"in booking block {key}"


def _minimums(items: list[_Item], policy: Policy, why: list[Reason] | None) -> list[GroupCharge]:
    out: list[GroupCharge] = []
    cur = policy.currency
    for (user, _service, scope, key), (minimum, group) in _minimum_groups(items).items():
        total = sum((i.price.charged for i in group), _ZERO)
        n = len(group)
        counted = f"{n} visit{'s' if n != 1 else ''} {_where(scope, key)} total {format_duration(total)}"
        if total >= minimum.minimum:
            if why is not None:
                why.append(
                    R.SCOPED_MINIMUM.because(
                        f"{counted}, at least {minimum.shown} of {format_duration(minimum.minimum)}: no top-up"
                    )
                )
            continue
        extra = minimum.minimum - total
        found = next(((i, r) for i in group for line in i.price.lines if (r := _hourly_rate(i, line))), None)
        if found is None:
            if why is not None:
                why.append(
                    R.SCOPED_MINIMUM.because(
                        f"{counted}, under {minimum.shown} of {format_duration(minimum.minimum)}, but none of them "
                        "is charged by the hour: no top-up (an hourly visit in the group would be topped up)"
                    )
                )
            continue
        rate, hourly = found[1]
        amount = round_line(per_hour(hourly, microseconds(extra)), cur)
        out.append(
            GroupCharge("minimum", f"{user} {key}", extra, amount, tuple(i.visit.id for i in group)),
        )
        if why is not None:
            why.append(
                R.SCOPED_MINIMUM.because(
                    f"{counted}; {minimum.shown} of {format_duration(minimum.minimum)} tops up "
                    f"{format_duration(extra)} at {format_money(hourly, cur)} per hour ({rate.name}): "
                    f"{format_money(amount, cur)}",
                    would_change=f"visits totalling {format_duration(minimum.minimum)} or more need no top-up",
                )
            )
    return out


def _week_start(day: date, rule: Overtime) -> date:
    return day - timedelta(days=(day.weekday() - rule.week_start.number) % 7)


def _overtime(items: list[_Item], policy: Policy, why: list[Reason] | None) -> list[GroupCharge]:
    weeks: dict[tuple[str, int, date], tuple[Overtime, list[tuple[_Item, TariffLine]]]] = {}
    for item in items:
        if not item.visit.caregiver:
            continue
        rule = item.tariff.overtime_for(item.visit.service)
        if rule is None:
            continue
        for line in item.price.lines:
            if line.per == "hour" and line.charged > _ZERO:
                key = (item.visit.caregiver, id(rule), _week_start(line.day, rule))
                weeks.setdefault(key, (rule, []))[1].append((item, line))
    out: list[GroupCharge] = []
    cur = policy.currency
    for (caregiver, _, week), (rule, lines) in weeks.items():
        lines.sort(key=lambda pair: to_utc(pair[1].start))
        total, extra, over_time = _ZERO, Decimal(0), _ZERO
        used: dict[str, None] = {}
        for item, line in lines:
            before, total = total, total + line.charged
            over = total - max(before, rule.after)
            if over <= _ZERO:
                continue
            found = _hourly_rate(item, line)
            if found is None:
                continue
            rate, own = found
            new = MONEY_CONTEXT.multiply(own, rule.times)
            if rate.times is not None and rule.multiplied_times is not None:
                base = MONEY_CONTEXT.divide(own, rate.times)
                new = max(own, MONEY_CONTEXT.multiply(base, rule.multiplied_times))
            extra = MONEY_CONTEXT.add(extra, per_hour(MONEY_CONTEXT.subtract(new, own), microseconds(over)))
            over_time += over
            used[item.visit.id] = None
        shown = f"a caregiver's week from {week} ({week:%A}): {format_duration(total)} charged by the hour"
        if over_time <= _ZERO:
            if why is not None:
                why.append(
                    R.OVERTIME.because(
                        f"{shown}, within the {format_duration(rule.after)} limit: no overtime",
                        would_change=f"more than {format_duration(rule.after)} in the week is charged as overtime",
                    )
                )
            continue
        amount = round_line(extra, cur)
        out.append(GroupCharge("overtime", f"{caregiver} {week}", over_time, amount, tuple(used)))
        if why is not None:
            factor = f"{rule.times.normalize():f} \u00d7 its rate"
            if rule.multiplied_times is not None:
                factor += f" ({rule.multiplied_times.normalize():f} \u00d7 the base rate for time at a multiplier rate)"
            why.append(
                R.OVERTIME.because(
                    f"{shown}; the {format_duration(over_time)} past the {format_duration(rule.after)} limit at "
                    f"{factor}: {format_money(amount, cur)} more",
                    would_change=f"{format_duration(rule.after)} or less in the week has no overtime",
                )
            )
    return out


def _group(visits: tuple[Visit, ...], policy: Policy, why: list[Reason] | None) -> VisitsPrice:
    tz = policy.tz
    prices = tuple(_quote(v, policy, None, tz) for v in visits)
    items: list[_Item] = []
    for v, price in sorted(zip(visits, prices, strict=True), key=lambda pair: to_utc(pair[0].start)):
        day = to_utc(v.start).astimezone(tz).date()
        items.append(_Item(v, price, day, tariff_on(policy, day)))
    charges = _minimums(items, policy, why) + _overtime(items, policy, why)
    exact = sum((p.amount for p in prices), Decimal(0)) + sum((c.amount for c in charges), Decimal(0))
    if why is not None:
        from carerules._charging._rules import ROUND_LINE

        why.append(
            ROUND_LINE.because(
                f"{len(prices)} visit{'s' if len(prices) != 1 else ''} and {len(charges)} group "
                f"charge{'s' if len(charges) != 1 else ''}, each rounded once: "
                f"{format_money(exact, policy.currency)} in all"
            )
        )
    return VisitsPrice(prices, tuple(charges), exact, policy.currency)


def _check(visits: object, policy: object) -> tuple[Visit, ...]:
    if not isinstance(policy, Policy):
        raise InvalidInput("policy", policy, "a Policy", sensitive=isinstance(policy, str | bytes | Mapping | list))
    if isinstance(visits, str | bytes | Mapping) or not isinstance(visits, Iterable):
        raise InvalidInput("visits", visits, "an iterable of Visit", sensitive=True)
    items = tuple(visits)
    for i, v in enumerate(items):
        if not isinstance(v, Visit):
            raise InvalidInput(f"visits[{i}]", v, "a Visit", sensitive=True)
    return items


def quote_group(visits: Iterable[Visit], policy: Policy) -> VisitsPrice:
    """What ``visits`` cost together: each visit's price plus the minimums and overtime over groups of them.

    The figure alone (no explanation); errors as :func:`~carerules.quote_visit`.
    """
    items = _check(visits, policy)
    with localcontext(MONEY_CONTEXT), _no_cycle_collection():
        return _group(items, policy, None)


@public
def price_visits(visits: Iterable[Visit], policy: Policy) -> Decision[VisitsPrice]:
    """What ``visits`` cost together, with the rules over groups of them: minimums and overtime, explained.

    Visits are grouped by ``service_user`` (and service) for the tariff's
    minimums per day, month or booking block, and by ``caregiver`` and week
    for overtime; each visit's own explanation is :func:`~carerules.price_visit`'s.
    """
    why: list[Reason] = []
    return Decision(_group(_check(visits, policy), policy, why), why)
