"""Audit-grade 1-2-1 answers (issue 15, items 12 to 15): no clean report where the policy says otherwise.

Each item cites its clause of ``000_efb936d1ab05b6a6.txt`` and the product
decision in PRODUCT.md, "1-2-1 Support":

- 12, "1-2-1 Support" (refresher sessions "if required"): a refresher follows
  a recorded, dated request; none follows an achieved goal by itself unless a
  provider turns automatic refreshers on.
- 13, "1-2-1 Support" (who the support is for): a plan for a resident whose
  eligibility is unmet, undetermined or not given is flagged, never clean.
- 14, "1-2-1 Support" ("weekly or bi-weekly"): both readings, fortnightly and
  twice weekly, are allowed; a plan may have several weekly slots, each kept
  at its local wall time across clock changes.
- 15, "Support could be offered in the following areas for example": a goal
  elsewhere is accepted and said to be outside the example areas, unless a
  provider closes the list.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import carerules as cr
from carerules._policy._files import builtin_text
from carerules._support121._usage import slot_first_date, wall_time
from carerules.serialisation import from_data, to_data
from carerules.strategies import (
    local_times,
    one_to_one_policies,
    plans,
    refreshers,
    residents,
    schedule_periods,
)
from tests.conftest import LONDON, london
from tests.support121._policies import BUILT_IN_TERMS

ON_REQUEST = "one-to-one.refreshers.on-request"
AFTER_GOAL = "one-to-one.refreshers.after-goal"
ELIGIBILITY = "one-to-one.plan.eligibility"
CADENCE = "one-to-one.plan.cadence"
BI_WEEKLY = "one-to-one.plan.bi-weekly"
AREA = "one-to-one.goals.area"
ONLY_LISTED = "one-to-one.goals.only-listed-areas"

BUILT_IN = cr.ONE_TO_ONE_SUPPORT
TERMS = BUILT_IN_TERMS
ALL_MET: dict[str, Any] = {
    "need_identified": True,
    "will_complete": True,
    "will_attend": True,
    "accepts_one_to_one": True,
    "will_use_skills": True,
}


def _with(**changes: Any) -> cr.Policy:
    """The built-in 1-2-1 policy with its terms changed, as a provider's policy may."""
    return attrs.evolve(BUILT_IN, one_to_one=attrs.evolve(TERMS, **changes))


# --- item 12: refreshers "if required" -------------------------------------------------------------

VOLUNTEER = cr.Goal(
    "g-volunteer", "Practical", date(2026, 3, 16), status=cr.GoalStatus.ACHIEVED, closed_on=date(2026, 6, 22)
)
KIM = cr.Plan(
    "res-kim", "wk-jo", 2, cr.Weekday.MONDAY, time(18), date(2026, 3, 16), 6, goals=(VOLUNTEER,),
    ends_on=date(2026, 6, 22),
)  # fmt: skip
SUMMER = cr.Period(date(2026, 6, 23), date(2026, 9, 30))


@pytest.mark.parametrize(
    ("requests", "refreshers"),
    [
        pytest.param((), (), id="achieved-but-never-asked"),
        pytest.param(
            (cr.RefresherRequest("g-volunteer", date(2026, 7, 14)),),
            (cr.Refresher(london(2026, 7, 20, 18), ("g-volunteer",)),),
            id="asked-on-a-tuesday-held-the-next-monday",
        ),
        pytest.param(
            (cr.RefresherRequest("g-volunteer", date(2026, 7, 20)),),
            (cr.Refresher(london(2026, 7, 27, 18), ("g-volunteer",)),),
            id="asked-on-a-monday-held-a-week-later",
        ),
        pytest.param(
            (cr.RefresherRequest("g-volunteer", date(2026, 7, 14), on=date(2026, 7, 16)),),
            (cr.Refresher(london(2026, 7, 16, 18), ("g-volunteer",)),),
            id="asked-and-arranged-for-a-thursday",
        ),
    ],
)
def test_refreshers_if_required_follow_a_recorded_dated_request_only(
    requests: tuple[cr.RefresherRequest, ...], refreshers: tuple[cr.Refresher, ...]
) -> None:
    """000_efb936d1ab05b6a6.txt, "1-2-1 Support": refresher sessions "if required" (item 12)."""
    decision = cr.schedule(attrs.evolve(KIM, refresher_requests=requests), BUILT_IN, SUMMER)
    assert decision.answer.refreshers == refreshers
    assert decision.rule_ids.count(ON_REQUEST) == len(requests)
    if not requests:
        [reason] = [r for r in decision.reasons if r.rule_id == AFTER_GOAL]
        assert (
            reason.detail == "goal 'g-volunteer' achieved on 2026-06-22: no refresher scheduled, as none was requested"
        )


