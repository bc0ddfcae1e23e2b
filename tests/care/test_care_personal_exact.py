"""Batch classification of care tasks pinned row by row; refusals pinned field by field.

Written to kill the mutants that survived ``make mutation`` on ``_care._personal``. The
classifier answers from a table built once per policy and cached (``decision_table``); each
test here starts from an empty cache so the definition trees are evaluated afresh, whatever
ran before (mutmut forks its workers after a warm-up run that fills the cache).
"""

# ruff: noqa: E501 (the expected rows are kept one per line)

from __future__ import annotations

import pytest

import carerules as cr
from carerules import Activity, CanDecide, CareAnswer, Place, Task
from carerules._care._personal import decision_table
from tests.care.test_care_personal import PHYSICAL, PROMPTING, PROVIDER


@pytest.fixture(autouse=True)
def _fresh_decision_tables() -> None:
    decision_table.cache_clear()


def tasks() -> list[Task]:
    return [
        Task(Activity.BRUSHING_HAIR, PHYSICAL, id="t1"),
        Task(Activity.WASHING_BATHING, PHYSICAL, place=Place.OWN_HOME, can_decide=CanDecide.YES, id="t2"),
        Task(Activity.TOILETING, PROMPTING, place=Place.OWN_HOME, id="t3"),
        Task(Activity.NAIL_CARE, PHYSICAL, by_podiatrist=True, id="t4"),
        Task(Activity.DRESSING, PHYSICAL, id="t5"),
        Task(Activity.TOILETING, PROMPTING, id="t6"),
    ]


def test_batch_rows_name_every_field_answer_action_rule_and_missing_fact() -> None:
    """care.personal-care.physical-assistance, escalate, ask-management, nail-care-by-podiatrist,
    care.permitted.brushing-hair: one row per task, in input order."""
    assert cr.classify_tasks(tasks(), cr.BUDDIES).rows() == [
        {
            "task": "t1",
            "activity": "brushing-hair",
            "help": "physical-assistance",
            "place": "unknown",
            "can_decide": "unknown",
            "by_podiatrist": False,
            "answer": "permitted",
            "action": "staff may do it",
            "rules": "care.personal-care.physical-assistance, care.permitted.brushing-hair",
            "missing": "",
        },
        {
            "task": "t2",
            "activity": "washing-bathing",
            "help": "physical-assistance",
            "place": "own-home",
            "can_decide": "yes",
            "by_podiatrist": False,
            "answer": "personal-care",
            "action": "refuse and tell the CEO at once",
            "rules": "care.personal-care.physical-assistance, care.personal-care.escalate",
            "missing": "",
        },
        {
            "task": "t3",
            "activity": "toileting",
            "help": "prompting-and-supervision",
            "place": "own-home",
            "can_decide": "unknown",
            "by_podiatrist": False,
            "answer": "unclear",
            "action": "ask management before doing it",
            "rules": "care.personal-care.unclear",
            "missing": "whether the person can decide to do toileting without prompting and supervision",
        },
        {
            "task": "t4",
            "activity": "nail-care",
            "help": "physical-assistance",
            "place": "unknown",
            "can_decide": "unknown",
            "by_podiatrist": True,
            "answer": "podiatrist-task",
            "action": "not personal care, and not for staff: the chiropodist or podiatrist does it",
            "rules": "care.personal-care.physical-assistance, care.personal-care.nail-care-by-podiatrist, "
            "care.personal-care.podiatrist-task",
            "missing": "",
        },
        {
            "task": "t5",
            "activity": "dressing",
            "help": "physical-assistance",
            "place": "unknown",
            "can_decide": "unknown",
            "by_podiatrist": False,
            "answer": "personal-care",
            "action": "refuse and tell the CEO at once",
            "rules": "care.personal-care.physical-assistance, care.personal-care.escalate",
            "missing": "",
        },
        {
            "task": "t6",
            "activity": "toileting",
            "help": "prompting-and-supervision",
            "place": "unknown",
            "can_decide": "unknown",
            "by_podiatrist": False,
            "answer": "unclear",
            "action": "ask management before doing it",
            "rules": "care.personal-care.unclear",
            "missing": "whether the person can decide to do toileting without prompting and supervision; whether this happens where the person is living",
        },
    ]


def test_batch_counts_every_answer() -> None:
    assert cr.classify_tasks(tasks(), cr.BUDDIES).counts() == {
        CareAnswer.PERMITTED: 1,
        CareAnswer.PERSONAL_CARE: 2,
        CareAnswer.UNCLEAR: 2,
        CareAnswer.PODIATRIST_TASK: 1,
    }
    assert cr.classify_tasks([], cr.BUDDIES).counts() == dict.fromkeys(CareAnswer, 0)


def test_batch_with_a_decision_missing_is_refused_naming_both_lengths() -> None:
    batch = cr.classify_tasks(tasks(), cr.BUDDIES)
    with pytest.raises(cr.InvalidInput) as caught:
        cr.ClassifiedTasks(batch.tasks, batch.decisions[:-1])
    assert (caught.value.field, caught.value.value, caught.value.expected) == (
        "decisions",
        5,
        "one decision per task (6)",
    )


