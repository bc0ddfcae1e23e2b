"""Errors found while the report is evaluated name their place in the scenario file, like parse errors do.

A file can be well formed and still hold something the policy refuses (a
care activity it does not know, a 1-2-1 area it does not list, a
cancellation of a session that is not there). The command must name the
place as a JSON path, exit 2 without a traceback, and print nothing on
standard output: never a partly built report.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import carerules as cr
from carerules._cli import build_report, main
from carerules._locate import Locator, format_path, parse_field
from tests.test_cli_fuzz import ALL_PATHS

Change = Callable[[dict[str, Any]], None]


def example(name: str = "buddies-month.json") -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resources.files("carerules.examples").joinpath(name).read_text(encoding="utf-8"))
    return data


def run_changed(tmp_path: Path, change: Change, name: str = "buddies-month.json", *flags: str) -> tuple[int, str, str]:
    data = example(name)
    change(data)
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    status = main([str(path), *flags], out, err)
    return status, out.getvalue(), err.getvalue()


def _set(path: tuple[Any, ...], value: Any) -> Change:
    def change(data: dict[str, Any]) -> None:
        target = data
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return change


BUDDIES_CASES = [
    pytest.param(
        _set(("care", 0, "tasks", 2, "activity"), "juggling"),
        "$.care[0].tasks[2].activity: got 'juggling'; expected a built-in activity",
        id="care-activity",
    ),
    pytest.param(
        _set(("care", 1, "tasks", 0, "activity"), "applying-sun-cream"),
        "$.care[1].tasks[0].activity: got 'applying-sun-cream'",
        id="care-activity-second-case",
    ),
    pytest.param(
        _set(("cancellations", 2, "session_id"), "amy-99"),
        "$.cancellations[2].session_id: got 'amy-99'; expected the id of a listed session",
        id="cancelled-session-not-listed",
    ),
    pytest.param(
        _set(("sessions", 3, "id"), "amy-01"),
        "$.sessions[3].id: got 'amy-01'; expected session ids that are unique",
        id="duplicate-session-id-names-the-later",
    ),
    pytest.param(
        _set(("policy",), {"base": "buddies"}),
        "$.policy: policy 'buddies' has no bank-holiday rate for shift kind 'day'",
        id="missing-rate",
    ),
    pytest.param(
        _set(("onboarding", "files", 2, "date_of_birth"), "2027-03-30"),
        "$.onboarding.files[2].date_of_birth: got <redacted, 10 chars>; expected a date on or before the first session",
        id="born-after-first-session",
    ),
    pytest.param(
        _set(("onboarding", "contracts", 1, "service_user"), "su-zed"),
        "$.onboarding.contracts[1].service_user: got 'su-zed'; expected contracts only for Service Users with a",
        id="contract-without-file",
    ),
    pytest.param(
        _set(("onboarding", "medication", 0, "service_user"), "su-zed"),
        "$.onboarding.medication[0].service_user: got 'su-zed'",
        id="medication-log-without-file",
    ),
    pytest.param(
        # Issue 18: this pointed at $.onboarding, the whole section the step read.
        _set(("period", "last"), "9999-12-30"),
        "$.period.last: got '9999-12-30'; expected a date in 1971..2100, the years this calendar covers",
        id="period-past-the-calendar",
    ),
    pytest.param(
        # Issue 18: this pointed at a welcome-meeting attendee whose name happened to equal the refused id.
        _set(("onboarding", "files", 0, "service_user"), "su-new"),
        "$.onboarding.contracts[0].service_user: got 'su-amy'; expected contracts only for Service Users with a",
        id="contract-whose-file-was-renamed",
    ),
    pytest.param(
        # Issue 18: this pointed at the first of the two files, not the one that repeats it.
        _set(("onboarding", "files", 1, "service_user"), "su-amy"),
        "$.onboarding.files[1].service_user: got 'su-amy'; expected one personal file per Service User",
        id="second-file-for-one-person",
    ),
    pytest.param(
        _set(("onboarding", "files", 1, "service_plan", "care_needs", 0, "task", "activity"), "juggling"),
        "$.onboarding.files[1].service_plan.care_needs[0].task.activity: got 'juggling'",
        id="care-need-activity-in-a-file",
    ),
]


@pytest.mark.parametrize(("change", "message"), BUDDIES_CASES)
@pytest.mark.parametrize("flags", [(), ("--json",)], ids=["text", "json"])
def test_evaluation_errors_name_their_place_exit_2_and_print_nothing(
    tmp_path: Path, change: Change, message: str, flags: tuple[str, ...]
) -> None:
    status, out, err = run_changed(tmp_path, change, "buddies-month.json", *flags)
    assert status == 2
    assert out == ""
    assert err.startswith("carerules: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err
    assert message in err


ONE_TO_ONE_CASES = [
    pytest.param(
        # Issue 15: a goal outside the example areas is accepted; refreshers after every goal are not.
        _set(("one_to_one", "cases", 1, "plan", "refreshers"), {"count": 2, "every_weeks": 4}),
        "$.one_to_one.cases[1].plan.refreshers: got {'count': 2, 'every_weeks': 4}; expected none",
        id="automatic-refreshers",
    ),
    pytest.param(
        _set(("one_to_one", "cases", 1, "plan", "every_weeks"), 3),
        "$.one_to_one.cases[1].plan.every_weeks: got 3; expected a cadence the policy allows",
        id="cadence",
    ),
    pytest.param(
        _set(("one_to_one", "cases", 0, "sessions", 4, "scheduled"), "2026-10-02T14:00:00+01:00[Europe/London]"),
        "$.one_to_one.cases[0].sessions[4].scheduled: got '2026-10-02T14:00:00+01:00[Europe/London]'",
        id="session-off-the-plan",
    ),
    pytest.param(
        _set(("one_to_one", "cases", 1, "plan", "starts_on"), "9999-12-30"),
        "$.one_to_one.cases[1].plan.starts_on: got '9999-12-30'",
        id="plan-starting-at-the-end-of-time",
    ),
    pytest.param(
        _set(("one_to_one", "as_of"), "9999-12-31T10:00:00+00:00"),
        # Refused as the file is read: no instant within a day of datetime's range is accepted.
        "$.one_to_one.as_of: datetime: got '9999-12-31T10:00:00+00:00'; expected an instant between",
        id="status-at-the-end-of-time",
    ),
    pytest.param(
        _set(("policy",), {"base": "buddies"}),
        "$.policy: policy.one_to_one: got None; expected 1-2-1 Support terms",
        id="policy-without-one-to-one-terms",
    ),
]


@pytest.mark.parametrize(("change", "message"), ONE_TO_ONE_CASES)
def test_one_to_one_evaluation_errors_name_their_place(tmp_path: Path, change: Change, message: str) -> None:
    status, out, err = run_changed(tmp_path, change, "one-to-one-residents.json", "--json")
    assert status == 2
    assert out == ""
    assert "Traceback" not in err
    assert message in err


def test_an_error_in_the_last_section_leaves_no_partial_report(tmp_path: Path) -> None:
    """Invoices, pay, care and matching are built before onboarding fails: none of them is printed."""
    status, out, err = run_changed(tmp_path, _set(("onboarding", "contracts", 3, "service_user"), "su-zed"))
    assert status == 2
    assert out == ""
    assert "$.onboarding.contracts[3].service_user" in err


def test_build_report_locates_errors_without_the_file_data() -> None:
    """Called from Python with only a Scenario, the path is read from the scenario converted back."""
    data = example()
    data["care"][1]["tasks"][1]["activity"] = "juggling"
    with pytest.raises(cr.ScenarioError) as caught:
        build_report(cr.load_scenario(data))
    assert caught.value.path == "$.care[1].tasks[1].activity"
    assert isinstance(caught.value, cr.InvalidInput)


def test_paths_print_and_parse_the_same_way() -> None:
    path = ("onboarding", "training", "st-dee", "first aid", 0)
    assert format_path(path) == '$.onboarding.training["st-dee"]["first aid"][0]'
    assert parse_field(format_path(path)) == path
    assert parse_field("plan.goals[0].area") == ("plan", "goals", 0, "area")
    assert parse_field("staff[st-dee].training") == ("staff", "st-dee", "training")


def test_an_error_naming_no_object_the_step_knows_falls_back_to_the_step_home() -> None:
    locator = Locator({"care": [{"tasks": []}]})
    error = locator.locate(cr.InvalidInput("task.activity", "juggling", "a known activity"), home="$.care[0]")
    assert error.path == "$.care[0]"
    assert str(error) == "$.care[0]: task.activity: got 'juggling'; expected a known activity"


def test_other_library_errors_are_placed_at_the_step_home() -> None:
    locator = Locator({"matching": {}})
    error = locator.locate(cr.RuleConflict("a.b", ("a.c", "a.d")), home="$.matching")
    assert error.path == "$.matching"
    assert "exceptions a.c, a.d" in error.message


def _loaded(data: dict[str, Any]) -> tuple[Locator, cr.Scenario]:
    scenario = cr.load_scenario(data)
    return Locator(data, scenario), scenario


def test_the_subject_of_an_error_is_placed_where_it_was_read_not_where_an_equal_value_is() -> None:
    """Two sessions with equal fields: the error about the second is placed at the second, by identity."""
    data = example()
    data["sessions"][4] = dict(data["sessions"][3], id="twin")
    data["sessions"][5] = dict(data["sessions"][3], id="twin")
    locator, scenario = _loaded(data)
    later = scenario.sessions[5]
    error = locator.locate(cr.InvalidInput("sessions", "twin", "unique ids", at=(later, "id")), home="$.sessions")
    assert error.path == "$.sessions[5].id"
    assert error.message == "got 'twin'; expected unique ids"


def test_an_object_derived_from_one_read_is_placed_where_the_original_was_read() -> None:
    data = example()
    locator, scenario = _loaded(data)
    assert scenario.onboarding is not None
    original = scenario.onboarding.files[2]
    copy = attrs.evolve(original)
    assert locator.place_of(copy) is None
    locator.same(copy, original)
    assert locator.place_of(copy) == ("onboarding", "files", 2)
    error = locator.locate(cr.InvalidInput("file.service_user", "x", "y", at=(copy, "service_user")))
    assert error.path == "$.onboarding.files[2].service_user"


def test_a_field_is_followed_through_the_step_objects_and_re_anchored_on_the_way() -> None:
    data = example("one-to-one-residents.json")
    locator, scenario = _loaded(data)
    assert scenario.one_to_one is not None
    case = scenario.one_to_one.cases[1]
    error = locator.locate(cr.InvalidInput("plan.every_weeks", 9, "a cadence"), [case], home="$.one_to_one")
    assert error.path == "$.one_to_one.cases[1].plan.every_weeks"
    # A field the file leaves out (a default) is placed at the object that holds it, with the library's message.
    missing = locator.locate(cr.InvalidInput("plan.no_such_field", 9, "a thing"), [case], home="$.one_to_one")
    assert missing.path == "$.one_to_one.cases[1].plan"
    assert missing.message == "plan.no_such_field: got 9; expected a thing"


def test_an_object_not_read_from_the_data_is_never_given_a_place() -> None:
    """The walk pairs objects with data item by item; one whose text fields disagree with its data is not placed."""
    data = example()
    scenario = cr.load_scenario(data)
    data["sessions"][0]["id"] = "someone-else"
    locator = Locator(data, scenario)
    assert locator.place_of(scenario.sessions[0]) is None
    assert locator.place_of(scenario.sessions[1]) == ("sessions", 1)


PLAUSIBLE = ["juggling", "2027-03-31", "9999-12-30", "1900-01-01", "st-zed", "su-amy", "amy-01", 99, 0]


@settings(max_examples=120, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(ALL_PATHS), st.sampled_from(PLAUSIBLE))
def test_any_refusal_of_a_well_formed_value_names_a_json_path(
    tmp_path: Path, path: tuple[Any, ...], value: Any
) -> None:
    """Plausible but wrong values anywhere in the example: a report, or one line naming a place in the file."""
    status, out, err = run_changed(tmp_path, _set(path, value))
    assert status in (0, 2)
    assert "Traceback" not in err
    if status == 2:
        assert out == ""
        assert err.count("\n") == 1
        assert ": $" in err, err


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param(
            _set(("sessions", 2, "end"), "2027-03-05T07:00:00+00:00[Europe/London]"),
            "$.sessions[2].end: got 2027-03-05T07:00:00+00:00 (Europe/London); expected an instant after",
            id="session-ending-before-it-starts",
        ),
        pytest.param(
            _set(("care", 1, "medication_file", "service_user"), "su-amy"),
            "$.care[1].medication_file.service_user: got 'su-amy'; expected 'su-ben', whose case this is",
            id="care-file-of-someone-else",
        ),
        pytest.param(
            _set(("matching", "staff", 0, "absences", 0, "last"), "2027-03-01"),
            "$.matching.staff[0].absences[0].last: got 2027-03-01; expected a date on or after absence.first",
            id="absence-ending-before-it-starts",
        ),
    ],
)
def test_parse_errors_from_objects_checking_fields_together_name_the_field(
    tmp_path: Path, change: Change, message: str
) -> None:
    status, out, err = run_changed(tmp_path, change)
    assert status == 2
    assert out == ""
    assert message in err
