"""Whole answers of checking and suggesting a key worker and spare (mutation-testing companions).

Each test pins every failure, every reason's text and rule id, and the
suggested match, so a changed comparison, count or word fails here.
"""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from carerules import (
    BUDDIES,
    InvalidInput,
    Match,
    MatchingPolicy,
    ServiceUser,
    StaffMember,
    TrainingRecord,
    check_pair,
    suggest_pair,
)

#: The local date of the first session that suggested pairs are judged on (training counts from then).
FIRST_SESSION = date(2027, 1, 4)

ADA = ServiceUser(
    "su-ada",
    "Ada",
    date(2014, 6, 1),
    interests=frozenset({"cinema", "swimming", "trains"}),
    traits=frozenset({"anxious", "creative"}),
    required_training=frozenset({"epilepsy awareness"}),
)
TRAINED = (TrainingRecord("epilepsy awareness", date(2025, 9, 1)),)
FAY = StaffMember(
    "st-fay",
    "Fay",
    interests=frozenset({"cinema", "trains"}),
    traits=frozenset({"calm", "creative"}),
    training=TRAINED,
    key_capacity=2,
    spare_capacity=1,
)
GUS = StaffMember(
    "st-gus",
    "Gus",
    interests=frozenset({"swimming", "cinema"}),
    traits=frozenset({"creative"}),
    training=TRAINED,
    key_capacity=1,
    spare_capacity=2,
)
HAL = StaffMember("st-hal", "Hal", interests=frozenset({"cinema", "swimming", "trains"}), traits=frozenset({"calm"}))
# Bo's match counts against Fay and Gus; Ada's own old match is being replaced and does not.
EXISTING = (Match("su-bo", "st-fay", "st-gus"), Match("su-ada", "st-gus", "st-fay"))
CHECKS_FAY_GUS = [
    "[matching.key-worker-and-spare] proposed key worker st-fay, spare st-gus for su-ada",
    "[matching.different-people] key worker st-fay and spare st-gus are different people",
    "[matching.pre-start-training] key worker st-fay holds every pre-start course su-ada needs (epilepsy awareness)",
    "[matching.pre-start-training] spare st-gus holds every pre-start course su-ada needs (epilepsy awareness)",
]
CAPACITY_FAY_GUS = [
    "[matching.capacity] st-fay is key worker for 1 other Service User(s) of a capacity of 2",
    "[matching.capacity] st-gus is spare for 1 other Service User(s) of a capacity of 2",
]


def _texts(reasons: object) -> list[str]:
    return [str(r) for r in reasons]  # type: ignore[attr-defined]


def test_a_valid_pair_passes_every_check_and_says_so() -> None:
    decision = check_pair(ADA, FAY, GUS, BUDDIES, existing=EXISTING, on=date(2025, 9, 1))
    assert decision.answer.match == Match("su-ada", "st-fay", "st-gus")
    assert decision.answer.failures == ()
    assert decision.answer.ok is True
    assert _texts(decision.reasons) == [
        *CHECKS_FAY_GUS,
        "[matching.training-records] only completed training records count, "
        "completed on or before 2025-09-01 and not expired by then; bookings do not",
        "[matching.training-on-session-date] training judged on 2025-09-01, the date given for the first session",
        *CAPACITY_FAY_GUS,
    ]
    assert all(r.would_change is None for r in decision.reasons)
    assert decision.missing == ()


def test_an_invalid_pair_lists_every_failure_with_what_would_change_it() -> None:
    existing = (Match("su-x", "st-hal", "st-q"), Match("su-y", "st-q", "st-hal"))
    decision = check_pair(ADA, HAL, HAL, BUDDIES, existing=existing)
    assert decision.answer.ok is False
    assert decision.answer.failures == (
        "st-hal is proposed as both key worker and spare",
        "key worker st-hal has no completed record of epilepsy awareness",
        "spare st-hal has no completed record of epilepsy awareness",
        "st-hal is already key worker for 1 Service User(s), their capacity as key worker is 1",
        "st-hal is already spare for 1 Service User(s), their capacity as spare is 1",
    )
    assert [(r.rule_id, r.would_change) for r in decision.reasons] == [
        ("matching.key-worker-and-spare", None),
        ("matching.different-people", "choosing a different spare"),
        ("matching.pre-start-training", "completing that training before sessions start"),
        ("matching.pre-start-training", "completing that training before sessions start"),
        ("matching.training-records", None),
        ("matching.capacity", "a key worker capacity of 2 or more"),
        ("matching.capacity", "a spare capacity of 2 or more"),
    ]
    assert str(decision.reasons[4]) == (
        "[matching.training-records] only completed training records count, completed at any date "
        "(expiry not checked); bookings do not"
    )


