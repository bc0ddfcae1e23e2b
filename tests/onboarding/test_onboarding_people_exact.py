"""Whole answers of readiness with staff members (docs/quality.md, mutation testing).

``004_82faaa97975dc483.txt``, "How do we get started?": sessions begin once
the paperwork is in place and the key worker and spare have done the
pre-start training agreed for the Service User. The key worker and spare are
checked with the matching rules; training is read from the staff members'
own records, as of the first session's local date.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import attrs
import pytest

import carerules as cr
from tests.onboarding.test_onboarding_people import ADA, staff
from tests.onboarding.test_onboarding_readiness import FIRST, ready_ada

EHCP = "[onboarding.other-assessments] copy of EHCP requested 2026-02-02, not yet received"


def test_a_first_session_given_replaces_the_one_on_file() -> None:
    file, contract, _ = ready_ada()
    decision = cr.readiness_with_staff(
        file, cr.BUDDIES, user=ADA, contract=contract, staff=staff(), first_session=date(2026, 3, 13)
    )
    assert decision.answer == cr.Readiness(
        "su-ada", date(2026, 3, 13), (), ("copy of EHCP requested 2026-02-02, not yet received",)
    )
    assert decision.explain() == (f"{EHCP}\n[onboarding.ready] 15 of 15 conditions checked are met; sessions may begin")
    on_file = cr.readiness_with_staff(file, cr.BUDDIES, user=ADA, contract=contract, staff=staff())
    assert on_file.answer.first_session == FIRST


@pytest.mark.tz
def test_an_instant_given_as_the_first_session_counts_training_and_paperwork_as_of_its_local_date() -> None:
    """23:30 UTC on 1 March is 1 March in London: Kim finished that day, Lee the next; the welcome (where Ada met
    both) is later."""
    file, contract, _ = ready_ada()
    at = datetime(2026, 3, 1, 23, 30, tzinfo=ZoneInfo("UTC"))
    decision = cr.readiness_with_staff(file, cr.BUDDIES, user=ADA, contract=contract, staff=staff(), first_session=at)
    assert decision.answer.first_session == date(2026, 3, 1)
    assert decision.answer.conditions == (
        cr.Condition.WELCOME_MEETING,
        cr.Condition.MET_KEY_WORKER_AND_SPARE,
        cr.Condition.PRE_START_TRAINING,
    )
    assert decision.explain().splitlines() == [
        "[onboarding.welcome-meeting] no welcome meeting on file"
        " (not needed if the key worker attended the registration meeting)",
        "[onboarding.met-key-worker-and-spare] nothing on file shows su-ada has met key worker st-kim and spare st-lee;"
        " no attendance is recorded for either meeting"
        " (attendance at the welcome or registration meeting showing su-ada with both)",
        "[onboarding.pre-start-training] pre-start training not completed by 2026-03-01:"
        " st-lee lacks 'epilepsy awareness'",
        EHCP,
        "[onboarding.ready] 12 of 15 conditions checked are met; sessions may not begin yet",
    ]


def test_a_naive_first_session_is_refused_naming_it() -> None:
    file, contract, _ = ready_ada()
    naive = datetime(2026, 3, 1, 9)
    with pytest.raises(cr.InvalidInput) as err:
        cr.readiness_with_staff(file, cr.BUDDIES, user=ADA, contract=contract, staff=staff(), first_session=naive)
    assert (err.value.field, err.value.value) == ("first_session", naive)


@pytest.mark.parametrize(
    ("change", "refusal"),
    [
        (
            {"user": attrs.evolve(ADA, id="su-ben")},
            ("user", "su-ben", "the file's Service User (su-ada)"),
        ),
        (
            {"staff": staff()[1:]},
            ("contract.key_worker", "st-kim", "a staff member listed in staff"),
        ),
        (
            {"staff": staff()[:1]},
            ("contract.spare", "st-lee", "a staff member listed in staff"),
        ),
    ],
)
def test_refusals_name_the_field_the_value_and_what_was_expected(
    change: dict[str, object], refusal: tuple[str, object, str]
) -> None:
    file, contract, _ = ready_ada()
    arguments: dict[str, object] = {"user": ADA, "contract": contract, "staff": staff(), **change}
    with pytest.raises(cr.InvalidInput) as err:
        cr.readiness_with_staff(file, cr.BUDDIES, **arguments)  # type: ignore[arg-type]
    assert (err.value.field, err.value.value, err.value.expected) == refusal


def test_staff_training_is_read_course_by_course_leaving_out_courses_not_completed() -> None:
    team = [
        cr.StaffMember(
            "st-kim",
            "Kim",
            training=(cr.TrainingRecord("epilepsy awareness", date(2026, 3, 1)), cr.TrainingRecord("makaton", None)),
        ),
        cr.StaffMember("st-lee", "Lee"),
    ]
    assert cr.training_from_staff(team) == {"st-kim": {"epilepsy awareness": date(2026, 3, 1)}, "st-lee": {}}
