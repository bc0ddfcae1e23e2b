"""The rule engine: rules, decisions, default logic with exceptions, the registry."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import carerules as cr

SRC = cr.Source("example.txt", "Hair")
GENERAL = cr.Rule("test.hair-care", SRC, "Physical help with hair is personal care.")
BRUSHING = cr.Rule("test.brushing-permitted", SRC, "Brushing hair is permitted.")
STYLING = cr.Rule("test.styling-permitted", SRC, "Doing hair is permitted.")
UNCLEAR = cr.Rule("test.unclear", SRC, "Anything else: ask.")


@attrs.frozen
class Task:
    activity: str
    help: str


TREE: cr.Default[Task, str] = cr.Default(
    GENERAL,
    "personal care",
    lambda t: "hair care with physical help" if t.activity.startswith("hair") and t.help == "physical" else None,
    exceptions=(
        cr.Default(BRUSHING, "permitted", lambda t: "brushing" if t.activity == "hair-brushing" else None),
        cr.Default(STYLING, "permitted", lambda t: "styling" if t.activity == "hair-styling" else None),
    ),
)


def fallback(task: Task) -> cr.Decision[str]:
    return cr.Decision("unclear", (UNCLEAR.because(f"{task.activity} is not settled by any rule"),))


def test_general_rule_decides_when_no_exception_applies() -> None:
    decision = cr.decide([TREE], Task("hair-washing", "physical"), fallback)
    assert decision.answer == "personal care"
    assert decision.rule_ids == ("test.hair-care",)


def test_exception_overrides_the_general_rule_and_says_so() -> None:
    decision = cr.decide([TREE], Task("hair-brushing", "physical"), fallback)
    assert decision.answer == "permitted"
    assert decision.rule_ids == ("test.hair-care", "test.brushing-permitted")
    assert "set aside by test.brushing-permitted" in decision.reasons[0].detail


def test_nothing_applies_falls_back_with_a_reason() -> None:
    decision = cr.decide([TREE], Task("cooking", "physical"), fallback)
    assert decision.answer == "unclear"
    assert decision.rule_ids == ("test.unclear",)


def test_two_disagreeing_exceptions_are_a_conflict() -> None:
    clash: cr.Default[Task, str] = cr.Default(
        GENERAL,
        "personal care",
        lambda t: None,
        exceptions=(
            cr.Default(BRUSHING, "permitted", lambda t: "yes"),
            cr.Default(STYLING, "refused", lambda t: "yes"),
        ),
    )
    with pytest.raises(cr.RuleConflict) as caught:
        clash.evaluate(Task("hair-brushing", "physical"))
    assert caught.value.exception_ids == ("test.brushing-permitted", "test.styling-permitted")


def test_a_rule_may_appear_only_once_in_a_tree() -> None:
    leaf: cr.Default[Task, str] = cr.Default(BRUSHING, "permitted", lambda t: None)
    with pytest.raises(cr.InvalidInput, match="exceptions"):
        cr.Default(GENERAL, "personal care", lambda t: None, exceptions=(leaf, leaf))


@given(
    st.sampled_from(["hair-brushing", "hair-styling", "hair-washing", "cooking"]),
    st.sampled_from(["physical", "verbal"]),
)
def test_adding_a_permission_never_turns_permitted_into_refused(activity: str, help: str) -> None:
    without: cr.Default[Task, str] = attrs.evolve(TREE, exceptions=TREE.exceptions[:1])
    task = Task(activity, help)
    before = cr.decide([without], task, fallback).answer
    after = cr.decide([TREE], task, fallback).answer
    if before == "permitted":
        assert after == "permitted"


@pytest.mark.parametrize("bad", ["", "NoDots", "has space.x", "trailing.", ".leading", "UPPER.case"])
def test_rule_ids_are_checked(bad: str) -> None:
    with pytest.raises(cr.InvalidInput, match="id"):
        cr.Rule(bad, SRC, "summary")


def test_every_registered_rule_cites_a_real_source() -> None:
    rules = cr.all_rules()
    assert len({r.id for r in rules}) == len(rules)
    for rule in rules:
        assert rule.source.document in {cr.DEFAULT_RULES, cr.PRODUCT_DECISIONS}
        grounded = [p.source_for(rule.id) for p in (cr.BUDDIES, cr.ONE_TO_ONE_SUPPORT) if p.is_grounded(rule.id)]
        assert grounded, f"no built-in grounds {rule.id}"
        assert {g.document for g in grounded} <= {cr.BUDDIES_DOCUMENT, cr.ONE_TO_ONE_DOCUMENT, cr.PRODUCT_DECISIONS}
        assert cr.get_rule(rule.id) == rule


def test_buddies_sources_name_real_section_headings() -> None:
    seeds = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("source documents not beside this checkout")
    for policy in (cr.BUDDIES, cr.ONE_TO_ONE_SUPPORT):
        for rule_id in policy.clauses:
            source = policy.source_for(rule_id)
            if source.is_product_decision:
                continue
            text = (seeds / source.document).read_text(encoding="utf-8", errors="replace")
            assert source.section.split(" / ")[0] in text, rule_id


def test_unknown_rule_id_is_a_typed_error() -> None:
    with pytest.raises(cr.InvalidInput, match="rule_id"):
        cr.get_rule("no.such-rule")


def test_docs_rules_table_matches_the_registry() -> None:
    """docs/rules.md is generated from the registry (make docs-rules) and must not go stale."""
    page = Path(__file__).resolve().parents[1] / "docs" / "rules.md"
    assert cr.rules_table() in page.read_text(encoding="utf-8"), "run `make docs-rules`"


def test_decision_explains_in_order_with_thresholds() -> None:
    decision = cr.Decision("x", (GENERAL.because("first", would_change="other"), BRUSHING.because("second")))
    assert decision.explain().splitlines() == ["[test.hair-care] first (other)", "[test.brushing-permitted] second"]
