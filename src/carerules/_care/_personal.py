"""Personal care: is a task permitted, personal care, or unclear?

The general definition is two :class:`~carerules.Default` trees, one for
physical assistance and one for prompting and supervision; the document's
permissions, the podiatrist carve-out and the limits of "supervision" are
exceptions that override them. Nothing the trees leave silent is permitted:
it falls through to "unclear, ask" (whom the policy names) with what is missing.

Every possible description is classified once per provider's care data and
kept (there are only a few thousand), so classifying a batch is a lookup per
task.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Any

import attrs

from carerules._care import _rules as R
from carerules._care._model import (
    ACTIVITY_AREA,
    Activity,
    CanDecide,
    CareAnswer,
    CareArea,
    CareBoundaries,
    HelpKind,
    Place,
    Task,
    items,
)
from carerules._display import Tabular
from carerules._errors import InvalidInput
from carerules._guard import public
from carerules._policy import Policy
from carerules._policy._clauses import frozen_roles, role_name
from carerules._rules import Decision, Default, PolicyStamp, Rule, evaluate_defaults, role_ref
from carerules._validate import instance, one_answer_each

#: What a tree node sees: the task and the area of the definition it falls in.
Case = tuple[Task, CareArea]
_Key = tuple[str, HelpKind, Place, CanDecide, bool]

_PERMITTED_ACTIVITY = {
    R.STRAIGHTENING_CLOTHING: Activity.STRAIGHTENING_CLOTHING,
    R.BRUSHING_HAIR: Activity.BRUSHING_HAIR,
    R.DOING_HAIR: Activity.DOING_HAIR,
    R.DRYING_HAIR: Activity.DRYING_HAIR,
    R.MAKE_UP: Activity.MAKE_UP,
    R.FASTENING_SHOES: Activity.FASTENING_SHOES,
}
_LABEL: dict[str, str] = {
    Activity.EATING_DRINKING: "eating or drinking",
    Activity.PARENTERAL_NUTRITION: "parenteral nutrition",
    Activity.TOILETING: "toileting",
    Activity.MENSTRUAL_CARE: "menstrual care",
    Activity.WASHING_BATHING: "washing or bathing",
    Activity.DRESSING: "dressing",
    Activity.ORAL_CARE: "oral care",
    Activity.SKIN_CARE: "skin care",
    Activity.HAIR_CARE: "hair care",
    Activity.NAIL_CARE: "nail care",
    Activity.STRAIGHTENING_CLOTHING: "straightening clothing",
    Activity.BRUSHING_HAIR: "brushing hair",
    Activity.DOING_HAIR: "doing hair",
    Activity.DRYING_HAIR: "drying hair",
    Activity.MAKE_UP: "make-up",
    Activity.FASTENING_SHOES: "fastening shoes",
}
_AREA_LABEL: dict[str, str] = {
    CareArea.EATING_DRINKING: "eating or drinking",
    CareArea.TOILETING: "toileting",
    CareArea.WASHING_BATHING: "washing or bathing",
    CareArea.DRESSING: "dressing",
    CareArea.ORAL_CARE: "oral care",
    CareArea.SKIN_CARE: "care of skin",
    CareArea.HAIR_CARE: "care of hair",
    CareArea.NAIL_CARE: "care of nails",
}


def label(activity: str) -> str:
    """An activity's name for people: ``"washing or bathing"``, ``"applying sun cream"``."""
    return _LABEL.get(activity) or activity.replace("-", " ")


def _within(task: Task, area: CareArea) -> str:
    name = label(task.activity)
    area_name = _AREA_LABEL[area]
    return name if name == area_name else f"{name} (part of {area_name})"


def _named(rule: Rule, activity: Activity) -> Default[Case, CareAnswer]:
    def applies(case: Case) -> str | None:
        return f"{label(activity)} is named as permitted" if case[0].activity == activity else None

    return Default(rule, CareAnswer.PERMITTED, applies)


def _provider(care: CareBoundaries) -> Default[Case, CareAnswer]:
    summaries = {t.name: t.summary for t in care.permitted_tasks}

    def applies(case: Case) -> str | None:
        summary = summaries.get(case[0].activity)
        return None if summary is None else f"the provider's policy permits {label(case[0].activity)}: {summary}"

    return Default(R.PROVIDER_PERMISSION, CareAnswer.PERMITTED, applies)


def _when(rule: Rule, test: Callable[[Task], str | None]) -> Default[Case, CareAnswer]:
    return Default(rule, CareAnswer.PERMITTED, lambda case: test(case[0]))


def _podiatrist(task: Task) -> str | None:
    return "the nail care is given by a chiropodist or podiatrist" if task.by_podiatrist else None


def _not_supervision(task: Task) -> str | None:
    if task.help is HelpKind.ENCOURAGEMENT:
        return "only encouraging the person is not supervision"
    if task.help is HelpKind.CHECKING_AFTERWARDS:
        return "only checking afterwards is not supervision"
    return None


