"""Every piece of HTML the library emits is escaped (issue 14): hostile ids cannot inject markup into a notebook."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest

import carerules as cr

HOSTILE = "<img src=x onerror=alert(1)>"
START = datetime(2026, 1, 5, 10, tzinfo=UTC)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)


def _tags(html: str) -> set[str]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def _session() -> cr.Session:
    return cr.Session(HOSTILE, HOSTILE, START, START + timedelta(hours=3), staff=HOSTILE)


def _displays() -> list[tuple[str, str]]:
    session = _session()
    period = cr.Period(date(2026, 1, 1), date(2026, 1, 31))
    task = cr.Task(cr.Activity.BRUSHING_HAIR, cr.HelpKind.PHYSICAL_ASSISTANCE, id=HOSTILE)
    return [
        ("decision", cr.price_session(session, cr.BUDDIES)._repr_html_()),
        ("invoice", cr.build_invoice(HOSTILE, period, cr.BUDDIES, sessions=[session])._repr_html_()),
        ("pay", cr.build_pay_statement(HOSTILE, period, cr.BUDDIES, sessions=[session])._repr_html_()),
        ("batch", cr.price_batch([session], cr.BUDDIES)._repr_html_()),
        ("care", cr.care_report(cr.CareCase(HOSTILE, tasks=(task,)), cr.BUDDIES)._repr_html_()),
        ("task", cr.classify_task(task, cr.BUDDIES)._repr_html_()),
    ]


@pytest.mark.parametrize(("name", "html"), _displays(), ids=[n for n, _ in _displays()])
def test_hostile_text_is_escaped_in_every_html_display(name: str, html: str) -> None:
    assert HOSTILE not in html
    assert "img" not in _tags(html)
    assert _tags(html) <= {"table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "p", "b"}


def test_the_invoice_table_shows_its_total_and_not_billed_total_in_its_footer() -> None:
    """issue 18: the Invoice HTML table shows its total (and the not-billed total when it is not zero), escaped."""
    period = cr.Period(date(2026, 1, 1), date(2026, 1, 31))
    unagreed = cr.Expense(HOSTILE, HOSTILE, date(2026, 1, 5), cr.to_money("8.50"), HOSTILE)
    html = cr.build_invoice(HOSTILE, period, cr.BUDDIES, sessions=[_session()], expenses=[unagreed])._repr_html_()
    foot = html.split("<tfoot>")[1].split("</tfoot>")[0]
    assert "<td>Total</td>" in foot
    assert "<td>55.50</td>" in foot
    assert "<td>Not billed (not in the total)</td><td>8.50</td>" in foot
    assert HOSTILE not in html
    plain = cr.build_invoice(HOSTILE, period, cr.BUDDIES, sessions=[_session()])._repr_html_()
    assert "Not billed" not in plain
    assert "<td>55.50</td>" in plain.split("<tfoot>")[1]


def test_a_decisions_answer_shows_on_screen_as_its_value() -> None:
    """An enum answer's repr (<CareAnswer.PERMITTED: 'permitted'>) once vanished as an unknown tag; a browser
    screenshot (make screenshots) showed the escaped repr reads as code: the answer is shown as its value."""
    html = cr.classify_task(
        cr.Task(cr.Activity.BRUSHING_HAIR, cr.HelpKind.PHYSICAL_ASSISTANCE), cr.BUDDIES
    )._repr_html_()
    assert "<p><b>permitted</b></p>" in html
    assert "CareAnswer" not in html
    assert "<caption>reasons (policy buddies (version 1))</caption>" in html


def test_an_object_answer_shows_as_a_table_of_readable_fields() -> None:
    """Instants in their zone without the offset noise, spans in words, choices by value, nested objects short."""
    start = datetime(2027, 7, 1, 10, tzinfo=ZoneInfo("Europe/London"))
    session = cr.Session("s-1", "su-amy", start, start + timedelta(hours=3), staff="st-dee")
    html = cr.price_session(session, cr.BUDDIES)._repr_html_()
    assert "<caption>SessionCharge</caption>" in html
    assert "<td>kind</td><td>day</td>" in html
    assert "<td>worked</td><td>3 h</td>" in html
    assert "<td>amount</td><td>55.50</td>" in html
    assert "ChargePart(" in html
    assert "datetime.datetime" not in html
