"""Invariants of the care boundaries, over the shipped strategies."""

from __future__ import annotations

import json
from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import carerules as cr
from carerules import CareAnswer, HelpKind, Place
from carerules._care._personal import definition_trees, evaluate, unsettled
from carerules._care._rules import PERMISSIONS, PROVIDER_PERMISSION
from carerules._policy._grounding import ground
from carerules._rules import decide
from carerules.serialisation import from_data, to_data
from carerules.strategies import (
    away_from_home_readings,
    care_boundaries,
    care_cases,
    care_policies,
    care_tasks,
    contact_kinds,
    contact_plans,
    permitted_tasks,
)

_PERMISSION_IDS = {r.id for r in (*PERMISSIONS, PROVIDER_PERMISSION)}
#: The rule that answers "unclear" away from where the person is living, by kind of help.
_AWAY_RULE = {
    HelpKind.PHYSICAL_ASSISTANCE: "care.personal-care.physical-away-from-home",
    HelpKind.PROMPTING_AND_SUPERVISION: "care.personal-care.prompting-away-from-home",
    HelpKind.SUPERVISION_ONLY: "care.personal-care.supervision-only",
}


def roundtrip(obj: Any, cls: Any) -> Any:
    return from_data(json.loads(json.dumps(to_data(obj))), cls)


@st.composite
def policy_and_task(draw: st.DrawFn) -> tuple[cr.Policy, cr.Task]:
    policy = draw(care_policies())
    return policy, draw(care_tasks(policy.care))


@settings(max_examples=100)
@given(policy_and_task(), permitted_tasks())
def test_adding_a_permission_never_turns_a_permitted_task_into_personal_care(
    case: tuple[cr.Policy, cr.Task], extra: cr.PermittedTask
) -> None:
    policy, task = case
    if any(t.name == extra.name for t in policy.care.permitted_tasks):
        return
    wider = attrs.evolve(policy, care=attrs.evolve(policy.care, permitted_tasks=(*policy.care.permitted_tasks, extra)))
    before = cr.classify_task(task, policy).answer
    after = cr.classify_task(task, wider).answer
    assert after is before or after is CareAnswer.PERMITTED
    if before is CareAnswer.PERMITTED:
        assert after is CareAnswer.PERMITTED


@given(policy_and_task())
def test_no_input_is_permitted_by_the_general_definition_alone(case: tuple[cr.Policy, cr.Task]) -> None:
    """Stripped of every exception, only the rules that are themselves limits of part (b) say "permitted"."""
    policy, task = case
    trees = definition_trees(policy.care)
    bare = {help_kind: attrs.evolve(tree, exceptions=()) for help_kind, tree in trees.items()}
    area = policy.care.area_of(task.activity)
    assert area is not None
    answer = evaluate(bare, task, area).answer
    if task.help in (HelpKind.PHYSICAL_ASSISTANCE, HelpKind.PROMPTING_AND_SUPERVISION, HelpKind.SUPERVISION_ONLY):
        assert answer is not CareAnswer.PERMITTED
        assert decide((bare[task.help],), (task, area), unsettled).answer is not CareAnswer.PERMITTED


@given(policy_and_task())
def test_every_answer_has_a_reason_and_says_what_staff_do_last(case: tuple[cr.Policy, cr.Task]) -> None:
    """Personal care ends with the escalation, unclear with "ask", a podiatrist's task with whose it is."""
    policy, task = case
    d = cr.classify_task(task, policy)
    assert d.reasons
    last = {
        CareAnswer.PERSONAL_CARE: "care.personal-care.escalate",
        CareAnswer.UNCLEAR: "care.personal-care.unclear",
        CareAnswer.PODIATRIST_TASK: "care.personal-care.podiatrist-task",
    }
    if d.answer in last:
        assert d.rule_ids[-1] == last[d.answer]
        assert d.rule_ids.count(last[d.answer]) == 1
    else:
        assert not set(last.values()) & set(d.rule_ids)
    if d.missing:
        assert d.answer is CareAnswer.UNCLEAR