def _outside_home(task: Task) -> str | None:
    if task.help is HelpKind.PROMPTING_AND_SUPERVISION and task.place is Place.ELSEWHERE:
        return "the prompting and supervision is not in the person's own home"
    return None


def _can_decide(task: Task) -> str | None:
    if task.help is HelpKind.PROMPTING_AND_SUPERVISION and task.can_decide is CanDecide.YES:
        return "the person can decide for themselves to do it"
    return None


def _physical(case: Case) -> str | None:
    task, area = case
    if task.help is not HelpKind.PHYSICAL_ASSISTANCE:
        return None
    return f"physical assistance with {_within(task, area)}"


def _prompting(case: Case) -> str | None:
    task, area = case
    if (
        task.help is HelpKind.PROMPTING_AND_SUPERVISION
        and task.place is Place.OWN_HOME
        and task.can_decide is CanDecide.NO
    ):
        return f"prompting and supervising {_within(task, area)} at home, for a person who cannot decide without it"
    return None


def definition_trees(care: CareBoundaries) -> tuple[Default[Case, CareAnswer], Default[Case, CareAnswer]]:
    """The general definition as two trees (physical assistance; prompting and supervision).

    Each root answers "personal care"; every exception below it answers
    "permitted". ``care`` supplies the provider's own permitted tasks.
    """
    permissions = [_named(rule, activity) for rule, activity in _PERMITTED_ACTIVITY.items()]
    shared = (*permissions, _provider(care), _when(R.NAIL_CARE_BY_PODIATRIST, _podiatrist))
    physical = Default(R.PHYSICAL_ASSISTANCE, CareAnswer.PERSONAL_CARE, _physical, shared)
    limits = (
        _when(R.NOT_SUPERVISION, _not_supervision),
        _when(R.OUTSIDE_OWN_HOME, _outside_home),
        _when(R.PERSON_CAN_DECIDE, _can_decide),
    )
    prompting = Default(R.PROMPTING_AND_SUPERVISION, CareAnswer.PERSONAL_CARE, _prompting, (*shared, *limits))
    return physical, prompting


def unsettled(case: Case) -> Decision[CareAnswer]:
    """The fallback when no rule speaks: unclear, naming what is not recorded."""
    task, area = case
    missing: list[str] = []
    if task.can_decide is CanDecide.UNKNOWN:
        missing.append(f"whether the person can decide to do {label(task.activity)} without prompting and supervision")
    if task.place is Place.UNKNOWN:
        missing.append("whether this happens in the person's own home")
    detail = f"{task.help.value.replace('-', ' ')} with {_within(task, area)}: the definition does not settle it"
    return Decision(
        CareAnswer.UNCLEAR, (R.ASK_MANAGEMENT.because(f"{detail}; ask {role_ref('care_adviser')}"),), missing
    )


def evaluate(
    trees: tuple[Default[Case, CareAnswer], Default[Case, CareAnswer]], task: Task, area: CareArea
) -> Decision[CareAnswer]:
    """Classify ``task`` (in ``area``) with ``trees``: the tree for its kind of help decides."""
    tree = trees[0] if task.help is HelpKind.PHYSICAL_ASSISTANCE else trees[1]
    result = evaluate_defaults((tree,), (task, area), unsettled)
    if result.answer is CareAnswer.PERSONAL_CARE:
        reasons = list(result.reasons)
        if reasons[0].rule_id == R.PROMPTING_AND_SUPERVISION.id:
            reasons[0] = attrs.evolve(reasons[0], would_change=_PROMPTING_LIMITS)
        escalate = R.ESCALATE.because(f"refuse {label(task.activity)} and tell {role_ref('escalation')} at once")
        return Decision(result.answer, (*reasons, escalate), result.missing)
    return result


_PROMPTING_LIMITS = "not personal care if the person can decide for themselves, or away from their own home"


def _activities(care: CareBoundaries) -> list[tuple[str, CareArea]]:
    return [*ACTIVITY_AREA.items(), *((t.name, t.area) for t in care.permitted_tasks)]


@lru_cache(maxsize=32)
def decision_table(care: CareBoundaries) -> dict[_Key, Decision[CareAnswer]]:
    """Every description ``care`` admits, classified once (a few thousand entries; ~10 ms).

    Only prompting and supervision depends on place and capacity, so other
    kinds of help are evaluated once and shared across those (a test checks
    the table against direct evaluation).
    """
    trees = definition_trees(care)
    table: dict[_Key, Decision[CareAnswer]] = {}
    for activity, area in _activities(care):
        for by in (False, True) if area is CareArea.NAIL_CARE else (False,):
            for help_kind in HelpKind:
                shared = None
                if help_kind is not HelpKind.PROMPTING_AND_SUPERVISION:
                    shared = evaluate(trees, Task(activity, help_kind, by_podiatrist=by), area)
                for place in Place:
                    for can_decide in CanDecide:
                        table[(activity, help_kind, place, can_decide, by)] = shared or evaluate(
                            trees, Task(activity, help_kind, place, can_decide, by), area
                        )
    return table


