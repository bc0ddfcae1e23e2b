"""Any provider's own policy: its clauses, figures and role names in every answer, stamped.

The third provider is ``docs/example-provider-policy.json`` (Harbour): its own
terms document and sections, its own role names, a 3 h minimum, and 24 h of
notice rising to 36 h on 2027-04-01.
"""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import carerules as cr
from carerules._cli import main
from carerules._policy._schema import policy_schema
from carerules.serialisation import from_data, to_data
from carerules.strategies import policies, sessions
from tests.conftest import london

DOCS = Path(__file__).resolve().parents[1] / "docs"
HARBOUR_FILE = DOCS / "example-provider-policy.json"
HARBOUR_SCENARIO = DOCS / "example-provider-scenario.json"
HARBOUR = cr.read_policy_text(HARBOUR_FILE.read_text(encoding="utf-8"))
TERMS = "Harbour Community Support: Terms of Service"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def _visit(hours: float, start: tuple[int, int, int, int] = (2027, 3, 2, 10)) -> cr.Session:
    begin = london(*start)
    return cr.Session("v", "su", begin, cr.plus_elapsed(begin, timedelta(hours=hours)))


# --- 1. Rules belong to the library, clauses to the policy ------------------------------------


def test_rule_ids_are_provider_neutral_and_old_ids_still_resolve() -> None:
    ids = [r.id for r in cr.all_rules()]
    assert not [i for i in ids if i.startswith(("buddies.", "support121."))]
    assert cr.get_rule("buddies.charging.minimum-session") is cr.get_rule("charging.minimum-session")
    assert cr.get_rule("support121.eligibility.need-identified").id == "one-to-one.eligibility.need-identified"
    assert cr.get_rule("buddies.care.personal-care.ask-management").id == "care.personal-care.unclear"
    assert set(cr.RENAMED_RULES.values()) <= set(ids)
    assert not set(cr.RENAMED_RULES) & set(ids)
    # A rule replaced twice (provider-named, then neutral, then replaced in issue 15) resolves from either old id.
    assert cr.get_rule("care.personal-care.prompting-outside-home").id == "care.personal-care.prompting-away-from-home"
    assert cr.get_rule("buddies.care.personal-care.prompting-outside-home").id == (
        "care.personal-care.prompting-away-from-home"
    )


def test_docs_rules_page_publishes_every_renamed_id() -> None:
    page = (DOCS / "rules.md").read_text(encoding="utf-8")
    for old, new in cr.RENAMED_RULES.items():
        assert f"| `{old}` | `{new}` |" in page


def test_a_short_visit_cites_the_providers_own_clause_and_figure() -> None:
    decision = cr.price_session(_visit(1), HARBOUR)
    assert decision.answer.amount == Decimal("63.00")  # 3 h at 21.00
    minimum = next(r for r in decision.reasons if r.rule_id == "charging.minimum-session")
    assert minimum.source == cr.Source(
        TERMS, "3.2 Minimum visit length", version="2027.2", date=date(2027, 3, 1), url=minimum.source.url
    )
    assert minimum.source.url == "https://harbour-support.example/terms"
    assert "charged as 3 h" in minimum.detail
    assert minimum.would_change == "a session of 3 h or more is charged for its actual length"
    assert HARBOUR.summary("charging.minimum-session").startswith("Every hourly visit is billed for at least 3 h")


def test_an_ungrounded_rule_falls_back_to_the_library_clause_and_says_so() -> None:
    decision = cr.price_session(_visit(1), HARBOUR)
    rounding = next(r for r in decision.reasons if r.rule_id == "money.round-line-half-up")
    assert rounding.source.default
    assert rounding.source.document == cr.DEFAULT_RULES
    assert "library default" in str(rounding.source)
    grounded = [r for r in decision.reasons if not r.source.default]
    assert grounded
    assert all(r.source.document == TERMS for r in grounded)


def test_built_ins_ground_every_rule_they_cite_in_their_documents() -> None:
    decision = cr.price_session(_visit(1), cr.BUDDIES)
    assert {r.source.document for r in decision.reasons} <= {cr.BUDDIES_DOCUMENT, cr.PRODUCT_DECISIONS}
    assert not any(r.source.default for r in decision.reasons)


