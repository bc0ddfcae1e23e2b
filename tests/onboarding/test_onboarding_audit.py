"""Audit-grade onboarding checks (issue 15, items 1, 6 and 10): never "done" or "ready" where the document says not.

004_82faaa97975dc483.txt, "How do we get started?" (the final Risk Assessments; the Service Plan detailing needs,
activities and session hours; phone numbers for the primary and secondary contacts; the Service User has met their
Buddies before the sessions begin) and "Compliance / Personal Care" (a Service User who requires personal care is
taken to the CEO immediately). PRODUCT.md, "Onboarding and compliance (Buddies)" and "Personal care".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import carerules as cr
from carerules.strategies import care_needs, personal_files, ready_to_start
from tests.conftest import london
from tests.onboarding.test_onboarding_readiness import FIRST, ready_ada

DRAFT, FINAL = cr.RiskAssessmentStage.DRAFT, cr.RiskAssessmentStage.FINAL
HARBOUR = cr.read_policy_text(
    (Path(__file__).parents[2] / "docs" / "example-provider-policy.json").read_text(encoding="utf-8")
)
TOILETING = cr.Task(cr.Activity.TOILETING, cr.HelpKind.PHYSICAL_ASSISTANCE, cr.Place.OWN_HOME, id="t-toilet")
LUNCH = cr.Task(cr.Activity.EATING_DRINKING, cr.HelpKind.PROMPTING_AND_SUPERVISION, cr.Place.OWN_HOME, id="t-lunch")
SHOES = cr.Task(cr.Activity.FASTENING_SHOES, cr.HelpKind.PHYSICAL_ASSISTANCE, cr.Place.OWN_HOME)
PODIATRIST = cr.Task(cr.Activity.NAIL_CARE, cr.HelpKind.PHYSICAL_ASSISTANCE, cr.Place.OWN_HOME, by_podiatrist=True)


def _drafts(*topics: str) -> tuple[cr.RiskAssessment, ...]:
    return tuple(cr.RiskAssessment(t, DRAFT, date(2026, 3, 1)) for t in topics)


def _final(topic: str, on: date = date(2026, 3, 25)) -> cr.RiskAssessment:
    return cr.RiskAssessment(topic, FINAL, on)


def _finals_duty(risks: tuple[cr.RiskAssessment, ...], day: tuple[int, ...] = (2026, 4, 10, 9)) -> cr.DutyStatus:
    file = cr.PersonalFile("su-ada", risk_assessments=risks, first_session=FIRST)
    return cr.check_final_risk_assessment(file, cr.BUDDIES, london(*day)).answer


# --- Item 1: the final Risk Assessments, one per topic ------------------------------------------------------------


def test_one_final_of_three_drafted_topics_is_not_done_and_names_the_two_still_open() -> None:
    """How do we get started?: "the final Risk Assessments", plural. The issue's worked example."""
    file = cr.PersonalFile(
        "su-ada",
        risk_assessments=(*_drafts("road safety", "swimming", "epilepsy"), _final("road safety")),
        first_session=FIRST,
    )
    decision = cr.check_final_risk_assessment(file, cr.BUDDIES, london(2026, 4, 10, 9))
    assert decision.answer.state is cr.DutyState.OVERDUE
    assert decision.answer.open_topics == ("swimming", "epilepsy")
    assert decision.answer.done_on is None
    assert decision.rule_ids == (
        "compliance.final-risk-assessment",
        "compliance.final-risk-assessment.every-topic",
        "time.local-days",
    )
    assert decision.reasons[0].detail == (
        "first session 2026-03-20; final on file for road safety; still open: swimming, epilepsy; overdue by 6 days 9 h"
    )
    assert decision.reasons[0].would_change == (
        "a final risk assessment for each of swimming, epilepsy on file by the end of 2026-04-03 would have met the"
        " deadline"
    )
    assert (
        decision.reasons[1].detail
        == "3 topic(s) drafted; final on file for road safety; still open: swimming, epilepsy"
    )
    report = cr.compliance_report(cr.BUDDIES, london(2026, 4, 10, 9), files=[file])
    [finding] = report.of_kind(cr.FindingKind.OVERDUE)
    assert "still open: swimming, epilepsy" in finding.detail


