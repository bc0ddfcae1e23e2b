"""Every input the hostile review found escaping as a non-library exception now raises a typed error
naming the field (issue 14, "Only CareRulesError escapes"), and every library error survives pickle."""

from __future__ import annotations

import inspect
import pickle
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import attrs
import pytest

import carerules as cr
from carerules._support121._terms import CadenceNotAllowed, RefreshersNotAutomatic, UnknownArea
from tests.conftest import PUBLIC_NAMES

T = datetime(2026, 1, 5, 10, tzinfo=UTC)


def _policy(**changes: Any) -> cr.Policy:
    return cr.Policy(id="p", name="P", version="1", effective_from=date(2024, 1, 1), **changes)


@pytest.mark.parametrize("end", [T, T - timedelta(hours=1)], ids=["same", "before"])
def test_quote_refuses_an_end_not_after_its_start(end: datetime) -> None:
    with pytest.raises(cr.InvalidInput) as caught:
        cr.quote(T, end, cr.ShiftKind.DAY, cr.BUDDIES)
    assert caught.value.field == "end"


@pytest.mark.parametrize(
    "instant",
    [datetime(1, 1, 1, tzinfo=UTC), datetime.max.replace(tzinfo=UTC), datetime(9999, 12, 30, tzinfo=UTC)],
    ids=["year-1", "max", "last-days"],
)
def test_a_session_at_the_edge_of_datetimes_range_is_refused_at_construction(instant: datetime) -> None:
    """It used to be accepted, and pricing, batching, invoicing and cancelling it raised OverflowError."""
    with pytest.raises(cr.InvalidInput) as caught:
        cr.Session("s1", "su", instant, instant + timedelta(hours=1) if instant.year < 9999 else instant)
    assert caught.value.field == "session.start"


def test_the_earliest_accepted_session_is_refused_by_pricing_with_a_typed_error() -> None:
    early = datetime(1, 1, 2, tzinfo=UTC)
    session = cr.Session("s1", "su", early, early + timedelta(hours=2))
    for call in (
        lambda: cr.price_session(session, cr.BUDDIES),
        lambda: cr.price_batch([session], cr.BUDDIES),
        lambda: cr.build_invoice("su", cr.Period(date(1, 1, 1), date(1, 1, 31)), cr.BUDDIES, sessions=[session]),
        lambda: cr.decide_cancellation(session, cr.Cancellation("s1", cr.CancelledBy.FAMILY, early), cr.BUDDIES),
    ):
        with pytest.raises(cr.InvalidInput, match="years this calendar covers"):
            call()


@pytest.mark.parametrize(
    "name", ["A" * 300, "Europe", ["Europe/London"], "localtime", "posixrules", "../etc/passwd", "/etc/localtime", ""]
)
def test_a_policy_accepts_only_iana_timezone_keys(name: Any) -> None:
    with pytest.raises(cr.InvalidInput) as caught:
        _policy(timezone=name)
    assert caught.value.field == "policy.timezone"
    assert "site-packages" not in str(caught.value)
    assert "zoneinfo/" not in str(caught.value)


@pytest.mark.parametrize("name", ["Europe/London", "America/Argentina/Buenos_Aires", "Etc/GMT+5", "UTC"])
def test_real_iana_keys_are_still_accepted(name: str) -> None:
    assert _policy(timezone=name).tz.key == name


@pytest.mark.parametrize("days", [10**7, 367, -1])
def test_cover_search_days_is_bounded(days: int) -> None:
    with pytest.raises(cr.InvalidInput) as caught:
        cr.MatchingPolicy(cover_search_days=days)
    assert caught.value.field == "matching.cover_search_days"
    assert cr.MatchingPolicy(cover_search_days=366).cover_search_days == 366


@pytest.mark.parametrize("field", ["key_capacity", "spare_capacity"])
def test_a_capacity_beyond_any_solver_is_refused(field: str) -> None:
    """assign_all with a capacity of 2**63 raised numpy's OverflowError."""
    with pytest.raises(cr.InvalidInput) as caught:
        cr.StaffMember(id="st-1", name="Fay", **{field: 2**63})  # type: ignore[arg-type]
    assert caught.value.field == f"staff.{field}"


@pytest.mark.parametrize("year", [0, -1, 10**20, 1970, 2101])
def test_holidays_in_refuses_years_outside_the_calendar(year: int) -> None:
    with pytest.raises(cr.InvalidInput) as caught:
        cr.BUDDIES.calendar.holidays_in(year)
    assert caught.value.field == "year"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("tasks", ["not a task"]),
        ("tasks", "abc"),
        ("medication_file", "file"),
        ("medication_requests", (1,)),
        ("medication_events", ("x",)),
        ("medication_records", (None,)),
        ("contact_plan", 3),
        ("contacts", (1,)),
        ("contacts", ("",)),
    ],
)
def test_care_case_checks_every_field_at_construction(field: str, value: Any) -> None:
    """A wrong type used to surface later, inside care_report, under internal names."""
    with pytest.raises(cr.InvalidInput) as caught:
        cr.CareCase("su-ada", **{field: value})
    assert caught.value.field.startswith(f"care.{field}")


def test_medication_items_are_redacted_in_care_case_errors() -> None:
    with pytest.raises(cr.InvalidInput) as caught:
        cr.CareCase("su-ada", medication_requests=("Epilim 200 mg",))  # type: ignore[arg-type]
    assert "Epilim" not in str(caught.value)


