"""Whole answers of organisation-wide suggestions (docs/quality.md, mutation testing).

``004_82faaa97975dc483.txt``, "How do we get started?": everyone gets a key
worker and a spare, who are different people and hold the training the
person needs before the start. PRODUCT.md, "Matching": the organisation-wide
suggestion matches as many people as it can, then maximises the total fit,
within each staff member's free capacities. A small organisation is solved
and pinned: every match, score, row, reason and what is missing; the optimum
is worked out in the comments.
"""

from __future__ import annotations

from datetime import date

import attrs
import pytest

import carerules as cr

MAKATON = (cr.TrainingRecord("makaton", date(2026, 2, 1)),)
ADA = cr.ServiceUser(
    "su-ada",
    "Ada",
    date(2015, 1, 1),
    interests=frozenset({"trains", "music"}),
    required_training=frozenset({"makaton"}),
)
BEN = cr.ServiceUser("su-ben", "Ben", date(2016, 1, 1), interests=frozenset({"art"}))
CY = cr.ServiceUser(
    "su-cy", "Cy", date(2017, 1, 1), interests=frozenset({"swimming"}), required_training=frozenset({"bsl"})
)
KIM = cr.StaffMember("st-kim", "Kim", interests=frozenset({"trains", "music"}), training=MAKATON)
LEE = cr.StaffMember("st-lee", "Lee", interests=frozenset({"music", "art"}), training=MAKATON)
MAX = cr.StaffMember("st-max", "Max", interests=frozenset({"art"}))
ZED = cr.Match("su-zed", "st-max", "st-lee")  # someone else's match: Max has no key place left, Lee no spare place

RULES = (
    "[matching.different-people] every suggested key worker and spare are different people",
    "[matching.pre-start-training] only staff holding each person's pre-start training were considered",
)


def _row(
    su: str, key: str | None, key_score: int | None, spare: str | None, spare_score: int | None
) -> dict[str, object]:
    total = None if key_score is None or spare_score is None else key_score + spare_score
    return {
        "service_user": su,
        "key_worker": key,
        "key_score": key_score,
        "spare": spare,
        "spare_score": spare_score,
        "total": total,
        "why_unmatched": None,
    }


def test_a_small_organisation_is_matched_optimally_and_explained() -> None:
    """Ada needs makaton: only Kim and Lee hold it, and Lee has no spare place left, so Lee is key worker
    (music, 1) and Kim spare (trains and music, 2). Ben then gets Kim as key worker (0) and Max as spare
    (art, 1): Kim is the only key place left. Nobody holds Cy's BSL. Total fit 3 + 1 = 4."""
    decision = cr.assign_all([ADA, BEN, CY], [KIM, LEE, MAX], cr.BUDDIES, existing=[ZED])
    assignment = decision.answer
    assert assignment.total_fit == 4
    assert [m.match for m in assignment.matches] == [
        cr.Match("su-ada", "st-lee", "st-kim"),
        cr.Match("su-ben", "st-kim", "st-max"),
    ]
    assert [(m.key_worker.score, m.spare.score, m.total) for m in assignment.matches] == [(1, 2, 3), (0, 1, 1)]
    cy_why = "only 0 staff hold the pre-start training su-cy needs; two are needed"
    assert assignment.unmatched == (cr.Unmatched("su-cy", cy_why),)
    assert assignment.rows() == [
        _row("su-ada", "st-lee", 1, "st-kim", 2),
        _row("su-ben", "st-kim", 0, "st-max", 1),
        {**_row("su-cy", None, None, None, None), "why_unmatched": cy_why},
    ]
    assert decision.explain().splitlines() == [
        "[matching.organisation-wide] 2 of 3 waiting Service Users matched with total fit 4"
        " (certified optimal: within 1 of the Lagrangian bound)",
        "[matching.capacity] capacities of 3 staff respected, counting 1 existing match(es)",
        *RULES,
        "[matching.training-records] only completed training records count, completed at any date "
        "(expiry not checked); bookings do not",
        f"missing: a key worker and spare for su-cy: {cy_why}",
    ]
    assert decision.missing == (f"a key worker and spare for su-cy: {cy_why}",)


