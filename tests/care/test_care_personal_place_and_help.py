"""Personal care where the service works: the definition's place, the two halves of part (b), a podiatrist's task.

Worked examples of the Buddies policy (``004_82faaa97975dc483.txt``, Compliance / Personal Care) and of the
product decisions in PRODUCT.md, "Personal care (Buddies: the service does not provide it)". Each table row is
one case: what staff would do, and the answer with the rules that decide it.
"""

# ruff: noqa: E501 (each case of a table is kept on one line)

from __future__ import annotations

import json

import attrs
import pytest

import carerules as cr
from carerules import Activity, AwayFromHome, AwayReading, CanDecide, CareAnswer, HelpKind, Place, Task
from carerules.serialisation import from_data, to_data

PHYSICAL = HelpKind.PHYSICAL_ASSISTANCE
BOTH = HelpKind.PROMPTING_AND_SUPERVISION
PROMPTING_ONLY = HelpKind.PROMPTING_ONLY
SUPERVISION_ONLY = HelpKind.SUPERVISION_ONLY
AWAY, HOME = Place.ELSEWHERE, Place.OWN_HOME
UNCLEAR, PERSONAL, PERMITTED = CareAnswer.UNCLEAR, CareAnswer.PERSONAL_CARE, CareAnswer.PERMITTED

PHYSICAL_RULE = "care.personal-care.physical-assistance"
PHYSICAL_AWAY = "care.personal-care.physical-away-from-home"
PROMPTING_RULE = "care.personal-care.prompting-and-supervision"
PROMPTING_AWAY = "care.personal-care.prompting-away-from-home"
ASK = "care.personal-care.unclear"
ESCALATE = "care.personal-care.escalate"
CAN_DECIDE = "care.personal-care.person-can-decide"


def reading(physical: AwayReading = AwayReading.UNCLEAR, prompting: AwayReading = AwayReading.UNCLEAR) -> cr.Policy:
    """The Buddies policy with the provider's own reading of help away from where the person is living."""
    return attrs.evolve(cr.BUDDIES, care=cr.CareBoundaries(away_from_home=AwayFromHome(physical, prompting)))


# --- The definition's place (issue 15, item 7) --------------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "task", "answer", "rules"),
    [
        ("holding a cup at a cafe", Task(Activity.EATING_DRINKING, PHYSICAL, AWAY), UNCLEAR, (PHYSICAL_RULE, PHYSICAL_AWAY, ASK)),
        ("dressing after swimming", Task(Activity.DRESSING, PHYSICAL, AWAY, CanDecide.NO), UNCLEAR, (PHYSICAL_RULE, PHYSICAL_AWAY, ASK)),
        ("toileting prompts at the park", Task(Activity.TOILETING, BOTH, AWAY, CanDecide.NO), UNCLEAR, (PROMPTING_AWAY, ASK)),
        ("the same, capacity unrecorded", Task(Activity.TOILETING, BOTH, AWAY), UNCLEAR, (PROMPTING_AWAY, ASK)),
        ("prompting someone who can decide", Task(Activity.TOILETING, BOTH, AWAY, CanDecide.YES), PERMITTED, (CAN_DECIDE,)),
        ("brushing hair at the park", Task(Activity.BRUSHING_HAIR, PHYSICAL, AWAY), PERMITTED, (PHYSICAL_RULE, "care.permitted.brushing-hair")),
        ("washing at home", Task(Activity.WASHING_BATHING, PHYSICAL, HOME), PERSONAL, (PHYSICAL_RULE, ESCALATE)),
        ("washing, place not recorded", Task(Activity.WASHING_BATHING, PHYSICAL), PERSONAL, (PHYSICAL_RULE, ESCALATE)),
    ],
)  # fmt: skip
def test_help_away_from_where_the_person_is_living_is_unclear_under_the_built_in_policy(
    case: str, task: Task, answer: CareAnswer, rules: tuple[str, ...]
) -> None:
    """Compliance / Personal Care: the definition covers people where they are living, and the service offers no
    personal care in any form; PRODUCT.md decides that help away from there is unclear (ask management)."""
    decision = cr.classify_task(task, cr.BUDDIES)
    assert (decision.answer, decision.rule_ids) == (answer, rules), case