@given(policy_and_task())
def test_unknown_capacity_with_prompting_and_supervision_is_never_silently_permitted(
    case: tuple[cr.Policy, cr.Task],
) -> None:
    """Product decision: unknown capacity is unclear, except where the task is permitted in its own right or the
    provider's policy permits prompting and supervision away from where the person is living."""
    policy, task = case
    if task.help is not HelpKind.PROMPTING_AND_SUPERVISION or task.can_decide is not cr.CanDecide.UNKNOWN:
        return
    d = cr.classify_task(task, policy)
    away_permitted = task.place is Place.ELSEWHERE and (
        policy.care.away_from_home.prompting_and_supervision is cr.AwayReading.PERMITTED
    )
    if not away_permitted and not _PERMISSION_IDS & set(d.rule_ids):
        assert d.answer is CareAnswer.UNCLEAR


@given(policy_and_task())
def test_physical_assistance_is_permitted_only_by_an_explicit_exception_or_reading(
    case: tuple[cr.Policy, cr.Task],
) -> None:
    policy, task = case
    d = cr.classify_task(task, policy)
    if task.help is HelpKind.PHYSICAL_ASSISTANCE:
        assert d.rule_ids[0] == "care.personal-care.physical-assistance"
        if d.answer is not CareAnswer.PERSONAL_CARE:
            assert "set aside by" in d.reasons[0].detail
        if d.answer is CareAnswer.UNCLEAR:
            assert d.rule_ids[1] == "care.personal-care.physical-away-from-home"


@given(policy_and_task())
def test_away_from_home_a_listed_activity_is_never_permitted_under_the_built_in_reading(
    case: tuple[cr.Policy, cr.Task],
) -> None:
    """Personal care, product decision: physical help, or prompting and supervision, away from where the person is
    living is unclear (never permitted) unless a permission or the person's own capacity settles it."""
    policy, task = case
    policy = attrs.evolve(policy, care=attrs.evolve(policy.care, away_from_home=cr.AwayFromHome()))
    if task.place is not Place.ELSEWHERE or task.help not in (
        HelpKind.PHYSICAL_ASSISTANCE,
        HelpKind.PROMPTING_AND_SUPERVISION,
        HelpKind.SUPERVISION_ONLY,
    ):
        return
    d = cr.classify_task(task, policy)
    settled = _PERMISSION_IDS | {"care.personal-care.person-can-decide", "care.personal-care.nail-care-by-podiatrist"}
    if settled & set(d.rule_ids):
        return
    assert d.answer is CareAnswer.UNCLEAR
    deciding = _AWAY_RULE[task.help]
    assert deciding in d.rule_ids
    if deciding != "care.personal-care.supervision-only":
        detail = d.reasons[d.rule_ids.index(deciding)].detail
        assert "the definition covers support where the person is living" in detail
        assert "the service offers no personal care in any form" in detail


@given(policy_and_task(), away_from_home_readings())
def test_changing_only_the_away_from_home_reading_moves_only_tasks_away_from_home(
    case: tuple[cr.Policy, cr.Task], reading: cr.AwayFromHome
) -> None:
    policy, task = case
    other = attrs.evolve(policy, care=attrs.evolve(policy.care, away_from_home=reading))
    before, after = cr.classify_task(task, policy), cr.classify_task(task, other)
    if task.place is not Place.ELSEWHERE:
        assert after == before
    elif after.answer is not before.answer:
        reasons = {"care.personal-care.physical-away-from-home", "care.personal-care.prompting-away-from-home"}
        assert reasons & set(before.rule_ids + after.rule_ids)


@given(policy_and_task())
def test_reading_away_from_home_as_permitted_never_makes_an_answer_stricter(case: tuple[cr.Policy, cr.Task]) -> None:
    policy, task = case
    permitted = cr.AwayFromHome(cr.AwayReading.PERMITTED, cr.AwayReading.PERMITTED)
    strict = cr.AwayFromHome(cr.AwayReading.PERSONAL_CARE, cr.AwayReading.PERSONAL_CARE)
    answers = [
        cr.classify_task(task, attrs.evolve(policy, care=attrs.evolve(policy.care, away_from_home=r))).answer
        for r in (strict, cr.AwayFromHome(), permitted)
    ]
    rank = {CareAnswer.PERSONAL_CARE: 0, CareAnswer.UNCLEAR: 1, CareAnswer.PERMITTED: 2, CareAnswer.PODIATRIST_TASK: 2}
    assert [rank[a] for a in answers] == sorted(rank[a] for a in answers)