@pytest.mark.parametrize(
    ("policy", "escalate", "unclear"),
    [
        (cr.BUDDIES, "tell the CEO at once", "ask management"),
        (HARBOUR, "tell the duty manager at once", "ask the duty manager"),
    ],
)
def test_explanations_name_the_policys_own_roles(policy: cr.Policy, escalate: str, unclear: str) -> None:
    washing = cr.classify_task(cr.Task(cr.Activity.WASHING_BATHING, cr.HelpKind.PHYSICAL_ASSISTANCE), policy)
    assert escalate in washing.explain()
    toileting = cr.Task(cr.Activity.TOILETING, cr.HelpKind.PROMPTING_AND_SUPERVISION, can_decide=cr.CanDecide.UNKNOWN)
    assert unclear in cr.classify_task(toileting, policy).explain()
    assert escalate in washing.answer.action_in(policy)


def test_a_policy_that_names_no_roles_gets_neutral_names_never_another_providers() -> None:
    bare = attrs.evolve(HARBOUR, roles={}, clauses={})
    washing = cr.classify_task(cr.Task(cr.Activity.WASHING_BATHING, cr.HelpKind.PHYSICAL_ASSISTANCE), bare)
    assert "tell the manager in charge at once" in washing.explain()
    medication = cr.decide_medication(
        cr.MedicationRequest("sertraline", cr.MedicationForm.TABLET, cr.MedicationSupport.ADMINISTRATION),
        cr.MedicationFile("su"),
        date(2026, 10, 1),
    )
    assert "ask a manager" in medication.explain()
    assert medication.policy is None  # no policy given: library defaults, no stamp


# --- 2. Every threshold is dated -------------------------------------------------------------


def test_the_notice_in_force_on_the_sessions_date_decides() -> None:
    """24 h until 2027-03-31, 36 h from 2027-04-01: 30 h of notice is free in March, charged in April."""
    march = cr.Session("m", "su", london(2027, 3, 30, 10), london(2027, 3, 30, 13))
    april = cr.Session("a", "su", london(2027, 4, 6, 10), london(2027, 4, 6, 13))
    for session, charged, threshold in ((march, False, "24 h"), (april, True, "36 h")):
        received = cr.plus_elapsed(session.start, -timedelta(hours=30))
        d = cr.decide_cancellation(session, cr.Cancellation(session.id, cr.CancelledBy.FAMILY, received), HARBOUR)
        assert d.answer.charged is charged
        assert threshold in (d.reasons[0].would_change or "")


def test_a_notice_change_leaves_earlier_sessions_exactly_as_they_were() -> None:
    session = cr.Session("s", "su", london(2027, 5, 4, 10), london(2027, 5, 4, 13))
    cancel = cr.Cancellation("s", cr.CancelledBy.FAMILY, cr.plus_elapsed(session.start, -timedelta(hours=40)))
    before = cr.decide_cancellation(session, cancel, HARBOUR)
    revised = HARBOUR.revise(version="2027.3", effective_from=date(2027, 6, 1), cancellation_notice=timedelta(hours=72))
    after = cr.decide_cancellation(session, cancel, revised)
    assert (after.answer, after.reasons) == (before.answer, before.reasons)
    assert after.policy == cr.PolicyStamp("harbour-support", "2027.3")
    later = attrs.evolve(session, start=london(2027, 6, 8, 10), end=london(2027, 6, 8, 13))
    cancel_later = attrs.evolve(cancel, received_at=cr.plus_elapsed(later.start, -timedelta(hours=40)))
    assert cr.decide_cancellation(later, cancel_later, revised).answer.charged
    assert not cr.decide_cancellation(later, cancel_later, HARBOUR).answer.charged


