"""Whole answers of the physical-contact check (mutation-testing companions to test_care_contact.py).

Each test pins the answer, every reason's rule id and text (including which
rule set aside which), and the field, value and expectation of a refusal.
"""

from __future__ import annotations

import attrs
import pytest

import carerules as cr
from carerules import BUDDIES

PLAN = cr.ContactPlan("su-ada", appropriate=frozenset({"hug", "fist-bump"}), ruled_out=frozenset({"handshake"}))
FIST_BUMPS = attrs.evolve(BUDDIES, care=attrs.evolve(BUDDIES.care, contact_kinds=("fist-bump",)))


def _explained(d: cr.Decision[cr.ContactAnswer]) -> tuple[str, list[str], tuple[str, ...]]:
    assert all(r.would_change is None for r in d.reasons)
    return d.answer.value, [str(r) for r in d.reasons], d.missing


def test_a_kind_the_plan_lists_is_appropriate() -> None:
    assert _explained(cr.check_contact("hug", PLAN, BUDDIES)) == (
        "appropriate",
        [
            "[contact.not-assumed] hug is not assumed appropriate; set aside by contact.plan-appropriate",
            "[contact.plan-appropriate] the plan for su-ada lists hug as appropriate",
        ],
        (),
    )


def test_a_kind_the_plan_rules_out_is_not_appropriate() -> None:
    assert _explained(cr.check_contact("handshake", PLAN, BUDDIES)) == (
        "not-appropriate",
        [
            "[contact.not-assumed] handshake is not assumed appropriate; set aside by contact.plan-rules-out",
            "[contact.plan-rules-out] the plan for su-ada rules out handshake",
        ],
        (),
    )


def test_a_listed_kind_the_policy_does_not_know_goes_to_the_leadership_team() -> None:
    assert _explained(cr.check_contact("fist-bump", PLAN, BUDDIES)) == (
        "ask",
        [
            "[contact.not-assumed] fist-bump is not assumed appropriate; set aside by contact.plan-appropriate",
            "[contact.plan-appropriate] the plan for su-ada lists fist-bump as appropriate; "
            "set aside by contact.unknown-kind",
            "[contact.unknown-kind] fist-bump is neither a built-in kind of contact nor one the policy adds",
        ],
        (),
    )


def test_a_listed_kind_the_policy_adds_is_appropriate() -> None:
    assert _explained(cr.check_contact("fist-bump", PLAN, FIST_BUMPS)) == (
        "appropriate",
        [
            "[contact.not-assumed] fist-bump is not assumed appropriate; set aside by contact.plan-appropriate",
            "[contact.plan-appropriate] the plan for su-ada lists fist-bump as appropriate",
        ],
        (),
    )


def test_an_unnamed_kind_is_never_assumed_and_says_whether_the_policy_knows_it() -> None:
    unnamed = cr.ContactPlan("su-bo")
    assert _explained(cr.check_contact(cr.ContactKind.HUG, unnamed, BUDDIES)) == (
        "ask",
        ["[contact.not-assumed] the plan for su-bo does not name hug; contact is never assumed appropriate"],
        (),
    )
    assert _explained(cr.check_contact("fist-bump", unnamed, FIST_BUMPS)) == (
        "ask",
        ["[contact.not-assumed] the plan for su-bo does not name fist-bump; contact is never assumed appropriate"],
        (),
    )
    assert _explained(cr.check_contact("tickle", unnamed, BUDDIES)) == (
        "ask",
        [
            "[contact.not-assumed] the plan for su-bo does not name tickle "
            "(not a kind of contact the policy knows); contact is never assumed appropriate"
        ],
        (),
    )


def test_a_malformed_kind_is_refused_naming_the_field() -> None:
    with pytest.raises(cr.InvalidInput) as caught:
        cr.check_contact("Big Hug", PLAN, BUDDIES)
    assert (caught.value.field, caught.value.value, caught.value.expected) == (
        "contact.kind",
        "Big Hug",
        "a lower-case name of letters, digits and hyphens, e.g. 'high-five'",
    )


def test_several_kinds_keep_their_order_and_give_one_row_each() -> None:
    checks = cr.check_contacts(["handshake", "hug", "tickle"], PLAN, BUDDIES)
    assert checks.service_user == "su-ada"
    assert checks.kinds == ("handshake", "hug", "tickle")
    assert [d.answer for d in checks.decisions] == [
        cr.ContactAnswer.NOT_APPROPRIATE,
        cr.ContactAnswer.APPROPRIATE,
        cr.ContactAnswer.ASK,
    ]
    assert checks.rows() == [
        {
            "service_user": "su-ada",
            "kind": "handshake",
            "answer": "not-appropriate",
            "rules": "contact.not-assumed, contact.plan-rules-out",
        },
        {
            "service_user": "su-ada",
            "kind": "hug",
            "answer": "appropriate",
            "rules": "contact.not-assumed, contact.plan-appropriate",
        },
        {
            "service_user": "su-ada",
            "kind": "tickle",
            "answer": "ask",
            "rules": "contact.not-assumed",
        },
    ]


def test_a_kind_without_a_decision_is_refused_so_rows_never_silently_drop_it() -> None:
    with pytest.raises(cr.InvalidInput) as err:
        cr.ContactChecks("su-ada", ("hug", "handshake"), (cr.check_contact("hug", PLAN, BUDDIES),))
    assert (err.value.field, err.value.value, err.value.expected) == (
        "decisions",
        1,
        "one decision per kind of contact (2)",
    )
