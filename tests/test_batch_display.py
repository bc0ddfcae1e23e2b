"""Every batch result turns into rows (plain dicts) and an escaped HTML table for notebooks.

Each result type is built from a small example whose ids hold markup
(``<script>``), and the test checks real content: column names, a cell value,
and that the markup is escaped in the HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import attrs
import pytest

import carerules as cr
from tests.conftest import LONDON, PUBLIC_NAMES, london

#: The local date of the first session that suggested pairs are judged on (training counts from then).
FIRST_SESSION = date(2027, 1, 4)

SU = "<script>su</script>"
ST = "<script>st</script>"
ESCAPED_SU = "&lt;script&gt;su&lt;/script&gt;"
ESCAPED_ST = "&lt;script&gt;st&lt;/script&gt;"
OCTOBER = cr.Period(date(2026, 10, 1), date(2026, 10, 31))


def _session() -> cr.Session:
    start = london(2026, 10, 20, 10)
    return cr.Session("s-1", SU, start, cr.plus_elapsed(start, timedelta(hours=2)), staff=ST)


def _user() -> cr.ServiceUser:
    return cr.ServiceUser(SU, "Ada", date(2014, 6, 1), interests=frozenset({"cinema", "trains"}))


def _team() -> list[cr.StaffMember]:
    thursday = cr.Availability(cr.Weekday.TUESDAY, time(9), time(18))
    return [
        cr.StaffMember(ST, "Fay", interests=frozenset({"cinema"}), availability=(thursday,)),
        cr.StaffMember("st-gus", "Gus", interests=frozenset({"trains", "cinema"}), availability=(thursday,)),
        cr.StaffMember("st-hal", "Hal", availability=(thursday,)),
    ]


def _plan() -> cr.Plan:
    return cr.Plan(
        SU,
        "wk-jo",
        every_weeks=2,
        weekday=cr.Weekday.MONDAY,
        local_time=time(18),
        starts_on=date(2026, 3, 16),
        review_every_weeks=6,
    )


def _contract() -> cr.Contract:
    slot = cr.WeeklySlot(cr.Weekday.FRIDAY, time(15, 30), timedelta(hours=5), label="after <b>school</b>")
    return cr.Contract("c-1", SU, ST, "st-gus", (slot,), date(2026, 10, 1))


def _care_case() -> cr.CareCase:
    task = cr.Task("dressing", cr.HelpKind.PROMPTING_AND_SUPERVISION, cr.Place.OWN_HOME, cr.CanDecide.YES, id="t-1")
    event = cr.MedicationEvent(
        "m-1", london(2026, 10, 20, 11), cr.MedicationSupport.INHALER_USE, "x", cr.MedicationForm.INHALER
    )
    return cr.CareCase(SU, tasks=(task,), medication_events=(event,), contacts=("high-five",))


def _record_check() -> cr.Decision[cr.MedicationRecordCheck]:
    """The care case's inhaler use, in a session from 10:00 to 12:00: it needed a record and has none."""
    session = cr.ResponsibilityWindow(london(2026, 10, 20, 10), london(2026, 10, 20, 12))
    return cr.check_medication_records(
        _care_case().medication_events, (), file=cr.MedicationFile(SU), responsible=(session,)
    )


