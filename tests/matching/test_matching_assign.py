"""Organisation-wide suggestions: optimal, valid, explained."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

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
    assign_all,
    check_pair,
    fit,
)
from carerules._matching._assign import fit_matrices
from carerules.strategies import matches, matching_policies, staff_teams, waiting_lists

#: The local date of the first session that suggested pairs are judged on (training counts from then).
FIRST_SESSION = date(2027, 1, 4)


def brute_force(
    users: list[ServiceUser], staff: list[StaffMember], policy: Any, existing: list[Match]
) -> tuple[int, int]:
    """The best (people matched, total fit) over every combination of valid pairs."""
    options: list[list[tuple[str, str, int] | None]] = []
    for u in users:
        pairs: list[tuple[str, str, int] | None] = [None]
        for k, s in itertools.permutations(staff, 2):
            if not (fit(u, k, policy).eligible and fit(u, s, policy).eligible):
                continue
            pairs.append((k.id, s.id, fit(u, k, policy).score + fit(u, s, policy).score))
        options.append(pairs)
    waiting = {u.id for u in users}
    base_key: dict[str, int] = {}
    base_spare: dict[str, int] = {}
    for m in existing:
        if m.service_user not in waiting:
            base_key[m.key_worker] = base_key.get(m.key_worker, 0) + 1
            base_spare[m.spare] = base_spare.get(m.spare, 0) + 1
    free_key = {s.id: max(0, s.key_capacity - base_key.get(s.id, 0)) for s in staff}
    free_spare = {s.id: max(0, s.spare_capacity - base_spare.get(s.id, 0)) for s in staff}
    best = (0, 0)
    for combo in itertools.product(*options):
        chosen = [p for p in combo if p is not None]
        if any(sum(1 for p in chosen if p[0] == j) > n for j, n in free_key.items()):
            continue
        if any(sum(1 for p in chosen if p[1] == j) > n for j, n in free_spare.items()):
            continue
        best = max(best, (len(chosen), sum(p[2] for p in chosen)))
    return best


@settings(max_examples=80, deadline=None)
@given(
    waiting_lists(max_size=3),
    staff_teams(max_size=4, max_capacity=2),
    matching_policies(),
    st.lists(matches(staff_ids=("st-00", "st-01", "st-02", "st-03")), max_size=2),
    st.sampled_from([1, 2, 10]),
)
def test_assignment_equals_the_brute_force_optimum_on_small_instances(
    users: list[ServiceUser], team: list[StaffMember], params: MatchingPolicy, existing: list[Match], candidates: int
) -> None:
    policy = attrs.evolve(BUDDIES, matching=params)
    decision = assign_all(users, team, policy, existing=existing, candidates_per_user=candidates)
    result = decision.answer
    assert (len(result.matches), result.total_fit) == brute_force(users, team, policy, existing)
    by_id = {s.id: s for s in team}
    for m in result.matches:
        user = next(u for u in users if u.id == m.match.service_user)
        kept = [e for e in existing if e.service_user not in {u.id for u in users}]
        others = [*kept, *(o.match for o in result.matches if o is not m)]
        check = check_pair(user, by_id[m.match.key_worker], by_id[m.match.spare], policy, existing=others)
        assert check.answer.ok, check.answer.failures
        assert m.key_worker == fit(user, by_id[m.match.key_worker], policy)
    assert {m.match.service_user for m in result.matches} | {u.service_user for u in result.unmatched} == {
        u.id for u in users
    }


@settings(max_examples=60, deadline=None)
@given(waiting_lists(max_size=4), staff_teams(max_size=5), matching_policies())
def test_the_fit_matrix_equals_the_fit_of_each_pair(
    users: list[ServiceUser], team: list[StaffMember], params: MatchingPolicy
) -> None:
    policy = attrs.evolve(BUDDIES, matching=params)
    users_sorted = tuple(sorted(users, key=lambda u: u.id))
    team_sorted = tuple(sorted(team, key=lambda s: s.id))
    if not users_sorted or not team_sorted:
        return
    W, E = fit_matrices(users_sorted, team_sorted, params, None)
    for i, u in enumerate(users_sorted):
        for j, s in enumerate(team_sorted):
            c = fit(u, s, policy)
            assert (int(W[i, j]), bool(E[i, j])) == (c.score, c.eligible)


@settings(max_examples=40, deadline=None)
@given(waiting_lists(max_size=3), staff_teams(max_size=4))
def test_the_assignment_does_not_depend_on_input_order(users: list[ServiceUser], team: list[StaffMember]) -> None:
    assert assign_all(users, team, BUDDIES) == assign_all(users[::-1], team[::-1], BUDDIES)


TRAINED = (TrainingRecord("makaton", date(2025, 1, 10)),)


def test_worked_example_one_strong_candidate_cannot_be_both_key_worker_and_spare() -> None:
    """Fay fits Ada best in either role, but key worker and spare must be different people."""
    ada = ServiceUser("su-ada", "Ada", date(2012, 1, 1), interests=frozenset({"cinema", "trains", "art"}))
    fay = StaffMember(
        "st-fay", "Fay", interests=frozenset({"cinema", "trains", "art"}), key_capacity=1, spare_capacity=1
    )
    gus = StaffMember("st-gus", "Gus", interests=frozenset({"cinema"}), key_capacity=1, spare_capacity=1)
    decision = assign_all([ada], [fay, gus], BUDDIES)
    (suggested,) = decision.answer.matches
    assert suggested.match == Match("su-ada", "st-fay", "st-gus")
    assert decision.answer.total_fit == 4
    assert suggested.reasons[0].rule_id == "matching.key-worker-and-spare"
    assert decision.answer.rows()[0] | {} == {
        "service_user": "su-ada",
        "key_worker": "st-fay",
        "key_score": 3,
        "spare": "st-gus",
        "spare_score": 1,
        "total": 4,
        "why_unmatched": None,
    }


def test_people_who_cannot_be_matched_are_listed_with_why() -> None:
    ben = ServiceUser("su-ben", "Ben", date(2010, 1, 1), required_training=frozenset({"makaton"}))
    cy = ServiceUser("su-cy", "Cy", date(2010, 1, 1))
    dee = ServiceUser("su-dee", "Dee", date(2010, 1, 1))
    fay = StaffMember("st-fay", "Fay", training=TRAINED)
    gus = StaffMember("st-gus", "Gus", spare_capacity=0)
    decision = assign_all([ben, cy, dee], [fay, gus], BUDDIES)
    unmatched = {u.service_user: u.why for u in decision.answer.unmatched}
    assert unmatched["su-ben"] == "only 1 staff hold the pre-start training su-ben needs; two are needed"
    assert len(decision.answer.matches) == 1
    assert "not enough free key-worker or spare capacity among eligible staff" in unmatched.values()
    assert len(decision.missing) == 2


@settings(max_examples=30, deadline=None)
@given(waiting_lists(min_size=1, max_size=3), staff_teams(max_size=4), matching_policies())
def test_every_result_object_round_trips_through_plain_data(
    users: list[ServiceUser], team: list[StaffMember], params: MatchingPolicy
) -> None:
    from carerules import PairCheck, PairSuggestion, Ranking, rank_staff, suggest_pair
    from carerules._matching._assign import Assignment
    from carerules.serialisation import from_data, to_data

    policy = attrs.evolve(BUDDIES, matching=params)
    ranking = rank_staff(users[0], team, policy).answer
    assert from_data(to_data(ranking), Ranking) == ranking
    suggestion = suggest_pair(users[0], team, policy, on=FIRST_SESSION).answer
    if suggestion is not None:
        assert from_data(to_data(suggestion), PairSuggestion) == suggestion
    if len(team) >= 1:
        check = check_pair(users[0], team[0], team[-1], policy).answer
        assert from_data(to_data(check), PairCheck) == check
    assignment = assign_all(users, team, policy).answer
    assert from_data(to_data(assignment), Assignment) == assignment
