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
    care_boundaries,
    care_cases,
    care_policies,
    care_tasks,
    contact_kinds,
    contact_plans,
    permitted_tasks,
)

_PERMISSION_IDS = {r.id for r in (*PERMISSIONS, PROVIDER_PERMISSION)}


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
    policy, task = case
    physical, prompting = definition_trees(policy.care)
    bare = (attrs.evolve(physical, exceptions=()), attrs.evolve(prompting, exceptions=()))
    area = policy.care.area_of(task.activity)
    assert area is not None
    assert evaluate(bare, task, area).answer is not CareAnswer.PERMITTED
    assert decide(bare, (task, area), unsettled).answer is not CareAnswer.PERMITTED


@given(policy_and_task())
def test_every_answer_has_a_reason_and_personal_care_is_always_escalated(case: tuple[cr.Policy, cr.Task]) -> None:
    policy, task = case
    d = cr.classify_task(task, policy)
    assert d.reasons
    if d.answer is CareAnswer.PERSONAL_CARE:
        assert d.rule_ids[-1] == "care.personal-care.escalate"
    if d.answer is CareAnswer.UNCLEAR:
        assert d.missing
        assert d.rule_ids == ("care.personal-care.unclear",)


@given(policy_and_task())
def test_unknown_capacity_with_prompting_at_home_is_never_silently_permitted(case: tuple[cr.Policy, cr.Task]) -> None:
    policy, task = case
    if task.help is not HelpKind.PROMPTING_AND_SUPERVISION or task.can_decide is not cr.CanDecide.UNKNOWN:
        return
    d = cr.classify_task(task, policy)
    if task.place is not Place.ELSEWHERE and not task.by_podiatrist and not _PERMISSION_IDS & set(d.rule_ids):
        assert d.answer is CareAnswer.UNCLEAR


@given(policy_and_task())
def test_physical_assistance_is_permitted_only_by_an_explicit_exception(case: tuple[cr.Policy, cr.Task]) -> None:
    policy, task = case
    d = cr.classify_task(task, policy)
    if task.help is HelpKind.PHYSICAL_ASSISTANCE:
        assert d.answer is not CareAnswer.UNCLEAR
        if d.answer is CareAnswer.PERMITTED:
            assert d.rule_ids[0] == "care.personal-care.physical-assistance"
            assert "set aside by" in d.reasons[0].detail


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
