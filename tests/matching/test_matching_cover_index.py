"""The cover search's booking index gives the answers of a full scan of every booked session.

Issue 17, section 5 ("The CLI on a 10,000-session scenario"): the bookings
are indexed once per staff member instead of being re-scanned on every
question. These properties pin the index to the old full scan.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import attrs
from hypothesis import given
from hypothesis import strategies as st

from carerules import BUDDIES, Absence, Match, ServiceUser, Session, StaffMember, cover_options
from carerules._charging._strategies import durations, instants, sessions
from carerules._matching._cover import _Bookings, _cover, _Scan
from carerules._matching._scenario import MatchingScenario, matching_report
from carerules._matching._strategies import absences, service_users, staff_teams
from carerules._time import plus_elapsed

# A fortnight across the spring clock change, so bookings crowd and overlap.
FIRST, LAST = date(2026, 3, 23), date(2026, 4, 5)
STAFF_IDS = ["st-00", "st-01", "st-02", "st-03"]


@st.composite
def booked_sessions(draw: st.DrawFn, *, service_user: str = "su-00") -> Session:
    """A session of ``service_user``'s in the fortnight, booked with one of a few staff (or nobody)."""
    session = draw(sessions(service_user=service_user))
    start = draw(instants(first=FIRST, last=LAST))
    ident = draw(st.sampled_from(["s-a", "s-b"]) | st.just(session.id))
    return attrs.evolve(
        session,
        id=ident,
        start=start,
        end=plus_elapsed(start, draw(durations(max_hours=10))),
        staff=draw(st.sampled_from([None, *STAFF_IDS])),
    )


@given(
    st.lists(booked_sessions(), max_size=30),
    instants(first=FIRST, last=LAST),
    durations(max_hours=12),
    st.sampled_from(STAFF_IDS),
    st.sampled_from(["s-a", "s-b", "s-none"]),
)
def test_cover_index_says_busy_exactly_when_a_full_scan_does(
    booked: list[Session], start: datetime, length: timedelta, staff_id: str, skip: str
) -> None:
    """Issue 17 section 5: the per-staff index finds an overlapping booking exactly when the full scan does."""
    end = plus_elapsed(start, length)
    assert _Bookings(booked).overlaps(start, end, staff_id, skip) is _Scan(booked).overlaps(start, end, staff_id, skip)


@given(
    service_users(id="su-00"),
    staff_teams(min_size=2, max_size=4),
    st.lists(booked_sessions(), min_size=1, max_size=25),
    st.data(),
)
def test_cover_options_from_the_index_equal_those_from_a_full_scan(
    user: ServiceUser, team: list[StaffMember], booked: list[Session], data: st.DataObject
) -> None:
    """Issue 17 section 5: cover options (answer, reasons, missing) are the same with the index as with a scan."""
    members = tuple(sorted(team, key=lambda s: s.id))
    by_id = {s.id: s for s in members}
    ids = sorted(by_id)
    match = data.draw(st.none() | st.builds(Match, st.just(user.id), st.sampled_from(ids), st.sampled_from(ids)))
    index, scan = _Bookings(booked), _Scan(booked)
    for session in booked:
        if session.staff not in by_id:
            continue
        fast = _cover(session, user, members, by_id, BUDDIES, match, index, None)
        slow = _cover(session, user, members, by_id, BUDDIES, match, scan, None)
        assert fast == slow


@given(service_users(id="su-00"), staff_teams(min_size=1, max_size=4), st.lists(booked_sessions(), max_size=25))
def test_matching_report_cover_section_is_unchanged_by_the_index(
    user: ServiceUser, team: list[StaffMember], booked: list[Session]
) -> None:
    """Issue 17 section 5: the scenario report's cover section is the same built on the index or a full scan."""
    scenario = MatchingScenario(staff=tuple(team), service_users=(user,))
    fast = matching_report(scenario, booked, BUDDIES, _index=_Bookings)
    slow = matching_report(scenario, booked, BUDDIES, _index=_Scan)
    assert fast == slow


@st.composite
def fortnight_absences(draw: st.DrawFn) -> Absence:
    """An absence (from the shared strategy) moved to start in the fortnight, so that absences overlap."""
    away = draw(absences())
    first = draw(st.dates(FIRST, LAST))
    return attrs.evolve(away, first=first, last=first + (away.last - away.first))


@given(
    staff_teams(min_size=1, max_size=1), st.lists(fortnight_absences(), max_size=6), st.dates(FIRST, LAST), st.data()
)
def test_staff_absence_lookup_is_the_first_recorded_absence_a_scan_finds(
    team: list[StaffMember], away: list[Absence], first: date, data: st.DataObject
) -> None:
    """Issue 17 section 5: looking absences up by date gives the first recorded one that overlaps, as a scan does."""
    member = attrs.evolve(team[0], absences=tuple(away))
    last = data.draw(st.dates(first, first + timedelta(days=30)))
    assert member.absent(first, last) == next((a for a in member.absences if a.touches(first, last)), None)


@given(service_users(id="su-00"), staff_teams(min_size=1, max_size=4), st.lists(booked_sessions(), max_size=25))
def test_matching_report_cover_decisions_are_those_of_the_public_cover_options(
    user: ServiceUser, team: list[StaffMember], booked: list[Session]
) -> None:
    """Issue 17 section 5: each cover decision in the report is cover_options' own, grounded in the policy."""
    scenario = MatchingScenario(staff=tuple(team), service_users=(user,))
    ids = {s.id for s in team}
    expected = [
        d
        for d in (
            cover_options(s, user, team, BUDDIES, booked=booked)
            for s in sorted(booked, key=lambda s: (s.start, s.id))
            if s.staff in ids
        )
        if d.answer.needed
    ]
    assert matching_report(scenario, booked, BUDDIES)["cover"] == expected
