"""Hypothesis strategies for care-boundary objects (re-exported by carerules.strategies)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import attrs
from hypothesis import strategies as st

from carerules._care._medication import (
    MedicationFile,
    MedicationForm,
    MedicationProcedure,
    MedicationRequest,
    MedicationRoute,
    MedicationSupport,
)
from carerules._care._medication_record import MedicationEvent, MedicationRecord, ResponsibilityWindow
from carerules._care._model import (
    ACTIVITY_AREA,
    BUILTIN_CONTACT_KINDS,
    AwayFromHome,
    AwayReading,
    CanDecide,
    CareArea,
    CareBoundaries,
    ContactPlan,
    HelpKind,
    PermittedTask,
    Place,
    Task,
)
from carerules._care._report import CareCase
from carerules._charging._strategies import durations, instants
from carerules._policy import BUDDIES, Policy
from carerules._time import plus_elapsed

_NAMES = ("applying-sun-cream", "cutting-up-food", "putting-on-a-coat", "wiping-hands", "fixing-a-hair-clip")
_KINDS = ("high-five", "fist-bump", "hand-on-shoulder", "arm-in-arm")
_MEDICINES = ("paracetamol", "salbutamol", "Buccal Midazolam", "movicol", "sertraline")
_USERS = ("su-ada", "su-ben", "su-cy")

_part = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=6)
_slugs = st.lists(_part, min_size=1, max_size=3).map("-".join)


def permitted_tasks() -> st.SearchStrategy[PermittedTask]:
    """Tasks a provider might permit, each in one area of the definition."""
    names = st.one_of(st.sampled_from(_NAMES), _slugs.map(lambda s: f"p-{s}"))
    return st.builds(
        PermittedTask,
        name=names,
        area=st.sampled_from(CareArea),
        summary=st.sampled_from(["agreed with families", "low-risk help in public", "part of the activity"]),
    )


def away_from_home_readings() -> st.SearchStrategy[AwayFromHome]:
    """How a provider reads help away from where the person is living (each kind of help on its own)."""
    readings = st.sampled_from(AwayReading)
    return st.builds(AwayFromHome, physical_assistance=readings, prompting_and_supervision=readings)


def care_boundaries() -> st.SearchStrategy[CareBoundaries]:
    """A provider's care data: a few permitted tasks, extra contact kinds (often none), its away-from-home reading."""
    kinds = st.one_of(st.sampled_from(_KINDS), _slugs.map(lambda s: f"c-{s}"))
    return st.builds(
        CareBoundaries,
        permitted_tasks=st.lists(permitted_tasks(), max_size=4, unique_by=lambda t: t.name).map(tuple),
        contact_kinds=st.lists(kinds, max_size=3, unique=True).map(tuple),
        away_from_home=st.one_of(st.just(AwayFromHome()), away_from_home_readings()),
    )


def care_policies() -> st.SearchStrategy[Policy]:
    """The Buddies policy with generated care data of a provider's own."""
    return care_boundaries().map(lambda care: attrs.evolve(BUDDIES, care=care))


@st.composite
def care_tasks(draw: st.DrawFn, care: CareBoundaries | None = None) -> Task:
    """Task descriptions over every built-in activity (and ``care``'s permitted tasks)."""
    areas = dict(ACTIVITY_AREA)
    if care is not None:
        areas.update({t.name: t.area for t in care.permitted_tasks})
    activity = draw(st.sampled_from(sorted(areas)))
    help_kind = draw(st.sampled_from(HelpKind))
    # Only hands-on nail care can be a podiatrist's; any other description with one is refused.
    podiatrist = areas[activity] is CareArea.NAIL_CARE and help_kind is HelpKind.PHYSICAL_ASSISTANCE
    return Task(
        activity=activity,
        help=help_kind,
        place=draw(st.sampled_from(Place)),
        can_decide=draw(st.sampled_from(CanDecide)),
        by_podiatrist=draw(st.booleans()) if podiatrist else False,
        id=draw(st.one_of(st.none(), st.uuids().map(lambda u: f"t-{u.hex[:8]}"))),
    )


_FIRST_DAY, _LAST_DAY = date(2020, 1, 1), date(2030, 12, 31)


def medication_dates() -> st.SearchStrategy[date]:
    """Local dates of a support or of filing a procedure (2020 to 2030, the span the other strategies use)."""
    return st.dates(_FIRST_DAY, _LAST_DAY)


def _form_and_route(draw: st.DrawFn, support: MedicationSupport) -> tuple[MedicationForm, MedicationRoute | None]:
    if support is MedicationSupport.INHALER_USE:
        return MedicationForm.INHALER, draw(st.sampled_from([None, MedicationRoute.INHALED]))
    return draw(st.sampled_from(MedicationForm)), draw(st.one_of(st.none(), st.sampled_from(MedicationRoute)))


