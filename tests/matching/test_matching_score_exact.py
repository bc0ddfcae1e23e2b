"""Whole answers of the fit score and the ranking (mutation-testing companions to test_matching_rank.py).

Each test pins every field of the answer and the full text a reader sees, so
a changed count, point value, word or order fails here.
"""

from __future__ import annotations

from datetime import date

import attrs
import pytest
from tests.matching.test_matching_rank import ADA, FAY

from carerules import (
    BUDDIES,
    InvalidInput,
    MatchingPolicy,
    ServiceUser,
    StaffMember,
    TrainingRecord,
    TraitFit,
    fit,
    rank_staff,
)

HAL = StaffMember("st-hal", "Hal", interests=frozenset({"cinema", "swimming", "trains"}), traits=frozenset({"calm"}))
# Different points per interest and per trait, so swapping them changes every score.
WEIGHTED = attrs.evolve(
    BUDDIES,
    matching=MatchingPolicy(interest_points=2, trait_points=3, trait_fits=(TraitFit("anxious", "calm"),)),
)


def _texts(reasons: object) -> list[str]:
    return [str(r) for r in reasons]  # type: ignore[attr-defined]


def test_weighted_ranking_pins_candidates_rows_and_reasons() -> None:
    decision = rank_staff(ADA, [HAL, FAY], WEIGHTED, on=date(2025, 9, 1))
    ranking = decision.answer
    assert ranking.service_user == "su-ada"
    (fay,) = ranking.eligible
    (hal,) = ranking.ineligible
    assert attrs.asdict(fay, recurse=False) == {
        "staff": "st-fay",
        "score": 10,
        "shared_interests": frozenset({"cinema", "trains"}),
        "fitting_traits": (TraitFit("anxious", "calm"), TraitFit("creative", "creative")),
        "missing_training": frozenset(),
        "interest_points": 2,
        "trait_points": 3,
    }
    assert attrs.asdict(hal, recurse=False) == {
        "staff": "st-hal",
        "score": 9,
        "shared_interests": frozenset({"cinema", "swimming", "trains"}),
        "fitting_traits": (TraitFit("anxious", "calm"),),
        "missing_training": frozenset({"epilepsy awareness"}),
        "interest_points": 2,
        "trait_points": 3,
    }
    assert fay.eligible is True
    assert hal.eligible is False
    assert _texts(decision.reasons) == [
        "[matching.fit-score] 2 staff scored for su-ada: 2 point(s) per shared interest, 3 per fitting trait pair",
        "[matching.tie-break] equal scores ordered by more shared interests, then staff id",
        "[matching.pre-start-training] su-ada needs epilepsy awareness before sessions start: 1 staff eligible, 1 not",
        "[matching.training-records] only completed training records count, "
        "completed on or before 2025-09-01 and not expired by then; bookings do not",
        "[matching.shared-interests] best fit st-fay shares cinema, trains",
    ]
    assert decision.missing == ()
    assert ranking.rows() == [
        {
            "service_user": "su-ada",
            "rank": 1,
            "staff": "st-fay",
            "score": 10,
            "shared_interests": "cinema, trains",
            "fitting_traits": "anxious~calm, creative~creative",
            "eligible": True,
            "missing_training": "",
        },
        {
            "service_user": "su-ada",
            "rank": None,
            "staff": "st-hal",
            "score": 9,
            "shared_interests": "cinema, swimming, trains",
            "fitting_traits": "anxious~calm",
            "eligible": False,
            "missing_training": "epilepsy awareness",
        },
    ]


def test_candidate_reasons_spell_out_each_part_of_the_score() -> None:
    hal = fit(ADA, HAL, WEIGHTED)
    assert _texts(hal.reasons) == [
        "[matching.shared-interests] st-hal shares 3 interest(s): cinema, swimming, trains (+6)",
        "[matching.personality-fit] st-hal has 1 fitting trait pair(s): anxious ~ calm (+3)",
        "[matching.fit-score] st-hal scores 9",
        "[matching.pre-start-training] st-hal is not eligible: no completed record of epilepsy awareness"
        " (completing that training would make them eligible)",
    ]
    assert hal.reasons[-1].would_change == "completing that training would make them eligible"
    fay = fit(ADA, FAY, WEIGHTED)
    assert _texts(fay.reasons) == [
        "[matching.shared-interests] st-fay shares 2 interest(s): cinema, trains (+4)",
        "[matching.personality-fit] st-fay has 2 fitting trait pair(s): anxious ~ calm, creative ~ creative (+6)",
        "[matching.fit-score] st-fay scores 10",
    ]


def test_a_candidate_with_nothing_in_common_says_none() -> None:
    stranger = StaffMember("st-ned", "Ned", interests=frozenset({"chess"}))
    ned = fit(ADA, stranger, WEIGHTED)
    assert (ned.score, ned.shared_interests, ned.fitting_traits) == (0, frozenset(), ())
    assert _texts(ned.reasons)[:3] == [
        "[matching.shared-interests] st-ned shares 0 interest(s): none (+0)",
        "[matching.personality-fit] st-ned has 0 fitting trait pair(s): none (+0)",
        "[matching.fit-score] st-ned scores 0",
    ]


def test_without_required_training_nobody_is_ineligible_and_no_training_reasons_appear() -> None:
    user = attrs.evolve(ADA, required_training=frozenset())
    decision = rank_staff(user, [HAL, FAY], WEIGHTED)
    assert [c.staff for c in decision.answer.eligible] == ["st-fay", "st-hal"]
    assert [c.missing_training for c in decision.answer.eligible] == [frozenset(), frozenset()]
    assert decision.answer.ineligible == ()
    assert decision.rule_ids == (
        "matching.fit-score",
        "matching.tie-break",
        "matching.shared-interests",
    )
    assert str(decision.reasons[-1]) == "[matching.shared-interests] best fit st-fay shares cinema, trains"


