"""Every rule the library knows, gathered from each policy area."""

from __future__ import annotations

from carerules._care._rules import RULES as _CARE
from carerules._charging import RULES as _CHARGING
from carerules._errors import InvalidInput
from carerules._matching import RULES as _MATCHING
from carerules._onboarding._rules import RULES as _ONBOARDING
from carerules._policy._calendar import BANK_HOLIDAYS, CLOSURE_DAYS
from carerules._renamed import RENAMED_RULES
from carerules._rules import Rule, check_unique
from carerules._support121 import RULES as _SUPPORT121
from carerules._tariff import RULES as _TARIFF

# Each policy area exports a RULES tuple; add it here.
_ALL: tuple[Rule, ...] = check_unique(
    (BANK_HOLIDAYS, CLOSURE_DAYS, *_CHARGING, *_CARE, *_SUPPORT121, *_MATCHING, *_ONBOARDING, *_TARIFF)
)
_BY_ID = {r.id: r for r in _ALL}


def all_rules() -> tuple[Rule, ...]:
    """Every registered rule, in registration order."""
    return _ALL


def get_rule(rule_id: str) -> Rule:
    """The rule with id ``rule_id``; :class:`~carerules.InvalidInput` if unknown.

    An id from before the rules were made provider-neutral
    (``buddies.charging.minimum-session``) resolves to the rule that
    replaced it (``charging.minimum-session``), so stored explanations
    still resolve.
    """
    if not isinstance(rule_id, str):
        raise InvalidInput("rule_id", rule_id, "the id of a registered rule")
    found = _BY_ID.get(RENAMED_RULES.get(rule_id, rule_id))
    if found is None:
        raise InvalidInput("rule_id", rule_id, "the id of a registered rule")
    return found


def is_rule(rule_id: str) -> bool:
    """Whether ``rule_id`` is the current id of a registered rule (old ids are not)."""
    return rule_id in _BY_ID


def rules_table() -> str:
    """Every rule as a Markdown table (the body of ``docs/rules.md``).

    Each row gives the rule's default clause and summary, and the clause
    each built-in policy grounds it in.
    """
    from carerules._policy import builtin_policy

    built_ins = [builtin_policy("buddies"), builtin_policy("one-to-one")]
    lines = ["| id | default clause | summary | built-in clause |", "| --- | --- | --- | --- |"]
    for r in _ALL:
        cited = "; ".join(
            f"{p.id}: {p.source_for(r.id).document}, \u00a7 {p.source_for(r.id).section}"
            for p in built_ins
            if p.is_grounded(r.id)
        )
        lines.append(f"| `{r.id}` | {r.source.document}, \u00a7 {r.source.section} | {r.summary} | {cited} |")
    return "\n".join(lines) + "\n"


def renamed_table() -> str:
    """The old-id to new-id table, as Markdown (part of ``docs/rules.md``)."""
    lines = ["| old id | current id |", "| --- | --- |"]
    lines.extend(f"| `{old}` | `{new}` |" for old, new in RENAMED_RULES.items())
    return "\n".join(lines) + "\n"