CASES: list[tuple[str, tuple[cr.RiskAssessment, ...], cr.DutyState, tuple[str, ...], date | None]] = [
    (
        "every drafted topic has its final: done on the day of the last",
        (*_drafts("road safety", "swimming"), _final("swimming", date(2026, 3, 22)), _final("road safety")),
        cr.DutyState.DONE,
        (),
        date(2026, 3, 25),
    ),
    (
        "topics match ignoring case and spacing",
        (*_drafts("Road Safety"), _final("road  safety")),
        cr.DutyState.DONE,
        (),
        date(2026, 3, 25),
    ),
    (
        "a final on another topic closes nothing drafted",
        (*_drafts("swimming"), _final("cinema")),
        cr.DutyState.OVERDUE,
        ("swimming",),
        None,
    ),
    (
        "a final dated after the instant does not count yet",
        (*_drafts("swimming"), _final("swimming", date(2026, 4, 11))),
        cr.DutyState.OVERDUE,
        ("swimming",),
        None,
    ),
    (
        "finals filed late still close the duty, as done (late)",
        (*_drafts("swimming"), _final("swimming", date(2026, 4, 6))),
        cr.DutyState.DONE,
        (),
        date(2026, 4, 6),
    ),
    (
        "a final with no draft on file is done (nothing else was drafted)",
        (_final("outings"),),
        cr.DutyState.DONE,
        (),
        date(2026, 3, 25),
    ),
    (
        "a draft written later for a new topic reopens the duty",
        (*_drafts("swimming"), _final("swimming"), cr.RiskAssessment("horse riding", DRAFT, date(2026, 4, 8))),
        cr.DutyState.OVERDUE,
        ("horse riding",),
        None,
    ),
]


@pytest.mark.parametrize(("name", "risks", "state", "still_open", "done_on"), CASES, ids=[c[0] for c in CASES])
def test_final_risk_assessments_are_done_only_when_every_drafted_topic_has_a_final(
    name: str, risks: tuple[cr.RiskAssessment, ...], state: cr.DutyState, still_open: tuple[str, ...], done_on: date
) -> None:
    """How do we get started? (compliance.final-risk-assessment.every-topic): each drafted topic needs its final."""
    status = _finals_duty(risks)
    assert (status.state, status.open_topics, status.done_on) == (state, still_open, done_on)


def test_a_late_final_for_the_last_topic_says_how_late() -> None:
    """How do we get started?: no more than 14 days after the first session; later is done, and said to be late."""
    file = cr.PersonalFile(
        "su-ada", risk_assessments=(*_drafts("swimming"), _final("swimming", date(2026, 4, 6))), first_session=FIRST
    )
    decision = cr.check_final_risk_assessment(file, cr.BUDDIES, london(2026, 4, 10, 9))
    assert decision.reasons[0].detail == (
        "a final on file for every topic drafted (swimming), the last dated 2026-04-06, 3 day(s) late"
    )


def test_before_the_first_session_the_open_topics_are_already_listed() -> None:
    status = _finals_duty(_drafts("swimming", "epilepsy"), (2026, 3, 10, 9))
    assert (status.state, status.open_topics) == (cr.DutyState.NOT_STARTED, ("swimming", "epilepsy"))


