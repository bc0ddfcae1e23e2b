"""May sessions begin? Every unmet onboarding condition, each with its rule and source."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

import attrs

from carerules._care import epilepsy_procedure_ready
from carerules._care._rules import EPILEPSY_PROCEDURE
from carerules._display import Tabular
from carerules._enums import Choice
from carerules._errors import InvalidInput
from carerules._guard import public
from carerules._onboarding import _rules as R
from carerules._onboarding._contract import Contract
from carerules._onboarding._dates import add_years, age_on, local_day
from carerules._onboarding._duties import TrainingRecords, check_training_records, missing_training
from carerules._onboarding._model import PersonalFile
from carerules._onboarding._needs import NeedsFound, read_needs
from carerules._policy import Policy
from carerules._rules import Decision, Default, Reason, Rule, Source, role_ref


class Condition(Choice):
    """One condition the Buddies policy sets before 1:1 sessions may begin (in checklist order)."""

    REGISTRATION = "registration-meeting"
    TERMS = "terms-given"
    KEY_WORKER_AND_SPARE = "key-worker-and-spare"
    WELCOME_MEETING = "welcome-meeting"
    MET_KEY_WORKER_AND_SPARE = "met-key-worker-and-spare"
    SERVICE_PLAN = "service-plan"
    PLAN_PERSONAL_CARE = "plan-needs-personal-care"
    PLAN_UNCLEAR = "plan-needs-unclear"
    PLAN_UNDESCRIBED = "plan-needs-described"
    INITIAL_RISK_ASSESSMENTS = "initial-risk-assessments"
    PRE_START_TRAINING = "pre-start-training"
    CONTACTS = "contacts"
    CONTACT_PHONES = "contact-phone-numbers"
    MINIMUM_AGE = "minimum-age"
    EPILEPSY_PROCEDURE = "epilepsy-procedure"


@attrs.frozen
class Unmet:
    """An unmet condition: which, the rule and clause behind it, and what is wrong here."""

    condition: Condition
    rule_id: str
    source: Source
    detail: str
    would_change: str | None = None


@attrs.frozen
class Readiness(Tabular):
    """The readiness answer: every unmet condition, and the to-do items that do not block the start."""

    service_user: str
    first_session: date | None
    unmet: tuple[Unmet, ...]
    to_do: tuple[str, ...] = ()

    @property
    def ready(self) -> bool:
        """True when no condition is unmet."""
        return not self.unmet

    @property
    def conditions(self) -> tuple[Condition, ...]:
        """The unmet conditions, in checklist order."""
        return tuple(u.condition for u in self.unmet)

    @property
    def escalate(self) -> bool:
        """True when a need in the Service Plan is personal care: tell the role the policy names at once."""
        return Condition.PLAN_PERSONAL_CARE in self.conditions

    def rows(self) -> list[dict[str, Any]]:
        """One plain dict per unmet condition (``blocks`` true), then one per to-do item."""
        head = {"service_user": self.service_user, "first_session": self.first_session}
        out = [
            {**head, "item": u.condition.value, "blocks": True, "rule_id": u.rule_id, "detail": u.detail}
            for u in self.unmet
        ]
        out += [{**head, "item": item, "blocks": False, "rule_id": None, "detail": None} for item in self.to_do]
        return out


@attrs.frozen
class _Inputs:
    file: PersonalFile
    policy: Policy
    contract: Contract | None
    training: TrainingRecords
    first: date | None
    pair_problems: tuple[Reason, ...] = ()
    needs: NeedsFound | None = None
    given: PersonalFile | None = None  # the file as the caller gave it (``file`` is as of the first session)


@attrs.frozen
class _Finding:
    """What one condition's check found: ``None`` when met."""

    rule: Rule
    detail: str
    would_change: str | None = None
    missing: tuple[str, ...] = ()
    #: Reasons of other rules behind this finding (the care rules' classification of a plan need).
    behind: tuple[Reason, ...] = ()


def _either(parts: Iterable[str], joiner: str = "or") -> str:
    items = list(parts)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {joiner} {items[-1]}"


