"""The command line never shows a traceback (issue 14): hostile files get one line on stderr and status 2,
nothing on stdout; a closed pipe exits quietly."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from carerules._cli import main

_EXAMPLE = resources.files("carerules.examples").joinpath("buddies-month.json").read_text(encoding="utf-8")


def _run_file(tmp_path: Path, raw: bytes, *flags: str) -> tuple[int, str, str]:
    path = tmp_path / "scenario.json"
    path.write_bytes(raw)
    out, err = io.StringIO(), io.StringIO()
    status = main([str(path), *flags], out, err)
    return status, out.getvalue(), err.getvalue()


def _with_period_tail(tail: str) -> bytes:
    """The bundled example with ``tail`` added as the last member of the top-level object."""
    return (_EXAMPLE.rstrip().removesuffix("}") + f", {tail}}}").encode()


HOSTILE = [
    pytest.param(b"[" * 5_000 + b"]" * 5_000, "nested more than", id="nested-5000"),
    pytest.param(b"[" * 100_000 + b"]" * 100_000, "nested more than", id="nested-100000"),
    pytest.param(b'{"period": ' * 70 + b"1" + b"}" * 70, "nested more than", id="objects-nested-70"),
    pytest.param(b'{"title": ' + b"9" * 5_000 + b"}", "integer of 5000 digits", id="huge-int"),
    pytest.param('{"title": "café"}'.encode("utf-16"), "UTF-16", id="utf-16"),
    pytest.param('{"title": "café"}'.encode("latin-1"), "not UTF-8", id="latin-1"),
    pytest.param(b'{"title": "\xff\xfe\xfd"}', "not UTF-8", id="stray-bytes"),
    pytest.param(b'{"title": "\\ud800"}', "lone surrogate", id="lone-surrogate"),
    pytest.param(b'{"title": NaN}', "NaN is not JSON", id="nan"),
    pytest.param(
        _with_period_tail('"sessions": []'), "$.sessions: key 'sessions' is given more than once", id="dup-key"
    ),
    pytest.param(b"", "not valid JSON", id="empty"),
    pytest.param(b"\x00\x01", "not valid JSON", id="binary"),
]


@pytest.mark.parametrize(("raw", "message"), HOSTILE)
@pytest.mark.parametrize("flags", [(), ("--json",)], ids=["text", "json"])
def test_a_hostile_file_gets_one_line_on_stderr_and_status_2(
    tmp_path: Path, raw: bytes, message: str, flags: tuple[str, ...]
) -> None:
    status, out, err = _run_file(tmp_path, raw, *flags)
    assert status == 2
    assert out == ""
    assert "Traceback" not in err
    assert err.count("\n") == 1
    assert err.startswith("carerules: ")
    assert message in err


def test_a_trailing_duplicate_key_no_longer_empties_the_invoices(tmp_path: Path) -> None:
    """A trailing ``"sessions": []`` used to win silently: invoices with no sessions, and exit 0."""
    status, out, err = _run_file(tmp_path, _with_period_tail('"sessions": []'))
    assert (status, out) == (2, "")
    assert "sessions" in err


def test_a_duplicate_key_deep_inside_is_named_by_its_path(tmp_path: Path) -> None:
    data = _EXAMPLE.replace('"id": "ben-m2",', '"id": "ben-m2", "id": "ben-m3",', 1)
    status, _, err = _run_file(tmp_path, data.encode())
    assert status == 2
    care = json.loads(_EXAMPLE)["care"]
    index = next(i for i, c in enumerate(care) if c["service_user"] == "su-ben")
    assert f"$.care[{index}].medication_events[1].id: key 'id' is given more than once" in err


def test_a_directory_or_missing_file_is_one_line_too(tmp_path: Path) -> None:
    for target in (tmp_path, tmp_path / "missing.json"):
        out, err = io.StringIO(), io.StringIO()
        assert main([str(target)], out, err) == 2
        assert out.getvalue() == ""
        assert "Traceback" not in err.getvalue()


def _pipe_into_closed_reader(*argv: str) -> subprocess.CompletedProcess[bytes]:
    """Run ``carerules ARGV`` writing into a pipe whose reader has already gone (like ``| head`` finishing)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "carerules", *argv],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": "src"},
            check=False,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize("argv", [("rules",), ("rules", "--markdown"), ("--json",), ()])
def test_a_closed_pipe_exits_quietly_with_status_141(argv: tuple[str, ...]) -> None:
    """``carerules rules | head`` used to end in a BrokenPipeError traceback."""
    result = _pipe_into_closed_reader(*argv)
    assert result.stderr == b""
    assert result.returncode == 141


def test_the_broken_pipe_status_is_141() -> None:
    class Closed(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError

    err = io.StringIO()
    assert main(["rules"], Closed(), err) == 141
    assert err.getvalue() == ""


def test_an_unexpected_error_is_one_line_with_status_70(monkeypatch: pytest.MonkeyPatch) -> None:
    import carerules._cli as cli

    def broken(*_: object, **__: object) -> str:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(cli, "render_text", broken)
    out, err = io.StringIO(), io.StringIO()
    assert main([], out, err) == 70
    assert out.getvalue() == ""
    assert err.getvalue() == "carerules: unexpected error, please report it: ZeroDivisionError: a bug\n"
