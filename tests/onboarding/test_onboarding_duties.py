"""Deadlines and duties after sessions begin (004 "How do we get started?", "Maintaining Standards")."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import carerules as cr
from carerules.strategies import (
    feedback_forms,
    feedback_responses,
    instants,
    local_dates,
    personal_files,
    write_up_authorisations,
)
from tests.conftest import london

FILE = cr.PersonalFile("su-ada", first_session=date(2026, 3, 20))


@pytest.mark.tz
def test_first_session_on_20_march_means_finals_due_by_the_end_of_3_april() -> None:
    """After no more than 14 days the final Risk Assessments are placed in the personal file."""
    assert cr.final_risk_assessment_due(date(2026, 3, 20), cr.BUDDIES) == date(2026, 4, 3)
    due = cr.final_risk_assessment_deadline(date(2026, 3, 20), cr.BUDDIES)
    assert due == london(2026, 4, 4)
    assert due.utcoffset() == timedelta(hours=1)  # British Summer Time began on 29 March
    assert due.astimezone(UTC) == datetime(2026, 4, 3, 23, 0, tzinfo=UTC)


@pytest.mark.tz
@pytest.mark.parametrize(
    ("at", "state", "overdue_by"),
    [
        (london(2026, 3, 19, 12), cr.DutyState.NOT_STARTED, None),
        (london(2026, 3, 20, 9), cr.DutyState.DUE, None),
        (london(2026, 4, 3, 23, 59), cr.DutyState.DUE, None),
        (london(2026, 4, 4, 0, 0), cr.DutyState.OVERDUE, timedelta(0)),
        (london(2026, 4, 5, 12, 30), cr.DutyState.OVERDUE, timedelta(hours=36, minutes=30)),
    ],
)
def test_final_risk_assessment_is_due_then_overdue_by_how_long(
    at: datetime, state: cr.DutyState, overdue_by: timedelta | None
) -> None:
    decision = cr.check_final_risk_assessment(FILE, cr.BUDDIES, at)
    assert decision.answer.state is state
    assert decision.answer.overdue_by == overdue_by
    assert decision.rule_ids[0] == "compliance.final-risk-assessment"


def test_a_final_risk_assessment_on_file_is_done_and_late_ones_say_so() -> None:
    on_time = attrs.evolve(
        FILE, risk_assessments=(cr.RiskAssessment("outings", cr.RiskAssessmentStage.FINAL, date(2026, 4, 1)),)
    )
    decision = cr.check_final_risk_assessment(on_time, cr.BUDDIES, london(2026, 5, 1))
    assert decision.answer.state is cr.DutyState.DONE
    assert decision.answer.done_on == date(2026, 4, 1)
    late = attrs.evolve(
        FILE, risk_assessments=(cr.RiskAssessment("outings", cr.RiskAssessmentStage.FINAL, date(2026, 4, 6)),)
    )
    assert "3 day(s) late" in cr.check_final_risk_assessment(late, cr.BUDDIES, london(2026, 5, 1)).explain()
    # Before its date arrives, a final assessment does not count yet.
    assert cr.check_final_risk_assessment(late, cr.BUDDIES, london(2026, 4, 5)).answer.state is cr.DutyState.OVERDUE


def test_drafts_do_not_meet_the_final_deadline() -> None:
    drafts = attrs.evolve(
        FILE, risk_assessments=(cr.RiskAssessment("outings", cr.RiskAssessmentStage.DRAFT, date(2026, 3, 1)),)
    )
    assert cr.check_final_risk_assessment(drafts, cr.BUDDIES, london(2026, 4, 10)).answer.state is cr.DutyState.OVERDUE


def test_no_first_session_means_no_deadline_yet_and_says_what_is_missing() -> None:
    decision = cr.check_final_risk_assessment(cr.PersonalFile("su-ben"), cr.BUDDIES, london(2026, 4, 10))
    assert decision.answer.state is cr.DutyState.NOT_STARTED
    assert decision.missing == ("the date of the first 1:1 session",)


def test_a_naive_instant_is_refused() -> None:
    with pytest.raises(cr.InvalidInput) as err:
        cr.check_final_risk_assessment(FILE, cr.BUDDIES, datetime(2026, 4, 1, 12))
    assert err.value.field == "at"


@pytest.fixture
def machine_tz() -> Iterator[None]:
    saved = os.environ.get("TZ")
    yield
    if saved is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = saved
    time.tzset()


@pytest.mark.tz
@pytest.mark.usefixtures("machine_tz")
@given(local_dates(), instants(), st.sampled_from(["America/New_York", "Asia/Kolkata", "Pacific/Chatham", "UTC"]))
def test_deadlines_never_depend_on_the_machine_timezone(first: date, at: datetime, machine: str) -> None:
    file = cr.PersonalFile("su-ada", first_session=first)
    os.environ["TZ"] = "Europe/London"
    time.tzset()
    expected = (
        cr.final_risk_assessment_deadline(first, cr.BUDDIES),
        cr.check_final_risk_assessment(file, cr.BUDDIES, at),
    )
    os.environ["TZ"] = machine
    time.tzset()
    deadline = cr.final_risk_assessment_deadline(first, cr.BUDDIES)
    assert (deadline, cr.check_final_risk_assessment(file, cr.BUDDIES, at)) == expected


@given(local_dates(), instants())
def test_overdue_exactly_when_the_instant_is_past_the_end_of_the_due_day(first: date, at: datetime) -> None:
    file = cr.PersonalFile("su-ada", first_session=first)
    status = cr.check_final_risk_assessment(file, cr.BUDDIES, at).answer
    due = cr.final_risk_assessment_deadline(first, cr.BUDDIES)
    assert status.due_on == cr.final_risk_assessment_due(first, cr.BUDDIES)
    assert status.due_by == due
    assert (status.state is cr.DutyState.OVERDUE) == (at >= due)
    if status.overdue_by is not None:
        assert status.overdue_by == cr.elapsed(due, at)


@pytest.mark.tz
def test_feedback_form_is_due_a_year_after_the_last_one_sent() -> None:
    """Paper feedback forms go to each Service User once a year."""
    forms = [cr.FeedbackForm("su-ada", date(2025, 5, 1)), cr.FeedbackForm("su-ben", date(2026, 1, 1))]
    upcoming = cr.check_feedback("su-ada", cr.BUDDIES, london(2026, 4, 30, 12), forms=forms)
    assert upcoming.answer.state is cr.DutyState.UPCOMING
    assert upcoming.answer.due_on == date(2026, 5, 1)
    assert cr.check_feedback("su-ada", cr.BUDDIES, london(2026, 5, 1, 12), forms=forms).answer.state is cr.DutyState.DUE
    late = cr.check_feedback("su-ada", cr.BUDDIES, london(2026, 5, 3), forms=forms).answer
    assert late.state is cr.DutyState.OVERDUE
    assert late.overdue_by == timedelta(days=1)


def test_with_no_form_sent_the_first_is_due_a_year_after_the_start() -> None:
    decision = cr.check_feedback("su-ada", cr.BUDDIES, london(2026, 6, 1), started_on=date(2025, 9, 1))
    assert decision.answer.due_on == date(2026, 9, 1)
    none = cr.check_feedback("su-ada", cr.BUDDIES, london(2026, 6, 1))
    assert none.answer.state is cr.DutyState.NOT_STARTED
    assert none.missing == ("the date the service started",)


def test_a_form_sent_on_29_february_makes_the_next_due_on_1_march() -> None:
    decision = cr.check_feedback(
        "su-ada", cr.BUDDIES, london(2028, 6, 1), forms=[cr.FeedbackForm("su-ada", date(2028, 2, 29))]
    )
    assert decision.answer.due_on == date(2029, 3, 1)
    assert "onboarding.leap-day-birthday" in decision.rule_ids


@given(st.lists(feedback_forms(service_user="su-ada"), min_size=1, max_size=4), instants())
def test_the_next_form_is_due_a_year_after_the_latest_form_sent_by_then(
    forms: list[cr.FeedbackForm], at: datetime
) -> None:
    today = at.astimezone(cr.BUDDIES.tz).date()
    sent = [f.sent_on for f in forms if f.sent_on <= today]
    decision = cr.check_feedback("su-ada", cr.BUDDIES, at, forms=forms, started_on=date(2020, 1, 1))
    assert decision.answer.due_on == cr.add_years(max(sent, default=date(2020, 1, 1)), 1)


def test_an_anonymous_response_is_valid_and_keeps_its_comments_out_of_repr() -> None:
    response = cr.FeedbackResponse(date(2026, 6, 1), comments="Staff were late twice")
    assert response.anonymous
    assert "late" not in repr(response)


@given(feedback_responses())
def test_responses_need_not_name_their_sender(response: cr.FeedbackResponse) -> None:
    assert response.anonymous is (response.respondent is None)


LEADERS = ("lt-ceo", "lt-ops")


def test_write_ups_need_a_leadership_authorisation() -> None:
    """Write-ups by text or email to a parent need a Leadership Team member's authorisation."""
    by_buddy = cr.WriteUpAuthorisation("su-ada", "st-kim", date(2026, 3, 1))
    refused = cr.may_send_write_up(
        "su-ada", date(2026, 3, 5), authorisations=[by_buddy], leadership_team=LEADERS, policy=cr.BUDDIES
    )
    assert refused.answer is False
    assert "st-kim" in refused.explain()
    assert refused.reasons[-1].would_change is not None
    by_ceo = cr.WriteUpAuthorisation("su-ada", "lt-ceo", date(2026, 3, 4))
    allowed = cr.may_send_write_up(
        "su-ada", date(2026, 3, 5), authorisations=[by_buddy, by_ceo], leadership_team=LEADERS
    )
    assert allowed.answer is True
    assert (
        cr.may_send_write_up(
            "su-ada", date(2026, 3, 3), authorisations=[by_ceo], leadership_team=LEADERS, policy=cr.BUDDIES
        ).answer
        is False
    )
    assert (
        cr.may_send_write_up(
            "su-ben", date(2026, 3, 5), authorisations=[by_ceo], leadership_team=LEADERS, policy=cr.BUDDIES
        ).answer
        is False
    )


