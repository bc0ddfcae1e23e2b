"""Equal means equal (issue 14): objects holding instants compare the instant, not the wall clock;
frozen objects hold only immutable collections and hash."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import carerules as cr
import carerules.strategies as strategies
from carerules._cli import main
from carerules._time import to_utc
from tests.conftest import FUZZ_EXAMPLES, london

#: 01:30 on 2026-10-25 happens twice in London: first in BST (00:30 UTC), then in GMT (01:30 UTC).
BST = london(2026, 10, 25, 1, 30, fold=0)
GMT = london(2026, 10, 25, 1, 30, fold=1)


def test_the_repeated_hour_gives_two_different_sessions() -> None:
    """Python's same-zone comparison says these are equal and hash alike; they last 2 h 30 and 1 h 30."""
    assert BST == GMT  # the trap: Python compares same-zone datetimes by wall clock
    end = london(2026, 10, 25, 3, 0)
    first, second = cr.Session("s", "su", BST, end), cr.Session("s", "su", GMT, end)
    assert first.duration != second.duration
    assert first != second
    assert hash(first) != hash(second)
    assert len({first, second}) == 2


def test_the_same_instant_written_in_two_zones_is_one_session() -> None:
    end = london(2026, 10, 25, 3, 0)
    assert cr.Session("s", "su", BST, end) == cr.Session("s", "su", datetime(2026, 10, 25, 0, 30, tzinfo=UTC), end)
    assert hash(cr.Session("s", "su", BST, end)) == hash(
        cr.Session("s", "su", datetime(2026, 10, 25, 0, 30, tzinfo=UTC), end)
    )


@pytest.mark.parametrize(
    "build",
    [
        lambda at: cr.Cancellation("s", cr.CancelledBy.FAMILY, at),
        lambda at: cr.MedicationEvent("e", at, cr.MedicationSupport.PROMPT, "x", cr.MedicationForm.TABLET),
        lambda at: cr.MedicationRecord(at, cr.MedicationSupport.PROMPT, "x"),
        lambda at: cr.CoverTime(at, cr.plus_elapsed(at, timedelta(hours=1))),
        lambda at: cr.OnboardingScenario(at=at),
        lambda at: cr.SessionRecord(at, cr.SessionOutcome.ATTENDED),
    ],
    ids=["cancellation", "medication-event", "medication-record", "cover-time", "onboarding", "session-record"],
)
def test_every_object_holding_an_instant_tells_the_repeated_hour_apart(build: Any) -> None:
    assert build(BST) != build(GMT)
    assert hash(build(BST)) != hash(build(GMT))
    assert build(BST) == build(BST.astimezone(UTC))


@given(strategies.sessions(), st.sampled_from(["fold", "utc", "tokyo"]), strategies.policies())
def test_sessions_are_equal_exactly_when_their_instants_are(
    session: cr.Session, change: str, policy: cr.Policy
) -> None:
    def moved(d: datetime) -> datetime:
        if change == "fold":
            return d.replace(fold=1 - d.fold)
        return d.astimezone(UTC if change == "utc" else ZoneInfo("Asia/Tokyo"))

    other = attrs.evolve(session, start=moved(session.start), end=moved(session.end))
    same_instants = (to_utc(session.start), to_utc(session.end)) == (to_utc(other.start), to_utc(other.end))
    assert (session == other) is same_instants
    if same_instants:
        assert hash(session) == hash(other)
        assert cr.price_session(session, policy).answer == cr.price_session(other, policy).answer


def _bundled() -> dict[str, Any]:
    text = resources.files("carerules.examples").joinpath("buddies-month.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def test_one_report_agrees_with_itself_about_medication_in_the_repeated_hour(tmp_path: Path) -> None:
    """Care and compliance used to disagree: the record at 01:30 BST also 'recorded' the event at 01:30 GMT."""
    data = _bundled()
    ben = next(case for case in data["care"] if case["service_user"] == "su-ben")
    ben["medication_events"] = [
        {"id": f"ben-{i}", "at": at, "support": "prompt", "medication": "movicol", "form": "tablet"}
        for i, at in (
            ("a", "2026-10-25T01:30:00+01:00[Europe/London]"),
            ("b", "2026-10-25T01:30:00+00:00[Europe/London]"),
        )
    ]
    ben["medication_records"] = [
        {"at": "2026-10-25T01:30:00+01:00[Europe/London]", "support": "prompt", "medication": "movicol"}
    ]
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main([str(path)], out, err) == 0, err.getvalue()
    text = out.getvalue()
    care = text.split("== Care boundaries ==")[1].split("== Matching ==")[0]
    compliance = text.split("== Onboarding and compliance ==")[1].split("su-cal:")[0].split("su-ben:")[1]
    assert "(ben-b) is not on the medication record" in care
    assert "(ben-a)" not in care
    assert "(ben-b) is not on the medication record" in compliance
    assert "(ben-a)" not in compliance


# --- immutability ----------------------------------------------------------------------------------------


def test_onboarding_training_is_copied_and_read_only() -> None:
    training = {"st-dee": {"first aid": date(2026, 1, 5)}}
    section = cr.OnboardingScenario(at=datetime(2026, 2, 1, tzinfo=UTC), training=training)
    training["st-dee"]["epilepsy awareness"] = date(2026, 1, 6)
    training["st-eli"] = {}
    assert dict(section.training) == {"st-dee": {"first aid": date(2026, 1, 5)}}
    with pytest.raises(TypeError):
        section.training["st-dee"]["x"] = date(2026, 1, 1)  # type: ignore[index]
    assert hash(section) == hash(
        cr.OnboardingScenario(at=section.at, training={"st-dee": {"first aid": date(2026, 1, 5)}})
    )
    scenario = cr.Scenario(period=cr.Period(date(2026, 2, 1), date(2026, 2, 28)), onboarding=section)
    assert isinstance(hash(scenario), int)


#: Every shipped strategy that builds one domain object (not lists, labels or strategies needing arguments).
_OBJECT_STRATEGIES = [
    name
    for name in strategies.__all__
    if name
    not in {
        "amounts",
        "money",
        "durations",
        "instants",
        "shift_kinds",
        "interests",
        "traits",
        "local_dates",
        "local_times",
        "contact_kinds",
        "staff_teams",
        "waiting_lists",
        "cancellations",
        "record_of",
        "review_records",
        "session_records",
        "agreed_trainings",
        "completed_training",
        "contact_pairs",
        "weekly_patterns",
        "ready_to_start",
        "visit_groups",
    }
]


@pytest.mark.parametrize("name", _OBJECT_STRATEGIES)
@settings(max_examples=FUZZ_EXAMPLES * 2)
@given(data=st.data())
def test_every_shipped_object_is_immutable_all_the_way_down_and_hashes(name: str, data: st.DataObject) -> None:
    obj = data.draw(getattr(strategies, name)())
    assert attrs.has(type(obj))
    assert hash(obj) == hash(attrs.evolve(obj))
    for path, value in _walk(obj, type(obj).__name__):
        assert not isinstance(value, list | dict | set | bytearray), f"{path} is a mutable {type(value).__name__}"


def _walk(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    yield path, value
    if attrs.has(type(value)):
        for a in attrs.fields(type(value)):
            if a.eq:  # private caches (eq=False) are derived, not held data
                yield from _walk(getattr(value, a.name), f"{path}.{a.name}")
    elif isinstance(value, tuple | frozenset):
        for i, item in enumerate(value):
            yield from _walk(item, f"{path}[{i}]")
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _walk(item, f"{path}[{key!r}]")
