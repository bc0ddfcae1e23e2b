"""Organisation-wide suggestions on the caller's own fit scores (``assign_all(..., scores=...)``).

Issue "In its users' hands", friction "assign_all cannot take fit scores from
the caller": providers who measure fit their own way pass scores as a matrix
(by person and staff id, or in the order given) or as a function. The
pre-start training rule still applies, the result is still the certified
optimum (now of the caller's scores), and the explanation says where the
scores came from. Bad scores are refused with ``InvalidInput`` naming the pair.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import carerules as cr
from carerules import ServiceUser, StaffMember
from carerules.serialisation import from_data, to_data
from carerules.strategies import matching_policies, staff_teams, waiting_lists

MAKATON = (cr.TrainingRecord("makaton", date(2026, 2, 1)),)
ADA = cr.ServiceUser(
    "su-ada",
    "Ada",
    date(2015, 1, 1),
    interests=frozenset({"trains", "music"}),
    required_training=frozenset({"makaton"}),
)
BEN = cr.ServiceUser("su-ben", "Ben", date(2016, 1, 1), interests=frozenset({"art"}))
KIM = cr.StaffMember("st-kim", "Kim", interests=frozenset({"trains", "music"}), training=MAKATON)
LEE = cr.StaffMember("st-lee", "Lee", interests=frozenset({"music", "art"}), training=MAKATON)
MAX = cr.StaffMember("st-max", "Max", interests=frozenset({"art"}))


def _summary(decision: cr.Decision[cr.Assignment]) -> tuple[Any, ...]:
    a = decision.answer
    return (
        [(m.match, m.key_worker.score, m.spare.score) for m in a.matches],
        a.unmatched,
        a.total_fit,
        decision.reasons[0].detail,
    )


def _library_scores(users: list[ServiceUser], team: list[StaffMember], policy: cr.Policy) -> dict[str, Any]:
    """The library's own fit scores in every form the caller may use."""

    def score(u: ServiceUser, s: StaffMember) -> int:
        return cr.fit(u, s, policy).score

    return {
        "function": score,
        "mapping": {u.id: {s.id: score(u, s) for s in team} for u in users},
        "pairs": {(u.id, s.id): score(u, s) for u in users for s in team},
        "rows": [[score(u, s) for s in team] for u in users],
        "mapping of rows": {u.id: tuple(float(score(u, s)) for s in team) for u in users},
        "numpy": np.array([[score(u, s) for s in team] for u in users], dtype=np.int64).reshape(len(users), len(team)),
    }


@settings(max_examples=40, deadline=None)
@given(waiting_lists(max_size=4), staff_teams(max_size=5), matching_policies())
def test_the_librarys_own_scores_given_by_the_caller_give_the_default_answer(
    users: list[ServiceUser], team: list[StaffMember], params: cr.MatchingPolicy
) -> None:
    policy = attrs.evolve(cr.BUDDIES, matching=params)
    default = cr.assign_all(users, team, policy)
    for form, scores in _library_scores(users, team, policy).items():
        decision = cr.assign_all(users, team, policy, scores=scores)
        assert _summary(decision) == _summary(default), form
        assert all(m.caller_scores for m in decision.answer.matches)
        assert from_data(to_data(decision.answer), cr.Assignment) == decision.answer


def brute_force(
    users: list[ServiceUser], team: list[StaffMember], score: Callable[[ServiceUser, StaffMember], int]
) -> tuple[int, int]:
    """The best (people matched, total of the caller's scores) over every valid choice of pairs."""
    options: list[list[tuple[str, str, int] | None]] = []
    for u in users:
        pairs: list[tuple[str, str, int] | None] = [None]
        for k, s in itertools.permutations(team, 2):
            if cr.fit(u, k, cr.BUDDIES).eligible and cr.fit(u, s, cr.BUDDIES).eligible:
                pairs.append((k.id, s.id, score(u, k) + score(u, s)))
        options.append(pairs)
    best = (0, 0)
    for combo in itertools.product(*options):
        chosen = [p for p in combo if p is not None]
        if any(sum(p[0] == s.id for p in chosen) > s.key_capacity for s in team):
            continue
        if any(sum(p[1] == s.id for p in chosen) > s.spare_capacity for s in team):
            continue
        best = max(best, (len(chosen), sum(p[2] for p in chosen)))
    return best


