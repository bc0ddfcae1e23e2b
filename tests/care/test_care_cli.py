"""The command line's care section: planned tasks, medication and contact, each with its reasons."""

from __future__ import annotations

import io
import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

import carerules as cr
from carerules._cli import main
from carerules.serialisation import from_data


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def example() -> dict[str, Any]:
    text = resources.files("carerules.examples").joinpath("buddies-month.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@pytest.mark.tz
def test_bundled_example_shows_each_care_decision_with_its_reasons() -> None:
    status, out, err = run("--explain")  # the rule ids; the default report gives the same reasons without them
    assert status == 0, err
    care = out[out.index("== Care boundaries ==") :]
    assert "task ben-wash: physical-assistance with washing or bathing" in care
    assert "personal-care (refuse and tell the CEO at once)" in care
    for rule in (
        "care.permitted.brushing-hair",
        "care.personal-care.unclear",
        "medication.prompt-form",
        "medication.administration-procedure",
        "medication.epilepsy-procedure",
        "medication.record-inhaler",
        "contact.plan-rules-out",
        "contact.not-assumed",
    ):
        assert rule in care
    assert "epilepsy procedure: MISSING" in care
    assert "missing: whether the person can decide to do toileting" in care
    # Help with lunch at a cafe: away from where the person is living, so unclear (ask), not "tell the CEO".
    assert "task amy-lunch: physical-assistance with eating or drinking (place elsewhere" in care
    assert "care.personal-care.physical-away-from-home" in care


@pytest.mark.tz
def test_json_report_carries_care_reports_that_load_back() -> None:
    """With --include-sensitive the JSON is a full export (the default redacts: tests/test_privacy.py)."""
    status, out, _ = run("--json", "--include-sensitive")
    assert status == 0
    reports = [from_data(r, cr.CareReport) for r in json.loads(out)["care"]]
    assert [r.service_user for r in reports] == ["su-amy", "su-ben"]
    ben = reports[1]
    assert [d.answer.value for d in ben.tasks.decisions] == ["personal-care", "permitted"]
    assert ben.records is not None
    assert [e.id for e in ben.records.answer.unrecorded] == ["ben-m2"]
    rows = ben.rows()
    assert rows[0]["answer"] == "personal-care"
    assert "<table>" in ben._repr_html_()


def test_care_cases_round_trip_through_the_scenario_format() -> None:
    cases = [from_data(c, cr.CareCase) for c in example()["care"]]
    from carerules.serialisation import to_data

    assert [from_data(to_data(c), cr.CareCase) for c in cases] == cases


@pytest.mark.parametrize(
    ("change", "place"),
    [
        (lambda c: c["tasks"][0].update(help="helping"), "$.care[0].tasks[0].help"),
        (lambda c: c["tasks"][0].update(activity="Juggling"), "$.care[0].tasks[0].activity: got 'Juggling'"),
        (lambda c: c["medication_file"].update(service_user="su-ben"), "$.care[0].medication_file.service_user"),
        (lambda c: c["medication_requests"][0].update(support="inhaler-use"), "$.care[0].medication_requests[0]"),
        pytest.param(lambda c: c.update(contacts="hug"), "$.care[0].contacts"),
    ],
)
def test_malformed_care_sections_are_refused_naming_the_place(tmp_path: Path, change: Any, place: str) -> None:
    data = example()
    change(data["care"][0])
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    status, out, err = run(str(path))
    assert status == 2
    assert out == ""
    assert place in err


def test_an_activity_the_policy_does_not_permit_is_refused_with_a_message(tmp_path: Path) -> None:
    data = example()
    data["care"][0]["tasks"][0]["activity"] = "applying-sun-cream"
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    status, out, err = run(str(path))
    assert status == 2
    assert out == ""
    assert "$.care[0].tasks[0].activity" in err