def test_a_minimum_change_leaves_earlier_sessions_exactly_as_they_were() -> None:
    revised = HARBOUR.revise(version="2027.3", effective_from=date(2027, 6, 1), minimum_session=timedelta(hours=1))
    early, late = _visit(1, (2027, 5, 27, 10)), _visit(1, (2027, 6, 1, 10))
    for policy in (HARBOUR, revised):
        assert cr.price_session(early, policy).answer.charged == timedelta(hours=3)
    assert cr.price_session(late, revised).answer.charged == timedelta(hours=1)
    assert cr.price_batch([early, late], revised).amounts == (Decimal("66.00"), Decimal("22.00"))
    old, new = cr.price_session(early, HARBOUR), cr.price_session(early, revised)
    assert (old.answer, old.reasons) == (new.answer, new.reasons)


@given(sessions(), policies(), st.dates(date(2024, 1, 1), date(2028, 12, 31)), st.sampled_from([1, 2, 4]))
def test_a_revision_never_changes_a_session_that_starts_before_it(
    session: cr.Session, policy: cr.Policy, on: date, hours: int
) -> None:
    start_day = session.start.astimezone(policy.tz).date()
    changes = [d for d in (*policy.minimum_session.dates(), *policy.cancellation_notice.dates()) if d is not None]
    on = max([on, start_day + timedelta(days=1), *(d + timedelta(days=1) for d in changes)])
    revised = policy.revise(
        version="next",
        effective_from=on,
        minimum_session=timedelta(hours=hours),
        cancellation_notice=timedelta(hours=hours),
    )
    old, new = cr.price_session(session, policy), cr.price_session(session, revised)
    assert (old.answer, old.reasons) == (new.answer, new.reasons)
    assert cr.price_batch([session], revised).amounts == (old.answer.amount,)


def test_two_values_for_one_threshold_on_one_date_are_refused() -> None:
    with pytest.raises(cr.InvalidInput, match="one value per date"):
        HARBOUR.revise(version="x", effective_from=date(2027, 4, 1), cancellation_notice=timedelta(hours=12))
    with pytest.raises(cr.InvalidInput, match="on or after the last change"):
        HARBOUR.revise(version="x", effective_from=date(2027, 3, 1), cancellation_notice=timedelta(hours=12))


def test_onboarding_figures_are_never_inherited() -> None:
    assert HARBOUR.onboarding_on(date(2027, 3, 1)).minimum_age == 16
    no_figures = attrs.evolve(HARBOUR, onboarding=None, cancellation_notice=None)
    with pytest.raises(cr.MissingParameter, match="onboarding"):
        cr.final_risk_assessment_due(date(2027, 3, 1), no_figures)
    session = _visit(3)
    with pytest.raises(cr.MissingParameter, match="cancellation_notice"):
        cr.decide_cancellation(session, cr.Cancellation("v", cr.CancelledBy.FAMILY, None), no_figures)
    with pytest.raises(cr.ScenarioError, match="minimum_age"):
        from_data({"final_risk_assessment_days": 14, "feedback_every_years": 1}, cr.OnboardingParameters)


def test_a_policy_with_no_minimum_charges_what_was_worked() -> None:
    none = attrs.evolve(HARBOUR, minimum_session=None)
    assert cr.price_session(_visit(1), none).answer.charged == timedelta(hours=1)
    assert cr.price_batch([_visit(1)], none).amounts == (Decimal("21.00"),)


# --- 3. Every answer is stamped --------------------------------------------------------------


def test_invoices_pay_statements_and_reports_carry_the_stamp_through_serialisation() -> None:
    period = cr.Period(date(2027, 3, 1), date(2027, 3, 31))
    session = attrs.evolve(_visit(1), staff="st")
    invoice = cr.build_invoice("su", period, HARBOUR, sessions=[session])
    pay = cr.build_pay_statement("st", period, HARBOUR, sessions=[session])
    stamp = cr.PolicyStamp("harbour-support", "2027.2")
    assert invoice.policy == pay.policy == stamp
    assert all(r.source.document in (TERMS, cr.DEFAULT_RULES) for line in invoice.lines for r in line.reasons)
    for value, kind in ((invoice, cr.Invoice), (pay, cr.PayStatement)):
        data = to_data(value)
        assert data["policy"] == {"id": "harbour-support", "version": "2027.2"}
        assert from_data(data, kind) == value
    decision = cr.price_session(session, HARBOUR)
    assert from_data(to_data(decision), cr.Decision[cr.SessionCharge]) == decision
    care = cr.care_report(cr.CareCase("su", contacts=("hug",)), HARBOUR)
    assert care.policy == stamp
    assert care.contacts.policy == stamp
    assert from_data(to_data(care), cr.CareReport) == care