def test_automatic_refreshers_are_a_provider_setting_off_in_the_built_in_policy() -> None:
    """PRODUCT.md "1-2-1 Support" (item 12): the setting exists, is off in the built-in, and round-trips."""
    assert TERMS.automatic_refreshers is False
    offer = attrs.evolve(KIM, refreshers=cr.Refreshers(count=2, every_weeks=4))
    with pytest.raises(cr.RefreshersNotAutomatic) as err:
        cr.schedule(offer, BUILT_IN, SUMMER)
    assert err.value.field == "plan.refreshers"
    assert ON_REQUEST in str(err.value)
    assert AFTER_GOAL in str(err.value)
    automatic = _with(automatic_refreshers=True)
    answer = cr.schedule(offer, automatic, SUMMER).answer
    assert [r.at for r in answer.refreshers] == [london(2026, 7, 20, 18), london(2026, 8, 17, 18)]
    data = json.loads(builtin_text("one-to-one"))
    assert data["one_to_one"]["automatic_refreshers"] is False
    data["one_to_one"]["automatic_refreshers"] = True
    loaded = cr.load_policy(data)
    assert loaded.one_to_one.latest == attrs.evolve(TERMS, automatic_refreshers=True)
    assert to_data(loaded)["one_to_one"]["automatic_refreshers"] is True


@settings(max_examples=60)
@given(plans(), schedule_periods(), refreshers())
def test_under_the_built_in_policy_no_refresher_is_scheduled_without_a_request(
    plan: cr.Plan, period: cr.Period, offer: cr.Refreshers
) -> None:
    """Item 12: every refresher is a request's, on the day it asked for; an offer after every goal is refused."""
    answer = cr.schedule(plan, BUILT_IN, period).answer
    asked = {(plan.refresher_day(r), r.goal) for r in plan.refresher_requests}
    for refresher in answer.refreshers:
        day = refresher.at.astimezone(BUILT_IN.tz).date()
        assert refresher.at == wall_time(day, plan.local_time, BUILT_IN.tz)
        assert all((day, goal) in asked for goal in refresher.goals)
    expected = {(d, g) for d, g in asked if d in period}
    assert {(r.at.astimezone(BUILT_IN.tz).date(), g) for r in answer.refreshers for g in r.goals} == expected
    with pytest.raises(cr.RefreshersNotAutomatic):
        cr.schedule(attrs.evolve(plan, refreshers=offer), BUILT_IN, period)


# --- item 13: eligibility and plans meet ------------------------------------------------------------