@given(personal_files(), st.data())
def test_adding_a_final_for_an_open_topic_never_adds_an_open_topic(file: cr.PersonalFile, data: st.DataObject) -> None:
    """compliance.final-risk-assessment.every-topic: a final only ever closes topics."""
    first = file.first_session or date(2026, 3, 20)
    file = attrs.evolve(file, first_session=first)
    at = london(*(first + timedelta(days=data.draw(st.integers(0, 60)))).timetuple()[:3], 12)
    before = cr.check_final_risk_assessment(file, cr.BUDDIES, at).answer
    topic = data.draw(st.sampled_from(before.open_topics)) if before.open_topics else "swimming"
    final = cr.RiskAssessment(topic.upper(), FINAL, data.draw(st.dates(first, first + timedelta(days=30))))
    after = cr.check_final_risk_assessment(
        attrs.evolve(file, risk_assessments=(*file.risk_assessments, final)), cr.BUDDIES, at
    ).answer
    assert set(after.open_topics) <= set(before.open_topics)
    if final.dated <= at.date():
        assert topic not in after.open_topics
    assert (after.state is cr.DutyState.DONE) <= (not after.open_topics)


# --- Item 6: readiness needs real evidence ------------------------------------------------------------------------


PLANS = [
    (cr.ServicePlan(date(2026, 2, 20)), "needs, activities or session hours"),
    (cr.ServicePlan(date(2026, 2, 20), needs=("autism",)), "activities or session hours"),
    (cr.ServicePlan(date(2026, 2, 20), activities=("swimming",), weekly_hours=timedelta(hours=5)), "needs"),
    (cr.ServicePlan(date(2026, 2, 20), needs=("autism",), activities=("swimming",)), "session hours"),
]


@pytest.mark.parametrize(("plan", "gaps"), PLANS, ids=[g for _, g in PLANS])
def test_a_service_plan_missing_needs_activities_or_hours_does_not_count(plan: cr.ServicePlan, gaps: str) -> None:
    """How do we get started?: the Service Plan details needs, activities and session hours
    (onboarding.service-plan.contents)."""
    file, contract, training = ready_ada()
    decision = cr.check_readiness(
        attrs.evolve(file, service_plan=plan), cr.BUDDIES, contract=contract, training=training
    )
    [unmet] = decision.answer.unmet
    assert (unmet.condition, unmet.rule_id) == (cr.Condition.SERVICE_PLAN, "onboarding.service-plan.contents")
    assert unmet.detail == f"the Service Plan of 2026-02-20 gives no {gaps}"


def test_care_needs_alone_are_stated_needs() -> None:
    file, contract, training = ready_ada()
    plan = cr.ServicePlan(
        date(2026, 2, 20), activities=("swimming",), weekly_hours=timedelta(hours=5), care_needs=(cr.CareNeed(SHOES),)
    )
    assert cr.check_readiness(
        attrs.evolve(file, service_plan=plan), cr.BUDDIES, contract=contract, training=training
    ).answer.ready


PHONES: list[tuple[str | None, str | None, str]] = [
    (None, "07700 900002", "the primary contact has no phone number on file"),
    ("07700 900001", "ask at reception", "the secondary contact has no phone number on file"),
    ("", None, "the primary and secondary contacts have no phone number on file"),
]


@pytest.mark.parametrize(("primary", "secondary", "detail"), PHONES, ids=[p[2] for p in PHONES])
def test_a_contact_without_a_phone_number_does_not_count(
    primary: str | None, secondary: str | None, detail: str
) -> None:
    """How do we get started?: the Buddy is given phone numbers for the primary and secondary contacts
    (onboarding.contacts.phone-number). Text with no digits is not a phone number."""
    file, contract, training = ready_ada()
    assert file.primary_contact is not None
    assert file.secondary_contact is not None
    changed = attrs.evolve(
        file,
        primary_contact=attrs.evolve(file.primary_contact, phone=primary or None),
        secondary_contact=attrs.evolve(file.secondary_contact, phone=secondary),
    )
    decision = cr.check_readiness(changed, cr.BUDDIES, contract=contract, training=training)
    [unmet] = decision.answer.unmet
    assert (unmet.condition, unmet.rule_id, unmet.detail) == (
        cr.Condition.CONTACT_PHONES,
        "onboarding.contacts.phone-number",
        detail,
    )