def _registration(x: _Inputs) -> _Finding | None:
    f = x.file
    gaps = []
    if f.registration_meeting_on is None:
        gaps.append("no registration meeting on file")
    if f.information_pack_completed_on is None:
        gaps.append("Information Pack not completed")
    return _Finding(R.REGISTRATION, "; ".join(gaps)) if gaps else None


def _terms(x: _Inputs) -> _Finding | None:
    if x.file.terms_given_on is None:
        return _Finding(R.TERMS, "no record of the Terms and Conditions being given")
    return None


def _pair(x: _Inputs) -> _Finding | None:
    if x.contract is None:
        return _Finding(
            R.KEY_WORKER_AND_SPARE,
            "no key worker and spare chosen (no contract); pre-start training is checked once they are",
        )
    if x.pair_problems:
        cited = "; ".join(f"{r.detail} [{r.rule_id}]" for r in x.pair_problems)
        return _Finding(
            R.KEY_WORKER_AND_SPARE,
            f"key worker {x.contract.key_worker} and spare {x.contract.spare} not valid: {cited}",
        )
    return None


_WELCOME_RULES: Default[PersonalFile, bool] = Default(
    R.WELCOME,
    True,
    lambda f: "a welcome meeting is needed before the first session",
    exceptions=(
        Default(
            R.WELCOME_NOT_NEEDED,
            False,
            lambda f: "the key worker attended the registration meeting" if f.key_worker_at_registration else None,
        ),
    ),
)


def _welcome(x: _Inputs) -> _Finding | None:
    needed = _WELCOME_RULES.evaluate(x.file)
    if needed is None or not needed.answer or x.file.welcome_meeting_on is not None:
        return None
    return _Finding(
        R.WELCOME,
        "no welcome meeting on file",
        would_change="not needed if the key worker attended the registration meeting",
    )


def _met(x: _Inputs) -> _Finding | None:
    if x.contract is None:
        return None  # checked only once a contract names the pair
    met = x.file.met_at_meetings()
    pair = (("key worker", x.contract.key_worker), ("spare", x.contract.spare))
    unmet = [f"{role} {who}" for role, who in pair if who not in met]
    if not unmet:
        return None
    recorded = x.file.registration_meeting_attendees or x.file.welcome_meeting_attendees
    note = "" if recorded else "; no attendance is recorded for either meeting"
    return _Finding(
        R.MET_KEY_WORKER_AND_SPARE,
        f"nothing on file shows {x.file.service_user} has met {_either(unmet, 'and')}{note}",
        would_change=f"attendance at the welcome or registration meeting showing {x.file.service_user} with both",
    )


def _service_plan(x: _Inputs) -> _Finding | None:
    plan = x.file.service_plan
    if plan is None:
        return _Finding(R.SERVICE_PLAN, "no Service Plan on file")
    gaps = plan.missing_parts
    if gaps:
        return _Finding(R.SERVICE_PLAN_CONTENTS, f"the Service Plan of {plan.written_on} gives no {_either(gaps)}")
    return None


def _personal_care_needs(x: _Inputs) -> _Finding | None:
    if x.needs is None or not x.needs.personal_care:  # checked only with a plan on file
        return None
    return _Finding(R.PLAN_NEEDS_PERSONAL_CARE, "; ".join(x.needs.personal_care), behind=x.needs.escalated_by)


def _unclear_needs(x: _Inputs) -> _Finding | None:
    if x.needs is None or not x.needs.unclear:
        return None
    return _Finding(
        R.PLAN_NEEDS_UNCLEAR,
        "; ".join(x.needs.unclear),
        would_change=f"an answer from {role_ref('care_adviser')} on file for each (a CareRuling)",
        missing=x.needs.missing,
        behind=x.needs.unclear_by,
    )


def _undescribed_needs(x: _Inputs) -> _Finding | None:
    if x.needs is None or not x.needs.undescribed:
        return None
    return _Finding(R.PLAN_NEEDS_DESCRIBED, "; ".join(x.needs.undescribed))


def _risk_assessments(x: _Inputs) -> _Finding | None:
    if not x.file.risk_assessments:
        return _Finding(R.INITIAL_RISK_ASSESSMENTS, "no risk assessment on file")
    return None


