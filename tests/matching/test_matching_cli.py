"""The matching part of scenario files and of the command-line report."""

from __future__ import annotations

import io
import json

import pytest

import carerules as cr
from carerules._cli import main
from carerules._matching._scenario import MatchingScenario
from carerules.serialisation import from_data, to_data


def _run(*args: str) -> str:
    out = io.StringIO()
    assert main(list(args), out=out, err=io.StringIO()) == 0
    return out.getvalue()


@pytest.mark.tz
def test_the_bundled_example_reports_suggestions_and_cover_options() -> None:
    text = _run()
    assert "== Matching ==" in text
    assert "su-dan: key worker st-gus (score 4; shares art, music, trains), spare st-hal" in text
    assert "amy-22 (preferred st-dee): st-dee has a recorded absence from 2027-03-22 to 2027-03-24" in text
    assert "other staff at the original time: st-gus (spare, score 1)" in text


@pytest.mark.tz
def test_the_json_report_carries_suggestions_and_cover() -> None:
    data = json.loads(_run("--json"))["matching"]
    matched = [m["match"] for m in data["suggestions"]["answer"]["matches"]]
    assert {"service_user": "su-dan", "key_worker": "st-gus", "spare": "st-hal"} in matched
    assert [c["answer"]["session_id"] for c in data["cover"]] == ["amy-22"]


def test_the_matching_scenario_round_trips_and_refuses_unknown_waiting_ids() -> None:
    scenario = cr.load_scenario(json.loads(_bundled()))
    assert from_data(to_data(scenario.matching), MatchingScenario) == scenario.matching
    with pytest.raises(cr.InvalidInput, match="su-nobody"):
        MatchingScenario(waiting=("su-nobody",))


def _bundled() -> str:
    from importlib import resources

    return resources.files("carerules.examples").joinpath("buddies-month.json").read_text(encoding="utf-8")
