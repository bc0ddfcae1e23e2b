"""Grounding answers in the policy that produced them.

The rules build their reasons citing each rule's library default clause.
On the way out of every public function that takes a policy, the answer is
*grounded*: each reason's source becomes the clause the policy gives for
that rule (or stays the library default, marked ``default=True``, when the
policy gives none), and every :class:`~carerules.Decision` and result that
records it is stamped with the policy's id and version.

Grounding walks the answer by type: it visits only the fields whose
annotations can hold a reason, so a batch of a million priced sessions is
not walked item by item.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar, get_args, get_origin

import attrs

from carerules._policy._clauses import ROLES, role_name
from carerules._public import defined_in, type_hints
from carerules._rules import Decision, PolicyStamp, Reason, Source, fill_roles

if TYPE_CHECKING:
    from carerules._policy._model import Policy

T = TypeVar("T")

_LEAF = (str, bytes, int, float, bool, type(None))


class Grounder:
    """Replaces default clauses with one policy's clauses, and stamps results."""

    def __init__(
        self, stamp: PolicyStamp | None, sources: Mapping[str, Source], roles: Mapping[str, str] | None = None
    ) -> None:
        self.stamp = stamp
        self.sources = sources
        self.roles = {key: role_name(roles or {}, key) for key in ROLES}

    def role(self, key: str) -> str:
        return self.roles.get(key, key)

    def text(self, value: str | None) -> str | None:
        return value if value is None else fill_roles(value, self.role)

    def source(self, rule_id: str, source: Source) -> Source:
        if not source.default:
            return source
        return self.sources.get(rule_id, source)

    def reason(self, r: Reason) -> Reason:
        new = self.source(r.rule_id, r.source)
        detail = fill_roles(r.detail, self.role)
        would = self.text(r.would_change)
        if new is r.source and detail is r.detail and would is r.would_change:
            return r
        return Reason(r.rule_id, new, detail, would)

    def decision(self, d: Decision[Any]) -> Decision[Any]:
        answer = self.value(d.answer)
        reasons = tuple(self.reason(r) for r in d.reasons)
        return Decision(answer, reasons, d.missing, policy=self.stamp)

    def value(self, v: Any) -> Any:
        cls = type(v)
        if cls in _LEAF:
            return v
        if cls is Decision:
            return self.decision(v)
        if cls is Reason:
            return self.reason(v)
        if cls is tuple or cls is list:
            out = [self.value(x) for x in v]
            if all(a is b for a, b in zip(out, v, strict=True)):
                return v
            return tuple(out) if cls is tuple else out
        if isinstance(v, Mapping) and cls in (dict, MappingProxyType):
            items = {k: self.value(x) for k, x in v.items()}
            if all(items[k] is v[k] for k in v):
                return v
            return items if cls is dict else MappingProxyType(items)
        plan = _plan(cls)
        if plan is None:
            return v
        changes: dict[str, Any] = {}
        for name, alias in plan.fields:
            old = getattr(v, name)
            new = self.value(old)
            if new is not old:
                changes[alias] = new
        if plan.rule_source:
            old_source = v.source
            new_source = self.source(v.rule_id, old_source)
            if new_source is not old_source:
                changes["source"] = new_source
            for name in ("detail", "would_change"):
                text = getattr(v, name, None)
                if isinstance(text, str) and fill_roles(text, self.role) is not text:
                    changes[name] = fill_roles(text, self.role)
        if plan.stamped and self.stamp is not None:
            changes["policy"] = self.stamp
        return attrs.evolve(v, **changes) if changes else v


@attrs.frozen
class _Plan:
    fields: tuple[tuple[str, str], ...]
    rule_source: bool
    stamped: bool


_PLANS: dict[type, _Plan | None] = {}
_VISITING: set[type] = set()


def _plan(cls: type) -> _Plan | None:
    """Which fields of ``cls`` may hold reasons (``None``: nothing to ground in it)."""
    if cls in _PLANS:
        return _PLANS[cls]
    if not attrs.has(cls) or _is_policy(cls):
        _PLANS[cls] = None
        return None
    if cls in _VISITING:
        return _Plan((), False, False)  # a recursive type: assume groundable, decided by the outer call
    _VISITING.add(cls)
    try:
        try:
            hints = type_hints(cls)
        except Exception:  # an annotation we cannot resolve: walk the field at run time
            hints = {}
        names = {a.name: a.alias for a in attrs.fields(cls) if a.init}
        fields = tuple(
            (name, alias) for name, alias in names.items() if _may_hold(hints.get(name, Any)) and name != "policy"
        )
        rule_source = "rule_id" in names and "source" in names and hints.get("source") is Source
        stamped = "policy" in names and _is_stamp(hints.get("policy"))
    finally:
        _VISITING.discard(cls)
    plan = _Plan(fields, rule_source, stamped) if fields or rule_source or stamped else None
    _PLANS[cls] = plan
    return plan


def _is_stamp(hint: Any) -> bool:
    return hint is PolicyStamp or PolicyStamp in get_args(hint)


def _is_policy(cls: type) -> bool:
    return cls.__name__ == "Policy" and defined_in(cls) == "carerules._policy._model"


def _may_hold(hint: Any) -> bool:
    if hint is Any or hint is object or isinstance(hint, TypeVar):
        return True
    if hint in _LEAF or hint is Source or hint is PolicyStamp:
        return False
    origin = get_origin(hint)
    if origin is not None:
        if origin is Decision:
            return True
        return any(_may_hold(a) for a in get_args(hint) if a is not Ellipsis)
    if hint is Decision or hint is Reason:
        return True
    if isinstance(hint, type):
        if attrs.has(hint):
            return _plan(hint) is not None
        return False
    return True


#: Grounds answers made with no policy: library default clauses and neutral role names, no stamp.
DEFAULTS = Grounder(None, {})


def ground(value: T, policy: Policy | None) -> T:
    """``value`` with every reason grounded in ``policy``'s clauses and every result stamped.

    With no policy, role references take the library's neutral names and
    sources stay the library's default clauses.
    """
    out: T = (DEFAULTS if policy is None else policy.grounder).value(value)
    return out
