"""Hypothesis strategies for visits, priceable under a tariff when given one (re-exported by carerules.strategies)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from hypothesis import reject
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from carerules._charging._strategies import _FIRST, _LAST, durations, instants
from carerules._errors import CareRulesError
from carerules._policy import Policy
from carerules._tariff._model import Tariff
from carerules._tariff._price import quote_visit
from carerules._tariff._visit import Visit
from carerules._time import Period, local_midnight, plus_elapsed, zone


def _sorted(names: set[str | None]) -> list[str | None]:
    return sorted(names, key=lambda s: (s is not None, s or ""))


def _names(tariff: Tariff) -> tuple[list[str | None], list[str | None]]:
    """The services and funders a tariff prices (``None``: a rate for any)."""
    return _sorted({r.service for r in tariff.rates}), _sorted({r.funder for r in tariff.rates} | {None})


def _tariffs_in(policy: Policy) -> list[Tariff]:
    return [c.value for c in policy.tariff.changes if c.value is not None]


def _priced(visit: Visit, policy: Policy) -> bool:
    try:
        quote_visit(visit, policy)
    except CareRulesError:
        return False
    return True


def visits(
    *,
    policy: Policy | None = None,
    services: Sequence[str | None] | None = None,
    funders: Sequence[str | None] | None = None,
    period: Period | None = None,
    timezone: str | None = None,
    max_hours: int = 14,
    carers: Sequence[int] = (1, 1, 1, 2),
) -> st.SearchStrategy[Visit]:
    """Visits starting anywhere (often near DST changes and bank holidays), some overrunning their booking.

    ``services`` and ``funders`` (names; ``None``: no service or funder named) and ``carers``
    limit what is drawn; ``period`` keeps each visit inside those local dates (in ``timezone``,
    default the policy's, else Europe/London). With ``policy`` (one with a tariff, such as one of
    :func:`tariff_policies`) every visit prices under it: ``quote_visit`` never raises, because
    only the services and funders its tariff has rates for are drawn (with disturbance calls and
    active time for flat-rate nights).
    """
    if policy is not None and not _tariffs_in(policy):
        raise InvalidArgument(f"visits(policy={policy.id!r}): the policy has no tariff to price visits by")
    if max_hours < 1 or not carers:
        raise InvalidArgument(f"visits(max_hours={max_hours}, carers={carers!r}): an hour or more, some carers")
    tz_name = timezone or (policy.timezone if policy is not None else "Europe/London")
    first, last = (period.first, period.last) if period is not None else (_FIRST, _LAST)
    starts = instants(timezone=tz_name, first=first, last=last, holidays=True if policy is None else policy.calendar)
    hi = local_midnight(last + timedelta(days=1), zone(tz_name))
    staffs = list(carers)
    if policy is None:
        named = [None] if services is None else list(services)
        paying = [None] if funders is None else list(funders)
    else:
        offered = {s for t in _tariffs_in(policy) for s in _names(t)[0]}
        wanted = list(services) if services is not None else _sorted(offered)
        named = [s for s in wanted if s in offered or None in offered]
        paying = (
            list(funders) if funders is not None else _sorted({f for t in _tariffs_in(policy) for f in _names(t)[1]})
        )
        if not named or not paying:
            raise InvalidArgument(f"visits(policy={policy.id!r}, services={services!r}): none of them is priced")

    @st.composite
    def one(draw: st.DrawFn) -> Visit:
        for _ in range(4):
            start = draw(starts)
            tz, at = start.tzinfo, start.astimezone(UTC)
            # In UTC: aware datetimes sharing a tzinfo compare and subtract by wall clock.
            end = min(at + draw(durations(max_hours)), hi)
            booked_for = draw(st.none() | durations(max_hours))
            booked = None if booked_for is None else (at + booked_for).astimezone(tz)
            calls: tuple[datetime, ...] = ()
            active = None
            if policy is not None:
                minutes = int((end - at).total_seconds() // 60)
                offsets = draw(st.lists(st.integers(0, minutes), max_size=3))
                calls = tuple((at + timedelta(minutes=m)).astimezone(tz) for m in offsets)
                active = draw(st.none() | st.integers(0, 240).map(lambda m: timedelta(minutes=m)))
            service, funder = draw(st.sampled_from(named)), draw(st.sampled_from(paying))
            visit = Visit(
                start,
                end.astimezone(tz),
                service,
                funder,
                booked_end=booked,
                calls=calls,
                carers=draw(st.sampled_from(staffs)),
                active=active,
            )
            if policy is None or _priced(visit, policy):
                return visit
        reject()

    return one()


@st.composite
def visit_groups(draw: st.DrawFn, *, timezone: str = "Europe/London", max_size: int = 12) -> tuple[Visit, ...]:
    """Visits within a fortnight of one another, for two service users and two caregivers, some in a booking block."""
    base = draw(instants(timezone=timezone))
    out = []
    for i in range(draw(st.integers(1, max_size))):
        start = plus_elapsed(base, timedelta(minutes=15 * draw(st.integers(0, 4 * 24 * 14))))
        end = plus_elapsed(start, draw(durations(10)))
        out.append(
            Visit(
                start,
                end,
                service_user=draw(st.sampled_from(["su-1", "su-2", ""])),
                caregiver=draw(st.sampled_from(["c-1", "c-2", ""])),
                block=draw(st.sampled_from(["", "b-1"])),
                carers=draw(st.sampled_from([1, 1, 2])),
                id=f"v{i}",
            )
        )
    return tuple(out)
