"""Every clause has a rule, every rule has a test (docs/traceability.md, issue 8).

The checks on the real suite and page come first; the synthetic cases after
them prove each check can fail. Rule ids written in this file do not count as
tests of those rules (see ``tests/_traceability.py``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import carerules as cr
from tests._traceability import (
    BEGIN,
    END,
    PAGE,
    ROOT,
    current_section,
    ids_in,
    missing_ids,
    render,
    rule_tests,
    suite_sources,
    table_ids,
    table_rows,
    unknown_ids,
    untested,
    with_section,
)

SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"

#: Every section heading of both documents (parts joined by " / "); each needs a clause row.
HEADINGS = {
    cr.BUDDIES_DOCUMENT: (
        "Introducing you to",
        "What are our aims?",
        "What do we do?",
        "How do we get started?",
        "Other things you should know",
        "Maintaining Standards",
        "Compliance",
        "Compliance / Medication",
        "Compliance / Personal Care",
        "Compliance / Physical Contact",
        "Costings",
    ),
    cr.ONE_TO_ONE_DOCUMENT: (
        "1-2-1 Support",
        "Support could be offered in the following areas",
        "Support could be offered in the following areas / Motivation",
        "Support could be offered in the following areas / Confidence",
        "Support could be offered in the following areas / Networks/Relationships",
        "Support could be offered in the following areas / Practical",
        "Case Studies",
        "Case Studies / Example 1",
        "Case Studies / Example 2",
    ),
}


def _page() -> str:
    return PAGE.read_text(encoding="utf-8")


def _registered() -> list[str]:
    return [r.id for r in cr.all_rules()]


def _clause_rows(page: str) -> list[tuple[str, list[str]]]:
    """(document file name, cells) for every clause row."""
    out = []
    for heading, cells in table_rows(page):
        document = next((d for d in HEADINGS if d in heading), None)
        if document is not None:
            out.append((document, cells))
    return out


def _product_rows(page: str) -> list[list[str]]:
    return [cells for heading, cells in table_rows(page) if heading == "Product decisions"]


def _in_section(row_section: str, rule_section: str) -> bool:
    return row_section == rule_section or row_section.startswith(rule_section + " / ")


# --- the real suite and page -------------------------------------------------------------------


def test_every_registered_rule_is_named_by_a_test() -> None:
    """A rule with no test naming its id (as an exact string literal under tests/) fails here."""
    assert untested(rule_tests(_registered(), suite_sources())) == []


def test_the_table_names_only_registered_rules() -> None:
    assert unknown_ids(table_ids(_page()), _registered()) == []


def test_every_registered_rule_is_in_the_table() -> None:
    assert missing_ids(_registered(), table_ids(_page())) == []


def _home(rule_id: str) -> cr.Source:
    """The clause a built-in grounds ``rule_id`` in (Buddies, else 1-2-1 Support)."""
    policy = cr.BUDDIES if cr.BUDDIES.is_grounded(rule_id) else cr.ONE_TO_ONE_SUPPORT
    assert policy.is_grounded(rule_id), f"no built-in grounds {rule_id}"
    return policy.source_for(rule_id)


def test_a_document_rule_sits_in_a_clause_row_of_its_own_document_and_section() -> None:
    rows = _clause_rows(_page())
    for rule in cr.all_rules():
        if _home(rule.id).is_product_decision:
            continue
        homes = [c for d, c in rows if d == _home(rule.id).document and _in_section(c[1], _home(rule.id).section)]
        assert any(rule.id in ids_in(c[3]) for c in homes), f"{rule.id} not listed under {_home(rule.id)}"


def test_a_product_decision_sits_in_the_row_of_its_product_md_section() -> None:
    rows = _product_rows(_page())
    listed = {i: cells[0] for cells in rows for i in ids_in(cells[1])}
    for rule in cr.all_rules():
        if _home(rule.id).is_product_decision:
            assert listed.get(rule.id) == _home(rule.id).section, rule.id
    for rule_id in listed:
        assert _home(rule_id).is_product_decision, f"{rule_id} is not a product decision"


def test_every_clause_row_names_a_rule_or_says_why_not() -> None:
    rows = _clause_rows(_page())
    assert len({c[0] for _, c in rows}) == len(rows), "clause numbers repeat"
    for _, cells in rows:
        assert len(cells) == 4, cells
        assert ids_in(cells[3]) or re.match(r"not encoded: \w.{20,}", cells[3]), cells[0]


def test_every_section_heading_of_both_documents_has_a_clause_row() -> None:
    rows = _clause_rows(_page())
    for document, headings in HEADINGS.items():
        covered = {c[1] for d, c in rows if d == document}
        assert set(headings) == covered, document


def test_clauses_refined_by_product_decisions_exist() -> None:
    numbers = {c[0] for _, c in _clause_rows(_page())}
    for cells in _product_rows(_page()):
        refined = [n.strip() for n in cells[2].split(",")]
        assert refined, cells[0]
        assert set(refined) <= numbers, cells[0]


def test_the_generated_rule_to_tests_section_is_current() -> None:
    """docs/traceability.md's last section is generated (make docs-trace) and must not go stale."""
    assert current_section(_registered()) in _page(), "run `make docs-trace`"