def test_help_with_a_cup_at_a_cafe_states_both_halves_and_asks_management() -> None:
    """Compliance / Personal Care, "in their homes, or where they are living at the time" and "not able to offer any
    form of personal care": the reason says both, and the action is to ask, not to refuse and tell the CEO."""
    decision = cr.classify_task(Task(Activity.EATING_DRINKING, PHYSICAL, AWAY), cr.BUDDIES)
    assert decision.explain() == (
        "[care.personal-care.physical-assistance] physical assistance with eating or drinking; "
        "set aside by care.personal-care.physical-away-from-home\n"
        "[care.personal-care.physical-away-from-home] physical assistance with eating or drinking away from where "
        "the person is living: the definition covers support where the person is living, and the service offers no "
        "personal care in any form, so it is unclear\n"
        "[care.personal-care.unclear] ask management before giving this help with eating or drinking"
    )
    assert decision.answer.action_in(cr.BUDDIES) == "ask management before doing it"
    assert decision.missing == ()


def test_prompting_and_supervising_toileting_away_from_home_is_never_silently_permitted() -> None:
    """Compliance / Personal Care, part (b) and "in their own home": away from home it used to come back permitted
    for a person who cannot decide; now it is unclear, with both halves stated."""
    decision = cr.classify_task(Task(Activity.TOILETING, BOTH, AWAY, CanDecide.NO), cr.BUDDIES)
    assert decision.answer is UNCLEAR
    assert decision.explain() == (
        "[care.personal-care.prompting-away-from-home] prompting and supervising toileting away from where the "
        "person is living: the definition covers support where the person is living, and the service offers no "
        "personal care in any form, so it is unclear\n"
        "[care.personal-care.unclear] ask management before giving this help with toileting"
    )


P, U, PC = AwayReading.PERMITTED, AwayReading.UNCLEAR, AwayReading.PERSONAL_CARE


@pytest.mark.parametrize(
    ("physical", "prompting", "task", "answer", "rules"),
    [
        (PC, U, Task(Activity.EATING_DRINKING, PHYSICAL, AWAY), PERSONAL, (PHYSICAL_RULE, PHYSICAL_AWAY, ESCALATE)),
        (P, U, Task(Activity.EATING_DRINKING, PHYSICAL, AWAY), PERMITTED, (PHYSICAL_RULE, PHYSICAL_AWAY)),
        (P, U, Task(Activity.TOILETING, BOTH, AWAY, CanDecide.NO), UNCLEAR, (PROMPTING_AWAY, ASK)),
        (U, PC, Task(Activity.TOILETING, BOTH, AWAY, CanDecide.NO), PERSONAL, (PROMPTING_AWAY, ESCALATE)),
        (U, PC, Task(Activity.TOILETING, BOTH, AWAY), UNCLEAR, (ASK,)),
        (U, PC, Task(Activity.TOILETING, BOTH, AWAY, CanDecide.YES), PERMITTED, (CAN_DECIDE,)),
        (U, P, Task(Activity.TOILETING, BOTH, AWAY), PERMITTED, (PROMPTING_AWAY,)),
        (U, P, Task(Activity.TOILETING, SUPERVISION_ONLY, AWAY, CanDecide.NO), PERMITTED, ("care.personal-care.supervision-only", PROMPTING_AWAY)),
        (P, P, Task(Activity.EATING_DRINKING, PHYSICAL, HOME), PERSONAL, (PHYSICAL_RULE, ESCALATE)),
        (P, P, Task(Activity.EATING_DRINKING, PHYSICAL), PERSONAL, (PHYSICAL_RULE, ESCALATE)),
        (P, P, Task(Activity.TOILETING, BOTH, HOME, CanDecide.NO), PERSONAL, (PROMPTING_RULE, ESCALATE)),
    ],
)  # fmt: skip
def test_a_provider_may_read_help_away_from_home_as_personal_care_or_permitted(
    physical: AwayReading, prompting: AwayReading, task: Task, answer: CareAnswer, rules: tuple[str, ...]
) -> None:
    """PRODUCT.md, Personal care: a provider's policy may set either case to personal care or to permitted. The
    reading changes answers away from where the person is living only; at home, or with the place not recorded,
    the definition decides. Read as personal care, prompting away from home still needs a person unable to decide."""
    decision = cr.classify_task(task, reading(physical, prompting))
    assert (decision.answer, decision.rule_ids) == (answer, rules)


def test_a_permitted_reading_says_the_policy_permits_it() -> None:
    decision = cr.classify_task(Task(Activity.EATING_DRINKING, PHYSICAL, AWAY), reading(P))
    assert decision.reasons[1].detail.endswith("in any form; this policy permits it")
    strict = cr.classify_task(Task(Activity.TOILETING, BOTH, HOME, CanDecide.NO), reading(prompting=PC))
    assert strict.reasons[0].would_change == "not personal care if the person can decide for themselves"
    lenient = cr.classify_task(Task(Activity.TOILETING, BOTH, HOME, CanDecide.NO), reading(prompting=P))
    assert lenient.reasons[0].would_change == (
        "not personal care if the person can decide for themselves, or away from where they are living"
    )


