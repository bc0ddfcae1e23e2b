"""Policies as versioned data: rates with effective dates, thresholds, calendar."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from decimal import Decimal
from functools import cached_property
from typing import Any, Final
from zoneinfo import ZoneInfo

import attrs

from carerules._care._model import CareBoundaries
from carerules._enums import Choice
from carerules._errors import InvalidInput, MissingParameter, MissingRate
from carerules._guard import public
from carerules._matching._params import MatchingPolicy
from carerules._money import format_money
from carerules._onboarding._params import OnboardingParameters
from carerules._policy._calendar import Calendar
from carerules._policy._clauses import ROLES, Clause, Document, frozen_mapping, frozen_roles, role_name
from carerules._policy._dated import Dated, dated, each_value
from carerules._policy._grounding import Grounder
from carerules._rules import PolicyStamp, Rule, Source, placeholders
from carerules._support121._terms import OneToOneTerms
from carerules._tariff._model import Tariff
from carerules._time import format_duration, zone
from carerules._validate import flag, instance, is_date, is_money, member, plain_text, positive_span, text


class ShiftKind(Choice):
    """What kind of shift a session is."""

    DAY = "day"
    WAKING_NIGHT = "waking-night"
    SLEEPING_NIGHT = "sleeping-night"


class RateBasis(Choice):
    """How a rate is applied: by the hour, or a flat amount per shift."""

    PER_HOUR = "per-hour"
    PER_SHIFT = "per-shift"


@attrs.frozen
class Rate:
    """A price for one shift kind on ordinary days or on bank holidays.

    ``amount`` is pounds per hour (``PER_HOUR``) or per shift
    (``PER_SHIFT``), in force from ``effective_from`` until a later rate for
    the same kind and day type replaces it. ``note`` labels, for example,
    an illustrative rate that is not the provider's real price.
    """

    kind: ShiftKind = attrs.field(validator=member(ShiftKind, "rate.kind"))
    amount: Decimal = attrs.field(validator=is_money("rate.amount"))
    effective_from: date = attrs.field(validator=is_date("rate.effective_from"))
    basis: RateBasis = attrs.field(default=RateBasis.PER_HOUR, validator=member(RateBasis, "rate.basis"))
    bank_holiday: bool = attrs.field(default=False, validator=flag("rate.bank_holiday"))
    note: str = attrs.field(default="", validator=plain_text("rate.note"))

    def describe(self, currency: str = "GBP") -> str:
        """For people: "£18.50 per hour (day, from 2024-01-01)"; other currencies as "18.50 EUR ..."."""
        unit = "per hour" if self.basis is RateBasis.PER_HOUR else "per shift"
        day = "bank-holiday " if self.bank_holiday else ""
        return f"{format_money(self.amount, currency)} {unit} ({day}{self.kind.value}, from {self.effective_from})"


def _rate_tuple(value: Iterable[Rate], field: str) -> tuple[Rate, ...]:
    if not isinstance(value, Iterable) or isinstance(value, str | bytes):
        raise InvalidInput(field, value, "an iterable of Rate")
    rates = tuple(value)
    for r in rates:
        if not isinstance(r, Rate):
            raise InvalidInput(field, r, "Rate objects")
    return tuple(sorted(rates, key=lambda r: (r.kind.value, r.bank_holiday, r.effective_from)))


def _rates(value: Iterable[Rate]) -> tuple[Rate, ...]:
    return _rate_tuple(value, "rates")


def _pay_rates(value: Iterable[Rate]) -> tuple[Rate, ...]:
    return _rate_tuple(value, "pay_rates")


_RateIndex = dict[tuple[ShiftKind, bool], tuple[list[int], list[Rate]]]


def _index_rates(rates: tuple[Rate, ...], field: str) -> _RateIndex:
    """Each (kind, day type)'s rates by effective date; two on one date are refused."""
    index: _RateIndex = {}
    what = "pay rate" if field == "pay_rates" else "rate"
    for r in rates:
        days, found = index.setdefault((r.kind, r.bank_holiday), ([], []))
        if days and days[-1] == r.effective_from.toordinal():
            raise InvalidInput(
                field,
                r.effective_from,
                f"one {r.kind.value} {what} per day type effective on {r.effective_from}",
                at=(r, "effective_from"),
            )
        days.append(r.effective_from.toordinal())
        found.append(r)
    return index


