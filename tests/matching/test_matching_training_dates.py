"""Training counts from the day it was completed, until it expires (issue 15, item 5).

``004_82faaa97975dc483.txt``, "How do we get started?": the key worker and
spare need the specialist training agreed for the person before sessions
start, and the spare covers when the key worker is away; ``PRODUCT.md``,
"Personal files (Buddies)": trained means a completed record of the named
training. Read literally, a record completed on 1 December is no training
for a session on 20 October, so:

- cover is judged on the session's local date unless the caller gives
  another date (``matching.training-on-session-date``);
- a new pair is judged on its first session's local date, given as ``on``
  or taken from the person's ``sessions``; with neither, ``suggest_pair``
  refuses rather than count training completed at any date;
- a record may carry an expiry date, the last day it counts
  (``matching.training-expiry``).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from carerules import (
    BUDDIES,
    Absence,
    Availability,
    InvalidInput,
    Match,
    ServiceUser,
    Session,
    StaffMember,
    TrainingRecord,
    Weekday,
    check_pair,
    cover_options,
    fit,
    suggest_pair,
)
from carerules.strategies import training_records

LONDON = ZoneInfo("Europe/London")
EPILEPSY = "epilepsy awareness"
TUESDAY = Availability(Weekday.TUESDAY, time(15), time(20))
USER = ServiceUser(
    "su-cy", "Cy", date(2010, 5, 1), interests=frozenset({"trains"}), required_training=frozenset({EPILEPSY})
)
EARLY = (TrainingRecord(EPILEPSY, date(2026, 3, 1)),)
KIM = StaffMember(
    "st-kim",
    "Kim",
    training=EARLY,
    availability=(TUESDAY,),
    absences=(Absence(date(2026, 10, 20), date(2026, 10, 20)),),
)
LEE = StaffMember("st-lee", "Lee", training=EARLY, availability=(TUESDAY,))
# Completes epilepsy training on 1 December, six weeks after the session below.
DEC = StaffMember(
    "st-dec",
    "Dec",
    interests=frozenset({"trains"}),
    training=(TrainingRecord(EPILEPSY, date(2026, 12, 1)),),
    availability=(TUESDAY,),
)
MATCH = Match("su-cy", "st-kim", "st-lee")


def _session(day: date, hour: int = 16, sid: str = "s-1", user: str = "su-cy") -> Session:
    start = datetime.combine(day, time(hour), tzinfo=LONDON)
    return Session(sid, user, start, start + timedelta(hours=2), staff="st-kim")


OCTOBER_20 = _session(date(2026, 10, 20))


def _offered(decision: object) -> list[str]:
    return [o.staff for o in decision.answer.other_staff]  # type: ignore[attr-defined]


# (case, staff completing epilepsy training on, expiry, offered as cover on Tuesday 20 October 2026)
COVER_CASES = [
    ("completed on 1 December, after the session (the issue's case)", date(2026, 12, 1), None, False),
    ("completed the day after the session", date(2026, 10, 21), None, False),
    ("completed on the morning of the session's day", date(2026, 10, 20), None, True),
    ("completed in March, no expiry", date(2026, 3, 1), None, True),
    ("expired the day before the session", date(2025, 10, 1), date(2026, 10, 19), False),
    ("expires on the session's day: still counts that day", date(2025, 10, 1), date(2026, 10, 20), True),
]


@pytest.mark.parametrize(("case", "completed", "expires", "offered"), COVER_CASES, ids=[c[0] for c in COVER_CASES])
def test_cover_counts_training_held_on_the_sessions_local_date(
    case: str, completed: date, expires: date | None, offered: bool
) -> None:
    other = attrs.evolve(DEC, training=(TrainingRecord(EPILEPSY, completed, expires),))
    decision = cover_options(OCTOBER_20, USER, [KIM, LEE, other], BUDDIES, match=MATCH)
    assert ("st-dec" in _offered(decision)) is offered, case
    judged = next(r for r in decision.reasons if r.rule_id == "matching.training-on-session-date")
    assert judged.detail == "training judged on 2026-10-20, the session's local date"


def test_a_date_given_to_cover_options_replaces_the_sessions_date() -> None:
    later = cover_options(OCTOBER_20, USER, [KIM, LEE, DEC], BUDDIES, match=MATCH, on=date(2026, 12, 1))
    assert _offered(later) == ["st-lee", "st-dec"]
    judged = next(r for r in later.reasons if r.rule_id == "matching.training-on-session-date")
    assert judged.detail == "training judged on 2026-12-01, the date given"


@pytest.mark.tz
def test_cover_judges_training_on_the_local_date_not_the_utc_date() -> None:
    """00:30 on Wednesday 21 October in London is 23:30 on Tuesday in UTC: the local date decides."""
    night = Availability(Weekday.WEDNESDAY, time(0), time(4))
    kim = attrs.evolve(KIM, availability=(night,), absences=(Absence(date(2026, 10, 21), date(2026, 10, 21)),))
    on_the_21st = attrs.evolve(DEC, training=(TrainingRecord(EPILEPSY, date(2026, 10, 21)),), availability=(night,))
    start = datetime(2026, 10, 21, 0, 30, tzinfo=LONDON)
    session = Session("s-night", "su-cy", start, start + timedelta(hours=2), staff="st-kim")
    assert session.start.astimezone(ZoneInfo("UTC")).date() == date(2026, 10, 20)
    decision = cover_options(session, USER, [kim, on_the_21st], BUDDIES)
    assert _offered(decision) == ["st-dec"]


def test_suggest_pair_takes_the_date_from_the_first_session() -> None:
    later = _session(date(2027, 1, 12), sid="s-2")
    early = suggest_pair(USER, [KIM, LEE, DEC], BUDDIES, sessions=[later, OCTOBER_20]).answer
    assert early is not None
    assert "st-dec" not in (early.match.key_worker, early.match.spare)
    # Once every session is after 1 December, Dec (who shares Cy's interest in trains) is the key worker.
    late = suggest_pair(USER, [KIM, LEE, DEC], BUDDIES, sessions=[later]).answer
    assert late is not None
    assert late.match.key_worker == "st-dec"
    decision = suggest_pair(USER, [KIM, LEE, DEC], BUDDIES, sessions=[later, OCTOBER_20])
    judged = next(r for r in decision.reasons if r.rule_id == "matching.training-on-session-date")
    assert judged.detail == "training judged on 2026-10-20, the local date of the first session"


def test_suggest_pair_refuses_to_guess_the_date() -> None:
    with pytest.raises(InvalidInput) as caught:
        suggest_pair(USER, [KIM, LEE, DEC], BUDDIES)
    assert (caught.value.field, caught.value.value) == ("on", None)
    assert "first session" in caught.value.expected


def test_a_session_of_someone_else_is_refused_naming_its_place() -> None:
    theirs = _session(date(2026, 10, 20), user="su-other")
    for call in (
        lambda: suggest_pair(USER, [KIM, LEE], BUDDIES, sessions=[OCTOBER_20, theirs]),
        lambda: check_pair(USER, KIM, LEE, BUDDIES, sessions=[OCTOBER_20, theirs]),
    ):
        with pytest.raises(InvalidInput) as caught:
            call()
        assert (caught.value.field, caught.value.value) == ("sessions[1].service_user", "su-other")


def test_check_pair_judges_the_first_session_date_when_given_sessions() -> None:
    failed = check_pair(USER, DEC, LEE, BUDDIES, sessions=[OCTOBER_20]).answer
    assert failed.failures == (f"key worker st-dec has no completed record of {EPILEPSY}",)
    assert check_pair(USER, DEC, LEE, BUDDIES, on=date(2026, 12, 1)).answer.ok


@pytest.mark.parametrize(
    ("completed", "expires", "field", "expected"),
    [
        (date(2026, 3, 1), date(2026, 2, 28), "training.expires_on", "a date on or after training.completed_on"),
        (None, date(2027, 1, 1), "training.expires_on", "no expiry date on a booked record"),
        (date(2026, 3, 1), "2027-01-01", "training.expires_on", "a calendar date"),
    ],
)
def test_a_bad_expiry_date_is_refused_naming_the_field(
    completed: date | None, expires: object, field: str, expected: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        TrainingRecord(EPILEPSY, completed, expires)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert caught.value.expected.startswith(expected)


@given(training_records(), st.dates(date(2023, 1, 1), date(2037, 1, 1)))
def test_a_record_counts_exactly_from_completion_to_expiry(record: TrainingRecord, day: date) -> None:
    completed, expires = record.completed_on, record.expires_on
    expected = completed is not None and completed <= day and (expires is None or day <= expires)
    assert record.counts_on(day) is expected
    staff = StaffMember("st-x", "X", training=(record,))
    assert (record.course in staff.courses_completed(day)) is expected


@given(
    st.lists(training_records(), max_size=4),
    st.dates(date(2024, 1, 1), date(2031, 1, 1)),
    st.sampled_from(["Europe/London", "America/New_York", "Asia/Kolkata", "Pacific/Auckland"]),
    st.integers(0, 23),
)
def test_cover_by_default_agrees_with_fit_on_the_sessions_local_date(
    records: list[TrainingRecord], day: date, zone: str, hour: int
) -> None:
    """Two paths agree: the default date, and ``fit`` (or ``on=``) asked about the session's local date."""
    start = datetime.combine(day, time(hour), tzinfo=ZoneInfo(zone))
    session = Session("s-x", "su-cy", start, start + timedelta(hours=1), staff="st-kim")
    local_start, local_end = start.astimezone(LONDON), session.end.astimezone(LONDON)
    assume(local_start.time() != local_end.time())  # the one elapsed hour of a night the clocks go back
    local = local_start.date()
    kim = attrs.evolve(KIM, absences=(Absence(local, local + timedelta(days=1)),))
    window = Availability(Weekday.of(local), local_start.time(), local_end.time())
    other = attrs.evolve(DEC, training=tuple(records), availability=(window,))
    decision = cover_options(session, USER, [kim, other], BUDDIES)
    assert ("st-dec" in _offered(decision)) is fit(USER, other, BUDDIES, on=local).eligible
    assert decision.answer == cover_options(session, USER, [kim, other], BUDDIES, on=local).answer