AT = datetime(2026, 5, 1, 12, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("answers", "confirmed", "flag"),
    [
        pytest.param(ALL_MET, True, None, id="eligible"),
        pytest.param(
            {**ALL_MET, "will_complete": False},
            False,
            "a plan is in place but res-kim is not eligible (unmet: will-complete)",
            id="unmet",
        ),
        pytest.param(
            {**ALL_MET, "will_use_skills": None},
            False,
            "a plan is in place but res-kim's eligibility is undetermined (not recorded: will-use-skills)",
            id="undetermined",
        ),
    ],
)
def test_a_plan_and_its_residents_eligibility_meet_in_the_status_and_the_report(
    answers: dict[str, Any], confirmed: bool, flag: str | None
) -> None:
    """000_efb936d1ab05b6a6.txt, "1-2-1 Support" (who qualifies) against the plan; PRODUCT.md (item 13)."""
    resident = cr.Resident("res-kim", **answers)
    status = cr.plan_status(KIM, BUILT_IN, AT, resident=resident)
    assert status.answer.eligibility == cr.check_eligibility(resident, BUILT_IN).answer
    assert status.answer.eligibility_confirmed is confirmed
    [reason] = [r for r in status.reasons if r.rule_id == ELIGIBILITY]
    assert reason.detail.startswith("flagged") is not confirmed
    assert set(cr.check_eligibility(resident, BUILT_IN).missing) <= set(status.missing)
    section = cr.OneToOneSection(AT, (cr.SupportCase(resident, KIM),))
    (report,) = cr.report_cases(section, BUILT_IN, cr.Period(date(2026, 4, 1), date(2026, 5, 31)))
    flagged = [line for line in report.render(LONDON).splitlines() if line.startswith("  FLAGGED: ")]
    assert flagged == ([] if flag is None else [f"  FLAGGED: {flag}"])
    assert report.rows()[0]["plan_confirmed"] is confirmed


def test_a_status_asked_without_the_residents_record_is_flagged_and_says_what_is_missing() -> None:
    status = cr.plan_status(KIM, BUILT_IN, AT)
    assert status.answer.eligibility is None
    assert not status.answer.eligibility_confirmed
    assert "res-kim's eligibility record (the five criteria)" in status.missing
    assert status.rule_ids[1] == ELIGIBILITY


@settings(max_examples=60)
@given(residents(), plans(), st.integers(0, 400))
def test_a_plan_whose_resident_is_not_found_eligible_never_reports_clean(
    resident: cr.Resident, plan: cr.Plan, days: int
) -> None:
    """Item 13: unmet or undetermined eligibility flags the status and the report; met never does."""
    plan = attrs.evolve(plan, resident=resident.id)
    at = datetime.combine(plan.starts_on + timedelta(days=days), time(12), tzinfo=LONDON)
    eligible = cr.check_eligibility(resident, BUILT_IN).answer.eligible
    status = cr.plan_status(plan, BUILT_IN, at, resident=resident)
    assert status.answer.eligibility_confirmed is (eligible is True)
    [reason] = [r for r in status.reasons if r.rule_id == ELIGIBILITY]
    assert ("flagged" in reason.detail) is (eligible is not True)
    section = cr.OneToOneSection(at, (cr.SupportCase(resident, plan),))
    (report,) = cr.report_cases(section, BUILT_IN, cr.Period(plan.starts_on, plan.starts_on + timedelta(days=30)))
    assert ("  FLAGGED: " in report.render(LONDON)) is (eligible is not True)
    assert report.rows()[0]["plan_confirmed"] is (eligible is True)


# --- item 14: "weekly or bi-weekly" ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("every_weeks", "slots", "words", "reading"),
    [
        pytest.param(1, (), "weekly", None, id="weekly"),
        pytest.param(2, (), "fortnightly", "every two weeks", id="bi-weekly-as-fortnightly"),
        pytest.param(1, ((cr.Weekday.THURSDAY, time(14)),), "twice weekly", "twice a week", id="bi-weekly-as-twice"),
    ],
)
def test_the_built_in_policy_accepts_weekly_fortnightly_and_twice_weekly(
    every_weeks: int, slots: tuple[tuple[cr.Weekday, time], ...], words: str, reading: str | None
) -> None:
    """000_efb936d1ab05b6a6.txt, "1-2-1 Support": "weekly or bi-weekly", bi-weekly read both ways (item 14)."""
    plan = attrs.evolve(
        KIM, every_weeks=every_weeks, extra_slots=tuple(cr.SessionSlot(d, t) for d, t in slots), ends_on=None
    )
    decision = cr.schedule(plan, BUILT_IN, cr.Period(date(2026, 3, 16), date(2026, 4, 12)))
    assert decision.reasons[0].rule_id == CADENCE
    assert decision.reasons[0].detail.startswith(f"{words} on Mondays at 18:00")
    bi = [r.detail for r in decision.reasons if r.rule_id == BI_WEEKLY]
    assert bi == ([] if reading is None else [f'{words}: the document\'s "bi-weekly" read as {reading}'])
    assert len(decision.answer.sessions) == {"weekly": 4, "fortnightly": 2, "twice weekly": 8}[words]


