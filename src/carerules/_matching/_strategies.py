"""Hypothesis strategies for matching objects (re-exported by carerules.strategies)."""

from __future__ import annotations

from datetime import date, time

from hypothesis import strategies as st

from carerules._matching._model import (
    Absence,
    Availability,
    Contact,
    ContactRole,
    Match,
    PlanPermissions,
    ServiceUser,
    StaffMember,
    TrainingRecord,
)
from carerules._matching._params import MatchingPolicy, TraitFit
from carerules._support121._model import Weekday

INTERESTS = ("animals", "art", "board games", "cinema", "cooking", "football", "gaming", "music", "swimming", "trains")
TRAITS = ("anxious", "calm", "chatty", "creative", "energetic", "outgoing", "patient", "playful", "quiet")
COURSES = ("autism awareness", "epilepsy awareness", "makaton", "manual handling")
_FIRST = date(2024, 1, 1)
_LAST = date(2030, 12, 31)


def interests(max_size: int = 5) -> st.SearchStrategy[frozenset[str]]:
    """Sets of interest labels from a small shared pool (so people share some)."""
    return st.frozensets(st.sampled_from(INTERESTS), max_size=max_size)


def traits(max_size: int = 3) -> st.SearchStrategy[frozenset[str]]:
    """Sets of personality-trait labels from a small shared pool."""
    return st.frozensets(st.sampled_from(TRAITS), max_size=max_size)


def trait_fits() -> st.SearchStrategy[TraitFit]:
    """A pairing of a Service User's trait with a staff trait that suits it."""
    return st.builds(TraitFit, st.sampled_from(TRAITS), st.sampled_from(TRAITS))


def matching_policies(*, courses: bool = False) -> st.SearchStrategy[MatchingPolicy]:
    """Matching parameters; with ``courses`` the policy lists the shared course pool."""
    return st.builds(
        MatchingPolicy,
        interest_points=st.integers(0, 3),
        trait_points=st.integers(0, 3),
        shared_traits_fit=st.booleans(),
        trait_fits=st.lists(trait_fits(), max_size=4).map(tuple),
        courses=st.just(frozenset(COURSES)) if courses else st.just(frozenset()),
        cover_search_days=st.integers(0, 14),
    )


@st.composite
def training_records(draw: st.DrawFn) -> TrainingRecord:
    """A training record: only booked, or completed and perhaps with an expiry date on or after completion."""
    course = draw(st.sampled_from(COURSES))
    completed = draw(st.none() | st.dates(_FIRST, _LAST))
    if completed is None:
        return TrainingRecord(course)
    expires = draw(st.none() | st.dates(completed, date(2035, 12, 31)))
    return TrainingRecord(course, completed, expires)


@st.composite
def availabilities(draw: st.DrawFn) -> Availability:
    """A weekly window on the half hour, sometimes running past midnight."""
    day = draw(st.sampled_from(Weekday))
    start = draw(st.integers(0, 46))
    end = draw(st.integers(0, 47).filter(lambda e: e != start))
    return Availability(day, time(start // 2, 30 * (start % 2)), time(end // 2, 30 * (end % 2)))


@st.composite
def absences(draw: st.DrawFn) -> Absence:
    """A run of up to three weeks away."""
    first = draw(st.dates(_FIRST, _LAST))
    return Absence(first, date.fromordinal(first.toordinal() + draw(st.integers(0, 20))), draw(st.text(max_size=10)))


def contacts() -> st.SearchStrategy[Contact]:
    """A primary, secondary or other contact (made-up details)."""
    return st.builds(
        Contact,
        st.sampled_from(ContactRole),
        st.sampled_from(["Alex Parent", "Sam Carer", "Jo Guardian"]),
        st.none() | st.from_regex(r"07\d{9}", fullmatch=True),
        st.none() | st.just("family@example.org"),
    )


@st.composite
def plan_permissions(draw: st.DrawFn) -> PlanPermissions:
    """What a plan permits and rules out (never both for one label)."""
    labels = ["hug", "handshake", "guiding by touch", "high five", "swimming"]
    says = draw(st.lists(st.sampled_from([None, True, False]), min_size=len(labels), max_size=len(labels)))
    permitted = frozenset(x for x, yes in zip(labels, says, strict=True) if yes is True)
    ruled_out = frozenset(x for x, yes in zip(labels, says, strict=True) if yes is False)
    return PlanPermissions(permitted, ruled_out)


@st.composite
def service_users(draw: st.DrawFn, *, id: str | None = None, max_training: int = 1) -> ServiceUser:
    """A Service User; at most ``max_training`` required pre-start courses."""
    ident = id or f"su-{draw(st.integers(0, 999)):03d}"
    return ServiceUser(
        id=ident,
        name=draw(st.sampled_from(["Ada", "Ben", "Cy", "Dee", "Eli"])),
        date_of_birth=draw(st.dates(date(1940, 1, 1), date(2020, 12, 31))),
        interests=draw(interests()),
        traits=draw(traits()),
        needs=draw(st.frozensets(st.sampled_from(["autism", "epilepsy", "adhd", "learning disability"]), max_size=2)),
        required_training=draw(st.frozensets(st.sampled_from(COURSES), max_size=max_training)),
        plan=draw(plan_permissions()),
        contacts=tuple(draw(st.lists(contacts(), max_size=2))),
        notes=draw(st.text(max_size=12)),
    )


@st.composite
def staff_members(draw: st.DrawFn, *, id: str | None = None, max_capacity: int = 3) -> StaffMember:
    """A staff member with training, capacities, weekly availability and absences."""
    ident = id or f"st-{draw(st.integers(0, 999)):03d}"
    return StaffMember(
        id=ident,
        name=draw(st.sampled_from(["Fay", "Gus", "Hal", "Ivy", "Jon"])),
        interests=draw(interests()),
        traits=draw(traits()),
        training=tuple(draw(st.lists(training_records(), max_size=3))),
        key_capacity=draw(st.integers(0, max_capacity)),
        spare_capacity=draw(st.integers(0, max_capacity)),
        availability=tuple(draw(st.lists(availabilities(), max_size=3))),
        absences=tuple(draw(st.lists(absences(), max_size=1))),
        phone=draw(st.none() | st.from_regex(r"07\d{9}", fullmatch=True)),
    )


@st.composite
def staff_teams(draw: st.DrawFn, *, min_size: int = 0, max_size: int = 6, max_capacity: int = 3) -> list[StaffMember]:
    """Staff with distinct ids (st-00, st-01, ...), in shuffled order."""
    size = draw(st.integers(min_size, max_size))
    team = [draw(staff_members(id=f"st-{n:02d}", max_capacity=max_capacity)) for n in range(size)]
    return draw(st.permutations(team))


@st.composite
def waiting_lists(draw: st.DrawFn, *, min_size: int = 0, max_size: int = 4) -> list[ServiceUser]:
    """Service Users with distinct ids (su-00, su-01, ...), in shuffled order."""
    size = draw(st.integers(min_size, max_size))
    return [draw(service_users(id=f"su-{n:02d}")) for n in range(size)]


def matches(
    service_user: str | None = None, staff_ids: tuple[str, ...] = ("st-00", "st-01", "st-02")
) -> st.SearchStrategy[Match]:
    """A match (possibly invalid: the same person twice) among ``staff_ids``."""
    user = st.just(service_user) if service_user else st.sampled_from(["su-00", "su-01", "su-02"])
    return st.builds(Match, user, st.sampled_from(staff_ids), st.sampled_from(staff_ids))