def test_a_withdrawn_authorisation_no_longer_counts() -> None:
    auth = cr.WriteUpAuthorisation("su-ada", "lt-ops", date(2026, 3, 1), withdrawn_on=date(2026, 6, 1))
    assert cr.may_send_write_up(
        "su-ada", date(2026, 5, 31), authorisations=[auth], leadership_team=LEADERS, policy=cr.BUDDIES
    ).answer
    assert not cr.may_send_write_up(
        "su-ada", date(2026, 6, 1), authorisations=[auth], leadership_team=LEADERS, policy=cr.BUDDIES
    ).answer


@given(st.lists(write_up_authorisations(service_user="su-ada"), max_size=5), local_dates())
def test_only_leadership_authorisations_ever_allow_a_write_up(auths: list[cr.WriteUpAuthorisation], on: date) -> None:
    decision = cr.may_send_write_up("su-ada", on, authorisations=auths, leadership_team=LEADERS, policy=cr.BUDDIES)
    others = [a for a in auths if a.authorised_by not in LEADERS]
    assert (
        decision.answer
        == cr.may_send_write_up(
            "su-ada", on, authorisations=[a for a in auths if a not in others], leadership_team=LEADERS
        ).answer
    )
    assert decision.answer == any(a.authorised_by in LEADERS and a.in_force(on) for a in auths)