Meetings = tuple[tuple[str, ...], tuple[str, ...]]
MEETINGS: list[tuple[str, Meetings, str | None]] = [
    ("both at the welcome meeting", ((), ("su-ada", "st-kim", "st-lee")), None),
    ("both at the registration meeting", (("su-ada", "st-kim", "st-lee"), ()), None),
    ("key worker at registration, spare at the welcome meeting", (("su-ada", "st-kim"), ("su-ada", "st-lee")), None),
    ("the spare never met", (("su-ada", "st-kim"), ("su-ada", "st-kim")), "has met spare st-lee"),
    ("the Service User missed the meeting", ((), ("st-kim", "st-lee")), "has met key worker st-kim and spare st-lee"),
    ("no attendance recorded", ((), ()), "no attendance is recorded for either meeting"),
]


@pytest.mark.parametrize(("name", "attendees", "problem"), MEETINGS, ids=[m[0] for m in MEETINGS])
def test_the_service_user_has_met_both_buddies_before_sessions_begin(
    name: str, attendees: Meetings, problem: str | None
) -> None:
    """How do we get started?: the welcome meeting ensures "the service user has met their Buddies" before the 1:1
    sessions begin: the key worker and the spare, at the welcome or registration meeting
    (onboarding.met-key-worker-and-spare)."""
    file, contract, training = ready_ada()
    file = attrs.evolve(file, registration_meeting_attendees=attendees[0], welcome_meeting_attendees=attendees[1])
    decision = cr.check_readiness(file, cr.BUDDIES, contract=contract, training=training)
    if problem is None:
        assert decision.answer.ready
        return
    [unmet] = decision.answer.unmet
    assert (unmet.condition, unmet.rule_id) == (
        cr.Condition.MET_KEY_WORKER_AND_SPARE,
        "onboarding.met-key-worker-and-spare",
    )
    assert problem in unmet.detail


def test_a_welcome_meeting_after_the_first_session_shows_no_one_met() -> None:
    """Readiness is judged as the file stood on the first session's date: later attendance is not counted."""
    file, contract, training = ready_ada()
    late = attrs.evolve(file, welcome_meeting_on=FIRST + timedelta(days=1))
    decision = cr.check_readiness(late, cr.BUDDIES, contract=contract, training=training)
    assert decision.answer.conditions == (cr.Condition.WELCOME_MEETING, cr.Condition.MET_KEY_WORKER_AND_SPARE)


REFUSED: list[tuple[str, Callable[[], object], str]] = [
    (
        "attendees for a meeting with no date",
        lambda: cr.PersonalFile("su-ada", welcome_meeting_attendees=("su-ada",)),
        "personal_file.welcome_meeting_attendees",
    ),
    (
        "an attendee listed twice",
        lambda: cr.PersonalFile(
            "su-ada", registration_meeting_on=date(2026, 2, 2), registration_meeting_attendees=("st-kim", "st-kim")
        ),
        "personal_file.registration_meeting_attendees[1]",
    ),
    (
        "an attendee that is not an id",
        lambda: cr.PersonalFile("su-ada", welcome_meeting_on=date(2026, 2, 2), welcome_meeting_attendees=(7,)),  # type: ignore[arg-type]
        "personal_file.welcome_meeting_attendees[0]",
    ),
    (
        "an answer of unclear",
        lambda: cr.CareRuling(cr.CareAnswer.UNCLEAR, "lt-ceo", date(2026, 3, 1)),
        "care_ruling.answer",
    ),
    (
        "an answer that is not the manager's to give",
        lambda: cr.CareRuling(cr.CareAnswer.PODIATRIST_TASK, "lt-ceo", date(2026, 3, 1)),
        "care_ruling.answer",
    ),
    (
        "an answer given by nobody",
        lambda: cr.CareRuling(cr.CareAnswer.PERMITTED, " ", date(2026, 3, 1)),
        "care_ruling.by",
    ),
    ("a care need that is not a Task", lambda: cr.CareNeed("toileting"), "care_need.task"),  # type: ignore[arg-type]
    (
        "care needs that are not CareNeeds",
        lambda: cr.ServicePlan(date(2026, 2, 20), care_needs=(TOILETING,)),  # type: ignore[arg-type]
        "service_plan.care_needs[0]",
    ),
]


