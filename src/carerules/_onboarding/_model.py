"""A Service User's personal file: documents, meetings, assessments and contacts.

Health details, contact details and free text never appear in ``repr``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import attrs

from carerules._care import CareAnswer, MedicationFile, MedicationProcedure, Task
from carerules._enums import Choice
from carerules._errors import InvalidInput
from carerules._matching._model import Contact, ContactRole
from carerules._onboarding._rules import FINAL_AFTER_FIRST_SESSION
from carerules._validate import flag, instance, is_date, is_optional_date, items_of, member, plain_text, text


class RiskAssessmentStage(Choice):
    """A risk assessment is drafted before sessions and made final after the first ones."""

    DRAFT = "draft"
    FINAL = "final"


def _optional(kind: type[Any], field: str, *, sensitive: bool = False) -> Any:
    def check(_: object, __: object, value: Any) -> None:
        if value is not None and not isinstance(value, kind):
            raise InvalidInput(field, value, f"a {kind.__name__} or None", sensitive=sensitive)

    return check


def _optional_flag(field: str, *, sensitive: bool = False) -> Any:
    def check(_: object, __: object, value: Any) -> None:
        if value is not None and not isinstance(value, bool):
            raise InvalidInput(field, value, "True, False or None (not recorded)", sensitive=sensitive)

    return check


@attrs.frozen
class RiskAssessment:
    """One risk assessment on file: what it covers, its stage and the date it was written."""

    topic: str = attrs.field(validator=text("risk_assessment.topic"))
    stage: RiskAssessmentStage = attrs.field(validator=member(RiskAssessmentStage, "risk_assessment.stage"))
    dated: date = attrs.field(validator=is_date("risk_assessment.dated"))


@attrs.frozen
class AssessmentCopy:
    """A copy of another body's assessment (an EHCP, a personal budget plan...), requested and maybe received."""

    kind: str = attrs.field(validator=text("assessment_copy.kind"))
    requested_on: date = attrs.field(validator=is_date("assessment_copy.requested_on"))
    received_on: date | None = attrs.field(default=None, validator=is_optional_date("assessment_copy.received_on"))

    def __attrs_post_init__(self) -> None:
        if self.received_on is not None and self.received_on < self.requested_on:
            raise InvalidInput(
                "assessment_copy.received_on",
                self.received_on,
                f"a date on or after it was requested ({self.requested_on})",
            )

    @property
    def outstanding(self) -> bool:
        """True while the copy has been requested but not received."""
        return self.received_on is None


@attrs.frozen
class EpilepsyProcedure:
    """An individual procedure for the safe management of a Service User's epilepsy."""

    documented_on: date = attrs.field(validator=is_date("epilepsy_procedure.documented_on"))
    details: str = attrs.field(
        default="", validator=plain_text("epilepsy_procedure.details", sensitive=True), repr=False
    )


@attrs.frozen
class CareRuling:
    """The answer, on file, of the role the policy names for unclear care questions (``care_adviser``).

    ``answer`` is :attr:`CareAnswer.PERMITTED <carerules.CareAnswer.PERMITTED>`
    or :attr:`CareAnswer.PERSONAL_CARE <carerules.CareAnswer.PERSONAL_CARE>`
    (an answer of "unclear" answers nothing, and whose task it is follows from
    the description); ``by`` says who gave it and
    ``on`` the local date it was recorded.
    """

    answer: CareAnswer = attrs.field(validator=member(CareAnswer, "care_ruling.answer"))
    by: str = attrs.field(validator=text("care_ruling.by"))
    on: date = attrs.field(validator=is_date("care_ruling.on"))

    def __attrs_post_init__(self) -> None:
        if self.answer not in (CareAnswer.PERMITTED, CareAnswer.PERSONAL_CARE):
            raise InvalidInput("care_ruling.answer", self.answer.value, "'permitted' or 'personal-care'")