def _refuse(task: Task, care: CareBoundaries) -> InvalidInput:
    area = care.area_of(task.activity)
    if area is None:
        return InvalidInput(
            "task.activity", task.activity, "a built-in activity or a task the policy's care data permits"
        )
    return InvalidInput(
        "task.by_podiatrist", True, f"False: a chiropodist or podiatrist gives nail care, not {area.value}"
    )


@public
def classify_task(task: Task, policy: Policy) -> Decision[CareAnswer]:
    """Whether staff may do ``task`` under ``policy``: permitted, personal care, or unclear.

    Raises :class:`~carerules.InvalidInput` for an activity that is neither
    built in nor permitted by the policy, or a podiatrist on a task outside
    nail care.
    """
    found = decision_table(policy.care).get((task.activity, task.help, task.place, task.can_decide, task.by_podiatrist))
    if found is None:
        raise _refuse(task, policy.care)
    return found


@attrs.frozen
class ClassifiedTasks(Tabular):
    """Many tasks and their decisions, in input order."""

    tasks: tuple[Task, ...] = attrs.field(validator=instance(tuple, "classified_tasks.tasks"))
    decisions: tuple[Decision[CareAnswer], ...] = attrs.field(validator=instance(tuple, "classified_tasks.decisions"))
    #: What the policy calls each role the actions name (see :data:`carerules.ROLES`).
    roles: Mapping[str, str] = attrs.field(factory=dict, kw_only=True, converter=frozen_roles, hash=False)
    #: The policy that produced it (id and version).
    policy: PolicyStamp | None = attrs.field(default=None, kw_only=True)

    def role(self, key: str) -> str:
        """What the classifying policy calls the role ``key``."""
        return role_name(self.roles, key)

    def __attrs_post_init__(self) -> None:
        one_answer_each(self.tasks, self.decisions, "decisions", "task")

    def __len__(self) -> int:
        return len(self.tasks)

    def counts(self) -> dict[CareAnswer, int]:
        """How many tasks got each answer (every answer listed, zero included)."""
        out = dict.fromkeys(CareAnswer, 0)
        for d in self.decisions:
            out[d.answer] += 1
        return out

    def rows(self) -> list[dict[str, Any]]:
        """One plain dict per task, ready for a DataFrame."""
        return [
            {
                "task": t.id,
                "activity": str(t.activity),
                "help": t.help.value,
                "place": t.place.value,
                "can_decide": t.can_decide.value,
                "by_podiatrist": t.by_podiatrist,
                "answer": d.answer.value,
                "action": d.answer.action_in(self),
                "rules": ", ".join(d.rule_ids),
                "missing": "; ".join(d.missing),
            }
            for t, d in zip(self.tasks, self.decisions, strict=True)
        ]


def classify_tasks(tasks: Iterable[Task], policy: Policy) -> ClassifiedTasks:
    """Classify every task under ``policy`` (same answers as :func:`classify_task`).

    Arguments are checked here rather than by the generic guard, which would
    cost more than the classification itself on large batches.
    """
    items_ = items("tasks", tasks)
    if not isinstance(policy, Policy):
        raise InvalidInput("policy", policy, "a Policy")
    table = decision_table(policy.care)
    grounder = policy.grounder
    # Many tasks share one table entry: ground each entry once, not once per task.
    grounded: dict[int, Decision[CareAnswer]] = {}
    decisions: list[Decision[CareAnswer]] = []
    append = decisions.append
    for t in items_:
        if t.__class__ is not Task:
            raise InvalidInput("tasks", t, "Task objects")
        found = table.get((t.activity, t.help, t.place, t.can_decide, t.by_podiatrist))
        if found is None:
            raise _refuse(t, policy.care)
        mine = grounded.get(id(found))
        if mine is None:
            mine = grounded[id(found)] = grounder.decision(found)
        append(mine)
    return ClassifiedTasks(items_, tuple(decisions), roles=dict(policy.roles))


@public
def care_table(policy: Policy, *, place: Place = Place.OWN_HOME, can_decide: CanDecide = CanDecide.NO) -> str:
    """A Markdown table: every activity the policy knows x every kind of help, answered.

    Place and capacity are fixed for the whole table (by default: at home,
    for a person who cannot decide without prompting).
    """
    table = decision_table(policy.care)
    helps = list(HelpKind)
    lines = ["| activity | " + " | ".join(h.value for h in helps) + " |", "| --- |" + " --- |" * len(helps)]
    names = [*ACTIVITY_AREA, *(t.name for t in policy.care.permitted_tasks)]
    for name in names:
        cells = [table[(name, h, place, can_decide, False)].answer.value for h in helps]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
