"""Personal care: the worked examples of the Buddies policy, Compliance / Personal Care."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import carerules as cr
from carerules import Activity, CanDecide, CareAnswer, HelpKind, Place, Task

PHYSICAL = HelpKind.PHYSICAL_ASSISTANCE
PROMPTING = HelpKind.PROMPTING_AND_SUPERVISION

SUN_CREAM = cr.PermittedTask("applying-sun-cream", cr.CareArea.SKIN_CARE, "agreed with every family for days out")
PROVIDER = attrs.evolve(cr.BUDDIES, care=cr.CareBoundaries(permitted_tasks=(SUN_CREAM,)))


def classify(activity: str, help: HelpKind = PHYSICAL, **kw: object) -> cr.Decision[CareAnswer]:
    return cr.classify_task(Task(activity, help, **kw), cr.BUDDIES)  # type: ignore[arg-type]


def test_bathing_by_physical_assistance_is_personal_care_and_escalated() -> None:
    """Definition (a)(c): physical assistance with washing or bathing."""
    d = classify(Activity.WASHING_BATHING)
    assert d.answer is CareAnswer.PERSONAL_CARE
    assert d.rule_ids == ("care.personal-care.physical-assistance", "care.personal-care.escalate")
    assert "CEO" in d.explain()
    assert d.answer.action_in(cr.BUDDIES) == "refuse and tell the CEO at once"


def test_help_with_make_up_is_permitted_although_skin_care_is_personal_care() -> None:
    """Compliance / Personal Care: help with make-up is named as permitted, overriding care of skin."""
    d = classify(Activity.MAKE_UP)
    assert d.answer is CareAnswer.PERMITTED
    assert d.rule_ids == ("care.personal-care.physical-assistance", "care.permitted.make-up")
    assert "set aside by care.permitted.make-up" in d.reasons[0].detail


def test_brushing_hair_is_permitted_but_other_hair_care_is_personal_care() -> None:
    """Permissions: brushing hair is hair care, but named as permitted; other hair care is not."""
    brushing = classify(Activity.BRUSHING_HAIR)
    other = classify(Activity.HAIR_CARE)
    assert brushing.answer is CareAnswer.PERMITTED
    assert "care.permitted.brushing-hair" in brushing.rule_ids
    assert other.answer is CareAnswer.PERSONAL_CARE
    assert not any(r.startswith("care.permitted") for r in other.rule_ids)


@pytest.mark.parametrize(
    ("activity", "rule_id"),
    [
        (Activity.DOING_HAIR, "care.permitted.doing-hair"),
        (Activity.DRYING_HAIR, "care.permitted.drying-hair"),
        (Activity.STRAIGHTENING_CLOTHING, "care.permitted.straightening-clothing"),
    ],
)
def test_named_everyday_help_is_permitted_by_its_own_rule(activity: Activity, rule_id: str) -> None:
    """Compliance / Personal Care: doing and drying hair and straightening clothing are named as permitted."""
    decision = classify(activity)
    assert decision.answer is CareAnswer.PERMITTED
    assert decision.rule_ids[-1] == rule_id


def test_nail_care_by_staff_is_personal_care_but_by_a_podiatrist_it_is_the_podiatrists_task() -> None:
    """Definition (a)(f): nail care is excepted when a chiropodist or podiatrist gives it (and it is theirs to give)."""
    staff = classify(Activity.NAIL_CARE)
    podiatrist = classify(Activity.NAIL_CARE, by_podiatrist=True)
    assert staff.answer is CareAnswer.PERSONAL_CARE
    assert podiatrist.answer is CareAnswer.PODIATRIST_TASK
    assert "care.personal-care.nail-care-by-podiatrist" in podiatrist.rule_ids


def test_prompting_and_supervising_toileting_at_home_for_someone_who_cannot_decide_is_personal_care() -> None:
    """Definition (b): prompting and supervision, own home, person unable to decide without it."""
    d = classify(Activity.TOILETING, PROMPTING, place=Place.OWN_HOME, can_decide=CanDecide.NO)
    assert d.answer is CareAnswer.PERSONAL_CARE
    assert d.rule_ids[0] == "care.personal-care.prompting-and-supervision"
    assert d.reasons[0].would_change == (
        "not personal care if the person can decide for themselves; away from where they are living it is unclear"
    )
    assert d.missing == ()


@pytest.mark.parametrize("help", [HelpKind.ENCOURAGEMENT, HelpKind.CHECKING_AFTERWARDS])
def test_mere_encouragement_or_checking_afterwards_is_not_supervision(help: HelpKind) -> None:
    """Compliance / Personal Care: encouragement, or checking after the event, is not supervision."""
    d = classify(Activity.WASHING_BATHING, help, place=Place.OWN_HOME, can_decide=CanDecide.NO)
    assert d.answer is CareAnswer.PERMITTED
    assert d.rule_ids == ("care.personal-care.not-supervision",)


def test_capacity_unknown_with_prompting_at_home_is_unclear_and_says_what_is_missing() -> None:
    """Product decision: unknown capacity where prompting and supervision are involved is unclear."""
    d = classify(Activity.TOILETING, PROMPTING, place=Place.OWN_HOME)
    assert d.answer is CareAnswer.UNCLEAR
    assert d.rule_ids == ("care.personal-care.unclear",)
    assert d.missing == ("whether the person can decide to do toileting without prompting and supervision",)
    assert d.answer.action_in(cr.BUDDIES) == "ask management before doing it"


def test_place_unknown_with_prompting_someone_who_cannot_decide_is_unclear() -> None:
    d = classify(Activity.DRESSING, PROMPTING, can_decide=CanDecide.NO)
    assert d.answer is CareAnswer.UNCLEAR
    assert d.missing == ("whether this happens where the person is living",)


def test_prompting_for_someone_who_can_decide_is_not_personal_care_wherever_it_happens() -> None:
    """Definition (b) needs a person unable to decide without the prompting and supervision."""
    for place in (Place.OWN_HOME, Place.ELSEWHERE, Place.UNKNOWN):
        able = classify(Activity.EATING_DRINKING, PROMPTING, place=place, can_decide=CanDecide.YES)
        assert able.answer is CareAnswer.PERMITTED
        assert able.rule_ids == ("care.personal-care.person-can-decide",)


def test_straightening_clothing_is_permitted_but_dressing_is_personal_care() -> None:
    """Compliance / Personal Care: straightening clothing is permitted; dressing is definition (a)(d)."""
    assert classify(Activity.STRAIGHTENING_CLOTHING).answer is CareAnswer.PERMITTED
    assert classify(Activity.DRESSING).answer is CareAnswer.PERSONAL_CARE


def test_fastening_shoes_is_permitted() -> None:
    """Compliance / Personal Care: making sure shoes are fastened safely is permitted."""
    d = classify(Activity.FASTENING_SHOES)
    assert d.answer is CareAnswer.PERMITTED
    assert d.rule_ids[-1] == "care.permitted.fastening-shoes"


def test_oral_care_by_physical_assistance_is_personal_care() -> None:
    """Definition (a)(e): oral care."""
    assert classify(Activity.ORAL_CARE).answer is CareAnswer.PERSONAL_CARE


def test_menstrual_care_is_personal_care_as_part_of_toileting() -> None:
    """Compliance / Personal Care, definition (a)(b): toileting counts menstrual care."""
    d = classify(Activity.MENSTRUAL_CARE)
    assert d.answer is CareAnswer.PERSONAL_CARE
    assert "menstrual care (part of toileting)" in d.reasons[0].detail


def test_parenteral_nutrition_is_personal_care_as_part_of_eating_and_drinking() -> None:
    """Compliance / Personal Care, definition (a)(a): eating or drinking counts parenteral nutrition."""
    d = classify(Activity.PARENTERAL_NUTRITION)
    assert d.answer is CareAnswer.PERSONAL_CARE
    assert "part of eating or drinking" in d.reasons[0].detail


def test_a_provider_permitted_task_is_permitted_only_under_that_providers_policy() -> None:
    task = Task("applying-sun-cream", PHYSICAL)
    d = cr.classify_task(task, PROVIDER)
    assert d.answer is CareAnswer.PERMITTED
    assert d.rule_ids == ("care.personal-care.physical-assistance", "care.permitted.provider-task")
    assert "agreed with every family for days out" in d.explain()
    with pytest.raises(cr.InvalidInput, match=r"task\.activity"):
        cr.classify_task(task, cr.BUDDIES)


def test_unknown_activity_is_a_typed_error_naming_the_field() -> None:
    with pytest.raises(cr.InvalidInput) as caught:
        cr.classify_task(Task("juggling", PHYSICAL), cr.BUDDIES)
    assert caught.value.field == "task.activity"
    assert caught.value.value == "juggling"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"activity": "Washing", "help": PHYSICAL}, "task.activity"),
        ({"activity": "washing-bathing", "help": "physical-assistance"}, "task.help"),
        ({"activity": "washing-bathing", "help": PHYSICAL, "place": "home"}, "task.place"),
        ({"activity": "washing-bathing", "help": PHYSICAL, "can_decide": None}, "task.can_decide"),
        ({"activity": "washing-bathing", "help": PHYSICAL, "by_podiatrist": 1}, "task.by_podiatrist"),
        ({"activity": "washing-bathing", "help": PHYSICAL, "by_podiatrist": True}, "task.by_podiatrist"),
    ],
)
def test_malformed_or_contradictory_task_descriptions_are_refused(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(cr.InvalidInput) as caught:
        Task(**kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_a_podiatrist_on_a_provider_task_outside_nail_care_is_refused_when_classified() -> None:
    task = Task("applying-sun-cream", PHYSICAL, by_podiatrist=True)
    with pytest.raises(cr.InvalidInput, match=r"task\.by_podiatrist"):
        cr.classify_task(task, PROVIDER)


@pytest.mark.parametrize(
    ("care", "field"),
    [
        (lambda: cr.CareBoundaries(permitted_tasks=(SUN_CREAM, SUN_CREAM)), "care.permitted_tasks"),
        (lambda: cr.PermittedTask("brushing-hair", cr.CareArea.HAIR_CARE, "x"), "permitted_task.name"),
        (lambda: cr.PermittedTask("plaiting", "hair-care", "x"), "permitted_task.area"),  # type: ignore[arg-type]
        (lambda: cr.CareBoundaries(contact_kinds=("hug",)), "care.contact_kinds"),
        (lambda: cr.CareBoundaries(contact_kinds=("high-five", "high-five")), "care.contact_kinds"),
        (lambda: cr.CareBoundaries(contact_kinds="high-five"), "care.contact_kinds"),
    ],
)
def test_malformed_provider_care_data_is_refused(care: object, field: str) -> None:
    with pytest.raises(cr.InvalidInput) as caught:
        care()  # type: ignore[operator]
    assert caught.value.field == field


def test_batch_rows_are_plain_dicts_in_input_order() -> None:
    tasks = [
        Task(Activity.BRUSHING_HAIR, PHYSICAL, id="t1"),
        Task(Activity.WASHING_BATHING, PHYSICAL, id="t2"),
        Task(Activity.TOILETING, PROMPTING, place=Place.OWN_HOME, id="t3"),
    ]
    batch = cr.classify_tasks(tasks, cr.BUDDIES)
    rows = batch.rows()
    assert [r["task"] for r in rows] == ["t1", "t2", "t3"]
    assert [r["answer"] for r in rows] == ["permitted", "personal-care", "unclear"]
    assert rows[2]["missing"].startswith("whether the person can decide")
    assert all(type(v) in (str, bool, type(None)) for r in rows for v in r.values())
    assert batch.counts() == {
        CareAnswer.PERMITTED: 1,
        CareAnswer.PERSONAL_CARE: 1,
        CareAnswer.UNCLEAR: 1,
        CareAnswer.PODIATRIST_TASK: 0,
    }
    assert len(batch) == 3


def test_batch_refuses_an_unknown_activity_like_the_single_classifier() -> None:
    with pytest.raises(cr.InvalidInput, match=r"task\.activity"):
        cr.classify_tasks([Task(Activity.DRESSING, PHYSICAL), Task("juggling", PHYSICAL)], cr.BUDDIES)


def test_docs_tables_are_the_ones_the_library_generates() -> None:
    """docs/care-boundaries.md shows care_table's output; it must not go stale."""
    page = (Path(__file__).resolve().parents[2] / "docs" / "care-boundaries.md").read_text(encoding="utf-8")
    assert cr.care_table(cr.BUDDIES) in page
    assert cr.care_table(cr.BUDDIES, can_decide=CanDecide.UNKNOWN) in page
    assert cr.care_table(PROVIDER) in page


def test_care_rules_are_grounded_in_the_buddies_document_by_the_built_in() -> None:
    from carerules._care._rules import RULES

    assert all(r in cr.all_rules() for r in RULES)
    for r in RULES:
        assert cr.BUDDIES.source_for(r.id).document in (cr.BUDDIES_DOCUMENT, cr.PRODUCT_DECISIONS)