def _training(x: _Inputs) -> _Finding | None:
    if x.contract is None:
        return None  # reported under the key worker and spare condition
    lacking = missing_training(x.file, x.contract, x.training, pre_start=True, on=x.first)
    if not lacking:
        return None
    by = "; ".join(f"{t.staff} lacks {t.training!r}" for t in lacking)
    when = f" by {x.first}" if x.first is not None else ""
    return _Finding(R.PRE_START_TRAINING, f"pre-start training not completed{when}: {by}")


def _contacts(x: _Inputs) -> _Finding | None:
    gaps = [
        role for role, c in (("primary", x.file.primary_contact), ("secondary", x.file.secondary_contact)) if c is None
    ]
    return _Finding(R.CONTACTS, f"no {' or '.join(gaps)} contact recorded") if gaps else None


_DIGIT = re.compile(r"\d")


def _phones(x: _Inputs) -> _Finding | None:
    contacts = (("primary", x.file.primary_contact), ("secondary", x.file.secondary_contact))
    lacking = [role for role, c in contacts if c is not None and not _DIGIT.search(c.phone or "")]
    if not lacking:
        return None
    who = f"the {lacking[0]} contact has" if len(lacking) == 1 else "the primary and secondary contacts have"
    return _Finding(
        R.CONTACT_PHONES,
        f"{who} no phone number on file",
        would_change="a phone number for each, so the key worker can reach them",
    )


def _age(x: _Inputs) -> _Finding | None:
    # In force on the first session's date; with none on file yet, the latest figure.
    minimum = x.policy.onboarding_on(x.first or date.max).minimum_age
    born, first = x.file.date_of_birth, x.first
    missing = tuple(what for what, value in (("date of birth", born), ("first session date", first)) if value is None)
    if born is None or first is None:
        return _Finding(R.MINIMUM_AGE, f"cannot confirm aged {minimum} or over", missing=missing)
    if first < born:
        raise InvalidInput(
            "personal_file.date_of_birth",
            born,
            f"a date on or before the first session ({first})",
            sensitive=True,
            at=(x.given or x.file, "date_of_birth"),
        )
    age = age_on(born, first)
    if age >= minimum:
        return None
    eligible = add_years(born, minimum)
    leap = " (a 29 February birthday counts on 1 March in common years)" if eligible.month != born.month else ""
    return _Finding(
        R.MINIMUM_AGE,
        f"aged {age} on the first session's date ({first})",
        would_change=f"eligible from {eligible}{leap}",
    )


def _epilepsy(x: _Inputs) -> _Finding | None:
    medication = x.file.medication_file()
    if medication is None:
        return _Finding(
            EPILEPSY_PROCEDURE,
            "not recorded whether the person has epilepsy",
            missing=("whether the person has epilepsy",),
        )
    decision = epilepsy_procedure_ready(medication)  # the care-boundaries rule, reused
    if decision.answer:
        return None
    reason = decision.reasons[0]
    return _Finding(EPILEPSY_PROCEDURE, reason.detail, reason.would_change, decision.missing)


def _always(_: _Inputs) -> bool:
    return True


def _with_pair(x: _Inputs) -> bool:
    return x.contract is not None


def _with_plan(x: _Inputs) -> bool:
    return x.needs is not None


def _with_contacts(x: _Inputs) -> bool:
    return x.file.primary_contact is not None or x.file.secondary_contact is not None


_Check = Callable[[_Inputs], _Finding | None]

#: Each condition, its check, and when it is checked at all (a condition not checked is not counted).
_CHECKS: tuple[tuple[Condition, _Check, Callable[[_Inputs], bool]], ...] = (
    (Condition.REGISTRATION, _registration, _always),
    (Condition.TERMS, _terms, _always),
    (Condition.KEY_WORKER_AND_SPARE, _pair, _always),
    (Condition.WELCOME_MEETING, _welcome, _always),
    (Condition.MET_KEY_WORKER_AND_SPARE, _met, _with_pair),
    (Condition.SERVICE_PLAN, _service_plan, _always),
    (Condition.PLAN_PERSONAL_CARE, _personal_care_needs, _with_plan),
    (Condition.PLAN_UNCLEAR, _unclear_needs, _with_plan),
    (Condition.PLAN_UNDESCRIBED, _undescribed_needs, _with_plan),
    (Condition.INITIAL_RISK_ASSESSMENTS, _risk_assessments, _always),
    (Condition.PRE_START_TRAINING, _training, _with_pair),
    (Condition.CONTACTS, _contacts, _always),
    (Condition.CONTACT_PHONES, _phones, _with_contacts),
    (Condition.MINIMUM_AGE, _age, _always),
    (Condition.EPILEPSY_PROCEDURE, _epilepsy, _always),
)


