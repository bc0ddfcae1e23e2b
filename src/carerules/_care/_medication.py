"""Medication support: prompts, inhaler use, administration, the epilepsy procedure, the record check.

Medication names and health details are kept out of ``repr``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

import attrs

from carerules._care import _rules as R
from carerules._care._model import items
from carerules._display import Tabular
from carerules._enums import Choice
from carerules._errors import InvalidInput
from carerules._guard import public
from carerules._policy import Policy
from carerules._rules import Decision, Reason, Rule, role_ref
from carerules._time import instant_key
from carerules._validate import flag, instance, is_aware, is_date, member, plain_text, text


class MedicationForm(Choice):
    """The form a medication comes in."""

    TABLET = "tablet"
    CAPSULE = "capsule"
    LIQUID = "liquid"
    INHALER = "inhaler"
    INJECTION = "injection"
    CREAM = "cream"
    DROPS = "drops"
    PATCH = "patch"
    SPRAY = "spray"
    OTHER = "other"


class MedicationSupport(Choice):
    """What staff do: prompt or remind, witness the person's own inhaler use, or administer."""

    PROMPT = "prompt"
    INHALER_USE = "inhaler-use"
    ADMINISTRATION = "administration"


class MedicationAnswer(Choice):
    """Whether staff may give the support asked about."""

    ALLOWED = "allowed"
    REFUSED = "refused"


_PROMPTABLE = frozenset({MedicationForm.TABLET, MedicationForm.CAPSULE})


def _name(value: str) -> str:
    return " ".join(value.casefold().split())


def _check_inhaler(field: str, support: MedicationSupport, form: MedicationForm) -> None:
    if support is MedicationSupport.INHALER_USE and form is not MedicationForm.INHALER:
        raise InvalidInput(field, form.value, "'inhaler' when the support is inhaler use")


@attrs.frozen
class MedicationRequest:
    """A question from staff: may I give this support with this medication?"""

    medication: str = attrs.field(validator=text("medication_request.medication", sensitive=True), repr=False)
    form: MedicationForm = attrs.field(validator=member(MedicationForm, "medication_request.form"))
    support: MedicationSupport = attrs.field(validator=member(MedicationSupport, "medication_request.support"))

    def __attrs_post_init__(self) -> None:
        _check_inhaler("medication_request.form", self.support, self.form)


@attrs.frozen
class MedicationProcedure:
    """A documented procedure for administering one medication, filed on ``filed_on``."""

    medication: str = attrs.field(validator=text("procedure.medication", sensitive=True), repr=False)
    filed_on: date = attrs.field(validator=is_date("procedure.filed_on"))
    note: str = attrs.field(default="", validator=plain_text("procedure.note", sensitive=True), repr=False)


def _procedures(value: Iterable[MedicationProcedure]) -> tuple[MedicationProcedure, ...]:
    out = items("medication_file.procedures", value)
    check = instance(MedicationProcedure, "medication_file.procedures")
    for p in out:
        check(None, None, p)
    return out


@attrs.frozen
class MedicationFile:
    """What a Service User's file holds about medication and epilepsy.

    ``epilepsy`` is whether the person has epilepsy; ``epilepsy_procedure_filed``
    the date their individual management procedure was put on file, if it is.
    """

    service_user: str = attrs.field(validator=text("medication_file.service_user"))
    procedures: tuple[MedicationProcedure, ...] = attrs.field(default=(), converter=_procedures, repr=False)
    epilepsy: bool = attrs.field(default=False, validator=flag("medication_file.epilepsy", sensitive=True), repr=False)
    epilepsy_procedure_filed: date | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(is_date("medication_file.epilepsy_procedure_filed", sensitive=True)),
        repr=False,
    )

    def procedure_for(self, medication: str) -> MedicationProcedure | None:
        """The documented procedure for ``medication`` (names compared ignoring case and spacing)."""
        wanted = _name(medication)
        return next((p for p in self.procedures if _name(p.medication) == wanted), None)