@attrs.frozen
class CareNeed:
    """A need in the Service Plan for help with an activity the personal-care definition names.

    ``task`` describes the help as the care rules read it (activity, kind of
    help, place, whether the person can decide); ``ruling`` is the answer on
    file where those rules leave it unclear. A ruling of personal care is
    always followed; a ruling of "permitted" never overrides a task the
    rules class as personal care.
    """

    task: Task = attrs.field(validator=instance(Task, "care_need.task"))
    ruling: CareRuling | None = attrs.field(default=None, validator=_optional(CareRuling, "care_need.ruling"))


@attrs.frozen
class ServicePlan:
    """The Service Plan: needs (kept out of ``repr``), activities and weekly session hours.

    ``needs`` are in the plan's own words; ``care_needs`` are the needs for
    help with an activity of the personal-care definition, described so the
    care rules can classify them (also kept out of ``repr``). Readiness asks
    for needs (of either kind), activities and weekly hours.
    """

    written_on: date = attrs.field(validator=is_date("service_plan.written_on"))
    needs: tuple[str, ...] = attrs.field(
        default=(), validator=items_of(str, "service_plan.needs", sensitive=True), repr=False
    )
    activities: tuple[str, ...] = attrs.field(default=(), validator=items_of(str, "service_plan.activities"))
    weekly_hours: timedelta | None = attrs.field(default=None)
    care_needs: tuple[CareNeed, ...] = attrs.field(
        default=(), validator=items_of(CareNeed, "service_plan.care_needs"), repr=False
    )

    def __attrs_post_init__(self) -> None:
        if self.weekly_hours is not None and (
            not isinstance(self.weekly_hours, timedelta) or self.weekly_hours <= timedelta(0)
        ):
            raise InvalidInput("service_plan.weekly_hours", self.weekly_hours, "a positive timedelta or None")

    @property
    def missing_parts(self) -> tuple[str, ...]:
        """What the plan does not yet detail, of needs, activities and session hours (in that order)."""
        parts = (
            ("needs", bool(self.needs or self.care_needs)),
            ("activities", bool(self.activities)),
            ("session hours", self.weekly_hours is not None),
        )
        return tuple(name for name, held in parts if not held)


_DIGITS = re.compile(r"\D")


def same_person(a: Contact, b: Contact) -> bool:
    """True when two contacts name the same person: same name (ignoring case and spacing), phone or email."""

    def name(c: Contact) -> str:
        return " ".join(c.name.split()).casefold()

    def phone(c: Contact) -> str | None:
        return (_DIGITS.sub("", c.phone) or None) if c.phone else None

    def email(c: Contact) -> str | None:
        return c.email.strip().casefold() if c.email else None

    return (
        name(a) == name(b)
        or (phone(a) is not None and phone(a) == phone(b))
        or (email(a) is not None and email(a) == email(b))
    )


@attrs.frozen
class AgreedTraining:
    """Training agreed at the registration meeting for the staff who support this person.

    ``pre_start`` training must be complete before sessions begin; the rest is
    booked and completed at the earliest opportunity.
    """

    name: str = attrs.field(validator=text("agreed_training.name"))
    pre_start: bool = attrs.field(default=False, validator=flag("agreed_training.pre_start"))


def _attendees(field: str) -> Any:
    each = items_of(str, field)

    def check(obj: object, attribute: object, value: Any) -> None:
        each(obj, attribute, value)
        seen: set[str] = set()
        for i, who in enumerate(value):
            if who in seen:
                raise InvalidInput(f"{field}[{i}]", who, "each attendee listed once")
            seen.add(who)

    return check


def check_finals_follow(risk_assessments: tuple[RiskAssessment, ...], first_session: date) -> None:
    """Refuse a final risk assessment dated before the first session (finals follow the drafts' review)."""
    for i, ra in enumerate(risk_assessments):
        if ra.stage is RiskAssessmentStage.FINAL and ra.dated < first_session:
            raise InvalidInput(
                f"personal_file.risk_assessments[{i}].dated",
                ra.dated,
                f"a final risk assessment dated on or after the first session ({first_session}); "
                f"finals follow the review of the drafts in the first sessions ({FINAL_AFTER_FIRST_SESSION.id})",
            )


