"""Medication support: prompts, inhaler use, administration, the epilepsy procedure.

A request is judged as of the local date of the support: a documented
procedure counts only once it is on file, and only for the medication in the
form (and route, where the procedure names one) it documents. Medication
names and health details are kept out of ``repr``. What happened in a session
and what was written down are checked in :mod:`carerules._care._medication_record`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs

from carerules._care import _rules as R
from carerules._care._model import items
from carerules._enums import Choice
from carerules._errors import InvalidInput
from carerules._guard import public
from carerules._policy import Policy
from carerules._rules import Decision, Reason, role_ref
from carerules._validate import flag, instance, is_date, member, plain_text, text


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


class MedicationRoute(Choice):
    """How a medication is given: by mouth, into the cheek, inhaled, injected under the skin...

    Optional on requests, events and procedures: the form alone usually says
    how a medication is taken; a procedure that names a route covers only
    that route (buccal midazolam is a liquid given into the cheek, not
    swallowed).
    """

    ORAL = "oral"
    BUCCAL = "buccal"
    SUBLINGUAL = "sublingual"
    INHALED = "inhaled"
    NASAL = "nasal"
    SUBCUTANEOUS = "subcutaneous"
    INTRAMUSCULAR = "intramuscular"
    TOPICAL = "topical"
    TRANSDERMAL = "transdermal"
    EYE = "eye"
    EAR = "ear"
    RECTAL = "rectal"


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


def name_key(value: str) -> str:
    """A medication name compared ignoring case and spacing."""
    return " ".join(value.casefold().split())


def optional_route(field: str) -> Any:
    """A validator for a ``route`` field: ``None`` (not stated) or a :class:`MedicationRoute`."""
    return attrs.validators.optional(member(MedicationRoute, field))


def check_inhaler(prefix: str, support: MedicationSupport, form: MedicationForm, route: MedicationRoute | None) -> None:
    """Refuse inhaler use of anything but an inhaler, or by a route other than inhaled."""
    if support is not MedicationSupport.INHALER_USE:
        return
    if form is not MedicationForm.INHALER:
        raise InvalidInput(f"{prefix}.form", form.value, "'inhaler' when the support is inhaler use")
    if route not in (None, MedicationRoute.INHALED):
        raise InvalidInput(f"{prefix}.route", route.value, "'inhaled' (or no route) when the support is inhaler use")


def how(form: MedicationForm, route: MedicationRoute | None) -> str:
    """'a liquid' or 'a liquid by the buccal route', for reasons."""
    article = "an" if form.value[0] in "aeiou" else "a"
    return f"{article} {form.value}" + ("" if route is None else f" by the {route.value} route")


@attrs.frozen
class MedicationRequest:
    """A question from staff: may I give this support with this medication (in this form, by this route)?"""

    medication: str = attrs.field(validator=text("medication_request.medication", sensitive=True), repr=False)
    form: MedicationForm = attrs.field(validator=member(MedicationForm, "medication_request.form"))
    support: MedicationSupport = attrs.field(validator=member(MedicationSupport, "medication_request.support"))
    route: MedicationRoute | None = attrs.field(
        default=None, kw_only=True, validator=optional_route("medication_request.route")
    )

    def __attrs_post_init__(self) -> None:
        check_inhaler("medication_request", self.support, self.form, self.route)


@attrs.frozen
class MedicationProcedure:
    """A documented procedure for administering one medication in one form, put on file on ``filed_on``.

    ``route``, when given, narrows it to that route. A procedure for a form
    of ``"other"`` must name its route: "other" alone does not say how the
    medication is given.
    """

    medication: str = attrs.field(validator=text("procedure.medication", sensitive=True), repr=False)
    form: MedicationForm = attrs.field(validator=member(MedicationForm, "procedure.form"))
    filed_on: date = attrs.field(validator=is_date("procedure.filed_on"))
    note: str = attrs.field(default="", validator=plain_text("procedure.note", sensitive=True), repr=False)
    route: MedicationRoute | None = attrs.field(default=None, kw_only=True, validator=optional_route("procedure.route"))

    def __attrs_post_init__(self) -> None:
        if self.form is MedicationForm.OTHER and self.route is None:
            raise InvalidInput("procedure.route", None, "a MedicationRoute when the form is 'other'")

    def covers(self, request: MedicationRequest) -> bool:
        """True when this procedure documents ``request``'s medication, form and (if it names one) route."""
        return (
            name_key(self.medication) == name_key(request.medication)
            and self.form is request.form
            and (self.route is None or self.route is request.route)
        )


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
        """The first documented procedure for ``medication`` (names compared ignoring case and spacing)."""
        return next(iter(self.procedures_for(medication)), None)

    def procedures_for(self, medication: str) -> tuple[MedicationProcedure, ...]:
        """Every documented procedure for ``medication``, whatever its form or date, in file order."""
        wanted = name_key(medication)
        return tuple(p for p in self.procedures if name_key(p.medication) == wanted)


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


