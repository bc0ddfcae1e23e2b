"""The onboarding section of the command-line report and the bundled example."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from importlib import resources

import carerules as cr
from carerules._cli import main
from carerules._onboarding._scenario import OnboardingScenario
from carerules.serialisation import from_data, to_data


def run(*argv: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    assert main(list(argv), out, err) == 0, err.getvalue()
    return out.getvalue()


def test_the_bundled_example_shows_at_least_one_of_each_finding() -> None:
    text = run()
    assert "== Onboarding and compliance ==" in text
    for kind in cr.FindingKind:
        assert f"- {kind.value}" in text, kind
    assert "[medication.epilepsy-procedure]" in run("--explain")  # the default report has no rule ids
    assert "eligible from 2027-06-01" in text


def test_the_json_report_carries_findings_and_forecasts() -> None:
    report = json.loads(run("--json"))
    findings = from_data(report["onboarding"]["findings"], tuple[cr.Finding, ...])
    assert {f.kind for f in findings} == set(cr.FindingKind)
    forecasts = {f["contract"]: f for f in report["onboarding"]["forecasts"]}
    amy = from_data(forecasts["c-amy"]["invoice"], cr.Invoice)
    # 14 two-hour escorts in March 2027: 12 at 18.50 and Good Friday and Easter Monday at the illustrative 27.75.
    assert amy.total == Decimal("18.50") * 2 * 12 + Decimal("27.75") * 2 * 2
    assert forecasts["c-cal"]["problem"] is None


def test_the_bundled_onboarding_section_round_trips() -> None:
    text = resources.files("carerules.examples").joinpath("buddies-month.json").read_text(encoding="utf-8")
    section = from_data(json.loads(text)["onboarding"], OnboardingScenario)
    assert from_data(to_data(section), OnboardingScenario) == section
    assert len(section.files) == 4


def test_a_forecast_needing_a_missing_rate_is_reported_not_fatal(tmp_path: object) -> None:
    text = resources.files("carerules.examples").joinpath("buddies-month.json").read_text(encoding="utf-8")
    data = json.loads(text)
    data["policy"] = {"base": "buddies"}
    data["sessions"] = data["cancellations"] = data["expenses"] = data["expense_agreements"] = []
    path = __import__("pathlib").Path(str(tmp_path)) / "scenario.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out = run(str(path))
    # Under the built-in policy Good Friday and Easter Monday cannot be priced: the other 12 escorts are.
    amy = next(line for line in out.splitlines() if line.startswith("  c-amy "))
    assert f"14 session(s), £{Decimal('18.50') * 2 * 12} for the priced sessions only; INCOMPLETE:" in amy
    assert "2 session(s) not priced, needing the bank-holiday day rate (for 2027-03-26, 2027-03-29)" in amy