@attrs.frozen
class MedicationOutcome:
    """The answer to a :class:`MedicationRequest`, with what staff must do next."""

    answer: MedicationAnswer
    must_record: bool
    #: Staff must ask the role the policy names ``adviser`` (the Buddies leadership team).
    ask_adviser: bool

    @property
    def ask_leadership_team(self) -> bool:
        """The old name of :attr:`ask_adviser`."""
        return self.ask_adviser

    @property
    def allowed(self) -> bool:
        """True when staff may give the support."""
        return self.answer is MedicationAnswer.ALLOWED


def _allowed(*reasons: Reason) -> Decision[MedicationOutcome]:
    return Decision(MedicationOutcome(MedicationAnswer.ALLOWED, True, False), reasons)


@public
def decide_medication(
    request: MedicationRequest, file: MedicationFile, *, policy: Policy | None = None
) -> Decision[MedicationOutcome]:
    """Whether staff may give the support ``request`` asks about, for the person whose ``file`` this is.

    Prompts: tablets and capsules only, always recorded. Inhaler use:
    recorded on the medication sheet. Administration: only with a documented
    procedure for that medication on file; otherwise refused, ask the
    leadership team.
    """
    if request.support is MedicationSupport.PROMPT:
        if request.form in _PROMPTABLE:
            return _allowed(
                R.PROMPT_FORM.because(
                    f"the medication is a {request.form.value}: staff may prompt or remind",
                    would_change="any form other than a tablet or capsule would be refused",
                ),
                R.RECORD_PROMPT.because("write the prompt down on the medication forms"),
            )
        reason = R.PROMPT_FORM.because(
            f"the medication is a {request.form.value}, not a tablet or capsule: staff may not prompt for it",
            would_change="a tablet or capsule could be prompted",
        )
        return Decision(MedicationOutcome(MedicationAnswer.REFUSED, False, False), (reason,))
    if request.support is MedicationSupport.INHALER_USE:
        return _allowed(R.RECORD_INHALER.because("inhaler used while the service is responsible: record it"))
    procedure = file.procedure_for(request.medication)
    if procedure is None:
        reason = R.ADMINISTRATION_PROCEDURE.because(
            f"no documented procedure for this medication in the person's file: refuse and ask {role_ref('adviser')}",
            would_change="a documented procedure for it in the file would allow administration",
        )
        return Decision(MedicationOutcome(MedicationAnswer.REFUSED, False, True), (reason,))
    return _allowed(
        R.ADMINISTRATION_PROCEDURE.because(f"a documented procedure for it was filed on {procedure.filed_on}"),
        R.RECORD_ADMINISTRATION.because("write the administration on the medication record"),
    )


@public
def epilepsy_procedure_ready(file: MedicationFile, *, policy: Policy | None = None) -> Decision[bool]:
    """Whether the epilepsy condition for starting sessions is met (``True``) or blocks the start.

    A person with epilepsy needs an individual management procedure on file;
    ``missing`` names it when it is not. The onboarding readiness check uses this.
    """
    rule = R.EPILEPSY_PROCEDURE
    if not file.epilepsy:
        return Decision(True, (rule.because("no epilepsy recorded: no individual procedure needed"),))
    if file.epilepsy_procedure_filed is not None:
        detail = f"individual epilepsy procedure on file since {file.epilepsy_procedure_filed}"
        return Decision(True, (rule.because(detail),))
    reason = rule.because(
        "epilepsy recorded but no individual management procedure on file: sessions may not begin",
        would_change="filing an individual epilepsy procedure would meet this",
    )
    return Decision(False, (reason,), ("an individual epilepsy management procedure in the Service User File",))