@pytest.mark.parametrize("classify", [cr.classify_task, lambda t, p: cr.classify_tasks([t], p)])
def test_unknown_activity_is_refused_naming_it(classify: object) -> None:
    with pytest.raises(cr.InvalidInput) as caught:
        classify(Task("juggling", PHYSICAL), cr.BUDDIES)  # type: ignore[operator]
    assert (caught.value.field, caught.value.value, caught.value.expected) == (
        "task.activity",
        "juggling",
        "a built-in activity or a task the policy's care data permits",
    )


def test_podiatrist_on_a_provider_skin_care_task_is_refused_naming_the_area() -> None:
    """care.personal-care.nail-care-by-podiatrist: a podiatrist's exception covers nail care only."""
    with pytest.raises(cr.InvalidInput) as caught:
        cr.classify_task(Task("applying-sun-cream", PHYSICAL, by_podiatrist=True), PROVIDER)
    assert (caught.value.field, caught.value.value, caught.value.expected) == (
        "task.by_podiatrist",
        True,
        "False: a chiropodist or podiatrist gives nail care, not skin-care",
    )


@pytest.mark.parametrize(
    ("task", "explanation"),
    [
        (
            Task(Activity.TOILETING, PROMPTING, place=Place.OWN_HOME, can_decide=CanDecide.YES),
            "[care.personal-care.person-can-decide] the person can decide for themselves to do it",
        ),
        (
            Task(Activity.TOILETING, cr.HelpKind.ENCOURAGEMENT, place=Place.OWN_HOME, can_decide=CanDecide.NO),
            "[care.personal-care.not-supervision] only encouraging the person is not supervision",
        ),
        (
            Task(Activity.TOILETING, cr.HelpKind.CHECKING_AFTERWARDS, place=Place.OWN_HOME, can_decide=CanDecide.NO),
            "[care.personal-care.not-supervision] only checking afterwards is not supervision",
        ),
    ],
)
def test_each_exception_to_personal_care_says_why_it_applied(task: Task, explanation: str) -> None:
    """The exceptions to the personal-care definition, each explained in its own words."""
    decision = cr.classify_task(task, cr.BUDDIES)
    assert decision.answer is CareAnswer.PERMITTED
    assert decision.explain() == explanation


@pytest.mark.parametrize(
    ("tasks", "policy", "expected"),
    [
        (5, cr.BUDDIES, ("tasks", 5, "a list")),
        ([1], cr.BUDDIES, ("tasks", 1, "Task objects")),
        ([], "buddies", ("policy", "buddies", "a Policy")),
    ],
)
def test_batch_classification_refuses_wrong_arguments_naming_them(
    tasks: object, policy: object, expected: tuple[str, object, str]
) -> None:
    with pytest.raises(cr.InvalidInput) as caught:
        cr.classify_tasks(tasks, policy)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.value, caught.value.expected) == expected


@pytest.mark.parametrize(
    ("task", "policy", "explanation"),
    [
        (
            Task("applying-sun-cream", PHYSICAL),
            PROVIDER,
            "[care.personal-care.physical-assistance] physical assistance with applying sun cream (part of "
            "care of skin); set aside by care.permitted.provider-task\n"
            "[care.permitted.provider-task] the provider's policy permits applying sun cream: agreed with "
            "every family for days out",
        ),
        (
            Task(Activity.TOILETING, PHYSICAL),
            cr.BUDDIES,
            "[care.personal-care.physical-assistance] physical assistance with toileting\n"
            "[care.personal-care.escalate] refuse toileting and tell the CEO at once",
        ),
        (
            Task(Activity.TOILETING, PROMPTING, place=Place.OWN_HOME, can_decide=CanDecide.NO),
            cr.BUDDIES,
            "[care.personal-care.prompting-and-supervision] prompting and supervising toileting at home, "
            "for a person who cannot decide without it (not personal care if the person can decide for themselves; "
            "away from where they are living it is unclear)\n"
            "[care.personal-care.escalate] refuse toileting and tell the CEO at once",
        ),
    ],
)
def test_personal_care_and_provider_tasks_are_explained_in_plain_words(
    task: Task, policy: cr.Policy, explanation: str
) -> None:
    """Activity names read as words ("applying sun cream"); an activity that is its own area is not
    "part of" itself; prompting says what would make it not personal care."""
    assert cr.classify_task(task, policy).explain() == explanation


def test_unsettled_case_asks_management_and_names_the_missing_fact() -> None:
    """care.personal-care.unclear: the definition cannot settle it without knowing more."""
    decision = cr.classify_task(Task(Activity.TOILETING, PROMPTING, place=Place.OWN_HOME), cr.BUDDIES)
    assert decision.answer is CareAnswer.UNCLEAR
    assert decision.explain() == (
        "[care.personal-care.unclear] prompting and supervision with toileting: the definition "
        "does not settle it; ask management\n"
        "missing: whether the person can decide to do toileting without prompting and supervision"
    )


def test_activities_with_two_words_for_one_area_read_naturally() -> None:
    """care.personal-care.physical-assistance: "washing or bathing", not "washing bathing"."""
    decision = cr.classify_task(Task(Activity.WASHING_BATHING, PHYSICAL), cr.BUDDIES)
    assert str(decision.reasons[0]) == (
        "[care.personal-care.physical-assistance] physical assistance with washing or bathing"
    )
