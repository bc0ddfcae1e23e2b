"""Progress on large scenario files: on a terminal's stderr only, never on stdout, never when piped."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from carerules._cli import main
from carerules._progress import LARGE_SCENARIO, Progress, progress_for


class Terminal(io.StringIO):
    """A stream that says it is a terminal, standing in for an interactive stderr."""

    def isatty(self) -> bool:
        return True


class Broken(io.StringIO):
    """A stream whose terminal check fails, as a closed one's does."""

    def isatty(self) -> bool:
        raise ValueError("I/O operation on closed file")


def large_scenario(sessions: int) -> dict[str, Any]:
    """``sessions`` two-hour day sessions in early 2027 for 7 Service Users and 5 staff."""
    london = ZoneInfo("Europe/London")
    rows = []
    for i in range(sessions):
        start = datetime(2027, 1, 4, 8 + (i % 4) * 3, tzinfo=london) + timedelta(days=i // 4)
        rows.append(
            {
                "id": f"s{i}",
                "service_user": f"su-{i % 7}",
                "staff": f"st-{i % 5}",
                "start": start.isoformat(),
                "end": (start + timedelta(hours=2)).isoformat(),
            }
        )
    rate = {"kind": "day", "bank_holiday": True, "amount": "27.75", "effective_from": "2000-01-01"}
    return {
        "period": {"first": "2027-01-01", "last": "2027-06-30"},
        "policy": {"base": "buddies", "rates": [rate]},
        "sessions": rows,
    }


@pytest.fixture(scope="module")
def large_file(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("large") / "large.json"
    path.write_text(json.dumps(large_scenario(LARGE_SCENARIO)), encoding="utf-8")
    return str(path)


def run(argv: list[str], err: io.StringIO) -> tuple[int, str]:
    out = io.StringIO()
    status = main(argv, out, err)
    return status, out.getvalue()


def test_a_large_file_on_a_terminal_shows_one_line_per_section_with_counts(large_file: str) -> None:
    err = Terminal()
    status, out = run([large_file, "--json"], err)
    assert status == 0
    lines = err.getvalue().split("\n")
    finished = [line.rsplit("\r", 1)[-1] for line in lines if line]
    assert finished == [
        "carerules: invoices 7/7",
        "carerules: staff pay 5/5",
        f"carerules: matching and cover {LARGE_SCENARIO}/{LARGE_SCENARIO}",
    ]
    assert "\rcarerules: invoices 3/7" in err.getvalue()
    # stdout holds the JSON report and nothing else.
    assert len(json.loads(out)["invoices"]) == 7


def test_a_large_file_piped_shows_no_progress(large_file: str) -> None:
    err = io.StringIO()
    status, out = run([large_file, "--json"], err)
    assert status == 0
    assert err.getvalue() == ""
    assert len(json.loads(out)["invoices"]) == 7


def test_the_report_is_the_same_with_and_without_progress(large_file: str) -> None:
    assert run([large_file], Terminal())[1] == run([large_file], io.StringIO())[1]


def test_a_small_file_on_a_terminal_shows_no_progress() -> None:
    err = Terminal()
    status, _ = run([], err)
    assert status == 0
    assert err.getvalue() == ""


def test_an_error_after_progress_starts_on_a_fresh_line(tmp_path: Path) -> None:
    data = large_scenario(LARGE_SCENARIO)
    data["cancellations"] = [{"session_id": "s-nowhere", "cancelled_by": "family"}]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    err = Terminal()
    status, out = run([str(path)], err)
    assert status == 2
    assert out == ""
    progress, message, end = err.getvalue().split("\n")
    assert progress == "\rcarerules: invoices 0/7"
    assert message.startswith("carerules: ")
    assert end == ""
    assert "$.cancellations[0].session_id: got 's-nowhere'" in message


def test_progress_for_needs_both_a_terminal_and_a_large_file() -> None:
    assert progress_for(Terminal(), 10, large=10).shown
    assert not progress_for(Terminal(), 9, large=10).shown
    assert not progress_for(io.StringIO(), 10_000, large=10).shown
    assert not progress_for(Broken(), 10_000, large=10).shown


def test_progress_redraws_in_place_and_ends_each_section_with_a_newline() -> None:
    stream = Terminal()
    progress = Progress(stream)
    assert list(progress.each("cases", ["a", "b", "c"])) == ["a", "b", "c"]
    assert list(progress.each("empty", [])) == []
    progress.done("matching", 0)
    assert stream.getvalue() == (
        "\rcarerules: cases 0/3\rcarerules: cases 1/3\rcarerules: cases 2/3\rcarerules: cases 3/3\n"
    )


def test_progress_redraws_at_most_about_fifty_times() -> None:
    stream = Terminal()
    assert sum(1 for _ in Progress(stream).each("sessions", range(10_000))) == 10_000
    assert stream.getvalue().count("\r") <= 52


def test_close_ends_a_line_left_open_and_only_then() -> None:
    stream = Terminal()
    progress = Progress(stream)
    items = progress.each("cases", [1, 2])
    next(items)
    progress.close()
    assert stream.getvalue() == "\rcarerules: cases 0/2\n"
    progress.close()
    assert stream.getvalue() == "\rcarerules: cases 0/2\n"


def test_a_silent_progress_writes_nothing_and_still_yields_everything() -> None:
    progress = Progress(None)
    assert list(progress.each("cases", [1, 2, 3])) == [1, 2, 3]
    progress.done("matching", 5)
    progress.close()
    assert not progress.shown
