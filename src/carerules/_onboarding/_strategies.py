"""Hypothesis strategies for onboarding objects (re-exported by carerules.strategies)."""

from __future__ import annotations

from datetime import date, time, timedelta

import attrs
from hypothesis import assume
from hypothesis import strategies as st

from carerules._care import CareAnswer, CareArea, MedicationForm, MedicationProcedure, classify_task
from carerules._care._model import ACTIVITY_AREA
from carerules._care._strategies import (
    care_tasks,
    medication_events,
    medication_records,
    record_of,
    responsibility_windows,
)
from carerules._charging._strategies import instants
from carerules._matching._model import Contact, ContactRole
from carerules._onboarding._contract import Contract, WeeklySlot
from carerules._onboarding._duties import FeedbackForm, FeedbackResponse, TrainingRecords, WriteUpAuthorisation
from carerules._onboarding._model import (
    AgreedTraining,
    AssessmentCopy,
    CareNeed,
    CareRuling,
    EpilepsyProcedure,
    PersonalFile,
    RiskAssessment,
    RiskAssessmentStage,
    ServicePlan,
    same_person,
)
from carerules._onboarding._params import OnboardingParameters
from carerules._onboarding._report import MedicationLog
from carerules._onboarding._scenario import OnboardingScenario
from carerules._policy import ShiftKind, builtin_policy
from carerules._support121._model import Weekday

_FIRST = date(2024, 1, 1)
_LAST = date(2030, 12, 31)
_USERS = ("su-ada", "su-ben", "su-cy")
_STAFF = ("st-dee", "st-eli", "st-fay", "st-gus")
_TRAININGS = ("epilepsy awareness", "autism awareness", "first aid", "moving and handling")
_KINDS = ("EHCP", "personal budget plan", "occupational therapy report")


def onboarding_parameters() -> st.SearchStrategy[OnboardingParameters]:
    """Onboarding parameters around the Buddies figures."""
    return st.builds(
        OnboardingParameters,
        minimum_age=st.integers(0, 18),
        final_risk_assessment_days=st.integers(0, 60),
        feedback_every_years=st.integers(1, 3),
    )


def local_dates(first: date = _FIRST, last: date = _LAST) -> st.SearchStrategy[date]:
    """Local calendar dates (leap days and clock-change days included)."""
    return st.one_of(
        st.dates(first, last),
        st.sampled_from([d for d in (date(2024, 2, 29), date(2028, 2, 29), date(2026, 3, 29)) if first <= d <= last]),
    )


def _contact(draw: st.DrawFn, role: ContactRole, name: str) -> Contact:
    digits = draw(st.integers(100, 999))
    slug = name.lower().replace(" ", ".")
    return Contact(
        role=role,
        name=name,
        phone=draw(st.sampled_from([None, f"07700 900{digits}"])),
        email=draw(st.sampled_from([None, f"{slug}@example.org"])),
    )


@st.composite
def contact_pairs(draw: st.DrawFn) -> tuple[Contact, Contact]:
    """A primary and a secondary contact (the matching rules' ``Contact``) who are different people."""
    names = draw(
        st.lists(st.sampled_from(["Ann Ames", "Bo Bell", "Cal Cole", "Di Dunn"]), min_size=2, max_size=2, unique=True)
    )
    first = _contact(draw, ContactRole.PRIMARY, names[0])
    second = _contact(draw, ContactRole.SECONDARY, names[1])
    assume(not same_person(first, second))
    return first, second


def risk_assessments(
    *, stage: RiskAssessmentStage | None = None, first: date = _FIRST, last: date = _LAST
) -> st.SearchStrategy[RiskAssessment]:
    """Risk assessments dated between ``first`` and ``last``."""
    return st.builds(
        RiskAssessment,
        topic=st.sampled_from(["community outings", "travel", "home", "swimming"]),
        stage=st.just(stage) if stage is not None else st.sampled_from(RiskAssessmentStage),
        dated=st.dates(first, last),
    )


@st.composite
def assessment_copies(draw: st.DrawFn, *, received: bool | None = None) -> AssessmentCopy:
    """A copy of another assessment, requested and (unless ``received`` is False) maybe received."""
    requested = draw(st.dates(_FIRST, _LAST))
    got = draw(st.booleans()) if received is None else received
    return AssessmentCopy(
        kind=draw(st.sampled_from(_KINDS)),
        requested_on=requested,
        received_on=requested + timedelta(days=draw(st.integers(0, 90))) if got else None,
    )


