"""The shipped strategies keep the constraints they are given (issue 18, property-based test suites).

Each test draws under a constraint and checks the constraint from the outside:
local dates against the period, ids against the lists given, and pricing
against the policy (``price_session`` / ``price_visit`` never raise).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import carerules as cr
from carerules._time import local_midnight
from carerules.strategies import (
    buddies_policy,
    instants,
    periods,
    policies,
    sessions,
    shift_kinds,
    tariff_policies,
    visits,
)

LONDON = "Europe/London"
#: A month with the spring clock change and Easter's bank holidays in it.
SPRING = cr.Period(date(2027, 3, 1), date(2027, 3, 31))
SERVICES = ["home-care", "sleep-in", "live-in"]


def _inside(start: datetime, end: datetime, period: cr.Period, zone: str) -> bool:
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(zone)
    lo, hi = local_midnight(period.first, tz), local_midnight(period.last + timedelta(days=1), tz)
    return lo <= start.astimezone(UTC) < end.astimezone(UTC) <= hi


@given(st.data(), periods(), st.sampled_from([LONDON, "America/New_York", "Pacific/Chatham"]))
def test_instants_fall_on_the_local_dates_asked_for(data: st.DataObject, period: cr.Period, zone: str) -> None:
    instant = data.draw(instants(timezone=zone, first=period.first, last=period.last))
    assert instant.tzinfo is not None
    assert period.first <= instant.astimezone(instant.tzinfo).date() <= period.last


@given(st.data(), periods(), st.sampled_from([LONDON, "Asia/Kolkata"]))
def test_sessions_in_a_period_lie_wholly_inside_it(data: st.DataObject, period: cr.Period, zone: str) -> None:
    session = data.draw(sessions(period=period, timezone=zone))
    assert _inside(session.start, session.end, period, zone)


@given(
    st.data(),
    st.lists(st.sampled_from(["su-1", "su-2", "su-3"]), min_size=1, unique=True),
    st.lists(st.sampled_from([None, "st-1", "st-2"]), min_size=1, unique=True),
    st.lists(shift_kinds(), min_size=1, unique=True),
)
def test_sessions_are_only_for_the_people_and_kinds_given(
    data: st.DataObject, users: list[str], staff: list[str | None], kinds: list[cr.ShiftKind]
) -> None:
    session = data.draw(sessions(service_users=users, staff=staff, kinds=kinds))
    assert session.service_user in users
    assert session.staff in staff
    assert session.kind in kinds


@given(sessions(policy=cr.BUDDIES))
def test_sessions_under_the_buddies_policy_always_price(session: cr.Session) -> None:
    """The first test a user writes: no MissingRate, so no bank holidays and only the kinds Buddies charges."""
    charge = cr.price_session(session, cr.BUDDIES).answer
    assert charge.amount > 0
    assert session.kind in {cr.ShiftKind.DAY, cr.ShiftKind.WAKING_NIGHT}
    assert cr.pay_for_session(session, cr.BUDDIES).answer.worked == session.duration


@given(st.data(), policies(complete=False).filter(lambda p: bool(p.rates)), st.sampled_from([None, SPRING]))
def test_sessions_under_any_policy_price_under_it(
    data: st.DataObject, policy: cr.Policy, period: cr.Period | None
) -> None:
    """Policies missing kinds, with rates starting on later dates, closure days, flat sleeping nights."""
    try:
        drawn = sessions(policy=policy, period=period)
        session = data.draw(drawn)
    except InvalidArgument:
        # Only when the policy has no rate in force in the period at all.
        assert period is not None
        assert all(r.effective_from > period.last for r in policy.rates)
        return
    cr.price_session(session, policy)
    if period is not None:
        assert _inside(session.start, session.end, period, policy.timezone)


@given(st.data(), policies(), sessions())
def test_registered_types_price_together(data: st.DataObject, policy: cr.Policy, session: cr.Session) -> None:
    """``from_type(Policy)`` draws ``policies()``: complete, so any session prices under it."""
    assert cr.price_session(session, policy).answer.amount >= 0


def test_impossible_constraints_are_refused_when_the_strategy_is_made() -> None:
    with pytest.raises(InvalidArgument, match="buddies"):
        sessions(policy=cr.BUDDIES, kinds=[cr.ShiftKind.SLEEPING_NIGHT])
    with pytest.raises(InvalidArgument, match="service_users"):
        sessions(service_users=[])
    with pytest.raises(InvalidArgument, match="no tariff"):
        visits(policy=cr.ONE_TO_ONE_SUPPORT)
    with pytest.raises(InvalidArgument, match="last is before first"):
        instants(first=date(2027, 1, 2), last=date(2027, 1, 1))
    with pytest.raises(InvalidArgument, match="distinct"):
        tariff_policies(services=["home-care", "home-care"])


@given(st.data(), tariff_policies())
def test_visits_under_a_tariff_policy_always_price(data: st.DataObject, policy: cr.Policy) -> None:
    visit = data.draw(visits(policy=policy))
    assert cr.price_visit(visit, policy).answer == cr.quote_visit(visit, policy)


@given(st.data(), tariff_policies(services=SERVICES, funders=["council"], dated=True))
def test_visits_under_a_tariff_of_services_price_and_name_a_service_it_has(
    data: st.DataObject, policy: cr.Policy
) -> None:
    """Per-service grids in hours, visits or days, funder rates, revised amounts: every drawn visit prices."""
    visit = data.draw(visits(policy=policy, period=SPRING))
    tariff = policy.tariff.latest
    assert tariff is not None
    assert visit.service in {r.service for r in tariff.rates}
    assert visit.funder in {None, "council"}
    assert _inside(visit.start, visit.end, SPRING, policy.timezone)
    cr.price_visit(visit, policy)


@given(visits(services=["home-care"], funders=[None, "council"], carers=[2], period=SPRING))
def test_visits_keep_the_services_funders_and_carers_given(visit: cr.Visit) -> None:
    assert (visit.service, visit.carers) == ("home-care", 2)
    assert visit.funder in {None, "council"}
    assert _inside(visit.start, visit.end, SPRING, LONDON)


@given(buddies_policy(), sessions(policy=cr.BUDDIES, period=SPRING, service_users=["su-ada"]))
def test_an_invoice_of_drawn_sessions_bills_each_one(policy: cr.Policy, session: cr.Session) -> None:
    invoice = cr.build_invoice("su-ada", SPRING, policy, sessions=[session])
    assert [line.amount for line in invoice.lines] == [cr.price_session(session, policy).answer.amount]


def test_the_strategies_page_documents_every_public_strategy() -> None:
    from pathlib import Path

    import carerules.strategies as strategies

    page = (Path(__file__).parents[1] / "docs" / "strategies.md").read_text(encoding="utf-8")
    headings = [line for line in page.splitlines() if line.startswith("### ")]
    missing = [n for n in strategies.__all__ if not any(f"`{n}(" in h for h in headings)]
    assert not missing, f"docs/strategies.md has no heading for {missing}"


@pytest.mark.parametrize(
    "strategy",
    [
        sessions(policy=cr.BUDDIES),
        sessions(policy=cr.BUDDIES, period=cr.Period(date(2027, 12, 24), date(2027, 12, 28))),
        tariff_policies(services=SERVICES, funders=["council"]).flatmap(lambda p: visits(policy=p)),
    ],
    ids=["buddies", "buddies-over-christmas", "service-tariffs"],
)
def test_constrained_strategies_pass_health_checks_on_a_fresh_runner(strategy: st.SearchStrategy[object]) -> None:
    """Rejected draws stay rare: a user's first CI run (every health check on) never sees filter_too_much."""
    from hypothesis import settings

    @settings(settings.get_profile("fresh"))
    @given(st.data())
    def draw_some(data: st.DataObject) -> None:
        data.draw(strategy)

    draw_some()
