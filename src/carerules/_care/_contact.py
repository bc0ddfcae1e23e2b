"""Physical contact: appropriate, not appropriate, or ask the leadership team. Never appropriate by default."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any

import attrs

from carerules._care import _rules as R
from carerules._care._model import CareBoundaries, ContactPlan
from carerules._display import Tabular
from carerules._enums import Choice
from carerules._guard import public
from carerules._policy import Policy
from carerules._rules import Decision, Default, PolicyStamp, evaluate_defaults
from carerules._validate import instance, one_answer_each, slug


class ContactAnswer(Choice):
    """Whether a kind of contact is appropriate for a person, or staff must ask first.

    ``ASK`` means: ask the role the policy names ``adviser`` (the Buddies
    policy's leadership team). ``ASK_LEADERSHIP_TEAM`` is its old name, and
    the old value ``"ask-the-leadership-team"`` still reads as ``ASK``.
    """

    APPROPRIATE = "appropriate"
    NOT_APPROPRIATE = "not-appropriate"
    ASK = "ask"
    ASK_LEADERSHIP_TEAM = "ask"

    @classmethod
    def _missing_(cls, value: Any) -> Any:
        return cls.ASK if value == "ask-the-leadership-team" else super()._missing_(value)


_Case = tuple[str, ContactPlan, CareBoundaries]


def _not_assumed(case: _Case) -> str:
    kind, plan, care = case
    if kind in plan.appropriate or kind in plan.ruled_out:
        return f"{kind} is not assumed appropriate"
    known = "" if care.knows_contact(kind) else " (not a kind of contact the policy knows)"
    return f"the plan for {plan.service_user} does not name {kind}{known}; contact is never assumed appropriate"


def _in_plan(case: _Case) -> str | None:
    kind, plan, _ = case
    return f"the plan for {plan.service_user} lists {kind} as appropriate" if kind in plan.appropriate else None


def _ruled_out(case: _Case) -> str | None:
    kind, plan, _ = case
    return f"the plan for {plan.service_user} rules out {kind}" if kind in plan.ruled_out else None


def _unknown(case: _Case) -> str | None:
    kind, plan, care = case
    if kind not in plan.appropriate or care.knows_contact(kind):
        return None
    return f"{kind} is neither a built-in kind of contact nor one the policy adds"


#: The contact rules as one tree: "ask" unless the plan says otherwise.
CONTACT_TREE: Default[_Case, ContactAnswer] = Default(
    R.CONTACT_NOT_ASSUMED,
    ContactAnswer.ASK,
    _not_assumed,
    (
        Default(
            R.CONTACT_IN_PLAN,
            ContactAnswer.APPROPRIATE,
            _in_plan,
            (Default(R.CONTACT_UNKNOWN_KIND, ContactAnswer.ASK, _unknown),),
        ),
        Default(R.CONTACT_RULED_OUT, ContactAnswer.NOT_APPROPRIATE, _ruled_out),
    ),
)


def _never(case: _Case) -> Decision[ContactAnswer]:  # pragma: no cover - the root always applies
    return Decision(ContactAnswer.ASK, (R.CONTACT_NOT_ASSUMED.because(_not_assumed(case)),))


_check_kind = slug("contact.kind")


@public
def check_contact(kind: str, plan: ContactPlan, policy: Policy) -> Decision[ContactAnswer]:
    """Whether contact of ``kind`` (``"hug"``, ``"handshake"``, ...) is appropriate for the person ``plan`` covers.

    Appropriate only when the plan lists it (and the kind is known to the
    policy); not appropriate when the plan rules it out; otherwise ask the
    leadership team. Raises :class:`~carerules.InvalidInput` for a malformed kind name.
    """
    kind = kind.value if isinstance(kind, StrEnum) else kind
    _check_kind(None, None, kind)
    return evaluate_defaults((CONTACT_TREE,), (kind, plan, policy.care), _never)


@attrs.frozen
class ContactChecks(Tabular):
    """Several kinds of contact checked against one person's plan."""

    service_user: str
    kinds: tuple[str, ...] = attrs.field(validator=instance(tuple, "contact_checks.kinds"))
    decisions: tuple[Decision[ContactAnswer], ...] = attrs.field(validator=instance(tuple, "contact_checks.decisions"))
    #: The policy that produced it (id and version).
    policy: PolicyStamp | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        one_answer_each(self.kinds, self.decisions, "decisions", "kind of contact")

    def rows(self) -> list[dict[str, Any]]:
        """One plain dict per kind of contact."""
        return [
            {
                "service_user": self.service_user,
                "kind": k,
                "answer": d.answer.value,
                "rules": ", ".join(d.rule_ids),
            }
            for k, d in zip(self.kinds, self.decisions, strict=True)
        ]


@public
def check_contacts(kinds: Iterable[str], plan: ContactPlan, policy: Policy) -> ContactChecks:
    """:func:`check_contact` for each kind, in order."""
    items = tuple(kinds)
    return ContactChecks(plan.service_user, items, tuple(check_contact(k, plan, policy) for k in items))