def care_rulings(first: date = _FIRST, last: date = _LAST) -> st.SearchStrategy[CareRuling]:
    """Answers on file for unclear plan needs: permitted or personal care, by a manager, on a local date."""
    return st.builds(
        CareRuling,
        answer=st.sampled_from([CareAnswer.PERMITTED, CareAnswer.PERSONAL_CARE]),
        by=st.sampled_from(["lt-ceo", "lt-ops"]),
        on=st.dates(first, last),
    )


def care_needs() -> st.SearchStrategy[CareNeed]:
    """Plan needs for help with an activity of the personal-care definition, some with an answer on file."""
    return st.builds(CareNeed, task=care_tasks(), ruling=st.one_of(st.none(), care_rulings()))


def service_plans(*, complete: bool = False) -> st.SearchStrategy[ServicePlan]:
    """Service Plans with needs (in words and as care needs), activities and weekly hours.

    With ``complete`` every plan details needs, activities and session hours.
    """
    least = 1 if complete else 0
    return st.builds(
        ServicePlan,
        written_on=st.dates(_FIRST, _LAST),
        needs=st.lists(st.sampled_from(["autism", "anxiety", "mobility"]), min_size=least, max_size=2).map(tuple),
        activities=st.lists(st.sampled_from(["cinema", "swimming", "travel training"]), min_size=least, max_size=2).map(
            tuple
        ),
        weekly_hours=st.integers(2, 30).map(lambda h: timedelta(hours=h))
        if complete
        else st.one_of(st.none(), st.integers(2, 30).map(lambda h: timedelta(hours=h))),
        care_needs=st.just(()) if complete else st.lists(care_needs(), max_size=2).map(tuple),
    )


@st.composite
def _permitted_care_needs(draw: st.DrawFn, *, by: date) -> tuple[CareNeed, ...]:
    """Care needs the built-in Buddies policy leaves to staff: permitted, or unclear with "permitted" on file by ``by``.

    Never in the nail-care area (the readiness tests name nails in the plan's own words to test that check).
    """
    policy = builtin_policy("buddies")
    out: list[CareNeed] = []
    for task in draw(st.lists(care_tasks(), max_size=2)):
        if ACTIVITY_AREA.get(task.activity) is CareArea.NAIL_CARE:
            continue
        answer = classify_task(task, policy).answer
        if answer is CareAnswer.PERMITTED:
            out.append(CareNeed(task))
        elif answer is CareAnswer.UNCLEAR:
            out.append(CareNeed(task, CareRuling(CareAnswer.PERMITTED, "lt-ceo", by)))
    return tuple(out)


def agreed_trainings() -> st.SearchStrategy[tuple[AgreedTraining, ...]]:
    """Agreed training, each name once, some needed before the start."""
    return st.lists(
        st.builds(AgreedTraining, name=st.sampled_from(_TRAININGS), pre_start=st.booleans()),
        max_size=3,
        unique_by=lambda t: t.name,
    ).map(tuple)


@st.composite
def personal_files(draw: st.DrawFn, *, service_user: str | None = None) -> PersonalFile:
    """Personal files in any state of completion (always valid)."""
    first_session = draw(st.one_of(st.none(), local_dates()))
    primary, secondary = draw(contact_pairs())
    maybe = st.one_of(st.none(), local_dates())
    epilepsy = draw(st.sampled_from([None, False, True]))
    registration, welcome = draw(maybe), draw(maybe)
    user = service_user or draw(st.sampled_from(_USERS))
    present = st.lists(st.sampled_from((user, *_STAFF)), max_size=4, unique=True).map(tuple)
    risks = draw(st.lists(risk_assessments(stage=RiskAssessmentStage.DRAFT), max_size=2))
    if first_session is not None and draw(st.booleans()):
        risks.append(
            draw(
                risk_assessments(
                    stage=RiskAssessmentStage.FINAL, first=first_session, last=first_session + timedelta(days=30)
                )
            )
        )
    return PersonalFile(
        service_user=user,
        date_of_birth=draw(st.one_of(st.none(), st.dates(date(1950, 1, 1), date(2022, 12, 31)))),
        epilepsy=epilepsy,
        registration_meeting_on=registration,
        registration_meeting_attendees=() if registration is None else draw(present),
        information_pack_completed_on=draw(maybe),
        terms_given_on=draw(maybe),
        key_worker_at_registration=draw(st.booleans()),
        welcome_meeting_on=welcome,
        welcome_meeting_attendees=() if welcome is None else draw(present),
        service_plan=draw(st.one_of(st.none(), service_plans())),
        risk_assessments=tuple(risks),
        assessment_copies=tuple(draw(st.lists(assessment_copies(), max_size=2))),
        medication_procedures=tuple(
            draw(
                st.lists(
                    st.builds(
                        MedicationProcedure,
                        medication=st.sampled_from(["buccal midazolam", "insulin"]),
                        form=st.sampled_from([MedicationForm.LIQUID, MedicationForm.INJECTION]),
                        filed_on=st.dates(_FIRST, _LAST),
                    ),
                    max_size=1,
                )
            )
        ),
        epilepsy_procedure=draw(
            st.one_of(st.none(), st.builds(EpilepsyProcedure, documented_on=st.dates(_FIRST, _LAST)))
        ),
        primary_contact=draw(st.one_of(st.none(), st.just(primary))),
        secondary_contact=draw(st.one_of(st.none(), st.just(secondary))),
        agreed_training=draw(agreed_trainings()),
        other_documents=tuple(
            draw(st.lists(st.sampled_from(["consent form", "photo consent"]), max_size=2, unique=True))
        ),
        first_session=first_session,
    )