def test_required_training_with_no_date_counts_any_completed_record_but_not_a_booking() -> None:
    booked = attrs.evolve(FAY, training=(TrainingRecord("epilepsy awareness"),))
    decision = rank_staff(ADA, [booked, HAL], WEIGHTED)
    assert decision.answer.eligible == ()
    assert [c.staff for c in decision.answer.ineligible] == ["st-fay", "st-hal"]
    assert _texts(decision.reasons)[2:] == [
        "[matching.pre-start-training] su-ada needs epilepsy awareness before sessions start: 0 staff eligible, 2 not",
        "[matching.training-records] only completed training records count, completed at any date "
        "(expiry not checked); bookings do not",
    ]
    assert fit(ADA, FAY, WEIGHTED).missing_training == frozenset()


def test_an_empty_team_gets_the_scoring_reasons_and_no_best_fit() -> None:
    user = attrs.evolve(ADA, required_training=frozenset())
    decision = rank_staff(user, [], WEIGHTED)
    assert decision.answer.eligible == decision.answer.ineligible == ()
    assert _texts(decision.reasons) == [
        "[matching.fit-score] 0 staff scored for su-ada: 2 point(s) per shared interest, 3 per fitting trait pair",
        "[matching.tie-break] equal scores ordered by more shared interests, then staff id",
    ]
    assert decision.answer.rows() == []


def test_ties_on_score_order_by_shared_interests_then_staff_id() -> None:
    user = ServiceUser(
        "su-b", "Ben", date(2000, 1, 1), interests=frozenset({"art", "film"}), traits=frozenset({"calm"})
    )
    equal = attrs.evolve(BUDDIES, matching=MatchingPolicy(interest_points=1, trait_points=1))
    two_interests = StaffMember("st-b", "B", interests=frozenset({"art", "film"}))
    interest_and_trait = StaffMember("st-a", "A", interests=frozenset({"art"}), traits=frozenset({"calm"}))
    other = StaffMember("st-c", "C", interests=frozenset({"art", "film"}))
    ranking = rank_staff(user, [interest_and_trait, other, two_interests], equal).answer
    assert [(c.staff, c.score) for c in ranking.eligible] == [("st-b", 2), ("st-c", 2), ("st-a", 2)]
    assert [r["rank"] for r in ranking.rows()] == [1, 2, 3]
    assert ranking.eligible[0].sort_key() == (-2, -2, "st-b")


def test_shared_traits_only_fit_when_the_policy_says_so() -> None:
    strict = attrs.evolve(BUDDIES, matching=MatchingPolicy(shared_traits_fit=False))
    assert fit(ADA, FAY, strict).fitting_traits == ()
    assert fit(ADA, FAY, BUDDIES).fitting_traits == (TraitFit("creative", "creative"),)


def test_an_unknown_required_course_is_refused_without_showing_it() -> None:
    listed = attrs.evolve(BUDDIES, matching=MatchingPolicy(courses=frozenset({"first aid", "epilepsy awareness"})))
    user = attrs.evolve(ADA, required_training=frozenset({"epilepsy awarness"}))
    with pytest.raises(InvalidInput) as caught:
        fit(user, FAY, listed)
    err = caught.value
    assert (err.field, err.value, err.expected, err.sensitive) == (
        "service_user[su-ada].required_training",
        "epilepsy awarness",
        "a course the policy lists: epilepsy awareness, first aid",
        True,
    )


def test_an_unknown_training_record_is_refused_naming_the_staff_member() -> None:
    listed = attrs.evolve(BUDDIES, matching=MatchingPolicy(courses=frozenset({"epilepsy awareness"})))
    misspelt = attrs.evolve(FAY, training=(TrainingRecord("first aid", date(2025, 1, 1)),))
    with pytest.raises(InvalidInput) as caught:
        rank_staff(ADA, [HAL, misspelt], listed)
    err = caught.value
    assert (err.field, err.value, err.expected, err.sensitive) == (
        "staff[st-fay].training",
        "first aid",
        "a course the policy lists: epilepsy awareness",
        False,
    )
    # With no course list, any name is accepted.
    assert fit(ADA, misspelt, BUDDIES).missing_training == frozenset({"epilepsy awareness"})


def test_ranking_on_a_date_before_the_training_counts_nobody_as_trained() -> None:
    decision = rank_staff(ADA, [FAY], WEIGHTED, on=date(2025, 8, 31))
    assert decision.answer.eligible == ()
    assert [(c.staff, c.missing_training) for c in decision.answer.ineligible] == [
        ("st-fay", frozenset({"epilepsy awareness"}))
    ]


def test_rows_list_every_missing_course() -> None:
    user = attrs.evolve(ADA, required_training=frozenset({"epilepsy awareness", "first aid"}))
    (row,) = rank_staff(user, [HAL], WEIGHTED).answer.rows()
    assert row["missing_training"] == "epilepsy awareness, first aid"


def test_fit_refuses_an_unknown_training_record_of_the_staff_member() -> None:
    listed = attrs.evolve(BUDDIES, matching=MatchingPolicy(courses=frozenset({"epilepsy awareness"})))
    misspelt = attrs.evolve(FAY, training=(TrainingRecord("epilepsy awarness", date(2025, 1, 1)),))
    with pytest.raises(InvalidInput) as caught:
        fit(ADA, misspelt, listed)
    assert (caught.value.field, caught.value.value) == ("staff[st-fay].training", "epilepsy awarness")