@pytest.mark.parametrize(("name", "build", "field"), REFUSED, ids=[r[0] for r in REFUSED])
def test_malformed_evidence_is_refused_naming_the_field(name: str, build: Callable[[], object], field: str) -> None:
    with pytest.raises(cr.InvalidInput) as caught:
        build()
    assert caught.value.field == field


def test_a_care_need_the_policy_does_not_know_is_refused_naming_its_place() -> None:
    plan = cr.ServicePlan(
        date(2026, 2, 20),
        care_needs=(cr.CareNeed(SHOES), cr.CareNeed(cr.Task("applying-sun-cream", cr.HelpKind.ENCOURAGEMENT))),
    )
    with pytest.raises(cr.InvalidInput) as caught:
        cr.check_plan_needs(plan, cr.BUDDIES)
    assert caught.value.field == "service_plan.care_needs[1].task.activity"


# --- Item 10: a plan that needs personal care is escalated ---------------------------------------------------------


def _with_care(*needs: cr.CareNeed, words: tuple[str, ...] = ("autism",)) -> cr.PersonalFile:
    file, _, _ = ready_ada()
    assert file.service_plan is not None
    return attrs.evolve(file, service_plan=attrs.evolve(file.service_plan, needs=words, care_needs=needs))


def test_a_plan_needing_help_with_toileting_blocks_the_start_and_goes_to_the_ceo() -> None:
    """Compliance / Personal Care: "If you feel that a Service User requires personal care then you must speak to the
    CEO immediately" (onboarding.plan-needs.personal-care)."""
    _, contract, training = ready_ada()
    decision = cr.check_readiness(_with_care(cr.CareNeed(TOILETING)), cr.BUDDIES, contract=contract, training=training)
    assert not decision.answer.ready
    assert decision.answer.escalate
    [unmet] = decision.answer.unmet
    assert (unmet.condition, unmet.rule_id) == (cr.Condition.PLAN_PERSONAL_CARE, "onboarding.plan-needs.personal-care")
    assert unmet.detail == (
        "care need t-toilet (physical assistance with toileting at home) is personal care: refuse it and tell the CEO"
        " at once"
    )
    # The care rules' own reasons are cited behind it.
    assert decision.rule_ids[:3] == (
        "onboarding.plan-needs.personal-care",
        "care.personal-care.physical-assistance",
        "care.personal-care.escalate",
    )


def test_the_escalation_names_the_role_the_providers_policy_names() -> None:
    """Any provider's own policy: the escalation goes to whoever that policy names (here the duty manager)."""
    plan = cr.ServicePlan(date(2026, 2, 20), care_needs=(cr.CareNeed(TOILETING),))
    decision = cr.check_plan_needs(plan, HARBOUR)
    assert decision.answer.escalate
    assert decision.reasons[0].detail.endswith("refuse it and tell the duty manager at once")
    renamed = attrs.evolve(cr.BUDDIES, roles={**cr.BUDDIES.roles, "escalation": "the director of care"})
    assert cr.check_plan_needs(plan, renamed).reasons[0].detail.endswith("tell the director of care at once")