@attrs.frozen
class PersonalFile:
    """Everything on a Service User's personal file that onboarding and compliance read.

    Dates are local calendar dates; ``None`` means not held or not recorded.
    ``epilepsy`` is ``None`` until recorded. ``first_session`` is the local
    date of the first 1:1 session once booked or held. Raises
    :class:`~carerules.InvalidInput` for a final risk assessment dated before
    the first session, the same person as primary and secondary contact,
    training agreed twice under one name, or attendees recorded for a meeting
    with no date on file.

    ``registration_meeting_attendees`` and ``welcome_meeting_attendees`` list
    who was at each meeting by id: the Service User's own id when they were
    there, and the staff ids of the Buddies who came (others, such as family,
    may be listed but are not checked).
    """

    service_user: str = attrs.field(validator=text("personal_file.service_user"))
    date_of_birth: date | None = attrs.field(
        default=None, validator=is_optional_date("personal_file.date_of_birth", sensitive=True), repr=False
    )
    epilepsy: bool | None = attrs.field(
        default=None, validator=_optional_flag("personal_file.epilepsy", sensitive=True), repr=False
    )
    registration_meeting_on: date | None = attrs.field(
        default=None, validator=is_optional_date("personal_file.registration_meeting_on")
    )
    registration_meeting_attendees: tuple[str, ...] = attrs.field(
        default=(), validator=_attendees("personal_file.registration_meeting_attendees")
    )
    information_pack_completed_on: date | None = attrs.field(
        default=None, validator=is_optional_date("personal_file.information_pack_completed_on")
    )
    terms_given_on: date | None = attrs.field(default=None, validator=is_optional_date("personal_file.terms_given_on"))
    key_worker_at_registration: bool = attrs.field(
        default=False, validator=flag("personal_file.key_worker_at_registration")
    )
    welcome_meeting_on: date | None = attrs.field(
        default=None, validator=is_optional_date("personal_file.welcome_meeting_on")
    )
    welcome_meeting_attendees: tuple[str, ...] = attrs.field(
        default=(), validator=_attendees("personal_file.welcome_meeting_attendees")
    )
    service_plan: ServicePlan | None = attrs.field(
        default=None, validator=_optional(ServicePlan, "personal_file.service_plan")
    )
    risk_assessments: tuple[RiskAssessment, ...] = attrs.field(
        default=(), validator=items_of(RiskAssessment, "personal_file.risk_assessments")
    )
    assessment_copies: tuple[AssessmentCopy, ...] = attrs.field(
        default=(), validator=items_of(AssessmentCopy, "personal_file.assessment_copies")
    )
    medication_procedures: tuple[MedicationProcedure, ...] = attrs.field(
        default=(), validator=items_of(MedicationProcedure, "personal_file.medication_procedures"), repr=False
    )
    epilepsy_procedure: EpilepsyProcedure | None = attrs.field(
        default=None,
        validator=_optional(EpilepsyProcedure, "personal_file.epilepsy_procedure", sensitive=True),
        repr=False,
    )
    primary_contact: Contact | None = attrs.field(
        default=None, validator=_optional(Contact, "personal_file.primary_contact", sensitive=True), repr=False
    )
    secondary_contact: Contact | None = attrs.field(
        default=None, validator=_optional(Contact, "personal_file.secondary_contact", sensitive=True), repr=False
    )
    agreed_training: tuple[AgreedTraining, ...] = attrs.field(
        default=(), validator=items_of(AgreedTraining, "personal_file.agreed_training")
    )
    other_documents: tuple[str, ...] = attrs.field(default=(), validator=items_of(str, "personal_file.other_documents"))
    first_session: date | None = attrs.field(default=None, validator=is_optional_date("personal_file.first_session"))

    def __attrs_post_init__(self) -> None:
        if (
            self.primary_contact is not None
            and self.secondary_contact is not None
            and same_person(self.primary_contact, self.secondary_contact)
        ):
            raise InvalidInput(
                "personal_file.secondary_contact",
                self.secondary_contact,
                "a different person from the primary contact (same name, phone or email given)",
            )
        for name, contact, role in (
            ("primary_contact", self.primary_contact, ContactRole.PRIMARY),
            ("secondary_contact", self.secondary_contact, ContactRole.SECONDARY),
        ):
            if contact is not None and contact.role is not role:
                raise InvalidInput(f"personal_file.{name}", contact.role.value, f"a contact with role {role.value!r}")
        if self.first_session is not None:
            check_finals_follow(self.risk_assessments, self.first_session)
        for meeting, on, attendees in (
            ("registration_meeting", self.registration_meeting_on, self.registration_meeting_attendees),
            ("welcome_meeting", self.welcome_meeting_on, self.welcome_meeting_attendees),
        ):
            if attendees and on is None:
                raise InvalidInput(
                    f"personal_file.{meeting}_attendees", attendees, f"no attendees unless {meeting}_on is given"
                )
        names = [t.name for t in self.agreed_training]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise InvalidInput("personal_file.agreed_training", dupes, "each training agreed once")

    def as_of(self, day: date) -> PersonalFile:
        """The file as it stood on local ``day``: paperwork dated later is treated as not yet on file."""

        def kept(on: date | None) -> date | None:
            return on if on is not None and on <= day else None

        plan = self.service_plan if self.service_plan is not None and self.service_plan.written_on <= day else None
        if plan is not None:
            # Answers on unclear needs count from the day they were recorded.
            needs = tuple(
                n if n.ruling is None or n.ruling.on <= day else attrs.evolve(n, ruling=None) for n in plan.care_needs
            )
            plan = attrs.evolve(plan, care_needs=needs)
        epilepsy = self.epilepsy_procedure
        registration = kept(self.registration_meeting_on)
        welcome = kept(self.welcome_meeting_on)
        return attrs.evolve(
            self,
            registration_meeting_on=registration,
            registration_meeting_attendees=self.registration_meeting_attendees if registration else (),
            information_pack_completed_on=kept(self.information_pack_completed_on),
            terms_given_on=kept(self.terms_given_on),
            welcome_meeting_on=welcome,
            welcome_meeting_attendees=self.welcome_meeting_attendees if welcome else (),
            service_plan=plan,
            risk_assessments=tuple(ra for ra in self.risk_assessments if ra.dated <= day),
            epilepsy_procedure=epilepsy if epilepsy is not None and epilepsy.documented_on <= day else None,
        )

    def medication_file(self) -> MedicationFile | None:
        """The file's medication part as the care rules read it; ``None`` while epilepsy is not recorded."""
        if self.epilepsy is None:
            return None
        filed = None if self.epilepsy_procedure is None else self.epilepsy_procedure.documented_on
        return MedicationFile(self.service_user, self.medication_procedures, self.epilepsy, filed)

    @property
    def pre_start_training(self) -> tuple[str, ...]:
        """Names of the training that must be complete before sessions begin."""
        return tuple(t.name for t in self.agreed_training if t.pre_start)

    @property
    def outstanding_copies(self) -> tuple[AssessmentCopy, ...]:
        """Copies of other assessments requested and not yet received."""
        return tuple(c for c in self.assessment_copies if c.outstanding)

    def met_at_meetings(self) -> frozenset[str]:
        """Everyone the Service User met at the registration or welcome meeting (attendees of those they attended)."""
        met: set[str] = set()
        for attendees in (self.registration_meeting_attendees, self.welcome_meeting_attendees):
            if self.service_user in attendees:
                met.update(a for a in attendees if a != self.service_user)
        return frozenset(met)

    def final_risk_assessments(self, on_or_before: date | None = None) -> tuple[RiskAssessment, ...]:
        """Final risk assessments on file (dated on or before ``on_or_before`` when given)."""
        return tuple(
            ra
            for ra in self.risk_assessments
            if ra.stage is RiskAssessmentStage.FINAL and (on_or_before is None or ra.dated <= on_or_before)
        )
