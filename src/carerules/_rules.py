"""The rule engine every policy area shares.

A :class:`Rule` is a stable id, the clause it encodes (:class:`Source`) and a
summary in our own words. A :class:`Decision` is an answer plus the
:class:`Reason` for each rule that fired, in order. General rules with
specific exceptions are written as :class:`Default` trees (default logic, as
in Catala): exceptions are consulted first and override the general rule.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar

import attrs

from carerules._errors import InvalidInput, RuleConflict
from carerules._guard import public

T = TypeVar("T")
U = TypeVar("U")
I_contra = TypeVar("I_contra", contravariant=True)

_RULE_ID = re.compile(r"^[a-z0-9]+(?:[-][a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+$")

#: The document name product decisions are cited under.
PRODUCT_DECISIONS = "carerules product decisions"
#: The document a rule's own (library default) clause is cited under, when a
#: policy does not ground the rule in a clause of its own.
DEFAULT_RULES = "carerules default rules"

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


_ROLE_MARK = "\x1f"
_ROLE_REF = re.compile("\x1f([a-z_]+)\x1f")


def role_ref(key: str) -> str:
    """A reference to the role ``key`` inside a reason's text, filled in with the policy's name for it.

    Reasons are built before the policy's words are applied; grounding
    (:func:`carerules._policy._grounding.ground`) replaces each reference
    with what the policy in force calls the role ("the CEO", "the duty
    manager"), or the library's neutral name when it names none.
    """
    return f"{_ROLE_MARK}{key}{_ROLE_MARK}"


def fill_roles(text: str, name: Callable[[str], str]) -> str:
    """``text`` with every :func:`role_ref` replaced by ``name(key)``."""
    if _ROLE_MARK not in text:
        return text
    return _ROLE_REF.sub(lambda m: name(m.group(1)), text)


def placeholders(text: str) -> tuple[str, ...]:
    """The ``{name}`` placeholders in ``text``, in order (``{{`` and ``}}`` are literal braces)."""
    return tuple(m.group(1) for m in _PLACEHOLDER.finditer(text.replace("{{", "").replace("}}", "")))


def _check_rule_id(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not _RULE_ID.match(value):
        raise InvalidInput(attribute.name, value, "a dotted lower-case id such as 'charging.minimum-session'")


def _non_empty(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(attribute.name, value, "a non-empty string")


def _optional_text(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str):
        raise InvalidInput(attribute.name, value, "a string")


def _optional_date(_: object, attribute: attrs.Attribute[_dt.date | None], value: _dt.date | None) -> None:
    if value is not None and (not isinstance(value, _dt.date) or isinstance(value, _dt.datetime)):
        raise InvalidInput(attribute.name, value, "a date or None")


@attrs.frozen
class Source:
    """Where a rule comes from: a document and a section in it.

    A policy grounds each rule in its own terms: ``document`` is the title of
    the provider's document (its ``version``, ``date`` and ``url`` when the
    policy gives them) and ``section`` the heading the clause is under.
    ``default`` is true when the policy in force did not ground the rule,
    so the reason cites the library's own clause for it instead
    (``DEFAULT_RULES``, or ``PRODUCT_DECISIONS`` for what the library
    decided where documents are silent).
    """

    document: str = attrs.field(validator=_non_empty)
    section: str = attrs.field(validator=_non_empty)
    version: str = attrs.field(default="", validator=_optional_text, kw_only=True)
    date: _dt.date | None = attrs.field(default=None, validator=_optional_date, kw_only=True)
    url: str = attrs.field(default="", validator=_optional_text, kw_only=True)
    default: bool = attrs.field(default=False, kw_only=True)

    @property
    def is_product_decision(self) -> bool:
        """True when the rule encodes a product decision, not a document clause."""
        return self.document == PRODUCT_DECISIONS

    def __repr__(self) -> str:
        shown = [f"document={self.document!r}", f"section={self.section!r}"]
        shown += [f"{n}={getattr(self, n)!r}" for n in ("version", "date", "url") if getattr(self, n)]
        shown += ["default=True"] if self.default else []
        return f"Source({', '.join(shown)})"

    def __str__(self) -> str:
        version = f" (version {self.version})" if self.version else ""
        text = f"{self.document}{version}, \u00a7 {self.section}"
        return f"{text} [library default: the policy does not ground this rule]" if self.default else text


@attrs.frozen
class PolicyStamp:
    """Which policy produced an answer: its id and version (an audit record needs both)."""

    id: str = attrs.field(validator=_non_empty)
    version: str = attrs.field(validator=_non_empty)

    def __str__(self) -> str:
        return f"{self.id} (version {self.version})"


def _names(value: Iterable[str]) -> frozenset[str]:
    if isinstance(value, str) or not isinstance(value, Iterable) or not all(isinstance(v, str) for v in value):
        raise InvalidInput("rule.uses", value, "an iterable of placeholder names")
    return frozenset(value)


@attrs.frozen
class Rule:
    """A rule of the library: a stable, provider-neutral id and its default clause.

    ``source`` and ``summary`` are the library's own clause for the rule,
    cited when a policy does not ground it in a clause of its own.
    ``summary`` may use ``{placeholders}`` for the policy's figures and role
    names (``{minimum_session}``, ``{escalation}``); ``uses`` names every
    placeholder a clause for this rule may use (the summary's own are added).
    """

    id: str = attrs.field(validator=_check_rule_id)
    source: Source
    summary: str = attrs.field(validator=_non_empty)
    uses: frozenset[str] = attrs.field(default=frozenset(), converter=_names, kw_only=True)
    _default: Source = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "uses", self.uses | set(placeholders(self.summary)))
        object.__setattr__(self, "_default", attrs.evolve(self.source, default=True))

    @property
    def cited(self) -> Source:
        """The source a reason of this rule cites before grounding: the default clause, marked ``default``."""
        return self._default

    def because(self, detail: str, *, would_change: str | None = None) -> Reason:
        """A reason citing this rule's default clause; the policy in force grounds it on the way out."""
        return Reason(self.id, self._default, detail, would_change)


@attrs.frozen
class Reason:
    """One rule that fired: its id, its source, and how it applied here.

    ``would_change`` says what would have changed the answer when a
    threshold decided it ("48 h or more would not have been charged").
    """

    rule_id: str
    source: Source
    detail: str
    would_change: str | None = None

    def __str__(self) -> str:
        text = f"[{self.rule_id}] {self.detail}"
        return f"{text} ({self.would_change})" if self.would_change else text


def _reasons(value: Iterable[Reason]) -> tuple[Reason, ...]:
    items = tuple(value) if isinstance(value, Iterable) and not isinstance(value, str | bytes) else None
    if items is None or not all(isinstance(r, Reason) for r in items):
        raise InvalidInput("decision.reasons", value, "an iterable of Reason")
    return items


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    items = tuple(value) if isinstance(value, Iterable) and not isinstance(value, str | bytes) else None
    if items is None or not all(isinstance(m, str) for m in items):
        raise InvalidInput("decision.missing", value, "an iterable of strings")
    return items


@attrs.frozen
class Decision(Generic[T]):
    """An answer with the reasons that produced it, in the order they fired.

    ``missing`` lists what was not known when the answer is undetermined.
    """

    answer: T
    reasons: tuple[Reason, ...] = attrs.field(converter=_reasons)
    missing: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    #: The policy that produced this decision (``None`` for library defaults, no policy given).
    policy: PolicyStamp | None = attrs.field(default=None, kw_only=True)

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """The ids of the rules that fired, in order."""
        return tuple(r.rule_id for r in self.reasons)

    def explain(self) -> str:
        """The reasons as readable lines."""
        lines = [str(r) for r in self.reasons]
        lines.extend(f"missing: {m}" for m in self.missing)
        return "\n".join(lines)

    def rows(self) -> list[dict[str, Any]]:
        """The reasons as plain dicts (rule, source, detail, what would change it)."""
        return [
            {
                "rule": r.rule_id,
                "source": str(r.source),
                "detail": r.detail,
                "would_change": r.would_change,
            }
            for r in self.reasons
        ]

    def _repr_html_(self) -> str:
        from carerules._display import answer_html, html_table

        stamp = f"reasons (policy {self.policy})" if self.policy is not None else "reasons"
        return answer_html(self.answer) + html_table(self.rows(), caption=stamp)

    def map(self, fn: Callable[[T], U]) -> Decision[U]:
        """The same reasons with the answer transformed."""
        return Decision(fn(self.answer), self.reasons, self.missing, policy=self.policy)


@attrs.frozen
class Default(Generic[I_contra, T]):
    """A general rule with exceptions that override it (default logic).

    ``applies(x)`` returns a one-line explanation when the rule applies to
    ``x``, or ``None``. Evaluation consults the exceptions first: if any
    applies, its answer wins (the general rule, if it also applied, is
    reported as set aside); if several apply with different answers, that is
    a :class:`RuleConflict`. Otherwise the general rule decides, or nothing
    does (``None``).
    """

    rule: Rule
    answer: T
    applies: Callable[[I_contra], str | None] = attrs.field(repr=False)
    exceptions: tuple[Default[I_contra, T], ...] = ()

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.rule, Rule):
            raise InvalidInput("default.rule", self.rule, "a Rule")
        if not callable(self.applies):
            raise InvalidInput("default.applies", self.applies, "a function returning an explanation or None")
        if not isinstance(self.exceptions, tuple) or not all(isinstance(e, Default) for e in self.exceptions):
            raise InvalidInput("default.exceptions", self.exceptions, "a tuple of Default rules")
        ids = [d.rule.id for d in self.walk()]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise InvalidInput("exceptions", dupes, "each rule to appear once in a default tree")

    def walk(self) -> Iterable[Default[I_contra, T]]:
        """This rule and every exception below it, depth first."""
        yield self
        for exc in self.exceptions:
            yield from exc.walk()

    def evaluate(self, x: I_contra) -> Decision[T] | None:
        """The decision of this rule tree for ``x``, or ``None`` if silent."""
        fired = [(e, d) for e in self.exceptions if (d := e.evaluate(x)) is not None]
        base = self.applies(x)
        if fired:
            first = fired[0][1].answer
            if any(d.answer != first for _, d in fired):
                raise RuleConflict(self.rule.id, tuple(e.rule.id for e, _ in fired))
            reasons: list[Reason] = []
            if base is not None:
                overriding = ", ".join(e.rule.id for e, _ in fired)
                reasons.append(self.rule.because(f"{base}; set aside by {overriding}"))
            for _, d in fired:
                reasons.extend(d.reasons)
            return Decision(first, reasons)
        if base is None:
            return None
        return Decision(self.answer, (self.rule.because(base),))


def evaluate_defaults(
    defaults: Sequence[Default[I_contra, T]],
    x: I_contra,
    otherwise: Callable[[I_contra], Decision[T]],
) -> Decision[T]:
    """:func:`decide` without argument checks or grounding (the rules' own use)."""
    for d in defaults:
        result = d.evaluate(x)
        if result is not None:
            return result
    return otherwise(x)


@public
def decide(
    defaults: Sequence[Default[I_contra, T]],
    x: I_contra,
    otherwise: Callable[[I_contra], Decision[T]],
) -> Decision[T]:
    """Evaluate ``defaults`` in order; the first that speaks decides.

    When none applies, ``otherwise(x)`` gives the fallback decision (itself
    citing a rule, so every answer has at least one reason).
    """
    return evaluate_defaults(defaults, x, otherwise)


def check_unique(rules: Iterable[Rule]) -> tuple[Rule, ...]:
    """The rules as a tuple, refusing two rules that share an id."""
    out = tuple(rules)
    seen: dict[str, Rule] = {}
    for r in out:
        if r.id in seen and seen[r.id] != r:
            raise InvalidInput("rule.id", r.id, "a rule id used by only one rule")
        seen[r.id] = r
    return tuple(seen.values())