def test_the_page_carries_no_contact_details() -> None:
    page = _page()
    assert not re.search(r"[\w.+-]+@[\w-]+\.\w", page), "an email address"
    assert not re.search(r"\b0\d{3,4}[ -]?\d{3}[ -]?\d{3,4}\b", page), "a phone number"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="source documents not beside this checkout")
def test_cited_headings_open_lines_of_the_documents() -> None:
    for document, headings in HEADINGS.items():
        lines = {line.strip() for line in (SEEDS / document).read_text(encoding="utf-8").splitlines()}
        for heading in headings:
            for part in heading.split(" / "):
                assert any(line.startswith(part) for line in lines), (document, part)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="source documents not beside this checkout")
def test_the_page_copies_no_sentence_from_the_documents() -> None:
    """Summaries are in our words: no run of 10 words of either document appears in the page."""

    def words(text: str) -> list[str]:
        return re.findall(r"[a-z0-9']+", text.lower())

    page = " ".join(words(_page()))
    for document in HEADINGS:
        text = words((SEEDS / document).read_text(encoding="utf-8"))
        for i in range(len(text) - 9):
            run = " ".join(text[i : i + 10])
            assert f" {run} " not in f" {page} ", (document, run)


@pytest.mark.skipif(not (SHARED / "PRODUCT.md").is_file(), reason="PRODUCT.md not beside this checkout")
def test_product_decision_sections_are_headings_of_product_md() -> None:
    headings = {line[4:].strip() for line in (SHARED / "PRODUCT.md").read_text(encoding="utf-8").splitlines()}
    for cells in _product_rows(_page()):
        assert cells[0] in headings, cells[0]


# --- synthetic cases: each check can fail --------------------------------------------------------

FAKE_TEST = """
import pytest

RULE = "fake.in-constant"
UNUSED = "fake.module-level"
CASES = [("fake.in-cases", 1)]


def helper() -> str:
    return RULE


def test_names_one() -> None:
    assert "fake.named" in ("fake.named",)
    # "fake.in-comment" is only a comment
    assert "[fake.inside-longer] detail"


def test_through_a_helper() -> None:
    assert helper()


@pytest.mark.parametrize(("rule", "n"), CASES)
def test_through_parametrize(rule: str, n: int) -> None:
    assert rule


class TestGroup:
    def test_in_class(self) -> None:
        assert "fake.in-class"
"""


def test_a_rule_no_test_names_is_reported() -> None:
    ids = ["fake.named", "fake.in-comment", "fake.inside-longer", "fake.in-class", "fake.module-level", "fake.none"]
    ids += ["fake.in-constant", "fake.in-cases"]
    found = rule_tests(ids, {"tests/test_fake.py": FAKE_TEST})
    assert found["fake.named"] == ("tests/test_fake.py::test_names_one",)
    assert found["fake.in-class"] == ("tests/test_fake.py::TestGroup::test_in_class",)
    assert found["fake.in-constant"] == ("tests/test_fake.py::test_through_a_helper",)
    assert found["fake.in-cases"] == ("tests/test_fake.py::test_through_parametrize",)
    assert found["fake.module-level"] == ("tests/test_fake.py (module level)",)
    assert untested(found) == ["fake.in-comment", "fake.inside-longer", "fake.none"]


def test_the_traceability_files_themselves_do_not_count(tmp_path: Path) -> None:
    (tmp_path / "tests" / "area").mkdir(parents=True)
    (tmp_path / "tests" / "test_traceability.py").write_text('def test_x() -> None:\n    assert "fake.a"\n')
    (tmp_path / "tests" / "_traceability.py").write_text('X = "fake.a"\n')
    (tmp_path / "tests" / "area" / "test_real.py").write_text('def test_y() -> None:\n    assert "fake.b"\n')
    found = rule_tests(["fake.a", "fake.b"], suite_sources(tmp_path))
    assert untested(found) == ["fake.a"]
    assert found["fake.b"] == ("tests/area/test_real.py::test_y",)


FAKE_PAGE = f"""# page

## Clauses of `doc.txt`

| clause | section | what it says | rules |
| --- | --- | --- | --- |
| X1 | Intro | something | `fake.known`, `fake.unknown` |
| X2 | Intro | other | not encoded: a statement with nothing to decide. |

{BEGIN}

| rule | tests naming it |
| --- | --- |
| `fake.generated-only` | none |

{END}
"""


def test_the_table_check_reports_unknown_and_missing_ids() -> None:
    assert [cells[0] for _, cells in table_rows(FAKE_PAGE)] == ["X1", "X2"]
    named = table_ids(FAKE_PAGE)
    assert named == {"fake.known", "fake.unknown"}  # the generated section does not count
    assert unknown_ids(named, ["fake.known", "fake.generated-only"]) == ["fake.unknown"]
    assert missing_ids(["fake.known", "fake.generated-only"], named) == ["fake.generated-only"]


def test_a_stale_generated_section_is_detected_and_replaced() -> None:
    fresh = render({"fake.known": ("tests/test_a.py::test_b",), "fake.lonely": ()})
    assert "| `fake.lonely` | **none** |" in fresh
    assert fresh not in FAKE_PAGE
    updated = with_section(FAKE_PAGE, fresh)
    assert fresh in updated
    assert "fake.generated-only" not in updated
    assert updated.startswith(FAKE_PAGE.split(BEGIN)[0])
    assert with_section("# bare page\n", fresh) == "# bare page\n\n" + fresh + "\n"
