"""Physical contact: the Buddies policy, Compliance / Physical Contact."""

from __future__ import annotations

import attrs
import pytest

import carerules as cr
from carerules import ContactAnswer, ContactPlan

PLAN = ContactPlan("su-ada", appropriate=frozenset({"handshake", "high-five"}), ruled_out=frozenset({"hug"}))
PROVIDER = attrs.evolve(cr.BUDDIES, care=cr.CareBoundaries(contact_kinds=("high-five",)))


def test_a_kind_the_plan_lists_is_appropriate() -> None:
    d = cr.check_contact("handshake", PLAN, cr.BUDDIES)
    assert d.answer is ContactAnswer.APPROPRIATE
    assert d.rule_ids == ("contact.not-assumed", "contact.plan-appropriate")


def test_a_kind_the_plan_rules_out_is_not_appropriate() -> None:
    d = cr.check_contact(cr.ContactKind.HUG, PLAN, cr.BUDDIES)
    assert d.answer is ContactAnswer.NOT_APPROPRIATE
    assert d.rule_ids[-1] == "contact.plan-rules-out"


def test_when_the_plan_is_silent_ask_the_leadership_team() -> None:
    """Contact is never assumed appropriate by default."""
    d = cr.check_contact("guiding-by-touch", PLAN, cr.BUDDIES)
    assert d.answer is ContactAnswer.ASK
    assert d.rule_ids == ("contact.not-assumed",)
    assert cr.check_contact("hug", ContactPlan("su-ben"), cr.BUDDIES).answer is ContactAnswer.ASK


def test_a_kind_the_policy_does_not_know_is_referred_even_if_the_plan_lists_it() -> None:
    d = cr.check_contact("high-five", PLAN, cr.BUDDIES)
    assert d.answer is ContactAnswer.ASK
    assert d.rule_ids[-1] == "contact.unknown-kind"


def test_a_provider_can_add_contact_kinds() -> None:
    assert cr.check_contact("high-five", PLAN, PROVIDER).answer is ContactAnswer.APPROPRIATE


def test_contact_batch_rows() -> None:
    rows = cr.check_contacts(["handshake", "hug", "guiding-by-touch"], PLAN, cr.BUDDIES).rows()
    assert [r["answer"] for r in rows] == ["appropriate", "not-appropriate", "ask"]


def test_a_plan_cannot_list_a_kind_as_both_appropriate_and_ruled_out() -> None:
    with pytest.raises(cr.InvalidInput, match=r"contact_plan\.ruled_out"):
        ContactPlan("su-ada", appropriate=frozenset({"hug"}), ruled_out=frozenset({"hug"}))


@pytest.mark.parametrize("bad", ["Hug", "", "a hug"])
def test_malformed_contact_kinds_are_refused(bad: str) -> None:
    with pytest.raises(cr.InvalidInput, match=r"contact\.kind"):
        cr.check_contact(bad, PLAN, cr.BUDDIES)
    with pytest.raises(cr.InvalidInput, match=r"contact_plan\.appropriate"):
        ContactPlan("su-ada", appropriate=frozenset({bad}))


def test_a_plan_given_one_string_instead_of_a_set_is_refused() -> None:
    with pytest.raises(cr.InvalidInput, match=r"contact_plan\.ruled_out"):
        ContactPlan("su-ada", ruled_out="hug")


def test_plan_contents_stay_out_of_repr() -> None:
    assert "handshake" not in repr(PLAN)
