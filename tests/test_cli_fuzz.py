"""The command line never crashes: any scenario file gives a report or one clear message and exit 2."""

from __future__ import annotations

import io
import json
from importlib import resources
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carerules._cli import main

EXAMPLE: dict[str, Any] = json.loads(
    resources.files("carerules.examples").joinpath("buddies-month.json").read_text(encoding="utf-8")
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


def run_file(path: Path, content: str) -> tuple[int, str, str]:
    path.write_text(content, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    status = main([str(path)], out, err)
    return status, out.getvalue(), err.getvalue()


def check(status: int, out: str, err: str) -> None:
    assert status in (0, 2)
    assert "Traceback" not in err
    if status == 2:
        assert out == ""
        assert err.startswith("carerules: ")
        assert err.count("\n") == 1
    else:
        assert err == ""


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(_paths(value, (*prefix, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.extend(_paths(value, (*prefix, index)))
    return found


ALL_PATHS = _paths(EXAMPLE)[1:]


def _replace(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    copy = json.loads(json.dumps(data))
    target = copy
    for step in path[:-1]:
        target = target[step]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return copy


_DELETE = object()


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(ALL_PATHS), st.one_of(json_values, st.just(_DELETE)))
def test_one_field_changed_or_removed_anywhere(tmp_path: Path, path: tuple[Any, ...], value: Any) -> None:
    check(*run_file(tmp_path / "s.json", json.dumps(_replace(EXAMPLE, path, value))))


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(json_values)
def test_arbitrary_json_documents(tmp_path: Path, value: Any) -> None:
    check(*run_file(tmp_path / "s.json", json.dumps(value)))


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200))
def test_arbitrary_text(tmp_path: Path, text: str) -> None:
    check(*run_file(tmp_path / "s.json", text))


def test_extra_field_is_named(tmp_path: Path) -> None:
    status, _, err = run_file(tmp_path / "s.json", json.dumps({**EXAMPLE, "sesions": []}))
    assert status == 2
    assert "sesions" in err


def test_a_large_scenario_still_runs(tmp_path: Path) -> None:
    big = json.loads(json.dumps(EXAMPLE))
    template = big["sessions"][0]
    big["sessions"] = [{**template, "id": f"amy-{i}"} for i in range(3000)]
    big["cancellations"] = []
    status, out, err = run_file(tmp_path / "big.json", json.dumps(big))
    assert status == 0, err
    assert out.count("08:00-10:00 day, 2 h") == 3000
