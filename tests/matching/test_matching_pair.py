"""Key worker plus spare: checking a proposal, suggesting the best pair."""

from __future__ import annotations

from datetime import date

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from carerules import (
    BUDDIES,
    Match,
    MatchingPolicy,
    ServiceUser,
    StaffMember,
    TrainingRecord,
    check_pair,
    fit,
    suggest_pair,
)
from carerules.strategies import matching_policies, service_users, staff_teams

#: The local date of the first session that suggested pairs are judged on (training counts from then).
FIRST_SESSION = date(2027, 1, 4)

TRAINED = (TrainingRecord("makaton", date(2025, 1, 10)),)
BEN = ServiceUser(
    "su-ben", "Ben", date(2010, 4, 2), interests=frozenset({"music", "art"}), required_training=frozenset({"makaton"})
)
FAY = StaffMember(
    "st-fay", "Fay", interests=frozenset({"music", "art"}), training=TRAINED, key_capacity=1, spare_capacity=1
)
GUS = StaffMember("st-gus", "Gus", interests=frozenset({"music"}), training=TRAINED, key_capacity=2, spare_capacity=0)
HAL = StaffMember("st-hal", "Hal", interests=frozenset({"music", "art"}), key_capacity=1, spare_capacity=1)
IVY = StaffMember("st-ivy", "Ivy", interests=frozenset({"art"}), training=TRAINED, key_capacity=1, spare_capacity=2)


def test_a_valid_pair_passes_every_check() -> None:
    """How do we get started?: one key worker and one spare."""
    decision = check_pair(BEN, FAY, IVY, BUDDIES)
    assert decision.answer.ok
    assert decision.answer.match == Match("su-ben", "st-fay", "st-ivy")
    assert decision.rule_ids[0] == "matching.key-worker-and-spare"


def test_every_failure_is_listed_not_just_the_first() -> None:
    full = [Match("su-cy", "st-hal", "st-eli"), Match("su-dee", "st-eli", "st-hal")]
    decision = check_pair(BEN, HAL, HAL, BUDDIES, existing=full)
    failures = decision.answer.failures
    assert not decision.answer.ok
    assert failures == (
        "st-hal is proposed as both key worker and spare",
        "key worker st-hal has no completed record of makaton",
        "spare st-hal has no completed record of makaton",
        "st-hal is already key worker for 1 Service User(s), their capacity as key worker is 1",
        "st-hal is already spare for 1 Service User(s), their capacity as spare is 1",
    )
    assert [r.would_change for r in decision.reasons if r.would_change][-1] == "a spare capacity of 2 or more"


def test_the_service_users_own_existing_match_does_not_count_against_capacity() -> None:
    assert check_pair(BEN, FAY, IVY, BUDDIES, existing=[Match("su-ben", "st-fay", "st-ivy")]).answer.ok


def test_the_suggested_pair_has_the_highest_total_fit_among_valid_pairs() -> None:
    """Hal fits best but lacks the training; Gus has no spare capacity."""
    decision = suggest_pair(BEN, [HAL, GUS, IVY, FAY], BUDDIES, on=FIRST_SESSION)
    suggestion = decision.answer
    assert suggestion is not None
    assert suggestion.match == Match("su-ben", "st-fay", "st-ivy")
    assert suggestion.total == 3
    assert decision.rule_ids[0] == "matching.best-pair"


def test_no_pair_is_suggested_without_two_eligible_staff_and_the_decision_says_what_is_missing() -> None:
    decision = suggest_pair(BEN, [HAL, FAY], BUDDIES, on=FIRST_SESSION)
    assert decision.answer is None
    assert decision.missing
    assert "1 eligible staff" in decision.reasons[0].detail


@settings(max_examples=100)
@given(service_users(), staff_teams(), matching_policies(), st.dates(date(2024, 1, 1), date(2036, 1, 1)))
def test_suggest_pair_equals_the_best_of_all_valid_pairs(
    user: ServiceUser, team: list[StaffMember], params: MatchingPolicy, first: date
) -> None:
    policy = attrs.evolve(BUDDIES, matching=params)
    valid = [
        fit(user, k, policy, on=first).score + fit(user, s, policy, on=first).score
        for k in team
        for s in team
        if check_pair(user, k, s, policy, on=first).answer.ok
    ]
    suggestion = suggest_pair(user, team, policy, on=first).answer
    if not valid:
        assert suggestion is None
        return
    assert suggestion is not None
    assert suggestion.total == max(valid)
    by_id = {s.id: s for s in team}
    assert check_pair(user, by_id[suggestion.match.key_worker], by_id[suggestion.match.spare], policy).answer.ok
    assert suggest_pair(user, list(reversed(team)), policy, on=FIRST_SESSION) == suggest_pair(
        user, team, policy, on=FIRST_SESSION
    )
