"""Whole answers of the duties after sessions begin (docs/quality.md, mutation testing).

Each test pins everything a reader or caller sees: every field of the
status, every line of the explanation with its rule id, what is missing, and
the field named by each refusal. The clauses are those of
``004_82faaa97975dc483.txt``, "How do we get started?" (final risk
assessments within 14 days of the first session) and "Maintaining Standards"
(yearly feedback forms, write-ups by text or email only with a Leadership
Team member's authorisation, training booked at the earliest opportunity).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import attrs
import pytest

import carerules as cr
from tests.conftest import london

FILE = cr.PersonalFile("su-ada", first_session=date(2026, 3, 20))
DUE_BY = london(2026, 4, 4)
COUNTED = "[time.local-days] due by the end of 2026-04-03 in Europe/London: 2026-04-04 00:00 +01:00"
FINAL = "compliance.final-risk-assessment"


def _final(day: date, topic: str = "outings") -> cr.RiskAssessment:
    return cr.RiskAssessment(topic, cr.RiskAssessmentStage.FINAL, day)


def _with_finals(*days: date) -> cr.PersonalFile:
    return attrs.evolve(FILE, risk_assessments=tuple(_final(d, f"topic-{i}") for i, d in enumerate(days)))


# --- final risk assessments -------------------------------------------------------------


@pytest.mark.tz
def test_an_instant_given_as_the_first_session_is_read_as_its_local_date_in_the_policy_zone() -> None:
    """20:00 in New York (EDT) on 20 March is midnight starting 21 March in London (GMT): due a day later."""
    new_york = datetime(2026, 3, 20, 20, tzinfo=ZoneInfo("America/New_York"))
    assert cr.final_risk_assessment_deadline(new_york, cr.BUDDIES) == london(2026, 4, 5)
    assert cr.final_risk_assessment_due(new_york, cr.BUDDIES) == date(2026, 4, 4)
    assert cr.final_risk_assessment_deadline(new_york - timedelta(microseconds=1), cr.BUDDIES) == (DUE_BY)
    assert cr.final_risk_assessment_due(new_york - timedelta(microseconds=1), cr.BUDDIES) == date(2026, 4, 3)


def test_the_number_of_days_comes_from_the_policy() -> None:
    policy = attrs.evolve(
        cr.BUDDIES, onboarding=attrs.evolve(cr.BUDDIES.onboarding_on(date.max), final_risk_assessment_days=3)
    )
    assert cr.final_risk_assessment_due(date(2026, 3, 20), policy) == date(2026, 3, 23)
    assert cr.final_risk_assessment_deadline(date(2026, 3, 20), policy) == london(2026, 3, 24)
    decision = cr.check_final_risk_assessment(FILE, policy, london(2026, 3, 24))
    assert decision.answer == cr.DutyStatus(
        "su-ada", "final-risk-assessment", cr.DutyState.OVERDUE, date(2026, 3, 23), london(2026, 3, 24), timedelta(0)
    )


def test_before_the_first_session_the_duty_has_not_started_but_its_deadline_is_known() -> None:
    decision = cr.check_final_risk_assessment(FILE, cr.BUDDIES, london(2026, 3, 19, 23, 59))
    assert decision.answer == cr.DutyStatus(
        "su-ada", "final-risk-assessment", cr.DutyState.NOT_STARTED, date(2026, 4, 3), DUE_BY
    )
    assert decision.explain() == (
        f"[{FINAL}] sessions begin on 2026-03-20; finals will be due by the end of 2026-04-03\n{COUNTED}"
    )
    assert decision.missing == ()
    assert [r.would_change for r in decision.reasons] == [None, None]


@pytest.mark.tz
def test_on_the_first_session_day_the_duty_is_due_with_the_real_time_left_across_the_clock_change() -> None:
    """09:00 GMT on 20 March to midnight BST ending 3 April is 14 days 14 hours, not 15 hours."""
    decision = cr.check_final_risk_assessment(FILE, cr.BUDDIES, london(2026, 3, 20, 9))
    assert decision.answer == cr.DutyStatus(
        "su-ada", "final-risk-assessment", cr.DutyState.DUE, date(2026, 4, 3), DUE_BY
    )
    assert decision.explain() == (
        f"[{FINAL}] first session 2026-03-20; no final risk assessment on file; 14 days 14 h left"
        f" (overdue from 2026-04-04 00:00 +01:00)\n{COUNTED}"
    )
    assert decision.missing == ()


def test_at_the_first_instant_of_the_day_after_the_deadline_it_is_overdue_by_nothing_yet() -> None:
    decision = cr.check_final_risk_assessment(FILE, cr.BUDDIES, DUE_BY)
    assert decision.answer == cr.DutyStatus(
        "su-ada", "final-risk-assessment", cr.DutyState.OVERDUE, date(2026, 4, 3), DUE_BY, timedelta(0)
    )
    assert decision.explain() == (
        f"[{FINAL}] first session 2026-03-20; no final risk assessment on file; overdue by 0 s"
        " (a final risk assessment on file by the end of 2026-04-03 would have met the deadline)"
        f"\n{COUNTED}"
    )


def test_one_microsecond_before_the_deadline_it_is_still_due() -> None:
    at = DUE_BY - timedelta(microseconds=1)
    decision = cr.check_final_risk_assessment(FILE, cr.BUDDIES, at)
    assert decision.answer.state is cr.DutyState.DUE
    assert decision.answer.overdue_by is None


def test_overdue_by_days_is_worded_in_days_and_hours() -> None:
    decision = cr.check_final_risk_assessment(FILE, cr.BUDDIES, london(2026, 4, 7, 6))
    assert decision.answer.overdue_by == timedelta(days=3, hours=6)
    assert decision.reasons[0].detail == (
        "first session 2026-03-20; no final risk assessment on file; overdue by 3 days 6 h"
    )


def test_a_final_on_the_deadline_day_is_on_time_and_the_earliest_final_is_the_one_that_counts() -> None:
    decision = cr.check_final_risk_assessment(
        _with_finals(date(2026, 4, 10), date(2026, 4, 3), date(2026, 3, 25)), cr.BUDDIES, london(2026, 5, 1)
    )
    assert decision.answer == cr.DutyStatus(
        "su-ada", "final-risk-assessment", cr.DutyState.DONE, date(2026, 4, 3), DUE_BY, None, date(2026, 3, 25)
    )
    assert decision.explain() == f"[{FINAL}] final risk assessment on file dated 2026-03-25\n{COUNTED}"
    on_the_day = cr.check_final_risk_assessment(_with_finals(date(2026, 4, 3)), cr.BUDDIES, london(2026, 5, 1))
    assert on_the_day.reasons[0].detail == "final risk assessment on file dated 2026-04-03"
    assert on_the_day.answer.done_on == date(2026, 4, 3)


def test_a_late_final_is_done_and_says_how_many_days_late() -> None:
    decision = cr.check_final_risk_assessment(_with_finals(date(2026, 4, 4)), cr.BUDDIES, london(2026, 4, 4, 8))
    assert decision.answer == cr.DutyStatus(
        "su-ada", "final-risk-assessment", cr.DutyState.DONE, date(2026, 4, 3), DUE_BY, None, date(2026, 4, 4)
    )
    assert decision.reasons[0].detail == "final risk assessment on file dated 2026-04-04, 1 day(s) late"


def test_a_final_counts_from_the_local_day_it_is_dated_not_before() -> None:
    """At 23:30 UTC on 4 April it is already 5 April in London (BST), so a final dated 5 April counts."""
    file = _with_finals(date(2026, 4, 5))
    utc = ZoneInfo("UTC")
    assert (
        cr.check_final_risk_assessment(file, cr.BUDDIES, datetime(2026, 4, 4, 23, 30, tzinfo=utc)).answer.state
        is cr.DutyState.DONE
    )
    assert (
        cr.check_final_risk_assessment(file, cr.BUDDIES, datetime(2026, 4, 4, 22, 30, tzinfo=utc)).answer.state
        is cr.DutyState.OVERDUE
    )


def test_a_first_session_passed_in_replaces_the_one_on_file_and_may_be_an_instant() -> None:
    later = cr.check_final_risk_assessment(FILE, cr.BUDDIES, london(2026, 4, 10), first_session=london(2026, 4, 1, 10))
    assert later.answer == cr.DutyStatus(
        "su-ada", "final-risk-assessment", cr.DutyState.DUE, date(2026, 4, 15), london(2026, 4, 16)
    )
    assert later.reasons[0].detail.startswith("first session 2026-04-01; ")
    unknown = cr.check_final_risk_assessment(
        cr.PersonalFile("su-ben"), cr.BUDDIES, london(2026, 3, 25), first_session=date(2026, 3, 20)
    )
    assert unknown.answer.state is cr.DutyState.DUE
    assert unknown.answer.due_on == date(2026, 4, 3)


def test_without_a_first_session_the_answer_says_what_is_missing_and_nothing_else() -> None:
    decision = cr.check_final_risk_assessment(cr.PersonalFile("su-ben"), cr.BUDDIES, london(2026, 4, 10))
    assert decision.answer == cr.DutyStatus("su-ben", "final-risk-assessment", cr.DutyState.NOT_STARTED)
    assert decision.explain() == (
        f"[{FINAL}] no first session on file, so no deadline yet\nmissing: the date of the first 1:1 session"
    )
    assert decision.missing == ("the date of the first 1:1 session",)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: cr.check_final_risk_assessment(FILE, cr.BUDDIES, datetime(2026, 4, 1)), "at"),
        (
            lambda: cr.check_final_risk_assessment(
                FILE, cr.BUDDIES, london(2026, 4, 1), first_session=datetime(2026, 3, 20, 9)
            ),
            "first_session",
        ),
        (lambda: cr.final_risk_assessment_due(date(9999, 12, 25), cr.BUDDIES), "first_session"),
        (lambda: cr.final_risk_assessment_due(datetime(2026, 3, 20, 9), cr.BUDDIES), "first_session"),
        (lambda: cr.final_risk_assessment_deadline(date(9999, 12, 25), cr.BUDDIES), "first_session"),
    ],
)
def test_refusals_name_the_field(call: object, field: str) -> None:
    with pytest.raises(cr.InvalidInput) as err:
        call()  # type: ignore[operator]
    assert err.value.field == field


# --- feedback forms ---------------------------------------------------------------------

FEEDBACK = "compliance.feedback-yearly"
FORMS = (
    cr.FeedbackForm("su-ada", date(2024, 5, 1)),
    cr.FeedbackForm("su-ada", date(2025, 5, 1)),
    cr.FeedbackForm("su-ben", date(2026, 1, 1)),
)


def test_a_form_not_yet_due_is_upcoming_with_its_due_day_and_deadline() -> None:
    decision = cr.check_feedback("su-ada", cr.BUDDIES, london(2026, 4, 30, 23, 59), forms=FORMS)
    assert decision.answer == cr.DutyStatus(
        "su-ada", "feedback-form", cr.DutyState.UPCOMING, date(2026, 5, 1), london(2026, 5, 2)
    )
    assert decision.explain() == f"[{FEEDBACK}] last form sent 2025-05-01; next due on 2026-05-01"
    assert decision.missing == ()


def test_on_its_day_a_form_is_due_today() -> None:
    decision = cr.check_feedback("su-ada", cr.BUDDIES, london(2026, 5, 1), forms=FORMS)
    assert decision.answer == cr.DutyStatus(
        "su-ada", "feedback-form", cr.DutyState.DUE, date(2026, 5, 1), london(2026, 5, 2)
    )
    assert decision.explain() == f"[{FEEDBACK}] last form sent 2025-05-01; next due today (2026-05-01)"
    late_evening = cr.check_feedback("su-ada", cr.BUDDIES, london(2026, 5, 2) - timedelta(microseconds=1), forms=FORMS)
    assert late_evening.answer.state is cr.DutyState.DUE


def test_after_its_day_a_form_is_overdue_by_the_time_since_that_day_ended() -> None:
    decision = cr.check_feedback("su-ada", cr.BUDDIES, london(2026, 5, 2), forms=FORMS)
    assert decision.answer == cr.DutyStatus(
        "su-ada", "feedback-form", cr.DutyState.OVERDUE, date(2026, 5, 1), london(2026, 5, 2), timedelta(0)
    )
    later = cr.check_feedback("su-ada", cr.BUDDIES, london(2026, 5, 5, 12), forms=FORMS)
    assert later.answer.overdue_by == timedelta(days=3, hours=12)
    assert later.explain() == (
        f"[{FEEDBACK}] last form sent 2025-05-01; next was due on 2026-05-01, overdue by 3 days 12 h"
    )


def test_a_form_sent_today_counts_and_one_dated_tomorrow_does_not() -> None:
    forms = (*FORMS, cr.FeedbackForm("su-ada", date(2026, 5, 3)))
    today = cr.check_feedback("su-ada", cr.BUDDIES, london(2026, 5, 3, 9), forms=forms)
    assert today.answer.due_on == date(2027, 5, 3)
    assert today.answer.state is cr.DutyState.UPCOMING
    yesterday = cr.check_feedback("su-ada", cr.BUDDIES, london(2026, 5, 2, 23, 59), forms=forms)
    assert yesterday.answer.due_on == date(2026, 5, 1)
    assert yesterday.answer.state is cr.DutyState.OVERDUE


def test_forms_of_other_service_users_are_ignored_and_the_start_date_is_used_instead() -> None:
    decision = cr.check_feedback("su-cy", cr.BUDDIES, london(2026, 6, 1), forms=FORMS, started_on=date(2025, 9, 1))
    assert decision.answer == cr.DutyStatus(
        "su-cy", "feedback-form", cr.DutyState.UPCOMING, date(2026, 9, 1), london(2026, 9, 2)
    )
    assert decision.explain() == (f"[{FEEDBACK}] no form sent yet; service started 2025-09-01; next due on 2026-09-01")


def test_a_form_sent_wins_over_the_start_date() -> None:
    decision = cr.check_feedback("su-ada", cr.BUDDIES, london(2026, 4, 1), forms=FORMS, started_on=date(2020, 1, 1))
    assert decision.answer.due_on == date(2026, 5, 1)


def test_with_neither_form_nor_start_date_the_answer_says_what_is_missing() -> None:
    decision = cr.check_feedback("su-cy", cr.BUDDIES, london(2026, 6, 1), forms=FORMS)
    assert decision.answer == cr.DutyStatus("su-cy", "feedback-form", cr.DutyState.NOT_STARTED)
    assert decision.explain() == (
        f"[{FEEDBACK}] no form sent and no start date on file\nmissing: the date the service started"
    )
    assert decision.missing == ("the date the service started",)


def test_the_interval_comes_from_the_policy_and_a_leap_day_is_only_noted_when_it_moves() -> None:
    every_four = attrs.evolve(
        cr.BUDDIES, onboarding=attrs.evolve(cr.BUDDIES.onboarding_on(date.max), feedback_every_years=4)
    )
    leap = (cr.FeedbackForm("su-ada", date(2028, 2, 29)),)
    kept = cr.check_feedback("su-ada", every_four, london(2029, 1, 1), forms=leap)
    assert kept.answer.due_on == date(2032, 2, 29)
    assert kept.rule_ids == (FEEDBACK,)
    moved = cr.check_feedback("su-ada", cr.BUDDIES, london(2029, 1, 1), forms=leap)
    assert moved.answer.due_on == date(2029, 3, 1)
    assert moved.explain() == (
        f"[{FEEDBACK}] last form sent 2028-02-29; next due on 2029-03-01\n"
        "[onboarding.leap-day-birthday] a year after 2028-02-29 is 2029-03-01"
    )


def test_a_start_on_1_march_is_not_a_leap_day() -> None:
    decision = cr.check_feedback("su-ada", cr.BUDDIES, london(2028, 1, 1), started_on=date(2027, 3, 1))
    assert decision.answer.due_on == date(2028, 3, 1)
    assert decision.rule_ids == (FEEDBACK,)


def test_feedback_refuses_a_naive_instant() -> None:
    with pytest.raises(cr.InvalidInput) as err:
        cr.check_feedback("su-ada", cr.BUDDIES, datetime(2026, 6, 1), forms=FORMS)
    assert err.value.field == "at"


def test_a_response_is_anonymous_only_without_a_respondent() -> None:
    assert cr.FeedbackResponse(date(2026, 6, 1)).anonymous is True
    assert cr.FeedbackResponse(date(2026, 6, 1), "su-ada", "a parent").anonymous is False


# --- write-ups --------------------------------------------------------------------------

WRITE_UP = "compliance.write-up-authorisation"
LEADERS = ("lt-ceo", "lt-ops")


def test_an_authorisation_is_in_force_from_its_day_until_the_day_it_is_withdrawn() -> None:
    auth = cr.WriteUpAuthorisation("su-ada", "lt-ops", date(2026, 3, 1), withdrawn_on=date(2026, 6, 1))
    assert [auth.in_force(d) for d in (date(2026, 2, 28), date(2026, 3, 1), date(2026, 5, 31), date(2026, 6, 1))] == [
        False,
        True,
        True,
        False,
    ]
    assert cr.WriteUpAuthorisation("su-ada", "lt-ops", date(2026, 3, 1)).in_force(date(2999, 1, 1))


def test_every_leader_who_authorised_is_named_once_in_order_and_others_are_set_aside() -> None:
    auths = [
        cr.WriteUpAuthorisation("su-ada", "lt-ops", date(2026, 3, 2)),
        cr.WriteUpAuthorisation("su-ada", "st-kim", date(2026, 3, 1)),
        cr.WriteUpAuthorisation("su-ada", "lt-ceo", date(2026, 3, 3)),
        cr.WriteUpAuthorisation("su-ada", "lt-ops", date(2026, 3, 4)),
        cr.WriteUpAuthorisation("su-ben", "st-max", date(2026, 3, 1)),
        cr.WriteUpAuthorisation("su-ada", "st-lee", date(2026, 3, 9)),
    ]
    decision = cr.may_send_write_up(
        "su-ada", date(2026, 3, 5), authorisations=auths, leadership_team=LEADERS, policy=cr.BUDDIES
    )
    assert decision.answer is True
    assert decision.explain() == (
        f"[{WRITE_UP}] authorised by lt-ceo, lt-ops of the leadership team\n"
        f"[{WRITE_UP}] authorisation by st-kim (from 2026-03-01) does not count: not on the leadership team"
    )
    assert [r.would_change for r in decision.reasons] == [None, None]
    assert decision.missing == ()


def test_without_a_leader_in_force_the_answer_is_no_and_says_what_would_allow_it() -> None:
    auths = [
        cr.WriteUpAuthorisation("su-ada", "st-kim", date(2026, 3, 1)),
        cr.WriteUpAuthorisation("su-ada", "lt-ceo", date(2026, 3, 1), withdrawn_on=date(2026, 3, 5)),
    ]
    decision = cr.may_send_write_up(
        "su-ada", date(2026, 3, 5), authorisations=auths, leadership_team=iter(LEADERS), policy=cr.BUDDIES
    )
    assert decision.answer is False
    assert decision.explain() == (
        f"[{WRITE_UP}] authorisation by st-kim (from 2026-03-01) does not count: not on the leadership team\n"
        f"[{WRITE_UP}] no authorisation in force from a member of the leadership team"
        " (an authorisation from a member of the leadership team would allow write-ups)"
    )
    nothing = cr.may_send_write_up(
        "su-ada", date(2026, 3, 5), authorisations=(), leadership_team=LEADERS, policy=cr.BUDDIES
    )
    assert nothing.answer is False
    assert len(nothing.reasons) == 1


# --- training ---------------------------------------------------------------------------

OUTSTANDING = "compliance.training-outstanding"
AGREED = cr.PersonalFile(
    "su-ada",
    agreed_training=(
        cr.AgreedTraining("First Aid"),
        cr.AgreedTraining("epilepsy awareness", pre_start=True),
        cr.AgreedTraining("makaton"),
    ),
)
CONTRACT = cr.Contract(
    "c-ada",
    "su-ada",
    "st-kim",
    "st-lee",
    (cr.WeeklySlot(cr.Weekday.MONDAY, time(9), timedelta(hours=2)),),
    date(2026, 1, 1),
)


def test_outstanding_training_lists_key_worker_then_spare_in_the_agreed_order_ignoring_case_and_spacing() -> None:
    records = {"st-kim": {"first  aid": date(2026, 2, 1)}, "st-lee": {"MAKATON": date(2026, 2, 1)}}
    decision = cr.outstanding_training(AGREED, CONTRACT, records)
    assert decision.answer == (
        cr.OutstandingTraining("st-kim", "su-ada", "makaton", pre_start=False),
        cr.OutstandingTraining("st-lee", "su-ada", "First Aid", pre_start=False),
    )
    assert decision.explain() == (
        f"[{OUTSTANDING}] st-kim has not completed 'makaton'; book at the earliest opportunity\n"
        f"[{OUTSTANDING}] st-lee has not completed 'First Aid'; book at the earliest opportunity"
    )


def test_with_everything_completed_nothing_is_outstanding_and_pre_start_training_is_not_listed() -> None:
    done = {"first aid": date(2026, 2, 1), "makaton": date(2026, 2, 1)}
    decision = cr.outstanding_training(AGREED, CONTRACT, {"st-kim": done, "st-lee": done})
    assert decision.answer == ()
    assert decision.explain() == f"[{OUTSTANDING}] no agreed training outstanding for key worker or spare"


def test_pre_start_training_completed_after_a_given_day_is_still_missing_on_that_day() -> None:
    from carerules._onboarding._duties import missing_training

    records = {"st-kim": {"Epilepsy Awareness": date(2026, 3, 10)}, "st-lee": {"epilepsy awareness": date(2026, 3, 9)}}
    lacking = missing_training(AGREED, CONTRACT, records, pre_start=True, on=date(2026, 3, 9))
    assert lacking == (cr.OutstandingTraining("st-kim", "su-ada", "epilepsy awareness", pre_start=True),)
    assert missing_training(AGREED, CONTRACT, records, pre_start=True) == ()


@pytest.mark.parametrize(
    ("records", "field"),
    [
        ([("st-kim", {})], "training"),
        ({"st-kim": ["first aid"]}, "training['st-kim']"),
        ({1: {}}, "training[1]"),
        ({"st-kim": {2: date(2026, 1, 1)}}, "training['st-kim'][2]"),
        ({"st-kim": {"first aid": "2026-01-01"}}, "training['st-kim']['first aid']"),
        ({"st-kim": {"first aid": datetime(2026, 1, 1, 9)}}, "training['st-kim']['first aid']"),
    ],
)
def test_malformed_training_records_are_refused_naming_the_place(records: object, field: str) -> None:
    with pytest.raises(cr.InvalidInput) as err:
        cr.outstanding_training(AGREED, CONTRACT, records)  # type: ignore[arg-type]
    assert err.value.field == field


def test_an_instant_with_no_local_date_is_refused_naming_it() -> None:
    """23:00 on 31 December 9999 in New York would be in the year 10000 in London."""
    end_of_time = datetime(9999, 12, 31, 23, tzinfo=ZoneInfo("America/New_York"))
    with pytest.raises(cr.InvalidInput) as err:
        cr.check_final_risk_assessment(FILE, cr.BUDDIES, end_of_time)
    assert (err.value.field, err.value.value) == ("at", end_of_time)
    with pytest.raises(cr.InvalidInput) as err:
        cr.check_feedback("su-ada", cr.BUDDIES, end_of_time, started_on=date(2026, 1, 1))
    assert (err.value.field, err.value.value) == ("at", end_of_time)


def test_a_first_session_on_file_too_late_for_a_deadline_is_refused_naming_it() -> None:
    with pytest.raises(cr.InvalidInput) as err:
        cr.check_final_risk_assessment(
            cr.PersonalFile("su-ada", first_session=date(9999, 12, 25)), cr.BUDDIES, london(2026, 4, 1)
        )
    assert (err.value.field, err.value.value) == ("first_session", date(9999, 12, 25))


@pytest.mark.parametrize(
    ("records", "field", "value", "expected"),
    [
        (["st-kim"], "onboarding.training", ["st-kim"], "a mapping of staff id to {training name: completion date}"),
        (
            {"st-kim": ["first aid"]},
            "onboarding.training['st-kim']",
            ["first aid"],
            "a mapping of training name to a completion date",
        ),
        (
            {"st-kim": {"first aid": "2026-01-01"}},
            "onboarding.training['st-kim']['first aid']",
            "2026-01-01",
            "a completion date (datetime.date)",
        ),
    ],
)
def test_training_records_read_from_a_file_are_refused_with_the_place_value_and_expectation(
    records: object, field: str, value: object, expected: str
) -> None:
    from carerules._onboarding._duties import check_training_records

    with pytest.raises(cr.InvalidInput) as err:
        check_training_records(records, "onboarding.training")
    assert (err.value.field, err.value.value, err.value.expected) == (field, value, expected)
    good = {"st-kim": {"first aid": date(2026, 1, 1)}}
    assert check_training_records(good) is good