@st.composite
def weekly_patterns(draw: st.DrawFn) -> tuple[WeeklySlot, ...]:
    """One to four slots on different weekdays that never overlap (nights may run into a free next day)."""
    days = sorted(draw(st.lists(st.integers(0, 6), min_size=1, max_size=4, unique=True)))
    slots = []
    for d in days:
        start_min = draw(st.integers(6 * 4, 22 * 4)) * 15
        room = 24 * 60 - start_min + (12 * 60 if (d + 1) % 7 not in days else 0)
        length_min = draw(st.integers(4, max(4, min(room, 14 * 60) // 15))) * 15
        kind = ShiftKind.DAY if start_min + length_min <= 24 * 60 else draw(st.sampled_from(ShiftKind))
        slots.append(
            WeeklySlot(
                weekday=list(Weekday)[d],
                start=time(start_min // 60, start_min % 60),
                length=timedelta(minutes=length_min),
                kind=kind,
                label=draw(st.sampled_from(["", "school escort", "after school", "night"])),
            )
        )
    return tuple(slots)


@st.composite
def contracts(draw: st.DrawFn, *, service_user: str | None = None) -> Contract:
    """Contracts with a key worker, a different spare and a non-overlapping weekly pattern."""
    pair = draw(st.lists(st.sampled_from(_STAFF), min_size=2, max_size=2, unique=True))
    starts = draw(local_dates())
    ends = draw(st.one_of(st.none(), st.integers(0, 400).map(lambda n: starts + timedelta(days=n))))
    return Contract(
        id=f"c-{draw(st.uuids()).hex[:8]}",
        service_user=service_user or draw(st.sampled_from(_USERS)),
        key_worker=pair[0],
        spare=pair[1],
        slots=draw(weekly_patterns()),
        starts_on=starts,
        ends_on=ends,
    )


def completed_training(staff: tuple[str, ...] = _STAFF) -> st.SearchStrategy[TrainingRecords]:
    """Staff id -> training name -> local completion date."""
    return st.dictionaries(
        st.sampled_from(staff),
        st.dictionaries(st.sampled_from(_TRAININGS), st.dates(_FIRST, _LAST), max_size=4),
        max_size=len(staff),
    )


@st.composite
def ready_to_start(draw: st.DrawFn) -> tuple[PersonalFile, Contract, TrainingRecords]:
    """A personal file, contract and training records meeting every readiness condition (Buddies: aged 8+).

    The Service User met the key worker and spare at the registration meeting (and at the welcome meeting when one
    is held); the plan's care needs are all permitted, or unclear with "permitted" on file before the first session.
    """
    file = draw(personal_files())
    contract = draw(contracts(service_user=file.service_user))
    first = file.first_session or draw(st.dates(date(2025, 1, 1), _LAST))
    born = draw(st.dates(date(1950, 1, 1), first - timedelta(days=366 * 9)))
    primary, secondary = draw(contact_pairs())
    primary = attrs.evolve(primary, phone=primary.phone or "07700 900001")
    secondary = attrs.evolve(secondary, phone=secondary.phone or "07700 900002")
    epilepsy = draw(st.booleans())
    met = (file.service_user, contract.key_worker, contract.spare)
    plan = draw(service_plans(complete=True))
    plan = attrs.evolve(
        plan,
        written_on=first - timedelta(days=20),
        care_needs=draw(_permitted_care_needs(by=first - timedelta(days=20))),
    )
    file = PersonalFile(
        service_user=file.service_user,
        date_of_birth=born,
        epilepsy=epilepsy,
        registration_meeting_on=first - timedelta(days=30),
        registration_meeting_attendees=met,
        information_pack_completed_on=first - timedelta(days=30),
        terms_given_on=first - timedelta(days=30),
        key_worker_at_registration=file.key_worker_at_registration,
        welcome_meeting_on=None if file.key_worker_at_registration else first - timedelta(days=7),
        welcome_meeting_attendees=() if file.key_worker_at_registration else met,
        service_plan=plan,
        risk_assessments=(
            *file.risk_assessments,
            attrs.evolve(draw(risk_assessments(stage=RiskAssessmentStage.DRAFT)), dated=first - timedelta(days=14)),
        ),
        assessment_copies=file.assessment_copies,
        medication_procedures=file.medication_procedures,
        epilepsy_procedure=EpilepsyProcedure(first - timedelta(days=10)) if epilepsy else None,
        primary_contact=primary,
        secondary_contact=secondary,
        agreed_training=file.agreed_training,
        other_documents=file.other_documents,
        first_session=first,
    )
    records: dict[str, dict[str, date]] = {
        s: {t.name: first - timedelta(days=1) for t in file.agreed_training}
        for s in (contract.key_worker, contract.spare)
    }
    return file, contract, records


def feedback_forms(*, service_user: str | None = None) -> st.SearchStrategy[FeedbackForm]:
    """Feedback forms sent on local dates (29 February included)."""
    return st.builds(
        FeedbackForm,
        service_user=st.just(service_user) if service_user else st.sampled_from(_USERS),
        sent_on=local_dates(),
    )


def feedback_responses() -> st.SearchStrategy[FeedbackResponse]:
    """Feedback responses, often anonymous."""
    return st.builds(
        FeedbackResponse,
        received_on=st.dates(_FIRST, _LAST),
        service_user=st.one_of(st.none(), st.sampled_from(_USERS)),
        respondent=st.one_of(st.none(), st.sampled_from(["parent", "carer"])),
        comments=st.text(max_size=30),
    )


@st.composite
def write_up_authorisations(draw: st.DrawFn, *, service_user: str | None = None) -> WriteUpAuthorisation:
    """Authorisations for write-ups, by any staff member, some withdrawn later."""
    start = draw(st.dates(_FIRST, _LAST))
    return WriteUpAuthorisation(
        service_user=service_user or draw(st.sampled_from(_USERS)),
        authorised_by=draw(st.sampled_from((*_STAFF, "lt-ceo", "lt-ops"))),
        authorised_on=start,
        withdrawn_on=draw(st.one_of(st.none(), st.integers(1, 400).map(lambda n: start + timedelta(days=n)))),
    )


@st.composite
def medication_logs(draw: st.DrawFn, *, service_user: str | None = None) -> MedicationLog:
    """A Service User's medication events with some of them (and maybe others) on the record."""
    events = draw(st.lists(medication_events(), max_size=4, unique_by=lambda e: e.id))
    recorded = [record_of(e) for e in events if draw(st.booleans())]
    extra = draw(st.lists(medication_records(), max_size=1))
    windows = tuple(draw(responsibility_windows(around=e.at)) for e in events if draw(st.booleans()))
    user = service_user or draw(st.sampled_from(_USERS))
    return MedicationLog(user, tuple(events), tuple(recorded + extra), responsible=windows)


@st.composite
def onboarding_scenarios(draw: st.DrawFn) -> OnboardingScenario:
    """The onboarding section of a scenario file: a few files, their contracts, training and logs, at an instant."""
    users = draw(st.lists(st.sampled_from(_USERS), min_size=1, max_size=3, unique=True))
    files = tuple(draw(personal_files(service_user=u)) for u in users)
    contracts_ = tuple(draw(contracts(service_user=u)) for u in users if draw(st.booleans()))
    return OnboardingScenario(
        at=draw(instants()),
        files=files,
        contracts=contracts_,
        training=draw(completed_training()),
        feedback_forms=tuple(draw(st.lists(feedback_forms(service_user=users[0]), max_size=2))),
        medication=tuple(draw(st.lists(medication_logs(service_user=users[0]), max_size=1))),
    )