@st.composite
def medication_requests(draw: st.DrawFn) -> MedicationRequest:
    """Requests to prompt, witness inhaler use or administer, in any form, by a stated route or none."""
    support = draw(st.sampled_from(MedicationSupport))
    form, route = _form_and_route(draw, support)
    return MedicationRequest(draw(st.sampled_from(_MEDICINES)), form, support, route=route)


@st.composite
def medication_procedures(draw: st.DrawFn) -> MedicationProcedure:
    """Documented administration procedures: a medication, a form, sometimes a route, a filing date."""
    form = draw(st.sampled_from(MedicationForm))
    routes = st.sampled_from(MedicationRoute)
    route = draw(routes if form is MedicationForm.OTHER else st.one_of(st.none(), routes))
    return MedicationProcedure(
        draw(st.sampled_from(_MEDICINES)), form, draw(medication_dates()), note=draw(st.text(max_size=10)), route=route
    )


@st.composite
def medication_files(draw: st.DrawFn, *, service_user: str | None = None) -> MedicationFile:
    """What a person's file holds about medication and epilepsy."""
    epilepsy = draw(st.booleans())
    filed = draw(st.one_of(st.none(), medication_dates()))
    return MedicationFile(
        service_user=service_user or draw(st.sampled_from(_USERS)),
        procedures=tuple(draw(st.lists(medication_procedures(), max_size=3))),
        epilepsy=epilepsy,
        epilepsy_procedure_filed=filed,
    )


@st.composite
def medication_events(draw: st.DrawFn) -> MedicationEvent:
    """A prompt, inhaler use or administration that happened in a session."""
    support = draw(st.sampled_from(MedicationSupport))
    form, route = _form_and_route(draw, support)
    return MedicationEvent(
        id=f"m-{draw(st.uuids()).hex[:8]}",
        at=draw(instants()),
        support=support,
        medication=draw(st.sampled_from(_MEDICINES)),
        form=form,
        route=route,
    )


@st.composite
def responsibility_windows(draw: st.DrawFn, *, around: datetime | None = None) -> ResponsibilityWindow:
    """Times the service is responsible for a person (up to 14 hours), across DST nights; ``around`` one instant."""
    length = draw(durations())
    if around is None:
        start = draw(instants())
    else:
        start = plus_elapsed(around, -draw(st.timedeltas(timedelta(0), length - timedelta(seconds=1))))
    return ResponsibilityWindow(start, plus_elapsed(start, length))


def medication_records() -> st.SearchStrategy[MedicationRecord]:
    """Entries on a medication record."""
    return st.builds(
        MedicationRecord,
        at=instants(),
        support=st.sampled_from(MedicationSupport),
        medication=st.sampled_from(_MEDICINES),
    )


def record_of(event: MedicationEvent) -> MedicationRecord:
    """The record entry that covers ``event``."""
    return MedicationRecord(event.at, event.support, event.medication)


def contact_kinds(care: CareBoundaries | None = None) -> st.SearchStrategy[str]:
    """Kinds of contact: built in, added by ``care``, or unknown to the policy."""
    known = sorted(BUILTIN_CONTACT_KINDS | set(care.contact_kinds if care else ()))
    return st.one_of(st.sampled_from(known), st.sampled_from(_KINDS), _slugs)


@st.composite
def contact_plans(draw: st.DrawFn, care: CareBoundaries | None = None) -> ContactPlan:
    """Plans that list some kinds as appropriate and rule out others (never both)."""
    kinds = draw(st.lists(contact_kinds(care), max_size=5, unique=True))
    split = draw(st.integers(0, len(kinds)))
    return ContactPlan(
        service_user=draw(st.sampled_from(_USERS)),
        appropriate=frozenset(kinds[:split]),
        ruled_out=frozenset(kinds[split:]),
        note=draw(st.text(max_size=10)),
    )


@st.composite
def care_cases(draw: st.DrawFn, care: CareBoundaries | None = None) -> CareCase:
    """One Service User's care questions, as a scenario file holds them."""
    user = draw(st.sampled_from(_USERS))
    file = draw(st.one_of(st.none(), medication_files(service_user=user)))
    plan = draw(st.one_of(st.none(), contact_plans(care)))
    events = draw(st.lists(medication_events(), max_size=3, unique_by=lambda e: e.id))
    requests = tuple(draw(st.lists(medication_requests(), max_size=3)))
    windows = [draw(responsibility_windows(around=e.at)) for e in events if draw(st.booleans())]
    return CareCase(
        service_user=user,
        tasks=tuple(draw(st.lists(care_tasks(care), max_size=4))),
        medication_file=file,
        medication_requests=requests,
        medication_events=tuple(events),
        medication_records=tuple(record_of(e) for e in events if draw(st.booleans())),
        contact_plan=None if plan is None else attrs.evolve(plan, service_user=user),
        contacts=tuple(draw(st.lists(contact_kinds(care), max_size=3))),
        medication_requests_on=draw(medication_dates()) if requests else draw(st.none() | medication_dates()),
        responsible=tuple(windows),
    )
