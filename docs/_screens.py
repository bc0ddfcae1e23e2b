"""Screenshots of the library's HTML displays in a real headless browser (``make screenshots``; not CI).

Writes one HTML page per display to ``build/screens/`` with the styles a
notebook applies to plain tables, and a PNG of each taken by headless
Chromium (``CHROMIUM`` names the binary; default ``chromium``). Look at
them when a display changes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import carerules as cr

OUT = Path("build/screens")
LONDON = ZoneInfo("Europe/London")
STYLE = (
    "body{font-family:sans-serif;font-size:13px;margin:12px} table{border-collapse:collapse} "
    "td,th{border:1px solid #ccc;padding:2px 6px;text-align:left} caption{font-weight:bold;text-align:left}"
)


def _displays() -> dict[str, object]:
    def at(*args: int) -> datetime:
        return datetime(*args, tzinfo=LONDON)  # type: ignore[misc]

    session = cr.Session("s-1", "su-amy", at(2027, 3, 3, 10), at(2027, 3, 3, 11), staff="st-dee")
    late = cr.Cancellation("s-1", cr.CancelledBy.FAMILY, at(2027, 3, 2, 20))
    task = cr.Task(cr.Activity.TOILETING, cr.HelpKind.PHYSICAL_ASSISTANCE, cr.Place.OWN_HOME)
    plan = cr.Plan("res-1", "wk-1", 2, cr.Weekday.MONDAY, time(18), date(2027, 3, 15), 6)
    sessions = [
        cr.Session(f"s-{i}", "su-amy", at(2027, 3, 1 + i, 10), at(2027, 3, 1 + i, 13), staff="st-dee") for i in range(5)
    ]
    expense = cr.Expense("e-1", "su-amy", date(2027, 3, 2), Decimal("5.00"), "food", "lunch")
    return {
        "decision-price": cr.price_session(session, cr.BUDDIES),
        "decision-cancellation": cr.decide_cancellation(session, late, cr.BUDDIES),
        "decision-care": cr.classify_task(task, cr.BUDDIES),
        "priced-batch": cr.price_batch(sessions, cr.BUDDIES),
        "invoice": cr.build_invoice(
            "su-amy", cr.Period(date(2027, 3, 1), date(2027, 3, 31)), cr.BUDDIES, sessions=sessions, expenses=[expense]
        ),
        "schedule": cr.schedule(plan, cr.ONE_TO_ONE_SUPPORT, cr.Period(date(2027, 3, 1), date(2027, 4, 30))).answer,
        "readiness": cr.check_readiness(cr.PersonalFile("su-new"), cr.BUDDIES).answer,
        "timedelta-check": timedelta(0),
    }


def main() -> int:
    browser = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        print("no chromium found: install it (apt-get install chromium) or set CHROMIUM", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    for name, shown in _displays().items():
        html = getattr(shown, "_repr_html_", None)
        if html is None:
            continue
        page = OUT / f"{name}.html"
        page.write_text(f"<!doctype html><meta charset=utf-8><style>{STYLE}</style>{html()}", encoding="utf-8")
        png = OUT / f"{name}.png"
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--screenshot={png.resolve()}",
                "--window-size=1100,700",
                page.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
        )
        print(png)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