#: (result type, how to build one, a column, the value the first row has in it, text its HTML must show)
CASES: list[tuple[type, Callable[[], Any], str, Any, str]] = [
    (cr.PricedBatch, lambda: cr.price_batch([_session()], cr.BUDDIES), "amount", Decimal("37.00"), "37.00"),
    (
        cr.CancellationBatch,
        lambda: cr.decide_cancellations(
            [_session()], [cr.Cancellation("s-1", cr.CancelledBy.FAMILY, london(2026, 10, 19, 10))], cr.BUDDIES
        ),
        "amount",
        Decimal("37.00"),
        ESCAPED_ST,
    ),
    (
        cr.Invoice,
        lambda: cr.build_invoice(SU, OCTOBER, cr.BUDDIES, sessions=[_session()]),
        "service_user",
        SU,
        ESCAPED_SU,
    ),
    (
        cr.TariffInvoice,
        lambda: cr.build_tariff_invoice(
            SU,
            "INV-<b>1</b>",
            date(2026, 10, 1),
            cr.Policy(
                "t",
                "Tariff",
                "1",
                date(2000, 1, 1),
                tariff=cr.Tariff(rates=(cr.TariffRate("Hourly rate", amount=Decimal("18.50")),), billing=cr.Billing()),
            ),
            visits=[cr.Visit(london(2026, 10, 20, 10), london(2026, 10, 20, 12), id="v-1")],
        ),
        "service_user",
        SU,
        ESCAPED_SU,
    ),
    (
        cr.InvoiceForecast,
        lambda: cr.build_forecast(
            SU,
            cr.Period(date(2026, 12, 1), date(2026, 12, 31)),
            cr.BUDDIES,
            sessions=[cr.Session("<b>xmas</b>", SU, london(2026, 12, 25, 10), london(2026, 12, 25, 12))],
        ),
        "needs",
        "bank-holiday day rate in force on 2026-12-25",
        "&lt;b&gt;xmas&lt;/b&gt;",
    ),
    (
        cr.PayStatement,
        lambda: cr.build_pay_statement(ST, OCTOBER, cr.BUDDIES, sessions=[_session()]),
        "staff",
        ST,
        ESCAPED_ST,
    ),
    (
        cr.ClassifiedTasks,
        lambda: cr.classify_tasks(_care_case().tasks, cr.BUDDIES),
        "activity",
        "dressing",
        "dressing",
    ),
    (
        cr.ContactChecks,
        lambda: cr.check_contacts(["high-five"], cr.ContactPlan(SU, appropriate=["high-five"]), cr.BUDDIES),
        "service_user",
        SU,
        ESCAPED_SU,
    ),
    (
        cr.MedicationRecordCheck,
        lambda: _record_check().answer,
        "recorded",
        False,
        "inhaler-use",
    ),
    (cr.CareReport, lambda: cr.care_report(_care_case(), cr.BUDDIES), "service_user", SU, ESCAPED_SU),
    (
        cr.Schedule,
        lambda: cr.schedule(_plan(), cr.ONE_TO_ONE_SUPPORT, cr.Period(date(2026, 3, 1), date(2026, 5, 10))).answer,
        "resident",
        SU,
        ESCAPED_SU,
    ),
    (
        cr.CaseReport,
        lambda: cr.report_cases(
            cr.OneToOneSection(datetime(2026, 4, 1, 12, tzinfo=LONDON), (cr.SupportCase(cr.Resident(SU), _plan()),)),
            cr.ONE_TO_ONE_SUPPORT,
            cr.Period(date(2026, 3, 1), date(2026, 5, 10)),
        )[0],
        "resident",
        SU,
        ESCAPED_SU,
    ),
    (
        cr.ComplianceReport,
        lambda: cr.compliance_report(cr.BUDDIES, london(2026, 10, 20, 12), files=[cr.PersonalFile(SU)]),
        "service_user",
        SU,
        ESCAPED_SU,
    ),
    (
        cr.Readiness,
        lambda: cr.check_readiness(cr.PersonalFile(SU), cr.BUDDIES, first_session=date(2026, 5, 1)).answer,
        "item",
        "registration-meeting",
        ESCAPED_SU,
    ),
    (
        cr.PlanNeeds,
        lambda: (
            cr.check_plan_needs(
                cr.ServicePlan(
                    date(2026, 2, 20),
                    care_needs=(
                        cr.CareNeed(cr.Task(cr.Activity.TOILETING, cr.HelpKind.PHYSICAL_ASSISTANCE, id="t-<b>1</b>")),
                    ),
                ),
                cr.BUDDIES,
            ).answer
        ),
        "answer",
        "personal-care",
        "care need t-&lt;b&gt;1&lt;/b&gt;",
    ),
    (
        cr.ContractSchedule,
        lambda: cr.expand_contract(_contract(), OCTOBER, cr.BUDDIES),
        "label",
        "after <b>school</b>",
        "after &lt;b&gt;school&lt;/b&gt;",
    ),
    (
        cr.Ranking,
        lambda: cr.rank_staff(_user(), _team(), cr.BUDDIES).answer,
        "staff",
        "st-gus",
        "cinema, trains",
    ),
    (
        cr.PairSuggestion,
        lambda: cr.suggest_pair(_user(), _team(), cr.BUDDIES, on=FIRST_SESSION).answer,
        "role",
        "key worker",
        ESCAPED_SU,
    ),
    (
        cr.Assignment,
        lambda: cr.assign_all([_user()], _team(), cr.BUDDIES).answer,
        "service_user",
        SU,
        ESCAPED_SU,
    ),
    (
        cr.CoverOptions,
        lambda: (
            cr.cover_options(
                attrs.evolve(_session(), start=london(2026, 10, 20, 19), end=london(2026, 10, 20, 21)),
                _user(),
                _team(),
                cr.BUDDIES,
            ).answer
        ),
        "option",
        "other time",
        ESCAPED_ST,
    ),
]