def test_each_suggestion_explains_both_people_and_the_pair_rules() -> None:
    (ada, _) = cr.assign_all([ADA, BEN], [KIM, LEE, MAX], cr.BUDDIES, existing=[ZED]).answer.matches
    assert [str(r) for r in ada.reasons] == [
        "[matching.key-worker-and-spare] key worker st-lee, spare st-kim for su-ada",
        "[matching.shared-interests] st-lee shares 1 interest(s): music (+1)",
        "[matching.personality-fit] st-lee has 0 fitting trait pair(s): none (+0)",
        "[matching.fit-score] st-lee scores 1",
        "[matching.shared-interests] st-kim shares 2 interest(s): music, trains (+2)",
        "[matching.personality-fit] st-kim has 0 fitting trait pair(s): none (+0)",
        "[matching.fit-score] st-kim scores 2",
        "[matching.different-people] st-lee and st-kim are different people",
        "[matching.capacity] st-lee and st-kim each have free capacity in their role",
    ]


def test_training_completed_after_the_date_given_does_not_count() -> None:
    """On 1 January 2026 nobody has makaton yet (completed 1 February): only Ben is matched, Lee and Max (art)."""
    decision = cr.assign_all([ADA, BEN], [KIM, LEE, MAX], cr.BUDDIES, on=date(2026, 1, 1))
    assert [m.match for m in decision.answer.matches] == [cr.Match("su-ben", "st-lee", "st-max")]
    assert decision.answer.unmatched == (
        cr.Unmatched("su-ada", "only 0 staff hold the pre-start training su-ada needs; two are needed"),
    )
    assert decision.reasons[1].detail == "capacities of 3 staff respected, counting 0 existing match(es)"
    assert decision.reasons[-1].detail == (
        "only completed training records count, completed on or before 2026-01-01 "
        "and not expired by then; bookings do not"
    )


def test_someone_left_out_for_capacity_is_told_so() -> None:
    """Two people need makaton; Kim and Lee hold it, but only Kim has a spare place: one pair only.
    Dee fits better (trains and music with Kim, music with Lee), so Eve is left out."""
    dee = cr.ServiceUser(
        "su-dee", "Dee", date(2015, 1, 1), interests=ADA.interests, required_training=ADA.required_training
    )
    eve = cr.ServiceUser("su-eve", "Eve", date(2015, 1, 1), required_training=ADA.required_training)
    kim = attrs.evolve(KIM, key_capacity=1, spare_capacity=1)
    lee = attrs.evolve(LEE, key_capacity=1, spare_capacity=0)
    decision = cr.assign_all([eve, dee], [kim, lee], cr.BUDDIES)
    assert [m.match.service_user for m in decision.answer.matches] == ["su-dee"]
    assert decision.answer.total_fit == 3
    why = "not enough free key-worker or spare capacity among eligible staff"
    assert decision.answer.unmatched == (cr.Unmatched("su-eve", why),)
    assert decision.missing == (f"a key worker and spare for su-eve: {why}",)
    one = cr.assign_all([eve], [KIM, MAX], cr.BUDDIES)
    assert one.answer.unmatched == (
        cr.Unmatched("su-eve", "only 1 staff hold the pre-start training su-eve needs; two are needed"),
    )


@pytest.mark.parametrize(("users", "staff"), [([], [KIM, LEE]), ([ADA, BEN], [])])
def test_with_nobody_waiting_or_no_staff_nothing_is_assigned(
    users: list[cr.ServiceUser], staff: list[cr.StaffMember]
) -> None:
    decision = cr.assign_all(users, staff, cr.BUDDIES)
    assert decision.answer.matches == ()
    assert decision.answer.total_fit == 0
    assert decision.reasons[0].detail == (
        f"0 of {len(users)} waiting Service Users matched with total fit 0 (nothing to assign)"
    )
    assert [u.why for u in decision.answer.unmatched] == [
        f"only 0 staff hold the pre-start training {u.id} needs; two are needed" for u in users
    ]