@pytest.mark.parametrize(
    ("every_weeks", "extra", "field", "value"),
    [
        pytest.param(3, 0, "plan.every_weeks", 3, id="three-weekly"),
        pytest.param(2, 1, "plan.extra_slots", 1, id="twice-fortnightly"),
        pytest.param(1, 2, "plan.extra_slots", 2, id="three-times-weekly"),
    ],
)
def test_other_cadences_are_refused_by_the_built_in_policy_naming_the_field(
    every_weeks: int, extra: int, field: str, value: int
) -> None:
    days = (cr.Weekday.TUESDAY, cr.Weekday.FRIDAY)[:extra]
    plan = attrs.evolve(KIM, every_weeks=every_weeks, extra_slots=tuple(cr.SessionSlot(d, time(9)) for d in days))
    with pytest.raises(cr.CadenceNotAllowed) as err:
        cr.schedule(plan, BUILT_IN, SUMMER)
    assert (err.value.field, err.value.value) == (field, value)
    wider = _with(cadences=(*TERMS.cadences, cr.Cadence(3), cr.Cadence(2, 2), cr.Cadence(1, 3)))
    assert cr.schedule(plan, wider, cr.Period(date(2026, 3, 16), date(2026, 4, 30))).answer.sessions


def test_a_policy_file_lists_its_cadences_and_a_bad_one_is_refused_naming_its_place() -> None:
    data = json.loads(builtin_text("one-to-one"))
    assert data["one_to_one"]["cadences"] == [
        {"every_weeks": 1, "sessions": 1},
        {"every_weeks": 1, "sessions": 2},
        {"every_weeks": 2, "sessions": 1},
    ]
    data["one_to_one"]["cadences"].append({"every_weeks": 2, "sessions": 0})
    with pytest.raises(cr.InvalidInput, match=r"\$\.one_to_one\.cadences\[3\]\.sessions: got 0"):
        cr.load_policy(data)


@st.composite
def _twice_weekly(draw: st.DrawFn) -> tuple[cr.Plan, cr.Policy, cr.Period]:
    """A twice-weekly plan on two different weekdays, in a zone with clock changes, over a generated period."""
    policy = draw(one_to_one_policies())
    days = draw(st.lists(st.sampled_from(cr.Weekday), min_size=2, max_size=2, unique=True))
    first, second = draw(local_times()), draw(local_times())
    plan = cr.Plan(
        "res-ana", "wk-eve", 1, days[0], first, draw(st.dates(date(2024, 1, 1), date(2030, 1, 1))), 4,
        extra_slots=(cr.SessionSlot(days[1], second),),
    )  # fmt: skip
    return plan, policy, draw(schedule_periods())


@pytest.mark.tz
@settings(max_examples=80)
@given(_twice_weekly())
def test_a_twice_weekly_plan_has_two_sessions_in_every_full_week_across_clock_changes(
    case: tuple[cr.Plan, cr.Policy, cr.Period],
) -> None:
    """Item 14: two sessions a week, each on its slot's weekday at its wall time (or moved by a skipped gap)."""
    plan, policy, period = case
    tz = policy.tz
    sessions = cr.schedule(plan, policy, period).answer.sessions
    started = max(slot_first_date(plan, s) for s in plan.slots)
    monday = max(period.first, started)
    monday += timedelta(days=(7 - monday.weekday()) % 7)
    assume(monday + timedelta(days=6) <= period.last)
    local = [s.astimezone(tz) for s in sessions]
    while monday + timedelta(days=6) <= period.last:
        week = [s for s in local if monday <= s.date() <= monday + timedelta(days=6)]
        assert sorted(cr.Weekday.of(s.date()) for s in week) == sorted(s.weekday for s in plan.slots)
        monday += timedelta(days=7)
    for s in local:
        [slot] = [x for x in plan.slots if x.weekday is cr.Weekday.of(s.date())]
        shift = s.replace(tzinfo=None) - datetime.combine(s.date(), slot.local_time)
        if shift:  # the slot's time was skipped by the clocks: later by exactly the gap
            before = (s.astimezone(UTC) - shift).astimezone(tz)
            assert s.utcoffset() - before.utcoffset() == shift  # type: ignore[operator]