def test_policies_and_stamped_answers_survive_pickling_for_worker_processes() -> None:
    import pickle

    decision = cr.price_session(_visit(1), HARBOUR)
    assert pickle.loads(pickle.dumps(HARBOUR)) == HARBOUR
    assert hash(pickle.loads(pickle.dumps(HARBOUR))) == hash(HARBOUR)
    assert pickle.loads(pickle.dumps(decision)) == decision
    batch = cr.price_batch([_visit(1)], HARBOUR)
    assert batch.stamp == HARBOUR.stamp
    assert batch.explain(0) == decision


def test_the_cli_json_carries_the_stamp_on_the_report_and_every_invoice() -> None:
    status, out, err = run(str(HARBOUR_SCENARIO), "--policy", str(HARBOUR_FILE), "--json")
    assert status == 0, err
    data = json.loads(out)
    assert data["stamp"] == {"id": "harbour-support", "version": "2027.2"}
    assert {i["policy"]["id"] for i in data["invoices"]} == {"harbour-support"}
    cited = {r["source"]["document"] for i in data["invoices"] for line in i["lines"] for r in line["reasons"]}
    assert TERMS in cited
    assert cited <= {TERMS, "Harbour Support Worker Handbook", cr.DEFAULT_RULES, cr.PRODUCT_DECISIONS}
    assert cr.BUDDIES_DOCUMENT not in cited


# --- 4. Policy files -------------------------------------------------------------------------


def test_the_published_schema_is_the_generated_one_and_validates_every_shipped_policy() -> None:
    published = json.loads((DOCS / "policy.schema.json").read_text(encoding="utf-8"))
    assert published == policy_schema(), "run `make docs-rules`"
    for name in cr.BUILT_IN_NAMES:
        jsonschema.validate(json.loads(_builtin_text(name)), published)
    jsonschema.validate(json.loads(HARBOUR_FILE.read_text(encoding="utf-8")), published)
    bad = json.loads(HARBOUR_FILE.read_text(encoding="utf-8")) | {"minimum_sesion": "PT1H"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, published)


def _builtin_text(name: str) -> str:
    from carerules._policy import builtin_text

    return builtin_text(name)


@given(policies())
def test_any_policy_written_out_validates_against_the_schema(policy: cr.Policy) -> None:
    jsonschema.validate(to_data(policy), policy_schema())


def test_built_ins_load_through_the_provider_path_and_show_prints_their_file() -> None:
    for name, policy in (("buddies", cr.BUDDIES), ("one-to-one", cr.ONE_TO_ONE_SUPPORT)):
        status, out, _ = run("policy", "show", name)
        assert status == 0
        assert out == _builtin_text(name)
        assert cr.read_policy_text(out) == policy
        assert cr.load_policy(json.loads(out)) == policy
    assert run("policy", "show", "nope")[0] == 2


def test_policy_check_summarises_rates_dated_thresholds_and_grounding() -> None:
    status, out, err = run("policy", "check", str(HARBOUR_FILE))
    assert status == 0, err
    assert "£22.00 per hour (day, from 2027-04-01)" in out
    assert "cancellation_notice: 24 h (from the start until 2027-03-31); 36 h (from 2027-04-01)" in out
    assert "minimum_session: 3 h (always)" in out
    assert "escalation: the duty manager" in out
    grounded = int(re.search(r"Rules grounded in the policy's own clauses \((\d+) of", out)[1])  # type: ignore[index]
    assert grounded == len(HARBOUR.clauses) == 23
    assert "money.round-line-half-up: carerules default rules" in out


def _harbour_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(HARBOUR_FILE.read_text(encoding="utf-8"))
    return data