def test_training_that_is_not_pre_start_is_outstanding_not_a_blocker() -> None:
    """Additional training is booked and completed at the earliest opportunity."""
    file = cr.PersonalFile(
        "su-ada",
        agreed_training=(cr.AgreedTraining("first aid"), cr.AgreedTraining("epilepsy awareness", pre_start=True)),
    )
    contract = cr.Contract(
        "c-ada",
        "su-ada",
        "st-kim",
        "st-lee",
        (cr.WeeklySlot(cr.Weekday.MONDAY, london(2026, 1, 1, 9).time(), timedelta(hours=2)),),
        date(2026, 1, 1),
    )
    decision = cr.outstanding_training(file, contract, {"st-kim": {"First  Aid": date(2026, 2, 1)}})
    assert decision.answer == (cr.OutstandingTraining("st-lee", "su-ada", "first aid", pre_start=False),)
    assert decision.rule_ids == ("compliance.training-outstanding",)


@given(personal_files())
def test_final_assessments_never_predate_the_first_session(file: cr.PersonalFile) -> None:
    if file.first_session is not None:
        assert all(ra.dated >= file.first_session for ra in file.final_risk_assessments())


def test_a_final_assessment_dated_before_a_given_first_session_is_refused() -> None:
    """The first session may be passed to the check instead of being on file; the same rule applies."""
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    import pytest

    import carerules as cr

    final = cr.RiskAssessment(topic="outings", stage=cr.RiskAssessmentStage("final"), dated=date(2026, 3, 1))
    with pytest.raises(cr.InvalidInput, match="final-risk-assessment-after-first-session"):
        cr.check_final_risk_assessment(
            cr.PersonalFile("su", risk_assessments=(final,)),
            cr.BUDDIES,
            datetime(2026, 3, 25, tzinfo=ZoneInfo("Europe/London")),
            first_session=date(2026, 3, 20),
        )
