"""Care-boundary values: task descriptions, the provider's care data, contact plans."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

import attrs

from carerules._enums import Choice
from carerules._errors import InvalidInput
from carerules._rules import fill_roles, role_ref
from carerules._validate import flag, instance, member, optional_text, plain_text, slug, text


class CareArea(Choice):
    """The areas of life the definition of personal care names."""

    EATING_DRINKING = "eating-drinking"
    TOILETING = "toileting"
    WASHING_BATHING = "washing-bathing"
    DRESSING = "dressing"
    ORAL_CARE = "oral-care"
    SKIN_CARE = "skin-care"
    HAIR_CARE = "hair-care"
    NAIL_CARE = "nail-care"


class Activity(Choice):
    """The built-in activities: the definition's own, and the everyday helps the document names."""

    EATING_DRINKING = "eating-drinking"
    PARENTERAL_NUTRITION = "parenteral-nutrition"
    TOILETING = "toileting"
    MENSTRUAL_CARE = "menstrual-care"
    WASHING_BATHING = "washing-bathing"
    DRESSING = "dressing"
    ORAL_CARE = "oral-care"
    SKIN_CARE = "skin-care"
    HAIR_CARE = "hair-care"
    NAIL_CARE = "nail-care"
    STRAIGHTENING_CLOTHING = "straightening-clothing"
    BRUSHING_HAIR = "brushing-hair"
    DOING_HAIR = "doing-hair"
    DRYING_HAIR = "drying-hair"
    MAKE_UP = "make-up"
    FASTENING_SHOES = "fastening-shoes"


#: The area of the definition each built-in activity falls in.
ACTIVITY_AREA: dict[str, CareArea] = {
    Activity.EATING_DRINKING: CareArea.EATING_DRINKING,
    Activity.PARENTERAL_NUTRITION: CareArea.EATING_DRINKING,
    Activity.TOILETING: CareArea.TOILETING,
    Activity.MENSTRUAL_CARE: CareArea.TOILETING,
    Activity.WASHING_BATHING: CareArea.WASHING_BATHING,
    Activity.DRESSING: CareArea.DRESSING,
    Activity.ORAL_CARE: CareArea.ORAL_CARE,
    Activity.SKIN_CARE: CareArea.SKIN_CARE,
    Activity.HAIR_CARE: CareArea.HAIR_CARE,
    Activity.NAIL_CARE: CareArea.NAIL_CARE,
    Activity.STRAIGHTENING_CLOTHING: CareArea.DRESSING,
    Activity.BRUSHING_HAIR: CareArea.HAIR_CARE,
    Activity.DOING_HAIR: CareArea.HAIR_CARE,
    Activity.DRYING_HAIR: CareArea.HAIR_CARE,
    Activity.MAKE_UP: CareArea.SKIN_CARE,
    Activity.FASTENING_SHOES: CareArea.DRESSING,
}


class HelpKind(Choice):
    """What kind of help staff give with an activity.

    Part (b) of the definition needs prompting *and* supervision together
    (``prompting-and-supervision``); ``prompting-only`` and
    ``supervision-only`` describe one half without the other, so the
    caller's pick never settles more than the description says.
    """

    PHYSICAL_ASSISTANCE = "physical-assistance"
    PROMPTING_AND_SUPERVISION = "prompting-and-supervision"
    PROMPTING_ONLY = "prompting-only"
    SUPERVISION_ONLY = "supervision-only"
    ENCOURAGEMENT = "encouragement"
    CHECKING_AFTERWARDS = "checking-afterwards"


class Place(Choice):
    """Where the task happens: where the person is living (their own home, or wherever they are living at the
    time), elsewhere (away from it: a cafe, a park, a pool), or not known."""

    OWN_HOME = "own-home"
    ELSEWHERE = "elsewhere"
    UNKNOWN = "unknown"


class CanDecide(Choice):
    """Whether the person can decide to do the activity without prompting and supervision."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class CareAnswer(Choice):
    """The classification of a task: permitted, personal care (refuse, escalate), unclear (ask), or a
    podiatrist's task (nail care a chiropodist or podiatrist gives: not personal care, and not for staff)."""

    PERMITTED = "permitted"
    PERSONAL_CARE = "personal-care"
    UNCLEAR = "unclear"
    PODIATRIST_TASK = "podiatrist-task"

    @property
    def action(self) -> str:
        """What staff do with this answer, naming roles by the library's neutral names."""
        return self.action_in(None)

    def action_in(self, policy: _Roles | None) -> str:
        """What staff do with this answer, naming the roles as ``policy`` names them."""
        from carerules._policy._clauses import role_name

        return fill_roles(_ACTIONS[self], policy.role if policy is not None else lambda key: role_name({}, key))