def _prompt(request: MedicationRequest) -> Decision[MedicationOutcome]:
    if request.form in _PROMPTABLE:
        return _allowed(
            R.PROMPT_FORM.because(
                f"the medication is a {request.form.value}: staff may prompt or remind",
                would_change="any form other than a tablet or capsule would be refused",
            ),
            R.RECORD_PROMPT.because("write the prompt down on the medication forms"),
        )
    reason = R.PROMPT_FORM.because(
        f"the medication is {how(request.form, None)}, not a tablet or capsule: staff may not prompt for it",
        would_change="a tablet or capsule could be prompted",
    )
    return Decision(MedicationOutcome(MedicationAnswer.REFUSED, False, False), (reason,))


def _administration(request: MedicationRequest, file: MedicationFile, on: date) -> Decision[MedicationOutcome]:
    named = file.procedures_for(request.medication)
    asked = how(request.form, request.route)
    if not named:
        reason = R.ADMINISTRATION_PROCEDURE.because(
            f"no documented procedure for this medication in the person's file: refuse and ask {role_ref('adviser')}",
            would_change="a documented procedure for it in the file would allow administration",
        )
        return Decision(MedicationOutcome(MedicationAnswer.REFUSED, False, True), (reason,))
    covering = [p for p in named if p.covers(request)]
    on_file = [p for p in covering if p.filed_on <= on]
    if on_file:
        p = on_file[0]
        return _allowed(
            R.ADMINISTRATION_PROCEDURE.because(
                f"a documented procedure for it as {how(p.form, p.route)} was filed on {p.filed_on}, on file by {on}"
            ),
            R.RECORD_ADMINISTRATION.because("write the administration on the medication record"),
        )
    reasons = [
        R.ADMINISTRATION_PROCEDURE.because(
            f"no documented procedure on file by {on} covers this medication as {asked}: "
            f"refuse and ask {role_ref('adviser')}",
            would_change=f"a documented procedure for it as {asked}, on file by {on}, would allow administration",
        )
    ]
    reasons.extend(
        R.PROCEDURE_ON_FILE.because(
            f"the procedure for it as {how(p.form, p.route)} was filed on {p.filed_on}, after {on}: "
            "it does not count for a support on that day",
            would_change=f"filing it on or before {on} would have counted",
        )
        for p in covering
    )
    reasons.extend(
        R.PROCEDURE_FORM.because(
            f"the procedure filed on {p.filed_on} covers it as {how(p.form, p.route)}, not as {asked}",
            would_change=f"a procedure for it as {asked} would cover this",
        )
        for p in named
        if p not in covering
    )
    return Decision(MedicationOutcome(MedicationAnswer.REFUSED, False, True), tuple(reasons))


@public
def decide_medication(
    request: MedicationRequest, file: MedicationFile, on: date, *, policy: Policy | None = None
) -> Decision[MedicationOutcome]:
    """Whether staff may give the support ``request`` asks about on local date ``on``, for ``file``'s person.

    Prompts: tablets and capsules only, always recorded. Inhaler use:
    recorded on the medication sheet. Administration: only with a documented
    procedure for that medication in that form (and route, where the
    procedure names one), on file by ``on``; otherwise refused, ask the
    role the policy names ``adviser`` (the Buddies leadership team).
    ``on`` is required: a procedure filed after the support does not allow it.
    """
    if request.support is MedicationSupport.PROMPT:
        return _prompt(request)
    if request.support is MedicationSupport.INHALER_USE:
        return _allowed(R.RECORD_INHALER.because("inhaler used while the service is responsible: record it"))
    return _administration(request, file, on)


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
