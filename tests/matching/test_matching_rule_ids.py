"""Each matching rule, exercised through the public API and named by its id.

004_82faaa97975dc483.txt, "Introducing you to" and "How do we get started?";
PRODUCT.md, "Matching and cover (Buddies)" and "Personal files (Buddies)".
"""

from __future__ import annotations

from datetime import date

import attrs
import pytest

import carerules as cr

#: The local date of the first session that suggested pairs are judged on (training counts from then).
FIRST_SESSION = date(2027, 1, 4)

ANXIOUS_CALM = cr.MatchingPolicy(trait_fits=(cr.TraitFit("anxious", "calm"),))
DONE = (cr.TrainingRecord("epilepsy awareness", date(2025, 9, 1)),)

ADA = cr.ServiceUser(
    "su-ada",
    "Ada",
    date(2014, 6, 1),
    interests=frozenset({"cinema", "swimming", "trains"}),
    traits=frozenset({"anxious"}),
    required_training=frozenset({"epilepsy awareness"}),
)
BEN = cr.ServiceUser("su-ben", "Ben", date(2001, 2, 3), interests=frozenset({"football"}))
FAY = cr.StaffMember(
    "st-fay", "Fay", interests=frozenset({"cinema", "trains"}), traits=frozenset({"calm"}), training=DONE
)
GUS = cr.StaffMember("st-gus", "Gus", interests=frozenset({"swimming"}), training=DONE)
IVY = cr.StaffMember("st-ivy", "Ivy", interests=frozenset({"football"}))


def _policy(matching: cr.MatchingPolicy) -> cr.Policy:
    return attrs.evolve(cr.BUDDIES, matching=matching)


def _reason(reasons: tuple[cr.Reason, ...], rule_id: str) -> cr.Reason:
    return next(r for r in reasons if r.rule_id == rule_id)


def test_each_shared_interest_adds_the_policys_interest_points() -> None:
    """Introducing you to: staff are matched on the interests they share with the Service User."""
    candidate = cr.fit(ADA, FAY, _policy(cr.MatchingPolicy(interest_points=3)))
    assert candidate.shared_interests == {"cinema", "trains"}
    assert candidate.score == 6
    why = _reason(candidate.reasons, "matching.shared-interests")
    assert "shares 2 interest(s): cinema, trains (+6)" in why.detail
    ranking = cr.rank_staff(ADA, [GUS, FAY], cr.BUDDIES)
    assert "matching.shared-interests" in ranking.rule_ids
    assert "best fit st-fay shares cinema, trains" in _reason(ranking.reasons, "matching.shared-interests").detail


def test_a_fitting_pair_of_traits_adds_the_policys_trait_points() -> None:
    """Introducing you to: staff are matched on personality; the policy says which traits suit which."""
    without = cr.fit(ADA, FAY, cr.BUDDIES)
    with_fit = cr.fit(ADA, FAY, _policy(attrs.evolve(ANXIOUS_CALM, trait_points=5)))
    assert without.fitting_traits == ()
    assert with_fit.fitting_traits == (cr.TraitFit("anxious", "calm"),)
    assert with_fit.score - without.score == 5
    why = _reason(with_fit.reasons, "matching.personality-fit")
    assert "1 fitting trait pair(s): anxious ~ calm (+5)" in why.detail


def test_the_fit_score_is_interest_points_times_interests_plus_trait_points_times_traits() -> None:
    """PRODUCT.md, Matching and cover: the score is deterministic and documented."""
    policy = _policy(attrs.evolve(ANXIOUS_CALM, interest_points=2, trait_points=7))
    candidate = cr.fit(ADA, FAY, policy)
    assert candidate.score == 2 * 2 + 7 * 1
    assert _reason(candidate.reasons, "matching.fit-score").detail == "st-fay scores 11"
    ranking = cr.rank_staff(ADA, [FAY, GUS], policy)
    assert ranking.rule_ids[0] == "matching.fit-score"
    assert "2 point(s) per shared interest, 7 per fitting trait pair" in ranking.reasons[0].detail


def test_equal_scores_are_ordered_by_shared_interests_then_staff_id_whatever_the_input_order() -> None:
    """PRODUCT.md, Matching and cover: a ranking never depends on the order staff are listed in."""
    user = cr.ServiceUser("su-cy", "Cy", date(2000, 1, 1), interests=frozenset({"art"}), traits=frozenset({"calm"}))
    by_trait = cr.StaffMember("st-a", "A", traits=frozenset({"calm"}))
    by_interest = cr.StaffMember("st-z", "Z", interests=frozenset({"art"}))
    twin = cr.StaffMember("st-y", "Y", interests=frozenset({"art"}))
    orders = ([by_trait, by_interest, twin], [twin, by_interest, by_trait], [by_interest, by_trait, twin])
    for staff in orders:
        decision = cr.rank_staff(user, staff, cr.BUDDIES)
        assert [c.staff for c in decision.answer.eligible] == ["st-y", "st-z", "st-a"]
        assert "matching.tie-break" in decision.rule_ids


