"""Every rule the library knows, gathered from each policy area."""

from __future__ import annotations

from carerules._care import RULES as _CARE
from carerules._charging import RULES as _CHARGING
from carerules._errors import InvalidInput
from carerules._matching import RULES as _MATCHING
from carerules._onboarding._rules import RULES as _ONBOARDING
from carerules._policy._calendar import BANK_HOLIDAYS, CLOSURE_DAYS
from carerules._rules import Rule, check_unique
from carerules._support121 import RULES as _SUPPORT121

# Each policy area exports a RULES tuple; add it here.
_ALL: tuple[Rule, ...] = check_unique(
    (BANK_HOLIDAYS, CLOSURE_DAYS, *_CHARGING, *_CARE, *_SUPPORT121, *_MATCHING, *_ONBOARDING)
)
_BY_ID = {r.id: r for r in _ALL}


def all_rules() -> tuple[Rule, ...]:
    """Every registered rule, in registration order."""
    return _ALL


def get_rule(rule_id: str) -> Rule:
    """The rule with id ``rule_id``; :class:`~carerules.InvalidInput` if unknown."""
    try:
        return _BY_ID[rule_id]
    except (KeyError, TypeError):  # TypeError: an unhashable id
        raise InvalidInput("rule_id", rule_id, "the id of a registered rule") from None


def rules_table() -> str:
    """Every rule as a Markdown table (the body of ``docs/rules.md``)."""
    lines = ["| id | source | summary |", "| --- | --- | --- |"]
    for r in _ALL:
        lines.append(f"| `{r.id}` | {r.source.document}, \u00a7 {r.source.section} | {r.summary} |")
    return "\n".join(lines) + "\n"