@settings(max_examples=60, deadline=None)
@given(
    waiting_lists(max_size=3),
    staff_teams(max_size=4, max_capacity=2),
    st.integers(0, 2**32 - 1),
    st.sampled_from([(-5, 5), (0, 3), (-100_000, 100_000)]),
)
def test_any_whole_scores_give_the_brute_force_optimum_and_keep_eligibility(
    users: list[ServiceUser], team: list[StaffMember], seed: int, bounds: tuple[int, int]
) -> None:
    """Negative scores too: the number matched still comes first, then the caller's total."""
    rng = np.random.default_rng(seed)
    table = {(u.id, s.id): int(rng.integers(bounds[0], bounds[1] + 1)) for u in users for s in team}

    def score(u: ServiceUser, s: StaffMember) -> int:
        return table[u.id, s.id]

    result = cr.assign_all(users, team, cr.BUDDIES, scores=table).answer
    assert (len(result.matches), result.total_fit) == brute_force(users, team, score)
    for m in result.matches:
        user = next(u for u in users if u.id == m.match.service_user)
        for c in (m.key_worker, m.spare):
            assert c.score == table[user.id, c.staff]
            assert cr.fit(user, next(s for s in team if s.id == c.staff), cr.BUDDIES).eligible


def test_worked_example_the_callers_scores_change_the_assignment() -> None:
    """By the policy (shared interests) Ada gets Kim (trains, music: 2) and Lee (music: 1), and Ben, who
    likes art, gets Lee and Max (1 each): total 5. This provider rates fit its own way (say from trial
    sessions): Kim 9 and Max 4 for Ben, nobody in particular for Ada. Ben now gets Kim as key worker and
    Max as spare (13); Ada, who needs makaton, keeps the only other two who hold it, Lee and Kim (Kim's
    key place is Ben's now, so Lee is her key worker). Every staff member has one place per role."""
    by_policy = cr.assign_all([ADA, BEN], [KIM, LEE, MAX], cr.BUDDIES).answer
    assert [(m.match, m.total) for m in by_policy.matches] == [
        (cr.Match("su-ada", "st-kim", "st-lee"), 3),
        (cr.Match("su-ben", "st-lee", "st-max"), 2),
    ]
    provider = {"su-ada": {"st-kim": 0, "st-lee": 0}, "su-ben": {"st-kim": 9, "st-lee": 0, "st-max": 4}}
    decision = cr.assign_all([ADA, BEN], [KIM, LEE, MAX], cr.BUDDIES, scores=provider)
    assert [(m.match, m.total) for m in decision.answer.matches] == [
        (cr.Match("su-ada", "st-lee", "st-kim"), 0),
        (cr.Match("su-ben", "st-kim", "st-max"), 13),
    ]
    assert decision.answer.total_fit == 13
    lines = decision.explain().splitlines()
    assert lines[0] == (
        "[matching.organisation-wide] 2 of 2 waiting Service Users matched with total fit 13"
        " (certified optimal: within 1 of the Lagrangian bound)"
    )
    assert (
        "[matching.fit-score] fit scores given by the caller, not worked out from the policy's interest and "
        "trait points" in lines
    )
    assert [str(r) for r in decision.answer.matches[1].reasons][1:3] == [
        "[matching.fit-score] st-kim scores 9, a fit score given by the caller",
        "[matching.fit-score] st-max scores 4, a fit score given by the caller",
    ]


def test_eligibility_still_applies_whatever_the_callers_score() -> None:
    """Max has no makaton: however highly the caller rates him for Ada, he is never suggested for her,
    and no score is needed for that pair."""
    decision = cr.assign_all([ADA], [KIM, LEE, MAX], cr.BUDDIES, scores={"su-ada": {"st-kim": 0, "st-lee": 0}})
    assert {decision.answer.matches[0].match.key_worker, decision.answer.matches[0].match.spare} == {
        "st-kim",
        "st-lee",
    }
    called: list[tuple[str, str]] = []

    def score(u: ServiceUser, s: StaffMember) -> int:
        called.append((u.id, s.id))
        return 100_000 if s.id == "st-max" else 0

    cr.assign_all([ADA], [KIM, LEE, MAX], cr.BUDDIES, scores=score)
    assert sorted(called) == [("su-ada", "st-kim"), ("su-ada", "st-lee")]


