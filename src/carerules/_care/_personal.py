"""Personal care: is a task permitted, personal care, unclear, or a podiatrist's task?

The general definition is a :class:`~carerules.Default` tree per kind of
help: physical assistance, and prompting with supervision (part (b), which
needs both halves); prompting alone and supervision alone have trees of
their own. The document's permissions, the podiatrist carve-out, the limits
of "supervision" and the policy's reading of help away from where the person
is living are exceptions that override the roots. Nothing the trees leave
silent is permitted: it falls through to "unclear, ask" (whom the policy
names) with what is missing.

Each description is classified the first time a provider's care data meets
it, and kept (there are only about a thousand), so classifying a batch is a
lookup per task.
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
    AwayReading,
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
#: How each listed activity is named in reasons (also used by onboarding's plan-needs check).
AREA_LABEL: dict[str, str] = {
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
    area_name = AREA_LABEL[area]
    return name if name == area_name else f"{name} (part of {area_name})"


def _named(rule: Rule, activity: Activity) -> Default[Case, CareAnswer]:
    def applies(case: Case) -> str | None:
        task = case[0]
        return (
            f"{label(activity)} is named as permitted" if task.activity == activity and not task.by_podiatrist else None
        )

    return Default(rule, CareAnswer.PERMITTED, applies)


def _provider(care: CareBoundaries) -> Default[Case, CareAnswer]:
    summaries = {t.name: t.summary for t in care.permitted_tasks}

    def applies(case: Case) -> str | None:
        # A podiatrist's nail care is the podiatrist's, whatever staff are permitted to do themselves.
        summary = None if case[0].by_podiatrist else summaries.get(case[0].activity)
        return None if summary is None else f"the provider's policy permits {label(case[0].activity)}: {summary}"

    return Default(R.PROVIDER_PERMISSION, CareAnswer.PERMITTED, applies)


def _when(
    rule: Rule, test: Callable[[Task], str | None], answer: CareAnswer = CareAnswer.PERMITTED
) -> Default[Case, CareAnswer]:
    return Default(rule, answer, lambda case: test(case[0]))


def _podiatrist(task: Task) -> str | None:
    if task.by_podiatrist:
        return "the nail care is given by a chiropodist or podiatrist, so it is not personal care"
    return None


def _not_supervision(task: Task) -> str | None:
    if task.help is HelpKind.ENCOURAGEMENT:
        return "only encouraging the person is not supervision"
    if task.help is HelpKind.CHECKING_AFTERWARDS:
        return "only checking afterwards is not supervision"
    return None


def _can_decide(task: Task) -> str | None:
    if task.can_decide is CanDecide.YES:
        return "the person can decide for themselves to do it"
    return None


def _prompting_only(case: Case) -> str | None:
    task, area = case
    return (
        f"prompting {_within(task, area)} without supervising it: part (b) needs prompting and supervision "
        "together, and the supervision is missing, so it is not personal care"
    )


def _supervision_only(case: Case) -> str | None:
    task, area = case
    return (
        f"supervising {_within(task, area)} without prompting: part (b) needs prompting and supervision "
        "together, and the prompting is missing"
    )


def _physical(case: Case) -> str | None:
    task, area = case
    return f"physical assistance with {_within(task, area)}"


def _prompting(case: Case) -> str | None:
    task, area = case
    if task.place is Place.OWN_HOME and task.can_decide is CanDecide.NO:
        return f"prompting and supervising {_within(task, area)} at home, for a person who cannot decide without it"
    return None


_BOTH_HALVES = (
    "the definition covers support where the person is living, and the service offers no personal care in any form"
)
_READS = {
    AwayReading.UNCLEAR: ", so it is unclear",
    AwayReading.PERSONAL_CARE: "; this policy counts it as personal care",
    AwayReading.PERMITTED: "; this policy permits it",
}


def _away(
    rule: Rule, reading: AwayReading, permitted: frozenset[str], applies: Callable[[Task], bool], what: str
) -> Default[Case, CareAnswer]:
    """The policy's reading of ``what`` away from where the person is living, as an exception.

    It stands aside for a permitted activity and a podiatrist (their own
    exceptions answer), so no two exceptions disagree.
    """

    def detail(case: Case) -> str | None:
        task, area = case
        if task.place is not Place.ELSEWHERE or task.by_podiatrist or task.activity in permitted or not applies(task):
            return None
        return f"{what} {_within(task, area)} away from where the person is living: {_BOTH_HALVES}{_READS[reading]}"

    return Default(rule, reading.answer, detail)


def definition_trees(care: CareBoundaries) -> dict[HelpKind, Default[Case, CareAnswer]]:
    """The general definition and its exceptions as one tree per kind of help.

    The definition's roots answer "personal care" (physical assistance;
    prompting and supervision together) or "unclear" (supervision alone);
    prompting alone, encouragement and checking afterwards are "permitted"
    by their own rules. The permissions, the podiatrist carve-out, a person
    who can decide, and the policy's reading of help away from where the
    person is living (``care.away_from_home``) are exceptions below the roots.
    """
    away = care.away_from_home
    permitted = frozenset((*_PERMITTED_ACTIVITY.values(), *(t.name for t in care.permitted_tasks)))
    permissions = (*(_named(rule, activity) for rule, activity in _PERMITTED_ACTIVITY.items()), _provider(care))
    podiatrist = _when(R.NAIL_CARE_BY_PODIATRIST, _podiatrist, CareAnswer.PODIATRIST_TASK)
    can_decide = _when(R.PERSON_CAN_DECIDE, _can_decide)
    physical_away = _away(
        R.PHYSICAL_AWAY_FROM_HOME, away.physical_assistance, permitted, lambda t: True, "physical assistance with"
    )
    reading = away.prompting_and_supervision

    def undecided(task: Task) -> bool:
        # Read as personal care, it is personal care only for a person who cannot decide, as at home.
        return task.can_decide is CanDecide.NO or (
            task.can_decide is CanDecide.UNKNOWN and reading is not AwayReading.PERSONAL_CARE
        )

    prompting_away = _away(R.PROMPTING_AWAY_FROM_HOME, reading, permitted, undecided, "prompting and supervising")
    supervision = [*permissions, can_decide]
    if reading is AwayReading.PERMITTED:
        supervision.append(
            _away(
                R.PROMPTING_AWAY_FROM_HOME,
                reading,
                permitted,
                lambda t: t.can_decide is not CanDecide.YES,
                "supervising",
            )
        )
    not_supervision = _when(R.NOT_SUPERVISION, _not_supervision)
    return {
        HelpKind.PHYSICAL_ASSISTANCE: Default(
            R.PHYSICAL_ASSISTANCE, CareAnswer.PERSONAL_CARE, _physical, (*permissions, podiatrist, physical_away)
        ),
        HelpKind.PROMPTING_AND_SUPERVISION: Default(
            R.PROMPTING_AND_SUPERVISION,
            CareAnswer.PERSONAL_CARE,
            _prompting,
            (*permissions, can_decide, prompting_away),
        ),
        HelpKind.PROMPTING_ONLY: Default(R.PROMPTING_ONLY, CareAnswer.PERMITTED, _prompting_only),
        HelpKind.SUPERVISION_ONLY: Default(
            R.SUPERVISION_ONLY, CareAnswer.UNCLEAR, _supervision_only, tuple(supervision)
        ),
        HelpKind.ENCOURAGEMENT: not_supervision,
        HelpKind.CHECKING_AFTERWARDS: not_supervision,
    }


def unsettled(case: Case) -> Decision[CareAnswer]:
    """The fallback when no rule speaks: unclear, naming what is not recorded."""
    task, area = case
    missing: list[str] = []
    if task.can_decide is CanDecide.UNKNOWN:
        missing.append(f"whether the person can decide to do {label(task.activity)} without prompting and supervision")
    if task.place is Place.UNKNOWN:
        missing.append("whether this happens where the person is living")
    detail = f"{task.help.value.replace('-', ' ')} with {_within(task, area)}: the definition does not settle it"
    return Decision(
        CareAnswer.UNCLEAR, (R.ASK_MANAGEMENT.because(f"{detail}; ask {role_ref('care_adviser')}"),), missing
    )


def evaluate(trees: Mapping[HelpKind, Default[Case, CareAnswer]], task: Task, area: CareArea) -> Decision[CareAnswer]:
    """Classify ``task`` (in ``area``) with ``trees``: the tree for its kind of help decides.

    What staff do follows as a last reason: escalate personal care, ask
    about anything unclear, leave a podiatrist's task to the podiatrist.
    """
    result = evaluate_defaults((trees[task.help],), (task, area), unsettled)
    reasons = list(result.reasons)
    answer = result.answer
    name = label(task.activity)
    if answer is CareAnswer.PERSONAL_CARE:
        if reasons[0].rule_id == R.PROMPTING_AND_SUPERVISION.id:
            reasons[0] = attrs.evolve(reasons[0], would_change=_prompting_limits(trees))
        reasons.append(R.ESCALATE.because(f"refuse {name} and tell {role_ref('escalation')} at once"))
    elif answer is CareAnswer.UNCLEAR and reasons[-1].rule_id != R.ASK_MANAGEMENT.id:
        reasons.append(R.ASK_MANAGEMENT.because(f"ask {role_ref('care_adviser')} before giving this help with {name}"))
    elif answer is CareAnswer.PODIATRIST_TASK:
        reasons.append(R.PODIATRIST_TASK.because(f"{name} by a chiropodist or podiatrist is their task, not staff's"))
    else:
        return result
    return Decision(answer, reasons, result.missing)


def _prompting_limits(trees: Mapping[HelpKind, Default[Case, CareAnswer]]) -> str:
    exceptions = trees[HelpKind.PROMPTING_AND_SUPERVISION].exceptions
    reading = next((e.answer for e in exceptions if e.rule is R.PROMPTING_AWAY_FROM_HOME), None)
    where = (
        {
            CareAnswer.UNCLEAR: "; away from where they are living it is unclear",
            CareAnswer.PERMITTED: ", or away from where they are living",
        }.get(reading, "")
        if reading is not None
        else ""
    )
    return f"not personal care if the person can decide for themselves{where}"


def _activities(care: CareBoundaries) -> list[tuple[str, CareArea]]:
    return [*ACTIVITY_AREA.items(), *((t.name, t.area) for t in care.permitted_tasks)]


#: Kinds of help whose answer depends on neither place nor capacity.
_PLACELESS = frozenset({HelpKind.PROMPTING_ONLY, HelpKind.ENCOURAGEMENT, HelpKind.CHECKING_AFTERWARDS})


class DecisionTable:
    """The decisions of one policy's care data, each evaluated the first time it is asked for, then kept.

    There are about a thousand possible descriptions; a batch meets few of
    them, so filling the table as it goes costs one evaluation per distinct
    description and then one dictionary lookup per task (``known``).
    """

    __slots__ = ("_areas", "_trees", "known")

    def __init__(self, care: CareBoundaries) -> None:
        self._trees = definition_trees(care)
        self._areas = dict(_activities(care))
        #: The descriptions evaluated so far (the hot path reads this directly).
        self.known: dict[_Key, Decision[CareAnswer]] = {}

    def get(self, key: _Key) -> Decision[CareAnswer] | None:
        """The decision for ``key`` (a valid :class:`Task`'s fields), or ``None`` if the care data does not admit it."""
        found = self.known.get(key)
        return found if found is not None else self.fill(key)

    def fill(self, key: _Key) -> Decision[CareAnswer] | None:
        """Evaluate ``key`` and keep it; ``None`` for an activity the care data does not know, or a podiatrist
        outside nail care."""
        activity, help_kind, place, can_decide, by = key
        area = self._areas.get(activity)
        if area is None or (by and area is not CareArea.NAIL_CARE):
            return None
        # Descriptions that differ only in what their kind of help ignores share one decision, so a batch
        # grounds each distinct decision once (a test checks every entry against direct evaluation).
        if help_kind in _PLACELESS or (help_kind is HelpKind.PHYSICAL_ASSISTANCE and place is not Place.ELSEWHERE):
            place = Place.UNKNOWN
        if help_kind in _PLACELESS or help_kind is HelpKind.PHYSICAL_ASSISTANCE:
            can_decide = CanDecide.UNKNOWN
        shared = (activity, help_kind, place, can_decide, by)
        decision = self.known.get(shared)
        if decision is None:
            decision = evaluate(self._trees, Task(activity, help_kind, place, can_decide, by), area)
            decision = self.known.setdefault(shared, decision)
        return self.known.setdefault(key, decision)

    def __getitem__(self, key: _Key) -> Decision[CareAnswer]:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found


@lru_cache(maxsize=32)
def decision_table(care: CareBoundaries) -> DecisionTable:
    """The decision table of ``care``, one per provider's care data (a test checks it against direct evaluation)."""
    return DecisionTable(care)


def _refuse(task: Task, care: CareBoundaries) -> InvalidInput:
    area = care.area_of(task.activity)
    if area is None:
        return InvalidInput(
            "task.activity",
            task.activity,
            "a built-in activity or a task the policy's care data permits",
            at=(task, "activity"),
        )
    return InvalidInput(
        "task.by_podiatrist",
        True,
        f"False: a chiropodist or podiatrist gives nail care, not {area.value}",
        at=(task, "by_podiatrist"),
    )


@public
def classify_task(task: Task, policy: Policy) -> Decision[CareAnswer]:
    """Whether staff may do ``task`` under ``policy``: permitted, personal care, unclear, or a podiatrist's task.

    Help away from where the person is living is answered as the policy's
    ``care.away_from_home`` reads it (built in: unclear). Raises
    :class:`~carerules.InvalidInput` for an activity that is neither built in
    nor permitted by the policy, or a podiatrist on a task outside nail care
    (a :class:`Task` already refuses a podiatrist with any help but
    physical assistance).
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
    known = table.known
    grounder = policy.grounder
    # Many tasks share one table entry: ground each entry once, not once per task.
    grounded: dict[int, Decision[CareAnswer]] = {}
    decisions: list[Decision[CareAnswer]] = []
    append = decisions.append
    for t in items_:
        if t.__class__ is not Task:
            raise InvalidInput("tasks", t, "Task objects")
        key = (t.activity, t.help, t.place, t.can_decide, t.by_podiatrist)
        found = known.get(key) or table.fill(key)
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
