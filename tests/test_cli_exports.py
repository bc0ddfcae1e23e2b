"""The command's exports and filter (issue 18): --csv DIR, --service-user ID, --html DIR."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from carerules._cli import main
from carerules._cli_export import CSV_COLUMNS, invoice_file_names

HOSTILE = "<img src=x onerror=alert(1)>"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_csv_writes_the_four_files_with_their_documented_columns(tmp_path: Path) -> None:
    status, out, err = run("--csv", str(tmp_path))
    assert status == 0, err
    assert "Invoice for su-amy" in out  # the report is still printed
    for name, columns in CSV_COLUMNS.items():
        header, rows = read_csv(tmp_path / f"{name}.csv")
        assert tuple(header) == columns
        assert rows, name


def test_csv_money_is_exact_and_adds_up_to_the_invoices_in_the_json_report(tmp_path: Path) -> None:
    assert run("--csv", str(tmp_path))[0] == 0
    report = json.loads(run("--json")[1])
    totals = {i["service_user"]: Decimal(i["total"]) for i in report["invoices"]}
    _, rows = read_csv(tmp_path / "invoices.csv")
    for su, total in totals.items():
        mine = [r for r in rows if r["service_user"] == su]
        assert {Decimal(r["invoice_total"]) for r in mine} == {total}
        assert sum(Decimal(r["amount"]) for r in mine if r["billed"] == "yes") == total
        # Exact decimal strings in the currency's units, never floats or formatted money.
        assert all(r["amount"] == str(Decimal(r["amount"]).quantize(Decimal("0.01"))) for r in mine)
    assert {r["billed"] for r in rows} == {"yes", "no"}


def test_csv_pay_findings_and_matches_carry_the_report(tmp_path: Path) -> None:
    assert run("--csv", str(tmp_path))[0] == 0
    _, pay = read_csv(tmp_path / "pay.csv")
    # st-dee's 1 h 30 min session on 12 March is paid as 2 h (the minimum); a sleeping night is one shift.
    short = next(r for r in pay if r["session"] == "amy-12")
    assert (Decimal(short["hours_worked"]), Decimal(short["hours_paid"])) == (Decimal("1.5"), Decimal(2))
    assert any(r["shifts"] == "1" for r in pay)
    _, findings = read_csv(tmp_path / "findings.csv")
    assert {"su-amy", "su-ben", "su-cal", "su-dan"} <= {f["service_user"] for f in findings}
    overdue = [f for f in findings if f["kind"] == "overdue" and f["service_user"] == "su-ben"]
    assert overdue
    assert overdue[0]["due_by"].startswith("2027-03-11T00:00:00")
    _, matches = read_csv(tmp_path / "matches.csv")
    assert {(m["service_user"], m["status"]) for m in matches} >= {("su-amy", "existing"), ("su-dan", "suggested")}


def test_service_user_filters_every_section_to_one_family(tmp_path: Path) -> None:
    status, out, err = run("--service-user", "su-ben", "--csv", str(tmp_path))
    assert status == 0, err
    assert "Invoice for su-ben" in out
    for other in ("su-amy", "su-cal", "su-dan"):
        assert f"Invoice for {other}" not in out
        assert f"Care boundaries for {other}" not in out
        assert f"{other}:" not in out  # compliance and matching lines
    assert "Pay for st-eli" in out
    assert "Pay for st-dee" not in out
    assert "== Cover ==" not in out  # the one session needing cover is su-amy's
    for name in ("invoices", "findings"):
        _, rows = read_csv(tmp_path / f"{name}.csv")
        assert rows
        assert {r["service_user"] for r in rows} == {"su-ben"}
    _, pay = read_csv(tmp_path / "pay.csv")
    assert pay
    assert all(r["description"].startswith("su-ben ") for r in pay)


def test_service_user_keeps_the_family_invoice_the_same() -> None:
    whole = json.loads(run("--json")[1])
    one = json.loads(run("--json", "--service-user", "su-cal")[1])
    assert [i for i in whole["invoices"] if i["service_user"] == "su-cal"] == one["invoices"]


@pytest.mark.parametrize("unknown", ["su-nobody", "SU-AMY", ""])
def test_an_unknown_service_user_is_refused_naming_the_known_ones(unknown: str) -> None:
    status, out, err = run("--service-user", unknown)
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1
    assert "no such Service User" in err
    assert "it names 5: su-amy, su-ben, su-cal, su-dan, su-eve" in err


def test_many_known_service_users_are_counted_not_all_listed(tmp_path: Path) -> None:
    sessions = [
        {"id": f"s{i}", "service_user": f"su-{i:02d}", "start": "2027-03-01T10:00", "end": "2027-03-01T12:00"}
        for i in range(30)
    ]
    path = tmp_path / "many.json"
    path.write_text(json.dumps({"period": {"first": "2027-03-01", "last": "2027-03-31"}, "sessions": sessions}))
    status, _, err = run(str(path), "--service-user", "su-99")
    assert status == 2
    assert "it names 30: su-00," in err
    assert "and 20 more" in err


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_html_writes_one_printable_invoice_per_family_with_its_total(tmp_path: Path) -> None:
    status, _, err = run("--html", str(tmp_path))
    assert status == 0, err
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"invoice-su-{x}.html" for x in ("amy", "ben", "cal")]
    page = _page(tmp_path / "invoice-su-amy.html")
    text = " ".join(page.text)
    assert "Invoice for su-amy" in text
    assert "Total" in text
    assert "£370.00" in text
    assert "1 h 30 min booked; charged as 2 h" in text  # reasons in words...
    assert "charging.minimum-session" not in text  # ...without rule ids
    assert "Not billed" in text
    assert "@media print" in (tmp_path / "invoice-su-amy.html").read_text(encoding="utf-8")


def _hostile_scenario() -> dict[str, Any]:
    return {
        "title": HOSTILE,
        "period": {"first": "2027-03-01", "last": "2027-03-31"},
        "sessions": [
            {"id": HOSTILE, "service_user": HOSTILE, "start": "2027-03-01T10:00", "end": "2027-03-01T12:00"},
            {"id": "b", "service_user": "../../etc/passwd", "start": "2027-03-02T10:00", "end": "2027-03-02T12:00"},
        ],
    }


def test_html_invoices_escape_hostile_text_and_file_names(tmp_path: Path) -> None:
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(_hostile_scenario()), encoding="utf-8")
    out_dir = tmp_path / "html"
    status, _, err = run(str(path), "--html", str(out_dir))
    assert status == 0, err
    pages = sorted(out_dir.iterdir())
    assert len(pages) == 2
    assert all(p.parent == out_dir for p in pages)
    for page_path in pages:
        html = page_path.read_text(encoding="utf-8")
        assert HOSTILE not in html
        assert _page(page_path).tags <= {
            "html",
            "head",
            "meta",
            "title",
            "style",
            "body",
            "h1",
            "h2",
            "p",
            "br",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "ul",
            "li",
        }
    assert HOSTILE in " ".join(_page(out_dir / invoice_file_names([HOSTILE])[HOSTILE]).text)  # shown, as text


def test_invoice_file_names_are_safe_and_distinct() -> None:
    names = invoice_file_names(["su-amy", "su amy", "su/amy", "SU-AMY", "..", ""])
    assert len({n.lower() for n in names.values()}) == 6
    assert all("/" not in n and not n.startswith(".") and n.endswith(".html") for n in names.values())


def test_an_export_directory_that_cannot_be_made_is_one_message(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    status, out, err = run("--csv", str(blocker / "sub"))
    assert status == 2
    assert out == ""
    assert err.startswith("carerules: --csv ")
    assert err.count("\n") == 1


@pytest.mark.parametrize("example", ["buddies-month.json", "one-to-one-residents.json"])
def test_the_exports_show_no_sensitive_value(tmp_path: Path, example: str) -> None:
    """docs/command-line.md: the CSV and HTML exports hold what the text report shows, no field the library hides."""
    from carerules._cli_export import write_csv, write_html
    from tests.test_privacy import _planted_report, leaks

    report = _planted_report(example)
    written = [*write_csv(report, str(tmp_path / "csv")), *write_html(report, str(tmp_path / "html"))]
    assert written
    assert leaks([p.read_text(encoding="utf-8") for p in written]) == []