@pytest.mark.tz
@pytest.mark.parametrize(("kind", "build", "column", "value", "in_html"), CASES, ids=[c[0].__name__ for c in CASES])
def test_batch_results_give_rows_and_an_escaped_html_table(
    kind: type, build: Callable[[], Any], column: str, value: Any, in_html: str
) -> None:
    result: Any = build()
    assert kind in type(result).__mro__
    rows = result.rows()
    assert rows
    assert all(type(row) is dict for row in rows)
    assert rows[0][column] == value
    html = result._repr_html_()
    assert f"<caption>{kind.__name__}</caption>" in html
    assert f"<th>{column}</th>" in html
    assert in_html in html
    assert "<script>" not in html
    assert "<b>" not in html


def test_every_public_result_with_rows_is_covered_and_has_html() -> None:
    with_rows = {
        obj
        for name in PUBLIC_NAMES
        if isinstance(obj := getattr(cr, name), type) and callable(getattr(obj, "rows", None))
    }
    assert with_rows - {cr.Decision} == {c[0] for c in CASES}
    assert all(callable(getattr(c, "_repr_html_", None)) for c in with_rows)


@pytest.mark.tz
def test_contract_rows_default_to_the_sessions_own_zone_and_accept_a_policy() -> None:
    schedule = cr.expand_contract(_contract(), OCTOBER, cr.BUDDIES)
    assert schedule.rows() == schedule.rows(cr.BUDDIES)
    assert [row["date"] for row in schedule.rows()][:2] == [date(2026, 10, 2), date(2026, 10, 9)]


@pytest.mark.tz
def test_case_report_rows_count_sessions_and_name_the_worker() -> None:
    report = cr.report_cases(
        cr.OneToOneSection(datetime(2026, 4, 1, 12, tzinfo=LONDON), (cr.SupportCase(cr.Resident(SU), _plan()),)),
        cr.ONE_TO_ONE_SUPPORT,
        cr.Period(date(2026, 3, 1), date(2026, 5, 10)),
    )[0]
    (row,) = report.rows()
    assert row["worker"] == "wk-jo"
    assert row["sessions_in_period"] == 4
    assert row["eligible"] is None
    assert row["next_session"] == datetime(2026, 4, 13, 18, tzinfo=LONDON)


def test_medication_record_rows_name_events_not_medicines() -> None:
    check = _record_check().answer
    assert check.rows()[0]["event"] == "m-1"
    assert "medication" not in check.rows()[0]
