"""The carerules command: the bundled example, JSON output, and malformed files."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from decimal import Decimal
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


def test_bundled_example_prints_invoices_and_pay() -> None:
    status, out, err = run()
    assert status == 0, err
    assert "Invoice for su-amy" in out
    assert "Pay for st-dee" in out
    assert "illustrative" in out
    # The reasons a reader needs are there, in words: the minimum, a late cancellation, an unagreed expense,
    # and the clock change (local times, no offsets); their rule ids are for --explain.
    assert "1 h 30 min booked; charged as 2 h" in out
    assert "notice was 23 h: charged as booked" in out
    assert "ticket £8.50 not billed: no recorded agreement" in out
    assert "2027-03-27 22:00 to 2027-03-28 08:00 is 9 h of real time" in out
    for rule in ("charging.minimum-session", "cancellation.late", "expenses.not-agreed", "time.elapsed-duration"):
        assert rule not in out


def test_explain_shows_rule_ids_and_offsets() -> None:
    _, out, _ = run("--explain")
    for rule in ("charging.minimum-session", "cancellation.late", "expenses.not-agreed", "time.elapsed-duration"):
        assert f"[{rule}]" in out
    assert "2027-03-27 22:00 +00:00 to 2027-03-28 08:00 +01:00" in out


@pytest.mark.tz
def test_bundled_example_totals() -> None:
    status, out, _ = run("--json")
    assert status == 0
    report = json.loads(out)
    invoices = [from_data(i, cr.Invoice) for i in report["invoices"]]
    totals = {i.service_user: i.total for i in invoices}
    # su-amy: 6 x 2 h + a late cancellation (2 h) at 18.50, and 4 h on Good Friday at the illustrative 27.75.
    assert totals["su-amy"] == Decimal("370.00")
    # su-ben: 4 x 5 h (one a no-show) + the agreed 5.00 meal; the unagreed ticket is not billed.
    assert totals["su-ben"] == Decimal("375.00")
    # su-cal: sleeping nights at the illustrative 142.50 (Good Friday) and 95.00; 3 h on Easter Monday at the
    # illustrative 27.75; waking nights at the document's hourly 18.50 (Costings) on ordinary days: 9 h over the
    # spring change, and 7 h after midnight of a night that starts with 2 h on Easter Monday at the illustrative 28.50.
    assert totals["su-cal"] == Decimal("142.50") + Decimal("95.00") + 3 * Decimal("27.75") + 16 * Decimal(
        "18.50"
    ) + 2 * Decimal("28.50")
    assert totals["su-cal"] == Decimal("673.75")
    for invoice in invoices:
        assert invoice.total == sum((line.amount for line in invoice.lines), Decimal(0))


def test_explain_shows_every_reason() -> None:
    _, out, _ = run("--explain")
    assert "charging.hourly-rate" in out
    assert "money.round-line-half-up" in out


def write(tmp_path: Path, content: str) -> str:
    path = tmp_path / "scenario.json"
    path.write_text(content, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ('{"period": ', "line 1, column 12: not valid JSON"),
        ("[]", "$"),
        ('{"period": {"first": "2027-03-01"}}', "$.period.last"),
        ('{"period": {"first": "2027-03-01", "last": "2027-03-31"}, "sessions": [{"id": "a"}]}', "$.sessions[0]"),
        ('{"period": {"first": "2027-03-01", "last": "2027-03-31"}, "policy": {"base": "nope"}}', "policy.base"),
        ('{"period": {"first": "2027-03-01", "last": "2027-03-31"}, "surprise": 1}', "surprise"),
        (
            '{"period": {"first": "2027-03-01", "last": "2027-03-31"}, "sessions": [{"id": "a", "service_user": "u",'
            ' "start": "2027-03-26T10:00:00Z", "end": "2027-03-26T12:00:00Z"}]}',
            "bank-holiday rate",
        ),
    ],
)
def test_malformed_scenarios_exit_2_with_a_place_and_no_output(tmp_path: Path, content: str, fragment: str) -> None:
    status, out, err = run(write(tmp_path, content))
    assert status == 2
    assert out == ""
    assert fragment in err
    assert "Traceback" not in err


def test_bundled_example_round_trips() -> None:
    from importlib import resources

    from carerules.serialisation import to_data

    text = resources.files("carerules.examples").joinpath("buddies-month.json").read_text(encoding="utf-8")
    scenario = cr.load_scenario(json.loads(text))
    assert from_data(json.loads(json.dumps(to_data(scenario))), cr.Scenario) == scenario
    assert len(scenario.service_users()) == 3


def test_missing_file_exits_2() -> None:
    status, _, err = run("/no/such/file.json")
    assert status == 2
    assert "cannot read" in err


def test_rules_command_lists_every_rule() -> None:
    status, out, _ = run("rules")
    assert status == 0
    for rule in cr.all_rules():
        assert rule.id in out


def test_console_entry_points_run() -> None:
    src = str(Path(cr.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": src}
    result = subprocess.run(
        [sys.executable, "-m", "carerules", "--json"], capture_output=True, text=True, check=False, env=env
    )
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    assert len(data["invoices"]) == 3


def test_compliance_sees_the_medication_events_of_the_care_section() -> None:
    """One report must not call a record missing under care and say nothing under compliance."""
    status, out, _ = run()
    assert status == 0
    care, compliance = out.split("== Care boundaries ==")[1], out.split("== Onboarding and compliance ==")[1]
    missing = "inhaler-use at 2027-03-04 17:30 (ben-m2) is not on the medication record"
    assert missing in care.split("== Matching ==")[0]
    ben = compliance.split("su-ben:")[1].split("su-cal:")[0]
    assert f"medication-record-missing: {missing}" in ben
