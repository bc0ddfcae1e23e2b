"""The 1-2-1 part of scenario files and of the carerules report."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from carerules import CaseReport, OneToOneSection, SupportCase
from carerules._cli import main
from carerules._policy._files import builtin_text
from carerules.serialisation import from_data, to_data
from carerules.strategies import case_reports, one_to_one_sections, support_cases


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def _example() -> dict[str, Any]:
    status, out, err = run("--example", "one-to-one", "--json")
    assert status == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


@pytest.mark.tz
def test_bundled_one_to_one_example_shows_eligibility_dates_and_what_is_overdue() -> None:
    status, out, err = run("--example", "one-to-one")
    assert status == 0, err
    assert "== 1-2-1 Support ==" in out
    assert "== Invoices ==" not in out
    assert "Resident res-sam: eligible" in out
    assert "Resident res-ria: not eligible" in out
    assert "unmet: will-complete, one-to-one" in out
    assert "Resident res-lee: eligibility undetermined" in out
    # Local times without offsets in the default report (--explain shows them).
    assert "OVERDUE: review due 2026-10-29 14:00 (" in out
    assert "next session 2026-11-05 14:00;" in out
    assert "2026-10-26 18:00" in out  # after the clocks went back, still 18:00 local
    _, explained, _ = run("--example", "one-to-one", "--explain")
    assert "OVERDUE: review due 2026-10-29 14:00 +00:00" in explained
    assert "2026-10-26 18:00 +00:00" in explained


@pytest.mark.tz
def test_the_bundled_example_flags_a_twice_weekly_plan_whose_resident_is_not_found_eligible() -> None:
    """Issue 15: res-lee's plan meets twice a week, has a goal outside the example areas and a requested refresher."""
    status, out, err = run("--example", "one-to-one")
    assert status == 0, err
    lee = out[out.index("Resident res-lee") :]
    assert "  plan: twice weekly on Tuesdays at 10:30 and Fridays at 15:00 with wk-jo; reviews every 4 weeks" in lee
    assert (
        "  FLAGGED: a plan is in place but res-lee's eligibility is undetermined "
        "(not recorded: one-to-one, will-use-skills)"
    ) in lee
    assert "  refreshers: 2026-11-04 10:30 (g-bus)" in lee
    assert "next session 2026-11-03 10:30;" in lee
    assert "FLAGGED" not in out[: out.index("Resident res-lee")]
    _, explained, _ = run("--example", "one-to-one", "--explain")
    assert "[one-to-one.goals.area] goal 'g-cook' is in 'Daily living', not one of the document's example areas" in (
        explained
    )
    assert "[one-to-one.refreshers.on-request] refresher for goal 'g-bus' requested on 2026-10-28" in explained
    assert "[one-to-one.plan.bi-weekly] twice weekly" in explained


@pytest.mark.tz
def test_bundled_one_to_one_example_as_json_round_trips() -> None:
    reports = [from_data(c, CaseReport) for c in _example()["one_to_one"]]
    assert [r.resident for r in reports] == ["res-sam", "res-kim", "res-ria", "res-lee"]
    sam = reports[0]
    assert sam.status is not None
    assert sam.status.answer.attendance.missed_in_a_row == 2
    assert [None if r.status is None else r.status.answer.eligibility_confirmed for r in reports] == [
        True,
        True,
        None,
        False,
    ]
    assert [r.eligibility.answer.eligible for r in reports] == [True, True, False, None]


def test_explain_adds_the_reasons() -> None:
    _, out, _ = run("--example", "one-to-one", "--explain")
    assert "[one-to-one.reviews.overdue]" in out
    assert "[one-to-one.eligibility.all-criteria]" in out
    assert "[one-to-one.plan.eligibility]" in out


def test_buddies_report_has_no_one_to_one_section() -> None:
    status, out, _ = run()
    assert status == 0
    assert "1-2-1" not in out


def _write(tmp_path: Path, data: dict[str, Any]) -> str:
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def _broken(change: str) -> dict[str, Any]:
    data = _example_input()
    case = data["one_to_one"]["cases"][0]
    if change == "area":
        case["plan"]["goals"][0]["area"] = "Housing"
        policy = json.loads(builtin_text("one-to-one"))
        policy["one_to_one"]["only_listed_areas"] = True
        data["policy"] = {"custom": policy}
    elif change == "refreshers":
        case["plan"]["refreshers"] = {"count": 2, "every_weeks": 4}
    elif change == "request":
        case["plan"]["refresher_requests"] = [{"goal": "g-nowhere", "requested_on": "2026-10-20"}]
    elif change == "resident":
        case["plan"]["resident"] = "res-someone-else"
    elif change == "policy":
        data["policy"] = {"base": "buddies"}
    elif change == "cadence":
        case["plan"]["every_weeks"] = 3
    elif change == "skipped-hour":  # a wall time is read in the policy's zone, but 01:30 never happens that night
        data["one_to_one"]["as_of"] = "2027-03-28T01:30:00"
    return data


def _example_input() -> dict[str, Any]:
    path = Path(__file__).parents[2] / "src" / "carerules" / "examples" / "one-to-one-residents.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ("area", "$.one_to_one.cases[0].plan.goals[0].area: got 'Housing'"),
        ("resident", "plan.resident"),
        ("policy", "$.policy: policy.one_to_one"),
        ("cadence", "$.one_to_one.cases[0].plan.every_weeks: got 3"),
        (
            "refreshers",
            "$.one_to_one.cases[0].plan.refreshers: got {'count': 2, 'every_weeks': 4}; "
            "expected none: this policy offers refreshers only when requested",
        ),
        ("request", "plan.refresher_requests[0].goal: got 'g-nowhere'"),
        ("skipped-hour", "$.one_to_one.as_of: datetime: got '2027-03-28T01:30:00'"),
    ],
)
def test_bad_one_to_one_scenarios_exit_2_naming_the_problem(tmp_path: Path, change: str, fragment: str) -> None:
    status, out, err = run(_write(tmp_path, _broken(change)))
    assert status == 2
    assert out == ""
    assert fragment in err
    assert "Traceback" not in err


@settings(max_examples=40)
@given(support_cases())
def test_support_cases_round_trip(case: SupportCase) -> None:
    assert from_data(to_data(case), SupportCase) == case


@settings(max_examples=40)
@given(one_to_one_sections())
def test_one_to_one_sections_round_trip(section: OneToOneSection) -> None:
    assert from_data(to_data(section), OneToOneSection) == section


@settings(max_examples=40)
@given(case_reports())
def test_case_reports_round_trip(report: CaseReport) -> None:
    assert from_data(to_data(report), CaseReport) == report
