"""Notebook display: rows and HTML tables show the content, escaped."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import carerules as cr
from carerules._display import html_table
from tests.conftest import london


def short_session() -> cr.Session:
    start = london(2026, 10, 20, 10)
    return cr.Session("s<1>", "su-amy", start, cr.plus_elapsed(start, timedelta(minutes=90)), staff="st-dee")


def test_decision_html_lists_its_reasons() -> None:
    decision = cr.price_session(short_session(), cr.BUDDIES)
    html = decision._repr_html_()
    assert "charging.minimum-session" in html
    assert "Other things you should know" in html
    assert [row["rule"] for row in decision.rows()] == list(decision.rule_ids)


def test_invoice_and_batch_html_show_amounts_and_escape_text() -> None:
    session = short_session()
    october = cr.Period(date(2026, 10, 1), date(2026, 10, 31))
    invoice = cr.build_invoice("su-amy", october, cr.BUDDIES, sessions=[session])
    html = invoice._repr_html_()
    assert "37.00" in html
    assert "s&lt;1&gt;" in html
    assert "<caption>Invoice</caption>" in html
    batch = cr.price_batch([session], cr.BUDDIES)
    assert batch.rows()[0]["amount"] == Decimal("37.00")
    assert "37.00" in batch._repr_html_()


def test_long_tables_are_cut_with_a_count() -> None:
    html = html_table([{"n": i} for i in range(205)], limit=200)
    assert "5 more rows" in html
    assert html.count("<tr>") == 201
