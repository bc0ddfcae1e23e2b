"""Each onboarding, compliance and contract rule, exercised and named by its id.

004_82faaa97975dc483.txt, "How do we get started?", "What do we do?" and
"Maintaining Standards"; PRODUCT.md, "Onboarding and compliance (Buddies)",
"Personal files (Buddies)" and "Time".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import attrs
import pytest

import carerules as cr
from carerules.serialisation import from_data, to_data

LONDON = ZoneInfo("Europe/London")
FIRST = date(2026, 3, 20)
Training = dict[str, dict[str, date]]


def _ready() -> tuple[cr.PersonalFile, cr.Contract, Training]:
    """A Service User whose every start condition is met for a first session on FIRST."""
    file = cr.PersonalFile(
        service_user="su-eve",
        date_of_birth=date(2016, 1, 10),
        epilepsy=False,
        registration_meeting_on=date(2026, 2, 2),
        registration_meeting_attendees=("su-eve", "st-kim", "st-lee"),
        information_pack_completed_on=date(2026, 2, 2),
        terms_given_on=date(2026, 2, 2),
        welcome_meeting_on=date(2026, 3, 10),
        welcome_meeting_attendees=("su-eve", "st-kim", "st-lee"),
        service_plan=cr.ServicePlan(
            date(2026, 2, 20), needs=("autism",), activities=("cinema",), weekly_hours=timedelta(hours=3)
        ),
        risk_assessments=(cr.RiskAssessment("cinema", cr.RiskAssessmentStage.DRAFT, date(2026, 2, 20)),),
        primary_contact=cr.Contact(cr.ContactRole.PRIMARY, "Pat Parr", "07700 900011"),
        secondary_contact=cr.Contact(cr.ContactRole.SECONDARY, "Sam Sole", "07700 900012"),
        agreed_training=(cr.AgreedTraining("autism awareness", pre_start=True),),
        first_session=FIRST,
    )
    contract = cr.Contract(
        "c-eve", "su-eve", "st-kim", "st-lee", (cr.WeeklySlot(cr.Weekday.FRIDAY, time(15), timedelta(hours=3)),), FIRST
    )
    training = {"st-kim": {"autism awareness": date(2026, 3, 1)}, "st-lee": {"autism awareness": date(2026, 3, 2)}}
    return file, contract, training


def _check(file: cr.PersonalFile, contract: cr.Contract | None, training: Training) -> cr.Decision[cr.Readiness]:
    return cr.check_readiness(file, cr.BUDDIES, contract=contract, training=training)


def test_the_ready_file_is_ready() -> None:
    file, contract, training = _ready()
    decision = _check(file, contract, training)
    assert decision.answer.ready
    assert decision.rule_ids == ("onboarding.ready",)


Breakage = Callable[[cr.PersonalFile, cr.Contract, Training], tuple[cr.PersonalFile, cr.Contract | None, Training]]

CASES: list[tuple[str, cr.Condition, Breakage, str]] = [
    (
        "onboarding.terms-given",
        cr.Condition.TERMS,
        lambda f, c, t: (attrs.evolve(f, terms_given_on=None), c, t),
        "no record of the Terms and Conditions being given",
    ),
    (
        "onboarding.key-worker-and-spare",
        cr.Condition.KEY_WORKER_AND_SPARE,
        lambda f, c, t: (f, None, t),
        "no key worker and spare chosen",
    ),
    (
        "onboarding.welcome-meeting",
        cr.Condition.WELCOME_MEETING,
        lambda f, c, t: (attrs.evolve(f, welcome_meeting_on=None, welcome_meeting_attendees=()), c, t),
        "no welcome meeting on file",
    ),
    (
        "onboarding.met-key-worker-and-spare",
        cr.Condition.MET_KEY_WORKER_AND_SPARE,
        lambda f, c, t: (
            attrs.evolve(f, registration_meeting_attendees=("su-eve", "st-kim"), welcome_meeting_attendees=("st-lee",)),
            c,
            t,
        ),
        "nothing on file shows su-eve has met spare st-lee",
    ),
    (
        "onboarding.service-plan",
        cr.Condition.SERVICE_PLAN,
        lambda f, c, t: (attrs.evolve(f, service_plan=None), c, t),
        "no Service Plan on file",
    ),
    (
        "onboarding.service-plan.contents",
        cr.Condition.SERVICE_PLAN,
        lambda f, c, t: (attrs.evolve(f, service_plan=cr.ServicePlan(date(2026, 2, 20))), c, t),
        "the Service Plan of 2026-02-20 gives no needs, activities or session hours",
    ),
    (
        "onboarding.plan-needs.described",
        cr.Condition.PLAN_UNDESCRIBED,
        lambda f, c, t: (
            attrs.evolve(
                f,
                service_plan=cr.ServicePlan(
                    date(2026, 2, 20), ("autism", "help with toileting"), ("cinema",), timedelta(hours=3)
                ),
            ),
            c,
            t,
        ),
        "need 2 in the plan's own words names toileting, which no care need describes",
    ),
    (
        "onboarding.initial-risk-assessments",
        cr.Condition.INITIAL_RISK_ASSESSMENTS,
        lambda f, c, t: (attrs.evolve(f, risk_assessments=()), c, t),
        "no risk assessment on file",
    ),
    (
        "onboarding.pre-start-training",
        cr.Condition.PRE_START_TRAINING,
        lambda f, c, t: (f, c, {"st-kim": t["st-kim"], "st-lee": {"autism awareness": FIRST + timedelta(days=1)}}),
        "st-lee lacks 'autism awareness'",
    ),
    (
        "onboarding.contacts",
        cr.Condition.CONTACTS,
        lambda f, c, t: (attrs.evolve(f, secondary_contact=None), c, t),
        "no secondary contact recorded",
    ),
    (
        "onboarding.contacts.phone-number",
        cr.Condition.CONTACT_PHONES,
        lambda f, c, t: (attrs.evolve(f, secondary_contact=cr.Contact(cr.ContactRole.SECONDARY, "Sam Sole")), c, t),
        "the secondary contact has no phone number on file",
    ),
    (
        "onboarding.minimum-age",
        cr.Condition.MINIMUM_AGE,
        lambda f, c, t: (attrs.evolve(f, date_of_birth=date(2018, 3, 21)), c, t),
        "aged 7 on the first session's date (2026-03-20)",
    ),
]


@pytest.mark.parametrize(("rule_id", "condition", "breaks", "detail"), CASES, ids=[c[0] for c in CASES])
def test_each_unmet_start_condition_is_named_by_its_rule(
    rule_id: str, condition: cr.Condition, breaks: Breakage, detail: str
) -> None:
    """How do we get started? / What do we do?: one missing item blocks the start, under its own rule."""
    file, contract, training = breaks(*_ready())
    decision = _check(file, contract, training)
    assert decision.answer.conditions == (condition,)
    (unmet,) = decision.answer.unmet
    assert unmet.rule_id == rule_id
    assert detail in unmet.detail
    assert decision.rule_ids == (rule_id, "onboarding.ready")
    assert cr.BUDDIES.source_for(rule_id) == unmet.source


def test_under_age_says_when_the_person_becomes_eligible() -> None:
    """What do we do?: aged 8 or over, on the local date of the first session."""
    file, contract, training = _ready()
    young = attrs.evolve(file, date_of_birth=date(2018, 3, 21))
    (reason, _) = _check(young, contract, training).reasons
    assert reason.rule_id == "onboarding.minimum-age"
    assert reason.would_change == "eligible from 2026-03-21"
    assert _check(attrs.evolve(file, date_of_birth=date(2018, 3, 20)), contract, training).answer.ready


def test_no_welcome_meeting_is_needed_when_the_key_worker_came_to_registration() -> None:
    """How do we get started?: the exception is cited where it met the condition."""
    file, contract, training = _ready()
    excused = attrs.evolve(file, welcome_meeting_on=None, welcome_meeting_attendees=(), key_worker_at_registration=True)
    decision = _check(excused, contract, training)
    assert decision.answer.ready
    assert decision.rule_ids == (
        "onboarding.welcome-meeting",
        "onboarding.welcome-meeting.key-worker-at-registration",
        "onboarding.ready",
    )
    assert "set aside by" in decision.reasons[0].detail
    held = attrs.evolve(file, key_worker_at_registration=True)
    assert _check(held, contract, training).rule_ids == ("onboarding.ready",)


def test_a_final_risk_assessment_cannot_predate_the_first_session() -> None:
    """How do we get started?: finals follow the review of the drafts in the first sessions."""
    file, _, _ = _ready()
    rule = cr.get_rule("compliance.final-risk-assessment-after-first-session")
    after_first = re.escape(rule.id)
    early = cr.RiskAssessment("cinema", cr.RiskAssessmentStage.FINAL, FIRST - timedelta(days=1))
    with pytest.raises(cr.InvalidInput, match=after_first) as error:
        attrs.evolve(file, risk_assessments=(*file.risk_assessments, early))
    assert error.value.field == "personal_file.risk_assessments[1].dated"
    assert error.value.value == FIRST - timedelta(days=1)
    on_the_day = attrs.evolve(early, dated=FIRST)
    assert attrs.evolve(file, risk_assessments=(on_the_day,)).risk_assessments == (on_the_day,)
    undated = attrs.evolve(file, first_session=None, risk_assessments=(early,))
    at = datetime(2026, 3, 25, 12, tzinfo=LONDON)
    with pytest.raises(cr.InvalidInput, match=after_first):
        cr.check_final_risk_assessment(undated, cr.BUDDIES, at, first_session=FIRST)


@pytest.mark.tz
def test_the_fourteen_days_end_at_local_midnight_in_the_policys_zone() -> None:
    """PRODUCT.md, Time: the deadline is the end of the local day, in British Summer Time here."""
    file, _, _ = _ready()
    last_minute = datetime(2026, 4, 3, 23, 59, tzinfo=LONDON)  # 22:59 UTC
    just_after = datetime(2026, 4, 4, 0, 0, 30, tzinfo=LONDON)  # 23:00:30 UTC on the 3rd
    due = cr.check_final_risk_assessment(file, cr.BUDDIES, last_minute)
    assert due.answer.state is cr.DutyState.DUE
    assert due.answer.due_on == date(2026, 4, 3)
    local_days = next(r for r in due.reasons if r.rule_id == "time.local-days")
    assert "due by the end of 2026-04-03 in Europe/London" in local_days.detail
    late = cr.check_final_risk_assessment(file, cr.BUDDIES, just_after)
    assert late.answer.state is cr.DutyState.OVERDUE
    assert late.answer.overdue_by == timedelta(seconds=30)
    assert "time.local-days" in late.rule_ids


def test_write_ups_need_a_leadership_team_authorisation_in_force() -> None:
    """Maintaining Standards: a write-up goes to a parent only with a leadership-team authorisation."""
    leaders = ("st-ceo",)
    by_leader = cr.WriteUpAuthorisation("su-eve", "st-ceo", date(2026, 3, 1), withdrawn_on=date(2026, 6, 1))
    by_buddy = cr.WriteUpAuthorisation("su-eve", "st-kim", date(2026, 2, 1))
    allowed = cr.may_send_write_up(
        "su-eve", date(2026, 3, 20), authorisations=[by_leader, by_buddy], leadership_team=leaders, policy=cr.BUDDIES
    )
    assert allowed.answer is True
    assert allowed.rule_ids == ("compliance.write-up-authorisation",) * 2
    assert allowed.reasons[0].detail == "authorised by st-ceo of the leadership team"
    assert "st-kim" in allowed.reasons[1].detail
    for day in (date(2026, 2, 20), date(2026, 6, 1)):  # before it, and once withdrawn
        refused = cr.may_send_write_up(
            "su-eve", day, authorisations=[by_leader, by_buddy], leadership_team=leaders, policy=cr.BUDDIES
        )
        assert refused.answer is False
        assert refused.reasons[-1].rule_id == "compliance.write-up-authorisation"
        assert refused.reasons[-1].would_change is not None
    other = cr.may_send_write_up(
        "su-bob", date(2026, 3, 20), authorisations=[by_leader], leadership_team=leaders, policy=cr.BUDDIES
    )
    assert other.answer is False


def test_a_feedback_response_may_be_anonymous() -> None:
    """Maintaining Standards: families may answer the yearly form without giving their name.

    No decision cites ``"compliance.feedback-anonymous"`` (nothing is
    decided about a response); this test checks what it allows, and that it is registered.
    """
    assert cr.BUDDIES.source_for("compliance.feedback-anonymous").section == "Maintaining Standards"
    anonymous = cr.FeedbackResponse(date(2026, 5, 2), comments="Very happy with the cinema trips.")
    assert anonymous.anonymous
    assert anonymous.service_user is None
    assert from_data(to_data(anonymous), cr.FeedbackResponse) == anonymous
    named = cr.FeedbackResponse(date(2026, 5, 2), service_user="su-eve", respondent="Pat Parr")
    assert not named.anonymous
    assert "Pat Parr" not in repr(named)


@pytest.mark.tz
def test_a_weekly_pattern_expands_into_dated_sessions_at_fixed_wall_clock_times() -> None:
    """PRODUCT.md, Personal files: the pattern becomes dated sessions; 15:00 stays 15:00 across the March change."""
    _, contract, _ = _ready()
    schedule = cr.expand_contract(contract, cr.Period(date(2026, 3, 16), date(2026, 4, 5)), cr.BUDDIES)
    starts = [s.start for s in schedule.sessions]
    assert starts == [
        datetime(2026, 3, 20, 15, tzinfo=LONDON),
        datetime(2026, 3, 27, 15, tzinfo=LONDON),
        datetime(2026, 4, 3, 15, tzinfo=LONDON),
    ]
    assert [s.start.utcoffset() for s in schedule.sessions] == [timedelta(0), timedelta(0), timedelta(hours=1)]
    assert {s.duration for s in schedule.sessions} == {timedelta(hours=3)}
    assert all(s.staff == "st-kim" for s in schedule.sessions)
    first = schedule.items[0].explain(cr.BUDDIES)
    assert [r.rule_id for r in first] == ["contracts.weekly-pattern"]
    assert first[0].detail.startswith("Friday 2026-03-20:")