@pytest.mark.parametrize("kind", [cr.ShiftKind, cr.Activity, cr.CancelledBy, cr.Weekday])
@pytest.mark.parametrize("value", ["nope", ["day"], None, 3])
def test_an_enum_looked_up_by_a_bad_value_raises_invalid_input(kind: Any, value: Any) -> None:
    with pytest.raises(cr.InvalidInput) as caught:
        kind(value)
    assert caught.value.field == kind.__name__
    assert isinstance(caught.value, ValueError)  # still what Enum lookups raise


# --- pickling: an error raised in a worker reaches the caller -------------------------------------------

ERRORS = [
    cr.CareRulesError("plain"),
    cr.InvalidInput("session.end", T, "an instant after the start"),
    cr.InvalidInput("care.note", "private words", "a string", sensitive=True),
    cr.InvalidInput("iter", (x for x in range(0)), "a tuple"),  # a value pickle cannot hold
    cr.MissingRate("buddies", "sleeping-night", True, date(2026, 12, 25), date(2026, 12, 26)),
    cr.RuleConflict("care.personal", ("a", "b")),
    cr.ScenarioError("$.sessions[3].start", "not a date"),
    cr.MissingDependency("scipy", "matching", "assign_all"),
    UnknownArea("goal.area", "Flying", "an area the policy lists"),
    CadenceNotAllowed("plan.cadence", 5, "every 1, 2 or 4 weeks"),
    RefreshersNotAutomatic("plan.refreshers", None, "none: refreshers only on request"),
    cr.MissingParameter("harbour", "onboarding", date(2027, 1, 1), "minimum_age"),
    cr.PolicyFileError('clauses["charging.nope"]', "charging.nope", "the id of a rule carerules has"),
    cr.TariffError("rates[1].of", "Standard", "the name of a rate of this tariff"),
    cr.MissingTariffRate("uk13", "service any, day type any, band any", date(2026, 1, 10)),
    cr.UnknownWaiver("evidence[0]", "weather", "a waiver the policy recognises (rescheduled)"),
]


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: type(e).__name__)
def test_every_library_error_survives_pickle_with_its_message_and_attributes(error: cr.CareRulesError) -> None:
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error)
    assert str(back) == str(error)
    assert back.args == error.args
    for name, value in vars(error).items():
        if inspect.isgenerator(value):  # cannot be pickled: kept as it is shown
            assert vars(back)[name].startswith("<generator object")
        else:
            assert vars(back)[name] == value


def test_every_public_error_class_is_covered_by_the_pickle_test() -> None:
    public = {getattr(cr, n) for n in PUBLIC_NAMES if isinstance(getattr(cr, n), type)}
    errors = {c for c in public if issubclass(c, BaseException)}
    assert errors <= {type(e) for e in ERRORS}


def test_a_pickled_error_keeps_its_notes() -> None:
    error = cr.InvalidInput("f", 1, "x")
    error.add_note("while reading $.sessions")
    assert pickle.loads(pickle.dumps(error)).__notes__ == ["while reading $.sessions"]


def test_errors_cross_a_process_boundary() -> None:
    import concurrent.futures

    with concurrent.futures.ProcessPoolExecutor(max_workers=1) as pool:
        future = pool.submit(cr.to_money, Decimal("1e1000000"), "rate.amount")
        with pytest.raises(cr.InvalidInput) as caught:
            future.result(timeout=60)
    assert caught.value.field == "rate.amount"


def test_error_constructors_accept_odd_arguments() -> None:
    """Callers build these too (in their own rules); a wrong-typed part must not crash the message."""
    assert "None" in str(cr.MissingRate("p", "day", False, None))  # type: ignore[arg-type]
    assert "5" in str(cr.RuleConflict("r", 5))  # type: ignore[arg-type]


def test_evolve_keeps_a_session_valid() -> None:
    session = cr.Session("s1", "su", T, T + timedelta(hours=2))
    with pytest.raises(cr.InvalidInput):
        attrs.evolve(session, start=datetime(1, 1, 1, tzinfo=UTC))


def test_an_error_about_one_of_the_callers_objects_names_that_object_as_its_subject() -> None:
    """Issue 18: the object holding the refused value, so a caller (or the CLI) can say which one it was."""
    first = cr.Session("s-1", "su-a", T, T + timedelta(hours=2), cr.ShiftKind.DAY)
    again = cr.Session("s-1", "su-a", T + timedelta(days=1), T + timedelta(days=1, hours=2), cr.ShiftKind.DAY)
    period = cr.Period(T.date(), T.date() + timedelta(days=6))
    with pytest.raises(cr.InvalidInput) as caught:
        cr.build_invoice("su-a", period, cr.BUDDIES, sessions=[first, again])
    assert caught.value.subject is again
    assert caught.value.subject_field == "id"
    stray = cr.Cancellation("s-9", cr.CancelledBy.FAMILY, T - timedelta(days=3))
    with pytest.raises(cr.InvalidInput) as caught:
        cr.build_invoice("su-a", period, cr.BUDDIES, sessions=[first], cancellations=[stray])
    assert caught.value.subject is stray
    assert caught.value.subject_field == "session_id"
    plain = cr.InvalidInput("x", 1, "y")
    assert plain.subject is None
    assert plain.subject_field is None
    back = pickle.loads(pickle.dumps(caught.value))
    assert back.subject == stray
    assert back.subject_field == "session_id"
