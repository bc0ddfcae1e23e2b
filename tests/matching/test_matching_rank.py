"""Ranking staff for one Service User by fit, with reasons."""

from __future__ import annotations

from datetime import date

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from carerules import (
    BUDDIES,
    MatchingPolicy,
    ServiceUser,
    StaffMember,
    TrainingRecord,
    TraitFit,
    fit,
    rank_staff,
)
from carerules._matching._strategies import INTERESTS
from carerules.strategies import matching_policies, service_users, staff_teams

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
    "st-fay", "Fay", interests=frozenset({"cinema", "trains"}), traits=frozenset({"calm", "creative"}), training=TRAINED
)
GUS = StaffMember(
    "st-gus", "Gus", interests=frozenset({"swimming", "cinema"}), traits=frozenset({"creative"}), training=TRAINED
)
HAL = StaffMember("st-hal", "Hal", interests=frozenset({"cinema", "swimming", "trains"}), traits=frozenset({"calm"}))
IVY = StaffMember("st-ivy", "Ivy", interests=frozenset({"football"}), traits=frozenset({"calm"}), training=TRAINED)
CALM_SUITS_ANXIOUS = attrs.evolve(BUDDIES, matching=MatchingPolicy(trait_fits=(TraitFit("anxious", "calm"),)))


def test_worked_example_ranks_by_shared_interests_and_fitting_traits() -> None:
    """Introducing you to: matched on personality and shared interests."""
    ranking = rank_staff(ADA, [IVY, HAL, GUS, FAY], CALM_SUITS_ANXIOUS).answer
    assert [(c.staff, c.score) for c in ranking.eligible] == [("st-fay", 4), ("st-gus", 3), ("st-ivy", 1)]
    best = ranking.eligible[0]
    assert best.shared_interests == {"cinema", "trains"}
    assert best.fitting_traits == (TraitFit("anxious", "calm"), TraitFit("creative", "creative"))
    assert "shares 2 interest(s): cinema, trains" in str(best.reasons[0])


def test_staff_without_the_pre_start_training_are_ineligible_and_say_why() -> None:
    """How do we get started?: some specialist training must be completed before sessions begin."""
    decision = rank_staff(ADA, [HAL, FAY], BUDDIES)
    (hal,) = decision.answer.ineligible
    assert hal.staff == "st-hal"
    assert hal.score == 3
    assert not hal.eligible
    assert hal.missing_training == {"epilepsy awareness"}
    why = hal.reasons[-1]
    assert why.rule_id == "matching.pre-start-training"
    assert "no completed record of epilepsy awareness" in why.detail
    assert "matching.pre-start-training" in decision.rule_ids


def test_training_completed_after_the_date_asked_about_does_not_count() -> None:
    assert not fit(ADA, FAY, BUDDIES, on=date(2025, 8, 31)).eligible
    assert fit(ADA, FAY, BUDDIES, on=date(2025, 9, 1)).eligible


def test_equal_scores_break_by_shared_interests_then_staff_id() -> None:
    """A trait match and an interest match both score 1; the shared interest wins, then ids decide."""
    user = ServiceUser("su-b", "Ben", date(2000, 1, 1), interests=frozenset({"art"}), traits=frozenset({"calm"}))
    by_trait = StaffMember("st-a", "A", traits=frozenset({"calm"}))
    by_interest = StaffMember("st-z", "Z", interests=frozenset({"art"}))
    twin = StaffMember("st-y", "Y", interests=frozenset({"art"}))
    ranking = rank_staff(user, [by_trait, by_interest, twin], BUDDIES).answer
    assert [c.staff for c in ranking.eligible] == ["st-y", "st-z", "st-a"]


def test_rows_list_every_candidate_with_rank_only_for_the_eligible() -> None:
    rows = rank_staff(ADA, [HAL, FAY, GUS], BUDDIES).answer.rows()
    assert [(r["staff"], r["rank"], r["eligible"]) for r in rows] == [
        ("st-fay", 1, True),
        ("st-gus", 2, True),
        ("st-hal", None, False),
    ]


@settings(max_examples=100)
@given(service_users(), staff_teams(min_size=1), matching_policies(), st.data())
def test_adding_a_shared_interest_never_lowers_a_score(
    user: ServiceUser, team: list[StaffMember], params: MatchingPolicy, data: st.DataObject
) -> None:
    policy = attrs.evolve(BUDDIES, matching=params)
    staff = team[0]
    interest = data.draw(st.sampled_from(INTERESTS))
    both_user = attrs.evolve(user, interests=user.interests | {interest})
    both_staff = attrs.evolve(staff, interests=staff.interests | {interest})
    assert fit(both_user, both_staff, policy).score >= fit(user, staff, policy).score


@settings(max_examples=100)
@given(service_users(), staff_teams(), matching_policies(), st.permutations(range(6)))
def test_ranking_order_is_independent_of_input_order(
    user: ServiceUser, team: list[StaffMember], params: MatchingPolicy, order: list[int]
) -> None:
    policy = attrs.evolve(BUDDIES, matching=params)
    shuffled = [team[i] for i in order if i < len(team)]
    assert rank_staff(user, team, policy) == rank_staff(user, shuffled, policy)


@settings(max_examples=100)
@given(service_users(max_training=2), staff_teams(), matching_policies())
def test_ineligible_staff_never_appear_as_eligible(
    user: ServiceUser, team: list[StaffMember], params: MatchingPolicy
) -> None:
    ranking = rank_staff(user, team, attrs.evolve(BUDDIES, matching=params)).answer
    for c in ranking.eligible:
        staff = next(s for s in team if s.id == c.staff)
        assert user.required_training <= staff.courses_completed()
    for c in ranking.ineligible:
        assert c.missing_training
        assert not c.eligible
    assert len(ranking.eligible) + len(ranking.ineligible) == len(team)
    scores = [c.sort_key() for c in ranking.eligible]
    assert scores == sorted(scores)
