"""A policy's own words: its documents, the clause each rule is grounded in, its role names.

The rules belong to the library and have provider-neutral ids; a policy
grounds each rule it uses in a clause of its own terms: the document (by a
key into the policy's ``documents``), the section heading, and a short
summary in the provider's words. The summary may use ``{placeholders}``
for the policy's figures (``{minimum_session}``) and role names
(``{escalation}``). Roles are the people a provider's rules point to:
who personal care is escalated to, who to ask when unsure, who may
authorise a write-up.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from carerules._errors import InvalidInput
from carerules._frozen import FrozenDict


def _text(field: str) -> Any:
    def check(_: object, __: object, value: Any) -> None:
        if not isinstance(value, str) or not value.strip():
            raise InvalidInput(field, value, "a non-empty string")

    return check


def _maybe_text(field: str) -> Any:
    def check(_: object, __: object, value: Any) -> None:
        if not isinstance(value, str):
            raise InvalidInput(field, value, "a string")

    return check


def _maybe_date(_: object, __: object, value: Any) -> None:
    if value is not None and (not isinstance(value, _dt.date) or isinstance(value, _dt.datetime)):
        raise InvalidInput("document.date", value, "a date (YYYY-MM-DD) or none")


@attrs.frozen
class Document:
    """A document a policy's clauses cite: its title, and its version, date and address if given."""

    title: str = attrs.field(validator=_text("document.title"))
    version: str = attrs.field(default="", validator=_maybe_text("document.version"))
    date: _dt.date | None = attrs.field(default=None, validator=_maybe_date)
    url: str = attrs.field(default="", validator=_maybe_text("document.url"))


@attrs.frozen
class Clause:
    """Where a policy grounds one rule: a document key, a section, a summary in its own words."""

    document: str = attrs.field(validator=_text("clause.document"))
    section: str = attrs.field(validator=_text("clause.section"))
    summary: str = attrs.field(default="", validator=_maybe_text("clause.summary"))


@attrs.frozen
class Role:
    """A role the library's rules may point to, and the neutral name used when a policy names none."""

    key: str
    meaning: str
    default: str


#: Every role a rule may name, with what it means and its library default.
ROLES: Mapping[str, Role] = MappingProxyType(
    {
        r.key: r
        for r in (
            Role("escalation", "who staff tell at once when asked to give personal care", "the manager in charge"),
            Role("care_adviser", "who staff ask when it is unclear whether a task is personal care", "a manager"),
            Role("adviser", "who staff ask about medication or physical contact the plan does not settle", "a manager"),
            Role("authoriser", "the group whose members may authorise sending a write-up", "the authorising group"),
            Role("welcome_host", "who hosts the welcome meeting before sessions begin", "a manager"),
            Role("assessor", "who carries out the initial risk assessments", "a manager"),
        )
    }
)


def role_name(roles: Mapping[str, str], key: str) -> str:
    """What ``roles`` calls the role ``key``, or the library's neutral name when it names none."""
    try:
        return roles.get(key) or ROLES[key].default
    except KeyError:
        raise InvalidInput("role", key, f"one of {', '.join(ROLES)}") from None


def frozen_roles(value: Any) -> Mapping[str, str]:
    """Converter: a read-only mapping of role keys to the names a policy gives them."""
    out: Mapping[str, str] = frozen_mapping("roles", str)(value)
    return out


def frozen_mapping(field: str, kind: type[Any] | None = None) -> Any:
    """A converter to a read-only mapping with string keys (values of ``kind`` when given)."""

    def convert(value: Any) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise InvalidInput(field, value, "a mapping of names to values")
        out: dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str) or not key:
                raise InvalidInput(field, key, "non-empty string keys")
            if kind is not None and not isinstance(item, kind):
                raise InvalidInput(f"{field}[{key!r}]", item, f"a {kind.__name__}")
            out[key] = item
        return FrozenDict(out)

    return convert