# --- item 15: areas "for example" ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("area", "listed"),
    [
        ("Motivation", True),
        ("Confidence", True),
        ("Networks/Relationships", True),
        ("Practical", True),
        ("Housing", False),
        ("Physical health", False),
    ],
)
def test_a_goal_in_any_area_is_accepted_and_one_outside_the_four_is_said_to_be(area: str, listed: bool) -> None:
    """000_efb936d1ab05b6a6.txt, "Support could be offered in the following areas for example" (item 15)."""
    plan = attrs.evolve(KIM, goals=(cr.Goal("g-1", area, date(2026, 3, 16)),))
    decision = cr.schedule(plan, BUILT_IN, SUMMER)
    reasons = [r.detail for r in decision.reasons if r.rule_id == AREA]
    assert reasons == (
        []
        if listed
        else [
            f"goal 'g-1' is in {area!r}, not one of the document's example areas (Motivation, Confidence, "
            "Networks/Relationships, Practical): accepted, as the areas are given for example"
        ]
    )
    closed = _with(only_listed_areas=True)
    if listed:
        cr.schedule(plan, closed, SUMMER)
    else:
        with pytest.raises(cr.UnknownArea) as err:
            cr.schedule(plan, closed, SUMMER)
        assert (err.value.field, err.value.value) == ("plan.goals[0].area", area)
        assert ONLY_LISTED in str(err.value)


def test_a_provider_closes_the_list_in_its_policy_file_and_the_setting_round_trips() -> None:
    """PRODUCT.md "1-2-1 Support" (item 15): ``one_to_one.only_listed_areas``, in the schema, dated like the terms."""
    data = json.loads(builtin_text("one-to-one"))
    assert data["one_to_one"]["only_listed_areas"] is False
    data["one_to_one"]["only_listed_areas"] = True
    closed = cr.load_policy(data)
    assert closed.one_to_one.latest == attrs.evolve(TERMS, only_listed_areas=True)
    assert from_data(to_data(closed), cr.Policy) == closed
    data["one_to_one"]["only_listed_areas"] = "yes"
    with pytest.raises(cr.InvalidInput, match=r"\$\.one_to_one\.only_listed_areas"):
        cr.load_policy(data)
    from carerules._policy._schema import policy_schema

    properties = policy_schema()["$defs"]["OneToOneTerms"]["properties"]
    assert {"cadences", "only_listed_areas", "automatic_refreshers"} <= set(properties)
    later = closed.revise(version="2", effective_from=date(2027, 1, 1), one_to_one=TERMS)
    assert later.one_to_one_on(date(2026, 12, 31)) == closed.one_to_one.latest
    assert later.one_to_one_on(date(2027, 1, 1)) == TERMS


@settings(max_examples=60)
@given(plans(), schedule_periods())
def test_open_areas_accept_every_goal_with_one_reason_per_goal_outside_them(plan: cr.Plan, period: cr.Period) -> None:
    """Item 15: under the built-in list every plan schedules; closing the list refuses the first goal outside it."""
    decision = cr.schedule(plan, BUILT_IN, period)
    outside = [i for i, g in enumerate(plan.goals) if g.area not in TERMS.area_names]
    assert decision.rule_ids.count(AREA) == len(outside)
    if outside:
        with pytest.raises(cr.UnknownArea) as err:
            cr.schedule(plan, _with(only_listed_areas=True), period)
        assert err.value.field == f"plan.goals[{outside[0]}].area"
    else:
        assert cr.schedule(plan, _with(only_listed_areas=True), period).answer == decision.answer