class _Roles(Protocol):
    def role(self, key: str) -> str: ...


_ACTIONS = {
    CareAnswer.PERMITTED: "staff may do it",
    CareAnswer.PERSONAL_CARE: f"refuse and tell {role_ref('escalation')} at once",
    CareAnswer.UNCLEAR: f"ask {role_ref('care_adviser')} before doing it",
    CareAnswer.PODIATRIST_TASK: "not personal care, and not for staff: the chiropodist or podiatrist does it",
}


class AwayReading(Choice):
    """How a policy reads help with a listed activity away from where the person is living.

    The definition covers support where the person is living, while the
    service offers no personal care in any form; the built-in reading is
    ``unclear`` (ask), and a provider may read it as ``personal-care`` or
    ``permitted`` instead.
    """

    UNCLEAR = "unclear"
    PERSONAL_CARE = "personal-care"
    PERMITTED = "permitted"

    @property
    def answer(self) -> CareAnswer:
        """The classification this reading gives."""
        return CareAnswer(self.value)


@attrs.frozen
class AwayFromHome:
    """A policy's reading of help away from where the person is living, one per kind of help.

    ``physical_assistance`` is hands-on help with a listed activity;
    ``prompting_and_supervision`` is part (b)'s prompting and supervision
    (and, when it is ``permitted``, supervision alone too). Both default to
    ``unclear``, the built-in reading.
    """

    physical_assistance: AwayReading = attrs.field(
        default=AwayReading.UNCLEAR, validator=member(AwayReading, "care.away_from_home.physical_assistance")
    )
    prompting_and_supervision: AwayReading = attrs.field(
        default=AwayReading.UNCLEAR, validator=member(AwayReading, "care.away_from_home.prompting_and_supervision")
    )


@attrs.frozen
class Task:
    """A structured description of something staff might do for a person.

    ``activity`` is a built-in :class:`Activity` value or the name of a task
    the provider's policy permits (checked when classified). ``by_podiatrist``
    says that a chiropodist or podiatrist gives nail care hands-on; it is
    refused on a built-in activity other than nail care, and with any help
    but ``physical-assistance`` (prompting or supervising "by a podiatrist"
    describes nothing). Unknown place and capacity are the defaults, so
    nothing is assumed.
    """

    activity: str = attrs.field(validator=slug("task.activity"))
    help: HelpKind = attrs.field(validator=member(HelpKind, "task.help"))
    place: Place = attrs.field(default=Place.UNKNOWN, validator=member(Place, "task.place"))
    can_decide: CanDecide = attrs.field(default=CanDecide.UNKNOWN, validator=member(CanDecide, "task.can_decide"))
    by_podiatrist: bool = attrs.field(default=False, validator=flag("task.by_podiatrist"))
    id: str | None = attrs.field(default=None, validator=optional_text("task.id"))

    def __attrs_post_init__(self) -> None:
        if not self.by_podiatrist:
            return
        area = ACTIVITY_AREA.get(self.activity)
        if area is not None and area is not CareArea.NAIL_CARE:
            raise InvalidInput(
                "task.by_podiatrist", True, f"False: a chiropodist or podiatrist gives nail care, not {self.activity}"
            )
        if self.help is not HelpKind.PHYSICAL_ASSISTANCE:
            raise InvalidInput(
                "task.by_podiatrist",
                True,
                f"False with {self.help.value}: a chiropodist or podiatrist gives nail care hands-on "
                "(physical-assistance); prompting or supervising by one describes no task",
            )


@attrs.frozen
class PermittedTask:
    """A task a provider permits staff to do, in one area of the definition.

    ``name`` must not be a built-in activity's; ``summary`` says why it is
    permitted, in the provider's words (shown in explanations).
    """

    name: str = attrs.field(validator=slug("permitted_task.name"))
    area: CareArea = attrs.field(validator=member(CareArea, "permitted_task.area"))
    summary: str = attrs.field(validator=text("permitted_task.summary"))

    def __attrs_post_init__(self) -> None:
        if self.name in ACTIVITY_AREA:
            raise InvalidInput("permitted_task.name", self.name, "a name that is not a built-in activity")