def _find_rate(index: _RateIndex, kind: ShiftKind, bank_holiday: bool, on: date) -> Rate | None:
    found = index.get((kind, bank_holiday))
    if found is not None:
        days, rates = found
        i = bisect.bisect_right(days, on.toordinal())
        if i:
            return rates[i - 1]
    return None


class PolicyFileError(InvalidInput):
    """A policy refuses its own contents; ``where`` is the place inside the policy's file.

    ``where`` is relative to the policy object, such as
    ``clauses["charging.minimum-session"].section``; the loader prefixes the
    policy's own place (``$`` for a policy file, ``$.policy.custom`` inside a
    scenario).
    """

    def __init__(self, where: str, value: Any, expected: str) -> None:
        super().__init__(where, value, expected)
        self.where = where
        text = str(self)
        self.detail = text.split(": ", 1)[1] if ": " in text else text


def _key(name: str) -> str:
    return '["' + name.replace("\\", "\\\\").replace('"', '\\"') + '"]'


def _optional(kind: type, field: str) -> Any:
    def check(value: Any) -> None:
        if value is not None and not isinstance(value, kind):
            raise InvalidInput(field, value, f"a {kind.__name__} or none")

    return check


def _span_or_none(field: str) -> Any:
    def check(value: Any) -> None:
        if value is not None:
            positive_span(field)(None, None, value)

    return check


def _always(kind: type, field: str) -> Any:
    def check(value: Any) -> None:
        if not isinstance(value, kind):
            raise InvalidInput(field, value, f"a {kind.__name__}")

    return check


#: Placeholder names a clause summary may use for the policy's figures, and how each reads.
FIGURES: Final = (
    "minimum_session",
    "cancellation_notice",
    "minimum_age",
    "final_risk_assessment_days",
    "feedback_every_years",
    "cover_search_days",
    "currency",
    "timezone",
    "policy_name",
)

#: Figures any rule's clause may quote.
_GENERAL_FIGURES = frozenset({"currency", "timezone", "policy_name"})
#: Figures the rules of each area may quote, by the first part of the rule id.
_AREA_FIGURES: Mapping[str, frozenset[str]] = {
    "charging": frozenset({"minimum_session"}),
    "pay": frozenset({"minimum_session"}),
    "cancellation": frozenset({"cancellation_notice", "minimum_session"}),
    "onboarding": frozenset({"minimum_age", "final_risk_assessment_days"}),
    "compliance": frozenset({"final_risk_assessment_days", "feedback_every_years"}),
    "matching": frozenset({"cover_search_days"}),
    "cover": frozenset({"cover_search_days"}),
}


def fillable(rule: Rule) -> frozenset[str]:
    """Every placeholder a clause for ``rule`` may use: its own (roles included), its area's figures, general ones."""
    return rule.uses | _GENERAL_FIGURES | _AREA_FIGURES.get(rule.id.split(".", 1)[0], frozenset())


_KEEP: Any = object()


def _documents(value: Any) -> Mapping[str, Document]:
    out: Mapping[str, Document] = frozen_mapping("policy.documents", Document)(value)
    return out


def _clauses(value: Any) -> Mapping[str, Clause]:
    out: Mapping[str, Clause] = frozen_mapping("policy.clauses", Clause)(value)
    return out


