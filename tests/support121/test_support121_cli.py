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
    assert "OVERDUE: review due 2026-10-29 14:00 +00:00" in out
    assert "next session 2026-11-05 14:00 +00:00" in out
    assert "2026-10-26 18:00 +00:00" in out  # after the clocks went back, still 18:00 local


@pytest.mark.tz
def test_bundled_one_to_one_example_as_json_round_trips() -> None:
    reports = [from_data(c, CaseReport) for c in _example()["one_to_one"]]
    assert [r.resident for r in reports] == ["res-sam", "res-kim", "res-ria", "res-lee"]
    sam = reports[0]
    assert sam.status is not None
    assert sam.status.answer.attendance.missed_in_a_row == 2
    assert [r.eligibility.answer.eligible for r in reports] == [True, True, False, None]


def test_explain_adds_the_reasons() -> None:
    _, out, _ = run("--example", "one-to-one", "--explain")
    assert "[one-to-one.reviews.overdue]" in out
    assert "[one-to-one.eligibility.all-criteria]" in out


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
    elif change == "resident":
        case["plan"]["resident"] = "res-someone-else"
    elif change == "policy":
        data["policy"] = {"base": "buddies"}
    elif change == "cadence":
        case["plan"]["every_weeks"] = 3
    elif change == "naive":
        data["one_to_one"]["as_of"] = "2026-11-02T09:00:00"
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
        ("naive", "$.one_to_one.as_of"),
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