def _inputs(
    file: PersonalFile,
    policy: Policy,
    contract: Contract | None,
    training: TrainingRecords | None,
    first_session: date | datetime | None,
    pair_problems: Iterable[Reason],
    *,
    records_checked: bool,
) -> _Inputs:
    """What the condition checks read: the file as of its first session, the pair, the records and the needs."""
    if contract is not None and contract.service_user != file.service_user:
        raise InvalidInput(
            "contract.service_user", contract.service_user, f"the file's Service User ({file.service_user})"
        )
    first = file.first_session if first_session is None else local_day(first_session, policy, "first_session")
    problems = tuple(pair_problems)
    for i, r in enumerate(problems):
        if not isinstance(r, Reason):
            raise InvalidInput(f"pair_problems[{i}]", r, "a Reason")
    if records_checked and training is not None:
        records = training
    else:
        records = check_training_records({} if training is None else training)
    # Paperwork dated after the first session was not in place when sessions began.
    as_of = file if first is None else file.as_of(first)
    needs = None if as_of.service_plan is None else read_needs(as_of.service_plan, policy)
    return _Inputs(as_of, policy, contract, records, first, problems, needs, given=file)


@public
def check_readiness(
    file: PersonalFile,
    policy: Policy,
    *,
    contract: Contract | None = None,
    training: TrainingRecords | None = None,
    first_session: date | datetime | None = None,
    pair_problems: Iterable[Reason] = (),
) -> Decision[Readiness]:
    """May 1:1 sessions begin for this Service User? Lists every unmet condition with its rule.

    ``contract`` names the key worker and spare; ``training`` holds staff
    training records (staff id -> training -> local completion date);
    ``first_session`` (a local date or an aware instant) defaults to the
    file's. ``pair_problems`` are the reasons another check (the matching
    rules' pair validation: capacity, say) found the chosen pair invalid,
    training aside, which this check covers itself; they are cited under the
    key worker and spare condition. Outstanding copies of other assessments
    are to-do items, not blockers. Raises :class:`~carerules.InvalidInput`
    when the contract is for someone else or the person is born after the
    first session.
    """
    return _check_readiness(file, policy, contract, training, first_session, pair_problems)


def _check_readiness(
    file: PersonalFile,
    policy: Policy,
    contract: Contract | None,
    training: TrainingRecords | None,
    first_session: date | datetime | None = None,
    pair_problems: Iterable[Reason] = (),
    *,
    records_checked: bool = False,
) -> Decision[Readiness]:
    """:func:`check_readiness`; ``records_checked``: ``training`` was checked already (by the compliance report)."""
    inputs = _inputs(file, policy, contract, training, first_session, pair_problems, records_checked=records_checked)
    as_of, first, problems = inputs.file, inputs.first, inputs.pair_problems
    unmet: list[Unmet] = []
    reasons: list[Reason] = []
    missing: list[str] = []
    checked = 0
    for condition, check, applies in _CHECKS:
        if not applies(inputs):
            continue
        checked += 1
        found = check(inputs)
        if found is None:
            continue
        unmet.append(Unmet(condition, found.rule.id, found.rule.cited, found.detail, found.would_change))
        reasons.append(found.rule.because(found.detail, would_change=found.would_change))
        reasons.extend(found.behind)
        if condition is Condition.KEY_WORKER_AND_SPARE:
            reasons.extend(problems if contract is not None else ())
        if found.rule is R.MINIMUM_AGE and found.would_change and "29 February" in found.would_change:
            reasons.append(R.LEAP_DAY_BIRTHDAY.because("the 29 February birthday is taken as 1 March"))
        missing.extend(found.missing)
    welcome = _WELCOME_RULES.evaluate(as_of)
    if as_of.welcome_meeting_on is None and welcome is not None and not welcome.answer:
        reasons.extend(welcome.reasons)  # the exception that met the condition without a meeting
    if contract is None and file.pre_start_training:
        missing.append("the key worker and spare, to check pre-start training")
    to_do = tuple(f"copy of {c.kind} requested {c.requested_on}, not yet received" for c in file.outstanding_copies)
    reasons.extend(R.OTHER_ASSESSMENTS.because(item) for item in to_do)
    verdict = "sessions may begin" if not unmet else "sessions may not begin yet"
    reasons.append(R.READY.because(f"{checked - len(unmet)} of {checked} conditions checked are met; {verdict}"))
    return Decision(Readiness(file.service_user, first, tuple(unmet), to_do), reasons, missing)