def test_training_completed_after_the_date_fails_the_check() -> None:
    decision = check_pair(ADA, FAY, GUS, BUDDIES, on=date(2025, 8, 31))
    assert decision.answer.failures == (
        "key worker st-fay has no completed record of epilepsy awareness",
        "spare st-gus has no completed record of epilepsy awareness",
    )


def test_without_required_training_there_is_no_training_records_reason() -> None:
    user = attrs.evolve(ADA, required_training=frozenset())
    decision = check_pair(user, HAL, GUS, BUDDIES)
    assert decision.answer.ok is True
    assert _texts(decision.reasons) == [
        "[matching.key-worker-and-spare] proposed key worker st-hal, spare st-gus for su-ada",
        "[matching.different-people] key worker st-hal and spare st-gus are different people",
        "[matching.pre-start-training] key worker st-hal holds every pre-start course su-ada needs (none)",
        "[matching.pre-start-training] spare st-gus holds every pre-start course su-ada needs (none)",
        "[matching.capacity] st-hal is key worker for 0 other Service User(s) of a capacity of 1",
        "[matching.capacity] st-gus is spare for 0 other Service User(s) of a capacity of 2",
    ]


@pytest.mark.parametrize("role", ["key_worker", "spare"])
def test_a_non_staff_member_is_refused_naming_the_role(role: str) -> None:
    people = {"key_worker": FAY, "spare": GUS, role: "st-fay"}
    with pytest.raises(InvalidInput) as caught:
        check_pair(ADA, people["key_worker"], people["spare"], BUDDIES)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.value, caught.value.expected) == (role, "st-fay", "a StaffMember")


def test_the_suggestion_pins_the_pair_its_fit_and_the_full_explanation() -> None:
    decision = suggest_pair(ADA, [HAL, FAY, GUS], BUDDIES, existing=EXISTING, on=FIRST_SESSION)
    suggestion = decision.answer
    assert suggestion is not None
    assert suggestion.match == Match("su-ada", "st-fay", "st-gus")
    assert (suggestion.key_worker.staff, suggestion.key_worker.score) == ("st-fay", 3)
    assert (suggestion.spare.staff, suggestion.spare.score) == ("st-gus", 3)
    assert suggestion.total == 6
    assert suggestion.rows() == [
        {
            "service_user": "su-ada",
            "role": "key worker",
            "staff": "st-fay",
            "score": 3,
            "shared_interests": "cinema, trains",
        },
        {
            "service_user": "su-ada",
            "role": "spare",
            "staff": "st-gus",
            "score": 3,
            "shared_interests": "cinema, swimming",
        },
    ]
    assert _texts(decision.reasons) == [
        "[matching.best-pair] key worker st-fay (3) and spare st-gus (3): total fit 6",
        "[matching.shared-interests] st-fay shares 2 interest(s): cinema, trains (+2)",
        "[matching.personality-fit] st-fay has 1 fitting trait pair(s): creative ~ creative (+1)",
        "[matching.fit-score] st-fay scores 3",
        "[matching.shared-interests] st-gus shares 2 interest(s): cinema, swimming (+2)",
        "[matching.personality-fit] st-gus has 1 fitting trait pair(s): creative ~ creative (+1)",
        "[matching.fit-score] st-gus scores 3",
        *CHECKS_FAY_GUS,
        "[matching.training-records] only completed training records count, completed on or before 2027-01-04 "
        "and not expired by then; bookings do not",
        "[matching.training-on-session-date] training judged on 2027-01-04, the date given for the first session",
        *CAPACITY_FAY_GUS,
    ]
    assert decision.missing == ()


def test_no_valid_pair_says_how_many_staff_could_serve_in_each_role() -> None:
    decision = suggest_pair(ADA, [HAL, FAY], BUDDIES, on=FIRST_SESSION)
    assert decision.answer is None
    assert _texts(decision.reasons) == [
        "[matching.best-pair] no valid pair for su-ada: 1 eligible staff, 1 with key-worker capacity, "
        "1 with spare capacity"
    ]
    assert decision.missing == ("two different eligible staff members with free capacity",)


