"""The report's readiness check uses the matching section's people: pair validity and capacity, staff training."""

from __future__ import annotations

import io
import json
from datetime import date
from importlib import resources
from typing import Any

import pytest

import carerules as cr
from carerules._cli import main
from carerules._onboarding._scenario import OnboardingScenario, build_onboarding_section, staff_readiness
from carerules._scenario import load_scenario

CAPACITY = "matching.capacity"
PRE_START = "onboarding.pre-start-training"


def example() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resources.files("carerules.examples").joinpath("buddies-month.json").read_text(encoding="utf-8")
    )
    return data


def dan_findings(data: dict[str, Any]) -> tuple[cr.Finding, ...]:
    scenario = load_scenario(data)
    assert scenario.onboarding is not None
    policy = scenario.policy.resolve()
    section = build_onboarding_section(scenario.onboarding, policy, scenario.period, people=scenario.matching)
    return section.compliance.for_service_user("su-dan")


def test_the_bundled_example_cites_the_key_workers_capacity_for_su_dan() -> None:
    """st-fay is already key worker for su-cal, a key capacity of 1: su-dan's draft contract cannot start."""
    out, err = io.StringIO(), io.StringIO()
    assert main(["--explain"], out, err) == 0, err.getvalue()  # with the rule ids the findings cite
    compliance = out.getvalue().split("== Onboarding and compliance ==")[1]
    dan = compliance.split("  su-dan:")[1].split("== Contract forecasts ==")[0]
    assert f"st-fay is already key worker for 1 Service User(s), their capacity as key worker is 1 [{CAPACITY}]" in dan
    assert "[onboarding.key-worker-and-spare]" in dan


def test_the_json_report_carries_the_capacity_finding() -> None:
    out = io.StringIO()
    assert main(["--json"], out, io.StringIO()) == 0
    findings = json.loads(out.getvalue())["onboarding"]["findings"]
    dan = [f for f in findings if f["service_user"] == "su-dan" and f["kind"] == "not-ready"]
    assert any(CAPACITY in f["detail"] for f in dan)


def test_without_the_staff_in_the_matching_section_readiness_uses_the_training_records_alone() -> None:
    data = example()
    data["matching"] = {}
    findings = dan_findings(data)
    assert not any(CAPACITY in f.detail for f in findings)
    assert any(f.rule_id == PRE_START for f in findings)


def test_a_spare_key_capacity_makes_the_pair_valid() -> None:
    data = example()
    fay = next(s for s in data["matching"]["staff"] if s["id"] == "st-fay")
    fay["key_capacity"] = 2
    assert not any(CAPACITY in f.detail for f in dan_findings(data))


@pytest.mark.parametrize("where", ["matching", "onboarding"])
def test_training_counts_from_either_the_staff_records_or_the_onboarding_section(where: str) -> None:
    """One report must not call training done in one section and missing in another."""
    data = example()
    for who in ("st-fay", "st-hal"):
        if where == "matching":
            staff = next(s for s in data["matching"]["staff"] if s["id"] == who)
            staff.setdefault("training", []).append({"course": "epilepsy awareness", "completed_on": "2027-04-01"})
        else:
            data["onboarding"]["training"].setdefault(who, {})["epilepsy awareness"] = "2027-04-01"
    assert not any(f.rule_id == PRE_START for f in dan_findings(data))


def test_training_completed_after_the_first_session_does_not_count() -> None:
    data = example()
    for who in ("st-fay", "st-hal"):
        data["onboarding"]["training"].setdefault(who, {})["epilepsy awareness"] = "2027-04-13"
    assert any(f.rule_id == PRE_START for f in dan_findings(data))


def test_staff_readiness_covers_only_files_whose_people_are_listed() -> None:
    scenario = load_scenario(example())
    assert scenario.onboarding is not None
    policy = scenario.policy.resolve()
    decided = staff_readiness(scenario.onboarding, policy, scenario.matching)
    # Every file has a contract and a listed user and staff; su-dan's pair fails on capacity.
    assert set(decided) == {"su-amy", "su-ben", "su-cal", "su-dan"}
    assert CAPACITY in decided["su-dan"].rule_ids
    assert not decided["su-dan"].answer.ready
    assert CAPACITY not in decided["su-amy"].rule_ids


def test_compliance_report_refuses_readiness_for_someone_without_a_file() -> None:
    scenario = load_scenario(example())
    section: OnboardingScenario | None = scenario.onboarding
    assert section is not None
    policy = scenario.policy.resolve()
    decided = staff_readiness(section, policy, scenario.matching)
    with pytest.raises(cr.InvalidInput, match="readiness"):
        cr.compliance_report(policy, section.at, files=section.files[:1], readiness={"su-ben": decided["su-ben"]})


def test_a_readiness_decision_given_replaces_the_training_only_check() -> None:
    scenario = load_scenario(example())
    section = scenario.onboarding
    assert section is not None
    policy = scenario.policy.resolve()
    dan = next(f for f in section.files if f.service_user == "su-dan")
    contract = next(c for c in section.contracts if c.service_user == "su-dan")
    decided = staff_readiness(section, policy, scenario.matching)["su-dan"]
    plain = cr.service_user_findings(dan, policy, section.at, contract=contract, training={})
    given = cr.service_user_findings(dan, policy, section.at, contract=contract, training={}, readiness=decided)
    assert not any(CAPACITY in f.detail for f in plain)
    assert any(CAPACITY in f.detail for f in given)
    assert date(2027, 4, 12) == dan.first_session