def _minimum(data: dict[str, Any]) -> dict[str, Any]:
    clause: dict[str, Any] = data["clauses"]["charging.minimum-session"]
    return clause


@pytest.mark.parametrize(
    ("name", "edit", "place", "says"),
    [
        (
            "unknown rule",
            lambda d: d["clauses"].update({"charging.nope": {"document": "terms", "section": "x"}}),
            '$.clauses["charging.nope"]',
            "the id of a rule carerules has",
        ),
        (
            "old rule id",
            lambda d: d["clauses"].update({"buddies.cancellation.late": {"document": "terms", "section": "x"}}),
            '$.clauses["buddies.cancellation.late"]',
            "now 'cancellation.late'",
        ),
        (
            "placeholder",
            lambda d: _minimum(d).update(summary="at least {minimum_age}"),
            '$.clauses["charging.minimum-session"].summary',
            "a placeholder this rule can fill",
        ),
        (
            "same date",
            lambda d: d.update(
                cancellation_notice=[
                    {"effective_from": "2027-04-01", "value": "PT24H"},
                    {"effective_from": "2027-04-01", "value": "PT36H"},
                ]
            ),
            "$.cancellation_notice[1].effective_from",
            "one value per date",
        ),
        (
            "unnamed role",
            lambda d: d["roles"].pop("escalation"),
            '$.roles["escalation"]',
            "rule care.personal-care.escalate names it",
        ),
        (
            "empty section",
            lambda d: _minimum(d).update(section=""),
            '$.clauses["charging.minimum-session"].section',
            "a non-empty string",
        ),
        (
            "unknown document",
            lambda d: _minimum(d).update(document="leaflet"),
            '$.clauses["charging.minimum-session"].document',
            "a key of documents",
        ),
        ("unknown role", lambda d: d["roles"].update(chef="the cook"), '$.roles["chef"]', "one of the roles"),
    ],
)
def test_a_bad_policy_file_gets_one_message_naming_its_place(
    tmp_path: Path, name: str, edit: Any, place: str, says: str
) -> None:
    data = _harbour_data()
    edit(data)
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    status, out, err = run("policy", "check", str(path))
    assert (status, out) == (2, ""), name
    assert err.count("\n") == 1
    assert f"{path}: {place}: " in err, err
    assert says in err
    assert "Traceback" not in err


def test_a_policy_file_with_a_repeated_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "policy.json"
    path.write_text('{"id": "a", "id": "b"}', encoding="utf-8")
    status, _, err = run("policy", "check", str(path))
    assert status == 2
    assert "'id' appears twice" in err


# --- quote --------------------------------------------------------------------------------------


def test_quote_prices_one_session_from_the_command_line() -> None:
    status, out, err = run(
        "quote", "--policy", str(HARBOUR_FILE), "2027-05-04T10:00[Europe/London]", "2027-05-04T11:00+01:00"
    )
    assert status == 0, err
    assert "Charge: £66.00 (3 h charged, 1 h worked)" in out
    assert f"source: {TERMS} (version 2027.2), \u00a7 3.2 Minimum visit length" in out
    status, out, _ = run("quote", "--policy", "buddies", "2027-05-04T10:00+01:00", "2027-05-04T11:00+01:00", "--json")
    data = json.loads(out)
    assert data["policy"] == {"id": "buddies", "version": "1"}
    assert from_data(data, cr.Decision[cr.SessionCharge]).answer.amount == Decimal("37.00")


@pytest.mark.parametrize(
    ("start", "says"),
    [
        ("2027-03-28T01:30[Europe/London]", "start: got '2027-03-28T01:30[Europe/London]'; expected a time that"),
        ("2027-03-28T01:30", "the clocks go forward (+00:00 to +01:00) and skip 01:30"),
        ("2027-10-31T01:30[Europe/London]", "show 01:30 twice; write 2027-10-31T01:30+01:00 for the first"),
        ("2027-10-31T01:30", "show 01:30 twice"),
        ("2027-05-04T10:00+02:00[Europe/London]", "an offset that Europe/London uses"),
        ("tomorrow", "start: got 'tomorrow'; expected a date-time such as 2027-03-01T08:00"),
        ("2027-05-04T10:00[Mars/Olympus]", "IANA timezone"),
    ],
)
def test_quote_refuses_instants_it_cannot_place(start: str, says: str) -> None:
    status, out, err = run("quote", "--policy", "buddies", start, "2027-12-01T10:00+00:00")
    assert (status, out) == (2, "")
    assert says in err