def test_the_compliance_report_escalates_a_plan_needing_personal_care_before_and_after_the_start() -> None:
    file = _with_care(cr.CareNeed(TOILETING))
    for at, not_ready in ((london(2026, 3, 1, 9), ("su-ada",)), (london(2026, 4, 1, 9), ())):
        report = cr.compliance_report(cr.BUDDIES, at, files=[file])
        assert report.escalated == ("su-ada",)
        assert report.not_ready == not_ready
        [finding] = report.of_kind(cr.FindingKind.PERSONAL_CARE)
        assert finding.rule_id == "onboarding.plan-needs.personal-care"
        assert finding.source == cr.BUDDIES.source_for("onboarding.plan-needs.personal-care")
        assert finding.source.section == "Compliance / Personal Care"


RULINGS: list[tuple[str, cr.CareRuling | None, cr.Condition | None]] = [
    ("no answer on file: the start waits", None, cr.Condition.PLAN_UNCLEAR),
    (
        "management answered permitted before the start",
        cr.CareRuling(cr.CareAnswer.PERMITTED, "lt-ceo", date(2026, 3, 1)),
        None,
    ),
    (
        "an answer dated after the first session was not there when sessions began",
        cr.CareRuling(cr.CareAnswer.PERMITTED, "lt-ceo", date(2026, 3, 21)),
        cr.Condition.PLAN_UNCLEAR,
    ),
    (
        "management answered personal care: escalated",
        cr.CareRuling(cr.CareAnswer.PERSONAL_CARE, "lt-ceo", date(2026, 3, 1)),
        cr.Condition.PLAN_PERSONAL_CARE,
    ),
]


@pytest.mark.parametrize(("name", "ruling", "blocks"), RULINGS, ids=[r[0] for r in RULINGS])
def test_an_unclear_need_blocks_the_start_until_managements_answer_is_on_file(
    name: str, ruling: cr.CareRuling | None, blocks: cr.Condition | None
) -> None:
    """Compliance / Personal Care: "If you are in any doubt then please speak to Management"
    (onboarding.plan-needs.unclear, a product decision: unclear blocks, it is never a mere warning)."""
    _, contract, training = ready_ada()
    file = _with_care(cr.CareNeed(LUNCH, ruling))
    decision = cr.check_readiness(file, cr.BUDDIES, contract=contract, training=training)
    assert decision.answer.conditions == (() if blocks is None else (blocks,))
    if blocks is cr.Condition.PLAN_UNCLEAR:
        assert decision.answer.unmet[0].rule_id == "onboarding.plan-needs.unclear"
        [missing] = decision.missing  # the care rules' own words for the fact not recorded
        assert missing.startswith("care need t-lunch: ")
    if ruling is not None and blocks is None:
        settled = cr.check_plan_needs(file.service_plan, cr.BUDDIES, on=FIRST)  # type: ignore[arg-type]
        assert settled.answer.settled
        assert "lt-ceo answered 'permitted' on 2026-03-01" in settled.reasons[0].detail


def test_an_answer_of_permitted_never_overrides_personal_care() -> None:
    ruled = cr.CareNeed(TOILETING, cr.CareRuling(cr.CareAnswer.PERMITTED, "lt-ops", date(2026, 3, 1)))
    decision = cr.check_plan_needs(_with_care(ruled).service_plan, cr.BUDDIES)  # type: ignore[arg-type]
    [answer] = decision.answer.answers
    assert (answer.classified, answer.ruling, answer.answer) == (
        cr.CareAnswer.PERSONAL_CARE,
        cr.CareAnswer.PERMITTED,
        cr.CareAnswer.PERSONAL_CARE,
    )
    assert "cannot override the care rules" in decision.reasons[0].detail


WORDS: list[tuple[tuple[str, ...], tuple[cr.CareNeed, ...], tuple[cr.Condition, ...]]] = [
    (("needs help with toileting",), (), (cr.Condition.PLAN_UNDESCRIBED,)),
    (("hair washing after swimming",), (), (cr.Condition.PLAN_UNDESCRIBED,)),
    (("needs help with toileting",), (cr.CareNeed(TOILETING),), (cr.Condition.PLAN_PERSONAL_CARE,)),
    (("shoes and clothing checked",), (cr.CareNeed(SHOES),), ()),
    (("autism", "feedback welcome", "address on file"), (), ()),
    (("nails cut by the podiatrist",), (cr.CareNeed(PODIATRIST),), ()),
]