def test_an_expired_record_is_named_with_its_expiry_date() -> None:
    lapsed = attrs.evolve(DEC, training=(TrainingRecord(EPILEPSY, date(2024, 10, 1), date(2026, 9, 30)),))
    decision = cover_options(OCTOBER_20, USER, [KIM, LEE, lapsed], BUDDIES, match=MATCH)
    assert _offered(decision) == ["st-lee"]
    expired = [r for r in decision.reasons if r.rule_id == "matching.training-expiry"]
    assert [(r.detail, r.would_change) for r in expired] == [
        (
            f"st-dec's record of {EPILEPSY} expired on 2026-09-30, before 2026-10-20",
            "a new record of that training, completed by then",
        )
    ]
    # A newer record that counts hides the old one: nothing has lapsed.
    renewed = attrs.evolve(lapsed, training=(*lapsed.training, TrainingRecord(EPILEPSY, date(2026, 9, 29))))
    again = cover_options(OCTOBER_20, USER, [KIM, LEE, renewed], BUDDIES, match=MATCH)
    assert "st-dec" in _offered(again)
    assert "matching.training-expiry" not in again.rule_ids
    checked = check_pair(USER, lapsed, LEE, BUDDIES, on=date(2026, 10, 20))
    assert checked.answer.failures == (f"key worker st-dec has no completed record of {EPILEPSY}",)
    assert "matching.training-expiry" in checked.rule_ids
