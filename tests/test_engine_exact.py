"""The rule engine's refusals, rows and explanations pinned exactly.

Written to kill the mutants that survived ``make mutation`` on ``_rules``: every refusal
names its field, the offending value and what was expected; rows and the notebook display
carry every column; default trees say what set a rule aside.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest

import carerules as cr
from carerules._rules import check_unique

SRC = cr.Source("example.txt", "Hair")
GENERAL = cr.Rule("test.hair-care", SRC, "Physical help with hair is personal care.")
BRUSH = cr.Rule("test.brushing", SRC, "Brushing is permitted.")
COMB = cr.Rule("test.combing", SRC, "Combing is permitted.")


#: The public API without static types, for calls that are wrong on purpose.
loose: Any = cr


def always(text: str) -> Any:
    return lambda _: text


def refusal(make: Any) -> tuple[str, object, str]:
    with pytest.raises(cr.InvalidInput) as caught:
        make()
    return caught.value.field, caught.value.value, caught.value.expected


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (
            lambda: loose.Rule("Not An Id", SRC, "x"),
            ("id", "Not An Id", "a dotted lower-case id such as 'charging.minimum-session'"),
        ),
        (
            lambda: loose.Rule(42, SRC, "x"),
            ("id", 42, "a dotted lower-case id such as 'charging.minimum-session'"),
        ),
        (lambda: loose.Rule("test.ok", SRC, "   "), ("summary", "   ", "a non-empty string")),
        (lambda: loose.Source("doc.txt", 7), ("section", 7, "a non-empty string")),
        (lambda: loose.Source("", "Hair"), ("document", "", "a non-empty string")),
        (lambda: loose.Decision("yes", "not reasons"), ("decision.reasons", "not reasons", "an iterable of Reason")),
        (lambda: loose.Decision("yes", 5), ("decision.reasons", 5, "an iterable of Reason")),
        (lambda: loose.Decision("yes", (), missing="x"), ("decision.missing", "x", "an iterable of strings")),
        (lambda: loose.Decision("yes", (), missing=(1,)), ("decision.missing", (1,), "an iterable of strings")),
        (lambda: loose.Default("rule", "a", always("x")), ("default.rule", "rule", "a Rule")),
        (
            lambda: loose.Default(GENERAL, "a", "not callable"),
            ("default.applies", "not callable", "a function returning an explanation or None"),
        ),
        (
            lambda: loose.Default(GENERAL, "a", always("x"), exceptions=["x"]),
            ("default.exceptions", ["x"], "a tuple of Default rules"),
        ),
        (
            lambda: loose.Default(GENERAL, "a", always("x"), exceptions=("x",)),
            ("default.exceptions", ("x",), "a tuple of Default rules"),
        ),
        (
            lambda: loose.Default(GENERAL, "a", always("x"), (cr.Default(GENERAL, "b", always("y")),)),
            ("exceptions", ["test.hair-care"], "each rule to appear once in a default tree"),
        ),
    ],
)
def test_engine_refusals_name_field_value_and_expectation(make: Any, expected: tuple[str, object, str]) -> None:
    assert refusal(make) == expected


def test_a_decision_accepts_any_iterable_of_reasons_and_strings() -> None:
    reason = GENERAL.because("x")
    decision = cr.Decision("yes", iter([reason]), missing=iter(["m"]))
    assert (decision.reasons, decision.missing) == ((reason,), ("m",))


def test_because_carries_the_rules_id_and_source() -> None:
    # Before a policy grounds it, a reason cites the rule's own clause, marked as the library default.
    assert GENERAL.because("d", would_change="w") == cr.Reason("test.hair-care", GENERAL.cited, "d", "w")
    assert GENERAL.cited == attrs.evolve(SRC, default=True)


def test_rows_and_html_show_every_reason_column() -> None:
    decision = cr.Decision(
        "personal care", (GENERAL.because("physical help", would_change="brushing only"), BRUSH.because("b"))
    )
    assert decision.rows() == [
        {
            "rule": "test.hair-care",
            "source": "example.txt, \u00a7 Hair [library default: the policy does not ground this rule]",
            "detail": "physical help",
            "would_change": "brushing only",
        },
        {
            "rule": "test.brushing",
            "source": "example.txt, \u00a7 Hair [library default: the policy does not ground this rule]",
            "detail": "b",
            "would_change": None,
        },
    ]
    html = decision._repr_html_()
    assert html.startswith("<p><b>personal care</b></p><table><caption>reasons</caption>")
    assert (
        "<td>test.hair-care</td><td>example.txt, \u00a7 Hair [library default: the policy does not ground this rule]"
        "</td><td>physical help</td><td>brushing only</td>" in html
    )


def test_map_keeps_reasons_and_missing_and_transforms_the_answer() -> None:
    decision = cr.Decision(2, (GENERAL.because("x"),), missing=("m",))
    assert decision.map(lambda n: n * 10) == cr.Decision(20, (GENERAL.because("x"),), missing=("m",))


def test_exception_sets_the_general_rule_aside_and_says_which() -> None:
    tree = cr.Default(
        GENERAL,
        "personal care",
        always("hair care with physical help"),
        (cr.Default(BRUSH, "permitted", always("brushing")), cr.Default(COMB, "permitted", always("combing"))),
    )
    decision = tree.evaluate(None)
    assert decision is not None
    assert decision.explain() == (
        "[test.hair-care] hair care with physical help; set aside by test.brushing, test.combing\n"
        "[test.brushing] brushing\n"
        "[test.combing] combing"
    )
    plain = cr.Default(GENERAL, "personal care", always("hair care with physical help")).evaluate(None)
    assert plain == cr.Decision("personal care", (GENERAL.because("hair care with physical help"),))


def test_conflicting_exceptions_name_the_rule_and_both_exceptions() -> None:
    """A rule-set defect: RuleConflict, never a silent pick."""
    tree = cr.Default(
        GENERAL,
        "personal care",
        always("x"),
        (cr.Default(BRUSH, "permitted", always("b")), cr.Default(COMB, "refused", always("c"))),
    )
    with pytest.raises(cr.RuleConflict) as caught:
        tree.evaluate(None)
    assert (caught.value.rule_id, caught.value.exception_ids) == ("test.hair-care", ("test.brushing", "test.combing"))


def test_check_unique_drops_exact_repeats_and_refuses_a_reused_id() -> None:
    assert check_unique(iter([GENERAL, BRUSH, GENERAL])) == (GENERAL, BRUSH)
    assert check_unique([]) == ()
    other = cr.Rule("test.hair-care", SRC, "A different summary.")
    assert refusal(lambda: check_unique([GENERAL, other])) == (
        "rule.id",
        "test.hair-care",
        "a rule id used by only one rule",
    )