def test_trained_means_a_completed_record_on_or_before_the_date_asked_about() -> None:
    """PRODUCT.md, Personal files: a booked course, or one completed later, is not training held.

    Ranking, pair checks and organisation-wide suggestions cite
    ``"matching.training-records"`` with the date that counts.
    """
    rule = cr.get_rule("matching.training-records")
    assert rule.source == cr.Source(cr.DEFAULT_RULES, "Personal files")
    assert cr.BUDDIES.source_for(rule.id) == cr.Source(cr.PRODUCT_DECISIONS, "Personal files (Buddies)")
    booked = attrs.evolve(FAY, training=(cr.TrainingRecord("epilepsy awareness"),))
    assert cr.fit(ADA, booked, cr.BUDDIES).missing_training == {"epilepsy awareness"}
    assert not cr.fit(ADA, FAY, cr.BUDDIES, on=date(2025, 8, 31)).eligible
    assert cr.fit(ADA, FAY, cr.BUDDIES, on=date(2025, 9, 1)).eligible
    assert cr.fit(ADA, FAY, cr.BUDDIES).eligible
    on = date(2025, 9, 1)
    ranked = _reason(cr.rank_staff(ADA, [FAY, GUS], cr.BUDDIES, on=on).reasons, "matching.training-records")
    assert (
        ranked.detail == "only completed training records count, completed on or before 2025-09-01 "
        "and not expired by then; bookings do not"
    )
    checked = _reason(cr.check_pair(ADA, FAY, GUS, cr.BUDDIES).reasons, "matching.training-records")
    assert checked.detail.endswith("completed at any date (expiry not checked); bookings do not")
    untrained = cr.ServiceUser("su-zed", "Zed", date(2000, 1, 1))
    assert "matching.training-records" not in {
        r.rule_id for r in cr.rank_staff(untrained, [FAY, GUS], cr.BUDDIES).reasons
    }


def test_key_worker_and_spare_must_be_two_different_people() -> None:
    """PRODUCT.md, Matching and cover: one key worker plus one spare, two different people."""
    same = cr.check_pair(ADA, FAY, FAY, cr.BUDDIES)
    assert not same.answer.ok
    failed = _reason(same.reasons, "matching.different-people")
    assert failed.detail == "st-fay is proposed as both key worker and spare"
    assert failed.would_change == "choosing a different spare"
    fine = cr.check_pair(ADA, FAY, GUS, cr.BUDDIES)
    assert fine.answer.ok
    assert _reason(fine.reasons, "matching.different-people").would_change is None
    suggestion = cr.suggest_pair(ADA, [FAY, IVY], cr.BUDDIES, on=FIRST_SESSION)
    assert suggestion.answer is None  # Fay is the only one trained, and cannot be both


def test_organisation_wide_suggestions_match_as_many_people_as_possible() -> None:
    """PRODUCT.md, Matching and cover: for everyone waiting, match as many as capacity allows, then maximise fit."""
    pytest.importorskip("scipy")
    decision = cr.assign_all([ADA, BEN], [FAY, GUS, IVY], cr.BUDDIES)
    assert decision.rule_ids[0] == "matching.organisation-wide"
    assert "2 of 2 waiting Service Users matched" in decision.reasons[0].detail
    assert "matching.different-people" in decision.rule_ids
    # Only Fay and Gus hold Ada's course, so Ada has both; Ben, who shares football with Ivy, has
    # Ivy and whichever of Fay and Gus still has room in the other role.
    pairs = {m.match.service_user: {m.match.key_worker, m.match.spare} for m in decision.answer.matches}
    assert pairs["su-ada"] == {"st-fay", "st-gus"}
    assert "st-ivy" in pairs["su-ben"]
    assert len(pairs["su-ben"]) == 2
    # A third person needing the course cannot be matched without taking it from Ada: 2 of 3, and why.
    cy = attrs.evolve(ADA, id="su-cy", name="Cy")
    crowded = cr.assign_all([ADA, BEN, cy], [FAY, GUS, IVY], cr.BUDDIES)
    assert "2 of 3 waiting Service Users matched" in crowded.reasons[0].detail
    assert len(crowded.answer.unmatched) == 1
    assert len(crowded.missing) == 1