def test_the_built_in_reading_is_unclear_and_shown_in_the_policy_file() -> None:
    assert cr.BUDDIES.care.away_from_home == AwayFromHome()
    assert to_data(cr.BUDDIES)["care"]["away_from_home"] == {
        "physical_assistance": "unclear",
        "prompting_and_supervision": "unclear",
    }
    assert AwayReading.PERSONAL_CARE.answer is PERSONAL


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: AwayFromHome("sometimes"), "care.away_from_home.physical_assistance"),  # type: ignore[arg-type]
        (lambda: AwayFromHome(prompting_and_supervision="podiatrist-task"), "care.away_from_home.prompting_and_supervision"),  # type: ignore[arg-type]
        (lambda: AwayFromHome(prompting_and_supervision=CareAnswer.PODIATRIST_TASK), "care.away_from_home.prompting_and_supervision"),  # type: ignore[arg-type]
        (lambda: cr.CareBoundaries(away_from_home={"physical_assistance": "unclear"}), "care.away_from_home"),  # type: ignore[arg-type]
    ],
)  # fmt: skip
def test_a_malformed_away_from_home_reading_is_refused_naming_the_field(build: object, field: str) -> None:
    with pytest.raises(cr.InvalidInput) as caught:
        build()  # type: ignore[operator]
    assert caught.value.field == field
    assert isinstance(caught.value, cr.CareRulesError)


def test_a_policy_file_with_a_bad_reading_is_refused_at_its_place() -> None:
    data = to_data(cr.BUDDIES)
    data["care"]["away_from_home"]["physical_assistance"] = "maybe"
    with pytest.raises(cr.ScenarioError) as caught:
        cr.load_policy(data)
    assert caught.value.path == "$.care.away_from_home.physical_assistance"
    assert "'unclear', 'personal-care', 'permitted'" in str(caught.value)


def test_the_reading_round_trips_through_a_policy_file() -> None:
    ours = reading(PC, P)
    back = cr.load_policy(json.loads(json.dumps(to_data(ours))))
    assert back == ours
    assert back.care.away_from_home == AwayFromHome(PC, P)
    assert from_data(to_data(ours.care), cr.CareBoundaries) == ours.care


# --- Kinds of help: part (b) needs both halves (issue 15, item 8) -------------------------------------------


@pytest.mark.parametrize(
    ("task", "answer", "rules", "missing_half"),
    [
        (Task(Activity.TOILETING, PROMPTING_ONLY, HOME, CanDecide.NO), PERMITTED, ("care.personal-care.prompting-only",), "the supervision is missing"),
        (Task(Activity.WASHING_BATHING, PROMPTING_ONLY), PERMITTED, ("care.personal-care.prompting-only",), "the supervision is missing"),
        (Task(Activity.TOILETING, SUPERVISION_ONLY, HOME, CanDecide.NO), UNCLEAR, ("care.personal-care.supervision-only", ASK), "the prompting is missing"),
        (Task(Activity.TOILETING, SUPERVISION_ONLY, AWAY), UNCLEAR, ("care.personal-care.supervision-only", ASK), "the prompting is missing"),
        (Task(Activity.TOILETING, SUPERVISION_ONLY, HOME, CanDecide.YES), PERMITTED, ("care.personal-care.supervision-only", CAN_DECIDE), "the prompting is missing"),
        (Task(Activity.TOILETING, BOTH, HOME, CanDecide.NO), PERSONAL, (PROMPTING_RULE, ESCALATE), None),
    ],
)  # fmt: skip
def test_part_b_needs_prompting_and_supervision_together_and_names_the_missing_half(
    task: Task, answer: CareAnswer, rules: tuple[str, ...], missing_half: str | None
) -> None:
    """Compliance / Personal Care, definition (b): "the prompting and supervision of a person". Prompting alone is
    not part (b), so not personal care; supervision alone is unclear (PRODUCT.md). The reason names the missing
    half."""
    decision = cr.classify_task(task, cr.BUDDIES)
    assert (decision.answer, decision.rule_ids) == (answer, rules)
    if missing_half is not None:
        assert missing_half in decision.reasons[0].detail