#: The rule each condition is judged by (the rule cited when it is met).
_RULE_OF: dict[Condition, Rule] = {
    Condition.REGISTRATION: R.REGISTRATION,
    Condition.TERMS: R.TERMS,
    Condition.KEY_WORKER_AND_SPARE: R.KEY_WORKER_AND_SPARE,
    Condition.WELCOME_MEETING: R.WELCOME,
    Condition.MET_KEY_WORKER_AND_SPARE: R.MET_KEY_WORKER_AND_SPARE,
    Condition.SERVICE_PLAN: R.SERVICE_PLAN,
    Condition.PLAN_PERSONAL_CARE: R.PLAN_NEEDS_PERSONAL_CARE,
    Condition.PLAN_UNCLEAR: R.PLAN_NEEDS_UNCLEAR,
    Condition.PLAN_UNDESCRIBED: R.PLAN_NEEDS_DESCRIBED,
    Condition.INITIAL_RISK_ASSESSMENTS: R.INITIAL_RISK_ASSESSMENTS,
    Condition.PRE_START_TRAINING: R.PRE_START_TRAINING,
    Condition.CONTACTS: R.CONTACTS,
    Condition.CONTACT_PHONES: R.CONTACT_PHONES,
    Condition.MINIMUM_AGE: R.MINIMUM_AGE,
    Condition.EPILEPSY_PROCEDURE: EPILEPSY_PROCEDURE,
}

#: What a condition needs that is not always given, for the refusal when it cannot be checked at all.
_NEEDS: dict[Callable[[_Inputs], bool], tuple[str, str]] = {
    _with_pair: ("contract", "a Contract naming the key worker and spare"),
    _with_plan: ("file.service_plan", "a Service Plan on file as of the first session"),
    _with_contacts: ("file.primary_contact", "a primary or secondary contact on file"),
}


@public
def check_condition(
    condition: Condition,
    file: PersonalFile,
    policy: Policy,
    *,
    contract: Contract | None = None,
    training: TrainingRecords | None = None,
    first_session: date | datetime | None = None,
) -> Decision[bool]:
    """One readiness condition on its own: the minimum age, say, with no contract or plan needed.

    The answer is true when the condition is met, judged exactly as
    :func:`check_readiness` judges it (the same rule, detail and
    ``missing``). A condition that reads something not given (the pair for
    :attr:`Condition.PRE_START_TRAINING`, the plan for the plan-needs
    conditions, a contact for the phone numbers) raises
    :class:`~carerules.InvalidInput` naming it rather than answering.
    """
    if not isinstance(condition, Condition):
        raise InvalidInput("condition", condition, f"a Condition ({', '.join(c.value for c in Condition)})")
    inputs = _inputs(file, policy, contract, training, first_session, (), records_checked=False)
    check, applies = next((c, a) for cond, c, a in _CHECKS if cond is condition)
    if not applies(inputs):
        field, needed = _NEEDS[applies]
        raise InvalidInput(field, None, f"{needed}, which the {condition.value} condition checks")
    found = check(inputs)
    if found is None:
        return Decision(True, (_RULE_OF[condition].because("met"),))
    reasons = [found.rule.because(found.detail, would_change=found.would_change), *found.behind]
    if found.rule is R.MINIMUM_AGE and found.would_change and "29 February" in found.would_change:
        reasons.append(R.LEAP_DAY_BIRTHDAY.because("the 29 February birthday is taken as 1 March"))
    return Decision(False, reasons, found.missing)