@attrs.frozen
class Policy:
    """Everything the rules need to know about one provider's policy, in its own words.

    A policy is data, normally read from a policy file (:func:`load_policy`):

    * ``rates`` with effective dates, and every threshold dated too
      (``minimum_session``, ``cancellation_notice``, ``onboarding``,
      ``matching``, ``one_to_one`` are :class:`Dated`; a plain value is in
      force always). Each is looked up at the date that matters, so a session
      priced before a change re-prices identically after it (:meth:`revise`).
    * ``pay_rates``, in the shape of ``rates``: what staff are paid, when
      the provider states it (``pay_for_session`` and pay statements then
      carry an amount; without them pay is time and shifts).
    * ``documents`` (by key), ``clauses`` (by rule id: the provider's own
      clause for each rule it grounds) and ``roles`` (the names it gives the
      people its rules point to, such as ``escalation``).

    A policy never inherits another provider's figures: ``onboarding`` and
    ``cancellation_notice`` default to unset (:class:`MissingParameter` when
    a rule needs them), and there is no minimum session unless one is set.
    """

    id: str = attrs.field(validator=text("policy.id"))
    name: str = attrs.field(validator=text("policy.name"))
    version: str = attrs.field(validator=text("policy.version"))
    effective_from: date = attrs.field(validator=is_date("policy.effective_from"))
    timezone: str = "Europe/London"
    calendar: Calendar = attrs.field(factory=Calendar, validator=instance(Calendar, "policy.calendar"))
    rates: tuple[Rate, ...] = attrs.field(default=(), converter=_rates)
    #: What staff are paid, in the shape of ``rates`` (kind, day type, basis, effective date);
    #: empty: the policy states no pay, and pay is time and shifts only.
    pay_rates: tuple[Rate, ...] = attrs.field(default=(), converter=_pay_rates, kw_only=True)
    minimum_session: Dated[timedelta | None] = attrs.field(
        default=None, converter=dated, validator=each_value(_span_or_none("policy.minimum_session"))
    )
    cancellation_notice: Dated[timedelta | None] = attrs.field(
        default=None, converter=dated, validator=each_value(_span_or_none("policy.cancellation_notice"))
    )
    currency: str = attrs.field(default="GBP", validator=text("policy.currency"))
    #: The provider's own care data: extra permitted tasks and contact kinds.
    care: CareBoundaries = attrs.field(factory=CareBoundaries, validator=instance(CareBoundaries, "policy.care"))
    #: 1-2-1 Support terms (areas, topics, cadences); ``None`` when the policy offers none.
    one_to_one: Dated[OneToOneTerms | None] = attrs.field(
        default=None, converter=dated, validator=each_value(_optional(OneToOneTerms, "policy.one_to_one"))
    )
    matching: Dated[MatchingPolicy] = attrs.field(
        factory=lambda: Dated.always(MatchingPolicy()),
        converter=dated,
        validator=each_value(_always(MatchingPolicy, "policy.matching")),
    )
    onboarding: Dated[OnboardingParameters | None] = attrs.field(
        default=None, converter=dated, validator=each_value(_optional(OnboardingParameters, "policy.onboarding"))
    )
    #: The provider's tariff (rate grid, day types, bands, duration rules); ``None``: priced by ``rates`` only.
    tariff: Dated[Tariff | None] = attrs.field(
        default=None, converter=dated, validator=each_value(_optional(Tariff, "policy.tariff"))
    )
    #: The documents the clauses cite, by the key a clause names.
    documents: Mapping[str, Document] = attrs.field(factory=dict, converter=_documents, hash=False)
    #: The provider's clause for each rule it grounds, by rule id.
    clauses: Mapping[str, Clause] = attrs.field(factory=dict, converter=_clauses, hash=False)
    #: The names the provider gives the roles its rules point to (see :data:`carerules.ROLES`).
    roles: Mapping[str, str] = attrs.field(factory=dict, converter=frozen_roles, hash=False)
    _index: _RateIndex = attrs.field(init=False, repr=False, eq=False, hash=False)
    _pay_index: _RateIndex = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        zone(self.timezone, "policy.timezone")
        object.__setattr__(self, "_index", _index_rates(self.rates, "rates"))
        object.__setattr__(self, "_pay_index", _index_rates(self.pay_rates, "pay_rates"))
        self._check_pay_bases()
        self._check_words()

    def _check_pay_bases(self) -> None:
        """A pay rate is by the hour or per shift exactly as the charge rate of its kind and day type in force with it.

        Only rates in force together are compared: a kind whose charge
        changes from per shift to per hour on a date takes pay rates of each
        basis on each side of it.
        """
        for key, (pay_days, pays) in self._pay_index.items():
            charge_days, charges = self._index.get(key, ([], []))
            for i, p in enumerate(pays):
                until = pay_days[i + 1] if i + 1 < len(pays) else None
                for j, r in enumerate(charges):
                    ends = charge_days[j + 1] if j + 1 < len(charges) else None
                    together = (ends is None or pay_days[i] < ends) and (until is None or charge_days[j] < until)
                    if together and r.basis is not p.basis:
                        day = "bank-holiday" if p.bank_holiday else "ordinary-day"
                        raise InvalidInput(
                            "pay_rates",
                            p.basis.value,
                            f"a {r.basis.value} pay rate: the {day} {p.kind.value} charge rate in force with it "
                            f"(from {r.effective_from}) is {r.basis.value}, and pay follows the charge",
                            at=(p, "basis"),
                        )

    def _check_words(self) -> None:
        from carerules._registry import get_rule, is_rule
        from carerules._renamed import RENAMED_RULES

        for key, name in self.roles.items():
            if key not in ROLES:
                raise PolicyFileError(f"roles{_key(key)}", key, f"one of the roles rules name: {', '.join(ROLES)}")
            if not name.strip():
                raise PolicyFileError(f"roles{_key(key)}", name, "a non-empty name")
        for rule_id, clause in self.clauses.items():
            where = f"clauses{_key(rule_id)}"
            if not is_rule(rule_id):
                hint = f" (the rule is now {RENAMED_RULES[rule_id]!r})" if rule_id in RENAMED_RULES else ""
                raise PolicyFileError(where, rule_id, f"the id of a rule carerules has{hint}; see `carerules rules`")
            if clause.document not in self.documents:
                known = ", ".join(sorted(self.documents)) or "none: add one under documents"
                raise PolicyFileError(f"{where}.document", clause.document, f"a key of documents ({known})")
            rule = get_rule(rule_id)
            can = fillable(rule)
            for name in placeholders(clause.summary):
                if name not in can:
                    fills = ", ".join(f"{{{u}}}" for u in sorted(can))
                    raise PolicyFileError(
                        f"{where}.summary", f"{{{name}}}", f"a placeholder this rule can fill ({fills})"
                    )
            for role in sorted(rule.uses & ROLES.keys()):
                if role not in self.roles:
                    raise PolicyFileError(
                        f"roles{_key(role)}",
                        None,
                        f"a name for the {role} role ({ROLES[role].meaning}): rule {rule_id} names it",
                    )

    @property
    def tz(self) -> ZoneInfo:
        """The policy's local timezone."""
        return zone(self.timezone)

    @property
    def stamp(self) -> PolicyStamp:
        """The id and version every answer under this policy is stamped with."""
        return PolicyStamp(self.id, self.version)

    @cached_property
    def grounder(self) -> Grounder:
        """Grounds answers in this policy's clauses (built once)."""
        return Grounder(self.stamp, {rule_id: self.source_for(rule_id) for rule_id in self.clauses}, self.roles)

    def source_for(self, rule_id: str) -> Source:
        """The clause ``rule_id`` cites under this policy: its own, or the library default."""
        clause = self.clauses.get(rule_id)
        if clause is None:
            from carerules._registry import get_rule

            return attrs.evolve(get_rule(rule_id).source, default=True)
        doc = self.documents[clause.document]
        return Source(doc.title, clause.section, version=doc.version, date=doc.date, url=doc.url)

    def role(self, key: str) -> str:
        """What this policy calls the role ``key`` (the library's neutral name if it names none)."""
        return role_name(self.roles, key)

    def figure(self, name: str, on: date) -> str:
        """A figure of this policy on ``on``, as a summary shows it (``{minimum_session}`` -> "2 h")."""
        try:
            if name == "minimum_session":
                span = self.minimum_session.on(on, policy=self.id, parameter=name)
                return "no minimum" if span is None else format_duration(span)
            if name == "cancellation_notice":
                return format_duration(self.notice_on(on))
            if name in ("minimum_age", "final_risk_assessment_days", "feedback_every_years"):
                return str(getattr(self.onboarding_on(on), name))
            if name == "cover_search_days":
                return str(self.matching_on(on).cover_search_days)
            if name == "currency":
                return self.currency
            if name == "timezone":
                return self.timezone
            if name == "policy_name":
                return self.name
        except MissingParameter:
            return f"(no {name} set on {on})"
        if name in ROLES:
            return self.role(name)
        raise InvalidInput("placeholder", name, f"one of {', '.join((*FIGURES, *ROLES))}")

    def fill(self, text: str, on: date) -> str:
        """``text`` with every ``{placeholder}`` replaced by this policy's figure or role name."""
        out = text.replace("{{", "\0").replace("}}", "\1")
        for name in set(placeholders(out)):
            out = out.replace(f"{{{name}}}", self.figure(name, on))
        return out.replace("\0", "{").replace("\1", "}")

    def summary(self, rule_id: str, on: date | None = None) -> str:
        """The summary of ``rule_id`` under this policy on ``on`` (default: its effective date), figures filled."""
        from carerules._registry import get_rule

        rule = get_rule(rule_id)
        clause = self.clauses.get(rule.id)
        text = clause.summary if clause is not None and clause.summary else rule.summary
        return self.fill(text, on or self.effective_from)

    def is_grounded(self, rule_id: str) -> bool:
        """Whether this policy grounds ``rule_id`` in a clause of its own."""
        return rule_id in self.clauses

    def minimum_on(self, day: date) -> timedelta | None:
        """The minimum session in force on ``day`` (``None``: no minimum)."""
        return self.minimum_session.on(day, policy=self.id, parameter="minimum_session")

    def notice_on(self, day: date) -> timedelta:
        """The free-cancellation notice in force on ``day``; :class:`MissingParameter` if unset."""
        notice = self.cancellation_notice.on(day, policy=self.id, parameter="cancellation_notice")
        if notice is None:
            raise MissingParameter(self.id, "cancellation_notice", day)
        return notice

    def onboarding_on(self, day: date) -> OnboardingParameters:
        """The onboarding figures in force on ``day``; :class:`MissingParameter` if unset."""
        found = self.onboarding.on(day, policy=self.id, parameter="onboarding")
        if found is None:
            raise MissingParameter(
                self.id, "onboarding", day, "minimum_age, final_risk_assessment_days, feedback_every_years"
            )
        return found

    def matching_on(self, day: date) -> MatchingPolicy:
        """The matching weights and cover search in force on ``day``."""
        return self.matching.on(day, policy=self.id, parameter="matching")

    def one_to_one_on(self, day: date) -> OneToOneTerms | None:
        """The 1-2-1 Support terms in force on ``day`` (``None``: the policy offers none then)."""
        found = self.one_to_one.find(day)
        return None if found is None else found.value

    @public
    def rate_for(self, kind: ShiftKind, *, bank_holiday: bool, on: date, needed_for: date | None = None) -> Rate:
        """The rate in force on ``on`` for ``kind``; :class:`MissingRate` if none.

        ``needed_for`` (the date of the time being priced, when it differs
        from ``on``) only improves the error message.
        """
        return self.lookup_rate(kind, bank_holiday, on, needed_for)

    def lookup_rate(self, kind: ShiftKind, bank_holiday: bool, on: date, needed_for: date | None = None) -> Rate:
        """:meth:`rate_for` without argument checks (the library's hot path)."""
        found = _find_rate(self._index, kind, bank_holiday, on)
        if found is None:
            raise MissingRate(self.id, kind.value, bank_holiday, on, needed_for)
        return found

    @property
    def pays_money(self) -> bool:
        """Whether the policy sets pay rates, so pay comes with an amount of money."""
        return bool(self.pay_rates)

    @public
    def pay_rate_for(self, kind: ShiftKind, *, bank_holiday: bool, on: date, needed_for: date | None = None) -> Rate:
        """The pay rate in force on ``on`` for ``kind``; :class:`MissingRate` (``parameter="pay_rates"``) if none."""
        return self.lookup_pay_rate(kind, bank_holiday, on, needed_for)

    def lookup_pay_rate(self, kind: ShiftKind, bank_holiday: bool, on: date, needed_for: date | None = None) -> Rate:
        """:meth:`pay_rate_for` without argument checks."""
        found = _find_rate(self._pay_index, kind, bank_holiday, on)
        if found is None:
            raise MissingRate(self.id, kind.value, bank_holiday, on, needed_for, parameter="pay_rates")
        return found

    @cached_property
    def paying(self) -> Policy:
        """This policy with its pay rates in place of its charge rates and no tariff: pay priced as a charge is.

        Pay money is paid time at the pay rate, split at local midnight, the
        minimum applied, rounded once: exactly the hourly or per-shift charge
        under these rates. The columnar pay engine prices with it.
        """
        return attrs.evolve(self, rates=self.pay_rates, pay_rates=(), tariff=None)

    @public
    def revise(
        self,
        *,
        version: str,
        effective_from: date,
        rates: Iterable[Rate] = (),
        pay_rates: Iterable[Rate] = (),
        minimum_session: timedelta | None = _KEEP,
        cancellation_notice: timedelta | None = _KEEP,
        onboarding: OnboardingParameters | None = _KEEP,
        matching: MatchingPolicy = _KEEP,
        one_to_one: OneToOneTerms | None = _KEEP,
    ) -> Policy:
        """A new version of this policy: rates and pay rates added, any threshold given changed from ``effective_from``.

        Nothing priced under the old version changes: new rates (and pay rates) must take
        effect on or after ``effective_from``, and a changed threshold takes
        effect on that date (the old value stays in force before it). Two
        values for one threshold on one date are refused.
        """
        # The guard (@public) has checked the types; what is left is what they cannot say.
        if not version.strip():
            raise InvalidInput("version", version, "a non-empty string")
        added = tuple(rates)
        added_pay = tuple(pay_rates)
        for r in (*added, *added_pay):
            if r.effective_from < effective_from:
                raise InvalidInput(
                    "rate.effective_from", r.effective_from, f"a date on or after the revision's {effective_from}"
                )
        changes: dict[str, Any] = {}
        for name, value in (
            ("minimum_session", minimum_session),
            ("cancellation_notice", cancellation_notice),
            ("onboarding", onboarding),
            ("matching", matching),
            ("one_to_one", one_to_one),
        ):
            if value is _KEEP:
                continue
            current: Dated[Any] = getattr(self, name)
            last = current.changes[-1].effective_from
            if last is not None and last > effective_from:
                raise InvalidInput(
                    name, effective_from, f"a revision date on or after the last change of {name} ({last})"
                )
            if last == effective_from:
                raise InvalidInput(name, effective_from, f"one value per date: {name} already changes on {last}")
            changes[name] = current.then(effective_from, value)
        return attrs.evolve(
            self,
            version=version,
            effective_from=effective_from,
            rates=self.rates + added,
            pay_rates=self.pay_rates + added_pay,
            **changes,
        )