def test_prompting_alone_and_supervision_alone_explain_themselves() -> None:
    prompting = cr.classify_task(Task(Activity.TOILETING, PROMPTING_ONLY, HOME, CanDecide.NO), cr.BUDDIES)
    assert prompting.explain() == (
        "[care.personal-care.prompting-only] prompting toileting without supervising it: part (b) needs prompting "
        "and supervision together, and the supervision is missing, so it is not personal care"
    )
    supervision = cr.classify_task(Task(Activity.TOILETING, SUPERVISION_ONLY, HOME, CanDecide.NO), cr.BUDDIES)
    assert supervision.explain() == (
        "[care.personal-care.supervision-only] supervising toileting without prompting: part (b) needs prompting "
        "and supervision together, and the prompting is missing\n"
        "[care.personal-care.unclear] ask management before giving this help with toileting"
    )


def test_the_old_kinds_of_help_keep_their_values() -> None:
    """Existing scenario files keep working: the four original values are unchanged, two are added."""
    assert [h.value for h in HelpKind] == [
        "physical-assistance",
        "prompting-and-supervision",
        "prompting-only",
        "supervision-only",
        "encouragement",
        "checking-afterwards",
    ]


# --- The podiatrist exception is about who does it (issue 15, item 9) ---------------------------------------


@pytest.mark.parametrize("place", list(Place))
def test_nail_care_by_a_podiatrist_is_not_personal_care_and_is_the_podiatrists_task(place: Place) -> None:
    """Compliance / Personal Care, definition (a)(f): nail care by a chiropodist or podiatrist is outside the
    definition; PRODUCT.md: it is the podiatrist's task, not the staff member's, so never "staff may do it"."""
    decision = cr.classify_task(Task(Activity.NAIL_CARE, PHYSICAL, place, by_podiatrist=True), cr.BUDDIES)
    assert decision.answer is CareAnswer.PODIATRIST_TASK
    assert decision.rule_ids == (
        PHYSICAL_RULE,
        "care.personal-care.nail-care-by-podiatrist",
        "care.personal-care.podiatrist-task",
    )
    assert decision.reasons[1].detail == (
        "the nail care is given by a chiropodist or podiatrist, so it is not personal care"
    )
    assert decision.reasons[2].detail == "nail care by a chiropodist or podiatrist is their task, not staff's"
    assert decision.answer.action_in(cr.BUDDIES) == (
        "not personal care, and not for staff: the chiropodist or podiatrist does it"
    )


def test_a_podiatrist_stays_the_podiatrists_even_where_the_provider_permits_staff_nail_care() -> None:
    filing = cr.PermittedTask("filing-nails", cr.CareArea.NAIL_CARE, "a quick file before a party")
    policy = attrs.evolve(cr.BUDDIES, care=cr.CareBoundaries(permitted_tasks=(filing,)))
    assert cr.classify_task(Task("filing-nails", PHYSICAL), policy).answer is PERMITTED
    by_podiatrist = cr.classify_task(Task("filing-nails", PHYSICAL, by_podiatrist=True), policy)
    assert by_podiatrist.answer is CareAnswer.PODIATRIST_TASK
    assert "care.permitted.provider-task" not in by_podiatrist.rule_ids


@pytest.mark.parametrize(
    "help", [BOTH, PROMPTING_ONLY, SUPERVISION_ONLY, HelpKind.ENCOURAGEMENT, HelpKind.CHECKING_AFTERWARDS]
)
def test_prompting_or_supervising_by_a_podiatrist_is_refused_naming_the_field(help: HelpKind) -> None:
    """Compliance / Personal Care, definition (a)(f): the exception is nail care a podiatrist provides; prompting or
    supervising "by a podiatrist" describes no task, so it is refused as input, not answered."""
    with pytest.raises(cr.InvalidInput) as caught:
        Task(Activity.NAIL_CARE, help, by_podiatrist=True)
    assert isinstance(caught.value, cr.CareRulesError)
    assert caught.value.field == "task.by_podiatrist"
    assert caught.value.expected == (
        f"False with {help.value}: a chiropodist or podiatrist gives nail care hands-on (physical-assistance); "
        "prompting or supervising by one describes no task"
    )


def test_a_scenario_with_prompting_by_a_podiatrist_is_refused_at_its_place() -> None:
    case = {
        "service_user": "su-amy",
        "tasks": [{"activity": "nail-care", "help": "prompting-and-supervision", "by_podiatrist": True}],
    }
    with pytest.raises(cr.ScenarioError) as caught:
        from_data(case, cr.CareCase)
    assert caught.value.path.startswith("$.tasks[0]")
    assert "task.by_podiatrist" in str(caught.value)