@given(policy_and_task())
def test_prompting_alone_is_never_personal_care_and_supervision_alone_never_personal_care(
    case: tuple[cr.Policy, cr.Task],
) -> None:
    """Compliance / Personal Care, definition (b): both halves are needed; neither alone is personal care."""
    policy, task = case
    d = cr.classify_task(task, policy)
    if task.help is HelpKind.PROMPTING_ONLY:
        assert d.answer is CareAnswer.PERMITTED
        assert d.rule_ids == ("care.personal-care.prompting-only",)
    if task.help is HelpKind.SUPERVISION_ONLY:
        assert d.answer in (CareAnswer.UNCLEAR, CareAnswer.PERMITTED)
        if d.answer is CareAnswer.UNCLEAR:
            assert d.rule_ids == ("care.personal-care.supervision-only", "care.personal-care.unclear")
            assert "the prompting is missing" in d.reasons[0].detail


@given(policy_and_task())
def test_only_hands_on_nail_care_by_a_podiatrist_is_a_podiatrists_task(case: tuple[cr.Policy, cr.Task]) -> None:
    policy, task = case
    d = cr.classify_task(task, policy)
    assert (d.answer is CareAnswer.PODIATRIST_TASK) == task.by_podiatrist
    if task.by_podiatrist:
        assert task.help is HelpKind.PHYSICAL_ASSISTANCE


@settings(max_examples=50)
@given(care_policies(), st.data())
def test_batch_classification_matches_one_at_a_time(policy: cr.Policy, data: st.DataObject) -> None:
    tasks = data.draw(st.lists(care_tasks(policy.care), max_size=20))
    batch = cr.classify_tasks(tasks, policy)
    assert list(batch.decisions) == [cr.classify_task(t, policy) for t in tasks]
    assert len(batch.rows()) == len(tasks)


@settings(max_examples=50)
@given(care_policies(), st.data())
def test_care_data_and_decisions_round_trip(policy: cr.Policy, data: st.DataObject) -> None:
    assert roundtrip(policy, cr.Policy) == policy
    assert roundtrip(policy.care, cr.CareBoundaries) == policy.care
    tasks = data.draw(st.lists(care_tasks(policy.care), max_size=5))
    for task in tasks:
        assert roundtrip(task, cr.Task) == task
        decision = cr.classify_task(task, policy)
        assert roundtrip(decision, cr.Decision[CareAnswer]) == decision
    batch = cr.classify_tasks(tasks, policy)
    assert roundtrip(batch, cr.ClassifiedTasks) == batch


@given(care_boundaries(), permitted_tasks())
def test_permitted_tasks_round_trip(care: cr.CareBoundaries, task: cr.PermittedTask) -> None:
    assert roundtrip(care, cr.CareBoundaries) == care
    assert roundtrip(task, cr.PermittedTask) == task


@given(care_policies(), st.data())
def test_contact_is_appropriate_only_when_the_plan_lists_a_known_kind(policy: cr.Policy, data: st.DataObject) -> None:
    plan = data.draw(contact_plans(policy.care))
    kind = data.draw(contact_kinds(policy.care))
    d = cr.check_contact(kind, plan, policy)
    assert d.reasons
    if d.answer is cr.ContactAnswer.APPROPRIATE:
        assert kind in plan.appropriate
        assert policy.care.knows_contact(kind)
    if kind not in plan.appropriate and kind not in plan.ruled_out:
        assert d.answer is cr.ContactAnswer.ASK
    assert roundtrip(plan, cr.ContactPlan) == plan
    assert roundtrip(d, cr.Decision[cr.ContactAnswer]) == d
    checks = cr.check_contacts([kind], plan, policy)
    assert roundtrip(checks, cr.ContactChecks) == checks


@given(policy_and_task())
def test_the_precomputed_table_agrees_with_evaluating_the_rule_trees(case: tuple[cr.Policy, cr.Task]) -> None:
    policy, task = case
    area = policy.care.area_of(task.activity)
    assert area is not None
    plain = attrs.evolve(task, id=None)
    assert cr.classify_task(task, policy) == ground(evaluate(definition_trees(policy.care), plain, area), policy)


@settings(max_examples=50)
@given(care_policies(), st.data())
def test_care_cases_and_reports_round_trip(policy: cr.Policy, data: st.DataObject) -> None:
    case = data.draw(care_cases(policy.care))
    assert roundtrip(case, cr.CareCase) == case
    report = cr.care_report(case, policy)
    assert roundtrip(report, cr.CareReport) == report
    assert len(report.rows()) >= len(case.tasks) + len(case.medication_requests) + len(case.contacts)
    assert report.render().startswith(f"Care boundaries for {case.service_user}")
