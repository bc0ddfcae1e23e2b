"""The command's pay in money (issue 18, "money for pay where the policy has pay rates").

The bundled example with illustrative pay rates added to its policy
(``policy.pay_rates``); no source document states what staff are paid.
"""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from carerules._cli import main

PAY_RATES: list[dict[str, Any]] = [
    {"kind": "day", "amount": "12.60", "effective_from": "2000-01-01"},
    {"kind": "day", "amount": "18.90", "effective_from": "2000-01-01", "bank_holiday": True},
    {"kind": "waking-night", "amount": "13.00", "effective_from": "2000-01-01"},
    {"kind": "waking-night", "amount": "19.50", "effective_from": "2000-01-01", "bank_holiday": True},
    {"kind": "sleeping-night", "basis": "per-shift", "amount": "70.00", "effective_from": "2000-01-01"},
    {
        "kind": "sleeping-night",
        "basis": "per-shift",
        "amount": "105.00",
        "effective_from": "2000-01-01",
        "bank_holiday": True,
    },
]


def example() -> dict[str, Any]:
    text = resources.files("carerules.examples").joinpath("buddies-month.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def scenario(tmp_path: Path, pay_rates: list[dict[str, Any]] | None = PAY_RATES) -> str:
    data = example()
    if pay_rates is not None:
        data["policy"]["pay_rates"] = pay_rates
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def pay_section(text: str) -> str:
    return text.split("== Staff pay ==", 1)[1].split("\n== ", 1)[0]


def statements(section: str) -> dict[str, list[str]]:
    """Each staff member's statement lines (the header line excluded), by staff id."""
    out: dict[str, list[str]] = {}
    current: list[str] = []
    for line in section.splitlines():
        found = re.match(r"Pay for (\S+),", line)
        if found:
            current = out.setdefault(found.group(1), [])
        elif line.strip():
            current.append(line)
    return out


def money(line: str) -> Decimal | None:
    found = re.findall(r"£([\d,]+\.\d\d)", line)
    return Decimal(found[-1].replace(",", "")) if found else None


def test_text_report_shows_each_pay_line_in_money_and_totals_it(tmp_path: Path) -> None:
    status, out, err = run(scenario(tmp_path))
    assert status == 0, err
    by_staff = statements(pay_section(out))
    assert by_staff
    assert set(by_staff) <= {"st-dee", "st-eli", "st-fay", "st-gus"}
    report = json.loads(run(scenario(tmp_path), "--json")[1])
    amounts = {p["staff"]: Decimal(p["amount"]) for p in report["pay"]}
    for staff, lines in by_staff.items():
        paid = [money(line) for line in lines if re.match(r"\s+\d{4}-\d\d-\d\d ", line)]
        total = next(line for line in lines if line.strip().startswith("Total"))
        assert paid, lines
        assert all(p is not None for p in paid), lines
        assert money(total) == sum(p for p in paid if p is not None) == amounts[staff]
    assert "pay.rate" not in out  # no rule ids in the words for a care manager


def test_the_minimum_and_the_flat_night_are_paid_at_their_pay_rates(tmp_path: Path) -> None:
    """st-dee's 1 h 30 min session on 12 March is paid as 2 h at 12.60; a sleeping night is one 70.00 shift."""
    report = json.loads(run(scenario(tmp_path), "--json")[1])
    lines = [line for p in report["pay"] for line in p["lines"]]
    short = [line for line in lines if line["worked"] == "PT1H30M"]
    assert short
    assert {Decimal(line["amount"]) for line in short} == {Decimal("25.20")}
    nights = [line for line in lines if line["shifts"] == 1]
    assert nights
    assert {Decimal(line["amount"]) for line in nights} <= {Decimal("70.00"), Decimal("105.00")}


def test_explain_shows_the_pay_rate_reason(tmp_path: Path) -> None:
    out = run(scenario(tmp_path), "--explain")[1]
    assert "[pay.rate]" in pay_section(out)


def test_without_pay_rates_the_report_shows_time_only(tmp_path: Path) -> None:
    out = run(scenario(tmp_path, None))[1]
    assert "£" not in pay_section(out)
    report = json.loads(run(scenario(tmp_path, None), "--json")[1])
    assert all(p["amount"] is None for p in report["pay"])


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("paying", [True, False], ids=["with pay rates", "without"])
def test_pay_csv_has_money_columns_filled_only_under_pay_rates(tmp_path: Path, paying: bool) -> None:
    assert run(scenario(tmp_path, PAY_RATES if paying else None), "--csv", str(tmp_path / "out"))[0] == 0
    rows = read_csv(tmp_path / "out" / "pay.csv")
    assert rows
    if not paying:
        assert {(r["amount"], r["currency"], r["statement_total"]) for r in rows} == {("", "", "")}
        return
    assert {r["currency"] for r in rows} == {"GBP"}
    for staff in {r["staff"] for r in rows}:
        mine = [r for r in rows if r["staff"] == staff]
        assert len({r["statement_total"] for r in mine}) == 1
        assert sum(Decimal(r["amount"]) for r in mine) == Decimal(mine[0]["statement_total"])


def test_a_pay_rate_that_breaks_the_charge_basis_is_refused_at_its_place(tmp_path: Path) -> None:
    wrong = [dict(PAY_RATES[0], basis="per-shift"), *PAY_RATES[1:]]
    status, out, err = run(scenario(tmp_path, wrong))
    assert status != 0
    assert not out
    assert "$.policy.pay_rates[0].basis: got 'per-shift'" in err, err
    assert "expected a per-hour pay rate: the ordinary-day day charge rate in force with it" in err


def test_a_missing_pay_rate_is_placed_at_the_pay_rates_of_the_scenario(tmp_path: Path) -> None:
    no_waking = [r for r in PAY_RATES if r["kind"] != "waking-night"]
    status, _, err = run(scenario(tmp_path, no_waking))
    assert status != 0
    assert "$.policy.pay_rates: policy 'buddies' has no bank-holiday pay rate for shift kind 'waking-night'" in err, err


def test_a_custom_policys_missing_pay_rate_is_placed_at_its_own_pay_rates(tmp_path: Path) -> None:
    from carerules._policy._files import builtin_text

    data = example()
    custom = json.loads(builtin_text("buddies"))
    custom["rates"] = [*custom.get("rates", []), *data["policy"]["rates"]]
    custom["pay_rates"] = [r for r in PAY_RATES if r["kind"] != "waking-night"]
    data["policy"] = {"custom": custom}
    path = tmp_path / "custom.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    status, _, err = run(str(path))
    assert status != 0
    assert "$.policy.custom.pay_rates: policy 'buddies' has no bank-holiday pay rate" in err, err