@pytest.mark.parametrize(
    "start", ["2027-05-04T10:00", "2027-05-04T10:00[Europe/London]", "2027-05-04T10:00+01:00", "2027-05-04T09:00Z"]
)
def test_quote_reads_a_wall_time_in_the_policys_zone_as_scenario_files_do(start: str) -> None:
    """Issue 18: a wall time with no zone is local time in the policy's zone (10:00 BST here), not refused."""
    status, out, err = run("quote", "--policy", "buddies", start, "2027-05-04T12:00", "--json")
    assert status == 0, err
    data = json.loads(out)
    charge = from_data(data, cr.Decision[cr.SessionCharge]).answer
    assert charge.worked == timedelta(hours=2)
    assert charge.parts[0].start == datetime(2027, 5, 4, 9, tzinfo=UTC)


def test_quote_notes_an_offset_that_is_not_the_zones_then_and_prices_that_exact_instant() -> None:
    """As a scenario report does: +00:00 in British Summer Time is 11:00 in London, said once, in the text."""
    status, out, err = run("quote", "--policy", "buddies", "2027-07-01T10:00+00:00", "2027-07-01T12:00")
    assert (status, err) == (0, "")
    notes = [line for line in out.splitlines() if line.startswith("Note: ")]
    assert notes == [
        "Note: start: 2027-07-01T10:00+00:00 is 2027-07-01 11:00 local time in Europe/London "
        "(which is at +01:00 then, not +00:00); it is read as that exact instant"
    ]
    assert "1 h worked" in out
    status, out, _ = run("quote", "--policy", "buddies", "2027-07-01T10:00+01:00", "2027-07-01T12:00")
    assert status == 0
    assert "Note: " not in out


def test_an_ambiguous_time_with_its_offset_is_accepted() -> None:
    status, out, err = run(
        "quote", "--policy", "buddies", "2027-10-31T01:30+01:00[Europe/London]", "2027-10-31T03:30+00:00"
    )
    assert status == 0, err
    assert "3 h charged, 3 h worked" in out


# --- 5. A third provider, end to end ---------------------------------------------------------

#: What only the Buddies policy says: its document, its figures, its role names.
BUDDIES_ONLY = (
    cr.BUDDIES_DOCUMENT,
    "carerules product decisions, \u00a7 Charging (Buddies)",
    "Buddies",
    "Buddy",
    "18.50",
    "48 h",
    "aged 8 ",
    "14 days",
    "CEO",
    "leadership team",
    "Leadership Team",
    "ask management",
    "management has",
)


def test_nothing_carerules_prints_for_the_third_provider_is_the_buddies_policys() -> None:
    outputs = [
        run(str(HARBOUR_SCENARIO), "--policy", str(HARBOUR_FILE), "--explain"),
        run(str(HARBOUR_SCENARIO), "--policy", str(HARBOUR_FILE), "--json"),
        run("policy", "check", str(HARBOUR_FILE)),
        run(
            "quote", "--policy", str(HARBOUR_FILE), "2027-12-25T22:00Z", "2027-12-26T08:00Z", "--kind", "sleeping-night"
        ),
        run("quote", "--policy", str(HARBOUR_FILE), "2027-03-29T10:00+01:00", "2027-03-29T11:00+01:00", "--json"),
    ]
    for status, out, err in outputs:
        assert status == 0, err
        for line in out.splitlines():
            for words in BUDDIES_ONLY:
                assert words not in line, f"{words!r} in {line!r}"
    report = outputs[0][1]
    for own in ("the duty manager", "the care coordinator", "36 h or more", "24 h or more", "3 h", TERMS):
        assert own in report or own in outputs[2][1], own