def test_exact_whole_numbers_of_any_type_are_accepted() -> None:
    scores = {"su-ada": {"st-kim": Decimal("3"), "st-lee": Fraction(4, 2)}, "su-ben": [np.int64(1), 2.0, True - 1]}
    result = cr.assign_all([ADA, BEN], [KIM, LEE, MAX], cr.BUDDIES, scores=scores).answer
    assert result.total_fit == 3 + 2 + 2 + 1


def _raises(_u: ServiceUser, _s: StaffMember) -> int:
    raise KeyError("no score")


GOOD = {"su-ada": {"st-kim": 1, "st-lee": 1}, "su-ben": {"st-kim": 1, "st-lee": 1, "st-max": 1}}
BAD: list[tuple[str, object, str, str]] = [
    ("a missing pair", {**GOOD, "su-ben": {"st-kim": 1, "st-lee": 1}}, "scores['su-ben']['st-max']", "eligible"),
    ("a missing person", {"su-ada": GOOD["su-ada"]}, "scores['su-ben']['st-kim']", "eligible"),
    ("not a number", {**GOOD, "su-ada": {"st-kim": 1, "st-lee": float("nan")}}, "scores['su-ada']['st-lee']", "whole"),
    ("infinite", {**GOOD, "su-ada": {"st-kim": float("inf"), "st-lee": 1}}, "scores['su-ada']['st-kim']", "whole"),
    (
        "a Decimal NaN",
        {**GOOD, "su-ada": {"st-kim": Decimal("NaN"), "st-lee": 1}},
        "scores['su-ada']['st-kim']",
        "whole",
    ),
    ("a fraction", {**GOOD, "su-ada": {"st-kim": 0.5, "st-lee": 1}}, "scores['su-ada']['st-kim']", "scale"),
    ("a bool", {**GOOD, "su-ada": {"st-kim": True, "st-lee": 1}}, "scores['su-ada']['st-kim']", "whole"),
    ("a string", {**GOOD, "su-ada": {"st-kim": "5", "st-lee": 1}}, "scores['su-ada']['st-kim']", "whole"),
    ("too large", {**GOOD, "su-ada": {"st-kim": 10**6, "st-lee": 1}}, "scores['su-ada']['st-kim']", "100,000"),
    ("an unknown person", {**GOOD, "su-zed": {}}, "scores['su-zed']", "Service Users given"),
    (
        "an unknown staff id",
        {**GOOD, "su-ada": {"st-kim": 1, "st-lee": 1, "st-ned": 1}},
        "scores['su-ada']['st-ned']",
        "staff given",
    ),
    ("an unknown pair", {("su-ada", "st-ned"): 1}, "scores[('su-ada', 'st-ned')]", "pair"),
    ("too few rows", [[1, 1, 1]], "scores", "2 rows"),
    ("a short row", [[1, 1, 1], [1, 1]], "scores['su-ben']", "3 scores"),
    ("a nan in a row of an ineligible pair", [[1, 1, float("nan")], [1, 1, 1]], "scores['su-ada']['st-max']", "whole"),
    ("a number as a row", {"su-ada": 5}, "scores['su-ada']", "mapping by staff id"),
    ("text", "scores", "scores", "function"),
    ("a 3-D array", np.zeros((2, 3, 1)), "scores", "function"),
    ("a function returning a fraction", lambda u, s: 1.5, "scores('su-ada', 'st-kim')", "whole"),
    ("a function returning None", lambda u, s: None, "scores('su-ada', 'st-kim')", "whole"),
    ("a function that raises", _raises, "scores('su-ada', 'st-kim')", "does not raise"),
]


@pytest.mark.parametrize(("case", "scores", "field", "expected"), BAD, ids=[b[0] for b in BAD])
def test_bad_scores_are_refused_naming_the_pair(case: str, scores: object, field: str, expected: str) -> None:
    with pytest.raises(cr.InvalidInput) as caught:
        cr.assign_all([ADA, BEN], [KIM, LEE, MAX], cr.BUDDIES, scores=scores)
    assert caught.value.field == field, case
    assert expected in caught.value.expected, case