@attrs.frozen
class MedicationEvent:
    """Something that happened in a session that must be recorded: a prompt, an inhaler use, an administration."""

    id: str = attrs.field(validator=text("medication_event.id"))
    at: datetime = attrs.field(validator=is_aware("medication_event.at"), eq=instant_key)
    support: MedicationSupport = attrs.field(validator=member(MedicationSupport, "medication_event.support"))
    medication: str = attrs.field(validator=text("medication_event.medication", sensitive=True), repr=False)
    form: MedicationForm = attrs.field(validator=member(MedicationForm, "medication_event.form"))

    def __attrs_post_init__(self) -> None:
        _check_inhaler("medication_event.form", self.support, self.form)


@attrs.frozen
class MedicationRecord:
    """An entry on the medication record or sheet: what was given or prompted, and when."""

    at: datetime = attrs.field(validator=is_aware("medication_record.at"), eq=instant_key)
    support: MedicationSupport = attrs.field(validator=member(MedicationSupport, "medication_record.support"))
    medication: str = attrs.field(validator=text("medication_record.medication", sensitive=True), repr=False)


_RECORD_RULE: dict[MedicationSupport, Rule] = {
    MedicationSupport.PROMPT: R.RECORD_PROMPT,
    MedicationSupport.INHALER_USE: R.RECORD_INHALER,
    MedicationSupport.ADMINISTRATION: R.RECORD_ADMINISTRATION,
}


def _key(support: MedicationSupport, medication: str, at: datetime) -> tuple[MedicationSupport, str, datetime]:
    return support, _name(medication), at.astimezone(UTC)


@attrs.frozen
class MedicationRecordCheck(Tabular):
    """Which events of a session were recorded: ``unrecorded`` should have been and were not."""

    events: tuple[MedicationEvent, ...] = attrs.field(repr=False)
    unrecorded: tuple[MedicationEvent, ...] = attrs.field(repr=False)
    extra_records: tuple[MedicationRecord, ...] = attrs.field(default=(), repr=False)

    @property
    def complete(self) -> bool:
        """True when everything that needed recording was recorded."""
        return not self.unrecorded

    def rows(self) -> list[dict[str, Any]]:
        """One plain dict per event, with whether it was recorded.

        Rows name the event by id, never the medication (a health detail): look it up by id.
        """
        missing = {e.id for e in self.unrecorded}
        return [
            {
                "event": e.id,
                "at": e.at,
                "support": e.support.value,
                "form": e.form.value,
                "recorded": e.id not in missing,
            }
            for e in self.events
        ]


@public
def check_medication_records(
    events: Iterable[MedicationEvent], records: Iterable[MedicationRecord], *, policy: Policy | None = None
) -> Decision[MedicationRecordCheck]:
    """List the prompts, inhaler uses and administrations that happened but are not on the record.

    A record matches an event with the same support, medication (ignoring
    case and spacing) and instant; each record matches one event at most.
    """
    items = tuple(events)
    ids = [e.id for e in items]
    if len(set(ids)) != len(ids):
        raise InvalidInput("events", sorted({i for i in ids if ids.count(i) > 1}), "events with distinct ids")
    recs = tuple(records)
    available = Counter(_key(r.support, r.medication, r.at) for r in recs)
    unrecorded: list[MedicationEvent] = []
    for e in items:
        key = _key(e.support, e.medication, e.at)
        if available[key] > 0:
            available[key] -= 1
        else:
            unrecorded.append(e)
    leftover = Counter(+available)
    extra: list[MedicationRecord] = []
    for r in recs:
        key = _key(r.support, r.medication, r.at)
        if leftover[key] > 0:
            leftover[key] -= 1
            extra.append(r)
    reasons = [
        _RECORD_RULE[e.support].because(
            f"{e.support.value} at {e.at.isoformat()} ({e.id}) is not on the medication record"
        )
        for e in unrecorded
    ]
    if not reasons:
        kinds = Counter(e.support for e in items)
        reasons = [
            _RECORD_RULE[s].because(f"all {n} {s.value} event(s) are on the medication record")
            for s, n in sorted(kinds.items())
        ] or [R.RECORD_PROMPT.because("no prompt, inhaler use or administration happened: nothing to record")]
    return Decision(MedicationRecordCheck(items, tuple(unrecorded), tuple(extra)), reasons)