@pytest.mark.parametrize(("words", "needs", "blocks"), WORDS, ids=[w[0][0] for w in WORDS])
def test_a_need_in_the_plans_own_words_naming_personal_care_must_be_described(
    words: tuple[str, ...], needs: tuple[cr.CareNeed, ...], blocks: tuple[cr.Condition, ...]
) -> None:
    """onboarding.plan-needs.described (product decision): free text cannot be classified, so a need naming an
    activity of the definition waits for a care need in that area; describing it lets the care rules decide."""
    _, contract, training = ready_ada()
    decision = cr.check_readiness(_with_care(*needs, words=words), cr.BUDDIES, contract=contract, training=training)
    assert decision.answer.conditions == blocks


def test_the_plans_own_words_never_reach_an_explanation() -> None:
    """Needs are health details: a finding names the area of the definition, never the words written."""
    _, contract, training = ready_ada()
    decision = cr.check_readiness(
        _with_care(words=("Zqxjv toileting",)), cr.BUDDIES, contract=contract, training=training
    )
    assert "zqxjv" not in decision.explain().lower()
    assert "need 1 in the plan's own words names toileting" in decision.answer.unmet[0].detail


@given(ready_to_start(), st.lists(care_needs(), min_size=1, max_size=3))
def test_readiness_never_passes_when_any_need_is_personal_care(
    case: tuple[cr.PersonalFile, cr.Contract, cr.TrainingRecords], extra: list[cr.CareNeed]
) -> None:
    """Compliance / Personal Care: a plan need the care rules class as personal care always blocks and escalates."""
    file, contract, training = case
    assert file.service_plan is not None
    plan = attrs.evolve(file.service_plan, care_needs=(*file.service_plan.care_needs, *extra))
    decision = cr.check_readiness(
        attrs.evolve(file, service_plan=plan), cr.BUDDIES, contract=contract, training=training
    )
    answers = [cr.classify_task(n.task, cr.BUDDIES).answer for n in plan.care_needs]
    if cr.CareAnswer.PERSONAL_CARE in answers:
        assert not decision.answer.ready
        assert decision.answer.escalate
    if cr.CareAnswer.UNCLEAR in answers and all(n.ruling is None for n in plan.care_needs):
        assert not decision.answer.ready


@given(st.lists(care_needs(), max_size=4), st.data())
def test_plan_needs_agree_with_the_care_rules_need_by_need(needs: list[cr.CareNeed], data: st.DataObject) -> None:
    plan = cr.ServicePlan(date(2026, 2, 20), care_needs=tuple(needs))
    on = data.draw(st.none() | st.dates(date(2024, 1, 1), date(2030, 12, 31)))
    decision = cr.check_plan_needs(plan, cr.BUDDIES, on=on)
    assert len(decision.answer.answers) == len(needs)
    for need, answer in zip(needs, decision.answer.answers, strict=True):
        assert answer.classified is cr.classify_task(need.task, cr.BUDDIES).answer
        counted = need.ruling is not None and (on is None or need.ruling.on <= on)
        if answer.classified is cr.CareAnswer.PERSONAL_CARE:
            assert answer.answer is cr.CareAnswer.PERSONAL_CARE
        elif not counted:
            assert answer.answer is answer.classified
        elif need.ruling is not None and need.ruling.answer is cr.CareAnswer.PERSONAL_CARE:
            assert answer.answer is cr.CareAnswer.PERSONAL_CARE
    escalated = [a for a in decision.answer.answers if a.answer is cr.CareAnswer.PERSONAL_CARE]
    assert decision.answer.escalate is bool(escalated)
    assert decision.rule_ids.count("onboarding.plan-needs.personal-care") == max(1, len(escalated))