def test_full_capacity_keeps_staff_out_of_that_role_only() -> None:
    full = (Match("su-bo", "st-gus", "st-fay"),)
    decision = suggest_pair(ADA, [FAY, GUS], BUDDIES, existing=full, on=FIRST_SESSION)
    # Gus has no key-worker room and Fay no spare room: only Fay can be key worker, only Gus spare.
    assert decision.answer is not None
    assert decision.answer.match == Match("su-ada", "st-fay", "st-gus")
    fay_full = (*full, Match("su-cy", "st-fay", "st-hal"), Match("su-di", "st-fay", "st-hal"))
    none_left = suggest_pair(ADA, [FAY, GUS], BUDDIES, existing=fay_full, on=FIRST_SESSION)
    assert none_left.answer is None
    assert str(none_left.reasons[0]) == (
        "[matching.best-pair] no valid pair for su-ada: 2 eligible staff, 0 with key-worker capacity, "
        "1 with spare capacity"
    )


def test_equal_totals_prefer_the_higher_scoring_key_worker() -> None:
    user = ServiceUser("su-b", "Ben", date(2000, 1, 1), interests=frozenset({"art", "film", "jazz"}))
    strong = StaffMember("st-z", "Z", interests=frozenset({"art", "film"}))
    weak = StaffMember("st-a", "A", interests=frozenset({"jazz"}))
    decision = suggest_pair(user, [weak, strong], BUDDIES, on=FIRST_SESSION)
    assert decision.answer is not None
    assert decision.answer.match == Match("su-b", "st-z", "st-a")


def test_equal_scores_follow_ranking_order_for_key_worker_then_spare() -> None:
    user = ServiceUser("su-b", "Ben", date(2000, 1, 1), interests=frozenset({"art"}))
    team = [StaffMember(f"st-{x}", x.upper(), interests=frozenset({"art"})) for x in "dcba"]
    decision = suggest_pair(user, team, BUDDIES, on=FIRST_SESSION)
    assert decision.answer is not None
    assert decision.answer.match == Match("su-b", "st-a", "st-b")


def test_a_failed_check_explains_the_failure_not_the_pass() -> None:
    decision = check_pair(ADA, HAL, HAL, BUDDIES)
    assert str(decision.reasons[1]) == (
        "[matching.different-people] st-hal is proposed as both key worker and spare (choosing a different spare)"
    )


LISTED = attrs.evolve(BUDDIES, matching=MatchingPolicy(courses=frozenset({"epilepsy awareness"})))
MISSPELT = attrs.evolve(GUS, training=(TrainingRecord("epilepsy awarness", date(2025, 1, 1)),))


def test_both_pair_functions_refuse_an_unknown_course_on_a_staff_record() -> None:
    for call in (
        lambda: check_pair(ADA, FAY, MISSPELT, LISTED),
        lambda: suggest_pair(ADA, [FAY, MISSPELT], LISTED, on=FIRST_SESSION),
    ):
        with pytest.raises(InvalidInput) as caught:
            call()
        assert (caught.value.field, caught.value.value) == ("staff[st-gus].training", "epilepsy awarness")


def test_both_pair_functions_refuse_an_unknown_required_course() -> None:
    user = attrs.evolve(ADA, required_training=frozenset({"first aid"}))
    for call in (
        lambda: check_pair(user, FAY, GUS, LISTED),
        lambda: suggest_pair(user, [FAY, GUS], LISTED, on=FIRST_SESSION),
    ):
        with pytest.raises(InvalidInput) as caught:
            call()
        assert (caught.value.field, caught.value.value) == ("service_user[su-ada].required_training", "first aid")


def test_the_service_users_own_old_match_does_not_use_up_capacity_in_a_suggestion() -> None:
    user = ServiceUser("su-ada", "Ada", date(2014, 6, 1), interests=frozenset({"cinema", "trains"}))
    strong = StaffMember("st-a", "A", interests=frozenset({"cinema", "trains"}))
    weak = StaffMember("st-b", "B", interests=frozenset({"cinema"}))
    decision = suggest_pair(
        user, [weak, strong], BUDDIES, existing=(Match("su-ada", "st-a", "st-b"),), on=FIRST_SESSION
    )
    assert decision.answer is not None
    assert decision.answer.match == Match("su-ada", "st-a", "st-b")


def test_a_suggestion_counts_only_training_completed_by_the_date_asked_about() -> None:
    too_early = suggest_pair(ADA, [FAY, GUS], BUDDIES, on=date(2025, 8, 31))
    assert too_early.answer is None
    assert str(too_early.reasons[0]) == (
        "[matching.best-pair] no valid pair for su-ada: 0 eligible staff, 0 with key-worker capacity, "
        "0 with spare capacity"
    )
    on_the_day = suggest_pair(ADA, [FAY, GUS], BUDDIES, on=date(2025, 9, 1))
    assert on_the_day.answer is not None
    assert (
        "[matching.training-records] only completed training records count, "
        "completed on or before 2025-09-01 and not expired by then; bookings do not"
    ) in [str(r) for r in on_the_day.reasons]