class ContactKind(Choice):
    """The built-in kinds of physical contact; a provider's policy may add more."""

    HUG = "hug"
    HANDSHAKE = "handshake"
    GUIDING_BY_TOUCH = "guiding-by-touch"


#: The built-in contact kinds' names.
BUILTIN_CONTACT_KINDS = frozenset(k.value for k in ContactKind)


def items(field: str, value: Any, *, sensitive: bool = False) -> tuple[Any, ...]:
    """``value`` as a tuple; :class:`InvalidInput` unless it is a list-like collection (not text, not a dict)."""
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise InvalidInput(field, value, "a list", sensitive=sensitive)
    return tuple(value)


def _permitted(value: Iterable[PermittedTask]) -> tuple[PermittedTask, ...]:
    tasks = items("care.permitted_tasks", value)
    seen: set[str] = set()
    for t in tasks:
        if not isinstance(t, PermittedTask):
            raise InvalidInput("care.permitted_tasks", t, "PermittedTask objects")
        if t.name in seen:
            raise InvalidInput("care.permitted_tasks", t.name, "each task name listed once")
        seen.add(t.name)
    return tasks


def _kinds(value: Iterable[str]) -> tuple[str, ...]:
    kinds = items("care.contact_kinds", value)
    check = slug("care.contact_kinds")
    for k in kinds:
        check(None, None, k)
        if k in BUILTIN_CONTACT_KINDS or kinds.count(k) > 1:
            raise InvalidInput("care.contact_kinds", k, "a new kind, listed once and not built in")
    return kinds


@attrs.frozen(cache_hash=True)
class CareBoundaries:
    """A provider's own additions to the care rules, held by :attr:`Policy.care`.

    ``permitted_tasks`` are tasks staff may do although their area is
    personal care (each overrides the general definition, like the
    document's own examples); ``contact_kinds`` are kinds of physical contact
    beyond hug, handshake and guiding by touch; ``away_from_home`` is how the
    provider reads help away from where the person is living (built in:
    unclear, ask).
    """

    permitted_tasks: tuple[PermittedTask, ...] = attrs.field(default=(), converter=_permitted)
    contact_kinds: tuple[str, ...] = attrs.field(default=(), converter=_kinds)
    away_from_home: AwayFromHome = attrs.field(
        factory=AwayFromHome, validator=instance(AwayFromHome, "care.away_from_home")
    )

    def area_of(self, activity: str) -> CareArea | None:
        """The area ``activity`` falls in, or ``None`` when neither built in nor permitted here."""
        area = ACTIVITY_AREA.get(activity)
        if area is not None:
            return area
        for t in self.permitted_tasks:
            if t.name == activity:
                return t.area
        return None

    def knows_contact(self, kind: str) -> bool:
        """True for a built-in contact kind or one this policy adds."""
        return kind in BUILTIN_CONTACT_KINDS or kind in self.contact_kinds


def _kind_set(field: str, value: Iterable[str]) -> frozenset[str]:
    kinds = frozenset(items(field, value, sensitive=True))
    check = slug(field, sensitive=True)
    for k in kinds:
        check(None, None, k)
    return kinds


def _appropriate(value: Iterable[str]) -> frozenset[str]:
    return _kind_set("contact_plan.appropriate", value)


def _ruled_out(value: Iterable[str]) -> frozenset[str]:
    return _kind_set("contact_plan.ruled_out", value)


@attrs.frozen
class ContactPlan:
    """What a person's Information Pack or Service Plan says about physical contact.

    A kind may be listed as appropriate or ruled out, not both. Kinds the
    plan does not name are referred to the leadership team.
    """

    service_user: str = attrs.field(validator=text("contact_plan.service_user"))
    appropriate: frozenset[str] = attrs.field(default=frozenset(), converter=_appropriate, repr=False)
    ruled_out: frozenset[str] = attrs.field(default=frozenset(), converter=_ruled_out, repr=False)
    note: str = attrs.field(default="", validator=plain_text("contact_plan.note", sensitive=True), repr=False)

    def __attrs_post_init__(self) -> None:
        both = self.appropriate & self.ruled_out
        if both:
            raise InvalidInput(
                "contact_plan.ruled_out", sorted(both), "kinds not also listed as appropriate", sensitive=True
            )
